//! Every field a message names, anywhere in the workspace's source, must have words in both
//! languages. This reads the source as written, so a path no other test exercises is checked
//! too. (What each message is given is typed: a rule's constructor in `error.rs` is the only way
//! to build it, and `messages` tests its parameters against the templates.)

use std::path::{Path, PathBuf};

use terroir_core::messages::field_has_words;

fn sources() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut dirs = vec![root.join("src-tauri/src")];
    for krate in std::fs::read_dir(root.join("crates")).unwrap() {
        dirs.push(krate.unwrap().path().join("src"));
    }
    let mut out = vec![];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                out.push((p, text));
            }
        }
    }
    assert!(out.len() > 40, "the workspace's sources were not found");
    out
}

fn line_of(text: &str, at: usize) -> usize {
    text[..at].matches('\n').count() + 1
}

/// The string literal at the start of `s` (after whitespace), if there is one.
fn literal(s: &str) -> Option<&str> {
    let s = s.trim_start().strip_prefix('"')?;
    s.split_once('"').map(|p| p.0)
}

#[test]
fn every_field_a_message_names_has_words() {
    let mut problems = vec![];
    let mut named = 0;
    for (path, text) in sources() {
        for call in [".at(", ".check(", "date("] {
            for (at, _) in text.match_indices(call) {
                let mut rest = text[at + call.len()..].trim_start();
                if let Some(r) = rest.strip_prefix("format!(") {
                    rest = r;
                }
                let Some(field) = literal(rest) else { continue };
                // Only field paths: `format!` placeholders are indices or sub-paths.
                if field.is_empty()
                    || !field
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || "_.[]{}0123456789".contains(c))
                {
                    continue;
                }
                let path_only: String = {
                    let mut out = String::new();
                    let mut depth = 0;
                    for c in field.chars() {
                        match c {
                            '{' => depth += 1,
                            '}' => depth -= 1,
                            _ if depth == 0 => out.push(c),
                            _ => {}
                        }
                    }
                    out
                };
                named += 1;
                if !field_has_words(&path_only) {
                    problems.push(format!(
                        "{}:{}: field \"{field}\" has no words in messages.rs FIELDS",
                        path.display(),
                        line_of(&text, at)
                    ));
                }
            }
        }
    }
    assert!(named > 100, "only {named} field names found");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
