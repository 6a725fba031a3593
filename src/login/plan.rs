//! The pure part of login and logout: what a tool needs, as a list of file edits.
//!
//! Nothing here touches the network or the process environment: the caller passes the endpoint,
//! the token and an [`Env`] (home, current folder, environment variables), so every tool's
//! behaviour can be tested in a temporary home.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::login::apply::Edit;
use crate::login::{Scope, Tool};

/// Where the tools look for their files: the user's home, the current folder, the environment.
#[derive(Debug, Clone)]
pub struct Env {
    pub home: PathBuf,
    pub cwd: PathBuf,
    pub vars: BTreeMap<String, String>,
}

impl Env {
    pub fn from_process() -> Result<Env> {
        let home = std::env::home_dir()
            .filter(|h| !h.as_os_str().is_empty())
            .ok_or_else(|| Error::config("cannot find your home folder (set HOME)"))?;
        let cwd = std::env::current_dir()?;
        let vars = std::env::vars_os()
            .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
            .collect();
        Ok(Env { home, cwd, vars })
    }

    /// A variable's value, if set and not empty (an empty override means "not set" to the tools).
    pub fn var(&self, name: &str) -> Option<&str> {
        self.vars
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// A path from a variable, `~/` expanded as the tools do.
    pub fn path_var(&self, name: &str) -> Option<PathBuf> {
        let v = self.var(name)?;
        Some(match v.strip_prefix("~/") {
            Some(rest) => self.home.join(rest),
            None => self.cwd.join(v),
        })
    }

    /// `$XDG_CONFIG_HOME`, else `~/.config`.
    pub fn config_home(&self) -> PathBuf {
        self.path_var("XDG_CONFIG_HOME")
            .unwrap_or_else(|| self.home.join(".config"))
    }
}

/// Everything a login writes, once the service has answered.
#[derive(Debug, Clone)]
pub struct Login {
    pub tool: Tool,
    /// The repository endpoint as GetRepositoryEndpoint returned it (ends with `/`).
    pub endpoint: String,
    pub token: String,
    pub domain: String,
    pub repository: String,
    /// Scopes (npm family, without `@`) or swift scopes; empty for the default registry.
    pub namespaces: Vec<String>,
    pub scope: Scope,
    /// pip/uv: add the repository next to the existing index instead of replacing it.
    pub extra_index: bool,
    /// Where the tool gets its token.
    pub credential: Credential,
}

/// Where a tool gets its token: from its files (as the AWS CLI does it), or from a helper
/// that asks the token cache when the tool needs one, so nothing expires in the files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Credential {
    #[default]
    Token,
    /// cargo: `credential-provider = [command...]` (`codeartifact --cargo-plugin`).
    Provider(Vec<String>),
    /// pip, uv: the index URL with user `aws` and no password, and the `keyring` command.
    Keyring,
}

impl Login {
    /// Written in every block so logout can tell whose block it is.
    pub fn owner(&self) -> String {
        format!("{}/{}", self.domain, self.repository)
    }

    pub fn url(&self) -> Result<Endpoint> {
        Endpoint::parse(&self.endpoint)
    }
}

/// What a logout removes: a tool's entries, all of them or those of one repository.
#[derive(Debug, Clone)]
pub struct Logout {
    pub tool: Tool,
    /// `domain/repository`, or every login of the tool when `None`.
    pub owner: Option<String>,
    pub scope: Scope,
}

impl Logout {
    pub fn matches(&self, owner: &str) -> bool {
        self.owner.as_deref().is_none_or(|o| o == owner)
    }
}

/// The parts of a repository endpoint the files need.
#[derive(Debug, Clone)]
pub struct Endpoint {
    pub url: url::Url,
}

impl Endpoint {
    pub fn parse(s: &str) -> Result<Endpoint> {
        let mut url = url::Url::parse(s).map_err(|e| {
            Error::other(format!(
                "the service returned an invalid repository endpoint {s:?}: {e}"
            ))
        })?;
        if url.host_str().is_none() {
            return Err(Error::other(format!(
                "the repository endpoint {s:?} has no host"
            )));
        }
        if !url.path().ends_with('/') {
            let p = format!("{}/", url.path());
            url.set_path(&p);
        }
        Ok(Endpoint { url })
    }

    /// The endpoint, always ending with `/`.
    pub fn as_str(&self) -> &str {
        self.url.as_str()
    }

    /// `host[:port]`.
    pub fn netloc(&self) -> String {
        match self.url.port() {
            Some(p) => format!("{}:{p}", self.url.host_str().unwrap_or_default()),
            None => self.url.host_str().unwrap_or_default().to_string(),
        }
    }

    pub fn host(&self) -> &str {
        self.url.host_str().unwrap_or_default()
    }

    /// `//host/path/`: the key npm (and yarn berry) file credentials under.
    pub fn npm_key(&self) -> String {
        format!("//{}{}", self.netloc(), self.url.path())
    }

    /// The endpoint with `aws:TOKEN@` in it and `suffix` appended (pip's `simple/`).
    pub fn with_credentials(&self, token: &str, suffix: &str) -> String {
        self.with_userinfo(&format!("aws:{token}"), suffix)
    }

    /// The endpoint with the user `aws` and no password (the keyring supplies it).
    pub fn with_user(&self, suffix: &str) -> String {
        self.with_userinfo("aws", suffix)
    }

    fn with_userinfo(&self, userinfo: &str, suffix: &str) -> String {
        format!(
            "{}://{userinfo}@{}{}{suffix}",
            self.url.scheme(),
            self.netloc(),
            self.url.path()
        )
    }

    pub fn join(&self, suffix: &str) -> String {
        format!("{}{suffix}", self.as_str())
    }
}

/// The name login gives the repository in every file that names it.
pub const NAME: &str = "codeartifact";

/// The edits a login makes.
pub fn plan_login(l: &Login, env: &Env) -> Result<Vec<Edit>> {
    use crate::login::*;
    match l.tool {
        Tool::Npm | Tool::Pnpm | Tool::YarnClassic => npm::login(l, env),
        Tool::Yarn => yarn::login(l, env),
        Tool::Bun => bun::login(l, env),
        Tool::Pip => pip::login(l, env),
        Tool::Twine => twine::login(l, env),
        Tool::Uv => uv::login(l, env),
        Tool::Poetry => poetry::login(l, env),
        Tool::Maven => maven::login(l, env),
        Tool::Gradle => gradle::login(l, env),
        Tool::Nuget | Tool::Dotnet => nuget::login(l, env),
        Tool::Swift => swift::login(l, env),
        Tool::Cargo => cargo::login(l, env),
        Tool::Gem => gem::login(l, env),
    }
}

/// The edits a logout makes.
pub fn plan_logout(o: &Logout, env: &Env) -> Result<Vec<Edit>> {
    use crate::login::*;
    match o.tool {
        Tool::Npm | Tool::Pnpm | Tool::YarnClassic => npm::logout(o, env),
        Tool::Yarn => yarn::logout(o, env),
        Tool::Bun => bun::logout(o, env),
        Tool::Pip => pip::logout(o, env),
        Tool::Twine => twine::logout(o, env),
        Tool::Uv => uv::logout(o, env),
        Tool::Poetry => poetry::logout(o, env),
        Tool::Maven => maven::logout(o, env),
        Tool::Gradle => gradle::logout(o, env),
        Tool::Nuget | Tool::Dotnet => nuget::logout(o, env),
        Tool::Swift => swift::logout(o, env),
        Tool::Cargo => cargo::logout(o, env),
        Tool::Gem => gem::logout(o, env),
    }
}

/// The environment a CI step needs instead of files (`login --export`).
pub fn export_vars(l: &Login) -> Result<Vec<(String, String)>> {
    use crate::login::*;
    let mut vars = vec![("CODEARTIFACT_AUTH_TOKEN".to_string(), l.token.clone())];
    let more = match l.tool {
        Tool::Npm | Tool::Pnpm | Tool::YarnClassic => npm::export(l)?,
        Tool::Yarn => yarn::export(l)?,
        Tool::Bun => bun::export(l)?,
        Tool::Pip => pip::export(l)?,
        Tool::Twine => twine::export(l)?,
        Tool::Uv => uv::export(l)?,
        Tool::Poetry => poetry::export(l)?,
        Tool::Gradle => gradle::export(l)?,
        // settings.xml can read `${env.CODEARTIFACT_AUTH_TOKEN}`.
        Tool::Maven => Vec::new(),
        Tool::Nuget | Tool::Dotnet => nuget::export(l)?,
        Tool::Swift => Vec::new(),
        Tool::Cargo => cargo::export(l)?,
        Tool::Gem => gem::export(l)?,
    };
    vars.extend(more);
    Ok(vars)
}

/// An error for a `--scope project` the tool has no project file for.
pub fn no_project_scope(tool: Tool) -> Error {
    Error::usage(format!(
        "--scope project is not supported for {tool}: it keeps its credentials in the user's configuration"
    ))
}

/// For a logout: a file left with nothing but blank lines is deleted rather than left empty (login
/// created it, or it held nothing).
pub fn keep_or_delete(text: String, blank: bool) -> Option<String> {
    if blank { None } else { Some(text) }
}
