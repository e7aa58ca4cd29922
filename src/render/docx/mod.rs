//! DOCX template engine working at the XML level (zip + quick-xml), so that
//! anything Word puts in a template survives: every part is copied byte for
//! byte except the text of the tags in the parts that hold text (document,
//! headers, footers, footnotes, endnotes). See `tags` for the language.

mod compile;
mod ids;
mod pack;
mod render;
pub mod tags;
pub mod xml;

use crate::ingest::guard::{check_zip, Limits};
use compile::Node;
use std::io::{Cursor, Read, Write};

/// A compiled template, rendered many times (and from many threads: it is
/// immutable once compiled).
pub struct Template {
    name: String,
    /// Zip entries in their original order: (name, bytes, compiled nodes
    /// when the part is templated).
    parts: Vec<(String, Vec<u8>, Option<Vec<Node>>)>,
    /// Highest `w:numId` of numbering.xml, and each list instance's
    /// abstract list, for loops that restart numbering.
    max_num_id: u32,
    abstract_of: Vec<(u32, u32)>,
    /// The parts no render changes, deflated once, for raw copies (by
    /// index of `parts`; None for the templated ones).
    fixed: Vec<Option<pack::Entry>>,
    /// By index of `parts`: whether the part holds drawings or bookmarks,
    /// whose ids a filled copy renumbers. A value goes in as escaped text,
    /// so a part without them in the template has none once filled, and is
    /// not searched for them again on every render (14 MB in a national
    /// dossier).
    has_ids: Vec<bool>,
}

/// A template error with its location (part, paragraph, tag) and the
/// paragraph's text. `Display` is Vietnamese.
#[derive(Debug, Clone)]
pub struct TemplateError {
    pub template: String,
    pub message: String,
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Mẫu \"{}\": {}", self.template, self.message)
    }
}

fn part_options() -> zip::write::SimpleFileOptions {
    zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644)
        // The same bytes whichever system writes them (render::package).
        .system(zip::System::Unix)
}

/// A part of a template: its name, bytes and compiled nodes when templated.
type Part = (String, Vec<u8>, Option<Vec<Node>>);

/// The parts that have no template text, deflated once (as the zip crate
/// deflates them at its default level), by index of `parts`.
fn fixed_parts(parts: &[Part]) -> zip::result::ZipResult<Vec<Option<pack::Entry>>> {
    // The built-in templates come from one generator and share most of
    // these parts byte for byte (styles, settings, relationships, content
    // types: 5 distinct texts among the 55 fixed parts of the 11 built-in
    // templates), and each part deflated by the zip crate costs a fresh
    // deflate state: a part deflated before in this process is taken as it
    // was, since the same name and bytes deflate to the same entry.
    static DONE: std::sync::Mutex<Vec<(Vec<u8>, pack::Entry)>> = std::sync::Mutex::new(Vec::new());
    /// Parts kept: enough for the built-in templates and a folder of others.
    const KEPT: usize = 64;
    let known = |part: &str, bytes: &[u8]| {
        let done = DONE.lock().unwrap_or_else(|e| e.into_inner());
        done.iter().find(|(b, e)| e.name == part && b.as_slice() == bytes).map(|(_, e)| e.clone())
    };
    let mut out: Vec<Option<pack::Entry>> =
        parts.iter().map(|(part, bytes, nodes)| nodes.is_none().then(|| known(part, bytes)).flatten()).collect();
    let missing: Vec<usize> = (0..parts.len()).filter(|&i| parts[i].2.is_none() && out[i].is_none()).collect();
    if missing.is_empty() {
        return Ok(out);
    }
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for &i in &missing {
        w.start_file(parts[i].0.as_str(), part_options())?;
        w.write_all(&parts[i].1)?;
    }
    let mut zip = zip::ZipArchive::new(w.finish()?)?;
    for &i in &missing {
        let (part, bytes, _) = &parts[i];
        let at = zip.index_for_name(part).ok_or(zip::result::ZipError::FileNotFound)?;
        let mut f = zip.by_index_raw(at)?;
        let (crc, size) = (f.crc32(), f.size() as u32);
        let mut data = Vec::new();
        f.read_to_end(&mut data)?;
        let entry = pack::Entry { name: part.clone(), crc, size, data };
        let mut done = DONE.lock().unwrap_or_else(|e| e.into_inner());
        if done.len() < KEPT && !done.iter().any(|(b, e)| e.name == *part && b == bytes) {
            done.push((bytes.clone(), entry.clone()));
        }
        out[i] = Some(entry);
    }
    Ok(out)
}

/// Parts whose text may hold tags.
fn is_text_part(name: &str) -> bool {
    name == "word/document.xml"
        || (name.starts_with("word/header") && name.ends_with(".xml"))
        || (name.starts_with("word/footer") && name.ends_with(".xml"))
        || name == "word/footnotes.xml"
        || name == "word/endnotes.xml"
}

/// Parts with text but no runs: the document properties.
fn is_plain_part(name: &str) -> bool {
    matches!(name, "docProps/core.xml" | "docProps/app.xml" | "docProps/custom.xml")
}

impl Template {
    pub fn compile(bytes: &[u8], name: &str) -> Result<Template, Vec<TemplateError>> {
        let fail = |m: String| vec![TemplateError { template: name.into(), message: m }];
        let limits = Limits::default();
        if bytes.len() as u64 > limits.max_file_bytes {
            return Err(fail(format!("tệp lớn hơn {} MB", limits.max_file_bytes >> 20)));
        }
        check_zip(Cursor::new(bytes), &limits).map_err(|e| fail(e.replace("bảng tính Excel", "tệp Word (.docx)")))?;
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| fail(format!("không mở được tệp .docx: {e}")))?;
        let mut parts = Vec::new();
        let mut errors = Vec::new();
        let mut has_document = false;
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).map_err(|e| fail(format!("tệp .docx bị hỏng: {e}")))?;
            if f.is_dir() {
                continue;
            }
            let part = f.name().map(|n| n.to_string()).map_err(|_| fail("tên thành phần không hợp lệ".into()))?;
            let mut data = Vec::new();
            f.read_to_end(&mut data).map_err(|e| fail(format!("không đọc được {part}: {e}")))?;
            let nodes = if is_text_part(&part) {
                has_document |= part == "word/document.xml";
                let text = String::from_utf8(data.clone()).map_err(|_| fail(format!("{part} không phải UTF-8")))?;
                match compile::compile_part(name, &part, &text) {
                    Ok(n) => Some(n),
                    Err(e) => {
                        errors.extend(e);
                        None
                    }
                }
            } else if is_plain_part(&part) {
                let text = String::from_utf8(data.clone()).map_err(|_| fail(format!("{part} không phải UTF-8")))?;
                match compile::compile_plain(name, &part, &text) {
                    Ok(n) => Some(n),
                    Err(e) => {
                        errors.extend(e);
                        None
                    }
                }
            } else {
                if (part.ends_with(".xml") || part.ends_with(".rels")) && crate::ingest::guard::has_doctype(&data[..data.len().min(4096)]) {
                    errors.push(TemplateError {
                        template: name.into(), message: format!("phần {part} khai báo DOCTYPE; đã từ chối")
                    });
                }
                None
            };
            parts.push((part, data, nodes));
        }
        if !has_document && errors.is_empty() {
            errors.push(TemplateError {
                template: name.into(), message: "không có word/document.xml: không phải tệp Word (.docx)".into()
            });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let (max_num_id, abstract_of) = parts
            .iter()
            .find(|p| p.0 == "word/numbering.xml")
            .map(|p| ids::numbering_info(&String::from_utf8_lossy(&p.1)))
            .unwrap_or_default();
        let fixed = fixed_parts(&parts).map_err(|e| fail(format!("lỗi ghi: {e}")))?;
        let has_ids = parts.iter().map(|p| ids::has_ids(&String::from_utf8_lossy(&p.1))).collect();
        Ok(Template { name: name.into(), parts, max_num_id, abstract_of, fixed, has_ids })
    }

    /// The fields and loops the template uses, as dotted paths with `[]`
    /// for loop items (`de_nghi_tap_the[].ten`), in order of appearance.
    pub fn fields(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (_, _, nodes) in &self.parts {
            if let Some(n) = nodes {
                compile::collect_fields(n, "", &mut out);
            }
        }
        let mut seen = std::collections::HashSet::new();
        out.retain(|f| seen.insert(f.clone()));
        out
    }

    /// Fill the template. Deterministic: the same data give the same bytes.
    pub fn render(&self, data: &serde_json::Value) -> Result<Vec<u8>, Vec<TemplateError>> {
        let mut errors = Vec::new();
        let mut state = render::State { next_num: self.max_num_id + 1, restarted: Vec::new() };
        let mut id_state = ids::IdState::default();
        // Fill every templated part first: a loop that restarts numbering
        // adds list instances to numbering.xml, wherever it is in the zip.
        let mut filled: Vec<Option<String>> = Vec::with_capacity(self.parts.len());
        for ((part, bytes, nodes), &has_ids) in self.parts.iter().zip(&self.has_ids) {
            filled.push(nodes.as_ref().map(|nodes| {
                let mut s = buffer();
                s.reserve(bytes.len() + 1024);
                let mut scope = render::Scope { frames: vec![(data, 0)], last: Vec::new() };
                let mut errs = Vec::new();
                render::render(nodes, &mut scope, &mut state, &mut s, &mut errs);
                errors.extend(errs.into_iter().map(|m| TemplateError { template: self.name.clone(), message: m }));
                // Loops copy drawings and bookmarks: keep their ids unique.
                let mut s = if has_ids { ids::fix_ids(s, &mut id_state) } else { s };
                if part == "word/document.xml" {
                    shrink_paragraph_after_last_table(&mut s);
                    keep_last_rows_with_headings(&mut s);
                    keep_last_two_rows_together(&mut s);
                }
                s
            }));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let io = |e: std::io::Error| vec![TemplateError { template: self.name.clone(), message: format!("lỗi ghi: {e}") }];
        // The filled parts are deflated fast; the others were deflated once
        // at compile time.
        let mut made: Vec<pack::Entry> = Vec::new();
        for ((part, bytes, _), filled) in self.parts.iter().zip(filled) {
            match filled {
                Some(s) => {
                    made.push(pack::deflate(part, s.as_bytes()).map_err(io)?);
                    give_back(s);
                }
                None if part == "word/numbering.xml" && !state.restarted.is_empty() => {
                    let xml = ids::add_list_instances(&String::from_utf8_lossy(bytes), &state.restarted, &self.abstract_of);
                    made.push(pack::deflate(part, xml.as_bytes()).map_err(io)?);
                }
                None => {}
            }
        }
        let mut made = made.iter();
        let entries: Vec<&pack::Entry> = self
            .fixed
            .iter()
            .zip(&self.parts)
            .map(|(fixed, (part, _, _))| match fixed {
                // numbering.xml is filled when a loop restarted a list.
                Some(e) if part != "word/numbering.xml" || state.restarted.is_empty() => e,
                _ => made.next().expect("one filled entry for each part not copied"),
            })
            .collect();
        pack::zip(&entries).map_err(io)
    }
}

/// Filled parts are written into buffers kept by each thread (cleared, their
/// room kept): a national run fills 14 MB of XML, and a fresh buffer per
/// part grew by copying and touched new memory each time.
const BUFFERS: usize = 8;
/// A buffer larger than this is not kept.
const BUFFER_MAX: usize = 4 << 20;

thread_local! {
    static BUFFERS_FREE: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// An empty buffer, with the room it had if it was used before.
fn buffer() -> String {
    BUFFERS_FREE.with(|b| b.borrow_mut().pop()).unwrap_or_default()
}

/// Keep `s` for the next part, emptied.
fn give_back(mut s: String) {
    if s.capacity() <= BUFFER_MAX {
        s.clear();
        BUFFERS_FREE.with(|b| {
            let mut b = b.borrow_mut();
            if b.len() < BUFFERS {
                b.push(s);
            }
        });
    }
}

/// The default templates shipped in the binary, with sample data for each
/// (`templates/du-lieu-mau/`), by file name.
pub const BUILTIN: [(&str, &[u8], &str); 11] = [
    ("to-trinh.docx", include_bytes!("../../../templates/to-trinh.docx"), include_str!("../../../templates/du-lieu-mau/to-trinh.json")),
    ("bien-ban.docx", include_bytes!("../../../templates/bien-ban.docx"), include_str!("../../../templates/du-lieu-mau/bien-ban.json")),
    (
        "bao-cao-tom-tat.docx",
        include_bytes!("../../../templates/bao-cao-tom-tat.docx"),
        include_str!("../../../templates/du-lieu-mau/bao-cao-tom-tat.json"),
    ),
    (
        "bien-ban-cum.docx",
        include_bytes!("../../../templates/bien-ban-cum.docx"),
        include_str!("../../../templates/du-lieu-mau/bien-ban-cum.json"),
    ),
    (
        "bien-ban-hoi-dong.docx",
        include_bytes!("../../../templates/bien-ban-hoi-dong.docx"),
        include_str!("../../../templates/du-lieu-mau/bien-ban-hoi-dong.json"),
    ),
    (
        "bao-cao-thanh-tich.docx",
        include_bytes!("../../../templates/bao-cao-thanh-tich.docx"),
        include_str!("../../../templates/du-lieu-mau/bao-cao-thanh-tich.json"),
    ),
    (
        "bao-cao-tom-tat-ca-nhan.docx",
        include_bytes!("../../../templates/bao-cao-tom-tat-ca-nhan.docx"),
        include_str!("../../../templates/du-lieu-mau/bao-cao-tom-tat-ca-nhan.json"),
    ),
    (
        "bao-cao-quy.docx",
        include_bytes!("../../../templates/bao-cao-quy.docx"),
        include_str!("../../../templates/du-lieu-mau/bao-cao-quy.json"),
    ),
    (
        "bao-cao-so-ket.docx",
        include_bytes!("../../../templates/bao-cao-so-ket.docx"),
        include_str!("../../../templates/du-lieu-mau/bao-cao-so-ket.json"),
    ),
    (
        "bien-ban-so-ket.docx",
        include_bytes!("../../../templates/bien-ban-so-ket.docx"),
        include_str!("../../../templates/du-lieu-mau/bien-ban-so-ket.json"),
    ),
    ("giao-uoc.docx", include_bytes!("../../../templates/giao-uoc.docx"), include_str!("../../../templates/du-lieu-mau/giao-uoc.json")),
];

/// A template shipped in the binary, by file name ("to-trinh.docx").
pub fn builtin(name: &str) -> Option<&'static [u8]> {
    BUILTIN.iter().find(|t| t.0 == name).map(|t| t.1)
}

/// The sample data of a shipped template.
pub fn builtin_sample(name: &str) -> Option<&'static str> {
    BUILTIN.iter().find(|t| t.0 == name).map(|t| t.2)
}

/// Compare a template's fields with a data set: (fields the data lacks,
/// data never used by the template). Paths use `[]` for list items.
pub fn compare_fields(fields: &[String], data: &serde_json::Value) -> (Vec<String>, Vec<String>) {
    fn paths(v: &serde_json::Value, prefix: &str, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    let p = format!("{prefix}{k}");
                    out.push(p.clone());
                    paths(x, &format!("{p}."), out);
                }
            }
            serde_json::Value::Array(a) => {
                let p = format!("{}[]", prefix.trim_end_matches('.'));
                out.push(p.clone());
                if a.is_empty() {
                    // An empty list: its items' fields cannot be known, nor missed.
                    out.push(format!("{p}.*"));
                }
                for x in a {
                    paths(x, &format!("{p}."), out);
                }
            }
            _ => {}
        }
    }
    let mut have = Vec::new();
    paths(data, "", &mut have);
    let have: std::collections::BTreeSet<String> = have.into_iter().collect();
    // A field inside a loop may also name an outer field: try each scope.
    let resolves = |f: &str| -> bool {
        let f = f.strip_suffix("[].").map(|x| format!("{x}[]")).unwrap_or_else(|| f.to_string());
        if have.contains(&f) {
            return true;
        }
        if let Some(i) = f.find("[].") {
            if have.contains(&format!("{}.*", &f[..i + 2])) {
                return true;
            }
        }
        let mut rest = f.as_str();
        while let Some(i) = rest.find("[].") {
            rest = &rest[i + 3..];
            if have.contains(rest) {
                return true;
            }
        }
        false
    };
    let missing: Vec<String> = fields.iter().filter(|f| !resolves(f)).cloned().collect();
    let used = |d: &str| {
        fields
            .iter()
            .any(|f| f == d || f.starts_with(&format!("{d}.")) || f.starts_with(&format!("{d}[]")) || f.ends_with(&format!("[].{d}")))
    };
    let unused: Vec<String> = have
        .iter()
        .filter(|d| {
            !d.ends_with(".*")
                && !used(d)
                && !have.iter().any(|o| !o.ends_with(".*") && (o.starts_with(&format!("{d}.")) || o.starts_with(&format!("{d}[]"))))
        })
        .cloned()
        .collect();
    (missing, unused)
}

/// The text of a rendered document, paragraph by paragraph (for tests and
/// checks): the `w:t` content of word/document.xml, paragraphs separated
/// by newlines, table cells by tabs.
pub fn document_text(docx: &[u8]) -> Result<String, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).map_err(|e| e.to_string())?;
    let mut xml = String::new();
    zip.by_name("word/document.xml").map_err(|e| e.to_string())?.read_to_string(&mut xml).map_err(|e| e.to_string())?;
    let toks = xml::tokenize(&xml)?;
    let mut out = String::new();
    let mut in_t = false;
    for t in toks {
        match t {
            xml::Tok::Open { name, .. } if name == "w:t" => in_t = true,
            xml::Tok::Close { name, .. } if name == "w:t" => in_t = false,
            xml::Tok::Close { name, .. } if name == "w:p" => out.push('\n'),
            xml::Tok::Close { name, .. } if name == "w:tc" => out.push('\t'),
            xml::Tok::Empty { name, .. } if name == "w:br" => out.push('\n'),
            xml::Tok::Text { raw } if in_t => out.push_str(&xml::unescape(&raw)),
            _ => {}
        }
    }
    Ok(out)
}

/// A document that ends with a table ends with the empty paragraph Word
/// requires after it. When the table fills its last page to the bottom,
/// that paragraph starts a page of its own, blank but for the page number
/// (seen on a 60-page national Tờ trình). It is made 1 pt high, the usual
/// remedy, so it fits under the table. Only an empty paragraph right after
/// the body's last table is touched.
fn shrink_paragraph_after_last_table(xml: &mut String) {
    const TINY: &str = "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"20\" w:lineRule=\"exact\"/><w:rPr><w:sz w:val=\"2\"/><w:szCs w:val=\"2\"/></w:rPr></w:pPr></w:p>";
    let Some(end) = xml.rfind("<w:sectPr") else { return };
    let before = &xml[..end];
    let Some(start) = before.rfind("</w:tbl>").map(|i| i + "</w:tbl>".len()) else { return };
    let last = &before[start..];
    let one = (last.starts_with("<w:p>") || last.starts_with("<w:p "))
        && last.ends_with("</w:p>")
        && last.matches("<w:p>").count() + last.matches("<w:p ").count() == 1;
    if one && is_empty_paragraph(last) && !last.contains("sectPr") {
        xml.replace_range(start..end, TINY);
    }
}

/// A heading that follows a table is kept with the text under it
/// (`keepNext`), but LibreOffice (7.4) does not move it to the next page
/// when it is the last line that fits after a table: "II. ĐƠN VỊ KHÔNG
/// XÉT, CHƯA XÉT THI ĐUA" stood alone at the foot of page 1 of a Khối's
/// minutes, its "Không có." on page 2 (after paragraphs instead of a table
/// it moves). The table's last row is kept with the heading as Word keeps
/// rows: every paragraph of the row, and the empty paragraphs between,
/// get `keepNext`. When the heading must move, that row goes with it, so
/// neither is left alone. Only a table whose next text paragraph keeps
/// with the next is touched; a nested table in the last row is left.
fn keep_last_rows_with_headings(xml: &mut String) {
    const KEEP: &str = "<w:keepNext/>";
    if !xml.contains("</w:tbl>") {
        return;
    }
    // (position, text) insertions, made from the end.
    let mut inserts: Vec<(usize, &'static str)> = Vec::new();
    let ends: Vec<usize> = memchr::memmem::find_iter(xml.as_bytes(), b"</w:tbl>").collect();
    for end in ends {
        let from = end + "</w:tbl>".len();
        // What follows: empty paragraphs, then the paragraph that decides.
        let mut at = from;
        let mut between: Vec<usize> = Vec::new();
        let keeps = loop {
            let rest = &xml[at..];
            if !(rest.starts_with("<w:p>") || rest.starts_with("<w:p ")) {
                break false;
            }
            let Some(close) = rest.find("</w:p>") else { break false };
            let para = &rest[..close];
            if is_empty_paragraph(para) {
                between.push(at);
                at += close + "</w:p>".len();
                continue;
            }
            break ppr_of(para).is_some_and(|p| p.contains(KEEP));
        };
        if !keeps {
            continue;
        }
        let Some(row) = last_row_start(xml, end) else { continue };
        if xml[row..end].contains("<w:tbl") || xml[row..end].contains("</w:tbl>") {
            continue;
        }
        keep_paragraphs(xml, row, end, &mut inserts);
        for b in between {
            let tag_end = b + xml[b..].find('>').unwrap_or(0) + 1;
            inserts.extend(keep_at(xml, b, tag_end));
        }
    }
    inserts.sort_by_key(|a| std::cmp::Reverse(a.0));
    for (at, text) in inserts {
        xml.insert_str(at, text);
    }
}

/// The `keepNext` insertions for every paragraph (`<w:p>` or `<w:p …>`, not
/// an empty `<w:p/>`) opening between `from` and `to`.
fn keep_paragraphs(xml: &str, from: usize, to: usize, inserts: &mut Vec<(usize, &'static str)>) {
    let mut p = from;
    while let Some(j) = xml[p..to].find("<w:p") {
        let at = p + j;
        let tag_end = at + xml[at..to].find('>').unwrap_or(0) + 1;
        let name_ok = matches!(xml.as_bytes().get(at + 4), Some(b'>') | Some(b' ') | Some(b'/'));
        if name_ok && !xml[at..tag_end].ends_with("/>") {
            inserts.extend(keep_at(xml, at, tag_end));
        }
        p = tag_end.max(at + 4);
    }
}

/// A list table (a header row repeated on each page) whose last row fell
/// alone on the next page under its repeated header (a Cụm's year-end
/// minutes): every paragraph of the row before the last gets `keepNext`,
/// as Word keeps a row with the next, so the last row never goes over
/// alone. Rows already never split (`cantSplit`). A table whose row before
/// the last is its header, or that holds a nested table there, is left.
fn keep_last_two_rows_together(xml: &mut String) {
    if !xml.contains("<w:tblHeader/>") {
        return;
    }
    let mut inserts: Vec<(usize, &'static str)> = Vec::new();
    let ends: Vec<usize> = memchr::memmem::find_iter(xml.as_bytes(), b"</w:tbl>").collect();
    for end in ends {
        let Some(start) = xml[..end].rfind("<w:tbl>") else { continue };
        let tbl = &xml[start..end];
        if !tbl.contains("<w:tblHeader/>") || tbl.contains("</w:tbl>") {
            continue;
        }
        let Some(last) = last_row_start(xml, end) else { continue };
        let Some(before) = last_row_start(xml, last).filter(|&b| b > start) else { continue };
        let row = &xml[before..last];
        if row.contains("<w:tblHeader/>") || row.contains("<w:tbl") {
            continue;
        }
        keep_paragraphs(xml, before, last, &mut inserts);
    }
    inserts.sort_by_key(|a| std::cmp::Reverse(a.0));
    for (at, text) in inserts {
        xml.insert_str(at, text);
    }
}

/// Where the last table row starting before `end` starts (`<w:tr>` or
/// `<w:tr …>`, not `<w:trPr>`), searched backwards from `end` only as far
/// as that row: a search for each spelling on its own ran back to the
/// start of the document when that spelling was absent.
fn last_row_start(xml: &str, end: usize) -> Option<usize> {
    let finder = memchr::memmem::FinderRev::new(b"<w:tr");
    let bytes = xml.as_bytes();
    let mut limit = end;
    while let Some(at) = finder.rfind(&bytes[..limit]) {
        if matches!(bytes.get(at + 5), Some(b'>') | Some(b' ')) {
            return Some(at);
        }
        limit = at;
    }
    None
}

/// Whether a paragraph's XML holds no run and no text: a spacer.
fn is_empty_paragraph(para: &str) -> bool {
    !para.contains("<w:r>") && !para.contains("<w:r ") && !para.contains("<w:t")
}

/// The properties element of a paragraph's XML (from its start tag), when
/// it has one.
fn ppr_of(para: &str) -> Option<&str> {
    let s = para.find("<w:pPr>")?;
    let e = para[s..].find("</w:pPr>")?;
    Some(&para[s..s + e])
}

/// Where `<w:keepNext/>` goes in the paragraph starting at `start` (its
/// start tag ending at `tag_end`), as the schema orders a paragraph's
/// properties (after `pStyle`, before everything else), or `None` when it
/// is there already.
fn keep_at(xml: &str, start: usize, tag_end: usize) -> Option<(usize, &'static str)> {
    let close = xml[start..].find("</w:p>").map_or(xml.len(), |c| start + c);
    let para = &xml[tag_end..close];
    if para.starts_with("<w:pPr") && !para.starts_with("<w:pPr>") {
        // `<w:pPr/>`, or properties with attributes: left as they are
        // rather than given a second pPr.
        return None;
    }
    if !para.starts_with("<w:pPr>") {
        return Some((tag_end, "<w:pPr><w:keepNext/></w:pPr>"));
    }
    let ppr = ppr_of(para)?;
    if ppr.contains("<w:keepNext/>") {
        return None;
    }
    let mut at = tag_end + "<w:pPr>".len();
    if xml[at..].starts_with("<w:pStyle") {
        at += xml[at..].find("/>").map_or(0, |e| e + 2);
    }
    Some((at, "<w:keepNext/>"))
}

#[cfg(test)]
mod tests {
    /// The row before the last of a list table is kept with the last; its
    /// header and the rows above are left, as is a table without a header.
    #[test]
    fn a_list_tables_last_row_is_kept_with_the_one_before() {
        let row = |t: &str| {
            format!("<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:p><w:pPr><w:jc w:val=\"left\"/></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>")
        };
        let head = "<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr><w:tc><w:p><w:r><w:t>h</w:t></w:r></w:p></w:tc></w:tr>";
        let mut x = format!(
            "<w:body><w:tbl><w:tblPr/>{head}{}{}{}</w:tbl><w:tbl><w:tblPr/>{}{}</w:tbl></w:body>",
            row("a"),
            row("b"),
            row("c"),
            row("d"),
            row("e")
        );
        super::keep_last_two_rows_together(&mut x);
        assert_eq!(x.matches("<w:keepNext/>").count(), 2, "{x}");
        assert!(x.contains("<w:pPr><w:keepNext/><w:jc w:val=\"left\"/></w:pPr><w:r><w:t>b</w:t>"), "{x}");
        assert!(x.contains("<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:p><w:pPr><w:jc w:val=\"left\"/></w:pPr><w:r><w:t>c"), "{x}");
        // A header and one row: nothing to keep.
        let mut y = format!("<w:body><w:tbl><w:tblPr/>{head}{}</w:tbl></w:body>", row("a"));
        let before = y.clone();
        super::keep_last_two_rows_together(&mut y);
        assert_eq!(y, before);
    }

    /// The last row of a table followed by a heading kept with the next
    /// paragraph gets keepNext in each of its paragraphs (after a pStyle,
    /// or in a new pPr), as does the empty paragraph between; the rows
    /// above, and a table followed by plain text, are left.
    #[test]
    fn a_heading_after_a_table_keeps_the_last_row_with_it() {
        let row = |t: &str| {
            format!("<w:tr><w:tc><w:p><w:pPr><w:jc w:val=\"left\"/></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>")
        };
        let styled =
            "<w:tr><w:tc><w:p><w:pPr><w:pStyle w:val=\"B\"/><w:jc w:val=\"left\"/></w:pPr><w:r><w:t>c</w:t></w:r></w:p></w:tc></w:tr>";
        let spacer = "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/></w:pPr></w:p>";
        let heading = "<w:p><w:pPr><w:keepNext/><w:keepLines/></w:pPr><w:r><w:t>II. ĐƠN VỊ</w:t></w:r></w:p>";
        let plain = "<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr><w:r><w:t>Không có.</w:t></w:r></w:p>";
        let mut x = format!(
            "<w:body><w:tbl>{}{}</w:tbl>{spacer}{heading}{plain}<w:tbl>{}{styled}</w:tbl>{plain}</w:body>",
            row("a"),
            row("b"),
            row("c")
        );
        super::keep_last_rows_with_headings(&mut x);
        let want = format!(
            "<w:body><w:tbl>{}<w:tr><w:tc><w:p><w:pPr><w:keepNext/><w:jc w:val=\"left\"/></w:pPr><w:r><w:t>b</w:t></w:r></w:p></w:tc><w:tc><w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:pPr><w:keepNext/><w:spacing w:before=\"0\" w:after=\"0\"/></w:pPr></w:p>{heading}{plain}<w:tbl>{}{styled}</w:tbl>{plain}</w:body>",
            row("a"),
            row("c")
        );
        assert_eq!(x, want);
        // A pStyle stays first.
        let mut y = format!("<w:tbl>{styled}</w:tbl>{heading}");
        super::keep_last_rows_with_headings(&mut y);
        assert!(y.starts_with("<w:tbl><w:tr><w:tc><w:p><w:pPr><w:pStyle w:val=\"B\"/><w:keepNext/><w:jc"), "{y}");
        // An empty pPr is left, never doubled.
        let mut z = format!("<w:tbl><w:tr><w:tc><w:p><w:pPr/><w:r><w:t>c</w:t></w:r></w:p></w:tc></w:tr></w:tbl>{heading}");
        let before = z.clone();
        super::keep_last_rows_with_headings(&mut z);
        assert_eq!(z, before);
        // A row with attributes (`<w:tr w:rsidR=…>`) is found past its
        // `<w:trPr>`; a last row holding a nested table is left.
        let mut r = format!("<w:tbl>{}<w:tr w:rsidR=\"00A1\"><w:trPr><w:cantSplit/></w:trPr><w:tc><w:p><w:r><w:t>d</w:t></w:r></w:p></w:tc></w:tr></w:tbl>{heading}", row("a"));
        super::keep_last_rows_with_headings(&mut r);
        assert!(r.contains("<w:cantSplit/></w:trPr><w:tc><w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:t>d"), "{r}");
        assert_eq!(r.matches("<w:keepNext/>").count(), 2, "{r}");
        let mut n = format!("<w:tbl><w:tr><w:tc><w:tbl>{}</w:tbl><w:p/></w:tc></w:tr></w:tbl>{heading}", row("e"));
        super::keep_last_rows_with_headings(&mut n);
        assert!(!n[..n.rfind("</w:tbl>").unwrap()].contains("<w:keepNext/>"), "{n}");
        // Once is enough: a second pass changes nothing.
        let again = y.clone();
        super::keep_last_rows_with_headings(&mut y);
        assert_eq!(y, again);
    }

    /// Only the empty paragraph right after the body's last table is made
    /// 1 pt; a paragraph with text, or one after other text, is left.
    #[test]
    fn the_paragraph_after_a_closing_table_is_made_tiny() {
        let sect = "<w:sectPr><w:pgSz w:w=\"11906\"/></w:sectPr></w:body>";
        let empty = "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/><w:jc w:val=\"left\"/></w:pPr></w:p>";
        let mut x = format!("<w:body><w:tbl><w:tr/></w:tbl>{empty}{sect}");
        super::shrink_paragraph_after_last_table(&mut x);
        assert!(x.contains("</w:tbl><w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"20\" w:lineRule=\"exact\"/>"), "{x}");
        assert!(x.ends_with(sect), "{x}");
        for kept in [
            format!("<w:body><w:tbl><w:tr/></w:tbl><w:p><w:r><w:t>Nơi nhận</w:t></w:r></w:p>{sect}"),
            format!("<w:body><w:tbl><w:tr/></w:tbl><w:p><w:r><w:t>a</w:t></w:r></w:p>{empty}{sect}"),
            format!("<w:body><w:p/>{empty}{sect}"),
        ] {
            let mut y = kept.clone();
            super::shrink_paragraph_after_last_table(&mut y);
            assert_eq!(y, kept);
        }
    }

    /// A thread's reused buffers carry nothing from one document into the
    /// next: every built-in template filled with its sample data, each
    /// after the others, gives the same bytes as when filled first.
    #[test]
    fn reused_buffers_give_the_same_documents() {
        let render = |name: &str| {
            let t = super::Template::compile(super::builtin(name).unwrap(), name).unwrap();
            let data: serde_json::Value = serde_json::from_str(super::builtin_sample(name).unwrap()).unwrap();
            t.render(&data).unwrap()
        };
        let names: Vec<&str> = super::BUILTIN.iter().map(|b| b.0).collect();
        let first: Vec<Vec<u8>> = names.iter().map(|n| std::thread::scope(|s| s.spawn(|| render(n)).join().unwrap())).collect();
        for _ in 0..2 {
            for (n, want) in names.iter().zip(&first) {
                assert!(render(n) == *want, "{n}");
            }
        }
    }
}
