//! What the data of every campaign's documents share: the visible blank
//! ("……") left where the inputs do not say (SPEC §4 kind 6), the date line
//! of the documents, and the count of collectives and awards.

use crate::vn::format::date_parts;

pub const BLANK: &str = "……";

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
        match *self {
            DocDate::Full { day, month, year } => crate::vn::format::date_line(place, day, month, year),
            DocDate::MonthYear { month, year } => {
                let (_, m) = date_parts(1, month);
                format!("{place}, ngày {BLANK} tháng {m} năm {year}")
            }
        }
    }
}

/// "10 tập thể, 12 lượt khen thưởng" when a collective holds several
/// awards; "12 tập thể" when each holds one: collectives and awards are
/// counted separately (3636 B.IV; an officer checks both).
pub fn count_collectives(units: usize, awards: usize) -> String {
    if units == awards {
        format!("{units} tập thể")
    } else {
        format!("{units} tập thể, {awards} lượt khen thưởng")
    }
}
