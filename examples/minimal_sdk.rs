//! The floor for one call: a minimal program making the same SDK call as
//! `codeartifact get-authorization-token --domain D`, with aws-config's default chain and nothing
//! else. bench/compare.sh times it beside `codeartifact` and the AWS CLI.
//!
//! Usage: minimal_sdk ENDPOINT_URL DOMAIN
#![allow(
    clippy::print_stdout,
    reason = "a standalone program, not part of codeartifact's output"
)]

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(endpoint), Some(domain)) = (args.next(), args.next()) else {
        eprintln!("usage: minimal_sdk ENDPOINT_URL DOMAIN");
        std::process::exit(2);
    };
    let config = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
    let conf = aws_sdk_codeartifact::config::Builder::from(&config)
        .endpoint_url(endpoint)
        .build();
    let client = aws_sdk_codeartifact::Client::from_conf(conf);
    match client.get_authorization_token().domain(domain).send().await {
        Ok(out) => println!("{}", out.expiration().map(|e| e.secs()).unwrap_or_default()),
        Err(e) => {
            eprintln!("{e:?}");
            std::process::exit(1);
        }
    }
}
