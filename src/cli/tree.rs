//! The command tree, built from the service model: one subcommand per operation, one option per
//! input member, named as the AWS CLI names them. Built at run time so that the model stays the only
//! definition of the surface; `--help`, completions and man pages all come from this tree.

use clap::{Arg, ArgAction, Command};

use crate::cli::params::{self, ArgKind};
use crate::model::{self, Operation, cli_name};
use crate::output::{Color, Format};

/// The values of an option the output layer defines (`--output`, `--color`), taken as strings
/// (Settings resolves them against the environment and the profile).
fn choices<T: clap::ValueEnum>() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(crate::output::names::<T>())
}

/// The global options, with the AWS CLI's names and meanings. `global(true)` lets them stand
/// before or after the operation, as the AWS CLI accepts.
pub(crate) fn global_args() -> Vec<Arg> {
    global_args_unheaded()
        .into_iter()
        .map(|a| a.help_heading("Global Options"))
        .collect()
}

fn global_args_unheaded() -> Vec<Arg> {
    let flag = |name: &'static str, help: &'static str| {
        Arg::new(name)
            .long(name)
            .action(ArgAction::SetTrue)
            .global(true)
            .help(help)
    };
    let value =
        |name: &'static str, help: &'static str| Arg::new(name).long(name).global(true).help(help);
    vec![
        flag("debug", "Turn on debug logging (to stderr)"),
        value("endpoint-url", "Override the service's endpoint URL").value_name("URL"),
        flag("no-verify-ssl", "Do not verify TLS certificates"),
        flag("no-paginate", "Make one call only; do not aggregate pages"),
        value("output", "The output format")
            .value_parser(choices::<Format>())
            .hide_possible_values(false),
        value("query", "A JMESPath query applied to the response").value_name("JMESPATH"),
        value(
            "profile",
            "A profile from the AWS config and credentials files",
        )
        .value_name("PROFILE"),
        value("region", "The region to use").value_name("REGION"),
        value("color", "Colour in table output").value_parser(choices::<Color>()),
        flag(
            "no-sign-request",
            "Send unsigned requests (no credentials are loaded)",
        ),
        value("ca-bundle", "A PEM bundle of CA certificates to trust").value_name("PATH"),
        value(
            "cli-read-timeout",
            "Socket read timeout in seconds (0: none)",
        )
        .value_name("SECONDS"),
        value(
            "cli-connect-timeout",
            "Socket connect timeout in seconds (0: none)",
        )
        .value_name("SECONDS"),
        Arg::new("local")
            .long("local")
            .global(true)
            .action(ArgAction::SetTrue)
            .env("CODEARTIFACT_LOCAL")
            .value_parser(clap::builder::FalseyValueParser::new())
            .help("Run against the local emulator (`codeartifact mock`) instead of AWS"),
        flag("yes", "Do not ask before destructive operations"),
        // AWS CLI v2's options, accepted so that v2 scripts run unchanged. Output is never paged
        // here; the only blob CodeArtifact takes is the streamed asset, which is a file path in
        // either format; and there is no auto-prompt to turn off.
        flag(
            "no-cli-pager",
            "Accepted for AWS CLI v2 scripts (output is never paged)",
        ),
        value(
            "cli-binary-format",
            "Accepted for AWS CLI v2 scripts (no CodeArtifact parameter is an inline blob)",
        )
        .value_parser(["base64", "raw-in-base64-out"]),
        flag(
            "no-cli-auto-prompt",
            "Accepted for AWS CLI v2 scripts (there is no auto-prompt)",
        ),
    ]
}

/// The whole tree. `only` restricts the operation subcommands to one (a fast path for a normal
/// call, which need not build the 47 others); `None` builds everything (help, completions, man).
pub fn command(only: Option<&str>) -> Command {
    let m = model::model();
    let mut cmd = Command::new("codeartifact")
        .version(env!("CARGO_PKG_VERSION"))
        .about("AWS CodeArtifact from the command line: every operation, login for every package tool, and a local emulator")
        .subcommand_required(true)
        .arg_required_else_help(true)
        .args(global_args());
    for (name, op) in &m.operations {
        let cli = cli_name(name);
        if only.is_none_or(|o| o == cli) {
            cmd = cmd.subcommand(operation_command(op));
        }
    }
    if only.is_none_or(|o| !m.operations.keys().any(|n| cli_name(n) == o)) {
        cmd = cmd
            .subcommand(<crate::login::LoginArgs as clap::Args>::augment_args(
                Command::new("login")
                    .about("Configure a package tool to use a CodeArtifact repository"),
            ))
            .subcommand(<crate::login::LogoutArgs as clap::Args>::augment_args(
                Command::new("logout")
                    .about("Remove what `login` wrote to a package tool's configuration"),
            ))
            .subcommand(crate::mock::command())
            .subcommand(<crate::exec::ExecArgs as clap::Args>::augment_args(
                Command::new("exec").about(
                    "Run a command with package tools configured for a repository through its environment only",
                ),
            ))
            .subcommand(
                Command::new("keyring")
                    .about("The `keyring` command pip and uv run for passwords, answered with tokens")
                    .subcommand_required(true)
                    .subcommand(<crate::credential::keyring::InstallArgs as clap::Args>::augment_args(
                        Command::new("install").about(
                            "Link `keyring` to codeartifact in a folder on PATH, for pip and uv (never replacing another keyring)",
                        ),
                    )),
            );
    }
    if only.is_none() {
        // clap lists subcommands under one heading; `--help` lists them grouped instead.
        let groups = command_groups(&cmd);
        cmd = cmd
            .before_help(groups)
            .help_template(
                "{about-with-newline}\n{usage-heading} {usage}\n\n{before-help}\nGlobal Options:\n{options}{after-help}",
            );
    }
    cmd
}

/// The headings of `--help`'s list of commands, in order: the commands of our own first, then
/// the operations by what they act on.
const GROUPS: [&str; 7] = [
    "Commands",
    "Domains",
    "Repositories",
    "Packages",
    "Package groups",
    "Policies",
    "Tags",
];

/// The index in `GROUPS` of the command `name` (a CLI name).
fn group_of(name: &str) -> usize {
    let m = model::model();
    if !m.operations.keys().any(|n| cli_name(n) == name) {
        0
    } else if name.contains("policy") {
        5
    } else if name.ends_with("tag-resource") || name.contains("tags-for-resource") {
        6
    } else if name.contains("package-group")
        || name.contains("associated-package")
        || name.ends_with("-for-group")
    {
        4
    } else if name.contains("package") {
        3
    } else if name.contains("repositor") || name.contains("external-connection") {
        2
    } else {
        1
    }
}

/// `head` then `text` wrapped at 80 columns, continuation lines under the text's start (clap
/// wraps `before_help` only at the terminal's width, and without the hanging indent).
fn wrapped(head: &str, text: &str) -> String {
    const COLUMNS: usize = 80;
    let indent = head.len();
    let mut out = head.to_string();
    let mut column = indent;
    for word in text.split_whitespace() {
        if column > indent && column + 1 + word.len() > COLUMNS {
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            column = indent;
        } else if column > indent {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += word.len();
    }
    out.push('\n');
    out
}

fn command_groups(cmd: &Command) -> String {
    use std::fmt::Write as _;
    let width = cmd
        .get_subcommands()
        .map(|s| s.get_name().len())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (i, heading) in GROUPS.iter().enumerate() {
        let lines: Vec<String> = cmd
            .get_subcommands()
            .filter(|s| group_of(s.get_name()) == i)
            .map(|s| {
                let about = s.get_about().map(ToString::to_string).unwrap_or_default();
                wrapped(&format!("  {:width$}  ", s.get_name()), &about)
            })
            .collect();
        if !lines.is_empty() {
            let _ = writeln!(out, "{heading}:\n{}", lines.concat());
        }
    }
    out.push_str("Run `codeartifact <command> --help` for a command's options.");
    out
}

/// The member of `op`'s output that is a stream, if any (GetPackageVersionAsset's `asset`).
pub fn streaming_output(op: &Operation) -> Option<&'static str> {
    let m = model::model();
    let out = m.output(op)?;
    out.members
        .iter()
        .find(|(_, mm)| m.shape(&mm.shape).streaming)
        .map(|(n, _)| n.as_str())
}

fn operation_command(op: &'static Operation) -> Command {
    let m = model::model();
    let input = m.input(op);
    let mut cmd = Command::new(cli_name(&op.name)).about(op.doc.clone());
    for (name, member) in &input.members {
        let long = cli_name(name);
        // The placeholder help and man pages show: `--domain <DOMAIN>`.
        let placeholder = long.to_uppercase().replace('-', "_");
        let required = input.is_required(name);
        let help = if required {
            format!("[required] {}", member.doc)
        } else {
            member.doc.clone()
        };
        match params::arg_kind(&member.shape) {
            ArgKind::Flag => {
                let no = format!("no-{long}");
                cmd = cmd
                    .arg(
                        Arg::new(long.clone())
                            .long(long.clone())
                            .action(ArgAction::SetTrue)
                            .help(help)
                            .overrides_with(&no),
                    )
                    .arg(
                        Arg::new(no.clone())
                            .long(no)
                            .action(ArgAction::SetTrue)
                            .hide(true)
                            .overrides_with(&long),
                    );
            }
            ArgKind::List => {
                cmd = cmd.arg(
                    Arg::new(long.clone())
                        .long(long)
                        .num_args(0..)
                        .action(ArgAction::Append)
                        .value_name(placeholder)
                        .help(help),
                );
            }
            ArgKind::Single | ArgKind::BlobPath => {
                cmd = cmd.arg(
                    Arg::new(long.clone())
                        .long(long)
                        .action(ArgAction::Append)
                        .allow_hyphen_values(true)
                        .value_name(placeholder)
                        .help(help),
                );
            }
        }
    }
    if streaming_output(op).is_some() {
        cmd = cmd.arg(
            Arg::new("outfile")
                .value_name("OUTFILE")
                .help("Filename where the content will be saved"),
        );
    }
    if m.paginators.contains_key(&op.name) {
        cmd = cmd
            .arg(Arg::new("starting-token").long("starting-token").value_name("TOKEN").help(
                "A token to start paginating from: the NextToken of a previously truncated response",
            ))
            .arg(Arg::new("page-size").long("page-size").value_name("N").help(
                "The size of each page fetched from the service (does not change the output)",
            ))
            .arg(Arg::new("max-items").long("max-items").value_name("N").help(
                "The total number of items to print; a NextToken is printed when there are more",
            ));
    }
    if !params::supports_cli_input(&op.name) {
        return cmd;
    }
    cmd.arg(Arg::new("cli-input-json").long("cli-input-json").value_name("JSON").help(
        "Read arguments from a JSON string (or file://PATH); options on the command line take precedence",
    ))
    .arg(
        Arg::new("generate-cli-skeleton")
            .long("generate-cli-skeleton")
            .num_args(0..=1)
            .default_missing_value("input")
            .value_parser(["input", "output"])
            .help("Print a JSON skeleton of the input (or output) and exit"),
    )
}
