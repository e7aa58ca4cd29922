//! Award selection: who qualifies for each award, in what order, and who is
//! proposed under the quota (Công văn 1371 mục B.III, B.IV; SPEC §11).

use crate::award::rank::{rank, Item, Key};
use crate::model::{CriterionResult, Decision, DecisionKind, Num, QuotaReport, RankEntry, Status, UnitResult};
use crate::rules::{AwardDef, Rules, TieBreaker};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// Context of the selection.
pub struct Selection<'a> {
    pub rules: &'a Rules,
    pub period_label: String,
    /// "quarter" or "year".
    pub quota_key: &'a str,
    /// Whether quotas are applied here (national run) or only reported
    /// (a cluster proposing to the national review).
    pub apply_quotas: bool,
    pub scope_name: String,
    pub name_order: &'a dyn Fn(&str, &str) -> Ordering,
}

fn measure_of(u: &UnitResult, key: &str) -> Option<Num> {
    u.measures.iter().find(|m| m.key == key).and_then(|m| m.value)
}

fn strip_unit<'a>(reason: &'a str, name: &str) -> &'a str {
    reason.strip_prefix(name).and_then(|r| r.strip_prefix(": ")).unwrap_or(reason)
}

pub fn tie_keys(rules: &Rules, tbs: &[TieBreaker]) -> Vec<Key> {
    tbs.iter()
        .map(|t| {
            let m = rules.file.measures.iter().find(|m| m.key == t.measure);
            Key {
                desc: t.order != "asc",
                name: m.map(|m| lower(&m.name)).unwrap_or_else(|| t.measure.clone()),
                percent: m.is_some_and(|m| m.percent),
                clause: t.clause.clone(),
            }
        })
        .collect()
}

pub fn lower(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn primary_key(rules: &Rules, a: &AwardDef) -> Key {
    let m = rules.file.measures.iter().find(|m| m.key == a.rank_by);
    Key {
        desc: a.order != "asc",
        name: m.map(|m| lower(&m.name)).unwrap_or_else(|| a.rank_by.clone()),
        percent: m.is_some_and(|m| m.percent),
        clause: a.clause.clone(),
    }
}

fn show(v: Option<Num>, percent: bool) -> String {
    match v {
        Some(v) => super::evaluate::show_rate(&v, percent, None),
        None => "không có số liệu".into(),
    }
}

fn criteria_summary(crits: &[&CriterionResult], rules: &Rules) -> String {
    crits
        .iter()
        .map(|c| {
            let short = rules.file.criteria.iter().find(|d| d.id == c.id).map(|d| d.short.as_str()).unwrap_or(&c.id);
            let op = if c.op == ">=" { "≥" } else { "≤" };
            // The bound exactly as the criterion's own reason gives it
            // ("1,575 %", the target with its 5 % tolerance), and the rate
            // with as many places as it takes to tell it from the bound:
            // "1,26 % ≤ 1,58 %" had rounded a limit that a rate of 1,576 %
            // fails.
            let actual = match (c.actual, c.bound) {
                (Some(a), Some(b)) => super::evaluate::show_rate(&a, c.percent, Some(&b)),
                (a, _) => show(a, c.percent),
            };
            let bound = c.bound.map_or_else(|| show(None, c.percent), |b| super::evaluate::show_worked_out(&b, c.percent));
            format!("{short} {actual} {op} {bound}")
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Select every award of the level in order. `units` are all units of the
/// run; those of another level are ignored for an award. For each award:
/// who meets its criteria (1371 mục B.III), who steps aside for an award
/// already proposed, then the ranking under the quota (mục B.IV).
pub fn select(sel: &Selection, units: &[UnitResult], unit_level: &dyn Fn(&str) -> String) -> (Vec<Decision>, Vec<QuotaReport>) {
    let rules = sel.rules;
    let mut decisions = Vec::new();
    let mut quotas = Vec::new();
    // unit id → awards it has been proposed (or put forward) for.
    let mut taken: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for award in &rules.file.awards {
        let pk = primary_key(rules, award);
        let tks = tie_keys(rules, &award.tie_breakers);
        let qualified = qualify(sel, award, &pk, units, unit_level, &mut decisions);
        let eligible = step_aside(sel, award, &pk, &tks, &qualified, &taken, &mut decisions);
        quotas.push(fill_quota(sel, award, &pk, &tks, &eligible, &mut taken, &mut decisions));
    }
    (decisions, quotas)
}

/// The units of the award's level that meet every criterion it requires
/// and have the measure it ranks by; each other unit gets its decision
/// (not qualified, or not assessable) with the reason.
fn qualify<'u>(
    sel: &Selection,
    award: &AwardDef,
    pk: &Key,
    units: &'u [UnitResult],
    unit_level: &dyn Fn(&str) -> String,
    decisions: &mut Vec<Decision>,
) -> Vec<&'u UnitResult> {
    let mut qualified: Vec<&UnitResult> = Vec::new();
    for u in units.iter().filter(|u| unit_level(&u.unit) == award.level) {
        let req: Vec<&CriterionResult> = award.requires.iter().filter_map(|r| u.criteria.iter().find(|c| &c.id == r)).collect();
        let missed: Vec<&&CriterionResult> = req.iter().filter(|c| c.status == Status::Missed).collect();
        let na: Vec<&&CriterionResult> = req.iter().filter(|c| c.status == Status::NotAssessable).collect();
        let mk = |kind, reason: String| Decision {
            unit: u.unit.clone(),
            name: u.name.clone(),
            award: award.id.clone(),
            award_name: award.name.clone(),
            kind,
            rank: None,
            reason,
            clauses: vec![award.clause.clone()],
        };
        if !missed.is_empty() {
            let why: Vec<&str> = missed.iter().map(|c| strip_unit(&c.reason, &u.name)).collect();
            decisions.push(mk(
                DecisionKind::NotQualified,
                format!(
                    "{}: không đạt tiêu chí {} {}: {} (căn cứ {})",
                    u.name,
                    lower(&award.name),
                    sel.period_label,
                    why.join("; "),
                    award.clause
                ),
            ));
        } else if !na.is_empty() && u.figures.is_empty() {
            // Nothing was received from this unit: one sentence, not one per criterion.
            decisions.push(mk(
                DecisionKind::NotAssessable,
                format!(
                    "{}: không có số liệu {} trong các tệp đã nhận nên chưa xác định được việc đạt tiêu chí {}; không tính là đạt hay không đạt (căn cứ {})",
                    u.name,
                    sel.period_label,
                    lower(&award.name),
                    award.clause
                ),
            ));
        } else if !na.is_empty() {
            let mut why: Vec<&str> = na.iter().map(|c| strip_unit(&c.reason, &u.name)).collect();
            why.dedup();
            decisions.push(mk(
                DecisionKind::NotAssessable,
                format!("{}: chưa xác định được việc đạt tiêu chí {} {}: {}", u.name, lower(&award.name), sel.period_label, why.join("; ")),
            ));
        } else if measure_of(u, &award.rank_by).is_none() {
            decisions.push(mk(
                DecisionKind::NotAssessable,
                format!("{}: không xác định được {} để xếp hạng {}", u.name, pk.name, lower(&award.name)),
            ));
        } else {
            qualified.push(u);
        }
    }
    qualified
}

/// A unit as the ranking of `award` sees it.
fn to_item(award: &AwardDef, u: &UnitResult) -> Item {
    Item {
        unit: u.unit.clone(),
        name: u.name.clone(),
        value: measure_of(u, &award.rank_by),
        tie_breakers: award.tie_breakers.iter().map(|t| measure_of(u, &t.measure)).collect(),
    }
}

/// Units already put forward for a prior award listed in `not_with` step
/// aside; the next unit takes their place. Returns the units still in the
/// race, in the order of the ranking.
fn step_aside<'u>(
    sel: &Selection,
    award: &AwardDef,
    pk: &Key,
    tks: &[Key],
    qualified: &[&'u UnitResult],
    taken: &BTreeMap<String, Vec<String>>,
    decisions: &mut Vec<Decision>,
) -> Vec<&'u UnitResult> {
    let rules = sel.rules;
    let award_name = |id: &str| rules.file.awards.iter().find(|a| a.id == id).map(|a| a.name.clone()).unwrap_or_default();
    let all_ranked = rank(qualified.iter().map(|u| to_item(award, u)).collect(), pk, tks, sel.name_order);
    let mut eligible: Vec<&UnitResult> = Vec::new();
    for e in &all_ranked {
        let u = qualified.iter().find(|u| u.unit == e.unit).expect("ranked unit");
        let prior: Vec<&String> = taken.get(&u.unit).map(|v| v.iter().filter(|a| award.not_with.contains(a)).collect()).unwrap_or_default();
        if let Some(p) = prior.first() {
            decisions.push(Decision {
                unit: u.unit.clone(),
                name: u.name.clone(),
                award: award.id.clone(),
                award_name: award.name.clone(),
                kind: DecisionKind::TakenByOtherAward,
                rank: e.rank,
                reason: format!(
                    "{}: đủ tiêu chí {} (xếp thứ {} theo {}, {}) nhưng đã được đề nghị {} trong cùng kỳ; đơn vị kế tiếp được xét thay ({})",
                    u.name,
                    lower(&award.name),
                    e.rank.unwrap_or(0),
                    pk.name,
                    show(e.value, pk.percent),
                    lower(&award_name(p)),
                    award.not_with_clause.clone().unwrap_or_default()
                ),
                clauses: vec![award.clause.clone()],
            });
        } else {
            eligible.push(u);
        }
    }
    eligible
}

/// The ranking of the units in the race under the award's quota, group of
/// tied units by group: proposed, tied at the edge, or cut (or, where the
/// quota is applied above, candidates). Returns the quota's report.
fn fill_quota(
    sel: &Selection,
    award: &AwardDef,
    pk: &Key,
    tks: &[Key],
    eligible: &[&UnitResult],
    taken: &mut BTreeMap<String, Vec<String>>,
    decisions: &mut Vec<Decision>,
) -> QuotaReport {
    let rules = sel.rules;
    let limit = award.quota.get(sel.quota_key).copied().unwrap_or(u32::MAX);
    let ranked: Vec<RankEntry> = rank(eligible.iter().map(|u| to_item(award, u)).collect(), pk, tks, sel.name_order);
    let n = ranked.len();
    let req: Vec<String> = award.requires.clone();
    let summary = |u: &UnitResult| {
        let cs: Vec<&CriterionResult> = req.iter().filter_map(|r| u.criteria.iter().find(|c| &c.id == r)).collect();
        criteria_summary(&cs, rules)
    };
    let limit_text = format!("{limit:02}");
    let mut report = QuotaReport {
        award: award.id.clone(),
        award_name: award.name.clone(),
        scope: sel.scope_name.clone(),
        limit,
        qualified: n as u32,
        proposed: vec![],
        cut: vec![],
        tied_at_edge: vec![],
        clause: award.quota_clause.clone(),
        applied: sel.apply_quotas,
        note: String::new(),
        worded: String::new(),
    };
    let mut filled = 0usize;
    let mut holders: Vec<String> = Vec::new();
    for g in &rank_groups(&ranked) {
        let kind = if !sel.apply_quotas {
            DecisionKind::Candidate
        } else if filled + g.len() <= limit as usize {
            DecisionKind::Proposed
        } else if filled < limit as usize {
            DecisionKind::TiedAtQuota
        } else {
            DecisionKind::CutByQuota
        };
        for e in g {
            let u = eligible.iter().find(|u| u.unit == e.unit).expect("eligible unit");
            let r = e.rank.unwrap_or(0);
            let val = show(e.value, pk.percent);
            let others: Vec<&str> = g.iter().filter(|o| o.unit != e.unit).map(|o| o.name.as_str()).collect();
            let tie_note = e.note.clone().map(|n| format!("; {n}")).unwrap_or_default();
            let reason = match kind {
                DecisionKind::Proposed => format!(
                    "{}: đạt đủ tiêu chí {} {} ({}); xếp thứ {r}/{n} đơn vị đủ tiêu chí theo {} ({val}){tie_note}; trong hạn mức tối đa {limit_text} đơn vị ({}). Căn cứ {}",
                    u.name, lower(&award.name), sel.period_label, summary(u), pk.name, award.quota_clause, award.clause
                ),
                DecisionKind::Candidate => format!(
                    "{}: đạt đủ tiêu chí {} {} ({}); xếp thứ {r}/{n} đơn vị đủ tiêu chí trong {} theo {} ({val}){tie_note}; đề nghị BHXH Việt Nam xét chọn ở cấp toàn quốc, nơi áp dụng hạn mức tối đa {limit_text} đơn vị ({}). Căn cứ {}",
                    u.name, lower(&award.name), sel.period_label, summary(u), sel.scope_name, pk.name, award.quota_clause, award.clause
                ),
                DecisionKind::TiedAtQuota => format!(
                    "{}: đạt đủ tiêu chí {} {}; đồng hạng thứ {r} với {} theo {} ({val}) và mọi tiêu chí ưu tiên, tại giới hạn hạn mức tối đa {limit_text} đơn vị ({}); số đơn vị đồng hạng vượt hạn mức, đề nghị Hội đồng Thi đua - Khen thưởng xem xét, quyết định ({})",
                    u.name, lower(&award.name), sel.period_label, others.join(", "), pk.name, award.quota_clause,
                    rules.file.reading.unbroken_ties_clause.clone().unwrap_or_default()
                ),
                _ => format!(
                    "{}: đạt đủ tiêu chí {} {} nhưng xếp thứ {r}/{n} theo {} ({val}){tie_note}; hạn mức tối đa {limit_text} đơn vị ({}) đã dành cho {}",
                    u.name, lower(&award.name), sel.period_label, pk.name, award.quota_clause, holders.join(", ")
                ),
            };
            match kind {
                DecisionKind::Proposed | DecisionKind::Candidate => report.proposed.push(u.unit.clone()),
                DecisionKind::TiedAtQuota => report.tied_at_edge.push(u.unit.clone()),
                _ => report.cut.push(u.unit.clone()),
            }
            if matches!(kind, DecisionKind::Proposed | DecisionKind::Candidate | DecisionKind::TiedAtQuota) {
                taken.entry(u.unit.clone()).or_default().push(award.id.clone());
            }
            decisions.push(Decision {
                unit: u.unit.clone(),
                name: u.name.clone(),
                award: award.id.clone(),
                award_name: award.name.clone(),
                kind,
                rank: e.rank,
                reason,
                clauses: vec![award.clause.clone(), award.quota_clause.clone()],
            });
        }
        if matches!(kind, DecisionKind::Proposed | DecisionKind::TiedAtQuota) {
            let tied = if kind == DecisionKind::TiedAtQuota { "đồng hạng " } else { "" };
            for e in g {
                holders.push(format!("{} ({tied}thứ {}, {})", e.name, e.rank.unwrap_or(0), show(e.value, pk.percent)));
            }
        }
        filled += g.len();
    }
    report.note = quota_note(sel, &report, n, limit);
    report
}

/// Entries grouped by rank (a group of tied units shares one rank).
fn rank_groups(ranked: &[RankEntry]) -> Vec<Vec<&RankEntry>> {
    let mut groups: Vec<Vec<&RankEntry>> = Vec::new();
    for e in ranked {
        match groups.last_mut() {
            Some(g) if g[0].rank == e.rank => g.push(e),
            _ => groups.push(vec![e]),
        }
    }
    groups
}

/// The quota's line in the summary: proposed against the limit, ties at the
/// edge and units cut, or the limit left to the national review.
fn quota_note(sel: &Selection, report: &QuotaReport, n: usize, limit: u32) -> String {
    let limit_text = format!("{limit:02}");
    if !sel.apply_quotas {
        format!(
            "{} đơn vị đủ tiêu chí trong {}; hạn mức {limit_text} đơn vị do BHXH Việt Nam áp dụng khi xét toàn quốc.",
            n, sel.scope_name
        )
    } else if !report.tied_at_edge.is_empty() {
        format!(
            "Đề nghị {}/{limit_text}; {} đơn vị đồng hạng tại giới hạn, vượt hạn mức {} đơn vị: Hội đồng quyết định.",
            report.proposed.len(),
            report.tied_at_edge.len(),
            report.proposed.len() + report.tied_at_edge.len() - limit as usize
        )
    } else if !report.cut.is_empty() {
        format!("Đề nghị {}/{limit_text}; {} đơn vị đủ tiêu chí ngoài hạn mức.", report.proposed.len(), report.cut.len())
    } else {
        format!("Đề nghị {}/{limit_text}.", report.proposed.len())
    }
}
