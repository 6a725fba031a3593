// placeholder: replaced by the mock branch
use std::path::{Path, PathBuf};
pub struct Running {
    pub url: String,
}
pub struct ServeOptions;
impl ServeOptions {
    pub fn local(_d: PathBuf) -> Self {
        ServeOptions
    }
}
pub fn command() -> clap::Command {
    clap::Command::new("mock")
}
pub fn run(_m: &clap::ArgMatches) -> crate::error::Result<()> {
    Ok(())
}
pub async fn start(_o: ServeOptions) -> crate::error::Result<Running> {
    Err(crate::error::Error::other("no mock"))
}
pub fn default_data_dir() -> PathBuf {
    PathBuf::new()
}
pub fn discover(_d: &Path) -> Option<String> {
    None
}
