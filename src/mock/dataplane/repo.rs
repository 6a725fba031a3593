//! What every format does with the store: find versions through a repository's upstreams,
//! retain what it found, keep the format's own per-version document, stage uploads and stream
//! assets back.
//!
//! Upstream semantics (reference/data-plane.md): the requesting repository first, then its
//! upstreams depth first in list order, at most 25 repositories, first hit wins; a version
//! served from upstream is retained in the requesting repository. Listing (packuments, simple
//! pages, maven-metadata.xml) merges versions over the same order without retaining anything.

use std::future::Future;
use std::sync::Arc;

use axum::body::Body;
use axum::http::{HeaderValue, Response, StatusCode, header};
use rusqlite::Connection;
use serde_json::Value;
use tokio_util::io::ReaderStream;

use super::external::{self, External};
use super::{DpError, Target};
use crate::mock::Ctx;
use crate::mock::blobs::StagedBlob;
use crate::mock::error::ApiError;
use crate::mock::store::documents;
use crate::mock::store::packages::{
    self as store, Asset, BlobHashes, PackageKey, Status, Upstream, Version, VersionMeta,
};

/// The repositories a request to `repo` may take `key` from, in search order: `repo` itself,
/// then its upstreams unless origin controls or package groups refuse them.
pub fn search_order(
    conn: &Connection,
    domain: &str,
    repo: &str,
    key: &PackageKey,
) -> Result<Vec<String>, ApiError> {
    let order = store::upstream_search_order(conn, domain, repo)?;
    if order.len() > 1
        && store::may_fetch_upstream(conn, domain, repo, key, Upstream::Internal).is_err()
    {
        return Ok(vec![repo.to_string()]);
    }
    Ok(order)
}

/// A version as listed: where it was found and its document.
pub struct Listed {
    pub version: Version,
    pub document: Option<Value>,
}

/// npm dist-tags: (tag, version).
pub type DistTags = Vec<(String, String)>;

/// Every version of `key` visible from `repo` whose status `listed` accepts, merged over the
/// search order (first repository holding a version string wins it), and the dist-tags of the
/// first repository holding each tag.
pub fn list_versions(
    conn: &Connection,
    domain: &str,
    repo: &str,
    key: &PackageKey,
    listed: impl Fn(Status) -> bool,
) -> Result<(Vec<Listed>, DistTags), ApiError> {
    let mut out: Vec<Listed> = Vec::new();
    let mut tags: DistTags = Vec::new();
    for r in search_order(conn, domain, repo, key)? {
        let Some(pkg) = store::find_package(conn, domain, &r, key)? else {
            continue;
        };
        for v in store::versions(conn, pkg.id)? {
            if listed(v.status) && !out.iter().any(|l| l.version.version == v.version) {
                out.push(Listed {
                    document: documents::get(conn, v.id)?,
                    version: v,
                });
            }
        }
        for (tag, version) in store::dist_tags(conn, pkg.id)? {
            if !tags.iter().any(|(t, _)| *t == tag) {
                tags.push((tag, version));
            }
        }
    }
    Ok((out, tags))
}

/// Finds asset `name` of `version` of `key` for download from `repo` (statuses `servable`
/// accepts), searching upstreams; a version found upstream is retained in `repo` (with its
/// document) before it is returned, so it stays available if the upstream goes away. A version
/// retained earlier with fewer files (PyPI, Maven) gets the upstream's files too.
pub fn resolve_asset(
    ctx: &Ctx,
    domain: &str,
    repo: &str,
    key: &PackageKey,
    version: &str,
    name: &str,
    servable: impl Fn(Status) -> bool,
) -> Result<Option<Asset>, ApiError> {
    // The common case, the file already in `repo`, only reads.
    let local = ctx.store.read(|conn| {
        let Some(pkg) = store::find_package(conn, domain, repo, key)? else {
            return Ok(None);
        };
        let Some(v) = store::find_version(conn, pkg.id, version)? else {
            return Ok(None);
        };
        let asset = store::assets(conn, v.id)?
            .into_iter()
            .find(|a| a.name == name);
        Ok(Some((v, asset)))
    })?;
    match local {
        Some((v, _)) if !servable(v.status) => return Ok(None),
        Some((_, Some(asset))) => return Ok(Some(asset)),
        _ => {}
    }
    ctx.store.write(|tx| {
        for r in search_order(tx, domain, repo, key)?.iter().skip(1) {
            let Some(pkg) = store::find_package(tx, domain, r, key)? else {
                continue;
            };
            let Some(v) = store::find_version(tx, pkg.id, version)? else {
                continue;
            };
            // An Unfinished version is still being published into its repository; only that
            // repository serves it (a copy retained now would stay Unfinished downstream).
            if !servable(v.status) || v.status == Status::Unfinished {
                return Ok(None);
            }
            let Some(asset) = store::assets(tx, v.id)?
                .into_iter()
                .find(|a| a.name == name)
            else {
                continue;
            };
            keep(ctx, tx, domain, repo, &pkg, &v)?;
            return Ok(Some(asset));
        }
        Ok(None)
    })
}

/// Retains `source` (of `source_package`, in another repository) in `repo`, with its document
/// and every asset it has.
pub fn keep(
    ctx: &Ctx,
    tx: &Connection,
    domain: &str,
    repo: &str,
    source_package: &store::Package,
    source: &Version,
) -> Result<Version, ApiError> {
    let kept = store::retain(ctx, tx, domain, repo, source_package, source)?;
    let have = store::assets(tx, kept.id)?.len();
    if have < store::assets(tx, source.id)?.len() {
        store::share_assets(ctx, tx, source.id, kept.id)?;
    }
    if let Some(doc) = documents::get(tx, source.id)? {
        documents::set(tx, kept.id, &doc)?;
    }
    Ok(kept)
}

/// Where `repo` may fetch `key` from outside the domain, if anywhere.
pub fn external(
    ctx: &Ctx,
    domain: &str,
    repo: &str,
    key: &PackageKey,
) -> Result<Option<External>, ApiError> {
    ctx.store.read(|conn| {
        let order = search_order(conn, domain, repo, key)?;
        external::find(ctx, conn, domain, repo, key, &order)
    })
}

/// A version fetched through an external connection.
pub struct Fetched {
    pub key: PackageKey,
    pub version: String,
    pub asset: String,
    pub blob: StagedBlob,
    pub hashes: BlobHashes,
    pub meta: VersionMeta,
    pub document: Option<Value>,
}

/// `store_external` off the async threads: what every format does once it has fetched a file.
pub async fn save_external(
    ctx: &Arc<Ctx>,
    t: &Target,
    ext: &External,
    f: Fetched,
) -> Result<Option<Asset>, DpError> {
    let (ctx, t, ext) = (Arc::clone(ctx), t.clone(), ext.clone());
    super::blocking(move || Ok(Some(store_external(&ctx, &t.domain, &t.repo, &ext, &f)?))).await
}

/// Stores a fetched version in the repository holding the external connection (origin
/// EXTERNAL, Published), then retains it in `repo`. Returns the asset.
pub fn store_external(
    ctx: &Ctx,
    domain: &str,
    repo: &str,
    ext: &External,
    f: &Fetched,
) -> Result<Asset, ApiError> {
    let key = &f.key;
    ctx.store.write(|tx| {
        let pkg = store::ensure_package(tx, domain, &ext.repo, key, store::Via::Upstream)?;
        let origin = store::Origin::External {
            connection: ext.connection.clone(),
        };
        let (v, created) =
            store::ensure_version(ctx, tx, &pkg, &f.version, origin, Status::Published)?;
        let asset = store::add_asset(ctx, tx, domain, v.id, &f.asset, &f.blob, &f.hashes)?;
        if created {
            store::set_metadata(ctx, tx, v.id, &f.meta)?;
        }
        if let Some(doc) = &f.document {
            documents::set(tx, v.id, doc)?;
        }
        if ext.repo != repo {
            let v = store::find_version(tx, pkg.id, &f.version)?.unwrap_or(v);
            keep(ctx, tx, domain, repo, &pkg, &v)?;
        }
        Ok(asset)
    })
}

/// `resolve_asset` off the async threads; when nothing in the domain has the file, `fetch`
/// gets it through the external connection the search reaches, if any.
pub async fn find_asset<F, Fut>(
    ctx: &Arc<Ctx>,
    t: &Target,
    key: PackageKey,
    version: String,
    name: String,
    servable: fn(Status) -> bool,
    fetch: F,
) -> Result<Asset, DpError>
where
    F: FnOnce(External) -> Fut,
    Fut: Future<Output = Result<Option<Asset>, DpError>>,
{
    let ctx2 = Arc::clone(ctx);
    let t2 = t.clone();
    let (k, v, n) = (key.clone(), version.clone(), name.clone());
    let found = super::blocking(move || {
        if let Some(a) = resolve_asset(&ctx2, &t2.domain, &t2.repo, &k, &v, &n, servable)? {
            return Ok(Ok(a));
        }
        Ok(Err(external(&ctx2, &t2.domain, &t2.repo, &k)?))
    })
    .await?;
    let missing = || {
        DpError::not_found(format!(
            "{name} of version {version} is not in this repository"
        ))
    };
    match found {
        Ok(asset) => Ok(asset),
        Err(None) => Err(missing()),
        Err(Some(ext)) => fetch(ext).await?.ok_or_else(missing),
    }
}

/// Streams an asset from disk (never buffered whole), with its length.
pub async fn stream_asset(
    ctx: &Ctx,
    domain: &str,
    asset: &Asset,
    content_type: &'static str,
    head: bool,
) -> Result<Response<Body>, DpError> {
    let path = ctx.blobs.path(domain, &asset.sha256)?;
    let body = if head {
        Body::empty()
    } else {
        let file = tokio::fs::File::open(&path).await?;
        Body::from_stream(ReaderStream::with_capacity(file, 64 * 1024))
    };
    let mut resp = Response::new(body);
    *resp.status_mut() = StatusCode::OK;
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(asset.size));
    if let Ok(etag) = HeaderValue::from_str(&format!("\"{}\"", asset.sha256)) {
        h.insert(header::ETAG, etag);
    }
    Ok(resp)
}

/// Stages one part of an upload form (a .nupkg, a source archive): over the asset quota is a
/// 413, a body that breaks off a 400 naming `what`.
pub async fn stage_part(
    ctx: &Ctx,
    part: multer::Field<'static>,
    what: &str,
) -> Result<StagedBlob, DpError> {
    ctx.blobs
        .stage(Box::pin(part))
        .await
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::FileTooLarge => DpError::from(e),
            _ => DpError::bad_request(format!("reading {what}: {e}")),
        })
}

/// What a client publishes directly: one version with its one asset.
pub struct NewVersion<'a> {
    pub key: &'a PackageKey,
    pub version: &'a str,
    pub asset: &'a str,
    pub blob: &'a StagedBlob,
    pub hashes: &'a BlobHashes,
    pub meta: &'a VersionMeta,
    pub document: &'a Value,
}

/// Publishes `v` into `repo` inside the caller's transaction: origin controls and package groups
/// first, then the package (publish ALLOW / upstream BLOCK when new), `check` on it (a format's
/// own refusals), the version (INTERNAL, Published) and its asset; the metadata and document are
/// set when the version is new. The same bytes again change nothing; other bytes are a 409
/// (`add_asset`).
pub fn publish_version(
    ctx: &Ctx,
    tx: &Connection,
    domain: &str,
    repo: &str,
    v: &NewVersion<'_>,
    check: impl FnOnce(&store::Package) -> Result<(), ApiError>,
) -> Result<(), ApiError> {
    store::may_publish(tx, domain, repo, v.key)?;
    let pkg = store::ensure_package(tx, domain, repo, v.key, store::Via::Publish)?;
    check(&pkg)?;
    let origin = store::Origin::published(repo);
    let (ver, created) =
        store::ensure_version(ctx, tx, &pkg, v.version, origin, Status::Published)?;
    store::add_asset(ctx, tx, domain, ver.id, v.asset, v.blob, v.hashes)?;
    if created {
        store::set_metadata(ctx, tx, ver.id, v.meta)?;
        documents::set(tx, ver.id, v.document)?;
    }
    Ok(())
}

/// What clients call unlisting (`cargo yank`, `nuget delete`): Published -> Unlisted, and back
/// (`cargo yank --undo`, NuGet's relist), on the version in `t`'s repository only. Asking for
/// the state a version is already in succeeds; other statuses are a 409. `what` names the
/// package in messages (`crate foo`).
pub async fn set_listed(
    ctx: &Arc<Ctx>,
    t: &Target,
    key: PackageKey,
    what: String,
    version: String,
    listed: bool,
) -> Result<(), DpError> {
    let ctx2 = Arc::clone(ctx);
    let t = t.clone();
    super::blocking(move || {
        ctx2.store.write(|tx| {
            let missing = || {
                ApiError::not_found(
                    "package-version",
                    &version,
                    format!("version {version} of {what} is not in this repository"),
                )
            };
            let pkg = store::find_package(tx, &t.domain, &t.repo, &key)?.ok_or_else(missing)?;
            let v = store::find_version(tx, pkg.id, &version)?.ok_or_else(missing)?;
            let target = match (listed, v.status) {
                (false, Status::Published | Status::Unlisted) => Status::Unlisted,
                (true, Status::Published | Status::Unlisted) => Status::Published,
                (_, other) => {
                    return Err(ApiError::conflict(
                        "package-version",
                        &version,
                        format!(
                            "version {version} of {what} is {}: only Published and Unlisted \
                             versions can be unlisted or listed again",
                            other.as_str()
                        ),
                    ));
                }
            };
            if target != v.status {
                store::set_status(tx, v.id, target)?;
            }
            Ok(())
        })?;
        Ok(())
    })
    .await
}

/// Whether a version may be downloaded: everything but Archived, Disposed and Deleted (Unlisted
/// stays downloadable, only leaving listings).
pub fn downloadable(status: Status) -> bool {
    matches!(status, Status::Published | Status::Unlisted)
}

pub fn listed(status: Status) -> bool {
    status == Status::Published
}
