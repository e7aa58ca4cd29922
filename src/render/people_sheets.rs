//! The sheets of people and nominations in the summary `tong-hop.xlsx`:
//! "Cá nhân", the individuals proposed (the quarterly campaign's, Công văn
//! 1371 mục B.III.3, and those listed at the annual review, Hướng dẫn 3636),
//! and "Đề cử", the central units and the proposals from outside the sector
//! (Công văn 1371 mục B.III.1, B.IV.2.c). They are written by `render::xlsx`
//! beside its other sheets, from the results alone.

use crate::model::{DecisionKind, RunResult};
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, XlsxError};

/// Sheets "Cá nhân" and "Đề cử" of tong-hop.xlsx, when the run has
/// individuals or nominations.
pub fn people_sheets(wb: &mut Workbook, r: &RunResult, used: &mut Vec<String>) -> Result<(), XlsxError> {
    if r.individuals.is_empty() && r.nominations.is_empty() {
        return Ok(());
    }
    let base = Format::new()
        .set_font_name("Times New Roman")
        .set_font_size(11)
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter);
    let head = base.clone().set_bold().set_text_wrap().set_align(FormatAlign::Center).set_background_color(Color::RGB(0xDDEBF7));
    let wrap = base.clone().set_text_wrap();
    let met = base.clone().set_background_color(Color::RGB(0xC6EFCE));
    let warn = base.clone().set_background_color(Color::RGB(0xFFEB9C));
    let style = |k: DecisionKind| match k {
        DecisionKind::Proposed | DecisionKind::Candidate => &met,
        DecisionKind::CutByQuota | DecisionKind::TiedAtQuota | DecisionKind::NotAssessable => &warn,
        _ => &base,
    };
    let mut name = |want: &str| {
        let mut n = want.to_string();
        let mut k = 2;
        while used.iter().any(|u| u.eq_ignore_ascii_case(&n)) {
            n = format!("{want} {k}");
            k += 1;
        }
        used.push(n.clone());
        n
    };
    let text = |s: &str| -> String { super::xlsx::cell_text(crate::vn::format::bind_figures(s)).into_owned() };
    if !r.individuals.is_empty() {
        let ws = wb.add_worksheet();
        ws.set_name(name("Cá nhân"))?;
        let cols: [(&str, f64); 9] = [
            ("STT", 5.0),
            ("Họ và tên", 24.0),
            ("Chức vụ", 20.0),
            ("Đơn vị", 26.0),
            ("Hình thức", 28.0),
            ("Kết quả", 22.0),
            ("Lý do", 90.0),
            ("Thành tích", 40.0),
            ("Nguồn", 30.0),
        ];
        columns(ws, &cols, &head)?;
        for (k, i) in r.individuals.iter().enumerate() {
            let row = k as u32 + 1;
            ws.write_number_with_format(row, 0, (k + 1) as f64, &base)?;
            ws.write_string_with_format(row, 1, text(&i.full_name), &base)?;
            ws.write_string_with_format(row, 2, text(&i.position), &wrap)?;
            ws.write_string_with_format(row, 3, text(&i.unit_name), &wrap)?;
            ws.write_string_with_format(row, 4, text(&i.award), &wrap)?;
            ws.write_string_with_format(row, 5, i.kind.label_vi(), style(i.kind))?;
            ws.write_string_with_format(row, 6, text(&i.reason), &wrap)?;
            ws.write_string_with_format(row, 7, text(&i.achievements), &wrap)?;
            ws.write_string_with_format(row, 8, i.source.to_string(), &wrap)?;
        }
        super::xlsx::finish_sheet(ws, 0, r.individuals.len() as u32, 8)?;
    }
    if !r.nominations.is_empty() {
        let ws = wb.add_worksheet();
        ws.set_name(name("Đề cử"))?;
        let cols: [(&str, f64); 9] = [
            ("STT", 5.0),
            ("Loại", 22.0),
            ("Tên tập thể, cá nhân", 28.0),
            ("Đơn vị đề xuất", 24.0),
            ("Thứ tự đề xuất", 9.0),
            ("Hình thức", 34.0),
            ("Kết quả", 22.0),
            ("Lý do", 90.0),
            ("Thành tích", 40.0),
        ];
        columns(ws, &cols, &head)?;
        for (k, n) in r.nominations.iter().enumerate() {
            let row = k as u32 + 1;
            ws.write_number_with_format(row, 0, (k + 1) as f64, &base)?;
            let kind = if n.kind == "ngoai-nganh" { "Ngoài Ngành" } else { "Đơn vị trực thuộc BHXH Việt Nam" };
            ws.write_string_with_format(row, 1, kind, &wrap)?;
            ws.write_string_with_format(row, 2, text(&n.name), &wrap)?;
            ws.write_string_with_format(row, 3, text(&n.proposer), &wrap)?;
            match n.priority {
                Some(p) => ws.write_number_with_format(row, 4, p as f64, &base)?,
                None => ws.write_string_with_format(row, 4, "", &base)?,
            };
            ws.write_string_with_format(row, 5, text(&n.award_name), &wrap)?;
            ws.write_string_with_format(row, 6, n.decision.label_vi(), style(n.decision))?;
            ws.write_string_with_format(row, 7, text(&n.reason), &wrap)?;
            ws.write_string_with_format(row, 8, text(&n.achievement), &wrap)?;
        }
        super::xlsx::finish_sheet(ws, 0, r.nominations.len() as u32, 8)?;
    }
    Ok(())
}

/// The header row: each column's title and width.
fn columns(ws: &mut rust_xlsxwriter::Worksheet, cols: &[(&str, f64)], head: &Format) -> Result<(), XlsxError> {
    for (c, (h, w)) in cols.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, head)?;
        ws.set_column_width(c as u16, *w)?;
    }
    Ok(())
}
