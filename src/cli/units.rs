//! `thidua units`: the registry (the built-in edition of Hướng dẫn 3636, or
//! a `--registry` file), its check, and `--export` of the built-in edition
//! as a file to edit for another year (SPEC §12).

use crate::model::ClusterKind;
use crate::registry::Registry;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// What an officer reads first in an exported file.
const EXPORT_HEADER: &str = "\
# Danh sách Khối, Cụm thi đua và đơn vị, xuất từ thidua (thidua units --export).
# Sửa tệp này thành danh sách của năm cần xét:
#   - [edition]: tên lần ban hành (name), văn bản căn cứ (document), các năm áp dụng (years);
#   - [[khoi]], [[cum_tinh]]: số của Khối/Cụm và các đơn vị thành viên (mỗi đơn vị ở đúng một Khối/Cụm);
#   - [[province]]: các Cụm thi đua cấp huyện của từng tỉnh (tên tỉnh phải có trong một [[cum_tinh]]);
#   - [aliases]: tên gọi khác của đơn vị; [dia_danh]: địa danh ghi ở dòng ngày tháng khi không phải
#     tên đơn vị bỏ chữ \"BHXH tỉnh/huyện\" (đơn vị đặt theo tên người: \"Thành phố Hồ Chí Minh\");
#   - [[nhiem_ky]]: Cụm trưởng, Cụm phó từng năm, ví dụ:
#       [[nhiem_ky]]
#       cum = \"cum-1\"
#       nam = 2012
#       truong = \"BHXH tỉnh Hải Dương\"
#       pho = \"BHXH tỉnh Tuyên Quang\"
# Kiểm tra: thidua units --registry TỆP --verify. Dùng: thidua run HỘP_THƯ --registry TỆP --rules TỆP.

";

#[derive(Args)]
#[command(
    override_usage = "thidua units [TÙY CHỌN]",
    after_help = "Ví dụ:\n  thidua units                  toàn bộ danh sách\n  thidua units --cluster cum-3  Cụm thi đua cấp tỉnh số III\n  thidua units --cluster ha-noi.cum-2\n  thidua units --cluster thanh-hoa   các Cụm thi đua cấp huyện của BHXH tỉnh Thanh Hóa\n  thidua units --verify         kiểm tra số cụm theo quy tắc chia cụm\n  thidua units --export ds.toml ghi danh sách tích hợp sẵn ra tệp để sửa cho năm khác\n  thidua units --registry ds.toml --verify   kiểm tra tệp đã sửa"
)]
pub struct UnitsArgs {
    /// Mã hoặc tên khối/cụm: khoi-1 … khoi-5, cum-1 … cum-10, <tỉnh>.cum-N (ví dụ ha-noi.cum-2); mã hoặc tên BHXH tỉnh: các Cụm thi đua cấp huyện của tỉnh.
    #[arg(long, value_name = "MÃ")]
    pub cluster: Option<String>,
    /// Kiểm tra số đơn vị, số cụm và quy tắc chia cụm huyện (Hướng dẫn 3636, mục A.I.3.a).
    #[arg(long)]
    pub verify: bool,
    /// In dạng JSON.
    #[arg(long)]
    pub json: bool,
    /// Tệp danh sách khối, cụm và đơn vị (.toml) thay cho danh sách tích hợp sẵn.
    #[arg(long, value_name = "TỆP")]
    pub registry: Option<PathBuf>,
    /// Ghi danh sách tích hợp sẵn (Hướng dẫn 3636) ra tệp .toml để sửa thành danh sách của năm khác (dùng lại bằng --registry).
    #[arg(long, value_name = "TỆP")]
    pub export: Option<PathBuf>,
}

pub fn run(a: &UnitsArgs) -> anyhow::Result<ExitCode> {
    if let Some(path) = &a.export {
        if path.exists() {
            eprintln!("Tệp {} đã có; hãy chọn tên khác (công cụ không ghi đè).", path.display());
            return Ok(ExitCode::from(2));
        }
        std::fs::write(path, format!("{EXPORT_HEADER}{}", crate::registry::BUILTIN_TEXT))?;
        let e = Registry::builtin().edition();
        println!("Đã ghi danh sách {} ({}) vào {}", e.name, e.document, path.display());
        return Ok(ExitCode::SUCCESS);
    }
    let reg = match super::registry_or_exit(a.registry.as_deref()) {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    let builtin = a.registry.is_none();
    if a.verify {
        let count = |k: ClusterKind| {
            let cs: Vec<_> = reg.clusters().iter().filter(|c| c.kind == k).collect();
            (cs.len(), cs.iter().map(|c| c.members.len()).sum::<usize>())
        };
        let (k, ku) = count(ClusterKind::Khoi);
        let (t, tu) = count(ClusterKind::CumTinh);
        let (h, hu) = count(ClusterKind::CumHuyen);
        println!("Khối thi đua: {k} khối, {ku} đơn vị");
        println!("Cụm thi đua cấp tỉnh: {t} cụm, {tu} BHXH tỉnh, thành phố");
        println!("Cụm thi đua cấp huyện: {h} cụm, {hu} BHXH quận, huyện, thị xã, thành phố");
        let findings = if builtin { reg.verify() } else { reg.verify_splitting() };
        if findings.is_empty() {
            if builtin {
                println!("Khớp với Hướng dẫn 3636/HD-BHXH; số cụm huyện của mọi tỉnh đúng quy tắc chia cụm (mục A.I.3.a).");
            } else {
                let e = reg.edition();
                println!(
                    "{} ({}, áp dụng năm {}): mỗi đơn vị thuộc đúng một Khối/Cụm; số cụm huyện của mọi tỉnh đúng quy tắc chia cụm (Hướng dẫn 3636/HD-BHXH, mục A.I.3.a).",
                    e.name,
                    e.document,
                    e.years_vi()
                );
            }
            return Ok(ExitCode::SUCCESS);
        }
        for f in findings {
            println!("  - {f}");
        }
        return Ok(ExitCode::from(1));
    }
    // What `--cluster` takes in `run` and `check` is taken here too: a
    // block's or cluster's code or name, or a province (its district
    // clusters).
    let clusters: Vec<_> = match &a.cluster {
        Some(id) => match crate::award::scope::chosen(reg, id) {
            Ok(scope) => crate::award::scope::clusters_of(reg, &scope, None),
            Err(why) => {
                eprintln!("{why}");
                return Ok(ExitCode::from(2));
            }
        },
        None => reg.clusters().iter().collect(),
    };
    if a.json {
        let v: Vec<_> = clusters
            .iter()
            .map(|c| serde_json::json!({ "cluster": c, "units": c.members.iter().filter_map(|m| reg.unit(m)).collect::<Vec<_>>() }))
            .collect();
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(ExitCode::SUCCESS);
    }
    for c in clusters {
        println!("{} [{}]: {} đơn vị", c.name, c.id, c.members.len());
        for (i, m) in c.members.iter().enumerate() {
            if let Some(u) = reg.unit(m) {
                println!("  {:>2}. {} [{}]", i + 1, u.name, u.id);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
