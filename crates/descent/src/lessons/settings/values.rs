//! A full set of checked values, one canonical text per setting, from which the `Config*`
//! types are built.

use std::collections::BTreeMap;

use super::{Setting, all, check, find};
use crate::decimal::parse_f64;
use crate::error::ConfigError;

/// Every setting's value as canonical text: the default where nothing (or, leniently,
/// something invalid) was given.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Values {
    map: BTreeMap<&'static str, String>,
}

impl Values {
    /// Every setting at its default.
    pub fn defaults() -> Self {
        let map = all()
            .map(|s| (s.key, check(s, s.default).unwrap_or_default()))
            .collect();
        Values { map }
    }

    /// Every setting at its default, with the seed 1 (the default seed is empty: the page
    /// draws one). The `Config*` types' `Default` is built from this.
    pub fn notebook() -> Self {
        let mut v = Values::defaults();
        v.map.insert("seed", "1".into());
        v
    }

    /// The defaults overridden by `pairs`; unknown keys are ignored and every invalid value
    /// keeps its default and is returned as an error naming its key (a link's reading).
    pub fn lenient<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (Self, Vec<ConfigError>) {
        let mut v = Values::defaults();
        let mut errors = Vec::new();
        for (key, raw) in pairs {
            if let Err(e) = v.set(key, raw) {
                errors.push(e);
            }
        }
        (v, errors)
    }

    /// The defaults overridden by `pairs`, or the first invalid value's error (the form's
    /// reading: nothing is built from a value the person must correct).
    pub fn strict<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, ConfigError> {
        let (v, errors) = Values::lenient(pairs);
        match errors.into_iter().next() {
            Some(e) => Err(e),
            None => Ok(v),
        }
    }

    /// Sets `key` to `raw` if valid (unknown keys are ignored).
    pub fn set(&mut self, key: &str, raw: &str) -> Result<(), ConfigError> {
        if let Some(s) = find(key) {
            let v = check(s, raw)?;
            self.map.insert(s.key, v);
        }
        Ok(())
    }

    /// The canonical text of `key` ("" for an unknown key).
    pub fn get(&self, key: &str) -> &str {
        self.map.get(key).map_or("", String::as_str)
    }

    /// Every `(key, text)` pair, in table order.
    pub fn pairs(&self) -> impl Iterator<Item = (&'static str, &str)> {
        all().map(|s| (s.key, self.get(s.key)))
    }

    /// The number held by `key` (NaN when empty, as for a missing seed).
    pub fn number(&self, key: &str) -> f64 {
        parse_f64(self.get(key)).unwrap_or(f64::NAN)
    }

    /// Whether the flag `key` is on.
    pub fn flag(&self, key: &str) -> bool {
        self.get(key) == "1"
    }

    /// The numbers of the list `key`.
    pub fn numbers(&self, key: &str) -> Vec<f64> {
        self.words(key)
            .iter()
            .map(|w| parse_f64(w).unwrap_or(f64::NAN))
            .collect()
    }

    /// The items of the list `key`.
    pub fn words(&self, key: &str) -> Vec<&str> {
        self.get(key).split(',').filter(|w| !w.is_empty()).collect()
    }

    /// Whether `key`'s value is its default.
    pub fn is_default(&self, s: &Setting) -> bool {
        check(s, s.default).unwrap_or_default() == self.get(s.key)
    }
}
