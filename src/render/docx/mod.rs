//! DOCX template engine working at the XML level (zip + quick-xml), so that
//! anything Word puts in a template survives.
//!
//! OWNER: docx helper. Interface: `Template::compile`, `Template::render`.

/// A compiled template, rendered many times.
pub struct Template {}

/// A template error with its location (part, paragraph, table/row/cell) and
/// the surrounding text. `Display` is Vietnamese.
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

impl Template {
    pub fn compile(_bytes: &[u8], _name: &str) -> Result<Template, Vec<TemplateError>> {
        unimplemented!("docx helper")
    }
    pub fn render(&self, _data: &serde_json::Value) -> Result<Vec<u8>, Vec<TemplateError>> {
        unimplemented!("docx helper")
    }
}

/// A template shipped in the binary, by file name ("to-trinh.docx").
pub fn builtin(_name: &str) -> Option<&'static [u8]> {
    None
}
