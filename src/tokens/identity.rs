//! Who is asking for a token, cheaply: a digest of the caller's credential configuration.
//!
//! A cached token must never go to another AWS identity or profile, and a warm cache must cost
//! no network call (cargo runs its credential provider on every invocation). Asking STS who the
//! caller is would cost a call per run; resolving the credentials would too for SSO and
//! assume-role profiles, and their access key IDs change with every session, so the cache would
//! never hit for them. What decides the identity is local: the environment and the selected
//! profile of the AWS config files (read by aws-config's own parser, as the SDK reads them).
//! The digest covers:
//! - `--local` and `--no-sign-request`, which use fixed or no credentials;
//! - the environment's credentials and role settings (AWS_ACCESS_KEY_ID, web identity, the
//!   container credential URIs);
//! - the selected profile's name, and the settings that pick credentials in it and in every
//!   profile it sources from (access key ID, role ARN, SSO account and role, credential
//!   process...).
//!
//! So two profiles never share a token, nor two access keys, roles or SSO roles. Secrets are
//! not part of it (an access key keeps its identity when its secret is rotated). What it cannot
//! see: a `credential_process` or instance role that starts returning another identity with
//! the same configuration; `--no-token-cache` is for such setups.

use std::borrow::Cow;

use sha2::{Digest, Sha256};

use crate::cli::settings::Settings;

/// The profile settings that decide which credentials (and which endpoint) a profile gets.
const PROFILE_KEYS: [&str; 17] = [
    "aws_access_key_id",
    "role_arn",
    "source_profile",
    "credential_source",
    "role_session_name",
    "external_id",
    "mfa_serial",
    "web_identity_token_file",
    "credential_process",
    "sso_session",
    "sso_start_url",
    "sso_account_id",
    "sso_role_name",
    "sso_region",
    "login_session",
    "endpoint_url",
    "services",
];

/// The environment variables that decide the credentials when set.
const ENV_KEYS: [&str; 5] = [
    "AWS_ACCESS_KEY_ID",
    "AWS_ROLE_ARN",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
];

/// How many `source_profile` links are followed (aws-config refuses cycles; so do we).
const MAX_CHAIN: usize = 10;

/// What the local configuration says about the caller.
pub struct Caller {
    /// Hex digest of the credential configuration.
    pub identity: String,
    /// The region the configuration names (`--region`, AWS_REGION, AWS_DEFAULT_REGION, the
    /// profile's `region`), if any: the default region of a client built from it.
    pub region: Option<String>,
}

pub async fn caller(settings: &Settings) -> Caller {
    let mut h = Sha256::new();
    let mut put = |k: &str, v: &str| {
        h.update(k.as_bytes());
        h.update([0]);
        h.update(v.as_bytes());
        h.update([0]);
    };
    let set = aws_config::profile::load(
        &aws_types::os_shim_internal::Fs::real(),
        &aws_types::os_shim_internal::Env::real(),
        &Default::default(),
        settings.profile.clone().map(Cow::Owned),
    )
    .await;
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let mut region = settings
        .region
        .clone()
        .or_else(|| env("AWS_REGION"))
        .or_else(|| env("AWS_DEFAULT_REGION"));
    if settings.local {
        put("local", "");
    } else if !settings.sign_request {
        put("unsigned", "");
    } else {
        for name in ENV_KEYS {
            if let Some(v) = env(name) {
                put(name, &v);
            }
        }
        match &set {
            Ok(set) => {
                put("profile", set.selected_profile());
                let mut name = set.selected_profile().to_string();
                let mut seen = Vec::new();
                while let Some(p) = set.get_profile(&name)
                    && seen.len() < MAX_CHAIN
                    && !seen.contains(&name)
                {
                    for key in PROFILE_KEYS {
                        if let Some(v) = p.get(key) {
                            put(key, v);
                        }
                    }
                    if let Some(session) = p.get("sso_session").and_then(|s| set.sso_session(s))
                        && let Some(url) = session.get("sso_start_url")
                    {
                        put("sso_session.sso_start_url", url);
                    }
                    seen.push(name.clone());
                    match p.get("source_profile") {
                        Some(next) => name = next.to_string(),
                        None => break,
                    }
                }
            }
            // The SDK will report the broken file; the digest only has to differ from a
            // working configuration's.
            Err(e) => put("profile-error", &e.to_string()),
        }
    }
    if region.is_none()
        && let Ok(set) = &set
    {
        region = set
            .get_profile(set.selected_profile())
            .and_then(|p| p.get("region"))
            .map(str::to_string);
    }
    Caller {
        identity: hex::encode(h.finalize()),
        region,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(profile: Option<&str>) -> Settings {
        Settings {
            sign_request: true,
            verify_ssl: true,
            profile: profile.map(str::to_string),
            ..Settings::default()
        }
    }

    /// One process-wide environment: the cases run in one test, one after the other.
    #[tokio::test]
    async fn identities_differ_by_profile_key_and_role_but_not_by_secret() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        let creds = dir.path().join("credentials");
        std::fs::write(
            &config,
            "[profile a]\nregion = eu-west-1\n\
             [profile role]\nrole_arn = arn:aws:iam::111122223333:role/r\nsource_profile = a\n\
             [profile role2]\nrole_arn = arn:aws:iam::111122223333:role/other\nsource_profile = a\n\
             [profile loop]\nrole_arn = arn:aws:iam::111122223333:role/r\nsource_profile = loop\n",
        )
        .unwrap();
        std::fs::write(
            &creds,
            "[a]\naws_access_key_id = AKIDA\naws_secret_access_key = s1\n",
        )
        .unwrap();
        // SAFETY: no other test in this binary reads these variables.
        unsafe {
            std::env::set_var("AWS_CONFIG_FILE", &config);
            std::env::set_var("AWS_SHARED_CREDENTIALS_FILE", &creds);
            for v in ENV_KEYS.iter().chain(&["AWS_PROFILE", "AWS_REGION"]) {
                std::env::remove_var(v);
            }
        }
        let id = |p: Option<&'static str>| async move { caller(&settings(p)).await.identity };
        let a = id(Some("a")).await;
        let a_caller = caller(&settings(Some("a"))).await;
        assert_eq!(a_caller.region.as_deref(), Some("eu-west-1"));
        assert_eq!(a, id(Some("a")).await, "stable");
        let role = id(Some("role")).await;
        let role2 = id(Some("role2")).await;
        assert!(a != role && role != role2 && a != id(None).await);
        // Cycles end.
        let _ = id(Some("loop")).await;

        std::fs::write(
            &creds,
            "[a]\naws_access_key_id = AKIDA\naws_secret_access_key = rotated\n",
        )
        .unwrap();
        assert_eq!(a, id(Some("a")).await, "a new secret is the same identity");
        std::fs::write(
            &creds,
            "[a]\naws_access_key_id = AKIDB\naws_secret_access_key = s1\n",
        )
        .unwrap();
        assert_ne!(a, id(Some("a")).await, "another key is another identity");
        assert_ne!(role, id(Some("role")).await, "so are the roles it sources");

        unsafe { std::env::set_var("AWS_ACCESS_KEY_ID", "AKIDENV") };
        let env_key = id(Some("a")).await;
        unsafe { std::env::set_var("AWS_ACCESS_KEY_ID", "AKIDENV2") };
        assert_ne!(env_key, id(Some("a")).await);
        unsafe { std::env::remove_var("AWS_ACCESS_KEY_ID") };

        let local = Settings {
            local: true,
            ..settings(Some("a"))
        };
        assert_ne!(caller(&local).await.identity, id(Some("a")).await);
    }
}
