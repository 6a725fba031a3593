//! Fuzz target: the shorthand parser (src/cli/shorthand.rs), `key=value,key2=[a,b],k3={k=v}`.
//!
//! Inputs: values built from the whole syntax (words with every allowed character, single and
//! double quotes with escapes, lists, nested hashes, `@=` keys, whitespace), arbitrary strings
//! of its characters, and lists or hashes nested up to 2,000 deep. Properties: never a panic or
//! stack overflow; and every input of a sample parses to the same value, or fails, as awscli's
//! own `ShorthandParser` does.

mod fuzz_support;

use std::sync::Mutex;

use codeartifact::cli::shorthand::Parser;
use proptest::prelude::*;
use serde_json::{Value, json};

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::string::string_regex(r"[a-zA-Z0-9_.#/:\-]{1,6}").expect("regex"),
        prop::string::string_regex(r"[a-z0-9 !#$%&()*+\-./:;<>?@^_|~é]{1,8}").expect("regex"),
        prop::string::string_regex(r"'([a-z ,=\[\]{}\\]|\\'){0,6}'").expect("regex"),
        prop::string::string_regex(r#""([a-z ,=\[\]{}\\]|\\"){0,6}""#).expect("regex"),
    ]
}

fn value() -> impl Strategy<Value = String> {
    word().prop_recursive(3, 16, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec((key(), inner), 0..3).prop_map(|kv| {
                let pairs: Vec<String> = kv.into_iter().map(|(k, v)| format!("{k}={v}")).collect();
                format!("{{{}}}", pairs.join(","))
            }),
        ]
    })
}

fn key() -> impl Strategy<Value = String> {
    prop::string::string_regex(r"[a-zA-Z0-9_.#/:\-]{1,5}").expect("regex")
}

fn shorthand() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            key(),
            prop_oneof![Just("="), Just(" = "), Just("@=")],
            value(),
            prop::collection::vec(word(), 0..2),
        ),
        1..4,
    )
    .prop_map(|items| {
        items
            .into_iter()
            .map(|(k, eq, v, extra)| {
                let mut s = format!("{k}{eq}{v}");
                // `k=a,b` is a list; after a list or a hash a bare word is an error.
                let scalar = !v.starts_with(['[', '{']);
                for e in extra.into_iter().filter(|_| scalar) {
                    s.push(',');
                    s.push_str(&e);
                }
                s
            })
            .collect::<Vec<_>>()
            .join(",")
    })
}

fn noise() -> impl Strategy<Value = String> {
    prop::string::string_regex(r#"[a-c=,\[\]{}'" @\\.:\-]{0,30}"#).expect("regex")
}

fn deep() -> impl Strategy<Value = String> {
    (0usize..2000, any::<bool>()).prop_map(|(n, list)| {
        if list {
            format!("a={}b{}", "[".repeat(n), "]".repeat(n))
        } else {
            format!("{}{}", "a={".repeat(n), "}".repeat(n)).replacen("a={", "a=", 0)
        }
    })
}

#[test]
fn shorthand_never_panics_and_agrees_with_awscli() {
    fuzz_support::on_main_sized_stack(fuzz);
}

fn fuzz() {
    let sample: Mutex<Vec<(String, Option<Value>)>> = Mutex::new(Vec::new());
    let strategy = prop_oneof![
        6 => shorthand().prop_map(|s| (s, true)),
        3 => noise().prop_map(|s| (s, false)),
        1 => deep().prop_map(|s| (s, false)),
    ];
    fuzz_support::run("shorthand", 5000, strategy, |(input, grammar)| {
        let ours = Parser::parse(&input).ok().map(|py| py.to_value());
        let mut s = sample.lock().unwrap();
        if grammar && s.len() < 800 {
            s.push((input, ours));
        }
        Ok(())
    });

    let sample = sample.into_inner().unwrap();
    let input: String = sample
        .iter()
        .map(|(s, _)| json!(s).to_string() + "\n")
        .collect();
    let program = r#"
import sys, json
from awscli.shorthand import ShorthandParser
for line in sys.stdin:
    try:
        print(json.dumps({"ok": ShorthandParser().parse(json.loads(line))}))
    except Exception as e:
        print(json.dumps({"error": type(e).__name__}))
"#;
    let out = fuzz_support::python(program, &input);
    let mut differ = Vec::new();
    let mut parsed = 0;
    for ((text, ours), theirs) in sample.iter().zip(out.lines()) {
        let theirs: Value = serde_json::from_str(theirs).expect("JSON from python");
        parsed += usize::from(theirs.get("ok").is_some());
        if ours.as_ref() != theirs.get("ok") {
            differ.push(format!("{text:?}: ours {ours:?}, awscli {theirs}"));
        }
    }
    assert!(
        parsed * 3 > sample.len(),
        "only {parsed} of {} parse: the generator is broken",
        sample.len()
    );
    assert!(
        differ.is_empty(),
        "{} of {} differ from awscli's ShorthandParser:\n{}",
        differ.len(),
        sample.len(),
        differ.join("\n")
    );
}
