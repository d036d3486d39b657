//! The repository explains itself: its Markdown documents link only to files that exist in
//! it, and none points outside it (a clone has nothing beside the repository).

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask is inside the workspace").to_path_buf()
}

/// The README, CONTRIBUTING.md and every Markdown file of `docs/`.
fn documents() -> Vec<PathBuf> {
    let mut docs = vec![root().join("README.md"), root().join("CONTRIBUTING.md")];
    let mut more: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .expect("docs/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    more.sort();
    docs.extend(more);
    docs
}

/// The targets of the Markdown links and images of `text`: `[label](target)`, outside code
/// blocks.
fn link_targets(text: &str) -> Vec<String> {
    let mut targets = Vec::new();
    let mut in_code_block = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code_block = !in_code_block;
            continue;
        }
        if in_code_block {
            continue;
        }
        let mut rest = line;
        while let Some(i) = rest.find("](") {
            let after = &rest[i + 2..];
            let Some(end) = after.find(')') else { break };
            targets.push(after[..end].trim().to_string());
            rest = &after[end..];
        }
    }
    targets
}

/// Whether a link leaves the repository's files: a web address, a mail, or a fragment only.
fn is_external(target: &str) -> bool {
    target.starts_with("http://")
        || target.starts_with("https://")
        || target.starts_with("mailto:")
        || target.starts_with('#')
}

fn broken_links(doc: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(doc).expect("document");
    let dir = doc.parent().expect("a folder");
    let mut broken = Vec::new();
    for target in link_targets(&text) {
        if is_external(&target) {
            continue;
        }
        let path = target.split('#').next().unwrap_or_default();
        let resolved = dir.join(path);
        let inside = resolved.canonicalize().is_ok_and(|p| p.starts_with(root().canonicalize().expect("root")));
        if !inside {
            broken.push(format!("{}: {target}", doc.display()));
        }
    }
    if text.contains("../shared") {
        broken.push(format!("{}: names ../shared, which a clone does not have", doc.display()));
    }
    broken
}

#[test]
fn every_relative_link_of_the_documents_points_at_a_file_of_the_repository() {
    let docs = documents();
    assert!(docs.len() >= 4, "README, CONTRIBUTING and docs/: {docs:?}");
    let broken: Vec<String> = docs.iter().flat_map(|d| broken_links(d)).collect();
    assert!(broken.is_empty(), "links to nothing in the repository:\n{}", broken.join("\n"));
}

#[test]
fn the_readme_shows_a_screenshot_of_every_service() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    let images: Vec<String> = link_targets(&readme).into_iter().filter(|t| t.ends_with(".png")).collect();
    for shot in [
        "screenshot-en.png",
        "screenshot-firehose.png",
        "screenshot-s3-object.png",
        "screenshot-emr.png",
        "screenshot-dynamodb.png",
    ] {
        assert!(images.iter().any(|i| i.ends_with(shot)), "the README shows no {shot}: {images:?}");
    }
}

#[test]
fn a_missing_file_and_a_path_outside_are_found() {
    let dir = std::env::temp_dir().join(format!("shardlab-doc-links-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let doc = dir.join("x.md");
    std::fs::write(
        &doc,
        "[a](https://aws.amazon.com) [b](#top) [c](nope.md) [d](../shared/FACTS.md)\n```\n[e](skipped.md)\n```\n",
    )
    .expect("write");
    let broken = broken_links(&doc);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(broken.len(), 3, "{broken:?}");
    assert!(broken[0].ends_with("nope.md") && broken[1].ends_with("../shared/FACTS.md"), "{broken:?}");
}
