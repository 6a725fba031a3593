//! The one error type the binary reports, and its exit code (the AWS CLI's, see DESIGN.md §1).

use std::fmt;

/// Exit codes, as the AWS CLI uses them.
pub mod exit {
    pub const OK: i32 = 0;
    /// The command line or a parameter is wrong.
    pub const USAGE: i32 = 252;
    /// Configuration or credentials are missing or wrong.
    pub const CONFIG: i32 = 253;
    /// The service answered with an error.
    pub const SERVICE: i32 = 254;
    /// Anything else.
    pub const OTHER: i32 = 255;
    /// Interrupted (SIGINT).
    pub const INTERRUPTED: i32 = 130;
}

#[derive(Debug)]
pub enum Error {
    /// Bad command line or parameter value; the message names the option.
    Usage(String),
    /// Bad configuration or credentials.
    Config(String),
    /// An error response from the service: code and message, printed in the AWS CLI's words.
    Service {
        operation: String,
        code: String,
        message: String,
    },
    /// Anything else (I/O, network, a file that cannot be parsed...).
    Other(String),
    /// Stdout's reader went away (`... | head`): the command stops quietly with status 0, as the
    /// AWS CLI and ripgrep do. Not a failure, but an `Err` so that it unwinds like one and every
    /// cleanup on the way (an in-process emulator's shutdown) runs before `main` exits.
    OutputClosed,
    /// The user stopped at a question on the terminal: Ctrl-C (where the command itself listens
    /// for it) or Esc (cli/prompt.rs). Exit 130 after the cleanups on the way out, as for
    /// `OutputClosed`, with nothing more to say: the question has put the terminal back.
    Interrupted,
}

impl Error {
    pub fn usage(msg: impl Into<String>) -> Self {
        Error::Usage(msg.into())
    }
    pub fn config(msg: impl Into<String>) -> Self {
        Error::Config(msg.into())
    }
    pub fn other(msg: impl Into<String>) -> Self {
        Error::Other(msg.into())
    }
    /// No region anywhere: the AWS CLI's sentence (scripts may match it), then where ours can
    /// come from, including the emulator, which needs no AWS configuration at all.
    pub fn no_region() -> Self {
        Error::Config(
            "You must specify a region. You can also configure your region by running \"aws configure\".\n\
             hint: pass --region REGION, set AWS_REGION, or add --local to use the local emulator"
                .to_string(),
        )
    }

    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => exit::USAGE,
            Error::Config(_) => exit::CONFIG,
            Error::Service { .. } => exit::SERVICE,
            Error::Other(_) => exit::OTHER,
            Error::OutputClosed => exit::OK,
            Error::Interrupted => exit::INTERRUPTED,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(m) | Error::Config(m) | Error::Other(m) => f.write_str(m),
            Error::OutputClosed => f.write_str("stdout was closed"),
            Error::Interrupted => f.write_str("interrupted"),
            Error::Service {
                operation,
                code,
                message,
            } => {
                write!(
                    f,
                    "An error occurred ({code}) when calling the {operation} operation: {message}"
                )
            }
        }
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Other(e.to_string())
    }
}

pub type Result<T> = std::result::Result<T, Error>;
