//! `codeartifact mock serve`: a local emulator of the CodeArtifact service (DESIGN.md §2).
//!
//! Layers, each unaware of the ones above it:
//! - `protocol` + `validate`: the rest-json wire format, driven by the service model;
//! - `handlers`: one function per operation over JSON values, listed in one table;
//! - `store` (SQLite metadata) and `blobs` (asset bytes by SHA-256);
//! - `server` (dispatch) and `connections` (their limits); this file: the command, startup,
//!   shutdown and discovery; `lifecycle`: `mock start|stop|status` and which emulator `--local`
//!   talks to.
//!
//! A serving process advertises itself in `<data-dir>/server.json` (and to anyone asking its
//! address, see `lifecycle`), and holds an exclusive lock on `<data-dir>/lock` so two emulators
//! never share a data dir.

pub mod blobs;
mod connections;
pub use connections::Limits;
pub mod dataplane;
mod disk;
mod error;
pub mod groups;
pub(crate) mod handlers;
pub mod lifecycle;
pub(crate) mod protocol;
mod server;
pub mod store;
mod validate;

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::{Arg, ArgAction, ArgMatches, Command};
use serde_json::json;
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use error::ApiError;
pub use handlers::{TokenError, TokenInfo, TokenLifetimes};

use crate::error::Error;

/// A fixed default port, so that what `login` writes (registry URLs with the port in them) keeps
/// working after the emulator restarts. `--listen 127.0.0.1:0` picks a free port instead.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8480";
const DEFAULT_ACCOUNT: &str = "111122223333";
const DEFAULT_REGION: &str = "us-east-1";
/// Setting this (to anything but empty or `0`) logs requests like `--verbose`.
const VERBOSE_ENV: &str = "CODEARTIFACT_MOCK_LOG";

/// Everything a handler needs: the stores, the emulated account and where the server listens.
pub struct Ctx {
    pub store: store::Store,
    pub blobs: blobs::BlobStore,
    pub account_id: String,
    /// `--region`: the region of requests whose signature names none. Handlers ask `region()`.
    pub region: String,
    /// The URL repository endpoints start with: `--public-url`, else `http://127.0.0.1:PORT`;
    /// no trailing slash.
    pub base_url: String,
    pub verbose: bool,
    /// Where each external connection (`public:npmjs`...) fetches from (`--external-connection`).
    pub external_connections: std::collections::HashMap<String, String>,
    /// Frozen clock and counter-based ids, tokens and revisions (see `ServeOptions`).
    pub deterministic: bool,
    counter: std::sync::atomic::AtomicU64,
    /// How long issued tokens live (`--min-token-duration`, `--max-token-duration`).
    pub token_lifetimes: TokenLifetimes,
    /// The data directory (absolute), as the emulator tells `mock status` and `--local`.
    pub data_dir: PathBuf,
}

thread_local! {
    /// The region of the request this thread is handling (`in_region`).
    static REQUEST_REGION: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

impl Ctx {
    /// The region the current request is answered in: the one its signature names
    /// (`protocol::signed_region`), else `--region`. One emulator serves every region, as the
    /// service's regional endpoints together do; each domain lives in the region it was created in.
    pub fn region(&self) -> String {
        REQUEST_REGION
            .with(|r| r.borrow().clone())
            .unwrap_or_else(|| self.region.clone())
    }
}

/// Runs `f` (a handler, on the thread that runs it) answering in `region`. A thread-local rather
/// than a parameter: the region matters to a handful of ARNs and lookups, not to the 48 handlers'
/// signatures.
pub(crate) fn in_region<T>(region: Option<String>, f: impl FnOnce() -> T) -> T {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            REQUEST_REGION.with(|r| r.borrow_mut().take());
        }
    }
    REQUEST_REGION.with(|r| *r.borrow_mut() = region);
    let _reset = Reset;
    f()
}

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    pub account_id: String,
    pub region: String,
    pub verbose: bool,
    /// Write `<data-dir>/server.json` so other processes can find this server (`mock serve`
    /// does; an in-process emulator for `--local` does not, it dies with its command).
    pub advertise: bool,
    /// For tests comparing two mocks byte for byte: the clock is frozen at
    /// 2024-01-01T00:00:00Z and ids, tokens and revisions come from a counter (which restarts
    /// with the process), so identical request sequences get identical responses.
    pub deterministic: bool,
    /// The base URL written into repository endpoints instead of the listening address (a
    /// proxy or port mapping in front of the mock; or a fixed string for deterministic tests).
    pub public_url: Option<String>,
    /// Share the data dir with other in-process emulators (`--local` commands running at the
    /// same time); SQLite arbitrates their writes. A `mock serve` takes it exclusively.
    pub shared: bool,
    /// `--external-connection NAME=URL`: the upstream each external connection name stands for.
    /// The emulator never fetches from a connection without one.
    pub external_connections: Vec<(String, String)>,
    /// The asset quota (`--max-asset-bytes`); the service's 5 GB by default.
    pub max_asset_bytes: u64,
    /// Connections served at once and how long a silent client is waited for.
    pub limits: Limits,
    /// `--min-token-duration`, `--max-token-duration`.
    pub token_lifetimes: TokenLifetimes,
}

impl ServeOptions {
    /// The in-process emulator behind `--local`: free loopback port, default account and
    /// region, not advertised.
    /// Its repository endpoints name the default address (`listen`) rather than its own
    /// short-lived port: a `get-repository-endpoint` then prints URLs that work once
    /// `codeartifact mock start` runs on the same data dir.
    pub fn local(data_dir: PathBuf, default_address: SocketAddr) -> Self {
        ServeOptions {
            data_dir,
            shared: true,
            listen: "127.0.0.1:0".parse().expect("valid address"),
            public_url: Some(base_url(default_address)),
            ..ServeOptions::default()
        }
    }
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            shared: false,
            listen: DEFAULT_LISTEN.parse().expect("valid default address"),
            data_dir: default_data_dir(),
            account_id: DEFAULT_ACCOUNT.into(),
            region: DEFAULT_REGION.into(),
            verbose: false,
            advertise: false,
            deterministic: false,
            public_url: None,
            external_connections: Vec::new(),
            max_asset_bytes: blobs::MAX_ASSET_BYTES,
            limits: Limits::default(),
            token_lifetimes: TokenLifetimes::default(),
        }
    }
}

/// A started emulator. Dropping it without `shutdown` stops it too, but without waiting.
pub struct Running {
    pub url: String,
    stop: watch::Sender<bool>,
    task: JoinHandle<Result<(), Error>>,
}

impl Running {
    /// Stops accepting requests, lets in-flight ones finish, closes the database and removes
    /// `server.json`.
    pub async fn shutdown(mut self) -> Result<(), Error> {
        self.stop.send_replace(true);
        (&mut self.task)
            .await
            .map_err(|e| Error::other(format!("the mock server task failed: {e}")))?
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop.send_replace(true);
    }
}

/// `--listen` and `--data-dir`: where an emulator serves, for every `mock` subcommand.
fn place_args() -> [Arg; 2] {
    [
        Arg::new("listen")
            .long("listen")
            .value_name("ADDR")
            .env(lifecycle::LISTEN_ENV)
            .default_value(DEFAULT_LISTEN)
            .value_parser(clap::value_parser!(SocketAddr))
            .help("Address to listen on; port 0 picks a free port (the default port stays the same across restarts, so URLs written by login keep working)"),
        Arg::new("data-dir")
            .long("data-dir")
            .value_name("DIR")
            .value_parser(clap::value_parser!(PathBuf))
            .help("Where state is kept [default: $XDG_DATA_HOME/codeartifact/mock]"),
    ]
}

/// The `mock` command: `serve` in the foreground, `start|stop|status` in the background
/// (lifecycle.rs).
pub fn command() -> Command {
    let serve = Command::new("serve")
        .about("Serve the CodeArtifact API and repositories on a local port, in the foreground")
        .long_about(
            "Serve the CodeArtifact API and repositories on a local port. When ready, prints its base URL \
             (use it with --endpoint-url) as the only line on stdout. SIGINT or SIGTERM stop it.",
        )
        .args(place_args())
        .args(serve_args());
    let start = Command::new("start")
        .about("Start the emulator in the background; prints its URL once it serves")
        .long_about(
            "Start `mock serve` in the background with the same options, its log appended to <data-dir>/mock.log, \
             and print its base URL once it serves. An emulator already serving the address on the same data dir \
             is left running.",
        )
        .args(place_args())
        .args(serve_args());
    let stop = Command::new("stop")
        .about("Stop the emulator serving the address (or --data-dir), waiting until it has closed its data")
        .args(place_args());
    let status = Command::new("status")
        .about("Show the emulator serving the address (or --data-dir): URL, data dir, pid, log")
        .long_about(format!(
            "Show the emulator serving the address (or --data-dir): URL, data dir, pid and log on stdout. \
             Exits 0 when one is running, {} when none is.",
            lifecycle::NOT_RUNNING
        ))
        .args(place_args());
    Command::new("mock")
        .about("Run a local emulator of the CodeArtifact service")
        .subcommand_required(true)
        .subcommands([start, stop, status, serve])
}

/// `mock serve`'s options beyond where it serves (`mock start` passes them on).
fn serve_args() -> Vec<Arg> {
    vec![
                Arg::new("account-id")
                    .long("account-id")
                    .value_name("ID")
                    .default_value(DEFAULT_ACCOUNT)
                    .value_parser(|s: &str| {
                        if s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit()) {
                            Ok(s.to_string())
                        } else {
                            Err("an account ID is 12 digits".to_string())
                        }
                    })
                    .help("The emulated AWS account, owner of every domain"),
                Arg::new("region")
                    .long("region")
                    .value_name("REGION")
                    .default_value(DEFAULT_REGION)
                    .value_parser(|s: &str| {
                        if !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
                            Ok(s.to_string())
                        } else {
                            Err("a region looks like us-east-1".to_string())
                        }
                    })
                    .help("The region of requests that name none in their signature (unsigned ones); signed requests are answered in their own region, as the service's regional endpoints do"),
                Arg::new("public-url")
                    .long("public-url")
                    .value_name("URL")
                    .value_parser(|s: &str| {
                        if s.starts_with("http://") || s.starts_with("https://") {
                            Ok(s.trim_end_matches('/').to_string())
                        } else {
                            Err("a URL starting with http:// or https://".to_string())
                        }
                    })
                    .help("Base URL for repository endpoints, when clients reach the mock through a proxy"),
                Arg::new("external-connection")
                    .long("external-connection")
                    .value_name("NAME=URL")
                    .action(ArgAction::Append)
                    .value_parser(|s: &str| {
                        let (name, url) = s.split_once('=').ok_or("NAME=URL, e.g. public:npmjs=http://127.0.0.1:8080/")?;
                        if !name.starts_with("public:") || !url.starts_with("http://") {
                            return Err("NAME=URL with a public:* name and an http:// URL");
                        }
                        Ok((name.to_string(), url.to_string()))
                    })
                    .help("Serve an external connection (public:npmjs, public:pypi, public:maven-central...) from URL; repeat for several"),
                Arg::new("max-asset-bytes")
                    .long("max-asset-bytes")
                    .value_name("BYTES")
                    .value_parser(clap::value_parser!(u64).range(1..))
                    .default_value(blobs::MAX_ASSET_BYTES.to_string())
                    .help("Refuse assets larger than this (the service's quota is 5 GB); lower it to test how a pipeline handles the refusal"),
                Arg::new("max-connections")
                    .long("max-connections")
                    .value_name("N")
                    .value_parser(clap::value_parser!(u32).range(1..=65536))
                    .default_value(Limits::DEFAULT_MAX_CONNECTIONS.to_string())
                    .help("Serve at most N connections at once; more wait until one closes"),
                Arg::new("client-timeout")
                    .long("client-timeout")
                    .value_name("SECONDS")
                    .value_parser(clap::value_parser!(u64).range(1..=86400))
                    .default_value(Limits::DEFAULT_CLIENT_TIMEOUT.as_secs().to_string())
                    .help("Close a connection whose client sends nothing (request headers, the next request, body data) or reads nothing of its response for this long"),
                Arg::new("min-token-duration")
                    .long("min-token-duration")
                    .value_name("SECONDS")
                    .value_parser(clap::value_parser!(i64).range(1..=handlers::MAX_DURATION_S))
                    .default_value(handlers::MIN_DURATION_S.to_string())
                    .help("Accept a durationSeconds this small (the service's minimum is 900); lower it to test token expiry in seconds"),
                Arg::new("max-token-duration")
                    .long("max-token-duration")
                    .value_name("SECONDS")
                    .value_parser(clap::value_parser!(i64).range(1..=handlers::MAX_DURATION_S))
                    .default_value(handlers::MAX_DURATION_S.to_string())
                    .help("Issue no token that lives longer than this, whatever the caller asks (as a short role session does)"),
                Arg::new("deterministic")
                    .long("deterministic")
                    .action(ArgAction::SetTrue)
                    .hide(true)
                    .help("Frozen clock and counter-based ids, for byte-for-byte comparisons in tests"),
                Arg::new("verbose")
                    .short('v')
                    .long("verbose")
                    .action(ArgAction::SetTrue)
                    .help(format!("Log one line per request on stderr (also with {VERBOSE_ENV}=1)")),
    ]
}

/// Runs a `mock` subcommand; the exit code (`mock status` says "not running" with one).
pub fn run(matches: &ArgMatches) -> Result<i32, Error> {
    match matches.subcommand() {
        Some(("serve", m)) => serve(m).map(|()| 0),
        Some((name, m)) => lifecycle::run(name, m),
        None => Err(Error::usage(
            "usage: codeartifact mock start|stop|status|serve",
        )),
    }
}

/// `mock serve`: serves until SIGINT or SIGTERM.
fn serve(m: &ArgMatches) -> Result<(), Error> {
    let env_verbose = std::env::var(VERBOSE_ENV).is_ok_and(|v| !v.is_empty() && v != "0");
    let opts = ServeOptions {
        shared: false,
        listen: *m.get_one::<SocketAddr>("listen").expect("has a default"),
        data_dir: m
            .get_one::<PathBuf>("data-dir")
            .cloned()
            .unwrap_or_else(default_data_dir),
        account_id: m
            .get_one::<String>("account-id")
            .expect("has a default")
            .clone(),
        region: m
            .get_one::<String>("region")
            .expect("has a default")
            .clone(),
        verbose: m.get_flag("verbose") || env_verbose,
        advertise: true,
        deterministic: m.get_flag("deterministic"),
        public_url: m.get_one::<String>("public-url").cloned(),
        external_connections: m
            .get_many::<(String, String)>("external-connection")
            .map(|v| v.cloned().collect())
            .unwrap_or_default(),
        max_asset_bytes: *m.get_one::<u64>("max-asset-bytes").expect("has a default"),
        limits: Limits {
            max_connections: *m.get_one::<u32>("max-connections").expect("has a default") as usize,
            client_timeout: std::time::Duration::from_secs(
                *m.get_one::<u64>("client-timeout").expect("has a default"),
            ),
        },
        token_lifetimes: TokenLifetimes {
            min_s: *m
                .get_one::<i64>("min-token-duration")
                .expect("has a default"),
            max_s: *m
                .get_one::<i64>("max-token-duration")
                .expect("has a default"),
        },
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::other(format!("cannot start the async runtime: {e}")))?;
    runtime.block_on(async move {
        // Listen for signals before announcing the URL, so a signal sent as soon as the URL is
        // read still shuts down cleanly.
        // (`ctrl_c()` would only install its handler when first polled, after the URL is out:
        // an early SIGINT would then kill the process with the default action.)
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = signal(SignalKind::terminate())?;
        let mut int = signal(SignalKind::interrupt())?;
        let running = start(opts).await?;
        // A closed stdout (nobody reads the URL) is not a reason to stop serving.
        let _ = crate::output::stdout::print(format!("{}\n", running.url).as_bytes());
        tokio::select! {
            _ = int.recv() => {}
            _ = term.recv() => {}
        }
        running.shutdown().await
    })
}

/// Starts the emulator on `opts.listen` and returns once it accepts requests.
pub async fn start(opts: ServeOptions) -> Result<Running, Error> {
    disk::create_dir_all(&opts.data_dir).map_err(|e| {
        Error::other(format!(
            "cannot create the data dir {}: {e}",
            opts.data_dir.display()
        ))
    })?;
    // Absolute, as `mock status` shows it whatever directory the server was started from.
    let data_dir = std::fs::canonicalize(&opts.data_dir)?;
    let lock = lock_data_dir(&data_dir, opts.shared)?;
    let store = store::Store::open(&data_dir.join("codeartifact.sqlite3")).map_err(|e| {
        Error::other(format!(
            "cannot open the mock database in {}: {e}",
            data_dir.display()
        ))
    })?;
    store.assign_regions(&opts.region).map_err(|e| {
        Error::other(format!(
            "cannot update the mock database in {}: {}",
            data_dir.display(),
            e.message
        ))
    })?;
    let blobs = blobs::BlobStore::open(data_dir.join(blobs::DIR))
        .map_err(|e| {
            Error::other(format!(
                "cannot open the blob store in {}: {e}",
                data_dir.display()
            ))
        })?
        .with_max_asset_bytes(opts.max_asset_bytes);
    let listener = tokio::net::TcpListener::bind(opts.listen)
        .await
        .map_err(|e| {
            let hint = if e.kind() == std::io::ErrorKind::AddrInUse {
                " (another `codeartifact mock serve`? `--listen 127.0.0.1:0` picks a free port)"
            } else {
                ""
            };
            Error::other(format!("cannot listen on {}: {e}{hint}", opts.listen))
        })?;
    let addr = listener.local_addr()?;
    let url = base_url(addr);
    let ctx = Arc::new(Ctx {
        store,
        blobs,
        account_id: opts.account_id,
        region: opts.region,
        base_url: opts.public_url.unwrap_or_else(|| url.clone()),
        verbose: opts.verbose,
        external_connections: opts.external_connections.into_iter().collect(),
        deterministic: opts.deterministic,
        counter: Default::default(),
        token_lifetimes: opts.token_lifetimes,
        data_dir: data_dir.clone(),
    });
    if opts.advertise {
        write_server_json(&data_dir, &url)?;
    }
    let (stop_tx, stop_rx) = watch::channel(false);
    let advertise = opts.advertise;
    let limits = opts.limits;
    let task = tokio::spawn(async move {
        connections::serve(listener, Arc::clone(&ctx), limits, stop_rx).await;
        if advertise {
            let _ = std::fs::remove_file(data_dir.join("server.json"));
        }
        // Connections are closed, but a handler whose client went away may still be running on
        // a blocking thread with its own reference. Wait for it (bounded), so SQLite is closed
        // (and the WAL checkpointed) before the data dir lock is released.
        let mut ctx = ctx;
        for _ in 0..100 {
            match Arc::try_unwrap(ctx) {
                Ok(last) => {
                    drop(last);
                    break;
                }
                Err(shared) => {
                    ctx = shared;
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                }
            }
        }
        drop(lock);
        Ok(())
    });
    Ok(Running {
        url,
        stop: stop_tx,
        task,
    })
}

fn base_url(addr: SocketAddr) -> String {
    // A wildcard listen address is reachable on loopback; clients cannot connect to 0.0.0.0.
    let ip = match addr.ip() {
        std::net::IpAddr::V4(ip) if ip.is_unspecified() => std::net::Ipv4Addr::LOCALHOST.into(),
        std::net::IpAddr::V6(ip) if ip.is_unspecified() => std::net::Ipv6Addr::LOCALHOST.into(),
        ip => ip,
    };
    format!("http://{}", SocketAddr::new(ip, addr.port()))
}

/// Locks the data dir: exclusively for a server, shared for in-process emulators. A lock held the
/// other way is waited for briefly, since `--local` commands are short-lived.
///
/// Whoever finds the data dir unlocked removes the temporary files a crash left behind while it
/// still holds the lock exclusively: nobody else can be uploading then. (An in-process emulator
/// then turns its lock into a shared one.)
fn lock_data_dir(data_dir: &Path, shared: bool) -> Result<std::fs::File, Error> {
    let path = data_dir.join("lock");
    let file = disk::open_private(&path)
        .map_err(|e| Error::other(format!("cannot open {}: {e}", path.display())))?;
    if file.try_lock().is_ok() {
        blobs::BlobStore::remove_leftovers(&data_dir.join(blobs::DIR)).map_err(|e| {
            Error::other(format!(
                "cannot clean the temporary files in {}: {e}",
                data_dir.display()
            ))
        })?;
        if !shared {
            return Ok(file);
        }
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(3);
    let attempt = |f: &std::fs::File| {
        if shared {
            f.try_lock_shared()
        } else {
            f.try_lock()
        }
    };
    let mut result = attempt(&file);
    while matches!(result, Err(std::fs::TryLockError::WouldBlock))
        && std::time::Instant::now() < deadline
    {
        std::thread::sleep(std::time::Duration::from_millis(20));
        result = attempt(&file);
    }
    match result {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => {
            let hint = discover(data_dir)
                .map(|u| format!(" (serving at {u})"))
                .unwrap_or_default();
            Err(Error::other(format!(
                "another mock server is using the data dir {}{hint}\nhint: stop it, or pass a different --data-dir",
                data_dir.display()
            )))
        }
        Err(std::fs::TryLockError::Error(e)) => {
            Err(Error::other(format!("cannot lock {}: {e}", path.display())))
        }
    }
}

/// Written to a temporary file and renamed, so a reader never sees half of it.
fn write_server_json(data_dir: &Path, url: &str) -> Result<(), Error> {
    let body = json!({"url": url, "pid": std::process::id()}).to_string();
    let mut tmp = tempfile::NamedTempFile::new_in(data_dir)?;
    disk::restrict(tmp.as_file())?;
    tmp.write_all(body.as_bytes())?;
    tmp.persist(data_dir.join("server.json"))
        .map_err(|e| Error::other(format!("cannot write server.json: {e}")))?;
    Ok(())
}

/// `$XDG_DATA_HOME/codeartifact/mock`, else `~/.local/share/codeartifact/mock`.
pub fn default_data_dir() -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from(".local/share"));
    base.join("codeartifact").join("mock")
}

/// The URL of the `mock serve` running on `data_dir`, if one is (its `server.json` exists and
/// names a live process).
pub fn discover(data_dir: &Path) -> Option<String> {
    discover_server(data_dir).map(|(url, _)| url)
}

/// `discover`, with the server's pid.
fn discover_server(data_dir: &Path) -> Option<(String, u32)> {
    let text = std::fs::read_to_string(data_dir.join("server.json")).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    let pid = u32::try_from(v["pid"].as_u64()?).ok()?;
    let url = v["url"].as_str()?.to_string();
    process_alive(i32::try_from(pid).ok()?).then_some((url, pid))
}

pub(crate) fn process_alive(pid: i32) -> bool {
    if pid <= 0 {
        return false;
    }
    // SAFETY: kill with signal 0 sends nothing; it only checks that the process exists.
    let r = unsafe { libc::kill(pid, 0) };
    // EPERM: it exists but belongs to someone else.
    r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discover_ignores_dead_and_missing_servers() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(discover(dir.path()), None);
        write_server_json(dir.path(), "http://127.0.0.1:1").unwrap();
        assert_eq!(discover(dir.path()).as_deref(), Some("http://127.0.0.1:1"));
        std::fs::write(
            dir.path().join("server.json"),
            r#"{"url":"http://x","pid":2147483646}"#,
        )
        .unwrap();
        assert_eq!(discover(dir.path()), None);
    }

    #[test]
    fn wildcard_listen_addresses_map_to_loopback() {
        assert_eq!(
            base_url("0.0.0.0:80".parse().unwrap()),
            "http://127.0.0.1:80"
        );
        assert_eq!(base_url("[::]:80".parse().unwrap()), "http://[::1]:80");
    }

    #[tokio::test]
    async fn in_process_start_serves_and_locks_its_data_dir() {
        let dir = tempfile::tempdir().unwrap();
        let opts = ServeOptions {
            listen: "127.0.0.1:0".parse().unwrap(),
            data_dir: dir.path().to_path_buf(),
            ..ServeOptions::default()
        };
        let running = start(opts.clone()).await.unwrap();
        assert!(running.url.starts_with("http://127.0.0.1:"));
        let second = start(opts.clone()).await;
        assert!(second.is_err_and(|e| e.to_string().contains("another mock server")));
        running.shutdown().await.unwrap();
        start(opts).await.unwrap().shutdown().await.unwrap();
    }
}
