//! NuGet and dotnet: NuGet.Config, `<packageSources><add key="domain/repo" value=".../v3/index.json"/>`
//! (the AWS CLI's source name) and `<packageSourceCredentials>` with Username `aws` and
//! ClearTextPassword (encryption only exists on Windows).

use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::login::Scope;
use crate::login::apply::Edit;
use crate::login::plan::{Env, Login, Logout};
use crate::login::xml::{self, XmlDoc, escape};

const SKELETON: &str =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n</configuration>\n";

/// `~/.nuget/NuGet/NuGet.Config` (`%APPDATA%\NuGet\NuGet.Config` on Windows), or `./nuget.config`.
pub fn path(scope: Scope, env: &Env) -> PathBuf {
    match scope {
        Scope::Project => env.cwd.join("nuget.config"),
        Scope::User if cfg!(windows) => match env.path_var("APPDATA") {
            Some(a) => a.join("NuGet").join("NuGet.Config"),
            None => env
                .home
                .join("AppData")
                .join("Roaming")
                .join("NuGet")
                .join("NuGet.Config"),
        },
        Scope::User => env.home.join(".nuget").join("NuGet").join("NuGet.Config"),
    }
}

/// NuGet names the credentials element after the source, encoded as .NET's
/// `XmlConvert.EncodeLocalName` does (`/` is `_x002F_`, a leading digit is escaped too).
pub fn element_name(source: &str) -> String {
    let mut out = String::new();
    for (i, c) in source.chars().enumerate() {
        let ok = c.is_ascii_alphabetic()
            || c == '_'
            || (i > 0 && (c.is_ascii_digit() || c == '-' || c == '.'));
        if ok {
            out.push(c);
        } else {
            out.push_str(&format!("_x{:04X}_", c as u32));
        }
    }
    out
}

fn remove_all(text: &str, file: &Path, matches: &dyn Fn(&str) -> bool) -> Result<(String, usize)> {
    let (text, a) = xml::remove(
        text,
        file,
        &["configuration", "packageSources", "add"],
        matches,
    )?;
    let (text, b) = xml::remove(
        &text,
        file,
        &["configuration", "packageSourceCredentials", "*"],
        matches,
    )?;
    Ok((text, a + b))
}

pub fn login(l: &Login, env: &Env) -> Result<Vec<Edit>> {
    let path = path(l.scope, env);
    let source = l.owner();
    let index = l.url()?.join("v3/index.json");
    let (owner, token, file) = (l.owner(), escape(&l.token), path.clone());
    Ok(vec![Edit::new(path, true, move |cur| {
        let (mut text, _) = remove_all(cur.unwrap_or(SKELETON), &file, &|_| true)?;
        let same_source = |doc: &XmlDoc, e: usize| {
            doc.attr(e, "key") == Some(source.as_str())
                || doc.attr(e, "value") == Some(index.as_str())
        };
        let add = |_: &str, _: &str, _: &str| {
            format!(
                "<add key=\"{}\" value=\"{}\" />",
                escape(&source),
                escape(&index)
            )
        };
        text = xml::upsert(
            &text,
            &file,
            &["configuration", "packageSources"],
            &owner,
            &same_source,
            &add,
        )?;
        let name = element_name(&source);
        let same_name = |doc: &XmlDoc, e: usize| doc.name_of(e) == name;
        let creds = |i: &str, u: &str, e: &str| {
            format!(
                "<{name}>{e}{i}{u}<add key=\"Username\" value=\"aws\" />{e}{i}{u}<add key=\"ClearTextPassword\" value=\"{token}\" />{e}{i}</{name}>"
            )
        };
        text = xml::upsert(
            &text,
            &file,
            &["configuration", "packageSourceCredentials"],
            &owner,
            &same_name,
            &creds,
        )?;
        Ok(Some(text))
    })])
}

/// Whether NuGet.Config already had the source before login: the AWS CLI then says "Updated
/// source" instead of "Added source".
pub fn had_source(before: Option<&str>, file: &Path, name: &str) -> bool {
    before
        .and_then(|t| XmlDoc::parse(t, file).ok())
        .is_some_and(|doc| {
            doc.find(&["configuration", "packageSources", "add"])
                .iter()
                .any(|&e| doc.attr(e, "key") == Some(name))
        })
}

pub fn logout(o: &Logout, env: &Env) -> Result<Vec<Edit>> {
    let path = path(o.scope, env);
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

/// NuGet reads a source's credentials from `NuGetPackageSourceCredentials_<name>`; the source
/// itself must be in a NuGet.Config (or passed with --source).
pub fn export(l: &Login) -> Result<Vec<(String, String)>> {
    Ok(vec![(
        format!("NuGetPackageSourceCredentials_{}", element_name(&l.owner())),
        format!("Username=aws;Password={}", l.token),
    )])
}
