//! Fuzz target: the emulator's request handling on both planes (issue 9).
//!
//! An emulator is started in this process (`codeartifact::mock::start`, a real server on a
//! loopback port, which is fast), seeded with a domain, a repository, a token and a package of
//! each format. Each case is one well-framed HTTP/1.1 request: any method; a path that is every
//! operation's route with garbage in its query parameters, every registry's path shapes with
//! garbage in their segments, or garbage; any set of headers (a valid or broken token, content
//! types, digests); and a body that is random bytes, JSON shaped like the operation's input, an
//! npm publish document, a multipart upload or a cargo publish body, sent with its length or in
//! chunks. The property: an answer comes back, within the client timeout, and it is a success or
//! a 4xx, never a 5xx (a handler's panic is a 500, a panic elsewhere no answer at all).

mod fuzz_support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use base64::Engine;
use codeartifact::mock::{Running, ServeOptions};
use codeartifact::model::{self, Kind};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde_json::{Value, json};

const OWNER: &str = "111122223333";

/// A request, as sent.
#[derive(Debug, Clone)]
struct Req {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    chunked: bool,
}

/// Text of every kind the handlers might trip on: plausible names, separators and traversal,
/// any Unicode, lengths around the model's limits, numbers and timestamps.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "dom", "repo", "other", "generic", "npm", "pypi", "maven", "cargo", "nuget", "swift",
            "ruby", "ns", "pkg", "1.0.0", "1.0", "../../x", "..", "a/b", "a\\b", "/tmp/x",
            "@s/pkg", "true", "false", "-1", "0", "99999999999999999999", "1e3",
            "2024-01-01T00:00:00Z", "Published", "Archived", "Disposed", "ALLOW", "BLOCK",
            "/*", "/npm/*", "arn:aws:codeartifact:us-east-1:111122223333:domain/dom",
            "public:npmjs", "package.tgz",
        ])
        .prop_map(str::to_string),
        2 => prop::string::string_regex("[a-zA-Z0-9._~@/%+:;=, -]{0,40}").expect("regex"),
        1 => any::<String>().prop_map(|s| s.chars().take(40).collect()),
        1 => (0usize..400).prop_map(|n| "a".repeat(n)),
        1 => Just(String::new()),
    ]
}

fn percent(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

fn query(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", percent(k), percent(v)))
        .collect::<Vec<_>>()
        .join("&")
}

const METHODS: [&str; 9] = [
    "GET", "PUT", "POST", "DELETE", "HEAD", "PATCH", "OPTIONS", "TRACE", "PROPFIND",
];

/// Values the seeded state answers to, by member name, so that cases get past validation and
/// lookups into the handlers; garbage the rest of the time.
fn plausible(member: &str) -> BoxedStrategy<String> {
    let choices: &[&str] = match member {
        "domain" => &["dom"],
        "domainOwner" | "administratorAccount" => &[OWNER],
        "repository" | "sourceRepository" | "destinationRepository" | "repositoryName" => {
            &["repo", "repo2"]
        }
        "namespace" => &["ns"],
        "package" | "packagePrefix" | "name" => &["pkg", "p"],
        "packageVersion" | "versions" | "version" | "vers" => &["1.0", "2.0", "1.0.0"],
        "assetName" | "asset" => &["a.bin", "b.bin"],
        "packageGroup" | "pattern" | "prefix" => &["/*", "/generic/ns/*", "/npm/*"],
        "externalConnection" => &["public:npmjs", "public:pypi"],
        ":action" => &["file_upload"],
        "assetSHA256" => &["b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"],
        _ => return text().boxed(),
    };
    prop_oneof![
        9 => prop::sample::select(choices.to_vec()).prop_map(str::to_string),
        1 => text(),
    ]
    .boxed()
}

/// A value for `shape` (member `member` of its parent), as the model types it: enums from their
/// values, strings from `plausible`, structures with each member present or not.
fn value_of(shape_name: &str, member: &str, depth: u32) -> BoxedStrategy<Value> {
    let m = model::model();
    let shape = m.shape(shape_name);
    match shape.kind {
        Kind::Structure if depth < 4 => {
            let members: Vec<BoxedStrategy<Option<(String, Value)>>> = shape
                .members
                .iter()
                .map(|(name, mem)| {
                    let present = if shape.is_required(name) { 0.95 } else { 0.5 };
                    let name = name.clone();
                    prop::option::weighted(present, value_of(&mem.shape, &name, depth + 1))
                        .prop_map(move |v| v.map(|v| (name.clone(), v)))
                        .boxed()
                })
                .collect();
            members
                .prop_map(|kv| Value::Object(kv.into_iter().flatten().collect()))
                .boxed()
        }
        Kind::List if depth < 4 => {
            let item = shape
                .member
                .as_ref()
                .expect("list has a member")
                .shape
                .clone();
            prop::collection::vec(value_of(&item, member, depth + 1), 0..3)
                .prop_map(Value::Array)
                .boxed()
        }
        Kind::Map if depth < 4 => {
            let val = shape.value.as_ref().expect("map has a value").shape.clone();
            prop::collection::vec((plausible(member), value_of(&val, member, depth + 1)), 0..3)
                .prop_map(|kv| Value::Object(kv.into_iter().collect()))
                .boxed()
        }
        Kind::String => match &shape.enum_values {
            Some(values) => prop_oneof![
                9 => prop::sample::select(values.clone()),
                1 => text(),
            ]
            .prop_map(Value::String)
            .boxed(),
            None => plausible(member).prop_map(Value::String).boxed(),
        },
        Kind::Integer | Kind::Long => prop_oneof![
            4 => (0i64..20).prop_map(|n| json!(n)),
            1 => any::<i64>().prop_map(|n| json!(n)),
        ]
        .boxed(),
        Kind::Boolean => any::<bool>().prop_map(Value::Bool).boxed(),
        Kind::Timestamp => (0i64..2_000_000_000).prop_map(|n| json!(n)).boxed(),
        _ => text().prop_map(Value::String).boxed(),
    }
}

/// A value as it travels in a query string (a list as repeated parameters).
fn texts(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().flat_map(texts).collect(),
        Value::Null => Vec::new(),
        other => vec![other.to_string()],
    }
}

/// Every operation's route, its query parameters and JSON body typed by the model with
/// plausible or garbage values, sometimes with the wrong method or extra parameters.
fn control_plane_target() -> impl Strategy<Value = (String, String, Option<Vec<u8>>)> {
    let ops: Vec<&'static model::Operation> = model::model().operations.values().collect();
    prop::sample::select(ops).prop_flat_map(|op| {
        let input = value_of(&op.input.shape, "", 0);
        (
            input,
            prop::collection::vec((text(), text()), 0..2),
            prop::option::weighted(0.1, prop::sample::select(METHODS.to_vec())),
        )
            .prop_map(move |(input, extra, method)| {
                let m = model::model();
                let mut pairs = Vec::new();
                let mut body = serde_json::Map::new();
                for (name, member) in &m.input(op).members {
                    let Some(v) = input.get(name) else { continue };
                    match member.location.as_deref() {
                        Some("querystring") => {
                            let wire = member.location_name.as_deref().unwrap_or(name);
                            pairs.extend(texts(v).into_iter().map(|t| (wire.to_string(), t)));
                        }
                        // Headers come from `headers`; payloads from `body`.
                        Some(_) => {}
                        None => {
                            body.insert(name.clone(), v.clone());
                        }
                    }
                }
                pairs.extend(extra);
                let method = method.map_or_else(|| op.http.method.clone(), str::to_string);
                let json = (!body.is_empty()).then(|| Value::Object(body).to_string().into_bytes());
                (
                    method,
                    format!("{}?{}", op.http.request_uri, query(&pairs)),
                    json,
                )
            })
    })
}

/// The paths each registry serves, with garbage where a segment could be.
fn data_plane_target() -> impl Strategy<Value = (String, String)> {
    let shapes = vec![
        "-/ping",
        "{x}",
        "@{x}%2f{x}",
        "@{x}/{x}",
        "{x}/-/{x}-{x}.tgz",
        "@{x}/{x}/-/{x}-{x}.tgz",
        "-/package/{x}/dist-tags",
        "-/package/{x}/dist-tags/{x}",
        "",
        "simple/",
        "simple/{x}/",
        "simple/{x}/{x}/{x}",
        "legacy/",
        "{x}/{x}/{x}/{x}",
        "{x}/{x}/{x}/{x}.sha1",
        "{x}/{x}/maven-metadata.xml",
        "{x}/{x}/{x}-SNAPSHOT/maven-metadata.xml",
        "config.json",
        "api/v1/crates/new",
        "api/v1/crates/{x}/{x}/download",
        "api/v1/crates/{x}/{x}/yank",
        "api/v1/crates/{x}/{x}/unyank",
        "api/v1/crates/{x}/owners",
        "api/v1/crates",
        "1/{x}",
        "2/{x}",
        "3/{x}/{x}",
        "{x}/{x}/{x}",
        "v3/index.json",
        "{x}",
    ];
    (
        prop::sample::select(vec![
            "npm", "pypi", "maven", "cargo", "generic", "nuget", "swift", "ruby", "x",
        ]),
        prop_oneof![6 => Just(DP_DOMAIN), 1 => prop::sample::select(vec!["dom", "nope", "d"])],
        prop_oneof![6 => Just("repo"), 1 => prop::sample::select(vec!["repo2", "missing", "r"])],
        prop::sample::select(shapes),
        prop::collection::vec(
            prop_oneof![
                3 => prop::sample::select(vec![
                    "pkg", "p", "1.0.0", "1.0", "com", "lib", "a.bin", "pkg-1.0.0.tgz",
                    "pkg-1.0.tar.gz", "lib-1.0.jar", "maven-metadata.xml", "latest", "s",
                ])
                .prop_map(str::to_string),
                1 => text(),
            ],
            8,
        ),
        prop::sample::select(METHODS.to_vec()),
    )
        .prop_map(|(format, domain, repo, shape, fills, method)| {
            let mut rest = String::new();
            let mut fills = fills.into_iter();
            for (i, part) in shape.split("{x}").enumerate() {
                if i > 0 {
                    rest.push_str(&percent(&fills.next().unwrap_or_default()));
                }
                rest.push_str(part);
            }
            (
                method.to_string(),
                format!("/{format}/d/{domain}-{OWNER}/{repo}/{rest}"),
            )
        })
}

/// A JSON value whose keys are the operation's members (and others).
fn json_body(members: Vec<String>) -> impl Strategy<Value = Vec<u8>> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        text().prop_map(Value::String),
    ];
    let value = leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((text(), inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    });
    let keys = if members.is_empty() {
        vec!["versions".to_string()]
    } else {
        members
    };
    prop::collection::vec((prop::sample::select(keys), value), 0..5).prop_map(|kv| {
        Value::Object(kv.into_iter().collect())
            .to_string()
            .into_bytes()
    })
}

/// An npm publish document, its attachment's data valid base64 or not.
fn npm_body() -> impl Strategy<Value = Vec<u8>> {
    (
        plausible("name"),
        plausible("version"),
        prop_oneof![3 => Just("pkg-1.0.0.tgz".to_string()), 1 => text()],
        prop::collection::vec(any::<u8>(), 0..64),
        prop::bool::weighted(0.8),
    )
        .prop_map(|(name, version, attachment, tgz, valid)| {
            let data = if valid {
                base64::engine::general_purpose::STANDARD.encode(&tgz)
            } else {
                String::from_utf8_lossy(&tgz).into_owned()
            };
            json!({"name": name, "versions": {version.clone(): {"name": name, "version": version}},
                   "dist-tags": {"latest": version},
                   "_attachments": {attachment: {"data": data, "length": tgz.len()}}})
            .to_string()
            .into_bytes()
        })
}

/// A multipart form with the boundary `fz`, fields and a file part.
fn multipart_body() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::collection::vec(
            prop::sample::select(vec![":action", "name", "version", "sha256_digest", "x"])
                .prop_flat_map(|k| (Just(k), plausible(k))),
            0..5,
        ),
        prop_oneof![3 => Just("pkg-1.0.tar.gz".to_string()), 1 => text()],
        prop::collection::vec(any::<u8>(), 0..64),
    )
        .prop_map(|(fields, filename, content)| {
            let mut b = Vec::new();
            for (k, v) in fields {
                b.extend_from_slice(
                    format!("--fz\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                        .as_bytes(),
                );
            }
            b.extend_from_slice(
                format!(
                    "--fz\r\nContent-Disposition: form-data; name=\"content\"; filename=\"{filename}\"\r\n\r\n"
                )
                .as_bytes(),
            );
            b.extend_from_slice(&content);
            b.extend_from_slice(b"\r\n--fz--\r\n");
            b
        })
}

/// A cargo publish body whose lengths may lie.
fn cargo_body() -> impl Strategy<Value = Vec<u8>> {
    (
        any::<u32>(),
        prop_oneof![
            2 => Just(json!({"name": "pkg", "vers": "1.0.0", "deps": []}).to_string().into_bytes()),
            1 => json_body(vec!["name".into(), "vers".into(), "deps".into()]),
        ],
        prop::option::of(any::<u32>()),
        prop::collection::vec(any::<u8>(), 0..64),
    )
        .prop_map(|(lie, json, crate_len, bytes)| {
            let meta_len = if lie % 4 == 0 { lie } else { json.len() as u32 };
            let mut b = meta_len.to_le_bytes().to_vec();
            b.extend_from_slice(&json);
            b.extend_from_slice(&crate_len.unwrap_or(bytes.len() as u32).to_le_bytes());
            b.extend_from_slice(&bytes);
            b
        })
}

/// A body: the operation's own JSON when it has one, or any of the others.
fn body(typed: Option<Vec<u8>>) -> impl Strategy<Value = Vec<u8>> {
    let has_typed = typed.is_some();
    prop_oneof![
        if has_typed { 14 } else { 0 } => Just(typed.unwrap_or_default()),
        2 => Just(Vec::new()),
        2 => prop::collection::vec(any::<u8>(), 0..512),
        1 => json_body(Vec::new()),
        2 => npm_body(),
        2 => multipart_body(),
        2 => cargo_body(),
    ]
}

fn headers(token: String) -> impl Strategy<Value = Vec<(String, String)>> {
    let auth = prop_oneof![
        8 => Just(format!("Bearer {token}")),
        2 => Just(format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("aws:{token}"))
        )),
        1 => text().prop_map(|t| format!("Bearer {t}")),
        1 => text(),
    ];
    let content_type = prop::sample::select(vec![
        "application/json",
        "multipart/form-data; boundary=fz",
        "multipart/form-data",
        "application/octet-stream",
        "text/html",
    ]);
    let accept = prop::sample::select(vec![
        "application/vnd.pypi.simple.v1+json",
        "text/html",
        "application/vnd.npm.install-v1+json",
        "*/*",
    ]);
    (
        prop::option::weighted(0.9, auth),
        prop::option::of(content_type),
        prop::option::of(accept),
        prop::option::of(text()),
        prop::collection::vec(
            (
                prop::sample::select(vec![
                    "x-amz-content-sha256",
                    "If-None-Match",
                    "X-Amz-Target",
                    "Expect",
                    "X-Other",
                ]),
                text(),
            ),
            0..3,
        ),
    )
        .prop_map(|(auth, ct, accept, sha, extra)| {
            let mut h = Vec::new();
            if let Some(a) = auth {
                h.push(("Authorization".to_string(), a));
            }
            if let Some(c) = ct {
                h.push(("Content-Type".to_string(), c.to_string()));
            }
            if let Some(a) = accept {
                h.push(("Accept".to_string(), a.to_string()));
            }
            if let Some(s) = sha {
                h.push(("x-amz-content-sha256".to_string(), s));
            }
            h.extend(extra.into_iter().map(|(k, v)| (k.to_string(), v)));
            // Header values are visible ASCII on the wire; the rest is the HTTP parser's
            // business, not the emulator's.
            h.into_iter()
                .map(|(k, v)| {
                    (
                        k,
                        v.chars()
                            .filter(|c| c.is_ascii_graphic() || *c == ' ')
                            .collect(),
                    )
                })
                .collect()
        })
}

fn request(token: String) -> impl Strategy<Value = Req> {
    let target = prop_oneof![
        3 => control_plane_target(),
        3 => data_plane_target().prop_map(|(m, t)| (m, t, None)),
        1 => (prop::sample::select(METHODS.to_vec()), prop::collection::vec(text(), 0..5))
            .prop_map(|(m, segs)| {
                let path: Vec<String> = segs.iter().map(|s| percent(s)).collect();
                (m.to_string(), format!("/{}", path.join("/")), None)
            }),
    ];
    (target, headers(token), any::<bool>()).prop_flat_map(
        |((method, target, typed), headers, chunked)| {
            body(typed).prop_map(move |body| Req {
                method: method.clone(),
                target: target.clone(),
                headers: headers.clone(),
                body,
                chunked,
            })
        },
    )
}

/// Sends `req` and returns the status of the answer.
fn send(addr: &str, req: &Req) -> Result<u16, String> {
    let mut s = TcpStream::connect(addr).map_err(|e| format!("connect: {e}"))?;
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut head = format!("{} {} HTTP/1.1\r\nHost: {addr}\r\n", req.method, req.target);
    for (k, v) in &req.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    let mut wire = head.into_bytes();
    if req.chunked {
        wire.extend_from_slice(b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        for part in req.body.chunks(100) {
            wire.extend_from_slice(format!("{:x}\r\n", part.len()).as_bytes());
            wire.extend_from_slice(part);
            wire.extend_from_slice(b"\r\n");
        }
        wire.extend_from_slice(b"0\r\n\r\n");
    } else {
        wire.extend_from_slice(
            format!(
                "Content-Length: {}\r\nConnection: close\r\n\r\n",
                req.body.len()
            )
            .as_bytes(),
        );
        wire.extend_from_slice(&req.body);
    }
    // The server may answer (and close) before reading everything: what counts is the answer.
    let _ = s.write_all(&wire);
    let mut resp = Vec::new();
    let read = s.read_to_end(&mut resp);
    let text = String::from_utf8_lossy(&resp);
    let status = text
        .strip_prefix("HTTP/1.1 ")
        .and_then(|t| t.get(..3))
        .and_then(|c| c.parse().ok());
    match (status, read) {
        (Some(code), _) => Ok(code),
        (None, Err(e)) if e.kind() == std::io::ErrorKind::WouldBlock => {
            Err("no answer within 20 s".to_string())
        }
        (None, r) => Err(format!("no answer ({r:?}): {text:?}")),
    }
}

/// A POST on the API: its status and JSON answer.
fn post(addr: &str, target: &str, headers: &[(&str, String)], body: &[u8]) -> (u16, Value) {
    let mut s = TcpStream::connect(addr).unwrap();
    let mut wire = format!("POST {target} HTTP/1.1\r\nHost: {addr}\r\n");
    for (k, v) in headers {
        wire.push_str(&format!("{k}: {v}\r\n"));
    }
    wire.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    s.write_all(wire.as_bytes()).unwrap();
    s.write_all(body).unwrap();
    let mut resp = String::new();
    s.read_to_string(&mut resp).unwrap();
    let status = resp.get(9..12).and_then(|c| c.parse().ok()).unwrap_or(0);
    let body = resp.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    (status, serde_json::from_str(body).unwrap_or(Value::Null))
}

/// The domain the data-plane cases use: no control-plane case names it (they may delete the
/// domain they name), so its token stays valid.
const DP_DOMAIN: &str = "dp";

/// Creates (again, after a case deleted them) the domains, repositories and a generic package
/// the cases name. Conflicts are expected.
fn seed(addr: &str) {
    for domain in ["dom", DP_DOMAIN] {
        post(addr, &format!("/v1/domain?domain={domain}"), &[], b"");
        for repo in ["repo", "repo2"] {
            post(
                addr,
                &format!("/v1/repository?domain={domain}&repository={repo}"),
                &[],
                b"",
            );
        }
    }
    let sha = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";
    post(
        addr,
        "/v1/package/version/publish?domain=dom&repository=repo&format=generic&namespace=ns\
         &package=pkg&version=1.0&asset=a.bin",
        &[("x-amz-content-sha256", sha.to_string())],
        b"hello world",
    );
}

/// An emulator, seeded; the data-plane domain's token.
fn seeded() -> (tokio::runtime::Runtime, Running, tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let running = rt
        .block_on(codeartifact::mock::start(ServeOptions {
            listen: "127.0.0.1:0".parse().unwrap(),
            data_dir: dir.path().join("data"),
            ..ServeOptions::default()
        }))
        .unwrap();
    let addr = running.url.strip_prefix("http://").unwrap().to_string();
    seed(&addr);
    let (status, out) = post(
        &addr,
        &format!("/v1/authorization-token?domain={DP_DOMAIN}"),
        &[],
        b"",
    );
    assert_eq!(status, 200, "{out}");
    let token = out["authorizationToken"].as_str().unwrap().to_string();
    (rt, running, dir, token)
}

#[test]
fn every_request_gets_a_success_or_a_4xx() {
    let (rt, running, _dir, token) = seeded();
    let addr = running.url.strip_prefix("http://").unwrap().to_string();
    // Which answers the cases got: a target that only ever reached 404s would prove little.
    let seen = std::sync::Mutex::new(std::collections::BTreeMap::<u16, u32>::new());
    let cases = std::sync::atomic::AtomicU32::new(0);
    fuzz_support::run("mock", 3000, request(token), |req| {
        if cases.fetch_add(1, std::sync::atomic::Ordering::Relaxed) % 100 == 99 {
            seed(&addr);
        }
        match send(&addr, &req) {
            Ok(status) if status < 500 => {
                *seen.lock().unwrap().entry(status).or_default() += 1;
                Ok(())
            }
            Ok(status) => Err(TestCaseError::fail(format!("{status} for {req:?}"))),
            Err(e) => Err(TestCaseError::fail(format!("{e} for {req:?}"))),
        }
    });
    let seen = seen.into_inner().unwrap();
    eprintln!("statuses of the mock's answers: {seen:?}");
    for class in [200, 400, 401, 404, 409] {
        assert!(seen.contains_key(&class), "no case got a {class}: {seen:?}");
    }
    rt.block_on(running.shutdown()).unwrap();
}
