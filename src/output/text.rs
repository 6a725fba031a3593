//! `--output text`: a line-for-line port of awscli/text.py (AWS CLI v1).
//!
//! The rules are Python's, quirks included: keys sorted, scalars joined by tabs, nested values
//! printed under their upper-cased key as identifier, `None`/`True`/`False` spelled the Python
//! way, and a value that is a container where its siblings hold scalars printed as its `repr`.

use std::collections::BTreeSet;
use std::io::{self, Write};

use serde_json::{Map, Value};

use super::py;

pub fn format_text(out: &mut dyn Write, v: &Value) -> io::Result<()> {
    format_item(out, v, None, None)
}

fn is_container(v: &Value) -> bool {
    matches!(v, Value::Array(_) | Value::Object(_))
}

fn format_item(
    out: &mut dyn Write,
    item: &Value,
    identifier: Option<&str>,
    scalar_keys: Option<&[&str]>,
) -> io::Result<()> {
    match item {
        Value::Object(m) => format_dict(out, scalar_keys, m, identifier),
        Value::Array(a) => format_list(out, a, identifier),
        scalar => {
            py::write_str(out, scalar)?;
            out.write_all(b"\n")
        }
    }
}

fn format_list(out: &mut dyn Write, items: &[Value], identifier: Option<&str>) -> io::Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    if items.iter().any(Value::is_object) {
        let all_keys = all_scalar_keys(items)?;
        for element in items {
            format_item(out, element, identifier, Some(&all_keys))?;
        }
    } else if items.iter().any(Value::is_array) {
        let scalars: Vec<&Value> = items.iter().filter(|v| !is_container(v)).collect();
        if !scalars.is_empty() {
            format_scalar_list(out, &scalars, identifier)?;
        }
        for non_scalar in items.iter().filter(|v| is_container(v)) {
            format_item(out, non_scalar, identifier, None)?;
        }
    } else {
        let scalars: Vec<&Value> = items.iter().collect();
        format_scalar_list(out, &scalars, identifier)?;
    }
    Ok(())
}

fn format_scalar_list(
    out: &mut dyn Write,
    elements: &[&Value],
    identifier: Option<&str>,
) -> io::Result<()> {
    match identifier {
        Some(id) => {
            let upper = id.to_uppercase();
            for item in elements {
                out.write_all(upper.as_bytes())?;
                out.write_all(b"\t")?;
                py::write_str(out, item)?;
                out.write_all(b"\n")?;
            }
        }
        None => {
            for (i, item) in elements.iter().enumerate() {
                if i > 0 {
                    out.write_all(b"\t")?;
                }
                py::write_str(out, item)?;
            }
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

/// A cell of a text row: a value, or the `''` Python substitutes for a missing key.
enum Cell<'a> {
    Value(&'a Value),
    Missing,
}

fn format_dict(
    out: &mut dyn Write,
    scalar_keys: Option<&[&str]>,
    item: &Map<String, Value>,
    identifier: Option<&str>,
) -> io::Result<()> {
    let mut scalars: Vec<Cell<'_>> = Vec::new();
    let mut non_scalars: Vec<(&str, &Value)> = Vec::new();
    match scalar_keys {
        None => {
            let mut entries: Vec<(&String, &Value)> = item.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            for (k, v) in entries {
                if is_container(v) {
                    non_scalars.push((k, v));
                } else {
                    scalars.push(Cell::Value(v));
                }
            }
        }
        Some(keys) => {
            for key in keys {
                scalars.push(item.get(*key).map_or(Cell::Missing, Cell::Value));
            }
            let mut remaining: Vec<(&String, &Value)> = item
                .iter()
                .filter(|(k, _)| !keys.contains(&k.as_str()))
                .collect();
            remaining.sort_by(|a, b| a.0.cmp(b.0));
            non_scalars.extend(remaining.into_iter().map(|(k, v)| (k.as_str(), v)));
        }
    }
    if !scalars.is_empty() {
        let mut first = true;
        if let Some(id) = identifier {
            out.write_all(id.to_uppercase().as_bytes())?;
            first = false;
        }
        for cell in &scalars {
            if !first {
                out.write_all(b"\t")?;
            }
            first = false;
            if let Cell::Value(v) = cell {
                py::write_str(out, v)?;
            }
        }
        out.write_all(b"\n")?;
    }
    for (k, v) in non_scalars {
        format_item(out, v, Some(k), None)?;
    }
    Ok(())
}

/// The sorted union of the keys holding scalars in the dicts of a list. text.py calls
/// `.items()` on every element, so a list mixing dicts and other values makes the AWS CLI fail
/// with Python's AttributeError; we fail the same way, with the same message.
fn all_scalar_keys(items: &[Value]) -> io::Result<Vec<&str>> {
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for item in items {
        let Value::Object(m) = item else {
            let msg = format!("'{}' object has no attribute 'items'", py::type_name(item));
            return Err(io::Error::new(io::ErrorKind::InvalidData, msg));
        };
        for (k, v) in m {
            if !is_container(v) {
                seen.insert(k);
            }
        }
    }
    Ok(seen.into_iter().collect())
}
