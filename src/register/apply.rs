//! What a run takes from the office's register (`thidua run --so FILE`),
//! after the evaluation and before any document is written; the register
//! is only read. For the annual review (Hướng dẫn 3636):
//! - Mẫu 01's "III. Các hình thức đã được khen thưởng" gets the awards the
//!   register shows granted to the unit in earlier years, beside those the
//!   eligibility sheet lists (the same award and year is listed once);
//! - next year's head and deputy, when the meeting did not elect them, are
//!   suggested by rotation (3636 mục A.I) from the heads and deputies the
//!   register recorded;
//! - the checks of the rules file's `[[register_check]]` whose clause is
//!   given warn about a proposal the register shows was refused before, or a
//!   Government flag without the BHXH flags required in earlier years.

use super::query::Entry;
use super::Register;
use crate::model::annual::EligibilityRow;
use crate::model::{DecisionKind, Location, Problem, Term};
use crate::pipeline::Evaluated;
use crate::vn::text::ascii_fold;
use anyhow::Result;
use std::path::Path;

/// Apply the register at `path` to an evaluated run; returns lines for the
/// console. A register that is missing is said and the run goes on without
/// it; one that cannot be read safely stops the run (the caller says why).
pub fn apply(path: &Path, ev: &mut Evaluated) -> Result<Vec<String>> {
    if !path.exists() {
        return Ok(vec![format!(
            "Chưa có sổ khen thưởng \"{}\": hồ sơ lập không kèm lịch sử khen thưởng. Sau khi ký, ghi kết quả vào sổ bằng: thidua so ghi THƯ_MỤC_KẾT_QUẢ --so {}",
            path.display(),
            path.display()
        )]);
    }
    let reg = Register::open_read(path)?;
    let Some(rules) = ev.annual.clone() else {
        return Ok(vec![format!(
            "Sổ khen thưởng \"{}\" chỉ dùng cho bình xét thi đua năm của Khối, Cụm; kỳ {} không dùng đến sổ.",
            path.display(),
            ev.period.label_vi()
        )]);
    };
    let year = ev.period.year();
    let mut notes = Vec::new();
    let at = Location { file: path.file_name().map(|f| f.to_string_lossy().to_string()).unwrap_or_default().into(), ..Default::default() };

    // 1. Past awards for Mẫu 01 of every unit proposed.
    let proposed: Vec<String> = {
        let mut v: Vec<String> = ev.result.decisions.iter().filter(|d| d.kind == DecisionKind::Proposed).map(|d| d.unit.clone()).collect();
        v.sort();
        v.dedup();
        v
    };
    let past = reg.entries(&proposed, &(1990..=year - 1))?;
    let mut filled = 0;
    for unit in &proposed {
        let lines: Vec<String> = past.iter().filter(|e| &e.unit == unit && e.outcome == "granted").map(past_line).collect();
        if lines.is_empty() {
            continue;
        }
        let Some(review) = ev.result.annual.iter_mut().find(|c| c.members.contains(unit)) else { continue };
        if !review.eligibility.iter().any(|e| &e.unit == unit) {
            review.eligibility.push(EligibilityRow { unit: unit.clone(), ..Default::default() });
        }
        let row = review.eligibility.iter_mut().find(|e| &e.unit == unit).expect("pushed above");
        let before = row.past_awards.len();
        for l in lines {
            if !row.past_awards.iter().any(|x| same_award(x, &l)) {
                row.past_awards.push(l);
            }
        }
        row.past_awards.sort_by_key(|l| l.get(..4).and_then(|y| y.parse::<i32>().ok()).unwrap_or(0));
        if row.past_awards.len() > before {
            filled += 1;
        }
    }
    if filled > 0 {
        notes.push(format!("Sổ khen thưởng: đã bổ sung các hình thức đã được khen thưởng vào báo cáo thành tích của {filled} đơn vị."));
    }

    // 2. Rotation from the recorded heads and deputies.
    let terms: Vec<Term> =
        reg.terms(None)?.into_iter().map(|t| Term { cluster: t.cluster, year: t.year, head: t.head, deputy: t.deputy }).collect();
    if !terms.is_empty() {
        let registry = ev.registry.with_terms(terms).0;
        for review in ev.result.annual.iter_mut() {
            if review.meeting.next_head.is_some() || review.meeting.next_deputy.is_some() {
                continue;
            }
            let Some(cluster) = registry.cluster(&review.cluster) else { continue };
            let next = crate::award::annual::calendar::next_year(&rules, &registry, cluster, year, &review.meeting);
            if next.head == review.next_year.head && next.deputy == review.next_year.deputy {
                continue;
            }
            let old = std::mem::replace(&mut review.next_year, next);
            let new_note = review.next_year.note.replacen("Đề xuất theo luân phiên", "Đề xuất theo luân phiên và sổ khen thưởng", 1);
            review.next_year.note = new_note.clone();
            let mut said = false;
            for p in ev.result.problems.iter_mut().filter(|p| p.code == "next-head-missing" && p.message.starts_with(&review.name)) {
                p.message = p.message.replace(&old.note, &new_note);
                said = true;
            }
            if !said {
                // Without the register there was nothing to suggest, and so
                // no warning: the officer is told as the evaluation would.
                let (h, d) = crate::award::annual::calendar::titles(cluster.kind);
                ev.result.problems.push(Problem::warning(
                    "next-head-missing",
                    review.meeting.at.clone(),
                    format!(
                        "{}: thông tin hội nghị chưa ghi {h}, {d} năm sau; biên bản để trống (……) cho Hội nghị bầu. {new_note}",
                        review.name
                    ),
                ));
            }
            notes.push(format!("{}: {}", review.name, new_note));
        }
    }

    // 3. The checks the rules file supports with a clause.
    let checks: Vec<_> = rules.file.register_checks.iter().filter(|c| !c.clause.trim().is_empty()).collect();
    if !checks.is_empty() {
        let all = reg.entries(&proposed, &(1990..=year - 1))?;
        let reg_name = |u: &str| ev.registry.unit(u).map_or(u.to_string(), |x| x.name.clone());
        let mut warnings = Vec::new();
        for d in ev.result.decisions.iter().filter(|d| d.kind == DecisionKind::Proposed) {
            for c in &checks {
                match c.id.as_str() {
                    "refused-repeat" => {
                        for e in all.iter().filter(|e| e.unit == d.unit && e.award == d.award && e.outcome == "refused") {
                            warnings.push(
                                Problem::warning(
                                    "register-refused-before",
                                    at.clone(),
                                    format!(
                                        "{}: đề nghị {} năm {year}; năm {} đề nghị {} đã không được khen thưởng{}. {} ({}).",
                                        reg_name(&d.unit),
                                        d.award_name,
                                        e.year,
                                        e.award_name,
                                        paren(&e.decision_vi()),
                                        c.text,
                                        c.clause
                                    ),
                                )
                                .with_unit(d.unit.clone()),
                            );
                        }
                    }
                    "flag-history" if c.award.as_deref() == Some(d.award.as_str()) => {
                        let need = c.requires.clone().unwrap_or_default();
                        let from = year - c.years as i32;
                        let held: Vec<&Entry> = all
                            .iter()
                            .filter(|e| e.unit == d.unit && e.award == need && e.outcome == "granted" && e.year >= from)
                            .collect();
                        let at_least = c.at_least.unwrap_or(1) as usize;
                        if held.len() < at_least {
                            let need_name = rules.file.awards.iter().find(|a| a.id == need).map_or(need.clone(), |a| a.name.clone());
                            let years: Vec<String> = held.iter().map(|e| e.year.to_string()).collect();
                            warnings.push(
                                Problem::warning(
                                    "register-flag-history",
                                    at.clone(),
                                    format!(
                                        "{}: đề nghị {} năm {year}, nhưng sổ khen thưởng ghi {} {} trong các năm {from}–{} (cần ít nhất {at_least}). {} ({}).",
                                        reg_name(&d.unit),
                                        d.award_name,
                                        need_name,
                                        if years.is_empty() { "không có lần nào".to_string() } else { format!("{} lần (năm {})", years.len(), years.join(", ")) },
                                        year - 1,
                                        c.text,
                                        c.clause
                                    ),
                                )
                                .with_unit(d.unit.clone()),
                            );
                        }
                    }
                    _ => {}
                }
            }
        }
        ev.result.problems.extend(warnings);
    }
    Ok(notes)
}

fn paren(s: &str) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!(" ({s})")
    }
}

/// The line of the eligibility sheet's "past awards" the report reads:
/// "2021 - Cờ thi đua của BHXH Việt Nam - Quyết định số … ngày … của …".
fn past_line(e: &Entry) -> String {
    let d = e.decision_vi();
    if d.is_empty() {
        format!("{} - {}", e.year, e.award_name)
    } else {
        format!("{} - {} - {d}", e.year, e.award_name)
    }
}

/// Two past-award lines of the same year naming the same award.
fn same_award(a: &str, b: &str) -> bool {
    let key = |l: &str| -> (String, String) {
        let f = ascii_fold(l);
        let year = f.chars().take_while(|c| c.is_ascii_digit()).collect::<String>();
        let rest = f[year.len()..].trim_start_matches([' ', '-', ':', ',']).to_string();
        let award = rest.split(" - ").next().unwrap_or("").replace(" cua ", " ").trim().to_string();
        (year, award)
    };
    let (ka, kb) = (key(a), key(b));
    ka.0 == kb.0 && !ka.1.is_empty() && (ka.1.contains(&kb.1) || kb.1.contains(&ka.1))
}

#[cfg(test)]
mod tests {
    use super::same_award;

    #[test]
    fn one_award_listed_once() {
        assert!(same_award("2021 - Tập thể lao động xuất sắc - Quyết định của Tổng Giám đốc", "2021 - Tập thể Lao động xuất sắc"));
        assert!(same_award("2020 - Cờ thi đua BHXH Việt Nam", "2020 - Cờ thi đua của BHXH Việt Nam - Quyết định số 1"));
        assert!(!same_award("2020 - Cờ thi đua của BHXH Việt Nam", "2021 - Cờ thi đua của BHXH Việt Nam"));
    }
}
