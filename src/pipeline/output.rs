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

    /// Replace the target with the staged folder: the old one is moved
    /// aside first, so at every moment either the old or the new complete
    /// output is in place.
    pub fn commit(mut self) -> Result<()> {
        let parent = self.target.parent().unwrap_or(Path::new("."));
        let name = self.target.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        if self.target.exists() {
            std::fs::rename(&self.target, &old).with_context(|| format!("không thay được thư mục {}", self.target.display()))?;
        }
        std::fs::rename(&self.dir, &self.target).with_context(|| format!("không đặt được kết quả vào {}", self.target.display()))?;
        if old.exists() {
            let _ = std::fs::remove_dir_all(&old);
        }
        self.done = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// A file name from a unit id or name: ASCII letters, digits and hyphens
/// only, at most 60 characters, never empty, never "." or "..".
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
    if out.is_empty() {
        "don-vi".into()
    } else {
        out
    }
}

pub fn sha256_file(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path)?;
    Ok(crate::rules::hex(&Sha256::digest(&bytes)))
}

/// Every file under `dir`, relative with `/`, sorted.
pub fn list_files(dir: &Path) -> Vec<String> {
    fn walk(d: &Path, prefix: &str, out: &mut Vec<String>) {
        let Ok(rd) = std::fs::read_dir(d) else { return };
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            let rel = if prefix.is_empty() { name.clone() } else { format!("{prefix}/{name}") };
            if e.path().is_dir() {
                walk(&e.path(), &rel, out);
            } else {
                out.push(rel);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, "", &mut out);
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
