//! `--output table`: the AWS CLI's layout rules, drawn with comfy-table.
//!
//! Sections are built exactly as awscli/formatter.py's TableFormatter builds them (a title per
//! section, the operation name first; scalar keys of an object become a header row and a value
//! row, sorted; nested objects and lists become sub-sections indented one level deeper). The
//! drawing is ours: one box per section, the title on top, fitted to the terminal width.

use std::io::{self, Write};

use comfy_table::{
    Attribute, Cell, CellAlignment, Color as TColor, ContentArrangement, Table, presets,
};
use serde_json::{Map, Value};
use unicode_width::UnicodeWidthStr;

use super::{Color, py, stdout};

#[derive(Default)]
struct Section {
    title: Option<String>,
    indent: usize,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

#[derive(Default)]
struct Builder {
    sections: Vec<Section>,
}

fn is_scalar(v: &Value) -> bool {
    !matches!(v, Value::Array(_) | Value::Object(_))
}

/// Python truthiness, which decides whether a value gets a section at all.
fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null | Value::Bool(false) => true,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(m) => m.is_empty(),
        Value::Bool(true) => false,
    }
}

impl Builder {
    fn current(&mut self) -> &mut Section {
        if self.sections.is_empty() {
            self.sections.push(Section::default());
        }
        let last = self.sections.len() - 1;
        &mut self.sections[last]
    }

    fn new_section(&mut self, title: &str, indent: usize) {
        self.sections.push(Section {
            title: Some(title.to_string()),
            indent,
            ..Section::default()
        });
    }

    fn build(&mut self, title: Option<&str>, current: &Value, indent: usize) -> bool {
        if is_empty(current) {
            return false;
        }
        if let Some(t) = title {
            self.new_section(t, indent);
        }
        match current {
            Value::Array(items) => {
                if items[0].is_object() {
                    self.sub_table_from_list(items, indent, title);
                } else {
                    for item in items {
                        match item {
                            Value::Array(inner) if inner.iter().all(is_scalar) => {
                                self.current()
                                    .rows
                                    .push(inner.iter().map(py::str_of).collect());
                            }
                            v if is_scalar(v) => self.current().rows.push(vec![py::str_of(v)]),
                            other => {
                                self.build(None, other, indent);
                            }
                        }
                    }
                }
            }
            Value::Object(m) => self.sub_table_from_dict(m, indent),
            scalar => self.current().rows.push(vec![py::str_of(scalar)]),
        }
        true
    }

    fn sub_table_from_dict(&mut self, m: &Map<String, Value>, indent: usize) {
        let (headers, more) = group_keys(m.iter());
        if headers.len() == 1 {
            // A single scalar: a key/value row rather than a one-column table.
            let k = headers[0];
            self.current()
                .rows
                .push(vec![k.to_string(), py::str_of(&m[k])]);
        } else if !headers.is_empty() {
            let row = headers.iter().map(|k| py::str_of(&m[*k])).collect();
            let s = self.current();
            s.headers = headers.iter().map(|h| h.to_string()).collect();
            s.rows.push(row);
        }
        for k in more {
            self.build(Some(k), &m[k], indent + 1);
        }
    }

    fn sub_table_from_list(&mut self, items: &[Value], indent: usize, title: Option<&str>) {
        let mut headers: Vec<&str> = Vec::new();
        let mut more: Vec<&str> = Vec::new();
        for item in items.iter().filter_map(Value::as_object) {
            let (h, m) = group_keys(item.iter());
            headers.extend(h);
            more.extend(m);
        }
        headers.sort_unstable();
        headers.dedup();
        more.sort_unstable();
        more.dedup();
        self.current().headers = headers.iter().map(|h| h.to_string()).collect();
        for (i, element) in items.iter().enumerate() {
            let Some(obj) = element.as_object() else {
                continue;
            };
            if i > 0 && !more.is_empty() {
                self.new_section(title.unwrap_or(""), indent);
                self.current().headers = headers.iter().map(|h| h.to_string()).collect();
            }
            let row = headers
                .iter()
                .map(|h| obj.get(*h).map(py::str_of).unwrap_or_default())
                .collect();
            self.current().rows.push(row);
            for k in &more {
                if let Some(v) = obj.get(*k) {
                    self.build(Some(k), v, indent + 1);
                }
            }
        }
    }
}

/// Splits an object's keys into those holding scalars and the rest, both sorted.
fn group_keys<'a>(
    entries: impl Iterator<Item = (&'a String, &'a Value)>,
) -> (Vec<&'a str>, Vec<&'a str>) {
    let (mut headers, mut more) = (Vec::new(), Vec::new());
    for (k, v) in entries {
        if is_scalar(v) {
            headers.push(k.as_str());
        } else {
            more.push(k.as_str());
        }
    }
    headers.sort_unstable();
    more.sort_unstable();
    (headers, more)
}

fn use_color(color: Color) -> bool {
    match color {
        Color::On => true,
        Color::Off => false,
        Color::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && stdout::is_terminal()
        }
    }
}

/// The width to fit: `COLUMNS` if set, else the terminal's when stdout is one, else unbounded.
fn terminal_width() -> Option<usize> {
    if let Some(c) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<usize>().ok())
    {
        return Some(c);
    }
    if stdout::is_terminal() {
        Table::new().width().map(usize::from)
    } else {
        None
    }
}

fn new_table(color: bool) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::ASCII_FULL_CONDENSED);
    if color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    t
}

fn clamp(w: usize) -> u16 {
    u16::try_from(w).unwrap_or(u16::MAX)
}

pub fn write_table(
    out: &mut dyn Write,
    operation: &str,
    v: &Value,
    color: Color,
) -> io::Result<()> {
    let mut b = Builder::default();
    if !b.build(Some(operation), v, 0) {
        return Ok(());
    }
    let color = use_color(color);
    let term = terminal_width();
    for s in &b.sections {
        let pad = " ".repeat(s.indent * 2);
        let avail = term.map(|t| t.saturating_sub(pad.len()).max(20));
        let mut data = None;
        if !s.rows.is_empty() {
            let mut t = new_table(color);
            if !s.headers.is_empty() {
                let header: Vec<Cell> = s
                    .headers
                    .iter()
                    .map(|h| {
                        let c = Cell::new(h).set_alignment(CellAlignment::Center);
                        if color {
                            c.add_attribute(Attribute::Bold)
                        } else {
                            c
                        }
                    })
                    .collect();
                t.set_header(header);
            }
            for r in &s.rows {
                t.add_row(r.iter().map(|x| {
                    let c = Cell::new(x);
                    if color {
                        c.fg(TColor::Blue).add_attribute(Attribute::Bold)
                    } else {
                        c
                    }
                }));
            }
            data = Some(t);
        }
        // Natural width of the data, widened to hold the title, narrowed to the terminal.
        let natural = data.as_ref().map_or(0, |t| {
            let w = t.column_max_content_widths();
            // Content plus one space of padding each side and a border per column, plus one.
            w.iter().map(|x| usize::from(*x) + 3).sum::<usize>() + 1
        });
        let title_w = s.title.as_ref().map_or(0, |t| t.width() + 4);
        let mut width = natural.max(title_w);
        if let Some(a) = avail {
            width = width.min(a);
        }
        if let Some(title) = &s.title {
            let mut t = new_table(color);
            let cell = Cell::new(title).set_alignment(CellAlignment::Center);
            t.add_row(vec![if color {
                cell.add_attribute(Attribute::Bold)
            } else {
                cell
            }]);
            t.set_content_arrangement(ContentArrangement::DynamicFullWidth)
                .set_width(clamp(width));
            let lines: Vec<String> = t.lines().collect();
            // With data below, the title box's bottom border is dropped: the data's top border
            // closes it.
            let keep = if data.is_some() {
                lines.len().saturating_sub(1)
            } else {
                lines.len()
            };
            for l in &lines[..keep] {
                writeln!(out, "{pad}{l}")?;
            }
        }
        if let Some(mut t) = data {
            if width > natural || avail.is_some_and(|a| natural > a) {
                t.set_content_arrangement(ContentArrangement::DynamicFullWidth)
                    .set_width(clamp(width));
            }
            for l in t.lines() {
                writeln!(out, "{pad}{l}")?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn render(v: &Value) -> String {
        let mut out = Vec::new();
        write_table(&mut out, "ListDomains", v, Color::Off).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn sections_follow_the_aws_cli_layout() {
        let v = json!({"domains": [
            {"name": "d1", "owner": "111", "status": "Active", "tags": [{"k": "a", "v": "b"}]},
            {"name": "d2", "owner": "222", "status": "Deleted"}
        ]});
        let text = render(&v);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[1].contains("ListDomains"), "{text}");
        assert!(text.contains("domains"), "{text}");
        // Scalar keys become sorted headers; each element with nested values gets its own section.
        let header = lines.iter().find(|l| l.contains("owner")).unwrap();
        assert!(header.find("name").unwrap() < header.find("owner").unwrap());
        assert!(
            text.contains("d1") && text.contains("Deleted") && text.contains("  |"),
            "{text}"
        );
        // Every line of a section has the same width.
        let widths: Vec<usize> = lines[..3].iter().map(|l| l.width()).collect();
        assert!(widths.windows(2).all(|w| w[0] == w[1]), "{text}");
    }

    #[test]
    fn empty_results_print_nothing() {
        assert_eq!(render(&json!({})), "");
        assert_eq!(render(&json!([])), "");
    }

    #[test]
    fn no_escape_codes_when_color_is_off() {
        assert!(!render(&json!({"a": "x", "b": true})).contains('\u{1b}'));
        let mut out = Vec::new();
        write_table(&mut out, "X", &json!({"a": "x", "b": 1}), Color::On).unwrap();
        assert!(String::from_utf8(out).unwrap().contains('\u{1b}'));
    }
}
