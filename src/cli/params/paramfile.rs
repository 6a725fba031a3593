//! `file://` and `fileb://` parameter values (awscli/paramfile.py).
//!
//! The AWS CLI also follows `http://` and `https://` values (cli_follow_urlparam); this client
//! never fetches a URL named by a parameter: such values stay literal, as in AWS CLI v2.

use super::py::{Py, str_repr};

/// The contents named by `value` if it is a `file://` or `fileb://` reference, else `None`.
/// The error text is the AWS CLI's ResourceLoadingError message.
pub fn get_paramfile(value: &str) -> Option<Result<Py, String>> {
    if let Some(rest) = value.strip_prefix("file://") {
        Some(read(value, rest, false))
    } else {
        value
            .strip_prefix("fileb://")
            .map(|rest| read(value, rest, true))
    }
}

fn read(value: &str, rest: &str, binary: bool) -> Result<Py, String> {
    let path = expanduser(&expandvars(rest));
    let bytes = std::fs::read(&path)
        .map_err(|e| format!("Unable to load paramfile {value}: {}", os_error(&e, &path)))?;
    if binary {
        return Ok(Py::Bytes(bytes));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Py::Str(universal_newlines(&text))),
        Err(_) => Err(format!(
            "Unable to load paramfile ({path}), text contents could not be decoded.  If this is a \
             binary file, please use the fileb:// prefix instead of the file:// prefix."
        )),
    }
}

/// Python text mode reads `\r\n` and `\r` as `\n`.
fn universal_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Python's `str(OSError)`: `[Errno 2] No such file or directory: 'x'`.
pub fn os_error(e: &std::io::Error, path: &str) -> String {
    match e.raw_os_error() {
        Some(code) => {
            let text = e.to_string();
            let strerror = text
                .strip_suffix(&format!(" (os error {code})"))
                .unwrap_or(&text);
            format!("[Errno {code}] {strerror}: {}", str_repr(path))
        }
        None => e.to_string(),
    }
}

/// `os.path.expandvars`: `$NAME` and `${NAME}` of set variables; unset ones stay as written.
pub fn expandvars(path: &str) -> String {
    if !path.contains('$') {
        return path.to_string();
    }
    let chars: Vec<char> = path.chars().collect();
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '$' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let (name, end) = if chars.get(i + 1) == Some(&'{') {
            match chars[i + 2..].iter().position(|c| *c == '}') {
                Some(close) => (
                    chars[i + 2..i + 2 + close].iter().collect::<String>(),
                    i + 3 + close,
                ),
                None => (String::new(), i + 1),
            }
        } else {
            let mut j = i + 1;
            while j < chars.len() && word(chars[j]) {
                j += 1;
            }
            (chars[i + 1..j].iter().collect(), j)
        };
        match std::env::var(&name) {
            Ok(v) if end > i + 1 => {
                out.push_str(&v);
                i = end;
            }
            _ => {
                out.push('$');
                i += 1;
            }
        }
    }
    out
}

/// `os.path.expanduser` for `~` and `~/...` (from HOME); `~user` stays as written.
pub fn expanduser(path: &str) -> String {
    if path != "~" && !path.starts_with("~/") {
        return path.to_string();
    }
    let Ok(home) = std::env::var("HOME") else {
        return path.to_string();
    };
    let home = home.trim_end_matches('/');
    let joined = format!("{home}{}", &path[1..]);
    if joined.is_empty() {
        "/".to_string()
    } else {
        joined
    }
}
