//! One emulator, every region (issue 11 item 9): a request is answered in the region its SigV4
//! signature names (the `Authorization` header's credential scope, or a presigned URL's
//! `X-Amz-Credential`), as the service's regional endpoints each answer in theirs; `--region` is
//! only the default for unsigned requests. Each domain lives in the region it was created in.
//! The AWS CLI v1 and boto3 sign the requests, as they would for the service.

mod common;

use common::{ACCOUNT, Mock};
use serde_json::json;

#[test]
fn a_client_in_another_region_gets_its_arns_and_finds_its_resources() {
    let mock = Mock::start();
    let west = |args: &[&str]| {
        let mut a = args.to_vec();
        a.extend(["--region", "us-west-2"]);
        mock.aws_ok(&a)
    };
    let domain = west(&["create-domain", "--domain", "westdom"]);
    let arn = format!("arn:aws:codeartifact:us-west-2:{ACCOUNT}:domain/westdom");
    assert_eq!(domain["domain"]["arn"], json!(arn));
    let key = domain["domain"]["encryptionKey"].as_str().unwrap();
    assert!(key.starts_with(&format!("arn:aws:kms:us-west-2:{ACCOUNT}:key/")));
    let repo = west(&[
        "create-repository",
        "--domain",
        "westdom",
        "--repository",
        "repo",
    ]);
    let repo_arn = format!("arn:aws:codeartifact:us-west-2:{ACCOUNT}:repository/westdom/repo");
    assert_eq!(repo["repository"]["arn"], json!(repo_arn));

    // Its own ARNs resolve in its region (they were ResourceNotFound before).
    for resource in [&arn, &repo_arn] {
        west(&[
            "tag-resource",
            "--resource-arn",
            resource,
            "--tags",
            "key=team,value=west",
        ]);
        let tags = west(&["list-tags-for-resource", "--resource-arn", resource]);
        assert_eq!(tags["tags"], json!([{"key": "team", "value": "west"}]));
    }
    let groups = west(&["list-package-groups", "--domain", "westdom"]);
    assert_eq!(
        groups["packageGroups"][0]["arn"],
        json!(format!(
            "arn:aws:codeartifact:us-west-2:{ACCOUNT}:package-group/westdom/*"
        ))
    );
    let listed = west(&["list-domains"]);
    assert_eq!(listed["domains"][0]["arn"], json!(arn));

    // The default region's client (us-east-1 in the oracle's config) does not see it, as another
    // regional endpoint of the service would not.
    mock.aws_err(
        &["describe-domain", "--domain", "westdom"],
        "ResourceNotFoundException",
    );
    mock.aws_err(
        &["list-tags-for-resource", "--resource-arn", &repo_arn],
        "ResourceNotFoundException",
    );
    assert_eq!(mock.aws_ok(&["list-domains"])["domains"], json!([]));
    assert_eq!(
        mock.aws_ok(&["list-repositories"])["repositories"],
        json!([])
    );
    assert_eq!(
        west(&["list-repositories"])["repositories"][0]["arn"],
        json!(repo_arn)
    );
    // Domain names stay unique across regions here (a documented difference from the service).
    let conflict = mock.aws_err(
        &["create-domain", "--domain", "westdom"],
        "ConflictException",
    );
    assert!(conflict.contains("in region us-west-2"), "{conflict}");
    // The default region's own domain is its own.
    let east = mock.aws_ok(&["create-domain", "--domain", "eastdom"]);
    assert_eq!(
        east["domain"]["arn"],
        json!(format!(
            "arn:aws:codeartifact:us-east-1:{ACCOUNT}:domain/eastdom"
        ))
    );
    let names = |v: serde_json::Value| v["domains"].as_array().unwrap().len();
    assert_eq!(names(west(&["list-domains"])), 1);
}

/// A presigned URL names its region in `X-Amz-Credential`; an unsigned request gets `--region`.
#[test]
fn presigned_and_unsigned_requests() {
    let mock = Mock::start_in_temp(&["--region", "eu-west-3"]);
    mock.aws_ok(&["create-domain", "--domain", "west", "--region", "us-west-2"]);
    let out = mock.boto3_json(
        "import urllib.request\n\
         west = boto3.client('codeartifact', endpoint_url=os.environ['MOCK_URL'], region_name='us-west-2')\n\
         url = west.generate_presigned_url('list_domains', Params={}, HttpMethod='POST')\n\
         assert 'X-Amz-Credential=' in url and 'us-west-2' in url, url\n\
         req = urllib.request.Request(url, data=b'{}', method='POST', headers={'Content-Type': 'application/json'})\n\
         print(urllib.request.urlopen(req, timeout=10).read().decode())\n",
    );
    assert_eq!(out["domains"][0]["name"], "west");
    // Unsigned: the emulator's --region, where nothing was created.
    let unsigned = mock.aws_ok(&["list-domains", "--no-sign-request"]);
    assert_eq!(unsigned["domains"], json!([]));
    let made = mock.aws_ok(&["create-domain", "--domain", "anon", "--no-sign-request"]);
    assert_eq!(
        made["domain"]["arn"],
        json!(format!(
            "arn:aws:codeartifact:eu-west-3:{ACCOUNT}:domain/anon"
        ))
    );
}
