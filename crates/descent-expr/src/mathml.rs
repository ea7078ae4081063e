//! The parsed function in mathematical notation, as presentation MathML.
//!
//! Every piece of text in the output comes from the tree (numbers, the given variable
//! names, fixed function names), never from the raw input, so it is safe to insert.

use super::ast::{BinOp, Constant, Expr, Func, argument};
use super::printer::{operand_precedence, precedence};

/// `<math xmlns="…MathML" display="block">…</math>` for `e` with the variable names `vars`
/// (the namespace lets the page parse it as XML instead of inserting markup).
///
/// ```
/// use descent_expr::{mathml, parse};
/// let m = mathml(&parse("(x-1)**2", &["x"]).unwrap(), &["x"]);
/// assert!(m.contains("<mi>x</mi><mo>−</mo><mn>1</mn></mrow><mo>)</mo></mrow><mrow><mn>2</mn></mrow></msup>"));
/// ```
pub fn mathml(e: &Expr, vars: &[&str]) -> String {
    let mut out =
        String::from("<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\">");
    write(e, vars, &mut out);
    out.push_str("</math>");
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A number in the canonical text's digits (`1e308` stays five characters).
fn number(v: f64, out: &mut String) {
    out.push_str("<mn>");
    out.push_str(&super::printer::number(v));
    out.push_str("</mn>");
}

fn write(e: &Expr, vars: &[&str], out: &mut String) {
    match e {
        Expr::Num(v) => number(*v, out),
        Expr::Const(Constant::Pi) => out.push_str("<mi>π</mi>"),
        Expr::Const(Constant::E) => out.push_str("<mi>e</mi>"),
        Expr::Var(i) => {
            let name = vars.get(*i).copied().unwrap_or("?");
            out.push_str(&format!("<mi>{}</mi>", escape(name)));
        }
        Expr::Neg(a) => {
            out.push_str("<mrow><mo>−</mo>");
            wrapped(a, 3, vars, out);
            out.push_str("</mrow>");
        }
        Expr::Bin(BinOp::Div, l, r) => {
            out.push_str("<mfrac><mrow>");
            write(l, vars, out);
            out.push_str("</mrow><mrow>");
            write(r, vars, out);
            out.push_str("</mrow></mfrac>");
        }
        Expr::Bin(BinOp::Pow, l, r) => {
            out.push_str("<msup>");
            wrapped(l, 5, vars, out);
            out.push_str("<mrow>");
            write(r, vars, out);
            out.push_str("</mrow></msup>");
        }
        Expr::Bin(op, l, r) => {
            let (lp, rp) = operand_precedence(*op);
            out.push_str("<mrow>");
            wrapped(l, lp, vars, out);
            out.push_str(match op {
                BinOp::Add => "<mo>+</mo>",
                BinOp::Sub => "<mo>−</mo>",
                // A number times a letter or bracket reads as 2x; otherwise a centred dot.
                _ if starts_with_number(r) => "<mo>·</mo>",
                _ if matches!(**l, Expr::Num(_) | Expr::Const(_)) => "<mo>&#x2062;</mo>",
                _ => "<mo>·</mo>",
            });
            wrapped(r, rp, vars, out);
            out.push_str("</mrow>");
        }
        Expr::Call(Func::Sqrt, args) => {
            out.push_str("<msqrt>");
            write(argument(args, 0), vars, out);
            out.push_str("</msqrt>");
        }
        Expr::Call(Func::Abs, args) => {
            out.push_str("<mrow><mo>|</mo>");
            write(argument(args, 0), vars, out);
            out.push_str("<mo>|</mo></mrow>");
        }
        Expr::Call(f, args) => {
            out.push_str(&format!(
                "<mrow><mi>{}</mi><mo>&#x2061;</mo><mrow><mo>(</mo>",
                f.name()
            ));
            for (k, a) in args.iter().enumerate() {
                if k > 0 {
                    out.push_str("<mo>,</mo>");
                }
                write(a, vars, out);
            }
            out.push_str("<mo>)</mo></mrow></mrow>");
        }
    }
}

fn starts_with_number(e: &Expr) -> bool {
    match e {
        Expr::Num(_) => true,
        Expr::Bin(BinOp::Pow | BinOp::Mul, l, _) => precedence(l) == 5 && starts_with_number(l),
        _ => false,
    }
}

fn wrapped(e: &Expr, min: u8, vars: &[&str], out: &mut String) {
    // Fractions and square roots are visually grouped already.
    let grouped = matches!(e, Expr::Bin(BinOp::Div, ..)) && min <= 2;
    if precedence(e) < min && !grouped {
        out.push_str("<mrow><mo>(</mo>");
        write(e, vars, out);
        out.push_str("<mo>)</mo></mrow>");
    } else {
        write(e, vars, out);
    }
}

#[cfg(test)]
mod tests {
    use super::super::parser::parse;
    use super::*;

    #[test]
    fn notebook_2d_reads_naturally() {
        let xy = &["x", "y"];
        let m = mathml(&parse("x**4 + y**4 - 2*(x-y)**2", xy).unwrap(), xy);
        assert!(m.starts_with("<math xmlns=\"http://www.w3.org/1998/Math/MathML\""));
        assert!(m.contains("<msup><mi>x</mi><mrow><mn>4</mn></mrow></msup>"));
        assert!(m.contains("<mn>2</mn><mo>&#x2062;</mo><msup><mrow><mo>(</mo>"));
        let m = mathml(&parse("sqrt(x)/2 + abs(y) + sin(pi x)", xy).unwrap(), xy);
        assert!(m.contains("<mfrac><mrow><msqrt><mi>x</mi></msqrt></mrow>"));
        assert!(m.contains("<mo>|</mo><mi>y</mi><mo>|</mo>"));
        assert!(m.contains("<mi>sin</mi><mo>&#x2061;</mo>"));
        assert!(m.contains("<mi>π</mi>"));
        let m = mathml(&parse("x*2", xy).unwrap(), xy);
        assert!(m.contains("<mi>x</mi><mo>·</mo><mn>2</mn>"));
    }
}
