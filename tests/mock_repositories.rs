//! Repositories, upstreams, external connections, endpoints and listings.

mod common;

use common::{ACCOUNT, Mock};
use serde_json::json;

fn names(list: &serde_json::Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn repository_lifecycle_through_the_aws_cli() {
    let mock = Mock::start();
    mock.aws_ok(&["create-domain", "--domain", "dom"]);
    mock.aws_ok(&[
        "create-repository",
        "--domain",
        "dom",
        "--repository",
        "base",
    ]);
    let created = mock.aws_ok(&[
        "create-repository",
        "--domain",
        "dom",
        "--repository",
        "app",
        "--description",
        "application packages",
        "--upstreams",
        "repositoryName=base",
        "--tags",
        "key=k,value=v",
    ]);
    let r = &created["repository"];
    assert_eq!(r["name"], "app");
    assert_eq!(r["administratorAccount"], ACCOUNT);
    assert_eq!(r["domainName"], "dom");
    assert_eq!(r["domainOwner"], ACCOUNT);
    assert_eq!(
        r["arn"],
        format!("arn:aws:codeartifact:us-east-1:{ACCOUNT}:repository/dom/app")
    );
    assert_eq!(r["description"], "application packages");
    assert_eq!(r["upstreams"], json!([{"repositoryName": "base"}]));
    assert_eq!(r["externalConnections"], json!([]));

    let err = mock.aws_err(
        &[
            "create-repository",
            "--domain",
            "dom",
            "--repository",
            "app",
        ],
        "ConflictException",
    );
    assert!(err.contains("'app' already exists"), "{err}");
    let err = mock.aws_err(
        &[
            "create-repository",
            "--domain",
            "nodom",
            "--repository",
            "x1",
        ],
        "ResourceNotFoundException",
    );
    assert!(err.contains("Domain 'nodom'"), "{err}");

    // Update: members left out stay; an empty upstream list clears them.
    let updated = mock.aws_ok(&[
        "update-repository",
        "--domain",
        "dom",
        "--repository",
        "app",
        "--description",
        "new",
    ]);
    assert_eq!(updated["repository"]["description"], "new");
    assert_eq!(
        updated["repository"]["upstreams"],
        json!([{"repositoryName": "base"}])
    );

    let err = mock.aws_err(
        &[
            "delete-repository",
            "--domain",
            "dom",
            "--repository",
            "base",
        ],
        "ConflictException",
    );
    assert!(
        err.contains("upstream repository of repository 'app'"),
        "{err}"
    );
    let cleared = mock.aws_ok(&[
        "update-repository",
        "--domain",
        "dom",
        "--repository",
        "app",
        "--upstreams",
        "[]",
    ]);
    assert_eq!(cleared["repository"]["upstreams"], json!([]));

    let deleted = mock.aws_ok(&[
        "delete-repository",
        "--domain",
        "dom",
        "--repository",
        "base",
    ]);
    assert_eq!(deleted["repository"]["name"], "base");
    let err = mock.aws_err(
        &[
            "describe-repository",
            "--domain",
            "dom",
            "--repository",
            "base",
        ],
        "ResourceNotFoundException",
    );
    assert!(err.contains("Repository 'base'"), "{err}");
    let described = mock.aws_ok(&[
        "describe-repository",
        "--domain",
        "dom",
        "--repository",
        "app",
    ]);
    assert_eq!(described["repository"]["description"], "new");

    let endpoint = mock.aws_ok(&[
        "get-repository-endpoint",
        "--domain",
        "dom",
        "--repository",
        "app",
        "--format",
        "pypi",
    ]);
    assert_eq!(
        endpoint["repositoryEndpoint"],
        format!("{}/pypi/d/dom-{ACCOUNT}/app/", mock.url)
    );
    mock.aws_err(
        &[
            "get-repository-endpoint",
            "--domain",
            "dom",
            "--repository",
            "nope",
            "--format",
            "npm",
        ],
        "ResourceNotFoundException",
    );
}

#[test]
fn upstream_rules_are_enforced() {
    let mock = Mock::start();
    let v = mock.boto3_json(
        r#"
client.create_domain(domain='dom')
client.create_domain(domain='other')
client.create_repository(domain='other', repository='elsewhere')
for r in ['ra', 'rb', 'rc'] + ['u%d' % i for i in range(11)]:
    client.create_repository(domain='dom', repository=r)
client.update_repository(domain='dom', repository='ra', upstreams=[{'repositoryName': 'rb'}])
client.update_repository(domain='dom', repository='rb', upstreams=[{'repositoryName': 'rc'}])
out = {}
def attempt(label, **kw):
    try:
        client.update_repository(domain='dom', **kw)
        out[label] = 'ok'
    except ClientError as e:
        out[label] = [e.response['Error']['Code'], e.response['Error']['Message']]
attempt('self', repository='ra', upstreams=[{'repositoryName': 'ra'}])
attempt('cycle', repository='rc', upstreams=[{'repositoryName': 'ra'}])
attempt('missing', repository='ra', upstreams=[{'repositoryName': 'nope'}])
attempt('other_domain', repository='ra', upstreams=[{'repositoryName': 'elsewhere'}])
attempt('duplicate', repository='rc', upstreams=[{'repositoryName': 'u0'}, {'repositoryName': 'u0'}])
attempt('eleven', repository='rc', upstreams=[{'repositoryName': 'u%d' % i} for i in range(11)])
attempt('ten', repository='rc', upstreams=[{'repositoryName': 'u%d' % i} for i in range(10)])
out['order'] = [u['repositoryName'] for u in client.describe_repository(domain='dom', repository='rc')['repository']['upstreams']]
print(json.dumps(out))
"#,
    );
    assert_eq!(v["self"][0], "ValidationException");
    assert_eq!(v["cycle"][0], "ValidationException");
    assert!(v["cycle"][1].as_str().unwrap().contains("cycle"));
    assert_eq!(v["missing"][0], "ResourceNotFoundException");
    assert_eq!(v["other_domain"][0], "ResourceNotFoundException");
    assert_eq!(v["duplicate"][0], "ValidationException");
    assert_eq!(v["eleven"][0], "ValidationException");
    assert_eq!(v["ten"], "ok");
    let expected: Vec<String> = (0..10).map(|i| format!("u{i}")).collect();
    assert_eq!(v["order"], json!(expected));
}

#[test]
fn external_connections_one_per_repository() {
    let mock = Mock::start();
    mock.aws_ok(&["create-domain", "--domain", "dom"]);
    mock.aws_ok(&[
        "create-repository",
        "--domain",
        "dom",
        "--repository",
        "npm-store",
    ]);
    let args = |cmd: &'static str, name: &'static str| {
        [
            cmd,
            "--domain",
            "dom",
            "--repository",
            "npm-store",
            "--external-connection",
            name,
        ]
    };

    let r = mock.aws_ok(&args("associate-external-connection", "public:npmjs"));
    assert_eq!(
        r["repository"]["externalConnections"],
        json!([{"externalConnectionName": "public:npmjs", "packageFormat": "npm", "status": "Available"}])
    );
    let err = mock.aws_err(
        &args("associate-external-connection", "public:pypi"),
        "ConflictException",
    );
    assert!(
        err.contains("already has external connection 'public:npmjs'"),
        "{err}"
    );
    mock.aws_err(
        &args("associate-external-connection", "public:nowhere"),
        "ValidationException",
    );
    mock.aws_err(
        &args("disassociate-external-connection", "public:pypi"),
        "ResourceNotFoundException",
    );
    let r = mock.aws_ok(&args("disassociate-external-connection", "public:npmjs"));
    assert_eq!(r["repository"]["externalConnections"], json!([]));
    let r = mock.aws_ok(&args(
        "associate-external-connection",
        "public:maven-central",
    ));
    assert_eq!(
        r["repository"]["externalConnections"][0]["packageFormat"],
        "maven"
    );
}

#[test]
fn listings_filter_sort_and_paginate() {
    let mock = Mock::start();
    let v = mock.boto3_json(
        r#"
client.create_domain(domain='one')
client.create_domain(domain='two')
for r in ['web', 'api', 'apps', 'db']:
    client.create_repository(domain='one', repository=r)
for r in ['api', 'cache']:
    client.create_repository(domain='two', repository=r)
def pages(call, **kw):
    out = []
    while True:
        r = call(**kw)
        out.append([(x['domainName'], x['name']) for x in r['repositories']])
        if 'nextToken' not in r:
            return out
        kw['nextToken'] = r['nextToken']
print(json.dumps({
    'all': pages(client.list_repositories, maxResults=2),
    'prefix': pages(client.list_repositories, repositoryPrefix='ap'),
    'in_domain': pages(client.list_repositories_in_domain, domain='one', maxResults=3),
    'in_domain_prefix': pages(client.list_repositories_in_domain, domain='one', repositoryPrefix='ap'),
    'admin_match': pages(client.list_repositories_in_domain, domain='one', administratorAccount='111122223333'),
    'admin_other': pages(client.list_repositories_in_domain, domain='one', administratorAccount='444455556666'),
}))
"#,
    );
    assert_eq!(
        v["all"],
        json!([
            [["one", "api"], ["two", "api"]],
            [["one", "apps"], ["two", "cache"]],
            [["one", "db"], ["one", "web"]]
        ])
    );
    assert_eq!(
        v["prefix"],
        json!([[["one", "api"], ["two", "api"], ["one", "apps"]]])
    );
    assert_eq!(
        v["in_domain"],
        json!([
            [["one", "api"], ["one", "apps"], ["one", "db"]],
            [["one", "web"]]
        ])
    );
    assert_eq!(
        v["in_domain_prefix"],
        json!([[["one", "api"], ["one", "apps"]]])
    );
    assert_eq!(v["admin_match"][0].as_array().unwrap().len(), 4);
    assert_eq!(v["admin_other"], json!([[]]));

    // The AWS CLI walks the same pages.
    let out = mock.aws_ok(&[
        "list-repositories-in-domain",
        "--domain",
        "one",
        "--page-size",
        "1",
    ]);
    assert_eq!(names(&out["repositories"]), ["api", "apps", "db", "web"]);
    let out = mock.aws_ok(&["list-repositories", "--repository-prefix", "ca"]);
    assert_eq!(names(&out["repositories"]), ["cache"]);
}

#[test]
fn repository_quota_is_a_thousand_per_domain() {
    let mock = Mock::start();
    let v = mock.boto3_json(
        r#"
client.create_domain(domain='big')
for i in range(1000):
    client.create_repository(domain='big', repository='r%04d' % i)
try:
    client.create_repository(domain='big', repository='one-more')
    code = None
except ClientError as e:
    code = [e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode']]
count = client.describe_domain(domain='big')['domain']['repositoryCount']
print(json.dumps({'code': code, 'count': count}))
"#,
    );
    assert_eq!(
        v,
        json!({"code": ["ServiceQuotaExceededException", 402], "count": 1000})
    );
}
