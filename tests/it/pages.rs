//! Every kind of document judged on the page, as the signing officer reads
//! it (issue 13, SPEC §14): rendered by LibreOffice, then page by page the
//! signature block shares one page with its closing text (never split, never
//! alone), no line starts with "%", no page is blank, no internal wording
//! shows; and every .docx passes the Nghị định 30/2020 checklist (A4,
//! margins, Times New Roman, Quốc hiệu and Tiêu ngữ, date line, no tag left).
//!
//! The sets: the national quarterly dossier, the samples' dossiers, a
//! representative part of the national year-end dossier (each kind of
//! document), and each default template filled with its sample data
//! stretched to several lengths, which is where splits happen. One soffice
//! call per set. Skipped, with a notice, when LibreOffice or poppler-utils
//! is missing, unless THIDUA_REQUIRE_LIBREOFFICE is set.

use std::path::{Path, PathBuf};
use std::process::Command;

pub(crate) fn tools() -> bool {
    // `have` fails the test when THIDUA_REQUIRE_LIBREOFFICE is set.
    let ok = crate::common::have("soffice", "--version") && crate::common::have("pdftotext", "-v");
    if !ok {
        eprintln!("NOTICE: LibreOffice (soffice) or poppler-utils (pdftotext) is not installed; skipping the page checks.");
    }
    ok
}

fn thidua(args: &[&str]) {
    let o = Command::new(env!("CARGO_BIN_EXE_thidua")).args(args).output().unwrap();
    assert!(o.status.code().unwrap_or(9) <= 1, "thidua {args:?}: {}", String::from_utf8_lossy(&o.stderr));
}

/// Every .docx under `dir`, sorted.
fn docx_under(dir: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "docx") {
                v.push(p);
            }
        }
    }
    v.sort();
    v
}

/// The first `n` documents of each kind (by file stem without its number).
fn some_of_each(files: Vec<PathBuf>, n: usize) -> Vec<PathBuf> {
    let mut seen = std::collections::BTreeMap::<String, usize>::new();
    files
        .into_iter()
        .filter(|f| {
            let kind = if f.parent().unwrap().file_name().unwrap() == "bao-cao-thanh-tich"
                || f.parent().unwrap().file_name().unwrap() == "bao-cao-tom-tat"
            {
                "bao-cao".to_string()
            } else {
                f.file_stem().unwrap().to_string_lossy().trim_start_matches(|c: char| c.is_ascii_digit() || c == '-').to_string()
            };
            let k = seen.entry(kind).or_default();
            *k += 1;
            *k <= n
        })
        .collect()
}

/// Converts the files to PDF in one soffice call (copies with unique names
/// in a flat folder first); returns (docx, pdf) pairs.
fn to_pdf(files: &[PathBuf], work: &Path) -> Vec<(PathBuf, PathBuf)> {
    let flat = work.join("docx");
    let pdf = work.join("pdf");
    std::fs::create_dir_all(&flat).unwrap();
    let mut pairs = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let name = format!("{i:03}-{}", f.file_name().unwrap().to_string_lossy());
        std::fs::copy(f, flat.join(&name)).unwrap();
        pairs.push((f.clone(), pdf.join(name.replace(".docx", ".pdf"))));
    }
    let profile = work.join("profile");
    let mut cmd = Command::new("soffice");
    cmd.arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&pdf);
    for (i, f) in files.iter().enumerate() {
        cmd.arg(flat.join(format!("{i:03}-{}", f.file_name().unwrap().to_string_lossy())));
    }
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    pairs
}

fn pdftotext(pdf: &Path, args: &[&str]) -> String {
    let o = Command::new("pdftotext").args(args).arg(pdf).arg("-").output().unwrap();
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn is_page_number(l: &str) -> bool {
    let t = l.trim();
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit())
}

/// The lines of the role of a signature block and of "Nơi nhận".
fn is_role(l: &str) -> bool {
    ["TM.", "KT.", "THƯ KÝ", "CHỦ TRÌ", "CHỦ TỊCH", "GIÁM ĐỐC", "TRƯỞNG", "XÁC NHẬN", "Nơi nhận"].iter().any(|r| l.contains(r))
}

/// Whether the closing text, the signature's role and the signer's name
/// share one page; else what is wrong. The closing text is the last line
/// with "./." (a report without one: the line before its signature block);
/// an annex ("PHỤ LỤC" on a page of its own) is not part of the signature.
fn signature_problem(pages: &[String]) -> Option<String> {
    let end = (1..pages.len())
        .find(|&k| pages[k].lines().map(str::trim).find(|l| !l.is_empty() && !is_page_number(l)) == Some("PHỤ LỤC"))
        .unwrap_or(pages.len());
    let lines: Vec<(usize, &str)> = pages[..end]
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.lines().filter(|l| !l.trim().is_empty() && !is_page_number(l)).map(move |l| (i, l)))
        .collect();
    let (closing, role) = match lines.iter().rposition(|(_, l)| l.contains("./.")) {
        Some(c) => (c, (c + 1..lines.len()).find(|&k| is_role(lines[k].1))?),
        None => {
            let role = (lines.len().saturating_sub(14)..lines.len()).find(|&k| is_role(lines[k].1))?;
            (role.checked_sub(1)?, role)
        }
    };
    let (pc, pr, pn) = (lines[closing].0, lines[role].0, lines.last()?.0);
    (pc != pr || pr != pn).then(|| {
        format!(
            "closing «{}» on page {}, role «{}» on page {}, last line «{}» on page {}",
            lines[closing].1.trim(),
            pc + 1,
            lines[role].1.trim(),
            pr + 1,
            lines.last().unwrap().1.trim(),
            pn + 1
        )
    })
}

/// The line under each head's title in a document signed by many heads
/// (the covenant): one per signature cell.
const SIGN_HINT: &str = "(Ký, ghi rõ họ tên, đóng dấu)";

/// The layout of a document signed by many heads (the covenant, one cell
/// per member's head, two to a row), as an office lays it out: the rows run
/// on over as many pages as they need, but the closing text is on the page
/// of the first row, each head's unit, title, room to sign and name are on
/// one page (no cell split from its name), "Nơi nhận" comes after the last
/// row on its page (never alone), and every head of the .docx is on the
/// page (`expected`: LibreOffice has dropped rows of unsplittable tables).
fn many_signers_problem(pages: &[String], expected: usize) -> Option<String> {
    let lines: Vec<(usize, &str)> = pages
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.lines().filter(|l| !l.trim().is_empty() && !is_page_number(l)).map(move |l| (i, l)))
        .collect();
    let mut problems = Vec::new();
    let cells: Vec<usize> = (0..lines.len()).filter(|&k| lines[k].1.contains(SIGN_HINT)).collect();
    let found: usize = cells.iter().map(|&k| lines[k].1.matches(SIGN_HINT).count()).sum();
    if found != expected {
        problems.push(format!("{found} signature cells on the pages, {expected} in the document"));
    }
    let (Some(&first), Some(&last)) = (cells.first(), cells.last()) else {
        return Some(problems.join("; ") + "; no signature cell");
    };
    // Unit and title above, name below, all on the page of the line between.
    for &k in &cells {
        let p = lines[k].0;
        let whole = k >= 2 && lines[k - 2].0 == p && lines.get(k + 1).is_some_and(|l| l.0 == p);
        if !whole {
            problems.push(format!("a signature cell split across pages {} and {}: «{}»", p, p + 1, lines[k].1.trim()));
        }
    }
    match lines.iter().rposition(|(_, l)| l.contains("./.")) {
        Some(c) if c < first && lines[c].0 == lines[first].0 => {}
        Some(c) => problems.push(format!(
            "closing «{}» on page {}, first row of signatures on page {}",
            lines[c].1.trim(),
            lines[c].0 + 1,
            lines[first].0 + 1
        )),
        None => problems.push("no closing text".into()),
    }
    match lines.iter().position(|(_, l)| l.contains("Nơi nhận")) {
        Some(n) if n > last && lines[n].0 == lines[last].0 => {}
        Some(n) => problems.push(format!("«Nơi nhận» on page {}, last row of signatures on page {}", lines[n].0 + 1, lines[last].0 + 1)),
        None => problems.push("no «Nơi nhận»".into()),
    }
    (!problems.is_empty()).then(|| problems.join("; "))
}

/// A text line: its top and bottom (pt, from the top of the page), its words.
type LineBox = (f64, f64, String);

/// Text lines of each page, page numbers left out, with the page height.
fn line_boxes(pdf: &Path) -> Vec<(f64, Vec<LineBox>)> {
    let x = pdftotext(pdf, &["-bbox-layout"]);
    let num = |s: &str, key: &str| -> f64 {
        let t = &s[s.find(&format!("{key}=\"")).unwrap() + key.len() + 2..];
        t[..t.find('"').unwrap()].parse().unwrap()
    };
    x.split("<page ")
        .skip(1)
        .map(|page| {
            let mut lines: Vec<LineBox> = page
                .split("<line ")
                .skip(1)
                .map(|l| {
                    let words: Vec<&str> =
                        l.split("<word").skip(1).filter_map(|w| Some(&w[w.find('>')? + 1..w.find("</word>")?])).collect();
                    (num(l, "yMin"), num(l, "yMax"), words.join(" "))
                })
                .filter(|(_, _, t)| !t.trim().is_empty() && !is_page_number(t))
                .collect();
            lines.sort_by(|a, b| a.0.total_cmp(&b.0));
            (num(page, "height"), lines)
        })
        .collect()
}

/// Signatures of many heads pushed to a new page with the closing text
/// although they would have fitted at the foot of the page before (a block
/// kept whole that could not fit left half a page empty): what stands on
/// the page of the first signature row, from its top to that row's name,
/// against the room left at the foot of the page before (A4, bottom margin
/// 20 mm), with half an inch to spare.
fn signatures_pushed_off(pdf: &Path) -> Option<String> {
    let pages = line_boxes(pdf);
    let p = pages.iter().position(|(_, l)| l.iter().any(|(_, _, t)| t.contains(SIGN_HINT)))?;
    let (_, lines) = &pages[p];
    let hint = lines.iter().find(|(_, _, t)| t.contains(SIGN_HINT))?;
    let name_bottom = lines.iter().find(|(top, _, _)| *top > hint.1)?.1;
    let needed = name_bottom - lines.first()?.0;
    let (height, before) = pages.get(p.checked_sub(1)?)?;
    let room = height - 56.7 - before.last()?.1;
    (room > needed + 36.0).then(|| {
        format!(
            "the closing text and first row ({needed:.0} pt) went to page {} though {room:.0} pt were free at the foot of page {p}",
            p + 1
        )
    })
}

/// A heading ("2. Hình thức khen thưởng", "III. KẾT LUẬN") as the last line
/// of a page: it must go with what follows it. (A run-in heading with its
/// text, "2. Các giải pháp …: ……", is a paragraph, not a heading.)
fn stranded_heading(page: &str) -> Option<String> {
    let last = page.lines().map(str::trim).rfind(|l| !l.is_empty() && !is_page_number(l))?;
    let heading = regex::Regex::new(r"^(\d+|[IVX]+)\.\s+\S").unwrap();
    (heading.is_match(last)
        && last.chars().count() < 70
        && !last.ends_with(['.', ';', ',', '…'])
        && !last.contains(':')
        && !last.contains("  "))
    .then(|| last.to_string())
}

/// Lines that start with "%" inside a text block: a percentage cut from its
/// figure. (A table cell holding only "%", a unit, is a block of one line.)
fn percent_line_starts(pdf: &Path) -> usize {
    let x = pdftotext(pdf, &["-bbox-layout"]);
    let mut n = 0;
    for block in x.split("<block").skip(1) {
        for (k, line) in block.split("<line").skip(1).enumerate() {
            let first = line.split("<word").nth(1).and_then(|w| w.split('>').nth(1)).unwrap_or("");
            if k > 0 && first.starts_with('%') {
                n += 1;
            }
        }
    }
    n
}

/// Words an officer must never read: notes for developers, tags, rule ids,
/// English.
fn internal_wording(text: &str) -> Vec<String> {
    let mut found: Vec<String> =
        ["SPEC", "cách hiểu", "{", "}", "TODO", "null", "undefined", "NaN", "Some(", "None", " the ", " rule", "quota", "award"]
            .iter()
            .filter(|w| text.contains(*w))
            .map(|w| w.to_string())
            .collect();
    let id = regex::Regex::new(r"\b[a-z]+_[a-z_]+\b|\b[a-z]+\.[a-z]+_[a-z_]+\b").unwrap();
    found.extend(id.find_iter(text).map(|m| m.as_str().to_string()));
    found
}

/// The Nghị định 30/2020 checklist of one .docx (Phụ lục I): A4, margins
/// top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm; Times New Roman;
/// Quốc hiệu and Tiêu ngữ; the place and date line; no tag left.
fn nd30_problems(docx: &Path) -> Vec<String> {
    let bytes = std::fs::read(docx).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
    let mut part = |name: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut z.by_name(name).unwrap(), &mut s).unwrap();
        s
    };
    let (doc, styles) = (part("word/document.xml"), part("word/styles.xml"));
    let text = thidua::render::docx::document_text(&bytes).unwrap().replace('\u{a0}', " ");
    let attr = |tag: &str, a: &str| -> Option<u32> {
        let t = &doc[doc.rfind(&format!("<w:{tag} "))?..];
        let t = &t[t.find(&format!("w:{a}=\""))? + a.len() + 4..];
        t[..t.find('"')?].parse().ok()
    };
    let mut p = Vec::new();
    let checks = [
        (attr("pgSz", "w") == Some(11906) && attr("pgSz", "h") == Some(16838), "A4"),
        (attr("pgMar", "top").is_some_and(|v| (1134..=1418).contains(&v)), "top margin 20–25 mm"),
        (attr("pgMar", "bottom").is_some_and(|v| (1134..=1418).contains(&v)), "bottom margin 20–25 mm"),
        (attr("pgMar", "left").is_some_and(|v| (1701..=1985).contains(&v)), "left margin 30–35 mm"),
        (attr("pgMar", "right").is_some_and(|v| (851..=1134).contains(&v)), "right margin 15–20 mm"),
        (styles.contains("w:ascii=\"Times New Roman\""), "Times New Roman"),
        (text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "Quốc hiệu"),
        (text.contains("Độc lập - Tự do - Hạnh phúc"), "Tiêu ngữ"),
        (regex::Regex::new(r", ngày (\d{2}|…+) tháng (\d{1,2}|…+) năm \d{4}").unwrap().is_match(&text), "place and date line"),
        (!text.contains('{') && !text.contains('}'), "no tag left"),
    ];
    for (ok, what) in checks {
        if !ok {
            p.push(what.to_string());
        }
    }
    p
}

/// Renders the files and returns every problem found, one line each.
pub(crate) fn check_set(files: &[PathBuf], work: &Path) -> Vec<String> {
    assert!(!files.is_empty());
    let mut problems = Vec::new();
    for (docx, pdf) in to_pdf(files, work) {
        let name = docx.display().to_string();
        for p in nd30_problems(&docx) {
            problems.push(format!("{name}: Nghị định 30: {p}"));
        }
        if !pdf.exists() {
            problems.push(format!("{name}: not converted"));
            continue;
        }
        let mut pages: Vec<String> = pdftotext(&pdf, &["-layout"]).split('\u{c}').map(str::to_string).collect();
        if pages.last().is_some_and(|p| p.trim().is_empty()) {
            pages.pop();
        }
        for (i, p) in pages.iter().enumerate() {
            if p.lines().filter(|l| !l.trim().is_empty() && !is_page_number(l)).count() < 2 {
                problems.push(format!("{name}: page {} is (almost) blank", i + 1));
            }
        }
        for (i, p) in pages.iter().enumerate() {
            if let Some(h) = stranded_heading(p) {
                problems.push(format!("{name}: heading «{h}» left alone at the foot of page {}", i + 1));
            }
        }
        // A document signed by many heads has its own rule; the others
        // keep their signature block whole on the page of the closing text.
        let text = thidua::render::docx::document_text(&std::fs::read(&docx).unwrap()).unwrap();
        let signers = text.matches(SIGN_HINT).count();
        if signers >= 3 {
            if let Some(p) = many_signers_problem(&pages, signers) {
                problems.push(format!("{name}: signatures of many heads: {p}"));
            }
            if let Some(p) = signatures_pushed_off(&pdf) {
                problems.push(format!("{name}: signatures of many heads: {p}"));
            }
        } else if let Some(p) = signature_problem(&pages) {
            problems.push(format!("{name}: signature block split or alone: {p}"));
        }
        let n = percent_line_starts(&pdf);
        if n > 0 {
            problems.push(format!("{name}: {n} line(s) start with \"%\""));
        }
        for w in internal_wording(&pages.concat()) {
            problems.push(format!("{name}: internal wording «{w}»"));
        }
    }
    problems
}

fn assert_clean(problems: Vec<String>) {
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}

/// Page count of a PDF.
fn page_count(pdf: &Path) -> usize {
    pdftotext(pdf, &["-layout"]).split('\u{c}').filter(|p| !p.trim().is_empty()).count()
}

/// A demo inbox (`thidua demo` with `demo_args`) run into a dossier: the
/// folder, and the run's output folder in it.
fn demo_run(demo_args: &[&str], period: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let d = tempfile::tempdir().unwrap();
    let (inbox, out) = (d.path().join("in"), d.path().join("out"));
    thidua(&[&["demo", "--out", inbox.to_str().unwrap()][..], demo_args].concat());
    thidua(&[&["run", inbox.to_str().unwrap()][..], period, &["--out", out.to_str().unwrap(), "-q"]].concat());
    (d, out)
}

#[test]
fn national_quarterly_dossier_on_the_page() {
    if !tools() {
        return;
    }
    let (d, out) = demo_run(&["--period", "2022-Q3"], &[]);
    let files = docx_under(&out);
    assert!(files.len() >= 3);
    let work = d.path().join("render");
    assert_clean(check_set(&files, &work));
    // The minutes: the units outside the quota in one table (11 pages before).
    let minutes =
        std::fs::read_dir(work.join("pdf")).unwrap().map(|e| e.unwrap().path()).find(|p| p.to_string_lossy().contains("bien-ban"));
    let n = page_count(&minutes.unwrap());
    assert!(n <= 7, "the quarterly biên bản runs to {n} pages");
}

#[test]
fn samples_dossiers_on_the_page() {
    if !tools() {
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut files = Vec::new();
    for (name, period) in [("2022-Q3", "2022-Q3"), ("2022-tong-ket-cum-3", "2022"), ("2022-tong-ket-thanh-hoa", "2022")] {
        let out = d.path().join(name);
        thidua(&["run", samples.join(name).to_str().unwrap(), "--period", period, "--out", out.to_str().unwrap(), "-q"]);
        files.extend(some_of_each(docx_under(&out), 3));
    }
    assert_clean(check_set(&files, &d.path().join("render")));
}

/// Signatures side by side stand level on the page: the achievement
/// report's two titles start on one line and its two name lines are on one
/// line, though "XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG" takes two lines beside
/// "GIÁM ĐỐC"; the tờ trình's "Nơi nhận" is level with the signer's
/// authority ("TM. …"), as Nghị định 30/2020 (Phụ lục I) lays them out.
#[test]
fn signatures_side_by_side_stand_level() {
    if !tools() {
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("out");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/2022-tong-ket-cum-3");
    thidua(&["run", sample.to_str().unwrap(), "--period", "2022", "--out", out.to_str().unwrap(), "-q"]);
    let report = docx_under(&out.join("ho-so/bao-cao-thanh-tich")).remove(0);
    let files = [report, out.join("ho-so/02-to-trinh.docx")];
    let pdfs = to_pdf(&files, &d.path().join("render"));
    let text = |i: usize| pdftotext(&pdfs[i].1, &["-layout"]);
    let report = text(0);
    assert!(report.lines().any(|l| l.contains("XÁC NHẬN CỦA CẤP TRÌNH") && l.contains("GIÁM ĐỐC")), "{report}");
    assert!(report.lines().any(|l| l.matches("……").count() == 2), "the two name lines are not level:\n{report}");
    let proposal = text(1);
    assert!(proposal.lines().any(|l| l.trim_start().starts_with("Nơi nhận:") && l.contains("TM.")), "{proposal}");
}

#[test]
fn national_year_end_dossier_on_the_page() {
    if !tools() {
        return;
    }
    let (d, out) = demo_run(&["--period", "2022"], &["--period", "2022"]);
    // Every kind of document; of the many alike, a spread of lengths.
    let files = some_of_each(docx_under(&out), 4);
    assert!(files.len() >= 8, "{files:?}");
    let work = d.path().join("render");
    assert_clean(check_set(&files, &work));
    // The national Tờ trình: a two-page letter and an annex of short
    // reasons for 223 collectives and 30 persons (76 pages when each row
    // repeated the unit's own achievements).
    let i = files.iter().position(|f| f.ends_with("ho-so/01-to-trinh.docx")).expect("the national Tờ trình");
    let n = page_count(&work.join(format!("pdf/{i:03}-01-to-trinh.pdf")));
    assert!(n <= 30, "the national Tờ trình runs to {n} pages");
}

/// A sample value with every list made `n` items long (nested lists 3,
/// lists of plain text at most 8), numbered again.
fn stretch(v: &serde_json::Value, n: usize, depth: usize) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Object(m) => Value::Object(m.iter().map(|(k, x)| (k.clone(), stretch(x, n, depth))).collect()),
        Value::Array(a) if !a.is_empty() => {
            let len = if a.iter().all(|x| x.is_string()) {
                n.min(8)
            } else if depth == 0 {
                n
            } else {
                3
            };
            Value::Array(
                (0..len)
                    .map(|i| {
                        let mut x = stretch(&a[i % a.len()], n, depth + 1);
                        if let Some(o) = x.as_object_mut() {
                            if o.contains_key("stt") {
                                o.insert("stt".into(), (i + 1).into());
                            }
                        }
                        x
                    })
                    .collect(),
            )
        }
        other => other.clone(),
    }
}

#[test]
fn every_template_with_long_data_on_the_page() {
    if !tools() {
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    // The covenant (giao-uoc.docx, one signature cell per member's head)
    // is judged by the rule for documents signed by many heads.
    for (name, bytes, sample) in thidua::render::docx::BUILTIN.iter() {
        let t = thidua::render::docx::Template::compile(bytes, name).unwrap();
        let data: serde_json::Value = serde_json::from_str(sample).unwrap();
        // Lengths chosen so that the end of the body falls at different
        // places on the page.
        for n in [4, 9, 14, 19, 26, 33, 47] {
            let out = t.render(&stretch(&data, n, 0)).unwrap();
            let path = d.path().join(format!("{}-{n:02}.docx", name.trim_end_matches(".docx")));
            std::fs::write(&path, out).unwrap();
            files.push(path);
        }
    }
    assert_clean(check_set(&files, &d.path().join("render")));
}

/// A registry where Cụm thi đua cấp tỉnh số III has `n` members (6 to 16):
/// the built-in list with provinces of Cụm IV and V moved into it.
fn registry_with_cluster_of(n: usize, dir: &Path) -> PathBuf {
    let path = dir.join(format!("danh-sach-{n}.toml"));
    thidua(&["units", "--export", path.to_str().unwrap()]);
    let mut toml = std::fs::read_to_string(&path).unwrap();
    let moved = [
        "BHXH tỉnh Quảng Ninh",
        "BHXH tỉnh Hải Dương",
        "BHXH thành phố Hải Phòng",
        "BHXH tỉnh Thái Bình",
        "BHXH tỉnh Nam Định",
        "BHXH tỉnh Thanh Hóa",
        "BHXH tỉnh Nghệ An",
        "BHXH tỉnh Hà Tĩnh",
        "BHXH tỉnh Quảng Bình",
        "BHXH tỉnh Quảng Trị",
    ];
    let mut added = String::new();
    for p in &moved[..n - 6] {
        let line = format!("  \"{p}\",\n");
        assert_eq!(toml.matches(&line).count(), 1, "{p}");
        toml = toml.replace(&line, "");
        added.push_str(&line);
    }
    let last_of_cum_3 = "  \"BHXH tỉnh Bắc Ninh\",\n";
    toml = toml.replacen(last_of_cum_3, &format!("{last_of_cum_3}{added}"), 1);
    std::fs::write(&path, toml).unwrap();
    path
}

#[test]
fn covenants_of_large_clusters_on_the_page() {
    // The covenant of a cluster of 9, 12 and 15 members (5 to 8 rows of
    // signatures), from the demo's registrations: the rows run on over the
    // pages, each kept whole, the closing text with the first, "Nơi nhận"
    // with the last, and no head missing.
    if !tools() {
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for n in [9, 12, 15] {
        let reg = registry_with_cluster_of(n, d.path());
        let (inbox, out) = (d.path().join(format!("in-{n}")), d.path().join(format!("out-{n}")));
        let reg = reg.to_str().unwrap();
        thidua(&["demo", "--out", inbox.to_str().unwrap(), "--period", "2023", "--cluster", "cum-3", "--dang-ky", "--registry", reg]);
        thidua(&[
            "run",
            inbox.to_str().unwrap(),
            "--period",
            "2023",
            "--giao-uoc",
            "--registry",
            reg,
            "--out",
            out.to_str().unwrap(),
            "-q",
        ]);
        let docx = out.join("ho-so/giao-uoc-cum-3.docx");
        let text = thidua::render::docx::document_text(&std::fs::read(&docx).unwrap()).unwrap();
        assert_eq!(text.matches(SIGN_HINT).count(), n, "one signature cell per member's head");
        // The issuing body in capitals, its symbol after the document's.
        let plain = text.replace('\u{a0}', " ");
        assert!(plain.contains("CỤM THI ĐUA CẤP TỈNH SỐ III") && plain.contains("/GƯTĐ-CTĐ"), "{text}");
        files.push(docx);
    }
    let work = d.path().join("render");
    assert_clean(check_set(&files, &work));
    // The signatures do run over a page: the rule was judged, not skipped.
    for (_, pdf) in to_pdf(&files, &d.path().join("again")) {
        let pages: Vec<String> = pdftotext(&pdf, &["-layout"]).split('\u{c}').map(str::to_string).collect();
        let with_cells = pages.iter().filter(|p| p.contains(SIGN_HINT)).count();
        assert!(with_cells >= 2, "{}: signatures on {with_cells} page(s)", pdf.display());
    }
}

/// The sample covenant (six members, three rows of signatures) filled from
/// `template`, then with 0 to 47 one-line paragraphs put before its closing
/// text: each moves the closing text and the signatures down a line (about
/// 18 pt), over a whole page.
fn covenant_at_every_height(template: &[u8], dir: &Path) -> Vec<PathBuf> {
    use std::io::{Read, Write};
    let t = thidua::render::docx::Template::compile(template, "giao-uoc.docx").unwrap();
    let sample = thidua::render::docx::BUILTIN.iter().find(|t| t.0 == "giao-uoc.docx").unwrap().2;
    let filled = t.render(&serde_json::from_str(sample).unwrap()).unwrap();
    (0..48)
        .map(|k| {
            let mut zin = zip::ZipArchive::new(std::io::Cursor::new(&filled)).unwrap();
            let mut zout = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            for i in 0..zin.len() {
                let mut e = zin.by_index(i).unwrap();
                let name = e.name().unwrap().to_string();
                let mut bytes = Vec::new();
                e.read_to_end(&mut bytes).unwrap();
                if name == "word/document.xml" {
                    let mut xml = String::from_utf8(bytes).unwrap();
                    let closing = xml[..xml.find("Bản giao ước thi đua này").unwrap()].rfind("<w:p>").unwrap();
                    let lines: String = (1..=k).map(|j| format!("<w:p><w:r><w:t>Dòng thêm {j}</w:t></w:r></w:p>")).collect();
                    xml.insert_str(closing, &lines);
                    bytes = xml.into_bytes();
                }
                zout.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
                zout.write_all(&bytes).unwrap();
            }
            let path = dir.join(format!("giao-uoc-{k:02}.docx"));
            std::fs::write(&path, zout.finish().unwrap().into_inner()).unwrap();
            path
        })
        .collect()
}

#[test]
fn the_covenant_signatures_wherever_they_fall() {
    // Wherever the signatures fall on the page, the last row goes with
    // "Nơi nhận" (never alone at the top of a page), and the closing text
    // with the first row.
    if !tools() {
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let builtin = thidua::render::docx::BUILTIN.iter().find(|t| t.0 == "giao-uoc.docx").unwrap().1;
    let files = covenant_at_every_height(builtin, d.path());
    assert_clean(check_set(&files, &d.path().join("render")));
}

#[test]
fn the_signature_check_sees_a_split() {
    // The check itself: a closing line on page 1 and the names on page 2 is
    // a split; all on one page is not; an annex after the signature is not
    // part of it.
    let p1 = "Kính trình Tổng Giám đốc xem xét, quyết định./.\n      VỤ TRƯỞNG\nNơi nhận:\n- Lưu: VT.\n".to_string();
    assert_eq!(signature_problem(std::slice::from_ref(&p1)), None);
    assert!(signature_problem(&["Biên bản kết thúc ./.\n  THƯ KÝ    CHỦ TRÌ\n".into(), "2\n   ……     ……\n".into()]).is_some());
    assert!(signature_problem(&["text ./.\n".into(), "2\n THƯ KÝ   CHỦ TRÌ\n  ……   ……\n".into()]).is_some());
    assert_eq!(signature_problem(&[p1, "2\nPHỤ LỤC\nDANH SÁCH\n1 BHXH tỉnh Hà Nam\n".into()]), None);
    assert_eq!(stranded_heading("text\n      2. Hình thức khen thưởng\n"), Some("2. Hình thức khen thưởng".into()));
    assert_eq!(stranded_heading("      2. Hình thức khen thưởng\n Năm   Hình thức\n"), None);
    assert_eq!(internal_wording("Hạn mức (Hướng dẫn 3636, mục B.III.5)"), Vec::<String>::new());
    assert!(!internal_wording("xem SPEC §3, thu.luy_ke").is_empty());
    // Many heads: rows over two pages with the closing text on the first and
    // "Nơi nhận" after the last is right; a cell cut from its name, the
    // closing alone, "Nơi nhận" alone, or a head missing is not.
    let cell =
        |a: &str, b: &str| format!("  BHXH TỈNH {a}    BHXH TỈNH {b}\n  GIÁM ĐỐC   GIÁM ĐỐC\n {SIGN_HINT}  {SIGN_HINT}\n   ……   ……\n");
    let p1 = format!("text\nlập thành 05 bản./.\n{}", cell("A", "B"));
    let p2 = format!("2\n{}Nơi nhận:\n- Lưu: VT.\n", cell("C", "D"));
    assert_eq!(many_signers_problem(&[p1.clone(), p2.clone()], 4), None);
    assert!(many_signers_problem(&[p1.clone(), p2.clone()], 6).unwrap().contains("4 signature cells on the pages, 6"));
    assert!(many_signers_problem(&["text ./.\n".into(), format!("2\n{}{p2}", cell("A", "B"))], 4).unwrap().contains("closing"));
    assert!(many_signers_problem(&[format!("{p1}{}", cell("C", "D")), "2\nNơi nhận:\n- Lưu: VT.\n".into()], 4)
        .unwrap()
        .contains("Nơi nhận"));
    let cut = format!("text ./.\n{}  BHXH TỈNH C\n GIÁM ĐỐC\n {SIGN_HINT}\n", cell("A", "B"));
    assert!(many_signers_problem(&[cut, "2\n   ……\nNơi nhận:\n".into()], 3).unwrap().contains("split"));
}

#[test]
fn six_month_review_and_head_report_on_the_page() {
    if !tools() {
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    // The demo's six-month review and a cluster's quarter, and the
    // review from the forms filled elsewhere (a member without Quý I).
    for (name, period, extra) in [("6t", "2023-H1", vec![]), ("quy", "2022-Q3", vec!["--cluster", "cum-3"])] {
        let (inbox, out) = (d.path().join(format!("{name}-in")), d.path().join(format!("{name}-out")));
        let mut args = vec!["demo", "--out", inbox.to_str().unwrap(), "--period", period];
        args.extend(extra);
        thidua(&args);
        thidua(&["run", inbox.to_str().unwrap(), "--period", period, "--out", out.to_str().unwrap(), "-q"]);
        files.extend(docx_under(&out).into_iter().filter(|f| {
            let n = f.file_name().unwrap().to_string_lossy();
            n.contains("so-ket") || n.contains("bao-cao-quy")
        }));
    }
    let fx = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/six_month");
    let out = d.path().join("fx-out");
    thidua(&["run", fx.to_str().unwrap(), "--period", "2023-H1", "--out", out.to_str().unwrap(), "-q"]);
    files.extend(docx_under(&out));
    assert_eq!(files.len(), 5, "{files:?}");
    assert_clean(check_set(&files, &d.path().join("render")));
}

/// A date line too long for the header's right column ("Thành phố Hồ Chí
/// Minh, ngày …… tháng 01 năm 2023") breaks after the place's comma, the
/// date whole on the next line, never between "tháng 01" and "năm 2023".
#[test]
fn a_long_date_line_breaks_after_the_place() {
    if !tools() {
        return;
    }
    let (d, out) = demo_run(&["--period", "2022", "--province", "ho-chi-minh"], &["--period", "2022"]);
    let files = [out.join("ho-so/01-bien-ban-hoi-dong.docx"), out.join("ho-so/02-to-trinh.docx")];
    for (docx, pdf) in to_pdf(&files, &d.path().join("render")) {
        let text = pdftotext(&pdf, &["-f", "1", "-l", "1"]);
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        let at = lines.iter().position(|l| l.ends_with("Thành phố Hồ Chí Minh,")).unwrap_or_else(|| panic!("{docx:?}: {text}"));
        let next = lines[at + 1];
        assert!(next.starts_with("ngày") && next.contains("tháng") && next.contains("năm"), "{docx:?}: {next:?} in {text}");
    }
}
