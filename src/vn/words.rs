//! Numbers read out in Vietnamese words, as written on financial documents:
//! 2 340 000 → "Hai triệu ba trăm bốn mươi nghìn đồng".
//!
//! Conventions: "mười" for 10–19 and "mươi" from 20; "mốt" for a final 1
//! after "mươi"; "lăm" for a final 5 after a ten; "linh" for a zero ten
//! before a unit ("một trăm linh năm"); "không trăm" in an inner group of
//! hundreds ("một nghìn không trăm linh năm"); groups nghìn, triệu, tỷ, then
//! "nghìn tỷ", "triệu tỷ"…

const DIGITS: [&str; 10] = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];

/// Words for 0..=999, `full` when the group is not the leading one (it
/// then says its hundreds even when zero).
fn group(n: u64, full: bool) -> String {
    let (h, t, u) = (n / 100, (n / 10) % 10, n % 10);
    let mut w: Vec<&str> = Vec::new();
    if h > 0 || full {
        w.push(DIGITS[h as usize]);
        w.push("trăm");
    }
    match t {
        0 if u > 0 && (h > 0 || full) => w.push("linh"),
        0 => {}
        1 => w.push("mười"),
        _ => {
            w.push(DIGITS[t as usize]);
            w.push("mươi");
        }
    }
    match u {
        0 => {}
        1 if t >= 2 => w.push("mốt"),
        5 if t >= 1 => w.push("lăm"),
        _ => w.push(DIGITS[u as usize]),
    }
    w.join(" ")
}

/// Words for a whole number, lower case: 1005 → "một nghìn không trăm linh năm".
pub fn read_number(n: u64) -> String {
    if n == 0 {
        return "không".into();
    }
    read(n, false).join(" ")
}

/// Above a billion the tỷ multiplies everything read before it:
/// 1 200 000 000 000 → "một nghìn hai trăm tỷ".
fn read(n: u64, has_higher: bool) -> Vec<String> {
    const TY: u64 = 1_000_000_000;
    if n >= TY {
        let mut w = read(n / TY, has_higher);
        w.push("tỷ".into());
        if !n.is_multiple_of(TY) {
            w.extend(below_billion(n % TY, true));
        }
        return w;
    }
    below_billion(n, has_higher)
}

fn below_billion(n: u64, mut has_higher: bool) -> Vec<String> {
    let mut w = Vec::new();
    for (g, scale) in [(n / 1_000_000, "triệu"), ((n / 1_000) % 1_000, "nghìn"), (n % 1_000, "")] {
        if g == 0 {
            continue;
        }
        w.push(group(g, has_higher));
        if !scale.is_empty() {
            w.push(scale.to_string());
        }
        has_higher = true;
    }
    w
}

/// "Hai triệu ba trăm bốn mươi nghìn đồng".
pub fn amount_in_words(n: u64) -> String {
    let w = format!("{} đồng", read_number(n));
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => w,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn readings() {
        assert_eq!(amount_in_words(2_340_000), "Hai triệu ba trăm bốn mươi nghìn đồng");
        assert_eq!(read_number(0), "không");
        assert_eq!(read_number(5), "năm");
        assert_eq!(read_number(15), "mười lăm");
        assert_eq!(read_number(21), "hai mươi mốt");
        assert_eq!(read_number(25), "hai mươi lăm");
        assert_eq!(read_number(105), "một trăm linh năm");
        assert_eq!(read_number(1_005), "một nghìn không trăm linh năm");
        assert_eq!(read_number(1_000_000), "một triệu");
        assert_eq!(read_number(1_000_000_000), "một tỷ");
        assert_eq!(read_number(3_000_500_000), "ba tỷ năm trăm nghìn");
        assert_eq!(read_number(1_200_000_000_000), "một nghìn hai trăm tỷ");
        assert_eq!(read_number(111), "một trăm mười một");
    }
}
