//! The same package bytes on every system.
//!
//! A zip entry records the system that wrote it ("version made by": 0 for
//! DOS/Windows, 3 for Unix). The zip crate takes the host's, so the same
//! document written on Windows and on Linux would differ in that one byte
//! per entry, and the manifest's SHA-256 with it. Our own writer sets Unix
//! (render::docx); the summary is packed by rust_xlsxwriter, which does
//! not, so its central directory is set to Unix here after the fact.

/// Set every central-directory entry's "made by" system to Unix. A buffer
/// that is not a plain zip is left as it is.
pub fn made_by_unix(bytes: &mut [u8]) {
    const EOCD: [u8; 4] = [0x50, 0x4b, 0x05, 0x06];
    const CEN: [u8; 4] = [0x50, 0x4b, 0x01, 0x02];
    let n = bytes.len();
    if n < 22 {
        return;
    }
    // The end record is within the last 22 + 65 535 bytes (its comment).
    let from = n.saturating_sub(22 + 65_535);
    let Some(end) = (from..=n - 22).rev().find(|&i| bytes[i..i + 4] == EOCD) else { return };
    let u16_at = |b: &[u8], i: usize| u16::from_le_bytes([b[i], b[i + 1]]) as usize;
    let u32_at = |b: &[u8], i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize;
    let entries = u16_at(bytes, end + 10);
    let mut at = u32_at(bytes, end + 16);
    for _ in 0..entries {
        if at + 46 > end || bytes[at..at + 4] != CEN {
            return;
        }
        bytes[at + 5] = 3;
        at += 46 + u16_at(bytes, at + 28) + u16_at(bytes, at + 30) + u16_at(bytes, at + 32);
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    fn zip_made_on(system: zip::System) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default().last_modified_time(zip::DateTime::default()).system(system);
        for name in ["a.xml", "xl/b.xml"] {
            w.start_file(name, o).unwrap();
            w.write_all(b"<x/>").unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn a_package_written_on_windows_equals_the_one_written_on_linux() {
        let unix = zip_made_on(zip::System::Unix);
        let mut dos = zip_made_on(zip::System::Dos);
        assert_ne!(unix, dos);
        super::made_by_unix(&mut dos);
        assert_eq!(unix, dos);
        let mut junk = b"not a zip at all, just text".to_vec();
        super::made_by_unix(&mut junk);
        assert_eq!(junk, b"not a zip at all, just text");
    }
}
