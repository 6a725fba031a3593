// placeholder: replaced by the output branch
use serde_json::{Map, Value};
pub enum Format {
    Json,
    Text,
    Table,
    Yaml,
    YamlStream,
}
impl std::str::FromStr for Format {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s {
            "json" => Ok(Format::Json),
            "text" => Ok(Format::Text),
            _ => Err(()),
        }
    }
}
pub struct Query;
impl Query {
    pub fn parse(_e: &str) -> Result<Query, String> {
        Ok(Query)
    }
}
pub enum Color {
    Auto,
    On,
    Off,
}
pub struct Options {
    pub format: Format,
    pub query: Option<Query>,
    pub color: Color,
}
pub struct Paged {
    pub result_keys: Vec<String>,
    pub non_aggregate: Map<String, Value>,
    pub pages: Vec<Value>,
    pub resume_token: Option<String>,
}
pub enum Document {
    Single(Value),
    Paged { full: Value, paged: Paged },
}
pub fn write(
    doc: &Document,
    _operation: &str,
    _opts: &Options,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let v = match doc {
        Document::Single(v) => v,
        Document::Paged { full, .. } => full,
    };
    writeln!(out, "{}", serde_json::to_string_pretty(v).unwrap())
}
pub fn iso8601_local(secs: i64, _nanos: u32) -> String {
    secs.to_string()
}
