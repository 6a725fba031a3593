//! What a repository URL says about the token it needs. A CodeArtifact token is good for a
//! whole domain, so the domain, its owner, the region and the API endpoint are enough; the
//! credential helpers get nothing else from the tools that call them.
//!
//! Three shapes are recognised:
//! - the service's: `https://{domain}-{owner}.d.codeartifact.{region}.amazonaws.com/{format}/{repo}/`
//!   (the region's own API endpoint);
//! - a VPC endpoint's: `https://vpce-{id}.d.codeartifact.{region}.vpce.amazonaws.com/{format}/d/{domain}-{owner}/{repo}/`
//!   (API endpoint `https://vpce-{id}.api.codeartifact.{region}.vpce.amazonaws.com`);
//! - the emulator's path style on any host: `http://127.0.0.1:8480/{format}/d/{domain}-{owner}/{repo}/`
//!   (API endpoint: the same origin).
//!
//! Only the first two are AWS's own hosts ([`RepoUrl::on_aws`]): a name that merely starts like
//! one (`...amazonaws.com.example.net`) is not, since a token fetched for it would go to that
//! host. Whether to trust another host is the helpers' decision.

/// The token-relevant parts of a repository URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepoUrl {
    pub domain: String,
    /// The 12-digit account ID that owns the domain.
    pub owner: String,
    /// The region, when the host names it.
    pub region: Option<String>,
    /// The API endpoint to call, when it is not the region's own.
    pub api_endpoint: Option<String>,
    /// The host is a CodeArtifact host of AWS (the service's or a VPC endpoint's).
    pub on_aws: bool,
}

/// What follows `.{region}.` in AWS's CodeArtifact hosts (IPv4 and dual-stack, China).
const AWS_SUFFIXES: [&str; 4] = ["amazonaws.com", "amazonaws.com.cn", "on.aws", "api.aws"];

impl RepoUrl {
    /// Parses a repository URL (or a bare `host[:port]`, which pip and uv also ask about).
    /// `sparse+` (cargo's index URLs) and credentials in the URL are ignored.
    pub fn parse(s: &str) -> Option<RepoUrl> {
        let s = s.trim().strip_prefix("sparse+").unwrap_or(s.trim());
        let url = match url::Url::parse(s) {
            Ok(u) if u.has_host() => u,
            _ => url::Url::parse(&format!("https://{s}")).ok()?,
        };
        let host = url.host_str()?.to_ascii_lowercase();
        let labels: Vec<&str> = host.split('.').collect();
        let suffix = labels.get(4..).map(|l| l.join(".")).unwrap_or_default();
        let in_region = labels.len() > 4 && labels[1] == "d" && labels[2] == "codeartifact";
        let service = in_region && AWS_SUFFIXES.contains(&suffix.as_str());
        let vpce = in_region
            && suffix
                .strip_prefix("vpce.")
                .is_some_and(|s| AWS_SUFFIXES.contains(&s));
        let region = (service || vpce).then(|| labels[3].to_string());
        if service {
            let (domain, owner) = domain_and_owner(labels[0])?;
            return Some(RepoUrl {
                domain,
                owner,
                region,
                api_endpoint: None,
                on_aws: true,
            });
        }
        // Path style: /{format}/d/{domain}-{owner}/...
        let mut segments = url.path_segments()?;
        let (_format, d, domain_owner) = (segments.next()?, segments.next()?, segments.next()?);
        if d != "d" {
            return None;
        }
        let (domain, owner) = domain_and_owner(domain_owner)?;
        let api_endpoint = if vpce {
            let mut api = url.clone();
            api.set_host(Some(&host.replacen(
                ".d.codeartifact.",
                ".api.codeartifact.",
                1,
            )))
            .ok()?;
            api.origin().ascii_serialization()
        } else {
            url.origin().ascii_serialization()
        };
        Some(RepoUrl {
            domain,
            owner,
            region,
            api_endpoint: Some(api_endpoint),
            on_aws: vpce,
        })
    }
}

/// `{domain}-{owner}`: the owner is the 12 digits after the last `-`; domain names are
/// lowercase letters, digits and `-`, starting with a letter.
fn domain_and_owner(s: &str) -> Option<(String, String)> {
    let (domain, owner) = s.rsplit_once('-')?;
    let domain_ok = domain.starts_with(|c: char| c.is_ascii_lowercase())
        && domain
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    let owner_ok = owner.len() == 12 && owner.bytes().all(|b| b.is_ascii_digit());
    (domain_ok && owner_ok).then(|| (domain.to_string(), owner.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo(domain: &str, region: Option<&str>, api: Option<&str>) -> Option<RepoUrl> {
        Some(RepoUrl {
            domain: domain.into(),
            owner: "111122223333".into(),
            region: region.map(str::to_string),
            api_endpoint: api.map(str::to_string),
            on_aws: region.is_some(),
        })
    }

    #[test]
    fn service_vpc_and_emulator_urls() {
        for url in [
            "https://my-dom-111122223333.d.codeartifact.eu-west-1.amazonaws.com/cargo/repo/",
            "sparse+https://my-dom-111122223333.d.codeartifact.eu-west-1.amazonaws.com/cargo/repo/",
            "https://aws@my-dom-111122223333.d.codeartifact.eu-west-1.amazonaws.com/pypi/repo/simple/",
            "my-dom-111122223333.d.codeartifact.eu-west-1.amazonaws.com",
            "MY-DOM-111122223333.D.CODEARTIFACT.EU-WEST-1.AMAZONAWS.COM:443",
        ] {
            assert_eq!(
                RepoUrl::parse(url),
                repo("my-dom", Some("eu-west-1"), None),
                "{url}"
            );
        }
        assert_eq!(
            RepoUrl::parse(
                "https://vpce-0abc-xyz.d.codeartifact.us-west-2.vpce.amazonaws.com/npm/d/dom-111122223333/repo/"
            ),
            repo(
                "dom",
                Some("us-west-2"),
                Some("https://vpce-0abc-xyz.api.codeartifact.us-west-2.vpce.amazonaws.com")
            )
        );
        assert_eq!(
            RepoUrl::parse("sparse+http://127.0.0.1:8480/cargo/d/dom-111122223333/repo/"),
            repo("dom", None, Some("http://127.0.0.1:8480"))
        );
        assert_eq!(
            RepoUrl::parse("http://aws@127.0.0.1:9/pypi/d/dom-111122223333/repo/simple/x/"),
            repo("dom", None, Some("http://127.0.0.1:9"))
        );
        // A look-alike host is not AWS's: at most an emulator-style URL on some host.
        let lookalike = RepoUrl::parse(
            "https://dom-111122223333.d.codeartifact.us-east-1.amazonaws.com.example.net/npm/d/dom-111122223333/r/",
        )
        .unwrap();
        assert!(!lookalike.on_aws && lookalike.region.is_none());
        assert_eq!(
            RepoUrl::parse(
                "https://dom-111122223333.d.codeartifact.us-east-1.amazonaws.com.example.net/npm/r/"
            ),
            None
        );
    }

    #[test]
    fn other_urls_are_not_codeartifact_repositories() {
        for url in [
            "sparse+https://index.crates.io/",
            "https://pypi.org/simple/",
            "127.0.0.1:8480",
            "http://127.0.0.1:8480/cargo/d/dom-1111/repo/",
            "http://127.0.0.1:8480/cargo/x/dom-111122223333/repo/",
            "http://127.0.0.1:8480/cargo/d/Dom-111122223333/repo/",
            "http://127.0.0.1:8480/cargo/d/-111122223333/repo/",
            "https://dom.d.codeartifact.us-east-1.amazonaws.com/npm/repo/",
            "https://vpce-1.d.codeartifact.us-east-1.vpce.amazonaws.com/npm/repo/",
            "",
            "::",
        ] {
            assert_eq!(RepoUrl::parse(url), None, "{url}");
        }
    }
}
