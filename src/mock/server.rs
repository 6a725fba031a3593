//! The HTTP server: every request goes through `dispatch`, which finds the operation (or the
//! registry), decodes and validates its input, runs the handler off the async threads (SQLite
//! and file I/O are blocking) and encodes the answer. Connections and their limits are
//! connections.rs's.

use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, Response};

use super::error::ApiError;
use super::{Ctx, handlers, protocol, validate};

pub(super) async fn dispatch(ctx: Arc<Ctx>, req: Request) -> Response<Body> {
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    if path == super::lifecycle::IDENTITY_PATH && method == axum::http::Method::GET {
        return super::lifecycle::identity(&ctx);
    }
    if let Some(target) = super::dataplane::Target::parse(&path) {
        return super::dataplane::serve(ctx, req, target, started).await;
    }
    let op = protocol::route(&method, &path);
    let mut resp = match op {
        Some(op) => control_plane(&ctx, op, req)
            .await
            .unwrap_or_else(|e| protocol::error_response(&e)),
        None => protocol::error_response(&protocol::unknown_operation(&method, &path)),
    };
    let request_id = uuid::Uuid::new_v4().to_string();
    resp.headers_mut().insert(
        "x-amzn-requestid",
        HeaderValue::from_str(&request_id).expect("a UUID is a valid header"),
    );
    if ctx.verbose {
        // Path only: query strings and headers may carry names users consider private, and
        // the data plane's Authorization header carries tokens.
        eprintln!(
            "{method} {path} {} -> {} {}ms",
            op.map_or("-", |o| o.name.as_str()),
            resp.status().as_u16(),
            started.elapsed().as_millis()
        );
    }
    resp
}

async fn control_plane(
    ctx: &Arc<Ctx>,
    op: &'static crate::model::Operation,
    req: Request,
) -> Result<Response<Body>, ApiError> {
    let (parts, body) = req.into_parts();
    let decoded = protocol::decode(op, parts.uri.query(), &parts.headers, body, &ctx.blobs).await?;
    validate::validate(&op.input.shape, &decoded.input)?;
    let region = protocol::signed_region(&parts.headers, parts.uri.query());
    let worker_ctx = Arc::clone(ctx);
    let input = decoded.input;
    let failed =
        |e: tokio::task::JoinError| ApiError::internal(format!("the request handler failed: {e}"));
    if let Some(handler) = handlers::body_handler(&op.name) {
        let body = tokio::task::spawn_blocking(move || {
            super::in_region(region, || handler(&worker_ctx, input))
        })
        .await
        .map_err(failed)??;
        return Ok(protocol::json_response(body));
    }
    let handler = handlers::handler(&op.name).ok_or_else(|| {
        ApiError::validation_reason(
            "UNKNOWN_OPERATION",
            format!("{} is not implemented by this emulator yet", op.name),
        )
    })?;
    let output = tokio::task::spawn_blocking(move || {
        super::in_region(region, || handler(&worker_ctx, input))
    })
    .await
    .map_err(failed)??;
    // The staged payload (if any) lives until the handler is done with it; an uncommitted one
    // is deleted here.
    drop(decoded.staged);
    protocol::encode(op, output, &ctx.blobs)
}
