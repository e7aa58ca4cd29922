//! The command line as an officer meets it: mistakes answered in
//! Vietnamese, dates and periods typed the Vietnamese way, and a scheduled
//! run's log that says why it stopped.

use crate::common::*;
use std::path::Path;
use std::process::Command;
use thidua::model::Period;

fn thidua(args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_thidua")).args(args).output().unwrap();
    (o.status.code().unwrap_or(-1), String::from_utf8_lossy(&o.stdout).into_owned(), String::from_utf8_lossy(&o.stderr).into_owned())
}

fn no_english(s: &str) {
    for w in ["error:", "tip:", "Usage:", "For more information", "unrecognized", "unexpected argument", "[default"] {
        assert!(!s.contains(w), "English \"{w}\" in: {s}");
    }
}

#[test]
fn command_line_mistakes_are_answered_in_vietnamese_with_exit_2() {
    let (code, _, err) = thidua(&["chek", "hop-thu"]);
    assert_eq!(code, 2);
    assert!(err.contains("Lỗi: không có lệnh \"chek\". Có phải ý bạn là \"thidua check\"?"), "{err}");
    no_english(&err);
    let (code, _, err) = thidua(&["run", "hop-thu", "--ngay", "31/02/2022"]);
    assert_eq!(code, 2);
    assert!(err.contains("--ngay: ngày \"31/02/2022\" không hợp lệ"), "{err}");
    no_english(&err);
}

#[test]
fn help_subcommand_prints_the_vietnamese_help() {
    let (code, out, _) = thidua(&["help", "run"]);
    assert_eq!(code, 0);
    assert!(out.contains("Cách dùng: thidua run"), "{out}");
    no_english(&out);
    let (code, out, _) = thidua(&["help"]);
    assert_eq!(code, 0);
    assert!(out.contains("Lệnh:") && out.contains("help"), "{out}");
    let (_, out, _) = thidua(&["demo", "--help"]);
    assert!(out.contains("(mặc định 2022-Q3)"), "{out}");
    no_english(&out);
}

#[test]
fn vietnamese_period_and_date_reach_the_documents() {
    let f = Fixture::new();
    f.province("ha-nam.xlsx", "Hà Nam", Period::Quarter { year: 2022, q: 3 }, good());
    let out = f.out();
    let (code, _, err) = thidua(&[
        "run",
        f.inbox().to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--period",
        "Quý III/2022",
        "--ngay",
        "15 tháng 10 năm 2022",
        "--quiet",
    ]);
    assert!(code <= 1, "{err}");
    let text = f.docx_text("ho-so/01-to-trinh.docx");
    assert!(text.contains("ngày 15 tháng 10 năm 2022"), "{text}");
    assert!(text.contains("Quý III"), "{text}");
}

#[test]
fn a_run_that_cannot_start_says_why_in_its_log() {
    let f = Fixture::new();
    f.province("ha-nam.xlsx", "Hà Nam", Period::Quarter { year: 2022, q: 3 }, good());
    let log = f.out().with_extension("log");
    let (code, _, _) = thidua(&[
        "run",
        f.inbox().to_str().unwrap(),
        "--out",
        f.out().to_str().unwrap(),
        "--rules",
        "/khong-co/quy-tac.toml",
        "--log",
        log.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.contains("Bắt đầu"), "{text}");
    let stop = text.lines().find(|l| l.contains("Dừng, không chạy được")).unwrap_or_else(|| panic!("no stop line: {text}"));
    assert!(stop.contains("quy-tac.toml"), "{stop}");
    assert!(stop.contains("+07:00]"), "Vietnam time with its offset: {stop}");
}

#[test]
fn a_folder_dropped_on_the_program_is_run_with_results_beside_it() {
    let f = Fixture::new();
    f.province("ha-nam.xlsx", "Hà Nam", Period::Quarter { year: 2022, q: 3 }, good());
    let (code, out, err) = thidua(&[f.inbox().to_str().unwrap()]);
    assert!(code <= 1, "{out}{err}");
    let results = f.inbox().parent().unwrap().join("ket-qua").join("2022-Q3");
    assert!(results.join("ho-so/01-to-trinh.docx").is_file(), "{out}{err}");
    assert!(out.contains("Đã ghi") && out.contains("ket-qua"), "{out}");
}

#[test]
fn a_document_left_open_stops_the_rerun_and_keeps_the_old_set() {
    let f = Fixture::new();
    f.province("ha-nam.xlsx", "Hà Nam", Period::Quarter { year: 2022, q: 3 }, good());
    let (code, _) = f.run("2022-Q3");
    assert!(code <= 1);
    let ho_so = f.out().join("ho-so");
    let before = std::fs::read(ho_so.join("01-to-trinh.docx")).unwrap();
    // LibreOffice has the tờ trình open; Word has the biên bản open (Word
    // keeps the name's last letters after "~$").
    std::fs::write(ho_so.join(".~lock.01-to-trinh.docx#"), "x").unwrap();
    std::fs::write(ho_so.join("~$-bien-ban.docx"), "x").unwrap();
    std::fs::write(f.inbox().join("ghi-chu.txt"), "đổi hộp thư").unwrap();
    let (code, _, err) =
        thidua(&["run", f.inbox().to_str().unwrap(), "--period", "2022-Q3", "--out", f.out().to_str().unwrap(), "--quiet"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("đang mở") && err.contains("ho-so/01-to-trinh.docx") && err.contains("ho-so/02-bien-ban.docx"), "{err}");
    assert!(err.contains("bộ hồ sơ cũ được giữ nguyên"), "{err}");
    assert_eq!(std::fs::read(ho_so.join("01-to-trinh.docx")).unwrap(), before);
    assert!(ho_so.join(".~lock.01-to-trinh.docx#").exists());
    // Closed: the rerun goes through.
    std::fs::remove_file(ho_so.join(".~lock.01-to-trinh.docx#")).unwrap();
    std::fs::remove_file(ho_so.join("~$-bien-ban.docx")).unwrap();
    let (code, _, err) =
        thidua(&["run", f.inbox().to_str().unwrap(), "--period", "2022-Q3", "--out", f.out().to_str().unwrap(), "--quiet"]);
    assert!(code <= 1, "{err}");
}

#[test]
fn a_signing_date_before_the_facts_it_reports_is_warned() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/2022-tong-ket-cum-3");
    let (code, _, err) =
        thidua(&["run", sample.to_str().unwrap(), "--period", "2022", "--ngay", "1/7/2022", "--out", out.to_str().unwrap(), "--quiet"]);
    assert_eq!(code, 1, "{err}");
    let p = std::fs::read_to_string(out.join("bao-loi.txt")).unwrap();
    assert!(p.contains("Ngày ký văn bản 01/07/2022 (tham số --ngay) không sau ngày kết thúc kỳ xét 31/12/2022 (năm 2022)"), "{p}");
    assert!(p.contains("Cụm thi đua cấp tỉnh số III: ngày ký văn bản 01/07/2022 (tham số --ngay) trước ngày họp 19/01/2023"), "{p}");
    // A date after the meeting says nothing of the kind.
    let (_, _, _) =
        thidua(&["run", sample.to_str().unwrap(), "--period", "2022", "--ngay", "20/01/2023", "--out", out.to_str().unwrap(), "--quiet"]);
    let p = std::fs::read_to_string(out.join("bao-loi.txt")).unwrap();
    assert!(!p.contains("tham số --ngay"), "{p}");
}

#[test]
fn an_inbox_with_nothing_for_the_period_says_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("hop-thu");
    std::fs::create_dir_all(&empty).unwrap();
    let out = tmp.path().join("out");
    let (code, _, err) = thidua(&["run", empty.to_str().unwrap(), "--period", "2022-Q3", "--out", out.to_str().unwrap(), "--quiet"]);
    assert_eq!(code, 2);
    assert!(err.contains("thidua forms --cluster MÃ --period KỲ"), "{err}");
    let f = Fixture::new();
    f.province("ha-nam.xlsx", "Hà Nam", Period::Quarter { year: 2022, q: 3 }, good());
    let (code, _, err) = thidua(&["run", f.inbox().to_str().unwrap(), "--period", "2022-Q2", "--out", out.to_str().unwrap(), "--quiet"]);
    assert_eq!(code, 2);
    assert!(err.contains("Các bảng trong thư mục ghi kỳ Quý III/2022: nếu đó là kỳ cần xét, chạy lại với --period 2022-Q3."), "{err}");
}

/// A quarter the built-in campaign (Công văn 1371, year 2022) does not
/// cover: `forms` writes the forms and says at once what `run` will need;
/// `check` stops and says how; and the advice, followed to the letter
/// (templates written out, the year edited, `--rules`), works.
#[test]
fn a_quarter_of_another_year_is_answered_with_what_to_do() {
    let f = Fixture::new();
    let forms = f.out().join("bieu-mau");
    let (code, _, err) = thidua(&["forms", "--cluster", "cum-3", "--period", "2023-Q2", "--out", forms.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("Lưu ý: Kỳ Quý II/2023 nằm ngoài thời gian của Công văn 1371/BHXH-TĐKT"), "{err}");
    assert!(err.contains("rồi chạy lại với --rules MAU/quy-tac/thu-2022.toml."), "{err}");
    f.province("ha-nam.xlsx", "Hà Nam", Period::Quarter { year: 2023, q: 2 }, good());
    let inbox = f.inbox();
    let (code, _, err) = thidua(&["check", inbox.to_str().unwrap(), "--period", "2023-Q2"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(
            "Nếu năm 2023 có văn bản phát động thi đua riêng: ghi các tệp quy tắc mặc định ra thư mục (thidua templates --out MAU)"
        ),
        "{err}"
    );
    no_english(&err);
    let mau = f.out().join("MAU");
    let (code, _, err) = thidua(&["templates", "--out", mau.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let file = mau.join("quy-tac/thu-2022.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("\nyear = 2022\n"), "{text}");
    std::fs::write(&file, text.replace("\nyear = 2022\n", "\nyear = 2023\n")).unwrap();
    let (code, out, err) = thidua(&["check", inbox.to_str().unwrap(), "--period", "2023-Q2", "--rules", file.to_str().unwrap()]);
    assert!(code <= 1, "{out}{err}");
    assert!(out.contains("Kỳ: Quý II/2023"), "{out}");
}

/// `check` answers for the registrations and the six-month review as `run`
/// does: registrations alone point to `--giao-uoc`, which `check` takes;
/// the six-month review counts the members whose figures were read (it
/// evaluates no unit, and said "0 đơn vị có số liệu").
#[test]
fn check_reads_registrations_and_a_six_month_inbox_as_run_does() {
    let sample = |s: &str| Path::new(env!("CARGO_MANIFEST_DIR")).join("samples").join(s).to_string_lossy().into_owned();
    let dang_ky = sample("2023-dang-ky-cum-3");
    let (code, _, err) = thidua(&["check", &dang_ky]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("Thư mục chỉ có bảng đăng ký chỉ tiêu thi đua (6 bảng)") && err.contains("--period 2023 --giao-uoc"), "{err}");
    let (code, out, err) = thidua(&["check", &dang_ky, "--period", "2023", "--giao-uoc"]);
    assert!(code <= 1, "{out}{err}");
    assert!(out.contains("Kỳ: năm 2023; phạm vi: Cụm thi đua cấp tỉnh số III"), "{out}");
    assert!(out.contains("Đã đọc 6/6 tệp; 5 đơn vị đã đăng ký."), "{out}");
    let (code, out, err) = thidua(&["check", &sample("2023-so-ket-6-thang-cum-3"), "--period", "2023-H1"]);
    assert!(code <= 1, "{out}{err}");
    assert!(out.contains("tệp; 6 đơn vị có số liệu."), "{out}");
    // A year-end review counts the units it could score, not only figures.
    let (code, out, err) = thidua(&["check", &sample("2022-tong-ket-cum-3"), "--period", "2022"]);
    assert!(code <= 1, "{out}{err}");
    assert!(out.contains("tệp; 6 đơn vị có điểm thi đua xác định được, 6 đơn vị có số liệu chỉ tiêu."), "{out}");
}
