//! Connections: accepting them, bounding them, and handing each request to `server::dispatch`.
//!
//! A server that tests and developers leave running must not be pinned by clients that stall,
//! so each connection is bounded (DESIGN.md §2, "hostile input"; RELIABILITY.md has the
//! figures):
//! - at most `Limits::max_connections` are served at once; the next ones wait in the listen
//!   backlog (the kernel completes their handshake) until a slot frees, which the timeouts below
//!   guarantee happens;
//! - `Limits::client_timeout` bounds every wait on a client: for a request's headers (hyper's
//!   header-read timeout, which also ends an idle keep-alive connection, since it waits for the
//!   next request's headers), for the next piece of a request body (`RequestBody`), and for room
//!   to write the response (`StallGuard`);
//! - a request body the handler did not read to the end (a refusal answered early: over the
//!   quota, unauthorized, malformed) is drained in the background, at most `DRAIN_BYTES` for at
//!   most `DRAIN_TIME`, and the response says `Connection: close`: the client reads its answer
//!   instead of a reset while it is still sending (`write EPIPE` in Node), and the connection
//!   closes only after the response is flushed.

use std::convert::Infallible;
use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderValue, Response, header};
use http_body::{Body as _, Frame, SizeHint};
use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};
use tokio::time::Sleep;

use super::{Ctx, server};

/// How much of a request body nobody wants is read (and dropped) before the connection is
/// closed, and for how long: enough for the uploads clients send whole before they read the
/// answer (the AWS SDK for JavaScript, a few MiB), little enough that a refused 5 GB upload is
/// not read to its end. A client that pauses for `DRAIN_IDLE` has stopped sending (it waits
/// for the answer it already has), so the connection closes then.
const DRAIN_BYTES: u64 = 64 * 1024 * 1024;
const DRAIN_TIME: Duration = Duration::from_secs(10);
const DRAIN_IDLE: Duration = Duration::from_secs(1);
/// How long a stopping server lets the requests in flight finish.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// The limits on connections (see the module comment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub client_timeout: Duration,
    pub max_connections: usize,
}

impl Limits {
    /// hyper's own default header-read timeout; nginx waits 60 s.
    pub const DEFAULT_CLIENT_TIMEOUT: Duration = Duration::from_secs(30);
    /// Well under the usual 1,024 file descriptors a process may open, and far above what
    /// package clients open at once (npm: 16 sockets, cargo: 64 downloads).
    pub const DEFAULT_MAX_CONNECTIONS: usize = 512;
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            client_timeout: Self::DEFAULT_CLIENT_TIMEOUT,
            max_connections: Self::DEFAULT_MAX_CONNECTIONS,
        }
    }
}

/// Serves `listener` until `stop` turns true, then lets the requests in flight finish (for at
/// most `SHUTDOWN_GRACE`).
pub async fn serve(
    listener: TcpListener,
    ctx: Arc<Ctx>,
    limits: Limits,
    mut stop: watch::Receiver<bool>,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    loop {
        let slot = tokio::select! {
            slot = Arc::clone(&slots).acquire_owned() => slot.expect("the semaphore is never closed"),
            _ = stopped(&mut stop) => break,
        };
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stopped(&mut stop) => break,
        };
        let tcp = match accepted {
            Ok((tcp, _)) => tcp,
            Err(e) => {
                // Out of file descriptors, or a connection reset before it was accepted: not a
                // reason to stop serving. The pause lets descriptors free up.
                if ctx.verbose {
                    eprintln!("cannot accept a connection: {e}");
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        // Without TCP_NODELAY a small body sent after its headers waits for the client's delayed
        // ACK (~40 ms a download: pip fetching 100 wheels spent 3 s on it).
        let _ = tcp.set_nodelay(true);
        tokio::spawn(connection(
            tcp,
            Arc::clone(&ctx),
            limits,
            slot,
            stop.clone(),
        ));
    }
    drop(listener);
    let all = u32::try_from(limits.max_connections).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, slots.acquire_many(all)).await;
}

/// Resolves once the server is told to stop.
async fn stopped(stop: &mut watch::Receiver<bool>) {
    let _ = stop.wait_for(|stopped| *stopped).await;
}

/// One connection, holding its slot until it ends.
async fn connection(
    tcp: TcpStream,
    ctx: Arc<Ctx>,
    limits: Limits,
    _slot: OwnedSemaphorePermit,
    mut stop: watch::Receiver<bool>,
) {
    let io = TokioIo::new(StallGuard {
        tcp,
        limit: limits.client_timeout,
        stalled: None,
    });
    let service = hyper::service::service_fn(move |req| handle(Arc::clone(&ctx), limits, req));
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.client_timeout);
    let conn = builder.serve_connection(io, service);
    tokio::pin!(conn);
    // Errors are the client's doing (a reset, a timeout, malformed HTTP): the connection ends.
    tokio::select! {
        _ = conn.as_mut() => return,
        _ = stopped(&mut stop) => {}
    }
    conn.as_mut().graceful_shutdown();
    let _ = conn.await;
}

async fn handle(
    ctx: Arc<Ctx>,
    limits: Limits,
    req: hyper::Request<Incoming>,
) -> Result<Response<Body>, Infallible> {
    let expects_continue = req
        .headers()
        .get(header::EXPECT)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue"));
    let (parts, incoming) = req.into_parts();
    let slot = Arc::new(Mutex::new(BodySlot {
        incoming: Some(incoming),
        state: BodyState::Untouched,
    }));
    let body = Body::new(RequestBody {
        slot: Arc::clone(&slot),
        idle: limits.client_timeout,
        timer: None,
    });
    let mut resp = server::dispatch(ctx, Request::from_parts(parts, body)).await;
    let leftover = lock(&slot).leftover(expects_continue);
    if let Some(rest) = leftover {
        resp.headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        if let Some(incoming) = rest {
            tokio::spawn(drain(incoming));
        }
    }
    Ok(resp)
}

/// Reads and drops what is left of a request body (see the module comment).
async fn drain(mut incoming: Incoming) {
    let mut left = DRAIN_BYTES;
    let _ = tokio::time::timeout(DRAIN_TIME, async {
        while let Ok(Some(Ok(frame))) = tokio::time::timeout(DRAIN_IDLE, incoming.frame()).await {
            let n = frame.data_ref().map_or(0, |d| d.len() as u64);
            if n >= left {
                return;
            }
            left -= n;
        }
    })
    .await;
}

/// A request body shared between the handler (through `RequestBody`) and the connection, which
/// finds out after the handler what the handler left unread.
struct BodySlot {
    incoming: Option<Incoming>,
    state: BodyState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyState {
    Untouched,
    Reading,
    /// Read to its end.
    Done,
    /// Broken off: malformed, reset, or stalled past the client timeout.
    Failed,
}

impl BodySlot {
    /// `None` when nothing is left to read; `Some(None)` when the connection must close without
    /// reading more (the body broke, or the client waits for `100 Continue` before sending it);
    /// `Some(Some(body))` for a rest to drain before closing.
    fn leftover(&mut self, expects_continue: bool) -> Option<Option<Incoming>> {
        let ended = self.incoming.as_ref().is_none_or(|b| b.is_end_stream());
        match self.state {
            BodyState::Done => None,
            _ if ended => None,
            BodyState::Failed => Some(None),
            BodyState::Untouched if expects_continue => Some(None),
            BodyState::Untouched | BodyState::Reading => Some(self.incoming.take()),
        }
    }
}

fn lock(slot: &Mutex<BodySlot>) -> std::sync::MutexGuard<'_, BodySlot> {
    // Nothing panics while holding it; a poisoned slot still holds a usable body.
    slot.lock().unwrap_or_else(|e| e.into_inner())
}

/// The body a handler reads: the request's, failing with `TimedOut` when the client sends
/// nothing for `idle`.
struct RequestBody {
    slot: Arc<Mutex<BodySlot>>,
    idle: Duration,
    timer: Option<Pin<Box<Sleep>>>,
}

impl http_body::Body for RequestBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        let this = self.get_mut();
        let mut slot = lock(&this.slot);
        if slot.state == BodyState::Failed {
            return Poll::Ready(None);
        }
        let Some(incoming) = slot.incoming.as_mut() else {
            return Poll::Ready(None);
        };
        let polled = Pin::new(incoming).poll_frame(cx);
        match polled {
            Poll::Ready(Some(Ok(frame))) => {
                this.timer = None;
                let ended = slot.incoming.as_ref().is_none_or(|b| b.is_end_stream());
                slot.state = if ended {
                    BodyState::Done
                } else {
                    BodyState::Reading
                };
                Poll::Ready(Some(Ok(frame)))
            }
            Poll::Ready(None) => {
                this.timer = None;
                slot.state = BodyState::Done;
                Poll::Ready(None)
            }
            Poll::Ready(Some(Err(e))) => {
                slot.state = BodyState::Failed;
                Poll::Ready(Some(Err(io::Error::other(e))))
            }
            Poll::Pending => {
                if slot.state == BodyState::Untouched {
                    slot.state = BodyState::Reading;
                }
                let idle = this.idle;
                let timer = this
                    .timer
                    .get_or_insert_with(|| Box::pin(tokio::time::sleep(idle)));
                if timer.as_mut().poll(cx).is_ready() {
                    slot.state = BodyState::Failed;
                    return Poll::Ready(Some(Err(io::Error::new(
                        io::ErrorKind::TimedOut,
                        format!("the client sent no body data for {} s", idle.as_secs()),
                    ))));
                }
                Poll::Pending
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        let slot = lock(&self.slot);
        slot.state == BodyState::Failed || slot.incoming.as_ref().is_none_or(|b| b.is_end_stream())
    }

    fn size_hint(&self) -> SizeHint {
        lock(&self.slot)
            .incoming
            .as_ref()
            .map_or_else(|| SizeHint::with_exact(0), |b| b.size_hint())
    }
}

/// The connection's socket, failing a write with `TimedOut` when the client has taken nothing
/// for `limit` (a client that stopped reading its response would otherwise hold the
/// connection, and its slot, forever).
struct StallGuard {
    tcp: TcpStream,
    limit: Duration,
    stalled: Option<Pin<Box<Sleep>>>,
}

impl StallGuard {
    fn watch<T>(
        &mut self,
        cx: &mut Context<'_>,
        polled: Poll<io::Result<T>>,
    ) -> Poll<io::Result<T>> {
        if polled.is_ready() {
            self.stalled = None;
            return polled;
        }
        let limit = self.limit;
        let timer = self
            .stalled
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
        if timer.as_mut().poll(cx).is_ready() {
            self.stalled = None;
            return Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client has read nothing of its response",
            )));
        }
        Poll::Pending
    }
}

impl AsyncRead for StallGuard {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().tcp).poll_read(cx, buf)
    }
}

impl AsyncWrite for StallGuard {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.tcp).poll_write(cx, buf);
        this.watch(cx, polled)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.tcp).poll_write_vectored(cx, bufs);
        this.watch(cx, polled)
    }

    fn is_write_vectored(&self) -> bool {
        self.tcp.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().tcp).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().tcp).poll_shutdown(cx)
    }
}
