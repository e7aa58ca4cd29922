//! Documents per second of the template engine (issue "DOCX template
//! engine"): the shipped minutes template (bien-ban-cum.docx, two pages,
//! its fields and a 10-row ranking table), compiled once and rendered to
//! complete .docx bytes (zip included), on one thread and on all cores.
//!
//! `cargo bench --bench docx`

use rayon::prelude::*;
use std::time::Instant;
use thidua::render::docx::{builtin, builtin_sample, Template};

fn main() {
    let name = "bien-ban-cum.docx";
    let t0 = Instant::now();
    let t = Template::compile(builtin(name).unwrap(), name).unwrap();
    let compile = t0.elapsed();
    let mut data: serde_json::Value = serde_json::from_str(builtin_sample(name).unwrap()).unwrap();
    let rows: Vec<serde_json::Value> = (1..=10)
        .map(|i| serde_json::json!({"stt": i, "ten": format!("BHXH tỉnh Số {i}"), "diem_tu_cham": 99.5 - i as f64, "diem": 98.25 - i as f64, "hang": i, "ghi_chu": ""}))
        .collect();
    data["xep_hang"] = serde_json::Value::Array(rows);
    let size = t.render(&data).unwrap().len();
    let n = 2_000;
    let start = Instant::now();
    for _ in 0..n {
        std::hint::black_box(t.render(&data).unwrap());
    }
    let one = n as f64 / start.elapsed().as_secs_f64();
    let start = Instant::now();
    (0..n).into_par_iter().for_each(|_| {
        std::hint::black_box(t.render(&data).unwrap());
    });
    let all = n as f64 / start.elapsed().as_secs_f64();
    println!("template {name}: compiled in {:.2} ms; output {size} bytes", compile.as_secs_f64() * 1000.0);
    println!("1 thread: {one:.0} documents/s; {} threads: {all:.0} documents/s", rayon::current_num_threads());
}
