//! Score sheets (SPEC §10 kind 2): a unit's self-assessment (2a), with an
//! optional verified column, and a scorer's marks for several units (2b).

use super::{find, hkey, is_note, label_value, named_rows, points, twins_differ, unit_at, At, Sheet};
use crate::ingest::header::{is_column_number, is_total_label};
use crate::ingest::UnitResolver;
use crate::model::annual::{Criterion, CrossScoreSheet, Mark, SelfScoreSheet};
use crate::model::{Num, Problem};
use crate::vn::format::format_num;
use crate::vn::text::ascii_fold;
use std::collections::BTreeSet;

pub(super) const CRITERION: &[&str] =
    &["Tiêu chí", "Nội dung tiêu chí", "Tiêu chí thi đua", "Nội dung chấm điểm", "Tiêu chí chấm điểm", "Nội dung", "Nội dung thi đua"];
pub(super) const MAX: &[&str] = &["Điểm tối đa", "Điểm chuẩn", "Thang điểm", "Tối đa", "Điểm tối đa của tiêu chí"];
/// The unit's own points. In a sheet of criteria with their maxima, whose
/// rows are the criteria of one unit, "Điểm chấm" and "Điểm đơn vị chấm"
/// are the unit's own points too (scorers word the header their way).
const SELF: &[&str] = &[
    "Điểm tự chấm",
    "Tự chấm",
    "Đơn vị tự chấm",
    "Điểm đơn vị tự chấm",
    "Điểm tự đánh giá",
    "Điểm chấm",
    "Điểm đơn vị chấm",
    "Điểm tự chấm của đơn vị",
    "Điểm đơn vị tự đánh giá",
];
/// Plainer words for the unit's points ("Số điểm" beside "Tối đa" under a
/// merged "Điểm"): taken only when the usual names are absent, and only
/// while no other column of the row holds points (see `read_self`), so
/// that the column cannot be another's points.
const SELF_PLAIN: &[&str] = &["Số điểm", "Điểm số", "Điểm", "Điểm đạt", "Điểm đạt được", "Số điểm đạt được", "Số điểm tự chấm"];
const VERIFIED: &[&str] =
    &["Điểm thẩm định", "Thẩm định", "Điểm Cụm thẩm định", "Điểm Khối thẩm định", "Điểm được thẩm định", "Điểm thẩm định của Cụm"];
/// The cross-scoring sheet's unit column, as scorers retype it. Only read
/// in a row that also has "Tiêu chí …" columns, so these names make no
/// other header ambiguous.
const SCORED: &[&str] = &[
    "Đơn vị được chấm",
    "Đơn vị",
    "Tên đơn vị",
    "Đơn vị được đánh giá",
    "Tập thể",
    "Tên đơn vị được chấm",
    "Đơn vị được chấm điểm",
    "Tên đơn vị được chấm điểm",
    "Tên đơn vị được đánh giá",
    "Tên tập thể",
    "Tập thể được chấm",
    "Đơn vị thành viên",
    "Tên đơn vị thành viên",
];
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

/// A code column of its own ("Mã tiêu chí").
const CODE: &[&str] = &["Mã tiêu chí", "Mã số tiêu chí", "Mã", "Mã số", "Số hiệu tiêu chí"];

/// Kind 2a. `None` when the sheet is not a self-assessment.
///
/// The structure comes from the content (SPEC §13): a criterion's code may
/// be in its own column, in STT (when STT carries a hierarchy: "I", "1.1"),
/// or typed at the start of the text ("1.", "1.1.", "I."); the blank form's
/// STT is a plain 1, 2, 3 … and says nothing about groups. Without any code,
/// a group row is recognised by its sums: its maximum and its points equal
/// those of the rows under it, and the totals row must confirm the reading.
/// When the structure stays ambiguous, or a subtotal or the totals row
/// disagrees with the leaves, the unit is not ranked: an error at the cell.
/// The labels of a self-assessment's line naming its unit ("Đơn vị: …").
const UNIT_LABELS: &[&str] = &["Đơn vị", "Tên đơn vị", "Đơn vị tự chấm", "Đơn vị báo cáo", "Đơn vị tự đánh giá"];

pub(super) fn read_self(g: &Sheet, at: &At, resolver: &dyn UnitResolver, problems: &mut Vec<Problem>) -> Option<Vec<SelfScoreSheet>> {
    let h = match find(g.hk, &[CRITERION, MAX, SELF], &[VERIFIED, CODE]) {
        Some(h) => h,
        None => match find(g.hk, &[CRITERION, MAX, SELF_PLAIN], &[VERIFIED, CODE]) {
            Some(h) => h,
            None => criterion_by_words(g)?,
        },
    };
    if twins_differ(g, &h, at, problems) {
        return Some(vec![]);
    }
    let mut cols = Cols { row: h.row, crit: h.req[0], max: h.req[1], own: h.req[2], ver: h.opt[0], code: h.opt[1], stt: h.stt };
    if cols.ver.is_none() {
        // The verified score under another header ("Kết quả thẩm định",
        // "Điểm sau thẩm định") is still the verified score; another column
        // of points that is not understood ("Cụm chấm", "Điểm được duyệt")
        // stops the sheet at its header: reading the self-score in its place
        // would rank the unit on the wrong points.
        let row = &g.hk.rows[h.row as usize];
        let free = |c: usize| {
            let c32 = c as u32;
            ![cols.crit, cols.max, cols.own].contains(&c32) && cols.code != Some(c32) && cols.stt != Some(c32)
        };
        // Keys carry tone digits ("tham3 dinh5"); a word is looked for
        // without them, so a slip in a tone mark ("Thẩm đinh") still counts.
        let toneless = |k: &str| k.chars().filter(|c| !c.is_ascii_digit()).collect::<String>();
        let speaks = |c: usize, w: &str| toneless(&row[c].0).contains(w) || toneless(&row[c].1).contains(w);
        if let Some(c) = (0..row.len()).find(|&c| free(c) && speaks(c, "tham dinh")) {
            cols.ver = Some(c as u32);
        } else if let Some(c) = (0..row.len()).find(|&c| {
            free(c)
                && (speaks(c, "cham") || speaks(c, "duyet") || speaks(c, "diem"))
                && (h.row + 1..g.height().min(h.row + 80))
                    .any(|r| matches!(g.shown(r, c as u32), crate::ingest::grid::Value::Number { .. }))
        }) {
            // Whose sheet it is, when its "Đơn vị: …" line says so: the
            // unit sent a sheet that cannot be used yet, it did not fail to
            // send one.
            let owner = label_value(g, h.row, UNIT_LABELS)
                .or_else(|| issuer_above(g, h.row, resolver))
                .and_then(|(name, _, _)| resolver.resolve_unit_quiet(&name).ok());
            let text = format!(
                "Cột \"{}\" ghi điểm nhưng không rõ là điểm gì; bảng tự chấm có các cột \"Điểm tối đa\", \"Điểm tự chấm\" và, nếu có, \"Điểm thẩm định\". Sửa tiêu đề cột cho đúng; bảng này chưa được dùng.",
                g.text(h.row, c as u32)
            );
            problems.push(match owner {
                Some((id, shown)) => {
                    Problem::error("unknown-score-column", at.cell(h.row, c as u32), format!("{shown}: {text}")).with_unit(&id)
                }
                None => Problem::error("unknown-score-column", at.cell(h.row, c as u32), text),
            });
            return Some(vec![]);
        }
    }
    let Some((name, nr, nc)) = label_value(g, h.row, UNIT_LABELS).or_else(|| issuer_above(g, h.row, resolver)) else {
        problems.push(Problem::error(
            "no-unit-line",
            at.sheet(),
            "Bảng tự chấm điểm không có dòng \"Đơn vị: …\" phía trên bảng, và tiêu đề không ghi tên một đơn vị duy nhất của danh sách, nên không biết điểm của đơn vị nào; bảng không được dùng. Hãy thêm dòng \"Đơn vị: <tên đơn vị>\" phía trên bảng.",
        ));
        return Some(vec![]);
    };
    // A unit not found is said at its name; the sheet is still a
    // self-assessment (not a table whose points column went unrecognised).
    let Some(unit) = unit_at(resolver, &name, at.ctx, at.cell(nr, nc), problems) else { return Some(vec![]) };
    // How the messages name it: as the list does.
    let shown = resolver.resolve_unit_quiet(&name).map_or(name.clone(), |(_, n)| n);
    let mut errors: Vec<Problem> = Vec::new();
    // Problems of this sheet's cells start here: any error among them stops
    // the unit (a point that cannot be read is not guessed as 0).
    let first_problem = problems.len();

    let (rows, total_row) = table_rows(g, &cols, at, problems);
    let codes = criterion_codes(&rows);
    let depths = structure(g, &cols, at, &rows, codes.as_deref(), total_row, &mut errors);
    let is_leaf = leaves(&rows, &depths);
    let out_rows = scored_leaves(&cols, at, &rows, (codes.as_deref(), &depths), &is_leaf, &mut errors);
    let t = Tree { rows: &rows, codes: codes.as_deref(), depths: &depths, is_leaf: &is_leaf, leaves: &out_rows };
    check_groups(&cols, at, &t, &mut errors);
    let read_errors = problems[first_problem..].iter().any(|p| p.severity == crate::model::Severity::Error);
    // A criterion's points that could not be read (merged over two rows,
    // not a number) are missing from the sum: the totals row would then
    // disagree by exactly those points, a second error for the same cell.
    // Likewise a point refused here (above its maximum, or without one) is
    // out of the leaves' sum: "Tổng cộng ghi 96, nhưng tổng … là 84" would
    // blame a total that adds up as typed.
    if let Some(tr) = total_row.filter(|_| !read_errors && errors.is_empty()) {
        check_total(g, &cols, at, tr, &out_rows, &mut errors);
    }

    if !errors.is_empty() || read_errors {
        // Each says whose sheet it is, as the other messages do ("BHXH thành
        // phố Sầm Sơn: Dòng Tổng cộng ghi …"): the file name may not tell.
        let owned = |mut p: Problem| {
            if !p.message.starts_with(&shown) {
                p.message = format!("{shown}: {}", p.message);
            }
            p.with_unit(&unit)
        };
        for p in problems[first_problem..].iter_mut() {
            *p = owned(p.clone());
        }
        problems.extend(errors.into_iter().map(owned));
        return Some(vec![]);
    }
    let out_rows: Vec<(Criterion, Option<Mark>, Option<Mark>)> = out_rows.into_iter().map(|(_, c, s, v)| (c, s, v)).collect();
    if out_rows.iter().all(|r| r.1.is_none() && r.2.is_none()) {
        problems.push(
            Problem::warning(
                "no-points",
                at.sheet(),
                format!("Bảng tự chấm điểm của {shown} chưa có điểm nào; đơn vị này chưa có điểm để xếp hạng."),
            )
            .with_unit(&unit),
        );
        return Some(vec![]);
    }
    Some(vec![SelfScoreSheet { unit, at: at.cell(nr, nc), rows: out_rows }])
}

/// The unit a self-assessment typed without a "Đơn vị: …" line names above
/// its table: the issuing body under the governing one in its letterhead
/// ("BẢO HIỂM XÃ HỘI VIỆT NAM" / "BAN QUẢN LÝ THU, SỔ - THẺ", Nghị định
/// 30/2020, Phụ lục I, mục II.2), or the report it goes with ("(Kèm theo
/// Báo cáo số 25/BC-QLT … của Ban Quản lý Thu, Sổ - Thẻ)"). Taken only when
/// every such cell names the same one unit; otherwise the sheet is refused
/// as before, since its points cannot be given to a unit with certainty.
fn issuer_above(g: &Sheet, before: u32, resolver: &dyn UnitResolver) -> Option<(String, u32, u32)> {
    let mut found: Option<(String, String, u32, u32)> = None;
    for r in 0..before.min(g.height()) {
        for c in 0..g.width(r) {
            let t = g.text(r, c);
            let t = t.trim().trim_start_matches('(').trim_end_matches(')').trim();
            if t.is_empty() || t.chars().count() > 200 {
                continue;
            }
            // The whole cell, and the words after its last "của".
            let words: Vec<&str> = t.split_whitespace().collect();
            let after_cua = words.iter().rposition(|w| crate::vn::text::ascii_fold(w) == "cua").map(|at| words[at + 1..].join(" "));
            for candidate in std::iter::once(t.to_string()).chain(after_cua) {
                let Ok((id, _)) = resolver.resolve_unit_quiet(&candidate) else { continue };
                match &found {
                    None => found = Some((id, candidate, r, c)),
                    Some((had, ..)) if *had == id => {}
                    Some(_) => return None,
                }
            }
        }
    }
    found.map(|(_, name, r, c)| (name, r, c))
}

/// The columns of a self-assessment: the header row, criterion, maximum,
/// self-score, and the optional verified score, code and STT.
struct Cols {
    row: u32,
    crit: u32,
    max: u32,
    own: u32,
    ver: Option<u32>,
    code: Option<u32>,
    stt: Option<u32>,
}

/// A row of the table with its three codes and its figures.
struct Row {
    r: u32,
    stt: String,
    text_code: String,
    own_code: String,
    name: String,
    max: Option<Num>,
    own: Option<Mark>,
    ver: Option<Mark>,
    /// The self-score cell holds nothing to read: `Some(true)` a formula
    /// saved without its result, `Some(false)` blank (or "-", "x");
    /// `None` when it holds something (read, or reported as unreadable).
    own_blank: Option<bool>,
}

/// A scored criterion: its row index, the criterion, self and verified points.
type Leaf = (usize, Criterion, Option<Mark>, Option<Mark>);

/// How a message names a criterion.
fn what(code: &str, name: &str) -> String {
    let short: String = name.chars().take(60).collect();
    if code.is_empty() {
        format!("Tiêu chí \"{short}\"")
    } else {
        format!("Tiêu chí {code} \"{short}\"")
    }
}

/// A self-assessment whose criterion column is worded as none of
/// `CRITERION` ("Nội dung tiêu chí chấm điểm", "Các tiêu chí"): the points
/// columns found, the column beside them whose header speaks of criteria or
/// contents is it. Without such a column the sheet is not taken for a
/// self-assessment (another reader may know it).
fn criterion_by_words(g: &Sheet) -> Option<super::Found> {
    let h = find(g.hk, &[MAX, SELF], &[VERIFIED, CODE])?;
    let row = &g.hk.rows[h.row as usize];
    let toneless = |k: &str| k.chars().filter(|c| !c.is_ascii_digit()).collect::<String>();
    let speaks = |c: usize| {
        [&row[c].0, &row[c].1].iter().any(|k| {
            let t = toneless(k);
            t.contains("tieu chi") || t.starts_with("noi dung")
        })
    };
    let taken = |c: u32| h.req.contains(&c) || h.stt == Some(c) || h.opt.contains(&Some(c));
    let crit = (0..row.len()).find(|&c| !taken(c as u32) && speaks(c))? as u32;
    Some(super::Found { req: vec![crit, h.req[0], h.req[1]], ..h })
}

/// The rows of the table (blank form rows, column numbers skipped; the
/// table ends at the notes), and the totals row if any.
fn table_rows(g: &Sheet, cols: &Cols, at: &At, problems: &mut Vec<Problem>) -> (Vec<Row>, Option<u32>) {
    let (crit_c, max_c, self_c, ver_c, code_c) = (cols.crit, cols.max, cols.own, cols.ver, cols.code);
    let mut rows: Vec<Row> = Vec::new();
    let mut total_row = None;
    for r in cols.row + 1..g.height() {
        let name = g.text(r, crit_c);
        let stt = cols.stt.map(|c| g.text_ref(r, c)).unwrap_or_default();
        let own_code = code_c.map(|c| g.text_ref(r, c)).unwrap_or_default();
        let has_figures = [Some(max_c), Some(self_c), ver_c].into_iter().flatten().any(|c| !g.is_blank(r, c));
        if name.is_empty() && own_code.is_empty() && !has_figures {
            continue; // a pre-numbered row of the form left blank
        }
        // Below the totals, a row naming no criterion is the signature
        // ("GIÁM ĐỐC", the director's name typed under the points column),
        // not a criterion without a name: the table has ended.
        if total_row.is_some() && name.is_empty() && stt.trim().is_empty() && own_code.is_empty() {
            break;
        }
        if is_total_label(&name) || is_total_label(&stt) {
            total_row = Some(r);
            continue;
        }
        if is_note(&name) || (name.is_empty() && is_note(&stt)) {
            break;
        }
        if is_column_number(&name) && (stt.is_empty() || is_column_number(&stt)) && g.text(r, max_c).parse::<f64>().is_err() {
            continue;
        }
        // Named only when a message needs it.
        let label = || what(&leading_code(&name), &name);
        let max = points(g, r, max_c, at, &|| format!("{}: điểm tối đa", label()), problems).map(|m| m.points);
        let own = points(g, r, self_c, at, &|| format!("{}: điểm tự chấm", label()), problems);
        let ver = ver_c.and_then(|c| points(g, r, c, at, &|| format!("{}: điểm thẩm định", label()), problems));
        let stt = stt.trim().trim_end_matches(['.', ')']).to_string();
        let own_code = own_code.trim().trim_end_matches(['.', ')']).to_string();
        let own_blank = match g.shown(r, self_c) {
            crate::ingest::grid::Value::Empty => Some(false),
            crate::ingest::grid::Value::Uncomputed => Some(true),
            crate::ingest::grid::Value::Text(t)
                if matches!(crate::ingest::number::parse_text(t, false), crate::ingest::number::Reading::Blank) =>
            {
                Some(false)
            }
            _ => None,
        };
        rows.push(Row { r, stt, text_code: leading_code(&name), own_code, name, max, own, ver, own_blank });
    }
    (rows, total_row)
}

fn is_roman(c: &str) -> bool {
    crate::model::period::from_roman(c).is_some()
}

/// Where the codes are: their own column, a hierarchical STT, or the text;
/// the source that codes the most rows (a plain 1, 2, 3 … in STT is the
/// form's numbering and says nothing about groups). `None` without codes.
/// When the STT and the text code as many rows, the code typed into the
/// criterion's own text ("1.1. Ban hành kế hoạch …" beside an STT "1") is
/// the one its author meant: an STT's numbers may run on from one group to
/// the next ("I, 1, 2, II, 3, 4 …").
fn criterion_codes(rows: &[Row]) -> Option<Vec<String>> {
    let hierarchical = |c: &str| c.contains('.') || is_roman(c);
    let count = |f: &dyn Fn(&Row) -> &str| rows.iter().filter(|x| !f(x).is_empty()).count();
    let stt_hier = rows.iter().any(|x| hierarchical(&x.stt));
    let sources = [
        (count(&|x| x.own_code.as_str()), 0usize),
        (if stt_hier { count(&|x| x.stt.as_str()) } else { 0 }, 1),
        (count(&|x| x.text_code.as_str()), 2),
    ];
    // On a tie: the code column, then the text, then the STT.
    let rank = |src: usize| [2, 0, 1][src];
    let best = sources.iter().filter(|s| s.0 > 0).max_by(|a, b| a.0.cmp(&b.0).then(rank(a.1).cmp(&rank(b.1)))).map(|s| s.1);
    best.map(|src| {
        rows.iter()
            .map(|x| match src {
                0 => x.own_code.clone(),
                1 if x.stt.is_empty() => x.text_code.clone(),
                1 => x.stt.clone(),
                _ => x.text_code.clone(),
            })
            .collect()
    })
}

/// The depth of each row: from the codes, else from the sums (a group row's
/// maximum and points equal those of the rows under it), which the totals
/// row must confirm; an ambiguous reading is an error and the rows are
/// read flat.
fn structure(
    g: &Sheet,
    cols: &Cols,
    at: &At,
    rows: &[Row],
    codes: Option<&[String]>,
    total_row: Option<u32>,
    errors: &mut Vec<Problem>,
) -> Vec<usize> {
    let n = rows.len();
    match codes {
        Some(codes) => {
            let roman_groups = codes.iter().any(|c| is_roman(c));
            let mut depths = Vec::with_capacity(n);
            let mut last_numeric = 0;
            for c in codes {
                let d = depth(c, roman_groups, last_numeric);
                if c.chars().next().is_some_and(|ch| ch.is_ascii_digit() || ch.is_ascii_uppercase()) {
                    last_numeric = d;
                }
                depths.push(d);
            }
            depths
        }
        None => match structure_from_sums(&rows.iter().map(|x| (x.max, x.own.as_ref().map(|m| m.points))).collect::<Vec<_>>()) {
            Some(d) if d.iter().all(|&x| x == 0) => d,
            Some(grouped) => {
                // Group rows found by their sums: the totals row decides
                // between that reading and a flat list.
                let top: Num = rows.iter().zip(&grouped).filter(|(_, &d)| d == 0).fold(Num::zero(), |a, (x, _)| add(a, x.max));
                let flat: Num = rows.iter().fold(Num::zero(), |a, x| add(a, x.max));
                let written = total_row.and_then(|tr| {
                    let mut quiet = Vec::new();
                    points(g, tr, cols.max, at, &|| String::new(), &mut quiet).map(|m| m.points)
                });
                match written {
                    Some(t) if t == top && t != flat => grouped,
                    Some(t) if t == flat && t != top => vec![0; n],
                    _ => {
                        let first_group = grouped.iter().zip(grouped.iter().skip(1)).position(|(a, b)| b > a).unwrap_or(0);
                        errors.push(Problem::error(
                            "ambiguous-structure",
                            at.cell(rows[first_group].r, cols.crit),
                            format!(
                                "Bảng tự chấm điểm không ghi mã tiêu chí (\"1.\", \"1.1.\", \"I.\" ở đầu tên tiêu chí hoặc ở cột STT), và {} có điểm bằng tổng các dòng bên dưới, nhưng {}; không xác định chắc chắn được dòng nào là nhóm tiêu chí, dòng nào là tiêu chí được chấm, nên điểm của đơn vị này không được xếp hạng. Hãy ghi mã tiêu chí vào đầu tên tiêu chí.",
                                what("", &rows[first_group].name),
                                if total_row.is_some() { "dòng Tổng cộng không xác nhận được cách đọc nào" } else { "bảng không có dòng Tổng cộng để đối chiếu" }
                            ),
                        ));
                        vec![0; n]
                    }
                }
            }
            None => vec![0; n],
        },
    }
}

/// The rows under row i (its descendants).
fn under(depths: &[usize], i: usize) -> impl Iterator<Item = usize> + '_ {
    (i + 1..depths.len()).take_while(move |&j| depths[j] > depths[i])
}

/// Which rows are leaves: a leaf has nothing under it with figures (lines
/// of description under a scored criterion do not make it a group).
fn leaves(rows: &[Row], depths: &[usize]) -> Vec<bool> {
    let blank = |i: usize| rows[i].max.is_none() && rows[i].own.is_none() && rows[i].ver.is_none();
    (0..rows.len()).map(|i| under(depths, i).all(blank)).collect()
}

/// The scored criteria: each leaf with points has a maximum, and no point
/// above it.
fn scored_leaves(
    cols: &Cols,
    at: &At,
    rows: &[Row],
    (codes, depths): (Option<&[String]>, &[usize]),
    is_leaf: &[bool],
    errors: &mut Vec<Problem>,
) -> Vec<Leaf> {
    let mut out_rows = Vec::new();
    for (i, x) in rows.iter().enumerate() {
        if !is_leaf[i] {
            continue;
        }
        let code = codes.map(|c| c[i].clone()).unwrap_or_default();
        let label = || what(&code, &x.name);
        let Some(max) = x.max else {
            if x.own.is_none() && x.ver.is_none() {
                continue; // a heading line without points
            }
            errors.push(Problem::error(
                "no-max",
                at.cell(x.r, cols.max),
                format!("{}: không ghi điểm tối đa, nên không kiểm tra được điểm chấm; điểm của đơn vị này không được xếp hạng.", label()),
            ));
            continue;
        };
        // The group a line sits under, by its code at the top level ("I"
        // over lines "1", "2" of an STT that numbers on across groups).
        let group = codes
            .filter(|_| depths[i] > 0)
            .and_then(|c| (0..i).rev().find(|&j| depths[j] == 0).map(|j| c[j].clone()))
            .filter(|g| !g.is_empty())
            .unwrap_or_default();
        let crit = Criterion { code: code.clone(), name: x.name.clone(), max, group };
        let mut check = |m: &Option<Mark>, what_mark: &str| -> Option<Mark> {
            let m = m.clone()?;
            if m.points > crit.max {
                errors.push(Problem::error(
                    "above-max",
                    m.at.clone(),
                    format!(
                        "{}: {what_mark} {} vượt điểm tối đa {}; điểm của đơn vị này không được xếp hạng.",
                        label(),
                        fmt(&m.points),
                        fmt(&crit.max)
                    ),
                ));
                return None;
            }
            Some(m)
        };
        let s = check(&x.own, "điểm tự chấm");
        let v = check(&x.ver, "điểm thẩm định");
        out_rows.push((i, crit, s, v));
    }
    // A criterion left without points in a sheet that scores the others is
    // not counted as 0: the unit's total is not known (SPEC §4: a figure
    // that decides an award is read with certainty, or the unit stops at
    // the cell). A sheet with no points at all is a blank form, said once.
    if out_rows.iter().any(|l| l.2.is_some() || l.3.is_some()) {
        for (i, x) in rows.iter().enumerate() {
            if !is_leaf[i] || x.max.is_none() || x.own.is_some() || x.ver.is_some() {
                continue;
            }
            let Some(formula) = x.own_blank else { continue };
            let code = codes.map(|c| c[i].clone()).unwrap_or_default();
            let why = if formula {
                "ô có công thức nhưng tệp được lưu khi công thức chưa tính ra kết quả; mở tệp bằng Excel hoặc LibreOffice rồi lưu lại"
            } else {
                "ô để trống"
            };
            errors.push(Problem::error(
                "missing-points",
                at.cell(x.r, cols.own),
                format!(
                    "{}: chưa có điểm tự chấm, {why}. Điểm của đơn vị này không được xếp hạng cho đến khi có điểm.",
                    what(&code, &x.name)
                ),
            ));
        }
    }
    out_rows
}

/// The points actually used per leaf: verified, else self (SPEC §11).
fn used(leaf: &Leaf) -> Option<Num> {
    leaf.3.as_ref().or(leaf.2.as_ref()).map(|m| m.points)
}

/// The table as read: its rows, their codes and depths, and its leaves.
struct Tree<'a> {
    rows: &'a [Row],
    codes: Option<&'a [String]>,
    depths: &'a [usize],
    is_leaf: &'a [bool],
    leaves: &'a [Leaf],
}

/// A group's maximum and subtotals must equal its leaves' (SPEC §10 kind 2a).
fn check_groups(cols: &Cols, at: &At, t: &Tree, errors: &mut Vec<Problem>) {
    for (i, x) in t.rows.iter().enumerate() {
        if t.is_leaf[i] {
            continue;
        }
        let code = t.codes.map(|c| c[i].clone()).unwrap_or_default();
        let leaves: Vec<&Leaf> = t.leaves.iter().filter(|l| l.0 > i && under(t.depths, i).any(|j| j == l.0)).collect();
        let sum_max = leaves.iter().fold(Num::zero(), |a, l| add(a, Some(l.1.max)));
        let sum_own = leaves.iter().fold(Num::zero(), |a, l| add(a, l.2.as_ref().map(|m| m.points)));
        let sum_ver = leaves.iter().fold(Num::zero(), |a, l| add(a, l.3.as_ref().map(|m| m.points)));
        let sum_used = leaves.iter().fold(Num::zero(), |a, l| add(a, used(l)));
        let checks = [
            (x.max, Some(cols.max), sum_max, None, "điểm tối đa"),
            (x.own.as_ref().map(|m| m.points), Some(cols.own), sum_own, None, "điểm tự chấm"),
            (x.ver.as_ref().map(|m| m.points), cols.ver, sum_ver, Some(sum_used), "điểm thẩm định"),
        ];
        for (written, col, sum, alt, label) in checks {
            let (Some(written), Some(col)) = (written, col) else { continue };
            if written == sum || alt == Some(written) {
                continue;
            }
            errors.push(Problem::error(
                "group-sum",
                at.cell(x.r, col),
                format!(
                    "{}: dòng nhóm ghi {label} {}, nhưng tổng các tiêu chí thuộc nhóm là {}; không xác định chắc chắn được cấu trúc bảng điểm, nên điểm của đơn vị này không được xếp hạng. Hãy kiểm tra mã tiêu chí và điểm của nhóm.",
                    what(&code, &x.name),
                    fmt(&written),
                    fmt(&sum)
                ),
            ));
        }
    }
}

/// The totals row is checked against the leaves: the self column against
/// the self-scores, the verified column against the points used (verified
/// where given, else self) or the verified column's own sum.
fn check_total(g: &Sheet, cols: &Cols, at: &At, tr: u32, out_rows: &[Leaf], errors: &mut Vec<Problem>) {
    let sum_max = out_rows.iter().fold(Num::zero(), |a, l| add(a, Some(l.1.max)));
    let sum_own = out_rows.iter().fold(Num::zero(), |a, l| add(a, l.2.as_ref().map(|m| m.points)));
    let sum_ver = out_rows.iter().fold(Num::zero(), |a, l| add(a, l.3.as_ref().map(|m| m.points)));
    let sum_used = out_rows.iter().fold(Num::zero(), |a, l| add(a, used(l)));
    let any_ver = out_rows.iter().any(|l| l.3.is_some());
    for (col, label, sum, alt) in [
        (Some(cols.max), "điểm tối đa", sum_max, None),
        (Some(cols.own), "điểm tự chấm", sum_own, None),
        (cols.ver.filter(|_| any_ver), "điểm thẩm định", sum_used, Some(sum_ver)),
    ] {
        let Some(c) = col else { continue };
        let mut quiet = Vec::new();
        let Some(written) = points(g, tr, c, at, &|| "Tổng cộng".into(), &mut quiet) else { continue };
        if written.points == sum || alt == Some(written.points) {
            continue;
        }
        errors.push(Problem::error(
            "total-mismatch",
            written.at,
            format!(
                "Dòng Tổng cộng ghi {label} {}, nhưng tổng các tiêu chí được chấm là {}; không xác định chắc chắn được điểm của đơn vị, nên đơn vị này không được xếp hạng. Hãy kiểm tra lại điểm từng tiêu chí và dòng Tổng cộng.",
                fmt(&written.points),
                fmt(&sum)
            ),
        ));
    }
}

fn add(a: Num, b: Option<Num>) -> Num {
    match b {
        Some(b) => a.checked_add(b).unwrap_or(a),
        None => a,
    }
}

/// Depths of uncoded rows from their sums: a row is a group when two or
/// more rows after it, taken as whole nodes, add up exactly to its maximum,
/// and to its points where both are written. The reading is greedy; the
/// caller confirms it against the totals row, and refuses it otherwise. `None` when there are too many rows to try.
/// Rows without a maximum are leaves.
fn structure_from_sums(rows: &[(Option<Num>, Option<Num>)]) -> Option<Vec<usize>> {
    if rows.len() > 400 {
        return None;
    }
    let mut depths = vec![0usize; rows.len()];
    // End (exclusive) of the node starting at i, filling depths under it.
    fn node(rows: &[(Option<Num>, Option<Num>)], i: usize, depth: usize, depths: &mut [usize]) -> usize {
        depths[i] = depth;
        let Some(max) = rows[i].0 else { return i + 1 };
        if !max.is_positive() {
            return i + 1;
        }
        let mut j = i + 1;
        let mut acc = Num::zero();
        let mut pts = Num::zero();
        let mut pts_known = true;
        let mut trial = depths.to_vec();
        let mut children = 0;
        while j < rows.len() && acc < max {
            children += 1;
            let Some(m) = rows[j].0 else { break };
            match rows[j].1 {
                Some(p) => pts = pts.checked_add(p).unwrap_or(pts),
                None => pts_known = false,
            }
            acc = acc.checked_add(m).unwrap_or(acc);
            j = node(rows, j, depth + 1, &mut trial);
        }
        let points_agree = match rows[i].1 {
            Some(p) => pts_known && p == pts,
            None => true,
        };
        // At least two criteria under a group: a row equal to the single row
        // after it is not evidence of a group.
        if acc == max && children >= 2 && points_agree {
            depths.copy_from_slice(&trial);
            depths[i] = depth;
            j
        } else {
            i + 1
        }
    }
    let mut i = 0;
    while i < rows.len() {
        i = node(rows, i, 0, &mut depths);
    }
    Some(depths)
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

/// The number of a criterion header: "Tiêu chí 1: …" → "1", "TIÊU CHÍ
/// 2.1 (…)" → "2.1", "Tiêu chí II" → "II".
fn criterion_number(text: &str) -> Option<String> {
    let a = ascii_fold(text);
    let i = a.find("tieu chi")?;
    let rest = a[i + "tieu chi".len()..].trim_start_matches([' ', ':', '.', '-']);
    let token: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '.').collect();
    let token = token.trim_end_matches('.');
    if !token.is_empty() && token.split('.').all(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())) {
        return Some(token.to_string());
    }
    let up = token.to_ascii_uppercase();
    crate::model::period::from_roman(&up).map(|_| up)
}

/// A sheet laid out as a cross-scoring sheet — a header row with numbered
/// criterion columns ("Tiêu chí 1 (tối đa 10 điểm)"), or two or more
/// "Tiêu chí …" columns — whose unit column is not found: said at its
/// header row, with the names the column may have, instead of the file
/// being "not recognised". `None` when the sheet does not look like one.
/// The scorer its "Đơn vị chấm: …" line names, when known, goes to
/// `refused`: its sheet was sent, not missing.
fn no_unit_column(
    g: &Sheet,
    at: &At,
    resolver: &dyn UnitResolver,
    refused: &mut Vec<(String, crate::model::Location)>,
    problems: &mut Vec<Problem>,
) -> Option<()> {
    let (hr, crits) = (0..g.hk.height()).find_map(|r| {
        let crits: Vec<u32> = (0..g.hk.width(r)).filter(|&c| g.hk.key(r, c).starts_with("tieu chi")).collect();
        let numbered = crits.iter().any(|&c| criterion_number(&g.text(r, c)).is_some());
        (crits.len() >= 2 || numbered).then_some((r, crits))
    })?;
    let first = crits[0];
    problems.push(Problem::error(
        "no-unit-column",
        at.cell(hr, first),
        format!(
            "Trang có dạng bảng chấm điểm chéo (dòng tiêu đề cột ở dòng {}, các cột \"Tiêu chí …\" từ ô {}) nhưng không thấy cột tên đơn vị được chấm trên dòng tiêu đề đó; bảng không được dùng. Ghi tiêu đề cột tên đơn vị là \"Đơn vị được chấm\" (hoặc \"Tên đơn vị\") trên cùng dòng với các cột tiêu chí rồi gửi lại.",
            hr + 1,
            crate::model::problem::cell_ref(hr, first)
        ),
    ));
    if let Some((scorer, _, _)) = label_value(g, hr, SCORER) {
        if let Ok((id, _)) = resolver.resolve_unit_near(&scorer, at.ctx) {
            refused.push((id, at.sheet()));
        }
    }
    Some(())
}

/// The labels of the line naming the scorer ("Đơn vị chấm: …").
const SCORER: &[&str] = &["Đơn vị chấm", "Đơn vị chấm điểm", "Đơn vị thực hiện chấm", "Đơn vị đánh giá"];

/// Kind 2b. `None` when the sheet is not a cross-scoring sheet. A sheet
/// refused whole whose scorer is known adds it to `refused`.
pub(super) fn read_cross(
    g: &Sheet,
    at: &At,
    resolver: &dyn UnitResolver,
    refused: &mut Vec<(String, crate::model::Location)>,
    problems: &mut Vec<Problem>,
) -> Option<Vec<CrossScoreSheet>> {
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
    let Some((hr, name_c, crit_cols)) = header else {
        no_unit_column(g, at, resolver, refused, problems)?;
        return Some(vec![]);
    };
    let w = g.width(hr).max(if hr > 0 { g.width(hr - 1) } else { 0 });
    // The total's header may sit on the header's first row ("Cộng" over
    // "Tiêu chí 1 …" of a two-row header, its cell below left empty).
    let total_c = (0..w).find(|&c| {
        !crit_cols.contains(&c)
            && (super::any_of(g.hk.key(hr, c), TOTAL)
                || (hr > 0 && g.hk.key(hr, c).is_empty() && super::any_of(g.hk.key(hr - 1, c), TOTAL)))
    });
    let Some((scorer_name, sr, sc)) = label_value(g, hr, SCORER) else {
        problems.push(Problem::error(
            "no-scorer-line",
            at.sheet(),
            "Bảng chấm điểm không có dòng \"Đơn vị chấm: …\" phía trên bảng, nên không biết đơn vị nào chấm; bảng không được dùng.",
        ));
        // Still a sheet sent by a member of the Khối, Cụm its rows name:
        // kept as refused for that cluster (`UNKNOWN_SCORER` and the
        // cluster's id), so that its members are not averaged over the
        // other sheets as if it had never been sent.
        let clusters: BTreeSet<String> = named_rows(g, hr + 1, name_c)
            .iter()
            .filter_map(|(_, n)| resolver.resolve_unit_quiet(n).ok())
            .filter_map(|(id, _)| resolver.cluster_of_unit(&id))
            .collect();
        if let [cluster] = clusters.into_iter().collect::<Vec<_>>().as_slice() {
            refused.push((format!("{}{cluster}", crate::model::annual::UNKNOWN_SCORER), at.sheet()));
        }
        return Some(vec![]);
    };
    let Some(scorer) = unit_at(resolver, &scorer_name, at.ctx, at.cell(sr, sc), problems) else { return Some(vec![]) };
    // The maximum: in the header, or on a "Điểm tối đa" row under it.
    let mut first_data = hr + 1;
    let max_row = (hr + 1..(hr + 3).min(g.height())).find(|&r| (0..g.width(r)).any(|c| hkey(&g.text(r, c)) == hkey("Điểm tối đa")));
    let mut criteria = Vec::new();
    let mut criteria_at = Vec::new();
    let mut usable = Vec::new();
    let mut no_max = false;
    for (i, &c) in crit_cols.iter().enumerate() {
        let text = g.text(hr, c);
        let name = text.split('(').next().unwrap_or(&text).trim().to_string();
        let mut max = max_in_header(&text);
        // Where the maximum was written: a disagreement is reported there.
        let mut max_at = at.cell(hr, c);
        if max.is_none() {
            if let Some(mr) = max_row {
                max = points(g, mr, c, at, &|| format!("{name}: điểm tối đa"), problems).map(|m| m.points);
                if max.is_some() {
                    max_at = at.cell(mr, c);
                }
            }
        }
        let marked = (hr + 1..g.height()).any(|r| !g.text(r, c).is_empty() && Some(r) != max_row);
        if max.is_none() && marked {
            problems.push(Problem::error(
                "no-max",
                at.cell(hr, c),
                format!("{name}: không ghi điểm tối đa (trong tiêu đề, \"(tối đa 20 điểm)\", hoặc ở dòng \"Điểm tối đa\"); không kiểm tra được điểm đã chấm, bảng này chưa dùng được cho đến khi ghi điểm tối đa."),
            ));
            no_max = true;
        }
        usable.push(max.is_some());
        // Matched across scorers by number and maximum, not by wording
        // (SPEC §13): "Tiêu chí 1 (tối đa 50 điểm)" and "Tiêu chí 1: Thực
        // hiện nhiệm vụ chuyên môn (tối đa 50 điểm)" are one criterion.
        let code = criterion_number(&text).unwrap_or_else(|| format!("{}", i + 1));
        criteria.push(Criterion { code, name, max: max.unwrap_or_else(Num::zero), group: String::new() });
        criteria_at.push(max_at);
    }
    // Marks given against no known maximum cannot be checked or matched
    // to the others' criteria: the sheet was sent (its scorer is not
    // missing) but is not used until mended.
    if no_max {
        refused.push((scorer, at.sheet()));
        return Some(vec![]);
    }
    if let Some(mr) = max_row {
        first_data = mr + 1;
    }
    let (mut rows, mut rows_at) = (Vec::new(), Vec::new());
    let named = named_rows(g, first_data, name_c);
    // A sheet with no points at all is a form left blank (a workbook of the
    // cluster's forms, one sheet filled): its rows are not reported blank.
    // A total typed without the criteria's points is not a blank form.
    let any_marked = named.iter().any(|(r, _)| {
        crit_cols.iter().zip(&usable).any(|(&c, &u)| u && !g.is_blank(*r, c)) || total_c.is_some_and(|tc| !g.is_blank(*r, tc))
    });
    for (r, name) in named {
        let Some(unit) = unit_at(resolver, &name, Some(&scorer), at.cell(r, name_c), problems) else { continue };
        // The scorer scores every other member of its Khối, Cụm (3636,
        // mục A.II.1.8: the average of the points the members give): a
        // blank mark is not skipped, which would average the unit over
        // fewer scorers than sent a sheet.
        let must_score = any_marked && unit != scorer && resolver.cluster_of_unit(&unit) == resolver.cluster_of_unit(&scorer);
        let mut blanks = Vec::new();
        let mut marks = Vec::new();
        for (i, &c) in crit_cols.iter().enumerate() {
            let before = problems.len();
            let m = if usable[i] { points(g, r, c, at, &|| format!("{} cho {name}", criteria[i].name), problems) } else { None };
            if usable[i] && m.is_none() && problems.len() == before {
                blanks.push((i, c));
            }
            let m = match m {
                Some(m) if m.points > criteria[i].max => {
                    problems.push(
                        Problem::error(
                            "above-max",
                            m.at.clone(),
                            format!(
                                "{} cho {name}: điểm {} vượt điểm tối đa {}; điểm này không được tính, và {name} chưa được tính điểm và xếp hạng cho đến khi có điểm đúng.",
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
        if must_score && !blanks.is_empty() {
            let formula = |c: u32| matches!(g.shown(r, c), crate::ingest::grid::Value::Uncomputed);
            let why = |c: u32| {
                if formula(c) {
                    "ô có công thức nhưng tệp được lưu khi công thức chưa tính ra kết quả; mở tệp bằng Excel hoặc LibreOffice rồi lưu lại"
                } else {
                    "ô để trống"
                }
            };
            let rule = "mỗi đơn vị chấm điểm tất cả các đơn vị thành viên khác của Khối, Cụm và điểm của đơn vị là bình quân điểm các đơn vị thành viên chấm (Hướng dẫn 3636/HD-BHXH, mục A.II.1.8)";
            let stop = format!("{name} chưa được tính điểm và xếp hạng cho đến khi có điểm");
            if blanks.len() == usable.iter().filter(|u| **u).count() && blanks.len() > 1 {
                let (first, last) = (blanks[0].1, blanks[blanks.len() - 1].1);
                problems.push(
                    Problem::error(
                        "missing-points",
                        at.cell(r, first),
                        format!(
                            "{name}: chưa có điểm chấm chéo ở tiêu chí nào (các ô {}:{} để trống{}); {rule}. {stop}.",
                            crate::model::problem::cell_ref(r, first),
                            crate::model::problem::cell_ref(r, last),
                            match total_c.filter(|&tc| !g.is_blank(r, tc)) {
                                Some(tc) => format!(
                                    ", chỉ ghi Tổng điểm ở ô {}: điểm bình quân được tính theo từng tiêu chí",
                                    crate::model::problem::cell_ref(r, tc)
                                ),
                                None => String::new(),
                            }
                        ),
                    )
                    .with_unit(&unit),
                );
            } else {
                for &(i, c) in &blanks {
                    problems.push(
                        Problem::error(
                            "missing-points",
                            at.cell(r, c),
                            format!("{} cho {name}: chưa có điểm chấm chéo, {}; {rule}. {stop}.", criteria[i].name, why(c)),
                        )
                        .with_unit(&unit),
                    );
                }
            }
        } else if marks.iter().all(|m| m.is_none()) {
            continue; // a member listed by the form but not scored
        }
        rows.push((unit, marks));
        rows_at.push(at.cell(r, name_c));
    }
    Some(vec![CrossScoreSheet { scorer, at: at.sheet(), criteria, criteria_at, rows, rows_at }])
}
#[cfg(test)]
mod sums_tests {
    use super::*;
    #[test]
    fn groups_from_sums() {
        let r = |m: i64, p: i64| (Some(Num::int(m)), Some(Num::int(p)));
        let d = structure_from_sums(&[r(30, 25), r(20, 17), r(10, 9), r(10, 8), r(10, 8)]);
        assert_eq!(d, Some(vec![0, 1, 2, 2, 1]));
        // Flat: no row is the sum of two or more after it.
        let d = structure_from_sums(&[r(10, 9), r(10, 8), r(20, 15)]);
        assert_eq!(d, Some(vec![0, 0, 0]));
        // Maximum equal, points not: not a group.
        let d = structure_from_sums(&[r(20, 18), r(10, 9), r(10, 8)]);
        assert_eq!(d, Some(vec![0, 0, 0]));
    }
}
