//! The Swift Package Registry (SE-0292) against `codeartifact mock serve`, at the wire level:
//! no Swift toolchain can be installed here, so these tests send what SwiftPM's RegistryClient
//! sends (its publish body, `Accept: application/vnd.swift.registry.v1+...`, the login `POST`)
//! and check what it checks (`Content-Version: 1`, content types, problem details), with the
//! registry and token `codeartifact login --tool swift` wrote (registries.json and ~/.netrc).
//! Source archives are zip files written by Python's zipfile.

mod common;
mod dataplane_support;

use base64::Engine;
use dataplane_support::*;
use serde_json::Value;
use sha2::Digest;

const JSON: &str = "application/vnd.swift.registry.v1+json";

/// What SwiftPM reads from the files `login` wrote: the default registry's URL, the
/// authentication entry for its `host:port`, and the netrc password for its host.
fn swift_config(user: &User, mock: &Mock) -> (String, Value, String) {
    let reg: Value = serde_json::from_str(
        &std::fs::read_to_string(user.home().join(".swiftpm/configuration/registries.json"))
            .unwrap(),
    )
    .unwrap();
    let url = reg["registries"]["[default]"]["url"]
        .as_str()
        .unwrap()
        .to_string();
    let netloc = mock.url.strip_prefix("http://").unwrap();
    let auth = reg["authentication"][netloc].clone();
    let netrc = std::fs::read_to_string(user.home().join(".netrc")).unwrap();
    let host = netloc.split(':').next().unwrap();
    let token = netrc
        .lines()
        .find_map(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            (w.len() == 6 && w[0] == "machine" && w[1] == host && w[4] == "password")
                .then(|| w[5].to_string())
        })
        .expect("a netrc entry for the registry's host");
    (url, auth, token)
}

fn path_of(mock: &Mock, url: &str) -> String {
    url.strip_prefix(&mock.url)
        .expect("a URL on the mock")
        .to_string()
}

/// SwiftPM's publish body (RegistryClient.publish), boundary quoted as it writes it.
fn publish_body(archive: &[u8], metadata: Option<&str>) -> (Vec<u8>, String) {
    let b = "5B0E4E6A-58E1-4D07-9A1B-1A2B3C4D5E6F";
    let mut body = format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"source-archive\"\r\n\
         Content-Type: application/zip\r\nContent-Transfer-Encoding: binary\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(archive);
    if let Some(m) = metadata {
        body.extend_from_slice(
            format!(
                "\r\n--{b}\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\
                 Content-Type: application/json\r\n\r\n{m}"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(format!("\r\n--{b}--\r\n").as_bytes());
    (body, format!("multipart/form-data;boundary=\"{b}\""))
}

fn archive(name: &str, extra: &[(&str, &[u8])]) -> Vec<u8> {
    let manifest = format!(
        "// swift-tools-version:5.9\nimport PackageDescription\n\nlet package = Package(name: \"{name}\")\n"
    );
    let mut files: Vec<(String, Vec<u8>)> = vec![
        (format!("{name}/Package.swift"), manifest.into_bytes()),
        (
            format!("{name}/Sources/{name}/{name}.swift"),
            b"public struct Node {}\n".to_vec(),
        ),
    ];
    for (f, data) in extra {
        files.push((format!("{name}/{f}"), data.to_vec()));
    }
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(f, d)| (f.as_str(), d.as_slice()))
        .collect();
    zip_archive(&refs)
}

/// A request as SwiftPM sends it; returns status, headers and body.
fn swift(
    mock: &Mock,
    method: &str,
    url: &str,
    token: &str,
    accept: &str,
    extra: &[(&str, &str)],
    body: &[u8],
) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let auth = bearer(token);
    let mut headers = vec![("Authorization", auth.as_str()), ("Accept", accept)];
    headers.extend_from_slice(extra);
    request_full(mock, method, &path_of(mock, url), &headers, body, false)
}

/// What SwiftPM checks on every JSON answer, errors included.
fn assert_v1(headers: &[(String, String)], content_type: &str) {
    assert_eq!(header(headers, "content-version"), Some("1"), "{headers:?}");
    assert_eq!(
        header(headers, "content-type"),
        Some(content_type),
        "{headers:?}"
    );
}

fn problem(body: &[u8]) -> String {
    let v: Value = serde_json::from_slice(body).expect("problem details");
    v["detail"].as_str().expect("a detail").to_string()
}

#[test]
fn swift_registry_publish_resolve_and_control_plane() {
    let (mock, admin) = mock_with(&[("up", &[]), ("app", &["up"])]);

    // The publisher's configuration from `login`: the registry, token authentication keyed by
    // host:port with the login path, and the token in ~/.netrc for the host.
    let publisher = User::new(&mock);
    publisher.login("swift", "up", &[], publisher.home());
    let (url, auth, token) = swift_config(&publisher, &mock);
    assert_eq!(url, endpoint(&mock, "swift", "up"));
    assert_eq!(auth["type"], "token");
    let login_path = auth["loginAPIPath"].as_str().unwrap();
    assert_eq!(login_path, format!("{}login", endpoint_path("swift", "up")));

    // `swift package-registry login`: POST to the login path with the token.
    let (status, headers, _) = request_full(
        &mock,
        "POST",
        login_path,
        &[("Authorization", &bearer(&token))],
        b"",
        false,
    );
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "content-version"), Some("1"));
    let (status, headers, body) = request_full(&mock, "POST", login_path, &[], b"", false);
    assert_eq!(status, 401);
    assert_v1(&headers, "application/problem+json");
    assert!(problem(&body).contains("authentication required"));

    // Publish three releases; the archive holds a version-specific manifest too.
    let v58 = b"// swift-tools-version: 5.8\nimport PackageDescription\nlet package = Package(name: \"LinkedList\")\n";
    let linked = archive("LinkedList", &[("Package@swift-5.8.swift", v58)]);
    let metadata = r#"{"description": "One thing links to another.",
        "repositoryURLs": ["https://github.com/mona/LinkedList.git"],
        "licenseURL": "https://www.apache.org/licenses/LICENSE-2.0",
        "author": {"name": "Mona Lisa Octocat", "url": "https://mona.example"}}"#;
    let publish = |version: &str, zip: &[u8], meta: Option<&str>| {
        let (body, ct) = publish_body(zip, meta);
        swift(
            &mock,
            "PUT",
            &format!("{url}mona/LinkedList/{version}"),
            &token,
            JSON,
            &[
                ("Content-Type", &ct),
                ("Expect", "100-continue"),
                ("Prefer", "respond-async"),
            ],
            &body,
        )
    };
    let (status, headers, body) = publish("1.1.1", &linked, Some(metadata));
    assert_eq!(status, 201, "{}", String::from_utf8_lossy(&body));
    assert_eq!(header(&headers, "content-version"), Some("1"));
    assert_eq!(
        header(&headers, "location"),
        Some(format!("{url}mona/LinkedList/1.1.1").as_str())
    );
    for v in ["1.0.0", "2.0.0-beta.1"] {
        assert_eq!(publish(v, &archive("LinkedList", &[]), None).0, 201);
    }
    // The spec's refusals, as problem details.
    let (status, headers, body) = publish("1.1.1", &linked, Some(metadata));
    assert_eq!(status, 409);
    assert_v1(&headers, "application/problem+json");
    assert_eq!(
        problem(&body),
        "a release with version 1.1.1 already exists"
    );
    let no_manifest = zip_archive(&[("LinkedList/README.md", b"# no manifest")]);
    let (status, _, body) = publish("3.0.0", &no_manifest, None);
    assert_eq!(status, 422);
    assert!(problem(&body).contains("Package.swift"));
    let (status, _, body) = publish("3.0.0", &linked, Some("[not json"));
    assert_eq!(status, 422);
    assert_eq!(problem(&body), "invalid JSON provided for release metadata");
    let (status, _, body) = publish("3.0", &linked, None);
    assert_eq!(status, 400, "{}", String::from_utf8_lossy(&body));

    // A consumer resolves through `app` (app -> up), spelling the package in another case.
    let consumer = User::new(&mock);
    consumer.login("swift", "app", &[], consumer.home());
    let (url, _, token) = swift_config(&consumer, &mock);
    let get = |path: &str, accept: &str| {
        swift(
            &mock,
            "GET",
            &format!("{url}{path}"),
            &token,
            accept,
            &[],
            b"",
        )
    };

    let (status, headers, body) = get("MONA/linkedlist", JSON);
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    assert_v1(&headers, "application/json");
    let doc: Value = serde_json::from_slice(&body).unwrap();
    let versions: Vec<&String> = doc["releases"].as_object().unwrap().keys().collect();
    assert_eq!(versions, ["2.0.0-beta.1", "1.1.1", "1.0.0"]);
    assert!(
        header(&headers, "link")
            .unwrap()
            .contains("2.0.0-beta.1>; rel=\"latest-version\"")
    );

    // Release metadata: the archive's checksum, the published metadata, neighbours.
    let checksum = hex::encode(sha2::Sha256::digest(&linked));
    let (status, headers, body) = get("mona/LinkedList/1.1.1", JSON);
    assert_eq!(status, 200);
    assert_v1(&headers, "application/json");
    let doc: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(doc["id"], "mona.LinkedList");
    assert_eq!(doc["version"], "1.1.1");
    assert_eq!(doc["resources"][0]["name"], "source-archive");
    assert_eq!(doc["resources"][0]["type"], "application/zip");
    assert_eq!(doc["resources"][0]["checksum"], checksum.as_str());
    assert_eq!(doc["metadata"]["author"]["name"], "Mona Lisa Octocat");
    assert!(doc["publishedAt"].as_str().unwrap().ends_with('Z'));
    let link = header(&headers, "link").unwrap();
    assert!(
        link.contains("1.0.0>; rel=\"predecessor-version\""),
        "{link}"
    );
    assert!(
        link.contains("2.0.0-beta.1>; rel=\"successor-version\""),
        "{link}"
    );

    // Manifests: the unqualified one with links to the version-specific ones, which
    // `swift-version` selects; an unknown Swift version is redirected to the unqualified one.
    let swift_accept = "application/vnd.swift.registry.v1+swift";
    let (status, headers, body) = get("mona/LinkedList/1.1.1/Package.swift", swift_accept);
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "content-type"), Some("text/x-swift"));
    assert!(String::from_utf8_lossy(&body).starts_with("// swift-tools-version:5.9"));
    let link = header(&headers, "link").unwrap();
    assert!(
        link.contains("Package.swift?swift-version=5.8>; rel=\"alternate\"; filename=\"Package@swift-5.8.swift\"; swift-tools-version=\"5.8\""),
        "{link}"
    );
    let (status, headers, body) = get(
        "mona/LinkedList/1.1.1/Package.swift?swift-version=5.8",
        swift_accept,
    );
    assert_eq!(status, 200);
    assert_eq!(body, v58);
    assert_eq!(
        header(&headers, "content-disposition"),
        Some("attachment; filename=\"Package@swift-5.8.swift\"")
    );
    let (status, headers, _) = get(
        "mona/LinkedList/1.1.1/Package.swift?swift-version=6.0",
        swift_accept,
    );
    assert_eq!(status, 303);
    assert_eq!(
        header(&headers, "location"),
        Some(format!("{url}mona/LinkedList/1.1.1/Package.swift").as_str())
    );

    // The source archive, with its digest as the spec computes it.
    let (status, headers, body) = get(
        "mona/LinkedList/1.1.1.zip",
        "application/vnd.swift.registry.v1+zip",
    );
    assert_eq!(status, 200);
    assert_eq!(body, linked);
    assert_eq!(header(&headers, "content-type"), Some("application/zip"));
    let digest = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(&linked));
    assert_eq!(
        header(&headers, "digest"),
        Some(format!("sha-256={digest}").as_str())
    );
    assert_eq!(
        header(&headers, "content-disposition"),
        Some("attachment; filename=\"LinkedList-1.1.1.zip\"")
    );
    assert_eq!(get("mona/LinkedList/9.9.9.zip", JSON).0, 404);

    // API versions: 2 is unsupported (415), garbage is a bad request (400).
    let (status, headers, _) = get("mona/LinkedList", "application/vnd.swift.registry.v2+json");
    assert_eq!(status, 415);
    assert_v1(&headers, "application/problem+json");
    assert_eq!(
        get("mona/LinkedList", "application/vnd.swift.registry.vX+json").0,
        400
    );

    // Identifiers by repository URL (any spelling of it), from the published metadata.
    let (status, _, body) = get("identifiers?url=git%40github.com%3Amona%2FLinkedList", JSON);
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    let ids: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(ids, serde_json::json!({"identifiers": ["mona.LinkedList"]}));
    assert_eq!(
        get(
            "identifiers?url=https%3A%2F%2Fgithub.com%2Fother%2Frepo",
            JSON
        )
        .0,
        404
    );
    assert_eq!(get("identifiers", JSON).0, 400);

    // The control plane: lowercased namespace and name, the metadata, one asset.
    let packages = admin.ca(&[
        "list-packages",
        "--domain",
        DOMAIN,
        "--repository",
        "up",
        "--format",
        "swift",
    ]);
    assert_eq!(packages["packages"][0]["namespace"], "mona");
    assert_eq!(packages["packages"][0]["package"], "linkedlist");
    let cp = |op: &str, repo: &str, extra: &[&str]| {
        let mut args = vec![
            op,
            "--domain",
            DOMAIN,
            "--repository",
            repo,
            "--format",
            "swift",
            // As published: the API lowercases Swift scopes and names (user guide).
            "--namespace",
            "Mona",
            "--package",
            "LinkedList",
        ];
        args.extend_from_slice(extra);
        admin.ca(&args)
    };
    let v = &cp(
        "describe-package-version",
        "up",
        &["--package-version", "1.1.1"],
    )["packageVersion"];
    assert_eq!(v["displayName"], "LinkedList");
    assert_eq!(v["summary"], "One thing links to another.");
    assert_eq!(
        v["sourceCodeRepository"],
        "https://github.com/mona/LinkedList.git"
    );
    assert_eq!(
        v["licenses"][0]["url"],
        "https://www.apache.org/licenses/LICENSE-2.0"
    );
    let assets = &cp(
        "list-package-version-assets",
        "up",
        &["--package-version", "1.1.1"],
    )["assets"];
    assert_eq!(assets[0]["name"], "linkedlist-1.1.1.zip");
    assert_eq!(assets[0]["hashes"]["SHA-256"], checksum.as_str());
    // Retained in `app` by the downloads through it.
    let kept = cp("list-package-versions", "app", &[]);
    assert_eq!(kept["versions"][0]["version"], "1.1.1");

    // Statuses: Unlisted leaves the releases list but stays downloadable; Archived is gone.
    cp(
        "update-package-versions-status",
        "up",
        &["--versions", "1.0.0", "--target-status", "Unlisted"],
    );
    cp(
        "update-package-versions-status",
        "up",
        &["--versions", "2.0.0-beta.1", "--target-status", "Archived"],
    );
    let (_, _, body) = swift(
        &mock,
        "GET",
        &format!("{}mona/LinkedList", endpoint(&mock, "swift", "up")),
        &token,
        JSON,
        &[],
        b"",
    );
    let doc: Value = serde_json::from_slice(&body).unwrap();
    let versions: Vec<&String> = doc["releases"].as_object().unwrap().keys().collect();
    assert_eq!(versions, ["1.1.1"]);
    let up = endpoint(&mock, "swift", "up");
    assert_eq!(
        swift(
            &mock,
            "GET",
            &format!("{up}mona/LinkedList/1.0.0.zip"),
            &token,
            JSON,
            &[],
            b""
        )
        .0,
        200
    );
    assert_eq!(
        swift(
            &mock,
            "GET",
            &format!("{up}mona/LinkedList/2.0.0-beta.1.zip"),
            &token,
            JSON,
            &[],
            b""
        )
        .0,
        404
    );

    // Package groups: a group for the scope with publishing blocked refuses every package in it.
    admin.ca(&[
        "create-package-group",
        "--domain",
        DOMAIN,
        "--package-group",
        "/swift/locked/*",
    ]);
    admin.ca(&[
        "update-package-group-origin-configuration",
        "--domain",
        DOMAIN,
        "--package-group",
        "/swift/locked/*",
        "--restrictions",
        "PUBLISH=BLOCK",
    ]);
    let (body, ct) = publish_body(&linked, None);
    let up_url = endpoint(&mock, "swift", "up");
    let (status, _, body) = swift(
        &mock,
        "PUT",
        &format!("{up_url}Locked/LinkedList/1.0.0"),
        &token,
        JSON,
        &[("Content-Type", &ct)],
        &body,
    );
    assert_eq!(status, 403, "{}", String::from_utf8_lossy(&body));

    // Origin controls: publishing blocked for the package refuses the release.
    cp(
        "put-package-origin-configuration",
        "up",
        &["--restrictions", "publish=BLOCK,upstream=ALLOW"],
    );
    let (status, headers, body) = publish("4.0.0", &linked, None);
    assert_eq!(status, 403, "{}", String::from_utf8_lossy(&body));
    assert_v1(&headers, "application/problem+json");
}
