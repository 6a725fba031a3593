//! Progress on stderr for asset transfers (publish-package-version uploads, get-package-version-asset
//! downloads), shown only when a person is watching: stderr is a terminal and NO_COLOR-style quiet
//! is not asked for. Scripts and CI logs never see it.

use std::io::IsTerminal;
use std::pin::Pin;
use std::task::{Context, Poll};

use aws_sdk_codeartifact::primitives::ByteStream;
use aws_smithy_types::body::SdkBody;
use bytes::Bytes;
use indicatif::{ProgressBar, ProgressStyle};

/// A bar for `total` bytes (a spinner with a byte count when the size is unknown), or None when
/// stderr is not a terminal.
pub fn bar(total: Option<u64>, label: &str) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() || std::env::var_os("CODEARTIFACT_NO_PROGRESS").is_some() {
        return None;
    }
    let (bar, template) = match total {
        Some(n) => (
            ProgressBar::new(n),
            "{msg} {bar:30} {percent}% {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left)",
        ),
        None => (
            ProgressBar::new_spinner(),
            "{msg} {spinner} {bytes} ({bytes_per_sec})",
        ),
    };
    bar.set_style(
        ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_message(label.to_string());
    Some(bar)
}

/// Counts an upload's bytes into a bar as the SDK sends them. A retry rebuilds the body, and the
/// bar starts over with it.
pub fn track_upload(stream: ByteStream, len: u64, label: &str) -> ByteStream {
    let Some(bar) = bar(Some(len), label) else {
        return stream;
    };
    stream.map(move |body| {
        bar.set_position(0);
        SdkBody::from_body_1_x(Counting {
            inner: body,
            bar: bar.clone(),
        })
    })
}

struct Counting {
    inner: SdkBody,
    bar: ProgressBar,
}

impl http_body::Body for Counting {
    type Data = Bytes;
    type Error = aws_smithy_types::body::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        let polled = Pin::new(&mut self.inner).poll_frame(cx);
        match &polled {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref() {
                    self.bar.inc(data.len() as u64);
                }
            }
            Poll::Ready(None) => self.bar.finish_and_clear(),
            _ => {}
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        http_body::Body::size_hint(&self.inner)
    }
}
