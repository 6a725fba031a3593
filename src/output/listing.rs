//! A paginated result on its way to stdout. The pager hands pages over as they arrive; which
//! formats can print them at once and which need the whole result is the output's business,
//! decided here:
//! - text, and json without `--query`, print page by page (memory stays bounded for any
//!   listing; see stream.rs for why the bytes are still the AWS CLI's), on a thread of their own;
//! - json with `--query`, yaml and table read the aggregate, yaml-stream the pages: they are
//!   collected, then printed by [`super::print`].

use std::sync::mpsc;
use std::thread::JoinHandle;

use serde_json::{Map, Value};

use super::stream::{JsonListing, TextPages};
use super::{Document, Format, Options, Paged, stdout};
use crate::error::{Error, Result};

/// A listing being printed. `page` for each page in order, then `finish` (or `abandon` when
/// fetching failed).
pub struct Listing {
    operation: String,
    options: Options,
    key: String,
    sink: Sink,
}

enum Sink {
    Print(Printer),
    Collect {
        keep_pages: bool,
        pages: Vec<Value>,
        all: Option<Vec<Value>>,
    },
}

impl Listing {
    /// `result_key` is the paginator's result key (e.g. `packages`); `operation` the model name
    /// (table titles).
    pub fn start(operation: &str, result_key: &str, options: &Options) -> Listing {
        let sink = match (&options.format, &options.query) {
            (Format::Json, None) => {
                Sink::Print(Printer::start(Streamed::Json(JsonListing::new(result_key))))
            }
            (Format::Text, query) => Sink::Print(Printer::start(Streamed::Text(TextPages::new(
                vec![result_key.to_string()],
                query.clone(),
            )))),
            (format, _) => Sink::Collect {
                // yaml-stream reads pages; json (queried), yaml and table read the aggregate.
                keep_pages: matches!(format, Format::YamlStream),
                pages: Vec::new(),
                all: None,
            },
        };
        Listing {
            operation: operation.to_string(),
            options: options.clone(),
            key: result_key.to_string(),
            sink,
        }
    }

    /// The next page; `first` carries the non-aggregate members, given with the first page only.
    pub fn page(&mut self, mut page: Value, first: Option<&Map<String, Value>>) -> Result<()> {
        match &mut self.sink {
            Sink::Print(printer) => printer.send(Printed::Page(page, first.cloned())),
            Sink::Collect {
                keep_pages: true,
                pages,
                ..
            } => {
                pages.push(page);
                Ok(())
            }
            Sink::Collect { all, .. } => {
                // Move the items out: one copy of a long listing, not two.
                if let Some(Value::Array(items)) = page.get_mut(&self.key) {
                    all.get_or_insert_with(Vec::new).append(items);
                }
                Ok(())
            }
        }
    }

    /// Ends the listing: prints the rest (the non-aggregate members, the `NextToken` to resume
    /// from), or the whole collected result.
    pub fn finish(self, non_aggregate: Map<String, Value>, resume: Option<String>) -> Result<()> {
        match self.sink {
            Sink::Print(mut printer) => {
                printer.send(Printed::End(non_aggregate, resume))?;
                printer.wait()
            }
            Sink::Collect { pages, all, .. } => {
                // build_full_result: the result key aggregated, then the non-aggregate members,
                // then NextToken.
                let mut full = Map::new();
                if let Some(all) = all {
                    full.insert(self.key.clone(), Value::Array(all));
                }
                for (k, v) in &non_aggregate {
                    if !full.contains_key(k) {
                        full.insert(k.clone(), v.clone());
                    }
                }
                if let Some(token) = &resume {
                    full.insert("NextToken".into(), Value::from(token.clone()));
                }
                let doc = Document::Paged {
                    full: Value::Object(full),
                    paged: Paged {
                        result_keys: vec![self.key],
                        non_aggregate,
                        pages,
                        resume_token: resume,
                    },
                };
                super::print(&doc, &self.operation, &self.options)
            }
        }
    }

    /// Ends a listing whose next page failed with `error`: what was fetched is printed first (the
    /// AWS CLI prints nothing, but a listing streamed to stdout cannot take it back), and the
    /// error is returned, unless stdout was closed meanwhile, which ends the command quietly.
    pub fn abandon(self, error: Error) -> Error {
        match self.sink {
            Sink::Print(mut printer) => match printer.wait() {
                Err(Error::OutputClosed) => Error::OutputClosed,
                _ => error,
            },
            Sink::Collect { .. } => error,
        }
    }
}

/// The outputs printed page by page.
enum Streamed {
    Json(JsonListing),
    Text(TextPages),
}

/// What the printing thread is given: a page (with the non-aggregate members on the first one),
/// then the end of the listing.
enum Printed {
    Page(Value, Option<Map<String, Value>>),
    End(Map<String, Value>, Option<String>),
}

/// Prints a listing on a thread of its own, so that page N is formatted, written and freed while
/// page N+1 is fetched and parsed: over 100 pages of 1,000 packages the two halves cost about the
/// same, and a listing is otherwise one long chain of both (bench/list_packages.sh). At most two
/// pages wait in the channel, so memory stays bounded.
struct Printer {
    pages: Option<mpsc::SyncSender<Printed>>,
    thread: Option<JoinHandle<Result<()>>>,
}

impl Printer {
    fn start(mut listing: Streamed) -> Printer {
        let (tx, rx) = mpsc::sync_channel::<Printed>(2);
        let thread = std::thread::spawn(move || {
            let mut out = stdout::writer();
            for printed in rx {
                let written = match (&mut listing, printed) {
                    (Streamed::Json(l), Printed::Page(page, _)) => l.page(&mut out, &page),
                    (Streamed::Text(t), Printed::Page(page, first)) => {
                        t.page(&mut out, &page, first.as_ref())
                    }
                    (Streamed::Json(l), Printed::End(non_aggregate, resume)) => {
                        l.finish(&mut out, &non_aggregate, resume.as_deref())
                    }
                    (Streamed::Text(t), Printed::End(_, resume)) => {
                        t.finish(&mut out, resume.as_deref())
                    }
                };
                stdout::quiet_when_closed(written)?;
            }
            // The listing ended (or failed): what was printed reaches stdout before any error
            // message does.
            stdout::quiet_when_closed(std::io::Write::flush(&mut out))
        });
        Printer {
            pages: Some(tx),
            thread: Some(thread),
        }
    }

    fn send(&mut self, printed: Printed) -> Result<()> {
        let sent = self
            .pages
            .as_ref()
            .is_some_and(|tx| tx.send(printed).is_ok());
        if sent {
            Ok(())
        } else {
            // The thread stopped on a write error: that error is the one to report.
            self.wait()
        }
    }

    /// Closes the channel and waits for the thread to print everything it was given.
    fn wait(&mut self) -> Result<()> {
        self.pages = None;
        match self.thread.take().map(JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(_)) => Err(Error::other("the output thread panicked")),
            None => Ok(()),
        }
    }
}

impl Drop for Printer {
    /// A listing dropped half way (an error on the way out) still prints what it was given.
    fn drop(&mut self) {
        let _ = self.wait();
    }
}
