//! The rest-json wire protocol, driven entirely by the service model: which operation a
//! (method, path) is, how its input is spread over query string, headers, JSON body and raw
//! payload, and how its output and errors go back. Handlers only ever see and return one JSON
//! object keyed by model member names, so adding an operation never touches this file.

use std::collections::HashMap;
use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, Response, StatusCode};
use chrono::DateTime;
use futures_util::TryStreamExt;
use serde_json::{Map, Value};

use super::blobs::{BlobStore, StagedBlob};
use super::error::{ApiError, scalar_text};
use crate::model::{self, Kind, Operation, Shape};

/// JSON request bodies are small (policy documents are at most 7 KiB); raw payloads are streamed
/// to disk instead and are not bounded by this.
const MAX_JSON_BODY: usize = 8 * 1024 * 1024;

/// The operation bound to `method` and `path` (exact match: the model has no URI labels).
pub fn route(method: &Method, path: &str) -> Option<&'static Operation> {
    static ROUTES: OnceLock<HashMap<(String, String), &'static Operation>> = OnceLock::new();
    let routes = ROUTES.get_or_init(|| {
        model::model()
            .operations
            .values()
            .map(|op| ((op.http.method.clone(), op.http.request_uri.clone()), op))
            .collect()
    });
    routes
        .get(&(method.as_str().to_string(), path.to_string()))
        .copied()
}

/// The error for a request no operation matches, in the shape clients parse.
pub fn unknown_operation(method: &Method, path: &str) -> ApiError {
    ApiError::validation_reason(
        "UNKNOWN_OPERATION",
        format!("Unknown operation: {method} {path}"),
    )
}

/// A decoded request: the input object and, for operations with a streaming payload, the bytes
/// staged on disk (kept alive until the response is sent, then deleted unless committed).
pub struct Decoded {
    pub input: Value,
    pub staged: Option<StagedBlob>,
}

/// Gathers the operation's input from every location the model binds it to.
pub async fn decode(
    op: &Operation,
    query: Option<&str>,
    headers: &HeaderMap,
    body: Body,
    blobs: &BlobStore,
) -> Result<Decoded, ApiError> {
    let m = model::model();
    let shape = m.input(op);
    let mut input = Map::new();

    let mut params: HashMap<String, Vec<String>> = HashMap::new();
    for (k, v) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
        params
            .entry(k.into_owned())
            .or_default()
            .push(v.into_owned());
    }

    for (name, member) in &shape.members {
        let wire = member.location_name.as_deref().unwrap_or(name);
        let member_shape = m.shape(&member.shape);
        match member.location.as_deref() {
            Some("querystring") => {
                if let Some(values) = params.get(wire) {
                    input.insert(name.clone(), from_text_values(member_shape, values, name)?);
                }
            }
            Some("header") => {
                if let Some(v) = headers.get(wire) {
                    let text = v.to_str().map_err(|_| {
                        ApiError::validation_reason(
                            "CANNOT_PARSE",
                            format!("Header {wire} is not text"),
                        )
                    })?;
                    input.insert(name.clone(), from_text(member_shape, text, name)?);
                }
            }
            _ => {}
        }
    }

    let mut staged = None;
    match shape.payload.as_deref() {
        Some(payload) => {
            let member = shape.member(payload).expect("payload names a member");
            let s = m.shape(&member.shape);
            if s.kind == Kind::Blob && s.streaming {
                // The parameters are checked before any of the payload is read: a refused
                // upload costs nothing, and the client hears why while it is still sending.
                let mut params = input.clone();
                params.insert(payload.to_string(), Value::Object(Map::new()));
                super::validate::validate(&op.input.shape, &Value::Object(params))?;
                let refusal = |e: std::io::Error| match e.kind() {
                    std::io::ErrorKind::FileTooLarge => {
                        let asset = input.get("assetName").and_then(Value::as_str);
                        ApiError::quota("asset", asset.unwrap_or(""), e.to_string())
                    }
                    super::blobs::BODY_BROKEN => {
                        ApiError::validation_reason("CANNOT_PARSE", e.to_string())
                    }
                    _ => e.into(),
                };
                blobs
                    .check_declared_size(content_length(headers))
                    .map_err(refusal)?;
                let stream = body.into_data_stream().map_err(|e| e.to_string());
                let blob = blobs.stage(stream).await.map_err(refusal)?;
                input.insert(payload.to_string(), BlobStore::staged_json(&blob));
                staged = Some(blob);
            } else {
                // A structure payload is the whole JSON body bound to one member.
                let json = read_json(headers, body).await?;
                if !json.is_null() {
                    input.insert(payload.to_string(), json);
                }
            }
        }
        None => {
            let json = read_json(headers, body).await?;
            match json {
                Value::Null => {}
                Value::Object(obj) => {
                    for (name, member) in &shape.members {
                        if member.location.is_none()
                            && let Some(v) = obj.get(name)
                        {
                            input.insert(name.clone(), v.clone());
                        }
                    }
                }
                _ => {
                    return Err(ApiError::validation_reason(
                        "CANNOT_PARSE",
                        "The request body is not a JSON object",
                    ));
                }
            }
        }
    }
    Ok(Decoded {
        input: Value::Object(input),
        staged,
    })
}

async fn read_json(headers: &HeaderMap, body: Body) -> Result<Value, ApiError> {
    if content_length(headers).is_some_and(|n| n > MAX_JSON_BODY as u64) {
        return Err(ApiError::validation_reason(
            "CANNOT_PARSE",
            format!("The request body is larger than {MAX_JSON_BODY} bytes"),
        ));
    }
    let bytes = axum::body::to_bytes(body, MAX_JSON_BODY)
        .await
        .map_err(|e| {
            ApiError::validation_reason(
                "CANNOT_PARSE",
                format!("Cannot read the request body: {e}"),
            )
        })?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Null);
    }
    serde_json::from_slice(&bytes).map_err(|e| {
        ApiError::validation_reason(
            "CANNOT_PARSE",
            format!("The request body is not valid JSON: {e}"),
        )
    })
}

fn from_text_values(shape: &Shape, values: &[String], name: &str) -> Result<Value, ApiError> {
    if shape.kind == Kind::List {
        let item = model::model().shape(&shape.member.as_ref().expect("list has a member").shape);
        return values
            .iter()
            .map(|v| from_text(item, v, name))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array);
    }
    // Repeated scalar parameters: the last one wins, as in most HTTP frameworks.
    from_text(shape, values.last().map_or("", String::as_str), name)
}

/// A query-string or header value converted to the member's JSON type.
fn from_text(shape: &Shape, text: &str, name: &str) -> Result<Value, ApiError> {
    let bad = |what: &str| {
        ApiError::validation_reason(
            "CANNOT_PARSE",
            format!("Cannot parse '{text}' as {what} for '{name}'"),
        )
    };
    Ok(match shape.kind {
        Kind::Integer | Kind::Long => {
            Value::from(text.trim().parse::<i64>().map_err(|_| bad("an integer"))?)
        }
        Kind::Boolean => match text {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => return Err(bad("a boolean")),
        },
        Kind::Timestamp => Value::from(parse_timestamp(text).ok_or_else(|| bad("a timestamp"))?),
        _ => Value::String(text.to_string()),
    })
}

fn parse_timestamp(text: &str) -> Option<f64> {
    if let Ok(n) = text.parse::<f64>() {
        return Some(n);
    }
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.timestamp_millis() as f64 / 1000.0)
}

/// The request's declared body length, if it gave a valid one.
pub fn content_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
}

/// The region a request is signed for: the third part of its SigV4 credential scope
/// (`AKID/20240101/us-west-2/codeartifact/aws4_request`), from the `Authorization` header or a
/// presigned URL's `X-Amz-Credential`. None when unsigned or not a plausible region; the emulator
/// checks no signature, so this only says which region the caller addresses, as the service's
/// regional endpoint would.
pub fn signed_region(headers: &HeaderMap, query: Option<&str>) -> Option<String> {
    let from_header = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once("Credential="))
        .map(|(_, rest)| {
            rest.split([',', ' '])
                .next()
                .unwrap_or_default()
                .to_string()
        });
    let from_query = || {
        form_urlencoded::parse(query?.as_bytes())
            .find(|(k, _)| k == "X-Amz-Credential")
            .map(|(_, v)| v.into_owned())
    };
    let credential = from_header.or_else(from_query)?;
    let region = credential.split('/').nth(2)?;
    let plausible = !region.is_empty()
        && region.len() <= 32
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    plausible.then(|| region.to_string())
}

/// Builds the HTTP response for an operation's output object: header members become headers, a
/// streaming payload member (`{"domain":..,"sha256":..}`) streams that blob, everything else is
/// the JSON body in model order with map keys sorted.
pub fn encode(
    op: &Operation,
    output: Value,
    blobs: &BlobStore,
) -> Result<Response<Body>, ApiError> {
    let m = model::model();
    let mut builder = Response::builder().status(StatusCode::OK);
    let Some(shape) = m.output(op) else {
        return Ok(builder
            .header("content-type", "application/json")
            .body(Body::from("{}"))
            .expect("valid response"));
    };
    let obj = match output {
        Value::Object(o) => o,
        _ => Map::new(),
    };
    for (name, member) in &shape.members {
        if member.location.as_deref() == Some("header")
            && let Some(v) = obj.get(name).filter(|v| !v.is_null())
        {
            let wire = member.location_name.as_deref().unwrap_or(name);
            builder = builder.header(wire, header_value(&scalar_text(v))?);
        }
    }
    if let Some(payload) = shape.payload.as_deref() {
        let member = shape.member(payload).expect("payload names a member");
        let s = m.shape(&member.shape);
        if s.kind == Kind::Blob && s.streaming {
            let v = &obj[payload];
            let (Some(domain), Some(sha)) = (v["domain"].as_str(), v["sha256"].as_str()) else {
                return Err(ApiError::internal(
                    "the handler returned no blob for the payload",
                ));
            };
            let file = blobs.open_blob(domain, sha)?;
            // The length, as the service sends it: clients show progress against it and can
            // tell a cut transfer from a whole one. Blobs never change once stored.
            let len = file.metadata()?.len();
            let file = tokio::fs::File::from_std(file);
            let body = Body::from_stream(tokio_util::io::ReaderStream::new(file));
            return Ok(builder
                .header("content-type", "application/octet-stream")
                .header("content-length", len)
                .body(body)
                .expect("valid response"));
        }
    }
    let mut text = Vec::with_capacity(4096);
    encode_structure(shape, &Value::Object(obj), &mut text);
    Ok(builder
        .header("content-type", "application/json")
        .body(Body::from(text))
        .expect("valid response"))
}

/// A 200 response with a JSON body a `BodyHandler` wrote (its output has no header members).
pub fn json_response(body: Vec<u8>) -> Response<Body> {
    Response::builder()
        .status(StatusCode::OK)
        .header("content-type", "application/json")
        .body(Body::from(body))
        .expect("valid response")
}

fn header_value(text: &str) -> Result<HeaderValue, ApiError> {
    HeaderValue::from_str(text)
        .map_err(|_| ApiError::internal(format!("cannot send {text:?} as a header")))
}

/// Writes `value` as the JSON body for `shape`, straight into `out`: only members of the shape,
/// in model order; absent and null members left out, as the service leaves them out; map keys
/// sorted. Writing directly (not building a second value tree first) keeps a 1,000-item page
/// cheap to serve.
fn encode_structure(shape: &Shape, value: &Value, out: &mut Vec<u8>) {
    out.push(b'{');
    let mut first = true;
    if let Some(obj) = value.as_object() {
        for (name, member) in &shape.members {
            if member.location.is_some() {
                continue;
            }
            if let Some(v) = obj.get(name).filter(|v| !v.is_null()) {
                if !first {
                    out.push(b',');
                }
                first = false;
                write_str(out, name);
                out.push(b':');
                encode_value(model::model().shape(&member.shape), v, out);
            }
        }
    }
    out.push(b'}');
}

fn encode_value(shape: &Shape, value: &Value, out: &mut Vec<u8>) {
    let m = model::model();
    match shape.kind {
        Kind::Structure => encode_structure(shape, value, out),
        Kind::List => {
            let item = m.shape(&shape.member.as_ref().expect("list has a member").shape);
            out.push(b'[');
            for (i, v) in value.as_array().into_iter().flatten().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                encode_value(item, v, out);
            }
            out.push(b']');
        }
        Kind::Map => {
            let val = m.shape(&shape.value.as_ref().expect("map has a value").shape);
            let mut entries: Vec<_> = value
                .as_object()
                .map(|o| o.iter().collect())
                .unwrap_or_default();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            out.push(b'{');
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_str(out, k);
                out.push(b':');
                encode_value(val, v, out);
            }
            out.push(b'}');
        }
        // rest-json timestamps are epoch seconds; handlers may also hand over RFC 3339 text.
        Kind::Timestamp => match value {
            Value::String(s) => {
                write_json(out, &parse_timestamp(s).map_or(Value::Null, Value::from));
            }
            other => write_json(out, other),
        },
        _ => write_json(out, value),
    }
}

/// A JSON string (also what the handlers that write their own bodies use).
pub fn write_str(out: &mut Vec<u8>, key: &str) {
    let _ = serde_json::to_writer(&mut *out, key);
}

fn write_json(out: &mut Vec<u8>, v: &Value) {
    // Writing JSON into a Vec cannot fail.
    let _ = serde_json::to_writer(out, v);
}

/// The error response every failure turns into (reference/control-plane.md, "Error wire format").
pub fn error_response(err: &ApiError) -> Response<Body> {
    let (headers, body) = err.to_wire();
    let mut resp = Response::builder()
        .status(StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
        .header("content-type", "application/json")
        .header("x-amzn-errortype", err.code);
    for (k, v) in headers {
        if let (Ok(k), Ok(v)) = (HeaderName::try_from(k), HeaderValue::from_str(&v)) {
            resp = resp.header(k, v);
        }
    }
    resp.body(Body::from(body.to_string()))
        .expect("valid response")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn routes_share_a_path_by_method() {
        assert_eq!(
            route(&Method::GET, "/v1/package").unwrap().name,
            "DescribePackage"
        );
        assert_eq!(
            route(&Method::DELETE, "/v1/package").unwrap().name,
            "DeletePackage"
        );
        assert_eq!(
            route(&Method::POST, "/v1/package").unwrap().name,
            "PutPackageOriginConfiguration"
        );
        assert!(route(&Method::PUT, "/v1/package").is_none());
        assert!(route(&Method::GET, "/v1/nothing").is_none());
    }

    #[tokio::test]
    async fn query_and_body_are_merged_by_member_name() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = BlobStore::open(dir.path().to_path_buf()).unwrap();
        let op = model::model().operation("CreateRepository").unwrap();
        let body =
            Body::from(r#"{"description":"d","upstreams":[{"repositoryName":"u"}],"ignored":1}"#);
        let d = decode(
            op,
            Some("domain=dom&domain-owner=111122223333&repository=r%2Bx"),
            &HeaderMap::new(),
            body,
            &blobs,
        )
        .await
        .unwrap();
        assert_eq!(
            d.input,
            json!({"domain":"dom","domainOwner":"111122223333","repository":"r+x","description":"d","upstreams":[{"repositoryName":"u"}]})
        );
        let op = model::model().operation("GetAuthorizationToken").unwrap();
        let d = decode(
            op,
            Some("domain=d&duration=900"),
            &HeaderMap::new(),
            Body::empty(),
            &blobs,
        )
        .await
        .unwrap();
        assert_eq!(d.input["durationSeconds"], 900);
        let e = decode(
            op,
            Some("domain=d&duration=x"),
            &HeaderMap::new(),
            Body::empty(),
            &blobs,
        )
        .await
        .err()
        .unwrap();
        assert_eq!(e.fields["reason"], "CANNOT_PARSE");
    }

    #[tokio::test]
    async fn streaming_payload_is_staged_with_its_hash() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = BlobStore::open(dir.path().to_path_buf()).unwrap();
        let op = model::model().operation("PublishPackageVersion").unwrap();
        let mut headers = HeaderMap::new();
        let sha = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";
        headers.insert("x-amz-content-sha256", HeaderValue::from_static(sha));
        let query = "domain=dom&repository=repo&format=generic&namespace=ns&package=p&version=1";
        let d = decode(
            op,
            Some(&format!("{query}&asset=a.txt&unfinished=true")),
            &headers,
            Body::from("hello world"),
            &blobs,
        )
        .await
        .unwrap();
        assert_eq!(d.input["assetSHA256"], sha);
        assert_eq!(d.input["unfinished"], true);
        assert_eq!(d.input["assetContent"]["size"], 11);
        assert_eq!(d.staged.unwrap().sha256, sha);

        // Parameters are refused before the payload is read: this body fails if it is.
        let unreadable = || {
            Body::from_stream(futures_util::stream::iter([Err::<axum::body::Bytes, _>(
                std::io::Error::other("the body was read"),
            )]))
        };
        let e = decode(
            op,
            Some(&format!("{query}&asset=../x")),
            &headers,
            unreadable(),
            &blobs,
        )
        .await
        .err()
        .unwrap();
        assert_eq!(e.fields["reason"], "FIELD_VALIDATION_FAILED");
        assert!(e.message.contains("at 'assetName'"), "{}", e.message);
        // A body that breaks off is the client's doing: a 400, not a 500.
        let e = decode(
            op,
            Some(&format!("{query}&asset=a")),
            &headers,
            unreadable(),
            &blobs,
        )
        .await
        .err()
        .unwrap();
        assert_eq!(
            (e.code, e.fields["reason"].as_str()),
            ("ValidationException", Some("CANNOT_PARSE"))
        );
    }

    #[test]
    fn output_follows_model_order_and_drops_unknown_members() {
        let shape = model::model().shape("DomainSummary");
        let mut out = Vec::new();
        encode_structure(
            shape,
            &json!({"status":"Active","name":"d","extra":1,"createdTime":"2020-01-01T00:00:00Z","arn":null}),
            &mut out,
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{"name":"d","status":"Active","createdTime":1577836800.0}"#
        );
    }

    #[test]
    fn errors_carry_type_header_and_status() {
        let err = ApiError::not_found("domain", "d", "Domain not found");
        let resp = error_response(&err);
        assert_eq!(resp.status(), 404);
        assert_eq!(
            resp.headers()["x-amzn-errortype"],
            "ResourceNotFoundException"
        );
        let (_, body) = err.to_wire();
        assert_eq!(
            body,
            json!({"__type":"ResourceNotFoundException","message":"Domain not found","resourceId":"d","resourceType":"domain"})
        );
        let throttled =
            ApiError::new("ThrottlingException", "slow down").with("retryAfterSeconds", 3);
        let (headers, body) = throttled.to_wire();
        assert_eq!(headers, vec![("Retry-After".to_string(), "3".to_string())]);
        assert!(body.get("retryAfterSeconds").is_none());
    }
}

#[cfg(test)]
mod region_tests {
    use super::*;

    #[test]
    fn the_region_comes_from_the_credential_scope() {
        let mut h = HeaderMap::new();
        assert_eq!(signed_region(&h, None), None);
        h.insert(
            "authorization",
            HeaderValue::from_static(
                "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-west-2/codeartifact/aws4_request, \
                 SignedHeaders=host;x-amz-date, Signature=abc",
            ),
        );
        assert_eq!(signed_region(&h, None).as_deref(), Some("us-west-2"));
        let presigned = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20240101%2Feu-central-1%2Fcodeartifact%2Faws4_request&X-Amz-Signature=x";
        assert_eq!(
            signed_region(&HeaderMap::new(), Some(presigned)).as_deref(),
            Some("eu-central-1")
        );
        for bad in [
            "AWS4-HMAC-SHA256 Credential=AKID/20240101",
            "AWS4-HMAC-SHA256 Credential=AKID/20240101/US_WEST/codeartifact/aws4_request",
            "AWS4-HMAC-SHA256 Credential=AKID/20240101//codeartifact/aws4_request",
            "Bearer token",
        ] {
            let mut h = HeaderMap::new();
            h.insert("authorization", HeaderValue::from_str(bad).unwrap());
            assert_eq!(signed_region(&h, None), None, "{bad}");
        }
    }
}
