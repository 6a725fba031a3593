//! Fuzz target: every config-file editor of `login` and `logout` (src/login/*), for the 16 tools.
//!
//! Inputs: for each file a tool edits, a random file of that file's syntax (lines drawn from
//! what such files hold: the tool's own keys, ours, look-alikes, comments, continuations,
//! sections, junk), with LF, CRLF or mixed line endings and with or without a final newline;
//! random scopes and `--extra-index`. Properties, for every file login accepts:
//! - login then logout gives back the original bytes (a file that held only blank lines, or only
//!   what login writes into a new file, may be removed instead; see `restored` for the two
//!   normalisations of TOML and JSON files);
//! - logging in twice gives the same file as logging in once, and a second login with a new
//!   token gives the same file as that login alone;
//! - on a sample, the result parses with the tool's real reader where Python has one
//!   (configparser for pip.conf and .pypirc, tomllib, xml.etree, json, netrc, PyYAML), whenever
//!   the original did; and login's own ini and netrc checks accept exactly what configparser and
//!   netrc accept.

mod fuzz_support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use clap::ValueEnum;
use codeartifact::login::lines::{INI, LineFile, NETRC};
use codeartifact::login::{Env, Login, Logout, Scope, Tool, plan_login, plan_logout};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use serde_json::json;

/// The syntax of a file, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Npmrc,
    Yaml,
    Toml,
    Ini,
    Xml,
    Properties,
    Json,
    Netrc,
    Script,
}

fn kind_of(path: &Path) -> Kind {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    match name {
        ".npmrc" => Kind::Npmrc,
        "pip.conf" | ".pypirc" => Kind::Ini,
        "settings.xml" | "NuGet.Config" | "nuget.config" => Kind::Xml,
        "gradle.properties" => Kind::Properties,
        "registries.json" => Kind::Json,
        ".netrc" => Kind::Netrc,
        "codeartifact.gradle" => Kind::Script,
        n if n.ends_with(".toml") => Kind::Toml,
        _ => Kind::Yaml,
    }
}

fn vocabulary(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Npmrc => &[
            "registry=https://registry.npmjs.org/",
            "@s:registry=https://s.example/",
            "//r.example/:_authToken=abc",
            "//dom-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/repo/:_authToken=old",
            "always-auth=true",
            "; comment",
            "# comment",
            "[section]",
            "key = value",
            "",
            "junk",
            "  registry = https://indented.example/",
        ],
        Kind::Yaml => &[
            "npmRegistryServer: \"https://registry.yarnpkg.com\"",
            "npmAuthToken: old",
            "npmAlwaysAuth: true",
            "npmScopes:",
            "  s:",
            "    npmRegistryServer: \"https://s.example/\"",
            "  other:",
            "    npmAuthToken: x",
            "unsafeHttpWhitelist:",
            "  - \"localhost\"",
            "- \"example.com\"",
            "yarnPath: .yarn/releases/yarn.cjs",
            "# comment",
            "",
            "---",
            ":sources:",
            "- https://rubygems.org/",
            "- https://aws:old@dom-111122223333.d.codeartifact.us-west-2.amazonaws.com/ruby/repo/",
            "gem: --no-document",
            ":backtrace: false",
            "BUNDLE_JOBS: \"4\"",
            "BUNDLE_OTHER__EXAMPLE: \"me:pw\"",
            ":rubygems_api_key: x",
            "\"https://h.example/ruby/r\": \"Bearer x\"",
        ],
        Kind::Toml => &[
            "[install]",
            "registry = \"https://registry.npmjs.org/\"",
            "[install.scopes]",
            "s = { url = \"https://s.example/\", token = \"t\" }",
            "[[index]]",
            "name = \"pypi\"",
            "url = \"https://pypi.org/simple/\"",
            "default = true",
            "name = \"codeartifact\"",
            "[registries.other]",
            "index = \"sparse+https://o.example/\"",
            "token = \"t\"",
            "[registries]",
            "[registry]",
            "default = \"other\"",
            "[repositories.other]",
            "[http-basic.other]",
            "username = \"u\"",
            "password = \"p\"",
            "[build]",
            "jobs = 2 # two",
            "# comment",
            "",
            "a = 1",
            "[tool.uv]",
        ],
        Kind::Ini => &[
            "[global]",
            "[distutils]",
            "[install]",
            "[pypi]",
            "[ global ]",
            "[codeartifact]",
            "index-url = https://pypi.org/simple/",
            "Index-URL: https://upper.example/simple/",
            "extra-index-url =",
            "    https://a.example/simple/",
            "  https://b.example/simple/",
            "index-servers =",
            "    pypi",
            "    codeartifact",
            "repository = https://upload.pypi.org/legacy/",
            "username = __token__",
            "password = pypi-x",
            "timeout = 5",
            "# comment",
            "; comment",
            "",
            "junk",
            "= nameless",
        ],
        Kind::Properties => &[
            "org.gradle.jvmargs=-Xmx2g",
            "codeartifactUrl=https://old.example/",
            "codeartifactToken=old",
            "a=b\\",
            "  continued",
            "k: v",
            "k v",
            "u=\\u0041",
            "# comment",
            "! comment",
            "",
        ],
        Kind::Netrc => &[
            "machine h.example login me password pw",
            "machine dom-111122223333.d.codeartifact.us-west-2.amazonaws.com login token password old",
            "machine 127.0.0.1",
            "  login me",
            "  password pw",
            "default login anonymous password x",
            "macdef init",
            "# comment",
            "",
            "account a",
        ],
        Kind::Xml | Kind::Json | Kind::Script => &[],
    }
}

/// A file of `kind`: lines from its vocabulary, joined by LF, CRLF or either at random.
fn lines_file(kind: Kind) -> impl Strategy<Value = Option<String>> {
    let words = vocabulary(kind);
    prop::option::weighted(
        0.9,
        (
            prop::collection::vec((0..words.len(), any::<bool>()), 0..10),
            0u8..3,
            any::<bool>(),
        )
            .prop_map(move |(picks, eol, final_eol)| {
                let mut s = String::new();
                for (i, (w, crlf)) in picks.iter().enumerate() {
                    if i > 0 {
                        s.push_str(if eol == 1 || (eol == 2 && *crlf) {
                            "\r\n"
                        } else {
                            "\n"
                        });
                    }
                    s.push_str(words[*w]);
                }
                if final_eol && !s.is_empty() {
                    s.push_str(if eol == 1 { "\r\n" } else { "\n" });
                }
                s
            }),
    )
}

fn xml_file(nuget: bool) -> impl Strategy<Value = Option<String>> {
    let parts: &'static [&'static str] = if nuget {
        &[
            "<packageSources>\n    <add key=\"nuget.org\" value=\"https://api.nuget.org/v3/index.json\" />\n  </packageSources>",
            "<packageSources>\n    <add key=\"dom/repo\" value=\"https://old.example/v3/index.json\" />\n  </packageSources>",
            "<packageSourceCredentials>\n    <other>\n      <add key=\"Username\" value=\"me\" />\n    </other>\n  </packageSourceCredentials>",
            "<packageSources/>",
            "<!-- mine -->",
            "<config><add key=\"x\" value=\"y\"/></config>",
        ]
    } else {
        &[
            "<servers>\n    <server>\n      <id>other</id>\n      <password>pw</password>\n    </server>\n  </servers>",
            "<servers>\n    <server><id>codeartifact</id><username>me</username></server>\n  </servers>",
            "<servers/>",
            "<profiles>\n    <profile><id>p</id></profile>\n  </profiles>",
            "<activeProfiles>\n    <activeProfile>p</activeProfile>\n  </activeProfiles>",
            "<mirrors><mirror><id>m</id><url>https://m/</url><mirrorOf>*</mirrorOf></mirror></mirrors>",
            "<localRepository>/x</localRepository>",
            "<!-- mine -->",
        ]
    };
    let root = if nuget { "configuration" } else { "settings" };
    prop::option::weighted(
        0.9,
        (
            prop::collection::vec(0..parts.len(), 0..5),
            any::<bool>(),
            any::<bool>(),
            0usize..4,
        )
            .prop_map(move |(picks, decl, crlf, indent)| {
                let pad = " ".repeat(indent);
                let mut s = String::new();
                if decl {
                    s.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
                }
                s.push_str(&format!("<{root}>\n"));
                for p in picks {
                    s.push_str(&format!("{pad}{}\n", parts[p]));
                }
                s.push_str(&format!("</{root}>\n"));
                if crlf { s.replace('\n', "\r\n") } else { s }
            }),
    )
}

fn json_file() -> impl Strategy<Value = Option<String>> {
    prop::option::weighted(
        0.9,
        (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(reg, auth, other)| {
            let mut m = serde_json::Map::new();
            m.insert("version".into(), json!(1));
            if reg {
                m.insert(
                    "registries".into(),
                    json!({"[default]": {"url": "https://other.example/"}}),
                );
            }
            if auth {
                m.insert(
                    "authentication".into(),
                    json!({"other.example": {"type": "basic"}}),
                );
            }
            if other {
                m.insert(
                    "security".into(),
                    json!({"default": {"signing": {"onUnsigned": "warn"}}}),
                );
            }
            serde_json::to_string_pretty(&m).expect("JSON") + "\n"
        }),
    )
}

fn file_for(kind: Kind, path: &Path) -> BoxedStrategy<Option<String>> {
    match kind {
        Kind::Xml => xml_file(path.ends_with("NuGet.Config")).boxed(),
        Kind::Json => json_file().boxed(),
        Kind::Script => {
            prop::option::weighted(0.1, Just("// my own init script\n".to_string())).boxed()
        }
        k => lines_file(k).boxed(),
    }
}

const HOST: &str = "dom-111122223333.d.codeartifact.us-west-2.amazonaws.com";

fn env() -> Env {
    Env {
        home: PathBuf::from("/fuzz/home"),
        cwd: PathBuf::from("/fuzz/project"),
        vars: BTreeMap::new(),
    }
}

fn login_for(tool: Tool, token: &str, namespaces: bool, extra: bool, http: bool) -> Login {
    let base = if http {
        "http://127.0.0.1:8480".to_string()
    } else {
        format!("https://{HOST}")
    };
    let namespaces = namespaces && tool.namespaces();
    Login {
        tool,
        credential: codeartifact::login::Credential::Token,
        endpoint: format!("{base}/{}/repo/", tool.format()),
        token: token.to_string(),
        domain: "dom".into(),
        repository: "repo".into(),
        namespaces: if namespaces {
            vec!["s".into()]
        } else {
            Vec::new()
        },
        scope: Scope::User,
        extra_index: extra && matches!(tool, Tool::Pip | Tool::Uv),
    }
}

#[derive(Debug, Clone)]
struct Case {
    tool: Tool,
    namespaces: bool,
    extra: bool,
    http: bool,
    files: Vec<(PathBuf, Option<String>)>,
}

fn case() -> impl Strategy<Value = Case> {
    (
        0..Tool::value_variants().len(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_flat_map(|(t, namespaces, extra, http)| {
            let tool = Tool::value_variants()[t];
            let paths: Vec<PathBuf> =
                plan_login(&login_for(tool, "T", namespaces, extra, http), &env())
                    .expect("a plan")
                    .into_iter()
                    .map(|e| e.path)
                    .collect();
            let strategies: Vec<_> = paths
                .iter()
                .map(|p| {
                    file_for(kind_of(p), p).prop_map({
                        let p = p.clone();
                        move |text| (p.clone(), text)
                    })
                })
                .collect();
            strategies.prop_map(move |files| Case {
                tool,
                namespaces,
                extra,
                http,
                files,
            })
        })
}

const TOKEN: &str = "tok1-eyJ2ZXIiOjF9.first";
const TOKEN2: &str = "tok2-eyJ2ZXIiOjF9.second";

type Sample = (Kind, Option<String>, Option<String>);

fn edit_of(edits: &[codeartifact::login::apply::Edit], path: &Path) -> usize {
    edits
        .iter()
        .position(|e| e.path == path)
        .expect("the same files in every plan")
}

fn check(
    case: Case,
    sample: &Mutex<Vec<Sample>>,
    counts: &Mutex<(u32, u32)>,
) -> Result<(), TestCaseError> {
    let env = env();
    let l1 = login_for(case.tool, TOKEN, case.namespaces, case.extra, case.http);
    let l2 = login_for(case.tool, TOKEN2, case.namespaces, case.extra, case.http);
    let once = plan_login(&l1, &env).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let other = plan_login(&l2, &env).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let out = Logout {
        tool: case.tool,
        owner: None,
        scope: Scope::User,
    };
    let logout = plan_logout(&out, &env).map_err(|e| TestCaseError::fail(e.to_string()))?;
    for (path, before) in &case.files {
        let (e1, e2, lo) = (
            &once[edit_of(&once, path)],
            &other[edit_of(&other, path)],
            &logout[edit_of(&logout, path)],
        );
        let Ok(after) = (e1.edit)(before.as_deref()) else {
            counts.lock().unwrap().1 += 1;
            continue;
        };
        counts.lock().unwrap().0 += 1;
        let shown = |t: &Option<String>| format!("{:?}", t.as_deref().unwrap_or("<none>"));
        let twice = (e1.edit)(after.as_deref()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(
            &twice,
            &after,
            "{}: login twice differs from once",
            path.display()
        );
        let refreshed =
            (e2.edit)(after.as_deref()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let fresh = (e2.edit)(before.as_deref()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(
            &refreshed,
            &fresh,
            "{}: a new token after a login differs",
            path.display()
        );
        let back = (lo.edit)(after.as_deref()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        // Logout removes a file it leaves blank, or one that login treated as no file at all
        // (NuGet.Config or settings.xml holding only login's empty skeleton).
        let blank = before
            .as_deref()
            .is_some_and(|b| b.trim().is_empty() || b.trim() == "---");
        let as_nothing = (e1.edit)(None).ok() == Some(after.clone());
        prop_assert!(
            restored(kind_of(path), back.as_deref(), before.as_deref())
                || ((blank || as_nothing) && back.is_none()),
            "{}: logout gave {} for the original {} (login wrote {})",
            path.display(),
            shown(&back),
            shown(before),
            shown(&after)
        );
        let mut s = sample.lock().unwrap();
        if s.len() < 1500 {
            s.push((kind_of(path), before.clone(), after));
        }
    }
    Ok(())
}

/// Whether logout gave back `before`: byte for byte, except two documented normalisations:
/// toml_edit ends every table header and key line it renders with a newline (a file without a
/// final newline gets one, a file with mixed line endings gets LF where it had CRLF), and
/// registries.json is rewritten whole (JSON has no comments to mark our entries in), so it
/// comes back equal as JSON.
fn restored(kind: Kind, back: Option<&str>, before: Option<&str>) -> bool {
    match (back, before) {
        (Some(b), Some(o)) if kind == Kind::Toml => {
            let crlf = o.contains('\n') && o.matches('\n').count() == o.matches("\r\n").count();
            let (b, o) = if crlf {
                (b.to_string(), o.to_string())
            } else {
                (b.replace("\r\n", "\n"), o.replace("\r\n", "\n"))
            };
            b == o
                || (!o.ends_with('\n')
                    && b.strip_suffix(if crlf { "\r\n" } else { "\n" }) == Some(o.as_str()))
        }
        (Some(b), Some(o)) if kind == Kind::Json => {
            serde_json::from_str::<serde_json::Value>(b).ok() == serde_json::from_str(o).ok()
        }
        _ => back == before,
    }
}

#[test]
fn login_and_logout_keep_every_file_the_tools_accept() {
    fuzz_support::on_main_sized_stack(fuzz);
}

fn fuzz() {
    let sample: Mutex<Vec<Sample>> = Mutex::new(Vec::new());
    let counts = Mutex::new((0u32, 0u32));
    fuzz_support::run("login_files", 3000, case(), |c| check(c, &sample, &counts));
    let (edited, refused) = counts.into_inner().unwrap();
    assert!(
        edited > refused,
        "only {edited} files edited, {refused} refused: the generators are broken"
    );

    // Real parsers, in one Python process: does the original parse, does the result parse?
    let sample = sample.into_inner().unwrap();
    let name = |k: Kind| match k {
        Kind::Ini => "ini",
        Kind::Toml => "toml",
        Kind::Xml => "xml",
        Kind::Json => "json",
        Kind::Netrc => "netrc",
        Kind::Yaml => "yaml",
        _ => "none",
    };
    let mut input = String::new();
    for (k, before, after) in &sample {
        input.push_str(&json!([name(*k), before, after]).to_string());
        input.push('\n');
    }
    let program = r#"
import configparser, io, json, netrc, os, sys, tempfile, tomllib, xml.etree.ElementTree as ET, yaml
def parses(kind, text):
    if text is None or kind == "none":
        return True
    try:
        if kind == "ini":
            configparser.RawConfigParser().read_file(io.StringIO(text, newline=None))
        elif kind == "toml":
            tomllib.loads(text)
        elif kind == "xml":
            ET.fromstring(text.encode())
        elif kind == "json":
            json.loads(text)
        elif kind == "yaml":
            yaml.safe_load(text)
        elif kind == "netrc":
            # Whole-line comments as curl and SwiftPM read them (Python 3.11 mis-reads a comment
            # line after a blank line inside an entry; login's check documents the difference).
            text = "".join(l for l in text.splitlines(True) if not l.lstrip(" \t").startswith(chr(35)))
            with tempfile.NamedTemporaryFile("w", delete=False, newline="") as f:
                f.write(text)
            try:
                netrc.netrc(f.name)
            finally:
                os.unlink(f.name)
        return True
    except Exception:
        return False
for line in sys.stdin:
    kind, before, after = json.loads(line)
    print(json.dumps([parses(kind, before), parses(kind, after)]))
"#;
    let out = fuzz_support::python(program, &input);
    let mut broken = Vec::new();
    for ((k, before, after), verdict) in sample.iter().zip(out.lines()) {
        let v: (bool, bool) = serde_json::from_str(verdict).expect("JSON from python");
        if v.0 && !v.1 {
            broken.push(format!("{k:?}: {before:?} became unparseable: {after:?}"));
        }
    }
    assert!(
        broken.is_empty(),
        "{} results no longer parse:\n{}",
        broken.len(),
        broken.join("\n")
    );

    // Login's own ini and netrc checks against configparser and netrc, on random files.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut texts = Vec::new();
    for kind in [Kind::Ini, Kind::Netrc] {
        for _ in 0..400 {
            let t = lines_file(kind)
                .new_tree(&mut runner)
                .expect("a file")
                .current();
            texts.push((kind, t.unwrap_or_default()));
        }
    }
    let input: String = texts
        .iter()
        .map(|(k, t)| json!([name(*k), t, null]).to_string() + "\n")
        .collect();
    let out = fuzz_support::python(program, &input);
    let mut disagree = Vec::new();
    for ((k, text), verdict) in texts.iter().zip(out.lines()) {
        let python: (bool, bool) = serde_json::from_str(verdict).expect("JSON from python");
        let syntax = if *k == Kind::Ini { INI } else { NETRC };
        let ours = LineFile::parse(Some(text), syntax, Path::new("f")).is_ok();
        if ours != python.0 {
            disagree.push(format!("{k:?} {text:?}: ours {ours}, python {}", python.0));
        }
    }
    assert!(
        disagree.is_empty(),
        "{} disagree:\n{}",
        disagree.len(),
        disagree.join("\n")
    );
}
