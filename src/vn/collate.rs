//! Vietnamese collation for sorted names: the alphabet a ă â b c d đ e ê g
//! h i k l m n o ô ơ p q r s t u ư v x y, compared letter by letter, case
//! ignored; then tones (ngang, huyền, hỏi, ngã, sắc, nặng) break ties, so
//! "Đà Nẵng" sorts after "Dương" and "Ăn" between "Anh" and "Âu".

use std::cmp::Ordering;
use unicode_normalization::UnicodeNormalization;

/// Rank of a base letter with its vowel-quality mark, or the code point
/// (shifted past the alphabet) for anything else.
fn letter_rank(base: char, breve: bool, circumflex: bool, horn: bool, stroke: bool) -> u32 {
    const ORDER: &str = "aăâbcdđeêghiklmnoôơpqrstuưvxy";
    let l = match (base, breve, circumflex, horn, stroke) {
        ('a', true, _, _, _) => 'ă',
        ('a', _, true, _, _) => 'â',
        ('e', _, true, _, _) => 'ê',
        ('o', _, true, _, _) => 'ô',
        ('o', _, _, true, _) => 'ơ',
        ('u', _, _, true, _) => 'ư',
        ('d', _, _, _, true) => 'đ',
        (c, ..) => c,
    };
    match ORDER.chars().position(|c| c == l) {
        Some(p) => 1000 + p as u32 * 10,
        None if l.is_ascii_digit() => 100 + l as u32,
        None => 10_000 + l as u32,
    }
}

/// The collation key: (primary letters, tones, original for a total order).
pub fn key(s: &str) -> (Vec<u32>, Vec<u8>, String) {
    let mut primary = Vec::new();
    let mut tones = Vec::new();
    let lower: String = s.to_lowercase();
    let mut chars = lower.nfd().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            primary.push(0);
            continue;
        }
        let (base, stroke) = match c {
            'đ' => ('d', true),
            _ => (c, false),
        };
        let (mut breve, mut circ, mut horn, mut tone) = (false, false, false, 0u8);
        while let Some(&m) = chars.peek() {
            match m {
                '\u{0306}' => breve = true,
                '\u{0302}' => circ = true,
                '\u{031B}' => horn = true,
                '\u{0300}' => tone = 1,
                '\u{0309}' => tone = 2,
                '\u{0303}' => tone = 3,
                '\u{0301}' => tone = 4,
                '\u{0323}' => tone = 5,
                _ if unicode_normalization::char::is_combining_mark(m) => {}
                _ => break,
            }
            chars.next();
        }
        primary.push(letter_rank(base, breve, circ, horn, stroke));
        tones.push(tone);
    }
    (primary, tones, s.to_string())
}

pub fn cmp(a: &str, b: &str) -> Ordering {
    key(a).cmp(&key(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn alphabet_order() {
        let mut v = vec!["Đà Nẵng", "Dương", "Âu", "Ăn", "Anh", "Bình", "an", "Ơn", "Ô", "Ong"];
        v.sort_by(|a, b| cmp(a, b));
        assert_eq!(v, vec!["an", "Anh", "Ăn", "Âu", "Bình", "Dương", "Đà Nẵng", "Ong", "Ô", "Ơn"]);
    }
    #[test]
    fn tones_break_ties_only() {
        let mut v = vec!["má", "ma", "mạ", "mà", "mả", "mã", "mai"];
        v.sort_by(|a, b| cmp(a, b));
        assert_eq!(v, vec!["ma", "mà", "mả", "mã", "má", "mạ", "mai"]);
        assert_eq!(cmp("Hoà Bình", "Hòa Bình"), "Hoà Bình".cmp("Hòa Bình"), "placement does not change the letters");
        assert_eq!(key("Hoà Bình").0, key("Hòa Bình").0);
    }
}
