//! The year-end readers on grids as units lay them out.

use super::*;
use crate::ingest::grid::{Grid, Value};
use crate::model::annual::AnnualSheets;

fn t(s: &str) -> Value {
    Value::Text(s.into())
}
fn n(v: f64) -> Value {
    Value::Number { v, percent_format: false }
}
fn read_grid(g: &Grid) -> (Option<&'static str>, AnnualSheets, Vec<Problem>) {
    let mut out = AnnualSheets::default();
    let mut problems = Vec::new();
    let kind = read(g, "f.xlsx", None, crate::registry::Registry::builtin(), &mut out, &mut problems);
    (kind, out, problems)
}

fn self_grid() -> Grid {
    let mut g = Grid::new("Tự chấm");
    g.set(0, 0, t("BẢNG TỰ CHẤM ĐIỂM THI ĐUA NĂM 2022"));
    g.set(1, 0, t("Đơn vị: BHXH tỉnh Hà Nam"));
    for (c, h) in ["STT", "Tiêu chí", "Điểm tối đa", "Điểm tự chấm", "Điểm thẩm định"].iter().enumerate() {
        g.set(3, c as u32, t(h));
    }
    type Line = (&'static str, &'static str, f64, Option<Value>, Option<Value>);
    let rows: &[Line] = &[
        ("I", "Chỉ đạo", 20.0, None, None),
        ("1", "Kế hoạch", 10.0, Some(t("9,5")), None),
        ("2", "Sơ kết", 10.0, Some(n(10.0)), Some(n(9.0))),
        ("II", "Chuyên môn", 30.0, None, None),
        ("3", "Thu", 20.0, Some(n(21.0)), None),
        ("4", "Phát triển", 10.0, Some(n(-1.0)), None),
        ("III", "Khác", 10.0, None, None),
        ("5", "Tuyên truyền", 10.0, Some(n(8.0)), None),
    ];
    for (i, (code, name, max, own, ver)) in rows.iter().enumerate() {
        let r = 4 + i as u32;
        g.set(r, 0, t(code));
        g.set(r, 1, t(name));
        g.set(r, 2, n(*max));
        if let Some(v) = own {
            g.set(r, 3, v.clone());
        }
        if let Some(v) = ver {
            g.set(r, 4, v.clone());
        }
    }
    g.set(12, 1, t("Tổng cộng"));
    g.set(12, 3, n(50.0));
    g
}

/// Scorers word the points column their way: "Điểm chấm" and "Điểm đơn vị
/// chấm" are the unit's own points in a sheet of criteria. A name no list
/// knows ("Điểm BQ") is an error at that header, never a sheet dropped with
/// only the file named; the sheet is the unit's self-assessment, refused.
#[test]
fn the_points_column_as_scorers_name_it() {
    for name in ["Điểm chấm", "Điểm đơn vị chấm", "ĐIỂM ĐƠN VỊ CHẤM"] {
        let mut g = self_grid();
        g.set(3, 3, t(name));
        g.set(8, 3, n(19.0));
        g.set(9, 3, n(9.0));
        g.set(12, 3, n(55.5));
        let (kind, out, _) = read_grid(&g);
        assert_eq!(kind, Some("tu-cham-diem"), "{name}");
        assert_eq!(out.self_scores[0].unit, "ha-nam");
    }
    let mut g = self_grid();
    g.set(3, 3, t("Điểm BQ"));
    g.set(3, 4, Value::Empty);
    let (kind, out, problems) = read_grid(&g);
    assert_eq!(kind, Some("tu-cham-diem"));
    assert!(out.self_scores.is_empty());
    assert_eq!(out.refused_self.iter().map(|(u, _)| u.as_str()).collect::<Vec<_>>(), ["ha-nam"]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let p = problems.iter().find(|p| p.code == "points-column-unknown").expect("said at the header");
    assert_eq!(p.location.cell.as_ref().map(|c| c.to_string()).as_deref(), Some("D4"));
    assert!(p.message.contains("(các cột khác: \"Điểm BQ\")") && p.message.contains("điểm của trang này không được tính"), "{}", p.message);
}

#[test]
fn self_assessment_with_groups_verified_column_and_bad_points() {
    // Clean: the leaves 1, 2, 3, 4, 5 are scored, the groups I, II, III not.
    let mut g = self_grid();
    g.set(8, 3, n(19.0));
    g.set(9, 3, n(9.0));
    g.set(12, 3, n(55.5));
    let (kind, out, problems) = read_grid(&g);
    assert_eq!(kind, Some("tu-cham-diem"));
    assert!(problems.is_empty(), "{problems:#?}");
    let s = &out.self_scores[0];
    assert_eq!(s.unit, "ha-nam");
    let codes: Vec<&str> = s.rows.iter().map(|r| r.0.code.as_str()).collect();
    assert_eq!(codes, ["1", "2", "3", "4", "5"]);
    assert_eq!(s.rows[0].1.as_ref().unwrap().points, Num::frac(19, 2));
    assert_eq!(s.rows[1].2.as_ref().unwrap().points, Num::int(9));

    // 21 over a maximum of 20, and -1, are refused with their cells, and
    // the unit is not ranked on what is left (SPEC §13).
    let (_, out, problems) = read_grid(&self_grid());
    assert!(out.self_scores.is_empty());
    let above = problems.iter().find(|p| p.code == "above-max").expect("above max");
    assert_eq!(above.location.cell.as_deref(), Some("D9"));
    assert!(above.message.contains("21,00 vượt điểm tối đa 20,00"), "{}", above.message);
    let neg = problems.iter().find(|p| p.code == "negative-points").expect("negative");
    assert_eq!(neg.location.cell.as_deref(), Some("D10"));
    assert!(problems.iter().all(|p| p.unit.as_deref() == Some("ha-nam")), "{problems:#?}");
    // The totals row (50) is not compared with the sum of the points left
    // (27,5): it differs by the points refused, which have their errors.
    assert!(!problems.iter().any(|p| p.code == "total-mismatch"), "{problems:#?}");
}

#[test]
fn cross_scoring_sheet_with_maximum_in_headers() {
    let mut g = Grid::new("Chấm");
    g.set(0, 0, t("BẢNG CHẤM ĐIỂM NĂM 2022"));
    g.set(1, 0, t("Đơn vị chấm:"));
    g.set(1, 1, t("Hà Nam"));
    g.set(3, 0, t("STT"));
    g.set(3, 1, t("Đơn vị được chấm"));
    g.set(3, 2, t("Tiêu chí 1 (tối đa 20 điểm)"));
    g.set(3, 3, t("Tiêu chí 2 (tối đa 10 điểm)"));
    g.set(3, 4, t("Tổng điểm"));
    g.set(4, 1, t("Hà Nội"));
    g.set(4, 2, n(18.0));
    g.set(4, 3, t("9,5"));
    g.set(4, 4, n(27.5));
    g.set(5, 1, t("Vĩnh Phúc"));
    g.set(5, 2, n(25.0));
    g.set(5, 3, n(8.0));
    let (kind, out, problems) = read_grid(&g);
    assert_eq!(kind, Some("cham-diem-cheo"));
    let s = &out.cross_scores[0];
    assert_eq!(s.scorer, "ha-nam");
    assert_eq!(s.criteria[0].max, Num::int(20));
    assert_eq!(s.rows[0].0, "ha-noi");
    assert_eq!(s.rows[0].1[1].as_ref().unwrap().points, Num::frac(19, 2));
    // Each row's unit is placed at its name cell (a row refused for its
    // unit is reported there).
    let cells: Vec<_> = s.rows_at.iter().map(|l| l.cell.as_deref()).collect();
    assert_eq!(cells, [Some("B5"), Some("B6")]);
    let p = problems.iter().find(|p| p.code == "above-max").unwrap();
    assert_eq!(p.location.cell.as_deref(), Some("C6"));
}

#[test]
fn vote_tally_and_per_ballot_sheet() {
    let mut g = Grid::new("Bỏ phiếu");
    g.set(0, 0, t("KẾT QUẢ BỎ PHIẾU"));
    g.set(1, 0, t("Tổng số đơn vị thành viên: 6"));
    for (c, h) in ["STT", "Đơn vị", "Hình thức đề nghị", "Số phiếu đồng ý"].iter().enumerate() {
        g.set(3, c as u32, t(h));
    }
    g.set(4, 1, t("Hà Nam"));
    g.set(4, 2, t("Cờ thi đua của BHXH Việt Nam"));
    g.set(4, 3, n(5.0));
    g.set(5, 1, t("Hưng Yên"));
    g.set(5, 2, t("Bằng khen TGĐ"));
    g.set(5, 3, t("năm"));
    let (kind, out, problems) = read_grid(&g);
    assert_eq!(kind, Some("bo-phieu"));
    let v = &out.votes[0];
    assert_eq!(v.members_declared.as_ref().unwrap().0, 6);
    assert_eq!(v.lines.len(), 1);
    assert_eq!((v.lines[0].unit.as_str(), v.lines[0].votes), ("ha-nam", 5));
    assert_eq!((v.lines[0].at.cell.as_deref(), v.lines[0].unit_at.cell.as_deref()), (Some("C5"), Some("B5")));
    assert!(problems.iter().any(|p| p.code == "bad-votes" && p.location.cell.as_deref() == Some("D6")));

    let mut g = Grid::new("Kiểm phiếu");
    for (c, h) in ["Đơn vị", "Hình thức đề nghị", "Phiếu 1", "Phiếu 2", "Phiếu 3"].iter().enumerate() {
        g.set(0, c as u32, t(h));
    }
    g.set(1, 0, t("Hà Nam"));
    g.set(1, 1, t("Cờ thi đua của Chính phủ"));
    g.set(1, 2, t("x"));
    g.set(1, 3, t("Đồng ý"));
    g.set(1, 4, n(0.0));
    let (_, out, _) = read_grid(&g);
    assert_eq!(out.votes[0].ballots, Some(3));
    assert_eq!(out.votes[0].lines[0].votes, 2);

    // An empty tally is an error.
    let mut g = Grid::new("Trống");
    for (c, h) in ["STT", "Đơn vị", "Hình thức đề nghị", "Số phiếu đồng ý"].iter().enumerate() {
        g.set(0, c as u32, t(h));
    }
    let (_, _, problems) = read_grid(&g);
    assert!(problems.iter().any(|p| p.code == "empty-tally"));
}

#[test]
fn eligibility_with_ticks_and_blanks() {
    let mut g = Grid::new("Điều kiện");
    let cols = [
        "Đơn vị",
        "Đã ký giao ước thi đua",
        "Tập thể lao động xuất sắc",
        "Hoàn thành vượt mức chỉ tiêu",
        "Bị hạ bậc xếp loại (khoản 4 Điều 13 QĐ 1779)",
        "Vi phạm nghiêm trọng",
        "Đang xem xét kỷ luật, thanh tra, kiểm tra, khiếu nại",
        "Nhân tố mới, mô hình mới",
        "Khen thưởng đã đạt",
    ];
    for (c, h) in cols.iter().enumerate() {
        g.set(0, c as u32, t(h));
    }
    g.set(1, 0, t("Hà Nam"));
    g.set(1, 1, t("x"));
    g.set(1, 2, t("x"));
    g.set(1, 7, t("Đại lý thu số"));
    g.set(1, 8, t("2021 - Tập thể lao động xuất sắc\n2020 - Bằng khen"));
    g.set(2, 0, t("Hưng Yên"));
    g.set(2, 1, t("Có"));
    g.set(2, 6, t("chắc vậy"));
    g.set(3, 0, t("Bắc Ninh"));
    let (kind, out, problems) = read_grid(&g);
    assert_eq!(kind, Some("dieu-kien"));
    let e = &out.eligibility[0];
    assert!(e.covenant.as_ref().unwrap().0);
    assert!(!e.exceeded_targets.as_ref().unwrap().0, "blank after ticks means no");
    assert_eq!(e.past_awards.len(), 2);
    assert!(problems.iter().any(|p| p.code == "bad-flag" && p.location.cell.as_deref() == Some("G3")));
    let bn = &out.eligibility[2];
    assert!(bn.covenant.is_none(), "an empty row stays unknown");
    assert!(problems.iter().any(|p| p.code == "eligibility-blank"));
}

#[test]
fn meeting_details_key_value() {
    let mut g = Grid::new("Hội nghị");
    let rows = [
        ("Cụm/Khối", "Cụm thi đua cấp tỉnh số III"),
        ("Thời gian", "08 giờ 30 phút, ngày 20 tháng 01 năm 2023"),
        ("Địa điểm", "Hội trường BHXH tỉnh Hà Nam"),
        ("Chủ trì", "Giám đốc BHXH tỉnh Hà Nam, Cụm trưởng"),
        ("Thư ký", ""),
        ("Cụm trưởng năm sau", "BHXH tỉnh Hưng Yên"),
        ("Cụm phó năm sau", "Vĩnh Phúc"),
    ];
    for (i, (k, v)) in rows.iter().enumerate() {
        g.set(i as u32, 0, t(k));
        if !v.is_empty() {
            g.set(i as u32, 1, t(v));
        }
    }
    let (kind, out, problems) = read_grid(&g);
    assert_eq!(kind, Some("hoi-nghi"), "{problems:?}");
    let m = &out.meetings[0];
    assert_eq!(m.cluster.as_deref(), Some("cum-3"));
    assert_eq!(m.date, Some((20, 1, 2023)));
    assert_eq!(m.secretary, None);
    assert_eq!(m.next_head.as_deref(), Some("hung-yen"));
    assert_eq!(m.next_deputy.as_deref(), Some("vinh-phuc"));
}

#[test]
fn individuals_list() {
    let mut g = Grid::new("Cá nhân");
    for (c, h) in ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Hình thức đề nghị", "Thành tích"].iter().enumerate() {
        g.set(0, c as u32, t(h));
    }
    g.set(1, 1, t("Nguyễn Thị Hoa"));
    g.set(1, 2, t("Phó Giám đốc"));
    g.set(1, 3, t("BHXH tỉnh Hà Nam"));
    g.set(1, 4, t("Bằng khen của Tổng Giám đốc BHXH Việt Nam"));
    let (kind, out, _) = read_grid(&g);
    assert_eq!(kind, Some("ca-nhan"));
    assert_eq!(out.individuals[0].unit, "ha-nam");
    assert_eq!(out.individuals[0].title_cluster, None);
    // A title naming the cluster, after a dash, is kept with each row.
    let mut titled = Grid::new("Cá nhân");
    titled.set(0, 0, t("DANH SÁCH CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG NĂM 2022 — CỤM THI ĐUA CẤP TỈNH SỐ III"));
    for r in 0..2 {
        for c in 0..g.width(r) {
            titled.set(r + 2, c, g.raw(r, c).clone());
        }
    }
    let (_, out, _) = read_grid(&titled);
    assert_eq!(out.individuals[0].title_cluster.as_deref(), Some("cum-3"));
}

/// "Cụm thi đua số 3" names no level: a tally of district units of Thanh
/// Hóa is the tally of that province's Cụm cấp huyện số 3, a tally of
/// provinces that of Cụm thi đua cấp tỉnh số III. The first used to be
/// taken for cấp tỉnh and the whole tally refused.
#[test]
fn a_title_without_its_level_is_the_cluster_its_units_are_in() {
    let tally = |rows: &[(&str, &str, f64)]| {
        let mut g = Grid::new("Bỏ phiếu");
        g.set(0, 0, t("KẾT QUẢ BỎ PHIẾU BÌNH XÉT THI ĐUA NĂM 2022 — Cụm thi đua số 3"));
        for (c, h) in ["STT", "Đơn vị", "Hình thức đề nghị", "Số phiếu đồng ý"].iter().enumerate() {
            g.set(2, c as u32, t(h));
        }
        for (i, (unit, award, votes)) in rows.iter().enumerate() {
            g.set(3 + i as u32, 1, t(unit));
            g.set(3 + i as u32, 2, t(award));
            g.set(3 + i as u32, 3, n(*votes));
        }
        let (kind, out, problems) = read_grid(&g);
        assert_eq!(kind, Some("bo-phieu"), "{problems:?}");
        out.votes[0].title_cluster.clone().map(|(c, _)| c)
    };
    let districts = tally(&[
        ("BHXH huyện Đông Sơn", "Cờ thi đua của BHXH Việt Nam", 5.0),
        ("BHXH huyện Thiệu Hóa", "Bằng khen của Tổng Giám đốc BHXH Việt Nam", 4.0),
    ]);
    assert_eq!(districts.as_deref(), Some("thanh-hoa.cum-3"));
    let provinces = tally(&[
        ("BHXH tỉnh Hà Nam", "Cờ thi đua của BHXH Việt Nam", 5.0),
        ("BHXH tỉnh Hưng Yên", "Bằng khen của Tổng Giám đốc BHXH Việt Nam", 4.0),
    ]);
    assert_eq!(provinces.as_deref(), Some("cum-3"));
}

/// Grids of header words, names, numbers and junk in random places: the
/// readers report what they cannot use and never panic.
#[test]
fn random_grids_never_panic() {
    let pool: Vec<Value> = [
        "STT",
        "Tiêu chí",
        "Điểm tối đa",
        "Điểm tự chấm",
        "Điểm thẩm định",
        "Đơn vị",
        "Đơn vị: Hà Nam",
        "Đơn vị chấm: Hà Nội",
        "Đơn vị được chấm",
        "Tiêu chí 1 (tối đa 20 điểm)",
        "Tiêu chí 2 (tối đa ",
        "Tổng điểm",
        "Tổng cộng",
        "Hình thức đề nghị",
        "Số phiếu đồng ý",
        "Phiếu 1",
        "Phiếu 2",
        "x",
        "Đồng ý",
        "Cờ thi đua của BHXH Việt Nam",
        "Bằng khen TGĐ",
        "Đã ký giao ước thi đua",
        "Tập thể lao động xuất sắc",
        "Vi phạm nghiêm trọng",
        "Có",
        "Không",
        "Họ và tên",
        "Cụm/Khối",
        "Thời gian",
        "ngày 31/02/2023",
        "Chủ trì",
        "Cụm trưởng năm sau",
        "Châu Thành",
        "Hà Nội",
        "I",
        "1.1",
        "1.1.1",
        "-1",
        "9,5",
        "1e308",
        "NaN",
        "Ghi chú:",
        "",
        "Tổng số đơn vị thành viên: 99999999999",
        "(tối đa 0 điểm)",
        "Cụm thi đua cấp huyện số 9 (BHXH tỉnh Nowhere)",
    ]
    .iter()
    .map(|s| t(s))
    .chain([n(-5.0), n(0.0), n(1.0), n(25.0), n(1e12), n(f64::NAN), n(f64::INFINITY), Value::Bool(true), Value::Error("#DIV/0!".into())])
    .collect();
    let mut rng = crate::demo::Rng::new("random-grids");
    for _ in 0..400 {
        let mut g = Grid::new("S");
        let rows = 1 + rng.next_u64() % 25;
        let cols = 1 + rng.next_u64() % 8;
        for r in 0..rows {
            for c in 0..cols {
                if !rng.next_u64().is_multiple_of(3) {
                    g.set(r as u32, c as u32, pool[(rng.next_u64() % pool.len() as u64) as usize].clone());
                }
            }
        }
        if rng.next_u64().is_multiple_of(4) {
            g.add_merge(0, 0, 1, (cols as u32).saturating_sub(1));
        }
        let _ = read_grid(&g);
    }
}

fn meeting_grid(cluster: &str, head: Option<&str>) -> Grid {
    let mut g = Grid::new("Hội nghị");
    g.set(0, 0, t("THÔNG TIN HỘI NGHỊ"));
    g.set(2, 0, t("Mục"));
    g.set(2, 1, t("Nội dung"));
    let rows = [
        ("Cụm/Khối", cluster),
        ("Thời gian", "08 giờ 00, ngày 20/01/2023"),
        ("Địa điểm", "Hà Nội"),
        ("Chủ trì", "Ông A"),
        ("Thư ký", "Bà B"),
    ];
    for (i, (k, v)) in rows.iter().enumerate() {
        g.set(3 + i as u32, 0, t(k));
        g.set(3 + i as u32, 1, t(v));
    }
    if let Some(h) = head {
        g.set(8, 0, t("Cụm trưởng năm sau"));
        g.set(8, 1, t(h));
    }
    g
}

#[test]
fn meeting_cluster_from_the_units_named_or_an_error_naming_both_readings() {
    let reg = crate::registry::Registry::builtin();
    let read_with = |g: &Grid, ctx: Option<&str>| {
        let mut out = AnnualSheets::default();
        let mut problems = Vec::new();
        read(g, "f.xlsx", ctx, reg, &mut out, &mut problems);
        (out.meetings[0].cluster.clone(), problems)
    };
    // A provincial head: the provincial cluster, not Hà Nội's district one.
    let (c, p) = read_with(&meeting_grid("Cụm thi đua số 3", Some("BHXH thành phố Hà Nội")), None);
    assert_eq!(c.as_deref(), Some("cum-3"), "{p:#?}");
    assert!(p.is_empty(), "{p:#?}");
    // A district head of Hà Nội: the district cluster of Hà Nội it belongs to.
    let district = reg.clusters().iter().find(|c| c.province.as_deref() == Some("ha-noi") && c.number == 3).unwrap();
    let head = reg.unit(&district.members[0]).unwrap().name.clone();
    let (c, p) = read_with(&meeting_grid("Cụm thi đua số 3", Some(&head)), None);
    assert_eq!(c.as_deref(), Some(district.id.as_str()), "{p:#?}");
    // Nobody named, but the workbook is about Hà Nội: both readings remain.
    let (c, p) = read_with(&meeting_grid("Cụm thi đua số 3", None), Some("ha-noi"));
    assert_eq!(c, None);
    let e = p.iter().find(|p| p.code == "ambiguous-cluster").expect("ambiguous");
    assert_eq!(e.location.cell.as_deref(), Some("B4"));
    assert!(e.message.contains("\"Cụm thi đua cấp tỉnh số III\" và \"Cụm thi đua cấp huyện số 3"), "{}", e.message);
}

#[test]
fn criterion_structure_from_text_codes_and_from_sums() {
    let mut g = Grid::new("Tự chấm");
    g.set(1, 0, t("Đơn vị: BHXH tỉnh Hà Nam"));
    for (c, h) in ["STT", "Tiêu chí", "Điểm tối đa", "Điểm tự chấm"].iter().enumerate() {
        g.set(3, c as u32, t(h));
    }
    // STT pre-numbered by the form; codes typed in the text; subtotals.
    let rows = [
        ("I. Chuyên môn", 30.0, 25.0),
        ("1. Thu", 20.0, 17.0),
        ("1.1. Thu BHXH", 10.0, 9.0),
        ("1.2. Thu BHYT", 10.0, 8.0),
        ("2. Phát triển", 10.0, 8.0),
    ];
    for (i, (name, max, pts)) in rows.iter().enumerate() {
        let r = 4 + i as u32;
        g.set(r, 0, n((i + 1) as f64));
        g.set(r, 1, t(name));
        g.set(r, 2, n(*max));
        g.set(r, 3, n(*pts));
    }
    let (_, out, problems) = read_grid(&g);
    assert!(problems.is_empty(), "{problems:#?}");
    let codes: Vec<&str> = out.self_scores[0].rows.iter().map(|r| r.0.code.as_str()).collect();
    assert_eq!(codes, ["1.1", "1.2", "2"]);
    // A subtotal that is not the sum of its criteria: an error at its cell.
    g.set(5, 3, n(18.0));
    let (_, out, problems) = read_grid(&g);
    assert!(out.self_scores.is_empty());
    let e = problems.iter().find(|p| p.code == "group-sum").expect("group sum");
    assert_eq!(e.location.cell.as_deref(), Some("D6"));
    assert!(
        e.message.contains("Tiêu chí 1 \"1. Thu\": dòng nhóm ghi điểm tự chấm 18,00, nhưng tổng các tiêu chí thuộc nhóm là 17,00"),
        "{}",
        e.message
    );
    // No codes anywhere: the sums and the totals row give the groups.
    for (i, (name, _, _)) in rows.iter().enumerate() {
        g.set(4 + i as u32, 1, t(name.split_once(". ").unwrap().1));
    }
    g.set(5, 3, n(17.0));
    g.set(9, 1, t("Tổng cộng"));
    g.set(9, 2, n(30.0));
    g.set(9, 3, n(25.0));
    let (_, out, problems) = read_grid(&g);
    assert!(problems.is_empty(), "{problems:#?}");
    let names: Vec<&str> = out.self_scores[0].rows.iter().map(|r| r.0.name.as_str()).collect();
    assert_eq!(names, ["Thu BHXH", "Thu BHYT", "Phát triển"]);
}

/// A tick is a mark like "x" (it used to fold to nothing and read as a
/// blank); a cross or a stray symbol is not an answer.
#[test]
fn ticks_are_marks_and_stray_symbols_are_not_answers() {
    for tick in ["✓", "✔", "√", "☑", "✅", " ✓ ", "✓.", "✔\u{fe0f}"] {
        assert_eq!(yes_no(&t(tick)), Ok(Some(true)), "{tick:?}");
    }
    for yes in ["x", "X", "Có", "Đồng ý", "v"] {
        assert_eq!(yes_no(&t(yes)), Ok(Some(true)), "{yes:?}");
    }
    assert_eq!(yes_no(&t("")), Ok(None));
    for other in ["✗", "✘", "○", "?", "✓✗"] {
        assert!(yes_no(&t(other)).is_err(), "{other:?}");
    }
}

/// A leaf left blank, or holding a formula saved without its result, in a
/// sheet whose other leaves are scored: an error at that cell, and the
/// sheet is not used (the unit is not ranked on a total counting it as 0).
/// A group row without points stays a heading; a sheet with no points at
/// all is a blank form, one warning.
#[test]
fn a_blank_or_uncomputed_leaf_stops_the_unit_at_its_cell() {
    for (v, says) in [(None, "ô để trống"), (Some(Value::Uncomputed), "công thức chưa tính ra kết quả"), (Some(t("-")), "ô để trống")]
    {
        let mut g = self_grid();
        g.set(8, 3, n(19.0));
        g.set(9, 3, n(9.0));
        g.set(12, 1, t(""));
        g.set(12, 3, t(""));
        match v {
            Some(v) => g.set(11, 3, v),
            None => g.set(11, 3, t("")),
        }
        let (_, out, problems) = read_grid(&g);
        assert!(out.self_scores.is_empty(), "{:?}", out.self_scores);
        let p = problems.iter().find(|p| p.code == "missing-points").unwrap_or_else(|| panic!("{problems:?}"));
        assert_eq!(p.severity, crate::model::Severity::Error);
        assert_eq!(p.location.cell.as_ref().map(|c| c.to_string()).as_deref(), Some("D12"), "{p:?}");
        assert!(p.message.contains("Tuyên truyền") && p.message.contains(says), "{}", p.message);
    }
    // Nothing scored at all: one warning, no error per cell.
    let mut g = self_grid();
    for r in 4..13 {
        g.set(r, 3, t(""));
        g.set(r, 4, t(""));
    }
    let (_, _, problems) = read_grid(&g);
    assert!(problems.iter().all(|p| p.code != "missing-points"), "{problems:?}");
}

/// The verified score under another header that speaks of verification
/// ("Kết quả thẩm định", a tone slip "Thẩm đinh") is read as the verified
/// score; a column of points whose header is not understood ("Cụm chấm")
/// stops the sheet at its header instead of ranking on the self-score.
#[test]
fn the_verified_column_by_another_name_or_an_unknown_score_column() {
    for header in ["Kết quả thẩm định", "Điểm sau thẩm định", "Thẩm đinh"] {
        let mut g = self_grid();
        g.set(3, 4, t(header));
        g.set(8, 3, n(19.0));
        g.set(9, 3, n(9.0));
        g.set(12, 3, n(55.5));
        let (_, out, problems) = read_grid(&g);
        assert!(problems.is_empty(), "{header}: {problems:#?}");
        assert_eq!(out.self_scores[0].rows[1].2.as_ref().map(|m| m.points), Some(Num::int(9)), "{header}");
    }
    let mut g = self_grid();
    g.set(3, 4, t("Cụm chấm"));
    g.set(8, 3, n(19.0));
    g.set(9, 3, n(9.0));
    g.set(12, 3, n(55.5));
    let (_, out, problems) = read_grid(&g);
    assert!(out.self_scores.is_empty());
    let p = problems.iter().find(|p| p.code == "unknown-score-column").unwrap_or_else(|| panic!("{problems:#?}"));
    assert_eq!(p.location.cell.as_deref(), Some("E4"));
    assert!(p.message.contains("\"Cụm chấm\""), "{}", p.message);
}

#[test]
fn two_columns_for_one_thing_are_compared_not_chosen() {
    // A self-assessment with "Điểm tự chấm" twice: read when the two agree,
    // not used when they do not (the first was taken silently).
    let scored = || {
        let mut g = self_grid();
        g.set(8, 3, n(19.0));
        g.set(9, 3, n(9.0));
        g.set(12, 3, n(55.5));
        g.set(3, 5, t("Điểm tự chấm"));
        for r in 4..13 {
            let v = g.raw(r, 3).clone();
            g.set(r, 5, v);
        }
        g
    };
    let (_, out, problems) = read_grid(&scored());
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(out.self_scores.len(), 1);
    let mut g = scored();
    g.set(5, 5, n(10.0));
    let (_, out, problems) = read_grid(&g);
    assert!(out.self_scores.is_empty());
    let p = problems.iter().find(|p| p.code == "twin-columns").unwrap_or_else(|| panic!("{problems:#?}"));
    assert_eq!(p.location.cell.as_deref(), Some("F4"));
    assert!(p.message.contains("(cột D và cột F)") && p.message.contains("ô D6 ghi \"9,5\" còn ô F6 ghi \"10\""), "{}", p.message);

    // The eligibility table with "Vi phạm nghiêm trọng" twice: a unit whose
    // two cells disagree has its conditions unknown; the others are read.
    let mut g = Grid::new("Điều kiện");
    for (c, h) in [
        "Đơn vị",
        "Đã ký giao ước thi đua",
        "Tập thể lao động xuất sắc",
        "Hoàn thành vượt mức chỉ tiêu",
        "Vi phạm nghiêm trọng",
        "Vi phạm nghiêm trọng",
    ]
    .iter()
    .enumerate()
    {
        g.set(0, c as u32, t(h));
    }
    g.set(1, 0, t("Hà Nam"));
    g.set(1, 1, t("x"));
    g.set(1, 5, t("x"));
    g.set(2, 0, t("Hưng Yên"));
    // A row written in Có/Không answers every column: a blank there is
    // "chưa ghi", not "Không" (see `blank_and_dash_in_a_co_khong_row`).
    for c in 1..4 {
        g.set(2, c, t("Có"));
    }
    g.set(2, 4, t("Không"));
    g.set(2, 5, t("K"));
    let (_, out, problems) = read_grid(&g);
    let p = problems.iter().find(|p| p.code == "twin-columns").unwrap_or_else(|| panic!("{problems:#?}"));
    assert_eq!(p.location.cell.as_deref(), Some("F2"));
    assert!(p.message.contains("ô E2 ghi để trống còn ô F2 ghi \"x\""), "{}", p.message);
    assert_eq!(problems.iter().filter(|p| p.code == "twin-columns").count(), 1, "{problems:#?}");
    assert_eq!(out.eligibility[0].unreadable.len(), 1);
    assert!(out.eligibility[1].unreadable.is_empty());
    assert_eq!(out.eligibility[1].serious_violation.as_ref().map(|f| f.0), Some(false));
}

#[test]
fn eligibility_headed_in_the_regulations_words_is_read() {
    // Headers copied from Hướng dẫn 3636, mục B.I.2, B.I.3 and B.II: they
    // were not among the names, and every condition read as "not written".
    let mut g = Grid::new("Điều kiện");
    let cols = [
        "Tên đơn vị",
        "Ký giao ước thi đua hằng năm tại Khối, Cụm",
        "Đã được xét tặng danh hiệu \"Tập thể Lao động xuất sắc\"",
        "Hoàn thành vượt mức các chỉ tiêu thi đua và nhiệm vụ được giao trong năm",
        "Vi phạm một trong các nội dung hạ bậc đánh giá, xếp loại chất lượng (khoản 4 Điều 13 Quyết định 1779/QĐ-BHXH)",
        "Có các vụ việc tiêu cực, tham nhũng, sai phạm nghiêm trọng",
        "Đang bị xem xét thi hành kỷ luật hoặc điều tra, thanh tra, kiểm tra, xác minh đơn thư khiếu nại, tố cáo",
        "Có nhân tố mới, mô hình mới để các tập thể khác trong Ngành học tập",
        "Không ký giao ước thi đua",
    ];
    for (c, h) in cols.iter().enumerate() {
        g.set(0, c as u32, t(h));
    }
    g.set(1, 0, t("Hà Nam"));
    for (c, v) in ["Có", "Có", "Có", "Không", "Không", "Không", "Đại lý thu số", "x"].iter().enumerate() {
        g.set(1, 1 + c as u32, t(v));
    }
    let (kind, out, problems) = read_grid(&g);
    assert_eq!(kind, Some("dieu-kien"), "{problems:#?}");
    let e = &out.eligibility[0];
    let f = |x: &crate::model::annual::Flag| x.as_ref().map(|v| v.0);
    assert_eq!(
        [f(&e.covenant), f(&e.excellent_title), f(&e.exceeded_targets), f(&e.demoted), f(&e.serious_violation), f(&e.under_review)],
        [Some(true), Some(true), Some(true), Some(false), Some(false), Some(false)]
    );
    assert_eq!(e.new_model, "Đại lý thu số");
    // The negative header is not read as the covenant: its "x" would say
    // the opposite.
    assert_eq!(e.covenant.as_ref().map(|v| v.1.cell.as_deref().map(String::from)), Some(Some("B2".to_string())));
}

#[test]
fn a_score_merged_down_over_two_criteria_is_not_counted_for_each() {
    // "9,5" merged over criteria 1 and 2 showed 9,5 on both rows: the
    // points counted twice, caught only when a total row disagreed.
    let mut g = self_grid();
    g.set(8, 3, n(19.0));
    g.set(9, 3, n(9.0));
    g.set(12, 3, n(55.5));
    g.set(6, 3, Value::Empty);
    g.add_merge(5, 3, 6, 3);
    let (_, out, problems) = read_grid(&g);
    assert!(out.self_scores.is_empty(), "the unit is not scored");
    let merged: Vec<_> = problems.iter().filter(|p| p.code == "merged-points").collect();
    assert_eq!(merged.iter().map(|p| p.location.cell.as_deref().unwrap_or("")).collect::<Vec<_>>(), ["D6", "D7"], "{problems:#?}");
    assert!(merged[0].message.contains("(D6:D7)"), "{}", merged[0].message);
    // The totals row is not compared with a sum that lacks those points:
    // one error per cell, not another for the same cause.
    assert!(!problems.iter().any(|p| p.code == "total-mismatch"), "{problems:#?}");
}

/// A self-assessment typed by hand the way a central unit's office lays
/// out its own papers: the letterhead names the unit (no "Đơn vị: …"
/// line), the STT numbers lines on across the Roman groups (I, 1, 2, II,
/// 3 …) while the criterion's own code is typed into its text ("1.1. …").
/// The unit is the letterhead's; the codes are the text's, each line in its
/// group, so the tie-breaker "điểm nhóm tiêu chí 1" adds group I (10 + 9,5),
/// not the line whose STT is 1.
#[test]
fn a_hand_typed_self_assessment_is_read_by_its_letterhead_and_its_text_codes() {
    let mut g = Grid::new("Tu cham 2023");
    g.set(0, 0, t("BẢO HIỂM XÃ HỘI VIỆT NAM"));
    g.set(0, 3, t("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    g.set(1, 0, t("BAN QUẢN LÝ THU, SỔ - THẺ"));
    g.set(3, 0, t("BẢNG ĐIỂM TỰ CHẤM THI ĐUA NĂM 2023 - KHỐI THI ĐUA SỐ II"));
    g.set(4, 0, t("(Kèm theo Báo cáo số 25/BC-QLT ngày 05/01/2024 của Ban Quản lý Thu, Sổ - Thẻ)"));
    for (c, h) in ["TT", "Nội dung tiêu chí", "Điểm chuẩn", "Điểm tự chấm", "Ghi chú"].iter().enumerate() {
        g.set(6, c as u32, t(h));
    }
    let rows: &[(Value, &str, f64, Option<Value>)] = &[
        (t("I"), "I. Công tác chỉ đạo", 20.0, None),
        (n(1.0), "1.1. Ban hành kế hoạch", 10.0, Some(n(10.0))),
        (n(2.0), "1.2. Sơ kết, tổng kết", 10.0, Some(t("9,5"))),
        (t("II"), "II. Chuyên môn", 20.0, None),
        (n(3.0), "2.1. Hoàn thành nhiệm vụ", 20.0, Some(n(19.5))),
    ];
    for (i, (stt, name, max, own)) in rows.iter().enumerate() {
        let r = 7 + i as u32;
        g.set(r, 0, stt.clone());
        g.set(r, 1, t(name));
        g.set(r, 2, n(*max));
        if let Some(v) = own {
            g.set(r, 3, v.clone());
        }
    }
    g.set(12, 1, t("Tổng cộng"));
    g.set(12, 3, n(39.0));
    g.set(14, 3, t("Hà Nội, ngày 05 tháng 01 năm 2024"));
    g.set(15, 3, t("TRƯỞNG BAN"));
    let (kind, out, problems) = read_grid(&g);
    assert_eq!(kind, Some("tu-cham-diem"), "{problems:?}");
    assert!(problems.iter().all(|p| p.severity != crate::model::Severity::Error), "{problems:?}");
    let s = &out.self_scores[0];
    assert_eq!(s.unit, "tw.ban-quan-ly-thu-so-the");
    assert_eq!(s.at.cell.as_ref().map(|c| c.to_string()).as_deref(), Some("A2"));
    let lines: Vec<(&str, &str)> = s.rows.iter().map(|r| (r.0.code.as_str(), r.0.group())).collect();
    assert_eq!(lines, [("1.1", "I"), ("1.2", "I"), ("2.1", "II")]);

    // Two units above the table: whose points these are is not certain.
    g.set(2, 0, t("BHXH tỉnh Hà Nam"));
    let (_, out, problems) = read_grid(&g);
    assert!(out.self_scores.is_empty());
    assert!(problems.iter().any(|p| p.code == "no-unit-line"), "{problems:?}");
}

#[test]
fn blank_and_dash_in_a_co_khong_row() {
    // An x/blank row: its blanks are "Không". A Có/Không row: a blank is a
    // cell left unanswered, and a dash anywhere says neither; both are
    // errors at the cell and leave the unit's conditions unknown.
    let mut g = Grid::new("Điều kiện");
    for (c, h) in ["Đơn vị", "Đã ký giao ước thi đua", "Tập thể lao động xuất sắc", "Hoàn thành vượt mức chỉ tiêu", "Vi phạm nghiêm trọng"]
        .iter()
        .enumerate()
    {
        g.set(0, c as u32, t(h));
    }
    g.set(1, 0, t("Hà Nam"));
    g.set(1, 1, t("x"));
    g.set(2, 0, t("Hưng Yên"));
    g.set(2, 1, t("Có"));
    g.set(2, 2, t("Có"));
    g.set(2, 4, t("Không"));
    g.set(3, 0, t("Bắc Giang"));
    for c in 1..4 {
        g.set(3, c, t("x"));
    }
    g.set(3, 4, t("-"));
    let (_, out, problems) = read_grid(&g);
    assert!(out.eligibility[0].unreadable.is_empty(), "{problems:#?}");
    assert_eq!(out.eligibility[0].serious_violation.as_ref().map(|f| f.0), Some(false));
    let cells: Vec<_> =
        problems.iter().filter(|p| p.code == "unanswered-flag").map(|p| p.location.cell.as_deref().unwrap().to_string()).collect();
    assert_eq!(cells, ["D3", "E4"], "{problems:#?}");
    assert_eq!(out.eligibility[1].unreadable.len(), 1);
    assert_eq!(out.eligibility[2].unreadable.len(), 1);
    assert!(problems.iter().any(|p| p.message.contains("ô này ghi \"-\", không rõ là Có hay Không")), "{problems:#?}");
}
