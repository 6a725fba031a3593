//! Maven repository layout, pure part: paths to coordinates, checksum files, the
//! artifact-level `maven-metadata.xml` the repository generates, and what the control plane
//! reads from a POM.
//!
//! Checksums are never stored: a `.sha1` (etc.) GET is computed from the file's bytes, and a
//! checksum PUT is only compared with them (404 before the file exists, 400 on a mismatch).
//! A version stays Unfinished until the artifact's `maven-metadata.xml` is uploaded.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{Method, Response, StatusCode};
use quick_xml::Reader;
use quick_xml::events::Event;
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha512};

use super::external::{self, External};
use super::{DpError, Target, body, check_asset_name, decode_segment, repo, safe_segment};
use crate::mock::Ctx;
use crate::mock::error::ApiError;
use crate::mock::store::packages::{
    self, Asset, BlobHashes, Dependency, License, Origin, PackageKey, Status, VersionMeta, Via,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checksum {
    Md5,
    Sha1,
    Sha256,
    Sha512,
}

impl Checksum {
    pub const ALL: [Checksum; 4] = [
        Checksum::Md5,
        Checksum::Sha1,
        Checksum::Sha256,
        Checksum::Sha512,
    ];

    pub fn extension(self) -> &'static str {
        match self {
            Checksum::Md5 => ".md5",
            Checksum::Sha1 => ".sha1",
            Checksum::Sha256 => ".sha256",
            Checksum::Sha512 => ".sha512",
        }
    }

    /// Lowercase hex digest of everything `read` yields, read in chunks (files can be large).
    pub fn of_reader(self, mut read: impl std::io::Read) -> std::io::Result<String> {
        fn run<D: Digest>(mut d: D, read: &mut dyn std::io::Read) -> std::io::Result<String> {
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                let n = read.read(&mut buf)?;
                if n == 0 {
                    return Ok(hex::encode(d.finalize()));
                }
                d.update(&buf[..n]);
            }
        }
        match self {
            Checksum::Md5 => run(md5::Md5::new(), &mut read),
            Checksum::Sha1 => run(Sha1::new(), &mut read),
            Checksum::Sha256 => run(Sha256::new(), &mut read),
            Checksum::Sha512 => run(Sha512::new(), &mut read),
        }
    }

    /// Whether an uploaded checksum file matches `actual`: its first word, compared without
    /// regard to case (some tools append the file name, some write upper case).
    pub fn matches(uploaded: &[u8], actual: &str) -> bool {
        std::str::from_utf8(uploaded)
            .ok()
            .and_then(|s| s.split_whitespace().next())
            .is_some_and(|word| word.eq_ignore_ascii_case(actual))
    }
}

/// What a Maven path addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `{group}/{artifact}/{version}/{file}`
    File {
        group: String,
        artifact: String,
        version: String,
        file: String,
        checksum: Option<Checksum>,
    },
    /// `{group}/{artifact}/maven-metadata.xml`: generated on GET, publishes on PUT.
    ArtifactMetadata {
        group: String,
        artifact: String,
        checksum: Option<Checksum>,
    },
}

pub const METADATA: &str = "maven-metadata.xml";

pub fn route(rest: &str) -> Result<Route, DpError> {
    let not_found = || DpError::not_found(format!("no Maven route for /{rest}"));
    let segs = rest
        .split('/')
        .map(decode_segment)
        .collect::<Result<Vec<_>, _>>()?;
    // An empty segment (a folder listing) is a path nothing is at; a segment that could climb
    // out of its folder or name a folder inside a file name is refused.
    if segs.iter().any(String::is_empty) {
        return Err(not_found());
    }
    if let Some(bad) = segs.iter().find(|s| !safe_segment(s)) {
        return Err(DpError::bad_request(format!(
            "invalid path segment {bad:?}: a Maven path names folders and a file"
        )));
    }
    let last = segs.last().ok_or_else(not_found)?;
    let (file, checksum) = match Checksum::ALL
        .iter()
        .find_map(|c| Some((last.strip_suffix(c.extension())?, *c)))
    {
        Some((f, c)) => (f.to_string(), Some(c)),
        None => (last.clone(), None),
    };
    let n = segs.len();
    // A version directory holds its own maven-metadata.xml only for SNAPSHOTs; elsewhere the
    // file names the artifact-level document.
    if file == METADATA && !(n >= 4 && segs[n - 2].ends_with("-SNAPSHOT")) {
        if n < 3 {
            return Err(not_found());
        }
        return Ok(Route::ArtifactMetadata {
            group: segs[..n - 2].join("."),
            artifact: segs[n - 2].clone(),
            checksum,
        });
    }
    if n < 4 {
        return Err(not_found());
    }
    check_asset_name(&file)?;
    Ok(Route::File {
        group: segs[..n - 3].join("."),
        artifact: segs[n - 3].clone(),
        version: segs[n - 2].clone(),
        file,
        checksum,
    })
}

/// The artifact-level metadata for `versions` (already in publish order, oldest first).
/// `release` is the newest non-SNAPSHOT version; `last_updated_ms` stamps the document.
pub fn artifact_metadata(
    group: &str,
    artifact: &str,
    versions: &[String],
    last_updated_ms: i64,
) -> String {
    let esc = |s: &str| quick_xml::escape::escape(s).into_owned();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata>\n");
    out.push_str(&format!("  <groupId>{}</groupId>\n", esc(group)));
    out.push_str(&format!("  <artifactId>{}</artifactId>\n", esc(artifact)));
    out.push_str("  <versioning>\n");
    if let Some(latest) = versions.last() {
        out.push_str(&format!("    <latest>{}</latest>\n", esc(latest)));
    }
    if let Some(release) = versions.iter().rev().find(|v| !v.ends_with("-SNAPSHOT")) {
        out.push_str(&format!("    <release>{}</release>\n", esc(release)));
    }
    out.push_str("    <versions>\n");
    for v in versions {
        out.push_str(&format!("      <version>{}</version>\n", esc(v)));
    }
    out.push_str("    </versions>\n");
    let stamp = chrono::DateTime::from_timestamp_millis(last_updated_ms)
        .unwrap_or_default()
        .format("%Y%m%d%H%M%S");
    out.push_str(&format!("    <lastUpdated>{stamp}</lastUpdated>\n"));
    out.push_str("  </versioning>\n</metadata>\n");
    out
}

/// What an uploaded artifact-level `maven-metadata.xml` says: its coordinates and versions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UploadedMetadata {
    pub group: Option<String>,
    pub artifact: Option<String>,
    pub versions: Vec<String>,
}

pub fn parse_metadata(xml: &[u8]) -> Result<UploadedMetadata, DpError> {
    let mut out = UploadedMetadata::default();
    walk(xml, |path, text| match (path, text) {
        (["metadata", "groupId"], Some(text)) => out.group = Some(text),
        (["metadata", "artifactId"], Some(text)) => out.artifact = Some(text),
        (["metadata", "version"], Some(text)) => out.versions.push(text),
        (["metadata", "versioning", "versions", "version"], Some(text)) => out.versions.push(text),
        _ => {}
    })
    .map_err(|e| DpError::bad_request(format!("maven-metadata.xml is not valid XML: {e}")))?;
    let mut seen = std::collections::HashSet::new();
    out.versions.retain(|v| seen.insert(v.clone()));
    Ok(out)
}

/// What the control plane shows of a version, from its POM.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PomInfo {
    pub name: Option<String>,
    pub description: Option<String>,
    pub url: Option<String>,
    pub scm: Option<String>,
    pub licenses: Vec<(String, Option<String>)>,
    /// (groupId, artifactId, version, scope)
    pub dependencies: Vec<(String, String, Option<String>, String)>,
}

pub fn parse_pom(xml: &[u8]) -> Result<PomInfo, DpError> {
    let mut info = PomInfo::default();
    let mut dep: (String, String, Option<String>, Option<String>) = Default::default();
    let mut license: (Option<String>, Option<String>) = (None, None);
    walk(xml, |path, text| match (path, text) {
        (["project", "name"], Some(text)) => info.name = Some(text),
        (["project", "description"], Some(text)) => {
            info.description = Some(text.trim().to_string());
        }
        (["project", "url"], Some(text)) => info.url = Some(text),
        (["project", "scm", "url"], Some(text)) => info.scm = Some(text),
        (["project", "licenses", "license", "name"], Some(text)) => license.0 = Some(text),
        (["project", "licenses", "license", "url"], Some(text)) => license.1 = Some(text),
        (["project", "licenses", "license"], None) => {
            if let Some(name) = license.0.take() {
                info.licenses.push((name, license.1.take()));
            }
            license = (None, None);
        }
        (["project", "dependencies", "dependency", "groupId"], Some(text)) => dep.0 = text,
        (["project", "dependencies", "dependency", "artifactId"], Some(text)) => dep.1 = text,
        (["project", "dependencies", "dependency", "version"], Some(text)) => dep.2 = Some(text),
        (["project", "dependencies", "dependency", "scope"], Some(text)) => dep.3 = Some(text),
        (["project", "dependencies", "dependency"], None) => {
            let (g, a, v, s) = std::mem::take(&mut dep);
            if !g.is_empty() && !a.is_empty() {
                info.dependencies
                    .push((g, a, v, s.unwrap_or_else(|| "compile".to_string())));
            }
        }
        _ => {}
    })
    .map_err(|e| DpError::bad_request(format!("the POM is not valid XML: {e}")))?;
    Ok(info)
}

/// Calls `f(path, Some(text))` for each element's text (trimmed), then `f(path, None)` as the
/// element closes, with `path` the element names from the root (namespace prefixes dropped).
fn walk(xml: &[u8], mut f: impl FnMut(&[&str], Option<String>)) -> Result<(), String> {
    let xml = std::str::from_utf8(xml).map_err(|e| e.to_string())?;
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<String> = Vec::new();
    let mut text = String::new();
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) => {
                stack.push(AsRef::<str>::as_ref(&e.local_name()).to_string());
                text.clear();
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::CData(t) => text.push_str(&t.into_inner()),
            Event::GeneralRef(r) => {
                // Entities (`&amp;`, `&#10;`) arrive separately from the text around them.
                if let Some(c) = r.resolve_char_ref().map_err(|e| e.to_string())? {
                    text.push(c);
                } else {
                    let name = r.into_inner();
                    let entity = format!("&{name};");
                    let resolved =
                        quick_xml::escape::unescape(&entity).map_err(|e| e.to_string())?;
                    text.push_str(&resolved);
                }
            }
            Event::End(_) => {
                let path: Vec<&str> = stack.iter().map(String::as_str).collect();
                let t = std::mem::take(&mut text);
                let t = t.trim();
                if !t.is_empty() {
                    f(&path, Some(t.to_string()));
                }
                f(&path, None);
                stack.pop();
            }
            Event::Eof if stack.is_empty() => return Ok(()),
            Event::Eof => return Err(format!("<{}> is not closed", stack.join("><"))),
            _ => {}
        }
    }
}

// ---- serving ----------------------------------------------------------------------------------

fn key(group: &str, artifact: &str) -> PackageKey {
    PackageKey::new("maven", Some(group), artifact)
}

/// Maven files are downloadable in every state but the ones that removed them from use: a
/// SNAPSHOT being deployed is Unfinished while the deploy plugin reads its metadata back.
fn servable(status: Status) -> bool {
    matches!(
        status,
        Status::Published | Status::Unlisted | Status::Unfinished
    )
}

fn content_type(file: &str) -> &'static str {
    if file.ends_with(".pom") || file.ends_with(".xml") {
        "text/xml"
    } else if file.ends_with(".jar") {
        "application/java-archive"
    } else {
        "application/octet-stream"
    }
}

fn checksum_of(asset: &Asset, c: Checksum) -> &str {
    match c {
        Checksum::Md5 => &asset.md5,
        Checksum::Sha1 => &asset.sha1,
        Checksum::Sha256 => &asset.sha256,
        Checksum::Sha512 => &asset.sha512,
    }
}

/// Checksum files are small; they are read whole to be compared.
const MAX_CHECKSUM_BODY: usize = 4096;
/// The documents read whole: `maven-metadata.xml` and POMs (whose metadata the control plane
/// shows), far larger than any real one.
const MAX_DOCUMENT: usize = 16 * 1024 * 1024;

pub async fn serve(
    ctx: &Arc<Ctx>,
    req: Request,
    target: &Target,
) -> Result<Response<Body>, DpError> {
    let route = route(&target.rest)?;
    let method = req.method().clone();
    let head = method == Method::HEAD;
    match (method, route) {
        (
            Method::GET | Method::HEAD,
            Route::ArtifactMetadata {
                group,
                artifact,
                checksum,
            },
        ) => {
            let xml = metadata_of(ctx, target, &group, &artifact).await?;
            let (body, ct) = match checksum {
                Some(c) => (c.of_reader(xml.as_bytes())?, "text/plain"),
                None => (xml, "text/xml"),
            };
            let mut resp = super::response(StatusCode::OK, ct, body);
            if head {
                *resp.body_mut() = Body::empty();
            }
            Ok(resp)
        }
        (
            Method::PUT,
            Route::ArtifactMetadata {
                group,
                artifact,
                checksum,
            },
        ) => {
            let body = body::read_whole(req, MAX_DOCUMENT).await?;
            if checksum.is_some() {
                // The repository generates this document, so the client's checksum of its own
                // copy has nothing to match; it is accepted and dropped.
                return Ok(super::response(StatusCode::CREATED, "text/plain", ""));
            }
            let uploaded = parse_metadata(&body)?;
            let ctx2 = Arc::clone(ctx);
            let t = target.clone();
            super::blocking(move || finish_versions(&ctx2, &t, &group, &artifact, &uploaded))
                .await?;
            Ok(super::response(StatusCode::CREATED, "text/plain", ""))
        }
        (
            Method::GET | Method::HEAD,
            Route::File {
                group,
                artifact,
                version,
                file,
                checksum,
            },
        ) => {
            let fetch_ctx = Arc::clone(ctx);
            let t = target.clone();
            let (g, a, v, f) = (
                group.clone(),
                artifact.clone(),
                version.clone(),
                file.clone(),
            );
            let asset = repo::find_asset(
                ctx,
                target,
                key(&group, &artifact),
                version,
                file.clone(),
                servable,
                |ext| async move { fetch_external(&fetch_ctx, &t, &ext, &g, &a, &v, &f).await },
            )
            .await?;
            match checksum {
                Some(c) => {
                    let mut resp = super::response(
                        StatusCode::OK,
                        "text/plain",
                        checksum_of(&asset, c).to_string(),
                    );
                    if head {
                        *resp.body_mut() = Body::empty();
                    }
                    Ok(resp)
                }
                None => {
                    repo::stream_asset(ctx, &target.domain, &asset, content_type(&file), head).await
                }
            }
        }
        (
            Method::PUT,
            Route::File {
                group,
                artifact,
                version,
                file,
                checksum: Some(c),
            },
        ) => {
            let body = body::read_whole(req, MAX_CHECKSUM_BODY).await?;
            let ctx2 = Arc::clone(ctx);
            let t = target.clone();
            let asset = super::blocking(move || {
                let missing = || {
                    DpError::not_found(format!(
                        "{file} has not been uploaded, so it has no checksum to check"
                    ))
                };
                let v = ctx2
                    .store
                    .read(|conn| {
                        let Some(pkg) = packages::find_package(
                            conn,
                            &t.domain,
                            &t.repo,
                            &key(&group, &artifact),
                        )?
                        else {
                            return Ok(None);
                        };
                        let Some(v) = packages::find_version(conn, pkg.id, &version)? else {
                            return Ok(None);
                        };
                        Ok(packages::assets(conn, v.id)?
                            .into_iter()
                            .find(|a| a.name == file))
                    })?
                    .ok_or_else(missing)?;
                Ok(v)
            })
            .await?;
            if Checksum::matches(&body, checksum_of(&asset, c)) {
                Ok(super::response(StatusCode::CREATED, "text/plain", ""))
            } else {
                Err(DpError::bad_request(format!(
                    "the {} checksum does not match {}",
                    &c.extension()[1..],
                    asset.name
                )))
            }
        }
        (
            Method::PUT,
            Route::File {
                group,
                artifact,
                version,
                file,
                checksum: None,
            },
        ) => {
            ctx.blobs
                .check_declared_size(crate::mock::protocol::content_length(req.headers()))?;
            let staged = ctx.blobs.stage(req.into_body().into_data_stream()).await?;
            let hashes = BlobHashes::of_staged(&staged)?;
            let pom = if file.ends_with(".pom") {
                if staged.size > MAX_DOCUMENT as u64 {
                    return Err(body::too_large(MAX_DOCUMENT as u64));
                }
                let bytes = std::fs::read(staged.path())?;
                Some(parse_pom(&bytes)?)
            } else {
                None
            };
            let ctx2 = Arc::clone(ctx);
            let t = target.clone();
            super::blocking(move || {
                let k = key(&group, &artifact);
                // A SNAPSHOT's own maven-metadata.xml is rewritten by every deploy (next build
                // number), so it replaces the previous one instead of conflicting with it.
                let replaces = file == METADATA && version.ends_with("-SNAPSHOT");
                let domain = t.domain.clone();
                ctx2.store.write_then(
                    |tx| {
                        packages::may_publish(tx, &t.domain, &t.repo, &k)?;
                        let pkg =
                            packages::ensure_package(tx, &t.domain, &t.repo, &k, Via::Publish)?;
                        // A version exists from its first file on, Unfinished until the artifact's
                        // maven-metadata.xml names it.
                        let (v, _) = packages::ensure_version(
                            &ctx2,
                            tx,
                            &pkg,
                            &version,
                            Origin::published(&t.repo),
                            Status::Unfinished,
                        )?;
                        if !matches!(v.status, Status::Unfinished | Status::Published) {
                            return Err(ApiError::conflict(
                                "package-version",
                                &version,
                                format!(
                                    "{group}:{artifact}:{version} is {} and takes no new files",
                                    v.status.as_str()
                                ),
                            ));
                        }
                        if replaces {
                            packages::remove_asset(tx, v.id, METADATA)?;
                        }
                        packages::add_asset(&ctx2, tx, &t.domain, v.id, &file, &staged, &hashes)?;
                        if let Some(pom) = &pom {
                            packages::set_metadata(&ctx2, tx, v.id, &pom_meta(&artifact, pom))?;
                        }
                        if replaces {
                            packages::collect_garbage(tx, &t.domain)
                        } else {
                            Ok(Vec::new())
                        }
                    },
                    |unused| packages::remove_blobs(&ctx2, &domain, unused),
                )?;
                Ok(())
            })
            .await?;
            Ok(super::response(StatusCode::CREATED, "text/plain", ""))
        }
        _ => Err(DpError::method_not_allowed()),
    }
}

/// Fetches one file through the external connection and stores it with its version
/// (Published: an upstream repository only serves finished versions). SNAPSHOTs never come
/// from external connections.
async fn fetch_external(
    ctx: &Arc<Ctx>,
    t: &Target,
    ext: &External,
    group: &str,
    artifact: &str,
    version: &str,
    file: &str,
) -> Result<Option<Asset>, DpError> {
    if version.ends_with("-SNAPSHOT") {
        return Ok(None);
    }
    let url = format!(
        "{}{}/{artifact}/{version}/{file}",
        ext.url,
        group.replace('.', "/")
    );
    let Some(blob) = external::get_to_blob(ctx, &url).await? else {
        return Ok(None);
    };
    let hashes = BlobHashes::of_staged(&blob)?;
    let meta = if file.ends_with(".pom") {
        let bytes = std::fs::read(blob.path())?;
        pom_meta(artifact, &parse_pom(&bytes)?)
    } else {
        VersionMeta {
            display_name: Some(artifact.to_string()),
            ..VersionMeta::default()
        }
    };
    let fetched = repo::Fetched {
        key: key(group, artifact),
        version: version.to_string(),
        asset: file.to_string(),
        blob,
        hashes,
        meta,
        document: None,
    };
    repo::save_external(ctx, t, ext, fetched).await
}

fn pom_meta(artifact: &str, pom: &PomInfo) -> VersionMeta {
    VersionMeta {
        display_name: Some(pom.name.clone().unwrap_or_else(|| artifact.to_string())),
        summary: pom.description.clone(),
        home_page: pom.url.clone(),
        source_code_repository: pom.scm.clone(),
        licenses: pom
            .licenses
            .iter()
            .map(|(name, url)| License {
                name: Some(name.clone()),
                url: url.clone(),
            })
            .collect(),
        readme: None,
        dependencies: pom
            .dependencies
            .iter()
            .map(|(g, a, v, scope)| Dependency {
                namespace: Some(g.clone()),
                package: a.clone(),
                dependency_type: Some(scope.clone()),
                version_requirement: v.clone(),
            })
            .collect(),
    }
}

/// The artifact's maven-metadata.xml: the versions published in the domain (through
/// upstreams), then the release versions the external connection the search reaches lists.
async fn metadata_of(
    ctx: &Arc<Ctx>,
    t: &Target,
    group: &str,
    artifact: &str,
) -> Result<String, DpError> {
    let ctx2 = Arc::clone(ctx);
    let t2 = t.clone();
    let k = key(group, artifact);
    let (found, ext) = super::blocking(move || {
        let (found, _) = ctx2
            .store
            .read(|conn| repo::list_versions(conn, &t2.domain, &t2.repo, &k, repo::listed))?;
        Ok((found, repo::external(&ctx2, &t2.domain, &t2.repo, &k)?))
    })
    .await?;
    let mut stamp = found
        .iter()
        .map(|l| l.version.published_ms)
        .max()
        .unwrap_or(0);
    let mut versions: Vec<String> = found.into_iter().map(|l| l.version.version).collect();
    if let Some(ext) = ext {
        let url = format!(
            "{}{}/{artifact}/{METADATA}",
            ext.url,
            group.replace('.', "/")
        );
        if let Some(xml) = external::get_bytes(&url, None, 16 * 1024 * 1024).await? {
            let upstream = parse_metadata(&xml).map_err(|e| {
                DpError::new(
                    StatusCode::BAD_GATEWAY,
                    format!("upstream {url}: {}", e.message),
                )
            })?;
            for v in upstream.versions {
                if !v.ends_with("-SNAPSHOT") && !versions.contains(&v) {
                    versions.push(v);
                }
            }
            stamp = stamp.max(ctx.now_ms());
        }
    }
    if versions.is_empty() {
        return Err(DpError::not_found(format!(
            "{group}:{artifact} has no published version here"
        )));
    }
    Ok(artifact_metadata(group, artifact, &versions, stamp))
}

/// The upload of an artifact's maven-metadata.xml: every Unfinished version it names becomes
/// Published, now.
fn finish_versions(
    ctx: &Ctx,
    t: &Target,
    group: &str,
    artifact: &str,
    uploaded: &UploadedMetadata,
) -> Result<(), DpError> {
    if uploaded.group.as_deref().is_some_and(|g| g != group)
        || uploaded.artifact.as_deref().is_some_and(|a| a != artifact)
    {
        return Err(DpError::bad_request(
            "maven-metadata.xml names another artifact than its path",
        ));
    }
    let k = key(group, artifact);
    ctx.store.write(|tx| {
        let Some(pkg) = packages::find_package(tx, &t.domain, &t.repo, &k)? else {
            return Ok(());
        };
        let now = ctx.now_ms();
        for version in &uploaded.versions {
            if let Some(v) = packages::find_version(tx, pkg.id, version)?
                && v.status == Status::Unfinished
            {
                packages::set_status(tx, v.id, Status::Published)?;
                packages::set_published_time(tx, v.id, now)?;
            }
        }
        Ok(())
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_coordinates() {
        assert_eq!(
            route("com/example/lib/1.0/lib-1.0.jar").unwrap(),
            Route::File {
                group: "com.example".into(),
                artifact: "lib".into(),
                version: "1.0".into(),
                file: "lib-1.0.jar".into(),
                checksum: None
            }
        );
        assert_eq!(
            route("com/example/lib/1.0/lib-1.0.pom.sha512").unwrap(),
            Route::File {
                group: "com.example".into(),
                artifact: "lib".into(),
                version: "1.0".into(),
                file: "lib-1.0.pom".into(),
                checksum: Some(Checksum::Sha512)
            }
        );
        assert_eq!(
            route("com/example/lib/maven-metadata.xml.sha1").unwrap(),
            Route::ArtifactMetadata {
                group: "com.example".into(),
                artifact: "lib".into(),
                checksum: Some(Checksum::Sha1)
            }
        );
        // A SNAPSHOT's own metadata is a file of that version.
        assert!(matches!(
            route("g/lib/1.0-SNAPSHOT/maven-metadata.xml").unwrap(),
            Route::File { version, file, .. } if version == "1.0-SNAPSHOT" && file == METADATA
        ));
        for bad in [
            "",
            "lib-1.0.jar",
            "g/a/1.0/%2e%2e",
            "g/../a/1/x",
            "a/b/",
            "maven-metadata.xml",
            "g//1/x",
        ] {
            assert!(route(bad).is_err(), "{bad}");
        }
        // What could name a path outside its folder is a bad request, not a missing file.
        for hostile in [
            "com/x/1.0/..%2f..%2fx.jar",
            "com/x/1.0/..%2F..%2Fx.jar",
            "com/x/1.0/a%5cb.jar",
            "com/x/1.0/a%20b.jar",
            "com/..%2f/1.0/x.jar",
            "g/../a/1/x",
            "g/a/1.0/%2e%2e",
        ] {
            assert_eq!(
                route(hostile).unwrap_err().status,
                StatusCode::BAD_REQUEST,
                "{hostile}"
            );
        }
    }

    #[test]
    fn checksums_are_computed_and_compared_in_lowercase_hex() {
        let data: &[u8] = b"abc";
        assert_eq!(
            Checksum::Sha1.of_reader(data).unwrap(),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert_eq!(
            Checksum::Md5.of_reader(data).unwrap(),
            "900150983cd24fb0d6963f7d28e17f72"
        );
        assert_eq!(Checksum::Sha256.of_reader(data).unwrap().len(), 64);
        assert_eq!(Checksum::Sha512.of_reader(data).unwrap().len(), 128);
        assert!(Checksum::matches(
            b"A9993E364706816ABA3E25717850C26C9CD0D89D  abc.jar\n",
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        ));
        assert!(!Checksum::matches(
            b"00",
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        ));
        assert!(!Checksum::matches(b"\xff", "a9"));
    }

    #[test]
    fn generated_metadata_lists_versions_and_the_release() {
        let xml = artifact_metadata(
            "com.example",
            "lib",
            &["1.0".into(), "1.1".into(), "2.0-SNAPSHOT".into()],
            1_704_067_200_000,
        );
        assert!(xml.contains("<latest>2.0-SNAPSHOT</latest>"), "{xml}");
        assert!(xml.contains("<release>1.1</release>"));
        assert!(xml.contains("<lastUpdated>20240101000000</lastUpdated>"));
        let parsed = parse_metadata(xml.as_bytes()).unwrap();
        assert_eq!(parsed.group.as_deref(), Some("com.example"));
        assert_eq!(parsed.versions, ["1.0", "1.1", "2.0-SNAPSHOT"]);
        assert!(parse_metadata(b"<metadata><unclosed></metadata>").is_err());
    }

    #[test]
    fn poms_give_licenses_and_dependencies() {
        let pom = br#"<?xml version="1.0"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <name>Lib &amp; co</name><description> A lib </description><url>https://h</url>
  <licenses><license><name>Apache-2.0</name><url>https://a</url></license></licenses>
  <dependencies>
    <dependency><groupId>org.x</groupId><artifactId>y</artifactId><version>1</version></dependency>
    <dependency><groupId>org.z</groupId><artifactId>w</artifactId><scope>test</scope></dependency>
  </dependencies>
</project>"#;
        let info = parse_pom(pom).unwrap();
        assert_eq!(info.name.as_deref(), Some("Lib & co"));
        assert_eq!(info.description.as_deref(), Some("A lib"));
        assert_eq!(
            info.licenses,
            [("Apache-2.0".to_string(), Some("https://a".to_string()))]
        );
        assert_eq!(
            info.dependencies,
            [
                (
                    "org.x".into(),
                    "y".into(),
                    Some("1".into()),
                    "compile".into()
                ),
                ("org.z".into(), "w".into(), None, "test".into())
            ]
        );
    }
}
