//! `thidua run` for the quarterly indicator campaign (Công văn
//! 1371/BHXH-TĐKT): the period, the merged indicator figures, the scope,
//! the evaluation with the nominations, then the dossier: Tờ trình, Biên
//! bản, a Báo cáo tóm tắt for each unit and each individual put forward.

use super::progress::Progress;
use super::{decide_period, decide_scope, report, CannotRun, Evaluated, Job, LoadedTemplate, RunOptions, QUARTERLY_TEMPLATES};
use crate::award::quarterly::{evaluate_campaign, CampaignInput, UnitInput};
use crate::ingest::quarterly::merge;
use crate::ingest::Inbox;
use crate::model::{Level, Period, Problem, Scope};
use crate::registry::Registry;
use crate::render::fill::DocDate;
use crate::render::quarterly::dossier::{Context as DocContext, Meeting};
use crate::rules::Rules;
use std::collections::BTreeSet;
use std::path::Path;

/// Evaluate an inbox read for the quarterly campaign: decide the period,
/// merge the indicator figures, decide the scope, then rank and select.
pub fn evaluate(
    inbox: Inbox,
    inbox_dir: &Path,
    period: Option<Period>,
    rules: &Rules,
    reg: &'static Registry,
    chosen: Option<&Scope>,
) -> Result<Evaluated, CannotRun> {
    let period = decide_period(period, &inbox.period_hints())?;
    super::check_edition(reg, !std::ptr::eq(reg, Registry::builtin()), None, false, period.year())?;
    rules.check_period(&period).map_err(|e| CannotRun(format!("{e} {}", rules.other_period_hint(&period))))?;
    let mut strays = Vec::new();
    let mut inbox = inbox;
    crate::award::scope::indicator_strays(reg, &mut inbox.indicator_sheets, &mut strays);
    crate::ingest::quarterly::senders::weigh(&mut inbox.indicator_sheets, reg, &mut strays);
    let mut merged = merge::merge(&inbox.indicator_sheets, &period, rules);
    // A cumulative amount below the previous quarter's sheets' cannot be
    // trusted for this quarter's criteria either (a figure that decides an
    // award is read with certainty, or not used): an error at its cell.
    let fallen = match super::quarterly_report::previous(&period) {
        Some(pp) => {
            let earlier = super::quarterly_report::figures_named(&inbox.indicator_sheets, &pp, rules);
            let names = |u: &str| reg.unit(u).map_or(u.to_string(), |x| x.name.clone());
            let fallen = crate::rules::progress::drop_fallen(&names, (&pp, &earlier), (&period, &mut merged.figures));
            merged.flagged.extend(fallen.iter().filter_map(|p| p.unit.clone()));
            fallen
        }
        None => Vec::new(),
    };
    if merged.figures.is_empty() {
        let mut msg = format!(
            "Không có số liệu chỉ tiêu {} nào đọc được trong \"{}\" ({} tệp).",
            period.label_vi(),
            inbox_dir.display(),
            inbox.files.len()
        );
        for p in inbox.problems.iter().chain(&merged.problems).take(20) {
            msg.push_str(&format!("\n  {p}"));
        }
        // What to do: figures of another period are there, or nothing is.
        let other: BTreeSet<Period> = inbox.period_hints().iter().map(|(p, _)| *p).filter(|p| *p != period).collect();
        if let Some(p) = other.iter().next() {
            msg.push_str(&format!(
                "\nCác bảng trong thư mục ghi kỳ {}: nếu đó là kỳ cần xét, chạy lại với --period {p}.",
                other.iter().map(|p| p.label_vi()).collect::<Vec<_>>().join(", ")
            ));
        } else {
            msg.push_str("\nHãy chép vào thư mục này các tệp Excel các đơn vị gửi về; biểu mẫu trống để gửi các đơn vị: thidua forms --cluster MÃ --period KỲ --out THƯ_MỤC (mã cụm: thidua units).");
        }
        return Err(CannotRun(msg));
    }
    let with: BTreeSet<String> = merged.figures.keys().cloned().collect();
    let (scope, clusters) = match chosen {
        // The quarterly campaign ranks provinces within their cluster or
        // nationally (Công văn 1371): a province's district clusters are
        // no scope of it.
        Some(Scope::Province { name, .. }) => {
            return Err(CannotRun(format!(
                "--cluster: {name} (các Cụm thi đua cấp huyện của tỉnh) là phạm vi của bình xét năm; khi xét quý, ghi một Khối, Cụm (xem: thidua units) hoặc \"toan-quoc\"."
            )))
        }
        Some(Scope::National) => {
            let (_, clusters) = decide_scope(reg, &with);
            let kind = clusters.first().map(|c| c.kind);
            (Scope::National, crate::award::scope::clusters_of(reg, &Scope::National, kind))
        }
        Some(s) => (s.clone(), crate::award::scope::clusters_of(reg, s, None)),
        None => decide_scope(reg, &with),
    };
    // What was found in the cells of a sheet of another period is not of
    // this run: the sheet is not used, as its one warning says.
    let mut problems: Vec<Problem> = inbox
        .problems
        .iter()
        .filter(|p| p.code == "other-period" || !merge::in_sheet_of_other_period(&inbox.indicator_sheets, &period, &p.location))
        .cloned()
        .collect();
    problems.extend(merged.problems.iter().cloned());
    problems.extend(fallen);
    problems.append(&mut strays);
    // Units read that are outside the scope's level (a district among provinces).
    let in_scope: BTreeSet<&str> = clusters.iter().flat_map(|c| c.members.iter().map(|m| m.as_str())).collect();
    for u in &with {
        if !in_scope.contains(u.as_str()) {
            let f = &merged.figures[u];
            let at = super::row_cell(&inbox.indicator_sheets, u).or_else(|| f.sources.values().next().cloned()).unwrap_or_default();
            problems.push(crate::award::scope::figures_outside(reg, u, at, &scope));
        }
    }
    problems.sort();
    problems.dedup();
    let units: Vec<UnitInput> = clusters
        .iter()
        .flat_map(|c| c.members.iter().filter_map(move |m| reg.unit(m).map(|u| (u, *c))))
        .filter(|(u, _)| matches!(u.level, Level::Province | Level::District | Level::Central))
        .map(|(u, c)| UnitInput {
            unit: u,
            cluster: c,
            figures: merged.figures.get(&u.id),
            has_input_errors: merged.flagged.contains(&u.id),
        })
        .collect();
    problems.extend(not_sent(&units, &inbox, &period));
    let order = |a: &str, b: &str| crate::vn::collate::cmp(a, b);
    // Individuals, central units and proposals from outside the sector
    // (Công văn 1371, mục B.III, B.IV): see award::quarterly::{individuals, central}.
    let lookup = |id: &str| reg.unit(id).map(|u| (u.name.clone(), u.level));
    let nominees = nominees_of(&inbox, reg);
    let nominated = crate::award::quarterly::Nominated {
        central: inbox.annual.central.clone(),
        outside: inbox.annual.outside.clone(),
        lookup: Some(&lookup),
    };
    let mut result = evaluate_campaign(CampaignInput { rules, period, scope, units, nominees, nominated, problems, name_order: &order });
    // Results against the members' registrations of the year (Hướng dẫn
    // 3636, mục A.II.3.1), when the inbox holds registrations.
    if !inbox.registrations.is_empty() && !rules.file.targets.is_empty() {
        let mut more = Vec::new();
        let mut rep = super::registration::report_for(&inbox, period.year(), rules, reg, &clusters, &mut more);
        rep.comparisons = super::registration::compare(&result.units, &rep, rules, &period);
        result.problems.extend(more);
        result.problems.sort();
        result.problems.dedup();
        result.registration = Some(rep);
    }
    Ok(Evaluated { period, inbox, result, annual: None, registry: reg })
}

/// A member of the clusters reviewed with no figure of the period in any
/// file read: named, so the officer asks for it, never left to be noticed
/// as a blank row. Files that could not be read are pointed to, since the
/// member's may be among them.
fn not_sent(units: &[UnitInput], inbox: &Inbox, period: &Period) -> Vec<Problem> {
    let hint = super::unread_hint(inbox);
    units
        .iter()
        .filter(|u| u.figures.is_none() && matches!(u.unit.level, Level::Province | Level::District))
        .map(|u| {
            Problem::warning(
                "missing-figures",
                crate::model::Location::default(),
                format!(
                    "{}: {} chưa có số liệu chỉ tiêu {} trong các tệp đã nhận, nên chưa xét được kỳ này (không tính là đạt hay không đạt).{hint}",
                    u.cluster.name,
                    u.unit.name,
                    period.label_vi()
                ),
            )
            .with_unit(&u.unit.id)
        })
        .collect()
}

/// The individuals' lists read (SPEC §10 kind 5), in the order read: each
/// unit's own order is the order of its rows.
fn nominees_of(inbox: &Inbox, reg: &Registry) -> Vec<crate::award::quarterly::individuals::Nominee> {
    inbox
        .annual
        .individuals
        .iter()
        .map(|i| {
            let u = reg.unit(&i.unit);
            crate::award::quarterly::individuals::Nominee {
                full_name: i.full_name.clone(),
                position: i.position.clone(),
                unit: i.unit.clone(),
                unit_name: u.map_or(i.unit.clone(), |u| u.name.clone()),
                unit_level: u.map_or(Level::Province, |u| u.level),
                requested: i.award.clone(),
                achievements: i.achievements.clone(),
                source: i.at.clone(),
                unit_at: i.unit_at.clone(),
                award_at: i.award_at.clone(),
            }
        })
        .collect()
}

/// Write the dossier into `dir`; every file written, as the manifest
/// lists them, and the manifest.
#[allow(clippy::too_many_arguments)]
pub fn write_outputs(
    dir: &Path,
    ev: &Evaluated,
    rules: &Rules,
    rules_source: &str,
    templates: &[LoadedTemplate],
    opts: &RunOptions,
    progress: &Progress,
    notes: &mut Vec<String>,
) -> anyhow::Result<Vec<String>> {
    let r = &ev.result;
    // One block's or cluster's quarter: its meeting sheet, when the inbox
    // holds one, gives the minutes their time, place, chair, secretary and
    // attendees, and the documents their date (`--ngay` first), as in the
    // year-end and six-month reviews.
    let cluster = match &r.scope {
        crate::model::Scope::Cluster { id, .. } => ev.registry.cluster(id),
        _ => None,
    };
    let met = cluster.and_then(|c| super::six_month::meeting_of(&ev.inbox.annual.meetings, c, ev.registry));
    // The head of the year (the registry's term, else the meeting sheet's),
    // looked up in the run's registry for its place.
    let head = cluster.and_then(|c| ev.registry.term(&c.id, ev.period.year())).map(|t| t.head.clone());
    let head_place = head
        .as_deref()
        .or(met.as_ref().and_then(|m| m.head.as_deref()))
        .and_then(|h| ev.registry.unit(h))
        .map(crate::render::fill::place_name);
    let meeting = Meeting {
        time: met.as_ref().and_then(|m| m.time.clone()),
        place: met.as_ref().and_then(|m| m.place.clone()),
        chair: met.as_ref().and_then(|m| m.chair.clone()),
        secretary: met.as_ref().and_then(|m| m.secretary.clone()),
        attendees: met.as_ref().and_then(|m| m.attendees.clone()),
        head_place,
    };
    let met_on = met.as_ref().and_then(|m| m.date).map(|(day, month, year)| DocDate::Full { day, month, year });
    let ctx = DocContext {
        result: r,
        rules,
        registry: ev.registry,
        date: opts.date.or(met_on).unwrap_or_else(|| DocDate::default_for(&ev.period)),
        meeting,
    };
    let tpl = |name: &str| super::template_named(templates, name);
    let reports = ctx.report_units();
    let ctx = &ctx;
    let mut jobs: Vec<Job> = vec![
        Job::new("ho-so/01-to-trinh.docx", tpl("to-trinh.docx")?, || ctx.to_trinh()),
        Job::new("ho-so/02-bien-ban.docx", tpl("bien-ban.docx")?, || ctx.bien_ban()),
    ];
    let names = super::output::unique_names(reports.iter().map(|d| d.unit.as_str()));
    let summary = tpl("bao-cao-tom-tat.docx")?;
    for (i, (d, name)) in reports.iter().zip(names).enumerate() {
        jobs.push(Job::new(format!("ho-so/bao-cao-tom-tat/{:02}-{name}.docx", i + 1), summary, move || ctx.bao_cao_tom_tat(d)));
    }
    // The head's quarterly report (Hướng dẫn 3636, mục A.II.1.8), for one block or cluster.
    if let Some(p) = super::quarterly_report::progress(ev, rules) {
        let data = crate::render::quarterly_report::bao_cao_quy(rules, &p, &ctx.date);
        jobs.push(Job::new("ho-so/03-bao-cao-quy.docx", tpl(super::quarterly_report::TEMPLATE)?, move || data));
    }
    // Central units' and individuals' reports (Công văn 1371, mục B.V.2).
    for (path, data) in crate::render::quarterly::individuals::report_jobs(ctx) {
        jobs.push(Job::new(path, tpl(crate::render::quarterly::individuals::TEMPLATE)?, move || data));
    }
    let quarter_report = jobs.iter().any(|j| j.path.ends_with("bao-cao-quy.docx"));
    let written = super::write_dossier(dir, ev, rules, jobs, opts, progress, notes)?;
    let report = |t: &LoadedTemplate| t.name == super::quarterly_report::TEMPLATE && quarter_report;
    let used: Vec<&LoadedTemplate> = templates.iter().filter(|t| QUARTERLY_TEMPLATES.contains(&t.name.as_str()) || report(t)).collect();
    report::write_manifest(dir, ev, rules_source, (&rules.file.campaign.id, &rules.sha256), &used, &written)
}
