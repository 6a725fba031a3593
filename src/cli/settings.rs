//! The global options, resolved against the environment and the AWS config profile the way the
//! AWS CLI resolves them (command line, then environment, then profile, then default).

use std::borrow::Cow;

use clap::ArgMatches;

use crate::error::{Error, Result};
use crate::output::{Color, Format, Options, TimestampFormat};

#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub debug: bool,
    pub endpoint_url: Option<String>,
    pub verify_ssl: bool,
    pub paginate: bool,
    pub output: Option<String>,
    pub query: Option<String>,
    pub profile: Option<String>,
    pub region: Option<String>,
    pub color: Option<String>,
    pub sign_request: bool,
    pub ca_bundle: Option<String>,
    pub read_timeout: Option<f64>,
    pub connect_timeout: Option<f64>,
    pub local: bool,
    pub yes: bool,
}

fn seconds(m: &ArgMatches, name: &str) -> Result<Option<f64>> {
    match m.get_one::<String>(name) {
        None => Ok(None),
        Some(s) => s
            .parse::<f64>()
            .ok()
            .filter(|v| *v >= 0.0 && v.is_finite())
            .map(Some)
            .ok_or_else(|| Error::usage(format!("argument --{name}: invalid int value: '{s}'"))),
    }
}

/// `--endpoint-url` as the AWS CLI checks it: a value without a scheme (Python's `urlparse`) is
/// a usage error in its words; one with a scheme but no host cannot be sent anywhere.
fn endpoint_url(value: Option<String>) -> Result<Option<String>> {
    let Some(url) = value else { return Ok(None) };
    let scheme_end = url.find(':').filter(|&i| {
        i > 0
            && url.starts_with(|c: char| c.is_ascii_alphabetic())
            && url[..i]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if scheme_end.is_none() {
        return Err(Error::usage(format!(
            "Bad value for --endpoint-url \"{url}\": scheme is missing.  Must be of the form http://<hostname>/ or \
             https://<hostname>/"
        )));
    }
    if url::Url::parse(&url).map_or(true, |u| u.host_str().is_none_or(str::is_empty)) {
        return Err(Error::other(format!("Invalid endpoint: {url}")));
    }
    Ok(Some(url))
}

/// An empty AWS_ENDPOINT_URL_CODEARTIFACT or AWS_ENDPOINT_URL means "not set", as the AWS CLI
/// takes it; the SDK would take "" for the URL (and panic building the request). When one is set
/// but empty, this is the endpoint the client must use instead: the other variable if it has a
/// value, else none (the service's own).
pub fn env_endpoint_fix() -> Option<Option<String>> {
    let vars = ["AWS_ENDPOINT_URL_CODEARTIFACT", "AWS_ENDPOINT_URL"].map(|k| std::env::var(k).ok());
    if !vars.iter().any(|v| v.as_deref() == Some("")) {
        return None;
    }
    Some(vars.into_iter().flatten().find(|v| !v.is_empty()))
}

impl Settings {
    pub fn from_matches(m: &ArgMatches) -> Result<Settings> {
        let s = |name: &str| m.get_one::<String>(name).cloned();
        Ok(Settings {
            debug: m.get_flag("debug"),
            endpoint_url: endpoint_url(s("endpoint-url"))?,
            verify_ssl: !m.get_flag("no-verify-ssl"),
            paginate: !m.get_flag("no-paginate"),
            output: s("output"),
            query: s("query"),
            profile: s("profile"),
            region: s("region"),
            color: s("color"),
            sign_request: !m.get_flag("no-sign-request"),
            ca_bundle: s("ca-bundle").or_else(|| {
                std::env::var("AWS_CA_BUNDLE")
                    .ok()
                    .filter(|v| !v.is_empty())
            }),
            read_timeout: seconds(m, "cli-read-timeout")?,
            connect_timeout: seconds(m, "cli-connect-timeout")?,
            local: m.get_flag("local"),
            yes: m.get_flag("yes"),
        })
    }

    /// The profile the user chose: `--profile`, then AWS_PROFILE / AWS_DEFAULT_PROFILE.
    pub fn profile_name(&self) -> Option<String> {
        self.profile
            .clone()
            .or_else(|| std::env::var("AWS_PROFILE").ok())
            .or_else(|| std::env::var("AWS_DEFAULT_PROFILE").ok())
            .filter(|p| !p.is_empty())
    }
}

/// The output options, resolved once per run.
/// Reads `output` and `cli_timestamp_format` from the selected profile of the AWS config file
/// (through aws-config's own parser, so the same files and rules apply as for credentials).
pub async fn output_settings(settings: &Settings) -> Result<Options> {
    let profile = load_profile(settings).await;
    let from_profile = |key: &str| {
        profile
            .as_ref()
            .and_then(|p| p.get(key).map(str::to_string))
    };

    let format_name = settings
        .output
        .clone()
        .or_else(|| {
            std::env::var("AWS_DEFAULT_OUTPUT")
                .ok()
                .filter(|v| !v.is_empty())
        })
        .or_else(|| from_profile("output"))
        .unwrap_or_else(|| "json".to_string());
    let format: Format = format_name
        .parse()
        .map_err(|why| Error::config(format!("Invalid output format '{format_name}': {why}")))?;
    let timestamps = match from_profile("cli_timestamp_format").as_deref() {
        None | Some("iso8601") => TimestampFormat::Iso8601,
        Some("none") => TimestampFormat::Wire,
        Some(other) => {
            return Err(Error::config(format!(
                "Unknown cli_timestamp_format value: {other}, valid values are \"none\" or \"iso8601\""
            )));
        }
    };
    let query = match &settings.query {
        None => None,
        Some(q) => Some(crate::output::Query::parse(q).map_err(|m| {
            if m.ends_with(crate::output::Query::RECURSION) {
                Error::other(m)
            } else {
                Error::usage(m)
            }
        })?),
    };
    // clap checked the name.
    let color = settings
        .color
        .as_deref()
        .and_then(|c| clap::ValueEnum::from_str(c, false).ok())
        .unwrap_or(Color::Auto);
    Ok(Options {
        format,
        query,
        color,
        timestamps,
    })
}

/// `max_attempts` and `retry_mode` (AWS_MAX_ATTEMPTS, AWS_RETRY_MODE, then the profile), checked
/// before aws-config reads them: it panics on a value it cannot use. The words are the AWS CLI's.
pub async fn check_retry_settings(settings: &Settings) -> Result<()> {
    let profile = load_profile(settings).await;
    let value = |env: &str, key: &str| {
        std::env::var(env).ok().or_else(|| {
            profile
                .as_ref()
                .and_then(|p| p.get(key).map(str::to_string))
        })
    };
    if let Some(v) = value("AWS_MAX_ATTEMPTS", "max_attempts") {
        match v.trim().parse::<i64>() {
            Err(_) => {
                return Err(Error::config(format!(
                    "invalid literal for int() with base 10: '{v}'"
                )));
            }
            Ok(n) if !(1..=i64::from(u32::MAX)).contains(&n) => {
                return Err(Error::config(format!(
                    "Value provided to \"max_attempts\": {n} must be an integer greater than or equal to 1."
                )));
            }
            Ok(_) => {}
        }
    }
    if let Some(v) = value("AWS_RETRY_MODE", "retry_mode")
        && v.parse::<aws_config::retry::RetryMode>().is_err()
    {
        return Err(Error::config(if v.trim() == "legacy" {
            "retry_mode legacy is not supported here: use standard or adaptive".to_string()
        } else {
            format!(
                "Invalid value provided to \"mode\": \"{v}\" must be one of: ('legacy', 'standard', 'adaptive')"
            )
        }));
    }
    Ok(())
}

/// The selected profile's settings, or None when there are no config files (a missing or broken
/// file is the credential chain's business to report, not the output settings').
async fn load_profile(settings: &Settings) -> Option<aws_config::profile::Profile> {
    let fs = aws_types::os_shim_internal::Fs::real();
    let env = aws_types::os_shim_internal::Env::real();
    let set = aws_config::profile::load(
        &fs,
        &env,
        &Default::default(),
        settings.profile_name().map(Cow::Owned),
    )
    .await
    .ok()?;
    let name = set.selected_profile().to_string();
    set.get_profile(&name).cloned()
}
