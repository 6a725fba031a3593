//! `codeartifact exec --tool T [--tool T2] --domain D --repository R -- CMD ARGS...`: runs CMD
//! with the tools configured for the repository through CMD's environment only, for the tools
//! that have no credential hook of their own (and for CI steps that want nothing on disk).
//!
//! The token comes from the token cache (one for every tool, and for the next `exec` of the
//! job), goes to CMD in environment variables, and never in any process's argv. Files a tool
//! cannot do without (see `tools`) go in a private folder, 0700 with 0600 files, that holds no
//! token and is removed when CMD ends, however it ends; one left behind by an `exec` that was
//! itself killed is removed by the next `exec`. CMD's exit status is ours.

mod child;
mod tools;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::cli::settings::Settings;
use crate::error::{Error, Result};
use crate::login::plan::{Credential, Env};
use crate::login::service::Service;
use crate::login::{RepoArgs, Scope, logins};
use crate::tokens::CacheUse;

#[derive(clap::Args, Debug, Clone, Default)]
pub struct ExecArgs {
    #[command(flatten)]
    pub repo: RepoArgs,
    /// The command to run, after `--`, and its arguments
    #[arg(last = true, required = true, value_name = "CMD")]
    pub command: Vec<OsString>,
}

/// `codeartifact exec`: returns CMD's exit code.
pub fn run(args: &ExecArgs, settings: &Settings) -> Result<i32> {
    if let Some(t) = args.repo.tool.iter().find(|t| !tools::supported(**t)) {
        return Err(Error::usage(format!(
            "exec does not support {t}; `codeartifact login --tool {t} --export` prints what it reads"
        )));
    }
    let env = Env::from_process()?;
    crate::login::require_args(&args.repo)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::other(format!("cannot start the async runtime: {e}")))?;
    let (logins, _) = runtime.block_on(async {
        let svc = Service::connect(settings).await?;
        let cache_use = CacheUse::from(args.repo.no_token_cache, false);
        logins(&args.repo, &svc, cache_use, Scope::User, &|_, _| {
            Ok(Credential::Token)
        })
        .await
    })?;
    drop(runtime);

    let tmp = if logins.iter().any(|l| tools::needs_files(l.tool)) {
        Some(temp_dir()?)
    } else {
        None
    };
    let mut vars: Vec<(String, String)> = Vec::new();
    let mut path: Vec<PathBuf> = Vec::new();
    for l in &logins {
        let setup = tools::setup(l, &env, tmp.as_ref().map(|t| t.path()))?;
        for (k, v) in setup.vars {
            if !vars.iter().any(|(k2, _)| *k2 == k) {
                vars.push((k, v));
            }
        }
        path.extend(setup.path);
    }
    if logins.iter().any(|l| l.tool == crate::login::Tool::Pip) {
        // pip asks the keyring, a process of its own: it must see what this one was told.
        vars.extend(helper_environment(settings));
    }

    let program = args.command[0].clone();
    let mut cmd = std::process::Command::new(&program);
    cmd.args(&args.command[1..]);
    // npm reads `npm_config_x` and `NPM_CONFIG_X` alike: no spelling of ours may stay behind.
    for (name, _) in std::env::vars_os() {
        if let Some(name) = name.to_str()
            && vars.iter().any(|(k, _)| k.eq_ignore_ascii_case(name))
        {
            cmd.env_remove(name);
        }
    }
    cmd.envs(vars.iter().map(|(k, v)| (k, v)));
    if !path.is_empty() {
        let old = std::env::var_os("PATH").unwrap_or_default();
        let joined = std::env::join_paths(path.iter().cloned().chain(std::env::split_paths(&old)))
            .map_err(|e| Error::other(format!("exec: cannot set PATH: {e}")))?;
        cmd.env("PATH", joined);
    }
    let code = child::run(cmd, &program);
    drop(tmp);
    code
}

/// The global options given to exec, as the variables a helper CMD runs reads them from.
fn helper_environment(settings: &Settings) -> Vec<(String, String)> {
    let mut vars = Vec::new();
    let mut set = |k: &str, v: Option<&String>| {
        if let Some(v) = v {
            vars.push((k.to_string(), v.clone()));
        }
    };
    set("AWS_PROFILE", settings.profile.as_ref());
    set("AWS_REGION", settings.region.as_ref());
    set(
        "AWS_ENDPOINT_URL_CODEARTIFACT",
        settings.endpoint_url.as_ref(),
    );
    if settings.local {
        vars.push(("CODEARTIFACT_LOCAL".to_string(), "1".to_string()));
    }
    vars
}

/// A private folder for this run: `<cache>/codeartifact/exec/<pid>.<random>`, after removing
/// those of runs that no longer exist (killed before they could clean up).
fn temp_dir() -> Result<tempfile::TempDir> {
    let parent = match crate::tokens::cache::private_dir("exec", true) {
        Ok(dir) => {
            remove_stale(&dir);
            dir
        }
        Err(_) => std::env::temp_dir(),
    };
    use std::os::unix::fs::PermissionsExt;
    tempfile::Builder::new()
        .prefix(&format!("{}.", std::process::id()))
        .permissions(std::fs::Permissions::from_mode(0o700))
        .tempdir_in(&parent)
        .map_err(|e| {
            Error::other(format!(
                "cannot create a temporary folder in {}: {e}",
                parent.display()
            ))
        })
}

fn remove_stale(parent: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.split_once('.'))
            .and_then(|(p, _)| p.parse::<i32>().ok())
        else {
            continue;
        };
        if !crate::mock::process_alive(pid) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}
