//! The quarterly indicator campaign (Công văn 1371/BHXH-TĐKT) end to end:
//! ranking units and selecting awards under the quotas, from merged figures
//! to decisions with reasons. The ranking order it shares with the annual
//! review is `award::rank`.

pub mod central;
pub mod evaluate;
pub mod individuals;
pub mod select;

use crate::award::rank::{self, Item, Key};
use crate::model::{Cluster, Level, Period, Problem, Ranking, RunResult, Scope, Unit, UnitFigures, UnitResult};
use crate::rules::Rules;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// One unit of the run with its figures (None: it sent nothing).
pub struct UnitInput<'a> {
    pub unit: &'a Unit,
    pub cluster: &'a Cluster,
    pub figures: Option<&'a UnitFigures>,
    pub has_input_errors: bool,
}

pub struct CampaignInput<'a> {
    pub rules: &'a Rules,
    pub period: Period,
    pub scope: Scope,
    pub units: Vec<UnitInput<'a>>,
    pub nominees: Vec<individuals::Nominee>,
    /// Central units nominated and proposals from outside the sector.
    pub nominated: Nominated<'a>,
    pub problems: Vec<Problem>,
    pub name_order: &'a (dyn Fn(&str, &str) -> Ordering + Sync),
}

/// Nominations read from the inbox (Công văn 1371, mục B.III.1, B.IV.2.c).
#[derive(Default)]
pub struct Nominated<'a> {
    pub central: Vec<crate::model::quarterly::CentralRow>,
    pub outside: Vec<crate::model::quarterly::OutsideRow>,
    /// Name and level of any unit of the registry: central units are not
    /// among the run's `units`.
    pub lookup: Option<&'a UnitLookup>,
}

/// Name and level of a unit id.
pub type UnitLookup = dyn Fn(&str) -> Option<(String, Level)> + Sync;

/// Evaluate a quarterly indicator campaign.
pub fn evaluate_campaign(input: CampaignInput) -> RunResult {
    let rules = input.rules;
    let threshold = rules.threshold(&input.period);
    let period_label = input.period.label_vi();
    let empty = UnitFigures::default();
    let mut problems = input.problems;
    let mut units: Vec<UnitResult> = input
        .units
        .iter()
        .map(|ui| {
            let figs = ui.figures.unwrap_or(&empty);
            let measures = evaluate::measures(rules, figs, threshold);
            let implausible = evaluate::implausible_measures(rules, &ui.unit.id, &ui.unit.name, figs);
            let has_input_errors = ui.has_input_errors || !implausible.is_empty();
            problems.extend(implausible);
            let mut criteria = evaluate::criteria(rules, &ui.unit.name, &input.period, figs, &measures, threshold);
            if ui.figures.is_none() {
                for c in &mut criteria {
                    c.reason = format!(
                        "{}: không có số liệu {} trong các tệp đã nhận; không xác định được, không tính là đạt hay không đạt ({})",
                        ui.unit.name, period_label, c.clause
                    );
                }
            }
            UnitResult {
                unit: ui.unit.id.clone(),
                name: ui.unit.name.clone(),
                cluster: ui.cluster.id.clone(),
                cluster_name: ui.cluster.name.clone(),
                figures: figs.values.clone(),
                measures,
                criteria,
                has_input_errors,
            }
        })
        .collect();
    let cluster_order: BTreeMap<&str, usize> = input.units.iter().map(|u| (u.cluster.id.as_str(), u.cluster.number as usize)).collect();
    let order = input.name_order;
    units.sort_by(|a, b| cluster_order[a.cluster.as_str()].cmp(&cluster_order[b.cluster.as_str()]).then_with(|| order(&a.name, &b.name)));

    // Rankings: in each cluster, and in the whole country for a national run.
    let mut scopes: Vec<(String, String, Vec<&UnitResult>)> = Vec::new();
    let mut by_cluster: BTreeMap<(usize, String), (String, Vec<&UnitResult>)> = BTreeMap::new();
    for u in &units {
        by_cluster
            .entry((cluster_order[u.cluster.as_str()], u.cluster.clone()))
            .or_insert_with(|| (u.cluster_name.clone(), Vec::new()))
            .1
            .push(u);
    }
    if input.scope == Scope::National {
        scopes.push(("toan-quoc".into(), "Toàn quốc".into(), units.iter().collect()));
    }
    for ((_, id), (name, us)) in by_cluster {
        scopes.push((id, name, us));
    }
    let mut rankings = Vec::new();
    for (scope_id, scope_name, us) in &scopes {
        for def in &rules.file.rankings {
            let m = rules.file.measures.iter().find(|m| m.key == def.measure).expect("checked");
            let primary = Key { desc: def.order != "asc", name: select::lower(&m.name), percent: m.percent, clause: def.clause.clone() };
            let ties = select::tie_keys(rules, &def.tie_breakers);
            let items = us
                .iter()
                .map(|u| Item {
                    unit: u.unit.clone(),
                    name: u.name.clone(),
                    value: u.measures.iter().find(|x| x.key == def.measure).and_then(|x| x.value),
                    tie_breakers: def
                        .tie_breakers
                        .iter()
                        .map(|t| u.measures.iter().find(|x| x.key == t.measure).and_then(|x| x.value))
                        .collect(),
                })
                .collect();
            rankings.push(Ranking {
                id: def.id.clone(),
                title: def.title.clone(),
                scope: scope_id.clone(),
                scope_name: scope_name.clone(),
                measure: def.measure.clone(),
                measure_name: m.name.clone(),
                percent: m.percent,
                tie_breaker_names: ties.iter().map(|t| t.name.clone()).collect(),
                tie_breaker_percent: ties.iter().map(|t| t.percent).collect(),
                entries: rank::rank(items, &primary, &ties, order),
            });
        }
    }

    let quota_key = Rules::quota_key(&input.period);
    let apply = input.scope == Scope::National || rules.file.reading.quotas_apply_at == "always";
    let levels: BTreeMap<&str, Level> = input.units.iter().map(|u| (u.unit.id.as_str(), u.unit.level)).collect();
    let level_name = |id: &str| match levels.get(id) {
        Some(Level::Central) => "central".to_string(),
        Some(Level::Province) => "province".to_string(),
        Some(Level::District) => "district".to_string(),
        None => String::new(),
    };
    let sel = select::Selection {
        rules,
        period_label: period_label.clone(),
        quota_key,
        apply_quotas: apply,
        scope_name: input.scope.name_vi(),
        name_order: order,
    };
    let (mut decisions, mut quotas) = select::select(&sel, &units, &level_name);
    // Central units nominated and proposals from outside the sector, then
    // the individuals of every unit put forward (award::central, individuals).
    let national = input.scope == Scope::National;
    let names: BTreeMap<&str, (&str, Level)> =
        input.units.iter().map(|u| (u.unit.id.as_str(), (u.unit.name.as_str(), u.unit.level))).collect();
    let lookup = |id: &str| -> Option<(String, Level)> {
        names.get(id).map(|(n, l)| (n.to_string(), *l)).or_else(|| input.nominated.lookup.and_then(|f| f(id)))
    };
    let cctx =
        central::Context { rules, period_label: &period_label, quota_key, national, scope_name: input.scope.name_vi(), lookup: &lookup };
    let nominated = central::decide(&cctx, &input.nominated.central, &input.nominated.outside);
    decisions.extend(nominated.decisions);
    quotas.extend(nominated.quota);
    let in_scope = |id: &str| names.contains_key(id) || (national && lookup(id).is_some_and(|(_, l)| l == Level::Central));
    let ictx = individuals::Context {
        rules,
        quota_key,
        period_label: &period_label,
        decisions: &decisions,
        in_scope: &in_scope,
        scope_name: input.scope.name_vi(),
    };
    let (individuals, ind_problems) = individuals::decide(&ictx, &input.nominees);
    problems.extend(nominated.problems);
    problems.extend(ind_problems);
    problems.sort();
    problems.dedup();
    RunResult {
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        edition: None,
        campaign: rules.file.campaign.id.clone(),
        campaign_name: rules.file.campaign.name.clone(),
        rules_document: rules.file.campaign.document.clone(),
        period: input.period,
        period_label,
        scope: input.scope,
        units,
        rankings,
        decisions,
        quotas,
        individuals,
        problems,
        annual: vec![],
        nominations: nominated.nominations,
    }
}

#[cfg(test)]
mod tests;
