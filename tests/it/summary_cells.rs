//! The summary tong-hop.xlsx with its tables written straight into the
//! sheets' XML (render::sheet_cells) is the same workbook as the one
//! written before, every cell through rust_xlsxwriter (`Mode::Crate`; the
//! same parts as main's summary of the same inbox, but for the order of
//! the shared strings): every sheet's cells (value, type,
//! and style resolved through styles.xml), rows (height, spans), settings
//! (widths, panes, filter, page setup) and every other part, on the
//! national inboxes of `thidua demo`; calamine reads the same values.

use calamine::Reader;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::process::Command;
use thidua::render::xlsx::{summary_bytes_with, Mode};

/// The national result of `thidua demo --period <period>`.
fn national(period: &str) -> (thidua::model::RunResult, thidua::rules::Rules) {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("hop-thu");
    let o =
        Command::new(env!("CARGO_BIN_EXE_thidua")).args(["demo", "--out", inbox.to_str().unwrap(), "--period", period]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rules = thidua::rules::Rules::builtin("thu-2022").unwrap();
    let progress = thidua::pipeline::progress::Progress::silent();
    let ev = match thidua::pipeline::evaluate(&inbox, Some(period.parse().unwrap()), &rules, &progress) {
        Ok(ev) => ev,
        Err(_) => panic!("the demo inbox of {period} cannot be evaluated"),
    };
    (ev.result, rules)
}

fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut v = Vec::new();
            f.read_to_end(&mut v).unwrap();
            (f.name().unwrap().into_owned(), v)
        })
        .collect()
}

/// The attributes of an element.
fn attrs(e: &quick_xml::events::BytesStart) -> BTreeMap<String, String> {
    e.attributes()
        .map(|a| {
            let a = a.unwrap();
            (a.key.as_ref().to_string(), a.value.into_owned())
        })
        .collect()
}

/// Each child element of `parent` in `xml`, as written (the shared
/// strings' `<si>`, the styles' fonts, fills, borders and cell formats).
fn children(xml: &str, parent: &str, child: &str) -> Vec<String> {
    let Some(open) = xml.find(&format!("<{parent}")) else { return Vec::new() };
    let Some(close) = xml[open..].find(&format!("</{parent}>")) else { return Vec::new() };
    let body = &xml[open..open + close];
    let body = &body[body.find('>').unwrap() + 1..];
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = body[at..].find(&format!("<{child}")) {
        let s = at + i;
        let tag_end = s + body[s..].find('>').unwrap();
        let e = if body.as_bytes()[tag_end - 1] == b'/' {
            tag_end + 1
        } else {
            s + body[s..].find(&format!("</{child}>")).unwrap() + child.len() + 3
        };
        out.push(body[s..e].to_string());
        at = e;
    }
    out
}

/// Each cell format of styles.xml resolved to its font, fill, border,
/// number format and alignment as written.
fn styles(xml: &str) -> Vec<String> {
    let fonts = children(xml, "fonts", "font");
    let fills = children(xml, "fills", "fill");
    let borders = children(xml, "borders", "border");
    let num_fmts: BTreeMap<String, String> = children(xml, "numFmts", "numFmt")
        .iter()
        .map(|n| {
            let mut r = quick_xml::Reader::from_str(n);
            match r.read_event().unwrap() {
                quick_xml::events::Event::Empty(e) | quick_xml::events::Event::Start(e) => {
                    let a = attrs(&e);
                    (a["numFmtId"].clone(), a["formatCode"].clone())
                }
                _ => unreachable!(),
            }
        })
        .collect();
    children(xml, "cellXfs", "xf")
        .iter()
        .map(|xf| {
            let mut r = quick_xml::Reader::from_str(xf);
            let a = match r.read_event().unwrap() {
                quick_xml::events::Event::Empty(e) | quick_xml::events::Event::Start(e) => attrs(&e),
                _ => unreachable!(),
            };
            let at = |k: &str| a.get(k).and_then(|v| v.parse::<usize>().ok()).unwrap_or(0);
            let inner = xf.find('>').map(|i| &xf[i + 1..]).unwrap_or("");
            let num = a.get("numFmtId").cloned().unwrap_or_default();
            format!(
                "font {} | fill {} | border {} | number {} | {}",
                fonts[at("fontId")],
                fills[at("fillId")],
                borders[at("borderId")],
                num_fmts.get(&num).cloned().unwrap_or(num),
                inner
            )
        })
        .collect()
}

/// A sheet read back: its XML outside the rows, each row's attributes,
/// each cell's type, value (a shared string as its text) and style.
#[derive(Debug, PartialEq)]
struct Sheet<'a> {
    outside: String,
    rows: BTreeMap<u32, BTreeMap<String, String>>,
    /// (value, or "s " and the shared string; the resolved style).
    cells: BTreeMap<String, (String, &'a str)>,
}

fn sheet<'a>(xml: &str, sst: &'a [String], styles: &'a [String]) -> Sheet<'a> {
    let open = xml.find("<sheetData").unwrap();
    let close = xml.find("</sheetData>").map_or(open, |c| c + "</sheetData>".len());
    let outside = format!("{}{}", &xml[..open], &xml[close..]);
    let mut rows = BTreeMap::new();
    let mut cells = BTreeMap::new();
    let data = &xml[open..close];
    let mut r = quick_xml::Reader::from_str(data);
    let mut pos = 0usize;
    let mut cell: Option<BTreeMap<String, String>> = None;
    let mut value = String::new();
    let mut in_v = false;
    let mut finish = |c: BTreeMap<String, String>, v: &str| {
        let t = c.get("t").cloned().unwrap_or_default();
        let v = if t == "s" { sst[v.parse::<usize>().unwrap()].as_str() } else { v };
        let s = styles[c.get("s").map_or(0, |s| s.parse().unwrap())].as_str();
        let v = if t == "s" { format!("s {v}") } else { v.to_string() };
        assert!(cells.insert(c["r"].clone(), (v, s)).is_none(), "cell {} twice", c["r"]);
    };
    loop {
        use quick_xml::events::Event;
        let ev = r.read_event().unwrap();
        let end = r.buffer_position() as usize;
        let raw = &data[pos..end];
        pos = end;
        match ev {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "row" => {
                let a = attrs(&e);
                assert!(rows.insert(a["r"].parse::<u32>().unwrap(), a).is_none());
            }
            Event::Empty(e) if e.name().as_ref() == "c" => finish(attrs(&e), ""),
            Event::Start(e) if e.name().as_ref() == "c" => {
                cell = Some(attrs(&e));
                value.clear();
            }
            Event::Start(e) if e.name().as_ref() == "v" => in_v = true,
            Event::End(e) if e.name().as_ref() == "v" => in_v = false,
            Event::Text(_) | Event::GeneralRef(_) if in_v => value.push_str(raw),
            Event::End(e) if e.name().as_ref() == "c" => finish(cell.take().unwrap(), &value),
            Event::Eof => break,
            _ => {}
        }
    }
    Sheet { outside, rows, cells }
}

/// How workbook `new` differs from `old` (empty: none), in every part or
/// in the parts named `only`.
fn differences(old: &[u8], new: &[u8], only: Option<&str>) -> Vec<String> {
    let (a, b) = (parts(old), parts(new));
    let names = |p: &[(String, Vec<u8>)]| p.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
    let mut diffs = Vec::new();
    if names(&a) != names(&b) {
        return vec![format!("parts {:?} against {:?}", names(&a), names(&b))];
    }
    let part = |p: &[(String, Vec<u8>)], n: &str| String::from_utf8(p.iter().find(|x| x.0 == n).unwrap().1.clone()).unwrap();
    let (sst_a, sst_b) = (part(&a, "xl/sharedStrings.xml"), part(&b, "xl/sharedStrings.xml"));
    let (si_a, si_b) = (children(&sst_a, "sst", "si"), children(&sst_b, "sst", "si"));
    let head = |x: &str| x[x.find("<sst").unwrap()..][..x[x.find("<sst").unwrap()..].find('>').unwrap()].to_string();
    if head(&sst_a) != head(&sst_b) {
        diffs.push(format!("shared strings {} against {}", head(&sst_a), head(&sst_b)));
    }
    let (st_a, st_b) = (styles(&part(&a, "xl/styles.xml")), styles(&part(&b, "xl/styles.xml")));
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        if name == "xl/sharedStrings.xml" || only.is_some_and(|o| o != name) {
            continue;
        }
        if name.starts_with("xl/worksheets/sheet") {
            let (sa, sb) = (sheet(std::str::from_utf8(x).unwrap(), &si_a, &st_a), sheet(std::str::from_utf8(y).unwrap(), &si_b, &st_b));
            if sa.outside != sb.outside {
                diffs.push(format!("{name}: settings differ"));
            }
            for (r, ra) in &sa.rows {
                if sb.rows.get(r) != Some(ra) {
                    diffs.push(format!("{name}: row {r} {ra:?} against {:?}", sb.rows.get(r)));
                }
            }
            diffs.extend(sb.rows.keys().filter(|r| !sa.rows.contains_key(r)).map(|r| format!("{name}: extra row {r}")));
            for (c, ca) in &sa.cells {
                if sb.cells.get(c) != Some(ca) {
                    diffs.push(format!("{name}: cell {c} {ca:?} against {:?}", sb.cells.get(c)));
                }
            }
            diffs.extend(sb.cells.keys().filter(|c| !sa.cells.contains_key(*c)).map(|c| format!("{name}: extra cell {c}")));
        } else if x != y {
            diffs.push(format!("{name} differs"));
        }
    }
    diffs
}

/// Every sheet's values as calamine reads them.
fn calamine_values(bytes: &[u8]) -> Vec<(String, calamine::Range<calamine::Data>)> {
    let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    wb.sheet_names().into_iter().map(|n| (n.clone(), wb.worksheet_range(&n).unwrap())).collect()
}

/// `bytes` with `part` edited by `f`.
fn edited(bytes: &[u8], part: &str, f: impl Fn(&str) -> String) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in parts(bytes) {
        w.start_file(&*name, zip::write::SimpleFileOptions::default()).unwrap();
        let data = if name == part { f(std::str::from_utf8(&data).unwrap()).into_bytes() } else { data };
        w.write_all(&data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn same_workbook(r: &thidua::model::RunResult, rules: &thidua::rules::Rules) -> Vec<u8> {
    let old = summary_bytes_with(r, rules, Mode::Crate).unwrap();
    let new = summary_bytes_with(r, rules, Mode::Direct).unwrap();
    assert_ne!(old, new, "the tables were written by the crate");
    let d = differences(&old, &new, None);
    assert!(d.is_empty(), "{} differences, first: {:#?}", d.len(), &d[..d.len().min(10)]);
    assert_eq!(calamine_values(&old), calamine_values(&new));
    // Deterministic.
    assert_eq!(new, summary_bytes_with(r, rules, Mode::Direct).unwrap());
    new
}

#[test]
fn national_year_end_summary_is_the_same_workbook_as_written_cell_by_cell() {
    let (r, rules) = national("2022");
    let new = same_workbook(&r, &rules);
    let sheets = parts(&new).iter().filter(|p| p.0.starts_with("xl/worksheets/sheet")).count();
    assert!(sheets > 100, "{sheets} sheets");

    // The comparison sees a wrong style, text, number or row height.
    let old = summary_bytes_with(&r, &rules, Mode::Crate).unwrap();
    let (crit, figures) = ("xl/worksheets/sheet120.xml", "xl/worksheets/sheet1.xml");
    let wrong_style = edited(&new, crit, |x| x.replacen("<c r=\"B3\" s=\"3\"", "<c r=\"B3\" s=\"2\"", 1));
    let wrong_text = edited(&new, crit, |x| {
        let at = x.find("<c r=\"C5\"").unwrap();
        let v = at + x[at..].find("<v>").unwrap() + 3;
        let e = v + x[v..].find('<').unwrap();
        let n: u32 = x[v..e].parse().unwrap();
        format!("{}{}{}", &x[..v], n + 1, &x[e..])
    });
    let wrong_height = edited(&new, crit, |x| x.replacen(" ht=\"30\"", " ht=\"45\"", 1));
    let wrong_number = edited(&new, figures, |x| x.replacen("<c r=\"A9\" s=\"2\"><v>8</v>", "<c r=\"A9\" s=\"2\"><v>9</v>", 1));
    for (what, part, bytes) in
        [("style", crit, wrong_style), ("text", crit, wrong_text), ("height", crit, wrong_height), ("number", figures, wrong_number)]
    {
        assert_ne!(bytes, new, "{what} not edited");
        assert_eq!(differences(&old, &bytes, Some(part)).len(), 1, "a wrong {what} is seen");
    }
}

#[test]
fn national_quarter_summary_is_the_same_workbook_as_written_cell_by_cell() {
    let (r, rules) = national("2022-Q3");
    same_workbook(&r, &rules);
    // The clusters' sheets are written whole, outside the crate.
    let clusters = r.rankings.iter().map(|k| &k.scope).filter(|s| *s != "toan-quoc").collect::<std::collections::BTreeSet<_>>().len();
    assert!(clusters >= 10, "{clusters} clusters");
    assert_eq!(thidua::render::xlsx::summary_sheets_added(&r, &rules).unwrap(), clusters);
}

/// A cluster's sheet written whole is the crate's sheet, and the workbook's
/// parts list it as the crate lists it, when its name needs quoting and
/// escaping (the filter's and print titles' names sort by it), and when it
/// is too wide for one page (printed at 90 % with its first two columns
/// repeated on every page).
#[test]
fn cluster_sheets_written_whole_are_the_crates_sheets() {
    let (mut r, rules) = national("2022-Q3");
    let scopes: Vec<String> = r.rankings.iter().map(|k| k.scope.clone()).filter(|s| s != "toan-quoc").collect();
    let (odd, wide) = (scopes[0].clone(), scopes.iter().find(|s| **s != scopes[0]).unwrap().clone());
    for k in r.rankings.iter_mut().filter(|k| k.scope == odd) {
        k.scope_name = "Cụm 'Đặc biệt' & <\"Mới\">".into();
    }
    let more: Vec<thidua::model::Ranking> = r.rankings.iter().filter(|k| k.scope == wide).cloned().collect();
    for (i, mut k) in more.into_iter().cycle().take(4).enumerate() {
        k.measure_name = format!("{} (lần {})", k.measure_name, i + 2);
        k.title = format!("{} lần {}", k.title, i + 2);
        r.rankings.push(k);
    }
    let new = same_workbook(&r, &rules);
    let workbook = parts(&new).into_iter().find(|p| p.0 == "xl/workbook.xml").unwrap().1;
    let workbook = String::from_utf8(workbook).unwrap();
    assert!(workbook.contains("<sheet name=\"Cụm 'Đặc biệt' &amp; &lt;&quot;Mới&quot;&gt;\" sheetId=\"3\""), "{}", &workbook[..2000]);
    assert!(workbook.contains(">'Cụm ''Đặc biệt'' &amp; &lt;\"Mới\"&gt;'!$1:$2</definedName>"), "{}", &workbook[..3000]);
    assert!(workbook.contains("!$A:$B,'"), "the wide sheet repeats its first two columns");
    assert_eq!(thidua::render::xlsx::summary_sheets_added(&r, &rules).unwrap(), 10);
}

/// Texts that need escaping, whitespace kept, a text cut at 32 000
/// characters, figures bound to their units (and the same text given
/// bound), an empty cell.
#[test]
fn awkward_texts_are_written_as_the_crate_writes_them() {
    let (mut r, rules) = national("2022-Q3");
    let long = "Lý do rất dài ".repeat(3000);
    let texts = [
        "A & B <c> \"d\" 'e'",
        " lề trái",
        "lề phải\n",
        "điều khiển\u{1}\u{1f} và _x0041_ và _x00_",
        "đạt 95 % kế hoạch, tăng 3 người",
        // Given bound already: the same text as written as the one above
        // (one shared string, as the crate keeps it).
        "đạt 95\u{a0}% kế hoạch, tăng 3 người",
        long.as_str(),
        // The crate's form for rich text, typed into a cell: written as
        // text, never as markup.
        "<r><t>chữ</t></r></si><si><t>thêm</t></r>",
        "",
    ];
    let loc = thidua::model::problem::Location { file: String::new().into(), sheet: None, cell: Some("B7".into()) };
    let mut p = thidua::model::problem::Problem::warning("x", loc, "");
    for (i, t) in texts.iter().enumerate() {
        p.message = t.to_string();
        p.location.file = format!("{t} {i}").into();
        p.location.sheet = Some(t.to_string().into());
        r.problems.push(p.clone());
    }
    r.units[0].name = texts[0].to_string();
    // The list of individuals is cut the same way (it once ended without "…").
    r.individuals.push(thidua::model::IndividualDecision {
        full_name: "Nguyễn Văn A".into(),
        position: "Phó Giám đốc".into(),
        unit: r.units[1].unit.clone(),
        unit_name: r.units[1].name.clone(),
        award: "Bằng khen của Tổng Giám đốc BHXH Việt Nam".into(),
        achievements: long.clone(),
        kind: thidua::model::DecisionKind::Proposed,
        reason: "Đủ điều kiện".into(),
        source: p.location.clone(),
        brief: None,
    });
    let new = same_workbook(&r, &rules);
    let values = calamine_values(&new);
    let problems = &values.iter().find(|v| v.0 == "Lỗi dữ liệu").unwrap().1;
    let messages: Vec<String> = problems.rows().map(|row| row[6].to_string()).collect();
    assert!(messages.iter().any(|m| m == "A & B <c> \"d\" 'e'"));
    assert!(messages.iter().any(|m| m == " lề trái"));
    assert!(messages.iter().any(|m| m == "điều khiển\u{1}\u{1f} và _x0041_ và _x00_"), "{:?}", &messages[messages.len() - 7..]);
    let bound = thidua::vn::format::bind_spaces(texts[4]);
    assert_ne!(bound, texts[4]);
    assert!(messages.iter().any(|m| *m == bound), "{:?}", &messages[messages.len() - 7..]);
    let cut = messages.iter().find(|m| m.starts_with("Lý do rất dài")).unwrap();
    assert_eq!(cut.chars().count(), 32_001);
    assert!(cut.ends_with('…'));
    assert!(messages.iter().any(|m| *m == "\u{200b}<r><t>chữ</t></r></si><si><t>thêm</t></r>"), "{:?}", &messages[messages.len() - 7..]);
    let people = &values.iter().find(|v| v.0 == "Cá nhân").expect("the individuals' sheet").1;
    let cut = people.rows().flat_map(|row| row.iter().map(|c| c.to_string())).find(|t| t.starts_with("Lý do rất dài")).unwrap();
    assert_eq!(cut.chars().count(), 32_001);
    assert!(cut.ends_with('…'));
}
