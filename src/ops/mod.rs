//! The operations: a JSON parameter object -> an aws-sdk-codeartifact call -> a JSON response.
//!
//! `generated.rs` holds one arm per operation, written by `tools/gen.py` from the model; this
//! module holds what every arm shares: the response and error types.

pub mod conv;
mod generated;

pub use generated::{OPERATIONS, call};

use aws_sdk_codeartifact::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_codeartifact::primitives::ByteStream;
use serde_json::Value;

/// What an operation returns: its JSON members in model order, and the raw body of an operation
/// whose output is a stream (GetPackageVersionAsset), for the caller to write out.
pub struct Response {
    pub value: Value,
    pub stream: Option<ByteStream>,
}

/// Why a call failed, in the terms the AWS CLI reports (and picks exit codes) by.
#[derive(Debug)]
pub enum CallError {
    /// A parameter did not convert to the SDK's type.
    Input(conv::InputError),
    /// The service answered with an error.
    Service { code: String, message: String },
    /// No credentials could be loaded.
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
                if has_source::<aws_credential_types::provider::error::CredentialsError>(&err) {
                    CallError::Credentials(chain)
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

/// Whether `err` or any error below it is an `E` (identity resolution failures reach us wrapped
/// in the SDK's dispatch error; their type, not their wording, says what they are).
fn has_source<E: std::error::Error + 'static>(err: &(dyn std::error::Error + 'static)) -> bool {
    find_source::<E>(err).is_some()
}

/// The first `E` in `err`'s chain. An `io::Error` wrapping another error (how the TLS layer
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
