//! Forms of the nominations of Công văn 1371/BHXH-TĐKT: the forms an
//! individual may be proposed for in a quarter (only the campaign's: mục
//! B.IV.1), the central units' nominations (kind 7, mục B.III.1) and, at
//! year end, the proposals from outside the sector (kind 8, mục B.IV.2.c).
//! Headers are those `ingest::annual::nominations` reads.

use super::{add_list, book, styles, table, Rows};
use crate::model::{Level, Period};
use crate::registry::Registry;
use crate::rules::Rules;
use rust_xlsxwriter::{DataValidation, DataValidationRule, XlsxError};

/// The forms offered in the individuals' list: in a quarter, only those of
/// the quarterly campaign; at year end, those of the annual review too.
pub fn individual_forms(period: &Period) -> Vec<String> {
    let campaign = Rules::builtin("thu-2022").and_then(|r| r.file.nominations).and_then(|n| n.individual_forms.get("quarter").cloned());
    match (period, campaign) {
        (Period::Quarter { .. }, Some(f)) => vec![f],
        _ => super::AWARDS_INDIVIDUAL.iter().map(|s| s.to_string()).collect(),
    }
}

/// Kind 7: central units nominated, with the proposing department and an
/// optional order of priority.
pub fn central_form(reg: &Registry, period: &Period) -> Result<Vec<u8>, XlsxError> {
    let st = styles();
    let mut wb = book(period)?;
    let ws = wb.add_worksheet();
    ws.set_name("Đề cử đơn vị trực thuộc")?;
    let central: Vec<String> = reg.units().iter().filter(|u| u.level == Level::Central).map(|u| u.name.clone()).collect();
    let (first, last) = table(
        ws,
        &st,
        &format!("DANH SÁCH ĐỀ CỬ KHEN THƯỞNG TẬP THỂ ĐƠN VỊ TRỰC THUỘC BHXH VIỆT NAM {}", period.label_vi().to_uppercase()),
        "(Công văn số 1371/BHXH-TĐKT, mục B.III.1: tối đa 02 tập thể mỗi quý, 03 tập thể khi tổng kết; ghi thứ tự đề xuất nếu đề cử nhiều hơn)",
        &[("STT", 6.0), ("Đơn vị", 34.0), ("Tóm tắt thành tích", 60.0), ("Đơn vị đề xuất", 26.0), ("Thứ tự đề xuất", 12.0)],
        &[],
        central.len().min(10) as u32,
        Rows::Free,
    )?;
    ws.add_data_validation(
        first,
        4,
        last,
        4,
        &DataValidation::new()
            .allow_whole_number(DataValidationRule::Between(1, 99))
            .set_input_title("Thứ tự đề xuất")?
            .set_input_message("1 là ưu tiên cao nhất. Để trống nếu không xếp thứ tự.")?,
    )?;
    add_list(ws, (first, last), 3, &["Ban Quản lý Thu, Sổ - Thẻ", "Vụ Thi đua - Khen thưởng"], "Đơn vị đề xuất")?;
    wb.save_to_buffer()
}

/// Kind 8: collectives and individuals outside the sector (year end).
pub fn outside_form(period: &Period) -> Result<Vec<u8>, XlsxError> {
    let st = styles();
    let mut wb = book(period)?;
    let ws = wb.add_worksheet();
    ws.set_name("Ngoài Ngành")?;
    table(
        ws,
        &st,
        &format!("DANH SÁCH ĐỀ XUẤT KHEN THƯỞNG TẬP THỂ, CÁ NHÂN NGOÀI NGÀNH {}", period.label_vi().to_uppercase()),
        "(Công văn số 1371/BHXH-TĐKT, mục B.IV.2.c: Ban Quản lý Thu - Sổ, Thẻ xem xét lựa chọn, đề xuất)",
        &[
            ("STT", 6.0),
            ("Tên tập thể, cá nhân", 30.0),
            ("Chức vụ, đơn vị công tác", 30.0),
            ("Hình thức đề nghị", 26.0),
            ("Thành tích", 60.0),
            ("Đơn vị đề xuất", 24.0),
        ],
        &[],
        20,
        Rows::Free,
    )?;
    wb.save_to_buffer()
}
