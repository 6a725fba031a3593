//! Maven: `~/.m2/settings.xml`, a `<server>` with the credentials, an active `<profile>` with the
//! repository (for dependencies and plugins), all with id `codeartifact`.

use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::login::apply::Edit;
use crate::login::plan::{Env, Login, Logout, NAME, no_project_scope};
use crate::login::xml::{self, XmlDoc, escape};
use crate::login::{Scope, Tool};

const SKELETON: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<settings xmlns=\"http://maven.apache.org/SETTINGS/1.2.0\" \
                        xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://maven.apache.org/SETTINGS/1.2.0 \
                        https://maven.apache.org/xsd/settings-1.2.0.xsd\">\n</settings>\n";

pub fn path(scope: Scope, env: &Env) -> Result<PathBuf> {
    if scope == Scope::Project {
        return Err(no_project_scope(Tool::Maven));
    }
    Ok(env.home.join(".m2").join("settings.xml"))
}

fn by_id(doc: &XmlDoc, e: usize) -> bool {
    doc.child_text(e, "id").as_deref() == Some(NAME)
}

/// The three kinds of element login owns: container path, element name.
const OWNED: [(&[&str], &str); 3] = [
    (&["settings", "servers"], "server"),
    (&["settings", "profiles"], "profile"),
    (&["settings", "activeProfiles"], "activeProfile"),
];

fn remove_all(text: &str, file: &Path, matches: &dyn Fn(&str) -> bool) -> Result<(String, usize)> {
    let mut text = text.to_string();
    let mut n = 0;
    for (container, name) in OWNED {
        let path: Vec<&str> = container.iter().copied().chain([name]).collect();
        let (t, k) = xml::remove(&text, file, &path, matches)?;
        text = t;
        n += k;
    }
    Ok((text, n))
}

pub fn login(l: &Login, env: &Env) -> Result<Vec<Edit>> {
    let path = path(l.scope, env)?;
    let (owner, url, token, file) = (
        l.owner(),
        escape(&l.endpoint),
        escape(&l.token),
        path.clone(),
    );
    Ok(vec![Edit::new(path, true, move |cur| {
        let (mut text, _) = remove_all(cur.unwrap_or(SKELETON), &file, &|_| true)?;
        let server = |i: &str, u: &str, e: &str| {
            format!(
                "<server>{e}{i}{u}<id>{NAME}</id>{e}{i}{u}<username>aws</username>{e}{i}{u}<password>{token}</password>{e}{i}</server>"
            )
        };
        text = xml::upsert(&text, &file, OWNED[0].0, &owner, &by_id, &server)?;
        let profile = |i: &str, u: &str, e: &str| {
            let repo = |list: &str, kind: &str| {
                format!(
                    "{i}{u}<{list}>{e}{i}{u}{u}<{kind}>{e}{i}{u}{u}{u}<id>{NAME}</id>{e}{i}{u}{u}{u}<url>{url}</url>{e}\
                     {i}{u}{u}</{kind}>{e}{i}{u}</{list}>{e}"
                )
            };
            format!(
                "<profile>{e}{i}{u}<id>{NAME}</id>{e}{}{}{i}</profile>",
                repo("repositories", "repository"),
                repo("pluginRepositories", "pluginRepository")
            )
        };
        text = xml::upsert(&text, &file, OWNED[1].0, &owner, &by_id, &profile)?;
        let active = |_: &str, _: &str, _: &str| format!("<activeProfile>{NAME}</activeProfile>");
        let is_active = |doc: &XmlDoc, e: usize| doc_text_is(doc, e, NAME);
        text = xml::upsert(&text, &file, OWNED[2].0, &owner, &is_active, &active)?;
        Ok(Some(text))
    })])
}

fn doc_text_is(doc: &XmlDoc, e: usize, text: &str) -> bool {
    doc.text_of(e).trim() == text
}

pub fn logout(o: &Logout, env: &Env) -> Result<Vec<Edit>> {
    let path = path(o.scope, env)?;
    let (o, file) = (o.clone(), path.clone());
    Ok(vec![Edit::new(path, true, move |cur| {
        let Some(cur) = cur else { return Ok(None) };
        let (text, n) = remove_all(cur, &file, &|owner| o.matches(owner))?;
        Ok(match n {
            0 => Some(cur.to_string()),
            _ if text == SKELETON => None,
            _ => Some(text),
        })
    })])
}
