//! The service's error responses. Every failure a handler or the protocol layer reports is an
//! `ApiError` naming one of the model's exception shapes; the HTTP status and any header members
//! come from that shape, so a new exception needs no code here.

use serde_json::{Map, Value, json};

use crate::model;

#[derive(Debug, Clone)]
pub struct ApiError {
    /// The exception shape's name (`ResourceNotFoundException`), sent as `x-amzn-errortype`.
    pub code: &'static str,
    pub message: String,
    /// The shape's other members (`resourceId`, `resourceType`, `reason`, ...).
    pub fields: Map<String, Value>,
}

impl ApiError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
            fields: Map::new(),
        }
    }

    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.fields.insert(key.to_string(), value.into());
        self
    }

    /// A request that breaks the input shape's constraints.
    pub fn validation(message: impl Into<String>) -> Self {
        Self::validation_reason("FIELD_VALIDATION_FAILED", message)
    }

    pub fn validation_reason(reason: &'static str, message: impl Into<String>) -> Self {
        Self::new("ValidationException", message).with("reason", reason)
    }

    pub fn not_found(resource_type: &str, resource_id: &str, message: impl Into<String>) -> Self {
        Self::new("ResourceNotFoundException", message)
            .with("resourceId", resource_id)
            .with("resourceType", resource_type)
    }

    pub fn conflict(resource_type: &str, resource_id: &str, message: impl Into<String>) -> Self {
        Self::new("ConflictException", message)
            .with("resourceId", resource_id)
            .with("resourceType", resource_type)
    }

    pub fn quota(resource_type: &str, resource_id: &str, message: impl Into<String>) -> Self {
        Self::new("ServiceQuotaExceededException", message)
            .with("resourceId", resource_id)
            .with("resourceType", resource_type)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new("InternalServerException", message)
    }

    /// The HTTP status the model gives this exception (500 for a shape the model lacks).
    pub fn status(&self) -> u16 {
        model::model()
            .shapes
            .get(self.code)
            .and_then(|s| s.error.as_ref())
            .map_or(500, |e| e.http_status_code)
    }

    /// Header members of the exception shape (ThrottlingException's `Retry-After`), and the JSON
    /// body: `__type` and `message` (what botocore and smithy-rs read) plus the body members.
    pub fn to_wire(&self) -> (Vec<(String, String)>, Value) {
        let mut headers = Vec::new();
        let mut body = Map::new();
        body.insert("__type".into(), json!(self.code));
        body.insert("message".into(), json!(self.message));
        let shape = model::model().shapes.get(self.code);
        for (k, v) in &self.fields {
            let header = shape
                .and_then(|s| s.member(k))
                .filter(|m| m.location.as_deref() == Some("header"))
                .and_then(|m| m.location_name.clone());
            match header {
                Some(name) => headers.push((name, scalar_text(v))),
                None => {
                    body.insert(k.clone(), v.clone());
                }
            }
        }
        (headers, Value::Object(body))
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        ApiError::internal(format!("store error: {e}"))
    }
}

impl From<std::io::Error> for ApiError {
    fn from(e: std::io::Error) -> Self {
        ApiError::internal(format!("I/O error: {e}"))
    }
}

/// A scalar as it travels in a header or query string.
pub fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
