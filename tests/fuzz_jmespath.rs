//! Fuzz target: the `--query` JMESPath parser and evaluator (src/output/parser.rs, query.rs).
//!
//! Inputs: expressions built from the whole grammar (every operator and function) over small
//! JSON documents, arbitrary strings of JMESPath characters, and constructs nested up to
//! 3,000 deep. Properties: parsing and evaluating never panic or overflow the stack (a crash
//! fails the whole target); nesting beyond the bound is Python's RecursionError message; and on
//! a sample of the grammar cases the result (value, or error) is the one Python's jmespath
//! (the AWS CLI's) gives.

mod fuzz_support;

use std::sync::Mutex;

use codeartifact::output::Query;
use proptest::prelude::*;
use serde_json::{Value, json};

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-5i64..20).prop_map(|i| json!(i)),
        prop_oneof![Just("a"), Just("b"), Just("foo"), Just(""), Just("1")].prop_map(|s| json!(s)),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![Just("a"), Just("b"), Just("foo"), Just("c")],
                    inner
                ),
                0..4
            )
            .prop_map(|kv| Value::Object(
                kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
            )),
        ]
    })
}

fn expression() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        prop_oneof![
            Just("a"),
            Just("b"),
            Just("foo"),
            Just("c"),
            Just("@"),
            Just("\"a\"")
        ]
        .prop_map(str::to_string),
        prop_oneof![
            Just("`1`"),
            Just("`\"a\"`"),
            Just("`[1,2]`"),
            Just("`{\"a\":1}`"),
            Just("`null`"),
            Just("'x'"),
            Just("`true`")
        ]
        .prop_map(str::to_string),
    ];
    leaf.prop_recursive(4, 32, 3, |e| {
        let e2 = (e.clone(), e.clone());
        let id = prop_oneof![Just("a"), Just("b"), Just("foo")];
        prop_oneof![
            (e.clone(), id.clone()).prop_map(|(x, i)| format!("{x}.{i}")),
            (e.clone(), -3i32..4).prop_map(|(x, n)| format!("{x}[{n}]")),
            (e.clone(), -2i32..3, -2i32..3, 1i32..3)
                .prop_map(|(x, a, b, s)| format!("{x}[{a}:{b}:{s}]")),
            e.clone().prop_map(|x| format!("{x}[*]")),
            e.clone().prop_map(|x| format!("{x}[]")),
            e.clone().prop_map(|x| format!("{x}.*")),
            e2.clone().prop_map(|(x, c)| format!("{x}[?{c}]")),
            e2.clone().prop_map(|(x, y)| format!("{x} | {y}")),
            e2.clone().prop_map(|(x, y)| format!("{x} || {y}")),
            e2.clone().prop_map(|(x, y)| format!("{x} && {y}")),
            e.clone().prop_map(|x| format!("!{x}")),
            e.clone().prop_map(|x| format!("({x})")),
            (
                e2.clone(),
                prop_oneof![
                    Just("=="),
                    Just("!="),
                    Just("<"),
                    Just("<="),
                    Just(">"),
                    Just(">=")
                ]
            )
                .prop_map(|((x, y), op)| format!("{x} {op} {y}")),
            e2.clone().prop_map(|(x, y)| format!("[{x}, {y}]")),
            e2.clone().prop_map(|(x, y)| format!("{{k: {x}, v: {y}}}")),
            (
                prop_oneof![
                    Just("length"),
                    Just("keys"),
                    Just("values"),
                    Just("sort"),
                    Just("max"),
                    Just("min"),
                    Just("sum"),
                    Just("avg"),
                    Just("type"),
                    Just("to_string"),
                    Just("to_number"),
                    Just("reverse"),
                    Just("abs"),
                    Just("ceil"),
                    Just("floor"),
                    Just("to_array"),
                    Just("not_null")
                ],
                e.clone()
            )
                .prop_map(|(f, x)| format!("{f}({x})")),
            (
                prop_oneof![
                    Just("contains"),
                    Just("starts_with"),
                    Just("ends_with"),
                    Just("merge"),
                    Just("not_null")
                ],
                e2.clone()
            )
                .prop_map(|(f, (x, y))| format!("{f}({x}, {y})")),
            (
                prop_oneof![Just("sort_by"), Just("max_by"), Just("min_by"), Just("map")],
                e2.clone()
            )
                .prop_map(|(f, (x, y))| if f == "map" {
                    format!("map(&{y}, {x})")
                } else {
                    format!("{f}({x}, &{y})")
                }),
            e.clone().prop_map(|x| format!("join(',', {x})")),
        ]
    })
}

/// Characters of the grammar in any order: the lexer's and parser's error paths.
fn noise() -> impl Strategy<Value = String> {
    prop::string::string_regex(r#"[a-c@.\[\]*?|&!=<>(){}:,'`" 0-9\-\\]{0,40}"#).expect("regex")
}

/// One construct nested `n` deep: the recursion bound.
fn deep() -> impl Strategy<Value = String> {
    (0usize..3000, 0usize..6).prop_map(|(n, kind)| match kind {
        0 => "!".repeat(n) + "a",
        1 => "(".repeat(n) + "a" + &")".repeat(n),
        2 => "[".repeat(n) + "a" + &"]".repeat(n),
        3 => "a|".repeat(n) + "a",
        4 => "a.".repeat(n) + "a",
        _ => "length(".repeat(n) + "@" + &")".repeat(n),
    })
}

#[derive(Debug, Clone)]
enum Case {
    Grammar(String, Value),
    Noise(String, Value),
    Deep(String),
}

/// An expression, its document, and our result.
type Sampled = (String, Value, Result<Value, String>);

fn evaluate(expr: &str, data: &Value) -> Result<Value, String> {
    let q = Query::parse(expr)?;
    q.search(data).map(|v| v.into_owned())
}

#[test]
fn jmespath_never_panics_and_agrees_with_python() {
    fuzz_support::on_main_sized_stack(fuzz);
}

fn fuzz() {
    let sample: Mutex<Vec<Sampled>> = Mutex::new(Vec::new());
    let strategy = prop_oneof![
        6 => (expression(), json_value()).prop_map(|(e, d)| Case::Grammar(e, d)),
        2 => (noise(), json_value()).prop_map(|(e, d)| Case::Noise(e, d)),
        1 => deep().prop_map(Case::Deep),
    ];
    fuzz_support::run("jmespath", 3000, strategy, |case| {
        match case {
            Case::Grammar(expr, data) => {
                let got = evaluate(&expr, &data);
                let mut s = sample.lock().unwrap();
                if s.len() < 600 {
                    s.push((expr, data, got));
                }
            }
            Case::Noise(expr, data) => {
                let _ = evaluate(&expr, &data);
            }
            Case::Deep(expr) => {
                if let Err(e) = evaluate(&expr, &json!({"a": 1})) {
                    prop_assert!(
                        !e.contains("maximum recursion") || e.ends_with(Query::RECURSION),
                        "{e}"
                    );
                }
            }
        }
        Ok(())
    });

    // The sample against Python's jmespath, in one process.
    let sample = sample.into_inner().unwrap();
    let input: String = sample
        .iter()
        .map(|(e, d, _)| json!([e, d]).to_string() + "\n")
        .collect();
    let program = r#"
import sys, json, jmespath
for line in sys.stdin:
    expr, data = json.loads(line)
    try:
        print(json.dumps({"ok": jmespath.search(expr, data)}))
    except Exception as e:
        print(json.dumps({"error": type(e).__name__}))
"#;
    let out = fuzz_support::python(program, &input);
    let mut differ = Vec::new();
    for ((expr, data, ours), theirs) in sample.iter().zip(out.lines()) {
        let theirs: Value = serde_json::from_str(theirs).expect("JSON from python");
        let same = match (ours, theirs.get("ok")) {
            (Ok(v), Some(p)) => numbers_equal(v, p),
            (Err(_), None) => true,
            _ => false,
        };
        if !same {
            differ.push(format!("{expr} on {data}: ours {ours:?}, python {theirs}"));
        }
    }
    let values = out.lines().filter(|l| l.starts_with("{\"ok\"")).count();
    assert!(
        values * 4 > sample.len(),
        "only {values} of {} sample cases evaluate: the grammar generator is broken",
        sample.len()
    );
    assert!(
        differ.is_empty(),
        "{} of {} differ from Python's jmespath:\n{}",
        differ.len(),
        sample.len(),
        differ.join("\n")
    );
}

/// JSON equality where Python's `1.0` and our `1.0` may be spelled `1` by one side.
fn numbers_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| numbers_equal(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| numbers_equal(v, w)))
        }
        _ => a == b,
    }
}
