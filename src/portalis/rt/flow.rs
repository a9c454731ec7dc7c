//! Control flow out of a `try` body.
//!
//! A `try` body runs in an immediately-called closure so that `?` inside it
//! stops at the handler instead of leaving the function; `return`, `break`
//! and `continue` inside the body travel out as a `Flow` value.

pub enum Flow<T> {
    Normal,
    Return(T),
    Break,
    Continue,
}
