//! Concurrency on the emulator (issue 9): threads publish (through the API and npm's registry),
//! delete, dispose, copy and change the status of the same few versions at once. Every response
//! is a success or a documented 4xx (per-version failures carry the service's error codes), and
//! the final state is consistent: each version the API lists has whole assets with bytes one of
//! its publishers sent (none lost, none half-written, Disposed ones without any), SQLite's
//! integrity check passes and asset rows and blob files match one to one.

mod common;
mod dataplane_support;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use dataplane_support::*;
use serde_json::{Value, json};
use sha2::Digest;

const THREADS: u64 = 8;
const OPS_PER_THREAD: u64 = 60;
const VERSIONS: [&str; 3] = ["1.0.0", "1.1.0", "2.0.0"];
const REPOS: [&str; 2] = ["ra", "rb"];
/// Per-version error codes of the batch operations (reference/data-plane.md, "Statuses").
const VERSION_ERRORS: [&str; 6] = [
    "ALREADY_EXISTS",
    "MISMATCHED_REVISION",
    "MISMATCHED_STATUS",
    "NOT_ALLOWED",
    "NOT_FOUND",
    "SKIPPED",
];

/// The two contents publishers race with for a version; which one wins is up to the race.
fn content(format: &str, version: &str, variant: u64) -> Vec<u8> {
    let seed = sha2::Sha256::digest(format!("{format}/{version}/{variant}"));
    let len = 2048 + usize::from(seed[0]) * 64;
    (0..len).map(|i| seed[i % 32] ^ (i as u8)).collect()
}

fn sha256_hex(b: &[u8]) -> String {
    hex::encode(sha2::Sha256::digest(b))
}

/// What a package is called on the API, and its asset.
struct Package {
    format: &'static str,
    query: &'static str,
    asset: &'static str,
}

const GENERIC: Package = Package {
    format: "generic",
    query: "format=generic&namespace=ns&package=p",
    asset: "a.bin",
};
const NPM: Package = Package {
    format: "npm",
    query: "format=npm&package=conc",
    asset: "package.tgz",
};

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// One random operation; returns what went wrong, if anything did.
fn operate(mock: &Mock, token: &str, rng: &mut Rng) -> Option<String> {
    let pkg = if rng.below(2) == 0 { &GENERIC } else { &NPM };
    let version = VERSIONS[rng.below(VERSIONS.len() as u64) as usize];
    let repo = REPOS[rng.below(2) as usize];
    let variant = rng.below(2);
    let batch = |op: &str, query: String, body: Value| -> Option<String> {
        let (status, out) = request_with(
            mock,
            "POST",
            &format!(
                "/v1/package/versions/{op}?domain={DOMAIN}&{query}&{}",
                pkg.query
            ),
            &[("Content-Type", "application/json")],
            body.to_string().as_bytes(),
        );
        let text = String::from_utf8_lossy(&out).into_owned();
        // 404: the package is not (or no longer) in that repository.
        if status == 404 && text.contains("ResourceNotFoundException") {
            return None;
        }
        if status != 200 {
            return Some(format!("{op}: {status} {text}"));
        }
        let out: Value = serde_json::from_str(&text).ok()?;
        let codes: Vec<&str> = out["failedVersions"]
            .as_object()
            .into_iter()
            .flatten()
            .filter_map(|(_, e)| e["errorCode"].as_str())
            .collect();
        codes
            .iter()
            .find(|c| !VERSION_ERRORS.contains(c))
            .map(|c| format!("{op}: unknown error code {c} in {text}"))
    };
    match rng.below(6) {
        0 | 1 => {
            let bytes = content(pkg.format, version, variant);
            let (status, out) = if pkg.format == "npm" {
                request_with(
                    mock,
                    "PUT",
                    &format!("{}conc", endpoint_path("npm", repo)),
                    &[
                        ("Authorization", &bearer(token)),
                        ("Content-Type", "application/json"),
                    ],
                    &npm_publish_body("conc", version, &bytes),
                )
            } else {
                request_with(
                    mock,
                    "POST",
                    &format!(
                        "/v1/package/version/publish?domain={DOMAIN}&repository={repo}&{}\
                         &version={version}&asset={}",
                        pkg.query, pkg.asset
                    ),
                    &[("x-amz-content-sha256", &sha256_hex(&bytes))],
                    &bytes,
                )
            };
            // 409: the version holds the other bytes, or is in a status that takes none.
            (!matches!(status, 200 | 409))
                .then(|| format!("publish: {status} {}", String::from_utf8_lossy(&out)))
        }
        2 => batch(
            "delete",
            format!("repository={repo}"),
            json!({"versions": [version]}),
        ),
        3 => batch(
            "dispose",
            format!("repository={repo}"),
            json!({"versions": [version]}),
        ),
        4 => batch(
            "copy",
            "source-repository=ra&destination-repository=rb".to_string(),
            json!({"versions": [version], "allowOverwrite": variant == 1}),
        ),
        _ => {
            let target = ["Published", "Unlisted", "Archived"][rng.below(3) as usize];
            batch(
                "update_status",
                format!("repository={repo}"),
                json!({"versions": [version], "targetStatus": target}),
            )
        }
    }
}

fn api(mock: &Mock, path: &str) -> Option<Value> {
    let (status, body) = request_with(mock, "POST", path, &[], b"");
    match status {
        200 => Some(serde_json::from_slice(&body).unwrap()),
        404 => None,
        other => panic!("{path}: {other} {}", String::from_utf8_lossy(&body)),
    }
}

#[test]
fn concurrent_publish_delete_dispose_copy_and_status_changes_stay_consistent() {
    let (mock, admin) = mock_with(&[("ra", &[]), ("rb", &[])]);
    let token = admin.token();
    let mock = Arc::new(mock);
    let problems = Arc::new(Mutex::new(Vec::new()));
    let threads: Vec<_> = (0..THREADS)
        .map(|t| {
            let (mock, token, problems) = (Arc::clone(&mock), token.clone(), Arc::clone(&problems));
            std::thread::spawn(move || {
                let mut rng = Rng(t + 1);
                for _ in 0..OPS_PER_THREAD {
                    if let Some(p) = operate(&mock, &token, &mut rng) {
                        problems.lock().unwrap().push(p);
                    }
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("an operator panicked");
    }
    let problems = problems.lock().unwrap();
    assert!(problems.is_empty(), "{problems:#?}");

    // Every version the API lists is whole.
    let mut versions_seen = BTreeMap::new();
    for pkg in [&GENERIC, &NPM] {
        for repo in REPOS {
            let q = format!("domain={DOMAIN}&repository={repo}&{}", pkg.query);
            let Some(listed) = api(&mock, &format!("/v1/package/versions?{q}")) else {
                continue;
            };
            for v in listed["versions"].as_array().unwrap() {
                let version = v["version"].as_str().unwrap();
                let status = v["status"].as_str().unwrap();
                *versions_seen.entry(status.to_string()).or_insert(0) += 1;
                let assets = api(
                    &mock,
                    &format!("/v1/package/version/assets?{q}&version={version}"),
                )
                .unwrap_or_else(|| panic!("{repo} {version} listed without assets"));
                let assets = assets["assets"].as_array().unwrap();
                if status == "Disposed" {
                    assert!(
                        assets.is_empty(),
                        "disposed {repo} {version} kept {assets:?}"
                    );
                    continue;
                }
                assert_eq!(assets.len(), 1, "{repo} {version} ({status}): {assets:?}");
                let allowed: BTreeSet<String> = (0..2)
                    .map(|k| sha256_hex(&content(pkg.format, version, k)))
                    .collect();
                let sha = assets[0]["hashes"]["SHA-256"].as_str().unwrap();
                assert!(
                    allowed.contains(sha),
                    "{repo} {version}: unknown bytes {sha}"
                );
                let (code, bytes) = request_with(
                    &mock,
                    "GET",
                    &format!(
                        "/v1/package/version/asset?{q}&version={version}&asset={}",
                        pkg.asset
                    ),
                    &[],
                    b"",
                );
                if status == "Archived" {
                    // Archived assets are not served; their blobs are checked below.
                    assert_eq!(code, 409, "{repo} {version}");
                    continue;
                }
                assert_eq!(code, 200, "{repo} {version} ({status})");
                assert_eq!(sha256_hex(&bytes), sha, "{repo} {version}: torn bytes");
            }
        }
    }

    // The store agrees: integrity, and asset rows and blob files one to one.
    let data = mock.data_dir.clone();
    let db = rusqlite::Connection::open(data.join("codeartifact.sqlite3")).unwrap();
    db.busy_timeout(std::time::Duration::from_secs(10)).unwrap();
    let check: String = db
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let referenced: BTreeSet<String> = db
        .prepare("SELECT DISTINCT sha256 FROM assets WHERE domain = 'dom'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut on_disk = BTreeSet::new();
    if let Ok(prefixes) = std::fs::read_dir(data.join("blobs/d/dom")) {
        for prefix in prefixes {
            for blob in std::fs::read_dir(prefix.unwrap().path()).unwrap() {
                let path = blob.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                assert_eq!(
                    sha256_hex(&std::fs::read(&path).unwrap()),
                    name,
                    "torn blob"
                );
                on_disk.insert(name);
            }
        }
    }
    assert_eq!(referenced, on_disk, "asset rows and blob files differ");
    eprintln!(
        "concurrency: {} operations by {THREADS} threads, final versions by status {versions_seen:?}, \
         {} blobs",
        THREADS * OPS_PER_THREAD,
        on_disk.len()
    );
}
