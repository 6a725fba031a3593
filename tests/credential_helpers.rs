//! The credential helpers with the real clients against `codeartifact mock serve`: cargo through
//! `codeartifact --cargo-plugin` (login's default for cargo), pip and uv through the `keyring`
//! command, with no token in any file they read, and still working once the first token has
//! expired (the emulator issues tokens of a few seconds: `--min-token-duration` lets
//! `--duration-seconds 4` through, `--max-token-duration` caps what pip and uv get).
//! Then the token cache under concurrency: providers racing on a cold cache share one token.

mod common;
mod dataplane_support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use dataplane_support::*;
use serde_json::{Value, json};

/// Every token in `user`'s token cache, newest first: (token, expiry in epoch seconds).
fn cached_tokens(user: &User) -> Vec<(String, i64)> {
    let dir = user.home().join("cache/codeartifact/tokens");
    let mut out: Vec<(String, i64, i64)> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let v: Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
            (
                v["token"].as_str().unwrap().to_string(),
                v["expires"].as_i64().unwrap(),
                v["issued_ms"].as_i64().unwrap(),
            )
        })
        .collect();
    out.sort_by_key(|(_, _, issued)| -issued);
    out.into_iter().map(|(t, e, _)| (t, e)).collect()
}

/// Sleeps until `expires` (epoch seconds, the whole seconds of the expiry: the cache keeps the
/// fraction apart) is past, with the fraction and a margin.
fn wait_past(expires: i64) {
    let now = chrono::Utc::now().timestamp_millis();
    let wait = expires * 1000 + 1300 - now;
    assert!(wait < 10_000, "a token of a few seconds was expected");
    if wait > 0 {
        std::thread::sleep(Duration::from_millis(wait as u64));
    }
}

/// Every file under `dir` (not following links), except those under `skip`.
fn files(dir: &Path, skip: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.starts_with(skip) {
            continue;
        }
        if p.is_dir() && !p.is_symlink() {
            out.extend(files(&p, skip));
        } else if p.is_file() {
            out.push(p);
        }
    }
    out
}

/// No file of `user` but the token cache holds any of `tokens`.
fn assert_no_token_on_disk(user: &User, tokens: &[(String, i64)]) {
    assert!(!tokens.is_empty());
    for f in files(user.home(), &user.home().join("cache/codeartifact")) {
        let text = String::from_utf8_lossy(&std::fs::read(&f).unwrap_or_default()).into_owned();
        for (t, _) in tokens {
            assert!(!text.contains(t.as_str()), "{} holds a token", f.display());
        }
    }
}

#[test]
fn cargo_publishes_fetches_and_builds_through_the_provider_also_after_the_token_expired() {
    let (mock, _admin) = mock_with_options(&["--min-token-duration", "1"], &[("crates", &[])]);
    let user = User::new(&mock);
    let work = user.home().join("work");
    std::fs::create_dir_all(&work).unwrap();
    // Tokens of 4 seconds: the provider asks for another once 2 have passed.
    user.login("cargo", "crates", &["--duration-seconds", "4"], &work);
    let config = std::fs::read_to_string(user.home().join(".cargo/config.toml")).unwrap();
    assert!(
        config.contains(&format!(
            "credential-provider = [\"{}\", \"--duration-seconds\", \"4\"]",
            env!("CARGO_BIN_EXE_codeartifact")
        )),
        "{config}"
    );
    assert!(!user.home().join(".cargo/credentials.toml").exists());

    let base = work.join("tk-base");
    let manifest = |version: &str| {
        format!(
            "[package]\nname = \"tk-base\"\nversion = \"{version}\"\nedition = \"2021\"\n\
             description = \"the base\"\nlicense = \"MIT\"\n"
        )
    };
    write_crate(
        &base,
        &manifest("0.1.0"),
        "pub fn base() -> &'static str { \"first\" }\n",
    );
    user.run(
        cargo(&user, &base).args(["publish", "--registry", "codeartifact"]),
        "cargo publish",
    );
    let app = work.join("app");
    write_app(&app);
    user.run(cargo(&user, &app).arg("fetch"), "cargo fetch");
    let out = user.run(
        cargo(&user, &app).args(["run", "--quiet", "--offline"]),
        "cargo build and run",
    );
    assert!(out.contains("first"), "{out}");
    assert_no_token_on_disk(&user, &cached_tokens(&user));

    // The token expires; the repository refuses it; cargo carries on with a new one.
    let (first, expires) = cached_tokens(&user)[0].clone();
    wait_past(expires);
    let config_json = format!("{}config.json", endpoint_path("cargo", "crates"));
    assert_eq!(authed(&mock, "GET", &config_json, Some(&first), b"").0, 401);
    let calls = answered(&mock, "GetAuthorizationToken");
    std::fs::write(base.join("Cargo.toml"), manifest("0.1.1")).unwrap();
    std::fs::write(
        base.join("src/lib.rs"),
        "pub fn base() -> &'static str { \"second\" }\n",
    )
    .unwrap();
    user.run(
        cargo(&user, &base).args(["publish", "--registry", "codeartifact", "--allow-dirty"]),
        "cargo publish after expiry",
    );
    user.run(
        cargo(&user, &app).arg("update"),
        "cargo update after expiry",
    );
    let out = user.run(
        cargo(&user, &app).args(["run", "--quiet"]),
        "cargo run after expiry",
    );
    assert!(out.contains("second"), "{out}");
    assert!(answered(&mock, "GetAuthorizationToken") > calls);
    assert_ne!(cached_tokens(&user)[0].0, first);
    assert_no_token_on_disk(&user, &cached_tokens(&user));
}

/// The request cargo sends for reading from `repo`.
fn read_request(mock: &Mock, repo: &str, args: &[&str]) -> String {
    json!({"v": 1, "kind": "get", "operation": "read", "args": args,
           "registry": {"index-url": format!("sparse+{}", endpoint(mock, "cargo", repo)),
                        "name": "codeartifact"}})
    .to_string()
}

/// Starts `codeartifact --cargo-plugin` as `user` with `request` on stdin.
fn start_provider(user: &User, request: &str, env: &[(&str, &str)]) -> std::process::Child {
    let mut child = user
        .command(env!("CARGO_BIN_EXE_codeartifact"))
        .arg("--cargo-plugin")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{request}").unwrap();
    child
}

/// The token a provider answered with (after its hello).
fn provider_token(child: std::process::Child) -> String {
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(r#"{"v":[1]}"#));
    let answer: Value = serde_json::from_str(lines.next().unwrap()).unwrap();
    let ok = &answer["Ok"];
    assert_eq!(ok["kind"], "get", "{answer}");
    assert_eq!(ok["cache"], "expires");
    assert_eq!(ok["operation_independent"], true);
    assert!(ok["expiration"].as_i64().unwrap() > chrono::Utc::now().timestamp());
    ok["token"].as_str().unwrap().to_string()
}

#[test]
fn providers_racing_on_a_cold_cache_share_one_token_and_identities_never_do() {
    use std::os::unix::fs::PermissionsExt;
    let (mock, _admin) = mock_with(&[("crates", &[])]);
    let user = User::new(&mock);
    let request = read_request(&mock, "crates", &[]);
    let children: Vec<_> = (0..8)
        .map(|_| start_provider(&user, &request, &[]))
        .collect();
    let tokens: Vec<String> = children.into_iter().map(provider_token).collect();
    assert!(tokens.iter().all(|t| *t == tokens[0]), "{tokens:?}");
    assert_eq!(
        answered(&mock, "GetAuthorizationToken"),
        1,
        "one fetch for eight racing providers"
    );
    let dir = user.home().join("cache/codeartifact/tokens");
    assert_eq!(
        std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
        0o700
    );
    let entries: Vec<PathBuf> = files(&dir, Path::new("/nonexistent"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    assert_eq!(entries.len(), 1);
    assert_eq!(
        std::fs::metadata(&entries[0]).unwrap().permissions().mode() & 0o777,
        0o600
    );

    // Another access key is another identity, a profile another one again; each keeps its
    // own token, and the first one's is still reused.
    let other_key = provider_token(start_provider(
        &user,
        &request,
        &[("AWS_ACCESS_KEY_ID", "AKIDMOCKOTHER0000000")],
    ));
    std::fs::write(
        user.home().join("aws-config"),
        "[default]\nregion = us-east-1\n[profile second]\nregion = us-east-1\n",
    )
    .unwrap();
    let profile = provider_token(start_provider(
        &user,
        &read_request(&mock, "crates", &["--profile", "second"]),
        &[],
    ));
    assert_ne!(other_key, tokens[0]);
    assert_ne!(profile, tokens[0]);
    assert_ne!(profile, other_key);
    assert_eq!(answered(&mock, "GetAuthorizationToken"), 3);
    assert_eq!(
        provider_token(start_provider(&user, &request, &[])),
        tokens[0]
    );
    assert_eq!(answered(&mock, "GetAuthorizationToken"), 3);

    // Turned off, by option or by environment: a token of its own each time.
    let fresh = provider_token(start_provider(
        &user,
        &read_request(&mock, "crates", &["--no-token-cache"]),
        &[],
    ));
    let fresh2 = provider_token(start_provider(
        &user,
        &request,
        &[("CODEARTIFACT_NO_TOKEN_CACHE", "1")],
    ));
    assert!(fresh != tokens[0] && fresh2 != tokens[0] && fresh != fresh2);
    assert_eq!(answered(&mock, "GetAuthorizationToken"), 5);

    // A corrupt entry is ignored and replaced.
    std::fs::write(&entries[0], "{\"version\": 1, \"token\": ").unwrap();
    let replaced = provider_token(start_provider(&user, &request, &[]));
    assert_ne!(replaced, tokens[0]);
    assert_eq!(answered(&mock, "GetAuthorizationToken"), 6);
    let v: Value = serde_json::from_slice(&std::fs::read(&entries[0]).unwrap()).unwrap();
    assert_eq!(v["token"], replaced.as_str());

    // Errors reach cargo as messages; other registries are not ours.
    let out = provider_output(&user, &read_request(&mock, "no-such-repo", &[]));
    assert_eq!(out["Ok"]["kind"], "get", "a token is for the domain: {out}");
    let wrong_domain = json!({"v": 1, "kind": "get", "operation": "read",
        "registry": {"index-url": format!("sparse+{}/cargo/d/nodom-{OWNER}/crates/", mock.url)}});
    let out = provider_output(&user, &wrong_domain.to_string());
    assert_eq!(out["Err"]["kind"], "other");
    let message = out["Err"]["message"].as_str().unwrap();
    assert!(
        message.contains("domain nodom") && message.contains("ResourceNotFoundException"),
        "{message}"
    );
    let crates_io = json!({"v": 1, "kind": "get", "operation": "read",
        "registry": {"index-url": "sparse+https://index.crates.io/", "name": "crates-io"}});
    assert_eq!(
        provider_output(&user, &crates_io.to_string()),
        json!({"Err": {"kind": "url-not-supported"}})
    );
}

/// The answer of a provider to `request` (whatever it is).
fn provider_output(user: &User, request: &str) -> Value {
    let out = start_provider(user, request, &[])
        .wait_with_output()
        .unwrap();
    assert!(out.status.success(), "the provider always exits 0");
    let text = String::from_utf8(out.stdout).unwrap();
    serde_json::from_str(text.lines().nth(1).unwrap()).unwrap()
}

#[test]
fn pip_and_uv_install_through_the_keyring_also_after_the_token_expired() {
    let twine = client(".ci/pyclients/bin/twine");
    let pip = client(".ci/pyclients/bin/pip");
    let uv = client(".ci/pyclients/bin/uv");
    let python = client(".ci/pyclients/bin/python");
    let (mock, _admin) = mock_with_options(&["--max-token-duration", "4"], &[("py", &[])]);

    let publisher = User::new(&mock);
    let work = publisher.home().join("work");
    build_project(&publisher, &work, "tk-snake", "1.0", &[]);
    publisher.login("twine", "py", &[], &work);
    publisher.run(
        publisher
            .command(&twine)
            .args(["upload", "--non-interactive", "--disable-progress-bar"])
            .args(["--repository", "codeartifact"])
            .arg(work.join("dist/tk_snake-1.0-py3-none-any.whl")),
        "twine upload",
    );

    // The link goes first on PATH, before the clients' virtualenv and its real keyring.
    let user = User::new(&mock);
    let bin = user.home().join("bin");
    let path = std::env::join_paths(
        [bin.clone(), python.parent().unwrap().to_path_buf()]
            .into_iter()
            .chain(std::env::split_paths(
                &std::env::var_os("PATH").unwrap_or_default(),
            )),
    )
    .unwrap();
    let installed = user.run(
        user.command(env!("CARGO_BIN_EXE_codeartifact"))
            .args(["keyring", "install", "--dir"])
            .arg(&bin)
            .env("PATH", &path),
        "keyring install",
    );
    assert!(installed.contains("Installed"), "{installed}");
    assert!(!installed.contains("warning"), "{installed}");

    user.login("pip", "py", &["--keyring"], user.home());
    user.login("uv", "py", &["--keyring"], user.home());
    let pip_conf = std::fs::read_to_string(user.home().join(".config/pip/pip.conf")).unwrap();
    let index = format!(
        "{}simple/",
        endpoint(&mock, "pypi", "py").replace("http://", "http://aws@")
    );
    assert!(
        pip_conf.contains(&format!("index-url = {index}")),
        "{pip_conf}"
    );
    assert!(
        pip_conf.contains("keyring-provider = subprocess"),
        "{pip_conf}"
    );
    let uv_toml = std::fs::read_to_string(user.home().join(".config/uv/uv.toml")).unwrap();
    assert!(uv_toml.contains(&format!("url = \"{index}\"")), "{uv_toml}");
    assert!(
        uv_toml.contains("keyring-provider = \"subprocess\""),
        "{uv_toml}"
    );

    let install = |round: &str| {
        let site = user.home().join(format!("pip-{round}"));
        user.run(
            user.command(&pip)
                .env("PATH", &path)
                .args(["install", "--no-cache-dir", "--target"])
                .arg(&site)
                .arg("tk-snake==1.0"),
            &format!("pip install ({round})"),
        );
        assert!(site.join("tk_snake/__init__.py").exists());
        let site = user.home().join(format!("uv-{round}"));
        user.run(
            user.command(&uv)
                .env("PATH", &path)
                .args(["pip", "install", "--no-cache", "--python"])
                .arg(&python)
                .arg("--target")
                .arg(&site)
                .arg("tk-snake==1.0"),
            &format!("uv pip install ({round})"),
        );
        assert!(site.join("tk_snake/__init__.py").exists());
    };
    install("first");
    let tokens = cached_tokens(&user);
    assert_no_token_on_disk(&user, &tokens);

    let (first, expires) = tokens[0].clone();
    wait_past(expires);
    let simple = format!("{}simple/tk-snake/", endpoint_path("pypi", "py"));
    let basic = |t: &str| {
        use base64::Engine;
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("aws:{t}"))
        )
    };
    assert_eq!(
        authed(&mock, "GET", &simple, Some(&basic(&first)), b"").0,
        401
    );
    install("after-expiry");
    assert_ne!(cached_tokens(&user)[0].0, first);
    assert_no_token_on_disk(&user, &cached_tokens(&user));

    // Other URLs go to the next keyring on PATH, and to none when there is none.
    let real = user.home().join("real");
    std::fs::create_dir_all(&real).unwrap();
    std::fs::write(
        real.join("keyring"),
        "#!/bin/sh\necho \"real keyring: $*\"\n",
    )
    .unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(real.join("keyring"), std::fs::Permissions::from_mode(0o755))
            .unwrap();
    }
    let chained = std::env::join_paths([&bin, &real]).unwrap();
    let out = user.run(
        user.command(bin.join("keyring"))
            .env("PATH", &chained)
            .args(["get", "https://pypi.org/simple/", "someone"]),
        "keyring for another index",
    );
    assert!(
        out.contains("real keyring: get https://pypi.org/simple/ someone"),
        "{out}"
    );
    let alone = user
        .command(bin.join("keyring"))
        .env("PATH", &bin)
        .args(["get", "https://pypi.org/simple/", "someone"])
        .output()
        .unwrap();
    assert_eq!(alone.status.code(), Some(1));
    assert!(alone.stdout.is_empty());
    // uv's form answers the user name too.
    let creds = user.run(
        user.command(bin.join("keyring")).env("PATH", &bin).args([
            "get",
            &endpoint(&mock, "pypi", "py"),
            "--mode",
            "creds",
        ]),
        "keyring --mode creds",
    );
    assert!(creds.starts_with("aws\n"), "{creds}");

    // A keyring of someone else's is never replaced.
    let refused = user
        .command(env!("CARGO_BIN_EXE_codeartifact"))
        .args(["keyring", "install", "--dir"])
        .arg(&real)
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("left alone"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    assert!(
        std::fs::read_to_string(real.join("keyring"))
            .unwrap()
            .contains("real keyring")
    );
}
