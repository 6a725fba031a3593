//! cargo against `codeartifact mock serve`, configured by `codeartifact login --tool cargo`:
//! publish two crates (one depending on the other) to `up` over the sparse protocol on plain
//! http://127.0.0.1, build a project that depends on them through `app` (app -> up), then check
//! what the control plane reports, yank, statuses, republishing and a wrong token.
//!
//! cargo never reaches crates.io here: every command runs with a fresh CARGO_HOME holding only
//! what `login` wrote, the publisher names `--registry codeartifact`, and the consuming project
//! replaces crates.io with the repository (`[source.crates-io] replace-with`).

mod common;
mod dataplane_support;

use std::path::{Path, PathBuf};

use dataplane_support::*;
use serde_json::Value;

/// A file named `name` somewhere under `dir` (where cargo keeps the packaged .crate differs
/// between cargo versions).
fn find_file(dir: &Path, name: &str) -> Option<PathBuf> {
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if let Some(found) = find_file(&path, name) {
                return Some(found);
            }
        } else if entry.file_name() == name {
            return Some(path);
        }
    }
    None
}

/// The index file of `name` in `repo`, as raw lines, or the status when there is none.
fn index(mock: &Mock, token: &str, repo: &str, path: &str) -> Result<Vec<Value>, u16> {
    let (status, _, body) = authed(
        mock,
        "GET",
        &format!("{}{path}", endpoint_path("cargo", repo)),
        Some(token),
        b"",
    );
    if status != 200 {
        return Err(status);
    }
    Ok(String::from_utf8(body)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect())
}

fn publish_body(meta: &Value, tarball: &[u8]) -> Vec<u8> {
    let json = meta.to_string();
    let mut b = (json.len() as u32).to_le_bytes().to_vec();
    b.extend_from_slice(json.as_bytes());
    b.extend_from_slice(&(tarball.len() as u32).to_le_bytes());
    b.extend_from_slice(tarball);
    b
}

fn cp(admin: &User, op: &str, repo: &str, package: &str, extra: &[&str]) -> Value {
    let mut args = vec![
        op,
        "--domain",
        DOMAIN,
        "--repository",
        repo,
        "--format",
        "cargo",
        "--package",
        package,
    ];
    args.extend_from_slice(extra);
    admin.ca(&args)
}

#[test]
fn cargo_publishes_to_up_and_builds_through_app() {
    let (mock, admin) = mock_with(&[("up", &[]), ("app", &["up"])]);
    let token = admin.token();

    // Publisher: both crates go to `up`; the second depends on the first in the same registry.
    let publisher = User::new(&mock);
    let work = publisher.home().join("work");
    std::fs::create_dir_all(&work).unwrap();
    publisher.login("cargo", "up", &[], &work);
    let base = work.join("dp-base");
    write_crate(
        &base,
        "[package]\nname = \"dp-base\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\
         description = \"the base\"\nlicense = \"MIT\"\n",
        "pub fn base() -> &'static str { \"base\" }\n",
    );
    let top = work.join("dp-top");
    write_crate(
        &top,
        "[package]\nname = \"dp_Top\"\nversion = \"0.2.0\"\nedition = \"2021\"\n\
         description = \"the top\"\nlicense = \"MIT OR Apache-2.0\"\nreadme = \"README.md\"\n\
         repository = \"https://example.com/top\"\n\n\
         [dependencies]\ndp-base = { version = \"0.1\", registry = \"codeartifact\" }\n",
        "pub fn top() -> String { format!(\"top+{}\", dp_base::base()) }\n",
    );
    for dir in [&base, &top] {
        publisher.run(
            cargo(&publisher, dir).args(["publish", "--registry", "codeartifact"]),
            "cargo publish",
        );
    }

    // The index of `up`: crates.io's entry shape, checksum of the bytes cargo uploaded.
    let crate_file = find_file(&base.join("target/package"), "dp-base-0.1.0.crate")
        .expect("cargo publish leaves the .crate it uploaded under target/package");
    let crate_bytes = std::fs::read(&crate_file).unwrap();
    let sha256 = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(&crate_bytes))
    };
    let lines = index(&mock, &token, "up", "dp/-b/dp-base").unwrap();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["name"], "dp-base");
    assert_eq!(lines[0]["cksum"], sha256.as_str());
    assert_eq!(lines[0]["yanked"], false);
    let lines = index(&mock, &token, "up", "dp/_t/dp_top").unwrap();
    assert_eq!(
        lines[0]["name"], "dp_Top",
        "the index keeps the published spelling"
    );
    assert_eq!(lines[0]["deps"][0]["name"], "dp-base");
    assert_eq!(lines[0]["deps"][0]["req"], "^0.1");

    // cargo itself refuses a version the index lists; the repository refuses other bytes for
    // it with the error shape cargo prints, and accepts the same bytes again.
    std::fs::write(
        base.join("src/lib.rs"),
        "pub fn base() -> &'static str { \"b2\" }\n",
    )
    .unwrap();
    let again = cargo(&publisher, &base)
        .args(["publish", "--registry", "codeartifact", "--allow-dirty"])
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("already exists"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let meta = serde_json::json!({"name": "dp-base", "vers": "0.1.0", "deps": [], "features": {}});
    let api = format!("{}api/v1/crates/new", endpoint_path("cargo", "up"));
    let (status, _, body) = authed(
        &mock,
        "PUT",
        &api,
        Some(&token),
        &publish_body(&meta, b"other bytes"),
    );
    assert_eq!(status, 409);
    let err: Value = serde_json::from_slice(&body).unwrap();
    assert!(
        err["errors"][0]["detail"]
            .as_str()
            .unwrap()
            .contains("already exists"),
        "{err}"
    );
    let (status, _, _) = authed(
        &mock,
        "PUT",
        &api,
        Some(&token),
        &publish_body(&meta, &crate_bytes),
    );
    assert_eq!(status, 200, "the same bytes again are accepted");
    let (status, _, body) = authed(&mock, "PUT", &api, Some(&token), &[7, 0, 0]);
    assert_eq!(status, 400);
    assert!(String::from_utf8_lossy(&body).contains("\"errors\""));
    // Names are case-insensitive: another spelling of a stored crate is refused.
    let respelled = serde_json::json!({"name": "DP-Base", "vers": "0.1.1"});
    let (status, _, body) = authed(
        &mock,
        "PUT",
        &api,
        Some(&token),
        &publish_body(&respelled, b"bytes"),
    );
    assert_eq!(status, 400);
    assert!(
        String::from_utf8_lossy(&body).contains("previously named `dp-base`"),
        "{}",
        String::from_utf8_lossy(&body)
    );

    // Consumer: logged in to `app` only, crates.io replaced by the repository.
    let consumer = User::new(&mock);
    let project = consumer.home().join("consumer");
    std::fs::create_dir_all(project.join("src")).unwrap();
    std::fs::create_dir_all(project.join(".cargo")).unwrap();
    consumer.login("cargo", "app", &[], &project);
    std::fs::write(
        project.join(".cargo/config.toml"),
        "[source.crates-io]\nreplace-with = \"codeartifact\"\n",
    )
    .unwrap();
    std::fs::write(
        project.join("Cargo.toml"),
        "[package]\nname = \"consumer\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\ndp_Top = \"0.2\"\n",
    )
    .unwrap();
    std::fs::write(
        project.join("src/main.rs"),
        "fn main() { println!(\"{}\", dp_Top::top()); }\n",
    )
    .unwrap();
    let out = consumer.run(
        cargo(&consumer, &project).args(["run", "--quiet"]),
        "cargo run through app",
    );
    assert!(out.contains("top+base"), "{out}");

    // Both crates are now retained in `app`, with what their metadata said.
    let packages = admin.ca(&[
        "list-packages",
        "--domain",
        DOMAIN,
        "--repository",
        "app",
        "--format",
        "cargo",
    ]);
    let names: Vec<&str> = packages["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["package"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["dp-base", "dp_top"]);
    let described = cp(
        &admin,
        "describe-package-version",
        "app",
        "dp_top",
        &["--package-version", "0.2.0"],
    );
    let pv = &described["packageVersion"];
    assert_eq!(pv["displayName"], "dp_Top");
    assert_eq!(pv["summary"], "the top");
    assert_eq!(pv["status"], "Published");
    assert_eq!(pv["sourceCodeRepository"], "https://example.com/top");
    assert_eq!(pv["licenses"][0]["name"], "MIT OR Apache-2.0");
    assert_eq!(pv["origin"]["originType"], "INTERNAL");
    let deps = cp(
        &admin,
        "list-package-version-dependencies",
        "app",
        "dp_top",
        &["--package-version", "0.2.0"],
    );
    assert_eq!(
        deps["dependencies"],
        serde_json::json!([{"package": "dp-base", "dependencyType": "normal",
                            "versionRequirement": "^0.1"}])
    );
    let assets = cp(
        &admin,
        "list-package-version-assets",
        "app",
        "dp-base",
        &["--package-version", "0.1.0"],
    );
    assert_eq!(assets["assets"][0]["name"], "dp-base-0.1.0.crate");
    assert_eq!(assets["assets"][0]["hashes"]["SHA-256"], sha256.as_str());
    let outfile = consumer.home().join("asset.crate");
    cp(
        &admin,
        "get-package-version-asset",
        "app",
        "dp-base",
        &[
            "--package-version",
            "0.1.0",
            "--asset",
            "dp-base-0.1.0.crate",
            outfile.to_str().unwrap(),
        ],
    );
    assert_eq!(std::fs::read(&outfile).unwrap(), crate_bytes);

    // Yank is Unlisted: still in the index (yanked), still downloadable; undo publishes again.
    publisher.run(
        cargo(&publisher, &base).args(["yank", "--registry", "codeartifact", "dp-base@0.1.0"]),
        "cargo yank",
    );
    let status = |repo: &str, package: &str, version: &str| {
        cp(
            &admin,
            "describe-package-version",
            repo,
            package,
            &["--package-version", version],
        )["packageVersion"]["status"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(status("up", "dp-base", "0.1.0"), "Unlisted");
    assert_eq!(
        index(&mock, &token, "up", "dp/-b/dp-base").unwrap()[0]["yanked"],
        true
    );
    publisher.run(
        cargo(&publisher, &base).args([
            "yank",
            "--undo",
            "--registry",
            "codeartifact",
            "dp-base@0.1.0",
        ]),
        "cargo yank --undo",
    );
    assert_eq!(status("up", "dp-base", "0.1.0"), "Published");

    // Statuses set through the API: Unlisted shows as yanked, Archived leaves the index and
    // can no longer be downloaded.
    cp(
        &admin,
        "update-package-versions-status",
        "up",
        "dp_top",
        &["--versions", "0.2.0", "--target-status", "Unlisted"],
    );
    assert_eq!(
        index(&mock, &token, "up", "dp/_t/dp_top").unwrap()[0]["yanked"],
        true
    );
    cp(
        &admin,
        "update-package-versions-status",
        "up",
        "dp_top",
        &["--versions", "0.2.0", "--target-status", "Archived"],
    );
    assert_eq!(index(&mock, &token, "up", "dp/_t/dp_top"), Err(404));
    let download = format!(
        "{}api/v1/crates/dp_Top/0.2.0/download",
        endpoint_path("cargo", "up")
    );
    assert_eq!(authed(&mock, "GET", &download, Some(&token), b"").0, 404);
    // `app` retained its own Published copy, which stays.
    assert_eq!(
        index(&mock, &token, "app", "dp/_t/dp_top").unwrap()[0]["yanked"],
        false
    );

    // A wrong token: cargo fails and says the token was rejected (a token in credentials.toml,
    // not login's default credential provider).
    let intruder = User::new(&mock);
    let other = intruder.home().join("other");
    std::fs::create_dir_all(other.join(".cargo")).unwrap();
    intruder.login("cargo", "app", &["--no-credential-provider"], &other);
    std::fs::write(
        intruder.home().join(".cargo/credentials.toml"),
        "[registries.codeartifact]\ntoken = \"not-a-token\"\n",
    )
    .unwrap();
    std::fs::copy(
        project.join(".cargo/config.toml"),
        other.join(".cargo/config.toml"),
    )
    .unwrap();
    std::fs::copy(project.join("Cargo.toml"), other.join("Cargo.toml")).unwrap();
    std::fs::create_dir_all(other.join("src")).unwrap();
    std::fs::copy(project.join("src/main.rs"), other.join("src/main.rs")).unwrap();
    let denied = cargo(&intruder, &other).arg("fetch").output().unwrap();
    let stderr = String::from_utf8_lossy(&denied.stderr);
    assert!(!denied.status.success(), "{stderr}");
    assert!(
        stderr.contains("token rejected") && stderr.contains("401"),
        "{stderr}"
    );
    // Without any token the repository answers 401 with a challenge, config.json included.
    let (status, headers, _) = authed(
        &mock,
        "GET",
        &format!("{}config.json", endpoint_path("cargo", "app")),
        None,
        b"",
    );
    assert_eq!(status, 401);
    assert!(header(&headers, "www-authenticate").is_some());

    // Unsupported commands say so.
    let search = cargo(&consumer, &project)
        .args(["search", "--registry", "codeartifact", "dp"])
        .output()
        .unwrap();
    assert!(!search.status.success());
    assert!(
        String::from_utf8_lossy(&search.stderr).contains("not supported"),
        "{}",
        String::from_utf8_lossy(&search.stderr)
    );
}

#[test]
fn config_json_points_cargo_at_the_repository() {
    let (mock, admin) = mock_with(&[("repo", &[])]);
    let token = admin.token();
    let (status, headers, body) = authed(
        &mock,
        "GET",
        &format!("{}config.json", endpoint_path("cargo", "repo")),
        Some(&token),
        b"",
    );
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "content-type"), Some("application/json"));
    let config: Value = serde_json::from_slice(&body).unwrap();
    let ep = endpoint(&mock, "cargo", "repo");
    assert_eq!(config["auth-required"], true);
    assert_eq!(config["api"], ep.trim_end_matches('/'));
    assert_eq!(
        config["dl"],
        format!("{ep}api/v1/crates/{{crate}}/{{version}}/download")
    );
    // An unknown crate is a plain 404 (cargo's "not found"), an index path that does not
    // match its name is too.
    for path in ["3/a/abc", "ab/cd/abce", "1/ab"] {
        let (status, _, body) = authed(
            &mock,
            "GET",
            &format!("{}{path}", endpoint_path("cargo", "repo")),
            Some(&token),
            b"",
        );
        assert_eq!(status, 404, "{path}");
        let err: Value = serde_json::from_slice(&body).unwrap();
        assert!(err["errors"][0]["detail"].is_string(), "{err}");
    }
}

#[test]
fn cargo_builds_with_a_crate_from_the_crates_io_external_connection() {
    // The "public" side: a second mock whose repository stands in for crates.io.
    let (public, public_admin) = mock_with(&[("crates", &[])]);
    let public_token = public_admin.token();
    let publisher = User::new(&public);
    let work = publisher.home().join("work");
    std::fs::create_dir_all(&work).unwrap();
    publisher.login("cargo", "crates", &[], &work);
    let lib = work.join("pub-lib");
    write_crate(
        &lib,
        "[package]\nname = \"pub-lib\"\nversion = \"1.2.3\"\nedition = \"2021\"\n\
         description = \"from outside\"\nlicense = \"MIT\"\n",
        "pub fn hello() -> &'static str { \"hello from outside\" }\n",
    );
    publisher.run(
        cargo(&publisher, &lib).args(["publish", "--registry", "codeartifact"]),
        "cargo publish to the public mock",
    );

    // The mock under test: public:crates-io is the other mock, credentials in the URL.
    let upstream = format!(
        "{}/cargo/d/{DOMAIN}-{OWNER}/crates/",
        public
            .url
            .replacen("http://", &format!("http://aws:{public_token}@"), 1)
    );
    let tmp = tempfile::tempdir().unwrap();
    let mock = Mock::start_with(
        &tmp.path().join("data"),
        &[
            "--external-connection",
            &format!("public:crates-io={upstream}"),
        ],
    );
    let admin = User::new(&mock);
    admin.ca(&["create-domain", "--domain", DOMAIN]);
    admin.ca(&[
        "create-repository",
        "--domain",
        DOMAIN,
        "--repository",
        "crates-store",
    ]);
    admin.ca(&[
        "associate-external-connection",
        "--domain",
        DOMAIN,
        "--repository",
        "crates-store",
        "--external-connection",
        "public:crates-io",
    ]);
    admin.ca(&[
        "create-repository",
        "--domain",
        DOMAIN,
        "--repository",
        "app",
        "--upstreams",
        "repositoryName=crates-store",
    ]);

    let consumer = User::new(&mock);
    let project = consumer.home().join("consumer");
    std::fs::create_dir_all(project.join("src")).unwrap();
    std::fs::create_dir_all(project.join(".cargo")).unwrap();
    consumer.login("cargo", "app", &[], &project);
    std::fs::write(
        project.join(".cargo/config.toml"),
        "[source.crates-io]\nreplace-with = \"codeartifact\"\n",
    )
    .unwrap();
    std::fs::write(
        project.join("Cargo.toml"),
        "[package]\nname = \"consumer\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\npub-lib = \"1\"\n",
    )
    .unwrap();
    std::fs::write(
        project.join("src/main.rs"),
        "fn main() { println!(\"{}\", pub_lib::hello()); }\n",
    )
    .unwrap();
    let out = consumer.run(
        cargo(&consumer, &project).args(["run", "--quiet"]),
        "cargo run through the external connection",
    );
    assert!(out.contains("hello from outside"), "{out}");

    // Fetched into the repository holding the connection (origin EXTERNAL), retained in app.
    for repo in ["crates-store", "app"] {
        let pv = cp(
            &admin,
            "describe-package-version",
            repo,
            "pub-lib",
            &["--package-version", "1.2.3"],
        );
        assert_eq!(pv["packageVersion"]["status"], "Published", "{repo}");
        assert_eq!(
            pv["packageVersion"]["origin"]["originType"], "EXTERNAL",
            "{repo}"
        );
    }
    let token = admin.token();
    let lines = index(&mock, &token, "app", "pu/b-/pub-lib").unwrap();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["vers"], "1.2.3");
}
