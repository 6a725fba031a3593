//! Gradle: `codeartifactUrl` and `codeartifactToken` in `$GRADLE_USER_HOME/gradle.properties`, and
//! an init script, `init.d/codeartifact.gradle`, that adds the repository to every build with
//! those credentials (or `CODEARTIFACT_AUTH_TOKEN` from the environment).

use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::login::apply::Edit;
use crate::login::lines::{LineFile, PROPERTIES};
use crate::login::plan::{Env, Login, Logout, NAME, keep_or_delete, no_project_scope};
use crate::login::{Scope, Tool};

fn home(env: &Env) -> PathBuf {
    env.path_var("GRADLE_USER_HOME")
        .unwrap_or_else(|| env.home.join(".gradle"))
}

pub fn paths(scope: Scope, env: &Env) -> Result<(PathBuf, PathBuf)> {
    if scope == Scope::Project {
        return Err(no_project_scope(Tool::Gradle));
    }
    let h = home(env);
    Ok((
        h.join("gradle.properties"),
        h.join("init.d").join("codeartifact.gradle"),
    ))
}

const KEYS: [&str; 2] = ["codeartifactUrl", "codeartifactToken"];
const HEADER: &str = "// managed by codeartifact login (";

/// The key of a properties line: up to the first `=`, `:` or whitespace.
fn property_key(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let end = t.find(['=', ':', ' ', '\t']).unwrap_or(t.len());
    (end > 0).then(|| &t[..end])
}

/// Escapes what java.util.Properties would read otherwise (`\`, and `:`/`=` are fine in values).
fn property_value(s: &str) -> String {
    s.replace('\\', "\\\\")
}

fn init_script(owner: &str) -> String {
    format!(
        "{HEADER}{owner}); `codeartifact logout --tool gradle` removes it.
// Adds the CodeArtifact repository to every project. The URL and token come from gradle.properties
// (codeartifactUrl, codeartifactToken) or the environment (CODEARTIFACT_AUTH_TOKEN), so a new
// login only rewrites gradle.properties.
allprojects {{
    repositories {{
        def codeartifactUrl = findProperty('codeartifactUrl')
        if (codeartifactUrl != null) {{
            maven {{
                name = '{NAME}'
                url = uri(codeartifactUrl)
                credentials {{
                    username = 'aws'
                    password = findProperty('codeartifactToken') ?: System.getenv('CODEARTIFACT_AUTH_TOKEN')
                }}
            }}
        }}
    }}
}}
"
    )
}

pub fn login(l: &Login, env: &Env) -> Result<Vec<Edit>> {
    let (props, script) = paths(l.scope, env)?;
    let owner = l.owner();
    let body = vec![
        format!("codeartifactUrl={}", property_value(&l.endpoint)),
        format!("codeartifactToken={}", property_value(&l.token)),
    ];
    let o2 = owner.clone();
    let script_path = script.clone();
    let file = props.clone();
    Ok(vec![
        Edit::new(props, true, move |cur| {
            let mut f = LineFile::parse(cur, PROPERTIES, &file)?;
            f.remove_blocks(|b| b.key == NAME)?;
            let all = f.all();
            f.insert_block(
                NAME,
                &owner,
                all,
                "",
                |line| property_key(line).is_some_and(|k| KEYS.contains(&k)),
                &body,
            )?;
            Ok(Some(f.render()))
        }),
        Edit::new(script, false, move |cur| {
            if let Some(cur) = cur
                && !cur.starts_with(HEADER)
            {
                return Err(Error::other(format!(
                    "{} exists and was not written by codeartifact login; remove or rename it first",
                    script_path.display()
                )));
            }
            Ok(Some(init_script(&o2)))
        }),
    ])
}

pub fn logout(o: &Logout, env: &Env) -> Result<Vec<Edit>> {
    let (props, script) = paths(o.scope, env)?;
    let (o1, o2, file) = (o.clone(), o.clone(), props.clone());
    Ok(vec![
        Edit::new(props, true, move |cur| {
            let Some(cur) = cur else { return Ok(None) };
            let mut f = LineFile::parse(Some(cur), PROPERTIES, &file)?;
            if f.remove_blocks(|b| b.key == NAME && o1.matches(&b.owner))? == 0 {
                return Ok(Some(cur.to_string()));
            }
            Ok(keep_or_delete(f.render(), f.is_blank()))
        }),
        Edit::new(script, false, move |cur| {
            let Some(cur) = cur else { return Ok(None) };
            let owner = cur
                .strip_prefix(HEADER)
                .and_then(|r| r.split_once(')'))
                .map(|(o, _)| o);
            Ok(match owner {
                Some(owner) if o2.matches(owner) => None,
                _ => Some(cur.to_string()),
            })
        }),
    ])
}

/// Gradle reads project properties from `ORG_GRADLE_PROJECT_<name>`.
pub fn export(l: &Login) -> Result<Vec<(String, String)>> {
    Ok(vec![
        (
            "ORG_GRADLE_PROJECT_codeartifactUrl".to_string(),
            l.endpoint.clone(),
        ),
        (
            "ORG_GRADLE_PROJECT_codeartifactToken".to_string(),
            l.token.clone(),
        ),
    ])
}
