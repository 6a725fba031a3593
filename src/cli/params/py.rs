//! The values the AWS CLI holds between parsing a parameter and sending it: Python objects.
//!
//! botocore's validation messages print parameters with Python's `str()`/`repr()` and name their
//! Python type (`<class 'collections.OrderedDict'>` for JSON given to an option, `<class 'dict'>`
//! for shorthand or `--cli-input-json`), so the parser keeps exactly that much of Python's view of a
//! value until validation has run, and only then turns it into a `serde_json::Value`.

use base64::Engine;
use serde_json::Value;

pub use crate::python::{float_repr, str_repr};

#[derive(Debug, Clone, PartialEq)]
pub enum Py {
    None,
    Bool(bool),
    Int(i128),
    /// An integer beyond i128, kept as its decimal digits (Python ints have no bound).
    BigInt(String),
    Float(f64),
    Str(String),
    Bytes(Vec<u8>),
    List(Vec<Py>),
    Dict(Dict),
    /// A file opened for a streaming blob member (`open(path, 'rb')` in the AWS CLI).
    File(String),
}

/// A Python dict: insertion order, a re-assigned key keeps its first position.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dict {
    /// `collections.OrderedDict` (what `json.loads(..., object_pairs_hook=OrderedDict)` builds).
    pub ordered: bool,
    pub items: Vec<(String, Py)>,
}

impl Dict {
    pub fn new(ordered: bool) -> Self {
        Dict {
            ordered,
            items: Vec::new(),
        }
    }

    pub fn get(&self, key: &str) -> Option<&Py> {
        self.items.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Py> {
        self.items
            .iter_mut()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    pub fn contains(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    pub fn insert(&mut self, key: String, value: Py) {
        match self.get_mut(&key) {
            Some(slot) => *slot = value,
            None => self.items.push((key, value)),
        }
    }
}

impl Py {
    pub fn str(s: impl Into<String>) -> Py {
        Py::Str(s.into())
    }

    /// Python's `type(x)` as printed: `<class 'str'>`.
    pub fn type_repr(&self) -> &'static str {
        match self {
            Py::None => "<class 'NoneType'>",
            Py::Bool(_) => "<class 'bool'>",
            Py::Int(_) | Py::BigInt(_) => "<class 'int'>",
            Py::Float(_) => "<class 'float'>",
            Py::Str(_) => "<class 'str'>",
            Py::Bytes(_) => "<class 'bytes'>",
            Py::List(_) => "<class 'list'>",
            Py::Dict(d) if d.ordered => "<class 'collections.OrderedDict'>",
            Py::Dict(_) => "<class 'dict'>",
            Py::File(_) => "<class '_io.BufferedReader'>",
        }
    }

    /// Python's `type(x).__name__`, as in `'list' object has no attribute 'keys'`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Py::None => "NoneType",
            Py::Bool(_) => "bool",
            Py::Int(_) | Py::BigInt(_) => "int",
            Py::Float(_) => "float",
            Py::Str(_) => "str",
            Py::Bytes(_) => "bytes",
            Py::List(_) => "list",
            Py::Dict(d) if d.ordered => "OrderedDict",
            Py::Dict(_) => "dict",
            Py::File(_) => "BufferedReader",
        }
    }

    /// Python's `str(x)`.
    pub fn to_str(&self) -> String {
        match self {
            Py::Str(s) => s.clone(),
            other => other.repr(),
        }
    }

    /// Python's `repr(x)`.
    pub fn repr(&self) -> String {
        let mut out = String::new();
        self.write_repr(&mut out);
        out
    }

    fn write_repr(&self, out: &mut String) {
        match self {
            Py::None => out.push_str("None"),
            Py::Bool(true) => out.push_str("True"),
            Py::Bool(false) => out.push_str("False"),
            Py::Int(i) => out.push_str(&i.to_string()),
            Py::BigInt(s) => out.push_str(s),
            Py::Float(f) => out.push_str(&float_repr(*f)),
            Py::Str(s) => out.push_str(&str_repr(s)),
            Py::Bytes(b) => out.push_str(&bytes_repr(b)),
            Py::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.write_repr(out);
                }
                out.push(']');
            }
            Py::Dict(d) if d.ordered => {
                // Python 3.11's OrderedDict repr; the venv's interpreter is the reference.
                if d.items.is_empty() {
                    out.push_str("OrderedDict()");
                    return;
                }
                out.push_str("OrderedDict([");
                for (i, (k, v)) in d.items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push('(');
                    out.push_str(&str_repr(k));
                    out.push_str(", ");
                    v.write_repr(out);
                    out.push(')');
                }
                out.push_str("])");
            }
            Py::Dict(d) => {
                out.push('{');
                for (i, (k, v)) in d.items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&str_repr(k));
                    out.push_str(": ");
                    v.write_repr(out);
                }
                out.push('}');
            }
            Py::File(path) => {
                out.push_str("<_io.BufferedReader name=");
                out.push_str(&str_repr(path));
                out.push('>');
            }
        }
    }

    /// The parameter as the SDK layer takes it: bytes as base64 text (botocore's JSON encoding of
    /// blobs), an open streaming blob as its path (ops::conv::stream_in opens it).
    pub fn to_value(&self) -> Value {
        match self {
            Py::None => Value::Null,
            Py::Bool(b) => Value::Bool(*b),
            Py::Int(i) => {
                if let Ok(v) = i64::try_from(*i) {
                    Value::from(v)
                } else if let Ok(v) = u64::try_from(*i) {
                    Value::from(v)
                } else {
                    float_value(*i as f64)
                }
            }
            Py::BigInt(s) => float_value(s.parse::<f64>().unwrap_or(f64::NAN)),
            Py::Float(f) => float_value(*f),
            Py::Str(s) => Value::String(s.clone()),
            Py::Bytes(b) => Value::String(base64::engine::general_purpose::STANDARD.encode(b)),
            Py::List(items) => Value::Array(items.iter().map(Py::to_value).collect()),
            Py::Dict(d) => Value::Object(
                d.items
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_value()))
                    .collect(),
            ),
            Py::File(path) => Value::String(path.clone()),
        }
    }

    /// A JSON value seen as Python sees `json.loads` output (plain dicts).
    pub fn from_value(v: &Value) -> Py {
        match v {
            Value::Null => Py::None,
            Value::Bool(b) => Py::Bool(*b),
            Value::Number(n) => {
                if let Some(i) = n.as_i64() {
                    Py::Int(i.into())
                } else if let Some(u) = n.as_u64() {
                    Py::Int(u.into())
                } else {
                    Py::Float(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => Py::Str(s.clone()),
            Value::Array(items) => Py::List(items.iter().map(Py::from_value).collect()),
            Value::Object(map) => Py::Dict(Dict {
                ordered: false,
                items: map
                    .iter()
                    .map(|(k, v)| (k.clone(), Py::from_value(v)))
                    .collect(),
            }),
        }
    }
}

/// JSON has no NaN or infinity; such a float cannot be sent as JSON anyway.
fn float_value(f: f64) -> Value {
    serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)
}

/// Python's `repr(bytes)`.
pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::from("b");
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote as char);
    out
}

/// Python's `str.isspace()` for one character (also what `\s` matches in a `str` regex).
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// Python's `str.strip()` with no argument.
pub fn strip(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// Python's `int(s)` for a base-10 string: surrounding whitespace, a sign, digits with single
/// underscores between them. The error is Python's ValueError text.
pub fn parse_int(value: &Py) -> Result<Py, String> {
    let text = match value {
        Py::Int(_) | Py::BigInt(_) => return Ok(value.clone()),
        Py::Bool(b) => return Ok(Py::Int(i128::from(*b))),
        Py::Float(f) if f.is_finite() => return Ok(Py::Int(f.trunc() as i128)),
        Py::Str(s) => s.clone(),
        Py::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
        other => {
            return Err(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                other.type_name()
            ));
        }
    };
    let invalid = || format!("invalid literal for int() with base 10: {}", value.repr());
    let t = strip(&text);
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return Err(invalid());
    }
    let digits: String = body.chars().filter(|c| *c != '_').collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(invalid());
    }
    let signed = if neg {
        format!("-{digits}")
    } else {
        digits.clone()
    };
    match signed.parse::<i128>() {
        Ok(i) => Ok(Py::Int(i)),
        Err(_) => {
            let trimmed = digits.trim_start_matches('0');
            Ok(Py::BigInt(if neg {
                format!("-{trimmed}")
            } else {
                trimmed.to_string()
            }))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_repr_matches_python() {
        for (f, s) in [
            (1.0, "1.0"),
            (1.5, "1.5"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (-2.5e-7, "-2.5e-07"),
            (123456789.125, "123456789.125"),
            (0.1, "0.1"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
        ] {
            assert_eq!(float_repr(f), s, "{f}");
        }
    }

    #[test]
    fn str_repr_matches_python() {
        assert_eq!(str_repr("abc"), "'abc'");
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(str_repr("a'b\"c"), "'a\\'b\"c'");
        assert_eq!(
            str_repr("\u{1}\n\u{7f}é\u{a0}\u{200b}"),
            "'\\x01\\n\\x7fé\\xa0\\u200b'"
        );
        assert_eq!(bytes_repr(b"a'\x00\xff"), "b\"a'\\x00\\xff\"");
    }

    #[test]
    fn int_parsing_matches_python() {
        assert_eq!(parse_int(&Py::str(" 1_000 ")), Ok(Py::Int(1000)));
        assert_eq!(parse_int(&Py::str("-07")), Ok(Py::Int(-7)));
        assert_eq!(
            parse_int(&Py::str("1__0")),
            Err("invalid literal for int() with base 10: '1__0'".to_string())
        );
        assert_eq!(
            parse_int(&Py::str("")),
            Err("invalid literal for int() with base 10: ''".to_string())
        );
    }
}
