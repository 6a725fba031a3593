//! RubyGems and Bundler against a repository (`/ruby/d/{domain}-{owner}/{repo}/`): the routes,
//! then `serve`, which wires the gem format (`ruby_gem`) to the store.
//!
//! What CodeArtifact serves for Ruby (user guide, "Using CodeArtifact with Ruby"): `gem push`
//! (`POST api/v1/gems`) and `gem install`; for Bundler the Dependencies API
//! (`api/v1/dependencies?gems=a,b`), not the compact index's `/versions` nor the full index
//! (`specs.4.8.gz`), and no `gem yank`, `owner` or `search`. What the clients of Debian 12 need
//! besides (read in their sources):
//! - RubyGems up to 3.5.18 resolves `gem install` through the compact index's `info/{gem}`
//!   files once a HEAD request on the repository root succeeds (`Gem::Source#
//!   dependency_resolver_set`), so the root answers and `info` files are served;
//! - Bundler 2.3 asks for `/versions` first and, on a 404, uses the Dependencies API;
//! - both fetch each gem's `quick/Marshal.4.8/{gem}.gemspec.rz` and then `gems/{gem}.gem`.
//!
//! Choices where the documentation is silent:
//! - Statuses as for npm: Published versions are listed and downloadable; Unlisted ones leave
//!   the listings (`info`, Dependencies API) but stay downloadable, so a Gemfile.lock pinning
//!   one still installs; Archived, Disposed and Deleted ones are neither.
//! - Each platform's `.gem` is an asset of the version; pushing the same bytes again succeeds,
//!   other bytes for the same file are a 409.
//! - Errors are plain text: `gem push` prints the body as it is.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{Method, Response, StatusCode};

use super::external::{self, External};
use super::ruby_gem::{self, Document, GemSpec, Listing, StoredGem};
use super::{DpError, Target, decode_segment, repo};
use crate::mock::Ctx;
use crate::mock::error::ApiError;
use crate::mock::store::documents;
use crate::mock::store::packages::{self, Asset, BlobHashes, Origin, PackageKey, Status, Via};

/// What a request under `/ruby/.../{repo}/` asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The repository root: RubyGems' probe before it reads `info` files.
    Root,
    Info(String),
    Dependencies,
    Push,
    /// `quick/Marshal.4.8/{full name}.gemspec.rz`
    Gemspec(String),
    /// `gems/{full name}.gem`
    Gem(String),
    /// An API the service does not offer.
    Unsupported(&'static str),
}

/// Parses the path after the repository (percent-encoded as received).
pub fn route(rest: &str) -> Result<Route, DpError> {
    let not_found = || DpError::not_found(format!("no Ruby route for /{rest}"));
    let segs: Vec<&str> = rest.split('/').collect();
    // A full name with at least one reading as name-version[-platform].
    let full_name = |file: &str, suffix: &str| -> Result<String, DpError> {
        let file = decode_segment(file)?;
        match file.strip_suffix(suffix) {
            Some(full) if !ruby_gem::split_full_name(full).is_empty() => Ok(full.to_string()),
            _ => Err(not_found()),
        }
    };
    match segs.as_slice() {
        [""] => Ok(Route::Root),
        ["info", name] => {
            let name = decode_segment(name)?;
            if ruby_gem::valid_name(&name) {
                Ok(Route::Info(name))
            } else {
                Err(not_found())
            }
        }
        ["api", "v1", "dependencies"] => Ok(Route::Dependencies),
        ["api", "v1", "gems"] => Ok(Route::Push),
        ["quick", "Marshal.4.8", file] => Ok(Route::Gemspec(full_name(file, ".gemspec.rz")?)),
        ["gems", file] => Ok(Route::Gem(full_name(file, ".gem")?)),
        ["versions"] => Ok(Route::Unsupported("the compact index's /versions")),
        [file] if file.starts_with("specs.") || file.contains("_specs.") => {
            Ok(Route::Unsupported("the full index (specs.4.8.gz)"))
        }
        ["api", "v1", "gems", "yank"] => Ok(Route::Unsupported("gem yank")),
        ["api", "v1", "gems", _, owners] if owners.starts_with("owners") => {
            Ok(Route::Unsupported("gem owner"))
        }
        ["api", "v1", search] if search.starts_with("search") => {
            Ok(Route::Unsupported("gem search"))
        }
        _ => Err(not_found()),
    }
}

/// The gem names of a Dependencies API query (`gems=a,b,c`), each once, invalid ones skipped
/// (they name no gem).
pub fn dependency_query(query: Option<&str>) -> Result<Vec<String>, DpError> {
    let mut names: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (k, v) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
        if k != "gems" {
            continue;
        }
        for name in v.split(',') {
            if ruby_gem::valid_name(name) && seen.insert(name.to_string()) {
                // Refused as soon as it is too many, before a long query costs more work.
                if names.len() == MAX_QUERY_GEMS {
                    return Err(DpError::bad_request(format!(
                        "at most {MAX_QUERY_GEMS} gems per Dependencies API request (Bundler \
                         asks for 50)"
                    )));
                }
                names.push(name.to_string());
            }
        }
    }
    Ok(names)
}

// ---- serving ----------------------------------------------------------------------------------

const MAX_QUERY_GEMS: usize = 500;
/// Upstream `info` files are small documents.
const MAX_UPSTREAM_INFO: usize = 16 * 1024 * 1024;
const BINARY: &str = "application/octet-stream";

fn key(name: &str) -> PackageKey {
    PackageKey::new("ruby", None, name)
}

/// Every failure as plain text with its status (`gem push` prints the body, Bundler the
/// status).
fn error_response(e: DpError) -> Response<Body> {
    let body = format!("{}\n", e.message);
    e.into_response_as("text/plain; charset=utf-8", body)
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

/// A 200 with `body`, or only its headers for HEAD.
fn ok(content_type: &'static str, body: impl Into<Body>, head: bool) -> Response<Body> {
    let body = if head { Body::empty() } else { body.into() };
    super::response(StatusCode::OK, content_type, body)
}

async fn handle(ctx: &Arc<Ctx>, req: Request, t: &Target) -> Result<Response<Body>, DpError> {
    let route = route(&t.rest)?;
    let method = req.method().clone();
    let head = method == Method::HEAD;
    match (method, route) {
        (Method::GET | Method::HEAD, Route::Root) => Ok(ok(
            "text/plain; charset=utf-8",
            "CodeArtifact Ruby repository\n",
            head,
        )),
        (Method::GET | Method::HEAD, Route::Info(name)) => {
            let listings = listings(ctx, t, &name).await?;
            if listings.is_empty() {
                return Err(DpError::not_found(format!(
                    "gem {name} is not in this repository"
                )));
            }
            Ok(ok(
                "text/plain; charset=utf-8",
                ruby_gem::info_file(&listings),
                head,
            ))
        }
        (Method::GET | Method::HEAD, Route::Dependencies) => {
            let names = dependency_query(req.uri().query())?;
            let mut gems = Vec::with_capacity(names.len());
            for name in names {
                let found = listings(ctx, t, &name).await?;
                gems.push((name, found));
            }
            Ok(ok(BINARY, ruby_gem::dependencies_body(&gems), head))
        }
        (Method::POST, Route::Push) => {
            let spec = push(ctx, t, req).await?;
            let what = match spec.platform.as_str() {
                ruby_gem::RUBY => spec.version.clone(),
                p => format!("{}-{p}", spec.version),
            };
            Ok(ok(
                "text/plain; charset=utf-8",
                format!("Successfully registered gem: {} ({what})", spec.name),
                false,
            ))
        }
        (Method::GET | Method::HEAD, Route::Gemspec(full)) => {
            let spec = gemspec(ctx, t, &full).await?;
            Ok(ok(BINARY, spec.quick_spec(), head))
        }
        (Method::GET | Method::HEAD, Route::Gem(full)) => {
            let asset = gem_asset(ctx, t, &full).await?;
            repo::stream_asset(ctx, &t.domain, &asset, BINARY, head).await
        }
        (_, Route::Unsupported(what)) => Err(DpError::not_found(format!(
            "{what} is not supported by CodeArtifact repositories"
        ))),
        _ => Err(DpError::method_not_allowed()),
    }
}

/// The gems of `name` the resolvers may choose from: the listed versions in the domain
/// (through upstreams), then those of the external connection the search reaches that the
/// domain does not have yet.
async fn listings(ctx: &Arc<Ctx>, t: &Target, name: &str) -> Result<Vec<Listing>, DpError> {
    let ctx2 = Arc::clone(ctx);
    let t2 = t.clone();
    let k = key(name);
    let (mut found, ext) = super::blocking(move || {
        let (versions, _) = ctx2
            .store
            .read(|conn| repo::list_versions(conn, &t2.domain, &t2.repo, &k, repo::listed))?;
        let found: Vec<Listing> = versions
            .iter()
            .flat_map(|l| {
                Document::from_value(l.document.as_ref())
                    .listings()
                    .collect::<Vec<_>>()
            })
            .collect();
        Ok((found, repo::external(&ctx2, &t2.domain, &t2.repo, &k)?))
    })
    .await?;
    if let Some(ext) = ext {
        for l in external_info(&ext, name).await? {
            if !found
                .iter()
                .any(|f| f.version == l.version && f.platform == l.platform)
            {
                found.push(l);
            }
        }
    }
    Ok(found)
}

/// The gems of `name` on the external connection's registry, from its compact-index `info`
/// file (rubygems.org serves it; its Dependencies API is gone).
async fn external_info(ext: &External, name: &str) -> Result<Vec<Listing>, DpError> {
    let url = format!("{}info/{name}", ext.url);
    Ok(external::get_bytes(&url, None, MAX_UPSTREAM_INFO)
        .await?
        .map(|body| ruby_gem::parse_info_file(&String::from_utf8_lossy(&body)))
        .unwrap_or_default())
}

/// The specification of a downloadable gem: from its version's document in the domain, or,
/// when only the external connection has it, by fetching the `.gem` first (as a download
/// would).
async fn gemspec(ctx: &Arc<Ctx>, t: &Target, full: &str) -> Result<GemSpec, DpError> {
    for (name, version, platform) in ruby_gem::split_full_name(full) {
        if let Some(spec) = stored_spec(ctx, t, &name, &version, &platform).await? {
            return Ok(spec);
        }
    }
    gem_asset(ctx, t, full).await?;
    for (name, version, platform) in ruby_gem::split_full_name(full) {
        if let Some(spec) = stored_spec(ctx, t, &name, &version, &platform).await? {
            return Ok(spec);
        }
    }
    Err(DpError::not_found(format!(
        "{full}.gemspec.rz is not in this repository"
    )))
}

async fn stored_spec(
    ctx: &Arc<Ctx>,
    t: &Target,
    name: &str,
    version: &str,
    platform: &str,
) -> Result<Option<GemSpec>, DpError> {
    let ctx2 = Arc::clone(ctx);
    let t2 = t.clone();
    let (k, version, platform) = (key(name), version.to_string(), platform.to_string());
    super::blocking(move || {
        let (versions, _) = ctx2
            .store
            .read(|conn| repo::list_versions(conn, &t2.domain, &t2.repo, &k, repo::downloadable))?;
        Ok(versions
            .into_iter()
            .find(|l| l.version.version == version)
            .and_then(|l| {
                Document::from_value(l.document.as_ref())
                    .gems
                    .remove(&platform)
            })
            .map(|g| g.spec))
    })
    .await
}

/// The `.gem` asset for a full name, found through upstreams (and retained) or fetched through
/// the external connection; every reading of an ambiguous full name is tried.
async fn gem_asset(ctx: &Arc<Ctx>, t: &Target, full: &str) -> Result<Asset, DpError> {
    let file = format!("{full}.gem");
    for (name, version, platform) in ruby_gem::split_full_name(full) {
        let fetch_ctx = Arc::clone(ctx);
        let t2 = t.clone();
        let (n, v, p, f) = (name.clone(), version.clone(), platform, file.clone());
        let found = repo::find_asset(
            ctx,
            t,
            key(&name),
            version,
            file.clone(),
            repo::downloadable,
            |ext| async move { fetch_external(&fetch_ctx, &t2, &ext, &n, &v, &p, &f).await },
        )
        .await;
        match found {
            Err(e) if e.status == StatusCode::NOT_FOUND => {}
            other => return other,
        }
    }
    Err(DpError::not_found(format!(
        "{file} is not in this repository"
    )))
}

/// Fetches one `.gem` through the external connection (checked against the checksum its
/// `info` line gives), reads its specification and stores it with its version.
async fn fetch_external(
    ctx: &Arc<Ctx>,
    t: &Target,
    ext: &External,
    name: &str,
    version: &str,
    platform: &str,
    file: &str,
) -> Result<Option<Asset>, DpError> {
    let Some(listing) = external_info(ext, name)
        .await?
        .into_iter()
        .find(|l| l.version == version && l.platform == platform)
    else {
        return Ok(None);
    };
    let Some(blob) = external::get_to_blob(ctx, &format!("{}gems/{file}", ext.url)).await? else {
        return Ok(None);
    };
    let bad = |m: String| DpError::new(StatusCode::BAD_GATEWAY, m);
    if listing
        .sha256
        .as_deref()
        .is_some_and(|sha| sha != blob.sha256)
    {
        return Err(bad(format!(
            "the upstream {file} does not match its checksum"
        )));
    }
    let hashes = BlobHashes::of_staged(&blob)?;
    let (ctx2, t2, ext) = (Arc::clone(ctx), t.clone(), ext.clone());
    let (name, version, platform) = (name.to_string(), version.to_string(), platform.to_string());
    super::blocking(move || {
        let spec = ruby_gem::read_gem(std::fs::File::open(blob.path())?).map_err(|e| {
            bad(format!(
                "the upstream {} is not readable: {e}",
                blob_name(&name, &version, &platform)
            ))
        })?;
        if (
            spec.name.as_str(),
            spec.version.as_str(),
            spec.platform.as_str(),
        ) != (name.as_str(), version.as_str(), platform.as_str())
        {
            return Err(bad(format!(
                "the upstream {} holds {}",
                blob_name(&name, &version, &platform),
                spec.file_name()
            )));
        }
        let k = key(&name);
        // The version's other platforms, fetched earlier, stay in its document.
        let existing = ctx2.store.read(|conn| {
            let Some(pkg) = packages::find_package(conn, &t2.domain, &ext.repo, &k)? else {
                return Ok(None);
            };
            let Some(v) = packages::find_version(conn, pkg.id, &version)? else {
                return Ok(None);
            };
            documents::get(conn, v.id)
        })?;
        let mut doc = Document::from_value(existing.as_ref());
        let meta = spec.version_meta();
        let asset = spec.file_name();
        doc.gems.insert(
            platform,
            StoredGem {
                spec,
                sha256: hashes.sha256.clone(),
            },
        );
        let fetched = repo::Fetched {
            key: k,
            version,
            asset,
            blob,
            hashes,
            meta,
            document: Some(doc.to_value()),
        };
        Ok(Some(repo::store_external(
            &ctx2, &t2.domain, &t2.repo, &ext, &fetched,
        )?))
    })
    .await
}

fn blob_name(name: &str, version: &str, platform: &str) -> String {
    format!("{}.gem", ruby_gem::full_name(name, version, platform))
}

/// `gem push`: the body is the `.gem`, staged to disk as it arrives (never held whole in
/// memory), then read for its specification and stored.
async fn push(ctx: &Arc<Ctx>, t: &Target, req: Request) -> Result<GemSpec, DpError> {
    ctx.blobs
        .check_declared_size(crate::mock::protocol::content_length(req.headers()))?;
    let blob = ctx.blobs.stage(req.into_body().into_data_stream()).await?;
    let hashes = BlobHashes::of_staged(&blob)?;
    let (ctx2, t) = (Arc::clone(ctx), t.clone());
    super::blocking(move || {
        let spec =
            ruby_gem::read_gem(std::fs::File::open(blob.path())?).map_err(DpError::bad_request)?;
        let k = key(&spec.name);
        ctx2.store.write(|tx| {
            packages::may_publish(tx, &t.domain, &t.repo, &k)?;
            let pkg = packages::ensure_package(tx, &t.domain, &t.repo, &k, Via::Publish)?;
            let (v, created) = packages::ensure_version(
                &ctx2,
                tx,
                &pkg,
                &spec.version,
                Origin::published(&t.repo),
                Status::Published,
            )?;
            if !matches!(v.status, Status::Published | Status::Unlisted) {
                return Err(ApiError::conflict(
                    "package-version",
                    &spec.version,
                    format!(
                        "version {} of gem {} is {}: nothing can be pushed to it",
                        spec.version,
                        spec.name,
                        v.status.as_str()
                    ),
                ));
            }
            // Same bytes again succeed unchanged; other bytes are a 409 from add_asset.
            packages::add_asset(
                &ctx2,
                tx,
                &t.domain,
                v.id,
                &spec.file_name(),
                &blob,
                &hashes,
            )?;
            if created {
                packages::set_metadata(&ctx2, tx, v.id, &spec.version_meta())?;
            }
            let mut doc = Document::from_value(documents::get(tx, v.id)?.as_ref());
            doc.gems.insert(
                spec.platform.clone(),
                StoredGem {
                    spec: spec.clone(),
                    sha256: hashes.sha256.clone(),
                },
            );
            documents::set(tx, v.id, &doc.to_value())?;
            Ok(())
        })?;
        Ok(spec)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_cover_what_the_clients_ask() {
        assert_eq!(route("").unwrap(), Route::Root);
        assert_eq!(route("info/rack").unwrap(), Route::Info("rack".into()));
        assert_eq!(route("api/v1/dependencies").unwrap(), Route::Dependencies);
        assert_eq!(route("api/v1/gems").unwrap(), Route::Push);
        assert_eq!(
            route("quick/Marshal.4.8/net-http-0.4.1.gemspec.rz").unwrap(),
            Route::Gemspec("net-http-0.4.1".into())
        );
        assert_eq!(
            route("gems/nokogiri-1.15.0-x86_64-linux.gem").unwrap(),
            Route::Gem("nokogiri-1.15.0-x86_64-linux".into())
        );
        assert_eq!(
            route("versions").unwrap(),
            Route::Unsupported("the compact index's /versions")
        );
        for full_index in [
            "specs.4.8.gz",
            "latest_specs.4.8.gz",
            "prerelease_specs.4.8.gz",
        ] {
            assert!(matches!(route(full_index).unwrap(), Route::Unsupported(_)));
        }
        assert_eq!(
            route("api/v1/gems/yank").unwrap(),
            Route::Unsupported("gem yank")
        );
        for bad in [
            "info/",
            "info/..",
            "info/a%2fb",
            "gems/rack.gem",
            "gems/..%2fx-1.0.gem",
            "gems/rack-1.0.tgz",
            "quick/Marshal.4.8/rack-1.0.gemspec",
            "quick/Marshal.4.9/rack-1.0.gemspec.rz",
            "api/v2/gems",
            "%ff",
            "a/b/c",
        ] {
            assert_eq!(
                route(bad).unwrap_err().status,
                StatusCode::NOT_FOUND,
                "{bad}"
            );
        }
    }

    #[test]
    fn dependency_queries_name_each_gem_once() {
        assert_eq!(
            dependency_query(Some("gems=rack%2Crake,rack,,bad%2F..,x")).unwrap(),
            ["rack", "rake", "x"]
        );
        assert!(dependency_query(None).unwrap().is_empty());
        assert!(dependency_query(Some("other=1")).unwrap().is_empty());
        let many: Vec<String> = (0..=MAX_QUERY_GEMS).map(|i| format!("g{i}")).collect();
        let e = dependency_query(Some(&format!("gems={}", many.join(",")))).unwrap_err();
        assert_eq!(e.status, StatusCode::BAD_REQUEST);
    }
}
