//! Login and logout for every tool, in a temporary home: exact contents, modes, idempotence,
//! preservation of the user's files, dry runs, errors, concurrent logins.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::*;
use crate::login::plan::{Env, Login, Logout, plan_login, plan_logout};

const TOKEN: &str = "eyJ2ZXIiOjEsImlzdSI6MTcwMDAwMDAwMH0.TOKEN1";
const TOKEN2: &str = "eyJ2ZXIiOjEsImlzdSI6MTcwMDAwMDAwMH0.TOKEN2";
const HOST: &str = "dom-111122223333.d.codeartifact.us-west-2.amazonaws.com";

struct Home {
    _dir: tempfile::TempDir,
    env: Env,
}

impl Home {
    fn new() -> Home {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().join("home");
        let cwd = dir.path().join("project");
        fs::create_dir_all(&home).unwrap();
        fs::create_dir_all(&cwd).unwrap();
        Home {
            env: Env {
                home,
                cwd,
                vars: BTreeMap::new(),
            },
            _dir: dir,
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.env.home.join(rel)
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }

    /// Every file under the temporary folder, with its contents.
    fn snapshot(&self) -> BTreeMap<PathBuf, String> {
        fn walk(dir: &Path, out: &mut BTreeMap<PathBuf, String>) {
            for e in fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(&p, out);
                } else {
                    out.insert(p.clone(), fs::read_to_string(&p).unwrap());
                }
            }
        }
        let mut out = BTreeMap::new();
        walk(self.env.home.parent().unwrap(), &mut out);
        out
    }
}

fn endpoint(tool: Tool) -> String {
    format!("https://{HOST}/{}/repo/", tool.format())
}

fn req(tool: Tool) -> Login {
    Login {
        tool,
        endpoint: endpoint(tool),
        token: TOKEN.to_string(),
        domain: "dom".into(),
        repository: "repo".into(),
        namespaces: Vec::new(),
        scope: Scope::User,
        extra_index: false,
        credential: Default::default(),
    }
}

fn login(h: &Home, l: &Login) -> Vec<Change> {
    apply(&plan_login(l, &h.env).unwrap(), false).unwrap()
}

fn logout(h: &Home, tool: Tool, owner: Option<&str>) -> Vec<Change> {
    let o = Logout {
        tool,
        owner: owner.map(str::to_string),
        scope: Scope::User,
    };
    apply(&plan_logout(&o, &h.env).unwrap(), false).unwrap()
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn every_tool_logs_in_idempotently_refreshes_and_logs_out_cleanly() {
    for &tool in Tool::value_variants() {
        let h = Home::new();
        let before = h.snapshot();
        let edits = plan_login(&req(tool), &h.env).unwrap();
        let changes = login(&h, &req(tool));
        assert!(changes.iter().all(|c| c.after.is_some()), "{tool}");
        let once = h.snapshot();
        assert!(
            once.values().any(|t| t.contains(TOKEN)),
            "{tool}: the token is written somewhere"
        );
        #[cfg(unix)]
        for e in &edits {
            let want = if e.secret { 0o600 } else { 0o644 };
            assert_eq!(mode(&e.path), want, "{tool}: {}", e.path.display());
        }
        login(&h, &req(tool));
        assert_eq!(
            h.snapshot(),
            once,
            "{tool}: a second login writes the same files"
        );

        let mut refreshed = req(tool);
        refreshed.token = TOKEN2.into();
        login(&h, &refreshed);
        let twice = h.snapshot();
        assert!(
            twice.values().all(|t| !t.contains(TOKEN)),
            "{tool}: the old token is gone"
        );
        assert!(twice.values().any(|t| t.contains(TOKEN2)), "{tool}");

        logout(&h, tool, Some("other/repo"));
        assert_eq!(
            h.snapshot(),
            twice,
            "{tool}: logout of another repository changes nothing"
        );
        logout(&h, tool, Some("dom/repo"));
        assert_eq!(
            h.snapshot(),
            before,
            "{tool}: logout removes every file login created"
        );
        let again = logout(&h, tool, None);
        assert!(again.iter().all(|c| !c.changed()), "{tool}");
    }
}

#[test]
fn dry_run_changes_nothing_and_masks_the_old_and_new_tokens() {
    // Not JWT-shaped and never registered: only the syntax rules can find them.
    let (old, new) = ("OLD-plain-token-1234", "NEW-plain-token-5678");
    for &tool in Tool::value_variants() {
        let h = Home::new();
        let mut l = req(tool);
        l.token = old.to_string();
        login(&h, &l);
        let before = h.snapshot();
        l.token = new.to_string();
        let changes = apply(&plan_login(&l, &h.env).unwrap(), true).unwrap();
        assert_eq!(h.snapshot(), before, "{tool}");
        let shown = render_dry_run(&changes, false);
        assert!(
            !shown.contains("plain-token") && shown.contains("****") && shown.contains("+++ "),
            "{tool}: {shown}"
        );
        let raw = render_dry_run(&changes, true);
        assert!(raw.contains(old) && raw.contains(new), "{tool}: {raw}");
        let out = logout(&h, tool, None);
        assert!(
            !render_dry_run(&out, false).contains("plain-token"),
            "{tool}"
        );
    }
}

#[test]
fn npm_exact_file_preserved_and_restored() {
    let h = Home::new();
    let orig = "; my npm settings\nregistry=https://registry.npmjs.org/\nsave-exact=true\n\n[section]\nx=1\n";
    h.write(".npmrc", orig);
    login(&h, &req(Tool::Npm));
    assert_eq!(
        h.read(".npmrc"),
        format!(
            "; my npm settings\n\
             # BEGIN codeartifact login: registry (dom/repo)\n\
             # saved by codeartifact login: registry=https://registry.npmjs.org/\n\
             registry=https://{HOST}/npm/repo/\n\
             # END codeartifact login: registry\n\
             save-exact=true\n\
             # BEGIN codeartifact login: //{HOST}/npm/repo/:_authToken (dom/repo)\n\
             //{HOST}/npm/repo/:_authToken={TOKEN}\n\
             # END codeartifact login: //{HOST}/npm/repo/:_authToken\n\
             \n[section]\nx=1\n"
        )
    );
    assert_eq!(mode(&h.path(".npmrc")), 0o600);
    logout(&h, Tool::Npm, None);
    assert_eq!(h.read(".npmrc"), orig);
}

#[test]
fn npm_several_scopes_and_env_override() {
    let mut h = Home::new();
    let custom = h.env.home.join("cfg/npmrc");
    h.env
        .vars
        .insert("NPM_CONFIG_USERCONFIG".into(), custom.display().to_string());
    let mut l = req(Tool::Npm);
    l.namespaces = namespaces(Tool::Npm, &["@one".into(), "two".into()]).unwrap();
    login(&h, &l);
    let text = fs::read_to_string(&custom).unwrap();
    assert!(
        text.contains(&format!("\n@one:registry=https://{HOST}/npm/repo/\n")),
        "{text}"
    );
    assert!(
        text.contains(&format!("\n@two:registry=https://{HOST}/npm/repo/\n")),
        "{text}"
    );
    assert!(!text.contains("\nregistry="), "{text}");
    assert!(!h.path(".npmrc").exists());
    assert!(namespaces(Tool::Npm, &["_bad".into()]).is_err());
    assert!(namespaces(Tool::Pip, &["x".into()]).is_err());
}

#[test]
fn project_scope_writes_in_the_current_folder() {
    let h = Home::new();
    let mut l = req(Tool::Npm);
    l.scope = Scope::Project;
    login(&h, &l);
    assert!(h.env.cwd.join(".npmrc").exists() && !h.path(".npmrc").exists());
    let mut l = req(Tool::Pip);
    l.scope = Scope::Project;
    assert!(matches!(plan_login(&l, &h.env), Err(Error::Usage(_))));
}

#[test]
fn pip_replaces_index_url_and_restores_it() {
    let h = Home::new();
    let orig = "# pip\n[global]\nindex-url = https://pypi.org/simple/\ntimeout = 60\n\n[install]\nno-cache-dir = false\n";
    h.write(".config/pip/pip.conf", orig);
    login(&h, &req(Tool::Pip));
    let text = h.read(".config/pip/pip.conf");
    assert!(
        text.contains(&format!(
            "[global]\n# BEGIN codeartifact login: global.index-url (dom/repo)\n\
             # saved by codeartifact login: index-url = https://pypi.org/simple/\n\
             index-url = https://aws:{TOKEN}@{HOST}/pypi/repo/simple/\n\
             # END codeartifact login: global.index-url\ntimeout = 60\n"
        )),
        "{text}"
    );
    logout(&h, Tool::Pip, None);
    assert_eq!(h.read(".config/pip/pip.conf"), orig);
}

#[test]
fn pip_extra_index_keeps_the_index_and_the_users_extras() {
    let h = Home::new();
    h.write(
        ".config/pip/pip.conf",
        "[global]\nindex-url = https://pypi.org/simple/\nextra-index-url = https://a/simple/\n",
    );
    let mut l = req(Tool::Pip);
    l.extra_index = true;
    login(&h, &l);
    let text = h.read(".config/pip/pip.conf");
    assert!(
        text.contains("index-url = https://pypi.org/simple/\n"),
        "{text}"
    );
    assert!(
        text.contains(&format!("\nextra-index-url = https://a/simple/\n    https://aws:{TOKEN}@{HOST}/pypi/repo/simple/\n")),
        "{text}"
    );
}

#[test]
fn pip_in_a_virtualenv_and_with_pip_config_file() {
    let mut h = Home::new();
    let venv = h.env.cwd.join(".venv");
    h.env
        .vars
        .insert("VIRTUAL_ENV".into(), venv.display().to_string());
    login(&h, &req(Tool::Pip));
    assert!(venv.join("pip.conf").exists());
    h.env.vars.insert(
        "PIP_CONFIG_FILE".into(),
        h.env.cwd.join("my.conf").display().to_string(),
    );
    login(&h, &req(Tool::Pip));
    assert!(h.env.cwd.join("my.conf").exists());
}

#[test]
fn twine_matches_the_aws_cli_layout_and_keeps_other_servers() {
    let h = Home::new();
    login(&h, &req(Tool::Twine));
    assert_eq!(
        h.read(".pypirc"),
        format!(
            "# BEGIN codeartifact login: distutils.index-servers (dom/repo)\n[distutils]\nindex-servers =\n    pypi\n    \
             codeartifact\n# END codeartifact login: distutils.index-servers\n# BEGIN codeartifact login: codeartifact \
             (dom/repo)\n[codeartifact]\nrepository = https://{HOST}/pypi/repo/\nusername = aws\npassword = {TOKEN}\n# END \
             codeartifact login: codeartifact\n"
        )
    );
    let h = Home::new();
    let orig = "[distutils]\nindex-servers =\n    pypi\n    testpypi\n\n[testpypi]\nrepository = https://test.pypi.org/legacy/\n";
    h.write(".pypirc", orig);
    login(&h, &req(Tool::Twine));
    let text = h.read(".pypirc");
    assert!(
        text.contains("index-servers =\n    pypi\n    testpypi\n    codeartifact\n"),
        "{text}"
    );
    logout(&h, Tool::Twine, None);
    assert_eq!(h.read(".pypirc"), orig);
}

#[test]
fn yarn_berry_default_and_scopes() {
    let h = Home::new();
    let orig = "# yarn\nnodeLinker: node-modules\nnpmRegistryServer: \"https://registry.yarnpkg.com\"\nnpmScopes:\n  other:\n    npmRegistryServer: \"https://o/\"\n";
    h.write(".yarnrc.yml", orig);
    login(&h, &req(Tool::Yarn));
    let mut l = req(Tool::Yarn);
    l.namespaces = vec!["corp".into()];
    login(&h, &l);
    let text = h.read(".yarnrc.yml");
    assert!(text.contains(&format!("\nnpmRegistryServer: \"https://{HOST}/npm/repo/\"\nnpmAlwaysAuth: true\nnpmAuthToken: \"{TOKEN}\"\n")), "{text}");
    assert!(text.contains(&format!("  corp:\n    npmRegistryServer: \"https://{HOST}/npm/repo/\"\n    npmAlwaysAuth: true\n")), "{text}");
    assert!(
        text.contains("  other:\n    npmRegistryServer: \"https://o/\"\n"),
        "{text}"
    );
    logout(&h, Tool::Yarn, None);
    assert_eq!(h.read(".yarnrc.yml"), orig);
}

#[test]
fn yarn_berry_whitelists_a_plain_http_registry() {
    let h = Home::new();
    let orig = "unsafeHttpWhitelist:\n  - \"localhost\"\n";
    h.write(".yarnrc.yml", orig);
    let mut l = req(Tool::Yarn);
    l.endpoint = "http://127.0.0.1:9000/npm/d/dom-111122223333/repo/".into();
    login(&h, &l);
    let text = h.read(".yarnrc.yml");
    assert!(text.starts_with("unsafeHttpWhitelist:\n  - \"localhost\"\n  # BEGIN codeartifact login: unsafeHttpWhitelist (dom/repo)\n  - \"127.0.0.1\"\n"), "{text}");
    logout(&h, Tool::Yarn, None);
    assert_eq!(h.read(".yarnrc.yml"), orig);
}

#[test]
fn bun_registry_saved_and_restored() {
    let h = Home::new();
    let orig = "# bun\n[install]\nregistry = \"https://registry.npmjs.org\"\nexact = true\n";
    h.write(".bunfig.toml", orig);
    login(&h, &req(Tool::Bun));
    let text = h.read(".bunfig.toml");
    assert!(
        text.contains(&format!(
            "registry = {{ url = \"https://{HOST}/npm/repo/\", token = \"{TOKEN}\" }}"
        )),
        "{text}"
    );
    assert!(
        text.contains("# saved by codeartifact login: registry = \"https://registry.npmjs.org\"\n"),
        "{text}"
    );
    logout(&h, Tool::Bun, None);
    assert_eq!(h.read(".bunfig.toml"), orig);
}

#[test]
fn uv_index_and_refusal_to_shadow_pyproject() {
    let h = Home::new();
    login(&h, &req(Tool::Uv));
    assert_eq!(
        h.read(".config/uv/uv.toml"),
        format!(
            "# managed by codeartifact login (dom/repo)\n[[index]]\nname = \"codeartifact\"\nurl = \
             \"https://aws:{TOKEN}@{HOST}/pypi/repo/simple/\"\ndefault = true\n"
        )
    );
    fs::write(
        h.env.cwd.join("pyproject.toml"),
        "[project]\nname = \"x\"\n\n[tool.uv]\ndev-dependencies = []\n",
    )
    .unwrap();
    let mut l = req(Tool::Uv);
    l.scope = Scope::Project;
    assert!(matches!(plan_login(&l, &h.env), Err(Error::Usage(_))));
}

#[test]
fn cargo_registry_and_credentials() {
    let mut h = Home::new();
    let cargo_home = h.env.cwd.join("cargo-home");
    h.env
        .vars
        .insert("CARGO_HOME".into(), cargo_home.display().to_string());
    let orig = "# mine\n[build]\njobs = 2\n";
    fs::create_dir_all(&cargo_home).unwrap();
    fs::write(cargo_home.join("config.toml"), orig).unwrap();
    login(&h, &req(Tool::Cargo));
    assert_eq!(
        fs::read_to_string(cargo_home.join("config.toml")).unwrap(),
        format!(
            "{orig}\n# managed by codeartifact login (dom/repo)\n[registries.codeartifact]\nindex = \
             \"sparse+https://{HOST}/cargo/repo/\"\ncredential-provider = \"cargo:token\"\n"
        )
    );
    assert_eq!(
        fs::read_to_string(cargo_home.join("credentials.toml")).unwrap(),
        format!(
            "# managed by codeartifact login (dom/repo)\n[registries.codeartifact]\ntoken = \"{TOKEN}\"\n"
        )
    );
    logout(&h, Tool::Cargo, None);
    assert_eq!(
        fs::read_to_string(cargo_home.join("config.toml")).unwrap(),
        orig
    );
    assert!(!cargo_home.join("credentials.toml").exists());
}

#[test]
fn unparsable_file_fails_the_whole_login_and_changes_nothing() {
    let h = Home::new();
    h.write(".cargo/credentials.toml", "[registries\n");
    let before = h.snapshot();
    let err = apply(&plan_login(&req(Tool::Cargo), &h.env).unwrap(), false).unwrap_err();
    assert!(err.to_string().contains("cannot parse"), "{err}");
    assert_eq!(h.snapshot(), before, "config.toml was not written either");

    h.write(".m2/settings.xml", "<settings><servers></settings>");
    assert!(apply(&plan_login(&req(Tool::Maven), &h.env).unwrap(), false).is_err());
    h.write(".swiftpm/configuration/registries.json", "{");
    assert!(apply(&plan_login(&req(Tool::Swift), &h.env).unwrap(), false).is_err());
}

#[test]
fn maven_settings_preserved_and_restored() {
    let h = Home::new();
    let orig = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- my settings -->\n<settings>\n    <localRepository>/repo</localRepository>\n    \
                <servers>\n        <server>\n            <id>corp</id>\n            <username>me</username>\n        </server>\n    \
                </servers>\n</settings>\n";
    h.write(".m2/settings.xml", orig);
    login(&h, &req(Tool::Maven));
    let text = h.read(".m2/settings.xml");
    assert!(
        text.contains(&format!(
            "        </server>\n        <!-- managed by codeartifact login (dom/repo) -->\n        <server>\n            \
             <id>codeartifact</id>\n            <username>aws</username>\n            <password>{TOKEN}</password>\n        \
             </server>\n    </servers>"
        )),
        "{text}"
    );
    assert!(
        text.contains("<activeProfile>codeartifact</activeProfile>"),
        "{text}"
    );
    assert!(text.contains(&format!("<repositories>\n                <repository>\n                    <id>codeartifact</id>\n                    <url>https://{HOST}/maven/repo/</url>")), "{text}");
    assert!(
        text.contains("<pluginRepositories>\n                <pluginRepository>"),
        "{text}"
    );
    logout(&h, Tool::Maven, None);
    assert_eq!(h.read(".m2/settings.xml"), orig);
}

#[test]
fn nuget_source_and_credentials() {
    let h = Home::new();
    let orig = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <add key=\"nuget.org\" \
                value=\"https://api.nuget.org/v3/index.json\" protocolVersion=\"3\" />\n  </packageSources>\n</configuration>\n";
    h.write(".nuget/NuGet/NuGet.Config", orig);
    login(&h, &req(Tool::Nuget));
    let text = h.read(".nuget/NuGet/NuGet.Config");
    assert!(text.contains(&format!("    <add key=\"dom/repo\" value=\"https://{HOST}/nuget/repo/v3/index.json\" />\n  </packageSources>")), "{text}");
    assert!(
        text.contains(&format!(
            "  <packageSourceCredentials>\n    <!-- managed by codeartifact login (dom/repo) -->\n    <dom_x002F_repo>\n      \
             <add key=\"Username\" value=\"aws\" />\n      <add key=\"ClearTextPassword\" value=\"{TOKEN}\" />\n    \
             </dom_x002F_repo>\n  </packageSourceCredentials>"
        )),
        "{text}"
    );
    logout(&h, Tool::Dotnet, None);
    assert_eq!(h.read(".nuget/NuGet/NuGet.Config"), orig);
}

#[test]
fn gradle_properties_and_init_script() {
    let h = Home::new();
    h.write(".gradle/gradle.properties", "org.gradle.jvmargs=-Xmx2g\n");
    login(&h, &req(Tool::Gradle));
    let props = h.read(".gradle/gradle.properties");
    assert!(
        props.contains(&format!(
            "codeartifactUrl=https://{HOST}/maven/repo/\ncodeartifactToken={TOKEN}\n"
        )),
        "{props}"
    );
    assert!(
        h.read(".gradle/init.d/codeartifact.gradle")
            .contains("findProperty('codeartifactToken')")
    );
    h.write(".gradle/init.d/codeartifact.gradle", "// mine\n");
    assert!(apply(&plan_login(&req(Tool::Gradle), &h.env).unwrap(), false).is_err());
    assert!(
        h.read(".gradle/gradle.properties").contains(TOKEN),
        "the failed login left the files as they were"
    );
}

#[test]
fn swift_registries_and_netrc() {
    let h = Home::new();
    h.write(".netrc", "machine example.com login me password secret\n");
    let orig_json = "{\n  \"registries\": {\n    \"[default]\": {\n      \"url\": \"https://other/\"\n    }\n  },\n  \"version\": 1\n}\n";
    h.write(".swiftpm/configuration/registries.json", orig_json);
    login(&h, &req(Tool::Swift));
    assert!(h.read(".netrc").ends_with(&format!(
        "machine {HOST} login token password {TOKEN}\n# END codeartifact login: machine {HOST}\n"
    )));
    let json: serde_json::Value =
        serde_json::from_str(&h.read(".swiftpm/configuration/registries.json")).unwrap();
    assert_eq!(
        json["registries"]["[default]"]["url"],
        format!("https://{HOST}/swift/repo/")
    );
    assert_eq!(
        json["authentication"][HOST]["loginAPIPath"],
        "/swift/repo/login"
    );
    logout(&h, Tool::Swift, None);
    assert_eq!(
        h.read(".netrc"),
        "machine example.com login me password secret\n"
    );
    let back: serde_json::Value =
        serde_json::from_str(&h.read(".swiftpm/configuration/registries.json")).unwrap();
    assert_eq!(
        back,
        serde_json::from_str::<serde_json::Value>(orig_json).unwrap()
    );
}

#[test]
fn gem_sources_bundler_and_credentials() {
    let h = Home::new();
    let orig = "---\n:backtrace: false\n:sources:\n- https://rubygems.org/\n";
    h.write(".gemrc", orig);
    login(&h, &req(Tool::Gem));
    let text = h.read(".gemrc");
    assert!(text.contains(&format!("- https://rubygems.org/\n# BEGIN codeartifact login: :sources (dom/repo)\n- https://aws:{TOKEN}@{HOST}/ruby/repo/\n")), "{text}");
    let key = "BUNDLE_DOM___111122223333__D__CODEARTIFACT__US___WEST___2__AMAZONAWS__COM";
    assert!(
        h.read(".bundle/config")
            .contains(&format!("{key}: \"aws:{TOKEN}\"\n"))
    );
    assert!(h.read(".gem/credentials").contains(&format!(
        "\"https://{HOST}/ruby/repo\": \"Bearer {TOKEN}\"\n"
    )));
    logout(&h, Tool::Gem, None);
    assert_eq!(h.read(".gemrc"), orig);
    assert!(!h.path(".bundle/config").exists() && !h.path(".gem/credentials").exists());
}

#[test]
fn concurrent_logins_never_lose_an_entry() {
    let h = Home::new();
    h.write(".npmrc", "# keep me\n");
    std::thread::scope(|s| {
        for i in 0..8 {
            let env = h.env.clone();
            s.spawn(move || {
                let mut l = req(Tool::Npm);
                l.namespaces = vec![format!("scope{i}")];
                apply(&plan_login(&l, &env).unwrap(), false).unwrap();
            });
        }
    });
    let text = h.read(".npmrc");
    assert!(text.starts_with("# keep me\n"), "{text}");
    for i in 0..8 {
        assert_eq!(
            text.matches(&format!("\n@scope{i}:registry=")).count(),
            1,
            "{text}"
        );
    }
    assert_eq!(text.matches(":_authToken=").count(), 1, "{text}");
}

#[test]
fn export_lines() {
    let vars = export_vars(&req(Tool::Uv)).unwrap();
    let shell = render_export(&vars, ExportFormat::Shell);
    assert!(
        shell.starts_with(&format!("export CODEARTIFACT_AUTH_TOKEN={TOKEN}\n")),
        "{shell}"
    );
    assert!(
        shell.contains(&format!(
            "export UV_DEFAULT_INDEX=codeartifact=https://{HOST}/pypi/repo/simple/\n"
        )),
        "{shell}"
    );
    assert!(
        shell.contains(&format!("export UV_INDEX_CODEARTIFACT_PASSWORD={TOKEN}\n")),
        "{shell}"
    );
    let gh = render_export(
        &export_vars(&req(Tool::Twine)).unwrap(),
        ExportFormat::Github,
    );
    assert!(
        gh.contains(&format!(
            "TWINE_REPOSITORY_URL=https://{HOST}/pypi/repo/\nTWINE_USERNAME=aws\n"
        )),
        "{gh}"
    );
    let quoted = render_export(&[("K".into(), "a b'c".into())], ExportFormat::Shell);
    assert_eq!(quoted, "export K='a b'\\''c'\n");
}

#[test]
fn success_message_matches_the_aws_cli() {
    let now = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    let msg = success_message(
        Tool::Npm,
        "https://h/npm/r/",
        Some((1_700_000_000 + 43_200, 0)),
        now,
    );
    let local = chrono::DateTime::from_timestamp(1_700_043_200, 0)
        .unwrap()
        .with_timezone(&chrono::Local);
    assert_eq!(
        msg,
        format!(
            "Successfully configured npm to use AWS CodeArtifact repository https://h/npm/r/ \nLogin expires in 12 hours at {}\n",
            local.format("%Y-%m-%d %H:%M:%S%:z")
        )
    );
    let rel = |s: i64| relative(chrono::TimeDelta::seconds(s));
    assert_eq!(rel(43_199), "12 hours");
    assert_eq!(rel(3600 + 120), "1 hour and 2 minutes");
    assert_eq!(rel(900), "15 minutes");
    assert_eq!(rel(86_400 + 3600), "1 day and 1 hour");
}

#[test]
fn a_failed_write_puts_back_the_files_already_written() {
    let mut h = Home::new();
    h.write("not-a-folder", "x");
    h.env.vars.insert(
        "NETRC".into(),
        h.path("not-a-folder/netrc").display().to_string(),
    );
    let before = h.snapshot();
    // registries.json is written first, then the netrc cannot be: registries.json goes away again.
    let err = apply(&plan_login(&req(Tool::Swift), &h.env).unwrap(), false).unwrap_err();
    assert!(err.to_string().contains("not-a-folder"), "{err}");
    assert_eq!(h.snapshot(), before);
}

#[cfg(unix)]
#[test]
fn a_symlinked_config_stays_a_link() {
    let h = Home::new();
    h.write("dotfiles/npmrc", "save-exact=true\n");
    std::os::unix::fs::symlink(h.path("dotfiles/npmrc"), h.path(".npmrc")).unwrap();
    login(&h, &req(Tool::Npm));
    assert!(
        fs::symlink_metadata(h.path(".npmrc"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(h.read("dotfiles/npmrc").contains(TOKEN));
    logout(&h, Tool::Npm, None);
    assert_eq!(h.read("dotfiles/npmrc"), "save-exact=true\n");
}

#[test]
fn logout_without_a_login_creates_nothing() {
    for &tool in Tool::value_variants() {
        let h = Home::new();
        logout(&h, tool, None);
        assert_eq!(fs::read_dir(&h.env.home).unwrap().count(), 0, "{tool}");
    }
}

#[test]
fn nuget_messages_match_the_aws_cli() {
    let h = Home::new();
    let args = LoginArgs::default();
    let now = chrono::Utc::now();
    let first = run_login(&[req(Tool::Dotnet)], &h.env, &args, None, now).unwrap();
    assert_eq!(
        first,
        format!(
            "Added source dom/repo to the user level NuGet.Config\nSuccessfully configured nuget to use AWS CodeArtifact \
             repository {} \n",
            endpoint(Tool::Nuget)
        )
    );
    let second = run_login(&[req(Tool::Nuget)], &h.env, &args, None, now).unwrap();
    assert!(
        second.starts_with("Updated source dom/repo in the NuGet.Config\n"),
        "{second}"
    );
}

#[test]
fn project_scope_for_every_tool_logs_in_and_out_or_is_refused() {
    for &tool in Tool::value_variants() {
        let h = Home::new();
        let before = h.snapshot();
        let mut l = req(tool);
        l.scope = Scope::Project;
        match plan_login(&l, &h.env) {
            Err(e) => {
                assert!(matches!(e, Error::Usage(_)), "{tool}: {e}");
                assert!(
                    matches!(tool, Tool::Pip | Tool::Twine | Tool::Maven | Tool::Gradle),
                    "{tool}"
                );
            }
            Ok(edits) => {
                apply(&edits, false).unwrap();
                let after = h.snapshot();
                assert!(
                    after.keys().any(|p| p.starts_with(&h.env.cwd)),
                    "{tool}: writes in the project"
                );
                let o = Logout {
                    tool,
                    owner: None,
                    scope: Scope::Project,
                };
                apply(&plan_logout(&o, &h.env).unwrap(), false).unwrap();
                // Credentials that tools only read from the user's files (cargo, poetry) stay there
                // until a user-scope logout.
                let o = Logout {
                    tool,
                    owner: None,
                    scope: Scope::User,
                };
                apply(&plan_logout(&o, &h.env).unwrap(), false).unwrap();
                assert_eq!(h.snapshot(), before, "{tool}");
            }
        }
    }
}

#[test]
fn uv_puts_the_repository_before_the_users_default_index() {
    let h = Home::new();
    let orig = "[pip]\nsystem = true\n\n# corp\n[[index]]\nname = \"corp\"\nurl = \"https://corp/simple/\"\ndefault = true\n";
    h.write(".config/uv/uv.toml", orig);
    login(&h, &req(Tool::Uv));
    let text = h.read(".config/uv/uv.toml");
    let ours = text.find("name = \"codeartifact\"").unwrap();
    assert!(
        text.starts_with("[pip]\nsystem = true\n") && ours < text.find("name = \"corp\"").unwrap(),
        "{text}"
    );
    login(&h, &req(Tool::Uv));
    assert_eq!(h.read(".config/uv/uv.toml"), text, "idempotent");
    logout(&h, Tool::Uv, None);
    assert_eq!(h.read(".config/uv/uv.toml"), orig);
}

#[test]
fn yarn_classic_alone_gets_always_auth() {
    // yarn 1 sends the token for unscoped packages only with always-auth; npm 9+ warns on the key.
    let h = Home::new();
    login(&h, &req(Tool::YarnClassic));
    assert!(h.read(".npmrc").lines().any(|l| l == "always-auth=true"));
    let h = Home::new();
    login(&h, &req(Tool::Npm));
    assert!(!h.read(".npmrc").contains("always-auth"));
}

#[cfg(unix)]
#[test]
fn read_only_files_and_folders_are_refused_and_left_untouched() {
    use std::os::unix::fs::PermissionsExt;
    let set_mode =
        |p: &Path, m: u32| fs::set_permissions(p, fs::Permissions::from_mode(m)).unwrap();
    for &tool in Tool::value_variants() {
        let h = Home::new();
        let written: Vec<PathBuf> = login(&h, &req(tool)).into_iter().map(|c| c.path).collect();
        for p in &written {
            set_mode(p, 0o444);
        }
        let before = h.snapshot();
        let mut again = req(tool);
        again.token = TOKEN2.to_string();
        for dry_run in [false, true] {
            let err = apply(&plan_login(&again, &h.env).unwrap(), dry_run).unwrap_err();
            assert!(err.to_string().contains("is read-only"), "{tool}: {err}");
            assert_eq!(err.exit_code(), 255);
        }
        let o = Logout {
            tool,
            owner: None,
            scope: Scope::User,
        };
        let err = apply(&plan_logout(&o, &h.env).unwrap(), false).unwrap_err();
        assert!(err.to_string().contains("is read-only"), "{tool}: {err}");
        assert_eq!(h.snapshot(), before, "{tool}");
        for p in &written {
            assert_eq!(mode(p), 0o444, "{tool}: {}", p.display());
        }

        // A read-only home: nothing can be created in it.
        let h = Home::new();
        set_mode(&h.env.home, 0o555);
        let err = apply(&plan_login(&req(tool), &h.env).unwrap(), false).unwrap_err();
        assert!(err.to_string().contains("folder"), "{tool}: {err}");
        assert_eq!(fs::read_dir(&h.env.home).unwrap().count(), 0, "{tool}");
        set_mode(&h.env.home, 0o755);
    }
}

#[test]
fn unparseable_ini_files_are_refused_with_file_and_line() {
    for (tool, rel) in [
        (Tool::Pip, ".config/pip/pip.conf"),
        (Tool::Twine, ".pypirc"),
    ] {
        for text in [
            "[global\nindex-url = https://x/\n",
            "timeout = 5\n[global]\n",
        ] {
            let h = Home::new();
            h.write(rel, text);
            let err = apply(&plan_login(&req(tool), &h.env).unwrap(), false).unwrap_err();
            let msg = err.to_string();
            assert!(
                msg.contains(rel) && msg.contains("line 1: ") && msg.contains("left as it was"),
                "{tool}: {msg}"
            );
            assert_eq!(h.read(rel), text);
        }
    }
}
