//! Swift: the registry in `registries.json` (`[default]` or one entry per scope, with token
//! authentication for the host, keyed `host[:port]` as SwiftPM looks it up), and the token in
//! `~/.netrc` as the AWS CLI writes it (`machine HOST login token password TOKEN`).
//!
//! JSON has no comments, so what login owns is recorded in a `codeartifactLogin` member (SwiftPM
//! ignores members it does not know), with the entries it replaced, for logout to put back.

use std::path::PathBuf;

use serde_json::{Map, Value, json};

use crate::error::{Error, Result};
use crate::login::Scope;
use crate::login::apply::Edit;
use crate::login::lines::{LineFile, NETRC};
use crate::login::plan::{Env, Login, Logout, keep_or_delete};

const OWN: &str = "codeartifactLogin";

pub fn paths(scope: Scope, env: &Env) -> (PathBuf, PathBuf) {
    let base = match scope {
        Scope::User => env.home.join(".swiftpm"),
        Scope::Project => env.cwd.join(".swiftpm"),
    };
    let netrc = env
        .path_var("NETRC")
        .unwrap_or_else(|| env.home.join(".netrc"));
    (base.join("configuration").join("registries.json"), netrc)
}

fn parse(text: Option<&str>, path: &std::path::Path) -> Result<Map<String, Value>> {
    let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
        return Ok(Map::new());
    };
    match serde_json::from_str(text) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(Error::other(format!(
            "{} is not a JSON object; it was left as it was",
            path.display()
        ))),
        Err(e) => Err(Error::other(format!(
            "cannot parse {} as JSON, it was left as it was: {e}",
            path.display()
        ))),
    }
}

fn render(m: &Map<String, Value>) -> Result<String> {
    let mut s = serde_json::to_string_pretty(m).map_err(|e| Error::other(e.to_string()))?;
    s.push('\n');
    Ok(s)
}

fn object<'a>(m: &'a mut Map<String, Value>, key: &str) -> Result<&'a mut Map<String, Value>> {
    m.entry(key)
        .or_insert_with(|| json!({}))
        .as_object_mut()
        .ok_or_else(|| Error::other(format!("`{key}` in registries.json is not an object")))
}

/// Removes login's entries whose owner matches, putting back what they replaced.
fn remove_ours(m: &mut Map<String, Value>, matches: &dyn Fn(&str) -> bool) -> Result<bool> {
    let Some(Value::Object(own)) = m.get(OWN).cloned() else {
        return Ok(false);
    };
    let mut kept = Map::new();
    let mut removed = false;
    for (id, rec) in own {
        let owner = rec.get("owner").and_then(Value::as_str).unwrap_or_default();
        if !matches(owner) {
            kept.insert(id, rec);
            continue;
        }
        let (section, key) = id.split_once('/').unwrap_or(("registries", id.as_str()));
        let sec = object(m, section)?;
        match rec.get("saved") {
            Some(v) if !v.is_null() => sec.insert(key.to_string(), v.clone()),
            _ => sec.remove(key),
        };
        if sec.is_empty() {
            m.remove(section);
        }
        removed = true;
    }
    if kept.is_empty() {
        m.remove(OWN);
    } else {
        m.insert(OWN.to_string(), Value::Object(kept));
    }
    if m.len() == 1 && m.get("version").is_some() && removed {
        // Only the version login wrote is left.
        m.clear();
    }
    Ok(removed)
}

fn set(
    m: &mut Map<String, Value>,
    section: &str,
    key: &str,
    value: Value,
    owner: &str,
) -> Result<()> {
    let saved = object(m, section)?
        .insert(key.to_string(), value)
        .unwrap_or(Value::Null);
    object(m, OWN)?.insert(
        format!("{section}/{key}"),
        json!({ "owner": owner, "saved": saved }),
    );
    Ok(())
}

pub fn login(l: &Login, env: &Env) -> Result<Vec<Edit>> {
    let (registries, netrc) = paths(l.scope, env);
    let ep = l.url()?;
    // SwiftPM keys authentication by `host[:port]` (RegistryConfiguration's storage key), while
    // netrc machines are host names only.
    let (owner, url, host, login_path) = (
        l.owner(),
        l.endpoint.clone(),
        ep.netloc(),
        format!("{}login", ep.url.path()),
    );
    let scopes = if l.namespaces.is_empty() {
        vec!["[default]".to_string()]
    } else {
        l.namespaces.clone()
    };
    let file = registries.clone();
    let o2 = owner.clone();
    let (token, machine, netrc_file) = (l.token.clone(), ep.host().to_string(), netrc.clone());
    Ok(vec![
        Edit::new(registries, false, move |cur| {
            let mut m = parse(cur, &file)?;
            remove_ours(&mut m, &|_| true)?;
            m.entry("version").or_insert(json!(1));
            for s in &scopes {
                set(
                    &mut m,
                    "registries",
                    s,
                    json!({ "supportsAvailability": false, "url": url }),
                    &owner,
                )?;
            }
            set(
                &mut m,
                "authentication",
                &host,
                json!({ "loginAPIPath": login_path, "type": "token" }),
                &owner,
            )?;
            Ok(Some(render(&m)?))
        }),
        Edit::new(netrc, true, move |cur| {
            let mut f = LineFile::parse(cur, NETRC, &netrc_file)?;
            let key = format!("machine {machine}");
            f.remove_blocks(|b| b.key == key)?;
            let all = f.all();
            let same_machine = |line: &str| {
                let mut w = line.split_whitespace();
                w.next() == Some("machine") && w.next() == Some(machine.as_str())
            };
            f.insert_block(
                &key,
                &o2,
                all,
                "",
                same_machine,
                &[format!("machine {machine} login token password {token}")],
            )?;
            Ok(Some(f.render()))
        }),
    ])
}

pub fn logout(o: &Logout, env: &Env) -> Result<Vec<Edit>> {
    let (registries, netrc) = paths(o.scope, env);
    let (o1, o2, file, netrc_file) = (o.clone(), o.clone(), registries.clone(), netrc.clone());
    Ok(vec![
        Edit::new(registries, false, move |cur| {
            let Some(cur) = cur else { return Ok(None) };
            let mut m = parse(Some(cur), &file)?;
            if !remove_ours(&mut m, &|owner| o1.matches(owner))? {
                return Ok(Some(cur.to_string()));
            }
            Ok(if m.is_empty() {
                None
            } else {
                Some(render(&m)?)
            })
        }),
        Edit::new(netrc, true, move |cur| {
            let Some(cur) = cur else { return Ok(None) };
            let mut f = LineFile::parse(Some(cur), NETRC, &netrc_file)?;
            if f.remove_blocks(|b| b.key.starts_with("machine ") && o2.matches(&b.owner))? == 0 {
                return Ok(Some(cur.to_string()));
            }
            Ok(keep_or_delete(f.render(), f.is_blank()))
        }),
    ])
}
