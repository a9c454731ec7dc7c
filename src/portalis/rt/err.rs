//! Python exceptions as values, and the error channel of the WASM boundary.
//!
//! A function exported to the host returns its plain value (through one of
//! the `ret_*` helpers); when the Python code raised, or the Rust code had to
//! give up (a *bail*), the helper stores the error in a static [`ErrInfo`]
//! that the host reads from linear memory through [`error_info`].

use std::cell::UnsafeCell;

/// A Python exception being raised (`Raise`), or a request to re-run the call
/// in CPython (`Bail`, with a reason from [`bail`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PyErr {
    Raise { kind: u32, msg: Option<String> },
    Bail(u32),
    /// An exception that carries more than a kind and a message: an instance
    /// of one of the module's own exception classes, or one whose
    /// `__context__`/`__cause__` is known (see `raise.rs`).
    Exc(Box<Exc>),
}

/// A raised exception with its chaining, as CPython would hold it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exc {
    /// Built-in code ([`exc`]) or a module class (`exc::USER_BASE + index`).
    pub kind: u32,
    /// The single argument as text (what `str(e)` shows; KeyError encoded as in dict.rs).
    pub msg: Option<String>,
    /// Constructor arguments for a module class with its own `__init__`
    /// (abi.rs encoding of a tuple): the host calls the real class with them.
    pub args: Option<Vec<u8>>,
    /// False when `msg` is not what `str(e)` shows (a class whose `__init__`
    /// builds a message the translation could not compute): `str(e)` bails.
    pub str_known: bool,
    pub context: Context,
    pub cause: Cause,
}

/// `__context__`: the exception being handled when this one was raised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Context {
    /// Not known yet: decided where the exception is first caught or leaves a handler.
    Pending,
    /// No handler was active in WASM: whatever the Python caller is handling.
    Host,
    Set(PyErr),
}

/// `__cause__` (and `__suppress_context__`, true unless `Unset`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cause {
    Unset,
    /// `raise ... from None`.
    FromNone,
    Set(PyErr),
}

pub type PyResult<T> = Result<T, PyErr>;

/// Exception codes shared with the host loader (stable ABI).
pub mod exc {
    pub const EXCEPTION: u32 = 1;
    pub const ARITHMETIC_ERROR: u32 = 2;
    pub const ZERO_DIVISION_ERROR: u32 = 3;
    pub const OVERFLOW_ERROR: u32 = 4;
    pub const VALUE_ERROR: u32 = 5;
    pub const TYPE_ERROR: u32 = 6;
    pub const INDEX_ERROR: u32 = 7;
    pub const KEY_ERROR: u32 = 8;
    pub const LOOKUP_ERROR: u32 = 9;
    pub const ASSERTION_ERROR: u32 = 10;
    pub const RUNTIME_ERROR: u32 = 11;
    pub const NOT_IMPLEMENTED_ERROR: u32 = 12;
    pub const RECURSION_ERROR: u32 = 13;
    pub const ATTRIBUTE_ERROR: u32 = 14;
    pub const NAME_ERROR: u32 = 15;
    pub const UNBOUND_LOCAL_ERROR: u32 = 16;
    pub const STOP_ITERATION: u32 = 17;
    /// Classes defined by the translated module: `USER_BASE + k` is the
    /// k-th entry of the export's `exc_classes` table.
    pub const USER_BASE: u32 = 1000;
    /// ErrInfo kind whose message bytes are an encoded [`super::Exc`] record.
    pub const RECORD: u32 = 0xFFFF;
}

/// Reasons for giving the call back to CPython (stable ABI).
pub mod bail {
    /// An int left the i64 range, or a float operation overflowed where
    /// CPython raises (`errno == ERANGE`).
    pub const OVERFLOW: u32 = 1;
    /// Too many nested calls: CPython decides between a result and
    /// RecursionError.
    pub const DEPTH: u32 = 2;
    /// Anything else CPython does that the runtime does not reproduce
    /// (e.g. a complex result).
    pub const UNSUPPORTED: u32 = 3;
}

impl PyErr {
    /// `raise Kind(msg)`.
    #[inline]
    pub fn raise(kind: u32, msg: &str) -> PyErr {
        PyErr::Raise { kind, msg: Some(msg.to_string()) }
    }

    /// `raise Kind` / `raise Kind()`: no arguments, `str(exc) == ""`.
    #[inline]
    pub fn raise_noargs(kind: u32) -> PyErr {
        PyErr::Raise { kind, msg: None }
    }

    /// Give the call back to CPython.
    #[inline]
    pub fn bail(reason: u32) -> PyErr {
        PyErr::Bail(reason)
    }

    /// A Python exception (not a bail): what `except` clauses may catch.
    #[inline]
    pub fn is_raise(&self) -> bool {
        !matches!(self, PyErr::Bail(_))
    }

    /// The exception's class code (0 for a bail).
    #[inline]
    pub fn kind(&self) -> u32 {
        match self {
            PyErr::Raise { kind, .. } => *kind,
            PyErr::Exc(e) => e.kind,
            PyErr::Bail(_) => 0,
        }
    }

    /// The single argument as text (None: no arguments).
    pub fn msg(&self) -> Option<&str> {
        match self {
            PyErr::Raise { msg, .. } => msg.as_deref(),
            PyErr::Exc(e) => e.msg.as_deref(),
            PyErr::Bail(_) => None,
        }
    }
}

/// A mutable global for single-threaded WASM, without `static mut`.
pub struct Global<T>(UnsafeCell<T>);

// WASM instances are single-threaded; the host never shares an instance
// between threads (a wasmtime Store is not thread-safe either).
unsafe impl<T> Sync for Global<T> {}

impl<T> Global<T> {
    pub const fn new(value: T) -> Global<T> {
        Global(UnsafeCell::new(value))
    }

    #[inline]
    pub fn get(&self) -> *mut T {
        self.0.get()
    }
}

/// The error record the host reads (5 little-endian u32, 20 bytes).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrInfo {
    /// 0 ok, 1 raise, 2 bail.
    pub status: u32,
    /// Exception code ([`exc`]) when raising, bail reason ([`bail`]) when bailing.
    pub kind: u32,
    /// 1 when the exception has a message (`msg_ptr`/`msg_len`, UTF-8).
    pub has_msg: u32,
    pub msg_ptr: u32,
    pub msg_len: u32,
}

pub const STATUS_OK: u32 = 0;
pub const STATUS_RAISE: u32 = 1;
pub const STATUS_BAIL: u32 = 2;

/// Returned by `ret_i64` when an error is pending.  A genuine result equal to
/// it is told apart by `status == 0`.
pub const I64_SENTINEL: i64 = -0x7fff_ffff_ffff_fe37;

static ERR_INFO: Global<ErrInfo> =
    Global::new(ErrInfo { status: 0, kind: 0, has_msg: 0, msg_ptr: 0, msg_len: 0 });
// Keeps the message bytes alive until the host has read them.
static ERR_MSG: Global<Option<Vec<u8>>> = Global::new(None);

fn store_error(e: PyErr) {
    // SAFETY: single-threaded; no reference into the globals outlives this call.
    unsafe {
        let info = &mut *ERR_INFO.get();
        let slot = &mut *ERR_MSG.get();
        match e {
            PyErr::Raise { kind, msg } => {
                info.status = STATUS_RAISE;
                info.kind = kind;
                match msg {
                    Some(s) => {
                        info.has_msg = 1;
                        info.msg_ptr = s.as_ptr() as usize as u32;
                        info.msg_len = s.len() as u32;
                        *slot = Some(s.into_bytes());
                    }
                    None => {
                        info.has_msg = 0;
                        info.msg_ptr = 0;
                        info.msg_len = 0;
                        *slot = None;
                    }
                }
            }
            PyErr::Exc(e) => {
                // Binary, not UTF-8: the host recognises `exc::RECORD` (wasm.py).
                let mut s = Vec::new();
                encode_record(&PyErr::Exc(e), &mut s);
                info.status = STATUS_RAISE;
                info.kind = exc::RECORD;
                info.has_msg = 1;
                info.msg_ptr = s.as_ptr() as usize as u32;
                info.msg_len = s.len() as u32;
                *slot = Some(s);
            }
            PyErr::Bail(reason) => {
                info.status = STATUS_BAIL;
                info.kind = reason;
                info.has_msg = 0;
                info.msg_ptr = 0;
                info.msg_len = 0;
                *slot = None;
            }
        }
    }
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_bytes(out: &mut Vec<u8>, b: Option<&[u8]>) {
    match b {
        Some(b) => {
            out.push(1);
            put_u32(out, b.len() as u32);
            out.extend_from_slice(b);
        }
        None => out.push(0),
    }
}

/// One exception for the host (wasm.py `decode_record`): kind u32, message,
/// constructor args, then context (0 the caller's, 1 a record) and cause
/// (0 none, 1 `from None`, 2 a record).
fn encode_record(e: &PyErr, out: &mut Vec<u8>) {
    put_u32(out, e.kind());
    put_bytes(out, e.msg().map(|m| m.as_bytes()));
    match e {
        PyErr::Exc(x) => {
            put_bytes(out, x.args.as_deref());
            match &x.context {
                Context::Set(c) => {
                    out.push(1);
                    encode_record(c, out);
                }
                _ => out.push(0),
            }
            match &x.cause {
                Cause::Unset => out.push(0),
                Cause::FromNone => out.push(1),
                Cause::Set(c) => {
                    out.push(2);
                    encode_record(c, out);
                }
            }
        }
        _ => {
            put_bytes(out, None);
            out.push(0);
            out.push(0);
        }
    }
}

/// Status back to 0, message dropped.
pub fn clear_error() {
    // SAFETY: single-threaded; see `store_error`.
    unsafe {
        let info = &mut *ERR_INFO.get();
        info.status = STATUS_OK;
        info.kind = 0;
        info.has_msg = 0;
        info.msg_ptr = 0;
        info.msg_len = 0;
        *ERR_MSG.get() = None;
    }
}

/// Pointer (into linear memory) to the error record.
pub fn error_info() -> *const ErrInfo {
    ERR_INFO.get() as *const ErrInfo
}

/// The pending error's status (0 ok, 1 raise, 2 bail).
pub fn error_status() -> u32 {
    // SAFETY: plain read, single-threaded.
    unsafe { (*ERR_INFO.get()).status }
}

/// `Ok(v)` => `v`; `Err` => the error is stored and [`I64_SENTINEL`] returned.
#[inline]
pub fn ret_i64(r: PyResult<i64>) -> i64 {
    match r {
        Ok(v) => {
            if v == I64_SENTINEL {
                // The host looks at `status` exactly in this case.
                clear_error();
            }
            v
        }
        Err(e) => {
            store_error(e);
            I64_SENTINEL
        }
    }
}

/// `Ok(v)` => `v`; `Err` => the error is stored and NaN returned.
#[inline]
pub fn ret_f64(r: PyResult<f64>) -> f64 {
    match r {
        Ok(v) => {
            if v.is_nan() {
                clear_error();
            }
            v
        }
        Err(e) => {
            store_error(e);
            f64::NAN
        }
    }
}

/// `Ok(b)` => 0/1; `Err` => the error is stored and 2 returned.
#[inline]
pub fn ret_bool(r: PyResult<bool>) -> i32 {
    match r {
        Ok(b) => b as i32,
        Err(e) => {
            store_error(e);
            2
        }
    }
}

/// `Ok(())` => 0; `Err` => the error is stored and 1 returned.
#[inline]
pub fn ret_none(r: PyResult<()>) -> i32 {
    match r {
        Ok(()) => 0,
        Err(e) => {
            store_error(e);
            1
        }
    }
}

// ---------------------------------------------------------------------------
// Recursion accounting.

pub const DEFAULT_DEPTH_BUDGET: i64 = 48;

static DEPTH: Global<i64> = Global::new(0);
static DEPTH_BUDGET: Global<i64> = Global::new(DEFAULT_DEPTH_BUDGET);

/// One active call of a generated function; dropping it ends the call.
/// Only [`enter`] makes one.
#[must_use]
pub struct DepthGuard {
    _private: (),
}

impl Drop for DepthGuard {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: single-threaded.
        unsafe {
            *DEPTH.get() -= 1;
        }
    }
}

/// Start of every generated function: `let _depth = portalis_rt::err::enter()?;`
/// More nested calls than the budget => `Err(bail(DEPTH))`.
#[inline]
pub fn enter() -> PyResult<DepthGuard> {
    // SAFETY: single-threaded.
    unsafe {
        let d = &mut *DEPTH.get();
        if *d >= *DEPTH_BUDGET.get() {
            return Err(PyErr::Bail(bail::DEPTH));
        }
        *d += 1;
    }
    Ok(DepthGuard { _private: () })
}

/// How many nested calls may be active at once (default 48).
pub fn set_depth_budget(n: i64) {
    // SAFETY: single-threaded.
    unsafe {
        *DEPTH_BUDGET.get() = n;
    }
}

/// The number of calls active now (0 between host calls).
pub fn depth() -> i64 {
    // SAFETY: single-threaded.
    unsafe { *DEPTH.get() }
}

/// Back to 0 active calls: for a host that reuses an instance after a trap.
pub fn reset_depth() {
    // SAFETY: single-threaded.
    unsafe {
        *DEPTH.get() = 0;
    }
}
