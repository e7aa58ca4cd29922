//! A flat token view of an XML part that keeps every byte of the source:
//! each token holds its raw text, so anything Word wrote (namespaces,
//! extensions, revision marks) is written back unchanged. quick-xml finds
//! the boundaries; a DOCTYPE is refused (no entity tricks).

use quick_xml::events::Event;
use quick_xml::Reader;

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// `<w:p …>`: raw text and the element's qualified name.
    Open {
        raw: String,
        name: String,
    },
    Close {
        raw: String,
        name: String,
    },
    /// `<w:br/>` and any self-closing element.
    Empty {
        raw: String,
        name: String,
    },
    /// Character data as written (still escaped).
    Text {
        raw: String,
    },
    /// Declarations, comments, processing instructions, CDATA.
    Other {
        raw: String,
    },
}

impl Tok {
    pub fn raw(&self) -> &str {
        match self {
            Tok::Open { raw, .. } | Tok::Close { raw, .. } | Tok::Empty { raw, .. } | Tok::Text { raw } | Tok::Other { raw } => raw,
        }
    }
}

pub fn tokenize(src: &str) -> Result<Vec<Tok>, String> {
    let mut r = Reader::from_str(src);
    r.config_mut().check_end_names = true;
    let mut out: Vec<Tok> = Vec::new();
    let mut pos = 0usize;
    loop {
        let ev = r.read_event().map_err(|e| format!("XML không hợp lệ tại byte {}: {e}", r.buffer_position()))?;
        let end = r.buffer_position() as usize;
        let raw = &src[pos..end];
        let name_of = |n: &str| n.to_string();
        match ev {
            Event::Eof => break,
            Event::DocType(_) => return Err("phần XML khai báo DOCTYPE (có thể là tấn công mở rộng thực thể XML); đã từ chối".into()),
            Event::Start(e) => out.push(Tok::Open { raw: raw.to_string(), name: name_of(e.name().as_ref()) }),
            Event::End(e) => out.push(Tok::Close { raw: raw.to_string(), name: name_of(e.name().as_ref()) }),
            Event::Empty(e) => out.push(Tok::Empty { raw: raw.to_string(), name: name_of(e.name().as_ref()) }),
            Event::Text(_) | Event::GeneralRef(_) => {
                if let Some(Tok::Text { raw: prev }) = out.last_mut() {
                    prev.push_str(raw);
                } else {
                    out.push(Tok::Text { raw: raw.to_string() });
                }
            }
            _ => out.push(Tok::Other { raw: raw.to_string() }),
        }
        pos = end;
    }
    Ok(out)
}

/// Decode the entities of character data.
pub fn unescape(raw: &str) -> String {
    if !raw.contains('&') {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after.find(';') {
            Some(j) if j <= 10 => {
                let ent = &after[..j];
                let ch = match ent {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ if ent.starts_with("#x") || ent.starts_with("#X") => u32::from_str_radix(&ent[2..], 16).ok().and_then(char::from_u32),
                    _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
                    _ => None,
                };
                match ch {
                    Some(c) => out.push(c),
                    None => {
                        out.push('&');
                        out.push_str(ent);
                        out.push(';');
                    }
                }
                rest = &after[j + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Escape text for character data; characters XML 1.0 forbids are dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// [`escape`] appended to `out`: the runs of characters that need nothing
/// are copied whole (most text of a dossier).
pub fn escape_into(out: &mut String, s: &str) {
    let b = s.as_bytes();
    let mut from = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        // '&', '<', '>', the control characters, and U+FFFE/U+FFFF (EF BF BE/BF).
        let special = match c {
            b'&' | b'<' | b'>' => true,
            b'\t' | b'\n' | b'\r' => false,
            0..=0x1f => true,
            0xef => b.get(i + 1) == Some(&0xbf) && matches!(b.get(i + 2), Some(0xbe | 0xbf)),
            _ => false,
        };
        if !special {
            i += 1;
            continue;
        }
        out.push_str(&s[from..i]);
        match c {
            b'&' => out.push_str("&amp;"),
            b'<' => out.push_str("&lt;"),
            b'>' => out.push_str("&gt;"),
            0xef => i += 2,
            _ => {}
        }
        i += 1;
        from = i;
    }
    out.push_str(&s[from..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    /// The same text as escaping character by character.
    #[test]
    fn escapes_as_char_by_char() {
        let slow = |s: &str| -> String {
            let mut out = String::new();
            for c in s.chars() {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '\t' | '\n' | '\r' => out.push(c),
                    c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
                    c => out.push(c),
                }
            }
            out
        };
        for s in [
            "",
            "Bảo hiểm xã hội",
            "A & B <c> \u{1}\u{1f}\t\n\r",
            "\u{FFFE}x\u{FFFF}y\u{FFFD}\u{EFBF}\u{FEFF}z&",
            "&&<<>>",
            "đạt 108,08\u{a0}% \u{7f}",
        ] {
            assert_eq!(escape(s), slow(s), "{s:?}");
        }
    }
    #[test]
    fn round_trip_is_exact() {
        let src = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="x"><w:body><w:p w:rsidR="00A1"><w:r><w:t xml:space="preserve">A &amp; B &#x1EA0; </w:t></w:r><w:r><w:br/></w:r></w:p></w:body></w:document>"#;
        let toks = tokenize(src).unwrap();
        let back: String = toks.iter().map(|t| t.raw()).collect();
        assert_eq!(back, src);
        assert!(toks.iter().any(|t| matches!(t, Tok::Text { raw } if unescape(raw) == "A & B Ạ ")));
    }
    #[test]
    fn doctype_refused() {
        assert!(tokenize("<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>").is_err());
    }
}
