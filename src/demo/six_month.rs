//! Demo inboxes for the rest of a block's or cluster's year (Hướng dẫn
//! 3636, mục A.II): a cluster's quarter with the previous quarter's sheet
//! beside it (the head's quarterly report, mục A.II.1.8), and the six-month
//! review (mục A.II.3.2.a): each member's workbook with its Quý I and Quý
//! II sheets, the sheet of new models, and the conference's details.
//! Deterministic: the same cluster, period and seed give the same bytes.

use super::sheet::{self, Layout, Row, SheetSpec};
use super::{province_figures, slug, typed_name, Rng};
use crate::model::{Cluster, Num, Period, Unit};
use crate::registry::Registry;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatBorder, Workbook};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn int(v: f64) -> Num {
    Num::int(v.round() as i64)
}

fn f(m: &BTreeMap<String, Num>, k: &str) -> f64 {
    m.get(k).map_or(0.0, |v| v.to_f64())
}

/// The figures of an earlier quarter-end consistent with `later`'s: the
/// same plans and 31/12 counts, a share `r` of what was done by then.
pub fn earlier_figures(later: &BTreeMap<String, Num>, r: f64) -> BTreeMap<String, Num> {
    let mut e = later.clone();
    e.insert("thu.luy_ke".into(), int(f(later, "thu.luy_ke") * r));
    e.insert("thu.cung_ky".into(), int(f(later, "thu.cung_ky") * r));
    for k in ["bhxh_bb", "bhxh_tn", "bhyt"] {
        let start = f(later, &format!("{k}.dau_nam"));
        let now = f(later, &format!("{k}.luy_ke"));
        let last = f(later, &format!("{k}.cung_ky"));
        e.insert(format!("{k}.luy_ke"), int(start + (now - start) * r));
        e.insert(format!("{k}.cung_ky"), int(last - (now - start) * (1.0 - r) * 0.9));
    }
    let due = f(later, "cham_dong.phai_thu") * r;
    e.insert("cham_dong.phai_thu".into(), int(due));
    let ratio = f(later, "cham_dong.so_tien") / f(later, "cham_dong.phai_thu").max(1.0);
    e.insert("cham_dong.so_tien".into(), int(due * ratio * (0.9 + r * 0.2)));
    e
}

fn members<'r>(reg: &'r Registry, c: &Cluster) -> Vec<&'r Unit> {
    c.members.iter().filter_map(|m| reg.unit(m)).collect()
}

fn spec<'a>(name: &'a str, sender: &'a str, period: Period, n: usize) -> SheetSpec<'a> {
    SheetSpec {
        sheet_name: name,
        sender,
        period,
        layout: if n % 3 == 2 { Layout::Combined } else { Layout::TwoRow },
        text_numbers: n % 4 == 1,
        totals: false,
    }
}

/// A cluster's quarter: the head's compiled sheet of the quarter and, in
/// the same workbook, the previous quarter's (the quarter's own result is
/// the difference), as the head's secretariat keeps them.
pub fn generate_cluster_quarter(dir: &Path, cluster: &str, period: &Period) -> anyhow::Result<Vec<PathBuf>> {
    let reg = Registry::builtin();
    let c = reg.cluster(cluster).ok_or_else(|| anyhow::anyhow!("không có Khối/Cụm \"{cluster}\""))?;
    let Period::Quarter { year, q } = *period else { anyhow::bail!("kỳ quý, ví dụ 2022-Q3") };
    std::fs::create_dir_all(dir)?;
    let sender = c.name.to_uppercase();
    let now: Vec<Row> = members(reg, c).iter().enumerate().map(|(i, u)| (typed_name(u, i), province_figures(u, period))).collect();
    let this_name = format!("Quý {}", crate::model::period::roman(q as u32));
    let mut sheets = vec![(spec(&this_name, &sender, *period, 0), now.clone())];
    let prev_name;
    if q > 1 {
        let pp = Period::Quarter { year, q: q - 1 };
        prev_name = format!("Quý {}", crate::model::period::roman(q as u32 - 1));
        let r = (q as f64 - 1.0) / q as f64;
        let before: Vec<Row> = now.iter().map(|(n, f)| (n.clone(), earlier_figures(f, r))).collect();
        sheets.push((SheetSpec { sheet_name: &prev_name, ..spec("", &sender, pp, 0) }, before));
    }
    let name = format!("{}-quy-{q}-{year}.xlsx", slug(&c.name));
    let path = dir.join(name);
    std::fs::write(&path, sheet::write_workbook(&sheets)?)?;
    Ok(vec![path])
}

/// The six-month review's inbox of one block or cluster.
pub fn generate_six_month(dir: &Path, cluster: &str, year: i32, seed: &str) -> anyhow::Result<Vec<PathBuf>> {
    let reg = Registry::builtin();
    let c = reg.cluster(cluster).ok_or_else(|| anyhow::anyhow!("không có Khối/Cụm \"{cluster}\""))?;
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    let (p1, p2) = (Period::Quarter { year, q: 1 }, Period::Quarter { year, q: 2 });
    let us = members(reg, c);
    for (i, u) in us.iter().enumerate() {
        let f2 = province_figures(u, &p2);
        let mut rng = Rng::new(&format!("{seed}|6t|{}|{year}", u.id));
        let f1 = earlier_figures(&f2, rng.between(0.38, 0.52));
        let sender = u.name.to_uppercase();
        // One member titles its second sheet "6 tháng đầu năm".
        let second = if i == 2 { Period::Half { year } } else { p2 };
        let bytes = sheet::write_workbook(&[
            (spec("Quý I", &sender, p1, i), vec![(typed_name(u, i), f1)]),
            (spec(if i == 2 { "6 tháng" } else { "Quý II" }, &sender, second, i), vec![(typed_name(u, i), f2)]),
        ])?;
        let path = dir.join(format!("{}-6-thang-{year}.xlsx", slug(&u.short_name)));
        std::fs::write(&path, bytes)?;
        written.push(path);
    }
    // The head's secretariat: new models reported, and the conference.
    let head = reg.term(&c.id, year).and_then(|t| reg.unit(&t.head)).or(us.first().copied());
    let mut wb = Workbook::new();
    wb.set_properties(&DocProperties::new().set_author("thidua demo").set_creation_datetime(&ExcelDateTime::from_ymd(year as u16, 7, 10)?));
    let cell = Format::new().set_font_name("Times New Roman").set_border(FormatBorder::Thin).set_text_wrap();
    let title = Format::new().set_bold().set_font_name("Times New Roman").set_font_size(13);
    let ws = wb.add_worksheet();
    ws.set_name("Mô hình mới")?;
    ws.write_string_with_format(0, 0, format!("MÔ HÌNH MỚI, CÁCH LÀM HAY 6 THÁNG ĐẦU NĂM {year} — {}", c.name.to_uppercase()), &title)?;
    for (k, h) in ["STT", "Đơn vị", "Nhân tố mới, mô hình mới", "Kết quả, hiệu quả"].iter().enumerate() {
        ws.write_string_with_format(2, k as u16, *h, &cell)?;
    }
    ws.set_column_width(1, 28)?;
    ws.set_column_width(2, 60)?;
    ws.set_column_width(3, 40)?;
    let models = [
        ("Tổ dịch vụ thu BHXH tự nguyện, BHYT hộ gia đình tại thôn, tổ dân phố", "Tăng 1.250 người tham gia BHXH tự nguyện trong 6 tháng"),
        ("Đối thoại định kỳ với doanh nghiệp chậm đóng tại khu công nghiệp", "Giảm số tiền chậm đóng ở các doanh nghiệp được đối thoại"),
        ("Tra cứu quá trình tham gia qua ứng dụng VssID tại bộ phận một cửa", ""),
    ];
    for (r, (k, u)) in (3u32..).zip(us.iter().enumerate().filter(|(k, _)| k % 2 == 0).take(models.len())) {
        let (m, e) = models[(k / 2) % models.len()];
        ws.write_number_with_format(r, 0, (r - 2) as f64, &cell)?;
        ws.write_string_with_format(r, 1, &u.name, &cell)?;
        ws.write_string_with_format(r, 2, m, &cell)?;
        ws.write_string_with_format(r, 3, e, &cell)?;
    }
    let ws = wb.add_worksheet();
    ws.set_name("Thông tin hội nghị")?;
    ws.set_column_width(0, 24)?;
    ws.set_column_width(1, 80)?;
    ws.write_string_with_format(0, 0, format!("THÔNG TIN HỘI NGHỊ SƠ KẾT 6 THÁNG ĐẦU NĂM {year}"), &title)?;
    let hname = head.map_or(String::new(), |h| h.name.clone());
    let rows = [
        ("Cụm/Khối", c.name.clone()),
        ("Thời gian", format!("08 giờ 00, ngày 14 tháng 07 năm {year}")),
        ("Địa điểm", format!("Hội trường {hname}")),
        ("Chủ trì", format!("Đồng chí Nguyễn Văn Hùng, Giám đốc {hname}, Cụm trưởng")),
        ("Thư ký", "Đồng chí Lê Thị Mai, Phòng Tổ chức cán bộ".into()),
        ("Thành phần", format!("Lãnh đạo {} đơn vị thành viên; đại diện Vụ Thi đua - Khen thưởng BHXH Việt Nam", us.len())),
    ];
    for (k, (a, b)) in rows.iter().enumerate() {
        ws.write_string_with_format(2 + k as u32, 0, *a, &cell)?;
        ws.write_string_with_format(2 + k as u32, 1, b, &cell)?;
    }
    let path = dir.join(format!("{}-so-ket-6-thang-{year}.xlsx", slug(&c.name)));
    std::fs::write(&path, wb.save_to_buffer()?)?;
    written.push(path);
    Ok(written)
}
