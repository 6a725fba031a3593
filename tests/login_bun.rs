//! bun (the npm registry's `@oven/bun-linux-x64` binary, installed by .ci/install-clients.sh)
//! installs from the emulator through exactly what `codeartifact login --tool bun` wrote: the
//! user's bunfig (`[install] registry = { url, token }`) for an unscoped package, and a
//! project's `bunfig.toml` (`--scope project --namespace`, `[install.scopes]`) for a scoped one.
//! The packages are published by the real npm client, configured by `login --tool npm`.

mod common;
mod dataplane_support;

use std::path::Path;

use dataplane_support::*;
use serde_json::json;

fn write_package(dir: &Path, manifest: serde_json::Value) {
    std::fs::create_dir_all(dir).unwrap();
    let name = manifest["name"].as_str().unwrap().to_string();
    std::fs::write(dir.join("package.json"), manifest.to_string()).unwrap();
    std::fs::write(
        dir.join("index.js"),
        format!("module.exports = {name:?};\n"),
    )
    .unwrap();
}

/// `bun install` as `user` in `project`, with its caches in the user's HOME and nothing
/// reported anywhere.
fn bun_install(user: &User, project: &Path) -> String {
    let bun = client(".ci/bun/node_modules/@oven/bun-linux-x64/bin/bun");
    user.run(
        user.command(bun)
            .arg("install")
            .arg("--no-progress")
            .current_dir(project)
            .env("BUN_INSTALL_CACHE_DIR", user.home().join("bun-cache"))
            .env("DO_NOT_TRACK", "1"),
        "bun install",
    )
}

#[test]
fn bun_installs_scoped_and_unscoped_packages_with_what_login_wrote() {
    let npm = client("npm");
    let (mock, _admin) = mock_with(&[("up", &[]), ("app", &["up"])]);

    let publisher = User::new(&mock);
    let work = publisher.home().join("work");
    std::fs::create_dir_all(&work).unwrap();
    publisher.login("npm", "up", &[], &work);
    for manifest in [
        json!({"name": "bun-left", "version": "1.2.0", "main": "index.js", "license": "MIT"}),
        json!({"name": "@acme/bun-right", "version": "2.0.0", "main": "index.js",
               "license": "MIT", "dependencies": {"@acme/bun-dep": "^0.1.0"}}),
        json!({"name": "@acme/bun-dep", "version": "0.1.3", "main": "index.js", "license": "MIT"}),
    ] {
        let dir = work.join(manifest["name"].as_str().unwrap().replace('/', "-"));
        write_package(&dir, manifest);
        publisher.run(
            publisher
                .command(&npm)
                .args(["publish", "--access", "public"])
                .current_dir(&dir),
            "npm publish",
        );
    }

    // Unscoped, through the user's bunfig (login's default scope), from `app` (app -> up).
    let user = User::new(&mock);
    let project = user.home().join("unscoped");
    std::fs::create_dir_all(&project).unwrap();
    user.login("bun", "app", &[], &project);
    let bunfig = user.home().join(".config/.bunfig.toml");
    let text = std::fs::read_to_string(&bunfig).expect("login wrote the user's bunfig");
    assert!(text.contains(&endpoint(&mock, "npm", "app")), "{text}");
    std::fs::write(
        project.join("package.json"),
        json!({"name": "consumer", "private": true, "dependencies": {"bun-left": "^1.0.0"}})
            .to_string(),
    )
    .unwrap();
    bun_install(&user, &project);
    assert_eq!(installed_version(&project, "bun-left"), "1.2.0");

    // Scoped, through the project's bunfig.toml only (`--scope project --namespace acme`):
    // the scoped package and its scoped dependency resolve from the repository.
    let other = User::new(&mock);
    let project = other.home().join("scoped");
    std::fs::create_dir_all(&project).unwrap();
    other.login(
        "bun",
        "app",
        &["--scope", "project", "--namespace", "acme"],
        &project,
    );
    assert!(project.join("bunfig.toml").exists());
    assert!(!other.home().join(".config/.bunfig.toml").exists());
    std::fs::write(
        project.join("package.json"),
        json!({"name": "consumer", "private": true,
               "dependencies": {"@acme/bun-right": "2.0.0"}})
        .to_string(),
    )
    .unwrap();
    bun_install(&other, &project);
    assert_eq!(installed_version(&project, "@acme/bun-right"), "2.0.0");
    assert_eq!(installed_version(&project, "@acme/bun-dep"), "0.1.3");

    // Without login's token the repository refuses bun (the install fails, nothing is
    // fetched): the token in the bunfig is what authenticated it.
    let stranger = User::new(&mock);
    let project = stranger.home().join("nologin");
    std::fs::create_dir_all(&project).unwrap();
    std::fs::write(
        project.join("bunfig.toml"),
        format!(
            "[install]\nregistry = \"{}\"\n",
            endpoint(&mock, "npm", "app")
        ),
    )
    .unwrap();
    std::fs::write(
        project.join("package.json"),
        json!({"name": "c", "private": true, "dependencies": {"bun-left": "1.2.0"}}).to_string(),
    )
    .unwrap();
    let out = stranger
        .command(client(".ci/bun/node_modules/@oven/bun-linux-x64/bin/bun"))
        .args(["install", "--no-progress"])
        .current_dir(&project)
        .env("BUN_INSTALL_CACHE_DIR", stranger.home().join("bun-cache"))
        .env("DO_NOT_TRACK", "1")
        .output()
        .unwrap();
    assert!(!out.status.success(), "bun installed without a token");
    assert!(!project.join("node_modules/bun-left").exists());
}
