//! The whole job of `thidua run` and `thidua check` (SPEC §9): rules and
//! templates → inbox → period and scope → evaluation → outputs, written to a
//! staging folder and moved into place when complete. Each campaign's own
//! steps are a named sibling (`quarterly`, `annual`); this module keeps the
//! dispatch between them and the steps they share.

mod annual;
pub mod output;
pub mod progress;
mod quarterly;
pub mod quarterly_report;
pub mod registration;
mod report;
pub mod six_month;
pub mod written;

use crate::ingest::{self, Inbox, Limits};
use crate::model::{ClusterKind, Location, Period, Problem, RunResult, Scope, Severity};
use crate::registry::Registry;
use crate::render::docx::Template;
use crate::render::fill::DocDate;
use crate::rules::annual::AnnualRules;
use crate::rules::Rules;
use anyhow::anyhow;
use output::{LockOutcome, Staging};
use progress::Progress;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The dossier templates, by file name under `templates/`: the quarterly
/// campaign's three, then the annual review's (the Tờ trình is shared).
pub const TEMPLATE_NAMES: [&str; 11] = [
    "to-trinh.docx",
    "bien-ban.docx",
    "bao-cao-tom-tat.docx",
    "bien-ban-cum.docx",
    "bien-ban-hoi-dong.docx",
    "bao-cao-thanh-tich.docx",
    "bao-cao-tom-tat-ca-nhan.docx",
    "bao-cao-quy.docx",
    "bao-cao-so-ket.docx",
    "bien-ban-so-ket.docx",
    "giao-uoc.docx",
];
/// The templates each kind of run uses.
pub const QUARTERLY_TEMPLATES: [&str; 4] = ["to-trinh.docx", "bien-ban.docx", "bao-cao-tom-tat.docx", "bao-cao-tom-tat-ca-nhan.docx"];
pub const ANNUAL_TEMPLATES: [&str; 4] = ["to-trinh.docx", "bien-ban-cum.docx", "bien-ban-hoi-dong.docx", "bao-cao-thanh-tich.docx"];

#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    pub inbox: PathBuf,
    /// Output folder for the period; default `out/<period>`.
    pub out: Option<PathBuf>,
    /// Where the period folder goes when `out` is not given (default "out").
    pub out_root: Option<PathBuf>,
    pub period: Option<Period>,
    pub rules: Option<PathBuf>,
    /// A registry edition file (`--registry`); the built-in edition when `None`.
    pub registry: Option<PathBuf>,
    pub templates: Option<PathBuf>,
    /// Date of the documents; default: the month after the period, day blank.
    pub date: Option<DocDate>,
    pub pdf: bool,
    /// Wait for another run on the same output folder instead of refusing.
    pub wait: bool,
    pub quiet: bool,
    /// Timestamped progress lines appended to this file (scheduled runs).
    pub log: Option<PathBuf>,
    /// Bounds for untrusted files (size, cells); defaults when `None`.
    pub limits: Option<Limits>,
    /// The office's register of awards (issue 18), read to fill the
    /// reports' past awards, suggest rotation and make its checks.
    pub register: Option<PathBuf>,
    /// Write the Bản giao ước thi đua from the registrations of the year
    /// (`--giao-uoc`) instead of assessing results.
    pub covenant: bool,
    /// The block or cluster (or a province's district clusters, or the
    /// whole country) the run is about, as the officer typed it
    /// (`--cluster`; `award::scope::chosen`); found from the inbox when
    /// `None`.
    pub scope: Option<String>,
}

/// Why a run could not be made (exit code 2). Vietnamese, complete.
#[derive(Debug)]
pub struct CannotRun(pub String);

impl std::fmt::Display for CannotRun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a finished run produced.
pub struct RunSummary {
    pub period: Period,
    /// The annual rules, for an annual review.
    pub annual_rules: Option<AnnualRules>,
    pub out_dir: PathBuf,
    pub result: RunResult,
    pub outputs: Vec<String>,
    pub notes: Vec<String>,
}

impl RunSummary {
    /// SPEC §7: 0 all good, 1 finished with problems in the inputs.
    pub fn exit_code(&self) -> u8 {
        if self.result.problems.is_empty() {
            0
        } else {
            1
        }
    }
}

/// Rules: a file given with `--rules`, or the built-in campaign.
pub fn load_rules(path: Option<&Path>) -> Result<(Rules, String), CannotRun> {
    match path {
        Some(p) => Rules::load(p)
            .map(|r| (r, p.display().to_string()))
            .map_err(|e| CannotRun(format!("Không đọc được tệp quy tắc {}: {e}", p.display()))),
        None => Ok((Rules::builtin("thu-2022").expect("built-in rules parse"), "templates/rules/thu-2022.toml (tích hợp sẵn)".into())),
    }
}

/// Rules of either kind: a `--rules` file is annual when it says
/// `kind = "annual"`. Returns the rules that read the indicator sheets, the
/// annual rules when forced by the file, and where they came from.
pub fn load_rules_any(path: Option<&Path>) -> Result<(Rules, Option<AnnualRules>, String), CannotRun> {
    if let Some(p) = path {
        let text = std::fs::read_to_string(p).map_err(|e| CannotRun(format!("Không đọc được tệp quy tắc {}: {e}", p.display())))?;
        if AnnualRules::is_annual(&text) {
            let a = AnnualRules::parse(&text, &p.display().to_string())
                .map_err(|e| CannotRun(format!("Không đọc được tệp quy tắc {}: {e}", p.display())))?;
            return Ok((a.indicator_rules(), Some(a), p.display().to_string()));
        }
    }
    let (r, src) = load_rules(path)?;
    Ok((r, None, src))
}

/// The registry of the run: a `--registry` file, checked whole before any
/// work (every error listed, exit 2), or the built-in edition. Returns the
/// registry and the file's warnings (the splitting rule).
pub fn load_registry(path: Option<&Path>) -> Result<(&'static Registry, Vec<String>), CannotRun> {
    match path {
        None => Ok((Registry::builtin(), Vec::new())),
        Some(p) => match crate::registry::file::load(p) {
            Ok(l) => Ok((l.registry.leak(), l.warnings)),
            Err(errors) => Err(CannotRun(format!(
                "Tệp danh sách đơn vị {} có {} lỗi, chưa làm gì:\n  {}",
                p.display(),
                errors.len(),
                errors.join("\n  ")
            ))),
        },
    }
}

/// SPEC §12: a run for year Y needs an edition of the registry whose years
/// include Y, and rules that apply to Y. Outside them the run stops and
/// says what to pass.
pub fn check_edition(
    reg: &Registry,
    from_file: bool,
    annual: Option<&AnnualRules>,
    rules_from_file: bool,
    year: i32,
) -> Result<(), CannotRun> {
    let e = reg.edition();
    if !e.covers(year) {
        let what = if from_file {
            format!(
                "Danh sách đơn vị trong tệp --registry ({}, theo {}) áp dụng cho năm {}, không có năm {year}.",
                e.name,
                e.document,
                e.years_vi()
            )
        } else {
            format!(
                "Danh sách đơn vị tích hợp sẵn ({}, theo {}) chỉ áp dụng cho năm {}; năm {year} nằm ngoài danh sách này.",
                e.name,
                e.document,
                e.years_vi()
            )
        };
        return Err(CannotRun(format!(
            "{what} Hãy chỉ tệp danh sách đơn vị và tệp quy tắc của năm {year}: --registry TỆP --rules TỆP (tệp mẫu để sửa: thidua units --export TỆP và thidua templates --out THƯ_MỤC)."
        )));
    }
    if let Some(a) = annual {
        if let Some(years) = &a.file.campaign.years {
            if !years.contains(&year) {
                let src = if rules_from_file { "trong tệp --rules" } else { "tích hợp sẵn" };
                let shown = crate::model::Edition { name: String::new(), document: String::new(), years: years.clone() }.years_vi();
                return Err(CannotRun(format!(
                    "Quy tắc bình xét {src} ({}) áp dụng cho năm {shown}, không có năm {year}. Hãy chỉ tệp quy tắc của năm {year}: --rules TỆP (tệp mẫu để sửa: thidua templates --out THƯ_MỤC ghi quy tắc tích hợp sẵn vào THƯ_MỤC/quy-tac/).",
                    a.file.campaign.document
                )));
            }
        }
    }
    Ok(())
}

/// A template with where it came from and its SHA-256, compiled.
pub struct LoadedTemplate {
    pub name: String,
    pub source: String,
    pub sha256: String,
    /// Compiled when loaded, or (a built-in template the run's period does
    /// not ask for) when first used.
    compiled: std::sync::OnceLock<Template>,
    bytes: std::borrow::Cow<'static, [u8]>,
}

impl LoadedTemplate {
    pub fn template(&self) -> &Template {
        self.compiled.get_or_init(|| {
            // Only built-in templates are left to compile here; each is
            // compiled by the tests (`render::docx`), so none fails.
            Template::compile(&self.bytes, &self.name).unwrap_or_else(|es| panic!("mẫu tích hợp sẵn {}: {}", self.name, es[0]))
        })
    }
}

/// The built-in templates a run of `period` uses, compiled while the inbox
/// is read; the others are compiled only if used (a year-end run uses 4 of
/// the 11). `None`: all of them.
pub fn templates_for(period: Option<Period>) -> Option<&'static [&'static str]> {
    // The campaign's own, and the head's quarterly report when there is one.
    const QUARTER: [&str; 5] =
        [QUARTERLY_TEMPLATES[0], QUARTERLY_TEMPLATES[1], QUARTERLY_TEMPLATES[2], QUARTERLY_TEMPLATES[3], quarterly_report::TEMPLATE];
    match period {
        Some(Period::Year { .. }) => Some(&ANNUAL_TEMPLATES),
        Some(Period::Quarter { .. }) => Some(&QUARTER),
        _ => None,
    }
}

/// The templates: from `--templates DIR` where present, else built in.
/// Templates from the folder are compiled now, so that their faults are
/// said before anything is read; built-in ones when `wanted` names them (all
/// when `None`), the others when first used.
pub fn load_templates(dir: Option<&Path>, wanted: Option<&[&str]>) -> Result<Vec<LoadedTemplate>, CannotRun> {
    // Compiled on both cores (each deflates its fixed parts once), in order.
    let loaded: Vec<Result<LoadedTemplate, Vec<String>>> = TEMPLATE_NAMES
        .par_iter()
        .map(|name| {
            let custom = dir.map(|d| d.join(name)).filter(|p| p.exists());
            let (bytes, source): (std::borrow::Cow<'static, [u8]>, String) = match &custom {
                Some(p) => match std::fs::read(p) {
                    Ok(b) => (b.into(), p.display().to_string()),
                    Err(e) => return Err(vec![format!("Không đọc được mẫu {}: {e}", p.display())]),
                },
                None => match crate::render::docx::builtin(name) {
                    Some(b) => (b.into(), format!("templates/{name} (tích hợp sẵn)")),
                    None => return Err(vec![format!("Thiếu mẫu {name}")]),
                },
            };
            let compiled = std::sync::OnceLock::new();
            if custom.is_some() || wanted.is_none_or(|w| w.contains(name)) {
                match Template::compile(&bytes, name) {
                    Ok(t) => {
                        let _ = compiled.set(t);
                    }
                    Err(es) => return Err(es.iter().map(|e| e.to_string()).collect()),
                }
            }
            use sha2::Digest;
            Ok(LoadedTemplate { name: (*name).into(), source, sha256: crate::rules::hex(&sha2::Sha256::digest(&bytes)), compiled, bytes })
        })
        .collect();
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for l in loaded {
        match l {
            Ok(t) => out.push(t),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(CannotRun(format!("Mẫu văn bản có lỗi:\n  {}", errors.join("\n  "))))
    }
}

/// The period of the run: `--period`, else the one every title names.
pub fn decide_period(given: Option<Period>, hints: &[(Period, Location)]) -> Result<Period, CannotRun> {
    if let Some(p) = given {
        return Ok(p);
    }
    type ByEnd<'a> = BTreeMap<(i32, u32, u32), Vec<&'a (Period, Location)>>;
    let mut by_end: ByEnd = BTreeMap::new();
    for h in hints {
        let (d, m, y) = h.0.end_date();
        by_end.entry((y, m, d)).or_default().push(h);
    }
    match by_end.len() {
        0 => Err(CannotRun("Không xác định được kỳ: tiêu đề các bảng không ghi kỳ báo cáo. Hãy chỉ rõ, ví dụ: --period 2022-Q3".into())),
        1 => {
            let hs = by_end.into_values().next().unwrap();
            // Prefer the quarter form ("Quý II") over "6 tháng đầu năm".
            let p = hs.iter().map(|h| h.0).find(|p| matches!(p, Period::Quarter { .. })).unwrap_or(hs[0].0);
            Ok(p)
        }
        _ => {
            let lines: Vec<String> = by_end.values().map(|hs| format!("{} ({})", hs[0].0.label_vi(), hs[0].1)).collect();
            Err(CannotRun(format!(
                "Tiêu đề các bảng ghi những kỳ khác nhau: {}. Hãy chỉ rõ kỳ cần xét bằng --period, ví dụ --period 2022-Q3 (hoặc --period {}-H1 để sơ kết 6 tháng đầu năm từ số liệu Quý I và Quý II).",
                lines.join("; "),
                hints.first().map_or(2022, |h| h.0.year())
            )))
        }
    }
}

/// The units a run covers: one cluster when every unit read belongs to it,
/// or when it clearly holds them and the others are a stray unit or two
/// (`award::scope::dominant`; the strays are then out of scope, an error
/// each), else every unit of the clusters of that kind (the national
/// review). Units of the scope that sent nothing are listed as having no
/// figures.
pub fn decide_scope<'r>(reg: &'r Registry, with_figures: &BTreeSet<String>) -> (Scope, Vec<&'r crate::model::Cluster>) {
    let clusters: BTreeSet<&str> = with_figures.iter().filter_map(|u| reg.unit(u)).map(|u| u.cluster.as_str()).collect();
    let one = match clusters.len() {
        1 => reg.cluster(clusters.iter().next().unwrap()),
        _ => crate::award::scope::dominant(reg, with_figures.iter().map(String::as_str)),
    };
    if let Some(c) = one {
        return (Scope::Cluster { id: c.id.clone(), name: c.name.clone() }, vec![c]);
    }
    let kinds: BTreeSet<ClusterKind> = clusters.iter().filter_map(|c| reg.cluster(c)).map(|c| c.kind).collect();
    let kind = if kinds.len() == 1 { *kinds.iter().next().unwrap() } else { ClusterKind::CumTinh };
    (Scope::National, reg.clusters().iter().filter(|c| c.kind == kind).collect())
}

/// The cell naming a unit in the first indicator table with a row for it
/// (where an officer looks for a row read out of place), if any.
pub fn row_cell(sheets: &[crate::ingest::IndicatorSheet], unit: &str) -> Option<crate::model::Location> {
    sheets.iter().flat_map(|s| &s.rows).find(|r| r.unit == unit && !r.figures.is_empty()).map(|r| r.at.clone())
}

/// Everything up to the results, without writing: shared by `run` and
/// `check`.
pub struct Evaluated {
    pub period: Period,
    pub inbox: Inbox,
    pub result: RunResult,
    /// Set for the annual review of Hướng dẫn 3636.
    pub annual: Option<AnnualRules>,
    /// The registry edition the run used.
    pub registry: &'static Registry,
}

pub fn evaluate(inbox_dir: &Path, period: Option<Period>, rules: &Rules, progress: &Progress) -> Result<Evaluated, CannotRun> {
    evaluate_with(inbox_dir, period, rules, progress, &Limits::default())
}

/// As `evaluate`, with the limits applied to untrusted files.
pub fn evaluate_with(
    inbox_dir: &Path,
    period: Option<Period>,
    rules: &Rules,
    progress: &Progress,
    limits: &Limits,
) -> Result<Evaluated, CannotRun> {
    evaluate_any(inbox_dir, period, rules, None, Registry::builtin(), progress, limits)
}

/// Read the inbox and evaluate it: the annual review when `annual` is given
/// or the inbox holds year-end sheets (scores, eligibility, votes) and the
/// period is not a quarter; the quarterly campaign otherwise.
pub fn evaluate_any(
    inbox_dir: &Path,
    period: Option<Period>,
    rules: &Rules,
    annual: Option<&AnnualRules>,
    reg: &'static Registry,
    progress: &Progress,
    limits: &Limits,
) -> Result<Evaluated, CannotRun> {
    evaluate_prefetched(inbox_dir, None, period, rules, annual, reg, progress, limits, None)
}

/// The inbox listed and its first files read, while the registry and the
/// rules are parsed (`prefetched` below); nothing for the six-month
/// review, which lists its inbox its own way, or a path that is no folder.
fn prefetch(inbox_dir: &Path, period: Option<Period>, limits: &Limits) -> Option<ingest::Prefetched> {
    (inbox_dir.is_dir() && !matches!(period, Some(Period::Half { .. }))).then(|| ingest::prefetch(ingest::list_inbox(inbox_dir), limits))
}

/// As `evaluate_any`, with the inbox already listed and its first files
/// read (`prefetch`, with the same folder and limits).
#[allow(clippy::too_many_arguments)]
fn evaluate_prefetched(
    inbox_dir: &Path,
    prefetched: Option<ingest::Prefetched>,
    period: Option<Period>,
    rules: &Rules,
    annual: Option<&AnnualRules>,
    reg: &'static Registry,
    progress: &Progress,
    limits: &Limits,
    chosen: Option<&crate::model::Scope>,
) -> Result<Evaluated, CannotRun> {
    if !inbox_dir.is_dir() {
        return Err(CannotRun(format!("Không thấy thư mục hồ sơ \"{}\".", inbox_dir.display())));
    }
    // The six-month review (Hướng dẫn 3636, mục A.II.3.2.a): no awards.
    if let Some(Period::Half { year }) = period {
        return six_month::evaluate(inbox_dir, year, rules, reg, progress, limits, chosen).map(|x| x.0);
    }
    let listing = prefetched.unwrap_or_else(|| ingest::list_inbox(inbox_dir).into());
    progress.stage("Đọc tệp", listing.files() as u64);
    let mut inbox = ingest::read_listed(listing, reg, rules, limits, &|f| progress.item(f));
    progress.finish();
    let a = &inbox.annual;
    let has_annual = !(a.self_scores.is_empty() && a.cross_scores.is_empty() && a.votes.is_empty() && a.eligibility.is_empty());
    if annual.is_some() || (has_annual && !matches!(period, Some(Period::Quarter { .. }))) {
        let rules_a = annual.cloned().unwrap_or_else(AnnualRules::builtin);
        // Nominations of Công văn 1371 have no place in the review of
        // Hướng dẫn 3636: said, never dropped in silence.
        for at in inbox.annual.central.iter().map(|c| &c.at).chain(inbox.annual.outside.iter().map(|o| &o.at)) {
            inbox.problems.push(Problem::warning(
                "nomination-ignored",
                at.clone(),
                "Dòng đề cử khen thưởng theo Công văn 1371/BHXH-TĐKT (đơn vị trực thuộc, ngoài Ngành) không dùng trong bình xét thi đua năm theo Hướng dẫn 3636/HD-BHXH; để xét theo Công văn 1371, chạy riêng với các bảng chỉ tiêu quý IV.",
            ));
        }
        return annual::evaluate(inbox, period, rules, (rules_a, annual.is_some()), reg, chosen);
    }
    if has_annual {
        inbox.problems.push(Problem::warning(
            "annual-sheets-ignored",
            Location::default(),
            "Hộp thư có bảng chấm điểm, điều kiện xét hoặc kết quả bỏ phiếu của kỳ tổng kết, nhưng lần chạy này xét theo quý; các bảng đó không được dùng. Để bình xét năm, chạy với --period NĂM (ví dụ --period 2022).",
        ));
    }
    // Only registrations of targets: the Bản giao ước is what they make.
    if inbox.indicator_sheets.is_empty() && !inbox.registrations.is_empty() {
        let year = inbox.registrations.iter().filter_map(|r| r.year).max().map_or("NĂM".to_string(), |y| y.to_string());
        return Err(CannotRun(format!(
            "Thư mục chỉ có bảng đăng ký chỉ tiêu thi đua ({} bảng), không có bảng số liệu chỉ tiêu của kỳ nào. Để kiểm tra các bảng đăng ký và lập Bản giao ước thi đua, thêm --giao-uoc, ví dụ: thidua check {} --period {year} --giao-uoc (hoặc thidua run … --giao-uoc).",
            inbox.registrations.len(),
            inbox_dir.display()
        )));
    }
    quarterly::evaluate(inbox, inbox_dir, period, rules, reg, chosen)
}

/// The scope named with `--cluster`, in the registry edition of the run; a
/// name that is no block, cluster or province stops the run (exit 2).
fn chosen_scope(reg: &Registry, typed: Option<&str>) -> Result<Option<crate::model::Scope>, CannotRun> {
    typed.map(|t| crate::award::scope::chosen(reg, t)).transpose().map_err(CannotRun)
}

/// `thidua run`.
pub fn run(opts: &RunOptions) -> Result<RunSummary, CannotRun> {
    let progress = match &opts.log {
        Some(p) => Progress::to_file(p)
            .map_err(|e| CannotRun(format!("Không mở được tệp nhật ký {}: {}", p.display(), crate::ingest::os_error_vi(&e))))?,
        None => Progress::new(opts.quiet),
    };
    progress.say(&format!("Bắt đầu: thidua {} run {}", env!("CARGO_PKG_VERSION"), opts.inbox.display()));
    // A run that cannot finish says why in its log too: a scheduled job's
    // log must not stop at "Bắt đầu".
    run_logged(opts, &progress).inspect_err(|e| {
        progress.finish();
        progress.say(&format!("Dừng, không chạy được: {e}"));
    })
}

fn run_logged(opts: &RunOptions, progress: &Progress) -> Result<RunSummary, CannotRun> {
    if matches!(opts.period, Some(Period::Half { .. })) {
        return six_month::run(opts, progress);
    }
    // The registry and the rules are parsed on one core while the inbox is
    // listed and its first files read on the other; the templates are
    // compiled by whichever core is free first (as in `check`, the listing
    // goes first: nothing before the reading needs the templates, and a
    // core compiling them first left the other waiting for the listing).
    // Errors are still said in the same order (registry, rules,
    // templates). The built-in year-end rules are parsed there too, so that
    // the review does not wait for them after reading.
    let limits = opts.limits.unwrap_or_default();
    let ((prefetched, templates), (registry, rules)) = rayon::join(
        || {
            rayon::join(
                || if opts.covenant { None } else { prefetch(&opts.inbox, opts.period, &limits) },
                || load_templates(opts.templates.as_deref(), templates_for(opts.period)),
            )
        },
        || {
            let loaded = (load_registry(opts.registry.as_deref()), load_rules_any(opts.rules.as_deref()));
            AnnualRules::builtin();
            loaded
        },
    );
    let (reg, registry_warnings) = registry?;
    let (rules, forced_annual, rules_source) = rules?;
    let templates = templates?;
    let chosen = chosen_scope(reg, opts.scope.as_deref())?;
    if chosen.is_some() && opts.covenant {
        return Err(CannotRun(
            "--cluster dùng khi xét quý và bình xét năm; Bản giao ước được lập cho mỗi Khối, Cụm có đơn vị đăng ký trong thư mục (để lập cho một Cụm, chỉ để bảng đăng ký của Cụm đó trong thư mục).".into(),
        ));
    }
    let started = std::time::Instant::now();
    let cpu_started = process_cpu_s();
    let mut ev = if opts.covenant {
        registration::evaluate(&opts.inbox, opts.period, &rules, reg, progress, &limits)?
    } else {
        evaluate_prefetched(&opts.inbox, prefetched, opts.period, &rules, forced_annual.as_ref(), reg, progress, &limits, chosen.as_ref())?
    };
    registry_problems(&mut ev, registry_warnings);
    if let Some(date) = opts.date {
        let late = signing_date_problems(&date, &ev.result, opts.covenant);
        ev.result.problems.extend(late);
    }
    let mut register_notes = Vec::new();
    if let Some(path) = &opts.register {
        register_notes = crate::register::apply::apply(path, &mut ev)
            .map_err(|e| CannotRun(format!("Không dùng được sổ khen thưởng: {}", crate::ingest::error_chain_vi(&e))))?;
    }
    if ev.annual.is_none() {
        quarterly_report::note_previous_quarter(&mut ev);
    }
    let evaluated = started.elapsed();
    let cpu_evaluated = process_cpu_s();
    let rules_source = match (&ev.annual, &forced_annual) {
        (Some(_), None) => "templates/rules/tong-ket-nam.toml (tích hợp sẵn)".to_string(),
        _ => rules_source,
    };
    let target =
        opts.out.clone().unwrap_or_else(|| opts.out_root.clone().unwrap_or_else(|| PathBuf::from("out")).join(ev.period.to_string()));
    let parent = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
    let _lock = match output::lock(&parent, opts.wait).map_err(|e| {
        CannotRun(format!("Không khóa được thư mục kết quả \"{}\": {}", parent.display(), crate::ingest::error_chain_vi(&e)))
    })? {
        LockOutcome::Locked(l) => l,
        LockOutcome::Busy => {
            return Err(CannotRun(format!(
                "Một lần chạy khác đang ghi vào \"{}\". Hãy chờ lần đó xong, hoặc chạy lại với --wait để tự chờ.",
                parent.display()
            )))
        }
    };
    output::recover(&target);
    // A document of the previous set still open in Word, Excel or
    // LibreOffice cannot be replaced (Windows locks it): say which, before
    // anything is written, and keep the old set whole.
    let open = output::open_documents(&target);
    if !open.is_empty() {
        return Err(CannotRun(format!(
            "Các tệp sau của lần chạy trước đang mở (trong Word, Excel hoặc LibreOffice): {}. Hãy đóng các tệp đó rồi chạy lại; bộ hồ sơ cũ được giữ nguyên. Nếu chắc chắn không còn mở, xóa các tệp khóa \"~$…\" hoặc \".~lock.…#\" trong thư mục {}.",
            open.join(", "),
            target.display()
        )));
    }
    let staging = Staging::new(&target).map_err(|e| {
        CannotRun(format!("Không tạo được thư mục tạm bên cạnh \"{}\": {}", target.display(), crate::ingest::error_chain_vi(&e)))
    })?;
    let mut notes = register_notes;
    let written = match &ev.annual {
        _ if opts.covenant => registration::write_outputs(&staging.dir, &ev, &rules, &rules_source, &templates, opts, progress, &mut notes),
        Some(a) => annual::write_outputs(&staging.dir, &ev, a, &rules, &rules_source, &templates, opts, progress, &mut notes),
        None => quarterly::write_outputs(&staging.dir, &ev, &rules, &rules_source, &templates, opts, progress, &mut notes),
    };
    let outputs = written.map_err(|e| {
        CannotRun(format!(
            "Lỗi khi ghi kết quả vào \"{}\": {}. Chưa có tệp kết quả nào được thay thế.",
            target.display(),
            crate::ingest::error_chain_vi(&e)
        ))
    })?;
    // What was read is no longer needed: freed on another core while the
    // output is put in place.
    drop_later(std::mem::take(&mut ev.inbox));
    staging.commit().map_err(|e| CannotRun(crate::ingest::error_chain_vi(&e)))?;
    if std::env::var_os("THIDUA_STATS").is_some() {
        // For the benchmark: where a run spends its time.
        let (read, all) = (evaluated.as_secs_f64(), started.elapsed().as_secs_f64());
        eprintln!("thidua-stats read_evaluate_s={read:.3} write_s={:.3}", all - read);
        if let (Some(a), Some(b), Some(c)) = (cpu_started, cpu_evaluated, process_cpu_s()) {
            // CPU time of both phases, all threads: wall time on a shared
            // machine says little.
            eprintln!("thidua-stats cpu_read_evaluate_s={:.3} cpu_write_s={:.3}", b - a, c - b);
        }
    }
    progress.finish();
    progress.say(&format!("Xong: {} vấn đề trong dữ liệu; kết quả ở {}", ev.result.problems.len(), target.display()));
    Ok(RunSummary { period: ev.period, annual_rules: ev.annual, out_dir: target, result: ev.result, outputs, notes })
}

/// CPU time used so far by the whole process (user and system, all
/// threads), in seconds; for the benchmark's stats line.
fn process_cpu_s() -> Option<f64> {
    #[cfg(unix)]
    {
        // SAFETY: getrusage only writes the struct it is given.
        let mut u: libc::rusage = unsafe { std::mem::zeroed() };
        if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) } != 0 {
            return None;
        }
        let s = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
        Some(s(u.ru_utime) + s(u.ru_stime))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// A signing date (`--ngay`) that comes before what the documents report: the
/// end of the period, or a block's or cluster's meeting whose minutes the
/// tờ trình cites. The documents would carry a date earlier than their own
/// facts, so the officer is warned before signing.
/// `covenant`: the Bản giao ước, signed at the start of the year it is
/// for (Hướng dẫn 3636/HD-BHXH, mục A.II.3.1), not after it.
pub(crate) fn signing_date_problems(date: &DocDate, r: &RunResult, covenant: bool) -> Vec<Problem> {
    let DocDate::Full { day, month, year } = *date else { return Vec::new() };
    let signed = (year, month, day);
    let mut out = Vec::new();
    let (ed, em, ey) = r.period.end_date();
    if signed <= (ey, em, ed) && !covenant {
        out.push(Problem::warning(
            "signing-date-early",
            Location::default(),
            format!(
                "Ngày ký văn bản {day:02}/{month:02}/{year} (tham số --ngay) không sau ngày kết thúc kỳ xét {ed:02}/{em:02}/{ey} ({}): văn bản sẽ mang ngày sớm hơn kết quả nó báo cáo. Kiểm tra lại --ngay.",
                r.period_label
            ),
        ));
    }
    for review in &r.annual {
        if let Some((md, mm, my)) = review.meeting.date {
            if signed < (my, mm, md) {
                out.push(Problem::warning(
                    "signing-date-before-meeting",
                    review.meeting.at.clone(),
                    format!(
                        "{}: ngày ký văn bản {day:02}/{month:02}/{year} (tham số --ngay) trước ngày họp {md:02}/{mm:02}/{my} ghi trong Thông tin hội nghị; tờ trình sẽ mang ngày trước cuộc họp (biên bản mang ngày họp). Kiểm tra lại --ngay.",
                        review.name
                    ),
                ));
            }
        }
    }
    out
}

/// Frees `x` on another thread: dropping what a national run read or
/// computed is a few milliseconds the run need not wait for.
pub(crate) fn drop_later<T: Send + 'static>(x: T) {
    rayon::spawn(move || drop(x));
}

/// For a member said to have sent nothing: the workbooks of the inbox that
/// could not be read, since the member's may be among them (empty when
/// every workbook was read).
pub(crate) fn unread_hint(inbox: &ingest::Inbox) -> String {
    let spreadsheet = |p: &str| p.rsplit_once('.').and_then(|(_, ext)| ingest::grid::Format::from_extension(ext)).is_some();
    // A file read says "đã đọc", perhaps with notes after it ("đã đọc; cùng nội dung …").
    let unread: Vec<String> =
        inbox.files.iter().filter(|f| spreadsheet(&f.path) && !f.status.starts_with("đã đọc")).map(|f| format!("\"{}\"", f.path)).collect();
    // Named, up to a few: the message is read wherever it is printed (the
    // console, bao-loi.txt, the summary), not beside the files' list.
    match unread.len() {
        0 => String::new(),
        1 => format!(" Tệp {} không đọc được; nếu đó là tệp của đơn vị này, sửa tệp đó rồi chạy lại.", unread[0]),
        n if n <= 3 => format!(" Có {n} tệp bảng tính không đọc được ({}); nếu trong đó có tệp của đơn vị này, sửa tệp đó rồi chạy lại.", unread.join(", ")),
        n => format!(
            " Có {n} tệp bảng tính không đọc được ({}, …; danh sách ở cuối bao-loi.txt); nếu trong đó có tệp của đơn vị này, sửa tệp đó rồi chạy lại.",
            unread[..3].join(", ")
        ),
    }
}

/// A document to write: its path under the output folder, its template,
/// and how to build its data. The data are built where the document is
/// rendered, on whichever core takes it, so that building them is no
/// separate step before the summary and the JSON can start.
pub(crate) struct Job<'a> {
    pub path: String,
    pub template: &'a Template,
    pub data: Box<dyn FnOnce() -> serde_json::Value + Send + 'a>,
}

impl<'a> Job<'a> {
    pub fn new(path: impl Into<String>, template: &'a Template, data: impl FnOnce() -> serde_json::Value + Send + 'a) -> Job<'a> {
        Job { path: path.into(), template, data: Box::new(data) }
    }
}

/// The loaded template of that file name.
pub(crate) fn template_named<'t>(templates: &'t [LoadedTemplate], name: &str) -> anyhow::Result<&'t Template> {
    templates.iter().find(|t| t.name == name).map(|t| t.template()).ok_or_else(|| anyhow!("thiếu mẫu {name}"))
}

/// What every run writes: its documents, rendered in parallel and written
/// as each is ready, then the summary, the JSON, the problems, and PDFs
/// when asked. The manifest, which lists all of it, comes after.
pub(crate) fn write_dossier(
    dir: &Path,
    ev: &Evaluated,
    rules: &Rules,
    jobs: Vec<Job>,
    opts: &RunOptions,
    progress: &Progress,
    notes: &mut Vec<String>,
) -> anyhow::Result<written::Written> {
    let r = &ev.result;
    let written = written::Written::default();
    let documents: Vec<String> = jobs.iter().map(|j| j.path.clone()).collect();
    progress.stage("Ghi văn bản", jobs.len() as u64 + 4);
    // The summary, the JSON, and the problems with the page are written
    // while the documents render, on whichever core is free: each is one
    // long task, so they are started first and none is left for the end.
    let (mut summary, mut json, mut pages) = (Ok(()), Ok(()), Ok(()));
    // A template that cannot be filled and a file that cannot be written
    // are told apart: the first is the template's fault, the second the
    // disk's (full, read-only, no permission), each said in its own words.
    enum Failed {
        /// The document, and what its template could not take.
        Fill(String),
        /// The file, and the system's reason.
        Write(String, String),
    }
    let mut failures: Vec<Failed> = Vec::new();
    let write_error = |name: &str, e: &std::io::Error| format!("{name}: {}", crate::ingest::os_error_vi(e));
    rayon::scope(|s| {
        s.spawn(|_| {
            summary = crate::render::xlsx::summary_file(r, rules)
                .and_then(|bytes| written.put(dir, "tong-hop.xlsx", &bytes).map_err(|e| anyhow!(write_error("tong-hop.xlsx", &e))));
            progress.item("tong-hop.xlsx");
        });
        s.spawn(|_| {
            pages = written
                .put(dir, "bao-loi.txt", report::problems_text(r, &ev.inbox).as_bytes())
                .map_err(|e| anyhow!(write_error("bao-loi.txt", &e)))
                .and_then(|_| {
                    written
                        .put(dir, "ket-qua.html", crate::render::html::page(r, &ev.inbox, &documents).as_bytes())
                        .map_err(|e| anyhow!(write_error("ket-qua.html", &e)))
                });
            progress.item("bao-loi.txt");
            progress.item("ket-qua.html");
        });
        // Tasks spawned in a scope are taken by the other cores one after
        // another, oldest first: with two cores the JSON used to start only
        // once the summary was done and was then left alone at the end.
        // This core writes it while another takes the summary; the
        // documents, in pieces of one, fill both cores to the end.
        json = written::Written::create(dir, "ket-qua.json")
            .and_then(|mut f| crate::render::json::write_to(r, &mut f).and_then(|_| written.finish(f)))
            .map_err(|e| anyhow!(write_error("ket-qua.json", &e)));
        progress.item("ket-qua.json");
        failures = jobs
            .into_par_iter()
            // One document per piece, so both cores finish together
            // (see `ingest::read_chunk`).
            .with_max_len(1)
            .filter_map(|Job { path, template, data }| {
                let res = match template.render(&data()) {
                    Err(es) => Err(Failed::Fill(format!("{path}: {}", es.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; ")))),
                    Ok(bytes) => written.put(dir, &path, &bytes).map_err(|e| Failed::Write(path.clone(), crate::ingest::os_error_vi(&e))),
                };
                progress.item(&path);
                res.err()
            })
            .collect();
    });
    let fill: Vec<&str> = failures
        .iter()
        .filter_map(|f| match f {
            Failed::Fill(t) => Some(t.as_str()),
            Failed::Write(..) => None,
        })
        .collect();
    // The files that could not be written, by reason (a full disk fails
    // every file alike): the first few of each named, the reason once.
    let mut by_reason: Vec<(&str, Vec<&str>)> = Vec::new();
    for f in &failures {
        if let Failed::Write(path, why) = f {
            match by_reason.iter_mut().find(|(w, _)| w == why) {
                Some((_, paths)) => paths.push(path),
                None => by_reason.push((why, vec![path])),
            }
        }
    }
    let named = |items: &[&str]| {
        let mut t = items.iter().take(3).copied().collect::<Vec<_>>().join(", ");
        if items.len() > 3 {
            t.push_str(&format!(" (và {} tệp khác)", items.len() - 3));
        }
        t
    };
    let mut said: Vec<String> = Vec::new();
    if !fill.is_empty() {
        let mut t = fill.iter().take(3).copied().collect::<Vec<_>>().join("; ");
        if fill.len() > 3 {
            t.push_str(&format!(" (và {} văn bản khác)", fill.len() - 3));
        }
        said.push(format!("không điền được mẫu: {t}"));
    }
    for (why, paths) in &by_reason {
        said.push(format!("không ghi được tệp {}: {why}", named(paths)));
    }
    if !said.is_empty() {
        anyhow::bail!("{}", said.join("; "));
    }
    summary?;
    json?;
    pages?;
    if opts.pdf {
        notes.push(report::convert_pdf(dir, &documents));
    }
    Ok(written)
}

/// `thidua check`: read and validate, write nothing.
pub fn check(
    inbox: &Path,
    period: Option<Period>,
    rules: Option<&Path>,
    registry: Option<&Path>,
    quiet: bool,
    scope: Option<&str>,
    covenant: bool,
) -> Result<Evaluated, CannotRun> {
    // The inbox listed at once and its first files read on one core, the
    // rules (and the built-in year-end rules the review may need) then the
    // registry on the other, which then helps with the reading: nothing
    // before the reading needs them, and listing the inbox first leaves
    // neither core waiting (the registry used to be built while the
    // other core listed, then wait for the listing). Errors are said in
    // the same order.
    let limits = Limits::default();
    let ((prefetched, reg), loaded) = rayon::join(
        || rayon::join(|| prefetch(inbox, period, &limits), || load_registry(registry)),
        || {
            let loaded = load_rules_any(rules);
            AnnualRules::builtin();
            loaded
        },
    );
    let (reg, warnings) = reg?;
    let (rules, annual, _) = loaded?;
    let chosen = chosen_scope(reg, scope)?;
    // The registrations read as `run --giao-uoc` reads them.
    let mut ev = if covenant {
        registration::evaluate(inbox, period, &rules, reg, &Progress::new(quiet), &limits)?
    } else {
        evaluate_prefetched(inbox, prefetched, period, &rules, annual.as_ref(), reg, &Progress::new(quiet), &limits, chosen.as_ref())?
    };
    registry_problems(&mut ev, warnings);
    // As `run` does: the previous quarter's sheets are the report's, and
    // a cumulative amount that fell from them is an error here too.
    if !covenant && ev.annual.is_none() {
        quarterly_report::note_previous_quarter(&mut ev);
    }
    Ok(ev)
}

/// The edition used, in the results; the registry file's warnings (the
/// splitting rule) among the problems, for the officer to see.
pub(crate) fn registry_problems(ev: &mut Evaluated, warnings: Vec<String>) {
    ev.result.edition = Some(ev.registry.edition().clone());
    for w in warnings {
        ev.result.problems.push(Problem::warning("registry-splitting-rule", Location::default(), w));
    }
}

/// Count of problems by severity: (errors, warnings).
pub fn counts(problems: &[Problem]) -> (usize, usize) {
    let e = problems.iter().filter(|p| p.severity == Severity::Error).count();
    (e, problems.len() - e)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A built-in template the run's period did not ask for is compiled
    /// when first used, and fills its sample exactly as one compiled when
    /// loaded.
    #[test]
    fn templates_left_for_later_fill_as_those_compiled_at_once() {
        let now = load_templates(None, None).unwrap();
        let later = load_templates(None, templates_for(Some(Period::Year { year: 2022 }))).unwrap();
        assert_eq!(later.iter().filter(|t| t.compiled.get().is_some()).count(), ANNUAL_TEMPLATES.len());
        for name in TEMPLATE_NAMES {
            let data: serde_json::Value = serde_json::from_str(crate::render::docx::builtin_sample(name).unwrap()).unwrap();
            let a = template_named(&now, name).unwrap().render(&data).unwrap();
            let b = template_named(&later, name).unwrap().render(&data).unwrap();
            assert!(a == b, "{name}");
        }
        assert!(later.iter().all(|t| t.compiled.get().is_some()));
        let by = |l: &[LoadedTemplate]| l.iter().map(|t| (t.name.clone(), t.sha256.clone(), t.source.clone())).collect::<Vec<_>>();
        assert_eq!(by(&now), by(&later));
    }

    /// A document that cannot be written is said as the disk's problem,
    /// with the file and the system's reason, not as a template's.
    #[test]
    fn a_file_that_cannot_be_written_is_not_called_a_template_fault() {
        let inbox = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/2022-Q3-cum-3");
        let q3 = Some(Period::Quarter { year: 2022, q: 3 });
        let ev = check(&inbox, q3, None, None, true, None, false).expect("the sample reads");
        let templates = load_templates(None, None).expect("built-in templates");
        let t = template_named(&templates, "to-trinh.docx").unwrap();
        let rules = Rules::builtin("thu-2022").unwrap();
        let ctx = crate::render::quarterly::dossier::Context {
            result: &ev.result,
            rules: &rules,
            registry: ev.registry,
            date: crate::render::fill::DocDate::default_for(&ev.period),
            meeting: Default::default(),
        };
        let data = ctx.to_trinh();
        let dir = tempfile::tempdir().unwrap();
        // The "folder" is a file: nothing can be written under it.
        let not_a_folder = dir.path().join("ket-qua");
        std::fs::write(&not_a_folder, b"").unwrap();
        let jobs = (0..5)
            .map(|i| {
                Job::new(format!("ho-so/{i:02}-to-trinh.docx"), t, {
                    let d = data.clone();
                    move || d
                })
            })
            .collect();
        let e = write_dossier(&not_a_folder, &ev, &rules, jobs, &RunOptions::default(), &Progress::silent(), &mut Vec::new())
            .err()
            .expect("nothing can be written")
            .to_string();
        // The first three named, the rest counted, the reason said once.
        assert!(
            e.starts_with("không ghi được tệp ho-so/00-to-trinh.docx, ho-so/01-to-trinh.docx, ho-so/02-to-trinh.docx (và 2 tệp khác): "),
            "{e}"
        );
        assert_eq!(e.matches("không phải là thư mục").count(), 1, "{e}");
        assert!(!e.contains("mẫu"), "{e}");
    }
}
