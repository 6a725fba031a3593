//! The emulator under clients that stall, crowd it or send too much (issue 9, items 6 to 8):
//! stalled and idle connections are closed after `--client-timeout`, connections over
//! `--max-connections` wait for a slot instead of hanging, bodies over their limit are refused
//! before they are buffered (resident memory measured from /proc), every client reads the
//! refusal (the AWS SDK for JavaScript v3, boto3, curl, npm), and the state it writes is private
//! whatever the umask.

mod common;
mod dataplane_support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::{Mock, raw_request};
use dataplane_support::{DOMAIN, OWNER, User, client};

fn addr(m: &Mock) -> &str {
    m.url.strip_prefix("http://").expect("http URL")
}

/// Reads until the server closes `s` (at most `limit` without a byte); returns what it sent.
fn closed_by_server(s: &mut TcpStream, limit: Duration) -> String {
    s.set_read_timeout(Some(limit)).unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => break,
            Err(e) => panic!(
                "the server kept the connection open ({e}) after sending {:?}",
                String::from_utf8_lossy(&got)
            ),
        }
    }
    String::from_utf8_lossy(&got).into_owned()
}

fn domain_and_repo(m: &Mock) {
    m.aws_ok(&["create-domain", "--domain", DOMAIN]);
    m.aws_ok(&[
        "create-repository",
        "--domain",
        DOMAIN,
        "--repository",
        "repo",
    ]);
}

#[test]
fn stalled_and_idle_connections_are_closed_and_never_pin_the_server() {
    let m = Mock::start_in_temp(&["--client-timeout", "2"]);
    let a = addr(&m).to_string();
    let connect = || TcpStream::connect(&a).expect("connect");
    // 250 requests stopped in their headers, 20 in their body, 20 connections that say nothing.
    let mut in_headers: Vec<TcpStream> = (0..250)
        .map(|_| {
            let mut s = connect();
            s.write_all(b"POST /v1/domains HTTP/1.1\r\nHost: x\r\nX-Half: ")
                .unwrap();
            s
        })
        .collect();
    let mut in_body: Vec<TcpStream> = (0..20)
        .map(|_| {
            let mut s = connect();
            s.write_all(
                b"POST /v1/domains HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"maxRes",
            )
            .unwrap();
            s
        })
        .collect();
    let mut silent: Vec<TcpStream> = (0..20).map(|_| connect()).collect();

    // The server answers others meanwhile.
    let (status, _, body) = raw_request(&m.url, "POST", "/v1/domains", "{}");
    assert_eq!(status, 200, "{body}");

    // Then closes every stalled connection: silently when the headers never came, with a 400
    // when the body stopped coming.
    let limit = Duration::from_secs(20);
    for s in in_headers.iter_mut().chain(silent.iter_mut()) {
        let sent = closed_by_server(s, limit);
        assert!(sent.is_empty() || sent.starts_with("HTTP/1.1 4"), "{sent}");
    }
    for s in &mut in_body {
        let sent = closed_by_server(s, limit);
        assert!(sent.starts_with("HTTP/1.1 400"), "{sent}");
        assert!(sent.contains("ValidationException"), "{sent}");
    }

    // A kept-alive connection that goes quiet after its answer is closed too.
    let mut idle = connect();
    idle.write_all(
        b"POST /v1/domains HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
    )
    .unwrap();
    let sent = closed_by_server(&mut idle, limit);
    assert!(sent.starts_with("HTTP/1.1 200"), "{sent}");
    assert!(
        !sent.to_ascii_lowercase().contains("connection: close"),
        "{sent}"
    );
}

#[test]
fn connections_over_the_limit_wait_for_a_slot_instead_of_hanging() {
    let m = Mock::start_in_temp(&["--max-connections", "4", "--client-timeout", "2"]);
    let mut held: Vec<TcpStream> = (0..4)
        .map(|_| {
            let mut s = TcpStream::connect(addr(&m)).unwrap();
            s.write_all(b"GET /v1/domain").unwrap();
            s
        })
        .collect();
    // Several over the limit at once: each is served once the stalled ones time out.
    let waiting: Vec<_> = (0..3)
        .map(|_| {
            let url = m.url.clone();
            std::thread::spawn(move || raw_request(&url, "POST", "/v1/domains", "{}").0)
        })
        .collect();
    for w in waiting {
        assert_eq!(w.join().unwrap(), 200);
    }
    for s in &mut held {
        closed_by_server(s, Duration::from_secs(20));
    }
}

/// A generic publish of `size` bytes, for the clients that speak the API.
fn node_publish_script() -> &'static str {
    r#"
const { CodeartifactClient, PublishPackageVersionCommand } = require(process.env.SDK);
const crypto = require('crypto');
(async () => {
  const client = new CodeartifactClient({
    endpoint: process.env.MOCK_URL, region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDMOCKTESTS0000000', secretAccessKey: 'mock-tests-secret' },
  });
  const out = [];
  for (const size of process.argv.slice(2).map(Number)) {
    const body = Buffer.alloc(size, 7);
    const sha = crypto.createHash('sha256').update(body).digest('hex');
    try {
      await client.send(new PublishPackageVersionCommand({
        domain: 'dom', repository: 'repo', format: 'generic', namespace: 'ns', package: 'big',
        packageVersion: '1.0', assetName: 'big.bin', assetContent: body, assetSHA256: sha }));
      out.push('ok');
    } catch (e) {
      out.push(`${e.name} ${e.$metadata && e.$metadata.httpStatusCode}`);
    }
  }
  console.log(JSON.stringify(out));
})();
"#
}

#[test]
fn every_client_reads_the_refusal_of_an_upload_over_the_quota() {
    let m = Mock::start_in_temp(&["--max-asset-bytes", "1000"]);
    domain_and_repo(&m);
    let refused = "ServiceQuotaExceededException 402";
    let sizes = ["5000000", "5000000", "5000000", "300000", "70000", "70000"];

    // The AWS SDK for JavaScript v3 sends the whole body before it reads the answer: it saw
    // `write EPIPE` when the server closed first.
    let sdk = client(".ci/node_modules/@aws-sdk/client-codeartifact");
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("publish.js");
    std::fs::write(&script, node_publish_script()).unwrap();
    let mut node = Command::new("node");
    m.env().apply(&mut node);
    let out = node
        .arg("--no-warnings")
        .arg(&script)
        .args(sizes)
        .env("SDK", &sdk)
        .env("MOCK_URL", &m.url)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let results: Vec<String> = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| {
        panic!(
            "node printed no results ({e}): {stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    assert_eq!(results, vec![refused; sizes.len()]);

    let codes = m.boto3_json(&format!(
        "import hashlib\n\
         out = []\n\
         for size in {sizes:?}:\n\
         \x20   body = b'x' * int(size)\n\
         \x20   try:\n\
         \x20       client.publish_package_version(domain='dom', repository='repo', format='generic',\n\
         \x20           namespace='ns', package='big', packageVersion='1.0', assetName='big.bin',\n\
         \x20           assetContent=body, assetSHA256=hashlib.sha256(body).hexdigest())\n\
         \x20       out.append('ok')\n\
         \x20   except ClientError as e:\n\
         \x20       out.append(e.response['Error']['Code'] + ' ' + str(e.response['ResponseMetadata']['HTTPStatusCode']))\n\
         print(json.dumps(out))\n"
    ));
    assert_eq!(codes, serde_json::json!(vec![refused; sizes.len()]));

    // curl, with a declared length (refused before the body is read) and chunked (refused as
    // it passes the quota).
    let file = dir.path().join("big.bin");
    std::fs::write(&file, vec![7u8; 5_000_000]).unwrap();
    let url = format!(
        "{}/v1/package/version/publish?domain=dom&repository=repo&format=generic&namespace=ns\
         &package=big&version=1.0&asset=big.bin",
        m.url
    );
    for chunked in [false, false, true, true] {
        let mut curl = Command::new("curl");
        curl.args(["-sS", "-X", "POST", "--data-binary"])
            .arg(format!("@{}", file.display()))
            .args(["-H", &format!("x-amz-content-sha256: {}", "0".repeat(64))])
            .args(["-w", "\n%{http_code}", &url]);
        if chunked {
            curl.args(["-H", "Transfer-Encoding: chunked"]);
        }
        let out = curl.output().expect("run curl");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "curl: {text} {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(text.ends_with("\n402"), "{text}");
        assert!(text.contains("ServiceQuotaExceededException"), "{text}");
    }
}

#[test]
fn npm_reads_the_refusal_of_a_tarball_over_the_quota() {
    let npm = client("npm");
    let m = Mock::start_in_temp(&["--max-asset-bytes", "1000"]);
    domain_and_repo(&m);
    let user = User::new(&m);
    let pkg = user.home().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    user.login("npm", "repo", &[], &pkg);
    std::fs::write(
        pkg.join("package.json"),
        r#"{"name": "too-big", "version": "1.0.0", "license": "MIT"}"#,
    )
    .unwrap();
    // Incompressible, so the tarball stays far over the quota.
    let noise: Vec<u8> = (0..400_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(pkg.join("noise.bin"), noise).unwrap();
    let out = user
        .command(&npm)
        .arg("publish")
        .current_dir(&pkg)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.status.success(), "{text}");
    assert!(text.contains("413"), "npm did not read the refusal: {text}");
}

/// Peak resident memory of a process (VmHWM in /proc/PID/status), in KiB.
fn peak_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/PID/status")
}

/// Sends an npm publish of one `size`-byte tarball as a chunked body, generated as it goes (or
/// with its length declared and nothing after the headers); returns the status line.
fn stream_npm_publish(m: &Mock, token: &str, size: usize, declared: bool) -> String {
    use base64::Engine;
    let mut s = TcpStream::connect(addr(m)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    let head = r#"{"name":"big","versions":{"1.0.0":{"name":"big","version":"1.0.0"}},"_attachments":{"big-1.0.0.tgz":{"data":""#;
    let tail = r#""}}}"#;
    let path = format!("/npm/d/{DOMAIN}-{OWNER}/repo/big");
    if declared {
        let len = head.len() + size.div_ceil(3) * 4 + tail.len();
        write!(
            s,
            "PUT {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\
             Content-Type: application/json\r\nContent-Length: {len}\r\n\r\n"
        )
        .unwrap();
    } else {
        write!(
            s,
            "PUT {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\
             Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        .unwrap();
        let chunk = |s: &mut TcpStream, data: &[u8]| {
            // A refused upload is answered and closed while it is still being sent.
            write!(s, "{:x}\r\n", data.len())
                .and_then(|()| s.write_all(data))
                .and_then(|()| s.write_all(b"\r\n"))
                .is_ok()
        };
        let block: Vec<u8> = (0..3 * 256 * 1024).map(|i| (i * 7 % 251) as u8).collect();
        let encoded = base64::engine::general_purpose::STANDARD.encode(&block);
        let mut sent = 0;
        let mut open = chunk(&mut s, head.as_bytes());
        while open && sent < size {
            open = chunk(&mut s, encoded.as_bytes());
            sent += block.len();
        }
        let _ = open && chunk(&mut s, tail.as_bytes()) && chunk(&mut s, b"");
    }
    let mut resp = String::new();
    let _ = s.read_to_string(&mut resp);
    resp.lines().next().unwrap_or_default().to_string()
}

#[test]
fn bodies_stream_within_bounded_memory_and_over_their_limit_are_refused_unread() {
    let m = Mock::start_in_temp(&["--max-asset-bytes", &(50 << 20).to_string()]);
    domain_and_repo(&m);
    let token = m.aws_ok(&["get-authorization-token", "--domain", DOMAIN])["authorizationToken"]
        .as_str()
        .unwrap()
        .to_string();
    let before = peak_kib(m.pid());
    // 64 MiB of base64 in one JSON document: held whole, it took four times that.
    let status = stream_npm_publish(&m, &token, 48 << 20, false);
    assert!(status.starts_with("HTTP/1.1 200"), "{status}");
    let grown = peak_kib(m.pid()) - before;
    assert!(
        grown < 40 * 1024,
        "a streamed publish grew the peak by {grown} KiB"
    );
    // Over the quota: refused as it passes it (chunked), or before any byte (declared).
    for (size, declared) in [(60 << 20, false), (150 << 20, true)] {
        let status = stream_npm_publish(&m, &token, size, declared);
        assert!(status.starts_with("HTTP/1.1 413"), "{status}");
    }
    let grown = peak_kib(m.pid()) - before;
    assert!(grown < 40 * 1024, "refusals grew the peak by {grown} KiB");
    let staged = std::fs::read_dir(m.data_dir.join("blobs/tmp"))
        .unwrap()
        .count();
    assert_eq!(staged, 0, "refused uploads left temporary files");
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// Every folder under `dir` (itself included) and every file, with its mode.
fn modes(dir: &Path, out: &mut Vec<(String, u32)>) {
    out.push((dir.display().to_string(), mode(dir)));
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            modes(&path, out);
        } else {
            out.push((path.display().to_string(), mode(&path)));
        }
    }
}

#[test]
fn state_is_private_whatever_the_umask() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("new/data");
    let m = Mock::start_configured(&data, &[], |cmd| {
        // SAFETY: umask is async-signal-safe and only affects the child.
        unsafe {
            cmd.pre_exec(|| {
                libc::umask(0);
                Ok(())
            });
        }
    });
    domain_and_repo(&m);
    let token = m.aws_ok(&["get-authorization-token", "--domain", DOMAIN])["authorizationToken"]
        .as_str()
        .unwrap()
        .to_string();
    let status = stream_npm_publish(&m, &token, 1000, false);
    assert!(status.starts_with("HTTP/1.1 200"), "{status}");
    let mut found = Vec::new();
    modes(&data, &mut found);
    let names: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
    for expected in [
        "codeartifact.sqlite3",
        "codeartifact.sqlite3-wal",
        "codeartifact.sqlite3-shm",
        "server.json",
        "lock",
    ] {
        assert!(
            names.iter().any(|n| n.ends_with(&format!("/{expected}"))),
            "{expected} missing: {names:?}"
        );
    }
    assert!(
        names.iter().any(|n| n.contains("/blobs/d/dom/")),
        "{names:?}"
    );
    for (path, mode) in &found {
        let want = if Path::new(path).is_dir() {
            0o700
        } else {
            0o600
        };
        assert_eq!(*mode, want, "{path} is {mode:o}");
    }
    // The folder above the data dir was created for it: private too.
    assert_eq!(mode(&tmp.path().join("new")), 0o700);
    m.stop();

    // A data dir the user made (and chose the mode of) keeps its mode.
    let shared = tmp.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o750)).unwrap();
    let m = Mock::start_with(&shared, &[]);
    assert_eq!(mode(&shared), 0o750);
    assert_eq!(mode(&shared.join("codeartifact.sqlite3")), 0o600);
    m.stop();
}
