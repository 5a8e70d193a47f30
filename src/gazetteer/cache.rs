//! A bounded, thread-safe memo of lookups keyed by strings, shared by the
//! threads that tag with one gazetteer. The same names, surnames and
//! transliterations recur across the documents of a corpus, so variant
//! lookups and decoded candidates are worth keeping; the map is split into
//! shards so that threads rarely wait for each other, and a shard is
//! emptied when full, which bounds memory without bookkeeping.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::Mutex;

const SHARDS: usize = 16;

/// A memo from string keys to cloneable values (usually `Arc`s).
pub struct Cache<V> {
    shards: Vec<Mutex<HashMap<String, V>>>,
    per_shard: usize,
}

impl<V: Clone> Cache<V> {
    /// A cache that holds about `capacity` entries.
    pub fn new(capacity: usize) -> Cache<V> {
        Cache {
            shards: (0..SHARDS).map(|_| Mutex::new(HashMap::new())).collect(),
            per_shard: capacity.div_ceil(SHARDS).max(1),
        }
    }

    fn shard(&self, key: &str) -> &Mutex<HashMap<String, V>> {
        let mut h = DefaultHasher::new();
        key.hash(&mut h);
        &self.shards[(h.finish() as usize) % SHARDS]
    }

    /// The value cached for `key`.
    pub fn get(&self, key: &str) -> Option<V> {
        self.shard(key).lock().ok()?.get(key).cloned()
    }

    /// Caches `value` for `key` (emptying the key's shard when it is full).
    pub fn put(&self, key: &str, value: V) {
        if let Ok(mut m) = self.shard(key).lock() {
            if m.len() >= self.per_shard {
                m.clear();
            }
            m.insert(key.to_string(), value);
        }
    }

    /// The cached value, or `make()` cached and returned.
    pub fn get_or_insert_with(&self, key: &str, make: impl FnOnce() -> V) -> V {
        if let Some(v) = self.get(key) {
            return v;
        }
        let v = make();
        self.put(key, v.clone());
        v
    }

    /// Forgets everything (the gazetteer changed).
    pub fn clear(&self) {
        for s in &self.shards {
            if let Ok(mut m) = s.lock() {
                m.clear();
            }
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.shards
            .iter()
            .map(|s| s.lock().map(|m| m.len()).unwrap_or(0))
            .sum()
    }

    /// True when nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memoises_and_stays_bounded() {
        let c: Cache<usize> = Cache::new(32);
        let mut calls = 0;
        for _ in 0..3 {
            assert_eq!(
                c.get_or_insert_with("baghdad", || {
                    calls += 1;
                    7
                }),
                7
            );
        }
        assert_eq!(calls, 1);
        for i in 0..10_000 {
            c.put(&format!("k{i}"), i);
        }
        assert!(c.len() <= 32 + SHARDS, "{} entries", c.len());
        c.clear();
        assert!(c.is_empty());
    }
}
