//! Template cases written the way Word and LibreOffice write documents
//! (revision ids, spelling marks, bookmarks, text boxes, headers, footnotes,
//! numbering), each asserting the text and the formatting of the output.

use serde_json::{json, Value};
use std::io::{Read, Write};
use thidua::render::docx::{document_text, xml::tokenize, Template};

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml""#;

/// A package as Word saves it, with optional extra parts.
struct Doc {
    body: String,
    extra: Vec<(String, String)>,
}

impl Doc {
    fn new(body: impl Into<String>) -> Doc {
        Doc { body: body.into(), extra: vec![] }
    }
    fn part(mut self, name: &str, xml: &str) -> Doc {
        self.extra.push((name.into(), xml.into()));
        self
    }
    fn bytes(&self) -> Vec<u8> {
        let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default();
        let mut files: Vec<(String, String)> = vec![
            ("[Content_Types].xml".into(), r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.into()),
            ("_rels/.rels".into(), r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.into()),
            ("word/document.xml".into(), format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {NS} mc:Ignorable="w14 wp14"><w:body>{}<w:sectPr w:rsidR="00AB12CD"><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#, self.body)),
        ];
        files.extend(self.extra.iter().cloned());
        for (n, c) in files {
            z.start_file(n, o).unwrap();
            z.write_all(c.as_bytes()).unwrap();
        }
        z.finish().unwrap().into_inner()
    }
}

/// A paragraph of runs as Word writes them: (text, run properties).
fn wp(runs: &[(&str, &str)]) -> String {
    let rs: String = runs
        .iter()
        .map(|(t, pr)| {
            let pr = if pr.is_empty() { String::new() } else { format!("<w:rPr>{pr}</w:rPr>") };
            format!(r#"<w:r w:rsidRPr="00C1D2E3">{pr}<w:t xml:space="preserve">{t}</w:t></w:r>"#)
        })
        .collect();
    format!(r#"<w:p w:rsidR="00A1B2C3" w:rsidRDefault="00A1B2C3" w14:paraId="1A2B3C4D"><w:pPr><w:jc w:val="both"/></w:pPr>{rs}</w:p>"#)
}

fn p(text: &str) -> String {
    wp(&[(text, "")])
}

fn compile(doc: &Doc) -> Template {
    Template::compile(&doc.bytes(), "mau.docx")
        .unwrap_or_else(|e| panic!("{}", e.iter().map(|x| x.to_string()).collect::<Vec<_>>().join("\n")))
}

fn render(doc: &Doc, data: Value) -> Vec<u8> {
    compile(doc).render(&data).unwrap_or_else(|e| panic!("{}", e.iter().map(|x| x.to_string()).collect::<Vec<_>>().join("\n")))
}

fn part(docx: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// Every part of the output parses as XML.
fn well_formed(docx: &[u8]) {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut s = String::new();
        f.read_to_string(&mut s).unwrap();
        if name.ends_with(".xml") || name.ends_with(".rels") {
            tokenize(&s).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
}

/// The `<w:r>` element holding `text`.
fn run_with(xml: &str, text: &str) -> String {
    let i = xml.find(text).unwrap_or_else(|| panic!("{text} not in {xml}"));
    let start = xml[..i].rfind("<w:r>").into_iter().chain(xml[..i].rfind("<w:r ")).max().unwrap();
    let end = i + xml[i..].find("</w:r>").unwrap() + 6;
    xml[start..end].to_string()
}

fn errors_of(doc: &Doc, data: Value) -> String {
    match Template::compile(&doc.bytes(), "mau.docx") {
        Err(e) => e.iter().map(|x| x.to_string()).collect::<Vec<_>>().join("\n"),
        Ok(t) => t.render(&data).err().map(|e| e.iter().map(|x| x.to_string()).collect::<Vec<_>>().join("\n")).unwrap_or_default(),
    }
}

#[test]
fn case01_field_split_three_ways_with_three_formats() {
    let doc = Doc::new(wp(&[("Kính gửi: {ki", "<w:b/>"), ("nh_g", "<w:i/>"), ("ui} và tiếp", "<w:u w:val=\"single\"/>")]));
    let out = render(&doc, json!({"kinh_gui": "Tổng Giám đốc"}));
    let xml = part(&out, "word/document.xml");
    assert_eq!(document_text(&out).unwrap(), "Kính gửi: Tổng Giám đốc và tiếp\n");
    assert!(run_with(&xml, "Tổng Giám đốc").contains("<w:b/>"), "the value takes the format of the opening run");
    assert!(run_with(&xml, " và tiếp").contains("<w:u w:val=\"single\"/>"), "text after the field keeps its own format");
    assert!(!xml.contains("nh_g"));
    well_formed(&out);
}

#[test]
fn case02_spelling_marks_inside_a_field() {
    let body = r#"<w:p><w:r><w:t>{</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>ho_ten</w:t></w:r><w:proofErr w:type="spellEnd"/><w:r><w:t>}</w:t></w:r></w:p>"#;
    let out = render(&Doc::new(body), json!({"ho_ten": "Nguyễn Văn A"}));
    assert_eq!(document_text(&out).unwrap(), "Nguyễn Văn A\n");
    well_formed(&out);
}

#[test]
fn case03_bookmark_and_revision_ids_inside_a_field() {
    let body = r#"<w:p w:rsidR="00112233"><w:r w:rsidR="00445566"><w:t>Số: {so_</w:t></w:r><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:r w:rsidR="00778899"><w:t>ky_hieu}</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>"#;
    let out = render(&Doc::new(body), json!({"so_ky_hieu": "……/TTr-TĐKT"}));
    assert_eq!(document_text(&out).unwrap(), "Số: ……/TTr-TĐKT\n");
    let xml = part(&out, "word/document.xml");
    assert!(xml.contains("<w:bookmarkStart w:id=\"0\" w:name=\"_GoBack\"/>"), "bookmarks survive");
    well_formed(&out);
}

#[test]
fn case04_curly_quotes_typed_by_word() {
    let doc = Doc::new(p("Thời gian: {thoi_gian|mac_dinh:“……”}"));
    assert_eq!(document_text(&render(&doc, json!({"thoi_gian": ""}))).unwrap(), "Thời gian: ……\n");
    assert_eq!(document_text(&render(&doc, json!({"thoi_gian": "8 giờ"}))).unwrap(), "Thời gian: 8 giờ\n");
}

fn cell(text: &str, extra: &str) -> String {
    format!(
        r#"<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/>{extra}</w:tcPr><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:tc>"#
    )
}

#[test]
fn case05_loop_over_one_table_row() {
    let row = format!("<w:tr>{}{}</w:tr>", cell("{#each ds}{@index}", ""), cell("{ten}{/each}", ""));
    let body = format!("<w:tbl><w:tblPr/><w:tblGrid/><w:tr>{}{}</w:tr>{row}</w:tbl>", cell("STT", ""), cell("Tên", ""));
    let out = render(&Doc::new(body), json!({"ds": [{"ten": "A"}, {"ten": "B"}, {"ten": "C"}]}));
    let xml = part(&out, "word/document.xml");
    assert_eq!(xml.matches("<w:tr>").count(), 4);
    assert_eq!(document_text(&out).unwrap(), "STT\n\tTên\n\t1\n\tA\n\t2\n\tB\n\t3\n\tC\n\t");
    well_formed(&out);
}

#[test]
fn case06_loop_over_a_block_of_rows_with_a_merged_cell() {
    // Two rows per item; the first column is merged vertically over both.
    let r1 = format!("<w:tr>{}{}</w:tr>", cell("{#each ds}{ten}", "<w:vMerge w:val=\"restart\"/>"), cell("Kế hoạch: {kh|so}", ""));
    let r2 = format!("<w:tr>{}{}</w:tr>", cell("", "<w:vMerge/>"), cell("Thực hiện: {th|so}{/each}", ""));
    let body = format!("<w:tbl><w:tblPr/><w:tblGrid/>{r1}{r2}</w:tbl>");
    let out =
        render(&Doc::new(body), json!({"ds": [{"ten": "Hà Nam", "kh": 1000, "th": 900}, {"ten": "Nam Định", "kh": 2000, "th": 2100}]}));
    let xml = part(&out, "word/document.xml");
    assert_eq!(xml.matches("<w:tr>").count(), 4);
    assert_eq!(xml.matches("<w:vMerge w:val=\"restart\"/>").count(), 2);
    assert_eq!(
        document_text(&out).unwrap(),
        "Hà Nam\n\tKế hoạch: 1.000\n\t\n\tThực hiện: 900\n\tNam Định\n\tKế hoạch: 2.000\n\t\n\tThực hiện: 2.100\n\t"
    );
    well_formed(&out);
}

#[test]
fn case07_nested_loops_paragraphs_around_table_rows() {
    let row = format!("<w:tr>{}{}</w:tr>", cell("{#each dv}{ten}", ""), cell("{ty_le|phan_tram}{/each}", ""));
    let body = [p("{#each cum}"), p("{ten|hoa}"), format!("<w:tbl><w:tblPr/><w:tblGrid/>{row}</w:tbl>"), p("{/each}")].concat();
    let out = render(
        &Doc::new(body),
        json!({"cum": [{"ten": "cụm i", "dv": [{"ten": "A", "ty_le": 0.7}, {"ten": "B", "ty_le": 0.8}]}, {"ten": "cụm ii", "dv": [{"ten": "C", "ty_le": 1}]}]}),
    );
    assert_eq!(document_text(&out).unwrap(), "CỤM\u{a0}I\nA\n\t70,00\u{a0}%\n\tB\n\t80,00\u{a0}%\n\tCỤM\u{a0}II\nC\n\t100,00\u{a0}%\n\t");
    well_formed(&out);
}

#[test]
fn case08_condition_with_else_branch_and_inline() {
    let body = [
        p("{#if co_ca_nhan}"),
        p("Có {so_ca_nhan} cá nhân."),
        p("{#else}"),
        p("Không có cá nhân."),
        p("{/if}"),
        p("Kết quả: {#if dat}Đạt{#else}Không đạt{/if}."),
    ]
    .concat();
    let doc = Doc::new(body);
    assert_eq!(
        document_text(&render(&doc, json!({"co_ca_nhan": true, "so_ca_nhan": 2, "dat": false}))).unwrap(),
        "Có 2 cá nhân.\nKết quả: Không đạt.\n"
    );
    assert_eq!(
        document_text(&render(&doc, json!({"co_ca_nhan": [], "so_ca_nhan": 0, "dat": "x"}))).unwrap(),
        "Không có cá nhân.\nKết quả: Đạt.\n"
    );
}

#[test]
fn case09_a_line_holding_only_a_tag_leaves_no_paragraph() {
    let body = [p("Đầu"), p("{#each ds}"), p("- {.}"), p("{/each}"), p("Cuối")].concat();
    let out = render(&Doc::new(body), json!({"ds": ["a", "b"]}));
    let xml = part(&out, "word/document.xml");
    assert_eq!(xml.matches("<w:p ").count() + xml.matches("<w:p>").count(), 4, "Đầu, a, b, Cuối");
    assert_eq!(document_text(&out).unwrap(), "Đầu\n- a\n- b\nCuối\n");
}

#[test]
fn case10_header_and_footer() {
    let hdr = format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr {NS}>{}</w:hdr>"#, p("{co_quan|hoa}"));
    let ftr = format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr {NS}>{}</w:ftr>"#, p("Trang cuối — {ky}"));
    let doc = Doc::new(p("Thân")).part("word/header1.xml", &hdr).part("word/footer2.xml", &ftr);
    let out = render(&doc, json!({"co_quan": "Bảo hiểm xã hội tỉnh Hà Nam", "ky": "Quý III/2022"}));
    assert!(part(&out, "word/header1.xml").contains("BẢO HIỂM XÃ HỘI TỈNH HÀ NAM"));
    assert!(part(&out, "word/footer2.xml").contains("Trang cuối — Quý\u{a0}III/2022"));
    well_formed(&out);
}

#[test]
fn case11_footnote() {
    let notes = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {NS}><w:footnote w:id="1">{}</w:footnote></w:footnotes>"#,
        p("Theo {van_ban}.")
    );
    let doc = Doc::new(p("Nội dung")).part("word/footnotes.xml", &notes);
    let out = render(&doc, json!({"van_ban": "Công văn 1371/BHXH-TĐKT"}));
    assert!(part(&out, "word/footnotes.xml").contains("Theo Công văn 1371/BHXH-TĐKT."));
}

#[test]
fn case12_text_box_and_its_vml_fallback() {
    let inner = p("{don_vi}");
    let body = format!(
        r#"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:docPr id="1" name="Text Box 1"/><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>ngoài</w:t></w:r></w:p>"#
    );
    let out = render(&Doc::new(body), json!({"don_vi": "BHXH tỉnh Hà Nam"}));
    assert_eq!(part(&out, "word/document.xml").matches("BHXH tỉnh Hà Nam").count(), 2);
    well_formed(&out);
}

#[test]
fn case13_escaping_of_xml_specials() {
    let out = render(&Doc::new(p("{a}")), json!({"a": "R&D <b> \"trích\" 'x'"}));
    assert_eq!(document_text(&out).unwrap(), "R&D <b> \"trích\" 'x'\n");
    assert!(part(&out, "word/document.xml").contains("R&amp;D &lt;b&gt;"));
    well_formed(&out);
}

#[test]
fn case14_a_value_that_looks_like_a_tag_is_not_expanded() {
    let out = render(&Doc::new(p("{a} {b}")), json!({"a": "{b}", "b": "{#each x}"}));
    assert_eq!(document_text(&out).unwrap(), "{b} {#each x}\n");
}

#[test]
fn case15_numbering_restarts_in_each_repetition() {
    let numbering = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {NS}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    let item = r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>{.}</w:t></w:r></w:p>"#;
    let body = [p("{#each nhom|danh_so_lai}"), p("{ten}"), p("{#each ds}"), item.to_string(), p("{/each}"), p("{/each}")].concat();
    let out = render(
        &Doc::new(body).part("word/numbering.xml", &numbering),
        json!({"nhom": [{"ten": "I", "ds": ["a", "b"]}, {"ten": "II", "ds": ["c"]}]}),
    );
    let xml = part(&out, "word/document.xml");
    assert_eq!(xml.matches("<w:numId w:val=\"2\"/>").count(), 2, "first group: its own list");
    assert_eq!(xml.matches("<w:numId w:val=\"3\"/>").count(), 1, "second group: a new list");
    let n = part(&out, "word/numbering.xml");
    assert!(
        n.contains("<w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/>"),
        "{n}"
    );
    well_formed(&out);
}

#[test]
fn case16_a_page_break_between_repetitions_leaves_no_blank_last_page() {
    let brk = r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#;
    let body = [p("{#each ds}"), p("Báo cáo {.}"), brk.to_string(), p("{/each}")].concat();
    let out = render(&Doc::new(body), json!({"ds": ["A", "B", "C"]}));
    let xml = part(&out, "word/document.xml");
    assert_eq!(xml.matches("w:type=\"page\"").count(), 2, "between repetitions only");
    // A page break reads as a line break in the text; the last one is gone.
    assert_eq!(document_text(&out).unwrap(), "Báo cáo A\n\n\nBáo cáo B\n\n\nBáo cáo C\n\n");
}

#[test]
fn case17_unclosed_loop_is_reported_with_its_table_row_and_cell() {
    let row = format!("<w:tr>{}{}</w:tr>", cell("x", ""), cell("{#each ds}{ten}", ""));
    let body = format!("{}<w:tbl><w:tblPr/><w:tblGrid/>{row}</w:tbl>", p("Đầu"));
    let e = errors_of(&Doc::new(body), json!({}));
    assert!(e.contains("khối chưa được đóng"), "{e}");
    assert!(e.contains("phần word/document.xml, bảng 1, dòng 1, ô 2, đoạn 3"), "{e}");
    assert!(e.contains("(\"{#each ds}{ten}\")"), "the text around: {e}");
}

#[test]
fn case18_unknown_field_is_reported_with_its_location() {
    let e = errors_of(&Doc::new([p("Một"), p("Kính gửi: {kinh_gui}.")].concat()), json!({"kinh_gui_": "x"}));
    assert!(
        e.contains(
            "Mẫu \"mau.docx\": dữ liệu không có trường này (phần word/document.xml, đoạn 2 (\"Kính gửi: {kinh_gui}.\"), thẻ {kinh_gui})"
        ),
        "{e}"
    );
}

#[test]
fn case19_every_error_is_reported_at_once() {
    let body = [p("{a|tien}"), p("{#each}"), p("{b c}"), p("{/if}")].concat();
    let e = errors_of(&Doc::new(body), json!({}));
    assert_eq!(e.lines().count(), 4, "{e}");
}

#[test]
fn case20_vietnamese_formatters() {
    let body = p("{n|so}; {r|so:2}; {t|phan_tram}; {d|ngay}; {d|dong_ngay:\"Hà Nội\"}; {tien|bang_chu}; {c|la_ma}; {k|doc_so}");
    let out =
        render(&Doc::new(body), json!({"n": 1234567, "r": 111.155, "t": 0.6820, "d": "2023-01-05", "tien": 2340000, "c": 9, "k": 105}));
    assert_eq!(
        document_text(&out).unwrap(),
        "1.234.567; 111,16; 68,20\u{a0}%; ngày\u{a0}05 tháng\u{a0}01 năm\u{a0}2023; Hà Nội, ngày\u{a0}05\u{a0}tháng\u{a0}01\u{a0}năm\u{a0}2023; Hai triệu ba trăm bốn mươi nghìn đồng; IX; một trăm linh năm\n"
    );
    let out = render(&Doc::new(p("{d|dong_ngay:\"Hà Nam\"}")), json!({"d": "2022-12-25"}));
    assert_eq!(
        document_text(&out).unwrap(),
        "Hà Nam, ngày\u{a0}25\u{a0}tháng\u{a0}12\u{a0}năm\u{a0}2022\n",
        "no padding from day 10 and month 3; the date after the comma bound whole"
    );
}

#[test]
fn case21_line_breaks_and_illegal_characters_in_values() {
    let out = render(&Doc::new(wp(&[("{a}", "<w:b/>")])), json!({"a": "dòng 1\ndòng 2\u{0001}\u{000B}"}));
    let xml = part(&out, "word/document.xml");
    assert!(xml.contains("dòng 1</w:t><w:br/><w:t xml:space=\"preserve\">dòng 2</w:t>"), "{xml}");
    assert!(!xml.contains('\u{1}'));
    well_formed(&out);
}

#[test]
fn case22_document_properties_are_filled() {
    let core = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Tờ trình {ky}</dc:title><dc:creator>thidua</dc:creator></cp:coreProperties>"#;
    let out = render(&Doc::new(p("x")).part("docProps/core.xml", core), json!({"ky": "Quý III/2022 & năm"}));
    assert!(part(&out, "docProps/core.xml").contains("<dc:title>Tờ trình Quý III/2022 &amp; năm</dc:title>"));
    well_formed(&out);
}

#[test]
fn case23_ids_copied_by_a_loop_stay_unique() {
    let drawing = r#"<w:p><w:r><w:drawing><wp:inline><wp:docPr id="5" name="Logo"/></wp:inline></w:drawing></w:r><w:bookmarkStart w:id="3" w:name="muc"/><w:r><w:t>{.}</w:t></w:r><w:bookmarkEnd w:id="3"/></w:p>"#;
    let body = [p("{#each ds}"), drawing.to_string(), p("{/each}")].concat();
    let out = render(&Doc::new(body), json!({"ds": ["a", "b", "c"]}));
    let xml = part(&out, "word/document.xml");
    for i in 1..=3 {
        assert!(xml.contains(&format!("<wp:docPr id=\"{i}\" name=\"Logo\"/>")), "{xml}");
    }
    assert!(xml.contains("w:name=\"muc\"") && xml.contains("w:name=\"muc_2\"") && xml.contains("w:name=\"muc_3\""), "{xml}");
    assert!(
        xml.contains(
            "<w:bookmarkStart w:id=\"2\" w:name=\"muc_3\"/><w:r><w:t xml:space=\"preserve\">c</w:t></w:r><w:bookmarkEnd w:id=\"2\"/>"
        ),
        "{xml}"
    );
    well_formed(&out);
}

#[test]
fn case24_libreoffice_style_runs() {
    // LibreOffice writes fonts on every run and splits at each attribute change.
    let lo = r#"<w:p><w:pPr><w:pStyle w:val="Normal"/><w:rPr></w:rPr></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">Tên đơn vị: {don</w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:b/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">_vi.ten</w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">}</w:t></w:r></w:p>"#;
    let out = render(&Doc::new(lo), json!({"don_vi": {"ten": "BHXH tỉnh Ninh Bình"}}));
    assert_eq!(document_text(&out).unwrap(), "Tên đơn vị: BHXH tỉnh Ninh Bình\n");
    assert!(!run_with(&part(&out, "word/document.xml"), "Ninh Bình").contains("<w:b/>"));
    well_formed(&out);
}

#[test]
fn case25_strict_by_default_and_defaults_allow_empty() {
    let doc = Doc::new(p("[{a}] [{b|mac_dinh:\"\"}] [{c.d}]"));
    let e = errors_of(&doc, json!({"c": {}}));
    assert!(e.contains("thẻ {a}") && e.contains("thẻ {c.d}") && !e.contains("thẻ {b"), "{e}");
    assert_eq!(document_text(&render(&doc, json!({"a": 1, "c": {"d": "x"}}))).unwrap(), "[1] [] [x]\n");
}

#[test]
fn case26_rendering_in_parallel_gives_the_same_bytes() {
    let t = compile(&Doc::new([p("{#each ds}"), p("{ten} {so|so}"), p("{/each}")].concat()));
    let data = json!({"ds": (0..50).map(|i| json!({"ten": format!("Đơn vị {i}"), "so": i * 1000})).collect::<Vec<_>>()});
    let one = t.render(&data).unwrap();
    let all: Vec<Vec<u8>> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..4).map(|_| s.spawn(|| t.render(&data).unwrap())).collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(all.iter().all(|b| *b == one));
}

#[test]
fn case27_template_lists_its_fields() {
    let t = compile(&Doc::new([p("{a} {b.c|so}"), p("{#each ds}"), p("{ten}"), p("{/each}")].concat()));
    assert_eq!(t.fields(), vec!["a", "b.c", "ds[]", "ds[].ten"]);
}

#[test]
fn case28_bare_numbers_are_not_grouped() {
    let out = render(&Doc::new(p("Năm {y}; điểm {d}; {n|so}")), json!({"y": 2022, "d": 97.25, "n": 2022}));
    assert_eq!(document_text(&out).unwrap(), "Năm 2022; điểm 97,25; 2.022\n");
}
