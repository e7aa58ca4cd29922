//! `thidua run`: the whole job.

use crate::model::Period;
use crate::pipeline::{self, RunOptions};
use crate::render::dossier::DocDate;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
#[command(
    override_usage = "thidua run [THƯ_MỤC_HỒ_SƠ] [TÙY CHỌN]",
    after_help = "Ví dụ:\n  thidua run hop-thu/ --period 2022-Q3\n  thidua run hop-thu/ --out ket-qua/ --ngay 2022-10-15 --pdf\n\nKết quả (mặc định trong out/<kỳ>/): ho-so/ (tờ trình, biên bản, báo cáo tóm tắt thành tích), tong-hop.xlsx, ket-qua.json, bao-loi.txt, manifest.json."
)]
pub struct RunArgs {
    /// Thư mục chứa các tệp Excel các đơn vị gửi về.
    #[arg(value_name = "THƯ_MỤC_HỒ_SƠ")]
    pub inbox: Option<PathBuf>,
    /// Thư mục ghi kết quả của kỳ (mặc định: out/<kỳ>, ví dụ out/2022-Q3).
    #[arg(long, short, value_name = "THƯ_MỤC")]
    pub out: Option<PathBuf>,
    /// Kỳ xét: 2022-Q3 (quý), 2022-H1 (6 tháng), 2022 (năm). Bỏ trống thì lấy theo tiêu đề các bảng.
    #[arg(long, value_name = "KỲ", value_parser = super::parse_period)]
    pub period: Option<Period>,
    /// Tệp quy tắc thi đua (.toml) thay cho quy tắc tích hợp sẵn.
    #[arg(long, value_name = "ĐƯỜNG_DẪN")]
    pub rules: Option<PathBuf>,
    /// Thư mục chứa mẫu văn bản (.docx) đã sửa; mẫu nào không có thì dùng mẫu sẵn.
    #[arg(long, value_name = "ĐƯỜNG_DẪN")]
    pub templates: Option<PathBuf>,
    /// Ngày ký văn bản, dạng 2022-10-15 (mặc định: để trống ngày, tháng sau kỳ xét).
    #[arg(long, value_name = "NGÀY", value_parser = parse_date)]
    pub ngay: Option<DocDate>,
    /// Chuyển thêm các văn bản sang PDF (cần LibreOffice).
    #[arg(long)]
    pub pdf: bool,
    /// Nếu một lần chạy khác đang ghi vào cùng thư mục kết quả thì chờ, thay vì dừng.
    #[arg(long)]
    pub wait: bool,
    /// Không hiện tiến trình.
    #[arg(long, short)]
    pub quiet: bool,
    /// Ghi tiến trình (có giờ) vào tệp nhật ký này, dùng khi chạy theo lịch (cron, systemd).
    #[arg(long, value_name = "TỆP")]
    pub log: Option<PathBuf>,
    /// Giới hạn dung lượng một tệp nhận vào, MB (mặc định 50; khi giải nén: gấp đôi).
    #[arg(long, value_name = "MB")]
    pub max_mb: Option<u64>,
    /// Giới hạn số ô có dữ liệu của một tệp bảng tính (mặc định 500.000).
    #[arg(long, value_name = "SỐ_Ô")]
    pub max_cells: Option<usize>,
}

pub fn parse_date(s: &str) -> Result<DocDate, String> {
    let bad = || format!("ngày \"{s}\" không hợp lệ; ghi theo dạng 2022-10-15");
    let parts: Vec<&str> = s.split('-').collect();
    if parts.len() != 3 {
        return Err(bad());
    }
    let (y, m, d): (i32, u32, u32) =
        (parts[0].parse().map_err(|_| bad())?, parts[1].parse().map_err(|_| bad())?, parts[2].parse().map_err(|_| bad())?);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if !(1..=days).contains(&d) || !(2000..=2100).contains(&y) {
        return Err(bad());
    }
    Ok(DocDate::Full { day: d, month: m, year: y })
}

const HOW: &str =
    "Cần chỉ thư mục chứa các tệp Excel các đơn vị gửi về, ví dụ:\n  thidua run hop-thu/ --period 2022-Q3     (thi đua theo quý)\n  thidua run tong-ket/ --period 2022       (bình xét thi đua năm của Khối, Cụm)\nXem thêm: thidua run --help";

pub fn run(a: &RunArgs) -> anyhow::Result<ExitCode> {
    let Some(inbox) = &a.inbox else {
        eprintln!("{HOW}");
        return Ok(ExitCode::from(2));
    };
    let opts = RunOptions {
        inbox: inbox.clone(),
        out: a.out.clone(),
        period: a.period,
        rules: a.rules.clone(),
        templates: a.templates.clone(),
        date: a.ngay,
        pdf: a.pdf,
        wait: a.wait,
        quiet: a.quiet,
        log: a.log.clone(),
        limits: Some({
            let mut l = crate::ingest::Limits::default();
            if let Some(mb) = a.max_mb {
                l.max_file_bytes = mb << 20;
                l.max_unzipped_bytes = (mb * 2) << 20;
            }
            if let Some(c) = a.max_cells {
                l.max_cells = c;
            }
            l
        }),
    };
    let s = match pipeline::run(&opts) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("Không chạy được: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let r = &s.result;
    println!("{} — {}", r.campaign_name, r.period_label);
    println!("Phạm vi: {}; số đơn vị: {}", r.scope.name_vi(), r.units.len());
    if let Some(a) = &s.annual_rules {
        for line in crate::render::annual::console_lines(r, a) {
            println!("{line}");
        }
    }
    for q in &r.quotas {
        println!("  {}", q.summary_vi());
        if q.applied && !q.note.is_empty() && s.annual_rules.is_some() {
            println!("    {}", q.note);
        }
    }
    let (e, w) = pipeline::counts(&r.problems);
    if e + w > 0 {
        println!("Dữ liệu đầu vào có {e} lỗi, {w} cảnh báo (xem {}):", s.out_dir.join("bao-loi.txt").display());
        for p in r.problems.iter().take(15) {
            println!("  {p}");
        }
        if r.problems.len() > 15 {
            println!("  … và {} vấn đề khác.", r.problems.len() - 15);
        }
    }
    for n in &s.notes {
        println!("{n}");
    }
    println!("Đã ghi {} tệp vào {}", s.outputs.len(), s.out_dir.display());
    Ok(ExitCode::from(s.exit_code()))
}
