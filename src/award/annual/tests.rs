//! The annual review's rules on small, hand-made inputs: each test states
//! what an officer would check in the results.

use super::*;
use crate::model::annual::{Criterion, CrossScoreSheet, IndividualRow, Mark, SelfScoreSheet, VoteLine, VoteSheet};
use crate::model::Severity;

fn loc(cell: &str) -> Location {
    Location { file: "t.xlsx".into(), sheet: Some("S".into()), cell: Some(cell.into()) }
}
fn yes(b: bool) -> Option<(bool, Location)> {
    Some((b, loc("A1")))
}
/// Eligible for everything: covenant, TTLĐXS, exceeded, new model.
fn good(unit: &str) -> EligibilityRow {
    EligibilityRow {
        unit: unit.into(),
        at: loc("B5"),
        covenant: yes(true),
        excellent_title: yes(true),
        exceeded_targets: yes(true),
        demoted: yes(false),
        serious_violation: yes(false),
        under_review: yes(false),
        new_model: "Mô hình \"Đại lý thu 4.0\"".into(),
        ..Default::default()
    }
}
fn self_sheet(unit: &str, pts: i64) -> SelfScoreSheet {
    SelfScoreSheet {
        unit: unit.into(),
        at: loc("A1"),
        rows: vec![(
            Criterion { code: "1".into(), name: "Thu".into(), max: Num::int(100), group: String::new() },
            Some(Mark { points: Num::int(pts), at: loc("D5") }),
            None,
        )],
    }
}
fn vote(unit: &str, award: &str, votes: u32) -> VoteLine {
    VoteLine { unit: unit.into(), award: award.into(), votes, at: loc("C5"), unit_at: loc("B5"), votes_at: loc("D5"), of: None }
}
fn tally(lines: Vec<VoteLine>) -> VoteSheet {
    VoteSheet { at: loc("A1"), members_declared: None, ballots: None, lines, refused: vec![], title_cluster: None }
}
const CUM3: [&str; 6] = ["ha-noi", "vinh-phuc", "hung-yen", "ha-nam", "bac-giang", "bac-ninh"];

fn run(sheets: &AnnualSheets) -> RunResult {
    let rules = AnnualRules::builtin();
    let empty = BTreeMap::new();
    let flagged = BTreeSet::new();
    evaluate_annual(AnnualInput {
        rules: &rules,
        registry: Registry::builtin(),
        period: Period::Year { year: 2022 },
        sheets,
        figures: &empty,
        last_year: &empty,
        flagged: &flagged,
        problems: vec![],
    })
    .expect("a scope")
}
fn cum3_basic() -> AnnualSheets {
    let mut s = AnnualSheets::default();
    for (i, u) in CUM3.iter().enumerate() {
        s.self_scores.push(self_sheet(u, 95 - i as i64));
        s.eligibility.push(good(u));
    }
    s
}
fn decision<'a>(r: &'a RunResult, unit: &str, award: &str) -> &'a Decision {
    r.decisions
        .iter()
        .find(|d| d.unit == unit && d.award == award)
        .unwrap_or_else(|| panic!("no decision {unit} {award}: {:#?}", r.decisions))
}

#[test]
fn cross_scores_averaged_over_the_scorers_who_sent_a_sheet() {
    // Five of six members score the others; Bắc Ninh sends nothing.
    let mut s = AnnualSheets::default();
    let crit = vec![Criterion { code: "1".into(), name: "Tiêu chí 1".into(), max: Num::int(20), group: String::new() }];
    let marks = [("ha-noi", 18), ("vinh-phuc", 16), ("hung-yen", 17), ("ha-nam", 15), ("bac-giang", 19)];
    for (scorer, _) in marks {
        let rows = CUM3
            .iter()
            .filter(|u| **u != scorer)
            .map(|u| {
                let p = if *u == "ha-nam" { marks.iter().find(|m| m.0 == scorer).unwrap().1 } else { 10 };
                (u.to_string(), vec![Some(Mark { points: Num::int(p), at: loc("C6") })])
            })
            .collect();
        s.cross_scores.push(CrossScoreSheet {
            scorer: scorer.into(),
            at: loc("A1"),
            criteria_at: crit.iter().map(|_| loc("C4")).collect(),
            criteria: crit.clone(),
            rows,
            rows_at: vec![],
        });
    }
    let r = run(&s);
    let review = &r.annual[0];
    let ha_nam = review.scores.iter().find(|x| x.unit == "ha-nam").unwrap();
    // Hà Nam is scored by the four others that sent a sheet: (18+16+17+19)/4 = 17,5.
    assert_eq!(ha_nam.total, Some(Num::frac(35, 2)));
    assert_eq!(ha_nam.cross[0].2, 4);
    assert!(ha_nam.note.contains("của 4 đơn vị chấm"), "{}", ha_nam.note);
    let missing = r.problems.iter().find(|p| p.code == "missing-scorer").expect("missing scorer reported");
    assert!(missing.message.contains("BHXH tỉnh Bắc Ninh"), "{}", missing.message);
    // Hà Nam ranks first: 17,5 against 10 for the others.
    assert_eq!(review.scores[0].unit, "ha-nam");
    assert_eq!(review.scores[0].rank, Some(1));
}

#[test]
fn half_the_members_is_not_enough_half_plus_one_is() {
    // 6 members: 3 votes = 50 % exactly → not voted; 4 votes → voted.
    let mut s = cum3_basic();
    s.votes.push(tally(vec![vote("ha-noi", "Cờ thi đua của BHXH Việt Nam", 3)]));
    let r = run(&s);
    let d = decision(&r, "ha-noi", "co_bhxh");
    assert_eq!(d.kind, DecisionKind::NotQualified);
    assert!(d.reason.contains("3/6 đơn vị thành viên đồng ý (50,00 %)"), "{}", d.reason);
    assert!(d.reason.contains("không trên 50 %") && d.reason.contains("mục B.I.1"), "{}", d.reason);

    let mut s = cum3_basic();
    s.votes.push(tally(vec![vote("ha-noi", "Cờ thi đua của BHXH Việt Nam", 4)]));
    let r = run(&s);
    let d = decision(&r, "ha-noi", "co_bhxh");
    assert_eq!(d.kind, DecisionKind::Proposed, "{}", d.reason);
    assert!(d.reason.contains("4/6 đơn vị thành viên đồng ý (66,67 %)"), "{}", d.reason);
    let v = r.annual[0].votes.iter().find(|v| v.unit == "ha-noi").unwrap();
    assert!(v.voted);
    assert_eq!(v.share, Num::frac(2, 3));
}

#[test]
fn leader_without_the_standard_means_no_government_flag_vote() {
    let mut s = cum3_basic();
    // Hà Nội leads the vote but has no new model or factor.
    s.eligibility[0].new_model = String::new();
    s.votes.push(tally(vec![
        vote("ha-noi", "Cờ thi đua của BHXH Việt Nam", 6),
        vote("vinh-phuc", "Cờ thi đua của BHXH Việt Nam", 3),
        vote("ha-noi", "Cờ thi đua của Chính phủ", 5),
    ]));
    let r = run(&s);
    let d = decision(&r, "ha-noi", "co_bhxh");
    assert_eq!(d.kind, DecisionKind::NotQualified);
    assert!(d.reason.contains("nhân tố mới, mô hình mới"), "{}", d.reason);
    let g = decision(&r, "ha-noi", "co_cp");
    assert_eq!(g.kind, DecisionKind::NotQualified);
    assert!(g.reason.contains("đơn vị dẫn đầu BHXH thành phố Hà Nội không được bầu Cờ thi đua của BHXH Việt Nam"), "{}", g.reason);
    assert!(!r.decisions.iter().any(|d| d.award == "co_cp" && d.kind == DecisionKind::Proposed));
    // The leader qualifies: the Government flag is voted.
    let mut s = cum3_basic();
    s.votes.push(tally(vec![vote("ha-noi", "Cờ thi đua của BHXH Việt Nam", 6), vote("ha-noi", "Cờ thi đua của Chính phủ", 5)]));
    let r = run(&s);
    assert_eq!(decision(&r, "ha-noi", "co_cp").kind, DecisionKind::Proposed);
}

#[test]
fn excluded_and_deferred_units_with_their_reasons() {
    let mut s = cum3_basic();
    s.eligibility[1].covenant = yes(false); // Vĩnh Phúc: no covenant
    s.eligibility[5].under_review = yes(true); // Bắc Ninh: under inspection
    s.votes.push(tally(vec![vote("bac-ninh", "Cờ thi đua của BHXH Việt Nam", 5)]));
    let r = run(&s);
    let vp = decision(&r, "vinh-phuc", "xet_thi_dua");
    assert_eq!(vp.kind, DecisionKind::Excluded);
    assert!(vp.reason.contains("không xét thi đua vì không ký giao ước thi đua") && vp.reason.contains("mục B.I.2"), "{}", vp.reason);
    let bn = decision(&r, "bac-ninh", "xet_thi_dua");
    assert_eq!(bn.kind, DecisionKind::Deferred);
    assert!(bn.reason.contains("chưa xét thi đua") && bn.reason.contains("mục B.I.3"), "{}", bn.reason);
    // Its votes do not count.
    assert_eq!(decision(&r, "bac-ninh", "co_bhxh").kind, DecisionKind::Deferred);
    // Both stay in the table, unranked.
    let review = &r.annual[0];
    let row = review.scores.iter().find(|x| x.unit == "bac-ninh").unwrap();
    assert_eq!(row.rank, None);
    assert!(row.standing.as_ref().unwrap().starts_with("Chưa xét"));
    assert_eq!(review.scores.iter().filter(|x| x.rank.is_some()).count(), 4);
}

#[test]
fn cap_is_twenty_percent_rounded_down() {
    let rules = AnnualRules::builtin();
    assert_eq!(cap::cap_of(&rules, 4), (0, "20 % × 4 = 0,80 → 0 (làm tròn xuống)".into()));
    assert_eq!(cap::cap_of(&rules, 5).0, 1);
    assert_eq!(cap::cap_of(&rules, 11), (2, "20 % × 11 = 2,20 → 2 (làm tròn xuống)".into()));
    // With 11 proposals and 3 Government-flag candidates, the one with the
    // lowest vote share is cut, and the reason shows the arithmetic.
    let mk = |u: &str| Decision {
        unit: u.into(),
        name: u.into(),
        award: "co_cp".into(),
        award_name: "Cờ thi đua của Chính phủ".into(),
        kind: DecisionKind::Proposed,
        rank: Some(1),
        reason: format!("{u}: được bình chọn."),
        clauses: vec![],
    };
    let mut ds = vec![mk("a"), mk("b"), mk("c")];
    let shares: BTreeMap<String, (Num, Option<Num>)> = [("a", 5, 90), ("b", 6, 80), ("c", 4, 99)]
        .iter()
        .map(|(u, v, s)| (u.to_string(), (Num::frac(*v, 6), Some(Num::int(*s)))))
        .collect();
    let q = cap::apply(&rules, &mut ds, &[0, 1, 2], 11, &shares, "toan-quoc", "Toàn quốc", "Hướng dẫn 3636/HD-BHXH, mục B.III.5 (Bước 2)");
    assert_eq!(q.limit, 2);
    assert_eq!(q.proposed, vec!["b".to_string(), "a".to_string()]);
    assert_eq!(q.cut, vec!["c".to_string()]);
    assert_eq!(ds[2].kind, DecisionKind::CutByQuota);
    assert!(ds[2].reason.contains("20 % × 11 = 2,20 → 2 (làm tròn xuống)"), "{}", ds[2].reason);
}

#[test]
fn province_council_caps_the_government_flag_over_its_district_clusters() {
    // Thanh Hóa: each district cluster votes its first member both flags.
    let reg = Registry::builtin();
    let clusters: Vec<&Cluster> = reg.clusters().iter().filter(|c| c.province.as_deref() == Some("thanh-hoa")).collect();
    for take in [4usize, 5] {
        let mut s = AnnualSheets::default();
        for c in clusters.iter().take(take) {
            for (i, m) in c.members.iter().enumerate() {
                s.self_scores.push(self_sheet(m, 90 - i as i64));
                s.eligibility.push(good(m));
            }
            let n = c.members.len() as u32;
            s.votes.push(tally(vec![
                vote(&c.members[0], "Cờ thi đua của BHXH Việt Nam", n),
                vote(&c.members[0], "Cờ thi đua của Chính phủ", n - 1),
            ]));
        }
        let r = run(&s);
        assert!(matches!(r.scope, Scope::Province { .. }), "{:?}", r.scope);
        let gov: Vec<&Decision> = r.decisions.iter().filter(|d| d.award == "co_cp").collect();
        let kept = gov.iter().filter(|d| d.kind == DecisionKind::Proposed).count();
        assert_eq!(kept, take / 5, "{take} BHXH-flag proposals");
        let q = r.quotas.iter().find(|q| q.award == "co_cp").unwrap();
        assert!(q.note.contains(&format!("20 % × {take} = ")), "{}", q.note);
    }
}

#[test]
fn tie_in_votes_at_the_edge_goes_back_to_the_meeting() {
    let mut s = cum3_basic();
    s.votes.push(tally(vec![vote("ha-noi", "Cờ thi đua của BHXH Việt Nam", 4), vote("ha-nam", "Cờ thi đua của BHXH Việt Nam", 4)]));
    let r = run(&s);
    for u in ["ha-noi", "ha-nam"] {
        let d = decision(&r, u, "co_bhxh");
        assert_eq!(d.kind, DecisionKind::TiedAtQuota);
        assert!(d.reason.contains("bỏ phiếu lại"), "{}", d.reason);
    }
}

#[test]
fn certificate_for_the_second_placed_unit_only() {
    let mut s = cum3_basic();
    s.votes.push(tally(vec![vote("vinh-phuc", "Bằng khen của Tổng Giám đốc BHXH Việt Nam", 5), vote("bac-giang", "Bằng khen TGĐ", 5)]));
    let r = run(&s);
    // Vĩnh Phúc is second by score (94); Bắc Giang fifth.
    assert_eq!(decision(&r, "vinh-phuc", "bang_khen").kind, DecisionKind::Proposed);
    let bg = decision(&r, "bac-giang", "bang_khen");
    assert_eq!(bg.kind, DecisionKind::NotQualified);
    assert!(bg.reason.contains("xếp thứ 5"), "{}", bg.reason);
    // The ballot is not overruled without a word: said at its tally cell.
    let said: Vec<&Problem> = r.problems.iter().filter(|p| p.code == "voted-not-qualified").collect();
    assert_eq!(said.len(), 1, "{:?}", r.problems);
    assert_eq!(said[0].unit.as_deref(), Some("bac-giang"));
    assert_eq!(said[0].location.cell.as_ref().map(|c| c.to_string()).as_deref(), Some("C5"));
    assert!(
        said[0].message.contains("BHXH tỉnh Bắc Giang được bình chọn Bằng khen của Tổng Giám đốc BHXH Việt Nam với 5/6 đơn vị thành viên đồng ý (83,33 %), nhưng chưa đạt tiêu chuẩn nên không được đề nghị trong Tờ trình. Bằng khen"),
        "{}",
        said[0].message
    );
}

#[test]
fn tally_errors_are_reported() {
    let mut s = cum3_basic();
    s.votes.push(tally(vec![
        vote("ha-noi", "Cờ thi đua của BHXH Việt Nam", 7),
        vote("thanh-hoa", "Cờ thi đua của BHXH Việt Nam", 5),
        vote("ha-nam", "Huân chương Lao động", 5),
        vote("hung-yen", "Cờ thi đua của BHXH Việt Nam", 5),
    ]));
    let r = run(&s);
    let codes: Vec<&str> = r.problems.iter().map(|p| p.code.as_str()).collect();
    assert!(codes.contains(&"too-many-votes"), "{codes:?}");
    assert!(codes.contains(&"not-member"), "{codes:?}");
    assert!(codes.contains(&"unknown-award"), "{codes:?}");
    // Hà Nội's 7 votes may be a 6 typed wrong, which would give it the flag
    // (one a cluster, most votes first): Hưng Yên's 5 decide nothing, and
    // the form not recognised leaves every form in doubt.
    assert!(codes.contains(&"tally-incomplete"), "{codes:?}");
    assert_eq!(decision(&r, "hung-yen", "co_bhxh").kind, DecisionKind::NotAssessable);
    assert_eq!(r.annual[0].undetermined, vec!["co_bhxh", "co_cp", "bang_khen"]);
}

/// "5/5" typed in a cluster of six (a member absent): the votes count over
/// the six members (3636 B.I.1), and the other count is said at the cell.
#[test]
fn votes_typed_of_fewer_members_are_said() {
    let mut s = cum3_basic();
    let mut line = vote("hung-yen", "Cờ thi đua của BHXH Việt Nam", 5);
    line.of = Some((5, loc("D5")));
    s.votes.push(tally(vec![line]));
    let r = run(&s);
    let p = r.problems.iter().find(|p| p.code == "votes-of-other-count").expect("said");
    assert_eq!(p.severity, Severity::Warning);
    assert!(
        p.message.contains(
            "số phiếu ghi \"5/5\", nhưng Cụm thi đua cấp tỉnh số III có 6 đơn vị thành viên; tỷ lệ được tính trên 6 đơn vị (5/6)"
        ),
        "{}",
        p.message
    );
    assert_eq!(decision(&r, "hung-yen", "co_bhxh").kind, DecisionKind::Proposed);
}

/// "5/7" typed in a cluster of six: seven voters cannot be, so either
/// number may be the wrong one; the row is not counted and the form waits
/// (a 5 read as 5/6 had ranked it above a unit with 4/5).
#[test]
fn votes_typed_of_more_than_the_members_are_not_counted() {
    let mut s = cum3_basic();
    let mut line = vote("hung-yen", "Cờ thi đua của BHXH Việt Nam", 5);
    line.of = Some((7, loc("D5")));
    s.votes.push(tally(vec![line]));
    let r = run(&s);
    let p = r.problems.iter().find(|p| p.code == "votes-of-other-count").expect("said");
    assert_eq!(p.severity, Severity::Error);
    assert_eq!(p.location.cell.as_ref().map(|c| c.to_string()).as_deref(), Some("D5"));
    assert!(p.message.contains("số phiếu ghi \"5/7\", nhưng Cụm thi đua cấp tỉnh số III chỉ có 6 đơn vị thành viên"), "{}", p.message);
    // The Government flag goes to a holder of the BHXH flag: it waits too.
    assert_eq!(r.annual[0].undetermined, vec!["co_bhxh", "co_cp"]);
    assert!(!r.decisions.iter().any(|d| d.unit == "hung-yen" && d.kind == DecisionKind::Proposed));
}

#[test]
fn rotation_suggests_and_says_so() {
    let mut s = cum3_basic();
    s.meetings.push(MeetingInfo { head: Some("ha-nam".into()), deputy: Some("hung-yen".into()), ..Default::default() });
    let r = run(&s);
    let l = &r.annual[0].next_year;
    assert!(l.suggested);
    assert_eq!(l.head.as_deref(), Some("hung-yen"));
    assert_eq!(l.deputy.as_deref(), Some("bac-giang"));
    assert!(l.note.starts_with("Đề xuất theo luân phiên, chưa phải kết quả bầu"), "{}", l.note);
}

#[test]
fn late_meeting_is_warned() {
    let mut s = cum3_basic();
    s.meetings.push(MeetingInfo { date: Some((26, 1, 2023)), ..Default::default() });
    let r = run(&s);
    assert!(r.annual[0].deadline_notes[0].contains("trước ngày 25/01"), "{:?}", r.annual[0].deadline_notes);
    assert!(r.problems.iter().any(|p| p.code == "late"));
    let mut s = cum3_basic();
    s.meetings.push(MeetingInfo { date: Some((20, 1, 2023)), ..Default::default() });
    assert!(run(&s).annual[0].deadline_notes.is_empty());
}

#[test]
fn two_flag_winners_tied_at_the_top_send_the_government_flag_to_a_revote() {
    // A rules file that allows two BHXH flags per cluster: both winners are
    // voted, with equal votes. Which one "leads" is not decided by name
    // (SPEC §11): the Government flag goes back to the meeting.
    let mut rules = AnnualRules::builtin();
    rules.file.awards.iter_mut().find(|a| a.id == "co_bhxh").unwrap().per_cluster = 2;
    let mut s = AnnualSheets::default();
    for (u, p) in [("ha-noi", 90), ("vinh-phuc", 85), ("hung-yen", 80), ("ha-nam", 70), ("bac-giang", 60), ("bac-ninh", 50)] {
        s.self_scores.push(self_sheet(u, p));
    }
    s.eligibility.extend(CUM3.iter().map(|u| good(u)));
    s.votes.push(tally(vec![
        vote("vinh-phuc", "Cờ thi đua của BHXH Việt Nam", 5),
        vote("ha-noi", "Cờ thi đua của BHXH Việt Nam", 5),
        vote("ha-noi", "Cờ thi đua của Chính phủ", 5),
        vote("vinh-phuc", "Cờ thi đua của Chính phủ", 4),
    ]));
    let empty = BTreeMap::new();
    let flagged = BTreeSet::new();
    let r = evaluate_annual(AnnualInput {
        rules: &rules,
        registry: Registry::builtin(),
        period: Period::Year { year: 2022 },
        sheets: &s,
        figures: &empty,
        last_year: &empty,
        flagged: &flagged,
        problems: vec![],
    })
    .unwrap();
    assert_eq!(decision(&r, "ha-noi", "co_bhxh").kind, DecisionKind::Proposed);
    assert_eq!(decision(&r, "vinh-phuc", "co_bhxh").kind, DecisionKind::Proposed);
    for u in ["ha-noi", "vinh-phuc"] {
        let d = decision(&r, u, "co_cp");
        assert_eq!(d.kind, DecisionKind::TiedAtQuota, "{}", d.reason);
        assert!(d.reason.contains("BHXH thành phố Hà Nội, BHXH tỉnh Vĩnh Phúc bằng số phiếu cao nhất"), "{}", d.reason);
        assert!(d.reason.contains("Hội nghị cần bỏ phiếu lại"), "{}", d.reason);
    }
}

#[test]
fn scorers_with_different_lists_of_criteria_are_reported_and_not_averaged() {
    // Two scorers list criteria 1 and 2; a third only criterion 1, worded
    // differently. The wording does not matter; the missing criterion does.
    let mut s = AnnualSheets::default();
    let two = vec![
        Criterion { code: "1".into(), name: "Tiêu chí 1".into(), max: Num::int(50), group: String::new() },
        Criterion { code: "2".into(), name: "Tiêu chí 2".into(), max: Num::int(50), group: String::new() },
    ];
    let one = vec![Criterion { code: "1".into(), name: "Tiêu chí 1: Chuyên môn".into(), max: Num::int(50), group: String::new() }];
    for (scorer, crit) in [("ha-noi", &two), ("vinh-phuc", &two), ("hung-yen", &one)] {
        let rows = CUM3
            .iter()
            .filter(|u| **u != scorer)
            .map(|u| (u.to_string(), crit.iter().map(|_| Some(Mark { points: Num::int(40), at: loc("C6") })).collect()))
            .collect();
        s.cross_scores.push(CrossScoreSheet {
            scorer: scorer.into(),
            at: Location { file: format!("{scorer}.xlsx").into(), sheet: Some("S".into()), cell: None },
            criteria_at: crit.iter().map(|_| loc("C4")).collect(),
            criteria: crit.clone(),
            rows,
            rows_at: vec![],
        });
    }
    let r = run(&s);
    let p: Vec<&Problem> = r.problems.iter().filter(|p| p.code == "criterion-list").collect();
    assert_eq!(p.len(), 1, "{:#?}", r.problems);
    assert_eq!(p[0].location.file, "hung-yen.xlsx");
    assert!(p[0].message.contains("Bảng chấm điểm của BHXH tỉnh Hưng Yên không có Tiêu chí 2"), "{}", p[0].message);
    assert!(r.annual[0].scores.iter().all(|x| x.rank.is_none()));
}

#[test]
fn a_meeting_sheet_read_as_another_cluster_than_its_workbook_is_refused() {
    // "Cụm thi đua số 2" read as the provincial cluster 2, in a workbook whose
    // tally names the districts of one of Thanh Hóa's district clusters.
    let reg = Registry::builtin();
    let district = reg.clusters().iter().find(|c| c.province.as_deref() == Some("thanh-hoa") && c.number == 2).unwrap();
    let file = |cell: &str| Location { file: "bo-phieu-hoi-nghi.xlsx".into(), sheet: Some("S".into()), cell: Some(cell.into()) };
    let mut s = AnnualSheets::default();
    let mut line = vote(&district.members[0], "Cờ thi đua của BHXH Việt Nam", district.members.len() as u32);
    line.at = file("C5");
    s.votes.push(VoteSheet {
        at: file("A1"),
        members_declared: None,
        ballots: None,
        lines: vec![line],
        refused: vec![],
        title_cluster: None,
    });
    s.meetings.push(MeetingInfo {
        cluster: Some("cum-2".into()),
        at: Location { file: "bo-phieu-hoi-nghi.xlsx".into(), sheet: Some("Hội nghị".into()), cell: None },
        chair: Some("Ông A".into()),
        ..Default::default()
    });
    let r = run(&s);
    let e = r.problems.iter().find(|p| p.code == "ambiguous-cluster").expect("refused");
    assert!(e.message.contains("Cụm thi đua cấp tỉnh số II"), "{}", e.message);
    assert!(e.message.contains(&district.name), "{}", e.message);
    // The run is the district cluster's alone, without that meeting's facts.
    assert_eq!(r.annual.len(), 1);
    assert_eq!(r.annual[0].cluster, district.id);
    assert_eq!(r.annual[0].meeting.chair, None);
}

#[test]
fn a_cross_score_row_for_another_clusters_unit_is_refused_not_counted_there() {
    // A national inbox: Cụm III and Cụm II each sent their sheets and a
    // tally. Hà Nội's cross-scoring (Cụm III) has a row typed for Thái
    // Nguyên (Cụm II): before, that mark was averaged into Thái Nguyên's
    // score, a Cụm III member marking a Cụm II member.
    const CUM2: [&str; 7] = ["cao-bang", "bac-kan", "thai-nguyen", "lang-son", "ha-giang", "tuyen-quang", "phu-tho"];
    let mut s = cum3_basic();
    for (i, u) in CUM2.iter().enumerate() {
        s.self_scores.push(self_sheet(u, 90 - i as i64));
        s.eligibility.push(good(u));
    }
    s.votes.push(tally(vec![vote("ha-noi", "Cờ thi đua của BHXH Việt Nam", 6)]));
    s.votes.push(tally(vec![vote("cao-bang", "Cờ thi đua của BHXH Việt Nam", 7)]));
    let at = |cell: &str| Location { file: "cham-cheo-ha-noi.xlsx".into(), sheet: Some("Chấm chéo".into()), cell: Some(cell.into()) };
    let crit = vec![Criterion { code: "1".into(), name: "Thu".into(), max: Num::int(100), group: String::new() }];
    let named: Vec<&str> = CUM3.iter().chain(["thai-nguyen"].iter()).filter(|u| **u != "ha-noi").copied().collect();
    let rows = named
        .iter()
        .enumerate()
        .map(|(i, u)| (u.to_string(), vec![Some(Mark { points: Num::int(80), at: at(&format!("C{}", 5 + i)) })]))
        .collect();
    let rows_at = (0..named.len()).map(|i| at(&format!("B{}", 5 + i))).collect();
    s.cross_scores.push(CrossScoreSheet {
        scorer: "ha-noi".into(),
        at: at("A1"),
        criteria_at: vec![at("C4")],
        criteria: crit,
        rows,
        rows_at,
    });
    let r = run(&s);
    assert_eq!(r.scope, Scope::National);
    let e = r.problems.iter().find(|p| p.code == "not-in-cluster").expect("refused");
    // At the unit's name, not its first mark (C10).
    assert_eq!(e.location.cell.as_deref(), Some("B10"));
    assert!(
        e.message.starts_with(
            "BHXH tỉnh Thái Nguyên thuộc Cụm thi đua cấp tỉnh số II, không phải đơn vị thành viên của Cụm thi đua cấp tỉnh số III"
        ),
        "{}",
        e.message
    );
    let cum2 = r.annual.iter().find(|c| c.cluster == "cum-2").unwrap();
    let thai_nguyen = cum2.scores.iter().find(|x| x.unit == "thai-nguyen").unwrap();
    assert!(thai_nguyen.cross.is_empty(), "{:?}", thai_nguyen.cross);
    // Cụm III's members keep Hà Nội's marks.
    let cum3 = r.annual.iter().find(|c| c.cluster == "cum-3").unwrap();
    assert_eq!(cum3.scores.iter().find(|x| x.unit == "ha-nam").unwrap().cross.len(), 1);
}

#[test]
fn a_tally_and_meeting_of_another_cluster_forwarded_by_mistake_are_out_of_scope() {
    // Cụm III's review, with Cụm IV's tally and meeting sheet (its flag
    // for Nam Định, its Bằng khen for Ninh Bình) put in the folder: the run
    // stays Cụm III's, and both are refused, not silently left out.
    let mut s = cum3_basic();
    s.votes.push(tally(vec![vote("ha-noi", "Cờ thi đua của BHXH Việt Nam", 6)]));
    let at = |sheet: &str| Location { file: "bo-phieu-hoi-nghi-cum-4.xlsx".into(), sheet: Some(sheet.into()), cell: Some("A1".into()) };
    let mut other = tally(vec![vote("nam-dinh", "Cờ thi đua của BHXH Việt Nam", 6), vote("ninh-binh", "Bằng khen", 4)]);
    other.at = at("Kết quả bỏ phiếu");
    s.votes.push(other);
    s.meetings.push(MeetingInfo { cluster: Some("cum-4".into()), at: at("Thông tin hội nghị"), ..Default::default() });
    let r = run(&s);
    assert_eq!(r.scope, Scope::Cluster { id: "cum-3".into(), name: "Cụm thi đua cấp tỉnh số III".into() });
    let refused: Vec<&str> = r.problems.iter().filter(|p| p.code == "out-of-scope").map(|p| p.message.as_str()).collect();
    assert_eq!(refused.len(), 2, "{:#?}", r.problems);
    assert!(refused.iter().any(|m| m.starts_with("Bảng kiểm phiếu này là của Cụm thi đua cấp tỉnh số IV")), "{refused:?}");
    assert!(refused.iter().any(|m| m.starts_with("Thông tin hội nghị này là của Cụm thi đua cấp tỉnh số IV")), "{refused:?}");
}

#[test]
fn a_province_marked_by_a_province_of_another_cluster_is_not_counted() {
    // The provinces mark the blocks' central units; An Giang's sheet has a
    // row typed for Hải Dương (Cụm IV), which only Cụm IV's members mark:
    // it was averaged into Hải Dương's score.
    let mut s = AnnualSheets::default();
    for (i, u) in ["quang-ninh", "hai-duong", "hai-phong", "thai-binh", "nam-dinh", "ninh-binh"].iter().enumerate() {
        s.self_scores.push(self_sheet(u, 90 - i as i64));
        s.eligibility.push(good(u));
    }
    let crit = vec![Criterion { code: "1".into(), name: "Chỉ đạo".into(), max: Num::int(20), group: String::new() }];
    let at =
        |cell: &str| Location { file: "cham-cheo/an-giang.xlsx".into(), sheet: Some("Chấm điểm".into()), cell: Some(cell.into()) };
    s.cross_scores.push(CrossScoreSheet {
        scorer: "an-giang".into(),
        at: at("A1"),
        criteria_at: vec![at("C4")],
        criteria: crit,
        rows: vec![("hai-duong".into(), vec![Some(Mark { points: Num::int(17), at: at("C31") })])],
        rows_at: vec![at("B31")],
    });
    let r = run(&s);
    let e = r.problems.iter().find(|p| p.code == "not-in-cluster").expect("refused");
    assert_eq!(e.location.cell.as_deref(), Some("B31"));
    assert!(e.message.contains("BHXH tỉnh An Giang không phải đơn vị thành viên của Cụm thi đua cấp tỉnh số IV"), "{}", e.message);
    let hai_duong = r.annual[0].scores.iter().find(|x| x.unit == "hai-duong").unwrap();
    assert!(hai_duong.cross.is_empty(), "{:?}", hai_duong.cross);
    assert_eq!(hai_duong.total, Some(Num::int(89)));
}

#[test]
fn a_national_review_of_part_of_the_country_says_so() {
    // Cụm III whole and most of Cụm IV in one folder: two clusters, so
    // the national review, which says why and what its 20 % cap covers.
    let mut s = cum3_basic();
    for u in ["quang-ninh", "hai-duong", "hai-phong", "thai-binh"] {
        s.self_scores.push(self_sheet(u, 80));
    }
    let r = run(&s);
    assert_eq!(r.scope, Scope::National);
    let w = r.problems.iter().find(|p| p.code == "national-partly").expect("said");
    assert!(
        w.message.starts_with("Thư mục hồ sơ có số liệu của 2 Khối, Cụm (Cụm thi đua cấp tỉnh số III; Cụm thi đua cấp tỉnh số IV), nên được xét ở phạm vi toàn quốc; 8 Khối, Cụm khác chưa có hồ sơ"),
        "{}",
        w.message
    );
}

#[test]
fn a_person_of_another_cluster_in_a_list_titled_for_a_cluster_is_refused() {
    // A national review; Cụm III's list of individuals, titled for Cụm III,
    // has a person of Thái Nguyên (Cụm II): listed with Cụm II's proposals
    // before, without a word.
    const CUM2: [&str; 7] = ["cao-bang", "bac-kan", "thai-nguyen", "lang-son", "ha-giang", "tuyen-quang", "phu-tho"];
    let mut s = cum3_basic();
    for u in CUM2 {
        s.self_scores.push(self_sheet(u, 80));
    }
    let person = |name: &str, unit: &str, cell: &str| IndividualRow {
        full_name: name.into(),
        position: "Trưởng phòng".into(),
        unit: unit.into(),
        award: "Bằng khen của Tổng Giám đốc BHXH Việt Nam".into(),
        achievements: String::new(),
        at: loc(cell),
        unit_at: loc(cell),
        award_at: loc(cell),
        title_cluster: Some("cum-3".into()),
    };
    s.individuals.push(person("Nguyễn Thị Hoa", "ha-nam", "D5"));
    s.individuals.push(person("Trần Văn Minh", "thai-nguyen", "D6"));
    let r = run(&s);
    assert_eq!(r.scope, Scope::National);
    let e = r.problems.iter().find(|p| p.code == "not-in-cluster").expect("refused");
    assert_eq!(e.location.cell.as_deref(), Some("D6"));
    assert!(e.message.starts_with("Trần Văn Minh: BHXH tỉnh Thái Nguyên thuộc Cụm thi đua cấp tỉnh số II, không phải đơn vị thành viên của Cụm thi đua cấp tỉnh số III mà tiêu đề danh sách ghi"), "{}", e.message);
    let listed: Vec<&str> = r.individuals.iter().map(|i| i.full_name.as_str()).collect();
    assert_eq!(listed, ["Nguyễn Thị Hoa"]);
}
