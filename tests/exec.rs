//! `codeartifact exec` with the real clients against `codeartifact mock serve`: each tool
//! publishes and installs with nothing in its own files (no login, no token on disk, no token
//! in any process's command line), one token for a whole job, CMD's exit status and signals
//! passed through, and nothing left behind however CMD ends.

mod common;
mod dataplane_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dataplane_support::*;
use serde_json::json;

/// `codeartifact exec --tool TOOLS --domain dom --repository REPO -- CMD...` as `user`.
fn exec(user: &User, mock: &Mock, tools: &str, repo: &str, cmd: &[&str]) -> Command {
    let mut c = user.command(env!("CARGO_BIN_EXE_codeartifact"));
    c.args(["--endpoint-url", &mock.url, "exec", "--tool", tools])
        .args(["--domain", DOMAIN, "--repository", repo, "--"])
        .args(cmd);
    c
}

/// The folder exec keeps its temporary files in; empty once every exec has ended.
fn exec_dir(user: &User) -> PathBuf {
    user.home().join("cache/codeartifact/exec")
}

fn assert_nothing_left(user: &User) {
    let left: Vec<_> = std::fs::read_dir(exec_dir(user))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "{left:?}");
}

/// The token `user`'s exec runs get (one run that writes it out, for the test to look for).
fn exec_token(user: &User, mock: &Mock, tools: &str, repo: &str) -> String {
    let file = user.home().join("token-for-the-test");
    user.run(
        exec(
            user,
            mock,
            tools,
            repo,
            &[
                "sh",
                "-c",
                "printf %s \"$CODEARTIFACT_AUTH_TOKEN\" > \"$0\"",
            ],
        )
        .arg(&file),
        "exec printing its token",
    );
    let token = std::fs::read_to_string(&file).unwrap();
    std::fs::remove_file(&file).unwrap();
    assert!(token.len() > 20, "{token:?}");
    token
}

/// Runs `cmd` while watching every process's command line for `token`; returns the output.
fn run_watching_argv(cmd: &mut Command, what: &str, token: &str) -> String {
    let child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn();
    let child = child.unwrap_or_else(|e| panic!("{what}: {e}"));
    let pid = child.id();
    let watcher = {
        let token = token.to_string();
        std::thread::spawn(move || {
            let mut seen = 0usize;
            let deadline = Instant::now() + Duration::from_secs(300);
            while Instant::now() < deadline
                && std::path::Path::new(&format!("/proc/{pid}")).exists()
            {
                for entry in std::fs::read_dir("/proc").unwrap().flatten() {
                    if let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) {
                        seen += 1;
                        assert!(
                            !cmdline.windows(token.len()).any(|w| w == token.as_bytes()),
                            "a command line holds the token: {}",
                            String::from_utf8_lossy(&cmdline)
                        );
                    }
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            seen
        })
    };
    let out = child.wait_with_output().unwrap();
    let seen = watcher.join().expect("no command line holds the token");
    assert!(seen > 0);
    succeeded(out, what)
}

#[test]
fn npm_pnpm_and_both_yarns_publish_and_install_through_exec() {
    let npm = client("npm");
    let yarn = client(".ci/node_modules/.bin/yarn");
    let berry = client(".ci/berry/node_modules/.bin/yarn");
    let pnpm = client(".ci/node_modules/.bin/pnpm");
    let (mock, _admin) = mock_with(&[("js", &[])]);
    let user = User::new(&mock);
    let token = exec_token(&user, &mock, "npm", "js");
    let package = user.home().join("tk-left");
    write_package(
        &package,
        json!({"name": "tk-left", "version": "1.0.0", "description": "left", "license": "MIT",
               "main": "index.js"}),
        "# tk-left\n",
    );
    let npm_s = npm.to_str().unwrap();
    run_watching_argv(
        exec(&user, &mock, "npm", "js", &[npm_s, "publish"]).current_dir(&package),
        "exec npm publish",
        &token,
    );
    for (tool, bin, args) in [
        ("npm", &npm, &["install", "--no-audit", "--no-fund"][..]),
        (
            "yarn-classic",
            &yarn,
            &["install", "--non-interactive", "--no-lockfile"][..],
        ),
        ("yarn", &berry, &["install"][..]),
        (
            "pnpm",
            &pnpm,
            &["install", "--no-lockfile", "--config.node-linker=hoisted"][..],
        ),
    ] {
        let project = user.home().join(format!("project-{tool}"));
        std::fs::create_dir_all(&project).unwrap();
        std::fs::write(
            project.join("package.json"),
            json!({"name": "consumer", "version": "1.0.0", "private": true,
                   "dependencies": {"tk-left": "^1.0.0"}})
            .to_string(),
        )
        .unwrap();
        let mut cmd: Vec<&str> = vec![bin.to_str().unwrap()];
        cmd.extend(args);
        let mut c = exec(&user, &mock, tool, "js", &cmd);
        c.current_dir(&project)
            .envs(BERRY_ENV)
            .env("YARN_GLOBAL_FOLDER", user.home().join("yarn-global"));
        run_watching_argv(&mut c, &format!("exec {tool} install"), &token);
        assert!(
            project.join("node_modules/tk-left/package.json").exists(),
            "{tool}"
        );
    }
    // Nothing in the user's own files, nothing left behind, one token for the whole job.
    for f in [".npmrc", ".yarnrc.yml"] {
        assert!(!user.home().join(f).exists(), "{f}");
    }
    assert_nothing_left(&user);
    assert_eq!(answered(&mock, "GetAuthorizationToken"), 1);
}

#[test]
fn twine_pip_uv_and_poetry_publish_and_install_through_exec() {
    let twine = client(".ci/pyclients/bin/twine");
    let pip = client(".ci/pyclients/bin/pip");
    let uv = client(".ci/pyclients/bin/uv");
    let poetry = client(".ci/pyclients/bin/poetry");
    let python = client(".ci/pyclients/bin/python");
    let (mock, _admin) = mock_with(&[("py", &[])]);
    let user = User::new(&mock);
    let token = exec_token(&user, &mock, "pip", "py");
    let work = user.home().join("work");
    build_project(&user, &work, "tk-snake", "1.0", &[]);
    let wheel = work.join("dist/tk_snake-1.0-py3-none-any.whl");
    run_watching_argv(
        exec(
            &user,
            &mock,
            "twine",
            "py",
            &[
                twine.to_str().unwrap(),
                "upload",
                "--non-interactive",
                "--disable-progress-bar",
                wheel.to_str().unwrap(),
            ],
        )
        .current_dir(&work),
        "exec twine upload",
        &token,
    );
    let site = user.home().join("pip-site");
    run_watching_argv(
        &mut exec(
            &user,
            &mock,
            "pip",
            "py",
            &[
                pip.to_str().unwrap(),
                "install",
                "--no-cache-dir",
                "--target",
                site.to_str().unwrap(),
                "tk-snake==1.0",
            ],
        ),
        "exec pip install",
        &token,
    );
    assert!(site.join("tk_snake/__init__.py").exists());
    let site = user.home().join("uv-site");
    run_watching_argv(
        &mut exec(
            &user,
            &mock,
            "uv",
            "py",
            &[
                uv.to_str().unwrap(),
                "pip",
                "install",
                "--no-cache",
                "--python",
                python.to_str().unwrap(),
                "--target",
                site.to_str().unwrap(),
                "tk-snake==1.0",
            ],
        ),
        "exec uv pip install",
        &token,
    );
    assert!(site.join("tk_snake/__init__.py").exists());

    // poetry takes the credentials of its `codeartifact` source from the environment.
    let project = user.home().join("project");
    std::fs::create_dir_all(&project).unwrap();
    std::fs::write(
        project.join("pyproject.toml"),
        format!(
            "[project]\nname = \"consumer\"\nversion = \"0.1.0\"\nrequires-python = \">=3.8\"\n\
             dependencies = [\"tk-snake==1.0\"]\n\n[tool.poetry]\npackage-mode = false\n\n\
             [[tool.poetry.source]]\nname = \"codeartifact\"\nurl = \"{}simple/\"\npriority = \"primary\"\n",
            endpoint(&mock, "pypi", "py")
        ),
    )
    .unwrap();
    let mut c = exec(
        &user,
        &mock,
        "poetry",
        "py",
        &[
            poetry.to_str().unwrap(),
            "install",
            "--no-interaction",
            "--no-ansi",
        ],
    );
    c.current_dir(&project)
        .env("POETRY_CACHE_DIR", user.home().join("poetry-cache"))
        .env("POETRY_VIRTUALENVS_PATH", user.home().join("venvs"))
        .env("POETRY_KEYRING_ENABLED", "false")
        .env("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring");
    run_watching_argv(&mut c, "exec poetry install", &token);
    let lock = std::fs::read_to_string(project.join("poetry.lock")).unwrap();
    assert!(lock.contains("name = \"tk-snake\""), "{lock}");

    for f in [".pypirc", ".config/pip/pip.conf", ".config/uv/uv.toml"] {
        assert!(!user.home().join(f).exists(), "{f}");
    }
    assert!(!user.home().join(".config/pypoetry/auth.toml").exists());
    assert_nothing_left(&user);
    assert_eq!(answered(&mock, "GetAuthorizationToken"), 1);
}

#[test]
fn mvn_and_cargo_deploy_and_resolve_through_exec() {
    let (mock, _admin) = mock_with(&[("jvm", &[]), ("crates", &[])]);
    let user = User::new(&mock);
    let work = user.home().join("work");
    std::fs::create_dir_all(&work).unwrap();
    // The user's own settings.xml stays theirs, and comes along.
    std::fs::create_dir_all(user.home().join(".m2")).unwrap();
    let settings = "<settings><interactiveMode>false</interactiveMode></settings>\n";
    std::fs::write(user.home().join(".m2/settings.xml"), settings).unwrap();
    let url = endpoint(&mock, "maven", "jvm");
    let parent = work.join("parent.pom");
    std::fs::write(
        &parent,
        r#"<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example.tk</groupId>
  <artifactId>parent</artifactId>
  <version>1.0</version>
  <packaging>pom</packaging>
</project>
"#,
    )
    .unwrap();
    let mut deploy = mvn_offline(&user);
    deploy
        .arg(DEPLOY)
        .arg(format!("-Dfile={}", parent.display()))
        .arg(format!("-DpomFile={}", parent.display()))
        .arg("-DrepositoryId=codeartifact")
        .arg(format!("-Durl={url}"))
        .current_dir(&work);
    user.run(
        &mut wrap(&user, &mock, "maven", "jvm", deploy),
        "exec mvn deploy-file",
    );
    // A project whose parent only the repository has: Maven fetches it to build the model.
    let project = user.home().join("project");
    std::fs::create_dir_all(&project).unwrap();
    std::fs::write(
        project.join("pom.xml"),
        r#"<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent><groupId>com.example.tk</groupId><artifactId>parent</artifactId><version>1.0</version></parent>
  <artifactId>child</artifactId>
  <packaging>pom</packaging>
</project>
"#,
    )
    .unwrap();
    let mut validate = mvn_offline(&user);
    validate.arg("validate").current_dir(&project);
    let out = user.run(
        &mut wrap(&user, &mock, "maven", "jvm", validate),
        "exec mvn validate",
    );
    assert!(
        user.home()
            .join("m2-local/com/example/tk/parent/1.0/parent-1.0.pom")
            .exists(),
        "{out}"
    );
    assert_eq!(
        std::fs::read_to_string(user.home().join(".m2/settings.xml")).unwrap(),
        settings
    );

    // cargo: publish, then build a crate that depends on it.
    let base = work.join("tk-base");
    write_crate(
        &base,
        "[package]\nname = \"tk-base\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\
         description = \"the base\"\nlicense = \"MIT\"\n",
        "pub fn base() -> &'static str { \"base\" }\n",
    );
    let mut publish = cargo(&user, &base);
    publish.args(["publish", "--registry", "codeartifact"]);
    user.run(
        &mut wrap(&user, &mock, "cargo", "crates", publish),
        "exec cargo publish",
    );
    let app = work.join("app");
    write_app(&app);
    let mut run = cargo(&user, &app);
    run.args(["run", "--quiet"]);
    let out = user.run(
        &mut wrap(&user, &mock, "cargo", "crates", run),
        "exec cargo run",
    );
    assert!(out.contains("base"), "{out}");
    assert!(!user.home().join(".cargo/config.toml").exists());
    assert!(!user.home().join(".cargo/credentials.toml").exists());
    assert_nothing_left(&user);
}

/// `cmd` (built as `user` would run it) run under `codeartifact exec`, with its environment.
fn wrap(user: &User, mock: &Mock, tools: &str, repo: &str, cmd: Command) -> Command {
    let mut argv: Vec<String> = vec![cmd.get_program().to_string_lossy().into_owned()];
    argv.extend(cmd.get_args().map(|a| a.to_string_lossy().into_owned()));
    let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
    let mut c = exec(user, mock, tools, repo, &argv);
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    if let Some(dir) = cmd.get_current_dir() {
        c.current_dir(dir);
    }
    c
}

/// Waits (bounded) for `child` to end.
fn wait(child: &mut std::process::Child) -> std::process::ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    panic!("the process did not end within 30 s");
}

/// Waits (bounded) until `path` exists.
fn wait_for(path: &Path) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !path.exists() {
        assert!(
            Instant::now() < deadline,
            "{} never appeared",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn exit_status_signals_and_cleanup() {
    let (mock, _admin) = mock_with(&[("js", &[])]);
    let user = User::new(&mock);
    let status = |cmd: &[&str]| {
        exec(&user, &mock, "npm", "js", cmd)
            .status()
            .unwrap()
            .code()
    };
    assert_eq!(status(&["sh", "-c", "exit 7"]), Some(7));
    assert_eq!(status(&["sh", "-c", "kill -TERM $$"]), Some(128 + 15));
    assert_eq!(status(&["no-such-command-here"]), Some(127));
    assert_nothing_left(&user);

    // The environment carries the configuration; the file it names is private.
    let out = user.run(
        &mut exec(
            &user,
            &mock,
            "npm",
            "js",
            &[
                "sh",
                "-c",
                "stat -c %a \"$npm_config_userconfig\" \"$(dirname \"$npm_config_userconfig\")\"; \
                 grep -c CODEARTIFACT_AUTH_TOKEN \"$npm_config_userconfig\"",
            ],
        ),
        "exec sh",
    );
    assert!(out.starts_with("600\n700\n1\n"), "{out}");

    // SIGTERM to exec reaches CMD, whose status comes back; the folder goes.
    let ready = user.home().join("ready");
    let mut child = exec(
        &user,
        &mock,
        "npm",
        "js",
        &[
            "sh",
            "-c",
            "trap 'exit 42' TERM; touch \"$0\"; while :; do sleep 0.05; done",
        ],
    )
    .arg(&ready)
    .spawn()
    .unwrap();
    wait_for(&ready);
    // SAFETY: signalling our own child.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    assert_eq!(wait(&mut child).code(), Some(42));
    assert_nothing_left(&user);

    // CMD killed outright: exec reports it and still cleans up.
    std::fs::remove_file(&ready).unwrap();
    let pid_file = user.home().join("pid");
    let mut child = exec(
        &user,
        &mock,
        "npm",
        "js",
        &["sh", "-c", "echo $$ > \"$0\"; exec sleep 30"],
    )
    .arg(&pid_file)
    .spawn()
    .unwrap();
    wait_for(&pid_file);
    std::thread::sleep(Duration::from_millis(100));
    let pid: i32 = std::fs::read_to_string(&pid_file)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    unsafe { libc::kill(pid, libc::SIGKILL) };
    assert_eq!(wait(&mut child).code(), Some(128 + 9));
    assert_nothing_left(&user);

    // exec itself killed outright leaves its folder (which holds no token); the next exec
    // removes it.
    std::fs::remove_file(&ready).ok();
    let mut child = exec(
        &user,
        &mock,
        "npm",
        "js",
        &["sh", "-c", "touch \"$0\"; exec sleep 30"],
    )
    .arg(&ready)
    .spawn()
    .unwrap();
    wait_for(&ready);
    unsafe { libc::kill(child.id() as i32, libc::SIGKILL) };
    wait(&mut child);
    let left: Vec<PathBuf> = std::fs::read_dir(exec_dir(&user))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(left.len(), 1);
    assert_eq!(status(&["true"]), Some(0));
    assert_nothing_left(&user);

    // Tools exec has no environment for are refused, before anything runs.
    let out = exec(&user, &mock, "nuget", "js", &["true"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(252));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--export"));
}
