//! completions/ and man/ must be what the current command tree generates. Regenerate with
//! `CODEARTIFACT_UPDATE_GENERATED=1 cargo test --test generated_docs`.

use std::path::Path;

#[test]
fn completions_and_man_pages_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("CODEARTIFACT_UPDATE_GENERATED").is_some() {
        codeartifact::docs::write_all(root).unwrap();
    }
    let files = codeartifact::docs::generated_files();
    assert!(
        files.len() > 50,
        "expected a man page per command, got {} files",
        files.len()
    );
    let mut stale = Vec::new();
    for (rel, bytes) in &files {
        if std::fs::read(root.join(rel)).ok().as_ref() != Some(bytes) {
            stale.push(rel.clone());
        }
    }
    for dir in ["completions", "man"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let rel = format!("{dir}/{}", entry.unwrap().file_name().to_string_lossy());
            if !files.iter().any(|(p, _)| *p == rel) {
                stale.push(format!("{rel} (no longer generated)"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files: {stale:?}\nrun: CODEARTIFACT_UPDATE_GENERATED=1 cargo test --test generated_docs"
    );
}
