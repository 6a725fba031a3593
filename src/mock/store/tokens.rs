//! The `tokens` table: authorization tokens by their SHA-256 (the database never holds a usable
//! credential; `handlers/tokens.rs` hashes), going with their domain (ON DELETE CASCADE).

use rusqlite::{Connection, OptionalExtension, params};

use crate::mock::error::ApiError;

/// What a valid token grants: access to one domain, until `expires_ms`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenInfo {
    pub domain: String,
    pub domain_owner: String,
    pub expires_ms: i64,
}

/// Records a token, first dropping the expired ones (useless; this keeps the table small).
pub fn insert(
    conn: &Connection,
    sha256: &str,
    info: &TokenInfo,
    now_ms: i64,
) -> Result<(), ApiError> {
    conn.execute("DELETE FROM tokens WHERE expires_ms < ?1", [now_ms])?;
    conn.execute(
        "INSERT INTO tokens (token_sha256, domain, domain_owner, expires_ms) VALUES (?1, ?2, ?3, ?4)",
        params![sha256, info.domain, info.domain_owner, info.expires_ms],
    )?;
    Ok(())
}

/// The token with this hash, expired or not.
pub fn find(conn: &Connection, sha256: &str) -> Result<Option<TokenInfo>, ApiError> {
    Ok(conn
        .query_row(
            "SELECT domain, domain_owner, expires_ms FROM tokens WHERE token_sha256 = ?1",
            [sha256],
            |r| {
                Ok(TokenInfo {
                    domain: r.get(0)?,
                    domain_owner: r.get(1)?,
                    expires_ms: r.get(2)?,
                })
            },
        )
        .optional()?)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::mock::handlers::{self, TokenError};
    use crate::mock::store::test_ctx as ctx;

    #[test]
    fn issued_tokens_verify_until_they_expire_or_their_domain_goes() {
        let dir = tempfile::tempdir().unwrap();
        let ctx = ctx(dir.path());
        let call = |op: &str, input| handlers::handler(op).unwrap()(&ctx, input).unwrap();
        call("CreateDomain", json!({"domain": "dom"}));
        let out = call(
            "GetAuthorizationToken",
            json!({"domain": "dom", "durationSeconds": 900}),
        );
        let token = out["authorizationToken"].as_str().unwrap();
        let info = ctx.verify_token(token).unwrap();
        assert_eq!(
            (info.domain.as_str(), info.domain_owner.as_str()),
            ("dom", "111122223333")
        );
        assert_eq!(ctx.verify_token("not-a-token"), Err(TokenError::Unknown));

        // The database holds only the hash.
        let stored: String = ctx
            .store
            .read(|c| Ok(c.query_row("SELECT token_sha256 FROM tokens", [], |r| r.get(0))?))
            .unwrap();
        assert_ne!(stored, token);

        ctx.store
            .write(|tx| Ok(tx.execute("UPDATE tokens SET expires_ms = 0", [])?))
            .unwrap();
        assert_eq!(ctx.verify_token(token), Err(TokenError::Expired));

        let fresh = call("GetAuthorizationToken", json!({"domain": "dom"}));
        let fresh = fresh["authorizationToken"].as_str().unwrap();
        assert!(ctx.verify_token(fresh).is_ok());
        call("DeleteDomain", json!({"domain": "dom"}));
        assert_eq!(ctx.verify_token(fresh), Err(TokenError::Unknown));
    }
}
