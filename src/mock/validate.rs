//! Input validation from the model's constraints, worded the way the service (Coral/Smithy)
//! words it: `1 validation error detected: Value 'x' at 'domain' failed to satisfy constraint:
//! Member must ...`, errors joined by `; `.
//!
//! Patterns in the model are Java regular expressions matched against the whole value; the few
//! Java-only classes they use are translated for the `regex` crate.
//!
//! Asset names have a rule the model's pattern (`\P{C}+`) does not carry but the API reference
//! states: Unicode letters and numbers and ``~ ! @ ^ & ( ) - ` _ + [ ] { } ; , .`` only. It keeps
//! path separators, `..` and the like out of names that registries serve as file names, so
//! `asset_name` is the one check both planes apply.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;
use serde_json::Value;

use super::error::ApiError;
use crate::model::{self, Kind, Shape};

/// Validates `input` against the structure shape `shape_name`. Type mismatches are reported as
/// CANNOT_PARSE, constraint violations as FIELD_VALIDATION_FAILED.
pub fn validate(shape_name: &str, input: &Value) -> Result<(), ApiError> {
    let mut v = Validator {
        errors: Vec::new(),
        type_error: None,
    };
    v.structure(model::model().shape(shape_name), input, "");
    if let Some(msg) = v.type_error {
        return Err(ApiError::validation_reason("CANNOT_PARSE", msg));
    }
    match v.errors.len() {
        0 => Ok(()),
        1 => Err(ApiError::validation(format!(
            "1 validation error detected: {}",
            v.errors[0]
        ))),
        n => Err(ApiError::validation(format!(
            "{n} validation errors detected: {}",
            v.errors.join("; ")
        ))),
    }
}

struct Validator {
    errors: Vec<String>,
    type_error: Option<String>,
}

impl Validator {
    fn fail(&mut self, value: &Value, path: &str, constraint: String) {
        let shown = match value {
            Value::Null => "null".to_string(),
            Value::String(s) => format!("'{s}'"),
            other => format!("'{other}'"),
        };
        self.errors.push(format!(
            "Value {shown} at '{path}' failed to satisfy constraint: Member must {constraint}"
        ));
    }

    fn wrong_type(&mut self, path: &str, expected: &str) {
        if self.type_error.is_none() {
            self.type_error = Some(format!("Cannot parse '{path}': expected {expected}"));
        }
    }

    fn structure(&mut self, shape: &Shape, value: &Value, prefix: &str) {
        let Some(obj) = value.as_object() else {
            return self.wrong_type(prefix, "an object");
        };
        for (name, member) in &shape.members {
            let path = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}.{name}")
            };
            match obj.get(name) {
                None | Some(Value::Null) => {
                    if shape.is_required(name) {
                        self.fail(&Value::Null, &path, "not be null".into());
                    }
                }
                Some(v) => self.value(&member.shape, v, &path),
            }
        }
    }

    fn value(&mut self, shape_name: &str, value: &Value, path: &str) {
        let shape = model::model().shape(shape_name);
        match shape.kind {
            Kind::Structure => self.structure(shape, value, path),
            Kind::String => {
                let Some(s) = value.as_str() else {
                    return self.wrong_type(path, "a string");
                };
                // The service counts UTF-16 code units, like Java's String.length().
                let len = s.encode_utf16().count() as i64;
                self.length(shape, value, path, len);
                if let Some(values) = &shape.enum_values
                    && !values.iter().any(|e| e == s)
                {
                    self.fail(
                        value,
                        path,
                        format!("satisfy enum value set: [{}]", values.join(", ")),
                    );
                }
                if let Some(p) = &shape.pattern
                    && !pattern(p).is_match(s)
                {
                    self.fail(
                        value,
                        path,
                        format!("satisfy regular expression pattern: {p}"),
                    );
                } else if shape_name == ASSET_NAME_SHAPE && !asset_name_characters(s) {
                    self.fail(value, path, ASSET_NAME_RULE.to_string());
                }
            }
            Kind::Integer | Kind::Long => {
                let Some(n) = value.as_i64() else {
                    return self.wrong_type(path, "an integer");
                };
                if let Some(min) = shape.min
                    && n < min
                {
                    self.fail(
                        value,
                        path,
                        format!("have value greater than or equal to {min}"),
                    );
                }
                if let Some(max) = shape.max
                    && n > max
                {
                    self.fail(
                        value,
                        path,
                        format!("have value less than or equal to {max}"),
                    );
                }
            }
            Kind::Boolean => {
                if !value.is_boolean() {
                    self.wrong_type(path, "a boolean");
                }
            }
            Kind::Timestamp => {
                if !value.is_number() {
                    self.wrong_type(path, "a timestamp");
                }
            }
            // Blobs arrive either base64 in JSON or as a staged payload object; both are opaque here.
            Kind::Blob => {}
            Kind::List => {
                let Some(items) = value.as_array() else {
                    return self.wrong_type(path, "a list");
                };
                self.length(shape, value, path, items.len() as i64);
                let member = &shape
                    .member
                    .as_ref()
                    .expect("list shape has a member")
                    .shape;
                for (i, item) in items.iter().enumerate() {
                    self.value(member, item, &format!("{path}.{}.member", i + 1));
                }
            }
            Kind::Map => {
                let Some(obj) = value.as_object() else {
                    return self.wrong_type(path, "a map");
                };
                self.length(shape, value, path, obj.len() as i64);
                let key = &shape.key.as_ref().expect("map shape has a key").shape;
                let val = &shape.value.as_ref().expect("map shape has a value").shape;
                for (k, v) in obj {
                    self.value(key, &Value::String(k.clone()), &format!("{path}.{k}.key"));
                    self.value(val, v, &format!("{path}.{k}.value"));
                }
            }
        }
    }

    fn length(&mut self, shape: &Shape, value: &Value, path: &str, len: i64) {
        if let Some(min) = shape.min
            && len < min
        {
            self.fail(
                value,
                path,
                format!("have length greater than or equal to {min}"),
            );
        }
        if let Some(max) = shape.max
            && len > max
        {
            self.fail(
                value,
                path,
                format!("have length less than or equal to {max}"),
            );
        }
    }
}

const ASSET_NAME_SHAPE: &str = "AssetName";

/// What the service allows in an asset name, worded as a constraint ("Member must ...").
pub const ASSET_NAME_RULE: &str = "contain only Unicode letters and numbers and the characters \
     ~ ! @ ^ & ( ) - ` _ + [ ] { } ; , . (and not be . or ..)";

/// Checks an asset name against the service's rule (API reference, PublishPackageVersion
/// `assetName`): 1 to 255 characters (UTF-16 units, as the service counts) of those
/// `asset_name_characters` accepts.
pub fn asset_name(name: &str) -> Result<(), String> {
    let len = name.encode_utf16().count();
    if (1..=255).contains(&len) && asset_name_characters(name) {
        Ok(())
    } else {
        Err(format!(
            "invalid asset name {name:?}: an asset name is 1 to 255 characters long and must {ASSET_NAME_RULE}"
        ))
    }
}

/// The characters part of the rule (the model checks the length). Combining marks count with
/// the letter they decorate, so a decomposed `é` passes like a composed one; `.` and `..` are
/// made of allowed characters but name no file.
fn asset_name_characters(name: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^[\p{L}\p{M}\p{N}~!@^&()\-`_+\[\]{};,.]+$").expect("valid pattern")
    });
    re.is_match(name) && name != "." && name != ".."
}

/// The compiled, anchored form of a model pattern. Every pattern of the model is compiled on
/// first use; a pattern the translation cannot handle is a bug caught by the unit test below.
fn pattern(java: &str) -> &'static Regex {
    static CACHE: OnceLock<HashMap<String, Regex>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| {
        model::model()
            .shapes
            .values()
            .filter_map(|s| s.pattern.as_ref())
            .map(|p| {
                let re = Regex::new(&format!("^(?:{})$", translate_java_regex(p)))
                    .unwrap_or_else(|e| panic!("model pattern {p} does not translate: {e}"));
                (p.clone(), re)
            })
            .collect()
    });
    cache.get(java).expect("patterns come from the model")
}

/// Java regex syntax the `regex` crate spells differently: `\p{IsWhitespace}` (Java's
/// `Character.isWhitespace`) is `\s`, and `\p{IsX}` binary properties drop the `Is`.
pub fn translate_java_regex(java: &str) -> String {
    java.replace(r"\p{IsWhitespace}", r"\s")
        .replace(r"\P{IsWhitespace}", r"\S")
        .replace(r"\p{Is", r"\p{")
        .replace(r"\P{Is", r"\P{")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_model_pattern_compiles() {
        for s in model::model().shapes.values() {
            if let Some(p) = &s.pattern {
                let _ = pattern(p);
            }
        }
    }

    #[test]
    fn java_classes_translate() {
        let re = pattern(r"[^\p{C}\p{IsWhitespace}]+");
        assert!(re.is_match("/npm/foo"));
        assert!(!re.is_match("/npm/ foo"));
        assert!(!re.is_match("a\u{7}b"));
    }

    #[test]
    fn patterns_match_the_whole_value() {
        let err = validate("DescribeDomainRequest", &json!({"domain": "Bad_Domain"})).unwrap_err();
        assert_eq!(err.code, "ValidationException");
        assert!(
            err.message
                .starts_with("1 validation error detected: Value 'Bad_Domain' at 'domain'"),
            "{}",
            err.message
        );
        assert!(validate("DescribeDomainRequest", &json!({"domain": "good-domain"})).is_ok());
    }

    #[test]
    fn asset_names_follow_the_service_rule() {
        for good in [
            "package.tgz",
            "lib-1.0-SNAPSHOT.jar",
            "pkg-1.0+local-py3-none-any.whl",
            "a~!@^&()-`_+[]{};,.b",
            "données.bin",
            "e\u{301}t\u{e9}",
            "..x",
            "x..",
        ] {
            assert!(asset_name(good).is_ok(), "{good}");
        }
        let long = "a".repeat(256);
        for bad in [
            "",
            ".",
            "..",
            "../../x",
            "/tmp/x",
            "a/b",
            "a\\b",
            "a b",
            "a\tb",
            "a:b",
            "a%2fb",
            "a?b",
            "a#b",
            "a\u{200b}b",
            &long,
        ] {
            assert!(asset_name(bad).is_err(), "{bad:?}");
        }
        let err = validate(
            "GetPackageVersionAssetRequest",
            &json!({"domain": "dom", "repository": "repo", "format": "generic", "namespace": "n",
                    "package": "p", "packageVersion": "1", "asset": "../../x"}),
        )
        .unwrap_err();
        assert_eq!(
            err.message,
            format!(
                "1 validation error detected: Value '../../x' at 'asset' failed to satisfy \
                 constraint: Member must {ASSET_NAME_RULE}"
            )
        );
    }

    #[test]
    fn several_errors_are_counted_and_joined() {
        let err = validate(
            "CreateRepositoryRequest",
            &json!({"domain": "d", "description": "x"}),
        )
        .unwrap_err();
        // 'd' breaks both the length and the pattern of DomainName.
        assert!(
            err.message.starts_with("3 validation errors detected: "),
            "{}",
            err.message
        );
        assert!(err.message.contains(
            "Value null at 'repository' failed to satisfy constraint: Member must not be null"
        ));
        assert!(err.message.contains("; "));
    }

    #[test]
    fn nested_lists_and_ranges() {
        let err = validate(
            "TagResourceRequest",
            &json!({"resourceArn": "arn:x", "tags": [{"key": "k", "value": "v"}, {"key": "", "value": "v"}]}),
        )
        .unwrap_err();
        assert!(
            err.message.contains("at 'tags.2.member.key'"),
            "{}",
            err.message
        );
        let err = validate("ListDomainsRequest", &json!({"maxResults": 0})).unwrap_err();
        assert!(err.message.contains("greater than or equal to 1"));
        let err = validate("ListDomainsRequest", &json!({"maxResults": "ten"})).unwrap_err();
        assert_eq!(err.fields["reason"], "CANNOT_PARSE");
    }
}
