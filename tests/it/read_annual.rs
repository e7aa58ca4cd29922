//! The year-end readers on workbooks filled the way officers fill the blank
//! forms (issue 12): codes typed in the criterion text with subtotals on the
//! group rows, header wording that differs per scorer, "Cụm thi đua số 3"
//! with a provincial head, short award names, the usual yes/no forms,
//! partly verified scores and members that sent nothing. The workbooks are
//! in tests/fixtures/annual/ (made by make_fixtures.py with openpyxl from
//! the blank forms of `thidua forms --cluster cum-3 --period 2022`).

use crate::common::Fixture;
use serde_json::Value;
use std::path::Path;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/annual");

/// Run the year-end review over an inbox made of these fixture workbooks.
fn run(files: &[&str]) -> (Fixture, Value, String) {
    let f = Fixture::new();
    std::fs::create_dir_all(f.inbox()).unwrap();
    for name in files {
        let from = Path::new(FIXTURES).join(format!("{name}.xlsx"));
        std::fs::copy(&from, f.inbox().join(format!("{name}.xlsx"))).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    }
    let (_, log) = f.run("2022");
    let j = f.json();
    let report = std::fs::read_to_string(f.out().join("bao-loi.txt")).unwrap();
    let _ = log;
    (f, j, report)
}

const BASE: &[&str] = &["tu-cham", "dieu-kien", "bo-phieu", "hoi-nghi-cum-so-3"];

fn score<'a>(j: &'a Value, unit: &str) -> &'a Value {
    j["annual"][0]["scores"].as_array().unwrap().iter().find(|s| s["unit"] == unit).unwrap_or_else(|| panic!("no score of {unit}"))
}

fn decision<'a>(j: &'a Value, unit: &str, award: &str) -> &'a Value {
    j["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["unit"] == unit && d["award"] == award)
        .unwrap_or_else(|| panic!("no decision {unit} {award}: {:#}", j["decisions"]))
}

fn problems<'a>(j: &'a Value, code: &str) -> Vec<&'a Value> {
    j["problems"].as_array().unwrap().iter().filter(|p| p["code"] == code).collect()
}

fn at(p: &Value) -> (String, String, String) {
    let l = &p["location"];
    (l["file"].as_str().unwrap_or("").into(), l["sheet"].as_str().unwrap_or("").into(), l["cell"].as_str().unwrap_or("").into())
}

#[test]
fn codes_typed_in_the_text_and_group_subtotals_are_not_counted_twice() {
    let (_f, j, report) = run(BASE);
    assert_eq!(j["scope"]["id"], "cum-3", "{:#}", j["scope"]);
    // Hà Nội wrote "I.", "1.", "1.1." in the text, subtotals on I, 1, II and
    // a total of 82,25: the leaves only are counted.
    let hn = score(&j, "ha-noi");
    assert_eq!(hn["total"].as_f64(), Some(82.25), "{hn:#}");
    assert_eq!(hn["rank"], 3);
    assert_eq!(score(&j, "vinh-phuc")["total"].as_f64(), Some(91.0));
    assert_eq!(score(&j, "vinh-phuc")["rank"], 1);
    assert_eq!(score(&j, "bac-ninh")["rank"], 2);
    assert!(problems(&j, "total-mismatch").is_empty() && problems(&j, "group-sum").is_empty(), "{report}");
    // The votes: short award names accepted; the column "Số đơn vị thành
    // viên" read per row, not as a value.
    assert!(problems(&j, "unknown-award").is_empty() && problems(&j, "bad-members").is_empty(), "{report}");
    assert_eq!(decision(&j, "vinh-phuc", "co_bhxh")["kind"], "proposed");
    assert_eq!(decision(&j, "vinh-phuc", "co_cp")["kind"], "proposed");
    // Bắc Ninh is second (87 points), so it may receive the certificate.
    let bk = decision(&j, "bac-ninh", "bang_khen");
    assert_eq!(bk["kind"], "proposed", "{bk:#}");
    assert!(bk["reason"].as_str().unwrap().contains("4/6 đơn vị thành viên đồng ý"), "{bk:#}");
}

#[test]
fn a_provincial_cluster_typed_as_cum_so_3_stays_provincial() {
    // "Cụm thi đua số 3", chaired by the director of BHXH Hà Nội (a province
    // that has a district cluster number 3): the members named (Hà Nội,
    // Hà Nam) place it in the provincial cluster, and the run stays there.
    let (_f, j, report) = run(BASE);
    assert_eq!(j["scope"]["kind"], "cluster", "{report}");
    assert_eq!(j["annual"].as_array().unwrap().len(), 1);
    let m = &j["annual"][0]["meeting"];
    assert_eq!(m["cluster"], "cum-3");
    assert_eq!(m["place"], "Hội trường BHXH tỉnh Vĩnh Phúc");
    assert!(problems(&j, "ambiguous-cluster").is_empty(), "{report}");
    // No national cap is applied to the Government flag voted 5/6.
    assert!(j["quotas"].as_array().unwrap().iter().all(|q| q["applied"] != true), "{:#}", j["quotas"]);
}

#[test]
fn groups_without_any_code_are_found_from_their_sums_and_the_total() {
    let (_f, j, report) = run(&["tu-cham-khong-ma-hung-yen"]);
    let hy = score(&j, "hung-yen");
    assert_eq!(hy["total"].as_f64(), Some(80.0), "{report}");
    assert_eq!(hy["rank"], 1);
    assert!(j["problems"].as_array().unwrap().iter().all(|p| p["severity"] != "error"), "{report}");
}

#[test]
fn groups_without_codes_and_without_a_total_are_refused_at_the_cell() {
    let (_f, j, report) = run(&["tu-cham-khong-ma-khong-tong-hung-yen", "dieu-kien"]);
    let p = problems(&j, "ambiguous-structure");
    assert_eq!(p.len(), 1, "{report}");
    assert_eq!(p[0]["severity"], "error");
    assert_eq!(p[0]["unit"], "hung-yen");
    assert_eq!(at(p[0]), ("tu-cham-khong-ma-khong-tong-hung-yen.xlsx".into(), "Đơn vị 3".into(), "B5".into()));
    let m = p[0]["message"].as_str().unwrap();
    assert!(m.contains("\"Thực hiện nhiệm vụ chuyên môn\" có điểm bằng tổng các dòng bên dưới"), "{m}");
    assert!(m.contains("không được xếp hạng"), "{m}");
    assert!(score(&j, "hung-yen")["rank"].is_null());
}

#[test]
fn a_total_that_disagrees_with_the_leaves_stops_the_unit() {
    let (_f, j, report) = run(&["tu-cham-sai-tong-ha-nam", "dieu-kien"]);
    let p = problems(&j, "total-mismatch");
    assert_eq!(p.len(), 1, "{report}");
    assert_eq!(p[0]["severity"], "error");
    assert_eq!(at(p[0]).2, "D13");
    let m = p[0]["message"].as_str().unwrap();
    assert!(m.contains("Dòng Tổng cộng ghi điểm tự chấm 86,00, nhưng tổng các tiêu chí được chấm là 76,00"), "{m}");
    assert!(score(&j, "ha-nam")["rank"].is_null());
    // Whose sheet it is, said first as in the other messages.
    assert!(report.contains("ô D13: BHXH tỉnh Hà Nam: Dòng Tổng cộng ghi điểm tự chấm 86,00"), "{report}");
}

#[test]
fn a_partly_verified_sheet_is_checked_against_the_points_used() {
    let (_f, j, report) = run(&["tu-cham-tham-dinh-mot-phan-bac-ninh"]);
    // Verified 1.1 (16) and 4 (15); the rest falls back to the self score.
    let bn = score(&j, "bac-ninh");
    assert_eq!(bn["total"].as_f64(), Some(84.0), "{report}");
    assert_eq!(bn["self_total"].as_f64(), Some(87.0));
    assert!(problems(&j, "total-mismatch").is_empty(), "{report}");
    // How the total was made says the mix (the minutes and the summary show it).
    let note = bn["note"].as_str().unwrap();
    assert!(note.starts_with("điểm thẩm định ở 2/") && note.contains("tự chấm ở các tiêu chí còn lại: 84,00 (tự chấm 87,00)"), "{note}");
}

#[test]
fn members_that_sent_nothing_are_named_with_the_kind_missing() {
    let (_f, j, report) = run(&["tu-cham-tham-dinh-mot-phan-bac-ninh", "dieu-kien-thieu-bac-giang"]);
    let p = problems(&j, "missing-sheet");
    let bg = p.iter().find(|p| p["unit"] == "bac-giang").expect("Bắc Giang named");
    assert_eq!(bg["severity"], "warning");
    assert!(bg["message"].as_str().unwrap().contains("BHXH tỉnh Bắc Giang chưa gửi Bảng tự chấm điểm; chưa có điểm để xếp hạng"), "{bg:#}");
    // Its eligibility row is on the form but left blank: said as well.
    let blank = problems(&j, "eligibility-blank");
    assert!(blank.iter().any(|p| p["unit"] == "bac-giang" && at(p).2 == "B9"), "{report}");
    let hn = p.iter().find(|p| p["unit"] == "ha-noi").expect("Hà Nội named");
    assert!(
        hn["message"].as_str().unwrap().contains("BHXH thành phố Hà Nội chưa gửi Bảng tự chấm điểm; chưa có điểm để xếp hạng"),
        "{hn:#}"
    );
    assert!(!p.iter().any(|p| p["unit"] == "bac-ninh"), "{report}");
    assert!(report.contains("chưa gửi Bảng tự chấm điểm"), "{report}");
}

#[test]
fn cross_scoring_criteria_are_matched_by_number_and_maximum() {
    let (_f, j, report) = run(&["cham-cheo"]);
    // Three scorers word the headers three ways: still three criteria.
    let hn = score(&j, "ha-nam");
    assert_eq!(hn["cross"].as_array().unwrap().len(), 3, "{hn:#}");
    // Criterion 1: 42, 42,5 and 43 → 42,5; then 25 and 15.
    assert_eq!(hn["total"].as_f64(), Some(82.5), "{report}");
    assert!(problems(&j, "criterion-max").is_empty() && problems(&j, "criterion-list").is_empty(), "{report}");
}

#[test]
fn scorers_that_disagree_on_a_maximum_are_reported_per_file_and_cell() {
    let (_f, j, report) = run(&["cham-cheo-lech-diem-toi-da"]);
    let p = problems(&j, "criterion-max");
    assert_eq!(p.len(), 2, "{report}");
    let second = p.iter().find(|p| at(p).1 == "Đơn vị chấm 2").expect("second scorer");
    assert_eq!(at(second), ("cham-cheo-lech-diem-toi-da.xlsx".into(), "Đơn vị chấm 2".into(), "C4".into()));
    let m = second["message"].as_str().unwrap();
    assert!(m.contains("BHXH tỉnh Vĩnh Phúc ghi Tiêu chí 1 tối đa 40,00 điểm, nhưng 50,00 điểm ở 1 bảng chấm khác"), "{m}");
    assert!(score(&j, "ha-nam")["rank"].is_null(), "{report}");
}

#[test]
fn eligibility_in_the_usual_vietnamese_forms_keeps_the_notes() {
    let (_f, j, report) = run(&["tu-cham", "dieu-kien-cach-ghi", "bo-phieu", "hoi-nghi-cum-so-3"]);
    // Vĩnh Phúc: "Có (QĐ số 12/QĐ-BHXH)", "Vượt", "Không có", "K".
    assert!(!problems(&j, "bad-flag").iter().any(|p| p["unit"] == "vinh-phuc"), "{report}");
    assert_eq!(decision(&j, "vinh-phuc", "co_bhxh")["kind"], "proposed");
    let e = j["annual"][0]["eligibility"].as_array().unwrap().iter().find(|e| e["unit"] == "vinh-phuc").unwrap();
    assert_eq!(e["notes"][0], "Tập thể lao động xuất sắc: QĐ số 12/QĐ-BHXH");
    assert_eq!(e["demoted"][0], false);
    assert_eq!(e["serious_violation"][0], false);
    // Anything else is still an error at its cell.
    let bad = problems(&j, "bad-flag");
    assert_eq!(bad.len(), 1, "{report}");
    assert_eq!(at(bad[0]).2, "H10");
    assert!(bad[0]["message"].as_str().unwrap().contains("\"Chưa rõ\" không phải Có/Không"), "{:#}", bad[0]);
    // Bắc Ninh's standing is then unknown: not assessed, not assumed clean.
    let bk = decision(&j, "bac-ninh", "bang_khen");
    assert_eq!(bk["kind"], "not-assessable", "{bk:#}");
    assert!(
        bk["reason"].as_str().unwrap().contains(
            "chưa xác định được điều kiện xét thi đua vì không đọc được chắc chắn cột \"Đang xem xét kỷ luật, thanh tra, kiểm tra, khiếu nại\" (tệp \"dieu-kien-cach-ghi.xlsx\", trang \"Điều kiện xét\", ô H10)"
        ),
        "{bk:#}"
    );
    assert!(score(&j, "bac-ninh")["rank"].is_null());
}

#[test]
fn a_tie_for_the_top_of_the_flag_goes_to_a_revote_never_to_the_name() {
    let (_f, j, report) = run(&["tu-cham", "dieu-kien", "bo-phieu-hoa-dau", "hoi-nghi-cum-so-3"]);
    for u in ["vinh-phuc", "bac-ninh"] {
        assert_eq!(decision(&j, u, "co_bhxh")["kind"], "tied-at-quota", "{report}");
        let cp = decision(&j, u, "co_cp");
        assert_eq!(cp["kind"], "tied-at-quota", "{cp:#}");
        assert!(cp["reason"].as_str().unwrap().contains("Hội nghị cần bỏ phiếu lại"), "{cp:#}");
    }
    assert!(!j["decisions"].as_array().unwrap().iter().any(|d| d["kind"] == "proposed" && d["award"] != "bang_khen"));
    // "Bằng khen Tổng Giám đốc BHXH Việt Nam" is understood.
    assert!(problems(&j, "unknown-award").is_empty(), "{report}");
}

#[test]
fn the_blank_forms_leave_stt_for_codes_and_free_rows_for_votes() {
    use calamine::{Data, Reader};
    let dir = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["forms", "--cluster", "cum-3", "--period", "2022", "--out", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(dir.path().join("bang-tu-cham-diem-cum-3-2022.xlsx")).unwrap();
    let r = wb.worksheet_range("Đơn vị 1").unwrap();
    assert_eq!(r.get_value((3, 0)), Some(&Data::String("STT".into())));
    // STT is left for the criterion code, not pre-numbered.
    assert!((4..34).all(|row| matches!(r.get_value((row, 0)), None | Some(Data::Empty))));
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(dir.path().join("ket-qua-bo-phieu-cum-3-2022.xlsx")).unwrap();
    let r = wb.worksheet_range("Kết quả bỏ phiếu").unwrap();
    // Six members, then six free rows: the flag leader can be entered twice.
    assert_eq!(r.get_value((9, 1)), Some(&Data::String("BHXH tỉnh Bắc Ninh".into())));
    assert_eq!(r.get_value((15, 0)), Some(&Data::Float(12.0)));
    // The style of the name cells of the vote tally is not locked.
    let xml = {
        use std::io::Read;
        let f = std::fs::File::open(dir.path().join("ket-qua-bo-phieu-cum-3-2022.xlsx")).unwrap();
        let mut z = zip::ZipArchive::new(f).unwrap();
        let mut s = String::new();
        z.by_name("xl/worksheets/sheet1.xml").unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let style_of = |cell: &str| {
        let i = xml.find(&format!("r=\"{cell}\"")).unwrap();
        let rest = &xml[i..];
        rest.split("s=\"").nth(1).unwrap().split('"').next().unwrap().to_string()
    };
    // Names use the input style (as the award column), not the locked one.
    assert_eq!(style_of("B5"), style_of("C5"));
}

#[test]
fn a_tally_typed_in_another_layout_with_a_member_count_column() {
    // "Số đơn vị thành viên" as a column before the award, votes as "6/6",
    // and the short names "Cờ thi đua CP", "Bằng khen của TGĐ BHXH VN".
    let (_f, j, report) = run(&["tu-cham", "dieu-kien", "bo-phieu-mau-khac", "hoi-nghi-cum-so-3"]);
    assert!(j["problems"].as_array().unwrap().iter().all(|p| p["severity"] != "error"), "{report}");
    assert_eq!(decision(&j, "vinh-phuc", "co_bhxh")["kind"], "proposed");
    assert_eq!(decision(&j, "vinh-phuc", "co_cp")["kind"], "proposed");
    assert_eq!(decision(&j, "bac-ninh", "bang_khen")["kind"], "proposed");
    assert!(
        decision(&j, "vinh-phuc", "co_bhxh")["reason"].as_str().unwrap().contains("6/6 đơn vị thành viên đồng ý (100,00 %)"),
        "{report}"
    );
}

/// A count Excel turned into a date ("6/6" typed in D5, Vĩnh Phúc's BHXH
/// flag) refuses its row: who has more than half of the members for the
/// BHXH flag is then unknown, and so for the Government flag voted only
/// for the BHXH flag's unit. The minutes say those results are not
/// determined, never that no unit was voted; the Bằng khen, whose rows
/// were all read, is decided, and the Tờ trình proposes it and names the
/// forms left (as a province council's Tờ trình does).
#[test]
fn a_tally_with_a_row_not_counted_decides_nothing_of_that_form_and_says_so() {
    let (f, j, report) = run(&["tu-cham", "dieu-kien", "bo-phieu-ngay", "hoi-nghi-cum-so-3"]);
    let p = problems(&j, "tally-incomplete");
    assert_eq!(p.len(), 1, "{report}");
    assert_eq!(at(p[0]), ("bo-phieu-ngay.xlsx".into(), "Kết quả bỏ phiếu".into(), "D5".into()));
    assert!(report.contains("có 1 dòng không được tính") && report.contains("ô D5"), "{report}");
    let d = decision(&j, "vinh-phuc", "co_cp");
    assert_eq!(d["kind"], "not-assessable", "{d:#}");
    assert!(d["reason"].as_str().unwrap().contains("Chưa xác định được kết quả bình chọn Cờ thi đua của Chính phủ"), "{d:#}");
    assert_eq!(decision(&j, "bac-ninh", "bang_khen")["kind"], "proposed");
    assert_eq!(j["annual"][0]["undetermined"], serde_json::json!(["co_bhxh", "co_cp"]));
    let minutes = f.docx_text("ho-so/01-bien-ban-hop.docx");
    assert!(
        minutes.contains("Chưa xác định được kết quả bình chọn Cờ thi đua của BHXH Việt Nam, Cờ thi đua của Chính phủ do kết quả kiểm phiếu có 1 dòng ghi chưa hợp lệ"),
        "{minutes}"
    );
    assert!(minutes.contains("Chưa xác định được"), "{minutes}");
    assert!(!minutes.contains("Không có đơn vị nào được bình chọn"), "{minutes}");
    // The minutes are to be signed: no instruction to redo them.
    assert!(!minutes.contains("lập lại biên bản"), "{minutes}");
    // Nor what the rows read would say of the Government flag.
    assert!(!minutes.contains("không bầu được đơn vị nào"), "{minutes}");
    // The Tờ trình proposes the form decided and names the forms left.
    let to_trinh = f.docx_text("ho-so/02-to-trinh.docx").split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(to_trinh.contains("BHXH tỉnh Bắc Ninh") && to_trinh.contains("Bằng khen của Tổng Giám đốc BHXH Việt Nam"), "{to_trinh}");
    assert!(to_trinh.contains("chưa đề nghị trong Tờ trình này: Cờ thi đua của BHXH Việt Nam, Cờ thi đua của Chính phủ."), "{to_trinh}");
    assert!(!to_trinh.contains("BHXH tỉnh Vĩnh Phúc"), "{to_trinh}");
    assert!(report.contains("và Tờ trình chỉ đề nghị các hình thức đã xác định"), "{report}");
    // The same tally with its count as typed decides as before.
    let (_f, j, _) = run(BASE);
    assert_eq!(decision(&j, "vinh-phuc", "co_bhxh")["kind"], "proposed");
}

// Cụm thi đua cấp tỉnh số V, year-end 2022, as a tester filled the blank
// forms (tests/fixtures/cum_5_2022, made by its make.py; the files the
// tests put in place of one of the inbox are in cum_5_2022_variants).

const CUM_5: &str = "cum_5_2022";
const CUM_5_VARIANTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/cum_5_2022_variants");

/// Run the review of Cụm V's inbox after `tweak` (given the inbox folder).
fn run_cum_5(tweak: &dyn Fn(&Path)) -> (Fixture, i32, Value, String) {
    let f = Fixture::new();
    f.inbox_from(CUM_5);
    tweak(&f.inbox());
    let (code, _) = f.run("2022");
    let j = f.json();
    let report = std::fs::read_to_string(f.out().join("bao-loi.txt")).unwrap();
    (f, code, j, report)
}

fn total(j: &Value, unit: &str) -> Option<f64> {
    score(j, unit)["total"].as_f64()
}

#[test]
fn two_different_copies_of_a_scorers_sheet_are_neither_used_whatever_their_file_names() {
    let resend = "Nghe An cham cheo - gui lai.xlsx";
    for renamed in [None, Some("0 Nghe An cham cheo - gui lai.xlsx"), Some("z Nghe An cham cheo - gui lai.xlsx")] {
        let (_f, code, j, report) = run_cum_5(&|inbox| {
            if let Some(to) = renamed {
                std::fs::rename(inbox.join("cham-cheo").join(resend), inbox.join("cham-cheo").join(to)).unwrap();
            }
        });
        let resent = format!("cham-cheo/{}", renamed.unwrap_or(resend));
        let p = problems(&j, "conflict");
        assert_eq!(p.len(), 1, "{report}");
        let m = p[0]["message"].as_str().unwrap();
        // Both files, the sheet and cell of each, and both values.
        assert!(m.starts_with("BHXH tỉnh Nghệ An gửi hai bảng chấm chéo ghi điểm khác nhau cho BHXH tỉnh Thanh Hóa — Tiêu chí 1: "), "{m}");
        assert!(m.contains("9,00 (tệp \"cham-cheo/Nghe An cham cheo.xlsx\", trang \"Đơn vị chấm 2\", ô C6)"), "{m}");
        assert!(m.contains(&format!("8,00 (tệp \"{resent}\", trang \"Đơn vị chấm 2\", ô C6)")), "{m}");
        assert!(m.contains("không dùng điểm nào, BHXH tỉnh Thanh Hóa chưa được tính điểm và xếp hạng"), "{m}");
        assert!(!report.contains("chỉ dùng lần thứ nhất"), "{report}");
        assert!(report.contains("[LỖI]") && code != 0, "{report}");
        // Neither copy is used: Thanh Hóa has no total, whichever file name
        // comes first; the others' totals do not move.
        assert_eq!(total(&j, "thanh-hoa"), None, "{:#}", score(&j, "thanh-hoa"));
        let note = score(&j, "thanh-hoa")["note"].as_str().unwrap();
        assert!(
            note.contains("không xếp hạng: điểm chấm chéo chưa xác định (BHXH tỉnh Nghệ An gửi hai bảng chấm chéo ghi điểm khác nhau)"),
            "{note}"
        );
        assert!(total(&j, "da-nang").is_some(), "{report}");
    }
    // The same marks sent again stay a quiet note.
    let (_f, _, j, report) = run_cum_5(&|_| {});
    assert!(report.contains("\"cham-cheo/cham-cheo-da-nang.xlsx\": đã đọc; cùng nội dung với tệp \"cham-cheo/cham-cheo-da-nang-gui-lai.xlsx\", không tính lại"), "{report}");
    assert!(problems(&j, "conflict").iter().all(|p| p["unit"] == "thanh-hoa"), "{report}");
    // The resend removed, Thanh Hóa is scored on the one sheet.
    let (_f, _, j, report) = run_cum_5(&|inbox| std::fs::remove_file(inbox.join("cham-cheo").join(resend)).unwrap());
    assert!(problems(&j, "conflict").is_empty(), "{report}");
    assert!(total(&j, "thanh-hoa").is_some(), "{report}");
}

#[test]
fn a_blank_cross_score_is_an_error_at_its_cell_not_an_average_over_fewer_scorers() {
    let (_f, code, j, report) = run_cum_5(&|_| {});
    let p: Vec<&Value> = problems(&j, "missing-points").into_iter().filter(|p| p["unit"] == "thua-thien-hue").collect();
    assert_eq!(p.len(), 1, "{report}");
    assert_eq!(at(p[0]), ("cham-cheo/quang-tri-cham-cheo.xlsx".into(), "Đơn vị chấm 5".into(), "D10".into()));
    assert!(
        report.contains("ô D10: Tiêu chí 2 cho BHXH tỉnh Thừa Thiên Huế: chưa có điểm chấm chéo, ô để trống; mỗi đơn vị chấm điểm tất cả các đơn vị thành viên khác của Khối, Cụm"),
        "{report}"
    );
    assert!(report.contains("(Hướng dẫn 3636/HD-BHXH, mục A.II.1.8)"), "{report}");
    assert_ne!(code, 0);
    // Huế is not ranked on five scorers' average of Tiêu chí 2.
    assert_eq!(total(&j, "thua-thien-hue"), None, "{:#}", score(&j, "thua-thien-hue"));
    assert!(score(&j, "thua-thien-hue")["note"].as_str().unwrap().contains("thiếu điểm chấm chéo của BHXH tỉnh Quảng Trị"));
    // The other members are averaged over the same scorers on every criterion.
    let dn = score(&j, "da-nang");
    let counts: Vec<&Value> = dn["cross"].as_array().unwrap().iter().map(|c| &c[2]).collect();
    assert!(counts.len() == 3 && counts.iter().all(|c| *c == counts[0]), "{dn:#}");
}

#[test]
fn a_retyped_cross_sheet_is_read_whatever_its_unit_column_is_called() {
    // "Tên đơn vị được chấm" over a two-row header, and "Đơn vị được chấm
    // điểm" on one row: Quảng Bình's marks count.
    for variant in [None, Some("quang-binh-cham-cheo-mot-dong.xlsx")] {
        let (_f, _, j, report) = run_cum_5(&|inbox| {
            if let Some(v) = variant {
                std::fs::copy(Path::new(CUM_5_VARIANTS).join(v), inbox.join("cham-cheo/quang-binh-cham-cheo.xlsx")).unwrap();
            }
        });
        assert!(!report.contains("Không nhận ra bảng nào"), "{report}");
        assert!(!report.contains("Thiếu Bảng chấm điểm chéo"), "{report}");
        assert!(report.contains("\"cham-cheo/quang-binh-cham-cheo.xlsx\": đã đọc"), "{report}");
        // Each member is averaged over the six other members' sheets.
        let n = score(&j, "da-nang");
        assert!(n["cross"].as_array().unwrap().iter().all(|c| c[2] == 6), "{n:#}");
        assert!(n["note"].as_str().unwrap().contains("(của 6 đơn vị chấm)"), "{n:#}");
        if variant.is_none() {
            assert_eq!(total(&j, "da-nang"), Some(96.75));
            assert_eq!(total(&j, "quang-binh"), Some(86.625));
        }
    }
    // A sheet with "Tiêu chí 1 (tối đa 10 điểm)" … but its unit column
    // headed "Cơ quan": said at its header row, not "no table".
    let (_f, _, j, report) = run_cum_5(&|inbox| {
        std::fs::copy(
            Path::new(CUM_5_VARIANTS).join("quang-binh-cham-cheo-co-quan.xlsx"),
            inbox.join("cham-cheo/quang-binh-cham-cheo.xlsx"),
        )
        .unwrap();
    });
    let p = problems(&j, "no-unit-column");
    assert_eq!(p.len(), 1, "{report}");
    assert_eq!(at(p[0]), ("cham-cheo/quang-binh-cham-cheo.xlsx".into(), "Sheet".into(), "C5".into()));
    assert!(
        report.contains("Trang có dạng bảng chấm điểm chéo (dòng tiêu đề cột ở dòng 5, các cột \"Tiêu chí …\" từ ô C5) nhưng không thấy cột tên đơn vị được chấm"),
        "{report}"
    );
    assert!(!report.contains("Không nhận ra bảng nào"), "{report}");
    // Quảng Bình sent its sheet: it is not also said missing, but sent and
    // not usable, once, pointing at the sheet's error.
    assert!(!report.contains("Thiếu Bảng chấm điểm chéo"), "{report}");
    assert!(
        report.contains(
            "Bảng chấm điểm chéo của BHXH tỉnh Quảng Bình đã gửi nhưng không dùng được (xem lỗi ở tệp \"cham-cheo/quang-binh-cham-cheo.xlsx\", trang \"Sheet\"); các đơn vị thành viên được chấm trong bảng đó chưa được xếp hạng cho đến khi bảng được sửa (không tính bình quân trên ít đơn vị chấm hơn số đơn vị đã gửi bảng)"
        ),
        "{report}"
    );
    assert_eq!(report.matches("BHXH tỉnh Quảng Bình đã gửi").count(), 1, "{report}");
    // Its marks were given: the members it scores wait for the sheet to be
    // mended, never averaged over the other six (Quảng Bình itself is
    // scored by the others as usual).
    assert_eq!(total(&j, "da-nang"), None, "{report}");
    assert!(score(&j, "da-nang")["note"].as_str().unwrap().contains("bảng chấm chéo của BHXH tỉnh Quảng Bình đã gửi nhưng chưa dùng được"));
    assert!(total(&j, "quang-binh").is_some(), "{report}");
    // With Hà Tĩnh's sheet not sent as well: one message names each as it is.
    let (_f, _, _, report) = run_cum_5(&|inbox| {
        std::fs::copy(
            Path::new(CUM_5_VARIANTS).join("quang-binh-cham-cheo-co-quan.xlsx"),
            inbox.join("cham-cheo/quang-binh-cham-cheo.xlsx"),
        )
        .unwrap();
        std::fs::remove_file(inbox.join("cham-cheo/cham-cheo-ha-tinh.xlsx")).unwrap();
    });
    assert!(
        report.contains(
            "Thiếu Bảng chấm điểm chéo của 1 đơn vị: BHXH tỉnh Hà Tĩnh; điểm bình quân được tính trên các đơn vị đã gửi bảng chấm. Bảng của BHXH tỉnh Quảng Bình đã gửi nhưng không dùng được (xem lỗi ở tệp \"cham-cheo/quang-binh-cham-cheo.xlsx\", trang \"Sheet\"); các đơn vị thành viên được chấm trong bảng đó chưa được xếp hạng"
        ),
        "{report}"
    );
    assert_eq!(report.matches("Bảng chấm điểm chéo của").count(), 1, "{report}");
}

#[test]
fn a_self_assessment_with_so_diem_beside_toi_da_is_read_and_an_unknown_column_said_once() {
    let (_f, _, j, report) = run_cum_5(&|_| {});
    assert!(!report.contains("BHXH_NgheAn_TuCham2022.xlsx\":\n"), "{report}");
    assert!(report.contains("\"tu-cham/BHXH_NgheAn_TuCham2022.xlsx\": đã đọc"), "{report}");
    assert_eq!(score(&j, "nghe-an")["self_total"].as_f64(), Some(76.5));
    assert_eq!(total(&j, "nghe-an"), Some(94.75));
    // Its points headed "Kết quả": one message, at the header; not also
    // "no table in the file", nor "Nghệ An sent no self-assessment".
    let (_f, _, j, report) = run_cum_5(&|inbox| {
        std::fs::copy(
            Path::new(CUM_5_VARIANTS).join("BHXH_NgheAn_TuCham2022-ket-qua.xlsx"),
            inbox.join("tu-cham/BHXH_NgheAn_TuCham2022.xlsx"),
        )
        .unwrap();
    });
    let mine: Vec<&Value> =
        j["problems"].as_array().unwrap().iter().filter(|p| p["location"]["file"] == "tu-cham/BHXH_NgheAn_TuCham2022.xlsx").collect();
    assert_eq!(mine.len(), 1, "{report}");
    assert_eq!(at(mine[0]), ("tu-cham/BHXH_NgheAn_TuCham2022.xlsx".into(), "Sheet1".into(), "D8".into()));
    assert!(mine[0]["message"].as_str().unwrap().contains("không nhận ra cột điểm của đơn vị (các cột khác: \"Kết quả\")"), "{report}");
    assert!(!report.contains("Không nhận ra bảng nào"), "{report}");
    assert!(!report.contains("chưa gửi Bảng tự chấm điểm"), "{report}");
    assert_eq!(total(&j, "nghe-an"), None);
}

#[test]
fn a_person_listed_twice_is_said_at_both_rows_and_counted_once() {
    let (f, _, j, report) = run_cum_5(&|_| {});
    let p = problems(&j, "duplicate-person");
    assert_eq!(p.len(), 2, "{report}");
    let sheet = "tệp \"hoi-nghi/ca-nhan-de-nghi-cum-5.xlsx\", trang \"Cá nhân đề nghị\"";
    // The tone mark on the other vowel ("Thuý" / "Thúy") is one name.
    assert!(
        report.contains(&format!(
            "ô B9: Phạm Thị Thuý, BHXH thành phố Đà Nẵng: được đề nghị Bằng khen của Tổng Giám đốc BHXH Việt Nam hai lần, ở {sheet}, ô B8 và ở {sheet}, ô B9 (ghi \"Phạm Thị Thuý\" và \"Phạm Thị Thúy\": cùng một tên, chỉ khác cách gõ dấu); chỉ tính một lần."
        )),
        "{report}"
    );
    // A row copied twice is said too, no longer dropped without a word.
    assert!(report.contains(&format!("ô B11: Hồ Văn Nam, BHXH tỉnh Hà Tĩnh: được đề nghị Bằng khen của Tổng Giám đốc BHXH Việt Nam hai lần, ở {sheet}, ô B10 và ở {sheet}, ô B11; chỉ tính một lần.")), "{report}");
    let people = j["individuals"].as_array().unwrap();
    assert_eq!(people.len(), 5, "{people:#?}");
    assert_eq!(people.iter().filter(|p| p["full_name"].as_str().unwrap().starts_with("Phạm Thị Th")).count(), 1);
    let to_trinh = f.docx_text("ho-so/02-to-trinh.docx").split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(to_trinh.contains("và 05 cá nhân có thành tích xuất sắc"), "{to_trinh}");
    let minutes = f.docx_text("ho-so/01-bien-ban-hop.docx").split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(minutes.contains("Hội nghị thống nhất đề nghị khen thưởng 05 cá nhân"), "{minutes}");
    assert_eq!(minutes.matches("Phạm Thị Thu").count(), 1, "{minutes}");
}

/// Quảng Bình's cross-scoring sheet as officers get it wrong
/// (tests/fixtures/cum_5_2022_variants/make_rows.py): each member scores
/// every other (Hướng dẫn 3636/HD-BHXH, mục A.II.1.8), so a unit is never
/// averaged over fewer scorers than sent a sheet. What cannot be used stops
/// the units it scores, said at the cell; the rest is read as typed.
#[test]
fn a_cross_sheet_missing_a_row_a_maximum_or_its_scorer_stops_the_units_it_scores() {
    let with = |variant: &str| {
        run_cum_5(&|inbox| {
            std::fs::copy(
                Path::new(CUM_5_VARIANTS).join(format!("quang-binh-cham-cheo-{variant}.xlsx")),
                inbox.join("cham-cheo/quang-binh-cham-cheo.xlsx"),
            )
            .unwrap();
        })
    };
    let (_f, _, base, _) = run_cum_5(&|_| {});
    assert!(total(&base, "quang-tri").is_some() && total(&base, "ha-tinh").is_some());

    // A row left out: Quảng Trị is not ranked; the others are.
    let (_f, _, j, report) = with("thieu-dong");
    let p = problems(&j, "missing-row");
    assert_eq!(p.len(), 1, "{report}");
    assert_eq!(at(p[0]), ("cham-cheo/quang-binh-cham-cheo.xlsx".into(), "Chấm chéo".into(), String::new()));
    assert!(report.contains("Bảng chấm điểm chéo của BHXH tỉnh Quảng Bình không có dòng chấm BHXH tỉnh Quảng Trị"), "{report}");
    assert_eq!(total(&j, "quang-tri"), None);
    assert!(score(&j, "quang-tri")["note"].as_str().unwrap().contains("không có dòng chấm đơn vị này"));
    assert_eq!(total(&j, "ha-tinh"), total(&base, "ha-tinh"));

    // "BHXH T. Quảng Trị" is Quảng Trị: read as typed, the same totals.
    let (_f, _, j, report) = with("viet-tat");
    assert!(!report.contains("Không tìm thấy đơn vị"), "{report}");
    assert!(problems(&j, "missing-row").is_empty(), "{report}");
    assert_eq!(total(&j, "quang-tri"), total(&base, "quang-tri"));

    // A row of averages under the units is no unit's.
    let (_f, _, j, report) = with("binh-quan");
    assert!(!report.contains("Bình quân\""), "{report}");
    assert_eq!(total(&j, "quang-tri"), total(&base, "quang-tri"));

    // Only the totals typed: an error at each row's first criterion, saying
    // so; every member it scores waits.
    let (_f, _, j, report) = with("chi-tong");
    assert!(
        report.contains("ô C6: BHXH tỉnh Thanh Hoá: chưa có điểm chấm chéo ở tiêu chí nào (các ô C6:E6 để trống, chỉ ghi Tổng điểm ở ô F6"),
        "{report}"
    );
    assert!(!report.contains("Thiếu Bảng chấm điểm chéo"), "{report}");
    assert_eq!(total(&j, "thanh-hoa"), None);
    assert_eq!(total(&j, "quang-tri"), None);

    // No maximum: the sheet is sent but not usable; not "missing".
    let (_f, _, j, report) = with("khong-toi-da");
    assert!(report.contains("không kiểm tra được điểm đã chấm, bảng này chưa dùng được cho đến khi ghi điểm tối đa"), "{report}");
    assert!(!report.contains("Thiếu Bảng chấm điểm chéo"), "{report}");
    assert!(report.contains("Bảng chấm điểm chéo của BHXH tỉnh Quảng Bình đã gửi nhưng không dùng được"), "{report}");
    assert_eq!(total(&j, "ha-tinh"), None);
    assert_eq!(total(&j, "quang-binh"), total(&base, "quang-binh"));

    // No "Đơn vị chấm" line: the sheet of the one member missing, perhaps;
    // the members it scores wait, the missing member itself does not.
    let (_f, _, j, report) = with("khong-don-vi-cham");
    assert!(report.contains("Thiếu Bảng chấm điểm chéo của 1 đơn vị: BHXH tỉnh Quảng Bình. Bảng chấm chéo ở tệp \"cham-cheo/quang-binh-cham-cheo.xlsx\", trang \"Chấm chéo\" không ghi \"Đơn vị chấm: …\" và có thể là bảng của đơn vị còn thiếu"), "{report}");
    assert_eq!(total(&j, "ha-tinh"), None);
    assert_eq!(total(&j, "quang-binh"), total(&base, "quang-binh"));
}
