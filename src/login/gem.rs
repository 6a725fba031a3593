//! RubyGems and Bundler: the repository added to `:sources:` in `~/.gemrc` (credentials in the
//! URL, as CodeArtifact's guide does with `gem sources --add`), Bundler's credentials for the host
//! (`BUNDLE_<HOST>: "aws:TOKEN"`) in `~/.bundle/config` (`./.bundle/config` for a project), and a
//! push key for the repository in `~/.gem/credentials` (`gem push --host URL`).

use std::path::PathBuf;

use crate::error::Result;
use crate::login::Scope;
use crate::login::apply::Edit;
use crate::login::lines::{LineFile, YAML, yaml_key};
use crate::login::plan::{Env, Login, Logout, keep_or_delete};

pub fn paths(scope: Scope, env: &Env) -> (PathBuf, PathBuf, PathBuf) {
    let bundle = match scope {
        Scope::Project => env.cwd.join(".bundle").join("config"),
        Scope::User => env
            .path_var("BUNDLE_USER_CONFIG")
            .or_else(|| env.path_var("BUNDLE_USER_HOME").map(|h| h.join("config")))
            .unwrap_or_else(|| env.home.join(".bundle").join("config")),
    };
    let gemrc = env
        .path_var("GEMRC")
        .unwrap_or_else(|| env.home.join(".gemrc"));
    (gemrc, bundle, env.home.join(".gem").join("credentials"))
}

/// Bundler's key for a host's credentials (Bundler looks them up by host, without the port): `.` becomes `__`, `-` becomes `___`, upper case
/// (Bundler::Settings#key_for).
pub fn bundle_key(host: &str) -> String {
    format!(
        "BUNDLE_{}",
        host.replace('.', "__").replace('-', "___").to_uppercase()
    )
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The push host: the endpoint without its final `/`, as RUBYGEMS_HOST is written.
fn push_host(l: &Login) -> String {
    l.endpoint.trim_end_matches('/').to_string()
}

fn yaml_remove(o: Logout, path: PathBuf) -> Edit {
    Edit::new(path.clone(), true, move |cur| {
        let Some(cur) = cur else { return Ok(None) };
        let mut f = LineFile::parse(Some(cur), YAML, &path)?;
        if f.remove_blocks(|b| o.matches(&b.owner))? == 0 {
            return Ok(Some(cur.to_string()));
        }
        f.remove_added_yaml_keys()?;
        let text = f.render();
        // A file left holding only the YAML document marker login wrote is removed too.
        let blank = text.trim().is_empty() || text.trim() == "---";
        Ok(keep_or_delete(text, blank))
    })
}

pub fn login(l: &Login, env: &Env) -> Result<Vec<Edit>> {
    let (gemrc, bundle, credentials) = paths(l.scope, env);
    let ep = l.url()?;
    let owner = l.owner();
    let source = ep.with_credentials(&l.token, "");
    let bkey = bundle_key(ep.host());
    let bvalue = format!("aws:{}", l.token);
    let (host, bearer) = (push_host(l), format!("Bearer {}", l.token));
    let (o1, o2, o3) = (owner.clone(), owner.clone(), owner);
    let netloc = ep.netloc();
    let (p1, p2, p3) = (gemrc.clone(), bundle.clone(), credentials.clone());
    Ok(vec![
        Edit::new(gemrc, true, move |cur| {
            let mut f = LineFile::parse(cur, YAML, &p1)?;
            f.remove_blocks(|b| b.key == ":sources")?;
            // Another login's URL for this host (an older token) is replaced, not kept beside ours.
            let old_ours = |line: &str| {
                line.trim_start().starts_with('-') && line.contains(&format!("@{netloc}/"))
            };
            match f.yaml_collection(":sources", true)? {
                Some((range, indent)) => {
                    let indent = if f.lines()[range.clone()].iter().any(|l| l.starts_with('-')) {
                        String::new()
                    } else {
                        indent
                    };
                    f.insert_block(
                        ":sources",
                        &o1,
                        range,
                        &indent,
                        old_ours,
                        &[format!("- {source}")],
                    )?;
                }
                None => {
                    // The repository replaces gem's implicit default (rubygems.org), as the npm
                    // and pip logins replace theirs: RubyGems merges its sources, so a public
                    // gem of the same name could otherwise win over the repository's (it reaches
                    // rubygems.org through an external connection). Logout removes the block,
                    // which brings the default back.
                    let all = f.all();
                    let body = [":sources:".to_string(), format!("- {source}")];
                    f.insert_block(":sources", &o1, all, "", |_| false, &body)?;
                }
            }
            Ok(Some(f.render()))
        }),
        Edit::new(bundle, true, move |cur| {
            let mut f = LineFile::parse(cur.or(Some("---\n")), YAML, &p2)?;
            f.remove_blocks(|b| b.key == bkey)?;
            let all = f.all();
            let same = |line: &str| !line.starts_with(' ') && yaml_key(line) == Some(bkey.as_str());
            f.insert_block(
                &bkey,
                &o2,
                all,
                "",
                same,
                &[format!("{bkey}: {}", quote(&bvalue))],
            )?;
            Ok(Some(f.render()))
        }),
        Edit::new(credentials, true, move |cur| {
            let mut f = LineFile::parse(cur.or(Some("---\n")), YAML, &p3)?;
            f.remove_blocks(|b| b.key == host)?;
            let all = f.all();
            let same = |line: &str| !line.starts_with(' ') && yaml_key(line) == Some(host.as_str());
            f.insert_block(
                &host,
                &o3,
                all,
                "",
                same,
                &[format!("{}: {}", quote(&host), quote(&bearer))],
            )?;
            Ok(Some(f.render()))
        }),
    ])
}

pub fn logout(o: &Logout, env: &Env) -> Result<Vec<Edit>> {
    let (gemrc, bundle, credentials) = paths(o.scope, env);
    Ok(vec![
        yaml_remove(o.clone(), gemrc),
        yaml_remove(o.clone(), bundle),
        yaml_remove(o.clone(), credentials),
    ])
}

pub fn export(l: &Login) -> Result<Vec<(String, String)>> {
    let ep = l.url()?;
    Ok(vec![
        ("RUBYGEMS_HOST".to_string(), push_host(l)),
        (
            "GEM_HOST_API_KEY".to_string(),
            format!("Bearer {}", l.token),
        ),
        (bundle_key(ep.host()), format!("aws:{}", l.token)),
    ])
}
