//! `collections.deque`: shared and mutable like a list, with an optional
//! `maxlen`, and CPython's "deque mutated during iteration" check.
//!
//! CPython counts structural changes in `deque->state`; an iterator
//! remembers the count and the length when it was made, reads items by
//! position, and raises RuntimeError at its next step once the count moved.
//! Which operations move it is reproduced exactly (tested against CPython):
//! appends, pops, extends of at least one item (none with maxlen=0),
//! `clear()` of a non-empty deque, `rotate()` of two or more items, and a
//! successful `remove()`; item assignment and `reverse()` do not.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use crate::err::{bail, exc, PyErr, PyResult};
use crate::list::{PyList, PyRepr};
use crate::pyver;
use crate::slice as pyslice;

pub struct Inner<T> {
    items: VecDeque<T>,
    maxlen: Option<usize>,
    state: u64,
}

pub struct PyDeque<T>(Rc<RefCell<Inner<T>>>);

impl<T> Clone for PyDeque<T> {
    /// Aliasing, not copying.
    fn clone(&self) -> Self {
        PyDeque(Rc::clone(&self.0))
    }
}

impl<T: PartialEq> PartialEq for PyDeque<T> {
    /// `==` compares the items only (maxlen plays no part).
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0) || self.0.borrow().items == other.0.borrow().items
    }
}

fn maxlen_arg(maxlen: Option<i64>) -> PyResult<Option<usize>> {
    match maxlen {
        None => Ok(None),
        Some(m) if m < 0 => Err(PyErr::raise(exc::VALUE_ERROR, pyver::DEQUE_MAXLEN_NEG)),
        // No deque in a 32-bit address space can hold more items than this.
        Some(m) => Ok(Some(if m > u32::MAX as i64 { u32::MAX as usize } else { m as usize })),
    }
}

impl<T: Clone> PyDeque<T> {
    /// `deque(iterable, maxlen)`: the items are appended one by one, so a
    /// bounded deque keeps the last `maxlen` of them.
    pub fn from_vec(items: Vec<T>, maxlen: Option<i64>) -> PyResult<PyDeque<T>> {
        let maxlen = maxlen_arg(maxlen)?;
        let mut q: VecDeque<T> = items.into_iter().collect();
        if let Some(m) = maxlen {
            while q.len() > m {
                q.pop_front();
            }
        }
        Ok(PyDeque(Rc::new(RefCell::new(Inner { items: q, maxlen: maxlen, state: 0 }))))
    }

    pub fn new(maxlen: Option<i64>) -> PyResult<PyDeque<T>> {
        PyDeque::from_vec(Vec::new(), maxlen)
    }

    pub fn len(&self) -> i64 {
        self.0.borrow().items.len() as i64
    }

    pub fn is_empty(&self) -> bool {
        self.0.borrow().items.is_empty()
    }

    pub fn to_vec(&self) -> Vec<T> {
        self.0.borrow().items.iter().cloned().collect()
    }

    pub fn to_list(&self) -> PyList<T> {
        PyList::from_vec(self.to_vec())
    }

    pub fn append(&self, value: T) {
        let mut d = self.0.borrow_mut();
        d.state += 1;
        d.items.push_back(value);
        if let Some(m) = d.maxlen {
            if d.items.len() > m {
                d.items.pop_front();
            }
        }
    }

    pub fn appendleft(&self, value: T) {
        let mut d = self.0.borrow_mut();
        d.state += 1;
        d.items.push_front(value);
        if let Some(m) = d.maxlen {
            if d.items.len() > m {
                d.items.pop_back();
            }
        }
    }

    pub fn pop(&self) -> PyResult<T> {
        let mut d = self.0.borrow_mut();
        match d.items.pop_back() {
            Some(v) => {
                d.state += 1;
                Ok(v)
            }
            None => Err(PyErr::raise(exc::INDEX_ERROR, pyver::DEQUE_POP_EMPTY)),
        }
    }

    pub fn popleft(&self) -> PyResult<T> {
        let mut d = self.0.borrow_mut();
        match d.items.pop_front() {
            Some(v) => {
                d.state += 1;
                Ok(v)
            }
            None => Err(PyErr::raise(exc::INDEX_ERROR, pyver::DEQUE_POP_EMPTY)),
        }
    }

    /// `d.extend(items)`; with maxlen=0 CPython only consumes the iterable.
    pub fn extend(&self, items: Vec<T>) {
        if self.0.borrow().maxlen == Some(0) {
            return;
        }
        for v in items {
            self.append(v);
        }
    }

    pub fn extendleft(&self, items: Vec<T>) {
        if self.0.borrow().maxlen == Some(0) {
            return;
        }
        for v in items {
            self.appendleft(v);
        }
    }

    pub fn clear(&self) {
        let mut d = self.0.borrow_mut();
        if !d.items.is_empty() {
            d.state += 1;
            d.items.clear();
        }
    }

    /// `d.rotate(n)`: right by n (left when negative).
    pub fn rotate(&self, n: i64) {
        let mut d = self.0.borrow_mut();
        let len = d.items.len();
        if len <= 1 {
            return;
        }
        d.state += 1;
        let k = n.rem_euclid(len as i64) as usize;
        d.items.rotate_right(k);
    }

    pub fn reverse(&self) {
        let mut d = self.0.borrow_mut();
        let v: Vec<T> = d.items.drain(..).rev().collect();
        d.items.extend(v);
    }

    pub fn copy(&self) -> PyDeque<T> {
        let d = self.0.borrow();
        PyDeque(Rc::new(RefCell::new(Inner { items: d.items.clone(), maxlen: d.maxlen, state: 0 })))
    }

    pub fn get(&self, i: i64) -> PyResult<T> {
        let d = self.0.borrow();
        match pyslice::normalize_index(i, d.items.len() as i64) {
            Some(k) => Ok(d.items[k].clone()),
            None => Err(PyErr::raise(exc::INDEX_ERROR, pyver::DEQUE_INDEX_RANGE)),
        }
    }

    pub fn set(&self, i: i64, value: T) -> PyResult<()> {
        let mut d = self.0.borrow_mut();
        let n = d.items.len() as i64;
        match pyslice::normalize_index(i, n) {
            Some(k) => {
                d.items[k] = value;
                Ok(())
            }
            None => Err(PyErr::raise(exc::INDEX_ERROR, pyver::DEQUE_INDEX_RANGE)),
        }
    }

    /// Iterate like CPython's deque iterator (see the module comment).
    pub fn iter(&self) -> PyDequeIter<T> {
        let d = self.0.borrow();
        PyDequeIter { deque: self.clone(), state: d.state, left: d.items.len(), next: 0 }
    }

    /// `reversed(d)`: the same checks, from the right end.
    pub fn iter_rev(&self) -> PyDequeRevIter<T> {
        PyDequeRevIter(self.iter())
    }
}

impl<T: Clone + PartialEq + PyRepr> PyDeque<T> {
    pub fn contains(&self, value: &T) -> bool {
        self.0.borrow().items.iter().any(|x| x == value)
    }

    pub fn count(&self, value: &T) -> i64 {
        self.0.borrow().items.iter().filter(|x| *x == value).count() as i64
    }

    /// `d.remove(v)`: the first equal item, else ValueError "v is not in deque".
    pub fn remove(&self, value: &T) -> PyResult<()> {
        let pos = self.0.borrow().items.iter().position(|x| x == value);
        match pos {
            Some(k) => {
                let mut d = self.0.borrow_mut();
                d.state += 1;
                d.items.remove(k);
                Ok(())
            }
            None => {
                if !pyver::DEQUE_MISSING_OK {
                    return Err(PyErr::bail(bail::UNSUPPORTED));
                }
                let text = value.py_repr()?;
                let msg = format!("{}{}{}", pyver::DEQUE_MISSING_PRE, text, pyver::DEQUE_MISSING_POST);
                Err(PyErr::raise(exc::VALUE_ERROR, &msg))
            }
        }
    }
}

pub struct PyDequeIter<T> {
    deque: PyDeque<T>,
    state: u64,
    left: usize,
    next: usize,
}

impl<T: Clone> PyDequeIter<T> {
    fn step(&mut self, from_right: bool) -> Option<PyResult<T>> {
        let d = self.deque.0.borrow();
        if d.state != self.state {
            self.left = 0;
            self.state = d.state;
            // CPython's iterator also stops for good after raising once.
            self.next = usize::MAX;
            return Some(Err(PyErr::raise(exc::RUNTIME_ERROR, pyver::DEQUE_MUTATED)));
        }
        if self.left == 0 {
            return None;
        }
        let n = d.items.len();
        let k = if from_right { n - 1 - self.next } else { self.next };
        let v = d.items[k].clone();
        self.next += 1;
        self.left -= 1;
        Some(Ok(v))
    }
}

impl<T: Clone> Iterator for PyDequeIter<T> {
    type Item = PyResult<T>;

    fn next(&mut self) -> Option<PyResult<T>> {
        if self.next == usize::MAX {
            return None;
        }
        self.step(false)
    }
}

pub struct PyDequeRevIter<T>(PyDequeIter<T>);

impl<T: Clone> Iterator for PyDequeRevIter<T> {
    type Item = PyResult<T>;

    fn next(&mut self) -> Option<PyResult<T>> {
        if self.0.next == usize::MAX {
            return None;
        }
        self.0.step(true)
    }
}
