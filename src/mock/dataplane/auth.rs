//! Who may use a repository: the bearer of a GetAuthorizationToken token of its domain.
//!
//! Clients present the token three ways (reference/data-plane.md): `Bearer TOKEN` (npm),
//! `Basic base64(aws:TOKEN)` (pip, twine, uv, maven) and the bare token (cargo). Anything else,
//! and any token that is unknown, expired or for another domain, gets 401 with a Basic
//! challenge: Maven sends its credentials only after one.

use axum::http::StatusCode;
use base64::Engine;

use super::{DpError, Target};
use crate::mock::Ctx;
use crate::mock::store::repositories;

/// The token in an `Authorization` header value, or `None` when the header cannot hold one.
pub fn token_from_header(value: &[u8]) -> Option<String> {
    // Only leading space is trimmed: `Bearer ` must read as a scheme without a token.
    let value = std::str::from_utf8(value).ok()?.trim_start();
    let (scheme, rest) = value.split_once(' ').unwrap_or(("", value.trim_end()));
    let token = if scheme.eq_ignore_ascii_case("bearer") {
        rest.trim().to_string()
    } else if scheme.eq_ignore_ascii_case("basic") {
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(rest.trim())
            .ok()?;
        let decoded = String::from_utf8(decoded).ok()?;
        // The user name is `aws` by convention; the service ignores it, and so do we.
        decoded.split_once(':')?.1.to_string()
    } else if scheme.is_empty() {
        value.to_string()
    } else {
        return None;
    };
    (!token.is_empty() && token.bytes().all(|b| b.is_ascii_graphic())).then_some(token)
}

/// The 401 every refusal gets; the realm names the repository so a client's credential store
/// can tell repositories apart.
pub fn unauthorized(target: &Target, message: impl Into<String>) -> DpError {
    let mut e = DpError::new(StatusCode::UNAUTHORIZED, message);
    e.challenge = Some(format!(
        "Basic realm=\"{}-{}/{}\"",
        target.domain, target.owner, target.repo
    ));
    e
}

/// Checks the request's credentials, then that the repository exists (only a caller with a
/// token of the domain learns which repositories it has).
pub fn authorize(ctx: &Ctx, target: &Target, header: Option<&[u8]>) -> Result<(), DpError> {
    let Some(header) = header else {
        return Err(unauthorized(target, "authentication required"));
    };
    let Some(token) = token_from_header(header) else {
        return Err(unauthorized(
            target,
            "the Authorization header holds no authorization token",
        ));
    };
    let info = ctx.verify_token(&token).map_err(|e| match e {
        crate::mock::TokenError::Store(m) => DpError::internal(m),
        other => unauthorized(target, other.to_string()),
    })?;
    if info.domain != target.domain || info.domain_owner != target.owner {
        return Err(unauthorized(
            target,
            format!(
                "the authorization token is for domain {} owned by {}",
                info.domain, info.domain_owner
            ),
        ));
    }
    let exists = ctx
        .store
        .read(|conn| repositories::exists(conn, &target.domain, &target.repo))?;
    if !exists {
        return Err(DpError::not_found(format!(
            "repository {} does not exist in domain {}",
            target.repo, target.domain
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_come_from_bearer_basic_or_bare_headers() {
        let basic = format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode("aws:tok-1")
        );
        assert_eq!(
            token_from_header(basic.as_bytes()).as_deref(),
            Some("tok-1")
        );
        assert_eq!(token_from_header(b"Bearer tok-2").as_deref(), Some("tok-2"));
        assert_eq!(
            token_from_header(b"bearer  tok-2 ").as_deref(),
            Some("tok-2")
        );
        assert_eq!(token_from_header(b"tok-3").as_deref(), Some("tok-3"));
        for bad in [
            &b""[..],
            b"Bearer ",
            b"Basic !!!notbase64",
            b"Digest abc",
            b"\xff\xfe",
        ] {
            assert_eq!(token_from_header(bad), None, "{bad:?}");
        }
        let no_colon = format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode("justuser")
        );
        assert_eq!(token_from_header(no_colon.as_bytes()), None);
    }
}
