//! The terminal as a person meets it: login's questions and `--output table`, through a real
//! pseudo-terminal. A Python driver (its `pty` and `termios` modules) runs the real binary on a
//! new pty of a given size, as the session leader with the pty as its controlling terminal (so
//! a Ctrl-C byte is what a user's Ctrl-C is), waits for each expected text, types keys, and
//! reports everything the program drew, its exit status and whether the terminal's modes were
//! restored. Every run is bounded in time; the emulator is `mock serve` on 127.0.0.1:0.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{Mock, oracle::Pair, python_bin};
use serde_json::{Value, json};

/// Runs `spec` (argv, cols, rows, steps [{expect, send}], timeout, env) under a pty.
const DRIVER: &str = r#"
import fcntl, json, os, select, struct, subprocess, sys, termios, time
spec = json.loads(sys.stdin.read())
master, slave = os.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', spec['rows'], spec['cols'], 0, 0))
before = termios.tcgetattr(slave)
env = dict(os.environ, TERM='xterm-256color', **spec.get('env', {}))
p = subprocess.Popen(spec['argv'], stdin=slave, stdout=slave, stderr=slave, env=env,
                     start_new_session=True,
                     preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0))
deadline = time.monotonic() + spec['timeout']
out = b''
def pump(wait):
    global out
    r, _, _ = select.select([master], [], [], wait)
    if not r:
        return False
    try:
        data = os.read(master, 65536)
    except OSError:
        return False
    out += data
    return bool(data)
mark, done = 0, 0
for step in spec['steps']:
    want = step['expect'].encode()
    while want not in out[mark:] and time.monotonic() < deadline:
        pump(0.05)
    if want not in out[mark:]:
        break
    mark = out.index(want, mark) + len(want)
    # Let the program finish drawing: it reads keys only after it has drawn the question.
    while pump(0.05):
        pass
    mark = len(out)
    os.write(master, step['send'].encode())
    done += 1
while p.poll() is None and time.monotonic() < deadline:
    pump(0.05)
timed_out = p.poll() is None
if timed_out:
    p.kill()
    p.wait()
while pump(0.05):
    pass
after = termios.tcgetattr(slave)
print(json.dumps({'out': out.decode('utf-8', 'replace'), 'status': p.returncode,
                  'steps': done, 'timed_out': timed_out, 'restored': after == before}))
"#;

struct Run {
    out: String,
    status: i64,
    steps: u64,
    restored: bool,
}

impl Run {
    /// What the program drew, without colours and with plain line ends.
    fn plain(&self) -> String {
        let mut s = String::new();
        let mut chars = self.out.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\x1b' && chars.peek() == Some(&'[') {
                chars.next();
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            } else if c != '\r' {
                s.push(c);
            }
        }
        s
    }
}

fn pty(mock: &Mock, args: &[&str], cols: u16, steps: &[(&str, &str)], env: &[(&str, &str)]) -> Run {
    let mut argv = vec![env!("CARGO_BIN_EXE_codeartifact").to_string()];
    argv.extend(args.iter().map(|a| a.to_string()));
    argv.extend(["--endpoint-url".to_string(), mock.url.clone()]);
    let spec = json!({
        "argv": argv,
        "cols": cols,
        "rows": 40,
        "timeout": 30,
        "steps": steps.iter().map(|(e, s)| json!({"expect": e, "send": s})).collect::<Vec<_>>(),
        "env": env.iter().map(|(k, v)| (k.to_string(), json!(v))).collect::<serde_json::Map<_, _>>(),
    });
    let mut cmd = Command::new(python_bin());
    mock.env().apply(&mut cmd);
    let mut child = cmd
        .args(["-c", DRIVER])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the pty driver");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(spec.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "driver failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["timed_out"], false,
        "the program did not exit in time: {v}"
    );
    Run {
        out: v["out"].as_str().unwrap().to_string(),
        status: v["status"].as_i64().unwrap(),
        steps: v["steps"].as_u64().unwrap(),
        restored: v["restored"].as_bool().unwrap(),
    }
}

/// A domain `team` with `names` for repositories, made in one boto3 process.
fn seeded(names: &[String]) -> Mock {
    let mock = Mock::start();
    mock.boto3(&format!(
        "client.create_domain(domain='team')\n\
         for n in {names:?}:\n    client.create_repository(domain='team', repository=n)\n"
    ));
    mock
}

fn sixty_four() -> Vec<String> {
    let mut names: Vec<String> = (0..63).map(|i| format!("repo-{i:02}")).collect();
    names.push("web-frontend".to_string());
    names
}

#[test]
fn a_fresh_emulator_offers_to_create_a_domain_and_a_repository() {
    let mock = Mock::start();
    let run = pty(
        &mock,
        &["login"],
        80,
        &[
            ("Tool", "np\r"),
            ("Create a domain", "y"),
            ("Domain name", "\r"),
            ("Repository name", "team-repo\r"),
        ],
        &[],
    );
    let text = run.plain();
    assert_eq!((run.status, run.steps), (0, 4), "{text}");
    assert!(text.contains("Successfully configured npm"), "{text}");
    assert!(run.restored, "{text}");
    let npmrc = std::fs::read_to_string(mock.env().home().join(".npmrc")).unwrap();
    assert!(npmrc.contains("/npm/d/my-domain-"), "{npmrc}");
    assert!(npmrc.contains("/team-repo/"), "{npmrc}");
    let repos = mock.aws_ok(&["list-repositories-in-domain", "--domain", "my-domain"]);
    assert_eq!(repos["repositories"][0]["name"], "team-repo");
}

#[test]
fn declining_to_create_says_how() {
    let mock = Mock::start();
    let run = pty(
        &mock,
        &["login", "--tool", "pip"],
        80,
        &[("Create a domain", "n")],
        &[],
    );
    let text = run.plain();
    assert_eq!(run.status, 252, "{text}");
    assert!(
        text.contains("codeartifact create-domain --domain"),
        "{text}"
    );
    assert!(run.restored, "{text}");
}

/// What to wait for and what to type then, in order.
type Steps = &'static [(&'static str, &'static str)];

/// Where and after which keys Ctrl-C comes: the first question, a filtered list, a list
/// scrolled down, a text question.
const CTRL_C_CASES: &[(&[&str], Steps)] = &[
    (&["login"], &[("Tool", "\x03")]),
    (
        &["login", "--tool", "npm", "--domain", "team"],
        &[("Repository", "rep"), ("rep", "\x03")],
    ),
    (
        &["login", "--tool", "npm", "--domain", "team"],
        &[("Repository", "\x1b[B\x1b[B\x1b[B"), ("repo-03", "\x03")],
    ),
    (&["login", "--tool", "npm"], &[("Domain", "\x03")]),
];

#[test]
fn ctrl_c_at_a_prompt_exits_130_and_restores_the_terminal_every_time() {
    let mock = seeded(&sixty_four());
    // Each case three times: twelve interruptions, each one must end the same way.
    for round in 0..3 {
        for (args, steps) in CTRL_C_CASES {
            let run = pty(&mock, args, 80, steps, &[]);
            let what = format!("round {round}, {args:?} {steps:?}:\n{:?}", run.out);
            assert_eq!(run.status, 130, "{what}");
            assert_eq!(run.steps as usize, steps.len(), "{what}");
            assert!(run.restored, "terminal modes not restored: {what}");
            assert!(!run.out.contains("interrupted"), "{what}");
            // The cursor is shown again after it was last hidden, and the menu was cleared
            // (up to its first line, then to the end of the screen) after it was last drawn.
            let hidden = run.out.rfind("\x1b[?25l").expect("cursor hidden");
            let shown = run.out.rfind("\x1b[?25h").expect("cursor shown");
            assert!(shown > hidden, "{what}");
            let last_item = run.out.rfind("repo-").or(run.out.rfind("npm")).unwrap_or(0);
            assert!(run.out[last_item..].contains("\x1b[J"), "{what}");
        }
    }
}

#[test]
fn esc_cancels() {
    let mock = seeded(&sixty_four());
    let run = pty(
        &mock,
        &["login", "--tool", "npm", "--domain", "team"],
        80,
        &[("Repository", "\x1b")],
        &[],
    );
    let text = run.plain();
    assert_eq!(run.status, 130, "{text}");
    assert!(text.contains("Repository: cancelled"), "{text}");
    assert!(run.restored, "{text}");
    assert!(!mock.env().home().join(".npmrc").exists());
}

#[test]
fn typing_filters_a_long_list() {
    let mock = seeded(&sixty_four());
    let run = pty(
        &mock,
        &["login", "--tool", "npm", "--domain", "team"],
        80,
        &[("Repository", "front"), ("1 of 64", "\r")],
        &[],
    );
    let text = run.plain();
    assert_eq!(run.status, 0, "{text}");
    assert!(text.contains("Repository: web-frontend"), "{text}");
    let npmrc = std::fs::read_to_string(mock.env().home().join(".npmrc")).unwrap();
    assert!(npmrc.contains("/web-frontend/"), "{npmrc}");
}

/// Repositories with long identifiers and a description that must wrap.
fn table_state(run: &dyn Fn(&[&str])) {
    run(&["create-domain", "--domain", "my-domain"]);
    for (name, description) in [
        (
            "web",
            "Packages the web team builds and the services that depend on them share",
        ),
        ("libs", "Mirror of the public registries"),
    ] {
        run(&[
            "create-repository",
            "--domain",
            "my-domain",
            "--repository",
            name,
            "--description",
            description,
        ]);
    }
}

const LIST: &[&str] = &[
    "list-repositories-in-domain",
    "--domain",
    "my-domain",
    "--output",
    "table",
];

#[test]
fn tables_fit_the_terminal_without_breaking_words() {
    let mock = Mock::start();
    table_state(&|args| {
        mock.aws_ok(args);
    });
    let listed = mock.aws_ok(&["list-repositories-in-domain", "--domain", "my-domain"]);
    let words: Vec<String> = listed["repositories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r.as_object().unwrap().values())
        .flat_map(|v| {
            v.as_str()
                .unwrap()
                .split(' ')
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    let mut widest = Vec::new();
    for (cols, env) in [(80, None), (120, None), (120, Some("100"))] {
        let env: Vec<(&str, &str)> = env.map(|c| ("COLUMNS", c)).into_iter().collect();
        let run = pty(&mock, LIST, cols, &[], &env);
        let text = run.plain();
        assert_eq!(run.status, 0, "{text}");
        let limit = env
            .first()
            .map_or(usize::from(cols), |(_, c)| c.parse().unwrap());
        let lines: Vec<&str> = text.lines().collect();
        for l in &lines {
            assert!(l.chars().count() <= limit, "{cols} columns: {l:?}\n{text}");
        }
        for w in &words {
            assert!(
                lines.iter().any(|l| l.contains(w.as_str())),
                "{w} broken at {cols}:\n{text}"
            );
        }
        widest.push(lines.iter().map(|l| l.chars().count()).max().unwrap());
    }
    // Wider terminals are used; COLUMNS wins over the terminal's own width.
    assert!(
        widest[0] <= 80 && widest[1] > 80 && widest[2] <= 100,
        "{widest:?}"
    );
}

#[test]
fn tables_off_a_terminal_are_the_aws_clis() {
    let p = Pair::new();
    table_state(&|args| {
        p.step(args);
    });
    p.step(LIST);
    p.step(&["list-domains", "--output", "table"]);
    p.step(&[
        "describe-domain",
        "--domain",
        "my-domain",
        "--output",
        "table",
    ]);
    p.step(&[
        "describe-repository",
        "--domain",
        "my-domain",
        "--repository",
        "web",
        "--output",
        "table",
    ]);
}
