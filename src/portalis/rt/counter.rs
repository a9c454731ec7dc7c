//! `collections.Counter[K]` as a `PyDict<K, i64>`, with the algorithms of
//! CPython's `collections/__init__.py` written out step for step: the
//! order keys are inserted in, which results drop non-positive counts, and
//! `==` treating a missing key as a count of zero (Python 3.10+).
//!
//! Counts are i64; a sum or difference that leaves that range bails and
//! CPython re-runs the call with its big integers.

use std::hash::Hash;

use crate::dict::PyDict;
use crate::err::PyResult;
use crate::int as pyint;
use crate::list::PyList;

/// `Counter(iterable)`: counted in first-occurrence order.
pub fn from_vec<K: Clone + Eq + Hash>(items: Vec<K>) -> PyResult<PyDict<K, i64>> {
    let d = PyDict::new();
    update(&d, items)?;
    Ok(d)
}

/// `c.update(iterable)`: `c[e] = c.get(e, 0) + 1` for each item.
pub fn update<K: Clone + Eq + Hash>(d: &PyDict<K, i64>, items: Vec<K>) -> PyResult<()> {
    for k in items {
        let n = pyint::add(d.get_or(&k, 0), 1)?;
        d.set_item(k, n);
    }
    Ok(())
}

/// `c.subtract(iterable)`: `c[e] = c.get(e, 0) - 1` for each item.
pub fn subtract<K: Clone + Eq + Hash>(d: &PyDict<K, i64>, items: Vec<K>) -> PyResult<()> {
    for k in items {
        let n = pyint::sub(d.get_or(&k, 0), 1)?;
        d.set_item(k, n);
    }
    Ok(())
}

/// `c.most_common(n)`: by count, largest first; equal counts keep their
/// insertion order (CPython's sort and `nlargest` are both stable there).
pub fn most_common<K: Clone + Eq + Hash>(d: &PyDict<K, i64>, n: Option<i64>) -> PyList<(K, i64)> {
    let mut items = d.items();
    items.sort_by(|a, b| b.1.cmp(&a.1));
    if let Some(n) = n {
        let keep = if n < 0 { 0 } else { n as u64 };
        if (items.len() as u64) > keep {
            items.truncate(keep as usize);
        }
    }
    PyList::from_vec(items)
}

/// `c.total()` (3.10+).
pub fn total<K: Clone + Eq + Hash>(d: &PyDict<K, i64>) -> PyResult<i64> {
    let mut t: i64 = 0;
    for v in d.values() {
        t = pyint::add(t, v)?;
    }
    Ok(t)
}

/// `a == b` for Counters: every key of either has the same count in both,
/// a missing key counting as zero.
pub fn eq<K: Clone + Eq + Hash>(a: &PyDict<K, i64>, b: &PyDict<K, i64>) -> bool {
    a.items().iter().all(|(k, v)| *v == b.get_or(k, 0)) && b.items().iter().all(|(k, v)| *v == a.get_or(k, 0))
}

/// `a + b`, `a - b`, `a | b`, `a & b`: one pass over `a` in its order, then
/// (except for `&`) the keys only `b` has, in `b`'s order, as CPython does.
pub fn binop<K: Clone + Eq + Hash>(a: &PyDict<K, i64>, b: &PyDict<K, i64>, op: char) -> PyResult<PyDict<K, i64>> {
    let out = PyDict::new();
    for (k, count) in a.items() {
        let other = b.get_or(&k, 0);
        let n = match op {
            '+' => pyint::add(count, other)?,
            '-' => pyint::sub(count, other)?,
            '|' => if count < other { other } else { count },
            _ => if count < other { count } else { other },
        };
        if n > 0 {
            out.set_item(k, n);
        }
    }
    if op == '&' {
        return Ok(out);
    }
    for (k, count) in b.items() {
        if a.contains(&k) {
            continue;
        }
        let n = if op == '-' { if count < 0 { pyint::sub(0, count)? } else { 0 } } else { count };
        let keep = if op == '-' { count < 0 } else { count > 0 };
        if keep {
            out.set_item(k, n);
        }
    }
    Ok(out)
}
