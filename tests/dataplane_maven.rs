//! mvn against `codeartifact mock serve`, configured by `codeartifact login --tool maven`:
//! `deploy-file` (Debian's offline maven-deploy-plugin 3.0.0) of a parent POM, a jar and a
//! SNAPSHOT, then a project whose `<parent>` resolves through a downstream repository.
//!
//! Maven never reaches the internet here: `central` is mirrored to Debian's
//! /usr/share/maven-repo (where the deploy plugin and its dependencies live), the local
//! repository is fresh, and the only other repository is the mock.

mod common;
mod dataplane_support;

use std::path::Path;

use dataplane_support::*;
use sha1::Digest;

#[test]
fn mvn_deploys_then_a_child_project_resolves_its_parent_through_an_upstream() {
    let (mock, admin) = mock_with(&[("up", &[]), ("app", &["up"])]);
    let publisher = User::new(&mock);
    let work = publisher.home().join("work");
    std::fs::create_dir_all(&work).unwrap();
    publisher.login("maven", "up", &[], &work);
    let url = endpoint(&mock, "maven", "up");
    let deploy = |args: &[String]| {
        publisher.run(
            mvn(&publisher)
                .arg(DEPLOY)
                .args(args)
                .arg("-DrepositoryId=codeartifact")
                .arg(format!("-Durl={url}"))
                .current_dir(&work),
            &format!("mvn deploy-file {args:?}"),
        )
    };

    let parent = work.join("parent.pom");
    std::fs::write(
        &parent,
        r#"<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example.dp</groupId>
  <artifactId>parent</artifactId>
  <version>1.0</version>
  <packaging>pom</packaging>
  <name>DP parent</name>
  <description>The parent of the data-plane tests</description>
  <url>https://example.com/parent</url>
  <licenses><license><name>Apache-2.0</name><url>https://www.apache.org/licenses/LICENSE-2.0</url></license></licenses>
  <dependencies><dependency><groupId>com.example.dp</groupId><artifactId>lib</artifactId><version>2.1</version></dependency></dependencies>
</project>
"#,
    )
    .unwrap();
    deploy(&[
        format!("-Dfile={}", parent.display()),
        format!("-DpomFile={}", parent.display()),
    ]);
    let lib = jar(&work.join("lib"), "lib.jar", "release");
    let lib_args = |version: &str, file: &Path| {
        vec![
            format!("-Dfile={}", file.display()),
            "-DgroupId=com.example.dp".to_string(),
            "-DartifactId=lib".to_string(),
            format!("-Dversion={version}"),
            "-Dpackaging=jar".to_string(),
        ]
    };
    deploy(&lib_args("2.1", &lib));
    // Two deploys of one SNAPSHOT: two timestamped builds of one version.
    deploy(&lib_args(
        "2.2-SNAPSHOT",
        &jar(&work.join("s1"), "lib.jar", "snapshot 1"),
    ));
    deploy(&lib_args(
        "2.2-SNAPSHOT",
        &jar(&work.join("s2"), "lib.jar", "snapshot 2"),
    ));

    // The consumer's project has its parent in the repository, reached through `app`.
    let consumer = User::new(&mock);
    let project = consumer.home().join("project");
    std::fs::create_dir_all(&project).unwrap();
    consumer.login("maven", "app", &[], &project);
    std::fs::write(
        project.join("pom.xml"),
        r#"<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent><groupId>com.example.dp</groupId><artifactId>parent</artifactId><version>1.0</version></parent>
  <artifactId>child</artifactId>
  <packaging>pom</packaging>
</project>
"#,
    )
    .unwrap();
    consumer.run(
        mvn(&consumer).arg("validate").current_dir(&project),
        "mvn validate",
    );
    assert!(
        consumer
            .home()
            .join("m2-local/com/example/dp/parent/1.0/parent-1.0.pom")
            .exists(),
        "the parent POM was not downloaded"
    );

    // Through the downstream repository: generated metadata, computed checksums, the jar.
    let token = consumer.token();
    let auth = bearer(&token);
    let app = endpoint_path("maven", "app");
    let (status, _, body) = authed(
        &mock,
        "GET",
        &format!("{app}com/example/dp/lib/2.1/lib-2.1.jar"),
        Some(&auth),
        b"",
    );
    assert_eq!(status, 200);
    assert_eq!(body, std::fs::read(&lib).unwrap());
    let (status, _, sha1) = authed(
        &mock,
        "GET",
        &format!("{app}com/example/dp/lib/2.1/lib-2.1.jar.sha1"),
        Some(&auth),
        b"",
    );
    assert_eq!(status, 200);
    assert_eq!(
        String::from_utf8(sha1).unwrap(),
        hex::encode(sha1::Sha1::digest(&body))
    );
    let up = endpoint_path("maven", "up");
    let (status, _, meta) = authed(
        &mock,
        "GET",
        &format!("{up}com/example/dp/lib/maven-metadata.xml"),
        Some(&auth),
        b"",
    );
    assert_eq!(status, 200);
    let meta = String::from_utf8(meta).unwrap();
    assert!(
        meta.contains("<version>2.1</version>") && meta.contains("<version>2.2-SNAPSHOT</version>"),
        "{meta}"
    );
    assert!(meta.contains("<release>2.1</release>"), "{meta}");
    let (status, _, snap) = authed(
        &mock,
        "GET",
        &format!("{up}com/example/dp/lib/2.2-SNAPSHOT/maven-metadata.xml"),
        Some(&auth),
        b"",
    );
    assert_eq!(status, 200);
    assert!(
        String::from_utf8(snap)
            .unwrap()
            .contains("<buildNumber>2</buildNumber>")
    );

    // The control plane: the parent's POM metadata, a jar's assets.
    let args = [
        "--domain",
        DOMAIN,
        "--repository",
        "up",
        "--format",
        "maven",
        "--namespace",
        "com.example.dp",
        "--package",
        "parent",
        "--package-version",
        "1.0",
    ];
    let v = &admin.ca(&[&["describe-package-version"][..], &args].concat())["packageVersion"];
    assert_eq!(v["status"], "Published");
    assert_eq!(v["displayName"], "DP parent");
    assert_eq!(v["summary"], "The parent of the data-plane tests");
    assert_eq!(v["homePage"], "https://example.com/parent");
    assert_eq!(v["licenses"][0]["name"], "Apache-2.0");
    let deps = admin.ca(&[&["list-package-version-dependencies"][..], &args].concat());
    assert_eq!(deps["dependencies"][0]["namespace"], "com.example.dp");
    assert_eq!(deps["dependencies"][0]["package"], "lib");
    let lib_args = [
        "--domain",
        DOMAIN,
        "--repository",
        "up",
        "--format",
        "maven",
        "--namespace",
        "com.example.dp",
        "--package",
        "lib",
        "--package-version",
        "2.1",
    ];
    let assets = admin.ca(&[&["list-package-version-assets"][..], &lib_args].concat());
    let names: Vec<&str> = assets["assets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["lib-2.1.jar", "lib-2.1.pom"]);
}
