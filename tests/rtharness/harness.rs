// Conformance harness for the portalis_rt numeric runtime: every runtime
// function exported through the same boundary helpers generated code uses.
// Built by tests/test_runtime_numeric.py (cdylib, wasm32-wasi).

use portalis_rt::err::{self, ret_bool, ret_f64, ret_i64, ret_none};
use portalis_rt::prelude::*;

// ---- error channel -------------------------------------------------------

#[no_mangle]
pub extern "C" fn h_error_info() -> u32 {
    err::error_info() as usize as u32
}

#[no_mangle]
pub extern "C" fn h_clear_error() {
    err::clear_error()
}

#[no_mangle]
pub extern "C" fn h_sentinel() -> i64 {
    err::I64_SENTINEL
}

// ---- int -----------------------------------------------------------------

macro_rules! int2 {
    ($name:ident, $f:path) => {
        #[no_mangle]
        pub extern "C" fn $name(a: i64, b: i64) -> i64 {
            ret_i64($f(a, b))
        }
    };
}

int2!(int_add, pyint::add);
int2!(int_sub, pyint::sub);
int2!(int_mul, pyint::mul);
int2!(int_floordiv, pyint::floordiv);
int2!(int_mod, pyint::modulo);
int2!(int_pow, pyint::pow);
int2!(int_lshift, pyint::lshift);
int2!(int_rshift, pyint::rshift);

#[no_mangle]
pub extern "C" fn int_neg(a: i64) -> i64 {
    ret_i64(pyint::neg(a))
}

#[no_mangle]
pub extern "C" fn int_abs(a: i64) -> i64 {
    ret_i64(pyint::abs(a))
}

#[no_mangle]
pub extern "C" fn int_divmod_q(a: i64, b: i64) -> i64 {
    ret_i64(pyint::divmod(a, b).map(|p| p.0))
}

#[no_mangle]
pub extern "C" fn int_divmod_r(a: i64, b: i64) -> i64 {
    ret_i64(pyint::divmod(a, b).map(|p| p.1))
}

#[no_mangle]
pub extern "C" fn int_truediv(a: i64, b: i64) -> f64 {
    ret_f64(pyint::truediv(a, b))
}

#[no_mangle]
pub extern "C" fn int_pow_neg(a: i64, b: i64) -> f64 {
    ret_f64(pyint::pow_neg(a, b))
}

#[no_mangle]
pub extern "C" fn int_from_f64(f: f64) -> i64 {
    ret_i64(pyint::from_f64(f))
}

// ---- float ---------------------------------------------------------------

macro_rules! float2 {
    ($name:ident, $f:path) => {
        #[no_mangle]
        pub extern "C" fn $name(a: f64, b: f64) -> f64 {
            ret_f64($f(a, b))
        }
    };
}

float2!(float_truediv, pyfloat::truediv);
float2!(float_floordiv, pyfloat::floordiv);
float2!(float_mod, pyfloat::modulo);
float2!(float_pow, pyfloat::pow);

#[no_mangle]
pub extern "C" fn float_divmod_q(a: f64, b: f64) -> f64 {
    ret_f64(pyfloat::divmod(a, b).map(|p| p.0))
}

#[no_mangle]
pub extern "C" fn float_divmod_r(a: f64, b: f64) -> f64 {
    ret_f64(pyfloat::divmod(a, b).map(|p| p.1))
}

#[no_mangle]
pub extern "C" fn float_from_i64(i: i64) -> f64 {
    pyfloat::from_i64(i)
}

// ---- mixed comparisons: bit k of the result is the k-th operator ---------

#[no_mangle]
pub extern "C" fn cmp_if(a: i64, b: f64) -> i32 {
    (pycmp::lt_if(a, b) as i32)
        | (pycmp::le_if(a, b) as i32) << 1
        | (pycmp::gt_if(a, b) as i32) << 2
        | (pycmp::ge_if(a, b) as i32) << 3
        | (pycmp::eq_if(a, b) as i32) << 4
        | (pycmp::ne_if(a, b) as i32) << 5
}

#[no_mangle]
pub extern "C" fn cmp_fi(a: f64, b: i64) -> i32 {
    (pycmp::lt_fi(a, b) as i32)
        | (pycmp::le_fi(a, b) as i32) << 1
        | (pycmp::gt_fi(a, b) as i32) << 2
        | (pycmp::ge_fi(a, b) as i32) << 3
        | (pycmp::eq_fi(a, b) as i32) << 4
        | (pycmp::ne_fi(a, b) as i32) << 5
}

// ---- boundary helpers and recursion accounting -------------------------

/// 0: Ok(a != 0); 1: ValueError("bad ☃ value"); 2: TypeError (no args); 3: bail(b)
#[no_mangle]
pub extern "C" fn h_bool(mode: i32, a: i64, b: i32) -> i32 {
    ret_bool(match mode {
        0 => Ok(a != 0),
        1 => Err(PyErr::raise(exc::VALUE_ERROR, "bad \u{2603} value")),
        2 => Err(PyErr::raise_noargs(exc::TYPE_ERROR)),
        _ => Err(PyErr::bail(b as u32)),
    })
}

#[no_mangle]
pub extern "C" fn h_none(mode: i32) -> i32 {
    ret_none(match mode {
        0 => Ok(()),
        1 => Err(PyErr::raise(exc::KEY_ERROR, "'k\"ey'")),
        _ => Err(PyErr::bail(bail::UNSUPPORTED)),
    })
}

/// Ok(v) through ret_f64 (so a NaN result can be checked for status 0).
#[no_mangle]
pub extern "C" fn h_f64(v: f64) -> f64 {
    ret_f64(Ok(v))
}

/// Ok(v) through ret_i64 (so the sentinel itself can be returned).
#[no_mangle]
pub extern "C" fn h_i64(v: i64) -> i64 {
    ret_i64(Ok(v))
}

fn nest(n: i64) -> PyResult<i64> {
    let _depth = enter()?;
    if n <= 1 {
        return Ok(err::depth());
    }
    nest(n - 1)
}

/// Nests `n` guarded calls; returns the depth seen by the innermost one.
#[no_mangle]
pub extern "C" fn h_nest(n: i64) -> i64 {
    ret_i64(nest(n))
}

#[no_mangle]
pub extern "C" fn h_depth() -> i64 {
    err::depth()
}

#[no_mangle]
pub extern "C" fn h_set_depth_budget(n: i64) {
    err::set_depth_budget(n)
}
