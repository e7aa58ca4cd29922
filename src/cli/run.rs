//! `thidua run`: the whole job.

use crate::model::Period;
use crate::pipeline::{self, RunOptions};
use crate::render::fill::DocDate;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
#[command(
    override_usage = "thidua run [THƯ_MỤC_HỒ_SƠ] [TÙY CHỌN]",
    after_help = "Ví dụ:\n  thidua run hop-thu/ --period 2022-Q3\n  thidua run hop-thu/ --out ket-qua/ --ngay 2022-10-15 --pdf\n  thidua run tong-ket/ --period 2022 --cluster cum-3     (chỉ xét Cụm thi đua cấp tỉnh số III)\n  thidua run dang-ky/ --period 2023 --giao-uoc     (Bản giao ước thi đua từ các bảng đăng ký chỉ tiêu)\n\nKết quả (mặc định trong out/<kỳ>/): ho-so/ (tờ trình, biên bản, báo cáo tóm tắt thành tích), tong-hop.xlsx, ket-qua.json, bao-loi.txt, manifest.json."
)]
pub struct RunArgs {
    /// Thư mục chứa các tệp Excel các đơn vị gửi về.
    #[arg(value_name = "THƯ_MỤC_HỒ_SƠ")]
    pub inbox: Option<PathBuf>,
    /// Thư mục ghi kết quả của kỳ (mặc định: out/<kỳ>, ví dụ out/2022-Q3).
    #[arg(long, short, value_name = "THƯ_MỤC")]
    pub out: Option<PathBuf>,
    /// Kỳ xét: 2022-Q3 hoặc "Quý III/2022" (quý), 2022-H1 hoặc "6 tháng 2022" (6 tháng), 2022 hoặc "năm 2022" (năm). Bỏ trống thì lấy theo tiêu đề các bảng.
    #[arg(long, value_name = "KỲ", value_parser = super::parse_period)]
    pub period: Option<Period>,
    /// Tệp quy tắc thi đua (.toml) thay cho quy tắc tích hợp sẵn.
    #[arg(long, value_name = "ĐƯỜNG_DẪN")]
    pub rules: Option<PathBuf>,
    /// Tệp danh sách khối, cụm và đơn vị của năm xét (.toml, mẫu: thidua units --export) thay cho danh sách tích hợp sẵn.
    #[arg(long, value_name = "TỆP")]
    pub registry: Option<PathBuf>,
    /// Khối, Cụm mà hồ sơ này xét (mã hoặc tên, xem `thidua units`; mã hoặc tên BHXH tỉnh: các Cụm thi đua cấp huyện của tỉnh; "toan-quoc": toàn quốc). Bỏ trống thì xác định theo các bảng đọc được; đơn vị ngoài phạm vi này báo lỗi tại ô.
    #[arg(long, value_name = "KHỐI_CỤM")]
    pub cluster: Option<String>,
    /// Thư mục chứa mẫu văn bản (.docx) đã sửa; mẫu nào không có thì dùng mẫu sẵn.
    #[arg(long, value_name = "ĐƯỜNG_DẪN")]
    pub templates: Option<PathBuf>,
    /// Ngày ký văn bản: 15/10/2022, "15 tháng 10 năm 2022" hoặc 2022-10-15 (mặc định: ngày họp ghi trong bảng Thông tin hội nghị nếu có; không có thì để trống ngày, ghi tháng sau kỳ xét).
    #[arg(long, value_name = "NGÀY", value_parser = parse_date)]
    pub ngay: Option<DocDate>,
    /// Chuyển thêm các văn bản sang PDF (cần LibreOffice).
    #[arg(long)]
    pub pdf: bool,
    /// Nếu một lần chạy khác đang ghi vào cùng thư mục kết quả thì chờ, thay vì dừng.
    #[arg(long)]
    pub wait: bool,
    /// Lập Bản giao ước thi đua của Khối, Cụm từ các bảng đăng ký chỉ tiêu thi đua của năm (Hướng dẫn 3636, mục A.II.1.2), ví dụ: --period 2023 --giao-uoc.
    #[arg(long = "giao-uoc")]
    pub giao_uoc: bool,
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
    /// Sổ khen thưởng (.sqlite) của đơn vị: điền các hình thức đã được khen thưởng vào báo cáo thành tích, đề xuất luân phiên Cụm trưởng, Cụm phó theo sổ (mặc định: biến môi trường THIDUA_SO nếu có; không có thì không dùng sổ).
    #[arg(long, value_name = "TỆP")]
    pub so: Option<PathBuf>,
    /// Where the period folder goes when --out is not given (a desk launch
    /// writes beside the inbox).
    #[arg(skip)]
    pub out_root: Option<PathBuf>,
}

impl RunArgs {
    /// The arguments of a desk launch: the folder, results beside it.
    pub fn for_folder(inbox: PathBuf, out_root: PathBuf) -> RunArgs {
        RunArgs {
            inbox: Some(inbox),
            out: None,
            period: None,
            rules: None,
            registry: None,
            cluster: None,
            templates: None,
            ngay: None,
            pdf: false,
            giao_uoc: false,
            wait: false,
            quiet: false,
            log: None,
            max_mb: None,
            max_cells: None,
            so: None,
            out_root: Some(out_root),
        }
    }
}

/// `--ngay`: the signing date, as 2022-10-15, 15/10/2022, 15-10-2022 or
/// "15 tháng 10 năm 2022" (with or without "ngày").
pub fn parse_date(s: &str) -> Result<DocDate, String> {
    let bad = || format!("ngày \"{s}\" không hợp lệ; ghi theo dạng 15/10/2022, \"15 tháng 10 năm 2022\" hoặc 2022-10-15");
    let folded = crate::vn::text::ascii_fold(s);
    let nums: Vec<&str> = s.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).collect();
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit())).collect();
    // Only these words may stand beside the numbers ("ngày 15 tháng 10 năm 2022").
    if nums.len() != 3 || !words.iter().all(|w| ["ngay", "thang", "nam"].contains(w)) {
        return Err(bad());
    }
    let parse = |t: &str| t.parse::<i32>().map_err(|_| bad());
    let (y, m, d) = if nums[0].len() == 4 {
        (parse(nums[0])?, parse(nums[1])?, parse(nums[2])?)
    } else if nums[2].len() == 4 {
        (parse(nums[2])?, parse(nums[1])?, parse(nums[0])?)
    } else {
        return Err(bad());
    };
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
    Ok(DocDate::Full { day: d as u32, month: m as u32, year: y })
}

const HOW: &str =
    "Cần chỉ thư mục chứa các tệp Excel các đơn vị gửi về, ví dụ:\n  thidua run hop-thu/ --period 2022-Q3     (thi đua theo quý)\n  thidua run tong-ket/ --period 2022       (bình xét thi đua năm của Khối, Cụm)\nXem thêm: thidua run --help";

pub fn run(a: &RunArgs) -> anyhow::Result<ExitCode> {
    run_reporting(a).map(|(code, _)| code)
}

/// `run`, and the output folder it wrote (none when it could not run).
pub fn run_reporting(a: &RunArgs) -> anyhow::Result<(ExitCode, Option<PathBuf>)> {
    let Some(inbox) = &a.inbox else {
        eprintln!("{HOW}");
        return Ok((ExitCode::from(2), None));
    };
    let opts = RunOptions {
        inbox: inbox.clone(),
        out: a.out.clone(),
        out_root: a.out_root.clone(),
        period: a.period,
        rules: a.rules.clone(),
        registry: a.registry.clone(),
        templates: a.templates.clone(),
        date: a.ngay,
        pdf: a.pdf,
        wait: a.wait,
        quiet: a.quiet,
        log: a.log.clone(),
        register: a.so.clone().or_else(|| std::env::var_os(crate::register::ENV_VAR).filter(|v| !v.is_empty()).map(PathBuf::from)),
        covenant: a.giao_uoc,
        scope: a.cluster.clone(),
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
            return Ok((ExitCode::from(2), None));
        }
    };
    let r = &s.result;
    println!("{} — {}", r.campaign_name, r.period_label);
    if r.units.is_empty() && r.registration.is_none() {
        // The six-month review: its counts are in the notes below.
        println!("Phạm vi: {}", r.scope.name_vi());
    } else {
        match (&r.registration, a.giao_uoc) {
            (Some(rep), true) => {
                println!("Phạm vi: {}; số đơn vị đã đăng ký: {}", r.scope.name_vi(), rep.registrations.units.len());
            }
            _ => println!("Phạm vi: {}; số đơn vị: {}", r.scope.name_vi(), r.units.len()),
        }
    }
    if let Some(e) = &r.edition {
        println!("Danh sách đơn vị: {} (theo {}; áp dụng năm {})", e.name, e.document, e.years_vi());
    }
    println!("Quy tắc: {}", r.rules_document);
    if let Some(note) = s.annual_rules.as_ref().map(|a| a.file.campaign.note.trim()).filter(|n| !n.is_empty()) {
        println!("  Ghi chú của tệp quy tắc: {note}");
    }
    if let Some(a) = &s.annual_rules {
        for line in crate::render::annual::console_lines(r, a) {
            println!("{line}");
        }
    }
    // Nationally, the provinces' own 20 % caps (one line each) are in the
    // summary's "Hạn mức" sheet; the console keeps the national ones.
    let national = matches!(r.scope, crate::model::Scope::National) && s.annual_rules.is_some();
    let mut provincial = 0;
    for q in &r.quotas {
        if national && q.scope != "toan-quoc" {
            provincial += 1;
            continue;
        }
        println!("  {}", q.summary_vi());
        if q.applied && !q.note.is_empty() && s.annual_rules.is_some() {
            println!("    {}", q.note);
        }
    }
    if provincial > 0 {
        println!(
            "  Hạn mức Cờ thi đua của Chính phủ của {provincial} BHXH tỉnh (các Cụm cấp huyện): xem trang \"Hạn mức\" trong tong-hop.xlsx."
        );
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
    let done = (ExitCode::from(s.exit_code()), Some(s.out_dir.clone()));
    pipeline::drop_later(s);
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn signing_dates_as_officers_write_them() {
        for s in
            ["2022-10-15", "15/10/2022", "15-10-2022", "15 tháng 10 năm 2022", "ngày 15 tháng 10 năm 2022", "Ngày 15 tháng 10 năm 2022"]
        {
            let d = parse_date(s).unwrap_or_else(|e| panic!("{s}: {e}"));
            assert_eq!(format!("{d:?}"), "Full { day: 15, month: 10, year: 2022 }", "{s}");
        }
        for s in ["31/02/2022", "15/13/2022", "15/10", "hôm nay", "15 tháng mười năm 2022", "10/15/22"] {
            let e = parse_date(s).unwrap_err();
            assert!(e.contains("không hợp lệ") && e.contains("15/10/2022"), "{s}: {e}");
        }
    }

    #[test]
    fn periods_as_officers_write_them() {
        use crate::model::Period;
        let p = crate::cli::parse_period;
        assert_eq!(p("Quý III/2022"), Ok(Period::Quarter { year: 2022, q: 3 }));
        assert_eq!(p("quý 3 năm 2022"), Ok(Period::Quarter { year: 2022, q: 3 }));
        assert_eq!(p("6 tháng 2023"), Ok(Period::Half { year: 2023 }));
        assert_eq!(p("6 tháng đầu năm 2023"), Ok(Period::Half { year: 2023 }));
        assert_eq!(p("năm 2022"), Ok(Period::Year { year: 2022 }));
        assert_eq!(p("2022-Q3"), Ok(Period::Quarter { year: 2022, q: 3 }));
        assert!(p("quý năm").unwrap_err().contains("Quý III/2022"));
    }
}
