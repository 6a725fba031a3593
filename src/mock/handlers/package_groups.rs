//! Package groups: the ten operations over `mock::groups`. Every domain has the root group `/*`
//! (created with the domain, never deleted); other groups hang under the most specific group
//! covering their pattern, and INHERIT restrictions resolve up that tree.

use std::collections::BTreeMap;

use rusqlite::Connection;
use serde_json::{Map, Value, json};

use super::{decode_token, encode_token, epoch_seconds, opt_str, page_size, req_str, tags};
use crate::mock::Ctx;
use crate::mock::error::ApiError;
use crate::mock::groups::{self, Pattern, RESTRICTIONS, ROOT};
use crate::mock::store::domains::DomainRow;
use crate::mock::store::groups::{self as group_table, GroupRow};
use crate::mock::store::tags as tag_table;

/// The service's default quota of package groups per domain.
pub const MAX_GROUPS_PER_DOMAIN: usize = 1000;

impl Ctx {
    pub(crate) fn package_group_arn(&self, domain: &str, pattern: &str) -> String {
        format!(
            "arn:aws:codeartifact:{}:{}:package-group/{domain}{pattern}",
            self.region(),
            self.account_id
        )
    }

    fn group_reference(&self, g: &GroupRow) -> Value {
        json!({"arn": self.package_group_arn(&g.domain, &g.pattern), "pattern": g.pattern})
    }

    /// PackageGroupDescription (the summary has the same members).
    fn group_description(
        &self,
        conn: &Connection,
        all: &[GroupRow],
        g: &GroupRow,
    ) -> Result<Value, ApiError> {
        let mut restrictions = Map::new();
        for (i, kind) in RESTRICTIONS.iter().enumerate() {
            let (effective, from) = groups::effective(all, g, i);
            let counted = from.unwrap_or(g);
            let count =
                group_table::allowed_repositories(conn, &g.domain, &counted.pattern, kind)?.len();
            restrictions.insert(
                (*kind).to_string(),
                json!({
                    "mode": g.modes[i],
                    "effectiveMode": effective,
                    "inheritedFrom": from.map(|f| self.group_reference(f)),
                    "repositoriesCount": count,
                }),
            );
        }
        Ok(json!({
            "arn": self.package_group_arn(&g.domain, &g.pattern),
            "pattern": g.pattern,
            "domainName": g.domain,
            "domainOwner": self.account_id,
            "createdTime": epoch_seconds(g.created_ms),
            "contactInfo": g.contact_info,
            "description": g.description,
            "originConfiguration": {"restrictions": restrictions},
            "parent": groups::parent(all, &g.parsed).map(|p| self.group_reference(p)),
        }))
    }
}

fn group_not_found(d: &DomainRow, pattern: &str) -> ApiError {
    ApiError::new(
        "ResourceNotFoundException",
        format!(
            "Package group '{pattern}' not found in domain '{}' owned by account '{}'",
            d.name, d.owner
        ),
    )
    .with("resourceId", pattern)
}

/// The domain and the group named by `packageGroup`, with every group of the domain (the
/// hierarchy needs them all).
fn locate(
    ctx: &Ctx,
    conn: &Connection,
    input: &Value,
) -> Result<(DomainRow, Vec<GroupRow>, GroupRow), ApiError> {
    let d = ctx.find_domain(conn, input)?;
    let pattern = req_str(input, "packageGroup")?;
    let all = group_table::all(conn, &d.name)?;
    let g = all
        .iter()
        .find(|g| g.pattern == pattern)
        .cloned()
        .ok_or_else(|| group_not_found(&d, pattern))?;
    Ok((d, all, g))
}

fn paginate(
    operation: &str,
    input: &Value,
    mut items: Vec<GroupRow>,
) -> Result<(Vec<GroupRow>, Option<String>), ApiError> {
    let limit = page_size(input);
    if let Some(after) = decode_token(operation, input)?.and_then(|a| a.into_iter().next()) {
        items.retain(|g| g.pattern > after);
    }
    let next = (items.len() > limit).then(|| {
        items.truncate(limit);
        encode_token(operation, &[&items[limit - 1].pattern])
    });
    Ok((items, next))
}

pub fn create(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    let pattern = req_str(&input, "packageGroup")?;
    let parsed = Pattern::parse(pattern)?;
    ctx.store.write(|tx| {
        let d = ctx.find_domain(tx, &input)?;
        let all = group_table::all(tx, &d.name)?;
        if all.iter().any(|g| g.pattern == pattern) {
            return Err(ApiError::new(
                "ConflictException",
                format!(
                    "Package group '{pattern}' already exists in domain '{}'",
                    d.name
                ),
            )
            .with("resourceId", pattern));
        }
        if all.len() >= MAX_GROUPS_PER_DOMAIN {
            return Err(ApiError::new(
                "ServiceQuotaExceededException",
                format!(
                    "Domain '{}' already has the maximum of {MAX_GROUPS_PER_DOMAIN} package groups",
                    d.name
                ),
            )
            .with("resourceId", pattern));
        }
        let created_ms = ctx.now_ms();
        group_table::insert(
            tx,
            &d.name,
            pattern,
            created_ms,
            opt_str(&input, "contactInfo"),
            opt_str(&input, "description"),
        )?;
        if let Some(t) = input.get("tags") {
            tags::apply(tx, &ctx.package_group_arn(&d.name, pattern), t)?;
        }
        let _ = parsed;
        let all = group_table::all(tx, &d.name)?;
        let g = all
            .iter()
            .find(|g| g.pattern == pattern)
            .expect("just inserted");
        Ok(json!({"packageGroup": ctx.group_description(tx, &all, g)?}))
    })
}

pub fn describe(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    ctx.store.read(|conn| {
        let (_, all, g) = locate(ctx, conn, &input)?;
        Ok(json!({"packageGroup": ctx.group_description(conn, &all, &g)?}))
    })
}

pub fn update(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    ctx.store.write(|tx| {
        let (d, _, g) = locate(ctx, tx, &input)?;
        // Members left out keep their value.
        if let Some(c) = opt_str(&input, "contactInfo") {
            group_table::set_contact_info(tx, &d.name, &g.pattern, c)?;
        }
        if let Some(desc) = opt_str(&input, "description") {
            group_table::set_description(tx, &d.name, &g.pattern, desc)?;
        }
        let all = group_table::all(tx, &d.name)?;
        let g = all.iter().find(|x| x.pattern == g.pattern).expect("exists");
        Ok(json!({"packageGroup": ctx.group_description(tx, &all, g)?}))
    })
}

pub fn delete(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    let pattern = req_str(&input, "packageGroup")?;
    if pattern == ROOT {
        return Err(ApiError::validation_reason(
            "OTHER",
            "The root package group '/*' cannot be deleted",
        ));
    }
    ctx.store.write(|tx| {
        let (d, all, g) = locate(ctx, tx, &input)?;
        let description = ctx.group_description(tx, &all, &g)?;
        group_table::delete(tx, &d.name, &g.pattern)?;
        tag_table::remove_all(tx, &ctx.package_group_arn(&d.name, &g.pattern))?;
        Ok(json!({"packageGroup": description}))
    })
}

pub fn list(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    let prefix = opt_str(&input, "prefix").unwrap_or("");
    ctx.store.read(|conn| {
        let d = ctx.find_domain(conn, &input)?;
        let all = group_table::all(conn, &d.name)?;
        let matching: Vec<GroupRow> = all
            .iter()
            .filter(|g| g.pattern.starts_with(prefix))
            .cloned()
            .collect();
        let (page, next) = paginate("ListPackageGroups", &input, matching)?;
        let list = page
            .iter()
            .map(|g| ctx.group_description(conn, &all, g))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(json!({"packageGroups": list, "nextToken": next}))
    })
}

pub fn list_sub_groups(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    ctx.store.read(|conn| {
        let (_, all, g) = locate(ctx, conn, &input)?;
        // Direct children only: groups whose parent is this group.
        let children: Vec<GroupRow> = all
            .iter()
            .filter(|c| groups::parent(&all, &c.parsed).is_some_and(|p| p.pattern == g.pattern))
            .cloned()
            .collect();
        let (page, next) = paginate("ListSubPackageGroups", &input, children)?;
        let list = page
            .iter()
            .map(|c| ctx.group_description(conn, &all, c))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(json!({"packageGroups": list, "nextToken": next}))
    })
}

pub fn get_associated(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    let format = req_str(&input, "format")?;
    let namespace = opt_str(&input, "namespace");
    let package = req_str(&input, "package")?;
    ctx.store.read(|conn| {
        let d = ctx.find_domain(conn, &input)?;
        let all = group_table::all(conn, &d.name)?;
        let Some((g, strong)) = groups::associated(&all, format, namespace, package) else {
            return Err(group_not_found(&d, ROOT));
        };
        Ok(json!({
            "packageGroup": ctx.group_description(conn, &all, g)?,
            "associationType": if strong { "STRONG" } else { "WEAK" },
        }))
    })
}

pub fn list_associated_packages(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    let pattern = req_str(&input, "packageGroup")?;
    let preview = input["preview"].as_bool().unwrap_or(false);
    let parsed = Pattern::parse(pattern)?;
    const OP: &str = "ListAssociatedPackages";
    // The token holds the last package's key (format, namespace, name).
    let after = match decode_token(OP, &input)? {
        None => None,
        Some(key) => Some(<[String; 3]>::try_from(key).map_err(|_| {
            ApiError::validation_reason("OTHER", "The pagination token is invalid")
        })?),
    };
    ctx.store.read(|conn| {
        let d = ctx.find_domain(conn, &input)?;
        let mut all = group_table::all(conn, &d.name)?;
        if !all.iter().any(|g| g.pattern == pattern) {
            // preview: the packages the group would have if it were created now.
            if !preview {
                return Err(group_not_found(&d, pattern));
            }
            all.push(GroupRow {
                domain: d.name.clone(),
                pattern: pattern.to_string(),
                parsed,
                created_ms: 0,
                contact_info: None,
                description: None,
                modes: ["INHERIT".into(), "INHERIT".into(), "INHERIT".into()],
            });
        }
        let group = all
            .iter()
            .find(|g| g.pattern == pattern)
            .ok_or_else(|| group_not_found(&d, pattern))?;
        let limit = page_size(&input);
        // One package more than the page: it only says whether there is a next page.
        let mut page = group_table::associated_packages_page(
            conn,
            &d.name,
            &all,
            group,
            after
                .as_ref()
                .map(|[f, n, m]| (f.as_str(), n.as_str(), m.as_str())),
            limit + 1,
        )?;
        let next = (page.len() > limit).then(|| {
            page.truncate(limit);
            let last = &page[limit - 1];
            encode_token(OP, &[&last.format, &last.namespace, &last.name])
        });
        let list: Vec<Value> = page
            .into_iter()
            .map(|p| {
                json!({
                    "format": p.format,
                    "namespace": (!p.namespace.is_empty()).then_some(p.namespace),
                    "package": p.name,
                    "associationType": if p.strong { "STRONG" } else { "WEAK" },
                })
            })
            .collect();
        Ok(json!({"packages": list, "nextToken": next}))
    })
}

pub fn list_allowed_repositories(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    let kind = req_str(&input, "originRestrictionType")?;
    ctx.store.read(|conn| {
        let (d, _, g) = locate(ctx, conn, &input)?;
        let mut repos = group_table::allowed_repositories(conn, &d.name, &g.pattern, kind)?;
        let limit = page_size(&input);
        if let Some(after) = decode_token("ListAllowedRepositoriesForGroup", &input)?
            .and_then(|a| a.into_iter().next())
        {
            repos.retain(|r| *r > after);
        }
        let next = (repos.len() > limit).then(|| {
            repos.truncate(limit);
            encode_token("ListAllowedRepositoriesForGroup", &[&repos[limit - 1]])
        });
        Ok(json!({"allowedRepositories": repos, "nextToken": next}))
    })
}

pub fn update_origin_configuration(ctx: &Ctx, input: Value) -> Result<Value, ApiError> {
    let pattern = req_str(&input, "packageGroup")?;
    ctx.store.write(|tx| {
        let (d, _, g) = locate(ctx, tx, &input)?;
        if let Some(restrictions) = input["restrictions"].as_object() {
            for (kind, mode) in restrictions {
                let mode = mode.as_str().unwrap_or("");
                if pattern == ROOT && mode == "INHERIT" {
                    return Err(ApiError::validation_reason(
                        "OTHER",
                        "The root package group '/*' has no parent to inherit from",
                    ));
                }
                group_table::set_mode(tx, &d.name, &g.pattern, kind, mode)?;
            }
        }
        // type -> ADDED/REMOVED -> repositories, as the answer reports them.
        let mut updates: BTreeMap<String, BTreeMap<&str, Vec<String>>> = BTreeMap::new();
        for (list, action) in [
            ("addAllowedRepositories", "ADDED"),
            ("removeAllowedRepositories", "REMOVED"),
        ] {
            for item in input[list].as_array().into_iter().flatten() {
                let (Some(repo), Some(kind)) = (
                    item["repositoryName"].as_str(),
                    item["originRestrictionType"].as_str(),
                ) else {
                    return Err(ApiError::validation_reason(
                        "OTHER",
                        format!(
                            "Each entry of {list} needs repositoryName and originRestrictionType"
                        ),
                    ));
                };
                ctx.find_repository(tx, &d, repo)?;
                let allow = action == "ADDED";
                if group_table::set_allowed_repository(tx, &d.name, &g.pattern, kind, repo, allow)?
                {
                    updates
                        .entry(kind.to_string())
                        .or_default()
                        .entry(action)
                        .or_default()
                        .push(repo.to_string());
                }
            }
        }
        let all = group_table::all(tx, &d.name)?;
        let g = all.iter().find(|x| x.pattern == g.pattern).expect("exists");
        Ok(json!({
            "packageGroup": ctx.group_description(tx, &all, g)?,
            "allowedRepositoryUpdates": updates,
        }))
    })
}
