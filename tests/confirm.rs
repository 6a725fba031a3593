//! Destructive operations ask before acting, on a terminal only: proven through a real
//! pseudo-terminal (python3's pty module drives the binary as a person at a terminal would)
//! against the emulator, whose state shows whether the deletion happened.

mod common;

use std::process::{Command, Output};

use common::Mock;

/// python3: runs argv[2:] on a new pseudo-terminal, waits for the question (10 s at most), then
/// answers argv[1] (`eof`: Ctrl-D, `ctrl-c`: Ctrl-C, `-`: nothing, else that line). Prints what
/// the terminal showed; exits with the command's exit status.
const DRIVER: &str = r#"
import os, pty, select, sys, time
answer, argv = sys.argv[1], sys.argv[2:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
seen = b""
def pump(until, stop):
    global seen
    while time.time() < until and (stop is None or stop not in seen):
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            try:
                data = os.read(fd, 4096)
            except OSError:
                return
            if not data:
                return
            seen += data
if answer != "-":
    pump(time.time() + 10, b"[y/N] ")
    os.write(fd, {"eof": b"\x04", "ctrl-c": b"\x03"}.get(answer, answer.encode() + b"\r"))
pump(time.time() + 20, None)
_, status = os.waitpid(pid, 0)
sys.stdout.buffer.write(seen)
sys.exit(os.waitstatus_to_exitcode(status))
"#;

/// `codeartifact ARGS --endpoint-url MOCK` on a pseudo-terminal, answered with `answer`.
fn on_terminal(mock: &Mock, answer: &str, args: &[&str]) -> Output {
    let mut c = Command::new("python3");
    mock.env().apply(&mut c);
    c.args(["-c", DRIVER, answer, env!("CARGO_BIN_EXE_codeartifact")])
        .args(args)
        .args(["--endpoint-url", &mock.url]);
    c.output().unwrap()
}

fn repositories(mock: &Mock) -> Vec<String> {
    let v = mock.aws_ok(&["list-repositories"]);
    v["repositories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn deleting_a_repository_asks_on_a_terminal_only() {
    let mock = Mock::start();
    mock.aws_ok(&["create-domain", "--domain", "dom"]);
    for r in ["keep", "gone", "piped", "forced"] {
        mock.aws_ok(&["create-repository", "--domain", "dom", "--repository", r]);
    }
    let delete = |r: &'static str| ["delete-repository", "--domain", "dom", "--repository", r];

    // No, end of input and Ctrl-C all keep the repository; the question shows what would go.
    for (answer, code) in [("n", 255), ("eof", 255), ("ctrl-c", 130)] {
        let o = on_terminal(&mock, answer, &delete("keep"));
        let screen = String::from_utf8_lossy(&o.stdout);
        assert_eq!(o.status.code(), Some(code), "{answer}: {screen}");
        assert!(
            screen.contains("delete-repository will delete this repository")
                && screen.contains("--domain dom")
                && screen.contains("--repository keep"),
            "{answer}: {screen}"
        );
        assert!(
            repositories(&mock).contains(&"keep".to_string()),
            "{answer}"
        );
    }

    // Yes deletes, and prints the AWS CLI's output after the question.
    let o = on_terminal(&mock, "y", &delete("gone"));
    let screen = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{screen}");
    assert!(screen.contains("\"repository\""), "{screen}");
    assert!(!repositories(&mock).contains(&"gone".to_string()));

    // --yes on a terminal: no question.
    let o = on_terminal(&mock, "-", &[&delete("forced")[..], &["--yes"]].concat());
    let screen = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{screen}");
    assert!(!screen.contains("[y/N]"), "{screen}");

    // Without a terminal (a script), never a question, as with the AWS CLI.
    let mut c = Command::new(env!("CARGO_BIN_EXE_codeartifact"));
    mock.env().apply(&mut c);
    let o = c
        .args(delete("piped"))
        .args(["--endpoint-url", &mock.url])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(repositories(&mock), vec!["keep".to_string()]);
}

#[test]
fn every_destructive_operation_asks() {
    let mock = Mock::start();
    mock.aws_ok(&["create-domain", "--domain", "dom"]);
    mock.aws_ok(&[
        "create-repository",
        "--domain",
        "dom",
        "--repository",
        "repo",
    ]);
    mock.aws_ok(&[
        "create-package-group",
        "--domain",
        "dom",
        "--package-group",
        "/npm/*",
    ]);
    let common = [
        "--domain",
        "dom",
        "--repository",
        "repo",
        "--format",
        "npm",
        "--package",
        "p",
    ];
    let cases: Vec<Vec<&str>> = vec![
        vec!["delete-domain", "--domain", "dom"],
        [&["delete-package"][..], &common].concat(),
        [
            &["delete-package-versions"][..],
            &common,
            &["--versions", "1.0.0", "2.0.0"],
        ]
        .concat(),
        [
            &["dispose-package-versions"][..],
            &common,
            &["--versions", "1.0.0"],
        ]
        .concat(),
        vec![
            "delete-package-group",
            "--domain",
            "dom",
            "--package-group",
            "/npm/*",
        ],
    ];
    let before = mock.requests();
    for args in cases {
        let o = on_terminal(&mock, "n", &args);
        let screen = String::from_utf8_lossy(&o.stdout);
        assert_eq!(o.status.code(), Some(255), "{args:?}: {screen}");
        assert!(
            screen.contains(&format!("{} will ", args[0])) && screen.contains("Not confirmed"),
            "{args:?}: {screen}"
        );
        if args[0] == "delete-package-versions" {
            assert!(screen.contains("--versions 1.0.0, 2.0.0"), "{screen}");
        }
    }
    // Declined, nothing reached the service.
    assert_eq!(mock.requests(), before);
    mock.aws_ok(&[
        "describe-package-group",
        "--domain",
        "dom",
        "--package-group",
        "/npm/*",
    ]);
}
