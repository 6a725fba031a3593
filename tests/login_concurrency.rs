//! Many `login` and `logout` processes of several tools at once on one HOME whose files hold
//! the user's own settings: every process succeeds, every file stays readable by the tool's own
//! parser (npm itself, and Python's configparser, tomllib, xml.etree, netrc and PyYAML for the
//! others), the user's settings survive, and after a round of logins each file holds exactly one
//! entry of ours whose token the mock accepts.

mod common;
mod dataplane_support;

use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use dataplane_support::*;
use serde_json::Value;

const TOOLS: [&str; 8] = [
    "npm", "pip", "twine", "cargo", "maven", "gem", "swift", "gradle",
];
const FOREIGN: &str = "users-own-setting-kept";

/// The user's files, each with a setting of theirs that must survive.
fn plant(home: &Path) {
    let f = FOREIGN;
    let files = [
        (
            ".npmrc",
            format!("# mine\n//other.example/:_authToken={f}\nfund=false\n"),
        ),
        (
            ".config/pip/pip.conf",
            format!("[global]\ntimeout = 5\n\n[{f}]\nx = 1\n"),
        ),
        (
            ".pypirc",
            format!(
                "[distutils]\nindex-servers =\n    {f}\n\n[{f}]\nrepository = https://other.example/\n"
            ),
        ),
        (
            ".cargo/credentials.toml",
            format!("[registries.{f}]\ntoken = \"x\"\n"),
        ),
        (
            ".m2/settings.xml",
            format!(
                "<settings>\n  <servers>\n    <server>\n      <id>{f}</id>\n    </server>\n  </servers>\n</settings>\n"
            ),
        ),
        (
            ".bundle/config",
            format!(
                "---\nBUNDLE_{}: \"1\"\n",
                f.to_uppercase().replace('-', "_")
            ),
        ),
        (
            ".netrc",
            format!("machine {f}.example login me password x\n"),
        ),
        (".gradle/gradle.properties", format!("{f}=true\n")),
    ];
    for (rel, text) in files {
        let p = home.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

/// Reads every tool's files with a real parser and reports, per tool, whether the user's
/// setting is there, how many entries of ours there are, and the token in ours.
const CHECK: &str = r#"
import configparser, json, netrc, os, re, sys, tomllib, xml.etree.ElementTree as ET, yaml
home, foreign = sys.argv[1], sys.argv[2]
p = lambda rel: os.path.join(home, rel)
read = lambda rel: open(p(rel)).read() if os.path.exists(p(rel)) else ""
out = {}
def blocks(text, key):
    return len(re.findall(r"^# BEGIN codeartifact login: " + re.escape(key), text, re.M))
t = read(".npmrc")
m = re.findall(r"^//127\.0\.0\.1:\d+/npm/d/dom-\d+/repo/:_authToken=(\S+)$", t, re.M)
out["npm"] = dict(foreign=foreign in t, ours=len(m), token=m[0] if m else None)
c = configparser.RawConfigParser(); c.read(p(".config/pip/pip.conf"))
url = c.get("global", "index-url", fallback="")
m = re.findall(r"aws:([^@]+)@", url)
out["pip"] = dict(foreign=c.has_section(foreign), ours=blocks(read(".config/pip/pip.conf"), "global.index-url"), token=m[0] if m else None)
c = configparser.RawConfigParser(); c.read(p(".pypirc"))
servers = c.get("distutils", "index-servers").split()
out["twine"] = dict(foreign=foreign in servers and c.has_section(foreign), ours=servers.count("codeartifact"),
                    token=c.get("codeartifact", "password", fallback=None))
creds = tomllib.loads(read(".cargo/credentials.toml")).get("registries", {})
cfg = tomllib.loads(read(".cargo/config.toml")).get("registries", {})
out["cargo"] = dict(foreign=foreign in creds, ours=int("codeartifact" in creds) * int("codeartifact" in cfg),
                    token=creds.get("codeartifact", {}).get("token"))
servers = ET.parse(p(".m2/settings.xml")).getroot().findall("./servers/server")
ours = [s for s in servers if s.findtext("id") == "codeartifact"]
out["maven"] = dict(foreign=any(s.findtext("id") == foreign for s in servers), ours=len(ours),
                    token=ours[0].findtext("password") if ours else None)
b = yaml.safe_load(read(".bundle/config")) or {}
mine = {k: v for k, v in b.items() if k.startswith("BUNDLE_127__0__0__1")}
src = (yaml.safe_load(read(".gemrc")) or {}).get(":sources", [])
out["gem"] = dict(foreign=("BUNDLE_" + foreign.upper().replace("-", "_")) in b,
                  ours=len(mine) * len([s for s in src if "@127.0.0.1:" in s]),
                  token=next(iter(mine.values()), "aws:").split(":", 1)[1] or None)
n = netrc.netrc(p(".netrc"))
a = n.authenticators("127.0.0.1")
out["swift"] = dict(foreign=(foreign + ".example") in n.hosts, ours=blocks(read(".netrc"), "machine 127.0.0.1"),
                    token=a[2] if a else None)
t = read(".gradle/gradle.properties")
m = re.findall(r"^codeartifactToken=(\S+)$", t, re.M)
out["gradle"] = dict(foreign=(foreign + "=true") in t, ours=len(m), token=m[0] if m else None)
print(json.dumps(out))
"#;

fn check(user: &User) -> Value {
    let out = user
        .command(common::python_bin())
        .args(["-c", CHECK])
        .arg(user.home())
        .arg(FOREIGN)
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "a file no longer parses:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON from the check")
}

/// Starts every command at once and waits for all, each bounded in time.
fn run_all(user: &User, mock: &Mock, commands: &[Vec<&str>]) {
    let children: Vec<(String, Child)> = commands
        .iter()
        .map(|args| {
            let child = user
                .command(env!("CARGO_BIN_EXE_codeartifact"))
                .current_dir(user.home())
                .args(args)
                .args(["--endpoint-url", &mock.url])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn codeartifact");
            (args.join(" "), child)
        })
        .collect();
    let deadline = Instant::now() + Duration::from_secs(180);
    for (what, mut child) in children {
        let status = loop {
            if let Some(s) = child.try_wait().expect("wait") {
                break s;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                panic!("{what} did not finish in time");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let mut err = String::new();
        std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
        assert!(status.success(), "{what} failed: {err}");
    }
}

#[test]
fn forty_eight_concurrent_logins_and_logouts_keep_every_file_whole() {
    let (mock, user) = mock_with(&[("repo", &[])]);
    plant(user.home());
    let login = |tool| {
        let mut args = vec![
            "login",
            "--tool",
            tool,
            "--domain",
            DOMAIN,
            "--repository",
            "repo",
        ];
        if tool == "cargo" {
            // A token in credentials.toml, whose entry the test counts (login's default for
            // cargo, the credential provider, writes none).
            args.push("--no-credential-provider");
        }
        args
    };
    let logout = |tool| vec!["logout", "--tool", tool];

    // Round 1: logins and logouts mixed, 48 processes.
    let mixed: Vec<Vec<&str>> = (0..48)
        .map(|i| {
            let tool = TOOLS[i % TOOLS.len()];
            if i % 3 == 2 {
                logout(tool)
            } else {
                login(tool)
            }
        })
        .collect();
    run_all(&user, &mock, &mixed);
    let state = check(&user);
    for tool in TOOLS {
        assert_eq!(
            state[tool]["foreign"], true,
            "{tool}: the user's setting was lost: {state}"
        );
        assert!(
            state[tool]["ours"].as_u64().unwrap() <= 1,
            "{tool}: {state}"
        );
    }

    // Round 2: 48 logins: exactly one entry of ours each, with a token the mock accepts.
    let logins: Vec<Vec<&str>> = (0..48).map(|i| login(TOOLS[i % TOOLS.len()])).collect();
    run_all(&user, &mock, &logins);
    let state = check(&user);
    for tool in TOOLS {
        let s = &state[tool];
        assert_eq!(s["foreign"], true, "{tool}: {state}");
        assert_eq!(s["ours"], 1, "{tool}: {state}");
        let token = s["token"]
            .as_str()
            .unwrap_or_else(|| panic!("{tool}: no token: {state}"));
        let (status, _, _) = authed(
            &mock,
            "GET",
            &format!("{}no-such-package", endpoint_path("npm", "repo")),
            Some(&bearer(token)),
            b"",
        );
        assert_eq!(
            status, 404,
            "{tool}: the mock refuses the token in the file"
        );
    }
    // npm itself reads its file and authenticates with it: a missing package is a 404, not a 401.
    let out = user
        .command(client("npm"))
        .current_dir(user.home())
        .args(["view", "no-such-package", "--json"])
        .output()
        .expect("run npm");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("E404") && !text.contains("E401"), "{text}");

    // And logging every tool out leaves exactly the user's files.
    let logouts: Vec<Vec<&str>> = TOOLS.iter().map(|t| logout(t)).collect();
    run_all(&user, &mock, &logouts);
    let fresh = tempfile::tempdir().unwrap();
    plant(fresh.path());
    for rel in [
        ".npmrc",
        ".config/pip/pip.conf",
        ".pypirc",
        ".cargo/credentials.toml",
        ".m2/settings.xml",
        ".netrc",
        ".gradle/gradle.properties",
        ".bundle/config",
    ] {
        assert_eq!(
            std::fs::read_to_string(user.home().join(rel)).unwrap(),
            std::fs::read_to_string(fresh.path().join(rel)).unwrap(),
            "{rel} differs after logout"
        );
    }
}
