//! `list[T]`: shared, mutable, reference semantics (`b = a; b.append(x)`
//! changes `a`), exactly like CPython's list object.

use std::cell::RefCell;
use std::rc::Rc;

use crate::err::{bail, exc, PyErr, PyResult};
use crate::pyver;
use crate::slice as pyslice;
use crate::str::PyStr;

/// How a value is spelled inside CPython's error messages (`5 is not in list`).
pub trait PyRepr {
    fn py_repr(&self) -> PyResult<String>;
}

impl PyRepr for i64 {
    fn py_repr(&self) -> PyResult<String> {
        Ok(self.to_string())
    }
}

impl PyRepr for bool {
    fn py_repr(&self) -> PyResult<String> {
        Ok(if *self { "True" } else { "False" }.to_string())
    }
}

impl PyRepr for PyStr {
    fn py_repr(&self) -> PyResult<String> {
        crate::fmt::repr_str(self)
    }
}

impl PyRepr for f64 {
    fn py_repr(&self) -> PyResult<String> {
        Ok(crate::fmt::repr_float(*self))
    }
}

impl PyRepr for () {
    fn py_repr(&self) -> PyResult<String> {
        Ok(String::from("None"))
    }
}

impl<T: PyRepr> PyRepr for Option<T> {
    fn py_repr(&self) -> PyResult<String> {
        match self {
            Some(v) => v.py_repr(),
            None => Ok(String::from("None")),
        }
    }
}

/// `repr(xs)` / `str(xs)`: `[1, 'a']`. A typed list cannot contain itself, so
/// CPython's `[...]` for recursion never arises; a list borrowed mid-update bails.
impl<T: PyRepr> PyRepr for PyList<T> {
    fn py_repr(&self) -> PyResult<String> {
        let items = match self.0.try_borrow() {
            Ok(b) => b,
            Err(_) => return Err(PyErr::bail(bail::UNSUPPORTED)),
        };
        let mut out = String::from("[");
        for (i, v) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&v.py_repr()?);
        }
        out.push(']');
        Ok(out)
    }
}

// `pub(crate)`: heapq/bisect (heap.rs) work on the items in place.
pub struct PyList<T>(pub(crate) Rc<RefCell<Vec<T>>>);

impl<T> Clone for PyList<T> {
    /// Aliasing, not copying: both names see the same list.
    fn clone(&self) -> Self {
        PyList(Rc::clone(&self.0))
    }
}

impl<T: PartialEq> PartialEq for PyList<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || *self.0.borrow() == *other.0.borrow()
    }
}

impl<T: Clone> PyList<T> {
    pub fn new() -> PyList<T> {
        PyList(Rc::new(RefCell::new(Vec::new())))
    }

    pub fn from_vec(items: Vec<T>) -> PyList<T> {
        PyList(Rc::new(RefCell::new(items)))
    }

    /// Identity of the list object (for aliasing across the boundary).
    pub fn address(&self) -> usize {
        Rc::as_ptr(&self.0) as usize
    }

    pub fn to_vec(&self) -> Vec<T> {
        self.0.borrow().clone()
    }

    pub fn len(&self) -> i64 {
        self.0.borrow().len() as i64
    }

    pub fn is_empty(&self) -> bool {
        self.0.borrow().is_empty()
    }

    fn index_of(&self, i: i64) -> Option<usize> {
        pyslice::normalize_index(i, self.len())
    }

    /// `xs[i]`. The hottest runtime call of list code (bench/kernels): one
    /// borrow and one range check, inlined into the caller's loop.
    #[inline]
    pub fn get(&self, i: i64) -> PyResult<T> {
        let items = self.0.borrow();
        let n = items.len() as i64;
        let k = if i < 0 { i + n } else { i }; // no overflow: i < 0 <= n
        if 0 <= k && k < n {
            Ok(items[k as usize].clone())
        } else {
            Err(PyErr::raise(exc::INDEX_ERROR, pyver::LIST_INDEX_RANGE))
        }
    }

    /// `xs[i] = value`, like `get`.
    #[inline]
    pub fn set(&self, i: i64, value: T) -> PyResult<()> {
        let mut items = self.0.borrow_mut();
        let n = items.len() as i64;
        let k = if i < 0 { i + n } else { i };
        if 0 <= k && k < n {
            items[k as usize] = value;
            Ok(())
        } else {
            Err(PyErr::raise(exc::INDEX_ERROR, pyver::LIST_ASSIGN_RANGE))
        }
    }

    pub fn append(&self, value: T) {
        self.0.borrow_mut().push(value);
    }

    pub fn insert(&self, i: i64, value: T) {
        let n = self.len();
        let k = if i < 0 { (i + n).max(0) } else { i.min(n) };
        self.0.borrow_mut().insert(k as usize, value);
    }

    pub fn pop(&self, i: Option<i64>) -> PyResult<T> {
        if self.is_empty() {
            return Err(PyErr::raise(exc::INDEX_ERROR, pyver::LIST_POP_EMPTY));
        }
        let k = match self.index_of(i.unwrap_or(-1)) {
            Some(k) => k,
            None => return Err(PyErr::raise(exc::INDEX_ERROR, pyver::LIST_POP_RANGE)),
        };
        Ok(self.0.borrow_mut().remove(k))
    }

    pub fn extend(&self, other: &PyList<T>) {
        // `xs.extend(xs)` doubles the list: copy first, the RefCell would refuse.
        let items = other.to_vec();
        self.0.borrow_mut().extend(items);
    }

    pub fn clear(&self) {
        self.0.borrow_mut().clear();
    }

    pub fn reverse(&self) {
        self.0.borrow_mut().reverse();
    }

    pub fn copy(&self) -> PyList<T> {
        PyList::from_vec(self.to_vec())
    }

    pub fn concat(&self, other: &PyList<T>) -> PyList<T> {
        let mut items = self.to_vec();
        items.extend(other.to_vec());
        PyList::from_vec(items)
    }

    pub fn repeat(&self, n: i64) -> PyResult<PyList<T>> {
        let items = self.to_vec();
        if n <= 0 || items.is_empty() {
            return Ok(PyList::new());
        }
        let total = (items.len() as u64).checked_mul(n as u64);
        match total {
            Some(t) if t <= (1 << 27) => {}
            _ => return Err(PyErr::bail(bail::UNSUPPORTED)),
        }
        let mut out = Vec::with_capacity(items.len() * n as usize);
        for _ in 0..n {
            out.extend(items.iter().cloned());
        }
        Ok(PyList::from_vec(out))
    }

    pub fn slice(&self, start: Option<i64>, stop: Option<i64>, step: Option<i64>) -> PyResult<PyList<T>> {
        let (start, _stop, step, count) = pyslice::indices(self.len(), start, stop, step)?;
        let items = self.0.borrow();
        let mut out = Vec::with_capacity(count as usize);
        let mut k = start;
        for _ in 0..count {
            out.push(items[k as usize].clone());
            k += step;
        }
        Ok(PyList::from_vec(out))
    }

    /// Iterate as CPython does: by index over the live list, so appends made
    /// by the loop body are visited and removals shorten the loop.
    pub fn iter(&self) -> PyListIter<T> {
        PyListIter { list: self.clone(), next: 0 }
    }

    /// `reversed(xs)`: by index from the end over the live list, stopping as
    /// soon as the index is past the (possibly shrunken) end, like CPython.
    pub fn iter_rev(&self) -> PyListRevIter<T> {
        PyListRevIter { list: self.clone(), next: self.len() - 1 }
    }
}

impl<T: Clone> PyList<T> {
    fn keys<K, F: FnMut(T) -> PyResult<K>>(items: &[T], key: &mut F) -> PyResult<Vec<K>> {
        let mut keys = Vec::with_capacity(items.len());
        for item in items.iter() {
            keys.push(key(item.clone())?);
        }
        Ok(keys)
    }

    /// `xs.sort(key=f, reverse=r)`: every key is computed first, in order (a
    /// raising key leaves the list unchanged), then a stable sort.
    pub fn sort_by_key<K: Ord, F: FnMut(T) -> PyResult<K>>(&self, mut key: F, reverse: bool) -> PyResult<()> {
        let items = self.to_vec();
        let keys = PyList::keys(&items, &mut key)?;
        let mut order: Vec<usize> = (0..items.len()).collect();
        if reverse {
            order.sort_by(|a, b| keys[*b].cmp(&keys[*a]));
        } else {
            order.sort_by(|a, b| keys[*a].cmp(&keys[*b]));
        }
        let sorted: Vec<T> = order.into_iter().map(|i| items[i].clone()).collect();
        *self.0.borrow_mut() = sorted;
        Ok(())
    }

    pub fn sorted_by_key<K: Ord, F: FnMut(T) -> PyResult<K>>(&self, key: F, reverse: bool) -> PyResult<PyList<T>> {
        let out = self.copy();
        out.sort_by_key(key, reverse)?;
        Ok(out)
    }

    /// `min(xs, key=f)`: the first item with the smallest key.
    pub fn min_by_key<K: Ord, F: FnMut(T) -> PyResult<K>>(&self, mut key: F) -> PyResult<T> {
        self.extreme_by_key(&mut key, true)
    }

    pub fn max_by_key<K: Ord, F: FnMut(T) -> PyResult<K>>(&self, mut key: F) -> PyResult<T> {
        self.extreme_by_key(&mut key, false)
    }

    fn extreme_by_key<K: Ord, F: FnMut(T) -> PyResult<K>>(&self, key: &mut F, smallest: bool) -> PyResult<T> {
        let items = self.to_vec();
        if items.is_empty() {
            let msg = if smallest { pyver::MIN_EMPTY } else { pyver::MAX_EMPTY };
            return Err(PyErr::raise(exc::VALUE_ERROR, msg));
        }
        let mut best = 0;
        let mut best_key = key(items[0].clone())?;
        for (i, item) in items.iter().enumerate().skip(1) {
            let k = key(item.clone())?;
            let better = if smallest { k < best_key } else { k > best_key };
            if better {
                best = i;
                best_key = k;
            }
        }
        Ok(items[best].clone())
    }
}

impl<T: Clone + PartialEq + PyRepr> PyList<T> {
    pub fn contains(&self, value: &T) -> bool {
        self.0.borrow().iter().any(|x| x == value)
    }

    pub fn count(&self, value: &T) -> i64 {
        self.0.borrow().iter().filter(|x| *x == value).count() as i64
    }

    pub fn index(&self, value: &T) -> PyResult<i64> {
        match self.0.borrow().iter().position(|x| x == value) {
            Some(k) => Ok(k as i64),
            None => {
                if !pyver::LIST_INDEX_MISSING_OK {
                    return Err(PyErr::bail(bail::UNSUPPORTED));
                }
                let text = value.py_repr()?;
                let msg = format!("{}{}{}", pyver::LIST_INDEX_MISSING_PRE, text, pyver::LIST_INDEX_MISSING_POST);
                Err(PyErr::raise(exc::VALUE_ERROR, &msg))
            }
        }
    }

    pub fn remove(&self, value: &T) -> PyResult<()> {
        let pos = self.0.borrow().iter().position(|x| x == value);
        match pos {
            Some(k) => {
                self.0.borrow_mut().remove(k);
                Ok(())
            }
            None => Err(PyErr::raise(exc::VALUE_ERROR, pyver::LIST_REMOVE_MISSING)),
        }
    }
}

impl<T: Clone + Ord> PyList<T> {
    /// Stable, like CPython's timsort; `reverse` keeps equal items in order.
    pub fn sort(&self, reverse: bool) {
        let mut items = self.0.borrow_mut();
        if reverse {
            items.sort_by(|a, b| b.cmp(a));
        } else {
            items.sort();
        }
    }

    pub fn sorted(&self, reverse: bool) -> PyList<T> {
        let out = self.copy();
        out.sort(reverse);
        out
    }

    /// `min(xs)` / `max(xs)`: the first extreme item, ValueError when empty.
    pub fn min(&self) -> PyResult<T> {
        let items = self.0.borrow();
        let mut best = match items.first() {
            Some(v) => v,
            None => return Err(PyErr::raise(exc::VALUE_ERROR, pyver::MIN_EMPTY)),
        };
        for v in items.iter().skip(1) {
            if v < best {
                best = v;
            }
        }
        Ok(best.clone())
    }

    pub fn max(&self) -> PyResult<T> {
        let items = self.0.borrow();
        let mut best = match items.first() {
            Some(v) => v,
            None => return Err(PyErr::raise(exc::VALUE_ERROR, pyver::MAX_EMPTY)),
        };
        for v in items.iter().skip(1) {
            if v > best {
                best = v;
            }
        }
        Ok(best.clone())
    }
}

impl PyList<i64> {
    pub fn sum(&self) -> PyResult<i64> {
        let mut total: i64 = 0;
        for v in self.0.borrow().iter() {
            total = crate::int::add(total, *v)?;
        }
        Ok(total)
    }
}

impl PyList<f64> {
    /// `sum(floats)` as the running CPython computes it (bltinmodule.c,
    /// `builtin_sum_impl`). It starts from the int 0, so an empty list sums
    /// to the int `0`, not `0.0`: that call bails (re-runs in CPython). The
    /// first item is added to 0.0 (so `sum([-0.0])` is `0.0`); 3.11 then adds
    /// left to right, 3.12 and later use Neumaier's compensated sum, adding
    /// the compensation at the end only when it is non-zero and finite.
    pub fn sum(&self) -> PyResult<f64> {
        let items = self.0.borrow();
        if items.is_empty() {
            return Err(PyErr::bail(bail::UNSUPPORTED));
        }
        let compensated = pyver::PY_MAJOR > 3 || (pyver::PY_MAJOR == 3 && pyver::PY_MINOR >= 12);
        let mut total = 0.0_f64;
        let mut c = 0.0_f64;
        for &x in items.iter() {
            if !compensated {
                total += x;
                continue;
            }
            let t = total + x;
            if total.abs() >= x.abs() {
                c += (total - t) + x;
            } else {
                c += (x - t) + total;
            }
            total = t;
        }
        if compensated && c != 0.0 && c.is_finite() {
            total += c;
        }
        Ok(total)
    }

    /// `list.sort()` of floats. Without NaN, `<` orders floats strictly
    /// (only -0.0 and 0.0 tie), so every stable sort gives CPython's result;
    /// where timsort would meet a NaN the call bails instead.
    pub fn sort_f(&self, reverse: bool) -> PyResult<()> {
        let mut items = self.0.borrow_mut();
        if items.iter().any(|x| x.is_nan()) {
            return Err(PyErr::bail(bail::UNSUPPORTED));
        }
        if reverse {
            items.sort_by(|a, b| b.partial_cmp(a).unwrap());
        } else {
            items.sort_by(|a, b| a.partial_cmp(b).unwrap());
        }
        Ok(())
    }

    pub fn sorted_f(&self, reverse: bool) -> PyResult<PyList<f64>> {
        let out = self.copy();
        out.sort_f(reverse)?;
        Ok(out)
    }

    /// `min(floats)` / `max(floats)`: the first extreme item (of -0.0 and
    /// 0.0, whichever comes first), ValueError when empty; bails on NaN.
    pub fn min_f(&self) -> PyResult<f64> {
        self.extreme_f(pyver::MIN_EMPTY, |v, best| v < best)
    }

    pub fn max_f(&self) -> PyResult<f64> {
        self.extreme_f(pyver::MAX_EMPTY, |v, best| v > best)
    }

    fn extreme_f(&self, empty: &str, better: fn(f64, f64) -> bool) -> PyResult<f64> {
        let items = self.0.borrow();
        let mut best = match items.first() {
            Some(v) => *v,
            None => return Err(PyErr::raise(exc::VALUE_ERROR, empty)),
        };
        for &v in items.iter() {
            if v.is_nan() {
                return Err(PyErr::bail(bail::UNSUPPORTED));
            }
            if better(v, best) {
                best = v;
            }
        }
        Ok(best)
    }
}

impl PyList<bool> {
    pub fn sum(&self) -> PyResult<i64> {
        Ok(self.0.borrow().iter().filter(|b| **b).count() as i64)
    }
}

pub struct PyListIter<T> {
    list: PyList<T>,
    next: usize,
}

impl<T: Clone> Iterator for PyListIter<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        let items = self.list.0.borrow();
        if self.next < items.len() {
            let v = items[self.next].clone();
            self.next += 1;
            Some(v)
        } else {
            None
        }
    }
}

pub struct PyListRevIter<T> {
    list: PyList<T>,
    next: i64,
}

impl<T: Clone> Iterator for PyListRevIter<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        let items = self.list.0.borrow();
        if self.next >= 0 && (self.next as usize) < items.len() {
            let v = items[self.next as usize].clone();
            self.next -= 1;
            Some(v)
        } else {
            self.next = -1;
            None
        }
    }
}
