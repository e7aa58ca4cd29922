//! The national quarterly inbox of `thidua demo` (SPEC §8): the indicator
//! workbooks the 63 provinces of the provincial clusters would send for a
//! quarter of the campaign of Công văn 1371/BHXH-TĐKT, some from each
//! province and some compiled by a cluster head, typed as officers type.

use super::sheet::{self, Layout, Row, SheetSpec};
use super::{province_figures, slug, typed_name};
use crate::model::{ClusterKind, Level, Period, Unit};
use crate::registry::Registry;
use std::path::{Path, PathBuf};

/// Write the national quarterly inbox for `period` into `dir`. `scale` > 1
/// adds copies of every workbook in subfolders (equal figures merge without
/// conflict), to measure reading at volume. Returns the files written.
pub fn generate_national(reg: &Registry, dir: &Path, period: &Period, scale: u32) -> anyhow::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let pl = match period {
        Period::Quarter { q, year } => format!("quy-{q}-{year}"),
        Period::Half { year } => format!("6-thang-{year}"),
        Period::Year { year } => format!("nam-{year}"),
    };
    let mut n = 0usize;
    for cluster in reg.clusters().iter().filter(|c| c.kind == ClusterKind::CumTinh) {
        let members: Vec<&Unit> = cluster.members.iter().filter_map(|id| reg.unit(id)).filter(|u| u.level == Level::Province).collect();
        // Clusters III and VII send one compiled sheet from the cluster head.
        if cluster.number == 3 || cluster.number == 7 {
            let rows: Vec<Row> = members
                .iter()
                .map(|u| {
                    n += 1;
                    (typed_name(u, n), province_figures(u, period))
                })
                .collect();
            let spec = SheetSpec {
                sheet_name: "Tổng hợp cụm",
                sender: &cluster.name.to_uppercase(),
                period: *period,
                layout: if cluster.number == 3 { Layout::TwoRow } else { Layout::Combined },
                text_numbers: cluster.number == 7,
                totals: true,
            };
            let bytes = sheet::write_workbook(&[(spec, rows)])?;
            files.push((format!("cum-{}-tong-hop-{pl}.xlsx", cluster.number), bytes));
            // One member of cluster III also sends its own workbook: the
            // same figures twice, which merge without conflict.
            if cluster.number == 3 {
                if let Some(u) = members.get(3) {
                    let spec = SheetSpec {
                        sheet_name: "Biểu 01",
                        sender: &u.name.to_uppercase(),
                        period: *period,
                        layout: Layout::TwoRow,
                        text_numbers: true,
                        totals: false,
                    };
                    let bytes = sheet::write_workbook(&[(spec, vec![(u.name.clone(), province_figures(u, period))])])?;
                    files.push((format!("{}-{pl}.xlsx", slug(&u.short_name)), bytes));
                }
            }
            continue;
        }
        for u in members {
            n += 1;
            let spec = SheetSpec {
                sheet_name: if n.is_multiple_of(3) { "Biểu 01" } else { "Sheet1" },
                sender: &u.name.to_uppercase(),
                period: *period,
                layout: if n.is_multiple_of(5) { Layout::Combined } else { Layout::TwoRow },
                text_numbers: n.is_multiple_of(4),
                totals: false,
            };
            let bytes = sheet::write_workbook(&[(spec, vec![(typed_name(u, n), province_figures(u, period))])])?;
            files.push((format!("{}-{pl}.xlsx", slug(&u.short_name)), bytes));
        }
    }
    for copy in 0..scale.max(1) {
        let sub = if copy == 0 { dir.to_path_buf() } else { dir.join(format!("ban-sao-{copy:03}")) };
        std::fs::create_dir_all(&sub)?;
        for (name, bytes) in &files {
            let p = sub.join(name);
            std::fs::write(&p, bytes)?;
            written.push(p);
        }
    }
    Ok(written)
}
