//! The data of the annual dossier (Hướng dẫn 3636, mục B.IV): the minutes
//! of each block or cluster, its Tờ trình, a Báo cáo thành tích (Mẫu số 01,
//! Phụ lục 01, Quyết định 2418/QĐ-BHXH) for each collective proposed, and
//! for a province its council's minutes and Tờ trình, for the whole country
//! the Tờ trình of Vụ TĐKT. Whatever the inputs do not say stays a visible
//! blank ("……"), never invented.

use crate::award::annual::calendar::titles;
use crate::model::annual::ClusterReview;
use crate::model::{ClusterKind, Decision, DecisionKind, Level, RunResult, Scope};
use crate::registry::Registry;
use crate::render::fill::{count_collectives, DocDate, BLANK};
use crate::rules::annual::AnnualRules;
use crate::vn::format::{format_figure, format_num, format_percent};
use crate::vn::text::upper_first;
use serde_json::{json, Map, Value};

pub struct AnnualContext<'a> {
    pub result: &'a RunResult,
    pub rules: &'a AnnualRules,
    pub registry: &'a Registry,
    /// `--date`, when given: every document carries it.
    pub date: Option<DocDate>,
    /// The reviews the documents cover: the result's own, or for a
    /// province's view ([`AnnualContext::view`]) the whole run's reviews of
    /// its district clusters, borrowed: a national run's 63 views copied
    /// them (with their scores, votes and eligibility rows) and freed the
    /// copies, some 3 % of the run's CPU with the units below.
    annual: Vec<&'a ClusterReview>,
    /// Where a unit's own result is looked up: the result's units, or for
    /// a view the whole run's, with the whole run's index of them.
    units: &'a [crate::model::UnitResult],
    shared_units: Option<&'a rustc_hash::FxHashMap<&'a str, usize>>,
    /// Where each unit is found, built at the first look-up: a national
    /// run's documents looked each proposed unit up by scanning every
    /// review's members, every unit's result and every eligibility row
    /// (the string comparisons were a tenth of building their data).
    places: std::sync::OnceLock<Places<'a>>,
    /// Each cluster's place in the registry, for the order of proposals
    /// (built once, not for each of a national run's 300 reports).
    cluster_pos: std::sync::OnceLock<rustc_hash::FxHashMap<&'a str, usize>>,
}

/// Indices by unit id, each the FIRST match in order, as the scans they
/// replace found it.
#[derive(Default)]
struct Places<'a> {
    /// The first review (of `AnnualContext::annual`) listing the unit among
    /// its members.
    review: rustc_hash::FxHashMap<&'a str, usize>,
    /// The unit's own result (in `AnnualContext::units`; empty when the
    /// index is shared).
    unit: rustc_hash::FxHashMap<&'a str, usize>,
    /// (review, row) of the unit's first eligibility row.
    eligibility: rustc_hash::FxHashMap<&'a str, (usize, usize)>,
    /// The unit's decisions (in `result.decisions`), in order: each
    /// cluster's minutes and Tờ trình, and each report, scanned all of a
    /// national run's decisions for their units'.
    decisions: rustc_hash::FxHashMap<&'a str, Vec<usize>>,
}

/// How many of a cluster's members were ranked on points: a place is "5/6"
/// among them, not "5/7" when one member was not ranked (not scored,
/// excluded).
fn ranked_of(r: &ClusterReview) -> usize {
    r.scores.iter().filter(|s| s.rank.is_some()).count()
}

/// A unit's place on points among those ranked: "xếp thứ 2/5", or
/// "đồng hạng thứ 1/5" for an unbroken tie (SPEC §11: a tie is never
/// broken by the order of the lists, so the documents never say that one
/// of two equal units is first).
fn place_text(s: &crate::model::annual::UnitScore, r: &ClusterReview) -> Option<String> {
    let cluster = crate::award::annual::votes::cluster_word(&r.name);
    Some(crate::award::annual::votes::place_words(s.rank?, ranked_of(r), r.members.len(), s.tied, cluster))
}

impl<'a> AnnualContext<'a> {
    pub fn new(result: &'a RunResult, rules: &'a AnnualRules, registry: &'a Registry, date: Option<DocDate>) -> Self {
        AnnualContext {
            result,
            rules,
            registry,
            date,
            annual: result.annual.iter().collect(),
            units: &result.units,
            shared_units: None,
            places: std::sync::OnceLock::new(),
            cluster_pos: std::sync::OnceLock::new(),
        }
    }

    /// The documents of a part of `whole`'s run, as that part's own run
    /// writes them: `sub` holds its scope, decisions, quotas and
    /// individuals, `annual` its reviews (taken from `whole`'s), and the
    /// units' own results are looked up in `whole` (`sub.units` and
    /// `sub.annual` are not read).
    pub fn view<'w: 'a>(whole: &'a AnnualContext<'w>, sub: &'a RunResult, annual: Vec<&'a ClusterReview>) -> AnnualContext<'a> {
        AnnualContext {
            result: sub,
            rules: whole.rules,
            registry: whole.registry,
            date: whole.date,
            annual,
            units: whole.units,
            shared_units: Some(whole.shared_units.unwrap_or(&whole.places().unit)),
            places: std::sync::OnceLock::new(),
            cluster_pos: std::sync::OnceLock::new(),
        }
    }

    fn places(&self) -> &Places<'a> {
        self.places.get_or_init(|| {
            let mut p = Places::default();
            for (i, c) in self.annual.iter().enumerate() {
                let c: &'a ClusterReview = c;
                for m in &c.members {
                    p.review.entry(m.as_str()).or_insert(i);
                }
                for (j, e) in c.eligibility.iter().enumerate() {
                    p.eligibility.entry(e.unit.as_str()).or_insert((i, j));
                }
            }
            let result: &'a RunResult = self.result;
            for (i, d) in result.decisions.iter().enumerate() {
                p.decisions.entry(d.unit.as_str()).or_default().push(i);
            }
            if self.shared_units.is_none() {
                let units: &'a [crate::model::UnitResult] = self.units;
                for (i, u) in units.iter().enumerate() {
                    p.unit.entry(u.unit.as_str()).or_insert(i);
                }
            }
            p
        })
    }

    /// The first review with `unit` among its members.
    fn review_of(&self, unit: &str) -> Option<&'a ClusterReview> {
        self.places().review.get(unit).map(|&i| self.annual[i])
    }

    /// The unit's own result.
    fn result_of(&self, unit: &str) -> Option<&'a crate::model::UnitResult> {
        let index = match self.shared_units {
            Some(shared) => shared,
            None => &self.places().unit,
        };
        let units: &'a [crate::model::UnitResult] = self.units;
        index.get(unit).map(|&i| &units[i])
    }
}

/// A flag's standard in a few words, for the Tờ trình's reason column.
fn short_standard(f: &str) -> &'static str {
    match f {
        "excellent_title" => "Tập thể lao động xuất sắc",
        "exceeded_targets" => "hoàn thành vượt mức chỉ tiêu",
        "new_model" => "có nhân tố mới, mô hình mới",
        other => crate::award::annual::votes::field_label(other),
    }
}

/// Where a rule is stated, from its clause: the part before the first
/// ";" (a rules file may add, after it, a note for the officer: "…; mỗi
/// cụm bình chọn tối đa 2 đơn vị, theo kết quả bình xét năm 2012 …"),
/// without a leading "tiêu chuẩn theo" that the sentence citing it says.
fn where_stated(clause: &str) -> &str {
    let first = clause.split(';').next().unwrap_or(clause).trim();
    first.strip_prefix("tiêu chuẩn theo ").unwrap_or(first)
}

/// The words the achievement report's title puts before the awards
/// (`templates/bao-cao-thanh-tich.docx`: "ĐỀ NGHỊ TẶNG {hinh_thuc_tieu_de|hoa}").
const TITLE_LEAD: &str = "ĐỀ NGHỊ TẶNG ";

/// Characters of a centred title line in 14 pt bold capitals on A4
/// portrait (the 45th went to a second line in LibreOffice).
const TITLE_LINE: usize = 44;

/// The awards of a title broken into lines where the words allow it:
/// before "và" between two awards, else before "của", so that a centred
/// title never leaves "VIỆT NAM" or "CỦA CHÍNH PHỦ" alone on its last line
/// ("ĐỀ NGHỊ TẶNG BẰNG KHEN" / "CỦA TỔNG GIÁM ĐỐC BHXH VIỆT NAM"). `lead`
/// is what the template writes before them on the first line.
fn title_lines(lead: &str, awards: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let mut rest = awards;
    // A break is looked for after the first character (never before it,
    // and at a character boundary whatever letter the name starts with).
    while let Some(at) = {
        let skip = rest.chars().next().map_or(0, char::len_utf8);
        [" và ", " của "].iter().filter_map(|w| rest[skip..].find(w).map(|i| i + skip)).min()
    } {
        parts.push(&rest[..at]);
        rest = &rest[at..];
    }
    parts.push(rest);
    let mut out = String::new();
    let mut line = lead.chars().count();
    for (i, p) in parts.iter().enumerate() {
        let n = p.chars().count();
        if i > 0 && line + n > TITLE_LINE {
            out.push('\n');
            let p = p.trim_start();
            out.push_str(p);
            line = p.chars().count();
        } else {
            out.push_str(p);
            line += n;
        }
    }
    out
}

/// Owned strings as a JSON array, moved rather than copied (`json!` of a
/// value serializes a copy of it).
fn strings(v: Vec<String>) -> Value {
    Value::Array(v.into_iter().map(Value::String).collect())
}

/// A JSON object of these fields in this order, the values moved in
/// (`json!({..})` serializes a copy of each value, a string or list built
/// for the row as well, and frees the original).
fn object<const N: usize>(fields: [(&str, Value); N]) -> Value {
    let mut m = Map::with_capacity(N);
    for (k, v) in fields {
        m.insert(k.to_string(), v);
    }
    Value::Object(m)
}

fn opt(s: &Option<String>) -> Value {
    match s {
        Some(v) if !v.trim().is_empty() => json!(v),
        _ => Value::Null,
    }
}

/// Award order of Hướng dẫn 3636 (mục B.I.1, B.III): the BHXH flag, then
/// the Government flag, then the certificate (the rules file's order for
/// any other award).
fn award_order(rules: &AnnualRules, id: &str) -> usize {
    match id {
        x if x == rules.file.cap.of => 0,
        x if x == rules.file.cap.award => 1,
        _ => 2 + rules.file.awards.iter().position(|a| a.id == id).unwrap_or(9),
    }
}

pub use crate::vn::person::person_name;

impl<'a> AnnualContext<'a> {
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

    /// The date line of a meeting's minutes: the day of the meeting, which
    /// the minutes record (Nghị định 30/2020, Phụ lục I: a biên bản bears
    /// the date it was made), else `--ngay`, else month and year.
    fn minutes_date(&self, meeting: Option<(u32, u32, i32)>) -> DocDate {
        match meeting {
            Some((day, month, year)) => DocDate::Full { day, month, year },
            None => self.date_for(None),
        }
    }

    /// The council a district cluster sends its proposals to: its
    /// province's (Hướng dẫn 3636/HD-BHXH, mục B.III.1, Bước 2). `None` for
    /// a block or a provincial cluster, which send to the sector's council.
    fn province_council(&self, r: &ClusterReview) -> Option<String> {
        (self.kind_of(r) == ClusterKind::CumHuyen).then(|| {
            let p = self.registry.cluster(&r.cluster).and_then(|c| c.province.as_deref()).map(|p| self.name(p)).unwrap_or_default();
            format!("Hội đồng Thi đua - Khen thưởng {p}")
        })
    }

    /// Where a cluster signs: the place of its head unit (`fill::place_name`).
    fn place_of(&self, unit: Option<&str>) -> String {
        unit.and_then(|u| self.registry.unit(u)).map_or(BLANK.into(), crate::render::fill::place_name)
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
        // Room for what the documents add after (35 fields in all at most,
        // in the minutes): the map is not grown and rehashed on the way.
        let mut m = Map::with_capacity(40);
        m.insert("co_quan_chu_quan".into(), json!(parent));
        m.insert("co_quan".into(), json!(body));
        m.insert("so_ky_hieu".into(), Value::String(format!("{BLANK}/{sign}")));
        m.insert("dong_ngay".into(), Value::String(date.line(place)));
        m.insert("ngay_van_ban".into(), Value::String(date.words()));
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

    /// The cluster's name as the issuing body under its parent: a district
    /// cluster's "(BHXH tỉnh …)" is said by the line above it ("BẢO HIỂM XÃ
    /// HỘI TỈNH THANH HÓA / CỤM THI ĐUA CẤP HUYỆN SỐ 2"), not twice.
    fn issuer_name(&self, r: &ClusterReview) -> String {
        let province = self.registry.cluster(&r.cluster).and_then(|c| c.province.as_deref()).and_then(|p| self.registry.unit(p));
        match province {
            Some(p) => r.name.strip_suffix(&format!(" ({})", p.name)).unwrap_or(&r.name).to_uppercase(),
            None => r.name.to_uppercase(),
        }
    }

    fn cluster_parent(&self, r: &ClusterReview) -> String {
        match self.registry.cluster(&r.cluster).and_then(|c| c.province.as_deref()).and_then(|p| self.registry.unit(p)) {
            Some(p) => format!("BẢO HIỂM XÃ HỘI {}", p.name.trim_start_matches("BHXH ").to_uppercase()),
            None => "BẢO HIỂM XÃ HỘI VIỆT NAM".into(),
        }
    }

    /// Decisions of the run that concern a cluster's members.
    fn decisions_of(&self, r: &ClusterReview) -> Vec<&'a Decision> {
        let by_unit = &self.places().decisions;
        let mut at: Vec<usize> = r.members.iter().filter_map(|m| by_unit.get(m.as_str())).flatten().copied().collect();
        // In the order of the result, each once.
        at.sort_unstable();
        at.dedup();
        let result: &'a RunResult = self.result;
        at.into_iter().map(|i| &result.decisions[i]).collect()
    }

    /// The decisions about `unit`, in the order of the result.
    fn decisions_for(&self, unit: &str) -> impl Iterator<Item = &'a Decision> + '_ {
        let result: &'a RunResult = self.result;
        self.places().decisions.get(unit).into_iter().flatten().map(move |&i| &result.decisions[i])
    }

    /// The individuals the cluster's members nominate, which its Tờ trình
    /// proposes "căn cứ Biên bản họp".
    fn people_of(&self, r: &ClusterReview) -> Vec<&crate::model::IndividualDecision> {
        self.result.individuals.iter().filter(|p| r.members.contains(&p.unit)).collect()
    }

    /// Those individuals said in the minutes: "Hội nghị thống nhất đề nghị
    /// khen thưởng 3 cá nhân … (Bằng khen …: Nguyễn Thị Lan (Phó Trưởng
    /// ban, Ban …); …)". `None` when nobody is.
    fn persons_note(&self, r: &ClusterReview) -> Option<String> {
        let people = self.people_of(r);
        (!people.is_empty()).then(|| {
            format!(
                "Hội nghị thống nhất đề nghị khen thưởng {} cá nhân do các đơn vị thành viên đề nghị ({}).",
                crate::vn::format::count(people.len()),
                crate::render::fill::persons_by_award(&people)
            )
        })
    }

    /// Biên bản họp Khối, Cụm thi đua (template bien-ban-cum.docx).
    pub fn bien_ban_cum(&self, r: &ClusterReview) -> Value {
        let kind = self.kind_of(r);
        let (t_head, t_dep) = titles(kind);
        let head = self.head_of(r);
        let date = self.minutes_date(r.meeting.date);
        let unit_word = if kind == ClusterKind::Khoi { "Khối" } else { "Cụm" };
        // The minutes go with the proposals: a district cluster's to its
        // province's council (Hướng dẫn 3636/HD-BHXH, mục B.III.1, Bước 2),
        // a block's or provincial cluster's to the Vụ (mục B.III.3, Bước 2).
        let to = self.province_council(r).unwrap_or_else(|| "Vụ Thi đua - Khen thưởng BHXH Việt Nam".to_string());
        let mut m = self.letter(
            &self.cluster_parent(r),
            &self.issuer_name(r),
            if kind == ClusterKind::Khoi { "BB-KTĐ" } else { "BB-CTĐ" },
            &self.place_of(head.as_deref()),
            date,
            &[to, "Các đơn vị thành viên".into(), format!("Lưu: {unit_word} thi đua")],
            ("", &t_head.to_uppercase()),
        );
        m.insert("trich_yeu".into(), Value::String(format!("Họp tổng kết, bình xét thi đua {} của {}", self.result.period_label, r.name)));
        m.insert("thoi_gian".into(), opt(&r.meeting.time));
        m.insert("dia_diem".into(), opt(&r.meeting.place));
        m.insert("chu_tri".into(), opt(&r.meeting.chair));
        m.insert("thu_ky".into(), opt(&r.meeting.secretary));
        // The signature slots hold a person's name from the meeting sheet,
        // never a role; without one they stay blank ("……").
        m.insert("chu_tri_ten".into(), json!(r.meeting.chair.as_deref().and_then(person_name)));
        m.insert("thu_ky_ten".into(), json!(r.meeting.secretary.as_deref().and_then(person_name)));
        m.insert("ten_cum".into(), json!(r.name));
        m.insert("so_thanh_vien".into(), json!(r.members.len()));
        // Present: known from a per-ballot tally (one ballot per unit present).
        m.insert("so_co_mat".into(), r.ballots.map_or(json!(BLANK), |b| json!(b)));
        // Attendees as the meeting sheet says them ("Lãnh đạo 6 đơn vị thành
        // viên; đại diện Vụ TĐKT"), else the count of units present.
        let attendees = match r.meeting.attendees.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
            Some(a) => a.trim_end_matches(['.', ';']).to_string(),
            None => format!(
                "đại diện lãnh đạo {} trên tổng số {} đơn vị thành viên của {}",
                r.ballots.map_or(BLANK.to_string(), |b| b.to_string()),
                r.members.len(),
                r.name
            ),
        };
        m.insert("thanh_phan".into(), Value::String(attendees));
        let names: Vec<String> = r.members.iter().map(|u| self.name(u)).collect();
        m.insert("don_vi_thanh_vien".into(), Value::String(names.join("; ")));
        m.insert("vang".into(), json!(""));
        let usual = crate::model::annual::UnitScore::usual_scorers(&r.scores);
        let rows: Vec<Value> = r
            .scores
            .iter()
            .enumerate()
            .map(|(i, s)| {
                // What the columns do not say of the total, then the
                // standing or the tie.
                let mut note: Vec<String> = Vec::new();
                let said = s.note_beside_columns(usual);
                if !said.is_empty() {
                    note.push(upper_first(&said));
                }
                // A tie is said by the note itself ("đồng hạng với …", from
                // `award::rank`, for every unit that shares its rank).
                let standing = match &s.standing {
                    Some(st) => Some(st.split(':').next().unwrap_or("").to_string()),
                    // A note that says why already ("không xếp hạng: …").
                    None if s.total.is_none() && !s.note.starts_with("không xếp hạng") => Some("Chưa có điểm".into()),
                    None => None,
                };
                // Capital only at the start of the cell ("…; chưa xét").
                if let Some(st) = standing {
                    note.push(if note.is_empty() { st } else { crate::vn::text::lower_first(&st) });
                }
                object([
                    ("stt", json!(i + 1)),
                    ("ten", json!(s.name)),
                    // The points that count and the cross-scores' average,
                    // which add up to the total (a verified score replaces
                    // the self-score; the note gives both).
                    ("diem_tu_cham", json!(s.counted_points().map(|v| v.to_f64()))),
                    ("diem_cheo", json!(s.cross_total().map(|v| v.to_f64()))),
                    ("diem", json!(s.total.map(|v| v.to_f64()))),
                    ("hang", s.rank.map(|x| json!(x)).unwrap_or(json!("—"))),
                    ("ghi_chu", Value::String(note.join("; "))),
                ])
            })
            .collect();
        m.insert("xep_hang".into(), Value::Array(rows));
        // A cluster whose members do not score each other (a provincial
        // cluster) has no cross-scores: its table has no column for them
        // (it was a column of dashes).
        m.insert("co_diem_cheo".into(), json!(r.scores.iter().any(|s| s.cross_total().is_some())));
        let out: Vec<Value> = r
            .scores
            .iter()
            .filter_map(|s| {
                let st = s.standing.as_ref()?;
                Some(json!({"ten": s.name, "ly_do": st.split_once(": ").map_or(st.as_str(), |x| x.1).trim_end_matches('.')}))
            })
            .collect();
        // None excluded or deferred, yet some not ranked (no score that
        // could be read): said, so that "Không có." does not read as every
        // member ranked.
        let unranked: Vec<&str> = r.scores.iter().filter(|s| s.standing.is_none() && s.rank.is_none()).map(|s| s.name.as_str()).collect();
        let none = if unranked.is_empty() {
            "Không có.".to_string()
        } else {
            format!(
                "Không có đơn vị không xét, chưa xét theo mục B.I.2, B.I.3 Hướng dẫn 3636/HD-BHXH. Chưa xếp hạng do chưa có điểm thi đua xác định được (mục I): {}.",
                unranked.join("; ")
            )
        };
        m.insert("khong_xet_trong".into(), json!(none));
        m.insert("khong_xet".into(), Value::Array(out));
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
                let result = if r.undetermined.contains(&v.award) {
                    // Rows of the tally not counted: nothing decided.
                    "Chưa xác định được".to_string()
                } else if v.voted {
                    "Được bình chọn".to_string()
                } else {
                    match kind {
                        Some(DecisionKind::TiedAtQuota) => "Bằng phiếu, bỏ phiếu lại".into(),
                        Some(DecisionKind::Excluded) => "Không xét".into(),
                        Some(DecisionKind::Deferred) => "Chưa xét".into(),
                        Some(DecisionKind::CutByQuota) => "Ngoài số lượng".into(),
                        Some(DecisionKind::TakenByOtherAward) => "Đã được bình chọn hình thức khác".into(),
                        Some(DecisionKind::NotAssessable) => "Chưa xác định được".into(),
                        _ if v.share <= self.rules.majority => {
                            format!("Không đủ (cần trên {})", crate::vn::format::format_percent_short(&self.rules.majority))
                        }
                        _ => "Không đạt tiêu chuẩn".into(),
                    }
                };
                object([
                    ("stt", json!(i + 1)),
                    ("hinh_thuc", json!(v.award_name)),
                    ("ten", json!(v.name)),
                    ("dong_y", json!(v.votes)),
                    ("ty_le", json!(v.share.to_f64())),
                    ("ket_qua", Value::String(result)),
                ])
            })
            .collect();
        m.insert("phieu".into(), Value::Array(phieu));
        let de_nghi: Vec<Value> = votes.iter().filter(|v| v.voted).map(|v| json!({"hinh_thuc": v.award_name, "don_vi": v.name})).collect();
        let mut notes: Vec<String> = r.notes.clone();
        // Said instead of "no unit was voted" when the tally is incomplete:
        // the note that says which forms and how many rows, once.
        let undetermined_note = notes.iter().position(|n| n.starts_with("Chưa xác định được kết quả bình chọn"));
        let khong_de_nghi = match undetermined_note {
            Some(i) if de_nghi.is_empty() => notes.remove(i),
            _ => "Không có đơn vị nào được bình chọn.".into(),
        };
        m.insert("de_nghi".into(), Value::Array(de_nghi));
        m.insert("khong_de_nghi".into(), Value::String(khong_de_nghi));
        notes.extend(self.leader_notes(r));
        // The persons the Tờ trình proposes "căn cứ Biên bản họp" are
        // recorded here too, grouped by form of award in the Tờ trình's order.
        notes.extend(self.persons_note(r));
        notes.extend(r.deadline_notes.iter().cloned());
        m.insert("ghi_chu".into(), strings(notes));
        m.insert("chuc_truong".into(), json!(t_head));
        m.insert("chuc_pho".into(), json!(t_dep));
        // Next year's head and deputy as the meeting elected them; a
        // suggestion by rotation is the tool's, not the meeting's: the
        // minutes leave the names blank and bao-loi.txt carries the hint.
        let elected = |u: &Option<String>| {
            if r.next_year.suggested {
                Value::Null
            } else {
                u.as_deref().map_or(Value::Null, |u| Value::String(self.name(u)))
            }
        };
        m.insert("cum_truong".into(), elected(&r.next_year.head));
        m.insert("cum_pho".into(), elected(&r.next_year.deputy));
        // Kept empty for templates an officer edited from an older default.
        m.insert("luan_phien".into(), json!(""));
        m.insert("gio_ket_thuc".into(), Value::Null);
        Value::Object(m)
    }

    /// When a flag is voted for a unit that is not first on points, the
    /// minutes say who led and why the vote went elsewhere (3636 B.I.1: the
    /// unit voted is the one with the most votes in favour and more than
    /// half of the members agreeing).
    fn leader_notes(&self, r: &ClusterReview) -> Vec<String> {
        let leaders: Vec<&crate::model::annual::UnitScore> = r.scores.iter().filter(|s| s.rank == Some(1)).collect();
        if leaders.is_empty() {
            return vec![];
        }
        let lead_names: Vec<String> = leaders
            .iter()
            .map(|s| format!("{} ({} điểm)", s.name, s.total.map(|t| format_num(&t, 2)).unwrap_or_else(|| BLANK.into())))
            .collect();
        // Flags voted for units that are not first on points, per unit.
        let mut by_unit: Vec<(&str, &str, Vec<String>)> = Vec::new();
        for award in [&self.rules.file.cap.of, &self.rules.file.cap.award] {
            for v in r.votes.iter().filter(|v| v.voted && &v.award == award) {
                if leaders.iter().any(|s| s.unit == v.unit) {
                    continue;
                }
                let text = format!("{} với {}", v.award_name, crate::award::annual::votes::share_text(v.votes, v.members));
                match by_unit.iter_mut().find(|x| x.0 == v.unit) {
                    Some(x) => x.2.push(text),
                    None => by_unit.push((v.unit.as_str(), v.name.as_str(), vec![text])),
                }
            }
        }
        if by_unit.is_empty() {
            return vec![];
        }
        // What the leaders got in the vote for the flags.
        let leader_votes: Vec<String> = leaders
            .iter()
            .map(|l| {
                let got: Vec<String> = r
                    .votes
                    .iter()
                    .filter(|x| x.unit == l.unit && (x.award == self.rules.file.cap.of || x.award == self.rules.file.cap.award))
                    .map(|x| format!("{} với {}", x.award_name, crate::award::annual::votes::share_text(x.votes, x.members)))
                    .collect();
                if got.is_empty() {
                    // Why the leader was not on the ballot, when its own
                    // eligibility row says: a standard of the flag it does
                    // not meet (the minutes had said only that it was not).
                    let flag = self.rules.award(&self.rules.file.cap.of);
                    let missed = flag
                        .and_then(|a| crate::award::annual::votes::standard(a, self.eligibility(&l.unit)).err())
                        .map(|(missed, _)| missed)
                        .filter(|m| !m.is_empty());
                    match (flag, missed) {
                        (Some(a), Some(m)) => format!(
                            "{} không được giới thiệu bỏ phiếu Cờ thi đua do chưa đạt tiêu chuẩn {} về {} theo {}",
                            l.name,
                            a.name,
                            m.join("; "),
                            a.clause
                        ),
                        _ => format!("{} không được giới thiệu bỏ phiếu Cờ thi đua", l.name),
                    }
                } else {
                    format!("{} được bỏ phiếu {}", l.name, got.join(", "))
                }
            })
            .collect();
        let voted: Vec<String> = by_unit
            .iter()
            .map(|(u, name, awards)| {
                let place = r
                    .scores
                    .iter()
                    .find(|s| s.unit == *u)
                    .and_then(|s| place_text(s, r))
                    .map_or("chưa được xếp hạng về điểm".to_string(), |p| format!("{p} về tổng điểm"));
                format!("{name} ({place}) được bình chọn {}", awards.join(" và "))
            })
            .collect();
        let who = if leaders.len() > 1 {
            "Các đơn vị đồng hạng nhất về tổng điểm là"
        } else {
            "Đơn vị xếp thứ nhất về tổng điểm là"
        };
        vec![format!(
            "{who} {}; {}. {}. Theo {}, mục B.I.1, đơn vị được bình chọn là đơn vị có số phiếu đồng ý cao (tính từ trên xuống) và có trên 50 % số đơn vị thành viên đồng ý.",
            lead_names.join(", "),
            leader_votes.join("; "),
            upper_first(&voted.join("; ")),
            self.rules.file.campaign.short,
        )]
    }

    /// The district clusters of a province's council as its documents name
    /// them: "các Cụm", or "Cụm" for a province with one.
    fn the_clusters(&self) -> &'static str {
        if self.annual.len() == 1 {
            "Cụm"
        } else {
            "các Cụm"
        }
    }

    /// The short reason of a proposal in a Tờ trình's list: the basis of
    /// the proposal, never the unit's own achievements (those are in its
    /// Báo cáo thành tích, attached): the meeting's vote, the place on
    /// points, the field led for a Bằng khen not given for second place,
    /// and the collection rate. A flag voted for a unit that is not first
    /// on points says who was, so the reason never rests on "xếp thứ 4/6"
    /// alone. The flags' standard, which every unit proposed for a flag
    /// meets, is said once under the list (`standard_notes`), not on each
    /// row.
    fn achievement(&self, d: &Decision) -> String {
        let review = self.review_of(&d.unit);
        let mut parts = Vec::new();
        let is_flag = d.award == self.rules.file.cap.of || d.award == self.rules.file.cap.award;
        if let Some(r) = review {
            if let Some(v) = r.votes.iter().find(|v| v.unit == d.unit && v.award == d.award) {
                let meeting = if matches!(self.result.scope, Scope::Cluster { .. }) {
                    "Hội nghị".to_string()
                } else {
                    // A district cluster's province is in the name column
                    // already ("BHXH huyện Cao Lãnh (BHXH tỉnh Đồng Tháp)"),
                    // or heads the whole list (a province's Tờ trình).
                    let listed = self.listed_name(d);
                    let province_wide = matches!(self.result.scope, Scope::Province { .. });
                    let name = match r.name.split_once(" (") {
                        Some((short, province)) if province_wide || listed.ends_with(&format!("({province}")) => short,
                        _ => r.name.as_str(),
                    };
                    name.to_string()
                };
                parts.push(format!("{meeting} bình chọn: {}", crate::award::annual::votes::share_text(v.votes, v.members)));
            }
            if let Some(s) = r.scores.iter().find(|s| s.unit == d.unit) {
                if let (Some(rank), Some(total), Some(place)) = (s.rank, s.total, place_text(s, r)) {
                    let mut t = format!("{place} ({} điểm", format_num(&total, 2));
                    if is_flag && rank > 1 {
                        // Why not the leader: the vote decides (3636 B.I.1).
                        // Said only of a leader the meeting did not vote
                        // this flag for (some years give a cluster several
                        // flags, and the leader may hold one of them too).
                        let leaders: Vec<String> = r
                            .scores
                            .iter()
                            .filter(|x| x.rank == Some(1))
                            .filter(|x| !r.votes.iter().any(|v| v.unit == x.unit && v.award == d.award && v.voted))
                            .map(|x| format!("{}, {} điểm", x.name, x.total.map(|t| format_num(&t, 2)).unwrap_or_default()))
                            .collect();
                        if !leaders.is_empty() {
                            t.push_str(&format!("; xếp thứ nhất: {}", leaders.join("; ")));
                        }
                    }
                    t.push(')');
                    parts.push(t);
                }
            }
        }
        // The Bằng khen is for the second place or the leader of a field
        // (3636, mục B.II.3): a unit not second is proposed for its field,
        // which the signer must see beside its place.
        if self.rules.award(&d.award).is_some_and(|a| a.second_or_leading) {
            let second = review.and_then(|r| r.scores.iter().find(|s| s.unit == d.unit)).is_some_and(|s| s.rank == Some(2));
            let field = self.eligibility(&d.unit).map(|e| e.leads_field.trim()).filter(|f| !f.is_empty());
            if let (false, Some(f)) = (second, field) {
                // As the eligibility sheet words it ("Dẫn đầu phát triển BHXH
                // tự nguyện"), or a field named alone ("Thu nợ").
                let f = crate::vn::text::lower_first(f);
                parts.push(if crate::vn::text::ascii_fold(&f).starts_with("dan dau") {
                    f
                } else {
                    format!("dẫn đầu lĩnh vực {f}")
                });
            }
        }
        if let Some(e) = self.result_of(&d.unit) {
            if let Some(m) = e.measures.iter().find(|m| m.key == "thu.luy_ke/thu.ke_hoach").and_then(|m| m.value) {
                parts.push(format!("thu BHXH, BHTN, BHYT đạt {} kế hoạch", format_percent(&m)));
            }
        }
        if d.kind == DecisionKind::TiedAtQuota {
            parts.push("đồng hạng tại giới hạn số lượng, đề nghị Hội đồng quyết định".into());
        }
        let s = parts.join("; ");
        if s.is_empty() {
            BLANK.into()
        } else {
            upper_first(&s)
        }
    }

    /// What is said once under the list of collectives rather than on
    /// every row: the standard of each flag proposed (every unit proposed
    /// for a flag meets it, or it is not proposed), in the words of its
    /// clause, and where each unit's own achievements are.
    fn standard_notes(&self, ds: &[&Decision]) -> Vec<String> {
        let mut notes: Vec<(Vec<&str>, Vec<&str>, Vec<&str>)> = Vec::new();
        for a in self.rules.file.awards.iter().filter(|a| !a.standard.is_empty() && ds.iter().any(|d| d.award == a.id)) {
            let labels: Vec<&str> = a.standard.iter().map(|f| short_standard(f)).collect();
            match notes.iter_mut().find(|(l, _, _)| *l == labels) {
                Some((_, names, clauses)) => {
                    names.push(&a.name);
                    clauses.push(where_stated(&a.clause));
                }
                None => notes.push((labels, vec![&a.name], vec![where_stated(&a.clause)])),
            }
        }
        let mut out: Vec<String> = notes
            .into_iter()
            .map(|(labels, names, clauses)| {
                let all = if names.len() > 1 { "đều " } else { "" };
                // One document named once: "Hướng dẫn 3636/HD-BHXH, mục
                // B.II.1 …; mục B.II.2 …".
                let doc = clauses.first().and_then(|c| c.split_once(", mục ")).map(|(d, _)| format!("{d}, "));
                let clauses: Vec<&str> = clauses
                    .iter()
                    .enumerate()
                    .map(|(i, c)| match &doc {
                        Some(d) if i > 0 => c.strip_prefix(d.as_str()).unwrap_or(c),
                        _ => c,
                    })
                    .collect();
                format!("Các tập thể đề nghị {} {all}đạt tiêu chuẩn: {} ({}).", names.join(", "), labels.join("; "), clauses.join("; "))
            })
            .collect();
        if !ds.is_empty() {
            out.push("Thành tích của từng tập thể nêu tại Báo cáo thành tích kèm theo.".into());
        }
        out
    }

    /// A unit's name in a list that spans provinces: district offices share
    /// names across provinces ("BHXH huyện Châu Thành" is in four), so the
    /// province follows in brackets when the list holds more than one.
    fn listed_name(&self, d: &Decision) -> String {
        let several = !matches!(self.result.scope, Scope::Cluster { .. } | Scope::Province { .. });
        match self.registry.unit(&d.unit) {
            Some(u) if several && u.level == Level::District => match u.province.as_deref().and_then(|p| self.registry.unit(p)) {
                Some(p) => format!("{} ({})", d.name, p.name),
                None => d.name.clone(),
            },
            _ => d.name.clone(),
        }
    }

    /// The proposals of a set of decisions, in the order an officer reads a
    /// list of proposals: by award in the order of 3636 (BHXH flag,
    /// Government flag, Bằng khen), then by block or cluster in the
    /// registry's order (Khối, Cụm tỉnh, then each province's Cụm huyện),
    /// then by the unit's place in its cluster — never by alphabet (the
    /// name only keeps equal places in a fixed order).
    fn proposals<'d>(&self, ds: impl Iterator<Item = &'d Decision>) -> Vec<&'d Decision> {
        let mut v: Vec<&Decision> = ds
            .filter(|d| matches!(d.kind, DecisionKind::Proposed | DecisionKind::TiedAtQuota) && self.rules.award(&d.award).is_some())
            .collect();
        let cluster_pos = self.cluster_pos.get_or_init(|| {
            let registry: &'a Registry = self.registry;
            registry.clusters().iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect()
        });
        let place =
            |d: &Decision| self.registry.cluster_of(&d.unit).and_then(|c| cluster_pos.get(c.id.as_str()).copied()).unwrap_or(usize::MAX);
        v.sort_by(|a, b| {
            award_order(self.rules, &a.award)
                .cmp(&award_order(self.rules, &b.award))
                .then_with(|| place(a).cmp(&place(b)))
                .then_with(|| a.rank.unwrap_or(u32::MAX).cmp(&b.rank.unwrap_or(u32::MAX)))
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
        (ds, unsettled, pending): (Vec<&Decision>, Vec<String>, Vec<String>),
        people: Vec<&crate::model::IndividualDecision>,
        minutes: &str,
    ) -> Value {
        let y = self.result.period_label.clone();
        // Who is proposed, as the list below has them.
        let whom = match (ds.is_empty(), people.is_empty()) {
            (false, true) | (true, true) => "các tập thể",
            (false, false) => "các tập thể, cá nhân",
            (true, false) => "các cá nhân",
        };
        m.insert("trich_yeu".into(), Value::String(format!("Về việc đề nghị khen thưởng {y} cho {whom} thuộc {scope_text}")));
        m.insert("kinh_gui".into(), json!(to));
        m.insert("phong_trao".into(), json!(self.rules.file.campaign.name));
        m.insert("van_ban".into(), json!(self.rules.file.campaign.document));
        m.insert("pham_vi".into(), json!(scope_text));
        let mut can_cu = vec![format!(
            "Căn cứ {} hướng dẫn tổ chức, hoạt động Khối, Cụm thi đua ngành BHXH Việt Nam và bình xét thi đua hằng năm;",
            self.rules.file.campaign.document
        )];
        can_cu.extend(basis);
        m.insert("can_cu".into(), strings(can_cu));
        let rows: Vec<Value> = ds
            .iter()
            .enumerate()
            .map(|(i, d)| {
                object([
                    ("stt", json!(i + 1)),
                    ("ten", Value::String(self.listed_name(d))),
                    ("hinh_thuc", json!(d.award_name)),
                    ("thanh_tich", Value::String(self.achievement(d))),
                ])
            })
            .collect();
        let units: std::collections::BTreeSet<&str> = ds.iter().map(|d| d.unit.as_str()).collect();
        let counted = count_collectives(units.len(), rows.len());
        let with_people =
            if people.is_empty() { String::new() } else { format!(" và {} cá nhân", crate::vn::format::count(people.len())) };
        // Clusters whose tally had rows not counted: the forms left
        // undetermined are named, rather than "no collective".
        let mut pending_text = if pending.is_empty() {
            String::new()
        } else {
            format!(
                " Chưa xác định được kết quả bình chọn (bảng kết quả bỏ phiếu có dòng không được tính), chưa đề nghị trong Tờ trình này: {}.",
                pending.join("; ")
            )
        };
        // Voted, but not yet proposed: what decides it could not be read.
        if !unsettled.is_empty() {
            pending_text.push_str(&format!(
                " Đã được bình chọn nhưng chưa đề nghị trong Tờ trình này, do số liệu hoặc thứ hạng chưa xác định được: {}.",
                unsettled.join("; ")
            ));
        }
        let pending = if unsettled.is_empty() { pending } else { [pending, unsettled].concat() };
        m.insert(
            "tom_tat".into(),
            Value::String(if rows.is_empty() && !pending.is_empty() {
                format!("Qua bình xét thi đua {y}, {who} chưa có tập thể được đề nghị khen thưởng{}.{pending_text}", persons_only(people.len()))
            } else if rows.is_empty() {
                format!(
                    "Qua bình xét thi đua {y}, {who} không có tập thể nào đủ điều kiện, tiêu chuẩn và số phiếu để đề nghị khen thưởng{}.",
                    persons_only(people.len())
                )
            } else {
                format!("Qua bình xét thi đua {y}, {who} kính đề nghị xem xét khen thưởng cho {counted}{with_people} có thành tích xuất sắc (danh sách tại Phụ lục kèm theo).{pending_text}")
            }),
        );
        m.insert("tong_tap_the".into(), json!(rows.len()));
        m.insert("dem_tap_the".into(), Value::String(counted));
        m.insert("de_nghi_tap_the".into(), Value::Array(rows));
        let persons: Vec<Value> = people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                object([
                    ("stt", json!(i + 1)),
                    ("ho_ten", json!(p.full_name)),
                    ("chuc_vu", json!(p.position)),
                    ("don_vi", json!(p.unit_name)),
                    ("hinh_thuc", json!(p.award)),
                    ("thanh_tich", json!(if p.achievements.trim().is_empty() { BLANK } else { p.achievements.trim() })),
                ])
            })
            .collect();
        m.insert("co_ca_nhan".into(), json!(!persons.is_empty()));
        m.insert("tong_ca_nhan".into(), json!(crate::vn::format::count(persons.len())));
        m.insert("de_nghi_ca_nhan".into(), Value::Array(persons));
        // What goes with the Tờ trình, as the run writes it (3636, mục
        // B.IV.1 and B.IV.2): the minutes (and, above a cluster, each
        // cluster's minutes and Tờ trình) and a Báo cáo thành tích of each
        // collective proposed. The run writes no report of an individual:
        // the unit where the person works sends it, which is said rather
        // than announced as attached.
        let collectives = if ds.is_empty() {
            String::new()
        } else {
            "; Báo cáo thành tích của từng tập thể đề nghị khen thưởng".into()
        };
        let persons = if people.is_empty() {
            ""
        } else {
            " Báo cáo thành tích của từng cá nhân đề nghị khen thưởng do đơn vị nơi cá nhân công tác lập, gửi kèm hồ sơ."
        };
        m.insert("kem_theo".into(), json!(format!("(Kèm theo {minutes}{collectives}.{persons})")));
        m.insert("ghi_chu_tap_the".into(), strings(self.standard_notes(&ds)));
        // The shared template's sections of Công văn 1371, empty here.
        crate::render::fill::to_trinh_without_nominations(&mut m);
        Value::Object(m)
    }

    /// Tờ trình of a block or cluster.
    pub fn to_trinh_cum(&self, r: &ClusterReview) -> Value {
        let kind = self.kind_of(r);
        let (t_head, _) = titles(kind);
        let head = self.head_of(r);
        let mut m = self.letter(
            &self.cluster_parent(r),
            &self.issuer_name(r),
            if kind == ClusterKind::Khoi { "TTr-KTĐ" } else { "TTr-CTĐ" },
            &self.place_of(head.as_deref()),
            self.date_for(r.meeting.date),
            &["Như trên".to_string(), "Các đơn vị thành viên".into(), "Lưu: VT".into()],
            (&format!("TM. {}", self.issuer_name(r)), &t_head.to_uppercase()),
        );
        // The head signs for the cluster: named when the meeting's chair is
        // this year's head ("Đặng Đức Thắng, Giám đốc BHXH thành phố Hà Nội,
        // Cụm trưởng"); otherwise left for the signer to write.
        if let Some(name) = self.chair_if_head(r, head.as_deref()) {
            m.insert(
                "nguoi_ky".into(),
                json!({"quyen_han": format!("TM. {}", self.issuer_name(r)), "chuc_vu": t_head.to_uppercase(), "ho_ten": name}),
            );
        }
        let to = self.province_council(r).unwrap_or_else(|| "Hội đồng Thi đua - Khen thưởng ngành Bảo hiểm xã hội Việt Nam".into());
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
        let people = self.people_of(r);
        self.to_trinh_with(
            m,
            &r.name,
            &to,
            &r.name,
            vec![format!("Căn cứ Biên bản họp tổng kết, bình xét thi đua {} của {}{meeting_day};", self.result.period_label, r.name)],
            (ds, self.unsettled(r), self.pending_votes(Some(r))),
            people,
            "Biên bản họp",
        )
    }

    /// The chair's name, when the meeting sheet's chair is this year's head:
    /// the chair line names the head unit or the title ("Cụm trưởng",
    /// "Khối trưởng").
    fn chair_if_head(&self, r: &ClusterReview, head: Option<&str>) -> Option<String> {
        let chair = r.meeting.chair.as_deref()?;
        let folded = crate::vn::text::ascii_fold(chair);
        let head_named =
            head.and_then(|h| self.registry.unit(h)).is_some_and(|u| folded.contains(&crate::vn::text::ascii_fold(&u.short_name)));
        // "Cụm trưởng", not "Phó Cụm trưởng" (the deputy does not sign for the head).
        let (deputy, titled) = chair_title(&folded);
        let head_named = head_named && !deputy;
        (head_named || titled).then(|| crate::vn::person::person_name(chair)).flatten()
    }

    /// Units voted an award that could not be decided (their figures or
    /// their rank not known): "BHXH tỉnh Bắc Giang (Cờ thi đua của BHXH Việt
    /// Nam, Cờ thi đua của Chính phủ)", in the result's order.
    fn unsettled(&self, r: &ClusterReview) -> Vec<String> {
        let mut out: Vec<(String, Vec<&str>)> = Vec::new();
        for d in self.decisions_of(r) {
            let voted = r.votes.iter().any(|v| v.unit == d.unit && v.award == d.award && v.votes > 0);
            // A form the tally left undetermined is named on its own.
            if d.kind != DecisionKind::NotAssessable || !voted || r.undetermined.contains(&d.award) {
                continue;
            }
            match out.iter_mut().find(|(n, _)| *n == d.name) {
                Some((_, awards)) => awards.push(&d.award_name),
                None => out.push((d.name.clone(), vec![&d.award_name])),
            }
        }
        out.into_iter().map(|(n, a)| format!("{n} ({})", a.join(", "))).collect()
    }

    /// The clusters whose tally leaves forms undetermined (rows not
    /// counted), each with those forms: "Cụm …: Bằng khen của …" (the forms
    /// alone in the cluster's own Tờ trình). Their other forms are decided
    /// and may be proposed.
    fn pending_votes(&self, only: Option<&ClusterReview>) -> Vec<String> {
        self.annual
            .iter()
            .filter(|r| !r.undetermined.is_empty() && only.is_none_or(|o| o.cluster == r.cluster))
            // A cluster's own Tờ trình names the forms alone.
            .map(|r| if only.is_some() { self.undetermined_forms(r) } else { format!("{}: {}", r.name, self.undetermined_forms(r)) })
            .collect()
    }

    /// The names of the forms a cluster's tally leaves undetermined, in
    /// the rules' order.
    fn undetermined_forms(&self, r: &ClusterReview) -> String {
        self.rules.file.awards.iter().filter(|a| r.undetermined.contains(&a.id)).map(|a| a.name.as_str()).collect::<Vec<_>>().join(", ")
    }

    /// Biên bản họp Hội đồng TĐKT BHXH tỉnh over its district clusters.
    pub fn bien_ban_hoi_dong(&self) -> Value {
        let Scope::Province { id, name } = &self.result.scope else { return Value::Null };
        let place = self.place_of(Some(id));
        let mut m = self.letter(
            &format!("BẢO HIỂM XÃ HỘI {}", name.trim_start_matches("BHXH ").to_uppercase()),
            "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
            "BB-HĐTĐKT",
            &place,
            self.date_for(None),
            &["Vụ Thi đua - Khen thưởng BHXH Việt Nam".to_string(), "Lưu: VT, TĐKT".into()],
            ("", "CHỦ TỊCH HỘI ĐỒNG"),
        );
        let clusters = format!("{} thi đua cấp huyện", self.the_clusters());
        m.insert("trich_yeu".into(), Value::String(format!("Họp xét đề nghị khen thưởng {} của {clusters}", self.result.period_label)));
        m.insert("cac_cum".into(), json!(clusters));
        for k in ["thoi_gian", "dia_diem", "chu_tri", "thu_ky", "thanh_phan"] {
            m.insert(k.into(), Value::Null);
        }
        m.insert("tinh".into(), json!(name));
        m.insert("so_cum".into(), json!(crate::vn::format::count(self.annual.len())));
        // Each cluster's section lists everything it voted, in the order of
        // 3636, with what the council made of it (the 20 % cap may leave a
        // Government flag out).
        let cap_award = &self.rules.file.cap.award;
        let cum: Vec<Value> = self
            .annual
            .iter()
            .map(|r| {
                let leader: Vec<String> = r.scores.iter().filter(|s| s.rank == Some(1)).map(|s| s.name.clone()).collect();
                let mut voted: Vec<&crate::model::annual::VoteResult> = r.votes.iter().filter(|v| v.voted).collect();
                voted.sort_by_key(|v| award_order(self.rules, &v.award));
                let mut de_nghi: Vec<Value> = voted
                    .iter()
                    .map(|v| {
                        let d = self.decisions_for(&v.unit).find(|d| d.award == v.award);
                        let fate = match d.map(|d| d.kind) {
                            Some(DecisionKind::CutByQuota) if &v.award == cap_award => "; không đề nghị lên do vượt hạn mức 20 %",
                            Some(DecisionKind::TiedAtQuota) => "; đồng hạng tại hạn mức, Hội đồng quyết định",
                            Some(DecisionKind::Proposed) | Some(DecisionKind::Candidate) => "; Hội đồng thống nhất đề nghị",
                            _ => "",
                        };
                        object([(
                            "dong",
                            Value::String(format!(
                                "{}: {}, {}{fate}",
                                v.award_name,
                                v.name,
                                crate::award::annual::votes::share_text(v.votes, v.members)
                            )),
                        )])
                    })
                    .collect();
                if !r.undetermined.is_empty() {
                    de_nghi.push(object([(
                        "dong",
                        Value::String(format!(
                            "Chưa xác định được kết quả bình chọn {}: kết quả kiểm phiếu có dòng ghi chưa đúng, chưa tính được",
                            self.undetermined_forms(r)
                        )),
                    )]));
                }
                object([
                    ("ten", json!(r.name)),
                    ("so_thanh_vien", json!(r.members.len())),
                    ("dan_dau", if leader.is_empty() { Value::Null } else { Value::String(leader.join("; ")) }),
                    ("de_nghi", Value::Array(de_nghi)),
                ])
            })
            .collect();
        m.insert("cum".into(), Value::Array(cum));
        let mut conclusion = Vec::new();
        let mut awards: Vec<&crate::rules::annual::Award> = self.rules.file.awards.iter().collect();
        awards.sort_by_key(|a| award_order(self.rules, &a.id));
        for a in awards {
            let n = self.result.decisions.iter().filter(|d| d.award == a.id && d.kind == DecisionKind::Proposed).count();
            if n > 0 {
                conclusion.push(format!("{} cho {} tập thể", a.name, crate::vn::format::count(n)));
            }
        }
        let pending: Vec<String> = self.pending_votes(None);
        let mut text = if conclusion.is_empty() && !pending.is_empty() {
            "Hội đồng chưa có tập thể đề nghị khen thưởng.".to_string()
        } else if conclusion.is_empty() {
            "Hội đồng thống nhất: không có tập thể nào đủ điều kiện đề nghị khen thưởng.".to_string()
        } else {
            format!("Hội đồng thống nhất đề nghị: {}.", conclusion.join("; "))
        };
        if !pending.is_empty() {
            // The 20 % cap counts the BHXH flags proposed (3636 B.III.2).
            let cap = &self.rules.file.cap;
            let cap_short = self.annual.iter().any(|r| r.undetermined.iter().any(|d| *d == cap.of || *d == cap.award));
            text.push_str(&format!(
                " Chưa xét (kết quả bỏ phiếu chưa xác định được do bảng kết quả bỏ phiếu có dòng không được tính): {}{}.",
                pending.join("; "),
                if cap_short {
                    "; hạn mức Cờ thi đua của Chính phủ chưa tính phần Cờ thi đua chưa xác định được"
                } else {
                    ""
                }
            ));
        }
        for q in &self.result.quotas {
            text.push(' ');
            text.push_str(q.document_note());
            text.push_str(&self.cap_choice(q));
            if !q.tied_at_edge.is_empty() {
                let names: Vec<String> = q.tied_at_edge.iter().map(|u| self.name(u)).collect();
                text.push_str(&format!(" Đồng hạng tại hạn mức, Hội đồng quyết định: {}.", names.join("; ")));
            }
        }
        m.insert("ket_luan".into(), Value::String(text));
        Value::Object(m)
    }

    /// The rule that chose who stays under the cap, and the order it gave:
    /// "… lựa chọn theo tỷ lệ phiếu đồng ý, bằng nhau thì theo tổng điểm:
    /// 1. X (80,00 %, 93,75 điểm) — đề nghị; 2. Y (…) — ngoài hạn mức."
    fn cap_choice(&self, q: &crate::model::QuotaReport) -> String {
        let mut pool: Vec<(&str, crate::model::Num, Option<crate::model::Num>)> = Vec::new();
        for u in q.proposed.iter().chain(&q.tied_at_edge).chain(&q.cut) {
            let r = self.review_of(u);
            let share = r.and_then(|r| r.votes.iter().find(|v| &v.unit == u && v.award == q.award)).map(|v| v.share);
            let score = r.and_then(|r| r.scores.iter().find(|s| &s.unit == u)).and_then(|s| s.total);
            pool.push((u.as_str(), share.unwrap_or_else(crate::model::Num::zero), score));
        }
        if pool.len() <= q.limit as usize || q.cut.is_empty() && q.tied_at_edge.is_empty() {
            return String::new();
        }
        pool.sort_by(|a, b| {
            b.1.cmp(&a.1).then_with(|| b.2.cmp(&a.2)).then_with(|| crate::vn::collate::cmp(&self.name(a.0), &self.name(b.0)))
        });
        let by = self.the_clusters();
        if q.limit == 0 {
            let names: Vec<String> = pool.iter().map(|p| self.name(p.0)).collect();
            return if let [one] = names.as_slice() {
                format!(" Hạn mức là 0, nên Hội đồng không đề nghị {} cho {one}, đơn vị được {by} bình chọn.", q.award_name)
            } else {
                format!(
                    " Hạn mức là 0, nên Hội đồng không đề nghị {} cho đơn vị nào trong số các đơn vị được {by} bình chọn ({}).",
                    q.award_name,
                    names.join("; ")
                )
            };
        }
        let lines: Vec<String> = pool
            .iter()
            .enumerate()
            .map(|(i, (u, share, score))| {
                let fate = if q.proposed.iter().any(|x| x == u) {
                    "đề nghị"
                } else if q.tied_at_edge.iter().any(|x| x == u) {
                    "đồng hạng tại hạn mức"
                } else {
                    "ngoài hạn mức"
                };
                format!(
                    "{}. {} (tỷ lệ phiếu {}{}) — {fate}",
                    i + 1,
                    self.name(u),
                    format_percent(share),
                    score.map(|s| format!(", {} điểm", format_num(&s, 2))).unwrap_or_default()
                )
            })
            .collect();
        format!(
            " Số đơn vị được {by} bình chọn {} nhiều hơn hạn mức, nên Hội đồng lựa chọn tập thể tiêu biểu, xuất sắc nhất theo tỷ lệ phiếu đồng ý tại Hội nghị Cụm, bằng nhau thì theo tổng điểm thi đua: {}.",
            q.award_name,
            lines.join("; ")
        )
    }

    /// Tờ trình of the province (its council) or of Vụ TĐKT (national).
    pub fn to_trinh_tong_hop(&self) -> Value {
        let (parent, body, sign, place, to, who, scope_text, signer) = match &self.result.scope {
            Scope::Province { id, name } => (
                "BẢO HIỂM XÃ HỘI VIỆT NAM".to_string(),
                format!("BẢO HIỂM XÃ HỘI {}", name.trim_start_matches("BHXH ").to_uppercase()),
                "TTr-BHXH",
                self.place_of(Some(id)),
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
        let mut basis =
            vec![format!("Căn cứ kết quả bình xét, đề nghị khen thưởng {} của {};", self.result.period_label, self.clusters_counted())];
        let national = self.result.scope == Scope::National;
        // Who a province's clusters voted and its cap leaves out, named as
        // the council's minutes name them: the clusters' Tờ trình propose
        // them, and this one must not drop them without a word (the
        // national Tờ trình refers to each province's documents instead).
        let cut: Vec<&str> = if national {
            Vec::new()
        } else {
            let cap = &self.rules.file.cap.award;
            self.result
                .decisions
                .iter()
                .filter(|d| d.kind == DecisionKind::CutByQuota && &d.award == cap)
                .filter(|d| self.annual.iter().any(|r| r.members.contains(&d.unit)))
                .map(|d| d.name.as_str())
                .collect()
        };
        let cut = if cut.is_empty() {
            String::new()
        } else {
            format!(
                "; {} tập thể được {} bình chọn {} không được đề nghị do ngoài hạn mức (thứ tự xét theo tỷ lệ phiếu rồi tổng điểm ghi tại biên bản họp Hội đồng): {}",
                crate::vn::format::count(cut.len()),
                self.the_clusters(),
                self.rules.file.awards.iter().find(|a| a.id == self.rules.file.cap.award).map_or("", |a| a.name.as_str()),
                cut.join("; ")
            )
        };
        for q in self.result.quotas.iter().filter(|q| q.applied && (!national || q.scope == "toan-quoc")) {
            basis.push(format!("{}{cut};", q.document_note().trim_end_matches('.')));
        }
        let provinces = self.result.quotas.iter().filter(|q| q.applied && q.scope != "toan-quoc").count();
        if national && provinces > 0 {
            basis.push(format!(
                "Hạn mức 20 % của {provinces} BHXH tỉnh đối với đề nghị của các Cụm thi đua cấp huyện đã được Hội đồng Thi đua - Khen thưởng từng BHXH tỉnh áp dụng trước ({}), theo biên bản và tờ trình của từng BHXH tỉnh kèm theo;",
                self.rules.file.cap.province_clause
            ));
        }
        let ds = self.proposals(self.result.decisions.iter());
        // Attached: the council's minutes and what each cluster sent
        // (3636, mục B.IV.1), or, for the whole country, each block's,
        // cluster's and province's minutes and Tờ trình.
        let minutes = if national {
            "Biên bản họp, Tờ trình của các Khối, Cụm thi đua và của các BHXH tỉnh".to_string()
        } else {
            format!("Biên bản họp Hội đồng Thi đua - Khen thưởng, Biên bản họp và Tờ trình của {} thi đua cấp huyện", self.the_clusters())
        };
        self.to_trinh_with(
            m,
            &who,
            &to,
            &scope_text,
            basis,
            (ds, vec![], self.pending_votes(None)),
            self.result.individuals.iter().collect(),
            &minutes,
        )
    }

    /// "5 Cụm thi đua cấp huyện", "5 Khối thi đua, 10 Cụm thi đua cấp tỉnh
    /// và 102 Cụm thi đua cấp huyện": the clusters reviewed, by kind.
    fn clusters_counted(&self) -> String {
        let mut parts = Vec::new();
        for (kind, word) in [
            (ClusterKind::Khoi, "Khối thi đua"),
            (ClusterKind::CumTinh, "Cụm thi đua cấp tỉnh"),
            (ClusterKind::CumHuyen, "Cụm thi đua cấp huyện"),
        ] {
            let n = self.annual.iter().filter(|r| self.kind_of(r) == kind).count();
            if n > 0 {
                parts.push(format!("{n} {word}"));
            }
        }
        match parts.len() {
            0 => "các Khối, Cụm thi đua".into(),
            1 => parts.remove(0),
            _ => {
                let last = parts.pop().unwrap_or_default();
                format!("{} và {last}", parts.join(", "))
            }
        }
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
        let review = self.review_of(&d.unit);
        let mut m = self.letter(
            &parent,
            &full.to_uppercase(),
            crate::render::fill::report_sign(u),
            &self.place_of(Some(&d.unit)),
            self.date_for(review.and_then(|r| r.meeting.date)),
            &[],
            ("", ""),
        );
        // Every award proposed for the unit, in the order of 3636 (one
        // report serves them all: "Cờ thi đua của BHXH Việt Nam và Cờ thi
        // đua của Chính phủ").
        let all: Vec<String> =
            self.proposals(self.decisions_for(&d.unit)).iter().map(|x| x.award_name.clone()).fold(Vec::new(), |mut v, a| {
                if !v.contains(&a) {
                    v.push(a);
                }
                v
            });
        let awards = if all.is_empty() { d.award_name.clone() } else { all.join(" và ") };
        m.insert("hinh_thuc_tieu_de".into(), Value::String(title_lines(TITLE_LEAD, &awards)));
        m.insert("hinh_thuc".into(), Value::String(awards));
        m.insert("don_vi".into(), json!({"ten": full}));
        m.insert("dac_diem".into(), Value::Null);
        m.insert("chuc_nang".into(), Value::Null);
        let res = self.result_of(&d.unit);
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
                object([
                    ("stt", json!(i + 1)),
                    ("ten", json!(ri.name)),
                    ("don_vi_tinh", json!(ri.unit)),
                    ("ke_hoach", Value::String(fig(&ri.plan))),
                    ("thuc_hien", Value::String(fig(&ri.actual))),
                    ("ty_le", Value::String(measure(&format!("{}/{}", ri.actual, ri.plan)))),
                    ("so_cung_ky", Value::String(measure(&format!("{}/nam-truoc", ri.actual)))),
                ])
            })
            .collect();
        // The collection and participant indicators are a province's or a
        // district's: a central unit (Vụ, Ban, Trung tâm) has no such plan,
        // and its report leaves the table out rather than print blanks.
        let central = u.is_some_and(|u| u.level == Level::Central);
        m.insert("co_chi_tieu".into(), json!(!central));
        m.insert("chi_tieu".into(), Value::Array(if central { vec![] } else { rows }));
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
            let (title, decision) = title_and_decision(&rest);
            let t = crate::vn::text::ascii_fold(&title);
            let row = object([("nam", year), ("ten", Value::String(title)), ("quyet_dinh", Value::String(decision))]);
            if t.contains("lao dong xuat sac") || t.contains("lao dong tien tien") || t.starts_with("co thi dua") {
                titles_v.push(row);
            } else {
                awards_v.push(row);
            }
        }
        // A table the eligibility sheet gives nothing for keeps one row to
        // write by hand, rather than print a header over nothing.
        for v in [&mut titles_v, &mut awards_v] {
            if v.is_empty() {
                v.push(object([("nam", json!(BLANK)), ("ten", json!(BLANK)), ("quyet_dinh", json!(BLANK))]));
            }
        }
        m.insert("danh_hieu".into(), Value::Array(titles_v));
        m.insert("khen_thuong".into(), Value::Array(awards_v));
        m.insert("cap_trinh".into(), Value::Null);
        let chief = match u.map(|u| u.level) {
            Some(Level::Central) => "THỦ TRƯỞNG ĐƠN VỊ",
            _ => "GIÁM ĐỐC",
        };
        m.insert("thu_truong".into(), json!({"chuc_vu": chief, "ho_ten": Value::Null}));
        Value::Object(m)
    }

    fn eligibility(&self, unit: &str) -> Option<&'a crate::model::annual::EligibilityRow> {
        self.places().eligibility.get(unit).map(|&(i, j)| {
            let r: &'a ClusterReview = self.annual[i];
            &r.eligibility[j]
        })
    }
}

/// Whether a chair's line (folded) calls the chair a deputy head ("Phó
/// Cụm trưởng"), and whether it calls the chair the head ("… - Cụm
/// trưởng"): a deputy does not sign for the head.
pub(crate) fn chair_title(folded: &str) -> (bool, bool) {
    let deputy = folded.contains("pho cum truong") || folded.contains("pho khoi truong");
    (deputy, !deputy && (folded.contains("cum truong") || folded.contains("khoi truong")))
}

/// A past award as the eligibility sheet writes it, without its year, cut
/// into the title and its decision: "Tập thể lao động xuất sắc (QĐ
/// 1520/QĐ-BHXH ngày 22/12/2022)", "Cờ thi đua - QĐ số 12/QĐ-BHXH",
/// "Bằng khen, Quyết định số 88/QĐ-BHXH"; the decision "……" when none is
/// written (the report's column is then filled by hand).
fn title_and_decision(rest: &str) -> (String, String) {
    let rest = rest.trim();
    let is_decision = |f: &str| {
        let f = f.trim_start();
        f.starts_with("qd") || f.starts_with("quyet dinh") || f.starts_with("so ") || f.contains("/qd")
    };
    // "(QĐ …)" closing the line.
    if let Some(open) = rest.strip_suffix(')').and_then(|x| x.rfind('(')) {
        let inside = &rest[open + 1..rest.len() - 1];
        if is_decision(&crate::vn::text::ascii_fold(inside)) && !rest[..open].trim().is_empty() {
            return (rest[..open].trim().to_string(), inside.trim().to_string());
        }
    }
    if let Some((a, b)) = rest.split_once(" - ") {
        return (a.trim().to_string(), b.trim().to_string());
    }
    // ", QĐ số …" or ", Quyết định …" after the title.
    if let Some((a, b)) = rest.split_once(", ") {
        if is_decision(&crate::vn::text::ascii_fold(b)) {
            return (a.trim().to_string(), b.trim().to_string());
        }
    }
    (rest.to_string(), BLANK.to_string())
}

/// After "no collective is proposed": the persons who are, if any ("; kính
/// đề nghị xem xét khen thưởng cho 2 cá nhân …"), so that the text says
/// what the annex lists.
fn persons_only(n: usize) -> String {
    if n == 0 {
        String::new()
    } else {
        format!(
            "; kính đề nghị xem xét khen thưởng cho {} cá nhân có thành tích xuất sắc (danh sách tại Phụ lục kèm theo)",
            crate::vn::format::count(n)
        )
    }
}

/// A few lines for the console: per cluster (up to ten), the leader, who
/// was voted, who is not considered; then the count per award.
pub fn console_lines(r: &RunResult, rules: &AnnualRules) -> Vec<String> {
    let mut out = Vec::new();
    if r.annual.len() <= 10 {
        for c in &r.annual {
            let mut parts = Vec::new();
            let first: Vec<&crate::model::annual::UnitScore> = c.scores.iter().filter(|s| s.rank == Some(1)).collect();
            // Considered, yet with no score: the lead is only among the others.
            let unscored: Vec<&str> =
                c.scores.iter().filter(|s| s.rank.is_none() && s.standing.is_none()).map(|s| s.name.as_str()).collect();
            if let Some(s) = first.first() {
                let names: Vec<&str> = first.iter().map(|s| s.name.as_str()).collect();
                let lead = if first.len() > 1 { "đồng dẫn đầu" } else { "dẫn đầu" };
                let among = if unscored.is_empty() { "" } else { " trong số các đơn vị đã có điểm" };
                parts.push(format!("{lead}{among} {} ({} điểm)", names.join(", "), s.total.map(|t| format_num(&t, 2)).unwrap_or_default()));
            }
            if !unscored.is_empty() {
                parts.push(format!("chưa có điểm xác định được: {}", unscored.join(", ")));
            }
            let voted: Vec<String> =
                c.votes.iter().filter(|v| v.voted).map(|v| format!("{} — {} ({}/{})", v.award_name, v.name, v.votes, v.members)).collect();
            parts.push(if !c.undetermined.is_empty() {
                "chưa xác định được kết quả bình chọn (bảng kết quả bỏ phiếu có dòng không được tính)".into()
            } else if voted.is_empty() {
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

#[cfg(test)]
mod past_award_tests {
    use super::{title_and_decision, BLANK};

    #[test]
    fn a_decision_in_parentheses_a_dash_or_after_a_comma_goes_to_its_column() {
        let t = |s: &str| title_and_decision(s);
        assert_eq!(
            t("Tập thể lao động xuất sắc (QĐ 1520/QĐ-BHXH ngày 22/12/2022)"),
            ("Tập thể lao động xuất sắc".into(), "QĐ 1520/QĐ-BHXH ngày 22/12/2022".into())
        );
        assert_eq!(t("Cờ thi đua - QĐ số 12/QĐ-BHXH"), ("Cờ thi đua".into(), "QĐ số 12/QĐ-BHXH".into()));
        assert_eq!(t("Bằng khen, Quyết định số 88/QĐ-BHXH"), ("Bằng khen".into(), "Quyết định số 88/QĐ-BHXH".into()));
        // A parenthesis that is no decision stays in the title.
        assert_eq!(t("Bằng khen của Tổng Giám đốc (lĩnh vực thu)"), ("Bằng khen của Tổng Giám đốc (lĩnh vực thu)".into(), BLANK.into()));
        assert_eq!(t("Cờ thi đua của BHXH Việt Nam"), ("Cờ thi đua của BHXH Việt Nam".into(), BLANK.into()));
    }
}

#[cfg(test)]
mod tests {
    /// A title's awards break before "và", else before "của", never
    /// leaving "VIỆT NAM" alone; a short one stays on one line.
    #[test]
    fn award_titles_break_where_the_words_allow() {
        let t = |a: &str| super::title_lines(super::TITLE_LEAD, a);
        assert_eq!(t("Bằng khen của Tổng Giám đốc BHXH Việt Nam"), "Bằng khen\ncủa Tổng Giám đốc BHXH Việt Nam");
        assert_eq!(t("Cờ thi đua của BHXH Việt Nam"), "Cờ thi đua của BHXH Việt Nam");
        assert_eq!(
            t("Cờ thi đua của BHXH Việt Nam và Cờ thi đua của Chính phủ"),
            "Cờ thi đua của BHXH Việt Nam\nvà Cờ thi đua của Chính phủ"
        );
        assert_eq!(t("Tập thể lao động xuất sắc"), "Tập thể lao động xuất sắc");
        // A name starting with a letter of two bytes, or empty.
        assert_eq!(t("Đơn vị dẫn đầu"), "Đơn vị dẫn đầu");
        assert_eq!(t(""), "");
    }
}
