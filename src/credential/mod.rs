//! Credential helpers: `codeartifact` answering the protocols package tools use to ask for a
//! token when they need one, so no token sits in their files and none expires there.
//! - [`cargo`]: cargo's credential-provider protocol (`codeartifact --cargo-plugin`);
//! - [`keyring`]: the `keyring` command pip and uv run (`codeartifact` called as `keyring`).
//!
//! Both know only a repository URL; it names the domain, its owner and the endpoint
//! ([`RepoUrl`]), and the token comes from the token cache (`crate::tokens`), so a warm cache
//! answers without any network call. They are dispatched before the command line is parsed:
//! they run on every cargo invocation and every pip download session, and need none of it.

pub mod cargo;
pub mod keyring;

use std::ffi::OsString;
use std::path::Path;

use clap::{Arg, ArgAction, Command};

use crate::cli::settings::Settings;
use crate::error::{Error, Result};
use crate::login::service::{Service, authorization_token};
use crate::tokens::{self, CacheUse, Key, RepoUrl, Token};

/// Runs the helper the command line asks for: `--cargo-plugin` (how cargo runs a provider) or
/// a program named `keyring` (the link `codeartifact keyring install` makes). Returns its exit
/// code, or `None` when no helper is asked for.
pub fn dispatch(args: &[OsString]) -> Option<i32> {
    let program = args.first().map(Path::new)?;
    if program.file_stem().is_some_and(|n| n == "keyring") {
        return Some(keyring::main(&args[1..]));
    }
    if args.get(1).is_some_and(|a| a == "--cargo-plugin") {
        return Some(cargo::main());
    }
    None
}

/// What a helper is told besides the URL: the global options (`--profile`, `--region`,
/// `--endpoint-url`...), `--duration-seconds` and `--no-token-cache`. cargo passes them from
/// the registry's `credential-provider` array; the keyring gets none and reads the
/// environment only.
#[derive(Debug, Clone)]
pub struct Options {
    pub settings: Settings,
    pub duration: Option<i64>,
    pub no_token_cache: bool,
}

impl Options {
    pub fn parse(args: &[&str]) -> Result<Options> {
        let m = Command::new("codeartifact")
            .no_binary_name(true)
            .disable_help_flag(true)
            .disable_version_flag(true)
            .args(crate::cli::tree::global_args())
            .arg(
                Arg::new("duration-seconds")
                    .long("duration-seconds")
                    .value_parser(clap::value_parser!(i64)),
            )
            .arg(
                Arg::new("no-token-cache")
                    .long("no-token-cache")
                    .action(ArgAction::SetTrue),
            )
            .try_get_matches_from(args)
            .map_err(|e| Error::usage(e.render().to_string().trim().to_string()))?;
        Ok(Options {
            settings: Settings::from_matches(&m)?,
            duration: m.get_one::<i64>("duration-seconds").copied(),
            no_token_cache: m.get_flag("no-token-cache"),
        })
    }
}

/// Whether to fetch tokens for `url`: AWS's own hosts, and an emulator's path-style URL only on
/// a loopback host or on the endpoint the options or the environment name. A token (and the
/// signed request for it) for anything else could go to whoever wrote the URL in a project's
/// configuration.
pub fn answers_for(url: &RepoUrl, settings: &Settings) -> bool {
    if url.on_aws {
        return true;
    }
    let Some(api) = url
        .api_endpoint
        .as_deref()
        .and_then(|a| url::Url::parse(a).ok())
    else {
        return false;
    };
    let loopback = match api.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d == "localhost",
        None => false,
    };
    let configured = settings
        .endpoint_url
        .clone()
        .into_iter()
        .chain(
            ["AWS_ENDPOINT_URL_CODEARTIFACT", "AWS_ENDPOINT_URL"]
                .iter()
                .filter_map(|v| std::env::var(v).ok()),
        )
        .filter_map(|e| url::Url::parse(&e).ok())
        .any(|e| e.origin() == api.origin());
    loopback || configured
}

/// The token for the repository at `url`, from the cache when it holds a fresh one.
pub async fn token_for(url: &RepoUrl, opts: &Options) -> Result<Token> {
    let mut settings = opts.settings.clone();
    // The repository's own region and endpoint, unless the options name others.
    if let Some(region) = &url.region {
        settings.region = Some(region.clone());
    }
    if !settings.local && settings.endpoint_url.is_none() {
        settings.endpoint_url = url.api_endpoint.clone();
    }
    let caller = tokens::identity::caller(&settings).await;
    let key = |region: String| Key {
        endpoint: tokens::endpoint_key(&settings),
        region,
        domain: url.domain.clone(),
        owner: url.owner.clone(),
        duration: opts.duration,
        identity: caller.identity.clone(),
    };
    let cache_use = CacheUse::from(opts.no_token_cache, false);
    let fetch = |svc: Service| async move {
        authorization_token(
            &svc.connection.service,
            &url.domain,
            Some(&url.owner),
            opts.duration,
        )
        .await
    };
    let fetched = match settings.region.clone().or(caller.region.clone()) {
        Some(region) => {
            tokens::get(&key(region), cache_use, async {
                fetch(Service::connect(&settings).await?).await
            })
            .await?
        }
        // Only the SDK's own chain (instance metadata...) knows the region: build the client
        // first to learn it.
        None => {
            let svc = Service::connect(&settings).await?;
            let region = svc
                .client()
                .config()
                .region()
                .map(|r| r.to_string())
                .unwrap_or_default();
            tokens::get(&key(region), cache_use, fetch(svc)).await?
        }
    };
    Ok(fetched.token)
}

/// A runtime for a helper's one request: the current thread is enough.
fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::other(format!("cannot start the async runtime: {e}")))
}
