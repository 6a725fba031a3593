//! The `domains` table: the emulator's account's domains. Tokens, blob records and package
//! groups go with their domain (ON DELETE CASCADE); tags are keyed by ARN (`tags.rs`).
//!
//! A domain lives in the region it was created in (`domain_regions`, as the service keeps
//! domains per region): lookups and listings see only the request's region's domains. Names are
//! unique across regions (see `region_of`).

use rusqlite::{Connection, OptionalExtension, params};

use crate::mock::error::ApiError;

pub struct DomainRow {
    pub name: String,
    pub owner: String,
    pub created_ms: i64,
    pub encryption_key: String,
}

fn domain_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DomainRow> {
    Ok(DomainRow {
        name: r.get(0)?,
        owner: r.get(1)?,
        created_ms: r.get(2)?,
        encryption_key: r.get(3)?,
    })
}

/// The domain `name` of `region`.
pub fn find(conn: &Connection, name: &str, region: &str) -> Result<Option<DomainRow>, ApiError> {
    Ok(conn
        .query_row(
            "SELECT name, owner, created_ms, encryption_key FROM domains
             WHERE name = ?1 AND name IN (SELECT domain FROM domain_regions WHERE region = ?2)",
            [name, region],
            domain_row,
        )
        .optional()?)
}

/// The region of the domain `name` in any region (empty for a domain no region claims).
pub fn region_of(conn: &Connection, name: &str) -> Result<Option<String>, ApiError> {
    Ok(conn
        .query_row(
            "SELECT COALESCE((SELECT region FROM domain_regions WHERE domain = ?1), '')
             FROM domains WHERE name = ?1",
            [name],
            |r| r.get(0),
        )
        .optional()?)
}

/// Whether the domain `name` lives in `region`.
pub fn in_region(conn: &Connection, name: &str, region: &str) -> Result<bool, ApiError> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM domain_regions WHERE domain = ?1 AND region = ?2",
            [name, region],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// The number of domains in `region` (the quota is per region).
pub fn count(conn: &Connection, region: &str) -> Result<i64, ApiError> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM domain_regions WHERE region = ?1",
        [region],
        |r| r.get(0),
    )?)
}

pub fn insert(conn: &Connection, d: &DomainRow, region: &str) -> Result<(), ApiError> {
    conn.execute(
        "INSERT INTO domains (name, owner, created_ms, encryption_key) VALUES (?1, ?2, ?3, ?4)",
        params![d.name, d.owner, d.created_ms, d.encryption_key],
    )?;
    conn.execute(
        "INSERT INTO domain_regions (domain, region) VALUES (?1, ?2)",
        params![d.name, region],
    )?;
    Ok(())
}

/// Up to `limit` domains of `region` named after `after`, in name order.
pub fn page(
    conn: &Connection,
    after: &str,
    limit: usize,
    region: &str,
) -> Result<Vec<DomainRow>, ApiError> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, owner, created_ms, encryption_key FROM domains
         WHERE name > ?1 AND name IN (SELECT domain FROM domain_regions WHERE region = ?3)
         ORDER BY name LIMIT ?2",
    )?;
    Ok(stmt
        .query_map(params![after, limit as i64, region], domain_row)?
        .collect::<Result<_, _>>()?)
}

/// The domain's repository count and the bytes of its assets.
pub fn usage(conn: &Connection, name: &str) -> Result<(i64, i64), ApiError> {
    Ok(conn.query_row(
        "SELECT (SELECT COUNT(*) FROM repositories WHERE domain = ?1),
                (SELECT COALESCE(SUM(size), 0) FROM blobs WHERE domain = ?1)",
        [name],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Deletes the domain with its tokens, blob records and package groups (ON DELETE CASCADE).
pub fn delete(conn: &Connection, name: &str) -> Result<(), ApiError> {
    conn.execute("DELETE FROM domains WHERE name = ?1", [name])?;
    Ok(())
}
