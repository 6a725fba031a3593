//! The command line: the tree (from the model), the global settings, the SDK client, and running
//! an operation. Operation-specific code lives nowhere here; the model drives it all.

pub mod client;
pub mod complete;
mod confirm;
mod download;
mod insecure_tls;
pub mod operation;
mod pager;
pub mod params;
pub mod prompt;
pub mod settings;
pub mod shorthand;
pub mod tree;
pub mod usage;
