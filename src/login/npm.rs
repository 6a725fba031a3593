//! npm, pnpm and yarn 1: `.npmrc` (`registry=` or `@scope:registry=`, and the token under the
//! repository's `//host/path/:_authToken`). `always-auth` only for yarn 1, which sends the token
//! for unscoped packages only with it (npm 9+ warns about the key, so npm's logins never write it).

use std::path::PathBuf;

use crate::error::Result;
use crate::login::Scope;
use crate::login::apply::Edit;
use crate::login::lines::{LineFile, NPMRC, npmrc_key};
use crate::login::plan::{Env, Login, Logout, keep_or_delete};

/// The npmrc npm reads: `./.npmrc` for a project, else `$NPM_CONFIG_USERCONFIG` or `~/.npmrc`.
pub fn path(scope: Scope, env: &Env) -> PathBuf {
    match scope {
        Scope::Project => env.cwd.join(".npmrc"),
        Scope::User => env
            .path_var("NPM_CONFIG_USERCONFIG")
            .or_else(|| env.path_var("npm_config_userconfig"))
            .unwrap_or_else(|| env.home.join(".npmrc")),
    }
}

/// The settings a login writes, in order: the registry key(s), then the token.
fn settings(l: &Login) -> Result<Vec<(String, String)>> {
    let ep = l.url()?;
    let mut out: Vec<(String, String)> = if l.namespaces.is_empty() {
        vec![("registry".to_string(), l.endpoint.clone())]
    } else {
        l.namespaces
            .iter()
            .map(|n| (format!("@{n}:registry"), l.endpoint.clone()))
            .collect()
    };
    out.push((format!("{}:_authToken", ep.npm_key()), l.token.clone()));
    if l.tool == crate::login::Tool::YarnClassic {
        out.push(("always-auth".to_string(), "true".to_string()));
    }
    Ok(out)
}

pub fn login(l: &Login, env: &Env) -> Result<Vec<Edit>> {
    let settings = settings(l)?;
    let owner = l.owner();
    let file = path(l.scope, env);
    Ok(vec![Edit::new(file.clone(), true, move |cur| {
        let mut f = LineFile::parse(cur, NPMRC, &file)?;
        for (key, value) in &settings {
            f.remove_blocks(|b| &b.key == key)?;
            let top = f.top();
            f.insert_block(
                key,
                &owner,
                top,
                "",
                |line| npmrc_key(line) == Some(key),
                &[format!("{key}={value}")],
            )?;
        }
        Ok(Some(f.render()))
    })])
}

pub fn logout(o: &Logout, env: &Env) -> Result<Vec<Edit>> {
    let (o, file) = (o.clone(), path(o.scope, env));
    Ok(vec![Edit::new(file.clone(), true, move |cur| {
        let Some(cur) = cur else { return Ok(None) };
        let mut f = LineFile::parse(Some(cur), NPMRC, &file)?;
        if f.remove_blocks(|b| o.matches(&b.owner))? == 0 {
            return Ok(Some(cur.to_string()));
        }
        Ok(keep_or_delete(f.render(), f.is_blank()))
    })])
}

/// npm reads any setting from `NPM_CONFIG_<KEY>`, but `//host/path/:_authToken` is no valid shell
/// name: the token goes in CODEARTIFACT_AUTH_TOKEN, for an npmrc line
/// `//host/path/:_authToken=${CODEARTIFACT_AUTH_TOKEN}`.
pub fn export(l: &Login) -> Result<Vec<(String, String)>> {
    Ok(if l.namespaces.is_empty() {
        vec![("NPM_CONFIG_REGISTRY".to_string(), l.endpoint.clone())]
    } else {
        Vec::new()
    })
}
