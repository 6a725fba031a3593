//! Connecting to the service from the global settings, for every command that calls it: the SDK
//! client from aws-config's standard chain for credentials, region and profile (nothing
//! hand-rolled) with the AWS CLI's overrides on top, the endpoint it sends to, and `--local`'s
//! emulator.

use std::time::Duration;

use aws_config::BehaviorVersion;
use aws_config::timeout::TimeoutConfig;
use aws_sdk_codeartifact::Client;

use crate::cli::settings::Settings;
use crate::error::{Error, Result};
use crate::ops::Service;

/// A connection to the service: what every command that calls it starts from (operations,
/// `login`), set up in one place.
pub struct Connection {
    pub service: Service,
    /// The in-process emulator serving `--local` when no emulator runs (mock/lifecycle.rs): it
    /// serves for as long as the connection lives.
    _emulator: Option<crate::mock::Running>,
}

/// The region the mock and `--local` use when none is configured.
pub const LOCAL_REGION: &str = "us-east-1";

/// The client for `settings`, sending to `--endpoint-url`, or with `--local` to the emulator
/// serving the default address (`mock::lifecycle::find_local`); when none runs, to one in this
/// process on the default data directory, for this command only.
pub async fn connect(settings: &Settings) -> Result<Connection> {
    connect_local(settings, false).await
}

/// `connect`, for commands whose results need a server after they end (`login` writes its URL
/// into package tools' files): with `--local` and no emulator running, one is started in the
/// background.
pub async fn connect_serving(settings: &Settings) -> Result<Connection> {
    connect_local(settings, true).await
}

async fn connect_local(settings: &Settings, serving: bool) -> Result<Connection> {
    use crate::mock::lifecycle;
    let (local_url, emulator) = if !settings.local {
        (None, None)
    } else if serving {
        (Some(lifecycle::ensure_local()?.url), None)
    } else if let Some(found) = lifecycle::find_local()? {
        (Some(found.url), None)
    } else {
        let options = crate::mock::ServeOptions::local(
            crate::mock::default_data_dir(),
            lifecycle::default_listen()?,
        );
        let running = crate::mock::start(options).await?;
        (Some(running.url.clone()), Some(running))
    };
    let client = build(settings, local_url.as_deref()).await?;
    let endpoint = endpoint(settings, local_url, &client);
    Ok(Connection {
        service: Service { client, endpoint },
        _emulator: emulator,
    })
}

/// The endpoint in the order aws-config resolves it: `--endpoint-url` (or `--local`), the
/// service-specific and global environment variables, then the service's regional endpoint.
fn endpoint(settings: &Settings, local_url: Option<String>, client: &Client) -> String {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    settings
        .endpoint_url
        .clone()
        .or(local_url)
        .or_else(|| env("AWS_ENDPOINT_URL_CODEARTIFACT"))
        .or_else(|| env("AWS_ENDPOINT_URL"))
        .unwrap_or_else(|| {
            let region = client
                .config()
                .region()
                .map(|r| r.to_string())
                .unwrap_or_default();
            format!("https://codeartifact.{region}.amazonaws.com")
        })
}

async fn build(settings: &Settings, local_url: Option<&str>) -> Result<Client> {
    crate::cli::settings::check_retry_settings(settings).await?;
    let mut loader = aws_config::defaults(BehaviorVersion::latest());
    if let Some(profile) = &settings.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(region) = &settings.region {
        loader = loader.region(aws_config::Region::new(region.clone()));
    }
    if !settings.sign_request {
        loader = loader.no_credentials();
    }
    if local_url.is_some() {
        // The emulator does not check signatures; fixed credentials keep `--local` working on a
        // machine with no AWS configuration at all.
        loader = loader.credentials_provider(aws_credential_types::Credentials::new(
            "AKIDLOCALCODEARTIFACT",
            "local",
            None,
            None,
            "codeartifact-local",
        ));
        if settings.region.is_none() {
            loader = loader.region(aws_config::Region::new(LOCAL_REGION));
        }
    }
    let mut timeouts = TimeoutConfig::builder();
    if let Some(t) = settings.connect_timeout {
        timeouts.set_connect_timeout((t > 0.0).then(|| Duration::from_secs_f64(t)));
    }
    if let Some(t) = settings.read_timeout {
        timeouts.set_read_timeout((t > 0.0).then(|| Duration::from_secs_f64(t)));
    }
    loader = loader.timeout_config(timeouts.build());
    let endpoint = settings.endpoint_url.as_deref().or(local_url);
    let plain_http = endpoint.is_some_and(|e| e.starts_with("http://"));
    let insecure = !settings.verify_ssl && !plain_http;
    if let Some(bundle) = settings.ca_bundle.as_ref().filter(|_| !insecure) {
        loader = loader.http_client(https_client_with_bundle(bundle)?);
    }
    let sdk_config = loader.load().await;
    if sdk_config.region().is_none() {
        return Err(Error::no_region());
    }
    let mut config = aws_sdk_codeartifact::config::Builder::from(&sdk_config);
    if insecure {
        // As the AWS CLI: --no-verify-ssl is for the service's endpoint only (credential
        // providers, SSO and STS keep verifying), and wins over a CA bundle. Without TLS there
        // is nothing to verify, and the SDK's client forwards plain HTTP through proxies as
        // proxies expect.
        config = config.http_client(crate::cli::insecure_tls::client());
    }
    if let Some(url) = endpoint {
        config = config.endpoint_url(url);
    } else if let Some(url) = crate::cli::settings::env_endpoint_fix() {
        config.set_endpoint_url(url);
    }
    Ok(Client::from_conf(config.build()))
}

/// An HTTPS client trusting the certificates of a PEM bundle (`--ca-bundle`, `AWS_CA_BUNDLE`).
/// Built as the SDK builds its default client (connector settings, sleep, proxies from the
/// environment: a CA bundle often comes with a corporate proxy), with that trust store.
fn https_client_with_bundle(
    path: &str,
) -> Result<aws_smithy_runtime_api::client::http::SharedHttpClient> {
    use aws_smithy_http_client::proxy::ProxyConfig;
    use aws_smithy_http_client::tls::{self, TlsContext, TrustStore};
    let pem = std::fs::read(path)
        .map_err(|e| Error::config(format!("Unable to read CA bundle {path}: {e}")))?;
    let trust = TrustStore::empty()
        .with_native_roots(false)
        .with_pem_certificate(pem);
    let context = TlsContext::builder()
        .with_trust_store(trust)
        .build()
        .map_err(|e| Error::config(e.to_string()))?;
    // `build_with_connector_fn` is how aws-smithy-runtime builds the SDK's default client; the
    // public `build_https` has no way to set proxies.
    Ok(
        aws_smithy_http_client::Builder::new().build_with_connector_fn(move |settings, rc| {
            let mut connector = aws_smithy_http_client::Connector::builder()
                .tls_provider(tls::Provider::Rustls(
                    tls::rustls_provider::CryptoMode::AwsLc,
                ))
                .tls_context(context.clone());
            connector.set_connector_settings(settings.cloned());
            if let Some(rc) = rc {
                connector.set_sleep_impl(rc.sleep_impl());
            }
            connector.set_proxy_config(Some(ProxyConfig::from_env()));
            connector.build()
        }),
    )
}
