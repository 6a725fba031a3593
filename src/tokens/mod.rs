//! Authorization tokens shared between processes: `login`, `exec` and the credential helpers
//! (cargo's provider, the `keyring` command) ask here before calling GetAuthorizationToken, so
//! one token serves every tool and every process of a CI job until half its life is gone.
//! `get-authorization-token`, the operation, never comes here: it stays a plain API call.
//!
//! The design follows Docker's `docker-credential-ecr-login`: a private folder under the user's
//! cache folder, one file per key, written atomically, and a token reused only while more than
//! half of its lifetime remains, so whoever receives it still has hours (or half of whatever
//! was asked for) to use it. The key ([`Key`]) covers everything that changes which token the
//! service would give: endpoint, region, domain, owner, duration, and who is asking
//! ([`identity`]).
//!
//! Processes racing on one key take a lock file for it while one of them fetches; the others
//! wait, then read what it wrote, so a cold cache costs one call however many processes start
//! at once ([`cache`]).

pub mod cache;
pub mod identity;
mod repo_url;

pub use repo_url::RepoUrl;

use std::future::Future;

use sha2::{Digest, Sha256};

use crate::cli::settings::Settings;
use crate::error::Result;

/// Setting this to anything but empty or `0` turns the cache off, like `--no-token-cache`.
pub const NO_CACHE_ENV: &str = "CODEARTIFACT_NO_TOKEN_CACHE";

/// A token and when it stops working.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub value: String,
    /// The service's `expiration`: seconds and nanoseconds since the epoch.
    pub expires: (i64, u32),
    /// When we received it, in milliseconds since the epoch: with `expires`, its lifetime.
    pub issued_ms: i64,
}

impl Token {
    fn expires_ms(&self) -> i64 {
        self.expires.0 * 1000 + i64::from(self.expires.1 / 1_000_000)
    }

    /// More than half of the lifetime remains at `now_ms`.
    pub fn fresh(&self, now_ms: i64) -> bool {
        let lifetime = self.expires_ms() - self.issued_ms;
        lifetime > 0 && 2 * (self.expires_ms() - now_ms) > lifetime
    }

    /// Not expired yet at `now_ms`.
    pub fn valid(&self, now_ms: i64) -> bool {
        self.expires_ms() > now_ms
    }
}

/// What a token is for, and for whom: a token is reused only for an identical key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// The endpoint the token comes from ([`endpoint_key`]).
    pub endpoint: String,
    pub region: String,
    pub domain: String,
    /// The domain owner, or empty for the caller's own account.
    pub owner: String,
    /// `--duration-seconds`, if given.
    pub duration: Option<i64>,
    /// A digest of the caller's credential configuration ([`identity`]).
    pub identity: String,
}

impl Key {
    /// The cache file's name: a digest of every part, so that no part (domain names, account
    /// IDs) shows in a directory listing.
    pub fn file_stem(&self) -> String {
        let duration = self.duration.map(|d| d.to_string()).unwrap_or_default();
        let mut h = Sha256::new();
        for part in [
            "v1",
            &self.endpoint,
            &self.region,
            &self.domain,
            &self.owner,
            &duration,
            &self.identity,
        ] {
            h.update(part.as_bytes());
            h.update([0]);
        }
        hex::encode(h.finalize())
    }
}

/// The endpoint part of a key: the override the client calls (`--endpoint-url`,
/// `AWS_ENDPOINT_URL_CODEARTIFACT`, `AWS_ENDPOINT_URL`), normalised, or empty for the region's
/// own endpoint. `--local` has one token database whatever port serves it: its data folder.
pub fn endpoint_key(settings: &Settings) -> String {
    if settings.local {
        return format!(
            "local:{}",
            crate::mock::lifecycle::local_data_dir().display()
        );
    }
    let configured = settings.endpoint_url.clone().or_else(|| {
        ["AWS_ENDPOINT_URL_CODEARTIFACT", "AWS_ENDPOINT_URL"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
    });
    match configured {
        None => String::new(),
        Some(u) => match url::Url::parse(&u) {
            Ok(parsed) => parsed.as_str().trim_end_matches('/').to_string(),
            Err(_) => u,
        },
    }
}

/// How a command may use the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CacheUse {
    /// `--no-token-cache` or CODEARTIFACT_NO_TOKEN_CACHE: every command gets its own token.
    Off,
    /// Reuse a cached token, store nothing (`login --dry-run` changes nothing at all).
    ReadOnly,
    ReadWrite,
}

impl CacheUse {
    /// What the command line and the environment ask for.
    pub fn from(no_token_cache: bool, read_only: bool) -> CacheUse {
        let env_off = std::env::var(NO_CACHE_ENV).is_ok_and(|v| !v.is_empty() && v != "0");
        if no_token_cache || env_off {
            CacheUse::Off
        } else if read_only {
            CacheUse::ReadOnly
        } else {
            CacheUse::ReadWrite
        }
    }
}

/// A token, and whether it came from the cache.
#[derive(Debug, Clone)]
pub struct Fetched {
    pub token: Token,
    pub reused: bool,
}

/// The token for `key`: a fresh cached one, else `fetch`'s (stored for the next caller).
pub async fn get(
    key: &Key,
    cache_use: CacheUse,
    fetch: impl Future<Output = Result<Token>>,
) -> Result<Fetched> {
    let cache = match cache_use {
        CacheUse::Off => None,
        CacheUse::ReadOnly => cache::Cache::existing(),
        CacheUse::ReadWrite => cache::Cache::open(),
    };
    let Some(cache) = cache else {
        return Ok(Fetched {
            token: fetch.await?,
            reused: false,
        });
    };
    if let Some(token) = cache.fresh(key, now_ms()) {
        return Ok(Fetched {
            token,
            reused: true,
        });
    }
    if cache_use == CacheUse::ReadOnly {
        return Ok(Fetched {
            token: fetch.await?,
            reused: false,
        });
    }
    // Whoever holds the lock is fetching this key: wait for it, then take what it stored.
    let _lock = cache.lock(key).await;
    if let Some(token) = cache.fresh(key, now_ms()) {
        return Ok(Fetched {
            token,
            reused: true,
        });
    }
    let token = fetch.await?;
    cache.store(key, &token, now_ms());
    Ok(Fetched {
        token,
        reused: false,
    })
}

pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(issued_ms: i64, expires_s: i64) -> Token {
        Token {
            value: "t".into(),
            expires: (expires_s, 0),
            issued_ms,
        }
    }

    #[test]
    fn a_token_is_fresh_while_more_than_half_its_life_remains() {
        // Issued at 1000 s, expires at 1000 + 43200 s: fresh until 1000 + 21600 s.
        let t = token(1_000_000, 1000 + 43_200);
        assert!(t.fresh(1_000_000));
        assert!(t.fresh((1000 + 21_599) * 1000));
        assert!(!t.fresh((1000 + 21_600) * 1000));
        assert!(t.valid((1000 + 21_600) * 1000));
        assert!(!t.valid((1000 + 43_200) * 1000));
        // A token that expired before it arrived (clock skew) is never reused.
        assert!(!token(2_000_000, 1000).fresh(0));
    }

    #[test]
    fn every_part_of_the_key_changes_the_file() {
        let base = Key {
            endpoint: String::new(),
            region: "us-east-1".into(),
            domain: "dom".into(),
            owner: "111122223333".into(),
            duration: None,
            identity: "abc".into(),
        };
        let variants = [
            Key {
                endpoint: "http://127.0.0.1:1".into(),
                ..base.clone()
            },
            Key {
                region: "us-west-2".into(),
                ..base.clone()
            },
            Key {
                domain: "other".into(),
                ..base.clone()
            },
            Key {
                owner: String::new(),
                ..base.clone()
            },
            Key {
                duration: Some(900),
                ..base.clone()
            },
            Key {
                identity: "abd".into(),
                ..base.clone()
            },
        ];
        let stems: std::collections::BTreeSet<String> = std::iter::once(&base)
            .chain(&variants)
            .map(Key::file_stem)
            .collect();
        assert_eq!(stems.len(), 7);
        assert_eq!(base.file_stem(), base.clone().file_stem());
    }
}
