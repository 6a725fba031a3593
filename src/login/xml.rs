//! XML editing (Maven's settings.xml, NuGet.Config) that keeps the rest of the file byte for byte.
//!
//! quick-xml reads the file only to find where elements start and end; edits are splices of the
//! original text, so comments, attribute order, quoting and indentation all stay as they were.
//! Each element login writes follows a marker comment:
//!
//! ```text
//! <!-- managed by codeartifact login (my-domain/my-repo) -->
//! <server>...</server>
//! ```
//!
//! An element of the user's that ours replaces (same id) is kept inside that comment
//! (`; saved: <server>...</server>`) and put back by logout. A container login had to create
//! (`<servers>`) is marked `added by codeartifact login` and removed again once empty.

use std::ops::Range;
use std::path::Path;

use quick_xml::events::Event;

use crate::error::{Error, Result};

const MANAGED: &str = " managed by codeartifact login (";
const SAVED: &str = "; saved: ";
const ADDED: &str = " added by codeartifact login ";
const EMPTIED: &str = " written empty before codeartifact login: ";

#[derive(Debug, Clone)]
struct Elem {
    name: String,
    parent: Option<usize>,
    /// From `<` of the start tag to `>` of the end tag.
    span: Range<usize>,
    /// Between the tags; `None` for `<empty/>`.
    inner: Option<Range<usize>>,
    attrs: Vec<(String, String)>,
    text: String,
}

#[derive(Debug, Clone)]
struct Comment {
    span: Range<usize>,
    text: String,
}

pub struct XmlDoc {
    text: String,
    elems: Vec<Elem>,
    comments: Vec<Comment>,
}

fn parse_error(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::other(format!(
        "cannot parse {} as XML, it was left as it was: {e}",
        path.display()
    ))
}

impl XmlDoc {
    pub fn parse(text: &str, path: &Path) -> Result<XmlDoc> {
        let mut reader = quick_xml::Reader::from_str(text);
        reader.config_mut().trim_text(false);
        let mut elems: Vec<Elem> = Vec::new();
        let mut comments = Vec::new();
        let mut stack: Vec<usize> = Vec::new();
        loop {
            let start = reader.buffer_position() as usize;
            let ev = reader.read_event().map_err(|e| parse_error(path, e))?;
            let end = reader.buffer_position() as usize;
            match ev {
                Event::Start(e) | Event::Empty(e) => {
                    let empty = text[start..end].trim_end().ends_with("/>");
                    let mut attrs = Vec::new();
                    for a in e.attributes() {
                        let a = a.map_err(|e| parse_error(path, e))?;
                        let v = a
                            .normalized_value(quick_xml::XmlVersion::default())
                            .map_err(|e| parse_error(path, e))?;
                        attrs.push((
                            AsRef::<str>::as_ref(&a.key.local_name()).to_string(),
                            v.into_owned(),
                        ));
                    }
                    elems.push(Elem {
                        name: AsRef::<str>::as_ref(&e.local_name()).to_string(),
                        parent: stack.last().copied(),
                        span: start..end,
                        inner: if empty { None } else { Some(end..end) },
                        attrs,
                        text: String::new(),
                    });
                    if !empty {
                        stack.push(elems.len() - 1);
                    }
                }
                Event::End(_) => {
                    let i = stack
                        .pop()
                        .ok_or_else(|| parse_error(path, "unbalanced end tag"))?;
                    elems[i].span.end = end;
                    if let Some(inner) = &mut elems[i].inner {
                        inner.end = start;
                    }
                }
                Event::Text(t) => {
                    if let Some(&i) = stack.last() {
                        elems[i].text.push_str(&t.xml10_content());
                    }
                }
                Event::GeneralRef(r) => {
                    if let Some(&i) = stack.last() {
                        elems[i].text.push_str(&format!("&{};", r.into_inner()));
                    }
                }
                Event::CData(t) => {
                    if let Some(&i) = stack.last() {
                        elems[i].text.push_str(&t.into_inner());
                    }
                }
                Event::Comment(c) => comments.push(Comment {
                    span: start..end,
                    text: c.into_inner().into_owned(),
                }),
                Event::Eof => break,
                _ => {}
            }
        }
        if !stack.is_empty() {
            return Err(parse_error(path, "unclosed element"));
        }
        if elems.is_empty() {
            return Err(parse_error(path, "no root element"));
        }
        Ok(XmlDoc {
            text: text.to_string(),
            elems,
            comments,
        })
    }

    fn path_of(&self, mut i: usize) -> Vec<&str> {
        let mut p = vec![self.elems[i].name.as_str()];
        while let Some(parent) = self.elems[i].parent {
            p.push(self.elems[parent].name.as_str());
            i = parent;
        }
        p.reverse();
        p
    }

    /// The elements at `path` (local names; `*` matches any name).
    pub fn find(&self, path: &[&str]) -> Vec<usize> {
        (0..self.elems.len())
            .filter(|&i| {
                let p = self.path_of(i);
                p.len() == path.len() && p.iter().zip(path).all(|(a, b)| *b == "*" || a == b)
            })
            .collect()
    }

    pub fn name_of(&self, e: usize) -> &str {
        &self.elems[e].name
    }

    /// The element's own text (not its children's).
    pub fn text_of(&self, e: usize) -> &str {
        &self.elems[e].text
    }

    fn children(&self, parent: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.elems.len()).filter(move |&i| self.elems[i].parent == Some(parent))
    }

    /// The trimmed text of the child element `name`.
    pub fn child_text(&self, e: usize, name: &str) -> Option<String> {
        self.children(e)
            .find(|&c| self.elems[c].name == name)
            .map(|c| self.elems[c].text.trim().to_string())
    }

    pub fn attr(&self, e: usize, name: &str) -> Option<&str> {
        self.elems[e]
            .attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Start of the whitespace run that ends at `pos`.
    fn ws_start(&self, pos: usize) -> usize {
        let before = &self.text[..pos];
        before.trim_end_matches([' ', '\t', '\r', '\n']).len()
    }

    /// The comment right before element `e` (only whitespace between).
    fn comment_before(&self, e: usize) -> Option<&Comment> {
        let start = self.ws_start(self.elems[e].span.start);
        self.comments.iter().find(|c| c.span.end == start)
    }

    /// `(owner, saved)` of the login marker before `e`.
    fn marker(&self, e: usize) -> Option<(String, Option<String>)> {
        let c = self.comment_before(e)?;
        let rest = c.text.strip_prefix(MANAGED)?;
        let (owner, saved) = match rest.find(')') {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => return None,
        };
        let saved = saved.strip_prefix(SAVED).map(|s| s.trim_end().to_string());
        Some((owner.to_string(), saved))
    }

    /// The indentation of the line element `e` starts on.
    fn indent_of(&self, e: usize) -> String {
        let start = self.elems[e].span.start;
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let lead = &self.text[line_start..start];
        lead.chars()
            .take_while(|c| *c == ' ' || *c == '\t')
            .collect()
    }

    /// The document's indentation step, from its first nested element.
    fn unit(&self) -> String {
        (1..self.elems.len())
            .map(|i| self.indent_of(i))
            .find(|s| !s.is_empty())
            .map_or_else(
                || "  ".to_string(),
                |s| if s.len() > 8 { "  ".to_string() } else { s },
            )
    }

    fn eol(&self) -> &'static str {
        if self.text.contains("\r\n") {
            "\r\n"
        } else {
            "\n"
        }
    }
}

fn splice(text: &str, range: Range<usize>, with: &str) -> String {
    format!("{}{}{}", &text[..range.start], with, &text[range.end..])
}

/// Makes sure the element at `path` exists (creating missing ones, marked as added), and
/// returns the new text.
fn ensure(text: &str, path: &[&str], file: &Path) -> Result<String> {
    let mut text = text.to_string();
    for depth in 2..=path.len() {
        let doc = XmlDoc::parse(&text, file)?;
        if !doc.find(&path[..depth]).is_empty() {
            continue;
        }
        let parent = *doc.find(&path[..depth - 1]).first().ok_or_else(|| {
            Error::other(format!(
                "{} has no <{}> element",
                file.display(),
                path[..depth - 1].join("><")
            ))
        })?;
        let name = path[depth - 1];
        let (indent, unit, eol) = (doc.indent_of(parent), doc.unit(), doc.eol());
        let inner_indent = format!("{indent}{unit}");
        let new = format!("<!--{ADDED}-->{eol}{inner_indent}<{name}>{eol}{inner_indent}</{name}>");
        text = insert_child(&doc, parent, &new)?;
    }
    Ok(text)
}

/// Inserts `xml` as the last child of `parent` (on its own line, indented one step deeper).
fn insert_child(doc: &XmlDoc, parent: usize, xml: &str) -> Result<String> {
    let e = &doc.elems[parent];
    let (indent, unit, eol) = (doc.indent_of(parent), doc.unit(), doc.eol());
    match &e.inner {
        Some(inner) => {
            let at = doc.ws_start(inner.end).max(inner.start);
            Ok(splice(
                &doc.text,
                at..at,
                &format!("{eol}{indent}{unit}{xml}"),
            ))
        }
        None => {
            // `<servers/>` becomes `<servers>...</servers>`, remembering how it was written so
            // logout can put it back (unless it holds `--`, which a comment cannot).
            let original = &doc.text[e.span.clone()];
            let start_tag = original
                .trim_end_matches('>')
                .trim_end_matches('/')
                .trim_end();
            let memo = if original.contains("--") {
                String::new()
            } else {
                format!("<!--{EMPTIED}{original} -->")
            };
            let replaced = format!(
                "{start_tag}>{memo}{eol}{indent}{unit}{xml}{eol}{indent}</{}>",
                e.name
            );
            Ok(splice(&doc.text, e.span.clone(), &replaced))
        }
    }
}

/// Writes login's element `xml` (built by `build(indent, unit, eol)`) as a child of the element at
/// `container`, taking the place of the first child that `conflicts` selects, which is saved in
/// the marker. Call [`remove`] for login's previous element first.
pub fn upsert(
    text: &str,
    file: &Path,
    container: &[&str],
    owner: &str,
    conflicts: &dyn Fn(&XmlDoc, usize) -> bool,
    build: &dyn Fn(&str, &str, &str) -> String,
) -> Result<String> {
    let text = ensure(text, container, file)?;
    let doc = XmlDoc::parse(&text, file)?;
    let parent = doc.find(container)[0];
    let (indent, unit, eol) = (
        format!("{}{}", doc.indent_of(parent), doc.unit()),
        doc.unit(),
        doc.eol(),
    );
    let element = build(&indent, &unit, eol);
    let conflict = doc
        .children(parent)
        .find(|&c| conflicts(&doc, c) && doc.marker(c).is_none());
    match conflict {
        Some(c) => {
            let saved = &doc.text[doc.elems[c].span.clone()];
            if saved.contains("--") {
                return Err(Error::other(format!(
                    "{}: cannot save the element login replaces in a comment (it contains `--`); remove it first",
                    file.display()
                )));
            }
            let marked = format!("<!--{MANAGED}{owner}){SAVED}{saved} -->{eol}{indent}{element}");
            Ok(splice(&doc.text, doc.elems[c].span.clone(), &marked))
        }
        None => insert_child(
            &doc,
            parent,
            &format!("<!--{MANAGED}{owner}) -->{eol}{indent}{element}"),
        ),
    }
}

/// Removes login's elements at `path` whose owner `matches` (putting back what they saved), then
/// containers login added that are left empty. Returns the text and how many were removed.
pub fn remove(
    text: &str,
    file: &Path,
    path: &[&str],
    matches: &dyn Fn(&str) -> bool,
) -> Result<(String, usize)> {
    let mut text = text.to_string();
    let mut n = 0;
    loop {
        let doc = XmlDoc::parse(&text, file)?;
        let found = doc.find(path).into_iter().find_map(|e| {
            let (owner, saved) = doc.marker(e)?;
            matches(&owner).then_some((e, saved))
        });
        let Some((e, saved)) = found else { break };
        let comment = doc.comment_before(e).expect("marker found").span.clone();
        text = match saved {
            // The saved element takes its place again, where the marker started.
            Some(saved) => splice(&doc.text, comment.start..doc.elems[e].span.end, &saved),
            None => splice(
                &doc.text,
                doc.ws_start(comment.start)..doc.elems[e].span.end,
                "",
            ),
        };
        n += 1;
    }
    if n > 0 {
        text = remove_added_empty(&text, file)?;
        text = restore_emptied(&text, file)?;
    }
    Ok((text, n))
}

/// Puts back `<servers/>` where login expanded it and nothing but the memo is left inside.
fn restore_emptied(text: &str, file: &Path) -> Result<String> {
    let mut text = text.to_string();
    loop {
        let doc = XmlDoc::parse(&text, file)?;
        let found = doc.comments.iter().find_map(|c| {
            let original = c.text.strip_prefix(EMPTIED)?.trim_end();
            let e = (0..doc.elems.len()).find(|&e| {
                doc.elems[e].inner.as_ref().is_some_and(|r| {
                    r.start == c.span.start && doc.text[c.span.end..r.end].trim().is_empty()
                })
            })?;
            Some((doc.elems[e].span.clone(), original.to_string()))
        });
        let Some((span, original)) = found else {
            return Ok(text);
        };
        text = splice(&text, span, &original);
    }
}

fn remove_added_empty(text: &str, file: &Path) -> Result<String> {
    let mut text = text.to_string();
    loop {
        let doc = XmlDoc::parse(&text, file)?;
        let empty = (0..doc.elems.len()).find(|&e| {
            let added = doc.comment_before(e).is_some_and(|c| c.text == ADDED);
            let inner_blank = doc.elems[e]
                .inner
                .as_ref()
                .is_none_or(|r| doc.text[r.clone()].trim().is_empty());
            added && inner_blank
        });
        let Some(e) = empty else { return Ok(text) };
        let comment = doc.comment_before(e).expect("checked").span.clone();
        text = splice(
            &doc.text,
            doc.ws_start(comment.start)..doc.elems[e].span.end,
            "",
        );
    }
}

/// XML text escaping for attribute values and text.
pub fn escape(s: &str) -> String {
    quick_xml::escape::escape(s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SETTINGS: &str = "<?xml version=\"1.0\"?>\n<!-- mine -->\n<settings>\n  <servers>\n    <server>\n      \
                            <id>other</id>\n    </server>\n  </servers>\n</settings>\n";

    fn server(id: &'static str) -> impl Fn(&str, &str, &str) -> String {
        move |_, _, _| format!("<server><id>{id}</id></server>")
    }

    fn is_id(doc: &XmlDoc, e: usize) -> bool {
        doc.child_text(e, "id").as_deref() == Some("codeartifact")
    }

    #[test]
    fn upsert_then_remove_restores_the_file() {
        let p = Path::new("s.xml");
        let t = upsert(
            SETTINGS,
            p,
            &["settings", "servers"],
            "d/r",
            &is_id,
            &server("codeartifact"),
        )
        .unwrap();
        assert!(t.contains("    </server>\n    <!-- managed by codeartifact login (d/r) -->\n    <server><id>codeartifact</id></server>\n  </servers>"), "{t}");
        let (back, n) = remove(&t, p, &["settings", "servers", "server"], &|_| true).unwrap();
        assert_eq!((back.as_str(), n), (SETTINGS, 1));
    }

    #[test]
    fn missing_container_is_added_and_removed() {
        let p = Path::new("s.xml");
        let orig = "<settings>\n  <localRepository>/x</localRepository>\n</settings>\n";
        let t = upsert(
            orig,
            p,
            &["settings", "profiles"],
            "d/r",
            &|_, _| false,
            &|_, _, _| "<profile/>".into(),
        )
        .unwrap();
        assert!(
            t.contains("  <!-- added by codeartifact login -->\n  <profiles>\n    <!-- managed"),
            "{t}"
        );
        let (back, _) = remove(&t, p, &["settings", "profiles", "profile"], &|_| true).unwrap();
        assert_eq!(back, orig);
    }

    #[test]
    fn replaced_element_is_saved_and_restored() {
        let p = Path::new("s.xml");
        let orig = "<settings>\n  <servers>\n    <server><id>codeartifact</id><username>me</username></server>\n  </servers>\n</settings>\n";
        let t = upsert(
            orig,
            p,
            &["settings", "servers"],
            "d/r",
            &is_id,
            &server("codeartifact"),
        )
        .unwrap();
        assert!(
            !t.contains("\n    <server><id>codeartifact</id><username>"),
            "{t}"
        );
        let (back, _) = remove(&t, p, &["settings", "servers", "server"], &|_| true).unwrap();
        assert_eq!(back, orig);
    }

    #[test]
    fn broken_xml_is_an_error() {
        assert!(XmlDoc::parse("<settings><servers></settings>", Path::new("s.xml")).is_err());
        assert!(XmlDoc::parse("", Path::new("s.xml")).is_err());
    }
}
