//! Asset names follow the service's rule on both planes (issue 9, item 5): the API reference
//! allows Unicode letters and numbers and `~ ! @ ^ & ( ) - ` _ + [ ] { } ; , .` only, so path
//! separators, `..`, absolute paths and backslashes are refused, by the API with a
//! ValidationException (AWS CLI v1 and boto3 read it) and by every registry with a 400, before
//! anything is stored.

mod common;
mod dataplane_support;

use base64::Engine;
use dataplane_support::*;
use serde_json::json;

const HOSTILE: [&str; 8] = [
    "../../../../x",
    "/tmp/x",
    "a/b",
    "a\\b",
    "..",
    ".",
    "a b",
    "x\u{200b}y",
];

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

#[test]
fn the_api_refuses_asset_names_outside_the_service_rule() {
    let (mock, _admin) = mock_with(&[("repo", &[])]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("asset.bin");
    std::fs::write(&file, b"bytes").unwrap();
    let sha = sha256_hex(b"bytes");
    let publish = |name: &str| {
        vec![
            "publish-package-version".to_string(),
            "--domain".into(),
            DOMAIN.into(),
            "--repository".into(),
            "repo".into(),
            "--format".into(),
            "generic".into(),
            "--namespace".into(),
            "ns".into(),
            "--package".into(),
            "p".into(),
            "--package-version".into(),
            "1.0".into(),
            "--asset-name".into(),
            name.into(),
            "--asset-content".into(),
            file.display().to_string(),
            "--asset-sha256".into(),
            sha.clone(),
        ]
    };
    for name in HOSTILE {
        let args = publish(name);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let stderr = mock.aws_err(&args, "ValidationException");
        // Control characters break the model's own pattern; the rest the service's rule.
        assert!(
            stderr.contains("at 'assetName' failed to satisfy constraint: Member must"),
            "{name:?}: {stderr}"
        );
    }
    // boto3 (its own validation off) reads the refusal of a download by such a name too.
    let codes = mock.boto3_json(&format!(
        "out = []\n\
         for name in {}:\n\
         \x20   try:\n\
         \x20       raw_client.get_package_version_asset(domain='dom', repository='repo',\n\
         \x20           format='generic', namespace='ns', package='p', packageVersion='1.0', asset=name)\n\
         \x20       out.append('ok')\n\
         \x20   except ClientError as e:\n\
         \x20       out.append(e.response['Error']['Code'])\n\
         print(json.dumps(out))\n",
        json!(HOSTILE)
    ));
    assert_eq!(codes, json!(vec!["ValidationException"; HOSTILE.len()]));
    // Nothing was stored; a name using every allowed kind of character is accepted.
    mock.aws_err(
        &[
            "list-package-versions",
            "--domain",
            DOMAIN,
            "--repository",
            "repo",
            "--format",
            "generic",
            "--namespace",
            "ns",
            "--package",
            "p",
        ],
        "ResourceNotFoundException",
    );
    let args = publish("Données_2~!@^&()-`+[]{};,.bin");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = mock.aws_ok(&args);
    assert_eq!(out["asset"]["name"], "Données_2~!@^&()-`+[]{};,.bin");
}

#[test]
fn registries_refuse_asset_names_that_could_be_paths() {
    let (mock, admin) = mock_with(&[("repo", &[])]);
    let auth = bearer(&admin.token());
    let put = |format: &str, rest: &str, headers: &[(&str, &str)], body: &[u8]| {
        let mut all = vec![("Authorization", auth.as_str())];
        all.extend_from_slice(headers);
        let path = format!("{}{rest}", endpoint_path(format, "repo"));
        request_with(&mock, "PUT", &path, &all, body).0
    };

    // Maven: the file is the last path segment, percent-encoded separators included.
    for file in [
        "..%2f..%2fx.jar",
        "..%2F..%2Fx.jar",
        "a%5cb.jar",
        "%2ftmp%2fx.jar",
        "a%20b.jar",
    ] {
        assert_eq!(
            put("maven", &format!("com/x/1.0/{file}"), &[], b"PK"),
            400,
            "{file}"
        );
        let path = format!("{}com/x/1.0/{file}", endpoint_path("maven", "repo"));
        let (status, _, _) = authed(&mock, "GET", &path, Some(&auth), b"");
        assert_eq!(status, 400, "GET {file}");
    }

    // PyPI: the uploaded file's name.
    for filename in [
        "../hostile-1.0.tar.gz",
        "hostile-1.0/../../x.tar.gz",
        "hostile-1.0\\x.tar.gz",
    ] {
        let (body, ct) = pypi_upload_form(
            &[
                (":action", "file_upload"),
                ("name", "hostile"),
                ("version", "1.0"),
            ],
            filename,
            b"sdist",
        );
        let path = endpoint_path("pypi", "repo");
        let (status, text) = request_with(
            &mock,
            "POST",
            &path,
            &[("Authorization", &auth), ("Content-Type", &ct)],
            &body,
        );
        assert_eq!(
            status,
            400,
            "{filename}: {}",
            String::from_utf8_lossy(&text)
        );
    }

    // npm: the attachment's name.
    for attachment in ["../../x", "@s/../../x", "/tmp/x.tgz"] {
        let tgz = b"tarball";
        let body = json!({
            "_id": "hostile", "name": "hostile", "dist-tags": {"latest": "1.0.0"},
            "versions": {"1.0.0": {"name": "hostile", "version": "1.0.0"}},
            "_attachments": {attachment: {"content_type": "application/octet-stream",
                "data": base64::engine::general_purpose::STANDARD.encode(tgz), "length": tgz.len()}}
        });
        let status = put(
            "npm",
            "hostile",
            &[("Content-Type", "application/json")],
            body.to_string().as_bytes(),
        );
        assert_eq!(status, 400, "{attachment}");
    }

    // cargo: the version names the stored file.
    for version in ["..%2f..%2fx", "1.0.0%2f..%2f..%2fx", "1.0.0%5cx"] {
        let path = format!(
            "{}api/v1/crates/hostile/{version}/download",
            endpoint_path("cargo", "repo")
        );
        let (status, _, _) = authed(&mock, "GET", &path, Some(&auth), b"");
        assert_eq!(status, 400, "{version}");
    }

    let listed = admin.ca(&["list-packages", "--domain", DOMAIN, "--repository", "repo"]);
    assert_eq!(listed["packages"], json!([]), "something was stored");
}
