//! The `tags` table: tags on domains, repositories and package groups, keyed by ARN (so a
//! resource's tags are deleted with it by its handler, not by a foreign key).

use rusqlite::{Connection, params};

use crate::mock::error::ApiError;

/// Adds the tag, or overwrites the value of the resource's tag with that key.
pub fn put(conn: &Connection, arn: &str, key: &str, value: &str) -> Result<(), ApiError> {
    conn.execute(
        "INSERT INTO tags (resource_arn, key, value) VALUES (?1, ?2, ?3)
         ON CONFLICT (resource_arn, key) DO UPDATE SET value = excluded.value",
        params![arn, key, value],
    )?;
    Ok(())
}

pub fn count(conn: &Connection, arn: &str) -> Result<i64, ApiError> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM tags WHERE resource_arn = ?1",
        [arn],
        |r| r.get(0),
    )?)
}

pub fn remove(conn: &Connection, arn: &str, key: &str) -> Result<(), ApiError> {
    conn.execute(
        "DELETE FROM tags WHERE resource_arn = ?1 AND key = ?2",
        [arn, key],
    )?;
    Ok(())
}

/// The resource's tags as (key, value), in key order.
pub fn list(conn: &Connection, arn: &str) -> Result<Vec<(String, String)>, ApiError> {
    let mut stmt =
        conn.prepare_cached("SELECT key, value FROM tags WHERE resource_arn = ?1 ORDER BY key")?;
    Ok(stmt
        .query_map([arn], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?)
}

/// Forgets every tag of the resource.
pub fn remove_all(conn: &Connection, arn: &str) -> Result<(), ApiError> {
    conn.execute("DELETE FROM tags WHERE resource_arn = ?1", [arn])?;
    Ok(())
}

/// Forgets every tag of the resources whose ARN starts with `prefix`.
pub fn remove_under(conn: &Connection, prefix: &str) -> Result<(), ApiError> {
    conn.execute(
        "DELETE FROM tags WHERE substr(resource_arn, 1, length(?1)) = ?1",
        [prefix],
    )?;
    Ok(())
}
