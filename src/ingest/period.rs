//! Periods named in workbook titles (SPEC §3): "Quý III/2022", "quý 3 năm
//! 2022", "6 tháng đầu năm 2022", "9 tháng năm 2022", "năm 2022".

use crate::model::Period;
use crate::vn::text::ascii_fold;
use regex::Regex;
use std::sync::OnceLock;

struct Patterns {
    quarter: Regex,
    months: Regex,
    year: Regex,
    date_line: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        quarter: Regex::new(r"\bquy\s*(iv|iii|ii|i|[1-4])\s*(?:/|nam|-|\.)?\s*(20\d\d)\b").unwrap(),
        months: Regex::new(r"\b(3|6|9|12)\s*thang(?:\s*dau)?\s*(?:nam|/)?\s*(20\d\d)\b").unwrap(),
        year: Regex::new(r"\bnam\s*(20\d\d)\b").unwrap(),
        date_line: Regex::new(r"\bngay\b[^a-z]*\bthang\b[^a-z]*\bnam\s*(?:20\d\d)?\b").unwrap(),
    })
}

/// The period a title names, if any. Quarters and "N tháng" win over a bare
/// year, which a quarterly title also contains.
pub fn period_in(text: &str) -> Option<Period> {
    // A title is a line or two; a long text is not one.
    if text.len() > 600 {
        return None;
    }
    // ascii_fold drops punctuation; keep "/" by spacing it first.
    let t = ascii_fold(&text.replace('/', " / "));
    let p = patterns();
    // The date line ("Yên Thành, ngày 05 tháng 01 năm 2024", Nghị định
    // 30/2020) is when the sheet was signed, not the period it reports:
    // its "năm 2024" was taken for the review's year.
    let t = p.date_line.replace_all(&t, " ");
    if let Some(c) = p.quarter.captures(&t) {
        let q = match &c[1] {
            "i" | "1" => 1,
            "ii" | "2" => 2,
            "iii" | "3" => 3,
            _ => 4,
        };
        return Some(Period::Quarter { year: c[2].parse().ok()?, q });
    }
    if let Some(c) = p.months.captures(&t) {
        let year = c[2].parse().ok()?;
        return Some(match &c[1] {
            "3" => Period::Quarter { year, q: 1 },
            "6" => Period::Half { year },
            "9" => Period::Quarter { year, q: 3 },
            _ => Period::Year { year },
        });
    }
    if let Some(c) = p.year.captures(&t) {
        return Some(Period::Year { year: c[1].parse().ok()? });
    }
    None
}

/// Whether figures reported for `a` serve a run for `b`: cumulative figures
/// to the same date are the same figures ("6 tháng đầu năm" is Quý II; the
/// year is Quý IV).
pub fn same_figures(a: &Period, b: &Period) -> bool {
    a.end_date() == b.end_date()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn titles() {
        assert_eq!(period_in("BÁO CÁO KẾT QUẢ THU QUÝ III/2022"), Some(Period::Quarter { year: 2022, q: 3 }));
        assert_eq!(period_in("Quý 2 năm 2022"), Some(Period::Quarter { year: 2022, q: 2 }));
        assert_eq!(period_in("Kết quả 6 tháng đầu năm 2022"), Some(Period::Half { year: 2022 }));
        assert_eq!(period_in("Lũy kế 9 tháng năm 2022"), Some(Period::Quarter { year: 2022, q: 3 }));
        assert_eq!(period_in("Tổng kết năm 2022"), Some(Period::Year { year: 2022 }));
        assert_eq!(period_in("Danh sách đơn vị"), None);
        // A date line names when the sheet was signed, not the period.
        assert_eq!(period_in("Yên Thành, ngày 05 tháng 01 năm 2024"), None);
        assert_eq!(period_in("Hà Nội, ngày …… tháng 01 năm 2023"), None);
        assert_eq!(period_in("Quý IV/2022 (đến ngày 31 tháng 12 năm 2022)"), Some(Period::Quarter { year: 2022, q: 4 }));
        assert!(same_figures(&Period::Half { year: 2022 }, &Period::Quarter { year: 2022, q: 2 }));
    }
}
