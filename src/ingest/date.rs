//! Dates as units write them (meeting dates, decision dates): a date cell,
//! an ODS date ("2023-01-20"), text "20/01/2023" or "20-1-2023", or a plain
//! Excel serial number. Always day before month, the Vietnamese order.

use super::grid::Value;

/// (day, month, year) from an Excel serial day number (1900 date system,
/// with its fictitious 29/02/1900 skipped).
pub fn from_serial(serial: f64) -> Option<(u32, u32, i32)> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let mut days = serial.floor() as i64;
    if days >= 60 {
        days -= 1; // Lotus 1-2-3's leap day 1900-02-29 never existed.
    }
    // Day 1 = 1900-01-01 → days since 1970-01-01.
    let z = days - 25_568 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    Some((d, m, y))
}

fn valid(d: u32, m: u32, y: i32) -> Option<(u32, u32, i32)> {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => return None,
    };
    ((1..=days).contains(&d) && (1900..=2200).contains(&y)).then_some((d, m, y))
}

/// A date typed as text: "20/01/2023", "20-1-2023", "20.01.2023",
/// "2023-01-20" (ISO, as ODS stores dates), "ngày 20 tháng 01 năm 2023".
pub fn from_text(text: &str) -> Option<(u32, u32, i32)> {
    let t = text.trim();
    let folded = crate::vn::text::ascii_fold(t);
    if let Some(rest) = folded.strip_prefix("ngay ") {
        let nums: Vec<i64> = rest.split(' ').filter_map(|w| w.parse().ok()).collect();
        if let [d, m, y] = nums[..] {
            return valid(d as u32, m as u32, y as i32);
        }
    }
    let parts: Vec<&str> = t.split(['/', '-', '.']).map(str::trim).collect();
    let nums: Vec<i64> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    if parts.len() != 3 || nums.len() != 3 {
        return None;
    }
    if parts[0].len() == 4 {
        return valid(nums[2] as u32, nums[1] as u32, nums[0] as i32);
    }
    let y = if parts[2].len() == 2 { 2000 + nums[2] } else { nums[2] };
    valid(nums[0] as u32, nums[1] as u32, y as i32)
}

/// The date a cell holds, whatever way it was written.
pub fn from_value(v: &Value) -> Option<(u32, u32, i32)> {
    match v {
        Value::Date(s) => from_serial(*s),
        // A plain serial number in a date column (the cell lost its format).
        Value::Number { v, .. } if (20_000.0..=80_000.0).contains(v) => from_serial(*v),
        Value::Text(t) => from_text(t),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn serials() {
        assert_eq!(from_serial(1.0), Some((1, 1, 1900)));
        assert_eq!(from_serial(61.0), Some((1, 3, 1900)));
        assert_eq!(from_serial(44_946.0), Some((20, 1, 2023)));
        assert_eq!(from_serial(44_834.5), Some((30, 9, 2022)));
    }
    #[test]
    fn texts() {
        assert_eq!(from_text("20/01/2023"), Some((20, 1, 2023)));
        assert_eq!(from_text("5-1-2023"), Some((5, 1, 2023)));
        assert_eq!(from_text("2023-01-20"), Some((20, 1, 2023)));
        assert_eq!(from_text("ngày 05 tháng 01 năm 2023"), Some((5, 1, 2023)));
        assert_eq!(from_text("31/02/2023"), None);
        assert_eq!(from_text("Hà Nội"), None);
    }
}
