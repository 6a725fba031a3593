//! Resource policies: the `policy` and `policy_revision` columns of `domains` and
//! `repositories` (both NULL when no policy is set).

use rusqlite::{Connection, params};

use crate::mock::error::ApiError;

/// The resource a policy is attached to.
pub enum Holder<'a> {
    Domain(&'a str),
    Repository { domain: &'a str, name: &'a str },
}

/// The policy document and its revision, if one is set.
pub fn get(conn: &Connection, holder: &Holder<'_>) -> Result<Option<(String, String)>, ApiError> {
    let row: (Option<String>, Option<String>) = match holder {
        Holder::Domain(name) => conn.query_row(
            "SELECT policy, policy_revision FROM domains WHERE name = ?1",
            [name],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?,
        Holder::Repository { domain, name } => conn.query_row(
            "SELECT policy, policy_revision FROM repositories WHERE domain = ?1 AND name = ?2",
            [domain, name],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?,
    };
    Ok(row.0.zip(row.1))
}

/// Sets (document, revision), or with `None` removes the policy.
pub fn set(
    conn: &Connection,
    holder: &Holder<'_>,
    policy: Option<(&str, &str)>,
) -> Result<(), ApiError> {
    let (document, revision) = policy.unzip();
    match holder {
        Holder::Domain(name) => conn.execute(
            "UPDATE domains SET policy = ?2, policy_revision = ?3 WHERE name = ?1",
            params![name, document, revision],
        )?,
        Holder::Repository { domain, name } => conn.execute(
            "UPDATE repositories SET policy = ?3, policy_revision = ?4 WHERE domain = ?1 AND name = ?2",
            params![domain, name, document, revision],
        )?,
    };
    Ok(())
}
