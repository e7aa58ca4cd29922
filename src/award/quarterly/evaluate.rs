//! Measures and criteria for one unit: computes every rate of the rules file
//! from the unit's figures and tests every criterion, each with a
//! Vietnamese reason that names the figure and the clause (SPEC §5).

use crate::model::{CriterionResult, MeasureValue, Name, Num, Period, Status, UnitFigures};
use crate::rules::expr::{Expr, Undefined};
use crate::rules::Rules;
use crate::vn::format::{format_figure, format_num, format_percent_short};
use crate::vn::text::lower_first;
use std::collections::BTreeMap;

/// Values a formula can refer to: the unit's figures, the rules' params and
/// the period's threshold `nguong`.
pub struct Env<'a> {
    pub figures: &'a crate::model::SortedMap<Name, Num>,
    pub params: &'a BTreeMap<String, Num>,
    pub threshold: Option<Num>,
}

impl Env<'_> {
    pub fn get(&self, name: &str) -> Option<Num> {
        if name == "nguong" {
            return self.threshold;
        }
        self.figures.get(name).or_else(|| self.params.get(name)).copied()
    }
}

/// Show a rate with two decimals, or with more when two decimals would make
/// it look equal to the bound it is compared with (44,996 % against 45 % is
/// shown as "44,996 %", not "45,00 %"). Comparisons themselves are exact.
pub fn show_rate(v: &Num, percent: bool, against: Option<&Num>) -> String {
    let scale = if percent { Num::int(100) } else { Num::int(1) };
    let shown = v.checked_mul(scale).unwrap_or(*v);
    let mut places = 2;
    if let Some(b) = against {
        let b = b.checked_mul(scale).unwrap_or(*b);
        while places < 8 && shown != b && shown.round_scaled(places) == b.round_scaled(places) {
            places += 1;
        }
    }
    let s = format_num(&shown, places);
    if percent {
        format!("{s} %")
    } else {
        s
    }
}

/// A bound shown without superfluous zeros when it is a round threshold
/// (71,5 %), with two decimals otherwise.
fn show_bound(v: &Num, percent: bool) -> String {
    if percent {
        let p = v.checked_mul(Num::int(10000)).unwrap_or(*v);
        if p.0.is_integer() {
            return format_percent_short(v);
        }
        show_rate(v, true, None)
    } else {
        format_figure(v)
    }
}

/// A bound worked out from a unit's figures: two decimals, or as many more
/// (up to four) as it takes to show it exactly (1,83 % × 1,05 = 1,9215 %),
/// so that a rate beside it is never shown equal to it and judged over.
pub(super) fn show_worked_out(v: &Num, percent: bool) -> String {
    let shown = if percent { v.checked_mul(Num::int(100)).unwrap_or(*v) } else { *v };
    let exact_at = |p: u32| shown.checked_mul(Num::int(10i64.pow(p))).is_some_and(|x| x.0.is_integer());
    let places = (2..=4).find(|&p| exact_at(p)).unwrap_or(4);
    let s = format_num(&shown, places);
    if percent {
        format!("{s} %")
    } else {
        s
    }
}

/// Human name of an indicator or measure key, from the rules file.
pub fn key_name(rules: &Rules, key: &str) -> String {
    if let Some(i) = rules.file.indicators.iter().find(|i| i.key == key) {
        return i.name.clone();
    }
    if let Some(m) = rules.file.measures.iter().find(|m| m.key == key) {
        return m.name.clone();
    }
    if let Some(p) = rules.file.params.get(key) {
        return p.name.clone();
    }
    if key == "nguong" {
        return "ngưỡng của kỳ".into();
    }
    key.to_string()
}

/// Write a formula with names instead of keys: "(BHXH tự nguyện: kế hoạch năm − …)".
fn describe(rules: &Rules, e: &Expr) -> String {
    match e {
        Expr::Lit(n) => format_figure(n),
        Expr::Var(v) => key_name(rules, v),
        Expr::Neg(x) => format!("−{}", describe(rules, x)),
        Expr::Bin(a, op, b) => {
            let o = match op {
                '+' => "+",
                '-' => "−",
                '*' => "×",
                _ => "÷",
            };
            format!("({} {o} {})", describe(rules, a), describe(rules, b))
        }
    }
}

fn undefined_reason(rules: &Rules, u: &Undefined) -> String {
    match u {
        // Left blank, refused at its cell or given differently in two
        // places: no figure that can be used, whichever it was (bao-loi
        // says which at the cell).
        Undefined::Missing(k) => format!("chưa có số liệu \"{}\" dùng được", key_name(rules, k)),
        Undefined::NonPositiveDenominator(den, v) => {
            let den_desc =
                Expr::parse(den.trim_start_matches('(').trim_end_matches(')')).map(|e| describe(rules, &e)).unwrap_or_else(|_| den.clone());
            format!("mẫu số {den_desc} bằng {}, không lớn hơn 0", format_figure(v))
        }
        Undefined::Overflow => "số liệu quá lớn, không tính được".into(),
    }
}

/// Why a computed value is not plausible (SPEC §13), or `None` when it is.
fn outside_range(def: &crate::rules::MeasureDef, v: &Num) -> Option<String> {
    let [lo, hi] = def.range?;
    let (lo, hi) = (Num::from_f64(lo)?, Num::from_f64(hi)?);
    if *v >= lo && *v <= hi {
        return None;
    }
    let show = |x: &Num| if def.percent { show_rate(x, true, None) } else { format_figure(x) };
    let bound = |x: &Num| if def.percent { format_percent_short(x) } else { format_figure(x) };
    let why = def.range_reason.as_deref().map(|r| format!(" ({r})")).unwrap_or_default();
    Some(format!(
        "tính được {}, nằm ngoài khoảng hợp lý từ {} đến {}{why}, nên số liệu dùng để tính có chỗ nhầm",
        show(v),
        bound(&lo),
        bound(&hi)
    ))
}

/// Errors at the cells behind each measure of a unit whose value is not
/// plausible (SPEC §13): the cells are named, the measure is not assessed.
pub fn implausible_measures(rules: &Rules, unit: &str, unit_name: &str, figures: &UnitFigures) -> Vec<crate::model::Problem> {
    implausible(rules, unit, unit_name, figures).into_iter().map(|(p, _)| p).collect()
}

/// Each unit's figures behind a measure out of its plausible range are
/// taken out (the error names them at their cells), for a review that
/// reports the figures themselves rather than deciding criteria on them
/// (the six-month review): nothing is reported, or counted behind, on a
/// figure that is likely typed in another unit of measure.
pub fn drop_implausible(
    rules: &Rules,
    names: &dyn Fn(&str) -> String,
    figures: &mut std::collections::BTreeMap<String, UnitFigures>,
) -> Vec<crate::model::Problem> {
    let mut out = Vec::new();
    for (unit, f) in figures.iter_mut() {
        for (p, vars) in implausible(rules, unit, &names(unit), f) {
            for k in vars {
                f.values.remove(k.as_str());
            }
            out.push(p);
        }
    }
    out
}

/// The measures out of their plausible range, each with its error and the
/// figures it is computed from.
fn implausible(rules: &Rules, unit: &str, unit_name: &str, figures: &UnitFigures) -> Vec<(crate::model::Problem, Vec<String>)> {
    let env = Env { figures: &figures.values, params: &rules.params, threshold: None };
    let mut out = Vec::new();
    for (def, expr) in &rules.measures {
        let mut vars = Vec::new();
        expr.vars(&mut vars);
        if vars.iter().any(|v| v == "nguong") {
            continue;
        }
        let Ok(v) = expr.eval(&|k| env.get(k)) else { continue };
        let Some(why) = outside_range(def, &v) else { continue };
        let cells: Vec<String> = vars
            .iter()
            .filter_map(|k| {
                let at = figures.sources.get(k.as_str())?;
                let val = figures.values.get(k.as_str())?;
                let pct = rules.file.indicators.iter().any(|i| &i.key == k && i.percent);
                let shown = if pct { format_percent_short(val) } else { format_figure(val) };
                Some(format!("ô {} \"{}\" = {shown}", at.cell.as_deref().unwrap_or("?"), key_name(rules, k)))
            })
            .collect();
        let at = vars.iter().find_map(|k| figures.sources.get(k.as_str())).cloned().unwrap_or_default();
        let problem = crate::model::Problem::error(
                "implausible",
                at,
                format!(
                    "{unit_name}: {} {why}: {}. Chỉ số này không xác định được, đơn vị không được xét theo chỉ số này; hãy kiểm tra lại các ô trên và gửi lại.",
                    lower_first(&def.name),
                    cells.join("; ")
                ),
            )
            .with_unit(unit);
        out.push((problem, vars));
    }
    out
}

/// Compute every measure of the rules file for one unit.
///
/// A measure out of its plausible range shows that one of its figures is
/// wrong, and which one cannot be told: every other measure computed from
/// any of those figures is not known either (SPEC §13). A late-payment
/// ratio of 0,10 % from a count typed "33,273" must not go on to give a
/// growth of −319 % and a unit "not qualified" on it.
pub fn measures(rules: &Rules, figures: &UnitFigures, threshold: Option<Num>) -> Vec<MeasureValue> {
    let env = Env { figures: &figures.values, params: &rules.params, threshold };
    let vars_of = |expr: &Expr| {
        let mut vars = Vec::new();
        expr.vars(&mut vars);
        vars
    };
    let raw: Vec<(Result<Num, Undefined>, Option<String>)> = rules
        .measures
        .iter()
        .map(|(def, expr)| {
            let r = expr.eval(&|k| env.get(k));
            let out = r.as_ref().ok().and_then(|v| outside_range(def, v));
            (r, out)
        })
        .collect();
    // The figures behind an implausible measure, and that measure's name.
    let mut suspect: Vec<(String, &str)> = Vec::new();
    for ((def, expr), (_, out)) in rules.measures.iter().zip(&raw) {
        if out.is_some() {
            let figures = vars_of(expr).into_iter().filter(|k| figures.values.contains_key(k.as_str()));
            suspect.extend(figures.map(|k| (k, def.name.as_str())));
        }
    }
    rules
        .measures
        .iter()
        .zip(raw)
        .map(|((def, expr), (r, out))| {
            let doubtful = || {
                if suspect.is_empty() {
                    return None;
                }
                let vars = vars_of(expr);
                suspect.iter().find(|(k, by)| *by != def.name.as_str() && vars.contains(k))
            };
            let (value, note) = match (r, out) {
                (Ok(_), Some(why)) => (None, Some(why)),
                (Ok(v), None) => match doubtful() {
                    Some((k, by)) => (
                        None,
                        Some(format!(
                            "không tính vì số liệu \"{}\" dùng để tính có chỗ nhầm ({} nằm ngoài khoảng hợp lý)",
                            key_name(rules, k),
                            lower_first(by)
                        )),
                    ),
                    None => (Some(v), None),
                },
                // A figure read at a cell but not used (its error is in
                // bao-loi.txt) is not a figure missing.
                (Err(Undefined::Missing(k)), _) if figures.sources.contains_key(k.as_str()) => {
                    (None, Some(format!("số liệu \"{}\" có chỗ nhầm nên không dùng", key_name(rules, &k))))
                }
                (Err(u), _) => (None, Some(undefined_reason(rules, &u))),
            };
            MeasureValue { key: def.key.clone(), name: def.name.clone(), value, percent: def.percent, note }
        })
        .collect()
}

/// Test every criterion for one unit.
pub fn criteria(
    rules: &Rules,
    unit_name: &str,
    period: &Period,
    figures: &UnitFigures,
    measures: &[MeasureValue],
    threshold: Option<Num>,
) -> Vec<CriterionResult> {
    let env = Env { figures: &figures.values, params: &rules.params, threshold };
    let period_label = period.label_vi();
    rules
        .file
        .criteria
        .iter()
        .map(|c| {
            let m = measures.iter().find(|m| m.key == c.measure).expect("criterion measure checked at load");
            let bound_expr = &rules.bounds[&c.id];
            let bound = bound_expr.eval(&|k| env.get(k));
            let what = lower_first(&m.name);
            let (status, reason, bound_v) = match (&m.value, &bound) {
                (None, _) => (
                    Status::NotAssessable,
                    format!(
                        "{unit_name}: không xác định được {what} {period_label} vì {}; không tính là đạt hay không đạt ({})",
                        m.note.clone().unwrap_or_default(),
                        c.clause
                    ),
                    bound.as_ref().ok().copied(),
                ),
                (Some(_), Err(u)) => (
                    Status::NotAssessable,
                    format!(
                        "{unit_name}: không xác định được {} để so sánh {what} {period_label} vì {}; không tính là đạt hay không đạt ({})",
                        c.bound_name,
                        undefined_reason(rules, u),
                        c.clause
                    ),
                    None,
                ),
                (Some(v), Ok(b)) => {
                    let met = if c.op == ">=" { v >= b } else { v <= b };
                    let shown = show_rate(v, m.percent, Some(b));
                    let extra = bound_detail(rules, c.bound.as_str(), &env, m.percent);
                    // A bound worked out from the unit's own figures (the
                    // late-payment target plus its tolerance) is shown as
                    // the rates beside it are, "2,10 %", not as a
                    // regulation's threshold ("71,5 %").
                    let bshown = if extra.is_empty() { show_bound(b, m.percent) } else { show_worked_out(b, m.percent) };
                    let cmp = match (c.op.as_str(), met, v == b) {
                        (_, true, true) => format!("bằng {} {bshown}{extra}, đạt", c.bound_name),
                        (">=", true, false) => format!("vượt {} {bshown}{extra}", c.bound_name),
                        (">=", false, _) => format!("dưới {} {bshown}{extra}", c.bound_name),
                        (_, true, false) => format!("trong {} {bshown}{extra}", c.bound_name),
                        (_, false, _) => format!("vượt {} {bshown}{extra}", c.bound_name),
                    };
                    (
                        if met { Status::Met } else { Status::Missed },
                        format!("{unit_name}: {what} {period_label} đạt {shown}, {cmp} ({})", c.clause),
                        Some(*b),
                    )
                }
            };
            CriterionResult {
                id: c.id.clone(),
                name: c.name.clone(),
                status,
                actual: m.value,
                bound: bound_v,
                op: c.op.clone(),
                percent: m.percent,
                reason,
                clause: c.clause.clone(),
            }
        })
        .collect()
}

/// For a bound computed from a unit's figure (the late-payment target),
/// show how: " (chỉ tiêu 2,00 % × (1 + 5 %))".
fn bound_detail(rules: &Rules, bound_src: &str, env: &Env, percent: bool) -> String {
    let Ok(e) = Expr::parse(bound_src) else { return String::new() };
    let mut vars = Vec::new();
    e.vars(&mut vars);
    let figure_vars: Vec<&String> = vars.iter().filter(|v| env.figures.contains_key(v.as_str())).collect();
    if figure_vars.is_empty() {
        return String::new();
    }
    let mut parts = Vec::new();
    for v in figure_vars {
        if let Some(x) = env.get(v) {
            let is_pct = rules.file.indicators.iter().any(|i| &i.key == v && i.percent);
            let shown = if is_pct || percent { show_rate(&x, true, None) } else { format_figure(&x) };
            parts.push(format!("{} {shown}", lower_first(&key_name(rules, v))));
        }
    }
    for (k, v) in &rules.params {
        if vars.contains(k) {
            let p = rules.file.params.get(k);
            let name = p.map_or(k.as_str(), |p| p.name.as_str());
            let after = p.map_or("", |p| p.after.as_str());
            let shown = format_percent_short(v);
            parts.push(if after.is_empty() { format!("{name} {shown}") } else { format!("{name} {shown} {after}") });
        }
    }
    format!(" ({})", parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn shows_enough_decimals_near_bound() {
        assert_eq!(show_rate(&Num::frac(44996, 100000), true, Some(&Num::frac(45, 100))), "44,996 %");
        assert_eq!(show_rate(&Num::frac(682, 1000), true, Some(&Num::frac(715, 1000))), "68,20 %");
        assert_eq!(show_rate(&Num::frac(45, 100), true, Some(&Num::frac(45, 100))), "45,00 %");
    }
    #[test]
    fn a_worked_out_bound_is_shown_exactly() {
        assert_eq!(show_worked_out(&Num::frac(21, 1000), true), "2,10 %");
        assert_eq!(show_worked_out(&Num::frac(19215, 1000000), true), "1,9215 %");
    }
}
