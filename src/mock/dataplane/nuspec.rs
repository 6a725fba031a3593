//! The `.nuspec` inside a `.nupkg`: the package's id, version and the metadata the control plane
//! shows (description, authors, license, project URL, dependencies by target framework), read
//! as NuGet's own readers do: element names without their namespace (nuspec files use several
//! schema versions), the `<dependencies>` list either flat or in `<group targetFramework>`s.
//!
//! A `Nuspec` is also what the emulator keeps as the version's document, so registrations and
//! search results are rendered from it without opening the package again.

use quick_xml::events::{BytesStart, Event};
use serde::{Deserialize, Serialize};

/// What a nuspec says about its package. Empty strings are stored as `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Nuspec {
    pub id: String,
    /// As written; `nuget::Version` normalises it.
    pub version: String,
    pub authors: Option<String>,
    pub description: Option<String>,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub tags: Option<String>,
    pub project_url: Option<String>,
    pub icon_url: Option<String>,
    /// `<license type="expression">`: an SPDX expression.
    pub license_expression: Option<String>,
    /// `<license type="file">`: a file in the package.
    pub license_file: Option<String>,
    pub license_url: Option<String>,
    /// `<repository url="...">`.
    pub repository_url: Option<String>,
    pub require_license_acceptance: bool,
    pub dependency_groups: Vec<DependencyGroup>,
    /// `<packageTypes><packageType name="..."/>`; none means `Dependency`.
    pub package_types: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DependencyGroup {
    /// `None` for the flat list and for a group without a target framework.
    pub target_framework: Option<String>,
    pub dependencies: Vec<NuDependency>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NuDependency {
    pub id: String,
    /// The version range as written (`1.0`, `[1.0,2.0)`); `None` accepts any version.
    pub version: Option<String>,
}

/// The largest nuspec read (real ones are a few KiB; descriptions are limited to 4,000
/// characters by nuget.org).
pub const MAX_NUSPEC: u64 = 1024 * 1024;

fn attr(e: &BytesStart<'_>, name: &str) -> Result<Option<String>, String> {
    for a in e.attributes() {
        let a = a.map_err(|e| e.to_string())?;
        if AsRef::<str>::as_ref(&a.key.local_name()).eq_ignore_ascii_case(name) {
            let v = a
                .normalized_value(quick_xml::XmlVersion::default())
                .map_err(|e| e.to_string())?;
            return Ok(Some(v.trim().to_string()).filter(|v| !v.is_empty()));
        }
    }
    Ok(None)
}

/// Parses a nuspec. Errors name what is wrong, for a 400 body; a nuspec without an id or a
/// version is an error.
pub fn parse(xml: &[u8]) -> Result<Nuspec, String> {
    let text = std::str::from_utf8(xml).map_err(|_| "the nuspec is not UTF-8".to_string())?;
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = quick_xml::Reader::from_str(text);
    let mut n = Nuspec::default();
    let mut stack: Vec<String> = Vec::new();
    let mut buf = String::new();
    let mut license_type: Option<String> = None;
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| format!("the nuspec is not well-formed XML: {e}"))?;
        let (start, empty) = match ev {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            Event::Text(t) => {
                buf.push_str(&t.xml10_content());
                (None, false)
            }
            Event::CData(t) => {
                buf.push_str(&t.into_inner());
                (None, false)
            }
            Event::GeneralRef(r) => {
                let c = r.resolve_char_ref().map_err(|e| e.to_string())?;
                match c {
                    Some(c) => buf.push(c),
                    None => {
                        let entity = format!("&{};", r.into_inner());
                        let resolved = quick_xml::escape::unescape(&entity)
                            .map_err(|e| format!("the nuspec has a bad entity: {e}"))?;
                        buf.push_str(&resolved);
                    }
                }
                (None, false)
            }
            Event::End(_) => {
                let value = std::mem::take(&mut buf).trim().to_string();
                let path: Vec<&str> = stack.iter().map(String::as_str).collect();
                if let ["package", "metadata", field] = path.as_slice() {
                    let v = Some(value.clone()).filter(|v| !v.is_empty());
                    match *field {
                        "id" => n.id = value,
                        "version" => n.version = value,
                        "authors" => n.authors = v,
                        "description" => n.description = v,
                        "title" => n.title = v,
                        "summary" => n.summary = v,
                        "tags" => n.tags = v,
                        "projectUrl" => n.project_url = v,
                        "iconUrl" => n.icon_url = v,
                        "licenseUrl" => n.license_url = v,
                        "requireLicenseAcceptance" => {
                            n.require_license_acceptance = value.eq_ignore_ascii_case("true");
                        }
                        "license" => match license_type.as_deref() {
                            Some("file") => n.license_file = v,
                            _ => n.license_expression = v,
                        },
                        _ => {}
                    }
                }
                stack.pop();
                (None, false)
            }
            Event::Eof if stack.is_empty() => break,
            Event::Eof => return Err("the nuspec ends inside an element".into()),
            _ => (None, false),
        };
        let Some(e) = start else { continue };
        buf.clear();
        let name = AsRef::<str>::as_ref(&e.local_name()).to_string();
        let path: Vec<&str> = stack.iter().map(String::as_str).collect();
        match (path.as_slice(), name.as_str()) {
            (["package", "metadata"], "license") => license_type = attr(&e, "type")?,
            (["package", "metadata"], "repository") => n.repository_url = attr(&e, "url")?,
            (["package", "metadata", "dependencies"], "group") => {
                n.dependency_groups.push(DependencyGroup {
                    target_framework: attr(&e, "targetFramework")?,
                    dependencies: Vec::new(),
                });
            }
            (["package", "metadata", "dependencies"], "dependency") => {
                // The flat list (nuspecs before groups existed) is one group without a
                // framework.
                if !matches!(n.dependency_groups.as_slice(), [g] if g.target_framework.is_none()) {
                    n.dependency_groups.push(DependencyGroup::default());
                }
                push_dependency(&mut n, &e)?;
            }
            (["package", "metadata", "dependencies", "group"], "dependency") => {
                push_dependency(&mut n, &e)?;
            }
            (["package", "metadata", "packageTypes"], "packageType") => {
                if let Some(t) = attr(&e, "name")? {
                    n.package_types.push(t);
                }
            }
            _ => {}
        }
        if !empty {
            stack.push(name);
        }
    }
    if n.id.is_empty() {
        return Err("the nuspec has no <id>".into());
    }
    if n.version.is_empty() {
        return Err("the nuspec has no <version>".into());
    }
    Ok(n)
}

fn push_dependency(n: &mut Nuspec, e: &BytesStart<'_>) -> Result<(), String> {
    let id = attr(e, "id")?.ok_or("a nuspec <dependency> has no id")?;
    let version = attr(e, "version")?;
    if let Some(g) = n.dependency_groups.last_mut() {
        g.dependencies.push(NuDependency { id, version });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape `dotnet pack` writes (schema 2013/05), with grouped dependencies.
    pub const PACKED: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
  <metadata>
    <id>Contoso.Utility</id>
    <version>1.02.0.0</version>
    <authors>Contoso &amp; Co, Ann</authors>
    <license type="expression">MIT OR Apache-2.0</license>
    <licenseUrl>https://aka.ms/deprecateLicenseUrl</licenseUrl>
    <projectUrl>https://example.com/utility</projectUrl>
    <description><![CDATA[Utilities <for> all.]]></description>
    <tags>util tools</tags>
    <repository type="git" url="https://example.com/utility.git" commit="abc" />
    <packageTypes><packageType name="DotnetTool" /></packageTypes>
    <dependencies>
      <group targetFramework="net6.0">
        <dependency id="Newtonsoft.Json" version="13.0.1" exclude="Build,Analyzers" />
      </group>
      <group targetFramework=".NETStandard2.0" />
    </dependencies>
  </metadata>
</package>"#;

    #[test]
    fn packed_nuspecs_give_metadata_and_grouped_dependencies() {
        let n = parse(PACKED.as_bytes()).unwrap();
        assert_eq!(n.id, "Contoso.Utility");
        assert_eq!(n.version, "1.02.0.0");
        assert_eq!(n.authors.as_deref(), Some("Contoso & Co, Ann"));
        assert_eq!(n.description.as_deref(), Some("Utilities <for> all."));
        assert_eq!(n.license_expression.as_deref(), Some("MIT OR Apache-2.0"));
        assert_eq!(
            n.repository_url.as_deref(),
            Some("https://example.com/utility.git")
        );
        assert_eq!(n.package_types, ["DotnetTool"]);
        assert_eq!(n.dependency_groups.len(), 2);
        assert_eq!(
            n.dependency_groups[0].target_framework.as_deref(),
            Some("net6.0")
        );
        assert_eq!(
            n.dependency_groups[0].dependencies,
            [NuDependency {
                id: "Newtonsoft.Json".into(),
                version: Some("13.0.1".into())
            }]
        );
        assert!(n.dependency_groups[1].dependencies.is_empty());
        // The document round-trips through JSON.
        let json = serde_json::to_value(&n).unwrap();
        assert_eq!(serde_json::from_value::<Nuspec>(json).unwrap(), n);
    }

    #[test]
    fn old_nuspecs_with_a_flat_dependency_list_and_a_bom_parse() {
        let xml = "\u{feff}<?xml version=\"1.0\"?><package><metadata><id>a</id><version>1.0</version>\
                   <licenseUrl>http://l</licenseUrl><dependencies><dependency id=\"b\" version=\"[1,2)\"/>\
                   <dependency id=\"c\"/></dependencies></metadata></package>";
        let n = parse(xml.as_bytes()).unwrap();
        assert_eq!(n.license_url.as_deref(), Some("http://l"));
        assert_eq!(n.dependency_groups.len(), 1);
        assert_eq!(n.dependency_groups[0].target_framework, None);
        let deps = &n.dependency_groups[0].dependencies;
        assert_eq!(deps.len(), 2);
        assert_eq!(deps[0].version.as_deref(), Some("[1,2)"));
        assert_eq!(deps[1].version, None);
    }

    #[test]
    fn nuspecs_without_identity_or_well_formedness_are_refused() {
        for (xml, msg) in [
            (
                "<package><metadata><version>1.0</version></metadata></package>",
                "no <id>",
            ),
            (
                "<package><metadata><id>a</id></metadata></package>",
                "no <version>",
            ),
            ("<package><metadata><id>a</id>", "ends inside"),
            ("<package><metadata></package>", "well-formed"),
            (
                "<package><metadata><id>a</id><version>1</version><dependencies><dependency version=\"1\"/></dependencies></metadata></package>",
                "no id",
            ),
        ] {
            let e = parse(xml.as_bytes()).unwrap_err();
            assert!(e.contains(msg), "{xml}: {e}");
        }
        assert!(parse(b"\xff\xfe").unwrap_err().contains("UTF-8"));
    }
}
