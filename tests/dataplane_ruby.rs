//! RubyGems and Bundler (Debian 12's: RubyGems 3.3, Bundler 2.3) against `codeartifact mock
//! serve`, configured by `codeartifact login --tool gem`: `gem push` with the credentials file
//! login wrote, `gem install` through the `:sources:` it wrote, `bundle install` of a Gemfile
//! through the Bundler credentials it wrote, each through a downstream -> upstream chain and
//! through an external connection (`public:ruby-gems-org`) pointed at a second mock. Then what
//! the control plane reports, statuses, origin controls, package groups and refusals.
//!
//! Nothing reaches rubygems.org: every command runs with a fresh HOME (so ~/.gemrc,
//! ~/.gem/credentials and ~/.bundle/config are only what login wrote), GEM_HOME and
//! BUNDLE_PATH inside it, and the only sources are the mocks on 127.0.0.1.

mod common;
mod dataplane_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use dataplane_support::*;
use serde_json::Value;

/// `gem` or `bundle` as `user` in `dir`: gems install under the user's HOME.
fn ruby_tool(user: &User, program: &str, dir: &Path) -> Command {
    let home = user.home();
    let mut cmd = user.command(client(program));
    cmd.current_dir(dir)
        .env("GEM_HOME", home.join("gems"))
        .env("GEM_SPEC_CACHE", home.join("gem-spec-cache"))
        .env("BUNDLE_PATH", home.join("bundle"))
        .env("BUNDLE_USER_CACHE", home.join("bundle-cache"))
        .env("BUNDLE_SILENCE_ROOT_WARNING", "1")
        // A failure shows at once instead of after Bundler's retries.
        .env("BUNDLE_RETRY", "0");
    cmd
}

/// The platform RubyGems installs for here (`x86_64-linux`), for a platform-specific gem.
fn local_platform() -> String {
    let out = Command::new(client("ruby"))
        .args(["-e", "print Gem::Platform.local"])
        .output()
        .expect("ruby");
    String::from_utf8(out.stdout).unwrap()
}

/// Builds a gem with the real `gem build` from `extra` gemspec lines; returns the .gem's path.
fn build_gem(user: &User, name: &str, version: &str, extra: &str) -> PathBuf {
    let dir = user.home().join("src").join(format!("{name}-{version}"));
    std::fs::create_dir_all(dir.join("lib")).unwrap();
    let constant = name.replace('-', "_").to_uppercase();
    std::fs::write(
        dir.join("lib").join(format!("{name}.rb")),
        format!("{constant} = \"{version}\"\n"),
    )
    .unwrap();
    std::fs::write(
        dir.join("gem.gemspec"),
        format!(
            "Gem::Specification.new do |s|\n  s.name = {name:?}\n  s.version = {version:?}\n  \
             s.summary = \"The {name} gem\"\n  s.authors = [\"Tester\"]\n  \
             s.files = [\"lib/{name}.rb\"]\n  s.licenses = [\"MIT\"]\n  \
             s.homepage = \"https://example.com/{name}\"\n{extra}\nend\n"
        ),
    )
    .unwrap();
    let out = user.run(
        ruby_tool(user, "gem", &dir).args(["build", "gem.gemspec"]),
        "gem build",
    );
    let file = out
        .lines()
        .find_map(|l| l.trim().strip_prefix("File: "))
        .unwrap_or_else(|| panic!("gem build names its file:\n{out}"));
    dir.join(file.trim())
}

/// The repository endpoint as `gem push --host` and the credentials file name it: no final `/`.
fn push_host(mock: &Mock, repo: &str) -> String {
    endpoint(mock, "ruby", repo)
        .trim_end_matches('/')
        .to_string()
}

fn gem_push(user: &User, gem: &Path, host: Option<&str>) -> std::process::Output {
    let mut cmd = ruby_tool(user, "gem", user.home());
    cmd.arg("push").arg(gem);
    if let Some(h) = host {
        cmd.args(["--host", h]);
    }
    cmd.output().expect("gem push")
}

fn text(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A raw GET of a path under a repository; (status, body).
fn get(mock: &Mock, token: &str, repo: &str, path: &str) -> (u16, Vec<u8>) {
    let (status, _, body) = authed(
        mock,
        "GET",
        &format!("{}{path}", endpoint_path("ruby", repo)),
        Some(&bearer(token)),
        b"",
    );
    (status, body)
}

fn info(mock: &Mock, token: &str, repo: &str, name: &str) -> (u16, String) {
    let (status, body) = get(mock, token, repo, &format!("info/{name}"));
    (status, String::from_utf8(body).unwrap())
}

fn ca_pkg(admin: &User, op: &str, repo: &str, package: &str, extra: &[&str]) -> Value {
    let mut args = vec![
        op,
        "--domain",
        DOMAIN,
        "--repository",
        repo,
        "--format",
        "ruby",
        "--package",
        package,
    ];
    args.extend_from_slice(extra);
    admin.ca(&args)
}

fn set_status(admin: &User, repo: &str, package: &str, version: &str, status: &str) {
    ca_pkg(
        admin,
        "update-package-versions-status",
        repo,
        package,
        &["--versions", version, "--target-status", status],
    );
}

#[test]
fn gem_and_bundler_push_install_and_bundle_through_an_upstream() {
    let (mock, admin) = mock_with(&[("up", &[]), ("app", &["up"])]);
    let token = admin.token();
    let platform = local_platform();

    // Publisher: login writes the push key for `up`; gem refuses a credentials file that is
    // not 0600, so the pushes below also prove its mode.
    let publisher = User::new(&mock);
    publisher.login("gem", "up", &[], publisher.home());
    let credentials = publisher.home().join(".gem/credentials");
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&credentials)
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let host = push_host(&mock, "up");
    let base_old = build_gem(&publisher, "dp-base", "1.0.0", "");
    let base = build_gem(&publisher, "dp-base", "1.1.0", "");
    let base_native = build_gem(
        &publisher,
        "dp-base",
        "1.1.0",
        &format!("  s.platform = {platform:?}"),
    );
    // dp-top names its registry in allowed_push_host, so `gem push` needs no --host.
    let top = build_gem(
        &publisher,
        "dp-top",
        "2.0.0",
        &format!(
            "  s.add_dependency \"dp-base\", \">= 1.0\", \"< 2\"\n  \
             s.add_development_dependency \"dp-dev-only\", \"~> 9.0\"\n  \
             s.description = \"Line one\\nLine two\"\n  \
             s.metadata = {{\"source_code_uri\" => \"https://example.com/src/dp-top\", \
             \"allowed_push_host\" => {host:?}}}"
        ),
    );
    for gem in [&base_old, &base, &base_native] {
        let out = gem_push(&publisher, gem, Some(&host));
        assert!(out.status.success(), "gem push: {}", text(&out));
        assert!(
            text(&out).contains("Successfully registered gem: dp-base (1."),
            "{}",
            text(&out)
        );
    }
    let out = gem_push(&publisher, &top, None);
    assert!(out.status.success(), "gem push: {}", text(&out));
    assert!(
        text(&out).contains("Successfully registered gem: dp-top (2.0.0)"),
        "{}",
        text(&out)
    );

    // The compact index line RubyGems resolves with: runtime dependencies only, the checksum
    // of the bytes pushed.
    let (status, body) = info(&mock, &token, "up", "dp-top");
    assert_eq!(status, 200, "{body}");
    let sha = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(std::fs::read(&top).unwrap()))
    };
    assert_eq!(
        body,
        format!("---\n2.0.0 dp-base:>= 1.0&< 2|checksum:{sha}\n")
    );

    // gem install through `app` (app -> up), from the sources login wrote: only the
    // repository, not rubygems.org.
    let consumer = User::new(&mock);
    consumer.login("gem", "app", &[], consumer.home());
    let gemrc = std::fs::read_to_string(consumer.home().join(".gemrc")).unwrap();
    assert_eq!(gemrc.matches("\n- ").count(), 1, "{gemrc}");
    assert!(gemrc.contains(&format!(
        "@127.0.0.1:{}/ruby/",
        mock.url.rsplit(':').next().unwrap()
    )));
    consumer.run(
        ruby_tool(&consumer, "gem", consumer.home()).args(["install", "dp-top", "--no-document"]),
        "gem install",
    );
    let specs = consumer.home().join("gems/specifications");
    for installed in [
        "dp-top-2.0.0.gemspec".to_string(),
        format!("dp-base-1.1.0-{platform}.gemspec"),
    ] {
        assert!(specs.join(&installed).exists(), "{installed} not installed");
    }

    // bundle install of a Gemfile through `app`, with Bundler's credentials from login; an
    // older dp-base than the newest, to resolve rather than take the latest.
    let project = consumer.home().join("project");
    std::fs::create_dir_all(&project).unwrap();
    std::fs::write(
        project.join("Gemfile"),
        format!(
            "source {:?}\ngem \"dp-top\"\ngem \"dp-base\", \"< 1.1\"\n",
            endpoint(&mock, "ruby", "app")
        ),
    )
    .unwrap();
    consumer.run(
        ruby_tool(&consumer, "bundle", &project).arg("install"),
        "bundle install",
    );
    let lock = std::fs::read_to_string(project.join("Gemfile.lock")).unwrap();
    assert!(
        lock.contains("    dp-base (1.0.0)\n    dp-top (2.0.0)\n      dp-base (>= 1.0, < 2)\n"),
        "{lock}"
    );
    let out = consumer.run(
        ruby_tool(&consumer, "bundle", &project).args([
            "exec",
            "ruby",
            "-e",
            "require 'dp-top'; require 'dp-base'; print DP_TOP, ' ', DP_BASE",
        ]),
        "bundle exec",
    );
    assert!(out.starts_with("2.0.0 1.0.0"), "{out}");

    // The control plane: what the gemspec says, runtime dependencies, one asset per platform,
    // and the versions the installs retained in `app`.
    let v = ca_pkg(
        &admin,
        "describe-package-version",
        "up",
        "dp-top",
        &["--package-version", "2.0.0"],
    )["packageVersion"]
        .clone();
    assert_eq!(v["summary"], "The dp-top gem");
    assert_eq!(v["homePage"], "https://example.com/dp-top");
    assert_eq!(v["sourceCodeRepository"], "https://example.com/src/dp-top");
    assert_eq!(v["licenses"], serde_json::json!([{"name": "MIT"}]));
    assert_eq!(v["status"], "Published");
    let deps = ca_pkg(
        &admin,
        "list-package-version-dependencies",
        "up",
        "dp-top",
        &["--package-version", "2.0.0"],
    );
    assert_eq!(
        deps["dependencies"],
        serde_json::json!([{"package": "dp-base", "dependencyType": "runtime",
                            "versionRequirement": ">= 1.0, < 2"}])
    );
    let assets = ca_pkg(
        &admin,
        "list-package-version-assets",
        "up",
        "dp-base",
        &["--package-version", "1.1.0"],
    );
    let mut names: Vec<&str> = assets["assets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    names.sort();
    let mut want = [
        "dp-base-1.1.0.gem".to_string(),
        format!("dp-base-1.1.0-{platform}.gem"),
    ];
    want.sort();
    assert_eq!(names, want);
    let retained = admin.ca(&[
        "list-package-versions",
        "--domain",
        DOMAIN,
        "--repository",
        "app",
        "--format",
        "ruby",
        "--package",
        "dp-base",
        "--query",
        "versions[].version",
    ]);
    let mut retained: Vec<&str> = retained
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    retained.sort();
    assert_eq!(retained, ["1.0.0", "1.1.0"]);

    // The same .gem again is accepted; other bytes for it are refused with the reason.
    assert!(
        gem_push(&publisher, &base_old, Some(&host))
            .status
            .success()
    );
    let changed = build_gem(
        &publisher,
        "dp-base",
        "1.0.0",
        "  s.description = \"changed\"",
    );
    let out = gem_push(&publisher, &changed, Some(&host));
    assert!(!out.status.success());
    assert!(text(&out).contains("already exists"), "{}", text(&out));

    // Unlisted leaves the listings but stays downloadable; Archived is neither.
    set_status(&admin, "up", "dp-base", "1.0.0", "Unlisted");
    let (_, body) = info(&mock, &token, "up", "dp-base");
    assert!(
        !body.contains("\n1.0.0 ") && body.contains("\n1.1.0 "),
        "{body}"
    );
    let (status, deps) = get(&mock, &token, "up", "api/v1/dependencies?gems=dp-base");
    assert_eq!(status, 200);
    assert!(!String::from_utf8_lossy(&deps).contains("1.0.0"));
    assert_eq!(get(&mock, &token, "up", "gems/dp-base-1.0.0.gem").0, 200);
    assert_eq!(
        get(
            &mock,
            &token,
            "up",
            "quick/Marshal.4.8/dp-base-1.0.0.gemspec.rz"
        )
        .0,
        200
    );
    set_status(&admin, "up", "dp-base", "1.0.0", "Archived");
    assert_eq!(get(&mock, &token, "up", "gems/dp-base-1.0.0.gem").0, 404);
    assert_eq!(
        get(
            &mock,
            &token,
            "up",
            "quick/Marshal.4.8/dp-base-1.0.0.gemspec.rz"
        )
        .0,
        404
    );
    let archived = build_gem(&publisher, "dp-base", "1.0.0", "");
    let out = gem_push(&publisher, &archived, Some(&host));
    assert!(
        !out.status.success() && text(&out).contains("Archived"),
        "{}",
        text(&out)
    );

    // Origin controls: publish BLOCK refuses a push, with the reason gem prints.
    ca_pkg(
        &admin,
        "put-package-origin-configuration",
        "up",
        "dp-top",
        &["--restrictions", "publish=BLOCK,upstream=ALLOW"],
    );
    let next = build_gem(
        &publisher,
        "dp-top",
        "2.0.1",
        &format!("  s.metadata = {{\"allowed_push_host\" => {host:?}}}"),
    );
    let out = gem_push(&publisher, &next, None);
    assert!(!out.status.success());
    assert!(text(&out).contains("blocked"), "{}", text(&out));

    // A token of no domain is refused before anything is read.
    let (status, _) = info(&mock, "not-a-token", "up", "dp-top");
    assert_eq!(status, 401);
}

#[test]
fn bundle_install_through_an_external_connection() {
    // The "public" registry: another mock whose repository the connection points at, filled
    // by raw pushes of real .gem files.
    let (public, public_admin) = mock_with(&[("gems", &[])]);
    let public_token = public_admin.token();
    let builder = User::new(&public);
    let leaf = build_gem(&builder, "pub-leaf", "0.3.0", "");
    let tree = build_gem(
        &builder,
        "pub-tree",
        "1.0.0",
        "  s.add_dependency \"pub-leaf\", \"~> 0.3\"",
    );
    for gem in [&leaf, &tree] {
        let (status, _, body) = authed(
            &public,
            "POST",
            &format!("{}api/v1/gems", endpoint_path("ruby", "gems")),
            Some(&bearer(&public_token)),
            &std::fs::read(gem).unwrap(),
        );
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    }

    let (_data, mock, admin) = mock_with_external(
        &public,
        &public_token,
        "ruby",
        "gems",
        "public:ruby-gems-org",
    );

    let consumer = User::new(&mock);
    consumer.login("gem", "app", &[], consumer.home());
    let project = consumer.home().join("project");
    std::fs::create_dir_all(&project).unwrap();
    std::fs::write(
        project.join("Gemfile"),
        format!(
            "source {:?}\ngem \"pub-tree\"\n",
            endpoint(&mock, "ruby", "app")
        ),
    )
    .unwrap();
    consumer.run(
        ruby_tool(&consumer, "bundle", &project).arg("install"),
        "bundle install",
    );
    let lock = std::fs::read_to_string(project.join("Gemfile.lock")).unwrap();
    assert!(
        lock.contains("pub-leaf (0.3.0)") && lock.contains("pub-tree (1.0.0)"),
        "{lock}"
    );

    // Fetched into the repository holding the connection (origin EXTERNAL, metadata read
    // from the .gem), retained downstream.
    let v = ca_pkg(
        &admin,
        "describe-package-version",
        "store",
        "pub-tree",
        &["--package-version", "1.0.0"],
    )["packageVersion"]
        .clone();
    assert_eq!(v["origin"]["originType"], "EXTERNAL");
    assert_eq!(
        v["origin"]["domainEntryPoint"]["externalConnectionName"],
        "public:ruby-gems-org"
    );
    assert_eq!(v["summary"], "The pub-tree gem");
    let deps = ca_pkg(
        &admin,
        "list-package-version-dependencies",
        "store",
        "pub-tree",
        &["--package-version", "1.0.0"],
    );
    assert_eq!(deps["dependencies"][0]["package"], "pub-leaf");
    let pkgs = admin.ca(&[
        "list-packages",
        "--domain",
        DOMAIN,
        "--repository",
        "app",
        "--query",
        "packages[].package",
    ]);
    assert_eq!(pkgs, serde_json::json!(["pub-leaf", "pub-tree"]));

    // gem install resolves through the connection too (compact index `info`), for a gem not
    // fetched yet.
    let (status, _, _) = authed(
        &public,
        "POST",
        &format!("{}api/v1/gems", endpoint_path("ruby", "gems")),
        Some(&bearer(&public_token)),
        &std::fs::read(build_gem(&builder, "pub-solo", "5.0.0", "")).unwrap(),
    );
    assert_eq!(status, 200);
    consumer.run(
        ruby_tool(&consumer, "gem", consumer.home()).args(["install", "pub-solo", "--no-document"]),
        "gem install",
    );
    assert!(
        consumer
            .home()
            .join("gems/specifications/pub-solo-5.0.0.gemspec")
            .exists()
    );

    // Upstream BLOCK in `app` for a package it has not retained: nothing comes through.
    ca_pkg(
        &admin,
        "put-package-origin-configuration",
        "app",
        "pub-other",
        &["--restrictions", "publish=ALLOW,upstream=BLOCK"],
    );
    let (status, _, _) = authed(
        &public,
        "POST",
        &format!("{}api/v1/gems", endpoint_path("ruby", "gems")),
        Some(&bearer(&public_token)),
        &std::fs::read(build_gem(&builder, "pub-other", "1.0.0", "")).unwrap(),
    );
    assert_eq!(status, 200);
    let token = admin.token();
    assert_eq!(info(&mock, &token, "app", "pub-other").0, 404);
    assert_eq!(info(&mock, &token, "store", "pub-other").0, 200);
}

#[test]
fn the_wire_refuses_what_the_service_does_not_serve() {
    let (mock, admin) = mock_with(&[("up", &[]), ("app", &["up"])]);
    let token = admin.token();
    let push = |repo: &str, body: &[u8]| {
        let (status, _, body) = authed(
            &mock,
            "POST",
            &format!("{}api/v1/gems", endpoint_path("ruby", repo)),
            Some(&bearer(&token)),
            body,
        );
        (status, String::from_utf8_lossy(&body).into_owned())
    };

    // What is not a gem is a 400 with the reason, as text gem push prints.
    let (status, body) = push("up", b"not a gem at all");
    assert_eq!((status, body.trim()), (400, "the gem has no metadata.gz"));

    // RubyGems' probe of the root, and the APIs CodeArtifact leaves out.
    let (status, _, _) = authed(
        &mock,
        "HEAD",
        &endpoint_path("ruby", "up"),
        Some(&bearer(&token)),
        b"",
    );
    assert_eq!(status, 200);
    for (path, what) in [
        ("versions", "/versions"),
        ("specs.4.8.gz", "full index"),
        ("latest_specs.4.8.gz", "full index"),
        ("api/v1/gems/yank", "gem yank"),
    ] {
        let (status, body) = get(&mock, &token, "up", path);
        assert_eq!(status, 404, "{path}");
        assert!(String::from_utf8_lossy(&body).contains(what), "{path}");
    }
    let (status, body) = get(&mock, &token, "up", "api/v1/dependencies");
    assert_eq!((status, body), (200, b"\x04\x08[\x00".to_vec()));

    // A package group whose PUBLISH is blocked refuses pushes of its gems.
    admin.ca(&[
        "create-package-group",
        "--domain",
        DOMAIN,
        "--package-group",
        "/ruby//dp-locked~",
    ]);
    admin.ca(&[
        "update-package-group-origin-configuration",
        "--domain",
        DOMAIN,
        "--package-group",
        "/ruby//dp-locked~",
        "--restrictions",
        "PUBLISH=BLOCK",
    ]);
    let user = User::new(&mock);
    let locked = build_gem(&user, "dp-locked", "1.0.0", "");
    let (status, body) = push("up", &std::fs::read(&locked).unwrap());
    assert_eq!(status, 403, "{body}");
    let free = build_gem(&user, "dp-free", "1.0.0", "");
    assert_eq!(push("up", &std::fs::read(&free).unwrap()).0, 200);

    // A dispose removes the file; the listing drops the version.
    ca_pkg(
        &admin,
        "dispose-package-versions",
        "up",
        "dp-free",
        &["--versions", "1.0.0"],
    );
    assert_eq!(get(&mock, &token, "up", "gems/dp-free-1.0.0.gem").0, 404);
    assert_eq!(info(&mock, &token, "up", "dp-free").0, 404);
    assert_eq!(info(&mock, &token, "app", "dp-free").0, 404);
}
