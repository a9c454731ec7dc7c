//! Slice and index arithmetic as CPython does it: `PySlice_Unpack` followed
//! by `PySlice_AdjustIndices` (Objects/sliceobject.c), and the negative-index
//! rule of sequence subscripts.
//!
//! Python's slice bounds are arbitrary ints that CPython clamps to
//! `Py_ssize_t`; on a 64-bit CPython that is exactly the i64 range, so i64
//! arguments lose nothing.

use crate::err::{exc, PyErr, PyResult};
use crate::pyver;

/// `slice(start, stop, step).indices(len)` plus the slice length:
/// `(start, stop, step, slicelength)`, exactly what CPython iterates.
///
/// `None` is an omitted bound.  A zero step raises ValueError with CPython's
/// message.  `len` must not be negative (a negative one is treated as 0).
pub fn indices(
    len: i64,
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
) -> PyResult<(i64, i64, i64, i64)> {
    let len = if len < 0 { 0 } else { len };
    // PySlice_Unpack
    let step = match step {
        None => 1,
        Some(0) => return Err(PyErr::raise(exc::VALUE_ERROR, pyver::SLICE_STEP_ZERO)),
        // Guarantees that -step is representable.
        Some(s) if s < -i64::MAX => -i64::MAX,
        Some(s) => s,
    };
    let start = match start {
        None => {
            if step < 0 {
                i64::MAX
            } else {
                0
            }
        }
        Some(s) => s,
    };
    let stop = match stop {
        None => {
            if step < 0 {
                i64::MIN
            } else {
                i64::MAX
            }
        }
        Some(s) => s,
    };
    // PySlice_AdjustIndices
    let start = adjust_bound(start, len, step);
    let stop = adjust_bound(stop, len, step);
    let n = if step < 0 {
        if stop < start {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        }
    } else if start < stop {
        (stop - start - 1) / step + 1
    } else {
        0
    };
    Ok((start, stop, step, n))
}

#[inline]
fn adjust_bound(b: i64, len: i64, step: i64) -> i64 {
    if b < 0 {
        // b < 0 <= len: no overflow
        let b = b + len;
        if b < 0 {
            if step < 0 {
                -1
            } else {
                0
            }
        } else {
            b
        }
    } else if b >= len {
        if step < 0 {
            len - 1
        } else {
            len
        }
    } else {
        b
    }
}

/// `seq[i]`'s position: `i`, or `i + len` for a negative `i`; `None` when
/// that is outside `0..len` (the caller raises its own IndexError).
#[inline]
pub fn normalize_index(i: i64, len: i64) -> Option<usize> {
    let j = if i < 0 { i.checked_add(len)? } else { i };
    if j >= 0 && j < len {
        // usize is 32 bits on wasm32; no sequence there is that long anyway.
        std::convert::TryFrom::try_from(j).ok()
    } else {
        None
    }
}
