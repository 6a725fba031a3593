//! Crash safety (issue 9): `kill -9` of `mock serve` while npm, PyPI, Maven and generic
//! publishes are in flight, over and over on one data directory. Afterwards every publish the
//! client saw succeed is there with its bytes, every publish that is there at all has the bytes
//! that were sent (none half-written), SQLite's integrity check passes, every asset row has its
//! blob, and the temporary files the kills left are gone once the emulator has restarted.
//! RELIABILITY.md says what an acknowledged write means and quotes this test's figures.

mod common;
mod dataplane_support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use dataplane_support::*;
use sha2::Digest;

const CYCLES: u64 = 24;

/// Deterministic bytes: a publish's content follows from its coordinates.
fn bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

fn sha256_hex(b: &[u8]) -> String {
    hex::encode(sha2::Sha256::digest(b))
}

/// One request that may meet a dying server: the status, or `None` when the connection broke.
fn try_request(addr: &str, head: &str, headers: &[(&str, String)], body: &[u8]) -> Option<u16> {
    let mut s = TcpStream::connect(addr).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    let extra: String = headers
        .iter()
        .map(|(k, v)| format!("{k}: {v}\r\n"))
        .collect();
    write!(
        s,
        "{head} HTTP/1.1\r\nHost: {addr}\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .ok()?;
    s.write_all(body).ok()?;
    let mut resp = Vec::new();
    s.read_to_end(&mut resp).ok()?;
    let text = String::from_utf8_lossy(&resp);
    text.split(' ').nth(1)?.parse().ok()
}

/// A publish, as GetPackageVersionAsset finds it again.
#[derive(Debug, Clone)]
struct Attempt {
    format: &'static str,
    namespace: Option<&'static str>,
    package: String,
    version: String,
    asset: String,
    sha256: String,
    acknowledged: bool,
}

/// Publishes `format` versions `cycle.i` one after the other until `stop`, recording each.
fn publisher(
    format: &'static str,
    addr: String,
    token: String,
    cycle: u64,
    stop: Arc<AtomicBool>,
    log: Arc<Mutex<Vec<Attempt>>>,
) {
    let auth = ("Authorization", format!("Bearer {token}"));
    for i in 0.. {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        let seed = cycle * 100_000 + i * 10 + format.len() as u64;
        // From 1 KiB to ~128 KiB, so some requests are mid-body when the server dies.
        let content = bytes(seed, 1024 + (seed as usize * 7919) % (128 * 1024));
        let version = format!("{cycle}.{i}.0");
        let (attempt, status) = match format {
            "npm" => {
                let name = "crash-npm";
                let body = npm_publish_body(name, &version, &content);
                let head = format!("PUT {}{name}", endpoint_path("npm", "repo"));
                let ct = ("Content-Type", "application/json".to_string());
                let status = try_request(&addr, &head, &[auth.clone(), ct], &body);
                let a = Attempt {
                    format,
                    namespace: None,
                    package: name.into(),
                    version,
                    asset: "package.tgz".into(),
                    sha256: sha256_hex(&content),
                    acknowledged: false,
                };
                (a, status)
            }
            "pypi" => {
                let filename = format!("crash_pypi-{version}.tar.gz");
                let (body, ct) = pypi_upload_form(
                    &[
                        (":action", "file_upload"),
                        ("name", "crash-pypi"),
                        ("version", &version),
                        ("sha256_digest", &sha256_hex(&content)),
                    ],
                    &filename,
                    &content,
                );
                let head = format!("POST {}", endpoint_path("pypi", "repo"));
                let status =
                    try_request(&addr, &head, &[auth.clone(), ("Content-Type", ct)], &body);
                let a = Attempt {
                    format,
                    namespace: None,
                    package: "crash-pypi".into(),
                    version,
                    asset: filename,
                    sha256: sha256_hex(&content),
                    acknowledged: false,
                };
                (a, status)
            }
            "maven" => {
                let file = format!("lib-{version}.jar");
                let head = format!(
                    "PUT {}com/crash/lib/{version}/{file}",
                    endpoint_path("maven", "repo")
                );
                let status = try_request(&addr, &head, std::slice::from_ref(&auth), &content);
                let a = Attempt {
                    format,
                    namespace: Some("com.crash"),
                    package: "lib".into(),
                    version,
                    asset: file,
                    sha256: sha256_hex(&content),
                    acknowledged: false,
                };
                (a, status)
            }
            _ => {
                let head = format!(
                    "POST /v1/package/version/publish?domain={DOMAIN}&repository=repo&format=generic\
                     &namespace=ns&package=crash-generic&version={version}&asset=a.bin"
                );
                let sha = ("x-amz-content-sha256", sha256_hex(&content));
                let status = try_request(&addr, &head, &[sha], &content);
                let a = Attempt {
                    format: "generic",
                    namespace: Some("ns"),
                    package: "crash-generic".into(),
                    version,
                    asset: "a.bin".into(),
                    sha256: sha256_hex(&content),
                    acknowledged: false,
                };
                (a, status)
            }
        };
        match status {
            Some(code) if (200..300).contains(&code) => {
                log.lock().unwrap().push(Attempt {
                    acknowledged: true,
                    ..attempt
                });
            }
            Some(code) => panic!("{format} publish {} refused with {code}", attempt.version),
            None => {
                log.lock().unwrap().push(attempt);
                return;
            }
        }
    }
}

/// The asset's bytes through GetPackageVersionAsset, if it exists.
fn download(mock: &Mock, a: &Attempt) -> Option<Vec<u8>> {
    let ns = a
        .namespace
        .map(|n| format!("&namespace={n}"))
        .unwrap_or_default();
    let path = format!(
        "/v1/package/version/asset?domain={DOMAIN}&repository=repo&format={}{ns}&package={}\
         &version={}&asset={}",
        a.format, a.package, a.version, a.asset
    );
    let (status, body) = request_with(mock, "GET", &path, &[], b"");
    match status {
        200 => Some(body),
        404 => None,
        other => panic!(
            "GetPackageVersionAsset {a:?}: {other} {}",
            String::from_utf8_lossy(&body)
        ),
    }
}

fn acknowledged(log: &Mutex<Vec<Attempt>>) -> usize {
    log.lock()
        .unwrap()
        .iter()
        .filter(|a| a.acknowledged)
        .count()
}

fn temporary_files(data: &std::path::Path) -> usize {
    std::fs::read_dir(data.join("blobs/tmp")).map_or(0, |d| d.count())
}

#[test]
fn kill_9_during_publishes_loses_nothing_acknowledged() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let log = Arc::new(Mutex::new(Vec::new()));
    let mut leftovers = 0;
    let mut token = String::new();
    for cycle in 0..CYCLES {
        let mock = Mock::start_with(&data, &[]);
        assert_eq!(temporary_files(&data), 0, "leftovers survived a restart");
        let admin = User::new(&mock);
        if cycle == 0 {
            admin.ca(&["create-domain", "--domain", DOMAIN]);
            admin.ca(&[
                "create-repository",
                "--domain",
                DOMAIN,
                "--repository",
                "repo",
            ]);
        }
        if token.is_empty() {
            token = admin.token();
        }
        let stop = Arc::new(AtomicBool::new(false));
        let addr = mock.url.strip_prefix("http://").unwrap().to_string();
        let threads: Vec<_> = ["npm", "pypi", "maven", "generic"]
            .into_iter()
            .map(|format| {
                let (addr, token, stop, log) = (
                    addr.clone(),
                    token.clone(),
                    Arc::clone(&stop),
                    Arc::clone(&log),
                );
                std::thread::spawn(move || publisher(format, addr, token, cycle, stop, log))
            })
            .collect();
        // Kill once a few publishes went through (however fast this build is), at a moment
        // that varies from cycle to cycle, while the other publishers are mid-request.
        let before = acknowledged(&log);
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while acknowledged(&log) < before + 1 + (cycle as usize % 4)
            && std::time::Instant::now() < deadline
        {
            std::thread::sleep(Duration::from_millis(2));
        }
        std::thread::sleep(Duration::from_millis((cycle * 37) % 90));
        mock.stop_with(libc::SIGKILL);
        stop.store(true, Ordering::SeqCst);
        for t in threads {
            t.join().expect("a publisher failed");
        }
        leftovers += temporary_files(&data);
    }

    let mock = Mock::start_with(&data, &[]);
    assert_eq!(temporary_files(&data), 0);
    let attempts = log.lock().unwrap().clone();
    let acknowledged = acknowledged(&log);
    for a in &attempts {
        match download(&mock, a) {
            Some(body) => assert_eq!(sha256_hex(&body), a.sha256, "{a:?} has other bytes"),
            None => assert!(!a.acknowledged, "acknowledged {a:?} is lost"),
        }
    }
    mock.stop();

    let db = rusqlite::Connection::open(data.join("codeartifact.sqlite3")).unwrap();
    let check: String = db
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let mut rows = db.prepare("SELECT domain, sha256 FROM assets").unwrap();
    let assets: Vec<(String, String)> = rows
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (domain, sha) in &assets {
        let blob = data.join("blobs/d").join(domain).join(&sha[..2]).join(sha);
        let bytes = std::fs::read(&blob).unwrap_or_else(|e| panic!("{}: {e}", blob.display()));
        assert_eq!(&sha256_hex(&bytes), sha, "{} is torn", blob.display());
    }
    assert_eq!(temporary_files(&data), 0);
    assert!(
        acknowledged >= 2 * CYCLES as usize,
        "too few publishes got through to prove anything: {acknowledged}"
    );
    eprintln!(
        "crash: {CYCLES} kill -9 cycles, {acknowledged} acknowledged publishes of {} attempted, \
         {} asset rows checked, {leftovers} temporary files left by kills (removed at restart)",
        attempts.len(),
        assets.len()
    );
}
