//! Running one operation from the command line: options -> parameters -> call (paginated as the
//! AWS CLI paginates, pager.rs) -> output. Everything here is generic over the model; nothing is
//! written per operation.

use clap::ArgMatches;
use serde_json::Value;

use crate::cli::pager::{self, Paging};
use crate::cli::params::{self, ArgKind, RawArg, Skeleton};
use crate::cli::settings::{self, Settings};
use crate::cli::{client, confirm, tree};
use crate::error::{Error, Result};
use crate::model::{self, Operation, cli_name};
use crate::output::{self, Document};

pub async fn run(op: &'static Operation, m: &ArgMatches, settings: &Settings) -> Result<()> {
    let skeleton = m
        .try_get_one::<String>("generate-cli-skeleton")
        .ok()
        .flatten();
    if skeleton.is_some_and(|w| w == "input") {
        return output::stdout::print(params::skeleton(&op.name, Skeleton::Input).as_bytes());
    }
    let (p, page_size_injected) = parameters(op, m)?;
    if skeleton.is_some() {
        // `output`: the AWS CLI validates the parameters first, then prints the output skeleton.
        return output::stdout::print(params::skeleton(&op.name, Skeleton::Output).as_bytes());
    }
    let paging = Paging::from_matches(op, m, settings, &p, page_size_injected)?;
    let outfile = match tree::streaming_output(op) {
        Some(_) => Some(
            m.get_one::<String>("outfile")
                .cloned()
                .ok_or_else(|| Error::usage("the following arguments are required: outfile"))?,
        ),
        None => None,
    };

    let options = settings::output_settings(settings).await?;
    let connection = client::connect(settings).await?;
    // After everything that could refuse the command, so nobody answers a question for nothing.
    confirm::confirm(op, &p, settings.yes).await?;
    let service = &connection.service;
    match paging {
        Some(paging) => {
            let key = &model::model().paginators[&op.name].result_key;
            let listing = output::Listing::start(&op.name, key, &options);
            pager::paginate(service, op, p, paging, options.timestamps, listing).await
        }
        None => {
            let response = service.call(&op.name, &p, options.timestamps).await?;
            if let (Some(stream), Some(path)) = (response.stream, outfile.as_deref()) {
                crate::cli::download::save(stream, path).await?;
            }
            output::print(&Document::Single(response.value), &op.name, &options)
        }
    }
}

/// The parameter object, built as the AWS CLI builds it: each option given on the command line,
/// `--cli-input-json` under them, the required-option check, `--page-size` folded into the
/// service's limit member, then botocore's validation.
/// Also says whether `--page-size` was folded into the limit member (so that pagination, not the
/// user, put it there).
fn parameters(op: &Operation, m: &ArgMatches) -> Result<(Value, bool)> {
    let model = model::model();
    let input = model.input(op);
    let mut args: Vec<(String, RawArg)> = Vec::new();
    for (name, member) in &input.members {
        let long = cli_name(name);
        match params::arg_kind(&member.shape) {
            ArgKind::Flag => {
                if m.get_flag(&long) {
                    args.push((name.clone(), RawArg::Flag(true)));
                } else if m.get_flag(&format!("no-{long}")) {
                    args.push((name.clone(), RawArg::Flag(false)));
                }
            }
            // As with argparse, the last occurrence of an option wins.
            _ => {
                if let Some(values) = m
                    .get_occurrences::<String>(&long)
                    .and_then(|mut o| o.next_back())
                {
                    args.push((name.clone(), RawArg::Values(values.cloned().collect())));
                }
            }
        }
    }
    let cli_input = m.try_get_one::<String>("cli-input-json").ok().flatten();
    let mut p = params::parse_params(&op.name, &args, cli_input.map(String::as_str))?;
    fill_payload_sha256(input, &mut p)?;
    if cli_input.is_none() {
        let missing: Vec<String> = input
            .required
            .iter()
            .filter(|r| p.get(r).is_none())
            .map(|r| format!("--{}", cli_name(r)))
            .collect();
        if !missing.is_empty() {
            return Err(Error::usage(format!(
                "the following arguments are required: {}",
                missing.join(", ")
            )));
        }
    }
    let mut injected = false;
    if let Some(pag) = model.paginators.get(&op.name)
        && let Some(size) = m.try_get_one::<String>("page-size").ok().flatten()
    {
        let size = params::parse_long_arg("--page-size", size)?;
        if p.get(&pag.limit_key).is_none() {
            p.set(&pag.limit_key, &Value::from(size));
            injected = true;
        }
    }
    p.validate()?;
    Ok((p.to_value(), injected))
}

/// PublishPackageVersion wants the SHA-256 of the asset in a header (`x-amz-content-sha256`); the
/// AWS CLI makes the user compute it. When it is omitted we compute it from the file we are about
/// to send, streaming (the asset may be gigabytes).
fn fill_payload_sha256(input: &model::Shape, p: &mut params::Params) -> Result<()> {
    let model = model::model();
    let Some((hash_member, _)) = input.members.iter().find(|(_, mm)| {
        mm.location_name
            .as_deref()
            .is_some_and(|l| l.eq_ignore_ascii_case("x-amz-content-sha256"))
    }) else {
        return Ok(());
    };
    let Some((payload, _)) = input
        .members
        .iter()
        .find(|(_, mm)| model.shape(&mm.shape).streaming)
    else {
        return Ok(());
    };
    if p.get(hash_member).is_some() {
        return Ok(());
    }
    let Some(Value::String(path)) = p.get(payload) else {
        return Ok(());
    };
    let digest = sha256_file(&path)
        .map_err(|e| Error::usage(format!("--{}: {path}: {e}", cli_name(payload))))?;
    p.set(hash_member, &Value::from(digest));
    Ok(())
}

fn sha256_file(path: &str) -> std::io::Result<String> {
    use sha2::Digest;
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut hasher = sha2::Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}
