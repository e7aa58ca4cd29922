//! Individuals proposed for awards (SPEC §10 kind 5).

use super::{find, is_data_name, is_note, title_cluster, twins_differ, unit_at, At, Sheet};
use crate::ingest::UnitResolver;
use crate::model::annual::IndividualRow;
use crate::model::Problem;

const FULL_NAME: &[&str] = &["Họ và tên", "Họ tên", "Họ, tên", "Tên cá nhân"];
const UNIT: &[&str] = &["Đơn vị", "Đơn vị công tác", "Tên đơn vị"];
const AWARD: &[&str] = &["Hình thức đề nghị", "Hình thức khen thưởng", "Danh hiệu đề nghị", "Hình thức"];
const POSITION: &[&str] = &["Chức vụ", "Chức vụ, đơn vị công tác", "Chức danh"];
const ACHIEVE: &[&str] = &["Thành tích", "Tóm tắt thành tích", "Thành tích nổi bật"];

pub(super) fn read(g: &Sheet, at: &At, resolver: &dyn UnitResolver, problems: &mut Vec<Problem>) -> Option<Vec<IndividualRow>> {
    let h = find(g.hk, &[FULL_NAME, UNIT, AWARD], &[POSITION, ACHIEVE])?;
    if twins_differ(g, &h, at, problems) {
        return Some(vec![]);
    }
    let (name_c, unit_c, award_c) = (h.req[0], h.req[1], h.req[2]);
    let mut out = Vec::new();
    let mut near: Option<String> = at.ctx.map(String::from);
    for r in h.row + 1..g.height() {
        let full = g.text(r, name_c);
        if full.is_empty() {
            nameless(g, r, (name_c, unit_c, award_c), at, resolver, problems);
            continue;
        }
        if is_note(&full) {
            break;
        }
        if !is_data_name(&full) {
            continue;
        }
        let unit_name = g.text(r, unit_c);
        if unit_name.is_empty() {
            problems.push(Problem::error("no-unit", at.cell(r, unit_c), format!("{full}: không ghi đơn vị; dòng này không được tính.")));
            continue;
        }
        let Some(unit) = unit_at(resolver, &unit_name, near.as_deref(), at.cell(r, unit_c), problems) else { continue };
        near = Some(unit.clone());
        let award = g.text(r, award_c);
        if award.is_empty() {
            problems.push(
                Problem::error("no-award", at.cell(r, award_c), format!("{full}: không ghi hình thức đề nghị; dòng này không được tính."))
                    .with_unit(&unit),
            );
            continue;
        }
        out.push(IndividualRow {
            full_name: crate::vn::text::clean(&full),
            position: h.opt[0].map(|c| g.text(r, c)).unwrap_or_default(),
            unit,
            award,
            achievements: h.opt[1].map(|c| g.text(r, c)).unwrap_or_default(),
            at: at.cell(r, name_c),
            unit_at: at.cell(r, unit_c),
            award_at: at.cell(r, award_c),
            title_cluster: None,
        });
    }
    let listed: Vec<&str> = out.iter().map(|p| p.unit.as_str()).collect();
    let titled = title_cluster(g, h.row, at, resolver, &listed).map(|(c, _)| c);
    for p in &mut out {
        p.title_cluster = titled.clone();
    }
    Some(out)
}

/// A row with a unit and a form of award but no name is a person the unit
/// proposed whose name was left out (or typed into another column): an
/// error at the name's cell, never a row passed over without a word. A row
/// whose unit cell names no unit of the list (a signature block, a note
/// typed beside the table) is not a person.
fn nameless(
    g: &Sheet,
    r: u32,
    (name_c, unit_c, award_c): (u32, u32, u32),
    at: &At,
    resolver: &dyn UnitResolver,
    problems: &mut Vec<Problem>,
) {
    let unit_name = g.text(r, unit_c);
    let award = g.text(r, award_c);
    if unit_name.is_empty() || award.is_empty() || is_note(&unit_name) || is_note(&award) {
        return;
    }
    let Ok((unit, shown)) = resolver.resolve_unit_quiet(&unit_name) else { return };
    problems.push(
        Problem::error(
            "no-name",
            at.cell(r, name_c),
            format!(
                "{shown}: dòng đề nghị \"{award}\" không ghi họ và tên cá nhân; dòng này không được tính. Hãy ghi họ và tên rồi chạy lại."
            ),
        )
        .with_unit(&unit),
    );
}
