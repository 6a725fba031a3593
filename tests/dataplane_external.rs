//! External connections: a second mock stands in for the public registries
//! (`--external-connection public:npmjs=URL` ...), so nothing reaches the internet. Versions
//! come through the connection into the repository holding it (origin EXTERNAL), are retained
//! downstream, and origin controls can refuse them.

mod common;
mod dataplane_support;

use dataplane_support::*;
use serde_json::Value;
use sha2::Digest;

#[test]
fn external_connections_fetch_from_the_configured_upstream_and_retain() {
    // The "public" side: one mock with a repository per format, filled by raw publishes.
    let (public, public_admin) = mock_with(&[("npmjs", &[]), ("pypi", &[]), ("central", &[])]);
    let token = public_admin.token();
    let auth = bearer(&token);
    let npm_path = endpoint_path("npm", "npmjs");
    let tgz = b"public tarball bytes";
    let (status, _, _) = authed(
        &public,
        "PUT",
        &format!("{npm_path}@pub%2fleft"),
        Some(&auth),
        &npm_publish_body("@pub/left", "1.2.3", tgz),
    );
    assert_eq!(status, 200);
    let (form, ct) = pypi_upload_form(
        &[
            (":action", "file_upload"),
            ("protocol_version", "1"),
            ("name", "pub-snake"),
            ("version", "2.0"),
        ],
        "pub_snake-2.0-py3-none-any.whl",
        b"public wheel",
    );
    let (status, _) = request_with(
        &public,
        "POST",
        &endpoint_path("pypi", "pypi"),
        &[("Authorization", &auth), ("Content-Type", &ct)],
        &form,
    );
    assert_eq!(status, 200);
    let maven_dir = format!("{}org/pub/lib/", endpoint_path("maven", "central"));
    assert_eq!(
        authed(
            &public,
            "PUT",
            &format!("{maven_dir}3.0/lib-3.0.jar"),
            Some(&auth),
            b"public jar"
        )
        .0,
        201
    );
    let meta = b"<metadata><groupId>org.pub</groupId><artifactId>lib</artifactId><versioning><versions><version>3.0</version></versions></versioning></metadata>";
    assert_eq!(
        authed(
            &public,
            "PUT",
            &format!("{maven_dir}maven-metadata.xml"),
            Some(&auth),
            meta
        )
        .0,
        201
    );

    // The mock under test: each public:* name maps to the other mock, credentials in the URL.
    let with_token = |format: &str, repo: &str| {
        format!(
            "{}/{format}/d/{DOMAIN}-{OWNER}/{repo}/",
            public
                .url
                .replacen("http://", &format!("http://aws:{token}@"), 1)
        )
    };
    let tmp = tempfile::tempdir().unwrap();
    let mock = Mock::start_with(
        &tmp.path().join("data"),
        &[
            "--external-connection",
            &format!("public:npmjs={}", with_token("npm", "npmjs")),
            "--external-connection",
            &format!("public:pypi={}", with_token("pypi", "pypi")),
            "--external-connection",
            &format!("public:maven-central={}", with_token("maven", "central")),
        ],
    );
    let admin = User::new(&mock);
    admin.ca(&["create-domain", "--domain", DOMAIN]);
    for (repo, connection) in [
        ("npm-store", "public:npmjs"),
        ("pypi-store", "public:pypi"),
        ("maven-store", "public:maven-central"),
    ] {
        admin.ca(&[
            "create-repository",
            "--domain",
            DOMAIN,
            "--repository",
            repo,
        ]);
        admin.ca(&[
            "associate-external-connection",
            "--domain",
            DOMAIN,
            "--repository",
            repo,
            "--external-connection",
            connection,
        ]);
    }
    admin.ca(&[
        "create-repository",
        "--domain",
        DOMAIN,
        "--repository",
        "app",
        "--upstreams",
        "repositoryName=npm-store",
        "repositoryName=pypi-store",
        "repositoryName=maven-store",
    ]);
    let auth = bearer(&admin.token());

    // npm: the packument lists the upstream's version, pointing at this repository.
    let app_npm = endpoint_path("npm", "app");
    let (status, _, doc) = authed(
        &mock,
        "GET",
        &format!("{app_npm}@pub%2fleft"),
        Some(&auth),
        b"",
    );
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&doc));
    let doc: Value = serde_json::from_slice(&doc).unwrap();
    assert_eq!(
        doc["versions"]["1.2.3"]["dist"]["tarball"],
        format!(
            "{}@pub/left/-/left-1.2.3.tgz",
            endpoint(&mock, "npm", "app")
        )
    );
    let (status, _, bytes) = authed(
        &mock,
        "GET",
        &format!("{app_npm}@pub/left/-/left-1.2.3.tgz"),
        Some(&auth),
        b"",
    );
    assert_eq!((status, bytes.as_slice()), (200, &tgz[..]));

    // PyPI: the simple page lists the upstream's file; the file comes through.
    let app_pypi = endpoint_path("pypi", "app");
    let (status, _, html) = authed(
        &mock,
        "GET",
        &format!("{app_pypi}simple/pub-snake/"),
        Some(&auth),
        b"",
    );
    assert_eq!(status, 200);
    let sha = hex::encode(sha2::Sha256::digest(b"public wheel"));
    assert!(
        String::from_utf8_lossy(&html)
            .contains(&format!("2.0/pub_snake-2.0-py3-none-any.whl#sha256={sha}"))
    );
    let (status, _, wheel) = authed(
        &mock,
        "GET",
        &format!("{app_pypi}simple/pub-snake/2.0/pub_snake-2.0-py3-none-any.whl"),
        Some(&auth),
        b"",
    );
    assert_eq!((status, wheel.as_slice()), (200, &b"public wheel"[..]));

    // Maven: metadata merged from the upstream, the jar through.
    let app_maven = format!("{}org/pub/lib/", endpoint_path("maven", "app"));
    let (status, _, xml) = authed(
        &mock,
        "GET",
        &format!("{app_maven}maven-metadata.xml"),
        Some(&auth),
        b"",
    );
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&xml).contains("<version>3.0</version>"));
    let (status, _, jar) = authed(
        &mock,
        "GET",
        &format!("{app_maven}3.0/lib-3.0.jar"),
        Some(&auth),
        b"",
    );
    assert_eq!((status, jar.as_slice()), (200, &b"public jar"[..]));

    // Stored where the connection is, with an EXTERNAL origin, and retained in `app`.
    let v = &admin.ca(&[
        "describe-package-version",
        "--domain",
        DOMAIN,
        "--repository",
        "npm-store",
        "--format",
        "npm",
        "--namespace",
        "pub",
        "--package",
        "left",
        "--package-version",
        "1.2.3",
    ])["packageVersion"];
    assert_eq!(v["origin"]["originType"], "EXTERNAL", "{v}");
    assert_eq!(
        v["origin"]["domainEntryPoint"]["externalConnectionName"], "public:npmjs",
        "{v}"
    );
    let listed = admin.ca(&["list-packages", "--domain", DOMAIN, "--repository", "app"]);
    assert_eq!(listed["packages"].as_array().unwrap().len(), 3, "{listed}");

    // Origin controls: with upstream BLOCK in `app`, a version not yet there is not fetched.
    let (status, _, _) = authed(
        &public,
        "PUT",
        &format!("{npm_path}@pub%2fleft"),
        Some(&bearer(&token)),
        &npm_publish_body("@pub/left", "1.3.0", b"newer"),
    );
    assert_eq!(status, 200);
    admin.ca(&[
        "put-package-origin-configuration",
        "--domain",
        DOMAIN,
        "--repository",
        "app",
        "--format",
        "npm",
        "--namespace",
        "pub",
        "--package",
        "left",
        "--restrictions",
        "publish=ALLOW,upstream=BLOCK",
    ]);
    let (status, _, _) = authed(
        &mock,
        "GET",
        &format!("{app_npm}@pub/left/-/left-1.3.0.tgz"),
        Some(&auth),
        b"",
    );
    assert_eq!(status, 404, "upstream BLOCK must stop the fetch");
    // The version retained earlier stays available.
    let (status, _, _) = authed(
        &mock,
        "GET",
        &format!("{app_npm}@pub/left/-/left-1.2.3.tgz"),
        Some(&auth),
        b"",
    );
    assert_eq!(status, 200);
}
