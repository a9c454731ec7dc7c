// Hand-written module for the host-side tests of the import hook and loader
// (tests/test_hook*.py, test_limits.py, test_faults.py): it speaks the same
// ABI as generated code (error record, ret_* encodings, output segments) but
// does things the translator does not emit today (printing, allocating,
// spinning forever, panicking, probing the sandbox). Its Python twin is
// fx_src.py; each `__portalis_fn_NAME` implements `NAME` there, except
// where a comment says the WASM side is wrong on purpose.
// Rust 1.63 compatible, std only.

extern crate portalis_rt;

use portalis_rt::err::{self, bail, exc, ret_i64, PyErr};
use std::cell::UnsafeCell;

struct Global<T>(UnsafeCell<T>);
unsafe impl<T> Sync for Global<T> {}

// ---- output ABI: segments [fd: u8][len: u32 LE][utf-8 bytes] ---------------

#[repr(C)]
pub struct OutputInfo {
    ptr: u32,
    len: u32,
}

static OUT: Global<Vec<u8>> = Global(UnsafeCell::new(Vec::new()));
static OUT_INFO: Global<OutputInfo> = Global(UnsafeCell::new(OutputInfo { ptr: 0, len: 0 }));

fn write(fd: u8, text: &str) {
    let buf = unsafe { &mut *OUT.0.get() };
    buf.push(fd);
    buf.extend_from_slice(&(text.len() as u32).to_le_bytes());
    buf.extend_from_slice(text.as_bytes());
}

#[no_mangle]
pub extern "C" fn __portalis_output_info() -> u32 {
    let buf = unsafe { &*OUT.0.get() };
    let info = unsafe { &mut *OUT_INFO.0.get() };
    info.ptr = buf.as_ptr() as usize as u32;
    info.len = buf.len() as u32;
    info as *const OutputInfo as usize as u32
}

#[no_mangle]
pub extern "C" fn __portalis_output_clear() {
    unsafe { (*OUT.0.get()).clear() }
}

// ---- the error channel, as generated code exports it ------------------------

#[no_mangle]
pub extern "C" fn __portalis_error_info() -> u32 {
    err::error_info() as usize as u32
}

#[no_mangle]
pub extern "C" fn __portalis_clear_error() {
    err::clear_error()
}

#[no_mangle]
pub extern "C" fn __portalis_set_depth_budget(n: i64) {
    err::set_depth_budget(n)
}

fn opaque(v: i64) -> i64 {
    unsafe { std::ptr::read_volatile(&v) }
}

// ---- functions ---------------------------------------------------------------

#[no_mangle]
pub extern "C" fn __portalis_fn_add(a: i64, b: i64) -> i64 {
    ret_i64(a.checked_add(b).ok_or(PyErr::bail(bail::OVERFLOW)))
}

/// Never returns (the Python twin does not either): for time limits.
#[no_mangle]
pub extern "C" fn __portalis_fn_spin(n: i64) -> i64 {
    let mut i = n;
    loop {
        i = opaque(i).wrapping_add(1);
        if i == i64::MIN + 1 {
            return ret_i64(Ok(i));
        }
    }
}

/// Allocates `mb` MiB: for memory limits.
#[no_mangle]
pub extern "C" fn __portalis_fn_hog(mb: i64) -> i64 {
    let v = vec![1u8; (opaque(mb) as usize) << 20];
    ret_i64(Ok(v.iter().map(|&x| x as i64).sum()))
}

/// Wrong on purpose: panics (an `unreachable` trap) where Python returns n + 1.
#[no_mangle]
pub extern "C" fn __portalis_fn_boom(n: i64) -> i64 {
    let v: Vec<i64> = Vec::new();
    ret_i64(Ok(v[opaque(n) as usize] + 1))
}

#[no_mangle]
pub extern "C" fn __portalis_fn_say(n: i64) -> i64 {
    write(1, &format!("say {}\n", n));
    write(2, &format!("err {}\n", n));
    write(1, "done\n");
    ret_i64(Ok(n * 2))
}

#[no_mangle]
pub extern "C" fn __portalis_fn_say_raise(n: i64) -> i64 {
    write(1, &format!("before {}\n", n));
    ret_i64(Err(PyErr::raise(exc::VALUE_ERROR, "bad n")))
}

/// Prints, then gives the call back to CPython: the WASM text must vanish.
#[no_mangle]
pub extern "C" fn __portalis_fn_say_bail(n: i64) -> i64 {
    write(1, "from wasm\n");
    ret_i64(Err(PyErr::bail(bail::OVERFLOW)))
}

/// Wrong on purpose: prints other text than Python (compare mode must notice).
#[no_mangle]
pub extern "C" fn __portalis_fn_say_wrong(n: i64) -> i64 {
    write(1, "wrong\n");
    ret_i64(Ok(n))
}

/// 1 if anything on the host filesystem is visible to the module.
#[no_mangle]
pub extern "C" fn __portalis_fn_probe_fs() -> i64 {
    let visible = std::fs::read("/etc/passwd").is_ok()
        || std::fs::read_dir("/").is_ok()
        || std::fs::read_dir(".").is_ok()
        || std::fs::File::create("portalis-sandbox-probe").is_ok();
    ret_i64(Ok(visible as i64))
}

/// Number of environment variables plus arguments the module can see.
#[no_mangle]
pub extern "C" fn __portalis_fn_probe_env() -> i64 {
    ret_i64(Ok((std::env::vars_os().count() + std::env::args_os().count()) as i64))
}
