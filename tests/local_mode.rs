//! `--local` / CODEARTIFACT_LOCAL: every command works with no AWS account, against the running
//! `mock serve` on the default data dir when there is one, else an in-process emulator over the
//! same data. (The emulator behind the default address, and `mock start`: mock_lifecycle.rs.)
//!
//! Each HOME gets its own default address (`CODEARTIFACT_MOCK_LISTEN`, a port nobody serves), so
//! `--local` here never finds another test's emulator nor a user's on 127.0.0.1:8480.

mod common;

use std::process::{Command, Output};

fn local(home: &std::path::Path, args: &[&str]) -> Output {
    local_command(home, args).output().unwrap()
}

fn local_command(home: &std::path::Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_codeartifact"));
    c.args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("CODEARTIFACT_MOCK_LISTEN", default_address(home))
        .env("CODEARTIFACT_LOCAL", "1")
        .env("AWS_EC2_METADATA_DISABLED", "true");
    c
}

/// The default address for `home`'s commands: a free port, kept in the HOME so every command of
/// a test agrees on it.
fn default_address(home: &std::path::Path) -> String {
    let file = home.join("default-address");
    if let Ok(a) = std::fs::read_to_string(&file) {
        return a;
    }
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let a = listener.local_addr().unwrap().to_string();
    std::fs::write(&file, &a).unwrap();
    a
}

fn stdout(o: &Output) -> String {
    assert!(
        o.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn concurrent_local_commands_share_the_in_process_emulator_data() {
    let home = tempfile::tempdir().unwrap();
    default_address(home.path()); // chosen once, before the commands race
    let children: Vec<_> = (0..4)
        .map(|i| {
            let home = home.path().to_path_buf();
            std::thread::spawn(move || {
                local(&home, &["create-domain", "--domain", &format!("dom-{i}")])
            })
        })
        .collect();
    for c in children {
        stdout(&c.join().unwrap());
    }
    let names = stdout(&local(
        home.path(),
        &[
            "list-domains",
            "--query",
            "sort(domains[].name)",
            "--output",
            "text",
        ],
    ));
    assert_eq!(names.trim(), "dom-0\tdom-1\tdom-2\tdom-3");
    // The data persisted under the default data dir.
    assert!(
        home.path()
            .join(".local/share/codeartifact/mock/codeartifact.sqlite3")
            .exists()
    );
}

#[test]
fn local_uses_the_running_server_on_the_default_data_dir() {
    let home = tempfile::tempdir().unwrap();
    let data_dir = home.path().join(".local/share/codeartifact/mock");
    let mock = common::Mock::start_with(&data_dir, &[]);
    stdout(&local(
        home.path(),
        &["create-domain", "--domain", "served"],
    ));
    assert!(
        mock.requests() >= 1,
        "the request went to the running server"
    );
    stdout(&local(
        home.path(),
        &[
            "create-repository",
            "--domain",
            "served",
            "--repository",
            "repo",
        ],
    ));
    let endpoint = stdout(&local(
        home.path(),
        &[
            "get-repository-endpoint",
            "--domain",
            "served",
            "--repository",
            "repo",
            "--format",
            "npm",
            "--query",
            "repositoryEndpoint",
            "--output",
            "text",
        ],
    ));
    assert_eq!(
        endpoint.trim(),
        format!("{}/npm/d/served-111122223333/repo/", mock.url)
    );
    let out = local(
        home.path(),
        &[
            "describe-domain",
            "--domain",
            "served",
            "--query",
            "domain.name",
            "--output",
            "text",
        ],
    );
    assert_eq!(stdout(&out).trim(), "served");
}

/// Endpoints written by an in-process `--local` command name the address `mock serve` listens on
/// by default, and that address stays the same across restarts: a `--local login` keeps working
/// once the server runs.
#[test]
fn local_endpoints_point_at_the_default_mock_serve_address() {
    let home = tempfile::tempdir().unwrap();
    stdout(&local(home.path(), &["create-domain", "--domain", "dom"]));
    stdout(&local(
        home.path(),
        &[
            "create-repository",
            "--domain",
            "dom",
            "--repository",
            "repo",
        ],
    ));
    let endpoint = stdout(&local(
        home.path(),
        &[
            "get-repository-endpoint",
            "--domain",
            "dom",
            "--repository",
            "repo",
            "--format",
            "npm",
            "--output",
            "text",
        ],
    ));
    let address = default_address(home.path());
    assert_eq!(
        endpoint.trim(),
        format!("http://{address}/npm/d/dom-111122223333/repo/")
    );

    // `mock serve` with no --listen, on the same (default) data dir, serves exactly there.
    let mut serve = Command::new(env!("CARGO_BIN_EXE_codeartifact"))
        .args(["mock", "serve"])
        .env_clear()
        .env("HOME", home.path())
        .env("CODEARTIFACT_MOCK_LISTEN", &address)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(serve.stdout.take().unwrap()),
        &mut line,
    )
    .unwrap();
    let listed = Command::new(env!("CARGO_BIN_EXE_codeartifact"))
        .args([
            "list-domains",
            "--query",
            "domains[].name",
            "--output",
            "text",
        ])
        .args(["--endpoint-url", &format!("http://{address}")])
        .env_clear()
        .env("HOME", home.path())
        .env("AWS_ACCESS_KEY_ID", "AKID")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        // The region --local uses: domains live in the region they were created in.
        .env("AWS_REGION", "us-east-1")
        .output()
        .unwrap();
    let second = Command::new(env!("CARGO_BIN_EXE_codeartifact"))
        .args(["mock", "serve", "--data-dir"])
        .arg(home.path().join("other"))
        .env_clear()
        .env("HOME", home.path())
        .env("CODEARTIFACT_MOCK_LISTEN", &address)
        .output()
        .unwrap();
    let _ = serve.kill();
    let _ = serve.wait();
    assert_eq!(line.trim(), format!("http://{address}"));
    assert_eq!(stdout(&listed).trim(), "dom");
    // A second server on the default port explains what to do instead.
    assert!(!second.status.success());
    assert!(
        String::from_utf8_lossy(&second.stderr).contains("--listen 127.0.0.1:0"),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
}

/// AWS CLI v2 scripts carry v2-only options (`--no-cli-pager` above all, since v2 pages by
/// default); they are accepted and change nothing, and their values are still checked.
#[test]
fn aws_cli_v2_options_are_accepted() {
    let home = tempfile::tempdir().unwrap();
    stdout(&local(home.path(), &["create-domain", "--domain", "dom"]));
    let plain = stdout(&local(
        home.path(),
        &["list-domains", "--query", "domains[].name"],
    ));
    let v2 = stdout(&local(
        home.path(),
        &[
            "list-domains",
            "--query",
            "domains[].name",
            "--no-cli-pager",
            "--cli-binary-format",
            "raw-in-base64-out",
            "--no-cli-auto-prompt",
        ],
    ));
    assert_eq!(v2, plain);
    assert!(plain.contains("\"dom\""));
    let bad = local(home.path(), &["list-domains", "--cli-binary-format", "hex"]);
    assert_eq!(bad.status.code(), Some(252));
    assert!(bad.stdout.is_empty());
}

/// A reader that goes away (`| head`) ends a paged listing quietly, and the in-process emulator
/// still shuts down as after any other command: its database is closed, so SQLite folds the
/// write-ahead log back in and removes it. (Exiting from the printing thread, as the command once
/// did, left the `-wal` file behind.)
#[test]
fn a_closed_stdout_still_shuts_the_in_process_emulator_down() {
    let home = tempfile::tempdir().unwrap();
    stdout(&local(home.path(), &["create-domain", "--domain", "pipe"]));
    for r in ["r1", "r2", "r3"] {
        stdout(&local(
            home.path(),
            &["create-repository", "--domain", "pipe", "--repository", r],
        ));
    }
    let wal = home
        .path()
        .join(".local/share/codeartifact/mock/codeartifact.sqlite3-wal");
    assert!(
        !wal.exists(),
        "a command that ends normally closes the database"
    );
    for output in ["json", "text"] {
        let mut child = local_command(
            home.path(),
            &["list-repositories", "--page-size", "1", "--output", output],
        )
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
        drop(child.stdout.take()); // the reader goes away before the first page is printed
        let o = child.wait_with_output().unwrap();
        assert_eq!(
            o.status.code(),
            Some(0),
            "{output}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(
            o.stderr.is_empty(),
            "{output}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(
            !wal.exists(),
            "{output}: the emulator's database was not closed"
        );
    }
}
