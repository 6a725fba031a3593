//! `codeartifact login` and `logout`: configure a package tool to use a CodeArtifact repository.
//!
//! Unlike the AWS CLI, which shells out to `npm config set` and friends, login writes each
//! tool's files itself, so the tool need not be installed (CI images) and logout can undo it.
//! The work splits in three:
//! - this module: arguments, messages; [`service`]: the service calls (one token, from the
//!   token cache when it can, and one endpoint per format, however many tools are named);
//! - [`plan`]: a pure function from (tool, endpoint, token, options, environment) to file edits,
//!   one module per tool (`npm.rs`, `pip.rs`, ...) over shared editors for each file syntax
//!   ([`lines`], [`tomlfile`], [`xml`]);
//! - [`apply`]: locked, atomic, all-or-nothing writes, and the dry-run diff.

pub mod apply;
mod ask;
pub mod lines;
pub mod plan;
pub mod service;
pub mod tomlfile;
pub mod xml;

mod bun;
mod cargo;
mod gem;
mod gradle;
mod maven;
mod npm;
mod nuget;
mod pip;
mod poetry;
mod swift;
mod twine;
mod uv;
mod yarn;

#[cfg(test)]
mod tests;

use std::fmt;

use clap::ValueEnum;

use crate::cli::settings::Settings;
use crate::error::{Error, Result};
use crate::tokens::CacheUse;
pub use apply::{Change, apply};
pub use plan::{Credential, Env, Login, Logout, export_vars, plan_login, plan_logout};
use service::{Service, Target};

/// The package tools login knows.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tool {
    #[default]
    Npm,
    Pnpm,
    /// yarn 2 and later (berry), configured in .yarnrc.yml.
    Yarn,
    /// yarn 1, configured in .npmrc like npm.
    #[value(name = "yarn-classic", alias = "yarn1")]
    YarnClassic,
    Bun,
    Pip,
    Twine,
    Uv,
    Poetry,
    #[value(alias = "mvn")]
    Maven,
    Gradle,
    Nuget,
    Dotnet,
    Swift,
    Cargo,
    #[value(alias = "bundler")]
    Gem,
}

impl Tool {
    /// The repository format the tool speaks (GetRepositoryEndpoint's `format`).
    pub fn format(self) -> &'static str {
        match self {
            Tool::Npm | Tool::Pnpm | Tool::Yarn | Tool::YarnClassic | Tool::Bun => "npm",
            Tool::Pip | Tool::Twine | Tool::Uv | Tool::Poetry => "pypi",
            Tool::Maven | Tool::Gradle => "maven",
            Tool::Nuget | Tool::Dotnet => "nuget",
            Tool::Swift => "swift",
            Tool::Cargo => "cargo",
            Tool::Gem => "ruby",
        }
    }

    /// Whether `--namespace` means something to the tool (a scope).
    pub fn namespaces(self) -> bool {
        matches!(
            self,
            Tool::Npm | Tool::Pnpm | Tool::Yarn | Tool::YarnClassic | Tool::Bun | Tool::Swift
        )
    }
}

/// A tool's name is its `--tool` name (clap's `ValueEnum`, which lists every variant).
impl fmt::Display for Tool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to_possible_value() {
            Some(v) => f.write_str(v.get_name()),
            None => write!(f, "{self:?}"),
        }
    }
}

/// Which configuration login writes: the user's, or the project's in the current folder.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    #[default]
    User,
    Project,
}

/// How `--export` prints variables.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExportFormat {
    /// `export K=V`, for `eval` in a shell.
    #[default]
    Shell,
    /// `K=V`, to append to `$GITHUB_ENV` in GitHub Actions.
    Github,
}

// The repository and the tools: what `login` and `exec` both take. (A doc comment here would
// become the `about` of both commands.)
#[derive(clap::Args, Debug, Clone, Default)]
pub struct RepoArgs {
    /// The tool you want to connect with your repository; repeat it (or separate tools with
    /// commas) for several, configured with one token
    #[arg(long, value_enum, ignore_case = true, value_delimiter = ',')]
    pub tool: Vec<Tool>,
    /// Your CodeArtifact domain name
    #[arg(long)]
    pub domain: Option<String>,
    /// The AWS account ID that owns your CodeArtifact domain
    #[arg(long)]
    pub domain_owner: Option<String>,
    /// Your CodeArtifact repository name
    #[arg(long)]
    pub repository: Option<String>,
    /// Associates a namespace (npm scope, swift scope) with your repository tool; repeat it for
    /// several scopes
    #[arg(long)]
    pub namespace: Vec<String>,
    /// The time, in seconds, that the login information is valid
    #[arg(long)]
    pub duration_seconds: Option<i64>,
    /// The type of endpoint you want the tool to interact with
    #[arg(long)]
    pub endpoint_type: Option<String>,
    /// pip, uv: add the repository next to the configured index instead of replacing it
    #[arg(long)]
    pub extra_index: bool,
    /// Neither reuse nor keep tokens in the token cache (also CODEARTIFACT_NO_TOKEN_CACHE=1)
    #[arg(long)]
    pub no_token_cache: bool,
}

#[derive(clap::Args, Debug, Clone, Default)]
pub struct LoginArgs {
    #[command(flatten)]
    pub repo: RepoArgs,
    /// Only show what would change in each file (a diff), without changing anything; every secret in
    /// it is masked unless --show-token is given
    #[arg(long)]
    pub dry_run: bool,
    /// Show tokens and passwords in --dry-run output, and in --export output on a terminal
    #[arg(long)]
    pub show_token: bool,
    /// Write the user's configuration, or the project's in the current folder
    #[arg(long, value_enum, default_value_t)]
    pub scope: Scope,
    /// Print the environment variables a CI step needs instead of writing files; on a terminal
    /// the secrets are masked unless --show-token is given (pipe it: eval "$(codeartifact login
    /// ... --export)", or append it to $GITHUB_ENV)
    #[arg(long, conflicts_with = "dry_run")]
    pub export: bool,
    /// The syntax of --export lines
    #[arg(long, value_enum, default_value_t, requires = "export")]
    pub export_format: ExportFormat,
    /// cargo: have cargo ask `codeartifact` for tokens when it needs them (cargo's
    /// credential-provider protocol), so no token is written and none expires (the default)
    #[arg(long, overrides_with = "no_credential_provider")]
    pub credential_provider: bool,
    /// cargo: write the token to credentials.toml instead of naming a credential provider
    #[arg(long, overrides_with = "credential_provider")]
    pub no_credential_provider: bool,
    /// pip, uv: write the index URL with the user `aws` and no password, and have the tool ask
    /// the `keyring` command (codeartifact, see `codeartifact keyring install`) for tokens
    #[arg(long)]
    pub keyring: bool,
}

#[derive(clap::Args, Debug, Clone, Default)]
pub struct LogoutArgs {
    /// The tool whose login to remove; repeat it (or separate tools with commas) for several
    #[arg(
        long,
        value_enum,
        ignore_case = true,
        value_delimiter = ',',
        required = true
    )]
    pub tool: Vec<Tool>,
    /// Only remove the login for this domain (with --repository)
    #[arg(long, requires = "repository")]
    pub domain: Option<String>,
    /// Only remove the login for this repository (with --domain)
    #[arg(long, requires = "domain")]
    pub repository: Option<String>,
    /// Remove it from the user's configuration, or the project's in the current folder
    #[arg(long, value_enum, default_value_t)]
    pub scope: Scope,
    /// Only show what would change in each file; every secret in it is masked unless
    /// --show-token is given
    #[arg(long)]
    pub dry_run: bool,
    /// Show tokens and passwords in --dry-run output
    #[arg(long)]
    pub show_token: bool,
}

/// Every missing argument named in one message, as argparse names them.
fn missing(names: &[&str]) -> Error {
    Error::usage(format!(
        "the following arguments are required: {}",
        names.join(", ")
    ))
}

/// Without a terminal to ask on, every missing one of `--tool`, `--domain`, `--repository`
/// named in one usage error; called before connecting, so that it comes before any complaint
/// about the configuration, as argparse's does in the AWS CLI.
pub fn require_args(args: &RepoArgs) -> Result<()> {
    if crate::cli::prompt::interactive() {
        return Ok(());
    }
    let absent: Vec<&str> = [
        ("--tool", args.tool.is_empty()),
        ("--domain", args.domain.is_none()),
        ("--repository", args.repository.is_none()),
    ]
    .into_iter()
    .filter_map(|(name, absent)| absent.then_some(name))
    .collect();
    if absent.is_empty() {
        Ok(())
    } else {
        Err(missing(&absent))
    }
}

/// Missing `--tool`, `--domain`, `--repository`: asked on a terminal ([`ask`]), a usage error
/// otherwise ([`require_args`]).
async fn complete_args(
    args: &RepoArgs,
    service: &crate::ops::Service,
) -> Result<(Vec<Tool>, String, String)> {
    require_args(args)?;
    let mut tools = distinct(&args.tool);
    if tools.is_empty() {
        tools.push(ask::tool()?);
    }
    let domain = match &args.domain {
        Some(d) => d.clone(),
        None => ask::domain(service).await?,
    };
    let repository = match &args.repository {
        Some(r) => r.clone(),
        None => ask::repository(service, &domain, args.domain_owner.as_deref()).await?,
    };
    Ok((tools, domain, repository))
}

/// Checks and normalises `--namespace` values for the tool: npm scopes lose their `@` (each file
/// writes it its own way), as the AWS CLI validates them.
pub fn namespaces(tool: Tool, values: &[String]) -> Result<Vec<String>> {
    if values.is_empty() {
        return Ok(Vec::new());
    }
    if !tool.namespaces() {
        return Err(Error::usage(format!(
            "Argument --namespace is not supported for {tool}"
        )));
    }
    let mut out: Vec<String> = Vec::new();
    for v in values {
        let ok = if tool == Tool::Swift {
            // The AWS CLI's rule for swift scopes: alphanumerics and inner single dashes, <= 39.
            let b = v.as_bytes();
            !b.is_empty()
                && b.len() <= 39
                && b[0].is_ascii_alphanumeric()
                && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
                && !v.contains("--")
                && !v.ends_with('-')
        } else {
            // npm's: `@` then [a-z0-9-~] then [a-z0-9-._~]*.
            let s = v.strip_prefix('@').unwrap_or(v);
            let mut chars = s.chars();
            chars.next().is_some_and(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '~'
            }) && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._~".contains(c))
        };
        if !ok {
            return Err(Error::usage(if tool == Tool::Swift {
                "Invalid scope name, scope must contain URL-safe characters, no leading dots or underscores and no \
                 more than 39 characters"
                    .to_string()
            } else {
                "Invalid scope name, scope must contain URL-safe characters, no leading dots or underscores".to_string()
            }));
        }
        let n = if tool == Tool::Swift {
            v.clone()
        } else {
            v.trim_start_matches('@').to_string()
        };
        if !out.contains(&n) {
            out.push(n);
        }
    }
    Ok(out)
}

/// `tools` in order, each once.
fn distinct(tools: &[Tool]) -> Vec<Tool> {
    let mut out: Vec<Tool> = Vec::new();
    for t in tools {
        if !out.contains(t) {
            out.push(*t);
        }
    }
    out
}

/// Options that only some tools take must apply to at least one of the tools named; they then
/// apply to those.
fn check_tool_options(tools: &[Tool], args: &RepoArgs) -> Result<()> {
    let first = tools.first().copied().unwrap_or_default();
    if !args.namespace.is_empty() && !tools.iter().any(|t| t.namespaces()) {
        namespaces(first, &args.namespace)?;
    }
    if args.extra_index && !tools.iter().any(|t| matches!(t, Tool::Pip | Tool::Uv)) {
        return Err(Error::usage(format!(
            "--extra-index is not supported for {first}"
        )));
    }
    Ok(())
}

/// The repository formats of `tools`, each once, in order: one GetRepositoryEndpoint each.
fn formats(tools: &[Tool]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for t in tools {
        if !out.contains(&t.format()) {
            out.push(t.format());
        }
    }
    out
}

/// One [`Login`] per tool of `args` (asked for on a terminal when missing), all with one token:
/// what `login` writes and `exec` sets up. `credential` says how each tool gets its token,
/// given its repository endpoint.
pub async fn logins(
    args: &RepoArgs,
    svc: &Service,
    cache_use: CacheUse,
    scope: Scope,
    credential: &dyn Fn(Tool, &str) -> Result<Credential>,
) -> Result<(Vec<Login>, crate::tokens::Fetched)> {
    let (tools, domain, repository) = complete_args(args, &svc.connection.service).await?;
    check_tool_options(&tools, args)?;
    let target = Target {
        domain: domain.clone(),
        owner: args.domain_owner.clone(),
        repository: repository.clone(),
        duration: args.duration_seconds,
        endpoint_type: args.endpoint_type.clone(),
    };
    let formats = formats(&tools);
    let (fetched, endpoints) = svc
        .token_and_endpoints(&target, &formats, cache_use)
        .await?;
    let logins = tools
        .iter()
        .map(|&tool| {
            let i = formats
                .iter()
                .position(|f| *f == tool.format())
                .expect("every tool's format is in formats");
            let endpoint = endpoints[i].clone();
            Ok(Login {
                tool,
                credential: credential(tool, &endpoint)?,
                endpoint,
                token: fetched.token.value.clone(),
                domain: domain.clone(),
                repository: repository.clone(),
                namespaces: if tool.namespaces() {
                    namespaces(tool, &args.namespace)?
                } else {
                    Vec::new()
                },
                scope,
                extra_index: args.extra_index && matches!(tool, Tool::Pip | Tool::Uv),
            })
        })
        .collect::<Result<Vec<Login>>>()?;
    Ok((logins, fetched))
}

/// `codeartifact login`.
pub async fn login(args: &LoginArgs, settings: &Settings) -> Result<()> {
    let named = |t: Tool| args.repo.tool.contains(&t);
    if args.keyring && !args.repo.tool.is_empty() && !named(Tool::Pip) && !named(Tool::Uv) {
        return Err(Error::usage(
            "--keyring is for pip and uv: name one of them with --tool",
        ));
    }
    if args.credential_provider && !args.repo.tool.is_empty() && !named(Tool::Cargo) {
        return Err(Error::usage(
            "--credential-provider is for cargo: name it with --tool",
        ));
    }
    let env = Env::from_process()?;
    require_args(&args.repo)?;
    let svc = Service::connect(settings).await?;
    let credential = |tool: Tool, endpoint: &str| -> Result<Credential> {
        Ok(match tool {
            Tool::Cargo if !args.no_credential_provider => Credential::Provider(
                crate::credential::cargo::provider_command(settings, endpoint, &args.repo)?,
            ),
            Tool::Pip | Tool::Uv if args.keyring => Credential::Keyring,
            _ => Credential::Token,
        })
    };
    let cache_use = CacheUse::from(args.repo.no_token_cache, args.dry_run);
    let (logins, fetched) = logins(&args.repo, &svc, cache_use, args.scope, &credential).await?;
    if logins.iter().any(|l| l.credential == Credential::Keyring)
        && !args.export
        && !crate::credential::keyring::installed()
    {
        eprintln!(
            "hint: pip and uv run the first `keyring` on PATH, which is not codeartifact; \
             `codeartifact keyring install` links one"
        );
    }
    let text = run_login(
        &logins,
        &env,
        args,
        Some(fetched.token.expires),
        chrono::Utc::now(),
    )?;
    crate::output::stdout::print(text.as_bytes())
}

/// Everything `login` does once the service has answered; returns what to print on stdout: for
/// each tool the AWS CLI's message, then one expiry line for the tools whose files hold the
/// token. From here on the tokens are registered secrets: no error or log line shows them.
pub fn run_login(
    logins: &[Login],
    env: &Env,
    args: &LoginArgs,
    expiration: Option<(i64, u32)>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<String> {
    for l in logins {
        crate::secrets::register(&l.token);
    }
    login_files(logins, env, args, expiration, now).map_err(crate::secrets::mask_error)
}

fn login_files(
    logins: &[Login],
    env: &Env,
    args: &LoginArgs,
    expiration: Option<(i64, u32)>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<String> {
    if args.export {
        let mut vars: Vec<(String, String)> = Vec::new();
        for l in logins {
            for (k, v) in export_vars(l)? {
                if !vars.iter().any(|(k2, _)| *k2 == k) {
                    vars.push((k, v));
                }
            }
        }
        let text = render_export(&vars, args.export_format);
        // The lines are meant for `eval` or $GITHUB_ENV; on a terminal they would only put the
        // token on the screen (and in its scrollback or a screen recording).
        if !args.show_token && crate::output::stdout::is_terminal() {
            eprintln!(
                "note: secrets are masked on a terminal; use --show-token to print them, or \
                 eval \"$(codeartifact login ... --export)\""
            );
            return Ok(crate::secrets::mask(&text).into_owned());
        }
        return Ok(text);
    }
    let mut edits = Vec::new();
    for l in logins {
        edits.extend(plan_login(l, env)?);
    }
    let changes = apply(&edits, args.dry_run)?;
    if args.dry_run {
        return Ok(render_dry_run(&changes, args.show_token));
    }
    let mut message = String::new();
    for l in logins {
        let mut tool = l.tool;
        if matches!(l.tool, Tool::Nuget | Tool::Dotnet) {
            // The AWS CLI's NuGet login says which source it touched, and names the tool "nuget"
            // for dotnet too.
            tool = Tool::Nuget;
            let name = l.owner();
            let path = nuget::path(l.scope, env);
            if let Some(c) = changes.iter().find(|c| c.path == path) {
                message.push_str(&if nuget::had_source(c.before.as_deref(), &c.path, &name) {
                    format!("Updated source {name} in the NuGet.Config\n")
                } else if l.scope == Scope::User {
                    format!("Added source {name} to the user level NuGet.Config\n")
                } else {
                    format!("Added source {name} to {}\n", c.path.display())
                });
            }
        }
        message.push_str(&success_message(tool, &l.endpoint, None, now));
        if l.credential != Credential::Token {
            let helper = match l.credential {
                Credential::Keyring => "the keyring command",
                _ => "the credential provider",
            };
            message.push_str(&format!(
                "{tool} gets its tokens from codeartifact ({helper}) when it needs them: no token in its files\n"
            ));
        }
    }
    if logins.iter().any(|l| l.credential == Credential::Token) {
        message.push_str(&expiry_message(expiration, now));
    }
    Ok(message)
}

pub fn render_dry_run(changes: &[Change], show_secrets: bool) -> String {
    let mut s = String::new();
    for c in changes {
        if c.changed() {
            s.push_str(&c.diff(show_secrets));
        } else {
            s.push_str(&format!("{}: no change\n", c.path.display()));
        }
    }
    s
}

/// Variables as `export K=V` (quoted only when the shell needs it) or GitHub's `K=V`.
pub fn render_export(vars: &[(String, String)], format: ExportFormat) -> String {
    let mut s = String::new();
    for (k, v) in vars {
        match format {
            ExportFormat::Shell => {
                let plain = !v.is_empty()
                    && v.chars()
                        .all(|c| c.is_ascii_alphanumeric() || "-_.:/@%+=,".contains(c));
                let v = if plain {
                    v.clone()
                } else {
                    format!("'{}'", v.replace('\'', "'\\''"))
                };
                s.push_str(&format!("export {k}={v}\n"));
            }
            ExportFormat::Github => s.push_str(&format!("{k}={v}\n")),
        }
    }
    s
}

/// The AWS CLI's two lines, trailing space included (login.py `_write_success_message`).
pub fn success_message(
    tool: Tool,
    endpoint: &str,
    expiration: Option<(i64, u32)>,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    format!(
        "Successfully configured {tool} to use AWS CodeArtifact repository {endpoint} \n{}",
        expiry_message(expiration, now)
    )
}

/// The AWS CLI's second line: when the token expires (a cached token's real expiry).
pub fn expiry_message(
    expiration: Option<(i64, u32)>,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    match expiration.and_then(|(secs, nanos)| chrono::DateTime::from_timestamp(secs, nanos)) {
        Some(exp) => format!(
            "Login expires in {} at {}\n",
            relative(exp - now),
            python_datetime(&exp.with_timezone(&chrono::Local))
        ),
        None => String::new(),
    }
}

/// Python's `str(datetime)` of an aware datetime: `2024-01-01 12:00:00+00:00`, microseconds only
/// when not zero.
fn python_datetime(t: &chrono::DateTime<chrono::Local>) -> String {
    use chrono::Timelike;
    if t.nanosecond() / 1000 == 0 {
        t.format("%Y-%m-%d %H:%M:%S%:z").to_string()
    } else {
        format!(
            "{}.{:06}{}",
            t.format("%Y-%m-%d %H:%M:%S"),
            t.nanosecond() / 1000,
            t.format("%:z")
        )
    }
}

/// login.py's `get_relative_expiration_time`: the largest non-zero unit and, if the next one is not
/// zero, "and" that one, after adding 30 seconds (so 11:59:31 reads "12 hours"). Tokens live at
/// most 12 hours, so days are the largest unit that can occur (relativedelta's months and years
/// never do).
fn relative(remaining: chrono::TimeDelta) -> String {
    let total = (remaining.num_seconds() + 30).max(0);
    let units = [
        ("day", total / 86_400),
        ("hour", total / 3600 % 24),
        ("minute", total / 60 % 60),
    ];
    let mut parts: Vec<String> = Vec::new();
    let mut prev_non_zero = false;
    for (name, value) in units {
        if value > 0 {
            if prev_non_zero {
                parts.push("and".into());
            }
            parts.push(value.to_string());
            parts.push(if value == 1 {
                name.to_string()
            } else {
                format!("{name}s")
            });
        }
        if prev_non_zero {
            break;
        }
        prev_non_zero = value > 0;
    }
    parts.join(" ")
}

/// `codeartifact logout`.
pub fn logout(args: &LogoutArgs) -> Result<()> {
    let env = Env::from_process()?;
    let text = run_logout(args, &env)?;
    crate::output::stdout::print(text.as_bytes())
}

/// Everything `logout` does; returns what to print on stdout.
pub fn run_logout(args: &LogoutArgs, env: &Env) -> Result<String> {
    logout_files(args, env).map_err(crate::secrets::mask_error)
}

fn logout_files(args: &LogoutArgs, env: &Env) -> Result<String> {
    let owner = match (&args.domain, &args.repository) {
        (Some(d), Some(r)) => Some(format!("{d}/{r}")),
        _ => None,
    };
    let tools = distinct(&args.tool);
    let mut edits = Vec::new();
    for &tool in &tools {
        let o = Logout {
            tool,
            owner: owner.clone(),
            scope: args.scope,
        };
        edits.extend(plan_logout(&o, env)?);
    }
    let names = tools
        .iter()
        .map(Tool::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let changes = apply(&edits, args.dry_run)?;
    if args.dry_run {
        return Ok(render_dry_run(&changes, args.show_token));
    }
    let changed: Vec<&Change> = changes.iter().filter(|c| c.changed()).collect();
    if changed.is_empty() {
        return Ok(format!(
            "No codeartifact login for {names} was found; nothing changed\n"
        ));
    }
    let mut s = String::new();
    for c in changed {
        let what = if c.after.is_none() {
            "Removed"
        } else {
            "Updated"
        };
        s.push_str(&format!("{what} {}\n", c.path.display()));
    }
    s.push_str(&format!("Logged out {names} from AWS CodeArtifact\n"));
    Ok(s)
}
