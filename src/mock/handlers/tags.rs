//! Tags on domains, repositories and package groups, addressed by ARN.

use rusqlite::Connection;
use serde_json::{Value, json};

use super::req_str;
use crate::mock::Ctx;
use crate::mock::error::ApiError;
use crate::mock::store::{domains, groups, repositories, tags};

/// The service's limit of tags per resource.
pub const MAX_TAGS: i64 = 50;

/// Checks that `arn` names an existing domain, repository or package group of this mock.
fn resolve(ctx: &Ctx, conn: &Connection, arn: &str) -> Result<(), ApiError> {
    let region = ctx.region();
    let prefix = format!("arn:aws:codeartifact:{region}:{}:", ctx.account_id);
    // Every resource belongs to a domain, which lives in one region: the ARN's, the request's.
    let domain_here = |d: &str| domains::in_region(conn, d, &region);
    let domain = arn
        .strip_prefix(&prefix)
        .and_then(|rest| rest.split('/').nth(1));
    if !domain.map_or(Ok(false), domain_here)? {
        return Err(not_found(arn));
    }
    let exists = match arn.strip_prefix(&prefix) {
        Some(rest) => match rest.split('/').collect::<Vec<_>>().as_slice() {
            ["domain", _] => true,
            ["repository", d, r] => repositories::exists(conn, d, r)?,
            _ => match rest
                .strip_prefix("package-group/")
                .and_then(|r| r.split_once('/'))
            {
                // The pattern keeps its leading slash: `package-group/{domain}/{pattern...}`.
                Some((d, pattern)) => groups::find(conn, d, &format!("/{pattern}"))?.is_some(),
                None => false,
            },
        },
        None => false,
    };
    if exists { Ok(()) } else { Err(not_found(arn)) }
}

fn not_found(arn: &str) -> ApiError {
    ApiError::new(
        "ResourceNotFoundException",
        format!("Resource '{arn}' not found"),
    )
    .with("resourceId", arn)
}

/// Adds or overwrites the tags in `tags` (a TagList) on `arn`, keeping the per-resource limit.
pub fn apply(conn: &Connection, arn: &str, tags: &Value) -> Result<(), ApiError> {
    for t in tags.as_array().into_iter().flatten() {
        let (Some(k), Some(v)) = (t["key"].as_str(), t["value"].as_str()) else {
            continue;
        };
        tags::put(conn, arn, k, v)?;
    }
    if tags::count(conn, arn)? > MAX_TAGS {
        return Err(ApiError::new(
            "ServiceQuotaExceededException",
            format!("A resource can have at most {MAX_TAGS} tags"),
        )
        .with("resourceId", arn));
    }
    Ok(())
}

pub fn tag(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    let arn = req_str(&input, "resourceArn")?;
    ctx.store.write(|tx| {
        resolve(ctx, tx, arn)?;
        apply(tx, arn, &input["tags"])?;
        Ok(json!({}))
    })
}

pub fn untag(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    let arn = req_str(&input, "resourceArn")?;
    ctx.store.write(|tx| {
        resolve(ctx, tx, arn)?;
        for key in input["tagKeys"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            tags::remove(tx, arn, key)?;
        }
        Ok(json!({}))
    })
}

pub fn list(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    let arn = req_str(&input, "resourceArn")?;
    ctx.store.read(|conn| {
        resolve(ctx, conn, arn)?;
        let tags: Vec<Value> = tags::list(conn, arn)?
            .into_iter()
            .map(|(key, value)| json!({"key": key, "value": value}))
            .collect();
        Ok(json!({"tags": tags}))
    })
}
