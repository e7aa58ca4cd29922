//! The annual review of blocks and clusters (Hướng dẫn 3636/HD-BHXH, part
//! B): what the year-end sheets say (SPEC §10 kinds 2–6) and what the review
//! decides from them. Plain data, shared by ingest, award and render.

use super::num::Num;
use super::problem::Location;
use super::unit::{ClusterId, UnitId};
use serde::Serialize;

/// One criterion of a score sheet ("1.2 Công tác thu", max 10 points).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Criterion {
    /// As numbered in the sheet: "1", "1.2", "II".
    pub code: String,
    pub name: String,
    pub max: Num,
    /// The code of the top-level group the sheet puts it under ("I" for
    /// lines numbered "1", "2" under "I"), when the code alone does not say
    /// it; empty when the code's first part is its group ("1.2" → "1"). The tie-breaker "điểm nhóm tiêu chí 1"
    /// adds the points of a group, never of a line that happens to be
    /// numbered 1.
    #[serde(skip)]
    pub group: String,
}

impl Criterion {
    /// The top-level group of the criterion: as the sheet groups it, else
    /// the first part of its code ("1.2.3" → "1", "II" → "II").
    pub fn group(&self) -> &str {
        if self.group.is_empty() {
            self.code.split('.').next().unwrap_or("").trim()
        } else {
            &self.group
        }
    }
}

/// A score read from one cell, with where it was.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mark {
    pub points: Num,
    pub at: Location,
}

/// Kind 2a: a unit's self-assessment, only leaf criteria scored.
#[derive(Clone, Debug, Serialize)]
pub struct SelfScoreSheet {
    pub unit: UnitId,
    /// The cell of its "Đơn vị: …" line, which names the unit: where the
    /// sheet as a whole is reported on (refused, conflicting, incomplete).
    pub at: Location,
    /// Leaf criteria with the self-score and, when given, the verified score.
    pub rows: Vec<(Criterion, Option<Mark>, Option<Mark>)>,
}

/// The mark of a refused cross-scoring sheet whose scorer is not known,
/// before the id of its cluster (`AnnualSheets::refused_cross`).
pub const UNKNOWN_SCORER: &str = "?";

/// Kind 2b: one scorer's marks for several units.
#[derive(Clone, Debug, Serialize)]
pub struct CrossScoreSheet {
    pub scorer: UnitId,
    pub at: Location,
    pub criteria: Vec<Criterion>,
    /// Where each criterion's maximum was read (same order as `criteria`):
    /// its header cell, or its cell on the "Điểm tối đa" row under it.
    #[serde(skip)]
    pub criteria_at: Vec<Location>,
    /// Scored unit → its mark per criterion (same order as `criteria`).
    pub rows: Vec<(UnitId, Vec<Option<Mark>>)>,
    /// The cell of each row's unit name (same order as `rows`), where a row
    /// refused for its unit is reported.
    #[serde(skip)]
    pub rows_at: Vec<Location>,
}

impl CrossScoreSheet {
    /// Where row `r` names its unit: its name cell, or (a sheet built
    /// without the cells) its first mark, or the sheet.
    pub fn row_at(&self, r: usize) -> Location {
        self.rows_at
            .get(r)
            .or_else(|| self.rows.get(r).and_then(|(_, marks)| marks.iter().flatten().next().map(|m| &m.at)))
            .unwrap_or(&self.at)
            .clone()
    }
}

/// Kind 3: votes in favour for one candidate and one award.
#[derive(Clone, Debug, Serialize)]
pub struct VoteLine {
    pub unit: UnitId,
    /// Award id from the rules file.
    pub award: String,
    pub votes: u32,
    /// The award's cell, where the row's votes are reported on.
    pub at: Location,
    /// The candidate's name cell, where a candidate refused for who it is
    /// (not a member of the cluster) is reported.
    #[serde(skip)]
    pub unit_at: Location,
    /// The cell of the votes, where a count that cannot be is reported.
    #[serde(skip)]
    pub votes_at: Location,
    /// The count of members typed after the votes ("4/5"), with the votes'
    /// cell: said when it is not the cluster's member count.
    #[serde(skip)]
    pub of: Option<(u32, Location)>,
}

/// Kind 3: a whole tally sheet.
#[derive(Clone, Debug, Serialize)]
pub struct VoteSheet {
    pub at: Location,
    /// "Tổng số đơn vị thành viên" as written, when written.
    pub members_declared: Option<(u32, Location)>,
    /// Ballots counted, for a per-ballot sheet.
    pub ballots: Option<u32>,
    pub lines: Vec<VoteLine>,
    /// Rows naming a candidate that were refused (a vote count that is not
    /// one, an unknown unit, a missing form or count): the form as typed and
    /// the cell. The tally is incomplete, and what it decides for that form
    /// is not known.
    #[serde(skip)]
    pub refused: Vec<(String, Location)>,
    /// The block or cluster its title names ("KẾT QUẢ BỎ PHIẾU … — CỤM THI
    /// ĐUA CẤP TỈNH SỐ III"), and that title's cell.
    #[serde(skip)]
    pub title_cluster: Option<(ClusterId, Location)>,
}

/// A yes/no cell of the eligibility sheet: `None` when left blank.
pub type Flag = Option<(bool, Location)>;

/// Kind 4: one unit's eligibility row (3636 B.I.2, B.I.3, B.II).
#[derive(Clone, Debug, Default, Serialize)]
pub struct EligibilityRow {
    pub unit: UnitId,
    pub at: Location,
    pub covenant: Flag,
    pub excellent_title: Flag,
    pub exceeded_targets: Flag,
    pub demoted: Flag,
    pub serious_violation: Flag,
    pub under_review: Flag,
    pub new_model: String,
    /// Key field the unit leads in, if any (for the certificate, 3636 B.II.3).
    pub leads_field: String,
    pub achievements: String,
    /// Past awards, one per line: "2021 - Tập thể lao động xuất sắc - QĐ số …".
    pub past_awards: Vec<String>,
    /// Notes written after a yes/no answer, with their column: "Tập thể lao
    /// động xuất sắc: QĐ số 12/QĐ-BHXH".
    #[serde(default)]
    pub notes: Vec<String>,
    /// Yes/no cells that could not be read, or whose twin column says
    /// otherwise (column header, cell), reported as errors: the unit's
    /// standing is then unknown.
    #[serde(default)]
    pub unreadable: Vec<(String, Location)>,
}

/// Kind 5: an individual proposed.
#[derive(Clone, Debug, Serialize)]
pub struct IndividualRow {
    pub full_name: String,
    pub position: String,
    pub unit: UnitId,
    pub award: String,
    pub achievements: String,
    pub at: Location,
    /// The cells of the unit and of the form asked for, for messages.
    pub unit_at: Location,
    pub award_at: Location,
    /// The block or cluster the list's title names ("DANH SÁCH … — CỤM THI
    /// ĐUA CẤP TỈNH SỐ III"), when it names one: a list names too few units
    /// to tell its cluster by them (`award::annual::strays`).
    #[serde(skip)]
    pub title_cluster: Option<ClusterId>,
}

/// Kind 6: the meeting (each detail optional: blanks stay visible).
#[derive(Clone, Debug, Default, Serialize)]
pub struct MeetingInfo {
    pub cluster: Option<ClusterId>,
    pub at: Location,
    pub time: Option<String>,
    /// The meeting date when the time line names one (day, month, year).
    pub date: Option<(u32, u32, i32)>,
    pub place: Option<String>,
    pub chair: Option<String>,
    pub secretary: Option<String>,
    pub attendees: Option<String>,
    pub next_head: Option<UnitId>,
    pub next_deputy: Option<UnitId>,
    /// This year's head and deputy, when the sheet names them.
    pub head: Option<UnitId>,
    pub deputy: Option<UnitId>,
    /// The cells naming next year's head and deputy, for messages.
    #[serde(skip)]
    pub next_at: [Option<Location>; 2],
    /// The cell of the meeting's time and date, for messages about the date.
    #[serde(skip)]
    pub date_at: Option<Location>,
}

/// Every year-end sheet read from the inbox.
#[derive(Clone, Debug, Default, Serialize)]
pub struct AnnualSheets {
    pub self_scores: Vec<SelfScoreSheet>,
    pub cross_scores: Vec<CrossScoreSheet>,
    pub votes: Vec<VoteSheet>,
    pub eligibility: Vec<EligibilityRow>,
    pub individuals: Vec<IndividualRow>,
    /// New models and good practices reported for the six-month review
    /// (Hướng dẫn 3636, mục A.II.3.2.a), from their own simple sheet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub new_models: Vec<super::six_month::NewModel>,
    pub meetings: Vec<MeetingInfo>,
    /// Kind 7: central units nominated (Công văn 1371, mục B.III.1).
    pub central: Vec<super::quarterly::CentralRow>,
    /// Kind 8: proposals from outside the sector (Công văn 1371, mục B.IV.2.c).
    pub outside: Vec<super::quarterly::OutsideRow>,
    /// Self-assessments refused for an error in them (said where found),
    /// by unit and sheet: a unit that also sent a readable one is not
    /// scored on it, since which of the two it meant cannot be told.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refused_self: Vec<(UnitId, Location)>,
    /// Cross-scoring sheets refused whole (said where found), by scorer
    /// and sheet: the scorer sent its sheet, it is not missing. A refused
    /// sheet whose scorer is not known (no "Đơn vị chấm" line) is kept as
    /// `UNKNOWN_SCORER` followed by the id of the Khối, Cụm its rows'
    /// units belong to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refused_cross: Vec<(UnitId, Location)>,
}

impl AnnualSheets {
    pub fn is_empty(&self) -> bool {
        self.self_scores.is_empty()
            && self.cross_scores.is_empty()
            && self.votes.is_empty()
            && self.eligibility.is_empty()
            && self.individuals.is_empty()
            && self.meetings.is_empty()
            && self.central.is_empty()
            && self.outside.is_empty()
            && self.new_models.is_empty()
            && self.refused_self.is_empty()
            && self.refused_cross.is_empty()
    }
    /// Room for the sheets of `others` too, so that extending by each of
    /// them grows each list once.
    pub fn reserve<'a>(&mut self, others: impl Iterator<Item = &'a AnnualSheets> + Clone) {
        let sum = |f: fn(&AnnualSheets) -> usize| others.clone().map(f).sum::<usize>();
        self.self_scores.reserve(sum(|o| o.self_scores.len()));
        self.cross_scores.reserve(sum(|o| o.cross_scores.len()));
        self.votes.reserve(sum(|o| o.votes.len()));
        self.eligibility.reserve(sum(|o| o.eligibility.len()));
        self.individuals.reserve(sum(|o| o.individuals.len()));
        self.meetings.reserve(sum(|o| o.meetings.len()));
        self.central.reserve(sum(|o| o.central.len()));
        self.outside.reserve(sum(|o| o.outside.len()));
        self.new_models.reserve(sum(|o| o.new_models.len()));
        self.refused_self.reserve(sum(|o| o.refused_self.len()));
        self.refused_cross.reserve(sum(|o| o.refused_cross.len()));
    }
    pub fn extend(&mut self, o: AnnualSheets) {
        self.self_scores.extend(o.self_scores);
        self.cross_scores.extend(o.cross_scores);
        self.votes.extend(o.votes);
        self.eligibility.extend(o.eligibility);
        self.individuals.extend(o.individuals);
        self.meetings.extend(o.meetings);
        self.refused_self.extend(o.refused_self);
        self.refused_cross.extend(o.refused_cross);
        self.central.extend(o.central);
        self.outside.extend(o.outside);
        self.new_models.extend(o.new_models);
    }
    /// Keep only what was read from the sheets `keep` accepts (by the
    /// location of each sheet, row or refusal).
    pub fn retain_at(&mut self, keep: impl Fn(&Location) -> bool) {
        self.self_scores.retain(|s| keep(&s.at));
        self.cross_scores.retain(|s| keep(&s.at));
        self.votes.retain(|s| keep(&s.at));
        self.eligibility.retain(|s| keep(&s.at));
        self.individuals.retain(|s| keep(&s.at));
        self.meetings.retain(|s| keep(&s.at));
        self.refused_self.retain(|(_, at)| keep(at));
        self.refused_cross.retain(|(_, at)| keep(at));
        self.central.retain(|s| keep(&s.at));
        self.outside.retain(|s| keep(&s.at));
        self.new_models.retain(|s| keep(&s.at));
    }
    /// Where each sheet, row or refusal was read (the locations
    /// `retain_at` keeps or drops).
    pub fn locations(&self) -> impl Iterator<Item = &Location> {
        (self.self_scores.iter().map(|s| &s.at))
            .chain(self.cross_scores.iter().map(|s| &s.at))
            .chain(self.votes.iter().map(|s| &s.at))
            .chain(self.eligibility.iter().map(|s| &s.at))
            .chain(self.individuals.iter().map(|s| &s.at))
            .chain(self.meetings.iter().map(|s| &s.at))
            .chain(self.refused_self.iter().map(|(_, at)| at))
            .chain(self.refused_cross.iter().map(|(_, at)| at))
            .chain(self.central.iter().map(|s| &s.at))
            .chain(self.outside.iter().map(|s| &s.at))
            .chain(self.new_models.iter().map(|s| &s.at))
    }
}

/// A unit's score in its cluster.
#[derive(Clone, Debug, Serialize)]
pub struct UnitScore {
    pub unit: UnitId,
    pub name: String,
    /// Sum of the self-scores, when a self-assessment was sent.
    pub self_total: Option<Num>,
    /// The score that counts: verified where given, else self, plus the
    /// average of the cross-scores (3636; SPEC §11).
    pub total: Option<Num>,
    /// Average of each cross-scored criterion: (criterion, average, scorers).
    pub cross: Vec<(String, Num, u32)>,
    /// Values of the tie-breakers, in the rules file's order.
    pub tie_breakers: Vec<Option<Num>>,
    /// 1-based, among the units considered; equal for an unbroken tie.
    pub rank: Option<u32>,
    pub tied: bool,
    /// "Không xét" / "Chưa xét" with the reason, when not considered.
    pub standing: Option<String>,
    /// How the total was made, for the minutes and the summary.
    pub note: String,
}

impl UnitScore {
    /// How many members cross-scored this one (the most any criterion
    /// had); `None` when none did.
    pub fn scorers(&self) -> Option<u32> {
        self.cross.iter().map(|c| c.2).max()
    }

    /// The number of scorers most of `scores` were averaged over (the
    /// larger on a tie); `None` when none was cross-scored.
    pub fn usual_scorers(scores: &[UnitScore]) -> Option<u32> {
        let mut count: std::collections::BTreeMap<u32, usize> = std::collections::BTreeMap::new();
        for n in scores.iter().filter_map(|s| s.scorers()) {
            *count.entry(n).or_default() += 1;
        }
        count.into_iter().max_by_key(|&(n, k)| (k, n)).map(|(n, _)| n)
    }

    /// The note as a ranking table gives it beside its columns of the
    /// points that count ("Điểm tự chấm (thẩm định)") and of the
    /// cross-scores' average: only what those columns do not say. The
    /// self-score alone and the average over the `usual` number of scorers
    /// are dropped; a verified score keeps what was verified and the
    /// self-score sent; an average over another number of scorers says how
    /// many. Reasons (not ranked, ties) are kept whole.
    pub fn note_beside_columns(&self, usual: Option<u32>) -> String {
        let parts: Vec<String> = self
            .note
            .split("; ")
            .filter_map(|p| {
                if let Some(rest) = p.strip_prefix("điểm tự chấm ") {
                    // "điểm tự chấm 77,50": the column's figure.
                    return if rest.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.' || c == '-') {
                        None
                    } else {
                        Some(p.into())
                    };
                }
                if p.starts_with("điểm thẩm định") {
                    // "… : 78,00 (tự chấm 79,00)" and "điểm thẩm định 78,00
                    // (tự chấm 79,00)": the column has the points counted.
                    let sent =
                        p.rfind(" (tự chấm ").map_or(String::new(), |i| format!(" (tổng điểm tự chấm {}", &p[i + " (tự chấm ".len()..]));
                    return Some(match p.split_once(": ") {
                        Some((what, _)) => format!("{what}{sent}"),
                        None => format!("điểm đã thẩm định{sent}"),
                    });
                }
                if let Some(rest) = p.strip_prefix("bình quân điểm chấm chéo ") {
                    // "bình quân điểm chấm chéo 18,46 (của 6 đơn vị chấm)".
                    let n: Option<u32> = rest.split_once("(của ").and_then(|(_, r)| r.split(' ').next()).and_then(|n| n.parse().ok());
                    return match n {
                        Some(n) if Some(n) != usual => Some(format!("bình quân của {n} đơn vị chấm")),
                        Some(_) => None,
                        None => Some(p.into()),
                    };
                }
                Some(p.into())
            })
            .collect();
        parts.join("; ")
    }

    /// The cross-scores' average over every criterion scored, as the total
    /// adds it; `None` when no member cross-scored this one.
    pub fn cross_total(&self) -> Option<Num> {
        if self.cross.is_empty() {
            return None;
        }
        self.cross.iter().try_fold(Num::int(0), |acc, c| acc.checked_add(c.1))
    }

    /// The points that count beside the cross-scores: the verified score
    /// where one was given, else the self-score (the note gives both when
    /// they differ), so that it and `cross_total` add up to the total.
    /// Without a total, the self-score sent, if any.
    pub fn counted_points(&self) -> Option<Num> {
        match (self.total, self.cross_total()) {
            (Some(t), Some(c)) => t.checked_sub(c),
            (Some(t), None) => Some(t),
            (None, _) => self.self_total,
        }
    }
}

/// One line of the tally as the minutes show it.
#[derive(Clone, Debug, Serialize)]
pub struct VoteResult {
    pub unit: UnitId,
    pub name: String,
    pub award: String,
    pub award_name: String,
    pub votes: u32,
    pub members: u32,
    /// votes ÷ members, exact.
    pub share: Num,
    pub voted: bool,
    pub reason: String,
}

/// Next year's head and deputy, from the meeting sheet or suggested.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Leadership {
    pub head: Option<UnitId>,
    pub deputy: Option<UnitId>,
    /// True when the tool suggested them by rotation (not elected yet).
    pub suggested: bool,
    pub note: String,
}

/// One block or cluster's annual review.
#[derive(Clone, Debug, Serialize)]
pub struct ClusterReview {
    pub cluster: ClusterId,
    pub name: String,
    pub members: Vec<UnitId>,
    pub scores: Vec<UnitScore>,
    pub votes: Vec<VoteResult>,
    pub meeting: MeetingInfo,
    pub next_year: Leadership,
    /// Warnings about the meeting or dossier dates (3636 B.IV.3).
    pub deadline_notes: Vec<String>,
    /// What the minutes must say about the vote as a whole ("no vote on
    /// the Government flag because …").
    pub notes: Vec<String>,
    /// Ballots counted, when a per-ballot sheet was sent (one per unit present).
    pub ballots: Option<u32>,
    /// The members' eligibility rows, as read (for the achievement reports).
    pub eligibility: Vec<EligibilityRow>,
    /// The awards (ids) a tally with rows not counted (a vote count that is
    /// not one, an unknown unit, …) leaves undetermined: nothing is decided
    /// for them and the documents say so.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub undetermined: Vec<String>,
}
