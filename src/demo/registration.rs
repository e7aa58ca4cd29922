//! A synthetic registration inbox (`thidua demo --dang-ky`): the members of
//! one provincial cluster registering their targets for a year (Hướng dẫn
//! 3636, mục A.II.3.1), as they would send them — most on the cluster's
//! form, one hand-typed in its own layout with numbers as text, one member
//! sending nothing — and the cluster's registration of the year before,
//! compiled by the head, to check this year's against last year's covenant.
//!
//! Figures start from the plan the quarterly demo gives each province for
//! Quý III of the year (`province_figures`), so that a 2022 registration
//! sits beside the 2022-Q3 sample: a member registers a little above its
//! plan (phấn đấu vượt mức), cumulative by quarter.

use super::{province_figures, Rng};
use crate::forms::registration::{registration_form, Filled};
use crate::model::{Cluster, Level, Num, Period, Unit};
use crate::registry::Registry;
use crate::rules::Rules;
use rust_xlsxwriter::{Format, Workbook};
use std::path::{Path, PathBuf};

/// Share of the year reached by the end of each quarter.
const SHARES: [f64; 4] = [0.22, 0.47, 0.72, 1.0];

fn int(v: f64) -> Num {
    Num::int(v.round() as i64)
}

/// What `unit` registers for `year`: (year, quarters) per target.
pub fn registered(unit: &Unit, year: i32, rules: &Rules) -> std::collections::BTreeMap<String, (Num, [Option<Num>; 4])> {
    let f = province_figures(unit, &Period::Quarter { year, q: 3 });
    let mut rng = Rng::new(&format!("dang-ky|{}|{year}", unit.id));
    let mut out = std::collections::BTreeMap::new();
    for t in &rules.file.targets {
        let Some(plan) = f.get(&t.plan).map(|n| n.to_f64()) else { continue };
        let lift = rng.between(1.0, 1.04);
        match t.kind.as_str() {
            "cumulative" => {
                let y = (plan * lift).round();
                let qs = SHARES.map(|s| Some(int(y * s)));
                out.insert(t.id.clone(), (int(y), qs));
            }
            "stock" => {
                let start = t.plan.split('.').next().and_then(|g| f.get(&format!("{g}.dau_nam"))).map_or(plan * 0.95, |n| n.to_f64());
                let y = start + (plan - start) * lift;
                let qs = SHARES.map(|s| Some(int(start + (y.round() - start) * s)));
                out.insert(t.id.clone(), (int(y), qs));
            }
            _ => {
                // A ratio to keep down: at or a little under the target.
                let y = Num::frac(((plan * rng.between(0.90, 1.0)) * 10_000.0).round() as i64, 10_000);
                out.insert(t.id.clone(), (y, [None, None, None, None]));
            }
        }
    }
    out
}

/// Write the registration inbox of `cluster` for `year` into `dir`.
pub fn generate_registration(dir: &Path, cluster: &Cluster, year: i32, rules: &Rules) -> anyhow::Result<Vec<PathBuf>> {
    let reg = Registry::builtin();
    std::fs::create_dir_all(dir)?;
    let members: Vec<&Unit> = cluster.members.iter().filter_map(|m| reg.unit(m)).filter(|u| u.level != Level::Central).collect();
    anyhow::ensure!(
        !members.is_empty(),
        "{} gồm các đơn vị trực thuộc BHXH Việt Nam; các chỉ tiêu thi đua có định lượng của {} là chỉ tiêu của BHXH tỉnh, huyện.",
        cluster.name,
        rules.file.campaign.document
    );
    let mut written = Vec::new();
    let n = members.len();
    for (i, u) in members.iter().enumerate() {
        // The last member sends nothing (it is named in a warning).
        if i + 1 == n && n > 2 {
            continue;
        }
        let values = registered(u, year, rules);
        let slug = super::slug(&u.short_name);
        let path = dir.join(format!("dang-ky-{year}-{slug}.xlsx"));
        if i == 1 {
            std::fs::write(&path, own_layout(u, year, rules, &values)?)?;
        } else {
            // The cluster's form, with only the member's own rows.
            let mut own = cluster.clone();
            own.members = vec![u.id.clone()];
            let mut filled = Filled::new();
            filled.insert(u.id.clone(), values);
            std::fs::write(&path, registration_form(&own, year, rules, Some(&filled))?)?;
        }
        written.push(path);
    }
    // Last year's covenant, compiled by the head: a little lower, except one
    // member whose BHYT target this year falls below last year's.
    let mut last = Filled::new();
    for (i, u) in members.iter().enumerate() {
        let mut v = registered(u, year, rules);
        for (k, (y, qs)) in v.iter_mut() {
            let f = if i == 2 && k == "bhyt" {
                1.02
            } else if k == "cham_dong" {
                1.1
            } else {
                0.93
            };
            *y = if k == "cham_dong" { Num::frac(((y.to_f64() * f) * 10_000.0).round() as i64, 10_000) } else { int(y.to_f64() * f) };
            *qs = [None, None, None, None];
            if k != "cham_dong" {
                qs[3] = Some(*y);
            }
        }
        last.insert(u.id.clone(), v);
    }
    let path = dir.join(format!("dang-ky-{}-{}.xlsx", year - 1, crate::pipeline::output::safe_name(&cluster.id)));
    std::fs::write(&path, registration_form(cluster, year - 1, rules, Some(&last))?)?;
    written.push(path);
    Ok(written)
}

/// A member's own sheet, typed by hand: "Đơn vị: …" above, the year in the
/// year column's header, the quarters as "Quý 1" …, numbers as text.
fn own_layout(
    u: &Unit,
    year: i32,
    rules: &Rules,
    values: &std::collections::BTreeMap<String, (Num, [Option<Num>; 4])>,
) -> anyhow::Result<Vec<u8>> {
    let mut wb = Workbook::new();
    // A fixed date: the same inputs give the same bytes.
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&rust_xlsxwriter::ExcelDateTime::from_ymd(
        year as u16,
        1,
        15,
    )?));
    let ws = wb.add_worksheet();
    ws.set_name("DK")?;
    let bold = Format::new().set_bold();
    ws.write_string_with_format(0, 0, u.name.to_uppercase(), &bold)?;
    ws.write_string_with_format(1, 0, format!("Đơn vị: {}", u.name), &bold)?;
    ws.write_string_with_format(2, 0, "ĐĂNG KÝ CHỈ TIÊU THI ĐUA", &bold)?;
    for (c, h) in ["TT", "Nội dung chỉ tiêu", &format!("Năm {year}"), "Quý 1", "Quý 2", "Quý 3", "Quý 4"].iter().enumerate() {
        ws.write_string_with_format(4, c as u16, *h, &bold)?;
    }
    let text = |t_unit: &str, v: &Num| {
        if t_unit == "%" {
            format!("{}%", crate::vn::format::format_num(&v.checked_mul(Num::int(100)).unwrap_or(*v), 2))
        } else {
            crate::vn::format::format_figure(v)
        }
    };
    for (i, t) in rules.file.targets.iter().enumerate() {
        let r = 5 + i as u32;
        let Some((y, qs)) = values.get(&t.id) else { continue };
        ws.write_number(r, 0, (i + 1) as f64)?;
        ws.write_string(r, 1, format!("{} ({})", t.aliases.first().unwrap_or(&t.name), t.unit))?;
        ws.write_string(r, 2, text(&t.unit, y))?;
        for (k, q) in qs.iter().enumerate() {
            if let Some(q) = q {
                ws.write_string(r, 3 + k as u16, text(&t.unit, q))?;
            }
        }
    }
    ws.write_string(6 + rules.file.targets.len() as u32, 1, "Người lập biểu")?;
    Ok(wb.save_to_buffer()?)
}
