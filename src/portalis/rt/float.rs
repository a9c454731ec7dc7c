//! Python `float` operations, transcribed from CPython's
//! Objects/floatobject.c (float_div, float_rem, _float_div_mod,
//! float_floor_div, float_divmod, float_pow).
//!
//! Where CPython would return a complex number the call bails with
//! `UNSUPPORTED`; where it raises OverflowError from `errno == ERANGE` it
//! bails with `OVERFLOW` (CPython's own message includes the C library's
//! strerror text, so the re-run gives the exact exception).

use crate::err::{bail, exc, PyErr, PyResult};
use crate::pyver;

/// `float(i)`: round to nearest, ties to even (what `PyLong_AsDouble` does).
#[inline]
pub fn from_i64(i: i64) -> f64 {
    i as f64
}

/// `a / b`.
#[inline]
pub fn truediv(a: f64, b: f64) -> PyResult<f64> {
    if b == 0.0 {
        return Err(PyErr::raise(exc::ZERO_DIVISION_ERROR, pyver::FLOAT_TRUEDIV_ZERO));
    }
    Ok(a / b)
}

/// `a % b` (float_rem): the result has the sign of `b`.
#[inline]
pub fn modulo(a: f64, b: f64) -> PyResult<f64> {
    if b == 0.0 {
        return Err(PyErr::raise(exc::ZERO_DIVISION_ERROR, pyver::FLOAT_MOD_ZERO));
    }
    let mut m = a % b; // fmod: exact
    if m != 0.0 || m.is_nan() {
        // C's `if (mod)` is true for NaN too.
        if (b < 0.0) != (m < 0.0) {
            m += b;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    Ok(m)
}

/// CPython's `_float_div_mod` (b != 0): (floordiv, mod).
#[inline]
fn div_mod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 || m.is_nan() {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 || div.is_nan() {
        // snap the quotient to the nearest integral value
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        // zero, with the sign of the true quotient
        0.0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

/// `a // b`.
#[inline]
pub fn floordiv(a: f64, b: f64) -> PyResult<f64> {
    if b == 0.0 {
        return Err(PyErr::raise(exc::ZERO_DIVISION_ERROR, pyver::FLOAT_FLOORDIV_ZERO));
    }
    Ok(div_mod(a, b).0)
}

/// `divmod(a, b)`.
#[inline]
pub fn divmod(a: f64, b: f64) -> PyResult<(f64, f64)> {
    if b == 0.0 {
        return Err(PyErr::raise(exc::ZERO_DIVISION_ERROR, pyver::FLOAT_DIVMOD_ZERO));
    }
    Ok(div_mod(a, b))
}

/// `DOUBLE_IS_ODD_INTEGER(x)`, for finite x.
#[inline]
fn is_odd_integer(x: f64) -> bool {
    x.abs() % 2.0 == 1.0
}

/// `a ** b` (float_pow).
#[inline]
pub fn pow(a: f64, b: f64) -> PyResult<f64> {
    pow_with_msg(a, b, pyver::FLOAT_POW_ZERO_NEG)
}

/// float_pow, with the ZeroDivisionError message of the caller (int ** negative
/// int reaches float_pow too, and is probed separately).
pub(crate) fn pow_with_msg(iv: f64, iw: f64, zero_neg_msg: &str) -> PyResult<f64> {
    if iw == 0.0 {
        return Ok(1.0); // v**0 is 1, even 0**0 and nan**0
    }
    if iv.is_nan() {
        return Ok(iv);
    }
    if iw.is_nan() {
        return Ok(if iv == 1.0 { 1.0 } else { iw });
    }
    if iw.is_infinite() {
        let av = iv.abs();
        if av == 1.0 {
            return Ok(1.0);
        } else if (iw > 0.0) == (av > 1.0) {
            return Ok(iw.abs()); // inf
        } else {
            return Ok(0.0);
        }
    }
    if iv.is_infinite() {
        let odd = is_odd_integer(iw);
        if iw > 0.0 {
            return Ok(if odd { iv } else { iv.abs() });
        } else {
            return Ok(if odd { 0.0f64.copysign(iv) } else { 0.0 });
        }
    }
    if iv == 0.0 {
        let odd = is_odd_integer(iw);
        if iw < 0.0 {
            return Err(PyErr::raise(exc::ZERO_DIVISION_ERROR, zero_neg_msg));
        }
        return Ok(if odd { iv } else { 0.0 });
    }
    let mut base = iv;
    let mut negate = false;
    if base < 0.0 {
        if iw != iw.floor() {
            // CPython returns a complex number.
            return Err(PyErr::Bail(bail::UNSUPPORTED));
        }
        base = -base;
        negate = is_odd_integer(iw);
    }
    if base == 1.0 {
        return Ok(if negate { -1.0 } else { 1.0 });
    }
    // base finite, positive, != 1; iw finite, nonzero: CPython calls the
    // platform pow here.  See `pow_pos`.
    let ix = pow_pos(base, iw)?;
    Ok(if negate { -ix } else { ix })
}

// ---------------------------------------------------------------------------
// The platform pow, reproduced by certification.
//
// CPython's result here is whatever the C library's pow returns, and libms
// differ in the last bit near rounding midpoints (the wasm libm disagrees
// with glibc 2.36 on about 0.06% of random inputs).  glibc 2.28 and later
// (its pow comes from Arm's optimized-routines) documents a worst-case error of 0.54 ULP for pow:
// 0.509/0.511 ULP for the final exp step plus a log error of
// 1.3/1.5 * 2**-68 relative, which costs |y*ln(x)| * 1.5 * 2**-15 ULP.  So
// its result is the correctly rounded x**y whenever x**y lies farther than
// that excess from the midpoint between two doubles.
//
// `pow_pos` computes x**y in double-double arithmetic (relative error below
// |y ln x| * 2**-70 + 2**-78), rounds it, and returns the rounded value only
// when the distance to the nearest midpoint exceeds
// `POW_CERT_ULP + |y ln x| * POW_CERT_ULP_PER_T` ULP (glibc's bound, with a
// 1.5x safety factor on its excess, plus this code's own error).  Otherwise
// the call bails and CPython computes it.  Where the C library is not known
// to meet that bound (`pyver::POW_CERTIFIED_LIBM` false: not glibc), every
// call that reaches the platform pow bails.

/// Fixed part of the certification margin, in ULP (> 0.011 * 1.5).
const POW_CERT_ULP: f64 = 0.017;
/// Margin per unit of |y * ln(x)|, in ULP (> 1.5 * 1.5 * 2**-15 + 2**-16).
const POW_CERT_ULP_PER_T: f64 = 9e-5;

const TWO_POW_52_INV: f64 = 2.220446049250313e-16; // 2**-52

fn pow_pos(x: f64, y: f64) -> PyResult<f64> {
    if !pyver::POW_CERTIFIED_LIBM {
        return Err(PyErr::Bail(bail::UNSUPPORTED));
    }
    if y.abs() >= 18446744073709551616.0 {
        // |y| >= 2**64 and |ln x| >= 2**-53: |y ln x| >= 2048.
        return if (x > 1.0) == (y > 0.0) {
            Err(PyErr::Bail(bail::OVERFLOW)) // inf with ERANGE
        } else {
            Ok(0.0)
        };
    }
    let (m, e) = dd::frexp1(x);
    // An upper bound of |y * ln(x)|: |ln x| <= (|e| + 1) * ln 2.
    let t_bound = y.abs() * ((e.abs() + 1) as f64 * dd::LN2_H);
    let (mant, exp2, t_abs) = if y == y.trunc() && y.abs() <= 64.0 {
        let (p, pe) = dd::powi(m, e, y.abs() as u64);
        if y < 0.0 {
            let (q, qe) = dd::recip(p, pe);
            (q, qe, t_bound)
        } else {
            (p, pe, t_bound)
        }
    } else if y == 0.5 || y == -0.5 {
        let (r, re) = dd::sqrt(m, e);
        if y < 0.0 {
            let (q, qe) = dd::recip(r, re);
            (q, qe, t_bound)
        } else {
            (r, re, t_bound)
        }
    } else {
        let t = dd::ln(m, e).mul_f(y);
        if t.h > 1000.0 {
            // x**y > 2**1442: glibc returns inf with ERANGE.
            return Err(PyErr::Bail(bail::OVERFLOW));
        }
        if t.h < -1000.0 {
            // x**y < 2**-1442: glibc returns 0 (underflow is not an error).
            return Ok(0.0);
        }
        let (r, re) = dd::exp(t);
        (r, re, t.h.abs())
    };
    certify(mant, exp2, t_abs)
}

/// The correctly rounded value of `mant * 2**exp2` (`mant` in [1, 2)) when
/// it is far enough from a rounding midpoint for glibc to agree.
#[allow(clippy::neg_cmp_op_on_partial_ord)] // NaN must fail the test
fn certify(mant: dd::DD, exp2: i64, t_abs: f64) -> PyResult<f64> {
    let mut m = dd::two_sum(mant.h, mant.l);
    let mut e = exp2;
    if m.h >= 2.0 {
        m = dd::DD { h: m.h * 0.5, l: m.l * 0.5 };
        e += 1;
    }
    if m.h < 1.0 {
        m = dd::DD { h: m.h * 2.0, l: m.l * 2.0 };
        e -= 1;
    }
    // m.h in [1, 2), m.h = RN(m.h + m.l).  Spacing of doubles above m.h is
    // 2**-52, below it 2**-52 too, except 2**-53 below 1.0.
    let spacing = if m.l < 0.0 && m.h == 1.0 { 0.5 * TWO_POW_52_INV } else { TWO_POW_52_INV };
    let gap = 0.5 * spacing - m.l.abs();
    let margin = (POW_CERT_ULP + t_abs * POW_CERT_ULP_PER_T) * TWO_POW_52_INV;
    if !(gap > margin) {
        return Err(PyErr::Bail(bail::UNSUPPORTED));
    }
    if e > 1023 {
        // Correctly rounded to infinity: glibc reports ERANGE, CPython raises
        // OverflowError with the C library's message.
        return Err(PyErr::Bail(bail::OVERFLOW));
    }
    if e < -1022 {
        if e < -1080 {
            // Far below half the smallest subnormal: glibc returns 0.
            return Ok(0.0);
        }
        // Subnormal results are not certified.
        return Err(PyErr::Bail(bail::UNSUPPORTED));
    }
    Ok(m.h * dd::pow2(e))
}

/// Double-double arithmetic (no FMA: Dekker products), enough for ~100 bits.
mod dd {
    #[derive(Clone, Copy, Debug)]
    pub struct DD {
        pub h: f64,
        pub l: f64,
    }

    use std::f64::consts::{LN_2, LOG2_E, SQRT_2};

    /// ln 2 = LN2_H + LN2_L (to about 2**-107).
    pub const LN2_H: f64 = LN_2;
    pub const LN2_L: f64 = 2.3190468138462996e-17;
    const C3: DD = DD { h: 0.3333333333333333, l: 1.850371707708594e-17 };
    const C5: DD = DD { h: 0.2, l: -1.1102230246251566e-17 };
    const C7: DD = DD { h: 0.14285714285714285, l: 7.93016446160826e-18 };

    #[inline]
    pub fn two_sum(a: f64, b: f64) -> DD {
        let s = a + b;
        let bb = s - a;
        let e = (a - (s - bb)) + (b - bb);
        DD { h: s, l: e }
    }

    #[inline]
    fn fast_two_sum(a: f64, b: f64) -> DD {
        // requires |a| >= |b| (or a == 0)
        let s = a + b;
        DD { h: s, l: b - (s - a) }
    }

    #[inline]
    fn split(a: f64) -> (f64, f64) {
        let c = 134217729.0 * a; // 2**27 + 1
        let hi = c - (c - a);
        (hi, a - hi)
    }

    #[inline]
    pub fn two_prod(a: f64, b: f64) -> DD {
        let p = a * b;
        let (ah, al) = split(a);
        let (bh, bl) = split(b);
        let e = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
        DD { h: p, l: e }
    }

    impl DD {
        #[inline]
        pub fn from(h: f64) -> DD {
            DD { h, l: 0.0 }
        }

        #[inline]
        pub fn neg(self) -> DD {
            DD { h: -self.h, l: -self.l }
        }

        #[inline]
        pub fn add(self, o: DD) -> DD {
            let s = two_sum(self.h, o.h);
            let t = two_sum(self.l, o.l);
            let u = two_sum(s.h, s.l + t.h);
            fast_two_sum(u.h, u.l + t.l)
        }

        #[inline]
        pub fn add_f(self, b: f64) -> DD {
            let s = two_sum(self.h, b);
            fast_two_sum(s.h, s.l + self.l)
        }

        #[inline]
        pub fn mul(self, o: DD) -> DD {
            let p = two_prod(self.h, o.h);
            fast_two_sum(p.h, p.l + (self.h * o.l + self.l * o.h))
        }

        #[inline]
        pub fn mul_f(self, b: f64) -> DD {
            let p = two_prod(self.h, b);
            fast_two_sum(p.h, p.l + self.l * b)
        }

        pub fn div(self, o: DD) -> DD {
            let q1 = self.h / o.h;
            let r = self.add(o.mul_f(q1).neg());
            let q2 = r.h / o.h;
            let r = r.add(o.mul_f(q2).neg());
            let q3 = r.h / o.h;
            fast_two_sum(q1, q2).add_f(q3)
        }
    }

    /// 2**k for -1022 <= k <= 1023.
    #[inline]
    pub fn pow2(k: i64) -> f64 {
        f64::from_bits(((k + 1023) as u64) << 52)
    }

    /// x = m * 2**e with m in [1, 2), for finite x > 0 (subnormals too).
    pub fn frexp1(x: f64) -> (f64, i64) {
        const MANT: u64 = 0x000f_ffff_ffff_ffff;
        const ONE: u64 = 0x3ff0_0000_0000_0000;
        let bits = x.to_bits();
        let be = ((bits >> 52) & 0x7ff) as i64;
        if be == 0 {
            let y = x * 18014398509481984.0; // 2**54
            let b = y.to_bits();
            let ye = ((b >> 52) & 0x7ff) as i64;
            (f64::from_bits((b & MANT) | ONE), ye - 1023 - 54)
        } else {
            (f64::from_bits((bits & MANT) | ONE), be - 1023)
        }
    }

    /// Keeps a mantissa in [1, 2) (from [1, 4)).
    #[inline]
    fn norm(x: DD, e: i64) -> (DD, i64) {
        if x.h >= 2.0 {
            (DD { h: x.h * 0.5, l: x.l * 0.5 }, e + 1)
        } else {
            (x, e)
        }
    }

    /// (m * 2**e) ** n, n >= 1, as mantissa in [1, 2) and exponent.
    pub fn powi(m: f64, e: i64, n: u64) -> (DD, i64) {
        let mut acc = DD::from(1.0);
        let mut acc_e = 0i64;
        let mut b = DD::from(m);
        let mut b_e = e;
        let mut n = n;
        loop {
            if n & 1 == 1 {
                let (a, ae) = norm(acc.mul(b), acc_e + b_e);
                acc = a;
                acc_e = ae;
            }
            n >>= 1;
            if n == 0 {
                return (acc, acc_e);
            }
            let (s, se) = norm(b.mul(b), 2 * b_e);
            b = s;
            b_e = se;
        }
    }

    /// 1 / (p * 2**e), p in [1, 2): mantissa in [1, 2) and exponent.
    pub fn recip(p: DD, e: i64) -> (DD, i64) {
        let q = DD::from(1.0).div(p);
        if q.h < 1.0 {
            (DD { h: q.h * 2.0, l: q.l * 2.0 }, -e - 1)
        } else {
            (q, -e)
        }
    }

    /// sqrt(m * 2**e), m in [1, 2): mantissa in [1, 2) and exponent.
    pub fn sqrt(m: f64, e: i64) -> (DD, i64) {
        let (m, e) = if e & 1 != 0 { (m * 2.0, e - 1) } else { (m, e) };
        let s = m.sqrt();
        let p = two_prod(s, s);
        let r = (m - p.h) - p.l;
        (fast_two_sum(s, r / (2.0 * s)), e / 2)
    }

    /// ln(m * 2**e), m in [1, 2), relative error below 2**-72.
    pub fn ln(m: f64, e: i64) -> DD {
        let (m, e) = if m > SQRT_2 { (m * 0.5, e + 1) } else { (m, e) };
        // ln m = 2 atanh(s) = 2s (1 + u/3 + u^2/5 + ...), s = (m-1)/(m+1), u = s^2,
        // |s| <= 0.1716, u <= 0.0295: terms up to u^13/27.
        let f = m - 1.0; // exact (Sterbenz)
        let s = DD::from(f).div(two_sum(m, 1.0));
        let u = s.mul(s);
        let uh = u.h;
        let w3 = uh
            * (1.0 / 9.0
                + uh * (1.0 / 11.0
                    + uh * (1.0 / 13.0
                        + uh * (1.0 / 15.0
                            + uh * (1.0 / 17.0
                                + uh * (1.0 / 19.0
                                    + uh * (1.0 / 21.0
                                        + uh * (1.0 / 23.0
                                            + uh * (1.0 / 25.0 + uh * (1.0 / 27.0))))))))));
        let q = C3.add(u.mul(C5.add(u.mul(C7.add_f(w3)))));
        let s2 = DD { h: 2.0 * s.h, l: 2.0 * s.l };
        let lnm = s2.add(s2.mul(u.mul(q)));
        let ef = e as f64;
        let eln2 = {
            let p = two_prod(ef, LN2_H);
            fast_two_sum(p.h, p.l + ef * LN2_L)
        };
        eln2.add(lnm)
    }

    /// exp(t) for |t| <= 1000, as mantissa (in [0.7, 1.5]) and exponent.
    pub fn exp(t: DD) -> (DD, i64) {
        let k = (t.h * LOG2_E).round();
        let kln2 = {
            let p = two_prod(k, LN2_H);
            fast_two_sum(p.h, p.l + k * LN2_L)
        };
        let r = t.add(kln2.neg()); // |r| <= 0.35
        // expm1(s), s = r / 2**10, then (1 + E)**2 - 1 = 2E + E^2, ten times.
        let s = DD { h: r.h * (1.0 / 1024.0), l: r.l * (1.0 / 1024.0) };
        let sh = s.h;
        let sq = two_prod(sh, sh);
        let half_s2 = DD { h: sq.h * 0.5, l: (sq.l + 2.0 * sh * s.l) * 0.5 };
        let p = 1.0 / 6.0 + sh * (1.0 / 24.0 + sh * (1.0 / 120.0 + sh * (1.0 / 720.0)));
        let mut em1 = s.add(half_s2).add_f(sq.h * sh * p);
        for _ in 0..10 {
            em1 = DD { h: 2.0 * em1.h, l: 2.0 * em1.l }.add(em1.mul(em1));
        }
        (em1.add_f(1.0), k as i64)
    }
}

/// Whether `s` is digits with single underscores between them (CPython's rule).
fn digit_run(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_digit()
        && b[b.len() - 1].is_ascii_digit()
        && !s.contains("__")
        && b.iter().all(|c| c.is_ascii_digit() || *c == b'_')
}

/// `float(s)` for a str. The ASCII spellings CPython accepts are read here:
/// whitespace (` \t\n\v\f\r`) around, one sign, `inf`/`infinity`/`nan` in
/// any case, or `digits[.digits][e[sign]digits]` (either side of the point
/// may be empty, not both) with underscores between digits. The value is
/// the correctly rounded one, as CPython's (Rust's parser rounds correctly
/// too). Anything else (an error, non-ASCII digits, other whitespace) re-runs
/// in CPython, which raises its own message or converts.
pub fn from_str(s: &crate::str::PyStr) -> PyResult<f64> {
    let text = s.as_str();
    let unsupported = || Err(PyErr::bail(bail::UNSUPPORTED));
    if !text.is_ascii() {
        return unsupported();
    }
    let body = text.trim_matches(|c: char| " \t\n\x0b\x0c\r".contains(c));
    let (negative, rest) = match body.as_bytes().first() {
        Some(b'-') => (true, &body[1..]),
        Some(b'+') => (false, &body[1..]),
        _ => (false, body),
    };
    let lower = rest.to_ascii_lowercase();
    let special = match lower.as_str() {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(v) = special {
        return Ok(if negative { -v } else { v });
    }
    let (mantissa, exponent) = match lower.find('e') {
        Some(i) => (&lower[..i], Some(&lower[i + 1..])),
        None => (lower.as_str(), None),
    };
    let (int_part, frac_part) = match mantissa.find('.') {
        Some(i) => (&mantissa[..i], Some(&mantissa[i + 1..])),
        None => (mantissa, None),
    };
    let int_ok = int_part.is_empty() || digit_run(int_part);
    let frac_ok = match frac_part {
        None => true,
        Some(f) => f.is_empty() || digit_run(f),
    };
    let some_digits = !int_part.is_empty() || frac_part.map_or(false, |f| !f.is_empty());
    let exp_ok = match exponent {
        None => true,
        Some(e) => {
            let e = e.strip_prefix('+').or_else(|| e.strip_prefix('-')).unwrap_or(e);
            digit_run(e)
        }
    };
    if !(int_ok && frac_ok && some_digits && exp_ok) {
        return unsupported();
    }
    let plain: String = lower.chars().filter(|c| *c != '_').collect();
    match plain.parse::<f64>() {
        Ok(v) => Ok(if negative { -v } else { v }),
        Err(_) => unsupported(),
    }
}

/// A float sort key (`sorted(xs, key=lambda x: x.weight)`). Without NaN,
/// floats are totally ordered by `<` (-0.0 and 0.0 tie, and the sort is
/// stable), which is the order CPython's sort and min/max see; a NaN key
/// bails instead, so CPython handles that call.
#[derive(Clone, Copy, PartialEq, PartialOrd)]
pub struct FKey(f64);

impl FKey {
    pub fn new(x: f64) -> PyResult<FKey> {
        if x.is_nan() {
            return Err(PyErr::bail(bail::UNSUPPORTED));
        }
        Ok(FKey(x))
    }
}

impl Eq for FKey {}

impl Ord for FKey {
    fn cmp(&self, other: &FKey) -> std::cmp::Ordering {
        // Never NaN (see `new`), so partial_cmp always answers.
        self.0.partial_cmp(&other.0).unwrap_or(std::cmp::Ordering::Equal)
    }
}
