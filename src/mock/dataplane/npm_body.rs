//! Reads an `npm publish` body as it arrives, without holding its tarballs.
//!
//! The body is one JSON document carrying each tarball base64-encoded in
//! `_attachments.<name>.data`: read whole, a 300 MiB publish took 300 MiB for the body, as much
//! again for the parsed string and three quarters of that for the decoded bytes. Instead
//! `Splitter` copies the document as it streams, except those `data` strings, which it decodes as
//! they arrive and hands over in pieces; `read` writes them straight into staged blobs (hashed
//! on the way, bounded by the asset quota) and parses what is left, the manifests, which is
//! small and bounded by `max_doc`. Memory stays at one chunk plus the document.

use std::collections::BTreeMap;

use axum::body::Body;
use base64::Engine;
use futures_util::StreamExt;
use serde_json::Value;

use super::DpError;
use crate::mock::blobs::{BlobStore, StagedBlob, Stager};

/// serde_json refuses documents nested deeper than this, so tracking more is pointless.
const MAX_DEPTH: usize = 128;

/// What `Splitter::feed` finds in the attachments' data, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// The `data` of attachment `name` begins.
    Start(String),
    /// Decoded bytes of the current attachment.
    Bytes(Vec<u8>),
    /// The current attachment's data is complete.
    End,
}

#[derive(Debug)]
enum Frame {
    /// The key the value being read belongs to, once read; `expect_key` between members.
    Object {
        key: Option<String>,
        expect_key: bool,
    },
    Array,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lex {
    /// Between tokens, or in a number or literal (copied as they are).
    Between,
    /// In a string copied to the document; a key's text starts at `start` in it.
    Str {
        key: bool,
        start: usize,
        escaped: bool,
    },
    /// In an attachment's `data` string: decoded, not copied.
    Data(DataEscape),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DataEscape {
    None,
    Backslash,
    /// `\u` and the hex digits read so far.
    Unicode {
        digits: u8,
        value: u32,
    },
}

/// Splits an npm publish body into its document (attachments' data emptied) and the decoded
/// attachment bytes. Feed it the body in any chunks.
pub struct Splitter {
    doc: Vec<u8>,
    max_doc: usize,
    stack: Vec<Frame>,
    lex: Lex,
    /// Base64 characters not yet decoded (fewer than four at the end of each feed).
    pending: Vec<u8>,
    /// `=` was seen: the data must end here.
    padded: bool,
}

impl Splitter {
    pub fn new(max_doc: usize) -> Self {
        Splitter {
            doc: Vec::new(),
            max_doc,
            stack: Vec::new(),
            lex: Lex::Between,
            pending: Vec::new(),
            padded: false,
        }
    }

    pub fn feed(&mut self, chunk: &[u8]) -> Result<Vec<Piece>, DpError> {
        let mut pieces = Vec::new();
        for &b in chunk {
            match self.lex {
                Lex::Data(escape) => self.data_byte(b, escape, &mut pieces)?,
                Lex::Str {
                    key,
                    start,
                    escaped,
                } => {
                    self.doc.push(b);
                    if escaped {
                        self.lex = Lex::Str {
                            key,
                            start,
                            escaped: false,
                        };
                    } else if b == b'\\' {
                        self.lex = Lex::Str {
                            key,
                            start,
                            escaped: true,
                        };
                    } else if b == b'"' {
                        self.lex = Lex::Between;
                        if key {
                            let text = serde_json::from_slice::<String>(&self.doc[start..])
                                .map_err(|e| bad(format!("a key is not a JSON string: {e}")))?;
                            if let Some(Frame::Object { key, expect_key }) = self.stack.last_mut() {
                                *key = Some(text);
                                *expect_key = false;
                            }
                        }
                    }
                }
                Lex::Between => self.structure(b, &mut pieces)?,
            }
            if self.doc.len() > self.max_doc {
                return Err(DpError::new(
                    axum::http::StatusCode::PAYLOAD_TOO_LARGE,
                    format!(
                        "the publish document (without its tarballs) is larger than {} bytes",
                        self.max_doc
                    ),
                ));
            }
        }
        if let Lex::Data(_) = self.lex {
            // Whole quanta only: the rest waits for the next chunk.
            let whole = self.pending.len() / 4 * 4;
            if whole > 0 {
                let bytes = decode(&self.pending[..whole])?;
                self.pending.drain(..whole);
                pieces.push(Piece::Bytes(bytes));
            }
        }
        Ok(pieces)
    }

    /// The document, once the whole body has been fed.
    pub fn finish(self) -> Result<Vec<u8>, DpError> {
        if self.lex != Lex::Between || !self.stack.is_empty() {
            return Err(bad("the publish body ends in the middle of its JSON".into()));
        }
        Ok(self.doc)
    }

    fn structure(&mut self, b: u8, pieces: &mut Vec<Piece>) -> Result<(), DpError> {
        match b {
            b'"' => {
                let key = matches!(
                    self.stack.last(),
                    Some(Frame::Object {
                        expect_key: true,
                        ..
                    })
                );
                if !key && let Some(name) = self.attachment_data() {
                    // The document keeps an empty string in its place.
                    self.doc.extend_from_slice(b"\"\"");
                    self.lex = Lex::Data(DataEscape::None);
                    self.padded = false;
                    pieces.push(Piece::Start(name));
                    return Ok(());
                }
                self.lex = Lex::Str {
                    key,
                    start: self.doc.len(),
                    escaped: false,
                };
            }
            b'{' | b'[' => {
                if self.stack.len() >= MAX_DEPTH {
                    return Err(bad("the publish body is nested too deeply".into()));
                }
                self.stack.push(if b == b'{' {
                    Frame::Object {
                        key: None,
                        expect_key: true,
                    }
                } else {
                    Frame::Array
                });
            }
            b'}' | b']' => {
                self.stack.pop();
            }
            b',' => {
                if let Some(Frame::Object { key, expect_key }) = self.stack.last_mut() {
                    *key = None;
                    *expect_key = true;
                }
            }
            _ => {}
        }
        self.doc.push(b);
        Ok(())
    }

    /// The attachment whose `data` value starts here, if it does: the path is
    /// `_attachments.<name>.data` from the document's root object.
    fn attachment_data(&self) -> Option<String> {
        let key = |i: usize| match self.stack.get(i) {
            Some(Frame::Object {
                key: Some(k),
                expect_key: false,
            }) => Some(k.as_str()),
            _ => None,
        };
        (self.stack.len() == 3 && key(0) == Some("_attachments") && key(2) == Some("data"))
            .then(|| key(1).map(str::to_string))
            .flatten()
    }

    fn data_byte(
        &mut self,
        b: u8,
        escape: DataEscape,
        pieces: &mut Vec<Piece>,
    ) -> Result<(), DpError> {
        let not_base64 = || bad("an attachment's data is not base64".into());
        match escape {
            DataEscape::None => match b {
                b'"' => {
                    let rest = std::mem::take(&mut self.pending);
                    if !rest.is_empty() {
                        pieces.push(Piece::Bytes(decode(&rest)?));
                    }
                    pieces.push(Piece::End);
                    self.lex = Lex::Between;
                }
                b'\\' => self.lex = Lex::Data(DataEscape::Backslash),
                _ => self.base64_char(b)?,
            },
            DataEscape::Backslash => {
                self.lex = Lex::Data(DataEscape::None);
                match b {
                    b'/' => self.base64_char(b'/')?,
                    // Line breaks some encoders insert.
                    b'n' | b'r' => {}
                    b'u' => {
                        self.lex = Lex::Data(DataEscape::Unicode {
                            digits: 0,
                            value: 0,
                        });
                    }
                    _ => return Err(not_base64()),
                }
            }
            DataEscape::Unicode { digits, value } => {
                let digit = char::from(b).to_digit(16).ok_or_else(not_base64)?;
                let value = value * 16 + digit;
                if digits < 3 {
                    self.lex = Lex::Data(DataEscape::Unicode {
                        digits: digits + 1,
                        value,
                    });
                } else {
                    self.lex = Lex::Data(DataEscape::None);
                    let c = u8::try_from(value).map_err(|_| not_base64())?;
                    self.base64_char(c)?;
                }
            }
        }
        Ok(())
    }

    fn base64_char(&mut self, c: u8) -> Result<(), DpError> {
        match c {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'+' | b'/' if !self.padded => {
                self.pending.push(c);
            }
            b'=' => {
                self.padded = true;
                self.pending.push(c);
            }
            b'\n' | b'\r' | b' ' => {}
            _ => return Err(bad("an attachment's data is not base64".into())),
        }
        Ok(())
    }
}

fn decode(chars: &[u8]) -> Result<Vec<u8>, DpError> {
    base64::engine::general_purpose::STANDARD
        .decode(chars)
        .map_err(|e| bad(format!("an attachment's data is not base64: {e}")))
}

fn bad(message: String) -> DpError {
    DpError::bad_request(message)
}

/// Reads a publish body: the document (attachments' data emptied) and each attachment staged.
/// A body over `limit` bytes, a document over `max_doc` or an attachment over the asset quota:
/// 413, as soon as it passes.
pub async fn read(
    blobs: &BlobStore,
    body: Body,
    max_doc: usize,
    limit: u64,
) -> Result<(Value, BTreeMap<String, StagedBlob>), DpError> {
    let mut splitter = Splitter::new(max_doc);
    let mut staged = BTreeMap::new();
    let mut current: Option<(String, Stager)> = None;
    let mut stream = body.into_data_stream();
    let mut total = 0u64;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| bad(format!("reading the publish body: {e}")))?;
        total += chunk.len() as u64;
        if total > limit {
            return Err(super::body::too_large(limit));
        }
        for piece in splitter.feed(&chunk)? {
            match (piece, current.as_mut()) {
                (Piece::Start(name), _) => current = Some((name, blobs.stager()?)),
                (Piece::Bytes(bytes), Some((_, stager))) => stager.write(&bytes).await?,
                (Piece::End, Some(_)) => {
                    if let Some((name, stager)) = current.take() {
                        let blob = stager.finish().await?;
                        if staged.insert(name.clone(), blob).is_some() {
                            return Err(bad(format!("attachment {name} appears twice")));
                        }
                    }
                }
                // The splitter only hands out bytes and ends after a start.
                (Piece::Bytes(_) | Piece::End, None) => {}
            }
        }
    }
    let doc = splitter.finish()?;
    let doc = serde_json::from_slice(&doc)
        .map_err(|e| bad(format!("the publish body is not JSON: {e}")))?;
    Ok((doc, staged))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Feeds `body` in chunks of `size`; returns the document and each attachment's bytes.
    fn split(body: &[u8], size: usize) -> Result<(Value, BTreeMap<String, Vec<u8>>), DpError> {
        let mut s = Splitter::new(1 << 20);
        let mut out = BTreeMap::new();
        let mut current = None;
        for chunk in body.chunks(size) {
            for piece in s.feed(chunk)? {
                match piece {
                    Piece::Start(name) => current = Some((name, Vec::new())),
                    Piece::Bytes(b) => current.as_mut().unwrap().1.extend(b),
                    Piece::End => {
                        let (name, bytes) = current.take().unwrap();
                        out.insert(name, bytes);
                    }
                }
            }
        }
        Ok((serde_json::from_slice(&s.finish()?).unwrap(), out))
    }

    #[test]
    fn attachments_are_decoded_and_emptied_from_the_document_in_any_chunking() {
        let tgz: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
        let b64 = base64::engine::general_purpose::STANDARD.encode(&tgz);
        let body = json!({
            "name": "@s/p", "data": "not an attachment", "readme": "a \"quoted\" \\ text",
            "versions": {"1.0.0": {"dist": {"data": "kept"}}},
            "_attachments": {"@s/p-1.0.0.tgz": {"content_type": "x", "data": b64, "length": 1000}}
        })
        .to_string();
        for size in [1, 3, 4, 7, 64, body.len()] {
            let (doc, attached) = split(body.as_bytes(), size).unwrap();
            assert_eq!(attached["@s/p-1.0.0.tgz"], tgz, "chunks of {size}");
            assert_eq!(doc["_attachments"]["@s/p-1.0.0.tgz"]["data"], "");
            assert_eq!(doc["_attachments"]["@s/p-1.0.0.tgz"]["length"], 1000);
            assert_eq!(doc["data"], "not an attachment");
            assert_eq!(doc["versions"]["1.0.0"]["dist"]["data"], "kept");
            assert_eq!(doc["readme"], "a \"quoted\" \\ text");
        }
        // Escaped keys and escaped slashes, as other encoders write them.
        let escaped = r#"{"_attach\u006dents":{"a\/b":{"d\u0061ta":"aGk\/\u0041A=="}}}"#;
        let (doc, attached) = split(escaped.as_bytes(), 2).unwrap();
        assert_eq!(attached["a/b"], b"hi?\0");
        assert_eq!(doc["_attachments"]["a/b"]["data"], "");
    }

    #[test]
    fn malformed_bodies_are_refused() {
        for body in [
            r#"{"_attachments":{"a":{"data":"!!!!"}}}"#,
            r#"{"_attachments":{"a":{"data":"AA==AAAA"}}}"#,
            r#"{"_attachments":{"a":{"data":"AAA"}}}"#,
            r#"{"_attachments":{"a":{"data":"AA\tAA"}}}"#,
            r#"{"_attachments":{"a":{"data":"AAAA"#,
            r#"{"name": "x""#,
        ] {
            assert!(split(body.as_bytes(), 3).is_err(), "{body}");
        }
        let deep = "[".repeat(MAX_DEPTH + 1);
        assert!(split(deep.as_bytes(), 100).is_err());
        let mut small = Splitter::new(10);
        let e = small.feed(br#"{"name": "longer than ten"}"#).unwrap_err();
        assert_eq!(e.status, axum::http::StatusCode::PAYLOAD_TOO_LARGE);
    }
}
