//! Kind 1 of SPEC §10: the quantitative indicator sheet, one row per unit,
//! with the columns the rules file names (`[[indicator]]`).

use crate::ingest::grid::{Grid, Value};
use crate::ingest::header::{self, FieldSpec, HeaderMatch};
use crate::ingest::number::{self, Reading};
use crate::ingest::period::period_in;
use crate::ingest::UnitResolver;
use crate::model::{CellRef, Location, Name, Num, Period, Problem, UnitId};
use crate::rules::Rules;

/// A figure as read, with its cell.
#[derive(Clone, Debug)]
pub struct Figure {
    /// The indicator's key, shared by every figure of its column.
    pub key: Name,
    pub value: Num,
    pub at: Location,
}

/// One unit's row.
#[derive(Clone, Debug)]
pub struct IndicatorRow {
    pub unit: UnitId,
    pub unit_name: String,
    pub at: Location,
    pub figures: Vec<Figure>,
    /// Indicator keys whose cell held something unusable (already
    /// reported), with the cell: a figure refused here and given elsewhere
    /// is a conflict between the two places (`merge`).
    pub invalid: Vec<(String, Location)>,
    /// Indicator keys whose cell in this row was left empty, with the cell.
    pub blanks: Vec<(String, Location)>,
}

/// An indicator table found in a sheet.
#[derive(Clone, Debug)]
pub struct IndicatorSheet {
    pub at: Location,
    /// The period its title names, and where.
    pub period: Option<(Period, Location)>,
    /// The indicator keys it has columns for.
    pub columns: Vec<String>,
    /// Columns holding numbers under a header that names no indicator
    /// ("Phải thu theo kế hoạch"): the header as typed, and its cell. Named
    /// when a figure the rules require has no column in the sheet, since
    /// the figure may well be there under another name.
    pub unread: Vec<(String, Location)>,
    pub rows: Vec<IndicatorRow>,
}

pub fn field_specs(rules: &Rules) -> Vec<FieldSpec> {
    rules.file.indicators.iter().map(|i| FieldSpec::new(&i.key, &i.groups, &i.headers)).collect()
}

/// Recognise the sheet as an indicator table.
pub fn recognise(grid: &Grid, specs: &[FieldSpec]) -> Option<HeaderMatch> {
    header::find_header(grid, specs, 3, 40)
}

/// The period named above the header (titles), or in the sheet name.
pub fn title_period(grid: &Grid, header_row: u32, file: &Name) -> Option<(Period, Location)> {
    for r in 0..header_row.min(grid.height()) {
        for c in 0..grid.width(r) {
            if let Value::Text(t) = grid.raw(r, c) {
                // "QUÝ III/2022", or a quarter's end: "LŨY KẾ ĐẾN 30/6/2022".
                let dated = || header::without_period_suffix(t).and_then(|(_, p)| p).filter(|p| matches!(p, Period::Quarter { .. }));
                if let Some(p) = period_in(t).filter(|p| !matches!(p, Period::Year { .. })).or_else(dated).or_else(|| period_in(t)) {
                    return Some((p, Location::cell(file, &grid.name, r, c)));
                }
            }
        }
    }
    period_in(&grid.name).map(|p| (p, Location::sheet(file, &grid.name)))
}

/// A unit of measure stated in a header: money as the factor to millions
/// of đồng, persons as the factor to persons.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Stated {
    Money(Num),
    Persons(Num),
}

/// The unit of measure a text states: in brackets after a header ("Kế
/// hoạch năm (tỷ đồng)"), or (`line`) anywhere in an "ĐVT: …" line.
/// `None` for brackets that state no unit ("(1)", "(lũy kế)", "(%)").
pub(crate) fn stated_unit(text: &str, line: bool) -> Option<Stated> {
    let mut parts: Vec<String> = Vec::new();
    if line {
        parts.push(text.to_string());
    } else {
        let mut rest = text;
        while let Some(i) = rest.find('(') {
            let after = &rest[i + 1..];
            let Some(j) = after.find(')') else { break };
            parts.push(after[..j].to_string());
            rest = &after[j + 1..];
        }
    }
    let million = Num::int(1_000_000);
    for part in parts {
        let f = crate::vn::text::ascii_fold(&part).replace(['.', ':'], " ");
        let words: Vec<&str> = f.split_whitespace().collect();
        let has = |w: &[&str]| words.windows(w.len()).any(|x| x == w);
        let found = if has(&["ty", "dong"]) || has(&["ti", "dong"]) || (!line && (words == ["ty"] || words == ["ti"])) {
            Some(Stated::Money(Num::int(1000)))
        } else if has(&["trieu", "dong"]) || has(&["tr", "dong"]) || has(&["tr", "d"]) || has(&["trd"]) || (!line && words == ["trieu"]) {
            Some(Stated::Money(Num::int(1)))
        } else if has(&["nghin", "dong"]) || has(&["ngan", "dong"]) || has(&["1000", "dong"]) {
            Some(Stated::Money(Num::frac(1, 1000)))
        } else if has(&["dong"]) || has(&["vnd"]) {
            Some(Stated::Money(Num::int(1).checked_div(million).unwrap_or(Num::int(1))))
        } else if has(&["nghin", "nguoi"]) || has(&["ngan", "nguoi"]) {
            Some(Stated::Persons(Num::int(1000)))
        } else if has(&["nguoi"]) {
            Some(Stated::Persons(Num::int(1)))
        } else {
            None
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// The money unit the sheet states above its table ("ĐVT: tỷ đồng",
/// "Đơn vị tính: triệu đồng"), with its cell: the unit of every amount
/// column whose headers state none. A line naming two money units states
/// none.
fn sheet_money_unit(grid: &Grid, header_row: u32, file: &Name) -> Option<(Num, Location)> {
    for r in 0..header_row.min(grid.height()) {
        for c in 0..grid.width(r) {
            // "ĐVT: …", "Đơn vị tính: …": a line with a colon; the other
            // title cells are not folded.
            let t = grid.text_ref(r, c);
            if !t.contains(':') {
                continue;
            }
            let f = crate::vn::text::ascii_fold(&t);
            // "ĐVT: …", "Đơn vị tính: …", also inside a title's brackets.
            let Some(rest) = ["dvt", "don vi tinh"].iter().find_map(|k| f.find(k).map(|i| &f[i + k.len()..])) else { continue };
            let rest = rest.split(')').next().unwrap_or(rest);
            let money: Vec<Num> = rest
                .split([',', ';', '/'])
                .filter_map(|p| match stated_unit(p, true) {
                    Some(Stated::Money(k)) => Some(k),
                    _ => None,
                })
                .collect();
            if let [k] = money.as_slice() {
                return Some((*k, Location::cell(file, &grid.name, r, c)));
            }
        }
    }
    None
}

/// The unit a column's headers state, with the cell that states it: its
/// own header cell, then the cells above it (a group's label, merged or
/// typed at the start of its span).
fn column_unit(grid: &Grid, hm: &HeaderMatch, c: u32, file: &Name) -> Option<(Stated, Location)> {
    // The header row and the group row above it; not the titles higher up
    // (a title's "(ĐVT: …)" is the sheet's, `sheet_money_unit`).
    let top = hm.row.saturating_sub(1);
    for r in (top..=hm.row).rev() {
        // The label over this column: the cell itself, or the nearest one
        // to its left in that row (a group typed in its first column),
        // not past the unit-name column.
        let mut cc = c;
        loop {
            let t = grid.text_ref(r, cc);
            // A label merged over the unit-name column is a title.
            let title = grid.merge_of(r, cc).is_some_and(|(_, c0, _, _)| c0 <= hm.name_col);
            if !t.is_empty() && !title {
                if let Some(u) = t.contains('(').then(|| stated_unit(&t, false)).flatten() {
                    let (r0, c0) = grid.merge_of(r, cc).map_or((r, cc), |(r0, c0, ..)| (r0, c0));
                    return Some((u, Location::cell(file, &grid.name, r0, c0)));
                }
                break;
            }
            if r == hm.row || cc == 0 || cc <= hm.name_col + 1 {
                break;
            }
            cc -= 1;
        }
    }
    None
}

/// How an ambiguous text reads the other way than `style` ("94,680" read
/// with an English thousands comma: 94.680), for the message that refuses
/// it.
fn other_reading(t: &str, percent: bool, range: Option<[f64; 2]>, style: number::Style) -> String {
    let other = match style {
        number::Style::Vietnamese => number::Style::English,
        number::Style::English => number::Style::Vietnamese,
    };
    match number::parse_styled(t, percent, range, other) {
        Reading::Value(v) => exact_as(&v, percent),
        _ => "một số khác".into(),
    }
}

/// `exact`, a rate as a percentage ("2,125 %").
fn exact_as(v: &Num, percent: bool) -> String {
    if percent {
        format!("{} %", exact(&v.checked_mul(Num::int(100)).unwrap_or(*v)))
    } else {
        exact(v)
    }
}

/// A figure with every decimal it has (up to 6), the Vietnamese way:
/// "1,234", not "1,23".
fn exact(v: &Num) -> String {
    let s = crate::vn::format::format_num(v, 6);
    match s.split_once(',') {
        Some((int, frac)) if frac.trim_end_matches('0').is_empty() => int.to_string(),
        Some(_) => s.trim_end_matches('0').to_string(),
        None => s,
    }
}

pub fn read(
    grid: &Grid,
    hm: &HeaderMatch,
    file: impl Into<Name>,
    rules: &Rules,
    resolver: &dyn UnitResolver,
    problems: &mut Vec<Problem>,
) -> IndicatorSheet {
    // Shared by every location of the sheet.
    let file: &Name = &file.into();
    // The title's period, or the quarter end a header runs to ("Lũy kế
    // đến 30/6/2022"): a last quarter's sheet left untitled is not read as
    // this quarter's.
    let period = title_period(grid, hm.row, file).or_else(|| hm.dated.map(|(p, r, c)| (p, Location::cell(file, &grid.name, r, c))));
    let other_period = other_period_columns(grid, hm, period.as_ref().map(|p| p.0), file, problems);
    let defs: Vec<_> = hm
        .columns
        .iter()
        .filter(|(_, c)| !other_period.contains(c))
        .filter_map(|(k, c)| rules.file.indicators.iter().find(|i| &i.key == k).map(|d| (d, *c)))
        .collect();
    if let Some((r, c)) = hm.unclear_groups {
        // Group labels typed inside their spans, in single cells, that
        // more than one split of the columns fits (`header::regroup_unmerged`).
        problems.push(Problem::error(
            "header-groups-unclear",
            Location::cell(file, &grid.name, r, c),
            format!(
                "Các tiêu đề nhóm cột ở hàng {} (\"{}\" …) không gộp ô trên các cột của nhóm, và không xác định được cột nào thuộc nhóm nào; số liệu các cột của các nhóm này không được dùng. Gộp ô (Merge) tiêu đề mỗi nhóm trên đúng các cột của nhóm, hoặc ghi tiêu đề nhóm ở cột đầu tiên của nhóm, rồi gửi lại.",
                r + 1,
                grid.text(r, c)
            ),
        ));
    }
    // How each column writes its numbers, from all its text cells: a lone
    // "1.234" is read by the others, or reported when they do not tell.
    // The column decides; failing that the whole sheet (one office types
    // one way); failing that a count of persons cannot be 18,945 people, so
    // it is grouping; anything else is read the Vietnamese way and reported.
    let texts_of =
        |c: u32| (hm.row + 1..grid.height()).filter_map(move |r| if let Value::Text(t) = grid.raw(r, c) { Some(t.as_str()) } else { None });
    let sheet = number::column_style(defs.iter().flat_map(|(_, c)| texts_of(*c)));
    let styles: Vec<(number::Style, bool)> = defs
        .iter()
        .map(|(d, c)| {
            let col = number::column_style(texts_of(*c));
            if col.1 {
                col
            } else if sheet.1 {
                sheet
            } else {
                (number::Style::Vietnamese, d.unit == "người")
            }
        })
        .collect();
    // How each rate column writes a rate without "%": in percent units
    // ("1,5") or as a fraction ("0,015"). A cell that fits only one way
    // tells; the column decides, failing that the sheet's other rates. A
    // cell that fits both ("0,1": 0,1 % or 10 %) is read the way its column
    // or sheet writes, and refused when nothing tells (`rate_or_reading`).
    let column_cells = |(d, c): &(&crate::rules::schema::IndicatorDef, u32)| {
        let c = *c;
        let range = if d.percent { d.range } else { None };
        (hm.row + 1..grid.height()).filter_map(move |r| range.map(|rg| (grid.raw(r, c), rg)))
    };
    let sheet_rates = rate_way(defs.iter().flat_map(column_cells));
    let ways: Vec<Option<bool>> = defs.iter().map(|dc| rate_way(column_cells(dc)).or(sheet_rates)).collect();
    let keys: Vec<Name> = defs.iter().map(|(d, _)| Name::from(&d.key)).collect();
    // The unit each column states ("(tỷ đồng)", "ĐVT: đồng"), brought to
    // the rules' unit: a header that says billions is read as billions.
    // A column whose header states a unit of another kind (persons over
    // an amount) is refused at that header, every figure of it unused.
    let sheet_money = sheet_money_unit(grid, hm.row, file);
    let scales: Vec<Option<Num>> = defs
        .iter()
        .map(|(d, c)| {
            let money = d.unit == "triệu đồng";
            let persons = d.unit == "người";
            match column_unit(grid, hm, *c, file) {
                Some((Stated::Money(k), _)) if money => Some(k),
                Some((Stated::Persons(k), _)) if persons => Some(k),
                Some((stated, at)) if money || persons => {
                    let said = match stated {
                        Stated::Money(_) => "số tiền",
                        Stated::Persons(_) => "số người",
                    };
                    problems.push(Problem::error(
                        "header-unit",
                        at,
                        format!(
                            "Tiêu đề cột \"{}\" ghi đơn vị tính của {said}, nhưng cột này là \"{}\" ({}); không biết số liệu ghi theo đơn vị nào nên cả cột không được dùng. Sửa đơn vị tính ở tiêu đề cho đúng rồi gửi lại.",
                            grid.text(hm.row, *c),
                            d.name,
                            d.unit
                        ),
                    ));
                    None
                }
                _ if money => Some(sheet_money.as_ref().map_or(Num::int(1), |(k, _)| *k)),
                _ => Some(Num::int(1)),
            }
        })
        .collect();
    let mut rows = Vec::new();
    let problems_before = problems.len();
    let mut ctx: Option<Option<String>> = None;
    let mut near_district: Option<Option<String>> = None;
    for r in hm.row + 1..grid.height() {
        let name = grid.text(r, hm.name_col);
        let name_at = Location::cell(file, &grid.name, r, hm.name_col);
        let has_numbers = defs.iter().any(|(d, c)| matches!(reading(grid.raw(r, *c), d.percent, d.range), Reading::Value(_)));
        if name.is_empty() {
            // A totals row labelled in the STT column ("Tổng cộng" in A, the
            // name cell blank) is no unit.
            let total = (0..hm.name_col).any(|c| header::is_total_label(&grid.text(r, c)));
            if has_numbers && !total {
                problems.push(Problem::error(
                    "no-unit-name",
                    name_at,
                    "Dòng có số liệu nhưng không ghi tên đơn vị; dòng này không được dùng.",
                ));
            }
            continue;
        }
        // Totals are not units; nor is the row numbering the columns
        // ("A", "B", "(1)", "(2)" …), whose cells are small column numbers.
        let numbering = header::is_column_number(&name)
            && defs.iter().all(|(_, c)| match reading(grid.raw(r, *c), false, None) {
                Reading::Value(v) => v.0.is_integer() && v.round_scaled(0).abs() <= 200,
                _ => true,
            });
        if header::is_total_label(&name) || numbering {
            continue;
        }
        let first = if has_numbers { resolver.resolve_unit(&name) } else { resolver.resolve_unit_quiet(&name) };
        let first = match first {
            // A district name several provinces share: look in the province
            // the rest of the sheet (or its title) is about.
            Err(_) if has_numbers => {
                let ctx = ctx.get_or_insert_with(|| sheet_context(grid, hm, resolver));
                match ctx {
                    Some(p) => resolver.resolve_unit_near(&name, Some(p)),
                    None => first,
                }
            }
            // A bare name that is both a province and a district of the
            // province this sheet of districts is about.
            Ok((id, n)) if resolver.province_of(&id).as_deref() == Some(id.as_str()) => {
                let near = near_district.get_or_insert_with(|| district_near(grid, hm, resolver));
                match near {
                    Some(d) => resolver.resolve_unit_near(&name, Some(d)),
                    None => Ok((id, n)),
                }
            }
            other => other,
        };
        let (unit, unit_name) = match first {
            Ok(x) => {
                if has_numbers {
                    crate::ingest::note_marks(resolver, &name, &x.1, name_at.clone(), problems);
                }
                x
            }
            // Group titles, notes and signatures carry no figures.
            Err(_) if !has_numbers => continue,
            Err(msg) => {
                problems.push(Problem::error("unknown-unit", name_at, format!("{msg} Số liệu của dòng này không được dùng.")));
                continue;
            }
        };
        let mut row = IndicatorRow {
            unit: unit.clone(),
            unit_name: unit_name.clone(),
            at: name_at,
            figures: Vec::new(),
            invalid: Vec::new(),
            blanks: Vec::new(),
        };
        for (k, (def, c)) in defs.iter().enumerate() {
            let at = Location::cell(file, &grid.name, r, *c);
            let (style, decided) = styles[k];
            let reading = match grid.raw(r, *c) {
                Value::Text(t) if number::is_ambiguous(t) => {
                    let rd = number::parse_styled(t, def.percent, def.range, style);
                    // Nothing in the column or the sheet tells how it is
                    // written: "94,680" is 94,68 the Vietnamese way and
                    // 94.680 the other, a thousandfold apart. Not guessed
                    // (SPEC §13): refused at the cell.
                    match (&rd, decided) {
                        (Reading::Value(v), false) => {
                            problems.push(
                                Problem::error(
                                    "ambiguous-number",
                                    at.clone(),
                                    format!(
                                        "{unit_name}: \"{}\" ghi \"{}\", có thể đọc hai cách ({} theo cách viết Việt Nam, hoặc {} nếu số viết theo kiểu Anh, dấu chấm là dấu thập phân và dấu phẩy phân cách hàng nghìn) và các ô khác trong cột không cho biết cách viết; số liệu này không được dùng. Hãy nhập số không có dấu phân cách hàng nghìn (ví dụ 94680) hoặc định dạng ô là số, rồi gửi lại.",
                                        def.name,
                                        t.trim(),
                                        exact_as(v, def.percent),
                                        other_reading(t, def.percent, def.range, style)
                                    ),
                                )
                                .with_unit(&unit),
                            );
                            Reading::Invalid(String::new())
                        }
                        _ => rd,
                    }
                }
                other => rate_or_reading(other, def.percent, def.range, ways[k]),
            };
            // In the rules' unit (millions of đồng, persons).
            let reading = match (reading, scales[k]) {
                (_, None) => Reading::Invalid(String::new()),
                (Reading::Value(v), Some(s)) if s != Num::int(1) => match v.checked_mul(s) {
                    Some(x) => Reading::Value(x),
                    None => Reading::Invalid("số quá lớn".into()),
                },
                (other, _) => other,
            };
            // A count of persons is a whole number ("33,273" read the
            // Vietnamese way is 33,273 persons).
            let reading = match reading {
                Reading::Value(v) if def.unit == "người" && !v.0.is_integer() => {
                    problems.push(
                        Problem::error(
                            "fractional-count",
                            at.clone(),
                            format!(
                                "{unit_name}: \"{}\" ghi \"{}\", đọc là {} người, không phải số nguyên; có thể nhầm dấu phân cách hàng nghìn với dấu thập phân. Số liệu này không được dùng; hãy kiểm tra lại ô này và gửi lại.",
                                def.name,
                                grid.text(r, *c).chars().take(40).collect::<String>(),
                                exact(&v)
                            ),
                        )
                        .with_unit(&unit),
                    );
                    Reading::Invalid(String::new())
                }
                other => other,
            };
            match reading {
                Reading::Blank => row.blanks.push((def.key.clone(), at)),
                Reading::Value(v) if v.is_negative() && !def.percent => {
                    problems.push(
                        Problem::error(
                            "negative",
                            at.clone(),
                            format!("{unit_name}: \"{}\" là số âm ({}); số liệu này không được dùng.", def.name, v.to_decimal_string(2)),
                        )
                        .with_unit(&unit),
                    );
                    row.invalid.push((def.key.clone(), at));
                }
                Reading::Value(v) if !in_range(&v, def.range) => {
                    let [lo, hi] = def.range.unwrap_or_default();
                    let show = |x: &Num| {
                        if def.percent {
                            crate::vn::format::format_percent_short(x)
                        } else {
                            crate::vn::format::format_figure(x)
                        }
                    };
                    let (lo, hi) = (Num::from_f64(lo).unwrap_or(Num::zero()), Num::from_f64(hi).unwrap_or(Num::zero()));
                    let why = def.range_reason.as_deref().map(|r| format!(" ({r})")).unwrap_or_default();
                    let typed = grid.text(r, *c);
                    problems.push(
                        Problem::error(
                            "implausible",
                            at.clone(),
                            format!(
                                "{unit_name}: \"{}\" ghi \"{}\", đọc là {}, nằm ngoài khoảng hợp lý từ {} đến {}{why}; có thể nhầm đơn vị tính, nhầm cột hoặc gõ thừa số. Số liệu này không được dùng và các tiêu chí cần nó không xác định được. Hãy kiểm tra lại ô này và gửi lại.",
                                def.name,
                                typed.chars().take(40).collect::<String>(),
                                show(&v),
                                show(&lo),
                                show(&hi)
                            ),
                        )
                        .with_unit(&unit),
                    );
                    row.invalid.push((def.key.clone(), at));
                }
                Reading::Value(v) => row.figures.push(Figure { key: keys[k].clone(), value: v, at }),
                // Already reported above.
                Reading::Invalid(why) if why.is_empty() => row.invalid.push((def.key.clone(), at)),
                Reading::Invalid(why) => {
                    problems.push(
                        Problem::error(
                            "bad-number",
                            at.clone(),
                            format!("{unit_name}: \"{}\": {why}; số liệu này không được dùng.", def.name),
                        )
                        .with_unit(&unit),
                    );
                    row.invalid.push((def.key.clone(), at));
                }
            }
        }
        for (key, c2) in &hm.twins {
            let Some((def, c1)) = defs.iter().find(|(d, _)| &d.key == key) else { continue };
            if row.invalid.iter().any(|(k, _)| k == &def.key) {
                continue;
            }
            let (a, b) = (reading(grid.raw(r, *c1), def.percent, def.range), reading(grid.raw(r, *c2), def.percent, def.range));
            let same = match (&a, &b) {
                (Reading::Blank, Reading::Blank) => true,
                (Reading::Value(x), Reading::Value(y)) => x == y,
                _ => false,
            };
            if same {
                continue;
            }
            let shown = |rd: &Reading, c: u32| match rd {
                Reading::Blank => "để trống".to_string(),
                Reading::Value(v) if def.percent => crate::vn::format::format_percent_short(v),
                Reading::Value(v) => crate::vn::format::format_figure(v),
                Reading::Invalid(_) => format!("\"{}\"", grid.text(r, c).trim().chars().take(40).collect::<String>()),
            };
            problems.push(
                Problem::error(
                    "twin-columns",
                    Location::cell(file, &grid.name, r, *c2),
                    format!(
                        "{unit_name}: có hai cột cùng là \"{}\" (cột \"{}\" và cột \"{}\"), ô {} ghi {} còn ô {} ghi {}; không biết cột nào đúng nên số liệu này không được dùng. Hãy chỉ để một cột cho chỉ tiêu này (hoặc ghi rõ tiêu đề từng cột) rồi gửi lại.",
                        def.name,
                        crate::vn::text::clean(&grid.text(hm.row, *c1)),
                        crate::vn::text::clean(&grid.text(hm.row, *c2)),
                        CellRef::new(r, *c1),
                        shown(&a, *c1),
                        CellRef::new(r, *c2),
                        shown(&b, *c2),
                    ),
                )
                .with_unit(&unit),
            );
            row.figures.retain(|f| f.key.as_str() != def.key);
            row.blanks.retain(|(k, _)| k != &def.key);
            row.invalid.push((def.key.clone(), Location::cell(file, &grid.name, r, *c2)));
        }
        unlike_sizes(&mut row, &defs, |c| grid.text(r, c), problems);
        rows.push(row);
    }
    if rows.is_empty() && problems.len() == problems_before {
        // A form sent back with its header and no unit's row: say so, or
        // the officer believes the unit's figures were read.
        problems.push(Problem::warning(
            "empty-table",
            Location::cell(file, &grid.name, hm.row, hm.name_col),
            "Trang có dòng tiêu đề của bảng chỉ tiêu thi đua nhưng không có dòng số liệu nào của đơn vị bên dưới; không có số liệu nào được đọc từ trang này. Hãy điền tên đơn vị và số liệu rồi gửi lại.",
        ));
    }
    problems.extend(title_of_another_cluster(grid, hm.row, file, &rows, resolver));
    let unread = unread_columns(grid, hm, file);
    IndicatorSheet {
        unread,
        at: Location::sheet(file, &grid.name),
        period,
        columns: hm.columns.iter().map(|(k, _)| k.clone()).collect(),
        rows,
    }
}

/// A title naming a block or cluster ("CỤM THI ĐUA CẤP TỈNH SỐ IV") over
/// rows none of whose units is its member, most being another's: the file
/// of another cluster, or its form copied and not retitled. The figures are
/// read by each row's unit name, which is certain; the title is said at its
/// cell so that the officer checks the file is the one meant (it had been
/// read without a word).
///
/// "Cụm thi đua số 3" alone names no level or province: it is taken for
/// the cluster of that number most of the rows' units belong to, as the
/// year-end sheets read their titles (`ingest::annual::title_cluster`).
fn title_of_another_cluster(grid: &Grid, header: u32, file: &Name, rows: &[IndicatorRow], resolver: &dyn UnitResolver) -> Option<Problem> {
    let mut units: Vec<&str> = rows.iter().map(|r| r.unit.as_str()).collect();
    units.sort_unstable();
    units.dedup();
    if units.is_empty() {
        return None;
    }
    // A title naming no cluster the registry knows is left to the rows.
    let (titled, r, c) = crate::ingest::annual::title_cluster_cell(grid, header, None, resolver, &units)?;
    let mut by: Vec<(usize, String)> = Vec::new();
    for cl in units.iter().filter_map(|u| resolver.cluster_of_unit(u)) {
        match by.iter_mut().find(|(_, id)| *id == cl) {
            Some(e) => e.0 += 1,
            None => by.push((1, cl)),
        }
    }
    if by.iter().any(|(_, id)| *id == titled) {
        return None;
    }
    by.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let (n, other) = by.into_iter().next()?;
    if 2 * n <= units.len() {
        return None;
    }
    let (titled, other) = (resolver.cluster_name(&titled), resolver.cluster_name(&other));
    Some(Problem::warning(
        "title-cluster",
        Location::cell(file, &grid.name, r, c),
        format!(
            "Tiêu đề ghi {titled}, nhưng {n}/{} đơn vị trong bảng là đơn vị của {other}, không đơn vị nào thuộc {titled}; số liệu vẫn được đọc theo tên đơn vị ở từng dòng. Hãy kiểm tra đây có đúng là bảng của {other} không, rồi sửa tiêu đề cho khớp.",
            units.len()
        ),
    ))
}

/// Amounts of the row further apart than the rules file allows
/// (`same_size`, a hundredfold) from the one of the same row they are
/// normally of a size with (SPEC §13: a value that shows a
/// wrong unit is an error at its cell): an error at each such cell, saying
/// which unit it looks typed in. Which of the two is wrong is told only when
/// another amount of the row agrees with the one they are measured against
/// (the collection with the amount due while the plan is off: the plan is
/// wrong); otherwise neither is used. Needs no other file.
fn unlike_sizes(
    row: &mut IndicatorRow,
    defs: &[(&crate::rules::schema::IndicatorDef, u32)],
    typed: impl Fn(u32) -> String,
    problems: &mut Vec<Problem>,
) {
    let value = |row: &IndicatorRow, k: &str| row.figures.iter().find(|f| f.key.as_str() == k).map(|f| (f.value, f.at.clone()));
    // Each amount checked: its def and column, its value and cell, the
    // one it is measured against, and how many times the one the other.
    let mut checked = Vec::new();
    for (def, c) in defs {
        let Some(same) = &def.same_size else { continue };
        let other_key = same.with.as_str();
        let (Some((v, at)), Some((w, w_at))) = (value(row, &def.key), value(row, other_key)) else { continue };
        if !v.is_positive() || !w.is_positive() {
            continue;
        }
        // How far apart is a rules-file setting (thu-2022.toml: 100 times,
        // when collected is normally 50–110 % of due and a year's plan one to
        // four times a quarter's due, while an amount in tỷ đồng or đồng in a
        // form of triệu đồng is 1.000 or 1.000.000 times off).
        checked.push((def, *c, v, at, other_key, w, w_at, v.to_f64() / w.to_f64(), same.within));
    }
    let off = |ratio: f64, within: f64| ratio <= 1.0 / within || ratio >= within;
    let mut refused: Vec<(String, Location)> = Vec::new();
    for (def, c, v, at, other_key, w, w_at, ratio, within) in &checked {
        if !off(*ratio, *within) {
            continue;
        }
        // Another amount of the row of a size with the same one: that one
        // is right, and this one is wrong.
        let confirmed = checked.iter().any(|(d, _, _, _, k, _, _, r, n)| k == other_key && d.key != def.key && !off(*r, *n));
        let other_name = defs.iter().find(|(d, _)| d.key == *other_key).map_or(*other_key, |(d, _)| d.name.as_str());
        let cell = w_at.cell.as_ref().map_or(String::new(), |c| c.to_string());
        let smaller = *ratio < 1.0;
        let apart = if smaller { 1.0 / ratio } else { *ratio };
        let times = crate::vn::format::format_figure(&Num::int(apart.round().min(1e15) as i64));
        // The unit it looks typed in: the nearest power of a thousand
        // (tỷ đồng is a thousand triệu, đồng a millionth).
        let thousands = (apart.log10() / 3.0).round() as i32;
        let looks = match (smaller, thousands, confirmed) {
            (true, 1, true) => "có vẻ số này ghi bằng tỷ đồng thay cho triệu đồng".to_string(),
            (true, 1, false) => format!("có vẻ số này ghi bằng tỷ đồng thay cho triệu đồng (hoặc ô {cell} ghi bằng nghìn đồng)"),
            (true, 2, _) => format!("có vẻ ô {cell} ghi bằng đồng thay cho triệu đồng, hoặc số này thiếu chữ số"),
            (false, 1, true) => "có vẻ số này ghi bằng nghìn đồng thay cho triệu đồng, hoặc thừa chữ số".to_string(),
            (false, 1, false) => format!("có vẻ ô {cell} ghi bằng tỷ đồng thay cho triệu đồng (hoặc số này ghi bằng nghìn đồng)"),
            (false, 2, _) => "có vẻ số này ghi bằng đồng thay cho triệu đồng".to_string(),
            _ => "có vẻ một trong hai số ghi nhầm đơn vị tính, nhầm cột hoặc thừa, thiếu chữ số".to_string(),
        };
        let not_used = if confirmed {
            "Số liệu này không được dùng, các tiêu chí cần nó không xác định được".to_string()
        } else {
            format!("Không biết số nào đúng nên số liệu này và số ở ô {cell} không được dùng, các tiêu chí cần chúng không xác định được")
        };
        problems.push(
            Problem::error(
                "unlike-sizes",
                at.clone(),
                format!(
                    "{}: \"{}\" ghi \"{}\", đọc là {} {}, {} khoảng {times} lần \"{other_name}\" cùng dòng (ô {cell}: {} {}), trong khi hai số này thường cùng cỡ (không chênh nhau tới {} lần): {looks}. {not_used}. Hãy ghi lại đúng đơn vị tính ({}) rồi gửi lại.",
                    row.unit_name,
                    def.name,
                    typed(*c).trim().chars().take(40).collect::<String>(),
                    crate::vn::format::format_figure(v),
                    def.unit,
                    if smaller { "nhỏ hơn" } else { "lớn hơn" },
                    crate::vn::format::format_figure(w),
                    def.unit,
                    crate::vn::format::format_figure(&Num::from_f64(*within).unwrap_or(Num::int(100))),
                    def.unit,
                ),
            )
            .with_unit(&row.unit),
        );
        let mut refuse = vec![(def.key.clone(), at.clone())];
        if !confirmed {
            refuse.push((other_key.to_string(), w_at.clone()));
        }
        for (k, at) in refuse {
            if !refused.iter().any(|(r, _)| *r == k) {
                refused.push((k, at));
            }
        }
    }
    row.figures.retain(|f| !refused.iter().any(|(k, _)| f.key.as_str() == k));
    row.invalid.extend(refused);
}

/// The matched columns whose header dates them to another period than
/// their sheet's ("Thực hiện năm 2021" on a sheet of Quý IV/2022): an error
/// at the header each, and the column is not read, since its figures are not
/// this period's. Last year's columns ("Cùng kỳ năm 2021", "Số người đến
/// 31/12/2021") are the year before by their nature.
fn other_period_columns(grid: &Grid, hm: &HeaderMatch, sheet: Option<Period>, file: &Name, problems: &mut Vec<Problem>) -> Vec<u32> {
    let Some(sheet) = sheet else { return Vec::new() };
    let mut out = Vec::new();
    for &(p, r, c) in &hm.dates {
        let Some((key, _)) = hm.columns.iter().find(|(_, col)| *col == c) else { continue };
        let back = i32::from(key.ends_with(".cung_ky") || key.ends_with(".dau_nam"));
        let year = sheet.year() - back;
        let fits = match (p, sheet) {
            (Period::Quarter { year: y, q }, Period::Quarter { q: sq, .. }) => y == year && q == sq,
            (Period::Quarter { year: y, .. } | Period::Year { year: y } | Period::Half { year: y }, _) => y == year,
        };
        if fits {
            continue;
        }
        let said = match p {
            Period::Quarter { year, q: 4 } => format!("đến 31/12/{year}"),
            other => other.label_vi(),
        };
        problems.push(Problem::error(
            "column-of-another-period",
            Location::cell(file, &grid.name, r, c),
            format!(
                "Cột \"{}\" ghi số liệu {said}, không phải của {} như bảng; số liệu cột này không được đọc (các tiêu chí cần đến chưa xác định được, không tính là 0). Nếu đúng là số liệu {}, hãy sửa tiêu đề cột rồi gửi lại.",
                grid.text(r, c),
                sheet.label_vi(),
                sheet.label_vi()
            ),
        ));
        out.push(c);
    }
    out
}

/// How cells of rates written without "%" (each with its plausible range)
/// write them: `Some(true)` as fractions ("0,015" = 1,5 %), `Some(false)`
/// in percent units ("1,5"), `None` when no cell tells or they disagree. A
/// cell tells when it fits its range only one way.
pub(crate) fn rate_way<'v>(cells: impl Iterator<Item = (&'v Value, [f64; 2])>) -> Option<bool> {
    let (mut units, mut fraction) = (false, false);
    for (v, [lo, hi]) in cells {
        if let Some((u, f)) = bare_rate_fits(v, lo, hi) {
            units |= u && !f;
            fraction |= f && !u;
        }
    }
    match (units, fraction) {
        (true, false) => Some(false),
        (false, true) => Some(true),
        _ => None,
    }
}

/// `reading`, except for a rate written without "%" that fits its range
/// both ways ("0,1": 0,1 % or 10 %): the way its column or sheet writes
/// (`rate_way`) decides, and when nothing tells it is refused, since a
/// figure guessed one way or the other would decide a criterion.
pub(crate) fn rate_or_reading(v: &Value, percent: bool, range: Option<[f64; 2]>, way: Option<bool>) -> Reading {
    let Some([lo, hi]) = range.filter(|_| percent) else { return reading(v, percent, range) };
    if bare_rate_fits(v, lo, hi) != Some((true, true)) {
        return reading(v, percent, range);
    }
    match (way, reading(v, false, None)) {
        (Some(true), Reading::Value(n)) => Reading::Value(n),
        (None, Reading::Value(n)) => {
            let units = n.checked_div(Num::int(100)).unwrap_or(n);
            let pct = |x: &Num| crate::vn::format::format_percent_short(x);
            Reading::Invalid(format!(
                "ghi {} không có dấu %, có thể là {} hoặc {}, và các ô khác không cho biết cách ghi tỷ lệ; hãy ghi rõ dấu % (ví dụ \"{}\" hoặc \"{}\") rồi gửi lại",
                pct(&units).trim_end_matches(" %"),
                pct(&units),
                pct(&n),
                pct(&units).replace(' ', ""),
                pct(&n).replace(' ', ""),
            ))
        }
        _ => reading(v, percent, range),
    }
}

/// For a rate written without "%" (a plain number, or text without the
/// sign): whether it fits the plausible range `lo..=hi` (as a fraction) when
/// read in percent units, and when read as a fraction. `None` for anything
/// else (a percent-formatted cell, "1,5%", a blank, a word).
fn bare_rate_fits(v: &Value, lo: f64, hi: f64) -> Option<(bool, bool)> {
    let n = match v {
        Value::Number { v, percent_format: false } => *v,
        Value::Text(t) if !t.contains('%') => match number::parse_text(t, false) {
            Reading::Value(n) => n.to_f64(),
            _ => return None,
        },
        _ => return None,
    };
    let inside = |x: f64| (lo..=hi).contains(&x);
    Some((inside(n / 100.0), inside(n)))
}

/// Whether a value read lies in its plausible range (SPEC §13).
fn in_range(v: &Num, range: Option<[f64; 2]>) -> bool {
    match range {
        None => true,
        Some([lo, hi]) => {
            let (Some(lo), Some(hi)) = (Num::from_f64(lo), Num::from_f64(hi)) else { return true };
            *v >= lo && *v <= hi
        }
    }
}

/// The columns right of the units' names that hold numbers under a header
/// no indicator was matched to, at most six, in the sheet's order.
fn unread_columns(grid: &Grid, hm: &HeaderMatch, file: &Name) -> Vec<(String, Location)> {
    let matched = |c: u32| hm.columns.iter().chain(&hm.twins).any(|(_, mc)| *mc == c) || hm.stt_col == Some(c);
    (hm.name_col + 1..grid.width(hm.row))
        .filter(|&c| !matched(c))
        .filter_map(|c| {
            let header = crate::vn::text::clean(&grid.text(hm.row, c));
            let numbers = (hm.row + 1..grid.height()).any(|r| matches!(reading(grid.raw(r, c), false, None), Reading::Value(_)));
            (!header.is_empty() && !header::is_column_number(&header) && numbers)
                .then(|| (header, Location::cell(file, &grid.name, hm.row, c)))
        })
        .take(6)
        .collect()
}

pub(crate) fn reading(v: &Value, percent: bool, range: Option<[f64; 2]>) -> Reading {
    match v {
        Value::Empty => Reading::Blank,
        Value::Text(t) => number::parse_text_in(t, percent, range),
        Value::Number { v, percent_format } => number::from_number_in(*v, percent, *percent_format, range),
        Value::Bool(_) => Reading::Invalid("giá trị đúng/sai không phải là số".into()),
        Value::Error(e) => Reading::Invalid(format!("ô có lỗi công thức {e}")),
        Value::Date(_) => Reading::Invalid("ô là ngày tháng, không phải số".into()),
        Value::Uncomputed => Reading::Invalid(
            "ô chứa công thức nhưng chưa có kết quả tính (tệp do phần mềm khác tạo, chưa mở bằng Excel); hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi gửi".into(),
        ),
    }
}

/// The province a sheet is about: the one most of its uniquely named units
/// belong to, or one named in the rows above the header ("BHXH TỈNH BẾN TRE").
fn sheet_context(grid: &Grid, hm: &HeaderMatch, resolver: &dyn UnitResolver) -> Option<String> {
    let ids = (hm.row + 1..grid.height()).filter_map(|r| resolver.resolve_unit_quiet(&grid.text(r, hm.name_col)).ok()).map(|x| x.0);
    crate::ingest::majority_province(ids, resolver).or_else(|| crate::ingest::province_in_title(grid, hm.row.min(6), resolver))
}

/// A district unit of the sheet, when the sheet lists districts.
fn district_near(grid: &Grid, hm: &HeaderMatch, resolver: &dyn UnitResolver) -> Option<String> {
    (hm.row + 1..grid.height())
        .filter_map(|r| resolver.resolve_unit_quiet(&grid.text(r, hm.name_col)).ok())
        .map(|(id, _)| id)
        .find(|id| resolver.province_of(id).is_some_and(|p| p != *id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_stated_in_headers_as_officers_write_them() {
        let money = |t: &str| match stated_unit(t, false) {
            Some(Stated::Money(k)) => Some(k),
            _ => None,
        };
        assert_eq!(money("Kế hoạch năm (triệu đồng)"), Some(Num::int(1)));
        assert_eq!(money("Thực hiện (Tr.đ)"), Some(Num::int(1)));
        assert_eq!(money("Thực hiện (trđ)"), Some(Num::int(1)));
        assert_eq!(money("Số thu (Tỷ đồng)"), Some(Num::int(1000)));
        assert_eq!(money("Số thu (tỉ đồng)"), Some(Num::int(1000)));
        assert_eq!(money("Số tiền (nghìn đồng)"), Some(Num::frac(1, 1000)));
        assert_eq!(money("Số tiền (đồng)"), Some(Num::frac(1, 1_000_000)));
        assert_eq!(money("Số tiền (VNĐ)"), Some(Num::frac(1, 1_000_000)));
        assert_eq!(stated_unit("Số người (nghìn người)", false), Some(Stated::Persons(Num::int(1000))));
        // Brackets that state no unit.
        for t in ["(1)", "Thực hiện (lũy kế)", "Tỷ trọng (%)", "Cùng kỳ (2021)", "Kế hoạch"] {
            assert_eq!(stated_unit(t, false), None, "{t}");
        }
    }
}
