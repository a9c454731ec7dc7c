//! Python `str`: an immutable, cheaply cloned UTF-8 string that knows its
//! length in code points, with CPython's methods (Objects/unicodeobject.c,
//! Objects/stringlib/).
//!
//! Exactness rule: wherever CPython's answer depends on the Unicode database
//! (case mapping, the `is*` predicates, what counts as whitespace for
//! `split()`/`strip()` without an argument, `splitlines` boundaries), the
//! ASCII case is reproduced exactly and a non-ASCII character that the answer
//! depends on makes the call bail (`bail::UNSUPPORTED`), so that CPython
//! answers.  Everything else (slicing, searching, splitting on a separator,
//! replacing, padding) is exact for every string.
//!
//! All positions and counts are code points, as in Python.  An ASCII string
//! (`len() == byte length`) indexes in O(1); other strings walk the UTF-8.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use crate::err::{bail, exc, PyErr, PyResult};
use crate::pyver;
use crate::slice;

/// The largest string (in bytes) the runtime builds by repetition or
/// padding; beyond it the call bails and CPython decides (a result or
/// MemoryError).
pub const MAX_BYTES: usize = 1 << 30;

/// A Python `str`.
#[derive(Clone)]
pub struct PyStr {
    s: Rc<str>,
    /// Length in code points.
    n: usize,
}

#[inline]
fn unsupported() -> PyErr {
    PyErr::bail(bail::UNSUPPORTED)
}

/// Number of code points in `s`: bytes that do not continue a sequence.
#[inline]
fn count_chars(s: &str) -> usize {
    s.as_bytes().iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// `Py_UNICODE_ISSPACE` for a byte of UTF-8: `Err(bail)` for a byte of a
/// non-ASCII character (whether it is whitespace needs the Unicode tables).
#[inline]
fn ascii_space(b: u8) -> PyResult<bool> {
    if b >= 0x80 {
        return Err(unsupported());
    }
    Ok(is_ascii_space(b))
}

/// CPython's ASCII whitespace: \t \n \x0b \x0c \r \x1c \x1d \x1e \x1f and space.
#[inline]
pub(crate) fn is_ascii_space(b: u8) -> bool {
    matches!(b, 0x09..=0x0d | 0x1c..=0x20)
}

/// CPython's ASCII line breaks: \n \x0b \x0c \r \x1c \x1d \x1e.
#[inline]
fn is_ascii_linebreak(b: u8) -> bool {
    matches!(b, 0x0a..=0x0d | 0x1c..=0x1e)
}

/// `ADJUST_INDICES` of the find/count/startswith family: `None` is the
/// default bound (0, or the end).
#[inline]
fn adjust_indices(start: Option<i64>, end: Option<i64>, len: i64) -> (i64, i64) {
    let mut start = start.unwrap_or(0);
    let mut end = end.unwrap_or(i64::MAX);
    if end > len {
        end = len;
    } else if end < 0 {
        end += len;
        if end < 0 {
            end = 0;
        }
    }
    if start < 0 {
        start += len;
        if start < 0 {
            start = 0;
        }
    }
    (start, end)
}

fn check_size(bytes: Option<usize>) -> PyResult<usize> {
    match bytes {
        Some(b) if b <= MAX_BYTES => Ok(b),
        _ => Err(unsupported()),
    }
}

impl PyStr {
    // ------------------------------------------------------------------ construction

    /// A `str` with the text of `s`.
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(s: &str) -> PyStr {
        PyStr { n: count_chars(s), s: Rc::from(s) }
    }

    /// A `str` taking over `s`.
    pub fn from_string(s: String) -> PyStr {
        let n = count_chars(&s);
        PyStr { s: Rc::from(s), n }
    }

    /// `s` whose code point count the caller knows.
    #[inline]
    fn with_len(s: &str, n: usize) -> PyStr {
        debug_assert_eq!(count_chars(s), n);
        PyStr { s: Rc::from(s), n }
    }

    #[inline]
    fn with_len_string(s: String, n: usize) -> PyStr {
        debug_assert_eq!(count_chars(&s), n);
        PyStr { s: Rc::from(s), n }
    }

    /// `""`.
    pub fn empty() -> PyStr {
        PyStr { s: Rc::from(""), n: 0 }
    }

    /// The one-character string `c`.
    pub fn from_char(c: char) -> PyStr {
        let mut buf = [0u8; 4];
        PyStr::with_len(c.encode_utf8(&mut buf), 1)
    }

    // ------------------------------------------------------------------ accessors

    #[inline]
    pub fn as_str(&self) -> &str {
        &self.s
    }

    /// `len(s)`: code points.
    #[inline]
    pub fn len(&self) -> i64 {
        self.n as i64
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Every code point is below 128 (then byte offsets are code point offsets).
    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.n == self.s.len()
    }

    /// The code points, as Rust chars.
    #[inline]
    pub fn chars(&self) -> std::str::Chars<'_> {
        self.s.chars()
    }

    /// Byte offset of code point `cp` (`cp <= len`).
    fn byte_offset(&self, cp: usize) -> usize {
        if self.is_ascii() {
            return cp.min(self.s.len());
        }
        if cp >= self.n {
            return self.s.len();
        }
        match self.s.char_indices().nth(cp) {
            Some((b, _)) => b,
            None => self.s.len(),
        }
    }

    /// Byte offsets of code points `a <= b`.
    fn byte_range(&self, a: usize, b: usize) -> (usize, usize) {
        if self.is_ascii() {
            let l = self.s.len();
            return (a.min(l), b.min(l));
        }
        let ba = self.byte_offset(a);
        if b <= a {
            return (ba, ba);
        }
        let rest = &self.s[ba..];
        let bb = match rest.char_indices().nth(b - a) {
            Some((o, _)) => ba + o,
            None => self.s.len(),
        };
        (ba, bb)
    }

    /// Code point index of byte offset `b` (a char boundary).
    #[inline]
    fn cp_index(&self, b: usize) -> usize {
        if self.is_ascii() {
            b
        } else {
            count_chars(&self.s[..b])
        }
    }

    /// The substring between two byte offsets (char boundaries).
    fn sub(&self, a: usize, b: usize) -> PyStr {
        if a == 0 && b == self.s.len() {
            return self.clone();
        }
        let t = &self.s[a..b];
        if self.is_ascii() {
            PyStr::with_len(t, b - a)
        } else {
            PyStr::from_str(t)
        }
    }

    fn char_at(&self, j: usize) -> PyStr {
        if self.is_ascii() {
            return PyStr::with_len(&self.s[j..j + 1], 1);
        }
        let b = self.byte_offset(j);
        match self.s[b..].chars().next() {
            Some(c) => PyStr::from_char(c),
            None => PyStr::empty(),
        }
    }

    // ------------------------------------------------------------------ operators

    /// `s[i]`.
    pub fn get(&self, i: i64) -> PyResult<PyStr> {
        match slice::normalize_index(i, self.n as i64) {
            Some(j) => Ok(self.char_at(j)),
            None => Err(PyErr::raise(exc::INDEX_ERROR, pyver::STR_INDEX_OUT_OF_RANGE)),
        }
    }

    /// `s[start:stop:step]`.
    pub fn slice(
        &self,
        start: Option<i64>,
        stop: Option<i64>,
        step: Option<i64>,
    ) -> PyResult<PyStr> {
        let (start, _stop, step, n) = slice::indices(self.n as i64, start, stop, step)?;
        if n <= 0 {
            return Ok(PyStr::empty());
        }
        let n = n as usize;
        if step == 1 {
            let start = start as usize;
            let (a, b) = self.byte_range(start, start + n);
            if a == 0 && b == self.s.len() {
                return Ok(self.clone());
            }
            return Ok(PyStr::with_len(&self.s[a..b], n));
        }
        let mut out = String::new();
        let mut i = start;
        if self.is_ascii() {
            let bytes = self.s.as_bytes();
            out.reserve(n);
            for _ in 0..n {
                out.push(bytes[i as usize] as char);
                i = i.wrapping_add(step);
            }
        } else {
            let chars: Vec<char> = self.s.chars().collect();
            for _ in 0..n {
                out.push(chars[i as usize]);
                i = i.wrapping_add(step);
            }
        }
        Ok(PyStr::with_len_string(out, n))
    }

    /// `a + b`.
    pub fn add(&self, other: &PyStr) -> PyStr {
        if other.n == 0 {
            return self.clone();
        }
        if self.n == 0 {
            return other.clone();
        }
        let mut out = String::with_capacity(self.s.len() + other.s.len());
        out.push_str(&self.s);
        out.push_str(&other.s);
        PyStr::with_len_string(out, self.n + other.n)
    }

    /// `s * n` (and `n * s`).  Bails when the result would exceed [`MAX_BYTES`].
    pub fn mul(&self, n: i64) -> PyResult<PyStr> {
        if n <= 0 || self.n == 0 {
            return Ok(PyStr::empty());
        }
        if n == 1 {
            return Ok(self.clone());
        }
        // self has at least one byte, so n copies have at least n bytes.
        if (n as u64) > (MAX_BYTES as u64) {
            return Err(unsupported());
        }
        let count = n as usize;
        check_size(self.s.len().checked_mul(count))?;
        Ok(PyStr::with_len_string(self.s.repeat(count), self.n * count))
    }

    /// `sub in s`.
    #[inline]
    pub fn contains(&self, sub: &PyStr) -> bool {
        self.s.contains(&*sub.s)
    }

    /// `for c in s`: one string per code point.
    pub fn iter(&self) -> std::vec::IntoIter<PyStr> {
        let v: Vec<PyStr> = if self.is_ascii() {
            (0..self.n).map(|j| PyStr::with_len(&self.s[j..j + 1], 1)).collect()
        } else {
            self.s.chars().map(PyStr::from_char).collect()
        };
        v.into_iter()
    }

    // ------------------------------------------------------------------ case

    #[inline]
    fn ascii_bytes(&self) -> PyResult<&[u8]> {
        if self.is_ascii() {
            Ok(self.s.as_bytes())
        } else {
            Err(unsupported())
        }
    }

    fn map_ascii<F: FnMut(usize, u8) -> u8>(&self, mut f: F) -> PyResult<PyStr> {
        let b = self.ascii_bytes()?;
        let out: String = b.iter().enumerate().map(|(i, &c)| f(i, c) as char).collect();
        Ok(PyStr::with_len_string(out, self.n))
    }

    /// `s.upper()` (ASCII; bails on non-ASCII).
    pub fn upper(&self) -> PyResult<PyStr> {
        self.map_ascii(|_, c| c.to_ascii_uppercase())
    }

    /// `s.lower()` (ASCII; bails on non-ASCII).
    pub fn lower(&self) -> PyResult<PyStr> {
        self.map_ascii(|_, c| c.to_ascii_lowercase())
    }

    /// `s.casefold()` (ASCII; bails on non-ASCII).
    pub fn casefold(&self) -> PyResult<PyStr> {
        self.lower()
    }

    /// `s.swapcase()` (ASCII; bails on non-ASCII).
    pub fn swapcase(&self) -> PyResult<PyStr> {
        self.map_ascii(|_, c| {
            if c.is_ascii_uppercase() {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            }
        })
    }

    /// `s.capitalize()`: first character title case, the rest lower case.
    pub fn capitalize(&self) -> PyResult<PyStr> {
        self.map_ascii(|i, c| if i == 0 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
    }

    /// `s.title()`: a cased character after an uncased one starts a word.
    pub fn title(&self) -> PyResult<PyStr> {
        let mut previous_is_cased = false;
        self.map_ascii(|_, c| {
            let out =
                if previous_is_cased { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() };
            previous_is_cased = c.is_ascii_alphabetic();
            out
        })
    }

    // ------------------------------------------------------------------ strip

    fn strip_impl(&self, chars: Option<&PyStr>, left: bool, right: bool) -> PyResult<PyStr> {
        let b = self.s.as_bytes();
        let len = b.len();
        let (i, j) = match chars {
            None => {
                let mut i = 0;
                if left {
                    while i < len && ascii_space(b[i])? {
                        i += 1;
                    }
                }
                let mut j = len;
                if right {
                    while j > i && ascii_space(b[j - 1])? {
                        j -= 1;
                    }
                }
                (i, j)
            }
            Some(set) if set.is_ascii() => {
                let mut table = [false; 128];
                for &c in set.s.as_bytes() {
                    table[c as usize] = true;
                }
                // A non-ASCII character is never in the set, and its bytes
                // are >= 0x80: the scans stop on char boundaries.
                let in_set = |c: u8| c < 0x80 && table[c as usize];
                let mut i = 0;
                if left {
                    while i < len && in_set(b[i]) {
                        i += 1;
                    }
                }
                let mut j = len;
                if right {
                    while j > i && in_set(b[j - 1]) {
                        j -= 1;
                    }
                }
                (i, j)
            }
            Some(set) => {
                let set: Vec<char> = set.s.chars().collect();
                let s: &str = &self.s;
                let mut i = 0;
                if left {
                    for (o, c) in s.char_indices() {
                        if !set.contains(&c) {
                            break;
                        }
                        i = o + c.len_utf8();
                    }
                }
                let mut j = len;
                if right {
                    for (o, c) in s[i..].char_indices().rev() {
                        if !set.contains(&c) {
                            break;
                        }
                        j = i + o;
                    }
                }
                (i, j)
            }
        };
        Ok(self.sub(i, j))
    }

    /// `s.strip(chars)`; `None` strips whitespace (bails on a non-ASCII
    /// character where the scan has to decide).
    pub fn strip(&self, chars: Option<&PyStr>) -> PyResult<PyStr> {
        self.strip_impl(chars, true, true)
    }

    pub fn lstrip(&self, chars: Option<&PyStr>) -> PyResult<PyStr> {
        self.strip_impl(chars, true, false)
    }

    pub fn rstrip(&self, chars: Option<&PyStr>) -> PyResult<PyStr> {
        self.strip_impl(chars, false, true)
    }

    // ------------------------------------------------------------------ split

    /// `s.split(sep, maxsplit)`; a negative `maxsplit` is "no limit".
    pub fn split(&self, sep: Option<&PyStr>, maxsplit: i64) -> PyResult<Vec<PyStr>> {
        let mut maxcount = if maxsplit < 0 { i64::MAX } else { maxsplit };
        let s: &str = &self.s;
        let b = s.as_bytes();
        let len = b.len();
        let mut out = Vec::new();
        match sep {
            None => {
                let mut i = 0;
                while maxcount > 0 {
                    maxcount -= 1;
                    while i < len && ascii_space(b[i])? {
                        i += 1;
                    }
                    if i == len {
                        break;
                    }
                    let j = i;
                    i += 1;
                    while i < len && !ascii_space(b[i])? {
                        i += 1;
                    }
                    out.push(self.sub(j, i));
                }
                if i < len {
                    while i < len && ascii_space(b[i])? {
                        i += 1;
                    }
                    if i != len {
                        out.push(self.sub(i, len));
                    }
                }
            }
            Some(sep) => {
                if sep.n == 0 {
                    return Err(PyErr::raise(exc::VALUE_ERROR, pyver::STR_SPLIT_EMPTY_SEP));
                }
                let pat: &str = &sep.s;
                let mut start = 0;
                while maxcount > 0 {
                    match s[start..].find(pat) {
                        Some(p) => {
                            out.push(self.sub(start, start + p));
                            start = start + p + pat.len();
                            maxcount -= 1;
                        }
                        None => break,
                    }
                }
                out.push(self.sub(start, len));
            }
        }
        Ok(out)
    }

    /// `s.rsplit(sep, maxsplit)`.
    pub fn rsplit(&self, sep: Option<&PyStr>, maxsplit: i64) -> PyResult<Vec<PyStr>> {
        let mut maxcount = if maxsplit < 0 { i64::MAX } else { maxsplit };
        let s: &str = &self.s;
        let b = s.as_bytes();
        let mut out = Vec::new();
        match sep {
            None => {
                // i and j are "one past" CPython's indices, to stay unsigned.
                let mut i = b.len();
                while maxcount > 0 {
                    maxcount -= 1;
                    while i > 0 && ascii_space(b[i - 1])? {
                        i -= 1;
                    }
                    if i == 0 {
                        break;
                    }
                    let j = i;
                    i -= 1;
                    while i > 0 && !ascii_space(b[i - 1])? {
                        i -= 1;
                    }
                    out.push(self.sub(i, j));
                }
                if i > 0 {
                    while i > 0 && ascii_space(b[i - 1])? {
                        i -= 1;
                    }
                    if i > 0 {
                        out.push(self.sub(0, i));
                    }
                }
            }
            Some(sep) => {
                if sep.n == 0 {
                    return Err(PyErr::raise(exc::VALUE_ERROR, pyver::STR_RSPLIT_EMPTY_SEP));
                }
                let pat: &str = &sep.s;
                let mut end = b.len();
                while maxcount > 0 {
                    match s[..end].rfind(pat) {
                        Some(p) => {
                            out.push(self.sub(p + pat.len(), end));
                            end = p;
                            maxcount -= 1;
                        }
                        None => break,
                    }
                }
                out.push(self.sub(0, end));
            }
        }
        out.reverse();
        Ok(out)
    }

    /// `s.splitlines(keepends)` (bails on a non-ASCII character: \x85,
    /// \u2028 and \u2029 are line breaks too).
    pub fn splitlines(&self, keepends: bool) -> PyResult<Vec<PyStr>> {
        let b = self.s.as_bytes();
        let len = b.len();
        if !self.is_ascii() {
            return Err(unsupported());
        }
        let mut out = Vec::new();
        let mut i = 0;
        let mut j = 0;
        while i < len {
            while i < len && !is_ascii_linebreak(b[i]) {
                i += 1;
            }
            let mut eol = i;
            if i < len {
                if b[i] == b'\r' && i + 1 < len && b[i + 1] == b'\n' {
                    i += 2;
                } else {
                    i += 1;
                }
                if keepends {
                    eol = i;
                }
            }
            out.push(self.sub(j, eol));
            j = i;
        }
        Ok(out)
    }

    /// `s.join(items)`.  Bails when the result would exceed [`MAX_BYTES`].
    pub fn join(&self, items: &[PyStr]) -> PyResult<PyStr> {
        match items.len() {
            0 => return Ok(PyStr::empty()),
            1 => return Ok(items[0].clone()),
            _ => {}
        }
        let k = items.len();
        let mut bytes = Some(self.s.len().saturating_mul(k - 1));
        let mut n = self.n.saturating_mul(k - 1);
        for it in items {
            bytes = bytes.and_then(|b| b.checked_add(it.s.len()));
            n = n.saturating_add(it.n);
        }
        let bytes = check_size(bytes)?;
        let mut out = String::with_capacity(bytes);
        for (i, it) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(&self.s);
            }
            out.push_str(&it.s);
        }
        Ok(PyStr::with_len_string(out, n))
    }

    /// `s.replace(old, new, count)`; a negative `count` replaces all.
    pub fn replace(&self, old: &PyStr, new: &PyStr, count: i64) -> PyResult<PyStr> {
        let maxcount = if count < 0 { usize::MAX } else { count as usize };
        if maxcount == 0 {
            return Ok(self.clone());
        }
        let s: &str = &self.s;
        if old.n == 0 {
            // new before every character and at the end, `maxcount` times.
            let k = maxcount.min(self.n + 1);
            if k == 0 || new.n == 0 {
                return Ok(self.clone());
            }
            let bytes =
                check_size(new.s.len().checked_mul(k).and_then(|x| x.checked_add(s.len())))?;
            let mut out = String::with_capacity(bytes);
            let mut done = 0;
            for c in s.chars() {
                if done < k {
                    out.push_str(&new.s);
                    done += 1;
                }
                out.push(c);
            }
            if done < k {
                out.push_str(&new.s);
            }
            return Ok(PyStr::with_len_string(out, self.n + new.n * k));
        }
        let pat: &str = &old.s;
        let mut positions = Vec::new();
        let mut start = 0;
        while positions.len() < maxcount {
            match s[start..].find(pat) {
                Some(p) => {
                    positions.push(start + p);
                    start = start + p + pat.len();
                }
                None => break,
            }
        }
        if positions.is_empty() {
            return Ok(self.clone());
        }
        let k = positions.len();
        let bytes = check_size(
            new.s.len().checked_mul(k).and_then(|x| x.checked_add(s.len() - pat.len() * k)),
        )?;
        let mut out = String::with_capacity(bytes);
        let mut last = 0;
        for &p in &positions {
            out.push_str(&s[last..p]);
            out.push_str(&new.s);
            last = p + pat.len();
        }
        out.push_str(&s[last..]);
        Ok(PyStr::with_len_string(out, self.n - old.n * k + new.n * k))
    }

    // ------------------------------------------------------------------ search

    /// The byte range of code points `start..end` after `ADJUST_INDICES`, or
    /// `None` when fewer than `need` code points remain (CPython answers
    /// "not found" without looking).
    fn search_range(
        &self,
        start: Option<i64>,
        end: Option<i64>,
        need: usize,
    ) -> Option<(i64, usize, usize)> {
        let (s, e) = adjust_indices(start, end, self.n as i64);
        if e - s < need as i64 {
            return None;
        }
        let (bs, be) = self.byte_range(s as usize, e as usize);
        Some((s, bs, be))
    }

    /// `s.find(sub, start, end)`.
    pub fn find(&self, sub: &PyStr, start: Option<i64>, end: Option<i64>) -> i64 {
        match self.search_range(start, end, sub.n) {
            None => -1,
            Some((s, bs, be)) => match self.s[bs..be].find(&*sub.s) {
                Some(p) => s + (self.cp_index(bs + p) - self.cp_index(bs)) as i64,
                None => -1,
            },
        }
    }

    /// `s.rfind(sub, start, end)`.
    pub fn rfind(&self, sub: &PyStr, start: Option<i64>, end: Option<i64>) -> i64 {
        match self.search_range(start, end, sub.n) {
            None => -1,
            Some((s, bs, be)) => match self.s[bs..be].rfind(&*sub.s) {
                Some(p) => s + (self.cp_index(bs + p) - self.cp_index(bs)) as i64,
                None => -1,
            },
        }
    }

    /// `s.index(sub, start, end)`.
    pub fn index(&self, sub: &PyStr, start: Option<i64>, end: Option<i64>) -> PyResult<i64> {
        match self.find(sub, start, end) {
            -1 => Err(PyErr::raise(exc::VALUE_ERROR, pyver::STR_INDEX_NOT_FOUND)),
            i => Ok(i),
        }
    }

    /// `s.rindex(sub, start, end)`.
    pub fn rindex(&self, sub: &PyStr, start: Option<i64>, end: Option<i64>) -> PyResult<i64> {
        match self.rfind(sub, start, end) {
            -1 => Err(PyErr::raise(exc::VALUE_ERROR, pyver::STR_RINDEX_NOT_FOUND)),
            i => Ok(i),
        }
    }

    /// `s.count(sub, start, end)`: non-overlapping occurrences.
    pub fn count(&self, sub: &PyStr, start: Option<i64>, end: Option<i64>) -> i64 {
        match self.search_range(start, end, sub.n) {
            None => 0,
            Some((s, bs, be)) => {
                if sub.n == 0 {
                    let (_, e) = adjust_indices(start, end, self.n as i64);
                    e - s + 1
                } else {
                    self.s[bs..be].matches(&*sub.s).count() as i64
                }
            }
        }
    }

    fn tailmatch(&self, sub: &PyStr, start: Option<i64>, end: Option<i64>, at_end: bool) -> bool {
        let (s, e) = adjust_indices(start, end, self.n as i64);
        let e = e - sub.n as i64;
        if e < s {
            return false;
        }
        if sub.n == 0 {
            return true;
        }
        let at = if at_end { e } else { s } as usize;
        let (a, b) = self.byte_range(at, at + sub.n);
        self.s[a..b] == *sub.s
    }

    /// `s.startswith(prefix, start, end)` (one prefix; a tuple is a loop).
    pub fn startswith(&self, prefix: &PyStr, start: Option<i64>, end: Option<i64>) -> bool {
        self.tailmatch(prefix, start, end, false)
    }

    /// `s.endswith(suffix, start, end)`.
    pub fn endswith(&self, suffix: &PyStr, start: Option<i64>, end: Option<i64>) -> bool {
        self.tailmatch(suffix, start, end, true)
    }

    /// `s.removeprefix(prefix)`.
    pub fn removeprefix(&self, prefix: &PyStr) -> PyStr {
        if prefix.n > 0 && self.s.starts_with(&*prefix.s) {
            self.sub(prefix.s.len(), self.s.len())
        } else {
            self.clone()
        }
    }

    /// `s.removesuffix(suffix)`.
    pub fn removesuffix(&self, suffix: &PyStr) -> PyStr {
        if suffix.n > 0 && self.s.ends_with(&*suffix.s) {
            self.sub(0, self.s.len() - suffix.s.len())
        } else {
            self.clone()
        }
    }

    /// `s.partition(sep)`.
    pub fn partition(&self, sep: &PyStr) -> PyResult<(PyStr, PyStr, PyStr)> {
        if sep.n == 0 {
            return Err(PyErr::raise(exc::VALUE_ERROR, pyver::STR_PARTITION_EMPTY_SEP));
        }
        Ok(match self.s.find(&*sep.s) {
            Some(p) => (self.sub(0, p), sep.clone(), self.sub(p + sep.s.len(), self.s.len())),
            None => (self.clone(), PyStr::empty(), PyStr::empty()),
        })
    }

    /// `s.rpartition(sep)`.
    pub fn rpartition(&self, sep: &PyStr) -> PyResult<(PyStr, PyStr, PyStr)> {
        if sep.n == 0 {
            return Err(PyErr::raise(exc::VALUE_ERROR, pyver::STR_RPARTITION_EMPTY_SEP));
        }
        Ok(match self.s.rfind(&*sep.s) {
            Some(p) => (self.sub(0, p), sep.clone(), self.sub(p + sep.s.len(), self.s.len())),
            None => (PyStr::empty(), PyStr::empty(), self.clone()),
        })
    }

    // ------------------------------------------------------------------ predicates

    /// An "every character" predicate: an ASCII character failing `ok`
    /// decides False; otherwise a non-ASCII character needs the tables.
    fn all_chars(&self, empty: bool, ok: fn(u8) -> bool) -> PyResult<bool> {
        if self.n == 0 {
            return Ok(empty);
        }
        let mut non_ascii = false;
        for &c in self.s.as_bytes() {
            if c >= 0x80 {
                non_ascii = true;
            } else if !ok(c) {
                return Ok(false);
            }
        }
        if non_ascii {
            Err(unsupported())
        } else {
            Ok(true)
        }
    }

    /// `s.isdigit()`.
    pub fn isdigit(&self) -> PyResult<bool> {
        self.all_chars(false, |c| c.is_ascii_digit())
    }

    /// `s.isdecimal()`.
    pub fn isdecimal(&self) -> PyResult<bool> {
        self.all_chars(false, |c| c.is_ascii_digit())
    }

    /// `s.isnumeric()`.
    pub fn isnumeric(&self) -> PyResult<bool> {
        self.all_chars(false, |c| c.is_ascii_digit())
    }

    /// `s.isalpha()`.
    pub fn isalpha(&self) -> PyResult<bool> {
        self.all_chars(false, |c| c.is_ascii_alphabetic())
    }

    /// `s.isalnum()`.
    pub fn isalnum(&self) -> PyResult<bool> {
        self.all_chars(false, |c| c.is_ascii_alphanumeric())
    }

    /// `s.isspace()` (\x1c..\x1f count as whitespace).
    pub fn isspace(&self) -> PyResult<bool> {
        self.all_chars(false, is_ascii_space)
    }

    /// `s.isprintable()`.
    pub fn isprintable(&self) -> PyResult<bool> {
        self.all_chars(true, |c| (0x20..0x7f).contains(&c))
    }

    /// `s.isascii()` (never bails).
    pub fn isascii(&self) -> PyResult<bool> {
        Ok(self.is_ascii())
    }

    /// `s.isupper()`: some cased character and no lower-case one.
    pub fn isupper(&self) -> PyResult<bool> {
        self.cased_check(|c| c.is_ascii_lowercase(), |c| c.is_ascii_uppercase())
    }

    /// `s.islower()`.
    pub fn islower(&self) -> PyResult<bool> {
        self.cased_check(|c| c.is_ascii_uppercase(), |c| c.is_ascii_lowercase())
    }

    fn cased_check(&self, bad: fn(u8) -> bool, good: fn(u8) -> bool) -> PyResult<bool> {
        let b = self.s.as_bytes();
        if b.iter().any(|&c| bad(c)) {
            return Ok(false);
        }
        if !self.is_ascii() {
            return Err(unsupported());
        }
        Ok(b.iter().any(|&c| good(c)))
    }

    /// `s.istitle()` (ASCII; bails on non-ASCII).
    pub fn istitle(&self) -> PyResult<bool> {
        let b = self.ascii_bytes()?;
        let mut cased = false;
        let mut previous_is_cased = false;
        for &c in b {
            if c.is_ascii_uppercase() {
                if previous_is_cased {
                    return Ok(false);
                }
                previous_is_cased = true;
                cased = true;
            } else if c.is_ascii_lowercase() {
                if !previous_is_cased {
                    return Ok(false);
                }
                previous_is_cased = true;
                cased = true;
            } else {
                previous_is_cased = false;
            }
        }
        Ok(cased)
    }

    /// `s.isidentifier()` (XID_Start/XID_Continue: ASCII exact, bails on
    /// non-ASCII unless an ASCII character already decides False).
    pub fn isidentifier(&self) -> PyResult<bool> {
        let b = self.s.as_bytes();
        if b.is_empty() {
            return Ok(false);
        }
        let mut non_ascii = false;
        for (i, &c) in b.iter().enumerate() {
            if c >= 0x80 {
                non_ascii = true;
                continue;
            }
            let ok = if i == 0 {
                c.is_ascii_alphabetic() || c == b'_'
            } else {
                c.is_ascii_alphanumeric() || c == b'_'
            };
            if !ok {
                return Ok(false);
            }
        }
        if non_ascii {
            Err(unsupported())
        } else {
            Ok(true)
        }
    }

    // ------------------------------------------------------------------ padding

    fn pad(&self, left: i64, right: i64, fill: char) -> PyResult<PyStr> {
        if left <= 0 && right <= 0 {
            return Ok(self.clone());
        }
        let left = left.max(0) as u64;
        let right = right.max(0) as u64;
        let total = (left + right).checked_mul(fill.len_utf8() as u64);
        let bytes = match total {
            Some(t) if t <= MAX_BYTES as u64 => t as usize + self.s.len(),
            _ => return Err(unsupported()),
        };
        check_size(Some(bytes))?;
        let mut out = String::with_capacity(bytes);
        for _ in 0..left {
            out.push(fill);
        }
        out.push_str(&self.s);
        for _ in 0..right {
            out.push(fill);
        }
        Ok(PyStr::with_len_string(out, self.n + (left + right) as usize))
    }

    fn fill_char(fill: Option<&PyStr>, msg: &str) -> PyResult<char> {
        match fill {
            None => Ok(' '),
            Some(f) if f.n == 1 => match f.s.chars().next() {
                Some(c) => Ok(c),
                None => Err(unsupported()),
            },
            Some(_) => Err(PyErr::raise(exc::TYPE_ERROR, msg)),
        }
    }

    /// `s.center(width, fill)`.
    pub fn center(&self, width: i64, fill: Option<&PyStr>) -> PyResult<PyStr> {
        let c = PyStr::fill_char(fill, pyver::STR_CENTER_FILL)?;
        let n = self.n as i64;
        if n >= width {
            return Ok(self.clone());
        }
        let marg = width - n;
        let left = marg / 2 + (marg & width & 1);
        self.pad(left, marg - left, c)
    }

    /// `s.ljust(width, fill)`.
    pub fn ljust(&self, width: i64, fill: Option<&PyStr>) -> PyResult<PyStr> {
        let c = PyStr::fill_char(fill, pyver::STR_LJUST_FILL)?;
        let n = self.n as i64;
        if n >= width {
            return Ok(self.clone());
        }
        self.pad(0, width - n, c)
    }

    /// `s.rjust(width, fill)`.
    pub fn rjust(&self, width: i64, fill: Option<&PyStr>) -> PyResult<PyStr> {
        let c = PyStr::fill_char(fill, pyver::STR_RJUST_FILL)?;
        let n = self.n as i64;
        if n >= width {
            return Ok(self.clone());
        }
        self.pad(width - n, 0, c)
    }

    /// `s.zfill(width)`: zeros after a leading sign.
    pub fn zfill(&self, width: i64) -> PyResult<PyStr> {
        let n = self.n as i64;
        if n >= width {
            return Ok(self.clone());
        }
        let fill = width - n;
        let padded = self.pad(fill, 0, '0')?;
        let b = self.s.as_bytes();
        if !b.is_empty() && (b[0] == b'+' || b[0] == b'-') {
            let mut out = String::with_capacity(padded.s.len());
            out.push(b[0] as char);
            for _ in 0..fill {
                out.push('0');
            }
            out.push_str(&self.s[1..]);
            return Ok(PyStr::with_len_string(out, padded.n));
        }
        Ok(padded)
    }

    /// `s.expandtabs(tabsize)`.
    pub fn expandtabs(&self, tabsize: i64) -> PyResult<PyStr> {
        // `tabsize` is a C int in CPython, whose out-of-range error changed
        // between versions.
        if tabsize < i32::MIN as i64 || tabsize > i32::MAX as i64 {
            return Err(unsupported());
        }
        if !self.s.as_bytes().contains(&b'\t') {
            return Ok(self.clone());
        }
        // First pass: the size, as CPython computes it.
        let mut j: u64 = 0;
        let mut line_pos: i64 = 0;
        for c in self.s.chars() {
            if c == '\t' {
                if tabsize > 0 {
                    let incr = tabsize - line_pos % tabsize;
                    if incr as u64 > MAX_BYTES as u64 {
                        return Err(unsupported());
                    }
                    line_pos += incr;
                    j += incr as u64;
                }
            } else {
                line_pos += 1;
                j += 1;
                if c == '\n' || c == '\r' {
                    line_pos = 0;
                }
            }
            if j > MAX_BYTES as u64 {
                return Err(unsupported());
            }
        }
        let mut out = String::with_capacity(j as usize + self.s.len());
        let mut n = 0usize;
        line_pos = 0;
        for c in self.s.chars() {
            if c == '\t' {
                if tabsize > 0 {
                    let incr = tabsize - line_pos % tabsize;
                    line_pos += incr;
                    for _ in 0..incr {
                        out.push(' ');
                    }
                    n += incr as usize;
                }
            } else {
                line_pos += 1;
                out.push(c);
                n += 1;
                if c == '\n' || c == '\r' {
                    line_pos = 0;
                }
            }
        }
        Ok(PyStr::with_len_string(out, n))
    }

    // ------------------------------------------------------------------ ord

    /// `ord(s)`.
    pub fn ord(&self) -> PyResult<i64> {
        if self.n == 1 {
            if let Some(c) = self.s.chars().next() {
                return Ok(c as i64);
            }
        }
        if !pyver::ORD_LEN_OK {
            return Err(unsupported());
        }
        let mut msg = String::from(pyver::ORD_LEN_PRE);
        msg.push_str(&self.n.to_string());
        msg.push_str(pyver::ORD_LEN_POST);
        Err(PyErr::Raise { kind: exc::TYPE_ERROR, msg: Some(msg) })
    }
}

/// `chr(i)`.  A lone surrogate (U+D800..U+DFFF) is a valid Python string
/// but not a Rust one: the call bails.  So does an `i` outside the C int
/// range (OverflowError up to 3.12, ValueError from 3.13 on).
pub fn chr(i: i64) -> PyResult<PyStr> {
    if i < i32::MIN as i64 || i > i32::MAX as i64 {
        return Err(unsupported());
    }
    if !(0..=0x10ffff).contains(&i) {
        return Err(PyErr::raise(exc::VALUE_ERROR, pyver::CHR_RANGE));
    }
    match std::char::from_u32(i as u32) {
        Some(c) => Ok(PyStr::from_char(c)),
        None => Err(unsupported()),
    }
}

// ---------------------------------------------------------------------- traits

impl PartialEq for PyStr {
    #[inline]
    fn eq(&self, other: &PyStr) -> bool {
        self.n == other.n && (Rc::ptr_eq(&self.s, &other.s) || *self.s == *other.s)
    }
}

impl Eq for PyStr {}

impl PartialEq<str> for PyStr {
    #[inline]
    fn eq(&self, other: &str) -> bool {
        *self.s == *other
    }
}

impl<'a> PartialEq<&'a str> for PyStr {
    #[inline]
    fn eq(&self, other: &&'a str) -> bool {
        *self.s == **other
    }
}

impl Hash for PyStr {
    #[inline]
    fn hash<H: Hasher>(&self, state: &mut H) {
        // Same as str's hash, so that `Borrow<str>` lookups work.
        (*self.s).hash(state)
    }
}

impl PartialOrd for PyStr {
    #[inline]
    fn partial_cmp(&self, other: &PyStr) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for PyStr {
    /// Code point order, which is UTF-8 byte order.
    #[inline]
    fn cmp(&self, other: &PyStr) -> Ordering {
        self.s.as_bytes().cmp(other.s.as_bytes())
    }
}

impl Borrow<str> for PyStr {
    #[inline]
    fn borrow(&self) -> &str {
        &self.s
    }
}

impl AsRef<str> for PyStr {
    #[inline]
    fn as_ref(&self) -> &str {
        &self.s
    }
}

impl Default for PyStr {
    fn default() -> PyStr {
        PyStr::empty()
    }
}

impl From<&str> for PyStr {
    fn from(s: &str) -> PyStr {
        PyStr::from_str(s)
    }
}

impl From<String> for PyStr {
    fn from(s: String) -> PyStr {
        PyStr::from_string(s)
    }
}

impl fmt::Debug for PyStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.s, f)
    }
}

impl fmt::Display for PyStr {
    /// The text itself, like `str(s)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.s)
    }
}
