//! The JMESPath lexer and parser of Python's `jmespath` package (the one the AWS CLI uses),
//! ported rule for rule.
//!
//! A port rather than the `jmespath` crate's parser because the AWS CLI's behaviour is
//! Python's: it accepts what the crate rejects (legacy `` `foo` `` literals, `f(a,)`), it
//! keeps the written key order of JSON literals, and `--query` errors are printed with
//! Python's exact messages (`Invalid jmespath expression: Incomplete expression: ...`,
//! `Expecting: rbracket, got: dot: Parse error at column 5, ...`). Positions are in
//! characters, as in Python.

use serde_json::Value;

use super::py;
use super::query::{Cmp, Node};

#[derive(Debug, Clone)]
enum TokVal {
    Str(String),
    Int(i64),
    Json(Value),
}

#[derive(Debug, Clone)]
struct Token {
    kind: &'static str,
    value: TokVal,
    start: usize,
}

impl Token {
    fn value_str(&self) -> String {
        match &self.value {
            TokVal::Str(s) => s.clone(),
            TokVal::Int(i) => i.to_string(),
            TokVal::Json(v) => py::str_of(v),
        }
    }
}

/// Python's exception, rendered by `message`.
#[derive(Debug)]
enum Error {
    Lexer {
        position: usize,
        message: String,
    },
    Parse {
        position: usize,
        value: String,
        kind: &'static str,
        msg: String,
    },
    Incomplete,
    Empty,
    /// Nested deeper than [`MAX_DEPTH`]: Python's RecursionError, in its words.
    Recursion,
}

/// How deep an expression may nest (each `!`, `(`, `[`, function argument, and each link of a
/// `|`, `||`, `&&`, comparison or projection chain is a level). Python's jmespath, under the AWS
/// CLI, gives up at 327 nested `[`, 487 `!`, 491 `(` and 493 pipes (its recursion limit is 1000
/// frames), so 500 accepts everything it accepts. Our parser and evaluator recurse once per
/// level: a debug build overflows the 8 MiB main stack near 850 levels, a release build much
/// later, so 500 also keeps both far from it.
pub(super) const MAX_DEPTH: usize = 500;

/// Python's message for a RecursionError.
pub const RECURSION: &str = "maximum recursion depth exceeded";

impl Error {
    fn message(&self, expr: &str) -> String {
        match self {
            Error::Lexer { position, message } => {
                format!(
                    "Bad jmespath expression: {message}:\n{expr}\n{}^",
                    " ".repeat(*position)
                )
            }
            Error::Parse {
                position,
                value,
                kind,
                msg,
            } => format!(
                "{msg}: Parse error at column {position}, token \"{value}\" ({}), for expression:\n\"{expr}\"\n{}^",
                kind.to_uppercase(),
                " ".repeat(position + 1)
            ),
            Error::Incomplete => format!(
                "Invalid jmespath expression: Incomplete expression:\n\"{expr}\"\n{}^",
                " ".repeat(expr.chars().count() + 1)
            ),
            Error::Empty => "Invalid JMESPath expression: cannot be empty.".into(),
            Error::Recursion => RECURSION.into(),
        }
    }
}

/// Parses `expr`; the error is `str()` of the exception Python's jmespath raises.
pub(super) fn parse(expr: &str) -> Result<Node, String> {
    let tokens = Lexer::new(expr).tokenize().map_err(|e| e.message(expr))?;
    let mut p = Parser {
        tokens,
        index: 0,
        depth: 0,
    };
    p.parse().map_err(|e| e.message(expr))
}

struct Lexer {
    chars: Vec<char>,
    position: usize,
    current: Option<char>,
}

fn is_start_identifier(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_identifier(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

impl Lexer {
    fn new(expr: &str) -> Self {
        let chars: Vec<char> = expr.chars().collect();
        let current = chars.first().copied();
        Lexer {
            chars,
            position: 0,
            current,
        }
    }

    /// Python's `_next`: at the last character the position stays put and `current` ends.
    fn next(&mut self) -> Option<char> {
        if self.position + 1 >= self.chars.len() {
            self.current = None;
        } else {
            self.position += 1;
            self.current = Some(self.chars[self.position]);
        }
        self.current
    }

    fn simple(&mut self, kind: &'static str, c: char) -> Token {
        let t = Token {
            kind,
            value: TokVal::Str(c.to_string()),
            start: self.position,
        };
        self.next();
        t
    }

    fn tokenize(mut self) -> Result<Vec<Token>, Error> {
        if self.chars.is_empty() {
            return Err(Error::Empty);
        }
        let mut tokens = Vec::new();
        while let Some(c) = self.current {
            let simple = match c {
                '.' => Some("dot"),
                '*' => Some("star"),
                ']' => Some("rbracket"),
                ',' => Some("comma"),
                ':' => Some("colon"),
                '@' => Some("current"),
                '(' => Some("lparen"),
                ')' => Some("rparen"),
                '{' => Some("lbrace"),
                '}' => Some("rbrace"),
                _ => None,
            };
            if let Some(kind) = simple {
                tokens.push(self.simple(kind, c));
                continue;
            }
            let start = self.position;
            match c {
                c if is_start_identifier(c) => {
                    let mut buff = c.to_string();
                    while let Some(n) = self.next().filter(|n| is_identifier(*n)) {
                        buff.push(n);
                    }
                    tokens.push(Token {
                        kind: "unquoted_identifier",
                        value: TokVal::Str(buff),
                        start,
                    });
                }
                ' ' | '\t' | '\n' | '\r' => {
                    self.next();
                }
                '[' => {
                    let (kind, value) = match self.next() {
                        Some(']') => {
                            self.next();
                            ("flatten", "[]")
                        }
                        Some('?') => {
                            self.next();
                            ("filter", "[?")
                        }
                        _ => ("lbracket", "["),
                    };
                    tokens.push(Token {
                        kind,
                        value: TokVal::Str(value.into()),
                        start,
                    });
                }
                '\'' => {
                    let lexeme = self.consume_until('\'')?.replace("\\'", "'");
                    tokens.push(Token {
                        kind: "literal",
                        value: TokVal::Json(Value::String(lexeme)),
                        start,
                    });
                }
                '|' => tokens.push(self.match_or_else('|', "or", "pipe")),
                '&' => tokens.push(self.match_or_else('&', "and", "expref")),
                '`' => tokens.push(self.consume_literal()?),
                '0'..='9' => {
                    let buff = self.consume_number();
                    tokens.push(Token {
                        kind: "number",
                        value: TokVal::Int(parse_int(&buff)),
                        start,
                    });
                }
                '-' => {
                    let buff = self.consume_number();
                    if buff.chars().count() > 1 {
                        tokens.push(Token {
                            kind: "number",
                            value: TokVal::Int(parse_int(&buff)),
                            start,
                        });
                    } else {
                        return Err(Error::Lexer {
                            position: start,
                            message: format!("Unknown token '{buff}'"),
                        });
                    }
                }
                '"' => tokens.push(self.consume_quoted_identifier()?),
                '<' => tokens.push(self.match_or_else('=', "lte", "lt")),
                '>' => tokens.push(self.match_or_else('=', "gte", "gt")),
                '!' => tokens.push(self.match_or_else('=', "ne", "not")),
                '=' => {
                    if self.next() == Some('=') {
                        tokens.push(Token {
                            kind: "eq",
                            value: TokVal::Str("==".into()),
                            start: self.position - 1,
                        });
                        self.next();
                    } else {
                        let position = if self.current.is_none() {
                            self.position
                        } else {
                            self.position - 1
                        };
                        return Err(Error::Lexer {
                            position,
                            message: "Unknown token '='".into(),
                        });
                    }
                }
                other => {
                    return Err(Error::Lexer {
                        position: self.position,
                        message: format!("Unknown token {other}"),
                    });
                }
            }
        }
        tokens.push(Token {
            kind: "eof",
            value: TokVal::Str(String::new()),
            start: self.chars.len(),
        });
        Ok(tokens)
    }

    fn consume_number(&mut self) -> String {
        let mut buff = self.current.map(String::from).unwrap_or_default();
        while let Some(n) = self.next().filter(char::is_ascii_digit) {
            buff.push(n);
        }
        buff
    }

    fn consume_until(&mut self, delimiter: char) -> Result<String, Error> {
        let start = self.position;
        let mut buff = String::new();
        self.next();
        while self.current != Some(delimiter) {
            if self.current == Some('\\') {
                buff.push('\\');
                self.next();
            }
            let Some(c) = self.current else {
                return Err(Error::Lexer {
                    position: start,
                    message: format!("Unclosed {delimiter} delimiter"),
                });
            };
            buff.push(c);
            self.next();
        }
        self.next();
        Ok(buff)
    }

    fn consume_literal(&mut self) -> Result<Token, Error> {
        let start = self.position;
        let lexeme = self.consume_until('`')?.replace("\\`", "`");
        let value = match serde_json::from_str::<Value>(&lexeme) {
            Ok(v) => v,
            // The deprecated form: an unquoted string between backticks.
            Err(_) => {
                match serde_json::from_str::<Value>(&format!("\"{}\"", lexeme.trim_start())) {
                    Ok(v) => v,
                    Err(_) => {
                        return Err(Error::Lexer {
                            position: start,
                            message: format!("Bad token {lexeme}"),
                        });
                    }
                }
            }
        };
        Ok(Token {
            kind: "literal",
            value: TokVal::Json(value),
            start,
        })
    }

    fn consume_quoted_identifier(&mut self) -> Result<Token, Error> {
        let start = self.position;
        let lexeme = format!("\"{}\"", self.consume_until('"')?);
        match serde_json::from_str::<Value>(&lexeme) {
            Ok(Value::String(s)) => Ok(Token {
                kind: "quoted_identifier",
                value: TokVal::Str(s),
                start,
            }),
            Ok(_) => Err(Error::Lexer {
                position: start,
                message: "Extra data".into(),
            }),
            Err(e) => {
                // Python reports the first part of json's message; these are its wordings for
                // what can go wrong inside a string.
                let text = e.to_string();
                let message = if text.contains("control character") {
                    "Invalid control character at"
                } else if text.contains("unicode") || text.contains("hex") {
                    "Invalid \\uXXXX escape"
                } else if text.contains("escape") {
                    "Invalid \\escape"
                } else {
                    "Expecting value"
                };
                Err(Error::Lexer {
                    position: start,
                    message: message.into(),
                })
            }
        }
    }

    fn match_or_else(
        &mut self,
        expected: char,
        match_kind: &'static str,
        else_kind: &'static str,
    ) -> Token {
        let start = self.position;
        let current = self.current.unwrap_or_default();
        if self.next() == Some(expected) {
            self.next();
            Token {
                kind: match_kind,
                value: TokVal::Str(format!("{current}{expected}")),
                start,
            }
        } else {
            Token {
                kind: else_kind,
                value: TokVal::Str(current.to_string()),
                start,
            }
        }
    }
}

/// Python's `int()` of a digit string; beyond i64 (which no JSON index reaches) it saturates.
fn parse_int(s: &str) -> i64 {
    s.parse().unwrap_or(if s.starts_with('-') {
        i64::MIN
    } else {
        i64::MAX
    })
}

fn binding_power(kind: &str) -> u8 {
    match kind {
        "pipe" => 1,
        "or" => 2,
        "and" => 3,
        "eq" | "gt" | "lt" | "gte" | "lte" | "ne" => 5,
        "flatten" => 9,
        "star" => 20,
        "filter" => 21,
        "dot" => 40,
        "not" => 45,
        "lbrace" => 50,
        "lbracket" => 55,
        "lparen" => 60,
        _ => 0,
    }
}

const PROJECTION_STOP: u8 = 10;

struct Parser {
    tokens: Vec<Token>,
    index: usize,
    /// Nesting of the node being built (see [`MAX_DEPTH`]).
    depth: usize,
}

type PResult = Result<Node, Error>;

impl Parser {
    fn parse(&mut self) -> PResult {
        let parsed = self.expression(0)?;
        if self.current() != "eof" {
            let t = self.lookahead_token(0);
            return Err(parse_error(
                &t,
                format!("Unexpected token: {}", t.value_str()),
            ));
        }
        Ok(parsed)
    }

    fn current(&self) -> &'static str {
        self.lookahead(0)
    }

    fn lookahead(&self, n: usize) -> &'static str {
        self.tokens.get(self.index + n).map_or("eof", |t| t.kind)
    }

    fn lookahead_token(&self, n: usize) -> Token {
        let last = self.tokens.len() - 1;
        self.tokens[(self.index + n).min(last)].clone()
    }

    fn advance(&mut self) {
        self.index += 1;
    }

    fn expression(&mut self, bp: u8) -> PResult {
        let outer = self.depth;
        let result = self.nested_expression(bp);
        self.depth = outer;
        result
    }

    fn nested_expression(&mut self, bp: u8) -> PResult {
        self.deeper()?;
        let left_token = self.lookahead_token(0);
        self.advance();
        let mut left = self.nud(&left_token)?;
        let mut current = self.current();
        while bp < binding_power(current) {
            // Each link of a chain wraps the left side one level deeper, except the links that
            // extend a flat list (`a.b.c`, `a[0][1]`).
            self.deeper()?;
            self.advance();
            left = self.led(current, left)?;
            if matches!(left, Node::Subexpr(_) | Node::IndexExpr(_)) {
                self.depth -= 1;
            }
            current = self.current();
        }
        Ok(left)
    }

    fn deeper(&mut self) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Error::Recursion);
        }
        Ok(())
    }

    fn nud(&mut self, token: &Token) -> PResult {
        match token.kind {
            "literal" => Ok(Node::Literal(match &token.value {
                TokVal::Json(v) => v.clone(),
                other => Value::String(match other {
                    TokVal::Str(s) => s.clone(),
                    _ => token.value_str(),
                }),
            })),
            "unquoted_identifier" => Ok(Node::Field(token.value_str())),
            "quoted_identifier" => {
                if self.current() == "lparen" {
                    let t = self.lookahead_token(0);
                    return Err(Error::Parse {
                        position: 0,
                        value: t.value_str(),
                        kind: t.kind,
                        msg: "Quoted identifier not allowed for function names.".into(),
                    });
                }
                Ok(Node::Field(token.value_str()))
            }
            "star" => {
                let right = if self.current() == "rbracket" {
                    Node::Identity
                } else {
                    self.projection_rhs(binding_power("star"))?
                };
                Ok(value_projection(Node::Identity, right))
            }
            "filter" => self.led_filter(Node::Identity),
            "lbrace" => self.multi_select_hash(),
            "lparen" => {
                let e = self.expression(0)?;
                self.expect("rparen")?;
                Ok(e)
            }
            "flatten" => {
                let right = self.projection_rhs(binding_power("flatten"))?;
                Ok(Node::Projection(
                    Box::new(Node::Flatten(Box::new(Node::Identity))),
                    Box::new(right),
                ))
            }
            "not" => Ok(Node::Not(Box::new(self.expression(binding_power("not"))?))),
            "lbracket" => {
                let cur = self.current();
                if cur == "number" || cur == "colon" {
                    let right = self.index_expression()?;
                    self.project_if_slice(Node::Identity, right)
                } else if cur == "star" && self.lookahead(1) == "rbracket" {
                    self.advance();
                    self.advance();
                    let right = self.projection_rhs(binding_power("star"))?;
                    Ok(Node::Projection(Box::new(Node::Identity), Box::new(right)))
                } else {
                    self.multi_select_list()
                }
            }
            "current" => Ok(Node::Identity),
            "expref" => Ok(Node::Expref(Box::new(
                self.expression(binding_power("expref"))?,
            ))),
            "eof" => Err(Error::Incomplete),
            _ => Err(parse_error(token, "invalid token".into())),
        }
    }

    fn led(&mut self, kind: &'static str, left: Node) -> PResult {
        match kind {
            "dot" => {
                if self.current() != "star" {
                    let right = self.dot_rhs(binding_power("dot"))?;
                    Ok(match left {
                        Node::Subexpr(mut children) => {
                            children.push(right);
                            Node::Subexpr(children)
                        }
                        other => Node::Subexpr(vec![other, right]),
                    })
                } else {
                    self.advance();
                    let right = self.projection_rhs(binding_power("dot"))?;
                    Ok(value_projection(left, right))
                }
            }
            "pipe" => Ok(Node::Pipe(
                Box::new(left),
                Box::new(self.expression(binding_power("pipe"))?),
            )),
            "or" => Ok(Node::Or(
                Box::new(left),
                Box::new(self.expression(binding_power("or"))?),
            )),
            "and" => Ok(Node::And(
                Box::new(left),
                Box::new(self.expression(binding_power("and"))?),
            )),
            "lparen" => {
                let Node::Field(name) = left else {
                    let prev = self.token_before(2);
                    return Err(parse_error(
                        &prev,
                        format!("Invalid function name '{}'", prev.value_str()),
                    ));
                };
                let mut args = Vec::new();
                while self.current() != "rparen" {
                    let e = self.expression(0)?;
                    if self.current() == "comma" {
                        self.expect("comma")?;
                    }
                    args.push(e);
                }
                self.expect("rparen")?;
                Ok(Node::Function(name, args))
            }
            "filter" => self.led_filter(left),
            "eq" | "ne" | "gt" | "gte" | "lt" | "lte" => {
                let right = self.expression(binding_power(kind))?;
                let c = match kind {
                    "eq" => Cmp::Eq,
                    "ne" => Cmp::Ne,
                    "gt" => Cmp::Gt,
                    "gte" => Cmp::Ge,
                    "lt" => Cmp::Lt,
                    _ => Cmp::Le,
                };
                Ok(Node::Compare(c, Box::new(left), Box::new(right)))
            }
            "flatten" => {
                let right = self.projection_rhs(binding_power("flatten"))?;
                Ok(Node::Projection(
                    Box::new(Node::Flatten(Box::new(left))),
                    Box::new(right),
                ))
            }
            "lbracket" => {
                let cur = self.current();
                if cur == "number" || cur == "colon" {
                    let right = self.index_expression()?;
                    match left {
                        Node::IndexExpr(mut children) => {
                            children.push(right);
                            Ok(Node::IndexExpr(children))
                        }
                        other => self.project_if_slice(other, right),
                    }
                } else {
                    self.expect("star")?;
                    self.expect("rbracket")?;
                    let right = self.projection_rhs(binding_power("star"))?;
                    Ok(Node::Projection(Box::new(left), Box::new(right)))
                }
            }
            _ => {
                // A token that binds (e.g. `*`, `{`, `!`) but cannot follow an expression: the
                // error is about it, so step back to it.
                self.index -= 1;
                Err(parse_error(
                    &self.lookahead_token(0),
                    "invalid token".into(),
                ))
            }
        }
    }

    /// Python's `self._lookahead_token(-n)`, negative indexes wrapping around as lists do.
    fn token_before(&self, n: usize) -> Token {
        let len = self.tokens.len();
        let i = (self.index + len - (n % len)) % len;
        self.tokens[i].clone()
    }

    fn led_filter(&mut self, left: Node) -> PResult {
        let condition = self.expression(0)?;
        self.expect("rbracket")?;
        let right = if self.current() == "flatten" {
            Node::Identity
        } else {
            self.projection_rhs(binding_power("filter"))?
        };
        Ok(Node::Projection(
            Box::new(left),
            Box::new(Node::Condition(Box::new(condition), Box::new(right))),
        ))
    }

    fn index_expression(&mut self) -> PResult {
        if self.lookahead(0) == "colon" || self.lookahead(1) == "colon" {
            return self.slice_expression();
        }
        let t = self.lookahead_token(0);
        let TokVal::Int(i) = t.value else {
            return Err(parse_error(&t, "syntax error".into()));
        };
        self.advance();
        self.expect("rbracket")?;
        Ok(Node::Index(i))
    }

    fn slice_expression(&mut self) -> PResult {
        let mut parts: [Option<i64>; 3] = [None, None, None];
        let mut index = 0;
        let mut cur = self.current();
        while cur != "rbracket" && index < 3 {
            if cur == "colon" {
                index += 1;
                if index == 3 {
                    return Err(parse_error(&self.lookahead_token(0), "syntax error".into()));
                }
                self.advance();
            } else if cur == "number" {
                if let TokVal::Int(i) = self.lookahead_token(0).value {
                    parts[index] = Some(i);
                }
                self.advance();
            } else {
                return Err(parse_error(&self.lookahead_token(0), "syntax error".into()));
            }
            cur = self.current();
        }
        self.expect("rbracket")?;
        Ok(Node::Slice(parts[0], parts[1], parts[2]))
    }

    fn project_if_slice(&mut self, left: Node, right: Node) -> PResult {
        let is_slice = matches!(right, Node::Slice(..));
        let index_expr = Node::IndexExpr(vec![left, right]);
        if is_slice {
            let rhs = self.projection_rhs(binding_power("star"))?;
            Ok(Node::Projection(Box::new(index_expr), Box::new(rhs)))
        } else {
            Ok(index_expr)
        }
    }

    fn multi_select_list(&mut self) -> PResult {
        let mut expressions = Vec::new();
        loop {
            expressions.push(self.expression(0)?);
            if self.current() == "rbracket" {
                break;
            }
            self.expect("comma")?;
        }
        self.expect("rbracket")?;
        Ok(Node::MultiList(expressions))
    }

    fn multi_select_hash(&mut self) -> PResult {
        let mut pairs = Vec::new();
        loop {
            let key = self.lookahead_token(0);
            let cur = self.current();
            if cur != "quoted_identifier" && cur != "unquoted_identifier" {
                return Err(maybe_eof(
                    &key,
                    "['quoted_identifier', 'unquoted_identifier']",
                ));
            }
            self.advance();
            self.expect("colon")?;
            let value = self.expression(0)?;
            pairs.push((key.value_str(), value));
            if self.current() == "comma" {
                self.expect("comma")?;
            } else if self.current() == "rbrace" {
                self.expect("rbrace")?;
                break;
            }
        }
        Ok(Node::MultiHash(pairs))
    }

    fn projection_rhs(&mut self, bp: u8) -> PResult {
        let cur = self.current();
        if binding_power(cur) < PROJECTION_STOP {
            Ok(Node::Identity)
        } else if cur == "lbracket" || cur == "filter" {
            self.expression(bp)
        } else if cur == "dot" {
            self.expect("dot")?;
            self.dot_rhs(bp)
        } else {
            Err(parse_error(&self.lookahead_token(0), "syntax error".into()))
        }
    }

    fn dot_rhs(&mut self, bp: u8) -> PResult {
        match self.current() {
            "quoted_identifier" | "unquoted_identifier" | "star" => self.expression(bp),
            "lbracket" => {
                self.expect("lbracket")?;
                self.multi_select_list()
            }
            "lbrace" => {
                self.expect("lbrace")?;
                self.multi_select_hash()
            }
            _ => {
                let t = self.lookahead_token(0);
                let msg = format!(
                    "Expecting: ['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace'], got: {}",
                    t.kind
                );
                Err(parse_error(&t, msg))
            }
        }
    }

    fn expect(&mut self, kind: &str) -> Result<(), Error> {
        if self.current() == kind {
            self.advance();
            Ok(())
        } else {
            Err(maybe_eof(&self.lookahead_token(0), kind))
        }
    }
}

fn value_projection(left: Node, right: Node) -> Node {
    Node::Projection(
        Box::new(Node::ObjectValues(Box::new(left))),
        Box::new(right),
    )
}

fn parse_error(t: &Token, msg: String) -> Error {
    Error::Parse {
        position: t.start,
        value: t.value_str(),
        kind: t.kind,
        msg,
    }
}

fn maybe_eof(t: &Token, expected: &str) -> Error {
    if t.kind == "eof" {
        Error::Incomplete
    } else {
        parse_error(t, format!("Expecting: {expected}, got: {}", t.kind))
    }
}
