//! Exact second derivatives: forward-over-forward differentiation of the syntax tree, each
//! node carrying its value, gradient and Hessian (a second-order jet).
//!
//! Every node applies the second-order chain rule of its operation: for a one-argument
//! function φ of u, ∂ᵢφ = φ′·∂ᵢu and ∂ᵢⱼφ = φ″·∂ᵢu·∂ⱼu + φ′·∂ᵢⱼu; a product and a quotient
//! use Leibniz's rule. As in the first-order rules, a zero tangent stays zero even against
//! an infinite slope, so a function the variables do not move there gives 0, not NaN. The
//! value and gradient are those of the same formulas, so they agree with [`evaluate`]
//! (super::evaluate) to rounding, and the Hessian is exact for every function of the
//! language up to the same rounding (|x| and min/max take their branch's derivatives).

use super::ast::{BinOp, Expr, Func, argument};
use super::derivative::{carry, int_exponent};
use super::eval::picks_second;

/// Most variables a jet carries (a typed function has one or two).
const N: usize = 2;

/// A value with its gradient and Hessian in up to two variables.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Jet {
    /// f.
    pub v: f64,
    /// ∂f/∂xᵢ.
    pub d: [f64; N],
    /// ∂²f/∂xᵢ∂xⱼ (symmetric).
    pub h: [[f64; N]; N],
}

impl Jet {
    fn constant(v: f64) -> Jet {
        Jet {
            v,
            d: [0.0; N],
            h: [[0.0; N]; N],
        }
    }

    /// φ(self) for a function φ with value `v`, slope `s1` and second derivative `s2` at
    /// the argument.
    fn map(&self, v: f64, s1: f64, s2: f64) -> Jet {
        let mut out = Jet::constant(v);
        for i in 0..N {
            out.d[i] = carry(self.d[i], s1);
            for j in 0..N {
                out.h[i][j] = carry(carry(self.d[i], self.d[j]), s2) + carry(self.h[i][j], s1);
            }
        }
        out
    }

    /// self + k·other.
    fn add(&self, other: &Jet, k: f64) -> Jet {
        let mut out = Jet::constant(self.v + k * other.v);
        for i in 0..N {
            out.d[i] = self.d[i] + k * other.d[i];
            for j in 0..N {
                out.h[i][j] = self.h[i][j] + k * other.h[i][j];
            }
        }
        out
    }

    /// self · other by Leibniz's rule.
    fn mul(&self, other: &Jet) -> Jet {
        let (a, b) = (self, other);
        let mut out = Jet::constant(a.v * b.v);
        for i in 0..N {
            out.d[i] = carry(a.d[i], b.v) + carry(b.d[i], a.v);
            for j in 0..N {
                out.h[i][j] = carry(a.h[i][j], b.v)
                    + carry(a.d[i], b.d[j])
                    + carry(a.d[j], b.d[i])
                    + carry(b.h[i][j], a.v);
            }
        }
        out
    }

    /// Whether no variable moves it.
    fn is_constant(&self) -> bool {
        self.d.iter().all(|&t| t == 0.0) && self.h.iter().flatten().all(|&t| t == 0.0)
    }
}

/// f, ∇f and the Hessian of `e` at `x` (a missing coordinate reads as NaN).
///
/// ```
/// use descent_expr::{hessian, parse};
/// let e = parse("x^4 + y^4 - 2*(x-y)^2", &["x", "y"]).unwrap();
/// let j = hessian(&e, &[1.0, 2.0]);
/// assert_eq!(j.v, 15.0);
/// assert_eq!(j.d, [8.0, 28.0]);
/// assert_eq!(j.h, [[12.0 - 4.0, 4.0], [4.0, 48.0 - 4.0]]);
/// ```
pub fn hessian(e: &Expr, x: &[f64]) -> Jet {
    match e {
        Expr::Num(v) => Jet::constant(*v),
        Expr::Const(c) => Jet::constant(c.value()),
        Expr::Var(i) => {
            let mut j = Jet::constant(x.get(*i).copied().unwrap_or(f64::NAN));
            if let Some(t) = j.d.get_mut(*i) {
                *t = 1.0;
            }
            j
        }
        Expr::Neg(a) => hessian(a, x).map_linear(-1.0),
        Expr::Bin(op, l, r) => binary(*op, &hessian(l, x), &hessian(r, x)),
        Expr::Call(f, args) => {
            let a = hessian(argument(args, 0), x);
            match (f, args.get(1)) {
                (Func::Min | Func::Max, Some(r)) => {
                    let b = hessian(r, x);
                    if picks_second(*f == Func::Max, a.v, b.v) {
                        b
                    } else {
                        a
                    }
                }
                _ => {
                    let (v, s1, s2) = unary2(*f, a.v);
                    a.map(v, s1, s2)
                }
            }
        }
    }
}

impl Jet {
    /// k·self.
    fn map_linear(&self, k: f64) -> Jet {
        Jet::constant(0.0).add(self, k)
    }
}

fn binary(op: BinOp, a: &Jet, b: &Jet) -> Jet {
    match op {
        BinOp::Add => a.add(b, 1.0),
        BinOp::Sub => a.add(b, -1.0),
        BinOp::Mul => a.mul(b),
        BinOp::Div => {
            let q = b.v;
            a.mul(&b.map(1.0 / q, -1.0 / (q * q), 2.0 / (q * q * q)))
        }
        BinOp::Pow => pow(a, b),
    }
}

/// aᵇ: a power of the base when the exponent is constant, an exponential of the exponent
/// when the base is, else exp(b·ln a).
fn pow(a: &Jet, b: &Jet) -> Jet {
    let (p, q) = (a.v, b.v);
    if b.is_constant() {
        let (v, s1, s2) = match int_exponent(q) {
            Some(n) => (
                p.powi(n),
                f64::from(n) * p.powi(n - 1),
                f64::from(n) * f64::from(n - 1) * p.powi(n - 2),
            ),
            None => (
                p.powf(q),
                q * p.powf(q - 1.0),
                q * (q - 1.0) * p.powf(q - 2.0),
            ),
        };
        return a.map(v, s1, s2);
    }
    let ln = p.ln();
    if a.is_constant() {
        let v = p.powf(q);
        return b.map(v, v * ln, v * ln * ln);
    }
    let (v, s1, s2) = unary2(Func::Ln, p);
    let t = b.mul(&a.map(v, s1, s2));
    let e = t.v.exp();
    t.map(e, e, e)
}

/// A one-argument function's value, first and second derivatives at x.
fn unary2(f: Func, x: f64) -> (f64, f64, f64) {
    match f {
        Func::Sin => (x.sin(), x.cos(), -x.sin()),
        Func::Cos => (x.cos(), -x.sin(), -x.cos()),
        Func::Tan => {
            let t = x.tan();
            let s = 1.0 + t * t;
            (t, s, 2.0 * t * s)
        }
        Func::Exp => {
            let v = x.exp();
            (v, v, v)
        }
        Func::Ln | Func::Log => (x.ln(), 1.0 / x, -1.0 / (x * x)),
        Func::Sqrt => {
            let s = x.sqrt();
            (s, 0.5 / s, -0.25 / (s * x))
        }
        Func::Abs => (x.abs(), x.signum() * f64::from(u8::from(x != 0.0)), 0.0),
        Func::Tanh => {
            let t = x.tanh();
            let s = 1.0 - t * t;
            (t, s, -2.0 * t * s)
        }
        Func::Sinh => (x.sinh(), x.cosh(), x.sinh()),
        Func::Cosh => (x.cosh(), x.sinh(), x.cosh()),
        Func::Atan => {
            let d = 1.0 + x * x;
            (x.atan(), 1.0 / d, -2.0 * x / (d * d))
        }
        // Two-argument functions are handled by the tree walk; never sent here.
        Func::Min | Func::Max => (x, 1.0, 0.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    /// The Hessian of `text` at `p` against central differences of the exact gradient.
    fn check(text: &str, p: [f64; 2]) {
        let e = parse(text, &["x", "y"]).unwrap();
        let j = hessian(&e, &p);
        let grad = |q: [f64; 2]| crate::evaluate::<2>(&e, &q).d;
        let g0 = grad(p);
        for (i, d) in j.d.iter().enumerate() {
            assert!((d - g0[i]).abs() <= 1e-12 * (1.0 + d.abs()), "{text}: ∂{i}");
        }
        for jj in 0..2 {
            let h = 1e-5 * (1.0 + p[jj].abs());
            let (mut up, mut down) = (p, p);
            up[jj] += h;
            down[jj] -= h;
            let (gu, gd) = (grad(up), grad(down));
            for i in 0..2 {
                let fd = (gu[i] - gd[i]) / (2.0 * h);
                let exact = j.h[i][jj];
                assert!(
                    (exact - fd).abs() <= 1e-5 * (1.0 + exact.abs()),
                    "{text} at {p:?}: H[{i}][{jj}] = {exact}, differences give {fd}"
                );
            }
        }
    }

    #[test]
    fn every_function_and_operator_matches_differences_of_the_gradient() {
        let texts = [
            "x^4 + y^4 - 2*(x-y)^2",
            "(1-x)^2 + 100*(y-x^2)^2",
            "sin(x*y) + cos(x - y) + tan(0.3*x)",
            "exp(x/2) * ln(y + 3) + log(x^2 + 1)",
            "sqrt(x^2 + y^2 + 1) + abs(x - 3)",
            "tanh(x) * sinh(y/2) + cosh(x*y/3) + atan(x - y)",
            "x / (y^2 + 2) + 3/(x + 5) - (x + 4)^(y/3 + 1)",
            "2^(x*y/4) + (x^2 + 2)^1.5 + min(x, y)^2 + max(x^2, y)",
            "-(x - 1)^-2 + x^3*y^5",
        ];
        for t in texts {
            for p in [[0.7, -0.4], [1.3, 0.9], [-0.6, 1.7]] {
                check(t, p);
            }
        }
    }

    #[test]
    fn constants_give_zero_and_a_quadratic_its_matrix() {
        let e = parse("(x^2 + 10*y^2)/2 + 3*x*y", &["x", "y"]).unwrap();
        let j = hessian(&e, &[5.0, -7.0]);
        assert_eq!(j.h, [[1.0, 3.0], [3.0, 10.0]]);
        let c = parse("pi + 2", &["x", "y"]).unwrap();
        assert_eq!(hessian(&c, &[1.0, 1.0]).h, [[0.0; 2]; 2]);
        // |x| at 0 and √ of a constant stay finite.
        let a = parse("abs(x) + sqrt(0*y + 4)", &["x", "y"]).unwrap();
        assert!(
            hessian(&a, &[0.0, 1.0])
                .h
                .iter()
                .flatten()
                .all(|v| v.is_finite())
        );
    }
}
