//! bun: bunfig.toml, `[install] registry = { url, token }` or, per scope,
//! `[install.scopes] <scope> = { url, token }`. A `registry` of the user's that login replaces is
//! kept in the marker comment above ours and put back by logout.

use std::path::PathBuf;

use toml_edit::{DocumentMut, InlineTable, Item, Table, Value};

use crate::error::{Error, Result};
use crate::login::Scope;
use crate::login::apply::Edit;
use crate::login::plan::{Env, Login, Logout};
use crate::login::tomlfile::{self, marker, owner_in, parse, saved_in, strip_marker};

/// `$XDG_CONFIG_HOME/.bunfig.toml` when XDG_CONFIG_HOME is set, else `~/.bunfig.toml`;
/// `./bunfig.toml` for a project.
pub fn path(scope: Scope, env: &Env) -> PathBuf {
    match scope {
        Scope::Project => env.cwd.join("bunfig.toml"),
        Scope::User => match env.path_var("XDG_CONFIG_HOME") {
            Some(x) => x.join(".bunfig.toml"),
            None => env.home.join(".bunfig.toml"),
        },
    }
}

fn prefix_of(t: &Table, key: &str) -> String {
    t.key(key)
        .and_then(|k| k.leaf_decor().prefix())
        .and_then(|p| p.as_str())
        .unwrap_or("")
        .to_string()
}

/// Sets `key` in `table` to login's value, saving a value of the user's in the marker.
fn set_key(t: &mut Table, key: &str, owner: &str, v: Value) {
    let prefix = prefix_of(t, key);
    let saved: Vec<String> = match t.get(key) {
        Some(_) if owner_in(&prefix).is_some() => saved_in(&prefix),
        Some(item) => vec![format!("{key} = {}", item.to_string().trim())],
        None => Vec::new(),
    };
    let kept = strip_marker(&prefix);
    t.insert(key, Item::Value(v));
    if let Some(mut k) = t.key_mut(key) {
        k.leaf_decor_mut()
            .set_prefix(format!("{kept}{}", marker(owner, &saved)));
    }
}

/// Removes login's `key` from `table` if its owner matches, putting back what it saved.
fn remove_key(t: &mut Table, key: &str, matches: &dyn Fn(&str) -> bool) -> Result<bool> {
    let prefix = prefix_of(t, key);
    let Some(owner) = owner_in(&prefix) else {
        return Ok(false);
    };
    if !matches(&owner) {
        return Ok(false);
    }
    let saved = saved_in(&prefix);
    // Restoring the same key replaces ours where it stands, so the user's line keeps its place.
    if !saved
        .iter()
        .any(|l| l.split('=').next().map(str::trim) == Some(key))
    {
        t.remove(key);
    }
    for line in saved {
        let doc: DocumentMut = line.parse().map_err(|e| {
            Error::other(format!(
                "cannot restore `{line}` saved by codeartifact login: {e}"
            ))
        })?;
        for (k, item) in doc.iter() {
            t.insert(k, item.clone());
            if let Some(mut km) = t.key_mut(k) {
                km.leaf_decor_mut().set_prefix(strip_marker(&prefix));
            }
        }
    }
    Ok(true)
}

/// `[install]`, made explicit (and marked, when login creates it or it was only implicit, as
/// the parent of `[install.scopes]`, so logout can put it back as it was).
fn install<'a>(doc: &'a mut DocumentMut, owner: &str) -> Result<&'a mut Table> {
    let created = doc
        .get("install")
        .is_none_or(|i| i.as_table().is_some_and(Table::is_implicit));
    let was_empty = doc.as_table().is_empty();
    let t = tomlfile::table_mut(doc, &["install"])?;
    if created {
        t.set_implicit(false);
        t.decor_mut().set_prefix(format!(
            "{}{}",
            if was_empty { "" } else { "\n" },
            marker(owner, &[])
        ));
    }
    Ok(t)
}

/// A table login created (its header carries the marker).
fn made_by_login(t: &Table) -> bool {
    owner_in(t.decor().prefix().and_then(|p| p.as_str()).unwrap_or("")).is_some()
}

fn remove_all(doc: &mut DocumentMut, matches: &dyn Fn(&str) -> bool) -> Result<bool> {
    let Some(install) = doc.get_mut("install").and_then(Item::as_table_mut) else {
        return Ok(false);
    };
    let mut removed = remove_key(install, "registry", matches)?;
    if let Some(scopes) = install.get_mut("scopes").and_then(Item::as_table_mut) {
        let keys: Vec<String> = scopes.iter().map(|(k, _)| k.to_string()).collect();
        for k in keys {
            removed |= remove_key(scopes, &k, matches)?;
        }
        if scopes.is_empty() && made_by_login(scopes) {
            install.remove("scopes");
        }
    }
    let install_ours = made_by_login(install);
    if install_ours && install.iter().all(|(_, v)| v.is_table()) {
        if install.is_empty() {
            doc.remove("install");
        } else {
            // Only sub-tables of the user's are left: back to the implicit parent it was.
            install.set_implicit(true);
            install.decor_mut().set_prefix("");
        }
    }
    Ok(removed)
}

pub fn login(l: &Login, env: &Env) -> Result<Vec<Edit>> {
    let path = path(l.scope, env);
    let (owner, url, token, scopes, p) = (
        l.owner(),
        l.endpoint.clone(),
        l.token.clone(),
        l.namespaces.clone(),
        path.clone(),
    );
    Ok(vec![Edit::new(path, true, move |cur| {
        let mut doc = parse(cur, &p)?;
        let mut reg = InlineTable::new();
        reg.insert("url", url.as_str().into());
        reg.insert("token", token.as_str().into());
        let install = install(&mut doc, &owner)?;
        if scopes.is_empty() {
            set_key(install, "registry", &owner, Value::InlineTable(reg));
        } else {
            if !install.contains_key("scopes") {
                // Marked as login's, so logout takes it away again once empty.
                let mut t = Table::new();
                t.decor_mut().set_prefix(marker(&owner, &[]));
                install.insert("scopes", Item::Table(t));
            }
            let t = install
                .get_mut("scopes")
                .and_then(Item::as_table_mut)
                .ok_or_else(|| Error::other("`install.scopes` in bunfig.toml is not a table"))?;
            for s in &scopes {
                set_key(t, s, &owner, Value::InlineTable(reg.clone()));
            }
        }
        Ok(Some(tomlfile::render(&doc, cur)))
    })])
}

pub fn logout(o: &Logout, env: &Env) -> Result<Vec<Edit>> {
    let path = path(o.scope, env);
    let (o, p) = (o.clone(), path.clone());
    Ok(vec![Edit::new(path, true, move |cur| {
        let Some(cur) = cur else { return Ok(None) };
        let mut doc = parse(Some(cur), &p)?;
        if !remove_all(&mut doc, &|owner| o.matches(owner))? {
            return Ok(Some(cur.to_string()));
        }
        Ok(tomlfile::render_or_delete(&doc, Some(cur)))
    })])
}

/// bun reads `NPM_CONFIG_REGISTRY` and the token from `NPM_CONFIG_TOKEN`.
pub fn export(l: &Login) -> Result<Vec<(String, String)>> {
    if !l.namespaces.is_empty() {
        return Err(Error::usage(
            "--export with --namespace is not supported for bun",
        ));
    }
    Ok(vec![
        ("NPM_CONFIG_REGISTRY".to_string(), l.endpoint.clone()),
        ("NPM_CONFIG_TOKEN".to_string(), l.token.clone()),
    ])
}
