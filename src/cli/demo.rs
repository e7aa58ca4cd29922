//! `thidua demo`: a realistic synthetic inbox to try the tool on.

use crate::model::Period;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
#[command(
    override_usage = "thidua demo --out THƯ_MỤC [TÙY CHỌN]",
    after_help = "Ví dụ:\n  thidua demo --out hop-thu-thu/ --period 2022-Q3\n  thidua demo --out tong-ket/ --period 2022                     (toàn quốc, tổng kết năm)\n  thidua demo --out cum-3/ --period 2022 --cluster cum-3        (một Cụm thi đua cấp tỉnh)\n  thidua demo --out thanh-hoa/ --period 2022 --province thanh-hoa (các Cụm cấp huyện của một tỉnh)\n  thidua demo --out cum-3-quy-3/ --period 2022-Q3 --cluster cum-3 (một Cụm, quý III và quý II: báo cáo quý)\n  thidua demo --out so-ket/ --period 2022-H1 --cluster cum-3     (sơ kết 6 tháng của một Cụm)\n  thidua run hop-thu-thu/"
)]
pub struct DemoArgs {
    /// Thư mục ghi các tệp mẫu.
    #[arg(long, short, value_name = "THƯ_MỤC")]
    pub out: PathBuf,
    /// Kỳ của số liệu mẫu (mặc định 2022-Q3); 2022-H1: sơ kết 6 tháng của một Cụm (--cluster, mặc định cum-3); một quý với --cluster: số liệu quý đó và quý trước của Cụm (báo cáo quý của Cụm trưởng).
    #[arg(long, value_name = "KỲ", value_parser = super::parse_period)]
    pub period: Option<Period>,
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
    /// Tệp danh sách khối, cụm và đơn vị (.toml, mẫu: thidua units --export) thay cho danh sách tích hợp sẵn.
    #[arg(long, value_name = "TỆP")]
    pub registry: Option<PathBuf>,
}

pub fn run(a: &DemoArgs) -> anyhow::Result<ExitCode> {
    let period_given = a.period.is_some();
    let period = a.period.unwrap_or(Period::Quarter { year: 2022, q: 3 });
    use crate::demo::annual::{generate_annual, AnnualScope};
    // The six-month review of one block or cluster (Cụm thi đua cấp tỉnh
    // số III unless --cluster says which).
    if let Period::Half { year } = period {
        let c = a.cluster.clone().unwrap_or_else(|| "cum-3".into());
        let files = crate::demo::six_month::generate_six_month(&a.out, &c, year, &a.seed)?;
        println!("Đã ghi {} tệp sơ kết 6 tháng đầu năm {year} ({c}) vào {}", files.len(), a.out.display());
        return Ok(ExitCode::SUCCESS);
    }
    // One cluster's quarter: its figures and the previous quarter's, for the
    // head's quarterly report.
    if let (Period::Quarter { .. }, Some(c), true) = (period, &a.cluster, period_given) {
        let files = crate::demo::six_month::generate_cluster_quarter(&a.out, c, &period)?;
        println!("Đã ghi {} tệp số liệu {} của {c} vào {}", files.len(), period.label_vi(), a.out.display());
        return Ok(ExitCode::SUCCESS);
    }
    let reg = match super::registry_or_exit(a.registry.as_deref()) {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    let annual = matches!(period, Period::Year { .. }) || a.cluster.is_some() || a.province.is_some();
    if annual {
        let scope = match (&a.cluster, &a.province) {
            (Some(c), _) => AnnualScope::Cluster(c.clone()),
            (_, Some(p)) => AnnualScope::Province(p.clone()),
            _ => AnnualScope::National,
        };
        let files = generate_annual(reg, &a.out, period.year(), &scope, &a.seed, a.scale)?;
        println!("Đã ghi {} tệp tổng kết năm {} vào {}", files.len(), period.year(), a.out.display());
        return Ok(ExitCode::SUCCESS);
    }
    let files = crate::demo::quarterly::generate_national(reg, &a.out, &period, a.scale)?;
    println!("Đã ghi {} tệp số liệu {} vào {}", files.len(), period.label_vi(), a.out.display());
    Ok(ExitCode::SUCCESS)
}
