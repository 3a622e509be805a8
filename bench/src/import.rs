//! Import benchmark: a 100,000-row enterprise XLSX (as a bureau would export it from WPS:
//! names, credit codes, divisions by code or by name, addresses, contacts), imported by
//! `terroir import` as a whole process into a fresh workspace (checked, written with audit
//! rows and search index, one transaction), against calamine alone reading the same file.
//!
//! Usage: import-bench [ROWS] (default 100000); writes bench/out/import/results.json.

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use calamine::{Reader, Xlsx};
use rust_xlsxwriter::Workbook;
use terroir_api::core::credit_code::{ALPHABET, check_char};
use terroir_api::core::division::XINYANG;

const TRADES: [&str; 8] = [
    "茶业",
    "食品",
    "农业开发",
    "生态农业",
    "粮油",
    "畜牧",
    "水产",
    "农产品贸易",
];

fn credit_code(county: &str, n: usize) -> String {
    let alphabet: Vec<char> = ALPHABET.chars().collect();
    let mut serial = String::new();
    let mut x = n;
    for _ in 0..9 {
        serial.push(alphabet[x % 31]);
        x /= 31;
    }
    // 9 = registered by market regulation, 1 = enterprise; then the division and the serial.
    let first17 = format!("91{county}{}", &serial[..9]);
    let check = check_char(&first17).expect("valid alphabet");
    format!("{first17}{check}")
}

fn main() {
    let rows: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    // The districts and counties a fresh workspace knows (not the city itself).
    let counties: Vec<(&str, &str)> = XINYANG
        .iter()
        .copied()
        .filter(|(c, _)| !c.ends_with("00"))
        .collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = root.join("bench/out/import");
    std::fs::create_dir_all(&out).unwrap();
    let xlsx = out.join(format!("enterprises-{rows}.xlsx"));

    let t = Instant::now();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "2024年度企业名录（基准测试生成）")
        .unwrap();
    for (c, h) in [
        "序号",
        "企业名称",
        "统一社会信用代码",
        "所在地",
        "注册地址",
        "联系人",
        "联系电话",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    for i in 0..rows {
        let (code, county) = counties[i % counties.len()];
        let r = i as u32 + 2;
        ws.write_number(r, 0, (i + 1) as f64).unwrap();
        ws.write_string(
            r,
            1,
            format!(
                "{county}{}{}有限公司{}",
                TRADES[(i / 8) % 8],
                ["", "发展", "科技"][i % 3],
                i
            ),
        )
        .unwrap();
        ws.write_string(r, 2, credit_code(code, i)).unwrap();
        // Half the rows name the county, half give its code, as real sheets mix them.
        ws.write_string(r, 3, if i % 2 == 0 { code } else { county })
            .unwrap();
        ws.write_string(
            r,
            4,
            format!(
                "河南省信阳市{county}{}路{}号",
                ["人民", "解放", "建设", "和平"][i % 4],
                i % 300 + 1
            ),
        )
        .unwrap();
        ws.write_string(r, 5, ["张伟", "王芳", "李娜", "刘洋"][i % 4])
            .unwrap();
        ws.write_string(r, 6, format!("1380376{:04}", i % 10_000))
            .unwrap();
    }
    book.save(&xlsx).unwrap();
    let size = std::fs::metadata(&xlsx).unwrap().len();
    eprintln!(
        "generated {rows} rows ({} KB) in {:.1} s",
        size / 1024,
        t.elapsed().as_secs_f64()
    );

    // calamine alone: open and stream every cell (what reading costs before any checking).
    let t = Instant::now();
    let mut wb: Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let name = wb.sheet_names()[0].clone();
    let mut cells = 0usize;
    {
        let mut reader = wb.worksheet_cells_reader(&name).unwrap();
        while let Some(c) = reader.next_cell().unwrap() {
            cells += usize::from(!matches!(c.get_value(), calamine::DataRef::Empty));
        }
    }
    let calamine_s = t.elapsed().as_secs_f64();
    eprintln!("calamine alone: {cells} cells in {calamine_s:.2} s");

    let terroir = root.join("target/release/terroir");
    let db = out.join("ws/terroir.db");
    let _ = std::fs::remove_dir_all(out.join("ws"));
    std::fs::create_dir_all(out.join("ws")).unwrap();
    let st = Command::new(&terroir)
        .arg("--db")
        .arg(&db)
        .arg("init")
        .output()
        .unwrap();
    assert!(st.status.success());
    let stats = out.join("time.txt");
    let t = Instant::now();
    let o = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg("-o")
        .arg(&stats)
        .arg(&terroir)
        .arg("--db")
        .arg(&db)
        .args(["--json", "import"])
        .arg(&xlsx)
        .args(["--kind", "enterprise"])
        .output()
        .unwrap();
    let import_s = t.elapsed().as_secs_f64();
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
    let peak_mb = std::fs::read_to_string(&stats)
        .unwrap()
        .trim()
        .lines()
        .last()
        .and_then(|l| l.parse::<u64>().ok())
        .unwrap_or(0)
        / 1024;
    let added = report["added"].as_array().map_or(0, Vec::len);
    let problems = report["problems"].as_array().map_or(0, Vec::len);
    let results = serde_json::json!({
        "rows": rows,
        "file_kb": size / 1024,
        "calamine_read_s": (calamine_s * 100.0).round() / 100.0,
        "import_s": (import_s * 100.0).round() / 100.0,
        "import_peak_mb": peak_mb,
        "ratio_to_calamine": (import_s / calamine_s * 10.0).round() / 10.0,
        "added": added,
        "problems": problems,
        "applied": report["applied"],
    });
    println!("{}", serde_json::to_string_pretty(&results).unwrap());
    std::fs::write(
        out.join("results.json"),
        serde_json::to_string_pretty(&results).unwrap(),
    )
    .unwrap();
}
