mod error;
mod model;
mod ops;
mod output;

use std::io::{Read, Write};

/// Branch `output` only: `codeartifact __output[-paged] FORMAT [QUERY] < response.json` prints a
/// response through the output layer, for trying formats by hand. The lead's main replaces it.
fn main() {
    let _ = ops::OPERATIONS;
    let _ = model::model();
    let args: Vec<String> = std::env::args().collect();
    let paged = args.get(1).map(String::as_str) == Some("__output-paged");
    if args.len() < 3 || !(paged || args[1] == "__output") {
        eprintln!("usage: codeartifact __output[-paged] FORMAT [QUERY] < response.json");
        std::process::exit(252);
    }
    let fail = |msg: String, code: i32| -> ! {
        eprintln!("\n{msg}");
        std::process::exit(code)
    };
    let format = args[2]
        .parse::<output::Format>()
        .unwrap_or_else(|e| fail(e, 252));
    let query = args
        .get(3)
        .map(|q| output::Query::parse(q).unwrap_or_else(|e| fail(e, 252)));
    let mut input = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut input) {
        fail(e.to_string(), 255);
    }
    let value: serde_json::Value =
        serde_json::from_str(&input).unwrap_or_else(|e| fail(e.to_string(), 252));
    let opts = output::Options {
        format,
        query,
        color: output::Color::Auto,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // __output-paged reads {"full", "pages", "result_keys", "resume_token"}.
    let doc = if paged {
        let strings = |v: &serde_json::Value| -> Vec<String> {
            v.as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|s| s.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default()
        };
        output::Document::Paged {
            full: value["full"].clone(),
            paged: output::Paged {
                result_keys: strings(&value["result_keys"]),
                non_aggregate: serde_json::Map::new(),
                pages: value["pages"].as_array().cloned().unwrap_or_default(),
                resume_token: value["resume_token"].as_str().map(String::from),
            },
        }
    } else {
        output::Document::Single(value)
    };
    match output::write(&doc, "ListPackages", &opts, &mut out) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => {
            let _ = out.flush();
            fail(e.to_string(), 255)
        }
    }
    // iso8601_local is used by ops::conv, which this testing main does not reach.
    let _ = output::iso8601_local as fn(i64, u32) -> String;
}
