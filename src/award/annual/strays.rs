//! Units a year-end workbook names outside the block or cluster it is
//! about, found before anything is placed by cluster.
//!
//! A workbook is about one cluster when that cluster clearly holds the
//! units it names (`award::scope::dominant`: at least half of its members,
//! more than all others together, every other cluster only a unit or two):
//! the head's eligibility sheet, the units a scorer marks, the head's
//! workbook with every member's self-assessment. (The scorer is not
//! counted: the provinces mark the blocks' central units, 3636 mục
//! A.II.1.8.) A unit of another cluster
//! in it is a row typed for the wrong unit, or a sheet put in the wrong
//! workbook; it was placed with its own cluster before (a cum-3 province's
//! marks counted for a cum-2 province, a cum-3 eligibility row read as a
//! cum-2 province's) or, in one cluster's run, turned the run national.
//! Hướng dẫn 3636/HD-BHXH, mục A.I: a block or cluster is its listed
//! members, and mục B.I: each reviews its own. So each such row is an
//! error at its cell and is not used anywhere (SPEC §13: a cluster is
//! resolved from everything a workbook says).
//!
//! Tallies are left to `super::tallies` (a candidate who is not a member is
//! already an error there) and meeting sheets to `super::meeting_clusters`;
//! both still count here as what the workbook names.

use crate::model::annual::{AnnualSheets, EligibilityRow, SelfScoreSheet};
use crate::model::{Location, Problem};
use crate::registry::Registry;
use rustc_hash::FxHashSet;

/// The sheets and rows not used, by their index in `AnnualSheets`.
#[derive(Default)]
pub struct Strays {
    pub self_scores: FxHashSet<usize>,
    pub eligibility: FxHashSet<usize>,
    /// (cross-scoring sheet, row): a unit marked in a sheet whose other
    /// rows are all of one other cluster, or a province or district marked
    /// by a scorer outside its cluster (`outside_scorers`). The sheet does
    /// not go to that unit's cluster (`super::cut_by_cluster`).
    pub cross_rows: FxHashSet<(usize, usize)>,
    pub individuals: FxHashSet<usize>,
}

impl Strays {
    /// The self-assessments used.
    pub fn kept_self_scores<'a, 's>(&'a self, sheets: &'s AnnualSheets) -> impl Iterator<Item = &'s SelfScoreSheet> + use<'a, 's> {
        sheets.self_scores.iter().enumerate().filter(|(i, _)| !self.self_scores.contains(i)).map(|(_, s)| s)
    }
    /// The eligibility rows used.
    pub fn kept_eligibility<'a, 's>(&'a self, sheets: &'s AnnualSheets) -> impl Iterator<Item = &'s EligibilityRow> + use<'a, 's> {
        sheets.eligibility.iter().enumerate().filter(|(i, _)| !self.eligibility.contains(i)).map(|(_, e)| e)
    }
}

/// What a workbook names: a unit, and where.
enum Named {
    SelfScore(usize),
    Eligibility(usize),
    CrossRow(usize, usize),
    Individual(usize),
    /// Counted only (see the module's comment).
    Vote,
}

pub fn find(reg: &Registry, sheets: &AnnualSheets, problems: &mut Vec<Problem>) -> Strays {
    // (file, unit, what): everything borrowed from `sheets`.
    let mut named: Vec<(&str, &str, Named)> = Vec::new();
    for (i, s) in sheets.self_scores.iter().enumerate() {
        named.push((&s.at.file, &s.unit, Named::SelfScore(i)));
    }
    for (i, e) in sheets.eligibility.iter().enumerate() {
        named.push((&e.at.file, &e.unit, Named::Eligibility(i)));
    }
    for (i, s) in sheets.cross_scores.iter().enumerate() {
        for (r, (u, _)) in s.rows.iter().enumerate() {
            named.push((&s.at.file, u, Named::CrossRow(i, r)));
        }
    }
    for (i, p) in sheets.individuals.iter().enumerate() {
        named.push((&p.at.file, &p.unit, Named::Individual(i)));
    }
    for s in &sheets.votes {
        for l in &s.lines {
            named.push((&s.at.file, &l.unit, Named::Vote));
        }
    }
    // By file; within a file in the order read.
    named.sort_by(|a, b| a.0.cmp(b.0));
    let mut out = Strays::default();
    let name = |u: &str| reg.unit(u).map_or(u.to_string(), |x| x.name.clone());
    let cluster_of = |u: &str| reg.cluster_of(u).map_or(String::new(), |c| c.name.clone());
    for file in named.chunk_by(|a, b| a.0 == b.0) {
        let Some(about) = crate::award::scope::dominant(reg, file.iter().map(|(_, u, _)| *u)) else { continue };
        let member = |u: &str| about.members.iter().any(|m| m == u);
        for &(_, u, ref n) in file {
            if member(u) || reg.unit(u).is_none() {
                continue;
            }
            let row = |what: &str| {
                format!(
                    "{} thuộc {}, không phải đơn vị thành viên của {}, Khối, Cụm của các đơn vị khác trong tệp này (theo danh sách đơn vị: {}); {what} không được dùng. Nếu gõ nhầm tên đơn vị, hãy sửa lại; nếu bảng để nhầm tệp, hãy chuyển sang tệp của Khối, Cụm đó.",
                    name(u),
                    cluster_of(u),
                    about.name,
                    reg.edition().name
                )
            };
            let (at, message): (Location, String) = match *n {
                Named::SelfScore(i) => {
                    out.self_scores.insert(i);
                    (sheets.self_scores[i].at.clone(), row("bảng tự chấm điểm này"))
                }
                Named::Eligibility(i) => {
                    out.eligibility.insert(i);
                    (sheets.eligibility[i].at.clone(), row("dòng điều kiện xét này"))
                }
                Named::CrossRow(i, r) => {
                    out.cross_rows.insert((i, r));
                    (sheets.cross_scores[i].row_at(r), row("điểm chấm cho đơn vị này"))
                }
                Named::Individual(i) => {
                    out.individuals.insert(i);
                    let p = &sheets.individuals[i];
                    (p.unit_at.clone(), format!("{}: {}", p.full_name, row("dòng đề nghị này")))
                }
                Named::Vote => continue,
            };
            problems.push(Problem::error("not-in-cluster", at, message).with_unit(u));
        }
    }
    outside_scorers(reg, sheets, &mut out, problems);
    outside_title(reg, sheets, &mut out, problems);
    out
}

/// A person proposed in a list whose title names a block or cluster
/// ("DANH SÁCH … — CỤM THI ĐUA CẤP TỈNH SỐ III") for a unit that is not its
/// member: the list names too few units to be placed by them, and the
/// person was listed with that unit's cluster, in a national run without
/// a word.
fn outside_title(reg: &Registry, sheets: &AnnualSheets, out: &mut Strays, problems: &mut Vec<Problem>) {
    for (i, p) in sheets.individuals.iter().enumerate() {
        let Some(titled) = p.title_cluster.as_deref().and_then(|c| reg.cluster(c)) else { continue };
        let Some(u) = reg.unit(&p.unit) else { continue };
        if titled.members.contains(&p.unit) || out.individuals.contains(&i) {
            continue;
        }
        out.individuals.insert(i);
        let of = reg.cluster_of(&p.unit).map_or(String::new(), |c| c.name.clone());
        problems.push(
            Problem::error(
                "not-in-cluster",
                p.unit_at.clone(),
                format!(
                    "{}: {} thuộc {of}, không phải đơn vị thành viên của {} mà tiêu đề danh sách ghi (theo danh sách đơn vị: {}); dòng đề nghị này không được dùng. Nếu gõ nhầm tên đơn vị, hãy sửa lại; nếu cá nhân thuộc Khối, Cụm khác, hãy đưa vào danh sách của Khối, Cụm đó.",
                    p.full_name,
                    u.name,
                    titled.name,
                    reg.edition().name
                ),
            )
            .with_unit(&p.unit),
        );
    }
}

/// A province or district marked by a scorer outside its cluster. The
/// provinces mark the blocks' central units on their guidance (3636, mục
/// A.II.1.8), so a block's rows come from outside; a cluster of provinces
/// or districts is marked by its own members only. Such a row (a province
/// typed among the central units of a province's sheet) was averaged into
/// that unit's score; now an error at its cell, not used.
fn outside_scorers(reg: &Registry, sheets: &AnnualSheets, out: &mut Strays, problems: &mut Vec<Problem>) {
    for (i, s) in sheets.cross_scores.iter().enumerate() {
        for (r, (u, _)) in s.rows.iter().enumerate() {
            let Some(c) = reg.cluster_of(u) else { continue };
            if c.kind == crate::model::ClusterKind::Khoi || c.members.contains(&s.scorer) || out.cross_rows.contains(&(i, r)) {
                continue;
            }
            out.cross_rows.insert((i, r));
            let at = s.row_at(r);
            let name = |u: &str| reg.unit(u).map_or(u.to_string(), |x| x.name.clone());
            problems.push(
                Problem::error(
                    "not-in-cluster",
                    at,
                    format!(
                        "Bảng chấm điểm của {} có dòng chấm {} ({}), nhưng {} không phải đơn vị thành viên của {}: các đơn vị trong Cụm chấm điểm cho nhau (Hướng dẫn 3636/HD-BHXH, mục A.II.1.8); điểm này không được tính. Nếu gõ nhầm tên đơn vị, hãy sửa lại.",
                        name(&s.scorer),
                        name(u),
                        c.name,
                        name(&s.scorer),
                        c.name
                    ),
                )
                .with_unit(u),
            );
        }
    }
}
