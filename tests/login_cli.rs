//! `codeartifact login` / `logout` as a user runs them: the real binary, a temporary HOME, and a
//! small stand-in for the two CodeArtifact operations login calls, on 127.0.0.1.
//!
//! The stand-in will give way to `codeartifact mock serve` once the emulator serves
//! GetAuthorizationToken and GetRepositoryEndpoint; only `Service::start` needs to change.

use std::collections::HashMap;
use std::path::Path;

use assert_cmd::Command;
use axum::extract::Query;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};

const TOKEN: &str = "LOGIN-TEST-TOKEN.abc_def";

struct Service {
    url: String,
}

impl Service {
    fn start() -> Service {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let base = url.clone();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let app = axum::Router::new()
                    .route("/v1/authorization-token", post(token))
                    .route("/v1/domains", post(|| async { json(StatusCode::OK, HeaderMap::new(), serde_json::json!({ "domains": [{ "name": "dom" }, { "name": "other" }] })) }))
                    .route("/v1/domain/repositories", post(|| async { json(StatusCode::OK, HeaderMap::new(), serde_json::json!({ "repositories": [{ "name": "repo" }] })) }))
                    .route(
                        "/v1/repository/endpoint",
                        get(move |q| endpoint(q, base.clone())),
                    );
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                axum::serve(listener, app).await.unwrap();
            });
        });
        Service { url }
    }
}

/// A JSON response (axum is built here without its `json` feature).
fn json(
    status: StatusCode,
    mut headers: HeaderMap,
    body: serde_json::Value,
) -> axum::response::Response {
    headers.insert("content-type", HeaderValue::from_static("application/json"));
    (status, headers, body.to_string()).into_response()
}

async fn token(Query(q): Query<HashMap<String, String>>) -> axum::response::Response {
    let expiration = chrono::Utc::now().timestamp()
        + q.get("duration")
            .and_then(|d| d.parse().ok())
            .unwrap_or(43_200);
    json(
        StatusCode::OK,
        HeaderMap::new(),
        serde_json::json!({ "authorizationToken": TOKEN, "expiration": expiration }),
    )
}

async fn endpoint(
    Query(q): Query<HashMap<String, String>>,
    base: String,
) -> axum::response::Response {
    if q.get("repository").map(String::as_str) == Some("missing") {
        let mut h = HeaderMap::new();
        h.insert(
            "x-amzn-ErrorType",
            HeaderValue::from_static("ResourceNotFoundException"),
        );
        return json(
            StatusCode::NOT_FOUND,
            h,
            serde_json::json!({ "message": "Repository missing not found" }),
        );
    }
    let url = format!(
        "{base}/{}/d/{}-111122223333/{}/",
        q["format"], q["domain"], q["repository"]
    );
    json(
        StatusCode::OK,
        HeaderMap::new(),
        serde_json::json!({ "repositoryEndpoint": url }),
    )
}

/// The binary in a temporary HOME, with credentials that only the stand-in accepts.
fn codeartifact(home: &Path, service: &Service) -> Command {
    let mut c = Command::cargo_bin("codeartifact").unwrap();
    c.current_dir(home)
        .env_clear()
        .env("HOME", home)
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .env("AWS_REGION", "us-west-2")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", home.join("no-aws-config"))
        .env(
            "AWS_SHARED_CREDENTIALS_FILE",
            home.join("no-aws-credentials"),
        )
        .args(["--endpoint-url", &service.url]);
    c
}

fn run(c: &mut Command) -> (i32, String, String) {
    let out = c.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn npm_login_prints_the_aws_cli_message_and_writes_npmrc() {
    let s = Service::start();
    let home = tempfile::tempdir().unwrap();
    let (code, out, err) = run(codeartifact(home.path(), &s).args([
        "login",
        "--tool",
        "npm",
        "--domain",
        "dom",
        "--repository",
        "repo",
    ]));
    assert_eq!(code, 0, "{err}");
    let url = format!("{}/npm/d/dom-111122223333/repo/", s.url);
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some(
            format!("Successfully configured npm to use AWS CodeArtifact repository {url} ")
                .as_str()
        )
    );
    let expires = lines.next().unwrap();
    assert!(
        expires.starts_with("Login expires in 12 hours at "),
        "{expires}"
    );
    assert!(!out.contains(TOKEN) && !err.contains(TOKEN));
    let npmrc = std::fs::read_to_string(home.path().join(".npmrc")).unwrap();
    assert!(npmrc.contains(&format!("\nregistry={url}\n")), "{npmrc}");
    let key = url.trim_start_matches("http:");
    assert!(
        npmrc.contains(&format!("\n{key}:_authToken={TOKEN}\n")),
        "{npmrc}"
    );

    let (code, out, _) = run(codeartifact(home.path(), &s).args(["logout", "--tool", "npm"]));
    assert_eq!(code, 0);
    assert!(out.contains("Removed"), "{out}");
    assert!(!home.path().join(".npmrc").exists());
}

#[test]
fn service_error_is_reported_and_nothing_is_written() {
    let s = Service::start();
    let home = tempfile::tempdir().unwrap();
    let (code, out, err) = run(codeartifact(home.path(), &s).args([
        "login",
        "--tool",
        "pip",
        "--domain",
        "dom",
        "--repository",
        "missing",
    ]));
    assert_eq!(code, 254, "{out}{err}");
    assert!(
        err.contains(
            "An error occurred (ResourceNotFoundException) when calling the GetRepositoryEndpoint operation: \
             Repository missing not found"
        ),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(home.path()).unwrap().count(), 0);
}

#[test]
fn usage_errors_exit_252() {
    let s = Service::start();
    let home = tempfile::tempdir().unwrap();
    // No terminal here: a missing --tool is an error, not a prompt.
    let (code, _, err) = run(codeartifact(home.path(), &s).args([
        "login",
        "--domain",
        "dom",
        "--repository",
        "repo",
    ]));
    assert_eq!(code, 252, "{err}");
    assert!(err.contains("--tool"), "{err}");
    let (code, _, err) = run(codeartifact(home.path(), &s).args([
        "login",
        "--tool",
        "pip",
        "--domain",
        "dom",
        "--repository",
        "repo",
        "--namespace",
        "x",
    ]));
    assert_eq!(code, 252);
    assert!(
        err.contains("Argument --namespace is not supported for pip"),
        "{err}"
    );
    let (code, _, _) = run(codeartifact(home.path(), &s).args([
        "login",
        "--tool",
        "ant",
        "--domain",
        "d",
        "--repository",
        "r",
    ]));
    assert_eq!(code, 252);
}

#[test]
fn export_prints_variables_and_writes_nothing() {
    let s = Service::start();
    let home = tempfile::tempdir().unwrap();
    let (code, out, err) = run(codeartifact(home.path(), &s).args([
        "login",
        "--tool",
        "twine",
        "--domain",
        "dom",
        "--repository",
        "repo",
        "--export",
    ]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        format!(
            "export CODEARTIFACT_AUTH_TOKEN={TOKEN}\nexport TWINE_REPOSITORY_URL={}/pypi/d/dom-111122223333/repo/\nexport \
             TWINE_USERNAME=aws\nexport TWINE_PASSWORD={TOKEN}\n",
            s.url
        )
    );
    // Only the token cache, which the next login or helper of this user reuses.
    let written: Vec<_> = std::fs::read_dir(home.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(written, [".cache"]);
}

#[test]
fn dry_run_shows_a_masked_diff_and_writes_nothing() {
    let s = Service::start();
    let home = tempfile::tempdir().unwrap();
    let (code, out, _) = run(codeartifact(home.path(), &s).args([
        "login",
        "--tool",
        "cargo",
        "--domain",
        "dom",
        "--repository",
        "repo",
        "--dry-run",
        "--no-credential-provider",
    ]));
    assert_eq!(code, 0);
    assert!(
        out.contains("+token = \"****\"") && !out.contains(TOKEN),
        "{out}"
    );
    assert_eq!(std::fs::read_dir(home.path()).unwrap().count(), 0);
    let (_, out, _) = run(codeartifact(home.path(), &s).args([
        "login",
        "--tool",
        "cargo",
        "--domain",
        "dom",
        "--repository",
        "repo",
        "--dry-run",
        "--show-token",
        "--no-credential-provider",
    ]));
    assert!(out.contains(TOKEN), "{out}");
}

/// On a terminal, missing --tool/--domain/--repository are offered as choices. `script` gives the
/// binary a pseudo-terminal; the keys are: Enter (npm), Down Enter (the second domain), Enter.
#[test]
fn missing_arguments_are_asked_for_on_a_terminal() {
    use std::io::Write;
    use std::process::Stdio;
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: `script` (util-linux) is not installed");
        return;
    }
    let s = Service::start();
    let home = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("codeartifact");
    let cmd = format!("{} --endpoint-url {} login", bin.display(), s.url);
    let mut child = std::process::Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env("HOME", home.path())
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .env("AWS_REGION", "us-west-2")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", home.path().join("no-aws-config"))
        .env(
            "AWS_SHARED_CREDENTIALS_FILE",
            home.path().join("no-aws-credentials"),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for keys in ["\r", "\x1b[B\r", "\r"] {
        std::thread::sleep(std::time::Duration::from_millis(700));
        stdin.write_all(keys.as_bytes()).unwrap();
        stdin.flush().unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let out = String::from_utf8_lossy(&out.stdout);
    assert!(out.contains("Successfully configured npm"), "{out}");
    let npmrc = std::fs::read_to_string(home.path().join(".npmrc")).unwrap();
    assert!(npmrc.contains("/npm/d/other-111122223333/repo/"), "{npmrc}");
}
