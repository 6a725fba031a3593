//! The emulator's lifecycle as a user drives it (issue 11 items 1 and 2): `mock start` in the
//! background, `mock status`, `mock stop`, and `--local` always talking to the emulator behind
//! the default address, so the URLs `--local login` writes reach the state it used. Real npm
//! publishes and reads through what login wrote; the AWS CLI checks the state behind the URL.
//!
//! Each test has its own "default address" (`CODEARTIFACT_MOCK_LISTEN`, a free loopback port),
//! so tests never meet each other's emulators nor a user's on 127.0.0.1:8480.

mod common;
mod dataplane_support;

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use dataplane_support::{client, write_package};
use serde_json::json;

/// A temporary HOME with its own default emulator address; stops whatever emulator serves that
/// address when dropped, so a failing test leaves no server behind.
struct Machine {
    home: tempfile::TempDir,
    addr: SocketAddr,
}

impl Machine {
    fn new() -> Machine {
        let addr = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap();
        Machine {
            home: tempfile::tempdir().unwrap(),
            addr,
        }
    }

    fn home(&self) -> &Path {
        self.home.path()
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// A command with nothing inherited but PATH: this HOME, no AWS configuration at all.
    fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut c = Command::new(program);
        let home = self.home();
        c.current_dir(home)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", home)
            .env("LANG", "C.UTF-8")
            .env("CODEARTIFACT_MOCK_LISTEN", self.addr.to_string())
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("AWS_CONFIG_FILE", home.join("no-aws-config"))
            .env(
                "AWS_SHARED_CREDENTIALS_FILE",
                home.join("no-aws-credentials"),
            )
            .env("npm_config_cache", home.join("npm-cache"))
            .env("npm_config_update_notifier", "false")
            .env("npm_config_audit", "false")
            .env("npm_config_fund", "false");
        c
    }

    fn ca(&self, args: &[&str]) -> Output {
        self.command(env!("CARGO_BIN_EXE_codeartifact"))
            .args(args)
            .output()
            .unwrap()
    }

    fn ca_ok(&self, args: &[&str]) -> String {
        ok(self.ca(args), &format!("codeartifact {args:?}"))
    }

    /// The AWS CLI (the oracle) straight at the URL the files point to.
    fn aws(&self, args: &[&str]) -> serde_json::Value {
        let out = self
            .command(common::aws_bin())
            .arg("codeartifact")
            .args(args)
            .args(["--endpoint-url", &self.url(), "--region", "us-east-1"])
            .env("AWS_ACCESS_KEY_ID", "AKIDLIFECYCLETEST000")
            .env("AWS_SECRET_ACCESS_KEY", "secret")
            .output()
            .unwrap();
        serde_json::from_str(&ok(out, &format!("aws {args:?}"))).unwrap()
    }

    /// Publishes `name@1.0.0` with real npm through the `.npmrc` login wrote, and reads its
    /// version back.
    fn npm_publish_and_view(&self, name: &str) {
        let npm = client("npm");
        let dir = self.home().join(name);
        write_package(
            &dir,
            json!({"name": name, "version": "1.0.0", "license": "MIT", "main": "index.js"}),
            "# first hour\n",
        );
        ok(
            self.command(&npm)
                .arg("publish")
                .current_dir(&dir)
                .output()
                .unwrap(),
            "npm publish",
        );
        let version = ok(
            self.command(&npm)
                .args(["view", name, "version"])
                .output()
                .unwrap(),
            "npm view",
        );
        assert_eq!(version.trim(), "1.0.0");
    }

    fn data_dir_status(&self) -> (Option<i32>, String) {
        let out = self.ca(&["mock", "status"]);
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    }
}

impl Drop for Machine {
    fn drop(&mut self) {
        let _ = self.ca(&["mock", "stop"]);
    }
}

fn ok(out: Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what} failed ({:?}):\n{}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap()
}

/// README's first commands, with the data dir of issue 11's report (not the default one): the
/// API, the registry and the AWS CLI all see one state, and the emulator stops cleanly.
#[test]
fn start_then_local_login_serves_one_state_to_the_api_and_the_registry() {
    let m = Machine::new();
    let url = m.ca_ok(&["mock", "start", "--data-dir", "./ca-data"]);
    assert_eq!(url.trim(), m.url());
    let data_dir = canonical(&m.home().join("ca-data"));

    m.ca_ok(&["--local", "create-domain", "--domain", "my-domain"]);
    m.ca_ok(&[
        "--local",
        "create-repository",
        "--domain",
        "my-domain",
        "--repository",
        "my-repo",
    ]);
    let login = m.ca(&[
        "--local",
        "login",
        "--tool",
        "npm",
        "--domain",
        "my-domain",
        "--repository",
        "my-repo",
    ]);
    ok(login, "login");
    let npmrc = std::fs::read_to_string(m.home().join(".npmrc")).unwrap();
    assert!(
        npmrc.contains(&format!("registry={}/npm/d/my-domain-", m.url())),
        "{npmrc}"
    );
    m.npm_publish_and_view("first-hour");

    // The AWS CLI at the URL the files point to sees what --local created and npm published.
    let domains = m.aws(&["list-domains"]);
    assert_eq!(domains["domains"][0]["name"], "my-domain");
    let packages = m.aws(&[
        "list-packages",
        "--domain",
        "my-domain",
        "--repository",
        "my-repo",
    ]);
    assert_eq!(packages["packages"][0]["package"], "first-hour");
    // ... and none of it went to the default data dir.
    assert!(!m.home().join(".local/share/codeartifact/mock").exists());

    // status: URL, the data dir it serves, pid, log.
    let (code, status) = m.data_dir_status();
    assert_eq!(code, Some(0));
    assert!(status.contains(&format!("url: {}\n", m.url())), "{status}");
    assert!(
        status.contains(&format!("data-dir: {}\n", data_dir.display())),
        "{status}"
    );
    assert!(status.contains("pid: "), "{status}");
    let log = data_dir.join("mock.log");
    assert!(status.contains(&format!("log: {}\n", log.display())));
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&log).unwrap().permissions().mode() & 0o777,
        0o600
    );

    // Starting it again is fine (the same one answers); on another data dir it is refused.
    assert_eq!(
        m.ca_ok(&["mock", "start", "--data-dir", "./ca-data"])
            .trim(),
        m.url()
    );
    let other = m.ca(&["mock", "start", "--data-dir", "./other"]);
    assert_eq!(other.status.code(), Some(255));
    assert!(stderr(&other).contains("mock stop"), "{}", stderr(&other));

    // stop waits until the server has let go of its data dir.
    let stop = m.ca(&["mock", "stop"]);
    ok(stop, "mock stop");
    assert!(!data_dir.join("server.json").exists());
    assert!(std::net::TcpStream::connect(m.addr).is_err());
    let (code, status) = m.data_dir_status();
    assert_eq!(code, Some(3));
    assert!(status.is_empty());
    // A stopped emulator keeps its state: a restart serves it again.
    m.ca_ok(&["mock", "start", "--data-dir", "./ca-data"]);
    let domains = m.aws(&["list-domains"]);
    assert_eq!(domains["domains"][0]["name"], "my-domain");
}

/// `--local login` with nothing running starts the emulator (saying so) on the default data dir,
/// where the earlier in-process `--local` commands kept their state, so npm works right away.
#[test]
fn local_login_with_no_emulator_running_starts_one() {
    let m = Machine::new();
    m.ca_ok(&["--local", "create-domain", "--domain", "dom"]);
    m.ca_ok(&[
        "--local",
        "create-repository",
        "--domain",
        "dom",
        "--repository",
        "repo",
    ]);
    assert_eq!(m.data_dir_status().0, Some(3), "nothing runs yet");
    let login = m.ca(&[
        "--local",
        "login",
        "--tool",
        "npm",
        "--domain",
        "dom",
        "--repository",
        "repo",
    ]);
    let said = stderr(&login);
    ok(login, "login");
    assert!(
        said.contains(&format!("Started the local emulator at {}", m.url())),
        "{said}"
    );
    m.npm_publish_and_view("started-by-login");
    let (code, status) = m.data_dir_status();
    assert_eq!(code, Some(0));
    let default_dir = canonical(&m.home().join(".local/share/codeartifact/mock"));
    assert!(
        status.contains(&format!("data-dir: {}\n", default_dir.display())),
        "{status}"
    );
    // A second login finds it running and says nothing about starting one.
    let again = m.ca(&[
        "--local",
        "login",
        "--tool",
        "npm",
        "--domain",
        "dom",
        "--repository",
        "repo",
    ]);
    assert!(!stderr(&again).contains("Started"), "{}", stderr(&again));
    ok(again, "second login");
}

/// Something that is not an emulator on the default address: `--local` refuses and says what to
/// do, rather than writing URLs that lead to it.
#[test]
fn local_refuses_an_address_held_by_something_else() {
    let m = Machine::new();
    let squatter = TcpListener::bind(m.addr).unwrap();
    let answer = std::thread::spawn(move || {
        // Answers one connection with something that is not HTTP, then goes away.
        if let Ok((mut s, _)) = squatter.accept() {
            use std::io::Write;
            let _ = s.write_all(b"SSH-2.0-OpenSSH_9.2\r\n");
        }
    });
    let out = m.ca(&["--local", "list-domains"]);
    answer.join().unwrap();
    assert_eq!(out.status.code(), Some(253));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{} is in use by something that is not a codeartifact emulator",
            m.addr
        )) && err.contains("CODEARTIFACT_MOCK_LISTEN"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

/// `mock stop` and `mock status` with nothing running: status exits 3, stop succeeds quietly on
/// stdout and says so on stderr.
#[test]
fn stop_and_status_with_nothing_running() {
    let m = Machine::new();
    let status = m.ca(&["mock", "status"]);
    assert_eq!(status.status.code(), Some(3));
    assert!(stderr(&status).contains("hint: codeartifact mock start"));
    let stop = m.ca(&["mock", "stop"]);
    assert_eq!(stop.status.code(), Some(0));
    assert!(stop.stdout.is_empty());
    assert!(stderr(&stop).contains("No emulator is running"));
}

/// A `mock start` whose server cannot serve (its database is not one) fails with the server's own
/// reason, read back from the log, and leaves nothing running.
#[test]
fn a_start_that_fails_reports_why() {
    let m = Machine::new();
    let data_dir = m.home().join("broken");
    std::fs::create_dir(&data_dir).unwrap();
    std::fs::write(data_dir.join("codeartifact.sqlite3"), vec![b'x'; 4096]).unwrap();
    let out = m.ca(&["mock", "start", "--data-dir", "./broken"]);
    assert_eq!(out.status.code(), Some(255));
    assert!(
        stderr(&out).contains("the emulator did not start: cannot open the mock database"),
        "{}",
        stderr(&out)
    );
    assert_eq!(m.data_dir_status().0, Some(3));
}
