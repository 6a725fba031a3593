//! Listings that page in the store (ListPackageVersions, ListAssociatedPackages,
//! ListPackageVersionDependencies), driven by boto3 and AWS CLI v1 against the real mock: pages
//! follow each other exactly when versions and packages come and go between them (keyset
//! semantics: nothing skipped, nothing repeated), and tokens are checked.

mod common;

use base64::Engine;
use common::Mock;
use rusqlite::{Connection, params};
use serde_json::{Value, json};

/// A second connection to the mock's database (WAL: it sees the mock's commits, and the mock
/// sees its own), for what no API call sets: published times, origins, huge dependency lists.
fn db(mock: &Mock) -> Connection {
    let c = Connection::open(mock.data_dir.join("codeartifact.sqlite3")).unwrap();
    c.busy_timeout(std::time::Duration::from_secs(10)).unwrap();
    c
}

/// boto3 helpers every scenario shares: `pub(version)` publishes a generic version of
/// `ns/pkg` in `dom/repo`, `listing(pages, **filters)` pages ListPackageVersions with
/// `maxResults` 4, calling `between(page_number)` after each page.
const PRELUDE: &str = r#"
import hashlib
P = dict(domain='dom', repository='repo', format='generic', namespace='ns', package='pkg')
def pub(v, unfinished=False):
    data = ('asset of ' + v).encode()
    client.publish_package_version(packageVersion=v, assetContent=data, assetName='a.bin',
        assetSHA256=hashlib.sha256(data).hexdigest(), unfinished=unfinished, **P)
def listing(between=lambda n: None, size=4, **filters):
    out, token, n = [], None, 0
    while True:
        args = dict(P, maxResults=size, **filters)
        if token:
            args['nextToken'] = token
        page = client.list_package_versions(**args)
        out += [v['version'] for v in page['versions']]
        n += 1
        token = page.get('nextToken')
        if not token:
            return out
        between(n)
"#;

fn setup() -> Mock {
    let mock = Mock::start();
    mock.aws_ok(&["create-domain", "--domain", "dom"]);
    mock.aws_ok(&[
        "create-repository",
        "--domain",
        "dom",
        "--repository",
        "repo",
    ]);
    mock
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

fn v(i: usize) -> String {
    format!("1.0.{i}")
}

#[test]
fn versions_page_in_arrival_order_with_arrivals_and_deletions_between_pages() {
    let mock = setup();
    // 1.0.0 .. 1.0.24; every fourth Unlisted. Between pages: three new versions arrive (after
    // the listing's position, so they are listed last), one not yet listed is deleted, and one
    // already listed is unlisted (it was listed once, and is not listed again).
    let out = mock.boto3_json(&format!(
        "{PRELUDE}
for i in range(25):
    pub(f'1.0.{{i}}')
client.update_package_versions_status(versions=[f'1.0.{{i}}' for i in range(0, 25, 4)],
    targetStatus='Unlisted', **P)
def between(n):
    if n == 1:
        for k in range(3):
            pub(f'2.0.{{k}}')
        client.delete_package_versions(versions=['1.0.22'], **P)
        client.update_package_versions_status(versions=['1.0.1'], targetStatus='Unlisted', **P)
print(json.dumps({{'published': listing(between, status='Published'), 'all': listing()}}))
"
    ));
    let mut expected: Vec<String> = (0..25).filter(|i| i % 4 != 0 && *i != 22).map(v).collect();
    expected.extend(["2.0.0", "2.0.1", "2.0.2"].map(String::from));
    assert_eq!(strs(&out["published"]), expected);
    let mut all: Vec<String> = (0..25).filter(|i| *i != 22).map(v).collect();
    all.extend(["2.0.0", "2.0.1", "2.0.2"].map(String::from));
    assert_eq!(strs(&out["all"]), all);
}

#[test]
fn versions_page_newest_first_with_ties_filters_and_arrivals_between_pages() {
    let mock = setup();
    mock.boto3(&format!(
        "{PRELUDE}
for i in range(30):
    pub(f'1.0.{{i}}')
client.update_package_versions_status(versions=['1.0.3', '1.0.17'], targetStatus='Archived', **P)
"
    ));
    // Published times out of arrival order, with ties (i % 10 shares a second): newest first,
    // ties by arrival, newest arrival first. Some versions came from an external connection.
    let base = 1_704_067_200_000_i64;
    let time = |i: usize| base + ((i * 7) % 10) as i64 * 1000;
    let external = |i: usize| i.is_multiple_of(3);
    {
        let c = db(&mock);
        for i in 0..30 {
            c.execute(
                "UPDATE package_versions SET published_ms = ?2,
                     origin_type = CASE WHEN ?3 THEN 'EXTERNAL' ELSE 'INTERNAL' END,
                     entry_external_connection = CASE WHEN ?3 THEN 'public:npmjs' END,
                     entry_repository = CASE WHEN ?3 THEN NULL ELSE 'repo' END
                 WHERE version = ?1",
                params![v(i), time(i), external(i)],
            )
            .unwrap();
        }
    }
    let mut newest_first: Vec<usize> = (0..30).collect();
    newest_first.sort_by_key(|i| (std::cmp::Reverse(time(*i)), std::cmp::Reverse(*i)));

    // Between pages: new versions arrive (newer than the listing's position: not listed), one
    // not yet listed is deleted.
    let out = mock.boto3_json(&format!(
        "{PRELUDE}
order = [v for v in listing(sortBy='PUBLISHED_TIME')]
def between(n):
    if n == 2:
        pub('9.0.0')
        client.delete_package_versions(versions=[order[-1]], **P)
published = listing(between, sortBy='PUBLISHED_TIME', status='Published')
external = listing(size=3, sortBy='PUBLISHED_TIME', originType='EXTERNAL')
internal = listing(size=5, originType='INTERNAL')
page = client.list_package_versions(sortBy='PUBLISHED_TIME', originType='EXTERNAL', maxResults=2, **P)
print(json.dumps({{'order': order, 'published': published, 'external': external,
    'internal': internal, 'first': page}}))
"
    ));
    let order: Vec<String> = newest_first.iter().map(|i| v(*i)).collect();
    assert_eq!(strs(&out["order"]), order);
    let deleted = order.last().unwrap().clone();
    let published: Vec<String> = newest_first
        .iter()
        .filter(|i| ![3, 17].contains(*i))
        .map(|i| v(*i))
        .filter(|s| *s != deleted)
        .collect();
    assert_eq!(strs(&out["published"]), published);
    let external_order: Vec<String> = newest_first
        .iter()
        .filter(|i| external(**i))
        .map(|i| v(*i))
        .filter(|s| *s != deleted)
        .collect();
    assert_eq!(strs(&out["external"]), external_order);
    let mut internal: Vec<String> = (0..30)
        .filter(|i| !external(*i))
        .map(v)
        .filter(|s| *s != deleted)
        .collect();
    internal.push("9.0.0".into());
    assert_eq!(strs(&out["internal"]), internal);
    // The summary of an external version names its connection; the default display version
    // is the newest Published one (9.0.0 arrived last, at the real clock: newest of all).
    let first = &out["first"];
    assert_eq!(
        first["versions"][0]["origin"],
        json!({"domainEntryPoint": {"externalConnectionName": "public:npmjs"}, "originType": "EXTERNAL"})
    );
    assert_eq!(first["defaultDisplayVersion"], "9.0.0");
}

/// Tokens made before the listing moved into SQL (same format: zero-padded keys) still
/// continue; a token from the other order, or a forged one, is refused.
#[test]
fn version_tokens_keep_their_format_and_bad_ones_are_refused() {
    let mock = setup();
    mock.boto3(&format!(
        "{PRELUDE}\nfor i in range(6):\n    pub(f'1.0.{{i}}')\n"
    ));
    let id: i64 = db(&mock)
        .query_row(
            "SELECT id FROM package_versions WHERE version = '1.0.2'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let token = |op: &str, after: Value| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(json!({"op": op, "after": after}).to_string())
    };
    let old = token("ListPackageVersions", json!([format!("{id:020}")]));
    let bad_by_time = [
        old.clone(), // an arrival-order token for the newest-first order
        token("ListPackageVersions/PUBLISHED_TIME", json!(["x", "1"])),
        token("ListPackageVersions/PUBLISHED_TIME", json!(["1", "2", "3"])),
        token("ListPackageVersions/PUBLISHED_TIME", json!(["1"])),
        "not-base64!".to_string(),
    ];
    let bad_by_arrival = [
        token("ListPackageVersions", json!(["12", "34"])),
        token("ListPackageVersions", json!(["twelve"])),
        token("ListPackages", json!([format!("{id:020}")])),
    ];
    // boto3, not `aws --starting-token`: the AWS CLI reads a starting token as its own
    // (base64 JSON) encoding of the request parameters.
    let out = mock.boto3_json(&format!(
        "{PRELUDE}
def codes(tokens, **kw):
    out = []
    for t in tokens:
        try:
            client.list_package_versions(nextToken=t, **P, **kw)
            out.append(None)
        except ClientError as e:
            out.append(e.response['Error']['Code'])
    return out
page = client.list_package_versions(nextToken={old:?}, **P)
print(json.dumps({{'continued': [v['version'] for v in page['versions']],
    'by_time': codes({bad_by_time:?}, sortBy='PUBLISHED_TIME'),
    'by_arrival': codes({bad_by_arrival:?})}}))
"
    ));
    assert_eq!(strs(&out["continued"]), ["1.0.3", "1.0.4", "1.0.5"]);
    assert_eq!(out["by_time"], Value::from(vec!["ValidationException"; 5]));
    assert_eq!(
        out["by_arrival"],
        Value::from(vec!["ValidationException"; 3])
    );
}

#[test]
fn associated_packages_page_across_group_boundaries() {
    let mock = setup();
    mock.aws_ok(&[
        "create-repository",
        "--domain",
        "dom",
        "--repository",
        "other",
    ]);
    // Packages in key order: (npm, '', a..), (npm, corp, x/y), (npm, zeta, z), (pypi, '', ...).
    // /npm/corp/* takes the corp packages away from /npm/*, so a page of /npm/* must skip over
    // them to the next of its own; /pypi//my-package$ takes My_Package WEAKly.
    let out = mock.boto3_json(
        r#"
G = dict(domain='dom')
def pkg(fmt, ns, name, repo='repo'):
    args = dict(domain='dom', repository=repo, format=fmt, package=name,
                restrictions={'publish': 'ALLOW', 'upstream': 'ALLOW'})
    if ns:
        args['namespace'] = ns
    client.put_package_origin_configuration(**args)
for g in ['/npm/*', '/npm/corp/*', '/pypi//my-package$']:
    client.create_package_group(packageGroup=g, **G)
for name in ['a1', 'a2', 'a3']:
    pkg('npm', None, name)
pkg('npm', None, 'a2', repo='other')   # the same package in another repository: listed once
for name in ['x1', 'x2', 'x3', 'x4']:
    pkg('npm', 'corp', name)
pkg('npm', 'zeta', 'z1')
pkg('pypi', None, 'My_Package')
pkg('pypi', None, 'requests')
pkg('generic', 'tools', 'cli')
def listing(group, size, between=lambda n: None, **kw):
    out, token, n = [], None, 0
    while True:
        args = dict(G, packageGroup=group, maxResults=size, **kw)
        if token:
            args['nextToken'] = token
        page = client.list_associated_packages(**args)
        out += ['{}/{}/{}/{}'.format(p['format'], p.get('namespace', ''), p['package'],
                p['associationType']) for p in page['packages']]
        n += 1
        token = page.get('nextToken')
        if not token:
            return out
        between(n)
def between(n):
    if n == 1:
        pkg('npm', None, 'a0')        # before the position: not listed
        pkg('npm', 'zeta', 'z2')      # after it: listed
result = {
    'npm': listing('/npm/*', 2, between),
    'npm1': listing('/npm/*', 1),
    'corp': listing('/npm/corp/*', 3),
    'root': listing('/*', 1),
    'weak': listing('/pypi//my-package$', 1),
    'preview': listing('/npm/zeta/*', 1, preview=True),
}
print(json.dumps(result))
"#,
    );
    assert_eq!(
        strs(&out["npm"]),
        [
            "npm//a1/STRONG",
            "npm//a2/STRONG",
            "npm//a3/STRONG",
            "npm/zeta/z1/STRONG",
            "npm/zeta/z2/STRONG"
        ]
    );
    assert_eq!(
        strs(&out["npm1"]),
        [
            "npm//a0/STRONG",
            "npm//a1/STRONG",
            "npm//a2/STRONG",
            "npm//a3/STRONG",
            "npm/zeta/z1/STRONG",
            "npm/zeta/z2/STRONG"
        ]
    );
    assert_eq!(
        strs(&out["corp"]),
        [
            "npm/corp/x1/STRONG",
            "npm/corp/x2/STRONG",
            "npm/corp/x3/STRONG",
            "npm/corp/x4/STRONG"
        ]
    );
    assert_eq!(
        strs(&out["root"]),
        ["generic/tools/cli/STRONG", "pypi//requests/STRONG"]
    );
    assert_eq!(strs(&out["weak"]), ["pypi//My_Package/WEAK"]);
    assert_eq!(
        strs(&out["preview"]),
        ["npm/zeta/z1/STRONG", "npm/zeta/z2/STRONG"]
    );

    // AWS CLI v1's auto-pagination over pages of one gives what one big page gives.
    let list = |extra: &[&str]| {
        let mut args = vec![
            "list-associated-packages",
            "--domain",
            "dom",
            "--package-group",
            "/npm/*",
        ];
        args.extend_from_slice(extra);
        mock.aws_ok(&args)
    };
    assert_eq!(list(&["--page-size", "1"]), list(&[]));

    // Forged and foreign tokens are refused.
    let forged = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(json!({"op": "ListAssociatedPackages", "after": ["npm", ""]}).to_string());
    let foreign = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(json!({"op": "ListPackages", "after": ["npm", "", "a1"]}).to_string());
    let codes = mock.boto3_json(&format!(
        "out = []
for t in {:?}:
    try:
        client.list_associated_packages(domain='dom', packageGroup='/npm/*', nextToken=t)
        out.append(None)
    except ClientError as e:
        out.append(e.response['Error']['Code'])
print(json.dumps(out))
",
        [forged.as_str(), foreign.as_str(), "%%%"]
    ));
    assert_eq!(codes, Value::from(vec!["ValidationException"; 3]));
}

#[test]
fn dependencies_page_by_a_thousand_with_a_token_bound_to_the_revision() {
    let mock = setup();
    mock.boto3(&format!(
        "{PRELUDE}\npub('1.0.0', unfinished=True)\npub('2.0.0')\n"
    ));
    let deps: Vec<Value> = (0..2500)
        .map(|i| {
            json!({"namespace": "ns", "package": format!("dep-{i:04}"),
                   "dependencyType": "regular", "versionRequirement": "^1"})
        })
        .collect();
    {
        let c = db(&mock);
        for version in ["1.0.0", "2.0.0"] {
            c.execute(
                "UPDATE package_versions SET dependencies = ?1 WHERE version = ?2",
                params![Value::Array(deps.clone()).to_string(), version],
            )
            .unwrap();
        }
    }
    let out = mock.boto3_json(&format!(
        "{PRELUDE}
def deps(version, token=None):
    args = dict(P, packageVersion=version)
    if token:
        args['nextToken'] = token
    return client.list_package_version_dependencies(**args)
pages, token = [], None
while True:
    page = deps('2.0.0', token)
    pages.append([d['package'] for d in page['dependencies']])
    token = page.get('nextToken')
    if not token:
        break
# A token from one version's listing does not continue another's (other revision); nor does
# a token once the version's revision has changed.
first = deps('1.0.0')
errors = []
for version, token in [('1.0.0', deps('2.0.0')['nextToken']), ('1.0.0', 'garbage'),
                       ('2.0.0', first['nextToken'])]:
    try:
        deps(version, token)
        errors.append(None)
    except ClientError as e:
        errors.append(e.response['Error']['Code'])
second = deps('1.0.0', first['nextToken'])
data = b'another asset'
client.publish_package_version(packageVersion='1.0.0', assetContent=data, assetName='b.bin',
    assetSHA256=hashlib.sha256(data).hexdigest(), unfinished=True, **P)
try:
    deps('1.0.0', first['nextToken'])
    errors.append(None)
except ClientError as e:
    errors.append(e.response['Error']['Code'])
print(json.dumps({{'pages': pages, 'errors': errors, 'second': second['dependencies'][0]['package']}}))
"
    ));
    let pages = out["pages"].as_array().unwrap();
    let sizes: Vec<usize> = pages.iter().map(|p| p.as_array().unwrap().len()).collect();
    assert_eq!(sizes, [1000, 1000, 500]);
    let all: Vec<String> = pages.iter().flat_map(strs).collect();
    let expected: Vec<String> = (0..2500).map(|i| format!("dep-{i:04}")).collect();
    assert_eq!(all, expected);
    assert_eq!(out["second"], "dep-1000");
    assert_eq!(
        out["errors"],
        json!([
            "ValidationException",
            "ValidationException",
            "ValidationException",
            "ValidationException"
        ])
    );

    // AWS CLI v1 has no paginator here: it prints the token and takes it back.
    let args = [
        "list-package-version-dependencies",
        "--domain",
        "dom",
        "--repository",
        "repo",
        "--format",
        "generic",
        "--namespace",
        "ns",
        "--package",
        "pkg",
        "--package-version",
        "2.0.0",
    ];
    let first = mock.aws_ok(&args);
    assert_eq!(first["dependencies"].as_array().unwrap().len(), 1000);
    let token = first["nextToken"].as_str().unwrap().to_string();
    let mut next: Vec<&str> = args.to_vec();
    next.extend(["--next-token", &token]);
    let second = mock.aws_ok(&next);
    assert_eq!(second["dependencies"][0]["package"], "dep-1000");
}
