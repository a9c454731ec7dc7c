//! `print()`: text is buffered in linear memory and handed to the host only
//! when the call completes in WASM; a bail discards it (CPython re-runs the
//! call and prints for itself), so nothing is ever printed twice.
//!
//! Layout read by the host: segments `[fd: u8][len: u32 LE][utf-8 bytes]`.

use crate::err::Global;

static BUFFER: Global<Vec<u8>> = Global::new(Vec::new());

#[repr(C)]
pub struct OutputInfo {
    pub ptr: u32,
    pub len: u32,
}

static INFO: Global<OutputInfo> = Global::new(OutputInfo { ptr: 0, len: 0 });

fn buffer() -> &'static mut Vec<u8> {
    // Single-threaded WASM; no reference outlives the call that takes it.
    unsafe { &mut *BUFFER.get() }
}

pub fn write(fd: u8, text: &str) {
    if text.is_empty() {
        return;
    }
    let buf = buffer();
    buf.push(fd);
    buf.extend_from_slice(&(text.len() as u32).to_le_bytes());
    buf.extend_from_slice(text.as_bytes());
}

pub fn write_stdout(text: &str) {
    write(1, text)
}

pub fn write_stderr(text: &str) {
    write(2, text)
}

/// Pointer to `{ptr, len}` describing the pending output.
pub fn info() -> *const OutputInfo {
    let buf = buffer();
    let info = unsafe { &mut *INFO.get() };
    info.ptr = buf.as_ptr() as usize as u32;
    info.len = buf.len() as u32;
    info as *const OutputInfo
}

pub fn clear() {
    let buf = buffer();
    buf.clear();
    if buf.capacity() > 1 << 20 {
        buf.shrink_to_fit();
    }
}
