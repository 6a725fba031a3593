//! What a newcomer reads: `--help` lists our own commands first and the operations grouped by
//! what they act on; man pages show placeholders, EXAMPLES and FILES; summaries read as prose.

use std::path::Path;
use std::process::Command;

fn help(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_codeartifact"))
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn help_lists_login_logout_and_mock_first_then_operations_by_group() {
    let text = help(&["--help"]);
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in --help:\n{text}"))
    };
    let order = [
        "Commands:",
        "  login ",
        "  logout ",
        "  mock ",
        "Domains:",
        "  create-domain ",
        "Repositories:",
        "  create-repository ",
        "Packages:",
        "  delete-package-versions ",
        "Package groups:",
        "  create-package-group ",
        "Policies:",
        "  put-domain-permissions-policy ",
        "Tags:",
        "  tag-resource ",
        "Global Options:",
        "--region",
    ];
    for pair in order.windows(2) {
        assert!(at(pair[0]) < at(pair[1]), "{pair:?} out of order:\n{text}");
    }
    // Every operation is listed exactly once.
    for op in [
        "list-domains",
        "get-repository-endpoint",
        "list-sub-package-groups",
        "list-tags-for-resource",
    ] {
        assert_eq!(
            text.matches(&format!("\n  {op} ")).count(),
            1,
            "{op}:\n{text}"
        );
    }
}

#[test]
fn summaries_have_no_space_before_punctuation() {
    let text = help(&["dispose-package-versions", "--help"]);
    assert!(text.contains("status to Disposed."), "{text}");
    assert!(!text.contains(" ."), "{text}");
}

#[test]
fn man_pages_have_placeholders_examples_and_files() {
    let man = |name: &str| {
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("man").join(name))
            .unwrap()
    };
    let page = man("codeartifact-delete-repository.1");
    assert!(
        page.contains(
            r"\-\-domain <DOMAIN> \-\-repository <REPOSITORY> [\-\-domain\-owner <DOMAIN_OWNER>]"
        ),
        "{page}"
    );
    assert!(
        page.contains(".SH EXAMPLES\n.PP\n.nf\ncodeartifact delete\\-repository \\-\\-domain my\\-domain \\-\\-repository my\\-repo\n"),
        "{page}"
    );
    assert!(
        page.contains(".SH FILES\n") && page.contains("~/.aws/config"),
        "{page}"
    );
    assert_eq!(page.matches(".ds Aq").count(), 2, "one preamble:\n{page}");
    let login = man("codeartifact-login.1");
    assert!(
        login.contains("login \\-\\-tool npm \\-\\-domain my\\-domain"),
        "{login}"
    );
    assert!(login.contains("~/.npmrc"), "{login}");
}
