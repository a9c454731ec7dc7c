//! Python `int` operations on i64, every one checked.
//!
//! A result outside the i64 range is never wrapped: it is
//! `Err(PyErr::bail(bail::OVERFLOW))`, and the call re-runs in CPython, which
//! has the exact big-int answer.  Exceptions carry the messages of the
//! running CPython (`pyver`).

use crate::err::{bail, exc, PyErr, PyResult};
use crate::float;
use crate::pyver;

#[inline]
fn overflow() -> PyErr {
    PyErr::Bail(bail::OVERFLOW)
}

#[inline]
pub fn add(a: i64, b: i64) -> PyResult<i64> {
    a.checked_add(b).ok_or_else(overflow)
}

#[inline]
pub fn sub(a: i64, b: i64) -> PyResult<i64> {
    a.checked_sub(b).ok_or_else(overflow)
}

#[inline]
pub fn mul(a: i64, b: i64) -> PyResult<i64> {
    a.checked_mul(b).ok_or_else(overflow)
}

#[inline]
pub fn neg(a: i64) -> PyResult<i64> {
    a.checked_neg().ok_or_else(overflow)
}

#[inline]
pub fn abs(a: i64) -> PyResult<i64> {
    a.checked_abs().ok_or_else(overflow)
}

/// `a // b`: floor division (the quotient rounds towards minus infinity).
#[inline]
pub fn floordiv(a: i64, b: i64) -> PyResult<i64> {
    if b == 0 {
        return Err(PyErr::raise(exc::ZERO_DIVISION_ERROR, pyver::INT_FLOORDIV_ZERO));
    }
    if b == -1 {
        return neg(a);
    }
    let q = a / b;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        Ok(q - 1)
    } else {
        Ok(q)
    }
}

/// `a % b`: the result has the sign of `b`.
#[inline]
pub fn modulo(a: i64, b: i64) -> PyResult<i64> {
    if b == 0 {
        return Err(PyErr::raise(exc::ZERO_DIVISION_ERROR, pyver::INT_MOD_ZERO));
    }
    if b == -1 {
        return Ok(0);
    }
    let r = a % b;
    if r != 0 && ((r < 0) != (b < 0)) {
        Ok(r + b)
    } else {
        Ok(r)
    }
}

/// `divmod(a, b)`.
#[inline]
pub fn divmod(a: i64, b: i64) -> PyResult<(i64, i64)> {
    if b == 0 {
        return Err(PyErr::raise(exc::ZERO_DIVISION_ERROR, pyver::INT_DIVMOD_ZERO));
    }
    if b == -1 {
        return Ok((neg(a)?, 0));
    }
    let q = a / b;
    let r = a % b;
    if r != 0 && ((r < 0) != (b < 0)) {
        Ok((q - 1, r + b))
    } else {
        Ok((q, r))
    }
}

const TWO_POW_53: u64 = 1 << 53;

/// `a / b`, correctly rounded like CPython's `long_true_divide`.
///
/// When both operands have at most 53 bits CPython divides the two exact
/// floats; otherwise it computes the correctly rounded quotient.  For i64
/// operands that is done here exactly with u128 arithmetic (the quotient is
/// always between 2**-63 and 2**63: no overflow, no subnormals).
#[inline]
pub fn truediv(a: i64, b: i64) -> PyResult<f64> {
    if b == 0 {
        return Err(PyErr::raise(exc::ZERO_DIVISION_ERROR, pyver::INT_TRUEDIV_ZERO));
    }
    let ua = a.unsigned_abs();
    let ub = b.unsigned_abs();
    if ua <= TWO_POW_53 && ub <= TWO_POW_53 {
        return Ok(a as f64 / b as f64);
    }
    Ok(truediv_wide(a, b, ua, ub))
}

#[inline(never)]
fn truediv_wide(a: i64, b: i64, ua: u64, ub: u64) -> f64 {
    let negative = (a < 0) != (b < 0);
    if ua == 0 {
        return if negative { -0.0 } else { 0.0 };
    }
    let n = ua as u128;
    // Put the dividend's top bit at bit 126: the quotient then has at least
    // 64 significant bits, enough for 53 + guard bits + a sticky bit.
    let shift = n.leading_zeros() - 1;
    let n = n << shift;
    let d = ub as u128;
    let mut q = n / d;
    if n % d != 0 {
        q |= 1; // sticky: breaks false ties, below the rounding position
    }
    // u128 -> f64 rounds to nearest, ties to even; the scaling is exact.
    let scale = f64::from_bits((1023 - shift as u64) << 52);
    let mag = (q as f64) * scale;
    if negative {
        -mag
    } else {
        mag
    }
}

/// `a ** b` for `b >= 0` (int result).  A negative `b` is the caller's job
/// (see [`pow_neg`]); it bails here rather than guessing.
#[inline]
pub fn pow(a: i64, b: i64) -> PyResult<i64> {
    if b < 0 {
        return Err(PyErr::Bail(bail::UNSUPPORTED));
    }
    if b == 0 {
        return Ok(1);
    }
    match a {
        0 | 1 => return Ok(a),
        -1 => return Ok(if b & 1 == 1 { -1 } else { 1 }),
        _ => {}
    }
    // |a| >= 2: anything from 2**64 on is out of range.
    if b >= 64 {
        return Err(overflow());
    }
    // Square-and-multiply.  Every intermediate square is at most |a|**b in
    // magnitude, so it only overflows when the result does.
    let mut acc: i64 = 1;
    let mut base = a;
    let mut e = b;
    loop {
        if e & 1 == 1 {
            acc = acc.checked_mul(base).ok_or_else(overflow)?;
        }
        e >>= 1;
        if e == 0 {
            return Ok(acc);
        }
        base = base.checked_mul(base).ok_or_else(overflow)?;
    }
}

/// `a ** b` for `b < 0`: CPython converts both to float and uses float pow,
/// so `0 ** -1` raises ZeroDivisionError.  A non-negative `b` bails.
#[inline]
pub fn pow_neg(a: i64, b: i64) -> PyResult<f64> {
    if b >= 0 {
        return Err(PyErr::Bail(bail::UNSUPPORTED));
    }
    float::pow_with_msg(a as f64, b as f64, pyver::INT_POW_ZERO_NEG)
}

/// `a << b`.
#[inline]
pub fn lshift(a: i64, b: i64) -> PyResult<i64> {
    if b < 0 {
        return Err(PyErr::raise(exc::VALUE_ERROR, pyver::INT_LSHIFT_NEG));
    }
    if a == 0 {
        return Ok(0);
    }
    if b >= 64 {
        return Err(overflow());
    }
    let r = a.wrapping_shl(b as u32);
    if r.wrapping_shr(b as u32) != a {
        return Err(overflow());
    }
    Ok(r)
}

/// `a >> b` (floor: arithmetic shift).
#[inline]
pub fn rshift(a: i64, b: i64) -> PyResult<i64> {
    if b < 0 {
        return Err(PyErr::raise(exc::VALUE_ERROR, pyver::INT_RSHIFT_NEG));
    }
    if b >= 64 {
        return Ok(if a < 0 { -1 } else { 0 });
    }
    Ok(a.wrapping_shr(b as u32))
}

/// `int(f)` for a float: truncation towards zero.
#[inline]
pub fn from_f64(f: f64) -> PyResult<i64> {
    if f.is_nan() {
        return Err(PyErr::raise(exc::VALUE_ERROR, pyver::INT_FROM_NAN));
    }
    if f.is_infinite() {
        return Err(PyErr::raise(exc::OVERFLOW_ERROR, pyver::INT_FROM_INF));
    }
    // [-2**63, 2**63): every float in it truncates into i64.
    if (-9223372036854775808.0..9223372036854775808.0).contains(&f) {
        Ok(f as i64)
    } else {
        Err(overflow())
    }
}
