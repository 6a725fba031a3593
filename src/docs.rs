//! Shell completions and man pages, generated from the clap tree (never written by hand) and
//! committed under completions/ and man/; `tests/generated_docs.rs` fails when they are stale.
//! Man pages add what clap_mangen cannot know: a synopsis with value placeholders and the
//! required options first, EXAMPLES (for an operation, its required options with sample values)
//! and FILES.

use std::path::Path;

use clap_complete::Shell;

/// Every generated file: its path relative to the repository root, and its contents.
pub fn generated_files() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::PowerShell,
        Shell::Elvish,
    ] {
        let mut cmd = crate::cli::tree::command(None);
        let mut buf = Vec::new();
        clap_complete::generate(shell, &mut cmd, "codeartifact", &mut buf);
        let buf = with_resource_names(shell, buf);
        let name = match shell {
            Shell::Bash => "codeartifact.bash",
            Shell::Zsh => "_codeartifact",
            Shell::Fish => "codeartifact.fish",
            Shell::PowerShell => "_codeartifact.ps1",
            Shell::Elvish => "codeartifact.elv",
            _ => continue,
        };
        files.push((format!("completions/{name}"), buf));
    }
    let mut root = crate::cli::tree::command(None);
    root.build();
    files.push(("man/codeartifact.1".to_string(), man_page(&root, &[])));
    // clap's own `help` subcommand mirrors the tree; its pages would only repeat the others.
    for sub in root.get_subcommands().filter(|s| s.get_name() != "help") {
        files.push((
            format!("man/codeartifact-{}.1", sub.get_name()),
            man_page(sub, &[sub.get_name()]),
        ));
        for subsub in sub.get_subcommands().filter(|s| s.get_name() != "help") {
            files.push((
                format!(
                    "man/codeartifact-{}-{}.1",
                    sub.get_name(),
                    subsub.get_name()
                ),
                man_page(subsub, &[sub.get_name(), subsub.get_name()]),
            ));
        }
    }
    files
}

/// clap's script, taught to complete the values of `--domain`, `--repository` and `--package`
/// from the service (cli/complete.rs).
fn with_resource_names(shell: Shell, script: Vec<u8>) -> Vec<u8> {
    use crate::cli::complete;
    let script = String::from_utf8(script).expect("clap_complete writes UTF-8");
    let script = match shell {
        Shell::Bash => script + complete::BASH,
        Shell::Fish => script + complete::FISH,
        Shell::Zsh => {
            let tail = "\nif [ \"$funcstack[1]\" = \"_codeartifact\" ]; then";
            let (body, end) = script
                .rsplit_once(tail)
                .expect("clap's zsh script ends by calling or registering its function");
            let mut body = body.to_string();
            for kind in ["domain", "repository", "package"] {
                let upper = kind.to_uppercase();
                body = body.replace(
                    &format!("]:{upper}:_default'"),
                    &format!("]:{upper}:_codeartifact_resources {kind}'"),
                );
            }
            format!("{body}{}{tail}{end}", complete::ZSH)
        }
        _ => script,
    };
    script.into_bytes()
}

/// One page: clap_mangen's sections, our synopsis, then EXAMPLES and FILES before VERSION.
/// `path` is the command's words after `codeartifact`.
fn man_page(cmd: &clap::Command, path: &[&str]) -> Vec<u8> {
    let name = std::iter::once("codeartifact")
        .chain(path.iter().copied())
        .collect::<Vec<_>>()
        .join(" ");
    let man = clap_mangen::Man::new(cmd.clone().override_usage(synopsis(cmd, &name)));
    let mut buf = Vec::new();
    // Each of clap_mangen's section renderers starts with the same two-line preamble; one is kept.
    let preamble = b".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";
    let mut render = || -> std::io::Result<()> {
        man.render_title(&mut buf)?;
        man.render_name_section(&mut buf)?;
        man.render_synopsis_section(&mut buf)?;
        man.render_description_section(&mut buf)?;
        if cmd.get_arguments().any(|a| !a.is_hide_set()) {
            man.render_options_section(&mut buf)?;
        }
        if cmd.has_subcommands() {
            man.render_subcommands_section(&mut buf)?;
        }
        let examples = examples(cmd, path, &name);
        if !examples.is_empty() {
            buf.extend_from_slice(b".SH EXAMPLES\n");
            for example in examples {
                buf.extend_from_slice(
                    format!(".PP\n.nf\n{}\n.fi\n", roff_escape(&example)).as_bytes(),
                );
            }
        }
        buf.extend_from_slice(b".SH FILES\n");
        for (file, what) in files(path) {
            buf.extend_from_slice(
                format!(".TP\n{}\n{}\n", roff_escape(file), roff_escape(what)).as_bytes(),
            );
        }
        if cmd.get_version().is_some() {
            man.render_version_section(&mut buf)?;
        }
        Ok(())
    };
    render().expect("rendering to memory cannot fail");
    let mut page = preamble.to_vec();
    let mut rest = buf.as_slice();
    while !rest.is_empty() {
        if rest.starts_with(preamble) {
            rest = &rest[preamble.len()..];
        } else {
            let line = rest
                .iter()
                .position(|&b| b == b'\n')
                .map_or(rest.len(), |i| i + 1);
            page.extend_from_slice(&rest[..line]);
            rest = &rest[line..];
        }
    }
    page
}

/// The command's own options with their placeholders, required ones first; the global options
/// (the same on every page) stand in one word.
fn synopsis(cmd: &clap::Command, name: &str) -> String {
    let own: Vec<&clap::Arg> = cmd
        .get_arguments()
        .filter(|a| !a.is_hide_set() && !a.is_global_set())
        .filter(|a| {
            a.get_long().is_some_and(|l| l != "help" && l != "version") || a.is_positional()
        })
        .collect();
    let mut words = vec![name.to_string()];
    let (required, optional): (Vec<_>, Vec<_>) = own.into_iter().partition(|a| is_required(a));
    words.extend(required.into_iter().map(arg_words));
    words.extend(optional.into_iter().map(|a| format!("[{}]", arg_words(a))));
    if cmd.has_subcommands() {
        words.push("<command>".to_string());
    }
    words.push("[global options]".to_string());
    words.join(" ")
}

/// Required by clap, or by the service model (the operations' options say so in their help,
/// since the AWS CLI also takes them from `--cli-input-json`).
fn is_required(a: &clap::Arg) -> bool {
    a.is_required_set()
        || a.get_help()
            .is_some_and(|h| h.to_string().starts_with("[required]"))
}

/// `--domain <DOMAIN>`, `--versions <VERSIONS>...`, `--yes`, `<OUTFILE>`.
fn arg_words(a: &clap::Arg) -> String {
    let placeholder = a
        .get_value_names()
        .and_then(|n| n.first())
        .map_or_else(|| a.get_id().as_str().to_uppercase(), ToString::to_string);
    let Some(long) = a.get_long() else {
        return format!("<{placeholder}>");
    };
    let takes_value = a.get_num_args().is_some_and(|n| n.takes_values());
    if !takes_value {
        return format!("--{long}");
    }
    let many = matches!(a.get_action(), clap::ArgAction::Append)
        && a.get_num_args().is_some_and(|n| n.max_values() > 1);
    format!("--{long} <{placeholder}>{}", if many { "..." } else { "" })
}

/// Sample values for the options operations require, so each page shows a call that works.
fn sample(long: &str) -> Option<&'static str> {
    Some(match long {
        "domain" => "my-domain",
        "repository" | "source-repository" => "my-repo",
        "destination-repository" => "other-repo",
        "format" => "npm",
        "package" => "my-package",
        "package-version" => "1.0.0",
        "versions" => "1.0.0 1.0.1",
        "package-group" => "/npm/my-scope/*",
        "resource-arn" => "arn:aws:codeartifact:us-east-1:111122223333:domain/my-domain",
        "policy-document" => "file://policy.json",
        "asset" | "asset-content" => "my-package-1.0.0.tgz",
        "asset-name" => "my-package-1.0.0.tgz",
        "target-status" => "Archived",
        "external-connection" => "public:npmjs",
        "tags" => "key=team,value=web",
        "tag-keys" => "team",
        "restriction-type" => "PUBLISH",
        "origin-type" => "INTERNAL",
        "restrictions" => "publish=ALLOW",
        _ => return None,
    })
}

/// An operation's example is its required options with sample values; our own commands have
/// examples written here.
fn examples(cmd: &clap::Command, path: &[&str], name: &str) -> Vec<String> {
    let written: &[&str] = match path {
        [] => &[
            "codeartifact --local create-domain --domain my-domain",
            "codeartifact list-domains --region us-west-2 --output table",
        ],
        ["login"] => &[
            "codeartifact login --tool npm --domain my-domain --repository my-repo",
            "codeartifact login --tool pip,twine --domain my-domain --repository my-repo --dry-run",
            "eval \"$(codeartifact login --tool uv --domain my-domain --repository my-repo --export)\"",
        ],
        ["logout"] => &["codeartifact logout --tool npm"],
        ["exec"] => {
            &["codeartifact exec --tool npm --domain my-domain --repository my-repo -- npm publish"]
        }
        ["mock"] => &[
            "codeartifact mock start",
            "codeartifact --local create-domain --domain my-domain",
            "codeartifact mock stop",
        ],
        ["mock", "serve"] => &[
            "codeartifact mock serve --data-dir ./ca-data",
            "aws codeartifact list-domains --endpoint-url http://127.0.0.1:8480",
        ],
        ["mock", "start"] => &[
            "codeartifact mock start",
            "codeartifact mock start --data-dir ./ca-data --listen 127.0.0.1:9000",
        ],
        ["mock", "stop"] => &["codeartifact mock stop"],
        ["mock", "status"] => &["codeartifact mock status || codeartifact mock start"],
        ["keyring", "install"] => &["codeartifact keyring install --dir ~/.local/bin"],
        [op] if crate::model::model()
            .operations
            .keys()
            .any(|n| crate::model::cli_name(n) == *op) =>
        {
            let mut words = vec![name.to_string()];
            for a in cmd.get_arguments().filter(|a| is_required(a)) {
                let Some(long) = a.get_long() else { continue };
                let value = sample(long).map_or_else(|| arg_words(a), |v| format!("--{long} {v}"));
                words.push(value);
            }
            return vec![words.join(" ")];
        }
        _ => &[],
    };
    written.iter().map(ToString::to_string).collect()
}

/// The files a command reads or writes.
fn files(path: &[&str]) -> Vec<(&'static str, &'static str)> {
    let mut files = vec![
        (
            "~/.aws/config, ~/.aws/credentials",
            "Region, credentials and output settings, as the AWS CLI reads them (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE)",
        ),
        (
            "$XDG_CACHE_HOME/codeartifact/tokens/ (~/.cache/codeartifact/tokens/)",
            "Authorization tokens that login, exec and the credential helpers reuse (--no-token-cache turns it off)",
        ),
        (
            "~/.local/share/codeartifact/mock/",
            "The local emulator's data (--local, mock serve without --data-dir)",
        ),
    ];
    if matches!(path, ["login" | "logout"]) {
        files.push((
            "~/.npmrc, ~/.yarnrc.yml, ~/.config/pip/pip.conf, ~/.pypirc, ~/.config/uv/uv.toml, ~/.m2/settings.xml, ~/.gradle/init.d/codeartifact.gradle, ~/.nuget/NuGet/NuGet.Config, ~/.cargo/config.toml, ~/.gemrc",
            "The package tools' files login edits and logout restores (./ with --scope project)",
        ));
    }
    files
}

/// Text for roff: hyphens as `\-` (so they stay hyphens, copyable), backslashes as `\e`, and a
/// line that starts with `.` or `'` protected from being read as a request.
fn roff_escape(text: &str) -> String {
    text.lines()
        .map(|line| {
            let escaped = line.replace('\\', "\\e").replace('-', "\\-");
            if escaped.starts_with('.') || escaped.starts_with('\'') {
                format!("\\&{escaped}")
            } else {
                escaped
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Writes every generated file under `root`, removing stale ones from man/ and completions/.
pub fn write_all(root: &Path) -> std::io::Result<()> {
    let files = generated_files();
    for dir in ["completions", "man"] {
        std::fs::create_dir_all(root.join(dir))?;
        for entry in std::fs::read_dir(root.join(dir))? {
            let entry = entry?;
            let rel = format!("{dir}/{}", entry.file_name().to_string_lossy());
            if !files.iter().any(|(p, _)| *p == rel) {
                std::fs::remove_file(entry.path())?;
            }
        }
    }
    for (rel, bytes) in files {
        std::fs::write(root.join(rel), bytes)?;
    }
    Ok(())
}
