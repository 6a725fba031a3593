//! Output formats (placeholder until the output layer lands).

pub fn iso8601_local(secs: i64, nanos: u32) -> String {
    let _ = (secs, nanos);
    String::new()
}
