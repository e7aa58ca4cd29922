//! Central units nominated for the campaign's collective award, and the
//! proposals from outside the sector (Công văn 1371/BHXH-TĐKT, mục B.III.1,
//! B.IV.1.a, B.IV.2.a, B.IV.2.c).
//!
//! A central unit is awarded for "thành tích xuất sắc trong công tác tham
//! mưu, chỉ đạo, đôn đốc, hướng dẫn, kiểm tra, giám sát … dẫn đầu PTTĐ về
//! công tác thu trong quý": a judgement, not a formula. The tool does not
//! rank them by figures. It takes the nominations as the proposing
//! department wrote them, checks each line, and applies the quota (02 a
//! quarter, 03 at year end): in the proposer's order of priority when the
//! sheet gives one; a tie at the edge, or an overflow without an order, is
//! put to the council, never decided by the tool.
//!
//! Proposals from outside the sector are listed as Ban Quản lý Thu - Sổ,
//! Thẻ proposed them, at year end, without a quota.

use crate::model::quarterly::{CentralRow, Nomination, OutsideRow};
use crate::model::{Decision, DecisionKind, Level, Location, Problem, QuotaReport};
use crate::rules::Rules;
use std::collections::BTreeMap;

/// What the run knows of the units nominated.
pub struct Context<'a> {
    pub rules: &'a Rules,
    pub period_label: &'a str,
    /// "quarter" or "year".
    pub quota_key: &'a str,
    /// Central units are weighed by BHXH Việt Nam over the whole country:
    /// a run over one cluster does not decide them.
    pub national: bool,
    pub scope_name: String,
    /// Name and level of a unit id.
    pub lookup: &'a dyn Fn(&str) -> Option<(String, Level)>,
}

/// Everything decided about the nominations.
#[derive(Default)]
pub struct Outcome {
    pub decisions: Vec<Decision>,
    pub quota: Option<QuotaReport>,
    pub nominations: Vec<Nomination>,
    pub problems: Vec<Problem>,
}

pub fn decide(ctx: &Context, central: &[CentralRow], outside: &[OutsideRow]) -> Outcome {
    let mut out = Outcome::default();
    let Some(nr) = ctx.rules.file.nominations.as_ref() else {
        for c in central {
            out.problems.push(Problem::warning(
                "nominations-unused",
                c.at.clone(),
                "Tệp quy tắc của phong trào này không quy định khen thưởng đơn vị theo đề cử; dòng đề cử không được dùng.",
            ));
        }
        return out;
    };
    decide_central(ctx, nr, central, &mut out);
    decide_outside(ctx, nr, outside, &mut out);
    out
}

/// Central units nominated: each line checked, the valid ones grouped by
/// the proposer's priority, then the quota applied group by group.
fn decide_central(ctx: &Context, nr: &crate::rules::NominationRules, rows: &[CentralRow], out: &mut Outcome) {
    if rows.is_empty() {
        return;
    }
    let valid = valid_nominations(ctx, nr, rows, out);
    let ordered = valid.iter().all(|(c, _)| c.priority.is_some());
    let groups = priority_groups(&valid, ordered);
    let report = fill_central_quota(ctx, nr, &groups, valid.len(), ordered, out);
    if let Some(report) = report {
        out.quota = Some(report);
    }
}

/// A central unit's nomination as the summary and the documents list it.
fn nomination(nr: &crate::rules::NominationRules, c: &CentralRow, name: &str, decision: DecisionKind, reason: String) -> Nomination {
    Nomination {
        kind: "don-vi-truc-thuoc".into(),
        unit: Some(c.unit.clone()),
        name: name.to_string(),
        position: String::new(),
        achievement: c.achievement.clone(),
        proposer: c.proposer.clone(),
        award_name: nr.central_award_name.clone(),
        decision,
        priority: c.priority,
        reason,
        source: c.at.clone(),
    }
}

fn quota_of(ctx: &Context, nr: &crate::rules::NominationRules) -> (u32, String) {
    let qdef = ctx.rules.file.quotas.iter().find(|q| q.id == nr.central_quota);
    let limit = qdef.and_then(|q| q.quota.get(ctx.quota_key)).copied().unwrap_or(u32::MAX);
    (limit, qdef.map(|q| q.clause.clone()).unwrap_or_default())
}

/// The valid nominations, in the order read, with the unit's name: a unit
/// that is not central, a run that is not national, a second line for the
/// same unit are refused with the reason; a line without achievement is
/// kept, with a warning.
fn valid_nominations<'r>(
    ctx: &Context,
    nr: &crate::rules::NominationRules,
    rows: &'r [CentralRow],
    out: &mut Outcome,
) -> Vec<(&'r CentralRow, String)> {
    let (_, quota_clause) = quota_of(ctx, nr);
    let mut seen: BTreeMap<&str, &Location> = BTreeMap::new();
    let mut valid: Vec<(&CentralRow, String)> = Vec::new();
    for c in rows {
        let (name, level) = (ctx.lookup)(&c.unit).unwrap_or_else(|| (c.unit.clone(), Level::Province));
        let refuse = |out: &mut Outcome, code: &str, msg: String, error: bool| {
            let p = if error { Problem::error(code, c.at.clone(), msg.clone()) } else { Problem::warning(code, c.at.clone(), msg.clone()) };
            out.problems.push(p.with_unit(&c.unit));
            out.nominations.push(nomination(nr, c, &name, DecisionKind::Excluded, msg));
        };
        if level != Level::Central {
            refuse(
                out,
                "not-central",
                format!(
                    "{name}: không phải đơn vị trực thuộc BHXH Việt Nam; danh sách đề cử này chỉ dành cho tập thể là đơn vị trực thuộc BHXH Việt Nam ({}). Dòng này không được tính.",
                    nr.central_clause
                ),
                true,
            );
            continue;
        }
        if !ctx.national {
            refuse(
                out,
                "out-of-scope",
                format!(
                    "{name}: đề cử khen thưởng đơn vị trực thuộc BHXH Việt Nam do BHXH Việt Nam xét chung (số lượng tối đa tính cho toàn Ngành, {quota_clause}); không thuộc phạm vi xét ({}). Dòng này không được tính.",
                    ctx.scope_name
                ),
                true,
            );
            continue;
        }
        if let Some(first) = seen.get(c.unit.as_str()) {
            refuse(
                out,
                "duplicate-nomination",
                format!("{name}: đã được đề cử ở {first}; chỉ tính một lần, dòng này không được tính thêm."),
                false,
            );
            continue;
        }
        seen.insert(&c.unit, &c.at);
        if c.achievement.trim().is_empty() {
            out.problems.push(
                Problem::warning(
                    "no-achievement",
                    c.at.clone(),
                    format!("{name}: không ghi tóm tắt thành tích; vẫn được xét theo đề cử, cần bổ sung thành tích trước khi trình."),
                )
                .with_unit(&c.unit),
            );
        }
        valid.push((c, name));
    }
    valid
}

/// Groups of equal priority, in order; without an order, one group.
fn priority_groups<'v, 'r>(valid: &'v [(&'r CentralRow, String)], ordered: bool) -> Vec<Vec<&'v (&'r CentralRow, String)>> {
    let mut groups: Vec<Vec<&(&CentralRow, String)>> = Vec::new();
    if ordered {
        let mut sorted: Vec<&(&CentralRow, String)> = valid.iter().collect();
        sorted.sort_by_key(|(c, _)| c.priority);
        for v in sorted {
            match groups.last_mut() {
                Some(g) if g[0].0.priority == v.0.priority => g.push(v),
                _ => groups.push(vec![v]),
            }
        }
    } else if !valid.is_empty() {
        groups.push(valid.iter().collect());
    }
    groups
}

/// The quota, group by group: proposed while the groups fit, a group across
/// the edge put to the council, the rest cut. Returns the quota's report
/// when there was a valid nomination.
fn fill_central_quota(
    ctx: &Context,
    nr: &crate::rules::NominationRules,
    groups: &[Vec<&(&CentralRow, String)>],
    n: usize,
    ordered: bool,
    out: &mut Outcome,
) -> Option<QuotaReport> {
    let (limit, quota_clause) = quota_of(ctx, nr);
    let award_lower = super::select::lower(&nr.central_award_name);
    let mut report = QuotaReport {
        award: nr.central_award.clone(),
        award_name: nr.central_award_name.clone(),
        scope: ctx.scope_name.clone(),
        limit,
        qualified: n as u32,
        proposed: vec![],
        cut: vec![],
        tied_at_edge: vec![],
        clause: quota_clause.clone(),
        applied: true,
        note: String::new(),
        worded: String::new(),
    };
    let mut filled = 0usize;
    let mut holders: Vec<String> = Vec::new();
    for g in groups {
        let kind = if filled + g.len() <= limit as usize {
            DecisionKind::Proposed
        } else if filled < limit as usize {
            DecisionKind::TiedAtQuota
        } else {
            DecisionKind::CutByQuota
        };
        for (c, name) in g.iter().map(|v| (v.0, &v.1)) {
            let by = if c.proposer.trim().is_empty() { String::new() } else { format!(" ({} đề xuất)", c.proposer.trim()) };
            let place = c.priority.map(|p| format!(", thứ tự đề xuất {p}")).unwrap_or_default();
            let others: Vec<&str> = g.iter().filter(|o| o.0.unit != c.unit).map(|o| o.1.as_str()).collect();
            let reason = match kind {
                DecisionKind::Proposed => format!(
                    "{name}: được đề cử {award_lower} {}{by}{place}; {n} đơn vị được đề cử, trong số lượng tối đa {limit:02} tập thể ({quota_clause}). Căn cứ {}",
                    ctx.period_label, nr.central_clause
                ),
                DecisionKind::TiedAtQuota if !ordered => format!(
                    "{name}: được đề cử {award_lower} {}{by}; {n} đơn vị được đề cử, vượt số lượng tối đa {limit:02} tập thể ({quota_clause}) {} đơn vị, danh sách không ghi thứ tự đề xuất: đề nghị Hội đồng Thi đua - Khen thưởng xem xét, lựa chọn",
                    ctx.period_label, n - limit as usize
                ),
                DecisionKind::TiedAtQuota => format!(
                    "{name}: được đề cử {award_lower} {}{by}{place}, cùng thứ tự với {} tại giới hạn số lượng tối đa {limit:02} tập thể ({quota_clause}); đề nghị Hội đồng Thi đua - Khen thưởng xem xét, quyết định",
                    ctx.period_label, others.join(", ")
                ),
                _ => format!(
                    "{name}: được đề cử {award_lower} {}{by}{place}; số lượng tối đa {limit:02} tập thể ({quota_clause}) đã dành cho {}",
                    ctx.period_label, holders.join(", ")
                ),
            };
            match kind {
                DecisionKind::Proposed => report.proposed.push(c.unit.clone()),
                DecisionKind::TiedAtQuota => report.tied_at_edge.push(c.unit.clone()),
                _ => report.cut.push(c.unit.clone()),
            }
            out.decisions.push(Decision {
                unit: c.unit.clone(),
                name: name.clone(),
                award: nr.central_award.clone(),
                award_name: nr.central_award_name.clone(),
                kind,
                rank: c.priority,
                reason: reason.clone(),
                clauses: vec![nr.central_clause.clone(), quota_clause.clone()],
            });
            out.nominations.push(nomination(nr, c, name, kind, reason));
        }
        if kind == DecisionKind::Proposed {
            holders.extend(g.iter().map(|v| match v.0.priority {
                Some(p) => format!("{} (thứ tự {p})", v.1),
                None => v.1.clone(),
            }));
        }
        filled += g.len();
    }
    if n == 0 {
        return None;
    }
    report.note = if !report.tied_at_edge.is_empty() {
        format!(
            "Đề cử {n}, số lượng tối đa {limit:02}; {} đơn vị {} vượt số lượng: Hội đồng quyết định.",
            report.tied_at_edge.len(),
            if ordered { "cùng thứ tự tại giới hạn," } else { "không có thứ tự đề xuất," }
        )
    } else if !report.cut.is_empty() {
        format!("Đề nghị {}/{limit:02}; {} đơn vị ngoài số lượng theo thứ tự đề xuất.", report.proposed.len(), report.cut.len())
    } else {
        format!("Đề nghị {}/{limit:02}.", report.proposed.len())
    };
    Some(report)
}

fn decide_outside(ctx: &Context, nr: &crate::rules::NominationRules, rows: &[OutsideRow], out: &mut Outcome) {
    let this_period = nr.outside_periods.iter().any(|p| p == ctx.quota_key);
    for o in rows {
        let proposer = if o.proposer.trim().is_empty() { nr.outside_proposer.clone() } else { o.proposer.trim().to_string() };
        let (decision, reason) = if !this_period {
            let msg = format!(
                "{}: khen thưởng tập thể, cá nhân ngoài Ngành được xét khi tổng kết phong trào ({}); không xét trong {}.",
                o.name, nr.outside_clause, ctx.period_label
            );
            out.problems.push(Problem::warning("outside-not-this-period", o.at.clone(), msg.clone()));
            (DecisionKind::Excluded, msg)
        } else if !ctx.national {
            let msg = format!(
                "{}: đề xuất khen thưởng ngoài Ngành do {} trình BHXH Việt Nam ({}); không thuộc phạm vi xét ({}).",
                o.name, nr.outside_proposer, nr.outside_clause, ctx.scope_name
            );
            out.problems.push(Problem::warning("out-of-scope", o.at.clone(), msg.clone()));
            (DecisionKind::Excluded, msg)
        } else {
            (
                DecisionKind::Proposed,
                format!(
                    "{}: {proposer} đề xuất khen thưởng ngoài Ngành {}; được liệt kê theo đề xuất, không áp dụng số lượng tối đa ({})",
                    o.name, ctx.period_label, nr.outside_clause
                ),
            )
        };
        out.nominations.push(Nomination {
            kind: "ngoai-nganh".into(),
            unit: None,
            name: o.name.clone(),
            position: o.position.clone(),
            achievement: o.achievement.clone(),
            proposer,
            award_name: if o.form.trim().is_empty() {
                nr.individual_forms.get("year").cloned().unwrap_or_default()
            } else {
                o.form.trim().to_string()
            },
            decision,
            priority: None,
            reason,
            source: o.at.clone(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(unit: &str, priority: Option<u32>, r: u32) -> CentralRow {
        CentralRow {
            unit: unit.into(),
            achievement: "Tham mưu".into(),
            proposer: "Ban Quản lý Thu, Sổ - Thẻ".into(),
            priority,
            at: Location::cell("de-cu.xlsx", "Sheet1", r, 1),
        }
    }

    fn run(rows: &[CentralRow], key: &str) -> Outcome {
        let rules = Rules::builtin("thu-2022").unwrap();
        let lookup = |id: &str| Some((id.to_uppercase(), if id.starts_with("tw.") { Level::Central } else { Level::Province }));
        let ctx = Context {
            rules: &rules,
            period_label: "Quý III/2022",
            quota_key: key,
            national: true,
            scope_name: "Toàn quốc".into(),
            lookup: &lookup,
        };
        decide(&ctx, rows, &[])
    }

    fn kinds(o: &Outcome) -> Vec<(String, DecisionKind)> {
        o.decisions.iter().map(|d| (d.unit.clone(), d.kind)).collect()
    }

    #[test]
    fn a_tie_at_the_edge_goes_to_the_council_and_the_rest_is_cut() {
        let o = run(&[row("tw.a", Some(1), 5), row("tw.b", Some(2), 6), row("tw.c", Some(2), 7), row("tw.d", Some(3), 8)], "quarter");
        assert_eq!(
            kinds(&o),
            [
                ("tw.a".into(), DecisionKind::Proposed),
                ("tw.b".into(), DecisionKind::TiedAtQuota),
                ("tw.c".into(), DecisionKind::TiedAtQuota),
                ("tw.d".into(), DecisionKind::CutByQuota)
            ]
        );
        let q = o.quota.unwrap();
        assert_eq!((q.limit, q.proposed.len(), q.tied_at_edge.len(), q.cut.len()), (2, 1, 2, 1));
        assert!(o.decisions[1].reason.contains("cùng thứ tự với TW.C"), "{}", o.decisions[1].reason);
    }

    #[test]
    fn year_end_allows_three_and_a_repeat_is_counted_once() {
        let o = run(&[row("tw.a", None, 5), row("tw.b", None, 6), row("tw.a", None, 7), row("tw.c", None, 8)], "year");
        assert!(kinds(&o).iter().all(|k| k.1 == DecisionKind::Proposed), "{:?}", kinds(&o));
        assert_eq!(o.decisions.len(), 3);
        assert!(o.problems.iter().any(|p| p.code == "duplicate-nomination" && p.location.cell.as_deref() == Some("B8")));
    }

    #[test]
    fn a_province_is_not_a_central_unit() {
        let o = run(&[row("ha-nam", Some(1), 5)], "quarter");
        assert!(o.decisions.is_empty());
        assert_eq!(o.nominations[0].decision, DecisionKind::Excluded);
        assert_eq!(o.problems[0].code, "not-central");
    }
}
