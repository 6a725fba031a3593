//! The questions `login` and `exec` ask on a terminal for what the command line left out: the
//! tool, the domain and the repository (cli/prompt.rs draws them; long lists filter as you type).
//!
//! A fresh emulator has no domain and no repository, and a newcomer's first `login` would end
//! there: on the emulator (an endpoint on this machine) login offers to create them. Against the
//! service, creating a domain is a decision with costs and permissions, so login says how instead.

use clap::ValueEnum;
use serde_json::json;

use super::Tool;
use crate::cli::prompt;
use crate::error::{Error, Result};
use crate::ops::Service;
use crate::output::TimestampFormat;

/// What a new domain and repository are called unless the user types a name.
const DEFAULT_DOMAIN: &str = "my-domain";
const DEFAULT_REPOSITORY: &str = "my-repo";

pub fn tool() -> Result<Tool> {
    let names: Vec<String> = Tool::value_variants().iter().map(Tool::to_string).collect();
    let name = prompt::select("Tool", &names)?;
    Ok(Tool::from_str(&name, false).unwrap_or_default())
}

pub async fn domain(service: &Service) -> Result<String> {
    let domains: Vec<String> = service
        .client
        .list_domains()
        .into_paginator()
        .items()
        .send()
        .collect::<std::result::Result<Vec<_>, _>>()
        .await
        .map_err(|e| service.error("ListDomains", &json!({}), e))?
        .into_iter()
        .filter_map(|d| d.name)
        .collect();
    if !domains.is_empty() {
        return prompt::select("Domain", &domains);
    }
    let how = "create one with `codeartifact create-domain --domain NAME` and a repository in it \
               with `codeartifact create-repository --domain NAME --repository REPO`";
    if !is_local(&service.endpoint) {
        return Err(Error::usage(format!(
            "no CodeArtifact domain in this account and region ({})\nhint: {how}, then run login again",
            service.endpoint
        )));
    }
    eprintln!("The emulator at {} has no domain yet.", service.endpoint);
    if !prompt::confirm("Create a domain and a repository in it?", true)? {
        return Err(Error::usage(format!("no domain to log in to\nhint: {how}")));
    }
    create(
        service,
        "Domain name",
        DEFAULT_DOMAIN,
        "CreateDomain",
        |name| json!({"domain": name}),
    )
    .await
}

pub async fn repository(service: &Service, domain: &str, owner: Option<&str>) -> Result<String> {
    let repositories: Vec<String> = service
        .client
        .list_repositories_in_domain()
        .domain(domain)
        .set_domain_owner(owner.map(str::to_string))
        .into_paginator()
        .items()
        .send()
        .collect::<std::result::Result<Vec<_>, _>>()
        .await
        .map_err(|e| {
            let p = json!({"domain": domain, "domainOwner": owner});
            service.error("ListRepositoriesInDomain", &p, e)
        })?
        .into_iter()
        .filter_map(|r| r.name)
        .collect();
    if !repositories.is_empty() {
        return prompt::select("Repository", &repositories);
    }
    let how = format!(
        "create one with `codeartifact create-repository --domain {domain} --repository REPO`"
    );
    if !is_local(&service.endpoint) {
        return Err(Error::usage(format!(
            "no repository in domain {domain}\nhint: {how}, then run login again"
        )));
    }
    create(
        service,
        "Repository name",
        DEFAULT_REPOSITORY,
        "CreateRepository",
        |name| {
            let mut p = json!({"domain": domain, "repository": name});
            if let Some(owner) = owner {
                p["domainOwner"] = json!(owner);
            }
            p
        },
    )
    .await
}

/// Asks for a name and creates the resource with `operation`; a name the service refuses is
/// asked again, with the service's reason.
async fn create(
    service: &Service,
    prompt: &str,
    default: &str,
    operation: &str,
    params: impl Fn(&str) -> serde_json::Value,
) -> Result<String> {
    loop {
        let name = prompt::input(prompt, default)?;
        match service
            .call(operation, &params(&name), TimestampFormat::Iso8601)
            .await
        {
            Ok(_) => {
                eprintln!("{operation}: created {name}");
                return Ok(name);
            }
            Err(Error::Service { code, message, .. }) if code == "ValidationException" => {
                eprintln!("{message}");
            }
            Err(e) => return Err(e),
        }
    }
}

/// Whether `endpoint` is on this machine (the emulator, or a test double of the service): only
/// there does login create resources for the user.
fn is_local(endpoint: &str) -> bool {
    let Ok(url) = url::Url::parse(endpoint) else {
        return false;
    };
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(a)) => a.is_loopback(),
        Some(url::Host::Ipv6(a)) => a.is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_local;

    #[test]
    fn only_endpoints_on_this_machine_are_local() {
        for e in [
            "http://127.0.0.1:8480",
            "http://127.1.2.3:1/",
            "http://localhost:8480",
            "https://[::1]:443",
        ] {
            assert!(is_local(e), "{e}");
        }
        for e in [
            "https://codeartifact.us-east-1.amazonaws.com",
            "http://10.0.0.1:8480",
            "http://localhost.example.com",
            "not a url",
        ] {
            assert!(!is_local(e), "{e}");
        }
    }
}
