//! `terroir dossier` and photos end to end: PDFs a reader opens, refusals with reasons and
//! exit codes, hostile photos refused before anything is stored.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_terroir");

fn terroir(db: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(["--actor", "测试", "--lang", "en", "--today", "2026-11-28"])
        .args(args)
        .output()
        .expect("run terroir")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn sample() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("terroir.db");
    assert!(terroir(&db, &["init", "--sample"]).status.success());
    let o = terroir(
        &db,
        &[
            "dossier",
            "settings",
            "--issuer",
            "信阳市市场监督管理局（知识产权局）",
            "--contact",
            "0376-6200000",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    (dir, db)
}

fn pdftotext(path: &Path) -> String {
    let o = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (make deps installs poppler-utils)");
    assert!(o.status.success());
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn prints_one_dossier_and_a_batch_with_refusals_reported() {
    let (dir, db) = sample();
    let one = dir.path().join("xinyang.pdf");
    let o = terroir(
        &db,
        &["dossier", "print", "GI-0001", "-o", one.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = pdftotext(&one);
    assert!(
        text.contains("信阳毛尖") && text.contains("3047772") && text.contains("GB/T 22737-2008")
    );

    // The banned words are refused when a product's text is saved, not only when printed:
    // every public text, the profile printed on the dossier's first page included.
    for (flag, field) in [("--history", "history"), ("--profile", "profile")] {
        let o = terroir(
            &db,
            &[
                "--json",
                "gi",
                "edit",
                "GI-0003",
                flag,
                "固始鸡曾获 驰名 商标 称号",
            ],
        );
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        let e: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(e["error"]["problems"][0]["field"], field);
        assert_eq!(e["error"]["problems"][0]["rule"], "well_known_wording");
    }

    // A text the dossier takes from another record (a trademark's name is not promotion
    // material when saved) is still checked when printed: the batch prints the rest and says
    // why.
    let o = terroir(
        &db,
        &["trademark", "edit", "TM-0001", "--name", "信阳毛尖驰名商标"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = dir.path().join("batch");
    let o = terroir(
        &db,
        &[
            "--json",
            "dossier",
            "batch",
            "--all",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "a refusal makes exit 1: {}",
        stderr(&o)
    );
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    let refused = report["refused"].as_array().unwrap();
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0]["code"], "GI-0001");
    let field = refused[0]["error"]["problems"][0]["field"]
        .as_str()
        .unwrap();
    assert!(
        field.starts_with("protections[") && field.ends_with("trademark.name"),
        "{field}"
    );
    assert_eq!(
        refused[0]["error"]["problems"][0]["rule"],
        "well_known_wording"
    );
    let printed = report["printed"].as_array().unwrap();
    assert_eq!(printed.len(), 5);
    let files = std::fs::read_dir(&out).unwrap().count();
    assert_eq!(
        files, 5,
        "no file for the refused dossier, no partial files"
    );
    let o = terroir(&db, &["trademark", "edit", "TM-0001", "--name", "信阳毛尖"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    // By county: the products 固始县 (411525) catalogues, not every product whose area
    // reaches into it (信阳毛尖 is the city's).
    let o = terroir(
        &db,
        &[
            "--json",
            "dossier",
            "batch",
            "--county",
            "411525",
            "-o",
            dir.path().join("gushi").to_str().unwrap(),
        ],
    );
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    let codes: Vec<&str> = report["printed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["GI-0003", "GI-0006"]);

    let o = terroir(&db, &["dossier", "batch", "-o", "x"]);
    assert_eq!(o.status.code(), Some(2), "--county or --all is required");
}

/// The sample catalogue states what it is: every page of a sample record's dossier says
/// 示例数据; the origin-mark registration of 2002 is printed as what it is and never offered
/// as the labelling basis (the GI mark is); invented credit codes are marked where printed.
#[test]
fn a_sample_dossier_says_so_on_every_page() {
    let (dir, db) = sample();
    let pdf = dir.path().join("xinyang.pdf");
    let o = terroir(
        &db,
        &["dossier", "print", "GI-0001", "-o", pdf.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let pages: usize = String::from_utf8_lossy(&info.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(pages >= 2);
    for n in 1..=pages {
        let o = Command::new("pdftotext")
            .args(["-f", &n.to_string(), "-l", &n.to_string()])
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&o.stdout).replace([' ', '\n'], "");
        assert!(text.contains("示例数据"), "page {n}: {text}");
    }
    let text = pdftotext(&pdf).replace([' ', '\n'], "");
    assert!(text.contains("原产地标记注册"), "{text}");
    assert!(text.contains("不作为标注依据"), "{text}");
    assert!(!text.contains("同时标注产品名称"), "{text}");
    assert!(text.contains("注册号3047772"), "{text}");
    assert!(text.contains("AGI03182登记的地域保护范围"), "{text}");
    assert!(text.contains("专用标志的指定位置") && !text.contains("专用标志旁"));
    assert!(text.contains("规定的周期（每年）定期报送"), "{text}");
    assert!(text.contains("（示例）"), "{text}");
}

/// One name per datum: the form's 产品简介 is what the dossier prints under 产品简介 (and what
/// the wording check names, above); the notes (备注) stay in the bureau.
#[test]
fn the_profile_is_printed_and_the_notes_are_not() {
    let (dir, db) = sample();
    let o = terroir(
        &db,
        &[
            "gi",
            "edit",
            "GI-0003",
            "--profile",
            "固始鸡是河南固始县的地方鸡种",
            "--notes",
            "局内：注册号待补",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let pdf = dir.path().join("gushi.pdf");
    let o = terroir(
        &db,
        &["dossier", "print", "GI-0003", "-o", pdf.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = pdftotext(&pdf).replace(['\n', ' '], "");
    assert!(text.contains("固始鸡是河南固始县的地方鸡种"), "{text}");
    assert!(!text.contains("注册号待补"), "{text}");
}

#[test]
fn hostile_photos_are_refused_with_their_own_messages_and_nothing_stored() {
    let (dir, db) = sample();
    let before = terroir(&db, &["--json", "gi", "show", "GI-0002"]).stdout;
    let text = dir.path().join("notes.jpg");
    std::fs::write(&text, "不是照片").unwrap();
    let o = terroir(&db, &["gi", "photo", "GI-0002", text.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("notes.jpg is not an image"),
        "{}",
        stderr(&o)
    );

    let jpg = dir.path().join("cut.jpg");
    let status = Command::new("convert")
        .args([
            "-size",
            "640x480",
            "gradient:green-white",
            jpg.to_str().unwrap(),
        ])
        .status()
        .expect("ImageMagick (make deps installs it)");
    assert!(status.success());
    let bytes = std::fs::read(&jpg).unwrap();
    std::fs::write(&jpg, &bytes[..bytes.len() / 2]).unwrap();
    let o = terroir(&db, &["gi", "photo", "GI-0002", jpg.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cut.jpg is damaged or incomplete"),
        "{}",
        stderr(&o)
    );

    assert_eq!(
        terroir(&db, &["--json", "gi", "show", "GI-0002"]).stdout,
        before,
        "record unchanged"
    );
    let files = dir.path().join("files");
    let stored = std::fs::read_dir(&files).map(|d| d.count()).unwrap_or(0);
    assert_eq!(stored, 0, "nothing stored for refused photos");

    // A real photo gets a print-ready derivative, and the dossier embeds that JPEG unchanged.
    let good = dir.path().join("tea.jpg");
    Command::new("convert")
        .args([
            "-size",
            "4000x3000",
            "plasma:green-yellow",
            "-seed",
            "7",
            good.to_str().unwrap(),
        ])
        .status()
        .unwrap();
    let o = terroir(
        &db,
        &[
            "--json",
            "gi",
            "photo",
            "GI-0002",
            good.to_str().unwrap(),
            "--caption",
            "茶园",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rec: Value = serde_json::from_slice(&o.stdout).unwrap();
    let print = &rec["data"]["photos"][0]["print"];
    assert_eq!(
        (print["width"].as_u64(), print["height"].as_u64()),
        (Some(1889), Some(1417)),
        "300 dpi in 170 × 120 mm"
    );
    let sha = print["sha256"].as_str().unwrap();
    let derivative = std::fs::read(files.join(&sha[..2]).join(&sha[2..])).unwrap();
    let pdf_path = dir.path().join("red.pdf");
    let o = terroir(
        &db,
        &[
            "dossier",
            "print",
            "GI-0002",
            "-o",
            pdf_path.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let pdf = std::fs::read(&pdf_path).unwrap();
    assert!(
        pdf.windows(derivative.len())
            .any(|w| w == derivative.as_slice()),
        "the stored JPEG is in the PDF byte for byte"
    );
}

/// A first print needs the issuer and its contact; `dossier check` says so and lists the
/// selected products whose dossier would lack a profile, a photo or a standard, without
/// printing anything.
#[test]
fn the_check_before_a_batch_names_missing_settings_and_incomplete_products() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("terroir.db");
    assert!(terroir(&db, &["init", "--sample"]).status.success());
    let out = dir.path().join("batch");
    let o = terroir(
        &db,
        &["dossier", "batch", "--all", "-o", out.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("Issuer's contact (issuer_contact)"),
        "{}",
        stderr(&o)
    );
    assert!(
        !out.exists(),
        "nothing written before the settings are filled in"
    );

    let check = |db: &Path| {
        let o = terroir(db, &["--json", "dossier", "check", "--all"]);
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        (o.status.code(), v)
    };
    let (code, v) = check(&db);
    assert_eq!(code, Some(1));
    let fields: Vec<&str> = v["settings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["issuer", "issuer_contact"]);
    let total = v["total"].as_u64().unwrap();
    let incomplete = v["incomplete"].as_array().unwrap();
    assert_eq!(
        total as usize,
        incomplete.len(),
        "the sample has no photos: {v}"
    );
    let gaps = |code: &str| -> Vec<String> {
        let i = incomplete.iter().find(|i| i["code"] == code).unwrap();
        i["gaps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["rule"].as_str().unwrap().to_owned())
            .collect()
    };
    // 信阳毛尖 has its profile and standard; 固始鸡 has neither.
    assert_eq!(gaps("GI-0001"), ["photo_missing"]);
    assert_eq!(
        gaps("GI-0003"),
        ["profile_missing", "photo_missing", "standard_missing"]
    );

    // With a photo and the settings, 信阳毛尖 passes and prints, signed by the issuer.
    let photo =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../dossier/tests/fixtures/gray.jpg");
    let o = terroir(&db, &["gi", "photo", "GI-0001", photo.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = terroir(
        &db,
        &[
            "dossier",
            "settings",
            "--issuer",
            "信阳市知识产权局",
            "--contact",
            "0376-6200000",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let (code, v) = check(&db);
    assert_eq!(code, Some(1));
    assert!(v["settings"].as_array().unwrap().is_empty(), "{v}");
    assert!(
        v["incomplete"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["code"] != "GI-0001")
    );
    let o = terroir(&db, &["--json", "dossier", "check", "GI-0001"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        (o.status.code(), v["total"].as_u64()),
        (Some(0), Some(1)),
        "{v}"
    );
    let one = dir.path().join("one.pdf");
    let o = terroir(
        &db,
        &["dossier", "print", "GI-0001", "-o", one.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = pdftotext(&one);
    assert!(
        text.contains("发布单位：信阳市知识产权局") && text.contains("联系方式：0376-6200000"),
        "{text}"
    );
}
