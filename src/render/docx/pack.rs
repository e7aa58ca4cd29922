//! Packing a filled document: the zip container of a .docx, written here
//! rather than by the zip crate because a national run packs hundreds of
//! documents and the crate builds a new deflate state for each one (its
//! allocation and clearing, and the crate's per-entry bookkeeping, were a
//! third of packing). One raw-deflate state per thread is reset and reused;
//! the parts no render changes are deflated once when the template is
//! compiled and copied as they are.
//!
//! The container is the one the zip crate writes with the same options, byte
//! for byte (tested): stored sizes in the local headers (no data
//! descriptor), no extra fields, 1980-01-01 00:00, "made by" Unix 2.0 with
//! permissions 0644 (render::package), no comment.

use std::cell::RefCell;

/// The deflate level of the filled parts: the fastest (zlib-rs's
/// deflate_quick), which Word and LibreOffice read like any other. Against
/// level 2, a national run's 14 MB of filled XML deflate in half the time
/// (about 30 ms less CPU) into 19 % more bytes (2,1 MB instead of 1,75).
const LEVEL: u32 = 1;

/// One entry already compressed: what the local header and the central
/// directory need, and the deflated bytes.
#[derive(Clone)]
pub struct Entry {
    pub name: String,
    pub crc: u32,
    pub size: u32,
    pub data: Vec<u8>,
}

/// Filled parts up to this size are kept, deflated, in a per-thread cache:
/// the small parts (document properties, headers) come out the same for
/// most documents of a run (a national run fills 2 300 of them into 6
/// distinct texts), and each deflate clears the state's 128 kB hash table.
const CACHED_MAX: usize = 16 * 1024;
/// Entries kept per thread; past this, new texts are deflated uncached.
const CACHE_ENTRIES: usize = 64;

thread_local! {
    static DEFLATE: RefCell<flate2::Compress> = RefCell::new(flate2::Compress::new(flate2::Compression::new(LEVEL), false));
    /// (uncompressed bytes, entry) of small parts already deflated.
    static CACHE: RefCell<Vec<(Vec<u8>, Entry)>> = const { RefCell::new(Vec::new()) };
}

/// Raw-deflate `bytes` with this thread's reusable state (reset before each
/// use, so every entry is deflated as by a fresh state), or give back the
/// entry of the same small part deflated before: the same bytes either way.
pub fn deflate(name: &str, bytes: &[u8]) -> std::io::Result<Entry> {
    let size = u32::try_from(bytes.len()).map_err(|_| std::io::Error::other(format!("{name}: phần quá lớn")))?;
    let crc = crc32fast::hash(bytes);
    let small = bytes.len() <= CACHED_MAX;
    if small {
        let hit = CACHE
            .with(|c| c.borrow().iter().find(|(b, e)| e.crc == crc && e.name == name && b.as_slice() == bytes).map(|(_, e)| e.clone()));
        if let Some(e) = hit {
            return Ok(e);
        }
    }
    let entry = DEFLATE.with(|c| {
        let mut c = c.borrow_mut();
        c.reset();
        // Filled XML deflates to well under a quarter; grow if it does not.
        let mut data = Vec::with_capacity(bytes.len() / 4 + 64);
        let mut input = bytes;
        loop {
            let before = c.total_in();
            let status = c.compress_vec(input, &mut data, flate2::FlushCompress::Finish).map_err(std::io::Error::other)?;
            input = &input[(c.total_in() - before) as usize..];
            match status {
                flate2::Status::StreamEnd => break,
                _ => data.reserve(data.capacity().max(4096)),
            }
        }
        Ok::<_, std::io::Error>(Entry { name: name.to_string(), crc, size, data })
    })?;
    if small {
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            if c.len() < CACHE_ENTRIES {
                c.push((bytes.to_vec(), entry.clone()));
            }
        });
    }
    Ok(entry)
}

/// The zip of these entries, in this order.
pub fn zip(entries: &[&Entry]) -> std::io::Result<Vec<u8>> {
    let too_big = || std::io::Error::other("tệp quá lớn");
    let total: usize = entries.iter().map(|e| 30 + 46 + 2 * e.name.len() + e.data.len()).sum::<usize>() + 22;
    if total > u32::MAX as usize || entries.len() > u16::MAX as usize {
        return Err(too_big());
    }
    let mut out = Vec::with_capacity(total);
    let mut offsets = Vec::with_capacity(entries.len());
    // Version needed 2.0, no flags, deflated, time 00:00, date 1980-01-01.
    const HEAD: [u8; 10] = [20, 0, 0, 0, 8, 0, 0, 0, 0x21, 0];
    for e in entries {
        offsets.push(out.len() as u32);
        out.extend_from_slice(b"PK\x03\x04");
        out.extend_from_slice(&HEAD);
        sizes(&mut out, e);
        out.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(e.name.as_bytes());
        out.extend_from_slice(&e.data);
    }
    let central = out.len() as u32;
    for (e, at) in entries.iter().zip(&offsets) {
        out.extend_from_slice(b"PK\x01\x02");
        // Made by Unix (3), zip 2.0.
        out.extend_from_slice(&[20, 3]);
        out.extend_from_slice(&HEAD);
        sizes(&mut out, e);
        out.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
        // Extra, comment, disk, internal attributes.
        out.extend_from_slice(&[0; 8]);
        // External attributes: a regular file, rw-r--r--.
        out.extend_from_slice(&((0o100644u32) << 16).to_le_bytes());
        out.extend_from_slice(&at.to_le_bytes());
        out.extend_from_slice(e.name.as_bytes());
    }
    let central_len = out.len() as u32 - central;
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&[0; 4]);
    let n = (entries.len() as u16).to_le_bytes();
    out.extend_from_slice(&n);
    out.extend_from_slice(&n);
    out.extend_from_slice(&central_len.to_le_bytes());
    out.extend_from_slice(&central.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    Ok(out)
}

fn sizes(out: &mut Vec<u8>, e: &Entry) {
    out.extend_from_slice(&e.crc.to_le_bytes());
    out.extend_from_slice(&(e.data.len() as u32).to_le_bytes());
    out.extend_from_slice(&e.size.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};

    fn parts() -> [(&'static str, Vec<u8>); 3] {
        [
            ("[Content_Types].xml", b"<Types/>".to_vec()),
            ("word/document.xml", "<w:t>Bảo hiểm xã hội</w:t>".repeat(5000).into_bytes()),
            ("word/empty.xml", Vec::new()),
        ]
    }

    /// The container is the zip crate's with the options documents used
    /// before, byte for byte: the crate's own deflated entries, packed here,
    /// give back its file.
    #[test]
    fn packs_as_the_zip_crate_did() {
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644)
            .system(zip::System::Unix);
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, bytes) in &parts() {
            w.start_file(*name, opts).unwrap();
            w.write_all(bytes).unwrap();
        }
        let theirs = w.finish().unwrap().into_inner();
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(&theirs[..])).unwrap();
        let entries: Vec<super::Entry> = (0..z.len())
            .map(|i| {
                let mut f = z.by_index_raw(i).unwrap();
                let (name, crc, size) = (f.name().unwrap().to_string(), f.crc32(), f.size() as u32);
                let mut data = Vec::new();
                f.read_to_end(&mut data).unwrap();
                super::Entry { name, crc, size, data }
            })
            .collect();
        assert_eq!(super::zip(&entries.iter().collect::<Vec<_>>()).unwrap(), theirs);
    }

    /// What this thread's deflate state packs reads back whole (the zip
    /// crate checks each part's CRC), the same bytes every time.
    #[test]
    fn deflated_parts_read_back() {
        let pack = || {
            let entries: Vec<super::Entry> = parts().iter().map(|(n, b)| super::deflate(n, b).unwrap()).collect();
            super::zip(&entries.iter().collect::<Vec<_>>()).unwrap()
        };
        let ours = pack();
        assert_eq!(ours, pack());
        let mut back = zip::ZipArchive::new(std::io::Cursor::new(&ours[..])).unwrap();
        for (name, bytes) in parts() {
            let mut got = Vec::new();
            back.by_name(name).unwrap().read_to_end(&mut got).unwrap();
            assert_eq!(got, bytes, "{name}");
        }
    }
}
