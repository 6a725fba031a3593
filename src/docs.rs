//! Shell completions and man pages, generated from the clap tree (never written by hand) and
//! committed under completions/ and man/; `tests/generated_docs.rs` fails when they are stale.

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
    files.push(("man/codeartifact.1".to_string(), man_page(&root)));
    // clap's own `help` subcommand mirrors the tree; its pages would only repeat the others.
    for sub in root.get_subcommands().filter(|s| s.get_name() != "help") {
        files.push((
            format!("man/codeartifact-{}.1", sub.get_name()),
            man_page(sub),
        ));
        for subsub in sub.get_subcommands().filter(|s| s.get_name() != "help") {
            files.push((
                format!(
                    "man/codeartifact-{}-{}.1",
                    sub.get_name(),
                    subsub.get_name()
                ),
                man_page(subsub),
            ));
        }
    }
    files
}

fn man_page(cmd: &clap::Command) -> Vec<u8> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone())
        .render(&mut buf)
        .expect("rendering to memory cannot fail");
    buf
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
