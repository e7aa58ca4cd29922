//! Realistic synthetic inboxes (SPEC §8, `thidua demo`), one named sibling
//! per campaign (`quarterly`: the indicator workbooks of a quarter;
//! `annual`: the year-end review). What they share is here and in `sheet`:
//! the deterministic random source, each province's plausible indicator
//! figures (collection in millions of đồng, participants in persons) and the
//! variety with which senders type names — NFD, the old tone placement,
//! upper case. The same period and scale give the same bytes.

pub mod annual;
pub mod quarterly;
pub mod sheet;
pub mod six_month;

use crate::model::{Level, Num, Period, Unit};
use std::collections::BTreeMap;

/// splitmix64: small, fast, and the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: &str) -> Rng {
        // FNV-1a of the seed text.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in seed.bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        Rng(h)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in [lo, hi], in steps of 1/10000.
    pub fn between(&mut self, lo: f64, hi: f64) -> f64 {
        let u = (self.next_u64() % 10_001) as f64 / 10_000.0;
        lo + (hi - lo) * u
    }
}

fn int(v: f64) -> Num {
    Num::int(v.round() as i64)
}

/// The share of the year a quarter's cumulative figures should reach (the
/// campaign's thresholds, 1371 B.II): the generator aims around it.
fn target_share(period: &Period) -> f64 {
    match period {
        Period::Quarter { q: 1, .. } => 0.22,
        Period::Quarter { q: 2, .. } | Period::Half { .. } => 0.45,
        Period::Quarter { q: 3, .. } => 0.715,
        _ => 1.0,
    }
}

/// Plausible figures of one province for the period.
pub fn province_figures(unit: &Unit, period: &Period) -> BTreeMap<String, Num> {
    let mut rng = Rng::new(&format!("{}|{}", unit.id, period));
    let share = target_share(period);
    let big = match unit.id.as_str() {
        "ho-chi-minh" => 9.0,
        "ha-noi" => 7.5,
        "binh-duong" | "dong-nai" => 3.5,
        "hai-phong" | "bac-ninh" | "long-an" => 2.0,
        _ => 1.0,
    };
    let mut f = BTreeMap::new();
    let mut put = |k: &str, v: Num| {
        f.insert(k.to_string(), v);
    };
    let plan = rng.between(1_800_000.0, 7_500_000.0) * big;
    let done = plan * share * rng.between(0.95, 1.10);
    put("thu.ke_hoach", int(plan));
    put("thu.luy_ke", int(done));
    put("thu.cung_ky", int(done / rng.between(1.03, 1.13)));
    for (k, lo, hi, g_lo, g_hi, yoy) in [
        ("bhxh_bb", 60_000.0, 260_000.0, 0.04, 0.09, 1.08),
        ("bhxh_tn", 12_000.0, 60_000.0, 0.20, 0.45, 1.25),
        ("bhyt", 800_000.0, 2_400_000.0, 0.01, 0.035, 1.03),
    ] {
        let start = rng.between(lo, hi) * big;
        let plan = start * (1.0 + rng.between(g_lo, g_hi));
        let dev = share * rng.between(0.85, 1.25);
        let now = start + (plan - start) * dev;
        put(&format!("{k}.dau_nam"), int(start));
        put(&format!("{k}.ke_hoach"), int(plan));
        put(&format!("{k}.luy_ke"), int(now));
        put(&format!("{k}.cung_ky"), int(now / rng.between(1.0, yoy)));
    }
    let receivable = plan * share;
    let target = [0.015, 0.02, 0.025, 0.03][(rng.next_u64() % 4) as usize];
    put("cham_dong.phai_thu", int(receivable));
    put("cham_dong.so_tien", int(receivable * target * rng.between(0.75, 1.12)));
    put("cham_dong.chi_tieu", Num::frac((target * 10_000.0).round() as i64, 10_000));
    put("ty_trong_dn", Num::frac((rng.between(0.35, 0.78) * 10_000.0).round() as i64, 10_000));
    f
}

/// How a sender types a province's name: the variety matching must absorb.
pub(crate) fn typed_name(unit: &Unit, n: usize) -> String {
    use unicode_normalization::UnicodeNormalization;
    let short = &unit.short_name;
    if unit.level == Level::District {
        // District names keep their type ("huyện", "thị xã"): several
        // provinces have a "Châu Thành", and one has both a huyện and a
        // thị xã "Duyên Hải".
        let typed = unit.name.trim_start_matches("BHXH ").to_string();
        return match n % 4 {
            0 => unit.name.clone(),
            1 => typed,
            2 => unit.name.nfd().collect(),
            _ => unit.name.to_uppercase(),
        };
    }
    match n % 6 {
        0 => unit.name.clone(),
        1 => short.clone(),
        2 => format!("BHXH {short}"),
        // Old tone placement, as many keyboards still type it.
        3 => short.replace("Hòa", "Hoà").replace("Hóa", "Hoá").replace("Thủy", "Thuỷ"),
        4 => unit.name.nfd().collect(),
        _ => unit.name.to_uppercase(),
    }
}

/// File-name-safe ASCII slug.
pub(crate) fn slug(s: &str) -> String {
    crate::vn::text::ascii_fold(s).replace(' ', "-")
}
