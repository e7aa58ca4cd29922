//! The six-month review of a block or cluster (`thidua run --period
//! 2023-H1`; Hướng dẫn 3636, mục A.II.3.2.a): the members' indicator sheets
//! of Quý I and Quý II, read side by side, give each member's progress on
//! every target for each quarter and the half year; the report names the
//! fields behind and who is behind, the new models reported, and leaves the
//! causes, solutions and discussion for the officer. It gives no awards.
//! Also what the head's quarterly report (mục A.II.1.8) builds on:
//! `progress_of`, one block's or cluster's tables over two quarter-ends.

use super::{CannotRun, Evaluated, LoadedTemplate, RunOptions, RunSummary};
use crate::ingest::quarterly::merge;
use crate::ingest::{self, Inbox, Limits};
use crate::model::annual::MeetingInfo;
use crate::model::six_month::{ClusterProgress, NewModel};
use crate::model::{Cluster, ClusterKind, Level, Location, Period, Problem, RunResult, Scope, UnitFigures, UnitId};
use crate::registry::Registry;
use crate::render::fill::DocDate;
use crate::rules::progress::{self, Registered};
use crate::rules::Rules;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The templates of the six-month review.
pub const TEMPLATES: [&str; 2] = ["bao-cao-so-ket.docx", "bien-ban-so-ket.docx"];

/// A block's or cluster's members that report figures, with their names.
pub fn members_of(reg: &Registry, c: &Cluster) -> Vec<(UnitId, String)> {
    c.members
        .iter()
        .filter_map(|m| reg.unit(m))
        .filter(|u| matches!(u.level, Level::Province | Level::District | Level::Central))
        .map(|u| (u.id.clone(), u.name.clone()))
        .collect()
}

/// What the members registered for the year (Hướng dẫn 3636, mục
/// A.II.3.1), as the progress tables use them: (unit, target) → the year's
/// figure, in the measure of the plan (an amount; participants at 31/12).
/// The covenant's target ids are the progress tables' keys. `None` when the
/// inbox holds no registration of the year; problems of the registrations
/// (a member that registered nothing, a contradiction with last year's
/// covenant) are added to `problems`.
pub fn registered_of(
    inbox: &Inbox,
    rules: &Rules,
    reg: &Registry,
    year: i32,
    quarter: u8,
    clusters: &[&Cluster],
    problems: &mut Vec<Problem>,
) -> Option<Registered> {
    if inbox.registrations.is_empty() || rules.file.targets.is_empty() {
        return None;
    }
    let rep = super::registration::report_for(inbox, year, rules, reg, clusters, problems);
    let mut out = Registered::new();
    for (unit, r) in &rep.registrations.units {
        for (target, e) in &r.targets {
            let kind = rules.file.targets.iter().find(|t| &t.id == target).map_or("", |t| t.kind.as_str());
            let figs = progress::RegisteredFigures {
                year: e.year.as_ref().map(|v| v.value),
                // A ratio registered for the year only is kept all year.
                quarter: e.for_quarter(quarter, kind).or(if kind == "rate" { e.year.as_ref() } else { None }).map(|v| v.value),
            };
            if figs.year.is_some() || figs.quarter.is_some() {
                out.insert((unit.clone(), target.clone()), figs);
            }
        }
    }
    (!out.is_empty()).then_some(out)
}

/// One block's or cluster's progress over two quarter-ends: its tables,
/// who sent nothing for either quarter, the new models its members
/// reported and its meeting sheet.
#[allow(clippy::too_many_arguments)]
pub fn progress_of(
    reg: &Registry,
    rules: &Rules,
    c: &Cluster,
    period: Period,
    (earlier_period, earlier): (Period, &BTreeMap<UnitId, UnitFigures>),
    (later_period, later): (Period, &BTreeMap<UnitId, UnitFigures>),
    registered: Option<&Registered>,
    inbox: &Inbox,
) -> ClusterProgress {
    let members = members_of(reg, c);
    let (mark, mark_clause) = progress::mark(rules, &period);
    let late = progress::LateLimit::of(rules);
    let tables = progress::tables(&members, earlier, later, mark, registered, late.as_ref());
    let ids: BTreeSet<&str> = members.iter().map(|m| m.0.as_str()).collect();
    let missing = |f: &BTreeMap<UnitId, UnitFigures>| members.iter().filter(|m| !f.contains_key(&m.0)).map(|m| m.1.clone()).collect();
    let name = |id: &str| reg.unit(id).map_or(id.to_string(), |u| u.name.clone());
    let mut new_models: Vec<NewModel> = inbox
        .annual
        .new_models
        .iter()
        .filter(|m| ids.contains(m.unit.as_str()))
        .cloned()
        .map(|mut m| {
            m.unit_name = name(&m.unit);
            m
        })
        .collect();
    // The eligibility sheet's column of new models counts too.
    for e in inbox.annual.eligibility.iter().filter(|e| ids.contains(e.unit.as_str()) && !e.new_model.trim().is_empty()) {
        if !new_models.iter().any(|m| m.unit == e.unit && m.text == e.new_model.trim()) {
            new_models.push(NewModel {
                unit: e.unit.clone(),
                unit_name: name(&e.unit),
                text: e.new_model.trim().into(),
                effect: String::new(),
                at: e.at.clone(),
            });
        }
    }
    // In the members' order.
    let pos = |u: &str| members.iter().position(|m| m.0 == u).unwrap_or(usize::MAX);
    new_models.sort_by_key(|m| pos(&m.unit));
    let meeting = meeting_of(&inbox.annual.meetings, c, reg);
    let head = reg.term(&c.id, period.year()).map(|t| t.head.clone());
    // Looked up in the run's registry: an edition of other years (`--registry`)
    // has its own units and places.
    let place =
        head.as_deref().or(meeting.as_ref().and_then(|m| m.head.as_deref())).and_then(|h| reg.unit(h)).map(crate::render::fill::place_name);
    ClusterProgress {
        cluster: c.id.clone(),
        cluster_name: c.name.clone(),
        late_limit: late.map(|l| l.said),
        head_word: if c.kind == ClusterKind::Khoi { "Khối".into() } else { "Cụm".into() },
        head,
        place,
        period,
        earlier_period,
        later_period,
        mark,
        mark_clause,
        missing_earlier: missing(earlier),
        missing_later: missing(later),
        has_registration: registered.is_some_and(|r| r.keys().any(|(u, _)| ids.contains(u.as_str()))),
        tables,
        new_models,
        meeting,
    }
}

/// The meeting sheet of this block or cluster: the one naming it, or the
/// only one when the inbox holds one cluster's.
pub(crate) fn meeting_of(ms: &[MeetingInfo], c: &Cluster, reg: &Registry) -> Option<MeetingInfo> {
    let named = ms.iter().find(|m| m.cluster.as_deref() == Some(c.id.as_str()));
    let by_head =
        || ms.iter().find(|m| m.cluster.is_none() && m.head.as_deref().and_then(|h| reg.cluster_of(h)).is_some_and(|x| x.id == c.id));
    named.or_else(by_head).or_else(|| (ms.len() == 1 && ms[0].cluster.is_none()).then(|| &ms[0])).cloned()
}

/// A meeting on or after 31/7 misses the date of Hướng dẫn 3636, mục
/// A.II.3.2.a ("hoàn thành trước ngày 31/7 hằng năm").
pub fn late_meeting(p: &ClusterProgress) -> Option<Problem> {
    let m = p.meeting.as_ref()?;
    let (d, mo, y) = m.date?;
    let year = p.period.year();
    if (y, mo, d) < (year, 7, 31) {
        return None;
    }
    Some(Problem::warning(
        "six-month-late",
        m.date_at.clone().unwrap_or_else(|| m.at.clone()),
        format!(
            "{}: Hội nghị sơ kết 6 tháng đầu năm {year} ghi ngày {d:02}/{mo:02}/{y}, không trước ngày 31/7/{year}. Hướng dẫn 3636/HD-BHXH, mục A.II.3.2.a: \"{}\".",
            p.cluster_name,
            crate::render::six_month::BEFORE_31_7
        ),
    ))
}

/// The figures of one quarter, merged from the sheets of that quarter.
fn merged(
    sheets: &[ingest::quarterly::IndicatorSheet],
    period: Period,
    rules: &Rules,
    problems: &mut Vec<Problem>,
) -> BTreeMap<UnitId, UnitFigures> {
    let m = merge::merge(sheets, &period, rules);
    problems.extend(m.problems);
    m.figures
}

/// A result with no awards, carrying the problems and the scope, for the
/// shared outputs (bao-loi.txt, manifest.json).
fn plain_result(rules: &Rules, reg: &Registry, period: Period, scope: Scope, problems: Vec<Problem>) -> RunResult {
    RunResult {
        edition: Some(reg.edition().clone()),
        tool_version: env!("CARGO_PKG_VERSION").into(),
        campaign: "so-ket-6-thang".into(),
        campaign_name: "Sơ kết công tác thi đua, khen thưởng".to_string(),
        rules_document: rules.file.campaign.document.clone(),
        period,
        period_label: period.label_vi(),
        scope,
        units: Vec::new(),
        rankings: Vec::new(),
        decisions: Vec::new(),
        quotas: Vec::new(),
        individuals: Vec::new(),
        problems,
        annual: Vec::new(),
        nominations: Vec::new(),
        registration: None,
    }
}

/// Read a half-year inbox and build each block's or cluster's progress.
pub fn evaluate(
    inbox_dir: &Path,
    year: i32,
    rules: &Rules,
    reg: &'static Registry,
    progress: &super::Progress,
    limits: &Limits,
    chosen: Option<&Scope>,
) -> Result<(Evaluated, Vec<ClusterProgress>), CannotRun> {
    if !inbox_dir.is_dir() {
        return Err(CannotRun(format!("Không thấy thư mục hồ sơ \"{}\".", inbox_dir.display())));
    }
    super::check_edition(reg, !std::ptr::eq(reg, Registry::builtin()), None, false, year)?;
    let listing = ingest::list_inbox(inbox_dir);
    progress.stage("Đọc tệp", listing.files.len() as u64);
    let mut inbox = ingest::read_listed(listing, reg, rules, limits, &|f| progress.item(f));
    progress.finish();
    // Rows of another cluster in a head's summary, and rows of other units
    // left in a member's own form, are not that member's report: the same
    // weighing as a quarter's (`pipeline::quarterly`), each an error or a
    // warning at its row.
    let mut strays = Vec::new();
    crate::award::scope::indicator_strays(reg, &mut inbox.indicator_sheets, &mut strays);
    ingest::quarterly::senders::weigh(&mut inbox.indicator_sheets, reg, &mut strays);
    let (q1s, q2s, mut problems) = ingest::six_month::split_quarters(&inbox.indicator_sheets, year);
    problems.append(&mut strays);
    // The six-month review assesses no eligibility: a row of the
    // eligibility form with no yes/no ticked is not a problem here (its
    // column of new models is read).
    // Sheets titled for another period (a quarter of last year, a
    // year-end sheet) are not used, each with one warning at its title:
    // what is wrong in their cells is no problem of this review.
    problems.extend(super::annual::leave_out_other_periods(&mut inbox, &Period::Half { year }));
    let found = super::annual::outside_other_periods(&problems, &inbox.problems);
    problems.extend(found.into_iter().filter(|p| p.code != "eligibility-blank"));
    let (p1, p2) = (Period::Quarter { year, q: 1 }, Period::Quarter { year, q: 2 });
    let mut q1 = merged(&q1s, p1, rules, &mut problems);
    let mut q2 = merged(&q2s, p2, rules, &mut problems);
    // A rate out of its plausible range (a year's plan typed in thousands,
    // a late amount in đồng): its figures are named at their cells and not
    // reported, as the quarterly campaign does not decide on them (Quảng
    // Ninh's "11.850" for 11.850.000 had shown 48.811,94 % "Đạt").
    let names = |u: &str| reg.unit(u).map_or(u.to_string(), |x| x.name.clone());
    for q in [&mut q1, &mut q2] {
        problems.extend(crate::award::quarterly::evaluate::drop_implausible(rules, &names, q));
    }
    let with: BTreeSet<&str> = q1.keys().chain(q2.keys()).map(|s| s.as_str()).collect();
    if with.is_empty() {
        let mut msg = format!(
            "Không có số liệu chỉ tiêu Quý I hay Quý II/{year} nào đọc được trong \"{}\" ({} tệp) để sơ kết 6 tháng đầu năm {year}. Mỗi trang số liệu cần ghi quý ở tiêu đề, ví dụ \"Quý I/{year}\" và \"Quý II/{year}\"; biểu mẫu trống: thidua forms --cluster MÃ --period {year}-H1 --out THƯ_MỤC.",
            inbox_dir.display(),
            inbox.files.len()
        );
        for p in problems.iter().take(20) {
            msg.push_str(&format!("\n  {p}"));
        }
        return Err(CannotRun(msg));
    }
    // The scope: the one named (`--cluster`), else the block or cluster
    // the figures clearly belong to (a row forwarded from another cluster
    // does not make the review national), else every block or cluster
    // with figures.
    let owned: BTreeSet<String> = with.iter().map(|u| u.to_string()).collect();
    let (scope, clusters): (Scope, Vec<&Cluster>) = match chosen {
        Some(s) => (s.clone(), crate::award::scope::clusters_of(reg, s, None)),
        None => match super::decide_scope(reg, &owned) {
            (s @ Scope::Cluster { .. }, cs) => (s, cs),
            // Figures of several: each of those blocks and clusters
            // (`decide_scope` gives one whenever the units read are of one).
            _ => (Scope::National, reg.clusters().iter().filter(|c| c.members.iter().any(|m| with.contains(m.as_str()))).collect()),
        },
    };
    // Units read outside the scope: not reviewed, each an error at its row.
    let in_scope: BTreeSet<&str> = clusters.iter().flat_map(|c| c.members.iter().map(|m| m.as_str())).collect();
    for &u in with.iter().filter(|u| !in_scope.contains(**u)) {
        let at = super::row_cell(&inbox.indicator_sheets, u)
            .or_else(|| q2.get(u).or_else(|| q1.get(u)).and_then(|f| f.sources.values().next().cloned()))
            .unwrap_or_default();
        problems.push(crate::award::scope::figures_outside(reg, u, at, &scope));
    }
    // The half-year ends with Quý II: its registration is the quarter's.
    let registered = registered_of(&inbox, rules, reg, year, 2, &clusters, &mut problems);
    let mut out = Vec::new();
    for c in &clusters {
        let p = progress_of(reg, rules, c, Period::Half { year }, (p1, &q1), (p2, &q2), registered.as_ref(), &inbox);
        for (what, names) in [(p1, &p.missing_earlier), (p2, &p.missing_later)] {
            if !names.is_empty() {
                problems.push(Problem::warning(
                    "six-month-missing",
                    Location::default(),
                    format!("{}: chưa có số liệu chỉ tiêu {} của {}.", p.cluster_name, what.label_vi(), names.join("; ")),
                ));
            }
        }
        if p.meeting.is_none() {
            problems.push(Problem::warning(
                "six-month-no-meeting",
                Location::default(),
                format!(
                    "{}: không có bảng Thông tin hội nghị sơ kết; biên bản để trống thời gian, địa điểm, chủ trì, thư ký (……).",
                    p.cluster_name
                ),
            ));
        }
        problems.extend(late_meeting(&p));
        problems.extend(crate::rules::progress::falling(&p));
        out.push(p);
    }
    problems.sort();
    problems.dedup();
    let period = Period::Half { year };
    let result = plain_result(rules, reg, period, scope, problems);
    Ok((Evaluated { period, inbox, result, annual: None, registry: reg }, out))
}

/// `thidua run --period YYYY-H1`.
pub fn run(opts: &RunOptions, progress: &super::Progress) -> Result<RunSummary, CannotRun> {
    let Some(Period::Half { year }) = opts.period else {
        return Err(CannotRun("Kỳ sơ kết 6 tháng ghi dạng --period 2023-H1.".into()));
    };
    let (rules, _, rules_source) = super::load_rules_any(opts.rules.as_deref())?;
    let templates = super::load_templates(opts.templates.as_deref(), Some(&TEMPLATES))?;
    let (reg, registry_warnings) = super::load_registry(opts.registry.as_deref())?;
    let chosen = super::chosen_scope(reg, opts.scope.as_deref())?;
    let (mut ev, reviews) = evaluate(&opts.inbox, year, &rules, reg, progress, &opts.limits.unwrap_or_default(), chosen.as_ref())?;
    super::registry_problems(&mut ev, registry_warnings);
    if let Some(date) = opts.date {
        // A review of the half-year signed before it ends.
        let early = super::signing_date_problems(&date, &ev.result, false);
        ev.result.problems.extend(early);
    }
    let target =
        opts.out.clone().unwrap_or_else(|| opts.out_root.clone().unwrap_or_else(|| PathBuf::from("out")).join(ev.period.to_string()));
    write_staged(&target, opts, |dir| write_outputs(dir, &ev, &reviews, &rules, &rules_source, &templates, opts, progress))?;
    progress.finish();
    progress.say(&format!("Xong: {} vấn đề trong dữ liệu; kết quả ở {}", ev.result.problems.len(), target.display()));
    let mut notes: Vec<String> = reviews
        .iter()
        .map(|p| {
            let behind: usize = p.tables.iter().map(|t| t.rows.iter().filter(|r| r.behind == Some(true)).count()).sum();
            format!(
                "{}: sơ kết 6 tháng, {} đơn vị thành viên, {behind} kết quả chưa đạt tiến độ, {} mô hình mới.",
                p.cluster_name,
                p.tables.first().map_or(0, |t| t.rows.len()),
                p.new_models.len()
            )
        })
        .collect();
    notes.push("Sơ kết 6 tháng không xét khen thưởng (Hướng dẫn 3636/HD-BHXH, mục A.II.3.2.a).".into());
    // The progress mark (45 % of the year by Quý II) is the campaign's: a
    // rules file of another year's campaign is said on the console (not a
    // problem of the inputs, which would make every unattended run exit 1).
    if rules.file.campaign.year != year {
        let (mark, clause) = progress::mark(&rules, &Period::Half { year });
        notes.push(format!(
            "Mức tiến độ sơ kết 6 tháng đầu năm {year}{} lấy theo {} (phong trào năm {}{}). Nếu BHXH Việt Nam đã phát động thi đua năm {year} với mức khác, ghi mức đó vào tệp quy tắc rồi chạy lại với --rules TỆP.",
            mark.map(|m| format!(" ({} kế hoạch năm)", crate::vn::format::format_percent_short(&m))).unwrap_or_default(),
            rules.file.campaign.document,
            rules.file.campaign.year,
            if clause.is_empty() { String::new() } else { format!(", {clause}") }
        ));
    }
    let outputs = super::output::list_files(&target);
    Ok(RunSummary { period: ev.period, annual_rules: None, out_dir: target, result: ev.result, outputs, notes })
}

/// Outputs written to a staging folder beside `target` and moved into
/// place when complete, under the output lock (SPEC §7), as every run.
fn write_staged(target: &Path, opts: &RunOptions, write: impl FnOnce(&Path) -> anyhow::Result<()>) -> Result<(), CannotRun> {
    use super::output::{self, LockOutcome, Staging};
    let parent = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
    let _lock = match output::lock(&parent, opts.wait).map_err(|e| {
        CannotRun(format!("Không khóa được thư mục kết quả \"{}\": {}", parent.display(), crate::ingest::error_chain_vi(&e)))
    })? {
        LockOutcome::Locked(l) => l,
        LockOutcome::Busy => {
            return Err(CannotRun(format!(
                "Một lần chạy khác đang ghi vào \"{}\". Hãy chờ lần đó xong, hoặc chạy lại với --wait để tự chờ.",
                parent.display()
            )))
        }
    };
    output::recover(target);
    let open = output::open_documents(target);
    if !open.is_empty() {
        return Err(CannotRun(format!(
            "Các tệp sau của lần chạy trước đang mở (trong Word, Excel hoặc LibreOffice): {}. Hãy đóng các tệp đó rồi chạy lại; bộ hồ sơ cũ được giữ nguyên.",
            open.join(", ")
        )));
    }
    let staging = Staging::new(target).map_err(|e| {
        CannotRun(format!("Không tạo được thư mục tạm bên cạnh \"{}\": {}", target.display(), crate::ingest::error_chain_vi(&e)))
    })?;
    write(&staging.dir).map_err(|e| {
        CannotRun(format!(
            "Lỗi khi ghi kết quả vào \"{}\": {}. Chưa có tệp kết quả nào được thay thế.",
            target.display(),
            crate::ingest::error_chain_vi(&e)
        ))
    })?;
    staging.commit().map_err(|e| CannotRun(crate::ingest::error_chain_vi(&e)))
}

#[allow(clippy::too_many_arguments)]
fn write_outputs(
    dir: &Path,
    ev: &Evaluated,
    reviews: &[ClusterProgress],
    rules: &Rules,
    rules_source: &str,
    templates: &[LoadedTemplate],
    opts: &RunOptions,
    progress: &super::Progress,
) -> anyhow::Result<()> {
    use crate::render::six_month as r6;
    let mut jobs: Vec<super::Job> = Vec::new();
    let several = reviews.len() > 1;
    let names = super::output::unique_names(reviews.iter().map(|p| p.cluster_name.as_str()));
    for (p, name) in reviews.iter().zip(names) {
        let sub = if several { format!("ho-so/{name}/") } else { "ho-so/".into() };
        // The report is dated when signed; the minutes on the meeting's day.
        let date = opts.date.unwrap_or_else(|| DocDate::default_for(&ev.period));
        let met = p.meeting.as_ref().and_then(|m| m.date).map(|(day, month, year)| DocDate::Full { day, month, year });
        jobs.push(super::Job::new(format!("{sub}01-bao-cao-so-ket.docx"), super::template_named(templates, TEMPLATES[0])?, move || {
            r6::bao_cao_so_ket(rules, p, &date)
        }));
        jobs.push(super::Job::new(format!("{sub}02-bien-ban-so-ket.docx"), super::template_named(templates, TEMPLATES[1])?, move || {
            r6::bien_ban_so_ket(rules, p, &met.unwrap_or(date))
        }));
    }
    let documents: Vec<String> = jobs.iter().map(|j| j.path.clone()).collect();
    let dirs: BTreeSet<&str> = documents.iter().filter_map(|p| p.rsplit_once('/').map(|x| x.0)).collect();
    for d in dirs {
        std::fs::create_dir_all(dir.join(d))?;
    }
    progress.stage("Ghi văn bản", jobs.len() as u64 + 3);
    for super::Job { path, template, data } in jobs {
        let bytes = template
            .render(&data())
            .map_err(|es| anyhow::anyhow!("{path}: {}", es.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; ")))?;
        std::fs::write(dir.join(&path), bytes)?;
        progress.item(&path);
    }
    r6::write_summary(&ev.period, reviews, &ev.result.problems, &dir.join("tong-hop.xlsx"))?;
    progress.item("tong-hop.xlsx");
    let json = serde_json::json!({"ky": ev.period, "so_ket": reviews, "van_de": ev.result.problems});
    std::fs::write(dir.join("ket-qua.json"), serde_json::to_string_pretty(&json)? + "\n")?;
    progress.item("ket-qua.json");
    std::fs::write(dir.join("bao-loi.txt"), super::report::problems_text(&ev.result, &ev.inbox))?;
    progress.item("bao-loi.txt");
    let used: Vec<&LoadedTemplate> = templates.iter().filter(|t| TEMPLATES.contains(&t.name.as_str())).collect();
    if opts.pdf {
        let _ = super::report::convert_pdf(dir, &documents);
    }
    // Written without recording hashes: the manifest hashes them from disk.
    let hashed = super::written::Written::default();
    super::report::write_manifest(dir, ev, rules_source, (&rules.file.campaign.id, &rules.sha256), &used, &hashed)?;
    Ok(())
}
