//! The canonical text of a syntax tree: explicit `*` and `^`, the fewest parentheses,
//! spaces around `+` and `-`, numbers in their shortest round-trip digits. Parsing the
//! printed text of a parsed expression gives back the same tree: the parser bounds the
//! length of this text, not only of what was typed (see [`super::MAX_LEN`]).

use super::ast::{BinOp, Expr};

/// Binding strength of the node at the top of `e` (higher binds tighter).
pub(crate) fn precedence(e: &Expr) -> u8 {
    match e {
        Expr::Bin(BinOp::Add | BinOp::Sub, ..) => 1,
        Expr::Bin(BinOp::Mul | BinOp::Div, ..) => 2,
        Expr::Neg(_) => 3,
        Expr::Bin(BinOp::Pow, ..) => 4,
        Expr::Num(_) | Expr::Const(_) | Expr::Var(_) | Expr::Call(..) => 5,
    }
}

/// The least precedence each operand of a binary operator needs to go without parentheses:
/// `(left, right)`. Left-associative operators need a tighter right operand; `^` is
/// right-associative and its base must be an atom (`(-x)^2`, `(x^2)^3`).
pub(crate) fn operand_precedence(op: BinOp) -> (u8, u8) {
    match op {
        BinOp::Add | BinOp::Sub => (1, 2),
        BinOp::Mul | BinOp::Div => (2, 3),
        BinOp::Pow => (5, 3),
    }
}

/// Prints `e` with the variable names `vars`.
///
/// ```
/// use descent_expr::{parse, print};
/// let e = parse("x**4 + y**4 - 2(x-y)**2", &["x", "y"]).unwrap();
/// assert_eq!(print(&e, &["x", "y"]), "x^4 + y^4 - 2*(x - y)^2");
/// ```
pub fn print(e: &Expr, vars: &[&str]) -> String {
    let mut out = String::new();
    write(e, vars, &mut out);
    out
}

fn write(e: &Expr, vars: &[&str], out: &mut String) {
    match e {
        Expr::Num(v) => out.push_str(&number(*v)),
        Expr::Const(c) => out.push_str(c.name()),
        Expr::Var(i) => out.push_str(vars.get(*i).copied().unwrap_or("?")),
        Expr::Neg(a) => {
            out.push('-');
            wrapped(a, 3, vars, out);
        }
        Expr::Bin(op, l, r) => {
            let (lp, rp) = operand_precedence(*op);
            wrapped(l, lp, vars, out);
            out.push_str(match op {
                BinOp::Add => " + ",
                BinOp::Sub => " - ",
                BinOp::Mul => "*",
                BinOp::Div => "/",
                BinOp::Pow => "^",
            });
            wrapped(r, rp, vars, out);
        }
        Expr::Call(f, args) => {
            out.push_str(f.name());
            out.push('(');
            for (k, a) in args.iter().enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                write(a, vars, out);
            }
            out.push(')');
        }
    }
}

/// The shortest digits that read back as `v` (Rust's round-trip formatting), written
/// plainly (`0.001`, `250`) unless that takes more than 8 characters and scientific
/// notation is shorter (`1e308`, `2.5e-7`).
pub(crate) fn number(v: f64) -> String {
    let plain = format!("{v}");
    if plain.len() <= 8 {
        return plain;
    }
    let sci = format!("{v:e}");
    if sci.len() < plain.len() { sci } else { plain }
}

fn wrapped(e: &Expr, min: u8, vars: &[&str], out: &mut String) {
    if precedence(e) < min {
        out.push('(');
        write(e, vars, out);
        out.push(')');
    } else {
        write(e, vars, out);
    }
}

#[cfg(test)]
mod tests {
    use super::super::ast::{Constant, Func};
    use super::super::parser::parse;
    use super::*;
    use proptest::prelude::*;

    const XY: &[&str] = &["x", "y"];

    fn round(s: &str) -> String {
        print(&parse(s, XY).unwrap(), XY)
    }

    #[test]
    fn canonical_forms() {
        assert_eq!(round("(x-1)**2"), "(x - 1)^2");
        assert_eq!(round("-x^2"), "-x^2");
        assert_eq!(round("(-x)^2"), "(-x)^2");
        assert_eq!(round("(x^2)^3"), "(x^2)^3");
        assert_eq!(round("x^(2^3)"), "x^2^3");
        assert_eq!(round("x - (y - 1)"), "x - (y - 1)");
        assert_eq!(round("x*(y/2)"), "x*(y/2)");
        assert_eq!(round("2 max(x,y)pi"), "2*max(x, y)*pi");
        assert_eq!(round("-(x*y)"), "-(x*y)");
        assert_eq!(round("x^-(y+1)"), "x^-(y + 1)");
        assert_eq!(round("1e-3x"), "0.001*x");
        assert_eq!(round("123456789.5 + 1e-7"), "123456789.5 + 1e-7");
        assert_eq!(round("1e308+1E308"), "1e308 + 1e308");
        assert_eq!(round(".000000025 x"), "2.5e-8*x");
        assert_eq!(round("4.9406564584124654e-324"), "5e-324");
        assert_eq!(round(&format!("{}", f64::MAX)), "1.7976931348623157e308");
    }

    fn arb_expr() -> impl Strategy<Value = Expr> {
        let leaf = prop_oneof![
            (0u32..1000, 0u32..4).prop_map(|(m, e)| Expr::Num(m as f64 / 10f64.powi(e as i32))),
            Just(Expr::Const(Constant::Pi)),
            Just(Expr::Const(Constant::E)),
            (0usize..2).prop_map(Expr::Var),
        ];
        leaf.prop_recursive(6, 48, 2, |inner| {
            let ops = prop_oneof![
                Just(BinOp::Add),
                Just(BinOp::Sub),
                Just(BinOp::Mul),
                Just(BinOp::Div),
                Just(BinOp::Pow)
            ];
            prop_oneof![
                inner.clone().prop_map(|a| Expr::Neg(Box::new(a))),
                (ops, inner.clone(), inner.clone()).prop_map(|(op, l, r)| Expr::bin(op, l, r)),
                (0usize..Func::ALL.len(), inner.clone(), inner).prop_map(|(k, a, b)| {
                    let f = Func::ALL[k];
                    let args = if f.arity() == 1 { vec![a] } else { vec![a, b] };
                    Expr::Call(f, args)
                }),
            ]
        })
    }

    proptest! {
        #[test]
        fn parse_print_parse_is_stable(e in arb_expr()) {
            let text = print(&e, XY);
            let back = parse(&text, XY).map_err(|err| TestCaseError::fail(format!("{text}: {err}")))?;
            prop_assert_eq!(&back, &e, "text {}", text);
            prop_assert_eq!(print(&back, XY), text);
        }
    }
}
