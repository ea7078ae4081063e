//! Exact derivatives by forward-mode automatic differentiation: a value carried with one
//! tangent lane per variable, and the chain rule of every operation of the language.
//!
//! A lane whose incoming tangent is exactly zero stays zero, even where the local slope is
//! infinite (√u at u = 0): the variable does not move that argument, so it cannot move
//! the result. This makes, e.g., Ackley's gradient 0 at its minimum instead of NaN.

use super::ast::Func;

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
fn carry(t: f64, slope: f64) -> f64 {
    if t == 0.0 { 0.0 } else { t * slope }
}

impl<const N: usize> Dual<N> {
    /// A constant: all partials zero.
    #[inline(always)]
    pub fn constant(v: f64) -> Self {
        Dual { v, d: [0.0; N] }
    }

    /// Variable number `lane`: its own partial is 1.
    #[inline(always)]
    pub fn variable(v: f64, lane: usize) -> Self {
        let mut d = [0.0; N];
        if lane < N {
            d[lane] = 1.0;
        }
        Dual { v, d }
    }

    /// The result `v` of a one-argument function of `self` whose slope there is `slope`.
    #[inline(always)]
    pub fn chain(self, v: f64, slope: f64) -> Self {
        let mut d = [0.0; N];
        for (o, t) in d.iter_mut().zip(self.d) {
            *o = carry(t, slope);
        }
        Dual { v, d }
    }

    /// k + ca·a
    #[inline(always)]
    pub fn lin1(a: Self, ca: f64, k: f64) -> Self {
        Dual {
            v: k + ca * a.v,
            d: std::array::from_fn(|i| ca * a.d[i]),
        }
    }

    /// k + ca·a + cb·b
    #[inline(always)]
    pub fn lin2(a: Self, ca: f64, b: Self, cb: f64, k: f64) -> Self {
        Dual {
            v: k + ca * a.v + cb * b.v,
            d: std::array::from_fn(|i| ca * a.d[i] + cb * b.d[i]),
        }
    }

    /// k + ca·a + cb·b + cc·c
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    pub fn lin3(a: Self, ca: f64, b: Self, cb: f64, c: Self, cc: f64, k: f64) -> Self {
        Dual {
            v: k + ca * a.v + cb * b.v + cc * c.v,
            d: std::array::from_fn(|i| ca * a.d[i] + cb * b.d[i] + cc * c.d[i]),
        }
    }

    /// a · b, with (ab)′ = a′b + ab′.
    #[inline(always)]
    pub fn times(a: Self, b: Self) -> Self {
        Dual {
            v: a.v * b.v,
            d: std::array::from_fn(|i| a.d[i] * b.v + a.v * b.d[i]),
        }
    }

    /// a / b, with (a/b)′ = (a′ − (a/b)·b′) / b.
    #[inline(always)]
    pub fn over(a: Self, b: Self) -> Self {
        let v = a.v / b.v;
        Dual {
            v,
            d: std::array::from_fn(|i| (a.d[i] - v * b.d[i]) / b.v),
        }
    }

    /// c / a, with slope −c/a².
    #[inline(always)]
    pub fn recip(a: Self, c: f64) -> Self {
        let v = c / a.v;
        a.chain(v, -v / a.v)
    }

    /// a², slope 2a.
    #[inline(always)]
    pub fn square(a: Self) -> Self {
        Dual {
            v: a.v * a.v,
            d: std::array::from_fn(|i| 2.0 * a.v * a.d[i]),
        }
    }

    /// a³, slope 3a².
    #[inline(always)]
    pub fn cube(a: Self) -> Self {
        let a2 = a.v * a.v;
        Dual {
            v: a2 * a.v,
            d: std::array::from_fn(|i| 3.0 * a2 * a.d[i]),
        }
    }

    /// a⁴, slope 4a³.
    #[inline(always)]
    pub fn pow4(a: Self) -> Self {
        let a2 = a.v * a.v;
        Dual {
            v: a2 * a2,
            d: std::array::from_fn(|i| 4.0 * a2 * a.v * a.d[i]),
        }
    }

    /// aⁿ for an integer n, slope n·aⁿ⁻¹.
    #[inline(always)]
    pub fn powi(a: Self, n: i32) -> Self {
        let v = a.v.powi(n);
        if N == 0 {
            return Self::constant(v);
        }
        a.chain(v, f64::from(n) * a.v.powi(n - 1))
    }

    /// aᵖ for a constant real p, slope p·aᵖ⁻¹.
    #[inline(always)]
    pub fn powf(a: Self, p: f64) -> Self {
        let v = a.v.powf(p);
        if N == 0 {
            return Self::constant(v);
        }
        a.chain(v, p * a.v.powf(p - 1.0))
    }

    /// aᵇ with both varying: (aᵇ)′ = b·aᵇ⁻¹·a′ + aᵇ·ln a·b′.
    #[inline(always)]
    pub fn pow(a: Self, b: Self) -> Self {
        let v = a.v.powf(b.v);
        if N == 0 {
            return Self::constant(v);
        }
        let sa = b.v * a.v.powf(b.v - 1.0);
        let sb = v * a.v.ln();
        Dual {
            v,
            d: std::array::from_fn(|i| carry(a.d[i], sa) + carry(b.d[i], sb)),
        }
    }

    /// The smaller argument (the first on a tie), with its partials.
    #[inline(always)]
    pub fn min(a: Self, b: Self) -> Self {
        if b.v < a.v { b } else { a }
    }

    /// The larger argument (the first on a tie), with its partials.
    #[inline(always)]
    pub fn max(a: Self, b: Self) -> Self {
        if b.v > a.v { b } else { a }
    }

    /// A one-argument function of the language applied to `a`. `min` and `max`, which take
    /// two, return `a` unchanged here (the compiler never sends them).
    #[inline(always)]
    pub fn unary(f: Func, a: Self) -> Self {
        let x = a.v;
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
            Func::Min | Func::Max => return a,
        };
        if N == 0 {
            return Self::constant(v);
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
        a.chain(v, slope)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    type D = Dual<1>;

    /// Central difference of the value of `op` (a 1-D function of the Dual) at x.
    fn fd(op: impl Fn(D) -> D, x: f64) -> f64 {
        let h = 1e-6 * (1.0 + x.abs());
        (op(D::variable(x + h, 0)).v - op(D::variable(x - h, 0)).v) / (2.0 * h)
    }

    fn check(op: impl Fn(D) -> D, x: f64) -> Result<(), TestCaseError> {
        let exact = op(D::variable(x, 0)).d[0];
        let approx = fd(&op, x);
        let tol = 1e-6 * (1.0 + exact.abs());
        prop_assert!(
            (exact - approx).abs() < tol,
            "x={x}: exact {exact} vs fd {approx}"
        );
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
            check(|a| D::unary(f, a), x)?;
        }

        #[test]
        fn arithmetic_rules_match_central_differences(x in 0.2f64..3.0, c in -2.0f64..2.0) {
            let two = |a: D| D::lin2(a, 1.5, D::unary(Func::Sin, a), -0.5, 2.0);
            check(|a| D::lin1(a, c, 1.0), x)?;
            check(two, x)?;
            check(|a| D::lin3(a, c, two(a), 2.0, D::square(a), 0.5, 1.0), x)?;
            check(|a| D::times(a, two(a)), x)?;
            check(|a| D::over(two(a), a), x)?;
            check(|a| D::recip(a, c), x)?;
            check(D::square, x)?;
            check(D::cube, x)?;
            check(D::pow4, x)?;
            check(|a| D::powi(a, -3), x)?;
            check(|a| D::powi(a, 7), x)?;
            check(|a| D::powf(a, c), x)?;
            check(|a| D::pow(a, two(a)), x)?;
            check(|a| D::pow(D::constant(c.abs() + 0.5), a), x)?;
        }

        #[test]
        fn min_and_max_pick_the_branch(x in -3.0f64..3.0) {
            let lo = |a: D| D::min(D::square(a), D::lin1(a, 1.0, 2.0));
            let hi = |a: D| D::max(D::square(a), D::lin1(a, 1.0, 2.0));
            // Away from the crossings x = -1 and x = 2.
            prop_assume!((x + 1.0).abs() > 1e-3 && (x - 2.0).abs() > 1e-3);
            check(lo, x)?;
            check(hi, x)?;
        }
    }

    #[test]
    fn zero_tangent_stays_zero_at_singular_slopes() {
        // sqrt at 0 of a constant-in-this-lane argument: 0, not NaN.
        let u = Dual::<2> {
            v: 0.0,
            d: [0.0, 0.0],
        };
        assert_eq!(Dual::unary(Func::Sqrt, u).d, [0.0, 0.0]);
        // A moving argument at 0 has an infinite slope: the run will report it.
        let x = Dual::<1>::variable(0.0, 0);
        assert!(Dual::unary(Func::Sqrt, x).d[0].is_infinite());
        assert_eq!(Dual::unary(Func::Abs, x).d[0], 0.0);
        assert!(
            Dual::unary(Func::Ln, Dual::<1>::variable(-1.0, 0))
                .v
                .is_nan()
        );
    }
}
