//! The AWS CLI's shorthand syntax (`key=value,key2=[a,b],key3={k=v}`), ported from
//! awscli/shorthand.py: the purely syntactic `ShorthandParser`, with its error messages and caret
//! pointer, and the `BackCompatVisitor` that then coerces values by the member's shape
//! (`foo=bar` -> `["bar"]` for a list, integers and booleans from text).
//!
//! The parser works on code points, as Python indexes strings, so carets line up the same way.

use crate::cli::params::paramfile;
use crate::cli::params::py::{self, Dict, Py};
use crate::model::{Kind, model};

/// Why a shorthand value was rejected.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// A ShorthandParseError; the AWS CLI reports it as "Error parsing parameter '--x': <msg>".
    Syntax(String),
    /// A `key@=file://...` that could not be read; the AWS CLI lets this escape unwrapped.
    Paramfile(String),
    /// Any other Python exception (`int()` of a non-number while coercing, too deep a nesting),
    /// which the AWS CLI prints bare.
    Exception(String),
}

const KEY_CHARS: &str = "-_.#/:";

/// What follows `key=` or `key@=` may be read from a file only after `@=`.
pub struct Parser {
    s: Vec<char>,
    index: usize,
    resolve_paramfiles: bool,
    depth: usize,
}

/// About where CPython's recursion limit stops the AWS CLI's recursive-descent parser (two
/// Python frames per level); a limit here also keeps deep input from exhausting the stack.
const MAX_DEPTH: usize = 450;

fn start_word(c: char) -> bool {
    matches!(c, '!' | '#'..='&' | '('..='+' | '-'..='<' | '>'..='Z' | '\\'..='z' | '|'..='\u{ffff}')
}

fn first_follow(c: char) -> bool {
    py::is_space(c)
        || matches!(c, '!' | '#'..='&' | '('..='+' | '-'..='\\' | '^'..='|' | '~'..='\u{ffff}')
}

fn second_follow(c: char) -> bool {
    py::is_space(c) || matches!(c, '!' | '#'..='&' | '('..='+' | '-'..='<' | '>'..='\u{ffff}')
}

fn is_ascii_ws(c: char) -> bool {
    // Python's string.whitespace
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c')
}

/// Python's `str.rstrip()`.
fn rstrip(s: &str) -> &str {
    s.trim_end_matches(py::is_space)
}

impl Parser {
    /// `ShorthandParser().parse(value)`.
    pub fn parse(value: &str) -> Result<Py, Error> {
        let mut p = Parser {
            s: value.chars().collect(),
            index: 0,
            resolve_paramfiles: false,
            depth: 0,
        };
        p.parameter()
    }

    fn text(&self) -> String {
        self.s.iter().collect()
    }

    fn syntax_error(&self, expected: &str, actual: &str, index: usize) -> Error {
        Error::Syntax(format!(
            "Expected: '{expected}', received: '{actual}' for input:\n{}",
            self.error_location(index)
        ))
    }

    fn error_location(&self, index: usize) -> String {
        let s = &self.s;
        let index = index.min(s.len());
        let mut consumed: String = self.text();
        let mut remaining = String::new();
        let mut num_spaces = index;
        if let Some(last_nl) = s[..index].iter().rposition(|c| *c == '\n') {
            num_spaces = index - last_nl - 1;
        }
        if let Some(off) = s[index..].iter().position(|c| *c == '\n') {
            let next_nl = index + off;
            consumed = s[..next_nl].iter().collect();
            remaining = s[next_nl..].iter().collect();
        }
        format!("{consumed}\n{}^{remaining}", " ".repeat(num_spaces))
    }

    fn parameter(&mut self) -> Result<Py, Error> {
        let mut params = Dict::new(false);
        let (key, val) = self.keyval()?;
        params.insert(key, val);
        let mut last_index = self.index;
        while self.index < self.s.len() {
            self.expect(',', true)?;
            let (key, val) = self.keyval()?;
            if params.contains(&key) {
                return Err(Error::Syntax(format!(
                    "Second instance of key \"{key}\" encountered for input:\n{}\nThis is often because \
                     there is a preceding \",\" instead of a space.",
                    self.error_location(last_index + 1)
                )));
            }
            params.insert(key, val);
            last_index = self.index;
        }
        Ok(Py::Dict(params))
    }

    fn keyval(&mut self) -> Result<(String, Py), Error> {
        let key = self.key();
        self.at_sign()?;
        self.expect('=', true)?;
        let values = self.values()?;
        Ok((key, values))
    }

    /// An optional `@` before `=` (whitespace around it is consumed either way, as in Python).
    fn at_sign(&mut self) -> Result<(), Error> {
        self.resolve_paramfiles = false;
        match self.expect('@', true) {
            Ok(()) => self.resolve_paramfiles = true,
            Err(Error::Syntax(_)) => {}
            Err(e) => return Err(e),
        }
        Ok(())
    }

    fn key(&mut self) -> String {
        let start = self.index;
        while let Some(c) = self.current() {
            if !(c.is_ascii_alphanumeric() || KEY_CHARS.contains(c)) {
                break;
            }
            self.index += 1;
        }
        self.s[start..self.index].iter().collect()
    }

    fn values(&mut self) -> Result<Py, Error> {
        match self.current() {
            None => Ok(Py::str("")),
            Some('[') => self.explicit_list(),
            Some('{') => self.hash_literal(),
            Some(_) => self.csv_value(),
        }
    }

    fn csv_value(&mut self) -> Result<Py, Error> {
        let first_value = self.first_value()?;
        self.consume_whitespace();
        if self.at_eof() || self.s[self.index] != ',' {
            return Ok(first_value);
        }
        self.expect(',', true)?;
        let mut csv_list = vec![first_value.clone()];
        loop {
            let attempt = (|| {
                let current = self.second_value()?;
                self.consume_whitespace();
                if self.at_eof() {
                    return Ok((current, true));
                }
                self.expect(',', true)?;
                Ok((current, false))
            })();
            match attempt {
                Ok((current, done)) => {
                    csv_list.push(current);
                    if done {
                        break;
                    }
                }
                Err(Error::Syntax(msg)) => {
                    if self.at_eof() {
                        return Err(Error::Syntax(msg));
                    }
                    self.backtrack_to(',');
                    break;
                }
                Err(e) => return Err(e),
            }
        }
        if csv_list.len() == 1 {
            return Ok(first_value);
        }
        Ok(Py::List(csv_list))
    }

    /// Longest match of `(\\,|[first])(\\,|[follow])*` at the cursor, if any.
    fn match_word(&self, follow: fn(char) -> bool) -> Option<usize> {
        let s = &self.s;
        let mut i = self.index;
        let step = |i: usize, class: &dyn Fn(char) -> bool| -> Option<usize> {
            if s.get(i) == Some(&'\\') && s.get(i + 1) == Some(&',') {
                Some(i + 2)
            } else if s.get(i).is_some_and(|c| class(*c)) {
                Some(i + 1)
            } else {
                None
            }
        };
        i = step(i, &start_word)?;
        while let Some(next) = step(i, &follow) {
            i = next;
        }
        Some(i)
    }

    fn word_value(&mut self, end: usize) -> Result<Py, Error> {
        let consumed: String = self.s[self.index..end].iter().collect();
        self.index = end;
        let processed = rstrip(&consumed.replace("\\,", ",")).to_string();
        self.resolve(processed)
    }

    fn value(&mut self) -> Result<Py, Error> {
        match self.match_word(first_follow) {
            Some(end) => self.word_value(end),
            None => Ok(Py::str("")),
        }
    }

    fn explicit_list(&mut self) -> Result<Py, Error> {
        self.expect('[', true)?;
        let mut values = Vec::new();
        while self.current() != Some(']') {
            values.push(self.explicit_values()?);
            self.consume_whitespace();
            if self.current() != Some(']') {
                self.expect(',', false)?;
                self.consume_whitespace();
            }
        }
        self.expect(']', false)?;
        Ok(Py::List(values))
    }

    fn explicit_values(&mut self) -> Result<Py, Error> {
        if !matches!(self.current(), Some('[' | '{')) {
            return self.first_value();
        }
        if self.depth >= MAX_DEPTH {
            return Err(Error::Exception("maximum recursion depth exceeded".into()));
        }
        self.depth += 1;
        let result = if self.current() == Some('[') {
            self.explicit_list()
        } else {
            self.hash_literal()
        };
        self.depth -= 1;
        result
    }

    fn hash_literal(&mut self) -> Result<Py, Error> {
        self.expect('{', true)?;
        let mut keyvals = Dict::new(false);
        while self.current() != Some('}') {
            let key = self.key();
            self.at_sign()?;
            self.expect('=', true)?;
            let v = self.explicit_values()?;
            self.consume_whitespace();
            if self.current() != Some('}') {
                self.expect(',', false)?;
                self.consume_whitespace();
            }
            keyvals.insert(key, v);
        }
        self.expect('}', false)?;
        Ok(Py::Dict(keyvals))
    }

    fn first_value(&mut self) -> Result<Py, Error> {
        match self.current() {
            Some('\'') => self.quoted('\'', "singled quoted"),
            Some('"') => self.quoted('"', "double quoted"),
            _ => self.value(),
        }
    }

    fn second_value(&mut self) -> Result<Py, Error> {
        match self.current() {
            Some('\'') => self.quoted('\'', "singled quoted"),
            Some('"') => self.quoted('"', "double quoted"),
            _ => match self.match_word(second_follow) {
                Some(end) => self.word_value(end),
                None => Err(self.syntax_error("<second>", "<none>", self.index)),
            },
        }
    }

    /// The regex `'(?:\\'|[^'])*'` (or with `"`), matched as Python's backtracking engine does:
    /// the first unescaped closing quote, or failing that the quote of the last `\'`.
    fn quoted(&mut self, q: char, name: &str) -> Result<Py, Error> {
        let s = &self.s;
        let mut p = self.index + 1;
        let mut last_escape = None;
        let end = loop {
            match s.get(p) {
                None => match last_escape {
                    Some(esc) => break esc + 2,
                    None => {
                        return Err(self.syntax_error(&format!("<{name}>"), "<none>", self.index));
                    }
                },
                Some('\\') if s.get(p + 1) == Some(&q) => {
                    last_escape = Some(p);
                    p += 2;
                }
                Some(c) if *c == q => break p + 1,
                Some(_) => p += 1,
            }
        };
        let inner: String = s[self.index + 1..end - 1].iter().collect();
        self.index = end;
        let value = inner
            .replace(&format!("\\{q}"), &q.to_string())
            .replace("\\\\", "\\");
        self.resolve(value)
    }

    fn resolve(&self, value: String) -> Result<Py, Error> {
        if self.resolve_paramfiles
            && let Some(loaded) = paramfile::get_paramfile(&value)
        {
            return loaded.map_err(Error::Paramfile);
        }
        Ok(Py::Str(value))
    }

    fn expect(&mut self, c: char, consume_whitespace: bool) -> Result<(), Error> {
        if consume_whitespace {
            self.consume_whitespace();
        }
        let Some(actual) = self.current() else {
            return Err(self.syntax_error(&c.to_string(), "EOF", self.index));
        };
        if actual != c {
            return Err(self.syntax_error(&c.to_string(), &actual.to_string(), self.index));
        }
        self.index += 1;
        if consume_whitespace {
            self.consume_whitespace();
        }
        Ok(())
    }

    fn current(&self) -> Option<char> {
        self.s.get(self.index).copied()
    }

    fn at_eof(&self) -> bool {
        self.index >= self.s.len()
    }

    fn backtrack_to(&mut self, c: char) {
        while self.s.get(self.index).is_some_and(|x| *x != c) {
            if self.index == 0 {
                break;
            }
            self.index -= 1;
        }
    }

    fn consume_whitespace(&mut self) {
        while self.current().is_some_and(is_ascii_ws) {
            self.index += 1;
        }
    }
}

/// BackCompatVisitor.visit(value, shape): coerce a parsed value in place by the model shape.
pub fn back_compat(value: &mut Py, shape: &str) -> Result<(), Error> {
    // The top level has a throwaway parent in the AWS CLI: a lone value given for a list is not
    // wrapped there (validation then reports it), so only nested values are replaced.
    let mut top = value.clone();
    visit(&mut top, shape, true)?;
    *value = top;
    Ok(())
}

fn visit(value: &mut Py, shape_name: &str, top: bool) -> Result<(), Error> {
    let m = model();
    let shape = m.shape(shape_name);
    match shape.kind {
        Kind::Structure => {
            if let Py::Dict(d) = value {
                for (member, spec) in &shape.members {
                    if let Some(v) = d.get_mut(member) {
                        visit(v, &spec.shape, false)?;
                    }
                }
            }
        }
        Kind::List => match value {
            Py::List(items) => {
                let member = &shape
                    .member
                    .as_ref()
                    .expect("list shape has a member")
                    .shape;
                for item in items {
                    visit(item, member, false)?;
                }
            }
            Py::None => {}
            other if !top => *other = Py::List(vec![other.clone()]),
            _ => {}
        },
        Kind::Map => {
            if let Py::Dict(d) = value {
                let vshape = &shape.value.as_ref().expect("map shape has a value").shape;
                for (_, v) in &mut d.items {
                    visit(v, vshape, false)?;
                }
            }
        }
        Kind::Integer | Kind::Long => {
            if !matches!(value, Py::None) {
                *value = py::parse_int(value).map_err(Error::Exception)?;
            }
        }
        Kind::Boolean => match value {
            Py::Str(s) if s.to_lowercase() == "true" => *value = Py::Bool(true),
            Py::Str(s) if s.to_lowercase() == "false" => *value = Py::Bool(false),
            Py::Str(_) | Py::Bytes(_) | Py::None => {}
            other => {
                return Err(Error::Exception(format!(
                    "'{}' object has no attribute 'lower'",
                    other.type_name()
                )));
            }
        },
        Kind::String | Kind::Timestamp | Kind::Blob => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> String {
        match Parser::parse(s) {
            Ok(v) => v.repr(),
            Err(Error::Syntax(m) | Error::Paramfile(m) | Error::Exception(m)) => format!("ERR {m}"),
        }
    }

    #[test]
    fn parses_the_documented_forms() {
        assert_eq!(parse("a=b"), "{'a': 'b'}");
        assert_eq!(parse("a=b,c"), "{'a': ['b', 'c']}");
        assert_eq!(parse("a=b,c=d"), "{'a': 'b', 'c': 'd'}");
        assert_eq!(
            parse("a=[b,c],d={e=f}"),
            "{'a': ['b', 'c'], 'd': {'e': 'f'}}"
        );
        assert_eq!(parse("a='x,y'"), "{'a': 'x,y'}");
        assert_eq!(parse("a=x\\,y"), "{'a': 'x,y'}");
    }

    #[test]
    fn reports_errors_with_a_caret() {
        assert_eq!(
            parse("repositoryName=[a"),
            "ERR Expected: ',', received: 'EOF' for input:\nrepositoryName=[a\n                 ^"
        );
        assert_eq!(
            parse(""),
            "ERR Expected: '=', received: 'EOF' for input:\n\n^"
        );
    }
}
