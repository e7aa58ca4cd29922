//! Reading indicator workbooks as units send them.

use super::quarterly::merge;
use super::*;
use crate::demo::sheet::{write_workbook, Layout, Row, SheetSpec};
use crate::model::{Num, Period, Severity};
use crate::vn::text::fold;
use std::collections::BTreeMap;

/// Resolves a few provinces by folded short name, with or without prefix.
struct Few;
impl UnitResolver for Few {
    fn resolve_unit(&self, name: &str) -> Result<(String, String), String> {
        let k = fold(name);
        let k = k.trim_start_matches(&format!("{} ", fold("BHXH"))).trim_start_matches(&format!("{} ", fold("tỉnh")));
        for (id, short) in [("ha-nam", "Hà Nam"), ("hoa-binh", "Hòa Bình"), ("nam-dinh", "Nam Định")] {
            if k == fold(short) {
                return Ok((id.into(), format!("BHXH tỉnh {short}")));
            }
        }
        Err(format!("Không tìm thấy đơn vị \"{name}\"."))
    }
}

fn figures(seed: i64) -> BTreeMap<String, Num> {
    let mut f = BTreeMap::new();
    for (i, (_, _, k)) in crate::demo::sheet::COLUMNS.iter().enumerate() {
        let v = if k.ends_with("chi_tieu") || *k == "ty_trong_dn" {
            Num::frac(215 + seed, 10_000)
        } else {
            Num::int(1_234_567 + seed * 1000 + i as i64)
        };
        f.insert(k.to_string(), v);
    }
    f
}

fn spec(layout: Layout, text: bool, period: Period) -> SheetSpec<'static> {
    SheetSpec { sheet_name: "Sheet1", sender: "CỤM THI ĐUA SỐ III", period, layout, text_numbers: text, totals: true }
}

const Q3: Period = Period::Quarter { year: 2022, q: 3 };

fn read(dir: &std::path::Path) -> Inbox {
    let rules = crate::rules::Rules::builtin("thu-2022").unwrap();
    read_inbox(dir, &Few, &rules, &Limits::default(), &|_| {})
}

fn merged(inbox: &Inbox) -> merge::Merged {
    let rules = crate::rules::Rules::builtin("thu-2022").unwrap();
    merge::merge(&inbox.indicator_sheets, &Q3, &rules)
}

#[test]
fn reads_two_row_header_with_text_numbers_totals_and_notes() {
    let dir = tempfile::tempdir().unwrap();
    let rows: Vec<Row> = vec![("Hà Nam".into(), figures(1)), ("BHXH tỉnh Hoà Bình".into(), figures(2))];
    std::fs::write(dir.path().join("cum.xlsx"), write_workbook(&[(spec(Layout::TwoRow, true, Q3), rows)]).unwrap()).unwrap();
    let inbox = read(dir.path());
    assert!(inbox.problems.is_empty(), "{:?}", inbox.problems);
    assert_eq!(inbox.files[0].kinds, vec!["chi-tieu"]);
    assert_eq!(inbox.period_hints()[0].0, Q3);
    let m = merged(&inbox);
    assert_eq!(m.figures.len(), 2, "the totals row is not a unit");
    let hb = &m.figures["hoa-binh"];
    assert_eq!(hb.values["thu.ke_hoach"], Num::int(1_236_567));
    assert_eq!(hb.values["cham_dong.chi_tieu"], Num::frac(217, 10_000), "\"2,17%\" typed as text");
    assert_eq!(hb.sources["thu.ke_hoach"].to_string(), "tệp \"cum.xlsx\", trang \"Sheet1\", ô C9");
}

#[test]
fn reads_combined_headers_and_real_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let rows: Vec<Row> = vec![("Nam Định".into(), figures(3))];
    std::fs::write(dir.path().join("nd.xlsx"), write_workbook(&[(spec(Layout::Combined, false, Q3), rows)]).unwrap()).unwrap();
    let m = merged(&read(dir.path()));
    let nd = &m.figures["nam-dinh"];
    assert_eq!(nd.values.len(), crate::demo::sheet::COLUMNS.len());
    assert_eq!(nd.values["ty_trong_dn"], Num::frac(218, 10_000), "2,18 in a (%) column is 2,18 %");
}

#[test]
fn equal_rows_merge_and_different_rows_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let same = write_workbook(&[(spec(Layout::TwoRow, false, Q3), vec![("Hà Nam".into(), figures(1))])]).unwrap();
    std::fs::write(dir.path().join("a.xlsx"), &same).unwrap();
    std::fs::write(dir.path().join("b.xlsx"), &same).unwrap();
    let mut other = figures(1);
    other.insert("bhyt.luy_ke".into(), Num::int(999));
    std::fs::write(
        dir.path().join("c.xlsx"),
        write_workbook(&[(spec(Layout::TwoRow, false, Q3), vec![("Hà Nam".into(), other)])]).unwrap(),
    )
    .unwrap();
    let m = merged(&read(dir.path()));
    let conflicts: Vec<_> = m.problems.iter().filter(|p| p.code == "conflict").collect();
    assert_eq!(conflicts.len(), 1, "{:?}", m.problems);
    assert!(conflicts[0].message.contains("tệp \"a.xlsx\""), "{}", conflicts[0].message);
    assert!(conflicts[0].message.contains("999"));
    assert_eq!(conflicts[0].location.file, "c.xlsx");
    assert!(!m.figures["ha-nam"].values.contains_key("bhyt.luy_ke"), "a conflicting figure is not used");
    assert!(m.flagged.contains("ha-nam"));
}

#[test]
fn unknown_units_and_bad_numbers_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let mut f = figures(1);
    f.remove("bhyt.ke_hoach");
    let rows: Vec<Row> = vec![("Hà Nammm".into(), figures(2)), ("Hà Nam".into(), f)];
    std::fs::write(dir.path().join("x.xlsx"), write_workbook(&[(spec(Layout::TwoRow, true, Q3), rows)]).unwrap()).unwrap();
    let inbox = read(dir.path());
    let unknown = inbox.problems.iter().find(|p| p.code == "unknown-unit").expect("unknown unit reported");
    assert_eq!(unknown.location.to_string(), "tệp \"x.xlsx\", trang \"Sheet1\", ô B8");
    let m = merged(&inbox);
    let missing = m.problems.iter().find(|p| p.code == "missing-figure").expect("missing figure reported");
    assert!(missing.message.contains("BHYT: kế hoạch năm"), "{}", missing.message);
    // A required figure: its absence stops the unit, as an unreadable cell does.
    assert_eq!(missing.severity, Severity::Error);
}

#[test]
fn other_period_is_left_out_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let q2 = Period::Quarter { year: 2022, q: 2 };
    std::fs::write(
        dir.path().join("q2.xlsx"),
        write_workbook(&[(spec(Layout::TwoRow, false, q2), vec![("Hà Nam".into(), figures(1))])]).unwrap(),
    )
    .unwrap();
    let m = merged(&read(dir.path()));
    assert!(m.figures.is_empty());
    assert!(m.problems.iter().any(|p| p.code == "other-period" && p.message.contains("Quý II/2022")));
}

#[test]
fn hostile_and_broken_files_are_refused() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    // Not a workbook at all.
    std::fs::write(dir.path().join("fake.xlsx"), b"hello").unwrap();
    // A password-protected workbook is an OLE container.
    let mut ole = crate::ingest::guard::CFB_MAGIC.to_vec();
    ole.extend_from_slice(&[0u8; 600]);
    std::fs::write(dir.path().join("locked.xlsx"), &ole).unwrap();
    // A zip bomb: 300 MB of zeros.
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true);
    w.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..300 {
        w.write_all(&zeros).unwrap();
    }
    std::fs::write(dir.path().join("bomb.xlsx"), w.finish().unwrap().into_inner()).unwrap();
    // XML entity expansion ("billion laughs").
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default()).unwrap();
    w.write_all(b"<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]><workbook>&lol2;</workbook>")
        .unwrap();
    std::fs::write(dir.path().join("lol.xlsx"), w.finish().unwrap().into_inner()).unwrap();
    // Path escape inside the zip.
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file("../../evil.xml", zip::write::SimpleFileOptions::default()).unwrap();
    w.write_all(b"<a/>").unwrap();
    std::fs::write(dir.path().join("escape.xlsx"), w.finish().unwrap().into_inner()).unwrap();
    std::fs::write(dir.path().join("notes.txt"), b"ghi chu").unwrap();
    std::fs::write(dir.path().join("~$lock.xlsx"), b"owner").unwrap();

    let started = std::time::Instant::now();
    let inbox = read(dir.path());
    assert!(started.elapsed().as_secs() < 20);
    let why = |f: &str| inbox.problems.iter().find(|p| p.location.file == f).map(|p| p.message.clone()).unwrap_or_default();
    assert!(why("fake.xlsx").contains("không phải là bảng tính"), "{}", why("fake.xlsx"));
    assert!(why("locked.xlsx").contains("mật khẩu"), "{}", why("locked.xlsx"));
    assert!(why("bomb.xlsx").contains("bom nén"), "{}", why("bomb.xlsx"));
    assert!(why("lol.xlsx").contains("DOCTYPE"), "{}", why("lol.xlsx"));
    assert!(why("escape.xlsx").contains("đường dẫn không an toàn"), "{}", why("escape.xlsx"));
    let notes = inbox.files.iter().find(|f| f.path == "notes.txt").unwrap();
    assert!(notes.status.contains("không phải bảng tính"));
    assert!(!inbox.files.iter().any(|f| f.path.starts_with("~$")), "lock files are skipped quietly");
}

#[test]
fn absurd_dimensions_are_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Đơn vị").unwrap();
    ws.write_number(1_000_000, 16_000, 1.0).unwrap();
    std::fs::write(dir.path().join("big.xlsx"), wb.save_to_buffer().unwrap()).unwrap();
    let started = std::time::Instant::now();
    let inbox = read(dir.path());
    assert!(started.elapsed().as_secs() < 5);
    let p = inbox.problems.iter().find(|p| p.location.file == "big.xlsx").expect("reported");
    assert!(p.message.contains("quá lớn"), "{}", p.message);
}

#[test]
fn a_sheet_of_ten_million_cells_is_refused_in_bounded_time() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true);
    w.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    w.write_all(b"<worksheet><sheetData><row r=\"1\">").unwrap();
    let chunk = "<c r=\"A1\"><v>1</v></c>".repeat(10_000);
    for _ in 0..1_000 {
        w.write_all(chunk.as_bytes()).unwrap();
    }
    w.write_all(b"</row></sheetData></worksheet>").unwrap();
    std::fs::write(dir.path().join("ten-million.xlsx"), w.finish().unwrap().into_inner()).unwrap();
    let started = std::time::Instant::now();
    let inbox = read(dir.path());
    let took = started.elapsed();
    let p = inbox.problems.iter().find(|p| p.location.file == "ten-million.xlsx").expect("reported");
    assert!(p.message.contains("bom nén") || p.message.contains("quá lớn"), "{}", p.message);
    assert!(took.as_millis() < 1_000, "refused in {took:?}");
}

/// The same figures sent in two layouts are one content ("cùng nội dung",
/// not counted twice); a file differing in one figure of one unit is
/// another, and both are counted.
#[test]
fn the_same_readings_are_recognised_and_a_different_figure_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let rows = |seed: i64| -> Vec<Row> { vec![("Hà Nam".into(), figures(1)), ("BHXH tỉnh Hoà Bình".into(), figures(seed))] };
    let put = |name: &str, layout: Layout, rows: Vec<Row>| {
        std::fs::write(dir.path().join(name), write_workbook(&[(spec(layout, false, Q3), rows)]).unwrap()).unwrap();
    };
    put("a.xlsx", Layout::TwoRow, rows(2));
    put("b.xlsx", Layout::Combined, rows(2));
    put("c.xlsx", Layout::TwoRow, rows(3));
    let inbox = read(dir.path());
    let status = |n: &str| inbox.files.iter().find(|f| f.path == n).map(|f| f.status.clone()).unwrap();
    assert_eq!(status("a.xlsx"), "đã đọc");
    assert!(status("b.xlsx").contains("cùng nội dung với tệp \"a.xlsx\""), "{}", status("b.xlsx"));
    assert_eq!(status("c.xlsx"), "đã đọc");
    assert_eq!(inbox.indicator_sheets.len(), 2);
}

/// The listing is cut into chunks that hold every file once, in order, the
/// last one short (it is folded in with nothing beside it).
#[test]
fn chunks_hold_every_file_in_order_and_the_last_is_short() {
    for n in [0, 1, 15, 16, 40, 511, 512, 755, 1300] {
        let files: Vec<(String, PathBuf)> = (0..n).map(|i| (format!("{i:05}.xlsx"), PathBuf::from(format!("/x/{i:05}.xlsx")))).collect();
        let chunks = chunked(&files);
        let flat: Vec<&(String, PathBuf)> = chunks.iter().flat_map(|c| c.iter()).collect();
        assert_eq!(flat.len(), n);
        assert!(flat.iter().zip(&files).all(|(a, b)| *a == b), "{n}");
        assert!(chunks.iter().all(|c| !c.is_empty() && c.len() <= CHUNK), "{n}");
        if n >= 32 {
            assert!(chunks.last().unwrap().len() <= n / 16 + 16, "{n}");
        }
    }
}

/// A copy read in a later chunk than its original is still the same
/// content, and an original in the last chunk is counted: 40 files make
/// two chunks.
#[test]
fn copies_are_told_across_chunks() {
    let dir = tempfile::tempdir().unwrap();
    let rows = |seed: i64| -> Vec<Row> { vec![("Hà Nam".into(), figures(seed))] };
    let put = |name: &str, seed: i64| {
        std::fs::write(dir.path().join(name), write_workbook(&[(spec(Layout::TwoRow, false, Q3), rows(seed))]).unwrap()).unwrap();
    };
    for i in 0..39 {
        put(&format!("{i:02}.xlsx"), 1);
    }
    put("39.xlsx", 2);
    let files: Vec<(String, PathBuf)> = list_inbox(dir.path()).files;
    assert!(chunked(&files).len() > 1);
    let inbox = read(dir.path());
    let status = |n: &str| inbox.files.iter().find(|f| f.path == n).map(|f| f.status.clone()).unwrap();
    assert_eq!(status("00.xlsx"), "đã đọc");
    assert!(status("38.xlsx").contains("cùng nội dung với tệp \"00.xlsx\""), "{}", status("38.xlsx"));
    assert_eq!(status("39.xlsx"), "đã đọc");
    assert_eq!(inbox.indicator_sheets.len(), 2);
}
