//! Reading .xlsx/.xlsm in one pass per part.
//!
//! Why not calamine here (it still reads .xls and .ods): the ingestion needs,
//! for every sheet, the values, the number format of each cell (a percent
//! column stores fractions), which cells are formulas without a computed
//! result, and the merged regions. calamine gives these through three
//! separate readers, each inflating and parsing the whole sheet again, and
//! the hostile-file guard had to inflate every part once more before that.
//! Here each part is inflated once, inside the guard's limits (total size
//! whatever the headers claim, compression ratio, CRC-32, DOCTYPE refused),
//! and parsed once with quick-xml, which never expands entities. Loading the
//! national inbox went from 244 ms to 93 ms on one thread (calamine alone:
//! 88 ms; see `examples/phases.rs`); a test compares every cell and merged
//! region with calamine's reading of the same files.

use super::grid::{Grid, Loaded, Value};
use super::guard::Limits;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::Reader;
use rustc_hash::FxHashMap as HashMap;
use std::io::{Cursor, Read};

type Zip<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// The zip container with the guard's budget.
struct Package<'a> {
    bytes: &'a [u8],
    zip: Zip<'a>,
    /// Lower-cased entry name → index (Office matches part names without
    /// regard to case).
    index: HashMap<String, usize>,
    /// Bytes that may still be inflated.
    budget: u64,
    limits: Limits,
}

const NOT_XLSX: &str = "tệp không phải là bảng tính Excel hợp lệ (hỏng hoặc sai định dạng)";

impl<'a> Package<'a> {
    /// Open the container and check what can be checked without inflating:
    /// entry count, entry names, declared sizes.
    fn open(bytes: &'a [u8], limits: &Limits) -> Result<Package<'a>, String> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| NOT_XLSX.to_string())?;
        if zip.len() > limits.max_entries {
            return Err(format!("tệp chứa {} thành phần, vượt giới hạn {}", zip.len(), limits.max_entries));
        }
        let mut zip = zip;
        let mut index = HashMap::with_capacity_and_hasher(zip.len(), Default::default());
        let mut declared: u64 = 0;
        for i in 0..zip.len() {
            let e = zip.by_index_raw(i).map_err(|_| "tệp nén bị hỏng".to_string())?;
            let name = e.name().map(|n| n.to_string()).map_err(|_| "tệp chứa tên thành phần không hợp lệ".to_string())?;
            if name.starts_with('/') || name.starts_with('\\') || name.split(['/', '\\']).any(|p| p == "..") || name.contains(':') {
                return Err(format!("tệp chứa đường dẫn không an toàn \"{name}\""));
            }
            declared = declared.saturating_add(e.size());
            if declared > limits.max_unzipped_bytes {
                return Err(bomb_total(limits));
            }
            if e.size() > (1 << 20) && e.size() / e.compressed_size().max(1) > limits.max_ratio {
                return Err(bomb_ratio(&name));
            }
            index.insert(name.to_ascii_lowercase(), i);
        }
        Ok(Package { bytes, zip, index, budget: limits.max_unzipped_bytes, limits: *limits })
    }

    /// What decides a part's text, read from the container without
    /// inflating it: method, declared size, CRC-32 and compressed bytes.
    /// `None` when there is no such part or it is not a plain entry.
    fn raw(&mut self, name: &str) -> Option<RawPart<'a>> {
        let &i = self.index.get(&name.to_ascii_lowercase())?;
        let e = self.zip.by_index_raw(i).ok()?;
        let (method, start, compressed, declared, encrypted, crc) =
            (e.compression(), e.data_start()?, e.compressed_size(), e.size(), e.encrypted(), e.crc32());
        drop(e);
        let raw = self.bytes.get(start as usize..start.checked_add(compressed)? as usize)?;
        (!encrypted).then_some(RawPart { method, declared, crc, raw })
    }

    /// Count `n` bytes of text as inflated (the guard's budget), as `part`
    /// would have.
    fn charge(&mut self, n: u64) -> Result<(), String> {
        if n > self.budget {
            return Err(bomb_total(&self.limits));
        }
        self.budget -= n;
        Ok(())
    }

    /// Inflate a part, whatever its header claims, within the budget.
    /// `None` when there is no such part.
    fn part(&mut self, name: &str) -> Result<Option<String>, String> {
        let Some(&i) = self.index.get(&name.to_ascii_lowercase()) else { return Ok(None) };
        let broken = || format!("thành phần \"{name}\" của tệp bị hỏng");
        let (method, start, compressed, declared, encrypted, crc) = {
            let e = self.zip.by_index_raw(i).map_err(|_| broken())?;
            (e.compression(), e.data_start(), e.compressed_size(), e.size(), e.encrypted(), e.crc32())
        };
        let raw = start.and_then(|s| self.bytes.get(s as usize..s.checked_add(compressed)? as usize));
        let out = match (method, raw) {
            (zip::CompressionMethod::Deflated, Some(raw)) if !encrypted => match inflate(raw, declared, self.budget, self.limits.max_ratio)
            {
                Ok(v) => v,
                Err(Inflate::TooBig) => return Err(bomb_total(&self.limits)),
                Err(Inflate::Ratio) => return Err(bomb_ratio(name)),
                Err(Inflate::Broken) => return Err(broken()),
            },
            (zip::CompressionMethod::Stored, Some(raw)) if !encrypted => raw.to_vec(),
            _ => {
                let mut entry = self.zip.by_index(i).map_err(|_| broken())?;
                let mut out = Vec::with_capacity((declared as usize).min(self.budget as usize).min(16 << 20));
                (&mut entry).take(self.budget + 1).read_to_end(&mut out).map_err(|_| broken())?;
                out
            }
        };
        // A damaged byte could still inflate, or be stored, as valid XML
        // with another figure in it: the checksum says so.
        if crc32fast::hash(&out) != crc {
            return Err(broken());
        }
        let got = out.len() as u64;
        if got > self.budget {
            return Err(bomb_total(&self.limits));
        }
        self.budget -= got;
        if got > (1 << 20) && got / compressed.max(1) > self.limits.max_ratio {
            return Err(bomb_ratio(name));
        }
        Ok(Some(xml_text(out, name)?))
    }
}

/// The text of an XML part. XML may be stored as UTF-16 (with its byte
/// order mark); anything else must be UTF-8, or the part is damaged.
fn xml_text(bytes: Vec<u8>, name: &str) -> Result<String, String> {
    let utf16 = |b: &[u8], le: bool| -> Result<String, String> {
        let units: Vec<u16> =
            b.chunks_exact(2).map(|p| if le { u16::from_le_bytes([p[0], p[1]]) } else { u16::from_be_bytes([p[0], p[1]]) }).collect();
        String::from_utf16(&units).map_err(|_| format!("thành phần \"{name}\" của tệp bị hỏng (mã ký tự UTF-16 sai)"))
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, false);
    }
    // UTF-16 without a mark: "<?" as two-byte units.
    if bytes.starts_with(&[b'<', 0, b'?', 0]) {
        return utf16(&bytes, true);
    }
    if bytes.starts_with(&[0, b'<', 0, b'?']) {
        return utf16(&bytes, false);
    }
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).map(|b| b.to_vec()).unwrap_or(bytes);
    String::from_utf8(bytes)
        .map_err(|_| format!("thành phần \"{name}\" của tệp bị hỏng (không phải văn bản UTF-8 hợp lệ); hãy mở bằng Excel, lưu lại rồi gửi"))
}

/// A part as stored in the container; two parts equal in all four give
/// the same text.
#[derive(Clone, Copy, PartialEq)]
struct RawPart<'a> {
    method: zip::CompressionMethod,
    declared: u64,
    crc: u32,
    raw: &'a [u8],
}

/// What the small parts every workbook has gave when they were read
/// before on this thread, by their stored bytes.
///
/// The files of one round come from the same blank form and the same
/// programs, so most share these parts byte for byte: in the national
/// inbox the 755 workbooks hold 1 distinct `_rels/.rels`, 7 workbook
/// relationships, 14 `workbook.xml` and 5 `styles.xml`, which were
/// inflated and parsed 3 020 times (about a tenth of `check`). A part is
/// taken from here only when its method, declared size, CRC-32 and every
/// compressed byte equal those of the part that was read, so its text, and
/// what was made of it, is the same; a part that failed to read is never
/// kept (it is read again and reports its own error). Its inflated size
/// still counts against the file's budget. Bounded: a few entries per
/// thread, parts of at most 64 kB stored.
struct Memo<T> {
    entries: Vec<Remembered<T>>,
    next: usize,
}

/// A part as stored (`RawPart`, owned).
type StoredPart = (zip::CompressionMethod, u64, u32, Vec<u8>);

/// The parts read, what else the reading depended on, the bytes they
/// inflated to, and what was made of them.
type Remembered<T> = (Vec<StoredPart>, String, u64, T);

const MEMO_ENTRIES: usize = 16;
const MEMO_MAX_RAW: usize = 64 << 10;

impl<T> Memo<T> {
    const fn new() -> Memo<T> {
        Memo { entries: Vec::new(), next: 0 }
    }
}

/// `read` of the parts `names` of `pkg` (`extra` is whatever else `read`
/// depends on), or what it gave before for the same stored parts.
fn memo<'a, T: Clone>(
    cache: &'static std::thread::LocalKey<std::cell::RefCell<Memo<T>>>,
    pkg: &mut Package<'a>,
    names: &[&str],
    extra: &str,
    read: impl FnOnce(&mut Package<'a>) -> Result<T, String>,
) -> Result<T, String> {
    let raws: Option<Vec<RawPart<'a>>> = names.iter().map(|n| pkg.raw(n).filter(|r| r.raw.len() <= MEMO_MAX_RAW)).collect();
    let Some(raws) = raws else { return read(pkg) };
    let same = |k: &[StoredPart]| {
        k.len() == raws.len()
            && k.iter().zip(&raws).all(|((m, d, c, r), p)| *m == p.method && *d == p.declared && *c == p.crc && r[..] == *p.raw)
    };
    let hit = cache.with(|c| c.borrow().entries.iter().find(|(k, x, _, _)| x == extra && same(k)).map(|(_, _, n, v)| (*n, v.clone())));
    if let Some((inflated, v)) = hit {
        pkg.charge(inflated)?;
        return Ok(v);
    }
    let before = pkg.budget;
    let v = read(pkg)?;
    let inflated = before - pkg.budget;
    cache.with(|c| {
        let mut c = c.borrow_mut();
        let key = raws.iter().map(|p| (p.method, p.declared, p.crc, p.raw.to_vec())).collect();
        let entry = (key, extra.to_string(), inflated, v.clone());
        if c.entries.len() < MEMO_ENTRIES {
            c.entries.push(entry);
        } else {
            let at = c.next;
            c.entries[at] = entry;
            c.next = (at + 1) % MEMO_ENTRIES;
        }
    });
    Ok(v)
}

enum Inflate {
    TooBig,
    /// More than 1 MB out and more than `max_ratio` times what came in: a
    /// bomb, stopped as soon as it shows, not at the end of the budget.
    Ratio,
    Broken,
}

/// Inflate a raw deflate stream into at most `budget` + 1 bytes.
///
/// First into one buffer of the size the zip header declares (never more
/// than the budget left, and `Package::open` already refused a declared
/// size over the budget or, above 1 MB, over the ratio), with libdeflate:
/// the national inbox's ~5 200 small parts inflate in about half the
/// instructions of the streaming inflater, which rebuilt its tables
/// through a general state machine. When that buffer is too small (the
/// header lied) or libdeflate refuses the stream, the streaming inflater
/// below decides, with its own bounds, so whatever it accepted or refused
/// before is accepted or refused the same way.
fn inflate(raw: &[u8], declared: u64, budget: u64, max_ratio: u64) -> Result<Vec<u8>, Inflate> {
    if let Some(out) = inflate_whole(raw, declared, budget) {
        return Ok(out);
    }
    inflate_stream(raw, declared, budget, max_ratio)
}

/// The whole-buffer inflate; `None` when it cannot decide (see `inflate`).
fn inflate_whole(raw: &[u8], declared: u64, budget: u64) -> Option<Vec<u8>> {
    thread_local! {
        static WHOLE: std::cell::RefCell<libdeflater::Decompressor> = std::cell::RefCell::new(libdeflater::Decompressor::new());
    }
    if declared > budget {
        return None;
    }
    let mut out = vec![0u8; usize::try_from(declared).ok()?];
    let n = WHOLE.with(|d| d.borrow_mut().deflate_decompress(raw, &mut out)).ok()?;
    out.truncate(n);
    Some(out)
}

/// The streaming inflate. One inflate state per thread is reset and
/// reused: creating one per part (as the zip reader does) cost a tenth of
/// the loading time.
fn inflate_stream(raw: &[u8], declared: u64, budget: u64, max_ratio: u64) -> Result<Vec<u8>, Inflate> {
    thread_local! {
        static STATE: std::cell::RefCell<flate2::Decompress> = std::cell::RefCell::new(flate2::Decompress::new(false));
    }
    let cap = (budget + 1) as usize;
    STATE.with(|st| {
        let mut d = st.borrow_mut();
        d.reset(false);
        let mut out: Vec<u8> = Vec::with_capacity((declared as usize).clamp(64, cap.min(16 << 20)) + 64);
        loop {
            if out.len() == out.capacity() {
                let more = out.len().max(32 << 10).min(cap.saturating_sub(out.len()));
                if more == 0 {
                    return Err(Inflate::TooBig);
                }
                out.reserve_exact(more);
            }
            let (in0, out0) = (d.total_in(), d.total_out());
            let rest = raw.get(in0 as usize..).unwrap_or_default();
            match d.decompress_vec(rest, &mut out, flate2::FlushDecompress::Finish) {
                Ok(flate2::Status::StreamEnd) => return Ok(out),
                Ok(_) if d.total_in() == in0 && d.total_out() == out0 && out.len() < out.capacity() => return Err(Inflate::Broken),
                Ok(_) if d.total_out() > (1 << 20) && d.total_out() / d.total_in().max(1) > max_ratio => return Err(Inflate::Ratio),
                Ok(_) => {}
                Err(_) => return Err(Inflate::Broken),
            }
        }
    })
}

fn bomb_total(limits: &Limits) -> String {
    format!("tệp giải nén ra hơn {} MB (nghi là \"bom nén\"); đã từ chối", limits.max_unzipped_bytes >> 20)
}
fn bomb_ratio(name: &str) -> String {
    format!("thành phần \"{name}\" có tỷ lệ nén bất thường (nghi là \"bom nén\"); đã từ chối")
}
fn doctype(name: &str) -> String {
    format!("thành phần \"{name}\" khai báo DOCTYPE/ENTITY (có thể là tấn công mở rộng thực thể XML); đã từ chối")
}
fn corrupt(part: &str, e: impl std::fmt::Display) -> String {
    format!("phần \"{part}\" của tệp bị hỏng ({e})")
}

/// Resolve `&amp;`, `&#7871;` and the like into `out`.
fn push_ref(r: &BytesRef, out: &mut String) {
    match &**r {
        "amp" => out.push('&'),
        "lt" => out.push('<'),
        "gt" => out.push('>'),
        "quot" => out.push('"'),
        "apos" => out.push('\''),
        _ => match r.resolve_char_ref() {
            Ok(Some(c)) => out.push(c),
            _ => {
                out.push('&');
                out.push_str(r);
                out.push(';');
            }
        },
    }
}

/// The local part of a name ("x:row" → "row"), found by a plain byte scan:
/// quick-xml's own search costs more than the rest of looking at a tag.
fn local(name: quick_xml::name::QName<'_>) -> &str {
    let n: &str = name.into_inner();
    match n.bytes().position(|b| b == b':') {
        Some(i) => &n[i + 1..],
        None => n,
    }
}

/// A tag's attributes without quick-xml's check for a repeated name, which
/// allocates a list per tag. Looking an attribute up by its first
/// occurrence (`attr`, `raw_attr`) gives what the check would: a repeat
/// comes after the attribute it repeats.
fn attributes<'a>(e: &'a BytesStart) -> quick_xml::events::attributes::Attributes<'a> {
    let mut a = e.attributes();
    a.with_checks(false);
    a
}

/// The value of attribute `key` (local name), entities resolved; borrowed
/// from the part when there is nothing to resolve.
fn attr<'a>(e: &'a BytesStart, key: &str) -> Option<std::borrow::Cow<'a, str>> {
    attributes(e)
        .flatten()
        .find(|a| local(a.key) == key)
        .map(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).unwrap_or_else(|_| a.value.clone()))
}

/// The values of several attributes in one pass over the tag, each as
/// `attr` gives it (first occurrence, entities resolved).
fn attrs<'a, const N: usize>(e: &'a BytesStart, keys: [&str; N]) -> [Option<std::borrow::Cow<'a, str>>; N] {
    let mut out = [const { None }; N];
    for a in attributes(e).flatten() {
        let l = local(a.key);
        if let Some(i) = keys.iter().position(|k| *k == l) {
            if out[i].is_none() {
                out[i] = Some(a.normalized_value(quick_xml::XmlVersion::Implicit1_0).unwrap_or_else(|_| a.value.clone()));
            }
        }
    }
    out
}

/// The raw value of attribute `key`, for values that are never escaped
/// (numbers, cell references): no copy.
fn raw_attr<'a>(e: &'a BytesStart, key: &str) -> Option<std::borrow::Cow<'a, str>> {
    attributes(e).flatten().find(|a| local(a.key) == key).map(|a| a.value)
}

/// Excel escapes characters XML cannot hold as `_xHHHH_` (UTF-16 units) and
/// a literal "_x" as `_x005F_`.
fn unescape_excel(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains("_x") {
        return s.into();
    }
    let b = s.as_bytes();
    let unit_at = |i: usize| -> Option<u16> {
        let h = b.get(i..i + 7)?;
        if h[0] != b'_' || h[1] != b'x' || h[6] != b'_' {
            return None;
        }
        u16::from_str_radix(std::str::from_utf8(&h[2..6]).ok()?, 16).ok()
    };
    let mut out = String::with_capacity(s.len());
    let (mut i, mut copied) = (0, 0);
    while i < b.len() {
        let Some(u) = unit_at(i) else {
            i += 1;
            continue;
        };
        out.push_str(&s[copied..i]);
        i += 7;
        let c = match u {
            0xD800..=0xDBFF => match unit_at(i) {
                Some(lo @ 0xDC00..=0xDFFF) => {
                    i += 7;
                    char::from_u32(0x10000 + ((u32::from(u) - 0xD800) << 10) + (u32::from(lo) - 0xDC00))
                }
                _ => None,
            },
            _ => char::from_u32(u32::from(u)),
        };
        out.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
        copied = i;
    }
    out.push_str(&s[copied..]);
    out.into()
}

/// The text of an element written plainly at the reader's position:
/// `open`, text, then `close` (`"<v>"`, `"</v>"`), or, with `open` empty
/// when quick-xml has just given the opening tag, the text up to `close`.
/// Taken at once when the text has nothing to resolve ('&') or to
/// normalize ('\r') and no markup in it: quick-xml's events for it (Start,
/// Text, End, the end name checked against the start) would carry exactly
/// this text. The reader is moved past `close` when `open` is given (start
/// and end both taken here, quick-xml's list of open tags is unchanged), else
/// up to `close`, which quick-xml then reads and checks. Either way its
/// state is as it was, between markup; only its count of bytes read falls
/// behind, which this reader never asks for. `None` leaves the reader
/// untouched, and the caller reads events. Call it only when the last event
/// was a tag (Start, End, Empty): quick-xml is then between markup, at the
/// start of what is left.
/// A sheet's cells are mostly `<v>number</v>`: three events less per cell.
fn plain_element<'x>(r: &mut Reader<&'x [u8]>, xml: &'x str, open: &str, close: &str) -> Option<&'x str> {
    let (rest, left) = unread(r, xml)?;
    let body = left.strip_prefix(open)?;
    let (end, special) = text_end(body)?;
    let text = &body[..end];
    if special || !body[end..].starts_with(close) {
        return None;
    }
    let taken = if open.is_empty() { end } else { open.len() + end + close.len() };
    *r.get_mut() = &rest[taken..];
    Some(text)
}

/// Text of an `<si>` or `<is>` element: its `<t>` runs, phonetic runs left
/// out; the reader is just past the opening tag. `t` is room for one run's
/// text, reused from string to string.
fn rich_text<'x>(r: &mut Reader<&'x [u8]>, xml: &'x str, part: &str, end: &str, t: &mut String) -> Result<String, String> {
    let mut out = String::new();
    let mut phonetic = 0u32;
    loop {
        match r.read_event().map_err(|e| corrupt(part, e))? {
            Event::Start(e) if local(e.name()) == "rPh" => phonetic += 1,
            Event::End(e) if local(e.name()) == "rPh" => phonetic = phonetic.saturating_sub(1),
            Event::Start(e) if local(e.name()) == "t" && phonetic == 0 => {
                let preserve = attr(&e, "space").is_some_and(|v| v == "preserve");
                t.clear();
                // The run's text, when plain; `</t>` is then the next event.
                if let Some(text) = plain_element(r, xml, "", "</t>") {
                    t.push_str(text);
                }
                loop {
                    match r.read_event().map_err(|e| corrupt(part, e))? {
                        Event::Text(x) => t.push_str(&x.xml10_content()),
                        Event::CData(x) => t.push_str(&x.xml10_content()),
                        Event::GeneralRef(x) => push_ref(&x, t),
                        Event::End(x) if local(x.name()) == "t" => break,
                        Event::Eof => return Err(corrupt(part, "hết dữ liệu giữa chừng")),
                        _ => {}
                    }
                }
                let run = if preserve { &t[..] } else { t.trim_matches([' ', '\t', '\r', '\n']) };
                out.push_str(&unescape_excel(run));
            }
            Event::End(e) if local(e.name()) == end => return Ok(out),
            Event::Eof => return Err(corrupt(part, "hết dữ liệu giữa chừng")),
            _ => {}
        }
    }
}

/// Where the text before the next `<` ends, and whether it holds a `&` or
/// a `\r` (which only quick-xml's reading unescapes or normalises): one
/// pass over the bytes, instead of a search and a second scan (the texts
/// are mostly a few digits, where the search's setup was most of the cost).
fn text_end(body: &str) -> Option<(usize, bool)> {
    let mut special = false;
    for (i, &b) in body.as_bytes().iter().enumerate() {
        match b {
            b'<' => return Some((i, special)),
            b'&' | b'\r' => special = true,
            _ => {}
        }
    }
    None
}

/// A shared string written plainly at the reader's position, taken at
/// once: `<si><t>text</t></si>`, the text as `plain_element` takes it.
/// quick-xml would give the four tags (the end names matching) and the
/// text; its state after is as before, between markup, with the same list
/// of open tags. Anything else (runs, phonetic text, `xml:space`, a
/// reference) gives `None`, the reader untouched. Call it only when the
/// last event was a tag. Returns the text as `rich_text` gives it.
fn plain_si<'x>(r: &mut Reader<&'x [u8]>, xml: &'x str) -> Option<String> {
    let (rest, left) = unread(r, xml)?;
    let body = left.strip_prefix("<si><t>")?;
    let (end, special) = text_end(body)?;
    let text = &body[..end];
    if special || !body[end..].starts_with("</t></si>") {
        return None;
    }
    *r.get_mut() = &rest[7 + end + 9..];
    Some(unescape_excel(text.trim_matches([' ', '\t', '\r', '\n'])).into_owned())
}

fn shared_strings(xml: &str, part: &str, limits: &Limits) -> Result<Vec<String>, String> {
    let mut r = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut total = 0usize;
    let mut run = String::new();
    // Whether the last event was a tag: `plain_si` may be asked.
    let mut after_tag = false;
    loop {
        let plain = if after_tag { plain_si(&mut r, xml) } else { None };
        let ev = if plain.is_some() { Event::Eof } else { r.read_event().map_err(|e| corrupt(part, e))? };
        after_tag = plain.is_some() || matches!(ev, Event::Start(_) | Event::End(_) | Event::Empty(_));
        match ev {
            // A string taken whole; nothing was read.
            _ if plain.is_some() || matches!(&ev, Event::Start(e) if local(e.name()) == "si") => {
                let t = match plain {
                    Some(t) => t,
                    None => rich_text(&mut r, xml, part, "si", &mut run)?,
                };
                if super::grid::too_long(&t, limits) {
                    return Err(super::grid::too_long_message(None, None, limits));
                }
                total += t.len();
                if total > limits.max_text_bytes {
                    return Err(super::grid::too_much_text(limits));
                }
                out.push(t)
            }
            Event::Empty(e) if local(e.name()) == "si" => out.push(String::new()),
            Event::DocType(_) => return Err(doctype(part)),
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// What a cell format says about its number: a percentage, a date.
#[derive(Clone, Copy, Default)]
struct Format {
    percent: bool,
    date: bool,
}

fn is_percent_code(code: &str) -> bool {
    // A '%' outside quotes in the number format code.
    let mut quoted = false;
    for c in code.chars() {
        match c {
            '"' => quoted = !quoted,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

/// Whether a format code shows a date or time: d, m, y, h or s in its first
/// section, outside quotes, brackets and escapes ("[h]:mm" too).
fn is_date_code(code: &str) -> bool {
    let (mut escaped, mut quoted, mut brackets, mut after_open) = (false, false, 0u32, false);
    for c in code.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        if quoted {
            quoted = c != '"';
            continue;
        }
        match c {
            '_' | '\\' | '*' => escaped = true,
            '"' => quoted = true,
            ';' => return false,
            '[' => {
                brackets += 1;
                after_open = true;
                continue;
            }
            ']' => brackets = brackets.saturating_sub(1),
            'h' | 'H' | 'm' | 'M' | 's' | 'S' if brackets == 1 && after_open => return true,
            'd' | 'D' | 'm' | 'M' | 'y' | 'Y' | 'h' | 'H' | 's' | 'S' if brackets == 0 => return true,
            _ => {}
        }
        after_open = false;
    }
    false
}

fn builtin_date(id: u32) -> bool {
    matches!(id, 14..=22 | 27..=36 | 45..=47 | 50..=58)
}

fn styles(xml: &str, part: &str) -> Result<Vec<Format>, String> {
    let mut r = Reader::from_str(xml);
    let mut codes: HashMap<u32, String> = HashMap::default();
    let mut out = Vec::new();
    let mut in_xfs = false;
    loop {
        match r.read_event().map_err(|e| corrupt(part, e))? {
            Event::Start(e) | Event::Empty(e) if local(e.name()) == "numFmt" => {
                if let (Some(id), Some(code)) = (attr(&e, "numFmtId").and_then(|v| v.parse().ok()), attr(&e, "formatCode")) {
                    codes.insert(id, code.into_owned());
                }
            }
            Event::Start(e) if local(e.name()) == "cellXfs" => in_xfs = true,
            Event::End(e) if local(e.name()) == "cellXfs" => in_xfs = false,
            Event::Start(e) | Event::Empty(e) if in_xfs && local(e.name()) == "xf" => {
                let id: u32 = attr(&e, "numFmtId").and_then(|v| v.parse().ok()).unwrap_or(0);
                out.push(match codes.get(&id) {
                    Some(code) => Format { percent: is_percent_code(code), date: is_date_code(code) },
                    None => Format { percent: matches!(id, 9 | 10), date: builtin_date(id) },
                });
            }
            Event::DocType(_) => return Err(doctype(part)),
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// "AB12" → (11, 27), 0-based.
pub(crate) fn cell_ref(s: &str) -> Option<(u32, u32)> {
    let b = s.as_bytes();
    let letters = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if letters == 0 || letters > 3 || letters == b.len() {
        return None;
    }
    let col = b[..letters].iter().fold(0u32, |a, c| a * 26 + u32::from(c.to_ascii_uppercase() - b'A' + 1)) - 1;
    let row: u32 = s[letters..].parse().ok()?;
    Some((row.checked_sub(1)?, col))
}

/// Resolve a relationship target against the folder of its source part.
/// A target climbing above the package's root resolves to a name no part
/// has (it starts with "../"), so it is reported as missing and outside.
fn target_path(base_dir: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("{base_dir}{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for p in joined.split(['/', '\\']) {
        match p {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return format!("../{target}");
                }
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// A sheet's data part is not in the package.
fn missing_part(sheet: &str, path: Option<&str>) -> String {
    match path {
        Some(p) if p.starts_with("../") || p.contains(':') => format!(
            "tệp bị hỏng hoặc bị sửa: trang \"{sheet}\" trỏ ra ngoài tệp ({}); không đọc tệp này. Hãy mở tệp gốc bằng Excel, lưu lại rồi gửi",
            p.trim_start_matches("../")
        ),
        Some(p) => format!(
            "tệp bị hỏng: thiếu phần dữ liệu \"{p}\" của trang \"{sheet}\", nên không biết trang này ghi gì; hãy mở tệp gốc bằng Excel, lưu lại rồi gửi"
        ),
        None => format!(
            "tệp bị hỏng: trang \"{sheet}\" không có phần dữ liệu, nên không biết trang này ghi gì; hãy mở tệp gốc bằng Excel, lưu lại rồi gửi"
        ),
    }
}

/// Relationship id → (type suffix, resolved target).
fn relationships(xml: &str, part: &str, base_dir: &str) -> Result<HashMap<String, (String, String)>, String> {
    let mut r = Reader::from_str(xml);
    let mut out = HashMap::default();
    loop {
        match r.read_event().map_err(|e| corrupt(part, e))? {
            Event::Start(e) | Event::Empty(e) if local(e.name()) == "Relationship" => {
                let [mode, id, target, typ] = attrs(&e, ["TargetMode", "Id", "Target", "Type"]);
                if mode.is_some_and(|m| m.eq_ignore_ascii_case("External")) {
                    continue;
                }
                if let (Some(id), Some(target)) = (id, target) {
                    let typ = typ.unwrap_or_default();
                    let typ = typ.rsplit('/').next().unwrap_or("").to_string();
                    out.insert(id.into_owned(), (typ, target_path(base_dir, &target)));
                }
            }
            Event::DocType(_) => return Err(doctype(part)),
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// The workbook part and its relationships, as read.
struct Book {
    rels: HashMap<String, (String, String)>,
    entries: Vec<SheetEntry>,
    is_1904: bool,
}

struct SheetEntry {
    name: String,
    visible: bool,
    worksheet: bool,
    path: Option<String>,
}

/// Sheets in workbook order, and whether dates count from 1904.
fn workbook(xml: &str, part: &str, rels: &HashMap<String, (String, String)>) -> Result<(Vec<SheetEntry>, bool), String> {
    let mut r = Reader::from_str(xml);
    let mut sheets = Vec::new();
    let mut is_1904 = false;
    loop {
        match r.read_event().map_err(|e| corrupt(part, e))? {
            Event::Start(e) | Event::Empty(e) if local(e.name()) == "workbookPr" => {
                is_1904 = attr(&e, "date1904").is_some_and(|v| v == "1" || v.eq_ignore_ascii_case("true"));
            }
            Event::Start(e) | Event::Empty(e) if local(e.name()) == "sheet" => {
                let name = attr(&e, "name").unwrap_or_default();
                let visible = attr(&e, "state").is_none_or(|s| s == "visible");
                let rel = attr(&e, "id").and_then(|id| rels.get(&*id));
                sheets.push(SheetEntry {
                    name: name.into_owned(),
                    visible,
                    worksheet: rel.is_some_and(|(t, _)| t == "worksheet"),
                    path: rel.map(|(_, p)| p.clone()),
                });
            }
            Event::DocType(_) => return Err(doctype(part)),
            Event::Eof => return Ok((sheets, is_1904)),
            _ => {}
        }
    }
}

/// The `t` attribute of a cell.
#[derive(Clone, Copy, PartialEq)]
enum CellType {
    /// No `t`: a number, or text when it does not parse.
    Untyped,
    Number,
    Shared,
    Inline,
    Str,
    Bool,
    Error,
    /// An ISO 8601 date, kept as typed.
    Date,
    Unknown,
}

impl CellType {
    fn of(t: &str) -> CellType {
        match t {
            "n" => CellType::Number,
            "s" => CellType::Shared,
            "inlineStr" => CellType::Inline,
            "str" => CellType::Str,
            "b" => CellType::Bool,
            "e" => CellType::Error,
            "d" => CellType::Date,
            _ => CellType::Unknown,
        }
    }
}

/// What the reader has not read yet, as bytes and as text. The reader
/// reads `xml` from its start, so what is left is its tail (checked); the
/// text is cut from the part already checked as UTF-8.
fn unread<'x>(r: &Reader<&'x [u8]>, xml: &'x str) -> Option<(&'x [u8], &'x str)> {
    let rest: &'x [u8] = r.get_ref();
    let at = xml.len().checked_sub(rest.len())?;
    if !std::ptr::eq(xml.as_bytes().get(at..)?.as_ptr(), rest.as_ptr()) {
        return None;
    }
    Some((rest, xml.get(at..)?))
}

/// The attributes of a tag as (name, raw value) pairs, read by a plain
/// byte scan when they are written the way every writer writes them:
/// `name="value"` or `name='value'`, a name of ASCII letters, digits, '_',
/// ':', '.' or '-', the pairs separated by XML whitespace (or nothing).
/// For such a tag quick-xml's attribute reader (without its repeat check)
/// gives exactly these pairs, in this order, with the same raw values.
#[derive(Clone)]
struct Plain<'a> {
    raw: &'a str,
    at: usize,
}

impl<'a> Plain<'a> {
    /// The next pair; `Some(None)` at the end of the text or of the tag
    /// ('>' or '/'), `None` where the tag is not written plainly.
    fn pair(&mut self) -> Option<Option<(&'a str, &'a str)>> {
        let b = self.raw.as_bytes();
        let mut i = self.at;
        while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\r' | b'\n') {
            i += 1;
        }
        self.at = i;
        if i == b.len() || b[i] == b'>' || b[i] == b'/' {
            return Some(None);
        }
        let start = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'_' | b':' | b'.' | b'-')) {
            i += 1;
        }
        if i == start || b.get(i) != Some(&b'=') {
            return None;
        }
        let quote = *b.get(i + 1)?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let len = b[i + 2..].iter().position(|&c| c == quote)?;
        self.at = i + 3 + len;
        // Every cut is at an ASCII byte, so each piece is whole UTF-8.
        Some(Some((&self.raw[start..i], &self.raw[i + 2..i + 2 + len])))
    }
}

impl<'a> Iterator for Plain<'a> {
    type Item = (&'a str, &'a str);
    fn next(&mut self) -> Option<(&'a str, &'a str)> {
        self.pair().flatten()
    }
}

/// A cell written plainly at the reader's position.
struct PlainCell<'x> {
    /// Its attributes, all plain.
    attrs: Plain<'x>,
    /// `<c …/>`.
    empty: bool,
    /// The text of its `<v>`, if it has one.
    v: Option<&'x str>,
}

/// A whole cell written plainly at the reader's position, taken at once:
/// `<c`, plain attributes (`Plain`), then `/>`, or `>` followed by `</c>` or
/// by `<v>text</v></c>`, the text as `plain_element` takes it. quick-xml
/// would give Start (or Empty) with these attributes, the value's events
/// and End, the end names matching; its state after is as before, between
/// markup, with the same list of open tags. Anything else (a formula, an
/// inline string, a prefix, spaces in a closing tag) gives `None`, the
/// reader untouched. Call it only when the last event was a tag.
/// Most cells of a sheet are written so: two events less per cell, and
/// their attributes read without quick-xml's general reader.
fn plain_cell<'x>(r: &mut Reader<&'x [u8]>, xml: &'x str) -> Option<PlainCell<'x>> {
    let (rest, left) = unread(r, xml)?;
    let body = left.strip_prefix("<c")?;
    if !matches!(body.as_bytes().first()?, b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/') {
        return None;
    }
    let mut scan = Plain { raw: body, at: 0 };
    while scan.pair()?.is_some() {}
    let attrs = Plain { raw: &body[..scan.at], at: 0 };
    let after = &body[scan.at..];
    let (empty, v, taken) = if after.starts_with("/>") {
        (true, None, 2)
    } else {
        let inner = after.strip_prefix('>')?;
        if inner.starts_with("</c>") {
            (false, None, 1 + 4)
        } else {
            let value = inner.strip_prefix("<v>")?;
            let (end, special) = text_end(value)?;
            let text = &value[..end];
            if special || !value[end..].starts_with("</v></c>") {
                return None;
            }
            (false, Some(text), 1 + 3 + end + 8)
        }
    };
    *r.get_mut() = &rest[2 + scan.at + taken..];
    Some(PlainCell { attrs, empty, v })
}

/// A cell read, before its value is converted: reference, style, type,
/// whether it has a formula, whether it has a `<v>` (its text is kept
/// apart), its inline string.
type CellRead = ((u32, u32), usize, CellType, bool, bool, Option<String>);

/// The names of a cell's attributes seen so far (`cell_attr`).
type Seen<'e> = ([&'e str; 3], usize, Vec<&'e str>);

/// One attribute of a `<c>` tag: its reference, style or type. As
/// quick-xml's check would: a name repeated exactly is left out (its first
/// value stands); among different names with the same local part ("r",
/// "x:r"), the last stands. `names` holds the names seen.
fn cell_attr<'e>(q: &'e str, v: &str, names: &mut Seen<'e>, pos: &mut (u32, u32), style: &mut usize, typ: &mut CellType) {
    let l = local(quick_xml::name::QName(q));
    if matches!(l, "r" | "s" | "t") {
        if names.0[..names.1].contains(&q) || names.2.contains(&q) {
            return;
        }
        if names.1 < 3 {
            names.0[names.1] = q;
            names.1 += 1;
        } else {
            names.2.push(q);
        }
    }
    match l {
        "r" => {
            if let Some(p) = cell_ref(v) {
                *pos = p;
            }
        }
        "s" => *style = v.parse().unwrap_or(0),
        "t" => *typ = CellType::of(v),
        _ => {}
    }
}

/// What the parts of the workbook shared by its sheets hold.
struct Shared {
    strings: Vec<String>,
    formats: std::rc::Rc<Vec<Format>>,
    /// Days between the 1904 and the 1900 date systems, or 0.
    epoch_shift: f64,
}

use super::grid::too_big;

/// Parse one worksheet into a grid: values, formats, formulas without
/// results, merged regions, in a single pass.
/// `cells` counts the used cells of the workbook so far, `text_bytes` its
/// text (shared strings included). `computed` says whether the program
/// that saved the file computed its formulas; it is asked only of a sheet
/// whose formulas all hold 0, so the part that says so is inflated only then.
#[allow(clippy::too_many_arguments)]
fn sheet(
    xml: &str,
    name: &str,
    part: &str,
    sh: &Shared,
    limits: &Limits,
    cells: &mut usize,
    text_bytes: &mut usize,
    computed: &mut dyn FnMut() -> bool,
) -> Result<Grid, String> {
    let bad = |e: &dyn std::fmt::Display| format!("trang \"{name}\" bị hỏng ({e})");
    let mut g = Grid::new(name);
    let mut r = Reader::from_str(xml);
    let (mut row, mut col) = (0u32, 0u32);
    let mut formulas = 0usize;
    let mut zero_formulas: Vec<(u32, u32)> = Vec::new();
    let mut other_formula = false;
    let mut text = String::new();
    let mut run = String::new();
    // Whether the last event was a tag: `plain_cell` may be asked.
    let mut after_tag = false;
    loop {
        let mut cell: Option<CellRead> = None;
        if let Some(p) = if after_tag { plain_cell(&mut r, xml) } else { None } {
            if p.empty {
                // As `raw_attr` below: the first "r".
                if let Some((_, c)) = p.attrs.clone().find(|(k, _)| local(quick_xml::name::QName(k)) == "r").and_then(|(_, v)| cell_ref(v))
                {
                    col = c;
                }
                col += 1;
                continue;
            }
            let (mut pos, mut style, mut typ) = ((row, col), 0usize, CellType::Untyped);
            let mut names: Seen = ([""; 3], 0, Vec::new());
            for (q, v) in p.attrs {
                cell_attr(q, v, &mut names, &mut pos, &mut style, &mut typ);
            }
            col = pos.1 + 1;
            text.clear();
            text.push_str(p.v.unwrap_or(""));
            cell = Some((pos, style, typ, false, p.v.is_some(), None));
        }
        let ev = if cell.is_some() { Event::Eof } else { r.read_event().map_err(|e| bad(&e))? };
        after_tag = cell.is_some() || matches!(ev, Event::Start(_) | Event::End(_) | Event::Empty(_));
        match ev {
            // The cell was taken whole; nothing was read.
            _ if cell.is_some() => {}
            Event::Start(e) if local(e.name()) == "row" => {
                if let Some(n) = raw_attr(&e, "r").and_then(|v| v.parse::<u32>().ok()) {
                    row = n.saturating_sub(1);
                }
                col = 0;
            }
            Event::End(e) if local(e.name()) == "row" => {
                row += 1;
                col = 0;
            }
            Event::Empty(e) if local(e.name()) == "c" => {
                if let Some((_, c)) = raw_attr(&e, "r").and_then(|v| cell_ref(&v)) {
                    col = c;
                }
                col += 1;
            }
            Event::Start(e) if local(e.name()) == "c" => {
                let (mut pos, mut style, mut typ) = ((row, col), 0usize, CellType::Untyped);
                let mut names: Seen = ([""; 3], 0, Vec::new());
                for a in attributes(&e).flatten() {
                    cell_attr(a.key.into_inner(), &a.value, &mut names, &mut pos, &mut style, &mut typ);
                }
                col = pos.1 + 1;
                let mut has_formula = false;
                let mut has_v = false;
                let mut inline: Option<String> = None;
                // Whether the last event was a tag: `plain_element` may be
                // asked.
                let mut after_tag = true;
                loop {
                    if after_tag {
                        if let Some(v) = plain_element(&mut r, xml, "<v>", "</v>") {
                            text.clear();
                            text.push_str(v);
                            has_v = true;
                            continue;
                        }
                    }
                    let ev = r.read_event().map_err(|e| bad(&e))?;
                    after_tag = matches!(ev, Event::Start(_) | Event::End(_) | Event::Empty(_));
                    match ev {
                        Event::Start(x) if local(x.name()) == "v" => {
                            text.clear();
                            loop {
                                match r.read_event().map_err(|e| bad(&e))? {
                                    Event::Text(t) => text.push_str(&t.xml10_content()),
                                    Event::CData(t) => text.push_str(&t.xml10_content()),
                                    Event::GeneralRef(x) => push_ref(&x, &mut text),
                                    Event::End(x) if local(x.name()) == "v" => break,
                                    Event::Eof => return Err(bad(&"hết dữ liệu giữa chừng")),
                                    _ => {}
                                }
                            }
                            has_v = true;
                        }
                        Event::Empty(x) if local(x.name()) == "v" => {
                            text.clear();
                            has_v = true;
                        }
                        Event::Start(x) if local(x.name()) == "f" => {
                            has_formula = true;
                            r.read_to_end(x.name()).map_err(|e| bad(&e))?;
                        }
                        Event::Empty(x) if local(x.name()) == "f" => has_formula = true,
                        Event::Start(x) if local(x.name()) == "is" => inline = Some(rich_text(&mut r, xml, part, "is", &mut run)?),
                        Event::End(x) if local(x.name()) == "c" => break,
                        Event::Eof => return Err(bad(&"hết dữ liệu giữa chừng")),
                        _ => {}
                    }
                }
                cell = Some((pos, style, typ, has_formula, has_v, inline));
            }
            Event::Start(e) | Event::Empty(e) if local(e.name()) == "mergeCell" => {
                if let Some((a, b)) = attr(&e, "ref").as_deref().and_then(|v| v.split_once(':')) {
                    if let (Some((r0, c0)), Some((r1, c1))) = (cell_ref(a), cell_ref(b)) {
                        if g.merge_count() < 10_000 {
                            g.add_merge(r0.min(r1), c0.min(c1), r0.max(r1), c0.max(c1));
                        }
                    }
                }
            }
            Event::DocType(_) => return Err(doctype(part)),
            Event::Eof => break,
            _ => {}
        }
        let Some((pos, style, typ, has_formula, has_v, inline)) = cell else { continue };
        let (rr, cc) = pos;
        let fmt = sh.formats.get(style).copied().unwrap_or_default();
        let v = if has_v { Some(text.as_str()) } else { None };
        let value = match typ {
            CellType::Inline => inline.map(Value::Text),
            CellType::Shared => match v.map(str::trim) {
                None | Some("") => None,
                Some(i) => {
                    let s = i.parse::<usize>().ok().and_then(|i| sh.strings.get(i));
                    Some(Value::Text(
                        s.ok_or_else(|| bad(&format!("ô {} trỏ tới một chuỗi không có trong tệp", crate::model::cell_ref(rr, cc))))?
                            .clone(),
                    ))
                }
            },
            CellType::Bool => match v.map(str::trim) {
                None | Some("") => None,
                Some("1") => Some(Value::Bool(true)),
                Some("0") => Some(Value::Bool(false)),
                Some(b) if b.eq_ignore_ascii_case("true") => Some(Value::Bool(true)),
                Some(b) if b.eq_ignore_ascii_case("false") => Some(Value::Bool(false)),
                Some(b) => return Err(bad(&format!("giá trị đúng/sai \"{b}\" không hợp lệ"))),
            },
            CellType::Error => v.map(|e| Value::Error(e.trim().to_string())),
            CellType::Str => v.map(|s| Value::Text(unescape_excel(s).into_owned())),
            CellType::Date => v.map(|s| Value::Text(s.to_string())),
            CellType::Number | CellType::Untyped => match v {
                None | Some("") => None,
                Some(s) => match s.trim().parse::<f64>() {
                    Ok(n) if fmt.date => Some(Value::Date(n + sh.epoch_shift)),
                    Ok(n) => Some(Value::Number { v: n, percent_format: fmt.percent }),
                    Err(_) if typ == CellType::Untyped => Some(Value::Text(s.to_string())),
                    Err(_) => return Err(bad(&format!("số \"{s}\" không hợp lệ"))),
                },
            },
            CellType::Unknown => return Err(bad(&"kiểu ô không hợp lệ")),
        };
        if has_formula {
            formulas += 1;
            match &value {
                None => g.set(rr, cc, Value::Uncomputed),
                Some(Value::Number { v, .. }) if *v == 0.0 => zero_formulas.push((rr, cc)),
                _ => other_formula = true,
            }
        }
        let Some(value) = value else { continue };
        *cells += 1;
        if rr >= limits.max_rows || cc >= limits.max_cols || *cells > limits.max_cells || formulas > limits.max_cells {
            return Err(too_big(name, limits));
        }
        if let Value::Text(t) = &value {
            if typ != CellType::Shared {
                *text_bytes += t.len();
                if *text_bytes > limits.max_text_bytes {
                    return Err(super::grid::too_much_text(limits));
                }
            }
            if super::grid::too_long(t, limits) {
                return Err(super::grid::too_long_message(Some(name), Some(crate::model::cell_ref(rr, cc)), limits));
            }
        }
        g.set(rr, cc, value);
    }
    // A workbook written by a library stores 0 for every formula: when all
    // of a sheet's formulas hold 0 and the writer is not known to compute
    // them, none of them was computed.
    if formulas >= 2 && !other_formula && zero_formulas.len() == formulas && !computed() {
        for (r, c) in zero_formulas {
            g.set(r, c, Value::Uncomputed);
        }
    }
    Ok(g)
}

/// Why a zip without a workbook part is not a workbook: what it is, when
/// its parts say so (a Word or PowerPoint file renamed), or damaged.
fn not_a_workbook(pkg: &Package, wb_path: &str) -> String {
    let has = |prefix: &str| pkg.index.keys().any(|k| k.starts_with(prefix));
    let renamed = |what: &str| {
        format!("tệp thực chất là {what} được đặt tên như bảng tính, không phải bảng tính Excel; hãy gửi đúng tệp bảng tính (.xlsx)")
    };
    if wb_path.starts_with("word/") || has("word/") {
        renamed("văn bản Word (.docx)")
    } else if wb_path.starts_with("ppt/") || has("ppt/") {
        renamed("bài trình chiếu PowerPoint (.pptx)")
    } else if !pkg.index.contains_key("[content_types].xml") {
        "tệp là một tệp nén .zip đặt tên như bảng tính, không phải bảng tính Excel; hãy giải nén và gửi đúng tệp bảng tính (.xlsx) bên trong".into()
    } else {
        format!("tệp bị hỏng: thiếu phần chính của bảng tính (\"{wb_path}\"); hãy mở tệp gốc bằng Excel, lưu lại rồi gửi")
    }
}

/// Whether the program that saved the package computed its formulas: a
/// spreadsheet program (LibreOffice, Excel with its calculation chain,
/// WPS, Gnumeric) stores real results, so a formula holding 0 truly gives
/// 0. Libraries (and unknown writers) may store 0 for every formula.
/// Asked only for a sheet whose formulas all hold 0, so docProps/app.xml is
/// inflated (within the same budget) only for such a workbook, once its
/// first such sheet is read.
fn writer_computes(pkg: &mut Package) -> bool {
    if pkg.index.contains_key("xl/calcchain.xml") {
        return true;
    }
    let Ok(Some(app)) = pkg.part("docProps/app.xml") else { return false };
    let Some(start) = app.find("<Application>") else { return false };
    let name = app[start + 13..].split('<').next().unwrap_or("").trim().to_ascii_lowercase();
    ["libreoffice", "openoffice", "neooffice", "gnumeric", "wps", "kingsoft", "onlyoffice", "numbers"].iter().any(|w| name.starts_with(w))
}

/// Load every worksheet of an .xlsx/.xlsm held in memory: the visible ones
/// to read, the hidden ones only to be looked at.
pub fn load(bytes: &[u8], limits: &Limits) -> Result<Loaded, String> {
    read_package(&mut Package::open(bytes, limits)?, limits)
}

fn read_package(pkg: &mut Package, limits: &Limits) -> Result<Loaded, String> {
    thread_local! {
        static PACKAGE_RELS: std::cell::RefCell<Memo<String>> = const { std::cell::RefCell::new(Memo::new()) };
        static WORKBOOK: std::cell::RefCell<Memo<std::rc::Rc<Book>>> = const { std::cell::RefCell::new(Memo::new()) };
        static STYLES: std::cell::RefCell<Memo<std::rc::Rc<Vec<Format>>>> = const { std::cell::RefCell::new(Memo::new()) };
    }
    // The workbook part is named by the package relationships; Office
    // always calls it xl/workbook.xml.
    let wb_path = memo(&PACKAGE_RELS, pkg, &["_rels/.rels"], "", |pkg| {
        Ok(match pkg.part("_rels/.rels")? {
            Some(x) => relationships(&x, "_rels/.rels", "")?
                .into_values()
                .find(|(t, _)| t == "officeDocument")
                .map(|(_, p)| p)
                .unwrap_or_else(|| "xl/workbook.xml".into()),
            None => "xl/workbook.xml".into(),
        })
    })?;
    if wb_path.starts_with("word/") || wb_path.starts_with("ppt/") || wb_path.starts_with("../") {
        return Err(not_a_workbook(pkg, &wb_path));
    }
    let dir = wb_path.rfind('/').map_or(String::new(), |i| wb_path[..=i].to_string());
    let rels_path = format!("{dir}_rels/{}.rels", &wb_path[dir.len()..]);
    let book = memo(&WORKBOOK, pkg, &[&rels_path, &wb_path], &dir, |pkg| {
        let rels = match pkg.part(&rels_path)? {
            Some(x) => relationships(&x, &rels_path, &dir)?,
            None => HashMap::default(),
        };
        let Some(wb_xml) = pkg.part(&wb_path)? else { return Err(not_a_workbook(pkg, &wb_path)) };
        let (entries, is_1904) = workbook(&wb_xml, &wb_path, &rels)?;
        Ok(std::rc::Rc::new(Book { rels, entries, is_1904 }))
    })?;
    let (rels, entries, is_1904) = (&book.rels, &book.entries, book.is_1904);
    let rel_of =
        |typ: &str, default: &str| rels.values().find(|(t, _)| t == typ).map_or_else(|| format!("{dir}{default}"), |(_, p)| p.clone());
    let (ss_path, st_path) = (rel_of("sharedStrings", "sharedStrings.xml"), rel_of("styles", "styles.xml"));
    let strings = match pkg.part(&ss_path)? {
        Some(x) => shared_strings(&x, &ss_path, limits)?,
        None => Vec::new(),
    };
    let formats = memo(&STYLES, pkg, &[&st_path], "", |pkg| {
        Ok(std::rc::Rc::new(match pkg.part(&st_path)? {
            Some(x) => styles(&x, &st_path)?,
            None => Vec::new(),
        }))
    })?;
    let shared = Shared { strings, formats, epoch_shift: if is_1904 { 1462.0 } else { 0.0 } };
    let mut computed: Option<bool> = None;
    let mut out = Loaded { sheets: Vec::new(), hidden: Vec::new(), skipped: Vec::new() };
    let mut cells = 0usize;
    let mut text_bytes: usize = shared.strings.iter().map(|s| s.len()).sum();
    for s in entries {
        if !s.worksheet {
            out.skipped.push(format!("bỏ qua trang không phải bảng \"{}\"", s.name));
            continue;
        }
        let (cells_before, text_before) = (cells, text_bytes);
        let mut read = || {
            let xml = match &s.path {
                Some(p) if !p.starts_with("../") => pkg.part(p)?,
                _ => None,
            };
            let Some(xml) = xml else { return Err(missing_part(&s.name, s.path.as_deref())) };
            let mut computes = || *computed.get_or_insert_with(|| writer_computes(pkg));
            let path = s.path.as_deref().unwrap_or("");
            sheet(&xml, &s.name, path, &shared, limits, &mut cells, &mut text_bytes, &mut computes)
        };
        match read() {
            Ok(g) if s.visible => out.sheets.push(g),
            Ok(g) => out.hidden.push(g),
            Err(e) if s.visible => return Err(e),
            // A hidden sheet that is broken or too large is passed over,
            // not the whole file refused: officers hide long lookup lists.
            Err(_) => {
                (cells, text_bytes) = (cells_before, text_before);
                out.skipped.push(format!("bỏ qua trang ẩn \"{}\" (hỏng hoặc quá lớn)", s.name));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn cell_refs() {
        assert_eq!(cell_ref("A1"), Some((0, 0)));
        assert_eq!(cell_ref("AB12"), Some((11, 27)));
        assert_eq!(cell_ref("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(cell_ref("A0"), None);
        assert_eq!(cell_ref("12"), None);
        assert_eq!(cell_ref("ABCD1"), None);
    }
    #[test]
    fn format_codes() {
        assert!(is_percent_code("0.00%"));
        assert!(!is_percent_code("\"%\"0"));
        assert!(is_date_code("dd/mm/yyyy"));
        assert!(is_date_code("[h]:mm:ss"));
        assert!(is_date_code("[$-42A]dd/mm/yyyy"));
        assert!(!is_date_code("#,##0"));
        assert!(!is_date_code("[Red]#,##0"));
        assert!(!is_date_code("0.00\" ngày\""));
        assert!(!is_date_code("#,##0;[Red]-#,##0"));
    }
    #[test]
    fn excel_escapes() {
        assert_eq!(unescape_excel("a_x000D_b"), "a\rb");
        assert_eq!(unescape_excel("_x005F_x000D_"), "_x000D_");
        assert_eq!(unescape_excel("_xD83D__xDCF7_"), "📷");
        assert_eq!(unescape_excel("x_1"), "x_1");
    }
    #[test]
    fn inflating_stops_at_the_budget_whatever_the_header_claims() {
        use std::io::Write;
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(&vec![b'<'; 5 << 20]).unwrap();
        let raw = enc.finish().unwrap();
        // The header claims 100 bytes; the stream holds 5 MB.
        assert!(matches!(inflate(&raw, 100, 1 << 20, u64::MAX), Err(Inflate::TooBig)));
        assert_eq!(inflate(&raw, 100, 6 << 20, u64::MAX).ok().map(|v| v.len()), Some(5 << 20));
        let ratio = (5u64 << 20) / raw.len() as u64;
        assert!(matches!(inflate(&raw, 100, 6 << 20, ratio / 2), Err(Inflate::Ratio)), "stopped before the end: {ratio}");
        assert!(matches!(inflate(&raw[..raw.len() / 2], 100, 6 << 20, u64::MAX), Err(Inflate::Broken)), "a truncated stream");
        assert!(matches!(inflate(b"\xff\xff\xff", 100, 6 << 20, u64::MAX), Err(Inflate::Broken)));
    }
    #[test]
    fn the_whole_buffer_inflate_gives_what_the_streaming_one_gives() {
        use std::io::Write;
        // Parts as units' files hold them: small XML, stored blocks, fixed
        // and dynamic codes, long matches, an empty part.
        let mut texts: Vec<Vec<u8>> = vec![Vec::new(), b"<a/>".to_vec()];
        let row =
            |i: usize| format!("<row r=\"{i}\"><c r=\"B{i}\" t=\"s\"><v>{}</v></c><c r=\"C{i}\"><v>{}.5</v></c></row>", i * 7 % 13, i * 31);
        texts.push((1..400).map(row).collect::<String>().into_bytes());
        texts.push((0..70_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect());
        for (k, text) in texts.iter().enumerate() {
            for level in [0, 1, 6, 9] {
                let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::new(level));
                enc.write_all(text).unwrap();
                let raw = enc.finish().unwrap();
                let declared = text.len() as u64;
                let stream = inflate_stream(&raw, declared, 1 << 20, u64::MAX).ok();
                assert_eq!(stream.as_deref(), Some(&text[..]), "text {k}, level {level}");
                assert_eq!(inflate_whole(&raw, declared, 1 << 20), stream, "text {k}, level {level}");
                // A header that claims more: the same bytes, no more.
                assert_eq!(inflate_whole(&raw, declared + 100, 1 << 20).as_deref(), Some(&text[..]));
                // A header that claims less, or a budget too small: the
                // whole-buffer inflate does not decide.
                if !text.is_empty() {
                    assert_eq!(inflate_whole(&raw, declared - 1, 1 << 20), None);
                    assert_eq!(inflate(&raw, declared - 1, 1 << 20, u64::MAX).ok().as_deref(), Some(&text[..]));
                    assert_eq!(inflate_whole(&raw, declared, declared - 1), None);
                    // A damaged stream: refused by both, or inflated by both
                    // to the same bytes (the checksum then decides).
                    let mut bad = raw.clone();
                    let at = bad.len() / 2;
                    bad[at] ^= 0x55;
                    let (w, s) = (inflate_whole(&bad, declared, 1 << 20), inflate_stream(&bad, declared, 1 << 20, u64::MAX).ok());
                    assert!(w.is_none() || w == s, "text {k}, level {level}");
                    assert_eq!(inflate_whole(&raw[..raw.len() / 2], declared, 1 << 20), None);
                }
            }
        }
    }
    #[test]
    fn text_end_is_the_search_and_the_scan_it_replaces() {
        for body in ["", "12", "12<", "1&amp;2</v>", "a\rb</t>", "Hà Nội</t></si>", "<", "x&y", "đ\r<&", "ư ơ<"] {
            let old = body.find('<').map(|end| (end, body[..end].bytes().any(|b| b == b'&' || b == b'\r')));
            assert_eq!(text_end(body), old, "{body:?}");
        }
    }
    #[test]
    fn relationship_targets() {
        assert_eq!(target_path("xl/", "worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
        assert_eq!(target_path("xl/", "/xl/worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml");
        assert_eq!(target_path("xl/", "../xl/x.xml"), "xl/x.xml");
    }

    /// A workbook with what units' files hold: dates, percentages,
    /// formulas with and without results, booleans, errors, rich text,
    /// text with a line break, merged cells, a hidden sheet, TCVN3 text.
    fn varied_book() -> Vec<u8> {
        use rust_xlsxwriter::{Format, Formula, Workbook};
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet().set_name("Số liệu & ghi chú").unwrap();
        ws.write_string(0, 0, "BÁO CÁO\r\nNĂM 2022").unwrap();
        ws.merge_range(1, 0, 1, 3, "Đơn vị <chấm>", &Format::new()).unwrap();
        ws.write_number_with_format(2, 1, 0.1234, &Format::new().set_num_format("0.00%")).unwrap();
        ws.write_number_with_format(2, 2, 44927.0, &Format::new().set_num_format("dd/mm/yyyy")).unwrap();
        ws.write_number_with_format(2, 3, 1234567.5, &Format::new().set_num_format("#,##0.0")).unwrap();
        ws.write_boolean(3, 0, true).unwrap();
        ws.write_formula(3, 1, Formula::new("=B3*2").set_result("0.2468")).unwrap();
        ws.write_formula(3, 2, "=SUM(A1:A2)").unwrap();
        ws.write_formula(3, 3, Formula::new("=1/0").set_result("#DIV/0!")).unwrap();
        let bold = Format::new().set_bold();
        ws.write_rich_string(4, 0, &[(&bold, "Hà "), (&Format::default(), "Nội")]).unwrap();
        ws.write_string(5, 5, "BHXH tØnh Hµ Nam").unwrap();
        ws.write_string(6, 0, "  khoảng trắng  ").unwrap();
        wb.add_worksheet().set_name("Ẩn").unwrap().set_hidden(true).write_string(0, 0, "x").unwrap();
        wb.add_worksheet().set_name("Trống").unwrap();
        let f = wb.add_worksheet().set_name("Công thức").unwrap();
        f.write_formula(0, 0, "=1+1").unwrap();
        f.write_formula(1, 0, "=2+2").unwrap();
        wb.save_to_buffer().unwrap()
    }

    /// Every cell of every visible sheet as calamine reads it, and the
    /// merged regions calamine finds.
    fn compare_with_calamine(bytes: &[u8], what: &str) -> usize {
        use calamine::Reader;
        let limits = Limits::default();
        let ours = load(bytes, &limits).unwrap_or_else(|e| panic!("{what}: {e}"));
        let theirs = super::super::grid::load_ranges(bytes, &limits).unwrap();
        let names = |l: &Loaded| l.sheets.iter().map(|g| g.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(&ours), names(&theirs), "{what}");
        let mut xl = calamine::Xlsx::new(Cursor::new(bytes)).unwrap();
        let mut cells = 0;
        for (a, b) in ours.sheets.iter().zip(&theirs.sheets) {
            let h = a.height().max(b.height());
            for r in 0..h {
                for c in 0..a.width(r).max(b.width(r)) {
                    let (x, y) = (a.raw(r, c), b.raw(r, c));
                    let same = match (x, y) {
                        (Value::Number { v, .. }, Value::Number { v: w, .. }) => v == w,
                        // A formula never computed: calamine gives nothing
                        // or the 0 a library stored.
                        (Value::Uncomputed, Value::Empty | Value::Number { v: 0.0, .. }) => true,
                        _ => x == y,
                    };
                    assert!(same, "{what}, sheet {}, {}: ours {x:?}, calamine {y:?}", a.name, crate::model::cell_ref(r, c));
                    cells += !matches!(x, Value::Empty) as usize;
                }
            }
            assert_eq!(a.converted, b.converted, "{what}: legacy text");
            let mut merges: Vec<_> =
                xl.merge_cells_by_sheet_name(&a.name).unwrap().iter().map(|d| (d.start.0, d.start.1, d.end.0, d.end.1)).collect();
            let mut ours_m = a.merges().to_vec();
            merges.sort();
            ours_m.sort();
            assert_eq!(ours_m, merges, "{what}, sheet {}: merged regions", a.name);
        }
        cells
    }

    #[test]
    fn reads_every_cell_as_calamine_does() {
        let bytes = varied_book();
        assert!(compare_with_calamine(&bytes, "varied") >= 12);
        let l = load(&bytes, &Limits::default()).unwrap();
        let g = &l.sheets[0];
        assert_eq!(l.sheets.len(), 3, "the hidden sheet is left out");
        assert_eq!((l.skipped.len(), l.hidden.len(), l.hidden[0].name.as_str()), (0, 1, "Ẩn"), "kept aside, to be looked at only");
        assert_eq!(g.name, "Số liệu & ghi chú");
        assert_eq!(g.raw(2, 1), &Value::Number { v: 0.1234, percent_format: true });
        assert_eq!(g.raw(2, 2), &Value::Date(44927.0));
        assert_eq!(g.raw(2, 3), &Value::Number { v: 1234567.5, percent_format: false });
        assert_eq!(g.raw(3, 2), &Value::Number { v: 0.0, percent_format: false }, "one formula storing 0 among computed ones");
        let f = &l.sheets[2];
        assert_eq!((f.raw(0, 0), f.raw(1, 0)), (&Value::Uncomputed, &Value::Uncomputed), "every formula stores 0: none was computed");
        assert_eq!(g.raw(3, 3), &Value::Error("#DIV/0!".into()));
        assert_eq!(g.text(1, 2), "Đơn vị <chấm>", "a merged cell shows its first cell");
        assert_eq!(g.text(4, 0), "Hà Nội");
        assert_eq!(g.raw(5, 5), &Value::Text("BHXH tỉnh Hà Nam".into()));
        assert_eq!(g.converted, vec![(5, 5, "BHXH tØnh Hµ Nam".to_string())]);
    }

    #[test]
    fn reads_the_shipped_samples_and_demo_inboxes_as_calamine_does() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        // The fixtures include workbooks saved by Excel and by LibreOffice.
        let mut files: Vec<std::path::PathBuf> = ["ha-nam.xlsx", "ha-nam-libreoffice.xlsx", "tu-cham-libreoffice.xlsx"]
            .iter()
            .map(|f| root.join("tests/fixtures").join(f))
            .collect();
        let dir = tempfile::tempdir().unwrap();
        crate::demo::annual::generate_annual(
            crate::registry::Registry::builtin(),
            dir.path(),
            2022,
            &crate::demo::annual::AnnualScope::Province("thanh-hoa".into()),
            "x",
            1,
        )
        .unwrap();
        let mut stack = vec![root.join("samples"), dir.path().to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "xlsx") {
                    files.push(p);
                }
            }
        }
        files.sort();
        assert!(files.len() > 60, "{}", files.len());
        let cells: usize = files.iter().map(|f| compare_with_calamine(&std::fs::read(f).unwrap(), &f.to_string_lossy())).sum();
        assert!(cells > 5_000, "{cells}");
    }

    /// The workbook with one part's text changed by `edit`.
    fn rewrite_part(good: &[u8], part: &str, edit: impl Fn(String) -> String) -> Vec<u8> {
        use std::io::Write;
        let mut src = zip::ZipArchive::new(Cursor::new(good)).unwrap();
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..src.len() {
            let mut f = src.by_index(i).unwrap();
            let name = f.name().unwrap().to_string();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            if name == part {
                data = edit(String::from_utf8(data).unwrap()).into_bytes();
            }
            let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
            w.start_file(name, stored).unwrap();
            w.write_all(&data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    /// Every cell of every sheet loaded, with the sheet's name.
    fn cells_of(l: &Loaded) -> Vec<(String, u32, u32, Value)> {
        let mut out = Vec::new();
        for g in &l.sheets {
            for r in 0..g.height() {
                for c in 0..g.width(r) {
                    out.push((g.name.to_string(), r, c, g.raw(r, c).clone()));
                }
            }
        }
        out
    }

    /// `load` on a thread of its own, so nothing read before is reused.
    fn load_alone(bytes: &[u8], limits: Limits) -> Result<Vec<(String, u32, u32, Value)>, String> {
        let bytes = bytes.to_vec();
        std::thread::spawn(move || load(&bytes, &limits).map(|l| cells_of(&l))).join().unwrap()
    }

    #[test]
    fn parts_shared_with_an_earlier_workbook_read_as_they_would_alone() {
        // Two workbooks with the same relationships, workbook and styles
        // parts (stored alike) and different figures.
        let first = rewrite_part(&varied_book(), "xl/worksheets/sheet1.xml", |t| t);
        let second = rewrite_part(&varied_book(), "xl/worksheets/sheet1.xml", |t| t.replace("1234567.5", "7654321.5"));
        let limits = Limits::default();
        let a = cells_of(&load(&first, &limits).unwrap());
        let b = cells_of(&load(&second, &limits).unwrap());
        assert_eq!(b, load_alone(&second, limits).unwrap());
        assert_ne!(a, b);
        let percent = |cells: &[(String, u32, u32, Value)]| {
            cells.iter().find(|(s, r, c, _)| s == "Số liệu & ghi chú" && (*r, *c) == (2, 1)).map(|x| x.3.clone())
        };
        assert_eq!(percent(&b), Some(Value::Number { v: 0.1234, percent_format: true }));
        // The same workbook with another styles part: its own formats.
        let other_styles = rewrite_part(&varied_book(), "xl/styles.xml", |t| t.replace("0.00%", "0.00"));
        let c = cells_of(&load(&other_styles, &limits).unwrap());
        assert_eq!(percent(&c), Some(Value::Number { v: 0.1234, percent_format: false }));
        assert_eq!(c, load_alone(&other_styles, limits).unwrap());
    }

    #[test]
    fn parts_read_before_still_count_against_the_budget() {
        let book = rewrite_part(&varied_book(), "xl/worksheets/sheet1.xml", |t| t);
        let limits = Limits::default();
        let left = move |bytes: &[u8]| {
            let mut pkg = Package::open(bytes, &limits).unwrap();
            read_package(&mut pkg, &limits).unwrap();
            pkg.budget
        };
        let alone = {
            let book = book.clone();
            std::thread::spawn(move || left(&book)).join().unwrap()
        };
        assert!(alone < limits.max_unzipped_bytes);
        // Read again on this thread, the shared parts from before.
        assert_eq!(left(&book), alone);
        assert_eq!(left(&book), alone);
    }

    #[test]
    fn a_workbook_declaring_entities_is_refused() {
        let bad = rewrite_part(&varied_book(), "xl/sharedStrings.xml", |text| {
            let text = text.replacen("?>", "?><!DOCTYPE sst [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>", 1);
            text.replacen("<t>", "<t>&b;", 1)
        });
        let why = load(&bad, &Limits::default()).err().expect("refused");
        assert!(why.contains("DOCTYPE") && why.contains("xl/sharedStrings.xml"), "{why}");
    }

    #[test]
    fn a_damaged_byte_is_caught_by_the_checksum() {
        // Stored, so the XML stays well formed: "1234567.5" becomes "1234568.5".
        let good = rewrite_part(&varied_book(), "xl/worksheets/sheet1.xml", |t| t);
        let at = good.windows(9).position(|w| w == b"1234567.5").expect("stored figure");
        let mut bad = good.clone();
        bad[at + 6] = b'8';
        let why = load(&bad, &Limits::default()).err().expect("refused");
        assert!(why.contains("xl/worksheets/sheet1.xml") && why.contains("hỏng"), "{why}");
        assert!(load(&good, &Limits::default()).is_ok());
    }

    #[test]
    fn values_and_runs_read_the_same_whether_written_plainly_or_not() {
        // `plain_element` takes `<v>…</v>` and a run's text at once; any
        // other writing goes through quick-xml's events. Each value below
        // is written another way and must read the same.
        fn edit(text: String, from: &str, to: &str) -> String {
            assert!(text.contains(from), "{from} in {text}");
            text.replacen(from, to, 1)
        }
        let good = varied_book();
        let plain = load(&good, &Limits::default()).unwrap();
        let book = rewrite_part(&good, "xl/worksheets/sheet1.xml", |t| {
            let t = edit(t, "<v>1234567.5</v>", "<v>12345&#54;7.5</v>");
            let t = edit(t, "<v>0.1234</v>", "<v><![CDATA[0.1234]]></v>");
            edit(t, "<v>44927</v>", "<v>44927</v >")
        });
        let book = rewrite_part(&book, "xl/sharedStrings.xml", |t| {
            let t = edit(t, "Nội</t>", "N&#7897;i</t>");
            edit(t, "  khoảng trắng  </t>", "  khoảng\r\ntrắng  </t>")
        });
        let other = load(&book, &Limits::default()).unwrap();
        let (a, b) = (&plain.sheets[0], &other.sheets[0]);
        for (r, c) in [(2, 1), (2, 2), (2, 3), (3, 1), (4, 0)] {
            assert_eq!(a.raw(r, c), b.raw(r, c), "{}", crate::model::cell_ref(r, c));
        }
        assert_eq!(b.raw(2, 3), &Value::Number { v: 1234567.5, percent_format: false });
        assert_eq!(b.text(4, 0), "Hà Nội");
        assert_eq!(a.raw(6, 0), &Value::Text("  khoảng trắng  ".into()));
        assert_eq!(b.raw(6, 0), &Value::Text("  khoảng\ntrắng  ".into()), "a line end \\r\\n reads as \\n, as quick-xml gives it");
    }

    #[test]
    fn a_cell_reads_the_same_however_its_tag_is_written() {
        // `plain_cell` takes `<c …><v>…</v></c>` written plainly; any other
        // writing of the same cell goes through quick-xml's events.
        let good = varied_book();
        let xml = {
            let mut z = zip::ZipArchive::new(Cursor::new(&good[..])).unwrap();
            let mut t = String::new();
            z.by_name("xl/worksheets/sheet1.xml").unwrap().read_to_string(&mut t).unwrap();
            t
        };
        let at = xml.find("<c r=\"D3\"").unwrap();
        let cell = &xml[at..at + xml[at..].find("</c>").unwrap() + 4];
        let tag_end = cell.find('>').unwrap();
        let variants = [
            cell.replace('"', "'"),
            format!("{} >{}", cell[..tag_end].replacen("<c r=", "<c \n r=", 1), &cell[tag_end + 1..]),
            cell.replace("</c>", "</c >"),
            cell.replace("</v>", "</v> "),
            cell.replacen("<c ", "<x:c ", 1).replace("</c>", "</x:c>"),
            // A repeated name: the first stands.
            cell.replacen("<c r=\"D3\"", "<c r=\"D3\" r=\"F9\"", 1),
        ];
        for v in variants {
            let book = rewrite_part(&good, "xl/worksheets/sheet1.xml", |t| t.replacen(cell, &v, 1));
            let g = &load(&book, &Limits::default()).unwrap().sheets[0];
            assert_eq!(g.raw(2, 3), &Value::Number { v: 1234567.5, percent_format: false }, "{v}");
            assert_eq!(g.raw(8, 5), &Value::Empty, "{v}");
        }
        // A cell without a value, and an empty tag: nothing in D3, and the
        // next cell without a reference still goes to E3.
        for v in ["<c r=\"D3\" s=\"0\"></c><c><v>7</v></c>", "<c r=\"D3\" s=\"0\"/><c><v>7</v></c>"] {
            let book = rewrite_part(&good, "xl/worksheets/sheet1.xml", |t| t.replacen(cell, v, 1));
            let g = &load(&book, &Limits::default()).unwrap().sheets[0];
            assert_eq!((g.raw(2, 3), g.raw(2, 4)), (&Value::Empty, &Value::Number { v: 7.0, percent_format: false }), "{v}");
        }
    }

    #[test]
    fn shared_strings_read_the_same_however_written() {
        // `plain_si` takes `<si><t>…</t></si>`; the others go through
        // quick-xml's events and `rich_text`.
        let xml = concat!(
            "<?xml version=\"1.0\"?><sst><si><t> a_x000D_b </t></si><si><t xml:space=\"preserve\"> c </t></si>",
            "<si><r><t>d</t></r><r><t>e</t></r></si><si/><si><t>f&amp;g</t></si><si><t></t></si>",
            "<si><t>Hà\r\nNội</t></si><si><t>x</t><rPh><t>y</t></rPh></si><si><t>z</t></si ></sst>"
        );
        let got = shared_strings(xml, "s", &Limits::default()).unwrap();
        assert_eq!(got, ["a\rb", " c ", "de", "", "f&g", "", "Hà\nNội", "x", "z"]);
    }

    #[test]
    fn dates_of_a_workbook_counting_from_1904_are_moved_to_1900() {
        let book = rewrite_part(&varied_book(), "xl/workbook.xml", |text| {
            let start = text.find("<workbookPr").unwrap();
            let end = start + text[start..].find("/>").unwrap() + 2;
            format!("{}<workbookPr date1904=\"1\"/>{}", &text[..start], &text[end..])
        });
        let l = load(&book, &Limits::default()).unwrap();
        // Day 44927 counted from 1904 is day 44927 + 1462 counted from 1900.
        assert_eq!(l.sheets[0].raw(2, 2), &Value::Date(44927.0 + 1462.0));
        assert_eq!(l.sheets[0].text(2, 2), "02/01/2027", "2023-01-01 in the 1900 system, 1 462 days earlier");
    }

    #[test]
    fn a_repeated_attribute_keeps_its_first_value() {
        // "1234567.5" sits in D3; a repeated r="…" naming another cell, and
        // a repeated s="…", are left out, as quick-xml's own check did.
        let book = rewrite_part(&varied_book(), "xl/worksheets/sheet1.xml", |text| {
            let at = text.find("<c r=\"D3\"").unwrap();
            format!("{}<c r=\"D3\" r=\"F9\" s=\"0\"{}", &text[..at], &text[at + 9..])
        });
        let l = load(&book, &Limits::default()).unwrap();
        let g = &l.sheets[0];
        assert_eq!(g.raw(2, 3), &Value::Number { v: 1234567.5, percent_format: false });
        assert_eq!(g.raw(8, 5), &Value::Empty);
    }
}
