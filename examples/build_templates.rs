//! Writes the default dossier templates `templates/to-trinh.docx`,
//! `templates/bien-ban.docx` and `templates/bao-cao-tom-tat.docx`:
//!
//! ```sh
//! cargo run --example build_templates
//! ```
//!
//! The layout follows Nghị định 30/2020/NĐ-CP (Phụ lục I): A4, margins
//! 20/20/30/15 mm, Times New Roman; the issuing body top left with a short
//! rule under it and "Số: …" below; the national motto top right with a rule
//! under "Độc lập - Tự do - Hạnh phúc" and the place-date line in italics;
//! the title and subject centred in bold; "Nơi nhận" bottom left; the
//! signature block bottom right. The tags are those of
//! `src/render/dossier.rs`. Officers may edit the files in Word; the engine
//! fills whatever they change.

use std::io::Write;

/// Text width: A4 (11906 twips) minus 30 mm left and 15 mm right margins.
const WIDTH: u32 = 11906 - 1701 - 851;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[derive(Clone, Copy, Default)]
struct R {
    bold: bool,
    italic: bool,
    /// Half-points; 0 = the default 14 pt.
    size: u32,
}

const N: R = R { bold: false, italic: false, size: 0 };
const B: R = R { bold: true, italic: false, size: 0 };
const I: R = R { bold: false, italic: true, size: 0 };

fn sized(r: R, pt: u32) -> R {
    R { size: pt * 2, ..r }
}

fn run(text: &str, r: R) -> String {
    let mut pr = String::new();
    if r.bold {
        pr.push_str("<w:b/><w:bCs/>");
    }
    if r.italic {
        pr.push_str("<w:i/><w:iCs/>");
    }
    if r.size > 0 {
        pr.push_str(&format!("<w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/>", r.size));
    }
    let pr = if pr.is_empty() { String::new() } else { format!("<w:rPr>{pr}</w:rPr>") };
    format!("<w:r>{pr}<w:t xml:space=\"preserve\">{}</w:t></w:r>", esc(text))
}

#[derive(Clone, Copy)]
enum Al {
    Left,
    Center,
    Right,
    Both,
}

struct P {
    align: Al,
    indent_first: u32,
    before: u32,
    after: u32,
    /// Short rule under the paragraph: left/right indents of the border.
    rule: Option<(u32, u32)>,
    keep_next: bool,
}

const BODY: P = P { align: Al::Both, indent_first: 567, before: 0, after: 120, rule: None, keep_next: false };
const CENTER: P = P { align: Al::Center, indent_first: 0, before: 0, after: 0, rule: None, keep_next: false };
const LEFT: P = P { align: Al::Left, indent_first: 0, before: 0, after: 0, rule: None, keep_next: false };

fn para(p: &P, runs: &[String]) -> String {
    let jc = match p.align {
        Al::Left => "left",
        Al::Center => "center",
        Al::Right => "right",
        Al::Both => "both",
    };
    let mut pr = String::new();
    if p.keep_next {
        pr.push_str("<w:keepNext/>");
    }
    if let Some((l, r)) = p.rule {
        // A short rule: an empty, 1 pt high paragraph with a bottom border,
        // narrowed by its indents (the text above keeps the full width).
        pr.push_str("<w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"0\" w:color=\"000000\"/></w:pBdr>");
        pr.push_str(&format!(
            "<w:spacing w:before=\"0\" w:after=\"{}\" w:line=\"20\" w:lineRule=\"exact\"/><w:ind w:left=\"{l}\" w:right=\"{r}\"/>",
            p.after
        ));
        pr.push_str("<w:jc w:val=\"center\"/><w:rPr><w:sz w:val=\"2\"/></w:rPr>");
        return format!("<w:p><w:pPr>{pr}</w:pPr></w:p>");
    } else {
        pr.push_str(&format!("<w:spacing w:before=\"{}\" w:after=\"{}\"/>", p.before, p.after));
        if p.indent_first > 0 {
            pr.push_str(&format!("<w:ind w:firstLine=\"{}\"/>", p.indent_first));
        }
    }
    pr.push_str(&format!("<w:jc w:val=\"{jc}\"/>"));
    format!("<w:p><w:pPr>{pr}</w:pPr>{}</w:p>", runs.concat())
}

fn rule(left: u32, right: u32, after: u32) -> String {
    para(&P { rule: Some((left, right)), after, ..CENTER }, &[])
}

fn body(text: &str) -> String {
    para(&BODY, &[run(text, N)])
}

/// A paragraph holding only a block tag: it disappears when rendered.
fn tag(t: &str) -> String {
    para(&LEFT, &[run(t, N)])
}

fn heading(text: &str) -> String {
    para(&P { align: Al::Left, indent_first: 567, before: 120, after: 120, rule: None, keep_next: true }, &[run(text, B)])
}

fn cell(width: u32, content: &str, borders: bool, shade: bool) -> String {
    let b = if borders {
        ""
    } else {
        "<w:tcBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/><w:right w:val=\"nil\"/></w:tcBorders>"
    };
    let s = if shade { "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E7E6E6\"/>" } else { "" };
    format!("<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>{b}{s}<w:vAlign w:val=\"center\"/></w:tcPr>{content}</w:tc>")
}

fn table(widths: &[u32], rows: &[String], borders: bool) -> String {
    let grid: String = widths.iter().map(|w| format!("<w:gridCol w:w=\"{w}\"/>")).collect();
    let b = if borders {
        "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/><w:bottom w:val=\"single\" w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/><w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/></w:tblBorders>"
    } else {
        "<w:tblBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/><w:right w:val=\"nil\"/><w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/></w:tblBorders>"
    };
    let total: u32 = widths.iter().sum();
    format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>{b}<w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{}</w:tbl>",
        rows.concat()
    )
}

/// A bordered list table: a bold header row repeated on every page, then one
/// row per item (`{#each list}` in the first cell, `{/each}` in the last).
fn list_table(list: &str, cols: &[(&str, &str, u32, Al)], pt: u32) -> String {
    let widths: Vec<u32> = cols.iter().map(|c| c.2).collect();
    let small = |t: &str, r: R, al: Al| {
        para(&P { align: al, indent_first: 0, before: 20, after: 20, rule: None, keep_next: false }, &[run(t, sized(r, pt))])
    };
    let head: String = cols.iter().map(|(h, _, w, _)| cell(*w, &small(h, B, Al::Center), true, true)).collect();
    let head = format!("<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>{head}</w:tr>");
    let n = cols.len();
    let row: String = cols
        .iter()
        .enumerate()
        .map(|(i, (_, field, w, al))| {
            let mut t = String::new();
            if i == 0 {
                t.push_str(&format!("{{#each {list}}}"));
            }
            t.push_str(field);
            if i == n - 1 {
                t.push_str("{/each}");
            }
            cell(*w, &small(&t, N, *al), true, false)
        })
        .collect();
    let row = format!("<w:tr><w:trPr><w:cantSplit/></w:trPr>{row}</w:tr>");
    table(&widths, &[head, row], true) + &para(&LEFT, &[])
}

/// Issuing body and national motto, side by side (NĐ 30/2020, Phụ lục I, ô 1–4).
fn letterhead() -> String {
    let (l, r) = (3700, WIDTH - 3700);
    let left = [
        para(&CENTER, &[run("{co_quan_chu_quan}", sized(N, 13))]),
        para(&CENTER, &[run("{co_quan}", sized(B, 13))]),
        rule(1100, 1100, 0),
        para(&P { before: 120, ..CENTER }, &[run("Số: {so_ky_hieu}", sized(N, 13))]),
    ]
    .concat();
    let right = [
        para(&CENTER, &[run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", sized(B, 12))]),
        para(&CENTER, &[run("Độc lập - Tự do - Hạnh phúc", B)]),
        rule(1300, 1300, 0),
        para(&P { before: 120, ..CENTER }, &[run("{dong_ngay}", I)]),
    ]
    .concat();
    table(&[l, r], &[format!("<w:tr>{}{}</w:tr>", cell(l, &left, false, false), cell(r, &right, false, false))], false)
}

fn title(name: &str) -> String {
    [para(&P { before: 360, ..CENTER }, &[run(name, B)]), para(&CENTER, &[run("{trich_yeu}", B)]), rule(3500, 3500, 240)].concat()
}

/// "Nơi nhận" bottom left, signature bottom right (NĐ 30/2020, ô 7–9).
fn signature(left_extra: &str) -> String {
    let (l, r) = (WIDTH / 2, WIDTH - WIDTH / 2);
    let left = [
        para(&LEFT, &[run("Nơi nhận:", sized(R { bold: true, italic: true, size: 0 }, 12))]),
        tag("{#each noi_nhan}"),
        para(&LEFT, &[run("- {.};", sized(N, 11))]),
        tag("{/each}"),
        left_extra.to_string(),
    ]
    .concat();
    let right = [
        para(&CENTER, &[run("{nguoi_ky.quyen_han}", B)]),
        para(&CENTER, &[run("{nguoi_ky.chuc_vu}", B)]),
        para(&P { before: 1200, ..CENTER }, &[run("{nguoi_ky.ho_ten}", B)]),
    ]
    .concat();
    table(&[l, r], &[format!("<w:tr>{}{}</w:tr>", cell(l, &left, false, false), cell(r, &right, false, false))], false)
}

fn to_trinh() -> String {
    [
        letterhead(),
        title("TỜ TRÌNH"),
        para(&P { after: 240, ..CENTER }, &[run("Kính gửi: {kinh_gui}.", N)]),
        tag("{#each can_cu}"),
        body("{.}"),
        tag("{/each}"),
        body("{tom_tat}"),
        tag("{#if tong_tap_the}"),
        heading("1. Tập thể ({tong_tap_the} lượt)"),
        list_table(
            "de_nghi_tap_the",
            &[
                ("STT", "{stt}", 600, Al::Center),
                ("Tên tập thể", "{ten}", 2600, Al::Left),
                ("Hình thức khen thưởng", "{hinh_thuc}", 2700, Al::Left),
                ("Thành tích", "{thanh_tich}", WIDTH - 5900, Al::Left),
            ],
            12,
        ),
        tag("{/if}"),
        tag("{#if co_ca_nhan}"),
        heading("2. Cá nhân ({tong_ca_nhan} người)"),
        list_table(
            "de_nghi_ca_nhan",
            &[
                ("STT", "{stt}", 600, Al::Center),
                ("Họ và tên", "{ho_ten}", 2300, Al::Left),
                ("Chức vụ", "{chuc_vu}", 2000, Al::Left),
                ("Đơn vị", "{don_vi}", 2300, Al::Left),
                ("Hình thức", "{hinh_thuc}", WIDTH - 7200, Al::Left),
            ],
            12,
        ),
        tag("{/if}"),
        body("(Có báo cáo tóm tắt thành tích của từng tập thể kèm theo.)"),
        body("Kính trình {kinh_gui} xem xét, quyết định./."),
        signature(""),
    ]
    .concat()
}

fn bien_ban() -> String {
    let line = |label: &str, field: &str| para(&BODY, &[run(label, B), run(field, N)]);
    [
        letterhead(),
        title("BIÊN BẢN"),
        line("Thời gian: ", "{thoi_gian}"),
        line("Địa điểm: ", "{dia_diem}"),
        line("Chủ trì: ", "{chu_tri}"),
        line("Thư ký: ", "{thu_ky}"),
        line("Thành phần: ", "{thanh_phan}"),
        heading("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU THI ĐUA {ky|hoa}"),
        body("Căn cứ {van_ban}, Hội nghị đã xem xét kết quả thực hiện các chỉ tiêu thi đua {ky} của {so_don_vi} đơn vị ({pham_vi}), xếp theo tỷ lệ thu so với kế hoạch:"),
        list_table(
            "xep_hang",
            &[
                ("STT", "{stt}", 600, Al::Center),
                ("Đơn vị", "{ten}", 1954, Al::Left),
                ("Thu", "{thu}", 900, Al::Right),
                ("BHXH bắt buộc", "{bhxh_bb}", 900, Al::Right),
                ("BHXH tự nguyện", "{bhxh_tn}", 900, Al::Right),
                ("BHYT", "{bhyt}", 900, Al::Right),
                ("Chậm đóng", "{cham_dong}", 900, Al::Right),
                ("Tiêu chí đạt", "{so_tieu_chi_dat}", 800, Al::Center),
                ("Kết quả", "{ket_qua}", 1500, Al::Left),
            ],
            10,
        ),
        body("(Thu: tỷ lệ thu lũy kế so với kế hoạch năm; BHXH bắt buộc, BHXH tự nguyện, BHYT: tỷ lệ phát triển người tham gia so với số phải phát triển; Chậm đóng: tỷ lệ số tiền chậm đóng trên số phải thu.)"),
        heading("II. KẾT QUẢ XÉT KHEN THƯỞNG"),
        tag("{#each hinh_thuc}"),
        para(&BODY, &[run("{ten}: ", B), run("{so_luong} tập thể (số lượng tối đa: {han_muc|mac_dinh:\"không quy định\"}).", N)]),
        tag("{#each don_vi}"),
        body("{stt}. {ten}: {ly_do}."),
        tag("{/each}"),
        tag("{/each}"),
        tag("{#if co_ngoai_so_luong}"),
        para(&BODY, &[run("Các tập thể đủ tiêu chí nhưng ngoài số lượng khen thưởng:", B)]),
        tag("{#each ngoai_so_luong}"),
        body("- {ten} ({hinh_thuc}): {ly_do}."),
        tag("{/each}"),
        tag("{/if}"),
        heading("III. KẾT LUẬN"),
        body("{ket_luan}"),
        body("Biên bản kết thúc vào hồi {gio_ket_thuc} cùng ngày, đã được thông qua trước Hội nghị./."),
        {
            let (l, r) = (WIDTH / 2, WIDTH - WIDTH / 2);
            let side = |role: &str, name: &str| {
                [para(&CENTER, &[run(role, B)]), para(&CENTER, &[run("(Ký, ghi rõ họ tên)", sized(I, 12))]), para(&P { before: 1200, ..CENTER }, &[run(name, B)])].concat()
            };
            table(&[l, r], &[format!("<w:tr>{}{}</w:tr>", cell(l, &side("{thu_ky_ky}", "{thu_ky}"), false, false), cell(r, &side("CHỦ TRÌ", "{chu_tri}"), false, false))], false)
        },
    ]
    .concat()
}

fn bao_cao() -> String {
    [
        letterhead(),
        title("BÁO CÁO TÓM TẮT THÀNH TÍCH"),
        heading("I. THÔNG TIN CHUNG"),
        para(&BODY, &[run("Tên tập thể: ", N), run("{don_vi.ten}", B)]),
        para(&BODY, &[run("Hình thức đề nghị khen thưởng: ", N), run("{hinh_thuc} {ky}", N)]),
        heading("II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU {ky|hoa}"),
        list_table(
            "chi_tieu",
            &[
                ("STT", "{stt}", 600, Al::Center),
                ("Chỉ tiêu", "{ten}", 2254, Al::Left),
                ("Đơn vị tính", "{don_vi_tinh}", 900, Al::Center),
                ("Kế hoạch năm", "{ke_hoach}", 1150, Al::Right),
                ("Thực hiện", "{thuc_hien}", 1150, Al::Right),
                ("Tỷ lệ so với kế hoạch", "{ty_le}", 1000, Al::Right),
                ("Cùng kỳ năm trước", "{cung_ky}", 1150, Al::Right),
                ("So với cùng kỳ", "{so_cung_ky}", 1150, Al::Right),
            ],
            11,
        ),
        heading("III. ĐỐI CHIẾU VỚI TIÊU CHÍ KHEN THƯỞNG"),
        tag("{#each tieu_chi}"),
        para(&BODY, &[run("- {ten}: ", B), run("{ket_qua}", N)]),
        tag("{/each}"),
        heading("IV. XẾP HẠNG"),
        body("{xep_hang}"),
        heading("V. CÁC MÔ HÌNH MỚI, THÀNH TÍCH KHÁC"),
        body("{thanh_tich}"),
        signature(""),
    ]
    .concat()
}

fn document(content: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>{content}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"851\" w:bottom=\"1134\" w:left=\"1701\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/><w:cols w:space=\"720\"/></w:sectPr></w:body></w:document>"
    )
}

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#;

const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;

const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/></Relationships>"#;

fn core(title: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title><dc:creator>thidua</dc:creator><dc:language>vi-VN</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">2022-01-01T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2022-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>"#
    )
}

const APP: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>thidua</Application></Properties>"#;

fn write(path: &str, title: &str, content: &str) -> std::io::Result<()> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let parts: [(&str, String); 7] = [
        ("[Content_Types].xml", CONTENT_TYPES.into()),
        ("_rels/.rels", RELS.into()),
        ("docProps/core.xml", core(title)),
        ("docProps/app.xml", APP.into()),
        ("word/document.xml", document(content)),
        ("word/styles.xml", STYLES.into()),
        ("word/settings.xml", SETTINGS.into()),
    ];
    for (name, text) in parts {
        z.start_file(name, o).map_err(std::io::Error::other)?;
        z.write_all(text.as_bytes())?;
    }
    z.start_file("word/_rels/document.xml.rels", o).map_err(std::io::Error::other)?;
    z.write_all(DOC_RELS.as_bytes())?;
    let bytes = z.finish().map_err(std::io::Error::other)?.into_inner();
    std::fs::write(path, bytes)
}

fn main() -> std::io::Result<()> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "templates".into());
    std::fs::create_dir_all(&dir)?;
    write(&format!("{dir}/to-trinh.docx"), "Tờ trình đề nghị khen thưởng", &to_trinh())?;
    write(&format!("{dir}/bien-ban.docx"), "Biên bản xét khen thưởng", &bien_ban())?;
    write(&format!("{dir}/bao-cao-tom-tat.docx"), "Báo cáo tóm tắt thành tích", &bao_cao())?;
    println!("Đã ghi các mẫu vào {dir}/");
    Ok(())
}
