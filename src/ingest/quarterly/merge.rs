//! Merging indicator rows from every file into one set of figures per unit
//! (SPEC §4): a province's own row and its cluster head's compiled sheet
//! both count; the same figure given twice with different values is a
//! conflict, reported with both cells, and neither value is used.

use super::indicators::IndicatorSheet;
use crate::ingest::period::same_figures;
use crate::model::{Location, Num, Period, Problem, UnitFigures, UnitId};
use crate::rules::Rules;
use crate::vn::format::{format_figure, format_percent_short};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{BTreeMap, BTreeSet};

fn show(v: &Num, percent: bool) -> String {
    if percent {
        format_percent_short(v)
    } else {
        format_figure(v)
    }
}

/// One unit's figures as merged so far: (value, where) for each indicator
/// of the rules, in their order, and for any other key read.
struct Seen<'a> {
    slots: Vec<Option<(Num, &'a Location)>>,
    other: Vec<(&'a str, Option<(Num, &'a Location)>)>,
}

/// Figures per unit for the run's period, and the problems merging found.
#[derive(Debug, Default)]
pub struct Merged {
    pub figures: BTreeMap<UnitId, UnitFigures>,
    /// Units some input about which was wrong (conflict, unreadable value).
    pub flagged: BTreeSet<UnitId>,
    pub problems: Vec<Problem>,
}

/// Merge the sheets that report `period` (sheets naming another period are
/// left out with a warning). `sheets` must be in a fixed order (files by
/// path, sheets in workbook order) so that results are deterministic.
pub fn merge(sheets: &[IndicatorSheet], period: &Period, rules: &Rules) -> Merged {
    let mut out = Merged::default();
    // Keyed by what the sheets hold, borrowed: each unit, key and cell is
    // copied once, into the figures kept, not once per sheet read. Only
    // the units are walked in order (the problems follow it); the rest are
    // looked up, in hash maps.
    let mut conflicts: FxHashSet<(&str, &str)> = FxHashSet::default();
    // unit → key → (value, where)
    let mut seen: BTreeMap<&str, Seen> = BTreeMap::new();
    let mut first_row: FxHashMap<&str, (&str, &Location)> = FxHashMap::default();
    // unit → key → the first empty cell found for it
    let mut blank_at: FxHashMap<&str, FxHashMap<&str, &Location>> = FxHashMap::default();
    // unit → keys whose cell was unusable (reported where read)
    let mut invalid: FxHashMap<&str, FxHashSet<&str>> = FxHashMap::default();
    // Each unit's figures are kept by the indicator's place in the rules:
    // one slot for each, found by the key once per figure.
    let indicators = rules.file.indicators.len();
    let slot_of: FxHashMap<&str, usize> = rules.file.indicators.iter().enumerate().map(|(i, d)| (d.key.as_str(), i)).collect();
    let name_of = |k: &str| rules.file.indicators.iter().find(|i| i.key == k).map_or(k.to_string(), |i| i.name.clone());
    for sheet in sheets {
        if let Some((p, at)) = &sheet.period {
            if !same_figures(p, period) {
                out.problems.push(Problem::warning(
                    "other-period",
                    at.clone(),
                    format!(
                        "Tiêu đề ghi số liệu {}, khác kỳ đang xét ({}); trang tính này không được dùng.",
                        p.label_vi(),
                        period.label_vi()
                    ),
                ));
                continue;
            }
        }
        for row in &sheet.rows {
            let unit = row.unit.as_str();
            first_row.entry(unit).or_insert((&row.unit_name, &row.at));
            if !row.invalid.is_empty() {
                invalid.entry(unit).or_default().extend(row.invalid.iter().map(String::as_str));
                out.flagged.insert(row.unit.clone());
            }
            let blanks = blank_at.entry(unit).or_default();
            for (k, at) in &row.blanks {
                blanks.entry(k).or_insert(at);
            }
            let unit_seen = seen.entry(unit).or_insert_with(|| Seen { slots: vec![None; indicators], other: Vec::new() });
            for f in &row.figures {
                let key = f.key.as_str();
                let held = match slot_of.get(key) {
                    Some(&i) => &mut unit_seen.slots[i],
                    None => match unit_seen.other.iter().position(|(k, _)| *k == key) {
                        Some(j) => &mut unit_seen.other[j].1,
                        None => {
                            unit_seen.other.push((key, None));
                            &mut unit_seen.other.last_mut().expect("just pushed").1
                        }
                    },
                };
                match held {
                    None => {
                        *held = Some((f.value, &f.at));
                    }
                    Some((v, _)) if *v == f.value => {}
                    Some((v, at0)) => {
                        let def = rules.file.indicators.iter().find(|i| i.key == f.key);
                        let pct = def.is_some_and(|d| d.percent);
                        out.problems.push(
                            Problem::error(
                                "conflict",
                                f.at.clone(),
                                format!(
                                    "{}: số liệu \"{}\" khác nhau giữa hai nơi: {} là {}, còn ô này là {}. Không dùng số liệu này cho đến khi các đơn vị thống nhất.",
                                    row.unit_name,
                                    name_of(&f.key),
                                    at0,
                                    show(v, pct),
                                    show(&f.value, pct)
                                ),
                            )
                            .with_unit(&row.unit),
                        );
                        conflicts.insert((unit, f.key.as_str()));
                        out.flagged.insert(row.unit.clone());
                    }
                }
            }
        }
    }
    // Each unit's figures and missing-figure problems are made on whichever
    // core is free (a national run has 700 units a year, and last year's
    // merge runs beside this year's), then joined in the units' order.
    use rayon::prelude::*;
    let seen: Vec<(&str, Seen)> = seen.into_iter().collect();
    let per_unit: Vec<(UnitFigures, Vec<Problem>)> = seen
        .into_par_iter()
        .with_min_len(16)
        .map(|(unit, values)| {
            let mut problems = Vec::new();
            // In key order, so that both maps are built at once from sorted
            // entries rather than by one insertion per figure.
            let slots = rules.file.indicators.iter().map(|d| d.key.as_str()).zip(values.slots);
            let mut kept: Vec<(&str, (Num, &Location))> = slots
                .chain(values.other)
                .filter_map(|(k, v)| v.map(|v| (k, v)))
                .filter(|(k, _)| !conflicts.contains(&(unit, *k)))
                .collect();
            kept.sort_unstable_by(|a, b| a.0.cmp(b.0));
            let uf = UnitFigures {
                unit: unit.to_string(),
                values: kept.iter().map(|(k, (v, _))| (k.to_string(), *v)).collect(),
                sources: kept.iter().map(|(k, (_, at))| (k.to_string(), (*at).clone())).collect(),
            };
            // Required figures nobody sent (SPEC §11: missing is never zero).
            // Each at its empty cell; figures whose column no sheet has, at the
            // unit's name.
            let (name, at) = first_row[unit];
            let no_blank = FxHashMap::default();
            let blanks = blank_at.get(unit).unwrap_or(&no_blank);
            let invalid_of = |k: &str| invalid.get(unit).is_some_and(|s| s.contains(k));
            let mut no_column: Vec<String> = Vec::new();
            for i in rules.file.indicators.iter().filter(|i| {
                i.required && !uf.values.contains_key(&i.key) && !conflicts.contains(&(unit, i.key.as_str())) && !invalid_of(&i.key)
            }) {
                match blanks.get(i.key.as_str()) {
                    Some(cell) => problems.push(
                        Problem::warning(
                            "missing-figure",
                            (*cell).clone(),
                            format!(
                                "{name}: ô \"{}\" để trống; các tiêu chí cần số liệu này không xác định được (không tính là 0). Hãy điền số liệu rồi gửi lại.",
                                i.name
                            ),
                        )
                        .with_unit(unit),
                    ),
                    None => no_column.push(format!("\"{}\"", i.name)),
                }
            }
            if !no_column.is_empty() {
                problems.push(
                    Problem::warning(
                        "missing-figure",
                        at.clone(),
                        format!(
                            "{name}: bảng không có cột {}; các tiêu chí cần số liệu này không xác định được (không tính là 0).",
                            no_column.join(", ")
                        ),
                    )
                    .with_unit(unit),
                );
            }
            (uf, problems)
        })
        .collect();
    // In the units' order, as the figures are keyed: built at once.
    let mut figures = Vec::with_capacity(per_unit.len());
    for (uf, mut problems) in per_unit {
        out.problems.append(&mut problems);
        figures.push((uf.unit.clone(), uf));
    }
    out.figures = figures.into_iter().collect();
    out
}
