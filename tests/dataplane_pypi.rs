//! twine, pip, uv and poetry against `codeartifact mock serve`, configured by
//! `codeartifact login`: a wheel and an sdist built here (setuptools, no network) are uploaded
//! with twine to one repository, then installed with pip, uv and poetry through a downstream
//! repository.

mod common;
mod dataplane_support;

use dataplane_support::*;

#[test]
fn twine_uploads_then_pip_uv_and_poetry_install_from_the_simple_index() {
    let twine = client(".ci/pyclients/bin/twine");
    let poetry = client(".ci/pyclients/bin/poetry");
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

    // poetry: login writes the repository URL (config.toml) and its credentials (auth.toml) in
    // poetry's configuration folder, which XDG_CONFIG_HOME puts in the temp HOME for both login
    // and poetry. Installing from a source is declared by the project itself (poetry reads
    // sources only from pyproject.toml), under the name login gave the credentials; a primary
    // source also turns off the implicit PyPI source, so nothing goes past loopback.
    let poetry_user = User::new(&mock);
    let project = poetry_user.home().join("project");
    std::fs::create_dir_all(&project).unwrap();
    poetry_user.login("poetry", "app", &[], &project);
    // config.toml holds the repository's own URL (what `poetry publish -r codeartifact` uploads
    // to, and a prefix of the simple index for credential lookups); installs read /simple/.
    let repo_url = endpoint(&mock, "pypi", "app");
    let url = format!("{repo_url}simple/");
    let config_dir = poetry_user.home().join(".config/pypoetry");
    let config: toml_edit::DocumentMut = std::fs::read_to_string(config_dir.join("config.toml"))
        .expect("login wrote poetry's config.toml")
        .parse()
        .unwrap();
    assert_eq!(
        config["repositories"]["codeartifact"]["url"].as_str(),
        Some(repo_url.as_str()),
        "{config}"
    );
    std::fs::write(
        project.join("pyproject.toml"),
        format!(
            "[project]\nname = \"consumer\"\nversion = \"0.1.0\"\nrequires-python = \">=3.8\"\n\
             dependencies = [\"dp-snake==1.0\"]\n\n[tool.poetry]\npackage-mode = false\n\n\
             [[tool.poetry.source]]\nname = \"codeartifact\"\nurl = {url:?}\npriority = \"primary\"\n"
        ),
    )
    .unwrap();
    let venvs = poetry_user.home().join("venvs");
    poetry_user.run(
        poetry_user
            .command(&poetry)
            .args(["install", "--no-interaction", "--no-ansi"])
            .current_dir(&project)
            .env("POETRY_CACHE_DIR", poetry_user.home().join("poetry-cache"))
            .env("POETRY_VIRTUALENVS_PATH", &venvs)
            // The password must come from auth.toml, not from a keyring on this machine (and a
            // headless keyring backend can block on D-Bus).
            .env("POETRY_KEYRING_ENABLED", "false")
            .env("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring"),
        "poetry install",
    );
    let lock = std::fs::read_to_string(project.join("poetry.lock")).expect("poetry.lock");
    for name in ["dp-snake", "dp-tail"] {
        assert!(lock.contains(&format!("name = \"{name}\"")), "{lock}");
    }
    // poetry locks the source's URL without its trailing slash.
    let locked = format!("url = {:?}", url.trim_end_matches('/'));
    assert_eq!(
        lock.matches(&locked).count(),
        2,
        "both from our source:\n{lock}"
    );
    let site: Vec<_> = std::fs::read_dir(&venvs)
        .expect("poetry created its virtualenv under POETRY_VIRTUALENVS_PATH")
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(site.len(), 1, "{site:?}");
    let lib = site[0].join("lib");
    let py = std::fs::read_dir(&lib)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert!(py.join("site-packages/dp_snake/__init__.py").exists());
    assert!(py.join("site-packages/dp_tail/__init__.py").exists());

    // config.toml's URL is also the upload target: `poetry publish -r codeartifact` with the
    // same login, from a poetry-core project built in-process (no build isolation, no index).
    let verse = poetry_user.home().join("verse");
    std::fs::create_dir_all(verse.join("dp_verse")).unwrap();
    std::fs::write(verse.join("dp_verse/__init__.py"), "NAME = \"dp-verse\"\n").unwrap();
    std::fs::write(
        verse.join("pyproject.toml"),
        "[project]\nname = \"dp-verse\"\nversion = \"2.0\"\ndescription = \"Built by poetry\"\n\
         requires-python = \">=3.8\"\n\n[build-system]\nrequires = [\"poetry-core>=2\"]\n\
         build-backend = \"poetry.core.masonry.api\"\n",
    )
    .unwrap();
    poetry_user.run(
        poetry_user
            .command(&poetry)
            .args([
                "publish",
                "--build",
                "--no-interaction",
                "--no-ansi",
                "-r",
                "codeartifact",
            ])
            .current_dir(&verse)
            .env("POETRY_CACHE_DIR", poetry_user.home().join("poetry-cache"))
            .env("POETRY_KEYRING_ENABLED", "false")
            .env("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring"),
        "poetry publish",
    );
    let published = admin.ca(&[
        "describe-package-version",
        "--domain",
        DOMAIN,
        "--repository",
        "app",
        "--format",
        "pypi",
        "--package",
        "dp-verse",
        "--package-version",
        "2.0",
    ]);
    assert_eq!(
        published["packageVersion"]["summary"], "Built by poetry",
        "{published}"
    );

    // The same with the repository in the project (`--scope project`: ./poetry.toml) and poetry's
    // folder moved by POETRY_CONFIG_DIR (auth.toml there): nothing in the user's config folder.
    let scoped_user = User::new(&mock);
    let conf = scoped_user.home().join("poetry-conf");
    let lyric = scoped_user.home().join("lyric");
    std::fs::create_dir_all(lyric.join("dp_lyric")).unwrap();
    std::fs::write(lyric.join("dp_lyric/__init__.py"), "NAME = \"dp-lyric\"\n").unwrap();
    std::fs::write(
        lyric.join("pyproject.toml"),
        "[project]\nname = \"dp-lyric\"\nversion = \"1.0\"\ndescription = \"Project-scoped\"\n\
         requires-python = \">=3.8\"\n\n[build-system]\nrequires = [\"poetry-core>=2\"]\n\
         build-backend = \"poetry.core.masonry.api\"\n",
    )
    .unwrap();
    scoped_user.run(
        scoped_user
            .command(env!("CARGO_BIN_EXE_codeartifact"))
            .args([
                "login",
                "--tool",
                "poetry",
                "--domain",
                DOMAIN,
                "--repository",
                "app",
            ])
            .args(["--scope", "project", "--endpoint-url", &mock.url])
            .current_dir(&lyric)
            .env("POETRY_CONFIG_DIR", &conf),
        "login --tool poetry --scope project",
    );
    assert!(lyric.join("poetry.toml").exists());
    assert!(conf.join("auth.toml").exists());
    assert!(!scoped_user.home().join(".config/pypoetry").exists());
    scoped_user.run(
        scoped_user
            .command(&poetry)
            .args(["publish", "--build", "--no-interaction", "--no-ansi"])
            .args(["-r", "codeartifact"])
            .current_dir(&lyric)
            .env("POETRY_CONFIG_DIR", &conf)
            .env("POETRY_CACHE_DIR", scoped_user.home().join("poetry-cache"))
            .env("POETRY_KEYRING_ENABLED", "false")
            .env("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring"),
        "poetry publish (project scope)",
    );
    let published = admin.ca(&[
        "describe-package-version",
        "--domain",
        DOMAIN,
        "--repository",
        "app",
        "--format",
        "pypi",
        "--package",
        "dp-lyric",
        "--package-version",
        "1.0",
    ]);
    assert_eq!(published["packageVersion"]["summary"], "Project-scoped");

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
    // Retained downstream by the installs, beside poetry's own two uploads.
    let listed = admin.ca(&["list-packages", "--domain", DOMAIN, "--repository", "app"]);
    let mut names: Vec<&str> = listed["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["package"].as_str().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["dp-lyric", "dp-snake", "dp-tail", "dp-verse"],
        "{listed}"
    );
}
