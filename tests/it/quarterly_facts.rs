//! The facts of the quarterly dossier as the signing officer reads them
//! (issue 13, SPEC §14): collectives and awards counted apart, one report
//! per unit covering every award proposed for it, the units outside the
//! quota in one table with the quota said once, Nơi nhận where it belongs and
//! ending in ".", no-break spaces where a line must not break, the header
//! column set on lines. Built on the national quarterly demo inbox, where one
//! province holds three of the twelve awards.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn thidua(args: &[&str]) -> std::process::Output {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_thidua")).args(args).output().unwrap();
    assert!(o.status.code().unwrap_or(9) <= 1, "thidua {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    o
}

/// The national quarterly dossier of the demo inbox, written once for all
/// the tests of this module.
fn dossier() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let d = tempfile::tempdir().unwrap();
        let inbox = d.path().join("hop-thu");
        let out = d.path().join("ket-qua");
        thidua(&["demo", "--out", inbox.to_str().unwrap(), "--period", "2022-Q3"]);
        thidua(&["run", inbox.to_str().unwrap(), "--out", out.to_str().unwrap(), "-q", "--ngay", "2022-10-05"]);
        (d, out)
    })
    .1
}

fn text(rel: &str) -> String {
    thidua::render::docx::document_text(&std::fs::read(dossier().join(rel)).unwrap()).unwrap()
}

fn results() -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(dossier().join("ket-qua.json")).unwrap()).unwrap()
}

/// (unit id, unit name, award name) of every proposed award.
fn proposed() -> Vec<(String, String, String)> {
    results()["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"] == "proposed")
        .map(|d| (d["unit"].as_str().unwrap().into(), d["name"].as_str().unwrap().into(), d["award_name"].as_str().unwrap().into()))
        .collect()
}

fn reports() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dossier().join("ho-so/bao-cao-tom-tat")).unwrap().map(|e| e.unwrap().path()).collect();
    v.sort();
    v
}

#[test]
fn the_to_trinh_counts_collectives_and_awards_apart() {
    let p = proposed();
    let units: BTreeSet<&str> = p.iter().map(|x| x.0.as_str()).collect();
    assert!(units.len() < p.len(), "the demo has a unit holding several awards: {} units, {} awards", units.len(), p.len());
    let t = text("ho-so/01-to-trinh.docx").replace('\u{a0}', " ");
    let said = format!("khen thưởng {} tập thể, {} lượt khen thưởng", units.len(), p.len());
    assert!(t.contains(&said), "«{said}» in:\n{t}");
    assert!(!t.contains(&format!("{} tập thể có", p.len())), "{t}");
    // The list is an annex after the signature, one row per award.
    let annex = t.split("PHỤ LỤC").nth(1).expect("an annex");
    assert!(t.find("xem xét, quyết định./.").unwrap() < t.find("PHỤ LỤC").unwrap());
    for (_, name, award) in &p {
        assert!(annex.contains(&format!("{name}\n\t{award}")), "{name}, {award} in the annex:\n{annex}");
    }
    let b = text("ho-so/02-bien-ban.docx").replace('\u{a0}', " ");
    assert!(b.contains(&format!("đề nghị khen thưởng {} tập thể, {} lượt khen thưởng", units.len(), p.len())), "{b}");
    assert!(!b.contains("lượt tập thể"), "{b}");
}

#[test]
fn each_report_covers_every_award_of_its_unit_and_has_no_noi_nhan() {
    let p = proposed();
    let units: BTreeSet<&str> = p.iter().map(|x| x.0.as_str()).collect();
    let files = reports();
    assert_eq!(files.len(), units.len(), "one report per unit: {files:?}");
    let mut several = 0;
    for (unit, name, _) in p.iter().filter(|x| units.contains(x.0.as_str())) {
        let awards: Vec<&str> = p.iter().filter(|x| &x.0 == unit).map(|x| x.2.as_str()).collect();
        let f =
            files.iter().find(|f| text_of(f).contains(&format!("Tên tập thể: {name}\n"))).unwrap_or_else(|| panic!("a report for {name}"));
        let t = text_of(f);
        for a in &awards {
            assert!(t.contains(a), "{name}'s report names «{a}»:\n{t}");
        }
        several += (awards.len() > 1) as usize;
        assert!(!t.contains("Nơi nhận") && !t.contains("Như trên"), "no Nơi nhận without Kính gửi:\n{t}");
        assert!(t.contains("GIÁM ĐỐC"), "{t}");
    }
    assert!(several > 0, "a unit with several awards was checked");
}

fn text_of(f: &Path) -> String {
    thidua::render::docx::document_text(&std::fs::read(f).unwrap()).unwrap().replace('\u{a0}', " ")
}

#[test]
fn the_minutes_list_the_units_outside_the_quota_in_one_table() {
    let r = results();
    let cut: Vec<(&str, &str)> = r["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kind"] == "cut-by-quota")
        .map(|d| (d["name"].as_str().unwrap(), d["award"].as_str().unwrap()))
        .collect();
    let mut units: Vec<&str> = cut.iter().map(|c| c.0).collect();
    units.sort_unstable();
    units.dedup();
    assert!(units.len() < cut.len(), "some unit falls outside the quota of several fields");
    assert!(cut.len() > 20, "the demo has many units outside the quota: {}", cut.len());
    let t = text("ho-so/02-bien-ban.docx").replace('\u{a0}', " ");
    let part = &t[t.find("ngoài số lượng khen thưởng").expect("the section")..t.find("III. KẾT LUẬN").unwrap()];
    // The quota's clause is said once, not once per unit; no unit is named twice in its row.
    assert_eq!(part.matches("B.IV.1.a").count(), 1, "{part}");
    assert!(!part.contains("đã dành cho"), "{part}");
    // Counts say what they count: the rows are qualifications (lượt), of
    // fewer collectives, most of which are proposed under another award
    // in the same minutes; the note says which.
    assert!(
        part.contains(&format!("{:02} lượt dưới đây, của {:02} tập thể, đạt đủ tiêu chí nhưng xếp sau", cut.len(), units.len())),
        "{part}"
    );
    let proposed: std::collections::BTreeSet<&str> =
        r["decisions"].as_array().unwrap().iter().filter(|d| d["kind"] == "proposed").map(|d| d["name"].as_str().unwrap()).collect();
    let elsewhere = units.iter().filter(|u| proposed.contains(*u)).count();
    assert!(elsewhere > 0);
    assert!(part.contains(&format!("Trong đó {elsewhere:02} tập thể đã được đề nghị khen thưởng ở hình thức khác nêu trên")), "{part}");
    assert!(part.contains("Đã đề nghị: "), "{part}");
    // One table row each (cells end with a tab): "…\t1\n\tBHXH tỉnh …\n\tToàn diện\n\t…".
    for (name, _) in &cut {
        assert!(part.contains(&format!("\t{name}\n\t")), "{name} in the table:\n{part}");
    }
    for n in 1..=cut.len() {
        assert!(part.contains(&format!("\t{n}\n\tBHXH")), "row {n}:\n{part}");
    }
    assert!(!part.contains(&format!("\t{}\n\tBHXH", cut.len() + 1)), "{part}");
}

/// The "Nơi nhận" items, in order, of a document's text.
fn recipients(t: &str) -> Vec<String> {
    let at = t.find("Nơi nhận:").unwrap_or_else(|| panic!("Nơi nhận in:\n{t}"));
    t[at..].lines().skip(1).take_while(|l| l.starts_with("- ")).map(str::to_string).collect()
}

#[test]
fn noi_nhan_ends_with_a_full_stop_and_minutes_carry_one() {
    for rel in ["ho-so/01-to-trinh.docx", "ho-so/02-bien-ban.docx"] {
        let items = recipients(&text(rel));
        assert!(items.len() >= 2, "{rel}: {items:?}");
        let (last, rest) = items.split_last().unwrap();
        assert!(last.ends_with('.') && !last.ends_with(";."), "{rel}: {items:?}");
        assert!(rest.iter().all(|i| i.ends_with(';')), "{rel}: {items:?}");
    }
    // Minutes have no Kính gửi, so no "Như trên".
    let b = recipients(&text("ho-so/02-bien-ban.docx"));
    assert!(!b.iter().any(|i| i.contains("Như trên")), "{b:?}");
    assert!(b.iter().any(|i| i.contains("Lưu")), "{b:?}");
}

#[test]
fn bound_spaces_and_the_header_column() {
    let t = text("ho-so/01-to-trinh.docx");
    assert!(t.contains("Quý\u{a0}III/2022"), "{t}");
    assert!(!t.contains(" %"), "a plain space before % can break the line:\n{t}");
    let b = text("ho-so/02-bien-ban.docx");
    assert!(b.contains("\u{a0}%") && !b.contains(" %"), "{b}");
    // The header column: the body's name on lines, broken before the place,
    // never inside it.
    for f in reports() {
        let t = text_of(&f);
        let head: Vec<&str> = t.lines().take(4).collect();
        let body = head[1..].join(" ");
        if body.contains("THÀNH PHỐ HẢI PHÒNG") {
            assert!(t.contains("BẢO HIỂM XÃ HỘI\nTHÀNH PHỐ HẢI PHÒNG"), "{head:?}");
        }
        assert!(!t.lines().any(|l| l.ends_with(" TỈNH") || l.ends_with(" SỐ")), "{head:?}");
    }
}
