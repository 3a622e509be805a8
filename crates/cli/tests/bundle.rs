//! County-to-city exchange bundles through the `terroir` binary: a first exchange, a change
//! merged, a conflict kept, and tampered bundles refused with the part named.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_terroir");

fn terroir(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(["--actor", "交换员", "--lang", "en"])
        .args(args)
        .output()
        .expect("run terroir")
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&o.stderr)))
}

fn ok(o: Output) -> Output {
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// Copy a zip, passing each entry through `f` (which may change or drop it).
fn rewrite(from: &Path, to: &Path, f: impl Fn(&str, Vec<u8>) -> Option<Vec<u8>>) {
    let mut src = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut dst = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for i in 0..src.len() {
        let mut e = src.by_index(i).unwrap();
        let name = e.name().unwrap().into_owned();
        let mut bytes = vec![];
        e.read_to_end(&mut bytes).unwrap();
        let bytes = f(&name, bytes);
        if let Some(b) = bytes {
            dst.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            dst.write_all(&b).unwrap();
        }
    }
    dst.finish().unwrap();
}

/// Copy a bundle with one part replaced and the manifest made to match it, as a forger who
/// re-signs the bundle would: the content checks must catch what the SHA-256 no longer does.
fn resign(from: &Path, to: &Path, part: &str, bytes: &[u8]) {
    rewrite(from, to, |name, b| match name {
        n if n == part => Some(bytes.to_vec()),
        "manifest.json" => {
            let mut m: Value = serde_json::from_slice(&b).unwrap();
            for p in m["parts"].as_array_mut().unwrap() {
                if p["path"] == part {
                    p["size"] = bytes.len().into();
                    p["sha256"] = sha256(bytes).into();
                }
            }
            Some(serde_json::to_vec(&m).unwrap())
        }
        _ => Some(b),
    });
}

/// A county workspace with the sample catalogue and an empty city workspace.
fn county_and_city() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (county, city) = (dir.path().join("county/t.db"), dir.path().join("city/t.db"));
    std::fs::create_dir_all(county.parent().unwrap()).unwrap();
    std::fs::create_dir_all(city.parent().unwrap()).unwrap();
    ok(terroir(&county, &["init", "--sample"]));
    ok(terroir(&city, &["init"]));
    (dir, county, city)
}

#[test]
fn a_county_bundle_merges_into_the_city_with_changes_and_conflicts_named() {
    let (dir, county, city) = county_and_city();
    let b1 = dir.path().join("1.bundle");
    ok(terroir(
        &county,
        &["bundle", "export", "-o", b1.to_str().unwrap()],
    ));

    let preview = json(&ok(terroir(
        &city,
        &[
            "--json",
            "bundle",
            "import",
            b1.to_str().unwrap(),
            "--dry-run",
        ],
    )));
    assert_eq!(preview["applied"], false);
    let n = preview["new"].as_array().unwrap().len();
    assert!(n >= 20, "{preview}");
    assert_eq!(
        json(&terroir(&city, &["--json", "enterprise", "list"]))
            .as_array()
            .unwrap()
            .len(),
        0,
        "dry run wrote nothing"
    );
    let r = json(&ok(terroir(
        &city,
        &["--json", "bundle", "import", b1.to_str().unwrap()],
    )));
    assert_eq!(r["new"].as_array().unwrap().len(), n);
    // Stable ids: the same record has the same id in both workspaces.
    let id_of = |db: &Path| json(&terroir(db, &["--json", "gi", "show", "GI-0001"]))["id"].clone();
    assert_eq!(id_of(&county), id_of(&city));
    ok(terroir(&city, &["check"]));
    let audit = json(&terroir(
        &city,
        &[
            "--json", "audit", "log", "--kind", "gi", "--record", "GI-0001",
        ],
    ));
    assert!(
        audit[0]["reason"]
            .as_str()
            .unwrap()
            .contains(r["sha256"].as_str().unwrap())
    );

    // A change at the county only: merged, field by field.
    ok(terroir(
        &county,
        &[
            "enterprise",
            "edit",
            "ENT-0003",
            "--address",
            "浉河区茶园路1号",
            "--reason",
            "更正",
        ],
    ));
    let b2 = dir.path().join("2.bundle");
    ok(terroir(
        &county,
        &["bundle", "export", "-o", b2.to_str().unwrap()],
    ));
    let r = json(&ok(terroir(
        &city,
        &["--json", "bundle", "import", b2.to_str().unwrap()],
    )));
    assert_eq!(r["changed"][0]["fields"][0]["field"], "address");
    assert_eq!(r["changed"][0]["fields"][0]["after"], "浉河区茶园路1号");

    // Changed on both sides since: a conflict, the city's version kept, exit 1.
    ok(terroir(
        &county,
        &[
            "enterprise",
            "edit",
            "ENT-0003",
            "--address",
            "县里改的",
            "--reason",
            "x",
        ],
    ));
    ok(terroir(
        &city,
        &[
            "enterprise",
            "edit",
            "ENT-0003",
            "--address",
            "市里改的",
            "--reason",
            "y",
        ],
    ));
    let b3 = dir.path().join("3.bundle");
    ok(terroir(
        &county,
        &["bundle", "export", "-o", b3.to_str().unwrap()],
    ));
    let o = terroir(&city, &["--json", "bundle", "import", b3.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(json(&o)["conflicts"][0]["code"], "ENT-0003");
    let e = json(&terroir(
        &city,
        &["--json", "enterprise", "show", "ENT-0003"],
    ));
    assert_eq!(e["data"]["address"], "市里改的", "not overwritten silently");
    let o = terroir(
        &city,
        &[
            "--json",
            "bundle",
            "import",
            b3.to_str().unwrap(),
            "--take-theirs",
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    let e = json(&terroir(
        &city,
        &["--json", "enterprise", "show", "ENT-0003"],
    ));
    assert_eq!(e["data"]["address"], "县里改的");
}

#[test]
fn a_tampered_or_damaged_bundle_is_refused_with_the_part_named() {
    let (dir, county, city) = county_and_city();
    let good = dir.path().join("good.bundle");
    ok(terroir(
        &county,
        &["bundle", "export", "-o", good.to_str().unwrap()],
    ));
    type Edit = Box<dyn Fn(&str, Vec<u8>) -> Option<Vec<u8>>>;
    let cases: Vec<(&str, &str, Edit)> = vec![
        (
            "altered",
            "records.jsonl does not match",
            Box::new(|name, b| {
                if name != "records.jsonl" {
                    return Some(b);
                }
                Some(
                    String::from_utf8(b)
                        .unwrap()
                        .replacen("信阳毛尖", "信阳毛尖王", 1)
                        .into_bytes(),
                )
            }),
        ),
        (
            "dropped",
            "divisions.json is listed in the manifest but missing",
            Box::new(|name, b| (name != "divisions.json").then_some(b)),
        ),
        (
            "no-manifest",
            "manifest.json is missing",
            Box::new(|name, b| (name != "manifest.json").then_some(b)),
        ),
        // A manifest that leaves the records out, and no records: refused, no panic.
        (
            "no-records",
            "records.jsonl is missing",
            Box::new(|name, b| match name {
                "records.jsonl" => None,
                "manifest.json" => {
                    let mut m: Value = serde_json::from_slice(&b).unwrap();
                    m["parts"]
                        .as_array_mut()
                        .unwrap()
                        .retain(|p| p["path"] != "records.jsonl");
                    Some(serde_json::to_vec(&m).unwrap())
                }
                _ => Some(b),
            }),
        ),
    ];
    for (case, want, f) in cases {
        let bad = dir.path().join(format!("bad-{case}.bundle"));
        rewrite(&good, &bad, f);
        let o = terroir(
            &city,
            &["--json", "bundle", "import", bad.to_str().unwrap()],
        );
        assert_eq!(o.status.code(), Some(2), "{case}");
        let e = json(&o);
        assert_eq!(e["error"]["rule"], "bundle_invalid");
        let msg = e["error"]["message"]["en-US"].as_str().unwrap();
        assert!(msg.contains(want), "{case}: {msg}");
    }
    assert_eq!(
        json(&terroir(&city, &["--json", "gi", "list"]))
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

/// The SHA-256 of some bytes, by coreutils (what a sender re-signing a bundle would use).
fn sha256(bytes: &[u8]) -> String {
    let mut child = Command::new("sha256sum")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("sha256sum");
    child.stdin.take().unwrap().write_all(bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    String::from_utf8(out.stdout).unwrap()[..64].to_owned()
}

/// A sender can recompute the manifest's hashes: the hashes guard against damage, the form's
/// rules against the sender. Records the form would refuse refuse the whole merge, each named
/// with its field and rule, and nothing is written.
#[test]
fn a_resigned_bundle_with_records_the_form_refuses_is_refused_whole() {
    let (dir, county, city) = county_and_city();
    let good = dir.path().join("good.bundle");
    ok(terroir(
        &county,
        &["bundle", "export", "-o", good.to_str().unwrap()],
    ));
    let evil = dir.path().join("evil.bundle");
    let mut lines: Vec<Value> = {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&good).unwrap()).unwrap();
        let mut text = String::new();
        zip.by_name("records.jsonl")
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text.lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let mut gi = lines.iter().find(|r| r["kind"] == "gi").unwrap().clone();
    let long = format!("驰名商标{}", "茶".repeat(100_006));
    gi["id"] = "01a2348d-0000-7000-8000-0000000000e1".into();
    gi["code"] = "GI-0999".into();
    gi["name"] = long.clone().into();
    gi["data"]["name"] = long.into();
    let mut ent = lines
        .iter()
        .find(|r| r["kind"] == "enterprise")
        .unwrap()
        .clone();
    ent["id"] = "01a2348d-0000-7000-8000-0000000000e2".into();
    ent["code"] = "ENT-0999".into();
    ent["name"] = "".into();
    ent["data"]["name"] = "".into();
    ent["data"]["phone"] = "5".repeat(5000).into();
    lines.push(gi);
    lines.push(ent);
    let records: Vec<u8> = lines
        .iter()
        .map(|l| format!("{l}\n"))
        .collect::<String>()
        .into_bytes();
    resign(&good, &evil, "records.jsonl", &records);

    for dry in [true, false] {
        let mut args = vec!["--json", "bundle", "import", evil.to_str().unwrap()];
        if dry {
            args.push("--dry-run");
        }
        let o = terroir(&city, &args);
        assert_eq!(o.status.code(), Some(1), "refused records make exit 1");
        let r = json(&o);
        assert_eq!(r["applied"], false);
        let refused = r["refused"].as_array().unwrap();
        assert_eq!(refused.len(), 2, "{r:#}");
        let rules = |code: &str| -> Vec<(String, String)> {
            refused
                .iter()
                .find(|x| x["code"] == code)
                .unwrap_or_else(|| panic!("{code} refused"))["problems"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| {
                    (
                        p["field"].as_str().unwrap_or("").to_owned(),
                        p["rule"].as_str().unwrap().to_owned(),
                    )
                })
                .collect()
        };
        let gi = rules("GI-0999");
        assert!(gi.contains(&("name".into(), "too_long".into())), "{gi:?}");
        assert!(
            gi.contains(&("name".into(), "well_known_wording".into())),
            "{gi:?}"
        );
        let ent = rules("ENT-0999");
        assert!(ent.contains(&("name".into(), "required".into())), "{ent:?}");
        assert!(
            ent.contains(&("phone".into(), "too_long".into())),
            "{ent:?}"
        );
        // The report stays small: names and echoed values are cut.
        assert!(o.stdout.len() < 20_000, "{} bytes", o.stdout.len());
    }
    // Nothing of the bundle was written, not even its good records.
    for kind in ["gi", "enterprise", "trademark"] {
        let listed = json(&terroir(&city, &["--json", kind, "list"]));
        assert_eq!(listed.as_array().unwrap().len(), 0, "{kind}");
    }
    ok(terroir(&city, &["check"]));

    // In words, for the clerk.
    let o = terroir(&city, &["bundle", "import", evil.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("refused"), "{text}");
    assert!(
        text.contains("Name (name): is too long: at most 200 characters"),
        "{text}"
    );
    assert!(
        text.contains("Phone (phone): is too long: at most 30 characters"),
        "{text}"
    );
    assert!(text.contains("nothing was merged or written"), "{text}");
}

/// Enter 2027 in a workspace with one holiday range and a notice.
fn set_2027(db: &Path, holidays: &str, source: &str) {
    ok(terroir(
        db,
        &[
            "calendar",
            "set",
            "2027",
            "--holidays",
            holidays,
            "--workdays",
            "10-09",
            "--source",
            source,
        ],
    ));
}

fn export(db: &Path, to: &Path) {
    ok(terroir(
        db,
        &["bundle", "export", "-o", to.to_str().unwrap()],
    ));
}

fn import(db: &Path, bundle: &Path, dry: bool) -> Value {
    let mut args = vec!["--json", "bundle", "import", bundle.to_str().unwrap()];
    if dry {
        args.push("--dry-run");
    }
    json(&ok(terroir(db, &args)))
}

fn holidays_2027(db: &Path) -> usize {
    let v = json(&ok(terroir(db, &["--json", "calendar", "show", "2027"])));
    v["holidays"].as_array().map_or(0, Vec::len)
}

#[test]
fn calendar_years_travel_in_bundles_and_the_newer_entry_wins() {
    let (dir, city, county) = county_and_city();
    // The city enters next year's calendar and hands it to a county.
    set_2027(&city, "10-01..10-07", "国务院办公厅通知（测试）");
    let b1 = dir.path().join("1.bundle");
    export(&city, &b1);
    let preview = import(&county, &b1, true);
    let cal = preview["calendar"].as_array().unwrap();
    assert_eq!(cal.len(), 1, "{preview:#}");
    assert_eq!(cal[0]["year"], 2027);
    assert_eq!(cal[0]["outcome"], "new");
    assert_eq!(holidays_2027(&county), 0, "a preview writes nothing");
    let merged = import(&county, &b1, false);
    assert_eq!(merged["applied"], true);
    assert_eq!(holidays_2027(&county), 7);
    let log = json(&ok(terroir(
        &county,
        &["--json", "audit", "log", "--limit", "50"],
    )));
    assert!(
        log.as_array()
            .unwrap()
            .iter()
            .any(|e| e["entity"] == "calendar"
                && e["entity_id"] == "2027"
                && e["reason"].as_str().unwrap_or("").contains("交换包")),
        "the merge is audited with the bundle as reason: {log:#}"
    );
    // The same bundle again changes nothing.
    assert!(
        import(&county, &b1, true)["calendar"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    // The county corrects it later: its newer entry stands against the city's older bundle…
    set_2027(&county, "10-01..10-08", "国务院办公厅通知（更正）");
    let kept = import(&county, &b1, false);
    assert_eq!(kept["calendar"][0]["outcome"], "kept", "{kept:#}");
    assert_eq!(holidays_2027(&county), 8);
    // …and wins at the city when the county sends it back.
    let b2 = dir.path().join("2.bundle");
    export(&county, &b2);
    let taken = import(&city, &b2, false);
    assert_eq!(taken["calendar"][0]["outcome"], "taken", "{taken:#}");
    assert_eq!(
        taken["calendar"][0]["ours_source"],
        "国务院办公厅通知（测试）"
    );
    assert_eq!(holidays_2027(&city), 8);

    // A calendar that breaks the form's rules refuses the bundle, naming the date and rule.
    let evil = dir.path().join("evil.bundle");
    let bad: Vec<u8> = {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&b2).unwrap()).unwrap();
        let mut text = String::new();
        zip.by_name("calendar.json")
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        // 2027-10-11 is a Monday: not a weekend day made a working day.
        text.replace("2027-10-09", "2027-10-11").into_bytes()
    };
    resign(&b2, &evil, "calendar.json", &bad);
    let o = terroir(&county, &["bundle", "import", evil.to_str().unwrap()]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("2027-10-11") && err.contains("calendar"),
        "{err}"
    );
}
