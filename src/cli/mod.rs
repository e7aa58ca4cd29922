//! The command line (SPEC §9): one file per subcommand, help and messages
//! in Vietnamese, exit codes of SPEC §7 (0 all good, 1 finished with
//! problems in the inputs, 2 could not run).

pub mod check;
pub mod demo;
pub mod desk;
pub mod errors;
pub mod forms;
pub mod run;
pub mod so;
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
    after_help = "Ví dụ:\n  thidua run hop-thu/ --period 2022-Q3      lập hồ sơ Quý III/2022 từ thư mục hop-thu\n  thidua check hop-thu/                      chỉ kiểm tra số liệu, không ghi gì\n  thidua units --cluster cum-3               xem danh sách Cụm thi đua số III\n\nMã thoát: 0 = tốt; 1 = xong nhưng dữ liệu đầu vào có lỗi hoặc cảnh báo cần xem (bao-loi.txt); 2 = không chạy được.",
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
    /// Sổ khen thưởng của đơn vị qua các năm: ghi kết quả, quyết định, khen thưởng các năm trước; xem lịch sử.
    So(so::SoArgs),
    /// In hướng dẫn chung, hoặc hướng dẫn của một lệnh (thidua help run).
    Help(HelpArgs),
}

#[derive(clap::Args)]
#[command(override_usage = "thidua help [LỆNH]")]
struct HelpArgs {
    /// Lệnh cần xem hướng dẫn: run, check, demo, forms, units, templates, so.
    #[arg(value_name = "LỆNH")]
    lenh: Option<String>,
}

/// Help in Vietnamese: clap's headings, usage line and built-in flags
/// replaced.
fn command() -> clap::Command {
    const MAIN: &str = "{about-with-newline}\nCách dùng: {usage}\n\nLệnh:\n{subcommands}\n\nTùy chọn:\n{options}{after-help}";
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
        cmd = cmd.mut_subcommand(&n, vietnamese_sub);
    }
    cmd
}

/// A subcommand's help in Vietnamese, and its own subcommands' (`so ghi`).
fn vietnamese_sub(s: clap::Command) -> clap::Command {
    const SUB: &str = "{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";
    let help = || Arg::new("tro_giup").short('h').long("help").action(ArgAction::Help).help("In hướng dẫn này");
    let mut s = s.help_template(SUB).disable_help_flag(true).next_help_heading("Tùy chọn").arg(help()).mut_args(|a| {
        if a.is_positional() {
            a.help_heading("Tham số")
        } else {
            a.help_heading("Tùy chọn")
        }
    });
    let names: Vec<String> = s.get_subcommands().map(|c| c.get_name().to_string()).collect();
    if !names.is_empty() {
        s = s.subcommand_help_heading("Lệnh").disable_help_subcommand(true);
    }
    for n in names {
        s = s.mut_subcommand(&n, vietnamese_sub);
    }
    s
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
    #[cfg(windows)]
    quiet_on_closed_pipe();
    // A folder dropped on the program, or a double click (cli::desk).
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // A re-run's previous output is removed while the results are shown.
    crate::pipeline::output::defer_removals();
    if let Some(d) = desk::launch(&args) {
        let code = desk::run(d);
        crate::pipeline::output::wait_for_removals();
        return code;
    }
    let parsed = command().try_get_matches_from(args).and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            use clap::error::ErrorKind::*;
            match e.kind() {
                DisplayHelp | DisplayVersion | DisplayHelpOnMissingArgumentOrSubcommand => {
                    let _ = e.print();
                }
                _ => eprint!("{}", errors::vietnamese(&e)),
            }
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
        Command::So(a) => so::run(a),
        Command::Help(a) => help(a.lenh.as_deref()),
    };
    crate::pipeline::output::wait_for_removals();
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

/// Windows has no SIGPIPE: writing to a closed pipe (`thidua units | more`
/// stopped early) fails, and `println!` panics on it. End quietly instead,
/// as the Unix build does.
#[cfg(windows)]
fn quiet_on_closed_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        // ERROR_BROKEN_PIPE (109) and ERROR_NO_DATA (232, "The pipe is being closed").
        if msg.starts_with("failed printing to stdout") && (msg.contains("os error 232") || msg.contains("os error 109")) {
            std::process::exit(0);
        }
        default(info);
    }));
}

/// `thidua help [LỆNH]`: the same text as `--help`.
fn help(sub: Option<&str>) -> anyhow::Result<ExitCode> {
    let mut cmd = command();
    let text = match sub {
        None => cmd.render_help(),
        Some(name) => match cmd.find_subcommand_mut(name) {
            Some(s) => s.render_help(),
            None => {
                eprintln!("Lỗi: không có lệnh \"{name}\". Các lệnh: run, check, demo, forms, units, templates, so, help.");
                return Ok(ExitCode::from(2));
            }
        },
    };
    print!("{text}");
    Ok(ExitCode::SUCCESS)
}

/// `--registry FILE`: the edition it holds, checked whole (its warnings
/// printed); the built-in edition without it. On errors, prints them all and
/// gives exit code 2.
pub(crate) fn registry_or_exit(path: Option<&std::path::Path>) -> Result<&'static crate::registry::Registry, ExitCode> {
    match crate::pipeline::load_registry(path) {
        Ok((r, warnings)) => {
            for w in warnings {
                eprintln!("Cảnh báo: {w}");
            }
            Ok(r)
        }
        Err(e) => {
            eprintln!("Không chạy được: {e}");
            Err(ExitCode::from(2))
        }
    }
}

/// `--period` values: 2022-Q3, 2022-H1, 2022, and the way officers write
/// them: "Quý III/2022", "quý 3 năm 2022", "6 tháng 2023", "6 tháng đầu năm
/// 2023", "năm 2022".
pub fn parse_period(s: &str) -> Result<crate::model::Period, String> {
    s.parse().or_else(|_| crate::ingest::period::period_in(s).ok_or(())).map_err(|_| {
        format!(
            "kỳ \"{s}\" không hợp lệ; ghi theo dạng 2022-Q3 hoặc \"Quý III/2022\" (quý), 2022-H1 hoặc \"6 tháng 2022\" (6 tháng), 2022 hoặc \"năm 2022\" (năm)"
        )
    })
}
