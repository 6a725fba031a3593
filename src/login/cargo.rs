//! cargo: `[registries.codeartifact]` with the sparse index and `credential-provider =
//! "cargo:token"` in config.toml, the token in credentials.toml, both in `$CARGO_HOME` (the
//! registry in `./.cargo/config.toml` for a project). Cargo sends the token as the whole
//! `Authorization` value, which is what CodeArtifact expects of cargo.
//!
//! With a credential provider (`Credential::Provider`, login's default for cargo) the registry
//! names `codeartifact --cargo-plugin` instead, and credentials.toml keeps no token of ours.

use std::path::{Path, PathBuf};

use toml_edit::{Array, Table, value};

use crate::error::{Error, Result};
use crate::login::apply::Edit;
use crate::login::plan::{Credential, Env, Login, Logout, NAME};
use crate::login::tomlfile::{self, parse};
use crate::login::{Scope, Tool};

fn cargo_home(env: &Env) -> PathBuf {
    env.path_var("CARGO_HOME")
        .unwrap_or_else(|| env.home.join(".cargo"))
}

/// `dir/name.toml`, unless only the legacy extension-less `dir/name` exists (cargo reads that one).
fn toml_or_legacy(dir: &Path, name: &str) -> PathBuf {
    let legacy = dir.join(name);
    let modern = dir.join(format!("{name}.toml"));
    if legacy.is_file() && !modern.exists() {
        legacy
    } else {
        modern
    }
}

pub fn paths(scope: Scope, env: &Env) -> (PathBuf, PathBuf) {
    let home = cargo_home(env);
    let config = match scope {
        Scope::User => toml_or_legacy(&home, "config"),
        Scope::Project => toml_or_legacy(&env.cwd.join(".cargo"), "config"),
    };
    (config, toml_or_legacy(&home, "credentials"))
}

fn set(path: PathBuf, secret: bool, owner: String, entries: Table) -> Edit {
    let p = path.clone();
    Edit::new(path, secret, move |cur| {
        let mut doc = parse(cur, &p)?;
        tomlfile::remove_table(&mut doc, &["registries"], NAME, &|_| true);
        tomlfile::set_table(&mut doc, &["registries"], NAME, &owner, entries.clone())?;
        Ok(Some(tomlfile::render(&doc, cur)))
    })
}

fn remove(path: PathBuf, secret: bool, o: Logout) -> Edit {
    let p = path.clone();
    Edit::new(path, secret, move |cur| {
        let Some(cur) = cur else { return Ok(None) };
        let mut doc = parse(Some(cur), &p)?;
        if !tomlfile::remove_table(&mut doc, &["registries"], NAME, &|owner| o.matches(owner)) {
            return Ok(Some(cur.to_string()));
        }
        Ok(tomlfile::render_or_delete(&doc, Some(cur)))
    })
}

pub fn login(l: &Login, env: &Env) -> Result<Vec<Edit>> {
    let (config, credentials) = paths(l.scope, env);
    let mut registry = Table::new();
    registry.insert("index", value(format!("sparse+{}", l.url()?.as_str())));
    if let Credential::Provider(command) = &l.credential {
        // An array, so a path with spaces stays one argument.
        registry.insert("credential-provider", value(Array::from_iter(command)));
        let no_token = Logout {
            tool: Tool::Cargo,
            owner: None,
            scope: l.scope,
        };
        return Ok(vec![
            set(config, false, l.owner(), registry),
            remove(credentials, true, no_token),
        ]);
    }
    registry.insert("credential-provider", value("cargo:token"));
    let mut token = Table::new();
    token.insert("token", value(l.token.as_str()));
    Ok(vec![
        set(config, false, l.owner(), registry),
        set(credentials, true, l.owner(), token),
    ])
}

pub fn logout(o: &Logout, env: &Env) -> Result<Vec<Edit>> {
    let (config, credentials) = paths(o.scope, env);
    Ok(vec![
        remove(config, false, o.clone()),
        remove(credentials, true, o.clone()),
    ])
}

pub fn export(l: &Login) -> Result<Vec<(String, String)>> {
    let index = (
        "CARGO_REGISTRIES_CODEARTIFACT_INDEX".to_string(),
        format!("sparse+{}", l.url()?.as_str()),
    );
    let provider = "CARGO_REGISTRIES_CODEARTIFACT_CREDENTIAL_PROVIDER".to_string();
    if let Credential::Provider(command) = &l.credential {
        // cargo splits this variable on whitespace.
        if command.iter().any(|a| a.contains(char::is_whitespace)) {
            return Err(Error::usage(
                "the credential provider's command has spaces, which cargo's environment variable cannot hold; \
                 use --no-credential-provider or a login without --export",
            ));
        }
        return Ok(vec![index, (provider, command.join(" "))]);
    }
    Ok(vec![
        index,
        (provider, "cargo:token".to_string()),
        (
            "CARGO_REGISTRIES_CODEARTIFACT_TOKEN".to_string(),
            l.token.clone(),
        ),
    ])
}
