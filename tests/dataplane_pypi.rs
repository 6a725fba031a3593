//! twine, pip and uv against `codeartifact mock serve`, configured by `codeartifact login`:
//! a wheel and an sdist built here (setuptools, no network) are uploaded with twine to one
//! repository, then installed with pip and uv through a downstream repository.

mod common;
mod dataplane_support;

use std::path::Path;

use dataplane_support::*;

/// A setuptools project, built into `dir/dist` as a wheel and an sdist.
fn build_project(user: &User, dir: &Path, name: &str, version: &str, deps: &[&str]) {
    let module = name.replace('-', "_");
    std::fs::create_dir_all(dir.join(&module)).unwrap();
    std::fs::write(
        dir.join(&module).join("__init__.py"),
        format!("NAME = {name:?}\n"),
    )
    .unwrap();
    std::fs::write(
        dir.join("README.md"),
        format!("# {name}\n\nA test project.\n"),
    )
    .unwrap();
    let deps = deps
        .iter()
        .map(|d| format!("{d:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    std::fs::write(
        dir.join("pyproject.toml"),
        format!(
            "[build-system]\nrequires = [\"setuptools>=61\"]\nbuild-backend = \"setuptools.build_meta\"\n\n\
             [project]\nname = {name:?}\nversion = {version:?}\ndescription = \"The {name} test project\"\n\
             readme = \"README.md\"\nrequires-python = \">=3.8\"\ndependencies = [{deps}]\n\
             license = {{text = \"MIT\"}}\n\n[project.urls]\nHomepage = \"https://example.com/{name}\"\n\n\
             [tool.setuptools]\npackages = [{module:?}]\n"
        ),
    )
    .unwrap();
    let python = client(".ci/pyclients/bin/python");
    // No isolation: the build backend comes from the clients' virtualenv, not from an index.
    user.run(
        user.command(python)
            .args([
                "-m",
                "build",
                "--no-isolation",
                "--sdist",
                "--wheel",
                "--outdir",
                "dist",
                ".",
            ])
            .current_dir(dir),
        &format!("build {name}"),
    );
}

#[test]
fn twine_uploads_then_pip_and_uv_install_from_the_simple_index() {
    let twine = client(".ci/pyclients/bin/twine");
    let pip = client(".ci/pyclients/bin/pip");
    let uv = client(".ci/pyclients/bin/uv");
    let python = client(".ci/pyclients/bin/python");
    let (mock, admin) = mock_with(&[("up", &[]), ("app", &["up"])]);

    let publisher = User::new(&mock);
    let work = publisher.home().join("work");
    std::fs::create_dir_all(&work).unwrap();
    publisher.login("twine", "up", &[], &work);
    build_project(&publisher, &work.join("tail"), "dp-tail", "0.1", &[]);
    build_project(
        &publisher,
        &work.join("snake"),
        "dp-snake",
        "1.0",
        &["dp-tail>=0.1"],
    );
    for project in ["tail", "snake"] {
        let dist = work.join(project).join("dist");
        let files: Vec<_> = std::fs::read_dir(&dist)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(files.len(), 2, "a wheel and an sdist: {files:?}");
        publisher.run(
            publisher
                .command(&twine)
                .args([
                    "upload",
                    "--non-interactive",
                    "--disable-progress-bar",
                    "--repository",
                    "codeartifact",
                ])
                .args(&files),
            &format!("twine upload {project}"),
        );
    }

    // pip, through `app` (empty itself).
    let pip_user = User::new(&mock);
    pip_user.login("pip", "app", &[], pip_user.home());
    let target = pip_user.home().join("site");
    pip_user.run(
        pip_user
            .command(&pip)
            .args(["install", "--no-cache-dir", "--target"])
            .arg(&target)
            .arg("dp-snake==1.0"),
        "pip install",
    );
    assert!(target.join("dp_snake/__init__.py").exists());
    assert!(target.join("dp_tail/__init__.py").exists());

    // uv, in its own fresh HOME and cache.
    let uv_user = User::new(&mock);
    uv_user.login("uv", "app", &[], uv_user.home());
    let target = uv_user.home().join("site");
    uv_user.run(
        uv_user
            .command(&uv)
            .args(["pip", "install", "--no-cache", "--python"])
            .arg(&python)
            .arg("--target")
            .arg(&target)
            .arg("dp-snake==1.0"),
        "uv pip install",
    );
    assert!(target.join("dp_snake/__init__.py").exists());
    assert!(target.join("dp_tail/__init__.py").exists());

    // What the uploads told the control plane.
    let args = [
        "--domain",
        DOMAIN,
        "--repository",
        "up",
        "--format",
        "pypi",
        "--package",
        "dp-snake",
        "--package-version",
        "1.0",
    ];
    let v = &admin.ca(&[&["describe-package-version"][..], &args].concat())["packageVersion"];
    assert_eq!(v["summary"], "The dp-snake test project");
    assert_eq!(v["homePage"], "https://example.com/dp-snake");
    assert_eq!(v["licenses"][0]["name"], "MIT");
    assert_eq!(v["status"], "Published");
    let assets = admin.ca(&[&["list-package-version-assets"][..], &args].concat());
    let mut names: Vec<&str> = assets["assets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    names.sort();
    // setuptools spells the sdist's name `dp-snake` or `dp_snake` depending on its version.
    assert_eq!(names.len(), 2, "{names:?}");
    assert_eq!(names[1], "dp_snake-1.0-py3-none-any.whl");
    assert!(names[0].ends_with("-1.0.tar.gz"), "{names:?}");
    let readme = admin.ca(&[&["get-package-version-readme"][..], &args].concat());
    assert!(
        readme["readme"]
            .as_str()
            .unwrap()
            .contains("A test project."),
        "{readme}"
    );
    let deps = admin.ca(&[&["list-package-version-dependencies"][..], &args].concat());
    assert_eq!(deps["dependencies"][0]["package"], "dp-tail");
    assert_eq!(deps["dependencies"][0]["versionRequirement"], ">=0.1");
    // Retained downstream by the installs.
    let listed = admin.ca(&["list-packages", "--domain", DOMAIN, "--repository", "app"]);
    assert_eq!(listed["packages"].as_array().unwrap().len(), 2, "{listed}");
}
