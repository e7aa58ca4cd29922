//! `thidua run` for the annual review (Hướng dẫn 3636, part B): the period,
//! this year's and last year's indicators, the evaluation, then the dossier
//! of mục B.IV for each block or cluster, and for a province or the whole
//! country the council's documents on top.

use super::progress::Progress;
use super::{decide_period, report, CannotRun, Evaluated, Job, LoadedTemplate, RunOptions, ANNUAL_TEMPLATES};
use crate::award::annual::{evaluate_annual, AnnualInput};
use crate::ingest::quarterly::merge;
use crate::ingest::{Inbox, IndicatorSheet};
use crate::model::annual::ClusterReview;
use crate::model::{ClusterKind, DecisionKind, Period, Problem, RunResult, Scope};
use crate::registry::Registry;
use crate::render::annual::AnnualContext;
use crate::rules::annual::AnnualRules;
use crate::rules::Rules;
use std::collections::BTreeSet;
use std::path::Path;

/// The year of the review and its indicator sheets: this year's (titled
/// with the year, its Q4 or no period) and last year's (for the comparison
/// column of the achievement report, 3636 mục B.IV.2).
fn split_years(sheets: &[IndicatorSheet], year: i32) -> (Vec<IndicatorSheet>, Vec<IndicatorSheet>, Vec<Problem>) {
    let (mut this, mut last, mut problems) = (Vec::new(), Vec::new(), Vec::new());
    for s in sheets {
        match &s.period {
            Some((p, _)) if p.year() == year - 1 && matches!(p, Period::Year { .. } | Period::Quarter { q: 4, .. }) => last.push(s.clone()),
            Some((p, at)) if p.year() != year => problems.push(Problem::warning(
                "other-period",
                at.clone(),
                format!(
                    "Tiêu đề ghi số liệu {}, không phải năm {year} hay năm trước liền kề; trang tính này không được dùng.",
                    p.label_vi()
                ),
            )),
            _ => this.push(s.clone()),
        }
    }
    (this, last, problems)
}

pub fn evaluate(inbox: Inbox, period: Option<Period>, rules: &Rules, annual: AnnualRules) -> Result<Evaluated, CannotRun> {
    let period = match period {
        Some(p) => p,
        None => decide_period(None, &inbox.annual_hints)?,
    };
    let period = match period {
        // A quarter named in a title means its year (the Q4 report is the year's).
        Period::Quarter { year, q: 4 } => Period::Year { year },
        Period::Quarter { .. } => {
            return Err(CannotRun(format!(
            "Bình xét thi đua của Khối, Cụm ({}) làm theo năm hoặc 6 tháng; kỳ {} không phù hợp. Chạy với --period {} hoặc --period {}-H1.",
            annual.file.campaign.short,
            period.label_vi(),
            period.year(),
            period.year()
        )))
        }
        p => p,
    };
    let year = period.year();
    let (this, last, mut problems) = split_years(&inbox.indicator_sheets, year);
    let merged = merge::merge(&this, &period, rules);
    let merged_last = merge::merge(&last, &Period::Year { year: year - 1 }, rules);
    problems.extend(inbox.problems.iter().cloned());
    problems.extend(merged.problems.iter().cloned());
    // Last year's sheets serve only the comparison column: figures they
    // lack are shown as blanks there, not reported as missing.
    problems.extend(merged_last.problems.iter().filter(|p| p.code != "missing-figure").cloned());
    let mut flagged = merged.flagged.clone();
    flagged.extend(problems.iter().filter(|p| p.severity == crate::model::Severity::Error).filter_map(|p| p.unit.clone()));
    let result = evaluate_annual(AnnualInput {
        rules: &annual,
        registry: Registry::builtin(),
        period,
        sheets: &inbox.annual,
        figures: &merged.figures,
        last_year: &merged_last.figures,
        flagged: &flagged,
        problems,
    })
    .ok_or_else(|| {
        let mut msg = format!(
            "Không có bảng chấm điểm, điều kiện xét thi đua hay kết quả bỏ phiếu nào đọc được ({} tệp), nên không xác định được Khối, Cụm cần bình xét.",
            inbox.files.len()
        );
        for p in inbox.problems.iter().take(20) {
            msg.push_str(&format!("\n  {p}"));
        }
        CannotRun(msg)
    })?;
    Ok(Evaluated { period, inbox, result, annual: Some(annual) })
}

/// Each province's share of a national result, as its own run would see
/// it: its district clusters, their decisions with the province's 20 % cap
/// (a Government flag cut only by the national cap was still proposed by
/// the province), its quota line and its individuals.
pub fn province_views(r: &RunResult) -> Vec<(String, RunResult)> {
    let reg = Registry::builtin();
    let mut out = Vec::new();
    for q in r.quotas.iter().filter(|q| q.scope != "toan-quoc") {
        let Some(p) = reg.unit(&q.scope) else { continue };
        let annual: Vec<ClusterReview> = r
            .annual
            .iter()
            .filter(|c| {
                reg.cluster(&c.cluster).is_some_and(|k| k.kind == ClusterKind::CumHuyen && k.province.as_deref() == Some(p.id.as_str()))
            })
            .cloned()
            .collect();
        if annual.is_empty() {
            continue;
        }
        let members: BTreeSet<&str> = annual.iter().flat_map(|c| c.members.iter().map(|m| m.as_str())).collect();
        let decisions = r
            .decisions
            .iter()
            .filter(|d| members.contains(d.unit.as_str()))
            .map(|d| {
                let mut d = d.clone();
                let cut_here = q.cut.contains(&d.unit) || q.tied_at_edge.contains(&d.unit);
                if d.award == q.award && matches!(d.kind, DecisionKind::CutByQuota | DecisionKind::TiedAtQuota) && !cut_here {
                    d.kind = DecisionKind::Proposed;
                }
                d
            })
            .collect();
        let sub = RunResult {
            scope: Scope::Province { id: p.id.clone(), name: p.name.clone() },
            units: r.units.iter().filter(|u| members.contains(u.unit.as_str())).cloned().collect(),
            rankings: vec![],
            decisions,
            quotas: vec![q.clone()],
            individuals: r.individuals.iter().filter(|i| members.contains(i.unit.as_str())).cloned().collect(),
            problems: vec![],
            nominations: vec![],
            annual,
            tool_version: r.tool_version.clone(),
            campaign: r.campaign.clone(),
            campaign_name: r.campaign_name.clone(),
            rules_document: r.rules_document.clone(),
            period: r.period,
            period_label: r.period_label.clone(),
        };
        out.push((p.id.clone(), sub));
    }
    out
}

/// File-name-safe folder of a cluster: "cum-3", "thanh-hoa-cum-1".
fn folder(id: &str) -> String {
    super::output::safe_name(&id.replace('.', "-"))
}

#[allow(clippy::too_many_arguments)]
pub fn write_outputs(
    dir: &Path,
    ev: &Evaluated,
    annual: &AnnualRules,
    rules: &Rules,
    rules_source: &str,
    templates: &[LoadedTemplate],
    opts: &RunOptions,
    progress: &Progress,
    notes: &mut Vec<String>,
) -> anyhow::Result<()> {
    let r = &ev.result;
    let ctx = AnnualContext { result: r, rules: annual, registry: Registry::builtin(), date: opts.date };
    let tpl = |name: &str| super::template_named(templates, name);
    // (relative path, data, template); each cluster's minutes and Tờ trình
    // in its own folder, attached under the council's documents when the
    // run is a province's or the whole country's.
    let mut jobs: Vec<Job> = Vec::new();
    let cluster_root = match r.scope {
        Scope::Cluster { .. } => "ho-so".to_string(),
        Scope::Province { .. } => "ho-so/kem-theo".to_string(),
        Scope::National => "ho-so/khoi-cum".to_string(),
    };
    match r.scope {
        Scope::Province { .. } => {
            jobs.push(("ho-so/01-bien-ban-hoi-dong.docx".into(), ctx.bien_ban_hoi_dong(), tpl("bien-ban-hoi-dong.docx")?));
            jobs.push(("ho-so/02-to-trinh.docx".into(), ctx.to_trinh_tong_hop(), tpl("to-trinh.docx")?));
        }
        Scope::National => {
            jobs.push(("ho-so/01-to-trinh.docx".into(), ctx.to_trinh_tong_hop(), tpl("to-trinh.docx")?));
            // District clusters' proposals reach the country through their
            // province: its council's minutes and its Tờ trình (3636 B.IV.1),
            // as a one-province run writes them.
            for (i, (id, sub)) in province_views(r).into_iter().enumerate() {
                let pctx = AnnualContext { result: &sub, rules: annual, registry: Registry::builtin(), date: opts.date };
                let dir = format!("ho-so/bhxh-tinh/{:03}-{}", i + 1, folder(&id));
                jobs.push((format!("{dir}/01-bien-ban-hoi-dong.docx"), pctx.bien_ban_hoi_dong(), tpl("bien-ban-hoi-dong.docx")?));
                jobs.push((format!("{dir}/02-to-trinh.docx"), pctx.to_trinh_tong_hop(), tpl("to-trinh.docx")?));
            }
        }
        Scope::Cluster { .. } => {}
    }
    for (i, review) in r.annual.iter().enumerate() {
        let sub = if matches!(r.scope, Scope::Cluster { .. }) {
            cluster_root.clone()
        } else {
            format!("{cluster_root}/{:03}-{}", i + 1, folder(&review.cluster))
        };
        jobs.push((format!("{sub}/01-bien-ban-hop.docx"), ctx.bien_ban_cum(review), tpl("bien-ban-cum.docx")?));
        jobs.push((format!("{sub}/02-to-trinh.docx"), ctx.to_trinh_cum(review), tpl("to-trinh.docx")?));
    }
    let reports = ctx.report_units();
    let names = super::output::unique_names(reports.iter().map(|d| d.name.as_str()));
    for (i, (d, name)) in reports.iter().zip(names).enumerate() {
        jobs.push((
            format!("ho-so/bao-cao-thanh-tich/{:03}-{name}.docx", i + 1),
            ctx.bao_cao_thanh_tich(d),
            tpl("bao-cao-thanh-tich.docx")?,
        ));
    }
    let written = super::write_dossier(dir, ev, rules, &jobs, opts, progress, notes)?;
    for review in &r.annual {
        for n in &review.deadline_notes {
            notes.push(format!("{}: {n}", review.name));
        }
    }
    let used: Vec<&LoadedTemplate> = templates.iter().filter(|t| ANNUAL_TEMPLATES.contains(&t.name.as_str())).collect();
    report::write_manifest(dir, ev, rules_source, (&annual.file.campaign.id, &annual.sha256), &used, &written)?;
    Ok(())
}
