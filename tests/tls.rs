//! HTTPS endpoints: certificates are verified (against the system roots or `--ca-bundle`) unless
//! `--no-verify-ssl` says not to, as in the AWS CLI. The endpoint is the mock behind a
//! TLS-terminating front on loopback with a self-signed certificate made by openssl.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

use common::Mock;
use tokio_rustls::rustls;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};

/// A private CA (`ca.pem`, what `--ca-bundle` trusts) and a server certificate it signed for
/// 127.0.0.1 and localhost: (ca.pem, cert.pem, key.pem).
fn certificates(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let p = |name: &str| dir.join(name);
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    let openssl = |args: &[&str]| {
        let out = Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .expect("openssl is installed");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    openssl(
        &[
            &["req", "-x509"][..],
            &ec,
            &[
                "-days",
                "1",
                "-subj",
                "/CN=test CA",
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
            ],
        ]
        .concat(),
    );
    openssl(
        &[
            &["req", "-new"][..],
            &ec,
            &[
                "-subj",
                "/CN=localhost",
                "-keyout",
                "key.pem",
                "-out",
                "server.csr",
            ],
        ]
        .concat(),
    );
    std::fs::write(
        p("ext.cnf"),
        "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n",
    )
    .unwrap();
    openssl(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "1",
        "-extfile",
        "ext.cnf",
        "-out",
        "cert.pem",
    ]);
    (p("ca.pem"), p("cert.pem"), p("key.pem"))
}

/// Serves TLS on a free loopback port and forwards each connection's bytes to `backend`.
/// Returns the port; the front lives as long as the test process.
fn tls_front(cert: &Path, key: &Path, backend: String) -> u16 {
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(cert)
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let key = PrivateKeyDer::from_pem_file(key).unwrap();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::aws_lc_rs::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(certs, key)
    .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            loop {
                let Ok((tcp, _)) = listener.accept().await else {
                    continue;
                };
                let (acceptor, backend) = (acceptor.clone(), backend.clone());
                tokio::spawn(async move {
                    // A client that refuses the certificate ends the handshake: nothing to do.
                    let Ok(mut tls) = acceptor.accept(tcp).await else {
                        return;
                    };
                    let Ok(mut up) = tokio::net::TcpStream::connect(&backend).await else {
                        return;
                    };
                    let _ = tokio::io::copy_bidirectional(&mut tls, &mut up).await;
                });
            }
        });
    });
    port
}

/// An HTTP proxy that only tunnels (CONNECT), on a free loopback port; records each tunnel's
/// destination. Returns the port and the record.
fn connect_proxy() -> (u16, Arc<std::sync::Mutex<Vec<String>>>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    let record = Arc::clone(&seen);
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            loop {
                let Ok((mut client, _)) = listener.accept().await else {
                    continue;
                };
                let record = Arc::clone(&record);
                tokio::spawn(async move {
                    // The request head: "CONNECT host:port HTTP/1.1" ... blank line.
                    let mut head = Vec::new();
                    let mut byte = [0u8; 1];
                    while !head.ends_with(b"\r\n\r\n") {
                        if client.read_exact(&mut byte).await.is_err() {
                            return;
                        }
                        head.push(byte[0]);
                    }
                    let head = String::from_utf8_lossy(&head).into_owned();
                    let Some(target) = head
                        .strip_prefix("CONNECT ")
                        .and_then(|r| r.split(' ').next())
                    else {
                        let _ = client.write_all(b"HTTP/1.1 405 Only CONNECT\r\n\r\n").await;
                        return;
                    };
                    record.lock().unwrap().push(target.to_string());
                    let Ok(mut up) = tokio::net::TcpStream::connect(target).await else {
                        return;
                    };
                    let _ = client
                        .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
                        .await;
                    let _ = tokio::io::copy_bidirectional(&mut client, &mut up).await;
                });
            }
        });
    });
    (port, seen)
}

fn ours(m: &Mock, url: &str, extra: &[&str]) -> Output {
    ours_with(m, url, extra, &[])
}

fn ours_with(m: &Mock, url: &str, extra: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_codeartifact"));
    m.env().apply(&mut cmd);
    cmd.args(["list-domains", "--endpoint-url", url])
        .args(extra)
        .env_remove("AWS_CA_BUNDLE")
        .envs(env.iter().copied())
        .output()
        .unwrap()
}

#[test]
fn https_certificates_are_verified_unless_no_verify_ssl() {
    let m = Mock::start();
    for domain in ["dom", "dom2", "dom3"] {
        m.aws_ok(&["create-domain", "--domain", domain]);
    }
    let dir = tempfile::tempdir().unwrap();
    let (ca, cert, key) = certificates(dir.path());
    let backend = m.url.strip_prefix("http://").unwrap().to_string();
    let url = format!("https://127.0.0.1:{}", tls_front(&cert, &key, backend));

    // Not trusted (a private CA): refused, nothing printed on stdout.
    let refused = ours(&m, &url, &[]);
    assert_eq!(refused.status.code(), Some(255));
    assert!(refused.stdout.is_empty());
    // The AWS CLI's sentence; the reason is rustls's words rather than OpenSSL's.
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.starts_with(&format!("\nSSL validation failed for {url}/v1/domains ")),
        "{stderr}"
    );
    assert!(stderr.contains("certificate"), "{stderr}");

    // --no-verify-ssl: the same output as AWS CLI v1 with the same flag.
    let insecure = ours(&m, &url, &["--no-verify-ssl"]);
    assert!(
        insecure.status.success(),
        "{}",
        String::from_utf8_lossy(&insecure.stderr)
    );
    let mut aws = Command::new(common::aws_bin());
    m.env().apply(&mut aws);
    let aws = aws
        .args([
            "codeartifact",
            "list-domains",
            "--endpoint-url",
            &url,
            "--no-verify-ssl",
        ])
        .env_remove("AWS_CA_BUNDLE")
        .output()
        .unwrap();
    assert!(
        aws.status.success(),
        "{}",
        String::from_utf8_lossy(&aws.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&insecure.stdout),
        String::from_utf8_lossy(&aws.stdout)
    );
    assert!(String::from_utf8_lossy(&insecure.stdout).contains("\"dom\""));

    // Trusted through --ca-bundle: verified and accepted.
    let bundled = ours(&m, &url, &["--ca-bundle", ca.to_str().unwrap()]);
    assert!(
        bundled.status.success(),
        "{}",
        String::from_utf8_lossy(&bundled.stderr)
    );
    assert_eq!(bundled.stdout, insecure.stdout);

    // Through a proxy named by the environment, both ways of trusting the endpoint tunnel
    // through it (a CA bundle and --no-verify-ssl are what corporate proxies make people use),
    // and a listing of three pages reuses one connection: one tunnel.
    let (proxy_port, seen) = connect_proxy();
    let proxy = format!("http://127.0.0.1:{proxy_port}");
    let env = [("HTTPS_PROXY", proxy.as_str()), ("NO_PROXY", "")];
    let front = url.strip_prefix("https://").unwrap().to_string();
    for extra in [
        &["--ca-bundle", ca.to_str().unwrap(), "--page-size", "1"][..],
        &["--no-verify-ssl", "--page-size", "1"][..],
    ] {
        let before = seen.lock().unwrap().len();
        let out = ours_with(&m, &url, extra, &env);
        assert!(
            out.status.success(),
            "{extra:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.stdout, insecure.stdout);
        let seen = seen.lock().unwrap();
        assert_eq!(
            &seen[before..],
            std::slice::from_ref(&front),
            "{extra:?}: one tunnel to the endpoint"
        );
    }
}
