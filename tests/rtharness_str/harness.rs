// Conformance harness for portalis_rt's str, fmt and slice modules.
// Built by tests/test_runtime_str.py (cdylib, wasm32-wasi).
//
// The host writes a batch of calls into the input buffer (`h_in(len)` gives
// its address), `h_run(len)` runs them all and returns the length of the
// encoded outcomes at `h_out()`.
//
// A call:   [u16 name length][name][u8 argc] argc x arg
// An arg:   0 None | 1 int [i64] | 2 float [f64 bits] | 3 str [u32 len][utf-8] | 4 bool [u8]
// Outcome:  0 raise [u32 kind][u32 msg length, 0xffffffff: no message][msg]
//           1 bail [u32 reason]
//           2 ok [value]
//           3 harness error [u32 len][text]  (unknown call, bad arguments, broken invariant)
// A value:  10 None | 11 int [i64] | 13 str [u32 len][utf-8]
//           | 14 bool [u8] | 15 list [u32 n] n x value | 16 tuple [u32 n] n x value
// All integers little-endian.

use portalis_rt::err::Global;
use portalis_rt::prelude::*;

static IN: Global<Vec<u8>> = Global::new(Vec::new());
static OUT: Global<Vec<u8>> = Global::new(Vec::new());

#[no_mangle]
pub extern "C" fn h_in(len: u32) -> u32 {
    // SAFETY: single-threaded; the host writes before calling h_run.
    let buf = unsafe { &mut *IN.get() };
    buf.clear();
    buf.resize(len as usize, 0);
    buf.as_mut_ptr() as usize as u32
}

#[no_mangle]
pub extern "C" fn h_out() -> u32 {
    // SAFETY: single-threaded.
    unsafe { (*OUT.get()).as_ptr() as usize as u32 }
}

#[no_mangle]
pub extern "C" fn h_run(len: u32) -> u32 {
    // SAFETY: single-threaded; no other reference to the buffers exists.
    let input = unsafe { &*IN.get() };
    let out = unsafe { &mut *OUT.get() };
    out.clear();
    let mut r = Reader { b: &input[..len as usize], pos: 0 };
    while r.pos < r.b.len() {
        match r.call() {
            Some((name, args)) => run_one(out, &name, &args),
            None => {
                harness_error(out, "malformed batch");
                break;
            }
        }
    }
    out.len() as u32
}

// ---------------------------------------------------------------- decoding

enum Arg {
    None,
    Int(i64),
    Float(f64),
    Str(PyStr),
    Bool(bool),
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.pos + n > self.b.len() {
            return None;
        }
        let s = &self.b[self.pos..self.pos + n];
        self.pos += n;
        Some(s)
    }

    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|s| s[0])
    }

    fn u16(&mut self) -> Option<u16> {
        self.take(2).map(|s| u16::from_le_bytes([s[0], s[1]]))
    }

    fn u32(&mut self) -> Option<u32> {
        self.take(4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }

    fn u64(&mut self) -> Option<u64> {
        let s = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(s);
        Some(u64::from_le_bytes(a))
    }

    fn text(&mut self, n: usize) -> Option<String> {
        let s = self.take(n)?;
        String::from_utf8(s.to_vec()).ok()
    }

    fn call(&mut self) -> Option<(String, Vec<Arg>)> {
        let n = self.u16()? as usize;
        let name = self.text(n)?;
        let argc = self.u8()?;
        let mut args = Vec::new();
        for _ in 0..argc {
            args.push(match self.u8()? {
                0 => Arg::None,
                1 => Arg::Int(self.u64()? as i64),
                2 => Arg::Float(f64::from_bits(self.u64()?)),
                3 => {
                    let n = self.u32()? as usize;
                    Arg::Str(PyStr::from_string(self.text(n)?))
                }
                4 => Arg::Bool(self.u8()? != 0),
                _ => return None,
            });
        }
        Some((name, args))
    }
}

// ---------------------------------------------------------------- encoding

enum Val {
    None,
    Int(i64),
    Str(PyStr),
    Text(String),
    Bool(bool),
    List(Vec<Val>),
    Tuple(Vec<Val>),
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_text(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

/// Encodes `v`; false when a PyStr's cached length is not its code point count.
fn put_val(out: &mut Vec<u8>, v: &Val) -> bool {
    match v {
        Val::None => out.push(10),
        Val::Int(i) => {
            out.push(11);
            out.extend_from_slice(&i.to_le_bytes());
        }
        Val::Str(s) => {
            if s.len() != s.as_str().chars().count() as i64 || s.is_ascii() != s.as_str().is_ascii()
            {
                return false;
            }
            out.push(13);
            put_text(out, s.as_str());
        }
        Val::Text(s) => {
            out.push(13);
            put_text(out, s);
        }
        Val::Bool(b) => {
            out.push(14);
            out.push(*b as u8);
        }
        Val::List(items) | Val::Tuple(items) => {
            out.push(if let Val::List(_) = v { 15 } else { 16 });
            put_u32(out, items.len() as u32);
            for it in items {
                if !put_val(out, it) {
                    return false;
                }
            }
        }
    }
    true
}

fn harness_error(out: &mut Vec<u8>, msg: &str) {
    out.push(3);
    put_text(out, msg);
}

fn run_one(out: &mut Vec<u8>, name: &str, args: &[Arg]) {
    let r = match dispatch(name, args) {
        Some(r) => r,
        None => {
            harness_error(out, &format!("bad call {}/{}", name, args.len()));
            return;
        }
    };
    match r {
        Ok(v) => {
            let mark = out.len();
            out.push(2);
            if !put_val(out, &v) {
                out.truncate(mark);
                harness_error(out, "PyStr length cache is wrong");
            }
        }
        Err(PyErr::Raise { kind, msg }) => {
            out.push(0);
            put_u32(out, kind);
            match msg {
                Some(m) => put_text(out, &m),
                None => put_u32(out, 0xffff_ffff),
            }
        }
        Err(PyErr::Bail(reason)) => {
            out.push(1);
            put_u32(out, reason);
        }
        Err(PyErr::Exc(e)) => {
            // The runtime's own errors are never chained.
            out.push(0);
            put_u32(out, e.kind);
            match e.msg {
                Some(m) => put_text(out, &m),
                None => put_u32(out, 0xffff_ffff),
            }
        }
    }
}

// ---------------------------------------------------------------- dispatch

fn s(a: &[Arg], i: usize) -> Option<&PyStr> {
    match a.get(i)? {
        Arg::Str(s) => Some(s),
        _ => None,
    }
}

/// Some(None) for an Arg::None, Some(Some(s)) for a str.
fn os(a: &[Arg], i: usize) -> Option<Option<&PyStr>> {
    match a.get(i)? {
        Arg::Str(s) => Some(Some(s)),
        Arg::None => Some(None),
        _ => None,
    }
}

fn int(a: &[Arg], i: usize) -> Option<i64> {
    match a.get(i)? {
        Arg::Int(v) => Some(*v),
        _ => None,
    }
}

fn oint(a: &[Arg], i: usize) -> Option<Option<i64>> {
    match a.get(i)? {
        Arg::Int(v) => Some(Some(*v)),
        Arg::None => Some(None),
        _ => None,
    }
}

fn flt(a: &[Arg], i: usize) -> Option<f64> {
    match a.get(i)? {
        Arg::Float(v) => Some(*v),
        _ => None,
    }
}

fn boolean(a: &[Arg], i: usize) -> Option<bool> {
    match a.get(i)? {
        Arg::Bool(v) => Some(*v),
        _ => None,
    }
}

fn strs(v: Vec<PyStr>) -> Val {
    Val::List(v.into_iter().map(Val::Str).collect())
}

fn triple(t: (PyStr, PyStr, PyStr)) -> Val {
    Val::Tuple(vec![Val::Str(t.0), Val::Str(t.1), Val::Str(t.2)])
}

fn ok_str(r: PyResult<PyStr>) -> PyResult<Val> {
    r.map(Val::Str)
}

fn ok_bool(r: PyResult<bool>) -> PyResult<Val> {
    r.map(Val::Bool)
}

fn ok_text(r: PyResult<String>) -> PyResult<Val> {
    r.map(Val::Text)
}

fn dispatch(name: &str, a: &[Arg]) -> Option<PyResult<Val>> {
    Some(match name {
        // ---- construction / operators
        "len" => Ok(Val::Int(s(a, 0)?.len())),
        "roundtrip" => Ok(Val::Str(PyStr::from_str(s(a, 0)?.as_str()))),
        "get" => ok_str(s(a, 0)?.get(int(a, 1)?)),
        "slice" => ok_str(s(a, 0)?.slice(oint(a, 1)?, oint(a, 2)?, oint(a, 3)?)),
        "add" => Ok(Val::Str(s(a, 0)?.add(s(a, 1)?))),
        "mul" => ok_str(s(a, 0)?.mul(int(a, 1)?)),
        "contains" => Ok(Val::Bool(s(a, 0)?.contains(s(a, 1)?))),
        "iter" => Ok(Val::List(s(a, 0)?.iter().map(Val::Str).collect())),
        "cmp" => Ok(Val::Int(match s(a, 0)?.cmp(s(a, 1)?) {
            std::cmp::Ordering::Less => -1,
            std::cmp::Ordering::Equal => 0,
            std::cmp::Ordering::Greater => 1,
        })),
        "eq" => Ok(Val::Bool(s(a, 0)? == s(a, 1)?)),
        // ---- case
        "upper" => ok_str(s(a, 0)?.upper()),
        "lower" => ok_str(s(a, 0)?.lower()),
        "capitalize" => ok_str(s(a, 0)?.capitalize()),
        "title" => ok_str(s(a, 0)?.title()),
        "swapcase" => ok_str(s(a, 0)?.swapcase()),
        "casefold" => ok_str(s(a, 0)?.casefold()),
        // ---- strip / split / join / replace
        "strip" => ok_str(s(a, 0)?.strip(os(a, 1)?)),
        "lstrip" => ok_str(s(a, 0)?.lstrip(os(a, 1)?)),
        "rstrip" => ok_str(s(a, 0)?.rstrip(os(a, 1)?)),
        "split" => s(a, 0)?.split(os(a, 1)?, int(a, 2)?).map(strs),
        "rsplit" => s(a, 0)?.rsplit(os(a, 1)?, int(a, 2)?).map(strs),
        "splitlines" => s(a, 0)?.splitlines(boolean(a, 1)?).map(strs),
        "join" => {
            let mut items = Vec::new();
            for i in 1..a.len() {
                items.push(s(a, i)?.clone());
            }
            ok_str(s(a, 0)?.join(&items))
        }
        "replace" => ok_str(s(a, 0)?.replace(s(a, 1)?, s(a, 2)?, int(a, 3)?)),
        "partition" => s(a, 0)?.partition(s(a, 1)?).map(triple),
        "rpartition" => s(a, 0)?.rpartition(s(a, 1)?).map(triple),
        "removeprefix" => Ok(Val::Str(s(a, 0)?.removeprefix(s(a, 1)?))),
        "removesuffix" => Ok(Val::Str(s(a, 0)?.removesuffix(s(a, 1)?))),
        "expandtabs" => ok_str(s(a, 0)?.expandtabs(int(a, 1)?)),
        // ---- search
        "find" => Ok(Val::Int(s(a, 0)?.find(s(a, 1)?, oint(a, 2)?, oint(a, 3)?))),
        "rfind" => Ok(Val::Int(s(a, 0)?.rfind(s(a, 1)?, oint(a, 2)?, oint(a, 3)?))),
        "index" => s(a, 0)?.index(s(a, 1)?, oint(a, 2)?, oint(a, 3)?).map(Val::Int),
        "rindex" => s(a, 0)?.rindex(s(a, 1)?, oint(a, 2)?, oint(a, 3)?).map(Val::Int),
        "count" => Ok(Val::Int(s(a, 0)?.count(s(a, 1)?, oint(a, 2)?, oint(a, 3)?))),
        "startswith" => Ok(Val::Bool(s(a, 0)?.startswith(s(a, 1)?, oint(a, 2)?, oint(a, 3)?))),
        "endswith" => Ok(Val::Bool(s(a, 0)?.endswith(s(a, 1)?, oint(a, 2)?, oint(a, 3)?))),
        // ---- predicates
        "isdigit" => ok_bool(s(a, 0)?.isdigit()),
        "isdecimal" => ok_bool(s(a, 0)?.isdecimal()),
        "isnumeric" => ok_bool(s(a, 0)?.isnumeric()),
        "isalpha" => ok_bool(s(a, 0)?.isalpha()),
        "isalnum" => ok_bool(s(a, 0)?.isalnum()),
        "isspace" => ok_bool(s(a, 0)?.isspace()),
        "isupper" => ok_bool(s(a, 0)?.isupper()),
        "islower" => ok_bool(s(a, 0)?.islower()),
        "istitle" => ok_bool(s(a, 0)?.istitle()),
        "isascii" => ok_bool(s(a, 0)?.isascii()),
        "isidentifier" => ok_bool(s(a, 0)?.isidentifier()),
        "isprintable" => ok_bool(s(a, 0)?.isprintable()),
        // ---- padding, ord, chr
        "zfill" => ok_str(s(a, 0)?.zfill(int(a, 1)?)),
        "center" => ok_str(s(a, 0)?.center(int(a, 1)?, os(a, 2)?)),
        "ljust" => ok_str(s(a, 0)?.ljust(int(a, 1)?, os(a, 2)?)),
        "rjust" => ok_str(s(a, 0)?.rjust(int(a, 1)?, os(a, 2)?)),
        "ord" => s(a, 0)?.ord().map(Val::Int),
        "chr" => ok_str(pystr::chr(int(a, 0)?)),
        // ---- slice
        "indices" => pyslice::indices(int(a, 0)?, oint(a, 1)?, oint(a, 2)?, oint(a, 3)?).map(
            |(b, e, st, n)| Val::Tuple(vec![Val::Int(b), Val::Int(e), Val::Int(st), Val::Int(n)]),
        ),
        "normalize_index" => Ok(match pyslice::normalize_index(int(a, 0)?, int(a, 1)?) {
            Some(j) => Val::Int(j as i64),
            None => Val::None,
        }),
        // ---- fmt
        "repr_float" => Ok(Val::Text(pyfmt::repr_float(flt(a, 0)?))),
        "str_float" => Ok(Val::Text(pyfmt::str_float(flt(a, 0)?))),
        "str_int" => Ok(Val::Text(pyfmt::str_int(int(a, 0)?))),
        "str_bool" => Ok(Val::Text(pyfmt::str_bool(boolean(a, 0)?))),
        "repr_str" => ok_text(pyfmt::repr_str(s(a, 0)?)),
        "format_int" => ok_text(pyfmt::format_int(int(a, 0)?, s(a, 1)?.as_str())),
        "format_float" => ok_text(pyfmt::format_float(flt(a, 0)?, s(a, 1)?.as_str())),
        "format_str" => ok_text(pyfmt::format_str(s(a, 0)?, s(a, 1)?.as_str())),
        "format_bool" => ok_text(pyfmt::format_bool(boolean(a, 0)?, s(a, 1)?.as_str())),
        _ => return None,
    })
}
