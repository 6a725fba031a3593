//! Completion of resource names, run by the real bash: completions/codeartifact.bash is sourced,
//! its function is called as bash calls it on TAB (COMP_WORDS, COMP_CWORD), and the names it
//! offers must be the emulator's.

mod common;

use std::path::Path;
use std::process::Command;

use common::Mock;

/// What bash offers for the last word of `line` (the word being completed may be partial).
fn complete(env: &common::AwsEnv, line: &[&str]) -> Vec<String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/codeartifact.bash");
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_codeartifact"))
        .parent()
        .unwrap();
    let words: Vec<String> = line.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={}\nCOMP_LINE='{}'\nCOMP_POINT=${{#COMP_LINE}}\n\
         _codeartifact_resources codeartifact '{}' '{}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        script.display(),
        words.join(" "),
        line.len() - 1,
        line.join(" "),
        line[line.len() - 1],
        line[line.len() - 2],
    );
    let mut c = Command::new("bash");
    env.apply(&mut c);
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let o = c
        .env("PATH", path)
        .args(["--norc", "--noprofile", "-c", &program])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut names: Vec<String> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    names.sort();
    names
}

#[test]
fn bash_completes_domains_repositories_and_packages_from_the_emulator() {
    let mock = Mock::start();
    let url = mock.url.as_str();
    for d in ["alpha", "beta"] {
        mock.aws_ok(&["create-domain", "--domain", d]);
    }
    for r in ["web", "wheels"] {
        mock.aws_ok(&["create-repository", "--domain", "alpha", "--repository", r]);
    }
    mock.aws_ok(&[
        "create-repository",
        "--domain",
        "beta",
        "--repository",
        "other",
    ]);
    let asset = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(asset.path(), b"bytes").unwrap();
    for p in ["left-pad", "lodash"] {
        let mut c = Command::new(env!("CARGO_BIN_EXE_codeartifact"));
        mock.env().apply(&mut c);
        let o = c
            .args([
                "publish-package-version",
                "--domain",
                "alpha",
                "--repository",
                "web",
            ])
            .args(["--format", "generic", "--namespace", "ns", "--package", p])
            .args(["--package-version", "1.0.0", "--asset-name", "a.txt"])
            .arg("--asset-content")
            .arg(asset.path())
            .args(["--endpoint-url", url])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }

    let login = [
        "codeartifact",
        "login",
        "--tool",
        "npm",
        "--endpoint-url",
        url,
    ];
    assert_eq!(
        complete(mock.env(), &[&login[..], &["--domain", ""]].concat()),
        ["alpha", "beta"]
    );
    assert_eq!(
        complete(mock.env(), &[&login[..], &["--domain", "a"]].concat()),
        ["alpha"]
    );
    assert_eq!(
        complete(
            mock.env(),
            &[&login[..], &["--domain", "alpha", "--repository", "w"]].concat()
        ),
        ["web", "wheels"]
    );
    assert_eq!(
        complete(
            mock.env(),
            &[&login[..], &["--domain", "beta", "--repository", ""]].concat()
        ),
        ["other"]
    );
    let describe = [
        "codeartifact",
        "describe-package",
        "--endpoint-url",
        url,
        "--domain",
        "alpha",
        "--repository",
        "web",
        "--format",
        "generic",
        "--namespace",
        "ns",
        "--package",
        "l",
    ];
    assert_eq!(complete(mock.env(), &describe), ["left-pad", "lodash"]);

    // Anything else still completes as clap's script does (here: the subcommand's options).
    let options = complete(mock.env(), &["codeartifact", "login", "--dom"]);
    assert!(options.iter().any(|o| o == "--domain"), "{options:?}");
}

#[test]
fn an_unreachable_service_completes_nothing_quickly() {
    let env = common::aws_env();
    // A port nothing listens on: bind one, then free it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let names = complete(
        &env,
        &[
            "codeartifact",
            "login",
            "--endpoint-url",
            &url,
            "--domain",
            "",
        ],
    );
    assert!(names.is_empty(), "{names:?}");
}
