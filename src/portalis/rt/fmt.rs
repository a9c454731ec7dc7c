//! `str()`, `repr()` and `format(value, spec)` of int, float, bool and str,
//! transcribed from CPython: Python/pystrtod.c (`format_float_short`,
//! `PyOS_double_to_string`), Python/formatter_unicode.c (the format-spec
//! mini-language) and Objects/unicodeobject.c (`unicode_repr`,
//! `_PyUnicode_InsertThousandsGrouping`).
//!
//! Float digits: the shortest round-trip digits (`repr`) come from Rust's
//! `{:e}` formatting, which produces the shortest digit string that rounds
//! back, the closest one to the exact value among those, as David Gay's
//! `dtoa` mode 0 does.  Every digit string with a precision (dtoa modes 2
//! and 3) is computed here from the exact decimal expansion of the double,
//! rounded half to even, so it does not depend on the Rust version's
//! formatter (Rust before 1.67 rounds `format!("{:.0}", 0.5)` to "1").
//!
//! Errors in a format spec are raised with CPython's messages, probed from
//! the running interpreter (pyver.rs), for the CPython versions whose checks
//! this file reproduces in order (3.10 to 3.13); on any other version every
//! spec error bails and CPython raises it.  Type `n` (locale-dependent)
//! always bails.

use crate::err::{bail, exc, PyErr, PyResult};
use crate::pyver;
use crate::str::PyStr;

/// The versions whose spec errors (order of checks included) this file
/// reproduces.
const ERRORS_VERIFIED: bool =
    pyver::PY_MAJOR == 3 && pyver::PY_MINOR >= 10 && pyver::PY_MINOR <= 13;
/// The `z` option (negative zero coercion) exists from 3.11 on.
const HAS_Z: bool = pyver::PY_MAJOR > 3 || pyver::PY_MINOR >= 11;
/// Widths and precisions beyond this bail (CPython builds the string, or
/// raises MemoryError).
const MAX_FMT: i64 = 1 << 24;

#[inline]
fn unsupported() -> PyErr {
    PyErr::bail(bail::UNSUPPORTED)
}

// ---------------------------------------------------------------------- str / repr

/// `str(i)`.
pub fn str_int(v: i64) -> String {
    v.to_string()
}

/// `repr(i)`.
pub fn repr_int(v: i64) -> String {
    v.to_string()
}

/// `str(b)` / `repr(b)`.
pub fn str_bool(b: bool) -> String {
    if b { "True" } else { "False" }.to_string()
}

/// `repr(b)`.
pub fn repr_bool(b: bool) -> String {
    str_bool(b)
}

/// `repr(x)`: the shortest string that rounds back to `x`, fixed notation
/// for 1e-4 <= |x| < 1e16 (with ".0" when integral), else `1e+16`.
pub fn repr_float(x: f64) -> String {
    double_to_string(x, b'r', 0, false, true, false)
}

/// `str(x)` (the same as `repr(x)` since Python 3.2).
pub fn str_float(x: f64) -> String {
    repr_float(x)
}

/// `repr(s)`.  Non-ASCII characters are kept when printable, which needs the
/// Unicode tables: a non-ASCII string bails.
pub fn repr_str(s: &PyStr) -> PyResult<String> {
    if !s.is_ascii() {
        return Err(unsupported());
    }
    let b = s.as_str().as_bytes();
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') { b'"' } else { b'\'' };
    let mut out = String::with_capacity(b.len() + 2);
    out.push(quote as char);
    for &c in b {
        if c == quote || c == b'\\' {
            out.push('\\');
            out.push(c as char);
        } else if c == b'\t' {
            out.push_str("\\t");
        } else if c == b'\n' {
            out.push_str("\\n");
        } else if c == b'\r' {
            out.push_str("\\r");
        } else if c < b' ' || c == 0x7f {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\x");
            out.push(HEX[(c >> 4) as usize] as char);
            out.push(HEX[(c & 15) as usize] as char);
        } else {
            out.push(c as char);
        }
    }
    out.push(quote as char);
    Ok(out)
}

// ---------------------------------------------------------------------- float digits

const BASE: u64 = 1_000_000_000;

/// `v *= k` for a little-endian base-1e9 natural number.
fn big_mul_small(v: &mut Vec<u32>, k: u32) {
    let mut carry: u64 = 0;
    for limb in v.iter_mut() {
        let t = (*limb as u64) * (k as u64) + carry;
        *limb = (t % BASE) as u32;
        carry = t / BASE;
    }
    while carry > 0 {
        v.push((carry % BASE) as u32);
        carry /= BASE;
    }
}

/// The decimal digits of a base-1e9 natural number (no leading zeros).
fn big_digits(v: &[u32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(v.len() * 9);
    let mut top = v.len();
    while top > 1 && v[top - 1] == 0 {
        top -= 1;
    }
    if top == 0 {
        out.push(b'0');
        return out;
    }
    out.extend_from_slice(v[top - 1].to_string().as_bytes());
    for i in (0..top - 1).rev() {
        let mut limb = v[i];
        let mut chunk = [b'0'; 9];
        for slot in chunk.iter_mut().rev() {
            *slot = b'0' + (limb % 10) as u8;
            limb /= 10;
        }
        out.extend_from_slice(&chunk);
    }
    out
}

/// The exact decimal expansion of |x| (finite, nonzero): `|x| = 0.D * 10**decpt`,
/// D without trailing zeros.
fn exact_digits(x: f64) -> (Vec<u8>, i64) {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mut m, mut e) =
        if biased == 0 { (frac, -1074i64) } else { (frac | (1u64 << 52), biased - 1075) };
    if m == 0 {
        return (b"0".to_vec(), 1);
    }
    if e < 0 {
        let tz = (m.trailing_zeros() as i64).min(-e);
        m >>= tz;
        e += tz;
    }
    let mut v: Vec<u32> =
        vec![(m % BASE) as u32, ((m / BASE) % BASE) as u32, (m / BASE / BASE) as u32];
    let decimal_shift = if e >= 0 {
        let mut k = e;
        while k > 0 {
            let s = k.min(31);
            big_mul_small(&mut v, 1u32 << s);
            k -= s;
        }
        0
    } else {
        // m * 2**e = m * 5**-e / 10**-e
        let mut k = -e;
        while k > 0 {
            let s = k.min(13);
            big_mul_small(&mut v, 5u32.pow(s as u32));
            k -= s;
        }
        e
    };
    let mut d = big_digits(&v);
    let decpt = d.len() as i64 + decimal_shift;
    while d.len() > 1 && d[d.len() - 1] == b'0' {
        d.pop();
    }
    (d, decpt)
}

/// Keep the first `keep` digits of `d` (value 0.d * 10**decpt), rounding
/// half to even on the exact digits; trailing zeros stripped.  An empty
/// result means zero.  `d` must be exact (no trailing zeros needed).
fn round_keep(d: &[u8], decpt: i64, keep: i64) -> (Vec<u8>, i64) {
    match round_keep_sticky(d, decpt, keep, false) {
        Some(r) => r,
        None => (Vec::new(), decpt), // unreachable: no sticky digits
    }
}

/// `round_keep` for digits `d` followed by more digits of which only
/// `sticky` (whether any is nonzero) is known.  `None` when that is not
/// enough to round (`keep` beyond `d` with something nonzero after it).
fn round_keep_sticky(d: &[u8], decpt: i64, keep: i64, sticky: bool) -> Option<(Vec<u8>, i64)> {
    if keep >= d.len() as i64 {
        if sticky {
            return None;
        }
        let mut out = d.to_vec();
        while out.last() == Some(&b'0') {
            out.pop();
        }
        return Some((out, decpt));
    }
    if keep < 0 {
        return Some((Vec::new(), decpt));
    }
    let k = keep as usize;
    let next = d[k];
    let nonzero_after = sticky || d[k + 1..].iter().any(|&c| c != b'0');
    let up =
        next > b'5' || (next == b'5' && (nonzero_after || (k > 0 && (d[k - 1] - b'0') % 2 == 1)));
    let mut out = d[..k].to_vec();
    let mut decpt = decpt;
    if up {
        let mut i = k;
        loop {
            if i == 0 {
                out.insert(0, b'1');
                decpt += 1;
                break;
            }
            i -= 1;
            if out[i] == b'9' {
                out[i] = b'0';
            } else {
                out[i] += 1;
                break;
            }
        }
    }
    while out.last() == Some(&b'0') {
        out.pop();
    }
    Some((out, decpt))
}

/// Fast path of the rounding modes, in u128 arithmetic: the digits of
/// `floor(|x| * 10**p)` (`|x| = 0.D... * 10**decpt`), and whether anything
/// nonzero was cut off.  An integral |x| gives its exact digits whatever
/// `p`.  `None` where u128 does not reach (the bignum path decides).
fn scaled_digits(x: f64, p: i64) -> Option<(Vec<u8>, i64, bool)> {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mut m, mut e) =
        if biased == 0 { (frac, -1074i64) } else { (frac | (1u64 << 52), biased - 1075) };
    if m == 0 {
        return None;
    }
    if e < 0 {
        let tz = (m.trailing_zeros() as i64).min(-e);
        m >>= tz;
        e += tz;
    }
    if e >= 0 {
        let (d, decpt) = small_exact_digits(x)?;
        return Some((d, decpt, false));
    }
    let k = -e; // |x| = m / 2**k
    let (q, sticky) = if p >= 0 {
        if p > 22 {
            return None;
        }
        let num = (m as u128) * 10u128.pow(p as u32); // < 2**127
        if k >= 127 {
            (0u128, true)
        } else {
            (num >> k, num & ((1u128 << k) - 1) != 0)
        }
    } else {
        if -p > 30 || k > 26 {
            return None;
        }
        let den = (1u128 << k) * 10u128.pow((-p) as u32); // < 2**126
        ((m as u128) / den, (m as u128) % den != 0)
    };
    if q == 0 {
        return Some((Vec::new(), -p, sticky));
    }
    let d = q.to_string().into_bytes();
    let decpt = d.len() as i64 - p;
    Some((d, decpt, sticky))
}

/// dtoa mode 2 by the fast path, or None.
fn sig_digits_fast(x: f64, ndigits: i64) -> Option<(Vec<u8>, i64)> {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    // floor(log2 |x|), then an estimate of the decimal point within one place
    let e2 = if biased == 0 { 63 - frac.leading_zeros() as i64 - 1074 } else { biased - 1023 };
    let d0 = ((e2 * 78913) >> 18) + 1;
    let (d, decpt, sticky) = scaled_digits(x, ndigits - d0 + 1)?;
    if d.is_empty() {
        return None;
    }
    round_keep_sticky(&d, decpt, ndigits, sticky)
}

/// dtoa mode 3 by the fast path, or None.
fn fixed_digits_fast(x: f64, ndigits: i64) -> Option<(Vec<u8>, i64)> {
    let (d, decpt, sticky) = scaled_digits(x, ndigits + 1)?;
    if d.is_empty() {
        // |x| < 10**-(ndigits + 1): rounds to zero
        return Some((Vec::new(), -ndigits));
    }
    let (out, p) = round_keep_sticky(&d, decpt, decpt + ndigits, sticky)?;
    Some(if out.is_empty() { (out, -ndigits) } else { (out, p) })
}

/// The exact decimal expansion of |x| (finite, nonzero) when it has at most
/// about 38 digits (`None` otherwise), as `exact_digits` gives it.
fn small_exact_digits(x: f64) -> Option<(Vec<u8>, i64)> {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mut m, mut e) =
        if biased == 0 { (frac, -1074i64) } else { (frac | (1u64 << 52), biased - 1075) };
    if m == 0 {
        return None;
    }
    if e < 0 {
        let tz = (m.trailing_zeros() as i64).min(-e);
        m >>= tz;
        e += tz;
    }
    let (n, shift) = if e >= 0 {
        if e > 70 {
            return None;
        }
        ((m as u128) << e, 0)
    } else {
        if -e > 27 {
            return None;
        }
        ((m as u128) * 5u128.pow((-e) as u32), e)
    };
    let mut d = n.to_string().into_bytes();
    let decpt = d.len() as i64 + shift;
    while d.len() > 1 && d[d.len() - 1] == b'0' {
        d.pop();
    }
    Some((d, decpt))
}

/// Whether the digits `0.d * 10**decpt` read back as |x|.
fn round_trips(x: f64, d: &[u8], decpt: i64) -> bool {
    let mut s = String::with_capacity(d.len() + 24);
    s.push_str("0.");
    s.push_str(std::str::from_utf8(d).unwrap_or("0"));
    s.push('e');
    s.push_str(&decpt.to_string());
    match s.parse::<f64>() {
        Ok(v) => v.to_bits() == x.abs().to_bits(),
        Err(_) => false,
    }
}

/// dtoa mode 0: shortest round-trip digits of |x| (finite).
///
/// Rust's shortest digits are the closest to x among the shortest strings
/// that read back as x; when two such strings are equally close (x lies
/// exactly halfway between them), dtoa takes the one whose last digit is
/// even and Rust may take the other, so that case is decided here.
fn shortest_digits(x: f64) -> (Vec<u8>, i64) {
    let s = format!("{:e}", x.abs());
    let (mant, exp) = match s.find('e') {
        Some(p) => (&s[..p], &s[p + 1..]),
        None => (&s[..], "0"),
    };
    let digits: Vec<u8> = mant.bytes().filter(|b| b.is_ascii_digit()).collect();
    let exp: i64 = exp.parse().unwrap_or(0);
    let decpt = exp + 1;
    let n = digits.len();
    if x == 0.0 {
        return (digits, decpt);
    }
    if let Some((exact, edecpt)) = small_exact_digits(x) {
        if exact.len() == n + 1 && exact[n] == b'5' {
            // A tie between exact[..n] and exact[..n] + 1 (in the last place).
            // round_keep breaks the tie to even, as dtoa does; when that
            // string does not read back as x, the other one (Rust's) is the
            // only candidate.
            let (even, even_dp) = round_keep(&exact, edecpt, n as i64);
            if round_trips(x, &even, even_dp) {
                return (even, even_dp);
            }
        }
    }
    (digits, decpt)
}

/// dtoa mode 2: `ndigits` (>= 1) significant digits.
fn sig_digits(x: f64, ndigits: i64) -> (Vec<u8>, i64) {
    if x == 0.0 {
        return (b"0".to_vec(), 1);
    }
    if let Some(r) = sig_digits_fast(x, ndigits) {
        return r;
    }
    let (d, decpt) = exact_digits(x);
    round_keep(&d, decpt, ndigits)
}

/// dtoa mode 3: digits through `ndigits` (>= 0) places after the point.
/// A result that rounds to zero is empty, with decpt = -ndigits.
fn fixed_digits(x: f64, ndigits: i64) -> (Vec<u8>, i64) {
    if x == 0.0 {
        return (b"0".to_vec(), 1);
    }
    if let Some(r) = fixed_digits_fast(x, ndigits) {
        return r;
    }
    let (d, decpt) = exact_digits(x);
    let (out, p) = round_keep(&d, decpt, decpt + ndigits);
    if out.is_empty() {
        (out, -ndigits)
    } else {
        (out, p)
    }
}

fn push_zeros(out: &mut String, n: i64) {
    for _ in 0..n.max(0) {
        out.push('0');
    }
}

/// `PyOS_double_to_string(val, code, precision, flags)` for codes
/// e E f F g G r, with `Py_DTSF_ALT`, `Py_DTSF_ADD_DOT_0`, `Py_DTSF_NO_NEG_0`.
fn double_to_string(
    val: f64,
    code: u8,
    precision: i64,
    alt: bool,
    add_dot_0: bool,
    no_neg_0: bool,
) -> String {
    let upper = code.is_ascii_uppercase();
    let code = code.to_ascii_lowercase();
    let (mode, precision) = match code {
        b'e' => (2, precision + 1),
        b'f' => (3, precision),
        b'g' => (2, if precision == 0 { 1 } else { precision }),
        _ => (0, 0),
    };
    if val.is_nan() {
        return if upper { "NAN" } else { "nan" }.to_string();
    }
    let mut neg = val.is_sign_negative();
    if val.is_infinite() {
        let mut s = String::from(if neg { "-" } else { "" });
        s.push_str(if upper { "INF" } else { "inf" });
        return s;
    }
    let (digits, decpt) = match mode {
        2 => sig_digits(val, precision),
        3 => fixed_digits(val, precision),
        _ => shortest_digits(val),
    };
    if no_neg_0 && neg && (digits.is_empty() || digits[..] == b"0"[..]) {
        neg = false;
    }
    let digits_len = digits.len() as i64;
    let mut decpt = decpt;
    let mut vdigits_end = digits_len;
    let mut use_exp = false;
    match code {
        b'e' => {
            use_exp = true;
            vdigits_end = precision;
        }
        b'f' => vdigits_end = decpt + precision,
        b'g' => {
            if decpt <= -4 || decpt > (if add_dot_0 { precision - 1 } else { precision }) {
                use_exp = true;
            }
            if alt {
                vdigits_end = precision;
            }
        }
        _ => {
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    if !use_exp && add_dot_0 {
        vdigits_end = vdigits_end.max(decpt + 1);
    } else {
        vdigits_end = vdigits_end.max(decpt);
    }

    let mut out = String::with_capacity((vdigits_end - vdigits_start + 8).max(0) as usize);
    if neg {
        out.push('-');
    }
    // zero padding on the left of the digits
    if decpt <= 0 {
        push_zeros(&mut out, decpt - vdigits_start);
        out.push('.');
        push_zeros(&mut out, -decpt);
    } else {
        push_zeros(&mut out, -vdigits_start);
    }
    // the digits, with the point inside them when it falls there
    let ds = std::str::from_utf8(&digits).unwrap_or("");
    if 0 < decpt && decpt <= digits_len {
        out.push_str(&ds[..decpt as usize]);
        out.push('.');
        out.push_str(&ds[decpt as usize..]);
    } else {
        out.push_str(ds);
    }
    // zeros on the right
    if digits_len < decpt {
        push_zeros(&mut out, decpt - digits_len);
        out.push('.');
        push_zeros(&mut out, vdigits_end - decpt);
    } else {
        push_zeros(&mut out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !alt {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        // "%+.02d"
        out.push(if exp < 0 { '-' } else { '+' });
        let a = exp.unsigned_abs();
        if a < 10 {
            out.push('0');
        }
        out.push_str(&a.to_string());
    }
    out
}

// ---------------------------------------------------------------------- format spec

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Sep {
    None,
    Comma,
    Under,
    UnderFour,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Int,
    Bool,
    Float,
    Str,
}

/// `InternalFormatSpec`.  `typ == '\0'` is "no type given".
#[derive(Clone, Copy, Debug)]
struct Spec {
    fill: char,
    align: char,
    alt: bool,
    no_neg_0: bool,
    sign: char,
    width: i64,
    sep: Sep,
    precision: i64,
    typ: char,
}

/// A spec error with a constant (probed) message.
fn spec_error(kind: u32, msg: &str) -> PyErr {
    if ERRORS_VERIFIED {
        PyErr::raise(kind, msg)
    } else {
        unsupported()
    }
}

/// A spec error whose probed message has one hole.
fn spec_error_tpl(ok: bool, pre: &str, mid: &str, post: &str) -> PyErr {
    if ERRORS_VERIFIED && ok {
        let mut msg = String::with_capacity(pre.len() + mid.len() + post.len());
        msg.push_str(pre);
        msg.push_str(mid);
        msg.push_str(post);
        PyErr::Raise { kind: exc::VALUE_ERROR, msg: Some(msg) }
    } else {
        unsupported()
    }
}

/// `'c'` for a code CPython prints with `%c` (32 < c < 128); others bail.
fn quoted_code(c: char) -> Option<String> {
    let v = c as u32;
    if v > 32 && v < 128 {
        let mut s = String::with_capacity(3);
        s.push('\'');
        s.push(c);
        s.push('\'');
        Some(s)
    } else {
        None
    }
}

fn unknown_code(c: char, kind: Kind) -> PyErr {
    let q = match quoted_code(c) {
        Some(q) => q,
        None => return unsupported(),
    };
    match kind {
        Kind::Int => spec_error_tpl(
            pyver::FMT_UNKNOWN_INT_OK,
            pyver::FMT_UNKNOWN_INT_PRE,
            &q,
            pyver::FMT_UNKNOWN_INT_POST,
        ),
        Kind::Bool => spec_error_tpl(
            pyver::FMT_UNKNOWN_BOOL_OK,
            pyver::FMT_UNKNOWN_BOOL_PRE,
            &q,
            pyver::FMT_UNKNOWN_BOOL_POST,
        ),
        Kind::Float => spec_error_tpl(
            pyver::FMT_UNKNOWN_FLOAT_OK,
            pyver::FMT_UNKNOWN_FLOAT_PRE,
            &q,
            pyver::FMT_UNKNOWN_FLOAT_POST,
        ),
        Kind::Str => spec_error_tpl(
            pyver::FMT_UNKNOWN_STR_OK,
            pyver::FMT_UNKNOWN_STR_PRE,
            &q,
            pyver::FMT_UNKNOWN_STR_POST,
        ),
    }
}

fn invalid_spec(spec: &str, kind: Kind) -> PyErr {
    let mut q = String::with_capacity(spec.len() + 2);
    q.push('\'');
    q.push_str(spec);
    q.push('\'');
    match kind {
        Kind::Int => spec_error_tpl(
            pyver::FMT_INVALID_INT_OK,
            pyver::FMT_INVALID_INT_PRE,
            &q,
            pyver::FMT_INVALID_INT_POST,
        ),
        Kind::Bool => spec_error_tpl(
            pyver::FMT_INVALID_BOOL_OK,
            pyver::FMT_INVALID_BOOL_PRE,
            &q,
            pyver::FMT_INVALID_BOOL_POST,
        ),
        Kind::Float => spec_error_tpl(
            pyver::FMT_INVALID_FLOAT_OK,
            pyver::FMT_INVALID_FLOAT_PRE,
            &q,
            pyver::FMT_INVALID_FLOAT_POST,
        ),
        Kind::Str => spec_error_tpl(
            pyver::FMT_INVALID_STR_OK,
            pyver::FMT_INVALID_STR_PRE,
            &q,
            pyver::FMT_INVALID_STR_POST,
        ),
    }
}

#[inline]
fn is_align(c: char) -> bool {
    matches!(c, '<' | '>' | '=' | '^')
}

/// `get_integer`: ASCII digits (the caller bailed on any other character)
/// -> (value, digits consumed).
fn get_integer(c: &[char], pos: &mut usize) -> PyResult<(i64, usize)> {
    let mut acc: i64 = 0;
    let mut n = 0;
    while *pos < c.len() {
        let ch = c[*pos];
        if !ch.is_ascii_digit() {
            break;
        }
        let d = (ch as u32 - '0' as u32) as i64;
        if acc > (i64::MAX - d) / 10 {
            return Err(spec_error(exc::VALUE_ERROR, pyver::FMT_TOO_MANY_DIGITS));
        }
        acc = acc * 10 + d;
        *pos += 1;
        n += 1;
    }
    Ok((acc, n))
}

/// `parse_internal_render_format_spec`.
fn parse_spec(spec: &str, default_type: char, default_align: char, kind: Kind) -> PyResult<Spec> {
    let mut small = ['\0'; 24];
    let heap: Vec<char>;
    let c: &[char] = if spec.len() <= small.len() {
        let mut n = 0;
        for ch in spec.chars() {
            small[n] = ch;
            n += 1;
        }
        &small[..n]
    } else {
        heap = spec.chars().collect();
        &heap
    };
    let end = c.len();
    // Outside the fill position a non-ASCII character is a Unicode digit
    // (width, precision) or an unknown type: needs the tables.
    let fill_given = end >= 2 && is_align(c[1]);
    for (i, &ch) in c.iter().enumerate() {
        let is_fill = i == 0 && fill_given;
        if !ch.is_ascii() && !is_fill {
            return Err(unsupported());
        }
    }
    let mut f = Spec {
        fill: ' ',
        align: default_align,
        alt: false,
        no_neg_0: false,
        sign: '\0',
        width: -1,
        sep: Sep::None,
        precision: -1,
        typ: default_type,
    };
    let mut pos = 0;
    let mut align_specified = false;
    let mut fill_specified = false;
    if end - pos >= 2 && is_align(c[pos + 1]) {
        f.align = c[pos + 1];
        f.fill = c[pos];
        fill_specified = true;
        align_specified = true;
        pos += 2;
    } else if end - pos >= 1 && is_align(c[pos]) {
        f.align = c[pos];
        align_specified = true;
        pos += 1;
    }
    if pos < end && matches!(c[pos], ' ' | '+' | '-') {
        f.sign = c[pos];
        pos += 1;
    }
    if HAS_Z && pos < end && c[pos] == 'z' {
        f.no_neg_0 = true;
        pos += 1;
    }
    if pos < end && c[pos] == '#' {
        f.alt = true;
        pos += 1;
    }
    if !fill_specified && pos < end && c[pos] == '0' {
        f.fill = '0';
        if !align_specified && default_align == '>' {
            f.align = '=';
        }
        pos += 1;
    }
    let (w, consumed) = get_integer(c, &mut pos)?;
    f.width = if consumed == 0 { -1 } else { w };
    if pos < end && c[pos] == ',' {
        f.sep = Sep::Comma;
        pos += 1;
    }
    if pos < end && c[pos] == '_' {
        if f.sep != Sep::None {
            return Err(spec_error(exc::VALUE_ERROR, pyver::FMT_BOTH_SEPS));
        }
        f.sep = Sep::Under;
        pos += 1;
    }
    if pos < end && c[pos] == ',' && f.sep == Sep::Under {
        return Err(spec_error(exc::VALUE_ERROR, pyver::FMT_BOTH_SEPS));
    }
    if pos < end && c[pos] == '.' {
        pos += 1;
        let (p, consumed) = get_integer(c, &mut pos)?;
        if consumed == 0 {
            return Err(spec_error(exc::VALUE_ERROR, pyver::FMT_MISSING_PRECISION));
        }
        f.precision = p;
    }
    if end - pos > 1 {
        return Err(invalid_spec(spec, kind));
    }
    if end - pos == 1 {
        f.typ = c[pos];
    }
    if f.sep != Sep::None {
        match f.typ {
            'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' | '\0' => {}
            'b' | 'o' | 'x' | 'X' if f.sep == Sep::Under => f.sep = Sep::UnderFour,
            t => {
                let q = match quoted_code(t) {
                    Some(q) => q,
                    None => return Err(unsupported()),
                };
                return Err(if f.sep == Sep::Comma {
                    spec_error_tpl(
                        pyver::FMT_COMMA_WITH_OK,
                        pyver::FMT_COMMA_WITH_PRE,
                        &q,
                        pyver::FMT_COMMA_WITH_POST,
                    )
                } else {
                    spec_error_tpl(
                        pyver::FMT_UNDER_WITH_OK,
                        pyver::FMT_UNDER_WITH_PRE,
                        &q,
                        pyver::FMT_UNDER_WITH_POST,
                    )
                });
            }
        }
    }
    Ok(f)
}

// ---------------------------------------------------------------------- number layout

fn group_fill(
    rev: &mut Vec<u8>,
    digits: &[u8],
    dpos: &mut usize,
    n_chars: i64,
    n_zeros: i64,
    sep: Option<u8>,
) {
    if let Some(s) = sep {
        rev.push(s);
    }
    for _ in 0..n_chars {
        if *dpos == 0 {
            break;
        }
        *dpos -= 1;
        rev.push(digits[*dpos]);
    }
    for _ in 0..n_zeros {
        rev.push(b'0');
    }
}

/// `_PyUnicode_InsertThousandsGrouping`: `digits` grouped by `group`
/// (0: no grouping) with `sep`, zero-padded (separators included) to
/// `min_width`.
fn insert_grouping(digits: &[u8], min_width: i64, group: i64, sep: u8) -> Vec<u8> {
    let mut min_width = min_width.max(0);
    let mut remaining = digits.len() as i64;
    let mut rev: Vec<u8> = Vec::with_capacity(digits.len() + 8);
    let mut dpos = digits.len();
    let mut use_sep = false;
    let mut broken = false;
    if group > 0 {
        loop {
            let len = group.min(remaining.max(min_width).max(1));
            let n_zeros = (len - remaining).max(0);
            let n_chars = remaining.min(len).max(0);
            group_fill(
                &mut rev,
                digits,
                &mut dpos,
                n_chars,
                n_zeros,
                if use_sep { Some(sep) } else { None },
            );
            use_sep = true;
            remaining -= n_chars;
            min_width -= len;
            if remaining <= 0 && min_width <= 0 {
                broken = true;
                break;
            }
            min_width -= 1;
        }
    }
    if !broken {
        let len = remaining.max(min_width).max(1);
        let n_zeros = (len - remaining).max(0);
        let n_chars = remaining.min(len).max(0);
        group_fill(
            &mut rev,
            digits,
            &mut dpos,
            n_chars,
            n_zeros,
            if use_sep { Some(sep) } else { None },
        );
    }
    rev.reverse();
    rev
}

fn push_fill(out: &mut String, c: char, n: i64) {
    for _ in 0..n.max(0) {
        out.push(c);
    }
}

/// `calc_number_widths` + `fill_number`:
/// `<lpad><sign><prefix><spad><grouped digits><.><remainder><rpad>`.
fn number_layout(
    neg: bool,
    prefix: &str,
    digits: &str,
    has_decimal: bool,
    remainder: &str,
    f: &Spec,
    toupper: bool,
) -> PyResult<String> {
    if f.width > MAX_FMT {
        return Err(unsupported());
    }
    let sign = match f.sign {
        '+' => Some(if neg { '-' } else { '+' }),
        ' ' => Some(if neg { '-' } else { ' ' }),
        _ => {
            if neg {
                Some('-')
            } else {
                None
            }
        }
    };
    let n_sign = sign.is_some() as i64;
    let n_prefix = prefix.chars().count() as i64;
    let n_decimal = has_decimal as i64;
    let n_remainder = remainder.chars().count() as i64;
    let n_non = n_sign + n_prefix + n_decimal + n_remainder;
    let min_width = if f.fill == '0' && f.align == '=' { f.width - n_non } else { 0 };
    let (group, sep) = match f.sep {
        Sep::None => (0, b','),
        Sep::Comma => (3, b','),
        Sep::Under => (3, b'_'),
        Sep::UnderFour => (4, b'_'),
    };
    let grouped: Vec<u8> = if digits.is_empty() {
        Vec::new()
    } else {
        insert_grouping(digits.as_bytes(), min_width, group, sep)
    };
    let n_padding = f.width - (n_non + grouped.len() as i64);
    let (mut lpad, mut spad, mut rpad) = (0, 0, 0);
    if n_padding > 0 {
        match f.align {
            '<' => rpad = n_padding,
            '^' => {
                lpad = n_padding / 2;
                rpad = n_padding - lpad;
            }
            '=' => spad = n_padding,
            _ => lpad = n_padding,
        }
    }
    let mut out =
        String::with_capacity((grouped.len() as i64 + n_non + n_padding.max(0) * 4) as usize);
    push_fill(&mut out, f.fill, lpad);
    if let Some(s) = sign {
        out.push(s);
    }
    if toupper {
        out.push_str(&prefix.to_ascii_uppercase());
    } else {
        out.push_str(prefix);
    }
    push_fill(&mut out, f.fill, spad);
    for &g in &grouped {
        out.push(if toupper { g.to_ascii_uppercase() } else { g } as char);
    }
    if has_decimal {
        out.push('.');
    }
    out.push_str(remainder);
    push_fill(&mut out, f.fill, rpad);
    Ok(out)
}

/// `format_long_internal`.
fn format_long(v: i64, f: &Spec) -> PyResult<String> {
    if f.precision != -1 {
        return Err(spec_error(exc::VALUE_ERROR, pyver::FMT_PRECISION_INT));
    }
    if f.no_neg_0 {
        return Err(spec_error(exc::VALUE_ERROR, pyver::FMT_ZNEG_INT));
    }
    if f.typ == 'c' {
        if f.sign != '\0' {
            return Err(spec_error(exc::VALUE_ERROR, pyver::FMT_SIGN_C));
        }
        if f.alt {
            return Err(spec_error(exc::VALUE_ERROR, pyver::FMT_ALT_C));
        }
        if !(0..=0x10ffff).contains(&v) {
            return Err(spec_error(exc::OVERFLOW_ERROR, pyver::FMT_C_RANGE));
        }
        let ch = match std::char::from_u32(v as u32) {
            Some(ch) => ch,
            None => return Err(unsupported()), // a lone surrogate
        };
        let mut buf = [0u8; 4];
        return number_layout(false, "", "", false, ch.encode_utf8(&mut buf), f, false);
    }
    let (base, prefix) = match f.typ {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' | 'X' => (16, "0x"),
        _ => (10, ""),
    };
    let digits = to_base(v.unsigned_abs(), base);
    let prefix = if f.alt { prefix } else { "" };
    if f.width == -1 && f.sign != '+' && f.sign != ' ' && f.sep == Sep::None && f.typ != 'X' {
        // CPython's fast path: sign, prefix, digits
        let mut out = String::with_capacity(digits.len() + 3);
        if v < 0 {
            out.push('-');
        }
        out.push_str(prefix);
        out.push_str(&digits);
        return Ok(out);
    }
    number_layout(v < 0, prefix, &digits, false, "", f, f.typ == 'X')
}

fn to_base(mut a: u64, base: u64) -> String {
    if base == 10 {
        return a.to_string();
    }
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut buf: Vec<u8> = Vec::with_capacity(64);
    loop {
        buf.push(DIGITS[(a % base) as usize]);
        a /= base;
        if a == 0 {
            break;
        }
    }
    buf.reverse();
    String::from_utf8(buf).unwrap_or_default()
}

/// `format_float_internal`.
fn format_float_internal(val: f64, f: &Spec) -> PyResult<String> {
    if f.precision > i32::MAX as i64 {
        return Err(spec_error(exc::VALUE_ERROR, pyver::FMT_PRECISION_TOO_BIG));
    }
    let mut precision = f.precision;
    let mut typ = f.typ;
    let mut default_precision = 6;
    let mut add_dot_0 = false;
    if typ == '\0' {
        add_dot_0 = true;
        typ = 'r';
        default_precision = 0;
    }
    if typ == 'n' {
        return Err(unsupported());
    }
    let mut val = val;
    let mut add_pct = false;
    if typ == '%' {
        typ = 'f';
        val *= 100.0;
        add_pct = true;
    }
    if precision < 0 {
        precision = default_precision;
    } else if typ == 'r' {
        typ = 'g';
    }
    if precision > MAX_FMT {
        return Err(unsupported());
    }
    let mut buf = double_to_string(val, typ as u8, precision, f.alt, add_dot_0, f.no_neg_0);
    if add_pct {
        buf.push('%');
    }
    if f.width == -1 && f.sign != '+' && f.sign != ' ' && f.sep == Sep::None {
        return Ok(buf); // CPython's fast path: nothing to add
    }
    let (neg, body) = match buf.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, &buf[..]),
    };
    let n_int = body.bytes().take_while(|b| b.is_ascii_digit()).count();
    let has_decimal = body.as_bytes().get(n_int) == Some(&b'.');
    let rest = if has_decimal { &body[n_int + 1..] } else { &body[n_int..] };
    number_layout(neg, "", &body[..n_int], has_decimal, rest, f, false)
}

fn format_int_kind(v: i64, spec: &str, kind: Kind) -> PyResult<String> {
    let f = parse_spec(spec, 'd', '>', kind)?;
    match f.typ {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' => format_long(v, &f),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => format_float_internal(v as f64, &f),
        'n' => Err(unsupported()),
        c => Err(unknown_code(c, kind)),
    }
}

// ---------------------------------------------------------------------- format()

/// `format(v, spec)` for an int.
pub fn format_int(v: i64, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(str_int(v));
    }
    format_int_kind(v, spec, Kind::Int)
}

/// `format(b, spec)` for a bool: `str(b)` for an empty spec, else the int.
pub fn format_bool(b: bool, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(str_bool(b));
    }
    format_int_kind(b as i64, spec, Kind::Bool)
}

/// `format(x, spec)` for a float.
pub fn format_float(x: f64, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(repr_float(x));
    }
    let f = parse_spec(spec, '\0', '>', Kind::Float)?;
    match f.typ {
        '\0' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => format_float_internal(x, &f),
        'n' => Err(unsupported()),
        c => Err(unknown_code(c, Kind::Float)),
    }
}

/// `format(s, spec)` for a str.
pub fn format_str(s: &PyStr, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(s.as_str().to_string());
    }
    let f = parse_spec(spec, 's', '<', Kind::Str)?;
    if f.typ != 's' {
        return Err(unknown_code(f.typ, Kind::Str));
    }
    if f.sign != '\0' {
        return Err(spec_error(
            exc::VALUE_ERROR,
            if f.sign == ' ' { pyver::FMT_SPACE_STR } else { pyver::FMT_SIGN_STR },
        ));
    }
    if f.no_neg_0 {
        return Err(spec_error(exc::VALUE_ERROR, pyver::FMT_ZNEG_STR));
    }
    if f.alt {
        return Err(spec_error(exc::VALUE_ERROR, pyver::FMT_ALT_STR));
    }
    if f.align == '=' {
        return Err(spec_error(exc::VALUE_ERROR, pyver::FMT_EQ_STR));
    }
    let len = s.len();
    if (f.width == -1 || f.width <= len) && (f.precision == -1 || f.precision >= len) {
        return Ok(s.as_str().to_string());
    }
    let mut n = len;
    let mut text = s.as_str();
    if f.precision >= 0 && len >= f.precision {
        n = f.precision;
        let cut = match text.char_indices().nth(n as usize) {
            Some((b, _)) => b,
            None => text.len(),
        };
        text = &text[..cut];
    }
    if f.width > MAX_FMT {
        return Err(unsupported());
    }
    let total = if f.width >= 0 && f.width > n { f.width } else { n };
    let lpad = match f.align {
        '>' => total - n,
        '^' => (total - n) / 2,
        _ => 0,
    };
    let rpad = total - n - lpad;
    let mut out = String::with_capacity(text.len() + ((lpad + rpad) as usize) * f.fill.len_utf8());
    push_fill(&mut out, f.fill, lpad);
    out.push_str(text);
    push_fill(&mut out, f.fill, rpad);
    Ok(out)
}

#[cfg(test)]
mod tests {
    //! `rustc --edition 2018 --test lib.rs`: the u128 fast paths against the
    //! bignum digits (CPython itself is the oracle of tests/test_runtime_str.py).
    use super::*;

    fn slow_sig(x: f64, n: i64) -> (Vec<u8>, i64) {
        let (d, decpt) = exact_digits(x);
        round_keep(&d, decpt, n)
    }

    fn slow_fixed(x: f64, n: i64) -> (Vec<u8>, i64) {
        let (d, decpt) = exact_digits(x);
        let (out, p) = round_keep(&d, decpt, decpt + n);
        if out.is_empty() {
            (out, -n)
        } else {
            (out, p)
        }
    }

    #[test]
    fn fast_paths_match_bignum() {
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut fast_hits = 0u32;
        for i in 0..400_000u32 {
            let r = next();
            let x = match i % 4 {
                0 => f64::from_bits(r & 0x7fff_ffff_ffff_ffff),
                1 => (r >> 11) as f64 / (1u64 << (r % 60)) as f64,
                2 => ((r >> 40) as f64) / 8.0 + 0.5,
                _ => f64::from_bits(
                    (r & 0x000f_ffff_ffff_ffff) | ((1023 + (r >> 58) as u64 - 32) << 52),
                ),
            };
            if !x.is_finite() || x == 0.0 {
                continue;
            }
            let n = (next() % 25) as i64;
            if let Some(f) = fixed_digits_fast(x, n) {
                fast_hits += 1;
                assert_eq!(f, slow_fixed(x, n), "fixed {:e} {}", x, n);
            }
            if let Some(f) = sig_digits_fast(x, n + 1) {
                fast_hits += 1;
                assert_eq!(f, slow_sig(x, n + 1), "sig {:e} {}", x, n + 1);
            }
        }
        assert!(fast_hits > 200_000, "{}", fast_hits);
    }

    #[test]
    fn ties_round_to_even() {
        for &(x, n, want) in
            &[(0.125, 2, "0.12"), (0.375, 2, "0.38"), (2.5, 0, "2"), (0.5, 0, "0"), (1.5, 0, "2")]
        {
            assert_eq!(double_to_string(x, b'f', n, false, false, false), want);
        }
    }
}
