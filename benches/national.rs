//! The national annual run at scales 1, 10 and 100 (SPEC §8, issue "Speed
//! and scale").
//!
//! `cargo bench --bench national` writes the synthetic national year-end
//! inbox (`thidua demo --period 2022`: every block and cluster's score
//! sheets, eligibility, tally and meeting details, the provinces' scoring
//! of the central units, this year's and last year's indicators; ×N copies
//! in subfolders, as repeated reporting rounds), then for each scale:
//!
//! - runs the release binary on it at least 5 times and reports the median
//!   wall time, input workbooks per second, Word documents per second and
//!   the peak resident memory of the run (read by the binary itself from
//!   /proc when THIDUA_STATS=1);
//! - measures the floor: calamine alone opening every workbook and reading
//!   every sheet, in parallel on the same cores, median of 5 — and prints
//!   the ratio of the full run to it.
//!
//! The last three columns split the run as the binary itself times it
//! (THIDUA_STATS=1): reading the inbox with evaluating it, and writing the
//! dossier; and the reading part against the floor.
//!
//! THIDUA_BENCH_SCALES="1,10" chooses the scales; THIDUA_BENCH_RUNS the
//! number of runs (default 5).

use calamine::Reader;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Wall seconds, peak RSS in kB, and the run's own (read + evaluate, write) seconds.
fn run_once(bin: &str, inbox: &Path, out: &Path) -> (f64, Option<u64>, (f64, f64)) {
    let _ = std::fs::remove_dir_all(out);
    let t = Instant::now();
    let o = Command::new(bin)
        .args(["run", inbox.to_str().unwrap(), "--period", "2022", "--quiet", "--out", out.to_str().unwrap()])
        .env("THIDUA_STATS", "1")
        .output()
        .expect("run thidua");
    let secs = t.elapsed().as_secs_f64();
    assert!(
        o.status.code().unwrap_or(9) <= 1,
        "thidua failed: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let err = String::from_utf8_lossy(&o.stderr);
    let peak = err.lines().find_map(|l| l.strip_prefix("thidua-stats peak_rss_kb=").and_then(|v| v.trim().parse().ok()));
    let split = err
        .lines()
        .find_map(|l| {
            let rest = l.strip_prefix("thidua-stats read_evaluate_s=")?;
            let (read, write) = rest.split_once(" write_s=")?;
            Some((read.trim().parse().ok()?, write.trim().parse().ok()?))
        })
        .unwrap_or((0.0, 0.0));
    (secs, peak, split)
}

fn files_under(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == ext) {
                out.push(p);
            }
        }
    }
    out
}

/// calamine alone: open each workbook and read every sheet's cells.
fn floor_once(files: &[PathBuf]) -> f64 {
    let t = Instant::now();
    let cells: usize = files
        .par_iter()
        .map(|p| {
            let bytes = std::fs::read(p).unwrap();
            let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
            let names = wb.sheet_names().to_vec();
            names.iter().map(|n| wb.worksheet_range(n).map(|r| r.used_cells().count()).unwrap_or(0)).sum::<usize>()
        })
        .sum();
    assert!(cells > 0);
    t.elapsed().as_secs_f64()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn main() {
    let bin = env!("CARGO_BIN_EXE_thidua");
    let scales: Vec<u32> = std::env::var("THIDUA_BENCH_SCALES")
        .unwrap_or_else(|_| "1,10,100".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let runs: usize = std::env::var("THIDUA_BENCH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(5).max(5);
    println!("national annual run (thidua demo --period 2022), median of {runs} runs, {} threads", rayon::current_num_threads());
    println!(
        "{:>6} {:>10} {:>6} {:>10} {:>12} {:>9} {:>10} {:>10} {:>7} {:>10} {:>8} {:>8} {:>11}",
        "scale",
        "workbooks",
        "docs",
        "median s",
        "workbooks/s",
        "docs/s",
        "peak MB",
        "floor s",
        "ratio",
        "vs scale1",
        "read s",
        "write s",
        "read/floor"
    );
    let mut base: Option<f64> = None;
    for scale in scales {
        let dir = tempfile::tempdir().unwrap();
        let inbox = dir.path().join("inbox");
        let files =
            thidua::demo::annual::generate_annual(&inbox, 2022, &thidua::demo::annual::AnnualScope::National, "thidua", scale).unwrap();
        let out = dir.path().join("out");
        // One warm-up run (file cache), then the measured ones.
        let _ = run_once(bin, &inbox, &out);
        let mut times = Vec::new();
        let (mut reads, mut writes) = (Vec::new(), Vec::new());
        let mut peak = 0;
        for _ in 0..runs {
            let (s, p, (r, w)) = run_once(bin, &inbox, &out);
            times.push(s);
            reads.push(r);
            writes.push(w);
            peak = peak.max(p.unwrap_or(0));
        }
        let (read, write) = (median(reads), median(writes));
        let docs = files_under(&out, "docx").len();
        let wall = median(times);
        let floor = median((0..runs).map(|_| floor_once(&files)).collect());
        let vs = base.map(|b| format!("{:.1}×", wall / b)).unwrap_or_else(|| "1.0×".into());
        base.get_or_insert(wall);
        println!(
            "{scale:>6} {:>10} {docs:>6} {wall:>10.3} {:>12.0} {:>9.0} {:>10.1} {floor:>10.3} {:>7.2} {vs:>10} {read:>8.3} {write:>8.3} {:>11.2}",
            files.len(),
            files.len() as f64 / wall,
            docs as f64 / wall,
            peak as f64 / 1024.0,
            wall / floor,
            read / floor
        );
    }
}
