//! `codeartifact`: parse the command line, run the command, map failures to the AWS CLI's exit
//! codes (error.rs). Data goes to stdout, messages to stderr.

// As in the library (lib.rs).
#![deny(clippy::unwrap_used)]

use std::ffi::OsString;

use clap::FromArgMatches;

use codeartifact::cli::settings::Settings;
use codeartifact::error::{Error, exit};
use codeartifact::{cli, credential, exec, login, mock, model};

fn main() {
    panic_guard::install();
    let code = std::panic::catch_unwind(|| {
        panic_guard::test_panic();
        run(std::env::args_os().collect())
    })
    .unwrap_or(exit::OTHER);
    std::process::exit(code);
}

/// The catch-all for bugs: a panic anywhere becomes one message on stderr (masked, naming what
/// to report and where) and exit 255, instead of Rust's backtrace noise and exit 101. The hook
/// only reports; `main` turns the unwind into the exit code, so a panic on one of the emulator's
/// request threads is reported without stopping the server.
mod panic_guard {
    /// Set to any text, makes the binary panic with it at start-up. It exists so the tests can
    /// prove the catch-all on the real binary; it is harmless (the process exits 255 with the
    /// report, having done nothing) and documented in RELIABILITY.md.
    pub const TEST_VAR: &str = "CODEARTIFACT_TEST_PANIC";

    pub fn install() {
        std::panic::set_hook(Box::new(|info| {
            let what = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            let place = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            let repository = env!("CARGO_PKG_REPOSITORY");
            let to = if repository.is_empty() {
                "the codeartifact maintainers (the project's issue tracker)".to_string()
            } else {
                format!("{repository}/issues")
            };
            let mut report = format!(
                "\ncodeartifact {}: internal error: {what}{place}\nThis is a bug. Please report it to {to} with \
                 this message and the command you ran (without secrets).\n",
                env!("CARGO_PKG_VERSION")
            );
            if std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0") {
                report.push_str(&std::backtrace::Backtrace::force_capture().to_string());
            }
            eprint!("{}", codeartifact::secrets::mask(&report));
        }));
    }

    pub fn test_panic() {
        if let Some(text) = std::env::var_os(TEST_VAR) {
            panic!("{}", text.to_string_lossy());
        }
    }
}

/// glibc gives freed memory back to the kernel as soon as the top of the heap is free, and
/// serves blocks over 128 KiB with mmap/munmap: a listing that frees each page (a few hundred KiB)
/// before fetching the next one then page-faults its memory in again, page after page. Keeping
/// freed memory cut the system time of a 100-page listing from ~100 ms to ~14 ms
/// (bench/list_packages.sh); peak memory is unchanged, it is only not returned early.
fn keep_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only tunes the allocator; called before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_TRIM_THRESHOLD, 256 << 20);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
    }
}

fn run(mut args: Vec<OsString>) -> i32 {
    // cargo's credential provider and the `keyring` command: no command line to parse.
    if let Some(code) = credential::dispatch(&args) {
        return code;
    }
    // The shells' completion scripts asking for resource names (cli/complete.rs).
    if args.get(1).is_some_and(|a| a == cli::complete::FLAG) {
        let words: Vec<String> = args[2..]
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        return cli::complete::main(&words);
    }
    // The AWS CLI's habit `aws codeartifact list-domains help` asks for help too.
    if args.len() > 1 && args.last().is_some_and(|a| a == "help") {
        args.pop();
        args.push("--help".into());
    }
    let only = operation_in(&args);
    let matches = match cli::tree::command(only.as_deref()).try_get_matches_from(&args) {
        Ok(m) => m,
        Err(e) => {
            use clap::error::ErrorKind::*;
            return match e.kind() {
                DisplayHelp | DisplayVersion => {
                    let _ = e.print();
                    exit::OK
                }
                DisplayHelpOnMissingArgumentOrSubcommand => {
                    let _ = e.print();
                    exit::USAGE
                }
                _ => {
                    eprintln!("{}", cli::usage::render_clap(e));
                    exit::USAGE
                }
            };
        }
    };
    let settings = match Settings::from_matches(&matches) {
        Ok(s) => s,
        Err(e) => return report(e),
    };
    if settings.debug {
        // RUST_LOG may ask for more (trace logs request headers); every line is masked
        // (secrets.rs), and plain so the masker sees keys and values side by side.
        let filter = tracing_subscriber::EnvFilter::try_from_default_env()
            .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("debug"));
        tracing_subscriber::fmt()
            .with_writer(codeartifact::secrets::MaskedStderr)
            .with_ansi(false)
            .with_env_filter(filter)
            .init();
    }
    let Some((name, sub)) = matches.subcommand() else {
        return exit::USAGE;
    };
    if name != "mock" {
        // Not for the long-running emulator, whose many threads would each keep their peak.
        keep_freed_memory();
    }
    if name == "mock" {
        return match mock::run(sub) {
            Ok(code) => code,
            Err(e) => report(e),
        };
    }
    if name == "exec" {
        // Its own signal handling (forwarding to the command) replaces the Ctrl-C one below.
        return match exec::ExecArgs::from_arg_matches(sub)
            .map_err(|e| Error::usage(e.to_string()))
            .and_then(|args| exec::run(&args, &settings))
        {
            Ok(code) => code,
            Err(e) => report(e),
        };
    }
    let runtime = if settings.local {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
    } else {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
    };
    let runtime = match runtime {
        Ok(r) => r,
        Err(e) => return report(Error::other(e.to_string())),
    };
    let work = async {
        match name {
            "login" => {
                let args = login::LoginArgs::from_arg_matches(sub)
                    .map_err(|e| Error::usage(e.to_string()))?;
                login::login(&args, &settings).await
            }
            "logout" => {
                let args = login::LogoutArgs::from_arg_matches(sub)
                    .map_err(|e| Error::usage(e.to_string()))?;
                login::logout(&args)
            }
            "keyring" => {
                let Some(("install", m)) = sub.subcommand() else {
                    return Err(Error::usage(
                        "usage: codeartifact keyring install [--dir DIR]",
                    ));
                };
                let args = credential::keyring::InstallArgs::from_arg_matches(m)
                    .map_err(|e| Error::usage(e.to_string()))?;
                let text = credential::keyring::install(args.dir.as_deref())?;
                codeartifact::output::stdout::print(text.as_bytes())
            }
            op_cli => {
                let m = model::model();
                let op = m
                    .operations
                    .values()
                    .find(|o| model::cli_name(&o.name) == op_cli)
                    .ok_or_else(|| Error::usage(format!("unknown command {op_cli}")))?;
                cli::operation::run(op, sub, &settings).await
            }
        }
    };
    let result = runtime.block_on(async {
        tokio::select! {
            r = work => Some(r),
            _ = tokio::signal::ctrl_c() => None,
        }
    });
    match result {
        None => exit::INTERRUPTED,
        Some(Ok(())) => exit::OK,
        Some(Err(e)) => report(e),
    }
}

/// The operation named on the command line, if any: lets the tree be built with only that
/// subcommand (the other 47 cost start-up time and are not needed to parse this call).
fn operation_in(args: &[OsString]) -> Option<String> {
    let m = model::model();
    args.iter()
        .skip(1)
        .filter_map(|a| a.to_str())
        .find(|a| m.operations.keys().any(|n| model::cli_name(n) == *a))
        .map(str::to_string)
}

/// Prints an error as the AWS CLI does and returns its exit code.
fn report(e: Error) -> i32 {
    match &e {
        // Not a failure: nobody is left to read a message.
        Error::OutputClosed | Error::Interrupted => {}
        // argparse's own complaints come with the usage lines, as the AWS CLI prints them.
        Error::Usage(msg)
            if msg.starts_with("argument ") || msg.starts_with("the following arguments") =>
        {
            eprintln!("{}", cli::usage::render(msg));
        }
        _ => eprintln!("\n{}", e.to_string().trim_matches('\n')),
    }
    e.exit_code()
}
