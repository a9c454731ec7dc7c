//! `range(start, stop, step)` over i64, as CPython iterates it.

use crate::err::{exc, PyErr, PyResult};

/// Yields exactly the values CPython's `range` yields. The value after the
/// last one may not fit in i64; iteration then simply ends.
pub struct PyRange {
    next: i64,
    stop: i64,
    step: i64,
    done: bool,
}

impl PyRange {
    #[inline]
    pub fn new(start: i64, stop: i64, step: i64) -> PyResult<PyRange> {
        if step == 0 {
            return Err(PyErr::raise(exc::VALUE_ERROR, crate::pyver::RANGE_STEP_ZERO));
        }
        Ok(PyRange { next: start, stop: stop, step: step, done: false })
    }
}

impl Iterator for PyRange {
    type Item = i64;

    #[inline]
    fn next(&mut self) -> Option<i64> {
        if self.done {
            return None;
        }
        let v = self.next;
        let inside = if self.step > 0 { v < self.stop } else { v > self.stop };
        if !inside {
            self.done = true;
            return None;
        }
        match v.checked_add(self.step) {
            Some(n) => self.next = n,
            None => self.done = true,
        }
        Some(v)
    }
}
