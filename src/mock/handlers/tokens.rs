//! Authorization tokens: issued by GetAuthorizationToken, checked by the data plane.
//!
//! A token is 48 random bytes (URL-safe base64, so it can sit in pip's index URL); only its
//! SHA-256 is stored, so the database never holds a usable credential.

use base64::Engine;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::epoch_seconds;
use crate::mock::Ctx;
use crate::mock::error::ApiError;
use crate::mock::store::tokens;
pub use crate::mock::store::tokens::TokenInfo;

/// The lifetimes the emulator issues tokens with (`mock serve --min-token-duration` and
/// `--max-token-duration`).
///
/// The service takes `durationSeconds` of 0 or 900 to 43200 (12 hours, also the default), and
/// a token never outlives the caller's role session. Tests of what happens when a token expires
/// cannot wait 15 minutes: lowering the minimum lets a caller ask for a few seconds, and
/// lowering the maximum makes every token short-lived, as a short role session does, even for
/// callers that cannot pass a duration (pip and uv asking the `keyring` helper).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenLifetimes {
    pub min_s: i64,
    pub max_s: i64,
}

/// 12 hours: the service's default and maximum.
pub const MAX_DURATION_S: i64 = 43200;
/// The service's smallest `durationSeconds` other than 0.
pub const MIN_DURATION_S: i64 = 900;

impl Default for TokenLifetimes {
    fn default() -> Self {
        TokenLifetimes {
            min_s: MIN_DURATION_S,
            max_s: MAX_DURATION_S,
        }
    }
}

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
    // 0 means "as long as the caller's role session" on the service; the mock's sessions last
    // the maximum lifetime, which also caps every other duration.
    let TokenLifetimes { min_s, max_s } = ctx.token_lifetimes;
    let duration = match input.get("durationSeconds").and_then(Value::as_i64) {
        None | Some(0) => max_s,
        Some(d) if d < min_s => {
            return Err(ApiError::validation(format!(
                "durationSeconds must be 0 or between {min_s} and {MAX_DURATION_S}, got {d}"
            )));
        }
        Some(d) => d.min(max_s),
    };
    let raw: [u8; 48] = ctx.unique_bytes();
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw);
    let now = ctx.now_ms();
    let expires_ms = now + duration * 1000;
    ctx.store.write(|tx| {
        let d = ctx.find_domain(tx, &input)?;
        let info = TokenInfo {
            domain: d.name,
            domain_owner: d.owner,
            expires_ms,
        };
        tokens::insert(tx, &token_hash(&token), &info, now)
    })?;
    Ok(json!({"authorizationToken": token, "expiration": epoch_seconds(expires_ms)}))
}

impl Ctx {
    /// Checks a token presented to the data plane.
    pub fn verify_token(&self, token: &str) -> Result<TokenInfo, TokenError> {
        let row = self
            .store
            .read(|conn| tokens::find(conn, &token_hash(token)))
            .map_err(|e| TokenError::Store(e.message))?;
        match row {
            None => Err(TokenError::Unknown),
            Some(info) if info.expires_ms <= self.now_ms() => Err(TokenError::Expired),
            Some(info) => Ok(info),
        }
    }
}
