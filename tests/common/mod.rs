//! Shared harness for end-to-end tests: the real `codeartifact` binary running `mock serve` on
//! 127.0.0.1:0 in a temporary data dir, and the oracles (AWS CLI v1 and boto3 from
//! `<repo>/.venv`) pointed at it with an isolated configuration.
//!
//! The oracles are required: a missing `.venv` fails the test with a hint, never skips it.

#![allow(
    dead_code,
    reason = "each test crate uses a different part of the harness"
)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use serde_json::Value;
use tempfile::TempDir;

pub mod oracle;

pub const ACCOUNT: &str = "111122223333";
pub const REGION: &str = "us-east-1";
const STARTUP_TIMEOUT: Duration = Duration::from_secs(30);

/// `<repo>/.venv/bin/<tool>`; panics (failing the test) when the virtualenv is missing.
pub fn venv_bin(tool: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(".venv/bin")
        .join(tool);
    assert!(
        path.exists(),
        "{} is missing: the end-to-end tests need AWS CLI v1 and boto3 in <repo>/.venv \
         (python3 -m venv .venv && .venv/bin/pip install awscli boto3)",
        path.display()
    );
    path
}

/// `aws` from the virtualenv (AWS CLI v1).
pub fn aws_bin() -> PathBuf {
    venv_bin("aws")
}

/// `python` from the virtualenv (with boto3).
pub fn python_bin() -> PathBuf {
    venv_bin("python")
}

/// An isolated client environment: temporary HOME with an AWS config (region, iso8601
/// timestamps, json output), dummy credentials, nothing inherited from the developer's AWS
/// setup. Works for the AWS CLI, boto3 and our own binary alike.
pub struct AwsEnv {
    home: TempDir,
}

pub fn aws_env() -> AwsEnv {
    let home = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        home.path().join("config"),
        format!("[default]\nregion = {REGION}\noutput = json\ncli_timestamp_format = iso8601\n"),
    )
    .expect("write AWS config");
    AwsEnv { home }
}

impl AwsEnv {
    pub fn home(&self) -> &Path {
        self.home.path()
    }

    /// Replaces `cmd`'s environment with the isolated one (keeping PATH, and TZ if set, since
    /// the AWS CLI prints timestamps in the local zone).
    pub fn apply(&self, cmd: &mut Command) {
        let home = self.home.path();
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", home)
            .env("LANG", "C.UTF-8")
            .env("AWS_CONFIG_FILE", home.join("config"))
            .env("AWS_SHARED_CREDENTIALS_FILE", home.join("credentials"))
            .env("AWS_ACCESS_KEY_ID", "AKIDMOCKTESTS0000000")
            .env("AWS_SECRET_ACCESS_KEY", "mock-tests-secret")
            .env("AWS_EC2_METADATA_DISABLED", "true");
        if let Some(tz) = std::env::var_os("TZ") {
            cmd.env("TZ", tz);
        }
    }
}

/// A `mock serve` child process (run with `-v`: its request log is collected, see `requests`).
/// Dropping it kills the process; a failing test prints the log.
pub struct Mock {
    pub url: String,
    pub data_dir: PathBuf,
    child: Option<Child>,
    /// Owns the temporary data dir when the test did not provide one.
    _tmp: Option<TempDir>,
    /// Isolated HOME and AWS config for the oracles.
    env: AwsEnv,
    log: Arc<Mutex<Vec<String>>>,
}

/// What deterministic mocks write in repository endpoints instead of their own address, so two
/// of them answer GetRepositoryEndpoint identically.
pub const DETERMINISTIC_PUBLIC_URL: &str = "http://127.0.0.1:4000";

impl Mock {
    /// A mock on a fresh temporary data dir.
    pub fn start() -> Mock {
        Mock::start_in_temp(&[])
    }

    /// A mock whose responses depend only on the requests: frozen clock, counter-based ids,
    /// tokens and revisions, fixed endpoint URLs. Two of them can be compared byte for byte.
    pub fn deterministic() -> Mock {
        Mock::start_in_temp(&["--deterministic", "--public-url", DETERMINISTIC_PUBLIC_URL])
    }

    /// A mock on a fresh temporary data dir, with extra `mock serve` arguments.
    pub fn start_in_temp(extra: &[&str]) -> Mock {
        let tmp = tempfile::tempdir().expect("temp dir");
        let data_dir = tmp.path().join("data");
        let mut m = Mock::start_with(&data_dir, extra);
        m._tmp = Some(tmp);
        m
    }

    /// A mock on `data_dir` (kept by the caller, e.g. to restart on the same state), with extra
    /// `mock serve` arguments.
    pub fn start_with(data_dir: &Path, extra: &[&str]) -> Mock {
        Mock::start_configured(data_dir, extra, |_| {})
    }

    /// `start_with`, with `configure` applied to the command before it starts (its umask, its
    /// environment).
    pub fn start_configured(
        data_dir: &Path,
        extra: &[&str],
        configure: impl FnOnce(&mut Command),
    ) -> Mock {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_codeartifact"));
        cmd.args([
            "mock",
            "serve",
            "-v",
            "--listen",
            "127.0.0.1:0",
            "--data-dir",
        ])
        .arg(data_dir)
        .args(extra);
        configure(&mut cmd);
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn codeartifact mock serve");
        let log = Arc::new(Mutex::new(Vec::new()));
        let stderr = child.stderr.take().expect("piped stderr");
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                sink.lock().unwrap_or_else(|e| e.into_inner()).push(line);
            }
        });
        let stdout = child.stdout.take().expect("piped stdout");
        // Read the URL line on a thread so a server that never answers fails the test instead
        // of hanging it.
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
            let _ = tx.send(line);
            // Keep draining so the server never blocks on a full pipe.
            let mut rest = String::new();
            while reader.read_line(&mut rest).is_ok_and(|n| n > 0) {
                rest.clear();
            }
        });
        let Ok(line) = rx.recv_timeout(STARTUP_TIMEOUT) else {
            let _ = child.kill();
            panic!("mock serve printed no URL within {STARTUP_TIMEOUT:?}");
        };
        let url = line.trim_end().to_string();
        assert!(
            url.starts_with("http://127.0.0.1:"),
            "unexpected first stdout line: {line:?}"
        );
        Mock {
            url,
            data_dir: data_dir.to_path_buf(),
            child: Some(child),
            _tmp: None,
            env: aws_env(),
            log,
        }
    }

    pub fn env(&self) -> &AwsEnv {
        &self.env
    }

    /// Everything the server wrote on stderr so far.
    pub fn log(&self) -> Vec<String> {
        self.log.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// How many requests the server has answered. The server logs each request before sending
    /// its response, so after a client returns only the pipe can lag; a short pause covers it.
    pub fn requests(&self) -> usize {
        std::thread::sleep(Duration::from_millis(200));
        self.log()
            .iter()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_uppercase()) && l.contains(" -> "))
            .count()
    }

    pub fn pid(&self) -> u32 {
        self.child.as_ref().expect("running").id()
    }

    /// Sends `signal` (e.g. `libc::SIGTERM`) and waits for the process to exit.
    pub fn stop_with(mut self, signal: i32) -> ExitStatus {
        let mut child = self.child.take().expect("running");
        let pid = i32::try_from(child.id()).expect("pid fits");
        // SAFETY: signalling our own child process.
        unsafe { libc::kill(pid, signal) };
        for _ in 0..200 {
            if let Some(status) = child.try_wait().expect("wait") {
                return status;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        panic!("mock serve did not exit within 10 s of signal {signal}");
    }

    /// SIGTERM and wait; asserts a clean exit.
    pub fn stop(self) {
        let status = self.stop_with(libc::SIGTERM);
        assert!(status.success(), "mock serve exited with {status}");
    }

    /// An oracle command in the isolated environment, with `MOCK_URL` set.
    fn oracle_command(&self, program: &Path) -> Command {
        let mut cmd = Command::new(program);
        self.env.apply(&mut cmd);
        cmd.env("MOCK_URL", &self.url);
        cmd
    }

    /// `aws codeartifact <args> --endpoint-url <mock>`.
    pub fn aws(&self, args: &[&str]) -> CliOutput {
        let out = self
            .oracle_command(&aws_bin())
            .arg("codeartifact")
            .args(args)
            .args(["--endpoint-url", &self.url])
            .output()
            .expect("run aws");
        CliOutput::from(out)
    }

    /// Runs `args`, asserts success and returns the parsed JSON output (`{}` when empty).
    pub fn aws_ok(&self, args: &[&str]) -> Value {
        let out = self.aws(args);
        assert!(out.status.success(), "aws {args:?} failed: {}", out.stderr);
        if out.stdout.trim().is_empty() {
            return Value::Object(Default::default());
        }
        serde_json::from_str(&out.stdout)
            .unwrap_or_else(|e| panic!("aws {args:?} printed non-JSON ({e}): {}", out.stdout))
    }

    /// Runs `args`, asserts the service error `code` and returns stderr. AWS CLI v1 exits
    /// with 255 on service errors (v2, and our client, use 254).
    pub fn aws_err(&self, args: &[&str], code: &str) -> String {
        let out = self.aws(args);
        assert_eq!(
            out.status.code(),
            Some(255),
            "aws {args:?}: expected {code}, got: {} {}",
            out.stdout,
            out.stderr
        );
        assert!(
            out.stderr.contains(&format!("An error occurred ({code})")),
            "aws {args:?}: expected {code}, got: {}",
            out.stderr
        );
        out.stderr
    }

    /// Runs a Python script with boto3; `client` is a codeartifact client on the mock,
    /// `raw_client` one that skips client-side parameter validation (to reach the mock's), and
    /// `ClientError` is imported. The script's stdout is returned; a failure fails the test.
    pub fn boto3(&self, script: &str) -> String {
        let prelude = "import json, os, boto3\n\
                       from botocore.exceptions import ClientError\n\
                       from botocore.config import Config\n\
                       client = boto3.client('codeartifact', endpoint_url=os.environ['MOCK_URL'])\n\
                       raw_client = boto3.client('codeartifact', endpoint_url=os.environ['MOCK_URL'], \
                       config=Config(parameter_validation=False))\n";
        let out = self
            .oracle_command(&python_bin())
            .arg("-c")
            .arg(format!("{prelude}{script}"))
            .output()
            .expect("run python");
        let out = CliOutput::from(out);
        assert!(
            out.status.success(),
            "boto3 script failed:\n{}\n{}",
            out.stdout,
            out.stderr
        );
        out.stdout
    }

    /// `boto3`, with the script printing one JSON document.
    pub fn boto3_json(&self, script: &str) -> Value {
        let out = self.boto3(script);
        serde_json::from_str(&out)
            .unwrap_or_else(|e| panic!("script printed non-JSON ({e}): {out}"))
    }
}

impl Drop for Mock {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
        if std::thread::panicking() {
            eprintln!(
                "--- mock serve log ({}):\n{}",
                self.url,
                self.log().join("\n")
            );
        }
    }
}

pub struct CliOutput {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for CliOutput {
    fn from(o: Output) -> Self {
        CliOutput {
            status: o.status,
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// A raw HTTP/1.1 request to the mock over loopback, for what the oracles never send (unknown
/// routes, malformed bodies). Returns (status, headers lowercased, body).
pub fn raw_request(
    url: &str,
    method: &str,
    path_and_query: &str,
    body: &str,
) -> (u16, Vec<(String, String)>, String) {
    use std::io::{Read, Write};
    let addr = url.strip_prefix("http://").expect("http URL");
    let mut s = std::net::TcpStream::connect(addr).expect("connect to mock");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "{method} {path_and_query} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut resp = String::new();
    s.read_to_string(&mut resp).expect("read response");
    let (head, body) = resp.split_once("\r\n\r\n").expect("HTTP response");
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .expect("status line");
    let headers = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
        .collect();
    (status, headers, body.to_string())
}

pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}
