//! What each tool needs in its environment for `exec`. Most tools read a repository and its
//! credentials from variables: those are `login --export`'s (`plan::export_vars`). The others
//! get a private file in `exec`'s temporary folder, made from the user's own configuration by
//! login's editor for the tool, with the token left out of the file:
//! - npm, pnpm, yarn 1: the user's npmrc plus login's lines (the token as
//!   `${CODEARTIFACT_AUTH_TOKEN}`, which they expand), named by `npm_config_userconfig`;
//! - Maven (which reads no repository from the environment): the user's settings.xml plus
//!   login's server and profile (the password as `${env.CODEARTIFACT_AUTH_TOKEN}`), found
//!   through `MAVEN_OPTS=-Duser.home=...` (Maven 3.8 has no variable for a settings file), with
//!   the local repository kept where it was;
//! - pip: a `keyring` link to codeartifact first on PATH, and the index URL with the user only,
//!   because pip copies its index URLs into the command line of the pip it runs to install
//!   build dependencies: a password in the URL would show in that process's argv.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::login::Tool;
use crate::login::apply::read_optional;
use crate::login::plan::{Credential, Env, Login, export_vars, plan_login};

/// The variable every tool's environment carries the token in.
pub const TOKEN_VAR: &str = "CODEARTIFACT_AUTH_TOKEN";

/// What a tool needs: variables, and folders to put first on PATH.
#[derive(Debug, Default)]
pub struct Setup {
    pub vars: Vec<(String, String)>,
    pub path: Vec<PathBuf>,
}

/// Whether `tool` needs a temporary folder.
pub fn needs_files(tool: Tool) -> bool {
    matches!(
        tool,
        Tool::Npm | Tool::Pnpm | Tool::YarnClassic | Tool::Maven | Tool::Pip
    )
}

pub fn supported(tool: Tool) -> bool {
    !matches!(tool, Tool::Nuget | Tool::Dotnet | Tool::Swift | Tool::Gem)
}

/// The setup of `l` (whose token is the real one), with files written in `tmp`.
pub fn setup(l: &Login, env: &Env, tmp: Option<&Path>) -> Result<Setup> {
    let folder = || tmp.ok_or_else(|| Error::other("exec: no temporary folder"));
    match l.tool {
        Tool::Npm | Tool::Pnpm | Tool::YarnClassic => {
            let npmrc = folder()?.join(format!("{}.npmrc", l.tool));
            write_from_login(l, env, &format!("${{{TOKEN_VAR}}}"), &npmrc, |t| t)?;
            let mut vars = export_vars(l)?;
            let path = npmrc.display().to_string();
            vars.push(("npm_config_userconfig".to_string(), path));
            Ok(Setup {
                vars,
                path: Vec::new(),
            })
        }
        Tool::Maven => maven(l, env, folder()?),
        Tool::Pip => {
            let bin = folder()?.join("bin");
            std::fs::create_dir_all(&bin)?;
            let exe = std::env::current_exe()?;
            std::os::unix::fs::symlink(&exe, bin.join("keyring"))?;
            let keyring = Login {
                credential: Credential::Keyring,
                ..l.clone()
            };
            Ok(Setup {
                vars: export_vars(&keyring)?,
                path: vec![bin],
            })
        }
        _ => Ok(Setup {
            vars: export_vars(l)?,
            path: Vec::new(),
        }),
    }
}

/// Runs login's edit of `l` (with `token` in place of the token) over the user's file, and
/// writes the result, changed by `adjust`, to `to` (0600).
fn write_from_login(
    l: &Login,
    env: &Env,
    token: &str,
    to: &Path,
    adjust: impl Fn(String) -> String,
) -> Result<PathBuf> {
    let placeholder = Login {
        token: token.to_string(),
        credential: Credential::Token,
        ..l.clone()
    };
    let edits = plan_login(&placeholder, env)?;
    let edit = edits
        .first()
        .ok_or_else(|| Error::other(format!("exec: login writes nothing for {}", l.tool)))?;
    let current = read_optional(&edit.path)?;
    let text = (edit.edit)(current.as_deref())?.unwrap_or_default();
    write_private(to, &adjust(text))?;
    Ok(edit.path.clone())
}

fn write_private(path: &Path, text: &str) -> Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| Error::other(format!("cannot create {}: {e}", path.display())))?;
    f.write_all(text.as_bytes())?;
    Ok(())
}

/// `<tmp>/home/.m2/settings.xml`, and `MAVEN_OPTS` pointing Maven's `user.home` there. What
/// else Maven finds under `~/.m2` comes along: the local repository (unless the settings name
/// one), `${user.home}` in the settings, settings-security.xml and toolchains.xml.
fn maven(l: &Login, env: &Env, tmp: &Path) -> Result<Setup> {
    let home = tmp.join("home");
    let m2 = home.join(".m2");
    std::fs::create_dir_all(&m2)?;
    let real_home = env.home.display().to_string();
    let user_settings = write_from_login(
        l,
        env,
        &format!("${{env.{TOKEN_VAR}}}"),
        &m2.join("settings.xml"),
        |t| t.replace("${user.home}", &crate::login::xml::escape(&real_home)),
    )?;
    let real_m2 = user_settings
        .parent()
        .map_or_else(|| env.home.join(".m2"), Path::to_path_buf);
    for name in ["settings-security.xml", "toolchains.xml"] {
        if real_m2.join(name).exists() {
            std::os::unix::fs::symlink(real_m2.join(name), m2.join(name))?;
        }
    }
    let own_repository =
        read_optional(&user_settings)?.is_some_and(|t| t.contains("<localRepository>"));
    let mut opts: Vec<String> = env
        .var("MAVEN_OPTS")
        .map(|o| vec![o.to_string()])
        .unwrap_or_default();
    opts.push(format!("-Duser.home={}", home.display()));
    if !own_repository {
        opts.push(format!(
            "-Dmaven.repo.local={}",
            real_m2.join("repository").display()
        ));
    }
    let mut vars = export_vars(l)?;
    vars.push(("MAVEN_OPTS".to_string(), opts.join(" ")));
    Ok(Setup {
        vars,
        path: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::login::Scope;

    fn login(tool: Tool, home: &Path) -> (Login, Env) {
        let env = Env {
            home: home.to_path_buf(),
            cwd: home.to_path_buf(),
            vars: Default::default(),
        };
        let endpoint = match tool.format() {
            "npm" => "http://127.0.0.1:9/npm/d/dom-111122223333/repo/",
            "maven" => "http://127.0.0.1:9/maven/d/dom-111122223333/repo/",
            _ => "http://127.0.0.1:9/pypi/d/dom-111122223333/repo/",
        };
        let l = Login {
            tool,
            endpoint: endpoint.into(),
            token: "SECRET-TOKEN".into(),
            domain: "dom".into(),
            repository: "repo".into(),
            namespaces: Vec::new(),
            scope: Scope::User,
            extra_index: false,
            credential: Credential::Token,
        };
        (l, env)
    }

    /// No file exec writes holds the token, and the user's settings come along.
    #[test]
    fn files_keep_the_users_settings_and_leave_the_token_out() {
        let home = tempfile::tempdir().unwrap();
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(home.path().join(".npmrc"), "fund=false\n").unwrap();
        std::fs::create_dir_all(home.path().join(".m2")).unwrap();
        std::fs::write(
            home.path().join(".m2/settings.xml"),
            "<settings><mirrors><mirror><id>m</id><url>file:${user.home}/mirror</url></mirror></mirrors></settings>\n",
        )
        .unwrap();
        for tool in [Tool::Npm, Tool::Maven, Tool::Pip] {
            let (l, env) = login(tool, home.path());
            let s = setup(&l, &env, Some(tmp.path())).unwrap();
            assert!(
                s.vars
                    .iter()
                    .any(|(k, v)| k == TOKEN_VAR && v == "SECRET-TOKEN")
            );
            if tool == Tool::Pip {
                let url = &s.vars.iter().find(|(k, _)| k == "PIP_INDEX_URL").unwrap().1;
                assert_eq!(
                    url,
                    "http://aws@127.0.0.1:9/pypi/d/dom-111122223333/repo/simple/"
                );
                assert!(s.path[0].join("keyring").exists());
            }
        }
        let npmrc = std::fs::read_to_string(tmp.path().join("npm.npmrc")).unwrap();
        assert!(npmrc.contains("fund=false"), "{npmrc}");
        assert!(
            npmrc.contains(":_authToken=${CODEARTIFACT_AUTH_TOKEN}"),
            "{npmrc}"
        );
        let settings = std::fs::read_to_string(tmp.path().join("home/.m2/settings.xml")).unwrap();
        assert!(
            settings.contains("<password>${env.CODEARTIFACT_AUTH_TOKEN}</password>"),
            "{settings}"
        );
        assert!(
            settings.contains(&format!("file:{}/mirror", home.path().display())),
            "{settings}"
        );
        for entry in walk(tmp.path()) {
            if let Ok(text) = std::fs::read_to_string(&entry) {
                assert!(!text.contains("SECRET-TOKEN"), "{}", entry.display());
            }
        }
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() && !p.is_symlink() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
        out
    }
}
