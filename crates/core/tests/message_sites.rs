//! Every place in the workspace's source that builds a message must give it what its template
//! asks for, and every field it names must have words in both languages. A template that names
//! `{earlier}` while its constructor passes `first` would otherwise reach the user as
//! "日期 {later} 不能早于 {earlier}"; this reads the constructors as written, so a path no
//! other test exercises is checked too.

use std::path::{Path, PathBuf};

use terroir_core::messages::{field_has_words, placeholders, template};
use terroir_core::{Lang, Rule};

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

/// The end of the parenthesised group opening at `open` (which holds `(`), skipping string
/// literals.
fn close_of(text: &str, open: usize) -> usize {
    let b = text.as_bytes();
    let (mut depth, mut i, mut in_str) = (0, open, false);
    while i < b.len() {
        match (b[i], in_str) {
            (b'\\', true) => i += 1,
            (b'"', _) => in_str = !in_str,
            (b'(', false) => depth += 1,
            (b')', false) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
        i += 1;
    }
    panic!("unbalanced parentheses")
}

/// The string literal at the start of `s` (after whitespace), if there is one.
fn literal(s: &str) -> Option<&str> {
    let s = s.trim_start().strip_prefix('"')?;
    s.split_once('"').map(|p| p.0)
}

fn rule_named(variant: &str) -> Rule {
    let mut key = String::new();
    for (i, c) in variant.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            key.push('_');
        }
        key.push(c.to_ascii_lowercase());
    }
    serde_json::from_str(&format!("\"{key}\"")).unwrap_or_else(|_| panic!("no rule {variant}"))
}

#[test]
fn every_constructor_fills_its_template() {
    let mut problems = vec![];
    let mut sites = 0;
    for (path, text) in sources() {
        for (at, _) in text.match_indices("Violation::new(Rule::") {
            let name_at = at + "Violation::new(Rule::".len();
            let variant: String = text[name_at..]
                .chars()
                .take_while(|c| c.is_alphanumeric())
                .collect();
            let rule = rule_named(&variant);
            // Follow the builder chain: `.with("key", …)` and `.at(…)` in any order.
            let mut keys = vec![];
            let mut i = close_of(&text, at + "Violation::new".len()) + 1;
            loop {
                let rest = text[i..].trim_start();
                i = text.len() - rest.len();
                let call = if rest.starts_with(".with(") {
                    ".with"
                } else if rest.starts_with(".at(") {
                    ".at"
                } else {
                    break;
                };
                let open = i + call.len();
                if call == ".with" {
                    keys.push(
                        literal(&text[open + 1..])
                            .expect("a literal key")
                            .to_owned(),
                    );
                }
                i = close_of(&text, open) + 1;
            }
            sites += 1;
            for lang in [Lang::Zh, Lang::En] {
                for p in placeholders(template(rule, lang)) {
                    if !keys.iter().any(|k| k == p) {
                        problems.push(format!(
                            "{}:{}: Rule::{variant} gives {keys:?} but its message asks for {{{p}}}",
                            path.display(),
                            line_of(&text, at)
                        ));
                    }
                }
            }
        }
    }
    problems.dedup();
    assert!(sites > 100, "only {sites} constructors found");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
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

/// Rules whose parameters are typed by one constructor are built only through it.
#[test]
fn typed_rules_are_built_through_their_constructor() {
    let mut problems = vec![];
    for (path, text) in sources() {
        if path.ends_with("core/src/error.rs") {
            continue;
        }
        for (rule, constructor) in [
            ("DateOrder", "Violation::date_order"),
            ("FlowOrder", "Violation::flow_order"),
        ] {
            for (at, _) in text.match_indices(&format!("Violation::new(Rule::{rule})")) {
                problems.push(format!(
                    "{}:{}: build Rule::{rule} with {constructor}",
                    path.display(),
                    line_of(&text, at)
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
