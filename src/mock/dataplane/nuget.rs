//! NuGet v3, pure part first: versions and ids as NuGet defines them, routes, and the JSON
//! documents of the resources `dotnet restore`, `dotnet nuget push` and nuget.exe use; then
//! `serve`, which wires them to the store.
//!
//! What CodeArtifact serves for NuGet (user guide, "Using CodeArtifact with NuGet" and "NuGet
//! compatibility"): the V3 protocol only, the service index at `{endpoint}v3/index.json`, nuget
//! and dotnet 4.8+ (restore, install, push; `nuget list`, a V2 command, is not served), Basic
//! authentication `aws:TOKEN` from NuGet.Config's packageSourceCredentials (NuGet sends it after
//! the 401 challenge, the push included; an `X-NuGet-ApiKey` is not a credential here). Names
//! are stored lowercased, versions normalised as NuGet.Versioning does (leading zeros dropped,
//! a zero fourth part dropped, build metadata dropped) and lowercased, and the asset is
//! `{id}.{version}.nupkg` from those normalised forms.
//!
//! The service index lists:
//! - `PackageBaseAddress/3.0.0` (`v3/package/`): the flat container restore reads: version
//!   lists, `.nupkg` and `.nuspec` downloads, all paths lowercased;
//! - `PackagePublish/2.0.0` (`v2/package`): push (`PUT`, the package as a multipart part),
//!   unlist (`DELETE {id}/{version}`) and relist (`POST {id}/{version}`);
//! - `RegistrationsBaseUrl` in every version clients look for (`3.0.0-beta`, `3.0.0-rc`,
//!   `3.4.0`, `3.6.0`): one uncompressed hive with SemVer 2.0.0 packages in it (CodeArtifact
//!   supports NuGet 4.8+, which reads them all);
//! - `SearchQueryService` (`3.0.0-beta`, `3.0.0-rc`, `3.5.0`): `dotnet package search` and
//!   Visual Studio's browse tab; matches terms in ids, titles, tags and descriptions.
//!
//! Choices where the documentation is silent:
//! - Unlisting (`nuget delete`) sets the version Unlisted, relisting sets it Published again,
//!   as cargo's yank does: an unlisted version leaves search and shows `listed: false` in its
//!   registration, but stays in the flat container's version list, as on nuget.org, so a
//!   project that pins it still restores.
//! - Through an external connection (`public:nuget-org` pointed at another feed's service
//!   index), the flat container lists the feed's versions too and a download stores the
//!   package; registrations and search show what the domain holds.

use std::cmp::Ordering;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{Method, Response, StatusCode, header};
use serde_json::{Value, json};

use super::external::{self, External};
use super::nuspec::{self, Nuspec};
use super::zip::Archive;
use super::{DpError, Target, decode_segment, repo};
use crate::mock::Ctx;
use crate::mock::blobs::StagedBlob;
use crate::mock::store::packages::{
    self, Asset, BlobHashes, Dependency, License, PackageKey, Status, VersionMeta,
};

// ---- versions and ids -------------------------------------------------------------------------

/// A version as NuGet.Versioning parses it: one to four numbers, an optional SemVer 2.0.0
/// release label, and build metadata (which normalisation drops).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    numbers: [u32; 4],
    release: Option<String>,
    metadata: bool,
}

fn valid_labels(s: &str) -> bool {
    s.split('.')
        .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
}

impl Version {
    pub fn parse(s: &str) -> Option<Version> {
        let s = s.trim();
        let (rest, metadata) = match s.split_once('+') {
            Some((r, m)) if valid_labels(m) => (r, true),
            Some(_) => return None,
            None => (s, false),
        };
        let (numbers, release) = match rest.split_once('-') {
            Some((n, r)) if valid_labels(r) => (n, Some(r.to_string())),
            Some(_) => return None,
            None => (rest, None),
        };
        let parts: Vec<&str> = numbers.split('.').collect();
        if parts.is_empty() || parts.len() > 4 {
            return None;
        }
        let mut out = [0u32; 4];
        for (slot, p) in out.iter_mut().zip(&parts) {
            // Digits only (no sign), within a .NET int.
            if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            *slot = p.parse().ok().filter(|n| *n <= i32::MAX as u32)?;
        }
        Some(Version {
            numbers: out,
            release,
            metadata,
        })
    }

    /// NuGet's normalised string: three numbers, the fourth only when it is not zero, the
    /// release label as written, no metadata (`1.01.0.0+abc` is `1.1.0`).
    pub fn normalized(&self) -> String {
        let [a, b, c, d] = self.numbers;
        let mut s = format!("{a}.{b}.{c}");
        if d != 0 {
            s.push_str(&format!(".{d}"));
        }
        if let Some(r) = &self.release {
            s.push('-');
            s.push_str(r);
        }
        s
    }

    /// The stored form and the form in URLs: normalised and lowercased.
    pub fn key(&self) -> String {
        self.normalized().to_ascii_lowercase()
    }

    pub fn is_prerelease(&self) -> bool {
        self.release.is_some()
    }

    /// SemVer 2.0.0-only: a dotted release label or build metadata (hidden from clients that
    /// do not ask for `semVerLevel=2.0.0`).
    pub fn is_semver2(&self) -> bool {
        self.metadata || self.release.as_deref().is_some_and(|r| r.contains('.'))
    }

    /// NuGet's precedence: numbers, then a release sorts before none, labels compared one by
    /// one (numeric ones as numbers and before alphanumeric ones, the others without case).
    pub fn precedence(&self, other: &Version) -> Ordering {
        self.numbers
            .cmp(&other.numbers)
            .then_with(|| match (&self.release, &other.release) {
                (None, None) => Ordering::Equal,
                (None, Some(_)) => Ordering::Greater,
                (Some(_), None) => Ordering::Less,
                (Some(a), Some(b)) => {
                    let (mut x, mut y) = (a.split('.'), b.split('.'));
                    loop {
                        match (x.next(), y.next()) {
                            (None, None) => return Ordering::Equal,
                            (None, Some(_)) => return Ordering::Less,
                            (Some(_), None) => return Ordering::Greater,
                            (Some(p), Some(q)) => {
                                let o = match (p.parse::<u64>(), q.parse::<u64>()) {
                                    (Ok(m), Ok(n)) => m.cmp(&n),
                                    (Ok(_), Err(_)) => Ordering::Less,
                                    (Err(_), Ok(_)) => Ordering::Greater,
                                    (Err(_), Err(_)) => {
                                        p.to_ascii_lowercase().cmp(&q.to_ascii_lowercase())
                                    }
                                };
                                if o != Ordering::Equal {
                                    return o;
                                }
                            }
                        }
                    }
                }
            })
    }
}

/// Sorts stored version strings by NuGet precedence (unparsable ones last, as text).
fn sort_versions(versions: &mut [String]) {
    versions.sort_by(|a, b| match (Version::parse(a), Version::parse(b)) {
        (Some(x), Some(y)) => x.precedence(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => a.cmp(b),
    });
}

/// NuGet's package id rule (`PackageIdValidator`): word characters with single `.` or `-`
/// between them, at most 100 characters. ASCII word characters only, as every id on
/// nuget.org is.
pub fn valid_id(id: &str) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let b = id.as_bytes();
    !b.is_empty()
        && b.len() <= 100
        && word(b[0])
        && word(b[b.len() - 1])
        && b.windows(2).all(|w| word(w[0]) || word(w[1]))
        && b.iter().all(|&c| word(c) || c == b'.' || c == b'-')
}

/// The stored form of an id: lowercased.
pub fn normalize_id(id: &str) -> String {
    id.to_ascii_lowercase()
}

/// The one asset of a version, from the normalised id and version.
pub fn asset_name(id: &str, version: &str) -> String {
    format!(
        "{}.{}.nupkg",
        normalize_id(id),
        version.to_ascii_lowercase()
    )
}

/// A NuGet version range as the registration shows it: a bare version `v` means `[v, )`
/// (NuGet's minimum-version rule), a bracketed range is kept, none means any version.
pub fn range(version: Option<&str>) -> String {
    match version.map(str::trim).filter(|v| !v.is_empty()) {
        None => "(, )".to_string(),
        Some(v) if v.starts_with(['[', '(']) => v.to_string(),
        Some(v) => match Version::parse(v) {
            Some(p) => format!("[{}, )", p.normalized()),
            None => v.to_string(),
        },
    }
}

// ---- routes -----------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum File {
    Nupkg,
    Nuspec,
}

/// What a request under `/nuget/.../{repo}/` asks for. Ids and versions are lowercased and
/// normalised as they are stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    ServiceIndex,
    /// The flat container's version list of an id.
    Versions(String),
    Content {
        id: String,
        version: String,
        file: File,
    },
    Registration(String),
    RegistrationLeaf {
        id: String,
        version: String,
    },
    Search,
    Publish,
    /// `DELETE` unlists, `POST` relists.
    Listing {
        id: String,
        version: String,
    },
}

pub fn route(rest: &str) -> Result<Route, DpError> {
    let not_found = || DpError::not_found(format!("no NuGet route for /{rest}"));
    let rest = rest.split('?').next().unwrap_or_default();
    let segs: Vec<&str> = rest.split('/').collect();
    let id = |raw: &str| -> Result<String, DpError> {
        let id = decode_segment(raw)?;
        if valid_id(&id) {
            Ok(normalize_id(&id))
        } else {
            Err(not_found())
        }
    };
    let version = |raw: &str| -> Result<String, DpError> {
        let v = decode_segment(raw)?;
        Version::parse(&v).map(|v| v.key()).ok_or_else(not_found)
    };
    match segs.as_slice() {
        ["v3", "index.json"] => Ok(Route::ServiceIndex),
        ["v3", "package", i, "index.json"] => Ok(Route::Versions(id(i)?)),
        ["v3", "package", i, v, file] => {
            let (id, version) = (id(i)?, version(v)?);
            let file = decode_segment(file)?.to_ascii_lowercase();
            let file = if file == asset_name(&id, &version) {
                File::Nupkg
            } else if file == format!("{id}.nuspec") {
                File::Nuspec
            } else {
                return Err(not_found());
            };
            Ok(Route::Content { id, version, file })
        }
        ["v3", "registration", i, "index.json"] => Ok(Route::Registration(id(i)?)),
        ["v3", "registration", i, leaf] => {
            let v = leaf.strip_suffix(".json").ok_or_else(not_found)?;
            Ok(Route::RegistrationLeaf {
                id: id(i)?,
                version: version(v)?,
            })
        }
        ["v3", "search"] => Ok(Route::Search),
        ["v2", "package"] | ["v2", "package", ""] => Ok(Route::Publish),
        ["v2", "package", i, v] => Ok(Route::Listing {
            id: id(i)?,
            version: version(v)?,
        }),
        _ => Err(not_found()),
    }
}

// ---- documents --------------------------------------------------------------------------------

/// The service index: every resource at a URL under the repository's endpoint.
pub fn service_index(endpoint: &str) -> Value {
    let mut resources = vec![
        json!({"@id": format!("{endpoint}v3/package/"), "@type": "PackageBaseAddress/3.0.0",
               "comment": "Base URL of the flat container: version lists, .nupkg and .nuspec"}),
        json!({"@id": format!("{endpoint}v2/package"), "@type": "PackagePublish/2.0.0",
               "comment": "Push, unlist (DELETE) and relist (POST)"}),
    ];
    for t in [
        "RegistrationsBaseUrl",
        "RegistrationsBaseUrl/3.0.0-beta",
        "RegistrationsBaseUrl/3.0.0-rc",
        "RegistrationsBaseUrl/3.4.0",
        "RegistrationsBaseUrl/3.6.0",
    ] {
        resources.push(
            json!({"@id": format!("{endpoint}v3/registration/"), "@type": t,
                              "comment": "Package metadata, SemVer 2.0.0 packages included"}),
        );
    }
    for t in [
        "SearchQueryService",
        "SearchQueryService/3.0.0-beta",
        "SearchQueryService/3.0.0-rc",
        "SearchQueryService/3.5.0",
    ] {
        resources.push(json!({"@id": format!("{endpoint}v3/search"), "@type": t,
                              "comment": "Search the packages of this repository"}));
    }
    json!({"version": "3.0.0", "resources": resources})
}

/// The flat container's list: lowercased normalised versions, lowest first.
pub fn versions_document(versions: &[String]) -> Value {
    let mut v: Vec<String> = versions.iter().map(|s| s.to_ascii_lowercase()).collect();
    sort_versions(&mut v);
    v.dedup();
    json!({ "versions": v })
}

/// A version as registrations and search show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    /// The stored (lowercased, normalised) version.
    pub version: String,
    pub nuspec: Nuspec,
    pub listed: bool,
    pub published_ms: i64,
}

fn iso(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// The URLs of one package under the endpoint.
struct Urls<'a> {
    endpoint: &'a str,
    id: &'a str,
}

impl Urls<'_> {
    fn registration(&self) -> String {
        format!("{}v3/registration/{}/index.json", self.endpoint, self.id)
    }
    fn leaf(&self, version: &str) -> String {
        format!(
            "{}v3/registration/{}/{version}.json",
            self.endpoint, self.id
        )
    }
    fn content(&self, version: &str) -> String {
        format!(
            "{}v3/package/{}/{version}/{}",
            self.endpoint,
            self.id,
            asset_name(self.id, version)
        )
    }
}

/// The catalog entry of a version, inlined in registration pages.
fn catalog_entry(endpoint: &str, l: &Listed) -> Value {
    let id = normalize_id(&l.nuspec.id);
    let urls = Urls { endpoint, id: &id };
    let version =
        Version::parse(&l.nuspec.version).map_or_else(|| l.version.clone(), |v| v.normalized());
    let groups: Vec<Value> = l
        .nuspec
        .dependency_groups
        .iter()
        .map(|g| {
            let deps: Vec<Value> = g
                .dependencies
                .iter()
                .map(|d| {
                    json!({
                        "@type": "PackageDependency",
                        "id": d.id,
                        "range": range(d.version.as_deref()),
                        "registration": format!("{endpoint}v3/registration/{}/index.json",
                                                normalize_id(&d.id)),
                    })
                })
                .collect();
            let mut group = json!({"@type": "PackageDependencyGroup", "dependencies": deps});
            if let Some(tf) = &g.target_framework {
                group["targetFramework"] = json!(tf);
            }
            group
        })
        .collect();
    let n = &l.nuspec;
    json!({
        "@id": format!("{}#catalog", urls.leaf(&l.version)),
        "@type": "PackageDetails",
        "id": n.id,
        "version": version,
        "authors": n.authors.clone().unwrap_or_default(),
        "description": n.description.clone().unwrap_or_default(),
        "summary": n.summary.clone().unwrap_or_default(),
        "title": n.title.clone().unwrap_or_default(),
        "tags": tags(n),
        "iconUrl": n.icon_url.clone().unwrap_or_default(),
        "licenseExpression": n.license_expression.clone().unwrap_or_default(),
        "licenseUrl": n.license_url.clone().unwrap_or_default(),
        "projectUrl": n.project_url.clone().unwrap_or_default(),
        "requireLicenseAcceptance": n.require_license_acceptance,
        "listed": l.listed,
        "published": iso(l.published_ms),
        "packageContent": urls.content(&l.version),
        "dependencyGroups": groups,
    })
}

fn tags(n: &Nuspec) -> Vec<String> {
    n.tags
        .as_deref()
        .unwrap_or_default()
        .split([' ', ',', ';'])
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// The registration index of `id` (lowercased) with every version inlined in one page,
/// lowest first, as NuGet's client reads it (`items[].items[].catalogEntry`).
pub fn registration_index(endpoint: &str, id: &str, versions: &[Listed]) -> Value {
    let urls = Urls { endpoint, id };
    let mut sorted: Vec<&Listed> = versions.iter().collect();
    sorted.sort_by(
        |a, b| match (Version::parse(&a.version), Version::parse(&b.version)) {
            (Some(x), Some(y)) => x.precedence(&y),
            _ => a.version.cmp(&b.version),
        },
    );
    let items: Vec<Value> = sorted
        .iter()
        .map(|l| {
            json!({
                "@id": urls.leaf(&l.version),
                "@type": "Package",
                "catalogEntry": catalog_entry(endpoint, l),
                "packageContent": urls.content(&l.version),
                "registration": urls.registration(),
            })
        })
        .collect();
    let (lower, upper) = match (sorted.first(), sorted.last()) {
        (Some(f), Some(l)) => (f.version.clone(), l.version.clone()),
        _ => (String::new(), String::new()),
    };
    json!({
        "@id": urls.registration(),
        "@type": ["catalog:CatalogRoot", "PackageRegistration", "catalog:Permalink"],
        "count": 1,
        "items": [{
            "@id": format!("{}#page/{lower}/{upper}", urls.registration()),
            "@type": "catalog:CatalogPage",
            "count": items.len(),
            "lower": lower,
            "upper": upper,
            "parent": urls.registration(),
            "items": items,
        }],
    })
}

/// A registration leaf: where the version's package and registration are.
pub fn registration_leaf(endpoint: &str, id: &str, l: &Listed) -> Value {
    let urls = Urls { endpoint, id };
    json!({
        "@id": urls.leaf(&l.version),
        "@type": ["Package", "http://schema.nuget.org/catalog#Permalink"],
        "catalogEntry": format!("{}#catalog", urls.leaf(&l.version)),
        "listed": l.listed,
        "packageContent": urls.content(&l.version),
        "published": iso(l.published_ms),
        "registration": urls.registration(),
    })
}

/// Search parameters (the query string of the search resource).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    pub terms: Vec<String>,
    pub skip: usize,
    pub take: usize,
    pub prerelease: bool,
    pub semver2: bool,
    pub package_type: Option<String>,
}

impl SearchQuery {
    pub fn parse(query: Option<&str>) -> SearchQuery {
        let mut q = SearchQuery {
            terms: Vec::new(),
            skip: 0,
            take: 20,
            prerelease: false,
            semver2: false,
            package_type: None,
        };
        for (k, v) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
            match k.as_ref() {
                "q" => {
                    q.terms = v
                        .split_whitespace()
                        .map(|t| t.to_lowercase())
                        // `packageid:X` (Visual Studio's exact lookup) matches X.
                        .map(|t| {
                            t.strip_prefix("packageid:")
                                .map(str::to_string)
                                .unwrap_or(t)
                        })
                        .collect();
                }
                "skip" => q.skip = v.parse().unwrap_or(0),
                // nuget.org caps take at 1,000.
                "take" => q.take = v.parse::<usize>().unwrap_or(20).min(1000),
                "prerelease" => q.prerelease = v.eq_ignore_ascii_case("true"),
                "semVerLevel" => q.semver2 = v.starts_with('2'),
                "packageType" if !v.is_empty() => q.package_type = Some(v.into_owned()),
                _ => {}
            }
        }
        q
    }

    /// The versions a result may show.
    fn admits(&self, l: &Listed) -> bool {
        let Some(v) = Version::parse(&l.version) else {
            return false;
        };
        l.listed && (self.prerelease || !v.is_prerelease()) && (self.semver2 || !v.is_semver2())
    }
}

/// The search response over packages (each its versions, any order): packages whose id,
/// title, tags or description hold every term, with at least one admitted version, by id.
pub fn search(endpoint: &str, q: &SearchQuery, packages: &[Vec<Listed>]) -> Value {
    let mut hits: Vec<(String, Vec<&Listed>)> = Vec::new();
    for versions in packages {
        let mut admitted: Vec<&Listed> = versions.iter().filter(|l| q.admits(l)).collect();
        admitted.sort_by(
            |a, b| match (Version::parse(&a.version), Version::parse(&b.version)) {
                (Some(x), Some(y)) => x.precedence(&y),
                _ => a.version.cmp(&b.version),
            },
        );
        let Some(latest) = admitted.last() else {
            continue;
        };
        let n = &latest.nuspec;
        let haystack = [
            Some(n.id.as_str()),
            n.title.as_deref(),
            n.tags.as_deref(),
            n.description.as_deref(),
        ]
        .iter()
        .flatten()
        .map(|s| s.to_lowercase())
        .collect::<Vec<_>>()
        .join("\n");
        if !q.terms.iter().all(|t| haystack.contains(t.as_str())) {
            continue;
        }
        let types: Vec<&str> = if n.package_types.is_empty() {
            vec!["Dependency"]
        } else {
            n.package_types.iter().map(String::as_str).collect()
        };
        if let Some(want) = &q.package_type
            && !types.iter().any(|t| t.eq_ignore_ascii_case(want))
        {
            continue;
        }
        hits.push((normalize_id(&n.id), admitted));
    }
    hits.sort_by(|a, b| a.0.cmp(&b.0));
    let total = hits.len();
    let data: Vec<Value> = hits
        .into_iter()
        .skip(q.skip)
        .take(q.take)
        .map(|(id, versions)| {
            let latest = versions[versions.len() - 1];
            let n = &latest.nuspec;
            let urls = Urls { endpoint, id: &id };
            let types: Vec<Value> = if n.package_types.is_empty() {
                vec![json!({"name": "Dependency"})]
            } else {
                n.package_types.iter().map(|t| json!({"name": t})).collect()
            };
            json!({
                "@id": urls.registration(),
                "@type": "Package",
                "registration": urls.registration(),
                "id": n.id,
                "version": Version::parse(&n.version).map(|v| v.normalized()).unwrap_or_default(),
                "description": n.description.clone().unwrap_or_default(),
                "summary": n.summary.clone().unwrap_or_default(),
                "title": n.title.clone().unwrap_or_default(),
                "iconUrl": n.icon_url.clone().unwrap_or_default(),
                "licenseUrl": n.license_url.clone().unwrap_or_default(),
                "projectUrl": n.project_url.clone().unwrap_or_default(),
                "tags": tags(n),
                "authors": n.authors.iter().flat_map(|a| a.split(',')).map(str::trim)
                    .filter(|a| !a.is_empty()).collect::<Vec<_>>(),
                "owners": [],
                "totalDownloads": 0,
                "verified": false,
                "packageTypes": types,
                "versions": versions.iter().map(|l| json!({
                    "version": l.version, "downloads": 0, "@id": urls.leaf(&l.version),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({"totalHits": total, "data": data})
}

/// The control plane's view of a version.
pub fn version_meta(n: &Nuspec) -> VersionMeta {
    let licenses = match (&n.license_expression, &n.license_url) {
        (Some(expr), _) => vec![License::named(expr.clone())],
        (None, Some(url)) => vec![License {
            name: None,
            url: Some(url.clone()),
        }],
        (None, None) => Vec::new(),
    };
    VersionMeta {
        display_name: Some(n.id.clone()),
        summary: n.description.clone().or_else(|| n.summary.clone()),
        home_page: n.project_url.clone(),
        source_code_repository: n.repository_url.clone(),
        licenses,
        readme: None,
        dependencies: n
            .dependency_groups
            .iter()
            .flat_map(|g| {
                g.dependencies.iter().map(|d| Dependency {
                    namespace: None,
                    package: normalize_id(&d.id),
                    dependency_type: g.target_framework.clone(),
                    version_requirement: Some(range(d.version.as_deref())),
                })
            })
            .collect(),
    }
}

/// The nuspec at the root of a `.nupkg`, parsed, with its version parsed.
pub fn read_package<R: std::io::Read + std::io::Seek>(
    reader: R,
) -> Result<(Nuspec, Version), String> {
    let mut archive =
        Archive::open(reader).map_err(|e| format!("the package is not a .nupkg: {e}"))?;
    let names: Vec<String> = archive
        .entries()
        .iter()
        .map(|e| e.name.clone())
        .filter(|n| !n.contains('/') && n.to_ascii_lowercase().ends_with(".nuspec"))
        .collect();
    let [name] = names.as_slice() else {
        return Err(format!(
            "a .nupkg holds exactly one .nuspec at its root; this one holds {}",
            names.len()
        ));
    };
    let xml = archive
        .read(name, nuspec::MAX_NUSPEC)
        .map_err(|e| e.to_string())?
        .unwrap_or_default();
    let n = nuspec::parse(&xml)?;
    if !valid_id(&n.id) {
        return Err(format!("invalid package id {:?}", n.id));
    }
    let v = Version::parse(&n.version)
        .ok_or_else(|| format!("invalid package version {:?}", n.version))?;
    Ok((n, v))
}

// ---- serving ----------------------------------------------------------------------------------

fn key(id: &str) -> PackageKey {
    PackageKey::new("nuget", None, &normalize_id(id))
}

/// Versions the flat container and registrations show: Published, and Unlisted as unlisted.
fn shown(status: Status) -> bool {
    matches!(status, Status::Published | Status::Unlisted)
}

/// The largest pushed package (the service's asset quota applies when it is staged too).
const MAX_PACKAGE: u64 = 5 * 1024 * 1024 * 1024;
/// Upstream documents (service index, version lists) are small.
const MAX_UPSTREAM_DOCUMENT: usize = 16 * 1024 * 1024;

fn json_response(v: &Value) -> Response<Body> {
    super::response(StatusCode::OK, "application/json", v.to_string())
}

pub async fn serve(ctx: &Arc<Ctx>, req: Request, t: &Target) -> Result<Response<Body>, DpError> {
    let route = route(&t.rest)?;
    let method = req.method().clone();
    let head = method == Method::HEAD;
    let endpoint = t.endpoint(&ctx.base_url);
    let reply = |v: Value| {
        let mut resp = json_response(&v);
        if head {
            *resp.body_mut() = Body::empty();
        }
        Ok(resp)
    };
    match (method, route) {
        (Method::GET | Method::HEAD, Route::ServiceIndex) => reply(service_index(&endpoint)),
        (Method::GET | Method::HEAD, Route::Versions(id)) => {
            let mut versions: Vec<String> = listed_versions(ctx, t, &id)
                .await?
                .into_iter()
                .map(|l| l.version)
                .collect();
            if let Some(ext) = external_of(ctx, t, &id).await? {
                versions.extend(external_versions(&ext, &id).await?);
            }
            if versions.is_empty() {
                return Err(DpError::not_found(format!(
                    "{id} is not in this repository"
                )));
            }
            reply(versions_document(&versions))
        }
        (Method::GET | Method::HEAD, Route::Content { id, version, file }) => {
            let asset = find_package(ctx, t, &id, &version).await?;
            match file {
                File::Nupkg => {
                    repo::stream_asset(ctx, &t.domain, &asset, "application/octet-stream", head)
                        .await
                }
                File::Nuspec => {
                    let xml = nuspec_of(ctx, &t.domain, &asset).await?;
                    let mut resp = super::response(StatusCode::OK, "application/xml", xml);
                    if head {
                        *resp.body_mut() = Body::empty();
                    }
                    Ok(resp)
                }
            }
        }
        (Method::GET | Method::HEAD, Route::Registration(id)) => {
            let versions = listed_versions(ctx, t, &id).await?;
            if versions.is_empty() {
                return Err(DpError::not_found(format!(
                    "{id} is not in this repository"
                )));
            }
            reply(registration_index(&endpoint, &id, &versions))
        }
        (Method::GET | Method::HEAD, Route::RegistrationLeaf { id, version }) => {
            let versions = listed_versions(ctx, t, &id).await?;
            let l = versions
                .iter()
                .find(|l| l.version == version)
                .ok_or_else(|| {
                    DpError::not_found(format!("{id} {version} is not in this repository"))
                })?;
            reply(registration_leaf(&endpoint, &id, l))
        }
        (Method::GET | Method::HEAD, Route::Search) => {
            let q = SearchQuery::parse(req.uri().query());
            let packages = all_packages(ctx, t).await?;
            reply(search(&endpoint, &q, &packages))
        }
        (Method::PUT, Route::Publish) => {
            push(ctx, t, req).await?;
            Ok(super::response(
                StatusCode::CREATED,
                "text/plain",
                Body::empty(),
            ))
        }
        (m @ (Method::DELETE | Method::POST), Route::Listing { id, version }) => {
            let what = format!("package {id}");
            repo::set_listed(ctx, t, key(&id), what, version, m == Method::POST).await?;
            Ok(super::response(
                if m == Method::POST {
                    StatusCode::OK
                } else {
                    StatusCode::NO_CONTENT
                },
                "text/plain",
                Body::empty(),
            ))
        }
        _ => Err(DpError::method_not_allowed()),
    }
}

/// The versions of `id` visible from `t` (through upstreams) that registrations show, each
/// with its nuspec; versions stored without one (another route) are left out.
async fn listed_versions(ctx: &Arc<Ctx>, t: &Target, id: &str) -> Result<Vec<Listed>, DpError> {
    let (ctx2, t2, k) = (Arc::clone(ctx), t.clone(), key(id));
    let found = super::blocking(move || {
        Ok(ctx2
            .store
            .read(|conn| repo::list_versions(conn, &t2.domain, &t2.repo, &k, shown))?
            .0)
    })
    .await?;
    Ok(found.into_iter().filter_map(listed).collect())
}

fn listed(l: repo::Listed) -> Option<Listed> {
    let nuspec: Nuspec = serde_json::from_value(l.document?).ok()?;
    Some(Listed {
        listed: l.version.status == Status::Published,
        published_ms: l.version.published_ms,
        version: l.version.version,
        nuspec,
    })
}

/// Every NuGet package visible from `t` (itself and its upstreams), each with its versions.
async fn all_packages(ctx: &Arc<Ctx>, t: &Target) -> Result<Vec<Vec<Listed>>, DpError> {
    let (ctx2, t2) = (Arc::clone(ctx), t.clone());
    super::blocking(move || {
        Ok(ctx2.store.read(|conn| {
            let mut names: Vec<String> = Vec::new();
            for r in packages::upstream_search_order(conn, &t2.domain, &t2.repo)? {
                for p in packages::packages_in(conn, &t2.domain, &r)? {
                    if p.key.format == "nuget" && !names.contains(&p.key.name) {
                        names.push(p.key.name);
                    }
                }
            }
            let mut out = Vec::new();
            for name in names {
                let (found, _) =
                    repo::list_versions(conn, &t2.domain, &t2.repo, &key(&name), shown)?;
                out.push(found.into_iter().filter_map(listed).collect());
            }
            Ok(out)
        })?)
    })
    .await
}

/// The `.nupkg` of `id` `version` for download from `t`: from the repository, its upstreams,
/// or its external connection.
async fn find_package(
    ctx: &Arc<Ctx>,
    t: &Target,
    id: &str,
    version: &str,
) -> Result<Asset, DpError> {
    let fetch_ctx = Arc::clone(ctx);
    let t2 = t.clone();
    let (i, v) = (id.to_string(), version.to_string());
    repo::find_asset(
        ctx,
        t,
        key(id),
        version.to_string(),
        asset_name(id, version),
        repo::downloadable,
        |ext| async move { fetch_external(&fetch_ctx, &t2, &ext, &i, &v).await },
    )
    .await
}

/// The nuspec inside a stored package, as its bytes.
async fn nuspec_of(ctx: &Arc<Ctx>, domain: &str, asset: &Asset) -> Result<Vec<u8>, DpError> {
    let path = ctx.blobs.path(domain, &asset.sha256)?;
    super::blocking(move || {
        let file = std::fs::File::open(&path)?;
        let mut archive = Archive::open(std::io::BufReader::new(file))
            .map_err(|e| DpError::internal(format!("the stored package cannot be read: {e}")))?;
        let name = archive
            .entries()
            .iter()
            .find(|e| !e.name.contains('/') && e.name.to_ascii_lowercase().ends_with(".nuspec"))
            .map(|e| e.name.clone())
            .ok_or_else(|| DpError::not_found("the package holds no .nuspec"))?;
        archive
            .read(&name, nuspec::MAX_NUSPEC)
            .map_err(|e| DpError::internal(e.to_string()))?
            .ok_or_else(|| DpError::not_found("the package holds no .nuspec"))
    })
    .await
}

/// `dotnet nuget push` / `nuget push`: `PUT` with the package as the (first) file part of a
/// multipart form. The package streams to a staged blob; its nuspec says what it is.
async fn push(ctx: &Arc<Ctx>, t: &Target, req: Request) -> Result<(), DpError> {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let boundary = content_type
        .as_deref()
        .and_then(|ct| multer::parse_boundary(ct).ok())
        .ok_or_else(|| DpError::bad_request("a push must be multipart/form-data"))?;
    let limits = multer::SizeLimit::new().whole_stream(MAX_PACKAGE + 64 * 1024);
    let mut form = multer::Multipart::with_constraints(
        req.into_body().into_data_stream(),
        boundary,
        multer::Constraints::new().size_limit(limits),
    );
    let mut staged: Option<StagedBlob> = None;
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| DpError::bad_request(format!("malformed push form: {e}")))?
    {
        if staged.is_some() {
            continue;
        }
        staged = Some(repo::stage_part(ctx, field, "the pushed package").await?);
    }
    let blob = staged.ok_or_else(|| DpError::bad_request("the push form holds no package"))?;
    let path = blob.path().to_path_buf();
    let (n, v) = super::blocking(move || {
        let file = std::fs::File::open(&path)?;
        read_package(std::io::BufReader::new(file)).map_err(DpError::bad_request)
    })
    .await?;
    let hashes = BlobHashes::of_staged(&blob)?;
    let (ctx2, t2) = (Arc::clone(ctx), t.clone());
    super::blocking(move || {
        let (k, version) = (key(&n.id), v.key());
        let document = serde_json::to_value(&n).map_err(|e| DpError::internal(e.to_string()))?;
        let new = repo::NewVersion {
            key: &k,
            version: &version,
            asset: &asset_name(&n.id, &version),
            blob: &blob,
            hashes: &hashes,
            meta: &version_meta(&n),
            document: &document,
        };
        ctx2.store
            .write(|tx| repo::publish_version(&ctx2, tx, &t2.domain, &t2.repo, &new, |_| Ok(())))?;
        Ok(())
    })
    .await
}

/// The external connection a request for `id` may reach, if any.
async fn external_of(ctx: &Arc<Ctx>, t: &Target, id: &str) -> Result<Option<External>, DpError> {
    let (ctx2, t2, k) = (Arc::clone(ctx), t.clone(), key(id));
    super::blocking(move || Ok(repo::external(&ctx2, &t2.domain, &t2.repo, &k)?)).await
}

/// The flat container URL of an external feed, from its service index. The connection's URL
/// is the feed's service index or the endpoint it sits under.
async fn external_base(ext: &External) -> Result<String, DpError> {
    let trimmed = ext.url.trim_end_matches('/');
    let index = if trimmed.ends_with("index.json") {
        trimmed.to_string()
    } else {
        format!("{trimmed}/v3/index.json")
    };
    let bad = |m: String| DpError::new(StatusCode::BAD_GATEWAY, m);
    let body = external::get_bytes(&index, Some("application/json"), MAX_UPSTREAM_DOCUMENT)
        .await?
        .ok_or_else(|| bad(format!("the upstream feed has no service index at {index}")))?;
    let doc: Value = serde_json::from_slice(&body)
        .map_err(|_| bad("the upstream service index is not JSON".into()))?;
    let base = doc["resources"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|r| {
            r["@type"]
                .as_str()
                .is_some_and(|t| t.starts_with("PackageBaseAddress/3.0.0"))
        })
        .and_then(|r| r["@id"].as_str())
        .ok_or_else(|| bad("the upstream service index has no PackageBaseAddress".into()))?;
    let base = external::join(&index, base)?;
    Ok(if base.ends_with('/') {
        base
    } else {
        format!("{base}/")
    })
}

/// The versions of `id` the external feed's flat container lists (lowercased, as stored).
async fn external_versions(ext: &External, id: &str) -> Result<Vec<String>, DpError> {
    let base = external_base(ext).await?;
    let Some(body) = external::get_bytes(
        &format!("{base}{id}/index.json"),
        Some("application/json"),
        MAX_UPSTREAM_DOCUMENT,
    )
    .await?
    else {
        return Ok(Vec::new());
    };
    let doc: Value = serde_json::from_slice(&body).unwrap_or_default();
    Ok(doc["versions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter_map(Version::parse)
        .map(|v| v.key())
        .collect())
}

/// Fetches `id` `version` from the external feed's flat container, checks that its nuspec is
/// that package, and stores it with its metadata.
async fn fetch_external(
    ctx: &Arc<Ctx>,
    t: &Target,
    ext: &External,
    id: &str,
    version: &str,
) -> Result<Option<Asset>, DpError> {
    let base = external_base(ext).await?;
    let url = format!("{base}{id}/{version}/{}", asset_name(id, version));
    let Some(blob) = external::get_to_blob(ctx, &url).await? else {
        return Ok(None);
    };
    let path = blob.path().to_path_buf();
    let (n, v) = super::blocking(move || {
        let file = std::fs::File::open(&path)?;
        read_package(std::io::BufReader::new(file))
            .map_err(|e| DpError::new(StatusCode::BAD_GATEWAY, format!("upstream {url}: {e}")))
    })
    .await?;
    if normalize_id(&n.id) != id || v.key() != version {
        return Err(DpError::new(
            StatusCode::BAD_GATEWAY,
            format!(
                "the upstream package for {id} {version} is {} {}",
                n.id, n.version
            ),
        ));
    }
    let document = serde_json::to_value(&n).map_err(|e| DpError::internal(e.to_string()))?;
    let fetched = repo::Fetched {
        key: key(id),
        version: version.to_string(),
        asset: asset_name(id, version),
        hashes: BlobHashes::of_staged(&blob)?,
        blob,
        meta: version_meta(&n),
        document: Some(document),
    };
    repo::save_external(ctx, t, ext, fetched).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_package_bytes(bytes: &[u8]) -> Result<(Nuspec, Version), String> {
        read_package(std::io::Cursor::new(bytes))
    }

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap_or_else(|| panic!("{s} parses"))
    }

    #[test]
    fn versions_normalise_as_nuget_versioning_does() {
        // The CodeArtifact user guide's examples, and NuGet's own.
        for (input, normalized) in [
            ("1.00", "1.0.0"),
            ("1.01.1", "1.1.1"),
            ("1.00.0.1", "1.0.0.1"),
            ("1.0.0.0", "1.0.0"),
            ("1.0.01.0", "1.0.1"),
            ("1.0.7+r3456", "1.0.7"),
            ("1", "1.0.0"),
            ("12.0.03.0", "12.0.3"),
            ("1.0.0-Beta.1+sha.5114f85", "1.0.0-Beta.1"),
            (" 2.1.0-RC ", "2.1.0-RC"),
        ] {
            assert_eq!(v(input).normalized(), normalized, "{input}");
        }
        assert_eq!(v("1.0.0-Beta.1").key(), "1.0.0-beta.1");
        for bad in [
            "",
            "a",
            "1.",
            ".1",
            "1..2",
            "1.2.3.4.5",
            "1.0-",
            "1.0+",
            "1.0-a..b",
            "1.0-a_b",
            "-1.0",
            "1.0.0-ä",
            "99999999999.0",
            "1.0 .0",
        ] {
            assert_eq!(Version::parse(bad), None, "{bad:?}");
        }
        assert!(v("1.0.0-beta.1").is_semver2());
        assert!(v("1.0.0+meta").is_semver2());
        assert!(!v("1.0.0-beta1").is_semver2());
        assert!(v("1.0.0-beta1").is_prerelease());
    }

    #[test]
    fn precedence_follows_nuget() {
        let mut all: Vec<String> = [
            "1.0.0",
            "1.0.0-beta",
            "1.0.0-alpha.10",
            "1.0.0-alpha.2",
            "1.0.0-alpha",
            "0.9.0",
            "1.0.0.1",
            "1.0.0-Beta.1",
            "1.0.0-1",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        sort_versions(&mut all);
        assert_eq!(
            all,
            [
                "0.9.0",
                "1.0.0-1",
                "1.0.0-alpha",
                "1.0.0-alpha.2",
                "1.0.0-alpha.10",
                "1.0.0-beta",
                "1.0.0-Beta.1",
                "1.0.0",
                "1.0.0.1"
            ]
        );
    }

    #[test]
    fn ids_follow_the_package_id_rule() {
        for good in [
            "Newtonsoft.Json",
            "a",
            "A_b-c.D1",
            "x.y-z",
            &"a".repeat(100),
        ] {
            assert!(valid_id(good), "{good}");
        }
        for bad in [
            "",
            ".a",
            "a.",
            "a..b",
            "a.-b",
            "a b",
            "a/b",
            "é",
            "-a",
            &"a".repeat(101),
        ] {
            assert!(!valid_id(bad), "{bad:?}");
        }
        assert_eq!(
            asset_name("Newtonsoft.JSON", "12.0.3"),
            "newtonsoft.json.12.0.3.nupkg"
        );
    }

    #[test]
    fn ranges_show_as_nuget_writes_them() {
        assert_eq!(range(Some("13.0.01")), "[13.0.1, )");
        assert_eq!(range(Some("[1.0,2.0)")), "[1.0,2.0)");
        assert_eq!(range(None), "(, )");
        assert_eq!(range(Some(" ")), "(, )");
    }

    #[test]
    fn routes_cover_the_flat_container_registrations_search_and_publish() {
        assert_eq!(route("v3/index.json").unwrap(), Route::ServiceIndex);
        assert_eq!(
            route("v3/package/Newtonsoft.Json/index.json").unwrap(),
            Route::Versions("newtonsoft.json".into())
        );
        assert_eq!(
            route("v3/package/newtonsoft.json/12.0.3/newtonsoft.json.12.0.3.nupkg").unwrap(),
            Route::Content {
                id: "newtonsoft.json".into(),
                version: "12.0.3".into(),
                file: File::Nupkg
            }
        );
        // Non-normalised versions in a path find the normalised one.
        assert_eq!(
            route("v3/package/a/1.0.0.0-RC/a.nuspec").unwrap(),
            Route::Content {
                id: "a".into(),
                version: "1.0.0-rc".into(),
                file: File::Nuspec
            }
        );
        assert_eq!(
            route("v3/registration/A/index.json").unwrap(),
            Route::Registration("a".into())
        );
        assert_eq!(
            route("v3/registration/a/1.0.0.json").unwrap(),
            Route::RegistrationLeaf {
                id: "a".into(),
                version: "1.0.0".into()
            }
        );
        assert_eq!(route("v3/search").unwrap(), Route::Search);
        assert_eq!(route("v2/package").unwrap(), Route::Publish);
        assert_eq!(route("v2/package/").unwrap(), Route::Publish);
        assert_eq!(
            route("v2/package/A/1.0").unwrap(),
            Route::Listing {
                id: "a".into(),
                version: "1.0.0".into()
            }
        );
        for bad in [
            "",
            "index.json",
            "v3/package/a/1.0.0/b.1.0.0.nupkg",
            "v3/package/a/1.0.0/a.1.0.1.nupkg",
            "v3/package/..%2f/1.0.0/x.nupkg",
            "v3/package/a/notaversion/a.nuspec",
            "v3/registration/a/1.0.0",
            "v2/package/a",
            "%ff",
        ] {
            assert!(route(bad).is_err(), "{bad}");
        }
    }

    fn listed(id: &str, version: &str, listed: bool) -> Listed {
        Listed {
            version: v(version).key(),
            nuspec: Nuspec {
                id: id.into(),
                version: version.into(),
                description: Some(format!("{id} does things")),
                tags: Some("tools json".into()),
                dependency_groups: vec![nuspec::DependencyGroup {
                    target_framework: Some("net8.0".into()),
                    dependencies: vec![nuspec::NuDependency {
                        id: "Dep.One".into(),
                        version: Some("2.0".into()),
                    }],
                }],
                ..Nuspec::default()
            },
            listed,
            published_ms: 1_700_000_000_000,
        }
    }

    #[test]
    fn service_index_lists_every_resource_under_the_endpoint() {
        let doc = service_index("http://h/nuget/d/d-1/r/");
        assert_eq!(doc["version"], "3.0.0");
        let types: Vec<&str> = doc["resources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["@type"].as_str().unwrap())
            .collect();
        for t in [
            "PackageBaseAddress/3.0.0",
            "PackagePublish/2.0.0",
            "RegistrationsBaseUrl/3.6.0",
            "SearchQueryService/3.5.0",
        ] {
            assert!(types.contains(&t), "{t}");
        }
        assert!(doc["resources"].as_array().unwrap().iter().all(|r| {
            r["@id"]
                .as_str()
                .unwrap()
                .starts_with("http://h/nuget/d/d-1/r/")
        }));
    }

    #[test]
    fn registrations_inline_every_version_with_its_dependencies() {
        let ep = "http://h/e/";
        let doc = registration_index(
            ep,
            "my.pkg",
            &[
                listed("My.Pkg", "2.0.0", false),
                listed("My.Pkg", "1.0.0", true),
            ],
        );
        let page = &doc["items"][0];
        assert_eq!(page["lower"], "1.0.0");
        assert_eq!(page["upper"], "2.0.0");
        assert_eq!(page["count"], 2);
        let entry = &page["items"][0]["catalogEntry"];
        assert_eq!(entry["id"], "My.Pkg");
        assert_eq!(entry["listed"], true);
        assert_eq!(page["items"][1]["catalogEntry"]["listed"], false);
        assert_eq!(
            entry["packageContent"],
            "http://h/e/v3/package/my.pkg/1.0.0/my.pkg.1.0.0.nupkg"
        );
        let group = &entry["dependencyGroups"][0];
        assert_eq!(group["targetFramework"], "net8.0");
        assert_eq!(group["dependencies"][0]["range"], "[2.0.0, )");
        assert_eq!(
            group["dependencies"][0]["registration"],
            "http://h/e/v3/registration/dep.one/index.json"
        );
        let leaf = registration_leaf(ep, "my.pkg", &listed("My.Pkg", "1.0.0", true));
        assert_eq!(
            leaf["registration"],
            "http://h/e/v3/registration/my.pkg/index.json"
        );
    }

    #[test]
    fn search_filters_terms_prerelease_semver2_and_pages() {
        let packages = vec![
            vec![
                listed("Alpha.Json", "1.0.0", true),
                listed("Alpha.Json", "2.0.0-beta", true),
            ],
            vec![listed("Beta.Tool", "1.0.0-rc.1", true)],
            vec![listed("Gamma", "1.0.0", false)],
        ];
        // Beta.Tool (tagged json) has only a prerelease; Gamma is unlisted.
        let q = SearchQuery::parse(Some("q=json&take=5"));
        let doc = search("http://h/", &q, &packages);
        assert_eq!(doc["totalHits"], 1);
        assert_eq!(doc["data"][0]["id"], "Alpha.Json");
        assert_eq!(doc["data"][0]["version"], "1.0.0");
        // Prerelease and SemVer 2.0.0 versions only when asked for.
        let q = SearchQuery::parse(Some("q=&prerelease=true&semVerLevel=2.0.0"));
        let doc = search("http://h/", &q, &packages);
        assert_eq!(doc["totalHits"], 2);
        assert_eq!(doc["data"][0]["version"], "2.0.0-beta");
        assert_eq!(doc["data"][1]["id"], "Beta.Tool");
        let q = SearchQuery::parse(Some("q=packageid:beta.tool&prerelease=true"));
        assert_eq!(search("http://h/", &q, &packages)["totalHits"], 0);
        let q = SearchQuery::parse(Some("skip=1&take=1&prerelease=true&semVerLevel=2.0.0"));
        let doc = search("http://h/", &q, &packages);
        assert_eq!(doc["data"].as_array().unwrap().len(), 1);
        assert_eq!(doc["data"][0]["id"], "Beta.Tool");
        let q = SearchQuery::parse(Some("packageType=DotnetTool"));
        assert_eq!(search("http://h/", &q, &packages)["totalHits"], 0);
    }

    #[test]
    fn flat_lists_are_sorted_lowercase_and_unique() {
        let doc = versions_document(&["2.0.0".into(), "1.0.0-RC".into(), "1.0.0-rc".into()]);
        assert_eq!(doc, json!({"versions": ["1.0.0-rc", "2.0.0"]}));
    }

    #[test]
    fn packages_are_read_from_their_nuspec() {
        let nuspec = b"<package><metadata><id>Pkg.A</id><version>1.0.01</version>\
                       <license type=\"expression\">MIT</license></metadata></package>";
        let zip = super::super::zip::tests::make_zip(&[
            ("_rels/.rels", b"<x/>", false),
            ("Pkg.A.nuspec", nuspec, true),
            ("lib/net8.0/a.dll", b"MZ", false),
        ]);
        let (n, ver) = read_package_bytes(&zip).unwrap();
        assert_eq!((n.id.as_str(), ver.key().as_str()), ("Pkg.A", "1.0.1"));
        let m = version_meta(&n);
        assert_eq!(m.licenses[0].name.as_deref(), Some("MIT"));
        let two = super::super::zip::tests::make_zip(&[
            ("a.nuspec", nuspec, false),
            ("b.nuspec", nuspec, false),
        ]);
        assert!(
            read_package_bytes(&two)
                .unwrap_err()
                .contains("exactly one")
        );
        let bad_version = super::super::zip::tests::make_zip(&[(
            "a.nuspec",
            b"<package><metadata><id>a</id><version>x</version></metadata></package>",
            false,
        )]);
        assert!(
            read_package_bytes(&bad_version)
                .unwrap_err()
                .contains("invalid package version")
        );
        assert!(
            read_package_bytes(b"junk")
                .unwrap_err()
                .contains("not a .nupkg")
        );
    }
}
