//! Blank input workbooks for a cluster (SPEC §4, `thidua forms`): the
//! members' names filled in, the period in the title, number validation with
//! Vietnamese input messages, locked header cells and a frozen header, so
//! that units send exactly what the reader reads.
//!
//! This writes the indicator form (kind 1, campaign 1371). The same layout,
//! given values, is what the tests fill in and read back.

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
    cluster: &Cluster,
    period: &Period,
    values: Option<&BTreeMap<String, BTreeMap<String, Num>>>,
) -> Result<Vec<u8>, XlsxError> {
    let reg = Registry::builtin();
    let mut wb = Workbook::new();
    let (d, m, y) = period.end_date();
    wb.set_properties(
        &DocProperties::new()
            .set_author("thidua")
            .set_title(format!("Biểu chỉ tiêu thi đua {}", period.label_vi()))
            .set_creation_datetime(&ExcelDateTime::from_ymd(y as u16, m as u8, d as u8)?),
    );
    let ws = wb.add_worksheet();
    ws.set_name("Chỉ tiêu")?;
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
            ws.set_column_width(c + k, 14)?;
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
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(hr, hr + 1)?;
    // Header and names locked; only the figure cells can be typed in.
    ws.protect_with_options(&ProtectionOptions { format_columns: true, format_rows: true, ..ProtectionOptions::default() });
    let _ = last_col;
    wb.save_to_buffer()
}

/// Write the forms of a cluster into `dir`; returns the files written.
pub fn write_forms(cluster: &Cluster, period: &Period, dir: &std::path::Path) -> anyhow::Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let name = format!("bieu-chi-tieu-{}-{}.xlsx", crate::pipeline::output::safe_name(&cluster.id), period);
    let path = dir.join(name);
    std::fs::write(&path, indicator_form(cluster, period, None)?)?;
    Ok(vec![path])
}
