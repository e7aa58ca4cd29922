//! The Excel summary read back with calamine, as an officer's Excel would.

use crate::common::*;
use calamine::{Data, Reader};
use thidua::model::{Num, Period};

const Q3: Period = Period::Quarter { year: 2022, q: 3 };

fn cell(r: &calamine::Range<Data>, row: usize, col: usize) -> Data {
    r.get((row, col)).cloned().unwrap_or(Data::Empty)
}

fn find_row(r: &calamine::Range<Data>, col: usize, text: &str) -> usize {
    (0..r.height()).find(|&i| matches!(cell(r, i, col), Data::String(s) if s == text)).unwrap_or_else(|| panic!("no row with {text}"))
}

#[test]
fn summary_sheets_values_and_text_safety() {
    let f = Fixture::new();
    // A unit name cannot carry a formula, but a reason or a sheet name can
    // carry what a unit typed: "=…" in a file name reaches the problems sheet.
    f.province("=HYPERLINK(1).xlsx", "Hà Nam", Q3, with(good(), &[("bhxh_tn.luy_ke", Num::int(11_430))]));
    f.province("b.xlsx", "Nam Định", Q3, {
        let mut g = good();
        g.remove("bhyt.cung_ky");
        g
    });
    for (i, (file, name)) in [("c.xlsx", "Cao Bằng"), ("d.xlsx", "Lai Châu"), ("e.xlsx", "Sơn La")].iter().enumerate() {
        f.province(file, name, Q3, with(good(), &[("thu.luy_ke", Num::int(9_600 - 100 * i as i64))]));
    }
    f.province("=SUM(A1).xlsx", "=1+2", Q3, good());
    let (code, out) = f.run("2022-Q3");
    assert!(code <= 1, "{out}");
    let path = f.out().join("tong-hop.xlsx");
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let names = wb.sheet_names();
    for s in ["Tổng hợp", "Xếp hạng", "Tiêu chí", "Đề nghị", "Hạn mức", "Lỗi dữ liệu", "Biểu đồ"] {
        assert!(names.iter().any(|n| n == s), "sheet {s} in {names:?}");
    }
    assert!(names.iter().any(|n| n == "Cụm số III"), "one sheet per cluster: {names:?}");

    // Figures and rates as numbers; a unit that sent nothing shows "không có số liệu".
    let t = wb.worksheet_range("Tổng hợp").unwrap();
    let header: Vec<String> = (0..t.width()).map(|c| cell(&t, 0, c).to_string()).collect();
    let col = header.iter().position(|h| h == "Tỷ lệ phát triển người tham gia BHXH tự nguyện").unwrap();
    let ha_nam = find_row(&t, 1, "BHXH tỉnh Hà Nam");
    assert_eq!(cell(&t, ha_nam, col), Data::Float(0.715));
    let ha_noi = find_row(&t, 1, "BHXH thành phố Hà Nội");
    assert_eq!(cell(&t, ha_noi, col), Data::String("không có số liệu".into()));

    // Criteria with their reasons.
    let c = wb.worksheet_range("Tiêu chí").unwrap();
    // Figures are bound to their units by no-break spaces (a wrapped cell never
    // starts a line with "%"); compare as read.
    let reasons: Vec<String> = (0..c.height()).map(|i| cell(&c, i, 6).to_string().replace('\u{a0}', " ")).collect();
    assert!(reasons.iter().any(|r| r == "BHXH tỉnh Hà Nam: tỷ lệ phát triển người tham gia BHXH tự nguyện Quý III/2022 đạt 71,50 %, bằng ngưỡng 71,5 %, đạt (Công văn 1371/BHXH-TĐKT, mục B.II.1.a)"));

    // The quota cut is in the proposals.
    let d = wb.worksheet_range("Đề nghị").unwrap();
    let cut = (0..d.height()).find(|&i| cell(&d, i, 2) == "Đủ tiêu chí, ngoài số lượng").expect("a cut row");
    assert!(cell(&d, cut, 4).to_string().contains("đã dành cho"), "{}", cell(&d, cut, 4));

    // Problems with file, sheet, cell; text that looks like a formula stays text.
    let p = wb.worksheet_range("Lỗi dữ liệu").unwrap();
    let row = find_row(&p, 2, "b.xlsx");
    assert_eq!(cell(&p, row, 3).to_string(), "Sheet1");
    // The missing "BHYT: cùng kỳ" is reported at its empty cell.
    assert_eq!(cell(&p, row, 4).to_string(), "Q8");
    let evil = find_row(&p, 2, "=SUM(A1).xlsx");
    assert!(cell(&p, evil, 6).to_string().contains("\"=1+2\""), "{}", cell(&p, evil, 6));
    let formulas = wb.worksheet_formula("Lỗi dữ liệu").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no formula anywhere");
    let inputs = wb.worksheet_formula("Tổng hợp").unwrap();
    assert!(inputs.used_cells().all(|(_, _, f)| f.is_empty()));
}
