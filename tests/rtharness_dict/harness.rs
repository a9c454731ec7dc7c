// Conformance harness for portalis_rt's dict and set modules.
// Built by tests/test_runtime_dict_set.py (cdylib, wasm32-wasi).
//
// The host writes a batch of operation scripts into the input buffer
// (`h_in(len)` gives its address); `h_run(len)` runs them all and returns the
// length of the encoded outcomes at `h_out()`.
//
// A script: [u8 kind][u32 op count] ops
//   kind: 0 dict[int,int]  1 dict[str,int]  2 dict[bool,int]  3 dict[tuple[int,int],int]
//         10 set[int]      11 set[str]      12 set[bool]      13 set[tuple[int,int]]
// An op:    [u8 code][u8 a][u8 b][u8 c][value x][value y]
//   a, b, c name variables (0..3) or iterator slots (0..3); x, y are arguments.
// A value:  0 None | 1 int [i64] | 3 str [u32 len][utf-8] | 4 bool [u8]
//           | 6 list [u32 n] n x value | 7 tuple [u32 n] n x value
// Output, per script: [u32 op count] then per op an outcome:
//           0 raise [u32 kind][u32 msg length, 0xffffffff: no message][msg]
//           1 bail [u32 reason]
//           2 ok [value]
//           3 harness error [u32 len][text]
// A result value: 10 None | 11 int [i64] | 13 str [u32 len][utf-8] | 14 bool [u8]
//           | 15 list [u32 n] n x value | 16 tuple [u32 n] n x value
// All integers little-endian.

use std::hash::Hash;

use portalis_rt::dict::{KeyArg, PyDictIter};
use portalis_rt::err::Global;
use portalis_rt::list::PyRepr;
use portalis_rt::prelude::*;
use portalis_rt::set::{PyHash, PySetIter};

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
        if run_script(&mut r, out).is_none() {
            harness_error(out, "malformed batch");
            break;
        }
    }
    out.len() as u32
}

// ---------------------------------------------------------------- values

#[derive(Clone, Debug)]
enum Val {
    None,
    Int(i64),
    Str(String),
    Bool(bool),
    List(Vec<Val>),
    Tuple(Vec<Val>),
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

    fn u32(&mut self) -> Option<u32> {
        self.take(4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }

    fn i64(&mut self) -> Option<i64> {
        let s = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(s);
        Some(i64::from_le_bytes(a))
    }

    fn val(&mut self) -> Option<Val> {
        Some(match self.u8()? {
            0 => Val::None,
            1 => Val::Int(self.i64()?),
            3 => {
                let n = self.u32()? as usize;
                Val::Str(String::from_utf8(self.take(n)?.to_vec()).ok()?)
            }
            4 => Val::Bool(self.u8()? != 0),
            t @ 6 | t @ 7 => {
                let n = self.u32()? as usize;
                let mut items = Vec::new();
                for _ in 0..n {
                    items.push(self.val()?);
                }
                if t == 6 {
                    Val::List(items)
                } else {
                    Val::Tuple(items)
                }
            }
            _ => return None,
        })
    }
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_text(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

fn put_val(out: &mut Vec<u8>, v: &Val) {
    match v {
        Val::None => out.push(10),
        Val::Int(i) => {
            out.push(11);
            out.extend_from_slice(&i.to_le_bytes());
        }
        Val::Str(s) => {
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
                put_val(out, it);
            }
        }
    }
}

fn harness_error(out: &mut Vec<u8>, msg: &str) {
    out.push(3);
    put_text(out, msg);
}

fn put_outcome(out: &mut Vec<u8>, r: Result<PyResult<Val>, String>) {
    match r {
        Err(msg) => harness_error(out, &msg),
        Ok(Ok(v)) => {
            out.push(2);
            put_val(out, &v);
        }
        Ok(Err(PyErr::Raise { kind, msg })) => {
            out.push(0);
            put_u32(out, kind);
            match msg {
                Some(m) => put_text(out, &m),
                None => put_u32(out, 0xffff_ffff),
            }
        }
        Ok(Err(PyErr::Bail(reason))) => {
            out.push(1);
            put_u32(out, reason);
        }
        Ok(Err(PyErr::Exc(e))) => {
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

// ---------------------------------------------------------------- key types

trait HKey: Clone + Eq + Hash + Ord + PyHash + KeyArg + PyRepr + 'static {
    fn from_val(v: &Val) -> Option<Self>;
    fn to_val(&self) -> Val;
}

impl HKey for i64 {
    fn from_val(v: &Val) -> Option<Self> {
        match v {
            Val::Int(i) => Some(*i),
            _ => None,
        }
    }
    fn to_val(&self) -> Val {
        Val::Int(*self)
    }
}

impl HKey for bool {
    fn from_val(v: &Val) -> Option<Self> {
        match v {
            Val::Bool(b) => Some(*b),
            _ => None,
        }
    }
    fn to_val(&self) -> Val {
        Val::Bool(*self)
    }
}

impl HKey for PyStr {
    fn from_val(v: &Val) -> Option<Self> {
        match v {
            Val::Str(s) => Some(PyStr::from_str(s)),
            _ => None,
        }
    }
    fn to_val(&self) -> Val {
        Val::Str(self.as_str().to_string())
    }
}

impl HKey for (i64, i64) {
    fn from_val(v: &Val) -> Option<Self> {
        match v {
            Val::Tuple(items) if items.len() == 2 => match (&items[0], &items[1]) {
                (Val::Int(a), Val::Int(b)) => Some((*a, *b)),
                _ => None,
            },
            _ => None,
        }
    }
    fn to_val(&self) -> Val {
        Val::Tuple(vec![Val::Int(self.0), Val::Int(self.1)])
    }
}

fn key<K: HKey>(v: &Val) -> Result<K, String> {
    K::from_val(v).ok_or_else(|| format!("bad key {:?}", v))
}

fn int(v: &Val) -> Result<i64, String> {
    match v {
        Val::Int(i) => Ok(*i),
        _ => Err(format!("bad int {:?}", v)),
    }
}

fn keys<K: HKey>(v: &Val) -> Result<Vec<K>, String> {
    match v {
        Val::List(items) => items.iter().map(key::<K>).collect(),
        _ => Err(format!("bad list {:?}", v)),
    }
}

fn list_of<K: HKey>(items: &[K]) -> Val {
    Val::List(items.iter().map(|k| k.to_val()).collect())
}

// ---------------------------------------------------------------- scripts

struct Op {
    code: u8,
    a: usize,
    b: usize,
    c: usize,
    x: Val,
    y: Val,
}

fn run_script(r: &mut Reader, out: &mut Vec<u8>) -> Option<()> {
    let kind = r.u8()?;
    let n = r.u32()?;
    let mut ops = Vec::new();
    for _ in 0..n {
        let code = r.u8()?;
        let a = r.u8()? as usize;
        let b = r.u8()? as usize;
        let c = r.u8()? as usize;
        let x = r.val()?;
        let y = r.val()?;
        if a > 3 || b > 3 || c > 3 {
            return None;
        }
        ops.push(Op { code, a, b, c, x, y });
    }
    put_u32(out, n);
    match kind {
        0 => run_dict::<i64>(&ops, out),
        1 => run_dict::<PyStr>(&ops, out),
        2 => run_dict::<bool>(&ops, out),
        3 => run_dict::<(i64, i64)>(&ops, out),
        10 => run_set::<i64>(&ops, out),
        11 => run_set::<PyStr>(&ops, out),
        12 => run_set::<bool>(&ops, out),
        13 => run_set::<(i64, i64)>(&ops, out),
        _ => return None,
    }
    Some(())
}

fn ok(v: Val) -> Result<PyResult<Val>, String> {
    Ok(Ok(v))
}

fn none() -> Result<PyResult<Val>, String> {
    Ok(Ok(Val::None))
}

// ---------------------------------------------------------------- dicts

fn run_dict<K: HKey>(ops: &[Op], out: &mut Vec<u8>) {
    let mut vars: Vec<PyDict<K, i64>> = (0..4).map(|_| PyDict::new()).collect();
    let mut its: Vec<Option<(PyDictIter<K, i64>, u8)>> = (0..4).map(|_| None).collect();
    for op in ops {
        let r = dict_op(op, &mut vars, &mut its);
        put_outcome(out, r);
    }
}

fn item_val<K: HKey>(kv: &(K, i64)) -> Val {
    Val::Tuple(vec![kv.0.to_val(), Val::Int(kv.1)])
}

fn dict_op<K: HKey>(
    op: &Op,
    vars: &mut [PyDict<K, i64>],
    its: &mut [Option<(PyDictIter<K, i64>, u8)>],
) -> Result<PyResult<Val>, String> {
    let d = vars[op.a].clone();
    match op.code {
        1 => {
            d.set_item(key(&op.x)?, int(&op.y)?);
            none()
        }
        2 => Ok(d.get_item(&key(&op.x)?).map(Val::Int)),
        3 => Ok(d.del_item(&key(&op.x)?).map(|_| Val::None)),
        4 => ok(Val::Bool(d.contains(&key(&op.x)?))),
        5 => ok(match d.get(&key(&op.x)?) {
            Some(v) => Val::Int(v),
            None => Val::None,
        }),
        6 => ok(Val::Int(d.get_or(&key(&op.x)?, int(&op.y)?))),
        7 => ok(Val::Int(d.setdefault(key(&op.x)?, int(&op.y)?))),
        8 => Ok(d.pop(&key(&op.x)?).map(Val::Int)),
        9 => ok(Val::Int(d.pop_or(&key(&op.x)?, int(&op.y)?))),
        10 => Ok(d.popitem().map(|kv| item_val(&kv))),
        11 => ok(Val::Int(d.len())),
        12 => ok(list_of(&d.keys())),
        13 => ok(Val::List(d.values().into_iter().map(Val::Int).collect())),
        14 => ok(Val::List(d.items().iter().map(item_val).collect())),
        15 => {
            d.update(&vars[op.b]);
            none()
        }
        16 => {
            d.clear();
            none()
        }
        17 => {
            vars[op.a] = vars[op.b].copy();
            none()
        }
        18 => {
            vars[op.a] = vars[op.b].clone();
            none()
        }
        19 => ok(Val::Bool(vars[op.a] == vars[op.b])),
        20 => {
            let pairs = match &op.x {
                Val::List(items) => items
                    .iter()
                    .map(|it| match it {
                        Val::Tuple(kv) if kv.len() == 2 => Ok((key::<K>(&kv[0])?, int(&kv[1])?)),
                        _ => Err(format!("bad pair {:?}", it)),
                    })
                    .collect::<Result<Vec<_>, String>>()?,
                _ => return Err("bad pairs".to_string()),
            };
            vars[op.a] = PyDict::from_pairs(pairs);
            none()
        }
        21 => Ok(d.py_repr().map(Val::Str)),
        22 => {
            its[op.b] = Some((d.iter_keys(), op.c as u8));
            none()
        }
        23 => match &mut its[op.a] {
            Some((it, mode)) => {
                let r = match mode {
                    0 => it.next_key().map(|o| o.map(|k| k.to_val())),
                    1 => it.next_value().map(|o| o.map(Val::Int)),
                    _ => it.next_item().map(|o| o.map(|kv| item_val(&kv))),
                };
                Ok(r.map(|o| o.unwrap_or(Val::None)))
            }
            None => none(),
        },
        24 => {
            vars[op.a] = vars[op.b].union(&vars[op.c]);
            none()
        }
        25 => {
            vars[op.a] = PyDict::from_keys(keys::<K>(&op.x)?, int(&op.y)?);
            none()
        }
        _ => Err(format!("bad dict op {}", op.code)),
    }
}

// ---------------------------------------------------------------- sets

fn run_set<K: HKey>(ops: &[Op], out: &mut Vec<u8>) {
    let mut vars: Vec<PySet<K>> = (0..4).map(|_| PySet::new()).collect();
    let mut its: Vec<Option<PySetIter<K>>> = (0..4).map(|_| None).collect();
    for op in ops {
        let r = set_op(op, &mut vars, &mut its);
        put_outcome(out, r);
    }
}

fn set_op<K: HKey>(op: &Op, vars: &mut [PySet<K>], its: &mut [Option<PySetIter<K>>]) -> Result<PyResult<Val>, String> {
    let s = vars[op.a].clone();
    match op.code {
        40 => {
            s.add(key(&op.x)?);
            none()
        }
        41 => {
            s.discard(&key(&op.x)?);
            none()
        }
        42 => Ok(s.remove(&key(&op.x)?).map(|_| Val::None)),
        43 => ok(Val::Bool(s.contains(&key(&op.x)?))),
        44 => Ok(s.pop().map(|k| k.to_val())),
        45 => {
            s.clear();
            none()
        }
        46 => ok(Val::Int(s.len())),
        47 => Ok(s.to_vec().map(|v| list_of(&v))),
        48 => {
            vars[op.a] = PySet::from_vec(keys::<K>(&op.x)?);
            none()
        }
        49 => match PySet::from_const_display(keys::<K>(&op.x)?) {
            Ok(t) => {
                vars[op.a] = t;
                none()
            }
            Err(e) => Ok(Err(e)),
        },
        50 => match PySet::const_frozen(keys::<K>(&op.x)?) {
            Ok(t) => Ok(t.to_vec().map(|v| list_of(&v))),
            Err(e) => Ok(Err(e)),
        },
        51 => {
            vars[op.a] = vars[op.b].copy();
            none()
        }
        52 => {
            vars[op.a] = vars[op.b].clone();
            none()
        }
        53 => {
            vars[op.a] = vars[op.b].union(&vars[op.c]);
            none()
        }
        54 => {
            vars[op.a] = vars[op.b].intersection(&vars[op.c]);
            none()
        }
        55 => {
            vars[op.a] = vars[op.b].difference(&vars[op.c]);
            none()
        }
        56 => {
            vars[op.a] = vars[op.b].symmetric_difference(&vars[op.c]);
            none()
        }
        57 => {
            s.update(&vars[op.b]);
            none()
        }
        58 => {
            s.intersection_update(&vars[op.b]);
            none()
        }
        59 => {
            s.difference_update(&vars[op.b]);
            none()
        }
        60 => {
            s.symmetric_difference_update(&vars[op.b]);
            none()
        }
        61 => {
            s.update_from_vec(keys::<K>(&op.x)?);
            none()
        }
        62 => ok(Val::Bool(s.issubset(&vars[op.b]))),
        63 => ok(Val::Bool(s.issuperset(&vars[op.b]))),
        64 => ok(Val::Bool(s.isdisjoint(&vars[op.b]))),
        65 => ok(Val::Bool(s == vars[op.b])),
        66 => ok(Val::Bool(s.is_proper_subset(&vars[op.b]))),
        67 => ok(Val::Bool(s.is_proper_superset(&vars[op.b]))),
        68 => {
            let d: PyDict<K, i64> = PyDict::from_keys(keys::<K>(&op.x)?, 0);
            vars[op.a] = PySet::from_dict(&d);
            none()
        }
        69 => Ok(s.py_repr().map(Val::Str)),
        70 => ok(list_of(&s.to_sorted_vec())),
        71 => Ok(s.min().map(|k| k.to_val())),
        72 => Ok(s.max().map(|k| k.to_val())),
        73 => Ok(set_sum(&s)),
        74 => {
            its[op.b] = Some(s.iter());
            none()
        }
        75 => match &mut its[op.a] {
            Some(it) => Ok(it.next_item().map(|o| match o {
                Some(k) => k.to_val(),
                None => Val::None,
            })),
            None => none(),
        },
        76 => {
            let d: PyDict<K, i64> = PyDict::from_keys(keys::<K>(&op.x)?, 0);
            s.update_from_dict(&d);
            none()
        }
        _ => Err(format!("bad set op {}", op.code)),
    }
}

/// `sum(s)` where the runtime has one (int and bool sets).
fn set_sum<K: HKey>(s: &PySet<K>) -> PyResult<Val> {
    let any: &dyn std::any::Any = s;
    if let Some(si) = any.downcast_ref::<PySet<i64>>() {
        return si.sum().map(Val::Int);
    }
    if let Some(sb) = any.downcast_ref::<PySet<bool>>() {
        return sb.sum().map(Val::Int);
    }
    Err(PyErr::bail(999))
}
