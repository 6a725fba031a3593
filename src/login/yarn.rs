//! yarn 2+ (berry): `.yarnrc.yml`. The default registry is `npmRegistryServer` with
//! `npmAuthToken`/`npmAlwaysAuth` beside it; a scope goes under `npmScopes.<scope>`.

use std::path::PathBuf;

use crate::error::Result;
use crate::login::Scope;
use crate::login::apply::Edit;
use crate::login::lines::{LineFile, YAML, yaml_key};
use crate::login::plan::{Env, Login, Logout, keep_or_delete};

/// `~/.yarnrc.yml` or `./.yarnrc.yml`; `YARN_RC_FILENAME` renames it, as yarn does.
pub fn path(scope: Scope, env: &Env) -> PathBuf {
    let name = env.var("YARN_RC_FILENAME").unwrap_or(".yarnrc.yml");
    match scope {
        Scope::Project => env.cwd.join(name),
        Scope::User => env.home.join(name),
    }
}

const TOP_KEYS: [&str; 3] = ["npmRegistryServer", "npmAlwaysAuth", "npmAuthToken"];

/// A YAML double-quoted scalar (tokens and URLs hold nothing that needs more than this).
fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

pub fn login(l: &Login, env: &Env) -> Result<Vec<Edit>> {
    let (owner, url, token, scopes) = (
        l.owner(),
        l.endpoint.clone(),
        l.token.clone(),
        l.namespaces.clone(),
    );
    let file = path(l.scope, env);
    Ok(vec![Edit::new(file.clone(), true, move |cur| {
        let mut f = LineFile::parse(cur, YAML, &file)?;
        // What this login writes is taken out first (and the keys login added for it), so a
        // second login writes the same file as the first.
        f.remove_blocks(|b| {
            (scopes.is_empty() && b.key == "npmRegistryServer")
                || b.key == "unsafeHttpWhitelist"
                || scopes.iter().any(|s| b.key == format!("npmScopes.{s}"))
        })?;
        f.remove_added_yaml_keys()?;
        let settings = [
            format!("npmRegistryServer: {}", quote(&url)),
            "npmAlwaysAuth: true".to_string(),
            format!("npmAuthToken: {}", quote(&token)),
        ];
        if scopes.is_empty() {
            let all = f.all();
            let top_level = |line: &str| {
                !line.starts_with([' ', '\t'])
                    && yaml_key(line).is_some_and(|k| TOP_KEYS.contains(&k))
            };
            f.insert_block("npmRegistryServer", &owner, all, "", top_level, &settings)?;
        }
        if let Ok(u) = url::Url::parse(&url)
            && u.scheme() == "http"
            && let Some(host) = u.host_str()
        {
            // yarn refuses plain-http registries (a local emulator) unless the host is listed.
            let key = "unsafeHttpWhitelist";
            f.ensure_yaml_key(key)?;
            let (range, indent) = f.yaml_collection(key, true)?.expect("ensured above");
            let indent = if f.lines()[range.clone()].iter().any(|l| l.starts_with('-')) {
                String::new()
            } else {
                indent
            };
            let same = |line: &str| {
                line.trim_start()
                    .strip_prefix('-')
                    .is_some_and(|v| v.trim().trim_matches(['"', '\'']) == host)
            };
            f.insert_block(
                key,
                &owner,
                range,
                &indent,
                same,
                &[format!("- {}", quote(host))],
            )?;
        }
        for scope in &scopes {
            let key = format!("npmScopes.{scope}");
            f.remove_blocks(|b| b.key == key)?;
            f.ensure_yaml_key("npmScopes")?;
            let (range, indent) = f
                .yaml_collection("npmScopes", false)?
                .expect("ensured above");
            let mut body = vec![format!("{scope}:")];
            body.extend(settings.iter().map(|s| format!("{indent}{s}")));
            let this_scope = |line: &str| {
                line.len() - line.trim_start().len() == indent.len()
                    && yaml_key(line)
                        .is_some_and(|k| k == scope || k.strip_prefix('@') == Some(scope))
            };
            f.insert_block(&key, &owner, range, &indent, this_scope, &body)?;
        }
        Ok(Some(f.render()))
    })])
}

pub fn logout(o: &Logout, env: &Env) -> Result<Vec<Edit>> {
    let (o, file) = (o.clone(), path(o.scope, env));
    Ok(vec![Edit::new(file.clone(), true, move |cur| {
        let Some(cur) = cur else { return Ok(None) };
        let mut f = LineFile::parse(Some(cur), YAML, &file)?;
        if f.remove_blocks(|b| o.matches(&b.owner))? == 0 {
            return Ok(Some(cur.to_string()));
        }
        f.remove_added_yaml_keys()?;
        Ok(keep_or_delete(f.render(), f.is_blank()))
    })])
}

/// yarn reads every setting from `YARN_<SNAKE_CASE>`; scopes have no variables.
pub fn export(l: &Login) -> Result<Vec<(String, String)>> {
    if !l.namespaces.is_empty() {
        return Err(crate::error::Error::usage(
            "--export with --namespace is not supported for yarn: yarn has no variables for scopes",
        ));
    }
    let mut vars = vec![
        ("YARN_NPM_REGISTRY_SERVER".to_string(), l.endpoint.clone()),
        ("YARN_NPM_AUTH_TOKEN".to_string(), l.token.clone()),
        ("YARN_NPM_ALWAYS_AUTH".to_string(), "true".to_string()),
    ];
    let url = l.url()?;
    if url.url.scheme() == "http" {
        // As in .yarnrc.yml: yarn refuses a plain-http registry whose host is not listed.
        vars.push((
            "YARN_UNSAFE_HTTP_WHITELIST".to_string(),
            url.host().to_string(),
        ));
    }
    Ok(vars)
}
