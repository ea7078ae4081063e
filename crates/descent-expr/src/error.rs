//! The error a student sees under the function input: a message and the 1-based column.

use std::fmt;

/// Why a typed function was rejected, with the column (1-based, in characters) it points at.
///
/// The message is written for a person and already names the column where that helps
/// (`"unexpected ')' at column 7"`); [`ExprError::column`] lets the page place a caret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprError {
    /// What went wrong, e.g. `"unknown name 'z': the variables are x and y"`.
    pub message: String,
    /// The 1-based character column the error points at.
    pub column: usize,
}

impl ExprError {
    /// An error at `column` with `message`.
    pub fn new(column: usize, message: impl Into<String>) -> Self {
        ExprError {
            message: message.into(),
            column,
        }
    }
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ExprError {}
