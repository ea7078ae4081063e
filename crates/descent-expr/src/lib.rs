//! Typed functions: an expression language for f(x) and f(x, y), compiled to a tape with
//! exact derivatives.
//!
//! The language: numbers (`1e-3`), the variables, `+ - * /`, `^` (or `**` as Python
//! writes it), unary minus, parentheses, implied multiplication before a name or `(`
//! (`2x`, `3(x-1)`), the constants `pi` and `e`, and the functions `sin cos tan exp ln log
//! sqrt abs tanh sinh cosh atan min max` (`log` is the natural logarithm, as in NumPy).
//! Errors carry the 1-based column they point at (see [`ExprError`]).
//!
//! What a function means is what [`evaluate`] computes by walking the tree, one IEEE
//! operation per node; the compiled [`Tape`] and the WebAssembly of [`wasm_emit`] agree
//! with it to the bit at every point, extremes included (their rewrites are all exact),
//! and [`print()`] writes a text that parses back to the same tree.
//!
//! Why a hand-written parser rather than a crate: the errors must name the column and
//! what was expected in a student's words, implied multiplication must follow our rules,
//! and the tree must feed our own compiler and MathML printer; the available crates
//! (meval, evalexpr, fasteval) give none of the three and would add to the wasm.
//!
//! Why forward-mode differentiation on the tape rather than symbolic differentiation:
//! one pass computes the value and both partials together (a typed f(x, y) carries
//! three numbers per instruction), the cost is a fixed small multiple of evaluating f,
//! there is no expression swell to simplify, and the derivative is exact up to the same
//! rounding as the value. Reverse mode would need a second sweep and stored
//! intermediates, which only pays off with many variables; here there are at most two.
//!
//! ```
//! let f = descent_expr::compile("(x-1)**2", &["x"]).unwrap();
//! assert_eq!(f.derivative(3.0), (4.0, 4.0));
//! assert_eq!(f.text(), "(x - 1)^2");
//! let err = descent_expr::compile("x^^2", &["x"]).unwrap_err();
//! assert_eq!((err.to_string(), err.column), ("unexpected '^' at column 3".into(), 3));
//! ```

mod ast;
mod compile;
pub mod decimal;
mod derivative;
mod error;
mod eval;
mod hessian;
mod lexer;
mod mathml;
mod objective;
mod parser;
mod printer;
pub mod random;
mod tape;
mod wasm_batch;
mod wasm_body;
pub mod wasm_emit;

pub use ast::{BinOp, Constant, Expr, Func, argument};
pub use derivative::Dual;
pub use error::{ExprError, ExprProblem, Found, var_list};
pub use eval::evaluate;
pub use hessian::{Jet, hessian};
pub use mathml::mathml;
pub use objective::{ExprObjective, MAX_VARS};
pub use parser::{MAX_DEPTH, MAX_LEN, parse};
pub use printer::print;
pub use tape::{Instr, Scratch, Tape};

/// Parses and compiles `text` as a function of `vars` (`&["x"]` or `&["x", "y"]`).
pub fn compile(text: &str, vars: &[&str]) -> Result<ExprObjective, ExprError> {
    ExprObjective::new(text, vars)
}

#[cfg(test)]
mod fuzz_tests;
#[cfg(test)]
mod wasm_emit_tests;
#[cfg(test)]
mod wasm_simd_tests;
