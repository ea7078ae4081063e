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
use super::eval::picks_second;
use super::tape::Instr;

/// A value `v` with its partial derivatives `d[i] = ∂v/∂xᵢ` (N = 0 for value only).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Dual<const N: usize> {
    /// The value.
    pub v: f64,
    /// The partial derivatives with respect to each variable.
    pub d: [f64; N],
}

/// `t · slope`, except that a zero tangent stays zero (see the module documentation).
#[inline(always)]
pub fn carry(t: f64, slope: f64) -> f64 {
    if t == 0.0 { 0.0 } else { t * slope }
}

/// Largest |n| for which uⁿ with an integer constant n is computed by multiplications
/// (as `powi` does) rather than by `powf`.
pub const MAX_INT_POWER: i32 = 64;

/// The exponent as an integer if `q` is an integer of at most [`MAX_INT_POWER`] in size:
/// such powers are computed by multiplications, every other by `powf`.
#[inline(always)]
pub fn int_exponent(q: f64) -> Option<i32> {
    (q.fract() == 0.0 && q.abs() <= f64::from(MAX_INT_POWER)).then_some(q as i32)
}

/// pᵠ and, if `slopes`, its slopes ∂/∂p and ∂/∂q: by [`int_power`] when q is a small
/// integer (see [`int_exponent`]), else by `powf`. The one rule for `^`, whether the
/// exponent is a constant or computed.
#[inline(always)]
pub fn power(p: f64, q: f64, slopes: bool) -> (f64, f64, f64) {
    let (v, sp) = match int_exponent(q) {
        Some(n) => int_power(p, n),
        None => (p.powf(q), if slopes { q * p.powf(q - 1.0) } else { 0.0 }),
    };
    if !slopes {
        return (v, 0.0, 0.0);
    }
    (v, sp, v * p.ln())
}

/// uⁿ and its slope n·uⁿ⁻¹, by multiplications for n = 2, 3, 4.
#[inline(always)]
pub fn int_power(u: f64, n: i32) -> (f64, f64) {
    match n {
        0 => (1.0, 0.0),
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

/// Writes value `v` to slot `o` and, lane by lane, the chain rule for one operand.
#[inline(always)]
fn put1<const N: usize>(s: &mut [f64], slots: usize, o: usize, v: f64, a: u32, sa: f64) {
    s[o] = v;
    let mut l = 0;
    while l < N {
        let lane = (l + 1) * slots;
        s[lane + o] = carry(s[lane + a as usize], sa);
        l += 1;
    }
}

/// [`put1`] for two operands.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn put2<const N: usize>(
    s: &mut [f64],
    slots: usize,
    o: usize,
    v: f64,
    a: u32,
    sa: f64,
    b: u32,
    sb: f64,
) {
    s[o] = v;
    let mut l = 0;
    while l < N {
        let lane = (l + 1) * slots;
        s[lane + o] = carry(s[lane + a as usize], sa) + carry(s[lane + b as usize], sb);
        l += 1;
    }
}

/// Writes value `v` to slot `o` and, lane by lane, the tangent of a linear form: the sum,
/// in order, of each operand's tangent times its coefficient, then times `outer` (the slope
/// of a power of the form) when given. The sum starts from the first term, not from 0, so
/// that a −0 tangent stays −0 as in the tree's walk.
#[inline(always)]
fn put_form<const N: usize>(
    s: &mut [f64],
    slots: usize,
    o: usize,
    v: f64,
    terms: &[(u32, f64)],
    outer: Option<f64>,
) {
    s[o] = v;
    let mut l = 0;
    while l < N {
        let lane = (l + 1) * slots;
        let (a, ca) = terms[0];
        let mut t = carry(s[lane + a as usize], ca);
        for &(b, cb) in &terms[1..] {
            t += carry(s[lane + b as usize], cb);
        }
        s[lane + o] = outer.map_or(t, |dv| carry(t, dv));
        l += 1;
    }
}

/// Executes `ins` on a lane-by-lane scratch `s` (values in `s[..slots]`, then N tangent
/// lanes of `slots` each), writing slot `o`: the value, and each lane by the chain rule
/// from the instruction's local slopes. With N = 0 only the value is computed.
#[inline(always)]
pub fn exec<const N: usize>(ins: &Instr, s: &mut [f64], slots: usize, o: usize) {
    let x = |s: &[f64], i: u32| s[i as usize];
    let slopes = N > 0;
    match *ins {
        Instr::Affine { a, ca, k } => {
            let v = ca * x(s, a) + k;
            put1::<N>(s, slots, o, v, a, ca);
        }
        Instr::Lin2 { a, ca, b, cb, k } => {
            let v = ca * x(s, a) + cb * x(s, b) + k;
            put2::<N>(s, slots, o, v, a, ca, b, cb);
        }
        Instr::Lin3 {
            a,
            ca,
            b,
            cb,
            c,
            cc,
            k,
        } => {
            let v = ca * x(s, a) + cb * x(s, b) + cc * x(s, c) + k;
            put_form::<N>(s, slots, o, v, &[(a, ca), (b, cb), (c, cc)], None);
        }
        // The form's tangent first, then the power's slope: the order in which the tree
        // applies the chain rule, so that the partials agree to the bit.
        Instr::PowAffine { a, ca, k, n } => {
            let (v, dv) = int_power(ca * x(s, a) + k, n);
            put_form::<N>(s, slots, o, v, &[(a, ca)], Some(dv));
        }
        Instr::PowLin2 { a, ca, b, cb, k, n } => {
            let (v, dv) = int_power(ca * x(s, a) + cb * x(s, b) + k, n);
            put_form::<N>(s, slots, o, v, &[(a, ca), (b, cb)], Some(dv));
        }
        Instr::Mul(a, b) => {
            let (p, q) = (x(s, a), x(s, b));
            put2::<N>(s, slots, o, p * q, a, q, b, p);
        }
        Instr::Div(a, b) => {
            let (p, q) = (x(s, a), x(s, b));
            let v = p / q;
            put2::<N>(s, slots, o, v, a, 1.0 / q, b, -v / q);
        }
        Instr::Recip(a, c) => {
            let p = x(s, a);
            let v = c / p;
            put1::<N>(s, slots, o, v, a, -v / p);
        }
        Instr::Square(a) => {
            let (v, dv) = int_power(x(s, a), 2);
            put1::<N>(s, slots, o, v, a, dv);
        }
        Instr::Cube(a) => {
            let (v, dv) = int_power(x(s, a), 3);
            put1::<N>(s, slots, o, v, a, dv);
        }
        Instr::Pow4(a) => {
            let (v, dv) = int_power(x(s, a), 4);
            put1::<N>(s, slots, o, v, a, dv);
        }
        Instr::Powi(a, n) => {
            let (v, dv) = int_power(x(s, a), n);
            put1::<N>(s, slots, o, v, a, dv);
        }
        Instr::Powf(a, p) => {
            let (v, dv, _) = power(x(s, a), p, slopes);
            put1::<N>(s, slots, o, v, a, dv);
        }
        Instr::Pow(a, b) => {
            let (v, sa, sb) = power(x(s, a), x(s, b), slopes);
            put2::<N>(s, slots, o, v, a, sa, b, sb);
        }
        Instr::Call(f, a) => {
            let (v, dv) = unary(f, x(s, a), slopes);
            put1::<N>(s, slots, o, v, a, dv);
        }
        // The smaller (larger) argument, the first on a tie, with its partials.
        Instr::Min(a, b) | Instr::Max(a, b) => {
            let (p, q) = (x(s, a), x(s, b));
            let pick = if picks_second(matches!(ins, Instr::Max(..)), p, q) {
                b
            } else {
                a
            };
            put1::<N>(s, slots, o, x(s, pick), pick, 1.0);
        }
    }
}

/// The value of `ins` with its operands' values in slots 0, 1 and 2 of `x`.
#[cfg(test)]
pub fn value_of(ins: &Instr, x: [f64; 3]) -> f64 {
    let mut s = [x[0], x[1], x[2], 0.0];
    exec::<0>(ins, &mut s, 4, 3);
    s[3]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Value of `ins` with operands (x, y) in slots (0, 1) and 0.7 in slot 2.
    fn value(ins: &Instr, x: f64, y: f64) -> f64 {
        value_of(ins, [x, y, 0.7])
    }

    /// ∂/∂(slot 0) and ∂/∂(slot 1) of `ins` at (x, y), by the chain rule in two lanes.
    fn slopes(ins: &Instr, x: f64, y: f64) -> (f64, [f64; 2]) {
        // Slots 0..3 hold the operands; slot 3 the result. Lane l seeds ∂/∂(slot l).
        let mut s = [x, y, 0.7, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0];
        exec::<2>(ins, &mut s, 4, 3);
        (s[3], [s[7], s[11]])
    }

    /// Checks both slopes of `ins` at (x, y) against central differences of its value.
    fn check(ins: Instr, x: f64, y: f64) -> Result<(), TestCaseError> {
        let (v, exact) = slopes(&ins, x, y);
        prop_assert_eq!(v.to_bits(), value(&ins, x, y).to_bits());
        for (i, &exact) in exact.iter().enumerate() {
            let p = [x, y];
            let h = 1e-6 * (1.0 + p[i].abs());
            let (mut up, mut down) = (p, p);
            up[i] += h;
            down[i] -= h;
            let fd = (value(&ins, up[0], up[1]) - value(&ins, down[0], down[1])) / (2.0 * h);
            let tol = 1e-6 * (1.0 + exact.abs());
            prop_assert!(
                (exact - fd).abs() < tol,
                "{ins:?} at ({x}, {y}), slot {i}: {exact} vs {fd}"
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
            // Negative powers have a pole where the linear form vanishes; near it the
            // central difference itself is inaccurate, so those cases are not compared.
            if n >= 0 || (c * x + 0.5).abs() > 0.1 {
                check(Instr::PowAffine { a, ca: c, k: 0.5, n }, x, y)?;
            }
            if n >= 0 || (c * x - y + 0.5).abs() > 0.1 {
                check(Instr::PowLin2 { a, ca: c, b, cb: -1.0, k: 0.5, n }, x, y)?;
            }
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
        // sqrt at 0: a lane that does not move the argument gives 0, not NaN; one that
        // does gives an infinite slope, which the run reports.
        let mut s = [0.0, 0.0, 0.0, 0.0, 1.0, 0.0];
        exec::<2>(&Instr::Call(Func::Sqrt, 0), &mut s, 2, 1);
        assert_eq!(s[3], 0.0);
        assert!(s[5].is_infinite());
        assert_eq!(slopes(&Instr::Call(Func::Abs, 0), 0.0, 0.0).1, [0.0, 0.0]);
        assert!(value(&Instr::Call(Func::Ln, 0), -1.0, 0.0).is_nan());
        assert_eq!(carry(0.0, f64::INFINITY), 0.0);
    }
}
