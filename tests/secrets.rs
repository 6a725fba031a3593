//! No secret reaches stdout or stderr unless the user asked (`--show-token`): for every one of
//! the 16 tools, against `mock serve`, through every path a user can take: two logins, dry runs,
//! `--debug` with `RUST_LOG=trace` (the SDK then logs headers and response bodies), `--export`
//! piped and on a terminal, logout dry runs, and the error paths (read-only file, unparseable
//! file, service error, usage error, a panic).
//!
//! A run leaks when its output holds any 16-character piece of a token the test knows (tokens
//! the mock issued, read back from the files, and a foreign secret planted in each tool's file),
//! or any token-shaped word (48 or more characters of base64url with upper case, lower case and
//! digits, which is what the mock's tokens are) it does not know. Every check has its twin with
//! `--show-token` (or a pipe, for `--export`) that must show the token, so the test can fail.

mod common;
mod dataplane_support;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;

use dataplane_support::*;

/// A secret of someone else's, planted in each tool's file before login.
const FOREIGN: &str = "F0reignSecretValue9x8y7z6w5v4u3t2s1r0q";

/// Each tool, and its files with foreign content holding [`FOREIGN`] (paths under HOME).
fn tools() -> Vec<(&'static str, Vec<(&'static str, String)>)> {
    let f = FOREIGN;
    let npmrc = vec![(".npmrc", format!("//other.example/:_authToken={f}\n"))];
    let nuget = vec![(
        ".nuget/NuGet/NuGet.Config",
        format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSourceCredentials>\n    <other>\n      \
             <add key=\"Username\" value=\"me\" />\n      <add key=\"ClearTextPassword\" value=\"{f}\" />\n    </other>\n  \
             </packageSourceCredentials>\n</configuration>\n"
        ),
    )];
    vec![
        ("npm", npmrc.clone()),
        ("pnpm", npmrc.clone()),
        ("yarn-classic", npmrc),
        (
            "yarn",
            vec![(
                ".yarnrc.yml",
                format!("npmScopes:\n  other:\n    npmAuthToken: \"{f}\"\n"),
            )],
        ),
        (
            "bun",
            vec![(
                // bun reads $XDG_CONFIG_HOME/.bunfig.toml, which the harness sets.
                ".config/.bunfig.toml",
                format!(
                    "[install.scopes]\nother = {{ url = \"https://other.example/\", token = \"{f}\" }}\n"
                ),
            )],
        ),
        (
            "pip",
            vec![(
                ".config/pip/pip.conf",
                format!(
                    "[global]\ntimeout = 5\n[other]\nindex = https://me:{f}@other.example/simple/\n"
                ),
            )],
        ),
        (
            "twine",
            vec![(
                ".pypirc",
                format!(
                    "[distutils]\nindex-servers =\n    other\n\n[other]\nrepository = https://other.example/\nusername = me\npassword = {f}\n"
                ),
            )],
        ),
        (
            "uv",
            vec![(
                ".config/uv/uv.toml",
                format!(
                    "[[index]]\nname = \"other\"\nurl = \"https://me:{f}@other.example/simple/\"\n"
                ),
            )],
        ),
        (
            "poetry",
            vec![(
                ".config/pypoetry/auth.toml",
                format!("[http-basic.other]\nusername = \"me\"\npassword = \"{f}\"\n"),
            )],
        ),
        (
            "maven",
            vec![(
                ".m2/settings.xml",
                format!(
                    "<settings>\n  <servers>\n    <server>\n      <id>other</id>\n      <password>{f}</password>\n    </server>\n  </servers>\n</settings>\n"
                ),
            )],
        ),
        (
            "gradle",
            vec![(
                ".gradle/gradle.properties",
                format!("otherRepoPassword={f}\n"),
            )],
        ),
        ("nuget", nuget.clone()),
        ("dotnet", nuget),
        (
            "swift",
            vec![(
                ".netrc",
                format!("machine other.example login me password {f}\n"),
            )],
        ),
        (
            "cargo",
            vec![(
                ".cargo/credentials.toml",
                format!("[registries.other]\ntoken = \"{f}\"\n"),
            )],
        ),
        (
            "gem",
            vec![
                (
                    ".gemrc",
                    format!(":sources:\n- https://me:{f}@other.example/\n"),
                ),
                (
                    ".bundle/config",
                    format!("---\nBUNDLE_OTHER__EXAMPLE: \"me:{f}\"\n"),
                ),
                (".gem/credentials", format!("---\n:rubygems_api_key: {f}\n")),
            ],
        ),
    ]
}

/// What a file of each syntax cannot be parsed as, with `secret` in it (the error must not
/// quote it), for the tools whose files have such a thing.
fn unparseable(rel: &str, secret: &str) -> Option<String> {
    let ext = Path::new(rel)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("");
    Some(match (rel, ext) {
        (_, "conf") | (".pypirc", _) => format!("password = {secret}\n[global\n"),
        (_, "toml") => format!("token = \"{secret}\" x\n"),
        (_, "xml" | "Config") => format!("<settings><password>{secret}</password>\n"),
        (_, "properties") => format!("password={secret}\\u12\n"),
        (".netrc", _) => format!("machine h password {secret} bogus\n"),
        _ => return None,
    })
}

/// Token-shaped words: 48+ characters of base64url with upper case, lower case and a digit.
fn token_shaped(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .filter(|w| {
            w.len() >= 48
                && w.chars().any(|c| c.is_ascii_uppercase())
                && w.chars().any(|c| c.is_ascii_lowercase())
                && w.chars().any(|c| c.is_ascii_digit())
        })
        .collect()
}

/// Tokens in the files under `home` (the mock's: 64 characters of base64url).
fn tokens_in(home: &Path, out: &mut BTreeSet<String>) {
    for entry in walk(home) {
        if let Ok(text) = std::fs::read_to_string(&entry) {
            for w in token_shaped(&text) {
                if w.len() == 64 {
                    out.insert(w.to_string());
                }
            }
        }
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in rd.flatten() {
        let p = e.path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.ends_with("cache") {
            continue;
        }
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

struct Run {
    what: String,
    code: i32,
    text: String,
}

fn run(user: &User, what: &str, args: &[&str], env: &[(&str, &str)]) -> Run {
    let out: Output = user
        .command(env!("CARGO_BIN_EXE_codeartifact"))
        .current_dir(user.home())
        .args(args)
        // Every login gets a new token, so that each run has an old and a new one to hide
        // (the token cache would hand the same one back: a dry run would show no change).
        .env("CODEARTIFACT_NO_TOKEN_CACHE", "1")
        .envs(env.iter().copied())
        .output()
        .expect("run codeartifact");
    Run {
        what: format!("{what}: {args:?}"),
        code: out.status.code().unwrap_or(-1),
        text: format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    }
}

/// `args` on a pseudo-terminal (util-linux `script`), stdout and stderr together.
fn run_on_terminal(user: &User, args: &[String]) -> Run {
    let line = std::iter::once(env!("CARGO_BIN_EXE_codeartifact").to_string())
        .chain(args.iter().cloned())
        .map(|a| shlex::try_quote(&a).expect("quotable").into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    let out = user
        .command("script")
        .current_dir(user.home())
        .env("CODEARTIFACT_NO_TOKEN_CACHE", "1")
        .args(["-qec", &line, "/dev/null"])
        .output()
        .expect("run script (util-linux)");
    Run {
        what: format!("on a terminal: {args:?}"),
        code: out.status.code().unwrap_or(-1),
        text: String::from_utf8_lossy(&out.stdout).into_owned(),
    }
}

/// The mock's tokens (64 characters) that a run showed on purpose.
fn learn(text: &str, known: &mut BTreeSet<String>) {
    for w in token_shaped(text) {
        if w.len() == 64 {
            known.insert(w.to_string());
        }
    }
}

fn leaks(text: &str, known: &BTreeSet<String>) -> Vec<String> {
    let mut found = Vec::new();
    for secret in known {
        let chars: Vec<char> = secret.chars().collect();
        if chars
            .windows(16)
            .any(|w| text.contains(&w.iter().collect::<String>()))
        {
            found.push(format!("a piece of {secret}"));
        }
    }
    for w in token_shaped(text) {
        if !known.contains(w) {
            found.push(format!("token-shaped {w}"));
        }
    }
    found
}

fn assert_clean(r: &Run, known: &BTreeSet<String>) {
    let leaked = leaks(&r.text, known);
    assert!(
        leaked.is_empty(),
        "{} leaked {leaked:?}:\n{}",
        r.what,
        r.text
    );
}

/// Login, refresh, dry runs, debug, export and logout for one tool, every output checked.
fn check_tool(mock: &Mock, tool: &str, files: &[(&str, String)]) {
    let user = User::new(mock);
    let home = user.home();
    for (rel, text) in files {
        let p = home.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
    }
    let mut known: BTreeSet<String> = [FOREIGN.to_string()].into();
    let base = [
        "--domain",
        DOMAIN,
        "--repository",
        "repo",
        "--endpoint-url",
        &mock.url,
    ];
    let login = |extra: &[&str], env: &[(&str, &str)]| {
        let mut args = vec!["login", "--tool", tool];
        if tool == "cargo" {
            // The token in the file, not the credential provider (login's default for cargo,
            // which leaves no token to hide).
            args.push("--no-credential-provider");
        }
        args.extend(base);
        args.extend(extra);
        run(&user, tool, &args, env)
    };
    let session = [(
        "AWS_SESSION_TOKEN",
        "Sess10nTokenValueThatMustNeverBeLogged42",
    )];
    known.insert(session[0].1.to_string());
    known.insert("mock-tests-secret".to_string());

    // First login, then a refresh: the messages name no token.
    let first = login(&[], &[]);
    assert_eq!(first.code, 0, "{}", first.text);
    tokens_in(home, &mut known);
    let old: Vec<String> = known.iter().filter(|t| t.len() == 64).cloned().collect();
    assert!(!old.is_empty(), "{tool}: no token found in the files");
    assert_clean(&first, &known);

    // A dry run shows the old and the new token only with --show-token.
    let dry = login(&["--dry-run"], &[]);
    assert_eq!(dry.code, 0, "{}", dry.text);
    assert!(dry.text.contains("****"), "{tool}: {}", dry.text);
    let shown = login(&["--dry-run", "--show-token"], &[]);
    assert!(
        old.iter().any(|t| shown.text.contains(t.as_str())),
        "{tool}: --show-token hides the old token:\n{}",
        shown.text
    );
    // The tokens of these two runs were never written: learn them from the shown diff.
    learn(&shown.text, &mut known);
    assert_clean(&dry, &known);

    let debug = login(
        &["--debug"],
        &[&session[..], &[("RUST_LOG", "trace")]].concat(),
    );
    assert_eq!(debug.code, 0, "{}", debug.text);
    assert!(
        debug.text.contains("GetAuthorizationToken"),
        "{tool}: no debug log"
    );
    tokens_in(home, &mut known);
    assert_clean(&debug, &known);

    // --export: the token is the point when piped, masked on a terminal.
    let export = login(&["--export"], &[]);
    assert_eq!(export.code, 0, "{}", export.text);
    let exported = token_shaped(&export.text)
        .into_iter()
        .find(|w| w.len() == 64)
        .unwrap_or_else(|| panic!("{tool}: --export piped printed no token:\n{}", export.text))
        .to_string();
    known.insert(exported.clone());
    let mut args: Vec<String> = ["login", "--tool", tool, "--export"]
        .iter()
        .chain(base.iter())
        .map(|s| s.to_string())
        .collect();
    let tty = run_on_terminal(&user, &args);
    assert_eq!(tty.code, 0, "{}", tty.text);
    assert!(tty.text.contains("masked"), "{tool}: {}", tty.text);
    args.push("--show-token".into());
    let tty_shown = run_on_terminal(&user, &args);
    assert!(
        !token_shaped(&tty_shown.text).is_empty(),
        "{tool}: --show-token on a terminal hides the token:\n{}",
        tty_shown.text
    );
    learn(&tty_shown.text, &mut known);
    assert_clean(&tty, &known);

    // Logout's dry run shows what it removes, masked.
    let out_dry = run(&user, tool, &["logout", "--tool", tool, "--dry-run"], &[]);
    assert_eq!(out_dry.code, 0, "{}", out_dry.text);
    assert_clean(&out_dry, &known);
    let out_shown = run(
        &user,
        tool,
        &["logout", "--tool", tool, "--dry-run", "--show-token"],
        &[],
    );
    let current: Vec<String> = {
        let mut now = BTreeSet::new();
        tokens_in(home, &mut now);
        now.into_iter().collect()
    };
    assert!(
        current.iter().any(|t| out_shown.text.contains(t.as_str())),
        "{tool}: logout --dry-run --show-token hides the token:\n{}",
        out_shown.text
    );

    // Error paths.
    let written: Vec<_> = files.iter().map(|(rel, _)| home.join(rel)).collect();
    set_mode(&written[0], 0o444);
    let read_only = login(&[], &[]);
    set_mode(&written[0], 0o644);
    assert_eq!(read_only.code, 255, "{}", read_only.text);
    assert!(read_only.text.contains("read-only"), "{}", read_only.text);
    assert_clean(&read_only, &known);
    if let Some(broken) = unparseable(files[0].0, &current[0]) {
        let saved = std::fs::read(&written[0]).unwrap();
        std::fs::write(&written[0], &broken).unwrap();
        let bad = login(&[], &[]);
        assert_eq!(bad.code, 255, "{tool}: {}", bad.text);
        assert!(bad.text.contains("left as it was"), "{tool}: {}", bad.text);
        assert_clean(&bad, &known);
        assert_eq!(std::fs::read_to_string(&written[0]).unwrap(), broken);
        std::fs::write(&written[0], saved).unwrap();
    }
    let service = run(
        &user,
        tool,
        &[
            "login",
            "--tool",
            tool,
            "--domain",
            DOMAIN,
            "--repository",
            "missing",
            "--endpoint-url",
            &mock.url,
        ],
        &[],
    );
    assert_eq!(service.code, 254, "{}", service.text);
    assert_clean(&service, &known);

    let logout = run(&user, tool, &["logout", "--tool", tool], &[]);
    assert_eq!(logout.code, 0, "{}", logout.text);
    assert_clean(&logout, &known);
    for (rel, text) in files {
        assert_eq!(
            &std::fs::read_to_string(home.join(rel)).unwrap(),
            text,
            "{tool}: logout did not restore {rel}"
        );
    }
}

#[cfg(unix)]
fn set_mode(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn check_tools(names: &[&str]) {
    let (mock, _admin) = mock_with(&[("repo", &[])]);
    for (tool, files) in tools().into_iter().filter(|(t, _)| names.contains(t)) {
        check_tool(&mock, tool, &files);
    }
}

#[test]
fn npm_family_keeps_secrets_off_the_output() {
    check_tools(&["npm", "pnpm", "yarn-classic", "yarn", "bun"]);
}

#[test]
fn python_tools_keep_secrets_off_the_output() {
    check_tools(&["pip", "twine", "uv", "poetry"]);
}

#[test]
fn jvm_and_dotnet_tools_keep_secrets_off_the_output() {
    check_tools(&["maven", "gradle", "nuget", "dotnet"]);
}

#[test]
fn swift_cargo_and_gem_keep_secrets_off_the_output() {
    check_tools(&["swift", "cargo", "gem"]);
}

#[test]
fn every_tool_is_covered() {
    let names: BTreeSet<&str> = tools().iter().map(|(t, _)| *t).collect();
    assert_eq!(names.len(), 16);
}

#[test]
fn a_panic_is_reported_masked_with_exit_255() {
    let (mock, user) = mock_with(&[]);
    let secret = "password=Pan1cSecretValueThatMustNotShowUp0123456789";
    let r = run(
        &user,
        "panic",
        &["list-domains", "--endpoint-url", &mock.url],
        &[("CODEARTIFACT_TEST_PANIC", secret), ("RUST_BACKTRACE", "0")],
    );
    assert_eq!(r.code, 255, "{}", r.text);
    assert!(
        r.text.contains("internal error") && r.text.contains("Please report it"),
        "{}",
        r.text
    );
    assert!(!r.text.contains("Pan1cSecret"), "{}", r.text);
    assert!(
        !r.text.contains("stack backtrace") && !r.text.contains("RUST_BACKTRACE"),
        "{}",
        r.text
    );
}
