//! Packages, their versions, assets, blob records and dist-tags, as the control plane handlers
//! and the data plane (npm, PyPI, Maven...) both see them: the package tables of migration 2
//! (package groups are `groups.rs`); everything above works with the types here.
//!
//! Every function takes a `&Connection`; callers run them inside `ctx.store.write(|tx| ...)` (a
//! `Transaction` derefs to a `Connection`), so one request's changes commit together. Typical
//! data-plane publish:
//!
//! ```ignore
//! let staged = ctx.blobs.stage(body).await?;            // outside the store lock
//! let hashes = BlobHashes::of_staged(&staged)?;          // MD5/SHA-1/SHA-512, also outside
//! ctx.store.write(|tx| {
//!     let key = PackageKey::new("npm", Some("scope"), "name");
//!     may_publish(tx, domain, repo, &key)?;
//!     let pkg = ensure_package(tx, domain, repo, &key, Via::Publish)?;
//!     let (v, _) = ensure_version(ctx, tx, &pkg, "1.0.0", Origin::published(repo), Status::Published)?;
//!     set_metadata(ctx, tx, v.id, &meta)?;
//!     add_asset(ctx, tx, domain, v.id, "name-1.0.0.tgz", &staged, &hashes)?;   // 409 on other bytes
//!     Ok(())
//! })?;
//! ```
//!
//! Reads for packuments / simple pages / maven-metadata: `package_view` (or `find_package`,
//! `versions`, `assets`), then `open_asset`. Upstream search: `upstream_search_order`, `external_connection`,
//! `may_fetch_upstream`, then `retain` to keep a version found upstream in the requesting
//! repository. Whatever deletes versions or assets calls `collect_garbage` in the transaction and
//! `remove_blobs` after the commit (`Store::write_then`), so bytes are removed only once nothing
//! refers to them.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use base64::Engine;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use sha2::Digest;

use crate::mock::Ctx;
use crate::mock::blobs::StagedBlob;
use crate::mock::error::ApiError;
use crate::mock::groups;

/// A package's coordinates. `namespace` is `None` for packages without one (PyPI, unscoped npm).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageKey {
    pub format: String,
    pub namespace: Option<String>,
    pub name: String,
}

impl PackageKey {
    pub fn new(format: &str, namespace: Option<&str>, name: &str) -> Self {
        PackageKey {
            format: format.to_string(),
            namespace: namespace.filter(|n| !n.is_empty()).map(str::to_string),
            name: name.to_string(),
        }
    }

    /// The namespace as stored: '' for none.
    fn ns(&self) -> &str {
        self.namespace.as_deref().unwrap_or("")
    }
}

#[derive(Debug, Clone)]
pub struct Package {
    pub id: i64,
    pub domain: String,
    pub repository: String,
    pub key: PackageKey,
    /// Origin controls: `ALLOW` or `BLOCK`.
    pub publish: String,
    pub upstream: String,
}

/// How a package first came to a repository; decides its default origin controls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// Published directly: publish ALLOW, upstream BLOCK.
    Publish,
    /// Found in an upstream or external connection: publish BLOCK, upstream ALLOW.
    Upstream,
    /// Origin configuration set before any version exists: the caller sets both.
    Configuration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Published,
    Unfinished,
    Unlisted,
    Archived,
    Disposed,
    Deleted,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Published => "Published",
            Status::Unfinished => "Unfinished",
            Status::Unlisted => "Unlisted",
            Status::Archived => "Archived",
            Status::Disposed => "Disposed",
            Status::Deleted => "Deleted",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Some(match s {
            "Published" => Status::Published,
            "Unfinished" => Status::Unfinished,
            "Unlisted" => Status::Unlisted,
            "Archived" => Status::Archived,
            "Disposed" => Status::Disposed,
            "Deleted" => Status::Deleted,
            _ => return None,
        })
    }
}

/// Where a version entered the domain (`PackageVersionOrigin`): published into a repository
/// (INTERNAL) or fetched through an external connection (EXTERNAL). Kept when the version is
/// retained downstream or copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Internal { repository: String },
    External { connection: String },
}

impl Origin {
    pub fn published(repository: &str) -> Origin {
        Origin::Internal {
            repository: repository.to_string(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct License {
    pub name: Option<String>,
    pub url: Option<String>,
}

impl License {
    /// A license known by name only (an SPDX expression or a free-form name), as npm, PyPI,
    /// cargo and RubyGems declare theirs.
    pub fn named(name: String) -> License {
        License {
            name: Some(name),
            url: None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dependency {
    pub namespace: Option<String>,
    pub package: String,
    /// Format-specific: npm `regular`/`dev`/`peer`/`optional`, Maven scopes, PyPI extras...
    pub dependency_type: Option<String>,
    pub version_requirement: Option<String>,
}

/// What the package's own metadata says about a version. Empty for generic packages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VersionMeta {
    pub display_name: Option<String>,
    pub summary: Option<String>,
    pub home_page: Option<String>,
    pub source_code_repository: Option<String>,
    pub licenses: Vec<License>,
    pub readme: Option<String>,
    pub dependencies: Vec<Dependency>,
}

#[derive(Debug, Clone)]
pub struct Version {
    pub id: i64,
    pub package_id: i64,
    pub version: String,
    /// Changes whenever the version's assets or metadata change (not its status).
    pub revision: String,
    pub status: Status,
    pub origin: Origin,
    pub published_ms: i64,
    pub meta: VersionMeta,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    pub name: String,
    pub size: u64,
    pub md5: String,
    pub sha1: String,
    pub sha256: String,
    pub sha512: String,
}

/// The hashes the service reports for an asset, computed once when its bytes arrive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlobHashes {
    pub size: u64,
    pub md5: String,
    pub sha1: String,
    pub sha256: String,
    pub sha512: String,
}

impl BlobHashes {
    /// Reads the file once, computing all four hashes.
    pub fn of_path(path: &Path) -> io::Result<BlobHashes> {
        let mut file = File::open(path)?;
        let mut md5 = md5::Md5::new();
        let mut sha1 = sha1::Sha1::new();
        let mut sha256 = sha2::Sha256::new();
        let mut sha512 = sha2::Sha512::new();
        let mut buf = vec![0u8; 256 * 1024];
        let mut size = 0u64;
        loop {
            let n = file.read(&mut buf)?;
            if n == 0 {
                break;
            }
            let chunk = &buf[..n];
            md5.update(chunk);
            sha1.update(chunk);
            sha256.update(chunk);
            sha512.update(chunk);
            size += n as u64;
        }
        Ok(BlobHashes {
            size,
            md5: hex::encode(md5.finalize()),
            sha1: hex::encode(sha1.finalize()),
            sha256: hex::encode(sha256.finalize()),
            sha512: hex::encode(sha512.finalize()),
        })
    }

    /// The hashes `BlobStore::stage` computed while receiving the bytes (no second read).
    pub fn of_staged(staged: &StagedBlob) -> io::Result<BlobHashes> {
        Ok(BlobHashes {
            size: staged.size,
            md5: staged.md5.clone(),
            sha1: staged.sha1.clone(),
            sha256: staged.sha256.clone(),
            sha512: staged.sha512.clone(),
        })
    }

    /// The same from a payload described by `BlobStore::staged_json`.
    pub fn of_staged_json(staged: &serde_json::Value) -> Option<BlobHashes> {
        let text = |k: &str| staged[k].as_str().map(str::to_string);
        Some(BlobHashes {
            size: staged["size"].as_u64()?,
            md5: text("md5")?,
            sha1: text("sha1")?,
            sha256: text("sha256")?,
            sha512: text("sha512")?,
        })
    }
}

/// A new opaque revision (base64 of 32 bytes, like the service's).
pub fn new_revision(ctx: &Ctx) -> String {
    base64::engine::general_purpose::STANDARD.encode(ctx.unique_bytes::<32>())
}

// ---- packages ---------------------------------------------------------------------------------

const PACKAGE_COLUMNS: &str = "id, domain, repository, format, namespace, name, publish, upstream";

fn package_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Package> {
    let ns: String = r.get(4)?;
    Ok(Package {
        id: r.get(0)?,
        domain: r.get(1)?,
        repository: r.get(2)?,
        key: PackageKey {
            format: r.get(3)?,
            namespace: (!ns.is_empty()).then_some(ns),
            name: r.get(5)?,
        },
        publish: r.get(6)?,
        upstream: r.get(7)?,
    })
}

pub fn find_package(
    conn: &Connection,
    domain: &str,
    repository: &str,
    key: &PackageKey,
) -> Result<Option<Package>, ApiError> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {PACKAGE_COLUMNS} FROM packages
                 WHERE domain = ?1 AND repository = ?2 AND format = ?3 AND namespace = ?4 AND name = ?5"
            ),
            params![domain, repository, key.format, key.ns(), key.name],
            package_row,
        )
        .optional()?)
}

/// Every package of a repository, ordered by format, namespace, name.
pub fn packages_in(
    conn: &Connection,
    domain: &str,
    repository: &str,
) -> Result<Vec<Package>, ApiError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PACKAGE_COLUMNS} FROM packages WHERE domain = ?1 AND repository = ?2
         ORDER BY format, namespace, name"
    ))?;
    Ok(stmt
        .query_map([domain, repository], package_row)?
        .collect::<Result<_, _>>()?)
}

/// ListPackages' filters; `None` matches everything.
#[derive(Debug, Clone, Default)]
pub struct PackageFilter<'a> {
    pub format: Option<&'a str>,
    /// A prefix of the namespace, as the API documents.
    pub namespace_prefix: Option<&'a str>,
    pub name_prefix: Option<&'a str>,
    pub publish: Option<&'a str>,
    pub upstream: Option<&'a str>,
}

/// One package row of a listing, borrowed from SQLite: a page is written out row by row without
/// copying each row into a `Package` first.
pub struct PackageRowRef<'r> {
    pub format: &'r str,
    /// Empty when the package has none.
    pub namespace: &'r str,
    pub name: &'r str,
    pub publish: &'r str,
    pub upstream: &'r str,
}

/// Visits one page of a repository's packages matching `filter`, ordered by (format, namespace,
/// name), starting after that key: keyset pagination on the unique index, so a page costs the
/// same however many packages the repository holds. Returns how many rows it visited.
pub fn packages_page(
    conn: &Connection,
    domain: &str,
    repository: &str,
    filter: &PackageFilter<'_>,
    after: Option<(&str, &str, &str)>,
    limit: usize,
    mut visit: impl FnMut(&PackageRowRef<'_>),
) -> Result<usize, ApiError> {
    // The first page starts after ('', '', ''), below every key: one form of the query, so
    // SQLite seeks the index to the page's start instead of scanning from the beginning.
    let (af, an, am) = after.unwrap_or(("", "", ""));
    let mut stmt = conn.prepare_cached(
        "SELECT format, namespace, name, publish, upstream FROM packages
         WHERE domain = ?1 AND repository = ?2
           AND (?3 IS NULL OR format = ?3)
           AND (?4 IS NULL OR substr(namespace, 1, length(?4)) = ?4)
           AND (?5 IS NULL OR substr(name, 1, length(?5)) = ?5)
           AND (?6 IS NULL OR publish = ?6)
           AND (?7 IS NULL OR upstream = ?7)
           AND (format, namespace, name) > (?8, ?9, ?10)
         ORDER BY format, namespace, name LIMIT ?11",
    )?;
    let mut rows = stmt.query(params![
        domain,
        repository,
        filter.format,
        filter.namespace_prefix,
        filter.name_prefix,
        filter.publish,
        filter.upstream,
        af,
        an,
        am,
        limit as i64
    ])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        visit(&PackageRowRef {
            format: text_column(r, 0)?,
            namespace: text_column(r, 1)?,
            name: text_column(r, 2)?,
            publish: text_column(r, 3)?,
            upstream: text_column(r, 4)?,
        });
        n += 1;
    }
    Ok(n)
}

fn text_column<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> Result<&'r str, ApiError> {
    r.get_ref(i)?
        .as_str()
        .map_err(|e| ApiError::internal(format!("store error: column {i}: {e}")))
}

/// The package, created with the default origin controls for `via` if it is new.
pub fn ensure_package(
    conn: &Connection,
    domain: &str,
    repository: &str,
    key: &PackageKey,
    via: Via,
) -> Result<Package, ApiError> {
    if let Some(p) = find_package(conn, domain, repository, key)? {
        return Ok(p);
    }
    let (publish, upstream) = match via {
        Via::Publish => ("ALLOW", "BLOCK"),
        Via::Upstream => ("BLOCK", "ALLOW"),
        Via::Configuration => ("ALLOW", "ALLOW"),
    };
    conn.execute(
        "INSERT INTO packages (domain, repository, format, namespace, name, publish, upstream)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            domain,
            repository,
            key.format,
            key.ns(),
            key.name,
            publish,
            upstream
        ],
    )?;
    Ok(Package {
        id: conn.last_insert_rowid(),
        domain: domain.to_string(),
        repository: repository.to_string(),
        key: key.clone(),
        publish: publish.to_string(),
        upstream: upstream.to_string(),
    })
}

pub fn set_origin_controls(
    conn: &Connection,
    package_id: i64,
    publish: &str,
    upstream: &str,
) -> Result<(), ApiError> {
    conn.execute(
        "UPDATE packages SET publish = ?2, upstream = ?3 WHERE id = ?1",
        params![package_id, publish, upstream],
    )?;
    Ok(())
}

/// Deletes the package with its versions, assets and dist-tags. Call `collect_garbage` after.
pub fn delete_package(conn: &Connection, package_id: i64) -> Result<(), ApiError> {
    conn.execute("DELETE FROM packages WHERE id = ?1", [package_id])?;
    Ok(())
}

// ---- versions ---------------------------------------------------------------------------------

const VERSION_COLUMNS: &str = "id, package_id, version, revision, status, origin_type, \
     entry_repository, entry_external_connection, published_ms, display_name, summary, home_page, \
     source_code_repository, licenses, readme, dependencies";

fn version_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Version> {
    let status: String = r.get(4)?;
    let origin_type: String = r.get(5)?;
    let origin = if origin_type == "EXTERNAL" {
        Origin::External {
            connection: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
        }
    } else {
        Origin::Internal {
            repository: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
        }
    };
    let licenses: String = r.get(13)?;
    let dependencies: String = r.get(15)?;
    Ok(Version {
        id: r.get(0)?,
        package_id: r.get(1)?,
        version: r.get(2)?,
        revision: r.get(3)?,
        // Only this module writes statuses, always through `Status::as_str`.
        status: Status::parse(&status).unwrap_or(Status::Unfinished),
        origin,
        published_ms: r.get(8)?,
        meta: VersionMeta {
            display_name: r.get(9)?,
            summary: r.get(10)?,
            home_page: r.get(11)?,
            source_code_repository: r.get(12)?,
            licenses: serde_json::from_str(&licenses).unwrap_or_default(),
            readme: r.get(14)?,
            dependencies: serde_json::from_str(&dependencies).unwrap_or_default(),
        },
    })
}

pub fn find_version(
    conn: &Connection,
    package_id: i64,
    version: &str,
) -> Result<Option<Version>, ApiError> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {VERSION_COLUMNS} FROM package_versions WHERE package_id = ?1 AND version = ?2"
            ),
            params![package_id, version],
            version_row,
        )
        .optional()?)
}

/// Every version of the package, oldest first (by when it arrived in this repository).
pub fn versions(conn: &Connection, package_id: i64) -> Result<Vec<Version>, ApiError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {VERSION_COLUMNS} FROM package_versions WHERE package_id = ?1 ORDER BY id"
    ))?;
    Ok(stmt
        .query_map([package_id], version_row)?
        .collect::<Result<_, _>>()?)
}

#[derive(Debug, Clone)]
pub struct PackageView {
    pub package: Package,
    /// Oldest first, each with its assets.
    pub versions: Vec<(Version, Vec<Asset>)>,
}

/// Everything a package index page needs from ONE repository (npm packument, PyPI simple page,
/// maven-metadata.xml): the package, and each version (oldest first) with its assets. `None`
/// when the repository does not hold the package. Upstreams are not searched here.
pub fn package_view(
    conn: &Connection,
    domain: &str,
    repository: &str,
    key: &PackageKey,
) -> Result<Option<PackageView>, ApiError> {
    let Some(package) = find_package(conn, domain, repository, key)? else {
        return Ok(None);
    };
    let mut out = Vec::new();
    for v in versions(conn, package.id)? {
        let a = assets(conn, v.id)?;
        out.push((v, a));
    }
    Ok(Some(PackageView {
        package,
        versions: out,
    }))
}

/// The version, created with `origin` and `status` if new (then `true`). An existing version is
/// returned unchanged.
pub fn ensure_version(
    ctx: &Ctx,
    conn: &Connection,
    package: &Package,
    version: &str,
    origin: Origin,
    status: Status,
) -> Result<(Version, bool), ApiError> {
    if let Some(v) = find_version(conn, package.id, version)? {
        return Ok((v, false));
    }
    let (origin_type, repo, connection) = match &origin {
        Origin::Internal { repository } => ("INTERNAL", Some(repository.as_str()), None),
        Origin::External { connection } => ("EXTERNAL", None, Some(connection.as_str())),
    };
    let revision = new_revision(ctx);
    let published_ms = ctx.now_ms();
    conn.execute(
        "INSERT INTO package_versions (package_id, version, revision, status, origin_type,
             entry_repository, entry_external_connection, published_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            package.id,
            version,
            revision,
            status.as_str(),
            origin_type,
            repo,
            connection,
            published_ms
        ],
    )?;
    Ok((
        Version {
            id: conn.last_insert_rowid(),
            package_id: package.id,
            version: version.to_string(),
            revision,
            status,
            origin,
            published_ms,
            meta: VersionMeta::default(),
        },
        true,
    ))
}

/// Sets the status. Not a revision change: the service keeps the revision across status changes.
pub fn set_status(conn: &Connection, version_id: i64, status: Status) -> Result<(), ApiError> {
    conn.execute(
        "UPDATE package_versions SET status = ?2 WHERE id = ?1",
        params![version_id, status.as_str()],
    )?;
    Ok(())
}

/// Replaces the version's metadata (readme, dependencies...) and gives it a new revision.
pub fn set_metadata(
    ctx: &Ctx,
    conn: &Connection,
    version_id: i64,
    meta: &VersionMeta,
) -> Result<String, ApiError> {
    let revision = new_revision(ctx);
    conn.execute(
        "UPDATE package_versions SET revision = ?2, display_name = ?3, summary = ?4, home_page = ?5,
             source_code_repository = ?6, licenses = ?7, readme = ?8, dependencies = ?9
         WHERE id = ?1",
        params![
            version_id,
            revision,
            meta.display_name,
            meta.summary,
            meta.home_page,
            meta.source_code_repository,
            to_json(&meta.licenses),
            meta.readme,
            to_json(&meta.dependencies),
        ],
    )?;
    Ok(revision)
}

/// The metadata lists as stored in their TEXT columns (plain data: serialising cannot fail).
fn to_json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

/// Sets the time the version counts as published (the data plane passes the package's own
/// upload time when it has one).
pub fn set_published_time(
    conn: &Connection,
    version_id: i64,
    published_ms: i64,
) -> Result<(), ApiError> {
    conn.execute(
        "UPDATE package_versions SET published_ms = ?2 WHERE id = ?1",
        params![version_id, published_ms],
    )?;
    Ok(())
}

/// Deletes the version row with its assets. Call `collect_garbage` after.
pub fn delete_version(conn: &Connection, version_id: i64) -> Result<(), ApiError> {
    conn.execute("DELETE FROM package_versions WHERE id = ?1", [version_id])?;
    Ok(())
}

/// npm dist-tags (`latest` decides `defaultDisplayVersion` for npm).
pub fn set_dist_tag(
    conn: &Connection,
    package_id: i64,
    tag: &str,
    version: Option<&str>,
) -> Result<(), ApiError> {
    match version {
        Some(v) => conn.execute(
            "INSERT INTO package_dist_tags (package_id, tag, version) VALUES (?1, ?2, ?3)
             ON CONFLICT (package_id, tag) DO UPDATE SET version = excluded.version",
            params![package_id, tag, v],
        )?,
        None => conn.execute(
            "DELETE FROM package_dist_tags WHERE package_id = ?1 AND tag = ?2",
            params![package_id, tag],
        )?,
    };
    Ok(())
}

pub fn dist_tags(conn: &Connection, package_id: i64) -> Result<Vec<(String, String)>, ApiError> {
    let mut stmt = conn.prepare_cached(
        "SELECT tag, version FROM package_dist_tags WHERE package_id = ?1 ORDER BY tag",
    )?;
    Ok(stmt
        .query_map([package_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?)
}

// ---- version listings -------------------------------------------------------------------------

/// The orders ListPackageVersions lists in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionOrder {
    /// The order versions arrived in the repository (by id), the service's default.
    Arrival,
    /// `sortBy PUBLISHED_TIME`: newest first; versions published in the same millisecond by
    /// id, newest arrival first, so the order is total and a page boundary is exact.
    NewestFirst,
}

/// Where a page of versions starts: after this version, in the listing's order. Both parts
/// are what the order sorts on, so a boundary stays exact when versions arrive or go between
/// pages (keyset pagination): nothing is skipped or repeated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionCursor {
    pub published_ms: i64,
    pub id: i64,
}

/// ListPackageVersions' filters; `None` matches everything.
#[derive(Debug, Clone, Copy, Default)]
pub struct VersionFilter<'a> {
    pub status: Option<&'a str>,
    /// `INTERNAL` or `EXTERNAL` (`UNKNOWN` matches no version: the mock always knows).
    pub origin_type: Option<&'a str>,
}

/// What a PackageVersionSummary shows of a version, and its place in the listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionSummaryRow {
    pub version: String,
    pub revision: String,
    pub status: String,
    pub origin: Origin,
    pub cursor: VersionCursor,
}

const ARRIVAL_PAGE: &str = "SELECT version, revision, status, origin_type, entry_repository,
        entry_external_connection, published_ms, id
    FROM package_versions
    WHERE package_id = ?1 AND id > ?3
      AND (?4 IS NULL OR status = ?4) AND (?5 IS NULL OR origin_type = ?5)
    ORDER BY id LIMIT ?6";

const NEWEST_FIRST_PAGE: &str = "SELECT version, revision, status, origin_type, entry_repository,
        entry_external_connection, published_ms, id
    FROM package_versions
    WHERE package_id = ?1 AND (published_ms, id) < (?2, ?3)
      AND (?4 IS NULL OR status = ?4) AND (?5 IS NULL OR origin_type = ?5)
    ORDER BY published_ms DESC, id DESC LIMIT ?6";

/// One page of the package's versions matching `filter`, in `order`, starting after `after`:
/// a range scan of one index (migration 4) that stops after `limit` rows, reading only the
/// columns a summary needs (never the readme or the dependencies). A page costs the same
/// however many versions the package has.
pub fn versions_page(
    conn: &Connection,
    package_id: i64,
    filter: VersionFilter<'_>,
    order: VersionOrder,
    after: Option<VersionCursor>,
    limit: usize,
) -> Result<Vec<VersionSummaryRow>, ApiError> {
    // The first page starts after a key beyond every version: one form of the query per order,
    // so SQLite seeks the index to the page's start instead of scanning from the beginning.
    let sql = match order {
        VersionOrder::Arrival => ARRIVAL_PAGE,
        VersionOrder::NewestFirst => NEWEST_FIRST_PAGE,
    };
    let after = after.unwrap_or(match order {
        VersionOrder::Arrival => VersionCursor {
            published_ms: i64::MIN,
            id: i64::MIN,
        },
        VersionOrder::NewestFirst => VersionCursor {
            published_ms: i64::MAX,
            id: i64::MAX,
        },
    });
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(
        params![
            package_id,
            after.published_ms,
            after.id,
            filter.status,
            filter.origin_type,
            i64::try_from(limit).unwrap_or(i64::MAX)
        ],
        |r| {
            let origin_type: String = r.get(3)?;
            let origin = if origin_type == "EXTERNAL" {
                Origin::External {
                    connection: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                }
            } else {
                Origin::Internal {
                    repository: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                }
            };
            Ok(VersionSummaryRow {
                version: r.get(0)?,
                revision: r.get(1)?,
                status: r.get(2)?,
                origin,
                cursor: VersionCursor {
                    published_ms: r.get(6)?,
                    id: r.get(7)?,
                },
            })
        },
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The version a listing shows as the package's default (`defaultDisplayVersion`), in one
/// query: for npm the `latest` dist-tag when set; otherwise (and for every other format) the
/// most recently published version whose status is Published, found from the newest end of the
/// published-time index.
pub fn default_display_version(
    conn: &Connection,
    package_id: i64,
    format: &str,
) -> Result<Option<String>, ApiError> {
    let mut stmt = conn.prepare_cached(
        "SELECT COALESCE(
             (SELECT version FROM package_dist_tags
              WHERE ?2 AND package_id = ?1 AND tag = 'latest'),
             (SELECT version FROM package_versions
              WHERE package_id = ?1 AND status = 'Published'
              ORDER BY published_ms DESC, id DESC LIMIT 1))",
    )?;
    Ok(stmt.query_row(params![package_id, format == "npm"], |r| r.get(0))?)
}

// ---- assets -----------------------------------------------------------------------------------

pub fn assets(conn: &Connection, version_id: i64) -> Result<Vec<Asset>, ApiError> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.name, b.size, b.md5, b.sha1, b.sha256, b.sha512 FROM assets a
         JOIN blobs b ON b.domain = a.domain AND b.sha256 = a.sha256
         WHERE a.version_id = ?1 ORDER BY a.name",
    )?;
    Ok(stmt
        .query_map([version_id], |r| {
            Ok(Asset {
                name: r.get(0)?,
                size: r.get::<_, i64>(1)? as u64,
                md5: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                sha1: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                sha256: r.get(4)?,
                sha512: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
            })
        })?
        .collect::<Result<_, _>>()?)
}

/// Adds asset `name` to the version, moving the staged bytes into the domain's blob store.
/// The same name with the same bytes again is accepted and changes nothing; with other bytes it
/// is a ConflictException (HTTP 409), as the service refuses to overwrite an asset.
pub fn add_asset(
    ctx: &Ctx,
    conn: &Connection,
    domain: &str,
    version_id: i64,
    name: &str,
    staged: &StagedBlob,
    hashes: &BlobHashes,
) -> Result<Asset, ApiError> {
    add_asset_from(
        ctx,
        conn,
        domain,
        version_id,
        name,
        &crate::mock::blobs::BlobStore::staged_json(staged),
        hashes,
    )
}

/// `add_asset` for a payload the protocol layer staged (`BlobStore::staged_json`).
pub(crate) fn add_asset_from(
    ctx: &Ctx,
    conn: &Connection,
    domain: &str,
    version_id: i64,
    name: &str,
    staged: &serde_json::Value,
    hashes: &BlobHashes,
) -> Result<Asset, ApiError> {
    // Every plane checks names before it reads a body; this keeps any path that forgot from
    // storing a name a registry would serve as a path.
    crate::mock::validate::asset_name(name).map_err(ApiError::validation)?;
    let existing: Option<String> = conn
        .query_row(
            "SELECT sha256 FROM assets WHERE version_id = ?1 AND name = ?2",
            params![version_id, name],
            |r| r.get(0),
        )
        .optional()?;
    let asset = Asset {
        name: name.to_string(),
        size: hashes.size,
        md5: hashes.md5.clone(),
        sha1: hashes.sha1.clone(),
        sha256: hashes.sha256.clone(),
        sha512: hashes.sha512.clone(),
    };
    match existing {
        Some(sha) if sha == hashes.sha256 => return Ok(asset),
        Some(_) => {
            return Err(ApiError::conflict(
                "asset",
                name,
                format!(
                    "Asset '{name}' already exists in this package version with different content"
                ),
            ));
        }
        None => {}
    }
    // New files go to versions still being published or published; a Disposed version stays
    // without assets, an Archived or Unlisted one keeps the ones it has.
    let (version, status): (String, String) = conn.query_row(
        "SELECT version, status FROM package_versions WHERE id = ?1",
        [version_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if status != Status::Unfinished.as_str() && status != Status::Published.as_str() {
        return Err(ApiError::conflict(
            "package-version",
            &version,
            format!("Package version '{version}' is {status} and takes no new assets"),
        ));
    }
    // Under the store lock, so no garbage collection can remove the file between this rename
    // and the commit of the row that refers to it.
    ctx.blobs.commit_staged(domain, staged)?;
    record_blob(conn, domain, hashes)?;
    conn.execute(
        "INSERT INTO assets (version_id, name, domain, sha256) VALUES (?1, ?2, ?3, ?4)",
        params![version_id, name, domain, hashes.sha256],
    )?;
    conn.execute(
        "UPDATE package_versions SET revision = ?2 WHERE id = ?1",
        params![version_id, new_revision(ctx)],
    )?;
    Ok(asset)
}

fn record_blob(conn: &Connection, domain: &str, h: &BlobHashes) -> Result<(), ApiError> {
    conn.execute(
        "INSERT INTO blobs (domain, sha256, size, md5, sha1, sha512) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (domain, sha256) DO UPDATE SET md5 = excluded.md5, sha1 = excluded.sha1,
             sha512 = excluded.sha512",
        params![domain, h.sha256, h.size as i64, h.md5, h.sha1, h.sha512],
    )?;
    Ok(())
}

/// Forgets one asset of the version (its bytes go with `collect_garbage`).
pub fn remove_asset(conn: &Connection, version_id: i64, name: &str) -> Result<(), ApiError> {
    conn.execute(
        "DELETE FROM assets WHERE version_id = ?1 AND name = ?2",
        params![version_id, name],
    )?;
    Ok(())
}

/// Removes every asset of the version (dispose). Call `collect_garbage` after.
pub fn remove_assets(conn: &Connection, version_id: i64) -> Result<(), ApiError> {
    conn.execute("DELETE FROM assets WHERE version_id = ?1", [version_id])?;
    Ok(())
}

/// Gives `to_version` the same assets as `from_version`, sharing their bytes (same domain).
pub fn share_assets(
    ctx: &Ctx,
    conn: &Connection,
    from_version: i64,
    to_version: i64,
) -> Result<(), ApiError> {
    conn.execute("DELETE FROM assets WHERE version_id = ?1", [to_version])?;
    conn.execute(
        "INSERT INTO assets (version_id, name, domain, sha256)
         SELECT ?2, name, domain, sha256 FROM assets WHERE version_id = ?1",
        params![from_version, to_version],
    )?;
    conn.execute(
        "UPDATE package_versions SET revision = ?2 WHERE id = ?1",
        params![to_version, new_revision(ctx)],
    )?;
    Ok(())
}

/// Forgets the domain's blobs no asset refers to any more and returns their hashes; pass them
/// to `remove_blobs` once the transaction is committed.
pub fn collect_garbage(conn: &Connection, domain: &str) -> Result<Vec<String>, ApiError> {
    let mut stmt = conn.prepare_cached(
        "DELETE FROM blobs WHERE domain = ?1 AND NOT EXISTS
             (SELECT 1 FROM assets a WHERE a.domain = blobs.domain AND a.sha256 = blobs.sha256)
         RETURNING sha256",
    )?;
    Ok(stmt
        .query_map([domain], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

pub fn remove_blobs(ctx: &Ctx, domain: &str, sha256s: &[String]) -> Result<(), ApiError> {
    for sha in sha256s {
        ctx.blobs.remove(domain, sha)?;
    }
    Ok(())
}

/// The asset's bytes.
pub fn open_asset(ctx: &Ctx, domain: &str, asset: &Asset) -> io::Result<File> {
    ctx.blobs.open_blob(domain, &asset.sha256)
}

// ---- upstreams --------------------------------------------------------------------------------

/// The service's limit on repositories searched for one request, the requesting one included.
pub const MAX_SEARCHED_REPOSITORIES: usize = 25;

/// The repositories a request to `repository` searches, in order: itself, then its upstreams in
/// list order, depth first, each once, at most `MAX_SEARCHED_REPOSITORIES`.
pub fn upstream_search_order(
    conn: &Connection,
    domain: &str,
    repository: &str,
) -> Result<Vec<String>, ApiError> {
    let mut order: Vec<String> = Vec::new();
    let mut stack = vec![repository.to_string()];
    while let Some(repo) = stack.pop() {
        if order.contains(&repo) {
            continue;
        }
        order.push(repo.clone());
        if order.len() == MAX_SEARCHED_REPOSITORIES {
            break;
        }
        let ups = super::repositories::upstreams(conn, domain, &repo)?;
        // Reversed onto the stack so the first upstream is searched first.
        stack.extend(ups.into_iter().rev());
    }
    Ok(order)
}

/// The repository's external connection (`public:npmjs`...), if it has one.
pub fn external_connection(
    conn: &Connection,
    domain: &str,
    repository: &str,
) -> Result<Option<String>, ApiError> {
    Ok(
        super::repositories::external_connections(conn, domain, repository)?
            .into_iter()
            .next()
            .map(|(name, _)| name),
    )
}

/// Keeps a version found upstream (`source` in another repository of the domain) in the
/// requesting repository: same version string, status, origin, metadata and assets (sharing
/// the bytes). The package is created with upstream defaults if new. An existing copy is
/// returned as it is.
pub fn retain(
    ctx: &Ctx,
    conn: &Connection,
    domain: &str,
    repository: &str,
    source_package: &Package,
    source: &Version,
) -> Result<Version, ApiError> {
    let pkg = ensure_package(conn, domain, repository, &source_package.key, Via::Upstream)?;
    let (v, created) = ensure_version(
        ctx,
        conn,
        &pkg,
        &source.version,
        source.origin.clone(),
        source.status,
    )?;
    if !created {
        return Ok(v);
    }
    copy_version_contents(ctx, conn, source, v.id)?;
    Ok(find_version(conn, pkg.id, &source.version)?.unwrap_or(v))
}

/// Copies metadata, published time and assets of `source` onto `target_id`, keeping the
/// source's revision (the same content has the same revision wherever it is).
pub(crate) fn copy_version_contents(
    ctx: &Ctx,
    conn: &Connection,
    source: &Version,
    target_id: i64,
) -> Result<(), ApiError> {
    set_metadata(ctx, conn, target_id, &source.meta)?;
    share_assets(ctx, conn, source.id, target_id)?;
    conn.execute(
        "UPDATE package_versions SET revision = ?2, published_ms = ?3 WHERE id = ?1",
        params![target_id, source.revision, source.published_ms],
    )?;
    Ok(())
}

// ---- origin controls --------------------------------------------------------------------------

/// Whether a new version (or asset) of `key` may be published directly to `repository`: the
/// package's own origin control (publish BLOCK refuses) and its package group's PUBLISH
/// restriction. Refusals are AccessDeniedException (HTTP 403).
pub fn may_publish(
    conn: &Connection,
    domain: &str,
    repository: &str,
    key: &PackageKey,
) -> Result<(), ApiError> {
    if let Some(p) = find_package(conn, domain, repository, key)?
        && p.publish == "BLOCK"
    {
        return Err(ApiError::new(
            "AccessDeniedException",
            format!(
                "Publishing is blocked by the origin configuration of package '{}' in repository '{repository}'",
                display_name(key)
            ),
        ));
    }
    groups::check(
        conn,
        domain,
        repository,
        "PUBLISH",
        &key.format,
        key.namespace.as_deref(),
        &key.name,
    )
}

/// Where a version would come from when not in the requesting repository.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upstream {
    /// Another repository of the domain (INTERNAL_UPSTREAM).
    Internal,
    /// An external connection (EXTERNAL_UPSTREAM).
    External,
}

/// Whether `repository` may take versions of `key` from upstream: the package's origin control
/// in `repository` (upstream BLOCK refuses) and its package group's restriction for that kind
/// of upstream (ALLOW_SPECIFIC_REPOSITORIES lists the repositories allowed to fetch).
pub fn may_fetch_upstream(
    conn: &Connection,
    domain: &str,
    repository: &str,
    key: &PackageKey,
    from: Upstream,
) -> Result<(), ApiError> {
    if let Some(p) = find_package(conn, domain, repository, key)?
        && p.upstream == "BLOCK"
    {
        return Err(ApiError::new(
            "AccessDeniedException",
            format!(
                "Upstream versions are blocked by the origin configuration of package '{}' in repository '{repository}'",
                display_name(key)
            ),
        ));
    }
    let kind = match from {
        Upstream::Internal => "INTERNAL_UPSTREAM",
        Upstream::External => "EXTERNAL_UPSTREAM",
    };
    groups::check(
        conn,
        domain,
        repository,
        kind,
        &key.format,
        key.namespace.as_deref(),
        &key.name,
    )
}

fn display_name(key: &PackageKey) -> String {
    match &key.namespace {
        Some(ns) => format!("{ns}/{}", key.name),
        None => key.name.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mock::store::test_ctx as ctx;
    use serde_json::json;

    fn call(ctx: &Ctx, op: &str, input: serde_json::Value) -> Result<serde_json::Value, ApiError> {
        crate::mock::handlers::handler(op).unwrap()(ctx, input)
    }

    /// A domain with repositories `app -> [mid, other]`, `mid -> [base]`.
    fn domain(ctx: &Ctx) {
        call(ctx, "CreateDomain", json!({"domain": "dom"})).unwrap();
        for (name, ups) in [
            ("base", vec![]),
            ("other", vec![]),
            ("mid", vec!["base"]),
            ("app", vec!["mid", "other"]),
        ] {
            let ups: Vec<_> = ups.iter().map(|u| json!({"repositoryName": u})).collect();
            call(
                ctx,
                "CreateRepository",
                json!({"domain": "dom", "repository": name, "upstreams": ups}),
            )
            .unwrap();
        }
    }

    async fn stage(ctx: &Ctx, bytes: &'static [u8]) -> (StagedBlob, BlobHashes) {
        let body = futures_util::stream::iter([Ok::<_, std::convert::Infallible>(
            axum::body::Bytes::from_static(bytes),
        )]);
        let staged = ctx.blobs.stage(body).await.unwrap();
        let hashes = BlobHashes::of_staged(&staged).unwrap();
        (staged, hashes)
    }

    #[test]
    fn search_order_is_depth_first_in_list_order() {
        let dir = tempfile::tempdir().unwrap();
        let ctx = ctx(dir.path());
        domain(&ctx);
        let order = ctx
            .store
            .read(|c| upstream_search_order(c, "dom", "app"))
            .unwrap();
        assert_eq!(order, ["app", "mid", "base", "other"]);
    }

    #[tokio::test]
    async fn publish_refuses_other_bytes_and_retain_shares_them() {
        let dir = tempfile::tempdir().unwrap();
        let ctx = ctx(dir.path());
        domain(&ctx);
        let key = PackageKey::new("npm", None, "left-pad");
        let (staged, hashes) = stage(&ctx, b"tarball").await;
        assert_eq!(
            (hashes.size, hashes.sha256.as_str()),
            (7, staged.sha256.as_str())
        );
        assert_eq!(hashes.md5, hex::encode(md5::Md5::digest(b"tarball")));
        let (pkg, v) = ctx
            .store
            .write(|tx| {
                may_publish(tx, "dom", "base", &key)?;
                let pkg = ensure_package(tx, "dom", "base", &key, Via::Publish)?;
                let (v, created) = ensure_version(
                    &ctx,
                    tx,
                    &pkg,
                    "1.0.0",
                    Origin::published("base"),
                    Status::Published,
                )?;
                assert!(created);
                let meta = VersionMeta {
                    readme: Some("# left-pad".into()),
                    dependencies: vec![Dependency {
                        package: "x".into(),
                        ..Default::default()
                    }],
                    ..Default::default()
                };
                set_metadata(&ctx, tx, v.id, &meta)?;
                add_asset(
                    &ctx,
                    tx,
                    "dom",
                    v.id,
                    "left-pad-1.0.0.tgz",
                    &staged,
                    &hashes,
                )?;
                // Identical bytes again: accepted.
                add_asset(
                    &ctx,
                    tx,
                    "dom",
                    v.id,
                    "left-pad-1.0.0.tgz",
                    &staged,
                    &hashes,
                )?;
                let v = find_version(tx, pkg.id, "1.0.0")?.unwrap();
                Ok((pkg, v))
            })
            .unwrap();
        assert_eq!(
            (pkg.publish.as_str(), pkg.upstream.as_str()),
            ("ALLOW", "BLOCK")
        );
        assert_eq!(v.meta.readme.as_deref(), Some("# left-pad"));

        let (other, other_hashes) = stage(&ctx, b"different").await;
        let err = ctx
            .store
            .write(|tx| {
                add_asset(
                    &ctx,
                    tx,
                    "dom",
                    v.id,
                    "left-pad-1.0.0.tgz",
                    &other,
                    &other_hashes,
                )
            })
            .unwrap_err();
        assert_eq!((err.code, err.status()), ("ConflictException", 409));

        // Found upstream from `app`: allowed by default, retained with the same bytes and
        // revision, under upstream origin-control defaults.
        let kept = ctx
            .store
            .write(|tx| {
                may_fetch_upstream(tx, "dom", "app", &key, Upstream::Internal)?;
                retain(&ctx, tx, "dom", "app", &pkg, &v)
            })
            .unwrap();
        assert_eq!(kept.revision, v.revision);
        assert_eq!(kept.origin, Origin::published("base"));
        let view = ctx
            .store
            .read(|c| package_view(c, "dom", "app", &key))
            .unwrap()
            .unwrap();
        let app_pkg = view.package;
        assert_eq!(view.versions.len(), 1);
        assert_eq!(view.versions[0].0.status, Status::Published);
        let assets_in_app = view.versions[0].1.clone();
        assert_eq!(
            (app_pkg.publish.as_str(), app_pkg.upstream.as_str()),
            ("BLOCK", "ALLOW")
        );
        assert_eq!(assets_in_app.len(), 1);
        assert_eq!(assets_in_app[0].sha256, hashes.sha256);
        let mut s = String::new();
        open_asset(&ctx, "dom", &assets_in_app[0])
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        assert_eq!(s, "tarball");

        // The copy in `app` blocks publishing there; deleting `base` keeps the retained copy
        // and its bytes.
        let err = ctx
            .store
            .read(|c| may_publish(c, "dom", "app", &key))
            .unwrap_err();
        assert_eq!(err.code, "AccessDeniedException");
        call(
            &ctx,
            "UpdateRepository",
            json!({"domain": "dom", "repository": "mid", "upstreams": []}),
        )
        .unwrap();
        call(
            &ctx,
            "DeleteRepository",
            json!({"domain": "dom", "repository": "base"}),
        )
        .unwrap();
        let a = ctx.store.read(|c| assets(c, kept.id)).unwrap();
        assert!(open_asset(&ctx, "dom", &a[0]).is_ok());
    }

    #[test]
    fn package_groups_gate_publish_and_upstream() {
        let dir = tempfile::tempdir().unwrap();
        let ctx = ctx(dir.path());
        domain(&ctx);
        let key = PackageKey::new("npm", Some("corp"), "ui");
        call(
            &ctx,
            "CreatePackageGroup",
            json!({"domain": "dom", "packageGroup": "/npm/corp/*"}),
        )
        .unwrap();
        call(
            &ctx,
            "UpdatePackageGroupOriginConfiguration",
            json!({"domain": "dom", "packageGroup": "/npm/corp/*",
                   "restrictions": {"PUBLISH": "ALLOW_SPECIFIC_REPOSITORIES", "EXTERNAL_UPSTREAM": "BLOCK"},
                   "addAllowedRepositories": [{"repositoryName": "base", "originRestrictionType": "PUBLISH"}]}),
        )
        .unwrap();
        ctx.store
            .read(|c| {
                may_publish(c, "dom", "base", &key)?;
                assert!(may_publish(c, "dom", "app", &key).is_err());
                assert!(may_fetch_upstream(c, "dom", "app", &key, Upstream::External).is_err());
                may_fetch_upstream(c, "dom", "app", &key, Upstream::Internal)?;
                // Outside the group: the root allows everything.
                may_publish(c, "dom", "app", &PackageKey::new("npm", None, "react"))
            })
            .unwrap();
    }

    /// Pages through a `BodyHandler` listing with `input`, asserting that each body is byte for
    /// byte what the model-driven encoder writes for the same output; returns the pages.
    async fn pages_checked_against_the_encoder(
        ctx: &Ctx,
        operation: &str,
        input: serde_json::Value,
    ) -> Vec<serde_json::Value> {
        let list = crate::mock::handlers::body_handler(operation).unwrap();
        let op = crate::model::model().operation(operation).unwrap();
        let mut pages = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let mut input = input.clone();
            if let Some(t) = &token {
                input["nextToken"] = json!(t);
            }
            let body = list(ctx, input).unwrap();
            let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
            let encoded = crate::mock::protocol::encode(op, value.clone(), &ctx.blobs).unwrap();
            let expected = axum::body::to_bytes(encoded.into_body(), usize::MAX)
                .await
                .unwrap();
            assert_eq!(
                String::from_utf8_lossy(&body),
                String::from_utf8_lossy(&expected)
            );
            token = value["nextToken"].as_str().map(str::to_string);
            pages.push(value);
            if token.is_none() {
                return pages;
            }
        }
    }

    /// ListPackages writes its body by hand (for speed): it must be byte for byte what the
    /// model-driven encoder writes for the same output, page after page.
    #[tokio::test]
    async fn list_packages_body_is_what_the_model_encoder_writes() {
        let dir = tempfile::tempdir().unwrap();
        let ctx = ctx(dir.path());
        call(&ctx, "CreateDomain", json!({"domain": "dom"})).unwrap();
        call(
            &ctx,
            "CreateRepository",
            json!({"domain": "dom", "repository": "repo"}),
        )
        .unwrap();
        ctx.store
            .write(|tx| {
                for (format, ns, name, via) in [
                    ("npm", None, "plain", Via::Publish),
                    ("generic", Some("ns"), "we\"ird\\näme", Via::Upstream),
                    ("maven", Some("org.example"), "lib", Via::Configuration),
                    ("npm", Some("scope"), "pkg", Via::Publish),
                    ("pypi", None, "requests", Via::Upstream),
                ] {
                    ensure_package(tx, "dom", "repo", &PackageKey::new(format, ns, name), via)?;
                }
                Ok(())
            })
            .unwrap();
        let pages = pages_checked_against_the_encoder(
            &ctx,
            "ListPackages",
            json!({"domain": "dom", "repository": "repo", "maxResults": 2}),
        )
        .await;
        let names: Vec<&str> = pages
            .iter()
            .flat_map(|p| p["packages"].as_array().unwrap())
            .map(|p| p["package"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["we\"ird\\näme", "lib", "plain", "pkg", "requests"]);
    }

    /// ListPackageVersions writes its body by hand too: with and without a namespace and a
    /// default display version, internal and external origins, both orders.
    #[tokio::test]
    async fn list_versions_body_is_what_the_model_encoder_writes() {
        let dir = tempfile::tempdir().unwrap();
        let ctx = ctx(dir.path());
        call(&ctx, "CreateDomain", json!({"domain": "dom"})).unwrap();
        call(
            &ctx,
            "CreateRepository",
            json!({"domain": "dom", "repository": "repo"}),
        )
        .unwrap();
        ctx.store
            .write(|tx| {
                let scoped = PackageKey::new("generic", Some("ns"), "tool");
                let pkg = ensure_package(tx, "dom", "repo", &scoped, Via::Publish)?;
                for (version, status) in [
                    ("1.0", Status::Published),
                    ("1.1-\"rc\"", Status::Unlisted),
                    ("2.0", Status::Unfinished),
                ] {
                    let origin = Origin::Internal {
                        repository: "repo".into(),
                    };
                    ensure_version(&ctx, tx, &pkg, version, origin, status)?;
                }
                let plain = PackageKey::new("npm", None, "left-pad");
                let pkg = ensure_package(tx, "dom", "repo", &plain, Via::Upstream)?;
                let origin = Origin::External {
                    connection: "public:npmjs".into(),
                };
                ensure_version(&ctx, tx, &pkg, "1.3.0", origin, Status::Archived)?;
                Ok(())
            })
            .unwrap();
        for (package, sort) in [
            (
                json!({"format": "generic", "namespace": "ns", "package": "tool"}),
                None,
            ),
            (
                json!({"format": "generic", "namespace": "ns", "package": "tool"}),
                Some("PUBLISHED_TIME"),
            ),
            (json!({"format": "npm", "package": "left-pad"}), None),
        ] {
            let mut input = json!({"domain": "dom", "repository": "repo", "maxResults": 2});
            for (k, v) in package.as_object().unwrap() {
                input[k] = v.clone();
            }
            if let Some(sort) = sort {
                input["sortBy"] = json!(sort);
            }
            let pages = pages_checked_against_the_encoder(&ctx, "ListPackageVersions", input).await;
            let count: usize = pages
                .iter()
                .map(|p| p["versions"].as_array().unwrap().len())
                .sum();
            assert_eq!(count, if package["package"] == "tool" { 3 } else { 1 });
        }
    }

    /// The listings of migration 4's indexes: each page is a seek into an index that already
    /// holds the listing's order (no sort of the whole package, no scan of other packages).
    #[test]
    fn version_listing_queries_walk_an_index_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let ctx = ctx(dir.path());
        let plan = |sql: &str| -> String {
            ctx.store
                .read(|c| {
                    let mut stmt = c.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
                    let rows: Vec<String> = stmt
                        .query_map(params![1, 2, 3, None::<String>, None::<String>, 10], |r| {
                            r.get(3)
                        })?
                        .collect::<Result<_, _>>()?;
                    Ok(rows.join("\n"))
                })
                .unwrap()
        };
        let arrival = plan(ARRIVAL_PAGE);
        assert!(
            arrival.contains("package_versions_by_arrival") && !arrival.contains("TEMP B-TREE"),
            "{arrival}"
        );
        let newest = plan(NEWEST_FIRST_PAGE);
        assert!(
            newest.contains("package_versions_by_time") && !newest.contains("TEMP B-TREE"),
            "{newest}"
        );
    }

    /// Keyset pages in both orders, with ties on the published time, against the same listing
    /// in one page; and `defaultDisplayVersion` from the newest Published version or npm's
    /// `latest` tag.
    #[test]
    fn versions_page_and_default_display_version() {
        let dir = tempfile::tempdir().unwrap();
        let ctx = ctx(dir.path());
        domain(&ctx);
        let key = PackageKey::new("npm", None, "left-pad");
        let pkg = ctx
            .store
            .write(|tx| {
                let pkg = ensure_package(tx, "dom", "base", &key, Via::Publish)?;
                for i in 0..12 {
                    let status = if i % 5 == 4 {
                        Status::Unlisted
                    } else {
                        Status::Published
                    };
                    let origin = if i % 3 == 0 {
                        Origin::External {
                            connection: "public:npmjs".into(),
                        }
                    } else {
                        Origin::published("base")
                    };
                    let (v, _) = ensure_version(&ctx, tx, &pkg, &format!("1.{i}"), origin, status)?;
                    // Published times out of arrival order, three versions per instant.
                    set_published_time(tx, v.id, 1000 * ((i * 5) % 4))?;
                }
                Ok(pkg)
            })
            .unwrap();
        let list = |order, filter: VersionFilter<'_>, size: usize| -> Vec<String> {
            ctx.store
                .read(|c| {
                    let mut out = Vec::new();
                    let mut after = None;
                    loop {
                        let page = versions_page(c, pkg.id, filter, order, after, size)?;
                        out.extend(page.iter().map(|v| v.version.clone()));
                        match page.last() {
                            Some(last) if page.len() == size => after = Some(last.cursor),
                            _ => return Ok(out),
                        }
                    }
                })
                .unwrap()
        };
        let all = VersionFilter::default();
        let arrival: Vec<String> = (0..12).map(|i| format!("1.{i}")).collect();
        let mut newest: Vec<i64> = (0..12).collect();
        newest.sort_by_key(|i| (std::cmp::Reverse((i * 5) % 4), std::cmp::Reverse(*i)));
        let newest: Vec<String> = newest.iter().map(|i| format!("1.{i}")).collect();
        for size in [1, 2, 5, 100] {
            assert_eq!(list(VersionOrder::Arrival, all, size), arrival);
            assert_eq!(list(VersionOrder::NewestFirst, all, size), newest);
        }
        let unlisted = VersionFilter {
            status: Some("Unlisted"),
            origin_type: None,
        };
        assert_eq!(list(VersionOrder::Arrival, unlisted, 1), ["1.4", "1.9"]);
        let external = VersionFilter {
            status: Some("Published"),
            origin_type: Some("EXTERNAL"),
        };
        assert_eq!(
            list(VersionOrder::NewestFirst, external, 1),
            ["1.3", "1.6", "1.0"]
        );

        // Newest Published: 1.3 and 1.7 share the newest instant (3 s) and 1.11 too; by arrival
        // the last of them wins.
        let default = |c: &Connection| default_display_version(c, pkg.id, "npm");
        assert_eq!(ctx.store.read(default).unwrap().as_deref(), Some("1.11"));
        ctx.store
            .write(|tx| set_dist_tag(tx, pkg.id, "latest", Some("1.2")))
            .unwrap();
        assert_eq!(ctx.store.read(default).unwrap().as_deref(), Some("1.2"));
        // Only npm has dist-tags that count.
        assert_eq!(
            ctx.store
                .read(|c| default_display_version(c, pkg.id, "pypi"))
                .unwrap()
                .as_deref(),
            Some("1.11")
        );
    }
}
