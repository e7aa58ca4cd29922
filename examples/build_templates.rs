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
//! `src/render/quarterly/dossier.rs`. Officers may edit the files in Word; the engine
//! fills whatever they change.

use std::io::Write;

/// Text width: A4 (11906 twips) minus 30 mm left and 15 mm right margins.
const WIDTH: u32 = 11906 - 1701 - 851;

/// The header's left column (74 mm): wide enough for "VỤ THI ĐUA - KHEN
/// THƯỞNG" on one line at 13 pt, leaving the right column room for the
/// national motto at 12 pt. Longer names are set on lines by the
/// `ten_co_quan` formatter (`thidua::vn::format::HEADER_EMS`).
const HEADER_LEFT: u32 = 4200;

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
    /// Keep the paragraph's lines on one page (w:keepLines).
    keep_lines: bool,
    /// Start a new page (w:pageBreakBefore): an annex.
    page_before: bool,
}

const BODY: P =
    P { align: Al::Both, indent_first: 567, before: 0, after: 120, rule: None, keep_next: false, keep_lines: false, page_before: false };
const CENTER: P =
    P { align: Al::Center, indent_first: 0, before: 0, after: 0, rule: None, keep_next: false, keep_lines: false, page_before: false };
const LEFT: P =
    P { align: Al::Left, indent_first: 0, before: 0, after: 0, rule: None, keep_next: false, keep_lines: false, page_before: false };
/// A closing paragraph: kept whole and with the signature block after it.
const CLOSING: P = P { keep_next: true, keep_lines: true, ..BODY };

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
    if p.keep_lines {
        pr.push_str("<w:keepLines/>");
    }
    if p.page_before {
        pr.push_str("<w:pageBreakBefore/>");
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

/// A heading, kept with what follows it and never split.
fn heading(text: &str) -> String {
    para(&P { align: Al::Left, indent_first: 567, before: 120, after: 120, keep_next: true, keep_lines: true, ..BODY }, &[run(text, B)])
}

/// A bold sub-heading in body style ("2. Hình thức khen thưởng"), kept with
/// what follows it.
fn subheading(text: &str) -> String {
    para(&P { keep_next: true, keep_lines: true, ..BODY }, &[run(text, B)])
}

fn cell(width: u32, content: &str, borders: bool, shade: bool) -> String {
    cell_aligned(width, content, borders, shade, "center")
}

/// `cell`, its content set at `v_align` ("top", "center") of the row.
fn cell_aligned(width: u32, content: &str, borders: bool, shade: bool, v_align: &str) -> String {
    let b = if borders {
        ""
    } else {
        "<w:tcBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/><w:right w:val=\"nil\"/></w:tcBorders>"
    };
    let s = if shade { "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E7E6E6\"/>" } else { "" };
    format!("<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>{b}{s}<w:vAlign w:val=\"{v_align}\"/></w:tcPr>{content}</w:tc>")
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
    let small = |t: &str, r: R, al: Al| para(&P { align: al, before: 20, after: 20, ..LEFT }, &[run(t, sized(r, pt))]);
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

/// Marks a signature table (its alternative text, harmless to Word and
/// LibreOffice): `document` keeps the closing paragraph before it with it.
const SIGNATURE_CAPTION: &str = "<w:tblCaption w:val=\"Chữ ký\"/>";

/// A borderless table of signature blocks: each row is one `cells` list;
/// rows never split across pages, and every row but the last is kept with
/// the next (keepNext on each of its paragraphs), so the whole block moves
/// as one. `document` keeps the paragraph before it with it. Its cells
/// start at the top, as Nghị định 30/2020 (Phụ lục I) sets "Nơi nhận" level
/// with the signer's authority, whatever the height of either side.
fn signature_table(widths: &[u32], rows: &[Vec<String>]) -> String {
    let n = rows.len();
    let trs: Vec<String> = rows
        .iter()
        .enumerate()
        .map(|(i, cells)| {
            let tcs: String = cells
                .iter()
                .zip(widths)
                .map(|(c, w)| {
                    let c = if i + 1 < n { c.replace("<w:pPr>", "<w:pPr><w:keepNext/>") } else { c.clone() };
                    cell_aligned(*w, &c, false, false, "top")
                })
                .collect();
            format!("<w:tr><w:trPr><w:cantSplit/></w:trPr>{tcs}</w:tr>")
        })
        .collect();
    table(widths, &trs, false).replacen("<w:tblPr>", &format!("<w:tblPr>{SIGNATURE_CAPTION}"), 1)
}

/// "Nơi nhận" (Nghị định 30/2020, Phụ lục I, ô 9a): the last item ends
/// with "." and the others with ";".
fn noi_nhan() -> String {
    [
        para(&LEFT, &[run("Nơi nhận:", sized(R { bold: true, italic: true, size: 0 }, 12))]),
        tag("{#each noi_nhan}"),
        para(&LEFT, &[run("- {.}{#if @cuoi}.{#else};{/if}", sized(N, 11))]),
        tag("{/each}"),
    ]
    .concat()
}

/// Gives the last real paragraph before each signature table keepNext and
/// keepLines (block tags disappear when rendered, so they are skipped):
/// the closing text and the signature share one page, whatever the body's
/// length, and the signature is never alone on a page.
fn keep_with_signatures(content: &str) -> String {
    let mut out = content.to_string();
    let marks: Vec<usize> = content.match_indices(SIGNATURE_CAPTION).map(|(i, _)| i).collect();
    // From the last table back, so that an edit never moves a mark still to do.
    for &at in marks.iter().rev() {
        let mut end = out[..at].rfind("<w:tbl>").expect("signature table start");
        while out[..end].ends_with("</w:p>") {
            let start = out[..end].rfind("<w:p>").expect("paragraph start");
            let text: String =
                out[start..end].split("<w:t xml:space=\"preserve\">").skip(1).map(|t| &t[..t.find("</w:t>").unwrap_or(0)]).collect();
            let text = text.trim();
            let block_tag = (text.starts_with("{#") || text.starts_with("{/")) && text.ends_with('}') && text.matches('{').count() == 1;
            if text.is_empty() || block_tag {
                end = start;
                continue;
            }
            let p = out[start..end].to_string();
            if !p.contains("<w:keepNext/>") {
                out.replace_range(start..end, &p.replacen("<w:pPr>", "<w:pPr><w:keepNext/><w:keepLines/>", 1));
            }
            break;
        }
    }
    out
}

/// Issuing body and national motto, side by side (NĐ 30/2020, Phụ lục I, ô 1–4).
fn letterhead() -> String {
    let (l, r) = (HEADER_LEFT, WIDTH - HEADER_LEFT);
    let left = [
        para(&CENTER, &[run("{co_quan_chu_quan|ten_co_quan}", sized(N, 13))]),
        para(&CENTER, &[run("{co_quan|ten_co_quan}", sized(B, 13))]),
        rule(1350, 1350, 0),
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

/// The signer's block: authority, title, room to sign, name.
fn signer() -> String {
    [
        para(&CENTER, &[run("{nguoi_ky.quyen_han}", B)]),
        para(&CENTER, &[run("{nguoi_ky.chuc_vu}", B)]),
        para(&P { before: 1200, ..CENTER }, &[run("{nguoi_ky.ho_ten}", B)]),
    ]
    .concat()
}

/// "Nơi nhận" bottom left, signature bottom right (NĐ 30/2020, ô 7–9).
fn signature(left_extra: &str) -> String {
    let (l, r) = (WIDTH / 2, WIDTH - WIDTH / 2);
    let left = [noi_nhan(), left_extra.to_string()].concat();
    signature_table(&[l, r], &[vec![left, signer()]])
}

/// The signature alone, bottom right: a report that is sent with a tờ
/// trình and has no "Kính gửi" has no "Nơi nhận" either (as Mẫu số 01).
fn signature_only() -> String {
    let (l, r) = (WIDTH / 2, WIDTH - WIDTH / 2);
    signature_table(&[l, r], &[vec![para(&LEFT, &[]), signer()]])
}

/// Tờ trình: the proposal in a few paragraphs, signed on the page of its
/// closing line; the lists of collectives and individuals go to an annex
/// (Phụ lục) on a page of its own, so that a list of any length never pushes
/// the signature away.
fn to_trinh() -> String {
    // The basis of each proposal (vote, place, rate), short; a unit's own
    // achievements are in its report, attached. The widest column holds
    // it, at 11 pt as the other annex tables.
    let collectives = list_table(
        "de_nghi_tap_the",
        &[
            ("STT", "{stt}", 600, Al::Center),
            ("Tên tập thể", "{ten}", 2200, Al::Left),
            ("Hình thức khen thưởng", "{hinh_thuc}", 2200, Al::Left),
            ("Cơ sở đề nghị", "{thanh_tich}", WIDTH - 5000, Al::Left),
        ],
        11,
    );
    let individuals = list_table(
        "de_nghi_ca_nhan",
        &[
            ("STT", "{stt}", 600, Al::Center),
            ("Họ và tên", "{ho_ten}", 1700, Al::Left),
            ("Chức vụ", "{chuc_vu}", 1500, Al::Left),
            ("Đơn vị", "{don_vi}", 1800, Al::Left),
            ("Hình thức", "{hinh_thuc}", 1800, Al::Left),
            ("Thành tích", "{thanh_tich|mac_dinh:\"……\"}", WIDTH - 7400, Al::Left),
        ],
        11,
    );
    let annex_title = [
        para(&P { page_before: true, keep_next: true, ..CENTER }, &[run("PHỤ LỤC", B)]),
        para(&P { keep_next: true, ..CENTER }, &[run("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", B)]),
        para(&P { keep_next: true, after: 240, ..CENTER }, &[run("(Kèm theo Tờ trình số {so_ky_hieu} {ngay_van_ban})", I)]),
    ]
    .concat();
    [
        letterhead(),
        title("TỜ TRÌNH"),
        para(&P { after: 240, ..CENTER }, &[run("Kính gửi: {kinh_gui}.", N)]),
        tag("{#each can_cu}"),
        body("{.}"),
        tag("{/each}"),
        body("{tom_tat}"),
        body("{kem_theo|mac_dinh:\"(Có danh sách và báo cáo tóm tắt thành tích của từng tập thể kèm theo.)\"}"),
        para(&CLOSING, &[run("Kính trình {kinh_gui} xem xét, quyết định./.", N)]),
        signature(""),
        tag("{#if tong_tap_the}"),
        annex_title.clone(),
        heading("I. TẬP THỂ ({dem_tap_the|mac_dinh:\"……\"})"),
        collectives,
        // What every row would repeat (the flags' standard), said once.
        tag("{#each ghi_chu_tap_the}"),
        para(&P { before: 60, ..BODY }, &[run("{.}", sized(I, 11))]),
        tag("{/each}"),
        tag("{/if}"),
        tag("{#if co_ca_nhan}"),
        tag("{#if !tong_tap_the}"),
        annex_title,
        tag("{/if}"),
        heading("II. CÁ NHÂN ({tong_ca_nhan} người)"),
        individuals,
        tag("{/if}"),
        to_trinh_outside(),
        to_trinh_annex(),
    ]
    .concat()
}

/// Collectives and individuals outside the sector, listed as Ban Quản lý
/// Thu - Sổ, Thẻ proposed them (Công văn 1371, mục B.IV.2.c).
fn to_trinh_outside() -> String {
    [
        tag("{#if co_ngoai_nganh}"),
        heading("{muc_ngoai_nganh}. TẬP THỂ, CÁ NHÂN NGOÀI NGÀNH ({tong_ngoai_nganh})"),
        body("{ngoai_nganh_can_cu}:"),
        list_table(
            "ngoai_nganh",
            &[
                ("STT", "{stt}", 600, Al::Center),
                ("Tên tập thể, cá nhân", "{ten}", 2000, Al::Left),
                ("Chức vụ, đơn vị công tác", "{chuc_vu}", 1900, Al::Left),
                ("Hình thức", "{hinh_thuc}", 1600, Al::Left),
                ("Thành tích", "{thanh_tich}", WIDTH - 7700, Al::Left),
                ("Đề xuất", "{de_xuat}", 1600, Al::Left),
            ],
            11,
        ),
        tag("{/if}"),
    ]
    .concat()
}

/// Annex: the people the units listed who are not proposed, with why
/// (over the unit's quota, or the unit not awarded in the period).
fn to_trinh_annex() -> String {
    [
        tag("{#if co_phu_luc_ca_nhan}"),
        para(&P { before: 0, ..CENTER }, &["<w:r><w:br w:type=\"page\"/></w:r>".to_string(), run("PHỤ LỤC", B)]),
        para(&CENTER, &[run("CÁ NHÂN ĐƠN VỊ ĐỀ NGHỊ NHƯNG KHÔNG ĐƯA VÀO DANH SÁCH TRÌNH ({tong_phu_luc_ca_nhan} người)", B)]),
        para(&P { after: 240, ..CENTER }, &[run("(Kèm theo Tờ trình số {so_ky_hieu} {ngay_van_ban})", I)]),
        list_table(
            "phu_luc_ca_nhan",
            &[
                ("STT", "{stt}", 600, Al::Center),
                ("Họ và tên", "{ho_ten}", 1900, Al::Left),
                ("Đơn vị", "{don_vi}", 1900, Al::Left),
                ("Kết quả", "{ket_qua}", 1400, Al::Left),
                ("Lý do", "{ly_do}", WIDTH - 5800, Al::Left),
            ],
            11,
        ),
        // The rule behind a reason several rows share, once.
        tag("{#each phu_luc_ghi_chu}"),
        para(&P { before: 120, ..BODY }, &[run("{.}", sized(I, 11))]),
        tag("{/each}"),
        tag("{/if}"),
    ]
    .concat()
}

/// Báo cáo tóm tắt thành tích of an individual, or of a central unit put
/// forward (Công văn 1371, mục B.V.2), signed by the head of the unit.
fn bao_cao_ca_nhan() -> String {
    [
        letterhead(),
        title("BÁO CÁO TÓM TẮT THÀNH TÍCH"),
        heading("I. THÔNG TIN CHUNG"),
        tag("{#if ca_nhan}"),
        para(&BODY, &[run("Họ và tên: ", N), run("{ho_ten}", B)]),
        para(&BODY, &[run("Chức vụ: ", N), run("{chuc_vu}", N)]),
        para(&BODY, &[run("Đơn vị công tác: ", N), run("{don_vi}", N)]),
        tag("{#else}"),
        para(&BODY, &[run("Tên tập thể: ", N), run("{don_vi}", B)]),
        tag("{#if de_xuat}"),
        para(&BODY, &[run("Đơn vị đề xuất: ", N), run("{de_xuat}", N)]),
        tag("{/if}"),
        tag("{/if}"),
        para(&BODY, &[run("Hình thức đề nghị khen thưởng: ", N), run("{hinh_thuc} {ky}", N)]),
        heading("II. THÀNH TÍCH ĐẠT ĐƯỢC {ky|hoa}"),
        tag("{#each thanh_tich}"),
        body("{.}"),
        tag("{/each}"),
        tag("{#if co_ket_qua_don_vi}"),
        heading("III. KẾT QUẢ CỦA ĐƠN VỊ {ky|hoa}"),
        tag("{#each ket_qua_don_vi}"),
        body("- {.}."),
        tag("{/each}"),
        tag("{/if}"),
        para(&P { keep_next: true, ..BODY }, &[run("Căn cứ: ", I), run("{can_cu}.", I)]),
        signature_kept(),
    ]
    .concat()
}

/// The signature block as one row that cannot split, kept with the text
/// above it (SPEC §14).
fn signature_kept() -> String {
    signature("").replacen("<w:tr>", "<w:tr><w:trPr><w:cantSplit/></w:trPr>", 1)
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
        tag("{#if chua_xac_dinh}"),
        body("{chua_xac_dinh}"),
        tag("{/if}"),
        heading("II. KẾT QUẢ XÉT KHEN THƯỞNG"),
        tag("{#each hinh_thuc}"),
        para(&P { keep_next: true, ..BODY }, &[run("{ten}: ", B), run("{so_luong} tập thể (số lượng tối đa: {han_muc|mac_dinh:\"không quy định\"}).", N)]),
        tag("{#each don_vi}"),
        body("{stt}. {ten}: {ly_do}."),
        tag("{/each}"),
        tag("{/each}"),
        tag("{#if han_muc_ghi_chu}"),
        body("{han_muc_ghi_chu}"),
        tag("{/if}"),
        tag("{#if co_ngoai_so_luong}"),
        para(&CLOSING, &[run("Các tập thể đủ tiêu chí nhưng ngoài số lượng khen thưởng: ", B), run("{ngoai_so_luong_cau}", N)]),
        list_table(
            "ngoai_so_luong",
            &[
                ("STT", "{stt}", 600, Al::Center),
                ("Đơn vị", "{ten}", 2754, Al::Left),
                ("Hình thức", "{hinh_thuc}", 2000, Al::Left),
                ("Chỉ tiêu xếp hạng", "{chi_tieu}", 1400, Al::Right),
                ("Xếp thứ", "{xep_thu}", 1000, Al::Center),
                ("Ghi chú", "{ghi_chu|mac_dinh:\"\"}", WIDTH - 7754, Al::Left),
            ],
            11,
        ),
        tag("{/if}"),
        heading("III. KẾT LUẬN"),
        body("{ket_luan}"),
        para(&CLOSING, &[run("Biên bản kết thúc vào hồi {gio_ket_thuc} cùng ngày, đã được thông qua trước Hội nghị./.", N)]),
        minutes_signatures(("{thu_ky_ky}", "(Ký, ghi rõ họ tên)", "{thu_ky_ten}"), ("CHỦ TRÌ", "(Ký, ghi rõ họ tên)", "{chu_tri_ten}")),
    ]
    .concat()
}

fn bao_cao() -> String {
    [
        letterhead(),
        title("BÁO CÁO TÓM TẮT THÀNH TÍCH"),
        heading("I. THÔNG TIN CHUNG"),
        para(&BODY, &[run("Tên tập thể: ", N), run("{don_vi.ten}", B)]),
        para(&BODY, &[run("Hình thức đề nghị khen thưởng {ky}: ", N), run("{hinh_thuc}", N)]),
        heading("II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU {ky|hoa}"),
        list_table(
            "chi_tieu",
            &[
                ("STT", "{stt}", 600, Al::Center),
                ("Chỉ tiêu", "{ten}", 2254, Al::Left),
                ("Đơn vị tính", "{don_vi_tinh}", 900, Al::Center),
                ("Kế hoạch năm", "{ke_hoach}", 1150, Al::Right),
                ("Thực hiện", "{thuc_hien}", 1150, Al::Right),
                ("Tỷ lệ hoàn thành kế hoạch (*)", "{ty_le}", 1000, Al::Right),
                ("Cùng kỳ năm trước", "{cung_ky}", 1150, Al::Right),
                ("So với cùng kỳ", "{so_cung_ky}", 1150, Al::Right),
            ],
            11,
        ),
        // The participants' rate is their growth against what the year must
        // add, not "Thực hiện" over "Kế hoạch năm" beside it (Công văn 1371,
        // mục B.II.1.a): said under the table, in the regulation's words.
        para(
            &BODY,
            &[run(
                "(*) Thu: số thu lũy kế so với kế hoạch năm. Người tham gia: số người tham gia phát triển lũy kế từ đầu năm so với số người tham gia phải phát triển cả năm (số người theo kế hoạch giao năm trừ số người tham gia tính đến 31/12 năm trước), theo Công văn số 1371/BHXH-TĐKT, mục B.II.1.a.",
                I,
            )],
        ),
        heading("III. ĐỐI CHIẾU VỚI TIÊU CHÍ KHEN THƯỞNG"),
        tag("{#each tieu_chi}"),
        para(&BODY, &[run("- {ten}: ", B), run("{ket_qua}", N)]),
        tag("{/each}"),
        heading("IV. XẾP HẠNG"),
        body("{xep_hang}"),
        heading("V. CÁC MÔ HÌNH MỚI, THÀNH TÍCH KHÁC"),
        para(&CLOSING, &[run("{thanh_tich}", N)]),
        signature_only(),
    ]
    .concat()
}

/// One side of signatures side by side: its title with the note under it,
/// and the signer's name with the room to sign above it, each for a row of
/// its own (`side_by_side`).
fn signature_side((role, note, name): (&str, &str, &str)) -> (String, String) {
    (
        [para(&CENTER, &[run(role, B)]), para(&CENTER, &[run(note, sized(I, 12))])].concat(),
        para(&P { before: 1200, ..CENTER }, &[run(name, B)]),
    )
}

/// Two signatures side by side: the titles in one row and the names in
/// the next, so that both names stand on one line when one title takes
/// two lines ("XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG" beside "GIÁM ĐỐC").
fn side_by_side(left: (&str, &str, &str), right: (&str, &str, &str)) -> [Vec<String>; 2] {
    let ((left_title, left_name), (right_title, right_name)) = (signature_side(left), signature_side(right));
    [vec![left_title, right_title], vec![left_name, right_name]]
}

/// A small borderless two-column block for signatures side by side.
fn two_signatures(left: (&str, &str, &str), right: (&str, &str, &str)) -> String {
    let (l, r) = (WIDTH / 2, WIDTH - WIDTH / 2);
    signature_table(&[l, r], &side_by_side(left, right))
}

/// The signatures of minutes, then their "Nơi nhận" bottom left (Nghị định
/// 30/2020, Phụ lục III, mẫu 1.5 Biên bản), kept together as one block.
fn minutes_signatures(left: (&str, &str, &str), right: (&str, &str, &str)) -> String {
    let (l, r) = (WIDTH / 2, WIDTH - WIDTH / 2);
    let [titles, names] = side_by_side(left, right);
    signature_table(&[l, r], &[titles, names, vec![noi_nhan(), para(&LEFT, &[])]])
}

/// Biên bản họp Khối/Cụm thi đua bình xét cuối năm (Hướng dẫn 3636, mục B.IV):
/// attendance, the score ranking, the vote tally, units not considered or
/// deferred with the reason, the units voted for each award, next year's
/// head and deputy, signatures of the secretary and the chair.
fn bien_ban_cum() -> String {
    let line = |label: &str, field: &str| para(&BODY, &[run(label, B), run(field, N)]);
    [
        letterhead(),
        title("BIÊN BẢN"),
        line("Thời gian: ", "{thoi_gian|mac_dinh:\"……\"}"),
        line("Địa điểm: ", "{dia_diem|mac_dinh:\"……\"}"),
        line("Chủ trì: ", "{chu_tri|mac_dinh:\"……\"}"),
        line("Thư ký: ", "{thu_ky|mac_dinh:\"……\"}"),
        line("Thành phần: ", "{thanh_phan|mac_dinh:\"……\"}."),
        body("Đơn vị thành viên của {ten_cum} ({so_thanh_vien} đơn vị): {don_vi_thanh_vien}."),
        tag("{#if vang}"),
        body("Vắng: {vang}."),
        tag("{/if}"),
        heading("I. KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG THI ĐUA NĂM {nam}"),
        // With the cross-scores' column where members score each other;
        // without it where they do not (a column of dashes otherwise).
        tag("{#if co_diem_cheo}"),
        list_table(
            "xep_hang",
            &[
                ("STT", "{stt}", 600, Al::Center),
                ("Đơn vị", "{ten}", 2000, Al::Left),
                ("Điểm tự chấm (thẩm định)", "{diem_tu_cham|so:2}", 1000, Al::Right),
                ("Bình quân điểm chấm chéo", "{diem_cheo|so:2|mac_dinh:\"—\"}", 1000, Al::Right),
                ("Tổng điểm", "{diem|so:2}", 1000, Al::Right),
                ("Xếp hạng", "{hang}", 700, Al::Center),
                ("Ghi chú", "{ghi_chu|mac_dinh:\"\"}", WIDTH - 6300, Al::Left),
            ],
            11,
        ),
        tag("{/if}"),
        tag("{#if !co_diem_cheo}"),
        list_table(
            "xep_hang",
            &[
                ("STT", "{stt}", 600, Al::Center),
                ("Đơn vị", "{ten}", 2400, Al::Left),
                ("Điểm tự chấm (thẩm định)", "{diem_tu_cham|so:2}", 1200, Al::Right),
                ("Tổng điểm", "{diem|so:2}", 1000, Al::Right),
                ("Xếp hạng", "{hang}", 700, Al::Center),
                ("Ghi chú", "{ghi_chu|mac_dinh:\"\"}", WIDTH - 5900, Al::Left),
            ],
            11,
        ),
        tag("{/if}"),
        heading("II. ĐƠN VỊ KHÔNG XÉT, CHƯA XÉT THI ĐUA"),
        tag("{#each khong_xet}"),
        body("- {ten}: {ly_do}."),
        tag("{/each}"),
        tag("{#if !khong_xet}"),
        body("{khong_xet_trong|mac_dinh:\"Không có.\"}"),
        tag("{/if}"),
        heading("III. KẾT QUẢ BỎ PHIẾU KÍN"),
        body("Số đơn vị thành viên: {so_thanh_vien}; số phiếu phát ra: {phieu_phat_ra}; số phiếu thu về: {phieu_thu_ve}; số phiếu hợp lệ: {phieu_hop_le}."),
        list_table(
            "phieu",
            &[
                ("STT", "{stt}", 600, Al::Center),
                ("Hình thức", "{hinh_thuc}", 2600, Al::Left),
                ("Đơn vị", "{ten}", 2654, Al::Left),
                ("Số phiếu đồng ý", "{dong_y}", 1200, Al::Right),
                ("Tỷ lệ", "{ty_le|phan_tram}", 1100, Al::Right),
                ("Kết quả", "{ket_qua}", 1200, Al::Left),
            ],
            11,
        ),
        heading("IV. KẾT QUẢ BÌNH XÉT, SUY TÔN"),
        tag("{#each de_nghi}"),
        para(&BODY, &[run("{hinh_thuc}: ", B), run("{don_vi}.", N)]),
        tag("{/each}"),
        tag("{#if !de_nghi}"),
        body("{khong_de_nghi|mac_dinh:\"Không có đơn vị nào được bình chọn.\"}"),
        tag("{/if}"),
        tag("{#each ghi_chu}"),
        body("{.}"),
        tag("{/each}"),
        heading("V. BẦU {chuc_truong|mac_dinh:\"Cụm trưởng\"|hoa}, {chuc_pho|mac_dinh:\"Cụm phó\"|hoa} NĂM {nam_sau}"),
        body("{chuc_truong|mac_dinh:\"Cụm trưởng\"}: {cum_truong|mac_dinh:\"……\"}; {chuc_pho|mac_dinh:\"Cụm phó\"}: {cum_pho|mac_dinh:\"……\"}."),
        body("Biên bản kết thúc vào hồi {gio_ket_thuc|mac_dinh:\"……\"} cùng ngày, đã được thông qua trước Hội nghị và các thành viên nhất trí./."),
        minutes_signatures(("THƯ KÝ", "(Ký, ghi rõ họ tên)", "{thu_ky_ten|mac_dinh:\"……\"}"), ("CHỦ TRÌ", "(Ký, đóng dấu)", "{chu_tri_ten|mac_dinh:\"……\"}")),
    ]
    .concat()
}

/// Biên bản họp Hội đồng Thi đua - Khen thưởng BHXH tỉnh xét đề nghị của các
/// Cụm thi đua cấp huyện (Hướng dẫn 3636, mục B.IV); the clusters' minutes
/// are attached.
fn bien_ban_hoi_dong() -> String {
    let line = |label: &str, field: &str| para(&BODY, &[run(label, B), run(field, N)]);
    [
        letterhead(),
        title("BIÊN BẢN"),
        line("Thời gian: ", "{thoi_gian|mac_dinh:\"……\"}"),
        line("Địa điểm: ", "{dia_diem|mac_dinh:\"……\"}"),
        line("Chủ trì: ", "{chu_tri|mac_dinh:\"……\"}, Chủ tịch Hội đồng"),
        line("Thư ký: ", "{thu_ky|mac_dinh:\"……\"}"),
        line("Thành phần: ", "{thanh_phan|mac_dinh:\"các thành viên Hội đồng Thi đua - Khen thưởng\"}"),
        body("Hội đồng đã xem xét kết quả bình xét thi đua năm {nam} của {so_cum} Cụm thi đua cấp huyện thuộc {tinh}, căn cứ Hướng dẫn số 3636/HD-BHXH ngày 29/11/2022 của BHXH Việt Nam, cụ thể như sau:"),
        tag("{#each cum}"),
        heading("{@index}. {ten}"),
        body("Số đơn vị thành viên: {so_thanh_vien}; đơn vị dẫn đầu: {dan_dau|mac_dinh:\"……\"}."),
        tag("{#each de_nghi}"),
        body("- {dong};"),
        tag("{/each}"),
        tag("{#if !de_nghi}"),
        body("- Không có đơn vị được bình chọn."),
        tag("{/if}"),
        tag("{/each}"),
        heading("KẾT LUẬN"),
        // The conclusion and the closing go over the page with the
        // signatures: a last page held only the note and the signatures.
        para(&CLOSING, &[run("{ket_luan|mac_dinh:\"Hội đồng thống nhất đề nghị khen thưởng các tập thể theo danh sách trên.\"}", N)]),
        para(&CLOSING, &[run("Biên bản kết thúc vào hồi …… cùng ngày, đã được thông qua trước Hội đồng và các thành viên Hội đồng nhất trí./.", N)]),
        body("(Kèm theo biên bản họp của {cac_cum|mac_dinh:\"các Cụm thi đua cấp huyện\"}.)"),
        minutes_signatures(("THƯ KÝ HỘI ĐỒNG", "(Ký, ghi rõ họ tên)", "{thu_ky|mac_dinh:\"……\"}"), ("CHỦ TỊCH HỘI ĐỒNG", "(Ký, đóng dấu)", "{chu_tri|mac_dinh:\"……\"}")),
    ]
    .concat()
}

/// Báo cáo thành tích đề nghị khen thưởng cho tập thể (Mẫu số 01, Phụ lục
/// 01 kèm Quyết định 2418/QĐ-BHXH): general situation, achievements with the
/// indicator table, the measures behind them, and the titles and awards
/// already received; signatures of the unit's head and of the level that
/// proposes the award.
fn bao_cao_thanh_tich() -> String {
    let (l, r) = (HEADER_LEFT, WIDTH - HEADER_LEFT);
    let left = [
        para(&CENTER, &[run("{co_quan_chu_quan|ten_co_quan}", sized(N, 13))]),
        para(&CENTER, &[run("{co_quan|ten_co_quan}", sized(B, 13))]),
        rule(1100, 1100, 0),
    ]
    .concat();
    let right = [
        para(&CENTER, &[run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", sized(B, 12))]),
        para(&CENTER, &[run("Độc lập - Tự do - Hạnh phúc", B)]),
        rule(1300, 1300, 0),
        para(&P { before: 120, ..CENTER }, &[run("{dong_ngay}", I)]),
    ]
    .concat();
    let head = table(&[l, r], &[format!("<w:tr>{}{}</w:tr>", cell(l, &left, false, false), cell(r, &right, false, false))], false);
    [
        head,
        para(&P { before: 360, ..CENTER }, &[run("BÁO CÁO THÀNH TÍCH", B)]),
        para(&CENTER, &[run("ĐỀ NGHỊ TẶNG {hinh_thuc_tieu_de|hoa}", B)]),
        para(&P { after: 240, ..CENTER }, &[run("{don_vi.ten}", B)]),
        rule(3500, 3500, 240),
        heading("I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"),
        para(&BODY, &[run("1. Đặc điểm, tình hình: ", B), run("{dac_diem|mac_dinh:\"……\"}", N)]),
        para(&BODY, &[run("2. Chức năng, nhiệm vụ: ", B), run("{chuc_nang|mac_dinh:\"……\"}", N)]),
        heading("II. THÀNH TÍCH ĐẠT ĐƯỢC"),
        subheading("1. Kết quả thực hiện nhiệm vụ năm {nam}"),
        tag("{#if co_chi_tieu}"),
        list_table(
            "chi_tieu",
            &[
                ("STT", "{stt}", 600, Al::Center),
                ("Chỉ tiêu", "{ten}", 2454, Al::Left),
                ("Đơn vị tính", "{don_vi_tinh}", 900, Al::Center),
                ("Kế hoạch", "{ke_hoach}", 1300, Al::Right),
                ("Thực hiện", "{thuc_hien}", 1300, Al::Right),
                ("Tỷ lệ so với kế hoạch", "{ty_le}", 1400, Al::Right),
                ("So với năm trước", "{so_cung_ky}", 1400, Al::Right),
            ],
            11,
        ),
        tag("{/if}"),
        body("{ket_qua_khac|mac_dinh:\"……\"}"),
        para(&BODY, &[run("2. Các giải pháp, mô hình mới, nhân tố mới: ", B), run("{bien_phap|mac_dinh:\"……\"}", N)]),
        para(&BODY, &[run("3. Việc thực hiện chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước; công tác xây dựng Đảng, đoàn thể: ", B), run("{chinh_sach|mac_dinh:\"……\"}", N)]),
        heading("III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG"),
        subheading("1. Danh hiệu thi đua"),
        list_table(
            "danh_hieu",
            &[("Năm", "{nam}", 1000, Al::Center), ("Danh hiệu thi đua", "{ten}", 3854, Al::Left), ("Số, ngày, tháng, năm của quyết định; cơ quan ban hành", "{quyet_dinh}", WIDTH - 4854, Al::Left)],
            11,
        ),
        subheading("2. Hình thức khen thưởng"),
        list_table(
            "khen_thuong",
            &[("Năm", "{nam}", 1000, Al::Center), ("Hình thức khen thưởng", "{ten}", 3854, Al::Left), ("Số, ngày, tháng, năm của quyết định; cơ quan ban hành", "{quyet_dinh}", WIDTH - 4854, Al::Left)],
            11,
        ),
        // A closing line, kept with the signatures: they never stand alone
        // on a page after a long list.
        para(&CLOSING, &[run("Trên đây là báo cáo thành tích năm {nam} của {don_vi.ten}, kính đề nghị cấp có thẩm quyền xem xét, tặng {hinh_thuc}./.", N)]),
        two_signatures(
            ("XÁC NHẬN CỦA CẤP TRÌNH KHEN THƯỞNG", "(Ký, đóng dấu)", "{cap_trinh|mac_dinh:\"……\"}"),
            ("{thu_truong.chuc_vu|mac_dinh:\"THỦ TRƯỞNG ĐƠN VỊ\"}", "(Ký, đóng dấu)", "{thu_truong.ho_ten|mac_dinh:\"……\"}"),
        ),
    ]
    .concat()
}

/// The progress table of one target, with or without the registration's
/// columns (`{#if co_dang_ky}`): the six-month review's Quý I, Quý II and
/// 6 tháng, or the quarterly report's quarter and cumulative. The quarterly
/// report drops its "Trong quý" column (`{#if co_trong_quy}`) in Quý I,
/// where it would repeat the cumulative, and when no member's previous
/// quarter is known, where it would be a column of dashes.
fn progress_table(six_month: bool) -> String {
    let with_registration = |quarter: bool| {
        let (a, b, c) = if six_month { ("Quý I", "Quý II", "6 tháng") } else { ("", "Trong quý", "Lũy kế") };
        let mut reg: Vec<(&str, &str, u32, Al)> = vec![
            ("STT", "{stt}", 540, Al::Center),
            ("Đơn vị", "{ten}", 1310, Al::Left),
            ("Kế hoạch năm", "{ke_hoach}", 1050, Al::Right),
            ("Đăng ký", "{dang_ky}", 1050, Al::Right),
        ];
        if six_month {
            reg.push((a, "{truoc}", 1000, Al::Right));
        }
        if quarter {
            reg.push((b, "{trong_quy}", 1000, Al::Right));
        } else {
            reg[1].2 += 1000;
        }
        reg.extend([
            (c, "{luy_ke}", 1050, Al::Right),
            ("Tỷ lệ so với kế hoạch", "{ty_le}", 800, Al::Right),
            ("Tỷ lệ so với đăng ký", "{ty_le_dang_ky}", 800, Al::Right),
        ]);
        if !six_month {
            reg.push(("So với cùng kỳ", "{cung_ky}", 800, Al::Right));
        }
        let used: u32 = reg.iter().map(|x| x.2).sum();
        reg.push(("Đánh giá", "{danh_gia}", WIDTH - used, Al::Center));
        kept(&list_table("dong", &reg, 9))
    };
    let plain = |quarter: bool| {
        let (a, b, c) = if six_month { ("Quý I", "Quý II", "6 tháng") } else { ("", "Trong quý", "Lũy kế") };
        let mut plain: Vec<(&str, &str, u32, Al)> =
            vec![("STT", "{stt}", 500, Al::Center), ("Đơn vị", "{ten}", 1754, Al::Left), ("Kế hoạch năm", "{ke_hoach}", 1150, Al::Right)];
        if six_month {
            plain.push((a, "{truoc}", 1100, Al::Right));
        }
        if quarter {
            plain.push((b, "{trong_quy}", 1100, Al::Right));
        }
        plain.extend([
            (c, "{luy_ke}", 1150, Al::Right),
            ("Tỷ lệ so với kế hoạch", "{ty_le}", 850, Al::Right),
            ("So với cùng kỳ", "{cung_ky}", 850, Al::Right),
        ]);
        if !six_month {
            // One column fewer than the six-month review's (two without
            // the quarter's): the name takes the room.
            plain[1].2 += if quarter { 1100 } else { 2200 };
        }
        let used: u32 = plain.iter().map(|x| x.2).sum();
        plain.push(("Đánh giá", "{danh_gia}", WIDTH - used, Al::Center));
        kept(&list_table("dong", &plain, 9))
    };
    let tables = if six_month {
        [tag("{#if co_dang_ky}"), with_registration(true), tag("{#else}"), plain(true), tag("{/if}")].concat()
    } else {
        [
            tag("{#if co_dang_ky}"),
            tag("{#if co_trong_quy}"),
            with_registration(true),
            tag("{#else}"),
            with_registration(false),
            tag("{/if}"),
            tag("{#else}"),
            tag("{#if co_trong_quy}"),
            plain(true),
            tag("{#else}"),
            plain(false),
            tag("{/if}"),
            tag("{/if}"),
        ]
        .concat()
    };
    [subheading("{stt}. {ten} ({don_vi_tinh})"), tables, para(&P { after: 120, ..BODY }, &[run("{ghi_chu}", sized(I, 11))])].concat()
}

/// A member table kept whole on one page, with its note: every paragraph of
/// the table keeps with the next. (A table of a block's or cluster's
/// members fits a page; LibreOffice also drops the rows of a table with a
/// repeated header row and unsplittable rows when it breaks after its
/// first row.)
fn kept(table: &str) -> String {
    table.replace("<w:pPr>", "<w:pPr><w:keepNext/>")
}

fn behind_section(none: &str) -> String {
    [
        tag("{#if co_cham_tien_do}"),
        tag("{#each cham_tien_do}"),
        para(&BODY, &[run("- {ten}: ", B), run("{so_don_vi} đơn vị chưa đạt: {don_vi}.", N)]),
        tag("{/each}"),
        tag("{#else}"),
        body(none),
        tag("{/if}"),
    ]
    .concat()
}

/// Báo cáo kết quả thực hiện các chỉ tiêu thi đua có định lượng hằng quý
/// of a block's or cluster's head to BHXH Việt Nam (Hướng dẫn 3636, mục
/// A.II.1.8): each target's table, a summary of the rates, the members
/// behind; "Nơi nhận" and the head's signature.
fn bao_cao_quy() -> String {
    [
        letterhead(),
        title("BÁO CÁO"),
        body("Thực hiện {can_cu}, {ten_cum} tổng hợp kết quả thực hiện các chỉ tiêu thi đua có định lượng {ky} của {so_thanh_vien} đơn vị thành viên, báo cáo như sau:"),
        tag("{#if ghi_chu_quy}"),
        body("{ghi_chu_quy}"),
        tag("{/if}"),
        body("{dang_ky}"),
        body("{muc_tien_do}"),
        tag("{#if co_chua_gui}"),
        body("{chua_gui}"),
        tag("{/if}"),
        heading("I. KẾT QUẢ THỰC HIỆN TỪNG CHỈ TIÊU"),
        tag("{#each chi_tieu}"),
        progress_table(false),
        tag("{/each}"),
        heading("II. TỔNG HỢP TỶ LỆ THỰC HIỆN"),
        body("Tỷ lệ thực hiện lũy kế so với kế hoạch năm của từng đơn vị (chậm đóng: tỷ lệ số tiền chậm đóng trên số phải thu); biểu đồ tiến độ các tỷ lệ này có trong bảng tổng hợp Excel gửi kèm."),
        list_table(
            "tong_hop",
            &[
                ("STT", "{stt}", 560, Al::Center),
                ("Đơn vị", "{ten}", 2194, Al::Left),
                ("Thu", "{thu}", 1100, Al::Right),
                ("BHXH bắt buộc", "{bhxh_bb}", 1100, Al::Right),
                ("BHXH tự nguyện", "{bhxh_tn}", 1100, Al::Right),
                ("BHYT", "{bhyt}", 1100, Al::Right),
                ("Chậm đóng", "{cham_dong}", 1100, Al::Right),
                ("Số chỉ tiêu chưa đạt", "{chua_dat}", WIDTH - 8254, Al::Center),
            ],
            10,
        ),
        heading("III. CÁC ĐƠN VỊ CHƯA ĐẠT TIẾN ĐỘ"),
        behind_section("Các đơn vị đều đạt tiến độ ở các chỉ tiêu đánh giá được."),
        para(&CLOSING, &[run("Trên đây là kết quả thực hiện các chỉ tiêu thi đua có định lượng {ky} của {ten_cum}, báo cáo BHXH Việt Nam (Vụ Thi đua - Khen thưởng) để theo dõi./.", N)]),
        signature(""),
    ]
    .concat()
}

/// Báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm of a block
/// or cluster (Hướng dẫn 3636, mục A.II.3.2.a): the activities (for the
/// officer), each target's progress by quarter and for the half year, the
/// fields behind and who, the new models, then causes, solutions and the
/// tasks of the rest of the year — "……" where the officer must write.
fn bao_cao_so_ket() -> String {
    [
        letterhead(),
        title("BÁO CÁO"),
        body("Thực hiện {can_cu}, {ten_cum} báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm {nam} như sau:"),
        heading("I. VIỆC TỔ CHỨC THỰC HIỆN CÁC NỘI DUNG HOẠT ĐỘNG"),
        body("{ten_cum} có {so_thanh_vien} đơn vị thành viên: {don_vi_thanh_vien}."),
        body("……"),
        heading("II. KẾT QUẢ, TIẾN ĐỘ THỰC HIỆN CÁC CHỈ TIÊU THI ĐUA ĐÃ GIAO ƯỚC"),
        body("{muc_tien_do}"),
        body("{dang_ky}"),
        tag("{#each thieu_so_lieu}"),
        body("{.}"),
        tag("{/each}"),
        tag("{#each chi_tieu}"),
        progress_table(true),
        tag("{/each}"),
        heading("III. NHỮNG LĨNH VỰC CHƯA ĐẠT KẾ HOẠCH"),
        behind_section("{khong_cham_tien_do}"),
        tag("{#if co_chua_danh_gia}"),
        body("{chua_danh_gia}"),
        tag("{/if}"),
        heading("IV. MÔ HÌNH MỚI, CÁCH LÀM HAY, ĐIỂN HÌNH TIÊN TIẾN"),
        tag("{#if co_mo_hinh}"),
        list_table(
            "mo_hinh",
            &[
                ("STT", "{stt}", 600, Al::Center),
                ("Đơn vị", "{don_vi}", 2100, Al::Left),
                ("Mô hình mới, cách làm hay", "{noi_dung}", 3900, Al::Left),
                ("Kết quả, hiệu quả", "{hieu_qua}", WIDTH - 6600, Al::Left),
            ],
            11,
        ),
        tag("{#else}"),
        body("Các đơn vị chưa báo cáo mô hình mới, cách làm hay: ……"),
        tag("{/if}"),
        heading("V. NGUYÊN NHÂN TỒN TẠI, HẠN CHẾ"),
        body("……"),
        heading("VI. GIẢI PHÁP KHẮC PHỤC"),
        body("……"),
        heading("VII. NHIỆM VỤ 6 THÁNG CUỐI NĂM"),
        tag("{#each con_lai}"),
        body("- {.}"),
        tag("{/each}"),
        body("……"),
        para(&CLOSING, &[run("Trên đây là báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm {nam} của {ten_cum}./.", N)]),
        signature(""),
    ]
    .concat()
}

/// Biên bản Hội nghị sơ kết 6 tháng (Hướng dẫn 3636, mục A.II.3.2.a): the
/// meeting sheet's facts, what the conference heard, blanks for the
/// discussion and the chair's conclusions.
fn bien_ban_so_ket() -> String {
    let line = |label: &str, field: &str| para(&BODY, &[run(label, B), run(field, N)]);
    [
        letterhead(),
        title("BIÊN BẢN"),
        line("Thời gian: ", "{thoi_gian}"),
        line("Địa điểm: ", "{dia_diem}"),
        line("Chủ trì: ", "{chu_tri}"),
        line("Thư ký: ", "{thu_ky}"),
        line("Thành phần: ", "{thanh_phan}"),
        heading("I. NỘI DUNG HỘI NGHỊ"),
        body("1. {tom_tat}"),
        tag("{#if co_cham_tien_do}"),
        tag("{#each cham_tien_do}"),
        body("- {ten}: {don_vi}."),
        tag("{/each}"),
        tag("{/if}"),
        tag("{#if co_mo_hinh}"),
        body("2. Hội nghị nghe giới thiệu {so_mo_hinh} mô hình mới, cách làm hay của các đơn vị thành viên:"),
        tag("{#each mo_hinh}"),
        body("- {don_vi}: {noi_dung}."),
        tag("{/each}"),
        tag("{#else}"),
        body("2. Mô hình mới, cách làm hay được giới thiệu tại Hội nghị: ……"),
        tag("{/if}"),
        body("3. Ý kiến thảo luận, đề xuất giải pháp khắc phục những lĩnh vực chưa đạt kế hoạch: ……"),
        heading("II. KẾT LUẬN CỦA CHỦ TRÌ HỘI NGHỊ"),
        body("……"),
        para(&CLOSING, &[run("Biên bản kết thúc vào hồi …… cùng ngày, đã được thông qua trước Hội nghị./.", N)]),
        minutes_signatures(("THƯ KÝ", "(Ký, ghi rõ họ tên)", "{thu_ky_ten}"), ("CHỦ TRÌ", "(Ký, ghi rõ họ tên)", "{chu_tri_ten}")),
    ]
    .concat()
}

/// Bản giao ước thi đua of a block or cluster (Hướng dẫn 3636, mục A.II.1.2,
/// A.II.3 and A.III.3.2.b): the members, the quantitative targets each
/// registered (one table row per member and target), the commitments of
/// the members in the words of mục A.II.3, and one signature cell per
/// member's head, two side by side; "Nơi nhận" after them.
///
/// Signed by many heads (a cluster has up to 15 members: eight rows of
/// signatures do not fit on one page), the signatures are laid out as an
/// office lays them out: the closing paragraph stays with the first row
/// (it is kept with the table), every row is kept whole (a head's unit,
/// title, room to sign and name never split), the rows run on over the
/// next page as they come, and the last row is kept with "Nơi nhận", which
/// never starts a page alone. The rows are not kept with one another: a
/// block kept whole would push the closing text off its page and leave
/// half a page empty. No repeated header row: with one, LibreOffice drops
/// rows of a table of unsplittable rows that breaks after its first row.
fn giao_uoc() -> String {
    let small = |t: &str, r: R, al: Al| para(&P { align: al, before: 0, after: 0, ..LEFT }, &[run(t, sized(r, 13))]);
    // One head's block: name of the unit, title, what to do, room to sign,
    // the signer's name. `lead` and `tail` carry the row loop's tags inline;
    // `optional` for the right cell, empty when the members are odd in number.
    let side = |who: &str, lead: &str, tail: &str, optional: bool| {
        let body = [
            small(&format!("{lead}{{{who}.ten}}"), B, Al::Center),
            small(&format!("{{{who}.chuc_vu}}"), B, Al::Center),
            small("(Ký, ghi rõ họ tên, đóng dấu)", I, Al::Center),
            para(&P { before: 1100, ..CENTER }, &[run(&format!("{{{who}.ho_ten|mac_dinh:\"……\"}}"), sized(B, 13))]),
        ]
        .concat();
        let spacer = para(&P { after: 240, ..CENTER }, &[run(tail, N)]);
        if optional {
            [tag(&format!("{{#if {who}.ten}}")), body, tag("{/if}"), spacer].concat()
        } else {
            [body, spacer].concat()
        }
    };
    let (l, r) = (WIDTH / 2, WIDTH - WIDTH / 2);
    let top = |c: String| c.replace("<w:vAlign w:val=\"center\"/>", "<w:vAlign w:val=\"top\"/>");
    // Every row but the last, one per pair of heads: unsplittable, not kept
    // with the next.
    let rows = format!(
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>{}{}</w:tr>",
        top(cell(l, &side("trai", "{#each chu_ky_dau}", "", false), false, false)),
        top(cell(r, &side("phai", "", "{/each}", true), false, false))
    );
    // The last row, kept with "Nơi nhận" (keepNext on its paragraphs).
    let keep = |s: String| s.replace("<w:pPr>", "<w:pPr><w:keepNext/>");
    let last = format!(
        "<w:tr><w:trPr><w:cantSplit/></w:trPr>{}{}</w:tr>",
        top(cell(l, &keep(side("chu_ky_cuoi.trai", "", "", false)), false, false)),
        top(cell(r, &keep(side("chu_ky_cuoi.phai", "", "", true)), false, false))
    );
    // The caption marks a signature table: `document` keeps the closing
    // paragraph with its first row.
    let signatures = table(&[l, r], &[rows, last], false).replacen("<w:tblPr>", &format!("<w:tblPr>{SIGNATURE_CAPTION}"), 1);
    [
        letterhead(),
        title("BẢN GIAO ƯỚC THI ĐUA"),
        tag("{#each can_cu}"),
        body("{.}"),
        tag("{/each}"),
        body("Các đơn vị thành viên {ten_cum} ({so_thanh_vien} đơn vị) thống nhất ký giao ước thi đua năm {nam} với các nội dung sau:"),
        heading("I. CÁC ĐƠN VỊ THÀNH VIÊN"),
        list_table(
            "thanh_vien",
            &[
                ("STT", "{stt}", 700, Al::Center),
                ("Đơn vị thành viên", "{ten}", WIDTH - 3200, Al::Left),
                ("Nhiệm vụ trong {khoi_cum}", "{vai_tro}", 2500, Al::Left),
            ],
            12,
        ),
        heading("II. CHỈ TIÊU THI ĐUA CÓ ĐỊNH LƯỢNG ĐĂNG KÝ NĂM {nam}"),
        body("{ghi_chu_chi_tieu}"),
        list_table(
            "dang_ky",
            &[
                ("Đơn vị", "{don_vi}", 1700, Al::Left),
                ("Chỉ tiêu", "{chi_tieu}", WIDTH - 7100, Al::Left),
                ("Cả năm", "{ca_nam}", 1080, Al::Right),
                ("Quý I", "{q1}", 1080, Al::Right),
                ("Quý II", "{q2}", 1080, Al::Right),
                ("Quý III", "{q3}", 1080, Al::Right),
                ("Quý IV", "{q4}", 1080, Al::Right),
            ],
            10,
        ),
        tag("{#if chua_dang_ky}"),
        body("{chua_dang_ky}"),
        tag("{/if}"),
        heading("III. CAM KẾT CỦA CÁC ĐƠN VỊ THÀNH VIÊN"),
        tag("{#each cam_ket}"),
        body("{stt}. {noi_dung}"),
        tag("{/each}"),
        para(&CLOSING, &[run("{ket_thuc}", N)]),
        signatures,
        noi_nhan(),
    ]
    .concat()
}

fn document(content: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>{}<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId3\"/><w:headerReference w:type=\"first\" r:id=\"rId4\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"851\" w:bottom=\"1134\" w:left=\"1701\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/><w:cols w:space=\"720\"/><w:titlePg/></w:sectPr></w:body></w:document>",
        keep_with_signatures(content)
    )
}

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#;

const SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;

const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/></Relationships>"#;

/// Page numbers from page 2, centred at the top (NĐ 30/2020, Phụ lục I):
/// the default header holds the PAGE field, the first page's header is empty.
const HEADER_PAGE: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>"#;

const HEADER_FIRST: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="center"/></w:pPr></w:p></w:hdr>"#;

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
    let parts: [(&str, String); 9] = [
        ("[Content_Types].xml", CONTENT_TYPES.into()),
        ("_rels/.rels", RELS.into()),
        ("docProps/core.xml", core(title)),
        ("docProps/app.xml", APP.into()),
        ("word/document.xml", document(content)),
        ("word/styles.xml", STYLES.into()),
        ("word/settings.xml", SETTINGS.into()),
        ("word/header1.xml", HEADER_PAGE.into()),
        ("word/header2.xml", HEADER_FIRST.into()),
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
    write(&format!("{dir}/bien-ban-cum.docx"), "Biên bản họp Khối, Cụm thi đua", &bien_ban_cum())?;
    write(&format!("{dir}/bien-ban-hoi-dong.docx"), "Biên bản họp Hội đồng Thi đua - Khen thưởng", &bien_ban_hoi_dong())?;
    write(&format!("{dir}/bao-cao-thanh-tich.docx"), "Báo cáo thành tích (Mẫu số 01, QĐ 2418)", &bao_cao_thanh_tich())?;
    write(&format!("{dir}/bao-cao-tom-tat-ca-nhan.docx"), "Báo cáo tóm tắt thành tích cá nhân, đơn vị trực thuộc", &bao_cao_ca_nhan())?;
    write(&format!("{dir}/bao-cao-quy.docx"), "Báo cáo kết quả thực hiện chỉ tiêu thi đua hằng quý", &bao_cao_quy())?;
    write(&format!("{dir}/bao-cao-so-ket.docx"), "Báo cáo sơ kết 6 tháng", &bao_cao_so_ket())?;
    write(&format!("{dir}/bien-ban-so-ket.docx"), "Biên bản Hội nghị sơ kết 6 tháng", &bien_ban_so_ket())?;
    write(&format!("{dir}/giao-uoc.docx"), "Bản giao ước thi đua của Khối, Cụm thi đua", &giao_uoc())?;
    sample_data(&format!("{dir}/du-lieu-mau"))?;
    println!("Đã ghi các mẫu vào {dir}/");
    Ok(())
}

/// Sample data for each template, so that `thidua templates check FILE
/// --data JSON` and the CI's PDF check have something real to fill: the
/// quarterly dossier from the shipped 2022-Q3 samples, and annual-review
/// data shaped as the annual dossier fills them.
fn sample_data(dir: &str) -> std::io::Result<()> {
    use serde_json::json;
    std::fs::create_dir_all(dir)?;
    let save =
        |name: &str, v: &serde_json::Value| std::fs::write(format!("{dir}/{name}.json"), serde_json::to_string_pretty(v).unwrap() + "\n");
    let rules = thidua::rules::Rules::builtin("thu-2022").unwrap();
    let progress = thidua::pipeline::progress::Progress::silent();
    let ev = thidua::pipeline::evaluate(std::path::Path::new("samples/2022-Q3"), "2022-Q3".parse().ok(), &rules, &progress)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let ctx = thidua::render::quarterly::dossier::Context {
        result: &ev.result,
        rules: &rules,
        registry: ev.registry,
        date: thidua::render::fill::DocDate::Full { day: 5, month: 10, year: 2022 },
        meeting: Default::default(),
    };
    save("to-trinh", &ctx.to_trinh())?;
    save("bien-ban", &ctx.bien_ban())?;
    let first = ctx.report_units()[0].clone();
    save("bao-cao-tom-tat", &ctx.bao_cao_tom_tat(&first))?;
    let letter = |body: &str, sign: &str, place: &str| {
        json!({"co_quan_chu_quan": "BẢO HIỂM XÃ HỘI VIỆT NAM", "co_quan": body, "so_ky_hieu": format!("……/{sign}"), "dong_ngay": format!("{place}, ngày 20 tháng 01 năm 2023"),
               "noi_nhan": ["Như trên", "Lưu: VT"], "nguoi_ky": {"quyen_han": "", "chuc_vu": "CỤM TRƯỞNG", "ho_ten": "……"}})
    };
    let mut cum = letter("CỤM THI ĐUA CẤP TỈNH SỐ III", "BB-CTĐ", "Hà Nam");
    let units = [
        "BHXH thành phố Hà Nội",
        "BHXH tỉnh Vĩnh Phúc",
        "BHXH tỉnh Hưng Yên",
        "BHXH tỉnh Hà Nam",
        "BHXH tỉnh Bắc Giang",
        "BHXH tỉnh Bắc Ninh",
    ];
    let obj = cum.as_object_mut().unwrap();
    for (k, v) in [
        ("trich_yeu", json!("Họp bình xét thi đua năm 2022 của Cụm thi đua cấp tỉnh số III")),
        ("thoi_gian", json!("08 giờ 30 phút, ngày 20 tháng 01 năm 2023")),
        ("dia_diem", json!("Hội trường BHXH tỉnh Hà Nam")),
        ("chu_tri", json!("Giám đốc BHXH tỉnh Hà Nam, Cụm trưởng")),
        ("thu_ky", json!("……")),
        ("ten_cum", json!("Cụm thi đua cấp tỉnh số III")),
        ("so_thanh_vien", json!(6)),
        ("so_co_mat", json!(6)),
        ("thanh_phan", json!("Lãnh đạo 6 đơn vị thành viên; đại diện Vụ Thi đua - Khen thưởng BHXH Việt Nam")),
        ("don_vi_thanh_vien", json!(units.join("; "))),
        ("chu_tri_ten", json!(null)),
        ("thu_ky_ten", json!(null)),
        ("vang", json!("")),
        ("nam", json!(2022)),
        ("nam_sau", json!(2023)),
        ("xep_hang", json!(units.iter().enumerate().map(|(i, u)| json!({"stt": i + 1, "ten": u, "diem_tu_cham": 80.5 - i as f64, "diem_cheo": 16.75 - i as f64 * 0.5, "diem": 97.25 - i as f64 * 1.5, "hang": i + 1, "ghi_chu": ""})).collect::<Vec<_>>())),
        ("co_diem_cheo", json!(true)),
        ("khong_xet", json!([{"ten": "BHXH tỉnh Bắc Ninh", "ly_do": "đang trong thời gian xem xét kỷ luật, chưa xét (Hướng dẫn 3636, mục B.I.3)"}])),
        ("khong_xet_trong", json!("Không có.")),
        ("phieu_phat_ra", json!(6)),
        ("phieu_thu_ve", json!(6)),
        ("phieu_hop_le", json!(6)),
        ("phieu", json!([
            {"stt": 1, "hinh_thuc": "Cờ thi đua của BHXH Việt Nam", "ten": "BHXH tỉnh Hưng Yên", "dong_y": 4, "ty_le": 0.6667, "ket_qua": "Được bình chọn"},
            {"stt": 2, "hinh_thuc": "Cờ thi đua của Chính phủ", "ten": "BHXH tỉnh Hà Nam", "dong_y": 5, "ty_le": 0.8333, "ket_qua": "Được bình chọn"},
            {"stt": 3, "hinh_thuc": "Bằng khen của Tổng Giám đốc", "ten": "BHXH tỉnh Vĩnh Phúc", "dong_y": 3, "ty_le": 0.5, "ket_qua": "Không đủ (cần trên 50 %)"}
        ])),
        ("de_nghi", json!([{"hinh_thuc": "Cờ thi đua của BHXH Việt Nam", "don_vi": "BHXH tỉnh Hưng Yên"}, {"hinh_thuc": "Cờ thi đua của Chính phủ", "don_vi": "BHXH tỉnh Hà Nam"}])),
        ("khong_de_nghi", json!("Không có đơn vị nào được bình chọn.")),
        ("cum_truong", json!("BHXH tỉnh Hưng Yên")),
        ("chuc_truong", json!("Cụm trưởng")),
        ("chuc_pho", json!("Cụm phó")),
        ("luan_phien", json!("")),
        ("ghi_chu", json!([])),
        ("cum_pho", json!("BHXH tỉnh Vĩnh Phúc")),
        ("gio_ket_thuc", json!("11 giờ 00")),
    ] {
        obj.insert(k.into(), v);
    }
    save("bien-ban-cum", &cum)?;
    let mut hd = letter("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG BHXH TỈNH THANH HÓA", "BB-HĐTĐKT", "Thanh Hóa");
    let obj = hd.as_object_mut().unwrap();
    for (k, v) in [
        ("trich_yeu", json!("Họp xét đề nghị khen thưởng năm 2022 của các Cụm thi đua cấp huyện")),
        ("thoi_gian", json!("14 giờ 00, ngày 10 tháng 02 năm 2023")),
        ("dia_diem", json!("Phòng họp BHXH tỉnh Thanh Hóa")),
        ("chu_tri", json!("Giám đốc BHXH tỉnh Thanh Hóa")),
        ("thu_ky", json!("……")),
        ("thanh_phan", json!("các thành viên Hội đồng Thi đua - Khen thưởng BHXH tỉnh")),
        ("nam", json!(2022)),
        ("tinh", json!("BHXH tỉnh Thanh Hóa")),
        ("so_cum", json!("02")),
        ("cac_cum", json!("các Cụm thi đua cấp huyện")),
        (
            "cum",
            json!([
                {"ten": "Cụm thi đua cấp huyện số 1", "so_thanh_vien": 5, "dan_dau": "BHXH huyện Nông Cống", "de_nghi": [{"dong": "Cờ thi đua của BHXH Việt Nam: BHXH huyện Nông Cống (4/5 đơn vị thành viên đồng ý (80,00 %)); Hội đồng thống nhất đề nghị"}]},
                {"ten": "Cụm thi đua cấp huyện số 2", "so_thanh_vien": 5, "dan_dau": "BHXH thị xã Nghi Sơn", "de_nghi": [{"dong": "Cờ thi đua của BHXH Việt Nam: BHXH thị xã Nghi Sơn (3/5 đơn vị thành viên đồng ý (60,00 %)); Hội đồng thống nhất đề nghị"}]}
            ]),
        ),
        ("ket_luan", json!("Hội đồng thống nhất đề nghị BHXH Việt Nam tặng Cờ thi đua cho 02 tập thể dẫn đầu các Cụm thi đua cấp huyện.")),
    ] {
        obj.insert(k.into(), v);
    }
    save("bien-ban-hoi-dong", &hd)?;
    let tt = json!({
        "co_quan_chu_quan": "BẢO HIỂM XÃ HỘI VIỆT NAM", "co_quan": "BẢO HIỂM XÃ HỘI TỈNH HÀ NAM", "dong_ngay": "Hà Nam, ngày 25 tháng 01 năm 2023",
        "hinh_thuc": "Cờ thi đua của Chính phủ", "hinh_thuc_tieu_de": "Cờ thi đua của Chính phủ", "don_vi": {"ten": "Bảo hiểm xã hội tỉnh Hà Nam"}, "nam": 2022,
        "dac_diem": "……", "chuc_nang": "……", "co_chi_tieu": true,
        "chi_tieu": [
            {"stt": 1, "ten": "Thu BHXH, BHTN, BHYT", "don_vi_tinh": "triệu đồng", "ke_hoach": "4.120.000", "thuc_hien": "4.185.320", "ty_le": "101,59 %", "so_cung_ky": "108,20 %"},
            {"stt": 2, "ten": "Người tham gia BHXH tự nguyện", "don_vi_tinh": "người", "ke_hoach": "28.500", "thuc_hien": "29.104", "ty_le": "102,12 %", "so_cung_ky": "121,40 %"}
        ],
        "ket_qua_khac": "……", "bien_phap": "……", "chinh_sach": "……",
        "danh_hieu": [{"nam": 2021, "ten": "Tập thể lao động xuất sắc", "quyet_dinh": "Quyết định số ……/QĐ-BHXH ngày …… của Tổng Giám đốc BHXH Việt Nam"}],
        "khen_thuong": [{"nam": 2021, "ten": "Bằng khen của Tổng Giám đốc BHXH Việt Nam", "quyet_dinh": "Quyết định số ……/QĐ-BHXH ngày ……"}],
        "cap_trinh": "……", "thu_truong": {"chuc_vu": "GIÁM ĐỐC", "ho_ten": "……"}
    });
    save("bao-cao-thanh-tich", &tt)?;
    save("bao-cao-tom-tat-ca-nhan", &sample_individual())?;
    // The six-month review and the head's quarterly report, from the
    // demo's inboxes of Cụm thi đua cấp tỉnh số III.
    let tmp = std::env::temp_dir().join(format!("thidua-mau-{}", std::process::id()));
    let (six, quarter) = (tmp.join("6-thang"), tmp.join("quy"));
    thidua::demo::six_month::generate_six_month(&six, "cum-3", 2023, "thidua").map_err(std::io::Error::other)?;
    thidua::demo::six_month::generate_cluster_quarter(&quarter, "cum-3", &"2022-Q3".parse().unwrap()).map_err(std::io::Error::other)?;
    let limits = Default::default();
    let (_, reviews) =
        thidua::pipeline::six_month::evaluate(&six, 2023, &rules, thidua::registry::Registry::builtin(), &progress, &limits, None)
            .map_err(|e| std::io::Error::other(e.to_string()))?;
    let date = thidua::render::fill::DocDate::Full { day: 20, month: 7, year: 2023 };
    save("bao-cao-so-ket", &thidua::render::six_month::bao_cao_so_ket(&rules, &reviews[0], &date))?;
    save("bien-ban-so-ket", &thidua::render::six_month::bien_ban_so_ket(&rules, &reviews[0], &date))?;
    let ev = thidua::pipeline::evaluate(&quarter, "2022-Q3".parse().ok(), &rules, &progress)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let p = thidua::pipeline::quarterly_report::progress(&ev, &rules).expect("one cluster");
    let date = thidua::render::fill::DocDate::Full { day: 10, month: 10, year: 2022 };
    save("bao-cao-quy", &thidua::render::quarterly_report::bao_cao_quy(&rules, &p, &date))?;
    let _ = std::fs::remove_dir_all(&tmp);
    // The covenant from the shipped registration sample (Cụm số III, 2023).
    let ev_reg = thidua::pipeline::registration::evaluate(
        std::path::Path::new("samples/2023-dang-ky-cum-3"),
        "2023".parse().ok(),
        &rules,
        thidua::registry::Registry::builtin(),
        &progress,
        &Default::default(),
    )
    .map_err(|e| std::io::Error::other(e.to_string()))?;
    let rep = ev_reg.result.registration.as_ref().expect("registrations read");
    let reg = thidua::registry::Registry::builtin();
    let cluster = reg.cluster(&rep.clusters[0]).expect("the sample's cluster");
    let date = thidua::render::fill::DocDate::Full { day: 20, month: 1, year: 2023 };
    save("giao-uoc", &thidua::render::covenant::data(cluster, reg, &rules, &rep.registrations, date))?;
    Ok(())
}

/// Sample data of an individual's report, shaped as
/// `render::quarterly::individuals::bao_cao_ca_nhan` fills it.
fn sample_individual() -> serde_json::Value {
    serde_json::json!({
        "co_quan_chu_quan": "BẢO HIỂM XÃ HỘI VIỆT NAM", "co_quan": "BẢO HIỂM XÃ HỘI TỈNH HÀ NAM", "so_ky_hieu": "……/BC",
        "dong_ngay": "Hà Nam, ngày 05 tháng 10 năm 2022", "ky": "Quý III/2022",
        "phong_trao": "Phong trào thi đua trong công tác thu và phát triển người tham gia BHXH, BHTN, BHYT năm 2022",
        "van_ban": "Công văn số 1371/BHXH-TĐKT ngày 24/5/2022 của BHXH Việt Nam", "pham_vi": "Toàn quốc",
        "trich_yeu": "Đề nghị tặng Bằng khen của Tổng Giám đốc BHXH Việt Nam Quý III/2022",
        "hinh_thuc": "Bằng khen của Tổng Giám đốc BHXH Việt Nam", "ca_nhan": true,
        "ho_ten": "Nguyễn Thị Hoa", "chuc_vu": "Trưởng phòng Quản lý thu", "don_vi": "BHXH tỉnh Hà Nam", "de_xuat": "",
        "thanh_tich": ["Tham mưu giao kế hoạch thu đến từng huyện, đạt 75,20 % kế hoạch năm đến hết Quý III/2022.", "Sáng kiến đối soát danh sách hộ gia đình tham gia BHYT được áp dụng toàn tỉnh."],
        "co_ket_qua_don_vi": true,
        "ket_qua_don_vi": ["Đơn vị được đề nghị khen thưởng toàn diện công tác thu và phát triển người tham gia Quý III/2022", "Tỷ lệ thu lũy kế so với kế hoạch năm: 75,20 %"],
        "can_cu": "Công văn số 1371/BHXH-TĐKT ngày 24/5/2022 của BHXH Việt Nam, mục B.III.3 (tiêu chí khen thưởng đối với cá nhân) và mục B.IV (số lượng lựa chọn khen thưởng)",
        "noi_nhan": ["Vụ Thi đua - Khen thưởng", "Lưu: VT"], "nguoi_ky": {"quyen_han": "", "chuc_vu": "GIÁM ĐỐC", "ho_ten": "……"}
    })
}
