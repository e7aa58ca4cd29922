//! Numbers as units type them: real numbers, or text in Vietnamese style
//! ("1.234.567", "111,16%", "45,5"), sometimes in English style
//! ("1,234,567.5"). SPEC §4.
//!
//! Values are exact (`Num`), so "71,5" is 715/1000 and compares equal to the
//! threshold 71,5 % with no floating-point doubt.

use crate::model::Num;

/// What a cell holds once read.
#[derive(Debug, Clone, PartialEq)]
pub enum Reading {
    /// A value, in the column's unit (a fraction for percentage columns).
    Value(Num),
    /// Nothing usable was written ("", "-", "x"): the figure is missing,
    /// never zero.
    Blank,
    /// Something was written that is not a number; the Vietnamese message
    /// says what.
    Invalid(String),
}

/// Text that means "no figure" in Vietnamese tables.
fn is_blank_marker(t: &str) -> bool {
    matches!(t, "" | "-" | "--" | "–" | "—" | "x" | "X" | "..." | "…" | "/" | "k" | "K")
}

/// How a column writes its numbers, judged from all its cells: "1.234.567"
/// or "45,5" say Vietnamese; "1,234,567" or "45.5" say English. A lone
/// "1.234" or "1,234" is read by the column's style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Vietnamese,
    English,
}

/// A text that reads two ways: "1.234" (1234 or 1,234), "1,234".
pub fn is_ambiguous(raw: &str) -> bool {
    let t: String = raw.chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}').collect();
    let t = t.trim_end_matches('%');
    for sep in ['.', ','] {
        if let Some((a, b)) = t.split_once(sep) {
            if t.matches(['.', ',']).count() == 1
                && b.len() == 3
                && !a.is_empty()
                && a.len() <= 3
                && a != "0"
                && a.chars().chain(b.chars()).all(|c| c.is_ascii_digit())
            {
                return true;
            }
        }
    }
    false
}

/// The style of a column from its texts, and whether it could be decided.
pub fn column_style<'a>(texts: impl IntoIterator<Item = &'a str>) -> (Style, bool) {
    let (mut vn, mut en) = (false, false);
    for raw in texts {
        // Without a separator the text tells nothing (as below), and is
        // not copied: most texts of a column are names and notes.
        if !raw.contains(['.', ',']) {
            continue;
        }
        let t: String = raw.chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}').collect();
        let t = t.trim_end_matches('%');
        if is_ambiguous(t) {
            // "500.000" or "12,000": nobody writes a decimal as ".000", so
            // the separator groups thousands, and tells the column's way.
            match t.split_once(['.', ',']) {
                Some((_, "000")) if t.contains('.') => vn = true,
                Some((_, "000")) => en = true,
                _ => {}
            }
            continue;
        }
        if !t.chars().any(|c| c == '.' || c == ',') {
            continue;
        }
        let dots = t.matches('.').count();
        let commas = t.matches(',').count();
        let last_dot = t.rfind('.');
        let last_comma = t.rfind(',');
        match (dots, commas) {
            (d, 0) if d > 1 => vn = true,
            (0, c) if c > 1 => en = true,
            (1, 0) => en = true, // "45.5": a decimal point
            (0, 1) => vn = true, // "45,5": a decimal comma
            _ => {
                if last_comma > last_dot {
                    vn = true
                } else {
                    en = true
                }
            }
        }
    }
    match (vn, en) {
        (true, false) => (Style::Vietnamese, true),
        (false, true) => (Style::English, true),
        _ => (Style::Vietnamese, false),
    }
}

/// `parse_text_in` for a column written in `style`.
pub fn parse_styled(raw: &str, percent: bool, range: Option<[f64; 2]>, style: Style) -> Reading {
    if style == Style::English && is_ambiguous(raw) {
        // "1.234" is a decimal, "1,234" is grouping: swap to the Vietnamese form.
        let swapped: String = raw
            .chars()
            .map(|c| match c {
                '.' => ',',
                ',' => '.',
                c => c,
            })
            .collect();
        return parse_text_in(&swapped, percent, range);
    }
    parse_text_in(raw, percent, range)
}

/// Read a number typed as text. `percent` says the column holds a rate:
/// then "45,5%" and "45,5" both give 0.455.
pub fn parse_text(raw: &str, percent: bool) -> Reading {
    // Spaces inside a number ("12 345", non-breaking ones) are dropped;
    // a text without any is read in place.
    let spaced = |c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}';
    if raw.contains(spaced) && !spaces_group_thousands(raw) {
        return Reading::Invalid(format!(
            "\"{}\" không phải là số: khoảng trắng giữa các chữ số chỉ dùng để tách nhóm ba chữ số (ví dụ 1 234 567)",
            raw.trim()
        ));
    }
    let t: std::borrow::Cow<str> = if raw.contains(spaced) { raw.chars().filter(|c| !spaced(*c)).collect() } else { raw.into() };
    let t = &*t;
    if is_blank_marker(t) {
        return Reading::Blank;
    }
    let (body, has_pct) = match t.strip_suffix('%') {
        Some(b) => (b, true),
        None => (t, false),
    };
    // Accounting negatives "(123)".
    let (body, neg) = match body.strip_prefix('(').and_then(|b| b.strip_suffix(')')) {
        Some(b) => (b, true),
        None => (body, false),
    };
    let Some((minus, plain)) = normalise_separators(body) else {
        return Reading::Invalid(format!("\"{}\" không phải là số", raw.trim()));
    };
    let Some(mut n) = Num::parse_decimal(&plain) else {
        return Reading::Invalid(format!("\"{}\" không phải là số", raw.trim()));
    };
    if neg != minus {
        n = Num::zero().checked_sub(n).unwrap_or(n);
    }
    if has_pct && !percent {
        return Reading::Invalid(format!("\"{}\" là tỷ lệ phần trăm nhưng cột này ghi số tuyệt đối", raw.trim()));
    }
    if percent {
        // The column is in percent: "45,5" and "45,5%" both mean 45,5 %.
        n = n.checked_div(Num::int(100)).unwrap_or(n);
    }
    Reading::Value(n)
}

/// Whether every space between two digits groups thousands: the digits
/// after it are exactly three, those before it at most three ("12 345 678",
/// "1 234,5"). "1 9", "9 5", "3393 8919" or "4 8,04" are two numbers typed
/// into one cell, or a slip, not one number: the spaces are not dropped.
fn spaces_group_thousands(raw: &str) -> bool {
    let spaced = |c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}';
    // Runs of digits, and whether only spaces separate each from the next.
    let mut runs: Vec<(usize, bool)> = Vec::new();
    let (mut len, mut gap_only_spaces, mut in_gap) = (0usize, true, false);
    for c in raw.trim_matches(spaced).chars() {
        if c.is_ascii_digit() {
            if in_gap {
                runs.push((len, gap_only_spaces));
                len = 0;
                in_gap = false;
                gap_only_spaces = true;
            }
            len += 1;
        } else if len > 0 || !runs.is_empty() {
            in_gap = true;
            gap_only_spaces &= spaced(c);
        }
    }
    runs.push((len, gap_only_spaces));
    // runs[i].1: the gap after run i is spaces only.
    for i in 0..runs.len().saturating_sub(1) {
        if runs[i].1 && (runs[i + 1].0 != 3 || runs[i].0 > 3 || runs[i].0 == 0) {
            return false;
        }
    }
    true
}

/// Read a number stored as a number. `percent_format` is true when the cell
/// is formatted as a percentage in Excel (it then stores the fraction).
pub fn from_number(v: f64, percent: bool, percent_format: bool) -> Reading {
    from_number_in(v, percent, percent_format, None)
}

/// As `from_number`, with the plausible range of a rate (fractions): a bare
/// number in a "(%)" column is percent units ("45,5") unless only the
/// fraction reading ("0,455") is plausible.
pub fn from_number_in(v: f64, percent: bool, percent_format: bool, range: Option<[f64; 2]>) -> Reading {
    let Some(n) = Num::from_f64(v) else {
        return Reading::Invalid("giá trị số không hợp lệ".into());
    };
    if percent && !percent_format {
        Reading::Value(bare_rate(n, range))
    } else {
        Reading::Value(n)
    }
}

/// A rate written without "%": percent units, or a fraction when only that
/// reading falls in the plausible range.
fn bare_rate(n: Num, range: Option<[f64; 2]>) -> Num {
    let units = n.checked_div(Num::int(100)).unwrap_or(n);
    if let Some([lo, hi]) = range {
        let inside = |x: &Num| (lo..=hi).contains(&x.to_f64());
        if !inside(&units) && inside(&n) {
            return n;
        }
    }
    units
}

/// Text in a rate column: "45,5%" is explicit; "45,5" or "0,455" without the
/// sign is read as `from_number_in` reads a bare number.
pub fn parse_text_in(raw: &str, percent: bool, range: Option<[f64; 2]>) -> Reading {
    if !percent || raw.contains('%') {
        return parse_text(raw, percent);
    }
    match parse_text(raw, false) {
        Reading::Value(n) => Reading::Value(bare_rate(n, range)),
        other => other,
    }
}

/// Turn Vietnamese or English digit grouping into a plain `.` decimal
/// without its sign, and whether a minus sign ("-", "−") led it. Returns
/// `None` for text that is not a well-formed number. Plain digits and a
/// lone decimal point are given back as they are, not copied.
fn normalise_separators(s: &str) -> Option<(bool, std::borrow::Cow<'_, str>)> {
    use std::borrow::Cow;
    let (minus, s) = match s.strip_prefix('-').or_else(|| s.strip_prefix('−')) {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return None;
    }
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    let out = match (dots, commas) {
        (0, 0) => Cow::Borrowed(s),
        (_, 0) if dots > 1 => ungroup(s, '.')?.into(),
        (1, 0) => {
            // "1.234" is Vietnamese grouping; "45.5" and "0.455" are decimals.
            let (a, b) = s.split_once('.')?;
            if b.len() == 3 && !a.is_empty() && a.len() <= 3 && a != "0" {
                format!("{a}{b}").into()
            } else {
                Cow::Borrowed(s)
            }
        }
        (0, 1) => s.replace(',', ".").into(),
        (0, _) => ungroup(s, ',')?.into(),
        _ => {
            // Both: the last one is the decimal mark.
            let last_dot = s.rfind('.')?;
            let last_comma = s.rfind(',')?;
            let (group, dec) = if last_comma > last_dot { ('.', ',') } else { (',', '.') };
            if s.matches(dec).count() != 1 {
                return None;
            }
            let (int, frac) = s.split_once(dec)?;
            format!("{}.{frac}", ungroup(int, group)?).into()
        }
    };
    Some((minus, out))
}

/// "1.234.567" → "1234567", checking the groups of three.
fn ungroup(s: &str, sep: char) -> Option<String> {
    let parts: Vec<&str> = s.split(sep).collect();
    if parts[0].is_empty() || parts[0].len() > 3 || parts[1..].iter().any(|p| p.len() != 3) {
        return None;
    }
    Some(parts.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `parse_text` as it was before it read texts in place (every step on
    /// a copy, the sign written back in front, the digits joined into a
    /// new string): the reference the fast paths must agree with.
    fn parse_text_reference(raw: &str, percent: bool) -> Reading {
        fn decimal(s: &str) -> Option<Num> {
            let (neg, m) = match s.strip_prefix('-') {
                Some(r) => (true, r),
                None => (false, s),
            };
            let (int_part, frac_part) = m.split_once('.').unwrap_or((m, ""));
            if int_part.is_empty() && frac_part.is_empty() {
                return None;
            }
            if !int_part.bytes().chain(frac_part.bytes()).all(|b| b.is_ascii_digit()) {
                return None;
            }
            let digits = format!("{int_part}{frac_part}");
            let digits = digits.trim_start_matches('0');
            if digits.len() > 30 {
                return None;
            }
            let n: i128 = if digits.is_empty() { 0 } else { digits.parse().ok()? };
            let n = if neg { -n } else { n };
            if frac_part.len() > 30 {
                return None;
            }
            Some(Num(num_rational::Ratio::new(n, 10i128.pow(frac_part.len() as u32))))
        }
        fn separators(s: &str) -> Option<String> {
            let (sign, s) = match s.strip_prefix('-').or_else(|| s.strip_prefix('−')) {
                Some(r) => ("-", r),
                None => ("", s.strip_prefix('+').unwrap_or(s)),
            };
            if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
                return None;
            }
            let (dots, commas) = (s.matches('.').count(), s.matches(',').count());
            let out = match (dots, commas) {
                (0, 0) => s.to_string(),
                (_, 0) if dots > 1 => ungroup(s, '.')?,
                (1, 0) => {
                    let (a, b) = s.split_once('.')?;
                    if b.len() == 3 && !a.is_empty() && a.len() <= 3 && a != "0" {
                        format!("{a}{b}")
                    } else {
                        s.to_string()
                    }
                }
                (0, 1) => s.replace(',', "."),
                (0, _) => ungroup(s, ',')?,
                _ => {
                    let (last_dot, last_comma) = (s.rfind('.')?, s.rfind(',')?);
                    let (group, dec) = if last_comma > last_dot { ('.', ',') } else { (',', '.') };
                    if s.matches(dec).count() != 1 {
                        return None;
                    }
                    let (int, frac) = s.split_once(dec)?;
                    format!("{}.{frac}", ungroup(int, group)?)
                }
            };
            Some(format!("{sign}{out}"))
        }
        let t: String = raw.chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}').collect();
        if is_blank_marker(&t) {
            return Reading::Blank;
        }
        let (body, has_pct) = t.strip_suffix('%').map_or((t.as_str(), false), |b| (b, true));
        let (body, neg) = body.strip_prefix('(').and_then(|b| b.strip_suffix(')')).map_or((body, false), |b| (b, true));
        let invalid = || Reading::Invalid(format!("\"{}\" không phải là số", raw.trim()));
        let Some(plain) = separators(body) else { return invalid() };
        let Some(mut n) = decimal(&plain) else { return invalid() };
        if neg {
            n = Num::zero().checked_sub(n).unwrap_or(n);
        }
        if has_pct && !percent {
            return Reading::Invalid(format!("\"{}\" là tỷ lệ phần trăm nhưng cột này ghi số tuyệt đối", raw.trim()));
        }
        if percent {
            n = n.checked_div(Num::int(100)).unwrap_or(n);
        }
        Reading::Value(n)
    }

    /// Every text of up to five characters over the characters numbers
    /// are typed with (digits, both separators, spaces, signs, brackets,
    /// "%"), and longer ones built from them, read exactly as before.
    #[test]
    fn texts_read_as_the_reference_reads_them() {
        let alphabet = ['0', '1', '7', '.', ',', ' ', '\u{a0}', '-', '−', '+', '(', ')', '%', 'x'];
        let mut texts: Vec<String> = vec![String::new()];
        let mut last = texts.clone();
        for _ in 0..5 {
            last = last.iter().flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}"))).collect();
            texts.extend(last.iter().cloned());
        }
        for long in [
            "1.234.567,89",
            "1,234,567.5",
            "-12 345",
            "(1.234)",
            "45,5%",
            "0,455",
            "000.50",
            "−7,25 %",
            "12.345.678.901.234.567.890.123.456.789",
        ] {
            texts.push(long.into());
            texts.push(format!(" {long} "));
            texts.push(format!("({long})"));
        }
        for t in &texts {
            for pct in [false, true] {
                // Spaces that do not group thousands are refused now; the
                // reference dropped them.
                if !spaces_group_thousands(t) {
                    assert!(matches!(parse_text(t, pct), Reading::Invalid(_)), "{t:?} {pct}");
                    continue;
                }
                assert_eq!(format!("{:?}", parse_text(t, pct)), format!("{:?}", parse_text_reference(t, pct)), "{t:?} {pct}");
            }
        }
        assert!(texts.len() > 500_000);
    }
    fn v(s: &str, pct: bool) -> String {
        match parse_text(s, pct) {
            Reading::Value(n) => n.to_decimal_string(6),
            other => format!("{other:?}"),
        }
    }
    /// Spaces between digits group thousands, or the text is not a number:
    /// "1 9" is not 19 and "3393 8919" is not 33 938 919.
    #[test]
    fn spaces_only_group_thousands() {
        for ok in ["12 345", " 12 345 ", "1 234 567", "1 234,5", "33 938 919", "-12 345", "45,5 %", "( 1 234 )", "1\u{a0}234", "7", " 7 "] {
            assert!(matches!(parse_text(ok, ok.contains('%')), Reading::Value(_)), "{ok:?}");
        }
        for bad in ["1 9", "9 5", "3393 8919", "4 8,04", "1 2345", "12 34", "1 234 5", "1234 567"] {
            match parse_text(bad, false) {
                Reading::Invalid(m) => assert!(m.contains(&format!("\"{bad}\"")) && m.contains("nhóm ba chữ số"), "{m}"),
                other => panic!("{bad:?} read as {other:?}"),
            }
        }
    }

    #[test]
    fn vietnamese_text() {
        assert_eq!(v("1.234.567", false), "1234567.000000");
        assert_eq!(v("1.234", false), "1234.000000");
        assert_eq!(v("45,5", false), "45.500000");
        assert_eq!(v("1.234.567,89", false), "1234567.890000");
        assert_eq!(v("1,234,567.5", false), "1234567.500000");
        assert_eq!(v(" 12 345 ", false), "12345.000000");
        assert_eq!(v("0.455", false), "0.455000");
        assert_eq!(v("(12)", false), "-12.000000");
    }
    #[test]
    fn percentages() {
        assert_eq!(v("111,16%", true), "1.111600");
        assert_eq!(v("45,5", true), "0.455000");
        assert_eq!(v("71,5 %", true), "0.715000");
        assert!(matches!(parse_text("45%", false), Reading::Invalid(_)));
        assert_eq!(from_number(0.455, true, true), Reading::Value(Num::parse_decimal("0.455").unwrap()));
        assert_eq!(from_number(45.5, true, false), Reading::Value(Num::parse_decimal("0.455").unwrap()));
        let share = Some([0.02, 1.0]);
        assert_eq!(from_number_in(0.455, true, false, share), Reading::Value(Num::parse_decimal("0.455").unwrap()), "0,4550 is 45,5 %");
        assert_eq!(from_number_in(45.5, true, false, share), Reading::Value(Num::parse_decimal("0.455").unwrap()));
        let target = Some([0.0005, 0.3]);
        assert_eq!(from_number_in(0.9, true, false, target), Reading::Value(Num::parse_decimal("0.009").unwrap()), "0,9 is 0,9 %");
        assert_eq!(parse_text_in("0,4550", true, share), Reading::Value(Num::parse_decimal("0.455").unwrap()));
    }
    #[test]
    fn ambiguous_values_follow_their_column() {
        assert!(is_ambiguous("1.234") && is_ambiguous("1,234") && !is_ambiguous("1.234.567") && !is_ambiguous("0.455"));
        assert_eq!(column_style(["1.234", "2.345.678", "45"]), (Style::Vietnamese, true));
        assert_eq!(column_style(["1.234", "45.5"]), (Style::English, true));
        // Nobody writes a decimal as ".000": "2.000" groups thousands.
        assert_eq!(column_style(["1.234", "2.000"]), (Style::Vietnamese, true));
        assert_eq!(column_style(["1,234", "12,000"]), (Style::English, true));
        assert_eq!(column_style(["1.234", "2.345"]), (Style::Vietnamese, false));
        let v = |s: &str, st| match parse_styled(s, false, None, st) {
            Reading::Value(n) => n.to_decimal_string(3),
            o => format!("{o:?}"),
        };
        assert_eq!(v("1.234", Style::Vietnamese), "1234.000");
        assert_eq!(v("1.234", Style::English), "1.234");
        assert_eq!(v("1,234", Style::English), "1234.000");
    }
    #[test]
    fn blanks_and_garbage() {
        assert_eq!(parse_text("-", false), Reading::Blank);
        assert_eq!(parse_text("  ", false), Reading::Blank);
        assert!(matches!(parse_text("12a", false), Reading::Invalid(_)));
        assert!(matches!(parse_text("1.23.4", false), Reading::Invalid(_)));
        assert!(matches!(parse_text("1,2,3", false), Reading::Invalid(_)));
    }
}
