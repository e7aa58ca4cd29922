//! The office's register (issue 18): a five-year history (2018–2022) built
//! from demo runs, a decision list and a list of earlier awards typed by
//! openpyxl (tests/fixtures/so), then what an officer checks: Mẫu 01 lists
//! the recorded awards, rotation follows the recorded heads, a rerun changes
//! nothing, a killed or concurrent write loses nothing, a newer register is
//! refused and left as it was.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_thidua")
}

fn thidua(args: &[&str]) -> Output {
    Command::new(bin()).args(args).env_remove("THIDUA_SO").output().unwrap()
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/so").join(name).to_str().unwrap().to_string()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The built-in registry and year-end rules as an office would pass them for
/// the years before Hướng dẫn 3636's edition (2022–2024): exported, with the
/// years they serve widened (SPEC §12: a run outside every edition stops).
fn earlier_editions(dir: &Path) -> (String, String) {
    let reg = dir.join("don-vi-2016-2024.toml");
    let rules_dir = dir.join("mau");
    if !reg.exists() {
        assert!(thidua(&["units", "--export", s(&reg)]).status.success());
        assert!(thidua(&["templates", "--out", s(&rules_dir)]).status.success());
        let widen = |p: &Path| {
            let t = std::fs::read_to_string(p).unwrap();
            assert!(t.contains("years = [2022, 2023, 2024]"), "{}", p.display());
            std::fs::write(p, t.replace("years = [2022, 2023, 2024]", "years = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]"))
                .unwrap();
        };
        widen(&reg);
        widen(&rules_dir.join("quy-tac/tong-ket-nam.toml"));
    }
    (s(&reg).to_string(), s(&rules_dir.join("quy-tac/tong-ket-nam.toml")).to_string())
}

/// Demo inboxes of Cụm thi đua cấp tỉnh số I for 2018–2022, the runs of
/// 2018–2021 recorded, then the decisions of 2018–2021 and the awards of
/// 2016–2017. Returns the register.
fn history(dir: &Path) -> PathBuf {
    let so = dir.join("so-khen-thuong.sqlite");
    for y in 2018..=2022 {
        let inbox = dir.join(format!("in-{y}"));
        let (reg, rules) = earlier_editions(dir);
        let o = thidua(&["demo", "--out", s(&inbox), "--period", &y.to_string(), "--cluster", "cum-1", "--registry", &reg]);
        assert!(o.status.success(), "{}", text(&o));
        if y == 2022 {
            continue;
        }
        let out = dir.join(format!("out-{y}"));
        let o = thidua(&["run", s(&inbox), "--period", &y.to_string(), "--out", s(&out), "--quiet", "--registry", &reg, "--rules", &rules]);
        assert!(o.status.code().unwrap() <= 1, "{}", text(&o));
        let o = thidua(&["so", "ghi", s(&out), "--so", s(&so)]);
        assert!(o.status.success(), "{}", text(&o));
        assert!(text(&o).contains(&format!("Đã ghi vào sổ \"{}\" kết quả kỳ {y}: 6 đơn vị, 3 đề nghị", so.display())), "{}", text(&o));
    }
    let o = thidua(&["so", "quyet-dinh", &fixture("quyet-dinh-cum-1-2018-2021.xlsx"), "--so", s(&so)]);
    let t = text(&o);
    // The misspelt unit is refused at its cell with the nearest name; the
    // decision without a proposal is recorded and named; exit 1.
    assert_eq!(o.status.code(), Some(1), "{t}");
    assert!(t.contains("ô B17: Không tìm thấy đơn vị \"Lào Kai\". Có phải: BHXH tỉnh Lào Cai?"), "{t}");
    assert!(t.contains("dòng 16: BHXH tỉnh Yên Bái — Bằng khen của Tổng Giám đốc BHXH Việt Nam năm 2021 không khớp đề nghị nào"), "{t}");
    assert!(t.contains("10 quyết định được khen thưởng, 3 không được khen thưởng"), "{t}");
    let o = thidua(&["so", "nhap", &fixture("khen-thuong-cac-nam-truoc.xlsx"), "--so", s(&so)]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("3 danh hiệu, hình thức khen thưởng các năm trước"), "{}", text(&o));
    so
}

/// The 2022 inbox with the meeting sheet's heads, deputies and chair left
/// blank: the minutes cannot say who leads the cluster, so rotation must
/// come from the register. Rewritten cell by cell from the demo's workbook.
fn blank_heads(inbox: &Path) {
    use calamine::{open_workbook_auto, Data, Reader};
    let p = inbox.join("cum-1/bo-phieu-hoi-nghi-cum-1.xlsx");
    let mut wb = open_workbook_auto(&p).unwrap();
    let mut out = rust_xlsxwriter::Workbook::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        let ws = out.add_worksheet();
        ws.set_name(&name).unwrap();
        for (r, row) in range.rows().enumerate() {
            let key = row.first().map(|d| d.to_string()).unwrap_or_default();
            let blank = ["Cụm trưởng", "Cụm phó", "Cụm trưởng năm sau", "Cụm phó năm sau", "Chủ trì"].contains(&key.as_str());
            for (c, d) in row.iter().enumerate() {
                if blank && c > 0 {
                    continue;
                }
                let (r, c) = (r as u32, c as u16);
                match d {
                    Data::String(t) => ws.write_string(r, c, t).map(|_| ()).unwrap(),
                    Data::Float(f) => ws.write_number(r, c, *f).map(|_| ()).unwrap(),
                    Data::Int(i) => ws.write_number(r, c, *i as f64).map(|_| ()).unwrap(),
                    Data::Empty => {}
                    other => panic!("unexpected cell {other:?}"),
                }
            }
        }
    }
    out.save(&p).unwrap();
}

fn json(out: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("ket-qua.json")).unwrap()).unwrap()
}

fn report(out: &Path, unit_file: &str) -> String {
    let p = out.join("ho-so/bao-cao-thanh-tich").join(unit_file);
    thidua::render::docx::document_text(&std::fs::read(&p).unwrap()).unwrap().replace('\u{a0}', " ")
}

#[test]
fn a_year_with_the_register_fills_mau_01_and_follows_the_recorded_heads() {
    let d = tempfile::tempdir().unwrap();
    let so = history(d.path());
    let inbox = d.path().join("in-2022");
    blank_heads(&inbox);

    // Without the register: no head of 2022 is known, nothing to rotate
    // from; the reports list only what the eligibility sheet says.
    let bare = d.path().join("out-2022-bare");
    let o = thidua(&["run", s(&inbox), "--period", "2022", "--out", s(&bare), "--quiet"]);
    assert!(o.status.code().unwrap() <= 1, "{}", text(&o));
    let j = json(&bare);
    assert!(j["annual"][0]["next_year"]["head"].is_null(), "{}", j["annual"][0]["next_year"]);
    assert!(!report(&bare, "001-bhxh-tinh-lai-chau.docx").contains("141/QĐ-BHXH"));

    let out = d.path().join("out-2022");
    let o = thidua(&["run", s(&inbox), "--period", "2022", "--out", s(&out), "--quiet", "--so", s(&so)]);
    let t = text(&o);
    assert!(o.status.code().unwrap() <= 1, "{t}");
    // Rotation: the 2022 head (Lai Châu) and deputy (Điện Biên) come from
    // the 2021 meeting recorded in the register; the deputy moves up and the
    // member whose last post is oldest (Lào Cai, head in 2018) is deputy —
    // as the 2022 meeting in fact elected.
    let next = &json(&out)["annual"][0]["next_year"];
    assert_eq!(next["head"], "dien-bien", "{next}");
    assert_eq!(next["deputy"], "lao-cai", "{next}");
    assert_eq!(next["suggested"], true);
    let note = next["note"].as_str().unwrap();
    assert!(
        note.starts_with("Đề xuất theo luân phiên và sổ khen thưởng, chưa phải kết quả bầu: BHXH tỉnh Điện Biên (Cụm phó năm 2022)"),
        "{note}"
    );
    assert!(t.contains("Sổ khen thưởng: đã bổ sung các hình thức đã được khen thưởng vào báo cáo thành tích của 2 đơn vị."), "{t}");
    let bao_loi = std::fs::read_to_string(out.join("bao-loi.txt")).unwrap();
    assert!(bao_loi.contains("Đề xuất theo luân phiên và sổ khen thưởng"), "{bao_loi}");

    // Mẫu 01 of Lai Châu: the 2021 certificate from the decision list, the
    // 2016 title and 2017 flag imported, beside the sheet's own 2021 line.
    let r = report(&out, "001-bhxh-tinh-lai-chau.docx");
    let part = &r[r.find("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG").expect("section III")..];
    for want in [
        "Quyết định số 141/QĐ-BHXH ngày 18/03/2022 của Tổng Giám đốc BHXH Việt Nam",
        "Quyết định số 75/QĐ-BHXH ngày 12/03/2018 của Tổng Giám đốc BHXH Việt Nam",
        "Quyết định số 88/QĐ-BHXH ngày 20/01/2017",
        "Tập thể lao động xuất sắc",
    ] {
        assert!(part.contains(want), "missing {want:?} in {part}");
    }
    // The flag of 2017 is a title (section 1), the certificate an award (section 2).
    let (titles, awards) = part.split_at(part.find("2. Hình thức khen thưởng").unwrap());
    assert!(titles.contains("75/QĐ-BHXH") && !titles.contains("141/QĐ-BHXH"), "{titles}");
    assert!(awards.contains("141/QĐ-BHXH"), "{awards}");
    // Điện Biên's report: its 2019 flags, not its certificate refused in 2020.
    let r = report(&out, "002-bhxh-tinh-dien-bien.docx");
    assert!(r.contains("Quyết định số 345/QĐ-TTg ngày 20/04/2020 của Thủ tướng Chính phủ"), "{r}");
    assert!(r.contains("Quyết định số 120/QĐ-BHXH ngày 10/03/2020"), "{r}");

    // The history as the secretariat asks for it.
    let o = thidua(&["so", "xem", "--don-vi", "Lào Cai", "--so", s(&so)]);
    let t = text(&o);
    assert!(o.status.success(), "{t}");
    assert!(t.contains("LỊCH SỬ KHEN THƯỞNG CỦA BHXH TỈNH LÀO CAI"), "{t}");
    assert!(t.contains("BHXH tỉnh Lào Cai — Cờ thi đua của Chính phủ — Không được khen thưởng"), "{t}");
    assert!(
        t.contains("Cờ thi đua của Chính phủ — Được khen thưởng (Quyết định số 410/QĐ-TTg ngày 06/05/2022 của Thủ tướng Chính phủ)"),
        "{t}"
    );
    assert!(t.contains("2018 — Cụm thi đua cấp tỉnh số I: Cụm trưởng BHXH tỉnh Lào Cai; Cụm phó BHXH tỉnh Yên Bái"), "{t}");
    let o = thidua(&["so", "xem", "--cum", "cum-1", "--nam", "2019..2020", "--so", s(&so)]);
    let t = text(&o);
    assert!(t.contains("Năm 2019:") && t.contains("Năm 2020:") && !t.contains("Năm 2018:") && !t.contains("Năm 2021:"), "{t}");
    assert!(t.contains("2020 — Cụm thi đua cấp tỉnh số I: Cụm trưởng BHXH tỉnh Sơn La; Cụm phó BHXH tỉnh Hòa Bình"), "{t}");
    let o = thidua(&["so", "xem", "--don-vi", "Hải Dươngg", "--so", s(&so)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("Hải Dương"), "{}", text(&o));
}

#[test]
fn export_has_awards_by_year_and_a_native_chart() {
    use calamine::{open_workbook_auto, Reader};
    let d = tempfile::tempdir().unwrap();
    let so = history(d.path());
    let x = d.path().join("lich-su.xlsx");
    let o = thidua(&["so", "xem", "--cum", "cum-1", "--nam", "2016..2022", "--xlsx", s(&x), "--so", s(&so)]);
    assert!(o.status.success(), "{}", text(&o));
    let mut wb = open_workbook_auto(&x).unwrap();
    let by_year = wb.worksheet_range("Theo năm").unwrap();
    let row = |y: &str| -> Vec<String> {
        by_year.rows().find(|r| r[0] == y).unwrap_or_else(|| panic!("no row {y}")).iter().map(|c| c.to_string()).collect()
    };
    // 2019: both flags and the certificate granted; 2020: the BHXH flag only
    // (the Government flag and the certificate refused).
    assert_eq!(row("2019")[1..4], ["1", "1", "1"]);
    assert_eq!(row("2020")[1..4], ["1", "0", "0"]);
    assert_eq!(row("2017")[1..5], ["1", "0", "0", "1"]);
    let f = std::fs::File::open(&x).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let mut chart = String::new();
    std::io::Read::read_to_string(&mut z.by_name("xl/charts/chart1.xml").unwrap(), &mut chart).unwrap();
    assert!(chart.contains("<c:barChart>") && chart.contains("Theo năm"), "{chart}");
    // Same history, same bytes.
    let y = d.path().join("lich-su-2.xlsx");
    thidua(&["so", "xem", "--cum", "cum-1", "--nam", "2016..2022", "--xlsx", s(&y), "--so", s(&so)]);
    assert_eq!(std::fs::read(&x).unwrap(), std::fs::read(&y).unwrap());
}

#[test]
fn recording_again_changes_nothing() {
    let d = tempfile::tempdir().unwrap();
    let so = history(d.path());
    let before = std::fs::read(&so).unwrap();
    let o = thidua(&["so", "ghi", s(&d.path().join("out-2021")), "--so", s(&so)]);
    assert!(o.status.success());
    assert!(text(&o).contains("đã được ghi vào sổ") && text(&o).contains("trước đây; không ghi lại"), "{}", text(&o));
    let o = thidua(&["so", "quyet-dinh", &fixture("quyet-dinh-cum-1-2018-2021.xlsx"), "--so", s(&so)]);
    assert!(text(&o).contains("trước đây; không ghi lại"), "{}", text(&o));
    let o = thidua(&["so", "nhap", &fixture("khen-thuong-cac-nam-truoc.xlsx"), "--so", s(&so)]);
    assert!(text(&o).contains("trước đây; không ghi lại"), "{}", text(&o));
    assert!(std::fs::read(&so).unwrap() == before, "the register changed on a rerun");
    // A run reading the register never writes it.
    let o = thidua(&["run", s(&d.path().join("in-2022")), "--period", "2022", "--out", s(&d.path().join("o")), "--quiet", "--so", s(&so)]);
    assert!(o.status.code().unwrap() <= 1, "{}", text(&o));
    assert!(std::fs::read(&so).unwrap() == before, "a run changed the register");
}

#[test]
fn a_register_from_a_newer_version_is_refused_and_left_as_it_was() {
    let d = tempfile::tempdir().unwrap();
    let so = d.path().join("so.sqlite");
    let demo = d.path().join("in");
    let out = d.path().join("out");
    let (reg, rules) = earlier_editions(d.path());
    assert!(thidua(&["demo", "--out", s(&demo), "--period", "2021", "--cluster", "cum-1", "--registry", &reg]).status.success());
    assert!(
        thidua(&["run", s(&demo), "--period", "2021", "--out", s(&out), "--quiet", "--registry", &reg, "--rules", &rules])
            .status
            .code()
            .unwrap()
            <= 1
    );
    assert!(thidua(&["so", "ghi", s(&out), "--so", s(&so)]).status.success());
    {
        let c = rusqlite::Connection::open(&so).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = std::fs::read(&so).unwrap();
    for args in [
        vec!["so", "ghi", s(&out), "--so", s(&so)],
        vec!["so", "quyet-dinh", &fixture("quyet-dinh-cum-1-2018-2021.xlsx"), "--so", s(&so)],
        vec!["so", "xem", "--so", s(&so)],
    ] {
        let o = thidua(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o));
        assert!(text(&o).contains("được ghi bởi phiên bản thidua mới hơn (cấu trúc số 99"), "{}", text(&o));
        assert!(text(&o).contains("Sổ được giữ nguyên"), "{}", text(&o));
    }
    let o = thidua(&[
        "run",
        s(&demo),
        "--period",
        "2021",
        "--out",
        s(&d.path().join("o2")),
        "--quiet",
        "--so",
        s(&so),
        "--registry",
        &reg,
        "--rules",
        &rules,
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("Không dùng được sổ khen thưởng"), "{}", text(&o));
    assert!(std::fs::read(&so).unwrap() == before, "a newer register was modified");
    // A file that is not a register at all is refused too.
    let junk = d.path().join("khac.sqlite");
    std::fs::write(&junk, b"not a database, just text").unwrap();
    let o = thidua(&["so", "ghi", s(&out), "--so", s(&junk)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("không phải sổ khen thưởng"), "{}", text(&o));
    assert_eq!(std::fs::read(&junk).unwrap(), b"not a database, just text");
}

/// Start a recording that pauses inside its transaction; wait until it is there.
fn paused_recording(dir: &Path, so: &Path, out: &Path, marker: &Path, ms: u64) -> std::process::Child {
    let child = Command::new(bin())
        .args(["so", "ghi", s(out), "--so", s(so)])
        .env_remove("THIDUA_SO")
        .env("THIDUA_TEST_REGISTER_PAUSE", format!("{}:{ms}", marker.display()))
        .current_dir(dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while !marker.exists() {
        assert!(start.elapsed() < Duration::from_secs(60), "the recording never reached its transaction");
        std::thread::sleep(Duration::from_millis(20));
    }
    child
}

#[test]
fn a_killed_recording_leaves_the_register_as_it_was() {
    let d = tempfile::tempdir().unwrap();
    let so = history(d.path());
    let inbox = d.path().join("in-2022");
    let out = d.path().join("out-2022");
    assert!(thidua(&["run", s(&inbox), "--period", "2022", "--out", s(&out), "--quiet"]).status.code().unwrap() <= 1);
    let view = || text(&thidua(&["so", "xem", "--so", s(&so)]));
    let before = view();
    assert!(!before.contains("Năm 2022:"), "{before}");
    let marker = d.path().join("in-transaction");
    let mut child = paused_recording(d.path(), &so, &out, &marker, 60_000);
    child.kill().unwrap();
    child.wait().unwrap();
    // Nothing of 2022 is in the register; the next recording goes through.
    assert_eq!(view(), before);
    let o = thidua(&["so", "ghi", s(&out), "--so", s(&so)]);
    assert!(text(&o).contains("kết quả kỳ 2022: 6 đơn vị, 3 đề nghị"), "{}", text(&o));
    assert!(view().contains("Năm 2022:"));
}

#[test]
fn two_recordings_at_once_are_serialised() {
    let d = tempfile::tempdir().unwrap();
    let so = d.path().join("so.sqlite");
    let inbox = d.path().join("in");
    let out = d.path().join("out");
    assert!(thidua(&["demo", "--out", s(&inbox), "--period", "2022", "--cluster", "cum-1"]).status.success());
    assert!(thidua(&["run", s(&inbox), "--period", "2022", "--out", s(&out), "--quiet"]).status.code().unwrap() <= 1);
    let marker = d.path().join("in-transaction");
    // The first holds the register for two seconds; the second, started
    // meanwhile on the same results, waits for it, then finds them recorded.
    let first = paused_recording(d.path(), &so, &out, &marker, 2_000);
    let second = thidua(&["so", "ghi", s(&out), "--so", s(&so)]);
    let first = first.wait_with_output().unwrap();
    assert!(first.status.success() && second.status.success(), "{}\n{}", text(&first), text(&second));
    assert!(text(&first).contains("kết quả kỳ 2022: 6 đơn vị, 3 đề nghị"), "{}", text(&first));
    assert!(text(&second).contains("trước đây; không ghi lại"), "{}", text(&second));
    let c = rusqlite::Connection::open(&so).unwrap();
    let n: i64 = c.query_row("SELECT count(*) FROM proposal", [], |r| r.get(0)).unwrap();
    let r: i64 = c.query_row("SELECT count(*) FROM recording", [], |r| r.get(0)).unwrap();
    assert_eq!((n, r), (3, 1));
}

#[test]
fn register_checks_are_off_without_a_clause_and_warn_with_one() {
    let d = tempfile::tempdir().unwrap();
    let so = history(d.path());
    let inbox = d.path().join("in-2022");
    // Built-in rules: no clause supports either check, so neither warns.
    let out = d.path().join("a");
    thidua(&["run", s(&inbox), "--period", "2022", "--out", s(&out), "--quiet", "--so", s(&so)]);
    let bao_loi = std::fs::read_to_string(out.join("bao-loi.txt")).unwrap();
    assert!(!bao_loi.contains("sổ khen thưởng ghi"), "{bao_loi}");
    assert!(!bao_loi.contains("đã không được khen thưởng"), "{bao_loi}");
    // An office's rules file that cites its own provisions turns them on.
    let rules = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/rules/tong-ket-nam.toml")).unwrap();
    let rules = rules
        .replacen("id = \"refused-repeat\"\nclause = \"\"", "id = \"refused-repeat\"\nclause = \"Quy chế TĐKT của Cụm, Điều 7\"", 1)
        .replacen("years = 0\nat_least = 1\nclause = \"\"", "years = 3\nat_least = 1\nclause = \"Quy chế TĐKT của Cụm, Điều 8\"", 1);
    assert!(rules.contains("Điều 7") && rules.contains("Điều 8"));
    let file = d.path().join("quy-tac.toml");
    std::fs::write(&file, rules).unwrap();
    let out = d.path().join("b");
    let o = thidua(&["run", s(&inbox), "--period", "2022", "--out", s(&out), "--quiet", "--so", s(&so), "--rules", s(&file)]);
    assert!(o.status.code().unwrap() <= 1, "{}", text(&o));
    let bao_loi = std::fs::read_to_string(out.join("bao-loi.txt")).unwrap();
    // Điện Biên's certificate was refused in 2020 and is proposed again.
    assert!(bao_loi.contains("BHXH tỉnh Điện Biên: đề nghị Bằng khen của Tổng Giám đốc BHXH Việt Nam năm 2022; năm 2020 đề nghị Bằng khen của Tổng Giám đốc BHXH Việt Nam đã không được khen thưởng"), "{bao_loi}");
    assert!(bao_loi.contains("(Quy chế TĐKT của Cụm, Điều 7)"), "{bao_loi}");
    // Lai Châu: Government flag proposed, no BHXH flag in 2019–2021 (its 2017 flag is older).
    assert!(bao_loi.contains("BHXH tỉnh Lai Châu: đề nghị Cờ thi đua của Chính phủ năm 2022, nhưng sổ khen thưởng ghi Cờ thi đua của BHXH Việt Nam không có lần nào trong các năm 2019–2021"), "{bao_loi}");
    assert!(bao_loi.contains("(Quy chế TĐKT của Cụm, Điều 8)"), "{bao_loi}");
}

#[test]
fn forms_write_the_blank_decision_list_that_so_reads() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("forms");
    let o = thidua(&["forms", "--cluster", "cum-1", "--period", "2022", "--out", s(&f)]);
    assert!(o.status.success(), "{}", text(&o));
    let so = d.path().join("so.sqlite");
    for name in ["quyet-dinh-khen-thuong-2022.xlsx", "khen-thuong-cac-nam-truoc.xlsx"] {
        let p = f.join(name);
        assert!(p.is_file(), "{name} not written");
        // The blank form is recognised (its header row), and records nothing.
        let kind = if name.starts_with("quyet") { "quyet-dinh" } else { "nhap" };
        let o = thidua(&["so", kind, s(&p), "--so", s(&so)]);
        assert!(o.status.success(), "{name}: {}", text(&o));
        assert!(text(&o).contains("Đã ghi vào sổ") && text(&o).contains(": 0 "), "{name}: {}", text(&o));
    }
}
