//! The 20 % cap on the Government flag (Hướng dẫn 3636, mục B.III.2 Bước 3
//! for a province over its district clusters; mục B.III.5 Bước 2 for the
//! national council over everything): at most share × n proposals, n being
//! the units proposed for the BHXH flag at that level, rounded as the rules
//! file says (default: down). Over the cap, the cut follows the vote share,
//! then the score; a tie at the edge is left to the council.

use crate::model::{Decision, DecisionKind, Num, QuotaReport, UnitId};
use crate::rules::annual::{AnnualRules, Rounding};
use crate::vn::format::{format_num, format_percent_short};
use std::collections::BTreeMap;

/// The cap and the arithmetic behind it: (cap, "20 % × 11 = 2,2 → 2 (làm tròn xuống)").
pub fn cap_of(rules: &AnnualRules, n: usize) -> (u32, String) {
    let exact = rules.cap_share.checked_mul(Num::int(n as i64)).unwrap_or_else(Num::zero);
    let floor = exact.0.floor().to_integer();
    let cap = match rules.file.cap.rounding {
        Rounding::Down => floor,
        Rounding::Up => exact.0.ceil().to_integer(),
        Rounding::Nearest => exact.0.round().to_integer(),
    };
    let how = rounding_words(rules);
    let cap = cap.max(0) as u32;
    (cap, format!("{} × {n} = {} → {cap} ({how})", format_percent_short(&rules.cap_share), format_num(&exact, 2)))
}

/// How the rules round the cap, in words.
fn rounding_words(rules: &AnnualRules) -> &'static str {
    match rules.file.cap.rounding {
        Rounding::Down => "làm tròn xuống",
        Rounding::Up => "làm tròn lên",
        Rounding::Nearest => "làm tròn",
    }
}

/// Apply the cap to `pool` (indices into `decisions` of the proposals for
/// the capped award at this level). `n` is the count of proposals for the
/// award the cap is a share of. `share_score` gives each unit's vote share
/// and score, for the order of the cut.
#[allow(clippy::too_many_arguments)]
pub fn apply(
    rules: &AnnualRules,
    decisions: &mut [Decision],
    pool: &[usize],
    n: usize,
    share_score: &BTreeMap<UnitId, (Num, Option<Num>)>,
    scope: &str,
    scope_name: &str,
    clause: &str,
) -> QuotaReport {
    let award = rules.award(&rules.file.cap.award).expect("checked at load");
    let of = rules.award(&rules.file.cap.of).expect("checked at load");
    let (cap, arithmetic) = cap_of(rules, n);
    let keys: BTreeMap<usize, (Num, Option<Num>)> =
        pool.iter().map(|&i| (i, share_score.get(&decisions[i].unit).cloned().unwrap_or((Num::zero(), None)))).collect();
    let key = |i: &usize| keys[i];
    let mut order: Vec<usize> = pool.to_vec();
    order.sort_by(|a, b| {
        let (sa, pa) = key(a);
        let (sb, pb) = key(b);
        sb.cmp(&sa).then_with(|| pb.cmp(&pa)).then_with(|| crate::vn::collate::cmp(&decisions[*a].name, &decisions[*b].name))
    });
    let at = if scope == "toan-quoc" { scope_name.to_string() } else { format!("tại {scope_name}") };
    let note = format!("Hạn mức {} {at}: {arithmetic}, trên {n} đơn vị được đề nghị {} ({clause}).", award.name, of.name);
    // A signed text says the cap in words (Nghị định 30/2020 wants plain
    // administrative language, not a calculation).
    let worded = format!(
        "Hạn mức {} {at} là {} tập thể: {} số tập thể được đề nghị {} ({} tập thể), {} ({clause}).",
        award.name,
        crate::vn::format::count(cap as usize),
        format_percent_short(&rules.cap_share),
        of.name,
        crate::vn::format::count(n),
        rounding_words(rules)
    );
    let mut report = QuotaReport {
        award: award.id.clone(),
        award_name: award.name.clone(),
        scope: scope.into(),
        limit: cap,
        qualified: order.len() as u32,
        proposed: vec![],
        cut: vec![],
        tied_at_edge: vec![],
        clause: clause.into(),
        applied: true,
        note: note.clone(),
        worded,
    };
    let edge = if cap > 0 { order.get(cap as usize - 1).map(key) } else { None };
    let over_edge = order.get(cap as usize).map(key);
    let tie = edge.is_some() && edge == over_edge;
    for (pos, i) in order.iter().enumerate() {
        let k = key(i);
        let (share, score) = (&k.0, &k.1);
        let shown = format!(
            "tỷ lệ phiếu {}{}",
            crate::vn::format::format_percent(share),
            score.map(|s| format!(", tổng điểm {}", format_num(&s, 2))).unwrap_or_default()
        );
        let d = &mut decisions[*i];
        if tie && Some(&k) == edge.as_ref() {
            d.kind = DecisionKind::TiedAtQuota;
            d.reason = format!("{}: {shown}, bằng đơn vị khác tại giới hạn. {note} Hội đồng quyết định.", d.name);
            report.tied_at_edge.push(d.unit.clone());
        } else if (pos as u32) < cap {
            d.reason = format!("{} Trong hạn mức: xếp thứ {} ({shown}). {note}", d.reason, pos + 1);
            report.proposed.push(d.unit.clone());
        } else {
            d.kind = DecisionKind::CutByQuota;
            d.reason = format!("{}: ngoài hạn mức, xếp thứ {} theo tỷ lệ phiếu rồi tổng điểm ({shown}). {note}", d.name, pos + 1);
            d.clauses.push(clause.into());
            report.cut.push(d.unit.clone());
        }
    }
    report
}
