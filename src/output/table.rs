//! `--output table`: AWS CLI v1's tables, and the same tables fitted to a terminal.
//!
//! The sections are built exactly as awscli/formatter.py's TableFormatter builds them (a title
//! per section, the operation name first; an object's scalar keys become a header row and a
//! value row, sorted; nested objects and lists become sections indented one level deeper, drawn
//! inside `|` margins).
//!
//! Off a terminal (a pipe, a file) the drawing is byte-for-byte AWS CLI v1's table.py
//! `MultiTable` at its fallback width of 80 columns: sections over 80 columns with a single row
//! are turned vertical (key | value), then every section is scaled to the widest one; cells are
//! measured as Python measures them (east_asian_width.rs). Scripts and the oracle tests compare
//! that output byte for byte.
//!
//! On a terminal the width is COLUMNS, else the terminal's. Where the AWS CLI's layout fits, it
//! is drawn as it is. Where it does not, the AWS CLI lets lines run past the edge, and the
//! terminal wraps them wherever the edge falls, through ARNs and timestamps. Instead:
//! 1. single-row sections turn vertical, as the AWS CLI does;
//! 2. each column gets at least its longest word (identifiers, ARNs, numbers and timestamps hold
//!    no spaces, so they are never broken) and the rest of the width in proportion to what its
//!    longer cells need; free text wraps at spaces within its cell;
//! 3. a section whose columns cannot fit so is drawn as key | value pairs, one block per row, or
//!    when even a key and its value's longest word do not fit side by side, each value on the
//!    lines below its key;
//! 4. a single word wider than the terminal stays whole: that line runs past the edge.

use std::io::{self, Write};

use serde_json::{Map, Value};
use unicode_width::UnicodeWidthStr;

use super::{Color, east_asian_width, py, stdout};

/// The width table.py falls back to when stdout is not a terminal (`determine_terminal_width`).
const AWS_CLI_WIDTH: usize = 80;

#[derive(Default, Clone)]
struct Section {
    /// `None` for the untitled sections a nested list of objects starts (Python's `None`).
    title: Option<String>,
    indent: usize,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    /// table.py's `_num_cols`: set by the first header or row; every row must have it.
    num_cols: Option<usize>,
    /// How many columns table.py's `_max_widths` tracks (set by the first non-empty row).
    width_cols: usize,
}

/// A layout failure with the message the AWS CLI prints for it.
type Built<T> = Result<T, String>;

/// The refusal of a list whose first entry is an object and another is not (see
/// `sub_table_from_list`).
pub(super) const MIXED_LIST: &str =
    "a table cannot show a list that mixes objects with other values";

impl Section {
    fn add_header(&mut self, headers: Vec<String>) -> Built<()> {
        self.track_widths(headers.len())?;
        self.num_cols.get_or_insert(headers.len());
        self.headers = headers;
        Ok(())
    }

    fn add_row(&mut self, row: Vec<String>) -> Built<()> {
        let n = *self.num_cols.get_or_insert(row.len());
        if row.len() != n {
            return Err(format!(
                "Row should have {n} elements, instead it has {}",
                row.len()
            ));
        }
        self.track_widths(row.len())?;
        self.rows.push(row);
        Ok(())
    }

    /// table.py's `_update_max_widths`: the first non-empty row fixes the number of columns;
    /// a longer row later is an IndexError.
    fn track_widths(&mut self, len: usize) -> Built<()> {
        if self.width_cols == 0 {
            self.width_cols = len;
        } else if len > self.width_cols {
            return Err("list index out of range".to_string());
        }
        Ok(())
    }

    /// The widest cell of each column (header included).
    fn max_widths(&self, measure: Measure) -> Vec<usize> {
        let mut w = vec![0; self.width_cols];
        for row in std::iter::once(&self.headers).chain(&self.rows) {
            for (m, cell) in w.iter_mut().zip(row) {
                *m = (*m).max(measure(cell));
            }
        }
        w
    }

    /// table.py's `total_width(padding=4, with_border=True, outer_padding=indent)`.
    fn total_width(&self, measure: Measure) -> usize {
        let columns: usize = self.max_widths(measure).iter().map(|w| w + 4).sum();
        let title = self.title.as_deref().map_or(4, measure);
        (title + 2).max(columns + 2) + 2 * self.indent
    }

    /// table.py's `convert_to_vertical_table` for one section: a single row under headers
    /// becomes one `header | value` row per column.
    fn vertical(&self) -> Option<Section> {
        if self.rows.len() != 1 || self.headers.is_empty() {
            return None;
        }
        let rows: Vec<Vec<String>> = self
            .headers
            .iter()
            .zip(&self.rows[0])
            .map(|(h, v)| vec![h.clone(), v.clone()])
            .collect();
        Some(Section {
            title: self.title.clone(),
            indent: self.indent,
            num_cols: Some(2),
            width_cols: if rows.is_empty() { 0 } else { 2 },
            headers: Vec::new(),
            rows,
        })
    }
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

/// formatter.py's TableFormatter, method for method.
impl Builder {
    fn current(&mut self) -> &mut Section {
        if self.sections.is_empty() {
            self.sections.push(Section::default());
        }
        let last = self.sections.len() - 1;
        &mut self.sections[last]
    }

    fn new_section(&mut self, title: Option<&str>, indent: usize) {
        self.sections.push(Section {
            title: title.map(str::to_string),
            indent,
            ..Section::default()
        });
    }

    fn build(&mut self, title: Option<&str>, current: &Value, indent: usize) -> Built<bool> {
        if is_empty(current) {
            return Ok(false);
        }
        if title.is_some() {
            self.new_section(title, indent);
        }
        match current {
            Value::Array(items) if items[0].is_object() => {
                self.sub_table_from_list(items, indent, title)?;
            }
            Value::Array(items) => {
                for item in items {
                    match item {
                        v if is_scalar(v) => self.current().add_row(vec![py::str_of(v)])?,
                        Value::Array(inner) if inner.iter().all(is_scalar) => {
                            self.current()
                                .add_row(inner.iter().map(py::str_of).collect())?;
                        }
                        // Iterating a dict gives its keys, all scalars: the row is the keys.
                        Value::Object(m) => self.current().add_row(m.keys().cloned().collect())?,
                        other => {
                            self.build(None, other, 0)?;
                        }
                    }
                }
            }
            Value::Object(m) => self.sub_table_from_dict(m, indent)?,
            _ => {}
        }
        Ok(true)
    }

    fn sub_table_from_dict(&mut self, m: &Map<String, Value>, indent: usize) -> Built<()> {
        let (headers, more) = group_keys(m.iter());
        if headers.len() == 1 {
            let k = headers[0];
            self.current()
                .add_row(vec![k.to_string(), py::str_of(&m[k])])?;
        } else if !headers.is_empty() {
            let row = headers.iter().map(|k| py::str_of(&m[*k])).collect();
            let s = self.current();
            s.add_header(headers.iter().map(|h| h.to_string()).collect())?;
            s.add_row(row)?;
        }
        for k in more {
            self.build(Some(k), &m[k], indent + 1)?;
        }
        Ok(())
    }

    fn sub_table_from_list(
        &mut self,
        items: &[Value],
        indent: usize,
        title: Option<&str>,
    ) -> Built<()> {
        let mut headers: Vec<&str> = Vec::new();
        let mut more: Vec<&str> = Vec::new();
        let mut objects = Vec::with_capacity(items.len());
        for item in items {
            // The AWS CLI fails on (or mangles) lists that mix objects with other values; the
            // service never returns one.
            let obj = item.as_object().ok_or(MIXED_LIST)?;
            let (h, m) = group_keys(obj.iter());
            headers.extend(h);
            more.extend(m);
            objects.push(obj);
        }
        headers.sort_unstable();
        headers.dedup();
        more.sort_unstable();
        more.dedup();
        let header_row: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
        self.current().add_header(header_row.clone())?;
        for (i, obj) in objects.iter().enumerate() {
            if i > 0 && !more.is_empty() {
                self.new_section(title, indent);
                self.current().add_header(header_row.clone())?;
            }
            let row = headers
                .iter()
                .map(|h| obj.get(*h).map(py::str_of).unwrap_or_default())
                .collect();
            self.current().add_row(row)?;
            for k in &more {
                if let Some(v) = obj.get(*k) {
                    self.build(Some(k), v, indent + 1)?;
                }
            }
        }
        Ok(())
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

/// How many columns a text takes.
type Measure = fn(&str) -> usize;

/// table.py's `get_text_length`: two columns for East Asian wide, full-width and ambiguous
/// characters, one for any other.
fn python_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let bounds = east_asian_width::WIDE.partition_point(|&b| b <= u32::from(c));
            if bounds % 2 == 1 { 2 } else { 1 }
        })
        .sum()
}

/// What a terminal shows.
fn display_width(s: &str) -> usize {
    s.width()
}

/// table.py's Styler (plain) or ColorizedStyler (colorama's codes).
#[derive(Clone, Copy)]
struct Style {
    color: bool,
}

impl Style {
    fn element(self, s: &str) -> String {
        if self.color {
            format!("\x1b[1m\x1b[34m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    fn margin(self, indent: usize) -> String {
        if self.color {
            "\x1b[2m\x1b[33m|\x1b[0m".repeat(indent)
        } else {
            "|".repeat(indent)
        }
    }
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

/// The terminal's width when stdout is one: `COLUMNS` if set, else the terminal's own.
fn terminal_width() -> Option<usize> {
    if !stdout::is_terminal() {
        return None;
    }
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0);
    Some(columns.unwrap_or_else(|| {
        console::Term::stdout()
            .size_checked()
            .map_or(AWS_CLI_WIDTH, |(_, cols)| usize::from(cols))
    }))
}

/// Writes `v` as the table of `operation`: fitted to the terminal when stdout is one.
pub fn write_table(
    out: &mut dyn Write,
    operation: &str,
    v: &Value,
    color: Color,
) -> io::Result<()> {
    write_with(out, operation, v, use_color(color), terminal_width())
}

/// Writes the table laid out for a terminal `width` columns wide, or as the AWS CLI lays it out
/// off a terminal (`None`). A value the AWS CLI cannot draw is an error of kind
/// `InvalidInput` with its message (printed as a `--query` error is).
pub(super) fn write_with(
    out: &mut dyn Write,
    operation: &str,
    v: &Value,
    color: bool,
    width: Option<usize>,
) -> io::Result<()> {
    let mut b = Builder::default();
    if !b.build(Some(operation), v, 0).map_err(super::query_error)? {
        return Ok(());
    }
    let style = Style { color };
    let mut text = Vec::new();
    match width {
        None => aws_cli(b.sections, AWS_CLI_WIDTH, python_width, style, &mut text)?,
        Some(w) => fitted(b.sections, w, style, &mut text)?,
    }
    out.write_all(&text)
}

/// table.py's `MultiTable.render` for a terminal `width` columns wide.
fn aws_cli(
    mut sections: Vec<Section>,
    width: usize,
    measure: Measure,
    style: Style,
    out: &mut Vec<u8>,
) -> io::Result<()> {
    let mut max_width = widest(&sections, measure);
    if max_width > width {
        for s in &mut sections {
            if let Some(v) = s.vertical() {
                *s = v;
            }
        }
        max_width = widest(&sections, measure);
    }
    writeln!(out, "{}", "-".repeat(max_width))?;
    for s in &sections {
        let margin = style.margin(s.indent);
        let inner = max_width.saturating_sub(s.indent * 2);
        let mut line = |text: String| writeln!(out, "{margin}{text}{margin}");
        if let Some(title) = s.title.as_deref().filter(|t| !t.is_empty()) {
            line(center(title, measure(title), inner, "|"))?;
            if s.headers.is_empty() && s.rows.is_empty() {
                line(format!("+{}+", dashes(inner, 2)))?;
            }
        }
        let widths = scale(&s.max_widths(measure), inner);
        if !s.headers.is_empty() {
            let mut cells = String::new();
            for (i, (w, h)) in widths.iter().zip(&s.headers).enumerate() {
                cells.push_str(&center(h, measure(h), *w, if i == 0 { "|" } else { "" }));
            }
            line(rule(&widths))?;
            line(cells)?;
        }
        if !s.rows.is_empty() && !widths.is_empty() {
            line(rule(&widths))?;
            for row in &s.rows {
                let mut cells = String::new();
                for (i, (w, cell)) in widths.iter().zip(row).enumerate() {
                    let left = if i == 0 { "|" } else { "" };
                    cells.push_str(&align_left(&style.element(cell), measure(cell), *w, left));
                }
                line(cells)?;
            }
            line(rule(&widths))?;
        }
    }
    Ok(())
}

fn widest(sections: &[Section], measure: Measure) -> usize {
    sections
        .iter()
        .map(|s| s.total_width(measure))
        .max()
        .unwrap_or(0)
}

/// `n - less` dashes (none when that is negative, as Python's `'-' * -1`).
fn dashes(n: usize, less: usize) -> String {
    "-".repeat(n.saturating_sub(less))
}

/// table.py's `center_text` with `|` as the right edge.
fn center(text: &str, text_len: usize, length: usize, left: &str) -> String {
    // Python's floor division on possibly negative numbers.
    let start = (length / 2) as i64 - (text_len / 2) as i64 - 1;
    let so_far = left.len() as i64 + start + text_len as i64;
    let right = length as i64 - 1 - so_far;
    format!(
        "{left}{}{text}{}|",
        " ".repeat(usize::try_from(start).unwrap_or(0)),
        " ".repeat(usize::try_from(right).unwrap_or(0))
    )
}

/// table.py's `align_left` with `|` as the right edge and a left padding of 2 when it fits.
fn align_left(text: &str, text_len: usize, length: usize, left: &str) -> String {
    // The text, its padding and both edges fit.
    let padding = if text_len + 2 + left.len() < length {
        2
    } else {
        0
    };
    let so_far = left.len() + padding + text_len;
    format!(
        "{left}{}{text}{}|",
        " ".repeat(padding),
        " ".repeat(length.saturating_sub(so_far + 1))
    )
}

/// table.py's `_write_line_break`: `+----+-----+`.
fn rule(widths: &[usize]) -> String {
    let mut s = String::new();
    for (i, w) in widths.iter().enumerate() {
        if i == 0 {
            s.push_str(&format!("+{}+", dashes(*w, 2)));
        } else {
            s.push_str(&format!("{}+", dashes(*w, 1)));
        }
    }
    s
}

/// table.py's `calculate_column_widths(padding=4, max_width)`: the widths plus padding, scaled
/// to `max_width` (Python's `round`, half to even), then corrected one column at a time.
fn scale(max_widths: &[usize], max_width: usize) -> Vec<usize> {
    let unscaled: Vec<usize> = max_widths.iter().map(|w| w + 4).collect();
    if unscaled.is_empty() {
        return unscaled;
    }
    let factor = max_width as f64 / unscaled.iter().sum::<usize>() as f64;
    let mut scaled: Vec<i64> = unscaled
        .iter()
        .map(|&w| (factor * w as f64).round_ties_even() as i64)
        .collect();
    let mut off_by = scaled.iter().sum::<i64>() - max_width as i64;
    while off_by != 0 {
        let order: Vec<usize> = if off_by < 0 {
            (0..scaled.len()).rev().collect()
        } else {
            (0..scaled.len()).collect()
        };
        for i in order {
            if off_by > 0 {
                scaled[i] -= 1;
                off_by -= 1;
            } else {
                scaled[i] += 1;
                off_by += 1;
            }
            if off_by == 0 {
                break;
            }
        }
    }
    scaled
        .into_iter()
        .map(|w| usize::try_from(w).unwrap_or(0))
        .collect()
}

/// The table for a terminal `width` columns wide (see the module's comment).
fn fitted(sections: Vec<Section>, width: usize, style: Style, out: &mut Vec<u8>) -> io::Result<()> {
    // The AWS CLI's own layout, when it fits (turning single rows vertical is part of it).
    let mut vertical = sections.clone();
    for s in &mut vertical {
        if let Some(v) = s.vertical() {
            *s = v;
        }
    }
    let natural = widest(&sections, display_width);
    if natural <= width {
        return aws_cli(sections, width, display_width, style, out);
    }
    if widest(&vertical, display_width) <= width {
        return aws_cli(vertical, width, display_width, style, out);
    }
    writeln!(out, "{}", "-".repeat(width))?;
    for s in &vertical {
        let margin = style.margin(s.indent);
        let inner = width.saturating_sub(s.indent * 2).max(MIN_INNER);
        let mut lines = Vec::new();
        if let Some(title) = s.title.as_deref().filter(|t| !t.is_empty()) {
            lines.push(center(title, display_width(title), inner, "|"));
            if s.headers.is_empty() && s.rows.is_empty() {
                lines.push(format!("+{}+", dashes(inner, 2)));
            }
        }
        if !s.rows.is_empty() {
            grid(s, inner, style, &mut lines);
        }
        for l in lines {
            writeln!(out, "{margin}{l}{margin}")?;
        }
    }
    Ok(())
}

/// Sections are never drawn narrower than this, however deep they are nested.
const MIN_INNER: usize = 20;

/// A cell's room beyond its text: the left edge (first column), two spaces before the text,
/// one after it, and the right edge.
fn overhead(column: usize) -> usize {
    if column == 0 { 5 } else { 4 }
}

/// The lines of a section's header and rows in `inner` columns: as columns when their longest
/// words fit, else as `key | value` blocks, else each value under its key.
fn grid(s: &Section, inner: usize, style: Style, lines: &mut Vec<String>) {
    let columns = s.width_cols;
    let words = |i: usize| {
        s.rows
            .iter()
            .filter_map(|r| r.get(i))
            .flat_map(|c| c.split(' '))
            .map(display_width)
            .chain(s.headers.get(i).map(|h| display_width(h)))
            .max()
            .unwrap_or(0)
    };
    let least: usize = (0..columns).map(|i| words(i) + overhead(i)).sum();
    // Key | value blocks: one per row under headers; a section of key | value rows (an object
    // turned vertical) is one already. Other rows (lists) have no keys to pair values with.
    let pairs: Vec<Vec<Vec<String>>> = if least <= inner {
        Vec::new()
    } else if !s.headers.is_empty() {
        s.rows
            .iter()
            .map(|r| {
                s.headers
                    .iter()
                    .zip(r)
                    .map(|(k, v)| vec![k.clone(), v.clone()])
                    .collect()
            })
            .collect()
    } else if columns == 2 {
        vec![s.rows.clone()]
    } else {
        Vec::new()
    };
    if pairs.is_empty() {
        let widths = fit(
            &s.max_widths(display_width),
            &(0..columns).map(words).collect::<Vec<_>>(),
            inner,
        );
        let headers = (!s.headers.is_empty()).then_some(s.headers.as_slice());
        blocks(headers, &[s.rows.as_slice()], &widths, style, lines);
        return;
    }
    let key_width = pairs
        .iter()
        .flatten()
        .map(|p| display_width(&p[0]))
        .max()
        .unwrap_or(0);
    let values = || pairs.iter().flatten().map(|p| p[1].as_str());
    let value_width = values().map(display_width).max().unwrap_or(0);
    let value_word = values()
        .flat_map(|v| v.split(' '))
        .map(display_width)
        .max()
        .unwrap_or(0);
    if key_width + value_word + overhead(0) + overhead(1) <= inner {
        let widths = fit(&[key_width, value_width], &[key_width, value_word], inner);
        let blocks_of: Vec<&[Vec<String>]> = pairs.iter().map(Vec::as_slice).collect();
        blocks(None, &blocks_of, &widths, style, lines);
        return;
    }
    // Too narrow for a key beside its value: each value on the lines below its key.
    let content = inner.saturating_sub(overhead(0));
    let cell = |text: &str, shown: String| {
        let pad = content.saturating_sub(display_width(text));
        format!("|  {shown}{} |", " ".repeat(pad))
    };
    let rule = rule(&[inner]);
    lines.push(rule.clone());
    for row in &pairs {
        for pair in row {
            lines.push(cell(&pair[0], pair[0].clone()));
            let value = &pair[1];
            // Stood in from its key, unless that would push its longest word past the edge.
            let longest = value.split(' ').map(display_width).max().unwrap_or(0);
            let indent = if longest + STACKED_INDENT.len() <= content {
                STACKED_INDENT
            } else {
                ""
            };
            for l in wrap(value, content.saturating_sub(indent.len())) {
                let text = format!("{indent}{l}");
                lines.push(cell(&text, format!("{indent}{}", style.element(&l))));
            }
        }
        lines.push(rule.clone());
    }
}

/// How far a value stands in from its key when they cannot share a line.
const STACKED_INDENT: &str = "  ";

/// Column widths (edges included) that add up to `inner`: each column's longest word at least,
/// the rest shared in proportion to what its longest cell still lacks, any room left to the last
/// column. When even the words do not fit, the words (the lines then run past the edge).
fn fit(natural: &[usize], least: &[usize], inner: usize) -> Vec<usize> {
    let room = inner.saturating_sub((0..natural.len()).map(overhead).sum());
    let mut content: Vec<usize> = least.to_vec();
    let need: Vec<usize> = natural
        .iter()
        .zip(least)
        .map(|(n, l)| n.saturating_sub(*l))
        .collect();
    let spare = room.saturating_sub(least.iter().sum());
    let total_need: usize = need.iter().sum();
    if total_need <= spare {
        for (c, n) in content.iter_mut().zip(&need) {
            *c += n;
        }
    } else {
        for (c, n) in content.iter_mut().zip(&need) {
            *c += spare * n / total_need;
        }
    }
    let used: usize = content.iter().sum();
    if let Some(last) = content.last_mut() {
        *last += room.saturating_sub(used);
    }
    content
        .iter()
        .enumerate()
        .map(|(i, c)| c + overhead(i))
        .collect()
}

/// Draws `headers` (centred) and each block of rows (cells wrapped at spaces), ruled as the
/// AWS CLI rules them.
fn blocks(
    headers: Option<&[String]>,
    blocks: &[&[Vec<String>]],
    widths: &[usize],
    style: Style,
    lines: &mut Vec<String>,
) {
    let rule = rule(widths);
    if let Some(h) = headers {
        lines.push(rule.clone());
        let mut cells = String::new();
        for (i, (w, h)) in widths.iter().zip(h).enumerate() {
            cells.push_str(&center(
                h,
                display_width(h),
                *w,
                if i == 0 { "|" } else { "" },
            ));
        }
        lines.push(cells);
    }
    // One rule between blocks: each block ends with the rule the next one would start with.
    lines.push(rule.clone());
    for rows in blocks {
        for row in *rows {
            let wrapped: Vec<Vec<String>> = widths
                .iter()
                .zip(row)
                .enumerate()
                .map(|(i, (w, cell))| wrap(cell, w - overhead(i)))
                .collect();
            let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
            for k in 0..height {
                let mut cells = String::new();
                for (i, (w, cell)) in widths.iter().zip(&wrapped).enumerate() {
                    let text = cell.get(k).map_or("", String::as_str);
                    let left = if i == 0 { "|" } else { "" };
                    let pad = w.saturating_sub(overhead(i) + display_width(text));
                    let shown = if text.is_empty() {
                        String::new()
                    } else {
                        style.element(text)
                    };
                    cells.push_str(&format!("{left}  {shown}{} |", " ".repeat(pad)));
                }
                lines.push(cells);
            }
        }
        lines.push(rule.clone());
    }
}

/// `text` in lines of at most `width` columns, broken at spaces only (a longer word keeps a line
/// of its own).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && display_width(&line) + 1 + display_width(word) > width {
            lines.push(std::mem::take(&mut line));
        } else if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn render(v: &Value, width: Option<usize>) -> String {
        let mut out = Vec::new();
        write_with(&mut out, "ListRepositoriesInDomain", v, false, width).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn repositories() -> Value {
        let repo = |name: &str| {
            json!({"name": name, "administratorAccount": "111122223333", "domainName": "my-domain",
                   "domainOwner": "111122223333",
                   "arn": format!("arn:aws:codeartifact:us-east-1:111122223333:repository/my-domain/{name}"),
                   "description": "Packages the web team builds and the services that depend on them share",
                   "createdTime": "2026-11-26T06:26:41.123000+00:00"})
        };
        json!({"repositories": [repo("web"), repo("libs")]})
    }

    /// Every word of every value, whole on one line.
    fn assert_unbroken(text: &str, v: &Value) {
        for r in v["repositories"].as_array().unwrap() {
            for value in r.as_object().unwrap().values() {
                for word in value.as_str().unwrap().split(' ') {
                    assert!(
                        text.lines().any(|l| l.contains(word)),
                        "{word} broken in\n{text}"
                    );
                }
            }
        }
    }

    #[test]
    fn on_a_terminal_lines_fit_and_words_stay_whole() {
        let v = repositories();
        for width in [80, 100, 120, 200] {
            let text = render(&v, Some(width));
            assert_unbroken(&text, &v);
            for l in text.lines() {
                assert!(l.width() <= width, "{width}: {l:?}\n{text}");
            }
        }
    }

    #[test]
    fn narrow_terminals_get_key_value_blocks() {
        for width in [80, 120] {
            let text = render(&repositories(), Some(width));
            let keys = text
                .lines()
                .filter(|l| {
                    l.trim_start_matches('|')
                        .trim_start()
                        .starts_with("administratorAccount")
                })
                .count();
            assert_eq!(keys, 2, "{text}");
        }
    }

    #[test]
    fn wide_terminals_get_the_aws_cli_layout() {
        let v =
            json!({"domains": [{"name": "d1", "owner": "111"}, {"name": "d2", "owner": "222"}]});
        let mut aws = Vec::new();
        aws_cli(
            Builder::built(&v),
            120,
            display_width,
            Style { color: false },
            &mut aws,
        )
        .unwrap();
        assert_eq!(render(&v, Some(120)), String::from_utf8(aws).unwrap());
    }

    #[test]
    fn free_text_wraps_at_spaces() {
        assert_eq!(wrap("a bb ccc dddd", 6), ["a bb", "ccc", "dddd"]);
        assert_eq!(wrap("arn:aws:long", 4), ["arn:aws:long"]);
        assert_eq!(wrap("", 4), [""]);
    }

    #[test]
    fn python_measures_ambiguous_characters_as_two() {
        assert_eq!(python_width("abc"), 3);
        assert_eq!(python_width("é"), 2);
        assert_eq!(python_width("日本"), 4);
        assert_eq!(display_width("é"), 1);
    }

    #[test]
    fn empty_results_print_nothing() {
        assert_eq!(render(&json!({}), None), "");
        assert_eq!(render(&json!([]), Some(80)), "");
    }

    #[test]
    fn colour_only_when_asked() {
        let v = json!({"a": "x", "b": true});
        let mut out = Vec::new();
        write_with(&mut out, "X", &v, true, None).unwrap();
        assert!(String::from_utf8(out).unwrap().contains('\u{1b}'));
        assert!(!render(&v, None).contains('\u{1b}'));
    }

    impl Builder {
        fn built(v: &Value) -> Vec<Section> {
            let mut b = Builder::default();
            b.build(Some("ListRepositoriesInDomain"), v, 0).unwrap();
            b.sections
        }
    }
}
