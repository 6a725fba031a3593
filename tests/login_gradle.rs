//! Gradle (Debian 12's 4.4.1, on the machine's Java 17) publishes to and resolves from the
//! emulator's Maven repositories with what `codeartifact login --tool gradle` wrote:
//! `gradle.properties` (codeartifactUrl, codeartifactToken), which the publishing build reads as
//! AWS's Gradle instructions do, and the init script, which adds the repository to every build
//! for resolution. Publishing uses the `maven` plugin rather than `maven-publish`: see the
//! comment at the build script for the Debian packaging gap it works around. Gradle runs with GRADLE_USER_HOME at the user's ~/.gradle, where login wrote
//! (Java takes `user.home` from the password database, not from HOME).

mod common;
mod dataplane_support;

use std::path::Path;
use std::process::Command;

use dataplane_support::*;

/// `gradle TASK` as `user`, with the Gradle home login wrote to.
fn gradle(user: &User, project: &Path, task: &str) -> Command {
    let mut cmd = user.command(client("gradle"));
    let home = user.home();
    cmd.args(["--no-daemon", "-q", "--console=plain", task])
        .current_dir(project)
        .env("GRADLE_USER_HOME", home.join(".gradle"))
        .env("GRADLE_OPTS", format!("-Duser.home={}", home.display()));
    cmd
}

#[test]
fn gradle_publishes_and_resolves_with_what_login_wrote() {
    let (mock, admin) = mock_with(&[("up", &[]), ("app", &["up"])]);

    // Publisher: uploads to the URL with the token from gradle.properties.
    let publisher = User::new(&mock);
    publisher.login("gradle", "up", &[], publisher.home());
    let props =
        std::fs::read_to_string(publisher.home().join(".gradle/gradle.properties")).unwrap();
    assert!(props.contains(&format!(
        "codeartifactUrl={}",
        endpoint(&mock, "maven", "up")
    )));
    let lib = publisher.home().join("lib");
    std::fs::create_dir_all(&lib).unwrap();
    std::fs::write(
        lib.join("settings.gradle"),
        "rootProject.name = 'gradle-lib'\n",
    )
    .unwrap();
    std::fs::write(lib.join("gradle-lib.jar"), b"PK not really a jar").unwrap();
    // Debian's Gradle 4.4.1 leaves Maven Resolver's wagon transporter off the classpath of
    // its publishing plugins (`maven-publish` fails with "No transporter factories
    // registered"); the `maven` plugin's deployerJars configuration is Gradle's own way to add
    // transport jars, and Debian ships the missing one.
    std::fs::write(
        lib.join("build.gradle"),
        "apply plugin: 'maven'\n\
         group = 'com.example.gradle'\n\
         version = '1.0.0'\n\
         configurations { archives; deployerJars }\n\
         dependencies { deployerJars files('/usr/share/java/maven-resolver-transport-wagon.jar') }\n\
         artifacts { archives file('gradle-lib.jar') }\n\
         uploadArchives {\n\
           repositories {\n\
             mavenDeployer {\n\
               configuration = configurations.deployerJars\n\
               repository(url: codeartifactUrl) {\n\
                 authentication(userName: 'aws', password: codeartifactToken)\n\
               }\n\
             }\n\
           }\n\
         }\n",
    )
    .unwrap();
    publisher.run(
        &mut gradle(&publisher, &lib, "uploadArchives"),
        "gradle uploadArchives",
    );
    let v = admin.ca(&[
        "describe-package-version",
        "--domain",
        DOMAIN,
        "--repository",
        "up",
        "--format",
        "maven",
        "--namespace",
        "com.example.gradle",
        "--package",
        "gradle-lib",
        "--package-version",
        "1.0.0",
    ]);
    assert_eq!(v["packageVersion"]["status"], "Published");

    // Consumer: no repository in the build at all; the init script login wrote adds `app`
    // (app -> up) with the token, and the dependency resolves through it.
    let consumer = User::new(&mock);
    consumer.login("gradle", "app", &[], consumer.home());
    assert!(
        consumer
            .home()
            .join(".gradle/init.d/codeartifact.gradle")
            .exists()
    );
    let app = consumer.home().join("app");
    std::fs::create_dir_all(&app).unwrap();
    std::fs::write(app.join("settings.gradle"), "rootProject.name = 'app'\n").unwrap();
    std::fs::write(
        app.join("build.gradle"),
        "configurations { deps }\n\
         dependencies { deps 'com.example.gradle:gradle-lib:1.0.0' }\n\
         task resolve { doLast { configurations.deps.files.each { println 'RESOLVED ' + it.name } } }\n",
    )
    .unwrap();
    let out = consumer.run(&mut gradle(&consumer, &app, "resolve"), "gradle resolve");
    assert!(out.contains("RESOLVED gradle-lib-1.0.0.jar"), "{out}");
    let kept = admin.ca(&[
        "list-package-versions",
        "--domain",
        DOMAIN,
        "--repository",
        "app",
        "--format",
        "maven",
        "--namespace",
        "com.example.gradle",
        "--package",
        "gradle-lib",
    ]);
    assert_eq!(kept["versions"][0]["version"], "1.0.0");
}
