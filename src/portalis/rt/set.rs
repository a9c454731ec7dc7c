//! `set[T]`: shared, mutable (a `Clone` is an alias), and laid out exactly
//! like CPython's set (Objects/setobject.c, the same in 3.10 to 3.13), so
//! that iteration order, `pop()` and `repr()` match CPython's.
//!
//! What is reproduced: the hash CPython gives the element ([`PyHash`]); the
//! open-addressing table (8 slots to start, mask = size - 1, a probe looks
//! at up to `LINEAR_PROBES` = 9 following slots before jumping to
//! `i * 5 + 1 + perturb`, with `perturb >>= 5` each jump); deleted slots
//! become dummies and are reused by the next insertion that passes them
//! (the *last* dummy on the probe path); growth when `fill * 5 >= mask * 3`
//! to the smallest power of two above `4 * used` (`2 * used` past 50000),
//! rehashing in table order; `set_merge` (copy, `|`, `|=`, `set(s)`), with
//! its pre-sizing and its two shortcuts into an empty table; which operand
//! `&` iterates; `-`'s copy-then-discard path and `-=`'s shrink; `^`
//! building on a copy of the right operand; `pop()`'s search finger, which
//! survives `clear()`; and the live iterator's "Set changed size during
//! iteration" check.
//!
//! Exact orders need CPython's hash of the element: ints, bools and tuples
//! of them have one that is the same in every process, on a 64-bit CPython
//! (`pyver::INT_HASH_64`).  A `str`'s hash is randomized per process, so for
//! sets of `str` (or tuples holding one) everything that shows the order
//! (iteration, `pop()` of a set of two or more, `to_vec`, `repr`) bails;
//! membership, the set algebra, `len`, comparisons and `sorted` are exact.
//!
//! Displays and constants: `{a, b, c}` with any non-constant element, set
//! comprehensions and `set(list)` add the elements one by one:
//! [`PySet::from_vec`].  A display of three or more constants compiles to
//! a frozenset constant that is merged into a new set, and that frozenset's
//! layout depends on how the code object was made (compiled, or read from a
//! `.pyc`, which adds its elements in another order): use
//! [`PySet::from_const_display`], which bails unless the layout is the same
//! whatever the order (every element in its home slot).
//! [`PySet::const_frozen`] is the frozenset constant itself (`for x in
//! {1, 2, 3}`, `x in {1, 2, 3}`).

use std::cell::RefCell;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use crate::dict::{key_error, key_error_str, KeyArg, KeyHasher, PyDict};
use crate::err::{bail, exc, PyErr, PyResult};
use crate::list::PyRepr;
use crate::pyver;
use crate::str::PyStr;

// ---------------------------------------------------------------------------
// Hashes

/// CPython's `hash()` of an element.
pub trait PyHash: Clone + PartialEq {
    /// `py_hash` is CPython's hash and the same in every process (given a
    /// 64-bit CPython): the set's order can be reproduced.
    const EXACT: bool;
    fn py_hash(&self) -> i64;
}

/// `_PyHASH_MODULUS` of a 64-bit CPython.
const HASH_MODULUS: u64 = (1 << 61) - 1;

/// `hash(v)` for an int: `v` reduced mod 2**61 - 1 keeping the sign, and
/// -1 (the C error value) becomes -2.
#[inline]
pub fn hash_int(v: i64) -> i64 {
    let a = (v.unsigned_abs() % HASH_MODULUS) as i64;
    let h = if v < 0 { -a } else { a };
    if h == -1 {
        -2
    } else {
        h
    }
}

impl PyHash for i64 {
    const EXACT: bool = true;
    #[inline]
    fn py_hash(&self) -> i64 {
        hash_int(*self)
    }
}

impl PyHash for bool {
    const EXACT: bool = true;
    #[inline]
    fn py_hash(&self) -> i64 {
        *self as i64
    }
}

impl PyHash for PyStr {
    /// CPython's str hash is randomized per process.
    const EXACT: bool = false;
    fn py_hash(&self) -> i64 {
        let mut h = KeyHasher::default();
        h.write(self.as_str().as_bytes());
        h.finish() as i64
    }
}

const XXPRIME_1: u64 = 11_400_714_785_074_694_791;
const XXPRIME_2: u64 = 14_029_467_366_897_019_727;
const XXPRIME_5: u64 = 2_870_177_450_012_600_261;

/// `hash(tuple)` from the hashes of its items (Objects/tupleobject.c, the
/// xxHash-based one of 3.8 and later, 64-bit).
pub fn hash_tuple(lanes: &[i64]) -> i64 {
    let mut acc = XXPRIME_5;
    for &lane in lanes {
        acc = acc.wrapping_add((lane as u64).wrapping_mul(XXPRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(XXPRIME_1);
    }
    acc = acc.wrapping_add((lanes.len() as u64) ^ (XXPRIME_5 ^ 3_527_539));
    if acc == u64::MAX {
        1_546_275_796
    } else {
        acc as i64
    }
}

impl<A: PyHash, B: PyHash> PyHash for (A, B) {
    const EXACT: bool = A::EXACT && B::EXACT;
    fn py_hash(&self) -> i64 {
        hash_tuple(&[self.0.py_hash(), self.1.py_hash()])
    }
}

impl<A: PyHash, B: PyHash, C: PyHash> PyHash for (A, B, C) {
    const EXACT: bool = A::EXACT && B::EXACT && C::EXACT;
    fn py_hash(&self) -> i64 {
        hash_tuple(&[self.0.py_hash(), self.1.py_hash(), self.2.py_hash()])
    }
}

/// Whether sets of `T` can show CPython's order.
#[inline]
fn ordered<T: PyHash>() -> bool {
    T::EXACT && pyver::INT_HASH_64
}

#[inline]
fn unsupported() -> PyErr {
    PyErr::bail(bail::UNSUPPORTED)
}

// ---------------------------------------------------------------------------
// The table (setobject.c's algorithm)

const MINSIZE: usize = 8;
const LINEAR_PROBES: u64 = 9;
const PERTURB_SHIFT: u32 = 5;

#[derive(Clone)]
enum Entry<T> {
    Empty,
    Dummy,
    Active(i64, T),
}

fn empty_slots<T>(n: usize) -> Vec<Entry<T>> {
    (0..n).map(|_| Entry::Empty).collect()
}

/// The next probe start: `(i * 5 + 1 + perturb) & mask`, with the
/// arithmetic of a 64-bit `size_t`.
#[inline]
fn next_probe(i: u64, perturb: &mut u64, mask: u64) -> u64 {
    *perturb >>= PERTURB_SHIFT;
    i.wrapping_mul(5).wrapping_add(1).wrapping_add(*perturb) & mask
}

/// `set_insert_clean`: into a table without dummies, `key` known absent.
fn insert_clean<T>(slots: &mut [Entry<T>], mask: u64, key: T, hash: i64) {
    let mut perturb = hash as u64;
    let mut i = (hash as u64) & mask;
    loop {
        if let Entry::Empty = slots[i as usize] {
            slots[i as usize] = Entry::Active(hash, key);
            return;
        }
        if i + LINEAR_PROBES <= mask {
            for j in i + 1..=i + LINEAR_PROBES {
                if let Entry::Empty = slots[j as usize] {
                    slots[j as usize] = Entry::Active(hash, key);
                    return;
                }
            }
        }
        i = next_probe(i, &mut perturb, mask);
    }
}

/// The `minused` a growing table is resized for.
#[inline]
fn growth(used: usize) -> usize {
    if used > 50000 {
        used.saturating_mul(2)
    } else {
        used * 4
    }
}

#[derive(Clone)]
struct Table<T> {
    slots: Vec<Entry<T>>,
    /// `slots.len() - 1`
    mask: usize,
    /// Active + dummy slots.
    fill: usize,
    /// Active slots (`len(s)`).
    used: usize,
    /// Where `pop()` starts looking.
    finger: usize,
}

impl<T: PyHash> Table<T> {
    fn new() -> Table<T> {
        Table { slots: empty_slots(MINSIZE), mask: MINSIZE - 1, fill: 0, used: 0, finger: 0 }
    }

    /// `set_lookkey`: (slot, found).  Not found: the empty slot that ended
    /// the search.
    fn lookup(&self, key: &T, hash: i64) -> (usize, bool) {
        let mask = self.mask as u64;
        let mut perturb = hash as u64;
        let mut i = (hash as u64) & mask;
        loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            for j in i..=i + probes {
                match &self.slots[j as usize] {
                    Entry::Empty => return (j as usize, false),
                    Entry::Active(h, k) => {
                        if *h == hash && k == key {
                            return (j as usize, true);
                        }
                    }
                    Entry::Dummy => {}
                }
            }
            i = next_probe(i, &mut perturb, mask);
        }
    }

    #[inline]
    fn contains_entry(&self, key: &T, hash: i64) -> bool {
        self.lookup(key, hash).1
    }

    /// `set_add_entry`.
    fn add_entry(&mut self, key: T, hash: i64) {
        let mask = self.mask as u64;
        let mut perturb = hash as u64;
        let mut i = (hash as u64) & mask;
        let mut freeslot: Option<usize> = None;
        let empty = 'search: loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            for j in i..=i + probes {
                match &self.slots[j as usize] {
                    Entry::Empty => break 'search j as usize,
                    Entry::Active(h, k) => {
                        if *h == hash && *k == key {
                            return;
                        }
                    }
                    // CPython keeps the last dummy it passes.
                    Entry::Dummy => freeslot = Some(j as usize),
                }
            }
            i = next_probe(i, &mut perturb, mask);
        };
        self.used += 1;
        if let Some(f) = freeslot {
            self.slots[f] = Entry::Active(hash, key);
            return;
        }
        self.fill += 1;
        self.slots[empty] = Entry::Active(hash, key);
        if (self.fill as u64) * 5 < mask * 3 {
            return;
        }
        let minused = growth(self.used);
        self.resize(minused);
    }

    /// `set_table_resize`: the smallest power of two above `minused`.
    fn resize(&mut self, minused: usize) {
        let mut newsize = MINSIZE;
        while newsize <= minused && newsize < (1 << (usize::BITS - 2)) {
            newsize <<= 1;
        }
        if newsize == MINSIZE && self.mask == MINSIZE - 1 && self.fill == self.used {
            // The small table, no dummies: CPython leaves it alone.
            return;
        }
        let old = std::mem::replace(&mut self.slots, empty_slots(newsize));
        self.mask = newsize - 1;
        self.fill = self.used;
        let mask = self.mask as u64;
        for e in old {
            if let Entry::Active(h, k) = e {
                insert_clean(&mut self.slots, mask, k, h);
            }
        }
    }

    fn add(&mut self, key: T) {
        let h = key.py_hash();
        self.add_entry(key, h);
    }

    /// `set_discard_entry`: true when the key was there.
    fn discard_entry(&mut self, key: &T, hash: i64) -> bool {
        let (j, found) = self.lookup(key, hash);
        if !found {
            return false;
        }
        self.slots[j] = Entry::Dummy;
        self.used -= 1;
        true
    }

    /// `set_clear_internal` (the finger stays).
    fn clear(&mut self) {
        self.slots = empty_slots(MINSIZE);
        self.mask = MINSIZE - 1;
        self.fill = 0;
        self.used = 0;
    }

    fn active(&self) -> impl Iterator<Item = (i64, &T)> {
        self.slots.iter().filter_map(|e| match e {
            Entry::Active(h, k) => Some((*h, k)),
            _ => None,
        })
    }

    /// `set_merge` of a different set.
    fn merge(&mut self, other: &Table<T>) {
        if other.used == 0 {
            return;
        }
        if ((self.fill + other.used) as u64) * 5 >= (self.mask as u64) * 3 {
            self.resize((self.used + other.used).saturating_mul(2));
        }
        if self.fill == 0 && self.mask == other.mask && other.fill == other.used {
            // Same size, no dummies: copy the table as it is.
            self.slots = other.slots.clone();
            self.fill = other.fill;
            self.used = other.used;
            return;
        }
        if self.fill == 0 {
            let mask = self.mask as u64;
            self.fill = other.used;
            self.used = other.used;
            for (h, k) in other.active() {
                insert_clean(&mut self.slots, mask, k.clone(), h);
            }
            return;
        }
        for (h, k) in other.active() {
            self.add_entry(k.clone(), h);
        }
    }

    /// `set_copy` / `set(s)`: a new set merged from this one.
    fn copy(&self) -> Table<T> {
        let mut t = Table::new();
        t.merge(self);
        t
    }

    /// `set_intersection` of two different sets: iterates the smaller one
    /// (`other` when the sizes are equal).
    fn intersection(so: &Table<T>, other: &Table<T>) -> Table<T> {
        let (big, small) = if other.used > so.used { (other, so) } else { (so, other) };
        let mut out = Table::new();
        for (h, k) in small.active() {
            if big.contains_entry(k, h) {
                out.add_entry(k.clone(), h);
            }
        }
        out
    }

    /// `set_difference` of two different sets.
    fn difference(so: &Table<T>, other: &Table<T>) -> Table<T> {
        if (so.used >> 2) > other.used {
            let mut out = so.copy();
            out.difference_update(other);
            return out;
        }
        let mut out = Table::new();
        for (h, k) in so.active() {
            if !other.contains_entry(k, h) {
                out.add_entry(k.clone(), h);
            }
        }
        out
    }

    /// `set_difference_update_internal` with a different set.
    fn difference_update(&mut self, other: &Table<T>) {
        // CPython discards other's elements (or, when other is more than 8
        // times larger, those of the intersection): the same slots become
        // dummies either way.
        if other.used > self.used {
            let common: Vec<usize> = self
                .slots
                .iter()
                .enumerate()
                .filter_map(|(j, e)| match e {
                    Entry::Active(h, k) if other.contains_entry(k, *h) => Some(j),
                    _ => None,
                })
                .collect();
            for j in common {
                self.slots[j] = Entry::Dummy;
                self.used -= 1;
            }
        } else {
            for (h, k) in other.active() {
                self.discard_entry(k, h);
            }
        }
        if self.fill - self.used <= self.mask / 4 {
            return;
        }
        let minused = growth(self.used);
        self.resize(minused);
    }

    /// `set_symmetric_difference_update` with a different set: other's
    /// elements in other's order, each discarded or else added.
    fn symmetric_difference_update(&mut self, other: &Table<T>) {
        for (h, k) in other.active() {
            if !self.discard_entry(k, h) {
                self.add_entry(k.clone(), h);
            }
        }
    }

    /// `set_pop` on a non-empty set.
    fn pop(&mut self) -> Option<T> {
        if self.used == 0 {
            return None;
        }
        let mut i = self.finger & self.mask;
        loop {
            if let Entry::Active(..) = self.slots[i] {
                break;
            }
            i += 1;
            if i > self.mask {
                i = 0;
            }
        }
        let e = std::mem::replace(&mut self.slots[i], Entry::Dummy);
        self.used -= 1;
        self.finger = i + 1;
        match e {
            Entry::Active(_, k) => Some(k),
            _ => None,
        }
    }

    fn is_subset(&self, other: &Table<T>) -> bool {
        self.used <= other.used && self.active().all(|(h, k)| other.contains_entry(k, h))
    }

    /// Every element sits in the slot its hash points to: any insertion
    /// order gives this same table.
    fn all_home(&self) -> bool {
        let mask = self.mask as u64;
        self.slots.iter().enumerate().all(|(i, e)| match e {
            Entry::Active(h, _) => (*h as u64) & mask == i as u64,
            _ => true,
        })
    }
}

// ---------------------------------------------------------------------------
// The set

/// A Python `set`.
pub struct PySet<T>(Rc<RefCell<Table<T>>>);

impl<T> Clone for PySet<T> {
    /// Aliasing, not copying: both names see the same set.
    fn clone(&self) -> Self {
        PySet(Rc::clone(&self.0))
    }
}

impl<T: PyHash> Default for PySet<T> {
    fn default() -> Self {
        PySet::new()
    }
}

impl<T: PyHash> PySet<T> {
    fn wrap(t: Table<T>) -> PySet<T> {
        PySet(Rc::new(RefCell::new(t)))
    }

    /// `set()`
    pub fn new() -> PySet<T> {
        PySet::wrap(Table::new())
    }

    /// `set(items)` for a list/tuple/iterator, a set comprehension, and a
    /// display `{a, b, c}` that is not all constants: one `add` per item.
    pub fn from_vec(items: Vec<T>) -> PySet<T> {
        let mut t = Table::new();
        for x in items {
            t.add(x);
        }
        PySet::wrap(t)
    }

    /// The frozenset a display of constants compiles to, laid out as CPython
    /// lays it out whatever order the compiler or the `.pyc` reader added
    /// the items in; bails when that is not certain.
    pub fn const_frozen(items: Vec<T>) -> PyResult<PySet<T>> {
        let s = PySet::from_vec(items);
        if ordered::<T>() && !s.0.borrow().all_home() {
            return Err(unsupported());
        }
        Ok(s)
    }

    /// `{c1, c2, c3, ...}`, three or more constants: `BUILD_SET 0`, then
    /// `SET_UPDATE` with the frozenset constant.  Bails when that constant's
    /// layout is uncertain (see [`const_frozen`](Self::const_frozen)).
    pub fn from_const_display(items: Vec<T>) -> PyResult<PySet<T>> {
        if items.len() < 3 {
            // Not folded by the compiler.
            return Ok(PySet::from_vec(items));
        }
        let frozen = PySet::const_frozen(items)?;
        let mut t = Table::new();
        t.merge(&frozen.0.borrow());
        Ok(PySet::wrap(t))
    }

    /// `set(d)` for a dict `d`: sized for the dict first, then its keys in
    /// order.
    pub fn from_dict<V: Clone>(d: &PyDict<T, V>) -> PySet<T>
    where
        T: Eq + Hash,
    {
        let s = PySet::new();
        s.update_from_dict(d);
        s
    }

    /// `s.update(d)` for a dict `d`.
    pub fn update_from_dict<V: Clone>(&self, d: &PyDict<T, V>)
    where
        T: Eq + Hash,
    {
        let keys = d.keys();
        let mut t = self.0.borrow_mut();
        let n = keys.len();
        if ((t.fill + n) as u64) * 5 >= (t.mask as u64) * 3 {
            let minused = (t.used + n).saturating_mul(2);
            t.resize(minused);
        }
        for k in keys {
            t.add(k);
        }
    }

    /// `s.update(items)` for a list/tuple/iterator.
    pub fn update_from_vec(&self, items: Vec<T>) {
        let mut t = self.0.borrow_mut();
        for x in items {
            t.add(x);
        }
    }

    /// Whether both names are the same set (`a is b`).
    pub fn is(&self, other: &PySet<T>) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    /// `len(s)`
    pub fn len(&self) -> i64 {
        self.0.borrow().used as i64
    }

    pub fn is_empty(&self) -> bool {
        self.0.borrow().used == 0
    }

    /// `x in s`
    pub fn contains(&self, x: &T) -> bool {
        self.0.borrow().contains_entry(x, x.py_hash())
    }

    /// `s.add(x)`
    pub fn add(&self, x: T) {
        self.0.borrow_mut().add(x);
    }

    /// `s.discard(x)`
    pub fn discard(&self, x: &T) {
        let h = x.py_hash();
        self.0.borrow_mut().discard_entry(x, h);
    }

    /// `s.clear()`
    pub fn clear(&self) {
        self.0.borrow_mut().clear();
    }

    /// `s.copy()` / `set(s)`
    pub fn copy(&self) -> PySet<T> {
        PySet::wrap(self.0.borrow().copy())
    }

    /// `s | t` / `s.union(t)`
    pub fn union(&self, other: &PySet<T>) -> PySet<T> {
        let mut t = self.0.borrow().copy();
        if !self.is(other) {
            t.merge(&other.0.borrow());
        }
        PySet::wrap(t)
    }

    /// `s & t` / `s.intersection(t)`
    pub fn intersection(&self, other: &PySet<T>) -> PySet<T> {
        if self.is(other) {
            return self.copy();
        }
        PySet::wrap(Table::intersection(&self.0.borrow(), &other.0.borrow()))
    }

    /// `s - t` / `s.difference(t)`
    pub fn difference(&self, other: &PySet<T>) -> PySet<T> {
        if self.is(other) {
            // CPython finds every element in `other`: a new, empty set.
            return PySet::new();
        }
        PySet::wrap(Table::difference(&self.0.borrow(), &other.0.borrow()))
    }

    /// `s ^ t` / `s.symmetric_difference(t)`: a copy of `t`, then `^=` `s`.
    pub fn symmetric_difference(&self, other: &PySet<T>) -> PySet<T> {
        // `s ^ s` too: the copy's slots all become dummies, as in CPython.
        let mut t = other.0.borrow().copy();
        t.symmetric_difference_update(&self.0.borrow());
        PySet::wrap(t)
    }

    /// `s |= t` / `s.update(t)`
    pub fn update(&self, other: &PySet<T>) {
        if self.is(other) {
            return;
        }
        let o = other.0.borrow();
        self.0.borrow_mut().merge(&o);
    }

    /// `s &= t` / `s.intersection_update(t)`: the intersection's table
    /// replaces this one (the finger stays).
    pub fn intersection_update(&self, other: &PySet<T>) {
        let result = if self.is(other) {
            self.0.borrow().copy()
        } else {
            Table::intersection(&self.0.borrow(), &other.0.borrow())
        };
        let mut t = self.0.borrow_mut();
        let finger = t.finger;
        *t = result;
        t.finger = finger;
    }

    /// `s -= t` / `s.difference_update(t)`
    pub fn difference_update(&self, other: &PySet<T>) {
        if self.is(other) {
            self.clear();
            return;
        }
        let o = other.0.borrow();
        self.0.borrow_mut().difference_update(&o);
    }

    /// `s ^= t` / `s.symmetric_difference_update(t)`
    pub fn symmetric_difference_update(&self, other: &PySet<T>) {
        if self.is(other) {
            self.clear();
            return;
        }
        let o = other.0.borrow();
        self.0.borrow_mut().symmetric_difference_update(&o);
    }

    /// `s <= t` / `s.issubset(t)`
    pub fn issubset(&self, other: &PySet<T>) -> bool {
        if self.is(other) {
            return true;
        }
        self.0.borrow().is_subset(&other.0.borrow())
    }

    /// `s >= t` / `s.issuperset(t)`
    pub fn issuperset(&self, other: &PySet<T>) -> bool {
        other.issubset(self)
    }

    /// `s < t`
    pub fn is_proper_subset(&self, other: &PySet<T>) -> bool {
        self.len() < other.len() && self.issubset(other)
    }

    /// `s > t`
    pub fn is_proper_superset(&self, other: &PySet<T>) -> bool {
        other.is_proper_subset(self)
    }

    /// `s.isdisjoint(t)`
    pub fn isdisjoint(&self, other: &PySet<T>) -> bool {
        if self.is(other) {
            return self.is_empty();
        }
        let a = self.0.borrow();
        let b = other.0.borrow();
        let (big, small) = if b.used > a.used { (&b, &a) } else { (&a, &b) };
        let common = small.active().any(|(h, k)| big.contains_entry(k, h));
        !common
    }

    /// The elements in CPython's iteration order (`list(s)`); bails for
    /// elements whose CPython hash is randomized (two or more of them).
    pub fn to_vec(&self) -> PyResult<Vec<T>> {
        let t = self.0.borrow();
        if !ordered::<T>() && t.used > 1 {
            return Err(unsupported());
        }
        Ok(t.active().map(|(_, k)| k.clone()).collect())
    }

    /// A live iterator (`for x in s`).
    pub fn iter(&self) -> PySetIter<T> {
        let used = self.0.borrow().used;
        PySetIter { set: Some(self.clone()), pos: 0, used, broken: false }
    }
}

impl<T: PyHash + KeyArg> PySet<T> {
    /// `s.remove(x)`: KeyError(x) when missing.
    pub fn remove(&self, x: &T) -> PyResult<()> {
        let h = x.py_hash();
        if self.0.borrow_mut().discard_entry(x, h) {
            Ok(())
        } else {
            Err(key_error(x))
        }
    }
}

impl<T: PyHash> PySet<T> {
    /// `s.pop()`: KeyError when empty.  Bails for a set of two or more
    /// elements whose CPython hash is randomized.
    pub fn pop(&self) -> PyResult<T> {
        let mut t = self.0.borrow_mut();
        if t.used == 0 {
            return Err(key_error_str(pyver::SET_POP_EMPTY));
        }
        if !ordered::<T>() && t.used > 1 {
            return Err(unsupported());
        }
        match t.pop() {
            Some(x) => Ok(x),
            None => Err(unsupported()),
        }
    }
}

impl<T: PyHash + Ord> PySet<T> {
    /// `sorted(s)`
    pub fn to_sorted_vec(&self) -> Vec<T> {
        let mut v: Vec<T> = self.0.borrow().active().map(|(_, k)| k.clone()).collect();
        v.sort();
        v
    }

    /// `min(s)`: ValueError when empty.
    pub fn min(&self) -> PyResult<T> {
        match self.0.borrow().active().map(|(_, k)| k).min() {
            Some(k) => Ok(k.clone()),
            None => Err(PyErr::raise(exc::VALUE_ERROR, pyver::MIN_EMPTY)),
        }
    }

    /// `max(s)`: ValueError when empty.
    pub fn max(&self) -> PyResult<T> {
        match self.0.borrow().active().map(|(_, k)| k).max() {
            Some(k) => Ok(k.clone()),
            None => Err(PyErr::raise(exc::VALUE_ERROR, pyver::MAX_EMPTY)),
        }
    }
}

impl PySet<i64> {
    /// `sum(s)` (exact in any order; bails when the total leaves i64).
    pub fn sum(&self) -> PyResult<i64> {
        let total: i128 = self.0.borrow().active().map(|(_, k)| *k as i128).sum();
        if total < i64::MIN as i128 || total > i64::MAX as i128 {
            return Err(PyErr::bail(bail::OVERFLOW));
        }
        Ok(total as i64)
    }
}

impl PySet<bool> {
    /// `sum(s)`
    pub fn sum(&self) -> PyResult<i64> {
        Ok(self.0.borrow().active().filter(|(_, k)| **k).count() as i64)
    }
}

impl<T: PyHash> PartialEq for PySet<T> {
    /// `s == t`: the same elements, in any order.
    fn eq(&self, other: &Self) -> bool {
        if self.is(other) {
            return true;
        }
        let a = self.0.borrow();
        let b = other.0.borrow();
        a.used == b.used && a.is_subset(&b)
    }
}

impl<T: PyHash + PyRepr> PyRepr for PySet<T> {
    /// `repr(s)`: `{1, 2, 3}` in iteration order, `set()` when empty.
    fn py_repr(&self) -> PyResult<String> {
        let items = self.to_vec()?;
        if items.is_empty() {
            return Ok("set()".to_string());
        }
        let mut out = String::from("{");
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&x.py_repr()?);
        }
        out.push('}');
        Ok(out)
    }
}

// ---------------------------------------------------------------------------
// Iteration

/// A live iterator over a set, as CPython's: `next_item` gives `Ok(None)` at
/// the end and `Err(RuntimeError)` once the set's size differs from its
/// size when the iterator was made (and from then on).  A change that keeps
/// the size goes on from the same table position, exactly as CPython does.
/// Bails for elements whose CPython hash is randomized.
pub struct PySetIter<T> {
    /// `None` once exhausted.
    set: Option<PySet<T>>,
    pos: usize,
    used: usize,
    broken: bool,
}

impl<T: PyHash> PySetIter<T> {
    pub fn next_item(&mut self) -> PyResult<Option<T>> {
        let set = match &self.set {
            Some(s) => s.clone(),
            None => return Ok(None),
        };
        let t = set.0.borrow();
        if self.broken || t.used != self.used {
            self.broken = true;
            return Err(PyErr::raise(exc::RUNTIME_ERROR, pyver::SET_CHANGED_SIZE));
        }
        if !ordered::<T>() {
            return Err(unsupported());
        }
        let mut i = self.pos;
        while i <= t.mask {
            if let Entry::Active(_, k) = &t.slots[i] {
                self.pos = i + 1;
                return Ok(Some(k.clone()));
            }
            i += 1;
        }
        drop(t);
        self.set = None;
        Ok(None)
    }
}

/// `for x in s:` as a Rust loop: `for x in s.iter() { let x = x?; ... }`.
impl<T: PyHash> Iterator for PySetIter<T> {
    type Item = PyResult<T>;

    fn next(&mut self) -> Option<PyResult<T>> {
        match self.next_item() {
            Ok(Some(x)) => Some(Ok(x)),
            Ok(None) => None,
            Err(e) => Some(Err(e)),
        }
    }
}
