//! `thidua run` for the annual review (Hướng dẫn 3636, part B): the period,
//! this year's and last year's indicators, the evaluation, then the dossier
//! of mục B.IV for each block or cluster, and for a province or the whole
//! country the council's documents on top.

use super::progress::Progress;
use super::{decide_period, report, CannotRun, Evaluated, Job, LoadedTemplate, RunOptions, ANNUAL_TEMPLATES};
use crate::award::annual::{evaluate_prepared, prepare, AnnualInput};
use crate::ingest::quarterly::merge;
use crate::ingest::{Inbox, IndicatorSheet};
use crate::model::annual::ClusterReview;
use crate::model::{ClusterKind, DecisionKind, Period, Problem, RunResult, Scope};
use crate::registry::Registry;
use crate::render::annual::AnnualContext;
use crate::rules::annual::AnnualRules;
use crate::rules::Rules;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The year of the review and its indicator sheets: this year's (titled
/// with the year, its Q4 or no period) and last year's (for the comparison
/// column of the achievement report, 3636 mục B.IV.2).
fn split_years(sheets: Vec<IndicatorSheet>, year: i32) -> (Vec<IndicatorSheet>, Vec<IndicatorSheet>, Vec<Problem>) {
    let (mut this, mut last, mut problems) = (Vec::new(), Vec::new(), Vec::new());
    for s in sheets {
        match &s.period {
            Some((p, _)) if p.year() == year - 1 && matches!(p, Period::Year { .. } | Period::Quarter { q: 4, .. }) => last.push(s),
            Some((p, at)) if p.year() != year => problems.push(Problem::warning(
                "other-period",
                at.clone(),
                format!(
                    "Tiêu đề ghi số liệu {}, không phải năm {year} hay năm trước liền kề; trang tính này không được dùng.",
                    p.label_vi()
                ),
            )),
            _ => this.push(s),
        }
    }
    (this, last, problems)
}

pub fn evaluate(
    inbox: Inbox,
    period: Option<Period>,
    rules: &Rules,
    (annual, rules_from_file): (AnnualRules, bool),
    reg: &'static Registry,
    chosen: Option<&Scope>,
) -> Result<Evaluated, CannotRun> {
    let period = match period {
        Some(p) => p,
        // Past meeting sheets name their own year: the period comes from
        // the other sheets when there are any.
        None => {
            let meetings: Vec<&crate::model::Location> = inbox.annual.meetings.iter().map(|m| &m.at).collect();
            let others: Vec<(Period, crate::model::Location)> =
                inbox.annual_hints.iter().filter(|(_, at)| !meetings.iter().any(|m| same_sheet(m, at))).cloned().collect();
            decide_period(None, if others.is_empty() { &inbox.annual_hints } else { &others })?
        }
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
    super::check_edition(reg, !std::ptr::eq(reg, Registry::builtin()), Some(&annual), rules_from_file, year)?;
    let mut inbox = inbox;
    // The Khối's form holds a sheet for every member, and a member fills
    // its own and sends the others back blank: a blank sheet of a member
    // whose own sheet was read elsewhere (or refused there, with its
    // errors) says nothing worth a warning.
    let scored: std::collections::BTreeSet<&str> =
        inbox.annual.self_scores.iter().map(|s| s.unit.as_str()).chain(inbox.annual.refused_self.iter().map(|(u, _)| u.as_str())).collect();
    inbox.problems.retain(|p| !(p.code == "no-points" && p.unit.as_deref().is_some_and(|u| scored.contains(u))));
    let (history, mut history_problems) = past_meetings(&mut inbox, year, reg);
    history_problems.extend(leave_out_other_periods(&mut inbox, &period));
    let reg: &'static Registry = if history.is_empty() {
        reg
    } else {
        let (with, differing) = reg.with_terms(history);
        for (known, read) in differing {
            let name = |u: &str| with.unit(u).map_or(u.to_string(), |x| x.name.clone());
            history_problems.push(Problem::warning(
                "term-differs",
                crate::model::Location::default(),
                format!(
                    "{}: bảng thông tin hội nghị năm trước ghi {} năm {} là {}, còn danh sách đơn vị ghi {}; đề xuất luân phiên theo danh sách đơn vị.",
                    with.cluster(&known.cluster).map_or(known.cluster.clone(), |c| c.name.clone()),
                    crate::award::annual::calendar::titles(with.cluster(&known.cluster).map_or(ClusterKind::CumTinh, |c| c.kind)).0,
                    known.year,
                    name(&read.head),
                    name(&known.head)
                ),
            ));
        }
        with.leak()
    };
    // The indicator sheets serve only these figures in a year-end run:
    // moved out of the inbox rather than copied.
    let (mut this, mut last, mut problems) = split_years(std::mem::take(&mut inbox.indicator_sheets), year);
    // A row of the head's summary retyped as another cluster's unit.
    // Said after the units with errors are marked: the unit such a row
    // names sent nothing wrong itself.
    let mut strays = Vec::new();
    crate::award::scope::indicator_strays(reg, &mut this, &mut strays);
    crate::award::scope::indicator_strays(reg, &mut last, &mut strays);
    let asked = asked_figures(rules, &annual);
    let rules = &asked;
    // Both years' figures are merged while the review places the meetings
    // and tallies and cuts the sheets by cluster, which needs no figure.
    let ((mut merged, mut merged_last), prepared) = rayon::join(
        || rayon::join(|| merge::merge(&this, &period, rules), || merge::merge(&last, &Period::Year { year: year - 1 }, rules)),
        || prepare(&annual, reg, &inbox.annual, chosen),
    );
    // Freed on another core, as all that is dropped from here on.
    super::drop_later((this, last, asked));
    // What is wrong in the cells of an indicator sheet of another year is
    // no problem of this review: the sheet's one warning says it is not used.
    let found = outside_other_periods(&problems, &inbox.problems);
    problems.extend(found);
    problems.extend(history_problems);
    problems.append(&mut merged.problems);
    // Last year's sheets serve only the comparison column: figures they
    // lack are shown as blanks there, not reported as missing.
    problems.extend(std::mem::take(&mut merged_last.problems).into_iter().filter(|p| p.code != "missing-figure"));
    let mut flagged = std::mem::take(&mut merged.flagged);
    flagged.extend(problems.iter().filter(|p| p.severity == crate::model::Severity::Error).filter_map(|p| p.unit.clone()));
    problems.append(&mut strays);
    let input = AnnualInput {
        rules: &annual,
        registry: reg,
        period,
        sheets: &inbox.annual,
        figures: &merged.figures,
        last_year: &merged_last.figures,
        flagged: &flagged,
        problems,
    };
    let result = prepared.and_then(|prepared| evaluate_prepared(input, prepared)).ok_or_else(|| {
        let mut msg = format!(
            "Không có bảng chấm điểm, điều kiện xét thi đua hay kết quả bỏ phiếu nào đọc được ({} tệp), nên không xác định được Khối, Cụm cần bình xét.",
            inbox.files.len()
        );
        for p in inbox.problems.iter().take(20) {
            msg.push_str(&format!("\n  {p}"));
        }
        CannotRun(msg)
    })?;
    let mut result = result;
    let before = result.problems.len();
    figures_outside(reg, &result.scope, &result.units, [&merged.figures, &merged_last.figures], &mut result.problems);
    if result.problems.len() > before {
        result.problems.sort();
    }
    super::drop_later((merged, merged_last));
    let hint = super::unread_hint(&inbox);
    if !hint.is_empty() {
        for p in result.problems.iter_mut().filter(|p| p.code == "missing-sheet") {
            p.message.push_str(&hint);
        }
    }
    Ok(Evaluated { period, inbox, result, annual: Some(annual), registry: reg })
}

/// Indicator files that hold only units outside the scope (another
/// cluster's province forwarded, a province's row retyped as another's):
/// a warning each, naming the units and their clusters, since their figures
/// are not used. A file that also holds units of the scope (the country's
/// table of every province, used by each cluster) is said nothing of.
fn figures_outside(
    reg: &Registry,
    scope: &crate::model::Scope,
    units: &[crate::model::UnitResult],
    years: [&BTreeMap<String, crate::model::UnitFigures>; 2],
    problems: &mut Vec<Problem>,
) {
    let in_scope: BTreeSet<&str> = units.iter().map(|u| u.unit.as_str()).collect();
    let mut used: BTreeSet<&str> = BTreeSet::new();
    let mut outside: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for figures in years {
        for (u, f) in figures {
            let inside = in_scope.contains(u.as_str());
            // A unit's figures come mostly from one file, its name shared:
            // each file is looked up once per run of it, not once per figure
            // (40 000 set inserts of long paths, on one core, at the end of
            // the national review).
            let mut last: Option<&str> = None;
            for at in f.sources.values() {
                let file = at.file.as_str();
                if last.is_some_and(|l| std::ptr::eq(l, file) || l == file) {
                    continue;
                }
                last = Some(file);
                if inside {
                    used.insert(file);
                } else {
                    outside.entry(file).or_default().insert(u.as_str());
                }
            }
        }
    }
    for (file, names) in outside.into_iter().filter(|(f, _)| !used.contains(f)) {
        let named: Vec<String> = names
            .iter()
            .map(|u| format!("{}{}", reg.unit(u).map_or(*u, |x| x.name.as_str()), crate::award::scope::belongs_to(reg, u)))
            .collect();
        problems.push(Problem::warning(
            "out-of-scope",
            crate::model::Location::file(file),
            format!(
                "Tệp chỉ có số liệu chỉ tiêu của {}, không thuộc phạm vi xét ({}); số liệu này không được dùng. Nếu tệp gửi nhầm, hãy bỏ ra khỏi thư mục hồ sơ; nếu gõ nhầm tên đơn vị, hãy sửa lại.",
                named.join(", "),
                scope.name_vi()
            ),
        ));
    }
}

/// Whether two locations are on the same sheet of the same file.
fn same_sheet(a: &crate::model::Location, b: &crate::model::Location) -> bool {
    a.file == b.file && a.sheet == b.sheet
}

/// Whether a sheet titled for `named` serves the review of `review`: the
/// same year's review ("NĂM 2022", or its "QUÝ IV/2022"), or the same
/// half-year's ("6 THÁNG ĐẦU NĂM 2023", or its "QUÝ II/2023").
fn serves(named: &Period, review: &Period) -> bool {
    named.year() == review.year()
        && match review {
            Period::Year { .. } => matches!(named, Period::Year { .. } | Period::Quarter { q: 4, .. }),
            Period::Half { .. } => matches!(named, Period::Half { .. } | Period::Quarter { q: 2, .. }),
            Period::Quarter { .. } => named == review,
        }
}

/// Year-end sheets whose title names another period than the review's —
/// last year's self-assessment left in the folder ("BẢNG TỰ CHẤM ĐIỂM THI
/// ĐUA NĂM 2021" beside the 2022 one), a six-month sheet among the year's —
/// are not this review's: read as such, last year's marks had held the unit
/// back as having sent two self-assessments. Each is left out with one
/// warning at its title, and what is wrong in its cells is no problem of
/// this run (the run for its own year says it). Past meeting sheets are
/// taken out before (`past_meetings`): they give the rotation's history.
pub(super) fn leave_out_other_periods(inbox: &mut Inbox, review: &Period) -> Vec<Problem> {
    let other: Vec<(Period, crate::model::Location)> = inbox.annual_hints.iter().filter(|(p, _)| !serves(p, review)).cloned().collect();
    if other.is_empty() {
        return Vec::new();
    }
    let is_other = |at: &crate::model::Location| other.iter().any(|(_, title)| same_sheet(title, at));
    let mut problems = Vec::new();
    for (p, title) in &other {
        // Not a past meeting sheet, already taken out as history.
        let read = inbox.annual.locations().chain(inbox.problems.iter().map(|q| &q.location)).any(|at| same_sheet(at, title));
        if read {
            problems.push(Problem::warning(
                "other-period",
                title.clone(),
                format!("Tiêu đề ghi {}, khác kỳ đang xét ({}); trang tính này không được dùng.", p.label_vi(), review.label_vi()),
            ));
        }
    }
    inbox.annual.retain_at(|at| !is_other(at));
    inbox.problems.retain(|q| q.code == "other-period" || !is_other(&q.location));
    problems
}

/// The problems of `found` outside the sheets that the `other-period`
/// warnings among `said` name: such a sheet is not used, its warning says
/// so, and what is wrong in its cells is no problem of this run.
pub(super) fn outside_other_periods(said: &[Problem], found: &[Problem]) -> Vec<Problem> {
    let other: Vec<&crate::model::Location> = said.iter().filter(|p| p.code == "other-period").map(|p| &p.location).collect();
    found.iter().filter(|p| p.code == "other-period" || !other.iter().any(|at| same_sheet(at, &p.location))).cloned().collect()
}

/// Meeting sheets of earlier reviews ("THÔNG TIN HỘI NGHỊ TỔNG KẾT NĂM
/// 2011" in a 2012 inbox) are history, not this year's meeting: taken out
/// of the meetings, they give the head and deputy of their year and those
/// they elected for the next, which feed the rotation (3636, mục A.I:
/// "bầu chọn, giới thiệu luân phiên"). A sheet whose cluster cannot be
/// told is said, not guessed.
fn past_meetings(inbox: &mut Inbox, year: i32, reg: &Registry) -> (Vec<crate::model::Term>, Vec<Problem>) {
    let (mut terms, mut problems) = (Vec::new(), Vec::new());
    let hints = inbox.annual_hints.clone();
    let mut kept = Vec::new();
    for m in std::mem::take(&mut inbox.annual.meetings) {
        let Some(y) = hints.iter().find(|(_, at)| same_sheet(at, &m.at)).map(|(p, _)| p.year()).filter(|y| *y < year) else {
            kept.push(m);
            continue;
        };
        let named = [&m.head, &m.deputy, &m.next_head, &m.next_deputy];
        let cluster =
            m.cluster.clone().or_else(|| named.iter().find_map(|u| u.as_deref().and_then(|u| reg.cluster_of(u))).map(|c| c.id.clone()));
        let Some(cluster) = cluster else {
            problems.push(Problem::warning(
                "past-meeting-cluster",
                m.at.clone(),
                format!("Bảng thông tin hội nghị năm {y} không cho biết của Khối, Cụm nào; không dùng để đề xuất luân phiên."),
            ));
            continue;
        };
        if let Some(head) = &m.head {
            terms.push(crate::model::Term { cluster: cluster.clone(), year: y, head: head.clone(), deputy: m.deputy.clone() });
        }
        if let Some(head) = &m.next_head {
            terms.push(crate::model::Term { cluster: cluster.clone(), year: y + 1, head: head.clone(), deputy: m.next_deputy.clone() });
        }
    }
    inbox.annual.meetings = kept;
    (terms, problems)
}

/// The indicator rules as the annual review asks for figures: a column is
/// required only when the review's rules use it (its report indicators and
/// tie-breakers). A year whose sheets carry fewer columns (the 2012 sample
/// reports collection only) is then not warned for the quarterly campaign's
/// other columns, which nothing in the review reads.
fn asked_figures(rules: &Rules, annual: &AnnualRules) -> Rules {
    let mut used: BTreeSet<&str> = BTreeSet::new();
    for ri in &annual.file.report_indicators {
        used.extend([ri.plan.as_str(), ri.actual.as_str(), ri.same_period.as_str()]);
    }
    for t in &annual.file.scores.tie_breakers {
        match t.as_str() {
            "ty_le_thu" => used.extend(["thu.ke_hoach", "thu.luy_ke"]),
            "ty_trong_dn" => {
                used.insert("ty_trong_dn");
            }
            _ => {}
        }
    }
    let mut r = rules.clone();
    for i in &mut r.file.indicators {
        i.required = i.required && used.contains(i.key.as_str());
    }
    r
}

/// Each province's share of a national result, as its own run would see
/// it: its district clusters, their decisions with the province's 20 % cap
/// (a Government flag cut only by the national cap was still proposed by
/// the province), its quota line and its individuals.
pub struct ProvinceView<'r> {
    pub id: String,
    /// The province's scope, decisions, quota and individuals; its reviews
    /// are in `annual`, and its units' results are the whole run's (see
    /// `AnnualContext::view`): `units` and `annual` here are empty.
    pub result: RunResult,
    /// Its district clusters' reviews, borrowed from the whole result
    /// (copying them, and the units' results, for 63 provinces and freeing
    /// the copies was some 3 % of a national run's CPU).
    pub annual: Vec<&'r ClusterReview>,
}

pub fn province_views<'r>(r: &'r RunResult, reg: &Registry) -> Vec<ProvinceView<'r>> {
    // Each province's view is cut out on whichever core is free (63 for the
    // country, each a pass over the whole result), kept in the quotas' order.
    use rayon::prelude::*;
    r.quotas.par_iter().filter(|q| q.scope != "toan-quoc").filter_map(|q| province_view(r, reg, q)).collect()
}

fn province_view<'r>(r: &'r RunResult, reg: &Registry, q: &crate::model::QuotaReport) -> Option<ProvinceView<'r>> {
    let p = reg.unit(&q.scope)?;
    let annual: Vec<&ClusterReview> = r
        .annual
        .iter()
        .filter(|c| {
            reg.cluster(&c.cluster).is_some_and(|k| k.kind == ClusterKind::CumHuyen && k.province.as_deref() == Some(p.id.as_str()))
        })
        .collect();
    if annual.is_empty() {
        return None;
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
        units: vec![],
        rankings: vec![],
        decisions,
        quotas: vec![q.clone()],
        individuals: r.individuals.iter().filter(|i| members.contains(i.unit.as_str())).cloned().collect(),
        problems: vec![],
        nominations: vec![],
        registration: None,
        annual: vec![],
        tool_version: r.tool_version.clone(),
        campaign: r.campaign.clone(),
        campaign_name: r.campaign_name.clone(),
        rules_document: r.rules_document.clone(),
        period: r.period,
        period_label: r.period_label.clone(),
        edition: r.edition.clone(),
    };
    Some(ProvinceView { id: p.id.clone(), result: sub, annual })
}

/// File-name-safe folder of a cluster: "cum-3", "thanh-hoa-cum-1".
fn folder(id: &str) -> String {
    super::output::safe_name(&id.replace('.', "-"))
}

/// Write the dossier into `dir`; every file written, as the manifest
/// lists them, and the manifest.
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
) -> anyhow::Result<Vec<String>> {
    let r = &ev.result;
    let ctx = AnnualContext::new(r, annual, ev.registry, opts.date);
    let tpl = |name: &str| super::template_named(templates, name);
    let (council, to_trinh, minutes, report) =
        (tpl("bien-ban-hoi-dong.docx")?, tpl("to-trinh.docx")?, tpl("bien-ban-cum.docx")?, tpl("bao-cao-thanh-tich.docx")?);
    // Each cluster's minutes and Tờ trình in its own folder, attached
    // under the council's documents when the run is a province's or the
    // whole country's. Their data are built as they are rendered.
    let ctx = &ctx;
    let reports = ctx.report_units();
    let mut jobs: Vec<Job> = Vec::new();
    let cluster_root = match r.scope {
        Scope::Cluster { .. } => "ho-so".to_string(),
        Scope::Province { .. } => "ho-so/kem-theo".to_string(),
        Scope::National => "ho-so/khoi-cum".to_string(),
    };
    match r.scope {
        Scope::Province { .. } => {
            jobs.push(Job::new("ho-so/01-bien-ban-hoi-dong.docx", council, || ctx.bien_ban_hoi_dong()));
            jobs.push(Job::new("ho-so/02-to-trinh.docx", to_trinh, || ctx.to_trinh_tong_hop()));
        }
        Scope::National => {
            jobs.push(Job::new("ho-so/01-to-trinh.docx", to_trinh, || ctx.to_trinh_tong_hop()));
            // District clusters' proposals reach the country through their
            // province: its council's minutes and its Tờ trình (3636 B.IV.1),
            // as a one-province run writes them.
            for (i, view) in province_views(r, ev.registry).into_iter().enumerate() {
                let dir = format!("ho-so/bhxh-tinh/{:03}-{}", i + 1, folder(&view.id));
                let view = std::sync::Arc::new(view);
                let same = view.clone();
                jobs.push(Job::new(format!("{dir}/01-bien-ban-hoi-dong.docx"), council, move || {
                    AnnualContext::view(ctx, &same.result, same.annual.clone()).bien_ban_hoi_dong()
                }));
                jobs.push(Job::new(format!("{dir}/02-to-trinh.docx"), to_trinh, move || {
                    AnnualContext::view(ctx, &view.result, view.annual.clone()).to_trinh_tong_hop()
                }));
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
        jobs.push(Job::new(format!("{sub}/01-bien-ban-hop.docx"), minutes, move || ctx.bien_ban_cum(review)));
        // A tally with rows not counted leaves its forms undetermined. The
        // forms it decides are proposed, as the council's Tờ trình proposes
        // them, and the Tờ trình names the forms left; a tally that decides
        // no form has no Tờ trình until it is mended (bao-loi.txt says so).
        if review.undetermined.len() < annual.file.awards.len() {
            jobs.push(Job::new(format!("{sub}/02-to-trinh.docx"), to_trinh, move || ctx.to_trinh_cum(review)));
        }
    }
    let names = super::output::unique_names(reports.iter().map(|d| d.name.as_str()));
    for (i, (d, name)) in reports.iter().zip(names).enumerate() {
        jobs.push(Job::new(format!("ho-so/bao-cao-thanh-tich/{:03}-{name}.docx", i + 1), report, move || ctx.bao_cao_thanh_tich(d)));
    }
    let written = super::write_dossier(dir, ev, rules, jobs, opts, progress, notes)?;
    for review in &r.annual {
        for n in &review.deadline_notes {
            notes.push(format!("{}: {n}", review.name));
        }
    }
    let used: Vec<&LoadedTemplate> = templates.iter().filter(|t| ANNUAL_TEMPLATES.contains(&t.name.as_str())).collect();
    report::write_manifest(dir, ev, rules_source, (&annual.file.campaign.id, &annual.sha256), &used, &written)
}
