//! Writing indicator workbooks in the layouts units really send (SPEC §10
//! kind 1): title rows, a two-row header with merged group cells or
//! "Group - Sub" in one cell, an STT column, a column-number row, a totals
//! row, notes below, and numbers typed as text in Vietnamese style.
//! Used by `thidua demo`, the shipped samples, the tests and the benchmark.

use crate::model::{Num, Period};
use crate::vn::format::format_num;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError};

/// The columns of SPEC §10, kind 1: (group, sub-header, indicator key).
pub const COLUMNS: &[(&str, &str, &str)] = &[
    ("Thu BHXH, BHTN, BHYT", "Kế hoạch năm (triệu đồng)", "thu.ke_hoach"),
    ("Thu BHXH, BHTN, BHYT", "Thực hiện lũy kế", "thu.luy_ke"),
    ("Thu BHXH, BHTN, BHYT", "Cùng kỳ năm trước", "thu.cung_ky"),
    ("BHXH bắt buộc", "Kế hoạch năm (người)", "bhxh_bb.ke_hoach"),
    ("BHXH bắt buộc", "Đến 31/12 năm trước", "bhxh_bb.dau_nam"),
    ("BHXH bắt buộc", "Thực hiện lũy kế", "bhxh_bb.luy_ke"),
    ("BHXH bắt buộc", "Cùng kỳ năm trước", "bhxh_bb.cung_ky"),
    ("BHXH tự nguyện", "Kế hoạch năm (người)", "bhxh_tn.ke_hoach"),
    ("BHXH tự nguyện", "Đến 31/12 năm trước", "bhxh_tn.dau_nam"),
    ("BHXH tự nguyện", "Thực hiện lũy kế", "bhxh_tn.luy_ke"),
    ("BHXH tự nguyện", "Cùng kỳ năm trước", "bhxh_tn.cung_ky"),
    ("BHYT", "Kế hoạch năm (người)", "bhyt.ke_hoach"),
    ("BHYT", "Đến 31/12 năm trước", "bhyt.dau_nam"),
    ("BHYT", "Thực hiện lũy kế", "bhyt.luy_ke"),
    ("BHYT", "Cùng kỳ năm trước", "bhyt.cung_ky"),
    ("Chậm đóng", "Số tiền chậm đóng (triệu đồng)", "cham_dong.so_tien"),
    ("Chậm đóng", "Số phải thu (triệu đồng)", "cham_dong.phai_thu"),
    ("Chậm đóng", "Chỉ tiêu tỷ lệ chậm đóng (%)", "cham_dong.chi_tieu"),
    ("", "Tỷ trọng thu khu vực doanh nghiệp (%)", "ty_trong_dn"),
];

/// How a unit laid out its sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Group names in merged cells above the sub-headers (the form's layout).
    TwoRow,
    /// One header row, "BHXH tự nguyện - Kế hoạch năm" in each cell.
    Combined,
}

#[derive(Clone, Debug)]
pub struct SheetSpec<'a> {
    pub sheet_name: &'a str,
    /// Sender shown in the title ("BHXH TỈNH HÀ NAM", "CỤM THI ĐUA SỐ III").
    pub sender: &'a str,
    pub period: Period,
    pub layout: Layout,
    /// Numbers typed as text, Vietnamese style ("1.234.567", "45,5").
    pub text_numbers: bool,
    /// A totals row under the units.
    pub totals: bool,
}

/// One row: the unit's name as the sender typed it, and its figures by
/// indicator key (percentages as fractions). A missing key is a blank cell.
pub type Row = (String, std::collections::BTreeMap<String, Num>);

fn is_percent(key: &str) -> bool {
    key == "cham_dong.chi_tieu" || key == "ty_trong_dn"
}

/// Write one workbook holding one or more indicator sheets.
pub fn write_workbook(sheets: &[(SheetSpec<'_>, Vec<Row>)]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let (d, m, y) = sheets.first().map(|s| s.0.period.end_date()).unwrap_or((1, 1, 2022));
    let props = DocProperties::new().set_author("thidua demo").set_creation_datetime(&ExcelDateTime::from_ymd(y as u16, m as u8, d as u8)?);
    wb.set_properties(&props);
    let title = Format::new().set_bold().set_font_name("Times New Roman").set_font_size(13);
    let head = Format::new()
        .set_bold()
        .set_font_name("Times New Roman")
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin);
    let cell = Format::new().set_font_name("Times New Roman").set_border(FormatBorder::Thin);
    let int = cell.clone().set_num_format("#,##0");
    let pct = cell.clone().set_num_format("0.00");
    let italic = Format::new().set_italic().set_font_name("Times New Roman");
    for (spec, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(spec.sheet_name)?;
        ws.write_string_with_format(0, 0, spec.sender, &title)?;
        ws.write_string_with_format(
            1,
            2,
            format!("BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU THI ĐUA {}", spec.period.label_vi().to_uppercase()),
            &title,
        )?;
        ws.write_string_with_format(2, 2, "(Kèm theo Công văn số 1371/BHXH-TĐKT ngày 24/5/2022)", &italic)?;
        let hr = 4u32;
        ws.set_column_width(0, 5)?;
        ws.set_column_width(1, 26)?;
        for c in 0..COLUMNS.len() as u16 {
            ws.set_column_width(c + 2, 14)?;
        }
        let data_start = match spec.layout {
            Layout::TwoRow => {
                ws.merge_range(hr, 0, hr + 1, 0, "STT", &head)?;
                ws.merge_range(hr, 1, hr + 1, 1, "Đơn vị", &head)?;
                let mut c = 2u16;
                while (c as usize) < COLUMNS.len() + 2 {
                    let g = COLUMNS[c as usize - 2].0;
                    let span = COLUMNS[c as usize - 2..].iter().take_while(|x| x.0 == g).count() as u16;
                    if g.is_empty() {
                        ws.merge_range(hr, c, hr + 1, c, COLUMNS[c as usize - 2].1, &head)?;
                    } else {
                        if span > 1 {
                            ws.merge_range(hr, c, hr, c + span - 1, g, &head)?;
                        } else {
                            ws.write_string_with_format(hr, c, g, &head)?;
                        }
                        for k in 0..span {
                            ws.write_string_with_format(hr + 1, c + k, COLUMNS[(c + k) as usize - 2].1, &head)?;
                        }
                    }
                    c += span;
                }
                hr + 2
            }
            Layout::Combined => {
                ws.write_string_with_format(hr, 0, "STT", &head)?;
                ws.write_string_with_format(hr, 1, "Tên đơn vị", &head)?;
                for (i, (g, s, _)) in COLUMNS.iter().enumerate() {
                    let text = if g.is_empty() { s.to_string() } else { format!("{g} - {s}") };
                    ws.write_string_with_format(hr, i as u16 + 2, text, &head)?;
                }
                hr + 1
            }
        };
        // Column numbers, as on official forms: (1), (2), …
        ws.write_string_with_format(data_start, 0, "A", &head)?;
        ws.write_string_with_format(data_start, 1, "B", &head)?;
        for i in 0..COLUMNS.len() {
            ws.write_string_with_format(data_start, i as u16 + 2, format!("({})", i + 1), &head)?;
        }
        let mut r = data_start + 1;
        let mut sums = vec![Num::zero(); COLUMNS.len()];
        for (n, (name, figs)) in rows.iter().enumerate() {
            ws.write_number_with_format(r, 0, (n + 1) as f64, &cell)?;
            ws.write_string_with_format(r, 1, name, &cell)?;
            for (i, (_, _, key)) in COLUMNS.iter().enumerate() {
                let c = i as u16 + 2;
                let Some(v) = figs.get(*key) else {
                    ws.write_blank(r, c, &cell)?;
                    continue;
                };
                if !is_percent(key) {
                    sums[i] = sums[i].checked_add(*v).unwrap_or(sums[i]);
                }
                let shown = if is_percent(key) { v.checked_mul(Num::int(100)).unwrap_or(*v) } else { *v };
                if spec.text_numbers {
                    let places = if is_percent(key) { 2 } else { 0 };
                    let mut s = format_num(&shown, places);
                    if is_percent(key) {
                        s = s.trim_end_matches('0').trim_end_matches(',').to_string();
                        s.push('%');
                    }
                    ws.write_string_with_format(r, c, s, &cell)?;
                } else {
                    ws.write_number_with_format(r, c, shown.to_f64(), if is_percent(key) { &pct } else { &int })?;
                }
            }
            r += 1;
        }
        if spec.totals {
            ws.write_string_with_format(r, 1, "Tổng cộng", &head)?;
            for (i, (_, _, key)) in COLUMNS.iter().enumerate() {
                if !is_percent(key) {
                    ws.write_number_with_format(r, i as u16 + 2, sums[i].to_f64(), &int)?;
                }
            }
            r += 1;
        }
        ws.write_string_with_format(r + 1, 1, "Ghi chú: số liệu thu tính đến hết kỳ báo cáo; đơn vị tính thu là triệu đồng.", &italic)?;
        ws.write_string_with_format(r + 3, 12, "NGƯỜI LẬP BIỂU", &title)?;
        ws.set_freeze_panes(data_start, 2)?;
    }
    wb.save_to_buffer()
}
