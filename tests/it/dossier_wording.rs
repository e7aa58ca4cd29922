//! What testers read in the year-end dossier of Cụm thi đua cấp tỉnh số V
//! (`tests/fixtures/cum_5_2022`, seven members of which four are ranked,
//! Đà Nẵng's score partly verified): the minutes' ranking table says in
//! its note only what its columns do not, and its last row never goes to
//! a page alone; the Tờ trình names each form of award in full, says a
//! place as an officer would, counts in two digits like the quotas, and
//! does not give a collection rate the unit's own text gives already;
//! the summary names the collection the same way in every column.

use crate::common::Fixture;
use std::io::Read;

const CUM_5: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/cum_5_2022");

fn cum_5() -> Fixture {
    let f = Fixture::new();
    f.inbox_from(CUM_5);
    let (code, out) = f.run("2022");
    assert!(code <= 1, "{out}");
    f
}

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn between<'a>(s: &'a str, from: &str, to: &str) -> &'a str {
    let a = s.find(from).unwrap_or_else(|| panic!("no {from:?} in {s}"));
    let b = s[a..].find(to).map_or(s.len(), |b| a + b);
    &s[a..b]
}

fn document_xml(f: &Fixture, rel: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(f.out().join(rel)).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    xml
}

#[test]
fn the_minutes_ranking_note_says_only_what_the_columns_do_not_and_its_last_row_keeps_with_the_one_before() {
    let f = cum_5();
    let m = flat(&f.docx_text("ho-so/01-bien-ban-hop.docx"));
    let table = between(&m, "I. KẾT QUẢ CHẤM ĐIỂM", "II. ĐƠN VỊ");
    // The columns give the points that count and the cross-scores' average.
    assert!(table.contains("Điểm tự chấm (thẩm định) Bình quân điểm chấm chéo Tổng điểm Xếp hạng Ghi chú"), "{table}");
    assert!(!table.contains("bình quân điểm chấm chéo 1"), "{table}");
    assert!(!table.contains("Điểm tự chấm 7"), "{table}");
    assert!(!table.contains("(của 6 đơn vị chấm)"), "{table}");
    // Nghệ An, 76,50 of its own and 18,25 on average: nothing more to say.
    assert!(table.contains("2 BHXH tỉnh Nghệ An 76,50 18,25 94,75 2 3 BHXH tỉnh Hà Tĩnh"), "{table}");
    // Đà Nẵng: what was verified and the self-score sent, once.
    assert!(
        table.contains("96,75 1 Điểm thẩm định ở 2/8 tiêu chí, tự chấm ở các tiêu chí còn lại (tổng điểm tự chấm 79,00) 2 BHXH"),
        "{table}"
    );
    // Reasons stay whole.
    assert!(
        table.contains("Không xếp hạng: điểm chấm chéo chưa xác định (BHXH tỉnh Nghệ An gửi hai bảng chấm chéo ghi điểm khác nhau)"),
        "{table}"
    );
    // The ranking table's rows never split, and the row before the last is
    // kept with the last (keepNext in each of its paragraphs; the last is
    // kept with the heading after the table, as before), the rows above
    // are free to break between.
    let xml = document_xml(&f, "ho-so/01-bien-ban-hop.docx");
    let start = xml.find("I. KẾT QUẢ CHẤM ĐIỂM").unwrap();
    let tbl = &xml[start..];
    let tbl = &tbl[tbl.find("<w:tbl>").unwrap()..tbl.find("</w:tbl>").unwrap()];
    let rows: Vec<&str> = tbl.split("<w:tr>").skip(1).collect();
    assert_eq!(rows.len(), 8, "a header and seven members");
    assert!(rows.iter().all(|r| r.contains("<w:cantSplit/>")));
    let before_last = rows[6];
    assert_eq!(before_last.matches("<w:p>").count(), 7);
    assert_eq!(before_last.matches("<w:keepNext/>").count(), 7);
    assert!(rows[1..6].iter().all(|r| !r.contains("<w:keepNext/>")));
}

#[test]
fn the_to_trinh_names_forms_in_full_says_places_naturally_and_each_rate_once() {
    let f = cum_5();
    let t = flat(&f.docx_text("ho-so/02-to-trinh.docx"));
    // Four of the seven members ranked: said so, not "1/4".
    assert!(t.contains("xếp thứ 1 trong số 4/7 đơn vị của Cụm được xếp hạng (96,75 điểm)"), "{t}");
    assert!(!t.contains("1/4 đơn vị"), "{t}");
    // The persons' Bằng khen named as the collectives' is.
    let persons = between(&t, "II. CÁ NHÂN", "zzz-end");
    assert_eq!(persons.matches("Bằng khen của Tổng Giám đốc BHXH Việt Nam").count(), 4, "{persons}");
    assert_eq!(persons.matches("Bằng khen của Tổng Giám đốc").count(), 4, "{persons}");
    // Each row gives the rate once, in the list's words; Đà Nẵng's own
    // text ("Thu đạt 103,2 % kế hoạch") is in its report, not in the list.
    let collectives = between(&t, "I. TẬP THỂ", "II. CÁ NHÂN");
    assert_eq!(collectives.matches("thu BHXH, BHTN, BHYT đạt 103,20 % kế hoạch").count(), 2, "{collectives}");
    assert!(!collectives.contains("Thu đạt 103,2 % kế hoạch"), "{collectives}");
    let reports = f.out().join("ho-so/bao-cao-thanh-tich");
    let report = std::fs::read_dir(&reports)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("da-nang"))
        .expect("Đà Nẵng's report");
    let report = thidua::render::docx::document_text(&std::fs::read(report).unwrap()).unwrap().replace('\u{a0}', " ");
    assert!(report.contains("Thu đạt 103,2 % kế hoạch"), "{report}");
    // The minutes name the persons' form the same way.
    let m = flat(&f.docx_text("ho-so/01-bien-ban-hop.docx"));
    assert!(m.contains("do các đơn vị thành viên đề nghị (Bằng khen của Tổng Giám đốc BHXH Việt Nam: Lê Văn Thành"), "{m}");
}

#[test]
fn counts_of_collectives_and_persons_are_written_in_two_digits_like_the_quotas() {
    let f = cum_5();
    let t = flat(&f.docx_text("ho-so/02-to-trinh.docx"));
    assert!(t.contains("khen thưởng cho 01 tập thể, 02 lượt khen thưởng và 05 cá nhân có thành tích xuất sắc"), "{t}");
    assert!(t.contains("I. TẬP THỂ (01 tập thể, 02 lượt khen thưởng)"), "{t}");
    assert!(t.contains("II. CÁ NHÂN (05 người)"), "{t}");
    let m = flat(&f.docx_text("ho-so/01-bien-ban-hop.docx"));
    assert!(m.contains("Hội nghị thống nhất đề nghị khen thưởng 05 cá nhân do các đơn vị thành viên đề nghị"), "{m}");
}

#[test]
fn the_summary_names_the_collection_alike_in_the_figures_and_the_rates() {
    use calamine::{Data, Reader};
    let f = cum_5();
    let mut wb = calamine::open_workbook_auto(f.out().join("tong-hop.xlsx")).unwrap();
    let t = wb.worksheet_range("Tổng hợp").unwrap();
    let heads: Vec<String> = (0..t.width())
        .filter_map(|c| match t.get((0, c)) {
            Some(Data::String(s)) => Some(s.clone()),
            _ => None,
        })
        .collect();
    let thu: Vec<&String> = heads.iter().filter(|h| h.starts_with("Thu ")).collect();
    assert!(thu.len() >= 5, "{heads:?}");
    assert!(thu.iter().all(|h| h.starts_with("Thu BHXH, BHTN, BHYT")), "{heads:?}");
    assert!(heads.iter().any(|h| h == "Thu BHXH, BHTN, BHYT: tỷ lệ so với kế hoạch"), "{heads:?}");
}

/// Cụm III's leader on points, Vĩnh Phúc, was not on the ballot for the
/// flag: its eligibility row says it has no new model. The minutes say
/// why, with the flag's standard and its clause (they had said only that
/// it was not put forward, which reads as the meeting passing it over).
#[test]
fn a_leader_not_on_the_ballot_is_given_its_reason() {
    let f = Fixture::new();
    f.inbox_from("../../samples/2022-tong-ket-cum-3");
    let (code, out) = f.run("2022");
    assert!(code <= 1, "{out}");
    let text = flat(&f.docx_text("ho-so/01-bien-ban-hop.docx"));
    assert!(
        text.contains("BHXH tỉnh Vĩnh Phúc không được giới thiệu bỏ phiếu Cờ thi đua do chưa đạt tiêu chuẩn Cờ thi đua của BHXH Việt Nam về nhân tố mới, mô hình mới theo Hướng dẫn 3636/HD-BHXH, mục B.II.1"),
        "{text}"
    );
}
