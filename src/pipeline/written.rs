//! The outputs a run writes, each hashed while it is written, for the
//! manifest (SPEC §6). Reading 587 files back after writing them only to
//! hash them was a pass over the whole dossier (15 MB, one open per file);
//! the bytes are in memory, or pass through a writer, when they are written.
//! A file written some other way (the PDFs LibreOffice makes) is not here,
//! and the manifest hashes it from disk.

use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::sync::Mutex;

/// SHA-256 (hex) of each file written, by its path under the output folder.
#[derive(Default)]
pub struct Written(Mutex<HashMap<String, String>>);

impl Written {
    /// Write `bytes` to `dir/rel` and record their hash. The folders on
    /// the way are made when the first file in them is written, by whichever
    /// core writes it, rather than all before the first document renders
    /// (a national dossier has some 190 of them).
    ///
    /// Two cores may find the same folder missing at once. Whichever of
    /// them comes second must not take "the folder now exists" for "this
    /// error was not about the folder": after any "not found" the folders
    /// are made (which succeeds when another core made them first) and the
    /// file is written again; only a second failure is an error.
    pub fn put(&self, dir: &Path, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
        let path = dir.join(rel);
        match std::fs::write(&path, bytes) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => match path.parent() {
                Some(parent) => {
                    std::fs::create_dir_all(parent)?;
                    std::fs::write(&path, bytes)?;
                }
                None => return Err(e),
            },
            r => r?,
        }
        self.record(rel, crate::rules::hex(&Sha256::digest(bytes)));
        Ok(())
    }

    /// A buffered file at `dir/rel` that hashes what goes through it (in
    /// blocks of 64 kB, after the buffer); hand it back to
    /// [`Written::finish`] once written.
    pub fn create(dir: &Path, rel: &str) -> std::io::Result<std::io::BufWriter<HashingFile>> {
        let file = std::fs::File::create(dir.join(rel))?;
        Ok(std::io::BufWriter::with_capacity(1 << 16, HashingFile { rel: rel.to_string(), out: file, hash: Sha256::new() }))
    }

    /// Flush `f` and record its hash.
    pub fn finish(&self, f: std::io::BufWriter<HashingFile>) -> std::io::Result<()> {
        let f = f.into_inner().map_err(|e| e.into_error())?;
        self.record(&f.rel, crate::rules::hex(&f.hash.finalize()));
        Ok(())
    }

    /// The hash recorded for `rel`, if it was written through here.
    pub fn hash_of(&self, rel: &str) -> Option<String> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).get(rel).cloned()
    }

    fn record(&self, rel: &str, hash: String) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).insert(rel.to_string(), hash);
    }
}

/// A file being written, with the hash of what was written so far.
pub struct HashingFile {
    rel: String,
    out: std::fs::File,
    hash: Sha256,
}

impl Write for HashingFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_recorded_is_the_hash_of_the_file_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let w = Written::default();
        w.put(dir.path(), "a.txt", "Biên bản".as_bytes()).unwrap();
        let mut f = Written::create(dir.path(), "b.json").unwrap();
        for i in 0..100_000 {
            write!(f, "{i},").unwrap();
        }
        w.finish(f).unwrap();
        for rel in ["a.txt", "b.json"] {
            let on_disk = super::super::output::sha256_file(&dir.path().join(rel)).unwrap();
            assert_eq!(w.hash_of(rel), Some(on_disk), "{rel}");
        }
        assert_eq!(w.hash_of("c.txt"), None);
    }

    #[test]
    fn folders_are_made_for_the_first_file_in_them() {
        let dir = tempfile::tempdir().unwrap();
        let w = Written::default();
        w.put(dir.path(), "ho-so/khoi-cum/001-cum-1/01-bien-ban-hop.docx", b"x").unwrap();
        w.put(dir.path(), "ho-so/khoi-cum/001-cum-1/02-to-trinh.docx", b"y").unwrap();
        assert_eq!(std::fs::read(dir.path().join("ho-so/khoi-cum/001-cum-1/02-to-trinh.docx")).unwrap(), b"y");
        // A file that cannot be written for another reason is still an error.
        std::fs::write(dir.path().join("tep"), b"").unwrap();
        assert!(w.put(dir.path(), "tep/a.docx", b"z").is_err());
    }

    /// CI once failed with "không tìm thấy" for a document: two cores wrote
    /// the first files of one new folder at the same moment, and the second
    /// saw the folder (just made by the first) and gave up. Many cores now
    /// start together on many new folders, round after round.
    #[test]
    fn cores_making_the_same_folder_at_once_all_write_their_files() {
        let dir = tempfile::tempdir().unwrap();
        let w = Written::default();
        let cores = 8;
        for round in 0..200 {
            let start = std::sync::Barrier::new(cores);
            std::thread::scope(|s| {
                for core in 0..cores {
                    let (w, start, dir) = (&w, &start, dir.path());
                    s.spawn(move || {
                        start.wait();
                        let rel = format!("ho-so/vong-{round}/bao-cao/{core:03}.docx");
                        w.put(dir, &rel, rel.as_bytes()).unwrap_or_else(|e| panic!("{rel}: {e}"));
                    });
                }
            });
        }
        assert_eq!(std::fs::read(dir.path().join("ho-so/vong-199/bao-cao/007.docx")).unwrap(), b"ho-so/vong-199/bao-cao/007.docx");
    }
}
