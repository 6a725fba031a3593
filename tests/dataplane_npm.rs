//! npm, yarn 1, yarn berry and pnpm against `codeartifact mock serve`, configured by `codeartifact login`:
//! publish a scoped and an unscoped package to one repository, install them through a chain of
//! two upstreams, and check what the control plane then reports.

mod common;
mod dataplane_support;

use dataplane_support::*;
use serde_json::json;

#[test]
fn npm_publish_then_npm_yarn_and_pnpm_install_through_two_upstreams() {
    let npm = client("npm");
    let yarn = client(".ci/node_modules/.bin/yarn");
    let berry = client(".ci/berry/node_modules/.bin/yarn");
    let pnpm = client(".ci/node_modules/.bin/pnpm");
    let (mock, admin) = mock_with(&[("up", &[]), ("mid", &["up"]), ("app", &["mid"])]);

    // Publisher: everything goes to `up`.
    let publisher = User::new(&mock);
    let work = publisher.home().join("work");
    std::fs::create_dir_all(&work).unwrap();
    publisher.login("npm", "up", &[], &work);
    for (version, desc) in [("1.0.0", "left, first"), ("1.1.0", "left, unlisted later")] {
        let dir = work.join(format!("left-{version}"));
        write_package(
            &dir,
            json!({"name": "dp-left", "version": version, "description": desc, "license": "MIT",
                   "main": "index.js", "homepage": "https://example.com/left"}),
            "# dp-left\n",
        );
        publisher.run(
            publisher.command(&npm).arg("publish").current_dir(&dir),
            "npm publish dp-left",
        );
    }
    let right = work.join("right");
    write_package(
        &right,
        json!({"name": "@dp/right", "version": "1.0.0", "description": "the scoped one",
               "license": "ISC", "main": "index.js", "dependencies": {"dp-left": "^1.0.0"}}),
        "# @dp/right\n\nScoped.\n",
    );
    publisher.run(
        publisher
            .command(&npm)
            .args(["publish", "--access", "public"])
            .current_dir(&right),
        "npm publish @dp/right",
    );
    // npm itself refuses to publish a version the packument already lists (the repository's
    // 409 for other bytes is checked with raw requests in dataplane_http.rs).
    std::fs::write(right.join("extra.js"), "1").unwrap();
    let again = publisher
        .command(&npm)
        .arg("publish")
        .current_dir(&right)
        .output()
        .unwrap();
    assert!(
        !again.status.success(),
        "republishing other bytes succeeded"
    );

    // Unlisted: gone from the packument, still downloadable.
    admin.ca(&[
        "update-package-versions-status",
        "--domain",
        DOMAIN,
        "--repository",
        "up",
        "--format",
        "npm",
        "--package",
        "dp-left",
        "--versions",
        "1.1.0",
        "--target-status",
        "Unlisted",
    ]);
    let token = admin.token();
    let (status, _, body) = authed(
        &mock,
        "GET",
        &format!("{}dp-left", endpoint_path("npm", "up")),
        Some(&bearer(&token)),
        b"",
    );
    assert_eq!(status, 200);
    let packument: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert!(packument["versions"].get("1.1.0").is_none(), "{packument}");
    assert_eq!(packument["dist-tags"]["latest"], "1.0.0");
    let (status, _, _) = authed(
        &mock,
        "GET",
        &format!("{}dp-left/-/dp-left-1.1.0.tgz", endpoint_path("npm", "up")),
        Some(&bearer(&token)),
        b"",
    );
    assert_eq!(status, 200, "an Unlisted version stays downloadable");

    // Consumers install from `app`, which holds nothing itself. The environment only keeps
    // yarn berry's own state out of the way (BERRY_ENV); the registry, token and http
    // permission come from what login wrote.
    let berry_env: &[(&str, &str)] = &BERRY_ENV;
    let user_scope: &[&str] = &[];
    for (tool, bin, args, env, scope) in [
        (
            "npm",
            &npm,
            &["install", "--no-audit", "--no-fund"][..],
            &[][..],
            user_scope,
        ),
        (
            "yarn-classic",
            &yarn,
            &["install", "--non-interactive", "--no-lockfile"][..],
            &[][..],
            user_scope,
        ),
        ("yarn", &berry, &["install"][..], berry_env, user_scope),
        // The project's own .yarnrc.yml, as yarn berry projects usually carry their registry.
        (
            "yarn",
            &berry,
            &["install"][..],
            berry_env,
            &["--scope", "project"][..],
        ),
        (
            "pnpm",
            &pnpm,
            &["install", "--no-lockfile", "--config.node-linker=hoisted"][..],
            &[][..],
            user_scope,
        ),
    ] {
        let user = User::new(&mock);
        let project = user.home().join("project");
        std::fs::create_dir_all(&project).unwrap();
        std::fs::write(
            project.join("package.json"),
            json!({"name": "consumer", "version": "1.0.0", "private": true,
                   "dependencies": {"@dp/right": "^1.0.0"}})
            .to_string(),
        )
        .unwrap();
        user.login(tool, "app", scope, &project);
        if !scope.is_empty() {
            assert!(project.join(".yarnrc.yml").exists(), "{tool} {scope:?}");
            assert!(
                !user.home().join(".yarnrc.yml").exists(),
                "{tool} {scope:?}"
            );
        }
        // What login wrote is all the tool gets: yarn 1 needs `always-auth` for unscoped
        // packages, and `login --tool yarn-classic` writes it; yarn berry needs the mock's
        // plain-http host in `unsafeHttpWhitelist`, and `login --tool yarn` writes it.
        let mut cmd = user.command(bin);
        cmd.envs(env.iter().copied())
            .env("YARN_GLOBAL_FOLDER", user.home().join("yarn-global"));
        user.run(
            cmd.args(args).current_dir(&project),
            &format!("{tool} {scope:?} install"),
        );
        assert_eq!(
            installed_version(&project, "@dp/right"),
            "1.0.0",
            "{tool} {scope:?}"
        );
        assert_eq!(
            installed_version(&project, "dp-left"),
            "1.0.0",
            "{tool} {scope:?}"
        );
    }

    // Both packages were retained in `app` (and only there: `mid` was just on the way).
    let listed = admin.ca(&["list-packages", "--domain", DOMAIN, "--repository", "app"]);
    let mut names: Vec<String> = listed["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            format!(
                "{}/{}",
                p["namespace"].as_str().unwrap_or(""),
                p["package"].as_str().unwrap()
            )
        })
        .collect();
    names.sort();
    assert_eq!(names, ["/dp-left", "dp/right"]);

    // The control plane sees what the manifest said.
    let common_args = [
        "--domain",
        DOMAIN,
        "--repository",
        "up",
        "--format",
        "npm",
        "--namespace",
        "dp",
        "--package",
        "right",
        "--package-version",
        "1.0.0",
    ];
    let described = admin.ca(&[&["describe-package-version"][..], &common_args].concat());
    let v = &described["packageVersion"];
    assert_eq!(v["summary"], "the scoped one");
    assert_eq!(v["licenses"][0]["name"], "ISC");
    assert_eq!(v["status"], "Published");
    assert!(v["publishedTime"].is_string(), "{v}");
    let assets = admin.ca(&[&["list-package-version-assets"][..], &common_args].concat());
    assert_eq!(assets["assets"][0]["name"], "package.tgz");
    assert_eq!(
        assets["assets"][0]["hashes"]["SHA-256"]
            .as_str()
            .unwrap()
            .len(),
        64
    );
    let readme = admin.ca(&[&["get-package-version-readme"][..], &common_args].concat());
    assert!(
        readme["readme"].as_str().unwrap().contains("Scoped."),
        "{readme}"
    );
    let deps = admin.ca(&[&["list-package-version-dependencies"][..], &common_args].concat());
    assert_eq!(deps["dependencies"][0]["package"], "dp-left");
    assert_eq!(deps["dependencies"][0]["dependencyType"], "regular");
    assert_eq!(deps["dependencies"][0]["versionRequirement"], "^1.0.0");
}
