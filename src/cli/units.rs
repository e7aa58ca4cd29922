//! `thidua units`: the registry of Hướng dẫn 3636, and its check.

use crate::model::ClusterKind;
use crate::registry::Registry;
use clap::Args;
use std::process::ExitCode;

#[derive(Args)]
#[command(
    override_usage = "thidua units [TÙY CHỌN]",
    after_help = "Ví dụ:\n  thidua units                  toàn bộ danh sách\n  thidua units --cluster cum-3  Cụm thi đua cấp tỉnh số III\n  thidua units --cluster ha-noi.cum-2\n  thidua units --verify         kiểm tra số cụm theo quy tắc chia cụm"
)]
pub struct UnitsArgs {
    /// Mã khối/cụm: khoi-1 … khoi-5, cum-1 … cum-10, <tỉnh>.cum-N (ví dụ ha-noi.cum-2).
    #[arg(long, value_name = "MÃ")]
    pub cluster: Option<String>,
    /// Kiểm tra số đơn vị, số cụm và quy tắc chia cụm huyện (Hướng dẫn 3636, mục A.I.3.a).
    #[arg(long)]
    pub verify: bool,
    /// In dạng JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(a: &UnitsArgs) -> anyhow::Result<ExitCode> {
    let reg = Registry::builtin();
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
        let findings = reg.verify();
        if findings.is_empty() {
            println!("Khớp với Hướng dẫn 3636/HD-BHXH; số cụm huyện của mọi tỉnh đúng quy tắc chia cụm (mục A.I.3.a).");
            return Ok(ExitCode::SUCCESS);
        }
        for f in findings {
            println!("  - {f}");
        }
        return Ok(ExitCode::from(1));
    }
    let clusters: Vec<_> = match &a.cluster {
        Some(id) => match reg.cluster(id) {
            Some(c) => vec![c],
            None => {
                eprintln!("Không có khối/cụm \"{id}\". Mã hợp lệ: khoi-1 … khoi-5, cum-1 … cum-10, <tỉnh>.cum-N (xem: thidua units).");
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
