//! Python's `json.loads`, error messages included.
//!
//! The AWS CLI quotes the decoder's error verbatim ("Invalid JSON: Expecting ',' delimiter: line 1
//! column 9 (char 8)"), and the decoder accepts things serde_json does not (`NaN`, `Infinity`,
//! duplicate keys, integers of any size), so this is a port of CPython 3.11's `_json.c` scanner
//! and `json.decoder`, working on code points as Python strings do.

use super::py::{Dict, Py};

/// A `json.JSONDecodeError`; `Display` is Python's `str(e)`.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonError {
    msg: &'static str,
    text: Vec<char>,
    pos: usize,
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let before = &self.text[..self.pos.min(self.text.len())];
        let lineno = before.iter().filter(|c| **c == '\n').count() + 1;
        let colno = match before.iter().rposition(|c| *c == '\n') {
            Some(nl) => self.pos - nl,
            None => self.pos + 1,
        };
        write!(
            f,
            "{}: line {} column {} (char {})",
            self.msg, lineno, colno, self.pos
        )
    }
}

/// Why `json.loads` failed.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// A JSONDecodeError (a ValueError, which the AWS CLI reports as "Invalid JSON: ...").
    Decode(JsonError),
    /// A RecursionError, which escapes the AWS CLI's handlers and is printed bare.
    Recursion(&'static str),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Decode(e) => e.fmt(f),
            LoadError::Recursion(m) => f.write_str(m),
        }
    }
}

/// Python's recursion limit is 1000 frames, some of which the AWS CLI itself occupies; past
/// roughly this depth CPython gives up, and so does this port (instead of exhausting the stack).
const MAX_DEPTH: usize = 950;

/// `json.loads(text)`; `ordered` selects `object_pairs_hook=OrderedDict`.
pub fn loads(text: &str, ordered: bool) -> Result<Py, LoadError> {
    loads_inner(text, ordered).map_err(|e| match e {
        Stop::Error(e) => LoadError::Decode(e),
        Stop::Recursion(m) => LoadError::Recursion(m),
        Stop::Iteration(_) => unreachable!("loads_inner maps StopIteration"),
    })
}

fn loads_inner(text: &str, ordered: bool) -> Result<Py, Stop> {
    let s: Vec<char> = text.chars().collect();
    let d = Decoder {
        s,
        ordered,
        depth: std::cell::Cell::new(0),
    };
    if d.s.first() == Some(&'\u{feff}') {
        return d.fail("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0);
    }
    let start = d.skip_ws(0);
    let (value, end) = match d.scan_once(start) {
        Ok(v) => v,
        Err(Stop::Iteration(pos)) => return d.fail("Expecting value", pos),
        Err(e) => return Err(e),
    };
    let end = d.skip_ws(end);
    if end != d.s.len() {
        return d.fail("Extra data", end);
    }
    Ok(value)
}

enum Stop {
    /// Python's StopIteration(idx): no JSON value starts at idx.
    Iteration(usize),
    Error(JsonError),
    Recursion(&'static str),
}

struct Decoder {
    s: Vec<char>,
    ordered: bool,
    depth: std::cell::Cell<usize>,
}

fn is_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

impl Decoder {
    fn err(&self, msg: &'static str, pos: usize) -> JsonError {
        JsonError {
            msg,
            text: self.s.clone(),
            pos,
        }
    }

    fn fail<T>(&self, msg: &'static str, pos: usize) -> Result<T, Stop> {
        Err(Stop::Error(self.err(msg, pos)))
    }

    fn skip_ws(&self, mut idx: usize) -> usize {
        while idx < self.s.len() && is_ws(self.s[idx]) {
            idx += 1;
        }
        idx
    }

    fn at(&self, idx: usize) -> Option<char> {
        self.s.get(idx).copied()
    }

    fn starts_with(&self, idx: usize, word: &str) -> bool {
        let w: Vec<char> = word.chars().collect();
        self.s.len() >= idx + w.len() && self.s[idx..idx + w.len()] == w[..]
    }

    fn scan_once(&self, idx: usize) -> Result<(Py, usize), Stop> {
        let Some(c) = self.at(idx) else {
            return Err(Stop::Iteration(idx));
        };
        match c {
            '"' => self.scanstring(idx + 1).map(|(s, end)| (Py::Str(s), end)),
            '{' => self.nested("object", || self.parse_object(idx + 1)),
            '[' => self.nested("array", || self.parse_array(idx + 1)),
            'n' if self.starts_with(idx, "null") => Ok((Py::None, idx + 4)),
            't' if self.starts_with(idx, "true") => Ok((Py::Bool(true), idx + 4)),
            'f' if self.starts_with(idx, "false") => Ok((Py::Bool(false), idx + 5)),
            'N' if self.starts_with(idx, "NaN") => Ok((Py::Float(f64::NAN), idx + 3)),
            'I' if self.starts_with(idx, "Infinity") => Ok((Py::Float(f64::INFINITY), idx + 8)),
            '-' if self.starts_with(idx, "-Infinity") => {
                Ok((Py::Float(f64::NEG_INFINITY), idx + 9))
            }
            _ => self.match_number(idx),
        }
    }

    fn nested(
        &self,
        kind: &'static str,
        parse: impl FnOnce() -> Result<(Py, usize), Stop>,
    ) -> Result<(Py, usize), Stop> {
        if self.depth.get() >= MAX_DEPTH {
            return Err(Stop::Recursion(if kind == "object" {
                "maximum recursion depth exceeded while decoding a JSON object from a unicode string"
            } else {
                "maximum recursion depth exceeded while decoding a JSON array from a unicode string"
            }));
        }
        self.depth.set(self.depth.get() + 1);
        let result = parse();
        self.depth.set(self.depth.get() - 1);
        result
    }

    fn match_number(&self, start: usize) -> Result<(Py, usize), Stop> {
        let digit = |i: usize| self.at(i).is_some_and(|c| c.is_ascii_digit());
        let mut idx = start;
        if self.at(idx) == Some('-') {
            idx += 1;
        }
        match self.at(idx) {
            Some('1'..='9') => {
                while digit(idx) {
                    idx += 1;
                }
            }
            Some('0') => idx += 1,
            _ => return Err(Stop::Iteration(start)),
        }
        let mut is_float = false;
        if self.at(idx) == Some('.') && digit(idx + 1) {
            is_float = true;
            idx += 2;
            while digit(idx) {
                idx += 1;
            }
        }
        if matches!(self.at(idx), Some('e' | 'E')) {
            let e_start = idx;
            idx += 1;
            if matches!(self.at(idx), Some('-' | '+')) {
                idx += 1;
            }
            let digits_start = idx;
            while digit(idx) {
                idx += 1;
            }
            if idx > digits_start {
                is_float = true;
            } else {
                idx = e_start;
            }
        }
        let text: String = self.s[start..idx].iter().collect();
        let value = if is_float {
            Py::Float(text.parse().unwrap_or(f64::NAN))
        } else {
            match text.parse::<i128>() {
                Ok(i) => Py::Int(i),
                Err(_) => Py::BigInt(text),
            }
        };
        Ok((value, idx))
    }

    fn scanstring(&self, mut end: usize) -> Result<(String, usize), Stop> {
        let begin = end - 1;
        let len = self.s.len();
        let mut out = String::new();
        loop {
            let mut next = end;
            let mut c = '\0';
            while next < len {
                c = self.s[next];
                if c == '"' || c == '\\' {
                    break;
                }
                if (c as u32) <= 0x1f {
                    return self.fail("Invalid control character at", next);
                }
                next += 1;
            }
            if next >= len || !(c == '"' || c == '\\') {
                return self.fail("Unterminated string starting at", begin);
            }
            out.extend(&self.s[end..next]);
            next += 1;
            if c == '"' {
                end = next;
                break;
            }
            if next == len {
                return self.fail("Unterminated string starting at", begin);
            }
            let esc = self.s[next];
            if esc != 'u' {
                next += 1;
                end = next;
                out.push(match esc {
                    '"' => '"',
                    '\\' => '\\',
                    '/' => '/',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    _ => return self.fail("Invalid \\escape", end - 2),
                });
                continue;
            }
            next += 1;
            end = next + 4;
            if end >= len {
                return self.fail("Invalid \\uXXXX escape", next - 1);
            }
            let Some(mut cp) = self.hex4(next) else {
                return self.fail("Invalid \\uXXXX escape", end - 5);
            };
            if (0xd800..=0xdbff).contains(&cp)
                && end + 6 < len
                && self.s[end] == '\\'
                && self.s[end + 1] == 'u'
            {
                let Some(low) = self.hex4(end + 2) else {
                    return self.fail("Invalid \\uXXXX escape", end + 1);
                };
                if (0xdc00..=0xdfff).contains(&low) {
                    cp = 0x10000 + (((cp - 0xd800) << 10) | (low - 0xdc00));
                    end += 6;
                }
            }
            // A lone surrogate is a valid Python str but not a Rust one; it becomes U+FFFD.
            out.push(char::from_u32(cp).unwrap_or('\u{fffd}'));
        }
        Ok((out, end))
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        let mut v = 0;
        for i in 0..4 {
            v = (v << 4) | self.at(at + i)?.to_digit(16)?;
        }
        Some(v)
    }

    fn parse_object(&self, idx: usize) -> Result<(Py, usize), Stop> {
        let end_ok = |i: usize| i < self.s.len();
        let mut idx = self.skip_ws(idx);
        let mut dict = Dict::new(self.ordered);
        if !(end_ok(idx) && self.s[idx] == '}') {
            loop {
                if !(end_ok(idx) && self.s[idx] == '"') {
                    return self.fail("Expecting property name enclosed in double quotes", idx);
                }
                let (key, next) = self.scanstring(idx + 1)?;
                idx = self.skip_ws(next);
                if !(end_ok(idx) && self.s[idx] == ':') {
                    return self.fail("Expecting ':' delimiter", idx);
                }
                idx = self.skip_ws(idx + 1);
                let (value, next) = self.scan_once(idx)?;
                dict.insert(key, value);
                idx = self.skip_ws(next);
                if end_ok(idx) && self.s[idx] == '}' {
                    break;
                }
                if !(end_ok(idx) && self.s[idx] == ',') {
                    return self.fail("Expecting ',' delimiter", idx);
                }
                idx = self.skip_ws(idx + 1);
            }
        }
        Ok((Py::Dict(dict), idx + 1))
    }

    fn parse_array(&self, idx: usize) -> Result<(Py, usize), Stop> {
        let end_ok = |i: usize| i < self.s.len();
        let mut idx = self.skip_ws(idx);
        let mut items = Vec::new();
        if !(end_ok(idx) && self.s[idx] == ']') {
            loop {
                let (value, next) = self.scan_once(idx)?;
                items.push(value);
                idx = self.skip_ws(next);
                if end_ok(idx) && self.s[idx] == ']' {
                    break;
                }
                if !(end_ok(idx) && self.s[idx] == ',') {
                    return self.fail("Expecting ',' delimiter", idx);
                }
                idx = self.skip_ws(idx + 1);
            }
        }
        Ok((Py::List(items), idx + 1))
    }
}
