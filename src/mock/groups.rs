//! Package group patterns: parsing, matching packages, and the group hierarchy.
//!
//! A pattern is a package path (`/{format}/{namespace}/{name}`) cut short and ended by a suffix
//! (CodeArtifact user guide, "Package group definition syntax and matching behavior"):
//! `/*` every package, `/npm/*` one format, `/maven/com.anycompany~` a namespace prefix,
//! `/npm/space/*` one namespace, `/npm/space/ui~` a name prefix, `/maven/org.x/core$` one package.
//! Formats without namespaces (pypi, nuget, ruby, cargo) use an empty namespace part
//! (`/pypi//requests$`); formats whose packages always have one (maven, generic, swift) must
//! name it when the pattern names a package.
//!
//! Nothing about the hierarchy is stored: a group's parent is the most specific other group whose
//! pattern covers everything its own pattern matches, so creating or deleting a group re-parents
//! the others as the service documents.

use rusqlite::{Connection, OptionalExtension, params};

use super::error::ApiError;

/// Every format the model knows.
pub const FORMATS: &[&str] = &[
    "npm", "pypi", "maven", "nuget", "generic", "ruby", "swift", "cargo",
];

/// Formats whose packages never have a namespace.
const NO_NAMESPACE: &[&str] = &["pypi", "nuget", "ruby", "cargo"];
/// Formats whose packages always have one.
const NAMESPACE_REQUIRED: &[&str] = &["maven", "generic", "swift"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    All,
    Format(String),
    NamespacePrefix(String, String),
    Namespace(String, String),
    NamePrefix(String, String, String),
    Exact(String, String, String),
}

impl Pattern {
    pub fn parse(text: &str) -> Result<Pattern, ApiError> {
        let invalid = |why: &str| {
            ApiError::validation_reason(
                "OTHER",
                format!("Invalid package group pattern '{text}': {why}"),
            )
        };
        let Some(rest) = text.strip_prefix('/') else {
            return Err(invalid("a pattern starts with '/'"));
        };
        if rest == "*" {
            return Ok(Pattern::All);
        }
        let parts: Vec<&str> = rest.split('/').collect();
        let format = parts[0];
        if !FORMATS.contains(&format) {
            return Err(invalid(&format!(
                "'{format}' is not a package format (one of {})",
                FORMATS.join(", ")
            )));
        }
        let f = format.to_string();
        let pattern = match parts.as_slice() {
            [_, "*"] => Pattern::Format(f),
            [_, ns] if ns.len() > 1 && ns.ends_with('~') => {
                Pattern::NamespacePrefix(f, ns[..ns.len() - 1].to_string())
            }
            [_, ns, "*"] => Pattern::Namespace(f, ns.to_string()),
            [_, ns, name] if name.len() > 1 && name.ends_with('~') => {
                Pattern::NamePrefix(f, ns.to_string(), name[..name.len() - 1].to_string())
            }
            [_, ns, name] if name.len() > 1 && name.ends_with('$') => {
                Pattern::Exact(f, ns.to_string(), name[..name.len() - 1].to_string())
            }
            _ => {
                return Err(invalid(
                    "expected /*, /{format}/*, /{format}/{namespace}~, /{format}/{namespace}/*, \
                     /{format}/{namespace}/{name}~ or /{format}/{namespace}/{name}$",
                ));
            }
        };
        let (ns, names_package) = match &pattern {
            Pattern::All | Pattern::Format(_) => (None, false),
            Pattern::NamespacePrefix(_, ns) | Pattern::Namespace(_, ns) => (Some(ns), false),
            Pattern::NamePrefix(_, ns, _) | Pattern::Exact(_, ns, _) => (Some(ns), true),
        };
        if let Some(ns) = ns {
            if ns.contains(['~', '$', '*']) {
                return Err(invalid("a namespace cannot contain '~', '$' or '*'"));
            }
            if NO_NAMESPACE.contains(&format) && !ns.is_empty() {
                return Err(invalid(&format!(
                    "{format} packages have no namespace; leave it empty (/{format}//name$)"
                )));
            }
            if NO_NAMESPACE.contains(&format) && matches!(pattern, Pattern::NamespacePrefix(..)) {
                return Err(invalid(&format!("{format} packages have no namespace")));
            }
            if names_package && NAMESPACE_REQUIRED.contains(&format) && ns.is_empty() {
                return Err(invalid(&format!(
                    "{format} packages always have a namespace; include it"
                )));
            }
        }
        if let Pattern::NamePrefix(_, _, n) | Pattern::Exact(_, _, n) = &pattern
            && n.contains(['~', '$', '*'])
        {
            return Err(invalid("a name cannot contain '~', '$' or '*'"));
        }
        Ok(pattern)
    }

    /// How specific the pattern is: more specific patterns win when several match a package.
    /// Longer prefixes are more specific than shorter ones of the same kind.
    pub fn specificity(&self) -> (u8, usize) {
        match self {
            Pattern::All => (0, 0),
            Pattern::Format(_) => (1, 0),
            Pattern::NamespacePrefix(_, p) => (2, p.len()),
            Pattern::Namespace(..) => (3, 0),
            Pattern::NamePrefix(_, _, p) => (4, p.len()),
            Pattern::Exact(..) => (5, 0),
        }
    }

    /// Whether the package matches, and how: `Some(true)` for a match on the package's own
    /// spelling (a STRONG association), `Some(false)` for a match only after normalising
    /// case and separators, a variation of the pattern (WEAK).
    pub fn matches(&self, format: &str, namespace: Option<&str>, name: &str) -> Option<bool> {
        let ns = namespace.unwrap_or("");
        let strong = self.matches_with(format, ns, name, |s| s.to_string());
        if strong {
            return Some(true);
        }
        self.matches_with(format, ns, name, normalize)
            .then_some(false)
    }

    fn matches_with(
        &self,
        format: &str,
        ns: &str,
        name: &str,
        norm: impl Fn(&str) -> String,
    ) -> bool {
        match self {
            Pattern::All => true,
            Pattern::Format(f) => f == format,
            Pattern::NamespacePrefix(f, p) => {
                f == format && !ns.is_empty() && word_prefix(&norm(p), &norm(ns))
            }
            Pattern::Namespace(f, n) => f == format && norm(n) == norm(ns),
            Pattern::NamePrefix(f, n, p) => {
                f == format && norm(n) == norm(ns) && word_prefix(&norm(p), &norm(name))
            }
            Pattern::Exact(f, n, p) => f == format && norm(n) == norm(ns) && norm(p) == norm(name),
        }
    }

    /// Whether every package `other` matches is also matched by `self` (and they differ):
    /// `self` is then an ancestor of `other` in the hierarchy.
    pub fn covers(&self, other: &Pattern) -> bool {
        if self == other {
            return false;
        }
        match (self, other) {
            (Pattern::All, _) => true,
            (_, Pattern::All) => false,
            (Pattern::Format(f), o) => o.format() == Some(f.as_str()),
            (Pattern::NamespacePrefix(f, p), o) => {
                o.format() == Some(f.as_str())
                    && match o {
                        Pattern::NamespacePrefix(_, q) => word_prefix(p, q),
                        Pattern::Namespace(_, ns)
                        | Pattern::NamePrefix(_, ns, _)
                        | Pattern::Exact(_, ns, _) => !ns.is_empty() && word_prefix(p, ns),
                        _ => false,
                    }
            }
            (
                Pattern::Namespace(f, ns),
                Pattern::NamePrefix(g, ns2, _) | Pattern::Exact(g, ns2, _),
            ) => f == g && ns == ns2,
            (
                Pattern::NamePrefix(f, ns, p),
                Pattern::NamePrefix(g, ns2, q) | Pattern::Exact(g, ns2, q),
            ) => f == g && ns == ns2 && word_prefix(p, q),
            _ => false,
        }
    }

    /// The one format the pattern matches (`None` for `/*`).
    pub fn format(&self) -> Option<&str> {
        match self {
            Pattern::All => None,
            Pattern::Format(f)
            | Pattern::NamespacePrefix(f, _)
            | Pattern::Namespace(f, _)
            | Pattern::NamePrefix(f, _, _)
            | Pattern::Exact(f, _, _) => Some(f),
        }
    }
}

/// `~` matches on word boundaries: `ui` matches `ui`, `ui-core` and `ui.x`, not `uikit`.
fn word_prefix(prefix: &str, value: &str) -> bool {
    match value.strip_prefix(prefix) {
        None => false,
        Some("") => true,
        Some(rest) => {
            prefix.ends_with(|c: char| !c.is_alphanumeric())
                || rest.starts_with(|c: char| !c.is_alphanumeric())
        }
    }
}

/// The spelling-insensitive form used for WEAK matches: lowercase, runs of `-`, `_`, `.` as one
/// `-` (how the service normalises PyPI names).
fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut sep = false;
    for c in s.chars() {
        if matches!(c, '-' | '_' | '.') {
            sep = true;
            continue;
        }
        if sep {
            out.push('-');
            sep = false;
        }
        out.extend(c.to_lowercase());
    }
    if sep {
        out.push('-');
    }
    out
}

// ---- groups in the store ---------------------------------------------------------------------

/// The three origin restrictions, in the order of the `*_mode` columns.
pub const RESTRICTIONS: [&str; 3] = ["EXTERNAL_UPSTREAM", "INTERNAL_UPSTREAM", "PUBLISH"];
pub const ROOT: &str = "/*";

#[derive(Debug, Clone)]
pub struct GroupRow {
    pub domain: String,
    pub pattern: String,
    pub parsed: Pattern,
    pub created_ms: i64,
    pub contact_info: Option<String>,
    pub description: Option<String>,
    /// Indexed like `RESTRICTIONS`.
    pub modes: [String; 3],
}

pub fn restriction_index(kind: &str) -> Option<usize> {
    RESTRICTIONS.iter().position(|r| *r == kind)
}

const GROUP_COLUMNS: &str = "domain, pattern, created_ms, contact_info, description, \
     external_upstream_mode, internal_upstream_mode, publish_mode";

fn group_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<GroupRow> {
    let pattern: String = r.get(1)?;
    // Stored patterns were validated when created; a row that no longer parses (hand-edited
    // database) still behaves as a group that matches nothing more specific than the root.
    let parsed = Pattern::parse(&pattern).unwrap_or(Pattern::All);
    Ok(GroupRow {
        domain: r.get(0)?,
        pattern,
        parsed,
        created_ms: r.get(2)?,
        contact_info: r.get(3)?,
        description: r.get(4)?,
        modes: [r.get(5)?, r.get(6)?, r.get(7)?],
    })
}

/// Every group of `domain`, ordered by pattern.
pub fn all(conn: &Connection, domain: &str) -> Result<Vec<GroupRow>, ApiError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {GROUP_COLUMNS} FROM package_groups WHERE domain = ?1 ORDER BY pattern"
    ))?;
    Ok(stmt
        .query_map([domain], group_row)?
        .collect::<Result<_, _>>()?)
}

pub fn find(conn: &Connection, domain: &str, pattern: &str) -> Result<Option<GroupRow>, ApiError> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {GROUP_COLUMNS} FROM package_groups WHERE domain = ?1 AND pattern = ?2"
            ),
            [domain, pattern],
            group_row,
        )
        .optional()?)
}

/// Creates the root group `/*` (every restriction ALLOW), as the service does with every domain.
pub fn create_root(conn: &Connection, domain: &str, created_ms: i64) -> Result<(), ApiError> {
    conn.execute(
        "INSERT OR IGNORE INTO package_groups (domain, pattern, created_ms, publish_mode,
             external_upstream_mode, internal_upstream_mode)
         VALUES (?1, '/*', ?2, 'ALLOW', 'ALLOW', 'ALLOW')",
        params![domain, created_ms],
    )?;
    Ok(())
}

/// The most specific other group covering `pattern`.
pub fn parent<'a>(groups: &'a [GroupRow], pattern: &Pattern) -> Option<&'a GroupRow> {
    groups
        .iter()
        .filter(|g| g.parsed.covers(pattern))
        .max_by_key(|g| g.parsed.specificity())
}

/// The group a package belongs to (the most specific match) and whether the match is STRONG.
pub fn associated<'a>(
    groups: &'a [GroupRow],
    format: &str,
    namespace: Option<&str>,
    name: &str,
) -> Option<(&'a GroupRow, bool)> {
    groups
        .iter()
        .filter_map(|g| g.parsed.matches(format, namespace, name).map(|s| (g, s)))
        .max_by_key(|(g, strong)| (g.parsed.specificity(), *strong))
}

/// The domain's distinct package coordinates after a key, in key order.
const ASSOCIATED_SCAN: &str = "SELECT DISTINCT format, namespace, name FROM packages
    WHERE domain = ?1 AND (format, namespace, name) > (?2, ?3, ?4)
    ORDER BY format, namespace, name";

/// A package associated with a group, as ListAssociatedPackages lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssociatedPackage {
    pub format: String,
    /// Empty when the package has none.
    pub namespace: String,
    pub name: String,
    pub strong: bool,
}

/// Up to `limit` packages of the domain associated with `group` (one of `groups`), in key order
/// (format, namespace, name) after `after`. Packages are domain-wide for groups: the same
/// package in several repositories is one.
///
/// Association is computed (the most specific matching group wins), so it cannot be a WHERE
/// clause; instead the scan walks the domain's distinct coordinates in key order from the
/// page's start (an index of migration 4) and stops as soon as the page is full, so a page costs
/// what it reads up to its last package, not the whole domain. A group naming a format only
/// scans that format's range, since every match, STRONG or WEAK, has the group's format.
pub fn associated_packages_page(
    conn: &Connection,
    domain: &str,
    groups: &[GroupRow],
    group: &GroupRow,
    after: Option<(&str, &str, &str)>,
    limit: usize,
) -> Result<Vec<AssociatedPackage>, ApiError> {
    let format = group.parsed.format();
    // Names are never empty, so (format, '', '') sorts before the format's first package.
    let mut start = after.unwrap_or(("", "", ""));
    if let Some(f) = format
        && start < (f, "", "")
    {
        start = (f, "", "");
    }
    let mut stmt = conn.prepare_cached(ASSOCIATED_SCAN)?;
    let mut rows = stmt.query(params![domain, start.0, start.1, start.2])?;
    let mut page = Vec::new();
    while page.len() < limit
        && let Some(r) = rows.next()?
    {
        let (f, ns, name) = (text(r, 0)?, text(r, 1)?, text(r, 2)?);
        if format.is_some_and(|g| f != g) {
            break; // past the group's format: nothing further can match
        }
        let namespace = (!ns.is_empty()).then_some(ns);
        if let Some((g, strong)) = associated(groups, f, namespace, name)
            && g.pattern == group.pattern
        {
            page.push(AssociatedPackage {
                format: f.to_string(),
                namespace: ns.to_string(),
                name: name.to_string(),
                strong,
            });
        }
    }
    Ok(page)
}

fn text<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> Result<&'r str, ApiError> {
    r.get_ref(i)?
        .as_str()
        .map_err(|e| ApiError::internal(format!("store error: column {i}: {e}")))
}

/// The mode in force for restriction `kind` on `group`: its own, or for INHERIT the first
/// ancestor's that is not INHERIT (returned as the group it is inherited from).
pub fn effective<'a>(
    groups: &'a [GroupRow],
    group: &'a GroupRow,
    kind: usize,
) -> (&'a str, Option<&'a GroupRow>) {
    let mut current = group;
    // The parent chain is strictly less specific at each step, so it ends; the bound is a
    // guard against a corrupted store.
    for _ in 0..=groups.len() {
        if current.modes[kind] != "INHERIT" {
            let from = (current.pattern != group.pattern).then_some(current);
            return (current.modes[kind].as_str(), from);
        }
        match parent(groups, &current.parsed) {
            Some(p) => current = p,
            None => break,
        }
    }
    // The root never inherits; without one, nothing is restricted.
    ("ALLOW", None)
}

pub fn allowed_repositories(
    conn: &Connection,
    domain: &str,
    pattern: &str,
    kind: &str,
) -> Result<Vec<String>, ApiError> {
    let mut stmt = conn.prepare_cached(
        "SELECT repository FROM package_group_allowed_repositories
         WHERE domain = ?1 AND pattern = ?2 AND restriction_type = ?3 ORDER BY repository",
    )?;
    Ok(stmt
        .query_map([domain, pattern, kind], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

/// Whether `repository` may do `kind` (a `RESTRICTIONS` entry) for the package, by the package
/// group it belongs to. The refusal names the group that decides.
pub fn check(
    conn: &Connection,
    domain: &str,
    repository: &str,
    kind: &str,
    format: &str,
    namespace: Option<&str>,
    name: &str,
) -> Result<(), ApiError> {
    let groups = all(conn, domain)?;
    let Some((group, _)) = associated(&groups, format, namespace, name) else {
        return Ok(());
    };
    let k = restriction_index(kind).expect("a known restriction");
    let (mode, from) = effective(&groups, group, k);
    let decider = from.unwrap_or(group);
    let allowed = match mode {
        "ALLOW" => true,
        "ALLOW_SPECIFIC_REPOSITORIES" => {
            allowed_repositories(conn, domain, &decider.pattern, kind)?
                .iter()
                .any(|r| r == repository)
        }
        _ => false,
    };
    if allowed {
        Ok(())
    } else {
        let what = match kind {
            "PUBLISH" => "Publishing",
            "EXTERNAL_UPSTREAM" => "Fetching from an external connection",
            _ => "Fetching from an upstream repository",
        };
        Err(ApiError::new(
            "AccessDeniedException",
            format!(
                "{what} is not allowed for this package in repository '{repository}' by package group '{}' ({kind} {mode})",
                decider.pattern
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Pattern {
        Pattern::parse(s).unwrap()
    }

    #[test]
    fn documented_examples_parse() {
        for s in [
            "/*",
            "/npm/*",
            "/maven/com.anycompany~",
            "/npm/space/*",
            "/npm/space/anycompany-ui~",
            "/maven/org.apache.logging.log4j/log4j-core$",
            "/pypi//requests$",
            "/npm//react~",
        ] {
            assert!(Pattern::parse(s).is_ok(), "{s}");
        }
        for s in [
            "npm/*",
            "/*/x",
            "/rust/*",
            "/npm",
            "/npm/space",
            "/pypi/ns/x$",
            "/maven//core$",
            "/npm/a/b/c$",
            "/npm/~",
            "/npm/a*/b$",
        ] {
            assert!(Pattern::parse(s).is_err(), "{s}");
        }
    }

    #[test]
    fn prefixes_match_on_word_boundaries() {
        let ui = p("/npm/space/ui~");
        assert_eq!(ui.matches("npm", Some("space"), "ui"), Some(true));
        assert_eq!(ui.matches("npm", Some("space"), "ui-core"), Some(true));
        assert_eq!(ui.matches("npm", Some("space"), "uikit"), None);
        assert_eq!(ui.matches("npm", Some("other"), "ui"), None);
        let ns = p("/maven/com.anycompany~");
        assert_eq!(
            ns.matches("maven", Some("com.anycompany.ui"), "x"),
            Some(true)
        );
        assert_eq!(ns.matches("maven", Some("com.anycompanyx"), "x"), None);
        assert_eq!(
            p("/pypi//my-package$").matches("pypi", None, "My_Package"),
            Some(false)
        );
    }

    /// The scan behind ListAssociatedPackages reads migration 4's index from the page's start
    /// in order: no sort and no temporary table for DISTINCT, so stopping early saves the rest.
    #[test]
    fn associated_scan_walks_the_coordinates_index() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::mock::store::Store::open(&dir.path().join("db.sqlite3")).unwrap();
        let plan = store
            .read(|c| {
                let mut stmt = c.prepare(&format!("EXPLAIN QUERY PLAN {ASSOCIATED_SCAN}"))?;
                let rows: Vec<String> = stmt
                    .query_map(params!["d", "npm", "", "a"], |r| r.get(3))?
                    .collect::<Result<_, _>>()?;
                Ok(rows.join("\n"))
            })
            .unwrap();
        assert!(
            plan.contains("packages_by_coordinates") && !plan.contains("TEMP B-TREE"),
            "{plan}"
        );
    }

    #[test]
    fn covering_defines_the_hierarchy() {
        assert!(p("/*").covers(&p("/npm/*")));
        assert!(p("/npm/*").covers(&p("/npm/space/ui~")));
        assert!(p("/npm/space/*").covers(&p("/npm/space/ui$")));
        assert!(p("/npm/space/ui~").covers(&p("/npm/space/ui-core~")));
        assert!(p("/maven/com~").covers(&p("/maven/com.x/*")));
        assert!(!p("/npm/space/ui~").covers(&p("/npm/space/uikit$")));
        assert!(!p("/npm/*").covers(&p("/npm/*")));
        assert!(!p("/npm/*").covers(&p("/pypi/*")));
        assert!(p("/npm/space/ui~").specificity() > p("/npm/space/*").specificity());
    }
}
