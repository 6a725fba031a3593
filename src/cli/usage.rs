//! Argument mistakes in one style, the AWS CLI's (argparse's): its usage lines, then
//! `codeartifact: error: <what>`. Our own checks and clap's parser both print through here, so a
//! mistake looks the same whichever of them caught it; clap's suggestions come best first.

use clap::error::{ContextKind, ContextValue};

const USAGE: &str = "usage: codeartifact [options] <command> [parameters]\nTo see help text, you can run:\n\n  codeartifact --help\n  codeartifact <command> --help\n";

/// An argument mistake as the AWS CLI prints it.
pub fn render(msg: &str) -> String {
    format!("{USAGE}\ncodeartifact: error: {msg}")
}

/// clap's complaint in the same style: its message and tips, without its own usage block.
/// clap orders suggestions worst first (`list-domain` offers `list-domains` last); they are
/// turned around so the best match is the first one read.
pub fn render_clap(mut e: clap::Error) -> String {
    for kind in [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ] {
        if let Some(ContextValue::Strings(s)) = e.get(kind) {
            let best_first = s.iter().rev().cloned().collect();
            e.insert(kind, ContextValue::Strings(best_first));
        }
    }
    e.remove(ContextKind::Usage);
    let text = e.render().to_string();
    let text = text.strip_prefix("error: ").unwrap_or(&text);
    let text = text
        .split("\n\nFor more information")
        .next()
        .unwrap_or(text);
    render(text.trim_end())
}
