//! The service calls behind `login`, `exec` and the credential helpers: GetAuthorizationToken
//! (through the token cache, see `crate::tokens`) and GetRepositoryEndpoint, once per format.

use aws_sdk_codeartifact::Client;
use aws_sdk_codeartifact::types::{EndpointType, PackageFormat};
use serde_json::json;

use crate::cli::client::Connection;
use crate::cli::settings::Settings;
use crate::error::{Error, Result};
use crate::tokens::{self, CacheUse, Fetched, Key, RepoUrl, Token};

/// The connection for the settings (with the in-process emulator `--local` may need kept
/// alive), and the settings the cache key is made from.
pub struct Service {
    pub connection: Connection,
    pub settings: Settings,
}

/// Which repository, for how long, and how to reach it.
#[derive(Debug, Clone, Default)]
pub struct Target {
    pub domain: String,
    /// `--domain-owner`; when absent, read from the first repository endpoint for the key.
    pub owner: Option<String>,
    pub repository: String,
    pub duration: Option<i64>,
    pub endpoint_type: Option<String>,
}

impl Service {
    pub async fn connect(settings: &Settings) -> Result<Service> {
        Ok(Service {
            connection: crate::cli::client::connect_serving(settings).await?,
            settings: settings.clone(),
        })
    }

    pub fn client(&self) -> &Client {
        &self.connection.service.client
    }

    /// The cache key of a token for `domain`/`owner` from this client.
    async fn key(&self, domain: &str, owner: Option<&str>, duration: Option<i64>) -> Key {
        let caller = tokens::identity::caller(&self.settings).await;
        Key {
            endpoint: tokens::endpoint_key(&self.settings),
            region: self
                .client()
                .config()
                .region()
                .map(|r| r.to_string())
                .unwrap_or_default(),
            domain: domain.to_string(),
            owner: owner.unwrap_or_default().to_string(),
            duration,
            identity: caller.identity,
        }
    }

    /// A token for `domain`, from the cache when it holds a fresh one.
    pub async fn token(
        &self,
        domain: &str,
        owner: Option<&str>,
        duration: Option<i64>,
        cache_use: CacheUse,
    ) -> Result<Fetched> {
        let key = self.key(domain, owner, duration).await;
        tokens::get(
            &key,
            cache_use,
            authorization_token(&self.connection.service, domain, owner, duration),
        )
        .await
    }

    pub async fn endpoint(&self, t: &Target, format: &str) -> Result<String> {
        let out = self
            .client()
            .get_repository_endpoint()
            .domain(&t.domain)
            .set_domain_owner(t.owner.clone())
            .repository(&t.repository)
            .format(PackageFormat::from(format))
            .set_endpoint_type(t.endpoint_type.as_deref().map(EndpointType::from))
            .send()
            .await
            .map_err(|e| {
                let p = json!({"domain": t.domain, "domainOwner": t.owner,
                    "repository": t.repository, "format": format, "endpointType": t.endpoint_type});
                self.connection
                    .service
                    .error("GetRepositoryEndpoint", &p, e)
            })?;
        out.repository_endpoint
            .ok_or_else(|| Error::other("GetRepositoryEndpoint returned no repositoryEndpoint"))
    }

    /// One token and the repository's endpoint for each of `formats` (in that order).
    ///
    /// Errors are reported in the AWS CLI's order (the token's first). With `--domain-owner`
    /// every call goes out at once. Without it the endpoints come first: the owner they name
    /// makes the cache key the same as the credential helpers', which read it from the
    /// repository URL.
    pub async fn token_and_endpoints(
        &self,
        t: &Target,
        formats: &[&'static str],
        cache_use: CacheUse,
    ) -> Result<(Fetched, Vec<String>)> {
        let endpoints = futures_util::future::join_all(formats.iter().map(|f| self.endpoint(t, f)));
        if let Some(owner) = &t.owner {
            let token = self.token(&t.domain, Some(owner), t.duration, cache_use);
            let (token, endpoints) = tokio::join!(token, endpoints);
            let token = token?;
            return Ok((token, endpoints.into_iter().collect::<Result<_>>()?));
        }
        let endpoints: Vec<String> = match endpoints.await.into_iter().collect() {
            Ok(e) => e,
            Err(e) => {
                // The AWS CLI asks for the token first: its error, if it has one, is the one to
                // report (a domain that does not exist, no permission).
                authorization_token(&self.connection.service, &t.domain, None, t.duration).await?;
                return Err(e);
            }
        };
        let owner = endpoints
            .first()
            .and_then(|e| RepoUrl::parse(e))
            .map(|r| r.owner);
        let token = self
            .token(&t.domain, owner.as_deref(), t.duration, cache_use)
            .await?;
        Ok((token, endpoints))
    }
}

/// GetAuthorizationToken, as a [`Token`] stamped with the time it arrived.
pub async fn authorization_token(
    service: &crate::ops::Service,
    domain: &str,
    owner: Option<&str>,
    duration: Option<i64>,
) -> Result<Token> {
    let out = service
        .client
        .get_authorization_token()
        .domain(domain)
        .set_domain_owner(owner.map(str::to_string))
        .set_duration_seconds(duration)
        .send()
        .await
        .map_err(|e| {
            let p = json!({"domain": domain, "domainOwner": owner, "durationSeconds": duration});
            service.error("GetAuthorizationToken", &p, e)
        })?;
    let expires = out
        .expiration
        .map(|t| (t.secs(), t.subsec_nanos()))
        .ok_or_else(|| Error::other("GetAuthorizationToken returned no expiration"))?;
    let value = out
        .authorization_token
        .ok_or_else(|| Error::other("GetAuthorizationToken returned no authorizationToken"))?;
    Ok(Token {
        value,
        expires,
        issued_ms: tokens::now_ms(),
    })
}
