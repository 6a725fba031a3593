//! twine: `~/.pypirc`, as the AWS CLI writes it: `codeartifact` added to `[distutils]
//! index-servers`, and a `[codeartifact]` section with `repository`, `username`, `password`.

use std::path::PathBuf;

use crate::error::Result;
use crate::login::apply::Edit;
use crate::login::lines::{INI, LineFile, ini_key};
use crate::login::plan::{Env, Login, Logout, NAME, keep_or_delete, no_project_scope};
use crate::login::{Scope, Tool};

pub fn path(scope: Scope, env: &Env) -> Result<PathBuf> {
    if scope == Scope::Project {
        return Err(no_project_scope(Tool::Twine));
    }
    Ok(env.home.join(".pypirc"))
}

fn is_section(line: &str, name: &str) -> bool {
    let t = line.trim();
    t.starts_with('[') && t.ends_with(']') && t[1..t.len() - 1].trim() == name
}

pub fn login(l: &Login, env: &Env) -> Result<Vec<Edit>> {
    let (owner, url, token) = (l.owner(), l.endpoint.clone(), l.token.clone());
    let file = path(l.scope, env)?;
    Ok(vec![Edit::new(file.clone(), true, move |cur| {
        let mut f = LineFile::parse(cur, INI, &file)?;
        f.remove_blocks(|b| b.key == "distutils.index-servers" || b.key == NAME)?;
        match f.section("distutils") {
            Some(range) => {
                let lines = &f.lines()[range.clone()];
                let servers = index_servers(lines);
                if !servers.iter().any(|s| s == NAME) {
                    let mut body = vec!["index-servers =".to_string()];
                    body.extend(
                        servers
                            .iter()
                            .chain([&NAME.to_string()])
                            .map(|s| format!("    {s}")),
                    );
                    f.insert_block(
                        "distutils.index-servers",
                        &owner,
                        range,
                        "",
                        |line| {
                            !line.starts_with([' ', '\t'])
                                && ini_key(line).as_deref() == Some("index-servers")
                        },
                        &body,
                    )?;
                }
            }
            None => {
                let all = f.all();
                let body = [
                    "[distutils]",
                    "index-servers =",
                    "    pypi",
                    "    codeartifact",
                ]
                .map(str::to_string);
                f.insert_block("distutils.index-servers", &owner, all, "", |_| false, &body)?;
            }
        }
        // A [codeartifact] section of the user's moves, whole, into the block.
        let all = f.all();
        let body = [
            format!("[{NAME}]"),
            format!("repository = {url}"),
            "username = aws".into(),
            format!("password = {token}"),
        ];
        f.insert_block(NAME, &owner, all, "", |line| is_section(line, NAME), &body)?;
        Ok(Some(f.render()))
    })])
}

fn index_servers(section: &[String]) -> Vec<String> {
    let Some(i) = section.iter().position(|l| {
        !l.starts_with([' ', '\t']) && ini_key(l).as_deref() == Some("index-servers")
    }) else {
        return Vec::new();
    };
    let first = section[i].trim_start();
    let mut out: Vec<String> = first[first.find(['=', ':']).map_or(first.len(), |p| p + 1)..]
        .split_whitespace()
        .map(str::to_string)
        .collect();
    for l in &section[i + 1..] {
        if l.trim().is_empty() || !l.starts_with([' ', '\t']) {
            break;
        }
        out.extend(l.split_whitespace().map(str::to_string));
    }
    out
}

pub fn logout(o: &Logout, env: &Env) -> Result<Vec<Edit>> {
    let (o, file) = (o.clone(), path(o.scope, env)?);
    Ok(vec![Edit::new(file.clone(), true, move |cur| {
        let Some(cur) = cur else { return Ok(None) };
        let mut f = LineFile::parse(Some(cur), INI, &file)?;
        if f.remove_blocks(|b| o.matches(&b.owner))? == 0 {
            return Ok(Some(cur.to_string()));
        }
        Ok(keep_or_delete(f.render(), f.is_blank()))
    })])
}

pub fn export(l: &Login) -> Result<Vec<(String, String)>> {
    Ok(vec![
        ("TWINE_REPOSITORY_URL".to_string(), l.endpoint.clone()),
        ("TWINE_USERNAME".to_string(), "aws".to_string()),
        ("TWINE_PASSWORD".to_string(), l.token.clone()),
    ])
}
