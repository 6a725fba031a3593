//! Failures before and around a call: each gets the AWS CLI's words on stderr, nothing on stdout,
//! and the exit code DESIGN.md gives (252 usage, 253 configuration, 254 service, 255 other).

mod common;

use std::process::{Command, Output, Stdio};

/// The binary with a clean environment: no AWS configuration unless the test adds it.
fn bare(home: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_codeartifact"));
    c.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("AWS_CONFIG_FILE", home.join("config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("credentials"))
        .env("AWS_EC2_METADATA_DISABLED", "true");
    c
}

fn check(o: &Output, code: i32, stderr_has: &str) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(code), "stderr: {err}");
    assert!(
        err.contains(stderr_has),
        "expected {stderr_has:?} in stderr: {err}"
    );
    assert!(
        o.stdout.is_empty(),
        "stdout: {}",
        String::from_utf8_lossy(&o.stdout)
    );
}

#[test]
fn missing_region_and_credentials_are_configuration_errors() {
    let home = tempfile::tempdir().unwrap();
    let o = bare(home.path())
        .args([
            "describe-domain",
            "--domain",
            "dd",
            "--endpoint-url",
            "http://127.0.0.1:9",
        ])
        .env("AWS_ACCESS_KEY_ID", "a")
        .env("AWS_SECRET_ACCESS_KEY", "b")
        .output()
        .unwrap();
    check(&o, 253, "You must specify a region");
    // The AWS CLI's sentence, then every way to give one.
    check(&o, 253, "--region REGION, set AWS_REGION, or add --local");
    let o = bare(home.path())
        .args([
            "describe-domain",
            "--domain",
            "dd",
            "--endpoint-url",
            "http://127.0.0.1:9",
            "--region",
            "us-east-1",
        ])
        .output()
        .unwrap();
    check(&o, 253, "Unable to locate credentials");
}

#[test]
fn unreachable_endpoint_names_the_url() {
    let home = tempfile::tempdir().unwrap();
    // A port nothing listens on: bind one, then free it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let o = bare(home.path())
        .args([
            "describe-domain",
            "--domain",
            "dd",
            "--region",
            "us-east-1",
            "--endpoint-url",
            &url,
        ])
        .env("AWS_ACCESS_KEY_ID", "a")
        .env("AWS_SECRET_ACCESS_KEY", "b")
        .output()
        .unwrap();
    check(
        &o,
        255,
        &format!("Could not connect to the endpoint URL: \"{url}/v1/domain?domain=dd\""),
    );
}

#[test]
fn profile_settings_choose_output_and_timestamps() {
    let mock = common::Mock::deterministic();
    let env = common::aws_env();
    let run = |args: &[&str], config: &str| {
        std::fs::write(env.home().join("profile-config"), config).unwrap();
        let mut c = Command::new(env!("CARGO_BIN_EXE_codeartifact"));
        env.apply(&mut c);
        c.env("AWS_CONFIG_FILE", env.home().join("profile-config"));
        c.args(args)
            .args(["--endpoint-url", &mock.url])
            .output()
            .unwrap()
    };
    let o = run(
        &["create-domain", "--domain", "dd"],
        "[default]\nregion = us-east-1\noutput = text\n",
    );
    let text = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(text.starts_with("DOMAIN\t"), "{text}");
    assert!(
        text.contains("2024-01-01T00:00:00+00:00"),
        "iso8601 is the default: {text}"
    );
    let o = run(
        &[
            "describe-domain",
            "--domain",
            "dd",
            "--query",
            "domain.createdTime",
        ],
        "[default]\nregion = us-east-1\ncli_timestamp_format = none\n",
    );
    // What AWS CLI v1 prints for the same setting and response.
    let mut aws = Command::new(common::aws_bin());
    env.apply(&mut aws);
    aws.env("AWS_CONFIG_FILE", env.home().join("profile-config"));
    let expected = aws
        .args([
            "codeartifact",
            "describe-domain",
            "--domain",
            "dd",
            "--query",
            "domain.createdTime",
        ])
        .args(["--endpoint-url", &mock.url])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&expected.stdout)
    );
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "1704067200.0");
    let o = run(
        &["describe-domain", "--domain", "dd"],
        "[default]\nregion = us-east-1\noutput = xml\n",
    );
    check(&o, 253, "Invalid output format");
}

#[test]
fn bad_query_and_bad_output_are_usage_errors() {
    let home = tempfile::tempdir().unwrap();
    let o = bare(home.path())
        .args([
            "list-domains",
            "--query",
            "domains[",
            "--region",
            "us-east-1",
        ])
        .output()
        .unwrap();
    check(&o, 252, "Bad value for --query");
    let o = bare(home.path())
        .args(["list-domains", "--output", "xml"])
        .output()
        .unwrap();
    check(&o, 252, "xml");
    let o = bare(home.path())
        .args(["no-such-operation"])
        .output()
        .unwrap();
    check(&o, 252, "no-such-operation");
}

#[test]
fn argument_mistakes_read_alike_and_say_everything_at_once() {
    let home = tempfile::tempdir().unwrap();
    let usage = "usage: codeartifact [options] <command> [parameters]\n";
    // Caught by clap, and by our own checks: one style, the AWS CLI's.
    for (args, says) in [
        (
            vec!["list-domain"],
            "codeartifact: error: unrecognized subcommand 'list-domain'\n\n  tip: some similar subcommands exist: 'list-domains', ",
        ),
        (
            vec!["list-domains", "--nope"],
            "codeartifact: error: unexpected argument '--nope' found",
        ),
        (
            vec!["list-domains", "--max-items", "x"],
            "codeartifact: error: argument --max-items: invalid int value: 'x'",
        ),
        (
            vec!["describe-domain"],
            "codeartifact: error: the following arguments are required: --domain",
        ),
        // Everything login misses, before any complaint about the (absent) region.
        (
            vec!["login", "--tool", "npm"],
            "codeartifact: error: the following arguments are required: --domain, --repository",
        ),
        (
            vec!["login"],
            "the following arguments are required: --tool, --domain, --repository",
        ),
    ] {
        let o = bare(home.path()).args(&args).output().unwrap();
        check(&o, 252, says);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.starts_with(usage), "{args:?}: {err}");
        assert!(
            !err.contains("Usage:") && !err.contains("For more information"),
            "{err}"
        );
    }
}

#[test]
fn help_in_the_aws_cli_manner_and_version() {
    let home = tempfile::tempdir().unwrap();
    for args in [
        vec!["list-domains", "help"],
        vec!["list-domains", "--help"],
        vec!["--help"],
    ] {
        let o = bare(home.path()).args(&args).output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        assert!(
            String::from_utf8_lossy(&o.stdout).contains("Usage"),
            "{args:?}"
        );
    }
    let o = bare(home.path()).arg("--version").output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        format!("codeartifact {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let mock = common::Mock::start();
    let env = common::aws_env();
    let mut c = Command::new(env!("CARGO_BIN_EXE_codeartifact"));
    env.apply(&mut c);
    c.args([
        "create-domain",
        "--domain",
        "pipe",
        "--endpoint-url",
        &mock.url,
    ])
    .output()
    .unwrap();
    let mut c = Command::new(env!("CARGO_BIN_EXE_codeartifact"));
    env.apply(&mut c);
    let mut child = c
        .args([
            "describe-domain",
            "--domain",
            "pipe",
            "--endpoint-url",
            &mock.url,
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away before we print
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
