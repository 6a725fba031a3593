mod error;
mod mock;
mod model;
mod ops;
mod output;

fn main() {
    let _ = ops::OPERATIONS;
    let _ = model::model();
    // Minimal wiring for the mock branch; the lead's command tree replaces this.
    if std::env::args().nth(1).as_deref() == Some("mock") {
        let matches = clap::Command::new("codeartifact").subcommand(mock::command()).get_matches();
        if let Some(("mock", m)) = matches.subcommand()
            && let Err(e) = mock::run(m)
        {
            eprintln!("{e}");
            std::process::exit(e.exit_code());
        }
    }
}
