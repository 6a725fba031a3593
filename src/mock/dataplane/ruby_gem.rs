//! A Ruby gem as a registry sees it, all functions of their arguments: what `gem push`
//! uploads (a `.gem` is a tar holding `metadata.gz`, the gzipped YAML of its
//! `Gem::Specification`), the specification read from it, and the documents the clients read
//! back: compact-index `info` lines (RubyGems' resolver), Dependencies API entries (Bundler's,
//! in Marshal), and `quick/Marshal.4.8` gemspecs (both, to install).
//!
//! A gem is a name, a version and a platform (`ruby` for pure-Ruby gems); its file is
//! `{name}-{version}.gem`, or `{name}-{version}-{platform}.gem` for the others. The stored
//! package version is the name and version; each platform's `.gem` is an asset of it, and the
//! version's document keeps the specification of each platform (`Document`).

use std::collections::BTreeMap;
use std::io::{Read, Write};

use serde::{Deserialize, Serialize};

use super::ruby_marshal::{self as marshal, UtcTime, Value};
use super::ruby_yaml::{self as yaml, Yaml};
use crate::mock::store::packages::{Dependency, License, VersionMeta};

/// The longest asset name the service accepts; a gem's file name must fit.
const MAX_FILE_NAME: usize = 255;

/// A gem name rubygems.org would accept: ASCII letters, digits, `.`, `-` and `_`, with at least
/// one letter, not starting with punctuation (which also keeps `.` and `..` out of file names).
pub fn valid_name(name: &str) -> bool {
    name.len() <= 128
        && name
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
        && name.bytes().any(|b| b.is_ascii_alphabetic())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
}

/// A version as `Gem::Version` writes it (`1.0.0`, `2.0.0.pre.1`; RubyGems turns `-` into
/// `.pre.`, so file names split unambiguously).
pub fn valid_version(v: &str) -> bool {
    let mut parts = v.split('.');
    v.len() <= 64
        && parts
            .next()
            .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && parts.all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A platform other than `ruby` (`java`, `x86_64-linux`, `arm64-darwin-22`): it starts with a
/// letter, so it cannot be mistaken for a version in a file name.
pub fn valid_platform(p: &str) -> bool {
    p != RUBY
        && p.len() <= 64
        && p.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && p.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
}

/// The platform of pure-Ruby gems.
pub const RUBY: &str = "ruby";

/// `name-version` or `name-version-platform`, as gem files and gemspecs are named.
pub fn full_name(name: &str, version: &str, platform: &str) -> String {
    if platform == RUBY {
        format!("{name}-{version}")
    } else {
        format!("{name}-{version}-{platform}")
    }
}

/// The ways a full name can split into (name, version, platform). Names may contain `-` and
/// digits, so more than one split can be valid; the caller tries each against the repository.
pub fn split_full_name(full: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (i, _) in full.match_indices('-') {
        let (name, rest) = (&full[..i], &full[i + 1..]);
        let (version, platform) = rest.split_once('-').unwrap_or((rest, RUBY));
        if valid_name(name)
            && valid_version(version)
            && (platform == RUBY && !rest.contains('-') || valid_platform(platform))
        {
            out.push((name.to_string(), version.to_string(), platform.to_string()));
        }
    }
    out
}

// ---- requirements -----------------------------------------------------------------------------

const OPERATORS: [&str; 7] = ["=", "!=", ">", "<", ">=", "<=", "~>"];

/// A `Gem::Requirement`: (operator, version) pairs, all of which must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requirement(pub Vec<(String, String)>);

impl Requirement {
    /// `>= 0`, what an absent requirement means.
    fn is_default(&self) -> bool {
        self.0.is_empty() || self.0 == [(">=".to_string(), "0".to_string())]
    }

    /// Parses `~> 1.0, >= 1.0.1` (or `&`-separated, as the compact index writes it).
    pub fn parse(text: &str, separator: char) -> Option<Requirement> {
        let mut pairs = Vec::new();
        for part in text.split(separator).map(str::trim) {
            let (op, version) = match part.split_once(' ') {
                Some((op, v)) => (op, v.trim()),
                None => ("=", part),
            };
            if !OPERATORS.contains(&op) || !valid_version(version) {
                return None;
            }
            pairs.push((op.to_string(), version.to_string()));
        }
        Some(Requirement(pairs))
    }

    /// `~> 1.0, >= 1.0.1`, as `Gem::Requirement#to_s` and the Dependencies API write it
    /// (`>= 0` when empty).
    pub fn display(&self, separator: &str) -> String {
        if self.0.is_empty() {
            return ">= 0".to_string();
        }
        self.0
            .iter()
            .map(|(op, v)| format!("{op} {v}"))
            .collect::<Vec<_>>()
            .join(separator)
    }

    fn marshal(&self) -> Value {
        let pairs = if self.0.is_empty() {
            vec![(">=".to_string(), "0".to_string())]
        } else {
            self.0.clone()
        };
        Value::UserMarshal(
            "Gem::Requirement".into(),
            Box::new(Value::Array(vec![Value::Array(
                pairs
                    .into_iter()
                    .map(|(op, v)| Value::Array(vec![Value::Str(op), gem_version(&v)]))
                    .collect(),
            )])),
        )
    }

    /// A `Gem::Requirement` node of the YAML.
    fn from_yaml(node: Option<&Yaml>, what: &str) -> Result<Requirement, String> {
        let Some(node) = node else {
            return Ok(Requirement::default());
        };
        let mut pairs = Vec::new();
        for pair in node
            .get("requirements")
            .map(Yaml::items)
            .unwrap_or_default()
        {
            let (Some(op), Some(version)) = (
                pair.items().first().and_then(Yaml::as_str),
                pair.items().get(1).and_then(yaml_version),
            ) else {
                return Err(format!("the requirement of {what} is not readable"));
            };
            if !OPERATORS.contains(&op) || !valid_version(version) {
                return Err(format!("invalid requirement `{op} {version}` of {what}"));
            }
            pairs.push((op.to_string(), version.to_string()));
        }
        Ok(Requirement(pairs))
    }
}

fn gem_version(v: &str) -> Value {
    Value::UserMarshal(
        "Gem::Version".into(),
        Box::new(Value::Array(vec![Value::str(v)])),
    )
}

/// A `Gem::Version` node: `{version: "1.0"}` (or a bare string).
fn yaml_version(node: &Yaml) -> Option<&str> {
    node.as_str()
        .or_else(|| node.get("version").and_then(Yaml::as_str))
}

// ---- the specification ------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dep {
    pub name: String,
    pub requirement: Requirement,
    /// `:runtime`; the others are `:development`.
    pub runtime: bool,
}

/// What the registry keeps of a `Gem::Specification`: the fields of its Marshal form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GemSpec {
    pub name: String,
    pub version: String,
    pub platform: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub homepage: Option<String>,
    pub licenses: Vec<String>,
    pub authors: Vec<String>,
    pub email: Vec<String>,
    pub dependencies: Vec<Dep>,
    pub required_ruby_version: Requirement,
    pub required_rubygems_version: Requirement,
    pub metadata: Vec<(String, String)>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub rubygems_version: Option<String>,
    pub specification_version: i32,
}

/// Strings of a node that may be one string or a list of them (`email`, `authors`).
fn strings(node: Option<&Yaml>) -> Vec<String> {
    match node {
        Some(Yaml::Str(s)) => vec![s.clone()],
        Some(Yaml::Seq(items)) => items
            .iter()
            .filter_map(|i| i.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

impl GemSpec {
    /// The specification in a gem's `metadata.gz` YAML.
    pub fn from_yaml(doc: &Yaml) -> Result<GemSpec, String> {
        let text = |key: &str| doc.get(key).and_then(Yaml::as_str).map(str::to_string);
        let name = text("name").ok_or("the gem's metadata has no name")?;
        if !valid_name(&name) {
            return Err(format!(
                "invalid gem name {name:?}: use ASCII letters, digits, `.`, `-` and `_`, \
                 starting with a letter or digit"
            ));
        }
        let version = doc
            .get("version")
            .and_then(yaml_version)
            .ok_or("the gem's metadata has no version")?
            .to_string();
        if !valid_version(&version) {
            return Err(format!("invalid version {version:?} of gem {name}"));
        }
        let platform = text("platform").unwrap_or_else(|| RUBY.to_string());
        if platform != RUBY && !valid_platform(&platform) {
            return Err(format!("invalid platform {platform:?} of gem {name}"));
        }
        let file = format!("{}.gem", full_name(&name, &version, &platform));
        if file.len() > MAX_FILE_NAME {
            return Err(format!("the gem's file name {file} is too long"));
        }
        let mut dependencies = Vec::new();
        for d in doc.get("dependencies").map(Yaml::items).unwrap_or_default() {
            let dep_name = d
                .get("name")
                .and_then(Yaml::as_str)
                .ok_or("a dependency in the gem's metadata has no name")?;
            if !valid_name(dep_name) {
                return Err(format!("invalid dependency name {dep_name:?}"));
            }
            let requirement = Requirement::from_yaml(d.get("requirement"), dep_name)?;
            let runtime = d.get("type").and_then(Yaml::as_str) != Some(":development");
            dependencies.push(Dep {
                name: dep_name.to_string(),
                requirement,
                runtime,
            });
        }
        let metadata = match doc.get("metadata") {
            Some(Yaml::Map(entries)) => entries
                .iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                .collect(),
            _ => Vec::new(),
        };
        let date = text("date")
            .and_then(|d| d.get(..10).map(str::to_string))
            .filter(|d| parse_date(d).is_some());
        Ok(GemSpec {
            summary: text("summary"),
            description: text("description"),
            homepage: text("homepage"),
            licenses: strings(doc.get("licenses")),
            authors: strings(doc.get("authors")),
            email: strings(doc.get("email")),
            required_ruby_version: Requirement::from_yaml(
                doc.get("required_ruby_version"),
                "required_ruby_version",
            )?,
            required_rubygems_version: Requirement::from_yaml(
                doc.get("required_rubygems_version"),
                "required_rubygems_version",
            )?,
            rubygems_version: text("rubygems_version"),
            specification_version: text("specification_version")
                .and_then(|v| v.parse().ok())
                .unwrap_or(4),
            name,
            version,
            platform,
            dependencies,
            metadata,
            date,
        })
    }

    pub fn full_name(&self) -> String {
        full_name(&self.name, &self.version, &self.platform)
    }

    /// The `.gem` file, and the asset it is stored as.
    pub fn file_name(&self) -> String {
        format!("{}.gem", self.full_name())
    }

    /// `quick/Marshal.4.8/{full name}.gemspec.rz`: the zlib-deflated Marshal dump of the
    /// `Gem::Specification`, whose `_dump` is a Marshal dump of its fields in this order
    /// (RubyGems' `Gem::Specification#_dump`).
    pub fn quick_spec(&self) -> Vec<u8> {
        let email = match self.email.as_slice() {
            [] => Value::Nil,
            [one] => Value::str(one.clone()),
            many => Value::Array(many.iter().cloned().map(Value::Str).collect()),
        };
        let dependencies = self
            .dependencies
            .iter()
            .map(|d| {
                Value::Object(
                    "Gem::Dependency".into(),
                    vec![
                        ("@name".into(), Value::str(d.name.clone())),
                        ("@requirement".into(), d.requirement.marshal()),
                        (
                            "@type".into(),
                            Value::sym(if d.runtime { "runtime" } else { "development" }),
                        ),
                        ("@prerelease".into(), Value::Bool(false)),
                    ],
                )
            })
            .collect();
        let fields = Value::Array(vec![
            Value::str(self.rubygems_version.as_deref().unwrap_or("3.3.15")),
            Value::Int(self.specification_version),
            Value::str(self.name.clone()),
            gem_version(&self.version),
            self.date
                .as_deref()
                .and_then(parse_date)
                .map_or(Value::Nil, Value::UtcTime),
            Value::opt_str(self.summary.as_deref()),
            self.required_ruby_version.marshal(),
            self.required_rubygems_version.marshal(),
            // `original_platform`: what the gem was built for, when not pure Ruby.
            if self.platform == RUBY {
                Value::Nil
            } else {
                Value::str(self.platform.clone())
            },
            Value::Array(dependencies),
            Value::str(""),
            email,
            Value::Array(self.authors.iter().cloned().map(Value::Str).collect()),
            Value::opt_str(self.description.as_deref()),
            Value::opt_str(self.homepage.as_deref()),
            Value::Bool(true),
            Value::str(self.platform.clone()),
            Value::Array(self.licenses.iter().cloned().map(Value::Str).collect()),
            Value::Hash(
                self.metadata
                    .iter()
                    .map(|(k, v)| (Value::str(k.clone()), Value::str(v.clone())))
                    .collect(),
            ),
        ]);
        let spec = Value::UserDump("Gem::Specification".into(), marshal::dump(&fields));
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        // Writing to a Vec cannot fail.
        let _ = z.write_all(&marshal::dump(&spec));
        z.finish().unwrap_or_default()
    }

    /// The control plane's view: summary, home page, licenses, source repository (the
    /// `source_code_uri` metadata RubyGems defines) and the runtime dependencies.
    pub fn version_meta(&self) -> VersionMeta {
        VersionMeta {
            display_name: Some(self.name.clone()),
            summary: self.summary.clone().filter(|s| !s.is_empty()),
            home_page: self.homepage.clone().filter(|h| !h.is_empty()),
            source_code_repository: self
                .metadata
                .iter()
                .find(|(k, _)| k == "source_code_uri")
                .map(|(_, v)| v.clone()),
            licenses: self.licenses.iter().cloned().map(License::named).collect(),
            readme: None,
            dependencies: self
                .dependencies
                .iter()
                .filter(|d| d.runtime)
                .map(|d| Dependency {
                    namespace: None,
                    package: d.name.clone(),
                    dependency_type: Some("runtime".into()),
                    version_requirement: Some(d.requirement.display(", ")),
                })
                .collect(),
        }
    }
}

/// `YYYY-MM-DD` as a UTC midnight.
fn parse_date(d: &str) -> Option<UtcTime> {
    let mut parts = d.splitn(3, '-');
    let year: u16 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    ((1900..=2999).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day))
        .then_some(UtcTime {
            year,
            month,
            day,
            hour: 0,
            minute: 0,
            second: 0,
        })
}

// ---- reading a .gem ---------------------------------------------------------------------------

/// `metadata.gz` is a few kilobytes; more than this (compressed or not) is refused.
const MAX_METADATA: u64 = 16 * 1024 * 1024;

/// The specification inside a `.gem`: the tar's `metadata.gz`, gunzipped and read as YAML.
pub fn read_gem(mut gem: impl Read) -> Result<GemSpec, String> {
    let compressed = tar_member(&mut gem, "metadata.gz")?;
    let mut text = Vec::new();
    flate2::read::GzDecoder::new(compressed.as_slice())
        .take(MAX_METADATA + 1)
        .read_to_end(&mut text)
        .map_err(|e| format!("the gem's metadata.gz is not gzip: {e}"))?;
    if text.len() as u64 > MAX_METADATA {
        return Err("the gem's metadata is too large".into());
    }
    let text = String::from_utf8(text).map_err(|_| "the gem's metadata is not UTF-8")?;
    let doc =
        yaml::parse(&text).map_err(|e| format!("the gem's metadata is not valid YAML: {e}"))?;
    GemSpec::from_yaml(&doc)
}

/// The bytes of member `wanted` of a tar archive (ustar, as RubyGems writes `.gem` files).
fn tar_member(tar: &mut impl Read, wanted: &str) -> Result<Vec<u8>, String> {
    let not_a_gem =
        |e: &dyn std::fmt::Display| format!("the upload is not a .gem (a tar archive): {e}");
    let mut header = [0u8; 512];
    loop {
        match tar.read_exact(&mut header) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                return Err(format!("the gem has no {wanted}"));
            }
            Err(e) => return Err(not_a_gem(&e)),
        }
        if header.iter().all(|&b| b == 0) {
            return Err(format!("the gem has no {wanted}"));
        }
        let field = |range: std::ops::Range<usize>| {
            let f = &header[range];
            let end = f.iter().position(|&b| b == 0).unwrap_or(f.len());
            String::from_utf8_lossy(&f[..end]).into_owned()
        };
        // The checksum field counts as spaces; old tars summed signed bytes.
        let (unsigned, signed) = header
            .iter()
            .enumerate()
            .fold((0i64, 0i64), |(u, s), (i, &b)| {
                let (ub, sb) = if (148..156).contains(&i) {
                    (32, 32)
                } else {
                    (i64::from(b), i64::from(b as i8))
                };
                (u + ub, s + sb)
            });
        let digits: String = header[148..156]
            .iter()
            .filter(|b| b.is_ascii_digit())
            .map(|&b| char::from(b))
            .collect();
        let declared = i64::from_str_radix(&digits, 8);
        if declared != Ok(unsigned) && declared != Ok(signed) {
            return Err(not_a_gem(&"a header checksum does not match"));
        }
        let size = if header[124] & 0x80 != 0 {
            // Base-256 (GNU) for large members.
            header[125..136].iter().fold(0u64, |acc, &b| {
                acc.saturating_mul(256).saturating_add(u64::from(b))
            })
        } else {
            u64::from_str_radix(field(124..136).trim(), 8)
                .map_err(|_| not_a_gem(&"a member size is not octal"))?
        };
        let prefix = field(345..500);
        let name = if prefix.is_empty() {
            field(0..100)
        } else {
            format!("{prefix}/{}", field(0..100))
        };
        let regular = matches!(header[156], b'0' | 0);
        if regular && name == wanted {
            if size > MAX_METADATA {
                return Err(format!("the gem's {wanted} is too large"));
            }
            let mut data = vec![0u8; size as usize];
            tar.read_exact(&mut data).map_err(|e| not_a_gem(&e))?;
            return Ok(data);
        }
        let padded = size.div_ceil(512).saturating_mul(512);
        let skipped = std::io::copy(&mut tar.take(padded), &mut std::io::sink())
            .map_err(|e| not_a_gem(&e))?;
        if skipped != padded {
            return Err(format!("the gem has no {wanted}"));
        }
    }
}

// ---- listings ---------------------------------------------------------------------------------

/// One gem (a version on a platform) as the resolvers list it: a compact-index `info` line, an
/// entry of the Dependencies API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    pub version: String,
    pub platform: String,
    /// Runtime dependencies only: resolvers install nothing else.
    pub dependencies: Vec<(String, Requirement)>,
    pub required_ruby: Requirement,
    pub required_rubygems: Requirement,
    /// Of the `.gem`, when known.
    pub sha256: Option<String>,
}

impl Listing {
    pub fn of(spec: &GemSpec, sha256: &str) -> Listing {
        Listing {
            version: spec.version.clone(),
            platform: spec.platform.clone(),
            dependencies: spec
                .dependencies
                .iter()
                .filter(|d| d.runtime)
                .map(|d| (d.name.clone(), d.requirement.clone()))
                .collect(),
            required_ruby: spec.required_ruby_version.clone(),
            required_rubygems: spec.required_rubygems_version.clone(),
            sha256: Some(sha256.to_string()),
        }
    }

    /// `1.0.0[-platform] dep:>= 1&< 2,other:>= 0|checksum:SHA256,ruby:>= 2.7`, the compact
    /// index's line (RubyGems' `GemParser` reads it back).
    pub fn info_line(&self) -> String {
        let deps: Vec<String> = self
            .dependencies
            .iter()
            .map(|(name, req)| format!("{name}:{}", req.display("&")))
            .collect();
        let mut extra: Vec<String> = Vec::new();
        if let Some(sha) = &self.sha256 {
            extra.push(format!("checksum:{sha}"));
        }
        if !self.required_ruby.is_default() {
            extra.push(format!("ruby:{}", self.required_ruby.display("&")));
        }
        if !self.required_rubygems.is_default() {
            extra.push(format!("rubygems:{}", self.required_rubygems.display("&")));
        }
        let head = if self.platform == RUBY {
            self.version.clone()
        } else {
            format!("{}-{}", self.version, self.platform)
        };
        format!("{head} {}|{}", deps.join(","), extra.join(","))
    }

    /// An `info` line from another registry; `None` when it is not one.
    pub fn parse_info_line(line: &str) -> Option<Listing> {
        let (head, rest) = line.split_once(' ').unwrap_or((line, ""));
        let (version, platform) = head.split_once('-').unwrap_or((head, RUBY));
        if !valid_version(version) || platform != RUBY && !valid_platform(platform) {
            return None;
        }
        let (deps, extra) = rest.split_once('|').unwrap_or((rest, ""));
        let mut dependencies = Vec::new();
        for d in deps.split(',').filter(|d| !d.is_empty()) {
            let (name, req) = d.split_once(':')?;
            if !valid_name(name) {
                return None;
            }
            dependencies.push((name.to_string(), Requirement::parse(req, '&')?));
        }
        let mut listing = Listing {
            version: version.to_string(),
            platform: platform.to_string(),
            dependencies,
            required_ruby: Requirement::default(),
            required_rubygems: Requirement::default(),
            sha256: None,
        };
        for field in extra.split(',') {
            match field.split_once(':') {
                Some(("checksum", sha))
                    if sha.len() == 64 && sha.bytes().all(|b| b.is_ascii_hexdigit()) =>
                {
                    listing.sha256 = Some(sha.to_ascii_lowercase());
                }
                Some(("ruby", req)) => listing.required_ruby = Requirement::parse(req, '&')?,
                Some(("rubygems", req)) => {
                    listing.required_rubygems = Requirement::parse(req, '&')?;
                }
                _ => {}
            }
        }
        Some(listing)
    }

    /// `{name:, number:, platform:, dependencies: [[name, "req, req"]]}`, what Bundler's
    /// Dependencies API client reads.
    fn dependency_entry(&self, name: &str) -> Value {
        Value::Hash(vec![
            (Value::sym("name"), Value::str(name)),
            (Value::sym("number"), Value::str(self.version.clone())),
            (Value::sym("platform"), Value::str(self.platform.clone())),
            (
                Value::sym("dependencies"),
                Value::Array(
                    self.dependencies
                        .iter()
                        .map(|(n, r)| {
                            Value::Array(vec![Value::str(n.clone()), Value::str(r.display(", "))])
                        })
                        .collect(),
                ),
            ),
        ])
    }
}

/// The `info/{name}` file: a `---` line, then one line per gem.
pub fn info_file(listings: &[Listing]) -> String {
    let mut out = String::from("---\n");
    for l in listings {
        out.push_str(&l.info_line());
        out.push('\n');
    }
    out
}

/// The lines of an `info` file from another registry that parse.
pub fn parse_info_file(text: &str) -> Vec<Listing> {
    text.lines()
        .skip_while(|l| *l != "---")
        .skip(1)
        .filter_map(Listing::parse_info_line)
        .collect()
}

/// The Dependencies API's answer: a Marshal dump of every listed gem of every name asked for.
pub fn dependencies_body(gems: &[(String, Vec<Listing>)]) -> Vec<u8> {
    let entries = gems
        .iter()
        .flat_map(|(name, listings)| listings.iter().map(move |l| l.dependency_entry(name)))
        .collect();
    marshal::dump(&Value::Array(entries))
}

// ---- the stored document ----------------------------------------------------------------------

/// What a stored version keeps: the specification of each platform's `.gem`, with the file's
/// SHA-256 (the compact index's checksum).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub gems: BTreeMap<String, StoredGem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredGem {
    pub spec: GemSpec,
    pub sha256: String,
}

impl Document {
    /// The document of a version, if it is one of ours.
    pub fn from_value(v: Option<&serde_json::Value>) -> Document {
        v.and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default()
    }

    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }

    pub fn listings(&self) -> impl Iterator<Item = Listing> + '_ {
        self.gems.values().map(|g| Listing::of(&g.spec, &g.sha256))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    #[test]
    fn names_versions_and_platforms() {
        for good in ["rack", "net-http", "a_b.c", "2fa", "X"] {
            assert!(valid_name(good), "{good}");
        }
        for bad in [
            "",
            "-a",
            ".a",
            "..",
            "123",
            "a/b",
            "a b",
            "é",
            &"a".repeat(129),
        ] {
            assert!(!valid_name(bad), "{bad:?}");
        }
        for good in ["1", "1.0.0", "2.0.0.pre.1", "0.1.rc2"] {
            assert!(valid_version(good), "{good}");
        }
        for bad in ["", "a", "1.", ".1", "1..2", "1.0-rc", "1 .0"] {
            assert!(!valid_version(bad), "{bad:?}");
        }
        assert!(valid_platform("x86_64-linux") && valid_platform("java"));
        assert!(!valid_platform("ruby") && !valid_platform("64bit") && !valid_platform(""));
        assert_eq!(
            split_full_name("net-http-2-1.0.0-x86_64-linux"),
            [(
                "net-http-2".to_string(),
                "1.0.0".to_string(),
                "x86_64-linux".to_string()
            )]
        );
        assert_eq!(
            split_full_name("rack-2.2.8"),
            [("rack".into(), "2.2.8".into(), "ruby".into())]
        );
        // A name that looks like a name-version-platform is ambiguous: both are offered.
        assert_eq!(split_full_name("a-1.0-java-2.0").len(), 2);
        for bad in [
            "rack",
            "rack-",
            "-1.0",
            "rack-x",
            "rack-1.0-",
            "rack-1.0-9x",
        ] {
            assert!(split_full_name(bad).is_empty(), "{bad}");
        }
    }

    #[test]
    fn requirements_read_and_write_both_forms() {
        let r = Requirement::parse("~> 1.0, >= 1.0.1", ',').unwrap();
        assert_eq!(r.display(", "), "~> 1.0, >= 1.0.1");
        assert_eq!(r.display("&"), "~> 1.0&>= 1.0.1");
        assert_eq!(Requirement::parse("~> 1.0&>= 1.0.1", '&'), Some(r));
        assert_eq!(
            Requirement::parse("1.2", ',').unwrap().display(", "),
            "= 1.2"
        );
        assert_eq!(Requirement::default().display(", "), ">= 0");
        for bad in ["=> 1", ">= x", "", ">=  "] {
            assert_eq!(Requirement::parse(bad, ','), None, "{bad}");
        }
    }

    fn spec() -> GemSpec {
        GemSpec {
            name: "foo".into(),
            version: "1.0.0".into(),
            platform: RUBY.into(),
            summary: Some("S".into()),
            description: None,
            homepage: Some("https://h".into()),
            licenses: vec!["MIT".into()],
            authors: vec!["A".into()],
            email: vec![],
            dependencies: vec![
                Dep {
                    name: "bar".into(),
                    requirement: Requirement::parse("~> 1.0, >= 1.0.1", ',').unwrap(),
                    runtime: true,
                },
                Dep {
                    name: "baz".into(),
                    requirement: Requirement::default(),
                    runtime: false,
                },
            ],
            required_ruby_version: Requirement::parse(">= 2.7", ',').unwrap(),
            required_rubygems_version: Requirement::default(),
            metadata: vec![("source_code_uri".into(), "https://src".into())],
            date: Some("2024-01-15".into()),
            rubygems_version: Some("3.3.15".into()),
            specification_version: 4,
        }
    }

    #[test]
    fn info_lines_round_trip_and_follow_the_compact_index() {
        let s = spec();
        let l = Listing::of(&s, &"ab".repeat(32));
        let line = l.info_line();
        assert_eq!(
            line,
            format!(
                "1.0.0 bar:~> 1.0&>= 1.0.1|checksum:{},ruby:>= 2.7",
                "ab".repeat(32)
            )
        );
        assert_eq!(Listing::parse_info_line(&line), Some(l.clone()));
        let mut java = s.clone();
        java.platform = "java".into();
        java.dependencies.clear();
        java.required_ruby_version = Requirement::default();
        let j = Listing::of(&java, &"cd".repeat(32));
        assert_eq!(
            j.info_line(),
            format!("1.0.0-java |checksum:{}", "cd".repeat(32))
        );
        let file = info_file(&[l.clone(), j.clone()]);
        assert!(file.starts_with("---\n"));
        assert_eq!(
            parse_info_file(&format!("created_at: x\n{file}junk line\n")),
            [l, j]
        );
        let m = s.version_meta();
        assert_eq!(m.dependencies.len(), 1, "runtime dependencies only");
        assert_eq!(
            m.dependencies[0].version_requirement.as_deref(),
            Some("~> 1.0, >= 1.0.1")
        );
        assert_eq!(m.source_code_repository.as_deref(), Some("https://src"));
        assert_eq!(m.licenses[0].name.as_deref(), Some("MIT"));
    }

    /// `script` run by ruby with the libraries these tests use, `args` after it.
    fn ruby(script: &str, args: &[&str], input: &[u8]) -> String {
        let mut all = vec!["-rzlib", "-rjson", "-rrubygems/package", "-e", script];
        all.extend_from_slice(args);
        super::super::ruby_marshal::run_ruby(&all, input)
    }

    #[test]
    fn dependencies_api_bodies_load_in_ruby() {
        let body = dependencies_body(&[
            ("foo".into(), vec![Listing::of(&spec(), "00")]),
            ("none".into(), vec![]),
        ]);
        let shown = ruby("$stdin.binmode; p Marshal.load($stdin.read)", &[], &body);
        assert_eq!(
            shown.trim(),
            r#"[{:name=>"foo", :number=>"1.0.0", :platform=>"ruby", :dependencies=>[["bar", "~> 1.0, >= 1.0.1"]]}]"#
        );
    }

    /// A gem built by the real `gem build`, read by us, served back as a quick gemspec: Ruby
    /// loads it into the same specification as a Marshal round trip of what RubyGems reads
    /// from the gem itself (which loses `licenses`: RubyGems 3.3's `_load` sets `@license`).
    #[test]
    fn gems_built_by_rubygems_read_and_serve_back() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("lib")).unwrap();
        std::fs::write(d.join("lib/foo.rb"), "module Foo; end\n").unwrap();
        std::fs::write(
            d.join("foo.gemspec"),
            r#"Gem::Specification.new do |s|
  s.name = "foo-bar"
  s.version = "1.2.0.pre.1"
  s.platform = "x86_64-linux"
  s.summary = "A summary: with 'quotes' and a very long text that goes past eighty columns for sure"
  s.description = "Line one\nLine two é\n\n  indented"
  s.authors = ["A B", "C"]
  s.email = ["a@b.c", "d@e.f"]
  s.licenses = ["MIT", "Apache-2.0"]
  s.homepage = "https://example.com/foo"
  s.files = ["lib/foo.rb"]
  s.metadata = {"source_code_uri" => "https://github.com/x/foo"}
  s.add_dependency "bar", "~> 1.0", ">= 1.0.1"
  s.add_dependency "qux"
  s.add_development_dependency "baz", "= 2.0"
  s.required_ruby_version = ">= 2.7"
end
"#,
        )
        .unwrap();
        let built = Command::new("gem")
            .args(["build", "foo.gemspec"])
            .current_dir(d)
            .env("HOME", d)
            .output()
            .expect("gem is needed (apt-get install ruby)");
        assert!(
            built.status.success(),
            "{}",
            String::from_utf8_lossy(&built.stderr)
        );
        let gem = d.join("foo-bar-1.2.0.pre.1-x86_64-linux.gem");
        let spec = read_gem(std::fs::File::open(&gem).unwrap()).unwrap();
        assert_eq!(spec.file_name(), "foo-bar-1.2.0.pre.1-x86_64-linux.gem");
        assert_eq!(spec.dependencies.len(), 3);
        assert_eq!(
            spec.description.as_deref(),
            Some("Line one\nLine two é\n\n  indented")
        );

        let fields = "[s.name, s.version.to_s, s.platform.to_s, s.summary, s.description, \
                      s.homepage, s.instance_variable_get(:@license), s.authors, s.email, s.date.to_s, \
                      s.required_ruby_version.to_s, s.required_rubygems_version.to_s, s.metadata, \
                      s.dependencies.map { |d| [d.name, d.requirement.to_s, d.type.to_s] }, \
                      s.full_name, s.original_name]";
        let ours = ruby(
            &format!(
                "$stdin.binmode; s = Marshal.load(Zlib::Inflate.inflate($stdin.read)); \
                 puts JSON.generate({fields})"
            ),
            &[],
            &spec.quick_spec(),
        );
        let theirs = ruby(
            &format!(
                "s = Marshal.load(Marshal.dump(Gem::Package.new(ARGV[0]).spec)); \
                 puts JSON.generate({fields})"
            ),
            &[gem.to_str().unwrap()],
            b"",
        );
        assert_eq!(ours, theirs);
        assert!(ours.contains(r#"["MIT","Apache-2.0"]"#), "{ours}");
    }

    #[test]
    fn malformed_gems_are_refused_with_a_reason() {
        let tar_with = |name: &str, data: &[u8]| {
            let mut h = [0u8; 512];
            h[..name.len()].copy_from_slice(name.as_bytes());
            h[100..108].copy_from_slice(b"0000644\0");
            let size = format!("{:011o}\0", data.len());
            h[124..136].copy_from_slice(size.as_bytes());
            h[156] = b'0';
            h[257..263].copy_from_slice(b"ustar\0");
            h[148..156].copy_from_slice(b"        ");
            let sum: u32 = h.iter().map(|&b| u32::from(b)).sum();
            h[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
            let mut out = h.to_vec();
            out.extend_from_slice(data);
            out.resize(512 + data.len().div_ceil(512) * 512, 0);
            out.extend_from_slice(&[0u8; 1024]);
            out
        };
        let gz = |text: &str| {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(text.as_bytes()).unwrap();
            e.finish().unwrap()
        };
        let ok = "--- !ruby/object:Gem::Specification\nname: ok\nversion: !ruby/object:Gem::Version\n  version: 1.0.0\n";
        assert_eq!(
            read_gem(tar_with("metadata.gz", &gz(ok)).as_slice())
                .unwrap()
                .name,
            "ok"
        );
        let mut bad_sum = tar_with("metadata.gz", &gz(ok));
        bad_sum[0] = b'M';
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (Vec::new(), "has no metadata.gz"),
            (b"not a tar".to_vec(), "has no metadata.gz"),
            (vec![7u8; 600], "checksum"),
            (bad_sum, "checksum"),
            (tar_with("data.tar.gz", b"x"), "has no metadata.gz"),
            (tar_with("metadata.gz", b"not gzip"), "not gzip"),
            (tar_with("metadata.gz", &gz("a: [")), "not valid YAML"),
            (tar_with("metadata.gz", &gz("version: 1")), "no name"),
            (
                tar_with("metadata.gz", &gz("name: ../x\nversion: 1")),
                "invalid gem name",
            ),
            (
                tar_with("metadata.gz", &gz("name: x\nversion: 1-rc")),
                "invalid version",
            ),
            (
                tar_with("metadata.gz", &gz("name: x\nversion: 1\nplatform: ../y")),
                "invalid platform",
            ),
            (
                tar_with(
                    "metadata.gz",
                    &gz(
                        "name: x\nversion: 1\ndependencies:\n- name: y\n  requirement:\n    requirements:\n    - - \"=>\"\n      - version: 1\n",
                    ),
                ),
                "invalid requirement",
            ),
        ];
        for (bytes, want) in cases {
            let e = read_gem(bytes.as_slice()).unwrap_err();
            assert!(e.contains(want), "{e:?} lacks {want:?}");
        }
        // Corrupted headers and metadata fail with a reason, never a panic or a huge
        // allocation.
        let good = tar_with("metadata.gz", &gz(ok));
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..3000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mut bytes = good.clone();
            let at = (seed % 700) as usize;
            bytes[at] = (seed >> 32) as u8;
            let _ = read_gem(bytes.as_slice());
        }
    }
}
