//! Repositories: create, describe, update, delete, the two listings, external connections and
//! GetRepositoryEndpoint.

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Value, json};

use super::{RepoRow, decode_token, encode_token, opt_str, page_size, repo_row, req_str, tags};
use crate::mock::Ctx;
use crate::mock::error::ApiError;

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
        let exists: Option<i64> =
            tx.query_row("SELECT 1 FROM repositories WHERE domain = ?1 AND name = ?2", [&d.name, name], |r| r.get(0)).optional()?;
        if exists.is_some() {
            return Err(ApiError::conflict(
                "repository",
                name,
                format!("Repository '{name}' already exists in domain '{}'", d.name),
            ));
        }
        let count: i64 = tx.query_row("SELECT COUNT(*) FROM repositories WHERE domain = ?1", [&d.name], |r| r.get(0))?;
        if count >= MAX_REPOSITORIES_PER_DOMAIN {
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
        tx.execute(
            "INSERT INTO repositories (domain, name, administrator_account, description, created_ms)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![row.domain, row.name, row.administrator_account, row.description, row.created_ms],
        )?;
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
            tx.execute(
                "UPDATE repositories SET description = ?1 WHERE domain = ?2 AND name = ?3",
                params![desc, r.domain, r.name],
            )?;
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
        let downstream: Option<String> = tx
            .query_row(
                "SELECT repository FROM upstreams WHERE domain = ?1 AND upstream = ?2 ORDER BY repository LIMIT 1",
                params![r.domain, r.name],
                |row| row.get(0),
            )
            .optional()?;
        if let Some(down) = downstream {
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
        tx.execute("DELETE FROM tags WHERE resource_arn = ?1", [ctx.repository_arn(&r.domain, &r.name)])?;
        tx.execute("DELETE FROM repositories WHERE domain = ?1 AND name = ?2", params![r.domain, r.name])?;
        let garbage = crate::mock::packages::collect_garbage(tx, &r.domain)?;
        Ok((json!({"repository": description}), (r.domain, garbage)))
    }, |(_, (domain, garbage))| crate::mock::packages::remove_blobs(ctx, domain, garbage))?;
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
        let mut stmt = conn.prepare_cached(
            "SELECT domain, name, administrator_account, description, created_ms FROM repositories
             WHERE substr(name, 1, length(?1)) = ?1 AND (name, domain) > (?2, ?3)
               AND domain IN (SELECT domain FROM domain_regions WHERE region = ?5)
             ORDER BY name, domain LIMIT ?4",
        )?;
        let rows = stmt
            .query_map(
                params![
                    prefix,
                    after_name,
                    after_domain,
                    (limit + 1) as i64,
                    ctx.region()
                ],
                repo_row,
            )?
            .collect::<Result<Vec<_>, _>>()?;
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
        let mut stmt = conn.prepare_cached(
            "SELECT domain, name, administrator_account, description, created_ms FROM repositories
             WHERE domain = ?1 AND substr(name, 1, length(?2)) = ?2 AND name > ?3
               AND (?4 IS NULL OR administrator_account = ?4)
             ORDER BY name LIMIT ?5",
        )?;
        let rows = stmt
            .query_map(
                params![d.name, prefix, after, admin, (limit + 1) as i64],
                repo_row,
            )?
            .collect::<Result<Vec<_>, _>>()?;
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
        let exists: Option<i64> = conn
            .query_row(
                "SELECT 1 FROM repositories WHERE domain = ?1 AND name = ?2",
                [&repo.domain, *name],
                |r| r.get(0),
            )
            .optional()?;
        if exists.is_none() {
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
    conn.execute(
        "DELETE FROM upstreams WHERE domain = ?1 AND repository = ?2",
        [&repo.domain, &repo.name],
    )?;
    for (i, name) in names.iter().enumerate() {
        conn.execute(
            "INSERT INTO upstreams (domain, repository, position, upstream) VALUES (?1, ?2, ?3, ?4)",
            params![repo.domain, repo.name, i as i64, name],
        )?;
    }
    Ok(())
}

/// Whether `target` is reachable from `start` by following upstream links.
fn reaches(conn: &Connection, domain: &str, start: &str, target: &str) -> Result<bool, ApiError> {
    let mut stmt = conn
        .prepare_cached("SELECT upstream FROM upstreams WHERE domain = ?1 AND repository = ?2")?;
    let mut seen = HashSet::new();
    let mut stack = vec![start.to_string()];
    while let Some(repo) = stack.pop() {
        if repo == target {
            return Ok(true);
        }
        if !seen.insert(repo.clone()) {
            continue;
        }
        let next = stmt
            .query_map([domain, &repo], |r| r.get::<_, String>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        stack.extend(next);
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
        let existing: Option<String> = tx
            .query_row(
                "SELECT name FROM external_connections WHERE domain = ?1 AND repository = ?2",
                params![r.domain, r.name],
                |row| row.get(0),
            )
            .optional()?;
        if let Some(existing) = existing {
            return Err(ApiError::conflict(
                "repository",
                &r.name,
                format!(
                    "Repository '{}' already has external connection '{existing}'; one external connection is allowed per repository",
                    r.name
                ),
            ));
        }
        tx.execute(
            "INSERT INTO external_connections (domain, repository, name, package_format) VALUES (?1, ?2, ?3, ?4)",
            params![r.domain, r.name, connection, format],
        )?;
        Ok(json!({"repository": ctx.repository_description(tx, &r)?}))
    })
}

pub fn disassociate_external_connection(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    let connection = req_str(&input, "externalConnection")?;
    ctx.store.write(|tx| {
        let d = ctx.find_domain(tx, &input)?;
        let r = ctx.find_repository(tx, &d, req_str(&input, "repository")?)?;
        let n = tx.execute(
            "DELETE FROM external_connections WHERE domain = ?1 AND repository = ?2 AND name = ?3",
            params![r.domain, r.name, connection],
        )?;
        if n == 0 {
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
