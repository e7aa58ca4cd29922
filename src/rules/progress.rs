//! Progress on the covenant's quantitative targets, as the head reports it
//! (Hướng dẫn 3636, mục A.II.1.8 each quarter, mục A.II.3.2.a at six
//! months), measured with the formulas of Công văn 1371/BHXH-TĐKT:
//! collection against the year's plan (mục B.II.2.a), participants gained
//! against those the year asks for (mục B.II.1.a: "Số người tham gia phải
//! phát triển trong năm = Số người theo Kế hoạch giao trừ số người tham gia
//! tính đến 31/12" of last year), late payments against their target ratio
//! (mục B.II.3.a). A member is behind when it is under the share of the
//! year the campaign sets for the quarter (45 % at Quý II, 71,5 % at Quý
//! III …), or over its late-payment target. Nothing is computed from a
//! missing figure: the row says what is missing.

use crate::model::six_month::{Point, ProgressRow, TargetKind, TargetTable};
use crate::model::{Num, Period, UnitFigures, UnitId};
use crate::rules::Rules;
use std::collections::BTreeMap;

/// A target of the covenant: its indicator prefix in the rules file.
pub struct Target {
    pub key: &'static str,
    pub name: &'static str,
    pub unit: &'static str,
    pub kind: TargetKind,
}

/// The quantitative targets of Công văn 1371, in its order.
pub const TARGETS: [Target; 5] = [
    Target { key: "thu", name: "Thu BHXH, BHTN, BHYT", unit: "triệu đồng", kind: TargetKind::Amount },
    Target { key: "bhxh_bb", name: "Phát triển người tham gia BHXH bắt buộc", unit: "người", kind: TargetKind::Participants },
    Target { key: "bhxh_tn", name: "Phát triển người tham gia BHXH tự nguyện", unit: "người", kind: TargetKind::Participants },
    Target { key: "bhyt", name: "Phát triển người tham gia BHYT", unit: "người", kind: TargetKind::Participants },
    Target { key: "cham_dong", name: "Tỷ lệ số tiền chậm đóng trên số phải thu", unit: "%", kind: TargetKind::LateRatio },
];

/// What each member registered, by (unit, target key): for the year, in
/// the measure of the plan (an amount, or participants at 31/12), and for
/// the end of the quarter reported (Hướng dẫn 3636, mục A.II.3.1: members
/// "đăng ký thêm chỉ tiêu thi đua có định lượng hằng quý"; the six-month
/// review weighs "tiến độ … đã giao ước thi đua hằng quý", mục A.II.3.2.a).
/// Filled from the members' registrations when the inbox holds them.
pub type Registered = BTreeMap<(UnitId, String), RegisteredFigures>;

/// One member's registration of one target.
#[derive(Clone, Copy, Debug, Default)]
pub struct RegisteredFigures {
    pub year: Option<Num>,
    /// For the end of the quarter reported: a cumulative amount, a count
    /// of participants, or a late-payment ratio.
    pub quarter: Option<Num>,
}

/// The share of the year the campaign asks by the end of `period` (its
/// `[thresholds]`), with the clause. A six-month review uses Quý II's.
pub fn mark(rules: &Rules, period: &Period) -> (Option<Num>, String) {
    let key = match period {
        Period::Half { .. } => "Q2".to_string(),
        p => p.rules_key(),
    };
    match &rules.file.thresholds {
        Some(t) => (t.by_period.get(&key).and_then(|v| Num::parse_decimal(v)), t.clause.clone()),
        None => (None, String::new()),
    }
}

fn get(f: &UnitFigures, k: &str) -> Option<Num> {
    f.values.get(k).copied()
}

/// Where a member stands on a target, from one quarter's figures.
pub fn point(f: &UnitFigures, t: &Target) -> Point {
    let k = |s: &str| format!("{}.{s}", t.key);
    let mut p = Point::default();
    match t.kind {
        TargetKind::Amount => {
            p.cumulative = get(f, &k("luy_ke"));
            p.at = f.sources.get(k("luy_ke").as_str()).cloned();
            p.done = p.cumulative;
            p.plan = get(f, &k("ke_hoach"));
            p.rate = match (p.done, p.plan) {
                (Some(d), Some(pl)) if pl.is_positive() => d.checked_div(pl),
                (Some(_), Some(_)) => {
                    p.note = Some("kế hoạch năm bằng 0".into());
                    None
                }
                _ => None,
            };
            p.yoy = match (p.cumulative, get(f, &k("cung_ky"))) {
                (Some(c), Some(l)) if l.is_positive() => c.checked_div(l),
                _ => None,
            };
        }
        TargetKind::Participants => {
            p.cumulative = get(f, &k("luy_ke"));
            p.at = f.sources.get(k("luy_ke").as_str()).cloned();
            let start = get(f, &k("dau_nam"));
            p.done = match (p.cumulative, start) {
                (Some(c), Some(s)) => c.checked_sub(s),
                _ => None,
            };
            p.plan = match (get(f, &k("ke_hoach")), start) {
                (Some(pl), Some(s)) => pl.checked_sub(s),
                _ => None,
            };
            p.rate = match (p.done, p.plan) {
                (Some(d), Some(pl)) if pl.is_positive() => d.checked_div(pl),
                (Some(_), Some(_)) => {
                    p.note = Some("kế hoạch năm không lớn hơn số người đến 31/12 năm trước".into());
                    None
                }
                _ => None,
            };
            p.yoy = match (p.cumulative, get(f, &k("cung_ky"))) {
                (Some(c), Some(l)) if l.is_positive() => c.checked_div(l),
                _ => None,
            };
        }
        TargetKind::LateRatio => {
            p.at = f.sources.get(k("so_tien").as_str()).cloned();
            p.done = match (get(f, &k("so_tien")), get(f, &k("phai_thu"))) {
                (Some(a), Some(b)) if b.is_positive() => a.checked_div(b),
                _ => None,
            };
            p.plan = get(f, &k("chi_tieu"));
        }
    }
    if p.done.is_none() && p.note.is_none() {
        // A figure read and then refused (out of its plausible range, or a
        // cumulative below the quarter before) is not a missing one.
        let prefix = format!("{}.", t.key);
        let refused = f.sources.keys().any(|k| k.starts_with(&prefix) && !f.values.contains_key(k));
        p.note = Some(if refused { REFUSED.into() } else { "thiếu số liệu".into() });
    }
    p
}

/// The row's word for a figure read and not used (bao-loi.txt names it).
pub const REFUSED: &str = "số liệu có chỗ nhầm, không dùng";

/// Behind the mark (collection, participants) or over the late-payment
/// limit (the target, or what the campaign's criterion allows above it);
/// `None` when it cannot be said.
pub fn behind(p: &Point, kind: TargetKind, mark: Option<Num>, late_limit: Option<Num>) -> Option<bool> {
    match kind {
        TargetKind::LateRatio => Some(p.done? > late_limit.or(p.plan)?),
        _ => Some(p.rate? < mark?),
    }
}

/// The campaign's own limit on the late-payment ratio: the bound of its
/// criterion on that ratio ("cham_dong.chi_tieu * (1 + dung_sai)", Công văn
/// 1371, mục B.III.2.a: "không cao hơn quá 5% của tỷ lệ chỉ tiêu"), so that
/// the reports and the dossier never disagree on who is over it; with how
/// the limit is said ("chỉ tiêu cộng dung sai 5 % của chỉ tiêu (…)").
pub struct LateLimit {
    bound: crate::rules::expr::Expr,
    params: BTreeMap<String, Num>,
    pub said: String,
}

impl LateLimit {
    pub fn of(rules: &Rules) -> Option<LateLimit> {
        let c = rules.file.criteria.iter().find(|c| c.measure == "cham_dong.ty_le")?;
        let bound = crate::rules::expr::Expr::parse(&c.bound).ok()?;
        let mut vars = Vec::new();
        bound.vars(&mut vars);
        let allowances: Vec<String> = vars
            .iter()
            .filter_map(|v| rules.file.params.get(v).zip(rules.params.get(v)))
            .map(|(p, v)| format!("{} {} {}", p.name, crate::vn::format::format_percent_short(v), p.after).trim_end().to_string())
            .collect();
        if allowances.is_empty() {
            return None;
        }
        Some(LateLimit {
            bound, params: rules.params.clone(), said: format!("chỉ tiêu cộng {} ({})", allowances.join(", "), c.clause)
        })
    }

    /// The limit for a member's figures.
    pub fn for_figures(&self, f: &UnitFigures) -> Option<Num> {
        self.bound.eval(&|k| f.values.get(k).or_else(|| self.params.get(k)).copied()).ok()
    }
}

/// The tables of every target for `members`: `later` is the quarter
/// reported, `earlier` the quarter before it (when sent).
pub fn tables(
    members: &[(UnitId, String)],
    earlier: &BTreeMap<UnitId, UnitFigures>,
    later: &BTreeMap<UnitId, UnitFigures>,
    mark: Option<Num>,
    registered: Option<&Registered>,
    late: Option<&LateLimit>,
) -> Vec<TargetTable> {
    TARGETS
        .iter()
        .map(|t| {
            let rows = members
                .iter()
                .map(|(id, name)| {
                    let e = earlier.get(id).map(|f| point(f, t));
                    let l = later.get(id).map(|f| point(f, t));
                    let in_quarter = match (t.kind, &e, &l) {
                        (TargetKind::LateRatio, _, _) => None,
                        (kind, Some(e), Some(l)) => match (e.done, l.done) {
                            // An amount collected from the start of the year
                            // does not fall: one of the two is wrong, and
                            // the quarter is not guessed (`falling`).
                            (Some(a), Some(b)) if kind == TargetKind::Amount && b < a => None,
                            (Some(a), Some(b)) => b.checked_sub(a),
                            _ => None,
                        },
                        _ => None,
                    };
                    let figs = registered.and_then(|r| r.get(&(id.clone(), t.key.to_string()))).copied().unwrap_or_default();
                    let reg = figs.year;
                    // Against what the member registered for this quarter's
                    // end: the cumulative amount or count, or the ratio.
                    let behind_registered = match (t.kind, figs.quarter, l.as_ref()) {
                        (TargetKind::LateRatio, Some(q), Some(p)) => p.done.map(|d| d > q),
                        (_, Some(q), Some(p)) => p.cumulative.map(|c| c < q),
                        _ => None,
                    };
                    // A registration of participants is a count at 31/12:
                    // measured as growth, like the plan.
                    let reg_measure = match (t.kind, reg, later.get(id)) {
                        (TargetKind::Participants, Some(r), Some(f)) => {
                            get(f, &format!("{}.dau_nam", t.key)).and_then(|s| r.checked_sub(s))
                        }
                        (TargetKind::LateRatio, _, _) => None,
                        (_, r, _) => r,
                    };
                    let rate_registered = match (l.as_ref().and_then(|p| p.done), reg_measure) {
                        (Some(d), Some(r)) if r.is_positive() => d.checked_div(r),
                        _ => None,
                    };
                    let limit = late.zip(later.get(id)).and_then(|(x, f)| x.for_figures(f));
                    let behind = l.as_ref().and_then(|p| behind(p, t.kind, mark, limit));
                    ProgressRow {
                        unit: id.clone(),
                        name: name.clone(),
                        earlier: e,
                        later: l,
                        in_quarter,
                        registered: reg,
                        rate_registered,
                        registered_quarter: figs.quarter,
                        behind_registered,
                        behind,
                    }
                })
                .collect();
            TargetTable { key: t.key.into(), name: t.name.into(), unit: t.unit.into(), kind: t.kind, rows }
        })
        .collect()
}

/// Amounts collected from the start of the year that fell from one quarter
/// to the next (Quý II's cumulative below Quý I's): one of the two figures
/// is wrong, which cannot be told, so the quarter alone is left blank and
/// the member's later cell is named with both figures.
pub fn falling(p: &crate::model::six_month::ClusterProgress) -> Vec<crate::model::Problem> {
    let mut out = Vec::new();
    for t in p.tables.iter().filter(|t| t.kind == TargetKind::Amount) {
        for r in &t.rows {
            let (Some(e), Some(l)) = (r.earlier.as_ref(), r.later.as_ref()) else { continue };
            let (Some(a), Some(b)) = (e.cumulative, l.cumulative) else { continue };
            if b < a {
                out.push(fell(&r.unit, &r.name, &t.name, (&p.earlier_period, a, e.at.as_ref()), (&p.later_period, b, l.at.as_ref()), ""));
            }
        }
    }
    out
}

/// The quarterly campaign's amounts that fell from the previous quarter's
/// sheets: the same error, and the later cumulative is taken out of the
/// unit's figures, so that no criterion is decided on a figure that may be
/// the wrong one (the report's row then says the figure is not used).
pub fn drop_fallen(
    names: &dyn Fn(&str) -> String,
    earlier: (&Period, &std::collections::BTreeMap<String, UnitFigures>),
    later: (&Period, &mut std::collections::BTreeMap<String, UnitFigures>),
) -> Vec<crate::model::Problem> {
    let mut out = Vec::new();
    for (unit, f) in later.1.iter_mut() {
        let Some(before) = earlier.1.get(unit) else { continue };
        for t in TARGETS.iter().filter(|t| t.kind == TargetKind::Amount) {
            let k = format!("{}.luy_ke", t.key);
            let (Some(a), Some(b)) = (get(before, &k), get(f, &k)) else { continue };
            if b < a {
                let decided = " Các tiêu chí tính từ số này chưa xác định được, đơn vị chưa được xét theo các tiêu chí đó.";
                let at = (earlier.0, a, before.sources.get(k.as_str()));
                out.push(fell(unit, &names(unit), t.name, at, (later.0, b, f.sources.get(k.as_str())), decided));
                f.values.remove(k.as_str());
            }
        }
    }
    out
}

/// The error of a cumulative amount below the previous quarter's, at the
/// later cell, naming both figures.
fn fell(
    unit: &str,
    name: &str,
    target: &str,
    (earlier, a, at_a): (&Period, Num, Option<&crate::model::Location>),
    (later, b, at_b): (&Period, Num, Option<&crate::model::Location>),
    decided: &str,
) -> crate::model::Problem {
    let at = at_b.or(at_a).cloned().unwrap_or_default();
    let where_earlier = at_a.map(|x| format!(", {x}")).unwrap_or_default();
    crate::model::Problem::error(
        "cumulative-falls",
        at,
        format!(
            "{name}: {target} lũy kế {} ghi {}, nhỏ hơn lũy kế {} ({}{where_earlier}); số lũy kế từ đầu năm không thể giảm, nên một trong hai số ghi sai và kết quả riêng {} để trống, không tính số âm.{decided} Kiểm tra lại hai số này rồi gửi lại.",
            later.label_vi(),
            crate::vn::format::format_num(&b, 0),
            earlier.label_vi(),
            crate::vn::format::format_num(&a, 0),
            later.label_vi(),
        ),
    )
    .with_unit(unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figs(pairs: &[(&str, i64)]) -> UnitFigures {
        UnitFigures {
            unit: "ha-nam".into(),
            values: pairs.iter().map(|(k, v)| ((*k).into(), Num::int(*v))).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn quarter_is_the_difference_of_cumulatives_and_never_from_a_missing_quarter() {
        let m = vec![("ha-nam".to_string(), "BHXH tỉnh Hà Nam".to_string())];
        let q1: BTreeMap<_, _> = [(
            "ha-nam".to_string(),
            figs(&[("thu.ke_hoach", 1000), ("thu.luy_ke", 200), ("bhyt.ke_hoach", 1100), ("bhyt.dau_nam", 1000), ("bhyt.luy_ke", 1020)]),
        )]
        .into();
        let q2: BTreeMap<_, _> = [(
            "ha-nam".to_string(),
            figs(&[("thu.ke_hoach", 1000), ("thu.luy_ke", 440), ("bhyt.ke_hoach", 1100), ("bhyt.dau_nam", 1000), ("bhyt.luy_ke", 1044)]),
        )]
        .into();
        let t = tables(&m, &q1, &q2, Some(Num::frac(45, 100)), None, None);
        let thu = &t[0].rows[0];
        assert_eq!(thu.in_quarter, Some(Num::int(240)));
        assert_eq!(thu.later.as_ref().unwrap().rate, Some(Num::frac(44, 100)));
        assert_eq!(thu.behind, Some(true));
        let bhyt = &t[3].rows[0];
        // 44 gained of 100 to gain; 24 of them in Quý II.
        assert_eq!(bhyt.later.as_ref().unwrap().rate, Some(Num::frac(44, 100)));
        assert_eq!(bhyt.in_quarter, Some(Num::int(24)));
        let none = tables(&m, &BTreeMap::new(), &q2, None, None, None);
        assert_eq!(none[0].rows[0].in_quarter, None);
        assert_eq!(none[0].rows[0].behind, None);
    }
}
