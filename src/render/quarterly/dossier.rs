//! The data the quarterly campaign's Word templates (Công văn 1371: tờ
//! trình, biên bản, báo cáo tóm tắt thành tích) are filled with, built from
//! the results. Missing facts are visible blanks ("……", `render::fill`),
//! never invented (SPEC §4 kind 6).

use crate::award::quarterly::evaluate::show_rate;
use crate::model::{DecisionKind, IndividualDecision, Num, RunResult, Scope, Status, UnitResult};
use crate::render::fill::{count_collectives, DocDate, BLANK};
use crate::rules::{Issuer, Rules};
use crate::vn::format::format_figure;
use crate::vn::text::{lower_first, upper_first};
use serde_json::{json, Value};

/// Meeting details (SPEC §4 kind 6), each optional.
#[derive(Clone, Debug, Default)]
pub struct Meeting {
    pub time: Option<String>,
    pub place: Option<String>,
    pub chair: Option<String>,
    pub secretary: Option<String>,
    pub attendees: Option<String>,
    /// Where the block's or cluster's head is (the date line's place):
    /// from the registry's term for the year, else the meeting sheet's head.
    pub head_place: Option<String>,
}

pub struct Context<'a> {
    pub result: &'a RunResult,
    pub rules: &'a Rules,
    /// The registry edition of the run (places in the date line).
    pub registry: &'a crate::registry::Registry,
    pub date: DocDate,
    pub meeting: Meeting,
}

fn or_blank(s: &Option<String>) -> String {
    match s {
        Some(v) if !v.trim().is_empty() => v.clone(),
        _ => BLANK.to_string(),
    }
}

/// Upper case, keeping Vietnamese letters.
pub fn upper(s: &str) -> String {
    s.to_uppercase()
}

impl Context<'_> {
    fn issuer(&self) -> Issuer {
        let key = match self.result.scope {
            Scope::National => "national",
            _ => "cluster",
        };
        let mut i = self.rules.file.issuers.iter().find(|i| i.scope == key).cloned().unwrap_or(Issuer {
            scope: key.into(),
            parent: "BẢO HIỂM XÃ HỘI VIỆT NAM".into(),
            body: "{cum}".into(),
            name: "{cum}".into(),
            sign: "TĐKT".into(),
            place: BLANK.into(),
            to: "Tổng Giám đốc Bảo hiểm xã hội Việt Nam".into(),
            signer_authority: String::new(),
            signer_title: String::new(),
            recipients: vec!["Như trên".into(), "Lưu: VT".into()],
        });
        i.body = i.body.replace("{cum}", &upper(&self.result.scope.name_vi()));
        i.signer_authority = i.signer_authority.replace("{cum}", &upper(&self.result.scope.name_vi()));
        i.name = i.name.replace("{cum}", &self.result.scope.name_vi());
        // The date line's place is where the head is (Nghị định 30/2020,
        // Phụ lục I: the place of the issuing body), not the meeting hall.
        if let Some(p) = self.meeting.head_place.as_deref().filter(|p| i.place == BLANK && !p.trim().is_empty()) {
            i.place = p.trim().to_string();
        }
        i
    }

    /// The letterhead, date line and signature fields every document shares.
    pub fn common_fields(&self, kind_sign: &str) -> serde_json::Map<String, Value> {
        self.common(kind_sign)
    }

    fn common(&self, kind_sign: &str) -> serde_json::Map<String, Value> {
        let i = self.issuer();
        let r = self.result;
        let mut m = serde_json::Map::new();
        m.insert("co_quan_chu_quan".into(), json!(i.parent));
        m.insert("co_quan".into(), json!(i.body));
        m.insert("so_ky_hieu".into(), json!(format!("{BLANK}/{kind_sign}-{}", i.sign)));
        m.insert("dong_ngay".into(), json!(self.date.line(&i.place)));
        m.insert("ngay_van_ban".into(), json!(self.date.words()));
        m.insert("ky".into(), json!(r.period_label));
        m.insert("phong_trao".into(), json!(r.campaign_name));
        m.insert("van_ban".into(), json!(r.rules_document));
        m.insert("pham_vi".into(), json!(r.scope.name_vi()));
        m.insert("noi_nhan".into(), json!(i.recipients));
        m.insert("nguoi_ky".into(), json!({"quyen_han": i.signer_authority, "chuc_vu": i.signer_title, "ho_ten": BLANK}));
        m
    }

    fn unit(&self, id: &str) -> Option<&UnitResult> {
        self.result.units.iter().find(|u| u.unit == id)
    }

    /// Decisions that put a unit forward (proposed, candidate, tied at the quota).
    fn forward(&self) -> Vec<&crate::model::Decision> {
        self.result
            .decisions
            .iter()
            .filter(|d| matches!(d.kind, DecisionKind::Proposed | DecisionKind::Candidate | DecisionKind::TiedAtQuota))
            .collect()
    }

    fn short_achievement(&self, d: &crate::model::Decision) -> String {
        let award = self.rules.file.awards.iter().find(|a| a.id == d.award);
        // A nominated collective (central unit): its nomination's summary.
        let Some(a) = award else { return super::individuals::nominated_achievement(self.result, d) };
        let m = self.rules.file.measures.iter().find(|m| m.key == a.rank_by);
        let v = self.unit(&d.unit).and_then(|u| u.measures.iter().find(|x| x.key == a.rank_by)).and_then(|x| x.value);
        let mut s = format!(
            "{} {}{}",
            m.map(|m| m.name.clone()).unwrap_or_default(),
            v.map(|v| show_rate(&v, true, None)).unwrap_or_else(|| BLANK.into()),
            d.rank.map(|r| format!(", xếp thứ {r} trong các đơn vị đủ tiêu chí")).unwrap_or_default()
        );
        if d.kind == DecisionKind::TiedAtQuota {
            s.push_str("; đồng hạng tại giới hạn hạn mức, đề nghị Hội đồng xem xét, quyết định");
        }
        s
    }

    fn proposed_individuals(&self) -> Vec<&IndividualDecision> {
        self.result.individuals.iter().filter(|i| matches!(i.kind, DecisionKind::Proposed | DecisionKind::Candidate)).collect()
    }

    /// Tờ trình đề nghị khen thưởng.
    pub fn to_trinh(&self) -> Value {
        let r = self.result;
        let mut m = self.common("TTr");
        let fwd = self.forward();
        let rows: Vec<Value> = fwd
            .iter()
            .enumerate()
            .map(|(i, d)| json!({"stt": i + 1, "ten": d.name, "hinh_thuc": d.award_name, "thanh_tich": self.short_achievement(d)}))
            .collect();
        let inds: Vec<Value> = self
            .proposed_individuals()
            .iter()
            .enumerate()
            .map(|(i, p)| json!({"stt": i + 1, "ho_ten": p.full_name, "chuc_vu": p.position, "don_vi": p.unit_name, "hinh_thuc": p.award, "thanh_tich": p.achievements}))
            .collect();
        m.insert(
            "trich_yeu".into(),
            json!(format!("Về việc đề nghị khen thưởng {} trong {}", r.period_label, lower_first(&r.campaign_name))),
        );
        m.insert("kinh_gui".into(), json!(self.issuer().to));
        m.insert(
            "can_cu".into(),
            json!([
                format!("Căn cứ {} về việc phát động {};", r.rules_document, lower_first(&r.campaign_name)),
                format!("Căn cứ kết quả thực hiện các chỉ tiêu thi đua {} của các đơn vị{};", r.period_label, scope_suffix(&r.scope)),
            ]),
        );
        // A unit may hold several of the awards: collectives and awards are
        // counted apart ("10 tập thể, 12 lượt khen thưởng").
        let n_units = fwd.iter().map(|d| &d.unit).collect::<std::collections::BTreeSet<_>>().len();
        let assessed = self.units_assessed();
        let tom_tat = if rows.is_empty() {
            format!(
                "Qua tổng hợp, đánh giá kết quả {} của {assessed}, không có tập thể nào đạt đủ tiêu chí khen thưởng theo quy định.",
                r.period_label,
            )
        } else {
            format!(
                "Qua tổng hợp, đánh giá kết quả {} của {assessed}, đối chiếu với tiêu chí và số lượng khen thưởng tại {}, {} kính đề nghị xem xét khen thưởng {}{} có thành tích xuất sắc (danh sách tại Phụ lục kèm theo).",
                r.period_label,
                r.rules_document,
                self.issuer().name,
                count_collectives(n_units, rows.len()),
                if inds.is_empty() { String::new() } else { format!(" và {} cá nhân", crate::vn::format::count(inds.len())) }
            )
        };
        m.insert("tom_tat".into(), json!(tom_tat));
        // Only what is attached is announced: with nothing proposed there is
        // no annex and no achievement report, only the meeting's minutes.
        m.insert(
            "kem_theo".into(),
            json!(if fwd.is_empty() {
                "(Có Biên bản họp xét khen thưởng kèm theo.)"
            } else {
                "(Có Phụ lục danh sách và báo cáo tóm tắt thành tích của từng tập thể kèm theo.)"
            }),
        );
        m.insert("so_tap_the".into(), json!(n_units));
        m.insert("so_luot".into(), json!(rows.len()));
        m.insert("tong_tap_the".into(), json!(rows.len()));
        // Collectives and awards counted separately (issue 13; shared template).
        let units: std::collections::BTreeSet<&str> = fwd.iter().map(|d| d.unit.as_str()).collect();
        m.insert("dem_tap_the".into(), json!(count_collectives(units.len(), rows.len())));
        m.insert("de_nghi_tap_the".into(), Value::Array(rows));
        // The annual list's notes under the table (the shared template):
        // each quarterly row gives its own rate and place already.
        m.insert("ghi_chu_tap_the".into(), json!([]));
        m.insert("co_ca_nhan".into(), json!(!inds.is_empty()));
        m.insert("tong_ca_nhan".into(), json!(crate::vn::format::count(inds.len())));
        m.insert("de_nghi_ca_nhan".into(), Value::Array(inds));
        super::individuals::to_trinh_extra(self, &mut m);
        Value::Object(m)
    }

    fn rate_of(&self, u: &UnitResult, key: &str) -> String {
        u.measures
            .iter()
            .find(|m| m.key == key)
            .and_then(|m| m.value.map(|v| show_rate(&v, m.percent, None)))
            .unwrap_or_else(|| "không xác định".into())
    }

    /// The units whose results were assessed: "6 đơn vị", or, when some
    /// sent no figures, "5 đơn vị có số liệu trong 6 đơn vị" — with their
    /// names when there are few ("chưa có số liệu: BHXH thành
    /// phố Hà Nội"). A member without figures is not assessed (neither
    /// passed nor failed), so the documents do not count it as assessed.
    fn units_assessed(&self) -> String {
        let missing = self.units_without_figures();
        let mut said = Vec::new();
        if !missing.is_empty() && missing.len() <= 5 {
            said.push(format!("chưa có số liệu: {}", missing.join("; ")));
        }
        let open = self.units_undetermined();
        if !open.is_empty() && open.len() <= 5 {
            said.push(format!("chưa xác định được kết quả của {} do số liệu chưa đầy đủ", open.join("; ")));
        }
        let names = if said.is_empty() { String::new() } else { format!(" ({})", said.join("; ")) };
        format!("{} đơn vị{names}", self.assessed_count())
    }

    /// Members with figures whose result is open: no award proposed, and
    /// some award neither met nor failed because a figure it needs could
    /// not be read (Công văn 1371 is not applied to a guess). Said in the
    /// documents, so that a reader does not take them for units that failed.
    fn units_undetermined(&self) -> Vec<&str> {
        self.result.units.iter().filter(|u| !u.figures.is_empty() && self.undetermined(&u.unit)).map(|u| u.name.as_str()).collect()
    }

    /// Whether `unit`'s result is open: some award neither met nor failed
    /// for it, and none met (proposed, or met and cut by a quota or by
    /// another award).
    fn undetermined(&self, unit: &str) -> bool {
        let mine = || self.result.decisions.iter().filter(move |d| d.unit == unit);
        let met = |d: &crate::model::Decision| {
            matches!(
                d.kind,
                DecisionKind::Proposed
                    | DecisionKind::Candidate
                    | DecisionKind::TiedAtQuota
                    | DecisionKind::CutByQuota
                    | DecisionKind::TakenByOtherAward
            )
        };
        !mine().any(met) && mine().any(|d| d.kind == DecisionKind::NotAssessable)
    }

    /// The line under the minutes' table naming the members whose result is
    /// open, or "" when there is none.
    fn undetermined_line(&self) -> String {
        // The "(*)" of the table's "Tiêu chí đạt" column, said once.
        let marked =
            self.result.units.iter().any(|u| !u.figures.is_empty() && u.criteria.iter().any(|c| c.status == Status::NotAssessable));
        let star = "(*) Đơn vị có tiêu chí chưa xác định được do thiếu số liệu hoặc số liệu chưa dùng được (ô ghi \"không xác định\"), chưa tính là đạt hay không đạt.";
        match (marked, self.open_results_line()) {
            (true, open) if !open.is_empty() => format!("{star} {open}"),
            (true, _) => star.to_string(),
            (false, open) => open,
        }
    }

    /// The sentence naming the members whose result is open, or "".
    fn open_results_line(&self) -> String {
        let open = self.units_undetermined();
        match open.len() {
            0 => String::new(),
            n if n <= 10 => format!(
                "Chưa xác định được kết quả của {} do số liệu gửi về chưa đầy đủ hoặc có chỗ nhầm (chưa tính là đạt hay không đạt); Hội nghị đề nghị đơn vị bổ sung, sửa số liệu.",
                open.join("; ")
            ),
            n => format!(
                "Chưa xác định được kết quả của {n} đơn vị do số liệu gửi về chưa đầy đủ hoặc có chỗ nhầm (chưa tính là đạt hay không đạt); Hội nghị đề nghị các đơn vị bổ sung, sửa số liệu."
            ),
        }
    }

    /// The count before "đơn vị": "6", or "5 đơn vị có số liệu trong 6".
    fn assessed_count(&self) -> String {
        let (all, missing) = (self.result.units.len(), self.units_without_figures().len());
        if missing == 0 {
            all.to_string()
        } else {
            format!("{} đơn vị có số liệu trong {all}", all - missing)
        }
    }

    fn units_without_figures(&self) -> Vec<&str> {
        self.result.units.iter().filter(|u| u.figures.is_empty()).map(|u| u.name.as_str()).collect()
    }

    /// Biên bản xét khen thưởng.
    pub fn bien_ban(&self) -> Value {
        let r = self.result;
        let mut m = self.common("BB");
        m.insert("trich_yeu".into(), json!(format!("Xét khen thưởng {} trong {}", r.period_label, lower_first(&r.campaign_name))));
        m.insert("thoi_gian".into(), json!(or_blank(&self.meeting.time)));
        m.insert("dia_diem".into(), json!(or_blank(&self.meeting.place)));
        m.insert("chu_tri".into(), json!(or_blank(&self.meeting.chair)));
        m.insert("thu_ky".into(), json!(or_blank(&self.meeting.secretary)));
        // Under the signatures, the name alone ("Trần Thị Mai", not the
        // meeting line "Đồng chí Trần Thị Mai, Chuyên viên …"), or a blank.
        let name = |line: &Option<String>| line.as_deref().and_then(crate::vn::person::person_name).unwrap_or_else(|| BLANK.into());
        m.insert("chu_tri_ten".into(), json!(name(&self.meeting.chair)));
        m.insert("thu_ky_ten".into(), json!(name(&self.meeting.secretary)));
        m.insert("thanh_phan".into(), json!(or_blank(&self.meeting.attendees)));
        // The template reads "của {so_don_vi} đơn vị ({pham_vi})".
        m.insert("so_don_vi".into(), json!(self.assessed_count()));
        m.insert("chua_xac_dinh".into(), json!(self.undetermined_line()));
        // Table in the order of the main collection ranking of the run's scope.
        let main_scope = match &r.scope {
            Scope::National => "toan-quoc".to_string(),
            Scope::Cluster { id, .. } => id.clone(),
            Scope::Province { id, .. } => id.clone(),
        };
        let first_rank = r.rankings.iter().find(|k| k.scope == main_scope).or(r.rankings.first());
        let order: Vec<&str> = match first_rank {
            Some(k) => k.entries.iter().map(|e| e.unit.as_str()).collect(),
            None => r.units.iter().map(|u| u.unit.as_str()).collect(),
        };
        let crit_keys: Vec<&str> = self.rules.file.criteria.iter().map(|c| c.measure.as_str()).collect();
        let col = |u: &UnitResult, i: usize| crit_keys.get(i).map(|k| self.rate_of(u, k)).unwrap_or_default();
        let rows: Vec<Value> = order
            .iter()
            .filter_map(|id| self.unit(id))
            .enumerate()
            .map(|(i, u)| {
                let met = u.criteria.iter().filter(|c| c.status == Status::Met).count();
                let undetermined = u.criteria.iter().filter(|c| c.status == Status::NotAssessable).count();
                let result: Vec<String> = r
                    .decisions
                    .iter()
                    .filter(|d| {
                        d.unit == u.unit && matches!(d.kind, DecisionKind::Proposed | DecisionKind::Candidate | DecisionKind::TiedAtQuota)
                    })
                    .map(|d| {
                        let short = self.rules.file.awards.iter().find(|a| a.id == d.award).map(|a| a.short.clone()).unwrap_or_default();
                        if d.kind == DecisionKind::TiedAtQuota {
                            format!("{short} (đồng hạng)")
                        } else {
                            short
                        }
                    })
                    .collect();
                json!({
                    "stt": i + 1,
                    "ten": u.name,
                    "thu": col(u, 0),
                    "bhxh_bb": col(u, 1),
                    "bhxh_tn": col(u, 2),
                    "bhyt": col(u, 3),
                    "cham_dong": col(u, 4),
                    // A member that sent nothing was not assessed: not "0/5".
                    "so_tieu_chi_dat": if u.figures.is_empty() {
                        "—".to_string()
                    } else if undetermined > 0 {
                        // Marked, and said once under the table: the words
                        // in the cell took four lines of its narrow column.
                        format!("{met}/{} (*)", u.criteria.len())
                    } else {
                        format!("{met}/{}", u.criteria.len())
                    },
                    "ket_qua": if u.figures.is_empty() {
                        "Chưa gửi số liệu".to_string()
                    } else if !result.is_empty() {
                        result.join(", ")
                    } else if self.undetermined(&u.unit) {
                        // Not failed: a figure it needs could not be read
                        // (Công văn 1371 is not applied to a guess).
                        "Chưa xác định".to_string()
                    } else {
                        "—".to_string()
                    },
                })
            })
            .collect();
        m.insert("xep_hang".into(), Value::Array(rows));
        let mut awards = Vec::new();
        for a in &self.rules.file.awards {
            let ds: Vec<Value> = r
                .decisions
                .iter()
                .filter(|d| {
                    d.award == a.id && matches!(d.kind, DecisionKind::Proposed | DecisionKind::Candidate | DecisionKind::TiedAtQuota)
                })
                .enumerate()
                .map(|(i, d)| json!({"stt": i + 1, "ten": d.name, "ly_do": self.short_achievement(d)}))
                .collect();
            let q = r.quotas.iter().find(|q| q.award == a.id);
            awards.push(json!({
                "ten": a.name,
                "so_luong": crate::vn::format::count(ds.len()),
                // A cluster proposes; the quota of Công văn 1371, mục B.IV
                // is the whole sector's, applied by the sector's council:
                // "03" beside four proposals would read as a breach.
                "han_muc": q.map(|q| if q.applied {
                    crate::vn::format::count(q.limit as usize)
                } else {
                    format!("{} tập thể trong toàn Ngành", crate::vn::format::count(q.limit as usize))
                }).unwrap_or_default(),
                "don_vi": ds,
            }));
        }
        m.insert("hinh_thuc".into(), Value::Array(awards));
        // Who applies a sector-wide quota, said once under the awards (it
        // was repeated in each award's line, four times in a page).
        let sector: Vec<&str> = r.quotas.iter().filter(|q| !q.applied).map(|q| q.clause.as_str()).collect();
        let note = match sector.first() {
            Some(clause) if sector.iter().all(|c| c == clause) => format!(
                "Số lượng tối đa tính cho toàn Ngành; Hội đồng Thi đua - Khen thưởng ngành xét chọn trong số các đơn vị được đề xuất ({clause})."
            ),
            Some(_) => "Số lượng tối đa tính cho toàn Ngành; Hội đồng Thi đua - Khen thưởng ngành xét chọn trong số các đơn vị được đề xuất.".into(),
            None => String::new(),
        };
        m.insert("han_muc_ghi_chu".into(), json!(note));
        // Units that qualified but fall outside the quota: one table row each,
        // the quota and its clause said once.
        let outside: Vec<&crate::model::Decision> =
            r.decisions.iter().filter(|d| matches!(d.kind, DecisionKind::CutByQuota | DecisionKind::TiedAtQuota)).collect();
        // What each unit is proposed for under another award in these
        // minutes: most units outside one award's quota are inside another's.
        let forward = self.forward();
        let short_of = |award: &str| {
            self.rules.file.awards.iter().find(|a| a.id == award).map(|a| if a.short.is_empty() { a.name.clone() } else { a.short.clone() })
        };
        let proposed_elsewhere = |d: &crate::model::Decision| -> Vec<String> {
            forward
                .iter()
                .filter(|x| x.unit == d.unit && x.award != d.award && matches!(x.kind, DecisionKind::Proposed | DecisionKind::Candidate))
                .map(|x| short_of(&x.award).unwrap_or_else(|| x.award_name.clone()))
                .collect()
        };
        let rows: Vec<Value> = outside
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let a = self.rules.file.awards.iter().find(|a| a.id == d.award);
                let elsewhere = proposed_elsewhere(d);
                let value = a
                    .and_then(|a| self.unit(&d.unit).and_then(|u| u.measures.iter().find(|x| x.key == a.rank_by)))
                    .and_then(|x| x.value.map(|v| show_rate(&v, x.percent, None)))
                    .unwrap_or_else(|| BLANK.into());
                let of = r.quotas.iter().find(|q| q.award == d.award).map(|q| format!("/{}", q.qualified)).unwrap_or_default();
                json!({
                    "stt": i + 1,
                    "ten": d.name,
                    "hinh_thuc": a.map(|a| a.short.clone()).filter(|s| !s.is_empty()).unwrap_or_else(|| d.award_name.clone()),
                    "chi_tieu": value,
                    "xep_thu": d.rank.map(|k| format!("{k}{of}")).unwrap_or_else(|| BLANK.into()),
                    "ghi_chu": if d.kind == DecisionKind::TiedAtQuota {
                        "Đồng hạng tại giới hạn hạn mức, đề nghị Hội đồng xem xét, quyết định".to_string()
                    } else if elsewhere.is_empty() {
                        String::new()
                    } else {
                        format!("Đã đề nghị: {}", elsewhere.join("; "))
                    },
                    "ly_do": d.reason,
                })
            })
            .collect();
        let mut clauses: Vec<&str> = Vec::new();
        for d in &outside {
            if let Some(a) = self.rules.file.awards.iter().find(|a| a.id == d.award) {
                if !clauses.contains(&a.quota_clause.as_str()) {
                    clauses.push(&a.quota_clause);
                }
            }
        }
        // A unit can fall outside the quota of several fields: the rows
        // count awards (lượt), the sentence counts collectives as well.
        let mut units: Vec<&str> = outside.iter().map(|d| d.unit.as_str()).collect();
        units.sort_unstable();
        units.dedup();
        // Counted as what they are: rows are qualifications for one award
        // each (lượt), several for one collective; and a collective outside
        // one award's quota is often proposed for another above.
        let who = if units.len() == rows.len() {
            format!("{} tập thể dưới đây", crate::vn::format::count(units.len()))
        } else {
            format!("{} lượt dưới đây, của {} tập thể,", crate::vn::format::count(rows.len()), crate::vn::format::count(units.len()))
        };
        let elsewhere = units.iter().filter(|u| outside.iter().any(|d| d.unit == **u && !proposed_elsewhere(d).is_empty())).count();
        let also = match elsewhere {
            0 => String::new(),
            n if n == units.len() && n == 1 => " Tập thể này đã được đề nghị khen thưởng ở hình thức khác nêu trên (cột Ghi chú).".into(),
            n if n == units.len() => " Các tập thể này đều đã được đề nghị khen thưởng ở hình thức khác nêu trên (cột Ghi chú).".into(),
            n => format!(
                " Trong đó {} tập thể đã được đề nghị khen thưởng ở hình thức khác nêu trên (cột Ghi chú).",
                crate::vn::format::count(n)
            ),
        };
        m.insert(
            "ngoai_so_luong_cau".into(),
            json!(format!(
                "{who} đạt đủ tiêu chí nhưng xếp sau, vượt số lượng khen thưởng tối đa của hình thức tương ứng ({}).{also}",
                clauses.join("; ")
            )),
        );
        m.insert("co_ngoai_so_luong".into(), json!(!rows.is_empty()));
        m.insert("ngoai_so_luong".into(), Value::Array(rows));
        let n_fwd = self.forward().len();
        let n_units = self.report_units().len();
        // The persons the Tờ trình proposes are agreed at the meeting too:
        // named in the conclusion, with their unit and form of award.
        // Grouped by form of award, in the order the Tờ trình lists them.
        let proposed = self.proposed_individuals();
        let people = crate::render::fill::persons_by_award(&proposed);
        let people_text = if proposed.is_empty() {
            String::new()
        } else {
            format!(" và {} cá nhân ({people})", crate::vn::format::count(proposed.len()))
        };
        m.insert(
            "ket_luan".into(),
            json!(match (n_fwd, proposed.is_empty()) {
                (0, true) => "Hội nghị thống nhất: không có tập thể đạt đủ tiêu chí để đề nghị khen thưởng trong kỳ.".to_string(),
                (0, false) => format!(
                    "Hội nghị thống nhất: không có tập thể đạt đủ tiêu chí để đề nghị khen thưởng trong kỳ; đề nghị khen thưởng {} cá nhân ({people}).",
                    crate::vn::format::count(proposed.len()),
                ),
                _ => format!("Hội nghị thống nhất đề nghị khen thưởng {} theo danh sách trên{people_text}.", count_collectives(n_units, n_fwd)),
            }),
        );
        m.insert("gio_ket_thuc".into(), json!(BLANK));
        m.insert("thu_ky_ky".into(), json!("THƯ KÝ"));
        // Minutes have no "Kính gửi": they go to the level above for its
        // information, to the members, and to the file (Nghị định 30/2020,
        // Phụ lục III).
        let members = match r.scope {
            Scope::National => "BHXH các tỉnh, thành phố",
            _ => "Các đơn vị thành viên",
        };
        m.insert("noi_nhan".into(), json!([format!("{} (để báo cáo)", self.issuer().to), members.to_string(), "Lưu: VT".to_string()]));
        Value::Object(m)
    }

    /// Báo cáo tóm tắt thành tích of one unit put forward, covering every
    /// award proposed for it (in the order of the rules), whichever of its
    /// decisions `d` is.
    pub fn bao_cao_tom_tat(&self, d: &crate::model::Decision) -> Value {
        let r = self.result;
        let all: Vec<&crate::model::Decision> = self.forward().into_iter().filter(|x| x.unit == d.unit).collect();
        let names: Vec<String> =
            if all.is_empty() { vec![d.award_name.clone()] } else { all.iter().map(|x| x.award_name.clone()).collect() };
        let mut m = self.common("BC");
        let u = self.unit(&d.unit);
        let body = upper(&d.name.replacen("BHXH", "Bảo hiểm xã hội", 1));
        m.insert("co_quan_chu_quan".into(), json!("BẢO HIỂM XÃ HỘI VIỆT NAM"));
        m.insert("co_quan".into(), json!(body));
        m.insert("so_ky_hieu".into(), json!(format!("{BLANK}/{}", crate::render::fill::report_sign(self.registry.unit(&d.unit)))));
        // Nghị định 30/2020, Phụ lục I: a provincial body writes its
        // province's name as the place ("Hà Nam, ngày …").
        let place = self.registry.unit(&d.unit).map_or(BLANK.to_string(), crate::render::fill::place_name);
        m.insert("dong_ngay".into(), json!(self.date.line(&place)));
        m.insert(
            "trich_yeu".into(),
            json!(if names.len() == 1 {
                format!("Đề nghị {} {}", lower_first(&names[0]), r.period_label)
            } else {
                format!("Đề nghị {} hình thức khen thưởng {}", names.len(), r.period_label)
            }),
        );
        m.insert("don_vi".into(), json!({"ten": d.name, "ten_hoa": upper(&d.name)}));
        m.insert(
            "hinh_thuc".into(),
            json!(if names.len() == 1 {
                names[0].clone()
            } else {
                names.iter().enumerate().map(|(i, n)| format!("({}) {n}", i + 1)).collect::<Vec<_>>().join("; ")
            }),
        );
        m.insert("cac_hinh_thuc".into(), json!(names));
        let fig = |key: &Option<String>, pct: bool| -> String {
            let Some(k) = key else { return String::new() };
            let Some(u) = u else { return BLANK.into() };
            let v: Option<Num> =
                u.figures.get(k.as_str()).copied().or_else(|| u.measures.iter().find(|m| &m.key == k).and_then(|m| m.value));
            match v {
                Some(v) if pct => show_rate(&v, true, None),
                Some(v) => format_figure(&v),
                None => BLANK.into(),
            }
        };
        let rows: Vec<Value> = self
            .rules
            .file
            .report_rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                json!({
                    "stt": i + 1,
                    "ten": row.name,
                    "don_vi_tinh": row.unit,
                    "ke_hoach": fig(&row.plan, row.percent),
                    "thuc_hien": fig(&row.actual, row.percent),
                    "ty_le": fig(&row.rate, true),
                    "cung_ky": fig(&row.last_year, row.percent),
                    "so_cung_ky": fig(&row.yoy, true),
                })
            })
            .collect();
        m.insert("chi_tieu".into(), Value::Array(rows));
        let tc: Vec<Value> = u
            .map(|u| {
                u.criteria
                    .iter()
                    .map(|c| {
                        // "Đạt. Tỷ lệ thu … đạt 78,35 %, vượt ngưỡng 71,5 % (Công
                        // văn …)." : the verdict, then the reason as a sentence.
                        let text = c.reason.strip_prefix(&format!("{}: ", u.name)).unwrap_or(&c.reason);
                        json!({"ten": c.name, "ket_qua": format!("{}. {}.", c.status.label_vi(), upper_first(text.trim_end_matches('.')))})
                    })
                    .collect()
            })
            .unwrap_or_default();
        m.insert("tieu_chi".into(), Value::Array(tc));
        m.insert("thanh_tich".into(), json!(BLANK));
        // By scope, each scope named once: "Trong toàn quốc: công tác thu
        // thứ 2/63, …; trong Cụm thi đua cấp tỉnh số IV: công tác thu thứ
        // 1/6, …." (it was every ranking followed by its scope in brackets).
        let mut by_scope: Vec<(&str, Vec<String>)> = Vec::new();
        for k in &r.rankings {
            let Some(rk) = k.entries.iter().find(|e| e.unit == d.unit).and_then(|e| e.rank) else { continue };
            let n = k.entries.iter().filter(|e| e.rank.is_some()).count();
            let scope = if k.scope_name == "Toàn quốc" { "toàn quốc" } else { k.scope_name.as_str() };
            // The ranking's name without the sheet's note on its order
            // ("tỷ lệ chậm đóng", not "… (thấp hơn xếp trên)").
            let title = k.title.trim_start_matches("Xếp hạng ");
            let title = title.split_once(" (").map_or(title, |x| x.0);
            let item = format!("{} thứ {rk}/{n}", lower_first(title));
            match by_scope.iter_mut().find(|(s, _)| *s == scope) {
                Some((_, items)) => items.push(item),
                None => by_scope.push((scope, vec![item])),
            }
        }
        let ranks = if by_scope.is_empty() {
            BLANK.to_string()
        } else {
            let parts: Vec<String> = by_scope.iter().map(|(scope, items)| format!("trong {scope}: {}", items.join(", "))).collect();
            format!("{}.", upper_first(&parts.join("; ")))
        };
        m.insert("xep_hang".into(), json!(ranks));
        m.insert("nguoi_ky".into(), json!({"quyen_han": "", "chuc_vu": "GIÁM ĐỐC", "ho_ten": BLANK}));
        // The report goes with the tờ trình and has no "Kính gửi": the
        // default template prints no Nơi nhận; an officer's own may.
        m.insert("noi_nhan".into(), json!(["Lưu: VT"]));
        Value::Object(m)
    }

    /// Units that get an achievement report: every unit put forward, once.
    pub fn report_units(&self) -> Vec<&crate::model::Decision> {
        let mut seen = std::collections::BTreeSet::new();
        // Nominated collectives (central units) have their own report
        // (render::quarterly::individuals): only units of a computed award here.
        let computed = |d: &&crate::model::Decision| self.rules.file.awards.iter().any(|a| a.id == d.award);
        self.forward().into_iter().filter(computed).filter(|d| seen.insert(d.unit.clone())).collect()
    }
}

fn scope_suffix(s: &Scope) -> String {
    match s {
        Scope::National => " trong toàn quốc".into(),
        other => format!(" thuộc {}", other.name_vi()),
    }
}
