//! Synthetic year-end inboxes (SPEC §8, §10 kinds 1–6): what the members of
//! a block or cluster send for the annual review of Hướng dẫn 3636 —
//! self-assessments, cross-scores of the central units by the provinces,
//! eligibility, the vote tally, the meeting details, individuals proposed,
//! and this year's and last year's indicators. Layouts vary the way real
//! files do (two-row headers, Roman group numbers, numbers typed as text,
//! names typed loosely, a per-ballot tally). Same seed, same bytes.

use super::sheet::{self, Layout, Row, SheetSpec};
use super::{province_figures, slug, typed_name, Rng};
use crate::model::{Cluster, ClusterKind, Level, Num, Period, Unit};
use crate::registry::Registry;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What the synthetic inbox covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnnualScope {
    /// One block or provincial cluster (its secretariat's inbox).
    Cluster(String),
    /// One province's district clusters (its TĐKT council's inbox).
    Province(String),
    /// Every block and cluster (Vụ TĐKT's inbox).
    National,
}

/// The scoring criteria: (code, name, max); groups carry the sum.
const CRITERIA: &[(&str, &str, u32)] = &[
    ("I", "Công tác chỉ đạo, tổ chức phong trào thi đua", 20),
    ("1", "Ban hành kế hoạch, phát động phong trào thi đua", 10),
    ("2", "Sơ kết, tổng kết, nhân rộng điển hình tiên tiến", 10),
    ("II", "Thực hiện nhiệm vụ chuyên môn được giao", 60),
    ("3", "Thu BHXH, BHTN, BHYT và giảm nợ đọng", 20),
    ("4", "Phát triển người tham gia BHXH, BHYT", 20),
    ("5", "Giải quyết, chi trả các chế độ BHXH, BHYT kịp thời", 10),
    ("6", "Cải cách thủ tục hành chính, chuyển đổi số", 10),
    ("III", "Công tác khác", 20),
    ("7", "Thông tin, tuyên truyền", 10),
    ("8", "Xây dựng Đảng, đoàn thể, văn hóa công sở", 10),
];

fn is_group(code: &str) -> bool {
    code.chars().all(|c| c.is_ascii_uppercase())
}

/// A member's points per leaf criterion: (self, verified).
fn points(unit: &str, year: i32, seed: &str) -> Vec<(f64, Option<f64>)> {
    let mut rng = Rng::new(&format!("{seed}|diem|{unit}|{year}"));
    let verify = rng.next_u64().is_multiple_of(3);
    CRITERIA
        .iter()
        .filter(|c| !is_group(c.0))
        .map(|&(_, _, max)| {
            let lost = (rng.next_u64() % 9) as f64 * 0.25;
            let own = (max as f64 - lost).max(0.0);
            let ver = verify.then(|| (own - (rng.next_u64() % 3) as f64 * 0.25).max(0.0));
            (own, ver)
        })
        .collect()
}

fn total(p: &[(f64, Option<f64>)]) -> f64 {
    p.iter().map(|(o, v)| v.unwrap_or(*o)).sum()
}

/// Eligibility of a member: (covenant, title, exceeded, demoted, violation, review, new model).
struct Facts {
    covenant: bool,
    title: bool,
    exceeded: bool,
    demoted: bool,
    violation: bool,
    review: bool,
    model: String,
    achievements: String,
    past: String,
}

fn facts(u: &Unit, year: i32, seed: &str) -> Facts {
    let mut rng = Rng::new(&format!("{seed}|dieu-kien|{}|{year}", u.id));
    let r = rng.next_u64() % 100;
    let models = [
        "Mô hình \"Đại lý thu BHXH, BHYT số\" tại xã, phường",
        "Ứng dụng VssID trong tiếp nhận hồ sơ, trả kết quả",
        "Mô hình \"Tổ tư vấn phát triển người tham gia BHXH tự nguyện\"",
        "Phối hợp liên ngành đôn đốc thu nợ BHXH, BHYT",
    ];
    let model = if rng.next_u64() % 10 < 7 { models[(rng.next_u64() % 4) as usize].to_string() } else { String::new() };
    let exceeded = r % 11 != 5;
    Facts {
        covenant: r != 7,
        title: r % 10 != 3,
        exceeded,
        demoted: r == 13,
        violation: false,
        review: r == 42,
        model,
        achievements: achievements(exceeded, year),
        past: format!(
            "{} - Tập thể lao động xuất sắc - Quyết định của Tổng Giám đốc BHXH Việt Nam\n{} - Bằng khen của Tổng Giám đốc BHXH Việt Nam",
            year - 1,
            year - 2
        ),
    }
}

/// What a unit writes of its year, agreeing with its own yes/no cells: a
/// unit that did not exceed its targets does not claim it (a run warns of
/// a row that does).
fn achievements(exceeded: bool, year: i32) -> String {
    let done = if exceeded { "Hoàn thành vượt mức" } else { "Hoàn thành" };
    format!("{done} các chỉ tiêu được giao năm {year}; không để xảy ra sai sót trong giải quyết chế độ.")
}

struct Styles {
    title: Format,
    head: Format,
    cell: Format,
    num: Format,
}

fn styles() -> Styles {
    let cell = Format::new().set_font_name("Times New Roman").set_border(FormatBorder::Thin);
    Styles {
        title: Format::new().set_bold().set_font_name("Times New Roman").set_font_size(13),
        head: cell.clone().set_bold().set_text_wrap().set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter),
        num: cell.clone().set_num_format("0.00"),
        cell,
    }
}

fn book(year: i32) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(&DocProperties::new().set_author("thidua demo").set_creation_datetime(&ExcelDateTime::from_ymd(
        year as u16 + 1,
        1,
        10,
    )?));
    Ok(wb)
}

fn vn(v: f64) -> String {
    crate::vn::format::format_num(&Num::from_f64(v).unwrap_or_else(Num::zero), 2).trim_end_matches('0').trim_end_matches(',').to_string()
}

/// Kind 2a. `two_row`: "Điểm" merged over "Tối đa / Tự chấm / Thẩm định",
/// points typed as text.
fn self_sheet(ws: &mut Worksheet, st: &Styles, typed: &str, year: i32, p: &[(f64, Option<f64>)], two_row: bool) -> Result<(), XlsxError> {
    ws.write_string_with_format(0, 0, format!("BẢNG TỰ CHẤM ĐIỂM THI ĐUA NĂM {year}"), &st.title)?;
    ws.write_string_with_format(1, 0, format!("Đơn vị: {typed}"), &st.title)?;
    ws.set_column_width(0, 6)?;
    ws.set_column_width(1, 52)?;
    let verified = p.iter().any(|x| x.1.is_some());
    let hr = if two_row {
        ws.merge_range(3, 0, 4, 0, "STT", &st.head)?;
        ws.merge_range(3, 1, 4, 1, "Nội dung tiêu chí", &st.head)?;
        ws.merge_range(3, 2, 3, if verified { 4 } else { 3 }, "Điểm", &st.head)?;
        ws.write_string_with_format(4, 2, "Tối đa", &st.head)?;
        ws.write_string_with_format(4, 3, "Tự chấm", &st.head)?;
        if verified {
            ws.write_string_with_format(4, 4, "Thẩm định", &st.head)?;
        }
        4
    } else {
        for (c, h) in ["STT", "Tiêu chí", "Điểm tối đa", "Điểm tự chấm"].iter().enumerate() {
            ws.write_string_with_format(3, c as u16, *h, &st.head)?;
        }
        if verified {
            ws.write_string_with_format(3, 4, "Điểm thẩm định", &st.head)?;
        }
        3
    };
    let mut r = hr + 1;
    let mut leaf = 0;
    for &(code, name, max) in CRITERIA {
        ws.write_string_with_format(r, 0, code, &st.cell)?;
        ws.write_string_with_format(r, 1, name, &st.cell)?;
        ws.write_number_with_format(r, 2, max as f64, &st.num)?;
        if !is_group(code) {
            let (own, ver) = p[leaf];
            leaf += 1;
            if two_row {
                ws.write_string_with_format(r, 3, vn(own), &st.cell)?;
            } else {
                ws.write_number_with_format(r, 3, own, &st.num)?;
            }
            if let Some(v) = ver {
                ws.write_number_with_format(r, 4, v, &st.num)?;
            }
        }
        r += 1;
    }
    ws.write_string_with_format(r, 1, "Tổng cộng", &st.head)?;
    ws.write_number_with_format(r, 2, 100.0, &st.num)?;
    ws.write_number_with_format(r, 3, p.iter().map(|x| x.0).sum::<f64>(), &st.num)?;
    if verified {
        ws.write_number_with_format(r, 4, total(p), &st.num)?;
    }
    ws.write_string(r + 2, 1, "Ghi chú: điểm thẩm định do Thường trực Cụm thẩm định.")?;
    Ok(())
}

/// Marks of a province for the central units' guidance work (kind 2b).
const GUIDANCE: &[(&str, u32)] = &[
    ("Tiêu chí 1: Chỉ đạo, hướng dẫn nghiệp vụ kịp thời", 10),
    ("Tiêu chí 2: Giải đáp vướng mắc", 5),
    ("Tiêu chí 3: Phối hợp công tác", 5),
];

fn cross_sheet(ws: &mut Worksheet, st: &Styles, scorer: &Unit, scored: &[&Unit], year: i32, seed: &str) -> Result<(), XlsxError> {
    ws.write_string_with_format(0, 0, format!("BẢNG CHẤM ĐIỂM CÔNG TÁC CHỈ ĐẠO, HƯỚNG DẪN NGHIỆP VỤ NĂM {year}"), &st.title)?;
    ws.write_string_with_format(1, 0, format!("Đơn vị chấm: {}", scorer.name), &st.title)?;
    ws.write_string_with_format(3, 0, "STT", &st.head)?;
    ws.write_string_with_format(3, 1, "Đơn vị được chấm", &st.head)?;
    ws.set_column_width(1, 40)?;
    for (i, (n, max)) in GUIDANCE.iter().enumerate() {
        ws.write_string_with_format(3, 2 + i as u16, format!("{n} (tối đa {max} điểm)"), &st.head)?;
        ws.set_column_width(2 + i as u16, 16)?;
    }
    ws.write_string_with_format(3, 5, "Tổng điểm", &st.head)?;
    let mut rng = Rng::new(&format!("{seed}|cheo|{}|{year}", scorer.id));
    for (k, u) in scored.iter().enumerate() {
        let r = 4 + k as u32;
        ws.write_number_with_format(r, 0, (k + 1) as f64, &st.cell)?;
        ws.write_string_with_format(r, 1, &u.name, &st.cell)?;
        let mut sum = 0.0;
        for (i, (_, max)) in GUIDANCE.iter().enumerate() {
            let v = (*max as f64 - (rng.next_u64() % 5) as f64 * 0.5).max(0.0);
            sum += v;
            ws.write_number_with_format(r, 2 + i as u16, v, &st.num)?;
        }
        ws.write_number_with_format(r, 5, sum, &st.num)?;
    }
    Ok(())
}

fn yn(b: bool) -> &'static str {
    if b {
        "Có"
    } else {
        "Không"
    }
}

fn eligibility_sheet(
    ws: &mut Worksheet,
    st: &Styles,
    c: &Cluster,
    members: &[(&Unit, Facts)],
    leads: Option<usize>,
    year: i32,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(0, 0, format!("ĐIỀU KIỆN XÉT THI ĐUA NĂM {year} — {}", c.name.to_uppercase()), &st.title)?;
    let cols = [
        "STT",
        "Đơn vị",
        "Đã ký giao ước thi đua",
        "Tập thể lao động xuất sắc",
        "Hoàn thành vượt mức chỉ tiêu",
        "Bị hạ bậc xếp loại (khoản 4 Điều 13 QĐ 1779)",
        "Vi phạm nghiêm trọng",
        "Đang xem xét kỷ luật, thanh tra, kiểm tra, khiếu nại",
        "Nhân tố mới, mô hình mới",
        "Dẫn đầu lĩnh vực công tác trọng tâm",
        "Thành tích nổi bật",
        "Khen thưởng đã đạt",
    ];
    for (i, h) in cols.iter().enumerate() {
        ws.write_string_with_format(2, i as u16, *h, &st.head)?;
        ws.set_column_width(i as u16, if i == 1 || i >= 8 { 30.0 } else { 12.0 })?;
    }
    for (k, (u, f)) in members.iter().enumerate() {
        let r = 3 + k as u32;
        ws.write_number_with_format(r, 0, (k + 1) as f64, &st.cell)?;
        ws.write_string_with_format(r, 1, &u.name, &st.cell)?;
        // Some secretariats tick with "x" and leave "no" blank.
        let tick = k % 2 == 1;
        for (i, b) in [f.covenant, f.title, f.exceeded, f.demoted, f.violation, f.review].iter().enumerate() {
            if tick {
                if *b {
                    ws.write_string_with_format(r, 2 + i as u16, "x", &st.cell)?;
                }
            } else {
                ws.write_string_with_format(r, 2 + i as u16, yn(*b), &st.cell)?;
            }
        }
        ws.write_string_with_format(r, 8, &f.model, &st.cell)?;
        if leads == Some(k) {
            ws.write_string_with_format(r, 9, "Dẫn đầu công tác phát triển người tham gia BHXH tự nguyện", &st.cell)?;
        }
        ws.write_string_with_format(r, 10, &f.achievements, &st.cell)?;
        ws.write_string_with_format(r, 11, &f.past, &st.cell)?;
    }
    Ok(())
}

/// The tally and, in the same workbook, the meeting details.
#[allow(clippy::too_many_arguments)]
fn tally_and_meeting(
    wb: &mut Workbook,
    st: &Styles,
    c: &Cluster,
    lines: &[(String, &str, u32)],
    per_ballot: bool,
    year: i32,
    head: &Unit,
    deputy: &Unit,
    next: Option<(&Unit, &Unit)>,
    seed: &str,
) -> Result<(), XlsxError> {
    let n = c.members.len() as u32;
    let ws = wb.add_worksheet();
    ws.set_name(if per_ballot { "Kiểm phiếu" } else { "Kết quả bỏ phiếu" })?;
    ws.write_string_with_format(0, 0, format!("KẾT QUẢ BỎ PHIẾU BÌNH XÉT THI ĐUA NĂM {year} — {}", c.name.to_uppercase()), &st.title)?;
    ws.write_string(1, 0, format!("Tổng số đơn vị thành viên: {n}"))?;
    ws.set_column_width(1, 34)?;
    ws.set_column_width(2, 40)?;
    let mut rng = Rng::new(&format!("{seed}|phieu|{}|{year}", c.id));
    if per_ballot {
        for (i, h) in ["STT", "Đơn vị", "Hình thức đề nghị"].iter().enumerate() {
            ws.write_string_with_format(3, i as u16, *h, &st.head)?;
        }
        for b in 0..n {
            ws.write_string_with_format(3, 3 + b as u16, format!("Phiếu {}", b + 1), &st.head)?;
        }
        for (k, (name, award, votes)) in lines.iter().enumerate() {
            let r = 4 + k as u32;
            ws.write_number_with_format(r, 0, (k + 1) as f64, &st.cell)?;
            ws.write_string_with_format(r, 1, name, &st.cell)?;
            ws.write_string_with_format(r, 2, *award, &st.cell)?;
            // Which ballots agree: a deterministic choice of `votes` of n.
            let mut idx: Vec<u32> = (0..n).collect();
            for i in (1..idx.len()).rev() {
                let j = (rng.next_u64() % (i as u64 + 1)) as usize;
                idx.swap(i, j);
            }
            for b in 0..n {
                let yes = idx[..*votes as usize].contains(&b);
                ws.write_string_with_format(r, 3 + b as u16, if yes { "x" } else { "" }, &st.cell)?;
            }
        }
    } else {
        for (i, h) in ["STT", "Đơn vị", "Hình thức đề nghị", "Số phiếu đồng ý"].iter().enumerate() {
            ws.write_string_with_format(3, i as u16, *h, &st.head)?;
        }
        for (k, (name, award, votes)) in lines.iter().enumerate() {
            let r = 4 + k as u32;
            ws.write_number_with_format(r, 0, (k + 1) as f64, &st.cell)?;
            ws.write_string_with_format(r, 1, name, &st.cell)?;
            ws.write_string_with_format(r, 2, *award, &st.cell)?;
            ws.write_number_with_format(r, 3, *votes as f64, &st.cell)?;
        }
    }
    let ws = wb.add_worksheet();
    ws.set_name("Thông tin hội nghị")?;
    ws.set_column_width(0, 24)?;
    ws.set_column_width(1, 80)?;
    ws.write_string_with_format(0, 0, format!("THÔNG TIN HỘI NGHỊ TỔNG KẾT NĂM {year}"), &st.title)?;
    // Blocks meet before their 15/01 deadline, clusters before 25/01.
    let day = if c.kind == ClusterKind::Khoi { 5 + (rng.next_u64() % 9) as u32 } else { 8 + (rng.next_u64() % 12) as u32 };
    let (t_head, t_dep) = if c.kind == ClusterKind::Khoi { ("Khối trưởng", "Khối phó") } else { ("Cụm trưởng", "Cụm phó") };
    let mut names = Rng::new(&format!("{seed}|chu-tri|{}|{year}", c.id));
    let rows: Vec<(String, String)> = vec![
        ("Cụm/Khối".into(), c.name.clone()),
        ("Thời gian".into(), format!("08 giờ 00, ngày {day:02} tháng 01 năm {}", year + 1)),
        ("Địa điểm".into(), format!("Hội trường {}", head.name)),
        // Named, as the minutes print them under the signatures (a role
        // alone leaves the name blank there, with a warning).
        ("Chủ trì".into(), format!("Đồng chí {}, Giám đốc {}, {t_head}", person(&mut names), head.name)),
        ("Thư ký".into(), format!("Đồng chí {}, Văn phòng {}", person(&mut names), head.name)),
        ("Thành phần".into(), format!("Lãnh đạo {} đơn vị thành viên; đại diện Vụ Thi đua - Khen thưởng BHXH Việt Nam", c.members.len())),
        (t_head.into(), head.name.clone()),
        (t_dep.into(), deputy.name.clone()),
        (format!("{t_head} năm sau"), next.map(|x| x.0.name.clone()).unwrap_or_default()),
        (format!("{t_dep} năm sau"), next.map(|x| x.1.name.clone()).unwrap_or_default()),
    ];
    for (i, (k, v)) in rows.iter().enumerate() {
        ws.write_string_with_format(2 + i as u32, 0, k, &st.cell)?;
        ws.write_string_with_format(2 + i as u32, 1, v, &st.cell)?;
    }
    Ok(())
}

/// A person's full name, family name first.
fn person(rng: &mut Rng) -> String {
    const FAMILY: [&str; 10] = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"];
    const GIVEN: [&str; 12] = [
        "Văn Hùng",
        "Thị Mai",
        "Minh Tuấn",
        "Thị Hương",
        "Quốc Bảo",
        "Thanh Hà",
        "Đức Thắng",
        "Thị Lan",
        "Hữu Phước",
        "Ngọc Ánh",
        "Văn Dũng",
        "Thu Trang",
    ];
    format!("{} {}", FAMILY[(rng.next_u64() % 10) as usize], GIVEN[(rng.next_u64() % 12) as usize])
}

fn individuals_sheet(ws: &mut Worksheet, st: &Styles, c: &Cluster, members: &[&Unit], year: i32, seed: &str) -> Result<(), XlsxError> {
    ws.write_string_with_format(0, 0, format!("DANH SÁCH CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG NĂM {year} — {}", c.name.to_uppercase()), &st.title)?;
    for (i, h) in ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Hình thức đề nghị", "Thành tích"].iter().enumerate() {
        ws.write_string_with_format(2, i as u16, *h, &st.head)?;
    }
    let first = ["Nguyễn Thị", "Trần Văn", "Lê Thị", "Phạm Văn", "Hoàng Thị", "Vũ Văn"];
    let last = ["Hoa", "Minh", "Lan", "Hùng", "Thu", "Nam", "Hương", "Dũng"];
    let mut rng = Rng::new(&format!("{seed}|ca-nhan|{}|{year}", c.id));
    for k in 0..2usize {
        let u = members[(rng.next_u64() % members.len() as u64) as usize];
        let r = 3 + k as u32;
        ws.write_number_with_format(r, 0, (k + 1) as f64, &st.cell)?;
        let name = format!("{} {}", first[(rng.next_u64() % 6) as usize], last[(rng.next_u64() % 8) as usize]);
        ws.write_string_with_format(r, 1, name, &st.cell)?;
        ws.write_string_with_format(r, 2, if k == 0 { "Phó Giám đốc" } else { "Trưởng phòng Quản lý thu" }, &st.cell)?;
        ws.write_string_with_format(r, 3, &u.name, &st.cell)?;
        ws.write_string_with_format(r, 4, "Bằng khen của Tổng Giám đốc BHXH Việt Nam", &st.cell)?;
        ws.write_string_with_format(r, 5, format!("Hoàn thành xuất sắc nhiệm vụ năm {year}"), &st.cell)?;
    }
    Ok(())
}

/// Figures of any unit: provinces as `province_figures`, districts about a
/// tenth of their province.
fn figures(u: &Unit, period: &Period) -> BTreeMap<String, Num> {
    let mut f = province_figures(u, period);
    // At the year's end most units have exceeded their plans.
    let mut rng = Rng::new(&format!("vuot-muc|{}|{period}", u.id));
    if !rng.next_u64().is_multiple_of(4) {
        for g in ["thu", "bhxh_bb", "bhxh_tn", "bhyt"] {
            let (Some(plan), Some(done)) = (f.get(&format!("{g}.ke_hoach")).copied(), f.get(&format!("{g}.luy_ke")).copied()) else {
                continue;
            };
            if done < plan {
                let v = Num::int((plan.to_f64() * rng.between(1.001, 1.05)).round() as i64);
                f.insert(format!("{g}.luy_ke"), v);
            }
        }
    }
    if u.level == Level::District {
        for (k, v) in f.iter_mut() {
            if k != "cham_dong.chi_tieu" && k != "ty_trong_dn" {
                *v = Num::int((v.to_f64() / 12.0).round() as i64);
            }
        }
    }
    f
}

/// Last year's figures, consistent with this year's "same period last year".
fn last_year(this: &BTreeMap<String, Num>, u: &Unit, year: i32) -> BTreeMap<String, Num> {
    let mut rng = Rng::new(&format!("nam-truoc|{}|{year}", u.id));
    let mut f = BTreeMap::new();
    for g in ["thu", "bhxh_bb", "bhxh_tn", "bhyt"] {
        let Some(done) = this.get(&format!("{g}.cung_ky")).map(|v| v.to_f64()) else { continue };
        f.insert(format!("{g}.luy_ke"), Num::int(done.round() as i64));
        f.insert(format!("{g}.ke_hoach"), Num::int((done / rng.between(0.98, 1.06)).round() as i64));
        f.insert(format!("{g}.cung_ky"), Num::int((done / rng.between(1.02, 1.12)).round() as i64));
        if g != "thu" {
            f.insert(format!("{g}.dau_nam"), Num::int((done / rng.between(1.02, 1.08)).round() as i64));
        }
    }
    f
}

/// One cluster's files: (relative path, bytes).
fn cluster_files(reg: &Registry, c: &Cluster, year: i32, seed: &str, out: &mut Vec<(String, Vec<u8>)>) -> anyhow::Result<()> {
    let st = styles();
    let members: Vec<&Unit> = c.members.iter().filter_map(|m| reg.unit(m)).collect();
    let folder = slug(&c.id.replace('.', "-"));
    let pts: Vec<Vec<(f64, Option<f64>)>> = members.iter().map(|u| points(&u.id, year, seed)).collect();
    // Self-assessments: each member its own file (blocks, provincial
    // clusters), or one workbook from the cluster head (district clusters).
    if c.kind == ClusterKind::CumHuyen {
        let mut wb = book(year)?;
        for (i, u) in members.iter().enumerate() {
            let ws = wb.add_worksheet();
            ws.set_name(format!("Đơn vị {}", i + 1))?;
            self_sheet(ws, &st, &typed_name(u, i), year, &pts[i], i % 2 == 1)?;
        }
        out.push((format!("{folder}/cham-diem-{folder}.xlsx"), wb.save_to_buffer()?));
    } else {
        for (i, u) in members.iter().enumerate() {
            let mut wb = book(year)?;
            let ws = wb.add_worksheet();
            ws.set_name(if i % 2 == 0 { "Tự chấm" } else { "Sheet1" })?;
            self_sheet(ws, &st, &typed_name(u, i), year, &pts[i], i % 2 == 1)?;
            out.push((format!("{folder}/tu-cham-{}.xlsx", slug(&u.short_name)), wb.save_to_buffer()?));
        }
    }
    // The vote follows the ranking: the best unit meeting the flag's
    // standard is put forward for both flags, the second-placed unit (or,
    // failing it, a unit leading a key field) for the certificate.
    // "Exceeded targets" as the figures say (collection against its plan).
    let fs: Vec<(&Unit, Facts)> = members
        .iter()
        .map(|u| {
            let mut f = facts(u, year, seed);
            let fig = figures(u, &Period::Year { year });
            let over =
                |g: &str| matches!((fig.get(&format!("{g}.luy_ke")), fig.get(&format!("{g}.ke_hoach"))), (Some(a), Some(p)) if a >= p);
            f.exceeded = f.exceeded && ["thu", "bhxh_bb", "bhxh_tn", "bhyt"].iter().all(|g| over(g));
            f.achievements = achievements(f.exceeded, year);
            (*u, f)
        })
        .collect();
    let mut order: Vec<usize> = (0..members.len()).collect();
    order.sort_by(|&a, &b| total(&pts[b]).partial_cmp(&total(&pts[a])).unwrap().then(a.cmp(&b)));
    let ok = |i: usize| {
        let f = &fs[i].1;
        f.covenant && !f.demoted && !f.violation && !f.review
    };
    let considered: Vec<usize> = order.iter().copied().filter(|&i| ok(i)).collect();
    let flag = |i: usize| fs[i].1.title && fs[i].1.exceeded && !fs[i].1.model.is_empty();
    let leader = considered.iter().copied().find(|&i| flag(i));
    let second = considered.get(1).copied();
    let cert = match second {
        Some(s) if Some(s) != leader => Some((s, false)),
        _ => considered.iter().copied().find(|&i| Some(i) != leader).map(|i| (i, true)),
    };
    let mut wb = book(year)?;
    let leads = cert.filter(|c| c.1).map(|c| c.0);
    eligibility_sheet(wb.add_worksheet().set_name("Điều kiện xét")?, &st, c, &fs, leads, year)?;
    out.push((format!("{folder}/dieu-kien-xet-{folder}.xlsx"), wb.save_to_buffer()?));
    let n = members.len() as u32;
    let mut rng = Rng::new(&format!("{seed}|bau|{}|{year}", c.id));
    let mut lines: Vec<(String, &str, u32)> = Vec::new();
    if let Some(l) = leader {
        let v = n - (rng.next_u64() % 2) as u32;
        lines.push((typed_name(members[l], l), "Cờ thi đua của BHXH Việt Nam", v));
        lines.push((members[l].name.clone(), "Cờ thi đua của Chính phủ", (n / 2 + 1 + (rng.next_u64() % 2) as u32).min(n)));
    }
    if let Some((s, _)) = cert {
        lines.push((members[s].name.clone(), "Bằng khen của Tổng Giám đốc BHXH Việt Nam", (n / 2 + 1).min(n)));
    }
    let head_i = (year as usize) % members.len();
    let (head, deputy) = (members[head_i], members[(head_i + 1) % members.len()]);
    let next = (c.number % 2 == 1).then(|| (deputy, members[(head_i + 2) % members.len()]));
    let mut wb = book(year)?;
    tally_and_meeting(&mut wb, &st, c, &lines, c.number.is_multiple_of(3), year, head, deputy, next, seed)?;
    out.push((format!("{folder}/bo-phieu-hoi-nghi-{folder}.xlsx"), wb.save_to_buffer()?));
    if c.kind != ClusterKind::CumHuyen {
        let mut wb = book(year)?;
        individuals_sheet(wb.add_worksheet().set_name("Cá nhân")?, &st, c, &members, year, seed)?;
        out.push((format!("{folder}/ca-nhan-de-nghi-{folder}.xlsx"), wb.save_to_buffer()?));
    }
    Ok(())
}

/// Indicator workbooks of this year and last year for `units`, one
/// workbook per sender (`per_unit`) or one compiled sheet.
fn indicator_files(
    units: &[&Unit],
    sender: &str,
    file: &str,
    year: i32,
    per_unit: bool,
    out: &mut Vec<(String, Vec<u8>)>,
) -> anyhow::Result<()> {
    let this_p = Period::Year { year };
    let last_p = Period::Year { year: year - 1 };
    let rows_this: Vec<Row> = units.iter().enumerate().map(|(i, u)| (typed_name(u, i), figures(u, &this_p))).collect();
    let rows_last: Vec<Row> =
        units.iter().zip(&rows_this).enumerate().map(|(i, (u, r))| (typed_name(u, i + 1), last_year(&r.1, u, year))).collect();
    if per_unit {
        for (i, u) in units.iter().enumerate() {
            for (p, rows, tag) in [(this_p, &rows_this, "nam"), (last_p, &rows_last, "nam-truoc")] {
                let layout = if i % 4 == 1 { Layout::Combined } else { Layout::TwoRow };
                let snd = u.name.to_uppercase();
                let s = SheetSpec { sheet_name: "Biểu 01", sender: &snd, period: p, layout, text_numbers: i % 3 == 2, totals: false };
                let bytes = sheet::write_workbook(&[(s, vec![rows[i].clone()])])?;
                out.push((format!("{file}/chi-tieu-{tag}-{}-{}.xlsx", p.year(), slug(&u.short_name)), bytes));
            }
        }
    } else {
        for (p, rows, tag) in [(this_p, rows_this, "nam"), (last_p, rows_last, "nam-truoc")] {
            let s = SheetSpec { sheet_name: "Tổng hợp", sender, period: p, layout: Layout::TwoRow, text_numbers: false, totals: true };
            let bytes = sheet::write_workbook(&[(s, rows)])?;
            out.push((format!("{file}/chi-tieu-{tag}-{}.xlsx", p.year()), bytes));
        }
    }
    Ok(())
}

/// Write a synthetic year-end inbox into `dir`. `scale` > 1 adds copies of
/// every workbook in subfolders, as units resending the same files; equal
/// copies merge without conflict. Returns the files written.
pub fn generate_annual(reg: &Registry, dir: &Path, year: i32, scope: &AnnualScope, seed: &str, scale: u32) -> anyhow::Result<Vec<PathBuf>> {
    let clusters: Vec<&Cluster> = match scope {
        AnnualScope::Cluster(id) => vec![reg.cluster(id).ok_or_else(|| anyhow::anyhow!("không có Khối/Cụm \"{id}\""))?],
        AnnualScope::Province(id) => {
            let cs: Vec<&Cluster> = reg.clusters().iter().filter(|c| c.province.as_deref() == Some(id.as_str())).collect();
            anyhow::ensure!(!cs.is_empty(), "không có BHXH tỉnh \"{id}\" hoặc tỉnh không có Cụm cấp huyện");
            cs
        }
        AnnualScope::National => reg.clusters().iter().collect(),
    };
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for c in &clusters {
        cluster_files(reg, c, year, seed, &mut files)?;
    }
    // Indicators: each province its own workbooks; the districts of a
    // province in one compiled sheet.
    let provinces: Vec<&Unit> =
        clusters.iter().filter(|c| c.kind == ClusterKind::CumTinh).flat_map(|c| c.members.iter().filter_map(|m| reg.unit(m))).collect();
    if !provinces.is_empty() {
        indicator_files(&provinces, "", "chi-tieu", year, true, &mut files)?;
    }
    let mut by_province: BTreeMap<&str, Vec<&Unit>> = BTreeMap::new();
    for c in clusters.iter().filter(|c| c.kind == ClusterKind::CumHuyen) {
        for u in c.members.iter().filter_map(|m| reg.unit(m)) {
            by_province.entry(c.province.as_deref().unwrap_or("")).or_default().push(u);
        }
    }
    for (p, units) in &by_province {
        let pname = reg.unit(p).map(|u| u.name.to_uppercase()).unwrap_or_default();
        indicator_files(units, &pname, &format!("chi-tieu-huyen/{}", slug(p)), year, false, &mut files)?;
    }
    // Provinces score the central units' guidance work (3636, mục A.II.1.8).
    if clusters.iter().any(|c| c.kind == ClusterKind::Khoi) && *scope == AnnualScope::National {
        let central: Vec<&Unit> = reg.units().iter().filter(|u| u.level == Level::Central).collect();
        let st = styles();
        for p in reg.units().iter().filter(|u| u.level == Level::Province) {
            let mut wb = book(year)?;
            cross_sheet(wb.add_worksheet().set_name("Chấm điểm")?, &st, p, &central, year, seed)?;
            files.push((format!("cham-cheo-khoi/{}.xlsx", slug(&p.short_name)), wb.save_to_buffer()?));
        }
    }
    let mut written = Vec::new();
    for copy in 0..scale.max(1) {
        let sub = if copy == 0 { dir.to_path_buf() } else { dir.join(format!("ban-sao-{copy:03}")) };
        for (name, bytes) in &files {
            let p = sub.join(name);
            std::fs::create_dir_all(p.parent().unwrap_or(&sub))?;
            std::fs::write(&p, bytes)?;
            written.push(p);
        }
    }
    Ok(written)
}
