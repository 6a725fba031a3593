//! Request bodies on the data plane, bounded before they are buffered.
//!
//! Every body has a limit: the asset quota for the bytes of a package (staged on disk as they
//! arrive, never held), a few MiB for the documents a handler must read whole. A declared
//! length (`Content-Length`) over the limit is refused before anything is read; a chunked body
//! is counted as it streams and refused as soon as it passes the limit. 413 either way. What
//! the handler leaves unread is drained (bounded) by the server, so the client reads the refusal.

use axum::body::Bytes;
use axum::extract::Request;
use axum::http::{HeaderMap, StatusCode};
use futures_util::{Stream, StreamExt};

use super::DpError;
use crate::mock::blobs::Stager;

pub fn too_large(limit: u64) -> DpError {
    DpError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        format!("the request body is larger than {limit} bytes"),
    )
}

/// Refuses a declared length over `limit` before any byte is read.
pub fn check_declared(headers: &HeaderMap, limit: u64) -> Result<(), DpError> {
    match crate::mock::protocol::content_length(headers) {
        Some(n) if n > limit => Err(too_large(limit)),
        _ => Ok(()),
    }
}

/// Reads a body the handler needs whole (a metadata document, a checksum, a dist-tag), at most
/// `limit` bytes.
pub async fn read_whole(req: Request, limit: usize) -> Result<Bytes, DpError> {
    check_declared(req.headers(), limit as u64)?;
    let mut stream = req.into_body().into_data_stream();
    let mut out = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| DpError::bad_request(format!("reading the body: {e}")))?;
        if out.len() + chunk.len() > limit {
            return Err(too_large(limit as u64));
        }
        out.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(out))
}

/// A body read piece by piece (cargo's length-prefixed publish body), counted against `limit`.
/// Messages name the body `what` ("the publish body").
pub struct Reader<S> {
    stream: S,
    buf: Bytes,
    total: u64,
    limit: u64,
    what: &'static str,
}

impl<S, E> Reader<S>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    pub fn new(stream: S, limit: u64, what: &'static str) -> Self {
        Reader {
            stream,
            buf: Bytes::new(),
            total: 0,
            limit,
            what,
        }
    }

    /// Makes `buf` non-empty; `false` at the end of the body.
    async fn fill(&mut self) -> Result<bool, DpError> {
        while self.buf.is_empty() {
            let Some(chunk) = self.stream.next().await else {
                return Ok(false);
            };
            let chunk =
                chunk.map_err(|e| DpError::bad_request(format!("reading {}: {e}", self.what)))?;
            self.total += chunk.len() as u64;
            if self.total > self.limit {
                return Err(too_large(self.limit));
            }
            self.buf = chunk;
        }
        Ok(true)
    }

    /// The next `n` bytes, or how many there were before the body ended.
    pub async fn exact(&mut self, n: usize) -> Result<Result<Vec<u8>, usize>, DpError> {
        let mut out = Vec::with_capacity(n.min(64 * 1024));
        while out.len() < n {
            if !self.fill().await? {
                return Ok(Err(out.len()));
            }
            let take = (n - out.len()).min(self.buf.len());
            out.extend_from_slice(&self.buf.split_to(take));
        }
        Ok(Ok(out))
    }

    /// Streams the next `n` bytes into `stager`; `Err(got)` when the body ends first.
    pub async fn copy(&mut self, n: u64, stager: &mut Stager) -> Result<Result<(), u64>, DpError> {
        let mut copied = 0u64;
        while copied < n {
            if !self.fill().await? {
                return Ok(Err(copied));
            }
            let take =
                usize::try_from(n - copied).map_or(self.buf.len(), |left| left.min(self.buf.len()));
            stager.write(&self.buf.split_to(take)).await?;
            copied += take as u64;
        }
        Ok(Ok(()))
    }

    /// How many bytes are left (read and dropped, within the limit).
    pub async fn rest(&mut self) -> Result<u64, DpError> {
        let mut n = 0;
        while self.fill().await? {
            n += self.buf.len() as u64;
            self.buf = Bytes::new();
        }
        Ok(n)
    }
}
