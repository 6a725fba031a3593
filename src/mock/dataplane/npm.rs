//! npm registry protocol, pure part: routes, package names, `npm publish` bodies and
//! packuments, all functions of their arguments; then `serve`, which wires them to the store.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{Method, Response, StatusCode};
use base64::Engine;
use serde_json::{Map, Value, json};

use super::external::{self, External};
use super::{DpError, Target, body, check_asset_name, decode_segment, npm_body, repo};
use crate::mock::Ctx;
use crate::mock::blobs::{BlobStore, StagedBlob};
use crate::mock::error::ApiError;
use crate::mock::store::documents;
use crate::mock::store::packages::{
    self, Asset, BlobHashes, Dependency, License, Origin, PackageKey, Status, VersionMeta, Via,
};

/// An npm package name: `name` or `@scope/name` (scope kept without its `@`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PackageName {
    pub scope: Option<String>,
    pub name: String,
}

impl PackageName {
    /// Parses `name` or `@scope/name` (already percent-decoded).
    pub fn parse(full: &str) -> Result<Self, DpError> {
        let (scope, name) = match full.strip_prefix('@') {
            Some(scoped) => {
                let (scope, name) = scoped.split_once('/').ok_or_else(|| {
                    DpError::bad_request(format!("invalid package name {full:?}"))
                })?;
                check_part(scope, full)?;
                (Some(scope.to_string()), name)
            }
            None => (None, full),
        };
        check_part(name, full)?;
        if full.len() > 214 {
            return Err(DpError::bad_request(format!(
                "package name {full:?} is longer than 214 characters"
            )));
        }
        Ok(PackageName {
            scope,
            name: name.to_string(),
        })
    }

    /// `@scope/name` or `name`.
    pub fn full(&self) -> String {
        match &self.scope {
            Some(s) => format!("@{s}/{}", self.name),
            None => self.name.clone(),
        }
    }

    /// The tarball file name npm expects: `name-1.0.0.tgz` (no scope).
    pub fn tarball_file(&self, version: &str) -> String {
        format!("{}-{version}.tgz", self.name)
    }

    /// Where the tarball of `version` is served, under the repository endpoint (which ends
    /// with `/`): `endpoint@scope/name/-/name-1.0.0.tgz`.
    pub fn tarball_url(&self, endpoint: &str, version: &str) -> String {
        format!("{endpoint}{}/-/{}", self.full(), self.tarball_file(version))
    }
}

/// The characters npm allows in a name part (URL-safe; upper case only in legacy names).
fn check_part(part: &str, full: &str) -> Result<(), DpError> {
    let ok = !part.is_empty()
        && !part.starts_with(['.', '_'])
        && part
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'));
    if ok {
        Ok(())
    } else {
        Err(DpError::bad_request(format!(
            "invalid package name {full:?}"
        )))
    }
}

/// What a request under `/npm/.../{repo}/` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Ping,
    /// GET: the packument; PUT: `npm publish`.
    Package(PackageName),
    Tarball {
        name: PackageName,
        version: String,
    },
    DistTags(PackageName),
    DistTag {
        name: PackageName,
        tag: String,
    },
}

/// Parses the path after the repository (percent-encoded as received).
pub fn route(rest: &str) -> Result<Route, DpError> {
    let not_found = || DpError::not_found(format!("no npm route for /{rest}"));
    let segs: Vec<&str> = rest.split('/').collect();
    match segs.as_slice() {
        ["-", "ping"] => return Ok(Route::Ping),
        ["-", "package", tail @ ..] => {
            let (name, after) = take_name(tail)?;
            return match after {
                ["dist-tags"] | ["dist-tags", ""] => Ok(Route::DistTags(name)),
                ["dist-tags", tag] if !tag.is_empty() => Ok(Route::DistTag {
                    name,
                    tag: decode_segment(tag)?,
                }),
                _ => Err(not_found()),
            };
        }
        ["-", ..] => return Err(not_found()),
        _ => {}
    }
    let (name, after) = take_name(&segs)?;
    match after {
        [] | [""] => Ok(Route::Package(name)),
        ["-", file] => {
            let file = decode_segment(file)?;
            let version = file
                .strip_prefix(&format!("{}-", name.name))
                .and_then(|v| v.strip_suffix(".tgz"))
                .filter(|v| !v.is_empty())
                .ok_or_else(not_found)?
                .to_string();
            Ok(Route::Tarball { name, version })
        }
        _ => Err(not_found()),
    }
}

/// A package name at the start of `segs`: `name`, `@scope%2fname` or `@scope/name`.
fn take_name<'a, 'b>(segs: &'a [&'b str]) -> Result<(PackageName, &'a [&'b str]), DpError> {
    let first = decode_segment(segs.first().copied().unwrap_or(""))?;
    if first.starts_with('@') && !first.contains('/') {
        let second = segs
            .get(1)
            .ok_or_else(|| DpError::not_found("a scoped name needs its package part"))?;
        let full = format!("{first}/{}", decode_segment(second)?);
        Ok((PackageName::parse(&full)?, &segs[2..]))
    } else {
        Ok((PackageName::parse(&first)?, &segs[1..]))
    }
}

/// One version of an `npm publish` body: its manifest (package.json plus npm's additions) and
/// the attachment holding its tarball.
#[derive(Debug, Clone, PartialEq)]
pub struct NewVersion {
    pub version: String,
    pub manifest: Value,
    pub attachment: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Publish {
    pub versions: Vec<NewVersion>,
    pub dist_tags: BTreeMap<String, String>,
}

/// What `parse_publish` knows of an attachment's bytes: they are decoded and hashed while the
/// body streams (npm_body.rs), never held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attached {
    pub size: u64,
    /// Lowercase hex.
    pub sha1: String,
    pub sha512: String,
}

impl Attached {
    pub fn of(blob: &StagedBlob) -> Self {
        Attached {
            size: blob.size,
            sha1: blob.sha1.clone(),
            sha512: blob.sha512.clone(),
        }
    }
}

/// Parses and checks an `npm publish` document for `name` (from the URL), its attachments'
/// data already taken out into `attached`: every version has its tarball attached, of the
/// announced length, matching the manifest's `dist.shasum` / `dist.integrity` when given.
/// Attachment names follow the asset-name rule once their `@scope/` is set aside.
pub fn parse_publish(
    name: &PackageName,
    doc: &Value,
    attached: &BTreeMap<String, Attached>,
) -> Result<Publish, DpError> {
    let full = name.full();
    if doc.get("name").and_then(Value::as_str) != Some(full.as_str()) {
        return Err(DpError::bad_request(format!(
            "the body's name does not match the URL's package {full}"
        )));
    }
    let versions = doc
        .get("versions")
        .and_then(Value::as_object)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| DpError::bad_request("the publish body has no versions"))?;
    let attachments = doc
        .get("_attachments")
        .and_then(Value::as_object)
        .filter(|a| !a.is_empty())
        .ok_or_else(|| {
            // npm deprecate/unpublish send metadata-only documents; the service refuses them.
            DpError::bad_request(
                "the publish body has no attachments (metadata-only updates are not supported)",
            )
        })?;
    for key in attachments.keys().chain(attached.keys()) {
        let file = match key.strip_prefix('@') {
            Some(scoped) => scoped.split_once('/').map_or(key.as_str(), |(_, f)| f),
            None => key,
        };
        check_asset_name(file)?;
    }
    let mut out = Vec::new();
    for (version, manifest) in versions {
        semver::Version::parse(version)
            .map_err(|e| DpError::bad_request(format!("invalid version {version:?}: {e}")))?;
        if manifest.get("version").and_then(Value::as_str) != Some(version.as_str()) {
            return Err(DpError::bad_request(format!(
                "the manifest of {version} names another version"
            )));
        }
        let expected = format!("{full}-{version}.tgz");
        let key = if attachments.contains_key(&expected) {
            expected
        } else if versions.len() == 1 && attachments.len() == 1 {
            attachments.keys().next().cloned().unwrap_or(expected)
        } else {
            return Err(DpError::bad_request(format!(
                "no attachment {expected} for version {version}"
            )));
        };
        let bytes = attached
            .get(&key)
            .ok_or_else(|| DpError::bad_request(format!("attachment {key} has no data")))?;
        if let Some(len) = attachments[&key].get("length").and_then(Value::as_u64)
            && len != bytes.size
        {
            return Err(DpError::bad_request(format!(
                "attachment {key} is {} bytes, announced {len}",
                bytes.size
            )));
        }
        check_dist(manifest, bytes, version)?;
        let mut manifest = manifest.clone();
        // Older npm versions send the readme at the top level only.
        if manifest.get("readme").is_none()
            && let Some(readme) = doc.get("readme").filter(|r| r.is_string())
        {
            manifest["readme"] = readme.clone();
        }
        out.push(NewVersion {
            version: version.clone(),
            manifest,
            attachment: key,
        });
    }
    let dist_tags = doc
        .get("dist-tags")
        .and_then(Value::as_object)
        .map(|tags| {
            tags.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default();
    Ok(Publish {
        versions: out,
        dist_tags,
    })
}

fn check_dist(manifest: &Value, tarball: &Attached, version: &str) -> Result<(), DpError> {
    let dist = &manifest["dist"];
    if let Some(shasum) = dist.get("shasum").and_then(Value::as_str)
        && !shasum.eq_ignore_ascii_case(&tarball.sha1)
    {
        return Err(DpError::bad_request(format!(
            "the tarball of {version} does not match its shasum"
        )));
    }
    if let Some(integrity) = dist.get("integrity").and_then(Value::as_str)
        && let Some(expected) = integrity.strip_prefix("sha512-")
        && hex::decode(&tarball.sha512)
            .map(|raw| base64::engine::general_purpose::STANDARD.encode(raw))
            .ok()
            .as_deref()
            != Some(expected)
    {
        return Err(DpError::bad_request(format!(
            "the tarball of {version} does not match its integrity"
        )));
    }
    Ok(())
}

/// A version as the packument shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedVersion {
    pub version: String,
    pub manifest: Value,
    pub published_ms: i64,
}

/// The packument of `name`: only the versions given (the caller leaves out Unlisted, Archived,
/// Disposed and Unfinished ones), tarball URLs pointing at `endpoint`, dist-tags limited to
/// listed versions with `latest` defaulting to the highest release.
pub fn packument(
    name: &PackageName,
    versions: &[ListedVersion],
    dist_tags: &BTreeMap<String, String>,
    endpoint: &str,
) -> Value {
    let mut listed: Vec<&ListedVersion> = versions.iter().collect();
    listed.sort_by(|a, b| compare_versions(&a.version, &b.version));
    let mut out_versions = Map::new();
    let mut time = Map::new();
    let created = listed.iter().map(|v| v.published_ms).min();
    let modified = listed.iter().map(|v| v.published_ms).max();
    if let (Some(c), Some(m)) = (created, modified) {
        time.insert("created".into(), json!(iso(c)));
        time.insert("modified".into(), json!(iso(m)));
    }
    for v in &listed {
        let mut manifest = v.manifest.clone();
        if !manifest.is_object() {
            manifest = json!({});
        }
        manifest["name"] = json!(name.full());
        manifest["version"] = json!(v.version);
        manifest["_id"] = json!(format!("{}@{}", name.full(), v.version));
        if !manifest["dist"].is_object() {
            manifest["dist"] = json!({});
        }
        manifest["dist"]["tarball"] = json!(name.tarball_url(endpoint, &v.version));
        if let Some(m) = manifest.as_object_mut() {
            // The readme is served once, at the top level; per-version copies only bloat.
            m.remove("readme");
        }
        out_versions.insert(v.version.clone(), manifest);
        time.insert(v.version.clone(), json!(iso(v.published_ms)));
    }
    let mut tags: Map<String, Value> = dist_tags
        .iter()
        .filter(|(_, v)| out_versions.contains_key(*v))
        .map(|(k, v)| (k.clone(), json!(v)))
        .collect();
    if !tags.contains_key("latest")
        && let Some(latest) = default_latest(listed.iter().map(|v| v.version.as_str()))
    {
        tags.insert("latest".into(), json!(latest));
    }
    let readme = tags
        .get("latest")
        .and_then(Value::as_str)
        .and_then(|l| listed.iter().find(|v| v.version == l))
        .and_then(|v| v.manifest.get("readme"))
        .cloned();
    let mut doc = json!({
        "_id": name.full(),
        "name": name.full(),
        "dist-tags": tags,
        "versions": out_versions,
        "time": time,
    });
    if let Some(readme) = readme {
        doc["readme"] = readme;
    }
    doc
}

/// The highest release, or the highest prerelease when there is no release.
pub fn default_latest<'a>(versions: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let parsed: Vec<(semver::Version, &str)> = versions
        .filter_map(|v| Some((semver::Version::parse(v).ok()?, v)))
        .collect();
    parsed
        .iter()
        .filter(|(p, _)| p.pre.is_empty())
        .max_by(|a, b| a.0.cmp(&b.0))
        .or_else(|| parsed.iter().max_by(|a, b| a.0.cmp(&b.0)))
        .map(|(_, v)| *v)
}

/// Semver order, unparsable versions last in string order.
fn compare_versions(a: &str, b: &str) -> std::cmp::Ordering {
    match (semver::Version::parse(a), semver::Version::parse(b)) {
        (Ok(x), Ok(y)) => x.cmp(&y),
        (Ok(_), Err(_)) => std::cmp::Ordering::Less,
        (Err(_), Ok(_)) => std::cmp::Ordering::Greater,
        (Err(_), Err(_)) => a.cmp(b),
    }
}

/// npm's time format: ISO 8601 UTC with milliseconds.
fn iso(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// What the control plane shows of a version, taken from its manifest.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VersionInfo {
    pub summary: Option<String>,
    pub home_page: Option<String>,
    pub source_code_repository: Option<String>,
    pub licenses: Vec<String>,
    pub readme: Option<String>,
    /// (package name, dependency type, version requirement)
    pub dependencies: Vec<(PackageName, &'static str, String)>,
}

pub fn version_info(manifest: &Value) -> VersionInfo {
    let text = |v: &Value| v.as_str().map(str::to_string);
    let licenses = match &manifest["license"] {
        Value::String(s) => vec![s.clone()],
        Value::Object(o) => o.get("type").and_then(text).into_iter().collect(),
        _ => manifest["licenses"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|l| text(&l["type"]).or_else(|| text(l)))
                    .collect()
            })
            .unwrap_or_default(),
    };
    let repository = match &manifest["repository"] {
        Value::String(s) => Some(s.clone()),
        r => text(&r["url"]),
    };
    let mut dependencies = Vec::new();
    for (member, kind) in [
        ("dependencies", "regular"),
        ("devDependencies", "dev"),
        ("peerDependencies", "peer"),
        ("optionalDependencies", "optional"),
    ] {
        if let Some(deps) = manifest[member].as_object() {
            for (dep, req) in deps {
                if let (Ok(name), Some(req)) = (PackageName::parse(dep), req.as_str()) {
                    dependencies.push((name, kind, req.to_string()));
                }
            }
        }
    }
    VersionInfo {
        summary: text(&manifest["description"]),
        home_page: text(&manifest["homepage"]),
        source_code_repository: repository,
        licenses,
        readme: text(&manifest["readme"])
            .filter(|r| !r.is_empty() && r != "ERROR: No README data found!"),
        dependencies,
    }
}

/// The body of a dist-tag PUT: a JSON string naming the version.
pub fn parse_dist_tag_body(body: &[u8]) -> Result<String, DpError> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::String(v)) if semver::Version::parse(&v).is_ok() => Ok(v),
        _ => Err(DpError::new(
            StatusCode::BAD_REQUEST,
            "the dist-tag body must be a JSON string holding a version",
        )),
    }
}

// ---- serving ----------------------------------------------------------------------------------

/// The asset every npm version holds, as the service names it.
pub const ASSET: &str = "package.tgz";
/// A publish document without its tarballs: manifests and a readme (npm's registry caps a
/// packument at 10 MiB in practice).
const MAX_PUBLISH_DOCUMENT: usize = 16 * 1024 * 1024;
/// Dist-tag bodies are one JSON string.
const MAX_DIST_TAG_BODY: usize = 64 * 1024;

/// The largest publish body: the document and one tarball at the asset quota, base64-encoded.
fn max_publish_body(blobs: &BlobStore) -> u64 {
    MAX_PUBLISH_DOCUMENT as u64 + blobs.max_asset_bytes().div_ceil(3) * 4
}

fn key(name: &PackageName) -> PackageKey {
    PackageKey::new("npm", name.scope.as_deref(), &name.name)
}

fn json_response(status: StatusCode, v: &Value) -> Response<Body> {
    super::response(status, "application/json", v.to_string())
}

pub async fn serve(
    ctx: &Arc<Ctx>,
    req: Request,
    target: &Target,
) -> Result<Response<Body>, DpError> {
    let route = route(&target.rest)?;
    let method = req.method().clone();
    let head = method == Method::HEAD;
    match (method, route) {
        (Method::GET, Route::Ping) => Ok(json_response(StatusCode::OK, &json!({}))),
        (Method::GET | Method::HEAD, Route::Package(name)) => {
            let doc = full_packument(ctx, target, &name).await?;
            let mut resp = json_response(StatusCode::OK, &doc);
            if head {
                *resp.body_mut() = Body::empty();
            }
            Ok(resp)
        }
        (Method::PUT, Route::Package(name)) => {
            let limit = max_publish_body(&ctx.blobs);
            body::check_declared(req.headers(), limit)?;
            let (doc, attached) =
                npm_body::read(&ctx.blobs, req.into_body(), MAX_PUBLISH_DOCUMENT, limit).await?;
            publish(ctx, target, &name, &doc, attached).await?;
            Ok(json_response(
                StatusCode::OK,
                &json!({"ok": true, "success": true}),
            ))
        }
        (Method::GET | Method::HEAD, Route::Tarball { name, version }) => {
            let fetch_ctx = Arc::clone(ctx);
            let t = target.clone();
            let (n, v) = (name.clone(), version.clone());
            let asset = repo::find_asset(
                ctx,
                target,
                key(&name),
                version,
                ASSET.to_string(),
                repo::downloadable,
                |ext| async move { fetch_external(&fetch_ctx, &t, &ext, &n, &v).await },
            )
            .await?;
            repo::stream_asset(
                ctx,
                &target.domain,
                &asset,
                "application/octet-stream",
                head,
            )
            .await
        }
        (Method::GET, Route::DistTags(name)) => {
            let doc = full_packument(ctx, target, &name).await?;
            Ok(json_response(StatusCode::OK, &doc["dist-tags"]))
        }
        (m @ (Method::PUT | Method::DELETE), Route::DistTag { name, tag }) => {
            let version = if m == Method::PUT {
                let body = body::read_whole(req, MAX_DIST_TAG_BODY).await?;
                Some(parse_dist_tag_body(&body)?)
            } else {
                None
            };
            let ctx2 = Arc::clone(ctx);
            let t = target.clone();
            super::blocking(move || set_tag(&ctx2, &t, &name, &tag, version.as_deref())).await?;
            Ok(json_response(StatusCode::OK, &json!({"ok": true})))
        }
        _ => Err(DpError::method_not_allowed()),
    }
}

/// The packument served for `name`: versions in the domain (through upstreams), then those of
/// the external connection the search reaches that the domain does not have yet.
async fn full_packument(ctx: &Arc<Ctx>, t: &Target, name: &PackageName) -> Result<Value, DpError> {
    let ctx2 = Arc::clone(ctx);
    let t2 = t.clone();
    let n = name.clone();
    let (mut versions, tags, ext) = super::blocking(move || {
        let k = key(&n);
        let (found, tags) = ctx2
            .store
            .read(|conn| repo::list_versions(conn, &t2.domain, &t2.repo, &k, repo::listed))?;
        let ext = repo::external(&ctx2, &t2.domain, &t2.repo, &k)?;
        let versions: Vec<ListedVersion> = found
            .into_iter()
            .map(|l| ListedVersion {
                version: l.version.version,
                manifest: l.document.unwrap_or_else(|| json!({})),
                published_ms: l.version.published_ms,
            })
            .collect();
        Ok((versions, tags, ext))
    })
    .await?;
    let mut tags: BTreeMap<String, String> = tags.into_iter().collect();
    if let Some(ext) = ext
        && let Some(upstream) = external_packument(&ext, name).await?
    {
        let times = &upstream["time"];
        for (version, manifest) in upstream["versions"].as_object().into_iter().flatten() {
            if versions.iter().any(|v| &v.version == version) {
                continue;
            }
            let published_ms = times[version]
                .as_str()
                .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
                .map_or(0, |t| t.timestamp_millis());
            versions.push(ListedVersion {
                version: version.clone(),
                manifest: manifest.clone(),
                published_ms,
            });
        }
        for (tag, v) in upstream["dist-tags"].as_object().into_iter().flatten() {
            if let Some(v) = v.as_str() {
                tags.entry(tag.clone()).or_insert_with(|| v.to_string());
            }
        }
    }
    if versions.is_empty() {
        return Err(DpError::not_found(format!(
            "{} is not in this repository",
            name.full()
        )));
    }
    Ok(packument(
        name,
        &versions,
        &tags,
        &t.endpoint(&ctx.base_url),
    ))
}

/// Packuments from upstream registries are bounded: they can be large, but not unboundedly.
const MAX_UPSTREAM_PACKUMENT: usize = 64 * 1024 * 1024;

async fn external_packument(ext: &External, name: &PackageName) -> Result<Option<Value>, DpError> {
    let escaped = match &name.scope {
        Some(scope) => format!("@{scope}%2f{}", name.name),
        None => name.name.clone(),
    };
    let Some(body) = external::get_bytes(
        &format!("{}{escaped}", ext.url),
        Some("application/json"),
        MAX_UPSTREAM_PACKUMENT,
    )
    .await?
    else {
        return Ok(None);
    };
    serde_json::from_slice(&body).map(Some).map_err(|e| {
        DpError::new(
            StatusCode::BAD_GATEWAY,
            format!("the upstream packument of {} is not JSON: {e}", name.full()),
        )
    })
}

/// Fetches `version` of `name` through the external connection: its manifest from the
/// upstream packument, its tarball (checked against the manifest's shasum), then stores both.
async fn fetch_external(
    ctx: &Arc<Ctx>,
    t: &Target,
    ext: &External,
    name: &PackageName,
    version: &str,
) -> Result<Option<Asset>, DpError> {
    let Some(upstream) = external_packument(ext, name).await? else {
        return Ok(None);
    };
    let Some(manifest) = upstream["versions"].get(version).cloned() else {
        return Ok(None);
    };
    let tarball = manifest["dist"]["tarball"].as_str().ok_or_else(|| {
        DpError::new(
            StatusCode::BAD_GATEWAY,
            "the upstream manifest has no tarball URL",
        )
    })?;
    let url = external::join(&ext.url, tarball)?;
    let Some(blob) = external::get_to_blob(ctx, &url).await? else {
        return Ok(None);
    };
    let hashes = BlobHashes::of_staged(&blob)?;
    if let Some(shasum) = manifest["dist"]["shasum"].as_str()
        && !shasum.eq_ignore_ascii_case(&hashes.sha1)
    {
        return Err(DpError::new(
            StatusCode::BAD_GATEWAY,
            format!(
                "the upstream tarball of {} {version} does not match its shasum",
                name.full()
            ),
        ));
    }
    let fetched = repo::Fetched {
        key: key(name),
        version: version.to_string(),
        asset: ASSET.to_string(),
        blob,
        hashes,
        meta: version_meta(name, &manifest),
        document: Some(manifest),
    };
    repo::save_external(ctx, t, ext, fetched).await
}

fn set_tag(
    ctx: &Ctx,
    t: &Target,
    name: &PackageName,
    tag: &str,
    version: Option<&str>,
) -> Result<(), DpError> {
    ctx.store.write(|tx| {
        let pkg = packages::find_package(tx, &t.domain, &t.repo, &key(name))?.ok_or_else(|| {
            ApiError::not_found(
                "package",
                &name.full(),
                format!("{} is not in this repository", name.full()),
            )
        })?;
        if let Some(v) = version
            && packages::find_version(tx, pkg.id, v)?.is_none()
        {
            return Err(ApiError::not_found(
                "package-version",
                v,
                format!("version {v} of {} is not in this repository", name.full()),
            ));
        }
        packages::set_dist_tag(tx, pkg.id, tag, version)
    })?;
    Ok(())
}

/// The control plane's view of a manifest.
fn version_meta(name: &PackageName, manifest: &Value) -> VersionMeta {
    let info = version_info(manifest);
    VersionMeta {
        display_name: Some(name.full()),
        summary: info.summary,
        home_page: info.home_page,
        source_code_repository: info.source_code_repository,
        licenses: info.licenses.into_iter().map(License::named).collect(),
        readme: info.readme,
        dependencies: info
            .dependencies
            .into_iter()
            .map(|(dep, kind, req)| Dependency {
                namespace: dep.scope,
                package: dep.name,
                dependency_type: Some(kind.to_string()),
                version_requirement: Some(req),
            })
            .collect(),
    }
}

async fn publish(
    ctx: &Arc<Ctx>,
    target: &Target,
    name: &PackageName,
    doc: &Value,
    mut attached: BTreeMap<String, StagedBlob>,
) -> Result<(), DpError> {
    let digests = attached
        .iter()
        .map(|(k, blob)| (k.clone(), Attached::of(blob)))
        .collect();
    let parsed = parse_publish(name, doc, &digests)?;
    // The bytes were staged and hashed as the body arrived, before the store lock is taken; a
    // refused publish drops them.
    let mut staged = Vec::new();
    for v in parsed.versions {
        let blob = attached.remove(&v.attachment).ok_or_else(|| {
            DpError::bad_request(format!("attachment {} serves two versions", v.attachment))
        })?;
        let hashes = BlobHashes::of_staged(&blob)?;
        let mut manifest = v.manifest;
        if let Some(m) = manifest.as_object_mut() {
            // Only what npm install reads is kept in the packument; npm's own bookkeeping of
            // the publishing machine is dropped.
            m.remove("_attachments");
        }
        staged.push((v.version, manifest, blob, hashes));
    }
    let ctx2 = Arc::clone(ctx);
    let t = target.clone();
    let name = name.clone();
    super::blocking(move || {
        let k = key(&name);
        ctx2.store.write(|tx| {
            packages::may_publish(tx, &t.domain, &t.repo, &k)?;
            let pkg = packages::ensure_package(tx, &t.domain, &t.repo, &k, Via::Publish)?;
            for (version, manifest, blob, hashes) in &staged {
                let (v, created) = packages::ensure_version(
                    &ctx2,
                    tx,
                    &pkg,
                    version,
                    Origin::published(&t.repo),
                    Status::Published,
                )?;
                // Same bytes again succeed unchanged; other bytes are a 409 from add_asset.
                packages::add_asset(&ctx2, tx, &t.domain, v.id, ASSET, blob, hashes)?;
                if created {
                    packages::set_metadata(&ctx2, tx, v.id, &version_meta(&name, manifest))?;
                    documents::set(tx, v.id, manifest)?;
                }
            }
            for (tag, version) in &parsed.dist_tags {
                if packages::find_version(tx, pkg.id, version)?.is_some() {
                    packages::set_dist_tag(tx, pkg.id, tag, Some(version))?;
                }
            }
            Ok(())
        })?;
        Ok(())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(s: &str) -> PackageName {
        PackageName::parse(s).unwrap()
    }

    #[test]
    fn routes_cover_scoped_and_unscoped_names() {
        assert_eq!(route("-/ping").unwrap(), Route::Ping);
        assert_eq!(route("left-pad").unwrap(), Route::Package(name("left-pad")));
        assert_eq!(route("@s%2fpkg").unwrap(), Route::Package(name("@s/pkg")));
        assert_eq!(route("%40s%2Fpkg").unwrap(), Route::Package(name("@s/pkg")));
        assert_eq!(route("@s/pkg").unwrap(), Route::Package(name("@s/pkg")));
        assert_eq!(
            route("@s/pkg/-/pkg-1.0.0-rc.1.tgz").unwrap(),
            Route::Tarball {
                name: name("@s/pkg"),
                version: "1.0.0-rc.1".into()
            }
        );
        assert_eq!(
            route("a/-/a-2.0.0.tgz").unwrap(),
            Route::Tarball {
                name: name("a"),
                version: "2.0.0".into()
            }
        );
        assert_eq!(
            route("-/package/@s%2fpkg/dist-tags").unwrap(),
            Route::DistTags(name("@s/pkg"))
        );
        assert_eq!(
            route("-/package/a/dist-tags/beta").unwrap(),
            Route::DistTag {
                name: name("a"),
                tag: "beta".into()
            }
        );
        for bad in [
            "a/-/b-1.0.0.tgz",
            "a/-/a-.tgz",
            "-/whoami",
            "a/b/c",
            "@s",
            "..",
            "a%2f..",
            "%ff",
        ] {
            assert!(route(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn tarball_urls_point_back_at_the_repository() {
        let ep = "http://127.0.0.1:9/npm/d/dom-111122223333/repo/";
        assert_eq!(
            name("@s/pkg").tarball_url(ep, "1.0.0"),
            "http://127.0.0.1:9/npm/d/dom-111122223333/repo/@s/pkg/-/pkg-1.0.0.tgz"
        );
        assert_eq!(
            name("a").tarball_url(ep, "1.0.0"),
            "http://127.0.0.1:9/npm/d/dom-111122223333/repo/a/-/a-1.0.0.tgz"
        );
    }

    /// A publish document as npm_body.rs leaves it (data taken out) and its attachment's digests.
    fn publish_parts(
        full: &str,
        version: &str,
        tgz: &[u8],
        shasum: Option<String>,
    ) -> (Value, BTreeMap<String, Attached>) {
        use sha1::Sha1;
        use sha2::{Digest, Sha512};
        let shasum = shasum.unwrap_or_else(|| hex::encode(Sha1::digest(tgz)));
        let integrity = format!(
            "sha512-{}",
            base64::engine::general_purpose::STANDARD.encode(Sha512::digest(tgz))
        );
        let file = format!("{full}-{version}.tgz");
        let doc = json!({
            "_id": full, "name": full,
            "dist-tags": {"latest": version},
            "readme": "# hi",
            "versions": {version: {"name": full, "version": version, "description": "d",
                "license": "MIT", "dependencies": {"left-pad": "^1.0.0"},
                "dist": {"shasum": shasum, "integrity": integrity, "tarball": "http://elsewhere/x.tgz"}}},
            "_attachments": {file.clone(): {"content_type": "application/octet-stream",
                "data": "", "length": tgz.len()}}
        });
        let attached = Attached {
            size: tgz.len() as u64,
            sha1: hex::encode(Sha1::digest(tgz)),
            sha512: hex::encode(Sha512::digest(tgz)),
        };
        (doc, BTreeMap::from([(file, attached)]))
    }

    #[test]
    fn publish_documents_name_their_attachment() {
        let n = name("@s/pkg");
        let (doc, attached) = publish_parts("@s/pkg", "1.2.3", b"tgz bytes", None);
        let p = parse_publish(&n, &doc, &attached).unwrap();
        assert_eq!(p.versions.len(), 1);
        assert_eq!(p.versions[0].version, "1.2.3");
        assert_eq!(p.versions[0].attachment, "@s/pkg-1.2.3.tgz");
        assert_eq!(p.versions[0].manifest["readme"], "# hi");
        assert_eq!(p.dist_tags["latest"], "1.2.3");

        let (doc, attached) = publish_parts("@s/pkg", "1.2.3", b"tgz", Some("00".repeat(20)));
        let e = parse_publish(&n, &doc, &attached).unwrap_err();
        assert!(e.message.contains("shasum"), "{}", e.message);
        let (mut doc, attached) = publish_parts("@s/pkg", "1.2.3", b"tgz", None);
        doc["versions"]["1.2.3"]["dist"]["integrity"] = json!("sha512-AAAA");
        let e = parse_publish(&n, &doc, &attached).unwrap_err();
        assert!(e.message.contains("integrity"), "{}", e.message);
        let (doc, attached) = publish_parts("@s/other", "1.2.3", b"tgz", None);
        assert!(parse_publish(&n, &doc, &attached).is_err());
        let (doc, attached) = publish_parts("@s/pkg", "one", b"tgz", None);
        assert!(parse_publish(&n, &doc, &attached).is_err());
        let (doc, _) = publish_parts("@s/pkg", "1.2.3", b"tgz", None);
        let e = parse_publish(&n, &doc, &BTreeMap::new()).unwrap_err();
        assert!(e.message.contains("has no data"), "{}", e.message);
        let no_attachments = json!({"name": "@s/pkg", "versions": {"1.0.0": {"version": "1.0.0"}}});
        assert!(parse_publish(&n, &no_attachments, &BTreeMap::new()).is_err());
        // An attachment name that could be a path is refused, whatever it is attached to.
        for hostile in ["../../x", "@s/../x", "/tmp/x", "a\\b", "@s/pkg/../x"] {
            let (mut doc, mut attached) = publish_parts("@s/pkg", "1.2.3", b"tgz", None);
            let a = doc["_attachments"].as_object_mut().unwrap();
            let v = a.remove("@s/pkg-1.2.3.tgz").unwrap();
            a.insert(hostile.to_string(), v);
            let bytes = attached.remove("@s/pkg-1.2.3.tgz").unwrap();
            attached.insert(hostile.to_string(), bytes);
            let e = parse_publish(&n, &doc, &attached).unwrap_err();
            assert_eq!(e.status, StatusCode::BAD_REQUEST, "{hostile}");
            assert!(e.message.contains("invalid asset name"), "{}", e.message);
        }
    }

    #[test]
    fn packuments_list_versions_with_local_tarballs_and_a_default_latest() {
        let n = name("a");
        let v = |ver: &str, ms| ListedVersion {
            version: ver.into(),
            manifest: json!({"name": "a", "version": ver, "readme": format!("readme {ver}"),
                "dist": {"shasum": "x", "tarball": "http://elsewhere"}}),
            published_ms: ms,
        };
        let versions = [
            v("1.10.0", 2_000),
            v("1.9.0", 1_000),
            v("2.0.0-beta.1", 3_000),
        ];
        let mut tags = BTreeMap::new();
        tags.insert("beta".to_string(), "2.0.0-beta.1".to_string());
        tags.insert("gone".to_string(), "0.1.0".to_string());
        let doc = packument(&n, &versions, &tags, "http://h/npm/d/d-111122223333/r/");
        assert_eq!(
            doc["dist-tags"],
            json!({"beta": "2.0.0-beta.1", "latest": "1.10.0"})
        );
        assert_eq!(
            doc["versions"]["1.9.0"]["dist"]["tarball"],
            "http://h/npm/d/d-111122223333/r/a/-/a-1.9.0.tgz"
        );
        assert_eq!(doc["versions"]["1.9.0"]["dist"]["shasum"], "x");
        assert!(doc["versions"]["1.9.0"].get("readme").is_none());
        assert_eq!(doc["readme"], "readme 1.10.0");
        assert_eq!(doc["time"]["created"], "1970-01-01T00:00:01.000Z");
        assert_eq!(doc["time"]["modified"], "1970-01-01T00:00:03.000Z");
        let order: Vec<&String> = doc["versions"].as_object().unwrap().keys().collect();
        assert_eq!(order, ["1.9.0", "1.10.0", "2.0.0-beta.1"]);
        assert_eq!(
            default_latest(["1.0.0-rc.1"].into_iter()),
            Some("1.0.0-rc.1")
        );
    }

    #[test]
    fn version_info_reads_the_manifest() {
        let info = version_info(&json!({"description": "s", "homepage": "https://h",
            "license": {"type": "ISC"}, "repository": {"url": "git+https://r"},
            "dependencies": {"@x/y": "1"}, "devDependencies": {"z": "^2"}, "readme": "R"}));
        assert_eq!(info.summary.as_deref(), Some("s"));
        assert_eq!(info.licenses, ["ISC"]);
        assert_eq!(
            info.source_code_repository.as_deref(),
            Some("git+https://r")
        );
        assert_eq!(info.readme.as_deref(), Some("R"));
        assert_eq!(info.dependencies.len(), 2);
        assert_eq!(info.dependencies[0], (name("@x/y"), "regular", "1".into()));
        assert_eq!(info.dependencies[1].1, "dev");
        assert_eq!(parse_dist_tag_body(b"\"1.0.0\"").unwrap(), "1.0.0");
        assert!(parse_dist_tag_body(b"1").is_err());
    }
}
