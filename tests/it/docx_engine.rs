//! The DOCX template engine on small documents built here.

use serde_json::json;
use std::io::Write;
use thidua::render::docx::{document_text, Template};

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

fn docx(body: &str) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    let files = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string()),
        ("word/document.xml", format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>"#)),
    ];
    for (n, c) in files {
        z.start_file(n, o).unwrap();
        z.write_all(c.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

fn p(runs: &[&str]) -> String {
    let rs: String = runs.iter().map(|r| format!("<w:r><w:rPr><w:b/></w:rPr><w:t>{r}</w:t></w:r>")).collect();
    format!("<w:p>{rs}</w:p>")
}

fn render(body: &str, data: serde_json::Value) -> String {
    let t = Template::compile(&docx(body), "test.docx")
        .unwrap_or_else(|e| panic!("{}", e.iter().map(|x| x.to_string()).collect::<Vec<_>>().join("\n")));
    let out = t.render(&data).unwrap_or_else(|e| panic!("{}", e.iter().map(|x| x.to_string()).collect::<Vec<_>>().join("\n")));
    document_text(&out).unwrap()
}

fn errors(body: &str, data: serde_json::Value) -> String {
    match Template::compile(&docx(body), "test.docx") {
        Err(e) => e.iter().map(|x| x.to_string()).collect::<Vec<_>>().join("\n"),
        Ok(t) => match t.render(&data) {
            Err(e) => e.iter().map(|x| x.to_string()).collect::<Vec<_>>().join("\n"),
            Ok(_) => String::new(),
        },
    }
}

#[test]
fn a_tag_split_over_runs_is_filled() {
    let body = p(&["Kính gửi: {ki", "nh_g", "ui}", " và {x}."]);
    assert_eq!(render(&body, json!({"kinh_gui": "Tổng Giám đốc", "x": "A & <B>"})), "Kính gửi: Tổng Giám đốc và A & <B>.\n");
}

#[test]
fn table_row_loop_repeats_the_row() {
    let row = "<w:tr><w:tc><w:p><w:r><w:t>{#each ds}{@index}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>{ten}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>{so|so}{/each}</w:t></w:r></w:p></w:tc></w:tr>";
    let head = "<w:tr><w:tc><w:p><w:r><w:t>STT</w:t></w:r></w:p></w:tc></w:tr>";
    let body = format!("<w:tbl>{head}{row}</w:tbl>");
    let text =
        render(&body, json!({"ds": [{"ten": "Hà Nam", "so": 1234567}, {"ten": "Nam Định", "so": 2}, {"ten": "Ninh Bình", "so": 30}]}));
    assert_eq!(text, "STT\n\t1\n\tHà Nam\n\t1.234.567\n\t2\n\tNam Định\n\t2\n\t3\n\tNinh Bình\n\t30\n\t");
}

#[test]
fn paragraph_loops_nest_and_conditions_choose() {
    let body = [
        p(&["{#each cum}"]),
        p(&["Cụm {ten}:"]),
        p(&["{#each dv}"]),
        p(&["- {ten} ({@index})"]),
        p(&["{/each}"]),
        p(&["{/each}"]),
        p(&["{#if co}"]),
        p(&["Có cá nhân."]),
        p(&["{#else}"]),
        p(&["Không có cá nhân."]),
        p(&["{/if}"]),
        p(&["Tổng: {#if !co}không{/if} {n|so:2}"]),
    ]
    .concat();
    let text = render(
        &body,
        json!({"cum": [{"ten": "I", "dv": [{"ten": "A"}, {"ten": "B"}]}, {"ten": "II", "dv": [{"ten": "C"}]}], "co": false, "n": 1234.567}),
    );
    assert_eq!(text, "Cụm I:\n- A (1)\n- B (2)\nCụm II:\n- C (1)\nKhông có cá nhân.\nTổng: không 1.234,57\n");
}

#[test]
fn formatters() {
    let body = p(&["{r|phan_tram}; {d|ngay}; {t|hoa}; {q|la_ma}; {m|mac_dinh:\"……\"}; {l}"]);
    let text = render(&body, json!({"r": 0.682, "d": "2023-01-05", "t": "bhxh tỉnh hà nam", "q": 3, "m": "", "l": "dòng 1\ndòng 2"}));
    assert_eq!(text, "68,20\u{a0}%; ngày\u{a0}05 tháng\u{a0}01 năm\u{a0}2023; BHXH TỈNH HÀ NAM; III; ……; dòng 1\ndòng 2\n");
}

#[test]
fn missing_fields_and_bad_blocks_name_the_place() {
    let e = errors(&[p(&["Đầu"]), p(&["Kính gửi {kinh_gui}"])].concat(), json!({}));
    assert!(e.contains("Mẫu \"test.docx\"") && e.contains("đoạn 2") && e.contains("{kinh_gui}"), "{e}");
    let e = errors(&p(&["{#each ds}{ten}"]), json!({}));
    assert!(e.contains("chưa được đóng"), "{e}");
    let e = errors(&p(&["{x|tien_te}"]), json!({"x": 1}));
    assert!(e.contains("tien_te"), "{e}");
    let e = errors(&p(&["{#if a}x{/each}"]), json!({"a": true}));
    assert!(e.contains("không khớp"), "{e}");
}

#[test]
fn values_are_text_never_markup_or_tags() {
    let text = render(&p(&["{x}"]), json!({"x": "</w:t><w:p>{y}"}));
    assert_eq!(text, "</w:t><w:p>{y}\n");
}

#[test]
fn rendering_is_deterministic_and_keeps_other_parts() {
    let t = Template::compile(&docx(&p(&["{x}"])), "t.docx").unwrap();
    let a = t.render(&json!({"x": "1"})).unwrap();
    let b = t.render(&json!({"x": "1"})).unwrap();
    assert_eq!(a, b);
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(a)).unwrap();
    let mut rels = String::new();
    std::io::Read::read_to_string(&mut z.by_name("_rels/.rels").unwrap(), &mut rels).unwrap();
    assert!(rels.contains("officeDocument"));
}

#[test]
fn hostile_templates_are_refused() {
    let body = "<w:p/>";
    let mut bytes = docx(body);
    // DOCTYPE in the document part.
    let evil = String::from_utf8(bytes.clone()).ok();
    assert!(evil.is_none() || !evil.unwrap().is_empty());
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    z.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
    z.write_all(b"<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaa\">]><w:document>&a;</w:document>").unwrap();
    bytes = z.finish().unwrap().into_inner();
    let e = Template::compile(&bytes, "evil.docx").err().unwrap();
    assert!(e[0].to_string().contains("DOCTYPE"), "{}", e[0]);
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    z.start_file("../../word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
    z.write_all(b"<a/>").unwrap();
    let e = Template::compile(&z.finish().unwrap().into_inner(), "escape.docx").err().unwrap();
    assert!(e[0].to_string().contains("không an toàn"), "{}", e[0]);
    assert!(Template::compile(b"not a zip", "x.docx").is_err());
}

#[test]
fn every_default_template_fills_with_its_sample_data() {
    for (name, bytes, sample) in thidua::render::docx::BUILTIN {
        let t = Template::compile(bytes, name).unwrap_or_else(|e| panic!("{name}: {}", e[0]));
        let data: serde_json::Value = serde_json::from_str(sample).unwrap();
        let (missing, _) = thidua::render::docx::compare_fields(&t.fields(), &data);
        assert!(missing.is_empty(), "{name}: {missing:?}");
        let out = t.render(&data).unwrap_or_else(|e| panic!("{name}: {}", e[0]));
        let text = document_text(&out).unwrap();
        assert!(!text.contains('{'), "{name}: a tag is left in {text}");
        assert!(text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") && text.contains("Độc lập - Tự do - Hạnh phúc"), "{name}");
        // Page numbers from page 2: a PAGE field in the default header, none on the first page.
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(&out)).unwrap();
        let mut h = String::new();
        std::io::Read::read_to_string(&mut z.by_name("word/header1.xml").unwrap(), &mut h).unwrap();
        assert!(h.contains(" PAGE "), "{name}");
        let mut d = String::new();
        std::io::Read::read_to_string(&mut z.by_name("word/document.xml").unwrap(), &mut d).unwrap();
        assert!(d.contains("<w:titlePg/>") && d.contains("w:type=\"first\""), "{name}");
        assert!(d.contains("<w:pgMar w:top=\"1134\" w:right=\"851\" w:bottom=\"1134\" w:left=\"1701\""), "{name}: NĐ 30 margins");
    }
}

#[test]
fn templates_check_lists_missing_and_unused_fields() {
    let dir = tempfile::tempdir().unwrap();
    let tpl = dir.path().join("to-trinh.docx");
    std::fs::write(&tpl, docx(&p(&["Kính gửi {kinh_gui}; {#each ds}{ten}{/each}; {them}"]))).unwrap();
    let data = dir.path().join("d.json");
    std::fs::write(&data, r#"{"kinh_gui": "A", "ds": [{"ten": "x", "thua": 1}], "khong_dung": 2}"#).unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["templates", "check", tpl.to_str().unwrap(), "--data", data.to_str().unwrap()])
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("thẻ {them}"), "{out}");
    assert!(out.contains("Trường trong mẫu mà dữ liệu không có: them"), "{out}");
    assert!(out.contains("Dữ liệu có nhưng mẫu không dùng: ds[].thua, khong_dung"), "{out}");
}
