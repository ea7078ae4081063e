//! Typed functions as objectives: the expression language of the `descent-expr` crate
//! (parser, exact derivatives, tape, run-time WebAssembly compiler), re-exported, with
//! its compiled functions descended as any [`Objective`].
//!
//! ```
//! use descent::Objective;
//! let f = descent::expr::compile("x**4 + y**4 - 2*(x-y)**2", &["x", "y"]).unwrap();
//! let mut g = [0.0; 2];
//! f.gradient(&[1.0, 2.0], &mut g);
//! assert_eq!(Objective::value(&f, &[1.0, 2.0]), 15.0);
//! assert_eq!(g, [4.0 + 4.0, 32.0 - 4.0]);
//! assert!(f.has_exact_gradient());
//! ```

pub use descent_expr::*;

use crate::error::ConfigError;
use crate::objective::Objective;

impl Objective for ExprObjective {
    fn dim(&self) -> usize {
        ExprObjective::dim(self)
    }

    fn value(&self, x: &[f64]) -> f64 {
        ExprObjective::value(self, x)
    }

    fn gradient(&self, x: &[f64], g: &mut [f64]) {
        self.value_and_gradient(x, g);
    }

    fn has_exact_gradient(&self) -> bool {
        true
    }

    fn partial(&self, x: &[f64], i: usize) -> f64 {
        ExprObjective::partial(self, x, i)
    }

    fn hessian(&self, x: &[f64], h: &mut [f64]) {
        ExprObjective::hessian(self, x, h);
    }

    fn has_exact_hessian(&self) -> bool {
        true
    }
}

impl From<ExprError> for ConfigError {
    /// As a configuration error about the field `f` (the column is then only in the text).
    fn from(e: ExprError) -> Self {
        ConfigError::Invalid {
            field: "f",
            message: message(&e),
        }
    }
}

#[path = "expr_text.rs"]
mod text;
pub use text::message;

#[cfg(test)]
#[path = "expr_tests.rs"]
mod tests;
