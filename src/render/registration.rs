//! The registrations in tong-hop.xlsx: for a covenant run, the targets each
//! member registered (one row per member and target) and the problems; for
//! a run over results, each result against its unit's registration, the
//! plan and the same period last year.

use super::xlsx::{finish_sheet, header, put, sheet_name, styles, Styles};
use crate::model::registration::RegistrationReport;
use crate::model::{Num, RunResult};
use crate::registry::Registry;
use crate::rules::Rules;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, Worksheet, XlsxError};

/// A figure in the target's unit: a number cell (ratios as percentages).
fn figure(ws: &mut Worksheet, r: u32, c: u16, t_unit: &str, v: Option<&Num>, st: &Styles) -> Result<(), XlsxError> {
    match v {
        Some(v) if t_unit == "%" => ws.write_number_with_format(r, c, v.to_f64(), &st.pct).map(|_| ()),
        Some(v) if v.0.is_integer() => ws.write_number_with_format(r, c, v.to_f64(), &st.int).map(|_| ()),
        Some(v) => ws.write_number_with_format(r, c, v.to_f64(), &st.dec).map(|_| ()),
        None => ws.write_blank(r, c, &st.text).map(|_| ()),
    }
}

/// The sheet "Đăng ký chỉ tiêu": every member of the clusters covered, each
/// target, the year and the quarters registered, last year's registration
/// beside it when read, and the cell each figure came from.
pub fn registered_sheet(
    wb: &mut Workbook,
    rep: &RegistrationReport,
    rules: &Rules,
    reg: &Registry,
    used: &mut Vec<String>,
) -> Result<(), XlsxError> {
    let st = styles();
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name("Đăng ký chỉ tiêu", used))?;
    let prev_head = rep.previous.as_ref().map(|p| format!("Đăng ký năm {}", p.year)).unwrap_or_else(|| "Đăng ký năm trước".into());
    let cols: Vec<(&str, f64)> = vec![
        ("STT", 5.0),
        ("Khối/Cụm", 26.0),
        ("Đơn vị", 26.0),
        ("Chỉ tiêu", 34.0),
        ("Đơn vị tính", 10.0),
        ("Cả năm", 14.0),
        ("Quý I", 13.0),
        ("Quý II", 13.0),
        ("Quý III", 13.0),
        ("Quý IV", 13.0),
        (prev_head.as_str(), 14.0),
        ("Ghi chú", 40.0),
        ("Nơi đọc số cả năm", 40.0),
    ];
    header(ws, 0, &cols, &st)?;
    let mut row = 0u32;
    for cid in &rep.clusters {
        let Some(c) = reg.cluster(cid) else { continue };
        for m in &c.members {
            let name = reg.unit(m).map_or(m.as_str(), |u| u.name.as_str());
            for t in &rules.file.targets {
                row += 1;
                let e = rep.registrations.get(m, &t.id);
                ws.write_number_with_format(row, 0, row as f64, &st.text)?;
                put(ws, row, 1, &c.name, &st.wrap)?;
                put(ws, row, 2, name, &st.wrap)?;
                put(ws, row, 3, &t.name, &st.wrap)?;
                put(ws, row, 4, &t.unit, &st.text)?;
                figure(ws, row, 5, &t.unit, e.and_then(|e| e.year.as_ref()).map(|r| &r.value), &st)?;
                for q in 0..4 {
                    figure(ws, row, 6 + q as u16, &t.unit, e.and_then(|e| e.quarters[q].as_ref()).map(|r| &r.value), &st)?;
                }
                let prev = rep.previous.as_ref().and_then(|p| p.get(m, &t.id)).and_then(|e| e.year.as_ref());
                figure(ws, row, 10, &t.unit, prev.map(|r| &r.value), &st)?;
                let note = if e.is_some() {
                    ""
                } else if rep.registrations.rejected.contains(&(m.clone(), t.id.clone())) {
                    "Số đăng ký có lỗi, không dùng (xem trang Lỗi dữ liệu)"
                } else {
                    "Chưa đăng ký"
                };
                put(ws, row, 11, note, if note.is_empty() { &st.text } else { &st.unknown })?;
                let at = e.and_then(|e| e.year.as_ref()).map(|r| r.at.to_string()).unwrap_or_default();
                put(ws, row, 12, at, &st.wrap)?;
            }
        }
    }
    finish_sheet(ws, 0, row.max(1), 12)
}

/// The summary of a covenant run: the registered targets, then the problems.
pub fn summary_bytes(r: &RunResult, rep: &RegistrationReport, rules: &Rules, reg: &Registry) -> Result<Vec<u8>, XlsxError> {
    let st = styles();
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("Đăng ký chỉ tiêu thi đua năm {}", rep.year))
            .set_author("thidua")
            .set_company("Bảo hiểm xã hội Việt Nam")
            .set_creation_datetime(&ExcelDateTime::from_ymd(rep.year as u16, 1, 1)?),
    );
    let mut used = Vec::new();
    registered_sheet(&mut wb, rep, rules, reg, &mut used)?;
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name("Lỗi dữ liệu", &mut used))?;
    header(ws, 0, &[("STT", 5.0), ("Mức độ", 10.0), ("Tệp", 30.0), ("Trang tính", 16.0), ("Ô", 7.0), ("Nội dung", 100.0)], &st)?;
    for (i, p) in r.problems.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_number_with_format(row, 0, (i + 1) as f64, &st.text)?;
        put(ws, row, 1, p.severity.label_vi(), if p.severity == crate::model::Severity::Error { &st.missed } else { &st.unknown })?;
        put(ws, row, 2, &p.location.file, &st.wrap)?;
        put(ws, row, 3, p.location.sheet.as_deref().unwrap_or(""), &st.text)?;
        put(ws, row, 4, p.location.cell.as_deref().unwrap_or(""), &st.text)?;
        put(ws, row, 5, &p.message, &st.wrap)?;
    }
    if r.problems.is_empty() {
        put(ws, 1, 5, "Không phát hiện lỗi nào trong dữ liệu đầu vào.", &st.text)?;
    }
    finish_sheet(ws, 0, r.problems.len().max(1) as u32, 5)?;
    wb.save_to_buffer()
}

/// The sheet "So với đăng ký" of a run over results: one row per unit and
/// target, the result, what was registered for the period, the plan and
/// last year, each rate, and the comparison in words.
pub fn comparison_sheet(wb: &mut Workbook, r: &RunResult, used: &mut Vec<String>) -> Result<(), XlsxError> {
    let Some(rep) = &r.registration else { return Ok(()) };
    if rep.comparisons.is_empty() {
        return Ok(());
    }
    let st = styles();
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name("So với đăng ký", used))?;
    header(
        ws,
        0,
        &[
            ("STT", 5.0),
            ("Đơn vị", 26.0),
            ("Chỉ tiêu", 30.0),
            ("Đơn vị tính", 10.0),
            ("Thực hiện", 14.0),
            ("Số đăng ký của kỳ", 14.0),
            ("Đăng ký cho", 14.0),
            ("Đăng ký cả năm", 14.0),
            ("Kế hoạch năm", 14.0),
            ("Cùng kỳ năm trước", 14.0),
            ("So với đăng ký", 11.0),
            ("So với kế hoạch", 11.0),
            ("So với cùng kỳ", 11.0),
            ("Nhận xét", 70.0),
        ],
        &st,
    )?;
    for (i, c) in rep.comparisons.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_number_with_format(row, 0, row as f64, &st.text)?;
        put(ws, row, 1, &c.unit_name, &st.wrap)?;
        put(ws, row, 2, &c.target_name, &st.wrap)?;
        put(ws, row, 3, &c.unit_of_measure, &st.text)?;
        let u = c.unit_of_measure.as_str();
        figure(ws, row, 4, u, c.result.as_ref(), &st)?;
        figure(ws, row, 5, u, c.registered.as_ref(), &st)?;
        put(
            ws,
            row,
            6,
            c.registered_for.as_deref().unwrap_or("Chưa đăng ký"),
            if c.registered.is_some() { &st.text } else { &st.unknown },
        )?;
        figure(ws, row, 7, u, c.registered_year.as_ref(), &st)?;
        figure(ws, row, 8, u, c.plan.as_ref(), &st)?;
        figure(ws, row, 9, u, c.last_year.as_ref(), &st)?;
        let rate = |ws: &mut Worksheet, col: u16, v: Option<&Num>, meets: Option<bool>| -> Result<(), XlsxError> {
            let f = match meets {
                Some(true) => st.pct.clone().set_background_color(rust_xlsxwriter::Color::RGB(0xC6EFCE)),
                Some(false) => st.pct.clone().set_background_color(rust_xlsxwriter::Color::RGB(0xFFC7CE)),
                None => st.pct.clone(),
            };
            match v {
                Some(v) => ws.write_number_with_format(row, col, v.to_f64(), &f).map(|_| ()),
                None => ws.write_blank(row, col, &st.text).map(|_| ()),
            }
        };
        rate(ws, 10, c.vs_registered.as_ref(), c.meets_registration)?;
        rate(ws, 11, c.vs_plan.as_ref(), None)?;
        rate(ws, 12, c.vs_last_year.as_ref(), None)?;
        put(ws, row, 13, &c.note, &st.wrap)?;
    }
    finish_sheet(ws, 0, rep.comparisons.len() as u32, 13)
}
