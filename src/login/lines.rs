//! Line-level editing of line-oriented configuration files (npmrc, ini, properties, netrc, simple
//! YAML) that keeps every line login does not own, byte for byte.
//!
//! What login writes goes in a marked block:
//!
//! ```text
//! # BEGIN codeartifact login: registry (my-domain/my-repo)
//! # saved by codeartifact login: registry=https://registry.npmjs.org/
//! registry=https://my-domain-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/my-repo/
//! # END codeartifact login: registry
//! ```
//!
//! A setting of the user's that ours replaces is not lost but kept, commented, inside the block,
//! and the block takes its place. Removing a block puts those lines back, so a logout restores the
//! file exactly, and a second login (which first removes its own block) writes the same file
//! again instead of adding duplicates. The key after `BEGIN` names what the block sets, the
//! `(domain/repository)` which login wrote it, so logout can find its blocks without guessing.

use std::ops::Range;
use std::path::Path;

use crate::error::{Error, Result};

const BEGIN: &str = "BEGIN codeartifact login: ";
const END: &str = "END codeartifact login: ";
const SAVED: &str = "saved by codeartifact login: ";
const ADDED: &str = "added by codeartifact login";

/// The line-oriented syntaxes login edits: how lines group into entries, and what makes a file
/// unparseable (login refuses those, naming the line, rather than write into a file its tool
/// cannot read):
/// - npmrc: npm's `ini` reader skips any line it cannot read, so every text is a valid .npmrc;
/// - ini (pip.conf, .pypirc): what Python's `configparser.RawConfigParser` (strict, as pip and
///   twine use it) rejects: an option before any section, a line that is neither a section, an
///   option nor a continuation, an empty option name, a section or option given twice;
/// - properties (gradle.properties): what `java.util.Properties.load` rejects, a malformed
///   `\uXXXX` escape, and a last line that continues (`\`) onto nothing, which would swallow
///   whatever login appends;
/// - netrc: what Python's `netrc` module rejects (curl and SwiftPM read the same tokens): an
///   unknown keyword, a `machine` without a name, a `macdef` not ended by an empty line;
/// - yaml (.yarnrc.yml, .gemrc, Bundler's config): not checked beyond what the editor needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    Npmrc,
    Ini,
    Properties,
    Netrc,
    Yaml,
}

pub const NPMRC: Syntax = Syntax::Npmrc;
pub const INI: Syntax = Syntax::Ini;
pub const PROPERTIES: Syntax = Syntax::Properties;
pub const NETRC: Syntax = Syntax::Netrc;
pub const YAML: Syntax = Syntax::Yaml;

impl Syntax {
    /// The comment prefix written before markers.
    fn comment(self) -> &'static str {
        "#"
    }

    /// `[section]` headers (ini, npmrc).
    fn sections(self) -> bool {
        matches!(self, Syntax::Npmrc | Syntax::Ini)
    }

    /// Where the text stops being readable by the tool: the line number and why.
    fn check(self, text: &str) -> std::result::Result<(), (usize, String)> {
        match self {
            Syntax::Ini => check_ini(text),
            Syntax::Properties => check_properties(text),
            Syntax::Netrc => check_netrc(text),
            Syntax::Yaml => check_yaml_root(text),
            Syntax::Npmrc => Ok(()),
        }
    }
}

/// A marked block found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockInfo {
    pub key: String,
    pub owner: String,
}

pub struct LineFile {
    lines: Vec<String>,
    eol: &'static str,
    /// Whether the text ends with a line ending (kept as it was, so logout restores the bytes).
    final_eol: bool,
    syntax: Syntax,
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

impl LineFile {
    /// Reads `text` (the file at `path`, `None` if it does not exist), refusing a text the tool
    /// itself could not read (see [`Syntax`]).
    pub fn parse(text: Option<&str>, syntax: Syntax, path: &Path) -> Result<Self> {
        let text = text.unwrap_or("");
        syntax.check(text).map_err(|(line, why)| {
            Error::other(format!(
                "cannot parse {} (line {line}: {why}); it was left as it was",
                path.display()
            ))
        })?;
        // A file whose every line ends with CRLF is written with CRLF; in any other file a `\r`
        // stays part of its line, so mixed endings come back byte for byte.
        let crlf =
            text.contains('\n') && text.matches('\n').count() == text.matches("\r\n").count();
        let eol = if crlf { "\r\n" } else { "\n" };
        let mut lines: Vec<String> = text
            .split('\n')
            .map(|l| {
                if crlf {
                    l.strip_suffix('\r').unwrap_or(l)
                } else {
                    l
                }
                .to_string()
            })
            .collect();
        // `split` yields one empty piece after a final newline (and for an empty text).
        let final_eol = text.is_empty() || text.ends_with('\n');
        if final_eol {
            lines.pop();
        }
        Ok(LineFile {
            lines,
            eol,
            final_eol,
            syntax,
        })
    }

    /// The text, lines joined by the file's line ending, ending as the file did.
    pub fn render(&self) -> String {
        let mut s = self.lines.join(self.eol);
        if self.final_eol && !self.lines.is_empty() {
            s.push_str(self.eol);
        }
        s
    }

    pub fn is_blank(&self) -> bool {
        self.lines.iter().all(|l| l.trim().is_empty())
    }

    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    fn marker(&self, line: &str, which: &str) -> Option<String> {
        line.trim()
            .strip_prefix(self.syntax.comment())?
            .trim_start()
            .strip_prefix(which)
            .map(str::to_string)
    }

    fn parse_begin(&self, line: &str) -> Option<BlockInfo> {
        let rest = self.marker(line, BEGIN)?;
        let (key, owner) = match rest.rfind(" (") {
            Some(i) if rest.ends_with(')') => (&rest[..i], &rest[i + 2..rest.len() - 1]),
            _ => (rest.as_str(), ""),
        };
        Some(BlockInfo {
            key: key.to_string(),
            owner: owner.to_string(),
        })
    }

    /// The blocks in the file, with their line ranges (BEGIN to END inclusive).
    fn block_ranges(&self) -> Result<Vec<(BlockInfo, Range<usize>)>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.lines.len() {
            if let Some(info) = self.parse_begin(&self.lines[i]) {
                let end = (i + 1..self.lines.len())
                    .find(|&j| self.marker(&self.lines[j], END).is_some_and(|k| k.trim_end() == info.key))
                    .ok_or_else(|| {
                        Error::other(format!(
                            "the block `{}` written by codeartifact login has no END line (was it edited by hand?)",
                            info.key
                        ))
                    })?;
                out.push((info, i..end + 1));
                i = end + 1;
            } else {
                i += 1;
            }
        }
        Ok(out)
    }

    #[cfg(test)]
    pub fn blocks(&self) -> Result<Vec<BlockInfo>> {
        Ok(self.block_ranges()?.into_iter().map(|(b, _)| b).collect())
    }

    /// Removes the blocks `pred` selects, putting back the lines they saved. Returns how many.
    pub fn remove_blocks(&mut self, pred: impl Fn(&BlockInfo) -> bool) -> Result<usize> {
        let blocks = self.block_ranges()?;
        let mut n = 0;
        for (info, range) in blocks.into_iter().rev() {
            if !pred(&info) {
                continue;
            }
            let saved: Vec<String> = self.lines[range.clone()]
                .iter()
                .filter_map(|l| self.saved_line(l))
                .collect();
            self.lines.splice(range, saved);
            n += 1;
        }
        Ok(n)
    }

    fn saved_line(&self, line: &str) -> Option<String> {
        // The saved text starts right after the marker: keep its own indentation.
        let t = line.trim_start();
        let rest = t.strip_prefix(self.syntax.comment())?;
        let rest = rest.strip_prefix(' ').unwrap_or(rest);
        rest.strip_prefix(SAVED).map(str::to_string)
    }

    fn in_block(&self, blocks: &[(BlockInfo, Range<usize>)], i: usize) -> bool {
        blocks.iter().any(|(_, r)| r.contains(&i))
    }

    fn is_header(&self, line: &str) -> bool {
        self.syntax.sections() && line.trim_start().starts_with('[')
    }

    /// Lines before the first `[section]` header: npmrc's top-level settings.
    pub fn top(&self) -> Range<usize> {
        let end = (0..self.lines.len())
            .find(|&i| self.is_header(&self.lines[i]))
            .unwrap_or(self.lines.len());
        0..end
    }

    /// The whole file.
    pub fn all(&self) -> Range<usize> {
        0..self.lines.len()
    }

    /// The body of `[name]` (after its header, up to the next header), if the section exists.
    /// An ini header is read as configparser reads it: from `[` to the last `]`, spaces kept.
    pub fn section(&self, name: &str) -> Option<Range<usize>> {
        let start = self.lines.iter().position(|l| {
            let t = l.trim();
            match self.syntax {
                Syntax::Ini => ini_section(t) == Some(name),
                _ => t.starts_with('[') && t.ends_with(']') && t[1..t.len() - 1].trim() == name,
            }
        })? + 1;
        let end = (start..self.lines.len())
            .find(|&i| self.is_header(&self.lines[i]))
            .unwrap_or(self.lines.len());
        Some(start..end)
    }

    /// The children of a top-level YAML key (`key:` at column 0), and their indentation.
    pub fn yaml_children(&self, key: &str) -> Result<Option<(Range<usize>, String)>> {
        let Some(pos) = self
            .lines
            .iter()
            .position(|l| yaml_key(l).is_some_and(|k| k == key) && indent_of(l) == 0)
        else {
            return Ok(None);
        };
        let rest = self.lines[pos].trim_end()[key.len()..]
            .trim_start_matches(['"', '\''])
            .trim_start();
        let rest = rest.strip_prefix(':').unwrap_or(rest).trim();
        if !rest.is_empty() && !rest.starts_with('#') {
            return Err(Error::other(format!(
                "`{key}` (line {}) is written inline; write it as a block mapping so login can add to it",
                pos + 1
            )));
        }
        let mut end = pos + 1;
        let mut indent = None;
        for i in pos + 1..self.lines.len() {
            let l = &self.lines[i];
            if l.trim().is_empty() {
                continue;
            }
            let lead = indent_of(l);
            if lead == 0 && !l.trim_start().starts_with('-') {
                break;
            }
            if indent.is_none() && !l.trim_start().starts_with(self.syntax.comment()) {
                indent = Some(l[..lead].to_string());
            }
            end = i + 1;
        }
        Ok(Some((
            pos + 1..end,
            indent.unwrap_or_else(|| "  ".to_string()),
        )))
    }

    /// [`LineFile::yaml_children`] of a key whose value must be a list (`list`) or a mapping:
    /// login adds `- item` or `name:` entries to it, which would not parse in the other.
    pub fn yaml_collection(&self, key: &str, list: bool) -> Result<Option<(Range<usize>, String)>> {
        let Some((range, indent)) = self.yaml_children(key)? else {
            return Ok(None);
        };
        let blocks = self.block_ranges()?;
        for i in range.clone() {
            let l = &self.lines[i];
            let t = l.trim_start();
            if t.is_empty()
                || t.starts_with('#')
                || self.in_block(&blocks, i)
                || indent_of(l) > indent.len()
            {
                continue;
            }
            if t.starts_with('-') != list {
                let what = if list { "a list" } else { "a mapping" };
                return Err(Error::other(format!(
                    "`{key}` holds something other than {what} (line {}); login cannot add to it",
                    i + 1
                )));
            }
        }
        Ok(Some((range, indent)))
    }

    /// Whether the line before `at` is a `macdef` line or part of its body (which runs to the
    /// first empty line).
    fn in_macdef(&self, at: usize) -> bool {
        let mut inside = false;
        for l in &self.lines[..at] {
            if inside {
                inside = !l.trim_end_matches('\r').is_empty();
            } else {
                inside = l.split_whitespace().next() == Some("macdef");
            }
        }
        inside
    }

    /// The end of an entry starting at `i`: its continuation lines (or a section's body).
    fn entry_end(&self, i: usize, limit: usize) -> usize {
        let line = &self.lines[i];
        if self.is_header(line) {
            return (i + 1..self.lines.len())
                .find(|&j| self.is_header(&self.lines[j]))
                .unwrap_or(self.lines.len());
        }
        let ignorable = |l: &str| {
            let t = l.trim();
            t.is_empty() || t.starts_with('#') || t.starts_with(';')
        };
        let mut end = i + 1;
        match self.syntax {
            // A value goes on over deeper-indented lines, across blank and comment lines
            // (configparser's empty_lines_in_values).
            Syntax::Ini | Syntax::Yaml => {
                let base = indent_of(line);
                for j in i + 1..limit {
                    let l = &self.lines[j];
                    if self.syntax == Syntax::Ini && ignorable(l) {
                        continue;
                    }
                    if l.trim().is_empty() || indent_of(l) <= base {
                        break;
                    }
                    end = j + 1;
                }
            }
            // `machine` takes every follower token up to the next top-level keyword.
            Syntax::Netrc => {
                for j in i + 1..limit {
                    let l = &self.lines[j];
                    let first = l.split_whitespace().next().unwrap_or("");
                    if matches!(first, "machine" | "default" | "macdef") {
                        break;
                    }
                    if !ignorable(l) {
                        end = j + 1;
                    }
                }
            }
            // A logical line goes on while a line ends with an odd number of backslashes.
            Syntax::Properties => {
                while end < limit && continues(&self.lines[end - 1]) {
                    end += 1;
                }
            }
            Syntax::Npmrc => {}
        }
        end
    }

    /// Writes a block keyed `key` into `range`: each entry in `range` that `conflicts` selects
    /// (by its first line) is saved, commented, in a block of its own where it stands, and the
    /// first of those blocks holds `body`; with no conflict the block comes after the last
    /// non-blank line of `range`. Call `remove_blocks` for the same key first.
    pub fn insert_block(
        &mut self,
        key: &str,
        owner: &str,
        range: Range<usize>,
        indent: &str,
        conflicts: impl Fn(&str) -> bool,
        body: &[String],
    ) -> Result<()> {
        let blocks = self.block_ranges()?;
        let mut entries: Vec<Range<usize>> = Vec::new();
        let mut i = range.start;
        while i < range.end {
            let t = self.lines[i].trim_start();
            if blocks.iter().any(|(_, r)| r.contains(&i))
                || t.is_empty()
                || t.starts_with('#')
                || t.starts_with(';')
            {
                i += 1;
                continue;
            }
            if conflicts(&self.lines[i]) {
                // An entry (a whole section) ends where a block of ours begins.
                let e = self.entry_end(i, range.end);
                let e = blocks
                    .iter()
                    .map(|(_, r)| r.start)
                    .filter(|&b| b > i && b < e)
                    .min()
                    .unwrap_or(e);
                entries.push(i..e);
                i = e;
            } else {
                i += 1;
            }
        }
        let c = self.syntax.comment();
        let block = |saved: &[String], body: &[String]| {
            let mut b = vec![format!("{indent}{c} {BEGIN}{key} ({owner})")];
            b.extend(saved.iter().map(|l| format!("{indent}{c} {SAVED}{l}")));
            b.extend(body.iter().map(|l| format!("{indent}{l}")));
            b.push(format!("{indent}{c} {END}{key}"));
            b
        };
        if entries.is_empty() {
            // After the last non-blank line; in .netrc, after the empty line that ends a macdef
            // whose body that line is.
            let mut at = range.end;
            while at > range.start && self.lines[at - 1].trim().is_empty() {
                at -= 1;
            }
            if self.syntax == Syntax::Netrc && self.in_macdef(at) {
                at = (at..range.end)
                    .find(|&j| self.lines[j].trim().is_empty())
                    .map_or(range.end, |j| j + 1);
            }
            self.lines.splice(at..at, block(&[], body));
            return Ok(());
        }
        // Every conflicting entry is saved where it stands (a reader that takes the last, or
        // the first, of a repeated key finds only ours), so removing the blocks puts each back
        // in its place; ours goes in the first one. From the last, so earlier indexes hold.
        for (n, r) in entries.iter().enumerate().rev() {
            let saved = self.lines[r.clone()].to_vec();
            let b = block(&saved, if n == 0 { body } else { &[] });
            self.lines.splice(r.clone(), b);
        }
        Ok(())
    }

    /// Makes sure a top-level YAML mapping `key:` exists for blocks to go in. One login adds is
    /// marked, so [`LineFile::remove_added_yaml_keys`] can take it away once it is empty again.
    pub fn ensure_yaml_key(&mut self, key: &str) -> Result<()> {
        if self.yaml_children(key)?.is_none() {
            let mut at = self.lines.len();
            while at > 0 && self.lines[at - 1].trim().is_empty() {
                at -= 1;
            }
            self.lines
                .insert(at, format!("{key}: {} {ADDED}", self.syntax.comment()));
        }
        Ok(())
    }

    /// Removes the top-level keys [`LineFile::ensure_yaml_key`] added that have no children left.
    pub fn remove_added_yaml_keys(&mut self) -> Result<()> {
        let mut i = 0;
        while i < self.lines.len() {
            let l = &self.lines[i];
            let added = indent_of(l) == 0
                && l.trim_end()
                    .ends_with(&format!("{} {ADDED}", self.syntax.comment()));
            if added && let Some(key) = yaml_key(l).map(str::to_string) {
                let (range, _) = self
                    .yaml_children(&key)?
                    .unwrap_or((i + 1..i + 1, String::new()));
                if self.lines[range.clone()]
                    .iter()
                    .all(|l| l.trim().is_empty())
                {
                    self.lines.remove(i);
                    continue;
                }
            }
            i += 1;
        }
        Ok(())
    }
}

/// A properties line that continues on the next (ends with an odd number of backslashes);
/// comment lines never continue.
fn continues(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with('#') || t.starts_with('!') {
        return false;
    }
    let t = line.strip_suffix('\r').unwrap_or(line);
    (t.len() - t.trim_end_matches('\\').len()) % 2 == 1
}

/// configparser's section header: `[` then the text up to the last `]` (at least one
/// character), spaces kept; what follows the `]` is ignored.
fn ini_section(stripped: &str) -> Option<&str> {
    let rest = stripped.strip_prefix('[')?;
    let close = rest.rfind(']')?;
    (close > 0).then(|| &rest[..close])
}

/// Login adds top-level keys at column 0: the file's top level must be a block mapping there
/// (or nothing yet), not an indented mapping, a list or a flow collection.
fn check_yaml_root(text: &str) -> std::result::Result<(), (usize, String)> {
    for (n, line) in text.split('\n').enumerate() {
        let t = line.trim_end_matches('\r');
        let s = t.trim_start();
        if s.is_empty() || s.starts_with('#') || t.starts_with("---") || t.starts_with('%') {
            continue;
        }
        if t.starts_with([' ', '\t']) || s.starts_with(['-', '[', '{']) {
            return Err((
                n + 1,
                "the top level is not a mapping of `key: value` lines at the start of the line"
                    .to_string(),
            ));
        }
        return Ok(());
    }
    Ok(())
}

/// Python's `str.isspace`, which `str.strip` and configparser's `\s` use.
fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// Python's universal newlines: the lines `open()` yields (`\n`, `\r\n` and `\r` end a line).
fn universal_lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        match rest.find(['\n', '\r']) {
            Some(i) => {
                out.push(&rest[..i]);
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[i + skip..];
            }
            None => {
                out.push(rest);
                rest = "";
            }
        }
    }
    out
}

/// `RawConfigParser().read_string(text)` (strict, `#`/`;` full-line comments, `=`/`:`
/// delimiters, empty lines allowed in values), as pip and twine read their files.
fn check_ini(text: &str) -> std::result::Result<(), (usize, String)> {
    let mut section: Option<String> = None;
    let mut seen_sections: Vec<String> = Vec::new();
    let mut seen_options: std::collections::HashSet<(String, String)> = Default::default();
    let mut in_option = false;
    let mut indent_level = 0usize;
    for (n, line) in universal_lines(text).into_iter().enumerate() {
        let lineno = n + 1;
        let value = line.trim_matches(py_space);
        if value.is_empty() || value.starts_with('#') || value.starts_with(';') {
            continue;
        }
        let indent = line.chars().take_while(|c| py_space(*c)).count();
        if section.is_some() && in_option && indent > indent_level {
            continue;
        }
        indent_level = indent;
        if let Some(name) = ini_section(value) {
            if name != "DEFAULT" {
                if seen_sections.iter().any(|s| s == name) {
                    return Err((lineno, format!("section [{name}] appears twice")));
                }
                seen_sections.push(name.to_string());
            }
            section = Some(name.to_string());
            in_option = false;
            continue;
        }
        let Some(sect) = &section else {
            return Err((lineno, "a setting before any [section] header".to_string()));
        };
        let Some(d) = value.find(['=', ':']) else {
            return Err((
                lineno,
                "neither a [section] header, a `key = value` setting nor a continuation"
                    .to_string(),
            ));
        };
        let option = value[..d].trim_end_matches(py_space).to_lowercase();
        if option.is_empty() {
            return Err((lineno, "a setting without a name".to_string()));
        }
        if !seen_options.insert((sect.clone(), option.clone())) {
            return Err((lineno, format!("`{option}` is set twice in [{sect}]")));
        }
        in_option = true;
    }
    Ok(())
}

/// `java.util.Properties.load`: only a malformed `\uXXXX` escape fails it. A last line that
/// continues onto nothing is refused too: what login appends would become part of its value.
fn check_properties(text: &str) -> std::result::Result<(), (usize, String)> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut continued = false;
    for (n, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        let comment = !continued && (t.starts_with('#') || t.starts_with('!'));
        if !comment {
            let mut chars = line.chars();
            while let Some(c) = chars.next() {
                if c == '\\' && chars.next() == Some('u') {
                    let hex: String = chars.clone().take(4).collect();
                    if hex.len() != 4 || !hex.chars().all(|h| h.is_ascii_hexdigit()) {
                        return Err((n + 1, "malformed \\uXXXX escape".to_string()));
                    }
                }
            }
        }
        continued = !comment && continues(line);
        if continued && lines[n + 1..].iter().all(|l| l.trim().is_empty()) {
            return Err((
                n + 1,
                "the last line ends with `\\`, continuing onto nothing".to_string(),
            ));
        }
    }
    Ok(())
}

/// Python's `netrc` module, token for token, except comments: a `#` word that starts a line
/// comments out the whole line, as curl and SwiftPM read it (Python 3.11 would read the rest of
/// a comment line that follows a blank line inside an entry as keywords).
fn check_netrc(text: &str) -> std::result::Result<(), (usize, String)> {
    // Python reads it in text mode: universal newlines.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut lex = NetrcLexer {
        chars: text.chars().collect(),
        pos: 0,
        lineno: 1,
        pushback: None,
        word_started_line: false,
    };
    loop {
        let saved = lex.lineno;
        let tt = lex.token();
        if tt.is_empty() {
            return Ok(());
        }
        if tt.starts_with('#') {
            lex.skip_comment(saved);
            continue;
        }
        match tt.as_str() {
            "machine" => {
                if lex.token().is_empty() {
                    return Err((lex.lineno, "`machine` without a host name".to_string()));
                }
            }
            "default" => {}
            "macdef" => {
                lex.token();
                loop {
                    let line = lex.read_line();
                    if line.is_empty() {
                        return Err((
                            lex.lineno,
                            "a macdef not ended by an empty line".to_string(),
                        ));
                    }
                    if line == "\n" {
                        break;
                    }
                }
                continue;
            }
            other => {
                return Err((
                    lex.lineno,
                    format!("unknown keyword `{}`", first_chars(other)),
                ));
            }
        }
        loop {
            let prev = lex.lineno;
            let tt = lex.token();
            if tt.starts_with('#') {
                lex.skip_comment(prev);
                continue;
            }
            match tt.as_str() {
                "" | "machine" | "default" | "macdef" => {
                    lex.pushback = Some(tt);
                    break;
                }
                "login" | "user" | "account" | "password" => {
                    lex.token();
                }
                other => {
                    return Err((
                        lex.lineno,
                        format!("unknown keyword `{}`", first_chars(other)),
                    ));
                }
            }
        }
    }
}

/// The start of an unknown word for a message (it could be a password that lost its keyword:
/// never more than a few characters of it).
fn first_chars(word: &str) -> String {
    let head: String = word.chars().take(3).collect();
    if head.len() < word.len() {
        format!("{head}...")
    } else {
        head
    }
}

struct NetrcLexer {
    chars: Vec<char>,
    pos: usize,
    lineno: usize,
    pushback: Option<String>,
    /// The last word read was the first on its line.
    word_started_line: bool,
}

impl NetrcLexer {
    fn read_char(&mut self) -> Option<char> {
        let c = *self.chars.get(self.pos)?;
        self.pos += 1;
        if c == '\n' {
            self.lineno += 1;
        }
        Some(c)
    }

    /// `_netrclex.get_token`: whitespace-separated words, `"quoted"`, `\` escapes.
    fn token(&mut self) -> String {
        if let Some(t) = self.pushback.take() {
            return t;
        }
        let mut token = String::new();
        while let Some(c) = self.read_char() {
            if "\n\t\r ".contains(c) {
                continue;
            }
            self.word_started_line = self.chars[..self.pos - 1]
                .iter()
                .rev()
                .take_while(|c| **c != '\n')
                .all(|c| *c == ' ' || *c == '\t');
            if c == '"' {
                while let Some(c) = self.read_char() {
                    match c {
                        '"' => return token,
                        '\\' => token.extend(self.read_char()),
                        c => token.push(c),
                    }
                }
                return token;
            }
            match c {
                '\\' => token.extend(self.read_char()),
                c => token.push(c),
            }
            while let Some(c) = self.read_char() {
                match c {
                    c if "\n\t\r ".contains(c) => return token,
                    '\\' => token.extend(self.read_char()),
                    c => token.push(c),
                }
            }
            return token;
        }
        token
    }

    /// `readline()` on the underlying file: the rest of the line, with its newline.
    fn read_line(&mut self) -> String {
        let mut line = String::new();
        while let Some(c) = self.chars.get(self.pos).copied() {
            self.pos += 1;
            line.push(c);
            if c == '\n' {
                // readline() does not go through the lexer's line count.
                break;
            }
        }
        line
    }

    /// After a `#` word: the rest of its line is a comment when the word started the line (or,
    /// as Python has it, when it is still on the line where the previous word ended).
    fn skip_comment(&mut self, prev_lineno: usize) {
        let ended_line = self.pos > 0 && self.chars.get(self.pos - 1) == Some(&'\n');
        if ended_line {
            return;
        }
        if self.lineno == prev_lineno || self.word_started_line {
            self.read_line();
        }
    }
}

/// The key of a `key: value` YAML line (quotes removed), if it is one.
pub fn yaml_key(line: &str) -> Option<&str> {
    let t = line.trim_start();
    if t.starts_with('#') || t.starts_with('-') {
        return None;
    }
    if let Some(q) = t.strip_prefix('"') {
        let e = q.find('"')?;
        return q[e + 1..].trim_start().starts_with(':').then(|| &q[..e]);
    }
    if let Some(q) = t.strip_prefix('\'') {
        let e = q.find('\'')?;
        return q[e + 1..].trim_start().starts_with(':').then(|| &q[..e]);
    }
    // Ruby symbols (`:sources:` in .gemrc) start with the separator itself.
    let start = usize::from(t.starts_with(':'));
    let i = t[start..].find(':')? + start;
    Some(t[..i].trim_end())
}

/// The key of an npmrc `key=value` line (keys hold `:`, as in `@scope:registry`).
pub fn npmrc_key(line: &str) -> Option<&str> {
    let t = line.trim_start();
    Some(t[..t.find('=')?].trim_end())
}

/// The key of a `key=value` / `key = value` / `key: value` ini line, lower-cased as configparser
/// compares keys (`Index-URL` is `index-url`).
pub fn ini_key(line: &str) -> Option<String> {
    let t = line.trim_start();
    let i = t.find(['=', ':'])?;
    Some(t[..i].trim_end().to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn block_replaces_conflicting_line_in_place_and_removal_restores_it() {
        let orig = "; mine\nfoo=1\nregistry=https://old/\nbar=2\n";
        let mut f = LineFile::parse(Some(orig), NPMRC, Path::new("f")).unwrap();
        let r = f.top();
        f.insert_block(
            "registry",
            "d/r",
            r,
            "",
            |l| npmrc_key(l) == Some("registry"),
            &v(&["registry=https://new/"]),
        )
        .unwrap();
        assert_eq!(
            f.render(),
            "; mine\nfoo=1\n# BEGIN codeartifact login: registry (d/r)\n# saved by codeartifact login: \
             registry=https://old/\nregistry=https://new/\n# END codeartifact login: registry\nbar=2\n"
        );
        assert_eq!(
            f.blocks().unwrap(),
            vec![BlockInfo {
                key: "registry".into(),
                owner: "d/r".into()
            }]
        );
        f.remove_blocks(|b| b.key == "registry").unwrap();
        assert_eq!(f.render(), orig);
    }

    #[test]
    fn ini_continuation_lines_are_saved_with_their_entry() {
        let orig = "[global]\nextra-index-url =\n    https://a/\n    https://b/\ntimeout = 5\n\n[install]\nx = 1\n";
        let mut f = LineFile::parse(Some(orig), INI, Path::new("f")).unwrap();
        let r = f.section("global").unwrap();
        f.insert_block(
            "k",
            "o",
            r,
            "",
            |l| ini_key(l).as_deref() == Some("extra-index-url"),
            &v(&["extra-index-url = z"]),
        )
        .unwrap();
        let out = f.render();
        assert!(
            out.contains("# saved by codeartifact login:     https://b/\nextra-index-url = z\n"),
            "{out}"
        );
        assert!(out.contains("timeout = 5\n\n[install]"), "{out}");
        f.remove_blocks(|_| true).unwrap();
        assert_eq!(f.render(), orig);
    }

    #[test]
    fn new_block_goes_after_the_last_setting_of_the_range() {
        let mut f = LineFile::parse(Some("a=1\n\n[sec]\nb=2\n"), NPMRC, Path::new("f")).unwrap();
        let r = f.top();
        f.insert_block("k", "o", r, "", |_| false, &v(&["x=1"]))
            .unwrap();
        assert_eq!(
            f.render(),
            "a=1\n# BEGIN codeartifact login: k (o)\nx=1\n# END codeartifact login: k\n\n[sec]\nb=2\n"
        );
    }

    #[test]
    fn crlf_files_keep_crlf() {
        let mut f = LineFile::parse(Some("a=1\r\n"), NPMRC, Path::new("f")).unwrap();
        let r = f.top();
        f.insert_block("k", "o", r, "", |_| false, &v(&["x=1"]))
            .unwrap();
        assert!(f.render().starts_with("a=1\r\n# BEGIN") && f.render().ends_with("k\r\n"));
    }

    #[test]
    fn unterminated_block_is_an_error() {
        let f = LineFile::parse(
            Some("# BEGIN codeartifact login: k (o)\nx=1\n"),
            NPMRC,
            Path::new("f"),
        )
        .unwrap();
        assert!(f.blocks().is_err());
    }

    #[test]
    fn yaml_children_and_inline_mapping() {
        let f = LineFile::parse(
            Some("a: 1\nnpmScopes:\n    one:\n        x: 1\nb: 2\n"),
            YAML,
            Path::new("f"),
        )
        .unwrap();
        let (r, indent) = f.yaml_children("npmScopes").unwrap().unwrap();
        assert_eq!((r, indent.as_str()), (2..4, "    "));
        let f = LineFile::parse(Some("npmScopes: {}\n"), YAML, Path::new("f")).unwrap();
        assert!(f.yaml_children("npmScopes").is_err());
        assert_eq!(yaml_key("  \"//h/p/\": x"), Some("//h/p/"));
        assert_eq!(yaml_key("npmAuthToken: x"), Some("npmAuthToken"));
        assert_eq!(yaml_key(":sources:"), Some(":sources"));
    }

    #[test]
    fn files_without_a_final_newline_or_with_mixed_endings_come_back_byte_for_byte() {
        for orig in [
            "a=1",
            "a=1\r\nb=2\n",
            "a=1\r\nb=2",
            "a=1\rb=2\n",
            "",
            "\n\n",
        ] {
            let mut f = LineFile::parse(Some(orig), NPMRC, Path::new("f")).unwrap();
            let r = f.top();
            f.insert_block("k", "o", r, "", |_| false, &v(&["x=1"]))
                .unwrap();
            f.remove_blocks(|_| true).unwrap();
            assert_eq!(f.render(), orig, "{orig:?}");
        }
    }

    #[test]
    fn ini_files_configparser_rejects_are_refused_with_their_line() {
        let bad = [
            ("[global\nindex-url = x\n", 1, "before any [section]"),
            ("index-url = x\n[global]\n", 1, "before any [section]"),
            ("[global]\nnot a setting\n", 2, "neither"),
            ("[global]\n= x\n", 2, "without a name"),
            ("[a]\nx=1\n[a]\n", 3, "twice"),
            ("[a]\nX = 1\nx: 2\n", 3, "set twice"),
        ];
        for (text, line, why) in bad {
            let err = LineFile::parse(Some(text), INI, Path::new("f"))
                .err()
                .unwrap()
                .to_string();
            assert!(
                err.contains(&format!("line {line}: ")) && err.contains(why),
                "{text:?}: {err}"
            );
        }
        for ok in [
            "# c\n; c\n\n[global]\nindex-url =\n  a\n\n  b\n[DEFAULT]\nx=1\n[DEFAULT]\n",
            "  [global]\n  timeout = 5\n",
            "[a]\nx=1\n  [not a header: a continuation]\n",
        ] {
            assert!(
                LineFile::parse(Some(ok), INI, Path::new("f")).is_ok(),
                "{ok:?}"
            );
        }
    }

    #[test]
    fn netrc_and_properties_files_their_readers_reject_are_refused() {
        for bad in [
            "machine\n",
            "machine h login\nfoo bar\n",
            "macdef m\nline\n",
            "bogus\n",
        ] {
            assert!(
                LineFile::parse(Some(bad), NETRC, Path::new("f")).is_err(),
                "{bad:?}"
            );
        }
        for ok in [
            "# c\nmachine h login l password p\ndefault\n",
            "macdef m\nx\n\nmachine h\n",
        ] {
            assert!(
                LineFile::parse(Some(ok), NETRC, Path::new("f")).is_ok(),
                "{ok:?}"
            );
        }
        for bad in ["a=\\u12\n", "a=\\uZZZZ\n", "a=b\\\n"] {
            assert!(
                LineFile::parse(Some(bad), PROPERTIES, Path::new("f")).is_err(),
                "{bad:?}"
            );
        }
        for ok in ["a=\\u0041\n# \\u\n", "a=b\\\n  c\n", "a=\\\\u\n"] {
            assert!(
                LineFile::parse(Some(ok), PROPERTIES, Path::new("f")).is_ok(),
                "{ok:?}"
            );
        }
    }

    #[test]
    fn a_netrc_entry_keeps_its_follower_lines_and_a_macdef_keeps_its_end() {
        let orig = "machine h\n  login me\n  password old\n\nmachine other\n";
        let mut f = LineFile::parse(Some(orig), NETRC, Path::new("f")).unwrap();
        let r = f.all();
        f.insert_block(
            "k",
            "o",
            r,
            "",
            |l| l.starts_with("machine h"),
            &v(&["machine h password new"]),
        )
        .unwrap();
        assert!(!f.render().contains("\n  login me"), "{}", f.render());
        f.remove_blocks(|_| true).unwrap();
        assert_eq!(f.render(), orig);
        let orig = "macdef m\nx\n\n";
        let mut f = LineFile::parse(Some(orig), NETRC, Path::new("f")).unwrap();
        let r = f.all();
        f.insert_block("k", "o", r, "", |_| false, &v(&["machine h"]))
            .unwrap();
        assert!(LineFile::parse(Some(&f.render()), NETRC, Path::new("f")).is_ok());
        assert!(
            f.render().starts_with("macdef m\nx\n\n# BEGIN"),
            "{}",
            f.render()
        );
    }
}
