//! Values that cross the WASM boundary as bytes: str, list, tuple (and the
//! scalars inside them).
//!
//! Encoding (little-endian), one tag byte per value:
//!   0x01 int: i64 | 0x02 float: f64 bits | 0x03 bool: u8 | 0x04 None
//!   0x05 str: u32 byte length + UTF-8 | 0x06 list: u32 count + items
//!   0x07 tuple: u32 count + items
//!   0x08 alias of argument k: u32 k  (the result *is* that argument's list)
//!   0x09 back-reference: u32 k       (the k-th list written in this result)
//!   0x0c instance: u32 class index + u32 field count + fields (see below)
//!   0x0a list[int] as one block: u32 count + count * i64
//!   0x0b list[float] as one block: u32 count + count * f64 bits
//!   0x0d dict: u32 count + count * (key, value), in insertion order
//! The two flat list forms let the host copy a whole list[int]/list[float]
//! with one memmove instead of a tag per element (marshal.py).
//! Aliases and back-references let the host rebuild exactly the object
//! identities CPython would have produced (`return xs`, `[row, row]`).
//!
//! Exports whose signature has class instances read their arguments with
//! `Reader::args_tracked()`: every list and instance read is remembered (in
//! the order the host encoded them, parents first), results refer to them
//! by alias, and after the call each one's final contents are written back
//! so the host can update its own objects in place (`write_back_all`).
//! On this path an argument list or dict the host already sent (one object
//! reachable twice, `[row, row]`) arrives as `0x08 k`: the k-th tracked
//! object itself, so WASM sees one object as CPython does.
//! Dicts are tracked like lists: a dict's write-back is its whole final
//! contents in insertion order (the host clears and refills its own dict).

use crate::dict::PyDict;
use crate::err::{bail, Global, PyErr, PyResult};
use crate::list::PyList;
use std::any::Any;
use std::hash::Hash;
use crate::str::PyStr;

const T_INT: u8 = 1;
const T_FLOAT: u8 = 2;
const T_BOOL: u8 = 3;
const T_NONE: u8 = 4;
const T_STR: u8 = 5;
const T_LIST: u8 = 6;
const T_TUPLE: u8 = 7;
const T_ALIAS: u8 = 8;
const T_BACKREF: u8 = 9;
const T_INTS: u8 = 10;
const T_FLOATS: u8 = 11;
const T_OBJ: u8 = 12;
const T_DICT: u8 = 13;

static ARGS: Global<Vec<u8>> = Global::new(Vec::new());
static RESULT: Global<Vec<u8>> = Global::new(Vec::new());

#[repr(C)]
pub struct BufInfo {
    pub ptr: u32,
    pub len: u32,
}

static RESULT_INFO: Global<BufInfo> = Global::new(BufInfo { ptr: 0, len: 0 });

/// Make the argument buffer `n` bytes long and return its address.
pub fn args_reserve(n: u32) -> u32 {
    let buf = unsafe { &mut *ARGS.get() };
    buf.clear();
    buf.resize(n as usize, 0);
    buf.as_ptr() as usize as u32
}

pub fn result_info() -> u32 {
    let buf = unsafe { &*RESULT.get() };
    let info = unsafe { &mut *RESULT_INFO.get() };
    info.ptr = buf.as_ptr() as usize as u32;
    info.len = buf.len() as u32;
    info as *const BufInfo as usize as u32
}

pub struct Reader {
    pos: usize,
    tracked: Option<Vec<(usize, Box<dyn Tracked>, Box<dyn Any>)>>,
}

/// A mutable object that came from the host: its contents go back after the call.
pub trait Tracked {
    fn write_back(&self, w: &mut Writer);
}

impl<T: ToAbi + Clone + 'static> Tracked for PyList<T> {
    fn write_back(&self, w: &mut Writer) {
        write_arg_back(w, self);
    }
}

fn malformed() -> PyErr {
    // The host wrote something this build does not understand: run in CPython.
    PyErr::bail(bail::UNSUPPORTED)
}

impl Reader {
    pub fn args() -> Reader {
        Reader { pos: 0, tracked: None }
    }

    /// A reader that remembers every list and instance it builds (see the module doc).
    pub fn args_tracked() -> Reader {
        Reader { pos: 0, tracked: Some(Vec::new()) }
    }

    pub fn is_tracking(&self) -> bool {
        self.tracked.is_some()
    }

    /// Remember a host object (no-op for an untracked reader).
    pub fn track<T: Tracked + Clone + 'static>(&mut self, address: usize, obj: T) {
        if let Some(t) = self.tracked.as_mut() {
            t.push((address, Box::new(obj.clone()), Box::new(obj)));
        }
    }

    /// The k-th tracked object again (tag already read), if it has type `T`;
    /// anything else is a host/WASM disagreement: the call runs in CPython.
    fn shared<T: Clone + 'static>(&mut self) -> PyResult<T> {
        let k = self.u32()? as usize;
        let t = self.tracked.as_ref().ok_or_else(malformed)?;
        let (_, _, obj) = t.get(k).ok_or_else(malformed)?;
        obj.downcast_ref::<T>().cloned().ok_or_else(malformed)
    }

    /// A writer whose aliases are the tracked objects, in reading order.
    pub fn writer(&self) -> Writer {
        let args = match &self.tracked {
            Some(t) => t.iter().map(|(a, _, _)| *a).collect(),
            None => Vec::new(),
        };
        Writer::new(args)
    }

    /// Each tracked object's final contents, in reading order.
    pub fn write_back_all(&self, w: &mut Writer) {
        if let Some(t) = &self.tracked {
            for (_, obj, _) in t.iter() {
                obj.write_back(w);
            }
        }
    }

    /// The header of an instance of class `class_index` with `fields` attributes.
    pub fn object(&mut self, class_index: u32, fields: u32) -> PyResult<()> {
        self.expect(T_OBJ)?;
        if self.u32()? != class_index || self.u32()? != fields {
            return Err(malformed());
        }
        Ok(())
    }

    fn buf(&self) -> &'static [u8] {
        unsafe { &*ARGS.get() }
    }

    fn byte(&mut self) -> PyResult<u8> {
        let b = *self.buf().get(self.pos).ok_or_else(malformed)?;
        self.pos += 1;
        Ok(b)
    }

    fn bytes(&mut self, n: usize) -> PyResult<&'static [u8]> {
        let end = self.pos.checked_add(n).ok_or_else(malformed)?;
        let out = self.buf().get(self.pos..end).ok_or_else(malformed)?;
        self.pos = end;
        Ok(out)
    }

    fn u32(&mut self) -> PyResult<u32> {
        let b = self.bytes(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u64(&mut self) -> PyResult<u64> {
        let b = self.bytes(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }

    fn expect(&mut self, tag: u8) -> PyResult<()> {
        if self.byte()? == tag {
            Ok(())
        } else {
            Err(malformed())
        }
    }

    pub fn read<T: FromAbi>(&mut self) -> PyResult<T> {
        T::read(self)
    }
}

pub trait FromAbi: Sized {
    fn read(r: &mut Reader) -> PyResult<Self>;

    /// The items of a flat list block (tag and count already read), for the
    /// types that have one (int, float).
    fn read_flat(_r: &mut Reader, _tag: u8, _n: usize) -> PyResult<Vec<Self>> {
        Err(malformed())
    }
}

/// The `n` little-endian 8-byte words of a flat block.
fn flat_words(r: &mut Reader, n: usize) -> PyResult<impl Iterator<Item = u64>> {
    let bytes = r.bytes(n.checked_mul(8).ok_or_else(malformed)?)?;
    Ok(bytes.chunks_exact(8).map(|c| {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        u64::from_le_bytes(a)
    }))
}

impl FromAbi for i64 {
    fn read(r: &mut Reader) -> PyResult<i64> {
        r.expect(T_INT)?;
        Ok(r.u64()? as i64)
    }

    fn read_flat(r: &mut Reader, tag: u8, n: usize) -> PyResult<Vec<i64>> {
        if tag != T_INTS {
            return Err(malformed());
        }
        Ok(flat_words(r, n)?.map(|v| v as i64).collect())
    }
}

impl FromAbi for f64 {
    fn read(r: &mut Reader) -> PyResult<f64> {
        r.expect(T_FLOAT)?;
        Ok(f64::from_bits(r.u64()?))
    }

    fn read_flat(r: &mut Reader, tag: u8, n: usize) -> PyResult<Vec<f64>> {
        if tag != T_FLOATS {
            return Err(malformed());
        }
        Ok(flat_words(r, n)?.map(f64::from_bits).collect())
    }
}

impl FromAbi for bool {
    fn read(r: &mut Reader) -> PyResult<bool> {
        r.expect(T_BOOL)?;
        Ok(r.byte()? != 0)
    }
}

impl FromAbi for () {
    fn read(r: &mut Reader) -> PyResult<()> {
        r.expect(T_NONE)
    }
}

impl FromAbi for PyStr {
    fn read(r: &mut Reader) -> PyResult<PyStr> {
        r.expect(T_STR)?;
        let n = r.u32()? as usize;
        let bytes = r.bytes(n)?;
        match std::str::from_utf8(bytes) {
            Ok(s) => Ok(PyStr::from_str(s)),
            Err(_) => Err(malformed()),
        }
    }
}

impl<T: FromAbi + ToAbi + Clone + 'static> FromAbi for PyList<T> {
    fn read(r: &mut Reader) -> PyResult<PyList<T>> {
        let tag = r.byte()?;
        if tag == T_ALIAS {
            return r.shared();
        }
        let n = r.u32()? as usize;
        if tag != T_LIST {
            let list = PyList::from_vec(T::read_flat(r, tag, n)?);
            r.track(list.address(), list.clone());
            return Ok(list);
        }
        if r.is_tracking() {
            // Remembered before its items: the host numbers objects parents first.
            let list: PyList<T> = PyList::new();
            r.track(list.address(), list.clone());
            for _ in 0..n {
                list.append(T::read(r)?);
            }
            return Ok(list);
        }
        let mut items = Vec::with_capacity(n.min(1 << 20));
        for _ in 0..n {
            items.push(T::read(r)?);
        }
        Ok(PyList::from_vec(items))
    }
}

impl<K, V> FromAbi for PyDict<K, V>
where
    K: FromAbi + ToAbi + Clone + Eq + Hash + 'static,
    V: FromAbi + ToAbi + Clone + 'static,
{
    fn read(r: &mut Reader) -> PyResult<PyDict<K, V>> {
        match r.byte()? {
            T_DICT => {}
            T_ALIAS => return r.shared(),
            _ => return Err(malformed()),
        }
        let n = r.u32()? as usize;
        // Remembered before its items: the host numbers objects parents first.
        let d: PyDict<K, V> = PyDict::new();
        r.track(d.address(), d.clone());
        for _ in 0..n {
            let k = K::read(r)?;
            let v = V::read(r)?;
            if d.contains(&k) {
                return Err(malformed()); // a host dict never repeats a key
            }
            d.set_item(k, v);
        }
        Ok(d)
    }
}

impl<K, V> Tracked for PyDict<K, V>
where
    K: ToAbi + Clone + Eq + Hash + 'static,
    V: ToAbi + Clone + 'static,
{
    fn write_back(&self, w: &mut Writer) {
        write_dict_items(w, self);
    }
}

impl<K: ToAbi + Clone + Eq + Hash, V: ToAbi + Clone> ToAbi for PyDict<K, V> {
    fn write(&self, w: &mut Writer) {
        if !w.reference(self.address()) {
            write_dict_items(w, self);
        }
    }
}

/// A dict's items in insertion order (the host rebuilds or refills it in that order).
fn write_dict_items<K: ToAbi + Clone + Eq + Hash, V: ToAbi + Clone>(
    w: &mut Writer,
    d: &PyDict<K, V>,
) {
    let items = d.items();
    w.tag(T_DICT);
    w.u32(items.len() as u32);
    for (k, v) in items.iter() {
        k.write(w);
        v.write(w);
    }
}

impl<T: FromAbi> FromAbi for Option<T> {
    fn read(r: &mut Reader) -> PyResult<Option<T>> {
        if r.buf().get(r.pos) == Some(&T_NONE) {
            r.pos += 1;
            return Ok(None);
        }
        Ok(Some(T::read(r)?))
    }
}

impl<T: ToAbi> ToAbi for Option<T> {
    fn write(&self, w: &mut Writer) {
        match self {
            Some(v) => v.write(w),
            None => w.tag(T_NONE),
        }
    }
}

macro_rules! tuple_abi {
    ($n:expr, $($t:ident $i:tt),+) => {
        impl<$($t: FromAbi),+> FromAbi for ($($t,)+) {
            fn read(r: &mut Reader) -> PyResult<Self> {
                r.expect(T_TUPLE)?;
                if r.u32()? != $n {
                    return Err(malformed());
                }
                Ok(($($t::read(r)?,)+))
            }
        }
        impl<$($t: ToAbi),+> ToAbi for ($($t,)+) {
            fn write(&self, w: &mut Writer) {
                w.tag(T_TUPLE);
                w.u32($n);
                $(self.$i.write(w);)+
            }
        }
    };
}

tuple_abi!(1, A 0);
tuple_abi!(2, A 0, B 1);
tuple_abi!(3, A 0, B 1, C 2);
tuple_abi!(4, A 0, B 1, C 2, D 3);
tuple_abi!(5, A 0, B 1, C 2, D 3, E 4);

pub struct Writer {
    buf: Vec<u8>,
    args: Vec<usize>,
    lists: Vec<usize>,
}

impl Writer {
    /// `args`: addresses of the argument lists, so results can point back at them.
    pub fn new(args: Vec<usize>) -> Writer {
        Writer { buf: Vec::new(), args: args, lists: Vec::new() }
    }

    fn tag(&mut self, t: u8) {
        self.buf.push(t);
    }

    fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    pub fn put<T: ToAbi + ?Sized>(&mut self, v: &T) {
        v.write(self);
    }

    /// For an instance at `address`: write an alias or back-reference and
    /// return true when the host already knows it; otherwise remember it
    /// (so cycles refer back to it) and return false.
    pub fn reference(&mut self, address: usize) -> bool {
        if let Some(k) = self.args.iter().position(|a| *a == address) {
            self.tag(T_ALIAS);
            self.u32(k as u32);
            return true;
        }
        if let Some(k) = self.lists.iter().position(|a| *a == address) {
            self.tag(T_BACKREF);
            self.u32(k as u32);
            return true;
        }
        self.lists.push(address);
        false
    }

    /// The header of an instance (its fields follow).
    pub fn object(&mut self, class_index: u32, fields: u32) {
        self.tag(T_OBJ);
        self.u32(class_index);
        self.u32(fields);
    }

    /// Publish the bytes for the host to read through `result_info`.
    pub fn finish(self) {
        unsafe {
            *RESULT.get() = self.buf;
        }
    }
}

pub trait ToAbi {
    fn write(&self, w: &mut Writer);

    /// Write a whole list of these as one flat block (tag, count, items);
    /// false for the types that have no flat form.
    fn write_flat(_items: &[Self], _w: &mut Writer) -> bool
    where
        Self: Sized,
    {
        false
    }
}

impl ToAbi for i64 {
    fn write(&self, w: &mut Writer) {
        w.tag(T_INT);
        w.buf.extend_from_slice(&self.to_le_bytes());
    }

    fn write_flat(items: &[i64], w: &mut Writer) -> bool {
        w.tag(T_INTS);
        w.u32(items.len() as u32);
        w.buf.reserve(items.len() * 8);
        for v in items.iter() {
            w.buf.extend_from_slice(&v.to_le_bytes());
        }
        true
    }
}

impl ToAbi for f64 {
    fn write(&self, w: &mut Writer) {
        w.tag(T_FLOAT);
        w.buf.extend_from_slice(&self.to_bits().to_le_bytes());
    }

    fn write_flat(items: &[f64], w: &mut Writer) -> bool {
        w.tag(T_FLOATS);
        w.u32(items.len() as u32);
        w.buf.reserve(items.len() * 8);
        for v in items.iter() {
            w.buf.extend_from_slice(&v.to_bits().to_le_bytes());
        }
        true
    }
}

impl ToAbi for bool {
    fn write(&self, w: &mut Writer) {
        w.tag(T_BOOL);
        w.buf.push(*self as u8);
    }
}

impl ToAbi for () {
    fn write(&self, w: &mut Writer) {
        w.tag(T_NONE);
    }
}

impl ToAbi for PyStr {
    fn write(&self, w: &mut Writer) {
        w.tag(T_STR);
        let s = self.as_str();
        w.u32(s.len() as u32);
        w.buf.extend_from_slice(s.as_bytes());
    }
}

impl<T: ToAbi + Clone> ToAbi for PyList<T> {
    fn write(&self, w: &mut Writer) {
        let p = self.address();
        if let Some(k) = w.args.iter().position(|a| *a == p) {
            w.tag(T_ALIAS);
            w.u32(k as u32);
            return;
        }
        if let Some(k) = w.lists.iter().position(|a| *a == p) {
            w.tag(T_BACKREF);
            w.u32(k as u32);
            return;
        }
        w.lists.push(p);
        let items = self.to_vec();
        if T::write_flat(&items, w) {
            return;
        }
        w.tag(T_LIST);
        w.u32(items.len() as u32);
        for item in items.iter() {
            item.write(w);
        }
    }
}

/// Write the mutated state of an argument list itself (never an alias of itself).
pub fn write_arg_back<T: ToAbi + Clone>(w: &mut Writer, list: &PyList<T>) {
    let items = list.to_vec();
    if T::write_flat(&items, w) {
        return;
    }
    w.tag(T_LIST);
    w.u32(items.len() as u32);
    for item in items.iter() {
        item.write(w);
    }
}

/// The bytes of one value, outside any call (a module exception's
/// constructor arguments travel this way, see raise.rs).
pub fn encode<T: ToAbi + ?Sized>(v: &T) -> Vec<u8> {
    let mut w = Writer::new(Vec::new());
    v.write(&mut w);
    w.buf
}
