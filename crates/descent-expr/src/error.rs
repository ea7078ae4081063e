//! The error a student sees under the function input: what went wrong, as data, and the
//! 1-based column it points at.

use std::fmt;

/// Why a typed function was rejected, with the column (1-based, in characters) it points at.
///
/// The error holds data only ([`ExprProblem`]); its [`Display`](fmt::Display) is the English
/// sentence, which names the column where that helps (`"unexpected ')' at column 7"`). A
/// caller that speaks another language builds its own sentence from the same data, and
/// [`ExprError::column`] lets the page place a caret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprError {
    /// What went wrong.
    pub problem: ExprProblem,
    /// The 1-based character column the error points at.
    pub column: usize,
}

/// What a token is, as an unexpected one is named: a symbol or name (`')'`, `'sin'`) or a
/// number (`number '3'`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A symbol or a name, as typed (without quotes).
    Text(String),
    /// A number literal, as typed.
    Number(String),
}

/// What went wrong in a typed function: one variant per message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExprProblem {
    /// A character that is no part of the language, e.g. `$`.
    UnexpectedChar(char),
    /// A number-like text that is not a number, e.g. `.`.
    NotANumber(String),
    /// A number too large for a 64-bit float, e.g. `1e999`.
    NumberTooLarge(String),
    /// The text is longer than `max` characters.
    TooLong {
        /// The most characters accepted.
        max: usize,
    },
    /// The canonical text (with `*` and spaces) has `chars` characters, more than `max`.
    TooLongWritten {
        /// Its length written out in full.
        chars: usize,
        /// The most characters accepted.
        max: usize,
    },
    /// Nothing typed; `example` is a function of the variables to suggest.
    Empty {
        /// A function of the variables, e.g. `x^2 + 3y^2`.
        example: String,
    },
    /// The text ends where a number, a variable or `(` was expected.
    UnexpectedEnd,
    /// A token where it cannot be.
    Unexpected(Found),
    /// More than `max` levels of parentheses or signs.
    TooDeep {
        /// The most levels accepted.
        max: usize,
    },
    /// A `(` at column `open` is never closed.
    MissingParen {
        /// The column of the `(`.
        open: usize,
    },
    /// A name that is no variable, constant or function.
    UnknownName {
        /// The name as typed.
        name: String,
        /// The variables of the function.
        vars: Vec<String>,
        /// The product to write instead when the name is variables side by side (`x*y`).
        product_hint: Option<String>,
    },
    /// A function name not followed by `(`.
    ExpectedParen {
        /// The function's name.
        func: String,
    },
    /// A function called with the wrong number of arguments.
    Arity {
        /// The function's name.
        func: String,
        /// How many it takes (1 or 2).
        arity: usize,
    },
    /// A function asked for with no variables or more than `max`.
    VarCount {
        /// The most variables accepted.
        max: usize,
        /// How many were asked for.
        got: usize,
    },
    /// A variable name that is no word or is a function's or constant's name.
    BadVarName(String),
    /// A variable name given twice.
    VarTwice(String),
}

impl ExprError {
    /// An error at `column` for `problem`.
    pub fn new(column: usize, problem: ExprProblem) -> Self {
        ExprError { problem, column }
    }
}

/// The variables in words: `x`, `x and y`, `x, y and z`, with `and` as given.
pub fn var_list(vars: &[String], and: &str) -> String {
    match vars {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let col = self.column;
        match &self.problem {
            ExprProblem::UnexpectedChar(c) => {
                write!(f, "unexpected character '{c}' at column {col}")
            }
            ExprProblem::NotANumber(s) => write!(f, "'{s}' is not a number at column {col}"),
            ExprProblem::NumberTooLarge(s) => {
                write!(f, "number '{s}' at column {col} is too large")
            }
            ExprProblem::TooLong { max } => {
                write!(f, "the function is longer than {max} characters")
            }
            ExprProblem::TooLongWritten { chars, max } => write!(
                f,
                "the function is too long: written out in full (with * and spaces) it has \
                 {chars} characters, more than {max}"
            ),
            ExprProblem::Empty { example } => {
                write!(f, "the function is empty: type one, such as {example}")
            }
            ExprProblem::UnexpectedEnd => write!(
                f,
                "unexpected end at column {col}: expected a number, a variable or '('"
            ),
            ExprProblem::Unexpected(Found::Text(t)) => {
                write!(f, "unexpected '{t}' at column {col}")
            }
            ExprProblem::Unexpected(Found::Number(n)) => {
                write!(f, "unexpected number '{n}' at column {col}")
            }
            ExprProblem::TooDeep { max } => {
                write!(
                    f,
                    "too deeply nested at column {col} (at most {max} levels)"
                )
            }
            ExprProblem::MissingParen { open } => {
                write!(f, "missing ')' for the '(' at column {open}")
            }
            ExprProblem::UnknownName {
                name,
                vars,
                product_hint,
            } => {
                let (noun, verb) = if vars.len() == 1 {
                    ("variable", "is")
                } else {
                    ("variables", "are")
                };
                write!(
                    f,
                    "unknown name '{name}': the {noun} {verb} {}",
                    var_list(vars, "and")
                )?;
                match product_hint {
                    Some(p) => write!(f, " (write {p} for a product)"),
                    None => Ok(()),
                }
            }
            ExprProblem::ExpectedParen { func } => {
                write!(f, "expected '(' after {func} at column {col}")
            }
            ExprProblem::Arity { func, arity } => {
                let n = if *arity == 1 {
                    "one argument"
                } else {
                    "two arguments"
                };
                write!(f, "{func} needs {n}")
            }
            ExprProblem::VarCount { max, got } => {
                write!(f, "a function has 1 to {max} variables, not {got}")
            }
            ExprProblem::BadVarName(v) => write!(f, "'{v}' cannot be a variable name"),
            ExprProblem::VarTwice(v) => write!(f, "the variable '{v}' is listed twice"),
        }
    }
}

impl std::error::Error for ExprError {}
