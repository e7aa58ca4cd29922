//! Vietnamese text normalisation for matching names and headers.
//!
//! Workbooks arrive in NFC or NFD, with the tone mark on either vowel
//! ("Hoà" / "Hòa", "Thuỷ" / "Thủy"), in any case, with stray punctuation and
//! double spaces. `fold` maps all of these to one key, so that comparisons
//! never depend on how a keyboard typed the name (SPEC §2, §10).

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// NFC form of `s`.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// The five Vietnamese tone marks as combining characters, with a digit each.
fn tone_digit(c: char) -> Option<char> {
    match c {
        '\u{0300}' => Some('2'), // huyền
        '\u{0301}' => Some('1'), // sắc
        '\u{0303}' => Some('4'), // ngã
        '\u{0309}' => Some('3'), // hỏi
        '\u{0323}' => Some('5'), // nặng
        _ => None,
    }
}

/// Matching key: lower case, NFC, tone mark moved to the end of its syllable
/// (so both placements agree), punctuation turned into spaces, spaces
/// collapsed. Vowel-quality marks (â, ă, ê, ô, ơ, ư) and đ are kept.
///
/// `fold("BHXH tỉnh  Thừa Thiên - Huế;")` == `fold("bhxh tinh thua thien hue")`
/// does not hold (diacritics matter), but
/// `fold("Hoà Bình") == fold("Hòa Bình")` and NFD == NFC do.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut syllable = String::new();
    let mut tone: Option<char> = None;
    let flush = |out: &mut String, syl: &mut String, tone: &mut Option<char>| {
        if !syl.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            if syl.is_ascii() {
                out.push_str(syl);
            } else {
                out.extend(syl.nfc());
            }
            if let Some(t) = tone.take() {
                out.push(t);
            }
            syl.clear();
        }
        *tone = None;
    };
    let mut chars: Vec<char> = Vec::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            chars.push(c);
        } else {
            // Each vowel carries at most one quality mark besides its tone,
            // and tones are taken out below: per-character decomposition is
            // as good as NFD here, without its buffering.
            unicode_normalization::char::decompose_canonical(c, |d| chars.push(d));
        }
    }
    for c in chars {
        if let Some(d) = tone_digit(c) {
            tone = Some(d);
            continue;
        }
        if is_combining_mark(c) {
            syllable.push(c);
            continue;
        }
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                syllable.push(l);
            }
        } else if c == '%' {
            flush(&mut out, &mut syllable, &mut tone);
            if !out.is_empty() {
                out.push(' ');
            }
            out.push('%');
        } else {
            flush(&mut out, &mut syllable, &mut tone);
        }
    }
    flush(&mut out, &mut syllable, &mut tone);
    out
}

/// Key without any diacritics (đ → d), lower case, words separated by one
/// space. Used for suggestions and for names typed without accents.
pub fn ascii_fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    let mut push = |c: char, out: &mut String| {
        if is_combining_mark(c) {
            return;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            _ => c,
        };
        if c.is_alphanumeric() || c == '%' {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                for l in c.to_lowercase() {
                    out.push(l);
                }
            }
        } else {
            pending_space = true;
        }
    };
    // Character by character: the canonical decomposition of each (the
    // marks are dropped, so their order does not matter), with no buffering
    // for the ASCII that most header and name text is made of.
    for c in s.chars() {
        if c.is_ascii() {
            push(c, &mut out);
        } else {
            unicode_normalization::char::decompose_canonical(c, |d| push(d, &mut out));
        }
    }
    out
}

/// Trim, NFC, and collapse runs of whitespace (including non-breaking spaces
/// and line breaks) into one space. For values shown back to officers.
pub fn clean(s: &str) -> String {
    let n = nfc(s);
    let mut out = String::with_capacity(n.len());
    for w in n.split(|c: char| c.is_whitespace() || c == '\u{a0}') {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// A per-thread cache of a text function, for the header and unit names that
/// come back in every workbook.
pub type Memo<T> = std::cell::RefCell<rustc_hash::FxHashMap<String, T>>;

/// `f(s)` remembered in `cache` (bounded; long texts are not kept).
pub fn memoized<T: Clone + 'static>(cache: &'static std::thread::LocalKey<Memo<T>>, s: &str, f: impl FnOnce(&str) -> T) -> T {
    if s.len() > 200 {
        return f(s);
    }
    cache.with(|m| {
        let mut m = m.borrow_mut();
        if let Some(v) = m.get(s) {
            return v.clone();
        }
        if m.len() > 50_000 {
            m.clear();
        }
        let v = f(s);
        m.insert(s.to_string(), v.clone());
        v
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn tone_placement_and_nfd() {
        assert_eq!(fold("Hoà Bình"), fold("Hòa Bình"));
        assert_eq!(fold("Thuỷ"), fold("Thủy"));
        let nfd: String = "Thừa Thiên Huế".nfd().collect();
        assert_eq!(fold(&nfd), fold("Thừa Thiên Huế"));
        assert_ne!(fold("Hà Nam"), fold("Hà Năm"));
        assert_eq!(fold("  Kế hoạch\nnăm  (triệu đồng) "), fold("kế hoạch năm triệu đồng"));
        assert_eq!(fold("Tỷ lệ (%)"), "ty3 lê5 %");
    }
    #[test]
    fn ascii() {
        assert_eq!(ascii_fold("Đắk Lắk"), "dak lak");
        assert_eq!(ascii_fold("Thừa Thiên - Huế;"), "thua thien hue");
    }
    #[test]
    fn clean_spaces() {
        assert_eq!(clean(" a\u{a0}\u{a0}b\n c "), "a b c");
    }
}
