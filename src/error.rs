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
    /// The user pressed Ctrl-C or Esc at a prompt (cli/prompt.rs): exit 130 with nothing more
    /// to say (the prompt has said it, and put the terminal back).
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
