//! Packages, package versions and assets: the fifteen operations over `mock::packages`.
//!
//! Semantics follow reference/data-plane.md ("Semantics") and the API reference: statuses move
//! only as UpdatePackageVersionsStatus/DisposePackageVersions allow, batch operations answer per
//! version (`successfulVersions` / `failedVersions` with the documented error codes), and none of
//! these operations searches upstreams except CopyPackageVersions with `includeFromUpstream`.

use std::collections::BTreeMap;

use rusqlite::Connection;
use serde_json::{Map, Value, json};

use super::{
    DomainRow, RepoRow, decode_token, encode_token, epoch_seconds, opt_str, page_size, req_str,
};
use crate::mock::Ctx;
use crate::mock::error::ApiError;
use crate::mock::protocol::write_str;
use crate::mock::store::packages::{
    self as store, Asset, BlobHashes, Origin, Package, PackageKey, Status, Version, VersionCursor,
    VersionOrder, Via,
};

fn key_of(input: &Value) -> Result<PackageKey, ApiError> {
    Ok(crate::mock::dataplane::stored_key(PackageKey::new(
        req_str(input, "format")?,
        opt_str(input, "namespace"),
        req_str(input, "package")?,
    )))
}

fn shown(key: &PackageKey) -> String {
    match &key.namespace {
        Some(ns) => format!("{ns}/{}", key.name),
        None => key.name.clone(),
    }
}

fn package_not_found(key: &PackageKey, repo: &RepoRow) -> ApiError {
    ApiError::not_found(
        "package",
        &key.name,
        format!(
            "Package '{}' of format '{}' not found in repository '{}' in domain '{}'",
            shown(key),
            key.format,
            repo.name,
            repo.domain
        ),
    )
}

fn version_not_found(key: &PackageKey, version: &str) -> ApiError {
    ApiError::not_found(
        "package-version",
        version,
        format!(
            "Package version '{version}' of package '{}' of format '{}' not found",
            shown(key),
            key.format
        ),
    )
}

/// Domain, repository and package named by the input; the package must exist.
fn locate(
    ctx: &Ctx,
    conn: &Connection,
    input: &Value,
) -> Result<(DomainRow, RepoRow, Package), ApiError> {
    let d = ctx.find_domain(conn, input)?;
    let r = ctx.find_repository(conn, &d, req_str(input, "repository")?)?;
    let key = key_of(input)?;
    let p = store::find_package(conn, &d.name, &r.name, &key)?
        .ok_or_else(|| package_not_found(&key, &r))?;
    Ok((d, r, p))
}

/// `locate` plus the version in `packageVersion`.
fn locate_version(
    ctx: &Ctx,
    conn: &Connection,
    input: &Value,
) -> Result<(DomainRow, Package, Version), ApiError> {
    let (d, _, p) = locate(ctx, conn, input)?;
    let version = req_str(input, "packageVersion")?;
    let stored = crate::mock::dataplane::stored_version(&p.key.format, version);
    let v = store::find_version(conn, p.id, &stored)?
        .ok_or_else(|| version_not_found(&p.key, version))?;
    Ok((d, p, v))
}

// ---- output shapes ------------------------------------------------------------------------------

fn origin_configuration(p: &Package) -> Value {
    json!({"restrictions": {"publish": p.publish, "upstream": p.upstream}})
}

fn package_summary(p: &Package) -> Value {
    json!({
        "format": p.key.format,
        "namespace": p.key.namespace,
        "package": p.key.name,
        "originConfiguration": origin_configuration(p),
    })
}

fn version_origin(v: &Version) -> Value {
    origin_value(&v.origin)
}

/// PackageVersionOrigin.
fn origin_value(origin: &Origin) -> Value {
    match origin {
        Origin::Internal { repository } => json!({
            "domainEntryPoint": {"repositoryName": repository},
            "originType": "INTERNAL",
        }),
        Origin::External { connection } => json!({
            "domainEntryPoint": {"externalConnectionName": connection},
            "originType": "EXTERNAL",
        }),
    }
}

fn version_description(p: &Package, v: &Version) -> Value {
    let licenses: Vec<Value> = v
        .meta
        .licenses
        .iter()
        .map(|l| json!({"name": l.name, "url": l.url}))
        .collect();
    json!({
        "format": p.key.format,
        "namespace": p.key.namespace,
        "packageName": p.key.name,
        "displayName": v.meta.display_name.as_deref().unwrap_or(&p.key.name),
        "version": v.version,
        "summary": v.meta.summary,
        "homePage": v.meta.home_page,
        "sourceCodeRepository": v.meta.source_code_repository,
        "publishedTime": epoch_seconds(v.published_ms),
        "licenses": (!licenses.is_empty()).then_some(licenses),
        "revision": v.revision,
        "status": v.status.as_str(),
        "origin": version_origin(v),
    })
}

fn asset_summary(a: &Asset) -> Value {
    json!({
        "name": a.name,
        "size": a.size,
        "hashes": {"MD5": a.md5, "SHA-1": a.sha1, "SHA-256": a.sha256, "SHA-512": a.sha512},
    })
}

/// The members every per-version output starts with.
fn version_header(p: &Package, v: &Version) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("format".into(), json!(p.key.format));
    m.insert("namespace".into(), json!(p.key.namespace));
    m.insert("package".into(), json!(p.key.name));
    m.insert("version".into(), json!(v.version));
    m.insert("versionRevision".into(), json!(v.revision));
    m
}

/// Keys compare as strings; numbers are zero-padded so they sort numerically.
fn pad(n: i64) -> String {
    format!("{n:020}")
}

/// Keeps the items after the page token's key (items sorted by `key`), cuts a page and makes
/// the next token.
fn paginate<T>(
    operation: &str,
    input: &Value,
    items: Vec<T>,
    key: impl Fn(&T) -> Vec<String>,
) -> Result<(Vec<T>, Option<String>), ApiError> {
    let limit = page_size(input);
    let after = decode_token(operation, input)?;
    let mut rest: Vec<T> = match after {
        Some(after) => items.into_iter().filter(|i| key(i) > after).collect(),
        None => items,
    };
    let next = (rest.len() > limit).then(|| {
        rest.truncate(limit);
        let k = key(&rest[limit - 1]);
        encode_token(operation, &k.iter().map(String::as_str).collect::<Vec<_>>())
    });
    Ok((rest, next))
}

// ---- packages -----------------------------------------------------------------------------------

/// ListPackages writes its body itself, straight from the SQL rows: a listing of 100,000
/// packages is 100 pages of 1,000, and building a `Value` per item (three maps, a dozen
/// allocations) was most of a page's cost (bench/list_packages.sh). The shape is PackageSummary's,
/// in model order; a test checks it against the model-driven encoder.
pub fn list_packages(ctx: &Ctx, input: Value) -> Result<Vec<u8>, ApiError> {
    let filter = store::PackageFilter {
        format: opt_str(&input, "format"),
        namespace_prefix: opt_str(&input, "namespace"),
        name_prefix: opt_str(&input, "packagePrefix"),
        publish: opt_str(&input, "publish"),
        upstream: opt_str(&input, "upstream"),
    };
    let limit = page_size(&input);
    let after = decode_token("ListPackages", &input)?;
    let after = match after.as_deref() {
        None => None,
        Some([f, n, m]) => Some((f.as_str(), n.as_str(), m.as_str())),
        Some(_) => {
            return Err(ApiError::validation_reason(
                "OTHER",
                "The pagination token is invalid",
            ));
        }
    };
    ctx.store.read(|conn| {
        let d = ctx.find_domain(conn, &input)?;
        let r = ctx.find_repository(conn, &d, req_str(&input, "repository")?)?;
        let mut body = Vec::with_capacity(256 + limit * 160);
        body.extend_from_slice(b"{\"packages\":[");
        let mut written = 0;
        let mut last_key = None;
        store::packages_page(conn, &d.name, &r.name, &filter, after, limit + 1, |p| {
            written += 1;
            if written > limit {
                return; // the extra row only says there is a next page
            }
            if written > 1 {
                body.push(b',');
            }
            write_package_summary(&mut body, p);
            if written == limit {
                last_key = Some([p.format, p.namespace, p.name].map(str::to_string));
            }
        })?;
        body.push(b']');
        if written > limit
            && let Some(k) = last_key
        {
            body.extend_from_slice(b",\"nextToken\":");
            write_str(
                &mut body,
                &encode_token("ListPackages", &[&k[0], &k[1], &k[2]]),
            );
        }
        body.push(b'}');
        Ok(body)
    })
}

/// One PackageSummary: format, namespace (left out when empty), package, originConfiguration.
fn write_package_summary(out: &mut Vec<u8>, p: &store::PackageRowRef<'_>) {
    out.extend_from_slice(b"{\"format\":");
    write_str(out, p.format);
    if !p.namespace.is_empty() {
        out.extend_from_slice(b",\"namespace\":");
        write_str(out, p.namespace);
    }
    out.extend_from_slice(b",\"package\":");
    write_str(out, p.name);
    out.extend_from_slice(b",\"originConfiguration\":{\"restrictions\":{\"publish\":");
    write_str(out, p.publish);
    out.extend_from_slice(b",\"upstream\":");
    write_str(out, p.upstream);
    out.extend_from_slice(b"}}}");
}

pub fn describe_package(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    ctx.store.read(|conn| {
        let (_, _, p) = locate(ctx, conn, &input)?;
        Ok(json!({"package": {
            "format": p.key.format,
            "namespace": p.key.namespace,
            "name": p.key.name,
            "originConfiguration": origin_configuration(&p),
        }}))
    })
}

pub fn delete_package(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    let (_, summary, _) = ctx.store.write_then(
        |tx| {
            let (d, _, p) = locate(ctx, tx, &input)?;
            store::delete_package(tx, p.id)?;
            let garbage = store::collect_garbage(tx, &d.name)?;
            Ok((d.name, package_summary(&p), garbage))
        },
        |(domain, _, garbage)| store::remove_blobs(ctx, domain, garbage),
    )?;
    Ok(json!({"deletedPackage": summary}))
}

pub fn put_origin_configuration(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    let publish = input["restrictions"]["publish"].as_str().unwrap_or("ALLOW");
    let upstream = input["restrictions"]["upstream"]
        .as_str()
        .unwrap_or("ALLOW");
    ctx.store.write(|tx| {
        let d = ctx.find_domain(tx, &input)?;
        let r = ctx.find_repository(tx, &d, req_str(&input, "repository")?)?;
        let key = key_of(&input)?;
        // Configuring a package that has no version yet creates it: the service lets origin
        // controls be set ahead of the first version.
        let mut p = store::ensure_package(tx, &d.name, &r.name, &key, Via::Configuration)?;
        store::set_origin_controls(tx, p.id, publish, upstream)?;
        p.publish = publish.to_string();
        p.upstream = upstream.to_string();
        Ok(json!({"originConfiguration": origin_configuration(&p)}))
    })
}

// ---- versions -----------------------------------------------------------------------------------

/// The tokens of ListPackageVersions, one operation name per order: a token is bound to the
/// order it was made for, so continuing a listing in the other order is refused as an invalid
/// token rather than skipping or repeating versions.
fn versions_token_operation(order: VersionOrder) -> &'static str {
    match order {
        VersionOrder::Arrival => "ListPackageVersions",
        VersionOrder::NewestFirst => "ListPackageVersions/PUBLISHED_TIME",
    }
}

/// The token after `c`. Its format predates the keyset query (zero-padded decimal keys that
/// sorted as strings: the id, or `i64::MAX -` the published time and the id for newest first),
/// and is kept so a listing in progress when a data dir is upgraded carries on.
fn versions_token(order: VersionOrder, c: VersionCursor) -> String {
    let op = versions_token_operation(order);
    match order {
        VersionOrder::Arrival => encode_token(op, &[&pad(c.id)]),
        VersionOrder::NewestFirst => encode_token(
            op,
            &[
                &pad(i64::MAX.wrapping_sub(c.published_ms)),
                &pad(i64::MAX.wrapping_sub(c.id)),
            ],
        ),
    }
}

fn versions_cursor(order: VersionOrder, input: &Value) -> Result<Option<VersionCursor>, ApiError> {
    let Some(after) = decode_token(versions_token_operation(order), input)? else {
        return Ok(None);
    };
    let invalid = || ApiError::validation_reason("OTHER", "The pagination token is invalid");
    let num = |s: &String| s.parse::<i64>().map_err(|_| invalid());
    // Wrapping both ways, so every time (even one before 1970) round-trips without overflow.
    let from_max = |s: &String| num(s).map(|k| i64::MAX.wrapping_sub(k));
    match (order, after.as_slice()) {
        (VersionOrder::Arrival, [id]) => Ok(Some(VersionCursor {
            // Not part of the arrival order's key.
            published_ms: 0,
            id: num(id)?,
        })),
        (VersionOrder::NewestFirst, [time, id]) => Ok(Some(VersionCursor {
            published_ms: from_max(time)?,
            id: from_max(id)?,
        })),
        _ => Err(invalid()),
    }
}

pub fn list_versions(ctx: &Ctx, input: Value) -> Result<Vec<u8>, ApiError> {
    let filter = store::VersionFilter {
        status: opt_str(&input, "status"),
        origin_type: opt_str(&input, "originType"),
    };
    let order = if opt_str(&input, "sortBy") == Some("PUBLISHED_TIME") {
        VersionOrder::NewestFirst
    } else {
        VersionOrder::Arrival
    };
    let limit = page_size(&input);
    let after = versions_cursor(order, &input)?;
    ctx.store.read(|conn| {
        let (_, _, p) = locate(ctx, conn, &input)?;
        let default = store::default_display_version(conn, p.id, &p.key.format)?;
        // One row more than the page: it only says whether there is a next page.
        let mut page = store::versions_page(conn, p.id, filter, order, after, limit + 1)?;
        let next = (page.len() > limit).then(|| {
            page.truncate(limit);
            versions_token(order, page[limit - 1].cursor)
        });
        // Written straight into the body, as ListPackages is (a package can have tens of
        // thousands of versions): PackageVersionSummary's members in model order.
        let mut body = Vec::with_capacity(256 + page.len() * 160);
        body.push(b'{');
        if let Some(d) = &default {
            body.extend_from_slice(b"\"defaultDisplayVersion\":");
            write_str(&mut body, d);
            body.push(b',');
        }
        body.extend_from_slice(b"\"format\":");
        write_str(&mut body, &p.key.format);
        if let Some(ns) = &p.key.namespace {
            body.extend_from_slice(b",\"namespace\":");
            write_str(&mut body, ns);
        }
        body.extend_from_slice(b",\"package\":");
        write_str(&mut body, &p.key.name);
        body.extend_from_slice(b",\"versions\":[");
        for (i, v) in page.iter().enumerate() {
            if i > 0 {
                body.push(b',');
            }
            body.extend_from_slice(b"{\"version\":");
            write_str(&mut body, &v.version);
            body.extend_from_slice(b",\"revision\":");
            write_str(&mut body, &v.revision);
            body.extend_from_slice(b",\"status\":");
            write_str(&mut body, &v.status);
            body.extend_from_slice(b",\"origin\":{\"domainEntryPoint\":");
            let (entry, name, kind) = match &v.origin {
                Origin::Internal { repository } => ("repositoryName", repository, "INTERNAL"),
                Origin::External { connection } => {
                    ("externalConnectionName", connection, "EXTERNAL")
                }
            };
            body.push(b'{');
            write_str(&mut body, entry);
            body.push(b':');
            write_str(&mut body, name);
            body.extend_from_slice(b"},\"originType\":");
            write_str(&mut body, kind);
            body.extend_from_slice(b"}}");
        }
        body.push(b']');
        if let Some(token) = &next {
            body.extend_from_slice(b",\"nextToken\":");
            write_str(&mut body, token);
        }
        body.push(b'}');
        Ok(body)
    })
}

pub fn describe_version(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    ctx.store.read(|conn| {
        let (_, p, v) = locate_version(ctx, conn, &input)?;
        Ok(json!({"packageVersion": version_description(&p, &v)}))
    })
}

/// The version strings of a batch request, each once, in request order.
fn requested_versions(input: &Value) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let listed = input["versions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str);
    for v in listed {
        if !out.iter().any(|o| o == v) {
            out.push(v.to_string());
        }
    }
    out
}

/// Accumulates a batch operation's answer.
#[derive(Default)]
struct Batch {
    ok: BTreeMap<String, Value>,
    failed: BTreeMap<String, Value>,
}

impl Batch {
    fn success(&mut self, version: &str, revision: &str, status: Status) {
        self.ok.insert(
            version.to_string(),
            json!({"revision": revision, "status": status.as_str()}),
        );
    }

    fn fail(&mut self, version: &str, code: &str, message: String) {
        self.failed.insert(
            version.to_string(),
            json!({"errorCode": code, "errorMessage": message}),
        );
    }

    fn into_json(self) -> Value {
        json!({
            "successfulVersions": Value::Object(self.ok.into_iter().collect()),
            "failedVersions": Value::Object(self.failed.into_iter().collect()),
        })
    }
}

/// The per-version checks shared by the batch operations: found, expected revision, expected
/// status. Returns the version when every check passes.
fn checked(
    batch: &mut Batch,
    conn: &Connection,
    p: &Package,
    version: &str,
    input: &Value,
) -> Result<Option<Version>, ApiError> {
    let Some(v) = store::find_version(conn, p.id, version)? else {
        batch.fail(
            version,
            "NOT_FOUND",
            format!("Package version '{version}' not found"),
        );
        return Ok(None);
    };
    if let Some(expected) = input["versionRevisions"]
        .get(version)
        .and_then(Value::as_str)
        && expected != v.revision
    {
        batch.fail(
            version,
            "MISMATCHED_REVISION",
            format!(
                "Package version '{version}' has revision '{}', not '{expected}'",
                v.revision
            ),
        );
        return Ok(None);
    }
    if let Some(expected) = opt_str(input, "expectedStatus")
        && expected != v.status.as_str()
    {
        batch.fail(
            version,
            "MISMATCHED_STATUS",
            format!(
                "Package version '{version}' has status '{}', not '{expected}'",
                v.status.as_str()
            ),
        );
        return Ok(None);
    }
    Ok(Some(v))
}

/// Versions named in `versionRevisions` count as requested too (UpdatePackageVersionsStatus and
/// DisposePackageVersions accept either).
fn batch_versions(input: &Value) -> Vec<String> {
    let mut out = requested_versions(input);
    if let Some(map) = input["versionRevisions"].as_object() {
        for k in map.keys() {
            if !out.contains(k) {
                out.push(k.clone());
            }
        }
    }
    out
}

pub fn delete_versions(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    let (_, batch) = ctx.store.write_then(
        |tx| {
            let (d, _, p) = locate(ctx, tx, &input)?;
            let mut batch = Batch::default();
            for version in requested_versions(&input) {
                if let Some(v) = checked(&mut batch, tx, &p, &version, &input)? {
                    store::delete_version(tx, v.id)?;
                    batch.success(&version, &v.revision, Status::Deleted);
                }
            }
            let garbage = store::collect_garbage(tx, &d.name)?;
            Ok(((d.name, garbage), batch.into_json()))
        },
        |((domain, garbage), _)| store::remove_blobs(ctx, domain, garbage),
    )?;
    Ok(batch)
}

pub fn dispose_versions(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    let (_, batch) = ctx.store.write_then(
        |tx| {
            let (d, _, p) = locate(ctx, tx, &input)?;
            let mut batch = Batch::default();
            for version in batch_versions(&input) {
                let Some(v) = checked(&mut batch, tx, &p, &version, &input)? else {
                    continue;
                };
                if v.status == Status::Disposed {
                    batch.fail(
                        &version,
                        "SKIPPED",
                        format!("Package version '{version}' is already Disposed"),
                    );
                    continue;
                }
                store::remove_assets(tx, v.id)?;
                store::set_status(tx, v.id, Status::Disposed)?;
                batch.success(&version, &v.revision, Status::Disposed);
            }
            let garbage = store::collect_garbage(tx, &d.name)?;
            Ok(((d.name, garbage), batch.into_json()))
        },
        |((domain, garbage), _)| store::remove_blobs(ctx, domain, garbage),
    )?;
    Ok(batch)
}

pub fn update_versions_status(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    let target_name = req_str(&input, "targetStatus")?;
    let Some(target @ (Status::Published | Status::Unlisted | Status::Archived)) =
        Status::parse(target_name)
    else {
        return Err(ApiError::validation_reason(
            "OTHER",
            format!(
                "targetStatus '{target_name}' is not allowed: a status can only be set to Published, Unlisted or Archived \
                 (use DisposePackageVersions to dispose, DeletePackageVersions to delete)"
            ),
        ));
    };
    ctx.store.write(|tx| {
        let (_, _, p) = locate(ctx, tx, &input)?;
        let mut batch = Batch::default();
        for version in batch_versions(&input) {
            let Some(v) = checked(&mut batch, tx, &p, &version, &input)? else {
                continue;
            };
            if v.status == target {
                batch.fail(
                    &version,
                    "SKIPPED",
                    format!(
                        "Package version '{version}' already has status '{}'",
                        target.as_str()
                    ),
                );
            } else if v.status == Status::Disposed {
                batch.fail(
                    &version,
                    "NOT_ALLOWED",
                    format!("Package version '{version}' is Disposed; its status cannot change"),
                );
            } else {
                store::set_status(tx, v.id, target)?;
                batch.success(&version, &v.revision, target);
            }
        }
        Ok(batch.into_json())
    })
}

pub fn copy_versions(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    let has_versions = input.get("versions").is_some_and(|v| !v.is_null());
    let has_revisions = input.get("versionRevisions").is_some_and(|v| !v.is_null());
    if has_versions == has_revisions {
        return Err(ApiError::validation_reason(
            "OTHER",
            "Specify exactly one of versions and versionRevisions",
        ));
    }
    let allow_overwrite = input["allowOverwrite"].as_bool().unwrap_or(false);
    let from_upstream = input["includeFromUpstream"].as_bool().unwrap_or(false);
    let source_name = req_str(&input, "sourceRepository")?;
    let dest_name = req_str(&input, "destinationRepository")?;
    if source_name == dest_name {
        return Err(ApiError::validation_reason(
            "OTHER",
            "The source and destination repositories must be different",
        ));
    }
    // Overwriting replaces the destination's assets: bytes only it used are collected.
    let (batch, _) = ctx.store.write_then(
        |tx| {
            let d = ctx.find_domain(tx, &input)?;
            let source = ctx.find_repository(tx, &d, source_name)?;
            let dest = ctx.find_repository(tx, &d, dest_name)?;
            let key = key_of(&input)?;
            // Where to look for the versions: the source alone, or with includeFromUpstream its
            // whole upstream graph in search order.
            let searched = if from_upstream {
                store::upstream_search_order(tx, &d.name, &source.name)?
            } else {
                vec![source.name.clone()]
            };
            let mut sources: Vec<Package> = Vec::new();
            for repo in &searched {
                if let Some(p) = store::find_package(tx, &d.name, repo, &key)? {
                    sources.push(p);
                }
            }
            if sources.is_empty() {
                return Err(package_not_found(&key, &source));
            }
            let publish_refusal = store::may_publish(tx, &d.name, &dest.name, &key).err();
            let mut batch = Batch::default();
            for version in batch_versions(&input) {
                let mut found = None;
                for p in &sources {
                    if let Some(v) = store::find_version(tx, p.id, &version)? {
                        found = Some(v);
                        break;
                    }
                }
                let Some(v) = found else {
                    batch.fail(
                        &version,
                        "NOT_FOUND",
                        format!(
                            "Package version '{version}' not found in repository '{}'",
                            source.name
                        ),
                    );
                    continue;
                };
                if let Some(expected) = input["versionRevisions"]
                    .get(&version)
                    .and_then(Value::as_str)
                    && expected != v.revision
                {
                    batch.fail(
                        &version,
                        "MISMATCHED_REVISION",
                        format!(
                            "Package version '{version}' has revision '{}', not '{expected}'",
                            v.revision
                        ),
                    );
                    continue;
                }
                if matches!(v.status, Status::Disposed | Status::Unfinished) {
                    batch.fail(
                        &version,
                        "NOT_ALLOWED",
                        format!(
                            "Package version '{version}' is {} and cannot be copied",
                            v.status.as_str()
                        ),
                    );
                    continue;
                }
                if let Some(e) = &publish_refusal {
                    batch.fail(&version, "NOT_ALLOWED", e.message.clone());
                    continue;
                }
                let dest_pkg = store::ensure_package(tx, &d.name, &dest.name, &key, Via::Publish)?;
                let existing = store::find_version(tx, dest_pkg.id, &version)?;
                let target = match existing {
                    Some(_) if !allow_overwrite => {
                        batch.fail(
                            &version,
                            "ALREADY_EXISTS",
                            format!(
                                "Package version '{version}' already exists in repository '{}'",
                                dest.name
                            ),
                        );
                        continue;
                    }
                    Some(existing) => {
                        store::set_status(tx, existing.id, v.status)?;
                        existing
                    }
                    None => {
                        store::ensure_version(
                            ctx,
                            tx,
                            &dest_pkg,
                            &version,
                            v.origin.clone(),
                            v.status,
                        )?
                        .0
                    }
                };
                store::copy_version_contents(ctx, tx, &v, target.id)?;
                batch.success(&version, &v.revision, v.status);
            }
            let garbage = store::collect_garbage(tx, &d.name)?;
            Ok((batch.into_json(), (d.name, garbage)))
        },
        |(_, (domain, garbage))| store::remove_blobs(ctx, domain, garbage),
    )?;
    Ok(batch)
}

// ---- assets ---------------------------------------------------------------------------------------

pub fn publish(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    let key = key_of(&input)?;
    if key.format != "generic" {
        return Err(ApiError::validation_reason(
            "OTHER",
            format!(
                "PublishPackageVersion supports only the generic format, not '{}'",
                key.format
            ),
        ));
    }
    if key.namespace.is_none() {
        return Err(ApiError::validation_reason(
            "OTHER",
            "A namespace is required for generic packages",
        ));
    }
    let staged = &input["assetContent"];
    let declared = req_str(&input, "assetSHA256")?;
    let Some(path) = staged["stagedPath"].as_str() else {
        return Err(ApiError::validation_reason(
            "CANNOT_PARSE",
            "The asset content is missing",
        ));
    };
    // Computed while the upload streamed in; re-reading the file is only a fallback.
    let hashes = match BlobHashes::of_staged_json(staged) {
        Some(h) => h,
        None => BlobHashes::of_path(std::path::Path::new(path))?,
    };
    // The asset quota was enforced while the upload streamed in (blobs.rs).
    if hashes.sha256 != declared {
        return Err(ApiError::validation_reason(
            "OTHER",
            format!(
                "The asset's SHA-256 is {}, not the {declared} given in assetSHA256",
                hashes.sha256
            ),
        ));
    }
    let asset_name = req_str(&input, "assetName")?;
    let version = req_str(&input, "packageVersion")?;
    let unfinished = input["unfinished"].as_bool().unwrap_or(false);
    ctx.store.write(|tx| {
        let d = ctx.find_domain(tx, &input)?;
        let r = ctx.find_repository(tx, &d, req_str(&input, "repository")?)?;
        let existing = store::find_package(tx, &d.name, &r.name, &key)?;
        let existing_version = match &existing {
            Some(p) => store::find_version(tx, p.id, version)?,
            None => None,
        };
        // The same asset with the same bytes again is accepted (a retried upload); without
        // `unfinished` it still finishes an Unfinished version.
        let already: Option<Asset> = match &existing_version {
            Some(v) => store::assets(tx, v.id)?.into_iter().find(|a| a.name == asset_name),
            None => None,
        };
        if let (Some(v), Some(a)) = (&existing_version, &already) {
            if a.sha256 != hashes.sha256 {
                return Err(ApiError::conflict(
                    "asset",
                    asset_name,
                    format!("Asset '{asset_name}' already exists in package version '{version}' with different content"),
                ));
            }
            let p = existing.as_ref().expect("a version has a package");
            let status = if v.status == Status::Unfinished && !unfinished {
                store::set_status(tx, v.id, Status::Published)?;
                Status::Published
            } else {
                v.status
            };
            let mut out = version_header(p, v);
            out.insert("status".into(), json!(status.as_str()));
            out.insert("asset".into(), asset_summary(a));
            return Ok(Value::Object(out));
        }
        if let Some(v) = &existing_version
            && v.status != Status::Unfinished
        {
            return Err(ApiError::conflict(
                "package-version",
                version,
                format!(
                    "Package version '{version}' is {}; assets can only be added to an Unfinished version",
                    v.status.as_str()
                ),
            ));
        }
        store::may_publish(tx, &d.name, &r.name, &key)?;
        let p = store::ensure_package(tx, &d.name, &r.name, &key, Via::Publish)?;
        let (v, _) = store::ensure_version(ctx, tx, &p, version, Origin::published(&r.name), Status::Unfinished)?;
        let asset = store::add_asset_from(ctx, tx, &d.name, v.id, asset_name, staged, &hashes)?;
        let status = if unfinished { Status::Unfinished } else { Status::Published };
        store::set_status(tx, v.id, status)?;
        let v = store::find_version(tx, p.id, version)?.expect("just written");
        let mut out = version_header(&p, &v);
        out.insert("status".into(), json!(status.as_str()));
        out.insert("asset".into(), asset_summary(&asset));
        Ok(Value::Object(out))
    })
}

pub fn get_asset(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    let name = req_str(&input, "asset")?;
    ctx.store.read(|conn| {
        let (d, p, v) = locate_version(ctx, conn, &input)?;
        if let Some(rev) = opt_str(&input, "packageVersionRevision")
            && rev != v.revision
        {
            return Err(ApiError::not_found(
                "package-version",
                &v.version,
                format!("Package version '{}' has no revision '{rev}'", v.version),
            ));
        }
        if v.status == Status::Archived {
            return Err(ApiError::conflict(
                "package-version",
                &v.version,
                format!(
                    "Package version '{}' is Archived; its assets cannot be downloaded",
                    v.version
                ),
            ));
        }
        let asset = store::assets(conn, v.id)?
            .into_iter()
            .find(|a| a.name == name)
            .ok_or_else(|| {
                ApiError::not_found(
                    "asset",
                    name,
                    format!(
                        "Asset '{name}' not found in package version '{}' of package '{}'",
                        v.version,
                        shown(&p.key)
                    ),
                )
            })?;
        Ok(json!({
            "asset": {"domain": d.name, "sha256": asset.sha256},
            "assetName": asset.name,
            "packageVersion": v.version,
            "packageVersionRevision": v.revision,
        }))
    })
}

pub fn list_assets(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    ctx.store.read(|conn| {
        let (_, p, v) = locate_version(ctx, conn, &input)?;
        let all = store::assets(conn, v.id)?;
        let (page, next) = paginate("ListPackageVersionAssets", &input, all, |a| {
            vec![a.name.clone()]
        })?;
        let mut out = version_header(&p, &v);
        out.insert("nextToken".into(), json!(next));
        out.insert(
            "assets".into(),
            Value::Array(page.iter().map(asset_summary).collect()),
        );
        Ok(Value::Object(out))
    })
}

/// The most dependencies one ListPackageVersionDependencies answer holds. The operation has a
/// nextToken but no maxResults (and botocore no paginator), so the page size is the service's
/// to choose: 1,000 is the largest page any CodeArtifact listing returns (every maxResults is
/// 1..1000). It keeps one answer bounded, and no ordinary package comes near it, so in practice
/// every dependency still arrives in one page.
const DEPENDENCIES_PER_PAGE: usize = 1000;

pub fn list_dependencies(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    const OP: &str = "ListPackageVersionDependencies";
    ctx.store.read(|conn| {
        let (_, p, v) = locate_version(ctx, conn, &input)?;
        // The token holds the version's revision and the position to continue from. Dependencies
        // have no key of their own (the same package can be listed twice with different
        // types), and they change only with the revision, so a position is exact as long as
        // the revision is the same; a token from another revision would continue a different
        // list, and is refused.
        let invalid = || ApiError::validation_reason("OTHER", "The pagination token is invalid");
        let start = match decode_token(OP, &input)?.as_deref() {
            None => 0,
            Some([revision, position]) if *revision == v.revision => position
                .parse::<usize>()
                .ok()
                .filter(|n| *n <= v.meta.dependencies.len())
                .ok_or_else(invalid)?,
            Some(_) => return Err(invalid()),
        };
        let end = (start + DEPENDENCIES_PER_PAGE).min(v.meta.dependencies.len());
        let deps: Vec<Value> = v.meta.dependencies[start..end]
            .iter()
            .map(|dep| {
                json!({
                    "namespace": dep.namespace,
                    "package": dep.package,
                    "dependencyType": dep.dependency_type,
                    "versionRequirement": dep.version_requirement,
                })
            })
            .collect();
        let next = (end < v.meta.dependencies.len())
            .then(|| encode_token(OP, &[&v.revision, &end.to_string()]));
        let mut out = version_header(&p, &v);
        out.insert("nextToken".into(), json!(next));
        out.insert("dependencies".into(), Value::Array(deps));
        Ok(Value::Object(out))
    })
}

pub fn get_readme(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    ctx.store.read(|conn| {
        let (_, p, v) = locate_version(ctx, conn, &input)?;
        let mut out = version_header(&p, &v);
        out.insert("readme".into(), json!(v.meta.readme));
        Ok(Value::Object(out))
    })
}
