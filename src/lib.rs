//! codeartifact: a client for AWS CodeArtifact with the AWS CLI's surface, login helpers for
//! package tools, and a local emulator of the service. The binary (main.rs) is a thin shell over
//! this library; tests and benchmarks use the library directly where a process would be noise.

// No input may panic the binary: `expect("why it cannot fail")` where it truly cannot, an error
// otherwise (unit tests may unwrap, clippy.toml).
#![deny(clippy::unwrap_used)]

pub mod cli;
pub mod credential;
pub mod docs;
pub mod error;
pub mod exec;
pub mod login;
pub mod mock;
pub mod model;
pub mod ops;
pub mod output;
pub mod progress;
pub mod python;
pub mod secrets;
pub mod tokens;
