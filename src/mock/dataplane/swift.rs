//! The Swift Package Registry service (SE-0292, SwiftPM's Documentation/PackageRegistry/
//! Registry.md), pure part first: identifiers, routes, `Accept` negotiation, manifests found in
//! source archives and the JSON documents; then `serve`, which wires them to the store.
//!
//! What CodeArtifact documents for Swift: Swift 5.8+ (`swift package-registry login` posts to
//! `{endpoint}login`, the token travels as `Bearer`), scopes are namespaces, scope and name are
//! stored lowercased (the spec makes both case-insensitive), versions are not normalised and
//! must be SemVer 2.0. There is no external connection for Swift.
//!
//! Every response carries `Content-Version: 1`; errors are problem details
//! (`application/problem+json`, `{"detail": ...}`), which is what SwiftPM's client decodes (it
//! checks `Content-Version` and `Content-Type` on JSON answers). Choices where the
//! documentation is silent:
//! - The asset is the source archive, `{name}-{version}.zip` (stored name); the manifests
//!   (`Package.swift` and every `Package@swift-X.swift` beside it) are read from the archive
//!   when it is published and kept with the version, so they are served without unzipping.
//! - Publishing is synchronous (201 with `Location`), even when the client prefers
//!   `respond-async`. A version that exists, whatever its status, is a 409, as the spec asks.
//! - Listings show Published versions; Unlisted ones stay downloadable, as for every format.
//! - `identifiers?url=` answers from the `repositoryURLs` of published metadata, comparing
//!   URLs without scheme, credentials, `.git` suffix, trailing slash or case.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, Response, StatusCode, header};
use base64::Engine;
use serde_json::{Value, json};

use super::zip::Archive;
use super::{DpError, Target, decode_segment, repo};
use crate::mock::Ctx;
use crate::mock::blobs::StagedBlob;
use crate::mock::error::ApiError;
use crate::mock::store::documents;
use crate::mock::store::packages::{self, BlobHashes, License, PackageKey, VersionMeta};

/// A scope: alphanumerics and single inner hyphens, at most 39 characters (spec 3.6.1).
pub fn valid_scope(s: &str) -> bool {
    valid_identifier(s, 39, b"-")
}

/// A package name: alphanumerics with single inner `-` or `_`, at most 100 (spec 3.6.2).
pub fn valid_name(s: &str) -> bool {
    valid_identifier(s, 100, b"-_")
}

fn valid_identifier(s: &str, max: usize, separators: &[u8]) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= max
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || separators.contains(c))
        && b.windows(2)
            .all(|w| w[0].is_ascii_alphanumeric() || w[1].is_ascii_alphanumeric())
}

/// A scope or name as stored: lowercased.
pub fn normalize(s: &str) -> String {
    s.to_ascii_lowercase()
}

pub fn asset_name(name: &str, version: &str) -> String {
    format!("{}-{version}.zip", normalize(name))
}

/// A package as the request names it (scope and name as spelled; `key` lowercases).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    pub scope: String,
    pub name: String,
}

impl Package {
    fn key(&self) -> PackageKey {
        PackageKey::new(
            "swift",
            Some(&normalize(&self.scope)),
            &normalize(&self.name),
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Login,
    Identifiers,
    Releases(Package),
    Release(Package, String),
    Manifest(Package, String),
    Archive(Package, String),
}

pub fn route(rest: &str) -> Result<Route, DpError> {
    let not_found = || DpError::not_found(format!("no Swift registry route for /{rest}"));
    let segs: Vec<&str> = rest.split('/').collect();
    let package = |scope: &str, name: &str| -> Result<Package, DpError> {
        let (scope, name) = (decode_segment(scope)?, decode_segment(name)?);
        if !valid_scope(&scope) {
            return Err(DpError::bad_request(format!(
                "invalid package scope {scope:?}"
            )));
        }
        if !valid_name(&name) {
            return Err(DpError::bad_request(format!(
                "invalid package name {name:?}"
            )));
        }
        Ok(Package { scope, name })
    };
    let version = |v: &str| -> Result<String, DpError> {
        let v = decode_segment(v)?;
        semver::Version::parse(&v)
            .map(|_| v.clone())
            .map_err(|_| DpError::bad_request(format!("invalid version {v:?}: not SemVer 2.0")))
    };
    match segs.as_slice() {
        ["login"] => Ok(Route::Login),
        ["identifiers"] => Ok(Route::Identifiers),
        [scope, name] => {
            let name = name.strip_suffix(".json").unwrap_or(name);
            Ok(Route::Releases(package(scope, name)?))
        }
        [scope, name, v] => {
            let p = package(scope, name)?;
            if let Some(v) = v.strip_suffix(".zip") {
                Ok(Route::Archive(p, version(v)?))
            } else {
                Ok(Route::Release(
                    p,
                    version(v.strip_suffix(".json").unwrap_or(v))?,
                ))
            }
        }
        [scope, name, v, "Package.swift"] => {
            Ok(Route::Manifest(package(scope, name)?, version(v)?))
        }
        _ => Err(not_found()),
    }
}

/// Checks `Accept` (spec 3.5): `application/vnd.swift.registry[.vN][+json|zip|swift]`; version
/// 1 or none is served, another number is 415, anything malformed 400. Other media types
/// (`*/*`, `application/json`) get the default version.
pub fn check_accept(accept: Option<&str>) -> Result<(), DpError> {
    const PREFIX: &str = "application/vnd.swift.registry";
    for item in accept.unwrap_or_default().split(',') {
        let media = item.split(';').next().unwrap_or_default().trim();
        let Some(rest) = media.strip_prefix(PREFIX) else {
            continue;
        };
        let (version, kind) = match rest.split_once('+') {
            Some((v, k)) => (v, Some(k)),
            None => (rest, None),
        };
        if kind.is_some_and(|k| !matches!(k, "json" | "zip" | "swift")) {
            return Err(DpError::bad_request("invalid media type in Accept"));
        }
        match version.strip_prefix(".v") {
            None if version.is_empty() => {}
            Some("1") => {}
            Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                return Err(DpError::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "unsupported API version",
                ));
            }
            _ => return Err(DpError::bad_request("invalid API version")),
        }
    }
    Ok(())
}

/// The `swift-tools-version` a manifest declares on its first line (`// swift-tools-version:5.9`
/// or `// swift-tools-version: 5.9.1; ...`).
pub fn tools_version(manifest: &str) -> Option<String> {
    let first = manifest
        .lines()
        .next()?
        .trim_start()
        .strip_prefix("//")?
        .trim_start();
    let rest = first
        .get(..19)
        .filter(|p| p.eq_ignore_ascii_case("swift-tools-version"))
        .map(|_| &first[19..])?;
    let v = rest.trim_start().strip_prefix(':')?.trim();
    let v: String = v
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    (!v.is_empty()).then_some(v)
}

/// Whether `file` is a version-specific manifest, `Package@swift-X[.Y[.Z]].swift`, and the
/// Swift version it is for.
pub fn manifest_swift_version(file: &str) -> Option<&str> {
    let v = file
        .strip_prefix("Package@swift-")?
        .strip_suffix(".swift")?;
    let parts: Vec<&str> = v.split('.').collect();
    (parts.len() <= 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())))
    .then_some(v)
}

/// The largest manifest kept; real ones are a few KiB.
const MAX_MANIFEST: u64 = 1024 * 1024;

/// The manifests of a source archive: `Package.swift` at the package's root (the archive's
/// root, or the one folder `swift package archive-source` puts everything in) and the
/// version-specific ones beside it, by file name.
pub fn manifests<R: std::io::Read + std::io::Seek>(
    reader: R,
) -> Result<Vec<(String, String)>, String> {
    let mut archive =
        Archive::open(reader).map_err(|e| format!("the source archive is not a zip file: {e}"))?;
    let root = archive
        .entries()
        .iter()
        .filter_map(|e| {
            let dir = e.name.strip_suffix("Package.swift")?;
            (dir.is_empty() || (dir.ends_with('/') && dir.matches('/').count() == 1))
                .then(|| dir.to_string())
        })
        .min_by_key(|d| d.len())
        .ok_or("package doesn't contain a valid manifest (Package.swift) file")?;
    let files: Vec<String> = archive
        .entries()
        .iter()
        .filter_map(|e| e.name.strip_prefix(root.as_str()))
        .filter(|f| *f == "Package.swift" || manifest_swift_version(f).is_some())
        .map(str::to_string)
        .collect();
    let mut out = Vec::new();
    for f in files {
        let bytes = archive
            .read(&format!("{root}{f}"), MAX_MANIFEST)
            .map_err(|e| e.to_string())?
            .unwrap_or_default();
        let text = String::from_utf8(bytes).map_err(|_| format!("{f} is not UTF-8"))?;
        out.push((f, text));
    }
    Ok(out)
}

/// URLs compared for `identifiers?url=`: no scheme, credentials, `.git`, trailing slash or
/// case; `git@host:path` is `host/path`.
pub fn canonical_url(url: &str) -> String {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower.split_once("://").map_or(lower.as_str(), |(_, r)| r);
    let rest = rest.rsplit_once('@').map_or(rest, |(_, r)| r);
    let rest = match rest.split_once(':') {
        // scp-like `host:path` (a port would be digits only before the next slash).
        Some((host, path))
            if !path
                .split('/')
                .next()
                .unwrap_or("")
                .bytes()
                .all(|b| b.is_ascii_digit()) =>
        {
            format!("{host}/{path}")
        }
        _ => rest.to_string(),
    };
    let rest = rest.trim_end_matches('/');
    rest.strip_suffix(".git").unwrap_or(rest).to_string()
}

/// Versions sorted highest precedence first (SemVer 2.0; unparsable ones last).
fn sort_desc(versions: &mut [String]) {
    versions.sort_by(
        |a, b| match (semver::Version::parse(a), semver::Version::parse(b)) {
            (Ok(x), Ok(y)) => y.cmp_precedence(&x).then_with(|| b.cmp(a)),
            (Ok(_), Err(_)) => std::cmp::Ordering::Less,
            (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
            (Err(_), Err(_)) => a.cmp(b),
        },
    );
}

/// The releases document (spec 4.1), highest first.
pub fn releases(endpoint: &str, p: &Package, versions: &[String]) -> Value {
    let mut sorted = versions.to_vec();
    sort_desc(&mut sorted);
    let mut map = serde_json::Map::new();
    for v in sorted {
        map.insert(v.clone(), json!({"url": release_url(endpoint, p, &v)}));
    }
    json!({ "releases": map })
}

fn release_url(endpoint: &str, p: &Package, version: &str) -> String {
    format!("{endpoint}{}/{}/{version}", p.scope, p.name)
}

/// The `Link` header of a release: latest, and its neighbours by precedence.
pub fn release_links(
    endpoint: &str,
    p: &Package,
    versions: &[String],
    current: Option<&str>,
) -> String {
    let mut sorted = versions.to_vec();
    sort_desc(&mut sorted);
    let mut links = Vec::new();
    if let Some(latest) = sorted.first() {
        links.push(format!(
            "<{}>; rel=\"latest-version\"",
            release_url(endpoint, p, latest)
        ));
    }
    if let Some(at) = current.and_then(|c| sorted.iter().position(|v| v == c)) {
        if at > 0 {
            links.push(format!(
                "<{}>; rel=\"successor-version\"",
                release_url(endpoint, p, &sorted[at - 1])
            ));
        }
        if let Some(prev) = sorted.get(at + 1) {
            links.push(format!(
                "<{}>; rel=\"predecessor-version\"",
                release_url(endpoint, p, prev)
            ));
        }
    }
    links.join(", ")
}

/// The control plane's view of a release's metadata (spec appendix B).
pub fn version_meta(name: &str, metadata: &Value) -> VersionMeta {
    let text = |k: &str| metadata[k].as_str().map(str::to_string);
    VersionMeta {
        display_name: Some(name.to_string()),
        summary: text("description"),
        home_page: metadata["author"]["url"].as_str().map(str::to_string),
        source_code_repository: metadata["repositoryURLs"][0].as_str().map(str::to_string),
        licenses: text("licenseURL")
            .map(|url| License {
                name: None,
                url: Some(url),
            })
            .into_iter()
            .collect(),
        readme: None,
        dependencies: Vec::new(),
    }
}

// ---- serving ----------------------------------------------------------------------------------

/// Every failure as problem details, with `Content-Version: 1` (spec 3.3).
pub fn error_response(e: DpError) -> Response<Body> {
    let body = json!({
        "type": "about:blank",
        "title": e.status.canonical_reason().unwrap_or("Error"),
        "status": e.status.as_u16(),
        "detail": e.message,
    });
    let mut resp = super::response(e.status, "application/problem+json", body.to_string());
    let h = resp.headers_mut();
    h.insert(header::CONTENT_LANGUAGE, HeaderValue::from_static("en"));
    if let Some(c) = e.challenge.and_then(|c| HeaderValue::from_str(&c).ok()) {
        h.insert(header::WWW_AUTHENTICATE, c);
    }
    with_version(resp)
}

fn with_version(mut resp: Response<Body>) -> Response<Body> {
    resp.headers_mut()
        .insert("content-version", HeaderValue::from_static("1"));
    resp
}

fn header_str(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

pub async fn serve(ctx: &Arc<Ctx>, req: Request, t: &Target) -> Result<Response<Body>, DpError> {
    check_accept(header_str(req.headers(), header::ACCEPT).as_deref())?;
    let route = route(&t.rest)?;
    let method = req.method().clone();
    let head = method == Method::HEAD;
    let endpoint = t.endpoint(&ctx.base_url);
    let json_reply = |v: Value, link: String| {
        let mut resp = super::response(StatusCode::OK, "application/json", v.to_string());
        if let Ok(l) = HeaderValue::from_str(&link)
            && !link.is_empty()
        {
            resp.headers_mut().insert(header::LINK, l);
        }
        if head {
            *resp.body_mut() = Body::empty();
        }
        resp
    };
    let resp = match (method, route) {
        // Credentials were checked before anything else (mod.rs): reaching here is success.
        (Method::POST, Route::Login) => {
            super::response(StatusCode::OK, "text/plain", Body::empty())
        }
        (Method::GET | Method::HEAD, Route::Identifiers) => {
            let url = req
                .uri()
                .query()
                .and_then(|q| {
                    form_urlencoded::parse(q.as_bytes())
                        .find(|(k, _)| k == "url")
                        .map(|(_, v)| v.into_owned())
                })
                .filter(|u| !u.is_empty())
                .ok_or_else(|| DpError::bad_request("the url query parameter is required"))?;
            let ids = identifiers(ctx, t, &url).await?;
            if ids.is_empty() {
                return Err(DpError::not_found(format!(
                    "no package is registered for {url}"
                )));
            }
            json_reply(json!({ "identifiers": ids }), String::new())
        }
        (Method::GET | Method::HEAD, Route::Releases(p)) => {
            let versions = listed_versions(ctx, t, &p).await?;
            if versions.is_empty() {
                return Err(DpError::not_found(format!(
                    "{}.{} is not in this repository",
                    p.scope, p.name
                )));
            }
            let link = release_links(&endpoint, &p, &versions, None);
            json_reply(releases(&endpoint, &p, &versions), link)
        }
        (Method::GET | Method::HEAD, Route::Release(p, version)) => {
            let found = release(ctx, t, &p, &version).await?;
            let versions = listed_versions(ctx, t, &p).await?;
            let doc = json!({
                "id": found.id,
                "version": version,
                "resources": [{
                    "name": "source-archive",
                    "type": "application/zip",
                    "checksum": found.asset.sha256,
                }],
                "metadata": found.document["metadata"].clone(),
                "publishedAt": iso(found.published_ms),
            });
            json_reply(doc, release_links(&endpoint, &p, &versions, Some(&version)))
        }
        (Method::GET | Method::HEAD, Route::Manifest(p, version)) => {
            let found = release(ctx, t, &p, &version).await?;
            let manifests = found.document["manifests"]
                .as_object()
                .cloned()
                .unwrap_or_default();
            let wanted = req.uri().query().and_then(|q| {
                form_urlencoded::parse(q.as_bytes())
                    .find(|(k, _)| k == "swift-version")
                    .map(|(_, v)| v.into_owned())
            });
            let base = format!("{}/Package.swift", release_url(&endpoint, &p, &version));
            let file = match wanted {
                None => "Package.swift".to_string(),
                Some(v) => {
                    let file = format!("Package@swift-{v}.swift");
                    if !manifests.contains_key(&file) {
                        let mut resp =
                            super::response(StatusCode::SEE_OTHER, "text/plain", Body::empty());
                        if let Ok(l) = HeaderValue::from_str(&base) {
                            resp.headers_mut().insert(header::LOCATION, l);
                        }
                        return Ok(with_version(resp));
                    }
                    file
                }
            };
            let text = manifests
                .get(&file)
                .and_then(Value::as_str)
                .ok_or_else(|| DpError::not_found(format!("{file} is not in this release")))?
                .to_string();
            let alternates: Vec<String> = manifests
                .iter()
                .filter_map(|(f, text)| {
                    let v = manifest_swift_version(f)?;
                    let tools = tools_version(text.as_str().unwrap_or_default())?;
                    Some(format!(
                        "<{base}?swift-version={v}>; rel=\"alternate\"; filename=\"{f}\"; swift-tools-version=\"{tools}\""
                    ))
                })
                .collect();
            let mut resp = super::response(StatusCode::OK, "text/x-swift", text);
            let h = resp.headers_mut();
            h.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, immutable"),
            );
            if let Ok(d) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
                h.insert(header::CONTENT_DISPOSITION, d);
            }
            if let Ok(l) = HeaderValue::from_str(&alternates.join(", "))
                && !alternates.is_empty()
            {
                h.insert(header::LINK, l);
            }
            if head {
                *resp.body_mut() = Body::empty();
            }
            resp
        }
        (Method::GET | Method::HEAD, Route::Archive(p, version)) => {
            let found = release(ctx, t, &p, &version).await?;
            let mut resp =
                repo::stream_asset(ctx, &t.domain, &found.asset, "application/zip", head).await?;
            let digest = hex::decode(&found.asset.sha256).unwrap_or_default();
            let h = resp.headers_mut();
            h.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, immutable"),
            );
            let name = found
                .id
                .split_once('.')
                .map_or(p.name.as_str(), |(_, n)| n)
                .to_string();
            if let Ok(d) =
                HeaderValue::from_str(&format!("attachment; filename=\"{name}-{version}.zip\""))
            {
                h.insert(header::CONTENT_DISPOSITION, d);
            }
            if let Ok(d) = HeaderValue::from_str(&format!(
                "sha-256={}",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )) {
                h.insert("digest", d);
            }
            resp
        }
        (Method::PUT, Route::Release(p, version)) => {
            publish(ctx, t, p.clone(), version.clone(), req).await?;
            let mut resp = super::response(StatusCode::CREATED, "application/json", "{}");
            if let Ok(l) = HeaderValue::from_str(&release_url(&endpoint, &p, &version)) {
                resp.headers_mut().insert(header::LOCATION, l);
            }
            resp
        }
        _ => return Err(DpError::method_not_allowed()),
    };
    Ok(with_version(resp))
}

fn iso(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// The Published versions of `p` visible from `t` (through upstreams).
async fn listed_versions(ctx: &Arc<Ctx>, t: &Target, p: &Package) -> Result<Vec<String>, DpError> {
    let (ctx2, t2, k) = (Arc::clone(ctx), t.clone(), p.key());
    super::blocking(move || {
        let (found, _) = ctx2
            .store
            .read(|conn| repo::list_versions(conn, &t2.domain, &t2.repo, &k, repo::listed))?;
        Ok(found.into_iter().map(|l| l.version.version).collect())
    })
    .await
}

/// A downloadable release, found in `t` or retained there from an upstream.
struct Found {
    /// `scope.Name` as published.
    id: String,
    asset: packages::Asset,
    document: Value,
    published_ms: i64,
}

async fn release(ctx: &Arc<Ctx>, t: &Target, p: &Package, version: &str) -> Result<Found, DpError> {
    let k = p.key();
    let asset = repo::find_asset(
        ctx,
        t,
        k.clone(),
        version.to_string(),
        asset_name(&p.name, version),
        repo::downloadable,
        // Swift has no external connection.
        |_| async { Ok(None) },
    )
    .await?;
    let (ctx2, t2, v) = (Arc::clone(ctx), t.clone(), version.to_string());
    let (document, published_ms) = super::blocking(move || {
        Ok(ctx2.store.read(|conn| {
            let pkg = packages::find_package(conn, &t2.domain, &t2.repo, &k)?;
            let Some(ver) = pkg
                .map(|p| packages::find_version(conn, p.id, &v))
                .transpose()?
                .flatten()
            else {
                return Ok((Value::Null, 0));
            };
            Ok((
                documents::get(conn, ver.id)?.unwrap_or(Value::Null),
                ver.published_ms,
            ))
        })?)
    })
    .await?;
    let id = document["id"]
        .as_str()
        .map_or_else(|| format!("{}.{}", p.scope, p.name), str::to_string);
    Ok(Found {
        id,
        asset,
        document,
        published_ms,
    })
}

/// Package identifiers whose published `repositoryURLs` hold `url`, from `t` and its upstreams.
async fn identifiers(ctx: &Arc<Ctx>, t: &Target, url: &str) -> Result<Vec<String>, DpError> {
    let (ctx2, t2, wanted) = (Arc::clone(ctx), t.clone(), canonical_url(url));
    super::blocking(move || {
        Ok(ctx2.store.read(|conn| {
            let mut ids: Vec<String> = Vec::new();
            for r in packages::upstream_search_order(conn, &t2.domain, &t2.repo)? {
                for p in packages::packages_in(conn, &t2.domain, &r)? {
                    if p.key.format != "swift" {
                        continue;
                    }
                    for v in packages::versions(conn, p.id)? {
                        let Some(doc) = documents::get(conn, v.id)? else {
                            continue;
                        };
                        let matches = doc["metadata"]["repositoryURLs"]
                            .as_array()
                            .into_iter()
                            .flatten()
                            .filter_map(Value::as_str)
                            .any(|u| canonical_url(u) == wanted);
                        let id = doc["id"].as_str().unwrap_or_default().to_string();
                        if matches
                            && !id.is_empty()
                            && !ids.iter().any(|i| i.eq_ignore_ascii_case(&id))
                        {
                            ids.push(id);
                        }
                    }
                }
            }
            Ok(ids)
        })?)
    })
    .await
}

/// The largest metadata part read (it is a small JSON document).
const MAX_METADATA: u64 = 1024 * 1024;
const MAX_ARCHIVE: u64 = 5 * 1024 * 1024 * 1024;

fn unprocessable(message: impl Into<String>) -> DpError {
    DpError::new(StatusCode::UNPROCESSABLE_ENTITY, message)
}

/// `swift package-registry publish`: a multipart form with `source-archive` (the zip),
/// optional `metadata` (JSON) and signatures (kept by nobody: the emulator does not sign).
async fn publish(
    ctx: &Arc<Ctx>,
    t: &Target,
    p: Package,
    version: String,
    req: Request,
) -> Result<(), DpError> {
    let boundary = header_str(req.headers(), header::CONTENT_TYPE)
        .and_then(|ct| multer::parse_boundary(ct).ok())
        .ok_or_else(|| DpError::bad_request("a publish must be multipart/form-data"))?;
    let limits = multer::SizeLimit::new()
        .per_field(MAX_METADATA)
        .for_field("source-archive", MAX_ARCHIVE)
        .for_field("source-archive-signature", MAX_METADATA)
        .for_field("metadata-signature", MAX_METADATA);
    let mut form = multer::Multipart::with_constraints(
        req.into_body().into_data_stream(),
        boundary,
        multer::Constraints::new().size_limit(limits),
    );
    let mut archive: Option<StagedBlob> = None;
    let mut metadata = json!({});
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| DpError::bad_request(format!("malformed publish form: {e}")))?
    {
        match field.name().unwrap_or_default() {
            "source-archive" => {
                archive = Some(repo::stage_part(ctx, field, "the source archive").await?);
            }
            "metadata" => {
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|e| DpError::bad_request(format!("reading the metadata: {e}")))?;
                metadata = match serde_json::from_slice::<Value>(&bytes) {
                    Ok(v @ Value::Object(_)) => v,
                    _ => return Err(unprocessable("invalid JSON provided for release metadata")),
                };
            }
            _ => {
                // Signatures: read and dropped (the emulator serves releases unsigned).
                field
                    .bytes()
                    .await
                    .map_err(|e| DpError::bad_request(format!("malformed publish form: {e}")))?;
            }
        }
    }
    let blob =
        archive.ok_or_else(|| DpError::bad_request("the publish form has no source-archive"))?;
    let path = blob.path().to_path_buf();
    let manifests = super::blocking(move || {
        let file = std::fs::File::open(&path)?;
        manifests(std::io::BufReader::new(file)).map_err(unprocessable)
    })
    .await?;
    let hashes = BlobHashes::of_staged(&blob)?;
    let id = format!("{}.{}", p.scope, p.name);
    let document = json!({
        "id": id,
        "metadata": metadata,
        "manifests": manifests.into_iter().map(|(f, text)| (f, Value::String(text))).collect::<serde_json::Map<String, Value>>(),
    });
    let meta = version_meta(&p.name, &metadata);
    let (ctx2, t2) = (Arc::clone(ctx), t.clone());
    super::blocking(move || {
        let (k, asset) = (p.key(), asset_name(&p.name, &version));
        let new = repo::NewVersion {
            key: &k,
            version: &version,
            asset: &asset,
            blob: &blob,
            hashes: &hashes,
            meta: &meta,
            document: &document,
        };
        ctx2.store.write(|tx| {
            repo::publish_version(&ctx2, tx, &t2.domain, &t2.repo, &new, |pkg| {
                // The spec's rule: a release never changes once published, whatever its status.
                match packages::find_version(tx, pkg.id, &version)? {
                    Some(_) => Err(ApiError::conflict(
                        "package-version",
                        &version,
                        format!("a release with version {version} already exists"),
                    )),
                    None => Ok(()),
                }
            })
        })?;
        Ok(())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mock::dataplane::zip::tests::make_zip;

    #[test]
    fn scopes_and_names_follow_the_spec() {
        for good in ["mona", "Mona-Lisa", "a", &"a".repeat(39)] {
            assert!(valid_scope(good), "{good}");
        }
        for bad in ["", "-a", "a-", "a--b", "a_b", "a.b", &"a".repeat(40)] {
            assert!(!valid_scope(bad), "{bad:?}");
        }
        for good in ["LinkedList", "swift-nio", "a_b-c", &"a".repeat(100)] {
            assert!(valid_name(good), "{good}");
        }
        for bad in ["", "_a", "a_", "a__b", "a-_b", "a.b", "é", &"a".repeat(101)] {
            assert!(!valid_name(bad), "{bad:?}");
        }
        assert_eq!(asset_name("LinkedList", "1.1.1"), "linkedlist-1.1.1.zip");
    }

    #[test]
    fn routes_cover_every_endpoint() {
        let p = |s: &str, n: &str| Package {
            scope: s.into(),
            name: n.into(),
        };
        assert_eq!(route("login").unwrap(), Route::Login);
        assert_eq!(route("identifiers").unwrap(), Route::Identifiers);
        assert_eq!(
            route("mona/LinkedList").unwrap(),
            Route::Releases(p("mona", "LinkedList"))
        );
        assert_eq!(
            route("mona/LinkedList.json").unwrap(),
            Route::Releases(p("mona", "LinkedList"))
        );
        assert_eq!(
            route("mona/LinkedList/1.1.1").unwrap(),
            Route::Release(p("mona", "LinkedList"), "1.1.1".into())
        );
        assert_eq!(
            route("mona/LinkedList/1.1.1.json").unwrap(),
            Route::Release(p("mona", "LinkedList"), "1.1.1".into())
        );
        assert_eq!(
            route("mona/LinkedList/1.0.0-beta.1.zip").unwrap(),
            Route::Archive(p("mona", "LinkedList"), "1.0.0-beta.1".into())
        );
        assert_eq!(
            route("mona/LinkedList/1.1.1/Package.swift").unwrap(),
            Route::Manifest(p("mona", "LinkedList"), "1.1.1".into())
        );
        for (bad, status) in [
            ("", 404),
            ("mona", 404),
            ("a/b/1.0.0/Other.swift", 404),
            ("-x/LinkedList", 400),
            ("mona/Linked.List", 400),
            ("mona/LinkedList/1.0", 400),
            ("mona/LinkedList/v1.0.0.zip", 400),
        ] {
            assert_eq!(route(bad).unwrap_err().status.as_u16(), status, "{bad}");
        }
    }

    #[test]
    fn accept_headers_select_api_version_one() {
        for ok in [
            None,
            Some("application/vnd.swift.registry.v1+json"),
            Some("application/vnd.swift.registry.v1+zip"),
            Some("application/vnd.swift.registry.v1+swift"),
            Some("application/vnd.swift.registry.v1"),
            Some("application/vnd.swift.registry+json"),
            Some("*/*"),
            Some("application/json, text/plain"),
        ] {
            assert!(check_accept(ok).is_ok(), "{ok:?}");
        }
        assert_eq!(
            check_accept(Some("application/vnd.swift.registry.v2+json"))
                .unwrap_err()
                .status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        );
        for bad in [
            "application/vnd.swift.registry.vx+json",
            "application/vnd.swift.registry.v1+xml",
            "application/vnd.swift.registryv1",
        ] {
            assert_eq!(
                check_accept(Some(bad)).unwrap_err().status,
                StatusCode::BAD_REQUEST,
                "{bad}"
            );
        }
    }

    #[test]
    fn manifests_come_from_the_package_root_of_the_archive() {
        let zip = make_zip(&[
            (
                "LinkedList/Package.swift",
                b"// swift-tools-version:5.9\nlet p = 1\n",
                true,
            ),
            (
                "LinkedList/Package@swift-5.8.swift",
                b"// swift-tools-version: 5.8\n",
                false,
            ),
            (
                "LinkedList/Package@swift-x.swift",
                b"// not a manifest name\n",
                false,
            ),
            (
                "LinkedList/Sources/Deep/Package.swift",
                b"// nested, ignored\n",
                false,
            ),
            (
                "LinkedList/Sources/LinkedList/List.swift",
                b"struct L {}\n",
                true,
            ),
        ]);
        let m = manifests(std::io::Cursor::new(zip)).unwrap();
        let names: Vec<&str> = m.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(names, ["Package.swift", "Package@swift-5.8.swift"]);
        assert_eq!(tools_version(&m[0].1).as_deref(), Some("5.9"));
        assert_eq!(tools_version(&m[1].1).as_deref(), Some("5.8"));
        // At the archive's root works too; none at all is the spec's 422 reason.
        let root = make_zip(&[("Package.swift", b"// swift-tools-version:5.7\n", false)]);
        assert_eq!(manifests(std::io::Cursor::new(root)).unwrap().len(), 1);
        let none = make_zip(&[("src/Package.swift.txt", b"x", false)]);
        assert!(
            manifests(std::io::Cursor::new(none))
                .unwrap_err()
                .contains("Package.swift")
        );
        assert!(
            manifests(std::io::Cursor::new(b"junk".to_vec()))
                .unwrap_err()
                .contains("not a zip")
        );
        assert_eq!(
            manifest_swift_version("Package@swift-4.2.swift"),
            Some("4.2")
        );
        assert_eq!(manifest_swift_version("Package@swift-.swift"), None);
        assert_eq!(tools_version("import Foundation"), None);
    }

    #[test]
    fn release_documents_sort_and_link_by_precedence() {
        let p = Package {
            scope: "mona".into(),
            name: "LinkedList".into(),
        };
        let versions = vec![
            "1.0.0".to_string(),
            "1.10.0".into(),
            "1.2.0".into(),
            "2.0.0-rc.1".into(),
        ];
        let doc = releases("http://h/e/", &p, &versions);
        let keys: Vec<&String> = doc["releases"].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["2.0.0-rc.1", "1.10.0", "1.2.0", "1.0.0"]);
        assert_eq!(
            doc["releases"]["1.2.0"]["url"],
            "http://h/e/mona/LinkedList/1.2.0"
        );
        let links = release_links("http://h/e/", &p, &versions, Some("1.2.0"));
        assert!(links.contains("<http://h/e/mona/LinkedList/2.0.0-rc.1>; rel=\"latest-version\""));
        assert!(links.contains("<http://h/e/mona/LinkedList/1.10.0>; rel=\"successor-version\""));
        assert!(links.contains("<http://h/e/mona/LinkedList/1.0.0>; rel=\"predecessor-version\""));
    }

    #[test]
    fn repository_urls_compare_canonically() {
        let c = canonical_url("https://github.com/mona/LinkedList");
        for same in [
            "https://github.com/mona/LinkedList.git",
            "http://GitHub.com/mona/linkedlist/",
            "git@github.com:mona/LinkedList.git",
            "ssh://git@github.com/mona/LinkedList",
            "https://user:pw@github.com/mona/LinkedList",
        ] {
            assert_eq!(canonical_url(same), c, "{same}");
        }
        assert_ne!(canonical_url("https://github.com/mona/Other"), c);
        assert_eq!(canonical_url("https://h:8080/x"), "h:8080/x");
    }
}
