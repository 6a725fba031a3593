//! The data plane: what npm, pip, twine, uv, mvn, cargo, NuGet and SwiftPM talk to, path-style
//! on the mock's one port
//! (`/{format}/d/{domain}-{owner}/{repo}/...`, the URLs GetRepositoryEndpoint returns).
//!
//! Each format is split in two: a pure layer (`npm`, `pypi`, `maven`: paths, documents, upload
//! bodies; unit-tested without a server) and the glue here that authenticates, reads and writes
//! the store and streams blobs. Every request is authenticated before anything else happens,
//! so nothing is served or stored without a token of the repository's domain.

pub mod auth;
mod body;
pub mod cargo;
pub mod external;
pub mod maven;
pub mod npm;
mod npm_body;
pub mod nuget;
mod nuspec;
pub mod pypi;
mod repo;
pub mod ruby;
pub mod ruby_gem;
pub mod ruby_marshal;
pub mod ruby_yaml;
pub mod swift;
mod zip;

use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, Response, StatusCode, header};

use super::Ctx;
use super::store::packages::PackageKey;

/// The repository a data-plane request addresses, and the rest of its path (still
/// percent-encoded: npm's `@scope%2fname` must be told apart from `@scope/name/-/file`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub format: String,
    pub domain: String,
    pub owner: String,
    pub repo: String,
    pub rest: String,
}

impl Target {
    /// `Some` for every path of the data-plane shape, known format or not, so the caller never
    /// answers one with the control plane's "unknown operation".
    pub fn parse(path: &str) -> Option<Target> {
        let mut parts = path.strip_prefix('/')?.splitn(5, '/');
        let format = parts.next()?;
        if parts.next()? != "d" || format.is_empty() {
            return None;
        }
        // Owners are 12 digits and domains cannot contain them after a dash at the end, so
        // the last dash separates them.
        let (domain, owner) = parts.next()?.rsplit_once('-')?;
        if domain.is_empty() || owner.len() != 12 || !owner.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let repo = parts.next()?;
        if repo.is_empty() {
            return None;
        }
        Some(Target {
            format: format.to_string(),
            domain: domain.to_string(),
            owner: owner.to_string(),
            repo: repo.to_string(),
            rest: parts.next().unwrap_or("").to_string(),
        })
    }

    /// The repository's endpoint, as GetRepositoryEndpoint writes it (trailing slash).
    pub fn endpoint(&self, base_url: &str) -> String {
        format!(
            "{base_url}/{}/d/{}-{}/{}/",
            self.format, self.domain, self.owner, self.repo
        )
    }
}

/// A data-plane failure: a status and a message, sent as `{"error": message}` (the member npm
/// prints; pip, twine and mvn print the status line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DpError {
    pub status: StatusCode,
    pub message: String,
    /// `WWW-Authenticate` value on 401s.
    pub challenge: Option<String>,
}

impl DpError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        DpError {
            status,
            message: message.into(),
            challenge: None,
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, message)
    }

    pub fn method_not_allowed() -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "this method is not supported here",
        )
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }

    pub fn into_response(self) -> Response<Body> {
        let body = serde_json::json!({"error": self.message}).to_string();
        self.into_response_as("application/json", body)
    }

    /// The failure with a body in a client's own shape (cargo's JSON errors, the text RubyGems
    /// prints), keeping its status and challenge.
    pub fn into_response_as(self, content_type: &'static str, body: String) -> Response<Body> {
        let mut resp = response(self.status, content_type, body);
        if let Some(challenge) = self.challenge.and_then(|c| HeaderValue::from_str(&c).ok()) {
            resp.headers_mut()
                .insert(header::WWW_AUTHENTICATE, challenge);
        }
        resp
    }
}

impl From<super::ApiError> for DpError {
    fn from(e: super::ApiError) -> Self {
        let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        DpError::new(status, e.message)
    }
}

impl From<std::io::Error> for DpError {
    fn from(e: std::io::Error) -> Self {
        match e.kind() {
            // An upload over the asset quota (blobs.rs).
            std::io::ErrorKind::FileTooLarge => {
                DpError::new(StatusCode::PAYLOAD_TOO_LARGE, e.to_string())
            }
            crate::mock::blobs::BODY_BROKEN => DpError::bad_request(e.to_string()),
            _ => DpError::internal(format!("I/O error: {e}")),
        }
    }
}

/// Serves one data-plane request. Logs like the control plane
/// when the server is verbose (path only: tokens travel in headers and pip's URLs).
pub async fn serve(
    ctx: Arc<Ctx>,
    req: Request,
    target: Target,
    started: Instant,
) -> Response<Body> {
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let mut resp = match handle(&ctx, req, &target).await {
        Ok(resp) => resp,
        // Swift clients decode only problem details, the 401 of the auth check included.
        Err(e) if target.format == "swift" => swift::error_response(e),
        Err(e) => e.into_response(),
    };
    let request_id = uuid::Uuid::new_v4().to_string();
    if let Ok(v) = HeaderValue::from_str(&request_id) {
        resp.headers_mut().insert("x-amzn-requestid", v);
    }
    if ctx.verbose {
        eprintln!(
            "{method} {path} {} -> {} {}ms",
            target.format,
            resp.status().as_u16(),
            started.elapsed().as_millis()
        );
    }
    resp
}

async fn handle(ctx: &Arc<Ctx>, req: Request, target: &Target) -> Result<Response<Body>, DpError> {
    let auth_header = req
        .headers()
        .get(header::AUTHORIZATION)
        .map(|v| v.as_bytes().to_vec());
    let worker = Arc::clone(ctx);
    let t = target.clone();
    tokio::task::spawn_blocking(move || auth::authorize(&worker, &t, auth_header.as_deref()))
        .await
        .map_err(|e| DpError::internal(format!("the auth check failed: {e}")))??;
    match target.format.as_str() {
        "npm" => npm::serve(ctx, req, target).await,
        "pypi" => pypi::serve(ctx, req, target).await,
        "maven" => maven::serve(ctx, req, target).await,
        "cargo" => cargo::serve(ctx, req, target).await,
        "nuget" => nuget::serve(ctx, req, target).await,
        "swift" => swift::serve(ctx, req, target).await,
        "ruby" => ruby::serve(ctx, req, target).await,
        other => Err(DpError::not_found(format!(
            "the emulator does not serve {other} repositories over HTTP"
        ))),
    }
}

/// The stored form of a package's coordinates, for the formats whose names the service
/// normalises: the API takes names as clients spell them (user guide, "NuGet package name,
/// version, and asset name normalization", "Swift package name and namespace normalization").
pub fn stored_key(key: PackageKey) -> PackageKey {
    match key.format.as_str() {
        "nuget" => PackageKey::new("nuget", None, &nuget::normalize_id(&key.name)),
        "swift" => PackageKey::new(
            "swift",
            key.namespace.as_deref().map(swift::normalize).as_deref(),
            &swift::normalize(&key.name),
        ),
        _ => key,
    }
}

/// The stored form of a version: NuGet's normalised one; other formats keep theirs.
pub fn stored_version(format: &str, version: &str) -> String {
    match (format, nuget::Version::parse(version)) {
        ("nuget", Some(v)) => v.key(),
        _ => version.to_string(),
    }
}

/// Runs blocking store work off the async threads.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, DpError> + Send + 'static,
) -> Result<T, DpError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| DpError::internal(format!("the request handler failed: {e}")))?
}

/// A response with a body and content type.
pub(crate) fn response(
    status: StatusCode,
    content_type: &'static str,
    body: impl Into<Body>,
) -> Response<Body> {
    let mut resp = Response::new(body.into());
    *resp.status_mut() = status;
    resp.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    resp
}

/// Whether a decoded path segment (a Maven group part, a version) is safe wherever it ends up:
/// not empty, `.` or `..`, and without `/`, `\`, NUL or other control characters.
pub(crate) fn safe_segment(s: &str) -> bool {
    !s.is_empty()
        && s != "."
        && s != ".."
        && !s.contains(['/', '\\'])
        && !s.chars().any(char::is_control)
}

/// The service's rule for asset names (validate.rs), as every registry answers it: 400.
pub(crate) fn check_asset_name(name: &str) -> Result<(), DpError> {
    crate::mock::validate::asset_name(name).map_err(DpError::bad_request)
}

/// Percent-decodes one path segment; a segment that is not UTF-8 afterwards is a bad request.
pub(crate) fn decode_segment(seg: &str) -> Result<String, DpError> {
    percent_encoding::percent_decode_str(seg)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| DpError::bad_request("the path is not valid UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_parse_from_path_style_urls() {
        let t = Target::parse("/npm/d/my-dom-111122223333/repo/@s%2fpkg").unwrap();
        assert_eq!(
            (t.format.as_str(), t.domain.as_str(), t.owner.as_str()),
            ("npm", "my-dom", "111122223333")
        );
        assert_eq!((t.repo.as_str(), t.rest.as_str()), ("repo", "@s%2fpkg"));
        assert_eq!(
            t.endpoint("http://h"),
            "http://h/npm/d/my-dom-111122223333/repo/"
        );
        let root = Target::parse("/pypi/d/dom-111122223333/repo").unwrap();
        assert_eq!(root.rest, "");
        for bad in [
            "/v1/domain",
            "/npm/x/dom-111122223333/repo/",
            "/npm/d/dom-1111/repo/",
            "/npm/d/-111122223333/repo/",
            "/npm/d/dom-111122223333//",
            "/npm/d/dom111122223333/repo/",
        ] {
            assert_eq!(Target::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn errors_carry_their_challenge() {
        let mut e = DpError::new(StatusCode::UNAUTHORIZED, "no");
        e.challenge = Some("Basic realm=\"x\"".into());
        let resp = e.into_response();
        assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(resp.headers()["www-authenticate"], "Basic realm=\"x\"");
    }
}
