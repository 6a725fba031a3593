//! Fuzz target: the real binary and everything it reads from outside, against `mock serve`:
//! arguments (any operation, global options and their values, `--query`, `--output`,
//! `--endpoint-url`, `file://` and `--cli-input-json` of files with random content), environment
//! variables (AWS_ENDPOINT_URL*, AWS_DEFAULT_OUTPUT, AWS_PROFILE, AWS_CA_BUNDLE, RUST_LOG...), the
//! AWS config file (`output`, `cli_timestamp_format`, `region`, broken syntax) and login's files.
//!
//! Property: the process ends by itself with one of the documented exit codes (0, 252-255), never
//! a panic (101, or the catch-all's "internal error" report) or a signal. Each case is a process,
//! so it runs a 50th of `CODEARTIFACT_FUZZ_CASES` (`bench/fuzz.sh`: 2,000).

mod common;
mod fuzz_support;

use std::path::Path;
use std::process::Command;

use proptest::prelude::*;

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z0-9._/@:=,\\-]{0,12}",
        1 => Just(String::new()),
        1 => prop_oneof![
            Just("http://"), Just("x:y"), Just("https://[::1"), Just("-1"), Just("1e400"), Just("nan"),
            Just("{}"), Just("[]"), Just("{\"a\":"), Just("a=b,c={d=[e]}"), Just("file://param"),
            Just("fileb://param"), Just("file:///nonexistent"), Just("`"), Just("@"),
        ]
        .prop_map(str::to_string),
        1 => (0usize..70_000).prop_map(|n| "a".repeat(n)),
        1 => "[^\\x00]{0,16}",
    ]
}

fn option() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("--domain"),
        Just("--repository"),
        Just("--domain-owner"),
        Just("--format"),
        Just("--package"),
        Just("--namespace"),
        Just("--package-version"),
        Just("--package-prefix"),
        Just("--max-results"),
        Just("--query"),
        Just("--output"),
        Just("--endpoint-url"),
        Just("--region"),
        Just("--profile"),
        Just("--max-items"),
        Just("--starting-token"),
        Just("--page-size"),
        Just("--cli-input-json"),
        Just("--generate-cli-skeleton"),
        Just("--color"),
        Just("--cli-read-timeout"),
        Just("--cli-connect-timeout"),
        Just("--tags"),
        Just("--upstreams"),
        Just("--tool"),
        Just("--dry-run"),
        Just("--show-token"),
        Just("--export"),
        Just("--scope"),
        Just("--duration-seconds"),
        Just("--no-paginate"),
        Just("--debug"),
        Just("--ca-bundle"),
        Just("--no-verify-ssl"),
        Just("--yes"),
        Just("--extra-index"),
    ]
    .prop_map(str::to_string)
}

fn command() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("list-domains"),
        Just("describe-domain"),
        Just("create-domain"),
        Just("list-packages"),
        Just("list-repositories"),
        Just("get-authorization-token"),
        Just("create-repository"),
        Just("describe-package-version"),
        Just("list-package-versions"),
        Just("tag-resource"),
        Just("get-repository-endpoint"),
        Just("login"),
        Just("logout"),
        Just("put-domain-permissions-policy"),
        Just("publish-package-version"),
        Just("bogus-command"),
        Just("help"),
    ]
    .prop_map(str::to_string)
}

#[derive(Debug, Clone)]
struct Case {
    command: String,
    args: Vec<(String, Option<String>)>,
    env: Vec<(String, String)>,
    config: String,
    param_file: String,
}

fn case() -> impl Strategy<Value = Case> {
    (
        command(),
        prop::collection::vec((option(), prop::option::weighted(0.85, value())), 0..6),
        prop::collection::vec(
            (
                prop_oneof![
                    Just("AWS_ENDPOINT_URL"),
                    Just("AWS_ENDPOINT_URL_CODEARTIFACT"),
                    Just("AWS_DEFAULT_OUTPUT"),
                    Just("AWS_PROFILE"),
                    Just("AWS_CA_BUNDLE"),
                    Just("RUST_LOG"),
                    Just("AWS_REGION"),
                    Just("AWS_MAX_ATTEMPTS"),
                    Just("NPM_CONFIG_USERCONFIG"),
                    Just("PIP_CONFIG_FILE"),
                    Just("CARGO_HOME"),
                ],
                value(),
            ),
            0..3,
        ),
        prop::collection::vec(
            prop_oneof![
                Just("[default]"),
                Just("[profile p]"),
                Just("output = text"),
                Just("output = bogus"),
                Just("cli_timestamp_format = none"),
                Just("cli_timestamp_format = wrong"),
                Just("region ="),
                Just("region = us-east-1"),
                Just("[broken"),
                Just("= x"),
                Just("  continued"),
                Just("endpoint_url ="),
                Just("max_attempts = x"),
            ],
            0..6,
        )
        .prop_map(|lines| lines.join("\n")),
        "[^\\x00]{0,60}",
    )
        .prop_map(|(command, args, env, config, param_file)| Case {
            command,
            args,
            env: env.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
            config,
            param_file,
        })
}

fn run(case: &Case, url: &str, home: &Path) -> Result<(), TestCaseError> {
    std::fs::write(
        home.join("config"),
        format!("[default]\nregion = us-east-1\n{}\n", case.config),
    )
    .expect("write the AWS config");
    std::fs::write(home.join("param"), &case.param_file).expect("write the parameter file");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_codeartifact"));
    cmd.env_clear()
        .current_dir(home)
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("AWS_CONFIG_FILE", home.join("config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("credentials"))
        .env("AWS_ACCESS_KEY_ID", "AKIDFUZZ")
        .env("AWS_SECRET_ACCESS_KEY", "fuzz-secret")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_ENDPOINT_URL", url)
        .stdin(std::process::Stdio::null());
    for (k, v) in &case.env {
        // Only loopback: an endpoint of the case's own is the mock's address with its text as path.
        let v = if k.starts_with("AWS_ENDPOINT_URL") && !v.is_empty() {
            format!("{url}/{v}")
        } else {
            v.clone()
        };
        cmd.env(k, v);
    }
    cmd.arg(&case.command);
    for (opt, v) in &case.args {
        cmd.arg(opt);
        if let Some(v) = v {
            let v = if opt == "--endpoint-url"
                && v.contains("://")
                && !v.starts_with("http://127.0.0.1")
            {
                format!("{url}/{}", v.replace("://", "_"))
            } else {
                v.clone()
            };
            cmd.arg(v);
        }
    }
    cmd.args(["--cli-connect-timeout", "2", "--cli-read-timeout", "5"]);
    let out = cmd.output().expect("run codeartifact");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let code = out.status.code();
    prop_assert!(
        matches!(code, Some(0 | 252..=255))
            && !stderr.contains("internal error")
            && !stderr.contains("panicked"),
        "exit {code:?}\n{stderr}"
    );
    Ok(())
}

#[test]
fn the_binary_never_panics_on_any_input() {
    let mock = common::Mock::start();
    let home = tempfile::tempdir().expect("temp dir");
    fuzz_support::run_processes("cli", 150, case(), |c| run(&c, &mock.url, home.path()));
}
