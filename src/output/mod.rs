//! The output layer: every response, already a `serde_json::Value` in the model's key order,
//! goes through [`print`] (one response) or a [`Listing`] (a paginated one, printed as its pages
//! arrive) to stdout, which [`stdout`] owns.
//!
//! `json` and `text` are ports of AWS CLI v1's formatter.py and text.py and must stay
//! byte-identical to them (the tests run the Python originals from `.venv` as oracles):
//! json formats the aggregated result once, text formats a paginated result page by page,
//! exactly as the AWS CLI does. `yaml`/`yaml-stream` follow AWS CLI v2 (ruamel.yaml's safe
//! dumper, block style); `table` is AWS CLI v1's off a terminal, fitted to the terminal on one.
//! Everything writes straight to `out` without building the whole output in memory.

use std::borrow::Cow;
use std::io::{self, Write};
use std::str::FromStr;

use serde_json::{Map, Value};

mod east_asian_width;
mod listing;
mod parser;
mod py;
mod query;
pub mod stdout;
mod stream;
mod table;
mod text;
mod yaml;

#[cfg(test)]
mod oracle_tests;

pub use listing::Listing;
/// Python's `str(value)`, for messages that quote a value as the AWS CLI does.
pub use py::str_of as py_str;
pub use query::Query;
use stream::TextPages;

/// The `--output` formats. Their names on the command line are clap's `ValueEnum` names
/// (`yaml-stream`): the one spelling the parser, the help, the completions and the messages read.
/// (No doc comments on the variants: clap would print them in `--help` as the values' help.)
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Text,
    Table,
    Yaml,
    YamlStream,
}

/// The format named in `AWS_DEFAULT_OUTPUT` or the profile's `output` (the command line's
/// `--output` is checked by clap).
impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        <Format as clap::ValueEnum>::from_str(s, false)
            .map_err(|_| format!("expected one of {}", names::<Format>().join(", ")))
    }
}

/// `--color`: only the table output uses colour. (In the AWS CLI's order of the choices.)
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    On,
    Off,
    Auto,
}

/// The command-line names of a `ValueEnum`'s values, in declaration order.
pub fn names<T: clap::ValueEnum>() -> Vec<String> {
    T::value_variants()
        .iter()
        .filter_map(clap::ValueEnum::to_possible_value)
        .map(|p| p.get_name().to_string())
        .collect()
}

/// How timestamps are printed: the AWS CLI's `cli_timestamp_format` (`iso8601`, our default as in
/// AWS CLI v2, or `none`, the wire's epoch seconds as AWS CLI v1 prints by default). The
/// responses are converted with it (ops::conv), so it travels with the other options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimestampFormat {
    #[default]
    Iso8601,
    Wire,
}

#[derive(Debug, Clone)]
pub struct Options {
    pub format: Format,
    pub query: Option<Query>,
    pub color: Color,
    pub timestamps: TimestampFormat,
}

/// A paginated response as the AWS CLI sees it.
///
/// `pages` are the pages as the service returned them (the last one already cut to
/// `--max-items`), `result_keys` the paginator's result keys (e.g. `packages`),
/// `non_aggregate` the paginator's non-aggregate keys of the first page (usually empty), and
/// `resume_token` the `NextToken` to print when the listing was cut short.
#[derive(Debug, Clone, Default)]
pub struct Paged {
    pub result_keys: Vec<String>,
    pub non_aggregate: Map<String, Value>,
    pub pages: Vec<Value>,
    pub resume_token: Option<String>,
}

/// What to print. `full` is the aggregated result (botocore's `build_full_result()`, with
/// `NextToken` last when truncated), used by every format but text and yaml-stream.
#[derive(Debug, Clone)]
pub enum Document {
    Single(Value),
    Paged { full: Value, paged: Paged },
}

impl Document {
    fn full(&self) -> &Value {
        match self {
            Document::Single(v) => v,
            Document::Paged { full, .. } => full,
        }
    }
}

/// A `--query` that fails while evaluating (e.g. a function given the wrong type) comes back as
/// an error of kind `InvalidInput` whose message is the one the AWS CLI prints (as
/// `\n{message}\n` on stderr, exit status 255).
fn query_error(msg: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, msg)
}

fn apply<'a>(query: Option<&Query>, v: &'a Value) -> io::Result<Cow<'a, Value>> {
    match query {
        Some(q) => q.search(v).map_err(query_error),
        None => Ok(Cow::Borrowed(v)),
    }
}

/// Prints `doc` on stdout in the chosen format. `operation` is the model name (e.g.
/// "ListDomains"), used for table titles. Nothing is printed when formatting fails half way
/// (a `--query` error): the output is formatted whole, then written.
pub fn print(doc: &Document, operation: &str, opts: &Options) -> crate::error::Result<()> {
    let mut buf = Vec::with_capacity(4096);
    write(doc, operation, opts, &mut buf)?;
    stdout::print(&buf)
}

/// Writes `doc` to `out` in the chosen format (see [`print`]).
fn write(doc: &Document, operation: &str, opts: &Options, out: &mut dyn Write) -> io::Result<()> {
    let query = opts.query.as_ref();
    match opts.format {
        Format::Json => {
            let v = apply(query, doc.full())?;
            // formatter.py prints nothing for an empty response body, but does print other
            // empty values ([] or null) a query may produce.
            if !matches!(&*v, Value::Object(m) if m.is_empty()) {
                py::write_json_pretty(out, &v)?;
                out.write_all(b"\n")?;
            }
        }
        Format::Text => match doc {
            Document::Single(v) => text::format_text(out, &*apply(query, v)?)?,
            Document::Paged { paged, .. } => write_text_pages(paged, query, out)?,
        },
        Format::Table => {
            let v = apply(query, doc.full())?;
            table::write_table(out, operation, &v, opts.color)?;
        }
        Format::Yaml => {
            let v = apply(query, doc.full())?;
            if !matches!(&*v, Value::Object(m) if m.is_empty()) {
                yaml::write_yaml(out, &v)?;
            }
        }
        Format::YamlStream => match doc {
            Document::Single(v) => yaml::write_yaml_stream_item(out, &*apply(query, v)?)?,
            Document::Paged { paged, .. } => {
                for page in &paged.pages {
                    yaml::write_yaml_stream_item(out, &*apply(query, page)?)?;
                }
            }
        },
    }
    out.flush()
}

/// formatter.py's TextFormatter for a paginated response (see [`TextPages`]).
fn write_text_pages(paged: &Paged, query: Option<&Query>, out: &mut dyn Write) -> io::Result<()> {
    let mut pages = TextPages::new(paged.result_keys.clone(), query.cloned());
    for (i, page) in paged.pages.iter().enumerate() {
        let first = (i == 0).then_some(&paged.non_aggregate);
        pages.page(out, page, first)?;
    }
    pages.finish(out, paged.resume_token.as_deref())
}

/// A result key is a dotted path (`a.b`) in botocore's paginator configs.
fn search_path<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(v, |cur, k| cur.get(k))
}

/// botocore's `set_value_from_jmespath`: creates the intermediate objects of a dotted path.
fn set_path(target: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            target.insert(path.to_string(), value);
        }
        Some((head, rest)) => {
            let entry = target
                .entry(head.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if !entry.is_object() {
                *entry = Value::Object(Map::new());
            }
            if let Value::Object(m) = entry {
                set_path(m, rest, value);
            }
        }
    }
}

/// An epoch timestamp as the AWS CLI prints it: `datetime.isoformat()` of botocore's parse
/// (`datetime.fromtimestamp(value, tzlocal())`), so in the local zone (TZ or /etc/localtime),
/// with microseconds only when non-zero, e.g. `2026-11-26T06:26:41.123000+00:00`.
pub fn iso8601_local(secs: i64, nanos: u32) -> String {
    use chrono::{Datelike, Timelike};

    // botocore hands Python a float (the service sends epoch seconds as a JSON number) and
    // `datetime.fromtimestamp` splits it with modf and rounds the fraction to microseconds,
    // half to even, in double arithmetic. Doing the same keeps the last digit identical.
    let text = if secs < 0 && nanos > 0 {
        // secs + nanos/1e9 below zero, e.g. (-2, 250_000_000) is -1.75.
        format!("-{}.{:09}", -(secs + 1), 1_000_000_000 - nanos)
    } else {
        format!("{secs}.{nanos:09}")
    };
    let f: f64 = text.parse().unwrap_or(secs as f64);
    let (mut secs, micros) = if f.abs() < 9.0e15 {
        let int_part = f.trunc();
        let mut frac = ((f - int_part) * 1e6).round_ties_even();
        let mut int_part = int_part;
        if frac >= 1e6 {
            frac -= 1e6;
            int_part += 1.0;
        } else if frac < 0.0 {
            frac += 1e6;
            int_part -= 1.0;
        }
        (int_part as i64, frac as u32)
    } else {
        (secs, 0)
    };
    if micros >= 1_000_000 {
        secs += 1;
    }
    let micros = micros % 1_000_000;
    let offset = tzlocal_offset(secs);
    let Some(dt) = chrono::DateTime::from_timestamp(secs, 0).and_then(|d| {
        d.naive_utc()
            .checked_add_signed(chrono::TimeDelta::seconds(offset.into()))
    }) else {
        // Out of chrono's range (far beyond what Python can represent either): print the
        // number rather than fail.
        return secs.to_string();
    };
    let mut s = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        dt.year(),
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second()
    );
    if micros != 0 {
        s.push_str(&format!(".{micros:06}"));
    }
    let (sign, a) = if offset < 0 {
        ('-', -offset)
    } else {
        ('+', offset)
    };
    s.push_str(&format!("{sign}{:02}:{:02}", a / 3600, (a / 60) % 60));
    if a % 60 != 0 {
        s.push_str(&format!(":{:02}", a % 60));
    }
    s
}

/// The UTC offset dateutil's `tzlocal()` gives at `secs`. It is not the zone's historical
/// offset: tzlocal knows only the standard and daylight offsets of the current year (CPython's
/// `time.timezone`/`time.altzone`, read on January 1 and July 1) and picks one by whether
/// daylight saving is in force. We take "in force" to mean that the zone's real offset at
/// `secs` equals the daylight one, which agrees with `tm_isdst` except for historical
/// daylight rules of a different size.
fn tzlocal_offset(secs: i64) -> i32 {
    use chrono::{Local, Offset, TimeZone};
    use std::sync::OnceLock;

    let offset_at = |t: i64| {
        Local
            .timestamp_opt(t, 0)
            .earliest()
            .map(|d| d.offset().fix().local_minus_utc())
    };
    static STD_DST: OnceLock<(i32, i32)> = OnceLock::new();
    let (std, dst) = *STD_DST.get_or_init(|| {
        // CPython's init_timezone: a "year" of 365.25 days, January 1 and half a year later.
        const YEAR: i64 = (365 * 24 + 6) * 3600;
        let t = chrono::Utc::now().timestamp().div_euclid(YEAR) * YEAR;
        let jan = offset_at(t).unwrap_or(0);
        let jul = offset_at(t + YEAR / 2).unwrap_or(0);
        (jan.min(jul), jan.max(jul))
    });
    if std != dst && offset_at(secs) == Some(dst) {
        dst
    } else {
        std
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn render(doc: &Document, format: Format, query: Option<&str>) -> String {
        let opts = Options {
            format,
            query: query.map(|q| Query::parse(q).unwrap()),
            color: Color::Off,
            timestamps: TimestampFormat::Iso8601,
        };
        let mut out = Vec::new();
        write(doc, "ListPackages", &opts, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn json_prints_nothing_for_an_empty_response() {
        assert_eq!(render(&Document::Single(json!({})), Format::Json, None), "");
        assert_eq!(
            render(&Document::Single(json!({"a": []})), Format::Json, Some("a")),
            "[]\n"
        );
        assert_eq!(
            render(&Document::Single(json!({"a": 1})), Format::Json, Some("b")),
            "null\n"
        );
    }

    #[test]
    fn text_pages_are_formatted_one_by_one_with_a_trailer() {
        let paged = Paged {
            result_keys: vec!["packages".into()],
            non_aggregate: Map::new(),
            pages: vec![
                json!({"packages": [{"package": "a", "format": "npm"}], "nextToken": "t1"}),
                json!({"packages": [{"package": "b", "format": "pypi"}]}),
            ],
            resume_token: Some("tok".into()),
        };
        let full = json!({"packages": [], "NextToken": "tok"});
        let doc = Document::Paged { full, paged };
        assert_eq!(
            render(&doc, Format::Text, None),
            "PACKAGES\tnpm\ta\nPACKAGES\tpypi\tb\nNEXTTOKEN\ttok\n"
        );
        // The query also applies to the trailer, which then prints `None`.
        assert_eq!(
            render(&doc, Format::Text, Some("packages[].package")),
            "a\nb\nNone\n"
        );
    }

    #[test]
    fn formats_parse_their_cli_names() {
        assert_eq!("yaml-stream".parse::<Format>().unwrap(), Format::YamlStream);
        assert_eq!(
            "xml".parse::<Format>().unwrap_err(),
            "expected one of json, text, table, yaml, yaml-stream"
        );
        assert_eq!(names::<Color>(), ["on", "off", "auto"]);
    }

    #[test]
    fn query_runtime_errors_are_invalid_input() {
        let opts = Options {
            format: Format::Json,
            query: Some(Query::parse("abs(a)").unwrap()),
            color: Color::Off,
            timestamps: TimestampFormat::Iso8601,
        };
        let err = write(
            &Document::Single(json!({"a": "x"})),
            "X",
            &opts,
            &mut Vec::new(),
        )
        .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    }
}
