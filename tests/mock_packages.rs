//! Packages, package versions and assets in the mock, driven by AWS CLI v1 (and boto3 where the
//! CLI validates too much to reach the mock's own checks).

mod common;

use std::path::{Path, PathBuf};

use common::Mock;
use serde_json::{Value, json};

fn split(cmd: &str) -> Vec<String> {
    shlex::split(cmd).expect("well-quoted command")
}

fn ok(m: &Mock, cmd: &str) -> Value {
    let a = split(cmd);
    m.aws_ok(&a.iter().map(String::as_str).collect::<Vec<_>>())
}

fn err(m: &Mock, cmd: &str, code: &str) -> String {
    let a = split(cmd);
    m.aws_err(&a.iter().map(String::as_str).collect::<Vec<_>>(), code)
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// A file holding `bytes` in `dir`, and its SHA-256.
fn asset(dir: &Path, name: &str, bytes: &[u8]) -> (PathBuf, String) {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    (path, sha256_hex(bytes))
}

const PKG: &str = "--domain dom --format generic --namespace tools --package cli";

/// A domain `dom` with repositories `base`, `app` (upstream: base) and `other`.
fn setup() -> (Mock, tempfile::TempDir) {
    let mock = Mock::start();
    ok(&mock, "create-domain --domain dom");
    ok(&mock, "create-repository --domain dom --repository base");
    ok(
        &mock,
        "create-repository --domain dom --repository app --upstreams repositoryName=base",
    );
    ok(&mock, "create-repository --domain dom --repository other");
    (mock, tempfile::tempdir().unwrap())
}

fn publish(m: &Mock, repo: &str, version: &str, file: &Path, sha: &str, extra: &str) -> Value {
    let name = file.file_name().unwrap().to_str().unwrap();
    ok(
        m,
        &format!(
            "publish-package-version {PKG} --repository {repo} --package-version {version} \
             --asset-content {} --asset-name {name} --asset-sha256 {sha} {extra}",
            file.display()
        ),
    )
}

fn asset_size_bytes(m: &Mock) -> i64 {
    ok(m, "describe-domain --domain dom")["domain"]["assetSizeBytes"]
        .as_i64()
        .unwrap()
}

#[test]
fn generic_publish_unfinished_then_published_with_hashes() {
    let (mock, dir) = setup();
    let (a, a_sha) = asset(dir.path(), "a.bin", b"first asset");
    let (b, b_sha) = asset(dir.path(), "b.bin", b"second asset!");

    let out = publish(&mock, "base", "1.0", &a, &a_sha, "--unfinished");
    assert_eq!(out["status"], "Unfinished");
    assert_eq!(
        (
            &out["format"],
            &out["namespace"],
            &out["package"],
            &out["version"]
        ),
        (
            &json!("generic"),
            &json!("tools"),
            &json!("cli"),
            &json!("1.0")
        )
    );
    let hashes = &out["asset"]["hashes"];
    assert_eq!(out["asset"]["name"], "a.bin");
    assert_eq!(out["asset"]["size"], 11);
    assert_eq!(hashes["SHA-256"], a_sha);
    assert_eq!(
        hashes["MD5"],
        hex::encode(<md5::Md5 as sha2::Digest>::digest(b"first asset"))
    );
    assert_eq!(
        hashes["SHA-1"],
        hex::encode(<sha1::Sha1 as sha2::Digest>::digest(b"first asset"))
    );
    assert_eq!(
        hashes["SHA-512"],
        hex::encode(<sha2::Sha512 as sha2::Digest>::digest(b"first asset"))
    );
    let rev1 = out["versionRevision"].as_str().unwrap().to_string();

    // A retried upload of the same bytes changes nothing while --unfinished.
    let again = publish(&mock, "base", "1.0", &a, &a_sha, "--unfinished");
    assert_eq!(
        (again["status"].as_str(), again["versionRevision"].as_str()),
        (Some("Unfinished"), Some(rev1.as_str()))
    );

    // The last asset without --unfinished publishes the version; its revision changes.
    let out = publish(&mock, "base", "1.0", &b, &b_sha, "");
    assert_eq!(out["status"], "Published");
    assert_ne!(out["versionRevision"], rev1);

    // Same name, same bytes: accepted (a retried upload). Other bytes: 409.
    let again = publish(&mock, "base", "1.0", &b, &b_sha, "");
    assert_eq!(again["asset"]["hashes"]["SHA-256"], b_sha);
    let (b2, b2_sha) = asset(dir.path(), "b2.bin", b"changed");
    let e = err(
        &mock,
        &format!(
            "publish-package-version {PKG} --repository base --package-version 1.0 \
             --asset-content {} --asset-name b.bin --asset-sha256 {b2_sha}",
            b2.display()
        ),
        "ConflictException",
    );
    assert!(e.contains("different content"), "{e}");
    // A new asset on a Published version: 409 too.
    let e = err(
        &mock,
        &format!(
            "publish-package-version {PKG} --repository base --package-version 1.0 \
             --asset-content {} --asset-name c.bin --asset-sha256 {b2_sha}",
            b2.display()
        ),
        "ConflictException",
    );
    assert!(e.contains("Unfinished"), "{e}");
    // The declared SHA-256 must be the content's.
    let e = err(
        &mock,
        &format!(
            "publish-package-version {PKG} --repository base --package-version 2.0 \
             --asset-content {} --asset-name a.bin --asset-sha256 {b_sha}",
            a.display()
        ),
        "ValidationException",
    );
    assert!(e.contains("SHA-256"), "{e}");
    // Generic needs a namespace; other formats cannot be published through this API.
    err(
        &mock,
        &format!(
            "publish-package-version --domain dom --repository base --format generic --package cli \
             --package-version 2.0 --asset-content {} --asset-name a.bin --asset-sha256 {a_sha}",
            a.display()
        ),
        "ValidationException",
    );
    err(
        &mock,
        &format!(
            "publish-package-version --domain dom --repository base --format npm --package cli \
             --package-version 2.0 --asset-content {} --asset-name a.bin --asset-sha256 {a_sha}",
            a.display()
        ),
        "ValidationException",
    );

    let assets = ok(
        &mock,
        &format!("list-package-version-assets {PKG} --repository base --package-version 1.0"),
    );
    let names: Vec<&str> = assets["assets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["a.bin", "b.bin"]);
    assert_eq!(assets["versionRevision"], out["versionRevision"]);

    let outfile = dir.path().join("download");
    let meta = ok(
        &mock,
        &format!(
            "get-package-version-asset {PKG} --repository base --package-version 1.0 --asset a.bin {}",
            outfile.display()
        ),
    );
    assert_eq!(std::fs::read(&outfile).unwrap(), b"first asset");
    assert_eq!(meta["assetName"], "a.bin");
    assert_eq!(meta["packageVersion"], "1.0");
    assert_eq!(meta["packageVersionRevision"], out["versionRevision"]);
    err(
        &mock,
        &format!(
            "get-package-version-asset {PKG} --repository base --package-version 1.0 --asset nope.bin {}",
            outfile.display()
        ),
        "ResourceNotFoundException",
    );
    err(
        &mock,
        &format!(
            "get-package-version-asset {PKG} --repository base --package-version 1.0 --asset a.bin \
             --package-version-revision nope {}",
            outfile.display()
        ),
        "ResourceNotFoundException",
    );

    let v = ok(
        &mock,
        &format!("describe-package-version {PKG} --repository base --package-version 1.0"),
    )["packageVersion"]
        .clone();
    assert_eq!(v["packageName"], "cli");
    assert_eq!(v["displayName"], "cli");
    assert_eq!(v["status"], "Published");
    assert_eq!(
        v["origin"],
        json!({"domainEntryPoint": {"repositoryName": "base"}, "originType": "INTERNAL"})
    );
    assert!(v["publishedTime"].is_string());
    err(
        &mock,
        &format!("describe-package-version {PKG} --repository base --package-version 9.9"),
        "ResourceNotFoundException",
    );

    // Generic packages carry no readme and no dependencies.
    let readme = ok(
        &mock,
        &format!("get-package-version-readme {PKG} --repository base --package-version 1.0"),
    );
    assert_eq!(readme.get("readme"), None);
    assert_eq!(readme["version"], "1.0");
    let deps = ok(
        &mock,
        &format!("list-package-version-dependencies {PKG} --repository base --package-version 1.0"),
    );
    assert_eq!(deps["dependencies"], json!([]));
    err(
        &mock,
        &format!(
            "list-package-version-dependencies {PKG} --repository other --package-version 1.0"
        ),
        "ResourceNotFoundException",
    );
    err(
        &mock,
        &format!("get-package-version-readme {PKG} --repository base --package-version 7"),
        "ResourceNotFoundException",
    );

    assert_eq!(asset_size_bytes(&mock), 11 + 13);
}

#[test]
fn statuses_revisions_and_per_version_errors() {
    let (mock, dir) = setup();
    let (a, sha) = asset(dir.path(), "a.bin", b"bytes");
    for v in ["1.0", "2.0", "3.0"] {
        publish(&mock, "base", v, &a, &sha, "");
    }
    let rev = ok(
        &mock,
        &format!("describe-package-version {PKG} --repository base --package-version 1.0"),
    )["packageVersion"]["revision"]
        .as_str()
        .unwrap()
        .to_string();

    let out = ok(
        &mock,
        &format!(
            "update-package-versions-status {PKG} --repository base --versions 1.0 2.0 9.9 \
             --target-status Unlisted --expected-status Published"
        ),
    );
    assert_eq!(
        out["successfulVersions"]["1.0"],
        json!({"revision": rev, "status": "Unlisted"})
    );
    assert_eq!(out["successfulVersions"]["2.0"]["status"], "Unlisted");
    assert_eq!(out["failedVersions"]["9.9"]["errorCode"], "NOT_FOUND");

    let out = ok(
        &mock,
        &format!(
            "update-package-versions-status {PKG} --repository base --versions 1.0 3.0 \
             --target-status Archived --expected-status Unlisted"
        ),
    );
    assert_eq!(out["successfulVersions"]["1.0"]["status"], "Archived");
    assert_eq!(
        out["failedVersions"]["3.0"]["errorCode"],
        "MISMATCHED_STATUS"
    );

    let out = ok(
        &mock,
        &format!(
            "update-package-versions-status {PKG} --repository base --versions 1.0 \
             --target-status Archived"
        ),
    );
    assert_eq!(out["failedVersions"]["1.0"]["errorCode"], "SKIPPED");

    let out = ok(
        &mock,
        &format!(
            "update-package-versions-status {PKG} --repository base --versions 3.0 \
             --version-revisions 3.0=wrong --target-status Unlisted"
        ),
    );
    assert_eq!(
        out["failedVersions"]["3.0"]["errorCode"],
        "MISMATCHED_REVISION"
    );

    // Only Published, Unlisted and Archived are targets.
    for target in ["Disposed", "Unfinished", "Deleted"] {
        err(
            &mock,
            &format!(
                "update-package-versions-status {PKG} --repository base --versions 3.0 --target-status {target}"
            ),
            "ValidationException",
        );
    }

    // Archived assets cannot be downloaded.
    let outfile = dir.path().join("dl");
    err(
        &mock,
        &format!(
            "get-package-version-asset {PKG} --repository base --package-version 1.0 --asset a.bin {}",
            outfile.display()
        ),
        "ConflictException",
    );

    // Filters and defaultDisplayVersion (the newest Published version).
    let list = ok(
        &mock,
        &format!("list-package-versions {PKG} --repository base"),
    );
    assert_eq!(list["defaultDisplayVersion"], "3.0");
    assert_eq!(list["versions"].as_array().unwrap().len(), 3);
    let list = ok(
        &mock,
        &format!("list-package-versions {PKG} --repository base --status Unlisted"),
    );
    let versions: Vec<&str> = list["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["version"].as_str().unwrap())
        .collect();
    assert_eq!(versions, ["2.0"]);
    let list = ok(
        &mock,
        &format!("list-package-versions {PKG} --repository base --origin-type EXTERNAL"),
    );
    assert_eq!(list["versions"], json!([]));
    let list = ok(
        &mock,
        &format!("list-package-versions {PKG} --repository base --sort-by PUBLISHED_TIME"),
    );
    assert_eq!(list["versions"][0]["version"], "3.0");
    let paged = ok(
        &mock,
        &format!("list-package-versions {PKG} --repository base --max-items 2"),
    );
    assert_eq!(paged["versions"].as_array().unwrap().len(), 2);
    let token = paged["NextToken"].as_str().unwrap();
    let rest = ok(
        &mock,
        &format!("list-package-versions {PKG} --repository base --starting-token {token}"),
    );
    assert_eq!(rest["versions"][0]["version"], "3.0");

    // A page token belongs to the order it was made for.
    let by_time = ok(
        &mock,
        &format!(
            "list-package-versions {PKG} --repository base --sort-by PUBLISHED_TIME --max-items 1 --page-size 1"
        ),
    );
    let token = by_time["NextToken"].as_str().unwrap();
    err(
        &mock,
        &format!("list-package-versions {PKG} --repository base --starting-token {token}"),
        "ValidationException",
    );

    // Dispose: the assets go (the bytes too, once nothing else uses them).
    assert_eq!(asset_size_bytes(&mock), 5);
    let out = ok(
        &mock,
        &format!(
            "dispose-package-versions {PKG} --repository base --versions 1.0 2.0 3.0 \
             --expected-status Archived"
        ),
    );
    assert_eq!(out["successfulVersions"]["1.0"]["status"], "Disposed");
    assert_eq!(
        out["failedVersions"]["2.0"]["errorCode"],
        "MISMATCHED_STATUS"
    );
    let out = ok(
        &mock,
        &format!(
            "dispose-package-versions {PKG} --repository base --versions 1.0 2.0 3.0 \
             --version-revisions 3.0=wrong"
        ),
    );
    assert_eq!(out["failedVersions"]["1.0"]["errorCode"], "SKIPPED");
    assert_eq!(out["successfulVersions"]["2.0"]["status"], "Disposed");
    assert_eq!(
        out["failedVersions"]["3.0"]["errorCode"],
        "MISMATCHED_REVISION"
    );
    let assets = ok(
        &mock,
        &format!("list-package-version-assets {PKG} --repository base --package-version 1.0"),
    );
    assert_eq!(assets["assets"], json!([]));
    let out = ok(
        &mock,
        &format!(
            "update-package-versions-status {PKG} --repository base --versions 1.0 --target-status Published"
        ),
    );
    assert_eq!(out["failedVersions"]["1.0"]["errorCode"], "NOT_ALLOWED");
    assert_eq!(asset_size_bytes(&mock), 5, "3.0 still holds the bytes");

    let out = ok(
        &mock,
        &format!(
            "delete-package-versions {PKG} --repository base --versions 1.0 3.0 4.0 --expected-status Published"
        ),
    );
    assert_eq!(out["successfulVersions"]["3.0"]["status"], "Deleted");
    assert_eq!(
        out["failedVersions"]["1.0"]["errorCode"],
        "MISMATCHED_STATUS"
    );
    assert_eq!(out["failedVersions"]["4.0"]["errorCode"], "NOT_FOUND");
    assert_eq!(asset_size_bytes(&mock), 0);
    let blobs: Vec<_> = walk(&mock.data_dir.join("blobs/d"));
    assert!(blobs.is_empty(), "{blobs:?}");

    err(
        &mock,
        &format!("delete-package-versions {PKG} --repository other --versions 1.0"),
        "ResourceNotFoundException",
    );
    err(
        &mock,
        &format!("dispose-package-versions {PKG} --repository nope --versions 1.0"),
        "ResourceNotFoundException",
    );
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn copy_shares_bytes_and_honours_overwrite_and_upstreams() {
    let (mock, dir) = setup();
    let (a, sha) = asset(dir.path(), "a.bin", b"shared bytes");
    publish(&mock, "base", "1.0", &a, &sha, "");
    publish(&mock, "base", "2.0", &a, &sha, "--unfinished");
    let size = asset_size_bytes(&mock);

    let copy = |extra: &str| {
        ok(
            &mock,
            &format!(
                "copy-package-versions --domain dom --source-repository base --destination-repository other \
                 --format generic --namespace tools --package cli {extra}"
            ),
        )
    };
    let out = copy("--versions 1.0 2.0 5.0");
    assert_eq!(out["successfulVersions"]["1.0"]["status"], "Published");
    assert_eq!(out["failedVersions"]["2.0"]["errorCode"], "NOT_ALLOWED");
    assert_eq!(out["failedVersions"]["5.0"]["errorCode"], "NOT_FOUND");
    assert_eq!(asset_size_bytes(&mock), size, "copies share the bytes");
    let out = copy("--versions 1.0");
    assert_eq!(out["failedVersions"]["1.0"]["errorCode"], "ALREADY_EXISTS");
    // Overwriting a version whose own bytes nobody else uses frees them.
    let (c, c_sha) = asset(dir.path(), "c.bin", b"only in other");
    ok(
        &mock,
        &format!(
            "publish-package-version {PKG} --repository other --package-version 3.0 --asset-content {} \
             --asset-name c.bin --asset-sha256 {c_sha}",
            c.display()
        ),
    );
    assert_eq!(asset_size_bytes(&mock), size + 13);
    publish(&mock, "base", "3.0", &a, &sha, "");
    let out = copy("--versions 1.0 3.0 --allow-overwrite");
    assert_eq!(out["successfulVersions"]["1.0"]["status"], "Published");
    assert_eq!(out["successfulVersions"]["3.0"]["status"], "Published");
    assert_eq!(asset_size_bytes(&mock), size);
    let out = copy("--version-revisions 1.0=wrong");
    assert_eq!(
        out["failedVersions"]["1.0"]["errorCode"],
        "MISMATCHED_REVISION"
    );

    let outfile = dir.path().join("dl");
    ok(
        &mock,
        &format!(
            "get-package-version-asset {PKG} --repository other --package-version 1.0 --asset a.bin {}",
            outfile.display()
        ),
    );
    assert_eq!(std::fs::read(&outfile).unwrap(), b"shared bytes");
    // The copy keeps where the version entered the domain.
    let v = ok(
        &mock,
        &format!("describe-package-version {PKG} --repository other --package-version 1.0"),
    );
    assert_eq!(
        v["packageVersion"]["origin"]["domainEntryPoint"]["repositoryName"],
        "base"
    );

    // From `app`, 1.0 is only in its upstream `base`.
    let from_app = |extra: &str| {
        let a = split(&format!(
            "copy-package-versions --domain dom --source-repository app --destination-repository other \
             --format generic --namespace tools --package cli --versions 1.0 --allow-overwrite {extra}"
        ));
        mock.aws(&a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let without = from_app("");
    assert!(
        without.stderr.contains("ResourceNotFoundException"),
        "{}",
        without.stderr
    );
    let with: Value = serde_json::from_str(&from_app("--include-from-upstream").stdout).unwrap();
    assert_eq!(with["successfulVersions"]["1.0"]["status"], "Published");

    // Both versions and versionRevisions, or the same repository twice: refused.
    err(
        &mock,
        "copy-package-versions --domain dom --source-repository base --destination-repository other \
         --format generic --namespace tools --package cli --versions 1.0 --version-revisions 1.0=x",
        "ValidationException",
    );
    err(
        &mock,
        "copy-package-versions --domain dom --source-repository base --destination-repository base \
         --format generic --namespace tools --package cli --versions 1.0",
        "ValidationException",
    );
    err(
        &mock,
        "copy-package-versions --domain dom --source-repository base --destination-repository nope \
         --format generic --namespace tools --package cli --versions 1.0",
        "ResourceNotFoundException",
    );
}

#[test]
fn packages_listing_origin_controls_and_deletion() {
    let (mock, dir) = setup();
    let (a, sha) = asset(dir.path(), "a.bin", b"pkg bytes");
    publish(&mock, "base", "1.0", &a, &sha, "");
    for (ns, name) in [("tools", "zeta"), ("other", "cli"), ("tools", "alpha")] {
        ok(
            &mock,
            &format!(
                "publish-package-version --domain dom --repository base --format generic --namespace {ns} \
                 --package {name} --package-version 1 --asset-content {} --asset-name a.bin --asset-sha256 {sha}",
                a.display()
            ),
        );
    }
    let names = |v: &Value| -> Vec<String> {
        v["packages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                format!(
                    "{}/{}",
                    p["namespace"].as_str().unwrap(),
                    p["package"].as_str().unwrap()
                )
            })
            .collect()
    };
    let all = ok(&mock, "list-packages --domain dom --repository base");
    assert_eq!(
        names(&all),
        ["other/cli", "tools/alpha", "tools/cli", "tools/zeta"]
    );
    assert_eq!(
        all["packages"][0]["originConfiguration"],
        json!({"restrictions": {"publish": "ALLOW", "upstream": "BLOCK"}})
    );
    let f = ok(
        &mock,
        "list-packages --domain dom --repository base --namespace too --package-prefix c",
    );
    assert_eq!(names(&f), ["tools/cli"]);
    let f = ok(
        &mock,
        "list-packages --domain dom --repository base --format npm",
    );
    assert_eq!(names(&f), Vec::<String>::new());
    let paged = ok(
        &mock,
        "list-packages --domain dom --repository base --max-items 3",
    );
    assert_eq!(names(&paged).len(), 3);
    let token = paged["NextToken"].as_str().unwrap().to_string();
    let rest = ok(
        &mock,
        &format!("list-packages --domain dom --repository base --starting-token {token}"),
    );
    assert_eq!(names(&rest), ["tools/zeta"]);
    let small_pages = ok(
        &mock,
        "list-packages --domain dom --repository base --page-size 1",
    );
    assert_eq!(names(&small_pages).len(), 4);

    // Origin controls: set ahead of any version, filter on them, and enforced on publish.
    let out = ok(
        &mock,
        "put-package-origin-configuration --domain dom --repository base --format generic --namespace tools \
         --package cli --restrictions publish=BLOCK,upstream=ALLOW",
    );
    assert_eq!(
        out["originConfiguration"],
        json!({"restrictions": {"publish": "BLOCK", "upstream": "ALLOW"}})
    );
    let blocked = ok(
        &mock,
        "list-packages --domain dom --repository base --publish BLOCK",
    );
    assert_eq!(names(&blocked), ["tools/cli"]);
    let up = ok(
        &mock,
        "list-packages --domain dom --repository base --upstream ALLOW",
    );
    assert_eq!(names(&up), ["tools/cli"]);
    let e = err(
        &mock,
        &format!(
            "publish-package-version {PKG} --repository base --package-version 2.0 --asset-content {} \
             --asset-name a.bin --asset-sha256 {sha}",
            a.display()
        ),
        "AccessDeniedException",
    );
    assert!(e.contains("blocked"), "{e}");
    let d = ok(
        &mock,
        "describe-package --domain dom --repository base --format generic --namespace tools --package cli",
    );
    assert_eq!(d["package"]["name"], "cli");
    assert_eq!(
        d["package"]["originConfiguration"]["restrictions"]["publish"],
        "BLOCK"
    );
    ok(
        &mock,
        "put-package-origin-configuration --domain dom --repository other --format generic --namespace x \
         --package fresh --restrictions publish=ALLOW,upstream=BLOCK",
    );
    assert_eq!(
        names(&ok(&mock, "list-packages --domain dom --repository other")),
        ["x/fresh"]
    );
    err(
        &mock,
        "describe-package --domain dom --repository base --format generic --namespace tools --package none",
        "ResourceNotFoundException",
    );
    err(
        &mock,
        "list-packages --domain dom --repository nope",
        "ResourceNotFoundException",
    );
    err(
        &mock,
        "put-package-origin-configuration --domain nope --repository base --format generic --namespace x \
         --package y --restrictions publish=ALLOW,upstream=BLOCK",
        "ResourceNotFoundException",
    );

    let deleted = ok(
        &mock,
        "delete-package --domain dom --repository base --format generic --namespace tools --package zeta",
    );
    assert_eq!(deleted["deletedPackage"]["package"], "zeta");
    err(
        &mock,
        "delete-package --domain dom --repository base --format generic --namespace tools --package zeta",
        "ResourceNotFoundException",
    );

    // Deleting the repository deletes its packages and, unshared, their bytes.
    assert_eq!(asset_size_bytes(&mock), 9);
    ok(
        &mock,
        "update-repository --domain dom --repository app --upstreams []",
    );
    ok(&mock, "delete-repository --domain dom --repository base");
    assert_eq!(asset_size_bytes(&mock), 0);
    ok(&mock, "create-repository --domain dom --repository base");
    assert_eq!(
        ok(&mock, "list-packages --domain dom --repository base")["packages"],
        json!([])
    );
}

#[test]
fn boto3_reaches_the_mocks_own_validation() {
    let (mock, dir) = setup();
    let (a, sha) = asset(dir.path(), "a.bin", b"x");
    publish(&mock, "base", "1.0", &a, &sha, "");
    let out = mock.boto3_json(
        r#"
out = {}
try:
    raw_client.list_packages(domain='dom', repository='base', maxResults=0)
except ClientError as e:
    out['max0'] = e.response['Error']['Code']
try:
    client.list_packages(domain='dom', repository='base', nextToken='garbage')
except ClientError as e:
    out['token'] = e.response['Error']['Code']
r = client.get_package_version_asset(domain='dom', repository='base', format='generic',
    namespace='tools', package='cli', packageVersion='1.0', asset='a.bin')
out['body'] = r['asset'].read().decode()
out['name'] = r['assetName']
print(json.dumps(out))
"#,
    );
    assert_eq!(
        out,
        json!({"max0": "ValidationException", "token": "ValidationException", "body": "x", "name": "a.bin"})
    );
}
