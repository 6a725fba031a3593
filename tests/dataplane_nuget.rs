//! NuGet v3 against `codeartifact mock serve`, at the wire level: no .NET runtime can be
//! installed here, so these tests send what `dotnet restore`, `dotnet nuget push` and nuget.exe
//! send, as NuGet's protocol documentation and NuGet.Client describe it (service index first,
//! credentials only after the 401 challenge, the push as a chunked multipart `PUT` with the
//! package in a `package` part), with the source and credentials `codeartifact login --tool
//! nuget` wrote to NuGet.Config. Packages are zip files written by Python's zipfile.

mod common;
mod dataplane_support;

use base64::Engine;
use dataplane_support::*;
use serde_json::Value;

/// The source URL and password `login` wrote to NuGet.Config, as NuGet reads them.
fn nuget_config(user: &User) -> (String, String) {
    let text =
        std::fs::read_to_string(user.home().join(".nuget/NuGet/NuGet.Config")).expect("config");
    let attr_after = |marker: &str| -> String {
        let at = text
            .find(marker)
            .unwrap_or_else(|| panic!("{marker} in {text}"));
        let rest = &text[at + marker.len()..];
        rest[..rest.find('"').unwrap()].to_string()
    };
    let source = text
        .split("value=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .find(|v| v.ends_with("/v3/index.json"))
        .expect("a v3 source")
        .to_string();
    (source, attr_after("key=\"ClearTextPassword\" value=\""))
}

fn basic(password: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("aws:{password}"))
    )
}

/// The path part of an absolute URL on the mock.
fn path_of(mock: &Mock, url: &str) -> String {
    url.strip_prefix(&mock.url)
        .expect("a URL on the mock")
        .to_string()
}

fn nuspec(id: &str, version: &str, deps: &str) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
  <metadata>
    <id>{id}</id>
    <version>{version}</version>
    <authors>Contoso</authors>
    <license type="expression">MIT</license>
    <projectUrl>https://example.com/{id}</projectUrl>
    <repository type="git" url="https://example.com/{id}.git" />
    <description>{id} does useful things</description>
    <tags>contoso tools</tags>
    <dependencies>{deps}</dependencies>
  </metadata>
</package>"#
    )
    .into_bytes()
}

/// A .nupkg as `dotnet pack` lays it out: the nuspec at the root, OPC parts, a library.
fn nupkg(id: &str, version: &str, deps: &str) -> Vec<u8> {
    zip_archive(&[
        ("_rels/.rels", b"<Relationships/>"),
        (&format!("{id}.nuspec"), &nuspec(id, version, deps)),
        ("lib/net8.0/lib.dll", b"MZ not really a dll"),
        ("[Content_Types].xml", b"<Types/>"),
    ])
}

/// The multipart body NuGet's PackageUpdateResource sends.
fn push_body(package: &[u8]) -> (Vec<u8>, String) {
    let b = "nugetBoundary-7e1f";
    let mut body = format!(
        "--{b}\r\nContent-Type: application/octet-stream\r\n\
         Content-Disposition: form-data; name=package; filename=package.nupkg; filename*=utf-8''package.nupkg\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(package);
    body.extend_from_slice(format!("\r\n--{b}--\r\n").as_bytes());
    (body, format!("multipart/form-data; boundary=\"{b}\""))
}

/// The service index, fetched as NuGet does: without credentials first, then after the
/// challenge with them. Returns the resource URLs by type.
fn service_index(mock: &Mock, source: &str, auth: &str) -> Value {
    let index = path_of(mock, source);
    let (status, headers, _) = authed(mock, "GET", &index, None, b"");
    assert_eq!(status, 401);
    assert!(
        header(&headers, "www-authenticate").is_some_and(|c| c.starts_with("Basic realm=")),
        "{headers:?}"
    );
    let (status, _, body) = authed(mock, "GET", &index, Some(auth), b"");
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
    serde_json::from_slice(&body).unwrap()
}

fn resource(index: &Value, kind: &str) -> String {
    index["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["@type"] == kind)
        .and_then(|r| r["@id"].as_str())
        .unwrap_or_else(|| panic!("{kind} in {index}"))
        .to_string()
}

fn push(mock: &Mock, publish: &str, auth: &str, package: &[u8]) -> (u16, Vec<u8>) {
    let (body, ct) = push_body(package);
    // NuGet adds the trailing slash to the publish URL.
    let path = format!("{}/", path_of(mock, publish).trim_end_matches('/'));
    let (status, _, resp) = request_full(
        mock,
        "PUT",
        &path,
        &[("Authorization", auth), ("Content-Type", &ct)],
        &body,
        true,
    );
    (status, resp)
}

fn get_json(mock: &Mock, url: &str, auth: &str) -> (u16, Value) {
    let (status, _, body) = authed(mock, "GET", &path_of(mock, url), Some(auth), b"");
    (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
}

#[test]
fn nuget_push_restore_search_and_control_plane() {
    let (mock, admin) = mock_with(&[("up", &[]), ("app", &["up"])]);

    // The publisher's NuGet.Config from `login`, pointing at `up`.
    let publisher = User::new(&mock);
    publisher.login("nuget", "up", &[], publisher.home());
    let (source, password) = nuget_config(&publisher);
    assert_eq!(
        source,
        format!("{}v3/index.json", endpoint(&mock, "nuget", "up"))
    );
    let auth = basic(&password);
    let index = service_index(&mock, &source, &auth);
    assert_eq!(index["version"], "3.0.0");
    let publish = resource(&index, "PackagePublish/2.0.0");

    let base_pkg = nupkg("Contoso.Base", "1.0.0", "");
    let util_pkg = nupkg(
        "Contoso.Utility",
        "1.02.0.0",
        r#"<group targetFramework="net8.0"><dependency id="Contoso.Base" version="1.0.0" exclude="Build" /></group>"#,
    );
    for p in [&base_pkg, &util_pkg] {
        let (status, body) = push(&mock, &publish, &auth, p);
        assert_eq!(status, 201, "{}", String::from_utf8_lossy(&body));
    }
    // The same bytes again are accepted; other bytes for the version are a conflict (what
    // `--skip-duplicate` skips).
    assert_eq!(push(&mock, &publish, &auth, &util_pkg).0, 201);
    let other = nupkg("Contoso.Utility", "1.2.0", "");
    assert_eq!(push(&mock, &publish, &auth, &other).0, 409);
    // A package without a readable nuspec is refused with the reason.
    let (status, body) = push(&mock, &publish, &auth, b"not a zip");
    assert_eq!(status, 400);
    assert!(String::from_utf8_lossy(&body).contains("not a .nupkg"));
    // A wrong password: the challenge again.
    assert_eq!(push(&mock, &publish, &basic("wrong"), &base_pkg).0, 401);

    // The consumer restores through `app` (app -> up), as `dotnet restore` does: flat
    // container version list, then the .nupkg; ids and versions lowercased and normalised.
    let consumer = User::new(&mock);
    consumer.login("dotnet", "app", &[], consumer.home());
    let (source, password) = nuget_config(&consumer);
    let auth = basic(&password);
    let index = service_index(&mock, &source, &auth);
    let flat = resource(&index, "PackageBaseAddress/3.0.0");
    let (status, versions) = get_json(&mock, &format!("{flat}contoso.utility/index.json"), &auth);
    assert_eq!(status, 200);
    assert_eq!(versions, serde_json::json!({"versions": ["1.2.0"]}));
    let (status, _, bytes) = authed(
        &mock,
        "GET",
        &path_of(
            &mock,
            &format!("{flat}contoso.utility/1.2.0/contoso.utility.1.2.0.nupkg"),
        ),
        Some(&auth),
        b"",
    );
    assert_eq!(status, 200);
    assert_eq!(bytes, util_pkg);
    let (status, _, xml) = authed(
        &mock,
        "GET",
        &path_of(
            &mock,
            &format!("{flat}contoso.utility/1.2.0/contoso.utility.nuspec"),
        ),
        Some(&auth),
        b"",
    );
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&xml).contains("<id>Contoso.Utility</id>"));
    assert_eq!(
        get_json(&mock, &format!("{flat}contoso.missing/index.json"), &auth).0,
        404
    );

    // Registrations (`dotnet add package`, Visual Studio): the nuspec's metadata and
    // dependency groups.
    let reg = resource(&index, "RegistrationsBaseUrl/3.6.0");
    let (status, doc) = get_json(&mock, &format!("{reg}contoso.utility/index.json"), &auth);
    assert_eq!(status, 200, "{doc}");
    let entry = &doc["items"][0]["items"][0]["catalogEntry"];
    assert_eq!(entry["id"], "Contoso.Utility");
    assert_eq!(entry["version"], "1.2.0");
    assert_eq!(entry["licenseExpression"], "MIT");
    assert_eq!(entry["listed"], true);
    let group = &entry["dependencyGroups"][0];
    assert_eq!(group["targetFramework"], "net8.0");
    assert_eq!(group["dependencies"][0]["id"], "Contoso.Base");
    assert_eq!(group["dependencies"][0]["range"], "[1.0.0, )");
    let content = doc["items"][0]["items"][0]["packageContent"]
        .as_str()
        .unwrap();
    assert_eq!(
        authed(&mock, "GET", &path_of(&mock, content), Some(&auth), b"").0,
        200
    );

    // Search sees both packages through the upstream.
    let search = resource(&index, "SearchQueryService");
    let (status, hits) = get_json(&mock, &format!("{search}?q=contoso&take=10"), &auth);
    assert_eq!(status, 200);
    assert_eq!(hits["totalHits"], 2, "{hits}");
    assert_eq!(hits["data"][1]["id"], "Contoso.Utility");

    // The control plane: lowercased names, the normalised version, the nuspec's metadata,
    // dependencies by target framework, one asset named from the normalised forms.
    let packages = admin.ca(&[
        "list-packages",
        "--domain",
        DOMAIN,
        "--repository",
        "up",
        "--format",
        "nuget",
    ]);
    let names: Vec<&str> = packages["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["package"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["contoso.base", "contoso.utility"]);
    let cp = |op: &str| {
        admin.ca(&[
            op,
            "--domain",
            DOMAIN,
            "--repository",
            "up",
            "--format",
            "nuget",
            // As users spell them: the API normalises NuGet names and versions (user guide).
            "--package",
            "Contoso.Utility",
            "--package-version",
            "1.02.0.0+build.7",
        ])
    };
    let v = &cp("describe-package-version")["packageVersion"];
    assert_eq!(v["displayName"], "Contoso.Utility");
    assert_eq!(v["summary"], "Contoso.Utility does useful things");
    assert_eq!(v["homePage"], "https://example.com/Contoso.Utility");
    assert_eq!(
        v["sourceCodeRepository"],
        "https://example.com/Contoso.Utility.git"
    );
    assert_eq!(v["licenses"][0]["name"], "MIT");
    let deps = &cp("list-package-version-dependencies")["dependencies"];
    assert_eq!(deps[0]["package"], "contoso.base");
    assert_eq!(deps[0]["dependencyType"], "net8.0");
    assert_eq!(deps[0]["versionRequirement"], "[1.0.0, )");
    let assets = &cp("list-package-version-assets")["assets"];
    assert_eq!(assets[0]["name"], "contoso.utility.1.2.0.nupkg");
    assert_eq!(assets.as_array().unwrap().len(), 1);
    // The version retained in `app` when it was downloaded through it.
    let kept = admin.ca(&[
        "list-package-versions",
        "--domain",
        DOMAIN,
        "--repository",
        "app",
        "--format",
        "nuget",
        "--package",
        "contoso.utility",
    ]);
    assert_eq!(kept["versions"][0]["version"], "1.2.0");

    // `nuget delete` unlists (search and the registration say so, restore still works);
    // relisting publishes again.
    let unlist = format!("{}/Contoso.Base/1.0.0", path_of(&mock, &publish));
    assert_eq!(
        request_full(
            &mock,
            "DELETE",
            &unlist,
            &[("Authorization", &basic("not-a-token"))],
            b"",
            false
        )
        .0,
        401
    );
    let up_auth = basic(&nuget_config(&publisher).1);
    let listing = |method: &str| {
        request_full(
            &mock,
            method,
            &unlist,
            &[("Authorization", &up_auth)],
            b"",
            false,
        )
        .0
    };
    assert_eq!(listing("DELETE"), 204);
    let status = &cp_status(&admin, "up", "contoso.base")["versions"][0]["status"];
    assert_eq!(status, "Unlisted");
    let (_, hits) = get_json(&mock, &format!("{search}?q=contoso.base"), &auth);
    assert_eq!(hits["totalHits"], 0, "{hits}");
    let (_, doc) = get_json(&mock, &format!("{reg}contoso.base/index.json"), &auth);
    assert_eq!(doc["items"][0]["items"][0]["catalogEntry"]["listed"], false);
    let (status, versions) = get_json(&mock, &format!("{flat}contoso.base/index.json"), &auth);
    assert_eq!(
        (status, versions),
        (200, serde_json::json!({"versions": ["1.0.0"]}))
    );
    assert_eq!(listing("POST"), 200);
    assert_eq!(
        cp_status(&admin, "up", "contoso.base")["versions"][0]["status"],
        "Published"
    );

    // Package groups: an exact-name group with publishing blocked refuses that package only.
    admin.ca(&[
        "create-package-group",
        "--domain",
        DOMAIN,
        "--package-group",
        "/nuget//contoso.locked$",
    ]);
    admin.ca(&[
        "update-package-group-origin-configuration",
        "--domain",
        DOMAIN,
        "--package-group",
        "/nuget//contoso.locked$",
        "--restrictions",
        "PUBLISH=BLOCK",
    ]);
    assert_eq!(
        push(
            &mock,
            &publish,
            &up_auth,
            &nupkg("Contoso.Locked", "1.0.0", "")
        )
        .0,
        403
    );
    assert_eq!(
        push(
            &mock,
            &publish,
            &up_auth,
            &nupkg("Contoso.Open", "1.0.0", "")
        )
        .0,
        201
    );
}

fn cp_status(admin: &User, repo: &str, package: &str) -> Value {
    admin.ca(&[
        "list-package-versions",
        "--domain",
        DOMAIN,
        "--repository",
        repo,
        "--format",
        "nuget",
        "--package",
        package,
    ])
}

#[test]
fn nuget_restores_through_public_nuget_org_and_origin_controls() {
    // The "public" feed: another mock's repository, filled by a push.
    let (public, public_admin) = mock_with(&[("gallery", &[])]);
    let token = public_admin.token();
    let public_index = format!("{}v3/index.json", endpoint(&public, "nuget", "gallery"));
    let index = service_index(&public, &public_index, &basic(&token));
    let pkg = nupkg("Public.Json", "13.0.01", "");
    assert_eq!(
        push(
            &public,
            &resource(&index, "PackagePublish/2.0.0"),
            &basic(&token),
            &pkg
        )
        .0,
        201
    );

    // The mock under test: public:nuget-org is that feed's service index, credentials in the URL.
    let upstream = public_index.replacen("http://", &format!("http://aws:{token}@"), 1);
    let tmp = tempfile::tempdir().unwrap();
    let mock = Mock::start_with(
        &tmp.path().join("data"),
        &[
            "--external-connection",
            &format!("public:nuget-org={upstream}"),
        ],
    );
    let admin = User::new(&mock);
    admin.ca(&["create-domain", "--domain", DOMAIN]);
    admin.ca(&[
        "create-repository",
        "--domain",
        DOMAIN,
        "--repository",
        "store",
    ]);
    admin.ca(&[
        "associate-external-connection",
        "--domain",
        DOMAIN,
        "--repository",
        "store",
        "--external-connection",
        "public:nuget-org",
    ]);
    admin.ca(&[
        "create-repository",
        "--domain",
        DOMAIN,
        "--repository",
        "app",
        "--upstreams",
        "repositoryName=store",
    ]);
    let user = User::new(&mock);
    user.login("nuget", "app", &[], user.home());
    let (source, password) = nuget_config(&user);
    let auth = basic(&password);
    let index = service_index(&mock, &source, &auth);
    let flat = resource(&index, "PackageBaseAddress/3.0.0");

    // The feed's versions are listed before anything is stored; a download stores the package
    // in `store` (origin EXTERNAL) and retains it in `app`.
    let (status, versions) = get_json(&mock, &format!("{flat}public.json/index.json"), &auth);
    assert_eq!(
        (status, versions),
        (200, serde_json::json!({"versions": ["13.0.1"]}))
    );
    let nupkg_url = format!("{flat}public.json/13.0.1/public.json.13.0.1.nupkg");
    let (status, _, bytes) = authed(&mock, "GET", &path_of(&mock, &nupkg_url), Some(&auth), b"");
    assert_eq!(status, 200);
    assert_eq!(bytes, pkg);
    let v = admin.ca(&[
        "describe-package-version",
        "--domain",
        DOMAIN,
        "--repository",
        "store",
        "--format",
        "nuget",
        "--package",
        "public.json",
        "--package-version",
        "13.0.1",
    ]);
    assert_eq!(v["packageVersion"]["origin"]["originType"], "EXTERNAL");
    assert_eq!(v["packageVersion"]["displayName"], "Public.Json");
    let reg = resource(&index, "RegistrationsBaseUrl");
    let (status, doc) = get_json(&mock, &format!("{reg}public.json/index.json"), &auth);
    assert_eq!(status, 200);
    assert_eq!(doc["items"][0]["count"], 1);

    // Origin controls: once publishing is allowed and upstreams blocked for a package in
    // `app`, nothing more comes through the connection for it, and pushes to `app` work.
    admin.ca(&[
        "put-package-origin-configuration",
        "--domain",
        DOMAIN,
        "--repository",
        "app",
        "--format",
        "nuget",
        "--package",
        "other.pkg",
        "--restrictions",
        "publish=ALLOW,upstream=BLOCK",
    ]);
    let other = nupkg("Other.Pkg", "1.0.0", "");
    let publish = resource(&index, "PackagePublish/2.0.0");
    assert_eq!(
        push(
            &public,
            &resource(
                &service_index(&public, &public_index, &basic(&token)),
                "PackagePublish/2.0.0"
            ),
            &basic(&token),
            &other
        )
        .0,
        201
    );
    assert_eq!(
        get_json(&mock, &format!("{flat}other.pkg/index.json"), &auth).0,
        404
    );
    assert_eq!(
        push(&mock, &publish, &auth, &nupkg("Other.Pkg", "2.0.0", "")).0,
        201
    );
    let (status, versions) = get_json(&mock, &format!("{flat}other.pkg/index.json"), &auth);
    assert_eq!(
        (status, versions),
        (200, serde_json::json!({"versions": ["2.0.0"]}))
    );
}
