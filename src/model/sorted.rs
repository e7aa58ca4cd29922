//! A small map kept as one vector sorted by key: a unit's figures and the
//! cells they came from.
//!
//! A national year-end run keeps some 27 000 figures in about 1 400 maps of
//! a few dozen keys each, built once from keys already in order and then
//! only looked up. A `BTreeMap` built them node by node (several blocks per
//! map, the entries sorted again, each node touching fresh memory); this is
//! one block per map, filled in order, searched by halves. It reads,
//! iterates, compares and serializes as the `BTreeMap` it replaces, so the
//! JSON written is the same.

use serde::ser::{Serialize, SerializeMap, Serializer};
use std::borrow::Borrow;

#[derive(Clone, Debug, PartialEq)]
pub struct SortedMap<K, V> {
    /// Sorted by key, each key once.
    entries: Vec<(K, V)>,
}

impl<K, V> Default for SortedMap<K, V> {
    fn default() -> Self {
        SortedMap { entries: Vec::new() }
    }
}

impl<K: Ord, V> SortedMap<K, V> {
    /// From entries already sorted by key, each key once (checked in debug
    /// builds): the vector is kept as it is.
    pub fn from_sorted(entries: Vec<(K, V)>) -> Self {
        debug_assert!(entries.windows(2).all(|w| w[0].0 < w[1].0), "keys sorted and unique");
        SortedMap { entries }
    }

    fn find<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
    {
        self.entries.binary_search_by(|(k, _)| k.borrow().cmp(key))
    }

    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| &self.entries[i].1)
    }

    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.find(key).is_ok()
    }

    /// Sets the value of `key`, giving back the one it replaces.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            Err(i) => {
                self.entries.insert(i, (key, value));
                None
            }
        }
    }

    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| self.entries.remove(i).1)
    }
}

impl<K, V> SortedMap<K, V> {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// In key order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&K, &V)> + ExactSizeIterator {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &K> + ExactSizeIterator {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator {
        self.entries.iter().map(|(_, v)| v)
    }
}

impl<K: Ord + Borrow<Q>, V, Q: Ord + ?Sized> std::ops::Index<&Q> for SortedMap<K, V> {
    type Output = V;
    fn index(&self, key: &Q) -> &V {
        self.get(key).expect("no entry for this key")
    }
}

/// As `BTreeMap`: in key order, and of a key given twice, the last value.
impl<K: Ord, V> FromIterator<(K, V)> for SortedMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut entries: Vec<(K, V)> = iter.into_iter().collect();
        // Stable: of equal keys, the last given stays last.
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let mut kept: Vec<(K, V)> = Vec::with_capacity(entries.len());
        for e in entries {
            match kept.last_mut() {
                Some(last) if last.0 == e.0 => *last = e,
                _ => kept.push(e),
            }
        }
        SortedMap { entries: kept }
    }
}

impl<'a, K, V> IntoIterator for &'a SortedMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (K, V)>, fn(&'a (K, V)) -> (&'a K, &'a V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

impl<K: Serialize, V: Serialize> Serialize for SortedMap<K, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.entries.len()))?;
        for (k, v) in &self.entries {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Whatever order the entries come in, and with a key given twice, it
    /// holds, finds, iterates and serializes what a `BTreeMap` does.
    #[test]
    fn reads_as_a_btreemap() {
        let given = [("thu.ke_hoach", 3), ("bhyt.dau_nam", 1), ("thu.luy_ke", 5), ("bhyt.dau_nam", 2), ("a", 0)];
        let ours: SortedMap<String, i32> = given.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        let theirs: BTreeMap<String, i32> = given.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        assert_eq!(ours.iter().collect::<Vec<_>>(), theirs.iter().collect::<Vec<_>>());
        assert_eq!(ours.len(), 4);
        assert_eq!(ours.get("bhyt.dau_nam"), Some(&2));
        assert_eq!(ours["thu.luy_ke"], 5);
        assert!(!ours.contains_key("thu"));
        assert_eq!(serde_json::to_string(&ours).unwrap(), serde_json::to_string(&theirs).unwrap());

        let mut ours = ours;
        let mut theirs = theirs;
        assert_eq!(ours.insert("b".into(), 9), theirs.insert("b".into(), 9));
        assert_eq!(ours.insert("a".into(), 7), theirs.insert("a".into(), 7));
        assert_eq!(ours.remove("thu.ke_hoach"), theirs.remove("thu.ke_hoach"));
        assert_eq!(ours.remove("zzz"), theirs.remove("zzz"));
        assert_eq!(ours.keys().collect::<Vec<_>>(), theirs.keys().collect::<Vec<_>>());
        assert_eq!(ours.values().collect::<Vec<_>>(), theirs.values().collect::<Vec<_>>());
        assert_eq!(SortedMap::from_sorted(theirs.clone().into_iter().collect()), ours);
    }
}
