//! Blank input workbooks for a cluster (SPEC §4, `thidua forms`): the
//! members' names filled in, the period in the title, number validation with
//! Vietnamese input messages, locked header cells and a frozen header, so
//! that units send exactly what the reader reads.
//!
//! One workbook per input kind of SPEC §10: indicators (kind 1, campaign
//! 1371), self-assessment and cross-scoring (2a, 2b), the vote tally (3),
//! eligibility (4), individuals proposed (5) and the meeting details (6),
//! with the headers the reader recognises. The indicator layout, given
//! values, is what the tests fill in and read back.
//!
//! A set holds what its period's campaign reads: a quarter the indicator
//! sheet and the individuals' list (Công văn 1371); the six-month review
//! (Hướng dẫn 3636, mục A.II.3.2.a) a sheet per quarter, the new models and
//! the meeting; the year end every review kind, with the vote and next
//! year's head.

mod nominations;
mod register;
pub mod registration;
pub use nominations::{central_form, individual_forms, outside_form};

use crate::demo::sheet::COLUMNS;
use crate::model::{Cluster, Num, Period};
use crate::registry::Registry;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder,
    ProtectionOptions, Workbook, XlsxError,
};
use std::collections::BTreeMap;

fn is_percent(key: &str) -> bool {
    key == "cham_dong.chi_tieu" || key == "ty_trong_dn"
}

/// The indicator form of one cluster for one period. `values` fills it in
/// (unit id → indicator key → value; percentages as fractions), for tests
/// and examples; a blank form has none.
pub fn indicator_form(
    reg: &Registry,
    cluster: &Cluster,
    period: &Period,
    values: Option<&BTreeMap<String, BTreeMap<String, Num>>>,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let (d, m, y) = period.end_date();
    wb.set_properties(
        &DocProperties::new()
            .set_author("thidua")
            .set_title(format!("Biểu chỉ tiêu thi đua {}", period.label_vi()))
            .set_creation_datetime(&ExcelDateTime::from_ymd(y as u16, m as u8, d as u8)?),
    );
    match *period {
        // The six-month review (Hướng dẫn 3636, mục A.II.3.2.a) weighs each
        // quarter's progress: one sheet per quarter, each titled with its
        // quarter, as the review reads them (figures to 31/3 and to 30/6).
        Period::Half { year } => {
            for q in [1, 2] {
                let name = format!("Quý {}", crate::model::period::roman(q));
                indicator_sheet(&mut wb, reg, cluster, &Period::Quarter { year, q: q as u8 }, &name, values)?;
            }
        }
        _ => indicator_sheet(&mut wb, reg, cluster, period, "Chỉ tiêu", values)?,
    }
    wb.save_to_buffer()
}

/// One indicator sheet of the form: `period` in its title.
fn indicator_sheet(
    wb: &mut Workbook,
    reg: &Registry,
    cluster: &Cluster,
    period: &Period,
    name: &str,
    values: Option<&BTreeMap<String, BTreeMap<String, Num>>>,
) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(name)?;
    let title = Format::new().set_bold().set_font_name("Times New Roman").set_font_size(13);
    let head = Format::new()
        .set_bold()
        .set_font_name("Times New Roman")
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color(0xDDEBF7);
    let name_fmt = Format::new().set_font_name("Times New Roman").set_border(FormatBorder::Thin);
    let input = Format::new().set_font_name("Times New Roman").set_border(FormatBorder::Thin).set_unlocked().set_num_format("#,##0");
    let input_pct = Format::new().set_font_name("Times New Roman").set_border(FormatBorder::Thin).set_unlocked().set_num_format("0.00");
    ws.write_string_with_format(0, 0, cluster.name.to_uppercase(), &title)?;
    ws.write_string_with_format(1, 2, format!("BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU THI ĐUA {}", period.label_vi().to_uppercase()), &title)?;
    ws.write_string_with_format(
        2,
        2,
        "(Kèm theo Công văn số 1371/BHXH-TĐKT ngày 24/5/2022; thu: triệu đồng; người tham gia: người; tỷ lệ: %)",
        &Format::new().set_italic(),
    )?;
    let hr = 4u32;
    ws.merge_range(hr, 0, hr + 1, 0, "STT", &head)?;
    ws.merge_range(hr, 1, hr + 1, 1, "Đơn vị", &head)?;
    ws.set_column_width(0, 5)?;
    ws.set_column_width(1, 30)?;
    let mut c = 2u16;
    while (c as usize) < COLUMNS.len() + 2 {
        let g = COLUMNS[c as usize - 2].0;
        let span = COLUMNS[c as usize - 2..].iter().take_while(|x| x.0 == g).count() as u16;
        if g.is_empty() {
            ws.merge_range(hr, c, hr + 1, c, COLUMNS[c as usize - 2].1, &head)?;
        } else {
            ws.merge_range(hr, c, hr, c + span - 1, g, &head)?;
            for k in 0..span {
                ws.write_string_with_format(hr + 1, c + k, COLUMNS[(c + k) as usize - 2].1, &head)?;
            }
        }
        for k in 0..span {
            ws.set_column_width(c + k, 12.5)?;
        }
        c += span;
    }
    ws.set_row_height(hr + 1, 48)?;
    let first = hr + 2;
    let members: Vec<_> = cluster.members.iter().filter_map(|id| reg.unit(id)).collect();
    for (i, u) in members.iter().enumerate() {
        let r = first + i as u32;
        ws.write_number_with_format(r, 0, (i + 1) as f64, &name_fmt)?;
        ws.write_string_with_format(r, 1, &u.name, &name_fmt)?;
        for (j, (_, _, key)) in COLUMNS.iter().enumerate() {
            let col = j as u16 + 2;
            let v = values.and_then(|v| v.get(&u.id)).and_then(|f| f.get(*key));
            let fmt = if is_percent(key) { &input_pct } else { &input };
            match v {
                Some(v) => {
                    let shown = if is_percent(key) { v.checked_mul(Num::int(100)).unwrap_or(*v) } else { *v };
                    ws.write_number_with_format(r, col, shown.to_f64(), fmt)?;
                }
                None => {
                    ws.write_blank(r, col, fmt)?;
                }
            }
        }
    }
    let last = first + members.len().max(1) as u32 - 1;
    let last_col = COLUMNS.len() as u16 + 1;
    // Numbers only, never negative; rates between 0 and 100.
    let amounts = DataValidation::new()
        .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
        .set_input_title("Nhập số")?
        .set_input_message("Nhập số (không âm). Thu tính bằng triệu đồng; người tham gia tính bằng người. Để trống nếu không có số liệu, không nhập 0 thay cho ô trống.")?
        .set_error_title("Giá trị không hợp lệ")?
        .set_error_message("Ô này chỉ nhận số không âm.")?
        .set_error_style(DataValidationErrorStyle::Stop);
    let rates = DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(0.0, 100.0))
        .set_input_title("Nhập tỷ lệ %")?
        .set_input_message("Nhập tỷ lệ phần trăm từ 0 đến 100, ví dụ 2,5 cho 2,5 %.")?
        .set_error_title("Giá trị không hợp lệ")?
        .set_error_message("Tỷ lệ phải từ 0 đến 100 (%).")?
        .set_error_style(DataValidationErrorStyle::Stop);
    for (j, (_, _, key)) in COLUMNS.iter().enumerate() {
        let col = j as u16 + 2;
        ws.add_data_validation(first, col, last, col, if is_percent(key) { &rates } else { &amounts })?;
    }
    ws.set_freeze_panes(first, 2)?;
    print_wide(ws, hr)?;
    // Header and names locked; only the figure cells can be typed in.
    ws.protect_with_options(&ProtectionOptions { format_columns: true, format_rows: true, ..ProtectionOptions::default() });
    let _ = last_col;
    Ok(())
}

/// Print setup of the indicator form: 21 columns do not fit one A4 page
/// legibly, so it prints on A4 landscape at a readable scale across as many
/// pages as needed, each repeating the two header rows (from `hr`) and the
/// STT and unit columns, numbered "Trang x/y".
fn print_wide(ws: &mut rust_xlsxwriter::Worksheet, hr: u32) -> Result<(), XlsxError> {
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_scale(75);
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    ws.set_repeat_rows(hr, hr + 1)?;
    ws.set_repeat_columns(0, 1)?;
    ws.set_vertical_page_breaks(&group_page_breaks(8))?;
    ws.set_footer("&C&\"Times New Roman\"Trang &P/&N");
    Ok(())
}

/// Columns before which a new printed page starts: a group of figures
/// (Thu, BHXH bắt buộc …) is never split across pages, and a page holds at
/// most `per_page` figure columns beside the repeated STT and unit columns.
fn group_page_breaks(per_page: usize) -> Vec<u32> {
    let mut breaks = Vec::new();
    let (mut on_page, mut j) = (0, 0);
    while j < COLUMNS.len() {
        let span = COLUMNS[j..].iter().take_while(|x| x.0 == COLUMNS[j].0).count();
        if on_page > 0 && on_page + span > per_page {
            breaks.push(j as u32 + 2);
            on_page = 0;
        }
        on_page += span;
        j += span;
    }
    breaks
}

/// Awards of the individuals' list drop-down.
pub const AWARDS_INDIVIDUAL: &[&str] = &["Chiến sĩ thi đua ngành", "Bằng khen của Tổng Giám đốc", "Giấy khen"];

struct Styles {
    title: Format,
    head: Format,
    locked: Format,
    input: Format,
    number: Format,
}

fn styles() -> Styles {
    let base = Format::new().set_font_name("Times New Roman").set_border(FormatBorder::Thin);
    Styles {
        title: Format::new().set_bold().set_font_name("Times New Roman").set_font_size(13),
        head: base
            .clone()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_background_color(0xDDEBF7),
        locked: base.clone(),
        input: base.clone().set_unlocked().set_text_wrap(),
        number: base.set_unlocked().set_num_format("0.00"),
    }
}

fn book(period: &Period) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let (d, m, y) = period.end_date();
    wb.set_properties(
        &DocProperties::new().set_author("thidua").set_creation_datetime(&ExcelDateTime::from_ymd(y as u16, m as u8, d as u8)?),
    );
    Ok(wb)
}

/// How the first two columns of a table's rows are filled.
#[derive(Clone, Copy, PartialEq)]
enum Rows {
    /// STT numbered and each name locked: one row per member.
    Locked,
    /// STT numbered, names written but editable, and as many free rows
    /// again below them (a member may need two rows: two awards).
    Free,
    /// STT left open for the criterion code ("I", "1", "1.1").
    Codes,
}

/// A titled table: header row, one row per name, input cells.
#[allow(clippy::too_many_arguments)]
fn table(
    ws: &mut rust_xlsxwriter::Worksheet,
    st: &Styles,
    title: &str,
    subtitle: &str,
    cols: &[(&str, f64)],
    names: &[String],
    blank_rows: u32,
    mode: Rows,
) -> Result<(u32, u32), XlsxError> {
    ws.write_string_with_format(0, 0, title, &st.title)?;
    ws.write_string_with_format(1, 0, subtitle, &Format::new().set_italic())?;
    let hr = 3u32;
    for (i, (h, w)) in cols.iter().enumerate() {
        ws.write_string_with_format(hr, i as u16, *h, &st.head)?;
        ws.set_column_width(i as u16, *w)?;
    }
    let rows = match mode {
        Rows::Free => (names.len() as u32 * 2).max(blank_rows),
        _ => (names.len() as u32).max(blank_rows),
    };
    for r in 0..rows {
        let row = hr + 1 + r;
        match mode {
            Rows::Codes => ws.write_blank(row, 0, &st.input)?,
            _ => ws.write_number_with_format(row, 0, (r + 1) as f64, &st.locked)?,
        };
        for c in 1..cols.len() as u16 {
            ws.write_blank(row, c, &st.input)?;
        }
        if let Some(n) = names.get(r as usize) {
            ws.write_string_with_format(row, 1, n, if mode == Rows::Locked { &st.locked } else { &st.input })?;
        }
    }
    ws.set_freeze_panes(hr + 1, 0)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_repeat_rows(hr, hr)?;
    ws.protect_with_options(&ProtectionOptions { format_columns: true, format_rows: true, ..ProtectionOptions::default() });
    Ok((hr + 1, hr + rows))
}

/// Criterion columns of the cross-scoring form.
const CROSS_CRITERIA: u16 = 3;

/// One scorer's sheet of the cross-scoring form (SPEC §10 kind 2b). The
/// header names each criterion by number only ("Tiêu chí 1"); its maximum
/// is typed on the unlocked "Điểm tối đa" row under the header, since the
/// maxima are the campaign's and not known when the form is made. The
/// reader matches a criterion across scorers by number and maximum.
fn cross_scoring_sheet(
    ws: &mut rust_xlsxwriter::Worksheet,
    st: &Styles,
    label: &str,
    scorer: &str,
    others: &[String],
) -> Result<(), XlsxError> {
    let mut cols: Vec<(String, f64)> = vec![("STT".into(), 6.0), ("Đơn vị được chấm".into(), 34.0)];
    cols.extend((1..=CROSS_CRITERIA).map(|k| (format!("Tiêu chí {k}"), 14.0)));
    cols.push(("Tổng điểm".into(), 12.0));
    let cols: Vec<(&str, f64)> = cols.iter().map(|(h, w)| (h.as_str(), *w)).collect();
    // The maxima row is written as the first row of the table, then given
    // its label and no number.
    let mut rows = vec!["Điểm tối đa".to_string()];
    rows.extend(others.iter().cloned());
    let (max_row, last) = table(ws, st, &format!("BẢNG CHẤM ĐIỂM THI ĐUA {}", label.to_uppercase()), "", &cols, &rows, 0, Rows::Locked)?;
    ws.write_string_with_format(1, 0, format!("Đơn vị chấm: {scorer}"), &st.title)?;
    ws.write_blank(max_row, 0, &st.locked)?;
    ws.write_string_with_format(max_row, 1, "Điểm tối đa", &st.locked.clone().set_bold())?;
    ws.write_blank(max_row, CROSS_CRITERIA + 2, &st.locked)?;
    // The maxima stay in view, and on every printed page, with the header.
    ws.set_freeze_panes(max_row + 1, 0)?;
    ws.set_repeat_rows(max_row - 1, max_row)?;
    for r in max_row + 1..=last {
        ws.write_number_with_format(r, 0, (r - max_row) as f64, &st.locked)?;
    }
    let maxima = DataValidation::new()
        .allow_decimal_number(DataValidationRule::GreaterThan(0.0))
        .set_input_title("Điểm tối đa")?
        .set_input_message("Nhập điểm tối đa của tiêu chí theo biểu chấm điểm của Khối, Cụm (ví dụ 20).")?
        .set_error_title("Giá trị không hợp lệ")?
        .set_error_message("Điểm tối đa phải là số lớn hơn 0.")?;
    ws.add_data_validation(max_row, 2, max_row, CROSS_CRITERIA + 1, &maxima)?;
    if last > max_row {
        ws.add_data_validation(max_row + 1, 2, last, CROSS_CRITERIA + 2, &points()?)?;
    }
    Ok(())
}

/// A drop-down of `items` over rows `first..=last` of column `col`, where
/// Excel can hold it: a list typed in the validation is at most 255
/// characters and is cut at every comma, so "Ban Quản lý Thu, Sổ - Thẻ"
/// would be offered as two names and the real one refused. Such a column
/// is left free to type (the reader matches names as typed).
fn add_list(
    ws: &mut rust_xlsxwriter::Worksheet,
    (first, last): (u32, u32),
    col: u16,
    items: &[&str],
    title: &str,
) -> Result<(), XlsxError> {
    let fits = items.iter().map(|s| s.chars().count() + 1).sum::<usize>() <= 255 && !items.iter().any(|s| s.contains(','));
    if fits {
        ws.add_data_validation(first, col, last, col, &list(items, title)?)?;
    }
    Ok(())
}

fn list(items: &[&str], title: &str) -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_list_strings(items)?
        .set_input_title(title)?
        .set_input_message("Chọn trong danh sách.")?
        .set_error_title("Giá trị không hợp lệ")?
        .set_error_message("Hãy chọn một giá trị trong danh sách.")
}

fn points() -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
        .set_input_title("Nhập điểm")?
        .set_input_message("Nhập số điểm (không âm, không vượt điểm tối đa của tiêu chí).")?
        .set_error_title("Giá trị không hợp lệ")?
        .set_error_message("Điểm phải là số không âm.")
}

/// Kinds 2a, 2b, 3, 4, 5, 6 for a cluster: (file name, bytes).
pub fn annual_forms(reg: &Registry, cluster: &Cluster, period: &Period) -> Result<Vec<(String, Vec<u8>)>, XlsxError> {
    let names: Vec<String> = cluster.members.iter().filter_map(|id| reg.unit(id)).map(|u| u.name.clone()).collect();
    let st = styles();
    let label = period.label_vi();
    let head = cluster.name.to_uppercase();
    let mut out = Vec::new();

    // 2a: one sheet per member, "Đơn vị: <name>" above the criteria table.
    let mut wb = book(period)?;
    for (i, n) in names.iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(format!("Đơn vị {}", i + 1))?;
        let (first, last) = table(
            ws,
            &st,
            &format!("BẢNG TỰ CHẤM ĐIỂM THI ĐUA {}", label.to_uppercase()),
            &format!("Đơn vị: {n}"),
            &[("STT", 6.0), ("Tiêu chí", 60.0), ("Điểm tối đa", 12.0), ("Điểm tự chấm", 12.0), ("Điểm thẩm định", 12.0)],
            &[],
            30,
            Rows::Codes,
        )?;
        // The code of each criterion goes in STT: groups are read from it
        // (a group row's points are its criteria's sum, and not scored).
        ws.add_data_validation(
            first,
            0,
            last,
            0,
            &DataValidation::new()
                .allow_any_value()
                .set_input_title("Mã tiêu chí")?
                .set_input_message("Ghi mã tiêu chí theo biểu chấm điểm: I, II … cho nhóm; 1, 2 … ; 1.1, 1.2 … cho tiêu chí con.")?,
        )?;
        ws.write_string_with_format(1, 0, format!("Đơn vị: {n}"), &st.title)?;
        for c in 2..5 {
            ws.add_data_validation(first, c, last, c, &points()?)?;
        }
    }
    out.push(("bang-tu-cham-diem".to_string(), wb.save_to_buffer()?));

    // 2b: one sheet per scorer, listing the units it scores.
    let mut wb = book(period)?;
    for (i, scorer) in names.iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(format!("Đơn vị chấm {}", i + 1))?;
        let others: Vec<String> = names.iter().filter(|n| *n != scorer).cloned().collect();
        cross_scoring_sheet(ws, &st, &label, scorer, &others)?;
    }
    out.push(("bang-cham-diem-cheo".to_string(), wb.save_to_buffer()?));

    // 3: vote tally, at the year-end review only (Hướng dẫn 3636, mục
    // A.II.3.2.b: the vote is held at the year-end meeting).
    if matches!(period, Period::Year { .. }) {
        let mut wb = book(period)?;
        let ws = wb.add_worksheet();
        ws.set_name("Kết quả bỏ phiếu")?;
        let (first, last) = table(
            ws,
            &st,
            &format!("KẾT QUẢ BỎ PHIẾU BÌNH XÉT THI ĐUA {} — {head}", label.to_uppercase()),
            &format!("Tổng số đơn vị thành viên: {}", names.len()),
            &[("STT", 6.0), ("Đơn vị", 34.0), ("Hình thức đề nghị", 34.0), ("Số phiếu đồng ý", 14.0)],
            &names,
            0,
            Rows::Free,
        )?;
        let awards = vote_awards();
        let awards: Vec<&str> = awards.iter().map(|s| s.as_str()).collect();
        add_list(ws, (first, last), 2, &awards, "Hình thức đề nghị")?;
        ws.add_data_validation(
            first,
            3,
            last,
            3,
            &DataValidation::new()
                .allow_whole_number(DataValidationRule::Between(0, names.len() as i32))
                .set_input_message(format!("Số phiếu đồng ý, từ 0 đến {}.", names.len()))?,
        )?;
        out.push(("ket-qua-bo-phieu".to_string(), wb.save_to_buffer()?));
    }

    // 4: eligibility, yes/no as drop-downs.
    let mut wb = book(period)?;
    let ws = wb.add_worksheet();
    ws.set_name("Điều kiện xét")?;
    let cols: &[(&str, f64)] = &[
        ("STT", 6.0),
        ("Đơn vị", 30.0),
        ("Đã ký giao ước thi đua", 12.0),
        ("Tập thể lao động xuất sắc", 12.0),
        ("Hoàn thành vượt mức chỉ tiêu", 12.0),
        ("Bị hạ bậc xếp loại (khoản 4 Điều 13 QĐ 1779)", 14.0),
        ("Vi phạm nghiêm trọng", 12.0),
        ("Đang xem xét kỷ luật, thanh tra, kiểm tra, khiếu nại", 16.0),
        ("Nhân tố mới, mô hình mới", 30.0),
        ("Dẫn đầu lĩnh vực công tác trọng tâm", 24.0),
        ("Thành tích nổi bật", 30.0),
        ("Khen thưởng đã đạt", 30.0),
    ];
    let (first, last) = table(
        ws,
        &st,
        &format!("ĐIỀU KIỆN XÉT THI ĐUA {} — {head}", label.to_uppercase()),
        "Các cột Có/Không: chọn trong danh sách.",
        cols,
        &names,
        0,
        Rows::Locked,
    )?;
    ws.add_data_validation(first, 2, last, 7, &list(&["Có", "Không"], "Có hoặc Không")?)?;
    out.push(("dieu-kien-xet".to_string(), wb.save_to_buffer()?));

    // 5: individuals proposed.
    let mut wb = book(period)?;
    let ws = wb.add_worksheet();
    ws.set_name("Cá nhân đề nghị")?;
    let (first, last) = table(
        ws,
        &st,
        &format!("DANH SÁCH CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG {} — {head}", label.to_uppercase()),
        "",
        &[("STT", 6.0), ("Họ và tên", 26.0), ("Chức vụ", 22.0), ("Đơn vị", 30.0), ("Hình thức đề nghị", 28.0), ("Thành tích", 50.0)],
        &[],
        30,
        Rows::Locked,
    )?;
    let joined: Vec<&str> = names.iter().map(|s| s.as_str()).collect();
    add_list(ws, (first, last), 3, &joined, "Đơn vị")?;
    // Only the forms the period's campaign gives (forms::nominations), and
    // a Giấy khen only where the Tờ trình goes to a province's council (a
    // district cluster's): the sector's council does not give it.
    let forms = individual_forms(period);
    let forms: Vec<&str> =
        forms.iter().map(|s| s.as_str()).filter(|f| cluster.kind == crate::model::ClusterKind::CumHuyen || *f != "Giấy khen").collect();
    add_list(ws, (first, last), 4, &forms, "Hình thức đề nghị")?;
    out.push(("ca-nhan-de-nghi".to_string(), wb.save_to_buffer()?));

    // 6: meeting details, key and value.
    let mut wb = book(period)?;
    let ws = wb.add_worksheet();
    ws.set_name("Thông tin hội nghị")?;
    // The six-month conference reviews, it does not vote (mục A.II.3.2.a).
    let meeting = if matches!(period, Period::Half { .. }) { "SƠ KẾT" } else { "BÌNH XÉT THI ĐUA" };
    ws.write_string_with_format(0, 0, format!("THÔNG TIN HỘI NGHỊ {meeting} {}", label.to_uppercase()), &st.title)?;
    ws.write_string_with_format(2, 0, "Mục", &st.head)?;
    ws.write_string_with_format(2, 1, "Nội dung", &st.head)?;
    ws.set_column_width(0, 24)?;
    ws.set_column_width(1, 70)?;
    // Printed on one A4 page width (its two columns are wider than portrait A4's).
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    // This year's head signs the minutes, and its place heads their date
    // line (Nghị định 30/2020, Phụ lục I): written in when the registry
    // knows the term, left to fill in (and open to correction) otherwise.
    let head = reg.term(&cluster.id, period.year()).and_then(|t| reg.unit(&t.head)).map(|u| u.name.clone());
    for (i, k) in meeting_keys(period, cluster.kind).iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_string_with_format(r, 0, *k, &st.locked)?;
        if i == 0 {
            ws.write_string_with_format(r, 1, &cluster.name, &st.locked)?;
        } else if let (1, Some(head)) = (i, &head) {
            ws.write_string_with_format(r, 1, head, &st.input)?;
        } else {
            ws.write_blank(r, 1, &st.input)?;
        }
    }
    ws.protect_with_options(&ProtectionOptions { format_columns: true, format_rows: true, ..ProtectionOptions::default() });
    out.push(("thong-tin-hoi-nghi".to_string(), wb.save_to_buffer()?));
    let _ = &st.number;
    Ok(out)
}

/// The awards a cluster votes on at the year-end review: those of the
/// annual rules (Hướng dẫn 3636, mục B.I.1), by their full names.
fn vote_awards() -> Vec<String> {
    crate::rules::annual::AnnualRules::builtin().file.awards.iter().map(|a| a.name.clone()).collect()
}

/// The rows of the meeting sheet: the cluster, then this year's head (the
/// second row, see `annual_forms`), then the meeting. Next year's head and
/// deputy are elected at the year-end meeting only (Hướng dẫn 3636, mục
/// A.II.3.2.b), not at the six-month review (mục A.II.3.2.a). A block has
/// a Khối trưởng, a cluster a Cụm trưởng (mục A.II.1).
fn meeting_keys(period: &Period, kind: crate::model::ClusterKind) -> Vec<&'static str> {
    let block = kind == crate::model::ClusterKind::Khoi;
    let head = if block { "Khối trưởng năm nay" } else { "Cụm trưởng năm nay" };
    let mut keys = vec!["Cụm/Khối", head, "Thời gian", "Địa điểm", "Chủ trì", "Thư ký", "Thành phần"];
    if matches!(period, Period::Year { .. }) {
        keys.extend(if block {
            ["Khối trưởng năm sau", "Khối phó năm sau"]
        } else {
            ["Cụm trưởng năm sau", "Cụm phó năm sau"]
        });
    }
    keys
}

/// The review forms (kinds 2a–6) a period's set holds, by name. A quarter
/// is read by the quarterly campaign of Công văn 1371 alone, which reads
/// the indicator sheet and the individuals' list. The six-month conference
/// (Hướng dẫn 3636, mục A.II.3.2.a) weighs progress and hears the new
/// models; it scores, votes and proposes nobody, so its set is the meeting
/// alone (with the new models' form, [`new_models_form`]). The year end
/// takes them all (`None`).
fn review_forms(period: &Period) -> Option<&'static [&'static str]> {
    match period {
        Period::Quarter { .. } => Some(&["ca-nhan-de-nghi"]),
        Period::Half { .. } => Some(&["thong-tin-hoi-nghi"]),
        Period::Year { .. } => None,
    }
}

/// The six-month review's sheet of new models and good practices (Hướng
/// dẫn 3636, mục A.II.3.2.a: "Phổ biến mô hình mới, cách làm hay, sáng
/// tạo"), with the headers the review reads: each member named once, and
/// as many free rows again for a member with several models.
pub fn new_models_form(reg: &Registry, cluster: &Cluster, period: &Period) -> Result<Vec<u8>, XlsxError> {
    let names: Vec<String> = cluster.members.iter().filter_map(|id| reg.unit(id)).map(|u| u.name.clone()).collect();
    let st = styles();
    let mut wb = book(period)?;
    let ws = wb.add_worksheet();
    ws.set_name("Mô hình mới")?;
    let (first, last) = table(
        ws,
        &st,
        &format!("MÔ HÌNH MỚI, CÁCH LÀM HAY {} — {}", period.label_vi().to_uppercase(), cluster.name.to_uppercase()),
        "Mỗi mô hình một dòng; một đơn vị có nhiều mô hình thì ghi thêm dòng (chọn tên đơn vị ở cột Đơn vị).",
        &[("STT", 6.0), ("Đơn vị", 30.0), ("Nhân tố mới, mô hình mới", 60.0), ("Kết quả, hiệu quả", 40.0)],
        &names,
        0,
        Rows::Free,
    )?;
    // A drop-down of the members, where Excel can hold it (a list typed in
    // the validation is at most 255 characters).
    // One page wide when printed: the four columns are wider than A4.
    ws.set_print_fit_to_pages(1, 0);
    let members: Vec<&str> = names.iter().map(|n| n.as_str()).collect();
    add_list(ws, (first, last), 1, &members, "Đơn vị")?;
    wb.save_to_buffer()
}

/// Write the forms of a cluster into `dir`; returns the files written.
pub fn write_forms(reg: &Registry, cluster: &Cluster, period: &Period, dir: &std::path::Path) -> anyhow::Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let id = crate::pipeline::output::safe_name(&cluster.id);
    let mut written = Vec::new();
    let path = dir.join(format!("bieu-chi-tieu-{id}-{period}.xlsx"));
    std::fs::write(&path, indicator_form(reg, cluster, period, None)?)?;
    written.push(path);
    // A quarter (Công văn 1371) reads the indicators and, besides them, the
    // units' individuals (mục III.3, IV.1.b): only that list of the review's forms.
    let only = review_forms(period);
    let mut review: Vec<(String, Vec<u8>)> =
        annual_forms(reg, cluster, period)?.into_iter().filter(|(name, _)| only.is_none_or(|o| o.contains(&name.as_str()))).collect();
    if matches!(period, Period::Half { .. }) {
        review.push(("mo-hinh-moi".to_string(), new_models_form(reg, cluster, period)?));
    }
    for (name, bytes) in review {
        let path = dir.join(format!("{name}-{id}-{period}.xlsx"));
        std::fs::write(&path, bytes)?;
        written.push(path);
    }
    // Công văn 1371: central units' nominations; at year end, outside the sector.
    if matches!(period, Period::Quarter { .. } | Period::Year { .. }) {
        let path = dir.join(format!("de-cu-don-vi-truc-thuoc-{period}.xlsx"));
        std::fs::write(&path, central_form(reg, period)?)?;
        written.push(path);
    }
    if matches!(period, Period::Year { .. }) {
        let path = dir.join(format!("de-xuat-ngoai-nganh-{period}.xlsx"));
        std::fs::write(&path, outside_form(period)?)?;
        written.push(path);
        // The office's register (issue 18): the decisions received on this
        // year's proposals, and earlier years' awards to import once.
        let path = dir.join(format!("quyet-dinh-khen-thuong-{period}.xlsx"));
        std::fs::write(&path, register::decisions_form(period)?)?;
        written.push(path);
        let path = dir.join("khen-thuong-cac-nam-truoc.xlsx");
        std::fs::write(&path, register::past_awards_form(period)?)?;
        written.push(path);
    }
    Ok(written)
}
