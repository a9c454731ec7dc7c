//! Exceptions in flight: CPython's chaining (`__context__`, `__cause__`) and
//! what `str(e)` shows.
//!
//! CPython sets an exception's `__context__` when it is raised, to the
//! exception being handled at that moment (by an `except` block, or by a
//! `finally` block running because of an exception), anywhere up the stack.
//! Runtime errors are created in many places, so instead of stamping each
//! one the generated code keeps a stack of handled exceptions and fills in
//! the context where an exception is first seen: where it is caught, or
//! where it leaves a handler. Between its raise and that point no handler
//! can have ended, so the top of the stack is the one CPython saw.

use crate::err::{exc, Cause, Context, Exc, Global, PyErr, PyResult};
use crate::str::PyStr;

static HANDLING: Global<Vec<PyErr>> = Global::new(Vec::new());

fn context_now() -> Context {
    // SAFETY: single-threaded; no reference outlives the call.
    match unsafe { (*HANDLING.get()).last() } {
        Some(top) => Context::Set(top.clone()),
        None => Context::Host,
    }
}

fn resolve(e: PyErr) -> PyErr {
    match e {
        PyErr::Raise { kind, msg } => PyErr::Exc(Box::new(Exc {
            kind,
            msg,
            args: None,
            str_known: true,
            context: context_now(),
            cause: Cause::Unset,
        })),
        PyErr::Exc(mut x) => {
            if x.context == Context::Pending {
                x.context = context_now();
            }
            PyErr::Exc(x)
        }
        bail => bail,
    }
}

/// An `except` clause looks at `e`: its context is known from here on.
#[inline]
pub fn caught(e: PyErr) -> PyErr {
    resolve(e)
}

/// While alive, `e` is the exception being handled (an `except` body, or a
/// `finally` body run because `e` is propagating).
#[must_use]
pub struct Handling {
    _private: (),
}

impl Drop for Handling {
    fn drop(&mut self) {
        // SAFETY: single-threaded.
        unsafe {
            (*HANDLING.get()).pop();
        }
    }
}

pub fn handling(e: &PyErr) -> Handling {
    // SAFETY: single-threaded.
    unsafe {
        (*HANDLING.get()).push(e.clone());
    }
    Handling { _private: () }
}

/// The outcome of a handler body, while its [`Handling`] is still alive: an
/// exception raised inside gets the handled one as `__context__`.
#[inline]
pub fn leave<T>(r: PyResult<T>) -> PyResult<T> {
    match r {
        Err(e) if e.is_raise() => Err(resolve(e)),
        other => other,
    }
}

/// `raise Cls(msg)` / `raise Cls()` for a class of the module.
pub fn user(kind: u32, msg: Option<&str>) -> PyErr {
    PyErr::Exc(Box::new(Exc {
        kind,
        msg: msg.map(|m| m.to_string()),
        args: None,
        str_known: true,
        context: Context::Pending,
        cause: Cause::Unset,
    }))
}

/// `raise Cls(a, b)` for a class with its own `__init__`: the host builds it
/// from these arguments (abi.rs encoding), running the real `__init__`.
/// `shown`: what `str(e)` gives, when the translation could compute it
/// (`Some(None)`: the `__init__` passes no message).
pub fn user_args(kind: u32, args: Vec<u8>, shown: Option<Option<&str>>) -> PyErr {
    PyErr::Exc(Box::new(Exc {
        kind,
        msg: shown.and_then(|m| m.map(|m| m.to_string())),
        args: Some(args),
        str_known: shown.is_some(),
        context: Context::Pending,
        cause: Cause::Unset,
    }))
}

/// `raise e from cause`: `None` for `from None`.
pub fn with_cause(e: PyErr, cause: Option<PyErr>) -> PyErr {
    let cause = match cause {
        Some(c) => Cause::Set(c),
        None => Cause::FromNone,
    };
    match e {
        PyErr::Raise { kind, msg } => PyErr::Exc(Box::new(Exc {
            kind,
            msg,
            args: None,
            str_known: true,
            context: Context::Pending,
            cause,
        })),
        PyErr::Exc(mut x) => {
            x.cause = cause;
            PyErr::Exc(x)
        }
        bail => bail,
    }
}

/// `str(e)`: the single argument, as `BaseException.__str__` shows it
/// (KeyError shows the key's repr). Analysis only allows it for exceptions
/// with no argument or one str argument.
pub fn exc_str(e: &PyErr) -> PyResult<PyStr> {
    if let PyErr::Exc(x) = e {
        if !x.str_known {
            return Err(PyErr::bail(crate::err::bail::UNSUPPORTED));
        }
    }
    let msg = match e.msg() {
        None => return Ok(PyStr::from_str("")),
        Some(m) => m,
    };
    if e.kind() == exc::KEY_ERROR {
        // KeyError shows its key's repr.
        return key_arg0(msg, true);
    }
    Ok(PyStr::from_str(msg))
}

/// `e.args[0]` shown by `str()` (`repr` false) or `repr()`. An exception
/// without arguments (CPython: IndexError) or whose argument the
/// translation does not know re-runs the call in CPython.
pub fn exc_arg0(e: &PyErr, repr: bool) -> PyResult<PyStr> {
    if let PyErr::Exc(x) = e {
        if !x.str_known {
            return Err(PyErr::bail(crate::err::bail::UNSUPPORTED));
        }
    }
    let msg = match e.msg() {
        None => return Err(PyErr::bail(crate::err::bail::UNSUPPORTED)),
        Some(m) => m,
    };
    if e.kind() == exc::KEY_ERROR {
        return key_arg0(msg, repr);
    }
    if repr {
        Ok(PyStr::from_str(&crate::fmt::repr_str(&PyStr::from_str(msg))?))
    } else {
        Ok(PyStr::from_str(msg))
    }
}

/// A KeyError's key (encoded as in dict.rs) as str or repr; an encoding not
/// known here re-runs the call in CPython.
fn key_arg0(msg: &str, repr: bool) -> PyResult<PyStr> {
    if msg.len() >= 2 && &msg[1..2] == ":" {
        let text = &msg[2..];
        match &msg[..1] {
            "i" | "b" => return Ok(PyStr::from_str(text)), // str == repr
            "s" if repr => {
                return Ok(PyStr::from_str(&crate::fmt::repr_str(&PyStr::from_str(text))?))
            }
            "s" => return Ok(PyStr::from_str(text)),
            _ => {}
        }
    }
    Err(PyErr::bail(crate::err::bail::UNSUPPORTED))
}

/// `repr(e)`: `Name()` or `Name(<repr of the argument>)`, the name looked up
/// in the handler's table of (code, class name).
pub fn exc_repr(e: &PyErr, names: &[(u32, &str)]) -> PyResult<PyStr> {
    let kind = e.kind();
    let name = match names.iter().find(|pair| pair.0 == kind) {
        Some(pair) => pair.1,
        None => return Err(PyErr::bail(crate::err::bail::UNSUPPORTED)),
    };
    if let PyErr::Exc(x) = e {
        if !x.str_known {
            return Err(PyErr::bail(crate::err::bail::UNSUPPORTED));
        }
    }
    let mut out = String::from(name);
    out.push('(');
    if e.msg().is_some() {
        out.push_str(exc_arg0(e, true)?.as_str());
    }
    out.push(')');
    Ok(PyStr::from_string(out))
}

/// A value a module exception's constructor argument can be (abi.rs tags).
pub trait ExcArg: Sized {
    /// The value of one encoded item, or None when it is of another type.
    fn from_item(tag: u8, payload: &[u8]) -> Option<Self>;
}

impl ExcArg for i64 {
    fn from_item(tag: u8, p: &[u8]) -> Option<i64> {
        if tag != 1 || p.len() != 8 {
            return None;
        }
        let mut b = [0u8; 8];
        b.copy_from_slice(p);
        Some(i64::from_le_bytes(b))
    }
}

impl ExcArg for f64 {
    fn from_item(tag: u8, p: &[u8]) -> Option<f64> {
        if tag != 2 || p.len() != 8 {
            return None;
        }
        let mut b = [0u8; 8];
        b.copy_from_slice(p);
        Some(f64::from_bits(u64::from_le_bytes(b)))
    }
}

impl ExcArg for bool {
    fn from_item(tag: u8, p: &[u8]) -> Option<bool> {
        if tag != 3 || p.len() != 1 {
            return None;
        }
        Some(p[0] != 0)
    }
}

impl ExcArg for PyStr {
    fn from_item(tag: u8, p: &[u8]) -> Option<PyStr> {
        if tag != 5 || p.len() < 4 {
            return None;
        }
        std::str::from_utf8(&p[4..]).ok().map(PyStr::from_str)
    }
}

/// Item `k` of an encoded tuple of scalars and strs: (tag, payload).
fn tuple_item(data: &[u8], k: usize) -> Option<(u8, &[u8])> {
    if data.len() < 5 || data[0] != 7 {
        return None;
    }
    let mut pos = 5;
    let mut i = 0;
    while pos < data.len() {
        let tag = data[pos];
        let size = match tag {
            1 | 2 => 8,
            3 => 1,
            4 => 0,
            5 => {
                if pos + 5 > data.len() {
                    return None;
                }
                let mut b = [0u8; 4];
                b.copy_from_slice(&data[pos + 1..pos + 5]);
                4 + u32::from_le_bytes(b) as usize
            }
            _ => return None,
        };
        if pos + 1 + size > data.len() {
            return None;
        }
        if i == k {
            return Some((tag, &data[pos + 1..pos + 1 + size]));
        }
        pos += 1 + size;
        i += 1;
    }
    None
}

/// `e.attr`, which the caught class's `__init__` sets to its parameter at
/// index `table[kind]`: that constructor argument. Anything unexpected (a
/// value of another type than the annotation) re-runs the call in CPython.
pub fn exc_attr<T: ExcArg>(e: &PyErr, table: &[(u32, usize)]) -> PyResult<T> {
    let unsupported = || PyErr::bail(crate::err::bail::UNSUPPORTED);
    let kind = e.kind();
    let k = match table.iter().find(|pair| pair.0 == kind) {
        Some(pair) => pair.1,
        None => return Err(unsupported()),
    };
    let args = match e {
        PyErr::Exc(x) => match &x.args {
            Some(a) => a,
            None => return Err(unsupported()),
        },
        _ => return Err(unsupported()),
    };
    match tuple_item(args, k) {
        Some((tag, payload)) => T::from_item(tag, payload).ok_or_else(unsupported),
        None => Err(unsupported()),
    }
}
