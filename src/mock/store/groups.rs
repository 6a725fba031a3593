//! The `package_groups` table and each group's `package_group_allowed_repositories`; the
//! hierarchy and matching computed over these rows live in `mock/groups.rs`.

use rusqlite::{Connection, OptionalExtension, params};

use crate::mock::error::ApiError;
use crate::mock::groups::{Pattern, associated};

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

/// Creates a group under its pattern, every restriction INHERIT.
pub fn insert(
    conn: &Connection,
    domain: &str,
    pattern: &str,
    created_ms: i64,
    contact_info: Option<&str>,
    description: Option<&str>,
) -> Result<(), ApiError> {
    conn.execute(
        "INSERT INTO package_groups (domain, pattern, created_ms, contact_info, description,
             publish_mode, external_upstream_mode, internal_upstream_mode)
         VALUES (?1, ?2, ?3, ?4, ?5, 'INHERIT', 'INHERIT', 'INHERIT')",
        params![domain, pattern, created_ms, contact_info, description],
    )?;
    Ok(())
}

pub fn set_contact_info(
    conn: &Connection,
    domain: &str,
    pattern: &str,
    contact_info: &str,
) -> Result<(), ApiError> {
    conn.execute(
        "UPDATE package_groups SET contact_info = ?3 WHERE domain = ?1 AND pattern = ?2",
        params![domain, pattern, contact_info],
    )?;
    Ok(())
}

pub fn set_description(
    conn: &Connection,
    domain: &str,
    pattern: &str,
    description: &str,
) -> Result<(), ApiError> {
    conn.execute(
        "UPDATE package_groups SET description = ?3 WHERE domain = ?1 AND pattern = ?2",
        params![domain, pattern, description],
    )?;
    Ok(())
}

/// Sets the mode of restriction `kind` (a `RESTRICTIONS` entry).
pub fn set_mode(
    conn: &Connection,
    domain: &str,
    pattern: &str,
    kind: &str,
    mode: &str,
) -> Result<(), ApiError> {
    let column = match kind {
        "EXTERNAL_UPSTREAM" => "external_upstream_mode",
        "INTERNAL_UPSTREAM" => "internal_upstream_mode",
        _ => "publish_mode",
    };
    conn.execute(
        &format!("UPDATE package_groups SET {column} = ?3 WHERE domain = ?1 AND pattern = ?2"),
        params![domain, pattern, mode],
    )?;
    Ok(())
}

/// Deletes the group with its allowed repositories (ON DELETE CASCADE).
pub fn delete(conn: &Connection, domain: &str, pattern: &str) -> Result<(), ApiError> {
    conn.execute(
        "DELETE FROM package_groups WHERE domain = ?1 AND pattern = ?2",
        params![domain, pattern],
    )?;
    Ok(())
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

/// Allows (`allow`) or stops allowing `repository` for restriction `kind` of the group;
/// whether that changed anything.
pub fn set_allowed_repository(
    conn: &Connection,
    domain: &str,
    pattern: &str,
    kind: &str,
    repository: &str,
    allow: bool,
) -> Result<bool, ApiError> {
    let sql = if allow {
        "INSERT OR IGNORE INTO package_group_allowed_repositories (domain, pattern, restriction_type, repository)
         VALUES (?1, ?2, ?3, ?4)"
    } else {
        "DELETE FROM package_group_allowed_repositories
         WHERE domain = ?1 AND pattern = ?2 AND restriction_type = ?3 AND repository = ?4"
    };
    Ok(conn.execute(sql, params![domain, pattern, kind, repository])? > 0)
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
