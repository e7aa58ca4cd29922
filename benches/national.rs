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
//! Then, when Python and the peer's packages are present, the pipeline a
//! user would write instead (`../shared/bench/python-peer/annual_peer.py`:
//! pandas with calamine, docxtpl, xlsxwriter, 2 processes) runs on the same
//! scale-1 inbox, alternating with thidua (A B C A B C …), and the ratio of
//! the medians is printed. The peer runs twice a round: as shipped (456
//! documents), and through `benches/peer_same_documents.py`, which has it
//! also write the 126 provincial council documents thidua's national run
//! writes since the peer was made (582 in all, rendered by the peer's own
//! templates and pool), so that the two sides do the same work. Printed
//! with them: `check` (reading and evaluating) against the
//! calamine floor, and the write phase (run − check) against its own
//! floor: the files the run wrote, held in memory, written again into a new
//! folder on the same cores. Each round measures the run, the peer,
//! `check` next to the calamine floor, and the write floor, so that every
//! ratio compares measurements taken under the same drift of the machine.
//!
//! THIDUA_BENCH_SCALES="1,10" chooses the scales; THIDUA_BENCH_RUNS the
//! number of runs (default 5); THIDUA_PEER the peer script's path;
//! THIDUA_BENCH_PEER=0 skips the peer.

use calamine::Reader;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Wall seconds, peak RSS in kB, and the run's own (read + evaluate, write) seconds.
///
/// Every run (thidua's and the peer's) writes into a folder of its own, and
/// the folders are removed only when the measuring is over: on a disk
/// without a journal (ext4 here), files created in the seconds after a
/// delete of hundreds of files wait while the kernel walks past every
/// inode just freed, which measured the benchmark's own cleaning, not the
/// tool (an officer's runs are minutes apart, and a re-run removes the
/// previous output after writing the new one).
fn run_once(bin: &str, inbox: &Path, out: &Path) -> (f64, Option<u64>, (f64, f64)) {
    assert!(!out.exists(), "{} is new for each run", out.display());
    warm(&files_under(inbox, ""));
    warm(&[PathBuf::from(bin)]);
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

/// Files under `dir` with the extension `ext` (every file when `ext` is empty).
fn files_under(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if ext.is_empty() || p.extension().is_some_and(|x| x == ext) {
                out.push(p);
            }
        }
    }
    out
}

/// Every file read once, untimed, before each measured command, so that
/// each starts with the inbox in the page cache. On the machines measured
/// the cache is taken back within seconds (a virtual machine's balloon: 3 %
/// of an inbox's pages gone after 20 idle seconds, `fincore`), so the
/// command after the peer's ten-second run read part of the inbox from
/// disk: in the A B C order, always thidua's run, while the peer's runs
/// came right after a read of the whole inbox. The binary is read too
/// (18 MB, idle since the last round; the peer's interpreter and
/// libraries ran a moment before).
fn warm(files: &[PathBuf]) {
    for p in files {
        std::hint::black_box(std::fs::read(p).unwrap());
    }
}

/// calamine alone: open each workbook and read every sheet's cells.
fn floor_once(files: &[PathBuf]) -> f64 {
    warm(files);
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

/// The Python peer's script, when it and its packages are there.
fn peer() -> Option<PathBuf> {
    if std::env::var("THIDUA_BENCH_PEER").is_ok_and(|v| v == "0") {
        return None;
    }
    // shared/ sits beside the main checkout, two levels up from a worktree.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = std::env::var_os("THIDUA_PEER").map(PathBuf::from).unwrap_or_else(|| {
        ["../shared", "../../shared"]
            .iter()
            .map(|s| root.join(s).join("bench/python-peer/annual_peer.py"))
            .find(|p| p.is_file())
            .unwrap_or_else(|| root.join("../shared/bench/python-peer/annual_peer.py"))
    });
    let ok = script.is_file()
        && Command::new("python3")
            .args(["-c", "import pandas, python_calamine, docxtpl, xlsxwriter"])
            .output()
            .is_ok_and(|o| o.status.success());
    if !ok {
        println!(
            "(Python peer not run: {} or its packages missing: pip install pandas python-calamine openpyxl docxtpl python-docx xlsxwriter)",
            script.display()
        );
    }
    ok.then_some(script)
}

/// One run of the peer: the shipped script, or (`same_documents`) the
/// wrapper that has it also write the provincial councils' documents
/// thidua writes (`benches/peer_same_documents.py`).
fn peer_once(script: &Path, same_documents: bool, inbox: &Path, out: &Path) -> f64 {
    assert!(!out.exists(), "{} is new for each run", out.display());
    warm(&files_under(inbox, ""));
    let mut cmd = Command::new("python3");
    if same_documents {
        cmd.arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/peer_same_documents.py"))
            .env("THIDUA_PEER_DIR", script.parent().unwrap());
    } else {
        cmd.arg(script);
    }
    let t = Instant::now();
    let o = cmd.arg(inbox).arg("--out").arg(out).current_dir(env!("CARGO_MANIFEST_DIR")).output().expect("python3 runs");
    let s = t.elapsed().as_secs_f64();
    assert!(o.status.success(), "peer failed: {}", String::from_utf8_lossy(&o.stderr));
    s
}

fn check_once(bin: &str, inbox: &Path) -> f64 {
    warm(&files_under(inbox, ""));
    warm(&[PathBuf::from(bin)]);
    let t = Instant::now();
    let o = Command::new(bin).args(["check", inbox.to_str().unwrap(), "--period", "2022"]).output().unwrap();
    assert!(o.status.code().unwrap_or(9) <= 1, "{}", String::from_utf8_lossy(&o.stderr));
    t.elapsed().as_secs_f64()
}

/// The floor of the write phase: the files a run wrote (every document,
/// the summary, the JSON, the pages, the manifest), already in memory,
/// written again into a new folder on both cores, with their folders. It
/// is what creating that many files costs on this disk, whatever made them.
fn write_floor_once(files: &[(PathBuf, Vec<u8>)], out: &Path) -> f64 {
    assert!(!out.exists(), "{} is new for each run", out.display());
    let t = Instant::now();
    files.par_iter().for_each(|(rel, bytes)| {
        let path = out.join(rel);
        if let Err(e) = std::fs::write(&path, bytes) {
            assert_eq!(e.kind(), std::io::ErrorKind::NotFound, "{e}");
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, bytes).unwrap();
        }
    });
    t.elapsed().as_secs_f64()
}

/// Every file under `dir`, by its path relative to `dir`, with its bytes.
fn read_tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<_> =
        files_under(dir, "").into_iter().map(|p| (p.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&p).unwrap())).collect();
    out.sort();
    out
}

/// thidua against the Python peer on the scale-1 national inbox, A B C A B C:
/// the peer as shipped, and the peer writing the documents thidua writes.
fn against_peer(bin: &str, script: &Path, runs: usize) {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    let files = thidua::demo::annual::generate_annual(
        thidua::registry::Registry::builtin(),
        &inbox,
        2022,
        &thidua::demo::annual::AnnualScope::National,
        "thidua",
        1,
    )
    .unwrap();
    let a_out = |i: usize| dir.path().join(format!("thidua-{i}"));
    let b_out = |i: usize| dir.path().join(format!("peer-{i}"));
    let c_out = |i: usize| dir.path().join(format!("peer-same-{i}"));
    let _ = run_once(bin, &inbox, &a_out(0));
    let _ = peer_once(script, false, &inbox, &b_out(0));
    let _ = peer_once(script, true, &inbox, &c_out(0));
    // The write floor rewrites what the warm-up run wrote.
    let written = read_tree(&a_out(0));
    // Each round measures all five side by side: the two runs, then
    // `check` and the calamine floor next to each other (in turn first),
    // then the write floor. This machine's speed drifts by a third within
    // minutes; measuring a floor only after all the runs compared a run
    // with a floor taken under another drift.
    let (mut a, mut b, mut c, mut checks, mut floors, mut write_floors) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for i in 1..=runs {
        a.push(run_once(bin, &inbox, &a_out(i)).0);
        b.push(peer_once(script, false, &inbox, &b_out(i)));
        c.push(peer_once(script, true, &inbox, &c_out(i)));
        if i % 2 == 1 {
            checks.push(check_once(bin, &inbox));
            floors.push(floor_once(&files));
        } else {
            floors.push(floor_once(&files));
            checks.push(check_once(bin, &inbox));
        }
        write_floors.push(write_floor_once(&written, &dir.path().join(format!("floor-{i}"))));
    }
    let paired: Vec<f64> = checks.iter().zip(&floors).map(|(c, f)| c / f).collect();
    let (a_out, b_out, c_out) = (a_out(runs), b_out(runs), c_out(runs));
    let (a, b, c, check, floor, write_floor) = (median(a), median(b), median(c), median(checks), median(floors), median(write_floors));
    let (docs_a, docs_b, docs_c) =
        (files_under(&a_out, "docx").len(), files_under(&b_out, "docx").len(), files_under(&c_out, "docx").len());
    println!();
    println!(
        "against the Python peer, scale 1 ({} workbooks), A B C A B C, median of {runs}, {} cores:",
        files.len(),
        rayon::current_num_threads()
    );
    println!("  thidua run      {a:>8.3} s   ({docs_a} documents)");
    println!("  Python peer     {b:>8.3} s   ({docs_b} documents)");
    println!("  ratio           {:>8.1}×  (peer ÷ thidua)", b / a);
    println!("  peer, same docs {c:>8.3} s   ({docs_c} documents: with the provincial councils' minutes and tờ trình)");
    println!("  ratio           {:>8.1}×  (peer writing the same documents ÷ thidua)", c / a);
    println!(
        "  thidua check    {check:>8.3} s   calamine floor {floor:.3} s   check ÷ floor {:.2}×   (round by round: median {:.2}×, {:.2}–{:.2}×)",
        check / floor,
        median(paired.clone()),
        paired.iter().cloned().fold(f64::INFINITY, f64::min),
        paired.iter().cloned().fold(0.0, f64::max)
    );
    println!("  write phase     {:>8.3} s   (run − check)", a - check);
    println!(
        "  write floor     {write_floor:>8.3} s   ({} files of {:.1} MB written again, both cores)   write ÷ floor {:.1}×",
        written.len(),
        written.iter().map(|(_, b)| b.len()).sum::<usize>() as f64 / 1e6,
        (a - check) / write_floor
    );
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
    // Every folder (inbox and outputs) is kept until all the measuring is
    // over: removing a scale's thousands of files just before the next
    // measurement made this disk's ext4 (no journal) walk past each inode
    // freed in the last minutes whenever a run created a file, which put
    // 50–100 ms of kernel time into the write phase of the runs against
    // the peer that followed.
    let mut kept = Vec::new();
    for scale in scales {
        let dir = tempfile::tempdir().unwrap();
        let inbox = dir.path().join("inbox");
        let files = thidua::demo::annual::generate_annual(
            thidua::registry::Registry::builtin(),
            &inbox,
            2022,
            &thidua::demo::annual::AnnualScope::National,
            "thidua",
            scale,
        )
        .unwrap();
        let out = |i: usize| dir.path().join(format!("out-{i}"));
        // One warm-up run (file cache), then the measured ones.
        let _ = run_once(bin, &inbox, &out(0));
        let mut times = Vec::new();
        let (mut reads, mut writes) = (Vec::new(), Vec::new());
        let mut peak = 0;
        for i in 1..=runs {
            let (s, p, (r, w)) = run_once(bin, &inbox, &out(i));
            times.push(s);
            reads.push(r);
            writes.push(w);
            peak = peak.max(p.unwrap_or(0));
        }
        let (read, write) = (median(reads), median(writes));
        let docs = files_under(&out(runs), "docx").len();
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
        kept.push(dir);
    }
    if let Some(script) = peer() {
        against_peer(bin, &script, runs);
    }
    drop(kept);
}
