//! `thidua demo`: a realistic synthetic inbox to try the tool on.

use crate::model::Period;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
#[command(
    override_usage = "thidua demo --out THƯ_MỤC [TÙY CHỌN]",
    after_help = "Ví dụ:\n  thidua demo --out hop-thu-thu/ --period 2022-Q3\n  thidua demo --out tong-ket/ --period 2022                     (toàn quốc, tổng kết năm)\n  thidua demo --out cum-3/ --period 2022 --cluster cum-3        (một Cụm thi đua cấp tỉnh)\n  thidua demo --out thanh-hoa/ --period 2022 --province thanh-hoa (các Cụm cấp huyện của một tỉnh)\n  thidua run hop-thu-thu/"
)]
pub struct DemoArgs {
    /// Thư mục ghi các tệp mẫu.
    #[arg(long, short, value_name = "THƯ_MỤC")]
    pub out: PathBuf,
    /// Kỳ của số liệu mẫu (mặc định 2022-Q3).
    #[arg(long, value_name = "KỲ", value_parser = super::parse_period, default_value = "2022-Q3", hide_default_value = true)]
    pub period: Period,
    /// Quy mô: số bản sao của toàn bộ hộp thư, để đo tốc độ (mặc định 1).
    #[arg(long, value_name = "N", default_value_t = 1, hide_default_value = true)]
    pub scale: u32,
    /// Hạt giống ngẫu nhiên: cùng hạt giống cho cùng các tệp (mặc định "thidua").
    #[arg(long, value_name = "S", default_value = "thidua", hide_default_value = true)]
    pub seed: String,
    /// Tổng kết năm: chỉ một Khối/Cụm (mã, xem `thidua units`).
    #[arg(long, value_name = "MÃ", conflicts_with = "province")]
    pub cluster: Option<String>,
    /// Tổng kết năm: các Cụm cấp huyện của một BHXH tỉnh (mã tỉnh).
    #[arg(long, value_name = "MÃ")]
    pub province: Option<String>,
}

pub fn run(a: &DemoArgs) -> anyhow::Result<ExitCode> {
    use crate::demo::annual::{generate_annual, AnnualScope};
    let annual = matches!(a.period, Period::Year { .. }) || a.cluster.is_some() || a.province.is_some();
    if annual {
        let scope = match (&a.cluster, &a.province) {
            (Some(c), _) => AnnualScope::Cluster(c.clone()),
            (_, Some(p)) => AnnualScope::Province(p.clone()),
            _ => AnnualScope::National,
        };
        let files = generate_annual(&a.out, a.period.year(), &scope, &a.seed, a.scale)?;
        println!("Đã ghi {} tệp tổng kết năm {} vào {}", files.len(), a.period.year(), a.out.display());
        return Ok(ExitCode::SUCCESS);
    }
    let files = crate::demo::quarterly::generate_national(&a.out, &a.period, a.scale)?;
    println!("Đã ghi {} tệp số liệu {} vào {}", files.len(), a.period.label_vi(), a.out.display());
    Ok(ExitCode::SUCCESS)
}
