//! Scores of the annual review: each unit's self-assessment (verified
//! score where given), plus the average of the cross-scores over the
//! scorers who sent a sheet (3636, mục A.II.1.8; SPEC §11 "Annual ranking").

use crate::model::annual::{CrossScoreSheet, SelfScoreSheet};
use crate::model::{Location, Num, Problem, UnitFigures, UnitId};
use crate::registry::Registry;
use crate::rules::annual::AnnualRules;
use crate::vn::format::format_num;
use std::collections::{BTreeMap, BTreeSet};

/// A unit's score before ranking.
#[derive(Clone, Debug, Default)]
pub struct Scored {
    pub self_total: Option<Num>,
    pub total: Option<Num>,
    /// Points by top-level criterion code ("1", "II") — tie-breakers.
    pub by_group: BTreeMap<String, Num>,
    /// (criterion, average, scorers)
    pub cross: Vec<(String, Num, u32)>,
    pub note: String,
}

fn add(a: Num, b: Num) -> Num {
    a.checked_add(b).unwrap_or(a)
}

/// Scores of `members` (one cluster): the self-assessments, then the
/// cross-scores added to them. `own` are the members' self-assessments and
/// `cross` the cross-scoring sheets that score any member, each in the
/// order read. Problems go to `problems`.
pub fn score(
    rules: &AnnualRules,
    reg: &Registry,
    members: &[UnitId],
    (own, refused): (&[&SelfScoreSheet], &[(UnitId, Location)]),
    (cross, refused_cross): (&[&CrossScoreSheet], &[(UnitId, Location)]),
    problems: &mut Vec<Problem>,
) -> BTreeMap<UnitId, Scored> {
    let mut out: BTreeMap<UnitId, Scored> = BTreeMap::new();
    let name = |u: &str| reg.unit(u).map_or(u.to_string(), |x| x.name.clone());
    let in_cluster: BTreeSet<&str> = members.iter().map(|m| m.as_str()).collect();
    self_scores(rules, &in_cluster, (own, refused), &name, &mut out, problems);
    cross_scores(rules, reg, &in_cluster, (cross, refused_cross), &name, &mut out, problems);
    // Where the members assess themselves, the total is the self-assessment
    // plus the cross-scores' average (3636, mục A.II.1.8): a member whose
    // self-assessment is missing or refused has no total, never one of
    // cross-scores alone, which would rank it far below the others on a
    // sheet not sent (`name_missing` and the sheet's own errors say why).
    let assess_themselves =
        own.iter().any(|s| in_cluster.contains(s.unit.as_str())) || refused.iter().any(|(u, _)| in_cluster.contains(u.as_str()));
    if assess_themselves {
        for (u, e) in out.iter_mut().filter(|(_, e)| e.self_total.is_none() && e.total.is_some()) {
            e.total = None;
            // A sheet sent with a mistake is not a sheet not sent.
            let why = if refused.iter().any(|(r, _)| r == u) {
                "bảng tự chấm điểm có chỗ chưa đúng, chưa dùng được"
            } else {
                "chưa có điểm tự chấm"
            };
            e.note = format!("không xếp hạng: {why}; {}", e.note);
        }
    }
    out
}

/// Self-assessments: one per unit, or several with the same points. Two
/// with different points cannot both be right, and which one the unit
/// meant cannot be told: the unit is not scored (an error at each other
/// sheet), never ranked on the first one read. The points used are the
/// verified ones where the rules say so, else the unit's own.
fn self_scores(
    rules: &AnnualRules,
    in_cluster: &BTreeSet<&str>,
    (own, refused): (&[&SelfScoreSheet], &[(UnitId, Location)]),
    name: &dyn Fn(&str) -> String,
    out: &mut BTreeMap<UnitId, Scored>,
    problems: &mut Vec<Problem>,
) {
    let points = |s: &SelfScoreSheet| -> Vec<(Option<Num>, Option<Num>)> {
        s.rows.iter().map(|r| (r.1.as_ref().map(|m| m.points), r.2.as_ref().map(|m| m.points))).collect()
    };
    let mut seen: BTreeMap<&str, &SelfScoreSheet> = BTreeMap::new();
    let mut conflicted: BTreeSet<&str> = BTreeSet::new();
    for &s in own.iter().filter(|s| in_cluster.contains(s.unit.as_str())) {
        match seen.get(s.unit.as_str()) {
            Some(first) if points(first) != points(s) => {
                problems.push(
                    Problem::error(
                        "conflict",
                        s.at.clone(),
                        format!(
                            "{} có hai bảng tự chấm điểm ghi điểm khác nhau ({} và {}); không biết bảng nào đúng nên đơn vị chưa được tính điểm và xếp hạng. Hãy giữ lại một bảng rồi gửi lại.",
                            name(&s.unit),
                            first.at,
                            s.at
                        ),
                    )
                    .with_unit(&s.unit),
                );
                conflicted.insert(&s.unit);
            }
            Some(_) => {}
            None => {
                seen.insert(&s.unit, s);
            }
        }
    }
    // A copy refused for its errors beside one that reads: the unit sent
    // two different self-assessments, one of them wrong, and which it
    // meant cannot be told (one sheet's error would otherwise leave the
    // unit ranked on the other's points, without a word).
    for (u, at) in refused.iter().filter(|(u, _)| in_cluster.contains(u.as_str())) {
        let Some(good) = seen.get(u.as_str()) else { continue };
        if conflicted.insert(u.as_str()) {
            problems.push(
                Problem::error(
                    "conflict",
                    good.at.clone(),
                    format!(
                        "{} có hai bảng tự chấm điểm: bảng ở {} có lỗi (xem lỗi của bảng đó), bảng ở {} thì không; không biết bảng nào là bảng đơn vị gửi chính thức nên đơn vị chưa được tính điểm và xếp hạng. Hãy giữ lại một bảng đúng rồi gửi lại.",
                        name(u),
                        at,
                        good.at
                    ),
                )
                .with_unit(u),
            );
        }
    }
    for (_, &s) in seen.iter().filter(|(u, _)| !conflicted.contains(*u)) {
        let mut self_total = Num::zero();
        let mut counted = Num::zero();
        let mut verified_any = false;
        let mut missing = Vec::new();
        let mut by_group: BTreeMap<String, Num> = BTreeMap::new();
        for (crit, own, verified) in &s.rows {
            if let Some(m) = own {
                self_total = add(self_total, m.points);
            }
            let used = match (verified, own) {
                (Some(v), _) if rules.file.scores.use_verified => {
                    verified_any = true;
                    Some(v.points)
                }
                (_, Some(o)) => Some(o.points),
                _ => None,
            };
            match used {
                Some(p) => {
                    counted = add(counted, p);
                    let e = by_group.entry(crit.group().to_string()).or_insert_with(Num::zero);
                    *e = add(*e, p);
                }
                None => missing.push(if crit.code.is_empty() { crit.name.clone() } else { crit.code.clone() }),
            }
        }
        if !missing.is_empty() {
            problems.push(
                Problem::warning(
                    "missing-points",
                    s.at.clone(),
                    format!(
                        "{}: chưa có điểm ở {} tiêu chí ({}); các tiêu chí này được tính 0 điểm.",
                        name(&s.unit),
                        missing.len(),
                        missing.iter().take(8).cloned().collect::<Vec<_>>().join(", ")
                    ),
                )
                .with_unit(&s.unit),
            );
        }
        let e = out.entry(s.unit.clone()).or_default();
        e.self_total = Some(self_total);
        e.total = Some(counted);
        e.by_group = by_group;
        // Verified points given for some criteria only: the total mixes
        // them with the self-score of the others (SPEC §11), and says so.
        let scored = s.rows.iter().filter(|r| r.1.is_some() || r.2.is_some()).count();
        let verified = if rules.file.scores.use_verified { s.rows.iter().filter(|r| r.2.is_some()).count() } else { 0 };
        e.note = if verified_any && verified < scored {
            format!(
                "điểm thẩm định ở {verified}/{scored} tiêu chí, tự chấm ở các tiêu chí còn lại: {} (tự chấm {})",
                format_num(&counted, 2),
                format_num(&self_total, 2)
            )
        } else if verified_any {
            format!("điểm thẩm định {} (tự chấm {})", format_num(&counted, 2), format_num(&self_total, 2))
        } else {
            format!("điểm tự chấm {}", format_num(&counted, 2))
        };
    }
}

/// Cross-scores of the members: average per criterion over the scorers
/// who marked the unit, added to the unit's own score.
fn cross_scores<'a>(
    rules: &AnnualRules,
    reg: &Registry,
    in_cluster: &BTreeSet<&str>,
    (cross, refused): (&[&'a CrossScoreSheet], &[(UnitId, Location)]),
    name: &dyn Fn(&str) -> String,
    out: &mut BTreeMap<UnitId, Scored>,
    problems: &mut Vec<Problem>,
) {
    let cross: Vec<&'a CrossScoreSheet> =
        cross.iter().copied().filter(|s| s.rows.iter().any(|(u, _)| in_cluster.contains(u.as_str()))).collect();
    if !cross.is_empty() {
        // Scorers must agree on the list of criteria and their maxima; a
        // criterion is matched by its number and maximum (SPEC §13). When
        // they disagree, no average is certain: the units scored are not
        // ranked, with an error at each header that differs.
        let doubt = criteria_disagree(&cross, name, problems);
        // (criterion code, unit) → (sum, marks, criterion name). Keyed by
        // what the sheets hold, borrowed: a national review adds some
        // 60 000 marks, and cloning both keys for each was a third of
        // scoring them.
        let mut sums: BTreeMap<(&'a str, &'a str), (Num, u32, &'a str)> = BTreeMap::new();
        let mut scorers_of: BTreeMap<&'a str, BTreeSet<&'a str>> = BTreeMap::new();
        // (scorer, unit) → each sheet's row for it, in the order read: a
        // scorer's marks for a unit are used only when every copy agrees.
        let mut versions: BTreeMap<(&'a str, &'a str), Vec<(&'a CrossScoreSheet, usize)>> = BTreeMap::new();
        for s in cross.iter().copied() {
            for (r, (unit, marks)) in s.rows.iter().enumerate() {
                if !in_cluster.contains(unit.as_str()) {
                    continue;
                }
                if unit == &s.scorer && !rules.file.scores.self_marking_allowed {
                    let at = marks.iter().flatten().next().map(|m| m.at.clone()).unwrap_or_else(|| s.at.clone());
                    problems.push(
                        Problem::error(
                            "self-marking",
                            at,
                            format!(
                                "{} tự chấm điểm cho chính mình trong bảng chấm chéo; quy định không cho phép ({}), điểm này không được tính.",
                                name(unit),
                                rules.file.scores.clause
                            ),
                        )
                        .with_unit(unit),
                    );
                    continue;
                }
                versions.entry((s.scorer.as_str(), unit.as_str())).or_default().push((s, r));
            }
        }
        // Units whose cross-score is not determined: two copies of one
        // scorer's sheet disagree on it, or a mark it must have is missing
        // (blank or refused, said at its cell). Neither copy is guessed
        // right, nor the unit averaged over fewer scorers (3636, mục
        // A.II.1.8; SPEC §4): it is not ranked, as a conflicting indicator
        // figure stops the unit.
        let mut undetermined: BTreeMap<String, String> = BTreeMap::new();
        for ((scorer, unit), copies) in &versions {
            let marks_of = |&(s, r): &(&'a CrossScoreSheet, usize)| -> Vec<Option<Num>> {
                s.rows[r].1.iter().map(|m| m.as_ref().map(|m| m.points)).collect()
            };
            let first = copies[0];
            if let Some(&other) = copies[1..].iter().find(|c| marks_of(c) != marks_of(&first)) {
                problems.push(
                    Problem::error("conflict", other.0.row_at(other.1), conflict_message(first, other, &name(scorer), &name(unit)))
                        .with_unit(*unit),
                );
                undetermined
                    .entry(unit.to_string())
                    .or_insert_with(|| format!("{} gửi hai bảng chấm chéo ghi điểm khác nhau", name(scorer)));
                continue;
            }
            let (s, r) = first;
            let marks = &s.rows[r].1;
            if marks.iter().any(|m| m.is_none()) {
                undetermined.entry(unit.to_string()).or_insert_with(|| format!("thiếu điểm chấm chéo của {}", name(scorer)));
            }
            scorers_of.entry(*unit).or_default().insert(*scorer);
            for (i, m) in marks.iter().enumerate() {
                let Some(m) = m else { continue };
                let crit = &s.criteria[i];
                let e = sums.entry((crit.code.as_str(), *unit)).or_insert((Num::zero(), 0, crit.name.as_str()));
                e.0 = add(e.0, m.points);
                e.1 += 1;
            }
        }
        // A member scores every other member of its Khối, Cụm (3636, mục
        // A.II.1.8): a member's sheet with no row for another (the row left
        // out, or its name not recognised, said at its cell) would average
        // that unit over fewer scorers than sent a sheet. The unit is not
        // ranked until the row is there, as for a blank mark.
        for sc in cross.iter().map(|s| s.scorer.as_str()).filter(|sc| in_cluster.contains(sc)).collect::<BTreeSet<_>>() {
            let sheet = cross.iter().find(|s| s.scorer == sc).map(|s| s.at.clone()).unwrap_or_default();
            for &u in in_cluster.iter().filter(|&&u| u != sc && !versions.contains_key(&(sc, u))) {
                problems.push(
                    Problem::error(
                        "missing-row",
                        sheet.clone(),
                        format!(
                            "Bảng chấm điểm chéo của {} không có dòng chấm {} (hoặc có nhưng tên đơn vị ở dòng đó không nhận ra được); mỗi đơn vị chấm điểm tất cả các đơn vị thành viên khác của Khối, Cụm ({}). {} chưa được tính điểm và xếp hạng cho đến khi có điểm.",
                            name(sc),
                            name(u),
                            rules.file.scores.clause,
                            name(u)
                        ),
                    )
                    .with_unit(u),
                );
                undetermined
                    .entry(u.to_string())
                    .or_insert_with(|| format!("bảng chấm chéo của {} không có dòng chấm đơn vị này", name(sc)));
            }
        }
        // Expected scorers: every scorer seen, and the members of their
        // clusters (a member that sent no sheet is a missing scorer).
        let seen_scorers: BTreeSet<UnitId> = cross.iter().map(|s| s.scorer.clone()).collect();
        let mut expected: BTreeSet<UnitId> = seen_scorers.clone();
        for sc in &seen_scorers {
            if let Some(c) = reg.cluster_of(sc) {
                expected.extend(c.members.iter().cloned());
            }
        }
        // A scorer whose only sheet was refused (its error said at the
        // sheet) sent one: it is named as sent but not usable, not as
        // missing.
        let (refused_by, missing): (Vec<&UnitId>, Vec<&UnitId>) =
            expected.iter().filter(|e| !seen_scorers.contains(*e)).partition(|e| refused.iter().any(|(u, _)| u == *e));
        if !missing.is_empty() || !refused_by.is_empty() {
            let names = |v: &[&UnitId]| v.iter().map(|m| name(m)).collect::<Vec<_>>().join("; ");
            let refused_part = |v: &[&UnitId]| {
                let at: Vec<String> =
                    v.iter().filter_map(|u| refused.iter().find(|(r, _)| r == *u)).map(|(_, at)| at.to_string()).collect();
                format!("đã gửi nhưng không dùng được (xem lỗi ở {})", at.join("; "))
            };
            // A sheet sent but not usable holds marks that were given: the
            // units it scores are not averaged over fewer scorers (as for a
            // blank mark) but wait for the sheet to be mended.
            let stop = "các đơn vị thành viên được chấm trong bảng đó chưa được xếp hạng cho đến khi bảng được sửa (không tính bình quân trên ít đơn vị chấm hơn số đơn vị đã gửi bảng)";
            let text = match (missing.is_empty(), refused_by.is_empty()) {
                (false, true) => format!(
                    "Thiếu Bảng chấm điểm chéo của {} đơn vị: {}. Điểm bình quân được tính trên các đơn vị đã gửi bảng chấm ({}).",
                    missing.len(),
                    names(&missing),
                    rules.file.scores.clause
                ),
                (true, false) => format!(
                    "Bảng chấm điểm chéo của {} {}; {stop} ({}).",
                    names(&refused_by),
                    refused_part(&refused_by),
                    rules.file.scores.clause
                ),
                _ => format!(
                    "Thiếu Bảng chấm điểm chéo của {} đơn vị: {}; điểm bình quân được tính trên các đơn vị đã gửi bảng chấm. Bảng của {} {}; {stop} ({}).",
                    missing.len(),
                    names(&missing),
                    names(&refused_by),
                    refused_part(&refused_by),
                    rules.file.scores.clause
                ),
            };
            // A refused sheet that names no scorer, of this cluster's
            // members: it may be a missing member's, so the members are
            // not ranked on the other sheets until it names its scorer.
            let cluster = in_cluster.iter().next().and_then(|u| reg.cluster_of(u)).map(|c| c.id.as_str());
            let unknown: Vec<String> = refused
                .iter()
                .filter(|(u, _)| cluster.is_some() && u.strip_prefix(crate::model::annual::UNKNOWN_SCORER) == cluster)
                .map(|(_, at)| at.to_string())
                .collect();
            let text = if !missing.is_empty() && !unknown.is_empty() {
                // The one member missing does not score itself.
                for &u in in_cluster.iter().filter(|&&u| !matches!(missing.as_slice(), [m] if m.as_str() == u)) {
                    undetermined
                        .entry(u.to_string())
                        .or_insert_with(|| "có bảng chấm chéo không ghi \"Đơn vị chấm: …\", không biết của đơn vị nào".into());
                }
                let also = if refused_by.is_empty() {
                    String::new()
                } else {
                    format!("; bảng của {} {}", names(&refused_by), refused_part(&refused_by))
                };
                format!(
                    "Thiếu Bảng chấm điểm chéo của {} đơn vị: {}{also}. Bảng chấm chéo ở {} không ghi \"Đơn vị chấm: …\" và có thể là bảng của đơn vị còn thiếu: các đơn vị thành viên chưa được xếp hạng cho đến khi bảng đó ghi đơn vị chấm (không tính bình quân trên ít đơn vị chấm hơn số đơn vị đã gửi bảng; {}).",
                    missing.len(),
                    names(&missing),
                    unknown.join("; "),
                    rules.file.scores.clause
                )
            } else {
                text
            };
            for r in refused_by.iter().filter(|r| in_cluster.contains(r.as_str())) {
                for &u in in_cluster.iter().filter(|&&u| u != r.as_str()) {
                    undetermined
                        .entry(u.to_string())
                        .or_insert_with(|| format!("bảng chấm chéo của {} đã gửi nhưng chưa dùng được", name(r)));
                }
            }
            // Said for the whole inbox, not at one scorer's file: the sheet
            // missing is no file's.
            problems.push(Problem::warning("missing-scorer", crate::model::Location::default(), text));
        }
        for ((_, unit), (sum, n, crit_name)) in &sums {
            let avg = sum.checked_div(Num::int(*n as i64)).unwrap_or(*sum);
            let e = match out.get_mut(*unit) {
                Some(e) => e,
                None => out.entry(unit.to_string()).or_default(),
            };
            e.cross.push((crit_name.to_string(), avg, *n));
        }
        for (unit, e) in out.iter_mut() {
            if e.cross.is_empty() {
                continue;
            }
            let avg_total = e.cross.iter().fold(Num::zero(), |a, c| add(a, c.1));
            for (i, c) in e.cross.iter().enumerate() {
                let g = format!("{}", i + 1);
                if e.self_total.is_none() {
                    let x = e.by_group.entry(g).or_insert_with(Num::zero);
                    *x = add(*x, c.1);
                }
            }
            let n_scorers = scorers_of.get(unit.as_str()).map_or(0, |s| s.len());
            if doubt {
                e.total = None;
                e.note = "không xếp hạng: các bảng chấm chéo không thống nhất danh sách tiêu chí hoặc điểm tối đa".into();
                continue;
            }
            let part = format!("bình quân điểm chấm chéo {} (của {} đơn vị chấm)", format_num(&avg_total, 2), n_scorers);
            e.total = Some(match e.total {
                Some(t) => add(t, avg_total),
                None => avg_total,
            });
            e.note = if e.note.is_empty() { part } else { format!("{}; {}", e.note, part) };
        }
        // Also a unit whose only cross-scores are undetermined: never
        // ranked on its self-assessment alone.
        if !doubt {
            for (unit, why) in undetermined {
                let e = out.entry(unit.to_string()).or_default();
                e.total = None;
                e.note = format!("không xếp hạng: điểm chấm chéo chưa xác định ({why})");
            }
        }
    }
}

/// Two copies of one scorer's marks for a unit that differ: each criterion
/// that differs with both values and where each was read.
fn conflict_message(a: (&CrossScoreSheet, usize), b: (&CrossScoreSheet, usize), scorer: &str, unit: &str) -> String {
    let value = |(s, r): (&CrossScoreSheet, usize), i: usize| match s.rows[r].1.get(i).and_then(|m| m.as_ref()) {
        Some(m) => format!("{} ({})", format_num(&m.points, 2), m.at),
        None => format!("để trống ({})", s.row_at(r)),
    };
    let points = |(s, r): (&CrossScoreSheet, usize), i: usize| s.rows[r].1.get(i).and_then(|m| m.as_ref()).map(|m| m.points);
    let differ: Vec<String> =
        a.0.criteria
            .iter()
            .enumerate()
            .filter(|&(i, _)| points(a, i) != points(b, i))
            .map(|(i, c)| format!("Tiêu chí {}: {} và {}", c.code, value(a, i), value(b, i)))
            .collect();
    format!(
        "{scorer} gửi hai bảng chấm chéo ghi điểm khác nhau cho {unit} — {}; không biết bảng nào đúng nên không dùng điểm nào, {unit} chưa được tính điểm và xếp hạng. Hãy giữ lại một bảng đúng rồi gửi lại.",
        differ.join("; ")
    )
}

/// Check that every scorer lists the same criteria with the same maxima.
/// The reading most scorers give is the reference; every header that
/// differs from it, and every criterion a sheet lacks, is an error at its
/// file and cell. Returns whether anything differed.
fn criteria_disagree(cross: &[&CrossScoreSheet], name: &dyn Fn(&str) -> String, problems: &mut Vec<Problem>) -> bool {
    // code → max → sheets giving it
    let mut readings: BTreeMap<&str, BTreeMap<Num, usize>> = BTreeMap::new();
    for s in cross {
        for c in &s.criteria {
            *readings.entry(c.code.as_str()).or_default().entry(c.max).or_default() += 1;
        }
    }
    let mut differ = false;
    for s in cross {
        for (i, c) in s.criteria.iter().enumerate() {
            let r = &readings[c.code.as_str()];
            if r.len() < 2 {
                continue;
            }
            let others: Vec<String> =
                r.iter().filter(|(m, _)| **m != c.max).map(|(m, n)| format!("{} điểm ở {} bảng chấm khác", format_num(m, 2), n)).collect();
            differ = true;
            problems.push(Problem::error(
                "criterion-max",
                s.criteria_at.get(i).cloned().unwrap_or_else(|| s.at.clone()),
                format!(
                    "Bảng chấm điểm của {} ghi Tiêu chí {} tối đa {} điểm, nhưng {}; các đơn vị chấm không thống nhất điểm tối đa, nên không tính được điểm bình quân chắc chắn và các đơn vị được chấm không được xếp hạng. Hãy thống nhất biểu chấm điểm của Khối, Cụm.",
                    name(&s.scorer),
                    c.code,
                    format_num(&c.max, 2),
                    others.join("; ")
                ),
            ));
        }
        let own: BTreeSet<&str> = s.criteria.iter().map(|c| c.code.as_str()).collect();
        let missing: Vec<&str> = readings.keys().copied().filter(|k| !own.contains(k)).collect();
        if !missing.is_empty() {
            differ = true;
            problems.push(Problem::error(
                "criterion-list",
                s.at.clone(),
                format!(
                    "Bảng chấm điểm của {} không có {}, trong khi bảng chấm của đơn vị khác có; các đơn vị chấm không thống nhất danh sách tiêu chí, nên các đơn vị được chấm không được xếp hạng. Hãy thống nhất biểu chấm điểm của Khối, Cụm.",
                    name(&s.scorer),
                    missing.iter().map(|m| format!("Tiêu chí {m}")).collect::<Vec<_>>().join(", ")
                ),
            ));
        }
    }
    differ
}

/// The value of a tie-breaker for a unit.
pub fn tie_value(key: &str, s: Option<&Scored>, figures: Option<&UnitFigures>) -> Option<Num> {
    if let Some(g) = key.strip_prefix("tieu_chi:") {
        let s = s?;
        let roman = g.parse::<u32>().ok().map(crate::model::period::roman);
        return s.by_group.get(g).or_else(|| roman.and_then(|r| s.by_group.get(&r))).copied();
    }
    let f = figures?;
    match key {
        "ty_le_thu" => f.values.get("thu.luy_ke")?.checked_div(*f.values.get("thu.ke_hoach")?),
        "ty_trong_dn" => f.values.get("ty_trong_dn").copied(),
        _ => None,
    }
}

/// How a tie-breaker is named in notes.
pub fn tie_name(key: &str) -> (String, bool) {
    if let Some(g) = key.strip_prefix("tieu_chi:") {
        return (format!("điểm nhóm tiêu chí {g}"), false);
    }
    match key {
        "ty_le_thu" => ("tỷ lệ thu so với kế hoạch".into(), true),
        "ty_trong_dn" => ("tỷ trọng thu khu vực doanh nghiệp".into(), true),
        _ => (key.into(), false),
    }
}
