//! A typed function and its exact partial derivatives as numpy expressions: the syntax tree
//! printed in Python (`**`, `np.sin`, `np.pi`) and differentiated symbolically.
//!
//! Python's operator precedence is the expression language's (`+ -` < `* /` < unary `-` <
//! `**`, `**` right-associative and taking a unary minus on its right), so the same
//! parenthesising rule as [`crate::expr::print`] gives a text numpy reads as the same tree.

use crate::expr::{BinOp, Constant, Expr, Func, argument};

/// A numpy expression: what a derivative needs beyond the expression language
/// (`np.sign`, `np.where`, comparisons).
#[derive(Debug, Clone, PartialEq)]
enum Py {
    Num(f64),
    Name(String),
    Neg(Box<Py>),
    Bin(BinOp, Box<Py>, Box<Py>),
    Call(&'static str, Vec<Py>),
    /// `a < b` (true) or `a > b` (false), only inside `np.where`.
    Less(Box<Py>, Box<Py>, bool),
}

fn num(v: f64) -> Py {
    Py::Num(v)
}

fn is_num(p: &Py, v: f64) -> bool {
    matches!(p, Py::Num(x) if *x == v)
}

fn neg(a: Py) -> Py {
    match a {
        a if is_num(&a, 0.0) => num(0.0),
        Py::Neg(inner) => *inner,
        a => Py::Neg(Box::new(a)),
    }
}

fn bin(op: BinOp, a: Py, b: Py) -> Py {
    Py::Bin(op, Box::new(a), Box::new(b))
}

fn add(a: Py, b: Py) -> Py {
    if is_num(&a, 0.0) {
        b
    } else if is_num(&b, 0.0) {
        a
    } else if let Py::Neg(nb) = b {
        bin(BinOp::Sub, a, *nb)
    } else {
        bin(BinOp::Add, a, b)
    }
}

fn sub(a: Py, b: Py) -> Py {
    if is_num(&b, 0.0) {
        a
    } else if is_num(&a, 0.0) {
        neg(b)
    } else {
        bin(BinOp::Sub, a, b)
    }
}

fn mul(a: Py, b: Py) -> Py {
    if is_num(&a, 0.0) || is_num(&b, 0.0) {
        num(0.0)
    } else if is_num(&a, 1.0) {
        b
    } else if is_num(&b, 1.0) {
        a
    } else if let Py::Neg(na) = a {
        neg(mul(*na, b))
    } else {
        bin(BinOp::Mul, a, b)
    }
}

fn div(a: Py, b: Py) -> Py {
    if is_num(&a, 0.0) {
        num(0.0)
    } else if is_num(&b, 1.0) {
        a
    } else {
        bin(BinOp::Div, a, b)
    }
}

fn pow(a: Py, b: Py) -> Py {
    if is_num(&b, 1.0) {
        a
    } else {
        bin(BinOp::Pow, a, b)
    }
}

fn call(name: &'static str, a: Py) -> Py {
    Py::Call(name, vec![a])
}

/// The numpy name of a built-in function.
fn np_name(f: Func) -> &'static str {
    match f {
        Func::Sin => "np.sin",
        Func::Cos => "np.cos",
        Func::Tan => "np.tan",
        Func::Exp => "np.exp",
        Func::Ln | Func::Log => "np.log",
        Func::Sqrt => "np.sqrt",
        Func::Abs => "np.abs",
        Func::Tanh => "np.tanh",
        Func::Sinh => "np.sinh",
        Func::Cosh => "np.cosh",
        Func::Atan => "np.arctan",
        Func::Min => "np.minimum",
        Func::Max => "np.maximum",
    }
}

fn lift(e: &Expr, vars: &[&str]) -> Py {
    match e {
        Expr::Num(v) => num(*v),
        Expr::Const(Constant::Pi) => Py::Name("np.pi".into()),
        Expr::Const(Constant::E) => Py::Name("np.e".into()),
        Expr::Var(i) => Py::Name(vars.get(*i).copied().unwrap_or("nan").into()),
        Expr::Neg(a) => Py::Neg(Box::new(lift(a, vars))),
        Expr::Bin(op, l, r) => bin(*op, lift(l, vars), lift(r, vars)),
        // Exactly the arity's arguments, as the evaluator reads them (a missing one is NaN).
        Expr::Call(f, args) => Py::Call(
            np_name(*f),
            (0..f.arity())
                .map(|k| lift(argument(args, k), vars))
                .collect(),
        ),
    }
}

/// Whether `e` does not depend on any variable.
fn constant(e: &Expr) -> bool {
    match e {
        Expr::Num(_) | Expr::Const(_) => true,
        Expr::Var(_) => false,
        Expr::Neg(a) => constant(a),
        Expr::Bin(_, l, r) => constant(l) && constant(r),
        Expr::Call(_, args) => args.iter().all(constant),
    }
}

/// ∂e/∂x_i as a numpy expression, by the chain rule with the zeros and ones folded away.
fn derive(e: &Expr, i: usize, vars: &[&str]) -> Py {
    let d = |e: &Expr| derive(e, i, vars);
    let l = |e: &Expr| lift(e, vars);
    match e {
        Expr::Num(_) | Expr::Const(_) => num(0.0),
        Expr::Var(j) => num(if *j == i { 1.0 } else { 0.0 }),
        Expr::Neg(a) => neg(d(a)),
        Expr::Bin(op, a, b) => {
            let (da, db) = (d(a), d(b));
            match op {
                BinOp::Add => add(da, db),
                BinOp::Sub => sub(da, db),
                BinOp::Mul => add(mul(da, l(b)), mul(l(a), db)),
                BinOp::Div => sub(div(da, l(b)), div(mul(l(a), db), pow(l(b), num(2.0)))),
                BinOp::Pow if constant(b) => {
                    let exponent = match **b {
                        Expr::Num(n) => num(n - 1.0),
                        _ => sub(l(b), num(1.0)),
                    };
                    mul(mul(l(b), pow(l(a), exponent)), da)
                }
                BinOp::Pow => mul(
                    l(e),
                    add(mul(db, call("np.log", l(a))), div(mul(l(b), da), l(a))),
                ),
            }
        }
        Expr::Call(f, args) => {
            let a = argument(args, 0);
            let (la, da) = (l(a), d(a));
            let outer = match f {
                Func::Sin => call("np.cos", la),
                Func::Cos => neg(call("np.sin", la)),
                Func::Tan => add(num(1.0), pow(call("np.tan", la), num(2.0))),
                Func::Exp => call("np.exp", la),
                Func::Ln | Func::Log => return div(da, la),
                Func::Sqrt => return div(da, mul(num(2.0), call("np.sqrt", la))),
                Func::Abs => call("np.sign", la),
                Func::Tanh => sub(num(1.0), pow(call("np.tanh", la), num(2.0))),
                Func::Sinh => call("np.cosh", la),
                Func::Cosh => call("np.sinh", la),
                Func::Atan => return div(da, add(num(1.0), pow(la, num(2.0)))),
                Func::Min | Func::Max => {
                    let b = argument(args, 1);
                    let cond = Py::Less(Box::new(l(b)), Box::new(la), *f == Func::Min);
                    return Py::Call("np.where", vec![cond, d(b), da]);
                }
            };
            mul(outer, da)
        }
    }
}

fn precedence(p: &Py) -> u8 {
    match p {
        Py::Less(..) => 0,
        Py::Bin(BinOp::Add | BinOp::Sub, ..) => 1,
        Py::Bin(BinOp::Mul | BinOp::Div, ..) => 2,
        Py::Neg(_) => 3,
        Py::Bin(BinOp::Pow, ..) => 4,
        Py::Num(_) | Py::Name(_) | Py::Call(..) => 5,
    }
}

fn operand_precedence(op: BinOp) -> (u8, u8) {
    match op {
        BinOp::Add | BinOp::Sub => (1, 2),
        BinOp::Mul | BinOp::Div => (2, 3),
        BinOp::Pow => (5, 3),
    }
}

/// A float literal Python reads back as exactly `v` (shortest round-trip digits; whole
/// numbers without a point, as the notebook writes `2*(x-y)**2`). Python has no literal
/// for the non-finite values: they are written `float('inf')`, `-float('inf')` and
/// `float('nan')`; −0 is `-0.0` (Python reads `-0` as the integer 0).
///
/// ```
/// use descent::export::pyexpr::literal;
/// assert_eq!(literal(0.25), "0.25");
/// assert_eq!(literal(-0.0), "-0.0");
/// assert_eq!(literal(f64::NEG_INFINITY), "-float('inf')");
/// ```
pub fn literal(v: f64) -> String {
    if v.is_nan() {
        return "float('nan')".into();
    }
    if v.is_infinite() {
        return if v > 0.0 {
            "float('inf')"
        } else {
            "-float('inf')"
        }
        .into();
    }
    if v == 0.0 {
        return if v.is_sign_negative() { "-0.0" } else { "0" }.into();
    }
    let plain = if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    };
    let sci = format!("{v:e}");
    if sci.len() < plain.len() { sci } else { plain }
}

fn write(p: &Py, out: &mut String) {
    match p {
        Py::Num(v) => out.push_str(&literal(*v)),
        Py::Name(n) => out.push_str(n),
        Py::Neg(a) => {
            out.push('-');
            wrapped(a, 3, out);
        }
        Py::Bin(op, a, b) => {
            let (lp, rp) = operand_precedence(*op);
            wrapped(a, lp, out);
            out.push_str(match op {
                BinOp::Add => " + ",
                BinOp::Sub => " - ",
                BinOp::Mul => "*",
                BinOp::Div => "/",
                BinOp::Pow => "**",
            });
            wrapped(b, rp, out);
        }
        Py::Call(name, args) => {
            out.push_str(name);
            out.push('(');
            for (k, a) in args.iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                write(a, out);
            }
            out.push(')');
        }
        Py::Less(a, b, less) => {
            write(a, out);
            out.push_str(if *less { " < " } else { " > " });
            write(b, out);
        }
    }
}

fn wrapped(p: &Py, min: u8, out: &mut String) {
    if precedence(p) < min {
        out.push('(');
        write(p, out);
        out.push(')');
    } else {
        write(p, out);
    }
}

fn text(p: &Py) -> String {
    let mut out = String::new();
    write(p, &mut out);
    out
}

/// `e` as a numpy expression in the variables `vars`.
///
/// ```
/// use descent::expr::parse;
/// use descent::export::pyexpr::python;
/// let e = parse("sin(2pi x) + (x-1)^2", &["x"]).unwrap();
/// assert_eq!(python(&e, &["x"]), "np.sin(2*np.pi*x) + (x - 1)**2");
/// ```
pub fn python(e: &Expr, vars: &[&str]) -> String {
    text(&lift(e, vars))
}

/// ∂e/∂x_i as a numpy expression in the variables `vars`.
///
/// ```
/// use descent::expr::parse;
/// use descent::export::pyexpr::partial;
/// let e = parse("x**4 + y**4 - 2*(x-y)**2", &["x", "y"]).unwrap();
/// assert_eq!(partial(&e, 0, &["x", "y"]), "4*x**3 - 2*(2*(x - y))");
/// ```
pub fn partial(e: &Expr, i: usize, vars: &[&str]) -> String {
    text(&derive(e, i, vars))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expr::parse;

    fn py(s: &str) -> String {
        python(&parse(s, &["x", "y"]).unwrap(), &["x", "y"])
    }

    #[test]
    fn prints_python_operators_and_numpy_functions() {
        assert_eq!(py("(x-1)^2"), "(x - 1)**2");
        assert_eq!(py("-x^2"), "-x**2");
        assert_eq!(py("(-x)^2"), "(-x)**2");
        assert_eq!(py("x^-(y+1)"), "x**-(y + 1)");
        assert_eq!(py("x^2^3"), "x**2**3");
        assert_eq!(
            py("ln(x) + log(y) + atan(x) + e"),
            "np.log(x) + np.log(y) + np.arctan(x) + np.e"
        );
        assert_eq!(
            py("min(x, y) - max(x, 1e-7)"),
            "np.minimum(x, y) - np.maximum(x, 1e-7)"
        );
        assert_eq!(py("0.1 + 2.5e-8*x"), "0.1 + 2.5e-8*x");
    }

    #[test]
    fn derivatives_fold_zeros_and_ones() {
        let d = |s: &str, i| partial(&parse(s, &["x", "y"]).unwrap(), i, &["x", "y"]);
        assert_eq!(d("(x-1)^2", 0), "2*(x - 1)");
        assert_eq!(d("x*y", 1), "x");
        assert_eq!(d("sin(3x)", 0), "np.cos(3*x)*3");
        assert_eq!(d("x^y", 1), "x**y*np.log(x)");
        assert_eq!(d("abs(x)", 0), "np.sign(x)");
        assert_eq!(d("min(x, y)", 0), "np.where(y < x, 0, 1)");
        assert_eq!(d("5", 0), "0");
    }
}
