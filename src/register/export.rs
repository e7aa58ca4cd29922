//! The history as a workbook (`thidua so xem … --xlsx FILE`): a sheet of
//! every award with its decision, a sheet of awards by year with a native
//! column chart, and the heads and deputies. Text from the register is
//! written as text, never as a formula; same history → same bytes.

use super::query::{Entry, TermRow};
use crate::registry::Registry;
use rust_xlsxwriter::{Chart, ChartLegendPosition, ChartType, DocProperties, ExcelDateTime, Format, FormatBorder, Workbook, XlsxError};
use std::collections::BTreeMap;

/// The columns of the by-year sheet: the three awards of 3636, then any
/// other title or award, then proposals still without a decision.
const AWARD_COLUMNS: &[(&str, &str)] =
    &[("co_bhxh", "Cờ thi đua của BHXH Việt Nam"), ("co_cp", "Cờ thi đua của Chính phủ"), ("bang_khen", "Bằng khen của Tổng Giám đốc")];

pub fn workbook(title: &str, entries: &[Entry], terms: &[TermRow]) -> Result<Vec<u8>, XlsxError> {
    let reg = Registry::builtin();
    let name = |u: &str| reg.unit(u).map_or(u.to_string(), |x| x.name.clone());
    let mut wb = Workbook::new();
    wb.set_properties(&DocProperties::new().set_author("thidua").set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?));
    let base = Format::new().set_font_name("Times New Roman").set_border(FormatBorder::Thin).set_text_wrap();
    let head = base.clone().set_bold().set_background_color("D9E1F2");
    // History rows stay one line each (the decision column is wide): a
    // wrapped cell without a row height overlaps the next row in some viewers.
    let line = Format::new().set_font_name("Times New Roman").set_border(FormatBorder::Thin);
    let bold = Format::new().set_bold().set_font_name("Times New Roman").set_font_size(13);

    // 1. Every award, with its decision.
    let ws = wb.add_worksheet();
    ws.set_name("Lịch sử khen thưởng")?;
    ws.write_string_with_format(0, 0, title, &bold)?;
    let cols = [("Năm", 8.0), ("Kỳ", 9.0), ("Đơn vị", 32.0), ("Hình thức khen thưởng", 36.0), ("Kết quả", 26.0), ("Quyết định", 82.0)];
    for (i, (h, w)) in cols.iter().enumerate() {
        ws.write_string_with_format(2, i as u16, *h, &head)?;
        ws.set_column_width(i as u16, *w)?;
    }
    for (i, e) in entries.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_number_with_format(r, 0, e.year as f64, &line)?;
        // write_string never turns "=…" into a formula. The period is shown
        // only when it is not the year (a quarter's proposals).
        let period = if e.period == e.year.to_string() { String::new() } else { e.period.clone() };
        for (c, t) in
            [(1u16, period), (2, e.unit_name.clone()), (3, e.award_name.clone()), (4, e.status_vi().to_string()), (5, e.decision_vi())]
        {
            // Names recorded from earlier runs: written as any text of the
            // summary is (render::xlsx::cell_text).
            ws.write_string_with_format(r, c, &*crate::render::xlsx::cell_text(std::borrow::Cow::Borrowed(&t)), &line)?;
        }
    }
    ws.set_freeze_panes(3, 0)?;
    if !entries.is_empty() {
        ws.autofilter(2, 0, 2 + entries.len() as u32, cols.len() as u16 - 1)?;
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(2, 2)?;

    // 2. Awards granted by year, and proposals still awaiting a decision.
    let mut by_year: BTreeMap<i32, [u32; 5]> = BTreeMap::new();
    for e in entries {
        let row = by_year.entry(e.year).or_default();
        match e.outcome.as_str() {
            "granted" => row[AWARD_COLUMNS.iter().position(|(id, _)| *id == e.award).unwrap_or(3)] += 1,
            "" => row[4] += 1,
            _ => {}
        }
    }
    let sheet = "Theo năm";
    let ws = wb.add_worksheet();
    ws.set_name(sheet)?;
    let mut headers: Vec<&str> = vec!["Năm"];
    headers.extend(AWARD_COLUMNS.iter().map(|(_, n)| *n));
    headers.extend(["Danh hiệu, hình thức khác", "Đề nghị chưa có quyết định"]);
    for (i, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, i as u16, *h, &head)?;
        ws.set_column_width(i as u16, if i == 0 { 8.0 } else { 18.0 })?;
    }
    ws.set_row_height(0, 32)?;
    for (i, (y, counts)) in by_year.iter().enumerate() {
        let r = 1 + i as u32;
        // The year as text: a category of the chart, not a value.
        ws.write_string_with_format(r, 0, y.to_string(), &base)?;
        for (c, n) in counts.iter().enumerate() {
            ws.write_number_with_format(r, 1 + c as u16, *n as f64, &base)?;
        }
    }
    let n = by_year.len() as u32;
    if n > 0 {
        let mut chart = Chart::new(ChartType::Column);
        for c in 1..=4u16 {
            chart.add_series().set_categories((sheet, 1, 0, n, 0)).set_values((sheet, 1, c, n, c)).set_name((sheet, 0, c));
        }
        chart.title().set_name("Số danh hiệu, hình thức khen thưởng được quyết định theo năm");
        chart.x_axis().set_name("Năm");
        chart.y_axis().set_name("Số khen thưởng").set_min(0.0).set_major_unit(1.0);
        chart.legend().set_position(ChartLegendPosition::Bottom);
        chart.set_width(780).set_height(420);
        ws.insert_chart(n + 3, 0, &chart)?;
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);

    // 3. Heads and deputies.
    let ws = wb.add_worksheet();
    ws.set_name("Cụm trưởng, Cụm phó")?;
    for (i, (h, w)) in
        [("Năm", 8.0), ("Khối, Cụm thi đua", 40.0), ("Khối trưởng, Cụm trưởng", 32.0), ("Khối phó, Cụm phó", 32.0)].iter().enumerate()
    {
        ws.write_string_with_format(0, i as u16, *h, &head)?;
        ws.set_column_width(i as u16, *w)?;
    }
    for (i, t) in terms.iter().enumerate() {
        let r = 1 + i as u32;
        ws.write_number_with_format(r, 0, t.year as f64, &base)?;
        let cluster = reg.cluster(&t.cluster).map_or(t.cluster.clone(), |c| c.name.clone());
        ws.write_string_with_format(r, 1, &cluster, &base)?;
        ws.write_string_with_format(r, 2, name(&t.head), &base)?;
        ws.write_string_with_format(r, 3, t.deputy.as_deref().map(name).unwrap_or_default(), &base)?;
    }
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    wb.save_to_buffer()
}
