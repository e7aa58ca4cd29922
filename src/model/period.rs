//! Periods of a run (SPEC §3): a quarter, a half-year review, or a year.

use serde::{Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Quarter { year: i32, q: u8 },
    Half { year: i32 },
    Year { year: i32 },
}

impl Period {
    pub fn year(&self) -> i32 {
        match *self {
            Period::Quarter { year, .. } | Period::Half { year } | Period::Year { year } => year,
        }
    }

    /// The key used in rules files for per-period settings: "Q1".."Q4", "H1", "Y".
    pub fn rules_key(&self) -> String {
        match *self {
            Period::Quarter { q, .. } => format!("Q{q}"),
            Period::Half { .. } => "H1".into(),
            Period::Year { .. } => "Y".into(),
        }
    }

    /// "Quý III/2022", "6 tháng đầu năm 2022", "năm 2022".
    pub fn label_vi(&self) -> String {
        match *self {
            Period::Quarter { year, q } => format!("Quý {}/{year}", roman(q as u32)),
            Period::Half { year } => format!("6 tháng đầu năm {year}"),
            Period::Year { year } => format!("năm {year}"),
        }
    }

    /// Date of the period's end, as (day, month, year): "30/9/2022".
    pub fn end_date(&self) -> (u32, u32, i32) {
        match *self {
            Period::Quarter { year, q } => match q {
                1 => (31, 3, year),
                2 => (30, 6, year),
                3 => (30, 9, year),
                _ => (31, 12, year),
            },
            Period::Half { year } => (30, 6, year),
            Period::Year { year } => (31, 12, year),
        }
    }
}

/// The value of an upper-case Roman numeral of 1..=39 ("III" → 3, "XIV" →
/// 14): the numbers of blocks, clusters and criteria groups.
pub fn from_roman(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 8 || !s.bytes().all(|b| b"IVXLCDM".contains(&b)) {
        return None;
    }
    // Written once: read for every code cell of a score sheet.
    static NUMERALS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| (1..40).map(roman).collect());
    NUMERALS.iter().position(|r| r == s).map(|i| i as u32 + 1)
}

/// Upper-case Roman numeral (1..=3999), used for quarters and cluster numbers.
pub fn roman(mut n: u32) -> String {
    const T: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in T {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::Quarter { year, q } => write!(f, "{year}-Q{q}"),
            Period::Half { year } => write!(f, "{year}-H1"),
            Period::Year { year } => write!(f, "{year}"),
        }
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl FromStr for Period {
    type Err = String;
    /// Accepts `2022-Q3`, `2022Q3`, `Q3-2022`, `2022-H1`, `2022`.
    fn from_str(s: &str) -> Result<Period, String> {
        let t = s.trim().to_ascii_uppercase().replace(['/', ' ', '_'], "-");
        let err = || format!("Kỳ \"{s}\" không hợp lệ. Dùng dạng 2022-Q3 (quý), 2022-H1 (6 tháng) hoặc 2022 (năm).");
        let parse_year = |y: &str| -> Option<i32> { y.parse::<i32>().ok().filter(|y| (2000..=2100).contains(y)) };
        if let Some(y) = parse_year(&t) {
            return Ok(Period::Year { year: y });
        }
        let parts: Vec<&str> = t.split('-').filter(|p| !p.is_empty()).collect();
        let (a, b) = match parts.as_slice() {
            [a, b] => (*a, *b),
            [one] if one.len() == 6 => (&one[..4], &one[4..]),
            _ => return Err(err()),
        };
        let (y, p) = if parse_year(a).is_some() { (a, b) } else { (b, a) };
        let year = parse_year(y).ok_or_else(err)?;
        match p {
            "Q1" | "Q2" | "Q3" | "Q4" => Ok(Period::Quarter { year, q: p.as_bytes()[1] - b'0' }),
            "H1" | "6T" => Ok(Period::Half { year }),
            _ => Err(err()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    /// Only the canonical numerals of 1..=39 are read: "IIII", "VX" and
    /// numbers past XXXIX are not.
    #[test]
    fn roman_numerals_read_back() {
        for n in 1..40 {
            assert_eq!(from_roman(&roman(n)), Some(n));
        }
        for s in ["", "IIII", "VX", "IC", "XL", "iv", "XIV "] {
            assert_eq!(from_roman(s), None, "{s:?}");
        }
        assert_eq!(from_roman("XIV"), Some(14));
    }
    #[test]
    fn parse_and_label() {
        let p: Period = "2022-Q3".parse().unwrap();
        assert_eq!(p, Period::Quarter { year: 2022, q: 3 });
        assert_eq!(p.label_vi(), "Quý III/2022");
        assert_eq!("2022".parse::<Period>().unwrap(), Period::Year { year: 2022 });
        assert_eq!("2022-h1".parse::<Period>().unwrap(), Period::Half { year: 2022 });
        assert!("2022-Q5".parse::<Period>().is_err());
        assert_eq!(roman(14), "XIV");
    }
}
