//! Running one operation from the command line: options -> parameters -> call (paginated as the
//! AWS CLI paginates) -> output. Everything here is generic over the model; nothing is written per
//! operation.

use std::io::Write;

use base64::Engine;
use clap::ArgMatches;
use serde_json::{Map, Value};

use crate::cli::params::{self, ArgKind, RawArg, Skeleton};
use crate::cli::settings::{self, Settings};
use crate::cli::{client, tree};
use crate::error::{Error, Result};
use crate::model::{self, Operation, cli_name};
use crate::ops::{self, CallError};
use crate::output::{Document, Format, Paged};

pub async fn run(op: &'static Operation, m: &ArgMatches, settings: &Settings) -> Result<()> {
    let skeleton = m
        .try_get_one::<String>("generate-cli-skeleton")
        .ok()
        .flatten();
    if skeleton.is_some_and(|w| w == "input") {
        return write_stdout(params::skeleton(&op.name, Skeleton::Input).as_bytes());
    }
    let (p, page_size_injected) = parameters(op, m)?;
    if skeleton.is_some() {
        // `output`: the AWS CLI validates the parameters first, then prints the output skeleton.
        return write_stdout(params::skeleton(&op.name, Skeleton::Output).as_bytes());
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

    let out = settings::output_settings(settings).await?;
    crate::ops::conv::set_timestamp_format(out.timestamps);
    let local = if settings.local {
        Some(client::local_endpoint().await?)
    } else {
        None
    };
    let client = client::build(settings, local.as_ref()).await?;
    let target = Target {
        client: &client,
        base_url: base_url(settings, local.as_ref(), &client),
    };

    let doc = match paging {
        Some(paging) => {
            let key = [model::model().paginators[&op.name].result_key.clone()];
            let sink = Sink::for_output(&out.options, &key);
            match paginate(&target, op, p, paging, sink).await? {
                Some(doc) => doc,
                None => return Ok(()), // already printed, page by page
            }
        }
        None => {
            let response = call(&target, op, &p).await?;
            if let (Some(stream), Some(path)) = (response.stream, outfile.as_deref()) {
                crate::cli::download::save(stream, path).await?;
            }
            Document::Single(response.value)
        }
    };
    let mut buf = Vec::with_capacity(4096);
    crate::output::write(&doc, &op.name, &out.options, &mut buf)?;
    write_stdout(&buf)
}

/// Writes to stdout; a reader that went away (`| head`) ends the program quietly, as the AWS CLI
/// and ripgrep do.
pub fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|_| stdout.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        other => other.map_err(Error::from),
    }
}

/// The client, and the endpoint it sends to (for error messages: the SDK does not expose it).
struct Target<'a> {
    client: &'a aws_sdk_codeartifact::Client,
    base_url: String,
}

/// The endpoint in the order aws-config resolves it: `--endpoint-url` (or `--local`), the
/// service-specific and global environment variables, then the service's regional endpoint.
fn base_url(
    settings: &Settings,
    local: Option<&client::Local>,
    c: &aws_sdk_codeartifact::Client,
) -> String {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    settings
        .endpoint_url
        .clone()
        .or_else(|| local.map(|l| l.url.clone()))
        .or_else(|| env("AWS_ENDPOINT_URL_CODEARTIFACT"))
        .or_else(|| env("AWS_ENDPOINT_URL"))
        .unwrap_or_else(|| {
            let region = c
                .config()
                .region()
                .map(|r| r.to_string())
                .unwrap_or_default();
            format!("https://codeartifact.{region}.amazonaws.com")
        })
}

/// The URL of a request as botocore reports it: endpoint, path, then the query-string members
/// in model order.
fn request_url(base: &str, op: &Operation, p: &Value) -> String {
    let input = model::model().input(op);
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (name, member) in &input.members {
        if member.location.as_deref() != Some("querystring") {
            continue;
        }
        let key = member.location_name.as_deref().unwrap_or(name);
        match p.get(name) {
            Some(Value::String(s)) => {
                query.append_pair(key, s);
            }
            Some(Value::Array(items)) => {
                for item in items {
                    query.append_pair(key, &crate::output::py_str(item));
                }
            }
            Some(v @ (Value::Number(_) | Value::Bool(_))) => {
                query.append_pair(key, &v.to_string());
            }
            _ => {}
        }
    }
    let query = query.finish();
    let mut url = format!("{}{}", base.trim_end_matches('/'), op.http.request_uri);
    if !query.is_empty() {
        url.push(if url.contains('?') { '&' } else { '?' });
        url.push_str(&query);
    }
    url
}

async fn call(target: &Target<'_>, op: &Operation, p: &Value) -> Result<ops::Response> {
    ops::call(target.client, &op.name, p)
        .await
        .map_err(|e| match e {
            CallError::Transport { connect: true, .. } => Error::other(format!(
                "Could not connect to the endpoint URL: \"{}\"",
                request_url(&target.base_url, op, p)
            )),
            CallError::Certificate(why) => Error::other(format!(
                "SSL validation failed for {} {why}",
                request_url(&target.base_url, op, p)
            )),
            e => call_error(op, e),
        })
}

/// The AWS CLI's words for each kind of failure.
fn call_error(op: &Operation, e: CallError) -> Error {
    match e {
        CallError::Input(e) => Error::usage(format!("Parameter validation failed:\n{e}")),
        CallError::Service { code, message } => Error::Service {
            operation: op.name.clone(),
            code,
            message,
        },
        CallError::Credentials(_) => Error::config(
            "Unable to locate credentials. You can configure credentials by running \"aws configure\".",
        ),
        CallError::Transport { message, .. } => Error::other(message),
        CallError::Certificate(why) => Error::other(format!("SSL validation failed: {why}")),
        CallError::Other(message) => Error::other(message),
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

/// How the AWS CLI would paginate this call, or None for a single request.
struct Paging {
    max_items: Option<usize>,
    /// The decoded `--starting-token`: the service token (none for the first page) and how many
    /// items of its page were already printed.
    start: Option<(Option<String>, usize)>,
}

impl Paging {
    fn from_matches(
        op: &Operation,
        m: &ArgMatches,
        settings: &Settings,
        p: &Value,
        page_size_injected: bool,
    ) -> Result<Option<Paging>> {
        let Some(pag) = model::model().paginators.get(&op.name) else {
            return Ok(None);
        };
        let int = |name: &str| -> Result<Option<i64>> {
            m.get_one::<String>(name)
                .map(|s| {
                    s.parse::<i64>().map_err(|_| {
                        Error::usage(format!("argument --{name}: invalid int value: '{s}'"))
                    })
                })
                .transpose()
        };
        let page_size = int("page-size")?;
        let max_items = int("max-items")?;
        let starting = m.get_one::<String>("starting-token");
        // Like the AWS CLI: giving the service's own paging members (--next-token, --max-results)
        // turns pagination off.
        let manual = p.get(&pag.input_token).is_some()
            || (p.get(&pag.limit_key).is_some() && !page_size_injected);
        if !settings.paginate || manual {
            let used: Vec<&str> = [
                ("starting-token", starting.is_some()),
                ("page-size", page_size.is_some()),
                ("max-items", max_items.is_some()),
            ]
            .iter()
            .filter(|(_, on)| *on)
            .map(|(n, _)| *n)
            .collect();
            if !used.is_empty() {
                let list: Vec<String> = used.iter().map(|n| format!("--{n}")).collect();
                return Err(Error::usage(format!(
                    "Error during pagination: Cannot specify --no-paginate along with pagination arguments: {}",
                    list.join(", ")
                )));
            }
            return Ok(None);
        }
        let start = starting
            .map(|t| decode_token(t, &pag.input_token))
            .transpose()?;
        let max_items = match max_items {
            Some(n) if n < 0 => {
                return Err(Error::usage(
                    "argument --max-items: must be a positive integer",
                ));
            }
            other => other.map(|n| n as usize),
        };
        Ok(Some(Paging { max_items, start }))
    }
}

/// botocore's pagination token: base64 of `{"nextToken": ..., "boto_truncate_amount": N}`, so that
/// tokens printed by the AWS CLI work here and the other way round.
/// The service token is null when the cut fell inside the first page.
fn encode_token(input_token: &str, token: Option<&str>, truncate: Option<usize>) -> String {
    let mut s = format!(
        "{{{}: {}",
        serde_json::to_string(input_token).unwrap(),
        token.map_or_else(|| "null".to_string(), python_json_string)
    );
    if let Some(n) = truncate {
        s.push_str(&format!(", \"boto_truncate_amount\": {n}"));
    }
    s.push('}');
    base64::engine::general_purpose::STANDARD.encode(s)
}

/// `json.dumps` of a string with Python's default `ensure_ascii=True`.
fn python_json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in serde_json::to_string(s).unwrap().chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0u16; 2];
            for unit in c.encode_utf16(&mut buf) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

fn decode_token(token: &str, input_token: &str) -> Result<(Option<String>, usize)> {
    let bad = || {
        Error::usage(format!(
            "Error during pagination: Bad starting token: {token}"
        ))
    };
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(token.trim())
        .map_err(|_| bad())?;
    let v: Value = serde_json::from_slice(&bytes).map_err(|_| bad())?;
    let obj = v.as_object().ok_or_else(bad)?;
    let next = match obj.get(input_token) {
        Some(Value::Null) => None,
        Some(Value::String(t)) => Some(t.clone()),
        _ => return Err(bad()),
    };
    let truncate = match obj.get("boto_truncate_amount") {
        None => 0,
        Some(n) => n.as_u64().ok_or_else(bad)? as usize,
    };
    if obj
        .keys()
        .any(|k| k != input_token && k != "boto_truncate_amount")
    {
        return Err(bad());
    }
    Ok((next, truncate))
}

/// Where pages go as they arrive: printed at once (text, and json without --query: bounded memory
/// for any listing), or collected for the formats that need the whole result.
enum Sink {
    Print(Printer),
    Collect {
        keep_pages: bool,
        pages: Vec<Value>,
        all: Option<Vec<Value>>,
    },
}

impl Sink {
    fn for_output(options: &crate::output::Options, key: &[String]) -> Sink {
        match (&options.format, &options.query) {
            (Format::Json, None) => Sink::Print(Printer::start(Listing::Json(
                crate::output::JsonListing::new(&key[0]),
            ))),
            (Format::Text, query) => Sink::Print(Printer::start(Listing::Text(
                crate::output::TextPages::new(key.to_vec(), query.clone()),
            ))),
            (format, _) => Sink::Collect {
                // yaml-stream reads pages; json (queried), yaml and table read the aggregate.
                keep_pages: matches!(format, Format::YamlStream),
                pages: Vec::new(),
                all: None,
            },
        }
    }

    fn page(
        &mut self,
        key: &str,
        mut page: Value,
        first: Option<&Map<String, Value>>,
    ) -> Result<()> {
        match self {
            Sink::Print(printer) => printer.send(Printed::Page(page, first.cloned())),
            Sink::Collect {
                keep_pages: true,
                pages,
                ..
            } => {
                pages.push(page);
                Ok(())
            }
            Sink::Collect { all, .. } => {
                // Move the items out: one copy of a long listing, not two.
                if let Some(Value::Array(items)) = page.get_mut(key) {
                    all.get_or_insert_with(Vec::new).append(items);
                }
                Ok(())
            }
        }
    }

    /// Ends the listing: prints the rest, or returns the collected document.
    fn finish(
        self,
        key: &str,
        non_aggregate: Map<String, Value>,
        resume: Option<String>,
    ) -> Result<Option<Document>> {
        match self {
            Sink::Print(mut printer) => {
                printer.send(Printed::End(non_aggregate, resume))?;
                printer.wait()?;
                Ok(None)
            }
            Sink::Collect { pages, all, .. } => {
                // build_full_result: the result key aggregated, then the non-aggregate members,
                // then NextToken.
                let mut full = Map::new();
                if let Some(all) = all {
                    full.insert(key.to_string(), Value::Array(all));
                }
                for (k, v) in &non_aggregate {
                    if !full.contains_key(k) {
                        full.insert(k.clone(), v.clone());
                    }
                }
                if let Some(token) = &resume {
                    full.insert("NextToken".into(), Value::from(token.clone()));
                }
                Ok(Some(Document::Paged {
                    full: Value::Object(full),
                    paged: Paged {
                        result_keys: vec![key.to_string()],
                        non_aggregate,
                        pages,
                        resume_token: resume,
                    },
                }))
            }
        }
    }
}

/// The outputs printed page by page.
enum Listing {
    Json(crate::output::JsonListing),
    Text(crate::output::TextPages),
}

/// What the printing thread is given: a page (with the non-aggregate members on the first one),
/// then the end of the listing.
enum Printed {
    Page(Value, Option<Map<String, Value>>),
    End(Map<String, Value>, Option<String>),
}

/// Prints a listing on a thread of its own, so that page N is formatted, written and freed while
/// page N+1 is fetched and parsed: over 100 pages of 1,000 packages the two halves cost about the
/// same, and a listing is otherwise one long chain of both (bench/list_packages.sh). At most two
/// pages wait in the channel, so memory stays bounded.
struct Printer {
    pages: Option<std::sync::mpsc::SyncSender<Printed>>,
    thread: Option<std::thread::JoinHandle<Result<()>>>,
}

impl Printer {
    fn start(mut listing: Listing) -> Printer {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Printed>(2);
        let thread = std::thread::spawn(move || {
            let mut out = stdout();
            for printed in rx {
                let written = match (&mut listing, printed) {
                    (Listing::Json(l), Printed::Page(page, _)) => l.page(&mut out, &page),
                    (Listing::Text(t), Printed::Page(page, first)) => {
                        t.page(&mut out, &page, first.as_ref())
                    }
                    (Listing::Json(l), Printed::End(non_aggregate, resume)) => {
                        l.finish(&mut out, &non_aggregate, resume.as_deref())
                    }
                    (Listing::Text(t), Printed::End(_, resume)) => {
                        t.finish(&mut out, resume.as_deref())
                    }
                };
                quiet_on_broken_pipe(written)?;
            }
            // The listing ended (or failed): what was printed reaches stdout before any error
            // message does.
            quiet_on_broken_pipe(out.flush())
        });
        Printer {
            pages: Some(tx),
            thread: Some(thread),
        }
    }

    fn send(&mut self, printed: Printed) -> Result<()> {
        let sent = self
            .pages
            .as_ref()
            .is_some_and(|tx| tx.send(printed).is_ok());
        if sent {
            Ok(())
        } else {
            // The thread stopped on a write error: that error is the one to report.
            self.wait()
        }
    }

    /// Closes the channel and waits for the thread to print everything it was given.
    fn wait(&mut self) -> Result<()> {
        self.pages = None;
        match self.thread.take().map(std::thread::JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(_)) => Err(Error::other("the output thread panicked")),
            None => Ok(()),
        }
    }
}

impl Drop for Printer {
    /// A listing that fails half way still prints what it fetched, before the error message.
    fn drop(&mut self) {
        let _ = self.wait();
    }
}

/// Stdout is line-buffered; a long listing wants one write per 64 KiB, not one per line.
type Stdout = std::io::BufWriter<std::io::Stdout>;

fn stdout() -> Stdout {
    std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout())
}

fn quiet_on_broken_pipe(r: std::io::Result<()>) -> Result<()> {
    match r {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        other => other.map_err(Error::from),
    }
}

/// botocore's PageIterator: fetch pages until the service stops or `--max-items` is reached,
/// trimming the first page by the starting token's truncation and the last one to
/// `--max-items`, and record where to resume. Pages go to `sink` as they arrive.
async fn paginate(
    target: &Target<'_>,
    op: &Operation,
    mut p: Value,
    paging: Paging,
    mut sink: Sink,
) -> Result<Option<Document>> {
    let model = model::model();
    let pag = &model.paginators[&op.name];
    let key = pag.result_key.as_str();
    let non_aggregate_keys = model
        .non_aggregate_keys
        .get(&op.name)
        .cloned()
        .unwrap_or_default();
    // `--page-size` is already in the parameters (as the limit member).
    let obj = p.as_object_mut().expect("parameters are an object");
    let mut truncate_first = 0;
    if let Some((token, truncate)) = &paging.start {
        if let Some(token) = token {
            obj.insert(pag.input_token.clone(), Value::from(token.clone()));
        }
        truncate_first = *truncate;
    }

    let mut non_aggregate = Map::new();
    let mut first = true;
    let mut total = 0usize;
    let mut resume: Option<String> = None;
    let mut previous: Option<String> = None;
    let mut current_token = paging.start.as_ref().and_then(|(t, _)| t.clone());
    loop {
        let mut page = call(target, op, &p).await?.value;
        let starting_truncation = if first { truncate_first } else { 0 };
        if first {
            if starting_truncation > 0
                && let Some(Value::Array(items)) = page.get_mut(key)
            {
                let n = starting_truncation.min(items.len());
                items.drain(..n);
            }
            for k in &non_aggregate_keys {
                non_aggregate.insert(k.clone(), page.get(k).cloned().unwrap_or(Value::Null));
            }
        }
        let first_members = first.then_some(&non_aggregate);
        first = false;
        let count = page.get(key).and_then(Value::as_array).map_or(0, Vec::len);
        let next = page
            .get(&pag.output_token)
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
            .map(str::to_string);
        if let Some(max) = paging.max_items
            && total + count > max
        {
            let keep = max - total;
            if let Some(Value::Array(items)) = page.get_mut(key) {
                items.truncate(keep);
            }
            // Resume from the same page, skipping what was printed.
            resume = Some(encode_token(
                &pag.input_token,
                current_token.as_deref(),
                Some(keep + starting_truncation),
            ));
            sink.page(key, page, first_members)?;
            break;
        }
        sink.page(key, page, first_members)?;
        total += count;
        let Some(next) = next else { break };
        if paging.max_items == Some(total) {
            resume = Some(encode_token(&pag.input_token, Some(&next), None));
            break;
        }
        if previous.as_deref() == Some(next.as_str()) {
            return Err(Error::other(format!(
                "Error during pagination: The same next token was received twice: {{'{}': '{next}'}}",
                pag.input_token
            )));
        }
        p.as_object_mut()
            .unwrap()
            .insert(pag.input_token.clone(), Value::from(next.clone()));
        previous = Some(next.clone());
        current_token = Some(next);
    }
    sink.finish(key, non_aggregate, resume)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_in_botocore_format() {
        let t = encode_token("nextToken", Some("abc"), Some(2));
        let raw = base64::engine::general_purpose::STANDARD
            .decode(&t)
            .unwrap();
        assert_eq!(
            String::from_utf8(raw).unwrap(),
            r#"{"nextToken": "abc", "boto_truncate_amount": 2}"#
        );
        assert_eq!(
            decode_token(&t, "nextToken").unwrap(),
            (Some("abc".to_string()), 2)
        );
        assert!(decode_token("not base64!", "nextToken").is_err());
    }
}
