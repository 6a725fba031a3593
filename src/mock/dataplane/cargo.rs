//! cargo's registry protocols, pure part first: sparse index paths and files, the `cargo
//! publish` body and the index entry made from it, all functions of their arguments; then
//! `serve`, which wires them to the store.
//!
//! What CodeArtifact serves for cargo (user guide, "Using CodeArtifact with Cargo"): a sparse
//! index only (`sparse+{endpoint}`), whose `config.json` says `"auth-required": true` (cargo
//! 1.74+ then sends the token on every request), and the web API for `cargo publish`; cargo
//! build/check/fetch/publish are supported, `cargo owner` and `cargo search` are not.
//!
//! Choices where the documentation is silent:
//! - Names: stored lowercased (the index path is the lowercased name and crates.io treats names
//!   case-insensitively); the name as published stays in the index entry, where cargo matches
//!   it, and in the version's `displayName`. `-` and `_` are kept apart, as cargo's index
//!   paths keep them apart.
//! - Yank: `cargo yank` sets the version Unlisted and `cargo yank --undo` sets it Published
//!   again. Unlisted means "still downloadable, not offered to new resolutions", which is what
//!   a yanked crate is; the index therefore keeps Unlisted versions with `"yanked": true`, so
//!   lockfiles that pin them keep working. Archived, Disposed, Deleted and Unfinished versions
//!   leave the index (and are not downloadable), as they leave npm packuments.
//! - Asset: one per version, `{name}-{version}.crate` with the stored (lowercased) name, so a
//!   download URL maps to its asset whatever case the client spells the name in.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, Response, StatusCode, header};
use serde::Deserialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::external::{self, External};
use super::{DpError, Target, body, check_asset_name, decode_segment, repo};
use crate::mock::Ctx;
use crate::mock::blobs::{BlobStore, StagedBlob};
use crate::mock::error::ApiError;
use crate::mock::store::documents;
use crate::mock::store::packages::{
    self, Asset, BlobHashes, Dependency, License, PackageKey, Status, VersionMeta,
};

/// crates.io's limit on name length, which cargo also enforces for other registries' names
/// in the index path scheme.
pub const MAX_NAME_LEN: usize = 64;

/// A crate name cargo can publish and crates.io would accept: ASCII letters, digits, `-` and
/// `_`, starting with a letter, at most 64 characters. (ASCII only also keeps the index path,
/// which slices the name by bytes, well defined.)
pub fn valid_name(name: &str) -> bool {
    name.len() <= MAX_NAME_LEN
        && name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The stored form of a crate name: lowercased.
pub fn normalize(name: &str) -> String {
    name.to_ascii_lowercase()
}

/// Where the index file of `name` lives under the index root: `1/a`, `2/ab`, `3/a/abc`,
/// `ab/cd/abcd...` of the lowercased name. `None` for a name that is not a valid crate name.
pub fn index_path(name: &str) -> Option<String> {
    if !valid_name(name) {
        return None;
    }
    let n = normalize(name);
    Some(match n.len() {
        1 => format!("1/{n}"),
        2 => format!("2/{n}"),
        3 => format!("3/{}/{n}", &n[..1]),
        _ => format!("{}/{}/{n}", &n[..2], &n[2..4]),
    })
}

/// The asset a version holds.
pub fn asset_name(name: &str, version: &str) -> String {
    format!("{}-{version}.crate", normalize(name))
}

/// What a request under `/cargo/.../{repo}/` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Config,
    /// The index file of a crate (lowercased name, as in the path).
    Index(String),
    Publish,
    Download {
        name: String,
        version: String,
    },
    Yank {
        name: String,
        version: String,
    },
    Unyank {
        name: String,
        version: String,
    },
    /// A web API the service does not offer (owners, search).
    Unsupported(&'static str),
}

/// Parses the path after the repository (percent-encoded as received).
pub fn route(rest: &str) -> Result<Route, DpError> {
    let not_found = || DpError::not_found(format!("no cargo route for /{rest}"));
    let segs: Vec<&str> = rest.split('/').collect();
    let crate_version = |name: &str, version: &str| -> Result<(String, String), DpError> {
        let name = decode_segment(name)?;
        let version = decode_segment(version)?;
        if !valid_name(&name) {
            return Err(DpError::bad_request(format!("invalid crate name {name:?}")));
        }
        // The version names the stored file.
        check_asset_name(&asset_name(&name, &version))?;
        Ok((name, version))
    };
    match segs.as_slice() {
        ["config.json"] => Ok(Route::Config),
        ["api", "v1", "crates", "new"] => Ok(Route::Publish),
        ["api", "v1", "crates", name, version, "download"] => {
            let (name, version) = crate_version(name, version)?;
            Ok(Route::Download { name, version })
        }
        ["api", "v1", "crates", name, version, "yank"] => {
            let (name, version) = crate_version(name, version)?;
            Ok(Route::Yank { name, version })
        }
        ["api", "v1", "crates", name, version, "unyank"] => {
            let (name, version) = crate_version(name, version)?;
            Ok(Route::Unyank { name, version })
        }
        ["api", "v1", "crates", _, "owners"] => Ok(Route::Unsupported("cargo owner")),
        ["api", "v1", "crates"] | ["api", "v1", "crates", ""] => {
            Ok(Route::Unsupported("cargo search"))
        }
        ["api", ..] => Err(not_found()),
        [.., last] => {
            let name = decode_segment(last)?;
            // Only the one path of a name is its index file; cargo always asks for it
            // lowercased.
            match index_path(&name) {
                Some(path) if path == rest => Ok(Route::Index(name)),
                _ => Err(not_found()),
            }
        }
        [] => Err(not_found()),
    }
}

// ---- publish --------------------------------------------------------------------------------

/// The metadata `cargo publish` sends (the registry web API's "publish" JSON). Members cargo
/// sends that the registry does not use (authors, keywords, badges...) are ignored.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct NewCrate {
    pub name: String,
    pub vers: String,
    #[serde(default)]
    pub deps: Vec<NewDep>,
    #[serde(default)]
    pub features: BTreeMap<String, Vec<String>>,
    pub description: Option<String>,
    pub homepage: Option<String>,
    pub documentation: Option<String>,
    /// The readme's contents (`readme_file` is its path in the package).
    pub readme: Option<String>,
    pub license: Option<String>,
    pub repository: Option<String>,
    pub links: Option<String>,
    pub rust_version: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct NewDep {
    /// The crate depended on (its real name, even when renamed in Cargo.toml).
    pub name: String,
    pub version_req: String,
    #[serde(default)]
    pub features: Vec<String>,
    #[serde(default)]
    pub optional: bool,
    #[serde(default = "yes")]
    pub default_features: bool,
    pub target: Option<String>,
    /// `normal`, `dev` or `build`.
    #[serde(default = "normal")]
    pub kind: String,
    /// The index URL of another registry; `None` for this one.
    pub registry: Option<String>,
    /// The name the dependency goes by in Cargo.toml when renamed (`package = ...`).
    pub explicit_name_in_toml: Option<String>,
}

fn yes() -> bool {
    true
}

fn normal() -> String {
    "normal".into()
}

/// The most metadata a publish body may announce (a readme is a few hundred KiB).
pub const MAX_METADATA: u32 = 16 * 1024 * 1024;

/// Reads a `cargo publish` body as it streams: u32 LE length, JSON metadata, u32 LE length,
/// `.crate` bytes (staged on disk, within the asset quota), and nothing after them. Only the
/// metadata is held in memory; the whole body is refused past its limit (`body.rs`).
pub async fn read_publish<S, E>(
    blobs: &BlobStore,
    stream: S,
) -> Result<(NewCrate, StagedBlob), DpError>
where
    S: futures_util::Stream<Item = Result<axum::body::Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    let mut r = body::Reader::new(stream, max_publish_body(blobs), "the publish body");
    let bad = |m: String| DpError::bad_request(format!("the publish body {m}"));
    let meta_len = read_length(&mut r, "metadata").await?;
    if meta_len > MAX_METADATA {
        return Err(DpError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "the publish body announces a metadata of {meta_len} bytes; at most {MAX_METADATA} are accepted"
            ),
        ));
    }
    let json = r.exact(meta_len as usize).await?.map_err(|got| {
        bad(format!(
            "announces a metadata of {meta_len} bytes but holds {got}"
        ))
    })?;
    let meta = check_metadata(&json)?;
    let crate_len = read_length(&mut r, ".crate file").await?;
    if crate_len == 0 {
        return Err(DpError::bad_request("the .crate file is empty"));
    }
    blobs.check_declared_size(Some(u64::from(crate_len)))?;
    let mut stager = blobs.stager()?;
    r.copy(u64::from(crate_len), &mut stager)
        .await?
        .map_err(|got| {
            bad(format!(
                "announces a .crate file of {crate_len} bytes but holds {got}"
            ))
        })?;
    match r.rest().await? {
        0 => Ok((meta, stager.finish().await?)),
        n => Err(bad(format!("has {n} bytes after the .crate file"))),
    }
}

/// A little-endian u32 length prefix.
async fn read_length<S, E>(r: &mut body::Reader<S>, what: &str) -> Result<u32, DpError>
where
    S: futures_util::Stream<Item = Result<axum::body::Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    let bytes = r.exact(4).await?.map_err(|_| {
        DpError::bad_request(format!(
            "the publish body ends before the length of the {what}"
        ))
    })?;
    Ok(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
}

/// The largest body a publish can be: both lengths, the metadata and a `.crate` file at the
/// asset quota.
fn max_publish_body(blobs: &BlobStore) -> u64 {
    8 + u64::from(MAX_METADATA) + blobs.max_asset_bytes()
}

/// Parses and checks the metadata of a publish body.
pub fn check_metadata(json: &[u8]) -> Result<NewCrate, DpError> {
    let meta: NewCrate = serde_json::from_slice(json)
        .map_err(|e| DpError::bad_request(format!("the publish metadata is not valid: {e}")))?;
    if !valid_name(&meta.name) {
        return Err(DpError::bad_request(format!(
            "invalid crate name {:?}: use ASCII letters, digits, `-` and `_`, starting with a \
             letter, at most {MAX_NAME_LEN} characters",
            meta.name
        )));
    }
    semver::Version::parse(&meta.vers)
        .map_err(|e| DpError::bad_request(format!("invalid version {:?}: {e}", meta.vers)))?;
    for d in &meta.deps {
        if !valid_name(&d.name) {
            return Err(DpError::bad_request(format!(
                "invalid dependency name {:?}",
                d.name
            )));
        }
        semver::VersionReq::parse(&d.version_req).map_err(|e| {
            DpError::bad_request(format!(
                "invalid version requirement {:?} of dependency {}: {e}",
                d.version_req, d.name
            ))
        })?;
        if !matches!(d.kind.as_str(), "normal" | "dev" | "build") {
            return Err(DpError::bad_request(format!(
                "invalid kind {:?} of dependency {}",
                d.kind, d.name
            )));
        }
    }
    Ok(meta)
}

/// The index entry of a published version (without `yanked`, which follows the version's
/// status), as crates.io writes it: a renamed dependency is listed under its Cargo.toml name
/// with `package` naming the crate, and features using `dep:` or `?/` go to `features2` with
/// `"v": 2` so older cargo versions skip what they cannot read.
pub fn index_entry(meta: &NewCrate, cksum: &str) -> Value {
    let mut deps: Vec<Value> = meta
        .deps
        .iter()
        .map(|d| {
            let (name, package) = match &d.explicit_name_in_toml {
                Some(alias) => (alias.clone(), Some(d.name.clone())),
                None => (d.name.clone(), None),
            };
            let mut dep = json!({
                "name": name,
                "req": d.version_req,
                "features": d.features,
                "optional": d.optional,
                "default_features": d.default_features,
                "target": d.target,
                "kind": d.kind,
            });
            if let Some(r) = &d.registry {
                dep["registry"] = json!(r);
            }
            if let Some(p) = package {
                dep["package"] = json!(p);
            }
            dep
        })
        .collect();
    deps.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
    let (features2, features): (BTreeMap<_, _>, BTreeMap<_, _>) =
        meta.features.iter().partition(|(_, values)| {
            values
                .iter()
                .any(|v| v.starts_with("dep:") || v.contains("?/"))
        });
    let mut entry = json!({
        "name": meta.name,
        "vers": meta.vers,
        "deps": deps,
        "cksum": cksum,
        "features": features,
        "links": meta.links,
    });
    if !features2.is_empty() {
        entry["features2"] = json!(features2);
        entry["v"] = json!(2);
    }
    if let Some(rv) = &meta.rust_version {
        entry["rust_version"] = json!(rv);
    }
    entry
}

/// An index file: one JSON line per version, each with `yanked` set, oldest version first.
pub fn index_file(entries: &[(Value, bool)]) -> String {
    let mut sorted: Vec<&(Value, bool)> = entries.iter().collect();
    sorted.sort_by(|a, b| compare_versions(a.0["vers"].as_str(), b.0["vers"].as_str()));
    let mut out = String::new();
    for (entry, yanked) in sorted {
        let mut line = entry.clone();
        if let Some(m) = line.as_object_mut() {
            m.insert("yanked".into(), json!(yanked));
        }
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out
}

fn compare_versions(a: Option<&str>, b: Option<&str>) -> std::cmp::Ordering {
    let parse = |v: Option<&str>| v.and_then(|v| semver::Version::parse(v).ok());
    match (parse(a), parse(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.cmp(&b),
    }
}

/// The control plane's view of a published crate.
pub fn version_meta(meta: &NewCrate) -> VersionMeta {
    VersionMeta {
        display_name: Some(meta.name.clone()),
        summary: meta.description.clone(),
        home_page: meta.homepage.clone().or_else(|| meta.documentation.clone()),
        source_code_repository: meta.repository.clone(),
        licenses: meta.license.iter().cloned().map(License::named).collect(),
        readme: meta.readme.clone().filter(|r| !r.is_empty()),
        dependencies: meta
            .deps
            .iter()
            .map(|d| Dependency {
                namespace: None,
                package: d.name.clone(),
                dependency_type: Some(d.kind.clone()),
                version_requirement: Some(d.version_req.clone()),
            })
            .collect(),
    }
}

/// The control plane's view of an index entry fetched from an external registry (no readme,
/// description or license there).
fn entry_meta(entry: &Value) -> VersionMeta {
    let dependencies = entry["deps"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| {
            let package = d["package"].as_str().or_else(|| d["name"].as_str())?;
            Some(Dependency {
                namespace: None,
                package: package.to_string(),
                dependency_type: Some(d["kind"].as_str().unwrap_or("normal").to_string()),
                version_requirement: d["req"].as_str().map(str::to_string),
            })
        })
        .collect();
    VersionMeta {
        display_name: entry["name"].as_str().map(str::to_string),
        dependencies,
        ..VersionMeta::default()
    }
}

/// The download URL of a version from a registry's `dl` setting: its markers replaced, or
/// `/{crate}/{version}/download` appended when it has none (the registry protocol's rule).
pub fn download_url(dl: &str, name: &str, version: &str, cksum: &str) -> String {
    const MARKERS: [&str; 5] = [
        "{crate}",
        "{version}",
        "{prefix}",
        "{lowerprefix}",
        "{sha256-checksum}",
    ];
    if !MARKERS.iter().any(|m| dl.contains(m)) {
        return format!("{}/{name}/{version}/download", dl.trim_end_matches('/'));
    }
    // The prefix is the index path's directories, in the name's own case.
    let prefix = match name.len() {
        1 => "1".to_string(),
        2 => "2".to_string(),
        3 => format!("3/{}", name.get(..1).unwrap_or("")),
        _ => format!(
            "{}/{}",
            name.get(..2).unwrap_or(""),
            name.get(2..4).unwrap_or("")
        ),
    };
    dl.replace("{crate}", name)
        .replace("{version}", version)
        .replace("{prefix}", &prefix)
        .replace("{lowerprefix}", &prefix.to_ascii_lowercase())
        .replace("{sha256-checksum}", cksum)
}

// ---- serving --------------------------------------------------------------------------------

/// Upstream index files and config.json are small documents.
const MAX_UPSTREAM_DOCUMENT: usize = 16 * 1024 * 1024;

fn key(name: &str) -> PackageKey {
    PackageKey::new("cargo", None, &normalize(name))
}

/// Versions the index lists: Published, and Unlisted ones as yanked.
fn indexed(status: Status) -> bool {
    matches!(status, Status::Published | Status::Unlisted)
}

fn json_response(status: StatusCode, v: &Value) -> Response<Body> {
    super::response(status, "application/json", v.to_string())
}

/// Every failure in the shape cargo prints: `{"errors": [{"detail": ...}]}` (cargo shows the
/// details after "the remote server responded with an error").
fn error_response(e: DpError) -> Response<Body> {
    let body = json!({"errors": [{"detail": e.message}]}).to_string();
    e.into_response_as("application/json", body)
}

pub async fn serve(
    ctx: &Arc<Ctx>,
    req: Request,
    target: &Target,
) -> Result<Response<Body>, DpError> {
    Ok(match handle(ctx, req, target).await {
        Ok(resp) => resp,
        Err(e) => error_response(e),
    })
}

async fn handle(ctx: &Arc<Ctx>, req: Request, t: &Target) -> Result<Response<Body>, DpError> {
    let route = route(&t.rest)?;
    let method = req.method().clone();
    let head = method == Method::HEAD;
    let endpoint = t.endpoint(&ctx.base_url);
    match (method, route) {
        (Method::GET | Method::HEAD, Route::Config) => {
            let config = json!({
                "dl": format!("{endpoint}api/v1/crates/{{crate}}/{{version}}/download"),
                // cargo appends `/api/v1/...` to this itself.
                "api": endpoint.trim_end_matches('/'),
                "auth-required": true,
            });
            let mut resp = json_response(StatusCode::OK, &config);
            if head {
                *resp.body_mut() = Body::empty();
            }
            Ok(resp)
        }
        (Method::GET | Method::HEAD, Route::Index(name)) => {
            let text = full_index(ctx, t, &name).await?;
            let etag = format!("\"{}\"", hex::encode(Sha256::digest(text.as_bytes())));
            let unchanged = req
                .headers()
                .get(header::IF_NONE_MATCH)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.split(',').any(|tag| tag.trim() == etag));
            let mut resp = if unchanged {
                super::response(StatusCode::NOT_MODIFIED, "text/plain", Body::empty())
            } else if head {
                super::response(StatusCode::OK, "text/plain", Body::empty())
            } else {
                super::response(StatusCode::OK, "text/plain", text)
            };
            if let Ok(v) = HeaderValue::from_str(&etag) {
                resp.headers_mut().insert(header::ETAG, v);
            }
            Ok(resp)
        }
        (Method::PUT, Route::Publish) => {
            body::check_declared(req.headers(), max_publish_body(&ctx.blobs))?;
            let (meta, blob) = read_publish(&ctx.blobs, req.into_body().into_data_stream()).await?;
            publish(ctx, t, meta, blob).await?;
            Ok(json_response(
                StatusCode::OK,
                &json!({"warnings": {"invalid_categories": [], "invalid_badges": [], "other": []}}),
            ))
        }
        (Method::GET | Method::HEAD, Route::Download { name, version }) => {
            let fetch_ctx = Arc::clone(ctx);
            let t2 = t.clone();
            let (n, v) = (name.clone(), version.clone());
            let asset = repo::find_asset(
                ctx,
                t,
                key(&name),
                version.clone(),
                asset_name(&name, &version),
                repo::downloadable,
                |ext| async move { fetch_external(&fetch_ctx, &t2, &ext, &n, &v).await },
            )
            .await?;
            repo::stream_asset(ctx, &t.domain, &asset, "application/gzip", head).await
        }
        (Method::DELETE, Route::Yank { name, version }) => {
            // Yanked is Unlisted: still downloadable, no longer offered (see the top).
            repo::set_listed(ctx, t, key(&name), format!("crate {name}"), version, false).await?;
            Ok(json_response(StatusCode::OK, &json!({"ok": true})))
        }
        (Method::PUT, Route::Unyank { name, version }) => {
            repo::set_listed(ctx, t, key(&name), format!("crate {name}"), version, true).await?;
            Ok(json_response(StatusCode::OK, &json!({"ok": true})))
        }
        (_, Route::Unsupported(what)) => Err(DpError::not_found(format!(
            "{what} is not supported by CodeArtifact repositories"
        ))),
        _ => Err(DpError::method_not_allowed()),
    }
}

/// The index file served for `name`: versions in the domain (through upstreams), then those of
/// the external connection the search reaches that the domain does not have yet.
async fn full_index(ctx: &Arc<Ctx>, t: &Target, name: &str) -> Result<String, DpError> {
    let ctx2 = Arc::clone(ctx);
    let t2 = t.clone();
    let k = key(name);
    let (mut entries, ext) = super::blocking(move || {
        let (found, _) = ctx2
            .store
            .read(|conn| repo::list_versions(conn, &t2.domain, &t2.repo, &k, indexed))?;
        let ext = repo::external(&ctx2, &t2.domain, &t2.repo, &k)?;
        let entries: Vec<(Value, bool)> = found
            .into_iter()
            // A version without its entry (stored by another route) cannot be offered: cargo
            // needs the checksum and dependencies the entry holds.
            .filter_map(|l| Some((l.document?, l.version.status == Status::Unlisted)))
            .collect();
        Ok((entries, ext))
    })
    .await?;
    if let Some(ext) = ext {
        for entry in external_index(&ext, name).await? {
            let vers = entry["vers"].as_str();
            if !entries.iter().any(|(e, _)| e["vers"].as_str() == vers) {
                let yanked = entry["yanked"].as_bool().unwrap_or(false);
                entries.push((entry, yanked));
            }
        }
    }
    if entries.is_empty() {
        return Err(DpError::not_found(format!(
            "{name} is not in this repository"
        )));
    }
    Ok(index_file(&entries))
}

/// The entries of `name` in the external registry's sparse index (unparsable lines skipped,
/// as cargo skips them).
async fn external_index(ext: &External, name: &str) -> Result<Vec<Value>, DpError> {
    let Some(path) = index_path(name) else {
        return Ok(Vec::new());
    };
    let Some(body) =
        external::get_bytes(&format!("{}{path}", ext.url), None, MAX_UPSTREAM_DOCUMENT).await?
    else {
        return Ok(Vec::new());
    };
    Ok(String::from_utf8_lossy(&body)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|e| e["vers"].is_string() && e["cksum"].is_string())
        .collect())
}

/// Fetches `version` of `name` through the external connection: its index entry, the `.crate`
/// from the registry's `dl` URL (checked against the entry's checksum), then stores both.
async fn fetch_external(
    ctx: &Arc<Ctx>,
    t: &Target,
    ext: &External,
    name: &str,
    version: &str,
) -> Result<Option<Asset>, DpError> {
    let Some(mut entry) = external_index(ext, name)
        .await?
        .into_iter()
        .find(|e| e["vers"].as_str() == Some(version))
    else {
        return Ok(None);
    };
    let Some(config) = external::get_bytes(
        &format!("{}config.json", ext.url),
        Some("application/json"),
        MAX_UPSTREAM_DOCUMENT,
    )
    .await?
    else {
        return Ok(None);
    };
    let bad = |m: &str| DpError::new(StatusCode::BAD_GATEWAY, m.to_string());
    let config: Value = serde_json::from_slice(&config)
        .map_err(|_| bad("the upstream registry's config.json is not JSON"))?;
    let dl = config["dl"]
        .as_str()
        .ok_or_else(|| bad("the upstream registry's config.json has no dl URL"))?;
    let cksum = entry["cksum"].as_str().unwrap_or_default().to_string();
    let crate_name = entry["name"].as_str().unwrap_or(name).to_string();
    let url = external::join(&ext.url, &download_url(dl, &crate_name, version, &cksum))?;
    let Some(blob) = external::get_to_blob(ctx, &url).await? else {
        return Ok(None);
    };
    let hashes = BlobHashes::of_staged(&blob)?;
    if !cksum.eq_ignore_ascii_case(&hashes.sha256) {
        return Err(bad(&format!(
            "the upstream .crate of {crate_name} {version} does not match its checksum"
        )));
    }
    if let Some(m) = entry.as_object_mut() {
        m.remove("yanked");
    }
    let fetched = repo::Fetched {
        key: key(name),
        version: version.to_string(),
        asset: asset_name(name, version),
        blob,
        hashes,
        meta: entry_meta(&entry),
        document: Some(entry),
    };
    repo::save_external(ctx, t, ext, fetched).await
}

/// Stores a read publish. The bytes were staged and hashed before the store lock is taken; a
/// refused publish drops them.
async fn publish(
    ctx: &Arc<Ctx>,
    t: &Target,
    meta: NewCrate,
    blob: StagedBlob,
) -> Result<(), DpError> {
    let hashes = BlobHashes::of_staged(&blob)?;
    let entry = index_entry(&meta, &hashes.sha256);
    let ctx2 = Arc::clone(ctx);
    let t = t.clone();
    super::blocking(move || {
        let k = key(&meta.name);
        let new = repo::NewVersion {
            key: &k,
            version: &meta.vers,
            asset: &asset_name(&meta.name, &meta.vers),
            blob: &blob,
            hashes: &hashes,
            meta: &version_meta(&meta),
            document: &entry,
        };
        ctx2.store.write(|tx| {
            repo::publish_version(&ctx2, tx, &t.domain, &t.repo, &new, |pkg| {
                // One stored package, one spelling: cargo matches index entries by the exact
                // name, so a `Foo` entry next to a `foo` one would hide versions from one of
                // them. crates.io refuses the same way.
                for existing in packages::versions(tx, pkg.id)? {
                    if let Some(doc) = documents::get(tx, existing.id)?
                        && let Some(spelled) = doc["name"].as_str()
                        && spelled != meta.name
                    {
                        return Err(ApiError::validation(format!(
                            "crate was previously named `{spelled}`; publish it under that name"
                        )));
                    }
                }
                Ok(())
            })
        })?;
        Ok(())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_paths_follow_the_sparse_layout() {
        assert_eq!(index_path("a").as_deref(), Some("1/a"));
        assert_eq!(index_path("AB").as_deref(), Some("2/ab"));
        assert_eq!(index_path("abc").as_deref(), Some("3/a/abc"));
        assert_eq!(
            index_path("Serde_JSON").as_deref(),
            Some("se/rd/serde_json")
        );
        assert_eq!(index_path("cargo").as_deref(), Some("ca/rg/cargo"));
        for bad in ["", "1abc", "-a", "a b", "é", "a/b", "..", &"a".repeat(65)] {
            assert_eq!(index_path(bad), None, "{bad:?}");
        }
        assert!(valid_name(&"a".repeat(64)));
    }

    #[test]
    fn routes_cover_the_index_and_the_web_api() {
        assert_eq!(route("config.json").unwrap(), Route::Config);
        assert_eq!(route("1/a").unwrap(), Route::Index("a".into()));
        assert_eq!(route("3/f/foo").unwrap(), Route::Index("foo".into()));
        assert_eq!(
            route("se/rd/serde_json").unwrap(),
            Route::Index("serde_json".into())
        );
        assert_eq!(route("api/v1/crates/new").unwrap(), Route::Publish);
        assert_eq!(
            route("api/v1/crates/My_Crate/1.0.0-rc.1/download").unwrap(),
            Route::Download {
                name: "My_Crate".into(),
                version: "1.0.0-rc.1".into()
            }
        );
        assert_eq!(
            route("api/v1/crates/foo/1.0.0/yank").unwrap(),
            Route::Yank {
                name: "foo".into(),
                version: "1.0.0".into()
            }
        );
        assert_eq!(
            route("api/v1/crates/foo/1.0.0/unyank").unwrap(),
            Route::Unyank {
                name: "foo".into(),
                version: "1.0.0".into()
            }
        );
        assert_eq!(
            route("api/v1/crates/foo/owners").unwrap(),
            Route::Unsupported("cargo owner")
        );
        assert_eq!(
            route("api/v1/crates").unwrap(),
            Route::Unsupported("cargo search")
        );
        for bad in [
            "",
            "1/ab",
            "2/a",
            "3/b/foo",
            "fo/ox/foobar",
            "se/rd/Serde_json",
            "3/f/f%6fo%2f",
            "api/v2/crates/new",
            "api/v1/crates/..%2f/1.0.0/download",
            "%ff",
            "a/b/c/d",
        ] {
            assert!(route(bad).is_err(), "{bad}");
        }
    }

    fn body(json: &[u8], tarball: &[u8]) -> Vec<u8> {
        let mut b = Vec::new();
        b.extend_from_slice(&(json.len() as u32).to_le_bytes());
        b.extend_from_slice(json);
        b.extend_from_slice(&(tarball.len() as u32).to_le_bytes());
        b.extend_from_slice(tarball);
        b
    }

    fn metadata() -> Value {
        json!({
            "name": "My-Crate", "vers": "0.2.0", "description": "d", "license": "MIT OR Apache-2.0",
            "readme": "# hi", "repository": "https://r", "links": null, "rust_version": "1.70",
            "authors": [], "keywords": [], "categories": [], "badges": {}, "readme_file": "README.md",
            "features": {"default": ["std"], "std": [], "json": ["dep:serde_json", "serde?/std"]},
            "deps": [
                {"name": "zeta", "version_req": "^1.0", "features": [], "optional": false,
                 "default_features": true, "target": null, "kind": "normal", "registry": null,
                 "explicit_name_in_toml": null},
                {"name": "real-name", "version_req": "=0.1.0", "features": ["x"], "optional": true,
                 "default_features": false, "target": "cfg(unix)", "kind": "dev",
                 "registry": "sparse+http://other/", "explicit_name_in_toml": "alias"}
            ]
        })
    }

    /// Runs `read_publish` over `body` delivered in chunks of 3 bytes.
    async fn read(body: &[u8], max_asset: u64) -> Result<(NewCrate, Vec<u8>), DpError> {
        let dir = tempfile::tempdir().unwrap();
        let blobs = BlobStore::open(dir.path().join("blobs"))
            .unwrap()
            .with_max_asset_bytes(max_asset);
        let chunks: Vec<Result<axum::body::Bytes, std::convert::Infallible>> = body
            .chunks(3)
            .map(|c| Ok(axum::body::Bytes::copy_from_slice(c)))
            .collect();
        let (meta, blob) = read_publish(&blobs, futures_util::stream::iter(chunks)).await?;
        Ok((meta, std::fs::read(blob.path()).unwrap()))
    }

    #[tokio::test]
    async fn publish_bodies_parse_into_metadata_and_crate_bytes() {
        let json = metadata().to_string();
        let b = body(json.as_bytes(), b"crate bytes");
        let (meta, tarball) = read(&b, 100).await.unwrap();
        assert_eq!(tarball, b"crate bytes");
        assert_eq!(meta.name, "My-Crate");
        assert_eq!(meta.deps.len(), 2);
        assert_eq!(meta.deps[1].explicit_name_in_toml.as_deref(), Some("alias"));
        // Over the asset quota: 413 before the bytes are all read.
        let e = read(&b, 5).await.unwrap_err();
        assert_eq!(e.status, StatusCode::PAYLOAD_TOO_LARGE);
    }

    #[tokio::test]
    async fn malformed_publish_bodies_are_clear_400s() {
        let json = metadata().to_string();
        let good = body(json.as_bytes(), b"crate");
        let mut cases: Vec<(Vec<u8>, &str)> = vec![
            (Vec::new(), "ends before the length of the metadata"),
            (vec![1, 0], "ends before the length of the metadata"),
            (
                good[..good.len() - 1].to_vec(),
                "announces a .crate file of 5 bytes",
            ),
            (
                good[..4 + json.len() + 2].to_vec(),
                "ends before the length of the .crate",
            ),
            (
                [good.clone(), b"x".to_vec()].concat(),
                "1 bytes after the .crate",
            ),
            (
                vec![9, 0, 0, 0, b'{'],
                "announces a metadata of 9 bytes but holds 1",
            ),
            (body(b"not json", b"c"), "metadata is not valid"),
            (body(b"{}", b"c"), "metadata is not valid"),
            (body(json.as_bytes(), b""), "is empty"),
        ];
        let mut with = |f: &dyn Fn(&mut Value), msg: &'static str| {
            let mut m = metadata();
            f(&mut m);
            cases.push((body(m.to_string().as_bytes(), b"c"), msg));
        };
        with(&|m| m["name"] = json!("1bad"), "invalid crate name");
        with(&|m| m["vers"] = json!("1.0"), "invalid version");
        with(
            &|m| m["deps"][0]["version_req"] = json!("~>1"),
            "invalid version requirement",
        );
        with(
            &|m| m["deps"][0]["name"] = json!("a b"),
            "invalid dependency name",
        );
        with(&|m| m["deps"][0]["kind"] = json!("peer"), "invalid kind");
        for (b, msg) in cases {
            let e = read(&b, 100).await.unwrap_err();
            assert_eq!(e.status, StatusCode::BAD_REQUEST, "{msg}");
            assert!(e.message.contains(msg), "{:?} lacks {msg:?}", e.message);
        }
        // A metadata length no publish needs is refused before it is read.
        let e = read(&[0xff, 0xff, 0xff, 0xff, 0], 100).await.unwrap_err();
        assert_eq!(e.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(
            e.message.contains("announces a metadata of 4294967295"),
            "{}",
            e.message
        );
    }

    #[test]
    fn index_entries_follow_crates_io() {
        let meta: NewCrate = serde_json::from_value(metadata()).unwrap();
        let e = index_entry(&meta, "abc123");
        assert_eq!(e["name"], "My-Crate");
        assert_eq!(e["vers"], "0.2.0");
        assert_eq!(e["cksum"], "abc123");
        assert_eq!(e["v"], 2);
        assert_eq!(e["features"], json!({"default": ["std"], "std": []}));
        assert_eq!(
            e["features2"],
            json!({"json": ["dep:serde_json", "serde?/std"]})
        );
        assert_eq!(e["rust_version"], "1.70");
        assert_eq!(e["links"], Value::Null);
        // Sorted by name; the renamed one under its Cargo.toml name.
        assert_eq!(
            e["deps"][0],
            json!({"name": "alias", "req": "=0.1.0", "features": ["x"], "optional": true,
                   "default_features": false, "target": "cfg(unix)", "kind": "dev",
                   "registry": "sparse+http://other/", "package": "real-name"})
        );
        assert_eq!(
            e["deps"][1],
            json!({"name": "zeta", "req": "^1.0", "features": [], "optional": false,
                   "default_features": true, "target": null, "kind": "normal"})
        );
        let plain: NewCrate =
            serde_json::from_value(json!({"name": "a", "vers": "1.0.0"})).unwrap();
        let e = index_entry(&plain, "00");
        assert!(e.get("v").is_none() && e.get("features2").is_none());

        let m = version_meta(&meta);
        assert_eq!(m.display_name.as_deref(), Some("My-Crate"));
        assert_eq!(m.licenses[0].name.as_deref(), Some("MIT OR Apache-2.0"));
        assert_eq!(m.dependencies[1].package, "real-name");
        assert_eq!(m.dependencies[1].dependency_type.as_deref(), Some("dev"));
        // The same dependencies come back from an index entry (which sorts them by name).
        let mut from_entry = entry_meta(&index_entry(&meta, "0")).dependencies;
        let mut from_publish = m.dependencies.clone();
        from_entry.sort_by(|a, b| a.package.cmp(&b.package));
        from_publish.sort_by(|a, b| a.package.cmp(&b.package));
        assert_eq!(from_entry, from_publish);
    }

    #[test]
    fn index_files_sort_versions_and_mark_yanked_ones() {
        let v = |vers: &str| json!({"name": "a", "vers": vers, "deps": [], "cksum": "0"});
        let text = index_file(&[
            (v("1.10.0"), false),
            (v("1.9.0"), true),
            (v("0.1.0"), false),
        ]);
        let lines: Vec<Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let order: Vec<&str> = lines.iter().map(|l| l["vers"].as_str().unwrap()).collect();
        assert_eq!(order, ["0.1.0", "1.9.0", "1.10.0"]);
        assert_eq!(lines[1]["yanked"], true);
        assert_eq!(lines[2]["yanked"], false);
        assert!(text.ends_with('\n'));
    }

    #[test]
    fn download_urls_follow_the_dl_template() {
        assert_eq!(
            download_url("http://h/api/v1/crates", "Foo", "1.0.0", "ab"),
            "http://h/api/v1/crates/Foo/1.0.0/download"
        );
        assert_eq!(
            download_url(
                "http://h/{prefix}/{lowerprefix}/{crate}-{version}.crate?{sha256-checksum}",
                "FooBar",
                "1.0.0",
                "ab"
            ),
            "http://h/Fo/oB/fo/ob/FooBar-1.0.0.crate?ab"
        );
        assert_eq!(
            download_url("http://h/{prefix}/{crate}", "ab", "1", ""),
            "http://h/2/ab"
        );
        assert_eq!(asset_name("My-Crate", "1.0.0"), "my-crate-1.0.0.crate");
    }
}
