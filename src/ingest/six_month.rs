//! What the six-month review reads besides the indicator sheets (Hướng dẫn
//! 3636, mục A.II.3.2.a): which quarter each indicator sheet reports — a
//! half-year inbox holds Quý I and Quý II side by side, each sheet titled
//! with its quarter ("Quý I/2023", "Quý II/2023" or "6 tháng đầu năm 2023")
//! — and the simple sheet of new models and good practices the members
//! report ("Nhân tố mới, mô hình mới").

use super::annual::{find, named_rows, unit_at, At, Sheet};
use super::quarterly::IndicatorSheet;
use super::UnitResolver;
use crate::model::six_month::NewModel;
use crate::model::{Period, Problem};

const NAME: &[&str] = &["Đơn vị", "Tên đơn vị", "Đơn vị thành viên"];
const MODEL: &[&str] = &[
    "Nhân tố mới, mô hình mới",
    "Mô hình mới, nhân tố mới",
    "Mô hình mới, cách làm hay",
    "Nhân tố mới, mô hình mới, cách làm hay",
    "Mô hình mới",
    "Nhân tố mới",
];
const EFFECT: &[&str] = &["Kết quả, hiệu quả", "Hiệu quả", "Kết quả đạt được", "Kết quả"];
/// Columns of the eligibility sheet: a sheet with them is that kind.
const NOT_HERE: &[&str] = &["Đã ký giao ước thi đua", "Tập thể lao động xuất sắc", "Vi phạm nghiêm trọng"];

/// The sheet of new models: `Đơn vị`, `Nhân tố mới, mô hình mới`, and
/// optionally `Kết quả, hiệu quả`. One row per model; a member may have
/// several rows. Rows with no model written are skipped.
pub(crate) fn read_models(g: &Sheet, at: &At, resolver: &dyn UnitResolver, problems: &mut Vec<Problem>) -> Option<Vec<NewModel>> {
    let h = find(g.hk, &[NAME, MODEL], &[EFFECT, NOT_HERE])?;
    if h.opt[1].is_some() {
        return None;
    }
    let (name_c, model_c) = (h.req[0], h.req[1]);
    let mut out = Vec::new();
    let mut near: Option<String> = at.ctx.map(String::from);
    for (r, name) in named_rows(g, h.row + 1, name_c) {
        let text = crate::vn::text::clean(&g.text(r, model_c));
        if text.is_empty() {
            continue;
        }
        let Some(unit) = unit_at(resolver, &name, near.as_deref(), at.cell(r, name_c), problems) else { continue };
        near = Some(unit.clone());
        let effect = h.opt[0].map(|c| crate::vn::text::clean(&g.text(r, c))).unwrap_or_default();
        out.push(NewModel { unit, unit_name: name, text, effect, at: at.cell(r, model_c) });
    }
    Some(out)
}

/// The indicator sheets of a half-year inbox, by quarter: (Quý I, Quý II).
/// A sheet is taken only for the quarter its title or sheet name names;
/// one that names none, or another period, is reported at the sheet and
/// left out — its figures could belong to either quarter.
pub fn split_quarters(sheets: &[IndicatorSheet], year: i32) -> (Vec<IndicatorSheet>, Vec<IndicatorSheet>, Vec<Problem>) {
    let (mut q1, mut q2, mut problems) = (Vec::new(), Vec::new(), Vec::new());
    for s in sheets {
        match &s.period {
            Some((Period::Quarter { year: y, q: 1 }, _)) if *y == year => q1.push(s.clone()),
            Some((Period::Quarter { year: y, q: 2 } | Period::Half { year: y }, _)) if *y == year => q2.push(s.clone()),
            Some((p, at)) => problems.push(Problem::warning(
                "other-period",
                at.clone(),
                format!(
                    "Tiêu đề ghi số liệu {}, không phải Quý I/{year} hay Quý II/{year} của kỳ sơ kết 6 tháng đầu năm {year}; trang tính này không được dùng.",
                    p.label_vi()
                ),
            )),
            None => problems.push(Problem::error(
                "quarter-unknown",
                s.at.clone(),
                format!(
                    "Trang tính số liệu chỉ tiêu không ghi quý ở tiêu đề hay tên trang, nên không biết là số liệu Quý I hay Quý II/{year}; số liệu không được dùng. Ghi tiêu đề \"Quý I/{year}\" hoặc \"Quý II/{year}\" (hoặc đặt tên trang như vậy) rồi chạy lại."
                ),
            )),
        }
    }
    (q1, q2, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Location;

    fn sheet(period: Option<Period>) -> IndicatorSheet {
        IndicatorSheet {
            unread: vec![],
            at: Location::sheet("a.xlsx", "Sheet1"),
            period: period.map(|p| (p, Location::cell("a.xlsx", "Sheet1", 1, 2))),
            columns: vec![],
            rows: vec![],
        }
    }

    #[test]
    fn each_sheet_goes_to_the_quarter_its_title_names_or_nowhere() {
        let y = 2023;
        let sheets = [
            sheet(Some(Period::Quarter { year: y, q: 1 })),
            sheet(Some(Period::Quarter { year: y, q: 2 })),
            sheet(Some(Period::Half { year: y })),
            sheet(Some(Period::Quarter { year: y, q: 3 })),
            sheet(Some(Period::Quarter { year: 2022, q: 1 })),
            sheet(None),
        ];
        let (q1, q2, problems) = split_quarters(&sheets, y);
        assert_eq!((q1.len(), q2.len()), (1, 2));
        assert_eq!(problems.len(), 3);
        let untitled = problems.iter().find(|p| p.code == "quarter-unknown").unwrap();
        assert_eq!(untitled.severity, crate::model::Severity::Error);
        assert!(untitled.message.contains("không biết là số liệu Quý I hay Quý II/2023"), "{}", untitled.message);
    }
}
