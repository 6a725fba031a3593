//! poetry: `[repositories.codeartifact] url` in config.toml and `[http-basic.codeartifact]` in
//! auth.toml, both in poetry's configuration folder (`$POETRY_CONFIG_DIR`, else
//! `$XDG_CONFIG_HOME/pypoetry`); poetry merges the two files. A project's `[[tool.poetry.source]]`
//! named `codeartifact` then uses the credentials.

use std::path::PathBuf;

use toml_edit::{Table, value};

use crate::error::Result;
use crate::login::Scope;
use crate::login::apply::Edit;
use crate::login::plan::{Env, Login, Logout, NAME};
use crate::login::tomlfile::{self, parse};

fn dir(env: &Env) -> PathBuf {
    env.path_var("POETRY_CONFIG_DIR")
        .unwrap_or_else(|| env.config_home().join("pypoetry"))
}

/// config.toml (`./poetry.toml` for a project) and the user's auth.toml.
pub fn paths(scope: Scope, env: &Env) -> (PathBuf, PathBuf) {
    let config = match scope {
        Scope::User => dir(env).join("config.toml"),
        Scope::Project => env.cwd.join("poetry.toml"),
    };
    (config, dir(env).join("auth.toml"))
}

fn table_edit(
    path: PathBuf,
    secret: bool,
    parent: &'static str,
    owner: String,
    entries: Table,
) -> Edit {
    let p = path.clone();
    Edit::new(path, secret, move |cur| {
        let mut doc = parse(cur, &p)?;
        tomlfile::remove_table(&mut doc, &[parent], NAME, &|_| true);
        tomlfile::set_table(&mut doc, &[parent], NAME, &owner, entries.clone())?;
        Ok(Some(tomlfile::render(&doc, cur)))
    })
}

fn remove_edit(path: PathBuf, secret: bool, parent: &'static str, o: Logout) -> Edit {
    let p = path.clone();
    Edit::new(path, secret, move |cur| {
        let Some(cur) = cur else { return Ok(None) };
        let mut doc = parse(Some(cur), &p)?;
        if !tomlfile::remove_table(&mut doc, &[parent], NAME, &|owner| o.matches(owner)) {
            return Ok(Some(cur.to_string()));
        }
        Ok(tomlfile::render_or_delete(&doc, Some(cur)))
    })
}

pub fn login(l: &Login, env: &Env) -> Result<Vec<Edit>> {
    let (config, auth) = paths(l.scope, env);
    let mut repo = Table::new();
    repo.insert("url", value(l.endpoint.as_str()));
    let mut creds = Table::new();
    creds.insert("username", value("aws"));
    creds.insert("password", value(l.token.as_str()));
    Ok(vec![
        table_edit(config, false, "repositories", l.owner(), repo),
        table_edit(auth, true, "http-basic", l.owner(), creds),
    ])
}

pub fn logout(o: &Logout, env: &Env) -> Result<Vec<Edit>> {
    let (config, auth) = paths(o.scope, env);
    Ok(vec![
        remove_edit(config, false, "repositories", o.clone()),
        remove_edit(auth, true, "http-basic", o.clone()),
    ])
}

pub fn export(l: &Login) -> Result<Vec<(String, String)>> {
    Ok(vec![
        (
            "POETRY_REPOSITORIES_CODEARTIFACT_URL".to_string(),
            l.endpoint.clone(),
        ),
        (
            "POETRY_HTTP_BASIC_CODEARTIFACT_USERNAME".to_string(),
            "aws".to_string(),
        ),
        (
            "POETRY_HTTP_BASIC_CODEARTIFACT_PASSWORD".to_string(),
            l.token.clone(),
        ),
    ])
}
