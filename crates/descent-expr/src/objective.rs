//! A typed function compiled once, with its exact gradient: what a lesson descends.

use std::cell::RefCell;

use super::ast::{Expr, Func};
use super::compile::compile;
use super::error::{ExprError, ExprProblem};
use super::parser::parse;
use super::tape::{Scratch, Tape};

/// Most variables a typed function may have.
pub const MAX_VARS: usize = 2;

/// A typed function of one or two variables, compiled to a [`Tape`], with exact gradients
/// by forward-mode differentiation. Evaluation reuses internal buffers (no allocation).
///
/// ```
/// let f = descent_expr::compile("x**4 + y**4 - 2*(x-y)**2", &["x", "y"]).unwrap();
/// let mut g = [0.0; 2];
/// assert_eq!(f.value_and_gradient(&[1.0, 2.0], &mut g), 15.0);
/// assert_eq!(g, [4.0 + 4.0, 32.0 - 4.0]);
/// assert_eq!(f.value(&[1.0, 2.0]), 15.0);
/// ```
#[derive(Debug)]
pub struct ExprObjective {
    vars: Vec<String>,
    expr: Expr,
    tape: Tape,
    values: RefCell<Scratch<0>>,
    lanes1: RefCell<Scratch<1>>,
    lanes2: RefCell<Scratch<2>>,
}

impl Clone for ExprObjective {
    fn clone(&self) -> Self {
        Self::from_parts(self.vars.clone(), self.expr.clone(), self.tape.clone())
    }
}

/// Evaluates `tape` at `x` in the buffer in `cell` (or a fresh one if it is somehow in
/// use), writing the partials into `g`.
#[inline(always)]
fn eval<const N: usize>(tape: &Tape, cell: &RefCell<Scratch<N>>, x: &[f64], g: &mut [f64]) -> f64 {
    match cell.try_borrow_mut() {
        Ok(mut s) => tape.eval_into(x, &mut s, g),
        Err(_) => tape.eval_into(x, &mut tape.scratch::<N>(), g),
    }
}

fn check_vars(vars: &[&str]) -> Result<(), ExprError> {
    let bad = |problem: ExprProblem| Err(ExprError::new(1, problem));
    if vars.is_empty() || vars.len() > MAX_VARS {
        return bad(ExprProblem::VarCount {
            max: MAX_VARS,
            got: vars.len(),
        });
    }
    for (i, v) in vars.iter().enumerate() {
        let word = v.chars().next().is_some_and(char::is_alphabetic)
            && v.chars().all(|c| c.is_alphanumeric() || c == '_');
        if !word || Func::from_name(v).is_some() || matches!(*v, "pi" | "e") {
            return bad(ExprProblem::BadVarName(v.to_string()));
        }
        if vars[..i].contains(v) {
            return bad(ExprProblem::VarTwice(v.to_string()));
        }
    }
    Ok(())
}

impl ExprObjective {
    /// Parses and compiles `text` as a function of `vars` (`["x"]` or `["x", "y"]`).
    pub fn new(text: &str, vars: &[&str]) -> Result<Self, ExprError> {
        check_vars(vars)?;
        let expr = parse(text, vars)?;
        let tape = compile(&expr, vars.len());
        Ok(Self::from_parts(
            vars.iter().map(|v| v.to_string()).collect(),
            expr,
            tape,
        ))
    }

    fn from_parts(vars: Vec<String>, expr: Expr, tape: Tape) -> Self {
        ExprObjective {
            vars,
            expr,
            values: RefCell::new(tape.scratch()),
            lanes1: RefCell::new(tape.scratch()),
            lanes2: RefCell::new(tape.scratch()),
            tape,
        }
    }

    /// The variable names.
    pub fn variables(&self) -> Vec<&str> {
        self.vars.iter().map(String::as_str).collect()
    }

    /// The syntax tree.
    pub fn expr(&self) -> &Expr {
        &self.expr
    }

    /// The compiled tape.
    pub fn tape(&self) -> &Tape {
        &self.tape
    }

    /// The canonical text, e.g. `(x - 1)^2` for `(x-1)**2`.
    pub fn text(&self) -> String {
        super::printer::print(&self.expr, &self.variables())
    }

    /// The function in MathML.
    pub fn mathml(&self) -> String {
        super::mathml::mathml(&self.expr, &self.variables())
    }

    /// f(x), writing ∇f(x) into `g`, in one pass.
    pub fn value_and_gradient(&self, x: &[f64], g: &mut [f64]) -> f64 {
        match self.vars.len() {
            1 => eval(&self.tape, &self.lanes1, x, g),
            _ => eval(&self.tape, &self.lanes2, x, g),
        }
    }

    /// How many variables it has.
    pub fn dim(&self) -> usize {
        self.vars.len()
    }

    /// f(x).
    pub fn value(&self, x: &[f64]) -> f64 {
        eval(&self.tape, &self.values, x, &mut [])
    }

    /// ∂f/∂x_i at `x` (NaN for a coordinate it does not have).
    pub fn partial(&self, x: &[f64], i: usize) -> f64 {
        let mut g = [0.0; MAX_VARS];
        self.value_and_gradient(x, &mut g);
        g.get(i).copied().unwrap_or(f64::NAN)
    }

    /// Writes the Hessian at `x` into `h`, row by row (`dim`² numbers), exactly: second
    /// derivatives by forward-over-forward differentiation of the tree ([`super::hessian()`]).
    pub fn hessian(&self, x: &[f64], h: &mut [f64]) {
        let j = super::hessian::hessian(&self.expr, x);
        let n = self.vars.len();
        for (k, out) in h.iter_mut().enumerate().take(n * n) {
            *out = j.h[k / n][k % n];
        }
    }

    /// For a function of one variable: (f(x), f′(x)), exactly.
    pub fn derivative(&self, x: f64) -> (f64, f64) {
        let mut g = [0.0; MAX_VARS];
        let p = [x, 0.0];
        let v = self.value_and_gradient(&p[..self.vars.len()], &mut g);
        (v, g[0])
    }
}
