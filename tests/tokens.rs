//! Tokens against `codeartifact mock serve`: several tools in one login (one token, one endpoint
//! call per format), the token cache shared by login, exec and the helpers (a CI job with three
//! tools costs one GetAuthorizationToken), its switches and its freshness rule, and the
//! emulator's short-lived tokens.

mod common;
mod dataplane_support;

use std::time::Duration;

use dataplane_support::*;

/// `codeartifact --endpoint-url MOCK ARGS` as `user`: (exit code, stdout, stderr).
fn ca(user: &User, mock: &Mock, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let out = user
        .command(env!("CARGO_BIN_EXE_codeartifact"))
        .current_dir(user.home())
        .args(["--endpoint-url", &mock.url])
        .args(args)
        .envs(env.iter().copied())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn login<'a>(tools: &[&'a str], extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["login"];
    for t in tools {
        args.extend(["--tool", t]);
    }
    args.extend(["--domain", DOMAIN, "--repository", "repo"]);
    args.extend(extra);
    args
}

#[test]
fn one_login_configures_several_tools_with_one_token_and_logout_undoes_them() {
    let (mock, _admin) = mock_with(&[("repo", &[])]);
    let user = User::new(&mock);
    let before_tokens = answered(&mock, "GetAuthorizationToken");
    let (code, out, err) = ca(
        &user,
        &mock,
        &login(&["npm", "pip,maven", "pnpm", "npm"], &[]),
        &[],
    );
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5, "{out}");
    for (line, (tool, format)) in lines.iter().zip([
        ("npm", "npm"),
        ("pip", "pypi"),
        ("maven", "maven"),
        ("pnpm", "npm"),
    ]) {
        assert_eq!(
            *line,
            format!(
                "Successfully configured {tool} to use AWS CodeArtifact repository {} ",
                endpoint(&mock, format, "repo")
            )
        );
    }
    assert!(
        lines[4].starts_with("Login expires in 12 hours at "),
        "{out}"
    );
    assert_eq!(answered(&mock, "GetAuthorizationToken") - before_tokens, 1);
    assert_eq!(
        answered(&mock, "GetRepositoryEndpoint"),
        3,
        "one per format"
    );
    let home = user.home();
    let npmrc = std::fs::read_to_string(home.join(".npmrc")).unwrap();
    let pip_conf = std::fs::read_to_string(home.join(".config/pip/pip.conf")).unwrap();
    let settings = std::fs::read_to_string(home.join(".m2/settings.xml")).unwrap();
    let token = npmrc
        .lines()
        .find_map(|l| l.split_once(":_authToken=").map(|(_, t)| t.to_string()))
        .expect("a token in .npmrc");
    assert!(pip_conf.contains(&format!("aws:{token}@")), "{pip_conf}");
    assert!(settings.contains(&format!("<password>{token}</password>")));

    let (code, out, err) = ca(
        &user,
        &mock,
        &[
            "logout", "--tool", "npm,pip", "--tool", "maven", "--tool", "pnpm",
        ],
        &[],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.ends_with("Logged out npm, pip, maven, pnpm from AWS CodeArtifact\n"),
        "{out}"
    );
    for f in [".npmrc", ".config/pip/pip.conf", ".m2/settings.xml"] {
        assert!(!home.join(f).exists(), "{f}: {out}");
    }
    let (_, out, _) = ca(&user, &mock, &["logout", "--tool", "npm,pip"], &[]);
    assert_eq!(
        out,
        "No codeartifact login for npm, pip was found; nothing changed\n"
    );

    // Options for some of the tools apply to those; for none of them, they are refused.
    let (code, _, err) = ca(
        &user,
        &mock,
        &login(&["npm", "pip"], &["--namespace", "@tk", "--extra-index"]),
        &[],
    );
    assert_eq!(code, 0, "{err}");
    let npmrc = std::fs::read_to_string(home.join(".npmrc")).unwrap();
    assert!(npmrc.contains("@tk:registry="), "{npmrc}");
    let pip_conf = std::fs::read_to_string(home.join(".config/pip/pip.conf")).unwrap();
    assert!(pip_conf.contains("extra-index-url"), "{pip_conf}");
    let (code, _, err) = ca(
        &user,
        &mock,
        &login(&["pip", "maven"], &["--namespace", "@tk"]),
        &[],
    );
    assert_eq!(code, 252);
    assert!(
        err.contains("--namespace is not supported for pip"),
        "{err}"
    );
    let (code, _, err) = ca(&user, &mock, &login(&["npm"], &["--keyring"]), &[]);
    assert_eq!(code, 252, "{err}");
    // As the AWS CLI: a missing domain is GetAuthorizationToken's error.
    let (code, _, err) = ca(
        &user,
        &mock,
        &[
            "login",
            "--tool",
            "npm,pip",
            "--domain",
            "nodom",
            "--repository",
            "repo",
        ],
        &[],
    );
    assert_eq!(code, 254);
    assert!(
        err.contains(
            "(ResourceNotFoundException) when calling the GetAuthorizationToken operation"
        ),
        "{err}"
    );
}

#[test]
fn the_cache_serves_login_exec_and_helpers_of_a_job_with_one_token() {
    let (mock, _admin) = mock_with(&[("repo", &[])]);
    let user = User::new(&mock);
    let first = ca(&user, &mock, &login(&["npm"], &[]), &[]);
    let second = ca(&user, &mock, &login(&["pip"], &[]), &[]);
    assert_eq!((first.0, second.0), (0, 0), "{} {}", first.2, second.2);
    // A reused token's message gives its real expiry, the same as when it was new.
    let expiry = |out: &str| {
        out.lines()
            .last()
            .unwrap()
            .split(" at ")
            .nth(1)
            .unwrap()
            .to_string()
    };
    assert_eq!(expiry(&first.1), expiry(&second.1));
    let (code, _, err) = ca(
        &user,
        &mock,
        &[
            "exec",
            "--tool",
            "maven,cargo",
            "--domain",
            DOMAIN,
            "--repository",
            "repo",
            "--",
            "true",
        ],
        &[],
    );
    assert_eq!(code, 0, "{err}");
    let request = serde_json::json!({"v": 1, "kind": "get", "operation": "read",
        "registry": {"index-url": format!("sparse+{}", endpoint(&mock, "cargo", "repo"))}});
    let mut provider = user
        .command(env!("CARGO_BIN_EXE_codeartifact"))
        .arg("--cargo-plugin")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    writeln!(provider.stdin.take().unwrap(), "{request}").unwrap();
    let out = provider.wait_with_output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"Ok\""));
    assert_eq!(
        answered(&mock, "GetAuthorizationToken"),
        1,
        "login npm, login pip, exec maven+cargo and cargo's provider: one token"
    );

    // Off by option or environment; a dry run reads the cache but stores nothing.
    ca(&user, &mock, &login(&["npm"], &["--no-token-cache"]), &[]);
    ca(
        &user,
        &mock,
        &login(&["npm"], &[]),
        &[("CODEARTIFACT_NO_TOKEN_CACHE", "1")],
    );
    assert_eq!(answered(&mock, "GetAuthorizationToken"), 3);
    let other = User::new(&mock);
    ca(&other, &mock, &login(&["npm"], &["--dry-run"]), &[]);
    assert!(!other.home().join("cache/codeartifact/tokens").exists());
}

#[test]
fn tokens_are_reused_only_in_the_first_half_of_their_life() {
    let (mock, _admin) = mock_with_options(&["--min-token-duration", "1"], &[("repo", &[])]);
    let user = User::new(&mock);
    let (code, out, err) = ca(
        &user,
        &mock,
        &login(&["npm"], &["--duration-seconds", "120"]),
        &[],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Login expires in 2 minutes at "), "{out}");
    ca(
        &user,
        &mock,
        &login(&["npm"], &["--duration-seconds", "120"]),
        &[],
    );
    assert_eq!(answered(&mock, "GetAuthorizationToken"), 1);
    // Another duration is another key.
    ca(
        &user,
        &mock,
        &login(&["npm"], &["--duration-seconds", "2"]),
        &[],
    );
    assert_eq!(answered(&mock, "GetAuthorizationToken"), 2);
    std::thread::sleep(Duration::from_millis(1100));
    ca(
        &user,
        &mock,
        &login(&["npm"], &["--duration-seconds", "2"]),
        &[],
    );
    assert_eq!(
        answered(&mock, "GetAuthorizationToken"),
        3,
        "half of its 2 seconds is gone"
    );
}

#[test]
fn the_emulator_issues_short_tokens_on_request_and_refuses_them_once_expired() {
    // By default, as the service: nothing under 900 seconds.
    let (mock, admin) = mock_with(&[("repo", &[])]);
    let err = mock.aws_err(
        &[
            "get-authorization-token",
            "--domain",
            DOMAIN,
            "--duration-seconds",
            "2",
        ],
        "ValidationException",
    );
    assert!(err.contains("between 900 and 43200"), "{err}");
    drop((mock, admin));

    let (mock, admin) = mock_with_options(
        &["--min-token-duration", "1", "--max-token-duration", "600"],
        &[("repo", &[])],
    );
    // The token's lifetime from its expiration: between the request and the answer, plus the
    // duration.
    let lifetime = |args: &[&str]| {
        let before = chrono::Utc::now().timestamp_millis();
        let t = admin.ca(&[&["get-authorization-token", "--domain", DOMAIN][..], args].concat());
        let after = chrono::Utc::now().timestamp_millis();
        let e = chrono::DateTime::parse_from_rfc3339(t["expiration"].as_str().unwrap())
            .unwrap()
            .timestamp_millis();
        ((e - after) / 1000, (e - before) / 1000, t)
    };
    // Without a duration, or with more than the maximum: the maximum.
    for args in [&[][..], &["--duration-seconds", "43200"]] {
        let (low, high, t) = lifetime(args);
        assert!(low <= 600 && high >= 599, "{t}");
    }
    let (low, high, short) = lifetime(&["--duration-seconds", "3"]);
    assert!(low <= 3 && high >= 2, "{short}");
    let token = short["authorizationToken"].as_str().unwrap();
    let path = format!("{}-/ping", endpoint_path("npm", "repo"));
    assert_eq!(
        authed(&mock, "GET", &path, Some(&bearer(token)), b"").0,
        200
    );
    std::thread::sleep(Duration::from_millis(3500));
    let (status, headers, body) = authed(&mock, "GET", &path, Some(&bearer(token)), b"");
    assert_eq!(status, 401);
    assert!(header(&headers, "www-authenticate").is_some());
    assert!(String::from_utf8_lossy(&body).contains("expired"));
}
