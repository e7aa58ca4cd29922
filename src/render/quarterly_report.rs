//! The data of the head's quarterly report (Hướng dẫn 3636, mục A.II.1.8):
//! a report in the form of Nghị định 30/2020 from the block or cluster,
//! signed by its head, to BHXH Việt Nam (Vụ Thi đua - Khen thưởng and the
//! department concerned): each member's result for the quarter and
//! cumulatively against the plan, the registration when read, and the same
//! period last year; a summary table of the rates (the chart of the same
//! rates is in tong-hop.xlsx); and the members behind.

use super::fill::DocDate;
use super::six_month::{behind_list, letter, place_of, tables_data, DASH};
use crate::model::six_month::{ClusterProgress, TargetKind};
use crate::rules::Rules;
use crate::vn::format::{format_percent, format_percent_short};
use serde_json::{json, Value};

pub fn bao_cao_quy(rules: &Rules, p: &ClusterProgress, date: &DocDate) -> Value {
    let place = place_of(p);
    let mut m = letter(rules, p, date, "BC", place.as_deref());
    let ky = p.period.label_vi();
    let members: Vec<String> = p.tables.first().map(|t| t.rows.iter().map(|r| r.name.clone()).collect()).unwrap_or_default();
    let tables = tables_data(p);
    // The summary: one row per member, the rate of each target.
    let summary: Vec<Value> = (0..members.len())
        .map(|i| {
            let rate = |k: usize| {
                let t = &p.tables[k];
                let l = t.rows[i].later.as_ref();
                let v = if t.kind == TargetKind::LateRatio { l.and_then(|x| x.done) } else { l.and_then(|x| x.rate) };
                v.map(|v| format_percent(&v)).unwrap_or_else(|| DASH.into())
            };
            let behind = p.tables.iter().filter(|t| t.rows[i].behind == Some(true)).count();
            // "0" when every target is assessed and met; "—" only when some
            // target could not be assessed (no figure) and none is behind.
            let unknown = p.tables.iter().any(|t| t.rows[i].behind.is_none());
            json!({"stt": i + 1, "ten": members[i], "thu": rate(0), "bhxh_bb": rate(1), "bhxh_tn": rate(2), "bhyt": rate(3), "cham_dong": rate(4),
                   "chua_dat": if behind == 0 && unknown { DASH.to_string() } else { behind.to_string() }})
        })
        .collect();
    let behind: Vec<Value> = p
        .tables
        .iter()
        .filter_map(|t| {
            let b = behind_list(t);
            (!b.is_empty()).then(|| json!({"ten": t.name, "so_don_vi": b.len(), "don_vi": b.join("; ")}))
        })
        .chain(super::six_month::behind_registered_data(p))
        .collect();
    let prev = p.earlier_period.label_vi();
    // The quarter's own column: not in Quý I, where it is the cumulative,
    // nor when no member's previous quarter is known (a column of dashes);
    // the report then gives the cumulative results, as the tables say.
    let first_quarter = p.earlier_period == p.period;
    let none_earlier = !first_quarter && p.missing_earlier.len() == members.len();
    let quarter_column = !first_quarter && !none_earlier;
    let quarter_note = if first_quarter {
        String::new()
    } else if none_earlier {
        format!("Kết quả thực hiện được tính lũy kế từ đầu năm đến hết {ky}.")
    } else if p.missing_earlier.iter().any(|m| !p.missing_later.contains(m)) {
        // Members that sent nothing at all are said once, below.
        let only: Vec<&str> = p.missing_earlier.iter().filter(|m| !p.missing_later.contains(m)).map(|m| m.as_str()).collect();
        let these = if only.len() == 1 { "đơn vị này" } else { "các đơn vị này" };
        format!(
            "Kết quả riêng {ky} bằng lũy kế {ky} trừ lũy kế {prev}; chưa có số liệu {prev} của {}, nên kết quả riêng quý của {these} để trống.",
            only.join("; ")
        )
    } else {
        format!("Kết quả riêng {ky} bằng lũy kế {ky} trừ lũy kế {prev} do các đơn vị báo cáo.")
    };
    let tables: Vec<Value> = tables
        .into_iter()
        .map(|mut t| {
            t["co_trong_quy"] = json!(quarter_column);
            t
        })
        .collect();
    let mark = match p.mark {
        Some(v) => format!(
            "Đánh giá tiến độ theo mức lũy kế đến hết {ky} đạt từ {} kế hoạch năm ({}); chậm đóng không cao hơn {}.",
            format_percent_short(&v),
            p.mark_clause,
            super::six_month::late_words(p)
        ),
        None => format!(
            "Văn bản phát động thi đua không quy định mức tiến độ cho {ky}: các tỷ lệ được báo cáo để theo dõi; chậm đóng so với {}.",
            super::six_month::late_words(p)
        ),
    };
    let registration = super::six_month::registration_sentence(p);
    for (k, v) in [
        ("trich_yeu", json!(format!("Kết quả thực hiện các chỉ tiêu thi đua có định lượng {ky} của {}", p.cluster_name))),
        ("can_cu", json!(super::six_month::basis(rules, p, "mục A.II.1.8"))),
        ("so_thanh_vien", json!(members.len())),
        ("ghi_chu_quy", json!(quarter_note)),
        ("muc_tien_do", json!(mark)),
        ("dang_ky", json!(registration)),
        ("co_dang_ky", json!(p.has_registration)),
        (
            "chua_gui",
            json!(if p.missing_later.is_empty() {
                String::new()
            } else {
                format!("Chưa gửi số liệu {ky}: {}.", p.missing_later.join("; "))
            }),
        ),
        ("co_chua_gui", json!(!p.missing_later.is_empty())),
        ("chi_tieu", json!(tables)),
        ("tong_hop", json!(summary)),
        ("co_cham_tien_do", json!(!behind.is_empty())),
        ("cham_tien_do", json!(behind)),
        ("noi_nhan", json!(["Vụ Thi đua - Khen thưởng", "Ban Quản lý Thu, Sổ - Thẻ", "Các đơn vị thành viên", "Lưu: VT"])),
    ] {
        m.insert(k.into(), v);
    }
    Value::Object(m)
}
