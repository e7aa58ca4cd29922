//! The registration form (`thidua forms --dang-ky`): every member of a
//! block or cluster, each with one row per quantitative target of the
//! covenant (`[[target]]` of the rules file), the year and the four
//! quarters to fill (Hướng dẫn 3636, mục A.II.3.1: "Đăng ký các nội dung,
//! chỉ tiêu thi đua hằng năm … trong quý I hằng năm … đăng ký thêm chỉ tiêu
//! thi đua có định lượng hằng quý"). Names and targets are locked; only the
//! figure cells take input, numbers only. The headers are those the reader
//! (`ingest::registration`) recognises.

use crate::model::{Cluster, Num};
use crate::registry::Registry;
use crate::rules::Rules;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder,
    ProtectionOptions, Workbook, XlsxError,
};
use std::collections::BTreeMap;

/// What a filled form holds, for tests and the demo: unit id → target id →
/// (year, Quý I … Quý IV); ratios as fractions.
pub type Filled = BTreeMap<String, BTreeMap<String, (Num, [Option<Num>; 4])>>;

/// First row of figures (0-based); the header is on the two rows above.
pub const FIRST_ROW: u32 = 6;
/// Columns: STT, Đơn vị, Chỉ tiêu, Đơn vị tính, Cả năm, Quý I … Quý IV.
pub const YEAR_COL: u16 = 4;

/// The registration form of one block or cluster for `year`.
pub fn registration_form(cluster: &Cluster, year: i32, rules: &Rules, values: Option<&Filled>) -> Result<Vec<u8>, XlsxError> {
    let reg = Registry::builtin();
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_author("thidua")
            .set_title(format!("Đăng ký chỉ tiêu thi đua năm {year}"))
            .set_creation_datetime(&ExcelDateTime::from_ymd(year as u16, 1, 1)?),
    );
    let ws = wb.add_worksheet();
    ws.set_name("Đăng ký")?;
    let font = "Times New Roman";
    let title = Format::new().set_bold().set_font_name(font).set_font_size(13);
    let head = Format::new()
        .set_bold()
        .set_font_name(font)
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color(0xDDEBF7);
    let locked = Format::new().set_font_name(font).set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::VerticalCenter);
    let centered = locked.clone().set_align(FormatAlign::Center);
    let input = Format::new().set_font_name(font).set_border(FormatBorder::Thin).set_unlocked().set_num_format("#,##0");
    let input_pct = Format::new().set_font_name(font).set_border(FormatBorder::Thin).set_unlocked().set_num_format("0.00");
    ws.write_string_with_format(0, 0, cluster.name.to_uppercase(), &title)?;
    ws.write_string_with_format(1, 0, format!("BẢNG ĐĂNG KÝ CHỈ TIÊU THI ĐUA NĂM {year}"), &title)?;
    ws.write_string_with_format(
        2,
        0,
        format!(
            "(Hướng dẫn số 3636/HD-BHXH, mục A.II.3.1; các chỉ tiêu thi đua có định lượng theo {}. Số theo quý: số thu lũy kế từ đầu năm đến hết quý; số người tham gia đến hết quý; tỷ lệ chậm đóng của quý, ghi theo %.)",
            rules.file.campaign.document
        ),
        &Format::new().set_italic().set_font_name(font),
    )?;
    let hr = FIRST_ROW - 2;
    for (c, h, w) in [(0u16, "STT", 5.0), (1, "Đơn vị", 26.0), (2, "Chỉ tiêu", 34.0), (3, "Đơn vị tính", 10.0), (YEAR_COL, "Cả năm", 14.0)]
    {
        ws.merge_range(hr, c, hr + 1, c, h, &head)?;
        ws.set_column_width(c, w)?;
    }
    ws.merge_range(hr, YEAR_COL + 1, hr, YEAR_COL + 4, "Đăng ký theo quý", &head)?;
    for (i, q) in ["Quý I", "Quý II", "Quý III", "Quý IV"].iter().enumerate() {
        let c = YEAR_COL + 1 + i as u16;
        ws.write_string_with_format(hr + 1, c, *q, &head)?;
        ws.set_column_width(c, 13.0)?;
    }
    let targets = &rules.file.targets;
    let members: Vec<_> = cluster.members.iter().filter_map(|id| reg.unit(id)).collect();
    let per = targets.len().max(1) as u32;
    for (i, u) in members.iter().enumerate() {
        let r0 = FIRST_ROW + i as u32 * per;
        let r1 = r0 + per - 1;
        if per > 1 {
            ws.merge_range(r0, 0, r1, 0, "", &centered)?;
            ws.merge_range(r0, 1, r1, 1, &u.name, &locked)?;
        }
        ws.write_number_with_format(r0, 0, (i + 1) as f64, &centered)?;
        ws.write_string_with_format(r0, 1, &u.name, &locked)?;
        for (j, t) in targets.iter().enumerate() {
            let r = r0 + j as u32;
            let pct = t.unit == "%";
            ws.write_string_with_format(r, 2, &t.name, &locked)?;
            ws.write_string_with_format(r, 3, &t.unit, &centered)?;
            let fmt = if pct { &input_pct } else { &input };
            let filled = values.and_then(|v| v.get(&u.id)).and_then(|m| m.get(&t.id));
            let shown = |v: &Num| if pct { v.checked_mul(Num::int(100)).unwrap_or(*v).to_f64() } else { v.to_f64() };
            match filled {
                Some((y, _)) => ws.write_number_with_format(r, YEAR_COL, shown(y), fmt)?,
                None => ws.write_blank(r, YEAR_COL, fmt)?,
            };
            for k in 0..4u16 {
                match filled.and_then(|f| f.1[k as usize].as_ref()) {
                    Some(v) => ws.write_number_with_format(r, YEAR_COL + 1 + k, shown(v), fmt)?,
                    None => ws.write_blank(r, YEAR_COL + 1 + k, fmt)?,
                };
            }
        }
    }
    let last = FIRST_ROW + (members.len() as u32 * per).max(1) - 1;
    let amounts = DataValidation::new()
        .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
        .set_input_title("Nhập số đăng ký")?
        .set_input_message("Số không âm: thu tính bằng triệu đồng, người tham gia tính bằng người. Số theo quý là số lũy kế đến hết quý; để trống nếu không đăng ký theo quý.")?
        .set_error_title("Giá trị không hợp lệ")?
        .set_error_message("Ô này chỉ nhận số không âm.")?
        .set_error_style(DataValidationErrorStyle::Stop);
    let rates = DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(0.0, 100.0))
        .set_input_title("Nhập tỷ lệ %")?
        .set_input_message("Tỷ lệ phần trăm từ 0 đến 100, ví dụ 0,9 cho 0,9 %.")?
        .set_error_title("Giá trị không hợp lệ")?
        .set_error_message("Tỷ lệ phải từ 0 đến 100 (%).")?
        .set_error_style(DataValidationErrorStyle::Stop);
    // One validation per target row kind: rates where the target is a ratio.
    for (i, _) in members.iter().enumerate() {
        for (j, t) in targets.iter().enumerate() {
            let r = FIRST_ROW + i as u32 * per + j as u32;
            ws.add_data_validation(r, YEAR_COL, r, YEAR_COL + 4, if t.unit == "%" { &rates } else { &amounts })?;
        }
    }
    let note = last + 2;
    ws.write_string_with_format(
        note,
        0,
        "Ghi chú: mỗi đơn vị thành viên đăng ký số cả năm của từng chỉ tiêu (bắt buộc) và số theo quý (Cụm thi đua cấp tỉnh); gửi Cụm trưởng, Khối trưởng trong quý I.",
        &Format::new().set_italic().set_font_name(font),
    )?;
    ws.set_freeze_panes(FIRST_ROW, 3)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(hr, hr + 1)?;
    ws.set_footer("&C&\"Times New Roman\"Trang &P/&N");
    ws.protect_with_options(&ProtectionOptions { format_columns: true, format_rows: true, ..ProtectionOptions::default() });
    wb.save_to_buffer()
}
