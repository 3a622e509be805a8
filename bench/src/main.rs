//! `search-bench DB [--out results.json]`: 1,000 queries of each type against a generated
//! workspace (p50/p99), agreement of 200 random queries with a brute-force scan using the same
//! matching rules, and a plain `LIKE '%q%'` scan as a reference for Chinese substrings.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use terroir_api::core::RecordKind;
use terroir_api::core::search::{
    MatchKind, Query, full, initials, is_han, match_record, match_user, readings,
};
use terroir_api::{RecordData, Show, Workspace};

const PER_KIND: u32 = 10;

struct Rec {
    kind: RecordKind,
    code: String,
    name: String,
    key: Option<String>,
    /// An authorised user's enterprise and product names, which it is matched by.
    parts: Option<(String, String)>,
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn window(name: &str, rng: &mut Rng, len: usize) -> Option<String> {
    let chars: Vec<char> = name.chars().collect();
    let han: Vec<usize> = (0..chars.len())
        .filter(|i| chars[*i..].len() >= len && chars[*i..*i + len].iter().all(|c| is_han(*c)))
        .collect();
    let start = *han.get(rng.below(han.len()))?;
    Some(chars[start..start + len].iter().collect())
}

/// The brute-force answer for one kind: every record matched by the core rules, ranked like
/// the index ranks them, best `PER_KIND`.
fn brute(recs: &[Rec], kind: RecordKind, q: &Query) -> Vec<(MatchKind, String)> {
    let mut hits: Vec<(MatchKind, u32, usize, String)> = recs
        .iter()
        .filter(|r| r.kind == kind)
        .filter_map(|r| {
            let codes: Vec<&str> = [Some(r.code.as_str()), r.key.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            match &r.parts {
                Some((e, p)) => match_user(e, p, &codes, q),
                None => match_record(&r.name, &codes, q),
            }
            .map(|(m, s)| {
                (
                    m,
                    s.map_or(0, |s| s[0]),
                    r.name.chars().count(),
                    r.code.clone(),
                )
            })
        })
        .collect();
    hits.sort();
    hits.into_iter().map(|(m, _, _, c)| (m, c)).collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let db = PathBuf::from(args.get(1).expect("usage: search-bench DB [--out FILE]"));
    let out = args
        .iter()
        .position(|a| a == "--out")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let ws = Workspace::open(&db, "bench").expect("open workspace");
    let names_of = |kind| -> std::collections::HashMap<String, String> {
        let all = ws.list(kind, Show::All, u32::MAX, 0).expect("list").items;
        all.into_iter().map(|r| (r.code, r.name)).collect()
    };
    let (enterprises, gis) = (names_of(RecordKind::Enterprise), names_of(RecordKind::Gi));
    let mut recs = vec![];
    for kind in [
        RecordKind::Gi,
        RecordKind::Enterprise,
        RecordKind::User,
        RecordKind::Trademark,
    ] {
        for r in ws.list(kind, Show::Live, u32::MAX, 0).expect("list").items {
            let key = match &r.record {
                RecordData::Enterprise { summary, .. } => {
                    summary.credit_code.as_ref().map(ToString::to_string)
                }
                RecordData::Trademark { summary, .. } => Some(summary.reg_no.to_string()),
                _ => None,
            };
            let parts = match &r.record {
                RecordData::User { summary, .. } => {
                    let name = |names: &std::collections::HashMap<String, String>,
                                code: &Option<String>| {
                        names[code.as_deref().expect("a user names its records")].clone()
                    };
                    Some((
                        name(&enterprises, &summary.enterprise),
                        name(&gis, &summary.gi),
                    ))
                }
                _ => None,
            };
            recs.push(Rec {
                kind,
                code: r.code,
                name: r.name,
                key,
                parts,
            });
        }
    }
    eprintln!("{} records loaded", recs.len());
    let mut rng = Rng(0x7E220112);
    let gen_query = |ty: &str, rng: &mut Rng| -> String {
        loop {
            let r = &recs[rng.below(recs.len())];
            let q = match ty {
                "1 character" => window(&r.name, rng, 1),
                "2 characters" => window(&r.name, rng, 2),
                "3+ characters" => {
                    let n = 3 + rng.below(3);
                    window(&r.name, rng, n)
                }
                "full pinyin" => window(&r.name, rng, 2).map(|w| full(&readings(&w)[0])),
                "initials" => {
                    let n = 2 + rng.below(3);
                    window(&r.name, rng, n).map(|w| initials(&readings(&w)[0]))
                }
                "credit-code prefix" => r
                    .key
                    .as_ref()
                    .filter(|k| k.len() == 18)
                    .map(|k| k[..6 + rng.below(5)].to_owned()),
                _ => unreachable!(),
            };
            if let Some(q) = q.filter(|q| !q.is_empty()) {
                return q;
            }
        }
    };
    let types = [
        "1 character",
        "2 characters",
        "3+ characters",
        "full pinyin",
        "initials",
        "credit-code prefix",
    ];
    let mut report = BTreeMap::new();
    println!("| query type | p50 (ms) | p99 (ms) | max (ms) | mean hits |");
    println!("|---|---:|---:|---:|---:|");
    for ty in types {
        let queries: Vec<String> = (0..1000).map(|_| gen_query(ty, &mut rng)).collect();
        // Warm the page cache once, as an open app would be.
        for q in queries.iter().take(50) {
            ws.search(q, None, PER_KIND).expect("search");
        }
        let mut ms = vec![];
        let mut hits = 0usize;
        for q in &queries {
            let t = Instant::now();
            let r = ws.search(q, None, PER_KIND).expect("search");
            ms.push(t.elapsed().as_secs_f64() * 1000.0);
            hits += r.groups.iter().map(|g| g.hits.len()).sum::<usize>();
        }
        ms.sort_by(f64::total_cmp);
        let (p50, p99, max) = (
            percentile(&ms, 0.5),
            percentile(&ms, 0.99),
            ms[ms.len() - 1],
        );
        println!(
            "| {ty} | {p50:.2} | {p99:.2} | {max:.2} | {:.1} |",
            hits as f64 / 1000.0
        );
        report.insert(
            ty.to_owned(),
            serde_json::json!({ "p50_ms": p50, "p99_ms": p99, "max_ms": max }),
        );
    }
    // Agreement with the brute-force scan.
    let (mut same_classes, mut identical, mut total) = (0, 0, 0);
    let mut disagreements = vec![];
    for i in 0..200 {
        let q = gen_query(types[i % types.len()], &mut rng);
        let query = Query::new(&q).expect("non-empty");
        let got = ws.search(&q, None, PER_KIND).expect("search");
        for kind in [
            RecordKind::Gi,
            RecordKind::Enterprise,
            RecordKind::User,
            RecordKind::Trademark,
        ] {
            total += 1;
            let all = brute(&recs, kind, &query);
            let expected: Vec<(MatchKind, String)> =
                all.iter().take(PER_KIND as usize).cloned().collect();
            let hits: Vec<(MatchKind, String)> = got
                .groups
                .iter()
                .filter(|g| g.kind == kind)
                .flat_map(|g| g.hits.iter().map(|h| (h.matched, h.code.clone())))
                .collect();
            // Same ranking classes, and every hit a true match of its class.
            let classes = |v: &[(MatchKind, String)]| v.iter().map(|h| h.0).collect::<Vec<_>>();
            let valid = hits.iter().all(|h| all.contains(h));
            if classes(&hits) == classes(&expected) && valid {
                same_classes += 1;
            } else if disagreements.len() < 10 {
                disagreements.push(format!(
                    "{q} / {}: got {:?} expected {:?}",
                    kind.key(),
                    classes(&hits),
                    classes(&expected)
                ));
            }
            if hits == expected {
                identical += 1;
            }
        }
    }
    println!();
    println!(
        "brute-force agreement: {same_classes}/{total} result lists with the same ranking classes and only true matches; {identical}/{total} identical hit for hit"
    );
    for d in &disagreements {
        println!("  disagreement: {d}");
    }
    // LIKE '%q%' reference for Chinese substrings (no LIMIT, as a naive implementation would).
    let conn = terroir_store::db::open(&db, false).expect("open");
    let mut like_ms = vec![];
    for _ in 0..200 {
        let q = gen_query("2 characters", &mut rng);
        let t = Instant::now();
        let _: i64 = conn
            .query_row(
                "SELECT count(*) FROM search_doc WHERE archived = 0 AND name LIKE '%' || ?1 || '%'",
                [&q],
                |r| r.get(0),
            )
            .expect("like");
        like_ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    like_ms.sort_by(f64::total_cmp);
    println!(
        "LIKE '%q%' scan (2 characters, 200 queries): p50 {:.2} ms, p99 {:.2} ms",
        percentile(&like_ms, 0.5),
        percentile(&like_ms, 0.99)
    );
    report.insert("like_scan".into(), serde_json::json!({ "p50_ms": percentile(&like_ms, 0.5), "p99_ms": percentile(&like_ms, 0.99) }));
    report.insert(
        "agreement".into(),
        serde_json::json!({ "same_classes": same_classes, "identical": identical, "total": total }),
    );
    report.insert("records".into(), serde_json::json!(recs.len()));
    if let Some(out) = out {
        std::fs::write(out, serde_json::to_string_pretty(&report).expect("json"))
            .expect("write results");
    }
}
