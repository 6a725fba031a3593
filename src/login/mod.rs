// placeholder: replaced by the login branch
#[derive(clap::Args, Debug)]
pub struct LoginArgs {
    #[arg(long)]
    pub tool: Option<String>,
}
#[derive(clap::Args, Debug)]
pub struct LogoutArgs {
    #[arg(long)]
    pub tool: Option<String>,
}
pub async fn login(_a: &LoginArgs, _c: &aws_sdk_codeartifact::Client) -> crate::error::Result<()> {
    Ok(())
}
pub fn logout(_a: &LogoutArgs) -> crate::error::Result<()> {
    Ok(())
}
