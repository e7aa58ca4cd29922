//! Refusing hostile files before a parser sees them (SPEC §7): zip bombs,
//! XML entity declarations, path tricks, absurd sizes. Every check runs in
//! time and memory bounded by the limits, whatever the file claims.

use std::io::{Read, Seek};

/// Bounds applied to every untrusted file.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Size of the file on disk.
    pub max_file_bytes: u64,
    /// Total bytes after decompression, over all zip entries.
    pub max_unzipped_bytes: u64,
    /// Number of entries in a zip container.
    pub max_entries: usize,
    /// Decompressed / compressed size of any entry above 1 MB.
    pub max_ratio: u64,
    /// Rows and columns of a sheet, and used cells in it.
    pub max_rows: u32,
    pub max_cols: u32,
    /// Used cells over all the sheets of a workbook (three sheets just
    /// under a per-sheet bound are as costly as one over it).
    pub max_cells: usize,
    /// Characters in one cell: Excel's own limit, 32 767. A longer text
    /// was not written by a spreadsheet program.
    pub max_cell_chars: usize,
    /// Bytes of text over all the cells and shared strings of a workbook.
    /// A unit's forms hold well under 1 MB; a file full of 32 767-character
    /// cells is refused before it costs seconds.
    pub max_text_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_bytes: 50 << 20,
            max_unzipped_bytes: 100 << 20,
            max_entries: 5_000,
            max_ratio: 200,
            max_rows: 50_000,
            max_cols: 1_000,
            // A unit's forms hold a few thousand cells; the national
            // summary of 733 units about 30 000.
            max_cells: 500_000,
            max_cell_chars: 32_767,
            max_text_bytes: 16 << 20,
        }
    }
}

/// Checks a zip container (xlsx, xlsm, ods, docx). Returns a Vietnamese
/// reason when it must be refused. Every entry is decompressed into a sink
/// with a hard cap, so lying size headers do not help a bomb.
pub fn check_zip<R: Read + Seek>(reader: R, limits: &Limits) -> Result<(), String> {
    let mut zip =
        zip::ZipArchive::new(reader).map_err(|_| "tệp không phải là bảng tính Excel hợp lệ (hỏng hoặc sai định dạng)".to_string())?;
    if zip.len() > limits.max_entries {
        return Err(format!("tệp chứa {} thành phần, vượt giới hạn {}", zip.len(), limits.max_entries));
    }
    let mut total: u64 = 0;
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|_| "tệp nén bị hỏng".to_string())?;
        let name = entry.name().map(|n| n.to_string()).map_err(|_| "tệp chứa tên thành phần không hợp lệ".to_string())?;
        if name.starts_with('/') || name.starts_with('\\') || name.split(['/', '\\']).any(|p| p == "..") || name.contains(':') {
            return Err(format!("tệp chứa đường dẫn không an toàn \"{name}\""));
        }
        let compressed = entry.compressed_size().max(1);
        let is_xml = name.ends_with(".xml") || name.ends_with(".rels") || name.ends_with(".vml");
        let mut read: u64 = 0;
        let mut head: Vec<u8> = Vec::new();
        loop {
            let n = match entry.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(_) => return Err(format!("thành phần \"{name}\" của tệp bị hỏng")),
            };
            read += n as u64;
            total += n as u64;
            if is_xml && head.len() < 4096 {
                let take = n.min(4096 - head.len());
                head.extend_from_slice(&buf[..take]);
            }
            if total > limits.max_unzipped_bytes {
                return Err(format!("tệp giải nén ra hơn {} MB (nghi là \"bom nén\"); đã từ chối", limits.max_unzipped_bytes >> 20));
            }
            if read > (1 << 20) && read / compressed > limits.max_ratio {
                return Err(format!("thành phần \"{name}\" có tỷ lệ nén bất thường (nghi là \"bom nén\"); đã từ chối"));
            }
        }
        if is_xml && has_doctype(&head) {
            return Err(format!("thành phần \"{name}\" khai báo DOCTYPE/ENTITY (có thể là tấn công mở rộng thực thể XML); đã từ chối"));
        }
    }
    Ok(())
}

/// Whether the start of an XML part declares a DOCTYPE or entities. Office
/// files never do; a file that does is refused rather than parsed.
pub fn has_doctype(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head).to_ascii_uppercase();
    text.contains("<!DOCTYPE") || text.contains("<!ENTITY")
}

/// The first bytes of an OLE compound file: legacy .xls, and also any
/// password-protected .xlsx (Office encrypts into that container).
pub const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
pub const ZIP_MAGIC: [u8; 4] = [b'P', b'K', 3, 4];
