//! Score sheets (SPEC §10 kind 2): a unit's self-assessment (2a), with an
//! optional verified column, and a scorer's marks for several units (2b).

use super::{find, hkey, is_data_name, is_note, label_value, points, unit_at, At, Sheet};
use crate::ingest::header::{is_column_number, is_total_label};
use crate::ingest::UnitResolver;
use crate::model::annual::{Criterion, CrossScoreSheet, Mark, SelfScoreSheet};
use crate::model::{Num, Problem};
use crate::vn::format::format_num;
use crate::vn::text::ascii_fold;

const CRITERION: &[&str] =
    &["Tiêu chí", "Nội dung tiêu chí", "Tiêu chí thi đua", "Nội dung chấm điểm", "Tiêu chí chấm điểm", "Nội dung", "Nội dung thi đua"];
const MAX: &[&str] = &["Điểm tối đa", "Điểm chuẩn", "Thang điểm", "Tối đa", "Điểm tối đa của tiêu chí"];
const SELF: &[&str] = &["Điểm tự chấm", "Tự chấm", "Đơn vị tự chấm", "Điểm đơn vị tự chấm", "Điểm tự đánh giá"];
const VERIFIED: &[&str] =
    &["Điểm thẩm định", "Thẩm định", "Điểm Cụm thẩm định", "Điểm Khối thẩm định", "Điểm được thẩm định", "Điểm thẩm định của Cụm"];
const SCORED: &[&str] = &["Đơn vị được chấm", "Đơn vị", "Tên đơn vị", "Đơn vị được đánh giá", "Tập thể"];
const TOTAL: &[&str] = &["Tổng điểm", "Tổng cộng", "Tổng", "Cộng"];

fn fmt(n: &Num) -> String {
    format_num(n, 2)
}

/// Depth of a criterion code: Roman groups at 0, "1" at 1 (0 without Roman
/// groups), "1.2" one deeper; letters, dashes and uncoded lines under the last number.
fn depth(code: &str, roman_groups: bool, last_numeric: usize) -> usize {
    let c = code.trim().trim_end_matches(['.', ')']);
    if crate::model::period::from_roman(c).is_some() {
        return 0;
    }
    let segs: Vec<&str> = c.split('.').collect();
    if segs.iter().all(|s| !s.is_empty() && s.chars().all(|ch| ch.is_ascii_digit())) {
        return segs.len() - 1 + usize::from(roman_groups);
    }
    last_numeric + 1
}

/// The code at the start of a criterion text: "1.1. Công tác thu" → "1.1".
fn leading_code(text: &str) -> String {
    let first = text.split_whitespace().next().unwrap_or("");
    let c = first.trim_end_matches(['.', ')', ':']);
    let numeric = !c.is_empty() && c.split('.').all(|s| !s.is_empty() && s.chars().all(|ch| ch.is_ascii_digit()));
    if numeric || crate::model::period::from_roman(c).is_some() {
        c.to_string()
    } else {
        String::new()
    }
}

/// Kind 2a. `None` when the sheet is not a self-assessment.
pub(super) fn read_self(g: &Sheet, at: &At, resolver: &dyn UnitResolver, problems: &mut Vec<Problem>) -> Option<Vec<SelfScoreSheet>> {
    let h = find(g.hk, &[CRITERION, MAX, SELF], &[VERIFIED])?;
    let (crit_c, max_c, self_c) = (h.req[0], h.req[1], h.req[2]);
    let ver_c = h.opt[0];
    let Some((name, nr, nc)) = label_value(g, h.row, &["Đơn vị", "Tên đơn vị", "Đơn vị tự chấm", "Đơn vị báo cáo", "Đơn vị tự đánh giá"])
    else {
        problems.push(Problem::error(
            "no-unit-line",
            at.sheet(),
            "Bảng tự chấm điểm không có dòng \"Đơn vị: …\" phía trên bảng, nên không biết điểm của đơn vị nào; bảng không được dùng.",
        ));
        return Some(vec![]);
    };
    let unit = unit_at(resolver, &name, at.ctx, at.cell(nr, nc), problems)?;

    // Rows of the table: (row, code, name).
    struct Row {
        r: u32,
        code: String,
        name: String,
    }
    let mut rows: Vec<Row> = Vec::new();
    let mut total_row = None;
    for r in h.row + 1..g.height() {
        let name = g.text(r, crit_c);
        let stt = h.stt.map(|c| g.text(r, c)).unwrap_or_default();
        if name.is_empty() && stt.is_empty() {
            continue;
        }
        if is_total_label(&name) || is_total_label(&stt) {
            total_row = Some(r);
            continue;
        }
        if is_note(&name) || is_note(&stt) {
            break;
        }
        if is_column_number(&name) && (stt.is_empty() || is_column_number(&stt)) && g.text(r, max_c).parse::<f64>().is_err() {
            continue;
        }
        let code = if !stt.is_empty() { stt.trim_end_matches(['.', ')']).to_string() } else { leading_code(&name) };
        rows.push(Row { r, code, name });
    }
    let roman_groups = rows.iter().any(|x| crate::model::period::from_roman(&x.code).is_some());
    let mut depths = Vec::with_capacity(rows.len());
    let mut last_numeric = 0;
    for x in &rows {
        let d = depth(&x.code, roman_groups, last_numeric);
        if x.code.chars().next().is_some_and(|c| c.is_ascii_digit() || c.is_ascii_uppercase()) {
            last_numeric = d;
        }
        depths.push(d);
    }
    let is_leaf = |i: usize| depths.get(i + 1).is_none_or(|&next| next <= depths[i]);
    let what = |x: &Row| format!("Tiêu chí {} \"{}\"", x.code, x.name.chars().take(60).collect::<String>());

    let mut out_rows = Vec::new();
    let mut maxes: Vec<Option<Num>> = Vec::new();
    for (i, x) in rows.iter().enumerate() {
        let max = points(g, x.r, max_c, at, &|| format!("{}: điểm tối đa", what(x)), problems);
        maxes.push(max.as_ref().map(|m| m.points));
        if !is_leaf(i) {
            continue;
        }
        let Some(max) = max else {
            if g.text(x.r, self_c).is_empty() {
                continue; // a heading line without points
            }
            problems.push(Problem::error(
                "no-max",
                at.cell(x.r, max_c),
                format!("{}: không ghi điểm tối đa, nên không kiểm tra được điểm chấm; tiêu chí này không được tính.", what(x)),
            ));
            continue;
        };
        let crit = Criterion { code: x.code.clone(), name: x.name.clone(), max: max.points };
        let check = |m: Option<Mark>, label: &str, problems: &mut Vec<Problem>| -> Option<Mark> {
            let m = m?;
            if m.points > crit.max {
                problems.push(Problem::error(
                    "above-max",
                    m.at.clone(),
                    format!("{}: {label} {} vượt điểm tối đa {}; điểm này không được tính.", what(x), fmt(&m.points), fmt(&crit.max)),
                ));
                return None;
            }
            Some(m)
        };
        let s = check(points(g, x.r, self_c, at, &|| format!("{}: điểm tự chấm", what(x)), problems), "điểm tự chấm", problems);
        let v = match ver_c {
            Some(c) => check(points(g, x.r, c, at, &|| format!("{}: điểm thẩm định", what(x)), problems), "điểm thẩm định", problems),
            None => None,
        };
        out_rows.push((crit, s, v));
    }
    // A parent's maximum is the sum of its children's (SPEC §10 kind 2a).
    for (i, x) in rows.iter().enumerate() {
        if is_leaf(i) {
            continue;
        }
        let Some(pmax) = maxes[i] else { continue };
        let mut sum = Num::zero();
        let mut j = i + 1;
        while j < rows.len() && (depths[j] > depths[i]) {
            if is_leaf(j) {
                if let Some(m) = maxes[j] {
                    sum = sum.checked_add(m).unwrap_or(sum);
                }
            }
            j += 1;
        }
        if sum != pmax && !sum.is_zero() {
            problems.push(
                Problem::warning(
                    "parent-max",
                    at.cell(x.r, max_c),
                    format!(
                        "{}: điểm tối đa ghi {}, nhưng tổng điểm tối đa các tiêu chí con là {}; điểm được tính theo các tiêu chí con.",
                        what(x),
                        fmt(&pmax),
                        fmt(&sum)
                    ),
                )
                .with_unit(&unit),
            );
        }
    }
    // The totals row is checked against the sum, and otherwise ignored.
    if let Some(tr) = total_row {
        for (c, label, pick) in [(Some(self_c), "tự chấm", 1usize), (ver_c, "thẩm định", 2)] {
            let Some(c) = c else { continue };
            let mut quiet = Vec::new();
            let Some(written) = points(g, tr, c, at, &|| "Tổng cộng".into(), &mut quiet) else { continue };
            let marks: Vec<&Option<Mark>> = out_rows.iter().map(|r| if pick == 1 { &r.1 } else { &r.2 }).collect();
            if marks.iter().all(|m| m.is_none()) {
                continue;
            }
            let sum = marks.iter().filter_map(|m| m.as_ref()).fold(Num::zero(), |a, m| a.checked_add(m.points).unwrap_or(a));
            if sum != written.points {
                problems.push(
                    Problem::warning(
                        "total-mismatch",
                        written.at,
                        format!(
                            "Dòng Tổng cộng ghi điểm {label} {}, nhưng tổng các tiêu chí là {}; dùng tổng các tiêu chí.",
                            fmt(&written.points),
                            fmt(&sum)
                        ),
                    )
                    .with_unit(&unit),
                );
            }
        }
    }
    if out_rows.iter().all(|r| r.1.is_none() && r.2.is_none()) {
        problems.push(
            Problem::warning(
                "no-points",
                at.sheet(),
                "Bảng tự chấm điểm chưa có điểm nào; đơn vị này chưa có điểm để xếp hạng.".to_string(),
            )
            .with_unit(&unit),
        );
        return Some(vec![]);
    }
    Some(vec![SelfScoreSheet { unit, at: at.sheet(), rows: out_rows }])
}

/// "Tiêu chí 1 (tối đa 20 điểm)" → 20.
fn max_in_header(text: &str) -> Option<Num> {
    let a = ascii_fold(text);
    let i = a.find("toi da")?;
    let rest = &a[i + "toi da".len()..];
    let num: String = rest.trim_start_matches([' ', ':']).chars().take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.').collect();
    match crate::ingest::number::parse_text(&num, false) {
        crate::ingest::number::Reading::Value(n) => Some(n),
        _ => None,
    }
}

/// Kind 2b. `None` when the sheet is not a cross-scoring sheet.
pub(super) fn read_cross(g: &Sheet, at: &At, resolver: &dyn UnitResolver, problems: &mut Vec<Problem>) -> Option<Vec<CrossScoreSheet>> {
    // The header: a unit column and at least one "Tiêu chí …" column.
    let mut header = None;
    for r in 0..g.hk.height() {
        let w = g.hk.width(r);
        let name_c = (0..w).find(|&c| super::any_of(g.hk.key(r, c), SCORED));
        let crits: Vec<u32> = (0..w).filter(|&c| g.hk.key(r, c).starts_with("tieu chi")).collect();
        if let Some(nc) = name_c {
            if !crits.is_empty() {
                header = Some((r, nc, crits));
                break;
            }
        }
    }
    let (hr, name_c, crit_cols) = header?;
    let w = g.width(hr);
    let total_c = (0..w).find(|&c| !crit_cols.contains(&c) && super::any_of(g.hk.key(hr, c), TOTAL));
    let Some((scorer_name, sr, sc)) = label_value(g, hr, &["Đơn vị chấm", "Đơn vị chấm điểm", "Đơn vị thực hiện chấm", "Đơn vị đánh giá"])
    else {
        problems.push(Problem::error(
            "no-scorer-line",
            at.sheet(),
            "Bảng chấm điểm không có dòng \"Đơn vị chấm: …\" phía trên bảng, nên không biết đơn vị nào chấm; bảng không được dùng.",
        ));
        return Some(vec![]);
    };
    let scorer = unit_at(resolver, &scorer_name, at.ctx, at.cell(sr, sc), problems)?;
    // The maximum: in the header, or on a "Điểm tối đa" row under it.
    let mut first_data = hr + 1;
    let max_row = (hr + 1..(hr + 3).min(g.height())).find(|&r| (0..g.width(r)).any(|c| hkey(&g.text(r, c)) == hkey("Điểm tối đa")));
    let mut criteria = Vec::new();
    let mut usable = Vec::new();
    for (i, &c) in crit_cols.iter().enumerate() {
        let text = g.text(hr, c);
        let name = text.split('(').next().unwrap_or(&text).trim().to_string();
        let mut max = max_in_header(&text);
        if max.is_none() {
            if let Some(mr) = max_row {
                max = points(g, mr, c, at, &|| format!("{name}: điểm tối đa"), problems).map(|m| m.points);
            }
        }
        let marked = (hr + 1..g.height()).any(|r| !g.text(r, c).is_empty() && Some(r) != max_row);
        if max.is_none() && marked {
            problems.push(Problem::error(
                "no-max",
                at.cell(hr, c),
                format!("{name}: không ghi điểm tối đa (trong tiêu đề, \"(tối đa 20 điểm)\", hoặc ở dòng \"Điểm tối đa\"); cột này không được tính."),
            ));
        }
        usable.push(max.is_some());
        criteria.push(Criterion { code: format!("{}", i + 1), name, max: max.unwrap_or_else(Num::zero) });
    }
    if let Some(mr) = max_row {
        first_data = mr + 1;
    }
    let mut rows = Vec::new();
    for r in first_data..g.height() {
        let name = g.text(r, name_c);
        if name.is_empty() {
            continue;
        }
        if is_note(&name) {
            break;
        }
        if !is_data_name(&name) {
            continue;
        }
        let Some(unit) = unit_at(resolver, &name, Some(&scorer), at.cell(r, name_c), problems) else { continue };
        let mut marks = Vec::new();
        for (i, &c) in crit_cols.iter().enumerate() {
            let m = if usable[i] { points(g, r, c, at, &|| format!("{} cho {name}", criteria[i].name), problems) } else { None };
            let m = match m {
                Some(m) if m.points > criteria[i].max => {
                    problems.push(
                        Problem::error(
                            "above-max",
                            m.at.clone(),
                            format!(
                                "{} cho {name}: điểm {} vượt điểm tối đa {}; điểm này không được tính.",
                                criteria[i].name,
                                fmt(&m.points),
                                fmt(&criteria[i].max)
                            ),
                        )
                        .with_unit(&unit),
                    );
                    None
                }
                m => m,
            };
            marks.push(m);
        }
        if let Some(tc) = total_c {
            let mut quiet = Vec::new();
            if let Some(written) = points(g, r, tc, at, &|| "Tổng điểm".into(), &mut quiet) {
                let sum = marks.iter().flatten().fold(Num::zero(), |a, m| a.checked_add(m.points).unwrap_or(a));
                if marks.iter().all(|m| m.is_some()) && sum != written.points {
                    problems.push(
                        Problem::warning(
                            "total-mismatch",
                            written.at,
                            format!(
                                "{name}: cột Tổng điểm ghi {}, nhưng tổng các tiêu chí là {}; dùng tổng các tiêu chí.",
                                fmt(&written.points),
                                fmt(&sum)
                            ),
                        )
                        .with_unit(&unit),
                    );
                }
            }
        }
        if marks.iter().all(|m| m.is_none()) {
            continue; // a member listed by the form but not scored
        }
        rows.push((unit, marks));
    }
    Some(vec![CrossScoreSheet { scorer, at: at.sheet(), criteria, rows }])
}
