//! The runner every `tests/fuzz_<name>.rs` target shares (the convention in the brief): proptest
//! on the stable toolchain, the number of cases from `CODEARTIFACT_FUZZ_CASES` (a default sized
//! for CI), and one summary line on stderr that `bench/fuzz.sh` collects:
//! `fuzz <name>: <cases> cases in <secs> s (<rate> cases/s), <failures> failures`.
//!
//! A failure is shrunk by proptest to a small input and fails the test with it. Nothing is
//! timed as an assertion: the rate is reported, not checked.

#![allow(
    dead_code,
    reason = "each fuzz target uses a different part of the support"
)]

use std::time::Instant;

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

/// `CODEARTIFACT_FUZZ_CASES`, or `default`.
pub fn cases(default: u32) -> u32 {
    std::env::var("CODEARTIFACT_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Runs `property` on `cases(default)` inputs drawn from `strategy`; prints the summary line and
/// fails with the shrunk input if the property failed.
pub fn run<S: Strategy>(
    name: &str,
    default: u32,
    strategy: S,
    property: impl Fn(S::Value) -> Result<(), TestCaseError>,
) {
    let n = cases(default);
    let mut runner = TestRunner::new(Config {
        cases: n,
        failure_persistence: None,
        // Shrinking a failure of these targets takes long and the input is printed anyway.
        max_shrink_iters: 2000,
        ..Config::default()
    });
    let start = Instant::now();
    let result = runner.run(&strategy, property);
    summary(name, n, start, usize::from(result.is_err()));
    if let Err(e) = result {
        panic!("fuzz {name}: {e}");
    }
}

/// Prints the summary line for `cases` cases run since `start`.
pub fn summary(name: &str, cases: u32, start: Instant, failures: usize) {
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "fuzz {name}: {cases} cases in {secs:.2} s ({:.0} cases/s), {failures} failures",
        f64::from(cases) / secs.max(1e-9)
    );
}

/// Runs a Python program from `<repo>/.venv` (the oracles' interpreter: jmespath, awscli,
/// PyYAML and the standard library's parsers) with `input` on stdin; returns its stdout.
pub fn python(program: &str, input: &str) -> String {
    use std::io::Write;
    let python = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python");
    assert!(
        python.exists(),
        "{} is missing: the fuzz targets compare with Python's parsers (python3 -m venv .venv && \
         .venv/bin/pip install awscli boto3)",
        python.display()
    );
    let mut child = std::process::Command::new(python)
        .args(["-c", program])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run python");
    let mut stdin = child.stdin.take().expect("piped stdin");
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("python output");
    writer
        .join()
        .expect("writer thread")
        .expect("write to python");
    assert!(
        out.status.success(),
        "python failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 from python")
}
