//! PyPI, pure part: name normalisation (PEP 503), routes, the simple pages (PEP 503 HTML and
//! PEP 691 JSON, chosen by `Accept`) and twine's legacy upload form.
//!
//! File links are relative to the project page (`{version}/{filename}`), so they inherit the
//! index URL's host and credentials however the client was configured.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderValue, Method, Response, StatusCode, header};
use futures_util::Stream;
use md5::Md5;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Value, json};
use sha2::Digest;

use super::external::{self, External};
use super::{DpError, Target, body, check_asset_name, decode_segment, repo, safe_segment};
use crate::mock::Ctx;
use crate::mock::blobs::{BlobStore, StagedBlob};
use crate::mock::store::documents;
use crate::mock::store::packages::{
    self, Asset, BlobHashes, Dependency, License, Origin, PackageKey, Status, VersionMeta, Via,
};

/// PEP 503: lowercase, every run of `-`, `_` and `.` becomes one `-`.
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut in_run = false;
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            if !in_run {
                out.push('-');
            }
            in_run = true;
        } else {
            out.extend(c.to_lowercase());
            in_run = false;
        }
    }
    out
}

/// A valid project name (PEP 508): ASCII letters and digits, with `-`, `_`, `.` inside.
pub fn valid_name(name: &str) -> bool {
    let b = name.as_bytes();
    !b.is_empty()
        && b.first().is_some_and(u8::is_ascii_alphanumeric)
        && b.last().is_some_and(u8::is_ascii_alphanumeric)
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// POST to the repository root: twine's upload.
    Upload,
    /// `simple/{project}/`, with the project normalised.
    Project(String),
    File {
        project: String,
        version: String,
        filename: String,
    },
}

pub fn route(rest: &str) -> Result<Route, DpError> {
    let not_found = || DpError::not_found(format!("no PyPI route for /{rest}"));
    let segs: Vec<&str> = rest.split('/').collect();
    let project = |raw: &str| -> Result<String, DpError> {
        let name = decode_segment(raw)?;
        if valid_name(&name) {
            Ok(normalize(&name))
        } else {
            Err(not_found())
        }
    };
    match segs.as_slice() {
        ["" | "legacy"] | ["legacy", ""] => Ok(Route::Upload),
        ["simple", p] | ["simple", p, ""] if !p.is_empty() => Ok(Route::Project(project(p)?)),
        ["simple", p, version, file] if !version.is_empty() && !file.is_empty() => {
            let version = decode_segment(version)?;
            let filename = decode_segment(file)?;
            if !safe_segment(&version) {
                return Err(DpError::bad_request(format!("invalid version {version:?}")));
            }
            check_asset_name(&filename)?;
            Ok(Route::File {
                project: project(p)?,
                version,
                filename,
            })
        }
        _ => Err(not_found()),
    }
}

/// One distribution file on a project page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileLink {
    pub version: String,
    pub filename: String,
    pub sha256: String,
    pub requires_python: Option<String>,
}

/// Everything but unreserved characters is escaped in a link's path segments.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'+')
    .remove(b'!');

impl FileLink {
    fn href(&self) -> String {
        format!(
            "{}/{}#sha256={}",
            utf8_percent_encode(&self.version, SEGMENT),
            utf8_percent_encode(&self.filename, SEGMENT),
            self.sha256
        )
    }
}

fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

pub const HTML_TYPE: &str = "application/vnd.pypi.simple.v1+html";
pub const JSON_TYPE: &str = "application/vnd.pypi.simple.v1+json";

/// PEP 503 page for `project` (normalised name).
pub fn simple_html(project: &str, files: &[FileLink]) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html>\n  <head>\n    <meta name=\"pypi:repository-version\" content=\"1.0\">\n    <title>Links for {0}</title>\n  </head>\n  <body>\n    <h1>Links for {0}</h1>\n",
        html_escape(project)
    );
    for f in files {
        let requires = f
            .requires_python
            .as_deref()
            .map(|r| format!(" data-requires-python=\"{}\"", html_escape(r)))
            .unwrap_or_default();
        out.push_str(&format!(
            "    <a href=\"{}\"{requires}>{}</a><br/>\n",
            html_escape(&f.href()),
            html_escape(&f.filename)
        ));
    }
    out.push_str("  </body>\n</html>\n");
    out
}

/// PEP 691 JSON page for `project`.
pub fn simple_json(project: &str, files: &[FileLink]) -> Value {
    let files: Vec<Value> = files
        .iter()
        .map(|f| {
            let mut v = json!({
                "filename": f.filename,
                "url": f.href().split('#').next().unwrap_or_default(),
                "hashes": {"sha256": f.sha256},
            });
            if let Some(r) = &f.requires_python {
                v["requires-python"] = json!(r);
            }
            v
        })
        .collect();
    json!({"meta": {"api-version": "1.0"}, "name": project, "files": files})
}

/// Whether the client prefers PEP 691 JSON: its `Accept` gives the JSON type a higher quality
/// than every HTML type (ties go to HTML, which every client reads).
pub fn wants_json(accept: Option<&str>) -> bool {
    let Some(accept) = accept else { return false };
    let mut json_q = 0.0f32;
    let mut html_q = 0.0f32;
    for item in accept.split(',') {
        let mut parts = item.split(';');
        let media = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        match media.as_str() {
            JSON_TYPE => json_q = json_q.max(q),
            HTML_TYPE | "text/html" => html_q = html_q.max(q),
            _ => {}
        }
    }
    json_q > 0.0 && json_q > html_q
}

/// A parsed twine upload: the metadata fields (repeatable ones keep every value) and the file,
/// staged on disk and hashed.
pub struct Upload {
    pub name: String,
    pub version: String,
    pub filename: String,
    pub fields: BTreeMap<String, Vec<String>>,
    pub file: StagedBlob,
}

impl std::fmt::Debug for Upload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Upload")
            .field("name", &self.name)
            .field("version", &self.version)
            .field("filename", &self.filename)
            .finish_non_exhaustive()
    }
}

impl Upload {
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .get(name)
            .and_then(|v| v.first())
            .map(String::as_str)
            .filter(|v| !v.is_empty() && *v != "UNKNOWN")
    }

    pub fn requires_python(&self) -> Option<String> {
        self.field("requires_python").map(str::to_string)
    }

    /// Summary, home page, licenses, readme and dependencies for the control plane.
    pub fn info(&self) -> VersionInfo {
        let home_page = self.field("home_page").map(str::to_string).or_else(|| {
            self.fields.get("project_urls")?.iter().find_map(|u| {
                let (label, url) = u.split_once(',')?;
                matches!(
                    normalize(label.trim()).as_str(),
                    "homepage" | "home-page" | "home"
                )
                .then(|| url.trim().to_string())
            })
        });
        let licenses = self
            .field("license_expression")
            .or_else(|| self.field("license"))
            .map(|l| vec![l.to_string()])
            .unwrap_or_default();
        let dependencies = self
            .fields
            .get("requires_dist")
            .into_iter()
            .flatten()
            .filter_map(|req| {
                let end = req
                    .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
                    .unwrap_or(req.len());
                let name = &req[..end];
                valid_name(name).then(|| (normalize(name), req[end..].trim().to_string()))
            })
            .collect();
        VersionInfo {
            summary: self.field("summary").map(str::to_string),
            home_page,
            licenses,
            readme: self.field("description").map(str::to_string),
            dependencies,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VersionInfo {
    pub summary: Option<String>,
    pub home_page: Option<String>,
    pub licenses: Vec<String>,
    pub readme: Option<String>,
    /// (normalised project name, requirement after the name: extras, specifiers, markers)
    pub dependencies: Vec<(String, String)>,
}

/// The metadata fields of an upload, together (a long description is a few hundred KiB); each
/// is read into memory.
const MAX_FIELDS: u64 = 16 * 1024 * 1024;

/// The largest upload body: the fields, the file at the asset quota, and room for the parts'
/// headers.
fn max_upload_body(blobs: &BlobStore) -> u64 {
    MAX_FIELDS + blobs.max_asset_bytes() + 64 * 1024
}

/// The multipart boundary of a `multipart/form-data` content type.
pub fn boundary(content_type: Option<&str>) -> Result<String, DpError> {
    content_type
        .and_then(|ct| multer::parse_boundary(ct).ok())
        .ok_or_else(|| DpError::bad_request("an upload must be multipart/form-data"))
}

/// Reads twine's upload form: the file part `content` streams to a staged blob, the other
/// parts are metadata. Checks the action, the required fields, the file name against the
/// project, and the digests twine sends against the bytes received.
pub async fn parse_upload<S>(
    blobs: &BlobStore,
    body: S,
    boundary: String,
) -> Result<Upload, DpError>
where
    S: Stream<Item = Result<Bytes, axum::Error>> + Send + 'static,
{
    let bad = |m: String| DpError::bad_request(m);
    // Metadata fields are read into memory, so they are bounded, one by one and together; the
    // file streams to disk, bounded by the asset quota.
    let limits = multer::SizeLimit::new()
        .whole_stream(max_upload_body(blobs))
        .per_field(MAX_FIELDS)
        .for_field("content", blobs.max_asset_bytes());
    let mut fields_size = 0u64;
    let mut form = multer::Multipart::with_constraints(
        body,
        boundary,
        multer::Constraints::new().size_limit(limits),
    );
    let mut fields: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut file: Option<(String, StagedBlob, String)> = None;
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| form_error(e, "malformed upload form"))?
    {
        let name = field.name().unwrap_or_default().to_string();
        if name == "content" {
            let filename = field
                .file_name()
                .ok_or_else(|| bad("the content part has no file name".into()))?
                .to_string();
            let mut md5 = Md5::new();
            let stream =
                futures_util::StreamExt::map(field, |chunk| chunk.inspect(|c| md5.update(c)));
            let staged = blobs
                .stage(Box::pin(stream))
                .await
                .map_err(|e| match e.kind() {
                    // Over the asset quota: 413, as for the other formats.
                    std::io::ErrorKind::FileTooLarge => DpError::from(e),
                    _ => bad(format!("reading the uploaded file: {e}")),
                })?;
            file = Some((filename, staged, hex::encode(md5.finalize())));
        } else {
            let text = field
                .text()
                .await
                .map_err(|e| form_error(e, &format!("malformed form field {name}")))?;
            fields_size += (name.len() + text.len()) as u64;
            if fields_size > MAX_FIELDS {
                return Err(DpError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format!("the upload's fields are larger than {MAX_FIELDS} bytes"),
                ));
            }
            fields.entry(name).or_default().push(text);
        }
    }
    let first = |k: &str| fields.get(k).and_then(|v| v.first()).cloned();
    match first(":action").as_deref() {
        Some("file_upload") => {}
        other => return Err(bad(format!("unsupported :action {other:?}"))),
    }
    let name = first("name").filter(|n| valid_name(n));
    let name = name.ok_or_else(|| bad("the upload has no valid name".into()))?;
    let version = first("version")
        .filter(|v| safe_segment(v))
        .ok_or_else(|| bad("the upload has no valid version".into()))?;
    let (filename, staged, md5) =
        file.ok_or_else(|| bad("the upload has no content part".into()))?;
    check_asset_name(&filename)?;
    if !normalize(&filename).starts_with(&format!("{}-", normalize(&name))) {
        return Err(bad(format!(
            "the file name {filename:?} does not belong to project {name}"
        )));
    }
    if let Some(sha) = first("sha256_digest").filter(|s| !s.is_empty())
        && !sha.eq_ignore_ascii_case(&staged.sha256)
    {
        return Err(bad(format!(
            "{filename}: sha256_digest does not match the file"
        )));
    }
    if let Some(sum) = first("md5_digest").filter(|s| !s.is_empty())
        && !sum.eq_ignore_ascii_case(&md5)
    {
        return Err(bad(format!(
            "{filename}: md5_digest does not match the file"
        )));
    }
    Ok(Upload {
        name,
        version,
        filename,
        fields,
        file: staged,
    })
}

/// A form that passes its size limits is refused with 413, like every body over its limit.
fn form_error(e: multer::Error, what: &str) -> DpError {
    match e {
        multer::Error::StreamSizeExceeded { .. } | multer::Error::FieldSizeExceeded { .. } => {
            DpError::new(StatusCode::PAYLOAD_TOO_LARGE, format!("{what}: {e}"))
        }
        _ => DpError::bad_request(format!("{what}: {e}")),
    }
}

// ---- serving ----------------------------------------------------------------------------------

fn key(project: &str) -> PackageKey {
    PackageKey::new("pypi", None, project)
}

pub async fn serve(
    ctx: &Arc<Ctx>,
    req: Request,
    target: &Target,
) -> Result<Response<Body>, DpError> {
    let route = route(&target.rest)?;
    let method = req.method().clone();
    match (method, route) {
        (Method::POST, Route::Upload) => {
            let content_type = req
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            let boundary = boundary(content_type.as_deref())?;
            body::check_declared(req.headers(), max_upload_body(&ctx.blobs))?;
            let upload =
                parse_upload(&ctx.blobs, req.into_body().into_data_stream(), boundary).await?;
            let hashes = BlobHashes::of_staged(&upload.file)?;
            let ctx2 = Arc::clone(ctx);
            let t = target.clone();
            super::blocking(move || store_upload(&ctx2, &t, &upload, &hashes)).await?;
            Ok(super::response(StatusCode::OK, "text/plain", "OK"))
        }
        (m @ (Method::GET | Method::HEAD), Route::Project(project)) => {
            let accept = req
                .headers()
                .get(header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            let ctx2 = Arc::clone(ctx);
            let t = target.clone();
            let p = project.clone();
            let (mut links, ext) = super::blocking(move || {
                let ext = repo::external(&ctx2, &t.domain, &t.repo, &key(&p))?;
                Ok((project_files(&ctx2, &t, &p)?, ext))
            })
            .await?;
            if let Some(ext) = ext {
                for file in external_files(&ext, &project).await?.unwrap_or_default() {
                    if !links.iter().any(|l| l.filename == file.link.filename) {
                        links.push(file.link);
                    }
                }
            }
            if links.is_empty() {
                return Err(DpError::not_found(format!(
                    "{project} is not in this repository"
                )));
            }
            let mut resp = if wants_json(accept.as_deref()) {
                super::response(
                    StatusCode::OK,
                    JSON_TYPE,
                    simple_json(&project, &links).to_string(),
                )
            } else {
                super::response(StatusCode::OK, HTML_TYPE, simple_html(&project, &links))
            };
            resp.headers_mut()
                .insert(header::VARY, HeaderValue::from_static("Accept"));
            if m == Method::HEAD {
                *resp.body_mut() = Body::empty();
            }
            Ok(resp)
        }
        (
            m @ (Method::GET | Method::HEAD),
            Route::File {
                project,
                version,
                filename,
            },
        ) => {
            let fetch_ctx = Arc::clone(ctx);
            let t = target.clone();
            let (p, v, f) = (project.clone(), version.clone(), filename.clone());
            let asset = repo::find_asset(
                ctx,
                target,
                key(&project),
                version,
                filename,
                repo::downloadable,
                |ext| async move { fetch_external(&fetch_ctx, &t, &ext, &p, &v, &f).await },
            )
            .await?;
            repo::stream_asset(
                ctx,
                &target.domain,
                &asset,
                "application/octet-stream",
                m == Method::HEAD,
            )
            .await
        }
        _ => Err(DpError::method_not_allowed()),
    }
}

fn project_files(ctx: &Ctx, t: &Target, project: &str) -> Result<Vec<FileLink>, DpError> {
    let links = ctx.store.read(|conn| {
        let (found, _) =
            repo::list_versions(conn, &t.domain, &t.repo, &key(project), repo::listed)?;
        let mut links = Vec::new();
        for l in found {
            let requires = |file: &str| {
                l.document.as_ref()?["files"][file]["requires_python"]
                    .as_str()
                    .map(str::to_string)
            };
            for a in packages::assets(conn, l.version.id)? {
                links.push(FileLink {
                    requires_python: requires(&a.name),
                    version: l.version.version.clone(),
                    filename: a.name,
                    sha256: a.sha256,
                });
            }
        }
        Ok(links)
    })?;
    Ok(links)
}

/// A file listed by an upstream index, with where to download it.
struct UpstreamFile {
    link: FileLink,
    url: String,
}

/// The version in a distribution file name: `name-1.0-py3-none-any.whl`, `name-1.0.tar.gz`.
pub fn version_of_file(project: &str, filename: &str) -> Option<String> {
    if let Some(stem) = filename.strip_suffix(".whl") {
        return stem.split('-').nth(1).map(str::to_string);
    }
    let stem = [".tar.gz", ".zip", ".tar.bz2"]
        .iter()
        .find_map(|ext| filename.strip_suffix(ext))?;
    let (name, version) = stem.rsplit_once('-')?;
    (normalize(name) == normalize(project) && !version.is_empty()).then(|| version.to_string())
}

/// Simple pages from upstream indexes are bounded.
const MAX_UPSTREAM_PAGE: usize = 32 * 1024 * 1024;

/// The files of `project` on the external connection's index (PEP 691 JSON).
async fn external_files(
    ext: &External,
    project: &str,
) -> Result<Option<Vec<UpstreamFile>>, DpError> {
    let page = format!("{}simple/{project}/", ext.url);
    let Some(body) = external::get_bytes(&page, Some(JSON_TYPE), MAX_UPSTREAM_PAGE).await? else {
        return Ok(None);
    };
    let doc: Value = serde_json::from_slice(&body).map_err(|e| {
        DpError::new(
            StatusCode::BAD_GATEWAY,
            format!("the upstream page of {project} is not PEP 691 JSON: {e}"),
        )
    })?;
    let mut out = Vec::new();
    for f in doc["files"].as_array().into_iter().flatten() {
        let (Some(filename), Some(url), Some(sha256)) = (
            f["filename"].as_str(),
            f["url"].as_str(),
            f["hashes"]["sha256"].as_str(),
        ) else {
            continue;
        };
        let Some(version) = version_of_file(project, filename) else {
            continue;
        };
        // A file the service could not store under its name is not offered.
        if check_asset_name(filename).is_err() || !safe_segment(&version) {
            continue;
        }
        out.push(UpstreamFile {
            link: FileLink {
                version,
                filename: filename.to_string(),
                sha256: sha256.to_ascii_lowercase(),
                requires_python: f["requires-python"].as_str().map(str::to_string),
            },
            url: external::join(&page, url)?,
        });
    }
    Ok(Some(out))
}

/// Fetches one file through the external connection, checked against the index's sha256,
/// and stores it with its version.
async fn fetch_external(
    ctx: &Arc<Ctx>,
    t: &Target,
    ext: &External,
    project: &str,
    version: &str,
    filename: &str,
) -> Result<Option<Asset>, DpError> {
    let files = external_files(ext, project).await?.unwrap_or_default();
    let Some(file) = files
        .into_iter()
        .find(|f| f.link.filename == filename && f.link.version == version)
    else {
        return Ok(None);
    };
    let Some(blob) = external::get_to_blob(ctx, &file.url).await? else {
        return Ok(None);
    };
    if blob.sha256 != file.link.sha256 {
        return Err(DpError::new(
            StatusCode::BAD_GATEWAY,
            format!("the upstream {filename} does not match its sha256"),
        ));
    }
    let hashes = BlobHashes::of_staged(&blob)?;
    let ctx2 = Arc::clone(ctx);
    let t2 = t.clone();
    let ext = ext.clone();
    let project = project.to_string();
    super::blocking(move || {
        let k = key(&project);
        // The version's other files keep their Requires-Python.
        let existing = ctx2.store.read(|conn| {
            let Some(pkg) = packages::find_package(conn, &t2.domain, &ext.repo, &k)? else {
                return Ok(None);
            };
            let Some(v) = packages::find_version(conn, pkg.id, &file.link.version)? else {
                return Ok(None);
            };
            documents::get(conn, v.id)
        })?;
        let mut doc = existing.unwrap_or_else(|| json!({"files": {}}));
        if !doc["files"].is_object() {
            doc["files"] = json!({});
        }
        doc["files"][&file.link.filename] = json!({"requires_python": file.link.requires_python});
        let fetched = repo::Fetched {
            key: k,
            version: file.link.version.clone(),
            asset: file.link.filename.clone(),
            blob,
            hashes,
            meta: VersionMeta {
                display_name: Some(project.clone()),
                ..VersionMeta::default()
            },
            document: Some(doc),
        };
        Ok(Some(repo::store_external(
            &ctx2, &t2.domain, &t2.repo, &ext, &fetched,
        )?))
    })
    .await
}

fn store_upload(
    ctx: &Ctx,
    t: &Target,
    upload: &Upload,
    hashes: &BlobHashes,
) -> Result<(), DpError> {
    let project = normalize(&upload.name);
    let k = key(&project);
    let info = upload.info();
    let meta = VersionMeta {
        display_name: Some(upload.name.clone()),
        summary: info.summary,
        home_page: info.home_page,
        source_code_repository: None,
        licenses: info.licenses.into_iter().map(License::named).collect(),
        readme: info.readme,
        dependencies: info
            .dependencies
            .into_iter()
            .map(|(package, req)| Dependency {
                namespace: None,
                package,
                dependency_type: Some("install".to_string()),
                version_requirement: (!req.is_empty()).then_some(req),
            })
            .collect(),
    };
    ctx.store.write(|tx| {
        packages::may_publish(tx, &t.domain, &t.repo, &k)?;
        let pkg = packages::ensure_package(tx, &t.domain, &t.repo, &k, Via::Publish)?;
        let (v, created) = packages::ensure_version(
            ctx,
            tx,
            &pkg,
            &upload.version,
            Origin::published(&t.repo),
            Status::Published,
        )?;
        packages::add_asset(
            ctx,
            tx,
            &t.domain,
            v.id,
            &upload.filename,
            &upload.file,
            hashes,
        )?;
        if created {
            packages::set_metadata(ctx, tx, v.id, &meta)?;
        }
        // Each file of a version carries its own Requires-Python.
        let mut doc = documents::get(tx, v.id)?.unwrap_or_else(|| json!({"files": {}}));
        if !doc["files"].is_object() {
            doc["files"] = json!({});
        }
        doc["files"][&upload.filename] = json!({"requires_python": upload.requires_python()});
        documents::set(tx, v.id, &doc)?;
        Ok(())
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_normalise_per_pep_503() {
        assert_eq!(normalize("Foo.Bar__baz-_-Q"), "foo-bar-baz-q");
        assert_eq!(normalize("abc"), "abc");
        assert!(valid_name("a.b_c-d1"));
        assert!(!valid_name("-a") && !valid_name("a b") && !valid_name(""));
    }

    #[test]
    fn versions_come_from_file_names() {
        assert_eq!(
            version_of_file("my-pkg", "my_pkg-1.0-py3-none-any.whl").as_deref(),
            Some("1.0")
        );
        assert_eq!(
            version_of_file("my-pkg", "my-pkg-2.0rc1.tar.gz").as_deref(),
            Some("2.0rc1")
        );
        assert_eq!(version_of_file("my-pkg", "other-1.0.tar.gz"), None);
        assert_eq!(version_of_file("my-pkg", "my_pkg-1.0.exe"), None);
    }

    #[test]
    fn routes() {
        assert_eq!(route("").unwrap(), Route::Upload);
        assert_eq!(
            route("simple/My_Pkg/").unwrap(),
            Route::Project("my-pkg".into())
        );
        assert_eq!(
            route("simple/my-pkg").unwrap(),
            Route::Project("my-pkg".into())
        );
        assert_eq!(
            route("simple/my-pkg/1.0/my_pkg-1.0-py3-none-any.whl").unwrap(),
            Route::File {
                project: "my-pkg".into(),
                version: "1.0".into(),
                filename: "my_pkg-1.0-py3-none-any.whl".into()
            }
        );
        for bad in [
            "simple/",
            "simple",
            "simple/a/..%2f/x",
            "simple/-x/",
            "other",
            "simple/a/1/%2e%2e",
        ] {
            assert!(route(bad).is_err(), "{bad}");
        }
    }

    fn links() -> Vec<FileLink> {
        vec![FileLink {
            version: "1.0".into(),
            filename: "my_pkg-1.0.tar.gz".into(),
            sha256: "ab".repeat(32),
            requires_python: Some(">=3.8".into()),
        }]
    }

    #[test]
    fn simple_pages_link_files_with_their_sha256() {
        let html = simple_html("my-pkg", &links());
        assert!(html.contains(&format!(
            "<a href=\"1.0/my_pkg-1.0.tar.gz#sha256={}\" data-requires-python=\"&gt;=3.8\">my_pkg-1.0.tar.gz</a>",
            "ab".repeat(32)
        )), "{html}");
        let j = simple_json("my-pkg", &links());
        assert_eq!(j["meta"]["api-version"], "1.0");
        assert_eq!(j["files"][0]["url"], "1.0/my_pkg-1.0.tar.gz");
        assert_eq!(j["files"][0]["hashes"]["sha256"], "ab".repeat(32));
        assert_eq!(j["files"][0]["requires-python"], ">=3.8");
    }

    #[test]
    fn accept_negotiation_follows_quality() {
        // What pip and uv send.
        assert!(wants_json(Some(
            "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1, text/html; q=0.01"
        )));
        assert!(!wants_json(Some("text/html")));
        assert!(!wants_json(None));
        assert!(!wants_json(Some(
            "application/vnd.pypi.simple.v1+json;q=0.1, text/html"
        )));
    }

    fn form(parts: &[(&str, Option<&str>, &[u8])]) -> (Vec<u8>, String) {
        let b = "XyZbOuNdArY";
        let mut body = Vec::new();
        for (name, file, data) in parts {
            body.extend_from_slice(
                format!("--{b}\r\nContent-Disposition: form-data; name=\"{name}\"").as_bytes(),
            );
            if let Some(f) = file {
                body.extend_from_slice(
                    format!("; filename=\"{f}\"\r\nContent-Type: application/octet-stream")
                        .as_bytes(),
                );
            }
            body.extend_from_slice(b"\r\n\r\n");
            body.extend_from_slice(data);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{b}--\r\n").as_bytes());
        (body, format!("multipart/form-data; boundary={b}"))
    }

    async fn parse(parts: &[(&str, Option<&str>, &[u8])]) -> Result<Upload, DpError> {
        let dir = tempfile::tempdir().unwrap();
        let blobs = BlobStore::open(dir.path().join("b")).unwrap();
        let (body, ct) = form(parts);
        let stream = futures_util::stream::iter(vec![Ok::<_, axum::Error>(Bytes::from(body))]);
        parse_upload(&blobs, stream, boundary(Some(&ct))?).await
    }

    #[tokio::test]
    async fn twine_uploads_parse_with_metadata_and_checked_digests() {
        let data = b"wheel bytes";
        let sha = hex::encode(sha2::Sha256::digest(data));
        let md5 = hex::encode(Md5::digest(data));
        let u = parse(&[
            (":action", None, b"file_upload"),
            ("protocol_version", None, b"1"),
            ("name", None, b"My.Pkg"),
            ("version", None, b"1.0"),
            ("summary", None, b"A thing"),
            ("license_expression", None, b"MIT"),
            ("requires_dist", None, b"requests>=2"),
            ("requires_dist", None, b"idna; extra == 'x'"),
            ("project_urls", None, b"Homepage, https://h"),
            ("sha256_digest", None, sha.as_bytes()),
            ("md5_digest", None, md5.as_bytes()),
            ("content", Some("my_pkg-1.0-py3-none-any.whl"), data),
        ])
        .await
        .unwrap();
        assert_eq!((u.name.as_str(), u.version.as_str()), ("My.Pkg", "1.0"));
        assert_eq!(u.file.sha256, sha);
        assert_eq!(u.file.size, data.len() as u64);
        let info = u.info();
        assert_eq!(info.summary.as_deref(), Some("A thing"));
        assert_eq!(info.home_page.as_deref(), Some("https://h"));
        assert_eq!(info.licenses, ["MIT"]);
        assert_eq!(
            info.dependencies,
            [
                ("requests".to_string(), ">=2".to_string()),
                ("idna".to_string(), "; extra == 'x'".to_string())
            ]
        );

        let wrong = parse(&[
            (":action", None, b"file_upload"),
            ("name", None, b"my-pkg"),
            ("version", None, b"1.0"),
            ("sha256_digest", None, "00".repeat(32).as_bytes()),
            ("content", Some("my_pkg-1.0.tar.gz"), data),
        ])
        .await
        .unwrap_err();
        assert!(wrong.message.contains("sha256"), "{}", wrong.message);
        let other_project = parse(&[
            (":action", None, b"file_upload"),
            ("name", None, b"my-pkg"),
            ("version", None, b"1.0"),
            ("content", Some("evil-1.0.tar.gz"), data),
        ])
        .await;
        assert!(other_project.is_err());
        assert!(
            parse(&[(":action", None, b"submit"), ("name", None, b"a")])
                .await
                .is_err()
        );
        assert!(boundary(Some("application/json")).is_err());
    }
}
