//! The meaning of an expression: its value and partial derivatives, computed by walking
//! the syntax tree one IEEE operation per node.
//!
//! This is the reference the compiled forms are held to: the [`Tape`](super::Tape) and the
//! WebAssembly module of [`wasm_emit`](super::wasm_emit) give the same value to the bit
//! (NaN counted equal to NaN) and the same partials as numbers (−0 counted equal to +0),
//! at every point, extremes included. The rules per node:
//!
//! - `a + b`, `a − b`, `a · b`, `a / b`, `−a`: the IEEE operation, nothing reassociated;
//! - `a ^ b`: by multiplications (square and multiply, as `powi`) when b is an integer of
//!   at most 64 in size, by `powf` otherwise;
//! - functions: the `f64` method of the same name (`ln` for `log`); `min`/`max` return the
//!   second argument only when it is strictly smaller/larger, and NaN-free comparisons
//!   decide, so `min(NaN, 1)` is NaN;
//! - partials by forward-mode differentiation with the rules of the tape: a zero tangent
//!   stays zero even against an infinite slope.
//!
//! The recursion follows the tree, whose depth the parser bounds (a left-nested sum of the
//! longest accepted text is a few hundred levels).

use super::ast::{BinOp, Expr, Func, argument};
use super::derivative::{Dual, carry, power, unary};

/// f(x) and its N partials (N = 0: the value only; N = number of variables: the gradient).
/// Missing coordinates read as NaN; an operand index past the variables reads as NaN too.
///
/// ```
/// use descent_expr::{evaluate, parse};
/// let e = parse("1/(-x)", &["x"]).unwrap();
/// assert_eq!(evaluate::<1>(&e, &[0.0]).v, f64::NEG_INFINITY);
/// let e = parse("x^3 - 2x", &["x"]).unwrap();
/// let d = evaluate::<1>(&e, &[2.0]);
/// assert_eq!((d.v, d.d), (4.0, [10.0]));
/// ```
pub fn evaluate<const N: usize>(e: &Expr, x: &[f64]) -> Dual<N> {
    let slopes = N > 0;
    match e {
        Expr::Num(v) => constant(*v),
        Expr::Const(c) => constant(c.value()),
        Expr::Var(i) => {
            let mut d = [0.0; N];
            if let Some(t) = d.get_mut(*i) {
                *t = 1.0;
            }
            Dual {
                v: x.get(*i).copied().unwrap_or(f64::NAN),
                d,
            }
        }
        Expr::Neg(a) => {
            let a = evaluate::<N>(a, x);
            map1(-a.v, &a, -1.0)
        }
        Expr::Bin(op, l, r) => {
            let (a, b) = (evaluate::<N>(l, x), evaluate::<N>(r, x));
            let (v, sa, sb) = binary(*op, a.v, b.v, slopes);
            map2(v, &a, sa, &b, sb)
        }
        Expr::Call(f, args) => {
            let a = evaluate::<N>(argument(args, 0), x);
            match (f, args.get(1)) {
                (Func::Min | Func::Max, Some(r)) => {
                    let b = evaluate::<N>(r, x);
                    if picks_second(*f == Func::Max, a.v, b.v) {
                        b
                    } else {
                        a
                    }
                }
                _ => {
                    let (v, s) = unary(*f, a.v, slopes);
                    map1(v, &a, s)
                }
            }
        }
    }
}

fn constant<const N: usize>(v: f64) -> Dual<N> {
    Dual { v, d: [0.0; N] }
}

/// `v` with the tangents of one operand times its slope.
fn map1<const N: usize>(v: f64, a: &Dual<N>, sa: f64) -> Dual<N> {
    let mut d = [0.0; N];
    for (t, &da) in d.iter_mut().zip(&a.d) {
        *t = carry(da, sa);
    }
    Dual { v, d }
}

/// `v` with the chain rule over two operands.
fn map2<const N: usize>(v: f64, a: &Dual<N>, sa: f64, b: &Dual<N>, sb: f64) -> Dual<N> {
    let mut d = [0.0; N];
    for (l, t) in d.iter_mut().enumerate() {
        *t = carry(a.d[l], sa) + carry(b.d[l], sb);
    }
    Dual { v, d }
}

/// `p op q` and, if `slopes`, its slopes with respect to p and q. The compiler folds
/// constants with this too.
pub(crate) fn binary(op: BinOp, p: f64, q: f64, slopes: bool) -> (f64, f64, f64) {
    match op {
        BinOp::Add => (p + q, 1.0, 1.0),
        BinOp::Sub => (p - q, 1.0, -1.0),
        BinOp::Mul => (p * q, q, p),
        BinOp::Div => {
            let v = p / q;
            (v, 1.0 / q, -v / q)
        }
        BinOp::Pow => power(p, q, slopes),
    }
}

/// min (`max` = false) or max of p and q by the rule above: whether q is chosen.
pub(crate) fn picks_second(max: bool, p: f64, q: f64) -> bool {
    if max { q > p } else { q < p }
}
