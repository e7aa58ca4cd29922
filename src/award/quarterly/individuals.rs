//! Individuals proposed by a unit (SPEC §4 kind 5; Công văn 1371/BHXH-TĐKT,
//! mục B.III.3, B.IV.1.b, B.IV.2.b): each line checked, then taken in the
//! order the unit listed them, under the quota of the award the unit
//! received in the period.
//!
//! - Only a unit put forward for an award in the period may propose
//!   individuals ("cá nhân thuộc đơn vị … được khen thưởng").
//! - The quota is per unit, not per award: a province put forward for two
//!   field awards still has one list of at most 03 (05 at year end); the
//!   largest quota of its awards applies.
//! - The unit ranks its own list: candidates are taken in its order, and
//!   those past its quota are shown with the arithmetic, never dropped.
//! - A person listed twice in a unit holds one slot; a unit outside the run,
//!   or a form the campaign does not give, is reported at its cell.

use crate::model::{Decision, DecisionKind, IndividualDecision, Level, Location, Problem, UnitId};
use crate::rules::Rules;
use crate::vn::text::ascii_fold;
use std::collections::BTreeMap;

/// One person in a unit's list, in the unit's order of priority.
#[derive(Clone, Debug)]
pub struct Nominee {
    pub full_name: String,
    pub position: String,
    pub unit: UnitId,
    pub unit_name: String,
    pub unit_level: Level,
    /// The form asked for, as written.
    pub requested: String,
    pub achievements: String,
    /// The cell of the name.
    pub source: Location,
    pub unit_at: Location,
    pub award_at: Location,
}

/// The run around the list.
pub struct Context<'a> {
    pub rules: &'a Rules,
    /// "quarter" or "year".
    pub quota_key: &'a str,
    pub period_label: &'a str,
    /// Every unit decision of the run (provinces and central units).
    pub decisions: &'a [Decision],
    /// Whether a unit is within the run's scope.
    pub in_scope: &'a dyn Fn(&str) -> bool,
    pub scope_name: String,
}

/// The official form when `written` names one the campaign gives.
fn campaign_form(rules: &Rules, quota_key: &str, written: &str) -> Option<String> {
    let nr = rules.file.nominations.as_ref()?;
    let official = nr.individual_forms.get(quota_key)?;
    let key = |s: &str| ascii_fold(s).replace(['.', ',', ';', '(', ')'], " ").split_whitespace().collect::<Vec<_>>().join(" ");
    let w = key(written);
    let ok = key(official) == w || nr.individual_form_aliases.iter().any(|a| key(a) == w);
    ok.then(|| official.clone())
}

fn lower(s: &str) -> String {
    super::select::lower(s)
}

/// Decide every line; returns the decisions, in the order read, and the
/// problems found at their cells.
pub fn decide(ctx: &Context, nominees: &[Nominee]) -> (Vec<IndividualDecision>, Vec<Problem>) {
    let rules = ctx.rules;
    let nr = rules.file.nominations.as_ref();
    let forms_clause = nr.map(|n| n.individual_forms_clause.clone()).unwrap_or_default();
    let period_clause = nr.and_then(|n| n.individual_quota_clauses.get(ctx.quota_key)).cloned();
    let quota_clause = period_clause.clone().or_else(|| rules.file.individual_quotas.first().map(|q| q.clause.clone())).unwrap_or_default();
    let official = nr.and_then(|n| n.individual_forms.get(ctx.quota_key)).cloned().unwrap_or_default();
    let mut problems = Vec::new();
    let mut out: Vec<IndividualDecision> = Vec::new();
    // (unit, folded name) → where first listed.
    let mut seen: BTreeMap<(String, String), Location> = BTreeMap::new();
    // unit → names holding its slots, in order.
    let mut holders: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for n in nominees {
        let mut push = |kind, award: String, reason: String, brief: Option<(String, String)>| {
            out.push(IndividualDecision {
                full_name: n.full_name.clone(),
                position: n.position.clone(),
                unit: n.unit.clone(),
                unit_name: n.unit_name.clone(),
                award,
                achievements: n.achievements.clone(),
                kind,
                reason,
                source: n.source.clone(),
                brief,
            })
        };
        let who = format!("{} ({})", n.full_name, n.unit_name);
        if !(ctx.in_scope)(&n.unit) {
            let msg = format!("{who}: đơn vị không thuộc phạm vi xét ({}); cá nhân này không được xét trong lần này.", ctx.scope_name);
            problems.push(Problem::error("out-of-scope", n.unit_at.clone(), msg.clone()).with_unit(&n.unit));
            push(DecisionKind::Excluded, String::new(), msg, None);
            continue;
        }
        let key = (n.unit.clone(), ascii_fold(&n.full_name).split_whitespace().collect::<Vec<_>>().join(" "));
        if let Some(first) = seen.get(&key) {
            let msg = format!("{who}: trùng với người đã ghi ở {first}; mỗi người chỉ được tính một lần, dòng này không được tính thêm.");
            problems.push(Problem::warning("duplicate-person", n.source.clone(), msg.clone()).with_unit(&n.unit));
            push(DecisionKind::Excluded, String::new(), msg, None);
            continue;
        }
        seen.insert(key, n.source.clone());
        let Some(form) = campaign_form(rules, ctx.quota_key, &n.requested) else {
            // The Tờ trình's annex says why the person is not put forward;
            // the instruction to mend and run again is for bao-loi alone.
            let reason = format!(
                "{who}: hình thức đề nghị \"{}\" không có trong phong trào; {} khen thưởng cá nhân bằng hình thức \"{official}\" ({forms_clause}). Cá nhân này chưa được xét.",
                n.requested.trim(),
                rules.short()
            );
            let msg = format!("{reason} Sửa hình thức đề nghị rồi chạy lại.");
            problems.push(Problem::error("bad-form", n.award_at.clone(), msg).with_unit(&n.unit));
            let brief = (
                format!("hình thức đề nghị \"{}\" không có trong phong trào", n.requested.trim()),
                format!("Phong trào khen thưởng cá nhân bằng hình thức \"{official}\" ({forms_clause})."),
            );
            push(DecisionKind::Deferred, String::new(), reason, Some(brief));
            continue;
        };
        // The awards the unit is put forward for in the period.
        let awarded: Vec<&Decision> = ctx
            .decisions
            .iter()
            .filter(|d| d.unit == n.unit && matches!(d.kind, DecisionKind::Proposed | DecisionKind::Candidate | DecisionKind::TiedAtQuota))
            .collect();
        // A unit with a criterion not determined (a figure missing or
        // refused) has no result yet: its people are not decided either,
        // rather than counted as of a unit not awarded.
        let open = ctx.decisions.iter().any(|d| d.unit == n.unit && d.kind == DecisionKind::NotAssessable);
        if awarded.is_empty() && open {
            let msg = format!(
                "{who}: kết quả khen thưởng {} của {} chưa xác định được (có tiêu chí thiếu hoặc sai số liệu, xem các lỗi của đơn vị) nên cá nhân của đơn vị chưa được xét ({quota_clause}).",
                ctx.period_label, n.unit_name
            );
            problems.push(Problem::warning("unit-not-decided", n.unit_at.clone(), msg.clone()).with_unit(&n.unit));
            let brief = (
                format!("kết quả khen thưởng {} của đơn vị chưa xác định được", ctx.period_label),
                "Đơn vị có tiêu chí chưa xác định được do thiếu số liệu hoặc số liệu chưa dùng được thì chưa xét khen thưởng cá nhân của đơn vị.".to_string(),
            );
            push(DecisionKind::NotAssessable, form, msg, Some(brief));
            continue;
        }
        if awarded.is_empty() {
            let msg = format!(
                "{who}: {} không được đề nghị khen thưởng {} nên không đề nghị khen thưởng cá nhân của đơn vị theo phong trào (chỉ lựa chọn cá nhân thuộc đơn vị được khen thưởng, {quota_clause}).",
                n.unit_name, ctx.period_label
            );
            problems.push(Problem::warning("unit-not-awarded", n.unit_at.clone(), msg.clone()).with_unit(&n.unit));
            let brief = (
                format!("đơn vị không được đề nghị khen thưởng {}", ctx.period_label),
                format!("Chỉ lựa chọn cá nhân thuộc đơn vị được khen thưởng ({quota_clause})."),
            );
            push(DecisionKind::NotQualified, form, msg, Some(brief));
            continue;
        }
        // The largest quota among its awards: per unit, not per award.
        let quota_of = |d: &Decision| {
            let by_award = rules.file.individual_quotas.iter().find(|q| q.award == d.award);
            let q = by_award.or_else(|| {
                (n.unit_level == Level::Central).then(|| rules.file.individual_quotas.iter().find(|q| q.award == "central")).flatten()
            });
            q.and_then(|q| q.per_unit.get(ctx.quota_key).map(|l| (*l, period_clause.clone().unwrap_or_else(|| q.clause.clone()))))
        };
        let best = awarded.iter().filter_map(|d| quota_of(d).map(|(l, c)| (l, c, *d))).max_by_key(|x| x.0);
        let Some((limit, clause, d)) = best else {
            let msg = format!(
                "{who}: {} được đề nghị {} nhưng tệp quy tắc không quy định số cá nhân được lựa chọn; cá nhân này chưa được xét.",
                n.unit_name,
                lower(&awarded[0].award_name)
            );
            problems.push(Problem::warning("no-individual-quota", n.unit_at.clone(), msg.clone()).with_unit(&n.unit));
            push(DecisionKind::NotAssessable, form, msg, None);
            continue;
        };
        let list = holders.entry(n.unit.clone()).or_default();
        let place = list.len() as u32 + 1;
        let what = if awarded.len() > 1 {
            format!(
                "được đề nghị {} hình thức khen thưởng tập thể (số lượng tính theo đơn vị, không cộng theo từng hình thức)",
                awarded.len()
            )
        } else {
            format!("được đề nghị {}", lower(&d.award_name))
        };
        if place <= limit {
            list.push(n.full_name.clone());
            let (kind, tail) = match d.kind {
                DecisionKind::Proposed => (DecisionKind::Proposed, String::new()),
                DecisionKind::TiedAtQuota => (
                    DecisionKind::Candidate,
                    "; đơn vị đang đồng hạng tại giới hạn số lượng, cá nhân được đề nghị nếu Hội đồng quyết định khen thưởng đơn vị"
                        .to_string(),
                ),
                _ => (DecisionKind::Candidate, "; được đề nghị cùng đơn vị lên cấp xét chung".to_string()),
            };
            push(
                kind,
                form,
                format!(
                    "{who}: thứ {place} trong danh sách của đơn vị; {} {what} nên được lựa chọn tối đa {limit:02} cá nhân ({clause}); trong số lượng{tail}",
                    n.unit_name
                ),
                None,
            );
        } else {
            push(
                DecisionKind::CutByQuota,
                form,
                format!(
                    "{who}: thứ {place} trong danh sách của đơn vị; {} {what} nên được lựa chọn tối đa {limit:02} cá nhân; {limit:02} suất đã dành cho {} theo thứ tự đơn vị sắp xếp trong danh sách; ngoài số lượng ({clause})",
                    n.unit_name,
                    list.join(", ")
                ),
                None,
            );
        }
    }
    (out, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_campaigns_form_is_accepted_as_units_write_it() {
        let r = Rules::builtin("thu-2022").unwrap();
        let official = "Bằng khen của Tổng Giám đốc BHXH Việt Nam";
        for w in ["Bằng khen", "bằng khen của Tổng giám đốc", "BẰNG KHEN TGĐ", "Bằng khen của Tổng Giám đốc BHXH Việt Nam.", official]
        {
            assert_eq!(campaign_form(&r, "quarter", w).as_deref(), Some(official), "{w}");
        }
        for w in ["Chiến sĩ thi đua ngành", "Giấy khen", "Cờ thi đua của BHXH Việt Nam", ""] {
            assert_eq!(campaign_form(&r, "quarter", w), None, "{w}");
        }
    }
}
