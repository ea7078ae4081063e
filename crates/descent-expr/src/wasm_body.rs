//! The straight-line function body under construction: values known at compile time or
//! held in locals, and the arithmetic that folds constants as the interpreter would.
//!
//! A body is scalar (`f64` locals, one point) or two-lane (`v128` locals holding an
//! `f64x2`, two points at once): the same operations in the same order, each `f64`
//! instruction replaced by its `f64x2` twin. Both are IEEE operations rounded exactly per
//! lane (wasm has no fused operations), the comparisons give the same answers (false with
//! NaN), and `v128.bitselect` on a comparison's lane mask picks as `select` does, so each
//! lane's bits are the scalar body's.

use super::wasm_emit::{op, uleb};

/// A value known at compile time or held in a local.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Val {
    Const(f64),
    Local(u32),
}

/// One function body under construction: its code, its number of locals (parameters
/// included) and whether its values are `f64x2` pairs.
pub(super) struct Body {
    pub(super) code: Vec<u8>,
    pub(super) locals: u32,
    pub(super) simd: bool,
}

/// The `0xFD`-prefixed opcode of the `f64x2` twin of a scalar opcode the body emits.
fn simd_twin(opcode: u8) -> u32 {
    match opcode {
        op::F64_ADD => 0xF0,
        op::F64_MUL => 0xF2,
        op::F64_DIV => 0xF3,
        op::F64_NEG => 0xED,
        op::F64_ABS => 0xEC,
        op::F64_SQRT => 0xEF,
        op::F64_EQ => 0x47,
        op::F64_LT => 0x49,
        op::F64_GT => 0x4A,
        op::SELECT => 0x52, // v128.bitselect
        _ => unreachable!("the body emits no other operation"),
    }
}

impl Body {
    /// Appends an operation: `opcode` itself, or its `f64x2` twin in a two-lane body.
    /// Kept out of line, as [`Body::bin`]: inlined into every caller, the emitter's code
    /// (shipped in every page load) grows by kilobytes for no measurable gain.
    #[inline(never)]
    pub(super) fn op(&mut self, opcode: u8) {
        if self.simd {
            self.code.push(op::SIMD_PREFIX);
            uleb(&mut self.code, simd_twin(opcode));
        } else {
            self.code.push(opcode);
        }
    }

    pub(super) fn push(&mut self, v: Val) {
        match v {
            Val::Const(c) if self.simd => {
                self.code.extend([op::SIMD_PREFIX, op::V128_CONST]);
                self.code.extend(c.to_le_bytes());
                self.code.extend(c.to_le_bytes());
            }
            Val::Const(c) => {
                self.code.push(op::F64_CONST);
                self.code.extend(c.to_le_bytes());
            }
            Val::Local(i) => {
                self.code.push(op::LOCAL_GET);
                uleb(&mut self.code, i);
            }
        }
    }

    /// Stores the top of the stack in a fresh local.
    pub(super) fn set(&mut self) -> Val {
        let i = self.locals;
        self.locals += 1;
        self.code.push(op::LOCAL_SET);
        uleb(&mut self.code, i);
        Val::Local(i)
    }

    /// `a op b`, folded when both are known (the same IEEE operation as at run time) and
    /// for `1 · b` and `a · 1`, which are exact.
    #[inline(never)]
    pub(super) fn bin(&mut self, opcode: u8, a: Val, b: Val) -> Val {
        if opcode == op::F64_MUL {
            if a == Val::Const(1.0) {
                return b;
            }
            if b == Val::Const(1.0) {
                return a;
            }
        }
        if let (Val::Const(p), Val::Const(q)) = (a, b) {
            return Val::Const(match opcode {
                op::F64_ADD => p + q,
                op::F64_MUL => p * q,
                _ => p / q,
            });
        }
        self.push(a);
        self.push(b);
        self.op(opcode);
        self.set()
    }

    pub(super) fn add(&mut self, a: Val, b: Val) -> Val {
        self.bin(op::F64_ADD, a, b)
    }

    pub(super) fn mul(&mut self, a: Val, b: Val) -> Val {
        self.bin(op::F64_MUL, a, b)
    }

    /// c₁·x₁ + c₂·x₂ + … + k, summed left to right as the interpreter does (adding
    /// k = −0 changes nothing and is left out).
    pub(super) fn linear(&mut self, k: f64, terms: &[(f64, Val)]) -> Val {
        let mut sum: Option<Val> = None;
        for &(coef, v) in terms {
            let t = self.mul(Val::Const(coef), v);
            sum = Some(match sum {
                None => t,
                Some(s) => self.add(s, t),
            });
        }
        match sum {
            None => Val::Const(k),
            Some(s) if k.to_bits() == (-0.0f64).to_bits() => s,
            Some(s) => self.add(s, Val::Const(k)),
        }
    }

    pub(super) fn div(&mut self, a: Val, b: Val) -> Val {
        self.bin(op::F64_DIV, a, b)
    }

    pub(super) fn unary(&mut self, opcode: u8, a: Val) -> Val {
        if let Val::Const(p) = a {
            return Val::Const(match opcode {
                op::F64_NEG => -p,
                op::F64_ABS => p.abs(),
                _ => p.sqrt(),
            });
        }
        self.push(a);
        self.op(opcode);
        self.set()
    }

    /// `if x cmp y { a } else { b }`.
    pub(super) fn select(&mut self, a: Val, b: Val, x: Val, cmp: u8, y: Val) -> Val {
        self.push(a);
        self.push(b);
        self.push(x);
        self.push(y);
        self.op(cmp);
        self.op(op::SELECT);
        self.set()
    }

    /// uⁿ by square-and-multiply, the algorithm of `f64::powi` (compiler-builtins'
    /// `__powidf2`), so that the result is the same to the bit.
    pub(super) fn powi(&mut self, u: Val, n: i32) -> Val {
        let mut pow = n.unsigned_abs();
        let mut a = u;
        let mut acc: Option<Val> = None; // None is the initial 1 (and 1 · a = a exactly)
        loop {
            if pow & 1 != 0 {
                acc = Some(match acc {
                    None => a,
                    Some(m) => self.mul(m, a),
                });
            }
            pow >>= 1;
            if pow == 0 {
                break;
            }
            a = self.mul(a, a);
        }
        let m = acc.unwrap_or(Val::Const(1.0));
        if n < 0 {
            self.div(Val::Const(1.0), m)
        } else {
            m
        }
    }

    /// uⁿ and, if `slope`, its slope n·uⁿ⁻¹, as the interpreter's `int_power` computes
    /// them.
    pub(super) fn int_power(&mut self, u: Val, n: i32, slope: bool) -> (Val, Val) {
        if !slope {
            let v = match n {
                2 => self.mul(u, u),
                3 => {
                    let u2 = self.mul(u, u);
                    self.mul(u2, u)
                }
                4 => {
                    let u2 = self.mul(u, u);
                    self.mul(u2, u2)
                }
                _ => self.powi(u, n),
            };
            return (v, Val::Const(0.0));
        }
        match n {
            0 => (Val::Const(1.0), Val::Const(0.0)),
            2 => {
                let v = self.mul(u, u);
                (v, self.mul(Val::Const(2.0), u))
            }
            3 => {
                let u2 = self.mul(u, u);
                let v = self.mul(u2, u);
                (v, self.mul(Val::Const(3.0), u2))
            }
            4 => {
                let u2 = self.mul(u, u);
                let v = self.mul(u2, u2);
                let s = self.mul(Val::Const(4.0), u2);
                (v, self.mul(s, u))
            }
            _ => {
                let v = self.powi(u, n);
                let p = self.powi(u, n.wrapping_sub(1));
                (v, self.mul(Val::Const(f64::from(n)), p))
            }
        }
    }

    /// The chain-rule term `t · slope`, with the interpreter's rule that a zero tangent
    /// stays zero (`None` when it is known to be zero). With a finite constant slope the
    /// rule changes at most the sign of a zero, so the check is left out.
    pub(super) fn carry(&mut self, t: Val, slope: Val) -> Option<Val> {
        match (t, slope) {
            (Val::Const(0.0), _) => None, // also −0
            (Val::Const(_), _) => Some(self.mul(t, slope)),
            (_, Val::Const(s)) if s.is_finite() => Some(self.mul(t, slope)),
            (Val::Local(_), _) => {
                let zero = Val::Const(0.0);
                let prod = self.mul(t, slope);
                Some(self.select(zero, prod, t, op::F64_EQ, zero))
            }
        }
    }
}
