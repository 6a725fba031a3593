// Branch `login`: a minimal command line to run `login`/`logout` end to end until the lead wires
// them into the real command tree (see src/login/mod.rs for the interface).
mod error;
mod login;
mod model;
mod ops;
mod output;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "codeartifact")]
struct Cli {
    #[arg(long, global = true)]
    endpoint_url: Option<String>,
    #[arg(long, global = true)]
    region: Option<String>,
    #[arg(long, global = true)]
    profile: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Login(login::LoginArgs),
    Logout(login::LogoutArgs),
}

fn main() {
    let _ = ops::OPERATIONS;
    let _ = model::model();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) if !e.use_stderr() => e.exit(),
        Err(e) => {
            let _ = e.print();
            std::process::exit(error::exit::USAGE);
        }
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let result = rt.block_on(async {
        match &cli.command {
            Command::Login(args) => {
                let mut loader = aws_config::defaults(aws_config::BehaviorVersion::latest());
                if let Some(r) = &cli.region {
                    loader = loader.region(aws_config::Region::new(r.clone()));
                }
                if let Some(u) = &cli.endpoint_url {
                    loader = loader.endpoint_url(u);
                }
                if let Some(p) = &cli.profile {
                    loader = loader.profile_name(p);
                }
                let client = aws_sdk_codeartifact::Client::new(&loader.load().await);
                login::login(args, &client).await
            }
            Command::Logout(args) => login::logout(args),
        }
    });
    if let Err(e) = result {
        eprintln!("\n{e}");
        std::process::exit(e.exit_code());
    }
}
