//! The vote of a block or cluster (Hướng dẫn 3636, mục B.I.1, B.II, B.III):
//! candidates taken in order of votes in favour, voted when more than half
//! of all member units agree and the award's standard is met; the
//! Government flag only for the unit voted the BHXH flag with the most
//! votes; the certificate for the second-placed unit or a key-field leader.

use crate::model::annual::{EligibilityRow, VoteLine, VoteResult};
use crate::model::{Decision, DecisionKind, Num, UnitId};
use crate::rules::annual::{AnnualRules, Award};
use crate::vn::format::format_percent;
use std::collections::{BTreeMap, BTreeSet};

/// Whether a unit is considered: `None` when it is, else the decision kind
/// (Excluded, Deferred) with the reason and clause.
pub type Standing = Option<(DecisionKind, String, String)>;

/// What a standard field means, for reasons.
pub fn field_label(f: &str) -> &'static str {
    match f {
        "covenant" => "ký giao ước thi đua",
        "excellent_title" => "danh hiệu \"Tập thể lao động xuất sắc\"",
        "exceeded_targets" => "hoàn thành vượt mức các chỉ tiêu thi đua và nhiệm vụ được giao",
        "demoted" => "hạ bậc xếp loại theo khoản 4 Điều 13 QĐ 1779",
        "serious_violation" => "vi phạm nghiêm trọng",
        "under_review" => "đang xem xét kỷ luật, thanh tra, kiểm tra, khiếu nại",
        "new_model" => "nhân tố mới, mô hình mới",
        _ => "tiêu chuẩn",
    }
}

/// A flag of the eligibility row by field name.
pub fn flag(e: &EligibilityRow, f: &str) -> Option<bool> {
    match f {
        "covenant" => e.covenant.as_ref().map(|x| x.0),
        "excellent_title" => e.excellent_title.as_ref().map(|x| x.0),
        "exceeded_targets" => e.exceeded_targets.as_ref().map(|x| x.0),
        "demoted" => e.demoted.as_ref().map(|x| x.0),
        "serious_violation" => e.serious_violation.as_ref().map(|x| x.0),
        "under_review" => e.under_review.as_ref().map(|x| x.0),
        "new_model" => {
            let t = crate::vn::text::ascii_fold(&e.new_model);
            if t.is_empty() {
                Some(false)
            } else {
                Some(!matches!(t.as_str(), "khong" | "0" | "-" | "chua co" | "khong co"))
            }
        }
        _ => None,
    }
}

/// The standard of an award: Ok, or (missed, unknown) field labels.
pub fn standard(a: &Award, e: Option<&EligibilityRow>) -> Result<(), (Vec<&'static str>, Vec<&'static str>)> {
    let mut missed = Vec::new();
    let mut unknown = Vec::new();
    for f in &a.standard {
        match e.and_then(|e| flag(e, f)) {
            Some(true) => {}
            Some(false) => missed.push(field_label(f)),
            None => unknown.push(field_label(f)),
        }
    }
    if missed.is_empty() && unknown.is_empty() {
        Ok(())
    } else {
        Err((missed, unknown))
    }
}

/// A unit's place on points, as an officer writes it: "xếp thứ 2/7 đơn
/// vị trong Cụm" when every member is ranked, and "xếp thứ 1 trong số 6/7
/// đơn vị của Cụm được xếp hạng" when fewer are ("1/6" in a cluster of
/// seven is read as a slip otherwise); "đồng hạng thứ …" for a tie.
/// `cluster` names the Khối or Cụm as its name begins ("Khối", "Cụm").
pub fn place_words(rank: u32, ranked: usize, members: usize, tied: bool, cluster: &str) -> String {
    let word = if tied { "đồng hạng thứ" } else { "xếp thứ" };
    if ranked < members {
        format!("{word} {rank} trong số {ranked}/{members} đơn vị của {cluster} được xếp hạng")
    } else {
        format!("{word} {rank}/{ranked} đơn vị trong {cluster}")
    }
}

/// "Khối" or "Cụm", as a Khối's or Cụm's name begins ("Cụm thi đua cấp
/// tỉnh số V" → "Cụm").
pub fn cluster_word(name: &str) -> &'static str {
    if name.trim_start().starts_with("Khối") {
        "Khối"
    } else {
        "Cụm"
    }
}

/// "5/6 đơn vị thành viên đồng ý (83,33 %)".
pub fn share_text(votes: u32, members: u32) -> String {
    format!("{votes}/{members} đơn vị thành viên đồng ý ({})", format_percent(&Num::frac(votes as i64, members.max(1) as i64)))
}

pub struct ClusterVote<'a> {
    pub rules: &'a AnnualRules,
    pub members: u32,
    pub name_of: &'a dyn Fn(&str) -> String,
    pub standing: &'a BTreeMap<UnitId, Standing>,
    pub eligibility: &'a BTreeMap<UnitId, &'a EligibilityRow>,
    /// Rank in the cluster's scores (among units considered).
    pub rank: &'a BTreeMap<UnitId, Option<u32>>,
    /// Standard fields marked "Có" that the unit's figures contradict
    /// (field, what the figures show): such a field is not relied on.
    pub doubts: &'a BTreeMap<UnitId, Vec<(&'static str, String)>>,
    /// Units some input about which was wrong (said in bao-loi.txt): no
    /// award is proposed for them on what could not be read (SPEC §7,
    /// documents for the units that were clean).
    pub flagged: &'a BTreeSet<UnitId>,
    /// Members considered for the ranking whose score could not be
    /// determined: while there are any, no rank is certain.
    pub unscored: &'a [String],
}

impl ClusterVote<'_> {
    /// Why unit `u` does not meet award `a`'s standard, if it does not: a
    /// field marked "không" fails it; a field marked "Có" that the figures
    /// contradict, or not marked, leaves it not known.
    fn short_of_standard(&self, a: &Award, name: &str, u: &str) -> Option<(DecisionKind, String)> {
        if self.flagged.contains(u) {
            return Some((
                DecisionKind::NotAssessable,
                format!(
                    "{name}: số liệu, điểm chấm hoặc bảng điều kiện liên quan đến đơn vị có chỗ chưa đúng, chưa dùng được, nên chưa đề nghị {} dù đã được bình chọn.",
                    a.name
                ),
            ));
        }
        // A unit with no score cannot be placed in its cluster: no award is
        // proposed on the vote alone (Yên Thành, whose self-assessment could
        // not be read, had been proposed for both flags, while a unit whose
        // sheets had errors was held back). An award also given for leading
        // a field stands on that field without a rank.
        let leads_field = self.eligibility.get(u).is_some_and(|e| !e.leads_field.trim().is_empty());
        if self.unscored.iter().any(|x| x == u) && !(a.second_or_leading && leads_field) {
            return Some((
                DecisionKind::NotAssessable,
                format!(
                    "{name}: chưa có điểm thi đua xác định được (Bảng tự chấm điểm của đơn vị chưa có hoặc chưa dùng được), nên chưa xác định được thứ hạng trong Khối, Cụm và chưa đề nghị {} dù đã được bình chọn ({}).",
                    a.name, a.clause
                ),
            ));
        }
        let result = standard(a, self.eligibility.get(u).copied());
        if let Err((missed, _)) = &result {
            if !missed.is_empty() {
                return Some(standard_failure(name, a, missed, &[]));
            }
        }
        let doubted: Vec<&(&str, String)> =
            self.doubts.get(u).map(|d| d.iter().filter(|(f, _)| a.standard.iter().any(|x| x == f)).collect()).unwrap_or_default();
        if !doubted.is_empty() {
            let said: Vec<String> = doubted.iter().map(|(f, why)| format!("bảng điều kiện ghi {} nhưng {why}", field_label(f))).collect();
            return Some((
                DecisionKind::NotAssessable,
                format!(
                    "{name}: chưa xác định được tiêu chuẩn {} — {}; cần kiểm tra lại bảng điều kiện hoặc số liệu chỉ tiêu ({}).",
                    a.name,
                    said.join("; "),
                    a.clause
                ),
            ));
        }
        result.err().map(|(missed, unknown)| standard_failure(name, a, &missed, &unknown))
    }
}

/// Decide every award of one cluster from its tally lines (already checked
/// for membership). Returns the tally as the minutes show it, the
/// decisions, and notes for the minutes. Award by award, in the order of
/// the rules: each candidate judged, then the number per cluster counted
/// from the top, then a note when nobody could be voted.
pub fn decide(v: &ClusterVote, lines: &[&VoteLine]) -> (Vec<VoteResult>, Vec<Decision>, Vec<String>) {
    let rules = v.rules;
    let mut results = Vec::new();
    let mut decisions: Vec<Decision> = Vec::new();
    let mut notes = Vec::new();
    let mut e = Earlier::default();
    for a in &rules.file.awards {
        let mut cands: Vec<&&VoteLine> = lines.iter().filter(|l| rules.award_by_name(&l.award).is_some_and(|x| x.id == a.id)).collect();
        cands.sort_by(|x, y| y.votes.cmp(&x.votes).then_with(|| crate::vn::collate::cmp(&(v.name_of)(&x.unit), &(v.name_of)(&y.unit))));
        let passing = candidates(v, a, &cands, &mut e, &mut decisions, &mut results);
        let ups = within_number(v, a, &passing, &mut decisions, &mut e.revote);
        notes.extend(award_note(v, a, cands.is_empty(), &ups, &e, &decisions));
        e.voted.insert(a.id.clone(), ups);
    }
    for r in results.iter_mut() {
        if let Some(d) = decisions.iter().find(|d| d.unit == r.unit && d.award == r.award) {
            r.voted = d.kind == DecisionKind::Proposed;
            r.reason = d.reason.clone();
        }
    }
    (results, decisions, notes)
}

/// What the vote of the awards already decided tells the next ones.
#[derive(Default)]
struct Earlier {
    /// Units voted each award, in vote order.
    voted: BTreeMap<String, Vec<(UnitId, u32)>>,
    /// Units tied for the last place of an award, sent back for a re-vote.
    revote: BTreeMap<String, Vec<UnitId>>,
    /// The top candidate of each award by votes, why it failed, if it
    /// did, and how (not qualified, or not known yet).
    top_failure: BTreeMap<String, (UnitId, String, DecisionKind)>,
}

/// Each candidate of award `a`, by votes: its decision and its line in the
/// tally. Returns those that pass (index in `decisions`, votes).
fn candidates(
    v: &ClusterVote,
    a: &Award,
    cands: &[&&VoteLine],
    e: &mut Earlier,
    decisions: &mut Vec<Decision>,
    results: &mut Vec<VoteResult>,
) -> Vec<(usize, u32)> {
    let mut passing: Vec<(usize, u32)> = Vec::new(); // (index in decisions, votes)
    for (i, l) in cands.iter().enumerate() {
        let name = (v.name_of)(&l.unit);
        let share = Num::frac(l.votes as i64, v.members.max(1) as i64);
        let (kind, reason, clauses) = judge(v, a, l, &name, e);
        if i == 0 && kind != DecisionKind::Proposed {
            let short = reason.split_once(": ").map_or(reason.clone(), |x| x.1.trim_end_matches('.').to_string());
            e.top_failure.insert(a.id.clone(), (l.unit.clone(), short, kind));
        }
        let idx = decisions.len();
        decisions.push(Decision {
            unit: l.unit.clone(),
            name: name.clone(),
            award: a.id.clone(),
            award_name: a.name.clone(),
            kind,
            rank: v.rank.get(&l.unit).copied().flatten(),
            reason,
            clauses,
        });
        if kind == DecisionKind::Proposed {
            passing.push((idx, l.votes));
        }
        results.push(VoteResult {
            unit: l.unit.clone(),
            name,
            award: a.id.clone(),
            award_name: a.name.clone(),
            votes: l.votes,
            members: v.members,
            share,
            voted: false,
            reason: String::new(),
        });
    }
    passing
}

/// One candidate: not considered (its standing), short of the majority
/// (3636 B.I.1), or judged against the award it requires or the award's
/// standard. Returns the kind, the reason and its clauses.
fn judge(v: &ClusterVote, a: &Award, l: &VoteLine, name: &str, e: &Earlier) -> (DecisionKind, String, Vec<String>) {
    let rules = v.rules;
    let majority_clause = &rules.file.votes.clause;
    let share = Num::frac(l.votes as i64, v.members.max(1) as i64);
    let said = share_text(l.votes, v.members);
    let majority = share > rules.majority;
    if let Some(Some((k, why, clause))) = v.standing.get(&l.unit) {
        return (*k, format!("{name}: {why}; {} không được xét ({clause}).", a.name), vec![clause.clone()]);
    }
    if !majority {
        return (
            DecisionKind::NotQualified,
            format!(
                "{name}: {said}, không trên {} số đơn vị thành viên của Khối, Cụm; không được bình chọn {} ({majority_clause}).",
                crate::vn::format::format_percent_short(&rules.majority),
                a.name
            ),
            vec![majority_clause.clone()],
        );
    }
    let clauses = vec![majority_clause.clone(), a.clause.clone()];
    let (kind, reason) = match &a.requires {
        Some(req) => after_required(v, a, l, name, &said, req, e),
        None => on_standard(v, a, l, name, e),
    };
    (kind, reason, clauses)
}

/// An award given only to the unit voted the required award with the most
/// votes: a tie at the top is not broken by name (SPEC §11) but goes back
/// to the meeting, as at the edge of a quota.
fn after_required(v: &ClusterVote, a: &Award, l: &VoteLine, name: &str, said: &str, req: &str, e: &Earlier) -> (DecisionKind, String) {
    let rules = v.rules;
    let majority_clause = &rules.file.votes.clause;
    let req_name = rules.award(req).map_or(req.to_string(), |r| r.name.clone());
    let top: Vec<&UnitId> = match e.voted.get(req) {
        Some(us) if !us.is_empty() => us.iter().filter(|u| u.1 == us[0].1).map(|u| &u.0).collect(),
        _ => vec![],
    };
    let pending = e.revote.get(req).is_some_and(|us| us.contains(&l.unit));
    match top.first().copied() {
        _ if top.len() > 1 && top.contains(&&l.unit) || top.is_empty() && pending => (
            DecisionKind::TiedAtQuota,
            format!(
                "{name}: {said}; {} chỉ bình xét cho đơn vị được bầu {req_name} với số phiếu cao nhất, nhưng {} bằng số phiếu cao nhất cho {req_name}; Hội nghị cần bỏ phiếu lại để xác định đơn vị dẫn đầu, công cụ không tự quyết ({majority_clause}; {}).",
                a.name,
                if top.len() > 1 {
                    top.iter().map(|u| (v.name_of)(u)).collect::<Vec<_>>().join(", ")
                } else {
                    e.revote[req].iter().map(|u| (v.name_of)(u)).collect::<Vec<_>>().join(", ")
                },
                a.clause
            ),
        ),
        Some(_) if top.len() > 1 => (
            DecisionKind::NotQualified,
            format!(
                "{name}: {} chỉ bình xét cho đơn vị được bầu {req_name} với số phiếu cao nhất ({}); không xét ({}).",
                a.name,
                top.iter().map(|u| (v.name_of)(u)).collect::<Vec<_>>().join(", "),
                a.clause
            ),
        ),
        Some(leader) if leader == &l.unit => v.short_of_standard(a, name, &l.unit).unwrap_or((DecisionKind::Proposed, String::new())),
        Some(leader) => (
            DecisionKind::NotQualified,
            format!(
                "{name}: {} chỉ bình xét cho đơn vị được bầu {req_name} với số phiếu cao nhất ({}); không xét ({}).",
                a.name,
                (v.name_of)(leader),
                a.clause
            ),
        ),
        None => {
            match e.top_failure.get(req) {
                // The required award not known yet: neither is this one.
                Some((u, why, DecisionKind::NotAssessable)) => (
                    DecisionKind::NotAssessable,
                    format!(
                        "{name}: {}, đơn vị được bầu {req_name} nhiều phiếu nhất, chưa được đề nghị {req_name} ({why}), nên chưa bình xét được {} ({}).",
                        (v.name_of)(u),
                        a.name,
                        a.clause
                    ),
                ),
                Some((u, why, _)) => (
                    DecisionKind::NotQualified,
                    format!("{name}: đơn vị dẫn đầu {} không được bầu {req_name} ({why}), nên không bình xét {} ({}).", (v.name_of)(u), a.name, a.clause),
                ),
                None => (
                    DecisionKind::NotQualified,
                    format!("{name}: Khối, Cụm không bầu được đơn vị nào nhận {req_name}, nên không bình xét {} ({}).", a.name, a.clause),
                ),
            }
        }
    }
}

/// An award of its own: the standard met, and for an award kept for the
/// second unit or the leader of a field, that rank or field, and no other
/// such award already voted.
fn on_standard(v: &ClusterVote, a: &Award, l: &VoteLine, name: &str, e: &Earlier) -> (DecisionKind, String) {
    let rules = v.rules;
    match v.short_of_standard(a, name, &l.unit) {
        Some(short) => short,
        None => {
            let rank = v.rank.get(&l.unit).copied().flatten();
            let leads_field = v.eligibility.get(&l.unit).is_some_and(|e| !e.leads_field.trim().is_empty());
            let eligible_second = !a.second_or_leading || rank == Some(2) || leads_field;
            // Second place among the units scored is not second place while
            // members' scores are missing: any of them may stand above.
            let rank_unknown = a.second_or_leading && !leads_field && (rank.is_none() || !v.unscored.is_empty());
            let taken = e
                .voted
                .iter()
                .filter(|(aid, _)| rules.award(aid).is_some_and(|x| x.requires.is_none() && x.id != a.id))
                .find(|(_, us)| us.iter().any(|u| u.0 == l.unit));
            if let (true, Some((aid, _))) = (a.second_or_leading, taken) {
                let other = rules.award(aid).map_or(aid.clone(), |x| x.name.clone());
                (DecisionKind::TakenByOtherAward, format!("{name}: đã được bình chọn {other}; không đề nghị thêm {}.", a.name))
            } else if rank_unknown {
                let place = match rank {
                    Some(r) => format!("xếp thứ {r} trong số các đơn vị đã có điểm"),
                    None => "chưa có điểm xác định được".into(),
                };
                let others: Vec<String> = v.unscored.iter().filter(|u| **u != l.unit).map(|u| (v.name_of)(u)).collect();
                let missing = if others.is_empty() {
                    String::new()
                } else {
                    format!(", còn {} đơn vị chưa có điểm xác định được ({})", others.len(), others.join("; "))
                };
                (
                    DecisionKind::NotAssessable,
                    format!(
                        "{name}: {} dành cho tập thể xếp thứ nhì Khối, Cụm hoặc dẫn đầu lĩnh vực công tác trọng tâm; đơn vị {place}{missing}, nên chưa xác định được thứ hạng, và bảng điều kiện không ghi lĩnh vực dẫn đầu ({}).",
                        a.name, a.clause
                    ),
                )
            } else if !eligible_second {
                (
                    DecisionKind::NotQualified,
                    format!(
                        "{name}: {} dành cho tập thể xếp thứ nhì Khối, Cụm hoặc dẫn đầu lĩnh vực công tác trọng tâm; đơn vị {} và không ghi lĩnh vực dẫn đầu ({}).",
                        a.name,
                        match rank {
                            Some(r) => format!("xếp thứ {r}"),
                            None => "chưa được xếp hạng".into(),
                        },
                        a.clause
                    ),
                )
            } else {
                (DecisionKind::Proposed, String::new())
            }
        }
    }
}

/// Within the number per cluster, counted from the top; a tie at the edge
/// goes back to the meeting for a re-vote (SPEC §11 "Votes"). Returns the
/// units voted, with their votes.
fn within_number(
    v: &ClusterVote,
    a: &Award,
    passing: &[(usize, u32)],
    decisions: &mut [Decision],
    revote: &mut BTreeMap<String, Vec<UnitId>>,
) -> Vec<(UnitId, u32)> {
    let rules = v.rules;
    let majority_clause = &rules.file.votes.clause;
    let limit = a.per_cluster as usize;
    let edge_votes = passing.get(limit.saturating_sub(1)).map(|p| p.1);
    let tie_at_edge = limit > 0 && passing.len() > limit && passing[limit].1 == passing[limit - 1].1;
    let mut ups = Vec::new();
    for (pos, (idx, votes)) in passing.iter().enumerate() {
        let d = &mut decisions[*idx];
        let said = share_text(*votes, v.members);
        if tie_at_edge && Some(*votes) == edge_votes {
            d.kind = DecisionKind::TiedAtQuota;
            revote.entry(a.id.clone()).or_default().push(d.unit.clone());
            d.reason = format!(
                "{}: {said}, bằng số phiếu với đơn vị khác tại vị trí cuối cùng ({} đơn vị cho {}); Hội nghị cần bỏ phiếu lại, công cụ không tự quyết ({}).",
                d.name, limit, a.name, majority_clause
            );
        } else if pos < limit {
            d.reason = format!(
                "{}: {said}, trên {} số đơn vị thành viên, xếp thứ {} theo số phiếu đồng ý; đạt tiêu chuẩn{} — được bình chọn đề nghị tặng {} ({}; {}).",
                d.name,
                crate::vn::format::format_percent_short(&rules.majority),
                pos + 1,
                standard_text(a),
                a.name,
                majority_clause,
                a.clause
            );
            ups.push((d.unit.clone(), *votes));
        } else {
            d.kind = DecisionKind::CutByQuota;
            d.reason = format!(
                "{}: {said}, nhưng mỗi Khối, Cụm chỉ bình chọn {} đơn vị cho {}, tính từ số phiếu cao xuống ({majority_clause}).",
                d.name, limit, a.name
            );
        }
    }
    ups
}

/// A note for the minutes when an award that requires another could not be
/// voted: nobody was voted the required award, or its leader failed.
fn award_note(v: &ClusterVote, a: &Award, no_cands: bool, ups: &[(UnitId, u32)], e: &Earlier, decisions: &[Decision]) -> Option<String> {
    let rules = v.rules;
    if no_cands && a.requires.is_some() {
        if let Some(req) = &a.requires {
            let req_name = rules.award(req).map_or(req.clone(), |r| r.name.clone());
            match (e.voted.get(req).and_then(|u| u.first()).map(|u| &u.0), e.top_failure.get(req)) {
                (None, Some((u, why, DecisionKind::NotAssessable))) => {
                    return Some(format!(
                    "Chưa bình xét được {}: {}, đơn vị được bầu {req_name} nhiều phiếu nhất, chưa được đề nghị {req_name} ({why}) ({}).",
                    a.name,
                    (v.name_of)(u),
                    a.clause
                ))
                }
                (None, Some((u, why, _))) => {
                    return Some(format!(
                        "Không bình xét {}: đơn vị dẫn đầu {} không được bầu {req_name} ({why}) ({}).",
                        a.name,
                        (v.name_of)(u),
                        a.clause
                    ))
                }
                (None, None) => return Some(format!("Không bình xét {}: không có đơn vị nào được bầu {req_name} ({}).", a.name, a.clause)),
                _ => {}
            }
        }
    } else if a.requires.is_some() && ups.is_empty() {
        if let Some(d) = decisions.iter().rev().find(|d| d.award == a.id) {
            return Some(format!("Không bình chọn được {}: {}", a.name, d.reason.split_once(": ").map_or(d.reason.as_str(), |x| x.1)));
        }
    }
    None
}

fn standard_text(a: &Award) -> String {
    if a.standard.is_empty() {
        String::new()
    } else {
        format!(" ({})", a.standard.iter().map(|f| field_label(f)).collect::<Vec<_>>().join(", "))
    }
}

fn standard_failure(name: &str, a: &Award, missed: &[&str], unknown: &[&str]) -> (DecisionKind, String) {
    if !missed.is_empty() {
        (DecisionKind::NotQualified, format!("{name}: không đạt tiêu chuẩn {} — không có {} ({}).", a.name, missed.join(", "), a.clause))
    } else {
        (
            DecisionKind::NotAssessable,
            format!(
                "{name}: chưa xác định được tiêu chuẩn {} — bảng điều kiện xét thi đua không ghi {} ({}).",
                a.name,
                unknown.join(", "),
                a.clause
            ),
        )
    }
}
