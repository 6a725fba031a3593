//! cargo's credential-provider protocol, version 1 (cargo's
//! `credential-provider-protocol.md`): cargo runs `codeartifact --cargo-plugin` with stdin and
//! stdout piped, we say hello (`{"v":[1]}`), cargo sends one JSON request per line, and we
//! answer each with one line. A `get` (for reading, publishing, yanking...) is answered with the
//! token for the registry's index URL, `"cache": "expires"` with the token's real expiry so
//! cargo reuses it for the rest of its run, and `operation_independent` since a CodeArtifact
//! token is good for every operation. An index URL that is no CodeArtifact repository gets
//! `url-not-supported`, so cargo can try its next provider. The options in the registry's
//! `credential-provider` array (after the program) arrive in the request's `args`.
//!
//! Every request is answered and the process exits 0: cargo reads the answer first and treats
//! a failed exit as a broken provider, hiding our message.

use std::io::BufRead;

use serde_json::{Value, json};

use super::{Options, RepoUrl, answers_for, runtime, token_for};
use crate::cli::settings::Settings;
use crate::error::{Error, Result};
use crate::login::RepoArgs;

const PROTOCOL: u64 = 1;

/// The provider's whole run: the hello, then a response per request until stdin closes.
pub fn main() -> i32 {
    // One line each, flushed: cargo waits for each answer before it writes the next request.
    let send = |v: &Value| crate::output::stdout::print(format!("{v}\n").as_bytes());
    if send(&json!({"v": [PROTOCOL]})).is_err() {
        return 0;
    }
    let stdin = std::io::stdin();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        if line.trim().is_empty() {
            continue;
        }
        let response = respond(&line);
        if send(&response).is_err() {
            break;
        }
    }
    0
}

fn err(kind: &str) -> Value {
    json!({"Err": {"kind": kind}})
}

fn other(message: String) -> Value {
    json!({"Err": {"kind": "other", "message": message}})
}

/// The response to one request line.
pub fn respond(line: &str) -> Value {
    let Ok(request) = serde_json::from_str::<Value>(line) else {
        return other(format!(
            "codeartifact: the request is not JSON: {}",
            line.chars().take(80).collect::<String>()
        ));
    };
    if request["v"].as_u64() != Some(PROTOCOL) {
        return other(format!(
            "codeartifact: unsupported protocol version {}",
            request["v"]
        ));
    }
    if request["kind"] != "get" {
        // Nothing is stored, so there is nothing to log in to or out of.
        return err("operation-not-supported");
    }
    let index = request["registry"]["index-url"]
        .as_str()
        .unwrap_or_default();
    let Some(url) = RepoUrl::parse(index) else {
        return err("url-not-supported");
    };
    let args: Vec<&str> = request["args"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let opts = match Options::parse(&args) {
        Ok(o) => o,
        Err(e) => return other(format!("codeartifact: {}", e.to_string().trim())),
    };
    if !answers_for(&url, &opts.settings) {
        return err("url-not-supported");
    }
    match runtime().and_then(|rt| rt.block_on(token_for(&url, &opts))) {
        Ok(token) => json!({"Ok": {
            "kind": "get",
            "token": token.value,
            "cache": "expires",
            "expiration": token.expires.0,
            "operation_independent": true,
        }}),
        Err(e) => other(format!(
            "codeartifact: cannot get a token for domain {} (owner {}): {}",
            url.domain,
            url.owner,
            e.to_string().trim()
        )),
    }
}

/// The `credential-provider` array `login --tool cargo` writes: this program, and the options
/// of the login that the provider cannot learn from the index URL.
pub fn provider_command(
    settings: &Settings,
    endpoint: &str,
    repo: &RepoArgs,
) -> Result<Vec<String>> {
    let url = RepoUrl::parse(endpoint);
    let mut cmd = vec![program()?];
    let mut flag = |name: &str, value: Option<String>| {
        cmd.push(format!("--{name}"));
        cmd.extend(value);
    };
    if let Some(p) = &settings.profile {
        flag("profile", Some(p.clone()));
    }
    if settings.local {
        flag("local", None);
    }
    // A host-style URL names its region, a path-style one its endpoint (the emulator's, or a
    // VPC endpoint's API); what the URL does not say comes from the login.
    if let Some(r) = &settings.region
        && url.as_ref().is_none_or(|u| u.region.is_none())
    {
        flag("region", Some(r.clone()));
    }
    if let Some(e) = &settings.endpoint_url
        && url.as_ref().is_none_or(|u| u.api_endpoint.is_none())
    {
        flag("endpoint-url", Some(e.clone()));
    }
    // Settings fill the bundle in from AWS_CA_BUNDLE, which cargo's environment has too.
    if let Some(b) = &settings.ca_bundle
        && std::env::var("AWS_CA_BUNDLE").ok().as_ref() != Some(b)
    {
        flag("ca-bundle", Some(b.clone()));
    }
    if !settings.verify_ssl {
        flag("no-verify-ssl", None);
    }
    if let Some(d) = repo.duration_seconds {
        flag("duration-seconds", Some(d.to_string()));
    }
    if repo.no_token_cache {
        flag("no-token-cache", None);
    }
    Ok(cmd)
}

/// How cargo should run us: `codeartifact` when that is what PATH finds (a configuration that
/// survives reinstalling), else this executable's path.
fn program() -> Result<String> {
    let exe = std::env::current_exe()
        .and_then(std::fs::canonicalize)
        .map_err(|e| Error::other(format!("cannot find the codeartifact executable: {e}")))?;
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|d| d.join("codeartifact"))
        .find(|p| p.is_file());
    if on_path.and_then(|p| std::fs::canonicalize(p).ok()) == Some(exe.clone()) {
        return Ok("codeartifact".to_string());
    }
    exe.into_os_string().into_string().map_err(|p| {
        Error::other(format!(
            "the codeartifact executable's path {p:?} is not UTF-8; cargo's configuration cannot name it"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_for_other_registries_kinds_and_versions() {
        let r = |s: &str| respond(s);
        assert_eq!(
            r(
                r#"{"v":1,"kind":"get","operation":"read","registry":{"index-url":"sparse+https://index.crates.io/","name":"crates-io"}}"#
            ),
            json!({"Err": {"kind": "url-not-supported"}})
        );
        assert_eq!(
            r(
                r#"{"v":1,"kind":"login","registry":{"index-url":"sparse+http://127.0.0.1:1/cargo/d/dom-111122223333/r/"}}"#
            ),
            json!({"Err": {"kind": "operation-not-supported"}})
        );
        assert_eq!(r(r#"{"v":2,"kind":"get"}"#)["Err"]["kind"], "other");
        assert_eq!(r("not json")["Err"]["kind"], "other");
        // Options that do not parse are the provider's configuration error, said as such.
        let bad = r(
            r#"{"v":1,"kind":"get","operation":"read","registry":{"index-url":"sparse+http://127.0.0.1:1/cargo/d/dom-111122223333/r/"},"args":["--bogus"]}"#,
        );
        // An emulator-style URL elsewhere than on loopback or the configured endpoint.
        assert_eq!(
            r(
                r#"{"v":1,"kind":"get","operation":"read","registry":{"index-url":"sparse+https://example.net/cargo/d/dom-111122223333/r/"}}"#
            ),
            json!({"Err": {"kind": "url-not-supported"}})
        );
        assert_eq!(bad["Err"]["kind"], "other");
        assert!(
            bad["Err"]["message"].as_str().unwrap().contains("--bogus"),
            "{bad}"
        );
    }
}
