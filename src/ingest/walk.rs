//! Listing the inbox: workbooks in the folder and its subfolders, sorted by
//! path. Excel's lock files (`~$…`) and hidden files are skipped quietly;
//! any other file is listed as skipped (SPEC §4). Symbolic links are not
//! followed, so a link cannot pull files from outside the inbox; only
//! regular files are ever opened, so a FIFO or a device cannot block the
//! run. Anything named like a workbook that is not read — a link, a
//! device, a folder too deep, a folder that cannot be opened — is a
//! warning that names it (SPEC §13), never a silent skip.

use super::grid::Format;
use crate::model::{Location, Problem};
use std::path::{Path, PathBuf};

/// Folders below the inbox that are looked into.
pub const MAX_DEPTH: u32 = 16;

#[derive(Debug, Default)]
pub struct Listing {
    /// (path relative to the inbox with `/`, absolute path)
    pub files: Vec<(String, PathBuf)>,
    /// (relative, absolute, why)
    pub skipped: Vec<(String, PathBuf, String)>,
    pub problems: Vec<Problem>,
}

pub fn list_inbox(dir: &Path) -> Listing {
    let mut out = Listing::default();
    walk(dir, "", 0, &mut out);
    out.files.sort();
    out.skipped.sort();
    out
}

fn is_workbook_name(name: &str) -> bool {
    Path::new(name).extension().and_then(|x| x.to_str()).and_then(Format::from_extension).is_some()
}

fn walk(dir: &Path, prefix: &str, depth: u32, out: &mut Listing) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            let at = if prefix.is_empty() { "." } else { prefix };
            let msg = format!("Không mở được thư mục này nên các tệp trong đó không được đọc: {}.", super::os_error_vi(&e));
            // The inbox itself is an error; a subfolder, a warning.
            out.problems.push(if prefix.is_empty() {
                Problem::error("unreadable-dir", Location::file(at), msg)
            } else {
                Problem::warning("unreadable-dir", Location::file(at), msg)
            });
            return;
        }
    };
    let mut items: Vec<_> = entries.flatten().collect();
    items.sort_by_key(|e| e.file_name());
    for e in items {
        let name = e.file_name().to_string_lossy().to_string();
        if name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        let rel = if prefix.is_empty() { name.clone() } else { format!("{prefix}/{name}") };
        let workbook = is_workbook_name(&name);
        let skip = |out: &mut Listing, why: &str, advice: &str| {
            out.skipped.push((rel.clone(), e.path(), format!("bỏ qua: {why}")));
            out.problems.push(Problem::warning("not-read", Location::file(&rel), format!("Không đọc tệp này: {why}. {advice}")));
        };
        let Ok(ft) = e.file_type() else {
            skip(out, "không xác định được loại tệp", "Hãy kiểm tra lại tệp.");
            continue;
        };
        if ft.is_symlink() {
            let target = std::fs::metadata(e.path());
            let what = match &target {
                Err(_) => "là liên kết (lối tắt) trỏ tới nơi không còn tồn tại",
                Ok(m) if m.is_dir() => "là liên kết (lối tắt) tới một thư mục khác; thư mục đó không được đọc",
                Ok(_) => "là liên kết (lối tắt) tới một tệp ở nơi khác; liên kết không được đọc để tránh đọc tệp ngoài thư mục hồ sơ",
            };
            skip(out, what, "Hãy chép chính tệp bảng tính vào thư mục hồ sơ rồi chạy lại.");
        } else if ft.is_dir() {
            if depth >= MAX_DEPTH {
                skip(
                    out,
                    &format!("thư mục nằm sâu quá {MAX_DEPTH} cấp; các tệp trong đó không được đọc"),
                    "Hãy chép các tệp bảng tính lên thư mục gần hơn rồi chạy lại.",
                );
            } else {
                walk(&e.path(), &rel, depth + 1, out);
            }
        } else if !ft.is_file() {
            if workbook {
                skip(
                    out,
                    "không phải tệp thông thường (thiết bị, ống dẫn FIFO hay socket mang tên bảng tính); không mở để tránh treo",
                    "Hãy chép tệp bảng tính thật vào thư mục hồ sơ.",
                );
            } else {
                out.skipped.push((rel, e.path(), "bỏ qua: không phải tệp thông thường".into()));
            }
        } else if workbook {
            out.files.push((rel, e.path()));
        } else {
            out.skipped.push((rel, e.path(), "bỏ qua: không phải bảng tính (.xlsx, .xlsm, .xls, .ods)".into()));
        }
    }
}
