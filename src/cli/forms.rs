//! `thidua forms`: blank input workbooks for a cluster.

use crate::model::Period;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
#[command(
    override_usage = "thidua forms --cluster MÃ --period KỲ --out THƯ_MỤC",
    after_help = "Ví dụ:\n  thidua forms --cluster cum-3 --period 2022-Q3 --out bieu-mau/\n  thidua forms --cluster cum-3 --period 2022 --out bieu-mau-nam/\n\nKỳ quý: chỉ biểu chỉ tiêu thi đua (Công văn 1371). Kỳ 6 tháng, cả năm: thêm các bảng bình xét của Khối, Cụm (Hướng dẫn 3636); bỏ phiếu và Cụm trưởng năm sau chỉ có ở kỳ cả năm.\n\nBiểu mẫu có sẵn tên các đơn vị của cụm, kỳ báo cáo ở tiêu đề, ô tiêu đề bị khóa, ô số liệu chỉ nhận số (có hướng dẫn khi nhập)."
)]
pub struct FormsArgs {
    /// Mã khối/cụm: khoi-1 … khoi-5, cum-1 … cum-10, <tỉnh>.cum-N.
    #[arg(long, value_name = "MÃ")]
    pub cluster: String,
    /// Kỳ báo cáo: 2022-Q3, 2022-H1, 2022.
    #[arg(long, value_name = "KỲ", value_parser = super::parse_period)]
    pub period: Period,
    /// Thư mục ghi biểu mẫu.
    #[arg(long, short, value_name = "THƯ_MỤC")]
    pub out: PathBuf,
    /// Tệp danh sách khối, cụm và đơn vị (.toml, mẫu: thidua units --export) thay cho danh sách tích hợp sẵn.
    #[arg(long, value_name = "TỆP")]
    pub registry: Option<PathBuf>,
}

pub fn run(a: &FormsArgs) -> anyhow::Result<ExitCode> {
    let reg = match super::registry_or_exit(a.registry.as_deref()) {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    let Some(cluster) = reg.cluster(&a.cluster) else {
        eprintln!("Không có khối/cụm \"{}\". Xem danh sách: thidua units", a.cluster);
        return Ok(ExitCode::from(2));
    };
    for p in crate::forms::write_forms(reg, cluster, &a.period, &a.out)? {
        println!("Đã ghi {}", p.display());
    }
    Ok(ExitCode::SUCCESS)
}
