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

use crate::error::{Error, Result};

const BEGIN: &str = "BEGIN codeartifact login: ";
const END: &str = "END codeartifact login: ";
const SAVED: &str = "saved by codeartifact login: ";
const ADDED: &str = "added by codeartifact login";

/// How a file's lines group into entries.
#[derive(Clone, Copy, Debug)]
pub struct Syntax {
    /// The comment prefix written before markers.
    pub comment: &'static str,
    /// `[section]` headers (ini, npmrc).
    pub sections: bool,
    /// Lines indented deeper than an entry's first line belong to it (ini continuations, YAML).
    pub nested: bool,
}

pub const NPMRC: Syntax = Syntax {
    comment: "#",
    sections: true,
    nested: false,
};
pub const INI: Syntax = Syntax {
    comment: "#",
    sections: true,
    nested: true,
};
pub const PROPERTIES: Syntax = Syntax {
    comment: "#",
    sections: false,
    nested: false,
};
pub const NETRC: Syntax = Syntax {
    comment: "#",
    sections: false,
    nested: false,
};
pub const YAML: Syntax = Syntax {
    comment: "#",
    sections: false,
    nested: true,
};

/// A marked block found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockInfo {
    pub key: String,
    pub owner: String,
}

pub struct LineFile {
    lines: Vec<String>,
    eol: &'static str,
    syntax: Syntax,
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

impl LineFile {
    pub fn parse(text: Option<&str>, syntax: Syntax) -> Self {
        let text = text.unwrap_or("");
        let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let mut lines: Vec<String> = text
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string())
            .collect();
        // `split` yields one empty piece after a final newline (and for an empty text).
        if lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        LineFile { lines, eol, syntax }
    }

    /// The text, every line ended by the file's line ending (a file without a final newline gets
    /// one: every tool reading these files accepts it).
    pub fn render(&self) -> String {
        let mut s = String::new();
        for l in &self.lines {
            s.push_str(l);
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
        line.trim_start()
            .strip_prefix(self.syntax.comment)?
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
        let rest = t.strip_prefix(self.syntax.comment)?;
        let rest = rest.strip_prefix(' ').unwrap_or(rest);
        rest.strip_prefix(SAVED).map(str::to_string)
    }

    fn is_header(&self, line: &str) -> bool {
        self.syntax.sections && line.trim_start().starts_with('[')
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
    pub fn section(&self, name: &str) -> Option<Range<usize>> {
        let start = self.lines.iter().position(|l| {
            let t = l.trim();
            t.starts_with('[') && t.ends_with(']') && t[1..t.len() - 1].trim() == name
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
            if indent.is_none() && !l.trim_start().starts_with(self.syntax.comment) {
                indent = Some(l[..lead].to_string());
            }
            end = i + 1;
        }
        Ok(Some((
            pos + 1..end,
            indent.unwrap_or_else(|| "  ".to_string()),
        )))
    }

    /// The end of an entry starting at `i`: its continuation lines (or a section's body).
    fn entry_end(&self, i: usize, limit: usize) -> usize {
        let line = &self.lines[i];
        if self.is_header(line) {
            return (i + 1..self.lines.len())
                .find(|&j| self.is_header(&self.lines[j]))
                .unwrap_or(self.lines.len());
        }
        if !self.syntax.nested {
            return i + 1;
        }
        let base = indent_of(line);
        let mut end = i + 1;
        while end < limit {
            let l = &self.lines[end];
            if l.trim().is_empty() || indent_of(l) <= base {
                break;
            }
            end += 1;
        }
        end
    }

    /// Writes a block keyed `key` into `range`: the entries in `range` that `conflicts` selects
    /// (by their first line) move into the block, saved, and the block takes the place of
    /// the first of them, or comes after the last non-blank line of `range`. Call
    /// `remove_blocks` for the same key first.
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
        let mut saved: Vec<String> = Vec::new();
        let mut at: Option<usize> = None;
        let mut i = range.start;
        let mut end = range.end;
        while i < end {
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
                let e = self.entry_end(i, end);
                saved.extend(self.lines.drain(i..e));
                end -= e - i;
                at.get_or_insert(i);
            } else {
                i += 1;
            }
        }
        let at = at.unwrap_or_else(|| {
            let mut j = end;
            while j > range.start && self.lines[j - 1].trim().is_empty() {
                j -= 1;
            }
            j
        });
        let c = self.syntax.comment;
        let mut block = vec![format!("{indent}{c} {BEGIN}{key} ({owner})")];
        block.extend(saved.iter().map(|l| format!("{indent}{c} {SAVED}{l}")));
        block.extend(body.iter().map(|l| format!("{indent}{l}")));
        block.push(format!("{indent}{c} {END}{key}"));
        self.lines.splice(at..at, block);
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
                .insert(at, format!("{key}: {} {ADDED}", self.syntax.comment));
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
                    .ends_with(&format!("{} {ADDED}", self.syntax.comment));
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

/// The key of a `key=value` / `key = value` / `key: value` ini line.
pub fn ini_key(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let i = t.find(['=', ':'])?;
    Some(t[..i].trim_end())
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
        let mut f = LineFile::parse(Some(orig), NPMRC);
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
        let mut f = LineFile::parse(Some(orig), INI);
        let r = f.section("global").unwrap();
        f.insert_block(
            "k",
            "o",
            r,
            "",
            |l| ini_key(l) == Some("extra-index-url"),
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
        let mut f = LineFile::parse(Some("a=1\n\n[sec]\nb=2\n"), NPMRC);
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
        let mut f = LineFile::parse(Some("a=1\r\n"), NPMRC);
        let r = f.top();
        f.insert_block("k", "o", r, "", |_| false, &v(&["x=1"]))
            .unwrap();
        assert!(f.render().starts_with("a=1\r\n# BEGIN") && f.render().ends_with("k\r\n"));
    }

    #[test]
    fn unterminated_block_is_an_error() {
        let f = LineFile::parse(Some("# BEGIN codeartifact login: k (o)\nx=1\n"), NPMRC);
        assert!(f.blocks().is_err());
    }

    #[test]
    fn yaml_children_and_inline_mapping() {
        let f = LineFile::parse(
            Some("a: 1\nnpmScopes:\n    one:\n        x: 1\nb: 2\n"),
            YAML,
        );
        let (r, indent) = f.yaml_children("npmScopes").unwrap().unwrap();
        assert_eq!((r, indent.as_str()), (2..4, "    "));
        let f = LineFile::parse(Some("npmScopes: {}\n"), YAML);
        assert!(f.yaml_children("npmScopes").is_err());
        assert_eq!(yaml_key("  \"//h/p/\": x"), Some("//h/p/"));
        assert_eq!(yaml_key("npmAuthToken: x"), Some("npmAuthToken"));
        assert_eq!(yaml_key(":sources:"), Some(":sources"));
    }
}
