//! Listing the inbox: workbooks in the folder and its subfolders, sorted by
//! path. Excel's lock files (`~$…`) and hidden files are skipped quietly;
//! any other file is listed as skipped (SPEC §4). Symbolic links are not
//! followed, so a link cannot pull files from outside the inbox.

use super::grid::Format;
use crate::model::{Location, Problem};
use std::path::{Path, PathBuf};

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

fn walk(dir: &Path, prefix: &str, depth: u32, out: &mut Listing) {
    if depth > 16 {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            out.problems.push(Problem::error(
                "unreadable-dir",
                Location::file(if prefix.is_empty() { "." } else { prefix }),
                format!("Không đọc được thư mục: {e}."),
            ));
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
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_symlink() {
            out.skipped.push((rel, e.path(), "bỏ qua: liên kết tượng trưng".into()));
        } else if ft.is_dir() {
            walk(&e.path(), &rel, depth + 1, out);
        } else if Path::new(&name).extension().and_then(|x| x.to_str()).and_then(Format::from_extension).is_some() {
            out.files.push((rel, e.path()));
        } else {
            out.skipped.push((rel, e.path(), "bỏ qua: không phải bảng tính (.xlsx, .xlsm, .xls, .ods)".into()));
        }
    }
}
