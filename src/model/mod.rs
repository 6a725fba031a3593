//! The CodeArtifact service model (botocore's service-2.json, API 2018-09-22), embedded.
//!
//! Both halves of the product are driven by it: the command line builds its options, parses
//! shorthand and validates from it, and the mock decodes requests, validates them and encodes
//! responses from the same shapes and HTTP bindings. `tools/gen.py` writes the embedded copy
//! (documentation reduced to one-line `doc` strings, paginators merged in).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;
use serde_json::Value;

const MODEL_JSON: &str = include_str!("codeartifact.json");

#[derive(Debug, Deserialize)]
pub struct Model {
    pub metadata: Metadata,
    /// Keyed by operation name (`CreateDomain`).
    pub operations: BTreeMap<String, Operation>,
    pub shapes: BTreeMap<String, Shape>,
    pub paginators: BTreeMap<String, Paginator>,
    /// Members of a paginated response that are not aggregated across pages (botocore's
    /// `non_aggregate_keys`).
    #[serde(rename = "nonAggregateKeys")]
    pub non_aggregate_keys: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize)]
pub struct Metadata {
    #[serde(rename = "apiVersion")]
    pub api_version: String,
    #[serde(rename = "signingName")]
    pub signing_name: String,
}

#[derive(Debug, Deserialize)]
pub struct Operation {
    pub name: String,
    pub http: Http,
    pub input: ShapeRef,
    pub output: Option<ShapeRef>,
    #[serde(default)]
    pub errors: Vec<ShapeRef>,
    #[serde(default)]
    pub doc: String,
}

#[derive(Debug, Deserialize)]
pub struct Http {
    pub method: String,
    #[serde(rename = "requestUri")]
    pub request_uri: String,
}

#[derive(Debug, Deserialize)]
pub struct ShapeRef {
    pub shape: String,
}

#[derive(Debug, Deserialize)]
pub struct Shape {
    #[serde(rename = "type")]
    pub kind: Kind,
    #[serde(default)]
    pub required: Vec<String>,
    /// Structure members in model order (the order botocore, and so the AWS CLI, prints them in).
    #[serde(default, deserialize_with = "ordered_members")]
    pub members: Vec<(String, Member)>,
    pub member: Option<ShapeRef>,
    pub key: Option<ShapeRef>,
    pub value: Option<ShapeRef>,
    #[serde(rename = "enum")]
    pub enum_values: Option<Vec<String>>,
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub pattern: Option<String>,
    #[serde(default)]
    pub streaming: bool,
    /// The member sent as the raw HTTP body (PublishPackageVersion, GetPackageVersionAsset).
    pub payload: Option<String>,
    #[serde(default)]
    pub exception: bool,
    pub error: Option<ErrorInfo>,
    #[serde(default)]
    pub doc: String,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Structure,
    String,
    List,
    Map,
    Integer,
    Long,
    Boolean,
    Timestamp,
    Blob,
}

#[derive(Debug, Deserialize)]
pub struct ErrorInfo {
    #[serde(rename = "httpStatusCode")]
    pub http_status_code: u16,
}

#[derive(Debug, Deserialize)]
pub struct Member {
    pub shape: String,
    /// `querystring`, `header` or absent (JSON body).
    pub location: Option<String>,
    #[serde(rename = "locationName")]
    pub location_name: Option<String>,
    #[serde(default)]
    pub doc: String,
}

#[derive(Debug, Deserialize)]
pub struct Paginator {
    pub input_token: String,
    pub output_token: String,
    pub limit_key: String,
    pub result_key: String,
}

fn ordered_members<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Vec<(String, Member)>, D::Error> {
    // serde_json is built with `preserve_order`, so a Map keeps the file's order.
    let map = serde_json::Map::<String, Value>::deserialize(d)?;
    map.into_iter()
        .map(|(k, v)| {
            serde_json::from_value(v)
                .map(|m| (k, m))
                .map_err(serde::de::Error::custom)
        })
        .collect()
}

/// The embedded model, parsed once.
pub fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| serde_json::from_str(MODEL_JSON).expect("embedded model is valid"))
}

impl Model {
    pub fn operation(&self, name: &str) -> Option<&Operation> {
        self.operations.get(name)
    }

    /// The shape called `name`; the model is closed, so a dangling name is a bug in the model file.
    pub fn shape(&self, name: &str) -> &Shape {
        self.shapes
            .get(name)
            .unwrap_or_else(|| panic!("shape {name} is not in the model"))
    }

    pub fn input(&self, op: &Operation) -> &Shape {
        self.shape(&op.input.shape)
    }

    pub fn output(&self, op: &Operation) -> Option<&Shape> {
        op.output.as_ref().map(|r| self.shape(&r.shape))
    }
}

impl Shape {
    pub fn member(&self, name: &str) -> Option<&Member> {
        self.members.iter().find(|(n, _)| n == name).map(|(_, m)| m)
    }

    pub fn is_required(&self, name: &str) -> bool {
        self.required.iter().any(|r| r == name)
    }
}

/// botocore's `xform_name(name, '-')`: the AWS CLI's spelling of an operation or member name
/// (`ListPackageVersionAssets` -> `list-package-version-assets`, `assetSHA256` -> `asset-sha256`).
pub fn cli_name(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if prev.is_ascii_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_ascii_uppercase() && next_lower)
            {
                out.push('-');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_loads_with_every_operation() {
        let m = model();
        assert_eq!(m.operations.len(), 48);
        let create = m.operation("CreateRepository").unwrap();
        assert_eq!(create.http.method, "POST");
        let input = m.input(create);
        let names: Vec<_> = input.members.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "domain",
                "domainOwner",
                "repository",
                "description",
                "upstreams",
                "tags"
            ]
        );
    }

    #[test]
    fn cli_names_match_botocore() {
        assert_eq!(
            cli_name("ListPackageVersionAssets"),
            "list-package-version-assets"
        );
        assert_eq!(cli_name("assetSHA256"), "asset-sha256");
        assert_eq!(cli_name("domainOwner"), "domain-owner");
        assert_eq!(cli_name("s3BucketArn"), "s3-bucket-arn");
        assert_eq!(cli_name("GetAuthorizationToken"), "get-authorization-token");
    }
}
