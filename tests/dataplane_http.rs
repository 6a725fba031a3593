//! The data plane's rules, checked with raw HTTP where real clients never go: authentication
//! and its challenge, conflicting and concurrent publishes, npm dist-tags, Maven checksums and
//! the Unfinished-until-metadata rule, PEP 691, origin controls.

mod common;
mod dataplane_support;

use base64::Engine;
use dataplane_support::*;
use serde_json::{Value, json};
use sha1::Digest;

#[test]
fn every_request_needs_a_token_of_the_repository_domain() {
    let (mock, admin) = mock_with(&[("repo", &[])]);
    admin.ca(&["create-domain", "--domain", "other"]);
    let other_token =
        admin.ca(&["get-authorization-token", "--domain", "other"])["authorizationToken"]
            .as_str()
            .unwrap()
            .to_string();
    let token = admin.token();
    let path = format!("{}-/ping", endpoint_path("npm", "repo"));
    let basic = |user_pass: &str| {
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(user_pass)
        )
    };
    for auth in [
        None,
        Some("Bearer not-a-token".to_string()),
        Some("Bearer ".to_string()),
        Some(basic("aws")),
        Some("Digest abc".to_string()),
        Some(bearer(&other_token)),
    ] {
        let (status, headers, _) = authed(&mock, "GET", &path, auth.as_deref(), b"");
        assert_eq!(status, 401, "{auth:?}");
        assert_eq!(
            header(&headers, "www-authenticate"),
            Some("Basic realm=\"dom-111122223333/repo\""),
            "{auth:?}"
        );
    }
    for auth in [
        bearer(&token),
        basic(&format!("aws:{token}")),
        token.clone(),
    ] {
        let (status, _, _) = authed(&mock, "GET", &path, Some(&auth), b"");
        assert_eq!(status, 200, "{auth}");
    }
    // An unknown repository is 404 only for a valid token.
    let (status, _, _) = authed(
        &mock,
        "GET",
        &format!("{}-/ping", endpoint_path("npm", "nope")),
        Some(&bearer(&token)),
        b"",
    );
    assert_eq!(status, 404);

    // Nothing is stored without a token.
    let body = npm_publish_body("unauth", "1.0.0", b"bytes");
    let (status, _, _) = authed(
        &mock,
        "PUT",
        &format!("{}unauth", endpoint_path("npm", "repo")),
        None,
        &body,
    );
    assert_eq!(status, 401);
    let listed = admin.ca(&["list-packages", "--domain", DOMAIN, "--repository", "repo"]);
    assert_eq!(listed["packages"], json!([]));

    // An expired token is refused too (expiry is moved into the past in the database).
    let db = rusqlite::Connection::open(mock.data_dir.join("codeartifact.sqlite3")).unwrap();
    db.busy_timeout(std::time::Duration::from_secs(10)).unwrap();
    db.execute("UPDATE tokens SET expires_ms = 1", []).unwrap();
    let (status, _, _) = authed(&mock, "GET", &path, Some(&bearer(&token)), b"");
    assert_eq!(status, 401);
}

#[test]
fn npm_publishes_conflict_on_other_bytes_and_never_half_commit() {
    let (mock, admin) = mock_with(&[("repo", &[])]);
    let auth = bearer(&admin.token());
    let base = endpoint_path("npm", "repo");
    let put = |name: &str, version: &str, bytes: &[u8]| {
        authed(
            &mock,
            "PUT",
            &format!("{base}{}", name.replace('/', "%2f")),
            Some(&auth),
            &npm_publish_body(name, version, bytes),
        )
        .0
    };
    assert_eq!(put("@sc/pkg", "1.0.0", b"first"), 200);
    assert_eq!(
        put("@sc/pkg", "1.0.0", b"first"),
        200,
        "same bytes again succeed"
    );
    assert_eq!(put("@sc/pkg", "1.0.0", b"other"), 409);

    // Eight racing publishes of one version with different bytes: one wins, whole.
    let results: Vec<(u16, Vec<u8>)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let bytes = format!("racer {i}").into_bytes();
                let put = &put;
                s.spawn(move || (put("race", "2.0.0", &bytes), bytes))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let winners: Vec<&Vec<u8>> = results
        .iter()
        .filter(|(s, _)| *s == 200)
        .map(|(_, b)| b)
        .collect();
    assert_eq!(
        winners.len(),
        1,
        "{:?}",
        results.iter().map(|r| r.0).collect::<Vec<_>>()
    );
    assert!(results.iter().all(|(s, _)| *s == 200 || *s == 409));
    let (status, _, tgz) = authed(
        &mock,
        "GET",
        &format!("{base}race/-/race-2.0.0.tgz"),
        Some(&auth),
        b"",
    );
    assert_eq!(status, 200);
    assert_eq!(&tgz, winners[0]);
    let (_, _, doc) = authed(&mock, "GET", &format!("{base}race"), Some(&auth), b"");
    let doc: Value = serde_json::from_slice(&doc).unwrap();
    assert_eq!(
        doc["versions"]["2.0.0"]["dist"]["shasum"],
        hex::encode(sha1::Sha1::digest(winners[0]))
    );

    // dist-tags: read, set (JSON string body), delete.
    assert_eq!(put("race", "2.1.0-beta.1", b"beta"), 200);
    let tags_path = format!("{base}-/package/race/dist-tags");
    let (status, _, _) = authed(
        &mock,
        "PUT",
        &format!("{tags_path}/next"),
        Some(&auth),
        b"\"2.1.0-beta.1\"",
    );
    assert_eq!(status, 200);
    let (_, _, tags) = authed(&mock, "GET", &tags_path, Some(&auth), b"");
    let tags: Value = serde_json::from_slice(&tags).unwrap();
    assert_eq!(tags["next"], "2.1.0-beta.1");
    let (status, _, _) = authed(
        &mock,
        "DELETE",
        &format!("{tags_path}/next"),
        Some(&auth),
        b"",
    );
    assert_eq!(status, 200);
    let (_, _, tags) = authed(&mock, "GET", &tags_path, Some(&auth), b"");
    assert!(
        serde_json::from_slice::<Value>(&tags)
            .unwrap()
            .get("next")
            .is_none()
    );
    let (status, _, _) = authed(
        &mock,
        "PUT",
        &format!("{tags_path}/next"),
        Some(&auth),
        b"\"9.9.9\"",
    );
    assert_eq!(status, 404, "a tag must name an existing version");

    // Archived: out of the packument and no longer downloadable.
    admin.ca(&[
        "update-package-versions-status",
        "--domain",
        DOMAIN,
        "--repository",
        "repo",
        "--format",
        "npm",
        "--package",
        "race",
        "--versions",
        "2.1.0-beta.1",
        "--target-status",
        "Archived",
    ]);
    let (_, _, doc) = authed(&mock, "GET", &format!("{base}race"), Some(&auth), b"");
    let doc: Value = serde_json::from_slice(&doc).unwrap();
    assert!(doc["versions"].get("2.1.0-beta.1").is_none(), "{doc}");
    let (status, _, _) = authed(
        &mock,
        "GET",
        &format!("{base}race/-/race-2.1.0-beta.1.tgz"),
        Some(&auth),
        b"",
    );
    assert_eq!(status, 404);

    // Origin controls: publish BLOCK refuses new versions.
    admin.ca(&[
        "put-package-origin-configuration",
        "--domain",
        DOMAIN,
        "--repository",
        "repo",
        "--format",
        "npm",
        "--package",
        "race",
        "--restrictions",
        "publish=BLOCK,upstream=BLOCK",
    ]);
    assert_eq!(put("race", "3.0.0", b"blocked"), 403);
}

#[test]
fn maven_checksums_are_computed_and_versions_finish_with_their_metadata() {
    let (mock, admin) = mock_with(&[("repo", &[])]);
    let auth = bearer(&admin.token());
    let dir = format!("{}org/dp/tool/1.0/", endpoint_path("maven", "repo"));
    let jar = b"not really a jar";
    let sha1 = hex::encode(sha1::Sha1::digest(jar));
    let req = |method: &str, file: &str, body: &[u8]| {
        authed(&mock, method, &format!("{dir}{file}"), Some(&auth), body)
    };

    assert_eq!(
        req("PUT", "tool-1.0.jar.sha1", sha1.as_bytes()).0,
        404,
        "checksum before its file"
    );
    assert_eq!(req("PUT", "tool-1.0.jar", jar).0, 201);
    assert_eq!(
        req("PUT", "tool-1.0.jar.sha1", sha1.to_uppercase().as_bytes()).0,
        201,
        "compared without case"
    );
    assert_eq!(req("PUT", "tool-1.0.jar.sha1", b"0000").0, 400);
    for (ext, len) in [("md5", 32), ("sha1", 40), ("sha256", 64), ("sha512", 128)] {
        let (status, _, body) = req("GET", &format!("tool-1.0.jar.{ext}"), b"");
        assert_eq!((status, body.len()), (200, len), "{ext}");
    }
    assert_eq!(req("PUT", "tool-1.0.jar", b"other bytes").0, 409);

    let describe = || {
        admin.ca(&[
            "describe-package-version",
            "--domain",
            DOMAIN,
            "--repository",
            "repo",
            "--format",
            "maven",
            "--namespace",
            "org.dp",
            "--package",
            "tool",
            "--package-version",
            "1.0",
        ])["packageVersion"]["status"]
            .clone()
    };
    assert_eq!(describe(), "Unfinished");
    let meta_path = format!(
        "{}org/dp/tool/maven-metadata.xml",
        endpoint_path("maven", "repo")
    );
    assert_eq!(
        authed(&mock, "GET", &meta_path, Some(&auth), b"").0,
        404,
        "no published version yet"
    );
    let uploaded = b"<metadata><groupId>org.dp</groupId><artifactId>tool</artifactId><versioning><versions><version>1.0</version></versions></versioning></metadata>";
    assert_eq!(
        authed(&mock, "PUT", &meta_path, Some(&auth), uploaded).0,
        201
    );
    assert_eq!(describe(), "Published");
    let (status, _, xml) = authed(&mock, "GET", &meta_path, Some(&auth), b"");
    assert_eq!(status, 200);
    let (_, _, xml_sha1) = authed(&mock, "GET", &format!("{meta_path}.sha1"), Some(&auth), b"");
    assert_eq!(
        String::from_utf8(xml_sha1).unwrap(),
        hex::encode(sha1::Sha1::digest(&xml))
    );
}

#[test]
fn pypi_serves_pep_691_json_on_request_and_no_root_index() {
    let (mock, admin) = mock_with(&[("repo", &[]), ("down", &["repo"])]);
    let token = admin.token();
    let auth = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("aws:{token}"))
    );
    let b = "BoUnDaRy";
    let mut body = Vec::new();
    for (name, value) in [
        (":action", "file_upload"),
        ("protocol_version", "1"),
        ("name", "Dp.Json"),
        ("version", "0.5"),
        ("requires_python", ">=3.9"),
    ] {
        body.extend_from_slice(
            format!("--{b}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(format!("--{b}\r\nContent-Disposition: form-data; name=\"content\"; filename=\"dp_json-0.5.tar.gz\"\r\n\r\nsdist\r\n--{b}--\r\n").as_bytes());
    // The raw helper sends no content type, so this request is written by hand.
    let status = {
        use std::io::{Read, Write};
        let addr = mock.url.strip_prefix("http://").unwrap();
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        write!(s, "POST {} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: {auth}\r\nContent-Type: multipart/form-data; boundary={b}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", endpoint_path("pypi", "repo"), body.len()).unwrap();
        s.write_all(&body).unwrap();
        let mut resp = String::new();
        s.read_to_string(&mut resp).unwrap();
        resp.split(' ').nth(1).unwrap().to_string()
    };
    assert_eq!(status, "200");

    let page = format!("{}simple/DP_json/", endpoint_path("pypi", "down"));
    let (status, headers, html) = authed(&mock, "GET", &page, Some(&auth), b"");
    assert_eq!(status, 200);
    assert_eq!(
        header(&headers, "content-type"),
        Some("application/vnd.pypi.simple.v1+html")
    );
    let html = String::from_utf8(html).unwrap();
    let sha = hex::encode(sha2::Sha256::digest(b"sdist"));
    assert!(
        html.contains(&format!(
            "href=\"0.5/dp_json-0.5.tar.gz#sha256={sha}\" data-requires-python=\"&gt;=3.9\""
        )),
        "{html}"
    );

    // PEP 691: ask with Accept (the raw helper cannot, so this is by hand too).
    let json_page = {
        use std::io::{Read, Write};
        let addr = mock.url.strip_prefix("http://").unwrap();
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        write!(s, "GET {page} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: {auth}\r\nAccept: application/vnd.pypi.simple.v1+json\r\nConnection: close\r\n\r\n").unwrap();
        let mut resp = String::new();
        s.read_to_string(&mut resp).unwrap();
        resp.split_once("\r\n\r\n").unwrap().1.to_string()
    };
    let doc: Value = serde_json::from_str(&json_page).unwrap();
    assert_eq!(doc["name"], "dp-json");
    assert_eq!(doc["files"][0]["hashes"]["sha256"], sha);
    assert_eq!(doc["files"][0]["requires-python"], ">=3.9");

    let (status, _, _) = authed(
        &mock,
        "GET",
        &format!("{}simple/", endpoint_path("pypi", "repo")),
        Some(&auth),
        b"",
    );
    assert_eq!(status, 404, "the root index is not served");
}
