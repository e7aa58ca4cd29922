//! DOCX template engine working at the XML level (zip + quick-xml), so that
//! anything Word puts in a template survives: every part is copied byte for
//! byte except the text of the tags in the parts that hold text (document,
//! headers, footers, footnotes, endnotes). See `tags` for the language.

mod compile;
mod render;
pub mod tags;
pub mod xml;

use crate::ingest::guard::{check_zip, Limits};
use compile::Node;
use std::io::{Cursor, Read, Write};

/// A compiled template, rendered many times.
pub struct Template {
    name: String,
    /// Zip entries in their original order: (name, bytes, compiled nodes
    /// when the part is templated).
    parts: Vec<(String, Vec<u8>, Option<Vec<Node>>)>,
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
        if errors.is_empty() {
            Ok(Template { name: name.into(), parts })
        } else {
            Err(errors)
        }
    }

    /// Fill the template. Deterministic: the same data give the same bytes.
    pub fn render(&self, data: &serde_json::Value) -> Result<Vec<u8>, Vec<TemplateError>> {
        let mut errors = Vec::new();
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644);
        for (part, bytes, nodes) in &self.parts {
            let out: std::borrow::Cow<[u8]> = match nodes {
                Some(nodes) => {
                    let mut s = String::with_capacity(bytes.len() + 1024);
                    let mut scope = render::Scope { frames: vec![(data, 0)] };
                    let mut errs = Vec::new();
                    render::render(nodes, &mut scope, &mut s, &mut errs);
                    errors.extend(errs.into_iter().map(|m| TemplateError { template: self.name.clone(), message: m }));
                    std::borrow::Cow::Owned(s.into_bytes())
                }
                None => std::borrow::Cow::Borrowed(bytes),
            };
            let io = |e: std::io::Error| vec![TemplateError { template: self.name.clone(), message: format!("lỗi ghi: {e}") }];
            w.start_file(part.as_str(), opts).map_err(|e| io(std::io::Error::other(e)))?;
            w.write_all(&out).map_err(io)?;
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let cur = w.finish().map_err(|e| vec![TemplateError { template: self.name.clone(), message: format!("lỗi ghi: {e}") }])?;
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
