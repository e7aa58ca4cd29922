//! Vietnamese number and date formatting for documents and messages:
//! 1.234.567; 111,16; 68,20 %; "Hà Nội, ngày 05 tháng 01 năm 2023".

use crate::model::Num;

/// Group the integer digits with `.` and use `,` for decimals:
/// `format_num(1234567.891, 2)` → "1.234.567,89".
pub fn format_num(v: &Num, places: u32) -> String {
    let s = v.to_decimal_string(places);
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) => (true, r.to_string()),
        None => (false, s),
    };
    let (int, frac) = match s.find('.') {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s.as_str(), None),
    };
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    let mut out = String::new();
    if neg && (int.bytes().any(|b| b != b'0') || frac.is_some_and(|f| f.bytes().any(|b| b != b'0'))) {
        out.push('-');
    }
    out.push_str(&grouped);
    if let Some(f) = frac {
        out.push(',');
        out.push_str(f);
    }
    out
}

/// An integer-or-decimal figure: no decimals when whole, else up to 2.
pub fn format_figure(v: &Num) -> String {
    if v.0.is_integer() {
        format_num(v, 0)
    } else {
        format_num(v, 2)
    }
}

/// A rate given as a fraction, shown as a percentage with two decimals:
/// 0.682 → "68,20 %".
pub fn format_percent(rate: &Num) -> String {
    format!("{} %", format_num(&hundredfold(rate), 2))
}

/// `rate` × 100 to be printed: the numerator scaled, the fraction left
/// unreduced (printing rounds the exact value, whatever its form). Ratio's
/// own product reduces through i128 gcds, which were most of the time a
/// national dossier spent formatting its 1 700 percentages.
fn hundredfold(rate: &Num) -> Num {
    match rate.0.numer().checked_mul(100) {
        Some(n) => Num(num_rational::Ratio::new_raw(n, *rate.0.denom())),
        None => rate.checked_mul(Num::int(100)).unwrap_or(*rate),
    }
}

/// A percentage threshold without superfluous zeros: 0.715 → "71,5 %", 0.45 → "45 %".
pub fn format_percent_short(rate: &Num) -> String {
    let p = hundredfold(rate);
    let s = format_num(&p, 2);
    let s = if s.contains(',') { s.trim_end_matches('0').trim_end_matches(',').to_string() } else { s };
    format!("{s} %")
}

/// Day and month per Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.4: a day
/// below 10 and the months 1 and 2 take a leading zero.
pub fn date_parts(day: u32, month: u32) -> (String, String) {
    let d = if day < 10 { format!("{day:02}") } else { day.to_string() };
    let m = if month <= 2 { format!("{month:02}") } else { month.to_string() };
    (d, m)
}

/// "ngày 05 tháng 01 năm 2023".
pub fn date_words(day: u32, month: u32, year: i32) -> String {
    let (d, m) = date_parts(day, month);
    format!("ngày {d} tháng {m} năm {year}")
}

/// "Hà Nội, ngày 05 tháng 01 năm 2023".
pub fn date_line(place: &str, day: u32, month: u32, year: i32) -> String {
    place_and_date(place, &date_words(day, month, year))
}

/// The date line of a document's header (Nghị định 30/2020, Phụ lục I,
/// mục I.4): the place, a comma, then the date with no-break spaces. A long
/// place ("Thành phố Hồ Chí Minh, ngày 16 tháng 01 năm 2023" is wider than
/// the header's right column) then breaks the line after its comma, the
/// date whole on the second line, never "… tháng 01" / "năm 2023".
pub fn place_and_date(place: &str, date: &str) -> String {
    format!("{place}, {}", date.replace(' ', "\u{a0}"))
}

/// No-break space (U+00A0), which a word processor never breaks a line at.
pub const NBSP: char = '\u{a0}';

/// Binds with no-break spaces what a line must never separate (Nghị định
/// 30/2020, Phụ lục I: a figure stays with its unit): "68,20 %", "Quý III/2022",
/// "số III", "Cụm thi đua cấp huyện số 1", "Khối 5". Applied to every value
/// the document engine inserts, so no line of a dossier starts with "%" and no
/// period or cluster number is cut from its word, whatever the data's length.
pub fn bind_spaces(s: &str) -> std::borrow::Cow<'_, str> {
    use std::sync::OnceLock;
    static WORD: OnceLock<regex::Regex> = OnceLock::new();
    let word = WORD.get_or_init(|| regex::Regex::new(&format!(r"\b((?i:{BOUND_WORDS}))[ \t]+([IVXLC]+\b|\d|…)")).unwrap());
    if !s.contains(' ') && !s.contains('\t') {
        return std::borrow::Cow::Borrowed(s);
    }
    // The word pattern is slow on Vietnamese text (a Unicode word boundary
    // leaves the regex crate's fast engine), and most values match neither
    // rule: the matches are found by hand, the pattern run only on a text
    // where a character's class is not known here for certain.
    let a = bind_viet_nam(bind_points(bind_percent(s)));
    match bound_runs(&a) {
        Some(runs) if runs.is_empty() => a,
        Some(runs) => {
            let mut out = String::with_capacity(a.len() + runs.len());
            let mut last = 0;
            for (start, end) in runs {
                out.push_str(&a[last..start]);
                out.push(NBSP);
                last = end;
            }
            out.push_str(&a[last..]);
            std::borrow::Cow::Owned(out)
        }
        None => match word.replace_all(&a, "${1}\u{a0}${2}") {
            std::borrow::Cow::Borrowed(_) => a,
            std::borrow::Cow::Owned(o) => std::borrow::Cow::Owned(o),
        },
    }
}

/// Only what a cell of a spreadsheet must bind: a figure and its "%" or
/// "điểm" (a wrapped cell never starts a line with "%"). Names keep their
/// plain spaces there, so that an officer filtering a column by "Khối thi
/// đua số II" typed with a space finds it.
pub fn bind_figures(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(' ') && !s.contains('\t') {
        return std::borrow::Cow::Borrowed(s);
    }
    bind_points(bind_percent(s))
}

/// "Việt Nam" kept on one line ("… TỔNG GIÁM ĐỐC BHXH VIỆT" / "NAM" in a
/// centred title read as a slip).
fn bind_viet_nam(s: std::borrow::Cow<'_, str>) -> std::borrow::Cow<'_, str> {
    if !s.contains("Việt Nam") && !s.contains("VIỆT NAM") {
        return s;
    }
    std::borrow::Cow::Owned(s.replace("Việt Nam", "Việt\u{a0}Nam").replace("VIỆT NAM", "VIỆT\u{a0}NAM"))
}

/// Each run of spaces and tabs right before "%" replaced by one no-break
/// space (the pattern `[ \t]+%`).
fn bind_percent(s: &str) -> std::borrow::Cow<'_, str> {
    let b = s.as_bytes();
    if !b.contains(&b'%') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::new();
    let mut last = 0;
    for (i, _) in s.match_indices('%') {
        let run = b[..i].iter().rev().take_while(|&&c| c == b' ' || c == b'\t').count();
        if run > 0 {
            out.push_str(&s[last..i - run]);
            out.push(NBSP);
            last = i;
        }
    }
    if last == 0 {
        return std::borrow::Cow::Borrowed(s);
    }
    out.push_str(&s[last..]);
    std::borrow::Cow::Owned(out)
}

/// A figure and the word "điểm" after it ("93,75 điểm") bound by a no-break
/// space, as a figure and its "%": a line never starts with "điểm".
fn bind_points(s: std::borrow::Cow<'_, str>) -> std::borrow::Cow<'_, str> {
    const WORD: &str = "điểm";
    if !s.contains(WORD) {
        return s;
    }
    let b = s.as_bytes();
    let mut out = String::new();
    let mut last = 0;
    for (i, _) in s.match_indices(WORD) {
        let run = b[..i].iter().rev().take_while(|&&c| c == b' ' || c == b'\t').count();
        if run > 0 && i > run && b[i - run - 1].is_ascii_digit() {
            out.push_str(&s[last..i - run]);
            out.push(NBSP);
            last = i;
        }
    }
    if last == 0 {
        return s;
    }
    out.push_str(&s[last..]);
    std::borrow::Cow::Owned(out)
}

/// The words `bind_spaces` binds to the numeral after them.
const BOUND_WORDS: &str = "quý|số|khối|cụm|tháng|ngày|năm";

/// The space and tab runs the word pattern of `bind_spaces` replaces, in
/// order: those after a whole bound word (in any letter case) and before a
/// Roman numeral that ends a word, a decimal digit, or "…". None when a
/// character the answer depends on is of a class not known here for
/// certain (the pattern decides then).
fn bound_runs(s: &str) -> Option<Vec<(usize, usize)>> {
    let b = s.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    // The cheapest test first, on each byte: a run of spaces and tabs
    // follows a byte that can end a bound word (i, m, g, y in either case;
    // ý, Ý end in BD, 9D; ố, Ố in 91, 90). Such a byte is no space, so the
    // run found after it is a whole run, as scanning run by run finds it.
    while i + 1 < b.len() {
        if !(ENDS_BOUND[usize::from(b[i])] && (b[i + 1] == b' ' || b[i + 1] == b'\t')) {
            i += 1;
            continue;
        }
        let start = i + 1;
        let mut end = start;
        while end < b.len() && (b[end] == b' ' || b[end] == b'\t') {
            end += 1;
        }
        i = end;
        let Some(next) = s[end..].chars().next() else { break };
        // Then the last letter of a bound word before the run, something
        // like a numeral after it.
        let ends_like =
            s[..start].chars().next_back().is_some_and(|c| BOUND_LETTERS.iter().any(|w| w.last().is_some_and(|&l| same_letter(c, l))));
        if !ends_like || !(matches!(next, 'I' | 'V' | 'X' | 'L' | 'C' | '…') || next.is_numeric()) || !after_bound_word(&s[..start])? {
            continue;
        }
        let numeral = match next {
            'I' | 'V' | 'X' | 'L' | 'C' => {
                let rest = &s[end..];
                let after = rest.trim_start_matches(['I', 'V', 'X', 'L', 'C']).chars().next();
                // [IVXLC]+\b: the run of letters ends a word.
                match after {
                    None => true,
                    Some(c) => !is_word(c)?,
                }
            }
            '…' => true,
            c => is_decimal_digit(c)?,
        };
        if numeral {
            runs.push((start, end));
        }
    }
    Some(runs)
}

/// The last bytes of the bound words in UTF-8, in either letter case.
const ENDS_BOUND: [bool; 256] = {
    let mut t = [false; 256];
    let ends = [b'i', b'I', b'm', b'M', b'g', b'G', b'y', b'Y', 0xbd, 0x9d, 0x91, 0x90];
    let mut k = 0;
    while k < ends.len() {
        t[ends[k] as usize] = true;
        k += 1;
    }
    t
};

/// The bound words' letters, each with its capital, for matching by hand
/// (the same words as `BOUND_WORDS`, tested).
const BOUND_LETTERS: [&[(char, char)]; 7] = [
    &[('q', 'Q'), ('u', 'U'), ('ý', 'Ý')],
    &[('s', 'S'), ('ố', 'Ố')],
    &[('k', 'K'), ('h', 'H'), ('ố', 'Ố'), ('i', 'I')],
    &[('c', 'C'), ('ụ', 'Ụ'), ('m', 'M')],
    &[('t', 'T'), ('h', 'H'), ('á', 'Á'), ('n', 'N'), ('g', 'G')],
    &[('n', 'N'), ('g', 'G'), ('à', 'À'), ('y', 'Y')],
    &[('n', 'N'), ('ă', 'Ă'), ('m', 'M')],
];

/// Whether `s` ends with a whole bound word (a word boundary before it),
/// letter case aside; None when the character before it is of an unknown
/// class.
fn after_bound_word(s: &str) -> Option<bool> {
    for w in BOUND_LETTERS {
        let mut tail = s.chars().rev();
        if w.iter().rev().all(|&l| tail.next().is_some_and(|c| same_letter(c, l))) {
            return match tail.next() {
                None => Some(true),
                Some(c) => is_word(c).map(|w| !w),
            };
        }
    }
    Some(false)
}

/// Whether `c` is the bound words' letter `(small, capital)` to a
/// case-insensitive match: either form, and for k and s the Kelvin sign and
/// the long s, which simple case folding also takes.
fn same_letter(c: char, (small, capital): (char, char)) -> bool {
    c == small || c == capital || (small == 'k' && c == '\u{212a}') || (small == 's' && c == 'ſ')
}

/// Whether `c` is a word character of the regex crate's Unicode `\w`
/// (alphabetic, marks, decimal digits, connector punctuation, joiners);
/// None for a character outside ASCII that is neither alphabetic nor a
/// space or punctuation mark known here.
fn is_word(c: char) -> Option<bool> {
    if c.is_ascii() {
        Some(c.is_ascii_alphanumeric() || c == '_')
    } else if c.is_alphabetic() {
        Some(true)
    } else if c == NBSP || ('\u{2010}'..='\u{2027}').contains(&c) || matches!(c, '«' | '»' | '–' | '—' | '…' | '“' | '”') {
        Some(false)
    } else {
        None
    }
}

/// Whether `c` is a decimal digit (`\d`, Unicode Nd): certain for ASCII and
/// for characters that are not numeric at all.
fn is_decimal_digit(c: char) -> Option<bool> {
    if c.is_ascii_digit() {
        Some(true)
    } else if c.is_ascii() || !c.is_numeric() {
        Some(false)
    } else {
        None
    }
}

/// Width of a capital-letter line in Times New Roman bold, in ems: the
/// font's advance widths (per 1000 em) of each base letter.
fn caps_width(s: &str) -> f64 {
    caps_units(s) as f64 / 1000.0
}

/// [`caps_width`] in thousandths of an em, a whole number: a line's is the
/// sum of its words' and its spaces' (a space, a starter, keeps each word's
/// decomposition to itself).
///
/// The sum is the same whatever the order of the letters, so each
/// character is decomposed on its own (the decomposition of a text is its
/// characters' decompositions, marks reordered) and an ASCII one not at all.
fn caps_units(s: &str) -> u32 {
    let mut sum = 0;
    for c in s.chars() {
        if c.is_ascii() {
            sum += caps_unit(c);
        } else {
            unicode_normalization::char::decompose_canonical(c, |d| sum += caps_unit(d));
        }
    }
    sum
}

/// One decomposed character's width: a combining mark (U+0300–U+036F)
/// none, a base letter its capital's.
fn caps_unit(c: char) -> u32 {
    if ('\u{300}'..='\u{36f}').contains(&c) {
        return 0;
    }
    match c.to_ascii_uppercase() {
        ' ' | '\u{a0}' => 250,
        'I' => 389,
        'J' | '0'..='9' => 500,
        'S' => 556,
        'F' | 'P' => 611,
        'B' | 'E' | 'L' | 'T' | 'Z' => 667,
        'G' | 'H' | 'K' | 'O' | 'Q' => 778,
        'M' => 944,
        'W' => 1000,
        '-' | '(' | ')' | '.' | ',' | ':' => 333,
        'Đ' | 'đ' => 722,
        _ => 722,
    }
}

/// Width in ems of words `a..b` joined by single spaces, from each word's
/// [`caps_units`]: the same as `caps_width` of the joined line, without
/// decomposing the line again for every break tried.
fn words_width(units: &[u32], a: usize, b: usize) -> f64 {
    (units[a..b].iter().sum::<u32>() + 250 * (b - a).saturating_sub(1) as u32) as f64 / 1000.0
}

/// The default templates' header column: 74 mm less the cell margins, for
/// 13 pt bold capitals, in ems, with a little to spare.
pub const HEADER_EMS: f64 = 15.2;

/// An issuing body's name set on lines for the header column (Nghị định
/// 30/2020, Phụ lục I, ô số 2), the way offices set it: one line when it fits
/// `ems` (the column's width over the font size), else broken before the
/// place ("BẢO HIỂM XÃ HỘI / TỈNH YÊN BÁI"), before a new body ("HỘI ĐỒNG THI
/// ĐUA - KHEN THƯỞNG / BHXH TỈNH THANH HÓA") or after a dash, never inside a
/// proper name, a level ("CẤP TỈNH") or a number ("SỐ III").
pub fn header_lines(name: &str, ems: f64) -> String {
    // Every document of a run sets the same few agency names, and measuring
    // one decomposes it letter by letter: each thread keeps its answers.
    thread_local! {
        static MEMO: std::cell::RefCell<Vec<(String, u64, String)>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let hit = MEMO.with(|m| m.borrow().iter().find(|(n, e, _)| n == name && *e == ems.to_bits()).map(|(_, _, out)| out.clone()));
    if let Some(out) = hit {
        return out;
    }
    let out = header_lines_uncached(name, ems);
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() < 256 {
            m.push((name.to_string(), ems.to_bits(), out.clone()));
        }
    });
    out
}

fn header_lines_uncached(name: &str, ems: f64) -> String {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if caps_width(&name) <= ems || name.contains('\n') {
        return name;
    }
    let words: Vec<&str> = name.split(' ').collect();
    // Classified without an opening parenthesis: "(BHXH TỈNH …)" starts a body.
    let up = |w: &str| w.trim_start_matches('(').to_uppercase();
    let level = ["TỈNH", "THÀNH", "HUYỆN", "QUẬN", "THỊ", "TP."];
    let body = ["BHXH", "BẢO", "HỘI", "CỤM", "KHỐI", "VỤ", "BAN", "TRUNG", "VĂN", "PHÒNG"];
    // (position, preference): a break before words[i]; lower is better.
    let mut breaks: Vec<(usize, u32)> = Vec::new();
    let mut in_place = false;
    for i in 1..words.len() {
        let (prev, w) = (up(words[i - 1]), up(words[i]));
        if in_place {
            // Inside a place name ("YÊN BÁI", "HỒ CHÍ MINH"): never.
            if body.contains(&w.as_str()) {
                in_place = false;
            } else {
                continue;
            }
        }
        let is_level = level.contains(&w.as_str()) && prev != "CẤP" && !(prev == "THÀNH" || prev == "THỊ");
        if prev == "SỐ" || prev == "CẤP" || (w == "PHỐ" && prev == "THÀNH") || (w == "XÃ" && prev == "THỊ") {
            continue;
        }
        if is_level {
            breaks.push((i, 0));
            in_place = true;
        } else if body.contains(&w.as_str()) {
            breaks.push((i, 0));
        } else if prev == "-" || prev.ends_with('-') {
            breaks.push((i, 1));
        } else if w == "SỐ" {
            breaks.push((i, 2));
        } else if w != "-" {
            breaks.push((i, 3));
        }
        if level.contains(&w.as_str()) && prev != "CẤP" {
            in_place = true;
        }
    }
    let line = |a: usize, b: usize| words[a..b].join(" ");
    let units: Vec<u32> = words.iter().map(|w| caps_units(w)).collect();
    let best = breaks
        .iter()
        .map(|&(i, pref)| {
            let widest = words_width(&units, 0, i).max(words_width(&units, i, words.len()));
            // A break that makes both lines fit wins; then the preferred kind; then balance.
            ((widest > ems) as u32, pref, (widest * 100.0) as u64, i)
        })
        .min();
    match best {
        Some((_, _, _, i)) => {
            let rest = header_lines(&line(i, words.len()), ems);
            format!("{}\n{rest}", line(0, i))
        }
        None => name,
    }
}

/// A count of collectives, persons or awards as administrative documents
/// write it, in two digits like the quotas beside it: "01 tập thể",
/// "05 cá nhân", "03 tập thể" (a larger count as it is: "120"; none as
/// "0", not "00").
pub fn count(n: usize) -> String {
    if n == 0 {
        "0".into()
    } else {
        format!("{n:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn numbers() {
        assert_eq!(
            (count(0), count(1), count(5), count(12), count(120)),
            ("0".into(), "01".into(), "05".into(), "12".into(), "120".into())
        );
        assert_eq!(format_num(&Num::int(1234567), 0), "1.234.567");
        assert_eq!(format_num(&Num::frac(11116, 100), 2), "111,16");
        assert_eq!(format_num(&Num::int(-1000), 0), "-1.000");
        assert_eq!(format_num(&Num::int(999), 0), "999");
        assert_eq!(format_percent(&Num::frac(682, 1000)), "68,20 %");
        assert_eq!(format_percent_short(&Num::frac(715, 1000)), "71,5 %");
        assert_eq!(format_percent_short(&Num::frac(45, 100)), "45 %");
    }
    /// Each character decomposed on its own gives the width the whole
    /// text's decomposition gave, whatever the marks and their order.
    #[test]
    fn caps_units_as_by_the_texts_decomposition() {
        use unicode_normalization::UnicodeNormalization;
        let slow = |s: &str| -> u32 { s.nfd().map(caps_unit).sum() };
        for s in [
            "",
            "BẢO HIỂM XÃ HỘI THÀNH PHỐ HỒ CHÍ MINH",
            "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG BHXH TỈNH THANH HÓA",
            "Cụm thi đua cấp huyện số 1 (BHXH tỉnh Đắk Lắk)\u{a0}Quý III/2022",
            "VU\u{301} THI ĐUA, HOA\u{300}\u{323} ̣x: Mường Tè; ﬁ Å Ω 한국 ½ ①",
            "Thủy Thuỷ Hòa Hoà Khỏe Khoẻ ơ ư Ơ Ư đ Đ",
        ] {
            assert_eq!(caps_units(s), slow(s), "{s}");
        }
    }
    /// A line's width summed from its words' is the width of the line.
    #[test]
    fn words_width_is_the_lines_width() {
        for name in [
            "BẢO HIỂM XÃ HỘI THÀNH PHỐ HỒ CHÍ MINH",
            "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG BHXH TỈNH THANH HÓA",
            "CỤM THI ĐUA CẤP HUYỆN SỐ III (BHXH TỈNH ĐẮK LẮK)",
            "Ban Thu - Sổ, thẻ ỦY BAN Nhân dân huyện Mường Tè",
            "VU\u{301} THI ĐUA - KHEN THƯỞNG",
        ] {
            let words: Vec<&str> = name.split(' ').collect();
            let units: Vec<u32> = words.iter().map(|w| caps_units(w)).collect();
            for a in 0..words.len() {
                for b in a + 1..=words.len() {
                    assert_eq!(words_width(&units, a, b), caps_width(&words[a..b].join(" ")), "{name} {a}..{b}");
                }
            }
        }
    }
    /// Percentages print as from the reduced product, rounding halves
    /// away from zero, for negative rates and numerators near the limit.
    #[test]
    fn hundredfold_prints_as_the_reduced_product() {
        let rates = [
            Num::frac(682, 1000),
            Num::frac(2, 3),
            Num::frac(1, 8),
            Num::frac(-1, 8),
            Num::frac(-2, 3),
            Num::frac(1, 80_000),
            Num::frac(7, 7),
            Num::int(0),
            Num::int(123_456),
            Num::frac(i64::MAX, 7),
            Num::frac(-i64::MAX, 9),
        ];
        for r in rates {
            let reduced = r.checked_mul(Num::int(100)).unwrap_or(r);
            assert_eq!(format_percent(&r), format!("{} %", format_num(&reduced, 2)), "{r:?}");
            assert_eq!(format_percent_short(&r), format_percent_short_reduced(&reduced), "{r:?}");
        }
        assert_eq!(format_percent(&Num::frac(1, 8)), "12,50 %");
        assert_eq!(format_percent(&Num::frac(-2, 3)), "-66,67 %");
        // Numerators past the limit once scaled: the same value as the
        // reduced product (too large to print either way).
        let big = i128::MAX / 150;
        for r in [
            Num(num_rational::Ratio::new(big, 7)),
            Num(num_rational::Ratio::new(-big, 9)),
            Num(num_rational::Ratio::new(i128::MAX / 3, 1_000_003)),
        ] {
            assert_eq!(hundredfold(&r).0, r.checked_mul(Num::int(100)).unwrap_or(r).0, "{r:?}");
        }
    }
    /// `format_percent_short` as it was: from the reduced product.
    fn format_percent_short_reduced(p: &Num) -> String {
        let s = format_num(p, 2);
        let s = if s.contains(',') { s.trim_end_matches('0').trim_end_matches(',').to_string() } else { s };
        format!("{s} %")
    }
    #[test]
    fn bound_spaces() {
        assert_eq!(bind_spaces("đạt 108,08 % kế hoạch"), "đạt 108,08\u{a0}% kế hoạch");
        assert_eq!(bind_spaces("(93,75 điểm; 5 điểm)"), "(93,75\u{a0}điểm; 5\u{a0}điểm)");
        assert_eq!(bind_spaces("tổng điểm cao"), "tổng điểm cao");
        assert_eq!(bind_spaces("Quý III/2022 của Cụm thi đua cấp tỉnh số III"), "Quý\u{a0}III/2022 của Cụm thi đua cấp tỉnh số\u{a0}III");
        assert_eq!(bind_spaces("CỤM THI ĐUA CẤP HUYỆN SỐ 1"), "CỤM THI ĐUA CẤP HUYỆN SỐ\u{a0}1");
        assert_eq!(bind_spaces("ngày 05 tháng 10 năm 2022"), "ngày\u{a0}05 tháng\u{a0}10 năm\u{a0}2022");
        // Words that merely start like a bound word, and Roman-looking words, stay free.
        assert_eq!(bind_spaces("số lượng tối đa"), "số lượng tối đa");
        assert_eq!(bind_spaces("năm Cũ, số Lượng"), "năm Cũ, số Lượng");
        assert_eq!(bind_spaces("Khối Vụ"), "Khối Vụ");
        // What only the slow pattern could tell: a Unicode digit, "…", tabs.
        assert_eq!(bind_spaces("số \u{663}"), "số\u{a0}\u{663}");
        assert_eq!(bind_spaces("Quý \t…"), "Quý\u{a0}…");
        assert_eq!(bind_spaces("số\tIV và 5\t%"), "số\u{a0}IV và 5\u{a0}%");
        assert_eq!(bind_spaces("Cụm thi đua, khối cơ quan"), "Cụm thi đua, khối cơ quan");
        // Letters the case-insensitive pattern takes that lower-casing alone
        // would not: the long s, the Kelvin sign.
        assert_eq!(bind_spaces("ſố 1 và \u{212a}hối II"), "ſố\u{a0}1 và \u{212a}hối\u{a0}II");
    }
    #[test]
    fn bound_letters_spell_the_bound_words() {
        // bound_runs' first test: the last byte of every form of every last letter.
        for w in BOUND_LETTERS {
            let (s, c) = w[w.len() - 1];
            for l in [s, c] {
                let mut buf = [0; 4];
                let last = *l.encode_utf8(&mut buf).as_bytes().last().unwrap();
                assert!(matches!(last, b'i' | b'I' | b'm' | b'M' | b'g' | b'G' | b'y' | b'Y' | 0xbd | 0x9d | 0x91 | 0x90), "{l}");
            }
        }
        let words: Vec<&str> = BOUND_WORDS.split('|').collect();
        assert_eq!(words.len(), BOUND_LETTERS.len());
        for (w, letters) in words.iter().zip(BOUND_LETTERS) {
            let small: String = letters.iter().map(|l| l.0).collect();
            assert_eq!(&small, w);
            for (s, c) in letters {
                assert_eq!(s.to_uppercase().collect::<String>(), c.to_string());
            }
        }
    }
    /// The prefilter never hides a match: on texts built from the bound
    /// words in every letter case, spaces, tabs, numerals and other words,
    /// the result is the pattern's own.
    #[test]
    fn bound_spaces_as_the_pattern_alone() {
        let word = regex::Regex::new(&format!(r"\b((?i:{BOUND_WORDS}))[ \t]+([IVXLC]+\b|\d|…)")).unwrap();
        let pct = regex::Regex::new(r"[ \t]+%").unwrap();
        let pieces = [
            "quý",
            "QUÝ",
            "Quý",
            "số",
            "SỐ",
            "Số",
            "khối",
            "KHỐI",
            "cụm",
            "CỤM",
            "Tháng",
            "NGÀY",
            "năm",
            "NĂM",
            "xsố",
            "sốx",
            "ſố",
            "\u{212a}hối",
            " ",
            "  ",
            "\t",
            " \t ",
            "1",
            "\u{663}",
            "IV",
            "III/2022",
            "XIa",
            "C",
            "…",
            "%",
            "đạt",
            ",",
            "(",
            "_",
            "\u{a0}",
            "\u{2163}",
            "\u{301}",
            "“",
            "-",
            "Xđ",
            "IVđ",
            "I\u{301}",
            "\u{bd}",
            "ı",
            "İ",
            "khốİ",
            "khốı",
            "KHỐI",
            "\u{200d}",
            "K",
            "k",
            "ſ",
        ];
        let mut seed = 12345u64;
        for _ in 0..50_000 {
            let mut s = String::new();
            for _ in 0..(seed % 9 + 1) {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                s.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let a = pct.replace_all(&s, "\u{a0}%");
            let want = word.replace_all(&a, "${1}\u{a0}${2}");
            assert_eq!(bind_spaces(&s), want, "{s:?}");
        }
    }
    #[test]
    fn header_column() {
        let h = |s: &str| header_lines(s, 15.5);
        assert_eq!(h("VỤ THI ĐUA - KHEN THƯỞNG"), "VỤ THI ĐUA - KHEN THƯỞNG");
        assert_eq!(h("BẢO HIỂM XÃ HỘI TỈNH YÊN BÁI"), "BẢO HIỂM XÃ HỘI\nTỈNH YÊN BÁI");
        assert_eq!(h("BẢO HIỂM XÃ HỘI THÀNH PHỐ HỒ CHÍ MINH"), "BẢO HIỂM XÃ HỘI\nTHÀNH PHỐ HỒ CHÍ MINH");
        assert_eq!(h("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG BHXH TỈNH THANH HÓA"), "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG\nBHXH TỈNH THANH HÓA");
        assert_eq!(h("CỤM THI ĐUA CẤP HUYỆN SỐ 1 TỈNH THANH HÓA"), "CỤM THI ĐUA CẤP HUYỆN SỐ 1\nTỈNH THANH HÓA");
        assert_eq!(h("CỤM THI ĐUA CẤP HUYỆN SỐ 1 (BHXH TỈNH BÌNH DƯƠNG)"), "CỤM THI ĐUA CẤP HUYỆN SỐ 1\n(BHXH TỈNH BÌNH DƯƠNG)");
        let c = h("CỤM THI ĐUA CẤP TỈNH SỐ III");
        assert!(!c.contains("SỐ\n") && !c.contains("CẤP\n") && !c.contains("TỈNH\nSỐ\n"), "{c}");
        assert_eq!(h("BẢO HIỂM XÃ HỘI THÀNH PHỐ HÀ NỘI"), "BẢO HIỂM XÃ HỘI\nTHÀNH PHỐ HÀ NỘI");
        let b = h("BAN QUẢN LÝ THU, SỔ - THẺ");
        assert!(!b.contains("-\nTHẺ") && !b.contains("SỔ\n"), "{b}");
        for name in ["BẢO HIỂM XÃ HỘI TỈNH BÀ RỊA - VŨNG TÀU", "KHỐI THI ĐUA SỐ 5 CÁC ĐƠN VỊ SỰ NGHIỆP"] {
            assert!(!h(name).contains("SỐ\n") && !h(name).contains("RỊA\n"), "{}", h(name));
        }
    }
    #[test]
    fn dates() {
        assert_eq!(date_line("Hà Nội", 5, 1, 2023), "Hà Nội, ngày\u{a0}05\u{a0}tháng\u{a0}01\u{a0}năm\u{a0}2023");
        assert_eq!(
            date_line("Thành phố Hồ Chí Minh", 16, 1, 2023),
            "Thành phố Hồ Chí Minh, ngày\u{a0}16\u{a0}tháng\u{a0}01\u{a0}năm\u{a0}2023"
        );
        assert_eq!(date_words(25, 3, 2023), "ngày 25 tháng 3 năm 2023");
        assert_eq!(date_words(9, 12, 2022), "ngày 09 tháng 12 năm 2022");
    }
}
