// placeholder: replaced by the params branch
use crate::error::Result;
use serde_json::{Map, Value};
pub enum ArgKind {
    Boolean,
    List,
    Scalar,
    Structure,
    Path,
}
pub enum Skeleton {
    Input,
    Output,
}
pub fn arg_kind(_shape: &str) -> ArgKind {
    ArgKind::Scalar
}
pub fn parse_member(_shape: &str, _option: &str, raw: &[String]) -> Result<Value> {
    Ok(Value::from(raw[0].clone()))
}
pub fn validate(_operation: &str, _params: &Value) -> Result<()> {
    Ok(())
}
pub fn cli_input_json(_operation: &str, text: &str) -> Result<Map<String, Value>> {
    Ok(serde_json::from_str(text).unwrap_or_default())
}
pub fn skeleton(_operation: &str, _which: Skeleton) -> String {
    String::new()
}
