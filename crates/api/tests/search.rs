//! Search through the api on a real workspace: Chinese substrings, pinyin, initials, codes,
//! and the index following every change.

use serde_json::json;
use terroir_api::core::RecordKind;
use terroir_api::core::search::{MatchKind, Query, match_record};
use terroir_api::{Show, Workspace};

fn sample() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::create_with_sample(&dir.path().join("terroir.db"), "测试").unwrap();
    (dir, ws)
}

fn top(ws: &Workspace, q: &str, kind: RecordKind) -> Vec<(String, MatchKind, Option<[u32; 2]>)> {
    ws.search(q, Some(kind), 10)
        .unwrap()
        .groups
        .into_iter()
        .flat_map(|g| g.hits)
        .map(|h| (h.name, h.matched, h.span))
        .collect()
}

/// Every hit of `kind` for `q` (up to 100), as (kind of match, code), sorted.
fn found(ws: &Workspace, q: &str, kind: RecordKind) -> Vec<(MatchKind, String)> {
    let mut got: Vec<(MatchKind, String)> = ws
        .search(q, Some(kind), 100)
        .unwrap()
        .groups
        .into_iter()
        .flat_map(|g| g.hits)
        .map(|h| (h.matched, h.code))
        .collect();
    got.sort();
    got
}

#[test]
fn search_one_and_two_character_queries() {
    let (_d, ws) = sample();
    let hits = top(&ws, "毛", RecordKind::Gi);
    assert_eq!(
        hits,
        vec![("信阳毛尖".into(), MatchKind::Substring, Some([2, 3]))]
    );
    let hits = top(&ws, "信阳", RecordKind::Gi);
    assert_eq!(
        hits[0],
        ("信阳红".into(), MatchKind::Prefix, Some([0, 2])),
        "shorter prefix match first"
    );
    assert_eq!(hits[1].0, "信阳毛尖");
    let hits = top(&ws, "固", RecordKind::Gi);
    assert_eq!(hits.len(), 2);
}

#[test]
fn search_three_or_more_characters_use_trigrams() {
    let (_d, ws) = sample();
    let hits = top(&ws, "信阳毛尖", RecordKind::Gi);
    assert_eq!(hits[0], ("信阳毛尖".into(), MatchKind::Exact, Some([0, 4])));
    let hits = top(&ws, "茶业有限", RecordKind::Enterprise);
    assert_eq!(hits.len(), 2);
    assert!(hits.iter().all(|h| h.1 == MatchKind::Substring));
}

#[test]
fn search_pinyin_initials_and_mixed() {
    let (_d, ws) = sample();
    assert_eq!(top(&ws, "xinyang", RecordKind::Gi)[0].1, MatchKind::Pinyin);
    let hits = top(&ws, "xymj", RecordKind::Gi);
    assert_eq!(
        hits,
        vec![("信阳毛尖".into(), MatchKind::Initials, Some([0, 4]))]
    );
    let hits = top(&ws, "信阳mj", RecordKind::Gi);
    assert_eq!(
        hits,
        vec![("信阳毛尖".into(), MatchKind::Initials, Some([0, 4]))]
    );
    let hits = top(&ws, "gsj", RecordKind::Gi);
    assert_eq!(hits[0].0, "固始鸡");
}

#[test]
fn search_polyphonic_names() {
    let (_d, mut ws) = sample();
    let name = "长沙重行茶业有限公司";
    ws.add(RecordKind::Enterprise, json!({ "name": name }))
        .unwrap();
    // Every indexed reading (each polyphonic character's alternatives in turn) finds it.
    let readings = terroir_api::core::search::readings(name);
    assert!(readings.len() > 3, "长, 重 and 行 each have two readings");
    for r in &readings {
        for q in [
            terroir_api::core::search::full(r),
            terroir_api::core::search::initials(r),
        ] {
            let hits = top(&ws, &q, RecordKind::Enterprise);
            assert!(hits.iter().any(|h| h.0 == name), "{q}: {hits:?}");
        }
    }
    for q in ["changsha", "zhangsha"] {
        assert!(
            top(&ws, q, RecordKind::Enterprise)
                .iter()
                .any(|h| h.0 == name),
            "{q}"
        );
    }
}

#[test]
fn search_codes_and_registration_numbers_by_prefix() {
    let (_d, ws) = sample();
    let r = ws.search("9141150", None, 10).unwrap();
    assert_eq!(r.groups.len(), 1);
    assert_eq!(r.groups[0].kind, RecordKind::Enterprise);
    assert_eq!(r.groups[0].hits[0].matched, MatchKind::Code);
    let hits = top(&ws, "3047772", RecordKind::Trademark);
    assert_eq!(hits[0], ("信阳毛尖".into(), MatchKind::Exact, None));
    assert_eq!(
        top(&ws, "tm-0005", RecordKind::Trademark)[0].1,
        MatchKind::Exact
    );
}

#[test]
fn search_archived_records_leave_and_unarchived_return() {
    let (_d, mut ws) = sample();
    assert_eq!(top(&ws, "商城黑猪", RecordKind::Gi).len(), 1);
    ws.archive(RecordKind::Gi, "GI-0004", Some("测试")).unwrap();
    assert!(top(&ws, "商城黑猪", RecordKind::Gi).is_empty());
    assert!(top(&ws, "scheizhu", RecordKind::Gi).is_empty());
    ws.unarchive(RecordKind::Gi, "GI-0004", None).unwrap();
    assert_eq!(top(&ws, "商城黑猪", RecordKind::Gi).len(), 1);
}

#[test]
fn search_index_follows_an_edit_and_survives_reindex() {
    let (_d, mut ws) = sample();
    ws.edit(
        RecordKind::Gi,
        "GI-0006",
        json!({ "name": "固始白萝卜" }),
        None,
        None,
    )
    .unwrap();
    assert!(top(&ws, "固始萝卜", RecordKind::Gi).is_empty());
    assert_eq!(top(&ws, "白萝", RecordKind::Gi)[0].0, "固始白萝卜");
    assert_eq!(top(&ws, "gsblb", RecordKind::Gi)[0].0, "固始白萝卜");
    let n = ws.reindex().unwrap();
    assert_eq!(n, 6 + 6 + 4 + 5 + 3);
    assert_eq!(top(&ws, "白萝", RecordKind::Gi)[0].0, "固始白萝卜");
    // Users are named after their enterprise and product, and follow an enterprise rename.
    assert!(top(&ws, "云雾茶业", RecordKind::User).len() == 1);
}

#[test]
fn search_agrees_with_a_brute_force_scan() {
    let (_d, mut ws) = sample();
    let names = [
        "长沙茶叶",
        "长城葡萄酒",
        "重庆火锅底料",
        "信阳毛尖茶",
        "毛尖",
        "尖山茶场",
    ];
    for n in names {
        ws.add(RecordKind::Enterprise, json!({ "name": n }))
            .unwrap();
    }
    let all = ws
        .list(RecordKind::Enterprise, Show::Live, 1000, 0)
        .unwrap()
        .items;
    for q in [
        "毛",
        "毛尖",
        "茶",
        "长",
        "cs",
        "mj",
        "an",
        "c",
        "chang",
        "zhang",
        "xymj",
        "信阳mj",
        "jian",
        "914",
        "ENT-000",
        "茶业有限公司",
        "示例",
    ] {
        let query = Query::new(q).unwrap();
        let mut expected: Vec<(MatchKind, String)> = all
            .iter()
            .filter_map(|r| {
                let summary = r.summary();
                let key = summary
                    .get("credit_code")
                    .and_then(|v| v.as_str())
                    .unwrap_or("");
                let codes: Vec<&str> = [r.code.as_str(), key]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect();
                match_record(&r.name, &codes, &query).map(|(k, _)| (k, r.code.clone()))
            })
            .collect();
        expected.sort();
        assert_eq!(found(&ws, q, RecordKind::Enterprise), expected, "query {q}");
    }
}

/// An authorised user is found through its enterprise's and its product's names, never across
/// the two, as the core rule `match_user` says; the index agrees with a scan by that rule,
/// including users of an archived enterprise and after a reindex.
#[test]
fn users_are_found_through_their_enterprise_and_product() {
    use terroir_api::core::search::match_user;
    let (_d, mut ws) = sample();
    let gi = |ws: &Workspace, code: &str| ws.show(RecordKind::Gi, code).unwrap().name;
    ws.add(
        RecordKind::Enterprise,
        json!({ "name": "信阳毛尖茶业有限公司" }),
    )
    .unwrap();
    ws.add(
        RecordKind::User,
        json!({ "gi": "GI-0001", "enterprise": "ENT-0007", "kind": "approved_producer", "applied_on": "2026-02-01" }),
    )
    .unwrap();
    ws.archive(RecordKind::Enterprise, "ENT-0006", Some("注销"))
        .unwrap();
    let users = ws.list(RecordKind::User, Show::Live, 100, 0).unwrap().items;
    let parts: Vec<(String, String, String)> = users
        .iter()
        .map(|u| {
            let s = u.summary();
            let name = |kind, key: &str| ws.show(kind, key).unwrap().name;
            (
                u.code.clone(),
                name(RecordKind::Enterprise, s["enterprise"].as_str().unwrap()),
                name(RecordKind::Gi, s["gi"].as_str().unwrap()),
            )
        })
        .collect();
    assert_eq!(gi(&ws, "GI-0001"), "信阳毛尖");
    for round in ["as written", "after a reindex"] {
        for q in [
            "信阳毛尖",
            "毛尖",
            "茶业",
            "罗山",
            "xymj",
            "maojian",
            "ls",
            "信阳mj",
            "USR-000",
            "公司 · 信阳",
            "公司信阳",
            "gongsixinyang",
            "示例）",
            "茶",
            "信阳毛尖茶业有限公司 · 信阳毛尖",
        ] {
            let query = Query::new(q).unwrap();
            let mut expected: Vec<(MatchKind, String)> = parts
                .iter()
                .filter_map(|(code, e, p)| {
                    match_user(e, p, &[code.as_str()], &query).map(|(k, _)| (k, code.clone()))
                })
                .collect();
            expected.sort();
            let got = found(&ws, q, RecordKind::User);
            assert_eq!(got, expected, "{round}: query {q}");
        }
        ws.reindex().unwrap();
    }
    // Across the separator nothing matches; the whole name does, exactly.
    assert!(top(&ws, "公司 · 信阳", RecordKind::User).is_empty());
    let whole = top(&ws, "信阳毛尖茶业有限公司 · 信阳毛尖", RecordKind::User);
    assert_eq!(whole[0].1, MatchKind::Exact);
    // A product's name is inside a user's name: a substring, after the separator, ranked after
    // the user whose enterprise's name starts with the query.
    let kinds: Vec<MatchKind> = top(&ws, "信阳毛尖", RecordKind::User)
        .into_iter()
        .map(|h| h.1)
        .collect();
    assert_eq!(kinds[0], MatchKind::Prefix);
    assert_eq!(kinds[1..], [MatchKind::Substring; 4]);
}

/// A name is found by itself as a clerk pastes it, full-width brackets and all, and by a part
/// of it that includes them; full-width letters in a code still fold.
#[test]
fn search_names_with_full_width_punctuation() {
    let (_d, ws) = sample();
    let exact = top(
        &ws,
        "浉河区云雾茶业有限公司（示例）",
        RecordKind::Enterprise,
    );
    assert_eq!(exact[0].0, "浉河区云雾茶业有限公司（示例）");
    assert_eq!(exact[0].1, MatchKind::Exact);
    assert!(
        found(&ws, "公司（示", RecordKind::Enterprise)
            .iter()
            .any(|(m, code)| *m == MatchKind::Substring && code == "ENT-0003")
    );
    assert!(
        found(&ws, "９１４１１５０２ＭＡ４５", RecordKind::Enterprise)
            .iter()
            .any(|(_, code)| code == "ENT-0003")
    );
}

/// A bulk import indexes its records in chunks, working out a chunk's terms on another thread
/// while the next chunk's records are written: after an import of several chunks, search
/// agrees with a scan by the core rule, and a rebuilt index gives the same answers.
#[test]
fn a_bulk_import_is_indexed_as_a_scan_would_find_it() {
    let (d, mut ws) = sample();
    let places = [
        "信阳", "固始", "光山", "罗山", "商城", "新县", "潢川", "息县", "淮滨", "平桥",
    ];
    let words = [
        "云雾", "白鹭", "青山", "金岗", "碧水", "龙潭", "清泉", "红日", "翠峰", "长岭", "东坡",
        "南湾",
    ];
    let trades = [
        "茶业", "食品", "粮油", "畜牧", "水产", "林果", "花卉", "药材", "蜂业", "菌业", "米业",
    ];
    let mut csv = String::from("企业名称,地址\n");
    for i in 0..12_345 {
        let (p, w, t) = (places[i % 10], words[(i / 10) % 12], trades[(i / 120) % 11]);
        csv.push_str(&format!("{p}{w}{t}{i}号,{p}\n"));
    }
    let file = d.path().join("企业.csv");
    std::fs::write(&file, csv).unwrap();
    let report = ws.import(RecordKind::Enterprise, &file, false).unwrap();
    assert!(
        report.applied && report.problems.is_empty(),
        "{:?}",
        report.problems
    );
    assert_eq!(report.added.len(), 12_345);
    let mut all = vec![];
    loop {
        let page = ws
            .list(RecordKind::Enterprise, Show::Live, 5000, all.len() as u32)
            .unwrap()
            .items;
        let n = page.len();
        all.extend(page);
        if n < 5000 {
            break;
        }
    }
    assert!(all.len() > 12_345);
    let queries = [
        "光山龙潭粮油",
        "guangshanlongtanliangyou",
        "gsltly",
        "淮滨南湾菌业",
        "huaibinnanwanjunye",
        "信阳云雾茶业",
        "1234号",
        "12344号",
        "红日花卉",
    ];
    let expected = |q: &str| {
        let query = Query::new(q).unwrap();
        let mut v: Vec<(MatchKind, String)> = all
            .iter()
            .filter_map(|r| {
                match_record(&r.name, &[r.code.as_str()], &query).map(|(k, _)| (k, r.code.clone()))
            })
            .collect();
        v.sort();
        v
    };
    let before: Vec<_> = queries
        .iter()
        .map(|q| found(&ws, q, RecordKind::Enterprise))
        .collect();
    for (q, got) in queries.iter().zip(&before) {
        let want = expected(q);
        assert!(
            !want.is_empty() && want.len() < 100,
            "query {q}: {}",
            want.len()
        );
        assert_eq!(got, &want, "query {q}");
    }
    ws.reindex().unwrap();
    for (q, got) in queries.iter().zip(&before) {
        assert_eq!(
            &found(&ws, q, RecordKind::Enterprise),
            got,
            "query {q} after reindex"
        );
    }
}
