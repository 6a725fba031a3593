//! The operations: a JSON parameter object -> an aws-sdk-codeartifact call -> a JSON response.
//!
//! `generated.rs` holds one arm per operation, written by `tools/gen.py` from the model; this
//! module holds what every arm shares: the response type, and [`Service`], through which the
//! command line's operations and login's calls both go, so that a failure reads the same
//! whichever made it (failure.rs).

pub mod conv;
mod failure;
mod generated;

use failure::CallError;
pub use failure::error_chain;

use aws_sdk_codeartifact::Client;
use aws_sdk_codeartifact::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_codeartifact::primitives::ByteStream;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::output::TimestampFormat;

/// What an operation returns: its JSON members in model order, and the raw body of an operation
/// whose output is a stream (GetPackageVersionAsset), for the caller to write out.
pub struct Response {
    pub value: Value,
    pub stream: Option<ByteStream>,
}

/// The service as this process reaches it: the SDK client, and the endpoint it sends to (the
/// AWS CLI's messages name a failed request's URL, which the SDK does not expose).
pub struct Service {
    pub client: Client,
    pub endpoint: String,
}

impl Service {
    /// Calls `operation` (the model's name) with parameters `p` (keyed by the model's member
    /// names); the response's timestamps are written as `timestamps` says.
    pub async fn call(
        &self,
        operation: &str,
        p: &Value,
        timestamps: TimestampFormat,
    ) -> Result<Response> {
        generated::call(&self.client, operation, p, timestamps)
            .await
            .map_err(|e| e.into_error(&self.endpoint, operation, p))
    }

    /// The failure of a call made with the SDK's own builders (login's), in the same words as
    /// [`Service::call`]'s. `p` holds the call's parameters as the model names them, for the URL
    /// a connection error names.
    pub fn error<E, R>(&self, operation: &str, p: &Value, err: SdkError<E, R>) -> Error
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
        R: std::fmt::Debug + 'static,
    {
        CallError::from_sdk(err).into_error(&self.endpoint, operation, p)
    }
}
