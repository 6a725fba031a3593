//! Differential tests: the same inputs through this port and through AWS CLI v1 itself
//! (`oracle.py`, run with the repository's `.venv`), compared byte for byte.
//!
//! The venv is required: without it these tests fail rather than skip, so a missing oracle can
//! never pass for agreement.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use super::py::Py;
use super::*;
use crate::cli::shorthand;

fn python() -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python");
    assert!(
        p.exists(),
        "{} is missing: the AWS CLI oracle venv is required for these tests",
        p.display()
    );
    p
}

fn oracle(cases: &[Value]) -> Vec<Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/cli/params/oracle.py");
    let mut child = Command::new(python())
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("run the oracle");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(Value::Array(cases.to_vec()).to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().expect("oracle output");
    assert!(out.status.success(), "oracle failed");
    let results: Vec<Value> = serde_json::from_slice(&out.stdout).expect("oracle JSON");
    assert_eq!(results.len(), cases.len());
    results
}

fn usage_text(e: Error) -> String {
    match e {
        Error::Usage(m) => m,
        other => panic!("expected a usage error, got {other:?}"),
    }
}

// ----------------------------------------------------------------------------------------------
// The shorthand parser and the JSON decoder, on their own

const SHORTHAND: &[&str] = &[
    "a=b",
    "a=b,c=d",
    "a=b,c",
    "a=b,c,d=e",
    "a=b, c=d",
    "a = b , c = d",
    "a=b,c,d,e=f,g",
    "a=",
    "a=,b=c",
    "a",
    "",
    "=b",
    "a=b,,c=d",
    "key=a,,value=b",
    "a=b,a=c",
    "a=[b,c],d=[]",
    "a=[ b , c ]",
    "a=[b,[c,d]]",
    "a=[b,{c=d}]",
    "a={b=c,d={e=f}}",
    "a={b=[c,d]}",
    "a={}",
    "a={b=c",
    "a=[b",
    "a=[b,c",
    "a={b}",
    "a='b,c'",
    "a=\"b,c\"",
    "a='it\\'s'",
    "a=\"say \\\"hi\\\"\"",
    "a='b\\\\c'",
    "a='unterminated",
    "a='x\\'",
    "a='x\\'y\\'",
    "a=b\\,c",
    "a=b\\,c,d=e",
    "a=b c",
    "a=b ,c=d",
    "a=b\n,c=d",
    "a=b,\nc==d",
    "a==b",
    "a=b=c",
    "a=é,b=日本",
    "a=😀",
    "a.b-c_d#e/f:g=h",
    "a@=b",
    "a=x}",
    "a=x]",
    "a=[x]y",
    "a={b=c}d",
    "a=b,c='d,e',f",
    "a=!#$%&()*+-./:;<>?^_`|~",
    "a=b\t,c=d",
    "repositoryName=[a",
    "key=k1,value=v1 key=k2,value=v2",
    "a=1,b=true,c=[1,2]",
];

#[test]
fn shorthand_parser_matches_awscli() {
    // Nesting deep enough for CPython's RecursionError: reported, not a stack overflow here.
    let deep = [
        format!("a={}", "[".repeat(5000)),
        format!("a={}", "{b=".repeat(5000)),
    ];
    let inputs: Vec<&str> = SHORTHAND
        .iter()
        .copied()
        .chain(deep.iter().map(String::as_str))
        .collect();
    let cases: Vec<Value> = inputs
        .iter()
        .map(|s| json!({"kind": "shorthand", "value": s}))
        .collect();
    let expected = oracle(&cases);
    for (input, want) in inputs.iter().zip(expected) {
        let got = match shorthand::Parser::parse(input) {
            Ok(v) => v.repr(),
            Err(
                shorthand::Error::Syntax(m)
                | shorthand::Error::Paramfile(m)
                | shorthand::Error::Exception(m),
            ) => {
                format!("ERR {m}")
            }
        };
        assert_eq!(
            got,
            want.as_str().unwrap(),
            "shorthand input {:?}",
            &input[..input.len().min(80)]
        );
    }
}

const JSON: &[&str] = &[
    "{}",
    "[]",
    " { \"a\" : 1 } ",
    "{\"a\": [1, 2.5, -0, 1e3, 1E-7, true, false, null]}",
    "{\"a\":1,\"a\":2,\"b\":3}",
    "{\"é\": \"日本\\u00e9\\ud83d\\ude00\\n\\t\\\\\\/\\\"\"}",
    "[NaN, Infinity, -Infinity]",
    "123456789012345678901234567890123456789012",
    "1.5",
    "-",
    "",
    "   ",
    "{",
    "[",
    "{\"a\"",
    "{\"a\":",
    "{\"a\":1",
    "{\"a\":1,",
    "{\"a\":1,}",
    "[1,]",
    "[1 2]",
    "{\"a\" 1}",
    "{a:1}",
    "{'a':1}",
    "\"abc",
    "\"a\\qb\"",
    "\"a\\u12\"",
    "\"a\\u12g4\"",
    "\"a\\u0041",
    "\"a\\",
    "\"tab\tinside\"",
    "[1]x",
    "{}\n\n  x",
    "[\n  1,\n  2\n  3]",
    "01",
    "1.",
    ".5",
    "1e",
    "1e+",
    "tru",
    "nul",
    "\u{feff}{}",
    "[\"\\ud800\\u0041\"]",
];

#[test]
fn json_decoder_matches_python() {
    let deep = [
        "[".repeat(100_000),
        "{\"a\": ".repeat(5000),
        format!("{}{}", "[".repeat(10), "]".repeat(10)),
    ];
    let inputs: Vec<&str> = JSON
        .iter()
        .copied()
        .chain(deep.iter().map(String::as_str))
        .collect();
    let cases: Vec<Value> = inputs
        .iter()
        .map(|s| json!({"kind": "json", "value": s}))
        .collect();
    let expected = oracle(&cases);
    for (input, want) in inputs.iter().zip(expected) {
        let got = match pyjson::loads(input, true) {
            Ok(v) => v.repr(),
            Err(e) => format!("ERR {e}"),
        };
        // A lone surrogate cannot live in a Rust string (documented U+FFFD substitution).
        if input.contains("\\ud800\\u0041") {
            continue;
        }
        assert_eq!(
            got,
            want.as_str().unwrap(),
            "json input {:?}",
            &input[..input.len().min(80)]
        );
    }
}

// ----------------------------------------------------------------------------------------------
// Whole command lines

/// One command line of the corpus, as a shell would split it. `{f}` stands for the directory of
/// the test files; values never start with `--`, so every `--word` is an option.
const COMMAND_LINES: &[&str] = &[
    // scalars and lengths
    "describe-domain --domain my-domain",
    "describe-domain --domain a",
    "describe-domain --domain ''",
    "describe-domain --domain é --domain-owner 123",
    "describe-domain --domain ab --domain-owner 123456789012",
    "describe-domain --domain '[ab]'",
    "describe-domain --domain '{x}'",
    "describe-domain --domain http://example.invalid/x",
    "create-domain --domain my-domain --encryption-key arn:aws:kms:x",
    // integers and longs
    "list-domains --max-results 5",
    "list-domains --max-results 0",
    "list-domains --max-results ' 7 '",
    "list-domains --max-results 1_0",
    "list-domains --max-results abc",
    "list-domains --max-results 1.5",
    "list-domains --max-results 99999999999999999999999",
    "list-domains --max-results file://{f}/versions.txt",
    "list-domains --max-results 5 --next-token ''",
    "get-authorization-token --domain my-domain --duration-seconds 900",
    "get-authorization-token --domain my-domain --duration-seconds 0",
    "get-authorization-token --domain x --duration-seconds abc",
    "get-authorization-token --domain my-domain --duration-seconds +12",
    "list-repositories-in-domain --domain my-domain --max-results 1001",
    // booleans
    "copy-package-versions --domain my-domain --source-repository src --destination-repository dst \
     --format npm --package pkg --versions 1.0 2.0 --allow-overwrite --no-include-from-upstream",
    "list-associated-packages --domain my-domain --package-group /npm/* --preview",
    // lists of strings
    "untag-resource --resource-arn arn:x --tag-keys a b c",
    "untag-resource --resource-arn arn:x --tag-keys",
    r#"untag-resource --resource-arn arn:x --tag-keys '["a", "b"]'"#,
    r#"untag-resource --resource-arn arn:x --tag-keys '  ["a"]'"#,
    r#"untag-resource --resource-arn arn:x --tag-keys '["a", 1]'"#,
    r#"untag-resource --resource-arn arn:x --tag-keys '["a"'"#,
    r#"untag-resource --resource-arn arn:x --tag-keys '{"a": 1}'"#,
    "untag-resource --resource-arn arn:x --tag-keys a '[b]'",
    "untag-resource --resource-arn arn:x --tag-keys ''",
    "untag-resource --resource-arn arn:x --tag-keys a=b,c=d",
    "untag-resource --resource-arn arn:x --tag-keys file://{f}/text.txt",
    "untag-resource --resource-arn arn:x --tag-keys file://{f}/empty.txt",
    "untag-resource --resource-arn arn:x --tag-keys fileb://{f}/versions.txt",
    "untag-resource --resource-arn arn:x --tag-keys file://{f}/tags.json",
    "untag-resource --resource-arn arn:x --tag-keys a file://{f}/text.txt",
    "delete-package-versions --domain my-domain --repository my-repo --format npm --package pkg \
     --versions 1.0 --expected-status Published",
    "delete-package-versions --domain my-domain --repository my-repo --format npm --package pkg \
     --versions file://{f}/versions.txt",
    // lists of structures: upstreams, tags
    "create-repository --domain my-domain --repository my-repo --upstreams repositoryName=up1 repositoryName=up2",
    "create-repository --domain my-domain --repository my-repo --upstreams repositoryName=up1,foo=bar",
    "create-repository --domain my-domain --repository my-repo --upstreams repositoryName=[a,b]",
    "create-repository --domain my-domain --repository my-repo --upstreams repositoryName=a,b",
    r#"create-repository --domain my-domain --repository my-repo --upstreams '[{"repositoryName": "up"}]'"#,
    r#"create-repository --domain my-domain --repository my-repo --upstreams '{"repositoryName": "up"}' '{"repositoryName": "up2"}'"#,
    r#"create-repository --domain my-domain --repository my-repo --upstreams '{"repositoryName": "up"}' repositoryName=x"#,
    r#"create-repository --domain my-domain --repository my-repo --upstreams repositoryName=x '{"repositoryName": "up"}'"#,
    r#"create-repository --domain my-domain --repository my-repo --upstreams '[{"repositoryName": 5}, {"other": []}, 7]'"#,
    "create-repository --domain my-domain --repository my-repo --upstreams file://{f}/upstreams.json",
    "create-repository --domain my-domain --repository my-repo --upstreams",
    "create-repository --domain my-domain --repository my-repo --upstreams ''",
    "create-repository --domain my-domain --repository my-repo --upstreams repositoryName",
    "create-repository --domain my-domain --repository my-repo --tags key=k1,value=v1 key=k2,value=",
    "create-repository --domain my-domain --repository my-repo --tags 'key=k1,value=v1 key=k2,value=v2'",
    "create-repository --domain my-domain --repository my-repo --tags key=a,value",
    "create-repository --domain my-domain --repository my-repo --tags key=a,value=b,c",
    "create-repository --domain my-domain --repository my-repo --tags key=a,key=b",
    r#"create-repository --domain my-domain --repository my-repo --tags "key='a,b',value=\"c d\"""#,
    r#"create-repository --domain my-domain --repository my-repo --tags '[{"key": {"a": 1}, "value": [1, 2.5, null, true]}]'"#,
    "create-repository --domain my-domain --repository my-repo --tags key={a=b},value=[c]",
    "create-repository --domain my-domain --repository my-repo --tags file://{f}/tags.json",
    "create-repository --domain my-domain --repository my-repo --tags file://{f}/tags-shorthand.txt",
    "create-repository --domain my-domain --repository my-repo --tags key@=file://{f}/text.txt,value=v",
    "create-repository --domain my-domain --repository my-repo --tags key@=fileb://{f}/latin1.bin,value=v",
    "create-repository --domain my-domain --repository my-repo --tags key@=file://{f}/missing.txt,value=v",
    "create-repository --domain my-domain --repository my-repo --tags key=file://{f}/text.txt,value=v",
    r#"create-repository --domain my-domain --repository my-repo --tags key=a,value=b '[{"key": "x"}]'"#,
    // text from files
    "create-repository --domain my-domain --repository my-repo --description file://{f}/crlf.txt",
    "create-repository --domain my-domain --repository my-repo --description file://{f}/missing.txt",
    "create-repository --domain my-domain --repository my-repo --description file://{f}/latin1.bin",
    "create-repository --domain my-domain --repository my-repo --description fileb://{f}/latin1.bin",
    "create-repository --domain my-domain --repository my-repo --description file://{f}/",
    "create-repository --domain my-domain --repository my-repo --description 'file://${CARGO_MANIFEST_DIR}/.gitignore'",
    "create-repository --domain my-domain --repository my-repo --description 'file://$UNSET_VARIABLE_X/x'",
    "create-repository --domain my-domain --repository my-repo --description 'file://~/missing-file-xyz'",
    "update-repository --domain my-domain --repository my-repo --upstreams repositoryName=a repositoryName=bb",
    "tag-resource --resource-arn arn:x --tags key=a,value=b",
    "tag-resource --resource-arn '' --tags key=,value=",
    // maps and lists of structures: OriginRestrictions, PackageGroupAllowedRepositoryList
    r#"update-package-group-origin-configuration --domain my-domain --package-group /npm/*
     --restrictions PUBLISH=BLOCK,EXTERNAL_UPSTREAM=ALLOW
     --add-allowed-repositories repositoryName=r1,originRestrictionType=PUBLISH repositoryName=r2,originRestrictionType=INTERNAL_UPSTREAM
     --remove-allowed-repositories '[{"repositoryName": "r3", "originRestrictionType": "PUBLISH"}]'"#,
    r#"update-package-group-origin-configuration --domain my-domain --package-group /npm/*
     --restrictions '{"PUBLISH": "BLOCK", "BAD": 1}'
     --add-allowed-repositories repositoryName=r1,originRestrictionType=PUBLISH,extra=1"#,
    "update-package-group-origin-configuration --domain my-domain --package-group /npm/* --restrictions PUBLISH=[a,b]",
    r#"update-package-group-origin-configuration --domain my-domain --package-group /npm/* --restrictions '["PUBLISH"]'"#,
    "update-package-group-origin-configuration --domain my-domain --package-group /npm/* --restrictions ''",
    "update-package-group-origin-configuration --domain my-domain --package-group /npm/* --restrictions '{}'",
    // structures: PackageOriginRestrictions
    "put-package-origin-configuration --domain my-domain --repository my-repo --format npm --package pkg \
     --restrictions publish=ALLOW,upstream=BLOCK",
    "put-package-origin-configuration --domain my-domain --repository my-repo --format npm --package pkg \
     --restrictions publish=ALLOW",
    "put-package-origin-configuration --domain my-domain --repository my-repo --format npm --package pkg \
     --restrictions publish=ALLOW,upstream=BLOCK,other=x",
    r#"put-package-origin-configuration --domain my-domain --repository my-repo --format npm --package pkg
     --restrictions '{"publish": "ALLOW", "upstream": "BLOCK"}'"#,
    r#"put-package-origin-configuration --domain my-domain --repository my-repo --format npm --package pkg
     --restrictions '{"publish": "ALLOW"'"#,
    r#"put-package-origin-configuration --domain my-domain --repository my-repo --format npm --package pkg
     --restrictions '  {"publish": 1, "upstream": {}}'"#,
    "put-package-origin-configuration --domain my-domain --repository my-repo --format npm --package pkg \
     --restrictions '[1]'",
    "put-package-origin-configuration --domain my-domain --repository my-repo --format npm --package pkg \
     --restrictions publish=ALLOW,,upstream=BLOCK",
    "put-package-origin-configuration --domain my-domain --repository my-repo --format npm --package pkg \
     --restrictions 'publish=ALLOW upstream=BLOCK'",
    "put-package-origin-configuration --domain my-domain --repository my-repo --format npm --package pkg \
     --restrictions 'publish=ALLOW,\nupstream==BLOCK'",
    "put-package-origin-configuration --domain my-domain --repository my-repo --format npm --package pkg \
     --restrictions file://{f}/restrictions.json",
    "put-package-origin-configuration --domain my-domain --repository my-repo --format npm --package pkg \
     --restrictions fileb://{f}/restrictions.json",
    "put-package-origin-configuration --domain my-domain --repository my-repo --format npm --package pkg \
     --restrictions file://{f}/empty.txt",
    // maps: PackageVersionRevisionMap
    "update-package-versions-status --domain my-domain --repository my-repo --format npm --package pkg \
     --versions 1.0 2.0 --version-revisions 1.0=rev1,2.0=rev2 --target-status Archived",
    r#"update-package-versions-status --domain my-domain --repository my-repo --format npm --package pkg
     --versions 1.0 --version-revisions '{"1.0": "r", "": ""}' --target-status Archived"#,
    "update-package-versions-status --domain my-domain --repository my-repo --format npm --package pkg \
     --versions 1.0 --version-revisions 1.0=a,b --target-status Archived",
    "dispose-package-versions --domain my-domain --repository my-repo --format npm --package pkg \
     --versions 1.0 --version-revisions 1.0={x=y}",
    // streaming blob
    "publish-package-version --domain my-domain --repository my-repo --format npm --package pkg \
     --package-version 1.0.0 --asset-content {f}/asset.tgz --asset-name a.tgz --asset-sha256 ab --unfinished",
    "publish-package-version --domain my-domain --repository my-repo --format npm --package pkg \
     --package-version 1.0.0 --asset-content {f}/missing --asset-name a.tgz --asset-sha256 ab",
    "publish-package-version --domain my-domain --repository my-repo --format npm --package pkg \
     --package-version 1.0.0 --asset-content {f}/ --asset-name a.tgz --asset-sha256 ab",
    "publish-package-version --domain my-domain --repository my-repo --format npm --package pkg \
     --package-version 1.0.0 --asset-content file://{f}/asset-path.txt --asset-name a.tgz --asset-sha256 ab",
    "publish-package-version --domain my-domain --repository my-repo --format npm --package pkg \
     --package-version 1.0.0 --asset-content '$UNSET_VARIABLE_X/asset.tgz' --asset-name a.tgz --asset-sha256 ab",
    // code points, not bytes, position the caret
    "put-package-origin-configuration --domain my-domain --repository my-repo --format npm --package pkg \
     --restrictions 'publish=日本,upstream=[x'",
    "update-package-versions-status --domain my-domain --repository my-repo --format npm --package pkg \
     --versions 1.0 --version-revisions '1.0=a\\,b,2.0=c' --target-status Archived",
    "put-domain-permissions-policy --domain my-domain --policy-document file://{f}/policy.json",
    "put-repository-permissions-policy --domain my-domain --repository my-repo --policy-document '' \
     --policy-revision ''",
    // --cli-input-json
    r#"create-repository --domain my-domain --repository my-repo --cli-input-json '{"description": "from json", "domain": "ignored"}'"#,
    r#"create-repository --cli-input-json '{"domain": "d1", "repository": "r1", "tags": [{"key": "k", "value": "v"}]}'"#,
    r#"create-repository --cli-input-json '{"domain": null, "repository": 5, "extra": {"a": [1]}, "upstreams": {}}'"#,
    "create-repository --cli-input-json '{}'",
    "create-repository --repository my-repo --cli-input-json '[1, 2]'",
    r#"create-repository --repository my-repo --cli-input-json '"text"'"#,
    r#"create-repository --repository my-repo --cli-input-json '{"x":'"#,
    "create-repository --repository my-repo --cli-input-json ''",
    "create-repository --repository my-repo --cli-input-json file://{f}/input.json",
    "create-repository --repository my-repo --cli-input-json file://{f}/input-list.json",
    "create-repository --repository my-repo --cli-input-json file://{f}/missing.json",
    r#"list-domains --cli-input-json '{"maxResults": true}'"#,
    r#"list-domains --cli-input-json '{"maxResults": false}'"#,
    r#"list-domains --cli-input-json '{"maxResults": 1.5}'"#,
    r#"list-domains --cli-input-json '{"maxResults": "5"}'"#,
    r#"list-domains --cli-input-json '{"maxResults": -3, "nextToken": []}'"#,
    r#"copy-package-versions --domain my-domain --cli-input-json '{"sourceRepository": "s", "destinationRepository": "d",
     "format": "npm", "package": "p", "allowOverwrite": "yes", "versionRevisions": {"1": 2}}'"#,
    r#"put-package-origin-configuration --domain my-domain --repository my-repo --format npm --package pkg
     --cli-input-json '{"restrictions": {"publish": "ALLOW", "upstream": "BLOCK", "x": 1}}'"#,
    r#"publish-package-version --domain my-domain --cli-input-json '{"repository": "rr", "format": "npm", "package": "p",
     "packageVersion": "1", "assetContent": 5, "assetName": "a", "assetSHA256": "b"}'"#,
    r#"untag-resource --cli-input-json '{"resourceArn": "a", "tagKeys": [1, "", null]}'"#,
    r#"update-package-group-origin-configuration --domain my-domain
     --cli-input-json '{"packageGroup": "/x", "restrictions": {"PUBLISH": "ALLOW", "": 3}}'"#,
];

fn vals(v: &[&str]) -> RawArg {
    RawArg::Values(v.iter().map(|s| s.to_string()).collect())
}

struct Case {
    argv: Vec<String>,
    op: String,
    args: Vec<(String, RawArg)>,
    cli_input_json: Option<String>,
}

/// What clap will hand over for this command line: every `--option` with the words after it.
fn case(line: &str, dir: &str) -> Case {
    let argv = shlex::split(&line.replace("{f}", dir)).expect("a well-quoted command line");
    let op = argv[0].clone();
    let input = model().input(find_operation(&op).expect("a known operation"));
    let mut args: Vec<(String, RawArg)> = Vec::new();
    let mut cli_input = None;
    let mut words = argv[1..].iter().peekable();
    while let Some(opt) = words.next() {
        let name = opt
            .strip_prefix("--")
            .unwrap_or_else(|| panic!("{line}: {opt} is not an option"));
        let mut values = Vec::new();
        while let Some(v) = words.next_if(|w| !w.starts_with("--")) {
            values.push(v.clone());
        }
        if name == "cli-input-json" {
            cli_input = values.pop();
            continue;
        }
        let member = |n: &str| {
            input
                .members
                .iter()
                .find(|(m, _)| cli_name(m) == n)
                .map(|(m, _)| m.clone())
        };
        let (member, arg) = match (member(name), name.strip_prefix("no-").and_then(member)) {
            (Some(m), _) if arg_kind(&input.member(&m).unwrap().shape) == ArgKind::Flag => {
                (m, RawArg::Flag(true))
            }
            (Some(m), _) => (m, RawArg::Values(values)),
            (None, Some(m)) => (m, RawArg::Flag(false)),
            (None, None) => panic!("{line}: unknown option {opt}"),
        };
        args.push((member, arg));
    }
    Case {
        argv,
        op,
        args,
        cli_input_json: cli_input,
    }
}

fn files() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let w = |name: &str, data: &[u8]| std::fs::write(dir.path().join(name), data).unwrap();
    w("text.txt", b"a description\n");
    w("crlf.txt", b"line one\r\nline two\rthree\r\n");
    w("empty.txt", b"");
    w("latin1.bin", b"caf\xe9");
    w("tags.json", br#"[{"key": "k", "value": "v"}]"#);
    w("tags-shorthand.txt", b"key=k,value=v");
    w("upstreams.json", b"  [{\"repositoryName\": \"up\"}]\n");
    w(
        "restrictions.json",
        br#"{"publish": "ALLOW", "upstream": "BLOCK"}"#,
    );
    w(
        "policy.json",
        br#"{"Version": "2012-10-17", "Statement": []}"#,
    );
    w(
        "input.json",
        br#"{"domain": "from-file", "description": "d"}"#,
    );
    w("input-list.json", b"[1, 2]");
    w("asset.tgz", b"\x1f\x8b\x08binary");
    w("versions.txt", b"1.0");
    w(
        "asset-path.txt",
        format!("{}/asset.tgz", dir.path().display()).as_bytes(),
    );
    dir
}

#[test]
fn command_lines_match_awscli() {
    let dir = files();
    let cases: Vec<Case> = COMMAND_LINES
        .iter()
        .map(|l| case(l, &dir.path().display().to_string()))
        .collect();
    // http(s):// values: the AWS CLI would fetch them; this port keeps them literal (no traffic
    // leaves the machine), so the oracle is not asked.
    let (literal_url, cases): (Vec<Case>, Vec<Case>) = cases
        .into_iter()
        .partition(|c| c.argv.iter().any(|a| a.starts_with("http")));
    for c in literal_url {
        let params = parse_params(&c.op, &c.args, None).unwrap();
        assert_eq!(params.to_value()["domain"], "http://example.invalid/x");
    }
    let oracle_cases: Vec<Value> = cases
        .iter()
        .map(|c| json!({"kind": "cli", "argv": c.argv}))
        .collect();
    let expected = oracle(&oracle_cases);
    let mut failures = Vec::new();
    for (c, want) in cases.iter().zip(expected) {
        let cmd = c.argv.join(" ");
        let stderr = want["stderr"].as_str().unwrap();
        let got = parse_params(&c.op, &c.args, c.cli_input_json.as_deref());
        let mut check = |ok: bool, what: String| {
            if !ok {
                failures.push(format!("{cmd}\n  {what}"));
            }
        };
        match (&want["params"], got) {
            (Value::String(py_params), Ok(params)) => {
                let mine = Py::Dict(params.dict.clone()).repr();
                check(
                    &mine == py_params,
                    format!("params: mine {mine}\n  awscli {py_params}"),
                );
                match params.validate() {
                    Ok(()) => check(
                        want["rc"] == "sent",
                        format!("validation passed; awscli: {stderr}"),
                    ),
                    Err(e) => {
                        let mine = format!("\n{}\n", usage_text(e));
                        check(
                            mine == stderr,
                            format!("validation: mine {mine:?}\n  awscli {stderr:?}"),
                        );
                    }
                }
            }
            (Value::Null, Err(e)) => {
                let msg = usage_text(e);
                let expected = match stderr.find(": error: ") {
                    Some(at) => stderr[at + ": error: ".len()..].trim_end().to_string(),
                    None => stderr
                        .strip_prefix('\n')
                        .and_then(|s| s.strip_suffix('\n'))
                        .unwrap_or(stderr)
                        .to_string(),
                };
                check(
                    msg == expected,
                    format!("error: mine {msg:?}\n  awscli {expected:?}"),
                );
            }
            (want_params, got) => check(
                false,
                format!(
                    "awscli params {want_params}, stderr {stderr:?}\n  mine {:?}",
                    got.map(|p| p.to_value())
                ),
            ),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

// ----------------------------------------------------------------------------------------------
// Skeletons

#[test]
fn input_skeletons_match_awscli_for_every_operation() {
    let ops: Vec<&String> = model().operations.keys().collect();
    let cases: Vec<Value> = ops
        .iter()
        .map(|op| json!({"kind": "cli", "argv": [cli_name(op), "--generate-cli-skeleton"]}))
        .collect();
    let expected = oracle(&cases);
    for (op, want) in ops.iter().zip(expected) {
        if supports_cli_input(op) {
            assert_eq!(
                skeleton(op, Skeleton::Input),
                want["stdout"].as_str().unwrap(),
                "{op}"
            );
        } else {
            // No --generate-cli-skeleton at all: argparse rejects the command line.
            assert_eq!(want["rc"], 2, "{op}: {want}");
        }
    }
}

#[test]
fn output_skeletons_match_awscli_for_every_operation() {
    let ops: Vec<&String> = model().operations.keys().collect();
    let cases: Vec<Value> = ops
        .iter()
        .map(|op| json!({"kind": "skeleton_out", "op": op}))
        .collect();
    let expected = oracle(&cases);
    for (op, want) in ops.iter().zip(expected) {
        assert_eq!(
            skeleton(op, Skeleton::Output),
            want.as_str().unwrap(),
            "{op}"
        );
    }
}

// ----------------------------------------------------------------------------------------------
// The plain API the command tree uses

#[test]
fn arg_kinds_follow_the_shapes() {
    assert_eq!(arg_kind("BooleanOptional"), ArgKind::Flag);
    assert_eq!(arg_kind("TagKeyList"), ArgKind::List);
    assert_eq!(arg_kind("UpstreamRepositoryList"), ArgKind::List);
    assert_eq!(arg_kind("Asset"), ArgKind::BlobPath);
    assert_eq!(arg_kind("PackageOriginRestrictions"), ArgKind::Single);
    assert_eq!(arg_kind("OriginRestrictions"), ArgKind::Single);
    assert_eq!(arg_kind("ListDomainsMaxResults"), ArgKind::Single);
    assert!(!supports_cli_input("GetPackageVersionAsset"));
    assert!(supports_cli_input("get-authorization-token"));
}

#[test]
fn parse_member_and_validate_round_trip() {
    let tags = parse_member("TagList", "--tags", &["key=a,value=b".into()]).unwrap();
    assert_eq!(tags, json!([{"key": "a", "value": "b"}]));
    let n = parse_member("ListDomainsMaxResults", "--max-results", &["12".into()]).unwrap();
    assert_eq!(n, json!(12));
    let err = parse_member(
        "PackageOriginRestrictions",
        "--restrictions",
        &["publish=[x".into()],
    )
    .unwrap_err();
    assert_eq!(
        usage_text(err),
        "Error parsing parameter '--restrictions': Expected: ',', received: 'EOF' for input:\npublish=[x\n          ^"
    );
    let err = parse_member(
        "AuthorizationTokenDurationSeconds",
        "--duration-seconds",
        &["1h".into()],
    );
    assert_eq!(
        usage_text(err.unwrap_err()),
        "argument --duration-seconds: invalid int value: '1h'"
    );
    assert!(matches!(
        parse_member("NoSuchShape", "--x", &["1".into()]),
        Err(Error::Other(_))
    ));
    let mut paged = parse_params("list-domains", &[], None).unwrap();
    paged.set("maxResults", &json!(0));
    assert_eq!(paged.get("maxResults"), Some(json!(0)));
    assert_eq!(
        usage_text(paged.validate().unwrap_err()),
        "Parameter validation failed:\nInvalid value for parameter maxResults, value: 0, valid min value: 1"
    );
    let err = validate("DescribeDomain", &json!({"domain": "a", "bogus": 1})).unwrap_err();
    assert_eq!(
        usage_text(err),
        "Parameter validation failed:\nUnknown parameter in input: \"bogus\", must be one of: domain, domainOwner\n\
         Invalid length for parameter domain, value: 1, valid min length: 2"
    );
    assert!(validate("describe-domain", &json!({"domain": "ab"})).is_ok());
    let members = cli_input_json("CreateDomain", "{\"domain\": \"x\", \"tags\": []}").unwrap();
    assert_eq!(Value::Object(members), json!({"domain": "x", "tags": []}));
    let built = build_params(
        "create-domain",
        &[("domain".into(), vals(&["dd"]))],
        Some("{\"domain\": \"no\", \"encryptionKey\": \"k\"}"),
    )
    .unwrap();
    assert_eq!(built.to_string(), r#"{"domain":"dd","encryptionKey":"k"}"#);
}
