//! uv: an `[[index]]` named `codeartifact` in uv.toml (`default = true` unless `--extra-index`),
//! the token in the URL (uv reads credentials from index URLs). uv's other source of credentials,
//! `UV_INDEX_CODEARTIFACT_USERNAME/PASSWORD`, is what `--export` prints. With the keyring
//! (`Credential::Keyring`) the URL holds the user `aws` only and `keyring-provider =
//! "subprocess"` has uv ask the `keyring` command (codeartifact) for the password.

use std::path::PathBuf;

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};

use crate::error::{Error, Result};
use crate::login::Scope;
use crate::login::apply::{Edit, read_optional};
use crate::login::plan::{Credential, Env, Login, Logout, NAME};
use crate::login::tomlfile::{self, marker, owner_in, parse};

/// `$UV_CONFIG_FILE`, else `$XDG_CONFIG_HOME/uv/uv.toml`; `./uv.toml` for a project.
pub fn path(scope: Scope, env: &Env) -> Result<PathBuf> {
    match scope {
        Scope::User => Ok(env
            .path_var("UV_CONFIG_FILE")
            .unwrap_or_else(|| env.config_home().join("uv").join("uv.toml"))),
        Scope::Project => {
            let uv_toml = env.cwd.join("uv.toml");
            // uv ignores [tool.uv] in pyproject.toml once uv.toml exists: creating one would
            // silently drop the project's settings.
            if !uv_toml.exists()
                && let Some(pyproject) = read_optional(&env.cwd.join("pyproject.toml"))?
                && parse(Some(&pyproject), &env.cwd.join("pyproject.toml"))?
                    .get("tool")
                    .and_then(|t| t.get("uv"))
                    .is_some()
            {
                return Err(Error::usage(
                    "pyproject.toml has a [tool.uv] table, which uv would ignore once login creates uv.toml; \
                     use --scope user or --export instead",
                ));
            }
            Ok(uv_toml)
        }
    }
}

/// Removes login's `[[index]]` entries that `matches`; returns whether any was removed.
fn remove_ours(doc: &mut DocumentMut, matches: &dyn Fn(&str) -> bool) -> Result<bool> {
    let Some(item) = doc.get_mut("index") else {
        return Ok(false);
    };
    let Some(array) = item.as_array_of_tables_mut() else {
        return Err(Error::other(
            "`index` in uv.toml is not an array of tables ([[index]]); login cannot edit it",
        ));
    };
    let before = array.len();
    array.retain(|t| {
        !owner_in(t.decor().prefix().and_then(|p| p.as_str()).unwrap_or(""))
            .is_some_and(|o| matches(&o))
    });
    let removed = array.len() != before;
    if array.is_empty() {
        doc.remove("index");
    }
    Ok(removed)
}

const KEYRING_PROVIDER: &str = "keyring-provider";

/// Removes login's `keyring-provider` if its owner matches; returns whether it did.
fn remove_keyring(doc: &mut DocumentMut, matches: &dyn Fn(&str) -> bool) -> bool {
    let owner = doc
        .as_table()
        .key(KEYRING_PROVIDER)
        .and_then(|k| k.leaf_decor().prefix())
        .and_then(|p| p.as_str())
        .and_then(owner_in);
    match owner {
        Some(o) if matches(&o) => doc.remove(KEYRING_PROVIDER).is_some(),
        _ => false,
    }
}

/// `keyring-provider = "subprocess"`, marked as login's; a setting of the user's is kept when
/// it already says so, and refused otherwise.
fn set_keyring(doc: &mut DocumentMut, owner: &str, path: &std::path::Path) -> Result<()> {
    match doc.get(KEYRING_PROVIDER).map(|v| v.as_str()) {
        Some(Some("subprocess")) => return Ok(()),
        Some(_) => {
            return Err(Error::other(format!(
                "{} sets {KEYRING_PROVIDER} to something else than \"subprocess\"; --keyring needs it",
                path.display()
            )));
        }
        None => {}
    }
    doc.insert(KEYRING_PROVIDER, value("subprocess"));
    if let Some(mut k) = doc.key_mut(KEYRING_PROVIDER) {
        k.leaf_decor_mut().set_prefix(marker(owner, &[]));
    }
    Ok(())
}

pub fn login(l: &Login, env: &Env) -> Result<Vec<Edit>> {
    let path = path(l.scope, env)?;
    let keyring = l.credential == Credential::Keyring;
    let ep = l.url()?;
    let (owner, url, extra) = (
        l.owner(),
        if keyring {
            ep.with_user("simple/")
        } else {
            ep.with_credentials(&l.token, "simple/")
        },
        l.extra_index,
    );
    let p = path.clone();
    Ok(vec![Edit::new(path, true, move |cur| {
        let mut doc = parse(cur, &p)?;
        remove_ours(&mut doc, &|_| true)?;
        remove_keyring(&mut doc, &|_| true);
        if keyring {
            set_keyring(&mut doc, &owner, &p)?;
        }
        let taken = doc
            .get("index")
            .and_then(Item::as_array_of_tables)
            .is_some_and(|a| {
                a.iter()
                    .any(|t| t.get("name").and_then(|n| n.as_str()) == Some(NAME))
            });
        if taken {
            return Err(Error::other(format!(
                "{} already has an [[index]] named \"{NAME}\" that codeartifact login did not write; rename it first",
                p.display()
            )));
        }
        let was_empty = doc.as_table().is_empty();
        let mut t = Table::new();
        t.insert("name", value(NAME));
        t.insert("url", value(url.as_str()));
        if !extra {
            t.insert("default", value(true));
        }
        t.decor_mut().set_prefix(format!(
            "{}{}",
            if was_empty { "" } else { "\n" },
            marker(&owner, &[])
        ));
        match doc.get_mut("index").and_then(Item::as_array_of_tables_mut) {
            // uv takes the first index marked default and searches the others before it: the
            // repository goes first, as pip's index-url would replace the user's. With
            // --extra-index it goes last, below the user's indexes.
            Some(array) if !extra => {
                let theirs: Vec<Table> = array.iter().cloned().collect();
                if let Some(p) = theirs.first().and_then(Table::position) {
                    // Tables render by position, ties in array order: ours takes the first place.
                    t.set_position(p);
                }
                array.clear();
                array.push(t);
                theirs.into_iter().for_each(|x| array.push(x));
            }
            Some(array) => array.push(t),
            None => {
                let mut array = ArrayOfTables::new();
                array.push(t);
                doc.insert("index", Item::ArrayOfTables(array));
            }
        }
        Ok(Some(tomlfile::render(&doc, cur)))
    })])
}

pub fn logout(o: &Logout, env: &Env) -> Result<Vec<Edit>> {
    let path = path(o.scope, env)?;
    let (o, p) = (o.clone(), path.clone());
    Ok(vec![Edit::new(path, true, move |cur| {
        let Some(cur) = cur else { return Ok(None) };
        let mut doc = parse(Some(cur), &p)?;
        let keyring = remove_keyring(&mut doc, &|owner| o.matches(owner));
        if !remove_ours(&mut doc, &|owner| o.matches(owner))? && !keyring {
            return Ok(Some(cur.to_string()));
        }
        Ok(tomlfile::render_or_delete(&doc, Some(cur)))
    })])
}

pub fn export(l: &Login) -> Result<Vec<(String, String)>> {
    let url = format!("{NAME}={}", l.url()?.join("simple/"));
    let key = if l.extra_index {
        "UV_INDEX"
    } else {
        "UV_DEFAULT_INDEX"
    };
    let mut vars = vec![
        (key.to_string(), url),
        (
            "UV_INDEX_CODEARTIFACT_USERNAME".to_string(),
            "aws".to_string(),
        ),
    ];
    vars.push(match l.credential {
        Credential::Keyring => ("UV_KEYRING_PROVIDER".to_string(), "subprocess".to_string()),
        _ => (
            "UV_INDEX_CODEARTIFACT_PASSWORD".to_string(),
            l.token.clone(),
        ),
    });
    Ok(vars)
}
