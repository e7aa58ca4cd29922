//! Blank forms of the office's register (issue 18): the list of final
//! decisions on a year's proposals (`thidua so quyet-dinh`) and the awards
//! of earlier years (`thidua so nhap`). Headers are those
//! `register::decisions` reads.

use super::{book, list, styles, table, Rows};
use crate::model::Period;
use rust_xlsxwriter::{DataValidation, DataValidationRule, XlsxError};

/// The three awards of the annual review, in the order of 3636.
const AWARDS: &[&str] = &["Cờ thi đua của BHXH Việt Nam", "Cờ thi đua của Chính phủ", "Bằng khen của Tổng Giám đốc BHXH Việt Nam"];

fn year_rule(first: u32, last: u32, col: u16, ws: &mut rust_xlsxwriter::Worksheet) -> Result<(), XlsxError> {
    ws.add_data_validation(
        first,
        col,
        last,
        col,
        &DataValidation::new()
            .allow_whole_number(DataValidationRule::Between(1990, 2200))
            .set_input_title("Năm")?
            .set_input_message("Năm được xét khen thưởng, bốn chữ số (ví dụ 2022).")?
            .set_error_title("Giá trị không hợp lệ")?
            .set_error_message("Ghi năm bằng bốn chữ số.")?,
    )?;
    Ok(())
}

/// The decisions received on a year's proposals: unit, award, outcome,
/// decision number, date and signer.
pub fn decisions_form(period: &Period) -> Result<Vec<u8>, XlsxError> {
    let st = styles();
    let mut wb = book(period)?;
    let ws = wb.add_worksheet();
    ws.set_name("Quyết định khen thưởng")?;
    let (first, last) = table(
        ws,
        &st,
        &format!("DANH SÁCH QUYẾT ĐỊNH KHEN THƯỞNG TẬP THỂ {}", period.label_vi().to_uppercase()),
        "(Ghi theo quyết định nhận được: đơn vị, hình thức, kết quả, số và ngày quyết định; ghi vào sổ bằng lệnh: thidua so quyet-dinh TỆP)",
        &[
            ("STT", 6.0),
            ("Năm xét khen thưởng", 12.0),
            ("Đơn vị", 34.0),
            ("Hình thức khen thưởng", 36.0),
            ("Kết quả", 22.0),
            ("Số quyết định", 20.0),
            ("Ngày quyết định", 16.0),
            ("Người ký, cơ quan ban hành", 30.0),
        ],
        &[],
        30,
        Rows::Free,
    )?;
    year_rule(first, last, 1, ws)?;
    ws.add_data_validation(first, 3, last, 3, &list(AWARDS, "Hình thức khen thưởng")?)?;
    ws.add_data_validation(first, 4, last, 4, &list(&["Được khen thưởng", "Không được khen thưởng"], "Kết quả")?)?;
    wb.save_to_buffer()
}

/// Awards of earlier years, for the register's history (any title or
/// form, not only the review's three).
pub fn past_awards_form(period: &Period) -> Result<Vec<u8>, XlsxError> {
    let st = styles();
    let mut wb = book(period)?;
    let ws = wb.add_worksheet();
    ws.set_name("Khen thưởng các năm trước")?;
    let (first, last) = table(
        ws,
        &st,
        "DANH SÁCH DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG ĐÃ NHẬN CÁC NĂM TRƯỚC",
        "(Mỗi dòng một danh hiệu hoặc hình thức khen thưởng của một tập thể; ghi vào sổ bằng lệnh: thidua so nhap TỆP)",
        &[
            ("STT", 6.0),
            ("Năm", 10.0),
            ("Đơn vị", 34.0),
            ("Danh hiệu thi đua, hình thức khen thưởng", 40.0),
            ("Số quyết định", 20.0),
            ("Ngày quyết định", 16.0),
            ("Cơ quan ban hành", 30.0),
        ],
        &[],
        40,
        Rows::Free,
    )?;
    year_rule(first, last, 1, ws)?;
    wb.save_to_buffer()
}
