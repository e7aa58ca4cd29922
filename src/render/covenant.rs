//! The Bản giao ước thi đua of a block or cluster (Hướng dẫn 3636, mục
//! A.II.1.2: the head "tổ chức cho các đơn vị thành viên ký giao ước thi đua
//! và đăng ký các chỉ tiêu thi đua"; mục A.III.3.2.b: "ký giao ước thi đua
//! phải do Thủ trưởng hoặc Chủ tịch Hội đồng TĐKT của các đơn vị thành viên
//! trong Khối, Cụm ký"): the data of `templates/giao-uoc.docx` — the
//! members, what each registered, the commitments of mục A.II.3 and one
//! signature cell per member's head, two to a row (`chu_ky`; the template
//! uses it as the rows before the last, `chu_ky_dau`, and the last,
//! `chu_ky_cuoi`, which is kept with "Nơi nhận").

use crate::model::registration::Registrations;
use crate::model::{Cluster, ClusterKind, Level, Num};
use crate::registry::Registry;
use crate::render::fill::DocDate;
use crate::rules::schema::TargetDef;
use crate::rules::Rules;
use crate::vn::format::{format_figure, format_percent};
use serde_json::{json, Value};

/// The template's file name.
pub const TEMPLATE: &str = "giao-uoc.docx";

const BLANK: &str = "……";

/// A registered figure as printed: "1.234.567", "0,90 %".
pub fn shown(t: &TargetDef, v: &Num) -> String {
    if t.unit == "%" {
        format_percent(v)
    } else {
        format_figure(v)
    }
}

/// "Cụm"/"Khối" and the head's title for a block or cluster.
pub fn kind_words(c: &Cluster) -> (&'static str, &'static str) {
    match c.kind {
        ClusterKind::Khoi => ("Khối", "Khối trưởng"),
        _ => ("Cụm", "Cụm trưởng"),
    }
}

/// The commitments of the members, in the words of Hướng dẫn 3636, mục
/// A.II.3 (nhiệm vụ của các đơn vị thành viên), with the head's title.
fn commitments(truong: &str, khoi_cum: &str) -> Vec<String> {
    vec![
        "Phấn đấu hoàn thành và hoàn thành vượt mức các chỉ tiêu thi đua đã đăng ký tại Bản giao ước này, gắn với thực hiện nhiệm vụ chính trị được giao của đơn vị.".into(),
        format!("Tổ chức phát động, xây dựng kế hoạch triển khai các phong trào thi đua, thực hiện công tác khen thưởng gắn với thực hiện nhiệm vụ chính trị của từng đơn vị thành viên; tham gia xây dựng nội dung và các chỉ tiêu thi đua trong giao ước thi đua của {khoi_cum}."),
        format!("Phát hiện, phổ biến, giới thiệu, tuyên truyền, nhân rộng các mô hình, điển hình tiên tiến, cách làm mới, sáng tạo, có hiệu quả trong phong trào thi đua tại đơn vị để giới thiệu, đề xuất, phổ biến, nhân rộng tại {khoi_cum} thi đua."),
        format!("Chuẩn bị tốt các nội dung và tham gia đầy đủ, đúng thành phần các hoạt động của {khoi_cum} thi đua."),
        format!("Báo cáo kết quả thực hiện các chỉ tiêu thi đua có định lượng hằng quý cho {truong} để tổng hợp; báo cáo kết quả thực hiện phong trào thi đua 6 tháng đầu năm và cả năm của đơn vị phục vụ công tác sơ kết, tổng kết {khoi_cum} thi đua."),
        format!("Thực hiện các nhiệm vụ khác để phục vụ cho hoạt động của {khoi_cum} thi đua khi được {truong} phân công."),
    ]
}

/// Where a block or cluster signs: the place of its head unit (`fill::place_name`).
fn place_of(reg: &Registry, unit: Option<&str>) -> String {
    unit.and_then(|u| reg.unit(u)).map_or(BLANK.into(), crate::render::fill::place_name)
}

/// What the covenant says when the registry has no head and deputy for
/// the year (Hướng dẫn 3636, mục A.I: elected at the year-end meeting):
/// the roles are left for the signers, and where to record them.
pub fn no_term_note(cluster: &Cluster, year: i32) -> String {
    let (khoi_cum, truong) = kind_words(cluster);
    format!(
        "Cột nhiệm vụ trong {khoi_cum} để trống (……): danh sách đơn vị chưa ghi {truong}, {khoi_cum} phó năm {year} của {}; ghi nhiệm vụ trước khi ký.",
        cluster.name
    )
}

/// The covenant's data for one block or cluster.
pub fn data(cluster: &Cluster, reg: &Registry, rules: &Rules, regs: &Registrations, date: DocDate) -> Value {
    let year = regs.year;
    let (khoi_cum, truong) = kind_words(cluster);
    let term = reg.term(&cluster.id, year);
    let members: Vec<_> = cluster.members.iter().filter_map(|m| reg.unit(m)).collect();
    let role = |id: &str| match term {
        Some(t) if t.head == id => truong.to_string(),
        Some(t) if t.deputy.as_deref() == Some(id) => format!("{khoi_cum} phó"),
        Some(_) => "Thành viên".to_string(),
        // Who heads the cluster this year is not known: no member is
        // called a plain member, the signers write the roles.
        None => BLANK.to_string(),
    };
    let thanh_vien: Vec<Value> =
        members.iter().enumerate().map(|(i, u)| json!({"stt": i + 1, "ten": u.name, "vai_tro": role(&u.id)})).collect();
    let mut dang_ky = Vec::new();
    let mut missing = Vec::new();
    // Rows registered with an error at a cell: kept in the table with
    // "……" and named below it, never left out of a document to be signed
    // as if the unit had not registered them.
    let mut refused: Vec<String> = Vec::new();
    for u in &members {
        let ur = regs.units.get(&u.id);
        let rejected = |t: &str| regs.rejected.contains(&(u.id.clone(), t.to_string()));
        if ur.is_none() && !rules.file.targets.iter().any(|t| rejected(&t.id)) {
            missing.push(u.name.clone());
            continue;
        }
        let mut first = true;
        let mut unit_refused = Vec::new();
        for t in &rules.file.targets {
            let row = match ur.and_then(|ur| ur.targets.get(&t.id)) {
                Some(e) => {
                    let q = |i: usize| e.quarters[i].as_ref().map_or(String::new(), |r| shown(t, &r.value));
                    [e.year.as_ref().map_or(BLANK.to_string(), |r| shown(t, &r.value)), q(0), q(1), q(2), q(3)]
                }
                None if rejected(&t.id) => {
                    unit_refused.push(t.name.clone());
                    [BLANK, BLANK, BLANK, BLANK, BLANK].map(String::from)
                }
                None => continue,
            };
            let [ca_nam, q1, q2, q3, q4] = row;
            dang_ky.push(json!({
                "don_vi": if first { u.name.clone() } else { String::new() },
                "chi_tieu": format!("{} ({})", t.name, t.unit),
                "ca_nam": ca_nam, "q1": q1, "q2": q2, "q3": q3, "q4": q4,
            }));
            first = false;
        }
        if !unit_refused.is_empty() {
            refused.push(format!("{} ({})", u.name, unit_refused.join(", ")));
        }
    }
    let mut notes = Vec::new();
    if !missing.is_empty() {
        let these = if missing.len() == 1 { "đơn vị này" } else { "các đơn vị này" };
        notes.push(format!(
            "Đơn vị chưa gửi đăng ký chỉ tiêu thi đua có định lượng ({}): {}; {these} bổ sung đăng ký gửi {truong} trong quý I năm {year}.",
            missing.len(),
            missing.join("; ")
        ));
    }
    if !refused.is_empty() {
        notes.push(format!(
            "Các ô ghi \"{BLANK}\": số đăng ký có chỗ chưa đúng nên chưa ghi vào Bản giao ước: {}; đơn vị gửi lại số đăng ký cho {truong} trước khi ký.",
            refused.join("; ")
        ));
    }
    if term.is_none() {
        notes.push(no_term_note(cluster, year));
    }
    let chua_dang_ky = notes.join(" ");
    let signer_of = |u: &crate::model::Unit| {
        let title = match u.level {
            Level::Central => "THỦ TRƯỞNG ĐƠN VỊ",
            _ => "GIÁM ĐỐC",
        };
        json!({"ten": u.name.to_uppercase(), "chuc_vu": title, "ho_ten": BLANK})
    };
    let empty = json!({"ten": "", "chuc_vu": "", "ho_ten": ""});
    let chu_ky: Vec<Value> = members
        .chunks(2)
        .map(|pair| json!({"trai": signer_of(pair[0]), "phai": pair.get(1).map_or(empty.clone(), |u| signer_of(u))}))
        .collect();
    // The template lays the last row apart (kept with "Nơi nhận") from the
    // rows before it (which run on over the pages); `chu_ky` stays whole for
    // templates edited from earlier versions.
    let (chu_ky_dau, chu_ky_cuoi) = match chu_ky.split_last() {
        Some((last, before)) => (before.to_vec(), last.clone()),
        None => (Vec::new(), json!({"trai": empty, "phai": empty})),
    };
    let cam_ket: Vec<Value> =
        commitments(truong, khoi_cum).into_iter().enumerate().map(|(i, c)| json!({"stt": i + 1, "noi_dung": c})).collect();
    let doc = &rules.file.campaign.document;
    json!({
        "co_quan_chu_quan": "BẢO HIỂM XÃ HỘI VIỆT NAM",
        // The issuing body in capitals, and its abbreviation after the
        // document's (Nghị định 30/2020, Phụ lục I and III), as on the
        // block's or cluster's other documents ("BB-CTĐ").
        "co_quan": cluster.name.to_uppercase(),
        "so_ky_hieu": format!("{BLANK}/GƯTĐ-{}", if khoi_cum == "Khối" { "KTĐ" } else { "CTĐ" }),
        "dong_ngay": date.line(&place_of(reg, term.map(|t| t.head.as_str()))),
        "trich_yeu": format!("Năm {year} của {}", cluster.name),
        "can_cu": [
            "Căn cứ Hướng dẫn số 3636/HD-BHXH ngày 29/11/2022 của Bảo hiểm xã hội Việt Nam hướng dẫn tổ chức, hoạt động và bình xét thi đua của Khối thi đua, Cụm thi đua (mục A.II.1.2 và mục A.II.3.1);",
            format!("Căn cứ các chỉ tiêu thi đua có định lượng theo {doc};"),
            format!("Căn cứ đăng ký chỉ tiêu thi đua năm {year} của các đơn vị thành viên,"),
        ],
        "ten_cum": cluster.name,
        "khoi_cum": khoi_cum,
        "nam": year,
        "so_thanh_vien": members.len(),
        "thanh_vien": thanh_vien,
        "ghi_chu_chi_tieu": format!(
            "Các chỉ tiêu theo {doc}. Số thu tính bằng triệu đồng, lũy kế từ đầu năm đến hết quý; số người tham gia tính đến hết quý; tỷ lệ chậm đóng là tỷ lệ của quý. Ô để trống: đơn vị không đăng ký theo quý."
        ),
        "dang_ky": dang_ky,
        "chua_dang_ky": chua_dang_ky,
        "cam_ket": cam_ket,
        "ket_thuc": format!(
            "Bản giao ước thi đua này được Thủ trưởng các đơn vị thành viên {} thống nhất ký kết, lập thành {:02} bản: mỗi đơn vị thành viên giữ 01 bản, 01 bản gửi Bảo hiểm xã hội Việt Nam (qua Vụ Thi đua - Khen thưởng) để theo dõi./.",
            cluster.name,
            members.len() + 1
        ),
        "chu_ky": chu_ky,
        "chu_ky_dau": chu_ky_dau,
        "chu_ky_cuoi": chu_ky_cuoi,
        "noi_nhan": ["Vụ Thi đua - Khen thưởng (để theo dõi)", "Các đơn vị thành viên", format!("Lưu: {khoi_cum} thi đua")],
    })
}
