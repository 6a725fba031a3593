//! The `keyring` command protocol, as pip (`--keyring-provider subprocess`) and uv
//! (`keyring-provider = "subprocess"`) run it: `keyring get SERVICE USERNAME` prints the
//! password, and uv's `keyring get SERVICE --mode creds` prints the user name and the password
//! on two lines; a non-zero exit means "none". SERVICE is an index URL or a bare `host[:port]`.
//!
//! `codeartifact` answers it when called as `keyring` (a link made by `codeartifact keyring
//! install`) for CodeArtifact repository URLs, with a token from the token cache. For anything
//! else it runs the next `keyring` on PATH (a real keyring, say for another index) with the same
//! arguments, or exits 1 when there is none: installing the link never takes a real keyring's
//! place.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use super::{Options, RepoUrl, answers_for, runtime, token_for};
use crate::error::{Error, Result};

/// What pip and uv ask.
#[derive(Debug, PartialEq, Eq)]
struct Get {
    service: String,
    username: Option<String>,
    /// `--mode creds`: print the user name too.
    creds: bool,
}

/// `get SERVICE [USERNAME]` with `--mode password|creds` anywhere; `None` for anything else
/// (`set`, `del`, other options), which a real keyring may know.
fn parse(args: &[OsString]) -> Option<Get> {
    let mut positional: Vec<String> = Vec::new();
    let mut creds = false;
    let mut it = args.iter().map(|a| a.to_str());
    while let Some(a) = it.next() {
        match a? {
            "--mode" | "-m" => creds = it.next()?? == "creds",
            "--mode=creds" => creds = true,
            "--mode=password" => creds = false,
            a if a.starts_with('-') => return None,
            a => positional.push(a.to_string()),
        }
    }
    let mut p = positional.into_iter();
    if p.next()? != "get" {
        return None;
    }
    let service = p.next()?;
    let username = p.next();
    if p.next().is_some() {
        return None;
    }
    Some(Get {
        service,
        username,
        creds,
    })
}

/// `keyring ARGS...`: answers, hands over to the next keyring, or exits 1.
pub fn main(args: &[OsString]) -> i32 {
    let Some(get) = parse(args) else {
        return next_keyring(args);
    };
    let Some(url) = RepoUrl::parse(&get.service) else {
        return next_keyring(args);
    };
    let opts = match Options::parse(&[]) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("codeartifact keyring: {e}");
            return 1;
        }
    };
    if !answers_for(&url, &opts.settings) {
        return next_keyring(args);
    }
    let token = runtime().and_then(|rt| rt.block_on(token_for(&url, &opts)));
    match token {
        Ok(token) => {
            let username = get.username.as_deref().unwrap_or("aws");
            let answer = if get.creds {
                format!("{username}\n{}\n", token.value)
            } else {
                format!("{}\n", token.value)
            };
            i32::from(crate::output::stdout::print(answer.as_bytes()).is_err())
        }
        Err(e) => {
            eprintln!(
                "codeartifact keyring: cannot get a token for domain {} (owner {}): {}",
                url.domain,
                url.owner,
                e.to_string().trim()
            );
            1
        }
    }
}

/// This executable, resolved, to tell links to it from other programs.
fn this_program() -> Option<PathBuf> {
    std::env::current_exe().and_then(std::fs::canonicalize).ok()
}

fn is_us(candidate: &Path, us: Option<&Path>) -> bool {
    std::fs::canonicalize(candidate).ok().as_deref() == us
}

/// Every `keyring` on PATH, in PATH order.
fn keyrings_on_path() -> Vec<PathBuf> {
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|d| d.join("keyring"))
        .filter(|p| is_executable(p))
        .collect()
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Whether the `keyring` pip and uv would run is this program.
pub fn installed() -> bool {
    keyrings_on_path()
        .first()
        .is_some_and(|k| is_us(k, this_program().as_deref()))
}

/// Runs the first `keyring` on PATH that is not this program with `args`; 1 when there is none.
fn next_keyring(args: &[OsString]) -> i32 {
    use std::os::unix::process::CommandExt;
    let us = this_program();
    let Some(next) = keyrings_on_path()
        .into_iter()
        .find(|p| !is_us(p, us.as_deref()))
    else {
        return 1;
    };
    let e = std::process::Command::new(&next).args(args).exec();
    eprintln!("codeartifact keyring: cannot run {}: {e}", next.display());
    1
}

#[derive(clap::Args, Debug, Clone, Default)]
pub struct InstallArgs {
    /// The folder for the link [default: ~/.local/bin when it is on PATH, else the first folder
    /// of yours on PATH]
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// `codeartifact keyring install`: links `DIR/keyring` to this program. The default DIR is the
/// first folder of the user's on PATH (`~/.local/bin` when it is there). A `keyring` that is
/// another program is never replaced; one that PATH finds first is reported, since pip and uv
/// would run it instead.
pub fn install(dir: Option<&Path>) -> Result<String> {
    let us =
        this_program().ok_or_else(|| Error::other("cannot find the codeartifact executable"))?;
    let dir = match dir {
        Some(d) => d.to_path_buf(),
        None => default_dir()?,
    };
    let link = dir.join("keyring");
    let mut message = String::new();
    match std::fs::symlink_metadata(&link) {
        Ok(_) if is_us(&link, Some(&us)) => {
            message.push_str(&format!(
                "{} already runs {}\n",
                link.display(),
                us.display()
            ));
        }
        // A link to another codeartifact (an older build) is ours to update.
        Ok(m)
            if m.file_type().is_symlink()
                && std::fs::read_link(&link)
                    .is_ok_and(|t| t.file_stem() == Some(OsStr::new("codeartifact"))) =>
        {
            replace_link(&us, &link)?;
            message.push_str(&format!("Updated {} -> {}\n", link.display(), us.display()));
        }
        Ok(_) => {
            return Err(Error::other(format!(
                "{} exists and is another program (a keyring of its own?); it was left alone\n\
                 hint: pass --dir with a folder that comes before it on PATH: codeartifact hands \
                 the URLs it does not know to it",
                link.display()
            )));
        }
        Err(_) => {
            std::fs::create_dir_all(&dir)
                .map_err(|e| Error::other(format!("cannot create {}: {e}", dir.display())))?;
            replace_link(&us, &link)?;
            message.push_str(&format!(
                "Installed {} -> {}\n",
                link.display(),
                us.display()
            ));
        }
    }
    match keyrings_on_path().first() {
        Some(first) if is_us(first, Some(&us)) => {}
        Some(first) => message.push_str(&format!(
            "warning: pip and uv run {} first; put {} before its folder on PATH\n",
            first.display(),
            dir.display()
        )),
        None => message.push_str(&format!(
            "warning: {} is not on PATH; add it so pip and uv find keyring\n",
            dir.display()
        )),
    }
    Ok(message)
}

/// Points `link` at `target`, atomically (a new link renamed over the old one).
fn replace_link(target: &Path, link: &Path) -> Result<()> {
    let tmp = link.with_file_name(format!(".keyring.{}.tmp", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    std::os::unix::fs::symlink(target, &tmp)
        .and_then(|()| std::fs::rename(&tmp, link))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Error::other(format!("cannot create {}: {e}", link.display()))
        })
}

/// `~/.local/bin` when it is on PATH, else the first folder on PATH inside the home folder.
fn default_dir() -> Result<PathBuf> {
    let home = std::env::home_dir()
        .filter(|h| !h.as_os_str().is_empty())
        .ok_or_else(|| Error::config("cannot find your home folder (set HOME)"))?;
    let path: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    let local_bin = home.join(".local").join("bin");
    if path.contains(&local_bin) {
        return Ok(local_bin);
    }
    path.into_iter()
        .find(|d| d.starts_with(&home) && d.is_dir())
        .ok_or_else(|| {
            Error::usage(format!(
                "no folder inside {} is on PATH; pass --dir (and put that folder on PATH)",
                home.display()
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<OsString> {
        a.iter().map(OsString::from).collect()
    }

    #[test]
    fn pip_and_uv_requests_parse() {
        assert_eq!(
            parse(&args(&["get", "https://h/simple/", "aws"])),
            Some(Get {
                service: "https://h/simple/".into(),
                username: Some("aws".into()),
                creds: false
            })
        );
        assert_eq!(
            parse(&args(&["get", "https://h/simple/", "--mode", "creds"])),
            Some(Get {
                service: "https://h/simple/".into(),
                username: None,
                creds: true
            })
        );
        assert!(parse(&args(&["--mode=creds", "get", "h"])).is_some_and(|g| g.creds));
        for other in [
            &["set", "h", "aws"][..],
            &["get"],
            &["get", "a", "b", "c"],
            &["--list-backends"],
            &["get", "h", "--mode"],
        ] {
            assert_eq!(parse(&args(other)), None, "{other:?}");
        }
    }
}
