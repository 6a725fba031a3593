//! The `format_documents` table: what the data plane serves of a version beyond the control
//! plane's metadata, as one JSON document per version in the format's own shape (the npm
//! manifest for packuments, PyPI's per-file Requires-Python, ...). It goes with its version
//! (ON DELETE CASCADE).

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;

use crate::mock::error::ApiError;

/// The version's document, if any (one that no longer parses reads as none).
pub fn get(conn: &Connection, version_id: i64) -> Result<Option<Value>, ApiError> {
    let text: Option<String> = conn
        .query_row(
            "SELECT document FROM format_documents WHERE version_id = ?1",
            [version_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
}

/// Sets (replacing) the version's document.
pub fn set(conn: &Connection, version_id: i64, doc: &Value) -> Result<(), ApiError> {
    conn.execute(
        "INSERT INTO format_documents (version_id, document) VALUES (?1, ?2)
         ON CONFLICT (version_id) DO UPDATE SET document = excluded.document",
        params![version_id, doc.to_string()],
    )?;
    Ok(())
}
