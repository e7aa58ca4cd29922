//! Registrations of targets in a run (Hướng dẫn 3636, mục A.II.1.2 and
//! A.II.3.1):
//! - a covenant run (`thidua run INBOX --period 2023 --giao-uoc`) reads the
//!   members' registrations of the year and writes the Bản giao ước thi đua
//!   of each block or cluster, the registered targets in tong-hop.xlsx, the
//!   same in ket-qua.json, and the problems;
//! - a run over results (a quarter) sets each result against what its unit
//!   registered, beside the plan and the same period last year.
//!
//! A registration uses the targets of the rules in force (built in, or
//! `--rules`), whatever the year: the 2022 award campaign being over does
//! not stop a 2023 registration.

use super::{CannotRun, Evaluated, LoadedTemplate, RunOptions};
use crate::ingest::registration::{contradictions, merge_year};
use crate::ingest::{self, Inbox, Limits};
use crate::model::registration::{Comparison, RegistrationReport};
use crate::model::{Cluster, Num, Period, Problem, RunResult, Scope, UnitResult};
use crate::registry::Registry;
use crate::render::fill::DocDate;
use crate::rules::Rules;
use crate::vn::format::format_percent;
use std::collections::BTreeSet;
use std::path::Path;

/// The year's registrations (and last year's, when the inbox holds them)
/// for the members of `clusters`, with the problems: conflicts, going back
/// on last year's covenant, members that registered nothing.
pub fn report_for(
    inbox: &Inbox,
    year: i32,
    rules: &Rules,
    reg: &Registry,
    clusters: &[&Cluster],
    problems: &mut Vec<Problem>,
) -> RegistrationReport {
    let regs = merge_year(&inbox.registrations, year, rules, problems);
    let previous =
        inbox.registrations.iter().any(|s| s.year == Some(year - 1)).then(|| merge_year(&inbox.registrations, year - 1, rules, problems));
    if let Some(prev) = &previous {
        problems.extend(contradictions(&regs, prev, rules));
    }
    for c in clusters {
        // Only where some member registered: a run over the whole country
        // with one cluster's registrations names no one elsewhere.
        if !c.members.iter().any(|m| regs.units.contains_key(m) || regs.rejected.iter().any(|(u, _)| u == m)) {
            continue;
        }
        for m in &c.members {
            if regs.units.contains_key(m) || regs.rejected.iter().any(|(u, _)| u == m) {
                continue;
            }
            let name = reg.unit(m).map_or(m.clone(), |u| u.name.clone());
            let at = inbox
                .registrations
                .iter()
                .filter(|s| s.year == Some(year))
                .flat_map(|s| &s.blank_units)
                .find(|b| &b.0 == m)
                .map(|b| b.1.clone())
                .unwrap_or_default();
            let blank = if at.file.is_empty() {
                "không có trong bảng đăng ký nào"
            } else {
                "có tên trong bảng đăng ký nhưng để trống mọi số"
            };
            problems.push(
                Problem::warning(
                    "registration-missing",
                    at,
                    format!(
                        "{name} ({}) chưa đăng ký chỉ tiêu thi đua năm {year} ({blank}); Hướng dẫn 3636/HD-BHXH, mục A.II.3.1: các đơn vị thành viên đăng ký chỉ tiêu thi đua hằng năm gửi Khối trưởng, Cụm trưởng trong quý I. Kết quả của đơn vị chỉ so được với kế hoạch.",
                        c.name
                    ),
                )
                .with_unit(m),
            );
        }
    }
    RegistrationReport {
        year,
        document: rules.file.campaign.document.clone(),
        clusters: clusters.iter().map(|c| c.id.clone()).collect(),
        registrations: regs,
        previous,
        comparisons: vec![],
    }
}

fn pct(v: &Num) -> String {
    format_percent(v)
}

/// Each result of the run set against its unit's registration, the plan and
/// the same period last year. A result without a registration is compared
/// with the plan only, and says so; it is never compared with 0.
pub fn compare(units: &[UnitResult], rep: &RegistrationReport, rules: &Rules, period: &Period) -> Vec<Comparison> {
    let q = match *period {
        Period::Quarter { q, .. } => q,
        Period::Half { .. } => 2,
        Period::Year { .. } => 4,
    };
    let qname = ["Quý I", "Quý II", "Quý III", "Quý IV"][q as usize - 1];
    let mut out = Vec::new();
    for u in units {
        for t in &rules.file.targets {
            let value_of =
                |key: &str| u.figures.get(key).copied().or_else(|| u.measures.iter().find(|m| m.key == key).and_then(|m| m.value));
            let result = value_of(&t.result);
            let plan = u.figures.get(t.plan.as_str()).copied();
            let last_year = t.last_year.as_deref().and_then(|k| u.figures.get(k).copied());
            let entry = rep.registrations.get(&u.unit, &t.id);
            let rejected = rep.registrations.rejected.contains(&(u.unit.clone(), t.id.clone()));
            let (registered, registered_for, registered_at) = match entry {
                Some(e) => match e.for_quarter(q, &t.kind) {
                    Some(r) if e.quarters[q as usize - 1].is_some() => {
                        (Some(r.value), Some(format!("{qname}/{}", rep.year)), Some(r.at.clone()))
                    }
                    Some(r) => (Some(r.value), Some(format!("cả năm {}", rep.year)), Some(r.at.clone())),
                    None => match (&e.year, t.kind.as_str()) {
                        (Some(y), k) if k != "rate" => (Some(y.value), Some(format!("cả năm {}", rep.year)), Some(y.at.clone())),
                        (Some(y), _) => (Some(y.value), Some(format!("cả năm {}", rep.year)), Some(y.at.clone())),
                        (None, _) => (None, None, None),
                    },
                },
                None => (None, None, None),
            };
            let ratio = |a: Option<Num>, b: Option<Num>| match (a, b) {
                (Some(a), Some(b)) if b.is_positive() && t.kind != "rate" => a.checked_div(b),
                _ => None,
            };
            let lower = t.better == "lower";
            let meets = match (result, registered) {
                (Some(r), Some(g)) => Some(if lower { r <= g } else { r >= g }),
                _ => None,
            };
            let show = |v: &Num| crate::render::covenant::shown(t, v);
            let with_unit = |v: &Num| if t.unit == "%" { show(v) } else { format!("{} {}", show(v), t.unit) };
            let registration = if registered.is_some() {
                "registered"
            } else if rejected {
                "rejected"
            } else {
                "not-registered"
            };
            let note = match result {
                None => "Chưa có số liệu thực hiện của kỳ.".to_string(),
                Some(r) => {
                    let vs_plan = match (ratio(Some(r), plan), plan) {
                        (Some(x), _) => format!("bằng {} kế hoạch năm", pct(&x)),
                        (None, Some(p)) if lower => {
                            format!(
                                "tỷ lệ {} {} chỉ tiêu được giao ({})",
                                show(&r),
                                if r <= p { "không vượt" } else { "cao hơn" },
                                show(&p)
                            )
                        }
                        _ => "chưa có kế hoạch năm để so sánh".to_string(),
                    };
                    let vs_last = ratio(Some(r), last_year).map(|x| format!("; bằng {} cùng kỳ năm trước", pct(&x))).unwrap_or_default();
                    match (registered, registration) {
                        (Some(g), _) => {
                            let what = registered_for.clone().unwrap_or_default();
                            let verdict = if meets == Some(true) { "đạt" } else { "chưa đạt" };
                            let head = match ratio(Some(r), Some(g)) {
                                Some(x) => {
                                    format!("Thực hiện {} bằng {} số đăng ký {what} ({}): {verdict}", with_unit(&r), pct(&x), with_unit(&g))
                                }
                                None => format!("Thực hiện {}, số đăng ký {what} {}: {verdict}", with_unit(&r), with_unit(&g)),
                            };
                            format!("{head}; {vs_plan}{vs_last}.")
                        }
                        (None, "rejected") => {
                            format!("Số đăng ký của đơn vị có chỗ chưa đúng, không dùng: chỉ so với kế hoạch, {vs_plan}{vs_last}.")
                        }
                        _ => format!("Đơn vị chưa đăng ký chỉ tiêu này: chỉ so với kế hoạch, {vs_plan}{vs_last}."),
                    }
                }
            };
            out.push(Comparison {
                unit: u.unit.clone(),
                unit_name: u.name.clone(),
                cluster: u.cluster.clone(),
                target: t.id.clone(),
                target_name: t.name.clone(),
                unit_of_measure: t.unit.clone(),
                better: t.better.clone(),
                result,
                plan,
                last_year,
                registered,
                registered_for,
                registered_year: entry.and_then(|e| e.year.as_ref()).map(|y| y.value),
                registered_at,
                registration: registration.into(),
                vs_registered: ratio(result, registered),
                vs_plan: ratio(result, plan),
                vs_last_year: ratio(result, last_year),
                meets_registration: meets,
                note,
            });
        }
    }
    out
}

/// A covenant run: read the inbox, take the registrations of the year
/// (`--period 2023`, or the newest year registered), and report on them.
pub fn evaluate(
    inbox_dir: &Path,
    period: Option<Period>,
    rules: &Rules,
    reg: &'static Registry,
    progress: &super::progress::Progress,
    limits: &Limits,
) -> Result<Evaluated, CannotRun> {
    if !inbox_dir.is_dir() {
        return Err(CannotRun(format!("Không thấy thư mục hồ sơ \"{}\".", inbox_dir.display())));
    }
    if rules.file.targets.is_empty() {
        return Err(CannotRun(format!(
            "Quy tắc {} không có chỉ tiêu đăng ký nào (mục [[target]]); hãy dùng tệp quy tắc có các chỉ tiêu thi đua có định lượng (--rules).",
            rules.source
        )));
    }
    let listing = ingest::list_inbox(inbox_dir);
    progress.stage("Đọc tệp", listing.files.len() as u64);
    let inbox = ingest::read_listed(listing, reg, rules, limits, &|f| progress.item(f));
    progress.finish();
    let year = match period {
        Some(Period::Year { year }) => year,
        Some(p) => {
            return Err(CannotRun(format!(
                "Giao ước thi đua lập cho cả năm; kỳ {} không phải một năm. Hãy chạy với --period {} --giao-uoc.",
                p.label_vi(),
                p.year()
            )))
        }
        None => match inbox.registrations.iter().filter_map(|s| s.year).max() {
            Some(y) => y,
            None => {
                return Err(CannotRun(format!(
                    "Không có bảng đăng ký chỉ tiêu thi đua nào đọc được trong \"{}\" ({} tệp). Biểu mẫu đăng ký để gửi các đơn vị: thidua forms --cluster MÃ --period NĂM --dang-ky --out THƯ_MỤC.",
                    inbox_dir.display(),
                    inbox.files.len()
                )))
            }
        },
    };
    let mut problems = inbox.problems.clone();
    // Registrations of another year than the covenant's and the year before.
    for s in &inbox.registrations {
        if let Some(y) = s.year.filter(|y| *y != year && *y != year - 1) {
            problems.push(Problem::warning(
                "registration-other-year",
                s.year_at.clone().unwrap_or_else(|| s.at.clone()),
                format!("Bảng đăng ký chỉ tiêu thi đua năm {y}, không phải năm {year} của giao ước (hay năm trước để đối chiếu); bảng này không được dùng."),
            ));
        }
    }
    let registered: BTreeSet<String> = inbox
        .registrations
        .iter()
        .filter(|s| s.year == Some(year))
        .flat_map(|s| {
            s.units
                .iter()
                .map(|u| u.unit.clone())
                .chain(s.blank_units.iter().map(|b| b.0.clone()))
                .chain(s.rejected.iter().map(|r| r.0.clone()))
        })
        .collect();
    if registered.is_empty() {
        let mut msg = format!("Không có đăng ký chỉ tiêu thi đua năm {year} nào đọc được trong \"{}\".", inbox_dir.display());
        for p in problems.iter().take(20) {
            msg.push_str(&format!("\n  {p}"));
        }
        let other: BTreeSet<i32> = inbox.registrations.iter().filter_map(|s| s.year).collect();
        if let Some(y) = other.iter().next_back() {
            msg.push_str(&format!(
                "\nCác bảng đăng ký trong thư mục ghi năm {y}: nếu đó là năm cần lập giao ước, chạy lại với --period {y} --giao-uoc."
            ));
        }
        return Err(CannotRun(msg));
    }
    // The blocks and clusters whose members registered, in registry order.
    let mut clusters: Vec<&Cluster> = Vec::new();
    for u in &registered {
        if let Some(c) = reg.unit(u).and_then(|x| reg.cluster(&x.cluster)) {
            if !clusters.iter().any(|k| k.id == c.id) {
                clusters.push(c);
            }
        }
    }
    let order: Vec<&str> = reg.clusters().iter().map(|c| c.id.as_str()).collect();
    clusters.sort_by_key(|c| order.iter().position(|o| *o == c.id));
    let rep = report_for(&inbox, year, rules, reg, &clusters, &mut problems);
    problems.sort();
    problems.dedup();
    let scope = match clusters.as_slice() {
        [c] => Scope::Cluster { id: c.id.clone(), name: c.name.clone() },
        _ => Scope::National,
    };
    let period = Period::Year { year };
    let result = RunResult {
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        edition: Some(reg.edition().clone()),
        campaign: rules.file.campaign.id.clone(),
        campaign_name: "Đăng ký chỉ tiêu và giao ước thi đua".to_string(),
        rules_document: rules.file.campaign.document.clone(),
        period,
        period_label: period.label_vi(),
        scope,
        units: vec![],
        rankings: vec![],
        decisions: vec![],
        quotas: vec![],
        individuals: vec![],
        problems,
        annual: vec![],
        nominations: vec![],
        registration: Some(rep),
    };
    Ok(Evaluated { period, inbox, result, annual: None, registry: reg })
}

/// What a covenant run writes: one Bản giao ước per block or cluster, the
/// summary with the registered targets, the JSON, the problems, the manifest;
/// every file written, as the manifest lists them, and the manifest.
#[allow(clippy::too_many_arguments)]
pub fn write_outputs(
    dir: &Path,
    ev: &Evaluated,
    rules: &Rules,
    rules_source: &str,
    templates: &[LoadedTemplate],
    opts: &RunOptions,
    progress: &super::progress::Progress,
    notes: &mut Vec<String>,
) -> anyhow::Result<Vec<String>> {
    let r = &ev.result;
    let rep = r.registration.as_ref().expect("a covenant run has registrations");
    let reg = ev.registry;
    let date = opts.date.unwrap_or(DocDate::MonthYear { month: 1, year: rep.year });
    let tpl = super::template_named(templates, crate::render::covenant::TEMPLATE)?;
    std::fs::create_dir_all(dir.join("ho-so"))?;
    progress.stage("Ghi văn bản", rep.clusters.len() as u64 + 3);
    let mut docs = Vec::new();
    for id in &rep.clusters {
        let Some(c) = reg.cluster(id) else { continue };
        let data = crate::render::covenant::data(c, reg, rules, &rep.registrations, date);
        if reg.term(id, rep.year).is_none() {
            notes.push(format!(
                "{} Để Bản giao ước ghi sẵn Cụm trưởng, Cụm phó: thêm mục [[nhiem_ky]] năm {} (cum = \"{}\", nam, truong, pho) vào tệp danh sách đơn vị (thidua units --export TỆP), rồi chạy lại với --registry TỆP.",
                crate::render::covenant::no_term_note(c, rep.year),
                rep.year,
                c.id
            ));
        }
        let bytes =
            tpl.render(&data).map_err(|es| anyhow::anyhow!("{}", es.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; ")))?;
        let path = format!("ho-so/giao-uoc-{}.docx", super::output::safe_name(id));
        std::fs::write(dir.join(&path), bytes)?;
        progress.item(&path);
        docs.push(path);
    }
    let mut bytes = crate::render::registration::summary_bytes(r, rep, rules, reg)?;
    crate::render::package::made_by_unix(&mut bytes);
    std::fs::write(dir.join("tong-hop.xlsx"), bytes)?;
    progress.item("tong-hop.xlsx");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(dir.join("ket-qua.json"))?);
        crate::render::json::write_to(r, &mut f)?;
        std::io::Write::flush(&mut f)?;
    }
    progress.item("ket-qua.json");
    std::fs::write(dir.join("bao-loi.txt"), super::report::problems_text(r, &ev.inbox))?;
    progress.item("bao-loi.txt");
    if opts.pdf {
        notes.push(super::report::convert_pdf(dir, &docs));
    }
    let used: Vec<&LoadedTemplate> = templates.iter().filter(|t| t.name == crate::render::covenant::TEMPLATE).collect();
    let files = super::report::write_manifest(
        dir,
        ev,
        rules_source,
        (&rules.file.campaign.id, &rules.sha256),
        &used,
        &super::written::Written::default(),
    )?;
    notes.push(format!("Các chỉ tiêu đăng ký theo {}.", rep.document));
    Ok(files)
}
