//! CreateDomain, DescribeDomain, ListDomains, DeleteDomain.

use serde_json::{Value, json};

use super::{decode_token, encode_token, opt_str, page_size, req_str, tags};
use crate::mock::Ctx;
use crate::mock::error::ApiError;
use crate::mock::store::domains::{self, DomainRow};
use crate::mock::store::{groups, tags as tag_table};

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
        if let Some(elsewhere) = domains::region_of(tx, name)? {
            let place = if elsewhere == region { String::new() } else { format!(" (in region {elsewhere}; this emulator keeps domain names unique across regions)") };
            return Err(ApiError::conflict("domain", name, format!("Domain '{name}' already exists in account '{}'{place}", ctx.account_id)));
        }
        if domains::count(tx, &region)? >= MAX_DOMAINS {
            return Err(ApiError::quota(
                "domain",
                name,
                format!("Cannot create domain '{name}': the account already has the maximum of {MAX_DOMAINS} domains"),
            ));
        }
        let row = DomainRow { name: name.to_string(), owner: ctx.account_id.clone(), created_ms: ctx.now_ms(), encryption_key: key };
        domains::insert(tx, &row, &region)?;
        groups::create_root(tx, name, row.created_ms)?;
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
        let mut rows = domains::page(conn, &after, limit + 1, &ctx.region())?;
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
        tag_table::remove_all(tx, &ctx.domain_arn(&d.name))?;
        // Package groups go with the domain (ON DELETE CASCADE); their tags are keyed by ARN.
        tag_table::remove_under(tx, &ctx.package_group_arn(&d.name, "/"))?;
        // Tokens and blob records go with the domain (ON DELETE CASCADE).
        domains::delete(tx, &d.name)?;
        Ok((d.name, description))
    })?;
    // The metadata is gone and committed; the files are unreachable now, so removing them
    // after the commit cannot lose anything acknowledged.
    ctx.blobs.remove_domain(&out.0)?;
    Ok(json!({"domain": out.1}))
}
