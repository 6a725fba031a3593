//! Secrets never leave the process unless the user asked (`--show-token`): one masker for every
//! place text goes out (dry-run diffs, `--export` on a terminal, `--debug` logs, error messages,
//! panic messages).
//!
//! A secret is found two ways, and both run on every text:
//! - by value: the token login received and the AWS credentials in the environment are
//!   registered ([`register`]) and replaced wherever they appear, whatever surrounds them;
//! - by syntax: a value that looks like a credential in any of the files and headers we handle,
//!   whoever wrote it (an older token, someone else's password): `key=value`, `key: value`,
//!   `key = "value"` and `"key": "value"` whose key names a token, password, secret, API key,
//!   signature or Bundler credential (`BUNDLE_HOST__COM`); URLs with `user:password@`; `Bearer`
//!   and `Basic` credentials; XML `<password>` elements and NuGet's `key="ClearTextPassword"
//!   value="..."`; `.netrc` `password`/`account` words; JWT-shaped strings.
//!
//! Masking more than needed is harmless (the text is for a human); masking less is a leak, so
//! the rules err on the wide side. Every rule keeps the line's shape (keys, quotes, separators),
//! so a masked diff still shows what changes where.

use std::borrow::Cow;
use std::sync::{Mutex, OnceLock};

use regex::{Captures, Regex};

/// What a secret is replaced with.
pub const MASK: &str = "****";

/// Registered secret values shorter than this are ignored: masking a short common string
/// everywhere would garble unrelated text, and real tokens and keys are far longer.
const MIN_KNOWN: usize = 8;

fn known() -> &'static Mutex<Vec<String>> {
    static KNOWN: OnceLock<Mutex<Vec<String>>> = OnceLock::new();
    KNOWN.get_or_init(|| {
        // Credentials the SDK reads from the environment: a debug log or an error must not
        // show them either.
        let from_env = [
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN",
            "AWS_SECURITY_TOKEN",
            "CODEARTIFACT_AUTH_TOKEN",
        ]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .filter(|v| v.len() >= 2 * MIN_KNOWN)
        .collect();
        Mutex::new(from_env)
    })
}

/// Makes `secret` masked wherever it appears from now on (login calls it with each token it
/// receives).
pub fn register(secret: &str) {
    if secret.len() < MIN_KNOWN {
        return;
    }
    let mut k = known().lock().unwrap_or_else(|e| e.into_inner());
    if !k.iter().any(|s| s == secret) {
        k.push(secret.to_string());
        // Longest first, so a secret containing another is replaced whole.
        k.sort_by_key(|s| std::cmp::Reverse(s.len()));
    }
}

/// The key-name part of a credential: anything around one of these words.
const KEY_WORDS: &str = r"token|password|passwd|passphrase|secret|_auth\b|authident|api[_-]?key|signature|authorization";

struct Rules {
    key_value: Regex,
    url_userinfo: Regex,
    bearer: Regex,
    xml_element: Regex,
    xml_key_value: Regex,
    jwt: Regex,
}

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        let quoted = r#"\\"(?:[^"\\]|\\[^"])*\\"|"(?:[^"\\]|\\.)*"|'[^']*'"#;
        Rules {
            // key (a credential word, or a Bundler host key), optional closing quote, `=` or
            // `:`, then a quoted or bare value.
            key_value: Regex::new(&format!(
                r#"(?i)((?:[\w.\-]*(?:{KEY_WORDS})[\w.\-]*|BUNDLE_\w*__\w+)(?:\\?["'])?\s*[:=]\s*)({quoted}|[^\s"'<>;,&)}}\]]+)"#
            ))
            .expect("valid regex"),
            url_userinfo: Regex::new(r#"(?i)([a-z][a-z0-9+.\-]*://[^\s/:@"'<>]*:)([^\s/@"'<>]+)@"#)
                .expect("valid regex"),
            bearer: Regex::new(r"(?i)\b((?:Bearer|Basic)\s+)([A-Za-z0-9\-._~+/]{16,}=*)")
                .expect("valid regex"),
            xml_element: Regex::new(&format!(
                r"(?i)(<(?:[\w.\-]+:)?[\w.\-]*(?:{KEY_WORDS}|privatekey)[\w.\-]*(?:\s[^>]*)?>)([^<]*)"
            ))
            .expect("valid regex"),
            xml_key_value: Regex::new(&format!(
                r#"(?i)(\bkey\s*=\s*(?:"[^"]*(?:{KEY_WORDS})[^"]*"|'[^']*(?:{KEY_WORDS})[^']*')\s+value\s*=\s*)("[^"]*"|'[^']*')"#
            ))
            .expect("valid regex"),
            jwt: Regex::new(r"\beyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-.]+").expect("valid regex"),
        }
    })
}

/// A value with its quotes kept and its content masked; an empty value stays empty.
fn masked_value(v: &str) -> String {
    for q in ["\\\"", "\"", "'"] {
        if v.len() >= 2 * q.len() && v.starts_with(q) && v.ends_with(q) {
            let inner = &v[q.len()..v.len() - q.len()];
            return if inner.is_empty() {
                v.to_string()
            } else {
                format!("{q}{MASK}{q}")
            };
        }
    }
    MASK.to_string()
}

fn keep_first_mask_second(c: &Captures<'_>) -> String {
    let value = &c[2];
    if value.trim().is_empty() || value == MASK {
        c[0].to_string()
    } else {
        format!("{}{}", &c[1], masked_value(value))
    }
}

/// `.netrc` words: in a line whose first word is a netrc keyword, the word after `password`
/// (or `account`) is a secret.
fn mask_netrc_line(line: &str) -> Cow<'_, str> {
    const KEYWORDS: [&str; 6] = [
        "machine", "default", "login", "password", "account", "macdef",
    ];
    let first = line.split_whitespace().next().unwrap_or("");
    if !KEYWORDS.contains(&first) {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut secret_next = false;
    let mut rest = line;
    while !rest.is_empty() {
        let ws = rest.len() - rest.trim_start().len();
        out.push_str(&rest[..ws]);
        rest = &rest[ws..];
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..end];
        if word.is_empty() {
            break;
        }
        // `password = x` is an ini line, already masked by the key-value rule.
        if secret_next && word != MASK && !word.starts_with(['=', ':']) {
            out.push_str(MASK);
        } else {
            out.push_str(word);
        }
        secret_next = matches!(word, "password" | "account");
        rest = &rest[end..];
    }
    Cow::Owned(out)
}

/// `text` with every secret masked (see the module documentation for what counts).
pub fn mask(text: &str) -> Cow<'_, str> {
    let mut s = Cow::Borrowed(text);
    {
        let k = known().lock().unwrap_or_else(|e| e.into_inner());
        for secret in k.iter() {
            if s.contains(secret.as_str()) {
                s = Cow::Owned(s.replace(secret.as_str(), MASK));
            }
        }
    }
    let r = rules();
    let apply = |s: Cow<'_, str>, re: &Regex| -> String {
        re.replace_all(&s, keep_first_mask_second).into_owned()
    };
    let mut t = s.into_owned();
    t = r.jwt.replace_all(&t, MASK).into_owned();
    t = r
        .url_userinfo
        .replace_all(&t, |c: &Captures<'_>| format!("{}{MASK}@", &c[1]))
        .into_owned();
    t = apply(Cow::Owned(t), &r.bearer);
    t = apply(Cow::Owned(t), &r.xml_key_value);
    t = apply(Cow::Owned(t), &r.xml_element);
    t = apply(Cow::Owned(t), &r.key_value);
    let lines: Vec<Cow<'_, str>> = t.split('\n').map(mask_netrc_line).collect();
    let joined = lines.join("\n");
    if joined == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(joined)
    }
}

/// A unified diff with every secret masked: each line is masked without its `-`/`+`/` ` prefix,
/// so the `.netrc` rule sees the file's own line.
pub fn mask_diff(diff: &str) -> String {
    let mut out = String::with_capacity(diff.len());
    for line in diff.split_inclusive('\n') {
        let (prefix, body) = match line.chars().next() {
            Some(c @ ('-' | '+' | ' ')) if !line.starts_with("---") && !line.starts_with("+++") => {
                line.split_at(c.len_utf8())
            }
            _ => ("", line),
        };
        out.push_str(prefix);
        out.push_str(&mask(body));
    }
    out
}

/// An error whose message is masked (login's errors may name values read from files).
pub fn mask_error(e: crate::error::Error) -> crate::error::Error {
    use crate::error::Error;
    let m = |s: String| mask(&s).into_owned();
    match e {
        Error::Usage(s) => Error::Usage(m(s)),
        Error::Config(s) => Error::Config(m(s)),
        Error::Other(s) => Error::Other(m(s)),
        Error::OutputClosed => Error::OutputClosed,
        Error::Interrupted => Error::Interrupted,
        Error::Service {
            operation,
            code,
            message,
        } => Error::Service {
            operation,
            code,
            message: m(message),
        },
    }
}

/// A writer for log lines (`--debug`): each event is buffered and written masked to stderr.
pub struct MaskedStderr;

/// One log event's text, masked and written to stderr when the event is done.
pub struct MaskedEvent(Vec<u8>);

impl std::io::Write for MaskedEvent {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for MaskedEvent {
    fn drop(&mut self) {
        let text = String::from_utf8_lossy(&self.0);
        // Nothing to do about a closed stderr: the log is best effort.
        let _ = std::io::Write::write_all(&mut std::io::stderr().lock(), mask(&text).as_bytes());
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for MaskedStderr {
    type Writer = MaskedEvent;
    fn make_writer(&'a self) -> MaskedEvent {
        MaskedEvent(Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> String {
        mask(s).into_owned()
    }

    #[test]
    fn every_file_syntax_login_writes_is_masked() {
        let cases = [
            (
                "//h/npm/r/:_authToken=abc123XYZ",
                "//h/npm/r/:_authToken=****",
            ),
            ("npmAuthToken: \"abc123XYZ\"", "npmAuthToken: \"****\""),
            (
                "index-url = https://aws:abc123XYZ@h/pypi/r/simple/",
                "index-url = https://aws:****@h/pypi/r/simple/",
            ),
            ("password = abc123XYZ", "password = ****"),
            (
                "  <password>abc123XYZ</password>",
                "  <password>****</password>",
            ),
            ("codeartifactToken=abc123XYZ", "codeartifactToken=****"),
            (
                "<add key=\"ClearTextPassword\" value=\"abc123XYZ\" />",
                "<add key=\"ClearTextPassword\" value=\"****\" />",
            ),
            (
                "machine h login token password abc123XYZ",
                "machine h login token password ****",
            ),
            ("token = \"abc123XYZ\"", "token = \"****\""),
            (
                "registry = { url = \"https://h/\", token = \"abc123XYZ\" }",
                "registry = { url = \"https://h/\", token = \"****\" }",
            ),
            (
                "- https://aws:abc123XYZ@h/ruby/r/",
                "- https://aws:****@h/ruby/r/",
            ),
            (
                "BUNDLE_H__COM: \"aws:abc123XYZ\"",
                "BUNDLE_H__COM: \"****\"",
            ),
            (
                "\"https://h/ruby/r\": \"Bearer abc123XYZabc123XYZ\"",
                "\"https://h/ruby/r\": \"Bearer ****\"",
            ),
            (
                "x-amz-security-token: abc123XYZ",
                "x-amz-security-token: ****",
            ),
            (
                "NuGetPackageSourceCredentials_d=Username=aws;Password=abc123XYZ",
                "NuGetPackageSourceCredentials_d=Username=aws;Password=****",
            ),
            (
                "{\\\"authorizationToken\\\":\\\"abc123XYZ\\\"}",
                "{\\\"authorizationToken\\\":\\\"****\\\"}",
            ),
        ];
        for (plain, masked) in cases {
            assert_eq!(m(plain), masked, "{plain}");
            assert!(!m(plain).contains("abc123XYZ"), "{plain}");
        }
    }

    #[test]
    fn what_is_not_a_secret_is_left_alone() {
        for s in [
            "registry=https://h/npm/r/",
            "credential-provider = \"cargo:token\"",
            "npmAlwaysAuth: true",
            "username = aws",
            "\"type\": \"token\"",
            "Successfully configured npm to use AWS CodeArtifact repository https://h/ ",
            "login --tool npm --show-token",
        ] {
            assert_eq!(m(s), s);
        }
    }

    #[test]
    fn registered_values_are_masked_anywhere() {
        register("REGISTERED-SECRET-VALUE");
        assert_eq!(m("x REGISTERED-SECRET-VALUEy"), "x ****y");
    }

    #[test]
    fn diffs_keep_their_prefixes() {
        let d = "--- a\n+++ a\n@@ -1 +1 @@\n-password x1234567\n+machine h password y1234567\n";
        assert_eq!(
            mask_diff(d),
            "--- a\n+++ a\n@@ -1 +1 @@\n-password ****\n+machine h password ****\n"
        );
    }
}
