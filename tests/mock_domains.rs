//! Domains against the real binary, through AWS CLI v1 and boto3.

mod common;

use common::{ACCOUNT, Mock};

#[test]
fn domain_lifecycle_through_the_aws_cli() {
    let mock = Mock::start();
    let created = mock.aws_ok(&[
        "create-domain",
        "--domain",
        "dom",
        "--tags",
        "key=team,value=core",
    ]);
    let d = &created["domain"];
    assert_eq!(d["name"], "dom");
    assert_eq!(d["owner"], ACCOUNT);
    assert_eq!(
        d["arn"],
        format!("arn:aws:codeartifact:us-east-1:{ACCOUNT}:domain/dom")
    );
    assert_eq!(d["status"], "Active");
    assert_eq!(d["repositoryCount"], 0);
    assert_eq!(d["assetSizeBytes"], 0);
    assert_eq!(
        d["s3BucketArn"],
        format!("arn:aws:s3:::assets-{ACCOUNT}-us-east-1")
    );
    let key = d["encryptionKey"].as_str().unwrap();
    assert!(
        key.starts_with(&format!("arn:aws:kms:us-east-1:{ACCOUNT}:key/")),
        "{key}"
    );
    // iso8601 timestamps in the CLI's output prove the wire value was epoch seconds.
    assert!(
        d["createdTime"].as_str().unwrap().contains('T'),
        "{}",
        d["createdTime"]
    );

    let described = mock.aws_ok(&[
        "describe-domain",
        "--domain",
        "dom",
        "--domain-owner",
        ACCOUNT,
    ]);
    assert_eq!(described["domain"]["encryptionKey"], key);

    let err = mock.aws_err(&["create-domain", "--domain", "dom"], "ConflictException");
    assert!(err.contains("'dom' already exists"), "{err}");

    mock.aws_ok(&[
        "create-repository",
        "--domain",
        "dom",
        "--repository",
        "repo",
    ]);
    assert_eq!(
        mock.aws_ok(&["describe-domain", "--domain", "dom"])["domain"]["repositoryCount"],
        1
    );
    let err = mock.aws_err(&["delete-domain", "--domain", "dom"], "ConflictException");
    assert!(err.contains("contains repositories"), "{err}");
    mock.aws_ok(&[
        "delete-repository",
        "--domain",
        "dom",
        "--repository",
        "repo",
    ]);

    let deleted = mock.aws_ok(&["delete-domain", "--domain", "dom"]);
    assert_eq!(deleted["domain"]["name"], "dom");
    let err = mock.aws_err(
        &["describe-domain", "--domain", "dom"],
        "ResourceNotFoundException",
    );
    assert!(
        err.contains(
            "Domain not found. Domain 'dom' owned by account '111122223333' does not exist"
        ),
        "{err}"
    );
    assert!(
        mock.aws_ok(&["list-domains"])["domains"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    // Tags went with the domain: a new domain of the same name starts untagged.
    mock.aws_ok(&["create-domain", "--domain", "dom"]);
    let arn = format!("arn:aws:codeartifact:us-east-1:{ACCOUNT}:domain/dom");
    assert_eq!(
        mock.aws_ok(&["list-tags-for-resource", "--resource-arn", &arn])["tags"],
        serde_json::json!([])
    );
}

#[test]
fn domain_errors_have_the_service_codes_statuses_and_fields() {
    let mock = Mock::start();
    let v = mock.boto3_json(
        r#"
out = {}
def call(label, name, **kw):
    try:
        getattr(raw_client, name)(**kw)
        out[label] = None
    except ClientError as e:
        out[label] = {
            'code': e.response['Error']['Code'],
            'status': e.response['ResponseMetadata']['HTTPStatusCode'],
            'message': e.response['Error']['Message'],
            'reason': e.response.get('reason'),
            'resourceType': e.response.get('resourceType'),
            'resourceId': e.response.get('resourceId'),
            'requestId': e.response['ResponseMetadata'].get('RequestId'),
        }
call('missing', 'describe_domain', domain='missing')
call('bad', 'create_domain', domain='Bad_Name')
client.create_domain(domain='mine', encryptionKey='arn:aws:kms:us-east-1:111122223333:key/custom')
call('other', 'describe_domain', domain='mine', domainOwner='444455556666')
call('other_delete', 'delete_domain', domain='mine', domainOwner='444455556666')
out['key'] = client.describe_domain(domain='mine')['domain']['encryptionKey']
print(json.dumps(out))
"#,
    );
    let nf = &v["missing"];
    assert_eq!(nf["code"], "ResourceNotFoundException");
    assert_eq!(nf["status"], 404);
    assert_eq!(nf["resourceType"], "domain");
    assert_eq!(nf["resourceId"], "missing");
    assert_eq!(nf["requestId"].as_str().unwrap().len(), 36);
    let bad = &v["bad"];
    assert_eq!(bad["code"], "ValidationException");
    assert_eq!(bad["status"], 400);
    assert_eq!(bad["reason"], "FIELD_VALIDATION_FAILED");
    assert_eq!(
        bad["message"],
        "1 validation error detected: Value 'Bad_Name' at 'domain' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z][a-z0-9\\-]{0,48}[a-z0-9]"
    );
    // Another account's domain is invisible to the mock's account.
    let other = &v["other"];
    assert_eq!(other["code"], "ResourceNotFoundException");
    assert_eq!(other["status"], 404);
    assert!(
        v["other_delete"]["message"]
            .as_str()
            .unwrap()
            .contains("'444455556666'")
    );
    assert_eq!(v["key"], "arn:aws:kms:us-east-1:111122223333:key/custom");
}

#[test]
fn domain_quota_is_ten_per_account() {
    let mock = Mock::start();
    let v = mock.boto3_json(
        r#"
for i in range(10):
    client.create_domain(domain='d%02d' % i)
try:
    client.create_domain(domain='d10')
    print(json.dumps(None))
except ClientError as e:
    print(json.dumps([e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode'], e.response.get('resourceType')]))
"#,
    );
    assert_eq!(
        v,
        serde_json::json!(["ServiceQuotaExceededException", 402, "domain"])
    );
}

#[test]
fn list_domains_paginates_with_opaque_tokens() {
    let mock = Mock::start();
    let v = mock.boto3_json(
        r#"
for name in ['eee', 'aaa', 'ccc', 'bbb', 'ddd', 'fff', 'ggg']:
    client.create_domain(domain=name)
pages = []
kw = {'maxResults': 3}
while True:
    r = client.list_domains(**kw)
    pages.append([d['name'] for d in r['domains']])
    if 'nextToken' not in r:
        break
    kw['nextToken'] = r['nextToken']
all_names = [d['name'] for p in client.get_paginator('list_domains').paginate(PaginationConfig={'PageSize': 2}) for d in p['domains']]
errors = []
for bad in [{'maxResults': 0}, {'maxResults': 1001}, {'nextToken': 'not-a-token'}]:
    try:
        raw_client.list_domains(**bad)
    except ClientError as e:
        errors.append(e.response['Error']['Code'])
print(json.dumps({'pages': pages, 'all': all_names, 'errors': errors}))
"#,
    );
    assert_eq!(
        v["pages"],
        serde_json::json!([["aaa", "bbb", "ccc"], ["ddd", "eee", "fff"], ["ggg"]])
    );
    assert_eq!(
        v["all"],
        serde_json::json!(["aaa", "bbb", "ccc", "ddd", "eee", "fff", "ggg"])
    );
    assert_eq!(
        v["errors"],
        serde_json::json!([
            "ValidationException",
            "ValidationException",
            "ValidationException"
        ])
    );

    // The AWS CLI aggregates pages and reports a NextToken when --max-items truncates.
    let out = mock.aws_ok(&["list-domains", "--page-size", "2", "--max-items", "3"]);
    let names: Vec<_> = out["domains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["aaa", "bbb", "ccc"]);
    let token = out["NextToken"].as_str().expect("NextToken").to_string();
    let rest = mock.aws_ok(&[
        "list-domains",
        "--page-size",
        "2",
        "--starting-token",
        &token,
    ]);
    assert_eq!(rest["domains"].as_array().unwrap().len(), 4);
}
