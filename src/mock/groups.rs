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

use rusqlite::Connection;

use super::store::groups::{GroupRow, all, allowed_repositories};

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

pub fn restriction_index(kind: &str) -> Option<usize> {
    RESTRICTIONS.iter().position(|r| *r == kind)
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
