//! The command line (SPEC §9): one file per subcommand, help and messages
//! in Vietnamese, exit codes of SPEC §7 (0 all good, 1 finished with
//! problems in the inputs, 2 could not run).

pub mod check;
pub mod demo;
pub mod forms;
pub mod run;
pub mod templates;
pub mod units;

use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "thidua",
    version,
    about = "Tổng hợp, xếp hạng và lập hồ sơ thi đua, khen thưởng của ngành BHXH Việt Nam",
    long_about = "thidua đọc các tệp Excel các đơn vị gửi về, tính tỷ lệ, xếp hạng, kiểm tra từng tiêu chí và hạn mức khen thưởng, rồi lập tờ trình, biên bản, báo cáo tóm tắt thành tích (Word) và bảng tổng hợp (Excel).",
    after_help = "Ví dụ:\n  thidua run hop-thu/ --period 2022-Q3      lập hồ sơ Quý III/2022 từ thư mục hop-thu\n  thidua check hop-thu/                      chỉ kiểm tra số liệu, không ghi gì\n  thidua units --cluster cum-3               xem danh sách Cụm thi đua số III\n\nMã thoát: 0 = tốt; 1 = xong nhưng dữ liệu đầu vào có lỗi (xem bao-loi.txt); 2 = không chạy được.",
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lập toàn bộ hồ sơ của kỳ: đọc thư mục, xếp hạng, xét khen thưởng, ghi văn bản.
    Run(run::RunArgs),
    /// Chỉ đọc và kiểm tra thư mục hồ sơ, in các lỗi; không ghi tệp nào.
    Check(check::CheckArgs),
    /// Tạo một thư mục hồ sơ mẫu (dữ liệu giả lập) để thử công cụ.
    Demo(demo::DemoArgs),
    /// Ghi biểu mẫu nhập số liệu trống cho một khối/cụm (có sẵn tên đơn vị).
    Forms(forms::FormsArgs),
    /// Danh sách khối, cụm thi đua và đơn vị theo Hướng dẫn 3636/HD-BHXH.
    Units(units::UnitsArgs),
    /// Ghi các mẫu văn bản Word mặc định để sửa, hoặc kiểm tra mẫu đã sửa.
    Templates(templates::TemplatesArgs),
}

/// Help in Vietnamese: clap's headings, usage line and built-in flags
/// replaced.
fn command() -> clap::Command {
    const MAIN: &str = "{about-with-newline}\nCách dùng: {usage}\n\nLệnh:\n{subcommands}\n\nTùy chọn:\n{options}{after-help}";
    const SUB: &str = "{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";
    let help = || Arg::new("tro_giup").short('h').long("help").action(ArgAction::Help).help("In hướng dẫn này");
    let mut cmd = Cli::command()
        .help_template(MAIN)
        .override_usage("thidua <LỆNH> [THAM SỐ]")
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(help())
        .arg(Arg::new("phien_ban").short('V').long("version").action(ArgAction::Version).help("In phiên bản"));
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for n in names {
        cmd = cmd.mut_subcommand(&n, |s| {
            s.help_template(SUB).disable_help_flag(true).next_help_heading("Tùy chọn").arg(help()).mut_args(|a| {
                if a.is_positional() {
                    a.help_heading("Tham số")
                } else {
                    a.help_heading("Tùy chọn")
                }
            })
        });
    }
    cmd
}

pub fn main() -> ExitCode {
    // A closed pipe (`thidua units | head`) ends the program as any Unix
    // tool does, rather than panicking inside println!.
    #[cfg(unix)]
    // SAFETY: setting a signal disposition to its default at start-up,
    // before any other thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let parsed = command().try_get_matches().and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let res = match &cli.command {
        Command::Run(a) => run::run(a),
        Command::Check(a) => check::run(a),
        Command::Demo(a) => demo::run(a),
        Command::Forms(a) => forms::run(a),
        Command::Units(a) => units::run(a),
        Command::Templates(a) => templates::run(a),
    };
    if std::env::var_os("THIDUA_STATS").is_some() {
        // For the benchmark: peak resident memory of this process.
        if let Some(kb) = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| s.lines().find_map(|l| l.strip_prefix("VmHWM:").map(|v| v.trim().trim_end_matches(" kB").trim().to_string())))
        {
            eprintln!("thidua-stats peak_rss_kb={kb}");
        }
    }
    match res {
        Ok(code) => code,
        Err(e) => {
            eprintln!("Lỗi: {}", crate::ingest::error_chain_vi(&e));
            ExitCode::from(2)
        }
    }
}

/// `--period` values: 2022-Q3, 2022-H1, 2022.
pub fn parse_period(s: &str) -> Result<crate::model::Period, String> {
    s.parse().map_err(|_| format!("kỳ \"{s}\" không hợp lệ; ghi theo dạng 2022-Q3 (quý), 2022-H1 (6 tháng) hoặc 2022 (năm)"))
}
