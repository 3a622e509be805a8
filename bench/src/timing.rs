//! What the api benchmarks share: each figure is `RUNS` calls in one process, warm, reported
//! as p50, p99 and max in milliseconds.

use std::time::{Duration, Instant};

use serde_json::json;

pub const RUNS: usize = 30;

/// p50, p99 and max of `RUNS` timings of `f`, in ms.
pub fn time(mut f: impl FnMut()) -> serde_json::Value {
    let mut v: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let at = |q: f64| ms(v[((v.len() - 1) as f64 * q).round() as usize]);
    json!({ "p50_ms": at(0.5), "p99_ms": at(0.99), "max_ms": at(1.0) })
}
