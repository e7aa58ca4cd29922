//! Individuals proposed by a unit (SPEC §4 kind 5), capped per unit by the
//! award the unit received (Công văn 1371 mục B.IV.1.b, B.IV.2.b).

use crate::model::{Decision, DecisionKind, IndividualDecision, Level, Location, UnitId};
use crate::rules::Rules;
use std::collections::BTreeMap;

/// One person in a unit's list, in the unit's order of priority.
#[derive(Clone, Debug)]
pub struct Nominee {
    pub full_name: String,
    pub position: String,
    pub unit: UnitId,
    pub unit_name: String,
    pub unit_level: Level,
    pub achievements: String,
    pub source: Location,
}

pub fn decide(rules: &Rules, quota_key: &str, period_label: &str, nominees: &[Nominee], decisions: &[Decision]) -> Vec<IndividualDecision> {
    let mut used: BTreeMap<&str, u32> = BTreeMap::new();
    let mut out = Vec::new();
    for n in nominees {
        // The award the unit is put forward for, if any.
        let unit_award = decisions
            .iter()
            .find(|d| d.unit == n.unit && matches!(d.kind, DecisionKind::Proposed | DecisionKind::Candidate | DecisionKind::TiedAtQuota));
        let quota_award = match (n.unit_level, unit_award) {
            (Level::Central, _) => Some("central".to_string()),
            (_, Some(d)) => Some(d.award.clone()),
            _ => None,
        };
        let q = quota_award.as_ref().and_then(|a| rules.file.individual_quotas.iter().find(|q| &q.award == a));
        let (kind, award, reason) = match (unit_award, q) {
            (Some(d), Some(q)) => {
                let limit = q.per_unit.get(quota_key).copied().unwrap_or(0);
                let c = used.entry(n.unit.as_str()).or_insert(0);
                *c += 1;
                if *c <= limit {
                    (
                        if d.kind == DecisionKind::Proposed { DecisionKind::Proposed } else { DecisionKind::Candidate },
                        d.award_name.clone(),
                        format!(
                            "{} ({}): thứ {} trong danh sách của đơn vị, trong hạn mức tối đa {:02} cá nhân của đơn vị được đề nghị {} ({})",
                            n.full_name, n.unit_name, c, limit, lower(&d.award_name), q.clause
                        ),
                    )
                } else {
                    (
                        DecisionKind::CutByQuota,
                        d.award_name.clone(),
                        format!(
                            "{} ({}): thứ {} trong danh sách của đơn vị, vượt hạn mức tối đa {:02} cá nhân của đơn vị được đề nghị {} ({})",
                            n.full_name,
                            n.unit_name,
                            c,
                            limit,
                            lower(&d.award_name),
                            q.clause
                        ),
                    )
                }
            }
            _ => (
                DecisionKind::NotQualified,
                String::new(),
                format!(
                    "{} ({}): đơn vị không được đề nghị khen thưởng {} nên không đề nghị khen thưởng cá nhân theo phong trào ({})",
                    n.full_name,
                    n.unit_name,
                    period_label,
                    rules.file.individual_quotas.first().map(|q| q.clause.as_str()).unwrap_or("")
                ),
            ),
        };
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
        });
    }
    out
}

fn lower(s: &str) -> String {
    super::select::lower(s)
}
