//! Whose file a member's rows came from. Members fill the cluster's form
//! and send it back named after themselves ("BìnhĐịnh.xlsx",
//! "KhanhHoa-Q4.xlsx"), often with the other members' rows left as they
//! were: empty, or still holding last quarter's figures. Every row with
//! figures used to count as that member's report, so a province that typed
//! its figures into its neighbour's row gave them to the neighbour, and a
//! form sent back with last quarter's rows reported for members that sent
//! nothing, without a word (SPEC §4: a figure that decides an award is read
//! with certainty). A file is a member's when its name spells that
//! member's name (marks, case and spaces aside) and the member has a row
//! in it, or when it holds that member's figures alone; the other rows of
//! a member's file are then weighed here, before merging:
//! - the member's own row empty, another filled: whose figures they are
//!   cannot be told; an error at that row, and the row is not used;
//! - another member's row filled, and that member sent its own file: the
//!   row is not used (its own file speaks for it), said when it differs;
//! - another member's row filled, and that member sent nothing else: it
//!   may be last quarter's row left in the form, so it is not used either,
//!   an error at the row (a head's compiled sheet is not named for a
//!   member, and the message says to name it so).

use super::indicators::IndicatorSheet;
use crate::model::{Location, Name, Num, Period, Problem};
use crate::registry::Registry;
use std::collections::{BTreeMap, BTreeSet};

/// Letters and digits of a text, marks and case aside: "Bình Định" and
/// "BinhDinh_Q4" meet as "binhdinh".
fn squeeze(s: &str) -> String {
    crate::vn::text::ascii_fold(s).chars().filter(|c| c.is_ascii_alphanumeric()).collect()
}

/// The member a file is named for: among the units with a row in it, the
/// one whose name its file name spells; none when none or several do.
fn named_for(file: &str, units: &BTreeSet<&str>, reg: &Registry) -> Option<String> {
    let stem = file.rsplit('/').next().unwrap_or(file);
    let stem = squeeze(stem.rsplit_once('.').map_or(stem, |(s, _)| s));
    let mut found = units.iter().filter(|u| {
        reg.unit(u).is_some_and(|x| {
            let short = squeeze(&x.short_name);
            short.len() >= 4 && stem.contains(&short)
        })
    });
    let one = found.next()?;
    found.next().is_none().then(|| one.to_string())
}

fn has_figures(r: &super::indicators::IndicatorRow) -> bool {
    !r.figures.is_empty() || !r.invalid.is_empty()
}

/// Weigh the rows of member-named files (see the module's comment); the
/// rows not used are emptied, so that every later reader (the evaluation,
/// the previous quarter's figures, the head's report) sees the same.
pub fn weigh(sheets: &mut [IndicatorSheet], reg: &Registry, problems: &mut Vec<Problem>) {
    let period_of = |s: &IndicatorSheet| s.period.as_ref().map(|(p, _)| *p);
    // Units with a row, by file; and the file each file is named for.
    let mut rows_of: BTreeMap<Name, BTreeSet<&str>> = BTreeMap::new();
    let mut filled_of: BTreeMap<Name, BTreeSet<&str>> = BTreeMap::new();
    for s in sheets.iter() {
        rows_of.entry(s.at.file.clone()).or_default().extend(s.rows.iter().map(|r| r.unit.as_str()));
        filled_of.entry(s.at.file.clone()).or_default().extend(s.rows.iter().filter(|r| has_figures(r)).map(|r| r.unit.as_str()));
    }
    // Named for a member; else, a file with one member's figures alone
    // ("BC thi dua Q4-2022 QNgai.xlsx") is that member's own report.
    let owner: BTreeMap<Name, String> = rows_of
        .iter()
        .filter_map(|(f, units)| {
            let single = || filled_of.get(f).filter(|u| u.len() == 1).and_then(|u| u.first()).map(|u| u.to_string());
            named_for(f, units, reg).or_else(single).map(|u| (f.clone(), u))
        })
        .collect();
    if owner.is_empty() {
        return;
    }
    // What each member reports in its own file: (unit, period, key) → value.
    let mut own: BTreeMap<(String, Option<Period>, String), Num> = BTreeMap::new();
    let mut own_file: BTreeMap<&str, &Name> = BTreeMap::new();
    for s in sheets.iter() {
        let Some(o) = owner.get(&s.at.file) else { continue };
        for r in s.rows.iter().filter(|r| &r.unit == o && has_figures(r)) {
            own_file.insert(o.as_str(), &s.at.file);
            for f in &r.figures {
                own.insert((o.clone(), period_of(s), f.key.to_string()), f.value);
            }
        }
    }
    let own_file: BTreeMap<String, Name> = own_file.into_iter().map(|(u, f)| (u.to_string(), f.clone())).collect();
    let name = |u: &str| reg.unit(u).map_or(u.to_string(), |x| x.name.clone());
    let shown = |f: &Name| f.rsplit('/').next().unwrap_or(f).to_string();
    for s in sheets.iter_mut() {
        let Some(o) = owner.get(&s.at.file) else { continue };
        let p = s.period.as_ref().map(|(p, _)| *p);
        let own_filled = s.rows.iter().any(|r| &r.unit == o && has_figures(r));
        for r in s.rows.iter_mut().filter(|r| &r.unit != o && has_figures(r)) {
            let at: Location = r.figures.first().map_or_else(|| r.at.clone(), |f| f.at.clone());
            let (file, owner, unit) = (shown(&s.at.file), name(o), name(&r.unit));
            // Every such row is left out; what is said depends on why.
            let said = if !own_filled {
                Some(Problem::error("row-of-another-member", at, format!(
                    "Tệp \"{file}\" mang tên {owner} nhưng dòng của {unit} có số liệu, còn dòng của {owner} để trống: không biết đây là số liệu của đơn vị nào nên không dùng. Nếu là số liệu của {owner}, hãy ghi vào dòng của đơn vị mình rồi gửi lại; nếu là của {unit}, đơn vị đó gửi tệp riêng."
                )))
            } else if let Some(theirs) = own_file.get(&r.unit) {
                let differs = r.figures.iter().any(|f| own.get(&(r.unit.clone(), p, f.key.to_string())).is_some_and(|v| *v != f.value));
                differs.then(|| Problem::warning("row-of-another-member", at, format!(
                    "Tệp \"{file}\" của {owner} còn số liệu ở dòng của {unit}, khác số liệu {unit} gửi trong tệp \"{}\": dùng tệp của {unit}, không dùng dòng này.",
                    shown(theirs)
                )))
            } else {
                Some(Problem::error("row-of-another-member", at, format!(
                    "Tệp \"{file}\" của {owner} có số liệu ở dòng của {unit}, đơn vị chưa gửi tệp riêng: không biết đây là số liệu kỳ này của {unit} hay số liệu còn lại trong biểu, nên không dùng. {unit} cần gửi số liệu của mình; nếu tệp này là bảng tổng hợp của Cụm, hãy đặt tên tệp không mang tên một đơn vị rồi chạy lại."
                )))
            };
            problems.extend(said.map(|p| p.with_unit(&r.unit)));
            r.figures.clear();
            r.invalid.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_named_for_the_one_member_its_name_spells() {
        let reg = Registry::builtin();
        let units: BTreeSet<&str> = ["binh-dinh", "phu-yen", "quang-nam", "quang-ngai"].into_iter().collect();
        assert_eq!(named_for("BìnhĐịnh.xlsx", &units, reg).as_deref(), Some("binh-dinh"));
        assert_eq!(named_for("hop-thu/PhuYen_Q4.ods", &units, reg).as_deref(), Some("phu-yen"));
        assert_eq!(named_for("QuangNam_bieu-chi-tieu-Q4-2022.xlsx", &units, reg).as_deref(), Some("quang-nam"));
        assert_eq!(named_for("tong-hop-cum-6.xlsx", &units, reg), None);
        // Not a member with a row in it: not its file.
        assert_eq!(named_for("KhanhHoa-Q4.xlsx", &units, reg), None);
    }
}
