//! The emulator as a user drives it: `mock start` (in the background, ready when it returns),
//! `mock stop`, `mock status`, and how `--local` finds the emulator it talks to.
//!
//! One rule: never two different states behind one URL. The URL that `--local login` writes into
//! package tools' files is the default address (127.0.0.1:8480, or `CODEARTIFACT_MOCK_LISTEN`),
//! so whatever emulator serves that address *is* the local emulator, whatever its data directory.
//! It is found by asking the address itself (`GET /.well-known/codeartifact-mock`, answered by
//! `identity`), not by looking in a data directory: only the listener knows which one it serves.
//! `server.json` in a data directory (written by every `mock serve`) then confirms that the pid
//! the address names is really that emulator before `mock stop` signals it.

use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Response, StatusCode, header};
use clap::ArgMatches;
use serde_json::json;

use super::{Ctx, DEFAULT_LISTEN, default_data_dir, disk};
use crate::error::Error;

/// The address `mock serve`/`mock start` listen on and `--local` looks at, when not 127.0.0.1:8480
/// (the default port is taken, or tests that must not meet each other's emulators).
pub const LISTEN_ENV: &str = "CODEARTIFACT_MOCK_LISTEN";
/// Where an emulator says what it is; well-known URIs (RFC 8615) exist for exactly this.
pub const IDENTITY_PATH: &str = "/.well-known/codeartifact-mock";
/// `mock start`'s log (the server's stderr), in the data directory.
const LOG_FILE: &str = "mock.log";
/// A log over this size is moved to `mock.log.1` when the next emulator starts.
const LOG_ROTATE_BYTES: u64 = 10 << 20;
/// How long `mock start` waits for the server to be ready, and `mock stop` for it to be gone.
const READY_TIMEOUT: Duration = Duration::from_secs(30);
const STOP_TIMEOUT: Duration = Duration::from_secs(30);
/// A probe of the address answers within this (it is loopback, or nothing).
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// The address an emulator serves by default: `CODEARTIFACT_MOCK_LISTEN`, else 127.0.0.1:8480.
pub fn default_listen() -> Result<SocketAddr, Error> {
    match std::env::var(LISTEN_ENV) {
        Ok(v) if !v.is_empty() => v.parse().map_err(|_| {
            Error::config(format!(
                "{LISTEN_ENV}={v:?} is not an address like {DEFAULT_LISTEN}"
            ))
        }),
        _ => Ok(DEFAULT_LISTEN.parse().expect("valid default address")),
    }
}

/// A running emulator, as it describes itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Serving {
    pub url: String,
    pub pid: u32,
    pub data_dir: PathBuf,
}

/// What answers at an address.
#[derive(Debug)]
pub enum Probe {
    Nothing,
    Emulator(Serving),
    /// Something that is not a codeartifact emulator.
    Other,
}

/// The answer to `GET /.well-known/codeartifact-mock`.
pub(super) fn identity(ctx: &Ctx) -> Response<Body> {
    let body = json!({
        "emulator": "codeartifact",
        "version": env!("CARGO_PKG_VERSION"),
        "pid": std::process::id(),
        "dataDir": ctx.data_dir,
    });
    Response::builder()
        .status(StatusCode::OK)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .expect("a valid response")
}

/// Asks `addr` what it is, over plain HTTP/1.1 with short timeouts.
pub fn probe(addr: SocketAddr) -> Probe {
    let Ok(mut stream) = TcpStream::connect_timeout(&addr, PROBE_TIMEOUT) else {
        return Probe::Nothing;
    };
    let _ = stream.set_read_timeout(Some(PROBE_TIMEOUT));
    let _ = stream.set_write_timeout(Some(PROBE_TIMEOUT));
    let request = format!(
        "GET {IDENTITY_PATH} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nAccept: application/json\r\n\r\n"
    );
    if stream.write_all(request.as_bytes()).is_err() {
        return Probe::Other;
    }
    let mut answer = Vec::new();
    // Bounded: an identity is a few hundred bytes; whatever sends more is not one.
    let _ = stream.take(64 << 10).read_to_end(&mut answer);
    parse_identity(&answer, addr).map_or(Probe::Other, Probe::Emulator)
}

fn parse_identity(answer: &[u8], addr: SocketAddr) -> Option<Serving> {
    let text = std::str::from_utf8(answer).ok()?;
    let (head, body) = text.split_once("\r\n\r\n")?;
    if !head.starts_with("HTTP/1.1 200") {
        return None;
    }
    let v: serde_json::Value = serde_json::from_str(body).ok()?;
    if v["emulator"] != "codeartifact" {
        return None;
    }
    Some(Serving {
        url: super::base_url(addr),
        pid: u32::try_from(v["pid"].as_u64()?).ok()?,
        data_dir: PathBuf::from(v["dataDir"].as_str()?),
    })
}

/// The emulator `--local` talks to: the one serving the default address whatever its data
/// directory, else a `mock serve` on the default data directory at another address. None when
/// neither runs; an error when something else holds the default address.
pub fn find_local() -> Result<Option<Serving>, Error> {
    let addr = default_listen()?;
    match probe(addr) {
        Probe::Emulator(s) => Ok(Some(s)),
        Probe::Other => Err(Error::config(format!(
            "{addr} is in use by something that is not a codeartifact emulator, and --local needs it\n\
             hint: free the port, or set {LISTEN_ENV} to another address for every codeartifact command"
        ))),
        Probe::Nothing => {
            let data_dir = default_data_dir();
            Ok(super::discover_server(&data_dir).map(|(url, pid)| Serving { url, pid, data_dir }))
        }
    }
}

/// The data directory whose state a `--local` command reaches (its tokens are valid there
/// only): the one of the emulator `find_local` finds, else the default one.
pub fn local_data_dir() -> PathBuf {
    match find_local() {
        Ok(Some(s)) => s.data_dir,
        _ => {
            let dir = default_data_dir();
            std::fs::canonicalize(&dir).unwrap_or(dir)
        }
    }
}

/// For `--local` commands that need a server that outlives them (`login` writes its URL into
/// package tools' files): the emulator `find_local` finds, else one started in the background on
/// the default address and data directory, saying so on stderr.
pub fn ensure_local() -> Result<Serving, Error> {
    if let Some(s) = find_local()? {
        return Ok(s);
    }
    let listen = default_listen()?;
    let data_dir = default_data_dir();
    match start_background(listen, &data_dir, &[]) {
        Ok(s) => {
            eprintln!(
                "Started the local emulator at {} (data dir {}); `codeartifact mock stop` stops it",
                s.url,
                s.data_dir.display()
            );
            Ok(s)
        }
        // Another command started it at the same moment: use that one.
        Err(e) => find_local()?.ok_or(e),
    }
}

/// The `mock start|stop|status` subcommands; the exit code.
pub fn run(name: &str, m: &ArgMatches) -> Result<i32, Error> {
    match name {
        "start" => start(m),
        "stop" => stop(m),
        _ => status(m),
    }
}

/// `--listen`, whose default is `default_listen`'s (clap reads the same variable).
fn listen_of(m: &ArgMatches) -> SocketAddr {
    *m.get_one::<SocketAddr>("listen").expect("has a default")
}

/// The emulator `stop` and `status` are about: the one serving `--data-dir` if given (its
/// `server.json`), else the one at `--listen` or the default address.
fn locate(m: &ArgMatches) -> Result<(String, Option<Serving>), Error> {
    if let Some(dir) = m.get_one::<PathBuf>("data-dir") {
        let place = format!("the data dir {}", dir.display());
        let serving = super::discover_server(dir).map(|(url, pid)| Serving {
            url,
            pid,
            data_dir: dir.clone(),
        });
        return Ok((place, serving));
    }
    let addr = listen_of(m);
    match probe(addr) {
        Probe::Emulator(s) => Ok((addr.to_string(), Some(s))),
        Probe::Nothing => Ok((addr.to_string(), None)),
        Probe::Other => Err(Error::other(format!(
            "{addr} is in use by something that is not a codeartifact emulator"
        ))),
    }
}

/// `mock status`: exit 0 and the emulator's URL, data dir, pid and log when one runs; exit 3
/// (as LSB init scripts and `pg_ctl status` say "not running") when none does.
fn status(m: &ArgMatches) -> Result<i32, Error> {
    let (place, serving) = locate(m)?;
    let Some(s) = serving else {
        eprintln!("No emulator is running at {place}\nhint: codeartifact mock start");
        return Ok(NOT_RUNNING);
    };
    let log = s.data_dir.join(LOG_FILE);
    let mut out = format!(
        "url: {}\ndata-dir: {}\npid: {}\n",
        s.url,
        s.data_dir.display(),
        s.pid
    );
    if log.exists() {
        out.push_str(&format!("log: {}\n", log.display()));
    }
    crate::output::stdout::print(out.as_bytes())?;
    Ok(0)
}

/// `mock status`'s exit code when no emulator runs.
pub const NOT_RUNNING: i32 = 3;

/// `mock stop`: SIGTERM, then wait until the server has closed its database and released its
/// data directory. Nothing running is not an error (the state asked for is reached).
fn stop(m: &ArgMatches) -> Result<i32, Error> {
    let (place, serving) = locate(m)?;
    let Some(s) = serving else {
        eprintln!("No emulator is running at {place}");
        return Ok(0);
    };
    // The pid comes from whatever answered; signal it only if the data dir it names (private,
    // ours) agrees that this process serves it.
    if super::discover_server(&s.data_dir).map(|(_, pid)| pid) != Some(s.pid) {
        return Err(Error::other(format!(
            "the emulator at {} says it is pid {} serving {}, but that data dir does not agree; not stopping it",
            s.url,
            s.pid,
            s.data_dir.display()
        )));
    }
    let pid = i32::try_from(s.pid).map_err(|_| Error::other("bad pid"))?;
    // SAFETY: kill only sends a signal to the process checked above.
    if unsafe { libc::kill(pid, libc::SIGTERM) } != 0 {
        return Err(Error::other(format!(
            "cannot stop the emulator (pid {pid}): {}",
            std::io::Error::last_os_error()
        )));
    }
    let deadline = Instant::now() + STOP_TIMEOUT;
    while !released(&s.data_dir, pid) {
        if Instant::now() > deadline {
            return Err(Error::other(format!(
                "the emulator (pid {pid}) did not stop within {} s",
                STOP_TIMEOUT.as_secs()
            )));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    eprintln!("Stopped the emulator at {} (pid {pid})", s.url);
    Ok(0)
}

/// Whether the server `pid` is gone: the process has exited, or (it may be a zombie nobody has
/// reaped yet) it has released the data dir's lock, which it does last.
fn released(data_dir: &Path, pid: i32) -> bool {
    if !super::process_alive(pid) {
        return true;
    }
    std::fs::File::open(data_dir.join("lock")).is_ok_and(|f| {
        let free = f.try_lock().is_ok();
        let _ = f.unlock();
        free
    })
}

/// `mock start`: `mock serve` with the same options, detached, its stderr appended to
/// `<data-dir>/mock.log`; returns (printing the URL) once it serves. An emulator already serving
/// the address on the same data dir is success; on another data dir, an error.
fn start(m: &ArgMatches) -> Result<i32, Error> {
    let listen = listen_of(m);
    let data_dir = m
        .get_one::<PathBuf>("data-dir")
        .cloned()
        .unwrap_or_else(default_data_dir);
    let s = start_background(listen, &data_dir, &forwarded(m))?;
    crate::output::stdout::print(format!("{}\n", s.url).as_bytes())?;
    Ok(0)
}

/// `mock serve`'s options given to `mock start` on the command line, to pass on (`--listen` and
/// `--data-dir` are passed separately, the latter made absolute).
fn forwarded(m: &ArgMatches) -> Vec<OsString> {
    let mut args = Vec::new();
    for id in m.ids().map(clap::Id::as_str) {
        if matches!(id, "listen" | "data-dir")
            || m.value_source(id) != Some(clap::parser::ValueSource::CommandLine)
        {
            continue;
        }
        match m.get_raw(id) {
            // Flags (`--verbose`) have no values of their own to pass.
            Some(values) if !matches!(m.try_get_one::<bool>(id), Ok(Some(_))) => {
                for v in values {
                    args.push(OsString::from(format!("--{id}")));
                    args.push(v.to_os_string());
                }
            }
            _ => args.push(OsString::from(format!("--{id}"))),
        }
    }
    args
}

/// Starts `mock serve` in its own session (a closed terminal or a Ctrl-C in it does not stop the
/// server) and waits for its URL.
pub fn start_background(
    listen: SocketAddr,
    data_dir: &Path,
    extra: &[OsString],
) -> Result<Serving, Error> {
    disk::create_dir_all(data_dir).map_err(|e| {
        Error::other(format!(
            "cannot create the data dir {}: {e}",
            data_dir.display()
        ))
    })?;
    let data_dir = std::fs::canonicalize(data_dir)?;
    if let Some((url, pid)) = super::discover_server(&data_dir) {
        let served = Serving {
            url,
            pid,
            data_dir: data_dir.clone(),
        };
        if listen.port() == 0 || served.url == super::base_url(listen) {
            eprintln!(
                "The emulator is already running (pid {}, data dir {})",
                served.pid,
                data_dir.display()
            );
            return Ok(served);
        }
        return Err(Error::other(format!(
            "an emulator already serves the data dir {} at {} (pid {})\nhint: codeartifact mock stop --data-dir {}",
            data_dir.display(),
            served.url,
            served.pid,
            data_dir.display()
        )));
    }
    if listen.port() != 0 {
        match probe(listen) {
            Probe::Nothing => {}
            Probe::Emulator(other) => {
                return Err(Error::other(format!(
                    "an emulator on another data dir ({}, pid {}) already serves {listen}\n\
                     hint: `codeartifact mock stop` stops it; --listen 127.0.0.1:0 picks a free port",
                    other.data_dir.display(),
                    other.pid
                )));
            }
            Probe::Other => {
                return Err(Error::other(format!(
                    "{listen} is in use by something that is not a codeartifact emulator\n\
                     hint: --listen 127.0.0.1:0 picks a free port"
                )));
            }
        }
    }
    let log_path = data_dir.join(LOG_FILE);
    if std::fs::metadata(&log_path).is_ok_and(|m| m.len() > LOG_ROTATE_BYTES) {
        std::fs::rename(&log_path, data_dir.join(format!("{LOG_FILE}.1")))?;
    }
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&log_path)
        .and_then(|f| disk::restrict(&f).map(|()| f))
        .map_err(|e| Error::other(format!("cannot open {}: {e}", log_path.display())))?;
    let log_start = log.metadata()?.len();
    let exe = std::env::current_exe()
        .map_err(|e| Error::other(format!("cannot find the codeartifact binary: {e}")))?;
    let mut cmd = Command::new(exe);
    cmd.args([
        "mock",
        "serve",
        "--listen",
        &listen.to_string(),
        "--data-dir",
    ])
    .arg(&data_dir)
    .args(extra)
    .current_dir("/")
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(log);
    {
        use std::os::unix::process::CommandExt;
        // SAFETY: setsid is async-signal-safe, as code between fork and exec must be.
        unsafe {
            cmd.pre_exec(|| {
                if libc::setsid() == -1 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    let mut child = cmd
        .spawn()
        .map_err(|e| Error::other(format!("cannot start the emulator: {e}")))?;
    let stdout = child.stdout.take().expect("stdout is piped");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx.recv_timeout(READY_TIMEOUT).unwrap_or_default();
    let url = line.trim_end();
    if url.starts_with("http") {
        return Ok(Serving {
            url: url.to_string(),
            pid: child.id(),
            data_dir,
        });
    }
    let _ = child.kill();
    let _ = child.wait();
    let mut why = String::new();
    if let Ok(mut f) = std::fs::File::open(&log_path) {
        use std::io::Seek;
        let _ = f.seek(std::io::SeekFrom::Start(log_start));
        let _ = f.take(16 << 10).read_to_string(&mut why);
    }
    let why = why.trim();
    Err(Error::other(if why.is_empty() {
        format!(
            "the emulator did not start within {} s (log: {})",
            READY_TIMEOUT.as_secs(),
            log_path.display()
        )
    } else {
        format!("the emulator did not start: {why}")
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identities_are_recognised_and_anything_else_is_not() {
        let addr: SocketAddr = "127.0.0.1:8480".parse().unwrap();
        let ok = b"HTTP/1.1 200 OK\r\ncontent-length: 9\r\n\r\n{\"emulator\":\"codeartifact\",\"pid\":42,\"dataDir\":\"/d\"}";
        assert_eq!(
            parse_identity(ok, addr),
            Some(Serving {
                url: "http://127.0.0.1:8480".into(),
                pid: 42,
                data_dir: "/d".into()
            })
        );
        for other in [
            &b"HTTP/1.1 404 Not Found\r\n\r\n{}"[..],
            b"HTTP/1.1 200 OK\r\n\r\n{\"emulator\":\"else\",\"pid\":1,\"dataDir\":\"/d\"}",
            b"SSH-2.0-OpenSSH_9.2\r\n",
            b"",
        ] {
            assert_eq!(parse_identity(other, addr), None);
        }
    }
}
