//! Text typed with the legacy 8-bit fonts arrives in a workbook as Latin-1
//! mojibake until converted to Unicode (SPEC §4):
//! - TCVN3 (ABC; .VnTime, .VnArial …): "B¶o Th¾ng" = "Bảo Thắng";
//! - VNI-Windows (VNI-Times …): a base letter and one or two marks,
//!   "Haø Noäi" = "Hà Nội".
//!
//! A text is taken as TCVN3 only when it holds a character TCVN3 uses that
//! Unicode Vietnamese never does (µ ¸ ¶ ¨ © ® ª « ¬ …) and no character
//! that only Unicode Vietnamese has (ă ơ ư đ ạ …), so "Tây Ninh" typed in
//! Unicode is never touched.

/// TCVN3 (TCVN 5712:1993, VN3) code → Unicode, for the codes that differ
/// from Latin-1. The capitals of the accented vowels do not exist in VN3:
/// the ".VnTimeH" fonts draw the small codes as capitals.
const TABLE: &[(char, char)] = &[
    ('\u{a1}', 'Ă'),
    ('\u{a2}', 'Â'),
    ('\u{a3}', 'Ê'),
    ('\u{a4}', 'Ô'),
    ('\u{a5}', 'Ơ'),
    ('\u{a6}', 'Ư'),
    ('\u{a7}', 'Đ'),
    ('\u{a8}', 'ă'),
    ('\u{a9}', 'â'),
    ('\u{aa}', 'ê'),
    ('\u{ab}', 'ô'),
    ('\u{ac}', 'ơ'),
    ('\u{ad}', 'ư'),
    ('\u{ae}', 'đ'),
    ('\u{b5}', 'à'),
    ('\u{b6}', 'ả'),
    ('\u{b7}', 'ã'),
    ('\u{b8}', 'á'),
    ('\u{b9}', 'ạ'),
    ('\u{bb}', 'ằ'),
    ('\u{bc}', 'ẳ'),
    ('\u{bd}', 'ẵ'),
    ('\u{be}', 'ắ'),
    ('\u{c6}', 'ặ'),
    ('\u{c7}', 'ầ'),
    ('\u{c8}', 'ẩ'),
    ('\u{c9}', 'ẫ'),
    ('\u{ca}', 'ấ'),
    ('\u{cb}', 'ậ'),
    ('\u{cc}', 'è'),
    ('\u{ce}', 'ẻ'),
    ('\u{cf}', 'ẽ'),
    ('\u{d0}', 'é'),
    ('\u{d1}', 'ẹ'),
    ('\u{d2}', 'ề'),
    ('\u{d3}', 'ể'),
    ('\u{d4}', 'ễ'),
    ('\u{d5}', 'ế'),
    ('\u{d6}', 'ệ'),
    ('\u{d7}', 'ì'),
    ('\u{d8}', 'ỉ'),
    ('\u{dc}', 'ĩ'),
    ('\u{dd}', 'í'),
    ('\u{de}', 'ị'),
    ('\u{df}', 'ò'),
    ('\u{e1}', 'ỏ'),
    ('\u{e2}', 'õ'),
    ('\u{e3}', 'ó'),
    ('\u{e4}', 'ọ'),
    ('\u{e5}', 'ồ'),
    ('\u{e6}', 'ổ'),
    ('\u{e7}', 'ỗ'),
    ('\u{e8}', 'ố'),
    ('\u{e9}', 'ộ'),
    ('\u{ea}', 'ờ'),
    ('\u{eb}', 'ở'),
    ('\u{ec}', 'ỡ'),
    ('\u{ed}', 'ớ'),
    ('\u{ee}', 'ợ'),
    ('\u{ef}', 'ù'),
    ('\u{f1}', 'ủ'),
    ('\u{f2}', 'ũ'),
    ('\u{f3}', 'ú'),
    ('\u{f4}', 'ụ'),
    ('\u{f5}', 'ừ'),
    ('\u{f6}', 'ử'),
    ('\u{f7}', 'ữ'),
    ('\u{f8}', 'ứ'),
    ('\u{f9}', 'ự'),
    ('\u{fa}', 'ỳ'),
    ('\u{fb}', 'ỷ'),
    ('\u{fc}', 'ỹ'),
    ('\u{fd}', 'ý'),
    ('\u{fe}', 'ỵ'),
];

/// Latin-1 letters that Unicode Vietnamese itself uses.
fn latin1_vietnamese(c: char) -> bool {
    "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý".contains(c)
}

fn unicode_only_vietnamese(c: char) -> bool {
    matches!(
        c as u32,
        0x0102 | 0x0103 | 0x0110 | 0x0111 | 0x0128 | 0x0129 | 0x0168 | 0x0169 | 0x01A0 | 0x01A1 | 0x01AF | 0x01B0 | 0x1EA0..=0x1EF9
    )
}

/// Whether a text looks typed in TCVN3.
pub fn is_tcvn3(s: &str) -> bool {
    let mut marker = false;
    // No TCVN3 letter is ASCII.
    for c in s.chars().filter(|c| !c.is_ascii()) {
        if unicode_only_vietnamese(c) || (c as u32) > 0xff {
            return false;
        }
        if !latin1_vietnamese(c) && TABLE.iter().any(|(k, _)| *k == c) {
            marker = true;
        }
    }
    marker
}

/// Convert a TCVN3 text to Unicode (NFC). Words the ".VnTimeH" capital
/// fonts wrote are in capitals already and are kept so.
pub fn tcvn3_to_unicode(s: &str) -> String {
    let converted: String = s.chars().map(|c| TABLE.iter().find(|(k, _)| *k == c).map_or(c, |(_, u)| *u)).collect();
    // A text written entirely in a capital font: every plain letter is a
    // capital, so the accented letters must be too.
    let plain: Vec<char> = s.chars().filter(|c| c.is_ascii_alphabetic()).collect();
    if plain.len() >= 2 && plain.iter().all(|c| c.is_ascii_uppercase()) {
        converted.to_uppercase()
    } else {
        converted
    }
}

/// VNI-Windows: (typed, Unicode), capitals; small letters are the same
/// pairs in lower case. Longest sequences first.
const VNI: &[(&str, &str)] = &[
    ("AÙ", "Á"),
    ("AØ", "À"),
    ("AÛ", "Ả"),
    ("AÕ", "Ã"),
    ("AÏ", "Ạ"),
    ("AÁ", "Ấ"),
    ("AÀ", "Ầ"),
    ("AÅ", "Ẩ"),
    ("AÃ", "Ẫ"),
    ("AÄ", "Ậ"),
    ("AÂ", "Â"),
    ("AÉ", "Ắ"),
    ("AÈ", "Ằ"),
    ("AÚ", "Ẳ"),
    ("AÜ", "Ẵ"),
    ("AË", "Ặ"),
    ("AÊ", "Ă"),
    ("EÙ", "É"),
    ("EØ", "È"),
    ("EÛ", "Ẻ"),
    ("EÕ", "Ẽ"),
    ("EÏ", "Ẹ"),
    ("EÁ", "Ế"),
    ("EÀ", "Ề"),
    ("EÅ", "Ể"),
    ("EÃ", "Ễ"),
    ("EÄ", "Ệ"),
    ("EÂ", "Ê"),
    ("OÙ", "Ó"),
    ("OØ", "Ò"),
    ("OÛ", "Ỏ"),
    ("OÕ", "Õ"),
    ("OÏ", "Ọ"),
    ("OÁ", "Ố"),
    ("OÀ", "Ồ"),
    ("OÅ", "Ổ"),
    ("OÃ", "Ỗ"),
    ("OÄ", "Ộ"),
    ("OÂ", "Ô"),
    ("ÔÙ", "Ớ"),
    ("ÔØ", "Ờ"),
    ("ÔÛ", "Ở"),
    ("ÔÕ", "Ỡ"),
    ("ÔÏ", "Ợ"),
    ("Ô", "Ơ"),
    ("UÙ", "Ú"),
    ("UØ", "Ù"),
    ("UÛ", "Ủ"),
    ("UÕ", "Ũ"),
    ("UÏ", "Ụ"),
    ("ÖÙ", "Ứ"),
    ("ÖØ", "Ừ"),
    ("ÖÛ", "Ử"),
    ("ÖÕ", "Ữ"),
    ("ÖÏ", "Ự"),
    ("Ö", "Ư"),
    ("YÙ", "Ý"),
    ("YØ", "Ỳ"),
    ("YÛ", "Ỷ"),
    ("YÕ", "Ỹ"),
    ("Î", "Ỵ"),
    ("Í", "Í"),
    ("Ì", "Ì"),
    ("Æ", "Ỉ"),
    ("Ó", "Ĩ"),
    ("Ò", "Ị"),
    ("Ñ", "Đ"),
];

/// Marks VNI uses that Unicode Vietnamese never does.
fn vni_marker(c: char) -> bool {
    "øûïäåëüæñöØÛÏÄÅËÜÆÑÖÎî".contains(c)
}

/// Whether a text looks typed in VNI-Windows.
pub fn is_vni(s: &str) -> bool {
    let mut marker = false;
    // The marks VNI adds to ASCII letters are not ASCII.
    for c in s.chars().filter(|c| !c.is_ascii()) {
        if unicode_only_vietnamese(c) || (c as u32) > 0xff {
            return false;
        }
        marker |= vni_marker(c);
    }
    marker
}

/// Convert a VNI-Windows text to Unicode.
pub fn vni_to_unicode(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    'outer: while i < chars.len() {
        for (typed, uni) in VNI {
            for (t, u) in [(typed.to_string(), uni.to_string()), (typed.to_lowercase(), uni.to_lowercase())] {
                let t: Vec<char> = t.chars().collect();
                if chars[i..].starts_with(&t) {
                    out.push_str(&u);
                    i += t.len();
                    continue 'outer;
                }
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// How un-Vietnamese a converted text looks: Latin-1 letters Vietnamese
/// does not use, and syllables carrying more than one tone mark.
fn badness(s: &str) -> usize {
    use unicode_normalization::UnicodeNormalization;
    let mut bad = 0;
    for word in s.split(|c: char| !c.is_alphanumeric()) {
        let tones = word
            .chars()
            .filter(|c| c.to_string().nfd().any(|m| matches!(m, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')))
            .count();
        bad += tones.saturating_sub(1);
        bad += 2 * word.chars().filter(|c| (0x80..=0xff).contains(&(*c as u32)) && !latin1_vietnamese(*c)).count();
    }
    bad
}

/// A legacy-coded text converted, or `None` for ordinary Unicode text. When
/// both codes could apply, the reading that looks more Vietnamese wins.
pub fn to_unicode(s: &str) -> Option<String> {
    // Both legacy codes write Vietnamese letters with bytes above 0x7F.
    if s.is_ascii() {
        return None;
    }
    let t = is_tcvn3(s).then(|| tcvn3_to_unicode(s));
    let v = is_vni(s).then(|| vni_to_unicode(s));
    match (t, v) {
        (Some(t), Some(v)) => Some(if badness(&v) < badness(&t) { v } else { t }),
        (t, v) => t.or(v),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn converts_vni() {
        assert!(super::is_vni("Haø Noäi"));
        assert_eq!(super::vni_to_unicode("Haø Noäi"), "Hà Nội");
        assert_eq!(super::vni_to_unicode("BHXH tænh Thöøa Thieân Hueá"), "BHXH tỉnh Thừa Thiên Huế");
        assert_eq!(super::vni_to_unicode("ÑÔN VÒ"), "ĐƠN VỊ");
        assert_eq!(super::to_unicode("Tây Ninh"), None);
        assert_eq!(super::to_unicode("BHXH tænh Thöøa Thieân Hueá").as_deref(), Some("BHXH tỉnh Thừa Thiên Huế"));
        assert_eq!(super::to_unicode("BHXH tØnh Hµ Nam").as_deref(), Some("BHXH tỉnh Hà Nam"));
        assert_eq!(super::to_unicode("ViÖt Nam").as_deref(), Some("Việt Nam"));
    }
    use super::*;
    #[test]
    fn converts_tcvn3_and_leaves_unicode_alone() {
        assert!(is_tcvn3("B¶o Th¾ng"));
        assert_eq!(tcvn3_to_unicode("B¶o Th¾ng"), "Bảo Thắng");
        assert_eq!(tcvn3_to_unicode("M\u{ad}êng Kh\u{ad}¬ng"), "Mường Khương");
        assert_eq!(tcvn3_to_unicode("BHXH tØnh Hµ Nam"), "BHXH tỉnh Hà Nam");
        assert_eq!(tcvn3_to_unicode("§¬n vÞ"), "Đơn vị");
        assert_eq!(tcvn3_to_unicode("BHXH TØNH Hµ NAM"), "BHXH TỈNH HÀ NAM");
        for u in ["Tây Ninh", "Hà Nam", "Bình Định", "Thực hiện lũy kế", "Café"] {
            assert!(!is_tcvn3(u), "{u}");
        }
    }
}
