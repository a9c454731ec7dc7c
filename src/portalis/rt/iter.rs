//! Iteration helpers whose CPython behaviour needs more than std adapters.

use crate::err::{bail, PyErr, PyResult};

/// `enumerate(iterable, start)`: counts with i64, never wraps.
pub struct Enumerate<I> {
    inner: I,
    next: i64,
}

pub fn enumerate<I: Iterator>(inner: I, start: i64) -> PyResult<Enumerate<I>> {
    // Sequences in a 32-bit address space have far fewer than 2**32 items, so
    // counting from below this bound can never overflow.
    if start > i64::MAX - (1i64 << 33) {
        return Err(PyErr::bail(bail::OVERFLOW));
    }
    Ok(Enumerate { inner: inner, next: start })
}

impl<I: Iterator> Iterator for Enumerate<I> {
    type Item = (i64, I::Item);

    fn next(&mut self) -> Option<(i64, I::Item)> {
        let item = self.inner.next()?;
        let i = self.next;
        self.next += 1;
        Some((i, item))
    }
}
