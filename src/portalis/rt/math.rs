//! The `math` functions (and `round`, `pow(a, b, m)`) whose CPython results
//! can be reproduced exactly. Transcendental functions are not here on
//! purpose: CPython calls the platform libm, and its last bits differ.

use crate::err::{bail, exc, PyErr, PyResult};
use crate::int;
use crate::pyver;

fn domain() -> PyErr {
    PyErr::raise(exc::VALUE_ERROR, pyver::MATH_DOMAIN)
}

pub fn floor(x: f64) -> PyResult<i64> {
    int::from_f64(x.floor())
}

pub fn ceil(x: f64) -> PyResult<i64> {
    int::from_f64(x.ceil())
}

pub fn trunc(x: f64) -> PyResult<i64> {
    int::from_f64(x)
}

pub fn sqrt(x: f64) -> PyResult<f64> {
    if x < 0.0 {
        return Err(domain());
    }
    Ok(x.sqrt())
}

pub fn fmod(x: f64, y: f64) -> PyResult<f64> {
    if y.is_infinite() && x.is_finite() {
        return Ok(x);
    }
    if (y == 0.0 || x.is_infinite()) && !x.is_nan() && !y.is_nan() {
        return Err(domain());
    }
    Ok(x % y)
}

pub fn isqrt(n: i64) -> PyResult<i64> {
    if n < 0 {
        return Err(PyErr::raise(exc::VALUE_ERROR, pyver::ISQRT_NEG));
    }
    let mut r = (n as f64).sqrt() as i64;
    while r > 0 && (r as i128) * (r as i128) > n as i128 {
        r -= 1;
    }
    while ((r + 1) as i128) * ((r + 1) as i128) <= n as i128 {
        r += 1;
    }
    Ok(r)
}

fn gcd2(a: i64, b: i64) -> PyResult<i64> {
    let (mut x, mut y) = (a.unsigned_abs(), b.unsigned_abs());
    while y != 0 {
        let t = x % y;
        x = y;
        y = t;
    }
    if x > i64::MAX as u64 {
        return Err(PyErr::bail(bail::OVERFLOW));
    }
    Ok(x as i64)
}

pub fn gcd(items: &[i64]) -> PyResult<i64> {
    let mut g: i64 = 0;
    for v in items {
        g = gcd2(g, *v)?;
    }
    Ok(g)
}

pub fn lcm(items: &[i64]) -> PyResult<i64> {
    let mut l: i64 = 1;
    for v in items {
        if *v == 0 || l == 0 {
            l = 0;
            continue;
        }
        let g = gcd2(l, *v)?;
        let m = int::mul(l / g, *v)?;
        l = int::abs(m)?;
    }
    Ok(l)
}

pub fn factorial(n: i64) -> PyResult<i64> {
    if n < 0 {
        return Err(PyErr::raise(exc::VALUE_ERROR, pyver::FACTORIAL_NEG));
    }
    let mut acc: i64 = 1;
    let mut k: i64 = 2;
    while k <= n {
        acc = int::mul(acc, k)?;
        k += 1;
    }
    Ok(acc)
}

fn check_nk(n: i64, k: i64) -> PyResult<()> {
    if n < 0 {
        return Err(PyErr::raise(exc::VALUE_ERROR, pyver::COMB_N_NEG));
    }
    if k < 0 {
        return Err(PyErr::raise(exc::VALUE_ERROR, pyver::COMB_K_NEG));
    }
    Ok(())
}

pub fn perm(n: i64, k: i64) -> PyResult<i64> {
    check_nk(n, k)?;
    if k > n {
        return Ok(0);
    }
    let mut acc: i64 = 1;
    let mut i: i64 = 0;
    while i < k {
        acc = int::mul(acc, n - i)?;
        i += 1;
    }
    Ok(acc)
}

pub fn comb(n: i64, k: i64) -> PyResult<i64> {
    check_nk(n, k)?;
    if k > n {
        return Ok(0);
    }
    let k = if k > n - k { n - k } else { k };
    // Multiply then divide at each step: every intermediate is a binomial
    // coefficient times a small factor, exact in 128 bits until it overflows.
    let mut acc: i128 = 1;
    let mut i: i64 = 0;
    while i < k {
        acc = match acc.checked_mul((n - i) as i128) {
            Some(v) => v / ((i + 1) as i128),
            None => return Err(PyErr::bail(bail::OVERFLOW)),
        };
        if acc > i64::MAX as i128 {
            return Err(PyErr::bail(bail::OVERFLOW));
        }
        i += 1;
    }
    Ok(acc as i64)
}

/// `round(x)` for a float: half to even, then int() (OverflowError/ValueError
/// for inf/nan exactly as CPython).
pub fn round_float(x: f64) -> PyResult<i64> {
    let mut r = x.round();
    if (x - r).abs() == 0.5 {
        r = 2.0 * (x / 2.0).round();
    }
    int::from_f64(r)
}

/// `round(x, n)` for a float: the correctly rounded decimal (ties to even on
/// the exact binary value), read back as the nearest float, as CPython does.
pub fn round_float_digits(x: f64, n: i64) -> PyResult<f64> {
    if !x.is_finite() || n > 323 {
        return Ok(x);
    }
    if n < 0 {
        return Err(PyErr::bail(bail::UNSUPPORTED));
    }
    let text = crate::fmt::format_float(x, &format!(".{}f", n))?;
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(PyErr::bail(bail::UNSUPPORTED)),
    }
}

/// `round(i, n)` for an int.
pub fn round_int_digits(i: i64, n: i64) -> PyResult<i64> {
    if n >= 0 {
        return Ok(i);
    }
    if n < -18 {
        return Err(PyErr::bail(bail::UNSUPPORTED));
    }
    let p = 10i128.pow((-n) as u32);
    let v = i as i128;
    let q = v.div_euclid(p);
    let r = v.rem_euclid(p);
    let twice = 2 * r;
    let q = if twice > p || (twice == p && q % 2 != 0) { q + 1 } else { q };
    let out = q * p;
    if out > i64::MAX as i128 || out < i64::MIN as i128 {
        return Err(PyErr::bail(bail::OVERFLOW));
    }
    Ok(out as i64)
}

/// `pow(base, exp, m)` on ints.
pub fn pow_mod(base: i64, exp: i64, m: i64) -> PyResult<i64> {
    if m == 0 {
        return Err(PyErr::raise(exc::VALUE_ERROR, pyver::POW_MOD_ZERO));
    }
    if exp < 0 {
        return Err(PyErr::bail(bail::UNSUPPORTED)); // modular inverse
    }
    let mm = (m as i128).abs();
    let mut result: i128 = 1 % mm;
    let mut b = (base as i128).rem_euclid(mm);
    let mut e = exp as u64;
    while e > 0 {
        if e & 1 == 1 {
            result = result * b % mm;
        }
        b = b * b % mm;
        e >>= 1;
    }
    // CPython's result has the sign of the modulus.
    if m < 0 && result != 0 {
        result -= mm;
    }
    Ok(result as i64)
}

/// `int(s)` for a str (base 10): ASCII exactly as CPython parses it (surrounding
/// whitespace, one sign, digits with single underscores between them);
/// anything non-ASCII, and values beyond i64, re-run in CPython.
pub fn int_from_str(s: &crate::str::PyStr) -> PyResult<i64> {
    let text = s.as_str();
    if !text.is_ascii() {
        return Err(PyErr::bail(bail::UNSUPPORTED));
    }
    // C isspace (not str.isspace: \x1c-\x1f are not stripped by int()).
    let is_space = |c: char| c == ' ' || ('\t'..='\r').contains(&c);
    let body = text.trim_matches(is_space);
    let (negative, digits) = match body.as_bytes().first() {
        Some(b'-') => (true, &body[1..]),
        Some(b'+') => (false, &body[1..]),
        _ => (false, body),
    };
    let bytes = digits.as_bytes();
    let valid = !bytes.is_empty()
        && bytes[0].is_ascii_digit()
        && bytes[bytes.len() - 1].is_ascii_digit()
        && bytes.iter().all(|b| b.is_ascii_digit() || *b == b'_')
        && !digits.contains("__");
    if !valid {
        if !pyver::INT_PARSE_OK {
            return Err(PyErr::bail(bail::UNSUPPORTED));
        }
        let shown = crate::fmt::repr_str(s)?;
        let msg = format!("{}{}{}", pyver::INT_PARSE_PRE, shown, pyver::INT_PARSE_POST);
        return Err(PyErr::raise(exc::VALUE_ERROR, &msg));
    }
    let mut value: i64 = 0;
    for b in bytes.iter().filter(|b| **b != b'_') {
        let d = (b - b'0') as i64;
        value = match value.checked_mul(10).and_then(|v| {
            if negative { v.checked_sub(d) } else { v.checked_add(d) }
        }) {
            Some(v) => v,
            None => return Err(PyErr::bail(bail::OVERFLOW)),
        };
    }
    Ok(value)
}

/// The digits of `text` in `base` (2..=36) with CPython's underscore rule (one
/// `_` only between two digits), or None when that is not what `text` is.
fn digits_value(text: &str, base: u32, negative: bool) -> Option<PyResult<i64>> {
    let bytes = text.as_bytes();
    let digit = |b: u8| (b as char).to_digit(base);
    if bytes.is_empty()
        || digit(bytes[0]).is_none()
        || digit(bytes[bytes.len() - 1]).is_none()
        || text.contains("__")
        || !bytes.iter().all(|b| *b == b'_' || digit(*b).is_some())
    {
        return None;
    }
    let mut value: i64 = 0;
    for b in bytes.iter().filter(|b| **b != b'_') {
        let d = digit(*b).unwrap() as i64;
        let next = value.checked_mul(base as i64).and_then(|v| {
            if negative {
                v.checked_sub(d)
            } else {
                v.checked_add(d)
            }
        });
        value = match next {
            Some(v) => v,
            None => return Some(Err(PyErr::bail(bail::OVERFLOW))),
        };
    }
    Some(Ok(value))
}

/// `int(s, base)` for a str: the valid ASCII spellings exactly as CPython's
/// `PyLong_FromString` reads them (C whitespace around, one sign, the
/// `0x`/`0o`/`0b` prefix that matches the base, or picks it for base 0, an
/// optional `_` after the prefix, underscores between digits; base 0 refuses
/// leading zeros in a non-zero decimal). Everything CPython rejects, bases
/// outside 2..=36 and 0, non-ASCII text and values beyond i64 re-run in
/// CPython, which raises or computes exactly.
pub fn int_from_str_base(s: &crate::str::PyStr, base: i64) -> PyResult<i64> {
    let text = s.as_str();
    if !text.is_ascii() || !(base == 0 || (2..=36).contains(&base)) {
        return Err(PyErr::bail(bail::UNSUPPORTED));
    }
    let is_space = |c: char| c == ' ' || ('\t'..='\r').contains(&c);
    let body = text.trim_matches(is_space);
    let (negative, mut rest) = match body.as_bytes().first() {
        Some(b'-') => (true, &body[1..]),
        Some(b'+') => (false, &body[1..]),
        _ => (false, body),
    };
    let mut base = base as u32;
    let b = rest.as_bytes();
    let prefix = if b.len() >= 2 && b[0] == b'0' {
        match b[1] | 0x20 {
            b'x' => 16,
            b'o' => 8,
            b'b' => 2,
            _ => 0,
        }
    } else {
        0
    };
    let mut zero_rule = false;
    if prefix != 0 && (base == 0 || base == prefix) {
        base = prefix;
        rest = &rest[2..];
        if rest.starts_with('_') {
            rest = &rest[1..];
        }
    } else if base == 0 {
        base = 10;
        zero_rule = b.first() == Some(&b'0');
    }
    match digits_value(rest, base, negative) {
        Some(Ok(v)) if zero_rule && v != 0 => Err(PyErr::bail(bail::UNSUPPORTED)),
        Some(result) => result,
        None => Err(PyErr::bail(bail::UNSUPPORTED)),
    }
}
