//! `--query`: JMESPath evaluated the way the AWS CLI's Python `jmespath` package evaluates it.
//!
//! The expression comes from our port of Python's parser (parser.rs); evaluation runs over
//! `serde_json::Value`, whose objects keep insertion order as Python dicts do: the AWS CLI
//! prints query results in the response's key order and multi-select hashes in expression
//! order, and byte-identical output depends on it. Python's semantics are kept where they
//! differ from the specification: strings compare with `<`, `True == 1` inside containers,
//! `sum`/`abs`/`ceil` keep integers integers, and error messages are Python's.
//! Results borrow from the input where they can (`Cow`), so `--query packages` over a large
//! listing does not copy more than the selected part.

use std::borrow::Cow;
use std::cmp::Ordering;

use serde_json::{Map, Number, Value};

use super::py;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node {
    Identity,
    Field(String),
    /// `a.b.c`: each child applied to the result of the previous one.
    Subexpr(Vec<Node>),
    /// `a[0][1]`: like `Subexpr`, kept apart because the parser extends it differently.
    IndexExpr(Vec<Node>),
    Pipe(Box<Node>, Box<Node>),
    Index(i64),
    Slice(Option<i64>, Option<i64>, Option<i64>),
    Literal(Value),
    Or(Box<Node>, Box<Node>),
    And(Box<Node>, Box<Node>),
    Not(Box<Node>),
    Compare(Cmp, Box<Node>, Box<Node>),
    Condition(Box<Node>, Box<Node>),
    Projection(Box<Node>, Box<Node>),
    Flatten(Box<Node>),
    ObjectValues(Box<Node>),
    MultiList(Vec<Node>),
    MultiHash(Vec<(String, Node)>),
    Function(String, Vec<Node>),
    Expref(Box<Node>),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// A parsed `--query` expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    root: Node,
}

impl Query {
    /// The end of the message for an expression nested too deeply: the AWS CLI reports Python's
    /// RecursionError with exit 255, not as a usage error.
    pub const RECURSION: &'static str = super::parser::RECURSION;

    /// Parses `expr`. The error is the whole message the AWS CLI prints for a bad `--query`
    /// (`Bad value for --query EXPR: ...`).
    pub fn parse(expr: &str) -> Result<Query, String> {
        super::parser::parse(expr)
            .map(|root| Query { root })
            .map_err(|e| format!("Bad value for --query {expr}: {e}"))
    }

    /// Evaluates the expression against `data`. The error is the message of the Python
    /// exception the AWS CLI would print.
    pub fn search<'a>(&self, data: &'a Value) -> Result<Cow<'a, Value>, String> {
        eval(&self.root, data)
    }
}

type Res<'a> = Result<Cow<'a, Value>, String>;

const NULL: Value = Value::Null;

/// Applies `node` to an intermediate result, keeping what borrows from the input borrowed.
fn chain<'a>(left: Cow<'a, Value>, node: &Node) -> Res<'a> {
    match left {
        Cow::Borrowed(l) => eval(node, l),
        Cow::Owned(l) => Ok(Cow::Owned(eval(node, &l)?.into_owned())),
    }
}

fn null<'a>() -> Cow<'a, Value> {
    Cow::Borrowed(&NULL)
}

/// Python jmespath's `_is_false`: empty string, list or object, null and false.
fn is_false(v: &Value) -> bool {
    match v {
        Value::Null | Value::Bool(false) => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(m) => m.is_empty(),
        _ => false,
    }
}

fn eval<'a>(node: &Node, v: &'a Value) -> Res<'a> {
    match node {
        Node::Identity => Ok(Cow::Borrowed(v)),
        Node::Field(name) => Ok(v.get(name.as_str()).map_or_else(null, Cow::Borrowed)),
        Node::Subexpr(children) | Node::IndexExpr(children) => {
            let mut result = Cow::Borrowed(v);
            for child in children {
                result = chain(result, child)?;
            }
            Ok(result)
        }
        Node::Pipe(lhs, rhs) => chain(eval(lhs, v)?, rhs),
        Node::Index(i) => Ok(match v {
            Value::Array(a) => {
                let idx = if *i < 0 { a.len() as i64 + i } else { *i };
                if idx < 0 { None } else { a.get(idx as usize) }.map_or_else(null, Cow::Borrowed)
            }
            _ => null(),
        }),
        Node::Slice(start, stop, step) => match v {
            Value::Array(a) => Ok(Cow::Owned(Value::Array(slice(
                a,
                *start,
                *stop,
                step.unwrap_or(1),
            )?))),
            _ => Ok(null()),
        },
        Node::Literal(l) => Ok(Cow::Owned(l.clone())),
        Node::Or(lhs, rhs) => {
            let left = eval(lhs, v)?;
            if is_false(&left) {
                eval(rhs, v)
            } else {
                Ok(left)
            }
        }
        Node::And(lhs, rhs) => {
            let left = eval(lhs, v)?;
            if is_false(&left) {
                Ok(left)
            } else {
                eval(rhs, v)
            }
        }
        Node::Not(n) => {
            let r = eval(n, v)?;
            // Python: `not x`, except that a numeric zero counts as true.
            let b = match &*r {
                Value::Number(_) => false,
                other => is_false(other),
            };
            Ok(Cow::Owned(Value::Bool(b)))
        }
        Node::Compare(c, lhs, rhs) => {
            let l = eval(lhs, v)?;
            let r = eval(rhs, v)?;
            compare(*c, &l, &r).map(|o| Cow::Owned(o.map_or(Value::Null, Value::Bool)))
        }
        Node::Condition(pred, then) => {
            if is_false(&*eval(pred, v)?) {
                Ok(null())
            } else {
                eval(then, v)
            }
        }
        Node::Projection(lhs, rhs) => {
            let apply = |e: &Value, out: &mut Vec<Value>| -> Result<(), String> {
                let cur = eval(rhs, e)?;
                if !cur.is_null() {
                    out.push(cur.into_owned());
                }
                Ok(())
            };
            // `list[].x` and `obj.*.x` project over the flattened list or the values without
            // building (copying) that intermediate list first.
            match &**lhs {
                Node::Flatten(n) => {
                    let base = eval(n, v)?;
                    let Value::Array(items) = &*base else {
                        return Ok(null());
                    };
                    let mut out = Vec::with_capacity(items.len());
                    for e in items {
                        match e {
                            Value::Array(inner) => {
                                inner.iter().try_for_each(|x| apply(x, &mut out))?;
                            }
                            other => apply(other, &mut out)?,
                        }
                    }
                    Ok(Cow::Owned(Value::Array(out)))
                }
                Node::ObjectValues(n) => {
                    let base = eval(n, v)?;
                    let Value::Object(m) = &*base else {
                        return Ok(null());
                    };
                    let mut out = Vec::with_capacity(m.len());
                    m.values().try_for_each(|x| apply(x, &mut out))?;
                    Ok(Cow::Owned(Value::Array(out)))
                }
                other => project(eval(other, v)?, apply),
            }
        }
        Node::Flatten(n) => {
            let base = eval(n, v)?;
            project(base, |e, out| {
                match e {
                    Value::Array(inner) => out.extend(inner.iter().cloned()),
                    other => out.push(other.clone()),
                }
                Ok(())
            })
        }
        Node::ObjectValues(n) => {
            let base = eval(n, v)?;
            Ok(match &*base {
                Value::Object(m) => Cow::Owned(Value::Array(m.values().cloned().collect())),
                _ => null(),
            })
        }
        Node::MultiList(elements) => {
            if v.is_null() {
                return Ok(null());
            }
            let mut out = Vec::with_capacity(elements.len());
            for e in elements {
                out.push(eval(e, v)?.into_owned());
            }
            Ok(Cow::Owned(Value::Array(out)))
        }
        Node::MultiHash(elements) => {
            if v.is_null() {
                return Ok(null());
            }
            let mut out = Map::new();
            for (k, e) in elements {
                out.insert(k.clone(), eval(e, v)?.into_owned());
            }
            Ok(Cow::Owned(Value::Object(out)))
        }
        Node::Function(name, args) => call_function(name, args, v).map(Cow::Owned),
        // Python returns an expression object here, which nothing can print; null is the
        // closest printable value.
        Node::Expref(_) => Ok(null()),
    }
}

/// Runs `f` over the elements of `base` when it is a list (else null), collecting into a list.
fn project<'a>(
    base: Cow<'a, Value>,
    mut f: impl FnMut(&Value, &mut Vec<Value>) -> Result<(), String>,
) -> Res<'a> {
    match &*base {
        Value::Array(a) => {
            let mut out = Vec::with_capacity(a.len());
            for e in a {
                f(e, &mut out)?;
            }
            Ok(Cow::Owned(Value::Array(out)))
        }
        _ => Ok(null()),
    }
}

/// Python's list slicing (`PySlice_AdjustIndices`).
fn slice(
    a: &[Value],
    start: Option<i64>,
    stop: Option<i64>,
    step: i64,
) -> Result<Vec<Value>, String> {
    if step == 0 {
        return Err("slice step cannot be zero".into());
    }
    let len = a.len() as i64;
    let adjust = |i: Option<i64>, default: i64| -> i64 {
        match i {
            None => default,
            Some(i) if i < 0 => {
                let i = i + len;
                if i < 0 {
                    if step < 0 { -1 } else { 0 }
                } else {
                    i
                }
            }
            Some(i) if i >= len => {
                if step < 0 {
                    len - 1
                } else {
                    len
                }
            }
            Some(i) => i,
        }
    };
    let (s, e) = if step > 0 {
        (adjust(start, 0), adjust(stop, len))
    } else {
        (adjust(start, len - 1), adjust(stop, -1))
    };
    let mut out = Vec::new();
    let mut i = s;
    while (step > 0 && i < e) || (step < 0 && i > e) {
        out.push(a[i as usize].clone());
        i += step;
    }
    Ok(out)
}

fn is_number(v: &Value) -> bool {
    matches!(v, Value::Number(_))
}

fn num_cmp(a: &Number, b: &Number) -> Ordering {
    match (a.as_i64(), b.as_i64()) {
        (Some(x), Some(y)) => x.cmp(&y),
        _ => {
            let (x, y) = (
                a.as_f64().unwrap_or(f64::NAN),
                b.as_f64().unwrap_or(f64::NAN),
            );
            x.partial_cmp(&y).unwrap_or(Ordering::Equal)
        }
    }
}

/// Python's `==` between JSON values: numbers by value, `True == 1`, dicts regardless of order.
fn py_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Bool(x), Value::Number(n)) | (Value::Number(n), Value::Bool(x)) => {
            n.as_f64() == Some(if *x { 1.0 } else { 0.0 })
        }
        (Value::Number(x), Value::Number(y)) => {
            num_cmp(x, y) == Ordering::Equal && x.as_f64() == y.as_f64()
        }
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| py_eq(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| py_eq(v, w)))
        }
        _ => false,
    }
}

fn jp_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Python's ordering of two values, or its TypeError message.
fn py_order(op: &str, a: &Value, b: &Value) -> Result<Ordering, String> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => Ok(num_cmp(x, y)),
        (Value::String(x), Value::String(y)) => Ok(x.cmp(y)),
        _ => Err(format!(
            "'{op}' not supported between instances of '{}' and '{}'",
            py::type_name(a),
            py::type_name(b)
        )),
    }
}

fn compare(c: Cmp, l: &Value, r: &Value) -> Result<Option<bool>, String> {
    let special = |x: &Value, y: &Value| {
        // jmespath's `_is_special_number_case`: 0 and 1 never equal false and true.
        matches!(x, Value::Number(n) if n.as_f64() == Some(0.0) || n.as_f64() == Some(1.0))
            && y.is_boolean()
    };
    let equals = |x: &Value, y: &Value| !(special(x, y) || special(y, x)) && py_eq(x, y);
    let comparable = |x: &Value| is_number(x) || x.is_string();
    let op = match c {
        Cmp::Eq => return Ok(Some(equals(l, r))),
        Cmp::Ne => return Ok(Some(!equals(l, r))),
        Cmp::Lt => "<",
        Cmp::Le => "<=",
        Cmp::Gt => ">",
        Cmp::Ge => ">=",
    };
    if !(comparable(l) && comparable(r)) {
        return Ok(None);
    }
    let o = py_order(op, l, r)?;
    Ok(Some(match c {
        Cmp::Lt => o == Ordering::Less,
        Cmp::Le => o != Ordering::Greater,
        Cmp::Gt => o == Ordering::Greater,
        _ => o != Ordering::Less,
    }))
}

/// A function argument: a value, or an expression reference (`&expr`).
enum Arg<'n, 'a> {
    Val(Cow<'a, Value>),
    Expref(&'n Node),
}

impl Arg<'_, '_> {
    fn val(&self) -> &Value {
        match self {
            Arg::Val(v) => v,
            Arg::Expref(_) => &NULL,
        }
    }
}

/// Signatures as in jmespath/functions.py: allowed types per argument; the last may repeat.
fn signature(name: &str) -> Option<(&'static [&'static [&'static str]], bool)> {
    const NUM: &[&str] = &["number"];
    const STR: &[&str] = &["string"];
    const OBJ: &[&str] = &["object"];
    const ARR: &[&str] = &["array"];
    const ANY: &[&str] = &[];
    const EXP: &[&str] = &["expref"];
    Some(match name {
        "abs" | "ceil" | "floor" => (&[NUM], false),
        "avg" | "sum" => (&[&["array-number"]], false),
        "not_null" => (&[ANY], true),
        "to_array" | "to_string" | "to_number" | "type" => (&[ANY], false),
        "contains" => (&[&["array", "string"], ANY], false),
        "length" => (&[&["string", "array", "object"]], false),
        "ends_with" | "starts_with" => (&[STR, STR], false),
        "reverse" => (&[&["array", "string"]], false),
        "join" => (&[STR, &["array-string"]], false),
        "map" => (&[EXP, ARR], false),
        "max" | "min" => (&[&["array-number", "array-string"]], false),
        "sort" => (&[&["array-string", "array-number"]], false),
        "merge" => (&[OBJ], true),
        "keys" | "values" => (&[OBJ], false),
        "sort_by" | "min_by" | "max_by" => (&[ARR, EXP], false),
        _ => return None,
    })
}

fn types_repr(types: &[&str]) -> String {
    let inner: Vec<String> = types.iter().map(|t| format!("'{t}'")).collect();
    format!("[{}]", inner.join(", "))
}

fn type_error(function: &str, value: &Value, actual: &str, types: &[&str]) -> String {
    format!(
        "In function {function}(), invalid type for value: {}, expected one of: {}, received: \"{actual}\"",
        py::str_of(value),
        types_repr(types)
    )
}

/// jmespath's `_type_check_single`, including the element checks of `array-<type>`.
fn check_type(function: &str, arg: &Arg<'_, '_>, types: &[&str]) -> Result<(), String> {
    if types.is_empty() {
        return Ok(());
    }
    let actual = match arg {
        Arg::Expref(_) => "expref",
        Arg::Val(v) => jp_type(v),
    };
    let top_ok = types.iter().any(|t| t.split('-').next() == Some(actual));
    if !top_ok {
        return Err(type_error(function, arg.val(), actual, types));
    }
    let subtypes: Vec<&str> = types
        .iter()
        .filter_map(|t| t.split_once('-').map(|(_, s)| s))
        .collect();
    let Value::Array(items) = arg.val() else {
        return Ok(());
    };
    if subtypes.is_empty() {
        return Ok(());
    }
    let allowed: &str = if subtypes.len() == 1 {
        subtypes[0]
    } else {
        let Some(first) = items.first() else {
            return Ok(());
        };
        match subtypes
            .iter()
            .find(|s| **s == jp_type(first) && !first.is_boolean())
        {
            Some(s) => s,
            None => return Err(type_error(function, first, py::type_name(first), types)),
        }
    };
    for e in items {
        let ok = match allowed {
            "number" => is_number(e),
            "string" => e.is_string(),
            _ => true,
        };
        if !ok {
            return Err(type_error(function, e, py::type_name(e), types));
        }
    }
    Ok(())
}

fn arity_error(name: &str, expected: usize, actual: usize, variadic: bool) -> String {
    let word = if expected == 1 {
        "argument"
    } else {
        "arguments"
    };
    let least = if variadic { "at least " } else { "" };
    format!("Expected {least}{expected} {word} for function {name}(), received {actual}")
}

fn int_value(i: i128) -> Value {
    if let Ok(x) = i64::try_from(i) {
        Value::from(x)
    } else if let Ok(x) = u64::try_from(i) {
        Value::from(x)
    } else {
        float_value(i as f64)
    }
}

fn float_value(f: f64) -> Value {
    Number::from_f64(f).map_or(Value::Null, Value::Number)
}

/// Python's `math.ceil`/`math.floor` of a float: an int.
fn float_to_int(f: f64) -> Value {
    if f.is_finite() && f.abs() < 9.2e18 {
        Value::from(f as i64)
    } else {
        float_value(f)
    }
}

fn call_function(name: &str, nodes: &[Node], v: &Value) -> Result<Value, String> {
    let mut args: Vec<Arg<'_, '_>> = Vec::with_capacity(nodes.len());
    for n in nodes {
        args.push(match n {
            Node::Expref(inner) => Arg::Expref(inner),
            other => Arg::Val(eval(other, v)?),
        });
    }
    let Some((sig, variadic)) = signature(name) else {
        return Err(format!("Unknown function: {name}()"));
    };
    if (variadic && args.len() < sig.len()) || (!variadic && args.len() != sig.len()) {
        return Err(arity_error(name, sig.len(), args.len(), variadic));
    }
    // Like jmespath, only the declared parameters are type-checked, not the variadic rest.
    for (arg, types) in args.iter().zip(sig.iter()) {
        check_type(name, arg, types)?;
    }
    let a0 = args[0].val();
    let expref = |i: usize| match args.get(i) {
        Some(Arg::Expref(n)) => *n,
        _ => &Node::Identity,
    };
    Ok(match name {
        "abs" => match a0 {
            Value::Number(n) if n.is_f64() => float_value(n.as_f64().unwrap_or(0.0).abs()),
            Value::Number(n) => int_value(
                i128::from(n.as_i64().unwrap_or(0))
                    .abs()
                    .max(n.as_u64().map_or(0, i128::from)),
            ),
            _ => Value::Null,
        },
        "avg" => {
            let items = a0.as_array().map_or(&[][..], Vec::as_slice);
            if items.is_empty() {
                Value::Null
            } else {
                let total = py_sum(items);
                float_value(total.as_f64().unwrap_or(0.0) / items.len() as f64)
            }
        }
        "sum" => py_sum(a0.as_array().map_or(&[][..], Vec::as_slice)),
        "ceil" | "floor" => match a0 {
            Value::Number(n) if n.is_f64() => {
                let f = n.as_f64().unwrap_or(0.0);
                float_to_int(if name == "ceil" { f.ceil() } else { f.floor() })
            }
            other => other.clone(),
        },
        "not_null" => args
            .iter()
            .map(Arg::val)
            .find(|x| !x.is_null())
            .cloned()
            .unwrap_or(Value::Null),
        "to_array" => match a0 {
            Value::Array(_) => a0.clone(),
            other => Value::Array(vec![other.clone()]),
        },
        "to_string" => match a0 {
            Value::String(_) => a0.clone(),
            other => Value::String(py::json_compact(other)),
        },
        "to_number" => match a0 {
            Value::Number(_) => a0.clone(),
            Value::String(s) => to_number(s),
            _ => Value::Null,
        },
        "type" => Value::String(jp_type(a0).into()),
        "contains" => {
            let search = args[1].val();
            match a0 {
                Value::String(s) => match search {
                    Value::String(needle) => Value::Bool(s.contains(needle.as_str())),
                    other => {
                        return Err(format!(
                            "'in <string>' requires string as left operand, not {}",
                            py::type_name(other)
                        ));
                    }
                },
                Value::Array(items) => Value::Bool(items.iter().any(|e| py_eq(e, search))),
                _ => Value::Null,
            }
        }
        "length" => Value::from(match a0 {
            Value::String(s) => s.chars().count(),
            Value::Array(a) => a.len(),
            Value::Object(m) => m.len(),
            _ => 0,
        }),
        "starts_with" | "ends_with" => {
            let (s, fix) = (
                a0.as_str().unwrap_or(""),
                args[1].val().as_str().unwrap_or(""),
            );
            Value::Bool(if name == "starts_with" {
                s.starts_with(fix)
            } else {
                s.ends_with(fix)
            })
        }
        "reverse" => match a0 {
            Value::String(s) => Value::String(s.chars().rev().collect()),
            Value::Array(a) => Value::Array(a.iter().rev().cloned().collect()),
            _ => Value::Null,
        },
        "join" => {
            let sep = a0.as_str().unwrap_or("");
            let parts: Vec<&str> = args[1]
                .val()
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            Value::String(parts.join(sep))
        }
        "map" => {
            let e = expref(0);
            let mut out = Vec::new();
            for item in args[1].val().as_array().map_or(&[][..], Vec::as_slice) {
                out.push(eval(e, item)?.into_owned());
            }
            Value::Array(out)
        }
        "max" | "min" => {
            let items = a0.as_array().map_or(&[][..], Vec::as_slice);
            extreme(
                name == "max",
                items.iter().map(|x| Ok((x, Cow::Borrowed(x)))),
            )?
            .cloned()
            .unwrap_or(Value::Null)
        }
        "sort" => {
            let mut items = a0.as_array().cloned().unwrap_or_default();
            items.sort_by(|x, y| py_order("<", x, y).unwrap_or(Ordering::Equal));
            Value::Array(items)
        }
        "merge" => {
            let mut out = Map::new();
            for arg in &args {
                match arg.val() {
                    Value::Object(m) => {
                        for (k, x) in m {
                            out.insert(k.clone(), x.clone());
                        }
                    }
                    other => dict_update(&mut out, other)?,
                }
            }
            Value::Object(out)
        }
        "keys" => Value::Array(
            a0.as_object()
                .map(|m| m.keys().cloned().map(Value::String).collect())
                .unwrap_or_default(),
        ),
        "values" => Value::Array(
            a0.as_object()
                .map(|m| m.values().cloned().collect())
                .unwrap_or_default(),
        ),
        "sort_by" => sort_by(a0.as_array().map_or(&[][..], Vec::as_slice), expref(1))?,
        "min_by" | "max_by" => {
            let e = expref(1);
            let items = a0.as_array().map_or(&[][..], Vec::as_slice);
            let keyed = items.iter().map(|x| {
                let k = eval(e, x)?;
                let t = jp_type(&k);
                if t != "number" && t != "string" {
                    return Err(type_error(name, &k, t, &["number", "string"]));
                }
                Ok((x, k))
            });
            extreme(name == "max_by", keyed)?
                .cloned()
                .unwrap_or(Value::Null)
        }
        _ => return Err(format!("Unknown function: {name}()")),
    })
}

/// Python's `dict.update(x)` for a later `merge` argument that is not an object (only the
/// first is type-checked): `x` must be a sequence of key/value pairs.
fn dict_update(out: &mut Map<String, Value>, x: &Value) -> Result<(), String> {
    let chars =
        |s: &str| -> Vec<Value> { s.chars().map(|c| Value::String(c.to_string())).collect() };
    let items: Vec<Value> = match x {
        Value::Array(a) => a.clone(),
        Value::String(s) => chars(s),
        other => return Err(format!("'{}' object is not iterable", py::type_name(other))),
    };
    for (i, item) in items.iter().enumerate() {
        let pair: Vec<Value> = match item {
            Value::Array(a) => a.clone(),
            Value::String(s) => chars(s),
            Value::Object(m) => m.keys().cloned().map(Value::String).collect(),
            _ => {
                return Err(format!(
                    "cannot convert dictionary update sequence element #{i} to a sequence"
                ));
            }
        };
        if pair.len() != 2 {
            return Err(format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                pair.len()
            ));
        }
        match &pair[0] {
            Value::String(k) => {
                out.insert(k.clone(), pair[1].clone());
            }
            Value::Array(_) | Value::Object(_) => {
                return Err(format!("unhashable type: '{}'", py::type_name(&pair[0])));
            }
            // Python would key the dict by a number or None, which JSON cannot hold as such.
            other => {
                out.insert(py::str_of(other), pair[1].clone());
            }
        }
    }
    Ok(())
}

/// Python's `max()`/`min()` over (item, key) pairs: the first extreme item wins.
fn extreme<'v, 'k>(
    max: bool,
    items: impl Iterator<Item = Result<(&'v Value, Cow<'k, Value>), String>>,
) -> Result<Option<&'v Value>, String> {
    let op = if max { ">" } else { "<" };
    let mut best: Option<(&Value, Cow<'_, Value>)> = None;
    for item in items {
        let (x, k) = item?;
        best = match best {
            None => Some((x, k)),
            Some((bx, bk)) => {
                let o = py_order(op, &k, &bk)?;
                let better = if max {
                    o == Ordering::Greater
                } else {
                    o == Ordering::Less
                };
                if better { Some((x, k)) } else { Some((bx, bk)) }
            }
        };
    }
    Ok(best.map(|(x, _)| x))
}

fn sort_by(items: &[Value], e: &Node) -> Result<Value, String> {
    if items.is_empty() {
        return Ok(Value::Array(Vec::new()));
    }
    let first_key = eval(e, &items[0])?;
    let required = jp_type(&first_key);
    if required != "number" && required != "string" {
        return Err(type_error(
            "sort_by",
            &items[0],
            required,
            &["string", "number"],
        ));
    }
    let mut keyed = Vec::with_capacity(items.len());
    for x in items {
        let k = eval(e, x)?.into_owned();
        let t = jp_type(&k);
        if t != required {
            return Err(type_error("sort_by", &k, t, &[required]));
        }
        keyed.push((k, x));
    }
    keyed.sort_by(|a, b| py_order("<", &a.0, &b.0).unwrap_or(Ordering::Equal));
    Ok(Value::Array(
        keyed.into_iter().map(|(_, x)| x.clone()).collect(),
    ))
}

/// Python's `sum()`: exact while every term is an int, a float from the first float on.
fn py_sum(items: &[Value]) -> Value {
    let mut int_acc: i128 = 0;
    let mut float_acc: Option<f64> = None;
    for x in items {
        let Value::Number(n) = x else { continue };
        match (float_acc, n.is_f64()) {
            (None, false) => {
                int_acc += n
                    .as_i64()
                    .map(i128::from)
                    .or(n.as_u64().map(i128::from))
                    .unwrap_or(0);
            }
            (None, true) => float_acc = Some(int_acc as f64 + n.as_f64().unwrap_or(0.0)),
            (Some(f), _) => float_acc = Some(f + n.as_f64().unwrap_or(0.0)),
        }
    }
    match float_acc {
        Some(f) => float_value(f),
        None => int_value(int_acc),
    }
}

/// `int(s)`, else `float(s)`, else null, as jmespath's `to_number` does.
fn to_number(s: &str) -> Value {
    let t = s.trim();
    let digits_ok = |x: &str| {
        let body = x.strip_prefix(['+', '-']).unwrap_or(x);
        !body.is_empty()
            && !body.starts_with('_')
            && !body.ends_with('_')
            && !body.contains("__")
            && body.chars().all(|c| c.is_ascii_digit() || c == '_')
    };
    if digits_ok(t)
        && let Ok(i) = t.replace('_', "").parse::<i128>()
    {
        return int_value(i);
    }
    match t.replace('_', "").parse::<f64>() {
        Ok(f) if !t.contains("__") => float_value(f),
        _ => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn q(expr: &str, data: &Value) -> Value {
        Query::parse(expr)
            .unwrap()
            .search(data)
            .unwrap()
            .into_owned()
    }

    #[test]
    fn multi_select_hash_keeps_expression_order() {
        let data = json!({"a": 1, "b": 2});
        let out = q("{z: b, a: a}", &data);
        assert_eq!(serde_json::to_string(&out).unwrap(), r#"{"z":2,"a":1}"#);
    }

    #[test]
    fn literal_objects_keep_written_order() {
        let out = q("`{\"b\": 1, \"a\": 2}`", &Value::Null);
        assert_eq!(serde_json::to_string(&out).unwrap(), r#"{"b":1,"a":2}"#);
    }

    #[test]
    fn python_semantics() {
        let data = json!({"n": [3, 1.5, 2], "s": ["b", "a"], "t": true, "z": 0});
        assert_eq!(q("sum(n)", &data), json!(6.5));
        assert_eq!(q("sum(`[1, 2]`)", &data), json!(3));
        assert_eq!(q("ceil(`1.2`)", &data), json!(2));
        assert_eq!(q("sort(s)", &data), json!(["a", "b"]));
        assert_eq!(q("max(n)", &data), json!(3));
        assert_eq!(q("t == `1`", &data), json!(false));
        assert_eq!(q("!z", &data), json!(false));
        assert_eq!(q("'a' < 'b'", &data), json!(true));
        assert_eq!(q("n[::-1]", &data), json!([2, 1.5, 3]));
        assert_eq!(q("n[-1]", &data), json!(2));
        assert_eq!(q("missing.x", &data), Value::Null);
    }

    #[test]
    fn errors_use_python_wording() {
        let e = Query::parse("foo[").unwrap_err();
        assert_eq!(
            e,
            "Bad value for --query foo[: Invalid jmespath expression: Incomplete expression:\n\"foo[\"\n     ^"
        );
        let data = json!({"a": 1});
        let e = Query::parse("length(a)")
            .unwrap()
            .search(&data)
            .unwrap_err();
        assert_eq!(
            e,
            "In function length(), invalid type for value: 1, expected one of: ['string', 'array', 'object'], received: \"number\""
        );
        let e = Query::parse("length(a, a)")
            .unwrap()
            .search(&data)
            .unwrap_err();
        assert_eq!(e, "Expected 1 argument for function length(), received 2");
        let e = Query::parse("nope(a)").unwrap().search(&data).unwrap_err();
        assert_eq!(e, "Unknown function: nope()");
    }
}
