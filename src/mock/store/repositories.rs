//! The `repositories` table and what hangs off a repository: its ordered `upstreams` and its
//! `external_connections`. Deleting a repository deletes both (ON DELETE CASCADE) and its
//! packages; an upstream link from another repository blocks the delete (foreign key).

use rusqlite::{Connection, OptionalExtension, params};

use crate::mock::error::ApiError;

pub struct RepoRow {
    pub domain: String,
    pub name: String,
    pub administrator_account: String,
    pub description: Option<String>,
    pub created_ms: i64,
}

fn repo_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RepoRow> {
    Ok(RepoRow {
        domain: r.get(0)?,
        name: r.get(1)?,
        administrator_account: r.get(2)?,
        description: r.get(3)?,
        created_ms: r.get(4)?,
    })
}

pub fn find(conn: &Connection, domain: &str, name: &str) -> Result<Option<RepoRow>, ApiError> {
    Ok(conn
        .query_row(
            "SELECT domain, name, administrator_account, description, created_ms FROM repositories
             WHERE domain = ?1 AND name = ?2",
            params![domain, name],
            repo_row,
        )
        .optional()?)
}

pub fn exists(conn: &Connection, domain: &str, name: &str) -> Result<bool, ApiError> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM repositories WHERE domain = ?1 AND name = ?2",
            [domain, name],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

pub fn count_in(conn: &Connection, domain: &str) -> Result<i64, ApiError> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM repositories WHERE domain = ?1",
        [domain],
        |r| r.get(0),
    )?)
}

pub fn insert(conn: &Connection, r: &RepoRow) -> Result<(), ApiError> {
    conn.execute(
        "INSERT INTO repositories (domain, name, administrator_account, description, created_ms)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            r.domain,
            r.name,
            r.administrator_account,
            r.description,
            r.created_ms
        ],
    )?;
    Ok(())
}

pub fn set_description(
    conn: &Connection,
    domain: &str,
    name: &str,
    description: &str,
) -> Result<(), ApiError> {
    conn.execute(
        "UPDATE repositories SET description = ?1 WHERE domain = ?2 AND name = ?3",
        params![description, domain, name],
    )?;
    Ok(())
}

/// Deletes the repository with its upstream list, external connections and packages.
pub fn delete(conn: &Connection, domain: &str, name: &str) -> Result<(), ApiError> {
    conn.execute(
        "DELETE FROM repositories WHERE domain = ?1 AND name = ?2",
        params![domain, name],
    )?;
    Ok(())
}

/// Up to `limit` repositories of every domain whose name starts with `prefix`, in (name,
/// domain) order after `after` (names repeat across domains).
pub fn page_all(
    conn: &Connection,
    prefix: &str,
    after: (&str, &str),
    limit: usize,
    region: &str,
) -> Result<Vec<RepoRow>, ApiError> {
    let mut stmt = conn.prepare_cached(
        "SELECT domain, name, administrator_account, description, created_ms FROM repositories
         WHERE substr(name, 1, length(?1)) = ?1 AND (name, domain) > (?2, ?3)
           AND domain IN (SELECT domain FROM domain_regions WHERE region = ?5)
         ORDER BY name, domain LIMIT ?4",
    )?;
    Ok(stmt
        .query_map(
            params![prefix, after.0, after.1, limit as i64, region],
            repo_row,
        )?
        .collect::<Result<_, _>>()?)
}

/// Up to `limit` repositories of `domain` whose name starts with `prefix` (and administered
/// by `admin` if given), in name order after `after`.
pub fn page_in(
    conn: &Connection,
    domain: &str,
    prefix: &str,
    admin: Option<&str>,
    after: &str,
    limit: usize,
) -> Result<Vec<RepoRow>, ApiError> {
    let mut stmt = conn.prepare_cached(
        "SELECT domain, name, administrator_account, description, created_ms FROM repositories
         WHERE domain = ?1 AND substr(name, 1, length(?2)) = ?2 AND name > ?3
           AND (?4 IS NULL OR administrator_account = ?4)
         ORDER BY name LIMIT ?5",
    )?;
    Ok(stmt
        .query_map(
            params![domain, prefix, after, admin, limit as i64],
            repo_row,
        )?
        .collect::<Result<_, _>>()?)
}

/// The repository's direct upstreams, in list order.
pub fn upstreams(conn: &Connection, domain: &str, name: &str) -> Result<Vec<String>, ApiError> {
    let mut stmt = conn.prepare_cached(
        "SELECT upstream FROM upstreams WHERE domain = ?1 AND repository = ?2 ORDER BY position",
    )?;
    Ok(stmt
        .query_map([domain, name], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

/// Replaces the repository's upstream list (checked by the caller).
pub fn set_upstreams(
    conn: &Connection,
    domain: &str,
    name: &str,
    upstreams: &[&str],
) -> Result<(), ApiError> {
    conn.execute(
        "DELETE FROM upstreams WHERE domain = ?1 AND repository = ?2",
        [domain, name],
    )?;
    for (i, upstream) in upstreams.iter().enumerate() {
        conn.execute(
            "INSERT INTO upstreams (domain, repository, position, upstream) VALUES (?1, ?2, ?3, ?4)",
            params![domain, name, i as i64, upstream],
        )?;
    }
    Ok(())
}

/// The first repository (by name) that has `name` as an upstream.
pub fn first_downstream(
    conn: &Connection,
    domain: &str,
    name: &str,
) -> Result<Option<String>, ApiError> {
    Ok(conn
        .query_row(
            "SELECT repository FROM upstreams WHERE domain = ?1 AND upstream = ?2 ORDER BY repository LIMIT 1",
            params![domain, name],
            |row| row.get(0),
        )
        .optional()?)
}

/// The repository's external connections as (name, package format), in name order.
pub fn external_connections(
    conn: &Connection,
    domain: &str,
    name: &str,
) -> Result<Vec<(String, String)>, ApiError> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, package_format FROM external_connections WHERE domain = ?1 AND repository = ?2 ORDER BY name",
    )?;
    Ok(stmt
        .query_map(params![domain, name], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<_, _>>()?)
}

pub fn add_external_connection(
    conn: &Connection,
    domain: &str,
    name: &str,
    connection: &str,
    format: &str,
) -> Result<(), ApiError> {
    conn.execute(
        "INSERT INTO external_connections (domain, repository, name, package_format) VALUES (?1, ?2, ?3, ?4)",
        params![domain, name, connection, format],
    )?;
    Ok(())
}

/// Removes the connection; whether the repository had it.
pub fn remove_external_connection(
    conn: &Connection,
    domain: &str,
    name: &str,
    connection: &str,
) -> Result<bool, ApiError> {
    Ok(conn.execute(
        "DELETE FROM external_connections WHERE domain = ?1 AND repository = ?2 AND name = ?3",
        params![domain, name, connection],
    )? > 0)
}
