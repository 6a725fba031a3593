mod cli;
mod error;
mod model;
mod ops;
mod output;

fn main() {
    let _ = ops::OPERATIONS;
    let _ = model::model();
    // Until the lead wires the command tree: keep the parameter API referenced.
    let _ = (
        cli::params::build_params,
        cli::params::parse_member,
        cli::params::validate,
        cli::params::cli_input_json,
        cli::params::skeleton,
        cli::params::arg_kind,
        cli::params::supports_cli_input,
        cli::params::Skeleton::Input,
        cli::params::Skeleton::Output,
        cli::params::ArgKind::Flag,
        cli::params::Params::set,
        cli::params::Params::get,
    );
}
