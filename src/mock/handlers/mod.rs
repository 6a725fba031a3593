//! Control-plane operations. Each handler takes the validated input object (model member
//! names) and returns the output object; the protocol layer does all the HTTP. The table in
//! `handler` is the whole list of implemented operations.

mod domains;
mod package_groups;
mod packages;
mod policies;
mod repositories;
mod tags;
mod tokens;

use rusqlite::Connection;
use serde_json::{Value, json};

pub use tokens::{MAX_DURATION_S, MIN_DURATION_S, TokenError, TokenInfo, TokenLifetimes};

use super::Ctx;
use super::error::ApiError;
use super::store::domains::{self as domain_table, DomainRow};
use super::store::repositories::{self as repository_table, RepoRow};

pub type Handler = fn(&Ctx, Value) -> Result<Value, ApiError>;

/// The handler of an operation, if the mock implements it.
pub fn handler(operation: &str) -> Option<Handler> {
    Some(match operation {
        "CreateDomain" => domains::create,
        "DescribeDomain" => domains::describe,
        "ListDomains" => domains::list,
        "DeleteDomain" => domains::delete,
        "CreateRepository" => repositories::create,
        "DescribeRepository" => repositories::describe,
        "UpdateRepository" => repositories::update,
        "DeleteRepository" => repositories::delete,
        "ListRepositories" => repositories::list,
        "ListRepositoriesInDomain" => repositories::list_in_domain,
        "AssociateExternalConnection" => repositories::associate_external_connection,
        "DisassociateExternalConnection" => repositories::disassociate_external_connection,
        "GetRepositoryEndpoint" => repositories::endpoint,
        "GetAuthorizationToken" => tokens::get_authorization_token,
        "GetDomainPermissionsPolicy" => policies::get_domain,
        "PutDomainPermissionsPolicy" => policies::put_domain,
        "DeleteDomainPermissionsPolicy" => policies::delete_domain,
        "GetRepositoryPermissionsPolicy" => policies::get_repository,
        "PutRepositoryPermissionsPolicy" => policies::put_repository,
        "DeleteRepositoryPermissionsPolicy" => policies::delete_repository,
        "TagResource" => tags::tag,
        "UntagResource" => tags::untag,
        "ListTagsForResource" => tags::list,
        "DescribePackage" => packages::describe_package,
        "DeletePackage" => packages::delete_package,
        "PutPackageOriginConfiguration" => packages::put_origin_configuration,
        "DescribePackageVersion" => packages::describe_version,
        "DeletePackageVersions" => packages::delete_versions,
        "DisposePackageVersions" => packages::dispose_versions,
        "UpdatePackageVersionsStatus" => packages::update_versions_status,
        "CopyPackageVersions" => packages::copy_versions,
        "PublishPackageVersion" => packages::publish,
        "GetPackageVersionAsset" => packages::get_asset,
        "ListPackageVersionAssets" => packages::list_assets,
        "ListPackageVersionDependencies" => packages::list_dependencies,
        "GetPackageVersionReadme" => packages::get_readme,
        "CreatePackageGroup" => package_groups::create,
        "DescribePackageGroup" => package_groups::describe,
        "UpdatePackageGroup" => package_groups::update,
        "DeletePackageGroup" => package_groups::delete,
        "ListPackageGroups" => package_groups::list,
        "ListSubPackageGroups" => package_groups::list_sub_groups,
        "GetAssociatedPackageGroup" => package_groups::get_associated,
        "ListAssociatedPackages" => package_groups::list_associated_packages,
        "ListAllowedRepositoriesForGroup" => package_groups::list_allowed_repositories,
        "UpdatePackageGroupOriginConfiguration" => package_groups::update_origin_configuration,
        _ => return None,
    })
}

/// A handler that writes the JSON body itself (see `packages::list_packages` for why).
pub type BodyHandler = fn(&Ctx, Value) -> Result<Vec<u8>, ApiError>;

/// The operations whose handler is a `BodyHandler` instead of a `Handler`.
pub fn body_handler(operation: &str) -> Option<BodyHandler> {
    match operation {
        "ListPackages" => Some(packages::list_packages),
        "ListPackageVersions" => Some(packages::list_versions),
        _ => None,
    }
}

// ---- input access -------------------------------------------------------------------------

/// A string member; validation has already checked types, so anything else reads as absent.
fn opt_str<'a>(input: &'a Value, name: &str) -> Option<&'a str> {
    input.get(name).and_then(Value::as_str)
}

/// A required string member (validation guarantees presence; this only avoids a panic).
fn req_str<'a>(input: &'a Value, name: &str) -> Result<&'a str, ApiError> {
    opt_str(input, name).ok_or_else(|| {
        ApiError::validation(format!("1 validation error detected: Value null at '{name}' failed to satisfy constraint: Member must not be null"))
    })
}

/// The instant a deterministic mock is frozen at: 2024-01-01T00:00:00Z.
const FROZEN_MS: i64 = 1_704_067_200_000;

impl Ctx {
    /// Now, or the frozen instant in deterministic mode.
    pub(crate) fn now_ms(&self) -> i64 {
        if self.deterministic {
            FROZEN_MS
        } else {
            chrono::Utc::now().timestamp_millis()
        }
    }

    /// Unpredictable bytes, or in deterministic mode bytes derived from a counter, so two mocks
    /// given the same requests give the same ids, tokens and revisions.
    pub(crate) fn unique_bytes<const N: usize>(&self) -> [u8; N] {
        let mut out = [0u8; N];
        if self.deterministic {
            let n = self
                .counter
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            for (block, chunk) in out.chunks_mut(32).enumerate() {
                let digest =
                    <sha2::Sha256 as sha2::Digest>::digest(format!("{n}/{block}").as_bytes());
                chunk.copy_from_slice(&digest[..chunk.len()]);
            }
        } else {
            rand::RngCore::fill_bytes(&mut rand::rng(), &mut out);
        }
        out
    }

    fn new_uuid(&self) -> uuid::Uuid {
        uuid::Builder::from_random_bytes(self.unique_bytes()).into_uuid()
    }
}

/// rest-json timestamps: epoch seconds, with milliseconds as the fraction.
fn epoch_seconds(ms: i64) -> Value {
    json!(ms as f64 / 1000.0)
}

// ---- domains and repositories shared by several handlers ----------------------------------

impl Ctx {
    pub(crate) fn domain_arn(&self, domain: &str) -> String {
        format!(
            "arn:aws:codeartifact:{}:{}:domain/{domain}",
            self.region(),
            self.account_id
        )
    }

    pub(crate) fn repository_arn(&self, domain: &str, repo: &str) -> String {
        format!(
            "arn:aws:codeartifact:{}:{}:repository/{domain}/{repo}",
            self.region(),
            self.account_id
        )
    }

    /// The domain named by the input's `domain`/`domainOwner`. The mock holds one account's
    /// domains, so another owner's domain is as unknown as a missing one (the service answers
    /// the same way for a domain the caller cannot see).
    pub(crate) fn find_domain(
        &self,
        conn: &Connection,
        input: &Value,
    ) -> Result<DomainRow, ApiError> {
        let name = req_str(input, "domain")?;
        let owner = opt_str(input, "domainOwner").unwrap_or(&self.account_id);
        let row = if owner == self.account_id {
            domain_table::find(conn, name, &self.region())?
        } else {
            None
        };
        row.ok_or_else(|| {
            ApiError::not_found(
                "domain",
                name,
                format!(
                    "Domain not found. Domain '{name}' owned by account '{owner}' does not exist"
                ),
            )
        })
    }

    pub(crate) fn find_repository(
        &self,
        conn: &Connection,
        domain: &DomainRow,
        name: &str,
    ) -> Result<RepoRow, ApiError> {
        repository_table::find(conn, &domain.name, name)?
        .ok_or_else(|| {
            ApiError::not_found(
                "repository",
                name,
                format!(
                    "Repository not found. Repository '{name}' in domain '{}' owned by account '{}' does not exist",
                    domain.name, domain.owner
                ),
            )
        })
    }

    fn domain_summary(&self, d: &DomainRow) -> Value {
        json!({
            "name": d.name,
            "owner": d.owner,
            "arn": self.domain_arn(&d.name),
            "status": "Active",
            "createdTime": epoch_seconds(d.created_ms),
            "encryptionKey": d.encryption_key,
        })
    }

    fn domain_description(&self, conn: &Connection, d: &DomainRow) -> Result<Value, ApiError> {
        let (count, size) = domain_table::usage(conn, &d.name)?;
        let mut v = self.domain_summary(d);
        v["repositoryCount"] = json!(count);
        v["assetSizeBytes"] = json!(size);
        v["s3BucketArn"] = json!(format!(
            "arn:aws:s3:::assets-{}-{}",
            self.account_id,
            self.region()
        ));
        Ok(v)
    }

    fn repository_summary(&self, r: &RepoRow) -> Value {
        json!({
            "name": r.name,
            "administratorAccount": r.administrator_account,
            "domainName": r.domain,
            "domainOwner": self.account_id,
            "arn": self.repository_arn(&r.domain, &r.name),
            "description": r.description,
            "createdTime": epoch_seconds(r.created_ms),
        })
    }

    fn repository_description(&self, conn: &Connection, r: &RepoRow) -> Result<Value, ApiError> {
        let upstreams: Vec<Value> = repository_table::upstreams(conn, &r.domain, &r.name)?
            .into_iter()
            .map(|name| json!({"repositoryName": name}))
            .collect();
        let connections: Vec<Value> =
            repository_table::external_connections(conn, &r.domain, &r.name)?
                .into_iter()
                .map(|(name, format)| {
                    json!({
                        "externalConnectionName": name,
                        "packageFormat": format,
                        "status": "Available",
                    })
                })
                .collect();
        let mut v = self.repository_summary(r);
        v["upstreams"] = Value::Array(upstreams);
        v["externalConnections"] = Value::Array(connections);
        Ok(v)
    }
}

// ---- pagination -----------------------------------------------------------------------------

/// Page size: `maxResults` (the model bounds it to 1..1000), else the service's default of 100.
fn page_size(input: &Value) -> usize {
    input
        .get("maxResults")
        .and_then(Value::as_u64)
        .map_or(100, |n| n as usize)
}

/// `nextToken` is opaque to clients: base64 of the operation and the sort key of the last item
/// returned, so a page boundary survives inserts and deletes between calls.
fn encode_token(operation: &str, after: &[&str]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(json!({"op": operation, "after": after}).to_string())
}

fn decode_token(operation: &str, input: &Value) -> Result<Option<Vec<String>>, ApiError> {
    use base64::Engine;
    let Some(token) = opt_str(input, "nextToken") else {
        return Ok(None);
    };
    let invalid = || ApiError::validation_reason("OTHER", "The pagination token is invalid");
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(token)
        .map_err(|_| invalid())?;
    let v: Value = serde_json::from_slice(&bytes).map_err(|_| invalid())?;
    if v["op"] != operation {
        return Err(invalid());
    }
    let after = v["after"].as_array().ok_or_else(invalid)?;
    after
        .iter()
        .map(|k| k.as_str().map(str::to_string).ok_or_else(invalid))
        .collect::<Result<_, _>>()
        .map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_are_bound_to_their_operation() {
        let t = encode_token("ListDomains", &["abc"]);
        let input = json!({"nextToken": t});
        assert_eq!(
            decode_token("ListDomains", &input).unwrap(),
            Some(vec!["abc".to_string()])
        );
        assert!(decode_token("ListRepositories", &input).is_err());
        assert!(decode_token("ListDomains", &json!({"nextToken": "garbage!"})).is_err());
    }
}
