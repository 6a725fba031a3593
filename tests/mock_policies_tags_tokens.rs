//! Resource policies, tags and authorization tokens.

mod common;

use common::{ACCOUNT, Mock};
use serde_json::json;

const POLICY: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"codeartifact:*","Resource":"*"}]}"#;

#[test]
fn domain_policy_revisions_lock_optimistically() {
    let mock = Mock::start();
    mock.aws_ok(&["create-domain", "--domain", "dom"]);
    let err = mock.aws_err(
        &["get-domain-permissions-policy", "--domain", "dom"],
        "ResourceNotFoundException",
    );
    assert!(err.contains("No resource policy"), "{err}");
    mock.aws_err(
        &["delete-domain-permissions-policy", "--domain", "dom"],
        "ResourceNotFoundException",
    );

    let put = mock.aws_ok(&[
        "put-domain-permissions-policy",
        "--domain",
        "dom",
        "--policy-document",
        POLICY,
    ]);
    let p = &put["policy"];
    assert_eq!(
        p["resourceArn"],
        format!("arn:aws:codeartifact:us-east-1:{ACCOUNT}:domain/dom")
    );
    assert_eq!(p["document"], POLICY);
    let rev1 = p["revision"].as_str().unwrap().to_string();
    assert_eq!(
        mock.aws_ok(&["get-domain-permissions-policy", "--domain", "dom"]),
        put
    );

    let err = mock.aws_err(
        &[
            "put-domain-permissions-policy",
            "--domain",
            "dom",
            "--policy-revision",
            "stale",
            "--policy-document",
            POLICY,
        ],
        "ConflictException",
    );
    assert!(err.contains("'stale'"), "{err}");
    let put2 = mock.aws_ok(&[
        "put-domain-permissions-policy",
        "--domain",
        "dom",
        "--policy-revision",
        &rev1,
        "--policy-document",
        POLICY,
    ]);
    let rev2 = put2["policy"]["revision"].as_str().unwrap().to_string();
    assert_ne!(rev1, rev2, "each put makes a new revision");

    mock.aws_err(
        &[
            "delete-domain-permissions-policy",
            "--domain",
            "dom",
            "--policy-revision",
            &rev1,
        ],
        "ConflictException",
    );
    let deleted = mock.aws_ok(&[
        "delete-domain-permissions-policy",
        "--domain",
        "dom",
        "--policy-revision",
        &rev2,
    ]);
    assert_eq!(deleted["policy"]["revision"], rev2.as_str());
    mock.aws_err(
        &["get-domain-permissions-policy", "--domain", "dom"],
        "ResourceNotFoundException",
    );

    let err = mock.aws_err(
        &[
            "put-domain-permissions-policy",
            "--domain",
            "dom",
            "--policy-document",
            "not json",
        ],
        "ValidationException",
    );
    assert!(err.contains("policy"), "{err}");
    mock.aws_err(
        &[
            "put-domain-permissions-policy",
            "--domain",
            "gone",
            "--policy-document",
            POLICY,
        ],
        "ResourceNotFoundException",
    );
}

#[test]
fn repository_policies_use_their_own_paths() {
    let mock = Mock::start();
    let v = mock.boto3_json(&format!(
        r#"
client.create_domain(domain='dom')
client.create_repository(domain='dom', repository='repo')
out = {{}}
p = client.put_repository_permissions_policy(domain='dom', repository='repo', policyDocument='{POLICY}')['policy']
out['arn'] = p['resourceArn']
out['get'] = client.get_repository_permissions_policy(domain='dom', repository='repo')['policy'] == p
try:
    client.put_repository_permissions_policy(domain='dom', repository='repo', policyRevision='old', policyDocument='{{}}')
except ClientError as e:
    out['stale'] = [e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode'], e.response.get('resourceType')]
out['deleted'] = client.delete_repository_permissions_policy(domain='dom', repository='repo', policyRevision=p['revision'])['policy']['revision'] == p['revision']
try:
    client.get_repository_permissions_policy(domain='dom', repository='repo')
except ClientError as e:
    out['after'] = e.response['Error']['Code']
try:
    client.get_repository_permissions_policy(domain='dom', repository='nope')
except ClientError as e:
    out['missing_repo'] = e.response['Error']['Code']
# The domain's policy is a different resource.
try:
    client.get_domain_permissions_policy(domain='dom')
except ClientError as e:
    out['domain'] = e.response['Error']['Code']
print(json.dumps(out))
"#
    ));
    assert_eq!(
        v,
        json!({
            "arn": format!("arn:aws:codeartifact:us-east-1:{ACCOUNT}:repository/dom/repo"),
            "get": true,
            "stale": ["ConflictException", 409, "repository"],
            "deleted": true,
            "after": "ResourceNotFoundException",
            "missing_repo": "ResourceNotFoundException",
            "domain": "ResourceNotFoundException",
        })
    );
}

#[test]
fn tags_on_domains_and_repositories() {
    let mock = Mock::start();
    mock.aws_ok(&[
        "create-domain",
        "--domain",
        "dom",
        "--tags",
        "key=b,value=2",
        "key=a,value=1",
    ]);
    mock.aws_ok(&[
        "create-repository",
        "--domain",
        "dom",
        "--repository",
        "repo",
    ]);
    let domain_arn = format!("arn:aws:codeartifact:us-east-1:{ACCOUNT}:domain/dom");
    let repo_arn = format!("arn:aws:codeartifact:us-east-1:{ACCOUNT}:repository/dom/repo");

    let tags = mock.aws_ok(&["list-tags-for-resource", "--resource-arn", &domain_arn]);
    assert_eq!(
        tags["tags"],
        json!([{"key": "a", "value": "1"}, {"key": "b", "value": "2"}])
    );
    mock.aws_ok(&[
        "tag-resource",
        "--resource-arn",
        &domain_arn,
        "--tags",
        "key=a,value=changed",
        "key=c,value=3",
    ]);
    mock.aws_ok(&[
        "untag-resource",
        "--resource-arn",
        &domain_arn,
        "--tag-keys",
        "b",
        "absent",
    ]);
    let tags = mock.aws_ok(&["list-tags-for-resource", "--resource-arn", &domain_arn]);
    assert_eq!(
        tags["tags"],
        json!([{"key": "a", "value": "changed"}, {"key": "c", "value": "3"}])
    );

    mock.aws_ok(&[
        "tag-resource",
        "--resource-arn",
        &repo_arn,
        "--tags",
        "key=env,value=",
    ]);
    let tags = mock.aws_ok(&["list-tags-for-resource", "--resource-arn", &repo_arn]);
    assert_eq!(tags["tags"], json!([{"key": "env", "value": ""}]));

    for arn in [
        format!("arn:aws:codeartifact:us-east-1:{ACCOUNT}:domain/nope"),
        format!("arn:aws:codeartifact:us-east-1:{ACCOUNT}:repository/dom/nope"),
        format!("arn:aws:codeartifact:eu-west-1:{ACCOUNT}:domain/dom"),
        "arn:aws:s3:::bucket".to_string(),
    ] {
        mock.aws_err(
            &["list-tags-for-resource", "--resource-arn", &arn],
            "ResourceNotFoundException",
        );
    }
    let gone = format!("arn:aws:codeartifact:us-east-1:{ACCOUNT}:repository/dom/nope");
    mock.aws_err(
        &[
            "tag-resource",
            "--resource-arn",
            &gone,
            "--tags",
            "key=k,value=v",
        ],
        "ResourceNotFoundException",
    );
    mock.aws_err(
        &["untag-resource", "--resource-arn", &gone, "--tag-keys", "k"],
        "ResourceNotFoundException",
    );

    // At most 50 tags per resource; a refused request changes nothing.
    let v = mock.boto3_json(&format!(
        r#"
arn = '{repo_arn}'
client.tag_resource(resourceArn=arn, tags=[{{'key': 'k%02d' % i, 'value': 'v'}} for i in range(49)])
try:
    client.tag_resource(resourceArn=arn, tags=[{{'key': 'x1', 'value': 'v'}}, {{'key': 'x2', 'value': 'v'}}])
    code = None
except ClientError as e:
    code = e.response['Error']['Code']
print(json.dumps({{'code': code, 'count': len(client.list_tags_for_resource(resourceArn=arn)['tags'])}}))
"#
    ));
    assert_eq!(
        v,
        json!({"code": "ServiceQuotaExceededException", "count": 50})
    );
}

#[test]
fn authorization_tokens_and_durations() {
    let mock = Mock::start();
    mock.aws_ok(&["create-domain", "--domain", "dom"]);
    let v = mock.boto3_json(
        r#"
import datetime
now = datetime.datetime.now(datetime.timezone.utc)
out = {}
for label, kw in [('default', {}), ('zero', {'durationSeconds': 0}), ('min', {'durationSeconds': 900}), ('max', {'durationSeconds': 43200})]:
    r = client.get_authorization_token(domain='dom', **kw)
    out[label] = [round((r['expiration'] - now).total_seconds()), len(r['authorizationToken'])]
out['distinct'] = client.get_authorization_token(domain='dom')['authorizationToken'] != client.get_authorization_token(domain='dom')['authorizationToken']
for label, d in [('too_short', 899), ('one', 1), ('too_long', 43201)]:
    try:
        raw_client.get_authorization_token(domain='dom', durationSeconds=d)
        out[label] = None
    except ClientError as e:
        out[label] = e.response['Error']['Code']
try:
    client.get_authorization_token(domain='nope')
except ClientError as e:
    out['missing'] = e.response['Error']['Code']
print(json.dumps(out))
"#,
    );
    let near = |label: &str, secs: i64| {
        let got = v[label][0].as_i64().unwrap();
        assert!(
            (got - secs).abs() <= 5,
            "{label}: expiration in {got}s, expected {secs}s"
        );
        assert!(
            v[label][1].as_u64().unwrap() >= 32,
            "{label}: token too short"
        );
    };
    near("default", 43200);
    near("zero", 43200);
    near("min", 900);
    near("max", 43200);
    assert_eq!(v["distinct"], true);
    assert_eq!(v["too_short"], "ValidationException");
    assert_eq!(v["one"], "ValidationException");
    assert_eq!(v["too_long"], "ValidationException");
    assert_eq!(v["missing"], "ResourceNotFoundException");

    // The AWS CLI prints the token and an ISO 8601 expiration.
    let out = mock.aws_ok(&[
        "get-authorization-token",
        "--domain",
        "dom",
        "--duration-seconds",
        "900",
    ]);
    assert!(out["authorizationToken"].as_str().unwrap().len() >= 32);
    assert!(out["expiration"].as_str().unwrap().contains('T'));
}
