//! A registry edition loaded from a file (`--registry FILE`, SPEC §12): read,
//! checked whole (`validate`), built, its terms resolved. Every error is
//! returned at once with the file, line and key, in Vietnamese; warnings
//! (the splitting rule) go with the registry.

pub use super::validate::{line_of, Finding};
use super::{load, Registry};
use std::path::Path;

/// A registry file is a short list; anything much larger is not one.
const MAX_BYTES: u64 = 8 << 20;

/// A loaded edition and the warnings its check gave.
pub struct Loaded {
    pub registry: Registry,
    pub warnings: Vec<String>,
}

/// Read and check a registry file. Errors are complete Vietnamese lines.
pub fn load(path: &Path) -> Result<Loaded, Vec<String>> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path)
        .map_err(|e| vec![format!("Không đọc được tệp danh sách đơn vị {shown}: {}", crate::ingest::os_error_vi(&e))])?;
    if !meta.is_file() || meta.len() > MAX_BYTES {
        return Err(vec![format!("{shown} không phải tệp danh sách đơn vị (.toml, tối đa 8 MB).")]);
    }
    let bytes = std::fs::read(path)
        .map_err(|e| vec![format!("Không đọc được tệp danh sách đơn vị {shown}: {}", crate::ingest::os_error_vi(&e))])?;
    let text = String::from_utf8(bytes).map_err(|_| vec![format!("{shown}: tệp không ở dạng chữ UTF-8; hãy lưu lại với mã UTF-8.")])?;
    from_text(&text, &shown)
}

/// As `load`, from the text of a file named `shown`.
pub fn from_text(text: &str, shown: &str) -> Result<Loaded, Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let f = load::read(text).map_err(|e| vec![toml_error(text, &e).text(shown)])?;
    let findings = super::validate::check(text, &f);
    let (errors, warnings): (Vec<Finding>, Vec<Finding>) = findings.into_iter().partition(|x| !x.warning);
    let mut errors: Vec<String> = errors.iter().map(|x| x.text(shown)).collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let edition = f.edition.as_ref().map(|e| e.get_ref().clone()).expect("checked");
    let terms: Vec<_> = f.nhiem_ky.clone();
    let (mut registry, _) = Registry::build(f).map_err(|e| vec![format!("{shown}: {e}")])?;
    registry.edition = edition;
    for t in &terms {
        if let Err((key, msg)) = registry.add_term(t) {
            let at = match key {
                "truong" => t.truong.span(),
                "pho" => t.pho.as_ref().map_or(t.truong.span(), |p| p.span()),
                "nam" => t.nam.span(),
                _ => t.cum.span(),
            };
            errors.push(Finding::error(Some(line_of(text, at.start)), format!("nhiem_ky.{key}"), msg).text(shown));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Loaded { registry, warnings: warnings.iter().map(|x| x.text(shown)).collect() })
}

/// TOML's own error (syntax, a key the format does not have, a key
/// missing, a value of the wrong kind) as a finding with its line and key.
pub fn toml_error(text: &str, e: &toml::de::Error) -> Finding {
    let line = e.span().map(|s| line_of(text, s.start));
    let msg = e.message().trim();
    let quoted = |m: &str, pre: &str| m.strip_prefix(pre).and_then(|r| r.split('`').nth(1)).map(str::to_string);
    // The key written on the line the error points at.
    let key_on_line = line
        .and_then(|l| text.lines().nth(l - 1))
        .and_then(|t| t.split_once('=').map(|(k, _)| k.trim().trim_matches('"').to_string()))
        .filter(|k| !k.is_empty() && !k.contains(char::is_whitespace))
        .unwrap_or_default();
    if let Some(k) = quoted(msg, "unknown field") {
        let expected: Vec<&str> = msg.split("expected").nth(1).map(|r| r.split('`').skip(1).step_by(2).collect()).unwrap_or_default();
        let hint =
            if expected.is_empty() { String::new() } else { format!(" Các khóa dùng được ở đây: {}.", expected.join(", ")) };
        return Finding::error(line, k.clone(), format!("khóa \"{k}\" không có trong mẫu tệp.{hint}"));
    }
    if let Some(k) = quoted(msg, "missing field") {
        return Finding::error(line, k.clone(), format!("thiếu khóa \"{k}\"."));
    }
    if msg.starts_with("duplicate key") {
        return Finding::error(line, key_on_line, "khóa được ghi hai lần.");
    }
    if msg.starts_with("invalid type") {
        return Finding::error(line, key_on_line, format!("giá trị sai kiểu ({msg})."));
    }
    Finding::error(line, key_on_line, format!("sai cú pháp TOML ({msg})."))
}
