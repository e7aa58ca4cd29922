//! The eligibility sheet (SPEC §10 kind 4), one row per unit: the facts of
//! 3636 B.I.2 (not considered), B.I.3 (deferred) and B.II (standards).

use super::{find_with, named_rows, one_merged_header, twins_said, unit_at, yes_no, yes_no_noted, At, Sheet};
use crate::ingest::UnitResolver;
use crate::model::annual::{EligibilityRow, Flag};
use crate::model::{CellRef, Location, Problem};

const NAME: &[&str] = &["Đơn vị", "Tên đơn vị", "Tập thể", "Tên tập thể"];
const COVENANT: &[&str] = &["Đã ký giao ước thi đua", "Ký giao ước thi đua", "Đã ký giao ước", "Ký giao ước"];
const TITLE: &[&str] = &["Tập thể lao động xuất sắc", "Danh hiệu Tập thể lao động xuất sắc", "TTLĐXS", "Đạt Tập thể lao động xuất sắc"];
const EXCEEDED: &[&str] = &["Hoàn thành vượt mức chỉ tiêu", "Hoàn thành vượt mức các chỉ tiêu", "Vượt mức chỉ tiêu", "Hoàn thành vượt mức"];
const DEMOTED: &[&str] = &[
    "Bị hạ bậc xếp loại (khoản 4 Điều 13 QĐ 1779)",
    "Bị hạ bậc xếp loại",
    "Hạ bậc xếp loại",
    "Bị hạ bậc đánh giá, xếp loại",
    "Hạ bậc đánh giá, xếp loại",
];
const VIOLATION: &[&str] = &["Vi phạm nghiêm trọng", "Có vi phạm nghiêm trọng", "Sai phạm nghiêm trọng"];
const REVIEW: &[&str] = &[
    "Đang xem xét kỷ luật, thanh tra, kiểm tra, khiếu nại",
    "Đang xem xét kỷ luật, thanh tra, kiểm tra, khiếu nại, tố cáo",
    "Đang bị xem xét kỷ luật, thanh tra, kiểm tra",
    "Đang xem xét kỷ luật",
];
const MODEL: &[&str] = &["Nhân tố mới, mô hình mới", "Mô hình mới, nhân tố mới", "Nhân tố mới", "Mô hình mới"];
const LEADS: &[&str] = &["Dẫn đầu lĩnh vực công tác trọng tâm", "Dẫn đầu lĩnh vực", "Lĩnh vực dẫn đầu"];
const ACHIEVE: &[&str] = &["Thành tích nổi bật", "Thành tích", "Thành tích tiêu biểu"];
const PAST: &[&str] = &["Khen thưởng đã đạt", "Hình thức khen thưởng đã đạt", "Danh hiệu, khen thưởng đã đạt", "Khen thưởng đã nhận"];

/// A condition's column headed in other words than the names above, the
/// regulation's among them ("Hoàn thành vượt mức các chỉ tiêu thi đua và
/// nhiệm vụ được giao", "đơn vị có các vụ việc tiêu cực, tham nhũng, sai
/// phạm nghiêm trọng": Hướng dẫn 3636/HD-BHXH, mục B.I.2, B.I.3, B.II), by
/// the words that tell the conditions apart: the index of its column among
/// the optional ones of `read`. `key` is the header's key (`hkey`). A
/// header that speaks of two conditions is none of them, and so is one in
/// the negative ("Không ký giao ước"), whose "x" would mean the opposite.
fn worded(key: &str) -> Option<usize> {
    // Header keys mark tones with digits ("vuot5 muc1"): words only.
    let a: String = key.chars().filter(|c| !c.is_ascii_digit()).collect();
    let has = |w: &str| a.contains(w);
    let words: Vec<&str> = a.split(|c: char| !c.is_alphanumeric()).collect();
    if words.iter().any(|w| matches!(*w, "khong" | "chua")) {
        return None;
    }
    let hits: Vec<usize> = [
        (0, has("giao uoc")),
        (1, has("lao dong xuat sac") || has("ttldxs")),
        (2, has("vuot muc")),
        (3, has("ha bac")),
        (4, has("nghiem trong") || has("tieu cuc") || (has("tham nhung") && !has("chong tham nhung"))),
        (5, has("xem xet") || has("ky luat") || has("thanh tra") || has("dieu tra") || has("khieu nai") || has("to cao")),
        (6, has("nhan to moi") || has("mo hinh moi")),
        (7, has("linh vuc") && (has("dan dau") || has("trong tam"))),
    ]
    .into_iter()
    .filter(|x| x.1)
    .map(|x| x.0)
    .collect();
    (hits.len() == 1).then(|| hits[0])
}

pub(super) fn read(g: &Sheet, at: &At, resolver: &dyn UnitResolver, problems: &mut Vec<Problem>) -> Option<Vec<EligibilityRow>> {
    let h = find_with(g.hk, &[NAME], &[COVENANT, TITLE, EXCEEDED, DEMOTED, VIOLATION, REVIEW, MODEL, LEADS, ACHIEVE, PAST], &worded)?;
    // At least three of the yes/no columns make it an eligibility sheet.
    if h.opt[..6].iter().filter(|c| c.is_some()).count() < 3 {
        return None;
    }
    let name_c = h.req[0];
    let flag_cols: Vec<Option<u32>> = h.opt[..6].to_vec();
    let mut out = Vec::new();
    let mut near: Option<String> = at.ctx.map(String::from);
    for (r, name) in named_rows(g, h.row + 1, name_c) {
        let Some(unit) = unit_at(resolver, &name, near.as_deref(), at.cell(r, name_c), problems) else { continue };
        near = Some(unit.clone());
        let mut flags: Vec<Flag> = Vec::new();
        let mut notes: Vec<String> = Vec::new();
        let mut unreadable = Vec::new();
        let mut any = false;
        for (i, c) in flag_cols.iter().enumerate() {
            let Some(c) = *c else {
                flags.push(None);
                continue;
            };
            match yes_no_noted(g.shown(r, c)) {
                Ok(Some((b, note))) => {
                    any = true;
                    if let Some(note) = note {
                        notes.push(format!("{}: {note}", crate::vn::text::clean(&g.text(h.row, c))));
                    }
                    flags.push(Some((b, at.cell(r, c))));
                }
                Ok(None) => flags.push(None),
                Err(why) => {
                    problems.push(
                        Problem::error(
                            "bad-flag",
                            at.cell(r, c),
                            format!(
                                "{name}, cột \"{}\": {why} (ghi Có hoặc Không, có thể kèm ghi chú trong ngoặc, ví dụ \"Có (QĐ số 12/QĐ-BHXH)\"); ô này được coi như chưa ghi.",
                                g.text(h.row, c)
                            ),
                        )
                        .with_unit(&unit),
                    );
                    flags.push(None);
                    unreadable.push((crate::vn::text::clean(&g.text(h.row, c)), at.cell(r, c)));
                    let _ = i;
                }
            }
        }
        // "x/blank" convention: in a row that marks its "yes" answers only
        // (x, Có, 1) and writes no "no" anywhere, a blank means "Không". A
        // row written in Có/Không (the form's list) says "no" in words, so a
        // blank there is a cell left unanswered, and a dash ("-") says
        // neither: such a cell is reported and the unit's conditions stay
        // unknown (3636, mục B.I.2, B.I.3), never taken as met.
        if any {
            let says_no = flags.iter().any(|f| matches!(f, Some((false, _))));
            for (i, f) in flags.iter_mut().enumerate() {
                let Some(c) = flag_cols[i] else { continue };
                if f.is_some() || unreadable.iter().any(|(_, l)| *l == at.cell(r, c)) {
                    continue;
                }
                let typed = g.text(r, c);
                if typed.trim().is_empty() && !says_no {
                    *f = Some((false, at.cell(r, c)));
                    continue;
                }
                let header = crate::vn::text::clean(&g.text(h.row, c));
                let what = if typed.trim().is_empty() {
                    "ô này để trống, trong khi các cột khác của dòng ghi Có hoặc Không, nên không biết là Có hay Không".to_string()
                } else {
                    format!("ô này ghi \"{}\", không rõ là Có hay Không", typed.trim())
                };
                problems.push(
                    Problem::error(
                        "unanswered-flag",
                        at.cell(r, c),
                        format!(
                            "{name}, cột \"{header}\": {what}; chưa xác định được điều kiện xét thi đua của đơn vị nên đơn vị chưa được đề nghị khen thưởng (Hướng dẫn 3636/HD-BHXH, mục B.I.2, B.I.3). Hãy ghi Có hoặc Không vào ô này rồi gửi lại."
                        ),
                    )
                    .with_unit(&unit),
                );
                unreadable.push((header, at.cell(r, c)));
            }
        } else {
            problems.push(
                Problem::warning(
                    "eligibility-blank",
                    at.cell(r, name_c),
                    format!(
                        "{name}: dòng điều kiện xét thi đua chưa đánh dấu cột nào; không xác định được điều kiện và tiêu chuẩn của đơn vị."
                    ),
                )
                .with_unit(&unit),
            );
        }
        // Two columns for one condition that disagree on this row: which
        // one the sender meant cannot be told, so the unit's conditions are
        // not known (as for a cell that cannot be read).
        for &(a, b) in &h.twins {
            if one_merged_header(g, h.row, a, b) {
                continue;
            }
            let same = if flag_cols.contains(&Some(a)) {
                yes_no(g.shown(r, a)).ok() == yes_no(g.shown(r, b)).ok()
            } else {
                crate::vn::text::clean(&g.text(r, a)) == crate::vn::text::clean(&g.text(r, b))
            };
            if same {
                continue;
            }
            problems.push(
                Problem::error(
                    "twin-columns",
                    at.cell(r, b),
                    format!(
                        "{name}: bảng {}. Không biết cột nào đúng nên chưa xác định được điều kiện xét thi đua của đơn vị. Hãy xóa hoặc ghi rõ tiêu đề một cột rồi gửi lại.",
                        twins_said(g, h.row, a, b, r)
                    ),
                )
                .with_unit(&unit),
            );
            unreadable.push((crate::vn::text::clean(&g.text(h.row, a)), at.cell(r, b)));
        }
        let text = |i: usize| h.opt[i].map(|c| g.text(r, c)).unwrap_or_default();
        // One award a line, or several on one line split by ";" before a
        // year ("2021 - Cờ thi đua …; 2020 - Tập thể lao động xuất sắc").
        let past: Vec<String> = text(9)
            .lines()
            .flat_map(split_before_years)
            .map(|l| l.trim().trim_start_matches(['-', '+', '•']).trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        if let (Some((false, no)), Some(c)) = (&flags[2], h.opt[8]) {
            claims_exceeded(&name, &text(8), no, CellRef::new(r, c), &unit, problems);
        }
        out.push(EligibilityRow {
            unit,
            at: at.cell(r, name_c),
            covenant: flags[0].clone(),
            excellent_title: flags[1].clone(),
            exceeded_targets: flags[2].clone(),
            demoted: flags[3].clone(),
            serious_violation: flags[4].clone(),
            under_review: flags[5].clone(),
            new_model: text(6),
            leads_field: text(7),
            achievements: text(8),
            past_awards: past,
            notes,
            unreadable,
        });
    }
    Some(out)
}

/// A row whose "Hoàn thành vượt mức chỉ tiêu" says no while its own
/// achievements say the targets were exceeded ("Hoàn thành vượt mức các
/// chỉ tiêu được giao năm 2022"): the standard is weighed by the yes/no
/// cell (3636, mục B.II), but the Tờ trình and the achievement report print
/// the unit's text as written, so the signer would put his name under both.
/// A warning at the "no", naming the text's cell; a text that negates it
/// ("chưa hoàn thành vượt mức") says no contradiction.
fn claims_exceeded(name: &str, achievements: &str, no: &Location, text_at: CellRef, unit: &str, problems: &mut Vec<Problem>) {
    let folded = crate::vn::text::ascii_fold(achievements);
    let Some(i) = folded.find("vuot muc") else { return };
    let before = folded[..i].trim_end();
    if ["khong", "chua", "khong hoan thanh", "chua hoan thanh"].iter().any(|n| before.ends_with(n)) {
        return;
    }
    problems.push(
        Problem::warning(
            "achievements-contradict",
            no.clone(),
            format!(
                "{name}: ô \"Hoàn thành vượt mức chỉ tiêu\" ghi không, nhưng thành tích nổi bật (ô {text_at}) ghi \"{}\"; việc xét tiêu chuẩn theo ô này (không đạt), còn báo cáo thành tích in nguyên văn thành tích đơn vị ghi. Hãy kiểm tra, sửa một trong hai ô cho đúng trước khi ký.",
                achievements.trim().chars().take(120).collect::<String>()
            ),
        )
        .with_unit(unit),
    );
}

/// A line of awards cut at each ";" that a year follows: "2021 - A; 2020 -
/// B" is two awards, "Quyết định số 12; 13" stays one.
fn split_before_years(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in line.match_indices(';') {
        let next = line[i + 1..].trim_start();
        let year = next.get(..4).is_some_and(|y| y.bytes().all(|b| b.is_ascii_digit()) && (y.starts_with("19") || y.starts_with("20")));
        if year {
            out.push(&line[start..i]);
            start = i + 1;
        }
    }
    out.push(&line[start..]);
    out
}

#[cfg(test)]
mod split_tests {
    #[test]
    fn awards_on_one_line_are_split_before_each_year_only() {
        assert_eq!(
            super::split_before_years("2021 - Cờ thi đua của BHXH Việt Nam; 2020 - Tập thể lao động xuất sắc"),
            vec!["2021 - Cờ thi đua của BHXH Việt Nam", " 2020 - Tập thể lao động xuất sắc"]
        );
        assert_eq!(super::split_before_years("2021 Bằng khen - QĐ số 12; 13/QĐ-BHXH"), vec!["2021 Bằng khen - QĐ số 12; 13/QĐ-BHXH"]);
    }
}
