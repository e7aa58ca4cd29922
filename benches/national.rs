//! The national quarterly run at scales 1, 10 and 100 (SPEC §8).
//!
//! `cargo bench --bench national` generates a synthetic national inbox
//! (`thidua demo`: 54 workbooks for the 63 provinces, ×N copies), runs the
//! release binary on it three times, and reports the best wall time, the
//! throughput in workbooks per second and the peak resident memory of the
//! run (read by the binary itself from /proc when THIDUA_STATS=1).
//! Set THIDUA_BENCH_SCALES="1,10" to choose the scales.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn run_once(bin: &str, inbox: &Path, out: &Path) -> (f64, Option<u64>) {
    let t = Instant::now();
    let o = Command::new(bin)
        .args(["run", inbox.to_str().unwrap(), "--period", "2022-Q3", "--quiet", "--out", out.to_str().unwrap()])
        .env("THIDUA_STATS", "1")
        .output()
        .expect("run thidua");
    let secs = t.elapsed().as_secs_f64();
    assert!(o.status.code().unwrap_or(9) <= 1, "thidua failed: {}", String::from_utf8_lossy(&o.stderr));
    let peak = String::from_utf8_lossy(&o.stderr)
        .lines()
        .find_map(|l| l.strip_prefix("thidua-stats peak_rss_kb=").and_then(|v| v.trim().parse().ok()));
    (secs, peak)
}

fn main() {
    let bin = env!("CARGO_BIN_EXE_thidua");
    let scales: Vec<u32> = std::env::var("THIDUA_BENCH_SCALES")
        .unwrap_or_else(|_| "1,10,100".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    println!("{:>6} {:>10} {:>12} {:>14} {:>12}", "scale", "workbooks", "best wall s", "workbooks/s", "peak RSS MB");
    for scale in scales {
        let dir = tempfile::tempdir().unwrap();
        let inbox = dir.path().join("inbox");
        let files = thidua::demo::generate_national(&inbox, &"2022-Q3".parse().unwrap(), scale).unwrap().len();
        let mut best = f64::MAX;
        let mut peak = 0;
        for i in 0..3 {
            let (s, p) = run_once(bin, &inbox, &dir.path().join(format!("out-{i}")));
            best = best.min(s);
            peak = peak.max(p.unwrap_or(0));
        }
        println!("{scale:>6} {files:>10} {best:>12.3} {:>14.0} {:>12.1}", files as f64 / best, peak as f64 / 1024.0);
    }
}
