//! Year-end sheets with merged two-row headers saved as .ods (OpenDocument,
//! LibreOffice's own format) are read as their .xlsx: a self-assessment with
//! "Điểm" merged over "Tối đa / Tự chấm / Thẩm định" was "not recognised"
//! in .ods because its merged regions were lost. The workbooks were typed
//! with openpyxl and saved by LibreOffice as .ods (tests/fixtures/ods_merged/,
//! made by make_fixtures.py there).

use crate::common::Fixture;
use std::path::Path;
use thidua::ingest::grid::{self, Format};
use thidua::ingest::{read_inbox, Inbox, Limits};
use thidua::model::annual::Mark;
use thidua::registry::Registry;
use thidua::rules::Rules;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ods_merged");
const BOOKS: [&str; 3] = ["tu-cham", "cham-cheo", "hoi-nghi"];

fn inbox_of(ext: &str) -> Fixture {
    let f = Fixture::new();
    std::fs::create_dir_all(f.inbox()).unwrap();
    for b in BOOKS {
        std::fs::copy(Path::new(DIR).join(format!("{b}.{ext}")), f.inbox().join(format!("{b}.{ext}"))).unwrap();
    }
    f
}

fn read(f: &Fixture) -> Inbox {
    read_inbox(&f.inbox(), Registry::builtin(), &Rules::builtin("thu-2022").unwrap(), &Limits::default(), &|_| {})
}

/// (points, sheet, cell) of a mark.
fn mark(m: &Option<Mark>) -> Option<(f64, String, String)> {
    m.as_ref().map(|m| {
        (m.points.to_f64(), m.at.sheet.as_deref().unwrap_or_default().to_string(), m.at.cell.as_deref().unwrap_or_default().to_string())
    })
}

fn some(points: f64, sheet: &str, cell: &str) -> Option<(f64, String, String)> {
    Some((points, sheet.to_string(), cell.to_string()))
}

#[test]
fn merged_headers_in_ods_are_read_at_the_right_cells() {
    let f = inbox_of("ods");
    let inbox = read(&f);
    let problems: Vec<_> = inbox.problems.iter().map(|p| format!("{:?} {}", p.location, p.message)).collect();
    assert!(
        inbox.files.iter().all(|x| x.status == "đã đọc" && !x.kinds.is_empty()),
        "{:#?}\n{problems:#?}",
        inbox.files.iter().map(|x| (&x.path, &x.kinds, &x.status)).collect::<Vec<_>>()
    );
    let a = &inbox.annual;

    // Self-assessments: title on row 1, unit on 2, header on rows 3–4
    // ("Điểm" merged over C3:E3), criterion I on row 5 … 4 on row 12.
    assert_eq!(a.self_scores.len(), 2, "{problems:#?}");
    let sheet = |unit: &str| a.self_scores.iter().find(|s| s.unit == unit).unwrap_or_else(|| panic!("no self-assessment of {unit}"));
    let row = |unit: &str, code: &str| {
        let s = sheet(unit);
        s.rows.iter().find(|(c, ..)| c.code == code).unwrap_or_else(|| panic!("{unit}: no criterion {code}: {:#?}", s.rows)).clone()
    };
    let (c, own, verified) = row("ha-nam", "1.1");
    assert_eq!((c.name.as_str(), c.max.to_f64()), ("Thu BHXH bắt buộc", 20.0));
    assert_eq!(mark(&own), some(16.0, "Hà Nam", "D7"));
    assert_eq!(mark(&verified), None);
    let (c, own, _) = row("ha-nam", "4");
    assert_eq!(c.max.to_f64(), 20.0);
    assert_eq!(mark(&own), some(14.0, "Hà Nam", "D12"));
    let (_, own, verified) = row("bac-ninh", "3");
    assert_eq!(mark(&own), some(17.0, "Bắc Ninh", "D11"));
    assert_eq!(mark(&verified), some(16.0, "Bắc Ninh", "E11"), "the verified score, under \"Thẩm định\" of the merged \"Điểm\"");
    let (_, own, _) = row("bac-ninh", "4");
    assert_eq!(mark(&own), some(16.5, "Bắc Ninh", "D12"));

    // Cross-scoring: the three criteria under "Điểm chấm theo tiêu chí".
    assert_eq!(a.cross_scores.len(), 1, "{problems:#?}");
    let x = &a.cross_scores[0];
    assert_eq!(x.scorer, "ha-nam");
    assert_eq!(x.criteria.iter().map(|c| c.max.to_f64()).collect::<Vec<_>>(), vec![50.0, 30.0, 20.0]);
    let marks = |unit: &str| {
        x.rows.iter().find(|(u, _)| u == unit).unwrap_or_else(|| panic!("no cross row of {unit}")).1.iter().map(mark).collect::<Vec<_>>()
    };
    assert_eq!(marks("bac-ninh"), vec![some(45.0, "Chấm chéo", "C5"), some(27.0, "Chấm chéo", "D5"), some(18.0, "Chấm chéo", "E5")]);
    assert_eq!(marks("hung-yen"), vec![some(41.5, "Chấm chéo", "C6"), some(25.0, "Chấm chéo", "D6"), some(16.0, "Chấm chéo", "E6")]);

    // The meeting sheet: answers merged over B:D.
    assert_eq!(a.meetings.len(), 1);
    let m = &a.meetings[0];
    assert_eq!(m.cluster.as_deref(), Some("cum-3"));
    assert_eq!(m.chair.as_deref(), Some("Ông Nguyễn Văn A, Giám đốc BHXH tỉnh Hà Nam, Cụm trưởng"));
    assert_eq!(m.next_head.as_deref(), Some("bac-ninh"));

    // And the review: Bắc Ninh's verified 86,5 plus the cross average 90.
    let (_, log) = f.run("2022");
    let j = f.json();
    let scores = j["annual"][0]["scores"].as_array().unwrap();
    let total = |u: &str| scores.iter().find(|s| s["unit"] == u).unwrap()["total"].as_f64();
    assert_eq!(total("bac-ninh"), Some(176.5), "{log}");
    assert_eq!(total("ha-nam"), Some(76.0), "{log}");
    // Hưng Yên sent no self-assessment: its cross average is read (82,5)
    // but is no total to be ranked on.
    let note = |u: &str| scores.iter().find(|s| s["unit"] == u).unwrap()["note"].as_str().unwrap_or_default().to_string();
    assert_eq!(total("hung-yen"), None, "{log}");
    assert!(note("hung-yen").contains("bình quân điểm chấm chéo 82,50"), "{}", note("hung-yen"));
}

#[test]
fn the_ods_and_the_xlsx_of_the_same_workbooks_give_the_same_result() {
    // Cell by cell and region by region, including the quarterly indicator
    // sheet of tests/fixtures (merged groups over two header rows).
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let pairs = BOOKS.map(|b| (fixtures.join(format!("ods_merged/{b}.xlsx")), fixtures.join(format!("ods_merged/{b}.ods"))));
    for (x, o) in pairs.iter().cloned().chain([(fixtures.join("ha-nam.xlsx"), fixtures.join("ha-nam.ods"))]) {
        let limits = Limits::default();
        let gx = grid::load(&std::fs::read(&x).unwrap(), Format::Xlsx, &limits).unwrap();
        let go = grid::load(&std::fs::read(&o).unwrap(), Format::Ods, &limits).unwrap();
        assert_eq!(gx.sheets.len(), go.sheets.len(), "{}", o.display());
        for (sx, so) in gx.sheets.iter().zip(&go.sheets) {
            assert_eq!(sx.name, so.name);
            let mut mx = sx.merges().to_vec();
            let mut mo = so.merges().to_vec();
            mx.sort();
            mo.sort();
            assert!(!mo.is_empty(), "{}: {}: merged regions of the .ods", o.display(), so.name);
            assert_eq!(mo, mx, "{}: {}: merged regions", o.display(), so.name);
            for r in 0..sx.height().max(so.height()) {
                for c in 0..sx.max_width().max(so.max_width()) {
                    assert_eq!(so.text(r, c), sx.text(r, c), "{}: {} row {} col {}", o.display(), so.name, r + 1, c + 1);
                }
            }
        }
    }

    // The whole review, run on each inbox: the same results, but for the
    // file names.
    let (fx, fo) = (inbox_of("xlsx"), inbox_of("ods"));
    let (cx, _) = fx.run("2022");
    let (co, log) = fo.run("2022");
    assert_eq!(co, cx, "{log}");
    let jx = serde_json::to_string_pretty(&fx.json()).unwrap();
    let jo = serde_json::to_string_pretty(&fo.json()).unwrap().replace(".ods", ".xlsx");
    // The self-assessment and the cross-scoring were both read.
    assert!(jx.contains("\"self_total\": 87.5") && jx.contains("\"Tiêu chí 1\",\n              45,"), "{jx}");
    assert_eq!(jo, jx);
    let report = |f: &Fixture| std::fs::read_to_string(f.out().join("bao-loi.txt")).unwrap();
    assert_eq!(report(&fo).replace(".ods", ".xlsx"), report(&fx));
}

#[test]
fn the_year_end_sample_saved_as_ods_gives_the_same_review() {
    // Every workbook of samples/2022-tong-ket-cum-3 opened and saved by
    // LibreOffice as .ods (its self-assessments have "Điểm" over two header
    // rows): the review is the .xlsx inbox's, but for the file names.
    if !crate::pages::tools() || !crate::common::calc() {
        return;
    }
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/2022-tong-ket-cum-3");
    let fo = Fixture::new();
    for sub in ["chi-tieu", "cum-3"] {
        let out = fo.inbox().join(sub);
        std::fs::create_dir_all(&out).unwrap();
        let mut books: Vec<_> = std::fs::read_dir(sample.join(sub)).unwrap().map(|e| e.unwrap().path()).collect();
        books.sort();
        let profile = fo.dir.path().join("profile");
        let o = std::process::Command::new("soffice")
            .arg(format!("-env:UserInstallation=file://{}", profile.display()))
            .args(["--headless", "--convert-to", "ods", "--outdir"])
            .arg(&out)
            .args(&books)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(std::fs::read_dir(&out).unwrap().count(), books.len());
    }
    let (co, log) = fo.run("2022");
    let fx = Fixture::new();
    let (cx, _) = {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
            .args(["run", sample.to_str().unwrap(), "--period", "2022", "--quiet", "--out", fx.out().to_str().unwrap()])
            .output()
            .unwrap();
        (o.status.code().unwrap(), String::from_utf8_lossy(&o.stderr).into_owned())
    };
    assert_eq!(co, cx, "{log}");
    let jx = serde_json::to_string_pretty(&fx.json()).unwrap();
    let jo = serde_json::to_string_pretty(&fo.json()).unwrap().replace(".ods", ".xlsx");
    assert!(jx.contains("\"self_total\""), "{jx}");
    assert_eq!(jo, jx);
}
