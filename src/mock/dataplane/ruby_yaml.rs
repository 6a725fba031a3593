//! YAML, read: the subset a gem's `metadata.gz` is written in. `gem build` serialises the
//! `Gem::Specification` with Psych (libyaml's emitter), and `gem push` uploads the result; the
//! registry needs the name, version, platform, summary, licenses, homepage, description and
//! dependencies out of it. No YAML crate is a dependency of this project, and the documents are
//! machine-written in a narrow style, so this reader covers what that style uses:
//!
//! - block mappings and sequences, sequences of sequences on one line (`- - ">="`) and
//!   sequences at the indentation of their mapping key;
//! - plain, single-quoted and double-quoted scalars, folded over several lines as libyaml
//!   wraps long ones at 80 columns, with every double-quoted escape;
//! - literal and folded block scalars (`|`, `|-`, `>+`, `|2`...), which carry descriptions;
//! - flow collections (`[]`, `{}`, `[a, "b"]`), tags (`!ruby/object:Gem::Version`, ignored:
//!   the reader keeps the data), anchors and aliases (older RubyGems wrote them), comments.
//!
//! Every scalar is kept as text (`false`, `4` and `:runtime` included); the caller interprets
//! the fields it reads. Anything else (complex keys, several documents) is an error, never a
//! panic, and nesting is bounded so hostile input cannot exhaust the stack.

use std::collections::HashMap;

/// A YAML node.
#[derive(Debug, Clone, PartialEq)]
pub enum Yaml {
    Null,
    Str(String),
    Seq(Vec<Yaml>),
    /// Entries in document order.
    Map(Vec<(String, Yaml)>),
}

impl Yaml {
    /// The value of `key` in a mapping (the last one when a key repeats, as Psych reads it).
    pub fn get(&self, key: &str) -> Option<&Yaml> {
        match self {
            Yaml::Map(entries) => entries.iter().rev().find(|(k, _)| k == key).map(|e| &e.1),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Yaml::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The items of a sequence; nothing for any other node.
    pub fn items(&self) -> &[Yaml] {
        match self {
            Yaml::Seq(items) => items,
            _ => &[],
        }
    }
}

/// Deeper nesting than any gemspec has (dependencies are five levels down) is refused.
const MAX_DEPTH: usize = 64;

/// Parses the first document of `text`.
pub fn parse(text: &str) -> Result<Yaml, String> {
    let mut p = Parser {
        lines: text
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .collect(),
        line: 0,
        col: 0,
        anchors: HashMap::new(),
        depth: 0,
    };
    // Directives (`%YAML 1.1`) come before the document.
    while p.line < p.lines.len() && (p.blank(p.line) || p.lines[p.line].starts_with('%')) {
        p.line += 1;
    }
    if p.line >= p.lines.len() {
        return Ok(Yaml::Null);
    }
    let first = p.lines[p.line];
    if first == "---" || first.starts_with("--- ") {
        p.col = 3;
    }
    let doc = p.node(-1, false)?;
    match p.next_content(p.line) {
        Some(l) if !p.lines[l].starts_with("...") => Err(p.error_at(l, "unexpected content")),
        _ => Ok(doc),
    }
}

struct Parser<'a> {
    lines: Vec<&'a str>,
    /// Where reading is: a line, and a byte offset in it.
    line: usize,
    col: usize,
    anchors: HashMap<String, Yaml>,
    depth: usize,
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// The text of a line up to a comment (` #`), without trailing spaces.
fn strip_comment(s: &str) -> &str {
    let mut prev_space = true;
    for (i, c) in s.char_indices() {
        if c == '#' && prev_space {
            return s[..i].trim_end_matches(is_space);
        }
        prev_space = is_space(c);
    }
    s.trim_end_matches(is_space)
}

impl<'a> Parser<'a> {
    fn error_at(&self, line: usize, msg: &str) -> String {
        format!("line {}: {msg}", line + 1)
    }

    fn error(&self, msg: &str) -> String {
        self.error_at(self.line, msg)
    }

    /// The rest of the current line.
    fn rest(&self) -> &'a str {
        let line = self.lines.get(self.line).copied().unwrap_or("");
        line.get(self.col..).unwrap_or("")
    }

    fn skip_spaces(&mut self) {
        let rest = self.rest();
        self.col += rest.len() - rest.trim_start_matches(is_space).len();
    }

    fn at_line_end(&self) -> bool {
        strip_comment(self.rest()).is_empty()
    }

    fn next_line(&mut self) {
        self.line += 1;
        self.col = 0;
    }

    /// Finishes the current line, which must hold nothing more than a comment.
    fn end_line(&mut self) -> Result<(), String> {
        if !self.at_line_end() {
            return Err(self.error(&format!("unexpected {:?}", self.rest().trim())));
        }
        self.next_line();
        Ok(())
    }

    fn blank(&self, line: usize) -> bool {
        let t = self.lines[line].trim_start_matches(is_space);
        t.is_empty() || t.starts_with('#')
    }

    fn indent(&self, line: usize) -> usize {
        let l = self.lines[line];
        l.len() - l.trim_start_matches(' ').len()
    }

    /// The first line from `from` with content, unless a document marker comes first.
    fn next_content(&self, from: usize) -> Option<usize> {
        let l = (from..self.lines.len()).find(|&l| !self.blank(l))?;
        let text = self.lines[l];
        let marker = text == "---" || text.starts_with("--- ") || text.starts_with("...");
        (!marker).then_some(l)
    }

    fn starts_seq_item(&self, line: usize, col: usize) -> bool {
        let rest = self.lines[line].get(col..).unwrap_or("");
        rest == "-" || rest.starts_with("- ") || rest.starts_with("-\t")
    }

    /// A node whose properties or content start here (after `key:`, `- ` or `---`), or on the
    /// following lines when this one ends. `parent` is the column of the key or dash that owns
    /// the node (-1 at the top); content below must be indented further, except that a
    /// mapping's value may be a sequence at the key's own column.
    fn node(&mut self, parent: isize, map_value: bool) -> Result<Yaml, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("the document is nested too deeply"));
        }
        let result = self.node_inner(parent, map_value);
        self.depth -= 1;
        result
    }

    fn node_inner(&mut self, parent: isize, map_value: bool) -> Result<Yaml, String> {
        let mut anchor = None;
        loop {
            self.skip_spaces();
            let rest = self.rest();
            let Some(c @ ('!' | '&')) = rest.chars().next() else {
                break;
            };
            let end = rest.find(is_space).unwrap_or(rest.len());
            if c == '&' {
                anchor = Some(rest[1..end].to_string());
            }
            self.col += end;
        }
        let value = if self.at_line_end() {
            self.next_line();
            match self.next_content(self.line) {
                Some(l) if self.indent(l) as isize > parent => {
                    self.line = l;
                    self.col = self.indent(l);
                    self.inline(parent)?
                }
                Some(l)
                    if map_value
                        && self.indent(l) as isize == parent
                        && self.starts_seq_item(l, self.indent(l)) =>
                {
                    self.line = l;
                    self.col = self.indent(l);
                    self.block_seq(self.col)?
                }
                _ => Yaml::Null,
            }
        } else {
            self.inline(parent)?
        };
        if let Some(name) = anchor {
            self.anchors.insert(name, value.clone());
        }
        Ok(value)
    }

    /// A node starting at the current position, which holds content.
    fn inline(&mut self, parent: isize) -> Result<Yaml, String> {
        let rest = self.rest();
        let Some(first) = rest.chars().next() else {
            return Ok(Yaml::Null);
        };
        if self.starts_seq_item(self.line, self.col) {
            return self.block_seq(self.col);
        }
        if self.key_here()?.is_some() {
            return self.block_map(self.col);
        }
        match first {
            '*' => {
                let end = rest.find(is_space).unwrap_or(rest.len());
                let name = &rest[1..end];
                let value = self
                    .anchors
                    .get(name)
                    .cloned()
                    .ok_or_else(|| self.error(&format!("unknown alias *{name}")))?;
                self.col += end;
                self.end_line()?;
                Ok(value)
            }
            '|' | '>' => self.block_scalar(parent),
            '"' | '\'' => {
                let s = self.quoted()?;
                self.end_line()?;
                Ok(Yaml::Str(s))
            }
            '[' | '{' => self.flow(),
            _ => self.plain(parent),
        }
    }

    /// When the current position starts a mapping entry (`key: ...`), the key and where its
    /// value starts. Keys are plain or quoted scalars on one line.
    fn key_here(&self) -> Result<Option<(String, usize)>, String> {
        let rest = self.rest();
        let (key, after) = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let Some((key, len)) = quoted_on_line(rest, q) else {
                    return Ok(None);
                };
                let after_quote = &rest[len..];
                let trimmed = after_quote.trim_start_matches(is_space);
                if !trimmed.starts_with(':') {
                    return Ok(None);
                }
                (key, len + (after_quote.len() - trimmed.len()) + 1)
            }
            Some('[' | '{' | '*' | '&' | '!' | '|' | '>' | '#') | None => return Ok(None),
            Some('?') if rest.len() == 1 || rest[1..].starts_with(is_space) => {
                return Err(self.error("complex mapping keys are not supported"));
            }
            _ => {
                let text = strip_comment(rest);
                let Some(i) = text
                    .char_indices()
                    .find(|&(i, c)| c == ':' && text[i + 1..].chars().next().is_none_or(is_space))
                    .map(|(i, _)| i)
                else {
                    return Ok(None);
                };
                (text[..i].trim_end_matches(is_space).to_string(), i + 1)
            }
        };
        let rest_after = &rest[after..];
        if !(rest_after.is_empty() || rest_after.starts_with(is_space)) {
            return Ok(None);
        }
        Ok(Some((key, self.col + after)))
    }

    fn block_map(&mut self, col: usize) -> Result<Yaml, String> {
        let mut entries = Vec::new();
        loop {
            let Some((key, value_at)) = self.key_here()? else {
                return Err(self.error("expected a mapping key"));
            };
            self.col = value_at;
            let value = self.node(col as isize, true)?;
            entries.push((key, value));
            match self.next_content(self.line) {
                Some(l) if self.indent(l) == col && !self.starts_seq_item(l, col) => {
                    self.line = l;
                    self.col = col;
                }
                Some(l) if self.indent(l) > col => {
                    return Err(self.error_at(l, "bad indentation of a mapping entry"));
                }
                _ => return Ok(Yaml::Map(entries)),
            }
        }
    }

    fn block_seq(&mut self, col: usize) -> Result<Yaml, String> {
        let mut items = Vec::new();
        loop {
            self.col = col + 1;
            items.push(self.node(col as isize, false)?);
            match self.next_content(self.line) {
                Some(l) if self.indent(l) == col && self.starts_seq_item(l, col) => {
                    self.line = l;
                }
                Some(l) if self.indent(l) > col => {
                    return Err(self.error_at(l, "bad indentation of a sequence item"));
                }
                _ => return Ok(Yaml::Seq(items)),
            }
        }
    }

    /// A plain scalar, with the lines that continue it (indented past `parent`) folded in.
    fn plain(&mut self, parent: isize) -> Result<Yaml, String> {
        let mut text = strip_comment(self.rest()).to_string();
        let first_had_comment = text.len() < self.rest().trim_end_matches(is_space).len();
        let mut last = self.line;
        let mut l = self.line + 1;
        let mut breaks = 0;
        while !first_had_comment && l < self.lines.len() {
            let line = self.lines[l];
            let content = line.trim_start_matches(is_space);
            if content.is_empty() {
                breaks += 1;
                l += 1;
                continue;
            }
            let marker = line == "---" || line.starts_with("--- ") || line.starts_with("...");
            if content.starts_with('#') || marker || self.indent(l) as isize <= parent {
                break;
            }
            let part = strip_comment(content);
            if part.ends_with(':') || part.contains(": ") {
                return Err(self.error_at(l, "a mapping entry where a value continues"));
            }
            if breaks == 0 {
                text.push(' ');
            } else {
                text.push_str(&"\n".repeat(breaks));
            }
            text.push_str(part);
            breaks = 0;
            last = l;
            l += 1;
            if part.len() < content.trim_end_matches(is_space).len() {
                break; // a comment ends the scalar
            }
        }
        self.line = last + 1;
        self.col = 0;
        Ok(match text.as_str() {
            "" | "~" | "null" | "Null" | "NULL" => Yaml::Null,
            _ => Yaml::Str(text),
        })
    }

    /// A single- or double-quoted scalar starting here, possibly over several lines; leaves the
    /// position after the closing quote.
    fn quoted(&mut self) -> Result<String, String> {
        let quote = self.rest().chars().next().unwrap_or('"');
        self.col += 1;
        let mut out = String::new();
        loop {
            let line = self.lines.get(self.line).copied().unwrap_or("");
            let mut chars = line.get(self.col..).unwrap_or("").char_indices().peekable();
            // Where the trailing unescaped white space of this line starts in `out`.
            let mut trailing_ws = out.len();
            let mut escaped_break = false;
            while let Some((i, c)) = chars.next() {
                if c == quote {
                    if quote == '\'' && chars.peek().map(|p| p.1) == Some('\'') {
                        chars.next();
                        out.push('\'');
                        trailing_ws = out.len();
                        continue;
                    }
                    self.col += i + 1;
                    return Ok(out);
                }
                if quote == '"' && c == '\\' {
                    let Some((_, e)) = chars.next() else {
                        escaped_break = true;
                        break;
                    };
                    let simple = match e {
                        '0' => Some('\0'),
                        'a' => Some('\x07'),
                        'b' => Some('\x08'),
                        't' | '\t' => Some('\t'),
                        'n' => Some('\n'),
                        'v' => Some('\x0b'),
                        'f' => Some('\x0c'),
                        'r' => Some('\r'),
                        'e' => Some('\x1b'),
                        ' ' => Some(' '),
                        '"' => Some('"'),
                        '/' => Some('/'),
                        '\\' => Some('\\'),
                        'N' => Some('\u{85}'),
                        '_' => Some('\u{a0}'),
                        'L' => Some('\u{2028}'),
                        'P' => Some('\u{2029}'),
                        _ => None,
                    };
                    let c = match (simple, e) {
                        (Some(c), _) => c,
                        (None, 'x' | 'u' | 'U') => {
                            let n = match e {
                                'x' => 2,
                                'u' => 4,
                                _ => 8,
                            };
                            let digits: String =
                                (0..n).filter_map(|_| chars.next()).map(|p| p.1).collect();
                            u32::from_str_radix(&digits, 16)
                                .ok()
                                .filter(|_| digits.len() == n)
                                .and_then(char::from_u32)
                                .ok_or_else(|| self.error(&format!("bad escape \\{e}{digits}")))?
                        }
                        _ => return Err(self.error(&format!("unknown escape \\{e}"))),
                    };
                    out.push(c);
                    trailing_ws = out.len();
                    continue;
                }
                out.push(c);
                if !is_space(c) {
                    trailing_ws = out.len();
                }
            }
            // The line ends inside the scalar: fold it into the next one.
            if !escaped_break {
                out.truncate(trailing_ws);
            }
            self.next_line();
            let mut breaks = 0;
            while self.line < self.lines.len()
                && self.lines[self.line].trim_matches(is_space).is_empty()
            {
                breaks += 1;
                self.next_line();
            }
            if self.line >= self.lines.len() {
                return Err(self.error("a quoted scalar is not closed"));
            }
            self.skip_spaces();
            if breaks > 0 {
                out.push_str(&"\n".repeat(breaks));
            } else if !escaped_break {
                out.push(' ');
            }
        }
    }

    /// A literal (`|`) or folded (`>`) block scalar: its header here, its lines below.
    fn block_scalar(&mut self, parent: isize) -> Result<Yaml, String> {
        let header = strip_comment(self.rest());
        let folded = header.starts_with('>');
        let mut chomp = ' ';
        let mut explicit = None;
        for c in header[1..].chars() {
            match c {
                '+' | '-' if chomp == ' ' => chomp = c,
                '1'..='9' if explicit.is_none() => explicit = c.to_digit(10),
                _ => return Err(self.error(&format!("bad block scalar header {header:?}"))),
            }
        }
        self.next_line();
        let base = parent.max(0) as usize;
        let indent = match explicit {
            Some(n) => base + n as usize,
            None => {
                let first = (self.line..self.lines.len())
                    .find(|&l| !self.lines[l].trim_matches(' ').is_empty());
                match first {
                    Some(l) if self.indent(l) as isize > parent => self.indent(l),
                    _ => usize::MAX,
                }
            }
        };
        let mut lines: Vec<&str> = Vec::new();
        while self.line < self.lines.len() {
            let line = self.lines[self.line];
            if line.trim_matches(' ').is_empty() {
                lines.push("");
            } else if self.indent(self.line) >= indent {
                lines.push(&line[indent..]);
            } else {
                break;
            }
            self.next_line();
        }
        let trailing = lines.iter().rev().take_while(|l| l.is_empty()).count();
        let body_lines = &lines[..lines.len() - trailing];
        let mut text = if folded {
            fold(body_lines)
        } else {
            body_lines.join("\n")
        };
        let has_body = !body_lines.is_empty();
        match chomp {
            '-' => {}
            '+' => {
                let breaks = if has_body { trailing + 1 } else { trailing };
                text.push_str(&"\n".repeat(breaks));
            }
            _ if has_body => text.push('\n'),
            _ => {}
        }
        Ok(Yaml::Str(text))
    }

    /// A flow collection (`[...]` or `{...}`), which may span lines.
    fn flow(&mut self) -> Result<Yaml, String> {
        let mut text = String::new();
        let mut depth = 0usize;
        let mut quote: Option<char> = None;
        let mut escaped = false;
        let start = self.line;
        loop {
            let rest = self.rest();
            for (i, c) in rest.char_indices() {
                match (quote, c) {
                    (Some('"'), '\\') => escaped = !escaped,
                    (Some(q), _) if c == q && !escaped => quote = None,
                    (Some(_), _) => escaped = false,
                    (None, '"' | '\'') => quote = Some(c),
                    (None, '[' | '{') => depth += 1,
                    (None, ']' | '}') => depth = depth.saturating_sub(1),
                    (None, '#') if text.ends_with(is_space) => break,
                    _ => {}
                }
                text.push(c);
                if depth == 0 && quote.is_none() {
                    self.col += i + c.len_utf8();
                    self.end_line()?;
                    let mut f = Flow {
                        chars: text.chars().collect(),
                        pos: 0,
                        depth: self.depth,
                    };
                    let value = f.node().map_err(|e| self.error_at(start, &e))?;
                    f.skip_ws();
                    if f.pos != f.chars.len() {
                        return Err(self.error_at(start, "unexpected text after a flow collection"));
                    }
                    return Ok(value);
                }
            }
            self.next_line();
            if self.line >= self.lines.len() {
                return Err(self.error_at(start, "a flow collection is not closed"));
            }
            text.push(' ');
        }
    }
}

/// The lines of a folded block scalar joined: a single line break between two lines of text
/// becomes a space; empty lines and lines indented further keep their breaks.
fn fold(lines: &[&str]) -> String {
    let mut out = String::new();
    let mut breaks = 0;
    let mut prev_more = false;
    let mut seen = false;
    for line in lines {
        if line.is_empty() {
            breaks += 1;
            continue;
        }
        let more = line.starts_with(is_space);
        if seen {
            if breaks == 0 && !prev_more && !more {
                out.push(' ');
            } else if !prev_more && !more {
                out.push_str(&"\n".repeat(breaks));
            } else {
                out.push_str(&"\n".repeat(breaks + 1));
            }
        } else {
            out.push_str(&"\n".repeat(breaks));
        }
        out.push_str(line);
        breaks = 0;
        prev_more = more;
        seen = true;
    }
    out
}

/// A quoted scalar that closes on this line: its value and its length in bytes.
fn quoted_on_line(s: &str, quote: char) -> Option<(String, usize)> {
    let mut p = Parser {
        lines: vec![s],
        line: 0,
        col: 0,
        anchors: HashMap::new(),
        depth: 0,
    };
    let value = p.quoted().ok()?;
    (p.line == 0 && s.starts_with(quote)).then_some((value, p.col))
}

/// The inside of a flow collection, read from its text with line breaks already folded.
struct Flow {
    chars: Vec<char>,
    pos: usize,
    depth: usize,
}

impl Flow {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(is_space) {
            self.pos += 1;
        }
    }

    fn node(&mut self) -> Result<Yaml, String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err("the document is nested too deeply".into());
        }
        self.skip_ws();
        let node = match self.peek() {
            Some('[') => self.collection(']'),
            Some('{') => self.collection('}'),
            _ => self.scalar().map(|s| s.map_or(Yaml::Null, Yaml::Str)),
        };
        self.depth -= 1;
        node
    }

    fn collection(&mut self, close: char) -> Result<Yaml, String> {
        self.pos += 1;
        let mut items = Vec::new();
        let mut entries = Vec::new();
        loop {
            self.skip_ws();
            if self.peek() == Some(close) {
                self.pos += 1;
                break;
            }
            let item = self.node()?;
            self.skip_ws();
            if self.peek() == Some(':') {
                self.pos += 1;
                let key = match item {
                    Yaml::Str(s) => s,
                    Yaml::Null => String::new(),
                    _ => return Err("a flow mapping key must be a scalar".into()),
                };
                let value = self.node()?;
                entries.push((key, value));
            } else if close == '}' {
                let key = item.as_str().unwrap_or_default().to_string();
                entries.push((key, Yaml::Null));
            } else {
                items.push(item);
            }
            self.skip_ws();
            match self.peek() {
                Some(',') => self.pos += 1,
                Some(c) if c == close => {}
                _ => return Err("expected `,` in a flow collection".into()),
            }
        }
        Ok(if close == '}' {
            Yaml::Map(entries)
        } else if entries.is_empty() {
            Yaml::Seq(items)
        } else {
            // `[a: b]` is a sequence of one-entry mappings.
            items.extend(entries.into_iter().map(|e| Yaml::Map(vec![e])));
            Yaml::Seq(items)
        })
    }

    /// A scalar inside a flow collection; `None` for an empty or null one.
    fn scalar(&mut self) -> Result<Option<String>, String> {
        self.skip_ws();
        if let Some(q @ ('"' | '\'')) = self.peek() {
            // Only the scalar's own characters are handed over (a long flow of many quoted
            // scalars stays linear): up to the closing quote, past escapes and `''`.
            let mut end = self.pos + 1;
            loop {
                match self.chars.get(end) {
                    None => return Err("a quoted scalar is not closed".into()),
                    Some('\\') if q == '"' => end += 2,
                    Some('\'') if q == '\'' && self.chars.get(end + 1) == Some(&'\'') => end += 2,
                    Some(&c) if c == q => break,
                    Some(_) => end += 1,
                }
            }
            let text: String = self.chars[self.pos..=end].iter().collect();
            let (value, _) = quoted_on_line(&text, q).ok_or("a quoted scalar is not closed")?;
            self.pos = end + 1;
            return Ok(Some(value));
        }
        let start = self.pos;
        while let Some(c) = self.peek() {
            let ends_key = c == ':'
                && self
                    .chars
                    .get(self.pos + 1)
                    .is_none_or(|&n| is_space(n) || matches!(n, ',' | ']' | '}'));
            if matches!(c, ',' | ']' | '}' | '[' | '{') || ends_key {
                break;
            }
            self.pos += 1;
        }
        let text: String = self.chars[start..self.pos].iter().collect();
        let text = text.trim_matches(is_space);
        Ok(match text {
            "" | "~" | "null" | "Null" | "NULL" => None,
            _ => Some(text.to_string()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> Yaml {
        Yaml::Str(x.into())
    }

    fn map(entries: &[(&str, Yaml)]) -> Yaml {
        Yaml::Map(
            entries
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )
    }

    #[test]
    fn gemspec_shapes_parse() {
        let doc = "--- !ruby/object:Gem::Specification
name: foo
version: !ruby/object:Gem::Version
  version: 1.0.0
authors:
- A B
- C
autorequire:
cert_chain: []
dependencies:
- !ruby/object:Gem::Dependency
  name: bar
  requirement: !ruby/object:Gem::Requirement
    requirements:
    - - \"~>\"
      - !ruby/object:Gem::Version
        version: '1.0'
    - - \">=\"
      - !ruby/object:Gem::Version
        version: 1.0.1
  type: :runtime
  prerelease: false
description: |-
  Line one
  Line two é

    indented
metadata:
  source_code_uri: https://github.com/x/foo
summary: 'A summary: with colon and ''quotes'' and a very long text that goes past
  eighty columns for sure yes'
test_files: []
";
        let y = parse(doc).unwrap();
        assert_eq!(y.get("name"), Some(&s("foo")));
        assert_eq!(y.get("version"), Some(&map(&[("version", s("1.0.0"))])));
        assert_eq!(y.get("authors"), Some(&Yaml::Seq(vec![s("A B"), s("C")])));
        assert_eq!(y.get("autorequire"), Some(&Yaml::Null));
        assert_eq!(y.get("cert_chain"), Some(&Yaml::Seq(vec![])));
        let dep = &y.get("dependencies").unwrap().items()[0];
        assert_eq!(dep.get("type"), Some(&s(":runtime")));
        let reqs = dep
            .get("requirement")
            .and_then(|r| r.get("requirements"))
            .unwrap()
            .items();
        assert_eq!(
            reqs[0],
            Yaml::Seq(vec![s("~>"), map(&[("version", s("1.0"))])])
        );
        assert_eq!(reqs[1].items()[1].get("version"), Some(&s("1.0.1")));
        assert_eq!(
            y.get("description"),
            Some(&s("Line one\nLine two é\n\n  indented"))
        );
        assert_eq!(
            y.get("summary"),
            Some(&s(
                "A summary: with colon and 'quotes' and a very long text that goes past eighty columns for sure yes"
            ))
        );
        assert_eq!(
            y.get("metadata").and_then(|m| m.get("source_code_uri")),
            Some(&s("https://github.com/x/foo"))
        );
    }

    #[test]
    fn scalars_fold_and_unescape() {
        let y = parse(
            "a: \"tab\\there \\u00e9\\x41 \\\"q\\\"
  next line\\
  \\ joined\"
b: plain text that
  wraps here

  and a paragraph # comment
c: >
  folded
  text

  para
   more
d: |+
  keep

e: '  spaced '
f: \"two

  lines\"
g: ~
h: \"\"
\"quoted key\": 1
",
        )
        .unwrap();
        assert_eq!(y.get("a"), Some(&s("tab\there éA \"q\" next line joined")));
        assert_eq!(
            y.get("b"),
            Some(&s("plain text that wraps here\nand a paragraph"))
        );
        assert_eq!(y.get("c"), Some(&s("folded text\npara\n more\n")));
        assert_eq!(y.get("d"), Some(&s("keep\n\n")));
        assert_eq!(y.get("e"), Some(&s("  spaced ")));
        assert_eq!(y.get("f"), Some(&s("two\nlines")));
        assert_eq!(y.get("g"), Some(&Yaml::Null));
        assert_eq!(y.get("h"), Some(&s("")));
        assert_eq!(y.get("quoted key"), Some(&s("1")));
    }

    #[test]
    fn flow_collections_anchors_and_aliases() {
        let y = parse(
            "a: [x, \"y, z\", [1, 2], {k: v}]
b: {}
c: &req
  - \">=\"
  - '0'
d: *req
e: {one: 1,
  two: [2]}
",
        )
        .unwrap();
        assert_eq!(
            y.get("a"),
            Some(&Yaml::Seq(vec![
                s("x"),
                s("y, z"),
                Yaml::Seq(vec![s("1"), s("2")]),
                map(&[("k", s("v"))]),
            ]))
        );
        assert_eq!(y.get("b"), Some(&Yaml::Map(vec![])));
        assert_eq!(y.get("c"), y.get("d"));
        assert_eq!(y.get("c"), Some(&Yaml::Seq(vec![s(">="), s("0")])));
        assert_eq!(
            y.get("e"),
            Some(&map(&[("one", s("1")), ("two", Yaml::Seq(vec![s("2")]))]))
        );
    }

    /// Psych (what `gem build` writes with) emits awkward strings at three nesting levels; each
    /// must read back exactly.
    #[test]
    fn what_psych_writes_reads_back() {
        let script = r##"
require "yaml"; require "json"
words = ("word " * 40).strip
strings = [words, "x" * 100, "Line one\nLine two\n", "a\n\n\nb", "  leading", "trailing  ",
  "tab\there", "ünïcödé ✓ 🎉 " * 9, "quote \" and ' mixed", "colon: inside", "hash # inside",
  "#start", "- dash", "[not a list]", "{not: map}", "true", "null", "~", "123", ":sym",
  "*alias", "&anchor", "!tag", "%percent", "@at", "`back", "|pipe", ">gt", "\r\ncrlf",
  "\x01control", "\u00a0nbsp", "é\"x " * 30, "multi\n  indented\nlines  \n",
  "ends with newlines\n\n", "", " ", "\n", "a  b   c " * 12, "long 'single' " * 12,
  "back\\slash " * 10, "a:b", "a :b", "- ", "-", "?", "? q", "key: value\nnext: line",
  "x\ty " * 20, "\\ \" \u2028 \u0085", "Ends with colon:", "#" * 90]
y = {"k" => strings.each_with_index.map { |s, i| ["k#{i}", s] }.to_h, "list" => strings,
     "nested" => {"deeper" => [{"s" => strings}]}}.to_yaml
puts JSON.generate({"yaml" => y, "strings" => strings})
"##;
        let out = super::super::ruby_marshal::run_ruby(&["-e", script], b"");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let text = v["yaml"].as_str().unwrap();
        let doc = parse(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        let strings: Vec<&str> = v["strings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        let list = doc.get("list").unwrap().items();
        let deeper = doc.get("nested").unwrap().get("deeper").unwrap().items()[0]
            .get("s")
            .unwrap()
            .items();
        assert_eq!(list.len(), strings.len());
        for (i, want) in strings.iter().enumerate() {
            let want = Yaml::Str(want.to_string());
            let by_key = doc.get("k").unwrap().get(&format!("k{i}")).unwrap();
            assert_eq!(by_key, &want, "k{i} in\n{text}");
            assert_eq!(&list[i], &want, "list[{i}] in\n{text}");
            assert_eq!(&deeper[i], &want, "deeper[{i}] in\n{text}");
        }
    }

    /// Uploads are hostile input: thousands of mutations of a real gemspec (bytes replaced,
    /// inserted or removed, biased towards YAML's indicators) each parse or fail, never panic
    /// or hang.
    #[test]
    fn mutated_gemspecs_never_panic() {
        let doc = "--- !ruby/object:Gem::Specification\nname: foo\nversion: !ruby/object:Gem::Version\n  version: 1.0.0\nauthors:\n- A\ndependencies:\n- !ruby/object:Gem::Dependency\n  name: bar\n  requirement: !ruby/object:Gem::Requirement\n    requirements:\n    - - \"~>\"\n      - !ruby/object:Gem::Version\n        version: '1.0'\ndescription: |-\n  a\n  b\nsummary: \"x\\ty\n  z\"\nmetadata: {a: [1, 'b']}\nx: &x 1\ny: *x\n";
        assert!(parse(doc).unwrap().get("y") == Some(&s("1")));
        let alphabet = b" \n-:'\"|>!&*#[]{},?\\\tab1\xc3\xa9";
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..5000 {
            let mut bytes = doc.as_bytes().to_vec();
            for _ in 0..1 + next(4) {
                let at = next(bytes.len() + 1);
                let c = alphabet[next(alphabet.len())];
                match next(3) {
                    0 if at < bytes.len() => bytes[at] = c,
                    1 if at < bytes.len() => {
                        bytes.remove(at);
                    }
                    _ => bytes.insert(at, c),
                }
            }
            let _ = parse(&String::from_utf8_lossy(&bytes));
        }
    }

    #[test]
    fn bad_documents_are_errors_not_panics() {
        let deep = format!("{}x", "- ".repeat(200));
        let deep_flow = format!("{}{}", "[".repeat(200), "]".repeat(200));
        for bad in [
            "a: \"open",
            "a: [1, 2",
            "a: *missing",
            "a: 1\n   b: 2",
            "a: x\n  b: c",
            "? complex\n: key",
            "a: \"\\q\"",
            "a: \"\\u12\"",
            "a: |x\n  t",
            "a: b\nc",
            &deep,
            &deep_flow,
            "a: [1] trailing",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} parsed");
        }
        // Odd but valid input parses without panicking.
        for odd in [
            "",
            "---",
            "--- x",
            "- \n-",
            "a:\n",
            "é: ü",
            "a:\tb",
            "a: '\u{10ffff}'",
        ] {
            parse(odd).unwrap_or_else(|e| panic!("{odd:?}: {e}"));
        }
        assert_eq!(parse("--- x").unwrap(), s("x"));
        // Large flows of quoted scalars parse in linear time.
        let many = format!("a: [{}\"z\"]", "'q''s', \"d\\\"q\", ".repeat(100_000));
        assert_eq!(
            parse(&many).unwrap().get("a").unwrap().items().len(),
            200_001
        );
        assert_eq!(
            parse("- \n-").unwrap(),
            Yaml::Seq(vec![Yaml::Null, Yaml::Null])
        );
    }
}
