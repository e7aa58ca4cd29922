//! The annual review of blocks and clusters (Hướng dẫn 3636/HD-BHXH, part
//! B), end to end: who may be considered, the scores and the ranking, the
//! vote for each award, the 20 % cap at the provincial and national levels,
//! next year's head and deputy, and the deadlines.

pub mod calendar;
pub mod cap;
pub mod scores;
pub mod strays;
pub mod votes;

use super::rank::{self, Item, Key};
use crate::model::annual::{
    AnnualSheets, ClusterReview, CrossScoreSheet, EligibilityRow, Leadership, MeetingInfo, SelfScoreSheet, UnitScore, VoteLine, VoteResult,
};
use crate::model::{
    Cluster, ClusterKind, CriterionResult, Decision, DecisionKind, IndividualDecision, Level, Location, MeasureValue, Num, Period, Problem,
    QuotaReport, RankEntry, Ranking, RunResult, Scope, Status, UnitFigures, UnitId, UnitResult,
};
use crate::registry::Registry;
use crate::rules::annual::AnnualRules;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{BTreeMap, BTreeSet};
use votes::Standing;

pub struct AnnualInput<'a> {
    pub rules: &'a AnnualRules,
    pub registry: &'a Registry,
    pub period: Period,
    pub sheets: &'a AnnualSheets,
    /// This year's indicator figures, by unit.
    pub figures: &'a BTreeMap<UnitId, UnitFigures>,
    /// Last year's, for the comparison of the achievement report.
    pub last_year: &'a BTreeMap<UnitId, UnitFigures>,
    /// Units with an error in their inputs.
    pub flagged: &'a BTreeSet<UnitId>,
    pub problems: Vec<Problem>,
}

/// The clusters the inputs are about, and the scope of the run: one block
/// or cluster; one province's district clusters (its TĐKT council); or the
/// whole country (Vụ TĐKT).
pub fn decide_scope<'r>(reg: &'r Registry, sheets: &AnnualSheets) -> Option<(Scope, Vec<&'r Cluster>)> {
    let meetings: Vec<Option<String>> = sheets.meetings.iter().map(|m| m.cluster.clone()).collect();
    let strays = strays::find(reg, sheets, &mut Vec::new());
    scope_of(reg, sheets, &meetings, &strays)
}

/// The cluster of each meeting sheet, checked against the other sheets of
/// its workbook (SPEC §13: a cluster is resolved from everything the
/// workbook says). When every unit those sheets name is in one other
/// cluster, the sheet's reading is doubtful: an error naming both, and the
/// meeting is placed nowhere rather than in the wrong cluster.
fn meeting_clusters(reg: &Registry, sheets: &AnnualSheets, problems: &mut Vec<Problem>) -> Vec<Option<String>> {
    // The units each workbook with a meeting sheet names, gathered in one
    // pass over the sheets (a national inbox has a hundred meeting sheets;
    // walking every sheet for each of them was the review's longest step
    // on one core).
    let files: FxHashSet<&str> = sheets.meetings.iter().filter(|m| m.cluster.is_some()).map(|m| m.at.file.as_str()).collect();
    let mut named_in: FxHashMap<&str, BTreeSet<&str>> = FxHashMap::default();
    fn add<'a>(
        files: &FxHashSet<&'a str>,
        named_in: &mut FxHashMap<&'a str, BTreeSet<&'a str>>,
        file: &str,
        units: impl Iterator<Item = &'a str>,
    ) {
        if let Some(f) = files.get(file) {
            named_in.entry(f).or_default().extend(units);
        }
    }
    for s in &sheets.self_scores {
        add(&files, &mut named_in, &s.at.file, std::iter::once(s.unit.as_str()));
    }
    for s in &sheets.cross_scores {
        add(&files, &mut named_in, &s.at.file, s.rows.iter().map(|r| r.0.as_str()));
    }
    for s in &sheets.votes {
        add(&files, &mut named_in, &s.at.file, s.lines.iter().map(|l| l.unit.as_str()));
    }
    for e in &sheets.eligibility {
        add(&files, &mut named_in, &e.at.file, std::iter::once(e.unit.as_str()));
    }
    let none = BTreeSet::new();
    sheets
        .meetings
        .iter()
        .map(|m| {
            let c = m.cluster.clone()?;
            let named = named_in.get(m.at.file.as_str()).unwrap_or(&none);
            let of: BTreeSet<&str> = named.iter().filter_map(|u| reg.unit(u)).map(|u| u.cluster.as_str()).collect();
            if of.is_empty() || of.contains(c.as_str()) {
                return Some(c);
            }
            let cname = |id: &str| reg.cluster(id).map_or(id.to_string(), |x| x.name.clone());
            problems.push(Problem::error(
                "ambiguous-cluster",
                m.at.clone(),
                format!(
                    "Thông tin hội nghị được hiểu là của \"{}\", nhưng các bảng khác trong cùng tệp nêu các đơn vị thuộc {}; không xác định chắc chắn được Khối, Cụm của hội nghị, nên thông tin hội nghị này không được dùng. Hãy ghi đầy đủ tên Khối, Cụm (cấp tỉnh hay cấp huyện, thuộc BHXH tỉnh nào).",
                    cname(&c),
                    of.iter().map(|o| format!("\"{}\"", cname(o))).collect::<Vec<_>>().join(" và ")
                ),
            ));
            None
        })
        .collect()
}

/// The scope from the units the sheets name (rows found to be strays in
/// their workbook left out) and the clusters of the tallies and meeting
/// sheets. When one cluster, or one province's district clusters, clearly
/// holds them and the others are a unit or two, the run is that cluster's
/// or that province's (`super::scope`); what the others sent is then out of
/// scope, an error each (`out_of_scope`).
fn scope_of<'r>(
    reg: &'r Registry,
    sheets: &AnnualSheets,
    meetings: &[Option<String>],
    strays: &strays::Strays,
) -> Option<(Scope, Vec<&'r Cluster>)> {
    // Sets only asked whether they hold a cluster: hashed, not ordered.
    let mut units: FxHashSet<&str> = FxHashSet::default();
    units.extend(strays.kept_self_scores(sheets).map(|s| s.unit.as_str()));
    units.extend(sheets.cross_scores.iter().enumerate().flat_map(|(i, s)| {
        s.rows.iter().enumerate().filter(move |(r, _)| !strays.cross_rows.contains(&(i, *r))).map(|(_, r)| r.0.as_str())
    }));
    units.extend(strays.kept_eligibility(sheets).map(|e| e.unit.as_str()));
    // One cluster, or one province's district clusters, clearly holding
    // what was read, the candidates of the tallies counted too (a tally
    // forwarded from another cluster names a unit or two of it).
    let voted = sheets.votes.iter().flat_map(|s| s.lines.iter().map(|l| l.unit.as_str()));
    let named = || units.iter().copied().chain(voted.clone());
    if let Some(c) = super::scope::dominant(reg, named()) {
        return Some((Scope::Cluster { id: c.id.clone(), name: c.name.clone() }, vec![c]));
    }
    if let Some(p) = super::scope::dominant_province(reg, named()) {
        let all: Vec<&Cluster> = reg.clusters().iter().filter(|c| c.province.as_deref() == Some(p.id.as_str())).collect();
        return Some((Scope::Province { id: p.id.clone(), name: p.name.clone() }, all));
    }
    let mut ids: FxHashSet<&str> = units.iter().filter_map(|u| reg.unit(u)).map(|u| u.cluster.as_str()).collect();
    ids.extend(sheets.votes.iter().filter_map(|s| tally_cluster(reg, s)).map(|c| c.id.as_str()));
    ids.extend(meetings.iter().flatten().map(String::as_str));
    let clusters: Vec<&Cluster> = reg.clusters().iter().filter(|c| ids.contains(c.id.as_str())).collect();
    if clusters.is_empty() {
        return None;
    }
    if clusters.len() == 1 {
        let c = clusters[0];
        return Some((Scope::Cluster { id: c.id.clone(), name: c.name.clone() }, clusters));
    }
    let provinces: BTreeSet<Option<&str>> = clusters.iter().map(|c| c.province.as_deref()).collect();
    if clusters.iter().all(|c| c.kind == ClusterKind::CumHuyen) && provinces.len() == 1 {
        let p = provinces.into_iter().next().flatten().unwrap_or_default();
        let pu = reg.unit(p)?;
        let all: Vec<&Cluster> = reg.clusters().iter().filter(|c| c.province.as_deref() == Some(p)).collect();
        return Some((Scope::Province { id: pu.id.clone(), name: pu.name.clone() }, all));
    }
    Some((Scope::National, clusters))
}

/// What the sheets name outside the scope's clusters (a province's file
/// sent to another cluster, the rest of a one-cluster run whose scope
/// `scope_of` kept to the cluster): not used, an error at each, so that
/// nothing is dropped without a word. Individuals are told in
/// `list_individuals`, a candidate of another cluster in a tally in
/// `tallies`; a cross-scoring's scorer may
/// be outside (the provinces mark the blocks, 3636 mục A.II.1.8), and the
/// units it marks outside the scope are not reviewed here.
fn out_of_scope(
    reg: &Registry,
    sheets: &AnnualSheets,
    meetings: &[Option<String>],
    scope: &Scope,
    clusters: &[&Cluster],
    strays: &strays::Strays,
    problems: &mut Vec<Problem>,
) {
    let in_scope: FxHashSet<&str> = clusters.iter().flat_map(|c| c.members.iter().map(|m| m.as_str())).collect();
    let mut say = |u: &str, at: &Location, what: &str| {
        if in_scope.contains(u) {
            return;
        }
        let (name, of) = (reg.unit(u).map_or(u.to_string(), |x| x.name.clone()), super::scope::belongs_to(reg, u));
        problems.push(
            Problem::error(
                "out-of-scope",
                at.clone(),
                format!(
                    "{name}{of} không thuộc phạm vi xét ({}); {what} không được dùng. Nếu tệp gửi nhầm, hãy bỏ ra khỏi thư mục hồ sơ; nếu gõ nhầm tên đơn vị, hãy sửa lại.",
                    scope.name_vi()
                ),
            )
            .with_unit(u),
        );
    };
    for s in strays.kept_self_scores(sheets) {
        say(&s.unit, &s.at, "bảng tự chấm điểm này");
    }
    for e in strays.kept_eligibility(sheets) {
        say(&e.unit, &e.at, "dòng điều kiện xét này");
    }
    // A tally or a meeting sheet of a cluster outside the scope (the
    // other cluster's file forwarded by mistake).
    let outside = |c: &str| !clusters.iter().any(|x| x.id == c);
    let cluster_name = |c: &str| reg.cluster(c).map_or(c.to_string(), |x| x.name.clone());
    let tail = "Nếu tệp gửi nhầm, hãy bỏ ra khỏi thư mục hồ sơ.";
    for s in &sheets.votes {
        if let Some(c) = tally_cluster(reg, s).filter(|c| outside(&c.id)) {
            problems.push(Problem::error(
                "out-of-scope",
                s.at.clone(),
                format!(
                    "Bảng kiểm phiếu này là của {} (các đơn vị được bầu thuộc Khối, Cụm đó), không thuộc phạm vi xét ({}); kết quả bỏ phiếu này không được dùng. {tail}",
                    c.name,
                    scope.name_vi()
                ),
            ));
        }
    }
    for (m, c) in sheets.meetings.iter().zip(meetings) {
        if let Some(c) = c.as_deref().filter(|c| outside(c)) {
            problems.push(Problem::error(
                "out-of-scope",
                m.at.clone(),
                format!(
                    "Thông tin hội nghị này là của {}, không thuộc phạm vi xét ({}); không được dùng. {tail}",
                    cluster_name(c),
                    scope.name_vi()
                ),
            ));
        }
    }
}

/// A national review made of part of the country (two clusters' files
/// in one folder, or the Vụ's inbox while clusters are still sending):
/// said, with the clusters there, since the 20 % cap is then worked out
/// over them alone (3636, mục B.III.5, Bước 2).
fn national_partly(reg: &Registry, clusters: &[&Cluster], problems: &mut Vec<Problem>) {
    let kinds: BTreeSet<ClusterKind> = clusters.iter().map(|c| c.kind).collect();
    let missing = reg.clusters().iter().filter(|c| kinds.contains(&c.kind) && !clusters.iter().any(|x| x.id == c.id)).count();
    if missing == 0 {
        return;
    }
    let mut names: Vec<&str> = clusters.iter().take(5).map(|c| c.name.as_str()).collect();
    if clusters.len() > 5 {
        names.push("…");
    }
    problems.push(Problem::warning(
        "national-partly",
        Location::default(),
        format!(
            "Thư mục hồ sơ có số liệu của {} Khối, Cụm ({}), nên được xét ở phạm vi toàn quốc; {missing} Khối, Cụm khác chưa có hồ sơ, và hạn mức Cờ thi đua của Chính phủ (20 %) chỉ tính trên các Khối, Cụm đã có (Hướng dẫn 3636/HD-BHXH, mục B.III.5). Nếu chỉ cần xét một Khối, Cụm, hãy chạy lại với --cluster và mã Khối, Cụm đó (xem: thidua units), hoặc bỏ các tệp của Khối, Cụm khác ra khỏi thư mục hồ sơ.",
            clusters.len(),
            names.join("; ")
        ),
    ));
}

/// Where a tally goes: the cluster its title names ("… — CỤM THI ĐUA CẤP
/// TỈNH SỐ III"), unless most of its candidates are of one other cluster;
/// without a title, the cluster most of its candidates belong to (on a
/// tie, the first by id).
enum TallyPlace<'r> {
    Cluster(&'r Cluster),
    /// No candidate of the registry: nowhere.
    Nowhere,
    /// A title its candidates outvote: which cluster voted cannot be told
    /// (a form copied from another cluster with its title left, or
    /// candidates typed wrong). The title's cluster, the candidates'
    /// cluster, how many lines are of each.
    Contradicted {
        titled: &'r Cluster,
        by: &'r Cluster,
        of_title: usize,
        of_by: usize,
    },
}

fn tally_place<'r>(reg: &'r Registry, s: &crate::model::annual::VoteSheet) -> TallyPlace<'r> {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for u in s.lines.iter().filter_map(|l| reg.unit(&l.unit)) {
        *count.entry(u.cluster.as_str()).or_default() += 1;
    }
    let by = count.iter().max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0))).and_then(|(c, n)| reg.cluster(c).map(|c| (c, *n)));
    let Some((by, of_by)) = by else { return TallyPlace::Nowhere };
    match s.title_cluster.as_ref().and_then(|(c, _)| reg.cluster(c)) {
        Some(titled) => {
            let of_title = count.get(titled.id.as_str()).copied().unwrap_or(0);
            if titled.id != by.id && of_by > of_title {
                TallyPlace::Contradicted { titled, by, of_title, of_by }
            } else {
                TallyPlace::Cluster(titled)
            }
        }
        None => TallyPlace::Cluster(by),
    }
}

/// The cluster a tally is of (`tally_place`), when it can be told.
fn tally_cluster<'r>(reg: &'r Registry, s: &crate::model::annual::VoteSheet) -> Option<&'r Cluster> {
    match tally_place(reg, s) {
        TallyPlace::Cluster(c) => Some(c),
        _ => None,
    }
}

/// A cluster's tally: the lines read, the ballots cast (a per-ballot
/// sheet), and the cells of rows refused (the tally is then incomplete).
type Tally<'s> = (Vec<&'s VoteLine>, Option<u32>, Vec<(String, Location)>);

/// Put each tally sheet's lines with its cluster (`tally_cluster`); check
/// membership, the member count and duplicates.
fn tallies<'s>(rules: &AnnualRules, reg: &Registry, sheets: &'s AnnualSheets, problems: &mut Vec<Problem>) -> BTreeMap<String, Tally<'s>> {
    let name = |u: &str| reg.unit(u).map_or(u.to_string(), |x| x.name.clone());
    let mut out: BTreeMap<String, Tally> = BTreeMap::new();
    for s in &sheets.votes {
        let c = match tally_place(reg, s) {
            TallyPlace::Cluster(c) => c,
            TallyPlace::Nowhere => continue,
            TallyPlace::Contradicted { titled, by, of_title, of_by } => {
                let at = s.title_cluster.as_ref().map_or_else(|| s.at.clone(), |(_, at)| at.clone());
                problems.push(Problem::error(
                    "tally-title",
                    at,
                    format!(
                        "Tiêu đề bảng kết quả bỏ phiếu ghi {}, nhưng {of_by} trong {} dòng đề nghị là đơn vị của {}, chỉ {of_title} dòng là đơn vị của {}; không rõ đây là kết quả bỏ phiếu của Khối, Cụm nào nên bảng không được dùng. Sửa tiêu đề hoặc tên đơn vị cho đúng rồi chạy lại.",
                        titled.name,
                        s.lines.len(),
                        by.name,
                        titled.name
                    ),
                ));
                continue;
            }
        };
        let members = c.members.len() as u32;
        if let Some((n, at)) = &s.members_declared {
            if *n != members {
                problems.push(Problem::warning(
                    "member-count",
                    at.clone(),
                    format!(
                        "Bảng bỏ phiếu ghi {n} đơn vị thành viên, nhưng {} có {members} đơn vị theo danh sách đơn vị ({}); tỷ lệ phiếu được tính trên {members} đơn vị.",
                        c.name,
                        reg.edition().name
                    ),
                ));
            }
        }
        if let Some(b) = s.ballots {
            if b > members {
                problems.push(Problem::error(
                    "too-many-ballots",
                    s.at.clone(),
                    format!(
                        "Bảng kiểm phiếu có {b} phiếu, nhiều hơn số đơn vị thành viên của {} ({members}); kết quả bỏ phiếu này không được dùng, Hội nghị cần kiểm phiếu lại.",
                        c.name
                    ),
                ));
                continue;
            }
        }
        let (entry, ballots, refused) = out.entry(c.id.clone()).or_default();
        if s.ballots.is_some() {
            *ballots = s.ballots;
        }
        refused.extend(s.refused.iter().cloned());
        for l in &s.lines {
            if !c.members.contains(&l.unit) {
                problems.push(
                    Problem::error(
                        "not-member",
                        l.unit_at.clone(),
                        format!(
                            "{}{} không phải đơn vị thành viên của {}; phiếu bầu cho đơn vị này không được tính.",
                            name(&l.unit),
                            super::scope::belongs_to(reg, &l.unit),
                            c.name
                        ),
                    )
                    .with_unit(&l.unit),
                );
                refused.push((l.award.clone(), l.unit_at.clone()));
                continue;
            }
            // "5/7" in a cluster of six: more voters than members cannot
            // be, so one of the two numbers is wrong and the row is not
            // counted (a count read with certainty or not at all). "5/5"
            // in a cluster of six is a tally of the members present: the
            // rate is over all members (3636, mục B.I.1), said at the cell.
            if let Some((of, at)) = l.of.as_ref().filter(|(of, _)| *of > members) {
                problems.push(
                    Problem::error(
                        "votes-of-other-count",
                        at.clone(),
                        format!(
                            "{} ({}): số phiếu ghi \"{}/{of}\", nhưng {} chỉ có {members} đơn vị thành viên, nên không thể có {of} phiếu; không xác định được số nào ghi sai, dòng này không được tính. Kiểm tra lại biên bản kiểm phiếu, sửa rồi chạy lại.",
                            name(&l.unit),
                            l.award,
                            l.votes,
                            c.name,
                        ),
                    )
                    .with_unit(&l.unit),
                );
                refused.push((l.award.clone(), at.clone()));
                continue;
            }
            if let Some((of, at)) = l.of.as_ref().filter(|(of, _)| *of != members) {
                problems.push(
                    Problem::warning(
                        "votes-of-other-count",
                        at.clone(),
                        format!(
                            "{} ({}): số phiếu ghi \"{}/{of}\", nhưng {} có {members} đơn vị thành viên; tỷ lệ được tính trên {members} đơn vị ({}/{members}), theo {}. Kiểm tra lại biên bản kiểm phiếu.",
                            name(&l.unit),
                            l.award,
                            l.votes,
                            c.name,
                            l.votes,
                            rules.file.votes.clause
                        ),
                    )
                    .with_unit(&l.unit),
                );
            }
            if l.votes > members {
                problems.push(
                    Problem::error(
                        "too-many-votes",
                        l.votes_at.clone(),
                        format!(
                            "{} ({}): {} phiếu đồng ý, nhiều hơn số đơn vị thành viên ({members}); dòng này không được tính, cần kiểm phiếu lại.",
                            name(&l.unit),
                            l.award,
                            l.votes
                        ),
                    )
                    .with_unit(&l.unit),
                );
                refused.push((l.award.clone(), l.votes_at.clone()));
                continue;
            }
            let Some(a) = rules.award_by_name(&l.award) else {
                problems.push(
                    Problem::error(
                        "unknown-award",
                        l.at.clone(),
                        format!(
                            "Hình thức \"{}\" không có trong quy tắc bình xét ({}); dòng này không được tính.",
                            l.award,
                            rules.file.awards.iter().map(|a| format!("\"{}\"", a.name)).collect::<Vec<_>>().join(", ")
                        ),
                    )
                    .with_unit(&l.unit),
                );
                refused.push((l.award.clone(), l.at.clone()));
                continue;
            };
            let dup = entry.iter().position(|x| x.unit == l.unit && rules.award_by_name(&x.award).is_some_and(|y| y.id == a.id));
            if let Some(i) = dup {
                if entry[i].votes != l.votes {
                    problems.push(
                        Problem::error(
                            "conflict",
                            l.at.clone(),
                            format!(
                                "{} ({}) có hai kết quả khác nhau: {} phiếu ({}) và {} phiếu; không dùng kết quả nào, cần kiểm tra lại.",
                                name(&l.unit),
                                a.name,
                                entry[i].votes,
                                entry[i].at,
                                l.votes
                            ),
                        )
                        .with_unit(&l.unit),
                    );
                    entry.remove(i);
                    refused.push((l.award.clone(), l.at.clone()));
                }
                continue;
            }
            entry.push(l);
        }
    }
    out
}

/// Not considered or deferred (3636, mục B.I.2, B.I.3), from the rules.
fn standing_of(rules: &AnnualRules, e: Option<&EligibilityRow>) -> Standing {
    let e = e?;
    // A yes/no cell that could not be read, or two columns for it that
    // disagree, leaves the unit's standing unknown: it is not assessed
    // rather than assumed clean (SPEC §13).
    if !e.unreadable.is_empty() {
        let cells: Vec<String> = e.unreadable.iter().map(|(col, at)| format!("cột \"{col}\" ({at})")).collect();
        return Some((
            DecisionKind::NotAssessable,
            format!("chưa xác định được điều kiện xét thi đua vì không đọc được chắc chắn {}", cells.join("; ")),
            "Hướng dẫn 3636/HD-BHXH, mục B.I.2, B.I.3".into(),
        ));
    }
    for kind in ["exclude", "defer"] {
        for x in rules.file.exclusions.iter().filter(|x| x.kind == kind) {
            if votes::flag(e, &x.field) == Some(x.when) {
                let k = if kind == "exclude" { DecisionKind::Excluded } else { DecisionKind::Deferred };
                let label = if kind == "exclude" { "không xét thi đua" } else { "chưa xét thi đua" };
                return Some((k, format!("{label} vì {}", x.text), x.clause.clone()));
            }
        }
    }
    None
}

/// What every step of the review reads: the rules, the registry, the
/// inputs, and where each meeting sheet and tally was placed.
struct Review<'a> {
    rules: &'a AnnualRules,
    reg: &'a Registry,
    period: Period,
    sheets: &'a AnnualSheets,
    figures: &'a BTreeMap<UnitId, UnitFigures>,
    last_year: &'a BTreeMap<UnitId, UnitFigures>,
    flagged: &'a BTreeSet<UnitId>,
    clusters: &'a [&'a Cluster],
    /// The cluster of each meeting sheet, in the order of the sheets.
    meeting_of: &'a [Option<String>],
    /// Tally lines and ballots cast, by cluster.
    lines: &'a BTreeMap<String, Tally<'a>>,
    /// The report indicators' measure keys and names (`measure_labels`).
    labels: &'a [[(String, String); 2]],
}

impl Review<'_> {
    fn name_of(&self, u: &str) -> String {
        self.reg.unit(u).map_or(u.to_string(), |x| x.name.clone())
    }

    /// Flags and certificates are voted at the year-end meeting only
    /// (3636, mục B.I.1).
    fn is_year(&self) -> bool {
        matches!(self.period, Period::Year { .. })
    }
}

/// What the review of the clusters adds up to, cluster after cluster.
#[derive(Default)]
struct Outcome {
    reviews: Vec<ClusterReview>,
    rankings: Vec<Ranking>,
    decisions: Vec<Decision>,
    units: Vec<UnitResult>,
    /// unit → (vote share for the capped award, score), for the cap's order.
    share_score: BTreeMap<UnitId, (Num, Option<Num>)>,
}

pub fn evaluate_annual(input: AnnualInput) -> Option<RunResult> {
    let prepared = prepare(input.rules, input.registry, input.sheets, None);
    evaluate_prepared(input, prepared?)
}

/// What the review takes from the year-end sheets alone, before any
/// indicator figure: where each meeting sheet and tally goes, the scope
/// and its clusters, and each cluster's part of the sheets. Made while the
/// figures are merged (`pipeline::annual`).
pub struct Prepared<'a> {
    meeting_of: Vec<Option<String>>,
    scope: Scope,
    clusters: Vec<&'a Cluster>,
    lines: BTreeMap<String, Tally<'a>>,
    parts: Vec<ClusterSheets<'a>>,
    /// What placing the meetings and the tallies found.
    problems: Vec<Problem>,
    /// Rows and sheets of another cluster than their workbook's, not used.
    strays: strays::Strays,
}

/// The review's preparation (see `Prepared`); `None` when the sheets name
/// no block or cluster and no scope is `chosen` (`--cluster`, which the
/// run then has whatever the sheets name).
pub fn prepare<'a>(rules: &AnnualRules, reg: &'a Registry, sheets: &'a AnnualSheets, chosen: Option<&Scope>) -> Option<Prepared<'a>> {
    let mut problems = Vec::new();
    let meeting_of = meeting_clusters(reg, sheets, &mut problems);
    let strays = strays::find(reg, sheets, &mut problems);
    let (scope, clusters) = match chosen {
        Some(s) => (s.clone(), super::scope::clusters_of(reg, s, None)),
        None => scope_of(reg, sheets, &meeting_of, &strays)?,
    };
    out_of_scope(reg, sheets, &meeting_of, &scope, &clusters, &strays, &mut problems);
    if scope == Scope::National {
        national_partly(reg, &clusters, &mut problems);
    }
    let lines = tallies(rules, reg, sheets, &mut problems);
    let parts = cut_by_cluster(sheets, &clusters, &strays);
    Some(Prepared { meeting_of, scope, clusters, lines, parts, problems, strays })
}

/// The review, with its preparation made from the same rules, registry and
/// sheets.
pub fn evaluate_prepared<'a>(input: AnnualInput<'a>, prepared: Prepared<'a>) -> Option<RunResult> {
    let AnnualInput { rules, registry: reg, period, sheets, figures, last_year, flagged, mut problems } = input;
    let Prepared { meeting_of, scope, clusters, lines, parts, problems: placed, strays } = prepared;
    // Every problem is sorted below: where these join changes nothing.
    problems.extend(placed);
    let labels = measure_labels(rules);
    let r = Review {
        rules,
        reg,
        period,
        sheets,
        figures,
        last_year,
        flagged,
        clusters: &clusters,
        meeting_of: &meeting_of,
        lines: &lines,
        labels: &labels,
    };
    // Each cluster is reviewed on its own (3636 part B is per Khối, Cụm),
    // so they run in parallel; the results are joined in the clusters'
    // order, as the serial loop gave them.
    let mut out = Outcome::default();
    let per_cluster: Vec<(Outcome, Vec<Problem>)> = clusters
        .par_iter()
        // One cluster per piece: clusters differ in size, and a long piece
        // started by one core is never shared (see `ingest::read_chunk`).
        .with_max_len(1)
        .zip(&parts)
        .map(|(c, mine)| {
            let (mut o, mut p) = (Outcome::default(), Vec::new());
            review_cluster(&r, c, mine, &mut o, &mut p);
            (o, p)
        })
        .collect();
    for (mut o, mut p) in per_cluster {
        out.reviews.append(&mut o.reviews);
        out.rankings.append(&mut o.rankings);
        out.decisions.append(&mut o.decisions);
        out.units.append(&mut o.units);
        // Extended, not appended: `append` merges the whole map again for
        // each of the 219 clusters of a national review.
        out.share_score.extend(o.share_score);
        problems.append(&mut p);
    }
    let quotas = apply_cap(&r, &scope, &mut out.decisions, &out.share_score);
    let individuals = list_individuals(&r, &scope, &strays.individuals, &mut problems);
    problems.sort();
    problems.dedup();
    Some(RunResult {
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        edition: Some(reg.edition().clone()),
        campaign: rules.file.campaign.id.clone(),
        campaign_name: rules.file.campaign.name.clone(),
        rules_document: rules.file.campaign.document.clone(),
        period,
        period_label: period.label_vi(),
        scope,
        units: out.units,
        rankings: out.rankings,
        decisions: out.decisions,
        quotas,
        individuals,
        problems,
        annual: out.reviews,
        nominations: vec![],
        registration: None,
    })
}

/// One cluster's review, in the order of 3636 part B: who stands, the
/// scores and the ranking, the vote, the meeting and next year's head and
/// deputy, the deadlines, and each member's result.
/// One cluster's part of the sheets read: its members' self-assessments
/// and eligibility rows, and the cross-scoring sheets that score any
/// member, each in the order read. Cut once for all clusters: a national
/// review otherwise walked every sheet of the country once per cluster.
#[derive(Default)]
pub struct ClusterSheets<'a> {
    self_scores: Vec<&'a SelfScoreSheet>,
    cross_scores: Vec<&'a CrossScoreSheet>,
    eligibility: Vec<&'a EligibilityRow>,
}

/// The sheets cut by cluster, in the clusters' order; a row of a unit
/// that is a member of several clusters goes to each of them. What
/// `strays` found is left out: a cross-scoring sheet does not go to the
/// cluster of a row found there (the review takes only its own members'
/// rows from a sheet).
fn cut_by_cluster<'a>(sheets: &'a AnnualSheets, clusters: &[&Cluster], strays: &strays::Strays) -> Vec<ClusterSheets<'a>> {
    let mut of_unit: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, c) in clusters.iter().enumerate() {
        for m in &c.members {
            let at = of_unit.entry(m.as_str()).or_default();
            if at.last() != Some(&i) {
                at.push(i);
            }
        }
    }
    let mut out: Vec<ClusterSheets> = clusters.iter().map(|_| ClusterSheets::default()).collect();
    let of = |u: &str| of_unit.get(u).map_or(&[][..], |v| v.as_slice());
    for s in strays.kept_self_scores(sheets) {
        for &i in of(&s.unit) {
            out[i].self_scores.push(s);
        }
    }
    for e in strays.kept_eligibility(sheets) {
        for &i in of(&e.unit) {
            out[i].eligibility.push(e);
        }
    }
    for (n, s) in sheets.cross_scores.iter().enumerate() {
        let kept = s.rows.iter().enumerate().filter(|(r, _)| !strays.cross_rows.contains(&(n, *r)));
        let mut hit: Vec<usize> = kept.flat_map(|(_, (u, _))| of(u)).copied().collect();
        hit.sort_unstable();
        hit.dedup();
        for i in hit {
            out[i].cross_scores.push(s);
        }
    }
    out
}

fn review_cluster(r: &Review, c: &Cluster, mine: &ClusterSheets, out: &mut Outcome, problems: &mut Vec<Problem>) {
    let members = &c.members;
    let (elig, conflicts) = eligibility_rows(r, mine, members, problems);
    let has_any_input = !elig.is_empty() || r.lines.contains_key(&c.id);
    let standing: BTreeMap<UnitId, Standing> = members
        .iter()
        .map(|m| {
            let s = match conflicts.get(m) {
                Some(why) => Some((DecisionKind::NotAssessable, why.clone(), "Hướng dẫn 3636/HD-BHXH, mục B.I.2, B.I.3".into())),
                None => standing_of(r.rules, elig.get(m).copied()),
            };
            (m.clone(), s)
        })
        .collect();
    let scored = scores::score(
        r.rules,
        r.reg,
        members,
        (&mine.self_scores, &r.sheets.refused_self),
        (&mine.cross_scores, &r.sheets.refused_cross),
        problems,
    );
    let (ties, entries) = rank_by_score(r, members, &standing, &scored);
    let rank_of: BTreeMap<UnitId, Option<u32>> =
        members.iter().map(|m| (m.clone(), entries.iter().find(|e| &e.unit == m).and_then(|e| e.rank))).collect();
    name_missing(r, c, mine, &elig, &scored, has_any_input, problems);
    let scores_out = score_table(r, members, &entries, &scored, &standing, &mut out.decisions);
    out.rankings.push(score_ranking(c, &ties, entries, &scores_out, &standing));

    let doubts = exceeded_contradicts(r, &elig, problems);
    let name_of = |u: &str| r.name_of(u);
    // Considered for the ranking (not "không xét", "chưa xét"), yet with no rank.
    let unscored: Vec<UnitId> = members
        .iter()
        .filter(|m| standing.get(*m).is_some_and(|s| s.is_none()) && rank_of.get(*m).is_some_and(|r| r.is_none()))
        .cloned()
        .collect();
    let cv = votes::ClusterVote {
        rules: r.rules,
        members: members.len() as u32,
        name_of: &name_of,
        standing: &standing,
        eligibility: &elig,
        rank: &rank_of,
        doubts: &doubts,
        flagged: r.flagged,
        unscored: &unscored,
    };
    let (vote_results, mut ds, notes, undetermined) = vote(r, c, &cv, has_any_input, problems);
    for v in &vote_results {
        if v.award == r.rules.file.cap.award {
            out.share_score.insert(v.unit.clone(), (v.share, scored.get(&v.unit).and_then(|s| s.total)));
        }
    }
    out.decisions.append(&mut ds);

    let meeting = meeting_for(r, c);
    roles_without_names(c, &meeting, problems);
    head_unknown(r, c, &meeting, problems);
    let next_year = next_officers(r, c, &meeting, problems);
    flag_not_leader(r, c, &vote_results, &rank_of, &meeting, problems);
    voted_not_proposed(r, c, &vote_results, &out.decisions, problems);
    let deadline_notes = deadlines(r, c, &meeting, problems);
    out.reviews.push(ClusterReview {
        cluster: c.id.clone(),
        name: c.name.clone(),
        members: members.clone(),
        scores: scores_out,
        votes: vote_results,
        meeting,
        next_year,
        deadline_notes,
        notes,
        ballots: r.lines.get(&c.id).and_then(|x| x.1),
        eligibility: members.iter().filter_map(|m| elig.get(m).map(|e| (*e).clone())).collect(),
        undetermined,
    });

    // Per-unit results: figures, rates, and the eligibility facts.
    for m in members {
        let Some(u) = r.reg.unit(m) else { continue };
        let facts = (elig.get(m).copied(), r.flagged.contains(m));
        out.units.push(unit_result(r.rules, r.labels, u, c, r.figures.get(m), r.last_year.get(m), facts));
    }
}

/// Each member's eligibility row. A second row that says otherwise cannot
/// be weighed against the first: an error at it, and the unit's conditions
/// are not known (returned with why), rather than the first row counting.
fn eligibility_rows<'a>(
    r: &Review<'a>,
    mine: &ClusterSheets<'a>,
    members: &[UnitId],
    problems: &mut Vec<Problem>,
) -> (BTreeMap<UnitId, &'a EligibilityRow>, BTreeMap<UnitId, String>) {
    let mut elig: BTreeMap<UnitId, &EligibilityRow> = BTreeMap::new();
    let mut conflicts: BTreeMap<UnitId, String> = BTreeMap::new();
    for &e in mine.eligibility.iter().filter(|e| members.contains(&e.unit)) {
        if let Some(first) = elig.get(&e.unit) {
            let same = |x: &EligibilityRow| {
                let f = |v: &crate::model::annual::Flag| v.as_ref().map(|v| v.0);
                (f(&x.covenant), f(&x.excellent_title), f(&x.exceeded_targets), f(&x.demoted), f(&x.serious_violation), f(&x.under_review))
            };
            if same(first) == same(e) && first.new_model == e.new_model {
                continue;
            }
            problems.push(
                Problem::error(
                    "duplicate-row",
                    e.at.clone(),
                    format!(
                        "{} có hai dòng điều kiện xét thi đua ghi khác nhau ({} và {}); không biết dòng nào đúng nên điều kiện xét thi đua của đơn vị chưa xác định được. Hãy giữ lại một dòng rồi gửi lại.",
                        r.name_of(&e.unit),
                        first.at,
                        e.at
                    ),
                )
                .with_unit(&e.unit),
            );
            conflicts.entry(e.unit.clone()).or_insert_with(|| {
                format!("chưa xác định được điều kiện xét thi đua vì có hai dòng điều kiện ghi khác nhau ({} và {})", first.at, e.at)
            });
            continue;
        }
        elig.insert(e.unit.clone(), e);
    }
    (elig, conflicts)
}

/// The ranking by total score of the members considered, with the rules'
/// tie-breakers; returns the tie-breaker keys and the entries.
fn rank_by_score(
    r: &Review,
    members: &[UnitId],
    standing: &BTreeMap<UnitId, Standing>,
    scored: &BTreeMap<UnitId, scores::Scored>,
) -> (Vec<Key>, Vec<RankEntry>) {
    let rules = r.rules;
    let ties: Vec<Key> = rules
        .file
        .scores
        .tie_breakers
        .iter()
        .map(|t| {
            let (name, percent) = scores::tie_name(t);
            Key { desc: true, name, percent, clause: rules.file.scores.tie_clause.clone() }
        })
        .collect();
    let primary = Key { desc: true, name: "tổng điểm".into(), percent: false, clause: rules.file.scores.clause.clone() };
    let items: Vec<Item> = members
        .iter()
        .filter(|m| standing[*m].is_none())
        .map(|m| Item {
            unit: m.clone(),
            name: r.name_of(m),
            value: scored.get(m).and_then(|s| s.total),
            tie_breakers: rules.file.scores.tie_breakers.iter().map(|t| scores::tie_value(t, scored.get(m), r.figures.get(m))).collect(),
        })
        .collect();
    let entries = rank::rank(items, &primary, &ties, &order);
    (ties, entries)
}

/// Names in Vietnamese order.
fn order(a: &str, b: &str) -> std::cmp::Ordering {
    crate::vn::collate::cmp(a, b)
}

/// Members that sent nothing of a kind the review needs are named, each
/// with what is missing (SPEC §13): the self-assessment when the cluster
/// scores by self-assessment, and the eligibility row. Members left without
/// a score for another reason are listed together.
fn name_missing(
    r: &Review,
    c: &Cluster,
    mine: &ClusterSheets,
    elig: &BTreeMap<UnitId, &EligibilityRow>,
    scored: &BTreeMap<UnitId, scores::Scored>,
    has_any_input: bool,
    problems: &mut Vec<Problem>,
) {
    let members = &c.members;
    let uses_self = mine.self_scores.iter().any(|s| members.contains(&s.unit))
        || !mine.cross_scores.iter().any(|s| s.rows.iter().any(|(u, _)| members.contains(u)));
    let mut explained: BTreeSet<&UnitId> = BTreeSet::new();
    if has_any_input || !scored.is_empty() {
        for m in members {
            let mut kinds = Vec::new();
            let mut why = Vec::new();
            let sent_self = mine.self_scores.iter().any(|s| &s.unit == m) || r.flagged.contains(m);
            if uses_self && !sent_self && scored.get(m).and_then(|s| s.total).is_none() {
                kinds.push("Bảng tự chấm điểm");
                why.push("chưa có điểm để xếp hạng");
            }
            if !elig.contains_key(m) {
                kinds.push("Điều kiện xét thi đua");
                why.push("không xác định được đơn vị có thuộc diện không xét, chưa xét hay đạt tiêu chuẩn Cờ thi đua hay không");
            }
            if kinds.is_empty() {
                continue;
            }
            if kinds.len() == 2 || scored.get(m).and_then(|s| s.total).is_none() {
                explained.insert(m);
            }
            problems.push(
                Problem::warning(
                    "missing-sheet",
                    Location::default(),
                    format!("{}: {} chưa gửi {}; {}.", c.name, r.name_of(m), kinds.join(" và "), why.join("; ")),
                )
                .with_unit(m.as_str()),
            );
        }
    }
    let unscored: Vec<String> =
        members.iter().filter(|m| scored.get(*m).and_then(|s| s.total).is_none() && !explained.contains(m)).map(|m| r.name_of(m)).collect();
    if !scored.is_empty() && !unscored.is_empty() {
        problems.push(Problem::warning(
            "missing-score",
            Location::default(),
            format!(
                "{}: chưa có điểm xác định được của {} đơn vị ({}); các đơn vị này không được xếp hạng (xem các lỗi của đơn vị).",
                c.name,
                unscored.len(),
                unscored.join("; ")
            ),
        ));
    }
}

/// The score table: the ranked members, then those not considered, who
/// stay in the table for information (SPEC §11) and get their decision.
fn score_table(
    r: &Review,
    members: &[UnitId],
    entries: &[RankEntry],
    scored: &BTreeMap<UnitId, scores::Scored>,
    standing: &BTreeMap<UnitId, Standing>,
    decisions: &mut Vec<Decision>,
) -> Vec<UnitScore> {
    let mut scores_out = Vec::new();
    for e in entries {
        let s = scored.get(&e.unit);
        scores_out.push(UnitScore {
            unit: e.unit.clone(),
            name: e.name.clone(),
            self_total: s.and_then(|s| s.self_total),
            total: e.value,
            cross: s.map(|s| s.cross.clone()).unwrap_or_default(),
            tie_breakers: e.tie_breakers.clone(),
            rank: e.rank,
            tied: e.tied,
            standing: None,
            note: [s.map(|s| s.note.clone()).unwrap_or_default(), e.note.clone().unwrap_or_default()]
                .into_iter()
                .filter(|x| !x.is_empty())
                .collect::<Vec<_>>()
                .join("; "),
        });
    }
    let mut out_of_race: Vec<&UnitId> = members.iter().filter(|m| standing[*m].is_some()).collect();
    out_of_race.sort_by(|a, b| order(&r.name_of(a), &r.name_of(b)));
    for m in out_of_race {
        let (k, why, clause) = standing[m].clone().unwrap();
        let s = scored.get(m);
        scores_out.push(UnitScore {
            unit: m.clone(),
            name: r.name_of(m),
            self_total: s.and_then(|s| s.self_total),
            total: s.and_then(|s| s.total),
            cross: s.map(|s| s.cross.clone()).unwrap_or_default(),
            tie_breakers: vec![],
            rank: None,
            tied: false,
            standing: Some(format!("{}: {why} ({clause})", k.label_vi())),
            note: s.map(|s| s.note.clone()).unwrap_or_default(),
        });
        decisions.push(Decision {
            unit: m.clone(),
            name: r.name_of(m),
            award: "xet_thi_dua".into(),
            award_name: "Bình xét thi đua năm".into(),
            kind: k,
            rank: None,
            reason: format!("{}: {why} ({clause}).", r.name_of(m)),
            clauses: vec![clause.clone()],
        });
    }
    scores_out
}

/// The cluster's ranking by total score, as the summary and the minutes
/// show it: the ranked members, then those not considered, kept for
/// information with their total and why they are not ranked (SPEC §11).
fn score_ranking(
    c: &Cluster,
    ties: &[Key],
    mut entries: Vec<RankEntry>,
    table: &[UnitScore],
    standing: &BTreeMap<UnitId, Standing>,
) -> Ranking {
    for s in table {
        let Some((kind, _, _)) = standing.get(&s.unit).and_then(|x| x.as_ref()) else { continue };
        entries.push(RankEntry {
            unit: s.unit.clone(),
            name: s.name.clone(),
            rank: None,
            value: s.total,
            tie_breakers: vec![],
            tied: false,
            note: s.standing.clone(),
            standing: Some(kind.label_vi().to_string()),
        });
    }
    Ranking {
        id: format!("diem-{}", c.id),
        title: format!("Xếp hạng theo tổng điểm — {}", c.name),
        scope: c.id.clone(),
        scope_name: c.name.clone(),
        measure: "tong_diem".into(),
        measure_name: "Tổng điểm".into(),
        percent: false,
        tie_breaker_names: ties.iter().map(|k| k.name.clone()).collect(),
        tie_breaker_percent: ties.iter().map(|k| k.percent).collect(),
        entries,
    }
}

/// The vote for each award (3636, mục B.I.1): at the year-end meeting only;
/// a tally sent for another period is not used.
fn vote(
    r: &Review,
    c: &Cluster,
    cv: &votes::ClusterVote,
    has_any_input: bool,
    problems: &mut Vec<Problem>,
) -> (Vec<VoteResult>, Vec<Decision>, Vec<String>, Vec<String>) {
    let no_lines = Vec::new();
    let cl = r.lines.get(&c.id).map(|x| &x.0).unwrap_or(&no_lines);
    let refused = r.lines.get(&c.id).map(|x| x.2.as_slice()).unwrap_or(&[]);
    let mut doubt = Vec::new();
    let (vote_results, ds, mut notes) = if r.is_year() && !refused.is_empty() {
        let (v, d, n, u) = incomplete_tally(r, c, cv, cl, refused, problems);
        doubt = u;
        (v, d, n)
    } else if r.is_year() {
        votes::decide(cv, cl)
    } else {
        if !cl.is_empty() {
            problems.push(Problem::warning(
                "vote-not-annual",
                Location::default(),
                format!("{}: bình chọn Cờ thi đua và Bằng khen chỉ thực hiện tại Hội nghị tổng kết năm (Hướng dẫn 3636/HD-BHXH, mục B.I.1); kết quả bỏ phiếu {} không được dùng.", c.name, r.period.label_vi()),
            ));
        }
        (vec![], vec![], vec![])
    };
    if r.is_year() && cl.is_empty() && refused.is_empty() && has_any_input {
        notes.push(format!("Không có kết quả bỏ phiếu của {}; chưa có đơn vị nào được bình chọn.", c.name));
        // Said among the problems too: a tally sheet whose headers were not
        // recognised leaves no vote, and so no proposal, for the cluster
        // (Hướng dẫn 3636/HD-BHXH, mục B.I.1: the flags and the Bằng khen are
        // voted at the year-end meeting).
        problems.push(Problem::warning(
            "no-votes",
            Location::default(),
            format!(
                "{}: không đọc được kết quả bỏ phiếu nào, nên chưa có đơn vị nào được bình chọn Cờ thi đua hay Bằng khen (Hướng dẫn 3636/HD-BHXH, mục B.I.1). Nếu hộp thư có trang kiểm phiếu, kiểm tra tiêu đề các cột: \"Đơn vị\", \"Hình thức đề nghị\" và \"Số phiếu đồng ý\" (hoặc \"Phiếu 1\", \"Phiếu 2\"…).",
                c.name
            ),
        ));
    }
    (vote_results, ds, notes, doubt)
}

/// A tally with rows not counted. A refused row is a candidate's votes
/// for the form it names (a date typed for "4/5", a name not found): who
/// has more than half of the members for that form, and who is first,
/// cannot be told (Hướng dẫn 3636/HD-BHXH, mục B.I.1: "có trên 50% số đơn
/// vị thành viên trong Khối, Cụm thi đua đồng ý"), nor for a form that
/// requires it (the Government flag, the BHXH flag's); a form not
/// recognised leaves every form in doubt. The votes read are shown as
/// read; nothing is decided for the forms in doubt, and the minutes and
/// the Tờ trình must not say that no unit was voted. Returns the results,
/// the decisions, the notes and the forms in doubt.
fn incomplete_tally(
    r: &Review,
    c: &Cluster,
    cv: &votes::ClusterVote,
    cl: &[&VoteLine],
    refused: &[(String, Location)],
    problems: &mut Vec<Problem>,
) -> (Vec<VoteResult>, Vec<Decision>, Vec<String>, Vec<String>) {
    let awards = &r.rules.file.awards;
    let mut doubt: Vec<String> = Vec::new();
    for (typed, _) in refused {
        match r.rules.award_by_name(typed) {
            Some(a) => doubt.push(a.id.clone()),
            None => doubt.extend(awards.iter().map(|a| a.id.clone())),
        }
    }
    // A form voted only for a unit voted another inherits its doubt.
    loop {
        let more: Vec<String> = awards
            .iter()
            .filter(|a| !doubt.contains(&a.id) && a.requires.as_ref().is_some_and(|q| doubt.contains(q)))
            .map(|a| a.id.clone())
            .collect();
        if more.is_empty() {
            break;
        }
        doubt.extend(more);
    }
    // In the rules' order.
    let doubt: Vec<String> = awards.iter().filter(|a| doubt.contains(&a.id)).map(|a| a.id.clone()).collect();
    let names: Vec<&str> = awards.iter().filter(|a| doubt.contains(&a.id)).map(|a| a.name.as_str()).collect();
    let (mut results, mut ds, mut notes) = votes::decide(cv, cl);
    // What the vote read says of a form in doubt ("không bầu được đơn vị
    // nào nhận Cờ thi đua của BHXH Việt Nam") is not known either.
    notes.retain(|n| !names.iter().any(|a| n.contains(a)));
    let first = &refused[0].1;
    // The cells of the first sheet with a row refused (a cluster may send
    // its tally in two sheets).
    let cells: Vec<String> = refused
        .iter()
        .map(|x| &x.1)
        .filter(|l| l.file == first.file && l.sheet == first.sheet)
        .take(6)
        .filter_map(|l| l.cell.as_ref().map(|c| c.to_string()))
        .collect();
    let what = format!(
        "kết quả bỏ phiếu của {} có {} dòng không được tính (tệp \"{}\", trang \"{}\", ô {}{})",
        c.name,
        refused.len(),
        first.file,
        first.sheet.as_ref().map(|s| s.to_string()).unwrap_or_default(),
        cells.join(", "),
        if refused.len() > cells.len() { ", …" } else { "" }
    );
    let why = format!("bảng {what}");
    let clause = r.rules.file.votes.clause.clone();
    for v in results.iter_mut().filter(|v| doubt.contains(&v.award)) {
        v.voted = false;
        v.reason = format!("Chưa xác định được: {why}.");
    }
    for d in ds.iter_mut().filter(|d| doubt.contains(&d.award)) {
        d.kind = DecisionKind::NotAssessable;
        d.rank = None;
        d.reason = format!(
            "Chưa xác định được kết quả bình chọn {}: {why}, nên chưa biết đơn vị nào có trên 50 % số đơn vị thành viên đồng ý ({clause}).",
            d.award_name
        );
        d.clauses = vec![clause.clone()];
    }
    // Reported at the first refused cell: the file and sheet are said by
    // the report's heading, so the message names the cells only (unless
    // rows of another sheet were refused too).
    let one_sheet = refused.iter().all(|x| x.1.file == first.file && x.1.sheet == first.sheet);
    let said = if one_sheet {
        format!(
            "kết quả bỏ phiếu của {} có {} dòng không được tính (ô {}{})",
            c.name,
            refused.len(),
            cells.join(", "),
            if refused.len() > cells.len() { ", …" } else { "" }
        )
    } else {
        what.clone()
    };
    problems.push(Problem::error(
        "tally-incomplete",
        first.clone(),
        format!(
            "Vì {said}, chưa xác định được đơn vị nào được bình chọn {}: biên bản ghi {}{}. Sửa các ô đó rồi chạy lại.",
            names.join(", "),
            if doubt.len() < awards.len() {
                "hình thức này là chưa xác định, và Tờ trình chỉ đề nghị các hình thức đã xác định"
            } else {
                "các hình thức này là chưa xác định, và Tờ trình chưa được lập"
            },
            // The 20 % cap counts the BHXH flags proposed (3636 B.III.2, B.III.5).
            if doubt.iter().any(|d| *d == r.rules.file.cap.of || *d == r.rules.file.cap.award) {
                "; hạn mức Cờ thi đua của Chính phủ của cấp trên cũng chưa tính phần của Khối, Cụm này"
            } else {
                ""
            }
        ),
    ));
    // The minutes are signed: the count of rows, not the files and cells
    // (bao-loi.txt gives those).
    notes.insert(
        0,
        format!(
            "Chưa xác định được kết quả bình chọn {} do kết quả kiểm phiếu có {} dòng ghi chưa hợp lệ.",
            names.join(", "),
            refused.len()
        ),
    );
    (results, ds, notes, doubt)
}

/// The chair or secretary written as a role only ("Đồng chí Giám đốc BHXH
/// thành phố Hà Nội, Cụm trưởng"): the minutes' signature slot has no name
/// to print and stays blank for the signer (SPEC §14: never a role in
/// place of a name); said, so that the name can be written in the sheet.
fn roles_without_names(c: &Cluster, meeting: &MeetingInfo, problems: &mut Vec<Problem>) {
    for (what, line) in [("Chủ trì", &meeting.chair), ("Thư ký", &meeting.secretary)] {
        let Some(line) = line.as_deref().filter(|l| !l.trim().is_empty() && !l.contains('…')) else { continue };
        if crate::vn::person::person_name(line).is_none() {
            problems.push(Problem::warning(
                "role-without-name",
                meeting.at.clone(),
                format!(
                    "{}: Thông tin hội nghị ghi {what} là \"{}\", không có họ tên; biên bản để trống họ tên ở chỗ ký. Ghi họ tên (ví dụ \"Ông Nguyễn Văn A, Giám đốc …\") nếu muốn in sẵn.",
                    c.name,
                    line.chars().take(80).collect::<String>()
                ),
            ));
        }
    }
}

/// This year's head is the unit whose place heads the date line of the
/// minutes and the Tờ trình (Nghị định 30/2020/NĐ-CP, Phụ lục I: "Địa danh
/// và thời gian ban hành văn bản"). When the meeting sheet names none
/// ("Cụm trưởng năm nay", or a chair who is "Cụm trưởng") and the registry
/// records no term for the year, the place is left "……": said, so the
/// officer can add the line rather than find the blank at signing.
fn head_unknown(r: &Review, c: &Cluster, meeting: &MeetingInfo, problems: &mut Vec<Problem>) {
    let year = r.period.year();
    if meeting.head.is_some() || meeting.at.file.is_empty() || r.reg.term(&c.id, year).is_some() {
        return;
    }
    let (head, line) = if c.kind == ClusterKind::Khoi {
        ("Khối trưởng", "Khối trưởng năm nay")
    } else {
        ("Cụm trưởng", "Cụm trưởng năm nay")
    };
    problems.push(Problem::warning(
        "head-unknown",
        meeting.at.clone(),
        format!(
            "{}: Thông tin hội nghị không ghi {head} năm {year}, danh sách đơn vị cũng không ghi; địa danh ở dòng ngày tháng của biên bản và tờ trình để trống \"……\". Ghi dòng \"{line}\" với tên đơn vị rồi chạy lại nếu muốn in sẵn.",
            c.name
        ),
    ));
}

/// The meeting: the sheet that names this cluster, or the only one.
fn meeting_for(r: &Review, c: &Cluster) -> MeetingInfo {
    let meetings = &r.sheets.meetings;
    meetings
        .iter()
        .zip(r.meeting_of)
        .find(|(_, mc)| mc.as_deref() == Some(c.id.as_str()))
        .map(|(m, _)| m)
        .or_else(|| {
            let placed = r.meeting_of.first().is_some_and(|m| m.is_some()) || meetings.first().is_some_and(|m| m.cluster.is_none());
            if r.clusters.len() == 1 && meetings.len() == 1 && placed {
                meetings.first()
            } else {
                None
            }
        })
        .cloned()
        .unwrap_or_else(|| MeetingInfo { cluster: Some(c.id.clone()), ..Default::default() })
}

/// Next year's head and deputy; when the minutes leave the names blank, the
/// suggestion is a hint for the officer.
fn next_officers(r: &Review, c: &Cluster, meeting: &MeetingInfo, problems: &mut Vec<Problem>) -> Leadership {
    // Next year's head and deputy are members, and two different ones
    // (Hướng dẫn 3636/HD-BHXH, mục A.I: "Thủ trưởng đơn vị thành viên trong
    // Cụm do các đơn vị trong Cụm bầu chọn, giới thiệu luân phiên"). One the
    // sheet names otherwise is an error at its cell, and the minutes leave
    // the post blank for the meeting rather than print it.
    let mut meeting = meeting.clone();
    let (head_title, deputy_title) = calendar::titles(c.kind);
    for (i, title) in [head_title, deputy_title].into_iter().enumerate() {
        let named = if i == 0 { &meeting.next_head } else { &meeting.next_deputy };
        let Some(u) = named.clone() else { continue };
        let why = if !c.members.contains(&u) {
            format!("không phải đơn vị thành viên của {}", c.name)
        } else if i == 1 && meeting.next_head.as_ref() == Some(&u) {
            format!("cũng là {head_title} năm sau")
        } else {
            continue;
        };
        problems.push(
            Problem::error(
                "next-head-outside",
                meeting.next_at[i].clone().unwrap_or_else(|| meeting.at.clone()),
                format!(
                    "{}: {title} năm sau ghi {}, {why}; {head_title}, {deputy_title} là Thủ trưởng đơn vị thành viên trong {} do các đơn vị bầu chọn, giới thiệu luân phiên (Hướng dẫn 3636/HD-BHXH, mục A.I). Biên bản để trống (……) để Hội nghị ghi; hãy sửa bảng thông tin hội nghị.",
                    c.name,
                    r.name_of(&u),
                    c.name
                ),
            )
            .with_unit(&u),
        );
        if i == 0 {
            meeting.next_head = None;
        } else {
            meeting.next_deputy = None;
        }
    }
    let meeting = &meeting;
    let next_year = calendar::next_year(r.rules, r.reg, c, r.period.year(), meeting);
    if next_year.suggested && r.is_year() {
        problems.push(Problem::warning(
            "next-head-missing",
            meeting.at.clone(),
            format!(
                "{}: thông tin hội nghị chưa ghi {} năm sau; biên bản để trống (……) cho Hội nghị bầu. {}",
                c.name,
                {
                    let (h, d) = calendar::titles(c.kind);
                    format!("{h}, {d}")
                },
                next_year.note
            ),
        ));
    }
    next_year
}

/// The tally's cell of a unit's votes for an award, where what follows
/// from those votes is said.
fn tally_at(r: &Review, c: &Cluster, unit: &str, award: &str) -> Option<Location> {
    let (lines, _, _) = r.lines.get(&c.id)?;
    lines.iter().find(|l| l.unit == unit && r.rules.award_by_name(&l.award).is_some_and(|a| a.id == award)).map(|l| l.at.clone())
}

/// An award the cluster voted that its standard does not allow (3636, mục
/// B.II: the vote is necessary, not sufficient): the Tờ trình leaves it out
/// and the minutes say "không đạt tiêu chuẩn", so the officer is told at the
/// tally's cell, with the reason, before the dossier is signed — a ballot is
/// never overruled without a word.
fn voted_not_proposed(r: &Review, c: &Cluster, vote_results: &[VoteResult], decisions: &[Decision], problems: &mut Vec<Problem>) {
    // More than half of the members agreed (3636, mục B.I.1), yet `voted`
    // is false: the standard, not the ballot, stopped it.
    for v in vote_results.iter().filter(|v| v.votes * 2 > v.members) {
        let Some(d) = decisions.iter().find(|d| d.unit == v.unit && d.award == v.award && d.kind == DecisionKind::NotQualified) else {
            continue;
        };
        problems.push(
            Problem::warning(
                "voted-not-qualified",
                tally_at(r, c, &v.unit, &v.award).unwrap_or_else(|| Location::file("")),
                format!(
                    "{}: {} được bình chọn {} với {}, nhưng chưa đạt tiêu chuẩn nên không được đề nghị trong Tờ trình. {} Nếu bảng điều kiện xét thi đua ghi thiếu hoặc sai, hãy sửa rồi chạy lại.",
                    c.name,
                    v.name,
                    v.award_name,
                    votes::share_text(v.votes, v.members),
                    d.reason.trim_start_matches(&format!("{}: ", v.name))
                ),
            )
            .with_unit(&v.unit),
        );
    }
}

/// The Government flag voted for a unit that is not first on points:
/// lawful (the vote decides, 3636 B.I.1) but the flag is for "tập thể tiêu
/// biểu, xuất sắc nhất" (B.II.2): worth a second look before signing. The
/// minutes and the Tờ trình say why.
fn flag_not_leader(
    r: &Review,
    c: &Cluster,
    vote_results: &[VoteResult],
    rank_of: &BTreeMap<UnitId, Option<u32>>,
    meeting: &MeetingInfo,
    problems: &mut Vec<Problem>,
) {
    for v in vote_results.iter().filter(|v| v.voted && v.award == r.rules.file.cap.award) {
        let rank = rank_of.get(&v.unit).copied().flatten();
        if rank.is_some_and(|k| k > 1) || rank.is_none() {
            let leaders: Vec<String> = rank_of.iter().filter(|(_, r)| **r == Some(1)).map(|(u, _)| r.name_of(u)).collect();
            problems.push(
                Problem::warning(
                    "flag-not-leader",
                    tally_at(r, c, &v.unit, &v.award).unwrap_or_else(|| meeting.at.clone()),
                    format!(
                        "{}: {} được bình chọn {} với {} nhưng {} về tổng điểm (đơn vị xếp thứ nhất: {}). Cờ thi đua của Chính phủ dành cho tập thể tiêu biểu, xuất sắc nhất (Hướng dẫn 3636/HD-BHXH, mục B.II.2); đề nghị kiểm tra lại kết quả bỏ phiếu trước khi ký (biên bản và tờ trình đã ghi rõ số phiếu).",
                        c.name,
                        v.name,
                        v.award_name,
                        votes::share_text(v.votes, v.members),
                        rank.map_or("chưa được xếp hạng".to_string(), |k| {
                            votes::place_words(k, rank_of.values().filter(|r| r.is_some()).count(), c.members.len(), false, votes::cluster_word(&c.name))
                        }),
                        if leaders.is_empty() { "……".to_string() } else { leaders.join("; ") }
                    ),
                )
                .with_unit(&v.unit),
            );
        }
    }
}

/// The meeting held after its deadline: a warning and a note for the minutes.
fn deadlines(r: &Review, c: &Cluster, meeting: &MeetingInfo, problems: &mut Vec<Problem>) -> Vec<String> {
    let mut deadline_notes = Vec::new();
    if let Some(n) = calendar::deadline_note(r.rules, c, &r.period, meeting.date) {
        problems.push(Problem::warning("late", meeting.date_at.clone().unwrap_or_else(|| meeting.at.clone()), format!("{}: {n}", c.name)));
        deadline_notes.push(n);
    }
    deadline_notes
}

/// "Hoàn thành vượt mức chỉ tiêu" marked, but the indicator sheet shows an
/// indicator under its plan: an error at the mark, and the mark is not
/// relied on for a flag's standard (Hướng dẫn 3636, mục B.II.1.a: "Hoàn
/// thành vượt mức các chỉ tiêu thi đua và nhiệm vụ được giao"), which stays
/// not known until the council checks. Returns what the figures show.
fn exceeded_contradicts(
    r: &Review,
    elig: &BTreeMap<UnitId, &EligibilityRow>,
    problems: &mut Vec<Problem>,
) -> BTreeMap<UnitId, Vec<(&'static str, String)>> {
    let mut doubts = BTreeMap::new();
    for (u, e) in elig {
        let Some((true, at)) = &e.exceeded_targets else { continue };
        let f = r.figures.get(u);
        let under: Vec<String> = r
            .rules
            .file
            .report_indicators
            .iter()
            .filter_map(|ri| {
                let rate = ratio(f, &ri.actual, &ri.plan)?;
                (rate < Num::int(1)).then(|| format!("{} đạt {} kế hoạch", ri.name, crate::vn::format::format_percent(&rate)))
            })
            .collect();
        if !under.is_empty() {
            let shown = format!("số liệu chỉ tiêu cho thấy {}", under.join("; "));
            problems.push(
                Problem::error(
                    "exceeded-contradicts",
                    at.clone(),
                    format!(
                        "{}: bảng điều kiện ghi \"Hoàn thành vượt mức chỉ tiêu\", nhưng {shown}; tiêu chuẩn Cờ thi đua \"hoàn thành vượt mức các chỉ tiêu thi đua và nhiệm vụ được giao\" chưa xác định được cho đến khi bảng điều kiện hoặc số liệu được kiểm tra, sửa và gửi lại (Hướng dẫn 3636/HD-BHXH, mục B.II.1.a).",
                        r.name_of(u),
                    ),
                )
                .with_unit(u.as_str()),
            );
            doubts.insert(u.clone(), vec![("exceeded_targets", shown)]);
        }
    }
    doubts
}

/// The 20 % cap: per province over its district clusters, then nationally;
/// a block or cluster only proposes, and the cap is applied above it.
fn apply_cap(
    r: &Review,
    scope: &Scope,
    decisions: &mut [Decision],
    share_score: &BTreeMap<UnitId, (Num, Option<Num>)>,
) -> Vec<QuotaReport> {
    let rules = r.rules;
    let reg = r.reg;
    let mut quotas: Vec<QuotaReport> = Vec::new();
    let cap_award = rules.file.cap.award.clone();
    let of_award = rules.file.cap.of.clone();
    let proposed = |ds: &[Decision], award: &str, filter: &dyn Fn(&str) -> bool| -> Vec<usize> {
        ds.iter()
            .enumerate()
            .filter(|(_, d)| d.award == award && d.kind == DecisionKind::Proposed && filter(&d.unit))
            .map(|(i, _)| i)
            .collect()
    };
    let provinces: BTreeSet<String> = match scope {
        Scope::Province { id, .. } => [id.clone()].into(),
        Scope::National => r.clusters.iter().filter(|c| c.kind == ClusterKind::CumHuyen).filter_map(|c| c.province.clone()).collect(),
        Scope::Cluster { .. } => BTreeSet::new(),
    };
    // Each province's pool and count, from one pass over the decisions (not
    // one per province): the cap of one province changes only its own
    // districts' decisions, so what the next province sees is the same.
    let mut by_province: FxHashMap<&str, (Vec<usize>, usize)> = provinces.iter().map(|p| (p.as_str(), Default::default())).collect();
    if !by_province.is_empty() {
        for (i, d) in decisions.iter().enumerate() {
            if d.kind != DecisionKind::Proposed || (d.award != cap_award && d.award != of_award) {
                continue;
            }
            let Some(p) = reg.unit(&d.unit).filter(|x| x.level == Level::District).and_then(|x| x.province.as_deref()) else { continue };
            let Some((pool, n)) = by_province.get_mut(p) else { continue };
            if d.award == cap_award {
                pool.push(i);
            }
            if d.award == of_award {
                *n += 1;
            }
        }
    }
    for p in &provinces {
        let (pool, n) = by_province.remove(p.as_str()).unwrap_or_default();
        let pname = r.name_of(p);
        quotas.push(cap::apply(rules, decisions, &pool, n, share_score, p, &pname, &rules.file.cap.province_clause));
    }
    if *scope == Scope::National {
        let all = |_: &str| true;
        let pool = proposed(decisions, &cap_award, &all);
        let n = proposed(decisions, &of_award, &all).len();
        quotas.push(cap::apply(rules, decisions, &pool, n, share_score, "toan-quoc", "toàn quốc", &rules.file.cap.national_clause));
    }
    if let Scope::Cluster { .. } = scope {
        // A block or cluster proposes; the cap is applied above it.
        let pool = proposed(decisions, &cap_award, &|_| true);
        if !pool.is_empty() {
            quotas.push(QuotaReport {
                award: cap_award.clone(),
                award_name: rules.award(&cap_award).map(|a| a.name.clone()).unwrap_or_default(),
                scope: scope.name_vi(),
                limit: pool.len() as u32,
                qualified: pool.len() as u32,
                proposed: pool.iter().map(|&i| decisions[i].unit.clone()).collect(),
                cut: vec![],
                tied_at_edge: vec![],
                clause: rules.file.cap.national_clause.clone(),
                applied: false,
                note: format!(
                    "Hạn mức {} % số đơn vị được đề nghị Cờ thi đua của BHXH Việt Nam do Hội đồng TĐKT tỉnh hoặc Hội đồng TĐKT ngành áp dụng ({}; {}).",
                    crate::vn::format::format_num(&rules.cap_share.checked_mul(Num::int(100)).unwrap_or(rules.cap_share), 0),
                    rules.file.cap.province_clause,
                    rules.file.cap.national_clause
                ),
                worded: String::new(),
            });
        }
    }
    quotas
}

/// Individuals: listed with their unit's proposal, for the council; one
/// outside the scope of the run is an error.
fn list_individuals(r: &Review, scope: &Scope, strays: &FxHashSet<usize>, problems: &mut Vec<Problem>) -> Vec<IndividualDecision> {
    let in_scope: BTreeSet<&str> = r.clusters.iter().flat_map(|c| c.members.iter().map(|m| m.as_str())).collect();
    let mut individuals: Vec<IndividualDecision> = Vec::new();
    for (n, i) in r.sheets.individuals.iter().enumerate() {
        // Of another cluster than its workbook's: an error already.
        if strays.contains(&n) {
            continue;
        }
        // A Bằng khen typed short ("Bằng khen của Tổng Giám đốc", "Bằng
        // khen TGĐ") is named as the rules file names it, as the
        // collectives' is: one form, one name in the documents.
        let award = match r.rules.award_by_name(&i.award) {
            Some(a) if crate::vn::text::ascii_fold(&a.name).starts_with("bang khen") => a.name.clone(),
            _ => i.award.clone(),
        };
        // One person listed twice (a row copied, or the name retyped with
        // the tone mark on the other vowel, "Thuý" / "Thúy", or in another
        // Unicode form) is one proposal: counted once, and said at both rows.
        let key = (crate::vn::text::fold(&i.full_name), crate::vn::text::fold(&award));
        if let Some(x) =
            individuals.iter().find(|x| x.unit == i.unit && (crate::vn::text::fold(&x.full_name), crate::vn::text::fold(&x.award)) == key)
        {
            let typed = if x.full_name == i.full_name {
                String::new()
            } else {
                format!(" (ghi \"{}\" và \"{}\": cùng một tên, chỉ khác cách gõ dấu)", x.full_name, i.full_name)
            };
            problems.push(
                Problem::warning(
                    "duplicate-person",
                    i.at.clone(),
                    format!(
                        "{}, {}: được đề nghị {} hai lần, ở {} và ở {}{typed}; chỉ tính một lần. Hãy xóa dòng trùng rồi gửi lại.",
                        x.full_name,
                        r.name_of(&i.unit),
                        award,
                        x.source,
                        i.at
                    ),
                )
                .with_unit(&i.unit),
            );
            continue;
        }
        if !in_scope.contains(i.unit.as_str()) {
            problems.push(
                Problem::error(
                    "out-of-scope",
                    i.at.clone(),
                    format!(
                        "{}: {}{} không thuộc phạm vi xét ({}); không tổng hợp.",
                        i.full_name,
                        r.name_of(&i.unit),
                        super::scope::belongs_to(r.reg, &i.unit),
                        scope.name_vi()
                    ),
                )
                .with_unit(&i.unit),
            );
            continue;
        }
        // A Giấy khen is given by the head of the unit (thủ trưởng đơn vị):
        // a district cluster's Tờ trình goes to its province's council,
        // whose director gives it; a provincial cluster's or a block's goes
        // to the sector's council, which does not.
        let giay_khen = crate::vn::text::ascii_fold(i.award.trim()).starts_with("giay khen");
        if giay_khen && r.reg.cluster_of(&i.unit).is_some_and(|c| c.kind != ClusterKind::CumHuyen) {
            problems.push(
                Problem::error(
                    "award-not-of-council",
                    i.award_at.clone(),
                    format!(
                        "{} ({}): hình thức đề nghị \"{}\" do thủ trưởng đơn vị tặng, không thuộc các hình thức Hội đồng Thi đua - Khen thưởng ngành xét, nên không đưa vào Tờ trình. Nếu đề nghị Bằng khen của Tổng Giám đốc hoặc Chiến sĩ thi đua ngành, sửa hình thức đề nghị rồi chạy lại.",
                        i.full_name,
                        r.name_of(&i.unit),
                        i.award.trim()
                    ),
                )
                .with_unit(&i.unit),
            );
            continue;
        }
        individuals.push(IndividualDecision {
            full_name: i.full_name.clone(),
            position: i.position.clone(),
            unit: i.unit.clone(),
            unit_name: r.name_of(&i.unit),
            reason: format!("{} đề nghị {} cho {}; tổng hợp trình cấp trên xét.", r.name_of(&i.unit), award, i.full_name),
            award,
            achievements: i.achievements.clone(),
            kind: DecisionKind::Candidate,
            source: i.at.clone(),
            brief: None,
        });
    }
    individuals
}

/// A rate of two figures, exact; `None` when a figure is missing or the
/// denominator is not positive.
pub fn ratio(f: Option<&UnitFigures>, num: &str, den: &str) -> Option<Num> {
    let f = f?;
    let d = *f.values.get(den)?;
    if !d.is_positive() {
        return None;
    }
    f.values.get(num)?.checked_div(d)
}

/// The key and name of each report indicator's two measures (against the
/// plan, against last year), the same for every unit: made once for the
/// review, not once per unit.
fn measure_labels(rules: &AnnualRules) -> Vec<[(String, String); 2]> {
    rules
        .file
        .report_indicators
        .iter()
        .map(|ri| {
            [
                (format!("{}/{}", ri.actual, ri.plan), format!("{}: tỷ lệ so với kế hoạch", ri.name)),
                (format!("{}/nam-truoc", ri.actual), format!("{}: so với năm trước", ri.name)),
            ]
        })
        .collect()
}

fn unit_result(
    rules: &AnnualRules,
    labels: &[[(String, String); 2]],
    u: &crate::model::Unit,
    c: &Cluster,
    figures: Option<&UnitFigures>,
    last: Option<&UnitFigures>,
    (e, flagged): (Option<&EligibilityRow>, bool),
) -> UnitResult {
    let mut measures = Vec::new();
    for (ri, [(plan_key, plan_name), (yoy_key, yoy_name)]) in rules.file.report_indicators.iter().zip(labels) {
        let plan = ratio(figures, &ri.actual, &ri.plan);
        measures.push(MeasureValue { key: plan_key.clone(), name: plan_name.clone(), value: plan, percent: true, note: None });
        // Year on year: last year's result when its sheet was read, else the
        // "same period last year" column.
        let yoy = match (figures.and_then(|f| f.values.get(ri.actual.as_str())), last.and_then(|l| l.values.get(ri.actual.as_str()))) {
            (Some(a), Some(b)) if b.is_positive() => a.checked_div(*b),
            _ => ratio(figures, &ri.actual, &ri.same_period),
        };
        measures.push(MeasureValue { key: yoy_key.clone(), name: yoy_name.clone(), value: yoy, percent: true, note: None });
    }
    let mut criteria = Vec::new();
    let mut fields: Vec<(&str, String, bool)> =
        rules.file.exclusions.iter().map(|x| (x.field.as_str(), x.clause.clone(), !x.when)).collect();
    if let Some(a) = rules.award(&rules.file.cap.of) {
        for f in &a.standard {
            fields.push((f.as_str(), a.clause.clone(), true));
        }
    }
    for (f, clause, good) in fields {
        let v = e.and_then(|e| votes::flag(e, f));
        let status = match v {
            Some(x) if x == good => Status::Met,
            Some(_) => Status::Missed,
            None => Status::NotAssessable,
        };
        let said = match v {
            Some(true) => "Có",
            Some(false) => "Không",
            None => "chưa ghi",
        };
        criteria.push(CriterionResult {
            id: f.into(),
            name: votes::field_label(f).into(),
            status,
            actual: None,
            bound: None,
            op: String::new(),
            percent: false,
            reason: format!("{}: {} — {said} ({clause}).", u.name, votes::field_label(f)),
            clause,
        });
    }
    UnitResult {
        unit: u.id.clone(),
        name: u.name.clone(),
        cluster: c.id.clone(),
        cluster_name: c.name.clone(),
        figures: figures.map(|f| f.values.clone()).unwrap_or_default(),
        measures,
        criteria,
        has_input_errors: flagged,
    }
}

#[cfg(test)]
mod tests;
