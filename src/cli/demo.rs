//! `thidua demo`: a realistic synthetic inbox to try the tool on.

use crate::model::Period;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
#[command(
    override_usage = "thidua demo --out THƯ_MỤC [TÙY CHỌN]",
    after_help = "Ví dụ:\n  thidua demo --out hop-thu-thu/ --period 2022-Q3\n  thidua run hop-thu-thu/"
)]
pub struct DemoArgs {
    /// Thư mục ghi các tệp mẫu.
    #[arg(long, short, value_name = "THƯ_MỤC")]
    pub out: PathBuf,
    /// Kỳ của số liệu mẫu.
    #[arg(long, value_name = "KỲ", value_parser = super::parse_period, default_value = "2022-Q3")]
    pub period: Period,
    /// Quy mô: số bản sao của toàn bộ hộp thư (để đo tốc độ).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub scale: u32,
}

pub fn run(a: &DemoArgs) -> anyhow::Result<ExitCode> {
    let files = crate::demo::generate_national(&a.out, &a.period, a.scale)?;
    println!("Đã ghi {} tệp số liệu {} vào {}", files.len(), a.period.label_vi(), a.out.display());
    Ok(ExitCode::SUCCESS)
}
