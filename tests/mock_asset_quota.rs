//! The asset quota (5 GB in the service; `mock serve --max-asset-bytes` lowers it): uploads over
//! it are refused as soon as they pass it, through the API (ServiceQuotaExceededException, as
//! AWS CLI v1 and our client both report it) and the data plane (413), and leave nothing behind.

mod common;

use std::io::{Read, Write};
use std::process::Command;
use std::time::Duration;

use common::Mock;

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// Sends `head` (request line and headers, without the blank line) and then `body`, and returns
/// the status code and the whole response text.
fn send(url: &str, head: &str, body: &[u8]) -> (u16, String) {
    let addr = url.strip_prefix("http://").expect("http URL");
    let mut s = std::net::TcpStream::connect(addr).expect("connect to mock");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "{head}\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    // The mock may answer (and close) before it has read everything: that is the point.
    let _ = s.write_all(body);
    let mut resp = Vec::new();
    let _ = s.read_to_end(&mut resp);
    let resp = String::from_utf8_lossy(&resp).into_owned();
    let status = resp
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no HTTP response: {resp:?}"));
    (status, resp)
}

fn publish_args<'a>(path: &'a str, sha: &'a str, version: &'a str) -> Vec<&'a str> {
    vec![
        "publish-package-version",
        "--domain",
        "dom",
        "--repository",
        "repo",
        "--format",
        "generic",
        "--namespace",
        "ns",
        "--package",
        "big",
        "--package-version",
        version,
        "--asset-name",
        "big.bin",
        "--asset-content",
        path,
        "--asset-sha256",
        sha,
    ]
}

fn staged_files(m: &Mock) -> usize {
    std::fs::read_dir(m.data_dir.join("blobs/tmp")).map_or(0, |d| d.count())
}

#[test]
fn publishing_over_the_quota_is_refused_by_both_clients_alike() {
    let m = Mock::start_in_temp(&["--max-asset-bytes", "1024"]);
    m.aws_ok(&["create-domain", "--domain", "dom"]);
    m.aws_ok(&[
        "create-repository",
        "--domain",
        "dom",
        "--repository",
        "repo",
    ]);
    let dir = tempfile::tempdir().unwrap();
    let big = vec![7u8; 2000];
    let big_path = dir.path().join("big.bin");
    std::fs::write(&big_path, &big).unwrap();
    let (big_path, big_sha) = (big_path.to_str().unwrap(), sha256_hex(&big));

    let expected = "\nAn error occurred (ServiceQuotaExceededException) when calling the \
                    PublishPackageVersion operation: An asset can be at most 1024 bytes; this one \
                    has 2000\n";
    let aws = m.aws(&publish_args(big_path, &big_sha, "1.0"));
    assert_eq!(aws.status.code(), Some(255), "{}", aws.stderr);
    assert_eq!(aws.stderr, expected);
    let mut ours = Command::new(env!("CARGO_BIN_EXE_codeartifact"));
    m.env().apply(&mut ours);
    let ours = ours
        .args(publish_args(big_path, &big_sha, "1.0"))
        .args(["--endpoint-url", &m.url])
        .output()
        .unwrap();
    assert_eq!(ours.status.code(), Some(254));
    assert_eq!(String::from_utf8_lossy(&ours.stderr), expected);
    // Nothing was stored, nothing was left staged.
    let versions = m.aws(&[
        "list-package-versions",
        "--domain",
        "dom",
        "--repository",
        "repo",
        "--format",
        "generic",
        "--namespace",
        "ns",
        "--package",
        "big",
    ]);
    assert!(
        versions.stderr.contains("ResourceNotFoundException"),
        "{}",
        versions.stderr
    );
    assert_eq!(staged_files(&m), 0);

    // A body without a declared length is stopped as soon as it passes the quota.
    let chunk = vec![b'x'; 600];
    let mut chunked = Vec::new();
    for _ in 0..4 {
        chunked.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        chunked.extend_from_slice(&chunk);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let (status, resp) = send(
        &m.url,
        &format!(
            "POST /v1/package/version/publish?domain=dom&repository=repo&format=generic&namespace=ns\
             &package=big&version=1.0&asset=big.bin HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\
             x-amz-content-sha256: {}\r\nAuthorization: AWS4-HMAC-SHA256 Credential=AKID/x",
            sha256_hex(&[b'x'; 2400])
        ),
        &chunked,
    );
    assert_eq!(status, 402, "{resp}");
    assert!(resp.contains("ServiceQuotaExceededException"), "{resp}");
    assert_eq!(staged_files(&m), 0);

    // At the quota it is accepted.
    let fits = vec![7u8; 1024];
    let fits_path = dir.path().join("fits.bin");
    std::fs::write(&fits_path, &fits).unwrap();
    let out = m.aws_ok(&publish_args(
        fits_path.to_str().unwrap(),
        &sha256_hex(&fits),
        "2.0",
    ));
    assert_eq!(out["asset"]["size"], 1024);
}

#[test]
fn a_declared_length_over_5_gb_is_refused_before_any_byte_is_read() {
    let m = Mock::start();
    m.aws_ok(&["create-domain", "--domain", "dom"]);
    m.aws_ok(&[
        "create-repository",
        "--domain",
        "dom",
        "--repository",
        "repo",
    ]);
    let five_gb = 5u64 * 1024 * 1024 * 1024;
    let (status, resp) = send(
        &m.url,
        &format!(
            "POST /v1/package/version/publish?domain=dom&repository=repo&format=generic&namespace=ns\
             &package=big&version=1.0&asset=big.bin HTTP/1.1\r\nContent-Length: {}\r\n\
             x-amz-content-sha256: {}\r\nAuthorization: AWS4-HMAC-SHA256 Credential=AKID/x",
            five_gb + 1,
            sha256_hex(b"")
        ),
        b"only the start of a body that never comes",
    );
    assert_eq!(status, 402, "{resp}");
    assert!(
        resp.contains(&format!(
            "An asset can be at most {five_gb} bytes; this one has {}",
            five_gb + 1
        )),
        "{resp}"
    );

    // The data plane answers the same upload with 413.
    let token = m.aws_ok(&["get-authorization-token", "--domain", "dom"])["authorizationToken"]
        .as_str()
        .unwrap()
        .to_string();
    let (status, resp) = send(
        &m.url,
        &format!(
            "PUT /maven/d/dom-111122223333/repo/com/example/lib/1.0/lib-1.0.jar HTTP/1.1\r\n\
             Content-Length: {}\r\nAuthorization: Bearer {token}",
            five_gb + 1
        ),
        b"PK",
    );
    assert_eq!(status, 413, "{resp}");
    assert_eq!(staged_files(&m), 0);
}
