//! The vote tally of the secret ballot (SPEC §10 kind 3): votes in favour
//! per candidate and award, or one column per ballot, tallied here.

use super::{find, is_data_name, is_note, twins_differ, unit_at, At, Sheet};
use crate::ingest::grid::{Grid, Value};
use crate::ingest::UnitResolver;
use crate::model::annual::{VoteLine, VoteSheet};
use crate::model::Problem;
use crate::vn::text::ascii_fold;

const NAME: &[&str] = &["Đơn vị", "Tên đơn vị", "Đơn vị được đề nghị", "Tập thể", "Tên tập thể", "Đơn vị được bầu"];
const AWARD: &[&str] = &["Hình thức đề nghị", "Hình thức khen thưởng", "Danh hiệu đề nghị", "Hình thức", "Danh hiệu"];
const VOTES: &[&str] = &["Số phiếu đồng ý", "Số phiếu", "Phiếu đồng ý", "Số phiếu tán thành", "Đồng ý"];
const MEMBERS: &[&str] = &["Số đơn vị thành viên", "Tổng số đơn vị thành viên", "Số thành viên"];

/// "Tổng số đơn vị thành viên: 6" anywhere on the sheet.
fn declared_members(g: &Grid, at: &At, problems: &mut Vec<Problem>) -> Option<(u32, crate::model::Location)> {
    for r in 0..g.height().min(200) {
        for c in 0..g.width(r) {
            let t = g.text(r, c);
            let a = ascii_fold(&t);
            if !a.starts_with("tong so don vi thanh vien") && !a.starts_with("so don vi thanh vien") {
                continue;
            }
            let after = t.split_once(':').map(|x| x.1.trim().to_string()).unwrap_or_default();
            let (text, loc) = if after.is_empty() {
                match ((c + 1)..g.width(r)).find(|&c2| !g.text(r, c2).is_empty()) {
                    // A label with its number in the next cell; a column
                    // header "Số đơn vị thành viên" is followed by other
                    // headers, not a number, and is read row by row instead.
                    Some(c2) if g.text(r, c2).trim().starts_with(|ch: char| ch.is_ascii_digit()) => (g.text(r, c2), at.cell(r, c2)),
                    _ => continue,
                }
            } else {
                (after, at.cell(r, c))
            };
            let digits: String = text.chars().take_while(|ch| ch.is_ascii_digit()).collect();
            match digits.parse::<u32>() {
                Ok(n) => return Some((n, loc)),
                Err(_) => problems.push(Problem::error(
                    "bad-members",
                    loc,
                    format!(
                        "\"Tổng số đơn vị thành viên\" ghi \"{text}\", không phải một số; dùng số thành viên theo danh sách Khối, Cụm."
                    ),
                )),
            }
        }
    }
    None
}

/// A whole number of votes, or an error message.
/// The members a count is typed "of" ("4/5" → 5), when typed so.
fn count_of(v: &Value) -> Option<u32> {
    let Value::Text(t) = v else { return None };
    let (_, rest) = t.trim().split_once('/')?;
    let digits: String = rest.trim().chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().ok()
}

fn count(v: &Value) -> Result<Option<u32>, String> {
    match v {
        Value::Empty | Value::Uncomputed => Ok(None),
        Value::Number { v, .. } if *v >= 0.0 && v.fract() == 0.0 && *v < 1e6 => Ok(Some(*v as u32)),
        Value::Text(t) => {
            let t = t.trim();
            if t.is_empty() || t == "-" {
                return Ok(None);
            }
            // "5/6", "5 phiếu".
            let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
            let rest = t[digits.len()..].trim();
            let rest_ok = rest.is_empty() || rest.starts_with('/') || ascii_fold(rest).starts_with("phieu");
            match digits.parse::<u32>() {
                Ok(n) if rest_ok => Ok(Some(n)),
                _ => Err(format!("\"{t}\" không phải số phiếu")),
            }
        }
        other => Err(format!("\"{}\" không phải số phiếu (phải là số nguyên không âm)", crate::ingest::grid::value_text(other))),
    }
}

/// A mark on a ballot column: x, Đồng ý, 1 count; blank, 0, Không do not.
fn ballot_mark(v: &Value) -> Result<bool, String> {
    match super::yes_no(v) {
        Ok(b) => Ok(b.unwrap_or(false)),
        Err(_) => Err(format!("\"{}\" không phải dấu đồng ý (x, Đồng ý, 1) hay để trống", crate::ingest::grid::value_text(v))),
    }
}

/// A ballot column's header: "Phiếu 1", "Phiếu số 2".
fn is_ballot_header(t: &str) -> bool {
    let a = ascii_fold(t);
    let Some(rest) = a.trim().strip_prefix("phieu") else { return false };
    let rest = rest.trim();
    let rest = rest.strip_prefix("so").unwrap_or(rest).trim();
    !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit())
}

/// A row total typed beside the ballot columns ("Tổng số phiếu", "Cộng").
fn is_total_header(t: &str) -> bool {
    let a = ascii_fold(t);
    matches!(a.trim(), "tong so phieu" | "tong so phieu dong y" | "tong phieu" | "tong cong" | "cong" | "tong")
}

pub(super) fn read(g: &Sheet, at: &At, resolver: &dyn UnitResolver, problems: &mut Vec<Problem>) -> Option<VoteSheet> {
    let (h, mut votes_c, ballots) = if let Some(h) = find(g.hk, &[NAME, AWARD, VOTES], &[MEMBERS]) {
        let vc = h.req[2];
        // A count column beside ballot columns: both are read, and must agree.
        let ballots: Vec<u32> = (0..g.width(h.row)).filter(|&c| c != vc && is_ballot_header(&g.text(h.row, c))).collect();
        (h, Some(vc), ballots)
    } else {
        let h = find(g.hk, &[NAME, AWARD], &[MEMBERS])?;
        let ballots: Vec<u32> = (0..g.width(h.row)).filter(|&c| ascii_fold(&g.text(h.row, c)).starts_with("phieu")).collect();
        if ballots.is_empty() {
            return None;
        }
        let total = (0..g.width(h.row)).find(|&c| !ballots.contains(&c) && is_total_header(&g.text(h.row, c)));
        (h, total, ballots)
    };
    // Ballot columns left empty on every row beside a count column: the
    // sheet is a count sheet, its "Phiếu" columns unused.
    let ballots = if votes_c.is_some() && !(h.row + 1..g.height()).any(|r| ballots.iter().any(|&c| !g.text(r, c).trim().is_empty())) {
        vec![]
    } else {
        ballots
    };
    // A count typed beside ballot marks: checked against the marks, row by row.
    let typed_c = if ballots.is_empty() { None } else { votes_c.take() };
    let (name_c, award_c) = (h.req[0], h.req[1]);
    let members_c = h.opt[0];
    let mut sheet = VoteSheet {
        at: at.sheet(),
        members_declared: declared_members(g, at, problems),
        ballots: None,
        lines: vec![],
        refused: vec![],
        title_cluster: None,
    };
    if twins_differ(g, &h, at, problems) {
        return Some(sheet);
    }
    if !ballots.is_empty() {
        sheet.ballots = Some(ballots.len() as u32);
    }
    let mut near: Option<String> = at.ctx.map(String::from);
    for r in h.row + 1..g.height() {
        let name = g.text(r, name_c);
        if name.is_empty() {
            continue;
        }
        if is_note(&name) || ascii_fold(&name).starts_with("tong so don vi") {
            break;
        }
        if !is_data_name(&name) {
            continue;
        }
        let award = g.text(r, award_c);
        if let Some(mc) = members_c {
            if sheet.members_declared.is_none() {
                if let Ok(Some(n)) = count(g.shown(r, mc)) {
                    sheet.members_declared = Some((n, at.cell(r, mc)));
                }
            }
        }
        let votes = match votes_c {
            Some(vc) => match count(g.shown(r, vc)) {
                Ok(v) => v,
                Err(why) => {
                    problems.push(Problem::error("bad-votes", at.cell(r, vc), format!("{name}: {why}; dòng này không được tính.")));
                    sheet.refused.push((award.clone(), at.cell(r, vc)));
                    continue;
                }
            },
            None => {
                let mut n = 0;
                let mut bad = false;
                for &c in &ballots {
                    match ballot_mark(g.shown(r, c)) {
                        Ok(true) => n += 1,
                        Ok(false) => {}
                        Err(why) => {
                            problems.push(Problem::error(
                                "bad-ballot",
                                at.cell(r, c),
                                format!("{name}, {}: {why}; dòng này không được tính.", g.text(h.row, c)),
                            ));
                            bad = true;
                        }
                    }
                }
                if bad {
                    sheet.refused.push((award.clone(), at.cell(r, name_c)));
                    continue;
                }
                // The count typed on the row must be the marks counted: when
                // they differ, which one the tellers meant cannot be told,
                // and the row decides nothing until the tally is checked.
                if let Some(tc) = typed_c {
                    // "Tổng số phiếu" equal to the number of ballots is the
                    // ballots cast, not the votes for: nothing to compare.
                    let cast = |t: u32| t as usize == ballots.len() && !ascii_fold(&g.text(h.row, tc)).contains("dong y");
                    match count(g.shown(r, tc)) {
                        Ok(Some(t)) if t != n && !cast(t) => {
                            let col = |c: u32| crate::model::CellRef::new(0, c).as_str().trim_end_matches('1').to_string();
                            problems.push(Problem::error(
                                "votes-marks-differ",
                                at.cell(r, tc),
                                format!(
                                    "{name} ({award}): cột \"{}\" ghi {t} phiếu, nhưng đếm dấu đồng ý trên {} cột phiếu ({}–{}) được {n} phiếu; không biết số nào đúng nên chưa xác định được kết quả bỏ phiếu của dòng này. Kiểm tra lại biên bản kiểm phiếu, sửa cho khớp rồi chạy lại.",
                                    crate::vn::text::clean(&g.text(h.row, tc)),
                                    ballots.len(),
                                    col(ballots[0]),
                                    col(ballots[ballots.len() - 1]),
                                ),
                            ));
                            sheet.refused.push((award.clone(), at.cell(r, tc)));
                            continue;
                        }
                        Ok(_) => {}
                        Err(why) => {
                            problems.push(Problem::error("bad-votes", at.cell(r, tc), format!("{name}: {why}; dòng này không được tính.")));
                            sheet.refused.push((award.clone(), at.cell(r, tc)));
                            continue;
                        }
                    }
                }
                Some(n)
            }
        };
        if award.is_empty() {
            if votes.is_some_and(|v| v > 0) {
                problems.push(Problem::error(
                    "no-award",
                    at.cell(r, award_c),
                    format!("{name}: có số phiếu nhưng không ghi hình thức đề nghị; dòng này không được tính."),
                ));
                sheet.refused.push((award.clone(), at.cell(r, award_c)));
            }
            continue; // a member listed by the form, not a candidate
        }
        let Some(unit) = unit_at(resolver, &name, near.as_deref(), at.cell(r, name_c), problems) else {
            sheet.refused.push((award.clone(), at.cell(r, name_c)));
            continue;
        };
        near = Some(unit.clone());
        let Some(votes) = votes else {
            problems.push(
                Problem::error(
                    "no-votes",
                    at.cell(r, votes_c.unwrap_or(award_c)),
                    format!("{name} ({award}): chưa ghi số phiếu đồng ý; dòng này không được tính."),
                )
                .with_unit(&unit),
            );
            sheet.refused.push((award.clone(), at.cell(r, votes_c.unwrap_or(award_c))));
            continue;
        };
        let of = votes_c.and_then(|vc| count_of(g.shown(r, vc)).map(|n| (n, at.cell(r, vc))));
        sheet.lines.push(VoteLine {
            unit,
            award,
            votes,
            at: at.cell(r, award_c),
            unit_at: at.cell(r, name_c),
            votes_at: at.cell(r, votes_c.unwrap_or(award_c)),
            of,
        });
    }
    let listed: Vec<&str> = sheet.lines.iter().map(|l| l.unit.as_str()).collect();
    sheet.title_cluster = super::title_cluster(g, h.row, at, resolver, &listed);
    if sheet.lines.is_empty() {
        problems.push(Problem::error(
            "empty-tally",
            at.sheet(),
            "Bảng kết quả bỏ phiếu không có dòng nào ghi đơn vị, hình thức đề nghị và số phiếu; không có kết quả bỏ phiếu để xét.",
        ));
    }
    Some(sheet)
}
