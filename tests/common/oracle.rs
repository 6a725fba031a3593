//! The AWS CLI v1 as the oracle for our output: the same scenario runs twice, `codeartifact`
//! against one mock and `aws codeartifact` against another, both mocks deterministic (frozen
//! clock, counter-based ids and tokens), so identical requests get identical responses and every
//! step's stdout must be byte-identical.

use std::process::{Command, Output};

use super::{AwsEnv, Mock, aws_bin, aws_env};

pub struct Pair {
    pub ours: Mock,
    pub theirs: Mock,
    pub env: AwsEnv,
}

impl Pair {
    pub fn new() -> Pair {
        Pair {
            ours: Mock::deterministic(),
            theirs: Mock::deterministic(),
            env: aws_env(),
        }
    }

    pub fn ours(&self, args: &[&str]) -> Output {
        let mut c = Command::new(env!("CARGO_BIN_EXE_codeartifact"));
        c.args(args).arg("--endpoint-url").arg(&self.ours.url);
        self.env.apply(&mut c);
        c.output().unwrap()
    }

    pub fn theirs(&self, args: &[&str]) -> Output {
        let mut c = Command::new(aws_bin());
        c.arg("codeartifact")
            .args(args)
            .arg("--endpoint-url")
            .arg(&self.theirs.url);
        self.env.apply(&mut c);
        c.output().unwrap()
    }

    /// Runs one step with both clients and compares what they print. Returns our stdout.
    pub fn step(&self, args: &[&str]) -> String {
        let ours = self.ours(args);
        let theirs = self.theirs(args);
        let show = |o: &Output| {
            format!(
                "{}{}",
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            )
        };
        assert_eq!(
            String::from_utf8_lossy(&ours.stdout),
            String::from_utf8_lossy(&theirs.stdout),
            "stdout differs for {args:?}\n--- ours:\n{}\n--- aws:\n{}",
            show(&ours),
            show(&theirs)
        );
        assert_eq!(
            ours.status.success(),
            theirs.status.success(),
            "status differs for {args:?}: {}",
            show(&ours)
        );
        if !theirs.status.success() {
            // Service errors: the same sentence on stderr.
            let line = |o: &Output| {
                String::from_utf8_lossy(&o.stderr)
                    .lines()
                    .find(|l| l.starts_with("An error occurred"))
                    .map(str::to_string)
            };
            if let Some(expected) = line(&theirs) {
                assert_eq!(
                    line(&ours).as_deref(),
                    Some(expected.as_str()),
                    "stderr differs for {args:?}"
                );
                assert_eq!(ours.status.code(), Some(254), "service errors exit 254");
            }
        }
        String::from_utf8(ours.stdout).unwrap()
    }

    /// A read-only step, compared in every byte-exact format and with a query.
    pub fn read(&self, args: &[&str], query: &str) {
        for output in ["json", "text"] {
            let mut a = args.to_vec();
            a.extend(["--output", output]);
            self.step(&a);
            a.extend(["--query", query]);
            self.step(&a);
        }
    }
}
