//! What the desktop asks for its first screen (the overview), timed in Rust on a workspace:
//! `workspace_info`, `overview`, `attention`, `deadlines 90d`, `list_backups`, each the way the
//! Tauri command calls it, on one open workspace. The app's own marks (bench/coldstart.sh) add
//! the WebView's start and the first paint to this.
//! Usage: startup-bench WORKSPACE_DB [RUNS]   (default 5)
use std::path::PathBuf;
use std::time::Instant;

use terroir_api::Workspace;

fn main() {
    let mut args = std::env::args().skip(1);
    let db = PathBuf::from(
        args.next()
            .expect("usage: startup-bench WORKSPACE_DB [RUNS]"),
    );
    let runs: usize = args
        .next()
        .map_or(5, |r| r.parse().expect("RUNS is a number"));
    for run in 1..=runs {
        let t = Instant::now();
        let mut ws = Workspace::open(&db, "bench").expect("open the workspace");
        let mut line = vec![format!("open {:.0}", ms(t))];
        let mut time = |name: &str, f: &mut dyn FnMut(&mut Workspace)| {
            let t = Instant::now();
            f(&mut ws);
            line.push(format!("{name} {:.0}", ms(t)));
        };
        time("workspace_info", &mut |ws| drop(ws.info().unwrap()));
        time("overview", &mut |ws| drop(ws.overview().unwrap()));
        time("attention", &mut |ws| drop(ws.attention().unwrap()));
        time("deadlines", &mut |ws| drop(ws.deadlines("90d").unwrap()));
        time("list_backups", &mut |ws| drop(ws.list_backups().unwrap()));
        println!("run {run} (ms): {}", line.join(", "));
    }
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}
