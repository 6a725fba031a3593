//! Why a call failed, and the AWS CLI's words for it: the one mapping from the SDK's errors to
//! the messages and exit codes users see, for the command line's operations and login's calls
//! alike (both go through [`super::Service`]).

use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_codeartifact::error::{ProvideErrorMetadata, SdkError};
use serde_json::Value;

use super::conv;
use crate::error::Error;
use crate::model;

/// Why a call failed, in the terms the AWS CLI reports (and picks exit codes) by.
#[derive(Debug)]
pub enum CallError {
    /// A parameter did not convert to the SDK's type.
    Input(conv::InputError),
    /// The service answered with an error.
    Service { code: String, message: String },
    /// No credential provider had credentials.
    NoCredentials,
    /// A credential provider failed (a credential_process, SSO, assume-role...): its words.
    Credentials(String),
    /// The request could not be sent or its answer not read (connection refused, timeout, TLS...).
    Transport { message: String, connect: bool },
    /// The server's TLS certificate was not accepted (untrusted, expired, another name...): the
    /// certificate error's own words.
    Certificate(String),
    /// Anything else the SDK reports (e.g. its own validation of required members).
    Other(String),
}

impl From<conv::InputError> for CallError {
    fn from(e: conv::InputError) -> Self {
        CallError::Input(e)
    }
}

impl CallError {
    pub fn from_sdk<E, R>(err: SdkError<E, R>) -> Self
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
        R: std::fmt::Debug + 'static,
    {
        match &err {
            SdkError::ServiceError(se) => {
                let e = se.err();
                CallError::Service {
                    code: e.code().unwrap_or("Unknown").to_string(),
                    message: e.message().unwrap_or_default().to_string(),
                }
            }
            SdkError::DispatchFailure(df) => {
                let chain = error_chain(&err);
                if let Some(e) = find_source::<CredentialsError>(&err) {
                    match e {
                        CredentialsError::CredentialsNotLoaded(_) => CallError::NoCredentials,
                        _ => CallError::Credentials(chain),
                    }
                } else if let Some(tls) = find_source::<rustls::Error>(&err) {
                    CallError::Certificate(tls.to_string())
                } else {
                    CallError::Transport {
                        message: chain,
                        connect: df.is_io() || df.is_timeout(),
                    }
                }
            }
            SdkError::TimeoutError(_) => CallError::Transport {
                message: error_chain(&err),
                connect: false,
            },
            SdkError::ResponseError(_) => CallError::Transport {
                message: error_chain(&err),
                connect: false,
            },
            SdkError::ConstructionFailure(_) => CallError::Other(error_chain(&err)),
            _ => CallError::Other(error_chain(&err)),
        }
    }
}

/// The first `E` in `err`'s chain (identity resolution failures reach us wrapped in the SDK's
/// dispatch error; their type, not their wording, says what they are). An `io::Error` wrapping another error (how the TLS layer
/// reports a refused certificate) does not list it as its source, so it is looked into too.
fn find_source<'a, E: std::error::Error + 'static>(
    err: &'a (dyn std::error::Error + 'static),
) -> Option<&'a E> {
    let mut current = Some(err);
    while let Some(e) = current {
        if let Some(found) = e.downcast_ref::<E>() {
            return Some(found);
        }
        if let Some(inner) = e
            .downcast_ref::<std::io::Error>()
            .and_then(std::io::Error::get_ref)
            && let Some(found) = find_source::<E>(inner)
        {
            return Some(found);
        }
        current = e.source();
    }
    None
}

/// The error and all its sources on one line: the SDK's top-level messages ("dispatch failure")
/// say little without the cause below them.
pub fn error_chain(err: &dyn std::error::Error) -> String {
    let mut s = err.to_string();
    let mut src = err.source();
    while let Some(e) = src {
        let m = e.to_string();
        if !s.contains(&m) {
            s.push_str(": ");
            s.push_str(&m);
        }
        src = e.source();
    }
    s
}

impl CallError {
    /// The AWS CLI's words for this failure of `operation` (the model's name), called with
    /// parameters `p` at `endpoint`.
    pub(super) fn into_error(self, endpoint: &str, operation: &str, p: &Value) -> Error {
        match self {
            CallError::Input(e) => Error::usage(format!("Parameter validation failed:\n{e}")),
            CallError::Service { code, message } => Error::Service {
                operation: operation.to_string(),
                code,
                message,
            },
            CallError::NoCredentials => Error::config(
                "Unable to locate credentials. You can configure credentials by running \"aws configure\".",
            ),
            CallError::Credentials(message) => Error::config(message),
            CallError::Transport { connect: true, .. } => Error::other(format!(
                "Could not connect to the endpoint URL: \"{}\"",
                request_url(endpoint, operation, p)
            )),
            CallError::Transport { message, .. } | CallError::Other(message) => {
                Error::other(message)
            }
            CallError::Certificate(why) => Error::other(format!(
                "SSL validation failed for {} {why}",
                request_url(endpoint, operation, p)
            )),
        }
    }
}

/// The URL of a request as botocore reports it: endpoint, path, then the query-string members
/// in model order.
fn request_url(endpoint: &str, operation: &str, p: &Value) -> String {
    let base = endpoint.trim_end_matches('/');
    let Some(op) = model::model().operation(operation) else {
        return base.to_string();
    };
    let input = model::model().input(op);
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (name, member) in &input.members {
        if member.location.as_deref() != Some("querystring") {
            continue;
        }
        let key = member.location_name.as_deref().unwrap_or(name);
        match p.get(name) {
            Some(Value::String(s)) => {
                query.append_pair(key, s);
            }
            Some(Value::Array(items)) => {
                for item in items {
                    query.append_pair(key, &crate::output::py_str(item));
                }
            }
            Some(v @ (Value::Number(_) | Value::Bool(_))) => {
                query.append_pair(key, &v.to_string());
            }
            _ => {}
        }
    }
    let query = query.finish();
    let mut url = format!("{base}{}", op.http.request_uri);
    if !query.is_empty() {
        url.push(if url.contains('?') { '&' } else { '?' });
        url.push_str(&query);
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn request_urls_carry_the_query_members_in_model_order() {
        let p = json!({"domainOwner": "111122223333", "domain": "d", "durationSeconds": 900});
        assert_eq!(
            request_url("http://127.0.0.1:9/", "GetAuthorizationToken", &p),
            "http://127.0.0.1:9/v1/authorization-token?domain=d&domain-owner=111122223333&duration=900"
        );
        assert_eq!(
            request_url("http://127.0.0.1:9", "NoSuchOperation", &p),
            "http://127.0.0.1:9"
        );
    }

    #[test]
    fn missing_credentials_read_as_the_aws_cli_says_them() {
        let e = CallError::NoCredentials.into_error("http://x", "ListDomains", &json!({}));
        assert_eq!(e.exit_code(), crate::error::exit::CONFIG);
        assert!(e.to_string().starts_with("Unable to locate credentials."));
    }
}
