//! `--output yaml` and `yaml-stream` as AWS CLI v2 prints them.
//!
//! AWS CLI v2 dumps with ruamel.yaml (`YAML(typ='safe')`, `default_flow_style = False`), whose
//! safe dumper runs libyaml's emitter (ruamel.yaml.clib, which v2 bundles) behind ruamel's
//! representer and YAML 1.2 resolver. That fixes the style reproduced here: mapping keys
//! sorted, block collections with sequences not indented under their key, empty collections as
//! `{}`/`[]`, strings plain unless a plain scalar would read back as something else (`'123'`,
//! `'true'`, `'2026-11-26T06:26:41+00:00'`) or the text needs quoting, then single quotes,
//! then double quotes with escapes for what libyaml cannot print; long lines folded at column
//! 80, and `...` after a plain scalar document. No YAML crate reproduces libyaml's choices, so
//! this is a port of the parts of its emitter that block-style output uses.

use std::io::{self, Write};
use std::sync::OnceLock;

use regex::Regex;
use serde_json::Value;

use super::py;

const BEST_WIDTH: usize = 80;
const BEST_INDENT: i64 = 2;

/// `yaml.dump(value)` for `--output yaml`.
pub fn write_yaml(out: &mut dyn Write, v: &Value) -> io::Result<()> {
    let mut e = Emitter::new(out);
    e.document(Root::Value(v))
}

/// One item of `--output yaml-stream`: v2 dumps each response (page) as a one-element list.
pub fn write_yaml_stream_item(out: &mut dyn Write, v: &Value) -> io::Result<()> {
    let mut e = Emitter::new(out);
    e.document(Root::Items(std::slice::from_ref(v)))
}

/// The scalar styles libyaml chooses between.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Single,
    Double,
}

/// libyaml's `yaml_emitter_analyze_scalar` results that block output needs.
struct Analysis {
    multiline: bool,
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
}

fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// libyaml's IS_PRINTABLE: characters it writes as they are (everything else is escaped).
fn is_printable(c: char) -> bool {
    matches!(c, '\n' | ' '..='~' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}')
        && c != '\u{feff}'
}

fn is_blank_or_end(c: Option<char>) -> bool {
    matches!(
        c,
        None | Some(' ' | '\t' | '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
    )
}

fn analyze(s: &str) -> Analysis {
    if s.is_empty() {
        return Analysis {
            multiline: false,
            block_plain_allowed: true,
            single_quoted_allowed: true,
        };
    }
    let chars: Vec<char> = s.chars().collect();
    let mut block_indicators = s.starts_with("---") || s.starts_with("...");
    let (mut line_breaks, mut special) = (false, false);
    let (mut leading_space, mut leading_break, mut trailing_space, mut trailing_break) =
        (false, false, false, false);
    let (mut break_space, mut space_break) = (false, false);
    let (mut previous_space, mut previous_break) = (false, false);
    let mut preceded_by_whitespace = true;
    for (i, &c) in chars.iter().enumerate() {
        let followed_by_whitespace = is_blank_or_end(chars.get(i + 1).copied());
        if i == 0 {
            if "#,[]{}&*!|>'\"%@`".contains(c) {
                block_indicators = true;
            }
            if (c == '?' || c == ':' || c == '-') && followed_by_whitespace {
                block_indicators = true;
            }
        } else {
            if c == ':' && followed_by_whitespace {
                block_indicators = true;
            }
            if c == '#' && preceded_by_whitespace {
                block_indicators = true;
            }
        }
        if !is_printable(c) {
            special = true;
        }
        if is_break(c) {
            line_breaks = true;
        }
        if c == ' ' {
            if i == 0 {
                leading_space = true;
            }
            if i == chars.len() - 1 {
                trailing_space = true;
            }
            if previous_break {
                break_space = true;
            }
            previous_space = true;
            previous_break = false;
        } else if is_break(c) {
            if i == 0 {
                leading_break = true;
            }
            if i == chars.len() - 1 {
                trailing_break = true;
            }
            if previous_space {
                space_break = true;
            }
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = is_blank_or_end(Some(c)) || c == '\0';
    }
    let mut block_plain = true;
    let mut single = true;
    if leading_space || leading_break || trailing_space || trailing_break {
        block_plain = false;
    }
    if space_break || special || break_space {
        block_plain = false;
        single = false;
    }
    if line_breaks || block_indicators {
        block_plain = false;
    }
    Analysis {
        multiline: line_breaks,
        block_plain_allowed: block_plain,
        single_quoted_allowed: single,
    }
}

/// Whether ruamel's YAML 1.2 resolver reads `s`, written plain, as a string. If not, the
/// representer's `plain_implicit` is false and libyaml quotes it.
fn resolves_to_str(s: &str) -> bool {
    static RES: OnceLock<Vec<Regex>> = OnceLock::new();
    let res = RES.get_or_init(|| {
        [
            r"^(?:true|True|TRUE|false|False|FALSE)$",
            r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
            r"^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$",
            r"^(?:<<)$",
            r"^(?:~|null|Null|NULL|)$",
            r"^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$",
            r"^(?:=)$",
            r"^(?:!|&|\*)$",
        ]
        .iter()
        .map(|r| Regex::new(r).expect("resolver patterns are valid"))
        .collect()
    });
    !res.iter().any(|r| r.is_match(s))
}

/// The emitter's write position, as libyaml tracks it: line breaks and indentation are
/// decided from these flags.
struct Emitter<'w> {
    out: &'w mut dyn Write,
    column: usize,
    whitespace: bool,
    indention: bool,
    indent: i64,
    indents: Vec<i64>,
    open_ended: bool,
}

impl<'w> Emitter<'w> {
    fn new(out: &'w mut dyn Write) -> Self {
        Emitter {
            out,
            column: 0,
            whitespace: true,
            indention: true,
            indent: -1,
            indents: Vec::new(),
            open_ended: false,
        }
    }

    /// One document: `root` is a value, or (for yaml-stream) the items of a list, passed as a
    /// slice so that a page need not be copied into a list to be printed as one.
    fn document(&mut self, root: Root<'_>) -> io::Result<()> {
        let ctx = Ctx {
            root: true,
            mapping: false,
            simple_key: false,
        };
        match root {
            Root::Value(v) => self.node(v, ctx)?,
            Root::Items(items) => self.sequence(items, ctx)?,
        }
        // Document end: a final line break, and `...` after an open-ended plain scalar.
        if self.open_ended {
            self.write_indent()?;
            self.put("...")?;
        }
        self.write_indent()?;
        Ok(())
    }

    fn put(&mut self, s: &str) -> io::Result<()> {
        self.column += s.chars().count();
        self.out.write_all(s.as_bytes())
    }

    fn put_break(&mut self) -> io::Result<()> {
        self.column = 0;
        self.out.write_all(b"\n")
    }

    fn write_indent(&mut self) -> io::Result<()> {
        let indent = self.indent.max(0) as usize;
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break()?;
        }
        while self.column < indent {
            self.put(" ")?;
        }
        self.whitespace = true;
        self.indention = true;
        Ok(())
    }

    fn write_indicator(
        &mut self,
        ind: &str,
        need_whitespace: bool,
        is_whitespace: bool,
        is_indention: bool,
    ) -> io::Result<()> {
        if need_whitespace && !self.whitespace {
            self.put(" ")?;
        }
        self.put(ind)?;
        self.whitespace = is_whitespace;
        self.indention = self.indention && is_indention;
        self.open_ended = false;
        Ok(())
    }

    fn increase_indent(&mut self, flow: bool, indentless: bool) {
        self.indents.push(self.indent);
        if self.indent < 0 {
            self.indent = if flow { BEST_INDENT } else { 0 };
        } else if !indentless {
            self.indent += BEST_INDENT;
        }
    }

    fn pop_indent(&mut self) {
        self.indent = self.indents.pop().unwrap_or(-1);
    }

    fn sequence(&mut self, items: &[Value], ctx: Ctx) -> io::Result<()> {
        if items.is_empty() {
            return self.empty_flow("[", "]");
        }
        self.increase_indent(false, ctx.mapping && !self.indention);
        for item in items {
            self.write_indent()?;
            self.write_indicator("-", true, false, true)?;
            self.node(
                item,
                Ctx {
                    root: false,
                    mapping: false,
                    simple_key: false,
                },
            )?;
        }
        self.pop_indent();
        Ok(())
    }

    fn node(&mut self, v: &Value, ctx: Ctx) -> io::Result<()> {
        match v {
            Value::Object(m) if m.is_empty() => self.empty_flow("{", "}"),
            Value::Array(a) => self.sequence(a, ctx),
            Value::Object(m) => {
                self.increase_indent(false, false);
                // ruamel's representer sorts the keys of plain dicts.
                let mut entries: Vec<(&String, &Value)> = m.iter().collect();
                entries.sort_by(|a, b| a.0.cmp(b.0));
                for (k, item) in entries {
                    self.write_indent()?;
                    if is_simple_key(k) {
                        self.scalar(
                            k,
                            resolves_to_str(k),
                            Ctx {
                                root: false,
                                mapping: true,
                                simple_key: true,
                            },
                        )?;
                        self.write_indicator(":", false, false, false)?;
                    } else {
                        self.write_indicator("?", true, false, true)?;
                        self.scalar(
                            k,
                            resolves_to_str(k),
                            Ctx {
                                root: false,
                                mapping: true,
                                simple_key: false,
                            },
                        )?;
                        self.write_indent()?;
                        self.write_indicator(":", true, false, true)?;
                    }
                    self.node(
                        item,
                        Ctx {
                            root: false,
                            mapping: true,
                            simple_key: false,
                        },
                    )?;
                }
                self.pop_indent();
                Ok(())
            }
            Value::String(s) => self.scalar(s, resolves_to_str(s), ctx),
            Value::Null => self.scalar("null", true, ctx),
            Value::Bool(b) => self.scalar(if *b { "true" } else { "false" }, true, ctx),
            Value::Number(n) => self.scalar(&py::number(n), true, ctx),
        }
    }

    fn empty_flow(&mut self, open: &str, close: &str) -> io::Result<()> {
        self.write_indicator(open, true, true, false)?;
        self.write_indicator(close, false, false, false)
    }

    /// A scalar; `plain_implicit` says whether it may be written plain (strings that would
    /// read back as another type may not; null, booleans and numbers are meant to).
    fn scalar(&mut self, s: &str, plain_implicit: bool, ctx: Ctx) -> io::Result<()> {
        let a = analyze(s);
        let mut style = Style::Plain;
        if !a.block_plain_allowed || (s.is_empty() && ctx.simple_key) || !plain_implicit {
            style = Style::Single;
        }
        if style == Style::Single && !a.single_quoted_allowed {
            style = Style::Double;
        }
        self.increase_indent(true, false);
        let breaks = !ctx.simple_key;
        match style {
            Style::Plain => self.write_plain(s, breaks)?,
            Style::Single => self.write_single(s, breaks)?,
            Style::Double => self.write_double(s, breaks)?,
        }
        if style == Style::Plain && ctx.root {
            self.open_ended = true;
        }
        self.pop_indent();
        Ok(())
    }

    fn write_plain(&mut self, s: &str, allow_breaks: bool) -> io::Result<()> {
        if !self.whitespace && !s.is_empty() {
            self.put(" ")?;
        }
        let chars: Vec<char> = s.chars().collect();
        let mut spaces = false;
        let mut buf = [0u8; 4];
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && chars.get(i + 1) != Some(&' ')
                {
                    self.write_indent()?;
                } else {
                    self.put(" ")?;
                }
                spaces = true;
            } else {
                self.put(c.encode_utf8(&mut buf))?;
                self.indention = false;
                spaces = false;
            }
        }
        self.whitespace = false;
        self.indention = false;
        Ok(())
    }

    fn write_single(&mut self, s: &str, allow_breaks: bool) -> io::Result<()> {
        self.write_indicator("'", true, false, false)?;
        let chars: Vec<char> = s.chars().collect();
        let (mut spaces, mut breaks) = (false, false);
        let mut buf = [0u8; 4];
        for (i, &c) in chars.iter().enumerate() {
            if c == ' ' {
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && i != 0
                    && i != chars.len() - 1
                    && chars.get(i + 1) != Some(&' ')
                {
                    self.write_indent()?;
                } else {
                    self.put(" ")?;
                }
                spaces = true;
            } else if is_break(c) {
                if !breaks && c == '\n' {
                    self.put_break()?;
                }
                if c == '\n' {
                    self.put_break()?;
                } else {
                    self.out.write_all(c.encode_utf8(&mut buf).as_bytes())?;
                    self.column = 0;
                }
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent()?;
                }
                if c == '\'' {
                    self.put("'")?;
                }
                self.put(c.encode_utf8(&mut buf))?;
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        if breaks {
            self.write_indent()?;
        }
        self.write_indicator("'", false, false, false)?;
        self.whitespace = false;
        self.indention = false;
        Ok(())
    }

    fn write_double(&mut self, s: &str, allow_breaks: bool) -> io::Result<()> {
        self.write_indicator("\"", true, false, false)?;
        let chars: Vec<char> = s.chars().collect();
        let mut spaces = false;
        let mut buf = [0u8; 4];
        for (i, &c) in chars.iter().enumerate() {
            if !is_printable(c) || c == '\u{feff}' || is_break(c) || c == '"' || c == '\\' {
                let esc = match c {
                    '\0' => "\\0".to_string(),
                    '\u{7}' => "\\a".into(),
                    '\u{8}' => "\\b".into(),
                    '\t' => "\\t".into(),
                    '\n' => "\\n".into(),
                    '\u{b}' => "\\v".into(),
                    '\u{c}' => "\\f".into(),
                    '\r' => "\\r".into(),
                    '\u{1b}' => "\\e".into(),
                    '"' => "\\\"".into(),
                    '\\' => "\\\\".into(),
                    '\u{85}' => "\\N".into(),
                    '\u{a0}' => "\\_".into(),
                    '\u{2028}' => "\\L".into(),
                    '\u{2029}' => "\\P".into(),
                    c if (c as u32) <= 0xff => format!("\\x{:02X}", c as u32),
                    c if (c as u32) <= 0xffff => format!("\\u{:04X}", c as u32),
                    c => format!("\\U{:08X}", c as u32),
                };
                self.put(&esc)?;
                spaces = false;
            } else if c == ' ' {
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && i != 0
                    && i != chars.len() - 1
                {
                    self.write_indent()?;
                    if chars.get(i + 1) == Some(&' ') {
                        self.put("\\")?;
                    }
                } else {
                    self.put(" ")?;
                }
                spaces = true;
            } else {
                self.put(c.encode_utf8(&mut buf))?;
                spaces = false;
            }
        }
        self.write_indicator("\"", false, false, false)?;
        self.whitespace = false;
        self.indention = false;
        Ok(())
    }
}

enum Root<'a> {
    Value(&'a Value),
    Items(&'a [Value]),
}

#[derive(Clone, Copy)]
struct Ctx {
    root: bool,
    mapping: bool,
    simple_key: bool,
}

/// libyaml's `check_simple_key` for a scalar key: single-line and at most 128 bytes.
fn is_simple_key(k: &str) -> bool {
    k.len() <= 128 && !analyze(k).multiline
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn y(v: &Value) -> String {
        let mut out = Vec::new();
        write_yaml(&mut out, v).unwrap();
        String::from_utf8(out).unwrap()
    }

    // Expected texts produced by ruamel.yaml 0.17.21 + ruamel.yaml.clib 0.2.8 (AWS CLI v2's
    // pins): YAML(typ='safe'), default_flow_style=False.
    #[test]
    fn matches_ruamel_safe_dump() {
        assert_eq!(y(&json!({"b": 1, "a": 2})), "a: 2\nb: 1\n");
        assert_eq!(y(&json!("foo")), "foo\n...\n");
        assert_eq!(y(&json!("")), "''\n");
        assert_eq!(y(&json!(null)), "null\n...\n");
        assert_eq!(y(&json!(1e16)), "1e+16\n...\n");
        assert_eq!(y(&json!([])), "[]\n");
        assert_eq!(y(&json!({"k": [], "m": {}})), "k: []\nm: {}\n");
        assert_eq!(
            y(&json!({"l": [{"a": 1, "b": [1, 2]}, [1, [2]]]})),
            "l:\n- a: 1\n  b:\n  - 1\n  - 2\n- - 1\n  - - 2\n"
        );
        let tricky = json!({"x": "yes", "z": "0o17", "w": "1_000", "t": "2026-11-26T06:26:41.123000+00:00",
            "n": "null", "c": "1:20", "e": "a: b", "h": "#x", "q": "a #b", "tab": "a\tb", "nl": "a\nb",
            "u": "é😀", "ctl": "\u{1}", "sp": " x"});
        assert_eq!(
            y(&tricky),
            "c: 1:20\nctl: \"\\x01\"\ne: 'a: b'\nh: '#x'\nn: 'null'\nnl: 'a\n\n  b'\nq: 'a #b'\nsp: ' x'\nt: '2026-11-26T06:26:41.123000+00:00'\ntab: \"a\\tb\"\nu: \"é\\U0001F600\"\nw: '1_000'\nx: yes\nz: '0o17'\n"
        );
        let long = "word ".repeat(30);
        assert_eq!(
            y(&json!({ "long": long })),
            "long: 'word word word word word word word word word word word word word word word\n  word word word word word word word word word word word word word word word '\n"
        );
        assert_eq!(
            y(&json!({ "long": format!("{} {}", "x".repeat(100), "y".repeat(10)) })),
            format!("long: {}\n  yyyyyyyyyy\n", "x".repeat(100))
        );
        assert_eq!(
            y(&json!({"d": format!("ab\\\"c\u{1}{}", " word".repeat(20))})),
            "d: \"ab\\\\\\\"c\\x01 word word word word word word word word word word word word word word\n  word word word word word word\"\n"
        );
        assert_eq!(
            y(&json!({"k".repeat(130): 1})),
            format!("? {}\n: 1\n", "k".repeat(130))
        );
        assert_eq!(y(&json!({"a\nb": 1})), "? 'a\n\n  b'\n: 1\n");
        assert_eq!(
            y(&json!([
                "- x", "-x", "? x", ":x", "x:", "a,b", "[x]", "x #y", "x#y", "@x", "%x", "---x",
                "..."
            ])),
            "- '- x'\n- -x\n- '? x'\n- :x\n- 'x:'\n- a,b\n- '[x]'\n- 'x #y'\n- x#y\n- '@x'\n- '%x'\n- '---x'\n- '...'\n"
        );
        assert_eq!(y(&json!({"k": ["it's", "'q"]})), "k:\n- it's\n- '''q'\n");
        assert_eq!(y(&json!("x\u{85}y")), "\"x\\Ny\"\n");
        assert_eq!(y(&json!("\u{feff}x")), "\"\\uFEFFx\"\n");
    }

    #[test]
    fn keys_that_read_as_numbers_are_quoted() {
        assert_eq!(
            y(&json!({"2.0": {"s": "A"}, "1.0": 1, "x": {}})),
            "'1.0': 1\n'2.0':\n  s: A\nx: {}\n"
        );
    }

    #[test]
    fn stream_items_are_one_element_lists() {
        let mut out = Vec::new();
        write_yaml_stream_item(&mut out, &json!({"domains": [{"name": "d"}]})).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "- domains:\n  - name: d\n");
    }
}
