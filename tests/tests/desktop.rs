//! The desktop app driven through WebDriver in a real window under Xvfb.
//!
//! Needs `TERROIR_DESKTOP_BIN` (the app built with the UI embedded) and `tauri-driver` and
//! `WebKitWebDriver` on PATH; run by `make e2e`. Screenshots of each screen go to
//! `target/e2e-screenshots/`.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};

type R<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// The day the app takes as today (`TERROIR_TODAY`): the journey reads the same on any day.
const TODAY: &str = "2026-11-28";

/// A child process stopped with SIGTERM when dropped (SIGKILL would orphan WebKitWebDriver).
struct Guard(Child);
impl Drop for Guard {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.0.id().to_string())
            .status();
        for _ in 0..50 {
            if matches!(self.0.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The app's documents folder under test (`TERROIR_DOCUMENTS`): beside the workspace.
fn documents(db: &Path) -> PathBuf {
    db.parent().unwrap().join("文档")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start_xvfb(dir: &Path) -> (Guard, String) {
    let f = dir.join("display");
    let out = std::fs::File::create(&f).unwrap();
    let child = Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "1366x768x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(out)
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb (apt-get install xvfb)");
    let guard = Guard(child);
    for _ in 0..100 {
        let d = std::fs::read_to_string(&f).unwrap_or_default();
        if d.ends_with('\n') {
            return (guard, format!(":{}", d.trim()));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("Xvfb did not report a display");
}

struct App {
    c: Client,
    shots: PathBuf,
    _driver: Guard,
    _xvfb: Guard,
}

impl App {
    async fn start(db: &Path, dir: &Path) -> R<App> {
        let bin = std::env::var("TERROIR_DESKTOP_BIN")
            .expect("TERROIR_DESKTOP_BIN: the desktop binary built with the UI");
        let (xvfb, display) = start_xvfb(dir);
        let (port, native) = (free_port(), free_port());
        let driver = Guard(
            Command::new("tauri-driver")
                .args([
                    "--port",
                    &port.to_string(),
                    "--native-port",
                    &native.to_string(),
                ])
                .env("DISPLAY", &display)
                .env("TERROIR_DB", db)
                .env("TERROIR_NO_VIEWER", "1")
                .env("TERROIR_DOCUMENTS", documents(db))
                .env("TERROIR_ACTOR", "张科员")
                .env("TERROIR_TODAY", TODAY)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("tauri-driver (cargo install tauri-driver)"),
        );
        let caps: serde_json::Map<String, serde_json::Value> =
            serde_json::from_value(serde_json::json!({
                "browserName": "wry",
                "tauri:options": { "application": bin }
            }))?;
        let mut last = None;
        for _ in 0..60 {
            match tokio::time::timeout(
                Duration::from_secs(20),
                ClientBuilder::native()
                    .capabilities(caps.clone())
                    .connect(&format!("http://127.0.0.1:{port}")),
            )
            .await
            {
                Ok(Ok(c)) => {
                    let shots =
                        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/e2e-screenshots");
                    let _ = std::fs::remove_dir_all(&shots);
                    std::fs::create_dir_all(&shots)?;
                    return Ok(App {
                        c,
                        shots,
                        _driver: driver,
                        _xvfb: xvfb,
                    });
                }
                Ok(Err(e)) => last = Some(e.to_string()),
                Err(_) => last = Some("timeout".into()),
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
        Err(format!("could not connect to tauri-driver: {last:?}").into())
    }

    fn css(id: &str) -> String {
        format!("[data-testid='{id}']")
    }

    async fn el(&self, id: &str) -> R<fantoccini::elements::Element> {
        Ok(self
            .c
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(&Self::css(id)))
            .await?)
    }

    /// Click, waiting out overlays that are still fading (a dialog closing).
    async fn click(&self, id: &str) -> R {
        let mut last = None;
        for _ in 0..25 {
            match self.el(id).await?.click().await {
                Ok(_) => return Ok(()),
                Err(e) => last = Some(e),
            }
            // Below the fold, under the form's bottom bar: bring it to the middle first.
            let js = format!(
                "document.querySelector(\"{}\")?.scrollIntoView({{block: 'center'}})",
                Self::css(id)
            );
            self.c.execute(&js, vec![]).await?;
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        Err(format!("{id}: {last:?}").into())
    }

    /// Confirm a dialog and wait for it to close. A click that lands while the dialog is still
    /// animating in is lost without an error, so it is repeated until the dialog goes (or shows
    /// an error, which the caller's next wait reports).
    async fn confirm(&self) -> R {
        let open = "return document.querySelectorAll(\"[data-testid='btn-confirm']\").length";
        for _ in 0..3 {
            self.click("btn-confirm").await?;
            for _ in 0..12 {
                tokio::time::sleep(Duration::from_millis(250)).await;
                if self.c.execute(open, vec![]).await?.as_u64() == Some(0) {
                    return Ok(());
                }
            }
            let errors = "return document.querySelectorAll(\".n-modal [data-testid^='error-'], .n-modal .n-alert--error-type\").length";
            if self.c.execute(errors, vec![]).await?.as_u64().unwrap_or(0) > 0 {
                return Ok(());
            }
        }
        Ok(())
    }

    async fn type_in(&self, id: &str, text: &str) -> R {
        self.click(id).await?;
        let e = self.el(id).await?;
        // Select all and delete through key events, which Vue's v-model sees (clear() does not).
        e.send_keys("\u{E009}a\u{E000}\u{E003}").await?;
        e.send_keys(text).await?;
        Ok(())
    }

    /// Wait until an element with this test id (any of them, e.g. during a page transition)
    /// shows text containing `want`.
    async fn wait_text(&self, id: &str, want: &str) -> R<String> {
        let js = format!(
            "return [...document.querySelectorAll(\"{}\")].map(e => e.innerText).join(' | ')",
            Self::css(id)
        );
        let mut last = String::new();
        for _ in 0..60 {
            last = self
                .c
                .execute(&js, vec![])
                .await?
                .as_str()
                .unwrap_or_default()
                .to_owned();
            if last.contains(want) {
                return Ok(last);
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        Err(format!("{id}: wanted text containing {want:?}, last saw {last:?}").into())
    }

    /// Pick an option of a filterable select: open it, type to filter, take the first match.
    async fn choose(&self, id: &str, text: &str) -> R {
        self.click(id).await?;
        let input = self
            .c
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(&format!("{} input", Self::css(id))))
            .await?;
        input.send_keys(text).await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        input.send_keys("\u{E007}").await?;
        Ok(())
    }

    async fn tab(&self, name: &str) -> R {
        let sel = format!(".n-tabs-tab[data-name='{name}']");
        self.c
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(&sel))
            .await?
            .click()
            .await?;
        Ok(())
    }

    /// Screenshot the window, then check what it shows: no temporary path and no raw field
    /// key (`paid_on`, `provincial_review`) on any screen a clerk sees.
    async fn shot(&self, name: &str) -> R {
        tokio::time::sleep(Duration::from_millis(400)).await;
        let png = self.c.screenshot().await?;
        std::fs::write(self.shots.join(format!("{name}.png")), png)?;
        if name != "failure" {
            let text = self
                .c
                .execute("return document.body.innerText", vec![])
                .await?
                .as_str()
                .unwrap_or_default()
                .to_owned();
            if let Some(bad) = shown_internals(&text) {
                return Err(format!("{name}: the screen shows {bad:?}").into());
            }
        }
        Ok(())
    }

    async fn goto(&self, hash: &str) -> R {
        self.c
            .execute(&format!("window.location.hash = '{hash}'"), vec![])
            .await?;
        Ok(())
    }
}

/// A temporary path or a snake_case key in what the screen shows, if any.
fn shown_internals(text: &str) -> Option<String> {
    // A path that starts in a temporary folder (not one that merely has `tmp` in it).
    for temp in ["/tmp/", "\\Temp\\", "/var/folders/"] {
        for (at, _) in text.match_indices(temp) {
            let starts = text[..at]
                .chars()
                .last()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '.' || c == '_'));
            if starts {
                let end = text[at..]
                    .find(char::is_whitespace)
                    .map_or(text.len(), |e| at + e);
                return Some(text[at..end].to_owned());
            }
        }
    }
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .find(|w| {
            let parts: Vec<&str> = w.split('_').collect();
            parts.len() > 1
                && parts
                    .iter()
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_lowercase()))
        })
        .map(str::to_owned)
}

#[test]
fn internals_on_screen_are_found() {
    assert_eq!(
        shown_internals("改动：paid_on → 2026"),
        Some("paid_on".into())
    );
    assert_eq!(
        shown_internals("文件在 /tmp/x/a.pdf 中"),
        Some("/tmp/x/a.pdf".into())
    );
    assert_eq!(shown_internals("GI-0001 信阳毛尖 Print_All 2026"), None);
    assert_eq!(
        shown_internals("数据在 /srv/target/tmp/县局/terroir.db"),
        None
    );
}

fn credit_code(first17: &str) -> String {
    let alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    let w = [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ];
    let sum: usize = first17
        .chars()
        .zip(w)
        .map(|(c, w)| alphabet.find(c).unwrap() * w)
        .sum();
    let check = alphabet.chars().nth((31 - sum % 31) % 31).unwrap();
    format!("{first17}{check}")
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "needs the built desktop app, Xvfb and tauri-driver: run with `make e2e`"]
async fn desktop_journey() -> R {
    // Not under /tmp: the screens may show where the workspace lives (Settings), never a
    // temporary folder, and the check in `shot` holds that.
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR"))?;
    let db = dir.path().join("县局").join("terroir.db");
    let app = App::start(&db, dir.path()).await?;
    let r = journey(&app, &db).await;
    if r.is_err() {
        let _ = app.shot("failure").await;
    }
    let _ = app.c.clone().close().await;
    r
}

async fn journey(app: &App, db: &Path) -> R {
    // First start: the sample workspace is created and the overview shows it, in Chinese (a
    // run that failed in English leaves the web view's stored language behind: switch back).
    let title = app.el("page-title").await?;
    for _ in 0..60 {
        let t = title.text().await?;
        if t.contains("Overview") {
            app.click("lang-switch").await?;
            break;
        } else if t.contains("概览") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    app.wait_text("page-title", "概览").await?;
    app.shot("01-overview-zh").await?;

    // An enterprise with a wrong credit code: the field says what is wrong, in Chinese.
    app.click("nav-enterprise").await?;
    app.wait_text("page-title", "企业").await?;
    app.shot("02-enterprises-zh").await?;
    // Naive UI's run-time styles survive the CSP of the release build: a button is styled.
    let cursor = app
        .c
        .execute(r#"const b = document.querySelector("[data-testid='btn-new']"); return b ? getComputedStyle(b).cursor : 'none'"#, vec![])
        .await?;
    assert_eq!(
        cursor,
        serde_json::json!("pointer"),
        "Naive UI styles are applied (CSP)"
    );
    let font = app
        .c
        .execute("return getComputedStyle(document.body).fontFamily", vec![])
        .await?;
    assert!(
        font.as_str().unwrap_or("").contains("Noto Sans SC"),
        "the shipped CJK font is used: {font}"
    );

    app.click("btn-new").await?;
    app.type_in("field-name", "新县茶厂").await?;
    let good = credit_code("91411523MA49HK005");
    let bad = format!(
        "{}{}",
        &good[..17],
        if good.ends_with('0') { '1' } else { '0' }
    );
    app.type_in("field-credit_code", &bad).await?;
    app.click("btn-save").await?;
    let err = app.wait_text("error-credit_code", "校验码").await?;
    assert!(
        err.contains(&good[17..]),
        "the message names the right check character: {err}"
    );
    app.shot("03-enterprise-credit-code-error").await?;
    // Typed input is kept; correct the code and save.
    let typed = app.el("field-name").await?.prop("value").await?;
    assert_eq!(typed.as_deref(), Some("新县茶厂"));
    app.type_in("field-credit_code", &good.to_lowercase())
        .await?;
    app.click("btn-save").await?;
    app.wait_text("page-title", "新县茶厂").await?;
    app.shot("04-enterprise-saved").await?;
    app.tab("history").await?;
    app.wait_text("audit-table", "张科员").await?;
    app.shot("05-enterprise-history").await?;

    // Edit the address, then restore the earlier value from the history.
    app.click("btn-edit").await?;
    app.type_in("field-address", "新县新集镇").await?;
    app.click("btn-save").await?;
    app.wait_text("page-title", "新县茶厂").await?;
    app.tab("history").await?;
    let restore_buttons = app
        .c
        .find_all(Locator::Css("[data-testid^='restore-']"))
        .await?;
    assert!(
        !restore_buttons.is_empty(),
        "the earlier value can be restored"
    );
    restore_buttons[0].click().await?;
    app.type_in("field-reason", "误改地址").await?;
    app.confirm().await?;
    tokio::time::sleep(Duration::from_millis(800)).await;
    app.tab("basic").await?;
    let page = app
        .c
        .find(Locator::Css("[data-testid='facts']"))
        .await?
        .text()
        .await?;
    assert!(
        !page.contains("新县新集镇"),
        "the address is back to its earlier (empty) value: {page}"
    );
    app.tab("history").await?;
    app.wait_text("audit-table", "误改地址").await?;

    // Search: pinyin initials find 信阳毛尖.
    app.type_in("global-search", "xymj").await?;
    app.click("search-hit-GI-0001").await?;
    app.wait_text("page-title", "信阳毛尖").await?;
    app.shot("06-gi-detail").await?;
    app.tab("protections").await?;
    app.shot("07-gi-protections").await?;

    // A first print asks for the issuer and its contact, and leads to the Print page's
    // settings; with them saved, the check before a batch lists the products that lack
    // something (the sample has no photos: all six).
    app.click("btn-print-dossier").await?;
    app.wait_text("dossier-refused", "发布单位联系方式").await?;
    app.shot("07a-gi-dossier-needs-settings").await?;
    app.click("btn-print-settings").await?;
    app.wait_text("settings-first", "发布单位").await?;
    app.click("btn-to-settings").await?;
    app.type_in("field-issuer", "信阳市市场监督管理局（知识产权局）")
        .await?;
    app.type_in("field-issuer_contact", "0376-6200000").await?;
    app.click("btn-save-settings").await?;
    app.wait_text("incomplete", "6 个产品信息不全").await?;
    app.click("btn-show-gaps").await?;
    app.wait_text("incomplete-GI-0003", "尚未填写").await?;
    app.shot("07c-print-page").await?;
    app.goto("#/record/gi/GI-0001").await?;
    app.wait_text("page-title", "信阳毛尖").await?;

    // Print the dossier: a PDF in the documents folder's 地标品牌库/推介资料, named (no path
    // shown; no viewer under test, so the notice says so and offers to open it).
    app.click("btn-print-dossier").await?;
    app.wait_text("dossier-file", "GI-0001-信阳毛尖.pdf")
        .await?;
    app.wait_text("dossier-not-opened", "打开").await?;
    let page = app.c.find(Locator::Css("main")).await?.text().await?;
    assert!(!page.contains("/tmp"), "a path is shown: {page}");
    app.click("dossier-open-folder").await?;
    let pdf = documents(db).join("地标品牌库/推介资料/GI-0001-信阳毛尖.pdf");
    let bytes = std::fs::read(&pdf)?;
    assert!(
        bytes.starts_with(b"%PDF-") && bytes.len() > 20_000,
        "{}",
        pdf.display()
    );
    app.shot("07b-gi-dossier-printed").await?;

    // An authorised user from application to approval.
    app.goto("#/record/user/USR-0002").await?;
    app.wait_text("user-stage", "申请").await?;
    app.tab("flow").await?;
    app.click("step-first_review").await?;
    app.type_in("field-on", "2026-10-20").await?;
    app.type_in("field-onsite_check_on", "2026-10-18").await?;
    app.confirm().await?;
    app.wait_text("user-stage", "初审").await?;
    app.click("step-provincial_review").await?;
    app.type_in("field-on", "2026-11-02").await?;
    app.confirm().await?;
    app.wait_text("user-stage", "省级").await?;
    app.click("step-approve").await?;
    app.type_in("field-announcement_no", "国家知识产权局公告第700号")
        .await?;
    app.type_in("field-announced_on", "2026-11-20").await?;
    app.confirm().await?;
    app.wait_text("user-stage", "核准").await?;
    app.shot("08-user-approved").await?;

    workbench(app, db).await?;

    // Trademarks with their standing; deadlines; history; settings.
    app.click("nav-trademark").await?;
    app.wait_text("page-title", "商标").await?;
    app.shot("09-trademarks").await?;
    // Lists sort by a header click (Rust orders), and filter by division, status, kind and
    // expiry.
    app.click("sort-expires_on").await?;
    app.wait_text("sort-expires_on", "▲").await?;
    app.el("expiry-filter").await?;
    app.el("division-filter").await?;
    // A renewal is an application: filed, the mark is under examination (not a deadline, not
    // yet renewed); approved with its announcement, the next term starts.
    app.goto("#/record/trademark/TM-0002").await?;
    app.tab("rights").await?;
    app.click("event-renew").await?;
    app.confirm().await?;
    app.wait_text("tm-standing-tab", "续展审查中").await?;
    app.wait_text("renewal-pending", "审查中").await?;
    app.click("event-approve_renewal").await?;
    app.confirm().await?;
    // Without its announcement number the approval is refused, naming the field.
    app.wait_text("error-announcement_no", "必填").await?;
    app.type_in("field-announcement_no", "第2001期").await?;
    app.confirm().await?;
    app.wait_text("tm-standing-tab", "有效").await?;
    app.wait_text("tm-expires", "2036").await?;
    app.shot("09a-trademark-renewed").await?;
    app.click("nav-trademark").await?;
    app.wait_text("page-title", "商标").await?;
    // The deadlines: the horizon drives the list, and both exports are offered (their files
    // are checked in crates/api/tests/reminders.rs; a native save dialog is not driven here).
    app.click("btn-deadlines").await?;
    app.wait_text("page-title", "期限").await?;
    app.wait_text("btn-export-ics", "导出到日历").await?;
    app.wait_text("btn-export-deadlines", "导出表格").await?;
    // One letter per deadline, printed into the documents folder and named.
    app.click("btn-print-letters").await?;
    app.wait_text("letters-file", "提醒函-").await?;
    let letters = std::fs::read_dir(documents(db).join("地标品牌库/提醒函"))?
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().ends_with(".pdf"))
        .ok_or("no letters printed")?;
    assert!(std::fs::read(letters.path())?.starts_with(b"%PDF-"));
    app.shot("09b-deadlines").await?;
    app.click("nav-history").await?;
    // The history reads in words: the renewal as a step with its facts, never a raw key.
    let history = app.wait_text("audit-table", "续展：").await?;
    for raw in [
        "renewals",
        "provincial_review",
        "paid_on",
        "steps",
        "state",
        "decision",
        "total",
        " by ",
    ] {
        assert!(
            !history.contains(raw),
            "raw key {raw} in the history: {history}"
        );
    }
    app.wait_text("history-filters", "").await?;
    app.shot("10-history").await?;
    app.click("nav-settings").await?;
    // How often users report is the bureau's setting (yearly, 90 days, until changed).
    app.wait_text("report-schedule", "使用情况报告").await?;
    // The day's automatic backup was made at start, off the main thread; the sample data may
    // be removed from here.
    app.wait_text("backups", "terroir-").await?;
    app.wait_text("backup-settings", "自动备份").await?;
    app.wait_text("sample-card", "示例记录").await?;
    // The check reads every record again by today's rules, off the main thread.
    app.click("btn-check").await?;
    app.wait_text("check-result", "检查通过").await?;
    app.shot("11-settings").await?;
    // The working-day calendar: the shipped years, and next year flagged as not entered.
    app.wait_text(
        "calendar-2026",
        "国务院办公厅关于2026年部分节假日安排的通知",
    )
    .await?;
    app.wait_text("calendar-next-missing", "2027 年节假日安排尚未录入")
        .await?;
    app.c
        .execute(
            "document.querySelector('[data-testid=calendar-card]').scrollIntoView()",
            vec![],
        )
        .await?;
    app.shot("11b-calendar").await?;
    // The wording check of pasted copy: each use of the words, where it is, and the rule.
    app.click("nav-wording").await?;
    app.wait_text("page-title", "用语检查").await?;
    app.type_in(
        "wording-text",
        "本品荣获驰名商标称号，欢迎选购馳 名 商 標礼盒。",
    )
    .await?;
    app.wait_text("wording-verdict", "发现 2 处").await?;
    app.wait_text("wording-findings", "第 1 行第 16 字").await?;
    app.shot("11c-wording").await?;
    cases(app).await?;
    plan(app).await?;
    app.click("nav-settings").await?;
    app.wait_text("page-title", "设置").await?;

    // Switch to English and back.
    app.click("lang-switch").await?;
    app.wait_text("page-title", "Settings").await?;
    app.click("nav-gi").await?;
    app.wait_text("page-title", "GI").await?;
    app.shot("12-gi-list-en").await?;
    app.click("nav-overview").await?;
    app.shot("13-overview-en").await?;
    app.goto("#/record/application/APP-0002").await?;
    app.wait_text("app-state", "Paid").await?;
    app.shot("14-application-paid-en").await?;
    app.click("nav-dashboard").await?;
    app.wait_text("page-title", "Dashboard").await?;
    app.wait_text("title-targets", "Plan targets").await?;
    app.shot("18-dashboard-en").await?;
    app.goto("#/ledger").await?;
    app.wait_text("ledger-table", "¥100,000.00").await?;
    app.shot("15-ledger-en").await?;
    app.click("lang-switch").await?;
    app.wait_text("page-title", "预算与台账").await?;
    Ok(())
}

/// An enforcement case from 立案 to 结案: a person as the party, the fine over the art. 60
/// limit refused with the limit shown, then decided and closed; the statistics form counts it.
async fn cases(app: &App) -> R {
    app.click("nav-case").await?;
    app.wait_text("page-title", "执法案件").await?;
    app.wait_text("row-CASE-0001", "CASE-0001").await?;
    app.shot("16-cases").await?;
    app.click("btn-new").await?;
    app.type_in("field-case_no", "固市监处〔2026〕21号").await?;
    app.choose("field-kind", "侵犯注册").await?;
    app.choose("field-source", "检查").await?;
    app.choose("field-jurisdiction", "411525").await?;
    app.type_in("field-opened_on", "2026-11-20").await?;
    app.type_in("field-turnover", "30000").await?;
    app.click("party-0-mode-person").await?;
    app.type_in("field-parties[0].name", "张某").await?;
    app.click("btn-save").await?;
    app.wait_text("page-title", "固市监处〔2026〕21号").await?;
    app.wait_text("case-state", "已立案").await?;
    app.click("step-investigate").await?;
    app.type_in("field-on", "2026-11-21").await?;
    app.type_in("field-investigator", "孙执法").await?;
    app.confirm().await?;
    app.wait_text("case-state", "调查中").await?;
    // ¥30,000 of turnover: at most ¥250,000; more is refused, the limit named under the fine.
    app.click("step-decide").await?;
    app.type_in("field-on", "2026-11-26").await?;
    app.type_in("field-number", "固市监罚〔2026〕21号").await?;
    app.type_in("field-fine", "300000").await?;
    app.click("field-order_to_stop").await?;
    app.confirm().await?;
    app.wait_text("error-fine", "¥250,000.00").await?;
    app.shot("16a-case-fine-over-limit").await?;
    app.type_in("field-fine", "50000").await?;
    app.confirm().await?;
    app.wait_text("case-state", "已决定").await?;
    app.wait_text("decision-fine", "¥50,000.00").await?;
    app.click("step-close").await?;
    app.type_in("field-on", "2026-11-27").await?;
    app.confirm().await?;
    app.wait_text("case-state", "已结案").await?;
    app.wait_text("case-steps", "孙执法").await?;
    app.shot("16b-case-closed").await?;
    // The statistics form for the year counts it: four cases opened in 2026 (three samples).
    app.click("nav-stats").await?;
    app.wait_text("page-title", "案件统计表").await?;
    app.wait_text("stats-table", "立案合计").await?;
    app.wait_text("stats-table", "250,000.00").await?;
    app.shot("16c-stats").await?;
    Ok(())
}

/// The plan: the sample's targets on the board with their progress, a target's figure traced
/// to the cases it counts (the one just closed among them), the demonstration zone's KPIs with
/// its ended preparation period.
async fn plan(app: &App) -> R {
    app.click("nav-plan").await?;
    app.wait_text("page-title", "规划目标进度").await?;
    app.wait_text("plan-TGT-0001", "质押融资").await?;
    app.shot("17-plan-board").await?;
    app.click("plan-TGT-0004").await?;
    app.wait_text("target-by-division", "固始县").await?;
    // All divisions' records first; then 固始县's alone (a row is clicked by its cell: WebKit's
    // driver does not click a table row itself).
    app.wait_text("target-counted", "CASE-0001").await?;
    app.c
        .find(Locator::Css("[data-testid='division-411525'] td"))
        .await?
        .click()
        .await?;
    app.wait_text("target-counted", "共 1 条").await?;
    app.wait_text("target-counted", "CASE-0004").await?;
    app.shot("17a-target-counted").await?;
    app.goto("#/record/zone/ZONE-0001").await?;
    app.wait_text("zone-warnings", "筹建期已届满").await?;
    app.wait_text("zone-kpis", "专用标志使用人数").await?;
    app.shot("17b-zone-kpis").await?;
    // The dashboard: every chart from one answer; the yearly report printed from it, a real PDF
    // in the documents folder.
    app.click("nav-dashboard").await?;
    app.wait_text("page-title", "数据看板").await?;
    app.wait_text("title-financing", "质押融资").await?;
    app.wait_text("title-targets", "规划目标").await?;
    app.shot("17c-dashboard").await?;
    // Hovering a chart shows its tooltip, a box ECharts places and styles inline (the CSP
    // allows inline styles and nothing else it does not need).
    {
        use fantoccini::actions::{InputSource, MouseActions, PointerAction};
        let chart = app
            .c
            .find(Locator::Css("[data-testid='chart-users'] svg"))
            .await?;
        let hover = MouseActions::new("mouse".into()).then(PointerAction::MoveToElement {
            element: chart,
            duration: None,
            x: 40.0,
            y: 0.0,
        });
        app.c.perform_actions(hover).await?;
        let js = "const c = document.querySelector(\"[data-testid='chart-users']\"); \
                  const t = [...c.querySelectorAll('div')].find(d => d.style.position === 'absolute' \
                    && d.style.display !== 'none' && d.textContent.includes('使用中')); \
                  return t ? t.textContent : '';";
        let mut seen = String::new();
        for _ in 0..25 {
            seen = app
                .c
                .execute(js, vec![])
                .await?
                .as_str()
                .unwrap_or_default()
                .to_owned();
            if seen.contains("使用中") {
                break;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        if !seen.contains("使用中") {
            return Err(format!("no tooltip on the users' chart: {seen:?}").into());
        }
        app.shot("17d-dashboard-tooltip").await?;
    }
    app.click("btn-print-report").await?;
    app.wait_text("dashboard-file", "年度工作报告").await?;
    Ok(())
}

/// The enterprise workbench: an award application from draft to paid within the budget, a
/// rejection with its reason, the rules list, a candidate's evidence, readiness and catalogue.
async fn workbench(app: &App, db: &Path) -> R {
    use terroir_api::core::RecordKind;
    use terroir_api::core::chrono::Datelike;
    // A Xinyang rule, this year's budget and a draft application, entered through the api on a
    // second connection while the window is open (as another clerk's machine would).
    {
        let mut ws = terroir_api::Workspace::open(db, "王科长")?;
        ws.set_today(Some(TODAY.parse()?));
        let year = ws.today().year();
        ws.add(
            RecordKind::IncentiveRule,
            serde_json::json!({
                "title": "地理标志商标注册奖励", "item": "gi_trademark", "amount": "100000",
                "jurisdiction": "411500", "policy_no": "信政〔2026〕8号",
                "valid_from": format!("{year}-01-01"),
            }),
        )?;
        ws.set_budget("411500", year, "500000", None)?;
        ws.add(
            RecordKind::Trademark,
            serde_json::json!({
                "reg_no": "90000101", "name": "罗山茶（示例）", "classes": ["30"],
                "registrant": "罗山县茶业有限公司（示例）", "kind": "collective", "gi": true,
                "registered_on": format!("{year}-01-01"),
            }),
        )?;
        ws.add(
            RecordKind::Application,
            serde_json::json!({
                "kind": "award", "enterprise": "罗山县茶业有限公司（示例）",
                "title": "地理标志商标注册奖励申请",
                "claims": [{ "item": "gi_trademark", "achieved_on": format!("{year}-01-01"), "proof": "90000101" }],
            }),
        )?;
    }
    // The overview's work queue: applications per state, each a link to the list in that state.
    app.goto("#/overview").await?;
    app.wait_text("queue-draft", "1").await?;
    app.click("queue-submitted").await?;
    app.wait_text("page-title", "申请").await?;
    app.wait_text("list-count", "共 1 条").await?;
    app.wait_text("row-APP-0001", "APP-0001").await?;
    app.shot("20-applications").await?;

    app.goto("#/record/application/APP-0002").await?;
    app.wait_text("app-state", "草稿").await?;
    app.click("step-submit").await?;
    app.confirm().await?;
    app.wait_text("app-state", "已提交").await?;
    app.click("step-start_review").await?;
    app.type_in("field-reviewer", "王科长").await?;
    app.confirm().await?;
    app.wait_text("app-state", "审核中").await?;
    app.wait_text("eligibility-due", "¥100,000.00").await?;
    app.shot("21-application-review").await?;
    app.click("step-approve").await?;
    app.confirm().await?;
    app.wait_text("app-state", "已核准").await?;
    app.wait_text("award-total", "¥100,000.00").await?;
    app.click("step-pay").await?;
    app.type_in("field-voucher", "信财付〔2026〕77号").await?;
    app.confirm().await?;
    app.wait_text("app-state", "已拨付").await?;
    app.shot("22-application-paid").await?;
    // The approval form to sign, printed into the documents folder.
    app.click("btn-print-form").await?;
    app.wait_text("form-file", "APP-0002").await?;
    let form = documents(db).join("地标品牌库/审批表");
    assert!(
        std::fs::read_dir(&form)?
            .filter_map(|e| e.ok())
            .any(|e| e.file_name().to_string_lossy().ends_with(".pdf")),
        "no approval form in {}",
        form.display()
    );

    app.click("nav-ledger").await?;
    app.wait_text("ledger-table", "¥400,000.00").await?;
    app.wait_text("ledger-entries", "APP-0002").await?;
    // The ledger exports as a sheet (the save dialog is native: crates/api/tests covers the
    // file).
    app.wait_text("btn-export-ledger", "导出").await?;
    app.shot("23-ledger").await?;

    // The sample guidance request, rejected: the reason is required and then shown.
    app.goto("#/record/application/APP-0001").await?;
    app.wait_text("app-state", "已提交").await?;
    app.click("step-reject").await?;
    app.type_in("field-reason", "材料不全，请补充近三年审计报告")
        .await?;
    app.confirm().await?;
    app.wait_text("app-state", "已驳回").await?;
    app.wait_text("app-rejection", "材料不全，请补充近三年审计报告")
        .await?;
    app.shot("24-application-rejected").await?;
    // 退回补正: back to the applicant as a draft, the rejection kept in its history.
    app.click("step-return").await?;
    app.type_in("field-reason", "请补交近三年审计报告后重新提交")
        .await?;
    app.confirm().await?;
    app.wait_text("app-state", "草稿").await?;
    app.wait_text("app-steps", "已退回补正").await?;
    app.wait_text("app-steps", "已驳回").await?;
    app.shot("24b-application-returned").await?;

    app.click("nav-incentive_rule").await?;
    app.wait_text("page-title", "奖励规则").await?;
    // Money listed is totalled over the whole list, by Rust.
    app.wait_text("list-totals", "¥").await?;
    app.shot("25-rules").await?;

    app.goto("#/record/candidate/WKM-0001").await?;
    app.tab("evidence").await?;
    app.shot("26-candidate-evidence").await?;
    // Row actions in a menu, 删除 apart and red.
    app.click("btn-actions-1").await?;
    app.el("btn-remove-evidence-1").await?;
    app.shot("26b-evidence-row-menu").await?;
    app.click("btn-actions-1").await?;
    app.tab("readiness").await?;
    app.wait_text("readiness-level", "部分").await?;
    // No proceeding date entered: the screen says it counted back from today.
    app.wait_text("readiness-reference", "今天").await?;
    app.click("btn-print-catalogue").await?;
    app.wait_text("catalogue-file", "证据目录").await?;
    let dir = documents(db).join("地标品牌库/证据目录");
    let pdf = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().contains("证据目录"))
        .map(|e| e.path())
        .ok_or("no catalogue printed")?;
    assert!(std::fs::read(&pdf)?.starts_with(b"%PDF-"));
    app.shot("27-candidate-readiness").await?;
    Ok(())
}
