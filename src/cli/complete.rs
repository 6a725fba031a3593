//! Completion of resource names: the shell scripts in completions/ call
//! `codeartifact --complete-resource KIND WORDS...` when the word being completed is the value
//! of `--domain`, `--repository` or `--package`, with the words typed before it. The answer is one
//! name a line, from one page of the service's (or, with `--local`, the emulator's) listing,
//! using the region, profile and endpoint options found in those words. A completion must never
//! hang a shell nor print an error into it: everything is bounded by `DEADLINE`, and any failure
//! prints nothing.

use std::time::Duration;

use crate::cli::settings::Settings;

/// The option that asks for names; the shells' scripts below pass it.
pub const FLAG: &str = "--complete-resource";

/// How long a completion may take in all, connection and call included.
const DEADLINE: Duration = Duration::from_secs(3);

/// Options whose value is a word of its own, which `parse` must skip past.
const GLOBAL_VALUES: &[&str] = &["--endpoint-url", "--profile", "--region", "--ca-bundle"];

/// Runs the completion (`args`: the words after `--complete-resource`). Always exit status 0.
pub fn main(args: &[String]) -> i32 {
    let Some((kind, words)) = args.split_first() else {
        return 0;
    };
    let Some(settings) = settings(words) else {
        return 0;
    };
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return 0;
    };
    let names = runtime.block_on(async {
        tokio::time::timeout(DEADLINE, names(kind, words, &settings))
            .await
            .ok()
            .flatten()
    });
    if let Some(names) = names {
        let mut text = names.join("\n");
        text.push('\n');
        let _ = crate::output::stdout::print(text.as_bytes());
    }
    0
}

/// The value of `--name` among the words (the last one given, as the parser takes it).
fn value<'a>(words: &'a [String], name: &str) -> Option<&'a str> {
    let prefix = format!("{name}=");
    let mut found = None;
    for (i, w) in words.iter().enumerate() {
        if w == name {
            found = words.get(i + 1).map(String::as_str).or(found);
        } else if let Some(v) = w.strip_prefix(&prefix) {
            found = Some(v);
        }
    }
    found
}

/// The global options among the words, as settings; a mistake in them means no completion.
fn settings(words: &[String]) -> Option<Settings> {
    let mut global: Vec<&str> = Vec::new();
    for name in GLOBAL_VALUES {
        if let Some(v) = value(words, name) {
            global.extend([*name, v]);
        }
    }
    for flag in ["--local", "--no-verify-ssl"] {
        if words.iter().any(|w| w == flag) {
            global.push(flag);
        }
    }
    global.extend(["--cli-connect-timeout", "1", "--cli-read-timeout", "2"]);
    crate::credential::Options::parse(&global)
        .ok()
        .map(|o| o.settings)
}

async fn names(kind: &str, words: &[String], settings: &Settings) -> Option<Vec<String>> {
    let connection = crate::cli::client::connect(settings).await.ok()?;
    let client = &connection.service.client;
    let owner = value(words, "--domain-owner").map(str::to_string);
    let names = match kind {
        "domain" => client
            .list_domains()
            .send()
            .await
            .ok()?
            .domains
            .unwrap_or_default()
            .into_iter()
            .filter_map(|d| d.name)
            .collect(),
        "repository" => {
            let repositories = match value(words, "--domain") {
                Some(domain) => {
                    client
                        .list_repositories_in_domain()
                        .domain(domain)
                        .set_domain_owner(owner)
                        .send()
                        .await
                        .ok()?
                        .repositories
                }
                None => client.list_repositories().send().await.ok()?.repositories,
            };
            repositories
                .unwrap_or_default()
                .into_iter()
                .filter_map(|r| r.name)
                .collect()
        }
        "package" => client
            .list_packages()
            .domain(value(words, "--domain")?)
            .repository(value(words, "--repository")?)
            .set_domain_owner(owner)
            .set_format(value(words, "--format").map(Into::into))
            .set_namespace(value(words, "--namespace").map(str::to_string))
            .send()
            .await
            .ok()?
            .packages
            .unwrap_or_default()
            .into_iter()
            .filter_map(|p| p.package)
            .collect(),
        _ => return None,
    };
    Some(names)
}

/// Appended to clap's bash script: values of the three options come from `FLAG`, everything
/// else from clap's function.
pub const BASH: &str = r#"
# Domain, repository and package names from the service (or the emulator, with --local).
_codeartifact_resources() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
    case "$prev" in
        --domain|--repository|--package)
            local IFS=$'\n'
            local names
            names="$(command codeartifact --complete-resource "${prev#--}" "${COMP_WORDS[@]:0:COMP_CWORD}" 2>/dev/null)"
            COMPREPLY=($(compgen -W "$names" -- "$cur"))
            return 0
            ;;
    esac
    _codeartifact "$@"
}
if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _codeartifact_resources -o nosort -o bashdefault -o default codeartifact
else
    complete -F _codeartifact_resources -o bashdefault -o default codeartifact
fi
"#;

/// Defined in clap's zsh script before its last lines; the options' value actions call it.
pub const ZSH: &str = r#"
# Domain, repository and package names from the service (or the emulator, with --local).
_codeartifact_resources() {
    local -a names
    names=(${(f)"$(command codeartifact --complete-resource $1 ${words[1,CURRENT-1]} 2>/dev/null)"})
    compadd -a names
}
"#;

/// Appended to clap's fish script: fish merges these with clap's entries for the same options.
pub const FISH: &str = r#"
# Domain, repository and package names from the service (or the emulator, with --local).
for kind in domain repository package
    complete -c codeartifact -l $kind -x -a "(command codeartifact --complete-resource $kind (commandline -opc) 2>/dev/null)"
end
"#;
