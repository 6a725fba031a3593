//! Issue 3's 25 package, version, asset and package group operations, each compared with AWS
//! CLI v1's output byte for byte (see tests/common/oracle.rs), in json and text, with and
//! without --query, on success and on service errors.

mod common;

use common::oracle::Pair;

fn split(cmd: &str) -> Vec<String> {
    shlex::split(cmd).expect("well-quoted command")
}

fn step(p: &Pair, cmd: &str) -> String {
    let a = split(cmd);
    p.step(&a.iter().map(String::as_str).collect::<Vec<_>>())
}

fn read(p: &Pair, cmd: &str, query: &str) {
    let a = split(cmd);
    p.read(&a.iter().map(String::as_str).collect::<Vec<_>>(), query);
}

// Pages are cut both ways: the service's own `--max-results` (one call, `nextToken`) and the
// CLI's `--max-items`/`--page-size` (aggregated pages, `NextToken`).

const PKG: &str = "--domain acme --format generic --namespace tools --package cli";

#[test]
fn packages_versions_assets_and_groups_match_aws_cli() {
    let p = Pair::new();
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        use sha2::Digest;
        (
            path.display().to_string(),
            hex::encode(sha2::Sha256::digest(bytes)),
        )
    };
    let (a, a_sha) = file("a.bin", b"first asset");
    let (b, b_sha) = file("b.txt", "second asset, not ASCII: é".as_bytes());

    step(&p, "create-domain --domain acme");
    step(&p, "create-repository --domain acme --repository base");
    step(
        &p,
        "create-repository --domain acme --repository app --upstreams repositoryName=base",
    );
    step(&p, "create-repository --domain acme --repository other");

    // publish-package-version
    step(
        &p,
        &format!(
            "publish-package-version {PKG} --repository base --package-version 1.0 --asset-content {a} \
             --asset-name a.bin --asset-sha256 {a_sha} --unfinished"
        ),
    );
    step(
        &p,
        &format!(
            "publish-package-version {PKG} --repository base --package-version 1.0 --asset-content {b} \
             --asset-name b.txt --asset-sha256 {b_sha} --output text"
        ),
    );
    step(
        &p,
        &format!(
            "publish-package-version {PKG} --repository base --package-version 1.0 --asset-content {a} \
             --asset-name b.txt --asset-sha256 {a_sha}"
        ),
    ); // ConflictException
    step(
        &p,
        &format!(
            "publish-package-version {PKG} --repository base --package-version 2.0 --asset-content {a} \
             --asset-name a.bin --asset-sha256 {b_sha}"
        ),
    ); // ValidationException
    for v in ["2.0", "3.0"] {
        step(
            &p,
            &format!(
                "publish-package-version {PKG} --repository base --package-version {v} --asset-content {a} \
                 --asset-name a.bin --asset-sha256 {a_sha} --query asset.hashes"
            ),
        );
    }
    step(
        &p,
        &format!(
            "publish-package-version --domain acme --repository base --format generic --namespace other \
             --package lib --package-version 0.1 --asset-content {a} --asset-name a.bin --asset-sha256 {a_sha}"
        ),
    );

    // list-packages, describe-package, put-package-origin-configuration
    read(
        &p,
        "list-packages --domain acme --repository base",
        "packages[].package",
    );
    read(
        &p,
        "list-packages --domain acme --repository base --namespace to --publish ALLOW",
        "packages[0].originConfiguration",
    );
    read(
        &p,
        "list-packages --domain acme --repository base --max-results 1",
        "nextToken",
    );
    read(
        &p,
        "list-packages --domain acme --repository base --max-items 3 --page-size 2",
        "NextToken",
    );
    step(&p, "list-packages --domain acme --repository nope");
    read(
        &p,
        "describe-package --domain acme --repository base --format generic --namespace tools --package cli",
        "package.name",
    );
    step(
        &p,
        "describe-package --domain acme --repository base --format npm --package cli",
    );
    read(
        &p,
        "put-package-origin-configuration --domain acme --repository other --format npm --package react \
         --restrictions publish=BLOCK,upstream=ALLOW",
        "originConfiguration.restrictions.publish",
    );

    // list-package-versions, describe-package-version
    read(
        &p,
        &format!("list-package-versions {PKG} --repository base"),
        "versions[].[version,status]",
    );
    read(
        &p,
        &format!(
            "list-package-versions {PKG} --repository base --status Published --sort-by PUBLISHED_TIME"
        ),
        "defaultDisplayVersion",
    );
    read(
        &p,
        &format!(
            "list-package-versions {PKG} --repository base --origin-type INTERNAL --max-items 2"
        ),
        "versions[].origin",
    );
    read(
        &p,
        &format!("describe-package-version {PKG} --repository base --package-version 1.0"),
        "packageVersion.[version,status,origin.originType]",
    );
    step(
        &p,
        &format!("describe-package-version {PKG} --repository base --package-version 9"),
    );

    // list-package-version-assets, get-package-version-asset, readme, dependencies
    read(
        &p,
        &format!("list-package-version-assets {PKG} --repository base --package-version 1.0"),
        "assets[].[name,size]",
    );
    read(
        &p,
        &format!(
            "list-package-version-assets {PKG} --repository base --package-version 1.0 --max-results 1"
        ),
        "assets[0].hashes",
    );
    let out = dir.path().join("download");
    read(
        &p,
        &format!(
            "get-package-version-asset {PKG} --repository base --package-version 1.0 --asset b.txt {}",
            out.display()
        ),
        "assetName",
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "second asset, not ASCII: é"
    );
    step(
        &p,
        &format!(
            "get-package-version-asset {PKG} --repository base --package-version 1.0 --asset none {}",
            out.display()
        ),
    );
    read(
        &p,
        &format!("get-package-version-readme {PKG} --repository base --package-version 1.0"),
        "[package,version]",
    );
    read(
        &p,
        &format!("list-package-version-dependencies {PKG} --repository base --package-version 1.0"),
        "dependencies",
    );
    step(
        &p,
        &format!("get-package-version-readme {PKG} --repository other --package-version 1.0"),
    );

    // update-package-versions-status, copy, dispose, delete
    read(
        &p,
        &format!(
            "update-package-versions-status {PKG} --repository base --versions 2.0 9.9 --target-status Unlisted"
        ),
        "failedVersions",
    );
    step(
        &p,
        &format!(
            "update-package-versions-status {PKG} --repository base --versions 2.0 3.0 --target-status Archived \
             --expected-status Unlisted --output text"
        ),
    );
    step(
        &p,
        &format!(
            "update-package-versions-status {PKG} --repository base --versions 2.0 --target-status Disposed"
        ),
    );
    step(
        &p,
        "copy-package-versions --domain acme --source-repository base --destination-repository other \
         --format generic --namespace tools --package cli --versions 1.0 2.0 3.0 4.0",
    );
    step(
        &p,
        "copy-package-versions --domain acme --source-repository base --destination-repository other \
         --format generic --namespace tools --package cli --versions 1.0 --output text",
    );
    step(
        &p,
        "copy-package-versions --domain acme --source-repository app --destination-repository other \
         --format generic --namespace tools --package cli --versions 1.0 --allow-overwrite --include-from-upstream",
    );
    step(
        &p,
        "copy-package-versions --domain acme --source-repository base --destination-repository base \
         --format generic --namespace tools --package cli --versions 1.0",
    );
    step(
        &p,
        &format!(
            "dispose-package-versions {PKG} --repository base --versions 2.0 3.0 --expected-status Unlisted"
        ),
    );
    step(
        &p,
        &format!("dispose-package-versions {PKG} --repository base --versions 3.0 --output text"),
    );
    step(
        &p,
        &format!(
            "delete-package-versions {PKG} --repository other --versions 1.0 7.0 --query successfulVersions"
        ),
    );
    step(
        &p,
        &format!("delete-package-versions {PKG} --repository nope --versions 1.0"),
    );
    read(&p, "describe-domain --domain acme", "domain.assetSizeBytes");

    // delete-package
    step(
        &p,
        "delete-package --domain acme --repository base --format generic --namespace other --package lib",
    );
    step(
        &p,
        "delete-package --domain acme --repository base --format generic --namespace other --package lib",
    );

    // Package groups.
    read(
        &p,
        "describe-package-group --domain acme --package-group /*",
        "packageGroup.originConfiguration",
    );
    step(
        &p,
        "create-package-group --domain acme --package-group /generic/* --description 'generic things' \
         --contact-info ops@example.com --tags key=k,value=v",
    );
    step(
        &p,
        "create-package-group --domain acme --package-group /generic/tools/* --output text",
    );
    step(
        &p,
        "create-package-group --domain acme --package-group '/generic/tools/cli$'",
    );
    step(
        &p,
        "create-package-group --domain acme --package-group /generic/*",
    ); // ConflictException
    step(
        &p,
        "create-package-group --domain acme --package-group /rust/*",
    ); // ValidationException
    read(
        &p,
        "describe-package-group --domain acme --package-group '/generic/tools/cli$'",
        "packageGroup.parent",
    );
    step(
        &p,
        "describe-package-group --domain acme --package-group /npm/*",
    );
    read(
        &p,
        "update-package-group --domain acme --package-group /generic/tools/* --description 'the tools'",
        "packageGroup.description",
    );
    read(
        &p,
        "list-package-groups --domain acme",
        "packageGroups[].pattern",
    );
    read(
        &p,
        "list-package-groups --domain acme --prefix /generic/t --max-results 1",
        "NextToken",
    );
    read(
        &p,
        "list-sub-package-groups --domain acme --package-group /generic/*",
        "packageGroups[].parent",
    );
    read(
        &p,
        "get-associated-package-group --domain acme --format generic --namespace tools --package cli",
        "associationType",
    );
    read(
        &p,
        "list-associated-packages --domain acme --package-group /generic/tools/*",
        "packages[].package",
    );
    read(
        &p,
        "list-associated-packages --domain acme --package-group '/generic/tools/cl~' --preview",
        "packages",
    );
    read(
        &p,
        "update-package-group-origin-configuration --domain acme --package-group /generic/* \
         --restrictions PUBLISH=ALLOW_SPECIFIC_REPOSITORIES EXTERNAL_UPSTREAM=BLOCK \
         --add-allowed-repositories repositoryName=base,originRestrictionType=PUBLISH",
        "allowedRepositoryUpdates",
    );
    step(
        &p,
        "update-package-group-origin-configuration --domain acme --package-group /* --restrictions PUBLISH=INHERIT",
    );
    read(
        &p,
        "list-allowed-repositories-for-group --domain acme --package-group /generic/* --origin-restriction-type PUBLISH",
        "allowedRepositories",
    );
    read(
        &p,
        "describe-package-group --domain acme --package-group /generic/tools/*",
        "packageGroup.originConfiguration.restrictions.PUBLISH",
    );
    step(
        &p,
        &format!(
            "publish-package-version {PKG} --repository other --package-version 5.0 --asset-content {a} \
             --asset-name a.bin --asset-sha256 {a_sha}"
        ),
    ); // AccessDeniedException
    step(
        &p,
        "delete-package-group --domain acme --package-group /generic/tools/*",
    );
    step(&p, "delete-package-group --domain acme --package-group /*");
    read(
        &p,
        "list-sub-package-groups --domain acme --package-group /generic/*",
        "packageGroups[].pattern",
    );
}

/// Regression: NextToken encoded `"nextToken": ""` where AWS CLI v1 encodes null.
#[test]
fn next_token_when_max_items_cuts_a_whole_page() {
    let p = Pair::new();
    step(&p, "create-domain --domain acme");
    step(
        &p,
        "create-package-group --domain acme --package-group /npm/*",
    );
    step(&p, "list-package-groups --domain acme --max-items 1");
}

/// Regression: --page-size was taken for manual paging and refused.
#[test]
fn page_size_aggregates_pages() {
    let p = Pair::new();
    step(&p, "create-domain --domain acme");
    step(
        &p,
        "create-package-group --domain acme --package-group /npm/*",
    );
    step(&p, "list-package-groups --domain acme --page-size 1");
}

/// Regression: the client panicked on an operation without --generate-cli-skeleton.
#[test]
fn get_package_version_asset_prints_the_metadata() {
    let p = Pair::new();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.bin");
    std::fs::write(&file, b"x").unwrap();
    let sha = "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881";
    step(&p, "create-domain --domain acme");
    step(&p, "create-repository --domain acme --repository base");
    step(
        &p,
        &format!(
            "publish-package-version {PKG} --repository base --package-version 1.0 --asset-content {} \
             --asset-name a.bin --asset-sha256 {sha}",
            file.display()
        ),
    );
    let out = dir.path().join("download");
    read(
        &p,
        &format!(
            "get-package-version-asset {PKG} --repository base --package-version 1.0 --asset a.bin {}",
            out.display()
        ),
        "assetName",
    );
    step(
        &p,
        &format!(
            "get-package-version-asset {PKG} --repository base --package-version 1.0 --asset none {}",
            out.display()
        ),
    );
}
