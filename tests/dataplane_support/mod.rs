//! Shared by tests/dataplane_*.rs: a mock with a domain and repositories, the real package
//! clients (installed by .ci/install-clients.sh; a missing one fails the test with that hint),
//! each run with a fresh HOME, fresh caches and only loopback addresses configured, and
//! `codeartifact login` writing their configuration.

#![allow(
    dead_code,
    reason = "each test crate uses a different part of the harness"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use tempfile::TempDir;

use crate::common;
pub use crate::common::{Mock, header};

pub const DOMAIN: &str = "dom";
pub const OWNER: &str = common::ACCOUNT;

pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A client installed by .ci/install-clients.sh (or by the system), failing the test when it is
/// missing.
pub fn client(path: &str) -> PathBuf {
    let p = if path.contains('/') {
        repo_root().join(path)
    } else {
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
            .map(|d| d.join(path))
            .find(|p| p.exists())
            .unwrap_or_else(|| PathBuf::from(path))
    };
    assert!(
        p.exists(),
        "{path} is missing: the data-plane tests drive real package clients; run .ci/install-clients.sh"
    );
    p
}

/// A user of the repository: their own HOME (so `login` writes there) and a working folder.
pub struct User {
    pub home: TempDir,
    url: String,
}

impl User {
    pub fn new(mock: &Mock) -> User {
        let home = tempfile::tempdir().expect("temp dir");
        std::fs::write(
            home.path().join("aws-config"),
            "[default]\nregion = us-east-1\noutput = json\n",
        )
        .unwrap();
        User {
            home,
            url: mock.url.clone(),
        }
    }

    pub fn home(&self) -> &Path {
        self.home.path()
    }

    /// A command in this user's isolated environment: nothing inherited but PATH, so no
    /// developer configuration (registries, proxies, indexes) can reach past loopback.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut cmd = Command::new(program);
        let home = self.home();
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", home)
            .env("LANG", "C.UTF-8")
            .env("AWS_CONFIG_FILE", home.join("aws-config"))
            .env("AWS_SHARED_CREDENTIALS_FILE", home.join("aws-credentials"))
            .env("AWS_ACCESS_KEY_ID", "AKIDMOCKTESTS0000000")
            .env("AWS_SECRET_ACCESS_KEY", "mock-tests-secret")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("npm_config_cache", home.join("npm-cache"))
            .env("npm_config_update_notifier", "false")
            .env("npm_config_audit", "false")
            .env("npm_config_fund", "false")
            .env("YARN_CACHE_FOLDER", home.join("yarn-cache"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("UV_NO_PROGRESS", "1")
            .env("PIP_DISABLE_PIP_VERSION_CHECK", "1")
            .env("PIP_NO_INPUT", "1");
        cmd
    }

    /// Our own binary against the mock.
    pub fn ca(&self, args: &[&str]) -> Value {
        let out = self
            .command(env!("CARGO_BIN_EXE_codeartifact"))
            .args(args)
            .args(["--endpoint-url", &self.url])
            .output()
            .expect("run codeartifact");
        assert!(
            out.status.success(),
            "codeartifact {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        if stdout.trim().is_empty() {
            return Value::Null;
        }
        serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("codeartifact {args:?} printed non-JSON ({e}): {stdout}"))
    }

    /// `codeartifact login --tool TOOL` for `repo`, with extra arguments, run in `cwd`.
    pub fn login(&self, tool: &str, repo: &str, extra: &[&str], cwd: &Path) {
        let out = self
            .command(env!("CARGO_BIN_EXE_codeartifact"))
            .current_dir(cwd)
            .args([
                "login",
                "--tool",
                tool,
                "--domain",
                DOMAIN,
                "--repository",
                repo,
            ])
            .args(extra)
            .args(["--endpoint-url", &self.url])
            .output()
            .expect("run codeartifact login");
        assert!(
            out.status.success(),
            "login --tool {tool} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// A token for raw requests.
    pub fn token(&self) -> String {
        self.ca(&["get-authorization-token", "--domain", DOMAIN])["authorizationToken"]
            .as_str()
            .expect("a token")
            .to_string()
    }

    /// Runs `cmd`, asserting success; returns stdout and stderr together for messages.
    pub fn run(&self, cmd: &mut Command, what: &str) -> String {
        succeeded(cmd.output().unwrap_or_else(|e| panic!("{what}: {e}")), what)
    }
}

/// Asserts that a process succeeded; returns its stdout and stderr together for messages.
pub fn succeeded(out: std::process::Output, what: &str) -> String {
    let text = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{what} failed:\n{text}");
    text
}

/// How many requests for `operation` the mock answered with 200.
pub fn answered(mock: &Mock, operation: &str) -> usize {
    // The mock logs a request before it answers: a short pause covers the pipe.
    std::thread::sleep(std::time::Duration::from_millis(200));
    let needle = format!(" {operation} -> 200");
    mock.log().iter().filter(|l| l.contains(&needle)).count()
}

/// yarn berry's own state (global folder, cache) kept in the user's temp HOME and off the
/// internet (telemetry). yarn 4.10+ quarantines versions published less than a day ago
/// (`npmMinimalAgeGate`, default 1d) and the tests' are seconds old: that is the user's
/// supply-chain policy, not registry configuration, so login leaves it alone and tests lift it.
pub const BERRY_ENV: [(&str, &str); 5] = [
    ("YARN_NPM_MINIMAL_AGE_GATE", "0"),
    ("YARN_ENABLE_TELEMETRY", "0"),
    ("YARN_NODE_LINKER", "node-modules"),
    ("YARN_ENABLE_GLOBAL_CACHE", "false"),
    ("YARN_ENABLE_PROGRESS_BARS", "false"),
];

/// A mock with domain `dom` and repositories created in order, each with its upstreams.
pub fn mock_with(repos: &[(&str, &[&str])]) -> (Mock, User) {
    mock_with_options(&[], repos)
}

/// `mock_with`, the mock started with extra `mock serve` arguments.
pub fn mock_with_options(serve: &[&str], repos: &[(&str, &[&str])]) -> (Mock, User) {
    let mock = Mock::start_in_temp(serve);
    let admin = User::new(&mock);
    admin.ca(&["create-domain", "--domain", DOMAIN]);
    for (repo, upstreams) in repos {
        let mut args = vec![
            "create-repository",
            "--domain",
            DOMAIN,
            "--repository",
            repo,
        ];
        let ups: Vec<String> = upstreams
            .iter()
            .map(|u| format!("repositoryName={u}"))
            .collect();
        if !ups.is_empty() {
            args.push("--upstreams");
            args.extend(ups.iter().map(String::as_str));
        }
        admin.ca(&args);
    }
    (mock, admin)
}

/// `http://127.0.0.1:PORT/{format}/d/dom-OWNER/{repo}/`
pub fn endpoint(mock: &Mock, format: &str, repo: &str) -> String {
    format!("{}/{format}/d/{DOMAIN}-{OWNER}/{repo}/", mock.url)
}

/// The path part of `endpoint`, for raw requests.
pub fn endpoint_path(format: &str, repo: &str) -> String {
    format!("/{format}/d/{DOMAIN}-{OWNER}/{repo}/")
}

/// A raw request with an Authorization header. Returns (status, headers, body).
pub fn authed(
    mock: &Mock,
    method: &str,
    path: &str,
    auth: Option<&str>,
    body: &[u8],
) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let headers: Vec<(&str, &str)> = auth.map(|a| ("Authorization", a)).into_iter().collect();
    request_full(mock, method, path, &headers, body, false)
}

/// A raw request with extra headers, the body sent with `Transfer-Encoding: chunked` when
/// `chunked` (as NuGet pushes), else with its length. Returns (status, headers, body).
pub fn request_full(
    mock: &Mock,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    chunked: bool,
) -> (u16, Vec<(String, String)>, Vec<u8>) {
    use std::io::{Read, Write};
    let addr = mock.url.strip_prefix("http://").expect("http URL");
    let mut s = std::net::TcpStream::connect(addr).expect("connect to mock");
    s.set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .unwrap();
    let mut head: String = headers
        .iter()
        .map(|(k, v)| format!("{k}: {v}\r\n"))
        .collect();
    if chunked {
        head.push_str("Transfer-Encoding: chunked\r\n");
    } else {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\n{head}Connection: close\r\n\r\n"
    )
    .unwrap();
    if chunked {
        for chunk in body.chunks(4096) {
            write!(s, "{:x}\r\n", chunk.len()).unwrap();
            s.write_all(chunk).unwrap();
            s.write_all(b"\r\n").unwrap();
        }
        s.write_all(b"0\r\n\r\n").unwrap();
    } else {
        s.write_all(body).unwrap();
    }
    let mut resp = Vec::new();
    s.read_to_end(&mut resp).expect("read response");
    let mut resp = resp.as_slice();
    let (head, rest) = loop {
        let split = resp
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("HTTP response");
        let head = String::from_utf8_lossy(&resp[..split]).into_owned();
        // Interim answers (`100 Continue` to `Expect: 100-continue`) come before the response.
        if head.starts_with("HTTP/1.1 1") {
            resp = &resp[split + 4..];
            continue;
        }
        break (head, &resp[split + 4..]);
    };
    let mut body = rest.to_vec();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|c| c.parse().ok())
        .expect("status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
        .collect();
    if header(&headers, "transfer-encoding") == Some("chunked") {
        body = dechunk(&body);
    }
    (status, headers, body)
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = data.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&data[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[eol + 2..eol + 2 + size]);
        data = &data[eol + 2 + size + 2..];
    }
}

/// `Bearer TOKEN`
pub fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

/// An `npm publish` body for a tarball of `tgz` bytes.
pub fn npm_publish_body(name: &str, version: &str, tgz: &[u8]) -> Vec<u8> {
    use base64::Engine;
    use sha1::Digest;
    serde_json::json!({
        "_id": name, "name": name, "dist-tags": {"latest": version},
        "versions": {version: {"name": name, "version": version, "description": format!("{name} here"),
            "dist": {"shasum": hex::encode(sha1::Sha1::digest(tgz))}}},
        "_attachments": {format!("{name}-{version}.tgz"): {
            "content_type": "application/octet-stream",
            "data": base64::engine::general_purpose::STANDARD.encode(tgz), "length": tgz.len()}}
    })
    .to_string()
    .into_bytes()
}

/// A raw request with extra headers (content type, accept). Returns (status, body).
pub fn request_with(
    mock: &Mock,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, Vec<u8>) {
    let (status, _, body) = request_full(mock, method, path, headers, body, false);
    (status, body)
}

/// A twine-style upload form: (body, content type).
pub fn pypi_upload_form(
    fields: &[(&str, &str)],
    filename: &str,
    content: &[u8],
) -> (Vec<u8>, String) {
    let b = "dpBoundary7x";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--{b}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!("--{b}\r\nContent-Disposition: form-data; name=\"content\"; filename=\"{filename}\"\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{b}--\r\n").as_bytes());
    (body, format!("multipart/form-data; boundary={b}"))
}

/// A zip archive of `files` (name, contents), written by Python's zipfile with deflate: the
/// emulator reads archives real tools wrote, never ones made by its own code.
pub fn zip_archive(files: &[(&str, &[u8])]) -> Vec<u8> {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut names = Vec::new();
    for (i, (name, data)) in files.iter().enumerate() {
        let src = dir.path().join(format!("f{i}"));
        std::fs::write(&src, data).unwrap();
        names.push(format!("{}\n{}", src.display(), name));
    }
    let out = dir.path().join("out.zip");
    let script = "import sys, zipfile\n\
        z = zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED)\n\
        for pair in sys.argv[2:]:\n    src, name = pair.split('\\n', 1)\n    z.write(src, name)\n\
        z.close()\n";
    let status = Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&out)
        .args(&names)
        .status()
        .expect("python3 writes zip files");
    assert!(status.success(), "python3 could not write the zip");
    std::fs::read(&out).unwrap()
}

/// The version of npm package `name` installed in `project`'s node_modules (npm, yarn, pnpm
/// and bun all lay it out so).
pub fn installed_version(project: &Path, name: &str) -> String {
    let text =
        std::fs::read_to_string(project.join("node_modules").join(name).join("package.json"))
            .unwrap_or_else(|e| panic!("{name} is not installed in {}: {e}", project.display()));
    let v: Value = serde_json::from_str(&text).unwrap();
    v["version"].as_str().unwrap().to_string()
}

/// A mock whose external connection `connection` (`public:...`) is `public_repo` of `format` on
/// `public` (the token in the URL), with repository `store` holding the connection and `app`
/// searching it as its upstream. The data directory lives as long as the returned TempDir.
pub fn mock_with_external(
    public: &Mock,
    token: &str,
    format: &str,
    public_repo: &str,
    connection: &str,
) -> (TempDir, Mock, User) {
    let upstream = format!(
        "{}/{format}/d/{DOMAIN}-{OWNER}/{public_repo}/",
        public
            .url
            .replacen("http://", &format!("http://aws:{token}@"), 1)
    );
    let tmp = tempfile::tempdir().expect("temp dir");
    let mock = Mock::start_with(
        &tmp.path().join("data"),
        &["--external-connection", &format!("{connection}={upstream}")],
    );
    let admin = User::new(&mock);
    admin.ca(&["create-domain", "--domain", DOMAIN]);
    admin.ca(&[
        "create-repository",
        "--domain",
        DOMAIN,
        "--repository",
        "store",
    ]);
    admin.ca(&[
        "associate-external-connection",
        "--domain",
        DOMAIN,
        "--repository",
        "store",
        "--external-connection",
        connection,
    ]);
    admin.ca(&[
        "create-repository",
        "--domain",
        DOMAIN,
        "--repository",
        "app",
        "--upstreams",
        "repositoryName=store",
    ]);
    (tmp, mock, admin)
}

/// The toolchain's own cargo (not rustup's proxy, which needs the developer's RUSTUP_HOME):
/// the one building these tests.
fn cargo_bin() -> PathBuf {
    PathBuf::from(env!("CARGO"))
}

/// `cargo` as `user`, with CARGO_HOME in the user's HOME and the toolchain first on PATH, so
/// `rustc` is the toolchain's too.
pub fn cargo(user: &User, dir: &Path) -> Command {
    let bin = cargo_bin();
    let toolchain = bin.parent().expect("cargo has a folder").to_path_buf();
    let path = std::env::join_paths(std::iter::once(toolchain).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .unwrap();
    let mut cmd = user.command(&bin);
    cmd.current_dir(dir)
        .env("PATH", path)
        .env("CARGO_HOME", user.home().join(".cargo"))
        .env("CARGO_TERM_COLOR", "never")
        .env("CARGO_TERM_PROGRESS_WHEN", "never");
    cmd
}
/// A program in `dir` depending on `tk-base` 0.1 from the `codeartifact` registry and printing
/// its `base()`.
pub fn write_app(dir: &Path) {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"app\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\ntk-base = { version = \"0.1\", registry = \"codeartifact\" }\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("src/main.rs"),
        "fn main() { println!(\"{}\", tk_base::base()); }\n",
    )
    .unwrap();
}

/// A library crate in `dir`.
pub fn write_crate(dir: &Path, manifest: &str, lib: &str) {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::write(dir.join("src/lib.rs"), lib).unwrap();
    std::fs::write(dir.join("README.md"), "# readme\n").unwrap();
}
/// An npm package in `dir`: its manifest, a README and an index.js.
pub fn write_package(dir: &Path, manifest: serde_json::Value, readme: &str) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("package.json"), manifest.to_string()).unwrap();
    std::fs::write(dir.join("README.md"), readme).unwrap();
    std::fs::write(
        dir.join("index.js"),
        format!(
            "module.exports = {:?};\n",
            manifest["name"].as_str().unwrap()
        ),
    )
    .unwrap();
}
/// A setuptools project, built into `dir/dist` as a wheel and an sdist.
pub fn build_project(user: &User, dir: &Path, name: &str, version: &str, deps: &[&str]) {
    let module = name.replace('-', "_");
    std::fs::create_dir_all(dir.join(&module)).unwrap();
    std::fs::write(
        dir.join(&module).join("__init__.py"),
        format!("NAME = {name:?}\n"),
    )
    .unwrap();
    std::fs::write(
        dir.join("README.md"),
        format!("# {name}\n\nA test project.\n"),
    )
    .unwrap();
    let deps = deps
        .iter()
        .map(|d| format!("{d:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    std::fs::write(
        dir.join("pyproject.toml"),
        format!(
            "[build-system]\nrequires = [\"setuptools>=61\"]\nbuild-backend = \"setuptools.build_meta\"\n\n\
             [project]\nname = {name:?}\nversion = {version:?}\ndescription = \"The {name} test project\"\n\
             readme = \"README.md\"\nrequires-python = \">=3.8\"\ndependencies = [{deps}]\n\
             license = {{text = \"MIT\"}}\n\n[project.urls]\nHomepage = \"https://example.com/{name}\"\n\n\
             [tool.setuptools]\npackages = [{module:?}]\n"
        ),
    )
    .unwrap();
    let python = client(".ci/pyclients/bin/python");
    // No isolation: the build backend comes from the clients' virtualenv, not from an index.
    user.run(
        user.command(python)
            .args([
                "-m",
                "build",
                "--no-isolation",
                "--sdist",
                "--wheel",
                "--outdir",
                "dist",
                ".",
            ])
            .current_dir(dir),
        &format!("build {name}"),
    );
}
pub const DEPLOY: &str = "org.apache.maven.plugins:maven-deploy-plugin:3.0.0:deploy-file";

/// mvn with central mirrored to Debian's repository (given as global settings) and a fresh
/// local repository: the user's own settings are whatever Maven finds.
pub fn mvn_offline(user: &User) -> Command {
    let debian =
        Path::new("/usr/share/maven-repo/org/apache/maven/plugins/maven-deploy-plugin/3.0.0");
    assert!(
        debian.exists(),
        "{} is missing: run .ci/install-clients.sh (apt-get install libmaven-deploy-plugin-java)",
        debian.display()
    );
    let home = user.home();
    let global = home.join("global-settings.xml");
    std::fs::write(
        &global,
        "<settings><mirrors><mirror><id>debian</id><mirrorOf>central</mirrorOf>\
         <url>file:///usr/share/maven-repo</url></mirror></mirrors></settings>\n",
    )
    .unwrap();
    let mut cmd = user.command(client("mvn"));
    cmd.arg("-B").arg("-gs").arg(global).arg(format!(
        "-Dmaven.repo.local={}",
        home.join("m2-local").display()
    ));
    cmd
}

/// `mvn_offline` with the user's login settings (Java ignores $HOME for `user.home`, so they
/// are passed explicitly).
pub fn mvn(user: &User) -> Command {
    let mut cmd = mvn_offline(user);
    cmd.arg("-s").arg(user.home().join(".m2/settings.xml"));
    cmd
}
/// A jar holding one text file.
pub fn jar(dir: &Path, name: &str, content: &str) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("content.txt"), content).unwrap();
    let path = dir.join(name);
    let out = Command::new(client("jar"))
        .arg("cf")
        .arg(&path)
        .arg("-C")
        .arg(dir)
        .arg("content.txt")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "jar: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    path
}
