//! Tags on domains, repositories and package groups, addressed by ARN.

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Value, json};

use super::req_str;
use crate::mock::Ctx;
use crate::mock::error::ApiError;

/// The service's limit of tags per resource.
pub const MAX_TAGS: i64 = 50;

/// Checks that `arn` names an existing domain, repository or package group of this mock.
fn resolve(ctx: &Ctx, conn: &Connection, arn: &str) -> Result<(), ApiError> {
    let region = ctx.region();
    let prefix = format!("arn:aws:codeartifact:{region}:{}:", ctx.account_id);
    // Every resource belongs to a domain, which lives in one region: the ARN's, the request's.
    let domain_here = |d: &str| -> Result<bool, ApiError> {
        Ok(conn
            .query_row(
                "SELECT 1 FROM domain_regions WHERE domain = ?1 AND region = ?2",
                [d, &region],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    };
    let domain = arn
        .strip_prefix(&prefix)
        .and_then(|rest| rest.split('/').nth(1));
    if !domain.map_or(Ok(false), domain_here)? {
        return Err(not_found(arn));
    }
    let exists = match arn.strip_prefix(&prefix) {
        Some(rest) => match rest.split('/').collect::<Vec<_>>().as_slice() {
            ["domain", _] => true,
            ["repository", d, r] => conn
                .query_row(
                    "SELECT 1 FROM repositories WHERE domain = ?1 AND name = ?2",
                    [d, r],
                    |_| Ok(()),
                )
                .optional()?
                .is_some(),
            _ => match rest
                .strip_prefix("package-group/")
                .and_then(|r| r.split_once('/'))
            {
                // The pattern keeps its leading slash: `package-group/{domain}/{pattern...}`.
                Some((d, pattern)) => conn
                    .query_row(
                        "SELECT 1 FROM package_groups WHERE domain = ?1 AND pattern = ?2",
                        [d, &format!("/{pattern}")],
                        |_| Ok(()),
                    )
                    .optional()?
                    .is_some(),
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
        conn.execute(
            "INSERT INTO tags (resource_arn, key, value) VALUES (?1, ?2, ?3)
             ON CONFLICT (resource_arn, key) DO UPDATE SET value = excluded.value",
            params![arn, k, v],
        )?;
    }
    let count: i64 = conn.query_row(
        "SELECT COUNT(*) FROM tags WHERE resource_arn = ?1",
        [arn],
        |r| r.get(0),
    )?;
    if count > MAX_TAGS {
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
            tx.execute(
                "DELETE FROM tags WHERE resource_arn = ?1 AND key = ?2",
                [arn, key],
            )?;
        }
        Ok(json!({}))
    })
}

pub fn list(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    let arn = req_str(&input, "resourceArn")?;
    ctx.store.read(|conn| {
        resolve(ctx, conn, arn)?;
        let mut stmt = conn
            .prepare_cached("SELECT key, value FROM tags WHERE resource_arn = ?1 ORDER BY key")?;
        let tags: Vec<Value> = stmt
            .query_map([arn], |r| {
                Ok(json!({"key": r.get::<_, String>(0)?, "value": r.get::<_, String>(1)?}))
            })?
            .collect::<Result<_, _>>()?;
        Ok(json!({"tags": tags}))
    })
}
