//! Issue 2's operations, each compared with AWS CLI v1's output byte for byte (see
//! tests/common/oracle.rs), in json and text, with and without --query.

mod common;

use common::oracle::Pair;

#[test]
fn domains_repositories_tokens_endpoints_policies_and_tags_match_aws_cli() {
    let p = Pair::new();
    p.step(&[
        "create-domain",
        "--domain",
        "acme",
        "--tags",
        "key=team,value=web",
        "key=env,value=prod",
    ]);
    p.step(&["create-domain", "--domain", "acme"]); // ConflictException
    p.step(&["create-domain", "--domain", "other", "--output", "text"]);
    p.read(
        &["describe-domain", "--domain", "acme"],
        "domain.[name,status,repositoryCount]",
    );
    p.step(&["describe-domain", "--domain", "missing"]);
    p.read(&["list-domains"], "domains[].name");

    p.step(&[
        "create-repository",
        "--domain",
        "acme",
        "--repository",
        "base",
        "--description",
        "the base",
    ]);
    p.step(&[
        "create-repository",
        "--domain",
        "acme",
        "--repository",
        "app",
        "--upstreams",
        "repositoryName=base",
        "--tags",
        "key=k,value=v",
    ]);
    p.step(&[
        "create-repository",
        "--domain",
        "acme",
        "--repository",
        "bad",
        "--upstreams",
        "repositoryName=nope",
    ]);
    p.step(&[
        "associate-external-connection",
        "--domain",
        "acme",
        "--repository",
        "base",
        "--external-connection",
        "public:npmjs",
    ]);
    p.read(
        &[
            "describe-repository",
            "--domain",
            "acme",
            "--repository",
            "app",
        ],
        "repository.upstreams",
    );
    p.step(&[
        "update-repository",
        "--domain",
        "acme",
        "--repository",
        "app",
        "--description",
        "new text",
        "--upstreams",
        "[]",
    ]);
    p.read(&["list-repositories"], "repositories[].arn");
    p.read(
        &["list-repositories-in-domain", "--domain", "acme"],
        "repositories[?name=='app']",
    );
    p.read(
        &[
            "list-repositories-in-domain",
            "--domain",
            "acme",
            "--repository-prefix",
            "ba",
        ],
        "length(repositories)",
    );
    p.read(
        &[
            "get-repository-endpoint",
            "--domain",
            "acme",
            "--repository",
            "app",
            "--format",
            "npm",
        ],
        "repositoryEndpoint",
    );

    p.step(&[
        "get-authorization-token",
        "--domain",
        "acme",
        "--duration-seconds",
        "900",
    ]);
    p.step(&[
        "get-authorization-token",
        "--domain",
        "acme",
        "--duration-seconds",
        "60",
    ]);
    p.step(&[
        "get-authorization-token",
        "--domain",
        "acme",
        "--output",
        "text",
    ]);

    let policy = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"codeartifact:*","Resource":"*"}]}"#;
    p.step(&[
        "put-domain-permissions-policy",
        "--domain",
        "acme",
        "--policy-document",
        policy,
    ]);
    p.read(
        &["get-domain-permissions-policy", "--domain", "acme"],
        "policy.revision",
    );
    p.step(&[
        "put-repository-permissions-policy",
        "--domain",
        "acme",
        "--repository",
        "app",
        "--policy-document",
        policy,
    ]);
    p.read(
        &[
            "get-repository-permissions-policy",
            "--domain",
            "acme",
            "--repository",
            "app",
        ],
        "policy.resourceArn",
    );
    p.step(&[
        "put-repository-permissions-policy",
        "--domain",
        "acme",
        "--repository",
        "app",
        "--policy-document",
        policy,
        "--policy-revision",
        "stale",
    ]);
    p.step(&[
        "delete-repository-permissions-policy",
        "--domain",
        "acme",
        "--repository",
        "app",
    ]);
    p.step(&[
        "delete-domain-permissions-policy",
        "--domain",
        "acme",
        "--output",
        "text",
    ]);
    p.step(&["get-domain-permissions-policy", "--domain", "acme"]);

    let arn = "arn:aws:codeartifact:us-east-1:111122223333:repository/acme/app";
    p.step(&[
        "tag-resource",
        "--resource-arn",
        arn,
        "--tags",
        "key=a,value=1",
        "key=b,value=2",
    ]);
    p.read(
        &["list-tags-for-resource", "--resource-arn", arn],
        "tags[?key=='a'].value",
    );
    p.step(&["untag-resource", "--resource-arn", arn, "--tag-keys", "a"]);
    p.read(&["list-tags-for-resource", "--resource-arn", arn], "tags");

    p.step(&[
        "disassociate-external-connection",
        "--domain",
        "acme",
        "--repository",
        "base",
        "--external-connection",
        "public:npmjs",
    ]);
    p.step(&["delete-domain", "--domain", "acme"]); // Conflict: repositories remain
    p.step(&[
        "delete-repository",
        "--domain",
        "acme",
        "--repository",
        "app",
    ]);
    p.step(&[
        "delete-repository",
        "--domain",
        "acme",
        "--repository",
        "base",
        "--output",
        "text",
    ]);
    p.step(&["delete-domain", "--domain", "acme"]);
    p.read(&["list-domains"], "domains");
}

#[test]
fn pagination_matches_aws_cli() {
    let p = Pair::new();
    p.step(&["create-domain", "--domain", "pages"]);
    for i in 0..7 {
        let name = format!("repo-{i}");
        p.step(&[
            "create-repository",
            "--domain",
            "pages",
            "--repository",
            &name,
            "--output",
            "text",
        ]);
    }
    for extra in [
        vec!["--page-size", "2"],
        vec!["--max-items", "3"],
        vec!["--max-items", "3", "--page-size", "2"],
        vec!["--max-items", "4", "--page-size", "2"],
        vec!["--no-paginate", "--max-results", "2"],
        vec!["--max-results", "3"],
    ] {
        let mut a = vec!["list-repositories-in-domain", "--domain", "pages"];
        a.extend(extra);
        p.read(&a, "repositories[].name");
    }
    // Resuming from a token either client printed.
    let out = p.step(&[
        "list-repositories-in-domain",
        "--domain",
        "pages",
        "--max-items",
        "3",
        "--page-size",
        "2",
        "--query",
        "NextToken",
        "--output",
        "text",
    ]);
    // Text output applies --query page by page (each page prints `None`); the token comes last.
    let token = out.lines().last().unwrap().trim();
    p.read(
        &[
            "list-repositories-in-domain",
            "--domain",
            "pages",
            "--starting-token",
            token,
            "--max-items",
            "2",
        ],
        "repositories[].name",
    );
    p.read(
        &[
            "list-repositories-in-domain",
            "--domain",
            "pages",
            "--starting-token",
            token,
        ],
        "NextToken",
    );
}

#[test]
fn bad_input_is_refused_before_any_request() {
    let p = Pair::new();
    for args in [
        vec!["describe-domain"],
        vec!["describe-domain", "--domain", "a"],
        vec![
            "create-repository",
            "--domain",
            "d",
            "--repository",
            "r",
            "--upstreams",
            "repositoryName",
        ],
        vec![
            "get-authorization-token",
            "--domain",
            "d",
            "--duration-seconds",
            "abc",
        ],
        vec!["list-domains", "--max-items", "x"],
        vec!["list-domains", "--no-paginate", "--max-items", "2"],
        vec!["describe-domain", "--domain", "dd", "--bogus"],
    ] {
        let ours = p.ours(&args);
        assert_eq!(
            ours.status.code(),
            Some(252),
            "{args:?}: {}",
            String::from_utf8_lossy(&ours.stderr)
        );
        assert!(ours.stdout.is_empty());
        assert!(!ours.stderr.is_empty());
    }
    assert_eq!(
        p.ours.requests(),
        0,
        "no request may reach the service for bad input"
    );
}
