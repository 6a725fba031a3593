//! TOML editing with toml_edit: everything login does not own keeps its comments and layout.
//!
//! Login owns whole tables (`[registries.codeartifact]`) or single keys (bun's `registry`), and
//! marks each with a comment right above it, `# managed by codeartifact login (domain/repo)`.
//! A key of the user's that login replaces is kept in that comment (`# saved by codeartifact
//! login: registry = "..."`) and put back by logout.

use std::path::Path;

use toml_edit::{DocumentMut, Item, RawString, Table};

use crate::error::{Error, Result};

const MANAGED: &str = "# managed by codeartifact login (";
const SAVED: &str = "# saved by codeartifact login: ";

pub fn parse(text: Option<&str>, path: &Path) -> Result<DocumentMut> {
    let text = text.unwrap_or("");
    text.parse::<DocumentMut>().map_err(|e| {
        // Only the position and the reason: toml_edit's full message quotes the line, which may
        // hold a token.
        let line = e.span().map_or(1, |s| {
            text[..s.start.min(text.len())].matches('\n').count() + 1
        });
        Error::other(format!(
            "cannot parse {} as TOML (line {line}: {}); it was left as it was",
            path.display(),
            e.message().trim()
        ))
    })
}

/// The marker comment (and saved lines) to put above an owned table or key.
pub fn marker(owner: &str, saved: &[String]) -> String {
    let mut s = format!("{MANAGED}{owner})\n");
    for l in saved {
        s.push_str(SAVED);
        s.push_str(l);
        s.push('\n');
    }
    s
}

fn raw(r: Option<&RawString>) -> String {
    r.and_then(|r| r.as_str()).unwrap_or("").to_string()
}

/// The owner written in a decor prefix by [`marker`], if any.
pub fn owner_in(prefix: &str) -> Option<String> {
    prefix.lines().find_map(|l| {
        l.trim()
            .strip_prefix(MANAGED)
            .and_then(|r| r.strip_suffix(')'))
            .map(str::to_string)
    })
}

/// The lines [`marker`] saved in a decor prefix.
pub fn saved_in(prefix: &str) -> Vec<String> {
    prefix
        .lines()
        .filter_map(|l| l.trim().strip_prefix(SAVED).map(str::to_string))
        .collect()
}

/// The prefix without login's marker lines (what was there before login).
pub fn strip_marker(prefix: &str) -> String {
    prefix
        .split_inclusive('\n')
        .filter(|l| !l.trim().starts_with(MANAGED) && !l.trim().starts_with(SAVED))
        .collect()
}

/// The table at `path` (dotted), created implicit if missing.
pub fn table_mut<'a>(doc: &'a mut DocumentMut, path: &[&str]) -> Result<&'a mut Table> {
    let mut t = doc.as_table_mut();
    for (i, name) in path.iter().enumerate() {
        if !t.contains_key(name) {
            let mut new = Table::new();
            new.set_implicit(true);
            t.insert(name, Item::Table(new));
        }
        let item = t.get_mut(name).expect("inserted above");
        t = item.as_table_mut().ok_or_else(|| {
            Error::other(format!(
                "`{}` is not a table; login cannot add to it",
                path[..=i].join(".")
            ))
        })?;
    }
    Ok(t)
}

/// The owner of the login-owned table `name` under `parent`, if login wrote it.
pub fn table_owner(doc: &DocumentMut, parent: &[&str], name: &str) -> Option<String> {
    let mut t = doc.as_table();
    for p in parent {
        t = t.get(p)?.as_table()?;
    }
    let table = t.get(name)?.as_table()?;
    owner_in(&raw(table.decor().prefix()))
}

/// Writes `[parent.name]` as login's own table, replacing a previous one of login's. A table of the
/// user's with that name is an error: login will not take it over.
pub fn set_table(
    doc: &mut DocumentMut,
    parent: &[&str],
    name: &str,
    owner: &str,
    entries: Table,
) -> Result<()> {
    let was_empty = doc.as_table().is_empty();
    let existing = {
        let t = table_mut(doc, parent)?;
        t.get(name)
            .map(|i| i.as_table().map(|t| raw(t.decor().prefix())))
    };
    let full = parent
        .iter()
        .chain([&name])
        .copied()
        .collect::<Vec<_>>()
        .join(".");
    let prefix = match existing {
        Some(Some(prefix)) if owner_in(&prefix).is_some() => strip_marker(&prefix),
        Some(_) => {
            return Err(Error::other(format!(
                "[{full}] already exists and was not written by codeartifact login; remove or rename it first"
            )));
        }
        None if was_empty => String::new(),
        None => "\n".to_string(),
    };
    let mut table = entries;
    table.set_implicit(false);
    table
        .decor_mut()
        .set_prefix(format!("{prefix}{}", marker(owner, &[])));
    let t = table_mut(doc, parent)?;
    t.insert(name, Item::Table(table));
    Ok(())
}

/// Removes login's table `[parent.name]` if its owner matches; prunes parents left empty.
pub fn remove_table(
    doc: &mut DocumentMut,
    parent: &[&str],
    name: &str,
    matches: &dyn Fn(&str) -> bool,
) -> bool {
    let Some(owner) = table_owner(doc, parent, name) else {
        return false;
    };
    if !matches(&owner) {
        return false;
    }
    if let Ok(t) = table_mut(doc, parent) {
        t.remove(name);
    }
    prune(doc, parent);
    true
}

/// Removes the implicit tables on `path` that are left empty.
pub fn prune(doc: &mut DocumentMut, path: &[&str]) {
    for depth in (1..=path.len()).rev() {
        let (parent, name) = (&path[..depth - 1], path[depth - 1]);
        let Ok(t) = table_mut(doc, parent) else {
            return;
        };
        let empty = t
            .get(name)
            .and_then(Item::as_table)
            .is_some_and(|x| x.is_empty() && x.is_implicit());
        if empty {
            t.remove(name);
        }
    }
}

/// A document's text, with the line endings of `original` when every line of it ended with
/// CRLF (toml_edit writes LF for what it re-renders). A missing final newline cannot be kept:
/// toml_edit ends every table header and key line with one.
pub fn render(doc: &DocumentMut, original: Option<&str>) -> String {
    let s = doc.to_string();
    let crlf = original
        .is_some_and(|o| o.contains('\n') && o.matches('\n').count() == o.matches("\r\n").count());
    if crlf {
        s.replace("\r\n", "\n").replace('\n', "\r\n")
    } else {
        s
    }
}

/// [`render`], or `None` (delete the file) when nothing is left in it.
pub fn render_or_delete(doc: &DocumentMut, original: Option<&str>) -> Option<String> {
    let s = render(doc, original);
    if s.trim().is_empty() { None } else { Some(s) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owned_table_roundtrip_keeps_user_content() {
        let orig =
            "# my cargo config\n[build]\njobs = 2 # two\n\n[registries.other]\nindex = \"x\"\n";
        let mut doc = parse(Some(orig), Path::new("c")).unwrap();
        let mut t = Table::new();
        t.insert("index", toml_edit::value("sparse+https://h/cargo/r/"));
        set_table(&mut doc, &["registries"], "codeartifact", "d/r", t.clone()).unwrap();
        let once = doc.to_string();
        assert!(once.starts_with(orig), "{once}");
        assert!(
            once.contains("\n# managed by codeartifact login (d/r)\n[registries.codeartifact]\n"),
            "{once}"
        );
        set_table(&mut doc, &["registries"], "codeartifact", "d/r", t).unwrap();
        assert_eq!(doc.to_string(), once);
        assert!(remove_table(
            &mut doc,
            &["registries"],
            "codeartifact",
            &|o| o == "d/r"
        ));
        assert_eq!(doc.to_string(), orig);
    }

    #[test]
    fn user_table_is_not_taken_over() {
        let mut doc = parse(
            Some("[registries.codeartifact]\nindex = \"x\"\n"),
            Path::new("c"),
        )
        .unwrap();
        assert!(
            set_table(
                &mut doc,
                &["registries"],
                "codeartifact",
                "d/r",
                Table::new()
            )
            .is_err()
        );
        assert!(!remove_table(
            &mut doc,
            &["registries"],
            "codeartifact",
            &|_| true
        ));
    }

    #[test]
    fn bad_toml_is_an_error_that_does_not_quote_the_file() {
        let err = parse(Some("[a]\ntoken = \"SECRET\" x\n"), Path::new("c"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 2") && !err.contains("SECRET"), "{err}");
    }
}
