//! The one owner of stdout. Every command's data goes out through here (responses, listings,
//! skeletons, login's and logout's messages, the emulator's URL line), so that the same rules hold
//! everywhere:
//! - writes are buffered (stdout is line-buffered; a long listing wants one write per 64 KiB);
//! - a reader that went away (`... | head`) ends the command quietly with status 0, as the AWS
//!   CLI and ripgrep do. That comes back as [`Error::OutputClosed`], not an exit from here, so
//!   that the caller's cleanup (an in-process emulator's shutdown) runs before `main` exits.
//!
//! Clippy keeps it the only owner: `print_stdout` is denied (Cargo.toml) and `std::io::stdout`
//! is a disallowed method (clippy.toml) everywhere but here.

#![allow(
    clippy::disallowed_methods,
    reason = "the owner of stdout: the one place that may open it"
)]

use std::io::{self, IsTerminal, Write};

use crate::error::{Error, Result};

/// Stdout, buffered for output of any length.
pub(super) type Writer = io::BufWriter<io::Stdout>;

pub(super) fn writer() -> Writer {
    io::BufWriter::with_capacity(64 * 1024, io::stdout())
}

/// Writes `bytes` and flushes them.
pub fn print(bytes: &[u8]) -> Result<()> {
    let mut out = io::stdout().lock();
    quiet_when_closed(out.write_all(bytes).and_then(|()| out.flush()))
}

/// Whether stdout is a terminal (the table's colours and width).
pub fn is_terminal() -> bool {
    io::stdout().is_terminal()
}

/// A write to stdout's result, with a reader that went away turned into [`Error::OutputClosed`].
pub(super) fn quiet_when_closed(r: io::Result<()>) -> Result<()> {
    match r {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Err(Error::OutputClosed),
        other => other.map_err(Error::from),
    }
}
