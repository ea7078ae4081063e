//! The compiled form: a flat tape of register instructions, evaluated in one forward pass
//! that carries the value and every partial derivative, without allocating.
//!
//! Slots are numbered: first the variables, then the constants, then one slot per
//! instruction (instruction i writes slot `n_vars + consts.len() + i`).

use super::ast::Func;
use super::derivative::{Dual, exec};

/// One instruction; operands are slot numbers. Linear forms are summed left to right with
/// the constant term last (`k` = −0 when there is none, which leaves every sum unchanged).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Instr {
    /// ca·a + k
    Affine {
        /// Operand slot.
        a: u32,
        /// Its coefficient.
        ca: f64,
        /// Constant term.
        k: f64,
    },
    /// ca·a + cb·b + k
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
    /// ca·a + cb·b + cc·c + k
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
    /// (ca·a + k)ⁿ, integer n
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
    /// (ca·a + cb·b + k)ⁿ, integer n
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
    /// aᵖ, constant p that is not an integer of at most 64 in size (those are `Powi`)
    Powf(u32, f64),
    /// aᵇ (by multiplications, as `Powi`, whenever b is an integer of at most 64 in size)
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
        let mut data = vec![0.0; slots * (N + 1)];
        for l in 0..N.min(self.n_vars) {
            data[(l + 1) * slots + l] = 1.0;
        }
        data[self.n_vars..self.n_vars + self.consts.len()].copy_from_slice(&self.consts);
        Scratch { data, slots }
    }

    /// Evaluates at `x` with N tangent lanes (N = 0: value only; N = n_vars: the full
    /// gradient), allocating a scratch buffer. See [`Tape::eval`] for the allocation-free way.
    pub fn evaluate<const N: usize>(&self, x: &[f64]) -> Dual<N> {
        self.eval(x, &mut self.scratch())
    }

    /// Evaluates at `x` with N tangent lanes in `scratch`, which must come from this tape's
    /// [`Tape::scratch`] (a foreign one is re-made, allocating). Nothing is allocated.
    /// Missing coordinates read as NaN.
    pub fn eval<const N: usize>(&self, x: &[f64], scratch: &mut Scratch<N>) -> Dual<N> {
        let mut d = [0.0; N];
        let v = self.eval_into(x, scratch, &mut d);
        Dual { v, d }
    }

    /// Like [`Tape::eval`], returning the value and writing the N partials into `grad`
    /// (as many as fit).
    ///
    /// Written for speed at both `opt-level = 3` (native) and `"z"` (the wasm build):
    /// - the scratch keeps each lane in its own stretch (all values, all ∂/∂x₀, …) and is
    ///   read and written one `f64` at a time, so every load is forwarded from a store of
    ///   the same width (mixing 16- and 8-byte accesses stalled store forwarding, 3×);
    /// - the result comes back as one `f64` plus scalar stores, not a [`Dual`] in memory;
    /// - plain `while` loops, slices and `#[inline(always)]` helpers, no closures or
    ///   iterator adapters, which `"z"` does not inline (40× slower).
    pub fn eval_into<const N: usize>(
        &self,
        x: &[f64],
        scratch: &mut Scratch<N>,
        grad: &mut [f64],
    ) -> f64 {
        let slots = self.slots();
        if scratch.slots != slots || scratch.data.len() != slots * (N + 1) {
            *scratch = self.scratch();
        }
        let s: &mut [f64] = scratch.data.as_mut_slice();
        let mut i = 0;
        while i < self.n_vars {
            s[i] = if i < x.len() { x[i] } else { f64::NAN };
            i += 1;
        }
        let instrs: &[Instr] = self.instrs.as_slice();
        let base = self.n_vars + self.consts.len();
        let mut k = 0;
        while k < instrs.len() {
            exec::<N>(&instrs[k], s, slots, base + k);
            k += 1;
        }
        let o = self.result as usize;
        let mut l = 0;
        while l < N && l < grad.len() {
            grad[l] = s[(l + 1) * slots + o];
            l += 1;
        }
        s[o]
    }
}

/// Reusable evaluation memory for a [`Tape`]: all values, then each tangent lane.
#[derive(Debug, Clone, PartialEq)]
pub struct Scratch<const N: usize> {
    data: Vec<f64>,
    slots: usize,
}
