//! Individuals and central units of Công văn 1371/BHXH-TĐKT (mục B.III.1,
//! B.III.3, B.IV, B.V.2), end to end through the binary: lists typed in other
//! layouts than the tool's forms (written here, or committed fixtures made
//! with openpyxl, see tests/fixtures/README.md), decisions checked in
//! ket-qua.json, the tờ trình, the summary sheets and bao-loi.txt.

use crate::common::{good, with, Fixture};
use calamine::{Data, Reader};
use rust_xlsxwriter::{Format, Workbook};
use serde_json::Value;
use thidua::model::{Num, Period};

const Q3: Period = Period::Quarter { year: 2022, q: 3 };
const Q4: Period = Period::Quarter { year: 2022, q: 4 };

/// Four provinces in two clusters (a national run): the first three lead in
/// collection and take the comprehensive award (quota 03); the fourth takes
/// the three field awards in their place; Hà Giang misses the threshold.
fn provinces(f: &Fixture, period: Period) {
    let base = match period {
        Period::Quarter { q: 4, .. } => {
            let mut g = good();
            for k in ["bhxh_bb", "bhxh_tn", "bhyt"] {
                g.insert(format!("{k}.luy_ke"), Num::int(12_100));
            }
            g.insert("thu.luy_ke".into(), Num::int(10_900));
            g
        }
        _ => good(),
    };
    let thu = |v: i64| with(base.clone(), &[("thu.luy_ke", Num::int(v))]);
    f.province("ha-nam.xlsx", "BHXH tỉnh Hà Nam", period, thu(base["thu.luy_ke"].to_f64() as i64 + 500));
    f.province("bac-ninh.xlsx", "Bắc Ninh", period, thu(base["thu.luy_ke"].to_f64() as i64 + 400));
    f.province("da-nang.xlsx", "Đà Nẵng", period, thu(base["thu.luy_ke"].to_f64() as i64 + 300));
    f.province("khanh-hoa.xlsx", "Khánh Hòa", period, thu(base["thu.luy_ke"].to_f64() as i64 + 200));
    f.province("ha-giang.xlsx", "Hà Giang", period, thu(5_000));
}

/// An individuals' list as a Vụ officer retypes it: title rows, the unit
/// before the name, "Hình thức khen thưởng", "Tóm tắt thành tích".
fn people(f: &Fixture, file: &str, title: &str, rows: &[(&str, &str, &str, &str)]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Danh sach").unwrap();
    let bold = Format::new().set_bold();
    ws.write_string_with_format(0, 0, "BẢO HIỂM XÃ HỘI VIỆT NAM", &bold).unwrap();
    ws.write_string_with_format(1, 1, title, &bold).unwrap();
    for (c, h) in ["TT", "Đơn vị công tác", "Họ và tên", "Chức vụ", "Hình thức khen thưởng", "Tóm tắt thành tích"].iter().enumerate()
    {
        ws.write_string_with_format(3, c as u16, *h, &bold).unwrap();
    }
    for (i, (unit, name, form, ach)) in rows.iter().enumerate() {
        let r = 4 + i as u32;
        ws.write_number(r, 0, (i + 1) as f64).unwrap();
        ws.write_string(r, 1, *unit).unwrap();
        ws.write_string(r, 2, *name).unwrap();
        ws.write_string(r, 3, "Chuyên viên").unwrap();
        ws.write_string(r, 4, *form).unwrap();
        ws.write_string(r, 5, *ach).unwrap();
    }
    std::fs::write(f.inbox().join(file), wb.save_to_buffer().unwrap()).unwrap();
}

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nominations").join(name)
}

fn person<'a>(j: &'a Value, name: &str) -> &'a Value {
    let all: Vec<&Value> = j["individuals"].as_array().unwrap().iter().filter(|i| i["full_name"] == name).collect();
    assert!(!all.is_empty(), "no individual {name}");
    all[0]
}

fn kinds_of<'a>(j: &'a Value, name: &str) -> Vec<&'a str> {
    j["individuals"].as_array().unwrap().iter().filter(|i| i["full_name"] == name).map(|i| i["kind"].as_str().unwrap()).collect()
}

/// Cells of a sheet of tong-hop.xlsx, as text.
fn sheet(f: &Fixture, name: &str) -> Vec<Vec<String>> {
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(f.out().join("tong-hop.xlsx")).unwrap();
    let range = wb.worksheet_range(name).unwrap_or_else(|e| panic!("no sheet {name}: {e}"));
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Float(v) => v.to_string(),
                    Data::Int(v) => v.to_string(),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

fn quarter_inbox() -> Fixture {
    let f = Fixture::new();
    provinces(&f, Q3);
    let b = "Bằng khen";
    people(
        &f,
        "ca-nhan.xlsx",
        "DANH SÁCH CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG QUÝ III/2022",
        &[
            ("Hà Nam", "Nguyễn Văn Một", b, "Chỉ đạo thu đạt 95 % kế hoạch"),
            ("Hà Nam", "Nguyễn Văn Hai", "Bằng khen của Tổng Giám đốc", "Vượt chỉ tiêu"),
            ("Hà Nam", "Nguyễn Văn Ba", b, "Vượt chỉ tiêu"),
            ("Hà Nam", "Nguyễn Văn Bốn", b, "Vượt chỉ tiêu"),
            ("Hà Nam", "Nguyễn Văn Năm", b, "Vượt chỉ tiêu"),
            ("Hà Nam", "Nguyễn Văn Sáu", b, "Vượt chỉ tiêu"),
            // The same person again, typed with decomposed marks and a double space.
            ("BHXH tỉnh Hà Nam", "Nguye\u{302}\u{303}n  Văn Một", b, "trùng"),
            ("Khánh Hòa", "Lê Thị Một", b, "Sáng kiến đối soát hộ gia đình"),
            ("Khánh Hòa", "Lê Thị Hai", b, "x"),
            ("Khánh Hòa", "Lê Thị Ba", b, "x"),
            ("Khánh Hòa", "Lê Thị Bốn", b, "x"),
            ("Hà Giang", "Trần Văn Giang", b, "Đơn vị không được khen"),
            ("Bắc Ninh", "Phạm Thị Ninh", "Chiến sĩ thi đua ngành", "Sai hình thức"),
            ("BHXH huyện Kim Bảng", "Đinh Văn Huyện", b, "Ngoài phạm vi"),
            ("Ban Quản lý Thu - Sổ, Thẻ", "Bùi Văn Ban", b, "Tham mưu"),
            ("Ban Quản lý Thu - Sổ, Thẻ", "Bùi Văn Hai", b, "Tham mưu"),
            ("Ban Quản lý Thu - Sổ, Thẻ", "Bùi Văn Ba", b, "Tham mưu"),
            ("Vụ Thanh tra - Kiểm tra", "Võ Văn Tra", b, "Đơn vị ngoài số lượng"),
        ],
    );
    std::fs::copy(fixture("de-cu-co-thu-tu.xlsx"), f.inbox().join("de-cu.xlsx")).unwrap();
    f
}

#[test]
fn every_valid_person_is_decided_against_the_units_award_and_quota() {
    let f = quarter_inbox();
    let (code, out) = f.run("2022-Q3");
    assert_eq!(code, 1, "problems in the lists make exit code 1: {out}");
    let j = f.json();
    assert_eq!(j["decisions"].as_array().unwrap().iter().filter(|d| d["award"] == "toan-dien" && d["kind"] == "proposed").count(), 3);
    // Hà Nam (comprehensive): 05 people, the sixth cut with the arithmetic.
    for n in ["Nguyễn Văn Một", "Nguyễn Văn Hai", "Nguyễn Văn Ba", "Nguyễn Văn Bốn", "Nguyễn Văn Năm"] {
        assert_eq!(person(&j, n)["kind"], "proposed", "{n}");
        assert_eq!(person(&j, n)["award"], "Bằng khen của Tổng Giám đốc BHXH Việt Nam");
    }
    let sixth = person(&j, "Nguyễn Văn Sáu");
    assert_eq!(sixth["kind"], "cut-by-quota");
    let why = sixth["reason"].as_str().unwrap();
    assert!(why.contains("thứ 6 trong danh sách của đơn vị"), "{why}");
    assert!(why.contains("tối đa 05 cá nhân"), "{why}");
    assert!(why.contains("05 suất đã dành cho Nguyễn Văn Một, Nguyễn Văn Hai, Nguyễn Văn Ba, Nguyễn Văn Bốn, Nguyễn Văn Năm"), "{why}");
    assert!(why.contains("Công văn 1371/BHXH-TĐKT, mục B.IV.1.b"), "{why}");
    // The duplicate holds no second slot and is reported at its cell.
    assert_eq!(kinds_of(&j, "Nguyễn Văn Một"), ["proposed", "excluded"], "the NFD copy is the same person, listed once more");
    let copy = j["individuals"].as_array().unwrap().iter().filter(|i| i["full_name"] == "Nguyễn Văn Một").nth(1).unwrap();
    assert!(copy["reason"].as_str().unwrap().contains("trùng với người đã ghi ở"), "{copy}");
    let problems = j["problems"].as_array().unwrap();
    let at = |code: &str| problems.iter().find(|p| p["code"] == code).unwrap_or_else(|| panic!("no problem {code}: {problems:?}"));
    assert_eq!(at("duplicate-person")["location"]["cell"], "C11");
    // Khánh Hòa takes the three field awards: one list of at most 03, not 09.
    assert_eq!(kinds_of(&j, "Lê Thị Ba"), ["proposed"]);
    let fourth = person(&j, "Lê Thị Bốn");
    assert_eq!(fourth["kind"], "cut-by-quota");
    let why = fourth["reason"].as_str().unwrap();
    assert!(why.contains("được đề nghị 3 hình thức khen thưởng tập thể") && why.contains("tối đa 03 cá nhân"), "{why}");
    // Hà Giang is not awarded: no individual, and the unit cell says why.
    let g = person(&j, "Trần Văn Giang");
    assert_eq!(g["kind"], "not-qualified");
    assert!(g["reason"].as_str().unwrap().contains("chỉ lựa chọn cá nhân thuộc đơn vị được khen thưởng"));
    assert_eq!(at("unit-not-awarded")["location"]["cell"], "B16");
    // A form the campaign does not give: error at the form cell.
    // The person is not decided yet ("Chưa xét"), and bao-loi says how to mend it.
    assert_eq!(person(&j, "Phạm Thị Ninh")["kind"], "deferred");
    let bad = at("bad-form");
    assert_eq!(bad["location"]["cell"], "E17");
    let said = bad["message"].as_str().unwrap();
    assert!(said.contains("\"Chiến sĩ thi đua ngành\" không có trong phong trào") && said.ends_with("rồi chạy lại."), "{said}");
    // A district unit is outside this national review of provinces.
    assert_eq!(person(&j, "Đinh Văn Huyện")["kind"], "excluded");
    assert_eq!(at("out-of-scope")["location"]["cell"], "B18");
    // A central unit proposed (order 1): 02 people, the third cut.
    assert_eq!(kinds_of(&j, "Bùi Văn Hai"), ["proposed"]);
    let ban3 = person(&j, "Bùi Văn Ba");
    assert_eq!(ban3["kind"], "cut-by-quota");
    assert!(ban3["reason"].as_str().unwrap().contains("tối đa 02 cá nhân"));
    // A central unit outside the quota proposes no one.
    assert_eq!(person(&j, "Võ Văn Tra")["kind"], "not-qualified");
    // bao-loi.txt names each at its cell.
    let bao_loi = std::fs::read_to_string(f.out().join("bao-loi.txt")).unwrap();
    assert!(bao_loi.contains("ô E17") && bao_loi.contains("ô C11") && bao_loi.contains("ô B18"), "{bao_loi}");
    // The minutes record the persons the Tờ trình proposes, agreed at the
    // meeting, not only the collectives.
    let tt = f.docx_text("ho-so/01-to-trinh.docx");
    let minutes = f.docx_text("ho-so/02-bien-ban.docx").replace('\n', " ");
    let proposed = j["individuals"].as_array().unwrap().iter().filter(|i| i["kind"] == "proposed").count();
    assert!(tt.contains(&format!("{proposed} cá nhân")), "{tt}");
    assert!(
        minutes.contains(&format!("theo danh sách trên và {proposed} cá nhân (Bằng khen của Tổng Giám đốc BHXH Việt Nam: ")),
        "{minutes}"
    );
    for n in ["Nguyễn Văn Năm", "Lê Thị Ba", "Bùi Văn Hai"] {
        assert!(minutes.contains(n), "{n}: {minutes}");
    }
    assert!(!minutes.contains("Nguyễn Văn Sáu"), "{minutes}");
}

#[test]
fn central_units_are_proposed_in_the_proposers_order_under_the_quarter_quota() {
    let f = quarter_inbox();
    f.run("2022-Q3");
    let j = f.json();
    let d = |unit: &str| crate::common::decision(&j, unit, "don-vi-truc-thuoc").clone();
    assert_eq!(d("tw.ban-quan-ly-thu-so-the")["kind"], "proposed");
    assert_eq!(d("tw.trung-tam-truyen-thong")["kind"], "proposed");
    let cut = d("tw.vu-thanh-tra-kiem-tra");
    assert_eq!(cut["kind"], "cut-by-quota");
    let why = cut["reason"].as_str().unwrap();
    assert!(why.contains("số lượng tối đa 02 tập thể") && why.contains("đã dành cho Ban Quản lý Thu"), "{why}");
    // A province in the central list is refused at its cell.
    let p = j["problems"].as_array().unwrap().iter().find(|p| p["code"] == "not-central").unwrap();
    assert_eq!(p["location"]["cell"], "B9");
    let q = j["quotas"].as_array().unwrap().iter().find(|q| q["award"] == "don-vi-truc-thuoc").unwrap();
    assert_eq!((q["limit"].as_u64(), q["proposed"].as_array().unwrap().len(), q["cut"].as_array().unwrap().len()), (Some(2), 2, 1));
    // The tờ trình proposes them with their achievement, and people.
    let tt = f.docx_text("ho-so/01-to-trinh.docx");
    assert!(tt.contains("Trung tâm Truyền thông") && tt.contains("Tổ chức truyền thông cao điểm BHXH tự nguyện"), "{tt}");
    assert!(tt.contains("Nguyễn Văn Năm") && tt.contains("Bùi Văn Hai"));
    assert!(!tt.contains("Võ Văn Tra") || tt.contains("PHỤ LỤC"));
    // The annex shows who was cut and why.
    let annex = &tt[tt.find("PHỤ LỤC").expect("annex")..];
    assert!(annex.contains("Nguyễn Văn Sáu") && annex.contains("05 suất đã dành cho"), "{annex}");
    assert!(annex.contains("Lê Thị Bốn") && annex.contains("Trần Văn Giang"));
    // A line refused for its form is named there too, as not yet decided,
    // without the instruction meant for the officer running the tool; the
    // second line of one person and a unit outside the review are not.
    let ninh = &annex[annex.find("Phạm Thị Ninh").expect("the refused line is in the annex")..];
    assert!(ninh.contains("Chưa xét") && ninh.contains("không có trong phong trào"), "{ninh}");
    assert!(!annex.contains("chạy lại") && !annex.contains("Đinh Văn Huyện") && !annex.contains("trùng với"), "{annex}");
    // Each proposed person and central unit has its report, signed by the unit.
    let r = f.docx_text("ho-so/bao-cao-tom-tat-ca-nhan/01-ha-nam-nguyen-van-mot.docx");
    assert!(r.contains("BÁO CÁO TÓM TẮT THÀNH TÍCH") && r.contains("Nguyễn Văn Một") && r.contains("Chỉ đạo thu đạt 95 % kế hoạch"), "{r}");
    assert!(r.contains("Đề nghị tặng Bằng khen của Tổng Giám đốc BHXH Việt Nam Quý III/2022") && r.contains("GIÁM ĐỐC"));
    assert!(r.contains("Đơn vị được đề nghị khen thưởng toàn diện"), "{r}");
    // Signed by Hà Nam's BHXH: its sign, as its collective report has.
    assert!(r.contains("Số: ……/BC-BHXH"), "{r}");
    let c = f.docx_text("ho-so/bao-cao-tom-tat-don-vi-truc-thuoc/01-tw-ban-quan-ly-thu-so-the.docx");
    assert!(c.contains("Tham mưu giao kế hoạch thu") && c.contains("THỦ TRƯỞNG ĐƠN VỊ") && c.contains("Vụ Thi đua - Khen thưởng"), "{c}");
    // No report for a person not proposed.
    let listed: Vec<String> = std::fs::read_dir(f.out().join("ho-so/bao-cao-tom-tat-ca-nhan"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into())
        .collect();
    assert_eq!(listed.len(), 5 + 3 + 2, "{listed:?}");
    assert!(!listed.iter().any(|n| n.contains("nguyen-van-sau")));
}

#[test]
fn the_summary_has_a_sheet_of_individuals_and_of_nominations() {
    let f = quarter_inbox();
    f.run("2022-Q3");
    let rows = sheet(&f, "Cá nhân");
    assert_eq!(rows[0][..7], ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Hình thức", "Kết quả", "Lý do"]);
    let sau = rows.iter().find(|r| r[1] == "Nguyễn Văn Sáu").unwrap();
    assert_eq!(sau[3], "BHXH tỉnh Hà Nam");
    assert_eq!(sau[5], "Đủ tiêu chí, ngoài số lượng");
    assert!(sau[6].contains("tối đa 05 cá nhân"));
    let n = sheet(&f, "Đề cử");
    let tra = n.iter().find(|r| r[2] == "Vụ Thanh tra - Kiểm tra").unwrap();
    assert_eq!((tra[4].as_str(), tra[6].as_str()), ("3", "Đủ tiêu chí, ngoài số lượng"));
}

#[test]
fn without_an_order_an_overflow_of_central_units_goes_to_the_council() {
    let f = Fixture::new();
    provinces(&f, Q3);
    std::fs::copy(fixture("de-cu-khong-thu-tu.xlsx"), f.inbox().join("de-cu.xlsx")).unwrap();
    f.run("2022-Q3");
    let j = f.json();
    for u in ["tw.ban-quan-ly-thu-so-the", "tw.trung-tam-truyen-thong", "tw.vu-thanh-tra-kiem-tra"] {
        let d = crate::common::decision(&j, u, "don-vi-truc-thuoc");
        assert_eq!(d["kind"], "tied-at-quota", "{u}");
        assert!(d["reason"].as_str().unwrap().contains("vượt số lượng tối đa 02 tập thể"));
        assert!(d["reason"].as_str().unwrap().contains("Hội đồng Thi đua - Khen thưởng xem xét, lựa chọn"));
    }
    let q = j["quotas"].as_array().unwrap().iter().find(|q| q["award"] == "don-vi-truc-thuoc").unwrap();
    assert_eq!(q["tied_at_edge"].as_array().unwrap().len(), 3);
    assert!(q["note"].as_str().unwrap().contains("Hội đồng quyết định"));
}

#[test]
fn a_cluster_run_does_not_decide_central_units_or_people_of_other_clusters() {
    let f = Fixture::new();
    f.province("ha-nam.xlsx", "Hà Nam", Q3, good());
    f.province("bac-ninh.xlsx", "Bắc Ninh", Q3, with(good(), &[("thu.luy_ke", Num::int(9_100))]));
    people(
        &f,
        "ca-nhan.xlsx",
        "Quý III/2022",
        &[("Hà Nam", "Ngô Văn Cụm", "Bằng khen", "x"), ("Đà Nẵng", "Ngô Văn Khác", "Bằng khen", "x")],
    );
    std::fs::copy(fixture("de-cu-co-thu-tu.xlsx"), f.inbox().join("de-cu.xlsx")).unwrap();
    f.run("2022-Q3");
    let j = f.json();
    assert_eq!(j["scope"]["kind"], "cluster");
    // Within the cluster, a province's people follow it to the national review.
    assert_eq!(person(&j, "Ngô Văn Cụm")["kind"], "candidate");
    assert_eq!(person(&j, "Ngô Văn Khác")["kind"], "excluded");
    assert!(j["decisions"].as_array().unwrap().iter().all(|d| d["award"] != "don-vi-truc-thuoc"));
    assert!(j["problems"].as_array().unwrap().iter().any(|p| p["code"] == "out-of-scope" && p["location"]["file"] == "de-cu.xlsx"));
}

#[test]
fn year_end_quotas_and_the_proposals_from_outside_the_sector() {
    let f = Fixture::new();
    provinces(&f, Q4);
    let names: Vec<String> = (1..=11).map(|i| format!("Hoàng Văn Số {i:02}")).collect();
    let mut rows: Vec<(&str, &str, &str, &str)> =
        names.iter().map(|n| ("Hà Nam", n.as_str(), "Bằng khen của Tổng Giám đốc BHXH Việt Nam", "x")).collect();
    rows.extend([("Khánh Hòa", "Kiều Thị Một", "Bằng khen", "x")]);
    for i in 1..=6 {
        rows.push((
            "Khánh Hòa",
            ["Kiều Thị Hai", "Kiều Thị Ba", "Kiều Thị Bốn", "Kiều Thị Năm", "Kiều Thị Sáu", "Kiều Thị Bảy"][i - 1],
            "Bằng khen",
            "x",
        ));
    }
    for n in ["Bùi Thị A", "Bùi Thị B", "Bùi Thị C", "Bùi Thị D"] {
        rows.push(("Ban Quản lý Thu - Sổ, Thẻ", n, "Bằng khen", "x"));
    }
    people(&f, "ca-nhan.xlsx", "DANH SÁCH CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG NĂM 2022", &rows);
    // Four central units in order: 03 at year end (mục B.IV.2.a).
    std::fs::copy(fixture("de-cu-co-thu-tu.xlsx"), f.inbox().join("de-cu.xlsx")).unwrap();
    std::fs::copy(fixture("ngoai-nganh.xlsx"), f.inbox().join("ngoai-nganh.xlsx")).unwrap();
    let (code, out) = f.run("2022");
    assert!(code == 1, "{out}");
    let j = f.json();
    // Comprehensive: 10 individuals; the eleventh cut (mục B.IV.2.b).
    assert_eq!(person(&j, "Hoàng Văn Số 10")["kind"], "proposed");
    let eleventh = person(&j, "Hoàng Văn Số 11");
    assert_eq!(eleventh["kind"], "cut-by-quota");
    assert!(eleventh["reason"].as_str().unwrap().contains("tối đa 10 cá nhân"));
    assert!(eleventh["reason"].as_str().unwrap().contains("mục B.IV.2.b"));
    // Field awards: 05 per province.
    assert_eq!(person(&j, "Kiều Thị Năm")["kind"], "proposed");
    assert_eq!(person(&j, "Kiều Thị Sáu")["kind"], "cut-by-quota");
    // Central units: 03, then 03 people each.
    let d = |u: &str| crate::common::decision(&j, u, "don-vi-truc-thuoc")["kind"].clone();
    assert_eq!(d("tw.vu-thanh-tra-kiem-tra"), "proposed");
    assert_eq!(person(&j, "Bùi Thị C")["kind"], "proposed");
    assert_eq!(person(&j, "Bùi Thị D")["kind"], "cut-by-quota");
    // Outside the sector: listed as proposed, without a quota.
    let outside: Vec<&Value> = j["nominations"].as_array().unwrap().iter().filter(|n| n["kind"] == "ngoai-nganh").collect();
    assert_eq!(outside.len(), 2);
    assert!(outside.iter().all(|n| n["decision"] == "proposed" && n["proposer"] == "Ban Quản lý Thu, Sổ - Thẻ"));
    let tt = f.docx_text("ho-so/01-to-trinh.docx");
    assert!(tt.contains("III. TẬP THỂ, CÁ NHÂN NGOÀI NGÀNH (2)"), "{tt}");
    assert!(tt.contains("Theo đề xuất của Ban Quản lý Thu, Sổ - Thẻ (Công văn 1371/BHXH-TĐKT, mục B.IV.2.c)"));
    assert!(tt.contains("Sở Lao động - Thương binh và Xã hội tỉnh Hà Nam") && tt.contains("Phó Chủ tịch UBND huyện Kim Bảng"));
}

#[test]
fn the_quarterly_individuals_form_offers_only_the_campaigns_form() {
    let dir = tempfile::tempdir().unwrap();
    let reg = thidua::registry::Registry::builtin();
    let files = thidua::forms::write_forms(reg, reg.cluster("cum-3").unwrap(), &Q3, dir.path()).unwrap();
    let path = files.iter().find(|p| p.to_string_lossy().contains("ca-nhan-de-nghi")).unwrap();
    let bytes = std::fs::read(path).unwrap();
    let xml = {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut s = String::new();
        std::io::Read::read_to_string(&mut z.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut s).unwrap();
        s
    };
    assert!(xml.contains("Bằng khen của Tổng Giám đốc BHXH Việt Nam"), "{xml}");
    assert!(!xml.contains("Chiến sĩ thi đua ngành") && !xml.contains("Giấy khen"));
    assert!(files.iter().any(|p| p.to_string_lossy().contains("de-cu-don-vi-truc-thuoc")));
}

/// Cụm IV's Quý IV/2022 as a tester filled it (tests/fixtures/cum_4_q4_officers):
/// the people of a unit whose result is not determined (a note typed in a
/// figure cell, a figure left blank, nothing sent) are not decided either,
/// rather than listed as of a unit not awarded; the Tờ trình's annex gives
/// each row's reason in a few words and the rule behind it once.
#[test]
fn people_of_a_unit_not_yet_decided_are_not_decided_and_the_annex_says_each_rule_once() {
    let f = Fixture::new();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cum_4_q4_officers");
    std::fs::create_dir_all(f.inbox()).unwrap();
    for e in std::fs::read_dir(&src).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x != "py") {
            std::fs::copy(&p, f.inbox().join(p.file_name().unwrap())).unwrap();
        }
    }
    let (code, out) = f.run("2022-Q4");
    assert!(code <= 1, "{out}");
    let j = f.json();
    // Quảng Ninh's T7 holds a note, not a number: its result is open.
    assert_eq!(person(&j, "Nguyễn Thị Thu Hà")["kind"], "not-assessable");
    // Ninh Bình sent nothing.
    assert_eq!(person(&j, "Hoàng Minh Tuấn")["kind"], "not-assessable");
    // Hải Dương's figures are all there and it is not awarded.
    assert_eq!(person(&j, "Phạm Văn Long")["kind"], "not-qualified");
    let tt = f.docx_text("ho-so/01-to-trinh.docx");
    let annex = &tt[tt.find("CÁ NHÂN ĐƠN VỊ ĐỀ NGHỊ").expect("annex")..];
    assert!(annex.contains("Nguyễn Thị Thu Hà"), "{annex}");
    assert!(annex.contains("Kết quả khen thưởng Quý IV/2022 của đơn vị chưa xác định được"), "{annex}");
    assert!(annex.contains("Đơn vị không được đề nghị khen thưởng Quý IV/2022"), "{annex}");
    assert!(!annex.contains("Không đạt tiêu chí"), "{annex}");
    for rule in [
        "chưa xét khen thưởng cá nhân của đơn vị",
        "Chỉ lựa chọn cá nhân thuộc đơn vị được khen thưởng (Công văn 1371/BHXH-TĐKT, mục B.IV.1.b)",
        "Phong trào khen thưởng cá nhân bằng hình thức \"Bằng khen của Tổng Giám đốc BHXH Việt Nam\"",
    ] {
        assert_eq!(annex.matches(rule).count(), 1, "{rule}: {annex}");
    }
    let bao_loi = std::fs::read_to_string(f.out().join("bao-loi.txt")).unwrap();
    assert!(
        bao_loi.contains(
            "Nguyễn Thị Thu Hà (BHXH tỉnh Quảng Ninh): kết quả khen thưởng Quý IV/2022 của BHXH tỉnh Quảng Ninh chưa xác định được"
        ),
        "{bao_loi}"
    );
}
