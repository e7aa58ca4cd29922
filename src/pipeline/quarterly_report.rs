//! The head's quarterly report to BHXH Việt Nam (Hướng dẫn 3636, mục
//! A.II.1.8: "Cụm trưởng Cụm thi đua: Tổng hợp báo cáo kết quả thực hiện
//! các chỉ tiêu thi đua có định lượng hằng quý, gửi báo cáo BHXH Việt Nam
//! (Vụ TĐKT và các Vụ, Ban nghiệp vụ có liên quan) để theo dõi"), written by
//! a quarterly run over one block or cluster. The quarter's own result is
//! this quarter's cumulative figure minus the previous quarter's, taken
//! only from sheets whose titles name the previous quarter; without them
//! the report says so and shows the cumulative figures only.

use super::six_month::{progress_of, registered_of};
use super::Evaluated;
use crate::ingest::period::same_figures;
use crate::ingest::quarterly::merge;
use crate::model::six_month::ClusterProgress;
use crate::model::{Period, Scope};
use crate::rules::Rules;

/// The report's template.
pub const TEMPLATE: &str = "bao-cao-quy.docx";

/// The quarter before `p`, within its year.
pub fn previous(p: &Period) -> Option<Period> {
    match *p {
        Period::Quarter { year, q } if q > 1 => Some(Period::Quarter { year, q: q - 1 }),
        _ => None,
    }
}

/// The figures of the sheets whose titles name `p` (the previous quarter:
/// an untitled sheet is this quarter's, never the previous one's).
pub fn figures_named(
    sheets: &[crate::ingest::IndicatorSheet],
    p: &Period,
    rules: &Rules,
) -> std::collections::BTreeMap<crate::model::UnitId, crate::model::UnitFigures> {
    let named: Vec<_> = sheets.iter().filter(|s| s.period.as_ref().is_some_and(|(q, _)| same_figures(q, p))).cloned().collect();
    merge::merge(&named, p, rules).figures
}

/// The cluster's progress for the report, when the run covers one block or
/// cluster and a quarter.
pub fn progress(ev: &Evaluated, rules: &Rules) -> Option<ClusterProgress> {
    let Scope::Cluster { id, .. } = &ev.result.scope else { return None };
    let Period::Quarter { year, .. } = ev.period else { return None };
    // The run's edition (`--registry`): its clusters and their members.
    let reg = ev.registry;
    let c = reg.cluster(id)?;
    let sheets = &ev.inbox.indicator_sheets;
    let this: Vec<_> = sheets.iter().filter(|s| s.period.as_ref().is_none_or(|(p, _)| same_figures(p, &ev.period))).cloned().collect();
    let later = merge::merge(&this, &ev.period, rules).figures;
    let prev = previous(&ev.period);
    let earlier = prev.map(|pp| figures_named(sheets, &pp, rules)).unwrap_or_default();
    let earlier_period = prev.unwrap_or(Period::Quarter { year, q: 1 });
    let q = match ev.period {
        Period::Quarter { q, .. } => q,
        _ => 4,
    };
    let registered = registered_of(&ev.inbox, rules, reg, year, q, &[c], &mut Vec::new());
    let mut p = progress_of(reg, rules, c, ev.period, (earlier_period, &earlier), (ev.period, &later), registered.as_ref(), &ev.inbox);
    if prev.is_none() {
        // Quý I: the quarter's result is the cumulative one.
        for t in &mut p.tables {
            for r in &mut t.rows {
                if t.kind != crate::model::six_month::TargetKind::LateRatio {
                    r.in_quarter = r.later.as_ref().and_then(|l| l.done);
                }
            }
        }
        p.missing_earlier.clear();
    }
    // A figure the evaluation refused (its rate outside the plausible range,
    // a unit of measure or a column mistaken) is not reported either: the
    // row shows no figure and the member is not counted behind on it.
    for t in &mut p.tables {
        let Some(measure) = rules.file.criteria.iter().find(|c| c.id == t.key).map(|c| c.measure.as_str()) else { continue };
        for r in &mut t.rows {
            let refused = ev
                .result
                .units
                .iter()
                .find(|u| u.unit == r.unit)
                .and_then(|u| u.measures.iter().find(|m| m.key == measure))
                .is_some_and(|m| m.value.is_none() && r.later.as_ref().is_some_and(|l| l.done.is_some() || l.rate.is_some()));
            if refused {
                r.later = Some(crate::model::six_month::Point { note: Some(crate::rules::progress::REFUSED.into()), ..Default::default() });
                r.in_quarter = None;
                r.behind = None;
                r.rate_registered = None;
            }
        }
    }
    Some(p)
}

/// The previous quarter's sheets are read for the report, as the
/// secretariat keeps them beside the quarter's: not a problem of the
/// inputs (the report itself says which figures it used).
pub fn note_previous_quarter(ev: &mut Evaluated) {
    if !matches!(ev.result.scope, Scope::Cluster { .. }) {
        return;
    }
    let Some(pp) = previous(&ev.period) else { return };
    let prefix = format!("Tiêu đề ghi số liệu {},", pp.label_vi());
    ev.result.problems.retain(|p| !(p.code == "other-period" && p.message.starts_with(&prefix)));
    // An amount that fell from those sheets is said by the evaluation
    // (`rules::progress::drop_fallen`), which does not use it.
}
