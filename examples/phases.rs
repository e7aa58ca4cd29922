//! Where reading an inbox spends its time, phase by phase, on one thread:
//! `cargo run --release --example phases -- INBOX`.
use std::time::Instant;
use thidua::ingest::{self, grid, guard::Limits};

fn main() {
    let dir = std::env::args().nth(1).expect("INBOX");
    let files: Vec<_> = ingest::list_inbox(std::path::Path::new(&dir)).files.into_iter().map(|f| f.1).collect();
    let limits = Limits::default();
    let t = Instant::now();
    let bytes: Vec<Vec<u8>> = files.iter().map(|p| std::fs::read(p).unwrap()).collect();
    println!("read bytes   {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    for b in &bytes {
        use sha2::Digest;
        std::hint::black_box(sha2::Sha256::digest(b));
    }
    println!("sha256       {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    for b in &bytes {
        let _ = std::hint::black_box(ingest::guard::check_zip(std::io::Cursor::new(b), &limits));
    }
    println!("check_zip    {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    let mut loaded = Vec::new();
    for b in &bytes {
        loaded.push(grid::load(b, grid::Format::Xlsx, &limits).unwrap());
    }
    println!("grid::load   {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    for b in &bytes {
        use calamine::Reader;
        let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(b)).unwrap();
        for n in wb.sheet_names().to_vec() {
            std::hint::black_box(wb.worksheet_range(&n).ok());
        }
    }
    println!("calamine     {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let rules = thidua::rules::Rules::builtin("thu-2022").unwrap();
    let specs = ingest::quarterly::indicators::field_specs(&rules);
    let reg = thidua::registry::Registry::builtin();
    let t = Instant::now();
    let mut n = 0;
    for l in &loaded {
        for g in &l.sheets {
            n += ingest::quarterly::indicators::recognise(g, &specs).is_some() as usize;
        }
    }
    println!("recognise k1 {:>8.1} ms ({n} indicator sheets)", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    for l in &loaded {
        for g in &l.sheets {
            let mut out = Default::default();
            let mut pr = Vec::new();
            std::hint::black_box(ingest::annual::read(g, "f", None, reg, &mut out, &mut pr));
        }
    }
    println!("annual::read {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = Instant::now();
    for (b, p) in bytes.iter().zip(&files) {
        std::hint::black_box(ingest::read_workbook(b, &p.to_string_lossy(), grid::Format::Xlsx, reg, &rules, &specs, &limits));
    }
    println!("read_workbook{:>8.1} ms (load + recognise + read)", t.elapsed().as_secs_f64() * 1e3);
    println!("{} files", files.len());
}
