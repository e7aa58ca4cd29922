//! The Excel summary `tong-hop.xlsx` (SPEC §6), written with
//! rust_xlsxwriter: figures, rankings (the country and one sheet per
//! cluster), criteria met and missed, proposals against the quotas, the
//! problems, and native charts of the period's progress against its
//! threshold. Numbers are stored as numbers with Excel formats (shown
//! "1.234.567" and "71,50%" on a Vietnamese Excel); every text that came
//! from an input is written as a string, never as a formula.

use crate::model::{DecisionKind, Num, RunResult, Status};
use crate::rules::Rules;
use rust_xlsxwriter::{
    Chart, ChartType, Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use std::path::Path;

const NO_DATA: &str = "không có số liệu";

struct Styles {
    head: Format,
    text: Format,
    wrap: Format,
    int: Format,
    dec: Format,
    pct: Format,
    met: Format,
    missed: Format,
    unknown: Format,
    title: Format,
}

fn styles() -> Styles {
    let base = Format::new()
        .set_font_name("Times New Roman")
        .set_font_size(11)
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter);
    Styles {
        head: base.clone().set_bold().set_text_wrap().set_align(FormatAlign::Center).set_background_color(Color::RGB(0xDDEBF7)),
        text: base.clone(),
        wrap: base.clone().set_text_wrap(),
        int: base.clone().set_num_format("#,##0"),
        dec: base.clone().set_num_format("#,##0.00"),
        pct: base.clone().set_num_format("0.00%"),
        met: base.clone().set_background_color(Color::RGB(0xC6EFCE)),
        missed: base.clone().set_background_color(Color::RGB(0xFFC7CE)),
        unknown: base.clone().set_background_color(Color::RGB(0xFFEB9C)),
        title: Format::new().set_font_name("Times New Roman").set_font_size(13).set_bold(),
    }
}

/// Write text as text (never a formula), within Excel's 32 767-character
/// cell limit: a longer text is cut with "…" rather than failing the file.
fn put<'a>(ws: &'a mut Worksheet, r: u32, c: u16, s: impl AsRef<str>, f: &Format) -> Result<&'a mut Worksheet, XlsxError> {
    let s = s.as_ref();
    if s.chars().count() > 32_000 {
        let cut: String = s.chars().take(32_000).collect();
        ws.write_string_with_format(r, c, cut + "…", f)
    } else {
        ws.write_string_with_format(r, c, s, f)
    }
}

/// Common page and view setup: frozen header, filter, A4 landscape, one
/// page wide, header row repeated on every printed page.
fn finish_sheet(ws: &mut Worksheet, header_row: u32, last_row: u32, last_col: u16) -> Result<(), XlsxError> {
    ws.set_freeze_panes(header_row + 1, 0)?;
    if last_row > header_row {
        ws.autofilter(header_row, 0, last_row, last_col)?;
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(header_row, header_row)?;
    Ok(())
}

fn header(ws: &mut Worksheet, row: u32, cols: &[(&str, f64)], st: &Styles) -> Result<(), XlsxError> {
    for (i, (name, width)) in cols.iter().enumerate() {
        put(ws, row, i as u16, *name, &st.head)?;
        ws.set_column_width(i as u16, *width)?;
    }
    ws.set_row_height(row, 45)?;
    Ok(())
}

/// Write a value: a number with its format, or "không có số liệu".
fn num(ws: &mut Worksheet, r: u32, c: u16, v: Option<&Num>, percent: bool, st: &Styles) -> Result<(), XlsxError> {
    match v {
        Some(v) if percent => ws.write_number_with_format(r, c, v.to_f64(), &st.pct)?,
        Some(v) if v.0.is_integer() => ws.write_number_with_format(r, c, v.to_f64(), &st.int)?,
        Some(v) => ws.write_number_with_format(r, c, v.to_f64(), &st.dec)?,
        None => put(ws, r, c, NO_DATA, &st.unknown)?,
    };
    Ok(())
}

/// A valid, unique sheet name (≤ 31 characters, none of []:*?/\).
fn sheet_name(wanted: &str, used: &mut Vec<String>) -> String {
    let clean: String = wanted.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(28).collect();
    let mut name = clean.clone();
    let mut n = 2;
    while used.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
        name = format!("{clean} {n}");
        n += 1;
    }
    used.push(name.clone());
    name
}

pub fn write_summary(result: &RunResult, rules: &Rules, path: &Path) -> anyhow::Result<()> {
    let bytes = summary_bytes(result, rules)?;
    std::fs::write(path, bytes)?;
    Ok(())
}

pub fn summary_bytes(r: &RunResult, rules: &Rules) -> Result<Vec<u8>, XlsxError> {
    let st = styles();
    let mut wb = Workbook::new();
    // Deflate at the fastest level: the national summary (0,5 MB) is
    // written in about half the time and half as large again.
    wb.set_zip_compression_level(1);
    let (d, m, y) = r.period.end_date();
    let props = DocProperties::new()
        .set_title(format!("Tổng hợp thi đua {}", r.period_label))
        .set_author("thidua")
        .set_company("Bảo hiểm xã hội Việt Nam")
        .set_creation_datetime(&ExcelDateTime::from_ymd(y as u16, m as u8, d as u8)?);
    wb.set_properties(&props);
    let mut used = Vec::new();

    // 1. Figures and measures, one row per unit.
    {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name("Tổng hợp", &mut used))?;
        let mut cols: Vec<(String, f64)> = vec![("STT".into(), 5.0), ("Đơn vị".into(), 28.0), ("Cụm/Khối".into(), 24.0)];
        for i in &rules.file.indicators {
            cols.push((format!("{} ({})", i.name, i.unit), 14.0));
        }
        for m in &rules.file.measures {
            cols.push((m.name.clone(), 14.0));
        }
        cols.push(("Ghi chú".into(), 24.0));
        let cr: Vec<(&str, f64)> = cols.iter().map(|(a, b)| (a.as_str(), *b)).collect();
        header(ws, 0, &cr, &st)?;
        for (i, u) in r.units.iter().enumerate() {
            let row = i as u32 + 1;
            ws.write_number_with_format(row, 0, (i + 1) as f64, &st.text)?;
            put(ws, row, 1, &u.name, &st.text)?;
            put(ws, row, 2, &u.cluster_name, &st.text)?;
            let mut c = 3u16;
            for ind in &rules.file.indicators {
                num(ws, row, c, u.figures.get(&ind.key), ind.percent, &st)?;
                c += 1;
            }
            for md in &rules.file.measures {
                let v = u.measures.iter().find(|x| x.key == md.key).and_then(|x| x.value);
                num(ws, row, c, v.as_ref(), md.percent, &st)?;
                c += 1;
            }
            let note = if u.figures.is_empty() {
                "Không gửi số liệu"
            } else if u.has_input_errors {
                "Có lỗi dữ liệu đầu vào (xem trang Lỗi dữ liệu)"
            } else {
                ""
            };
            put(ws, row, c, note, &st.text)?;
        }
        finish_sheet(ws, 0, r.units.len() as u32, cols.len() as u16 - 1)?;
    }

    // 2. Rankings: the whole run in one table, then one sheet per cluster.
    {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name("Xếp hạng", &mut used))?;
        header(
            ws,
            0,
            &[
                ("Bảng xếp hạng", 34.0),
                ("Phạm vi", 26.0),
                ("Hạng", 7.0),
                ("Đơn vị", 28.0),
                ("Giá trị", 12.0),
                ("Tiêu chí phụ", 14.0),
                ("Đồng hạng", 10.0),
                ("Ghi chú", 60.0),
            ],
            &st,
        )?;
        let mut row = 1u32;
        for k in &r.rankings {
            for e in &k.entries {
                put(ws, row, 0, &k.title, &st.text)?;
                put(ws, row, 1, &k.scope_name, &st.text)?;
                match e.rank {
                    Some(rk) => ws.write_number_with_format(row, 2, rk as f64, &st.text)?,
                    None => put(ws, row, 2, "—", &st.text)?,
                };
                put(ws, row, 3, &e.name, &st.text)?;
                num(ws, row, 4, e.value.as_ref(), k.percent, &st)?;
                num(ws, row, 5, e.tie_breakers.first().and_then(|x| x.as_ref()), true, &st)?;
                put(ws, row, 6, if e.tied { "Đồng hạng" } else { "" }, &st.text)?;
                put(ws, row, 7, e.note.as_deref().unwrap_or(""), &st.wrap)?;
                row += 1;
            }
        }
        finish_sheet(ws, 0, row - 1, 7)?;
    }
    let mut scopes: Vec<(&str, &str)> = Vec::new();
    for k in &r.rankings {
        if k.scope != "toan-quoc" && !scopes.iter().any(|s| s.0 == k.scope) {
            scopes.push((&k.scope, &k.scope_name));
        }
    }
    for (scope, scope_name) in scopes {
        let ks: Vec<_> = r.rankings.iter().filter(|k| k.scope == scope).collect();
        let first = ks[0];
        let short = scope_name
            .replace("Cụm thi đua cấp tỉnh", "Cụm")
            .replace("Khối thi đua", "Khối")
            .replace("Cụm thi đua cấp huyện", "Cụm huyện")
            .replace("(BHXH tỉnh ", "(")
            .replace("(BHXH thành phố ", "(");
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(&short, &mut used))?;
        put(ws, 0, 0, format!("{scope_name} — {}", r.period_label), &st.title)?;
        let mut cols: Vec<(String, f64)> = vec![("STT".into(), 5.0), ("Đơn vị".into(), 28.0)];
        for k in &ks {
            cols.push((k.measure_name.clone(), 14.0));
            cols.push((format!("Hạng ({})", k.title.trim_start_matches("Xếp hạng ")), 10.0));
        }
        let cr: Vec<(&str, f64)> = cols.iter().map(|(a, b)| (a.as_str(), *b)).collect();
        header(ws, 1, &cr, &st)?;
        for (i, e) in first.entries.iter().enumerate() {
            let row = i as u32 + 2;
            ws.write_number_with_format(row, 0, (i + 1) as f64, &st.text)?;
            put(ws, row, 1, &e.name, &st.text)?;
            for (j, k) in ks.iter().enumerate() {
                let c = 2 + 2 * j as u16;
                let ke = k.entries.iter().find(|x| x.unit == e.unit);
                num(ws, row, c, ke.and_then(|x| x.value.as_ref()), k.percent, &st)?;
                match ke.and_then(|x| x.rank) {
                    Some(rk) => ws.write_number_with_format(row, c + 1, rk as f64, &st.text)?,
                    None => put(ws, row, c + 1, "—", &st.text)?,
                };
            }
        }
        finish_sheet(ws, 1, first.entries.len() as u32 + 1, cols.len() as u16 - 1)?;
    }

    // 3. Criteria met and missed.
    {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name("Tiêu chí", &mut used))?;
        header(
            ws,
            0,
            &[
                ("STT", 5.0),
                ("Đơn vị", 28.0),
                ("Tiêu chí", 34.0),
                ("Kết quả", 16.0),
                ("Giá trị", 12.0),
                ("Ngưỡng", 12.0),
                ("Lý do", 80.0),
                ("Căn cứ", 30.0),
            ],
            &st,
        )?;
        let mut row = 1u32;
        for u in &r.units {
            for c in &u.criteria {
                ws.write_number_with_format(row, 0, row as f64, &st.text)?;
                put(ws, row, 1, &u.name, &st.text)?;
                put(ws, row, 2, &c.name, &st.wrap)?;
                let f = match c.status {
                    Status::Met => &st.met,
                    Status::Missed => &st.missed,
                    Status::NotAssessable => &st.unknown,
                };
                put(ws, row, 3, c.status.label_vi(), f)?;
                num(ws, row, 4, c.actual.as_ref(), c.percent, &st)?;
                num(ws, row, 5, c.bound.as_ref(), c.percent, &st)?;
                put(ws, row, 6, &c.reason, &st.wrap)?;
                put(ws, row, 7, &c.clause, &st.wrap)?;
                row += 1;
            }
        }
        finish_sheet(ws, 0, row - 1, 7)?;
    }

    // 4. Proposals, then the quotas they were weighed against.
    {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name("Đề nghị", &mut used))?;
        header(ws, 0, &[("Hình thức", 34.0), ("Đơn vị", 28.0), ("Kết quả", 26.0), ("Thứ tự", 8.0), ("Lý do", 90.0)], &st)?;
        let mut row = 1u32;
        for d in &r.decisions {
            put(ws, row, 0, &d.award_name, &st.wrap)?;
            put(ws, row, 1, &d.name, &st.text)?;
            let f = match d.kind {
                DecisionKind::Proposed | DecisionKind::Candidate => &st.met,
                DecisionKind::CutByQuota | DecisionKind::TiedAtQuota | DecisionKind::NotAssessable => &st.unknown,
                _ => &st.text,
            };
            put(ws, row, 2, d.kind.label_vi(), f)?;
            match d.rank {
                Some(rk) => ws.write_number_with_format(row, 3, rk as f64, &st.text)?,
                None => put(ws, row, 3, "", &st.text)?,
            };
            put(ws, row, 4, &d.reason, &st.wrap)?;
            row += 1;
        }
        finish_sheet(ws, 0, row.max(2) - 1, 4)?;

        // The annual review's secret ballot (Hướng dẫn 3636, mục B.I.1).
        if r.annual.iter().any(|c| !c.votes.is_empty()) {
            let ws = wb.add_worksheet();
            ws.set_name(sheet_name("Bỏ phiếu", &mut used))?;
            header(
                ws,
                0,
                &[
                    ("Khối, Cụm", 30.0),
                    ("Hình thức", 30.0),
                    ("Đơn vị", 28.0),
                    ("Số phiếu đồng ý", 10.0),
                    ("Số thành viên", 10.0),
                    ("Tỷ lệ", 10.0),
                    ("Được bình chọn", 10.0),
                    ("Lý do", 90.0),
                ],
                &st,
            )?;
            let mut row = 1u32;
            for c in &r.annual {
                for v in &c.votes {
                    put(ws, row, 0, &c.name, &st.wrap)?;
                    put(ws, row, 1, &v.award_name, &st.wrap)?;
                    put(ws, row, 2, &v.name, &st.text)?;
                    ws.write_number_with_format(row, 3, v.votes as f64, &st.text)?;
                    ws.write_number_with_format(row, 4, v.members as f64, &st.text)?;
                    num(ws, row, 5, Some(&v.share), true, &st)?;
                    put(ws, row, 6, if v.voted { "Có" } else { "Không" }, if v.voted { &st.met } else { &st.text })?;
                    put(ws, row, 7, &v.reason, &st.wrap)?;
                    row += 1;
                }
            }
            finish_sheet(ws, 0, row.max(2) - 1, 7)?;
        }

        let ws = wb.add_worksheet();
        ws.set_name(sheet_name("Hạn mức", &mut used))?;
        header(
            ws,
            0,
            &[
                ("Hình thức", 34.0),
                ("Số lượng tối đa", 12.0),
                ("Đủ tiêu chí", 12.0),
                ("Đề nghị", 10.0),
                ("Ngoài số lượng", 12.0),
                ("Đồng hạng tại giới hạn", 12.0),
                ("Áp dụng", 22.0),
                ("Căn cứ", 40.0),
                ("Ghi chú", 50.0),
            ],
            &st,
        )?;
        for (i, q) in r.quotas.iter().enumerate() {
            let row = i as u32 + 1;
            put(ws, row, 0, &q.award_name, &st.wrap)?;
            ws.write_number_with_format(row, 1, q.limit as f64, &st.int)?;
            ws.write_number_with_format(row, 2, q.qualified as f64, &st.int)?;
            ws.write_number_with_format(row, 3, q.proposed.len() as f64, &st.int)?;
            ws.write_number_with_format(row, 4, q.cut.len() as f64, &st.int)?;
            ws.write_number_with_format(row, 5, q.tied_at_edge.len() as f64, &st.int)?;
            put(ws, row, 6, if q.applied { "Áp dụng tại kỳ xét này" } else { "Chỉ đề xuất lên cấp trên" }, &st.wrap)?;
            put(ws, row, 7, &q.clause, &st.wrap)?;
            put(ws, row, 8, &q.note, &st.wrap)?;
        }
        finish_sheet(ws, 0, r.quotas.len().max(1) as u32, 8)?;
    }

    // Individuals and nominations (render::individuals).
    crate::render::individuals::summary_sheets(&mut wb, r, &mut used)?;

    // 5. Problems.
    {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name("Lỗi dữ liệu", &mut used))?;
        header(
            ws,
            0,
            &[("STT", 5.0), ("Mức độ", 10.0), ("Tệp", 30.0), ("Trang tính", 16.0), ("Ô", 7.0), ("Đơn vị", 24.0), ("Nội dung", 90.0)],
            &st,
        )?;
        for (i, p) in r.problems.iter().enumerate() {
            let row = i as u32 + 1;
            ws.write_number_with_format(row, 0, (i + 1) as f64, &st.text)?;
            put(ws, row, 1, p.severity.label_vi(), if p.severity == crate::model::Severity::Error { &st.missed } else { &st.unknown })?;
            put(ws, row, 2, &p.location.file, &st.text)?;
            put(ws, row, 3, p.location.sheet.as_deref().unwrap_or(""), &st.text)?;
            put(ws, row, 4, p.location.cell.as_deref().unwrap_or(""), &st.text)?;
            let unit = p.unit.as_deref().map(|id| r.units.iter().find(|u| u.unit == id).map_or(id, |u| u.name.as_str())).unwrap_or("");
            put(ws, row, 5, unit, &st.text)?;
            put(ws, row, 6, &p.message, &st.wrap)?;
        }
        if r.problems.is_empty() {
            put(ws, 1, 6, "Không phát hiện lỗi nào trong dữ liệu đầu vào.", &st.text)?;
        }
        finish_sheet(ws, 0, r.problems.len().max(1) as u32, 6)?;
    }

    // 6. Charts: each criterion measured against the period's threshold.
    charts(&mut wb, r, rules, &st, &mut used)?;
    wb.save_to_buffer()
}

/// The annual review's charts: each block or cluster's total scores (up to
/// ten clusters), else the proposals per award across the run.
fn annual_charts(wb: &mut Workbook, r: &RunResult, st: &Styles, used: &mut Vec<String>) -> Result<(), XlsxError> {
    let name = sheet_name("Biểu đồ", used);
    let ws = wb.add_worksheet();
    ws.set_name(&name)?;
    if r.annual.len() <= 10 {
        let mut col = 0u16;
        for (ci, c) in r.annual.iter().enumerate() {
            put(ws, 0, col, &c.name, &st.head)?;
            put(ws, 0, col + 1, "Tổng điểm", &st.head)?;
            ws.set_column_width(col, 28)?;
            let scored: Vec<_> = c.scores.iter().filter(|s| s.total.is_some()).collect();
            for (i, s) in scored.iter().enumerate() {
                put(ws, i as u32 + 1, col, &s.name, &st.text)?;
                ws.write_number_with_format(i as u32 + 1, col + 1, s.total.map(|t| t.to_f64()).unwrap_or(0.0), &st.text)?;
            }
            let n = scored.len() as u32;
            if n > 0 {
                let mut chart = Chart::new(ChartType::Column);
                chart
                    .add_series()
                    .set_categories((name.as_str(), 1, col, n, col))
                    .set_values((name.as_str(), 1, col + 1, n, col + 1))
                    .set_name("Tổng điểm");
                chart.title().set_name(&format!("Tổng điểm thi đua — {} — {}", c.name, r.period_label));
                chart.x_axis().set_name("Đơn vị");
                chart.y_axis().set_name("Điểm");
                chart.set_width(900.max(40 * n)).set_height(380);
                ws.insert_chart(30 + 22 * ci as u32, 0, &chart)?;
            }
            col += 3;
        }
    } else {
        put(ws, 0, 0, "Hình thức", &st.head)?;
        put(ws, 0, 1, "Số tập thể đề nghị", &st.head)?;
        ws.set_column_width(0, 44)?;
        let mut awards: Vec<(&str, usize)> = Vec::new();
        for d in r.decisions.iter().filter(|d| d.kind == DecisionKind::Proposed && d.award != "xet_thi_dua") {
            match awards.iter_mut().find(|a| a.0 == d.award_name) {
                Some(a) => a.1 += 1,
                None => awards.push((&d.award_name, 1)),
            }
        }
        for (i, (a, k)) in awards.iter().enumerate() {
            put(ws, i as u32 + 1, 0, *a, &st.text)?;
            ws.write_number_with_format(i as u32 + 1, 1, *k as f64, &st.text)?;
        }
        let n = awards.len() as u32;
        if n > 0 {
            let mut chart = Chart::new(ChartType::Bar);
            chart.add_series().set_categories((name.as_str(), 1, 0, n, 0)).set_values((name.as_str(), 1, 1, n, 1)).set_name("Số tập thể");
            chart.title().set_name(&format!("Đề nghị khen thưởng {} — {}", r.period_label, r.scope.name_vi()));
            chart.set_width(900).set_height(360);
            ws.insert_chart(n + 3, 0, &chart)?;
        }
    }
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

fn charts(wb: &mut Workbook, r: &RunResult, rules: &Rules, st: &Styles, used: &mut Vec<String>) -> Result<(), XlsxError> {
    if !r.annual.is_empty() {
        return annual_charts(wb, r, st, used);
    }
    let name = sheet_name("Biểu đồ", used);
    let ws = wb.add_worksheet();
    ws.set_name(&name)?;
    // Criteria compared with the period's threshold ("nguong").
    let crits: Vec<_> = rules.file.criteria.iter().filter(|c| c.bound.trim() == "nguong").collect();
    let threshold = rules.threshold(&r.period);
    let n = r.units.len() as u32;
    let mut col = 0u16;
    for (ci, c) in crits.iter().enumerate() {
        let mut units: Vec<(&str, Option<Num>)> =
            r.units.iter().map(|u| (u.name.as_str(), u.measures.iter().find(|m| m.key == c.measure).and_then(|m| m.value))).collect();
        units.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| crate::vn::collate::cmp(a.0, b.0)));
        put(ws, 0, col, "Đơn vị", &st.head)?;
        put(ws, 0, col + 1, &c.name, &st.head)?;
        put(ws, 0, col + 2, "Ngưỡng của kỳ", &st.head)?;
        ws.set_column_width(col, 24)?;
        ws.set_column_width(col + 1, 14)?;
        ws.set_column_width(col + 2, 12)?;
        for (i, (u, v)) in units.iter().enumerate() {
            let row = i as u32 + 1;
            put(ws, row, col, *u, &st.text)?;
            match v {
                Some(v) => ws.write_number_with_format(row, col + 1, v.to_f64(), &st.pct)?,
                None => ws.write_blank(row, col + 1, &st.text)?,
            };
            match &threshold {
                Some(t) => ws.write_number_with_format(row, col + 2, t.to_f64(), &st.pct)?,
                None => ws.write_blank(row, col + 2, &st.text)?,
            };
        }
        if n > 0 {
            let mut chart = Chart::new(ChartType::Column);
            chart
                .add_series()
                .set_categories((name.as_str(), 1, col, n, col))
                .set_values((name.as_str(), 1, col + 1, n, col + 1))
                .set_name(c.name.as_str());
            let mut line = Chart::new(ChartType::Line);
            line.add_series()
                .set_categories((name.as_str(), 1, col, n, col))
                .set_values((name.as_str(), 1, col + 2, n, col + 2))
                .set_name(format!("Ngưỡng {}", r.period_label).as_str());
            chart.combine(&line);
            chart.title().set_name(&format!("{} — {}", c.name, r.period_label));
            chart.x_axis().set_name("Đơn vị");
            chart.y_axis().set_name("Tỷ lệ").set_num_format("0%");
            chart.set_width(1100.max(18 * n)).set_height(420);
            ws.insert_chart(n + 3 + 24 * ci as u32, 0, &chart)?;
        }
        col += 4;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}
