//! Nominations the campaign leaves to judgement (Công văn 1371/BHXH-TĐKT):
//! kind 7, central units nominated for the collective award (mục B.III.1),
//! with the proposing department; kind 8, collectives and individuals
//! outside the sector proposed by Ban Quản lý Thu - Sổ, Thẻ (mục B.IV.2.c).
//! Recognised from the header row; a kind-5 list (which has "Họ và tên")
//! is tried first by the caller.

use super::{find, named_rows, twins_differ, unit_at, At, Sheet};
use crate::ingest::grid::Value;
use crate::ingest::UnitResolver;
use crate::model::quarterly::{CentralRow, OutsideRow};
use crate::model::Problem;

const UNIT: &[&str] = &["Đơn vị", "Tên đơn vị", "Đơn vị được đề nghị", "Tên tập thể", "Tập thể được đề nghị", "Đơn vị trực thuộc"];
const ACHIEVE: &[&str] = &["Tóm tắt thành tích", "Thành tích", "Thành tích nổi bật", "Thành tích đạt được"];
const PROPOSER: &[&str] = &["Đơn vị đề xuất", "Đơn vị đề nghị", "Cơ quan đề xuất", "Đơn vị trình", "Đề xuất của"];
const PRIORITY: &[&str] = &["Thứ tự đề xuất", "Thứ tự ưu tiên", "Thứ tự"];
const OUT_NAME: &[&str] = &[
    "Tên tập thể, cá nhân",
    "Tập thể, cá nhân",
    "Tên tập thể, cá nhân ngoài Ngành",
    "Tập thể, cá nhân ngoài Ngành",
    "Tên tập thể/cá nhân",
    "Tập thể/cá nhân",
];
const OUT_POSITION: &[&str] =
    &["Chức vụ, đơn vị công tác", "Chức vụ, nơi công tác", "Chức vụ", "Địa chỉ", "Cơ quan, đơn vị", "Đơn vị công tác"];
const FORM: &[&str] = &["Hình thức đề nghị", "Hình thức khen thưởng", "Hình thức"];

/// Kind 7: "Đơn vị", "Tóm tắt thành tích", "Đơn vị đề xuất" (and optionally
/// "Thứ tự đề xuất").
pub(super) fn read_central(g: &Sheet, at: &At, resolver: &dyn UnitResolver, problems: &mut Vec<Problem>) -> Option<Vec<CentralRow>> {
    let h = find(g.hk, &[UNIT, ACHIEVE, PROPOSER], &[PRIORITY])?;
    if twins_differ(g, &h, at, problems) {
        return Some(vec![]);
    }
    let (unit_c, ach_c, prop_c) = (h.req[0], h.req[1], h.req[2]);
    let mut out = Vec::new();
    for (r, name) in named_rows(g, h.row + 1, unit_c) {
        let Some(unit) = unit_at(resolver, &name, None, at.cell(r, unit_c), problems) else { continue };
        let priority = match h.opt[0] {
            None => None,
            Some(c) => match g.shown(r, c) {
                Value::Empty => None,
                Value::Number { v, .. } if *v >= 1.0 && v.fract() == 0.0 && *v < 1000.0 => Some(*v as u32),
                Value::Text(t) if t.trim().parse::<u32>().is_ok_and(|n| n >= 1) => t.trim().parse().ok(),
                other => {
                    problems.push(
                        Problem::error(
                            "bad-priority",
                            at.cell(r, c),
                            format!(
                                "{}: thứ tự đề xuất \"{}\" không phải số thứ tự (1, 2, 3 …); dòng này không được tính.",
                                name.trim(),
                                crate::ingest::grid::value_text(other)
                            ),
                        )
                        .with_unit(&unit),
                    );
                    continue;
                }
            },
        };
        out.push(CentralRow { unit, achievement: g.text(r, ach_c), proposer: g.text(r, prop_c), priority, at: at.cell(r, unit_c) });
    }
    Some(out)
}

/// Kind 8: "Tên tập thể, cá nhân", "Thành tích" (optionally "Chức vụ, đơn
/// vị công tác", "Hình thức đề nghị", "Đơn vị đề xuất").
pub(super) fn read_outside(g: &Sheet, at: &At, problems: &mut Vec<Problem>) -> Option<Vec<OutsideRow>> {
    let h = find(g.hk, &[OUT_NAME, ACHIEVE], &[OUT_POSITION, FORM, PROPOSER])?;
    if twins_differ(g, &h, at, problems) {
        return Some(vec![]);
    }
    let (name_c, ach_c) = (h.req[0], h.req[1]);
    let mut out = Vec::new();
    for (r, name) in named_rows(g, h.row + 1, name_c) {
        let achievement = g.text(r, ach_c);
        if achievement.is_empty() {
            problems.push(Problem::warning(
                "no-achievement",
                at.cell(r, ach_c),
                format!("{}: không ghi thành tích; vẫn được liệt kê theo đề xuất, cần bổ sung thành tích.", name.trim()),
            ));
        }
        let opt = |i: usize| h.opt[i].map(|c| g.text(r, c)).unwrap_or_default();
        out.push(OutsideRow {
            name: crate::vn::text::clean(&name),
            position: opt(0),
            achievement,
            form: opt(1),
            proposer: opt(2),
            at: at.cell(r, name_c),
        });
    }
    Some(out)
}
