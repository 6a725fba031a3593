//! CreateDomain, DescribeDomain, ListDomains, DeleteDomain.

use rusqlite::{OptionalExtension, params};
use serde_json::{Value, json};

use super::{DomainRow, decode_token, encode_token, opt_str, page_size, req_str, tags};
use crate::mock::Ctx;
use crate::mock::error::ApiError;

/// The service's default quota of domains per account.
pub const MAX_DOMAINS: i64 = 10;

pub fn create(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    let name = req_str(&input, "domain")?;
    let key = match opt_str(&input, "encryptionKey") {
        Some(k) => k.to_string(),
        None => format!(
            "arn:aws:kms:{}:{}:key/{}",
            ctx.region(),
            ctx.account_id,
            ctx.new_uuid()
        ),
    };
    let region = ctx.region();
    ctx.store.write(|tx| {
        // One namespace of domain names across regions (the service has one per region): a
        // domain a request cannot see in its own region is still a conflict, named as such.
        let exists: Option<String> = tx
            .query_row("SELECT COALESCE((SELECT region FROM domain_regions WHERE domain = ?1), '') FROM domains WHERE name = ?1", [name], |r| r.get(0))
            .optional()?;
        if let Some(elsewhere) = exists {
            let place = if elsewhere == region { String::new() } else { format!(" (in region {elsewhere}; this emulator keeps domain names unique across regions)") };
            return Err(ApiError::conflict("domain", name, format!("Domain '{name}' already exists in account '{}'{place}", ctx.account_id)));
        }
        let count: i64 = tx.query_row("SELECT COUNT(*) FROM domain_regions WHERE region = ?1", [&region], |r| r.get(0))?;
        if count >= MAX_DOMAINS {
            return Err(ApiError::quota(
                "domain",
                name,
                format!("Cannot create domain '{name}': the account already has the maximum of {MAX_DOMAINS} domains"),
            ));
        }
        let row = DomainRow { name: name.to_string(), owner: ctx.account_id.clone(), created_ms: ctx.now_ms(), encryption_key: key };
        tx.execute(
            "INSERT INTO domains (name, owner, created_ms, encryption_key) VALUES (?1, ?2, ?3, ?4)",
            params![row.name, row.owner, row.created_ms, row.encryption_key],
        )?;
        tx.execute("INSERT INTO domain_regions (domain, region) VALUES (?1, ?2)", params![name, region])?;
        crate::mock::groups::create_root(tx, name, row.created_ms)?;
        if let Some(t) = input.get("tags") {
            tags::apply(tx, &ctx.domain_arn(name), t)?;
        }
        Ok(json!({"domain": ctx.domain_description(tx, &row)?}))
    })
}

pub fn describe(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    ctx.store.read(|conn| {
        let d = ctx.find_domain(conn, &input)?;
        Ok(json!({"domain": ctx.domain_description(conn, &d)?}))
    })
}

pub fn list(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    let limit = page_size(&input);
    let after = decode_token("ListDomains", &input)?
        .and_then(|a| a.into_iter().next())
        .unwrap_or_default();
    ctx.store.read(|conn| {
        let mut stmt = conn.prepare_cached(
            "SELECT name, owner, created_ms, encryption_key FROM domains
             WHERE name > ?1 AND name IN (SELECT domain FROM domain_regions WHERE region = ?3)
             ORDER BY name LIMIT ?2",
        )?;
        let mut rows: Vec<DomainRow> = stmt
            .query_map(params![after, (limit + 1) as i64, ctx.region()], |r| {
                Ok(DomainRow {
                    name: r.get(0)?,
                    owner: r.get(1)?,
                    created_ms: r.get(2)?,
                    encryption_key: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let next = (rows.len() > limit).then(|| {
            rows.truncate(limit);
            encode_token("ListDomains", &[&rows[limit - 1].name])
        });
        let domains: Vec<Value> = rows.iter().map(|d| ctx.domain_summary(d)).collect();
        Ok(json!({"domains": domains, "nextToken": next}))
    })
}

pub fn delete(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    let out = ctx.store.write(|tx| {
        let d = ctx.find_domain(tx, &input)?;
        let description = ctx.domain_description(tx, &d)?;
        if description["repositoryCount"].as_i64().unwrap_or(0) > 0 {
            return Err(ApiError::conflict(
                "domain",
                &d.name,
                format!(
                    "Domain '{}' cannot be deleted because it contains repositories",
                    d.name
                ),
            ));
        }
        tx.execute(
            "DELETE FROM tags WHERE resource_arn = ?1",
            [ctx.domain_arn(&d.name)],
        )?;
        // Package groups go with the domain (ON DELETE CASCADE); their tags are keyed by ARN.
        tx.execute(
            "DELETE FROM tags WHERE substr(resource_arn, 1, length(?1)) = ?1",
            [ctx.package_group_arn(&d.name, "/")],
        )?;
        // Tokens and blob records go with the domain (ON DELETE CASCADE).
        tx.execute("DELETE FROM domains WHERE name = ?1", [&d.name])?;
        Ok((d.name, description))
    })?;
    // The metadata is gone and committed; the files are unreachable now, so removing them
    // after the commit cannot lose anything acknowledged.
    ctx.blobs.remove_domain(&out.0)?;
    Ok(json!({"domain": out.1}))
}
