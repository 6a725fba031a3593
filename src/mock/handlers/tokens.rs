//! Authorization tokens: issued by GetAuthorizationToken, checked by the data plane.
//!
//! A token is 48 random bytes (URL-safe base64, so it can sit in pip's index URL); only its
//! SHA-256 is stored, so the database never holds a usable credential.

use base64::Engine;
use rand::RngCore;
use rusqlite::{OptionalExtension, params};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::{epoch_seconds, now_ms};
use crate::mock::Ctx;
use crate::mock::error::ApiError;

/// 12 hours: the default and the maximum lifetime.
const MAX_DURATION_S: i64 = 43200;
const MIN_DURATION_S: i64 = 900;

/// What a valid token grants: access to one domain, until `expires_ms`.
#[allow(dead_code, reason = "checked by the data plane (issue 3)")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenInfo {
    pub domain: String,
    pub domain_owner: String,
    pub expires_ms: i64,
}

#[allow(dead_code, reason = "checked by the data plane (issue 3)")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenError {
    /// Never issued, or its domain was deleted.
    Unknown,
    Expired,
    Store(String),
}

impl std::fmt::Display for TokenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TokenError::Unknown => f.write_str("the authorization token is not valid"),
            TokenError::Expired => f.write_str("the authorization token has expired"),
            TokenError::Store(e) => write!(f, "cannot check the authorization token: {e}"),
        }
    }
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub fn get_authorization_token(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    // 0 means "as long as the caller's role session" on the service; the mock has no sessions,
    // so it gets the maximum, like the default.
    let duration = match input.get("durationSeconds").and_then(Value::as_i64) {
        None | Some(0) => MAX_DURATION_S,
        Some(d) if d < MIN_DURATION_S => {
            return Err(ApiError::validation(format!(
                "durationSeconds must be 0 or between {MIN_DURATION_S} and {MAX_DURATION_S}, got {d}"
            )));
        }
        Some(d) => d,
    };
    let mut raw = [0u8; 48];
    rand::rng().fill_bytes(&mut raw);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw);
    let expires_ms = now_ms() + duration * 1000;
    ctx.store.write(|tx| {
        let d = ctx.find_domain(tx, &input)?;
        // Expired tokens are useless; dropping them here keeps the table small.
        tx.execute("DELETE FROM tokens WHERE expires_ms < ?1", [now_ms()])?;
        tx.execute(
            "INSERT INTO tokens (token_sha256, domain, domain_owner, expires_ms) VALUES (?1, ?2, ?3, ?4)",
            params![token_hash(&token), d.name, d.owner, expires_ms],
        )?;
        Ok(())
    })?;
    Ok(json!({"authorizationToken": token, "expiration": epoch_seconds(expires_ms)}))
}

#[allow(dead_code, reason = "called by the data plane (issue 3)")]
impl Ctx {
    /// Checks a token presented to the data plane.
    pub fn verify_token(&self, token: &str) -> Result<TokenInfo, TokenError> {
        let row = self
            .store
            .read(|conn| {
                Ok(conn
                    .query_row(
                        "SELECT domain, domain_owner, expires_ms FROM tokens WHERE token_sha256 = ?1",
                        [token_hash(token)],
                        |r| Ok(TokenInfo { domain: r.get(0)?, domain_owner: r.get(1)?, expires_ms: r.get(2)? }),
                    )
                    .optional()?)
            })
            .map_err(|e| TokenError::Store(e.message))?;
        match row {
            None => Err(TokenError::Unknown),
            Some(info) if info.expires_ms <= now_ms() => Err(TokenError::Expired),
            Some(info) => Ok(info),
        }
    }
}
