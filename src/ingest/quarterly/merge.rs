//! Merging indicator rows from every file into one set of figures per unit
//! (SPEC §4): a province's own row and its cluster head's compiled sheet
//! both count; the same figure given twice with different values, or
//! refused in one place and given in another, is a conflict, reported with
//! both cells, and neither value is used.

use super::indicators::IndicatorSheet;
use crate::ingest::period::same_figures;
use crate::model::{Location, Name, Num, Period, Problem, SortedMap, UnitFigures, UnitId};
use crate::rules::Rules;
use crate::vn::format::{format_figure, format_percent_short};
use rustc_hash::{FxBuildHasher, FxHashMap};
use std::collections::{BTreeMap, BTreeSet};
use std::hash::BuildHasher;

fn show(v: &Num, percent: bool) -> String {
    if percent {
        format_percent_short(v)
    } else {
        format_figure(v)
    }
}

/// What the sheets say of one unit, in the order read: (value, where) for
/// each indicator of the rules, in their order, and for any other key; the
/// first empty cell of each indicator; the indicators whose cell was
/// unusable (reported where read), with the first such cell, and the keys
/// given twice differently.
struct Seen<'a> {
    unit: &'a str,
    /// The unit's name and row, as its first row gives them, and the
    /// columns of that row's sheet that no indicator was matched to.
    first: (&'a str, &'a Location, &'a [(String, Location)]),
    slots: Vec<Option<(Num, &'a Location)>>,
    other: Vec<(&'a Name, Option<(Num, &'a Location)>)>,
    blank: Vec<Option<&'a Location>>,
    invalid: Vec<(&'a str, &'a Location)>,
    conflicts: Vec<&'a str>,
    /// Some input about the unit was wrong (conflict, unreadable value).
    flagged: bool,
}

/// Figures per unit for the run's period, and the problems merging found.
#[derive(Debug, Default)]
pub struct Merged {
    pub figures: BTreeMap<UnitId, UnitFigures>,
    /// Units some input about which was wrong (conflict, unreadable value).
    pub flagged: BTreeSet<UnitId>,
    pub problems: Vec<Problem>,
}

/// A problem found while walking the rows, with its place in the walk
/// (sheet, row, figure) so that the shards' problems are put back in the
/// order one walk would have found them.
type Placed = ((usize, usize, usize), Problem);

/// A unit's figures, its missing-figure problems, and whether some input
/// about it was wrong.
type OfUnit = (UnitFigures, Vec<Problem>, bool);

/// Whether `at` lies in an indicator sheet whose title names another period
/// than `period`: such a sheet is left out of the run with one warning at
/// its title (`merge`), and what is wrong in its cells is no problem of this
/// run; it is said when the run for its own period reads it.
pub fn in_sheet_of_other_period(sheets: &[IndicatorSheet], period: &Period, at: &Location) -> bool {
    at.sheet.is_some()
        && sheets
            .iter()
            .any(|s| s.at.file == at.file && s.at.sheet == at.sheet && s.period.as_ref().is_some_and(|(p, _)| !same_figures(p, period)))
}

/// Merge the sheets that report `period` (sheets naming another period are
/// left out with a warning). `sheets` must be in a fixed order (files by
/// path, sheets in workbook order) so that results are deterministic.
///
/// Everything merging keeps is the unit's own: the rows are cut by unit
/// into shards (by a hash of the unit), each walked through every sheet in
/// order on whichever core is free, to its units' figures and problems.
/// The problems of the walk are put back in sheet then row order, then each
/// unit's missing figures in the units' order, as a single walk gives them.
pub fn merge(sheets: &[IndicatorSheet], period: &Period, rules: &Rules) -> Merged {
    // A national year has rows for some 700 units: cut in eight, both
    // cores share them whatever else runs beside (last year's merge, the
    // review's preparation). A few rows are merged in one piece.
    let rows: usize = sheets.iter().map(|s| s.rows.len()).sum();
    merge_in(sheets, period, rules, if rows < 256 { 1 } else { 8 })
}

/// As `merge`, the rows cut into `shards` by unit.
fn merge_in(sheets: &[IndicatorSheet], period: &Period, rules: &Rules, shards: usize) -> Merged {
    use rayon::prelude::*;
    let mut placed: Vec<Placed> = Vec::new();
    let mut used: Vec<&IndicatorSheet> = Vec::with_capacity(sheets.len());
    let mut used_at: Vec<usize> = Vec::with_capacity(sheets.len());
    for (s, sheet) in sheets.iter().enumerate() {
        if let Some((p, at)) = &sheet.period {
            if !same_figures(p, period) {
                placed.push((
                    (s, 0, 0),
                    Problem::warning(
                        "other-period",
                        at.clone(),
                        format!(
                            "Tiêu đề ghi số liệu {}, khác kỳ đang xét ({}); trang tính này không được dùng.",
                            p.label_vi(),
                            period.label_vi()
                        ),
                    ),
                ));
                continue;
            }
        }
        used.push(sheet);
        used_at.push(s);
    }
    let walked: Vec<(Vec<OfUnit>, Vec<Placed>)> =
        (0..shards).into_par_iter().with_max_len(1).map(|shard| merge_shard(&used, &used_at, (shard, shards), rules)).collect();
    let mut units: Vec<OfUnit> = Vec::new();
    for (u, p) in walked {
        units.extend(u);
        placed.extend(p);
    }
    // Each place is found once: the order is total.
    placed.sort_unstable_by_key(|(at, _)| *at);
    units.sort_unstable_by(|a, b| a.0.unit.cmp(&b.0.unit));
    let mut problems: Vec<Problem> = placed.into_iter().map(|(_, p)| p).collect();
    let mut flagged = BTreeSet::new();
    let mut figures = Vec::with_capacity(units.len());
    for (uf, mut missing, wrong) in units {
        problems.append(&mut missing);
        if wrong {
            flagged.insert(uf.unit.clone());
        }
        figures.push((uf.unit.clone(), uf));
    }
    // In the units' order, as the figures are keyed: built at once.
    Merged { figures: figures.into_iter().collect(), flagged, problems }
}

/// One shard's walk: every row of `sheets` whose unit falls in `shard`, in
/// sheet then row order, to those units' figures (in the units' order, each
/// with its missing-figure problems and whether it is flagged) and the
/// problems found on the way, placed.
fn merge_shard(
    sheets: &[&IndicatorSheet],
    sheet_at: &[usize],
    (shard, shards): (usize, usize),
    rules: &Rules,
) -> (Vec<OfUnit>, Vec<Placed>) {
    let defs = &rules.file.indicators;
    // Each unit's figures are kept by the indicator's place in the rules:
    // one slot for each, found by the key once per figure.
    let slot_of: FxHashMap<&str, usize> = defs.iter().enumerate().map(|(i, d)| (d.key.as_str(), i)).collect();
    let name_of = |k: &str| defs.iter().find(|i| i.key == k).map_or(k.to_string(), |i| i.name.clone());
    let mine = |unit: &str| shards == 1 || (FxBuildHasher.hash_one(unit) >> 32) as usize % shards == shard;
    // Keyed by what the sheets hold, borrowed: each unit, key and cell is
    // copied once, into the figures kept, not once per sheet read.
    let mut index: FxHashMap<&str, usize> = FxHashMap::default();
    let mut seen: Vec<Seen> = Vec::new();
    let mut placed: Vec<Placed> = Vec::new();
    for (sheet, &s) in sheets.iter().zip(sheet_at) {
        for (r, row) in sheet.rows.iter().enumerate() {
            let unit = row.unit.as_str();
            // A row of the form left as it came (a province fills its own
            // row of the cluster's form and leaves the others' empty) says
            // nothing of that unit: its empty cells are not that unit's
            // blanks. Its own sheet, or no sheet at all, is said instead.
            if !mine(unit) || (row.figures.is_empty() && row.invalid.is_empty()) {
                continue;
            }
            let i = *index.entry(unit).or_insert_with(|| {
                seen.push(Seen {
                    unit,
                    first: (&row.unit_name, &row.at, &sheet.unread),
                    slots: vec![None; defs.len()],
                    other: Vec::new(),
                    blank: vec![None; defs.len()],
                    invalid: Vec::new(),
                    conflicts: Vec::new(),
                    flagged: false,
                });
                seen.len() - 1
            });
            let u = &mut seen[i];
            if !row.invalid.is_empty() {
                u.flagged = true;
            }
            // A figure refused here (its error said at the cell) that
            // another place gives: which is right is not known, as for two
            // differing figures (SPEC §4, §13). Said once, here; the value
            // given is not used either, so that the refusal's "not used"
            // stays true.
            for (i, (k, at)) in row.invalid.iter().enumerate() {
                let key = k.as_str();
                let given = match slot_of.get(key) {
                    Some(&j) => u.slots[j],
                    None => u.other.iter().find(|(o, _)| o.as_str() == key).and_then(|(_, v)| *v),
                };
                if let Some((v, at0)) = given {
                    let pct = defs.iter().any(|d| d.key == key && d.percent);
                    placed.push((
                        (s, r, row.figures.len() + i),
                        refused_and_given(&row.unit, &row.unit_name, &name_of(key), at, (at0, &v, pct), true),
                    ));
                    if !u.conflicts.contains(&key) {
                        u.conflicts.push(key);
                    }
                }
                if !u.invalid.iter().any(|(k0, _)| *k0 == key) {
                    u.invalid.push((key, at));
                }
            }
            for (k, at) in &row.blanks {
                if let Some(&j) = slot_of.get(k.as_str()) {
                    u.blank[j].get_or_insert(at);
                }
            }
            for (f_at, f) in row.figures.iter().enumerate() {
                let key = f.key.as_str();
                let held = match slot_of.get(key) {
                    Some(&j) => &mut u.slots[j],
                    None => match u.other.iter().position(|(k, _)| k.as_str() == key) {
                        Some(j) => &mut u.other[j].1,
                        None => {
                            u.other.push((&f.key, None));
                            &mut u.other.last_mut().expect("just pushed").1
                        }
                    },
                };
                match held {
                    None => {
                        *held = Some((f.value, &f.at));
                        if let Some((_, refused)) = u.invalid.iter().find(|(k0, _)| *k0 == key) {
                            let pct = defs.iter().any(|d| d.key == key && d.percent);
                            placed.push((
                                (s, r, f_at),
                                refused_and_given(&row.unit, &row.unit_name, &name_of(key), refused, (&f.at, &f.value, pct), false),
                            ));
                            if !u.conflicts.contains(&key) {
                                u.conflicts.push(key);
                            }
                        }
                    }
                    Some((v, _)) if *v == f.value => {}
                    Some((v, at0)) => {
                        let def = defs.iter().find(|i| i.key == f.key);
                        let pct = def.is_some_and(|d| d.percent);
                        placed.push((
                            (s, r, f_at),
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
                        ));
                        if !u.conflicts.contains(&key) {
                            u.conflicts.push(key);
                        }
                        u.flagged = true;
                    }
                }
            }
        }
    }
    seen.sort_unstable_by(|a, b| a.unit.cmp(b.unit));
    // The keys the figures are kept under, one of each for the shard.
    let names: Vec<Name> = defs.iter().map(|d| Name::from(&d.key)).collect();
    let units = seen.into_iter().map(|values| unit_figures(values, rules, &names)).collect();
    (units, placed)
}

/// The conflict of a figure refused at `refused` (its error already said
/// there) with the value `given` at another place, said at the later of the
/// two: at the refused cell when `at_refused`, otherwise at the value's.
fn refused_and_given(
    unit: &str,
    unit_name: &str,
    name: &str,
    refused: &Location,
    given: (&Location, &Num, bool),
    at_refused: bool,
) -> Problem {
    let (given_at, v, pct) = given;
    let (here, there) = if at_refused {
        (refused.clone(), format!("{given_at} ghi {}, còn ô này không dùng được (lỗi đã báo ở ô này)", show(v, pct)))
    } else {
        (given_at.clone(), format!("{refused} không dùng được (lỗi đã báo ở ô đó), còn ô này ghi {}", show(v, pct)))
    };
    Problem::error(
        "conflict",
        here,
        format!(
            "{unit_name}: số liệu \"{name}\" không thống nhất giữa hai nơi: {there}. Không biết nơi nào đúng nên không dùng số liệu này ở cả hai nơi; các tiêu chí cần nó không xác định được cho đến khi các đơn vị thống nhất và gửi lại."
        ),
    )
    .with_unit(unit)
}

/// A unit's figures, as the sheets gave them and without those given twice
/// differently, with its missing-figure problems and whether it is flagged.
fn unit_figures(values: Seen, rules: &Rules, names: &[Name]) -> OfUnit {
    let Seen { unit, first: (name, at, unread), slots, other, blank, invalid, conflicts, mut flagged } = values;
    let mut problems = Vec::new();
    // In key order, so that both maps are built at once from sorted
    // entries rather than by one insertion per figure.
    let slots = names.iter().zip(slots);
    let mut kept: Vec<(&Name, (Num, &Location))> =
        slots.chain(other).filter_map(|(k, v)| v.map(|v| (k, v))).filter(|(k, _)| !conflicts.contains(&k.as_str())).collect();
    kept.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let uf = UnitFigures {
        unit: unit.to_string(),
        values: SortedMap::from_sorted(kept.iter().map(|(k, (v, _))| ((*k).clone(), *v)).collect()),
        sources: SortedMap::from_sorted(kept.iter().map(|(k, (_, at))| ((*k).clone(), (*at).clone())).collect()),
    };
    // Figures nobody sent (SPEC §11: missing is never zero), each at its
    // empty cell; required figures whose column no sheet has, at the
    // unit's name. A figure not required, left empty in a column the sheet
    // has, is said too: what is computed from it (a tie-breaker: the share
    // of collection from enterprises, the rate against last year) is not
    // known, said at the cell rather than found out at a tie.
    let mut no_column: Vec<String> = Vec::new();
    for (i, cell) in rules.file.indicators.iter().zip(&blank).filter(|(i, _)| {
        let k = i.key.as_str();
        !uf.values.contains_key(k) && !conflicts.contains(&k) && !invalid.iter().any(|(i, _)| *i == k)
    }) {
        let why = if i.required {
            "các tiêu chí cần số liệu này không xác định được (không tính là 0). Hãy điền số liệu rồi gửi lại."
        } else {
            "số liệu này không bắt buộc nhưng các chỉ số tính từ nó (dùng khi xếp hạng bằng nhau) không xác định được (không tính là 0)."
        };
        match cell {
            // A figure that decides an award, left empty, stops the unit
            // as a cell that cannot be read does (SPEC §13): an error at
            // the cell, and the unit marked in the summary.
            Some(cell) if i.required => {
                problems.push(
                    Problem::error("missing-figure", (*cell).clone(), format!("{name}: ô \"{}\" để trống; {why}", i.name)).with_unit(unit),
                );
                flagged = true;
            }
            Some(cell) => problems.push(
                Problem::warning("missing-figure", (*cell).clone(), format!("{name}: ô \"{}\" để trống; {why}", i.name)).with_unit(unit),
            ),
            None if i.required => no_column.push(format!("\"{}\"", i.name)),
            None => {}
        }
    }
    if !no_column.is_empty() && !unread.is_empty() {
        // The figure may be in a column whose header was not understood:
        // an error at that header, not a guess at what it holds.
        let shown: Vec<String> =
            unread.iter().map(|(h, at)| format!("\"{h}\" (ô {})", at.cell.as_ref().map_or(String::new(), |c| c.to_string()))).collect();
        problems.push(
            Problem::error(
                "unread-column",
                unread[0].1.clone(),
                format!(
                    "{name}: bảng không có cột {missing}; {} {} có số liệu nhưng không nhận ra là chỉ tiêu nào nên không được đọc. Nếu đó là cột {missing}, hãy sửa tiêu đề cột đúng như biểu mẫu rồi gửi lại; đến khi đó các tiêu chí cần số liệu này chưa xác định được (không tính là 0).",
                    if unread.len() == 1 { "cột" } else { "các cột" },
                    shown.join(", "),
                    missing = no_column.join(", "),
                ),
            )
            .with_unit(unit),
        );
        flagged = true;
    } else if !no_column.is_empty() {
        // As a required cell left empty: an error, the unit marked.
        flagged = true;
        problems.push(
            Problem::error(
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
    (uf, problems, flagged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::quarterly::indicators::{Figure, IndicatorRow};
    use crate::model::Severity;

    const Q4: Period = Period::Year { year: 2022 };

    fn row(file: &str, r: u32, unit: &str, figures: &[(&str, i64)], blanks: &[&str]) -> IndicatorRow {
        let at = |c: u32| Location::cell(file, "Sheet1", r, c);
        IndicatorRow {
            unit: unit.to_string(),
            unit_name: format!("Đơn vị {unit}"),
            at: at(1),
            figures: figures
                .iter()
                .enumerate()
                .map(|(c, (k, v))| Figure { key: (*k).into(), value: Num::int(*v), at: at(c as u32 + 2) })
                .collect(),
            invalid: Vec::new(),
            blanks: blanks.iter().map(|k| (k.to_string(), at(9))).collect(),
        }
    }

    fn sheet(file: &str, period: Period, rows: Vec<IndicatorRow>) -> IndicatorSheet {
        IndicatorSheet {
            unread: vec![],
            at: Location::sheet(file, "Sheet1"),
            period: Some((period, Location::cell(file, "Sheet1", 0, 0))),
            columns: vec![],
            rows,
        }
    }

    /// However the rows are cut to be merged on both cores, the problems
    /// come in the order of the sheets and their rows (then the missing
    /// figures in the units' order), and the figures are the same: the
    /// problems list and the summary must not change from run to run.
    #[test]
    fn problems_and_figures_come_in_sheet_row_then_unit_order() {
        let mut rules = Rules::builtin("thu-2022").unwrap();
        for (i, d) in rules.file.indicators.iter_mut().enumerate() {
            d.required = i < 2;
        }
        let (a, b) = (rules.file.indicators[0].key.clone(), rules.file.indicators[1].key.clone());
        let (a, b) = (a.as_str(), b.as_str());
        let units: Vec<String> = (0..150).map(|i| format!("u{i:03}")).collect();
        // Sheet 0: every unit once, in order, with its figure a and a key no
        // rule has; the last row gives u007's figure a again, otherwise.
        let mut first: Vec<IndicatorRow> = units
            .iter()
            .enumerate()
            .map(|(i, u)| {
                let blank: &[&str] = if i % 5 == 0 { &[b] } else { &[] };
                row("a.xlsx", i as u32 + 5, u, &[(a, i as i64), ("khac", 1)], blank)
            })
            .collect();
        first.push(row("a.xlsx", 200, "u007", &[(a, 70)], &[]));
        // Sheet 1: another period, left out.
        let other = sheet("b.xlsx", Period::Year { year: 2021 }, vec![row("b.xlsx", 5, "u001", &[(a, -1)], &[])]);
        // Sheet 2: the units backwards; every third differs on a and on
        // the key no rule has, every fourth gives b.
        let second: Vec<IndicatorRow> = units
            .iter()
            .enumerate()
            .rev()
            .map(|(i, u)| {
                let a_v = if i % 3 == 0 { i as i64 + 1000 } else { i as i64 };
                let mut f = vec![(a, a_v), ("khac", if i % 3 == 0 { 2 } else { 1 })];
                if i % 4 == 0 {
                    f.push((b, 4));
                }
                row("c.xlsx", 150 - i as u32, u, &f, &[])
            })
            .collect();
        let sheets = vec![sheet("a.xlsx", Q4, first), other, sheet("c.xlsx", Q4, second)];

        let one = merge_in(&sheets, &Q4, &rules, 1);
        // Expected: u007's conflict in sheet 0, the other period, then sheet
        // 2's conflicts row by row (a before the other key), then each unit
        // without b, in the units' order.
        let mut want: Vec<(String, String)> = vec![("conflict".into(), "a.xlsx C201".into()), ("other-period".into(), "b.xlsx A1".into())];
        for i in (0..150).rev().filter(|i| i % 3 == 0) {
            let r = 151 - i;
            want.push(("conflict".into(), format!("c.xlsx C{r}")));
            want.push(("conflict".into(), format!("c.xlsx D{r}")));
        }
        for i in (0..150).filter(|i| i % 4 != 0) {
            let at = if i % 5 == 0 { format!("a.xlsx J{}", i + 6) } else { format!("a.xlsx B{}", i + 6) };
            want.push(("missing-figure".into(), at));
        }
        let got: Vec<(String, String)> = one
            .problems
            .iter()
            .map(|p| (p.code.clone(), format!("{} {}", &*p.location.file, p.location.cell.as_deref().unwrap_or(""))))
            .collect();
        assert_eq!(got, want);
        assert!(one.problems.iter().filter(|p| p.code == "conflict").all(|p| p.severity == Severity::Error));
        let flagged: Vec<&str> = one.flagged.iter().map(String::as_str).collect();
        // Conflicts, and a required figure missing (b, given by every fourth).
        let mut want_flagged: Vec<String> = (0..150).filter(|i| i % 3 == 0 || *i == 7 || i % 4 != 0).map(|i| format!("u{i:03}")).collect();
        want_flagged.sort();
        assert_eq!(flagged, want_flagged);
        assert_eq!(one.figures.keys().cloned().collect::<Vec<_>>(), units);
        assert!(!one.figures["u003"].values.contains_key(a), "a figure given twice differently is not used");
        assert!(!one.figures["u007"].values.contains_key(a));
        assert_eq!(one.figures["u004"].values[a], Num::int(4));
        assert_eq!(one.figures["u004"].sources[b].to_string(), Location::cell("c.xlsx", "Sheet1", 146, 4).to_string());
        // Cut in any number of pieces, the same to the last byte.
        for shards in [2, 3, 8, 31] {
            let cut = merge_in(&sheets, &Q4, &rules, shards);
            assert_eq!(format!("{cut:?}"), format!("{one:?}"), "{shards} shards");
        }
        assert_eq!(format!("{:?}", merge(&sheets, &Q4, &rules)), format!("{one:?}"));
    }
}
