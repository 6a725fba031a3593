//! Package groups in the mock, driven by AWS CLI v1: the root group, pattern validation, the
//! hierarchy, associations, origin restrictions (with INHERIT) and their enforcement.

mod common;

use common::{ACCOUNT, Mock};
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

fn patterns(v: &Value) -> Vec<String> {
    v["packageGroups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["pattern"].as_str().unwrap().to_string())
        .collect()
}

fn arn(pattern: &str) -> String {
    format!("arn:aws:codeartifact:us-east-1:{ACCOUNT}:package-group/dom{pattern}")
}

#[test]
fn root_group_hierarchy_and_crud() {
    let mock = Mock::start();
    ok(&mock, "create-domain --domain dom");
    let root = ok(
        &mock,
        "describe-package-group --domain dom --package-group /*",
    )["packageGroup"]
        .clone();
    assert_eq!(root["pattern"], "/*");
    assert_eq!(root["arn"], arn("/*"));
    assert_eq!(root["domainOwner"], ACCOUNT);
    assert_eq!(root.get("parent"), None);
    assert_eq!(
        root["originConfiguration"]["restrictions"]["PUBLISH"],
        json!({"mode": "ALLOW", "effectiveMode": "ALLOW", "repositoriesCount": 0})
    );

    let created = ok(
        &mock,
        "create-package-group --domain dom --package-group /npm/* --description 'all npm' \
         --contact-info team@example.com --tags key=team,value=web",
    )["packageGroup"]
        .clone();
    assert_eq!(created["description"], "all npm");
    assert_eq!(created["contactInfo"], "team@example.com");
    assert_eq!(
        created["parent"],
        json!({"arn": arn("/*"), "pattern": "/*"})
    );
    assert_eq!(
        created["originConfiguration"]["restrictions"]["EXTERNAL_UPSTREAM"],
        json!({"mode": "INHERIT", "effectiveMode": "ALLOW",
               "inheritedFrom": {"arn": arn("/*"), "pattern": "/*"}, "repositoriesCount": 0})
    );
    let tags = ok(
        &mock,
        &format!("list-tags-for-resource --resource-arn '{}'", arn("/npm/*")),
    );
    assert_eq!(tags["tags"], json!([{"key": "team", "value": "web"}]));
    ok(
        &mock,
        &format!(
            "tag-resource --resource-arn '{}' --tags key=tier,value=1",
            arn("/npm/*")
        ),
    );
    ok(
        &mock,
        &format!(
            "untag-resource --resource-arn '{}' --tag-keys team",
            arn("/npm/*")
        ),
    );
    let tags = ok(
        &mock,
        &format!("list-tags-for-resource --resource-arn '{}'", arn("/npm/*")),
    );
    assert_eq!(tags["tags"], json!([{"key": "tier", "value": "1"}]));
    err(
        &mock,
        &format!("list-tags-for-resource --resource-arn '{}'", arn("/pypi/*")),
        "ResourceNotFoundException",
    );

    ok(
        &mock,
        "create-package-group --domain dom --package-group /npm/space/*",
    );
    ok(
        &mock,
        "create-package-group --domain dom --package-group /npm/space/ui~",
    );
    ok(
        &mock,
        "create-package-group --domain dom --package-group '/npm/space/ui-core$'",
    );
    ok(
        &mock,
        "create-package-group --domain dom --package-group '/pypi//requests$'",
    );
    ok(
        &mock,
        "create-package-group --domain dom --package-group /maven/com.corp~",
    );

    let d = ok(
        &mock,
        "describe-package-group --domain dom --package-group '/npm/space/ui-core$'",
    );
    assert_eq!(d["packageGroup"]["parent"]["pattern"], "/npm/space/ui~");

    let all = ok(&mock, "list-package-groups --domain dom");
    assert_eq!(
        patterns(&all),
        [
            "/*",
            "/maven/com.corp~",
            "/npm/*",
            "/npm/space/*",
            "/npm/space/ui-core$",
            "/npm/space/ui~",
            "/pypi//requests$"
        ]
    );
    assert_eq!(
        patterns(&ok(
            &mock,
            "list-package-groups --domain dom --prefix /npm/space"
        ))
        .len(),
        3
    );
    let paged = ok(&mock, "list-package-groups --domain dom --max-items 2");
    let token = paged["NextToken"].as_str().unwrap().to_string();
    let rest = ok(
        &mock,
        &format!("list-package-groups --domain dom --starting-token {token}"),
    );
    assert_eq!(patterns(&rest)[0], "/npm/*");

    let subs = ok(
        &mock,
        "list-sub-package-groups --domain dom --package-group /*",
    );
    assert_eq!(
        patterns(&subs),
        ["/maven/com.corp~", "/npm/*", "/pypi//requests$"]
    );
    let subs = ok(
        &mock,
        "list-sub-package-groups --domain dom --package-group /npm/*",
    );
    assert_eq!(patterns(&subs), ["/npm/space/*"]);

    let updated = ok(
        &mock,
        "update-package-group --domain dom --package-group /npm/space/* --description 'space packages'",
    );
    assert_eq!(updated["packageGroup"]["description"], "space packages");

    // Deleting a group re-parents its children to its own parent.
    let deleted = ok(
        &mock,
        "delete-package-group --domain dom --package-group /npm/space/*",
    );
    assert_eq!(deleted["packageGroup"]["pattern"], "/npm/space/*");
    let d = ok(
        &mock,
        "describe-package-group --domain dom --package-group /npm/space/ui~",
    );
    assert_eq!(d["packageGroup"]["parent"]["pattern"], "/npm/*");

    // Errors.
    err(
        &mock,
        "create-package-group --domain dom --package-group /npm/*",
        "ConflictException",
    );
    for bad in [
        "/rust/*",
        "npm/*",
        "/npm/a/b/c$",
        "/pypi/ns/x$",
        "/maven//core$",
        "/npm/space",
    ] {
        err(
            &mock,
            &format!("create-package-group --domain dom --package-group '{bad}'"),
            "ValidationException",
        );
    }
    err(
        &mock,
        "describe-package-group --domain dom --package-group /npm/none/*",
        "ResourceNotFoundException",
    );
    err(
        &mock,
        "update-package-group --domain dom --package-group /npm/none/* --description x",
        "ResourceNotFoundException",
    );
    err(
        &mock,
        "delete-package-group --domain dom --package-group /npm/space/*",
        "ResourceNotFoundException",
    );
    err(
        &mock,
        "delete-package-group --domain dom --package-group /*",
        "ValidationException",
    );
    err(
        &mock,
        "list-package-groups --domain nope",
        "ResourceNotFoundException",
    );
    err(
        &mock,
        "list-sub-package-groups --domain dom --package-group /cargo/*",
        "ResourceNotFoundException",
    );
}

#[test]
fn associations_restrictions_and_enforcement() {
    let mock = Mock::start();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.bin");
    std::fs::write(&file, b"data").unwrap();
    let sha = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(b"data"))
    };
    ok(&mock, "create-domain --domain dom");
    ok(&mock, "create-repository --domain dom --repository release");
    ok(&mock, "create-repository --domain dom --repository scratch");
    let publish = |repo: &str, ns: &str, name: &str| {
        let a = split(&format!(
            "publish-package-version --domain dom --repository {repo} --format generic --namespace {ns} \
             --package {name} --package-version 1.0 --asset-content {} --asset-name a.bin --asset-sha256 {sha}",
            file.display()
        ));
        mock.aws(&a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    assert!(publish("scratch", "corp", "ui-kit").status.success());
    assert!(publish("scratch", "corp", "UI_Core").status.success());
    assert!(publish("scratch", "corp", "uikit").status.success());

    ok(
        &mock,
        "create-package-group --domain dom --package-group /generic/corp/*",
    );
    ok(
        &mock,
        "create-package-group --domain dom --package-group /generic/corp/ui~",
    );
    ok(
        &mock,
        "create-package-group --domain dom --package-group '/generic/corp/ui-core$'",
    );

    // Most specific match wins; `~` matches on word boundaries; a match only after
    // normalising spelling is WEAK.
    let assoc = |name: &str| {
        let v = ok(
            &mock,
            &format!(
                "get-associated-package-group --domain dom --format generic --namespace corp --package {name}"
            ),
        );
        (
            v["packageGroup"]["pattern"].as_str().unwrap().to_string(),
            v["associationType"].as_str().unwrap().to_string(),
        )
    };
    assert_eq!(
        assoc("ui-kit"),
        ("/generic/corp/ui~".into(), "STRONG".into())
    );
    assert_eq!(assoc("uikit"), ("/generic/corp/*".into(), "STRONG".into()));
    assert_eq!(
        assoc("UI_Core"),
        ("/generic/corp/ui-core$".into(), "WEAK".into())
    );
    let v = ok(
        &mock,
        "get-associated-package-group --domain dom --format npm --package react",
    );
    assert_eq!(v["packageGroup"]["pattern"], "/*");

    let listed = ok(
        &mock,
        "list-associated-packages --domain dom --package-group /generic/corp/ui~",
    );
    assert_eq!(
        listed["packages"],
        json!([{"format": "generic", "namespace": "corp", "package": "ui-kit", "associationType": "STRONG"}])
    );
    let preview = ok(
        &mock,
        "list-associated-packages --domain dom --package-group '/generic/corp/uikit$' --preview",
    );
    assert_eq!(preview["packages"][0]["package"], "uikit");
    err(
        &mock,
        "list-associated-packages --domain dom --package-group '/generic/corp/uikit$'",
        "ResourceNotFoundException",
    );

    // PUBLISH restricted to `release` on /generic/corp/*, inherited by /generic/corp/ui~.
    let out = ok(
        &mock,
        "update-package-group-origin-configuration --domain dom --package-group /generic/corp/* \
         --restrictions PUBLISH=ALLOW_SPECIFIC_REPOSITORIES,EXTERNAL_UPSTREAM=BLOCK \
         --add-allowed-repositories repositoryName=release,originRestrictionType=PUBLISH \
         repositoryName=scratch,originRestrictionType=INTERNAL_UPSTREAM",
    );
    assert_eq!(
        out["allowedRepositoryUpdates"],
        json!({"INTERNAL_UPSTREAM": {"ADDED": ["scratch"]}, "PUBLISH": {"ADDED": ["release"]}})
    );
    let r = &out["packageGroup"]["originConfiguration"]["restrictions"];
    assert_eq!(r["PUBLISH"]["mode"], "ALLOW_SPECIFIC_REPOSITORIES");
    assert_eq!(r["PUBLISH"]["repositoriesCount"], 1);
    assert_eq!(r["EXTERNAL_UPSTREAM"]["effectiveMode"], "BLOCK");
    let child = ok(
        &mock,
        "describe-package-group --domain dom --package-group /generic/corp/ui~",
    );
    let p = &child["packageGroup"]["originConfiguration"]["restrictions"]["PUBLISH"];
    assert_eq!(p["mode"], "INHERIT");
    assert_eq!(p["effectiveMode"], "ALLOW_SPECIFIC_REPOSITORIES");
    assert_eq!(p["inheritedFrom"]["pattern"], "/generic/corp/*");

    let allowed = ok(
        &mock,
        "list-allowed-repositories-for-group --domain dom --package-group /generic/corp/* \
         --origin-restriction-type PUBLISH",
    );
    assert_eq!(allowed["allowedRepositories"], json!(["release"]));

    let refused = publish("scratch", "corp", "ui-new");
    assert!(
        refused.stderr.contains("AccessDeniedException"),
        "{}",
        refused.stderr
    );
    assert!(publish("release", "corp", "ui-new").status.success());
    // Outside the group, anything goes.
    assert!(publish("scratch", "public", "tool").status.success());

    // The child's own mode overrides the inherited one.
    ok(
        &mock,
        "update-package-group-origin-configuration --domain dom --package-group /generic/corp/ui~ \
         --restrictions PUBLISH=BLOCK",
    );
    assert!(
        publish("release", "corp", "ui-newer")
            .stderr
            .contains("AccessDeniedException")
    );

    let out = ok(
        &mock,
        "update-package-group-origin-configuration --domain dom --package-group /generic/corp/* \
         --remove-allowed-repositories repositoryName=release,originRestrictionType=PUBLISH",
    );
    assert_eq!(
        out["allowedRepositoryUpdates"],
        json!({"PUBLISH": {"REMOVED": ["release"]}})
    );

    err(
        &mock,
        "update-package-group-origin-configuration --domain dom --package-group /* --restrictions PUBLISH=INHERIT",
        "ValidationException",
    );
    err(
        &mock,
        "update-package-group-origin-configuration --domain dom --package-group /generic/corp/* \
         --add-allowed-repositories repositoryName=nope,originRestrictionType=PUBLISH",
        "ResourceNotFoundException",
    );
    err(
        &mock,
        "list-allowed-repositories-for-group --domain dom --package-group /npm/* --origin-restriction-type PUBLISH",
        "ResourceNotFoundException",
    );
    err(
        &mock,
        "get-associated-package-group --domain nope --format npm --package react",
        "ResourceNotFoundException",
    );
}
