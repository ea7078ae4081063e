//! Exact derivatives by forward-mode automatic differentiation: for every instruction, its
//! value and its local slopes ∂r/∂(operand); the tape carries one tangent lane per
//! variable and applies the chain rule d r = Σⱼ slopeⱼ · d operandⱼ.
//!
//! A lane whose incoming tangent is exactly zero stays zero, even where the local slope is
//! infinite (√u at u = 0): the variable does not move that argument, so it cannot move
//! the result. This makes, e.g., Ackley's gradient 0 at its minimum instead of NaN.
//!
//! Everything here is scalar and `#[inline(always)]`, with no closures or iterator
//! adapters: the wasm build is optimised for size (`opt-level = "z"`), which inlines
//! neither, and a struct of lanes passed through memory stalled store forwarding.

use super::ast::Func;
use super::tape::Instr;

/// A value `v` with its partial derivatives `d[i] = ∂v/∂xᵢ` (N = 0 for value only).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dual<const N: usize> {
    /// The value.
    pub v: f64,
    /// The partial derivatives with respect to each variable.
    pub d: [f64; N],
}

/// An instruction's result and its slopes with respect to its (up to three) operands.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Local {
    /// The value.
    pub v: f64,
    /// ∂v/∂(operand j), for j < the instruction's operand count.
    pub s: [f64; 3],
}

/// `t · slope`, except that a zero tangent stays zero (see the module documentation).
#[inline(always)]
pub fn carry(t: f64, slope: f64) -> f64 {
    if t == 0.0 { 0.0 } else { t * slope }
}

/// uⁿ and its slope n·uⁿ⁻¹, by multiplications for n = 2, 3, 4.
#[inline(always)]
fn int_power(u: f64, n: i32) -> (f64, f64) {
    match n {
        2 => (u * u, 2.0 * u),
        3 => {
            let u2 = u * u;
            (u2 * u, 3.0 * u2)
        }
        4 => {
            let u2 = u * u;
            (u2 * u2, 4.0 * u2 * u)
        }
        _ => (u.powi(n), f64::from(n) * u.powi(n - 1)),
    }
}

/// A one-argument function's value at x and, if `slopes`, its derivative there.
#[inline(always)]
pub fn unary(f: Func, x: f64, slopes: bool) -> (f64, f64) {
    let v = match f {
        Func::Sin => x.sin(),
        Func::Cos => x.cos(),
        Func::Tan => x.tan(),
        Func::Exp => x.exp(),
        Func::Ln | Func::Log => x.ln(),
        Func::Sqrt => x.sqrt(),
        Func::Abs => x.abs(),
        Func::Tanh => x.tanh(),
        Func::Sinh => x.sinh(),
        Func::Cosh => x.cosh(),
        Func::Atan => x.atan(),
        // Two-argument functions are their own instructions; never sent here.
        Func::Min | Func::Max => x,
    };
    if !slopes {
        return (v, 0.0);
    }
    let slope = match f {
        Func::Sin => x.cos(),
        Func::Cos => -x.sin(),
        Func::Tan => 1.0 + v * v,
        Func::Exp => v,
        Func::Ln | Func::Log => 1.0 / x,
        Func::Sqrt => 0.5 / v,
        // The slope of |x| at 0 is taken as 0 (a subgradient).
        Func::Abs => {
            if x > 0.0 {
                1.0
            } else if x < 0.0 {
                -1.0
            } else {
                0.0
            }
        }
        Func::Tanh => 1.0 - v * v,
        Func::Sinh => x.cosh(),
        Func::Cosh => x.sinh(),
        Func::Atan => 1.0 / (1.0 + x * x),
        Func::Min | Func::Max => 1.0,
    };
    (v, slope)
}

/// The value of `ins` and, if `slopes`, its slopes, reading operand slot `i` as `s[i]`.
/// Returns also the operand slots and how many there are, for the chain rule.
#[inline(always)]
pub fn apply(ins: &Instr, s: &[f64], slopes: bool) -> (Local, [u32; 3], usize) {
    let x = |i: u32| s[i as usize];
    let one = |v: f64, s0: f64, a: u32| {
        (
            Local {
                v,
                s: [s0, 0.0, 0.0],
            },
            [a, 0, 0],
            1,
        )
    };
    let two = |v: f64, s0: f64, s1: f64, a: u32, b: u32| {
        (
            Local {
                v,
                s: [s0, s1, 0.0],
            },
            [a, b, 0],
            2,
        )
    };
    match *ins {
        Instr::Affine { a, ca, k } => one(k + ca * x(a), ca, a),
        Instr::Lin2 { a, ca, b, cb, k } => two(k + ca * x(a) + cb * x(b), ca, cb, a, b),
        Instr::Lin3 {
            a,
            ca,
            b,
            cb,
            c,
            cc,
            k,
        } => (
            Local {
                v: k + ca * x(a) + cb * x(b) + cc * x(c),
                s: [ca, cb, cc],
            },
            [a, b, c],
            3,
        ),
        Instr::PowAffine { a, ca, k, n } => {
            let (v, dv) = int_power(k + ca * x(a), n);
            one(v, dv * ca, a)
        }
        Instr::PowLin2 { a, ca, b, cb, k, n } => {
            let (v, dv) = int_power(k + ca * x(a) + cb * x(b), n);
            two(v, dv * ca, dv * cb, a, b)
        }
        Instr::Mul(a, b) => two(x(a) * x(b), x(b), x(a), a, b),
        Instr::Div(a, b) => {
            let v = x(a) / x(b);
            two(v, 1.0 / x(b), -v / x(b), a, b)
        }
        Instr::Recip(a, c) => {
            let v = c / x(a);
            one(v, -v / x(a), a)
        }
        Instr::Square(a) => {
            let (v, dv) = int_power(x(a), 2);
            one(v, dv, a)
        }
        Instr::Cube(a) => {
            let (v, dv) = int_power(x(a), 3);
            one(v, dv, a)
        }
        Instr::Pow4(a) => {
            let (v, dv) = int_power(x(a), 4);
            one(v, dv, a)
        }
        Instr::Powi(a, n) => {
            let (v, dv) = int_power(x(a), n);
            one(v, dv, a)
        }
        Instr::Powf(a, p) => {
            let v = x(a).powf(p);
            let dv = if slopes { p * x(a).powf(p - 1.0) } else { 0.0 };
            one(v, dv, a)
        }
        Instr::Pow(a, b) => {
            let v = x(a).powf(x(b));
            let (sa, sb) = if slopes {
                (x(b) * x(a).powf(x(b) - 1.0), v * x(a).ln())
            } else {
                (0.0, 0.0)
            };
            two(v, sa, sb, a, b)
        }
        Instr::Call(f, a) => {
            let (v, dv) = unary(f, x(a), slopes);
            one(v, dv, a)
        }
        // The smaller (larger) argument, the first on a tie, with its partials.
        Instr::Min(a, b) => {
            if x(b) < x(a) {
                two(x(b), 0.0, 1.0, a, b)
            } else {
                two(x(a), 1.0, 0.0, a, b)
            }
        }
        Instr::Max(a, b) => {
            if x(b) > x(a) {
                two(x(b), 0.0, 1.0, a, b)
            } else {
                two(x(a), 1.0, 0.0, a, b)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Value of `ins` with operands (x, y) in slots (0, 1) and 0.7 in slot 2.
    fn value(ins: &Instr, x: f64, y: f64) -> f64 {
        apply(ins, &[x, y, 0.7], false).0.v
    }

    /// Checks each slope of `ins` at (x, y) against a central difference of its value.
    fn check(ins: Instr, x: f64, y: f64) -> Result<(), TestCaseError> {
        let (local, slots, m) = apply(&ins, &[x, y, 0.7], true);
        prop_assert_eq!(local.v.to_bits(), value(&ins, x, y).to_bits());
        // Operands in slot 2 are constants here; check the slopes of slots 0 and 1.
        for j in (0..m).filter(|&j| slots[j] < 2) {
            let p = [x, y];
            let i = slots[j] as usize;
            let h = 1e-6 * (1.0 + p[i].abs());
            let (mut up, mut down) = (p, p);
            up[i] += h;
            down[i] -= h;
            let fd = (value(&ins, up[0], up[1]) - value(&ins, down[0], down[1])) / (2.0 * h);
            let exact = local.s[j];
            let tol = 1e-6 * (1.0 + exact.abs());
            prop_assert!(
                (exact - fd).abs() < tol,
                "{ins:?} at ({x}, {y}), operand {j}: {exact} vs {fd}"
            );
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn every_function_rule_matches_central_differences(x in -2.0f64..2.0, k in 0usize..12) {
            let f = Func::ALL[k];
            // Keep away from the kinks and poles: |x| at 0, ln and sqrt at x ≤ 0, tan at ±π/2.
            let x = match f {
                Func::Ln | Func::Log | Func::Sqrt => x.abs() + 0.1,
                Func::Abs if x.abs() < 1e-3 => 0.5,
                Func::Tan => x * 0.7,
                _ => x,
            };
            check(Instr::Call(f, 0), x, 0.0)?;
        }

        #[test]
        fn arithmetic_rules_match_central_differences(
            x in 0.2f64..3.0, y in 0.2f64..3.0, c in -2.0f64..2.0, n in -4i32..8,
        ) {
            let (a, b) = (0, 1);
            check(Instr::Affine { a, ca: c, k: 1.0 }, x, y)?;
            check(Instr::Lin2 { a, ca: c, b, cb: 2.0, k: 1.0 }, x, y)?;
            check(Instr::Lin3 { a, ca: c, b, cb: 2.0, c: 2, cc: 0.5, k: 1.0 }, x, y)?;
            check(Instr::Lin3 { a: 2, ca: c, b, cb: 2.0, c: a, cc: 0.5, k: 1.0 }, x, y)?;
            check(Instr::PowAffine { a, ca: c, k: 0.5, n }, x, y)?;
            check(Instr::PowLin2 { a, ca: c, b, cb: -1.0, k: 0.5, n }, x, y)?;
            check(Instr::Mul(a, b), x, y)?;
            check(Instr::Div(a, b), x, y)?;
            check(Instr::Recip(a, c), x, y)?;
            check(Instr::Square(a), x, y)?;
            check(Instr::Cube(a), x, y)?;
            check(Instr::Pow4(a), x, y)?;
            check(Instr::Powi(a, n), x, y)?;
            check(Instr::Powf(a, c), x, y)?;
            check(Instr::Pow(a, b), x, y)?;
        }

        #[test]
        fn min_and_max_pick_the_branch(x in -3.0f64..3.0, y in -3.0f64..3.0) {
            prop_assume!((x - y).abs() > 1e-3);
            check(Instr::Min(0, 1), x, y)?;
            check(Instr::Max(0, 1), x, y)?;
            prop_assert_eq!(value(&Instr::Min(0, 1), x, y), x.min(y));
            prop_assert_eq!(value(&Instr::Max(0, 1), x, y), x.max(y));
        }
    }

    #[test]
    fn zero_tangent_stays_zero_at_singular_slopes() {
        let (sqrt0, _, _) = apply(&Instr::Call(Func::Sqrt, 0), &[0.0], true);
        assert!(sqrt0.s[0].is_infinite());
        // A lane that does not move the argument: 0, not NaN; one that does: infinite.
        assert_eq!(carry(0.0, sqrt0.s[0]), 0.0);
        assert!(carry(1.0, sqrt0.s[0]).is_infinite());
        assert_eq!(apply(&Instr::Call(Func::Abs, 0), &[0.0], true).0.s[0], 0.0);
        assert!(apply(&Instr::Call(Func::Ln, 0), &[-1.0], true).0.v.is_nan());
    }
}
