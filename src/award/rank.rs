//! Ranking with tie-breakers (SPEC §5 "Leading", §11 "Unbroken ties").
//!
//! Units are ordered by a measure, then by each tie-breaker in turn. Units
//! equal on all of them share a rank and are marked tied ("đồng hạng"): a tie
//! is never broken by input order or by name. A unit whose measure cannot be
//! computed is listed last, unranked.

use crate::model::{Num, RankEntry};
use std::cmp::Ordering;

/// One unit to rank.
#[derive(Clone, Debug)]
pub struct Item {
    pub unit: String,
    pub name: String,
    pub value: Option<Num>,
    pub tie_breakers: Vec<Option<Num>>,
}

/// Direction and description of one key.
#[derive(Clone, Debug)]
pub struct Key {
    /// Higher is better.
    pub desc: bool,
    /// Name for notes: "tỷ lệ so với cùng kỳ".
    pub name: String,
    pub percent: bool,
    pub clause: String,
}

fn cmp_opt(a: &Option<Num>, b: &Option<Num>, desc: bool) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => {
            if desc {
                y.cmp(x)
            } else {
                x.cmp(y)
            }
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn cmp_items(a: &Item, b: &Item, primary: &Key, ties: &[Key]) -> Ordering {
    let mut o = cmp_opt(&a.value, &b.value, primary.desc);
    for (i, k) in ties.iter().enumerate() {
        if o != Ordering::Equal {
            break;
        }
        o = cmp_opt(&a.tie_breakers.get(i).copied().flatten(), &b.tie_breakers.get(i).copied().flatten(), k.desc);
    }
    o
}

/// Rank `items`. The returned entries are in rank order; entries sharing a
/// rank are ordered by `name_order` (display only).
pub fn rank(mut items: Vec<Item>, primary: &Key, ties: &[Key], name_order: &dyn Fn(&str, &str) -> Ordering) -> Vec<RankEntry> {
    items.sort_by(|a, b| cmp_items(a, b, primary, ties).then_with(|| name_order(&a.name, &b.name)));
    let mut out: Vec<RankEntry> = Vec::with_capacity(items.len());
    let mut rank_no = 0u32;
    for (i, it) in items.iter().enumerate() {
        let same_as_prev = i > 0 && cmp_items(&items[i - 1], it, primary, ties) == Ordering::Equal;
        if !same_as_prev {
            rank_no = i as u32 + 1;
        }
        let tied_next = items.get(i + 1).is_some_and(|n| cmp_items(it, n, primary, ties) == Ordering::Equal);
        let rank = it.value.map(|_| rank_no);
        out.push(RankEntry {
            unit: it.unit.clone(),
            name: it.name.clone(),
            rank,
            value: it.value,
            tie_breakers: it.tie_breakers.clone(),
            tied: it.value.is_some() && (same_as_prev || tied_next),
            note: None,
            standing: None,
        });
    }
    // Notes for neighbours equal on the main measure.
    for i in 0..items.len() {
        if items[i].value.is_none() {
            continue;
        }
        let mut notes = Vec::new();
        let mut clauses: Vec<&str> = Vec::new();
        for j in [i.wrapping_sub(1), i + 1] {
            let Some(other) = items.get(j) else { continue };
            if other.value != items[i].value {
                continue;
            }
            if out[i].tied && out[j].tied && cmp_items(&items[i], other, primary, ties) == Ordering::Equal {
                notes.push(format!("đồng hạng với {}: bằng nhau về {} và mọi tiêu chí ưu tiên", other.name, primary.name));
                continue;
            }
            // Find the tie-breaker that separated them.
            for (k, key) in ties.iter().enumerate() {
                let a = items[i].tie_breakers.get(k).copied().flatten();
                let b = other.tie_breakers.get(k).copied().flatten();
                if a != b {
                    let above = j > i;
                    let show = |v: Option<Num>| match v {
                        Some(v) => crate::award::quarterly::evaluate::show_rate(&v, key.percent, None),
                        None => "không có số liệu".into(),
                    };
                    notes.push(format!(
                        "bằng {} với {}; xếp {} vì {} {} so với {}",
                        primary.name,
                        other.name,
                        if above { "trên" } else { "dưới" },
                        key.name,
                        show(a),
                        show(b),
                    ));
                    clauses.push(key.clause.as_str());
                    break;
                }
            }
        }
        if !notes.is_empty() {
            // The rule applied, said once for the unit.
            clauses.dedup();
            let why = if clauses.is_empty() { String::new() } else { format!(" ({})", clauses.join("; ")) };
            out[i].note = Some(format!("{}{why}", notes.join("; ")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    fn key(desc: bool) -> Key {
        Key { desc, name: "tỷ lệ".into(), percent: true, clause: "c".into() }
    }
    fn it(u: &str, v: Option<Num>, t: Option<Num>) -> Item {
        Item { unit: u.into(), name: u.into(), value: v, tie_breakers: vec![t] }
    }
    #[test]
    fn ties_broken_then_reported() {
        let items = vec![
            it("a", Some(Num::frac(8, 10)), Some(Num::int(1))),
            it("b", Some(Num::frac(9, 10)), Some(Num::int(1))),
            it("c", Some(Num::frac(8, 10)), Some(Num::int(2))),
            it("d", Some(Num::frac(7, 10)), Some(Num::int(1))),
            it("e", Some(Num::frac(7, 10)), Some(Num::int(1))),
            it("f", None, None),
        ];
        let r = rank(items, &key(true), &[key(true)], &|a, b| a.cmp(b));
        let order: Vec<(&str, Option<u32>, bool)> = r.iter().map(|e| (e.unit.as_str(), e.rank, e.tied)).collect();
        assert_eq!(
            order,
            vec![
                ("b", Some(1), false),
                ("c", Some(2), false),
                ("a", Some(3), false),
                ("d", Some(4), true),
                ("e", Some(4), true),
                ("f", None, false)
            ]
        );
        assert!(r[1].note.as_ref().unwrap().contains("xếp trên"));
        assert!(r[3].note.as_ref().unwrap().contains("đồng hạng với e"));
    }

    #[test]
    fn a_unit_set_apart_from_both_neighbours_names_the_rule_once() {
        // b ties a above and c below on the value; the tie-breaker puts it
        // between them: two notes, one clause.
        let items = vec![
            it("a", Some(Num::int(90)), Some(Num::int(3))),
            it("b", Some(Num::int(90)), Some(Num::int(2))),
            it("c", Some(Num::int(90)), Some(Num::int(1))),
        ];
        let r = rank(items, &key(true), &[key(true)], &|a, b| a.cmp(b));
        let note = r[1].note.as_deref().unwrap();
        assert_eq!(note, "bằng tỷ lệ với a; xếp dưới vì tỷ lệ 200,00 % so với 300,00 %; bằng tỷ lệ với c; xếp trên vì tỷ lệ 200,00 % so với 100,00 % (c)");
        assert_eq!(note.matches("(c)").count(), 1, "{note}");
    }
}
