//! Command-line values -> the operation's parameters, exactly as AWS CLI v1 builds and checks them.
//!
//! The pipeline is the AWS CLI's (awscli/clidriver.py `_build_call_parameters`):
//! 1. each option's raw strings, in model member order: `file://`/`fileb://` loading
//!    (paramfile.py), then shorthand (argprocess.py `ParamShorthandParser` and shorthand.py) or
//!    JSON / scalar unpacking (argprocess.py `unpack_cli_arg`);
//! 2. `--cli-input-json` members fill in what the options did not set (cliinputjson.py);
//! 3. botocore's `ParamValidator` checks the whole object against the input shape.
//!
//! Values stay Python-shaped ([`py::Py`]) until validation, because botocore's messages print
//! them with Python's `str()` and type names; [`Params::to_value`] then hands the SDK layer a
//! `serde_json::Value`. Error messages are the text the AWS CLI prints between a leading and a
//! trailing newline on stderr.

#[cfg(test)]
mod oracle_tests;
pub mod paramfile;
pub mod py;
pub mod pyjson;

use serde_json::Value;

use crate::cli::shorthand;
use crate::error::Error;
use crate::model::{Kind, Operation, Shape, cli_name, model};
use py::{Dict, Py};

/// What kind of value an option takes on the command line (for building clap arguments).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgKind {
    /// `--flag` / `--no-flag`, no value (boolean members).
    Flag,
    /// Exactly one value: strings, numbers, structures and maps (shorthand or JSON).
    Single,
    /// Zero or more values (argparse `nargs='*'`): `--tag-keys a b c`, or one JSON list.
    List,
    /// A path to a file whose contents are streamed (PublishPackageVersion `--asset-content`).
    BlobPath,
}

/// Which skeleton `--generate-cli-skeleton` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skeleton {
    Input,
    Output,
}

/// One option as clap parsed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawArg {
    /// The strings given after the option (one for a `Single`, any number for a `List`).
    Values(Vec<String>),
    /// `--flag` (true) or `--no-flag` (false).
    Flag(bool),
}

/// The parameters of one call, after parsing and before validation.
#[derive(Debug, Clone)]
pub struct Params {
    input_shape: String,
    dict: Dict,
}

impl Params {
    /// botocore's validation; the error is the ParamValidationError text.
    pub fn validate(&self) -> Result<(), Error> {
        validate_py(&Py::Dict(self.dict.clone()), &self.input_shape)
    }

    /// The parameter object for the SDK layer, members in the order the AWS CLI holds them.
    pub fn to_value(&self) -> Value {
        Py::Dict(self.dict.clone()).to_value()
    }

    /// Sets a member as botocore's paginator does (`--page-size` into the limit key, a token
    /// into the input token): an existing member keeps its place, a new one goes last.
    pub fn set(&mut self, member: &str, value: &Value) {
        self.dict.insert(member.to_string(), Py::from_value(value));
    }

    /// A member's value, if set.
    pub fn get(&self, member: &str) -> Option<Value> {
        self.dict.get(member).map(Py::to_value)
    }
}

/// A Python exception raised while unpacking, as the AWS CLI would report it.
#[derive(Debug)]
enum Exc {
    /// ParamError: "Error parsing parameter '--x': ..." (already formatted).
    Param(String),
    /// ValueError/TypeError: caught by the list unpacker and re-raised as a ParamError.
    Value(String),
    /// Anything else, printed bare.
    Other(String),
}

impl From<Exc> for Error {
    fn from(e: Exc) -> Self {
        match e {
            Exc::Param(m) | Exc::Value(m) | Exc::Other(m) => Error::usage(m),
        }
    }
}

fn param_error(cli_name: &str, message: &str) -> Exc {
    Exc::Param(format!("Error parsing parameter '{cli_name}': {message}"))
}

fn find_operation(operation: &str) -> Result<&'static Operation, Error> {
    let m = model();
    if let Some(op) = m.operation(operation) {
        return Ok(op);
    }
    m.operations
        .values()
        .find(|op| cli_name(&op.name) == operation)
        .ok_or_else(|| Error::usage(format!("Unknown operation: {operation}")))
}

/// What kind of value an option of shape `shape` takes.
pub fn arg_kind(shape: &str) -> ArgKind {
    let s = model().shape(shape);
    match s.kind {
        Kind::Boolean => ArgKind::Flag,
        Kind::List => ArgKind::List,
        Kind::Blob if s.streaming => ArgKind::BlobPath,
        _ => ArgKind::Single,
    }
}

/// Whether the operation has `--cli-input-json` and `--generate-cli-skeleton`: the AWS CLI leaves
/// them out of operations with a streaming output (an `outfile` argument).
pub fn supports_cli_input(operation: &str) -> bool {
    let Ok(op) = find_operation(operation) else {
        return false;
    };
    let m = model();
    let Some(out) = m.output(op) else { return true };
    !out.payload.as_ref().is_some_and(|p| {
        out.member(p).is_some_and(|mem| {
            let s = m.shape(&mem.shape);
            s.kind == Kind::Blob && s.streaming
        })
    })
}

/// argparse's `type=int` for `long` members, checked before anything else is unpacked.
/// The message is argparse's, without the usage header.
pub fn parse_long_arg(option: &str, raw: &str) -> Result<i64, Error> {
    let bad = || {
        Error::usage(format!(
            "argument {option}: invalid int value: {}",
            py::str_repr(raw)
        ))
    };
    match py::parse_int(&Py::str(raw)) {
        Ok(Py::Int(i)) => i64::try_from(i).map_err(|_| bad()),
        _ => Err(bad()),
    }
}

/// Raw option values -> the member's parameter value. `option` is the CLI name for messages
/// (`--upstreams`). A `Flag` member takes "true"/"false".
pub fn parse_member(shape: &str, option: &str, raw: &[String]) -> Result<Value, Error> {
    let Some(s) = model().shapes.get(shape) else {
        return Err(Error::other(format!(
            "{option}: shape {shape} is not in the model"
        )));
    };
    if s.kind == Kind::Long {
        for v in raw {
            parse_long_arg(option, v)?;
        }
    }
    let arg = if arg_kind(shape) == ArgKind::Flag {
        match raw {
            [v] => RawArg::Flag(!v.eq_ignore_ascii_case("false") && !v.is_empty()),
            _ => {
                return Err(Error::usage(format!(
                    "argument {option}: expected one value"
                )));
            }
        }
    } else {
        RawArg::Values(raw.to_vec())
    };
    Ok(unpack_argument(shape, option, &arg)?.to_value())
}

/// Every option of one call, then `--cli-input-json`, as the AWS CLI builds its parameters.
/// `args` are keyed by model member name (`domainOwner`); unknown names are an error.
pub fn parse_params(
    operation: &str,
    args: &[(String, RawArg)],
    cli_input_json: Option<&str>,
) -> Result<Params, Error> {
    let op = find_operation(operation)?;
    let m = model();
    let input = m.input(op);
    for (name, _) in args {
        if input.member(name).is_none() {
            return Err(Error::usage(format!("{} has no parameter {name}", op.name)));
        }
    }
    let given = |member: &str| args.iter().find(|(n, _)| n == member).map(|(_, a)| a);
    // argparse converts `long` options while parsing the command line, before any unpacking.
    for (member, spec) in &input.members {
        if let (Some(RawArg::Values(values)), Kind::Long) =
            (given(member), m.shape(&spec.shape).kind)
        {
            for v in values {
                parse_long_arg(&format!("--{}", cli_name(member)), v)?;
            }
        }
    }
    let mut dict = Dict::new(false);
    for (member, spec) in &input.members {
        if let Some(arg) = given(member) {
            let value = unpack_argument(&spec.shape, &format!("--{}", cli_name(member)), arg)?;
            dict.insert(member.clone(), value);
        }
    }
    if let Some(text) = cli_input_json {
        for (k, v) in cli_input_json_py(text)?.items {
            if !dict.contains(&k) {
                dict.insert(k, v);
            }
        }
    }
    Ok(Params {
        input_shape: op.input.shape.clone(),
        dict,
    })
}

/// `parse_params`, `validate`, `to_value`: the parameter object to call the operation with.
pub fn build_params(
    operation: &str,
    args: &[(String, RawArg)],
    cli_input_json: Option<&str>,
) -> Result<Value, Error> {
    let params = parse_params(operation, args, cli_input_json)?;
    params.validate()?;
    Ok(params.to_value())
}

/// `--cli-input-json` (a JSON object, or `file://` naming one) -> its members.
pub fn cli_input_json(
    operation: &str,
    text: &str,
) -> Result<serde_json::Map<String, Value>, Error> {
    find_operation(operation)?;
    let d = cli_input_json_py(text)?;
    Ok(d.items
        .iter()
        .map(|(k, v)| (k.clone(), v.to_value()))
        .collect())
}

fn cli_input_json_py(text: &str) -> Result<Dict, Error> {
    // The option's value goes through the file:// loader like any other (errors name the option
    // with its dashes), then cliinputjson.py tries the loader again on the result.
    let mut retrieved = match paramfile::get_paramfile(text) {
        Some(Ok(v)) => v,
        Some(Err(e)) => return Err(param_error("--cli-input-json", &e).into()),
        None => Py::str(text),
    };
    if let Py::Str(s) = &retrieved
        && let Some(loaded) = paramfile::get_paramfile(s)
    {
        retrieved = loaded.map_err(Error::usage)?;
    }
    let json_text = match &retrieved {
        Py::Str(s) => s.clone(),
        Py::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        other => other.to_str(),
    };
    match pyjson::loads(&json_text, false) {
        Ok(Py::Dict(d)) => Ok(d),
        Ok(other) => Err(Error::usage(format!(
            "'{}' object has no attribute 'keys'",
            other.type_name()
        ))),
        Err(pyjson::LoadError::Recursion(m)) => Err(Error::usage(m)),
        Err(e) => Err(param_error(
            "cli-input-json",
            &format!("Invalid JSON: {e}\nJSON received: {}", retrieved.to_str()),
        )
        .into()),
    }
}

/// botocore's validation of a whole parameter object against the operation's input shape.
/// Objects are taken as plain dicts (as `--cli-input-json` gives them); [`Params::validate`]
/// also knows which came from JSON options.
pub fn validate(operation: &str, params: &Value) -> Result<(), Error> {
    let op = find_operation(operation)?;
    validate_py(&Py::from_value(params), &op.input.shape)
}

// ---------------------------------------------------------------------------------------------
// Unpacking one argument (argprocess.py)

fn unpack_argument(shape: &str, cli: &str, arg: &RawArg) -> Result<Py, Error> {
    let values = match arg {
        RawArg::Flag(b) => return Ok(Py::Bool(*b)),
        RawArg::Values(v) => v,
    };
    let mut value = match arg_kind(shape) {
        ArgKind::List => Py::List(values.iter().map(|v| Py::str(v.clone())).collect()),
        _ => match values.as_slice() {
            [v] => Py::str(v.clone()),
            _ => {
                return Err(Error::usage(format!(
                    "argument {cli}: expected one argument"
                )));
            }
        },
    };
    // load-cli-arg: URIArgumentHandler
    let candidate = match &value {
        Py::List(items) if items.len() == 1 => items[0].clone(),
        other => other.clone(),
    };
    if let Py::Str(s) = &candidate
        && let Some(loaded) = paramfile::get_paramfile(s)
    {
        value = loaded.map_err(|e| Error::from(param_error(cli, &e)))?;
    }
    // process-cli-arg: ParamShorthandParser, else unpack_cli_arg
    if should_parse_as_shorthand(shape, &value) {
        return parse_as_shorthand(shape, cli, value).map_err(Error::from);
    }
    unpack_cli_arg(shape, value, cli).map_err(Error::from)
}

fn is_complex(kind: Kind) -> bool {
    matches!(kind, Kind::Structure | Kind::List | Kind::Map)
}

fn supports_shorthand(shape: &Shape) -> bool {
    match shape.kind {
        Kind::Structure | Kind::Map => true,
        Kind::List => is_complex(model().shape(&member_of(shape)).kind),
        _ => false,
    }
}

fn member_of(list: &Shape) -> String {
    list.member
        .as_ref()
        .expect("list shape has a member")
        .shape
        .clone()
}

fn should_parse_as_shorthand(shape: &str, value: &Py) -> bool {
    let check = match value {
        Py::List(items) if !items.is_empty() => &items[0],
        other => other,
    };
    if let Py::Str(s) = check
        && (py::strip(s).starts_with('[') || py::strip(s).starts_with('{'))
    {
        return false;
    }
    supports_shorthand(model().shape(shape))
}

fn parse_as_shorthand(shape_name: &str, cli: &str, value: Py) -> Result<Py, Exc> {
    let shape = model().shape(shape_name);
    // The one special case that is not tied to another service: a structure whose only member
    // is a string called `Value` takes a bare word.
    if shape.kind == Kind::Structure
        && shape.members.len() == 1
        && shape.members[0].0 == "Value"
        && model().shape(&shape.members[0].1.shape).kind == Kind::String
        && let Py::Str(s) = &value
        && !s.contains('=')
    {
        let mut d = Dict::new(false);
        d.insert("Value".into(), value.clone());
        return Ok(Py::Dict(d));
    }
    let shorthand_error = |e: shorthand::Error| match e {
        shorthand::Error::Syntax(m) => param_error(cli, &m),
        shorthand::Error::Paramfile(m) | shorthand::Error::Exception(m) => Exc::Other(m),
    };
    let parse_one = |v: &Py| -> Result<Py, Exc> {
        match v {
            Py::Str(s) => shorthand::Parser::parse(s).map_err(shorthand_error),
            Py::Bytes(b) if b.is_empty() => Err(Exc::Other(
                "a bytes-like object is required, not 'str'".into(),
            )),
            Py::Bytes(_) => Err(Exc::Other(
                "'in <string>' requires string as left operand, not int".into(),
            )),
            other => Err(Exc::Other(format!(
                "object of type '{}' has no len()",
                other.type_name()
            ))),
        }
    };
    let mut parsed = match &value {
        Py::List(items) => Py::List(items.iter().map(parse_one).collect::<Result<_, _>>()?),
        other => parse_one(other)?,
    };
    shorthand::back_compat(&mut parsed, shape_name).map_err(shorthand_error)?;
    Ok(parsed)
}

/// `value.lstrip()[0]` with Python's failures.
fn first_non_space(value: &Py) -> Result<Option<char>, Exc> {
    match value {
        Py::Str(s) => s
            .trim_start_matches(py::is_space)
            .chars()
            .next()
            .map(Some)
            .ok_or_else(|| Exc::Other("string index out of range".into())),
        // bytes.lstrip()[0] is an int, never equal to a one-character str
        Py::Bytes(b) => {
            if b.iter().all(|c| c.is_ascii_whitespace() || *c == 0x0b) {
                Err(Exc::Other("index out of range".into()))
            } else {
                Ok(None)
            }
        }
        other => Err(Exc::Other(format!(
            "'{}' object has no attribute 'lstrip'",
            other.type_name()
        ))),
    }
}

fn unpack_cli_arg(shape_name: &str, value: Py, cli: &str) -> Result<Py, Exc> {
    let shape = model().shape(shape_name);
    match shape.kind {
        Kind::Structure | Kind::Map => {
            if first_non_space(&value)? == Some('{') {
                return unpack_json(&value, cli);
            }
            Err(param_error(
                cli,
                &format!("Invalid JSON:\n{}", value.to_str()),
            ))
        }
        Kind::List => {
            match &value {
                Py::Str(_) if first_non_space(&value)? == Some('[') => {
                    return unpack_json(&value, cli);
                }
                Py::List(items) if items.len() == 1 => {
                    if let Py::Str(s) = &items[0]
                        && py::strip(s).starts_with('[')
                    {
                        return unpack_json(&items[0], cli);
                    }
                }
                _ => {}
            }
            let elements: Vec<Py> = match &value {
                Py::Str(s) => s.chars().map(|c| Py::Str(c.to_string())).collect(),
                Py::Bytes(b) => b.iter().map(|c| Py::Int((*c).into())).collect(),
                Py::List(items) => items.clone(),
                other => {
                    return Err(Exc::Other(format!(
                        "'{}' object is not iterable",
                        other.type_name()
                    )));
                }
            };
            let member = member_of(shape);
            let mut out = Vec::with_capacity(elements.len());
            for e in &elements {
                match unpack_cli_arg(&member, e.clone(), cli) {
                    Ok(v) => out.push(v),
                    Err(Exc::Value(_)) => return Err(param_error(cli, &elements[0].to_str())),
                    Err(other) => return Err(other),
                }
            }
            Ok(Py::List(out))
        }
        _ => unpack_scalar(shape, value, cli),
    }
}

fn unpack_json(value: &Py, cli: &str) -> Result<Py, Exc> {
    let text = match value {
        Py::Str(s) => s.clone(),
        Py::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        other => other.to_str(),
    };
    pyjson::loads(&text, true).map_err(|e| match e {
        pyjson::LoadError::Recursion(m) => Exc::Other(m.to_string()),
        e => param_error(
            cli,
            &format!("Invalid JSON: {e}\nJSON received: {}", value.to_str()),
        ),
    })
}

fn unpack_scalar(shape: &Shape, value: Py, cli: &str) -> Result<Py, Exc> {
    match shape.kind {
        Kind::Integer | Kind::Long => py::parse_int(&value).map_err(Exc::Value),
        Kind::Blob if shape.streaming => {
            let raw = match &value {
                Py::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
                other => other.to_str(),
            };
            let path = paramfile::expanduser(&paramfile::expandvars(&raw));
            if !std::path::Path::new(&path).is_file() {
                return Err(param_error(cli, "Blob values must be a path to a file."));
            }
            Ok(Py::File(path))
        }
        Kind::Boolean => Ok(match &value {
            Py::Str(s) if s.to_lowercase() == "false" => Py::Bool(false),
            Py::Str(s) => Py::Bool(!s.is_empty()),
            Py::Bytes(b) => Py::Bool(!b.is_empty()),
            Py::Int(i) => Py::Bool(*i != 0),
            other => Py::Bool(!matches!(other, Py::None)),
        }),
        _ => Ok(value),
    }
}

// ---------------------------------------------------------------------------------------------
// Validation (botocore/validate.py)

enum Problem {
    Missing {
        name: String,
        required: String,
    },
    Unknown {
        name: String,
        param: String,
        valid: Vec<String>,
    },
    Type {
        name: String,
        param: Py,
        valid: &'static str,
    },
    Range {
        name: String,
        param: String,
        min: i64,
    },
    Length {
        name: String,
        param: usize,
        min: i64,
    },
}

fn display_name(name: &str) -> &str {
    if name.is_empty() {
        "input"
    } else {
        name.strip_prefix('.').unwrap_or(name)
    }
}

impl Problem {
    fn message(&self) -> String {
        match self {
            Problem::Missing { name, required } => {
                format!(
                    "Missing required parameter in {}: \"{required}\"",
                    display_name(name)
                )
            }
            Problem::Unknown { name, param, valid } => format!(
                "Unknown parameter in {}: \"{param}\", must be one of: {}",
                display_name(name),
                valid.join(", ")
            ),
            Problem::Type { name, param, valid } => format!(
                "Invalid type for parameter {}, value: {}, type: {}, valid types: {valid}",
                display_name(name),
                param.to_str(),
                param.type_repr()
            ),
            Problem::Range { name, param, min } => format!(
                "Invalid value for parameter {}, value: {param}, valid min value: {min}",
                display_name(name)
            ),
            Problem::Length { name, param, min } => format!(
                "Invalid length for parameter {}, value: {param}, valid min length: {min}",
                display_name(name)
            ),
        }
    }
}

fn validate_py(params: &Py, shape: &str) -> Result<(), Error> {
    let mut problems = Vec::new();
    check(params, shape, "", &mut problems);
    if problems.is_empty() {
        return match unsendable(params, shape) {
            Some(problem) => Err(Error::usage(format!(
                "Parameter validation failed:\n{problem}"
            ))),
            None => Ok(()),
        };
    }
    let report: Vec<String> = problems.iter().map(Problem::message).collect();
    Err(Error::usage(format!(
        "Parameter validation failed:\n{}",
        report.join("\n")
    )))
}

fn check(value: &Py, shape_name: &str, name: &str, out: &mut Vec<Problem>) {
    let shape = model().shape(shape_name);
    let type_error = |valid: &'static str, out: &mut Vec<Problem>| {
        out.push(Problem::Type {
            name: name.to_string(),
            param: value.clone(),
            valid,
        });
    };
    match shape.kind {
        Kind::Structure => {
            let Py::Dict(d) = value else {
                return type_error("<class 'dict'>", out);
            };
            for required in &shape.required {
                if !d.contains(required) {
                    out.push(Problem::Missing {
                        name: name.to_string(),
                        required: required.clone(),
                    });
                }
            }
            let mut known = Vec::new();
            for (k, v) in &d.items {
                match shape.member(k) {
                    Some(member) => known.push((k, v, member)),
                    None => out.push(Problem::Unknown {
                        name: name.to_string(),
                        param: k.clone(),
                        valid: shape.members.iter().map(|(n, _)| n.clone()).collect(),
                    }),
                }
            }
            for (k, v, member) in known {
                check(v, &member.shape, &format!("{name}.{k}"), out);
            }
        }
        Kind::String => {
            let Py::Str(s) = value else {
                return type_error("<class 'str'>", out);
            };
            length_check(name, s.chars().count(), shape, out);
        }
        Kind::List => {
            let Py::List(items) = value else {
                return type_error("<class 'list'>, <class 'tuple'>", out);
            };
            length_check(name, items.len(), shape, out);
            let member = member_of(shape);
            for (i, item) in items.iter().enumerate() {
                check(item, &member, &format!("{name}[{i}]"), out);
            }
        }
        Kind::Map => {
            let Py::Dict(d) = value else {
                return type_error("<class 'dict'>", out);
            };
            let key = &shape.key.as_ref().expect("map shape has a key").shape;
            let val = &shape.value.as_ref().expect("map shape has a value").shape;
            for (k, v) in &d.items {
                check(&Py::Str(k.clone()), key, &format!("{name} (key: {k})"), out);
                check(v, val, &format!("{name}.{k}"), out);
            }
        }
        Kind::Integer | Kind::Long => {
            // isinstance(True, int) holds in Python: booleans pass as 1 and 0.
            let (text, below) = match value {
                Py::Int(i) => (i.to_string(), shape.min.is_some_and(|m| *i < i128::from(m))),
                Py::Bool(b) => (value.repr(), shape.min.is_some_and(|m| i64::from(*b) < m)),
                Py::BigInt(s) => (s.clone(), s.starts_with('-') && shape.min.is_some()),
                _ => return type_error("<class 'int'>", out),
            };
            if below && let Some(min) = shape.min {
                out.push(Problem::Range {
                    name: name.to_string(),
                    param: text,
                    min,
                });
            }
        }
        Kind::Boolean => {
            if !matches!(value, Py::Bool(_)) {
                type_error("<class 'bool'>", out);
            }
        }
        Kind::Blob => {
            if !matches!(value, Py::Str(_) | Py::Bytes(_) | Py::File(_)) {
                type_error(
                    "<class 'bytes'>, <class 'bytearray'>, file-like object",
                    out,
                );
            }
        }
        Kind::Timestamp => {
            // No input of this model has a timestamp; accept what botocore's parser surely takes.
            let ok = match value {
                Py::Int(_) | Py::Float(_) | Py::BigInt(_) => true,
                Py::Str(s) => {
                    s.parse::<f64>().is_ok() || chrono::DateTime::parse_from_rfc3339(s).is_ok()
                }
                _ => false,
            };
            if !ok {
                type_error("<class 'datetime.datetime'>, timestamp-string", out);
            }
        }
    }
}

/// The longest request URI the HTTP stack can build (http's `Uri`), less room for the endpoint's
/// scheme, host and path, which are added after the parameters.
const MAX_QUERY_BYTES: usize = 65_534 - 2048;

/// What botocore would send but we cannot: a query string longer than a URI can be (the SDK's
/// request builder panics on it). botocore checks only `min` (required members, types, minimum
/// lengths and values), never `max` or `pattern`: the service answers those with a
/// ValidationException, and so does the emulator, so checking them here would change the
/// error (and exit code) users and scripts see from the AWS CLI. Only this limit of our own HTTP
/// stack is checked beyond botocore, for parameters whose URI could never be sent.
fn unsendable(params: &Py, shape_name: &str) -> Option<String> {
    let Py::Dict(d) = params else { return None };
    let shape = model().shape(shape_name);
    let encoded = |s: &str| -> usize {
        // aws-smithy-http's query encoding: ASCII letters, digits and `-._~` as they are, every
        // other byte as `%XX`.
        s.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                    1
                } else {
                    3
                }
            })
            .sum()
    };
    let mut total = 0;
    let mut longest: Option<(&str, usize)> = None;
    for (name, value) in &d.items {
        let Some(member) = shape.member(name) else {
            continue;
        };
        if member.location.as_deref() != Some("querystring") {
            continue;
        }
        let key = member.location_name.as_deref().unwrap_or(name);
        let values: Vec<String> = match value {
            Py::List(items) => items.iter().map(Py::to_str).collect(),
            Py::Str(s) => vec![s.clone()],
            other => vec![other.to_str()],
        };
        for v in &values {
            total += key.len() + 2 + encoded(v);
            if longest.is_none_or(|(_, n)| v.chars().count() > n) {
                longest = Some((name, v.chars().count()));
            }
        }
    }
    let (name, len) = longest?;
    (total > MAX_QUERY_BYTES).then(|| {
        format!(
            "Invalid length for parameter {name}, value: {len}: the request's query string would be {total} \
             bytes, more than an HTTP request can carry ({MAX_QUERY_BYTES})"
        )
    })
}

fn length_check(name: &str, len: usize, shape: &Shape, out: &mut Vec<Problem>) {
    if let Some(min) = shape.min
        && (len as i64) < min
    {
        out.push(Problem::Length {
            name: name.to_string(),
            param: len,
            min,
        });
    }
}

// ---------------------------------------------------------------------------------------------
// --generate-cli-skeleton (botocore.utils.ArgumentGenerator)

/// The skeleton `--generate-cli-skeleton input|output` prints. `Input` is the AWS CLI's text
/// (`json.dumps(indent=4)` and a newline), except that an enum member shows its first value where
/// the AWS CLI picks one at random. `Output` is the fake response, printed here as `--output json`
/// would; the AWS CLI prints it through the chosen output format (see [`skeleton_output_value`])
/// and only after the parameters pass validation.
pub fn skeleton(operation: &str, which: Skeleton) -> String {
    let Ok(op) = find_operation(operation) else {
        return String::new();
    };
    match which {
        Skeleton::Input => {
            let value = generate(&op.input.shape, &mut Vec::new(), false, "");
            let mut text = json_text(&value);
            text.push('\n');
            text
        }
        Skeleton::Output => {
            let value = skeleton_output_value(operation);
            if value.as_object().is_some_and(|o| o.is_empty()) {
                return String::new();
            }
            let mut text = json_text(&value);
            text.push('\n');
            text
        }
    }
}

/// The fake response `--generate-cli-skeleton output` formats: strings are their member names,
/// numbers 0, booleans true, timestamps `1970-01-01T00:00:00`.
pub fn skeleton_output_value(operation: &str) -> Value {
    let Ok(op) = find_operation(operation) else {
        return Value::Object(Default::default());
    };
    match &op.output {
        Some(out) => generate(&out.shape, &mut Vec::new(), true, ""),
        None => Value::Object(Default::default()),
    }
}

fn json_text(value: &Value) -> String {
    use serde::Serialize;
    let mut buf = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, formatter);
    value
        .serialize(&mut ser)
        .expect("a Value always serializes");
    String::from_utf8(buf).expect("serde_json writes UTF-8")
}

fn generate(shape_name: &str, stack: &mut Vec<String>, member_names: bool, name: &str) -> Value {
    stack.push(shape_name.to_string());
    let shape = model().shape(shape_name);
    let value = match shape.kind {
        Kind::Structure => {
            if stack.iter().filter(|s| *s == shape_name).count() > 1 {
                Value::Object(Default::default())
            } else {
                let mut obj = serde_json::Map::new();
                for (member, spec) in &shape.members {
                    obj.insert(
                        member.clone(),
                        generate(&spec.shape, stack, member_names, member),
                    );
                }
                Value::Object(obj)
            }
        }
        Kind::List => {
            let member = member_of(shape);
            let item_name = if member_names {
                member.clone()
            } else {
                String::new()
            };
            Value::Array(vec![generate(&member, stack, member_names, &item_name)])
        }
        Kind::Map => {
            let val = &shape.value.as_ref().expect("map shape has a value").shape;
            let mut obj = serde_json::Map::new();
            obj.insert("KeyName".into(), generate(val, stack, member_names, ""));
            Value::Object(obj)
        }
        Kind::String => {
            if member_names {
                Value::String(name.to_string())
            } else {
                Value::String(
                    shape
                        .enum_values
                        .as_ref()
                        .and_then(|e| e.first())
                        .cloned()
                        .unwrap_or_default(),
                )
            }
        }
        Kind::Integer | Kind::Long => Value::from(0),
        Kind::Boolean => Value::Bool(true),
        Kind::Timestamp => Value::String("1970-01-01T00:00:00".into()),
        Kind::Blob => Value::Null,
    };
    stack.pop();
    value
}
