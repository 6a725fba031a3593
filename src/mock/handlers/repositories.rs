//! Repositories: create, describe, update, delete, the two listings, external connections and
//! GetRepositoryEndpoint.

use std::collections::HashSet;

use rusqlite::Connection;
use serde_json::{Value, json};

use super::{decode_token, encode_token, opt_str, page_size, req_str, tags};
use crate::mock::Ctx;
use crate::mock::error::ApiError;
use crate::mock::store::repositories::{self, RepoRow};
use crate::mock::store::{packages, tags as tag_table};

/// The service's default quotas.
pub const MAX_REPOSITORIES_PER_DOMAIN: i64 = 1000;
pub const MAX_DIRECT_UPSTREAMS: usize = 10;

/// The public external connections and the package format each serves
/// (reference/data-plane.md; AssociateExternalConnection's documentation).
const EXTERNAL_CONNECTIONS: &[(&str, &str)] = &[
    ("public:npmjs", "npm"),
    ("public:pypi", "pypi"),
    ("public:maven-central", "maven"),
    ("public:maven-googleandroid", "maven"),
    ("public:maven-gradleplugins", "maven"),
    ("public:maven-commonsware", "maven"),
    ("public:maven-clojars", "maven"),
    ("public:nuget-org", "nuget"),
    ("public:ruby-gems-org", "ruby"),
    ("public:crates-io", "cargo"),
];

pub fn create(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    let name = req_str(&input, "repository")?;
    ctx.store.write(|tx| {
        let d = ctx.find_domain(tx, &input)?;
        if repositories::exists(tx, &d.name, name)? {
            return Err(ApiError::conflict(
                "repository",
                name,
                format!("Repository '{name}' already exists in domain '{}'", d.name),
            ));
        }
        if repositories::count_in(tx, &d.name)? >= MAX_REPOSITORIES_PER_DOMAIN {
            return Err(ApiError::quota(
                "repository",
                name,
                format!("Domain '{}' already has the maximum of {MAX_REPOSITORIES_PER_DOMAIN} repositories", d.name),
            ));
        }
        let row = RepoRow {
            domain: d.name.clone(),
            name: name.to_string(),
            administrator_account: ctx.account_id.clone(),
            description: opt_str(&input, "description").map(str::to_string),
            created_ms: ctx.now_ms(),
        };
        repositories::insert(tx, &row)?;
        if let Some(ups) = input.get("upstreams") {
            set_upstreams(tx, &row, ups)?;
        }
        if let Some(t) = input.get("tags") {
            tags::apply(tx, &ctx.repository_arn(&row.domain, &row.name), t)?;
        }
        Ok(json!({"repository": ctx.repository_description(tx, &row)?}))
    })
}

pub fn describe(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    ctx.store.read(|conn| {
        let d = ctx.find_domain(conn, &input)?;
        let r = ctx.find_repository(conn, &d, req_str(&input, "repository")?)?;
        Ok(json!({"repository": ctx.repository_description(conn, &r)?}))
    })
}

/// Members left out are left unchanged; `upstreams: []` removes every upstream.
pub fn update(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    ctx.store.write(|tx| {
        let d = ctx.find_domain(tx, &input)?;
        let mut r = ctx.find_repository(tx, &d, req_str(&input, "repository")?)?;
        if let Some(desc) = opt_str(&input, "description") {
            repositories::set_description(tx, &r.domain, &r.name, desc)?;
            r.description = Some(desc.to_string());
        }
        if let Some(ups) = input.get("upstreams") {
            set_upstreams(tx, &r, ups)?;
        }
        Ok(json!({"repository": ctx.repository_description(tx, &r)?}))
    })
}

/// Deleting a repository deletes its packages, versions and assets (the service's rule); the
/// bytes go once no other repository of the domain shares them.
pub fn delete(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    let (out, _) = ctx.store.write_then(|tx| {
        let d = ctx.find_domain(tx, &input)?;
        let r = ctx.find_repository(tx, &d, req_str(&input, "repository")?)?;
        if let Some(down) = repositories::first_downstream(tx, &r.domain, &r.name)? {
            return Err(ApiError::conflict(
                "repository",
                &r.name,
                format!(
                    "Repository '{}' cannot be deleted because it is an upstream repository of repository '{down}'",
                    r.name
                ),
            ));
        }
        let description = ctx.repository_description(tx, &r)?;
        tag_table::remove_all(tx, &ctx.repository_arn(&r.domain, &r.name))?;
        repositories::delete(tx, &r.domain, &r.name)?;
        let garbage = packages::collect_garbage(tx, &r.domain)?;
        Ok((json!({"repository": description}), (r.domain, garbage)))
    }, |(_, (domain, garbage))| packages::remove_blobs(ctx, domain, garbage))?;
    Ok(out)
}

pub fn list(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    let limit = page_size(&input);
    let prefix = opt_str(&input, "repositoryPrefix").unwrap_or("");
    // Ordered by repository name, then domain: names repeat across domains.
    let after = decode_token("ListRepositories", &input)?.unwrap_or_default();
    let (after_name, after_domain) = match after.as_slice() {
        [n, d] => (n.clone(), d.clone()),
        _ => (String::new(), String::new()),
    };
    ctx.store.read(|conn| {
        let rows = repositories::page_all(
            conn,
            prefix,
            (&after_name, &after_domain),
            limit + 1,
            &ctx.region(),
        )?;
        Ok(page(ctx, "ListRepositories", rows, limit, |r| {
            vec![r.name.clone(), r.domain.clone()]
        }))
    })
}

pub fn list_in_domain(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    let limit = page_size(&input);
    let prefix = opt_str(&input, "repositoryPrefix").unwrap_or("");
    let admin = opt_str(&input, "administratorAccount");
    let after = decode_token("ListRepositoriesInDomain", &input)?
        .and_then(|a| a.into_iter().next())
        .unwrap_or_default();
    ctx.store.read(|conn| {
        let d = ctx.find_domain(conn, &input)?;
        let rows = repositories::page_in(conn, &d.name, prefix, admin, &after, limit + 1)?;
        Ok(page(ctx, "ListRepositoriesInDomain", rows, limit, |r| {
            vec![r.name.clone()]
        }))
    })
}

/// Cuts `rows` (fetched with one extra row) to a page and adds `nextToken` when there is more.
fn page(
    ctx: &Ctx,
    operation: &str,
    mut rows: Vec<RepoRow>,
    limit: usize,
    key: impl Fn(&RepoRow) -> Vec<String>,
) -> Value {
    let next = (rows.len() > limit).then(|| {
        rows.truncate(limit);
        let k = key(&rows[limit - 1]);
        encode_token(operation, &k.iter().map(String::as_str).collect::<Vec<_>>())
    });
    let repositories: Vec<Value> = rows.iter().map(|r| ctx.repository_summary(r)).collect();
    json!({"repositories": repositories, "nextToken": next})
}

/// Replaces the upstream list of `repo`, after the checks the service makes: each upstream
/// exists in the same domain, is not the repository itself, appears once, there are at most
/// ten, and the upstream graph stays acyclic.
fn set_upstreams(conn: &Connection, repo: &RepoRow, upstreams: &Value) -> Result<(), ApiError> {
    let names: Vec<&str> = upstreams
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|u| u["repositoryName"].as_str())
                .collect()
        })
        .unwrap_or_default();
    if names.len() > MAX_DIRECT_UPSTREAMS {
        return Err(ApiError::validation_reason(
            "OTHER",
            format!("A repository can have at most {MAX_DIRECT_UPSTREAMS} upstream repositories"),
        ));
    }
    let mut seen = HashSet::new();
    for name in &names {
        if *name == repo.name {
            return Err(ApiError::validation_reason(
                "OTHER",
                format!("Repository '{name}' cannot be an upstream of itself"),
            ));
        }
        if !seen.insert(*name) {
            return Err(ApiError::validation_reason(
                "OTHER",
                format!("Upstream repository '{name}' is listed more than once"),
            ));
        }
        if !repositories::exists(conn, &repo.domain, name)? {
            return Err(ApiError::not_found(
                "repository",
                name,
                format!(
                    "Upstream repository '{name}' does not exist in domain '{}'",
                    repo.domain
                ),
            ));
        }
        if reaches(conn, &repo.domain, name, &repo.name)? {
            return Err(ApiError::validation_reason(
                "OTHER",
                format!(
                    "Adding '{name}' as an upstream of '{}' would create a cycle",
                    repo.name
                ),
            ));
        }
    }
    repositories::set_upstreams(conn, &repo.domain, &repo.name, &names)
}

/// Whether `target` is reachable from `start` by following upstream links.
fn reaches(conn: &Connection, domain: &str, start: &str, target: &str) -> Result<bool, ApiError> {
    let mut seen = HashSet::new();
    let mut stack = vec![start.to_string()];
    while let Some(repo) = stack.pop() {
        if repo == target {
            return Ok(true);
        }
        if !seen.insert(repo.clone()) {
            continue;
        }
        stack.extend(repositories::upstreams(conn, domain, &repo)?);
    }
    Ok(false)
}

pub fn associate_external_connection(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    let connection = req_str(&input, "externalConnection")?;
    let Some((_, format)) = EXTERNAL_CONNECTIONS.iter().find(|(n, _)| *n == connection) else {
        return Err(ApiError::validation_reason(
            "OTHER",
            format!(
                "External connection '{connection}' is not supported. Supported connections: {}",
                EXTERNAL_CONNECTIONS
                    .iter()
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    };
    ctx.store.write(|tx| {
        let d = ctx.find_domain(tx, &input)?;
        let r = ctx.find_repository(tx, &d, req_str(&input, "repository")?)?;
        if let Some((existing, _)) =
            repositories::external_connections(tx, &r.domain, &r.name)?.into_iter().next()
        {
            return Err(ApiError::conflict(
                "repository",
                &r.name,
                format!(
                    "Repository '{}' already has external connection '{existing}'; one external connection is allowed per repository",
                    r.name
                ),
            ));
        }
        repositories::add_external_connection(tx, &r.domain, &r.name, connection, format)?;
        Ok(json!({"repository": ctx.repository_description(tx, &r)?}))
    })
}

pub fn disassociate_external_connection(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    let connection = req_str(&input, "externalConnection")?;
    ctx.store.write(|tx| {
        let d = ctx.find_domain(tx, &input)?;
        let r = ctx.find_repository(tx, &d, req_str(&input, "repository")?)?;
        if !repositories::remove_external_connection(tx, &r.domain, &r.name, connection)? {
            return Err(ApiError::not_found(
                "repository",
                &r.name,
                format!(
                    "External connection '{connection}' is not associated with repository '{}'",
                    r.name
                ),
            ));
        }
        Ok(json!({"repository": ctx.repository_description(tx, &r)?}))
    })
}

/// The path-style URL the mock's data plane serves this repository on (DESIGN.md §2).
pub fn endpoint(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    let format = req_str(&input, "format")?;
    ctx.store.read(|conn| {
        let d = ctx.find_domain(conn, &input)?;
        let r = ctx.find_repository(conn, &d, req_str(&input, "repository")?)?;
        let url = format!(
            "{}/{format}/d/{}-{}/{}/",
            ctx.base_url, d.name, d.owner, r.name
        );
        Ok(json!({"repositoryEndpoint": url}))
    })
}
