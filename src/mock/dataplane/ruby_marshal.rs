//! Ruby's Marshal format (version 4.8), written: the subset the Ruby registry protocols put on
//! the wire. Bundler's Dependencies API answers with a Marshal dump of an array of hashes, and
//! RubyGems and Bundler fetch `quick/Marshal.4.8/{gem}.gemspec.rz`, a zlib-deflated Marshal
//! dump of a `Gem::Specification`. Both clients call Ruby's own `Marshal.load` on what we send,
//! so what is written here must be exactly what Ruby writes for the same values.
//!
//! Only writing is needed (upstream registries are read through the plain-text compact index),
//! and only the types those documents use: nil, booleans, small integers, UTF-8 strings,
//! symbols, arrays, hashes, objects with instance variables (`Gem::Dependency`), objects whose
//! class defines `marshal_dump` (`Gem::Version`, `Gem::Requirement`) or `_dump`
//! (`Gem::Specification`), and UTC times (a specification's date). Symbols are written once and
//! referred to afterwards, as Ruby does; objects are never shared, so no object links are
//! written. The unit tests compare the bytes with what the real `ruby` prints.

use std::collections::HashMap;

/// A Ruby value that can be written.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Nil,
    Bool(bool),
    /// Written as a Fixnum. Ruby writes values outside ±2^30 as Bignums instead; the ones on
    /// the wire here (a specification version) are small.
    Int(i32),
    /// A UTF-8 `String`.
    Str(String),
    Sym(String),
    Array(Vec<Value>),
    /// Entries in order (Ruby hashes keep insertion order).
    Hash(Vec<(Value, Value)>),
    /// An instance of a class whose `marshal_dump` returns the value.
    UserMarshal(String, Box<Value>),
    /// An instance of a class whose `_dump` returns these bytes.
    UserDump(String, Vec<u8>),
    /// A plain object and its instance variables (names with their `@`).
    Object(String, Vec<(String, Value)>),
    /// `Time.utc(...)`, to the second.
    UtcTime(UtcTime),
}

impl Value {
    pub fn str(s: impl Into<String>) -> Value {
        Value::Str(s.into())
    }

    pub fn sym(s: impl Into<String>) -> Value {
        Value::Sym(s.into())
    }

    /// A string, or nil when there is none.
    pub fn opt_str(s: Option<&str>) -> Value {
        s.map_or(Value::Nil, Value::str)
    }
}

/// A UTC time as Ruby's `Time#_dump` packs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UtcTime {
    pub year: u16,
    /// 1 to 12.
    pub month: u8,
    /// 1 to 31.
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

/// `Marshal.dump(value)`.
pub fn dump(value: &Value) -> Vec<u8> {
    let mut w = Writer {
        out: vec![4, 8],
        symbols: HashMap::new(),
    };
    w.value(value);
    w.out
}

struct Writer {
    out: Vec<u8>,
    /// Symbols written so far, by their index in the stream's symbol table.
    symbols: HashMap<String, usize>,
}

impl Writer {
    /// Ruby's `w_long`: small values in one byte, others as a signed byte count and the bytes,
    /// little-endian.
    fn long(&mut self, x: i64) {
        match x {
            0 => self.out.push(0),
            1..=122 => self.out.push((x + 5) as u8),
            -123..=-1 => self.out.push((x - 5) as u8),
            _ => {
                let mut bytes = Vec::new();
                let mut rest = x;
                loop {
                    bytes.push((rest & 0xff) as u8);
                    rest >>= 8;
                    if rest == 0 {
                        self.out.push(bytes.len() as u8);
                        break;
                    }
                    if rest == -1 {
                        self.out.push((-(bytes.len() as i8)) as u8);
                        break;
                    }
                }
                self.out.extend_from_slice(&bytes);
            }
        }
    }

    fn len(&mut self, n: usize) {
        self.long(i64::try_from(n).unwrap_or(i64::MAX));
    }

    fn bytes(&mut self, b: &[u8]) {
        self.len(b.len());
        self.out.extend_from_slice(b);
    }

    fn symbol(&mut self, name: &str) {
        if let Some(&i) = self.symbols.get(name) {
            self.out.push(b';');
            self.len(i);
        } else {
            self.symbols.insert(name.to_string(), self.symbols.len());
            self.out.push(b':');
            self.bytes(name.as_bytes());
        }
    }

    /// A string with its encoding as an instance variable: `E` true for UTF-8, false for
    /// US-ASCII.
    fn encoded_str(&mut self, s: &str, utf8: bool) {
        self.out.extend_from_slice(b"I\"");
        self.bytes(s.as_bytes());
        self.len(1);
        self.symbol("E");
        self.out.push(if utf8 { b'T' } else { b'F' });
    }

    fn value(&mut self, v: &Value) {
        match v {
            Value::Nil => self.out.push(b'0'),
            Value::Bool(true) => self.out.push(b'T'),
            Value::Bool(false) => self.out.push(b'F'),
            Value::Int(i) => {
                self.out.push(b'i');
                self.long(i64::from(*i));
            }
            Value::Str(s) => self.encoded_str(s, true),
            Value::Sym(s) => self.symbol(s),
            Value::Array(items) => {
                self.out.push(b'[');
                self.len(items.len());
                for item in items {
                    self.value(item);
                }
            }
            Value::Hash(entries) => {
                self.out.push(b'{');
                self.len(entries.len());
                for (k, v) in entries {
                    self.value(k);
                    self.value(v);
                }
            }
            Value::UserMarshal(class, inner) => {
                self.out.push(b'U');
                self.symbol(class);
                self.value(inner);
            }
            Value::UserDump(class, data) => {
                self.out.push(b'u');
                self.symbol(class);
                self.bytes(data);
            }
            Value::Object(class, ivars) => {
                self.out.push(b'o');
                self.symbol(class);
                self.len(ivars.len());
                for (name, v) in ivars {
                    self.symbol(name);
                    self.value(v);
                }
            }
            Value::UtcTime(t) => self.utc_time(t),
        }
    }

    /// `Time#_dump` of a UTC time (time.c, `time_mdump`): two little-endian words packing the
    /// UTC flag and the broken-down time, then the zone name as an instance variable.
    fn utc_time(&mut self, t: &UtcTime) {
        let year = u32::from(t.year.saturating_sub(1900)) & 0xffff;
        let p: u32 = 1 << 31
            | 1 << 30
            | year << 14
            | (u32::from(t.month.clamp(1, 12)) - 1) << 10
            | u32::from(t.day & 0x1f) << 5
            | u32::from(t.hour & 0x1f);
        let s: u32 = u32::from(t.minute & 0x3f) << 26 | u32::from(t.second & 0x3f) << 20;
        let mut data = p.to_le_bytes().to_vec();
        data.extend_from_slice(&s.to_le_bytes());
        self.out.push(b'I');
        self.value(&Value::UserDump("Time".into(), data));
        self.len(1);
        self.symbol("zone");
        self.encoded_str("UTC", false);
    }
}

/// Runs the real `ruby` with `args` (`-e SCRIPT`...) and `input` on its stdin; its stdout. The
/// tests of the Ruby formats check what they write against it.
#[cfg(test)]
pub(crate) fn run_ruby(args: &[&str], input: &[u8]) -> String {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("ruby")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ruby is needed (apt-get install ruby; .ci/install-clients.sh)");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input)
        .expect("write to ruby");
    let out = child.wait_with_output().expect("ruby runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("ruby prints UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the real Ruby writes for each expression (`Marshal.dump(eval(expr))`), in one run.
    fn ruby_dumps(exprs: &[&str]) -> Vec<Vec<u8>> {
        let script = format!(
            "[{}].each {{ |v| puts Marshal.dump(v).unpack1('H*') }}",
            exprs.join(", ")
        );
        run_ruby(&["-e", &script], b"")
            .lines()
            .map(|l| hex::decode(l).unwrap())
            .collect()
    }

    fn s(x: &str) -> Value {
        Value::str(x)
    }

    fn version(v: &str) -> Value {
        Value::UserMarshal("Gem::Version".into(), Box::new(Value::Array(vec![s(v)])))
    }

    fn requirement(pairs: &[(&str, &str)]) -> Value {
        Value::UserMarshal(
            "Gem::Requirement".into(),
            Box::new(Value::Array(vec![Value::Array(
                pairs
                    .iter()
                    .map(|(op, v)| Value::Array(vec![s(op), version(v)]))
                    .collect(),
            )])),
        )
    }

    #[test]
    fn values_are_written_as_ruby_writes_them() {
        let ints = [
            0, 1, 122, 123, 255, 256, -1, -123, -124, -125, -256, -257, 65535, 65536,
        ];
        let mut cases: Vec<(String, Value)> = ints
            .iter()
            .map(|i| (i.to_string(), Value::Int(*i)))
            .collect();
        cases.extend([
            ("2**30 - 1".into(), Value::Int((1 << 30) - 1)),
            ("-2**30".into(), Value::Int(-(1 << 30))),
            ("nil".into(), Value::Nil),
            ("true".into(), Value::Bool(true)),
            ("false".into(), Value::Bool(false)),
            ("''".into(), s("")),
            ("'héllo wörld'".into(), s("héllo wörld")),
            ("'x' * 300".into(), s(&"x".repeat(300))),
            ("[:a, :a, :b, 'x', :b, :E]".into(), {
                Value::Array(vec![
                    Value::sym("a"),
                    Value::sym("a"),
                    Value::sym("b"),
                    s("x"),
                    Value::sym("b"),
                    Value::sym("E"),
                ])
            }),
            ("{}".into(), Value::Hash(vec![])),
            (
                // One entry of Bundler's Dependencies API.
                "[{name: 'rack', number: '2.0.1', platform: 'ruby', \
                 dependencies: [['foo', '>= 0'], ['bar', '~> 1.0, >= 1.0.1']]}]"
                    .into(),
                Value::Array(vec![Value::Hash(vec![
                    (Value::sym("name"), s("rack")),
                    (Value::sym("number"), s("2.0.1")),
                    (Value::sym("platform"), s("ruby")),
                    (
                        Value::sym("dependencies"),
                        Value::Array(vec![
                            Value::Array(vec![s("foo"), s(">= 0")]),
                            Value::Array(vec![s("bar"), s("~> 1.0, >= 1.0.1")]),
                        ]),
                    ),
                ])]),
            ),
            ("Gem::Version.new('1.0.0.pre')".into(), version("1.0.0.pre")),
            (
                "Gem::Requirement.new(['~> 1.0', '>= 1.0.1'])".into(),
                requirement(&[("~>", "1.0"), (">=", "1.0.1")]),
            ),
            ("Time.utc(2024, 1, 15)".into(), {
                Value::UtcTime(UtcTime {
                    year: 2024,
                    month: 1,
                    day: 15,
                    hour: 0,
                    minute: 0,
                    second: 0,
                })
            }),
            ("Time.utc(1999, 12, 31, 23, 59, 58)".into(), {
                Value::UtcTime(UtcTime {
                    year: 1999,
                    month: 12,
                    day: 31,
                    hour: 23,
                    minute: 59,
                    second: 58,
                })
            }),
            (
                // A dependency as Ruby builds it, less the legacy alias of its requirement.
                "Gem::Dependency.new('bar', '~> 1.0').tap { |d| \
                 d.remove_instance_variable(:@version_requirements) }"
                    .into(),
                Value::Object(
                    "Gem::Dependency".into(),
                    vec![
                        ("@name".into(), s("bar")),
                        ("@requirement".into(), requirement(&[("~>", "1.0")])),
                        ("@type".into(), Value::sym("runtime")),
                        ("@prerelease".into(), Value::Bool(false)),
                    ],
                ),
            ),
        ]);
        let exprs: Vec<&str> = cases.iter().map(|(e, _)| e.as_str()).collect();
        let expected = ruby_dumps(&exprs);
        assert_eq!(expected.len(), cases.len());
        for ((expr, value), want) in cases.iter().zip(expected) {
            assert_eq!(dump(value), want, "Marshal.dump({expr})");
        }
    }

    #[test]
    fn user_dumps_nest_a_whole_stream() {
        // A `_dump` string is itself a Marshal stream with its own symbol table.
        let inner = dump(&Value::Array(vec![Value::sym("E"), s("a")]));
        let outer = dump(&Value::Array(vec![
            Value::sym("E"),
            Value::UserDump("Foo".into(), inner.clone()),
        ]));
        let mut want = vec![4, 8, b'[', 7, b':', 6, b'E', b'u', b':', 8];
        want.extend_from_slice(b"Foo");
        want.push(inner.len() as u8 + 5);
        want.extend_from_slice(&inner);
        assert_eq!(outer, want);
    }
}
