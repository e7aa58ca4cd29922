//! `thidua forms`: blank input workbooks for a cluster.

use crate::model::Period;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
#[command(
    override_usage = "thidua forms --cluster MÃ --period KỲ --out THƯ_MỤC",
    after_help = "Ví dụ:\n  thidua forms --cluster cum-3 --period 2022-Q3 --out bieu-mau/\n  thidua forms --cluster cum-3 --period 2023-H1 --out so-ket-6-thang/\n  thidua forms --cluster cum-3 --period 2022 --out bieu-mau-nam/\n  thidua forms --cluster cum-3 --period 2023 --dang-ky --out dang-ky/\n\nKỳ quý: biểu chỉ tiêu thi đua, danh sách cá nhân đề nghị và đề cử đơn vị trực thuộc (Công văn 1371). Sơ kết 6 tháng (ví dụ 2023-H1): biểu chỉ tiêu có hai trang Quý I và Quý II, biểu mô hình mới, cách làm hay và thông tin hội nghị sơ kết (Hướng dẫn 3636, mục A.II.3.2.a). Cả năm: thêm các bảng bình xét của Khối, Cụm (Hướng dẫn 3636), bỏ phiếu và Cụm trưởng năm sau.\n\nBiểu mẫu có sẵn tên các đơn vị của cụm, kỳ báo cáo ở tiêu đề, ô tiêu đề bị khóa, ô số liệu chỉ nhận số (có hướng dẫn khi nhập)."
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
    /// Chỉ ghi biểu đăng ký chỉ tiêu thi đua của năm (Hướng dẫn 3636, mục A.II.3.1): mọi đơn vị thành viên, các chỉ tiêu có định lượng, cả năm và từng quý.
    #[arg(long = "dang-ky")]
    pub dang_ky: bool,
    /// Tệp quy tắc thi đua (.toml) có các chỉ tiêu đăng ký, thay cho quy tắc tích hợp sẵn.
    #[arg(long, value_name = "ĐƯỜNG_DẪN")]
    pub rules: Option<PathBuf>,
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
    if a.dang_ky {
        return registration_form(cluster, a);
    }
    for p in crate::forms::write_forms(reg, cluster, &a.period, &a.out)? {
        println!("Đã ghi {}", p.display());
    }
    // A quarter the campaign in force does not cover: the forms are still
    // written (the indicators are those of the campaign), but `run` and
    // `check` will ask for the year's rules; said now, not at the deadline.
    if matches!(a.period, Period::Quarter { .. }) {
        if let Ok((rules, _)) = crate::pipeline::load_rules(a.rules.as_deref()) {
            if let Err(why) = rules.check_period(&a.period) {
                eprintln!("Lưu ý: {why} Khi lập hồ sơ kỳ này, thidua run và thidua check sẽ dừng. {}", rules.other_period_hint(&a.period));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `--dang-ky`: the registration form of the year, with the targets of the
/// rules in force (built in, or `--rules`).
fn registration_form(cluster: &crate::model::Cluster, a: &FormsArgs) -> anyhow::Result<ExitCode> {
    let (rules, _) = match crate::pipeline::load_rules(a.rules.as_deref()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return Ok(ExitCode::from(2));
        }
    };
    if rules.file.targets.is_empty() {
        eprintln!(
            "Tệp quy tắc {} không có chỉ tiêu đăng ký nào (mục [[target]]); hãy dùng tệp quy tắc có các chỉ tiêu thi đua có định lượng.",
            rules.source
        );
        return Ok(ExitCode::from(2));
    }
    let year = a.period.year();
    std::fs::create_dir_all(&a.out)?;
    let path = a.out.join(format!("dang-ky-chi-tieu-{}-{year}.xlsx", crate::pipeline::output::safe_name(&cluster.id)));
    std::fs::write(&path, crate::forms::registration::registration_form(cluster, year, &rules, None)?)?;
    println!("Đã ghi {}", path.display());
    println!("Các chỉ tiêu đăng ký theo {}.", rules.file.campaign.document);
    Ok(ExitCode::SUCCESS)
}
