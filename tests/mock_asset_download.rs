//! get-package-version-asset's size (issue 11 item 8): the emulator sends Content-Length, as the
//! service does, and the client's progress on a terminal shows percent and time left against it.

mod common;

use std::process::Command;

use common::{Mock, header, raw_request};

#[test]
fn assets_come_with_their_length_and_progress_shows_percent_and_time_left() {
    let mock = Mock::start();
    let dir = tempfile::tempdir().unwrap();
    // Big enough that the download takes a few progress ticks; small enough for seconds.
    let asset = dir.path().join("big.bin");
    // Text, so the raw request below can read the body as a string.
    let bytes: Vec<u8> = (0..(8u32 << 20)).map(|i| b'a' + (i % 26) as u8).collect();
    std::fs::write(&asset, &bytes).unwrap();
    let sha = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(&bytes))
    };
    mock.aws_ok(&["create-domain", "--domain", "dom"]);
    mock.aws_ok(&[
        "create-repository",
        "--domain",
        "dom",
        "--repository",
        "repo",
    ]);
    mock.aws_ok(&[
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
        "p",
        "--package-version",
        "1.0",
        "--asset-content",
        asset.to_str().unwrap(),
        "--asset-name",
        "big.bin",
        "--asset-sha256",
        &sha,
    ]);

    let (status, headers, _) = raw_request(
        &mock.url,
        "GET",
        "/v1/package/version/asset?domain=dom&repository=repo&format=generic&namespace=ns&package=p&version=1.0&asset=big.bin",
        "",
    );
    assert_eq!(status, 200);
    assert_eq!(
        header(&headers, "content-length"),
        Some(bytes.len().to_string().as_str())
    );
    assert_eq!(header(&headers, "transfer-encoding"), None);

    // On a terminal (util-linux `script` gives the command one), the bar has the total.
    let outfile = dir.path().join("out.bin");
    let cmd = format!(
        "{} get-package-version-asset --domain dom --repository repo --format generic --namespace ns \
         --package p --package-version 1.0 --asset big.bin {} --endpoint-url {}",
        env!("CARGO_BIN_EXE_codeartifact"),
        outfile.display(),
        mock.url
    );
    let mut script = Command::new("script");
    script.args(["-qec", &cmd, "/dev/null"]);
    mock.env().apply(&mut script);
    let out = script.env("TERM", "xterm").output().unwrap();
    let tty = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{tty}");
    assert_eq!(std::fs::read(&outfile).unwrap(), bytes);
    assert!(
        tty.contains("download") && tty.contains('%') && tty.contains(" left)"),
        "no progress with a total: {tty:?}"
    );
}
