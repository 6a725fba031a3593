//! Resource policies on domains and repositories. Each put stores a new opaque revision; a put
//! or delete that names a `policyRevision` other than the current one is refused
//! (optimistic locking, as the service documents for `policyRevision`).

use base64::Engine;
use rusqlite::Connection;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::{opt_str, req_str};
use crate::mock::Ctx;
use crate::mock::error::ApiError;
use crate::mock::store::policies::{self, Holder};

/// The resource a policy is attached to: its domain, repository (none for a domain's policy)
/// and ARN.
struct Target {
    arn: String,
    kind: &'static str,
    id: String,
    domain: String,
    repository: Option<String>,
}

impl Target {
    fn holder(&self) -> Holder<'_> {
        match &self.repository {
            None => Holder::Domain(&self.domain),
            Some(name) => Holder::Repository {
                domain: &self.domain,
                name,
            },
        }
    }

    fn current(&self, conn: &Connection) -> Result<Option<(String, String)>, ApiError> {
        policies::get(conn, &self.holder())
    }

    fn set(&self, conn: &Connection, policy: Option<(&str, &str)>) -> Result<(), ApiError> {
        policies::set(conn, &self.holder(), policy)
    }

    fn not_found(&self) -> ApiError {
        ApiError::not_found(
            self.kind,
            &self.id,
            format!("No resource policy is set on {} '{}'", self.kind, self.id),
        )
    }

    fn policy(&self, document: &str, revision: &str) -> Value {
        json!({"policy": {"resourceArn": self.arn, "revision": revision, "document": document}})
    }
}

fn domain_target(ctx: &Ctx, conn: &Connection, input: &Value) -> Result<Target, ApiError> {
    let d = ctx.find_domain(conn, input)?;
    Ok(Target {
        arn: ctx.domain_arn(&d.name),
        kind: "domain",
        id: d.name.clone(),
        domain: d.name,
        repository: None,
    })
}

fn repository_target(ctx: &Ctx, conn: &Connection, input: &Value) -> Result<Target, ApiError> {
    let d = ctx.find_domain(conn, input)?;
    let r = ctx.find_repository(conn, &d, req_str(input, "repository")?)?;
    Ok(Target {
        arn: ctx.repository_arn(&r.domain, &r.name),
        kind: "repository",
        id: r.name.clone(),
        domain: r.domain,
        repository: Some(r.name),
    })
}

type Find = fn(&Ctx, &Connection, &Value) -> Result<Target, ApiError>;

fn get(ctx: &Ctx, input: &Value, find: Find) -> Result<Value, ApiError> {
    ctx.store.read(|conn| {
        let t = find(ctx, conn, input)?;
        let (document, revision) = t.current(conn)?.ok_or_else(|| t.not_found())?;
        Ok(t.policy(&document, &revision))
    })
}

fn put(ctx: &Ctx, input: &Value, find: Find) -> Result<Value, ApiError> {
    let document = req_str(input, "policyDocument")?;
    match serde_json::from_str::<Value>(document) {
        Ok(Value::Object(_)) => {}
        _ => {
            return Err(ApiError::validation_reason(
                "OTHER",
                "The policy document is not a valid JSON policy",
            ));
        }
    }
    ctx.store.write(|tx| {
        let t = find(ctx, tx, input)?;
        let current = t.current(tx)?;
        check_revision(
            &t,
            current.as_ref().map(|c| c.1.as_str()),
            opt_str(input, "policyRevision"),
        )?;
        let revision = new_revision(document, &ctx.unique_bytes::<16>());
        t.set(tx, Some((document, &revision)))?;
        Ok(t.policy(document, &revision))
    })
}

fn delete(ctx: &Ctx, input: &Value, find: Find) -> Result<Value, ApiError> {
    ctx.store.write(|tx| {
        let t = find(ctx, tx, input)?;
        let (document, revision) = t.current(tx)?.ok_or_else(|| t.not_found())?;
        check_revision(&t, Some(&revision), opt_str(input, "policyRevision"))?;
        t.set(tx, None)?;
        Ok(t.policy(&document, &revision))
    })
}

fn check_revision(
    t: &Target,
    current: Option<&str>,
    expected: Option<&str>,
) -> Result<(), ApiError> {
    match expected {
        Some(expected) if Some(expected) != current => Err(ApiError::conflict(
            t.kind,
            &t.id,
            format!(
                "The policy revision '{expected}' does not match the current revision of the resource policy on {} '{}'",
                t.kind, t.id
            ),
        )),
        _ => Ok(()),
    }
}

/// Opaque, and different on every put (even of the same document) thanks to `nonce`.
fn new_revision(document: &str, nonce: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(document.as_bytes());
    h.update(nonce);
    base64::engine::general_purpose::STANDARD.encode(h.finalize())
}

pub fn get_domain(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    get(ctx, &input, domain_target)
}
pub fn put_domain(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    put(ctx, &input, domain_target)
}
pub fn delete_domain(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    delete(ctx, &input, domain_target)
}
pub fn get_repository(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    get(ctx, &input, repository_target)
}
pub fn put_repository(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    put(ctx, &input, repository_target)
}
pub fn delete_repository(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    delete(ctx, &input, repository_target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revisions_differ_by_nonce() {
        assert_ne!(new_revision("{}", b"1"), new_revision("{}", b"2"));
    }
}
