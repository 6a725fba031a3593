//! Conversions between JSON parameter values (as the command line parses them, keyed by model
//! member names) and the SDK's primitive types, used by the generated dispatch code.

use aws_sdk_codeartifact::primitives::{Blob, ByteStream, DateTime};
use serde_json::{Map, Value};

use crate::output::TimestampFormat;

/// A parameter value that does not fit its shape. The command line validates against the model
/// before calling, so reaching this means a parameter slipped past that validation.
#[derive(Debug)]
pub struct InputError(pub String);

impl InputError {
    pub fn new(msg: impl Into<String>) -> Self {
        InputError(msg.into())
    }
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Reads member `name` of the parameter object `p`, if present, through `f`.
pub fn member<T>(
    p: &Value,
    name: &str,
    f: impl FnOnce(&Value) -> Result<T, InputError>,
) -> Result<Option<T>, InputError> {
    match p.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => f(v)
            .map(Some)
            .map_err(|e| InputError(format!("{name}: {}", e.0))),
    }
}

pub fn string(v: &Value) -> Result<String, InputError> {
    match v {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        other => Err(InputError(format!("expected a string, got {other}"))),
    }
}

pub fn long(v: &Value) -> Result<i64, InputError> {
    match v {
        Value::Number(n) => n
            .as_i64()
            .ok_or_else(|| InputError(format!("expected an integer, got {n}"))),
        Value::String(s) => s
            .trim()
            .parse()
            .map_err(|_| InputError(format!("expected an integer, got {s:?}"))),
        other => Err(InputError(format!("expected an integer, got {other}"))),
    }
}

pub fn int(v: &Value) -> Result<i32, InputError> {
    let n = long(v)?;
    i32::try_from(n).map_err(|_| InputError(format!("{n} is out of range")))
}

pub fn boolean(v: &Value) -> Result<bool, InputError> {
    match v {
        Value::Bool(b) => Ok(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Ok(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Ok(false),
        other => Err(InputError(format!("expected a boolean, got {other}"))),
    }
}

pub fn list(v: &Value) -> Result<&Vec<Value>, InputError> {
    v.as_array()
        .ok_or_else(|| InputError(format!("expected a list, got {v}")))
}

pub fn object(v: &Value) -> Result<&Map<String, Value>, InputError> {
    v.as_object()
        .ok_or_else(|| InputError(format!("expected a structure, got {v}")))
}

pub fn timestamp_in(v: &Value) -> Result<DateTime, InputError> {
    match v {
        Value::Number(n) => Ok(DateTime::from_secs_f64(n.as_f64().unwrap_or_default())),
        Value::String(s) => DateTime::from_str(s, aws_smithy_types::date_time::Format::DateTime)
            .map_err(|e| InputError(format!("invalid timestamp {s:?}: {e}"))),
        other => Err(InputError(format!("expected a timestamp, got {other}"))),
    }
}

/// Blob members hold base64 text in JSON parameters, as in botocore.
pub fn blob(v: &Value) -> Result<Blob, InputError> {
    use base64::Engine;
    let s = string(v)?;
    base64::engine::general_purpose::STANDARD
        .decode(s.as_bytes())
        .map(Blob::new)
        .map_err(|e| InputError(format!("invalid base64: {e}")))
}

pub fn blob_out(b: &Blob) -> Value {
    use base64::Engine;
    Value::String(base64::engine::general_purpose::STANDARD.encode(b.as_ref()))
}

/// A streaming blob parameter is the path of the file to send, as in the AWS CLI. The body is
/// read from the file as it is sent (and again on a retry), never held in memory whole.
pub async fn stream_in(v: &Value) -> Result<ByteStream, InputError> {
    let path = string(v)?;
    let len = std::fs::metadata(&path)
        .map(|m| m.len())
        .map_err(|e| InputError(format!("{path}: {e}")))?;
    let stream = ByteStream::read_from()
        .path(&path)
        .build()
        .await
        .map_err(|e| InputError(format!("{path}: {e}")))?;
    Ok(crate::progress::track_upload(stream, len, "upload"))
}

/// A response's timestamp in the `cli_timestamp_format` the output options carry.
pub fn timestamp_out(t: &DateTime, format: TimestampFormat) -> Value {
    match format {
        TimestampFormat::Iso8601 => {
            Value::String(crate::output::iso8601_local(t.secs(), t.subsec_nanos()))
        }
        // The SDK keeps no trace of how the wire spelled the number; the service and the
        // emulator send floats, which Python prints as floats (`1704067200.0`).
        TimestampFormat::Wire => {
            let f = t.as_secs_f64();
            serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)
        }
    }
}
