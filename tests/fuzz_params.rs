//! Fuzz target: the parameter layer (src/cli/params*: scalars, JSON, shorthand, `file://` and
//! `fileb://`, `--cli-input-json`, botocore's validation) down to the SDK's request builder.
//!
//! Inputs: any of the 48 operations with any subset of its members, each given as the
//! command line could give it (text of every size up to 70,000 characters, numbers, JSON and
//! shorthand for structures, `file://` of a file with random content), plus a random
//! `--cli-input-json`. Properties: building the parameters never panics; parameters that pass
//! validation are sent through the SDK (to a closed port on 127.0.0.1) and its request builder
//! never panics either (the 64 KiB URI case); and any JSON document comes back from the
//! Python-compatible JSON reader as it went in.

mod fuzz_support;

use std::io::Write;

use codeartifact::cli::params::pyjson;
use codeartifact::cli::params::{self, ArgKind, RawArg};
use codeartifact::model::{Kind, model};
use proptest::prelude::*;
use serde_json::{Value, json};

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|i| json!(i)),
        "[a-zA-Z0-9 é\\\\\"'\\n\\t]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 20, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("[a-zA-Z]{1,8}", inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// A command-line string: short words, JSON, shorthand, numbers, huge text.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z0-9._/@:=,\\-]{0,16}",
        2 => json_value().prop_map(|v| v.to_string()),
        2 => "[a-z]{1,5}=[a-z0-9]{0,5}(,[a-z]{1,5}=[a-z0-9\\[\\]{}]{0,5}){0,3}",
        1 => prop_oneof![Just("-1"), Just("0"), Just("99999999999999999999999"), Just("1.5"), Just("true"), Just("")]
            .prop_map(str::to_string),
        1 => (60_000usize..70_000, "[a-z%/ ]").prop_map(|(n, c)| c.repeat(n)),
        1 => "[^\\x00]{0,20}",
    ]
}

#[derive(Debug, Clone)]
enum Case {
    Call {
        op: usize,
        members: Vec<(usize, Vec<String>, bool)>,
        file: Option<String>,
        cli_input: Option<Value>,
    },
    Json(Value, bool),
}

fn case() -> impl Strategy<Value = Case> {
    let call = (
        0usize..48,
        prop::collection::vec(
            (
                0usize..32,
                prop::collection::vec(text(), 0..3),
                any::<bool>(),
            ),
            0..6,
        ),
        prop::option::of("[^\\x00]{0,40}"),
        prop::option::weighted(0.2, json_value()),
    )
        .prop_map(|(op, members, file, cli_input)| Case::Call {
            op,
            members,
            file,
            cli_input,
        });
    prop_oneof![4 => call, 1 => (json_value(), any::<bool>()).prop_map(|(v, pretty)| Case::Json(v, pretty))]
}

#[test]
fn parameters_never_panic_from_the_command_line_to_the_request() {
    fuzz_support::on_main_sized_stack(fuzz);
}

fn fuzz() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    // A closed port on loopback: every request that gets built is refused at once.
    let conf = aws_sdk_codeartifact::Config::builder()
        .behavior_version(aws_sdk_codeartifact::config::BehaviorVersion::latest())
        .region(aws_sdk_codeartifact::config::Region::new("us-east-1"))
        .endpoint_url("http://127.0.0.1:9")
        .credentials_provider(aws_sdk_codeartifact::config::Credentials::new(
            "AKID", "secret", None, None, "fuzz",
        ))
        .retry_config(aws_sdk_codeartifact::config::retry::RetryConfig::disabled())
        .build();
    let service = codeartifact::ops::Service {
        client: aws_sdk_codeartifact::Client::from_conf(conf),
        endpoint: String::new(),
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let ops: Vec<&'static codeartifact::model::Operation> = model().operations.values().collect();
    let counts = std::sync::Mutex::new((0u32, 0u32));

    fuzz_support::run("params", 2000, case(), |case| {
        match case {
            Case::Json(v, pretty) => {
                let text = if pretty {
                    serde_json::to_string_pretty(&v).expect("serialize")
                } else {
                    v.to_string()
                };
                let back = pyjson::loads(&text, false)
                    .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
                prop_assert_eq!(back.to_value(), v);
            }
            Case::Call {
                op,
                members,
                file,
                cli_input,
            } => {
                let op = ops[op % ops.len()];
                let input = model().input(op);
                let path = dir.path().join("param");
                let mut args: Vec<(String, RawArg)> = Vec::new();
                for (i, mut values, flag) in members {
                    if input.members.is_empty() {
                        break;
                    }
                    let (name, member) = &input.members[i % input.members.len()];
                    if args.iter().any(|(n, _)| n == name) {
                        continue;
                    }
                    if let Some(content) = &file
                        && let Some(v) = values.first_mut()
                    {
                        std::fs::File::create(&path)
                            .and_then(|mut f| f.write_all(content.as_bytes()))
                            .expect("write the parameter file");
                        let scheme = if model().shape(&member.shape).kind == Kind::Blob {
                            "fileb"
                        } else {
                            "file"
                        };
                        *v = format!("{scheme}://{}", path.display());
                    }
                    let raw = match params::arg_kind(&member.shape) {
                        ArgKind::Flag => RawArg::Flag(flag),
                        ArgKind::Single => RawArg::Values(values.into_iter().take(1).collect()),
                        ArgKind::List => RawArg::Values(values),
                        ArgKind::BlobPath => RawArg::Values(vec![path.display().to_string()]),
                    };
                    args.push((name.clone(), raw));
                }
                let cli_input = cli_input.map(|v| v.to_string());
                if let Ok(value) = params::build_params(&op.name, &args, cli_input.as_deref()) {
                    let result = runtime.block_on(service.call(
                        &op.name,
                        &value,
                        codeartifact::output::TimestampFormat::default(),
                    ));
                    let mut c = counts.lock().unwrap();
                    c.0 += 1;
                    c.1 += u32::from(result.is_ok());
                }
            }
        }
        Ok(())
    });
    let (sent, refused) = counts.into_inner().unwrap();
    // The target must reach the SDK, or it proves nothing about the request builder.
    assert!(
        sent > 50,
        "only {sent} parameter sets passed validation ({refused} answered)"
    );
}
