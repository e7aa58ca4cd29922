//! Exact numbers.
//!
//! Every figure read from a workbook is kept as an exact rational so that a
//! rate compared with a threshold is never off by a floating-point error at the
//! bound (SPEC §11, "Exact boundaries"): 45 % reached exactly passes.
//! Figures are shown rounded to two decimals, but never compared rounded.

use num_rational::Ratio;
use num_traits::{CheckedAdd, CheckedDiv, CheckedMul, CheckedSub, Signed, Zero};
use serde::{Serialize, Serializer};
use std::fmt;

/// An exact rational number.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Num(pub Ratio<i128>);

impl Num {
    pub fn zero() -> Num {
        Num(Ratio::zero())
    }
    pub fn int(v: i64) -> Num {
        Num(Ratio::from_integer(v as i128))
    }
    /// `n / d`, for literals such as 715/1000.
    pub fn frac(n: i64, d: i64) -> Num {
        Num(Ratio::new(n as i128, d as i128))
    }
    pub fn is_zero(&self) -> bool {
        self.0.is_zero()
    }
    pub fn is_positive(&self) -> bool {
        self.0.is_positive()
    }
    pub fn is_negative(&self) -> bool {
        self.0.is_negative()
    }
    pub fn to_f64(&self) -> f64 {
        *self.0.numer() as f64 / *self.0.denom() as f64
    }

    /// Parse a plain decimal literal with `.` as the decimal point and an
    /// optional exponent: `-12.5`, `1e-3`, `0.455`. No grouping separators:
    /// Vietnamese-style text is handled by `ingest::number`.
    pub fn parse_decimal(s: &str) -> Option<Num> {
        let s = s.trim();
        if s.is_empty() {
            return None;
        }
        let (mantissa, exp) = match s.find(['e', 'E']) {
            Some(i) => (&s[..i], s[i + 1..].parse::<i32>().ok()?),
            None => (s, 0),
        };
        let (neg, m) = match mantissa.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, mantissa.strip_prefix('+').unwrap_or(mantissa)),
        };
        let (int_part, frac_part) = match m.find('.') {
            Some(i) => (&m[..i], &m[i + 1..]),
            None => (m, ""),
        };
        if int_part.is_empty() && frac_part.is_empty() {
            return None;
        }
        if !int_part.bytes().all(|b| b.is_ascii_digit()) || !frac_part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        // Both parts' digits as one integer, read in place: at most 30
        // after the leading zeros (10^30 fits in 128 bits).
        let mut n: i128 = 0;
        let mut significant = 0;
        for b in int_part.bytes().chain(frac_part.bytes()) {
            if significant == 0 && b == b'0' {
                continue;
            }
            significant += 1;
            if significant > 30 {
                return None;
            }
            n = n * 10 + i128::from(b - b'0');
        }
        if neg {
            n = -n;
        }
        let scale = exp - frac_part.len() as i32;
        if !(-30..=30).contains(&scale) {
            return None;
        }
        let p = 10i128.checked_pow(scale.unsigned_abs())?;
        let r = if scale >= 0 { Ratio::from_integer(n.checked_mul(p)?) } else { Ratio::new(n, p) };
        Some(Num(r))
    }

    /// The exact value of a float as written by its shortest round-trip
    /// representation: 45.5f64 is exactly 455/10 here, which is what the
    /// spreadsheet cell said.
    pub fn from_f64(v: f64) -> Option<Num> {
        if !v.is_finite() {
            return None;
        }
        // Most figures and points have at most two decimals: when v × 100
        // is a whole number that divides back to v exactly, that decimal is
        // the one v's shortest form would give (two decimals apart is far
        // more than a unit in the last place below 10^13).
        if v.abs() < 1e13 {
            let s = (v * 100.0).round();
            if s / 100.0 == v {
                // Reduced here in 64 bits (|s| < 10^15), to the same lowest
                // terms `Ratio::new` gives: its 128-bit division was most of
                // the cost of reading a figure.
                let n = s as i64;
                let (mut a, mut b) = (n.unsigned_abs(), 100u64);
                while b != 0 {
                    (a, b) = (b, a % b);
                }
                return Some(Num(Ratio::new_raw(i128::from(n / a as i64), i128::from(100 / a as i64))));
            }
        }
        Num::parse_decimal(&format!("{v:?}"))
    }

    pub fn checked_add(self, o: Num) -> Option<Num> {
        if let Some(sum) = add_in_64_bits(&self.0, &o.0) {
            return Some(Num(sum));
        }
        self.0.checked_add(&o.0).map(Num)
    }
    pub fn checked_sub(self, o: Num) -> Option<Num> {
        self.0.checked_sub(&o.0).map(Num)
    }
    pub fn checked_mul(self, o: Num) -> Option<Num> {
        self.0.checked_mul(&o.0).map(Num)
    }
    pub fn checked_div(self, o: Num) -> Option<Num> {
        if o.is_zero() {
            return None;
        }
        self.0.checked_div(&o.0).map(Num)
    }

    /// Round half away from zero to `places` decimals; returns the scaled
    /// integer (value × 10^places), or i128::MAX / i128::MIN with the
    /// value's sign when that integer is past an i128 (a figure of 10^31
    /// scaled to 8 places): never a wrapped number. Text is made by
    /// [`Num::rounded_parts`], which has no such bound.
    pub fn round_scaled(&self, places: u32) -> i128 {
        let p = 10i128.pow(places);
        let (n, d) = (*self.0.numer(), *self.0.denom());
        // Whole numbers (most figures) need no rational arithmetic.
        if d == 1 {
            if let Some(v) = n.checked_mul(p) {
                return v;
            }
        } else if let Some(np) = n.checked_mul(p) {
            // numer·p / denom in integers, half away from zero: what the
            // rational arithmetic gives, without its reductions (a gcd of
            // i128 each); the denominator of a Ratio is positive.
            let (q, r) = (np / d, np % d);
            return if r.unsigned_abs() * 2 >= d.unsigned_abs() { q + r.signum() } else { q };
        }
        let (neg, whole, frac) = self.rounded_parts(places);
        let scaled = whole.checked_mul(p as u128).and_then(|w| w.checked_add(frac)).and_then(|v| i128::try_from(v).ok());
        match (scaled, neg) {
            (Some(v), true) => -v,
            (Some(v), false) => v,
            (None, true) => i128::MIN,
            (None, false) => i128::MAX,
        }
    }

    /// The value rounded half away from zero to `places` decimals, as its
    /// sign, whole part and decimals (an integer below 10^places), for any
    /// value a Num holds.
    fn rounded_parts(&self, places: u32) -> (bool, u128, u128) {
        let (n, d) = (*self.0.numer(), *self.0.denom());
        let neg = n < 0;
        let (mut a, mut d) = (n.unsigned_abs(), d.unsigned_abs());
        let mut whole = a / d;
        let mut rem = a % d;
        // Decimals by long division; a denominator too large to take ten
        // times its remainder (past 3·10^37, which no figure read and no
        // sum or ratio of them reaches) is first shifted down.
        while d > u128::MAX / 10 {
            (a, d) = (a >> 1, d >> 1);
            rem = a % d;
        }
        let mut frac: u128 = 0;
        for _ in 0..places {
            rem *= 10;
            frac = frac * 10 + rem / d;
            rem %= d;
        }
        // Half away from zero: up when the rest is at least half the divisor.
        if rem >= d - rem {
            frac += 1;
            if frac == 10u128.pow(places) {
                frac = 0;
                whole += 1;
            }
        }
        (neg && (whole != 0 || frac != 0), whole, frac)
    }

    /// `round_scaled` by rational arithmetic: the reference the integer
    /// paths are tested against.
    #[cfg(test)]
    fn round_scaled_exactly(&self, p: i128) -> i128 {
        let scaled = self.0 * Ratio::from_integer(p);
        let t = scaled.trunc();
        let frac = scaled - t;
        let half = Ratio::new(1, 2);
        let r = if frac.abs() >= half { t + Ratio::from_integer(frac.signum().to_integer()) } else { t };
        r.to_integer()
    }

    /// Plain decimal with `.`, rounded to `places` (for JSON and logs).
    pub fn to_decimal_string(&self, places: u32) -> String {
        let (neg, i, f) = match self.round_scaled(places) {
            // Past an i128 once scaled: the parts themselves.
            i128::MAX | i128::MIN => self.rounded_parts(places),
            v => {
                let (a, p) = (v.unsigned_abs(), 10u128.pow(places));
                (v < 0, a / p, a % p)
            }
        };
        let sign = if neg { "-" } else { "" };
        if places == 0 {
            format!("{sign}{i}")
        } else {
            format!("{sign}{i}.{f:0width$}", width = places as usize)
        }
    }
}

impl fmt::Debug for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.to_decimal_string(6))
    }
}

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.to_decimal_string(6);
        let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s };
        f.write_str(&s)
    }
}

/// Serialised as a JSON number with at most six decimals, which is exact for
/// every figure a workbook can hold and readable for rates.
impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // A whole number is written as the integer it is, as its text would
        // parse (most figures of ket-qua.json are whole).
        if let Some(n) = self.0.is_integer().then(|| i64::try_from(*self.0.numer()).ok()).flatten() {
            return s.serialize_i64(n);
        }
        // Else the value rounded to six places, as its text would parse:
        // a whole number when the places are all 0, else the nearest f64 to
        // the decimal. serde_json parses "i.ffffff" as the digits (exact
        // below 2^53) divided by a power of ten, one correctly rounded
        // division; dividing the same rational here gives the same f64
        // without building and parsing the text (ket-qua.json holds
        // tens of thousands of rates).
        const P: i128 = 1_000_000;
        let v = self.round_scaled(6);
        if v.unsigned_abs() < 1u128 << 53 {
            return if v % P == 0 { s.serialize_i64((v / P) as i64) } else { s.serialize_f64(v as f64 / P as f64) };
        }
        let text = self.to_string();
        let v: serde_json::Number = text.parse().map_err(serde::ser::Error::custom)?;
        v.serialize(s)
    }
}

/// `a + b` in lowest terms, as `Ratio::checked_add` gives it, worked out in
/// 64 bits when every part fits there (sums of points and figures do):
/// 128-bit division was most of the cost of adding. `None` when a part
/// does not fit, for the 128-bit path.
fn add_in_64_bits(a: &Ratio<i128>, b: &Ratio<i128>) -> Option<Ratio<i128>> {
    fn gcd(mut x: u64, mut y: u64) -> u64 {
        while y != 0 {
            (x, y) = (y, x % y);
        }
        x
    }
    let (an, ad) = (i64::try_from(*a.numer()).ok()?, i64::try_from(*a.denom()).ok()?);
    let (bn, bd) = (i64::try_from(*b.numer()).ok()?, i64::try_from(*b.denom()).ok()?);
    if ad <= 0 || bd <= 0 {
        return None;
    }
    let g = gcd(ad as u64, bd as u64) as i64;
    let lcm = (ad / g).checked_mul(bd)?;
    let n = an.checked_mul(lcm / ad)?.checked_add(bn.checked_mul(lcm / bd)?)?;
    let r = gcd(n.unsigned_abs(), lcm as u64) as i64;
    Some(Ratio::new_raw(i128::from(n / r), i128::from(lcm / r)))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn adding_in_64_bits_gives_what_ratio_gives() {
        let mut x: u64 = 11;
        let mut next = || {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            x >> 33
        };
        for i in 0..50_000 {
            let big = if i % 7 == 0 { 1i128 << 62 } else { 1 };
            let num = |v: u64| (v as i128 % 200_001 - 100_000) * big;
            let den = |v: u64| [1, 2, 3, 4, 5, 8, 10, 12, 100, 1000, 7919][v as usize % 11];
            let a = Ratio::new(num(next()), den(next()));
            // Not reduced, as a `Ratio::new_raw` elsewhere could make.
            let b = Ratio::new_raw(num(next()) * 2, den(next()) * 2);
            let want = a.checked_add(&b);
            let got = Num(a).checked_add(Num(b)).map(|n| n.0);
            assert_eq!(got.map(|r| (*r.numer(), *r.denom())), want.map(|r| (*r.numer(), *r.denom())), "{a} + {b}");
        }
    }
    #[test]
    fn from_f64_reduces_like_ratio_new() {
        // Same lowest terms, sign on the numerator, as `Ratio::new` gives.
        for cents in -100_000i64..=100_000 {
            let v = cents as f64 / 100.0;
            let got = Num::from_f64(v).unwrap().0;
            let want = Ratio::new(i128::from(cents), 100);
            assert_eq!((got.numer(), got.denom()), (want.numer(), want.denom()), "{v}");
        }
    }
    #[test]
    fn from_f64_gives_the_decimal_written() {
        for (v, text) in [
            (8.5, "8.5"),
            (0.1, "0.1"),
            (71.25, "71.25"),
            (-3.0, "-3"),
            (1234567.0, "1234567"),
            (0.30000000000000004, "0.30000000000000004"),
            (1.005, "1.005"),
            (1e15 + 0.5, "1000000000000000.5"),
        ] {
            assert_eq!(Num::from_f64(v), Num::parse_decimal(text), "{v}");
        }
        // The fast path agrees with the shortest form on many values.
        let mut x: u64 = 7;
        for _ in 0..20_000 {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let scale = [1.0, 10.0, 100.0, 1000.0, 1e6][(x >> 60) as usize % 5];
            let v = ((x >> 20) % 10_000_000_000) as f64 / scale * if x & 1 == 0 { 1.0 } else { -1.0 };
            assert_eq!(Num::from_f64(v), Num::parse_decimal(&format!("{v:?}")), "{v}");
        }
    }
    #[test]
    fn parses_exactly() {
        assert_eq!(Num::parse_decimal("45.5").unwrap(), Num::frac(455, 10));
        assert_eq!(Num::parse_decimal("0.715").unwrap(), Num::frac(715, 1000));
        assert_eq!(Num::parse_decimal("-1e3").unwrap(), Num::int(-1000));
        assert_eq!(Num::from_f64(0.1 + 0.2).unwrap(), Num::parse_decimal("0.30000000000000004").unwrap());
        assert_eq!(Num::from_f64(111.16).unwrap(), Num::frac(11116, 100));
        assert!(Num::parse_decimal("1.2.3").is_none());
        assert!(Num::parse_decimal("abc").is_none());
        // Leading zeros do not count towards the 30 digits; the 31st does.
        assert_eq!(Num::parse_decimal("000.50").unwrap(), Num::frac(1, 2));
        assert_eq!(Num::parse_decimal(".5").unwrap(), Num::frac(1, 2));
        assert_eq!(Num::parse_decimal("0").unwrap(), Num::zero());
        assert_eq!(Num::parse_decimal("-0.000").unwrap(), Num::zero());
        let thirty = "9".repeat(30);
        assert_eq!(Num::parse_decimal(&format!("000{thirty}")).unwrap(), Num::parse_decimal(&thirty).unwrap());
        assert!(Num::parse_decimal(&format!("{thirty}9")).is_none());
        assert!(Num::parse_decimal(&format!("1.{thirty}")).is_none());
    }
    #[test]
    fn rounds_half_away() {
        assert_eq!(Num::frac(68205, 100000).to_decimal_string(4), "0.6821");
        assert_eq!(Num::frac(-5, 1000).to_decimal_string(2), "-0.01");
        assert_eq!(Num::frac(2, 3).to_string(), "0.666667");
    }
    #[test]
    fn whole_numbers_are_written_as_their_text_parses() {
        let big = i64::MAX as i128 + 1;
        for v in [
            Num::int(0),
            Num::int(-5),
            Num::int(7290240),
            Num(Ratio::from_integer(big)),
            Num(Ratio::from_integer(-big - 1)),
            Num::frac(-6, 3),
        ] {
            let text = v.to_string();
            let via_text: serde_json::Number = text.parse().unwrap();
            assert_eq!(serde_json::to_string(&v).unwrap(), serde_json::to_string(&via_text).unwrap(), "{text}");
            assert_eq!(serde_json::to_value(v).unwrap(), serde_json::Value::Number(via_text));
        }
        assert_eq!(Num::int(-12).round_scaled(2), -1200);
    }
    #[test]
    fn rounding_in_integers_is_the_rational_rounding() {
        let mut seed = 7u64;
        for _ in 0..20_000 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let n = (seed >> 20) as i64 % 2_000_000_001 - 1_000_000_000;
            let d = ((seed >> 3) % 999_983 + 1) as i64;
            let v = Num::frac(n, d);
            for places in [0, 1, 2, 4, 6] {
                assert_eq!(v.round_scaled(places), v.round_scaled_exactly(10i128.pow(places)), "{n}/{d} at {places}");
            }
        }
        for (n, d) in [(1, 2), (-1, 2), (5, 2), (-5, 2), (1, 3), (-2, 3), (9_999_995, 10_000_000), (-9_999_995, 10_000_000)] {
            let v = Num::frac(n, d);
            for places in [0, 1, 6] {
                assert_eq!(v.round_scaled(places), v.round_scaled_exactly(10i128.pow(places)), "{n}/{d} at {places}");
            }
        }
        // Too large to scale in an i128: the long division, exact.
        let huge = Num(Ratio::new((1i128 << 120) + 1, 1_000_000));
        assert_eq!(huge.round_scaled(6), (1i128 << 120) + 1);
        for (n, d) in [(1, 2), (-1, 2), (2, 3), (-2, 3), (9_999_995, 10_000_000), (-9_999_995, 10_000_000), (7, 1_000_000_000)] {
            let v = Num::frac(n, d);
            for places in [0, 1, 6, 8] {
                let (neg, whole, frac) = v.rounded_parts(places);
                let p = 10i128.pow(places);
                let signed = (whole as i128 * p + frac as i128) * if neg { -1 } else { 1 };
                assert_eq!(signed, v.round_scaled_exactly(p), "{n}/{d} at {places}");
            }
        }
    }

    /// Figures as large as a cell can give (9·10^30) shown to the 8
    /// places the quarterly review may use: their text exact, the scaled
    /// integer held at the bound with its sign, never wrapped.
    #[test]
    fn figures_past_an_i128_once_scaled_are_never_wrapped() {
        let big = Num(Ratio::new(19 * 10i128.pow(30) + 1, 2));
        assert_eq!(big.to_decimal_string(8), "9500000000000000000000000000000.50000000");
        assert_eq!(big.to_string(), "9500000000000000000000000000000.5");
        assert_eq!(big.round_scaled(8), i128::MAX);
        let neg = Num::parse_decimal("-9e30").unwrap();
        assert_eq!(neg.to_decimal_string(8), format!("-9{}.00000000", "0".repeat(30)));
        assert_eq!(neg.round_scaled(8), i128::MIN);
        assert_eq!(neg.round_scaled(2), -9 * 10i128.pow(32));
        // Rounding up carries into the whole part.
        let nines = Num(Ratio::new(95 * 10i128.pow(36) - 1, 10i128.pow(7)));
        assert_eq!(nines.to_decimal_string(6), "9500000000000000000000000000000.000000");
        assert_eq!(nines.to_decimal_string(7), "9499999999999999999999999999999.9999999");
    }
    #[test]
    fn fractions_are_written_as_their_text_parses() {
        let mut cases = vec![
            Num::frac(2, 3),
            Num::frac(-2, 3),
            Num::frac(68205, 100000),
            Num::frac(1, 10),
            Num::frac(-5, 1000),
            Num::frac(7, 10_000_000),
            Num::frac(-7, 10_000_000),
            Num::frac(20_000_001, 10_000_000),
            Num::frac(9_007_199_254_740_993, 3),
            Num(Ratio::new(i64::MAX as i128 * 7, 3)),
        ];
        for n in 1..2000i64 {
            cases.push(Num::frac(n * 7919, 997));
            cases.push(Num::frac(-n * 104_729, 1000));
            cases.push(Num::frac(n, 3 * n + 1));
        }
        for v in cases {
            let text = v.to_string();
            let via_text: serde_json::Number = text.parse().unwrap();
            assert_eq!(serde_json::to_string(&v).unwrap(), serde_json::to_string(&via_text).unwrap(), "{text}");
        }
    }
}
