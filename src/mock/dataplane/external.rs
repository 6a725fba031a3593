//! External connections: `public:npmjs` and friends, each served from the URL given with
//! `mock serve --external-connection NAME=URL` (tests point them at another local server; the
//! emulator never reaches a public registry on its own). Plain HTTP only; credentials in the
//! URL's user info are sent as Basic authentication, so another mock's repository works as an
//! upstream.

use axum::body::Bytes;
use axum::http::{HeaderValue, Request, StatusCode, header};
use base64::Engine;
use futures_util::StreamExt;
use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use rusqlite::Connection;

use super::DpError;
use crate::mock::Ctx;
use crate::mock::blobs::StagedBlob;
use crate::mock::error::ApiError;
use crate::mock::store::packages::{self, PackageKey, Upstream};

/// Where a request may fetch `key` from outside the domain: the first repository in the search
/// order with a configured external connection, if origin controls and package groups let it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct External {
    /// The repository holding the connection; what is fetched is stored there first.
    pub repo: String,
    pub connection: String,
    /// Ends with `/`.
    pub url: String,
}

pub fn find(
    ctx: &Ctx,
    conn: &Connection,
    domain: &str,
    repo: &str,
    key: &PackageKey,
    order: &[String],
) -> Result<Option<External>, ApiError> {
    for r in order {
        let Some(name) = packages::external_connection(conn, domain, r)? else {
            continue;
        };
        // A repository's connection serves one format; the search goes on past the others.
        if connection_format(&name) != Some(key.format.as_str()) {
            continue;
        }
        let Some(url) = ctx.external_connections.get(&name) else {
            continue;
        };
        if packages::may_fetch_upstream(conn, domain, r, key, Upstream::External).is_err() {
            return Ok(None);
        }
        if r != repo
            && packages::may_fetch_upstream(conn, domain, repo, key, Upstream::Internal).is_err()
        {
            return Ok(None);
        }
        let url = if url.ends_with('/') {
            url.clone()
        } else {
            format!("{url}/")
        };
        return Ok(Some(External {
            repo: r.clone(),
            connection: name,
            url,
        }));
    }
    Ok(None)
}

/// The package format an external connection serves.
pub fn connection_format(name: &str) -> Option<&'static str> {
    Some(match name {
        "public:npmjs" => "npm",
        "public:pypi" => "pypi",
        "public:nuget-org" => "nuget",
        "public:ruby-gems-org" => "ruby",
        "public:crates-io" => "cargo",
        n if n.starts_with("public:maven-") => "maven",
        _ => return None,
    })
}

/// `rel` resolved against `base` (absolute URLs stay as they are). A URL on the same origin as
/// `base` gets `base`'s credentials, as pip and npm do: upstream documents link their files
/// with absolute URLs that carry none.
pub fn join(base: &str, rel: &str) -> Result<String, DpError> {
    let bad = |e: url::ParseError| {
        DpError::new(
            StatusCode::BAD_GATEWAY,
            format!("bad upstream URL {rel:?}: {e}"),
        )
    };
    let base = url::Url::parse(base).map_err(bad)?;
    let mut joined = base.join(rel).map_err(bad)?;
    if joined.origin() == base.origin() && joined.username().is_empty() {
        let _ = joined.set_username(base.username());
        let _ = joined.set_password(base.password());
    }
    Ok(joined.into())
}

fn bad_gateway(url: &url::Url, e: impl std::fmt::Display) -> DpError {
    // The URL is shown without its credentials.
    let mut shown = url.clone();
    let _ = shown.set_password(None);
    let _ = shown.set_username("");
    DpError::new(StatusCode::BAD_GATEWAY, format!("upstream {shown}: {e}"))
}

/// GETs `url`; `None` on 404 (and 401/403/410: the upstream does not have it for us).
async fn get(
    url: &str,
    accept: Option<&str>,
) -> Result<Option<hyper::Response<hyper::body::Incoming>>, DpError> {
    let mut parsed = url::Url::parse(url)
        .map_err(|e| DpError::new(StatusCode::BAD_GATEWAY, format!("bad upstream URL: {e}")))?;
    if parsed.scheme() != "http" {
        return Err(bad_gateway(
            &parsed,
            "the emulator fetches over http:// only",
        ));
    }
    let auth = (!parsed.username().is_empty()).then(|| {
        let user = percent_encoding::percent_decode_str(parsed.username())
            .decode_utf8_lossy()
            .into_owned();
        let pass = percent_encoding::percent_decode_str(parsed.password().unwrap_or(""))
            .decode_utf8_lossy()
            .into_owned();
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"))
        )
    });
    let _ = parsed.set_username("");
    let _ = parsed.set_password(None);
    let mut req = Request::get(parsed.as_str())
        .body(Empty::<Bytes>::new())
        .map_err(|e| bad_gateway(&parsed, e))?;
    if let Some(a) = auth.and_then(|a| HeaderValue::from_str(&a).ok()) {
        req.headers_mut().insert(header::AUTHORIZATION, a);
    }
    if let Some(a) = accept.and_then(|a| HeaderValue::from_str(a).ok()) {
        req.headers_mut().insert(header::ACCEPT, a);
    }
    // One client per fetch: a pooled client would tie connections to whichever runtime made
    // them, and fetches are rare (each version is fetched once, then retained).
    let client = Client::builder(TokioExecutor::new()).build_http::<Empty<Bytes>>();
    let resp = tokio::time::timeout(std::time::Duration::from_secs(60), client.request(req))
        .await
        .map_err(|_| bad_gateway(&parsed, "timed out"))?
        .map_err(|e| bad_gateway(&parsed, e))?;
    match resp.status() {
        s if s.is_success() => Ok(Some(resp)),
        StatusCode::NOT_FOUND
        | StatusCode::GONE
        | StatusCode::UNAUTHORIZED
        | StatusCode::FORBIDDEN => Ok(None),
        s => Err(bad_gateway(&parsed, format!("answered {s}"))),
    }
}

/// A small document (packument, simple page, metadata), read whole up to `limit` bytes.
pub async fn get_bytes(
    url: &str,
    accept: Option<&str>,
    limit: usize,
) -> Result<Option<Bytes>, DpError> {
    let Some(resp) = get(url, accept).await? else {
        return Ok(None);
    };
    let body = http_body_util::Limited::new(resp.into_body(), limit)
        .collect()
        .await
        .map_err(|e| DpError::new(StatusCode::BAD_GATEWAY, format!("upstream {url}: {e}")))?;
    Ok(Some(body.to_bytes()))
}

/// A package file, streamed from the upstream into a staged blob.
pub async fn get_to_blob(ctx: &Ctx, url: &str) -> Result<Option<StagedBlob>, DpError> {
    let Some(resp) = get(url, None).await? else {
        return Ok(None);
    };
    let stream = resp
        .into_body()
        .into_data_stream()
        .map(|r| r.map_err(|e| e.to_string()));
    Ok(Some(ctx.blobs.stage(Box::pin(stream)).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_resolve_against_the_page() {
        assert_eq!(
            join("http://h/pypi/simple/a/", "1.0/a-1.0.tar.gz").unwrap(),
            "http://h/pypi/simple/a/1.0/a-1.0.tar.gz"
        );
        assert_eq!(join("http://h/x/", "http://o/y").unwrap(), "http://o/y");
        assert_eq!(
            join("http://aws:tok@h:8/x/", "http://h:8/y.tgz").unwrap(),
            "http://aws:tok@h:8/y.tgz"
        );
        assert_eq!(
            join("http://aws:tok@h:8/x/", "http://h:9/y").unwrap(),
            "http://h:9/y"
        );
    }

    #[tokio::test]
    async fn only_plain_http_is_fetched() {
        let e = get_bytes("https://example.invalid/x", None, 10)
            .await
            .unwrap_err();
        assert_eq!(e.status, StatusCode::BAD_GATEWAY);
        // Nothing listens on port 1: a clear 502, not a panic.
        let e = get_bytes("http://127.0.0.1:1/x", None, 10)
            .await
            .unwrap_err();
        assert_eq!(e.status, StatusCode::BAD_GATEWAY);
    }
}
