//! DOCX template engine working at the XML level (zip + quick-xml), so that
//! anything Word puts in a template survives: every part is copied byte for
//! byte except the text of the tags in the parts that hold text (document,
//! headers, footers, footnotes, endnotes). See `tags` for the language.

mod compile;
mod ids;
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
        Ok(Template { name: name.into(), parts, max_num_id, abstract_of })
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
        for (_, bytes, nodes) in &self.parts {
            filled.push(nodes.as_ref().map(|nodes| {
                let mut s = String::with_capacity(bytes.len() + 1024);
                let mut scope = render::Scope { frames: vec![(data, 0)] };
                let mut errs = Vec::new();
                render::render(nodes, &mut scope, &mut state, &mut s, &mut errs);
                errors.extend(errs.into_iter().map(|m| TemplateError { template: self.name.clone(), message: m }));
                // Loops copy drawings and bookmarks: keep their ids unique.
                ids::fix_ids(&s, &mut id_state)
            }));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let io = |e: &dyn std::fmt::Display| vec![TemplateError { template: self.name.clone(), message: format!("lỗi ghi: {e}") }];
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644);
        for ((part, bytes, _), filled) in self.parts.iter().zip(filled) {
            let out: std::borrow::Cow<[u8]> = match filled {
                Some(s) => std::borrow::Cow::Owned(s.into_bytes()),
                None if part == "word/numbering.xml" && !state.restarted.is_empty() => std::borrow::Cow::Owned(
                    ids::add_list_instances(&String::from_utf8_lossy(bytes), &state.restarted, &self.abstract_of).into_bytes(),
                ),
                None => std::borrow::Cow::Borrowed(bytes),
            };
            w.start_file(part.as_str(), opts).map_err(|e| io(&e))?;
            w.write_all(&out).map_err(|e| io(&e))?;
        }
        let cur = w.finish().map_err(|e| io(&e))?;
        Ok(cur.into_inner())
    }
}

/// A template shipped in the binary, by file name ("to-trinh.docx").
pub fn builtin(name: &str) -> Option<&'static [u8]> {
    match name {
        "to-trinh.docx" => Some(include_bytes!("../../../templates/to-trinh.docx")),
        "bien-ban.docx" => Some(include_bytes!("../../../templates/bien-ban.docx")),
        "bao-cao-tom-tat.docx" => Some(include_bytes!("../../../templates/bao-cao-tom-tat.docx")),
        _ => None,
    }
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
