//! What units really send: the same sheet in every format, files whose name
//! lies about their type, and files that are not workbooks at all.

use std::path::Path;
use thidua::ingest::{read_inbox, Inbox, Limits};
use thidua::registry::Registry;
use thidua::rules::Rules;

fn read(dir: &Path) -> Inbox {
    read_inbox(dir, Registry::builtin(), &Rules::builtin("thu-2022").unwrap(), &Limits::default(), &|_| {})
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

/// Hà Nam's figures read from one file placed under `as_name`.
fn figures(bytes: &[u8], as_name: &str) -> (Inbox, thidua::model::SortedMap<thidua::model::Name, thidua::model::Num>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(as_name), bytes).unwrap();
    let inbox = read(dir.path());
    let m =
        thidua::ingest::quarterly::merge::merge(&inbox.indicator_sheets, &"2022-Q3".parse().unwrap(), &Rules::builtin("thu-2022").unwrap());
    let f = m.figures.get("ha-nam").map(|f| f.values.clone()).unwrap_or_default();
    (inbox, f)
}

#[test]
fn the_same_sheet_reads_the_same_in_every_format() {
    let (_, reference) = figures(&fixture("ha-nam.xlsx"), "ha-nam.xlsx");
    assert_eq!(reference.len(), 19, "{reference:?}");
    for (file, name) in
        [("ha-nam.xls", "ha-nam.xls"), ("ha-nam.ods", "ha-nam.ods"), ("ha-nam.xlsx", "ha-nam.xlsm"), ("ha-nam.xlsx", "HA-NAM.XLSX")]
    {
        let (inbox, f) = figures(&fixture(file), name);
        assert_eq!(f, reference, "{file} as {name}: {:?}", inbox.problems);
    }
}

#[test]
fn the_content_decides_the_type_not_the_name() {
    // An .xlsx renamed .xls is read.
    let (_, f) = figures(&fixture("ha-nam.xlsx"), "ha-nam.xls");
    assert_eq!(f.len(), 19);
    // An .xls renamed .xlsx is read too.
    let (_, f) = figures(&fixture("ha-nam.xls"), "ha-nam.xlsx");
    assert_eq!(f.len(), 19);
    let cases: [(&str, &[u8], &str); 5] = [
        ("web.xls", b"<html><body><table><tr><td>BHXH</td></tr></table></body></html>", "trang web (HTML)"),
        ("x2003.xls", b"<?xml version=\"1.0\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"></Workbook>", "Excel 2003"),
        ("empty.xlsx", b"", "tệp rỗng"),
        ("broken.xlsx", b"PK\x03\x04garbage-that-is-not-a-zip", "không phải là bảng tính Excel"),
        ("text.ods", b"just text", "không phải là bảng tính"),
    ];
    for (name, bytes, why) in cases {
        let (inbox, _) = figures(bytes, name);
        let p = inbox.problems.iter().find(|p| p.location.file == name).unwrap_or_else(|| panic!("{name} reported"));
        assert!(p.message.contains(why), "{name}: {}", p.message);
    }
}

#[test]
fn an_empty_workbook_is_reported_and_skipped() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet();
    let (inbox, f) = figures(&wb.save_to_buffer().unwrap(), "trong.xlsx");
    assert!(f.is_empty());
    assert!(inbox.problems.iter().any(|p| p.code == "no-table" && p.location.file == "trong.xlsx"));
    assert!(inbox.files[0].status.starts_with("bỏ qua"));
}

#[test]
fn a_filled_in_form_reads_back_exactly() {
    use thidua::model::Num;
    let reg = Registry::builtin();
    let cluster = reg.cluster("cum-3").unwrap();
    let period: thidua::model::Period = "2022-Q3".parse().unwrap();
    let mut values = std::collections::BTreeMap::new();
    for (i, id) in cluster.members.iter().enumerate() {
        let mut f = thidua::demo::province_figures(reg.unit(id).unwrap(), &period);
        f.insert("cham_dong.chi_tieu".into(), Num::frac(25 + i as i64, 1000));
        values.insert(id.clone(), f);
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bieu.xlsx"),
        thidua::forms::indicator_form(Registry::builtin(), cluster, &period, Some(&values)).unwrap(),
    )
    .unwrap();
    let inbox = read(dir.path());
    assert!(inbox.problems.is_empty(), "{:?}", inbox.problems);
    assert_eq!(inbox.period_hints()[0].0, period, "the period is in the title");
    let m = thidua::ingest::quarterly::merge::merge(&inbox.indicator_sheets, &period, &Rules::builtin("thu-2022").unwrap());
    for (id, f) in &values {
        let read: std::collections::BTreeMap<String, Num> = m.figures[id].values.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        assert_eq!(&read, f, "{id}");
    }
    // The blank form: names filled in, no figures, nothing reported but the missing figures.
    std::fs::write(dir.path().join("bieu.xlsx"), thidua::forms::indicator_form(Registry::builtin(), cluster, &period, None).unwrap())
        .unwrap();
    let inbox = read(dir.path());
    assert!(inbox.indicator_sheets[0].rows.iter().all(|r| r.figures.is_empty()));
}

#[test]
fn forms_command_writes_the_cluster_form() {
    let dir = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["forms", "--cluster", "cum-3", "--period", "2022-Q3", "--out", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let written: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().to_string()).collect();
    // A quarter's set is the indicator sheet (the year-end kinds: tests/it/forms.rs).
    assert!(written.iter().any(|w| w.starts_with("bieu-chi-tieu")), "{written:?}");
    let path = dir.path().join("bieu-chi-tieu-cum-3-2022-Q3.xlsx");
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    use calamine::Reader;
    let r = wb.worksheet_range("Chỉ tiêu").unwrap();
    let names: Vec<String> = (6..12).map(|i| r.get((i, 1)).map(|c| c.to_string()).unwrap_or_default()).collect();
    assert_eq!(names[3], "BHXH tỉnh Hà Nam");
    assert!(r.get((1, 2)).unwrap().to_string().contains("QUÝ III/2022"));
    // The year-end set.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["forms", "--cluster", "cum-3", "--period", "2022", "--out", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    // The eligibility form: the members, the yes/no columns of SPEC §10.
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(dir.path().join("dieu-kien-xet-cum-3-2022.xlsx")).unwrap();
    let r = wb.worksheet_range("Điều kiện xét").unwrap();
    assert_eq!(r.get((3, 2)).unwrap().to_string(), "Đã ký giao ước thi đua");
    assert_eq!(r.get((7, 1)).unwrap().to_string(), "BHXH tỉnh Hà Nam");
    // Cross-scoring: a scorer never scores itself.
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(dir.path().join("bang-cham-diem-cheo-cum-3-2022.xlsx")).unwrap();
    let r = wb.worksheet_range("Đơn vị chấm 4").unwrap();
    assert_eq!(r.get((1, 0)).unwrap().to_string(), "Đơn vị chấm: BHXH tỉnh Hà Nam");
    assert_eq!(r.get((5, 1)).unwrap().to_string(), "BHXH thành phố Hà Nội");
    assert!((5..10).all(|i| r.get((i, 1)).map(|c| c.to_string()).unwrap_or_default() != "BHXH tỉnh Hà Nam"));
}

/// A one-row indicator sheet whose figures are formulas.
fn formula_book(result: Option<&str>) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Tên đơn vị").unwrap();
    ws.write_string(1, 0, "Hà Nam").unwrap();
    for (i, (g, h, _)) in thidua::demo::sheet::COLUMNS.iter().enumerate() {
        let c = i as u16 + 1;
        ws.write_string(0, c, if g.is_empty() { h.to_string() } else { format!("{g} - {h}") }).unwrap();
        let mut f = rust_xlsxwriter::Formula::new("=1000+234");
        if let Some(r) = result {
            f = f.set_result(r);
        }
        ws.write_formula(1, c, f).unwrap();
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn formulas_give_their_stored_result_and_never_an_invented_zero() {
    let (inbox, f) = figures(&formula_book(Some("1234")), "cong-thuc.xlsx");
    assert!(inbox.problems.iter().all(|p| p.code != "bad-number"), "{:?}", inbox.problems);
    assert_eq!(f["thu.ke_hoach"], thidua::model::Num::int(1234));
    // Written by a library: every formula stores 0. An error on each cell, never a 0.
    let (inbox, f) = figures(&formula_book(None), "cong-thuc.xlsx");
    assert!(f.is_empty() || !f.contains_key("thu.ke_hoach"), "{f:?}");
    let p = inbox.problems.iter().find(|p| p.code == "bad-number").expect("reported");
    assert_eq!(p.location.cell.as_deref(), Some("B2"));
    assert!(p.message.contains("chưa có kết quả tính"), "{}", p.message);
}

/// A one-row sheet where every figure is numeric except the given texts.
fn text_book(texts: &[(&str, &str)]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Tên đơn vị").unwrap();
    ws.write_string(1, 0, "Hà Nam").unwrap();
    for (i, (g, h, key)) in thidua::demo::sheet::COLUMNS.iter().enumerate() {
        let c = i as u16 + 1;
        ws.write_string(0, c, if g.is_empty() { h.to_string() } else { format!("{g} - {h}") }).unwrap();
        match texts.iter().find(|t| t.0 == *key) {
            Some((_, t)) => ws.write_string(1, c, *t).unwrap(),
            None => ws.write_number(1, c, 10.0).unwrap(),
        };
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn a_number_that_reads_two_ways_is_decided_by_the_sheet_or_reported() {
    use thidua::model::Num;
    // Nothing else tells: not guessed (SPEC §13), an error at the cell
    // with both readings, and the figure is not used.
    let (inbox, f) = figures(&text_book(&[("thu.cung_ky", "1.234")]), "a.xlsx");
    assert!(!f.contains_key("thu.cung_ky"), "{f:?}");
    let e = inbox.problems.iter().find(|p| p.code == "ambiguous-number").expect("reported");
    assert_eq!(e.severity, thidua::model::Severity::Error);
    assert_eq!(e.location.cell.as_deref(), Some("D2"));
    assert!(e.message.contains("ghi \"1.234\", có thể đọc hai cách (1.234 theo cách viết Việt Nam, hoặc 1,234 nếu"), "{}", e.message);
    // "94,680": 94,68 or 94.680, a thousandfold apart.
    let (inbox, f) = figures(&text_book(&[("cham_dong.so_tien", "94,680")]), "e.xlsx");
    assert!(!f.contains_key("cham_dong.so_tien"), "{f:?}");
    assert!(inbox.problems.iter().any(|p| p.code == "ambiguous-number" && p.severity == thidua::model::Severity::Error));
    // Another cell of the sheet is written "45.5": the sheet uses a decimal point.
    let (inbox, f) = figures(&text_book(&[("thu.cung_ky", "1.234"), ("thu.luy_ke", "45.5")]), "b.xlsx");
    assert_eq!(f["thu.cung_ky"], Num::frac(1234, 1000));
    assert!(inbox.problems.iter().all(|p| p.code != "ambiguous-number"));
    // "1.234.567" elsewhere: Vietnamese grouping, nothing to report.
    let (inbox, f) = figures(&text_book(&[("thu.cung_ky", "1.234"), ("thu.luy_ke", "1.234.567")]), "c.xlsx");
    assert_eq!(f["thu.cung_ky"], Num::int(1234));
    assert!(inbox.problems.iter().all(|p| p.code != "ambiguous-number"));
    // A count of persons cannot be fractional: grouping, nothing to report.
    let (inbox, f) = figures(&text_book(&[("bhyt.luy_ke", "18.945")]), "d.xlsx");
    assert_eq!(f["bhyt.luy_ke"], Num::int(18945));
    assert!(inbox.problems.iter().all(|p| p.code != "ambiguous-number"));
    // A sheet that writes decimals with a comma ("45,5") does not make a
    // count of persons fractional: "33,273" persons is refused.
    let (inbox, f) = figures(&text_book(&[("bhyt.luy_ke", "33,273"), ("thu.luy_ke", "45,5")]), "f.xlsx");
    assert!(!f.contains_key("bhyt.luy_ke"), "{f:?}");
    let e = inbox.problems.iter().find(|p| p.code == "fractional-count").expect("reported");
    assert!(e.message.contains("đọc là 33,273 người, không phải số nguyên"), "{}", e.message);
}

#[test]
fn dates_in_every_form() {
    use thidua::ingest::{date, grid};
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let fmt = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    ws.write_datetime_with_format(0, 0, rust_xlsxwriter::ExcelDateTime::from_ymd(2023, 1, 20).unwrap(), &fmt).unwrap();
    ws.write_string(1, 0, "20/01/2023").unwrap();
    ws.write_number(2, 0, 44_946.0).unwrap();
    ws.write_string(3, 0, "ngày 20 tháng 01 năm 2023").unwrap();
    // A hidden row still holds what it holds.
    ws.write_string(4, 0, "2023-01-20").unwrap();
    ws.set_row_hidden(4).unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let loaded = grid::load(&bytes, grid::Format::Xlsx, &Limits::default()).unwrap();
    let g = &loaded.sheets[0];
    for r in 0..5 {
        assert_eq!(date::from_value(g.raw(r, 0)), Some((20, 1, 2023)), "row {r}: {:?}", g.raw(r, 0));
    }
    // The same in OpenDocument, where dates are stored as ISO text.
    if !crate::common::calc() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("d.xlsx"), &bytes).unwrap();
    let ok = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", "ods", "--outdir"])
        .arg(dir.path())
        .arg(dir.path().join("d.xlsx"))
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("NOTICE: LibreOffice not installed; the ODS date case is skipped.");
        return;
    }
    let loaded = grid::load(&std::fs::read(dir.path().join("d.ods")).unwrap(), grid::Format::Ods, &Limits::default()).unwrap();
    assert_eq!(date::from_value(loaded.sheets[0].raw(0, 0)), Some((20, 1, 2023)), "{:?}", loaded.sheets[0].raw(0, 0));
}

#[test]
fn text_in_the_old_tcvn3_code_is_converted_and_reported() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    // Header and name as a .VnTime user types them.
    ws.write_string(0, 0, "Tªn ®¬n vÞ").unwrap();
    ws.write_string(1, 0, "BHXH tØnh Hµ Nam").unwrap();
    for (i, (g, h, key)) in thidua::demo::sheet::COLUMNS.iter().enumerate() {
        let c = i as u16 + 1;
        ws.write_string(0, c, if g.is_empty() { h.to_string() } else { format!("{g} - {h}") }).unwrap();
        // A late-payment target is a few percent: 100 % is out of its range.
        ws.write_number(1, c, if *key == "cham_dong.chi_tieu" { 2.0 } else { 100.0 }).unwrap();
    }
    let (inbox, f) = figures(&wb.save_to_buffer().unwrap(), "vntime.xlsx");
    assert_eq!(f.len(), 19, "{:?}", inbox.problems);
    let w: Vec<_> = inbox.problems.iter().filter(|p| p.code == "legacy-encoding").collect();
    assert_eq!(w.len(), 2);
    assert_eq!(w[1].location.cell.as_deref(), Some("A2"));
    assert!(w[1].message.contains("\"BHXH tỉnh Hà Nam\""), "{}", w[1].message);
}

#[test]
fn text_in_the_old_vni_code_is_converted_and_reported() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Ñôn vò").unwrap();
    ws.write_string(1, 0, "BHXH tænh Thöøa Thieân Hueá").unwrap();
    for (i, (g, h, key)) in thidua::demo::sheet::COLUMNS.iter().enumerate() {
        let c = i as u16 + 1;
        ws.write_string(0, c, if g.is_empty() { h.to_string() } else { format!("{g} - {h}") }).unwrap();
        // A late-payment target is a few percent: 100 % is out of its range.
        ws.write_number(1, c, if *key == "cham_dong.chi_tieu" { 2.0 } else { 100.0 }).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("vni.xlsx"), wb.save_to_buffer().unwrap()).unwrap();
    let inbox = read(dir.path());
    let m =
        thidua::ingest::quarterly::merge::merge(&inbox.indicator_sheets, &"2022-Q3".parse().unwrap(), &Rules::builtin("thu-2022").unwrap());
    assert_eq!(m.figures["thua-thien-hue"].values.len(), 19, "{:?}", inbox.problems);
    assert!(inbox.problems.iter().any(|p| p.code == "legacy-encoding" && p.message.contains("\"BHXH tỉnh Thừa Thiên Huế\"")));
}

#[test]
fn a_table_anywhere_with_hidden_columns_spacers_and_totals_first() {
    use thidua::model::Num;
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    // Title at B2, header at row 4 starting in column C.
    ws.write_string(1, 1, "BÁO CÁO QUÝ III/2022").unwrap();
    ws.write_string(3, 2, "Đơn vị").unwrap();
    for (i, (g, h, _)) in thidua::demo::sheet::COLUMNS.iter().enumerate() {
        ws.write_string(3, i as u16 + 3, if g.is_empty() { h.to_string() } else { format!("{g} - {h}") }).unwrap();
    }
    ws.set_column_hidden(5).unwrap();
    // Totals first, a spacer row, then the units; numbers with non-breaking spaces.
    let row = |ws: &mut rust_xlsxwriter::Worksheet, r: u32, name: &str, v: &str| {
        ws.write_string(r, 2, name).unwrap();
        for i in 0..thidua::demo::sheet::COLUMNS.len() {
            ws.write_string(r, i as u16 + 3, v).unwrap();
        }
    };
    row(ws, 4, "Tổng cộng", "2\u{a0}468");
    row(ws, 6, "Hà Nam", "1\u{a0}234");
    row(ws, 7, "Nam Định", " 1 234 ");
    let (inbox, f) = figures(&wb.save_to_buffer().unwrap(), "lech.xlsx");
    assert!(inbox.problems.iter().all(|p| p.code != "unknown-unit"), "{:?}", inbox.problems);
    assert_eq!(f["thu.ke_hoach"], Num::int(1234));
    assert_eq!(f["thu.luy_ke"], Num::int(1234), "the hidden column is read");
}

#[test]
fn group_labels_typed_inside_their_spans_give_each_column_its_group() {
    use thidua::model::Num;
    // tests/fixtures/mid_labels: no merged cell, each group's label over the
    // second column of its span. Carried to the right, "BHXH bắt buộc" took
    // the plan of BHXH tự nguyện (30.000 read as 110.000's place) and an
    // error named another column.
    let (inbox, f) = figures(&fixture("mid_labels/nhan-nhom-giua.xlsx"), "cum-3.xlsx");
    assert!(inbox.problems.iter().all(|p| p.severity != thidua::model::Severity::Error), "{:?}", inbox.problems);
    let want = [
        ("thu.ke_hoach", 2_500_000),
        ("thu.luy_ke", 1_850_000),
        ("thu.cung_ky", 1_700_000),
        ("bhxh_bb.ke_hoach", 110_000),
        ("bhxh_bb.dau_nam", 100_000),
        ("bhxh_bb.luy_ke", 108_000),
        ("bhxh_bb.cung_ky", 103_000),
        ("bhxh_tn.ke_hoach", 30_000),
        ("bhxh_tn.dau_nam", 25_000),
        ("bhxh_tn.luy_ke", 29_000),
        ("bhxh_tn.cung_ky", 26_000),
        ("bhyt.ke_hoach", 800_000),
        ("bhyt.dau_nam", 760_000),
        ("bhyt.luy_ke", 790_000),
        ("bhyt.cung_ky", 770_000),
        ("cham_dong.so_tien", 40_000),
        ("cham_dong.phai_thu", 1_900_000),
    ];
    for (k, v) in want {
        assert_eq!(f.get(k), Some(&Num::int(v)), "{k}: {f:?}");
    }
    assert_eq!(f.get("cham_dong.chi_tieu"), Some(&Num::frac(21, 1000)));
    assert_eq!(f.get("ty_trong_dn"), Some(&Num::frac(475, 1000)));
}

#[test]
fn two_columns_for_one_figure_are_compared_not_chosen() {
    // A column "Thực hiện" added under "BHXH tự nguyện" names the same
    // figure as "Thực hiện lũy kế": the first used to be taken silently.
    let (inbox, f) = figures(&fixture("twins/thuc-hien-khac-luy-ke.xlsx"), "ha-nam.xlsx");
    let p = inbox.problems.iter().find(|p| p.code == "twin-columns").expect("two columns reported");
    assert_eq!(p.location.cell.as_deref(), Some("V8"));
    assert!(p.severity == thidua::model::Severity::Error);
    assert!(p.message.contains("ô L8 ghi 56.315 còn ô V8 ghi 3.006") && p.message.contains("số liệu này không được dùng"), "{}", p.message);
    assert!(!f.contains_key("bhxh_tn.luy_ke"), "the figure in doubt is not used: {f:?}");
    assert_eq!(f.len(), 18, "the other figures are read: {f:?}");
    // The same figure twice is no doubt at all.
    let (inbox, f) = figures(&fixture("twins/thuc-hien-bang-luy-ke.xlsx"), "ha-nam.xlsx");
    assert!(inbox.problems.iter().all(|p| p.code != "twin-columns"), "{:?}", inbox.problems);
    assert_eq!(f.len(), 19);
}

#[test]
fn a_rate_without_percent_sign_is_read_the_way_its_sheet_writes_rates() {
    use thidua::model::Num;
    // 0,5346 can only be a fraction: the sheet writes rates as fractions,
    // so 0,1 is 10 %, not 0,1 % (it was decided cell by cell).
    let (inbox, f) = figures(&fixture("rates/phan-so.xlsx"), "ha-nam.xlsx");
    assert!(inbox.problems.iter().all(|p| p.severity != thidua::model::Severity::Error), "{:?}", inbox.problems);
    assert_eq!(f.get("cham_dong.chi_tieu"), Some(&Num::frac(1, 10)));
    assert_eq!(f.get("ty_trong_dn"), Some(&Num::frac(5346, 10000)));
    // Alone, 0,1 is 0,1 % or 10 %: refused at its cell, not guessed.
    let (inbox, f) = figures(&fixture("rates/khong-ro.xlsx"), "ha-nam.xlsx");
    let p = inbox.problems.iter().find(|p| p.location.cell.as_deref() == Some("T8")).expect("T8 reported");
    assert_eq!(p.severity, thidua::model::Severity::Error);
    assert!(p.message.contains("có thể là 0,1 % hoặc 10 %") && p.message.contains("không được dùng"), "{}", p.message);
    assert!(!f.contains_key("cham_dong.chi_tieu"));
    assert_eq!(f.get("ty_trong_dn"), Some(&Num::frac(5346, 10000)));
}

#[test]
fn a_totals_row_labelled_in_the_stt_column_is_no_unit() {
    // "Tổng cộng" typed in the STT column, the name cell left blank, as
    // officers often merge or leave it: a totals row, not a row with no
    // unit name (it was an error, and the run's exit code 1).
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "STT").unwrap();
    ws.write_string(0, 1, "Tên đơn vị").unwrap();
    ws.write_number(1, 0, 1.0).unwrap();
    ws.write_string(1, 1, "Hà Nam").unwrap();
    ws.write_string(2, 0, "Tổng cộng").unwrap();
    for (i, (g, h, _)) in thidua::demo::sheet::COLUMNS.iter().enumerate() {
        let c = i as u16 + 2;
        ws.write_string(0, c, if g.is_empty() { h.to_string() } else { format!("{g} - {h}") }).unwrap();
        ws.write_number(1, c, 10.0).unwrap();
        ws.write_number(2, c, 10.0).unwrap();
    }
    let (inbox, f) = figures(&wb.save_to_buffer().unwrap(), "tong.xlsx");
    assert!(!f.is_empty());
    assert!(inbox.problems.iter().all(|p| p.code != "no-unit-name"), "{:?}", inbox.problems);
}
