//! A dossier fixture close to a real one: 信阳毛尖 with its three protections, 40 users and two
//! photos drawn here (so the test needs no files and is the same on every machine).
#![allow(dead_code)] // each test binary uses part of the fixture

use std::io::Cursor;

use chrono::NaiveDate;
use image::{DynamicImage, ImageBuffer, ImageFormat, Rgb};
use terroir_dossier::{AreaView, DossierView, PhotoView, ProtectionView, UserRow, photo};

/// A landscape: sky, hills and rows of tea bushes.
pub fn landscape_png(w: u32, h: u32, hue: u8) -> Vec<u8> {
    let img = ImageBuffer::from_fn(w, h, |x, y| {
        let (fx, fy) = (x as f32 / w as f32, y as f32 / h as f32);
        let hill = 0.45 + 0.08 * (fx * 9.0).sin() + 0.05 * (fx * 23.0).cos();
        if fy < hill {
            let t = fy / hill;
            Rgb([(150.0 + 80.0 * t) as u8, (190.0 + 50.0 * t) as u8, 235])
        } else {
            let row = ((fy - hill) * 60.0 + fx * 3.0).sin() > 0.2;
            let g = if row { 120 } else { 80 };
            Rgb([40 + hue / 4, g + (fy * 60.0) as u8, 50])
        }
    });
    let mut out = Cursor::new(vec![]);
    DynamicImage::ImageRgb8(img)
        .write_to(&mut out, ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

pub const HISTORY: &str = "信阳产茶历史悠久，唐代陆羽《茶经》已将义阳郡（今信阳）列为八大茶区之一；宋代苏轼称“淮南茶，信阳第一”。清末民初，当地茶人在车云山、集云山、云雾山等地创制细、圆、光、直、多白毫的毛尖茶，1915年在巴拿马万国博览会上获得金质奖章。\n信阳地处北亚热带向暖温带过渡地带，大别山与桐柏山阻挡寒流，山间云雾多、昼夜温差大，土壤多为黄棕壤，pH 值 4.5～6.5，适宜茶树生长；茶农沿用手工炒制与“抖、带、挤、甩”等传统技艺，形成了信阳毛尖独特的品质和地方茶文化。";

pub const QUALITY: &str = "外形细秀匀直，显峰苗，色泽翠绿，白毫遍布；内质香气高爽，滋味鲜浓、回甘，汤色嫩绿明亮，叶底嫩绿匀整。理化指标按 GB/T 22737-2008 执行：水分≤6.5％，总灰分≤6.5％，水浸出物≥36.0％。";

/// A valid unified social credit code registered in 信阳 (411500).
pub fn credit_code(serial: usize) -> String {
    let first17 = format!("91411500MA{:07}", 4_400_000 + serial);
    let check = terroir_core::credit_code::check_char(&first17).unwrap();
    format!("{first17}{check}")
}

pub fn fixture() -> DossierView {
    let photos = vec![
        PhotoView {
            jpeg: photo::prepare(&landscape_png(1800, 1200, 10), "hero.png").unwrap(),
            caption: Some("浉河区车云山茶园".into()),
        },
        PhotoView {
            jpeg: photo::prepare(&landscape_png(1200, 900, 90), "tea.png").unwrap(),
            caption: Some("明前采摘的信阳毛尖鲜叶".into()),
        },
    ];
    let towns = [
        "浉河港镇",
        "董家河镇",
        "谭家河乡",
        "十三里桥乡",
        "东双河镇",
        "吴家店镇",
        "柳林乡",
        "游河乡",
        "李家寨镇",
        "新县八里畈镇",
        "光山县凉亭乡",
        "商城县长竹园乡",
    ];
    let users = (0..40)
        .map(|i| UserRow {
            name: format!(
                "信阳市{}{}有限公司",
                [
                    "浉河",
                    "平桥",
                    "车云山",
                    "文新",
                    "龙潭",
                    "蓝天",
                    "其鹏",
                    "九华山"
                ][i % 8],
                ["茶业", "茶叶", "生态茶业", "茶业发展", "农业开发"][i / 8]
            ),
            credit_code: credit_code(i),
            sample: false,
            address: format!("河南省信阳市{}{}号", towns[i % towns.len()], 10 + i),
        })
        .collect();
    DossierView {
        sample: false,
        users_note: None,
        report_period: "每年".into(),
        record_id: "0190c2a4-7b1e-7c3d-9f00-5a1b2c3d4e5f".into(),
        code: "GI-411500-0001".into(),
        name: "信阳毛尖".into(),
        category: Some("茶叶".into()),
        region: "河南省信阳市".into(),
        issuer: Some("信阳市市场监督管理局（知识产权局）".into()),
        issuer_contact: Some("0376-6200000 信阳市羊山新区新七大道".into()),
        gaps: vec![],
        profile: Some("信阳毛尖是绿茶类名茶，以信阳市所辖茶区的信阳群体种、信阳10号等茶树鲜叶为原料，按传统工艺加工而成，素有“绿茶之王”之称。".into()),
        history: Some(HISTORY.into()),
        area: AreaView {
            divisions: vec![
                "浉河区（411502）".into(),
                "平桥区（411503）".into(),
                "罗山县（411521）".into(),
                "光山县（411522）".into(),
                "新县（411523）".into(),
                "商城县（411524）".into(),
                "固始县（411525）".into(),
                "潢川县（411526）".into(),
            ],
            places: towns.iter().map(|s| s.to_string()).collect(),
            description: Some("信阳市现辖行政区域内 128 个产茶乡镇和 10 个国有茶场。".into()),
            centre: Some((114.0913, 32.1470)),
        },
        quality: Some(QUALITY.into()),
        protections: vec![
            ProtectionView::ProductApproval {
                announcement_no: "国家质检总局公告2002年第87号".into(),
                announced_on: NaiveDate::from_ymd_opt(2002, 9, 17),
                standard_no: Some("GB/T 22737-2008".into()),
            },
            ProtectionView::GiTrademark {
                collective: false,
                mark: "信阳毛尖".into(),
                reg_no: "3047772".into(),
                classes: vec![30],
                registrant: Some("信阳市茶叶协会".into()),
                registered_on: None,
                standing: "未录注册日期".into(),
            },
            ProtectionView::AgriculturalGi {
                certificate_no: "AGI03182".into(),
                registered_on: NaiveDate::from_ymd_opt(2020, 12, 1),
            },
        ],
        users,
        contact: Some("信阳市市场监督管理局知识产权科 · 电话 0376-6200000 · 河南省信阳市羊山新区新七大道".into()),
        photos,
        qr_text: "地标品牌库核验：信阳毛尖 GI-411500-0001 记录 0190c2a4-7b1e-7c3d-9f00-5a1b2c3d4e5f".into(),
        printed_on: NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        audit_head: "9f2c4e1a7b3d5f60112233445566778899aabbccddeeff001122334455667788".into(),
    }
}
