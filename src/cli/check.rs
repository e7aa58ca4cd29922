//! `thidua check`: read and validate the inbox; write nothing.

use crate::model::Period;
use crate::pipeline;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
#[command(
    override_usage = "thidua check [THƯ_MỤC_HỒ_SƠ] [TÙY CHỌN]",
    after_help = "Ví dụ:\n  thidua check hop-thu/\n  thidua check hop-thu/ --period 2022-Q2"
)]
pub struct CheckArgs {
    /// Thư mục chứa các tệp Excel các đơn vị gửi về.
    #[arg(value_name = "THƯ_MỤC_HỒ_SƠ")]
    pub inbox: Option<PathBuf>,
    /// Kỳ xét: 2022-Q3, 2022-H1, 2022. Bỏ trống thì lấy theo tiêu đề các bảng.
    #[arg(long, value_name = "KỲ", value_parser = super::parse_period)]
    pub period: Option<Period>,
    /// Tệp quy tắc thi đua (.toml) thay cho quy tắc tích hợp sẵn.
    #[arg(long, value_name = "ĐƯỜNG_DẪN")]
    pub rules: Option<PathBuf>,
    /// Tệp danh sách khối, cụm và đơn vị (.toml, mẫu: thidua units --export) thay cho danh sách tích hợp sẵn.
    #[arg(long, value_name = "TỆP")]
    pub registry: Option<PathBuf>,
    /// Khối, Cụm mà hồ sơ này xét (mã hoặc tên, xem `thidua units`; mã hoặc tên BHXH tỉnh: các Cụm thi đua cấp huyện của tỉnh; "toan-quoc": toàn quốc). Bỏ trống thì xác định theo các bảng đọc được; đơn vị ngoài phạm vi này báo lỗi tại ô.
    #[arg(long, value_name = "KHỐI_CỤM")]
    pub cluster: Option<String>,
    /// Kiểm tra các bảng đăng ký chỉ tiêu thi đua dùng để lập Bản giao ước (như thidua run --giao-uoc), ví dụ: --period 2023 --giao-uoc.
    #[arg(long = "giao-uoc")]
    pub giao_uoc: bool,
}

pub fn run(a: &CheckArgs) -> anyhow::Result<ExitCode> {
    let Some(inbox) = &a.inbox else {
        eprintln!("Cần chỉ thư mục cần kiểm tra, ví dụ:\n  thidua check hop-thu/\nXem thêm: thidua check --help");
        return Ok(ExitCode::from(2));
    };
    if a.giao_uoc && a.cluster.is_some() {
        eprintln!("Không kiểm tra được: --cluster dùng khi xét quý và bình xét năm; Bản giao ước được lập cho mỗi Khối, Cụm có đơn vị đăng ký trong thư mục.");
        return Ok(ExitCode::from(2));
    }
    let ev = match pipeline::check(inbox, a.period, a.rules.as_deref(), a.registry.as_deref(), false, a.cluster.as_deref(), a.giao_uoc) {
        Ok(ev) => ev,
        Err(e) => {
            eprintln!("Không kiểm tra được: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let r = &ev.result;
    let read = ev.inbox.files.iter().filter(|f| !f.kinds.is_empty()).count();
    println!("Kỳ: {}; phạm vi: {}", r.period_label, r.scope.name_vi());
    if let Some(e) = &r.edition {
        println!("Danh sách đơn vị: {} (theo {}; áp dụng năm {})", e.name, e.document, e.years_vi());
    }
    // Who sent something: the units with figures evaluated; for the
    // registrations, the units registered; for the six-month review (no
    // unit evaluated), the units with figures in its quarters' tables.
    let with = match &r.registration {
        Some(rep) => format!("{} đơn vị đã đăng ký", rep.registrations.units.len()),
        None if r.units.is_empty() => {
            let units: std::collections::BTreeSet<&str> = ev
                .inbox
                .indicator_sheets
                .iter()
                .flat_map(|s| s.rows.iter().filter(|row| !row.figures.is_empty()).map(|row| row.unit.as_str()))
                .collect();
            format!("{} đơn vị có số liệu", units.len())
        }
        // A year-end review ranks on scores; a Khối of central units sends
        // no indicator figures at all ("0 đơn vị có số liệu" read as nothing read).
        None if !r.annual.is_empty() => format!(
            "{} đơn vị có điểm thi đua xác định được, {} đơn vị có số liệu chỉ tiêu",
            r.annual.iter().flat_map(|c| c.scores.iter().filter(|s| s.total.is_some())).count(),
            r.units.iter().filter(|u| !u.figures.is_empty()).count()
        ),
        None => format!("{} đơn vị có số liệu", r.units.iter().filter(|u| !u.figures.is_empty()).count()),
    };
    println!("Đã đọc {read}/{} tệp; {with}.", ev.inbox.files.len());
    let (e, w) = pipeline::counts(&r.problems);
    let code = if r.problems.is_empty() {
        println!("Không phát hiện lỗi nào.");
        ExitCode::SUCCESS
    } else {
        println!("Có {e} lỗi, {w} cảnh báo:");
        for p in &r.problems {
            println!("  {p}");
        }
        ExitCode::from(1)
    };
    // What was read is freed on another core, as `run` does.
    pipeline::drop_later(ev);
    Ok(code)
}
