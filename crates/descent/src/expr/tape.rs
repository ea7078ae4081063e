//! The compiled form: a flat tape of register instructions, evaluated in one forward pass
//! that carries the value and every partial derivative, without allocating.
//!
//! Slots are numbered: first the variables, then the constants, then one slot per
//! instruction (instruction i writes slot `n_vars + consts.len() + i`).

use super::ast::Func;
use super::derivative::Dual;

/// One instruction; operands are slot numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Instr {
    /// k + ca·a
    Affine {
        /// Operand slot.
        a: u32,
        /// Its coefficient.
        ca: f64,
        /// Constant term.
        k: f64,
    },
    /// k + ca·a + cb·b
    Lin2 {
        /// Operand slot.
        a: u32,
        /// Its coefficient.
        ca: f64,
        /// Operand slot.
        b: u32,
        /// Its coefficient.
        cb: f64,
        /// Constant term.
        k: f64,
    },
    /// k + ca·a + cb·b + cc·c
    Lin3 {
        /// Operand slot.
        a: u32,
        /// Its coefficient.
        ca: f64,
        /// Operand slot.
        b: u32,
        /// Its coefficient.
        cb: f64,
        /// Operand slot.
        c: u32,
        /// Its coefficient.
        cc: f64,
        /// Constant term.
        k: f64,
    },
    /// a · b
    Mul(u32, u32),
    /// a / b
    Div(u32, u32),
    /// c / a
    Recip(u32, f64),
    /// a²
    Square(u32),
    /// a³
    Cube(u32),
    /// a⁴
    Pow4(u32),
    /// aⁿ, integer n
    Powi(u32, i32),
    /// aᵖ, constant real p
    Powf(u32, f64),
    /// aᵇ
    Pow(u32, u32),
    /// A one-argument function.
    Call(Func, u32),
    /// min(a, b)
    Min(u32, u32),
    /// max(a, b)
    Max(u32, u32),
}

/// A compiled function of `n_vars` variables.
#[derive(Debug, Clone, PartialEq)]
pub struct Tape {
    pub(crate) n_vars: usize,
    pub(crate) consts: Vec<f64>,
    pub(crate) instrs: Vec<Instr>,
    pub(crate) result: u32,
}

impl Tape {
    /// Number of variables.
    pub fn n_vars(&self) -> usize {
        self.n_vars
    }

    /// Number of instructions (constants and variables excluded).
    pub fn len(&self) -> usize {
        self.instrs.len()
    }

    /// Whether the function is a bare variable or constant (no instruction).
    pub fn is_empty(&self) -> bool {
        self.instrs.is_empty()
    }

    /// The instructions, for inspection and tests.
    pub fn instructions(&self) -> &[Instr] {
        &self.instrs
    }

    /// Number of slots a scratch buffer needs.
    pub fn slots(&self) -> usize {
        self.n_vars + self.consts.len() + self.instrs.len()
    }

    /// Evaluates at `x` with N tangent lanes (N = 0: value only; N = n_vars: the full
    /// gradient). `scratch` is reused; once it has grown to [`Tape::slots`] nothing is
    /// allocated. Missing coordinates read as NaN.
    pub fn eval<const N: usize>(&self, x: &[f64], scratch: &mut Vec<Dual<N>>) -> Dual<N> {
        scratch.clear();
        for i in 0..self.n_vars {
            scratch.push(Dual::variable(x.get(i).copied().unwrap_or(f64::NAN), i));
        }
        for &c in &self.consts {
            scratch.push(Dual::constant(c));
        }
        for ins in &self.instrs {
            let s = &scratch[..];
            let at = |i: u32| s[i as usize];
            let r = match *ins {
                Instr::Affine { a, ca, k } => Dual::lin1(at(a), ca, k),
                Instr::Lin2 { a, ca, b, cb, k } => Dual::lin2(at(a), ca, at(b), cb, k),
                Instr::Lin3 {
                    a,
                    ca,
                    b,
                    cb,
                    c,
                    cc,
                    k,
                } => Dual::lin3(at(a), ca, at(b), cb, at(c), cc, k),
                Instr::Mul(a, b) => Dual::times(at(a), at(b)),
                Instr::Div(a, b) => Dual::over(at(a), at(b)),
                Instr::Recip(a, c) => Dual::recip(at(a), c),
                Instr::Square(a) => Dual::square(at(a)),
                Instr::Cube(a) => Dual::cube(at(a)),
                Instr::Pow4(a) => Dual::pow4(at(a)),
                Instr::Powi(a, n) => Dual::powi(at(a), n),
                Instr::Powf(a, p) => Dual::powf(at(a), p),
                Instr::Pow(a, b) => Dual::pow(at(a), at(b)),
                Instr::Call(f, a) => Dual::unary(f, at(a)),
                Instr::Min(a, b) => Dual::min(at(a), at(b)),
                Instr::Max(a, b) => Dual::max(at(a), at(b)),
            };
            scratch.push(r);
        }
        scratch[self.result as usize]
    }
}
