//! Exact comparisons between an int (i64) and a float, like CPython's
//! float_richcompare: the values are compared mathematically, never after a
//! lossy conversion (`2**53 + 1 != float(2**53)`), and NaN compares false
//! except with `!=`.  int-int and float-float comparisons are Rust operators.

use std::cmp::Ordering;

const TWO_POW_53: i64 = 1 << 53;
const TWO_POW_63_F: f64 = 9223372036854775808.0;

/// The order of `a` relative to `b`; `None` when `b` is NaN.
#[inline]
pub fn cmp_if(a: i64, b: f64) -> Option<Ordering> {
    if b.is_nan() {
        return None;
    }
    if (-TWO_POW_53..=TWO_POW_53).contains(&a) {
        // `a` is exactly representable.
        return (a as f64).partial_cmp(&b);
    }
    if b >= TWO_POW_63_F {
        return Some(Ordering::Less); // includes +inf
    }
    if b < -TWO_POW_63_F {
        return Some(Ordering::Greater); // includes -inf
    }
    // -2**63 <= b < 2**63: floor(b) is an exact i64.
    let fl = b.floor();
    let bi = fl as i64;
    match a.cmp(&bi) {
        Ordering::Equal => {
            if b > fl {
                Some(Ordering::Less)
            } else {
                Some(Ordering::Equal)
            }
        }
        o => Some(o),
    }
}

#[inline]
pub fn lt_if(a: i64, b: f64) -> bool {
    cmp_if(a, b) == Some(Ordering::Less)
}

#[inline]
pub fn le_if(a: i64, b: f64) -> bool {
    matches!(cmp_if(a, b), Some(Ordering::Less) | Some(Ordering::Equal))
}

#[inline]
pub fn gt_if(a: i64, b: f64) -> bool {
    cmp_if(a, b) == Some(Ordering::Greater)
}

#[inline]
pub fn ge_if(a: i64, b: f64) -> bool {
    matches!(cmp_if(a, b), Some(Ordering::Greater) | Some(Ordering::Equal))
}

#[inline]
pub fn eq_if(a: i64, b: f64) -> bool {
    cmp_if(a, b) == Some(Ordering::Equal)
}

#[inline]
pub fn ne_if(a: i64, b: f64) -> bool {
    cmp_if(a, b) != Some(Ordering::Equal)
}

#[inline]
pub fn lt_fi(a: f64, b: i64) -> bool {
    gt_if(b, a)
}

#[inline]
pub fn le_fi(a: f64, b: i64) -> bool {
    ge_if(b, a)
}

#[inline]
pub fn gt_fi(a: f64, b: i64) -> bool {
    lt_if(b, a)
}

#[inline]
pub fn ge_fi(a: f64, b: i64) -> bool {
    le_if(b, a)
}

#[inline]
pub fn eq_fi(a: f64, b: i64) -> bool {
    eq_if(b, a)
}

#[inline]
pub fn ne_fi(a: f64, b: i64) -> bool {
    ne_if(b, a)
}
