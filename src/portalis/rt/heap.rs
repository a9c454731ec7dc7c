//! `heapq` and `bisect` on `list[T]`, step for step like CPython's C
//! modules (`_heapqmodule.c`, `_bisectmodule.c`): the same comparisons in
//! the same order, so the list holds the same items in the same places
//! after every operation.
//!
//! Both modules compare with `<` only.  For ints, strs and bools that is
//! the Rust order; a float's `<` is IEEE's, as in CPython.  Inside a tuple
//! CPython first tests items for equality with an identity shortcut (a NaN
//! object equals itself), which values alone cannot reproduce: a NaN met
//! there bails and CPython re-runs the call.

use crate::err::{bail, exc, PyErr, PyResult};
use crate::list::PyList;
use crate::pyver;
use crate::str::PyStr;

/// Python's `<` (and the `==` a tuple comparison uses first) for the item
/// types heapq and bisect accept.
pub trait PyLt {
    fn py_lt(&self, other: &Self) -> PyResult<bool>;
    fn py_eq(&self, other: &Self) -> PyResult<bool>;
}

impl PyLt for i64 {
    fn py_lt(&self, other: &Self) -> PyResult<bool> {
        Ok(self < other)
    }
    fn py_eq(&self, other: &Self) -> PyResult<bool> {
        Ok(self == other)
    }
}

impl PyLt for bool {
    fn py_lt(&self, other: &Self) -> PyResult<bool> {
        Ok(!*self & *other)
    }
    fn py_eq(&self, other: &Self) -> PyResult<bool> {
        Ok(self == other)
    }
}

impl PyLt for PyStr {
    fn py_lt(&self, other: &Self) -> PyResult<bool> {
        Ok(self < other)
    }
    fn py_eq(&self, other: &Self) -> PyResult<bool> {
        Ok(self == other)
    }
}

impl PyLt for f64 {
    fn py_lt(&self, other: &Self) -> PyResult<bool> {
        Ok(self < other)
    }
    /// Only reached inside tuples, where CPython's answer for a NaN depends
    /// on object identity.
    fn py_eq(&self, other: &Self) -> PyResult<bool> {
        if self.is_nan() || other.is_nan() {
            return Err(PyErr::bail(bail::UNSUPPORTED));
        }
        Ok(self == other)
    }
}

macro_rules! tuple_lt {
    ($($name:ident $idx:tt),+) => {
        impl<$($name: PyLt),+> PyLt for ($($name,)+) {
            /// Lexicographic, like tuple_richcompare: the first unequal
            /// items decide with `<`; all equal means not less.
            fn py_lt(&self, other: &Self) -> PyResult<bool> {
                $(
                    if !self.$idx.py_eq(&other.$idx)? {
                        return self.$idx.py_lt(&other.$idx);
                    }
                )+
                Ok(false)
            }
            fn py_eq(&self, other: &Self) -> PyResult<bool> {
                $(
                    if !self.$idx.py_eq(&other.$idx)? {
                        return Ok(false);
                    }
                )+
                Ok(true)
            }
        }
    };
}

tuple_lt!(A 0);
tuple_lt!(A 0, B 1);
tuple_lt!(A 0, B 1, C 2);
tuple_lt!(A 0, B 1, C 2, D 3);
tuple_lt!(A 0, B 1, C 2, D 3, E 4);
tuple_lt!(A 0, B 1, C 2, D 3, E 4, F 5);

// -- heapq ---------------------------------------------------------------------

/// `_siftdown`: move the item at `pos` up towards `start` while it is
/// smaller than its parent.
fn sift_down<T: PyLt>(v: &mut Vec<T>, start: usize, mut pos: usize) -> PyResult<()> {
    while pos > start {
        let parent = (pos - 1) >> 1;
        if !v[pos].py_lt(&v[parent])? {
            break;
        }
        v.swap(pos, parent);
        pos = parent;
    }
    Ok(())
}

/// `_siftup`: bubble the smaller child up to a leaf, then sift the item
/// that was at `pos` back down to its place (CPython's exact algorithm).
fn sift_up<T: PyLt>(v: &mut Vec<T>, mut pos: usize) -> PyResult<()> {
    let end = v.len();
    let start = pos;
    let limit = end >> 1;
    while pos < limit {
        let mut child = 2 * pos + 1;
        if child + 1 < end && !v[child].py_lt(&v[child + 1])? {
            child += 1;
        }
        v.swap(child, pos);
        pos = child;
    }
    sift_down(v, start, pos)
}

/// `heapq.heappush(heap, item)`.
pub fn heappush<T: PyLt>(heap: &PyList<T>, item: T) -> PyResult<()> {
    let mut v = heap.0.borrow_mut();
    v.push(item);
    let last = v.len() - 1;
    sift_down(&mut v, 0, last)
}

/// `heapq.heappop(heap)`: IndexError on an empty list.
pub fn heappop<T: PyLt>(heap: &PyList<T>) -> PyResult<T> {
    let mut v = heap.0.borrow_mut();
    let last = match v.pop() {
        Some(x) => x,
        None => return Err(PyErr::raise(exc::INDEX_ERROR, pyver::HEAP_INDEX_RANGE)),
    };
    if v.is_empty() {
        return Ok(last);
    }
    let top = std::mem::replace(&mut v[0], last);
    sift_up(&mut v, 0)?;
    Ok(top)
}

/// `heapq.heapreplace(heap, item)`: pop, then push (IndexError when empty).
pub fn heapreplace<T: PyLt>(heap: &PyList<T>, item: T) -> PyResult<T> {
    let mut v = heap.0.borrow_mut();
    if v.is_empty() {
        return Err(PyErr::raise(exc::INDEX_ERROR, pyver::HEAP_INDEX_RANGE));
    }
    let top = std::mem::replace(&mut v[0], item);
    sift_up(&mut v, 0)?;
    Ok(top)
}

/// `heapq.heappushpop(heap, item)`: push, then pop, in one step.
pub fn heappushpop<T: PyLt>(heap: &PyList<T>, item: T) -> PyResult<T> {
    let mut v = heap.0.borrow_mut();
    if v.is_empty() || !v[0].py_lt(&item)? {
        return Ok(item);
    }
    let top = std::mem::replace(&mut v[0], item);
    sift_up(&mut v, 0)?;
    Ok(top)
}

/// `heapq.heapify(x)`.  CPython switches to a cache-friendlier visiting
/// order above 2500 items; it sifts every node once after both of its
/// subtrees, as this loop does, so the resulting list is the same.
pub fn heapify<T: PyLt>(heap: &PyList<T>) -> PyResult<()> {
    let mut v = heap.0.borrow_mut();
    let n = v.len();
    for i in (0..n / 2).rev() {
        sift_up(&mut v, i)?;
    }
    Ok(())
}

// -- bisect ----------------------------------------------------------------------

/// `lo`/`hi` as `_bisectmodule.c` takes them: `lo < 0` is a ValueError and
/// `hi` of None *or -1* means `len(a)`.
fn bounds<T: Clone>(a: &PyList<T>, lo: i64, hi: Option<i64>) -> PyResult<(i64, i64)> {
    if lo < 0 {
        return Err(PyErr::raise(exc::VALUE_ERROR, pyver::BISECT_LO_NEG));
    }
    let hi = match hi {
        None | Some(-1) => a.len(),
        Some(h) => h,
    };
    Ok((lo, hi))
}

fn mid(lo: i64, hi: i64) -> i64 {
    ((lo as u64 + hi as u64) / 2) as i64
}

/// `bisect.bisect_right(a, x, lo, hi)` (also `bisect.bisect`).
pub fn bisect_right<T: PyLt + Clone>(a: &PyList<T>, x: &T, lo: i64, hi: Option<i64>) -> PyResult<i64> {
    let (mut lo, mut hi) = bounds(a, lo, hi)?;
    while lo < hi {
        let m = mid(lo, hi);
        let item = a.get(m)?;
        if x.py_lt(&item)? {
            hi = m;
        } else {
            lo = m + 1;
        }
    }
    Ok(lo)
}

/// `bisect.bisect_left(a, x, lo, hi)`.
pub fn bisect_left<T: PyLt + Clone>(a: &PyList<T>, x: &T, lo: i64, hi: Option<i64>) -> PyResult<i64> {
    let (mut lo, mut hi) = bounds(a, lo, hi)?;
    while lo < hi {
        let m = mid(lo, hi);
        let item = a.get(m)?;
        if item.py_lt(x)? {
            lo = m + 1;
        } else {
            hi = m;
        }
    }
    Ok(lo)
}

/// `bisect_right(a, x, lo, hi, key=f)`: `x` is compared with `f(a[mid])`.
/// Items are fetched one at a time (no borrow is held while `f` runs).
pub fn bisect_right_key<T: Clone, K: PyLt, F: FnMut(T) -> PyResult<K>>(
    a: &PyList<T>,
    x: &K,
    lo: i64,
    hi: Option<i64>,
    mut key: F,
) -> PyResult<i64> {
    let (mut lo, mut hi) = bounds(a, lo, hi)?;
    while lo < hi {
        let m = mid(lo, hi);
        let item = key(a.get(m)?)?;
        if x.py_lt(&item)? {
            hi = m;
        } else {
            lo = m + 1;
        }
    }
    Ok(lo)
}

/// `bisect_left(a, x, lo, hi, key=f)`.
pub fn bisect_left_key<T: Clone, K: PyLt, F: FnMut(T) -> PyResult<K>>(
    a: &PyList<T>,
    x: &K,
    lo: i64,
    hi: Option<i64>,
    mut key: F,
) -> PyResult<i64> {
    let (mut lo, mut hi) = bounds(a, lo, hi)?;
    while lo < hi {
        let m = mid(lo, hi);
        let item = key(a.get(m)?)?;
        if item.py_lt(x)? {
            lo = m + 1;
        } else {
            hi = m;
        }
    }
    Ok(lo)
}
