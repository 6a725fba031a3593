//! Paginated listings printed as their pages arrive, so that memory stays bounded however long
//! the listing (100,000 packages) while the bytes stay exactly what the AWS CLI prints.
//!
//! Text output is page by page in the AWS CLI too (formatter.py's TextFormatter iterates the
//! paginator), so streaming it changes nothing. JSON output is the aggregate of the pages
//! (`build_full_result`): the result key's items, then the non-aggregate members, then
//! `NextToken`; [`JsonListing`] writes that same document item by item. The one difference: if a
//! later page fails, what was printed stays printed (the AWS CLI prints nothing), and the exit
//! code says it failed.

use std::io::{self, Write};

use serde_json::{Map, Value};

use super::{Query, apply, py, search_path, set_path, text};

/// formatter.py's TextFormatter over a paginated response, one page at a time: each page reduced
/// to its result keys (plus the non-aggregate members on the first page), queried and printed,
/// then a `NextToken` trailer (queried too) when the listing was cut short.
pub struct TextPages {
    result_keys: Vec<String>,
    query: Option<Query>,
}

impl TextPages {
    pub fn new(result_keys: Vec<String>, query: Option<Query>) -> Self {
        TextPages { result_keys, query }
    }

    /// `first` carries the non-aggregate members, given with the first page only.
    pub fn page(
        &mut self,
        out: &mut dyn Write,
        page: &Value,
        first: Option<&Map<String, Value>>,
    ) -> io::Result<()> {
        let mut current = first.cloned().unwrap_or_default();
        for key in &self.result_keys {
            let data = search_path(page, key).cloned().unwrap_or(Value::Null);
            set_path(&mut current, key, data);
        }
        let current = Value::Object(current);
        text::format_text(out, &*apply(self.query.as_ref(), &current)?)
    }

    pub fn finish(&mut self, out: &mut dyn Write, resume_token: Option<&str>) -> io::Result<()> {
        if let Some(token) = resume_token {
            let mut inner = Map::new();
            inner.insert("NextToken".into(), Value::String(token.to_string()));
            let mut trailer = Map::new();
            trailer.insert("NextToken".into(), Value::Object(inner));
            let trailer = Value::Object(trailer);
            text::format_text(out, &*apply(self.query.as_ref(), &trailer)?)?;
        }
        out.flush()
    }
}

/// `--output json` (without `--query`) of a paginated listing, written item by item.
pub struct JsonListing {
    key: String,
    items: usize,
    /// Whether any page carried the result key (botocore leaves it out of the aggregate if none
    /// did).
    seen_key: bool,
}

impl JsonListing {
    pub fn new(result_key: &str) -> Self {
        JsonListing {
            key: result_key.to_string(),
            items: 0,
            seen_key: false,
        }
    }

    pub fn page(&mut self, out: &mut dyn Write, page: &Value) -> io::Result<()> {
        let Some(Value::Array(items)) = page.get(&self.key) else {
            return Ok(());
        };
        if !self.seen_key {
            self.seen_key = true;
            out.write_all(b"{\n    ")?;
            py::write_json_pretty(out, &Value::String(self.key.clone()))?;
            out.write_all(b": [")?;
        }
        for item in items {
            out.write_all(if self.items == 0 { b"\n" } else { b",\n" })?;
            out.write_all(b"        ")?;
            py::write_json_pretty_at(out, item, 2)?;
            self.items += 1;
        }
        Ok(())
    }

    /// Closes the document: the non-aggregate members and the `NextToken`, in botocore's order.
    pub fn finish(
        &mut self,
        out: &mut dyn Write,
        non_aggregate: &Map<String, Value>,
        resume_token: Option<&str>,
    ) -> io::Result<()> {
        let mut rest: Vec<(&str, Value)> = non_aggregate
            .iter()
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect();
        if let Some(t) = resume_token {
            rest.push(("NextToken", Value::String(t.to_string())));
        }
        if !self.seen_key {
            // No page had the key: the aggregate is just the other members (or `{}`, which the
            // AWS CLI does not print at all).
            let doc: Map<String, Value> =
                rest.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
            if !doc.is_empty() {
                py::write_json_pretty(out, &Value::Object(doc))?;
                out.write_all(b"\n")?;
            }
            return out.flush();
        }
        if self.items == 0 {
            out.write_all(b"]")?;
        } else {
            out.write_all(b"\n    ]")?;
        }
        for (k, v) in rest {
            out.write_all(b",\n    ")?;
            py::write_json_pretty(out, &Value::String(k.to_string()))?;
            out.write_all(b": ")?;
            py::write_json_pretty_at(out, &v, 1)?;
        }
        out.write_all(b"\n}\n")?;
        out.flush()
    }
}
