//! Matching names as typed in workbooks to units (SPEC §2): NFC or NFD,
//! either tone placement, any case, spacing and punctuation, with or without
//! the prefixes ("BHXH", "Bảo hiểm xã hội", "tỉnh", "thành phố", "TP.",
//! "huyện", "quận", "thị xã", "TX"), and the aliases of the registry.

use crate::vn::text::{ascii_fold, fold};
use std::sync::OnceLock;

/// A name reduced for matching: the words after the prefixes, and the
/// administrative type the prefixes named, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub words: String,
    pub ascii: String,
    pub kind: Option<&'static str>,
}

struct Prefixes {
    /// (folded words, type named or None for "BHXH")
    list: Vec<(Vec<String>, Option<&'static str>)>,
}

fn prefixes() -> &'static Prefixes {
    static P: OnceLock<Prefixes> = OnceLock::new();
    P.get_or_init(|| {
        let raw: &[(&str, Option<&'static str>)] = &[
            ("bảo hiểm xã hội", None),
            ("bhxh", None),
            ("thành phố", Some("thành phố")),
            ("tp", Some("thành phố")),
            ("tỉnh", Some("tỉnh")),
            ("huyện", Some("huyện")),
            ("quận", Some("quận")),
            ("thị xã", Some("thị xã")),
            ("tx", Some("thị xã")),
            // "BHXH H. Nông Cống", "Q. Ba Đình", "BHXH T. Hưng Yên": no
            // syllable is "h", "q" or "t" alone, so these are the type's
            // initial ("Q.1" is read below).
            ("h", Some("huyện")),
            ("t", Some("tỉnh")),
            ("q", Some("quận")),
        ];
        Prefixes { list: raw.iter().map(|(p, k)| (fold(p).split(' ').map(String::from).collect(), *k)).collect() }
    })
}

pub fn key(name: &str) -> Key {
    // Workbooks name the same units again and again: remember the keys.
    thread_local! {
        static SEEN: crate::vn::text::Memo<Key> = Default::default();
    }
    crate::vn::text::memoized(&SEEN, name, key_uncached)
}

fn key_uncached(name: &str) -> Key {
    let folded = fold(name);
    let mut words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let mut kind = None;
    'strip: loop {
        for (p, k) in &prefixes().list {
            if words.len() > p.len() && words[..p.len()].iter().zip(p).all(|(a, b)| a == b) {
                words.drain(..p.len());
                if k.is_some() {
                    kind = *k;
                }
                continue 'strip;
            }
        }
        break;
    }
    // "Quận 1" typed as "Q.1" or "Q1".
    if words.len() == 1 && words[0].len() > 1 && words[0].starts_with('q') && words[0][1..].chars().all(|c| c.is_ascii_digit()) {
        let n = words[0][1..].to_string();
        return Key { ascii: n.clone(), words: n, kind: Some("quận") };
    }
    if words.len() == 2 && words[0] == "q" && words[1].chars().all(|c| c.is_ascii_digit()) {
        let n = words[1].to_string();
        return Key { ascii: n.clone(), words: n, kind: Some("quận") };
    }
    // Tone digits (fold puts them at the end of a syllable) are dropped for
    // the accent-free key; numbers ("Quận 1") are kept.
    let ascii = words
        .iter()
        .map(|w| {
            let t = if w.chars().any(|c| c.is_alphabetic()) { w.trim_end_matches(|c: char| c.is_ascii_digit()) } else { w };
            ascii_fold(t)
        })
        .collect::<Vec<_>>()
        .join(" ");
    Key { ascii, words: words.join(" "), kind }
}

/// The accent-free key of a name whose prefixes were typed without their
/// marks ("BHXH tinh Ha Nam", "huyen Nong Cong"): `key` strips only the
/// prefixes as written with marks, since an unmarked "quan" or "tinh" may
/// begin a name ("Quan Ba", typed for "Quản Bạ"). Tried only when the name
/// as typed matched nothing; None when no such prefix was there.
pub fn ascii_without_prefixes(ascii: &str) -> Option<(String, Option<&'static str>)> {
    // The prefixes of `key`, without their marks ("tinh", "thanh pho").
    static UNMARKED: OnceLock<Vec<(Vec<String>, Option<&'static str>)>> = OnceLock::new();
    let unmarked = UNMARKED.get_or_init(|| {
        let bare = |w: &String| ascii_fold(w.trim_end_matches(|c: char| c.is_ascii_digit()));
        prefixes().list.iter().map(|(p, k)| (p.iter().map(bare).collect(), *k)).collect()
    });
    let mut words: Vec<&str> = ascii.split(' ').filter(|w| !w.is_empty()).collect();
    let (mut kind, mut stripped) = (None, false);
    'strip: loop {
        for (p, k) in unmarked {
            if words.len() > p.len() && words[..p.len()].iter().zip(p).all(|(a, b)| a == b) {
                words.drain(..p.len());
                stripped = true;
                if k.is_some() {
                    kind = *k;
                }
                continue 'strip;
            }
        }
        break;
    }
    stripped.then(|| (words.join(" "), kind))
}

/// Edit distance over characters, for suggestions.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let sub = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn prefixes_are_stripped() {
        assert_eq!(key("BHXH H. Nông Cống").words, key("BHXH huyện Nông Cống").words);
        assert_eq!(key("H. Nông Cống").kind, Some("huyện"));
        assert_eq!(key("BHXH T. Hưng Yên").words, key("BHXH tỉnh Hưng Yên").words);
        assert_eq!(key("T.Hưng Yên").kind, Some("tỉnh"));
        assert_eq!(key("Q. Ba Đình").words, key("quận Ba Đình").words);
        assert_eq!(key("Q.1").words, key("Quận 1").words);
        assert_eq!(key("Q 1").words, key("Quận 1").words);
        assert_eq!(key("BHXH tỉnh Hà Nam").words, key("Hà Nam").words);
        assert_eq!(key("Bảo hiểm xã hội TP. Hồ Chí Minh").words, key("hồ chí minh").words);
        assert_eq!(key("BHXH TX Kỳ Anh").kind, Some("thị xã"));
        assert_eq!(key("Q.1"), key("Quận 1"));
        assert_eq!(levenshtein("ha nam", "ha nammm"), 2);
    }
}
