//! Pagination as the AWS CLI does it (botocore's PageIterator): `--max-items`, `--starting-token`,
//! `--page-size` and `--no-paginate` over any operation the model gives a paginator, with
//! botocore's token format so that tokens printed by the AWS CLI work here and the other way
//! round. Pages go to an [`output::Listing`] as they arrive; how they are printed is the output's
//! business.

use base64::Engine;
use clap::ArgMatches;
use serde_json::{Map, Value};

use crate::cli::settings::Settings;
use crate::error::{Error, Result};
use crate::model::{self, Operation};
use crate::ops::Service;
use crate::output::{self, TimestampFormat};

/// How the AWS CLI would paginate this call; `None` from [`Paging::from_matches`] is a single
/// request.
pub struct Paging {
    max_items: Option<usize>,
    /// The decoded `--starting-token`: the service token (none for the first page) and how many
    /// items of its page were already printed.
    start: Option<(Option<String>, usize)>,
}

impl Paging {
    /// `p` are the call's parameters, with `--page-size` already folded into the limit member
    /// (`page_size_injected` says whether that, not the user, put it there).
    pub fn from_matches(
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

/// botocore's PageIterator: fetch pages until the service stops or `--max-items` is reached,
/// trimming the first page by the starting token's truncation and the last one to
/// `--max-items`, and record where to resume. Pages go to `listing` as they arrive.
pub async fn paginate(
    service: &Service,
    op: &Operation,
    p: Value,
    paging: Paging,
    timestamps: TimestampFormat,
    mut listing: output::Listing,
) -> Result<()> {
    match fetch(service, op, p, &paging, timestamps, &mut listing).await {
        Ok((non_aggregate, resume)) => listing.finish(non_aggregate, resume),
        Err(e) => Err(listing.abandon(e)),
    }
}

/// Fetches the pages into `listing`; returns the non-aggregate members of the first page and the
/// token to resume from when the listing was cut short.
async fn fetch(
    service: &Service,
    op: &Operation,
    mut p: Value,
    paging: &Paging,
    timestamps: TimestampFormat,
    listing: &mut output::Listing,
) -> Result<(Map<String, Value>, Option<String>)> {
    let model = model::model();
    let pag = &model.paginators[&op.name];
    let key = pag.result_key.as_str();
    // `--page-size` is already in the parameters (as the limit member).
    let Value::Object(params) = &mut p else {
        return Err(Error::other("the parameters are not an object"));
    };
    let mut truncate_first = 0;
    if let Some((token, truncate)) = &paging.start {
        if let Some(token) = token {
            params.insert(pag.input_token.clone(), Value::from(token.clone()));
        }
        truncate_first = *truncate;
    }

    let mut non_aggregate = Map::new();
    let mut first = true;
    let mut total = 0usize;
    let mut previous: Option<String> = None;
    let mut current_token = paging.start.as_ref().and_then(|(t, _)| t.clone());
    loop {
        let mut page = service.call(&op.name, &p, timestamps).await?.value;
        let starting_truncation = if first { truncate_first } else { 0 };
        if first {
            if starting_truncation > 0
                && let Some(Value::Array(items)) = page.get_mut(key)
            {
                let n = starting_truncation.min(items.len());
                items.drain(..n);
            }
            for k in model.non_aggregate_keys.get(&op.name).into_iter().flatten() {
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
            listing.page(page, first_members)?;
            // Resume from the same page, skipping what was printed.
            let resume = encode_token(
                &pag.input_token,
                current_token.as_deref(),
                Some(keep + starting_truncation),
            );
            return Ok((non_aggregate, Some(resume)));
        }
        listing.page(page, first_members)?;
        total += count;
        let Some(next) = next else {
            return Ok((non_aggregate, None));
        };
        if paging.max_items == Some(total) {
            let resume = encode_token(&pag.input_token, Some(&next), None);
            return Ok((non_aggregate, Some(resume)));
        }
        if previous.as_deref() == Some(next.as_str()) {
            return Err(Error::other(format!(
                "Error during pagination: The same next token was received twice: {{'{}': '{next}'}}",
                pag.input_token
            )));
        }
        if let Value::Object(params) = &mut p {
            params.insert(pag.input_token.clone(), Value::from(next.clone()));
        }
        previous = Some(next.clone());
        current_token = Some(next);
    }
}

/// botocore's pagination token: base64 of `{"nextToken": ..., "boto_truncate_amount": N}`.
/// The service token is null when the cut fell inside the first page.
fn encode_token(input_token: &str, token: Option<&str>, truncate: Option<usize>) -> String {
    let mut s = format!(
        "{{{}: {}",
        python_json_string(input_token),
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
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c.is_ascii() && !c.is_ascii_control() => out.push(c),
            c => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
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

    #[test]
    fn token_strings_are_escaped_as_python_json_dumps_escapes_them() {
        // json.dumps('a"\\\x01é€😀', ensure_ascii=True)
        assert_eq!(
            python_json_string("a\"\\\u{1}é€😀"),
            r#""a\"\\\u0001\u00e9\u20ac\ud83d\ude00""#
        );
        assert_eq!(python_json_string("\n\t/"), r#""\n\t/""#);
    }
}
