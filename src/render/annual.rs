//! The data of the annual dossier (Hướng dẫn 3636, mục B.IV): the minutes
//! of each block or cluster, its Tờ trình, a Báo cáo thành tích (Mẫu số 01,
//! Phụ lục 01, Quyết định 2418/QĐ-BHXH) for each collective proposed, and
//! for a province its council's minutes and Tờ trình, for the whole country
//! the Tờ trình of Vụ TĐKT. Whatever the inputs do not say stays a visible
//! blank ("……"), never invented.

use super::dossier::{DocDate, BLANK};
use crate::award::annual::calendar::titles;
use crate::model::annual::ClusterReview;
use crate::model::{ClusterKind, Decision, DecisionKind, Level, RunResult, Scope};
use crate::registry::Registry;
use crate::rules::annual::AnnualRules;
use crate::vn::format::{format_figure, format_num, format_percent};
use serde_json::{json, Map, Value};

pub struct AnnualContext<'a> {
    pub result: &'a RunResult,
    pub rules: &'a AnnualRules,
    pub registry: &'a Registry,
    /// `--date`, when given: every document carries it.
    pub date: Option<DocDate>,
}

fn opt(s: &Option<String>) -> Value {
    match s {
        Some(v) if !v.trim().is_empty() => json!(v),
        _ => Value::Null,
    }
}

/// Award priority: the Government flag first, then the BHXH flag, then the certificate.
fn award_order(rules: &AnnualRules, id: &str) -> usize {
    match id {
        x if x == rules.file.cap.award => 0,
        x if x == rules.file.cap.of => 1,
        _ => 2 + rules.file.awards.iter().position(|a| a.id == id).unwrap_or(9),
    }
}

impl AnnualContext<'_> {
    fn name(&self, id: &str) -> String {
        self.registry.unit(id).map_or(id.to_string(), |u| u.name.clone())
    }

    /// The date line: `--date`, else the meeting's date, else month and
    /// year with the day blank.
    fn date_for(&self, meeting: Option<(u32, u32, i32)>) -> DocDate {
        if let Some(d) = self.date {
            return d;
        }
        match meeting {
            Some((day, month, year)) => DocDate::Full { day, month, year },
            None => DocDate::default_for(&self.result.period),
        }
    }

    /// Where a cluster signs: the province of its head unit.
    fn place_of(&self, unit: Option<&str>) -> String {
        let Some(u) = unit.and_then(|u| self.registry.unit(u)) else { return BLANK.into() };
        match u.level {
            Level::Central => "Hà Nội".into(),
            Level::Province => u.short_name.clone(),
            Level::District => u.province.as_deref().and_then(|p| self.registry.unit(p)).map_or(BLANK.into(), |p| p.short_name.clone()),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn letter(
        &self,
        parent: &str,
        body: &str,
        sign: &str,
        place: &str,
        date: DocDate,
        recipients: &[String],
        signer: (&str, &str),
    ) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("co_quan_chu_quan".into(), json!(parent));
        m.insert("co_quan".into(), json!(body));
        m.insert("so_ky_hieu".into(), json!(format!("{BLANK}/{sign}")));
        m.insert("dong_ngay".into(), json!(date.line(place)));
        m.insert("noi_nhan".into(), json!(recipients));
        m.insert("nguoi_ky".into(), json!({"quyen_han": signer.0, "chuc_vu": signer.1, "ho_ten": BLANK}));
        m.insert("nam".into(), json!(self.result.period.year()));
        m.insert("nam_sau".into(), json!(self.result.period.year() + 1));
        m.insert("ky".into(), json!(self.result.period_label));
        m
    }

    /// This year's head of a cluster: the meeting sheet, else the registry.
    fn head_of(&self, r: &ClusterReview) -> Option<String> {
        r.meeting.head.clone().or_else(|| self.registry.term(&r.cluster, self.result.period.year()).map(|t| t.head.clone()))
    }

    fn kind_of(&self, r: &ClusterReview) -> ClusterKind {
        self.registry.cluster(&r.cluster).map_or(ClusterKind::CumTinh, |c| c.kind)
    }

    fn cluster_parent(&self, r: &ClusterReview) -> String {
        match self.registry.cluster(&r.cluster).and_then(|c| c.province.as_deref()).and_then(|p| self.registry.unit(p)) {
            Some(p) => format!("BẢO HIỂM XÃ HỘI {}", p.name.trim_start_matches("BHXH ").to_uppercase()),
            None => "BẢO HIỂM XÃ HỘI VIỆT NAM".into(),
        }
    }

    /// Decisions of the run that concern a cluster's members.
    fn decisions_of<'d>(&'d self, r: &ClusterReview) -> Vec<&'d Decision> {
        self.result.decisions.iter().filter(|d| r.members.contains(&d.unit)).collect()
    }

    /// Biên bản họp Khối, Cụm thi đua (template bien-ban-cum.docx).
    pub fn bien_ban_cum(&self, r: &ClusterReview) -> Value {
        let kind = self.kind_of(r);
        let (t_head, t_dep) = titles(kind);
        let head = self.head_of(r);
        let date = self.date_for(r.meeting.date);
        let unit_word = if kind == ClusterKind::Khoi { "Khối" } else { "Cụm" };
        let mut m = self.letter(
            &self.cluster_parent(r),
            &r.name.to_uppercase(),
            if kind == ClusterKind::Khoi { "BB-KTĐ" } else { "BB-CTĐ" },
            &self.place_of(head.as_deref()),
            date,
            &["Vụ Thi đua - Khen thưởng BHXH Việt Nam".to_string(), "Các đơn vị thành viên".into(), format!("Lưu: {unit_word} thi đua")],
            ("", &t_head.to_uppercase()),
        );
        m.insert("trich_yeu".into(), json!(format!("Họp tổng kết, bình xét thi đua {} của {}", self.result.period_label, r.name)));
        m.insert("thoi_gian".into(), opt(&r.meeting.time));
        m.insert("dia_diem".into(), opt(&r.meeting.place));
        m.insert("chu_tri".into(), opt(&r.meeting.chair));
        m.insert("thu_ky".into(), opt(&r.meeting.secretary));
        m.insert("ten_cum".into(), json!(r.name));
        m.insert("so_thanh_vien".into(), json!(r.members.len()));
        // Present: known from a per-ballot tally (one ballot per unit present).
        m.insert("so_co_mat".into(), r.ballots.map_or(json!(BLANK), |b| json!(b)));
        let co_mat: Vec<Value> = r.members.iter().map(|u| json!({"ten": self.name(u), "dai_dien": Value::Null})).collect();
        m.insert("co_mat".into(), json!(co_mat));
        m.insert("vang".into(), json!(""));
        let rows: Vec<Value> = r
            .scores
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let note = match (&s.standing, s.tied) {
                    (Some(st), _) => st.split(':').next().unwrap_or("").to_string(),
                    (None, true) => "Đồng hạng".into(),
                    _ if s.total.is_none() => "Chưa có điểm".into(),
                    _ => String::new(),
                };
                json!({
                    "stt": i + 1,
                    "ten": s.name,
                    "diem_tu_cham": s.self_total.map(|v| v.to_f64()),
                    "diem": s.total.map(|v| v.to_f64()),
                    "hang": s.rank.map(|x| json!(x)).unwrap_or(json!("—")),
                    "ghi_chu": note,
                })
            })
            .collect();
        m.insert("xep_hang".into(), json!(rows));
        let out: Vec<Value> = r
            .scores
            .iter()
            .filter_map(|s| {
                let st = s.standing.as_ref()?;
                Some(json!({"ten": s.name, "ly_do": st.split_once(": ").map_or(st.as_str(), |x| x.1).trim_end_matches('.')}))
            })
            .collect();
        m.insert("khong_xet".into(), json!(out));
        for k in ["phieu_phat_ra", "phieu_thu_ve", "phieu_hop_le"] {
            m.insert(k.into(), r.ballots.map_or(json!(BLANK), |b| json!(b)));
        }
        let mut votes: Vec<&crate::model::annual::VoteResult> = r.votes.iter().collect();
        // In the order the awards are voted (the rules file's).
        let pos = |id: &str| self.rules.file.awards.iter().position(|a| a.id == id).unwrap_or(usize::MAX);
        votes.sort_by_key(|v| (pos(&v.award), std::cmp::Reverse(v.votes)));
        let ds = self.decisions_of(r);
        let phieu: Vec<Value> = votes
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let kind = ds.iter().find(|d| d.unit == v.unit && d.award == v.award).map(|d| d.kind);
                let result = if v.voted {
                    "Được bình chọn".to_string()
                } else {
                    match kind {
                        Some(DecisionKind::TiedAtQuota) => "Bằng phiếu, bỏ phiếu lại".into(),
                        Some(DecisionKind::Excluded) => "Không xét".into(),
                        Some(DecisionKind::Deferred) => "Chưa xét".into(),
                        Some(DecisionKind::CutByQuota) => "Ngoài số lượng".into(),
                        Some(DecisionKind::TakenByOtherAward) => "Đã được bình chọn hình thức khác".into(),
                        Some(DecisionKind::NotAssessable) => "Chưa xác định được tiêu chuẩn".into(),
                        _ if v.share <= self.rules.majority => {
                            format!("Không đủ (cần trên {})", crate::vn::format::format_percent_short(&self.rules.majority))
                        }
                        _ => "Không đạt tiêu chuẩn".into(),
                    }
                };
                json!({"stt": i + 1, "hinh_thuc": v.award_name, "ten": v.name, "dong_y": v.votes, "ty_le": v.share.to_f64(), "ket_qua": result})
            })
            .collect();
        m.insert("phieu".into(), json!(phieu));
        let de_nghi: Vec<Value> = votes.iter().filter(|v| v.voted).map(|v| json!({"hinh_thuc": v.award_name, "don_vi": v.name})).collect();
        m.insert("de_nghi".into(), json!(de_nghi));
        let mut notes: Vec<String> = r.notes.clone();
        notes.extend(r.deadline_notes.iter().cloned());
        m.insert("ghi_chu".into(), json!(notes));
        m.insert("chuc_truong".into(), json!(t_head));
        m.insert("chuc_pho".into(), json!(t_dep));
        m.insert("cum_truong".into(), r.next_year.head.as_deref().map_or(Value::Null, |u| json!(self.name(u))));
        m.insert("cum_pho".into(), r.next_year.deputy.as_deref().map_or(Value::Null, |u| json!(self.name(u))));
        m.insert(
            "luan_phien".into(),
            json!(if r.next_year.suggested || r.next_year.head.is_none() { r.next_year.note.clone() } else { String::new() }),
        );
        m.insert("gio_ket_thuc".into(), Value::Null);
        Value::Object(m)
    }

    /// The short reason of a proposal in a Tờ trình.
    fn achievement(&self, d: &Decision) -> String {
        let review = self.result.annual.iter().find(|r| r.members.contains(&d.unit));
        let mut parts = Vec::new();
        if let Some(r) = review {
            if let Some(s) = r.scores.iter().find(|s| s.unit == d.unit) {
                if let (Some(rank), Some(total)) = (s.rank, s.total) {
                    parts.push(format!("xếp thứ {rank}/{} {} với {} điểm", r.members.len(), r.name, format_num(&total, 2)));
                }
            }
            if let Some(v) = r.votes.iter().find(|v| v.unit == d.unit && v.award == d.award) {
                parts.push(crate::award::annual::votes::share_text(v.votes, v.members));
            }
        }
        if let Some(e) = self.result.units.iter().find(|u| u.unit == d.unit) {
            if let Some(m) = e.measures.iter().find(|m| m.key == "thu.luy_ke/thu.ke_hoach").and_then(|m| m.value) {
                parts.push(format!("thu BHXH, BHYT, BHTN đạt {} kế hoạch", format_percent(&m)));
            }
        }
        if d.kind == DecisionKind::TiedAtQuota {
            parts.push("đồng hạng tại giới hạn số lượng, đề nghị Hội đồng quyết định".into());
        }
        let s = parts.join("; ");
        let mut c = s.chars();
        match c.next() {
            Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
            None => BLANK.into(),
        }
    }

    /// The proposals of a set of decisions, ordered by award then unit.
    fn proposals<'d>(&self, ds: impl Iterator<Item = &'d Decision>) -> Vec<&'d Decision> {
        let mut v: Vec<&Decision> = ds
            .filter(|d| matches!(d.kind, DecisionKind::Proposed | DecisionKind::TiedAtQuota) && self.rules.award(&d.award).is_some())
            .collect();
        v.sort_by(|a, b| {
            award_order(self.rules, &a.award)
                .cmp(&award_order(self.rules, &b.award))
                .then_with(|| crate::vn::collate::cmp(&a.name, &b.name))
        });
        v
    }

    #[allow(clippy::too_many_arguments)]
    fn to_trinh_with(
        &self,
        mut m: Map<String, Value>,
        who: &str,
        to: &str,
        scope_text: &str,
        basis: Vec<String>,
        ds: Vec<&Decision>,
        people: Vec<&crate::model::IndividualDecision>,
    ) -> Value {
        let y = self.result.period_label.clone();
        m.insert("trich_yeu".into(), json!(format!("Về việc đề nghị khen thưởng {y} cho các tập thể thuộc {scope_text}")));
        m.insert("kinh_gui".into(), json!(to));
        m.insert("phong_trao".into(), json!(self.rules.file.campaign.name));
        m.insert("van_ban".into(), json!(self.rules.file.campaign.document));
        m.insert("pham_vi".into(), json!(scope_text));
        let mut can_cu = vec![format!(
            "Căn cứ {} hướng dẫn tổ chức, hoạt động Khối, Cụm thi đua ngành BHXH Việt Nam và bình xét thi đua hằng năm;",
            self.rules.file.campaign.document
        )];
        can_cu.extend(basis);
        m.insert("can_cu".into(), json!(can_cu));
        let rows: Vec<Value> = ds
            .iter()
            .enumerate()
            .map(|(i, d)| json!({"stt": i + 1, "ten": d.name, "hinh_thuc": d.award_name, "thanh_tich": self.achievement(d)}))
            .collect();
        m.insert(
            "tom_tat".into(),
            json!(if rows.is_empty() {
                format!("Qua bình xét thi đua {y}, {who} không có tập thể nào đủ điều kiện, tiêu chuẩn và số phiếu để đề nghị khen thưởng.")
            } else {
                format!("Qua bình xét thi đua {y}, {who} kính đề nghị xem xét khen thưởng {} lượt tập thể có thành tích xuất sắc, cụ thể như sau:", rows.len())
            }),
        );
        m.insert("tong_tap_the".into(), json!(rows.len()));
        m.insert("de_nghi_tap_the".into(), json!(rows));
        let persons: Vec<Value> = people
            .iter()
            .enumerate()
            .map(|(i, p)| json!({"stt": i + 1, "ho_ten": p.full_name, "chuc_vu": p.position, "don_vi": p.unit_name, "hinh_thuc": p.award}))
            .collect();
        m.insert("co_ca_nhan".into(), json!(!persons.is_empty()));
        m.insert("tong_ca_nhan".into(), json!(persons.len()));
        m.insert("de_nghi_ca_nhan".into(), json!(persons));
        m.insert("kem_theo".into(), json!("(Kèm theo Biên bản họp và Báo cáo thành tích của từng tập thể đề nghị khen thưởng.)"));
        // The shared template's sections of Công văn 1371, empty here.
        super::individuals::to_trinh_none(&mut m);
        Value::Object(m)
    }

    /// Tờ trình of a block or cluster.
    pub fn to_trinh_cum(&self, r: &ClusterReview) -> Value {
        let kind = self.kind_of(r);
        let (t_head, _) = titles(kind);
        let head = self.head_of(r);
        let m = self.letter(
            &self.cluster_parent(r),
            &r.name.to_uppercase(),
            if kind == ClusterKind::Khoi { "TTr-KTĐ" } else { "TTr-CTĐ" },
            &self.place_of(head.as_deref()),
            self.date_for(r.meeting.date),
            &["Như trên".to_string(), "Các đơn vị thành viên".into(), "Lưu: VT".into()],
            (&format!("TM. {}", r.name.to_uppercase()), &t_head.to_uppercase()),
        );
        let to = if kind == ClusterKind::CumHuyen {
            let p = self.registry.cluster(&r.cluster).and_then(|c| c.province.as_deref()).map(|p| self.name(p)).unwrap_or_default();
            format!("Hội đồng Thi đua - Khen thưởng {p}")
        } else {
            "Hội đồng Thi đua - Khen thưởng ngành Bảo hiểm xã hội Việt Nam".into()
        };
        let meeting_day = match r.meeting.date {
            Some((d, mo, y)) => format!(" {}", crate::vn::format::date_words(d, mo, y)),
            None => String::new(),
        };
        // The cluster proposes what it voted, whatever a council cuts later.
        let mut ds: Vec<&Decision> = self
            .decisions_of(r)
            .into_iter()
            .filter(|d| r.votes.iter().any(|v| v.voted && v.unit == d.unit && v.award == d.award))
            .collect();
        ds.sort_by_key(|d| award_order(self.rules, &d.award));
        let people: Vec<&crate::model::IndividualDecision> =
            self.result.individuals.iter().filter(|p| r.members.contains(&p.unit)).collect();
        self.to_trinh_with(
            m,
            &r.name,
            &to,
            &r.name,
            vec![format!("Căn cứ Biên bản họp tổng kết, bình xét thi đua {} của {}{meeting_day};", self.result.period_label, r.name)],
            ds,
            people,
        )
    }

    /// Biên bản họp Hội đồng TĐKT BHXH tỉnh over its district clusters.
    pub fn bien_ban_hoi_dong(&self) -> Value {
        let Scope::Province { id, name } = &self.result.scope else { return Value::Null };
        let p = self.registry.unit(id);
        let place = p.map_or(BLANK.to_string(), |p| p.short_name.clone());
        let mut m = self.letter(
            &format!("BẢO HIỂM XÃ HỘI {}", name.trim_start_matches("BHXH ").to_uppercase()),
            "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
            "BB-HĐTĐKT",
            &place,
            self.date_for(None),
            &["Vụ Thi đua - Khen thưởng BHXH Việt Nam".to_string(), "Lưu: VT, TĐKT".into()],
            ("", "CHỦ TỊCH HỘI ĐỒNG"),
        );
        m.insert(
            "trich_yeu".into(),
            json!(format!("Họp xét đề nghị khen thưởng {} của các Cụm thi đua cấp huyện", self.result.period_label)),
        );
        for k in ["thoi_gian", "dia_diem", "chu_tri", "thu_ky", "thanh_phan"] {
            m.insert(k.into(), Value::Null);
        }
        m.insert("tinh".into(), json!(name));
        m.insert("so_cum".into(), json!(self.result.annual.len()));
        let cum: Vec<Value> = self
            .result
            .annual
            .iter()
            .map(|r| {
                let leader = r.scores.iter().find(|s| s.rank == Some(1)).map(|s| s.name.clone());
                let ds = self.proposals(self.decisions_of(r).into_iter());
                let de_nghi: Vec<Value> = ds
                    .iter()
                    .map(|d| {
                        let v = r.votes.iter().find(|v| v.unit == d.unit && v.award == d.award);
                        json!({"hinh_thuc": d.award_name, "don_vi": d.name, "so_phieu": v.map(|v| v.votes), "ty_le": v.map(|v| v.share.to_f64())})
                    })
                    .collect();
                json!({"ten": r.name, "so_thanh_vien": r.members.len(), "dan_dau": leader, "de_nghi": de_nghi})
            })
            .collect();
        m.insert("cum".into(), json!(cum));
        let mut conclusion = Vec::new();
        for a in &self.rules.file.awards {
            let n = self.result.decisions.iter().filter(|d| d.award == a.id && d.kind == DecisionKind::Proposed).count();
            if n > 0 {
                conclusion.push(format!("{} cho {n} tập thể", a.name));
            }
        }
        let mut text = if conclusion.is_empty() {
            "Hội đồng thống nhất: không có tập thể nào đủ điều kiện đề nghị khen thưởng.".to_string()
        } else {
            format!("Hội đồng thống nhất đề nghị: {}.", conclusion.join("; "))
        };
        for q in &self.result.quotas {
            text.push(' ');
            text.push_str(&q.note);
            if !q.cut.is_empty() {
                let names: Vec<String> = q.cut.iter().map(|u| self.name(u)).collect();
                text.push_str(&format!(" Không đề nghị {} cho: {} (ngoài hạn mức).", q.award_name, names.join("; ")));
            }
            if !q.tied_at_edge.is_empty() {
                let names: Vec<String> = q.tied_at_edge.iter().map(|u| self.name(u)).collect();
                text.push_str(&format!(" Đồng hạng tại hạn mức, Hội đồng quyết định: {}.", names.join("; ")));
            }
        }
        m.insert("ket_luan".into(), json!(text));
        Value::Object(m)
    }

    /// Tờ trình of the province (its council) or of Vụ TĐKT (national).
    pub fn to_trinh_tong_hop(&self) -> Value {
        let (parent, body, sign, place, to, who, scope_text, signer) = match &self.result.scope {
            Scope::Province { id, name } => (
                "BẢO HIỂM XÃ HỘI VIỆT NAM".to_string(),
                format!("BẢO HIỂM XÃ HỘI {}", name.trim_start_matches("BHXH ").to_uppercase()),
                "TTr-BHXH",
                self.registry.unit(id).map_or(BLANK.to_string(), |p| p.short_name.clone()),
                "Hội đồng Thi đua - Khen thưởng ngành Bảo hiểm xã hội Việt Nam".to_string(),
                format!("Hội đồng Thi đua - Khen thưởng {name}"),
                format!("các Cụm thi đua cấp huyện của {name}"),
                ("", "GIÁM ĐỐC"),
            ),
            _ => (
                "BẢO HIỂM XÃ HỘI VIỆT NAM".to_string(),
                "VỤ THI ĐUA - KHEN THƯỞNG".to_string(),
                "TTr-TĐKT",
                "Hà Nội".to_string(),
                "Tổng Giám đốc Bảo hiểm xã hội Việt Nam".to_string(),
                "Vụ Thi đua - Khen thưởng".to_string(),
                "các Khối, Cụm thi đua ngành BHXH Việt Nam".to_string(),
                ("", "VỤ TRƯỞNG"),
            ),
        };
        let m = self.letter(&parent, &body, sign, &place, self.date_for(None), &["Như trên".to_string(), "Lưu: VT, TĐKT".into()], signer);
        let mut basis = vec![format!(
            "Căn cứ kết quả bình xét, đề nghị khen thưởng {} của {} Khối, Cụm thi đua;",
            self.result.period_label,
            self.result.annual.len()
        )];
        let national = self.result.scope == Scope::National;
        for q in self.result.quotas.iter().filter(|q| q.applied && (!national || q.scope == "toan-quoc")) {
            basis.push(format!("{};", q.note.trim_end_matches('.')));
        }
        let provinces = self.result.quotas.iter().filter(|q| q.applied && q.scope != "toan-quoc").count();
        if national && provinces > 0 {
            basis.push(format!(
                "Hạn mức 20 % của {provinces} BHXH tỉnh đối với đề nghị của các Cụm thi đua cấp huyện đã được áp dụng trước ({}; chi tiết tại trang \"Hạn mức\" của bảng tổng hợp);",
                self.rules.file.cap.province_clause
            ));
        }
        let ds = self.proposals(self.result.decisions.iter());
        self.to_trinh_with(m, &who, &to, &scope_text, basis, ds, self.result.individuals.iter().collect())
    }

    /// Units that get a Báo cáo thành tích, each with its highest award.
    pub fn report_units(&self) -> Vec<&Decision> {
        let mut seen = std::collections::BTreeSet::new();
        self.proposals(self.result.decisions.iter()).into_iter().filter(|d| seen.insert(d.unit.clone())).collect()
    }

    /// Báo cáo thành tích (Mẫu số 01, Phụ lục 01, Quyết định 2418/QĐ-BHXH).
    pub fn bao_cao_thanh_tich(&self, d: &Decision) -> Value {
        let u = self.registry.unit(&d.unit);
        let parent = match u.and_then(|u| u.province.as_deref()).and_then(|p| self.registry.unit(p)) {
            Some(p) => format!("BẢO HIỂM XÃ HỘI {}", p.name.trim_start_matches("BHXH ").to_uppercase()),
            None => "BẢO HIỂM XÃ HỘI VIỆT NAM".into(),
        };
        let full = d.name.replacen("BHXH ", "Bảo hiểm xã hội ", 1);
        let review = self.result.annual.iter().find(|r| r.members.contains(&d.unit));
        let mut m = self.letter(
            &parent,
            &full.to_uppercase(),
            "BC",
            &self.place_of(Some(&d.unit)),
            self.date_for(review.and_then(|r| r.meeting.date)),
            &[],
            ("", ""),
        );
        m.insert("hinh_thuc".into(), json!(d.award_name));
        m.insert("don_vi".into(), json!({"ten": full}));
        m.insert("dac_diem".into(), Value::Null);
        m.insert("chuc_nang".into(), Value::Null);
        let res = self.result.units.iter().find(|x| x.unit == d.unit);
        let fig = |k: &str| res.and_then(|r| r.figures.get(k)).map(format_figure).unwrap_or_else(|| BLANK.into());
        let measure = |k: &str| -> String {
            res.and_then(|r| r.measures.iter().find(|m| m.key == k))
                .and_then(|m| m.value)
                .map(|v| format_percent(&v))
                .unwrap_or_else(|| BLANK.into())
        };
        let rows: Vec<Value> = self
            .rules
            .file
            .report_indicators
            .iter()
            .enumerate()
            .map(|(i, ri)| {
                json!({
                    "stt": i + 1,
                    "ten": ri.name,
                    "don_vi_tinh": ri.unit,
                    "ke_hoach": fig(&ri.plan),
                    "thuc_hien": fig(&ri.actual),
                    "ty_le": measure(&format!("{}/{}", ri.actual, ri.plan)),
                    "so_cung_ky": measure(&format!("{}/nam-truoc", ri.actual)),
                })
            })
            .collect();
        m.insert("chi_tieu".into(), json!(rows));
        let e = self.eligibility(&d.unit);
        m.insert(
            "ket_qua_khac".into(),
            e.map(|e| json!(e.achievements)).filter(|v| v.as_str().is_some_and(|s| !s.is_empty())).unwrap_or(Value::Null),
        );
        m.insert(
            "bien_phap".into(),
            e.map(|e| json!(e.new_model)).filter(|v| v.as_str().is_some_and(|s| !s.is_empty())).unwrap_or(Value::Null),
        );
        m.insert("chinh_sach".into(), Value::Null);
        let (mut titles_v, mut awards_v) = (Vec::new(), Vec::new());
        for line in e.map(|e| e.past_awards.clone()).unwrap_or_default() {
            let parts: Vec<&str> = line.splitn(3, [' ']).collect();
            let (year, rest) = match parts.first().and_then(|y| y.trim_end_matches([':', ',']).parse::<i32>().ok()) {
                Some(y) => (json!(y), line[parts[0].len()..].trim().trim_start_matches(['-', '–', ':', ',']).trim().to_string()),
                None => (json!(BLANK), line.clone()),
            };
            let (title, decision) = match rest.split_once(" - ") {
                Some((a, b)) => (a.trim().to_string(), b.trim().to_string()),
                None => (rest.clone(), BLANK.to_string()),
            };
            let row = json!({"nam": year, "ten": title, "quyet_dinh": decision});
            let t = crate::vn::text::ascii_fold(&title);
            if t.contains("lao dong xuat sac") || t.contains("lao dong tien tien") || t.starts_with("co thi dua") {
                titles_v.push(row);
            } else {
                awards_v.push(row);
            }
        }
        m.insert("danh_hieu".into(), json!(titles_v));
        m.insert("khen_thuong".into(), json!(awards_v));
        m.insert("cap_trinh".into(), Value::Null);
        let chief = match u.map(|u| u.level) {
            Some(Level::Central) => "THỦ TRƯỞNG ĐƠN VỊ",
            _ => "GIÁM ĐỐC",
        };
        m.insert("thu_truong".into(), json!({"chuc_vu": chief, "ho_ten": Value::Null}));
        Value::Object(m)
    }

    fn eligibility(&self, unit: &str) -> Option<&crate::model::annual::EligibilityRow> {
        self.result.annual.iter().flat_map(|r| r.eligibility.iter()).find(|e| e.unit == unit)
    }
}

/// A few lines for the console: per cluster (up to ten), the leader, who
/// was voted, who is not considered; then the count per award.
pub fn console_lines(r: &RunResult, rules: &AnnualRules) -> Vec<String> {
    let mut out = Vec::new();
    if r.annual.len() <= 10 {
        for c in &r.annual {
            let mut parts = Vec::new();
            if let Some(s) = c.scores.iter().find(|s| s.rank == Some(1)) {
                parts.push(format!("dẫn đầu {} ({} điểm)", s.name, s.total.map(|t| format_num(&t, 2)).unwrap_or_default()));
            }
            let voted: Vec<String> =
                c.votes.iter().filter(|v| v.voted).map(|v| format!("{} — {} ({}/{})", v.award_name, v.name, v.votes, v.members)).collect();
            parts.push(if voted.is_empty() {
                "không có đơn vị được bình chọn".into()
            } else {
                format!("bình chọn: {}", voted.join("; "))
            });
            let out_of: Vec<String> = c
                .scores
                .iter()
                .filter_map(|s| s.standing.as_ref().map(|st| format!("{} ({})", s.name, st.split(':').next().unwrap_or(""))))
                .collect();
            if !out_of.is_empty() {
                parts.push(format!("không xét/chưa xét: {}", out_of.join("; ")));
            }
            out.push(format!("  {}: {}", c.name, parts.join("; ")));
            for n in c.notes.iter().chain(&c.deadline_notes) {
                out.push(format!("    {n}"));
            }
        }
    }
    for a in &rules.file.awards {
        let n = r.decisions.iter().filter(|d| d.award == a.id && d.kind == DecisionKind::Proposed).count();
        out.push(format!("  Đề nghị {}: {n} tập thể", a.name));
    }
    out
}
