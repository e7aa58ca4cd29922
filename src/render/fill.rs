//! What the data of every campaign's documents share: the visible blank
//! ("……") left where the inputs do not say (SPEC §4 kind 6), the date line
//! of the documents, the count of collectives and awards, and the sections
//! of the shared Tờ trình template a campaign leaves empty.

use crate::vn::format::date_parts;
use serde_json::{json, Map, Value};

pub const BLANK: &str = "……";

/// The place name of a unit's documents (Nghị định 30/2020, Phụ lục I,
/// mục I.4.a: the administrative unit where the issuing body sits): Hà Nội
/// for the central units, the province for a provincial BHXH, the
/// district, town or city for a district BHXH ("Thạch Thành, ngày …",
/// "Quận 1, ngày …"); in full for a unit named after a person, as the
/// registry's `[dia_danh]` says ("Thành phố Hồ Chí Minh, ngày …").
pub fn place_name(u: &crate::model::Unit) -> String {
    match (&u.place, u.level) {
        (Some(p), _) => p.clone(),
        (None, crate::model::Level::Central) => "Hà Nội".into(),
        (None, crate::model::Level::Province | crate::model::Level::District) => u.short_name.clone(),
    }
}

/// The number and sign of a unit's own achievement report (Nghị định
/// 30/2020, Phụ lục VI: the kind of document, then the issuing body's
/// abbreviation): "BC-BHXH" for a provincial or district BHXH, "BC" alone
/// for a central unit, whose abbreviation the registry does not hold (the
/// signer's office writes it with the number). One sign for every report a
/// unit sends, collective or personal, quarterly or year-end.
pub fn report_sign(u: Option<&crate::model::Unit>) -> &'static str {
    match u.map(|u| u.level) {
        Some(crate::model::Level::Province | crate::model::Level::District) => "BC-BHXH",
        _ => "BC",
    }
}

/// Date of the documents: given in full, or only its month and year.
#[derive(Clone, Copy, Debug)]
pub enum DocDate {
    Full { day: u32, month: u32, year: i32 },
    MonthYear { month: u32, year: i32 },
}

impl DocDate {
    /// The month after the period, the day left for the clerk: a quarter is
    /// reviewed in the first month of the next quarter (Công văn 1371, mục
    /// B.IV.1.c).
    pub fn default_for(period: &crate::model::Period) -> DocDate {
        let (_, m, y) = period.end_date();
        if m == 12 {
            DocDate::MonthYear { month: 1, year: y + 1 }
        } else {
            DocDate::MonthYear { month: m + 1, year: y }
        }
    }
    pub fn line(&self, place: &str) -> String {
        crate::vn::format::place_and_date(place, &self.words())
    }
    /// The date alone, "ngày 05 tháng 10 năm 2022" or "ngày …… tháng 10
    /// năm 2022": the annex of a Tờ trình names the Tờ trình by its number
    /// and date (Nghị định 30/2020, Phụ lục I, mục II.8: "Kèm theo … số …
    /// ngày … tháng … năm …").
    pub fn words(&self) -> String {
        match *self {
            DocDate::Full { day, month, year } => crate::vn::format::date_words(day, month, year),
            DocDate::MonthYear { month, year } => {
                let (_, m) = date_parts(1, month);
                format!("ngày {BLANK} tháng {m} năm {year}")
            }
        }
    }
}

/// "10 tập thể, 12 lượt khen thưởng" when a collective holds several
/// awards; "12 tập thể" when each holds one: collectives and awards are
/// counted separately (3636 B.IV; an officer checks both).
pub fn count_collectives(units: usize, awards: usize) -> String {
    let (units, awards) = (crate::vn::format::count(units), crate::vn::format::count(awards));
    if units == awards {
        format!("{units} tập thể")
    } else {
        format!("{units} tập thể, {awards} lượt khen thưởng")
    }
}

/// The persons proposed, as minutes name them: grouped by form of award in
/// the order given (the Tờ trình's), each with position and unit —
/// "Bằng khen …: Nguyễn Thị Lan (Phó Trưởng ban, Ban …); Đỗ Minh Tuấn (…);
/// Chiến sĩ thi đua ngành: …".
pub fn persons_by_award(people: &[&crate::model::IndividualDecision]) -> String {
    let mut by_award: Vec<(&str, Vec<String>)> = Vec::new();
    for p in people {
        let who = match p.position.trim() {
            "" => format!("{} ({})", p.full_name, p.unit_name),
            position => format!("{} ({position}, {})", p.full_name, p.unit_name),
        };
        match by_award.iter_mut().find(|(a, _)| *a == p.award) {
            Some((_, v)) => v.push(who),
            None => by_award.push((&p.award, vec![who])),
        }
    }
    by_award.iter().map(|(a, v)| format!("{a}: {}", v.join("; "))).collect::<Vec<_>>().join("; ")
}

/// The sections of the Tờ trình template that only the nominations of
/// Công văn 1371 fill (`render::quarterly::individuals`), empty: for the
/// annual review (Hướng dẫn 3636), which fills the same template.
pub fn to_trinh_without_nominations(m: &mut Map<String, Value>) {
    for (k, v) in [
        ("co_ngoai_nganh", json!(false)),
        ("muc_ngoai_nganh", json!("III")),
        ("tong_ngoai_nganh", json!(0)),
        ("ngoai_nganh_can_cu", json!("")),
        ("ngoai_nganh", json!([])),
        ("co_phu_luc_ca_nhan", json!(false)),
        ("tong_phu_luc_ca_nhan", json!(crate::vn::format::count(0))),
        ("phu_luc_ca_nhan", json!([])),
        ("phu_luc_ghi_chu", json!([])),
    ] {
        m.entry(k).or_insert(v);
    }
}

#[cfg(test)]
mod tests {
    /// The date line's place from the built-in registry: the short name,
    /// Hà Nội for central units, a numbered district with its type, and in
    /// full for a unit named after a person (Nghị định 30/2020, Phụ lục I,
    /// mục I.4.a).
    #[test]
    fn places_of_the_date_line() {
        let reg = crate::registry::Registry::builtin();
        let place = |id: &str| super::place_name(reg.unit(id).unwrap_or_else(|| panic!("{id}")));
        assert_eq!(place("ha-nam"), "Hà Nam");
        assert_eq!(place("thua-thien-hue"), "Thừa Thiên Huế");
        assert_eq!(place("tw.vu-thi-dua-khen-thuong"), "Hà Nội");
        assert_eq!(place("ho-chi-minh"), "Thành phố Hồ Chí Minh");
        assert_eq!(place("ho-chi-minh.quan-1"), "Quận 1");
        assert_eq!(place("ha-noi.hai-ba-trung"), "Quận Hai Bà Trưng");
        assert_eq!(place("hai-phong.le-chan"), "Quận Lê Chân");
        assert_eq!(place("ca-mau.tran-van-thoi"), "Huyện Trần Văn Thời");
        assert_eq!(place("thanh-hoa.thach-thanh"), "Thạch Thành");
    }
}
