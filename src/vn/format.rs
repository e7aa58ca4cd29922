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
    let p = rate.checked_mul(Num::int(100)).unwrap_or(*rate);
    format!("{} %", format_num(&p, 2))
}

/// A percentage threshold without superfluous zeros: 0.715 → "71,5 %", 0.45 → "45 %".
pub fn format_percent_short(rate: &Num) -> String {
    let p = rate.checked_mul(Num::int(100)).unwrap_or(*rate);
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
    format!("{place}, {}", date_words(day, month, year))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn numbers() {
        assert_eq!(format_num(&Num::int(1234567), 0), "1.234.567");
        assert_eq!(format_num(&Num::frac(11116, 100), 2), "111,16");
        assert_eq!(format_num(&Num::int(-1000), 0), "-1.000");
        assert_eq!(format_num(&Num::int(999), 0), "999");
        assert_eq!(format_percent(&Num::frac(682, 1000)), "68,20 %");
        assert_eq!(format_percent_short(&Num::frac(715, 1000)), "71,5 %");
        assert_eq!(format_percent_short(&Num::frac(45, 100)), "45 %");
    }
    #[test]
    fn dates() {
        assert_eq!(date_line("Hà Nội", 5, 1, 2023), "Hà Nội, ngày 05 tháng 01 năm 2023");
        assert_eq!(date_words(25, 3, 2023), "ngày 25 tháng 3 năm 2023");
        assert_eq!(date_words(9, 12, 2022), "ngày 09 tháng 12 năm 2022");
    }
}
