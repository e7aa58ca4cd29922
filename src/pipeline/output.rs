//! Where a run writes (SPEC §6, §7): a staging folder beside the target,
//! moved into place only when complete, under a lock so that two runs on
//! one output folder never interleave; file names from unit names can never
//! leave the output folder.

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};
use std::fs::File;
use std::path::{Path, PathBuf};

/// Holds the output folder's lock for the length of a run.
pub struct Lock {
    _file: File,
}

pub enum LockOutcome {
    Locked(Lock),
    Busy,
}

/// Take the lock of `parent` (the folder that holds the period folders).
/// With `wait`, block until the other run finishes; otherwise report busy.
pub fn lock(parent: &Path, wait: bool) -> Result<LockOutcome> {
    std::fs::create_dir_all(parent).with_context(|| format!("không tạo được thư mục {}", parent.display()))?;
    let path = parent.join(".thidua.lock");
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("không mở được {}", path.display()))?;
    if wait {
        file.lock()?;
        return Ok(LockOutcome::Locked(Lock { _file: file }));
    }
    match file.try_lock() {
        Ok(()) => Ok(LockOutcome::Locked(Lock { _file: file })),
        Err(std::fs::TryLockError::WouldBlock) => Ok(LockOutcome::Busy),
        Err(std::fs::TryLockError::Error(e)) => Err(e.into()),
    }
}

/// A staging folder beside `target`, removed unless committed.
pub struct Staging {
    pub dir: PathBuf,
    target: PathBuf,
    done: bool,
}

impl Staging {
    pub fn new(target: &Path) -> Result<Staging> {
        let parent = target.parent().unwrap_or(Path::new("."));
        let name = target.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "ket-qua".into());
        let dir = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        Ok(Staging { dir, target: target.to_path_buf(), done: false })
    }

    /// Replace the target with the staged folder. On Linux the two are
    /// exchanged in one atomic rename (RENAME_EXCHANGE), so a run killed at
    /// any moment leaves the old or the new complete output in place; where
    /// that is not available the old one is moved aside first, and the next
    /// run puts it back if a kill fell between the two renames.
    pub fn commit(mut self) -> Result<()> {
        if self.target.exists() && exchange(&self.dir, &self.target) {
            // The staging path now holds the previous output.
            remove_old(self.dir.clone());
            self.done = true;
            return Ok(());
        }
        let parent = self.target.parent().unwrap_or(Path::new("."));
        let name = self.target.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        if self.target.exists() {
            std::fs::rename(&self.target, &old).with_context(|| format!("không thay được thư mục {}", self.target.display()))?;
        }
        std::fs::rename(&self.dir, &self.target).with_context(|| format!("không đặt được kết quả vào {}", self.target.display()))?;
        if old.exists() {
            remove_old(old);
        }
        self.done = true;
        Ok(())
    }
}

/// Whether a replaced output is removed on another thread (the program's
/// own command line sets it, and waits for it with [`wait_for_removals`]
/// once the officer has the results on screen); otherwise it is removed
/// before `commit` returns.
static DEFER_REMOVAL: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
static REMOVALS: std::sync::Mutex<Vec<std::thread::JoinHandle<()>>> = std::sync::Mutex::new(Vec::new());

/// Remove replaced outputs on another thread from now on: removing the
/// previous set (587 files for the country) took a third of a second
/// between the last document written and the results shown.
pub fn defer_removals() {
    DEFER_REMOVAL.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Wait until the replaced outputs are removed. A program killed before
/// that leaves a hidden staging folder, which the next run removes
/// ([`recover`]).
pub fn wait_for_removals() {
    let handles = std::mem::take(&mut *REMOVALS.lock().unwrap_or_else(|e| e.into_inner()));
    for h in handles {
        let _ = h.join();
    }
}

fn remove_old(dir: PathBuf) {
    if DEFER_REMOVAL.load(std::sync::atomic::Ordering::Relaxed) {
        if let Ok(h) = std::thread::Builder::new().name("xoa-ket-qua-cu".into()).spawn({
            let dir = dir.clone();
            move || {
                let _ = std::fs::remove_dir_all(&dir);
            }
        }) {
            REMOVALS.lock().unwrap_or_else(|e| e.into_inner()).push(h);
            return;
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Atomically exchange two paths (Linux renameat2 with RENAME_EXCHANGE).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let (Ok(ca), Ok(cb)) = (std::ffi::CString::new(a.as_os_str().as_bytes()), std::ffi::CString::new(b.as_os_str().as_bytes())) else {
        return false;
    };
    // SAFETY: two valid NUL-terminated paths; the call only renames.
    unsafe { libc::renameat2(libc::AT_FDCWD, ca.as_ptr(), libc::AT_FDCWD, cb.as_ptr(), libc::RENAME_EXCHANGE) == 0 }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

/// Leftovers of runs that were killed (we hold the lock, so no other run is
/// using them): stale staging folders are removed, and an output moved
/// aside by a run killed between its two renames is put back.
pub fn recover(target: &Path) {
    let parent = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let Some(name) = target.file_name().map(|n| n.to_string_lossy().to_string()) else { return };
    let Ok(rd) = std::fs::read_dir(parent) else { return };
    let mut olds = Vec::new();
    for e in rd.flatten() {
        let f = e.file_name().to_string_lossy().to_string();
        if f.starts_with(&format!(".{name}.tmp-")) {
            let _ = std::fs::remove_dir_all(e.path());
        } else if f.starts_with(&format!(".{name}.old-")) {
            olds.push(e.path());
        }
    }
    olds.sort();
    for old in olds {
        if !target.exists() {
            let _ = std::fs::rename(&old, target);
        } else {
            let _ = std::fs::remove_dir_all(&old);
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Documents of a previous output that are open in an office program, as
/// paths relative to `target`. Word and Excel leave an owner file
/// "~$name" beside an open document (its first one or two letters
/// replaced), LibreOffice a ".~lock.name#" file; and on Windows an open
/// document cannot be opened without sharing. A stale lock file left by a
/// crash counts too: the message says how to clear it.
pub fn open_documents(target: &Path) -> Vec<String> {
    let mut open = std::collections::BTreeSet::new();
    let mut stack = vec![target.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&dir) else { continue };
        let entries: Vec<(String, PathBuf, bool)> = rd
            .flatten()
            .map(|e| (e.file_name().to_string_lossy().to_string(), e.path(), e.file_type().is_ok_and(|t| t.is_dir())))
            .collect();
        let rel = |p: &Path| p.strip_prefix(target).unwrap_or(p).to_string_lossy().replace('\\', "/");
        for (name, path, is_dir) in &entries {
            if *is_dir {
                stack.push(path.clone());
                continue;
            }
            let owner = if let Some(doc) = name.strip_prefix(".~lock.").and_then(|n| n.strip_suffix('#')) {
                entries.iter().find(|(n, _, d)| !d && n == doc).map(|(_, p, _)| rel(p)).or_else(|| Some(rel(&dir.join(doc))))
            } else if let Some(tail) = name.strip_prefix("~$") {
                // Word keeps the last letters of the name after "~$".
                entries
                    .iter()
                    .find(|(n, _, d)| !d && !n.starts_with("~$") && n.len() >= tail.len() && n.ends_with(tail))
                    .map(|(_, p, _)| rel(p))
                    .or_else(|| Some(rel(path)))
            } else if locked_by_another_program(path) {
                Some(rel(path))
            } else {
                None
            };
            open.extend(owner);
        }
    }
    open.into_iter().collect()
}

/// Windows: a file another program holds open cannot be opened for
/// writing without sharing (ERROR_SHARING_VIOLATION 32, ERROR_LOCK_VIOLATION 33).
#[cfg(windows)]
fn locked_by_another_program(path: &Path) -> bool {
    use std::os::windows::fs::OpenOptionsExt;
    match File::options().write(true).share_mode(0).open(path) {
        Ok(_) => false,
        Err(e) => matches!(e.raw_os_error(), Some(32) | Some(33)),
    }
}

#[cfg(not(windows))]
fn locked_by_another_program(_: &Path) -> bool {
    false
}

/// A file name from a unit id or name: ASCII letters, digits and hyphens
/// only, at most 60 characters, never empty, never "." or "..", never a
/// name Windows reserves (CON, NUL, COM1 …), so it cannot leave the output
/// folder on any system.
pub fn safe_name(s: &str) -> String {
    let folded = crate::vn::text::ascii_fold(s);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    let out = out.trim_matches('-').to_string();
    let reserved = matches!(out.as_str(), "con" | "prn" | "aux" | "nul")
        || ((out.starts_with("com") || out.starts_with("lpt")) && out.len() == 4 && out.as_bytes()[3].is_ascii_digit());
    if out.is_empty() {
        "don-vi".into()
    } else if reserved {
        format!("{out}-")
    } else {
        out
    }
}

/// Safe names for a list, made unique by a numeric suffix where two
/// different names would give the same file name.
pub fn unique_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    names
        .into_iter()
        .map(|n| {
            let base = safe_name(n);
            let mut name = base.clone();
            let mut k = 2;
            while !seen.insert(name.clone()) {
                name = format!("{base}-{k}");
                k += 1;
            }
            name
        })
        .collect()
}

pub fn sha256_file(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path)?;
    Ok(crate::rules::hex(&Sha256::digest(&bytes)))
}

/// Every file under `dir`, relative with `/`, sorted. The folders below
/// are walked on whichever core is free: a national dossier has some 190
/// of them, and the walk for the manifest is otherwise the run's last
/// stretch on one core.
pub fn list_files(dir: &Path) -> Vec<String> {
    use rayon::prelude::*;
    fn walk(d: &Path, prefix: &str) -> Vec<String> {
        let Ok(rd) = std::fs::read_dir(d) else { return Vec::new() };
        let (mut out, mut folders) = (Vec::new(), Vec::new());
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            let rel = if prefix.is_empty() { name.clone() } else { format!("{prefix}/{name}") };
            // The entry's type from the directory itself (no stat per file).
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                folders.push((e.path(), rel));
            } else {
                out.push(rel);
            }
        }
        let below: Vec<Vec<String>> = folders.par_iter().map(|(path, rel)| walk(path, rel)).collect();
        out.extend(below.into_iter().flatten());
        out
    }
    let mut out = walk(dir, "");
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn names_cannot_escape() {
        assert_eq!(safe_name("../../etc/passwd"), "etc-passwd");
        assert_eq!(safe_name("BHXH tỉnh Thừa Thiên Huế"), "bhxh-tinh-thua-thien-hue");
        assert_eq!(safe_name(".."), "don-vi");
        assert_eq!(safe_name("/abs\\path:x"), "abs-path-x");
        assert_eq!(safe_name("CON"), "con-");
        assert_eq!(safe_name("com1"), "com1-");
        assert!(safe_name(&"Ạ".repeat(500)).len() <= 60);
        assert_eq!(unique_names(["Hà Nam", "ha-nam", "HÀ NAM", "x"]), vec!["ha-nam", "ha-nam-2", "ha-nam-3", "x"]);
    }
    #[test]
    fn staging_commits_or_vanishes() {
        let root = tempfile::tempdir().unwrap();
        let target = root.path().join("2022-Q3");
        {
            let s = Staging::new(&target).unwrap();
            std::fs::write(s.dir.join("a"), "x").unwrap();
        }
        assert!(!target.exists());
        assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 0, "an interrupted run leaves nothing");
        let s = Staging::new(&target).unwrap();
        std::fs::write(s.dir.join("a"), "x").unwrap();
        s.commit().unwrap();
        assert!(target.join("a").exists());
    }
}
