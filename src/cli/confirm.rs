//! Asking before a destructive operation. Only a person at a terminal is asked (stdin and stderr
//! both terminals): a script or a pipe never is, so the AWS CLI's behaviour there is unchanged,
//! and `--yes` skips the question. The question shows what will go, from the parameters exactly
//! as they will be sent. End of input answers no; Ctrl-C ends the command with 130. The answer is
//! read on a thread of its own so that Ctrl-C is heard while it waits, and Ctrl-C is listened
//! for before the question is shown, so an early one cannot kill the process unheard.

use std::io::{BufRead, Write};

use serde_json::Value;

use crate::error::{Error, Result};
use crate::model::{self, Operation, cli_name};

/// The operations that destroy something, and what each destroys.
fn consequence(op: &str) -> Option<&'static str> {
    Some(match op {
        "DeleteDomain" => "delete this domain",
        "DeleteRepository" => "delete this repository and every package version in it",
        "DeletePackage" => "delete this package and all its versions",
        "DeletePackageVersions" => "delete these package versions",
        "DisposePackageVersions" => "delete the assets of these package versions (status Disposed)",
        "DeletePackageGroup" => "delete this package group (its packages move to its parent group)",
        _ => return None,
    })
}

/// Asks, if `op` is destructive and someone is there to answer; `Ok` means go ahead.
pub async fn confirm(op: &Operation, params: &Value, yes: bool) -> Result<()> {
    let Some(consequence) = consequence(&op.name) else {
        return Ok(());
    };
    if yes || !crate::cli::prompt::interactive() {
        return Ok(());
    }
    let mut interrupt = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())?;
    let mut err = std::io::stderr().lock();
    writeln!(err, "{} will {consequence}:", cli_name(&op.name))?;
    for line in described(op, params) {
        writeln!(err, "  {line}")?;
    }
    write!(err, "This cannot be undone. Continue? [y/N] ")?;
    err.flush()?;
    drop(err);
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let read = std::io::stdin().lock().read_line(&mut line);
        let _ = tx.send(read.map(|n| (n, line)));
    });
    let answer = tokio::select! {
        answer = rx => answer,
        _ = interrupt.recv() => {
            // Ends the line the ^C was echoed on.
            eprintln!();
            return Err(Error::Interrupted);
        }
    };
    match answer {
        Ok(Ok((_, line))) if matches!(line.trim().to_ascii_lowercase().as_str(), "y" | "yes") => {
            Ok(())
        }
        // End of input leaves the cursor after the question.
        Ok(Ok((0, _))) => {
            eprintln!();
            Err(declined())
        }
        _ => Err(declined()),
    }
}

fn declined() -> Error {
    Error::other("Not confirmed: nothing was changed (--yes skips the question)")
}

/// `option: value` for each parameter given, in the model's order of the input's members.
fn described(op: &Operation, params: &Value) -> Vec<String> {
    let m = model::model();
    m.input(op)
        .members
        .iter()
        .filter_map(|(name, _)| {
            let value = params.get(name)?;
            let shown = match value {
                Value::String(s) => s.clone(),
                Value::Array(items) => items
                    .iter()
                    .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                    .collect::<Vec<_>>()
                    .join(", "),
                other => other.to_string(),
            };
            Some(format!("--{} {shown}", cli_name(name)))
        })
        .collect()
}
