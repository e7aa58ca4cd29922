//! The head's quarterly report (Hướng dẫn 3636, mục A.II.1.8), written by a
//! quarterly run over one cluster, from the cluster's Quý III and Quý II
//! forms filled by openpyxl (tests/fixtures/quarterly_report, made by
//! tests/fixtures/make_six_month.py). Expected values worked out by hand.

use crate::common::Fixture;
use std::path::Path;

fn inbox(f: &Fixture, files: &[&str]) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quarterly_report");
    std::fs::create_dir_all(f.inbox()).unwrap();
    for n in files {
        std::fs::copy(src.join(n), f.inbox().join(n)).unwrap();
    }
}

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_quarter_is_this_cumulative_minus_the_previous_one() {
    let f = Fixture::new();
    inbox(&f, &["quy-3-2022.xlsx", "quy-2-2022.xlsx"]);
    let (code, out) = f.run("2022-Q3");
    // The previous quarter's sheet is the report's input, not a problem.
    assert_eq!(code, 0, "{out}");
    let r = flat(&f.docx_text("ho-so/03-bao-cao-quy.docx"));
    // Hà Nam: 73 % of 7.000.000 by 30/9 = 5.110.000; 47 % by 30/6 =
    // 3.290.000; so 1.820.000 in Quý III; last year 90 % → 111,11 %.
    assert!(r.contains("BHXH tỉnh Hà Nam 7.000.000 1.820.000 5.110.000 73,00 % 111,11 % Đạt"), "{r}");
    // Hưng Yên at 70 %, under the 71,5 % of Quý III.
    assert!(r.contains("BHXH tỉnh Hưng Yên 6.000.000 1.380.000 4.200.000 70,00 % 111,11 % Chưa đạt"), "{r}");
    assert!(r.contains("Kết quả riêng Quý III/2022 bằng lũy kế Quý III/2022 trừ lũy kế Quý II/2022"), "{r}");
    assert!(r.contains("Trong quý"), "{r}");
    assert!(r.contains("đạt từ 71,5 % kế hoạch năm"), "{r}");
    // The summary table: every rate of a member on one row, and "0" targets
    // behind when all are assessed (a dash is for a target not assessed).
    // Hà Nam's late payments, 2,10 % against a 2 % target, are within the
    // 5 % of the target the campaign allows (Công văn 1371, mục B.III.2.a):
    // at the limit, not behind, as the dossier's criterion says.
    assert!(r.contains("BHXH tỉnh Hà Nam 73,00 % 73,00 % 73,00 % 73,00 % 2,10 % 0"), "{r}");
    assert!(!r.contains("Tỷ lệ số tiền chậm đóng trên số phải thu: 1 đơn vị chưa đạt"), "{r}");
    assert!(r.contains("báo cáo BHXH Việt Nam (Vụ Thi đua - Khen thưởng) để theo dõi./."), "{r}");
    assert!(r.contains("TM. CỤM THI ĐUA CẤP TỈNH SỐ III CỤM TRƯỞNG"), "{r}");
    // The three participant tables share their note: said in full under
    // the first (mục 2), then pointed back to.
    assert_eq!(r.matches("kế hoạch là số người phải phát triển trong năm").count(), 1, "{r}");
    assert_eq!(r.matches("Đơn vị tính: người; các cột được tính như ở mục 2.").count(), 2, "{r}");
    let errors = std::fs::read_to_string(f.out().join("bao-loi.txt")).unwrap();
    assert!(!errors.contains("Quý II/2022"), "{errors}");
}

#[test]
fn without_the_previous_quarter_only_the_cumulative_is_shown() {
    let f = Fixture::new();
    inbox(&f, &["quy-3-2022.xlsx"]);
    let (code, out) = f.run("2022-Q3");
    assert_eq!(code, 0, "{out}");
    let r = flat(&f.docx_text("ho-so/03-bao-cao-quy.docx"));
    // No member's Quý II is known: the tables have no "Trong quý" column
    // (it would hold only dashes), and the report says what it gives.
    assert!(r.contains("Kết quả thực hiện được tính lũy kế từ đầu năm đến hết Quý III/2022."), "{r}");
    assert!(r.contains("BHXH tỉnh Hà Nam 7.000.000 5.110.000 73,00 % 111,11 % Đạt"), "{r}");
    assert!(!r.contains("Trong quý"), "{r}");
    assert!(!r.contains("Hồ sơ"), "{r}");
}

#[test]
fn a_national_run_writes_no_head_report() {
    let f = Fixture::new();
    let (code, _) = {
        let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/2022-Q3");
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
            .args(["run", samples.to_str().unwrap(), "--period", "2022-Q3", "-q", "--out", f.out().to_str().unwrap()])
            .output()
            .unwrap();
        (o.status.code(), ())
    };
    assert!(code.is_some_and(|c| c <= 1));
    assert!(f.out().join("ho-so/01-to-trinh.docx").exists());
    assert!(!f.out().join("ho-so/03-bao-cao-quy.docx").exists());
}

#[test]
fn the_head_and_place_come_from_the_runs_registry() {
    // The built-in edition records no head of Cụm III for 2022, so the date
    // line is left blank. An edition naming one (`--registry`) dates the
    // report at the head's place.
    let f = Fixture::new();
    inbox(&f, &["quy-3-2022.xlsx", "quy-2-2022.xlsx"]);
    let (code, out) = f.run("2022-Q3");
    assert_eq!(code, 0, "{out}");
    assert!(f.docx_text("ho-so/03-bao-cao-quy.docx").contains("……, ngày …… tháng 10 năm 2022"));
    let reg = f.dir.path().join("ds-2022.toml");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_thidua")).args(["units", "--export", reg.to_str().unwrap()]).output().unwrap();
    assert!(o.status.success());
    let mut text = std::fs::read_to_string(&reg).unwrap();
    text.push_str("\n[[nhiem_ky]]\ncum = \"cum-3\"\nnam = 2022\ntruong = \"BHXH tỉnh Hà Nam\"\npho = \"BHXH tỉnh Hưng Yên\"\n");
    std::fs::write(&reg, text).unwrap();
    std::fs::remove_dir_all(f.out()).unwrap();
    let (code, out) = f.run_with("2022-Q3", &["--registry", reg.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    let r = f.docx_text("ho-so/03-bao-cao-quy.docx");
    assert!(r.contains("Hà Nam, ngày …… tháng 10 năm 2022"), "{r}");
}

#[test]
fn a_figure_the_evaluation_refused_is_not_reported() {
    // Vĩnh Phúc's BHYT participants typed 113600 for 1.136.000
    // (tests/fixtures/quarterly_report_typo): refused at P8, the report
    // printed it, a negative quarter and -1.972 %, and listed the province
    // as behind.
    let f = Fixture::new();
    std::fs::create_dir_all(f.inbox()).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::copy(root.join("quarterly_report_typo/quy-3-2022.xlsx"), f.inbox().join("quy-3-2022.xlsx")).unwrap();
    std::fs::copy(root.join("quarterly_report/quy-2-2022.xlsx"), f.inbox().join("quy-2-2022.xlsx")).unwrap();
    let (_, out) = f.run("2022-Q3");
    let report = std::fs::read_to_string(f.out().join("bao-loi.txt")).unwrap();
    assert!(report.contains("ô P8") && report.contains("nằm ngoài khoảng hợp lý"), "{report}\n{out}");
    let r = flat(&f.docx_text("ho-so/03-bao-cao-quy.docx"));
    assert!(!r.contains("113.600") && !r.contains("-1.9"), "{r}");
    assert!(r.contains("BHXH tỉnh Vĩnh Phúc — — — — — —"), "{r}");
    // The dashes are explained under their table, once.
    assert_eq!(r.matches("Dấu \"—\" ở dòng BHXH tỉnh Vĩnh Phúc: số liệu có chỗ nhầm, không dùng.").count(), 1, "{r}");
    assert!(!r.contains("Phát triển người tham gia BHYT: 1 đơn vị chưa đạt: BHXH tỉnh Vĩnh Phúc"), "{r}");
}

/// Cụm VI's Quý IV/2022 and Quý III/2022 tables as its secretariat filled
/// them with openpyxl (tests/fixtures/quarterly_cum_6).
fn cum_6(f: &Fixture, variant: &str) {
    f.inbox_from(&format!("quarterly_cum_6/{variant}"));
}

/// Quảng Nam's Quý IV cumulative collection (3.412.000, D7) is below its
/// Quý III one (3.500.000): one of the two is wrong. It was proposed third
/// for the comprehensive award on the Quý IV figure, and `check` said
/// nothing (it did not read the Quý III sheet as the report's). Both now
/// say the error at D7, and no criterion is decided on that figure.
#[test]
fn a_cumulative_below_the_previous_quarters_decides_nothing_and_check_says_so() {
    let f = Fixture::new();
    cum_6(&f, "falls");
    let want = "tệp \"tong-hop-Q4.xlsx\", trang \"Chỉ tiêu\", ô D7: BHXH tỉnh Quảng Nam: Thu BHXH, BHTN, BHYT lũy kế Quý IV/2022 ghi 3.412.000, nhỏ hơn lũy kế Quý III/2022 (3.500.000, tệp \"tong-hop-Q3.xlsx\", trang \"Chỉ tiêu\", ô D7)";
    let bin = env!("CARGO_BIN_EXE_thidua");
    let o = std::process::Command::new(bin).args(["check", f.inbox().to_str().unwrap(), "--period", "2022-Q4"]).output().unwrap();
    let checked = String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr);
    assert!(checked.contains(want), "{checked}");
    assert!(!checked.contains("không được dùng"), "{checked}");
    let (code, out) = f.run("2022-Q4");
    assert_eq!(code, 1, "{out}");
    let errors = std::fs::read_to_string(f.out().join("bao-loi.txt")).unwrap();
    // Said once, under its file.
    assert_eq!(errors.matches(want.split_once(", trang ").unwrap().1).count(), 1, "{errors}");
    let j = f.json();
    let d = crate::common::decision(&j, "quang-nam", "toan-dien");
    assert_eq!(d["kind"], "not-assessable", "{d:#}");
    assert!(d["reason"].as_str().unwrap().contains("\"Thu BHXH, BHTN, BHYT: thực hiện lũy kế\" có chỗ nhầm nên không dùng"), "{d:#}");
    let minutes = flat(&f.docx_text("ho-so/02-bien-ban.docx"));
    assert!(!minutes.contains("BHXH tỉnh Quảng Nam: Tỷ lệ thu"), "{minutes}");
    let r = flat(&f.docx_text("ho-so/03-bao-cao-quy.docx"));
    assert!(r.contains("Dấu \"—\" ở dòng BHXH tỉnh Quảng Nam: số liệu có chỗ nhầm, không dùng."), "{r}");
}

/// Quảng Ngãi's late payments are 1,65 % against a 1,60 % target, within
/// the 5 % of the target Công văn 1371 allows (1,68 %). The minutes said it
/// met the criterion; the head's report listed it behind, against the
/// target alone. The report now uses the criterion's own limit and says it.
#[test]
fn the_report_and_the_minutes_agree_on_the_late_payment_limit() {
    let f = Fixture::new();
    cum_6(&f, "late_tolerance");
    let (code, out) = f.run("2022-Q4");
    assert!(code <= 1, "{out}");
    let j = f.json();
    assert_eq!(crate::common::criterion(&j, "quang-ngai", "cham_dong")["status"], "met");
    let r = flat(&f.docx_text("ho-so/03-bao-cao-quy.docx"));
    assert!(!r.contains("chậm đóng trên số phải thu: 1 đơn vị chưa đạt: BHXH tỉnh Quảng Ngãi"), "{r}");
    assert!(!r.contains("BHXH tỉnh Quảng Ngãi (1,65 %)"), "{r}");
    assert!(
        r.contains("chưa đạt khi tỷ lệ cao hơn mức tối đa, là chỉ tiêu cộng dung sai 5 % của chỉ tiêu (Công văn 1371/BHXH-TĐKT, mục B.III.2.a và B.III.2.b)."),
        "{r}"
    );
}

/// Bình Định typed its figures into Phú Yên's row of the cluster's form and
/// sent it as "BìnhĐịnh.xlsx"; Phú Yên sent nothing. Phú Yên was proposed
/// fifth for the comprehensive award on Bình Định's figures, and bao-loi
/// said only that Bình Định had no figures. Whose figures they are cannot
/// be told: an error at the row, and neither is assessed on them.
#[test]
fn a_member_file_with_only_anothers_row_filled_is_not_credited_to_the_other() {
    let f = Fixture::new();
    cum_6(&f, "other_row");
    let (code, out) = f.run("2022-Q4");
    assert_eq!(code, 1, "{out}");
    let errors = std::fs::read_to_string(f.out().join("bao-loi.txt")).unwrap();
    assert!(
        errors.contains("ô C10: Tệp \"BìnhĐịnh.xlsx\" mang tên BHXH tỉnh Bình Định nhưng dòng của BHXH tỉnh Phú Yên có số liệu, còn dòng của BHXH tỉnh Bình Định để trống: không biết đây là số liệu của đơn vị nào nên không dùng."),
        "{errors}"
    );
    let j = f.json();
    assert_ne!(crate::common::decision(&j, "phu-yen", "toan-dien")["kind"], "proposed");
    let py = j["units"].as_array().unwrap().iter().find(|u| u["unit"] == "phu-yen").unwrap();
    assert!(py["figures"].as_object().is_none_or(|m| m.is_empty()), "{py:#}");
}

/// The cluster's inbox as members sent it (openpyxl, an .xls and an .ods
/// saved by LibreOffice, one retyped layout): Khánh Hòa sent the form back
/// with the other rows still holding Quý III figures. Where a member sent
/// its own file, that file speaks for it (there were 30 conflict errors
/// and three members dropped); Ninh Thuận sent nothing, and its row in
/// Khánh Hòa's file (likely last quarter's) is not used: an error at the
/// row (it was judged behind on all five fields on it).
#[test]
fn a_members_own_file_speaks_for_it_over_rows_left_in_anothers() {
    let f = Fixture::new();
    cum_6(&f, "stale_rows");
    let (_, out) = f.run("2022-Q4");
    let errors = std::fs::read_to_string(f.out().join("bao-loi.txt")).unwrap();
    assert!(!errors.contains("khác nhau giữa hai nơi"), "{errors}");
    assert!(
        errors.contains("ô C8: Tệp \"KhanhHoa-Q4.xlsx\" của BHXH tỉnh Khánh Hòa còn số liệu ở dòng của BHXH tỉnh Quảng Ngãi, khác số liệu BHXH tỉnh Quảng Ngãi gửi trong tệp \"BC thi dua Q4-2022 QNgai.xlsx\": dùng tệp của BHXH tỉnh Quảng Ngãi, không dùng dòng này."),
        "{errors}"
    );
    assert!(
        errors.contains("ô C12: Tệp \"KhanhHoa-Q4.xlsx\" của BHXH tỉnh Khánh Hòa có số liệu ở dòng của BHXH tỉnh Ninh Thuận, đơn vị chưa gửi tệp riêng: không biết đây là số liệu kỳ này của BHXH tỉnh Ninh Thuận hay số liệu còn lại trong biểu, nên không dùng."),
        "{errors}"
    );
    // Not judged on them: the documents say it sent no figures.
    let minutes = flat(&f.docx_text("ho-so/02-bien-ban.docx"));
    assert!(!minutes.contains("BHXH tỉnh Ninh Thuận 0/5"), "{minutes}");
    let r = flat(&f.docx_text("ho-so/03-bao-cao-quy.docx"));
    assert!(!r.contains("BHXH tỉnh Ninh Thuận (78,86 %)"), "{r}");
    let j = f.json();
    let qn = j["units"].as_array().unwrap().iter().find(|u| u["unit"] == "quang-ngai").unwrap();
    assert_eq!(qn["figures"]["thu.luy_ke"].as_f64(), Some(6_814_102.0), "{out}");
}
