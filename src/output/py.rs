//! Python's spelling of JSON values, as the AWS CLI (a Python program) prints them.
//!
//! Byte-identical output means following CPython exactly where it is visible: `repr(float)`
//! (shortest round-trip digits, exponent outside 1e-4..1e16 written `1e+16`), `str()` of
//! `None`/`True`/`False`, `repr()` of containers and strings (for the rare text-output path
//! that stringifies a nested value), and `json.dumps` with `indent=4, ensure_ascii=False`
//! (what `--output json` prints) or `separators=(',', ':')` with `ensure_ascii=True` (what the
//! JMESPath `to_string()` function returns).

use std::io::{self, Write};

use serde_json::{Number, Value};

pub use crate::python::float_repr;

/// A JSON number as Python prints it: integers as they are, floats through `repr`.
pub fn number(n: &Number) -> String {
    if let Some(i) = n.as_i64() {
        i.to_string()
    } else if let Some(u) = n.as_u64() {
        u.to_string()
    } else {
        float_repr(n.as_f64().unwrap_or(f64::NAN))
    }
}

/// Python's type name for a JSON value, as error messages spell it.
pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

/// Writes `str(value)`: what `text.py` prints for a value it treats as a scalar.
pub fn write_str(out: &mut dyn Write, v: &Value) -> io::Result<()> {
    match v {
        Value::String(s) => out.write_all(s.as_bytes()),
        Value::Null => out.write_all(b"None"),
        Value::Bool(true) => out.write_all(b"True"),
        Value::Bool(false) => out.write_all(b"False"),
        Value::Number(n) => out.write_all(number(n).as_bytes()),
        Value::Array(_) | Value::Object(_) => out.write_all(repr(v).as_bytes()),
    }
}

/// `str(value)` as a String (for the few places that need it joined).
pub fn str_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => {
            let mut buf = Vec::new();
            // Writing into a Vec cannot fail.
            let _ = write_str(&mut buf, other);
            String::from_utf8(buf).unwrap_or_default()
        }
    }
}

/// `repr(value)`: dicts and lists as Python prints them.
pub fn repr(v: &Value) -> String {
    let mut s = String::new();
    repr_into(&mut s, v);
    s
}

fn repr_into(s: &mut String, v: &Value) {
    match v {
        Value::String(x) => string_repr(s, x),
        Value::Array(a) => {
            s.push('[');
            for (i, e) in a.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                repr_into(s, e);
            }
            s.push(']');
        }
        Value::Object(m) => {
            s.push('{');
            for (i, (k, e)) in m.iter().enumerate() {
                if i > 0 {
                    s.push_str(", ");
                }
                string_repr(s, k);
                s.push_str(": ");
                repr_into(s, e);
            }
            s.push('}');
        }
        other => s.push_str(&str_of(other)),
    }
}

/// CPython's `unicode_repr`: single quotes unless the text has a `'` and no `"`, escapes for
/// non-printable characters.
/// Python's `repr(str)`.
fn string_repr(s: &mut String, x: &str) {
    s.push_str(&crate::python::str_repr(x));
}

/// `json.dump(value, indent=4, ensure_ascii=False)`, written straight to `out`.
pub fn write_json_pretty(out: &mut dyn Write, v: &Value) -> io::Result<()> {
    write_pretty(out, v, 0)
}

/// The same, for a value nested `level` deep (its closing bracket indented to that level).
pub fn write_json_pretty_at(out: &mut dyn Write, v: &Value, level: usize) -> io::Result<()> {
    write_pretty(out, v, level)
}

const INDENT: &[u8] = b"                                                                ";

fn write_indent(out: &mut dyn Write, n: usize) -> io::Result<()> {
    let mut left = n;
    while left > 0 {
        let k = left.min(INDENT.len());
        out.write_all(&INDENT[..k])?;
        left -= k;
    }
    Ok(())
}

fn write_pretty(out: &mut dyn Write, v: &Value, level: usize) -> io::Result<()> {
    match v {
        Value::Array(a) if a.is_empty() => out.write_all(b"[]"),
        Value::Object(m) if m.is_empty() => out.write_all(b"{}"),
        Value::Array(a) => {
            out.write_all(b"[")?;
            for (i, e) in a.iter().enumerate() {
                out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
                write_indent(out, (level + 1) * 4)?;
                write_pretty(out, e, level + 1)?;
            }
            out.write_all(b"\n")?;
            write_indent(out, level * 4)?;
            out.write_all(b"]")
        }
        Value::Object(m) => {
            out.write_all(b"{")?;
            for (i, (k, e)) in m.iter().enumerate() {
                out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
                write_indent(out, (level + 1) * 4)?;
                write_json_string(out, k, false)?;
                out.write_all(b": ")?;
                write_pretty(out, e, level + 1)?;
            }
            out.write_all(b"\n")?;
            write_indent(out, level * 4)?;
            out.write_all(b"}")
        }
        scalar => write_json_scalar(out, scalar, false),
    }
}

fn write_json_scalar(out: &mut dyn Write, v: &Value, ascii: bool) -> io::Result<()> {
    match v {
        Value::Null => out.write_all(b"null"),
        Value::Bool(true) => out.write_all(b"true"),
        Value::Bool(false) => out.write_all(b"false"),
        Value::Number(n) => {
            // json.dumps spells non-finite floats NaN/Infinity; serde_json cannot hold them,
            // so only finite numbers reach here.
            out.write_all(number(n).as_bytes())
        }
        Value::String(s) => write_json_string(out, s, ascii),
        Value::Array(_) | Value::Object(_) => write_json_compact(out, v),
    }
}

/// `json.dumps(value, separators=(',', ':'))` with the default `ensure_ascii=True`.
pub fn json_compact(v: &Value) -> String {
    let mut buf = Vec::new();
    let _ = write_json_compact(&mut buf, v);
    String::from_utf8(buf).unwrap_or_default()
}

fn write_json_compact(out: &mut dyn Write, v: &Value) -> io::Result<()> {
    match v {
        Value::Array(a) => {
            out.write_all(b"[")?;
            for (i, e) in a.iter().enumerate() {
                if i > 0 {
                    out.write_all(b",")?;
                }
                write_json_compact(out, e)?;
            }
            out.write_all(b"]")
        }
        Value::Object(m) => {
            out.write_all(b"{")?;
            for (i, (k, e)) in m.iter().enumerate() {
                if i > 0 {
                    out.write_all(b",")?;
                }
                write_json_string(out, k, true)?;
                out.write_all(b":")?;
                write_json_compact(out, e)?;
            }
            out.write_all(b"}")
        }
        scalar => write_json_scalar(out, scalar, true),
    }
}

/// A JSON string as Python's encoder writes it: `"` and `\` escaped, control characters as
/// `\n`-style escapes or `\u00XX`; with `ascii`, everything from U+007F up as `\uXXXX`
/// (UTF-16 surrogate pairs above U+FFFF).
fn write_json_string(out: &mut dyn Write, s: &str, ascii: bool) -> io::Result<()> {
    out.write_all(b"\"")?;
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        let esc: Option<String> = match c {
            '"' => Some("\\\"".into()),
            '\\' => Some("\\\\".into()),
            '\n' => Some("\\n".into()),
            '\r' => Some("\\r".into()),
            '\t' => Some("\\t".into()),
            '\u{8}' => Some("\\b".into()),
            '\u{c}' => Some("\\f".into()),
            c if (c as u32) < 0x20 => Some(format!("\\u{:04x}", c as u32)),
            c if ascii && (c as u32) > 0x7e => {
                let mut units = [0u16; 2];
                let mut e = String::new();
                for u in c.encode_utf16(&mut units) {
                    e.push_str(&format!("\\u{u:04x}"));
                }
                Some(e)
            }
            _ => None,
        };
        if let Some(e) = esc {
            out.write_all(&bytes[start..i])?;
            out.write_all(e.as_bytes())?;
            start = i + c.len_utf8();
        }
    }
    out.write_all(&bytes[start..])?;
    out.write_all(b"\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_repr_matches_cpython() {
        let cases = [
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1.0, "1.0"),
            (1.5, "1.5"),
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1.5e16, "1.5e+16"),
            (123456789012345.6, "123456789012345.6"),
            (1e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.2345e-7, "1.2345e-07"),
            (1e100, "1e+100"),
            (1732604801.123, "1732604801.123"),
            (-2.5, "-2.5"),
            (f64::MAX, "1.7976931348623157e+308"),
            (5e-324, "5e-324"),
        ];
        for (f, want) in cases {
            assert_eq!(float_repr(f), want, "{f:e}");
        }
    }

    #[test]
    fn repr_of_nested_values() {
        let v: Value =
            serde_json::from_str(r#"{"a": [1, 2.0, null, true, "it's"], "b\"": {}}"#).unwrap();
        assert_eq!(repr(&v), r#"{'a': [1, 2.0, None, True, "it's"], 'b"': {}}"#);
        let v = Value::String("both ' and \" \n\u{7f}\u{e9}\u{a0}".into());
        assert_eq!(repr(&v), "'both \\' and \" \\n\\x7fé\\xa0'");
    }

    #[test]
    fn compact_json_escapes_non_ascii() {
        let v: Value = serde_json::from_str(r#"{"k":"é😀\u0001","n":1.0}"#).unwrap();
        assert_eq!(
            json_compact(&v),
            r#"{"k":"\u00e9\ud83d\ude00\u0001","n":1.0}"#
        );
    }
}
