//! pip: `[global] index-url` (or `extra-index-url`) in pip.conf, the token in the URL as the AWS
//! CLI writes it (`https://aws:TOKEN@host/pypi/repo/simple/`). With the keyring
//! (`Credential::Keyring`) the URL holds the user `aws` only, and `keyring-provider =
//! subprocess` has pip ask the `keyring` command (codeartifact) for the password.

use std::path::PathBuf;

use crate::error::Result;
use crate::login::apply::Edit;
use crate::login::lines::{INI, LineFile, ini_key};
use crate::login::plan::{Credential, Env, Login, Logout, keep_or_delete, no_project_scope};
use crate::login::{Scope, Tool};

/// The file pip gives the last word: `$PIP_CONFIG_FILE`, else the active virtualenv's
/// `pip.conf`, else the user's `$XDG_CONFIG_HOME/pip/pip.conf`.
pub fn path(scope: Scope, env: &Env) -> Result<PathBuf> {
    if scope == Scope::Project {
        return Err(no_project_scope(Tool::Pip));
    }
    Ok(env
        .path_var("PIP_CONFIG_FILE")
        .or_else(|| env.path_var("VIRTUAL_ENV").map(|v| v.join("pip.conf")))
        .unwrap_or_else(|| env.config_home().join("pip").join("pip.conf")))
}

pub fn index_url(l: &Login) -> Result<String> {
    let ep = l.url()?;
    Ok(match l.credential {
        Credential::Keyring => ep.with_user("simple/"),
        _ => ep.with_credentials(&l.token, "simple/"),
    })
}

const KEYRING_PROVIDER: &str = "keyring-provider";

pub fn login(l: &Login, env: &Env) -> Result<Vec<Edit>> {
    let (owner, url, extra) = (l.owner(), index_url(l)?, l.extra_index);
    let keyring = l.credential == Credential::Keyring;
    let file = path(l.scope, env)?;
    Ok(vec![Edit::new(file.clone(), true, move |cur| {
        let mut f = LineFile::parse(cur, INI, &file)?;
        f.remove_blocks(|b| b.key.starts_with("global."))?;
        let key = if extra {
            "extra-index-url"
        } else {
            "index-url"
        };
        let mut value = url.clone();
        if extra
            && let Some(range) = f.section("global")
            // pip takes one extra-index-url setting holding several URLs: keep the user's, add ours.
            && let Some(existing) = setting(&f, range, key)
        {
            value = format!("{existing}\n    {url}");
        }
        let mut settings = vec![(key, format!("{key} = {value}"))];
        if keyring {
            settings.push((KEYRING_PROVIDER, format!("{KEYRING_PROVIDER} = subprocess")));
        }
        if f.section("global").is_none() {
            // No [global]: one block brings it, at the end of the file.
            let mut body = vec!["[global]".to_string()];
            body.extend(
                settings
                    .iter()
                    .flat_map(|(_, s)| s.lines().map(str::to_string)),
            );
            let all = f.all();
            f.insert_block(&format!("global.{key}"), &owner, all, "", |_| false, &body)?;
            return Ok(Some(f.render()));
        }
        for (key, setting) in settings {
            let range = f.section("global").expect("checked above");
            let body: Vec<String> = setting.lines().map(str::to_string).collect();
            f.insert_block(
                &format!("global.{key}"),
                &owner,
                range,
                "",
                |line| !line.starts_with([' ', '\t']) && ini_key(line).as_deref() == Some(key),
                &body,
            )?;
        }
        Ok(Some(f.render()))
    })])
}

/// The value of `key` in `range` (continuation lines joined by newline and indentation).
fn setting(f: &LineFile, range: std::ops::Range<usize>, key: &str) -> Option<String> {
    let lines = &f.lines()[range];
    let i = lines
        .iter()
        .position(|l| !l.starts_with([' ', '\t']) && ini_key(l).as_deref() == Some(key))?;
    let first = lines[i].trim_start();
    let first = first[first.find(['=', ':'])? + 1..].trim();
    let mut parts: Vec<String> = first.split_whitespace().map(str::to_string).collect();
    for l in &lines[i + 1..] {
        if l.trim().is_empty() || !l.starts_with([' ', '\t']) {
            break;
        }
        parts.extend(l.split_whitespace().map(str::to_string));
    }
    Some(parts.join("\n    "))
}

pub fn logout(o: &Logout, env: &Env) -> Result<Vec<Edit>> {
    let (o, file) = (o.clone(), path(o.scope, env)?);
    Ok(vec![Edit::new(file.clone(), true, move |cur| {
        let Some(cur) = cur else { return Ok(None) };
        let mut f = LineFile::parse(Some(cur), INI, &file)?;
        if f.remove_blocks(|b| b.key.starts_with("global.") && o.matches(&b.owner))? == 0 {
            return Ok(Some(cur.to_string()));
        }
        Ok(keep_or_delete(f.render(), f.is_blank()))
    })])
}

pub fn export(l: &Login) -> Result<Vec<(String, String)>> {
    let key = if l.extra_index {
        "PIP_EXTRA_INDEX_URL"
    } else {
        "PIP_INDEX_URL"
    };
    let mut vars = vec![(key.to_string(), index_url(l)?)];
    if l.credential == Credential::Keyring {
        vars.push(("PIP_KEYRING_PROVIDER".to_string(), "subprocess".to_string()));
    }
    Ok(vars)
}
