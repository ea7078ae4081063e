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
    /// (k + ca·a)ⁿ, integer n
    PowAffine {
        /// Operand slot.
        a: u32,
        /// Its coefficient.
        ca: f64,
        /// Constant term.
        k: f64,
        /// The exponent.
        n: i32,
    },
    /// (k + ca·a + cb·b)ⁿ, integer n
    PowLin2 {
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
        /// The exponent.
        n: i32,
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

    /// A scratch buffer for [`Tape::eval`] with N tangent lanes, with the variables' and
    /// constants' slots already filled in.
    pub fn scratch<const N: usize>(&self) -> Scratch<N> {
        let slots = self.slots();
        let mut sc = Scratch {
            v: vec![0.0; slots],
            d: std::array::from_fn(|_| vec![0.0; slots]),
        };
        for (l, lane) in sc.d.iter_mut().enumerate() {
            if l < self.n_vars {
                lane[l] = 1.0;
            }
        }
        sc.v[self.n_vars..self.n_vars + self.consts.len()].copy_from_slice(&self.consts);
        sc
    }

    /// Evaluates at `x` with N tangent lanes (N = 0: value only; N = n_vars: the full
    /// gradient), allocating a scratch buffer. See [`Tape::eval`] for the allocation-free way.
    pub fn evaluate<const N: usize>(&self, x: &[f64]) -> Dual<N> {
        self.eval(x, &mut self.scratch())
    }

    /// Evaluates at `x` with N tangent lanes in `scratch`, which must come from this tape's
    /// [`Tape::scratch`] (a foreign one is re-made, allocating). Nothing is allocated.
    /// Missing coordinates read as NaN.
    ///
    /// The scratch keeps each lane in its own array (all values, all ∂/∂x₀, …) and is
    /// read and written one `f64` at a time, so every load is forwarded from a store of
    /// the same width: mixing 16- and 8-byte accesses stalled store forwarding and cost 3×.
    pub fn eval<const N: usize>(&self, x: &[f64], scratch: &mut Scratch<N>) -> Dual<N> {
        let mut d = [0.0; N];
        let v = self.eval_into(x, scratch, &mut d);
        Dual { v, d }
    }

    /// Like [`Tape::eval`], returning the value and writing the N partials into `grad`
    /// (as many as fit). Returning one `f64` and storing the partials one at a time
    /// avoids the store-forwarding stall of passing a whole [`Dual`] back through memory.
    #[inline]
    pub fn eval_into<const N: usize>(
        &self,
        x: &[f64],
        scratch: &mut Scratch<N>,
        grad: &mut [f64],
    ) -> f64 {
        let slots = self.slots();
        if scratch.v.len() != slots {
            *scratch = self.scratch();
        }
        let Scratch { v, d } = scratch;
        for (i, vi) in v.iter_mut().enumerate().take(self.n_vars) {
            *vi = x.get(i).copied().unwrap_or(f64::NAN);
        }
        let base = self.n_vars + self.consts.len();
        for (k, ins) in self.instrs.iter().enumerate() {
            let r = {
                let (v, d) = (&*v, &*d);
                let at = |i: u32| {
                    let i = i as usize;
                    Dual::<N> {
                        v: v[i],
                        d: std::array::from_fn(|l| d[l][i]),
                    }
                };
                match *ins {
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
                    Instr::PowAffine { a, ca, k, n } => int_power(Dual::lin1(at(a), ca, k), n),
                    Instr::PowLin2 { a, ca, b, cb, k, n } => {
                        int_power(Dual::lin2(at(a), ca, at(b), cb, k), n)
                    }
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
                }
            };
            let o = base + k;
            v[o] = r.v;
            for (lane, dl) in d.iter_mut().zip(r.d) {
                lane[o] = dl;
            }
        }
        let i = self.result as usize;
        for (g, lane) in grad.iter_mut().zip(d.iter()) {
            *g = lane[i];
        }
        v[i]
    }
}

/// uⁿ by the cheapest rule for n.
#[inline(always)]
fn int_power<const N: usize>(u: Dual<N>, n: i32) -> Dual<N> {
    match n {
        2 => Dual::square(u),
        3 => Dual::cube(u),
        4 => Dual::pow4(u),
        _ => Dual::powi(u, n),
    }
}

/// Reusable evaluation memory for a [`Tape`]: one array of values and one per tangent lane.
#[derive(Debug, Clone, PartialEq)]
pub struct Scratch<const N: usize> {
    v: Vec<f64>,
    d: [Vec<f64>; N],
}
