//! `dict[K, V]`: shared, mutable (a `Clone` is an alias, like `PyList`),
//! ordered by insertion exactly like CPython's dict: a new key goes to the
//! end, `d[k] = v` on a present key keeps its place, a deleted key inserted
//! again goes to the end, `popitem()` takes the last item.
//!
//! Keys are `i64`, `bool`, `PyStr` and tuples of those; values any `Clone`.
//! Lookups are O(1) on average: a `HashMap` from key to slot index, and a
//! `Vec` of slots in insertion order (`None` where a key was deleted; the
//! slots are compacted once they are more than half holes).
//!
//! # KeyError: how the key travels to the host
//!
//! CPython's `KeyError(key)` carries the key object (`e.args == (key,)`,
//! `str(e) == repr(key)`), but the WASM boundary only carries an exception
//! code and a message string.  So every `KeyError` the runtime raises
//! (`exc::KEY_ERROR`) has its one argument encoded in the message:
//!
//! | argument            | message            |
//! |---------------------|--------------------|
//! | `int` `-5`          | `i:-5`             |
//! | `bool` `True`       | `b:True` / `b:False` |
//! | `str` `"abc"`       | `s:abc` (the text itself, not its repr) |
//!
//! and the host loader rebuilds `KeyError(-5)` / `KeyError(True)` /
//! `KeyError("abc")` from it.  CPython's own string messages (`popitem():
//! dictionary is empty`) use the `s:` form too, as does a translated
//! `raise KeyError("x")`.  A key of any other type (a tuple) is not encoded:
//! raising a KeyError for it bails, and CPython raises it.
//!
//! # Iterating while the dict changes
//!
//! [`PyDictIter`] follows CPython's dict iterator: when the dict's length
//! differs from its length when the iterator was made, the next step raises
//! `RuntimeError("dictionary changed size during iteration")` (the probed
//! message), and keeps raising it.  When the length is the same but keys
//! were added or removed in between (CPython then walks its entry array,
//! which this dict does not reproduce), the next step bails.  Assigning to a
//! present key is not a change: the loop goes on, as in CPython.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::rc::Rc;

use crate::err::{bail, exc, PyErr, PyResult};
use crate::list::PyRepr;
use crate::pyver;
use crate::str::PyStr;

// ---------------------------------------------------------------------------
// KeyError arguments

/// How a key is carried by a `KeyError` to the host (see the module docs):
/// `None` when it cannot be, and raising bails.
pub trait KeyArg {
    fn key_arg(&self) -> Option<String>;
}

impl KeyArg for i64 {
    fn key_arg(&self) -> Option<String> {
        Some(format!("i:{}", self))
    }
}

impl KeyArg for bool {
    fn key_arg(&self) -> Option<String> {
        Some(if *self { "b:True" } else { "b:False" }.to_string())
    }
}

impl KeyArg for PyStr {
    fn key_arg(&self) -> Option<String> {
        let mut s = String::with_capacity(self.as_str().len() + 2);
        s.push_str("s:");
        s.push_str(self.as_str());
        Some(s)
    }
}

impl<A, B> KeyArg for (A, B) {
    fn key_arg(&self) -> Option<String> {
        None
    }
}

impl<A, B, C> KeyArg for (A, B, C) {
    fn key_arg(&self) -> Option<String> {
        None
    }
}

impl<A, B, C, D> KeyArg for (A, B, C, D) {
    fn key_arg(&self) -> Option<String> {
        None
    }
}

/// `KeyError(key)`, or a bail when the key cannot be encoded.
pub fn key_error<K: KeyArg + ?Sized>(key: &K) -> PyErr {
    match key.key_arg() {
        Some(msg) => PyErr::Raise { kind: exc::KEY_ERROR, msg: Some(msg) },
        None => PyErr::bail(bail::UNSUPPORTED),
    }
}

/// `KeyError("text")` (CPython's own string argument, `s:` encoded).
pub fn key_error_str(text: &str) -> PyErr {
    let mut s = String::with_capacity(text.len() + 2);
    s.push_str("s:");
    s.push_str(text);
    PyErr::Raise { kind: exc::KEY_ERROR, msg: Some(s) }
}

// ---------------------------------------------------------------------------
// repr of tuples (dict keys, elements of lists and sets)

fn repr_tuple(parts: &[String]) -> String {
    let mut out = String::from("(");
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(p);
    }
    if parts.len() == 1 {
        out.push(',');
    }
    out.push(')');
    out
}

impl<A: PyRepr> PyRepr for (A,) {
    fn py_repr(&self) -> PyResult<String> {
        Ok(repr_tuple(&[self.0.py_repr()?]))
    }
}

impl<A: PyRepr, B: PyRepr> PyRepr for (A, B) {
    fn py_repr(&self) -> PyResult<String> {
        Ok(repr_tuple(&[self.0.py_repr()?, self.1.py_repr()?]))
    }
}

impl<A: PyRepr, B: PyRepr, C: PyRepr> PyRepr for (A, B, C) {
    fn py_repr(&self) -> PyResult<String> {
        Ok(repr_tuple(&[self.0.py_repr()?, self.1.py_repr()?, self.2.py_repr()?]))
    }
}

impl<A: PyRepr, B: PyRepr, C: PyRepr, D: PyRepr> PyRepr for (A, B, C, D) {
    fn py_repr(&self) -> PyResult<String> {
        Ok(repr_tuple(&[self.0.py_repr()?, self.1.py_repr()?, self.2.py_repr()?, self.3.py_repr()?]))
    }
}

// ---------------------------------------------------------------------------
// The hasher of the index: deterministic (no random seed to fetch) and well
// mixed in every bit, so that keys like `i << 20` do not pile up.

#[derive(Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl KeyHasher {
    #[inline]
    fn mix(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(26) ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

impl Hasher for KeyHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.mix(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.mix(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, v: u8) {
        self.mix(v as u64);
    }

    #[inline]
    fn write_u32(&mut self, v: u32) {
        self.mix(v as u64);
    }

    #[inline]
    fn write_u64(&mut self, v: u64) {
        self.mix(v);
    }

    #[inline]
    fn write_i64(&mut self, v: i64) {
        self.mix(v as u64);
    }

    #[inline]
    fn write_usize(&mut self, v: usize) {
        self.mix(v as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        // murmur3's finalizer
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

pub type KeyBuildHasher = BuildHasherDefault<KeyHasher>;

// ---------------------------------------------------------------------------
// The dict

struct Inner<K, V> {
    index: HashMap<K, usize, KeyBuildHasher>,
    slots: Vec<Option<(K, V)>>,
    /// Bumped whenever a key is added or removed (not when a value changes).
    version: u64,
}

impl<K: Clone + Eq + Hash, V: Clone> Inner<K, V> {
    fn with_capacity(n: usize) -> Self {
        Inner { index: HashMap::with_capacity_and_hasher(n, KeyBuildHasher::default()), slots: Vec::with_capacity(n), version: 0 }
    }

    fn value(&self, k: &K) -> Option<&V> {
        match self.index.get(k) {
            Some(&i) => match self.slots.get(i) {
                Some(Some((_, v))) => Some(v),
                _ => None,
            },
            None => None,
        }
    }

    fn set(&mut self, k: K, v: V) {
        if let Some(&i) = self.index.get(&k) {
            if let Some(Some(slot)) = self.slots.get_mut(i) {
                slot.1 = v;
                return;
            }
        }
        self.index.insert(k.clone(), self.slots.len());
        self.slots.push(Some((k, v)));
        self.version = self.version.wrapping_add(1);
    }

    fn remove(&mut self, k: &K) -> Option<V> {
        let i = self.index.remove(k)?;
        self.version = self.version.wrapping_add(1);
        let taken = match self.slots.get_mut(i) {
            Some(slot) => slot.take(),
            None => None,
        };
        self.tidy();
        taken.map(|(_, v)| v)
    }

    /// Drop trailing holes; compact when more than half the slots are holes.
    fn tidy(&mut self) {
        while let Some(None) = self.slots.last() {
            self.slots.pop();
        }
        let live = self.index.len();
        let holes = self.slots.len().saturating_sub(live);
        if holes > 8 && holes > live {
            self.slots.retain(|s| s.is_some());
            for (i, s) in self.slots.iter().enumerate() {
                if let Some((k, _)) = s {
                    if let Some(p) = self.index.get_mut(k) {
                        *p = i;
                    }
                }
            }
        }
    }

    fn pop_last(&mut self) -> Option<(K, V)> {
        while let Some(slot) = self.slots.pop() {
            if let Some((k, v)) = slot {
                self.index.remove(&k);
                self.version = self.version.wrapping_add(1);
                self.tidy();
                return Some((k, v));
            }
        }
        None
    }

    fn clear(&mut self) {
        if self.slots.is_empty() {
            return;
        }
        self.index.clear();
        self.slots.clear();
        self.version = self.version.wrapping_add(1);
    }

    fn live(&self) -> impl Iterator<Item = &(K, V)> {
        self.slots.iter().filter_map(|s| s.as_ref())
    }
}

/// A Python `dict`.
pub struct PyDict<K, V>(Rc<RefCell<Inner<K, V>>>);

impl<K, V> Clone for PyDict<K, V> {
    /// Aliasing, not copying: both names see the same dict.
    fn clone(&self) -> Self {
        PyDict(Rc::clone(&self.0))
    }
}

impl<K: Clone + Eq + Hash, V: Clone> Default for PyDict<K, V> {
    fn default() -> Self {
        PyDict::new()
    }
}

impl<K: Clone + Eq + Hash, V: Clone> PyDict<K, V> {
    /// `{}`
    pub fn new() -> PyDict<K, V> {
        PyDict(Rc::new(RefCell::new(Inner::with_capacity(0))))
    }

    /// `{k1: v1, k2: v2}` / `dict(pairs)`: a repeated key keeps its first
    /// position and its last value.
    pub fn from_pairs(pairs: Vec<(K, V)>) -> PyDict<K, V> {
        let mut inner = Inner::with_capacity(pairs.len());
        for (k, v) in pairs {
            inner.set(k, v);
        }
        PyDict(Rc::new(RefCell::new(inner)))
    }

    /// `dict.fromkeys(keys, value)`.
    pub fn from_keys(keys: Vec<K>, value: V) -> PyDict<K, V> {
        let mut inner = Inner::with_capacity(keys.len());
        for k in keys {
            inner.set(k, value.clone());
        }
        PyDict(Rc::new(RefCell::new(inner)))
    }

    /// Whether both names are the same dict (`a is b`).
    /// Identity of the dict object (for aliasing across the boundary, rt/abi.rs).
    pub fn address(&self) -> usize {
        Rc::as_ptr(&self.0) as *const u8 as usize
    }

    pub fn is(&self, other: &PyDict<K, V>) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    /// `len(d)`
    pub fn len(&self) -> i64 {
        self.0.borrow().index.len() as i64
    }

    pub fn is_empty(&self) -> bool {
        self.0.borrow().index.is_empty()
    }

    /// `k in d`
    pub fn contains(&self, k: &K) -> bool {
        self.0.borrow().index.contains_key(k)
    }

    /// `d.get(k)`: `None` when missing.
    pub fn get(&self, k: &K) -> Option<V> {
        self.0.borrow().value(k).cloned()
    }

    /// `d.get(k, default)`
    pub fn get_or(&self, k: &K, default: V) -> V {
        match self.0.borrow().value(k) {
            Some(v) => v.clone(),
            None => default,
        }
    }

    /// `d[k] = v`
    pub fn set_item(&self, k: K, v: V) {
        self.0.borrow_mut().set(k, v);
    }

    /// `d.setdefault(k, default)`
    pub fn setdefault(&self, k: K, default: V) -> V {
        let mut inner = self.0.borrow_mut();
        if let Some(v) = inner.value(&k) {
            return v.clone();
        }
        inner.set(k, default.clone());
        default
    }

    /// `d.pop(k, default)`
    pub fn pop_or(&self, k: &K, default: V) -> V {
        match self.0.borrow_mut().remove(k) {
            Some(v) => v,
            None => default,
        }
    }

    /// `d.clear()`
    pub fn clear(&self) {
        self.0.borrow_mut().clear();
    }

    /// `d.copy()` (and `dict(d)`): a new dict, same order.
    pub fn copy(&self) -> PyDict<K, V> {
        let inner = self.0.borrow();
        let mut out = Inner::with_capacity(inner.index.len());
        for (k, v) in inner.live() {
            out.index.insert(k.clone(), out.slots.len());
            out.slots.push(Some((k.clone(), v.clone())));
        }
        PyDict(Rc::new(RefCell::new(out)))
    }

    /// `d.update(other)` / `d |= other`: other's items in other's order.
    pub fn update(&self, other: &PyDict<K, V>) {
        if self.is(other) {
            return;
        }
        let items = other.items();
        let mut inner = self.0.borrow_mut();
        for (k, v) in items {
            inner.set(k, v);
        }
    }

    /// `d | other` (3.9+): a copy of `d` updated with `other`.
    pub fn union(&self, other: &PyDict<K, V>) -> PyDict<K, V> {
        let out = self.copy();
        out.update(other);
        out
    }

    /// Snapshot of the keys in order (`list(d)`).
    pub fn keys(&self) -> Vec<K> {
        self.0.borrow().live().map(|(k, _)| k.clone()).collect()
    }

    /// Snapshot of the values in order (`list(d.values())`).
    pub fn values(&self) -> Vec<V> {
        self.0.borrow().live().map(|(_, v)| v.clone()).collect()
    }

    /// Snapshot of the items in order (`list(d.items())`).
    pub fn items(&self) -> Vec<(K, V)> {
        self.0.borrow().live().cloned().collect()
    }

    /// A live iterator over the keys (`for k in d`, `iter(d)`, `d.keys()`);
    /// see the module docs for what happens when the dict changes.
    pub fn iter_keys(&self) -> PyDictIter<K, V> {
        let inner = self.0.borrow();
        PyDictIter { dict: Some(self.clone()), pos: 0, used: inner.index.len(), version: inner.version, broken: false }
    }

    /// Same iterator as [`iter_keys`](Self::iter_keys), for `d.values()` and
    /// `d.items()`: call `next_value` / `next_item` on it.
    pub fn iter(&self) -> PyDictIter<K, V> {
        self.iter_keys()
    }
}

impl<K: Clone + Eq + Hash + KeyArg, V: Clone> PyDict<K, V> {
    /// `d[k]`: KeyError(k) when missing.
    pub fn get_item(&self, k: &K) -> PyResult<V> {
        match self.0.borrow().value(k) {
            Some(v) => Ok(v.clone()),
            None => Err(key_error(k)),
        }
    }

    /// `d.pop(k)`: KeyError(k) when missing.
    pub fn pop(&self, k: &K) -> PyResult<V> {
        let removed = self.0.borrow_mut().remove(k);
        match removed {
            Some(v) => Ok(v),
            None => Err(key_error(k)),
        }
    }

    /// `del d[k]`: KeyError(k) when missing.
    pub fn del_item(&self, k: &K) -> PyResult<()> {
        let removed = self.0.borrow_mut().remove(k);
        match removed {
            Some(_) => Ok(()),
            None => Err(key_error(k)),
        }
    }
}

impl<K: Clone + Eq + Hash, V: Clone> PyDict<K, V> {
    /// `d.popitem()`: the last item; KeyError when empty.
    pub fn popitem(&self) -> PyResult<(K, V)> {
        let last = self.0.borrow_mut().pop_last();
        match last {
            Some(kv) => Ok(kv),
            None => Err(key_error_str(pyver::DICT_POPITEM_EMPTY)),
        }
    }
}

impl<K: Clone + Eq + Hash, V: Clone + PartialEq> PartialEq for PyDict<K, V> {
    /// `a == b`: same keys, equal values; order does not matter.
    ///
    /// Caveat shared with `PyList`: CPython compares values with an identity
    /// shortcut, so a float NaN value compares equal to *itself* (the same
    /// object in both dicts); here NaN != NaN.  A dict that is compared with
    /// itself (`d == d`) is equal, as in CPython.
    fn eq(&self, other: &Self) -> bool {
        if self.is(other) {
            return true;
        }
        let a = self.0.borrow();
        let b = other.0.borrow();
        if a.index.len() != b.index.len() {
            return false;
        }
        let same = a.live().all(|(k, v)| match b.value(k) {
            Some(w) => v == w,
            None => false,
        });
        same
    }
}

impl<K: PyRepr, V: PyRepr> PyRepr for PyDict<K, V> {
    /// `repr(d)`: `{1: 'a', 2: 'b'}`, `{}`.
    fn py_repr(&self) -> PyResult<String> {
        let inner = match self.0.try_borrow() {
            Ok(b) => b,
            Err(_) => return Err(PyErr::bail(bail::UNSUPPORTED)),
        };
        let mut out = String::from("{");
        let mut first = true;
        for (k, v) in inner.slots.iter().filter_map(|s| s.as_ref()) {
            if !first {
                out.push_str(", ");
            }
            first = false;
            out.push_str(&k.py_repr()?);
            out.push_str(": ");
            out.push_str(&v.py_repr()?);
        }
        out.push('}');
        Ok(out)
    }
}

// ---------------------------------------------------------------------------
// Iteration

/// A live iterator over a dict, as CPython's: `next_key` / `next_value` /
/// `next_item` give `Ok(None)` at the end, `Err` for a RuntimeError (the
/// dict changed size) or a bail (keys changed, same size).
pub struct PyDictIter<K, V> {
    /// `None` once exhausted (CPython drops its reference then).
    dict: Option<PyDict<K, V>>,
    pos: usize,
    used: usize,
    version: u64,
    broken: bool,
}

impl<K: Clone + Eq + Hash, V: Clone> PyDictIter<K, V> {
    fn step<R, F: Fn(&(K, V)) -> R>(&mut self, f: F) -> PyResult<Option<R>> {
        let dict = match &self.dict {
            Some(d) => d.clone(),
            None => return Ok(None),
        };
        let inner = dict.0.borrow();
        if self.broken || inner.index.len() != self.used {
            // CPython's check comes first, and sticks.
            self.broken = true;
            return Err(PyErr::raise(exc::RUNTIME_ERROR, pyver::DICT_CHANGED_SIZE));
        }
        if inner.version != self.version {
            return Err(PyErr::bail(bail::UNSUPPORTED));
        }
        while self.pos < inner.slots.len() {
            let i = self.pos;
            self.pos += 1;
            if let Some(kv) = &inner.slots[i] {
                return Ok(Some(f(kv)));
            }
        }
        drop(inner);
        self.dict = None;
        Ok(None)
    }

    pub fn next_key(&mut self) -> PyResult<Option<K>> {
        self.step(|kv| kv.0.clone())
    }

    pub fn next_value(&mut self) -> PyResult<Option<V>> {
        self.step(|kv| kv.1.clone())
    }

    pub fn next_item(&mut self) -> PyResult<Option<(K, V)>> {
        self.step(|kv| kv.clone())
    }
}

/// `for k in d:` as a Rust loop: `for k in d.iter_keys() { let k = k?; ... }`.
impl<K: Clone + Eq + Hash, V: Clone> Iterator for PyDictIter<K, V> {
    type Item = PyResult<K>;

    fn next(&mut self) -> Option<PyResult<K>> {
        match self.next_key() {
            Ok(Some(k)) => Some(Ok(k)),
            Ok(None) => None,
            Err(e) => Some(Err(e)),
        }
    }
}
