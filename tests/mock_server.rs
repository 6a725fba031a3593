//! The server process: startup line, persistence across restarts, signals, discovery file,
//! and the wire format of protocol-level errors.

mod common;

use std::io::Read;
use std::process::{Command, Stdio};

use common::{Mock, header, raw_request};
use serde_json::{Value, json};

#[test]
fn state_survives_a_restart() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let mock = Mock::start_with(&data, &[]);
    mock.aws_ok(&[
        "create-domain",
        "--domain",
        "dom",
        "--tags",
        "key=k,value=v",
    ]);
    mock.aws_ok(&[
        "create-repository",
        "--domain",
        "dom",
        "--repository",
        "base",
    ]);
    mock.aws_ok(&[
        "create-repository",
        "--domain",
        "dom",
        "--repository",
        "app",
        "--upstreams",
        "repositoryName=base",
    ]);
    mock.aws_ok(&[
        "associate-external-connection",
        "--domain",
        "dom",
        "--repository",
        "base",
        "--external-connection",
        "public:pypi",
    ]);
    let policy = mock.aws_ok(&[
        "put-repository-permissions-policy",
        "--domain",
        "dom",
        "--repository",
        "app",
        "--policy-document",
        "{}",
    ]);
    let domain = mock.aws_ok(&["describe-domain", "--domain", "dom"]);
    let app = mock.aws_ok(&[
        "describe-repository",
        "--domain",
        "dom",
        "--repository",
        "app",
    ]);
    let base = mock.aws_ok(&[
        "describe-repository",
        "--domain",
        "dom",
        "--repository",
        "base",
    ]);
    mock.stop();
    assert!(
        !data.join("server.json").exists(),
        "server.json is removed on exit"
    );

    let mock = Mock::start_with(&data, &[]);
    assert_eq!(mock.aws_ok(&["describe-domain", "--domain", "dom"]), domain);
    assert_eq!(
        mock.aws_ok(&[
            "describe-repository",
            "--domain",
            "dom",
            "--repository",
            "app"
        ]),
        app
    );
    assert_eq!(
        mock.aws_ok(&[
            "describe-repository",
            "--domain",
            "dom",
            "--repository",
            "base"
        ]),
        base
    );
    assert_eq!(
        mock.aws_ok(&[
            "get-repository-permissions-policy",
            "--domain",
            "dom",
            "--repository",
            "app"
        ]),
        policy
    );
    let arn = domain["domain"]["arn"].as_str().unwrap();
    assert_eq!(
        mock.aws_ok(&["list-tags-for-resource", "--resource-arn", arn])["tags"],
        json!([{"key": "k", "value": "v"}])
    );
    mock.stop();
}

#[test]
fn prints_only_its_url_and_stops_on_sigterm_and_sigint() {
    for signal in [libc::SIGTERM, libc::SIGINT] {
        let tmp = tempfile::tempdir().unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_codeartifact"))
            .args(["mock", "serve", "--listen", "127.0.0.1:0", "--data-dir"])
            .arg(tmp.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = Vec::new();
        let mut byte = [0u8; 1];
        while stdout.read(&mut byte).unwrap() == 1 && byte[0] != b'\n' {
            first.push(byte[0]);
        }
        let url = String::from_utf8(first).unwrap();
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        let advertised: Value =
            serde_json::from_str(&std::fs::read_to_string(tmp.path().join("server.json")).unwrap())
                .unwrap();
        assert_eq!(advertised, json!({"url": url, "pid": child.id()}));

        // SAFETY: signalling our own child.
        unsafe { libc::kill(child.id() as i32, signal) };
        let mut rest = String::new();
        stdout.read_to_string(&mut rest).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "signal {signal}: exit {:?}",
            out.status
        );
        assert_eq!(rest, "", "nothing but the URL on stdout");
        assert!(!tmp.path().join("server.json").exists());
        // Quiet without --verbose: no request was logged (none was made, either way nothing
        // should be there).
        assert!(
            String::from_utf8_lossy(&out.stderr).trim().is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn a_data_dir_serves_one_mock_at_a_time() {
    let mock = Mock::start();
    let out = Command::new(env!("CARGO_BIN_EXE_codeartifact"))
        .args(["mock", "serve", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(&mock.data_dir)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("another mock server is using the data dir"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&mock.url),
        "names the running server: {stderr}"
    );
    // The first one is unaffected.
    mock.aws_ok(&["list-domains"]);
    mock.stop();
}

#[test]
fn verbose_logs_one_line_per_request_without_secrets() {
    let tmp = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_codeartifact"))
        .args([
            "mock",
            "serve",
            "-v",
            "--listen",
            "127.0.0.1:0",
            "--data-dir",
        ])
        .arg(tmp.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut line = Vec::new();
    let mut byte = [0u8; 1];
    while stdout.read(&mut byte).unwrap() == 1 && byte[0] != b'\n' {
        line.push(byte[0]);
    }
    let url = String::from_utf8(line).unwrap();
    raw_request(&url, "POST", "/v1/domain?domain=logged", "");
    raw_request(&url, "POST", "/v1/authorization-token?domain=logged", "");
    // SAFETY: signalling our own child.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let out = child.wait_with_output().unwrap();
    let log = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<_> = log.lines().collect();
    assert_eq!(lines.len(), 2, "{log}");
    assert!(
        lines[0].starts_with("POST /v1/domain CreateDomain -> 200"),
        "{log}"
    );
    assert!(
        lines[1].starts_with("POST /v1/authorization-token GetAuthorizationToken -> 200"),
        "{log}"
    );
    assert!(
        !log.contains("domain=logged"),
        "query strings are not logged: {log}"
    );
}

#[test]
fn protocol_errors_are_json_the_sdks_parse() {
    let mock = Mock::start();
    let (status, headers, body) = raw_request(&mock.url, "GET", "/v1/nothing-here", "");
    assert_eq!(status, 400);
    assert_eq!(
        header(&headers, "x-amzn-errortype"),
        Some("ValidationException")
    );
    assert_eq!(header(&headers, "content-type"), Some("application/json"));
    assert_eq!(header(&headers, "x-amzn-requestid").map(str::len), Some(36));
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["__type"], "ValidationException");
    assert_eq!(v["reason"], "UNKNOWN_OPERATION");
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("GET /v1/nothing-here")
    );

    // A known path with the wrong method is no operation either.
    let (status, _, _) = raw_request(&mock.url, "PUT", "/v1/domain?domain=dom", "");
    assert_eq!(status, 400);

    let (status, headers, body) = raw_request(&mock.url, "POST", "/v1/domains", "{not json");
    assert_eq!(status, 400);
    assert_eq!(
        header(&headers, "x-amzn-errortype"),
        Some("ValidationException")
    );
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["reason"],
        "CANNOT_PARSE"
    );

    let (status, _, body) =
        raw_request(&mock.url, "POST", "/v1/domains", r#"{"maxResults":"many"}"#);
    assert_eq!(status, 400);
    assert_eq!(
        serde_json::from_str::<Value>(&body).unwrap()["reason"],
        "CANNOT_PARSE"
    );

    let (status, _, body) = raw_request(
        &mock.url,
        "GET",
        "/v1/domain?domain=ok-name&domain-owner=12",
        "",
    );
    assert_eq!(status, 400);
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["reason"], "FIELD_VALIDATION_FAILED");
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .starts_with("2 validation errors detected: Value '12' at 'domainOwner'"),
        "{v}"
    );

    // Success responses carry a request id too, and JSON bodies in model order.
    let (status, headers, body) = raw_request(&mock.url, "POST", "/v1/domain?domain=dom", "");
    assert_eq!(status, 200);
    assert!(header(&headers, "x-amzn-requestid").is_some());
    let keys: Vec<String> = serde_json::from_str::<Value>(&body).unwrap()["domain"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(
        keys,
        [
            "name",
            "owner",
            "arn",
            "status",
            "createdTime",
            "encryptionKey",
            "repositoryCount",
            "assetSizeBytes",
            "s3BucketArn"
        ]
    );
}

#[test]
fn account_and_region_flags_shape_arns() {
    let tmp = tempfile::tempdir().unwrap();
    let mock = Mock::start_with(
        &tmp.path().join("d"),
        &["--account-id", "999988887777", "--region", "eu-west-3"],
    );
    // --region is the region of unsigned requests (signed ones name theirs: mock_regions.rs).
    let d = mock.aws_ok(&["create-domain", "--domain", "dom", "--no-sign-request"]);
    assert_eq!(
        d["domain"]["arn"],
        "arn:aws:codeartifact:eu-west-3:999988887777:domain/dom"
    );
    assert_eq!(d["domain"]["owner"], "999988887777");
    // The default account is now "another account".
    mock.aws_err(
        &[
            "describe-domain",
            "--domain",
            "dom",
            "--domain-owner",
            "111122223333",
            "--no-sign-request",
        ],
        "ResourceNotFoundException",
    );
    let bad = Command::new(env!("CARGO_BIN_EXE_codeartifact"))
        .args(["mock", "serve", "--account-id", "12ab"])
        .output()
        .unwrap();
    assert_eq!(
        bad.status.code(),
        Some(252),
        "a malformed account id is a usage error (exit 252)"
    );
    mock.stop();
}

#[test]
fn deterministic_mocks_answer_identically() {
    let (a, b) = (Mock::deterministic(), Mock::deterministic());
    let steps: [&[&str]; 6] = [
        &["create-domain", "--domain", "dom"],
        &[
            "create-repository",
            "--domain",
            "dom",
            "--repository",
            "repo",
        ],
        &["get-authorization-token", "--domain", "dom"],
        &[
            "put-domain-permissions-policy",
            "--domain",
            "dom",
            "--policy-document",
            "{}",
        ],
        &[
            "get-repository-endpoint",
            "--domain",
            "dom",
            "--repository",
            "repo",
            "--format",
            "npm",
        ],
        &["describe-domain", "--domain", "dom"],
    ];
    let mut outputs = Vec::new();
    for step in steps {
        let (x, y) = (a.aws(step), b.aws(step));
        assert!(x.status.success(), "{step:?}: {}", x.stderr);
        assert_eq!(x.stdout, y.stdout, "{step:?}");
        outputs.push(serde_json::from_str::<Value>(&x.stdout).unwrap());
    }
    assert!(
        outputs[0]["domain"]["createdTime"]
            .as_str()
            .unwrap()
            .starts_with("2024-01-01T"),
        "{}",
        outputs[0]
    );
    assert_eq!(
        outputs[4]["repositoryEndpoint"],
        format!(
            "{}/npm/d/dom-111122223333/repo/",
            common::DETERMINISTIC_PUBLIC_URL
        )
    );
    // Still unique within one mock.
    let t1 = a.aws_ok(&["get-authorization-token", "--domain", "dom"]);
    assert_ne!(t1["authorizationToken"], outputs[2]["authorizationToken"]);
    assert_eq!(b.requests(), 6);
    assert_eq!(a.requests(), 7);
}
