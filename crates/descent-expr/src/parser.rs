//! The parser: tokens to a syntax tree, by recursive descent with precedence climbing.
//!
//! Grammar, loosest first (`^` binds tighter than unary minus, as in Python: `-x^2` is
//! −(x²), and `2^-1` is ½):
//!
//! ```text
//! sum     := product (('+' | '-') product)*
//! product := unary (('*' | '/') unary | power)*      -- a bare `power` is implied ·: 2x, 3(x-1)
//! unary   := ('-' | '+') unary | power
//! power   := atom ('^' unary)?                       -- right-associative
//! atom    := number | name | name '(' sum (',' sum)* ')' | '(' sum ')'
//! ```
//!
//! Implied multiplication applies only before a name or `(`, never before a number, so
//! `x 2` and `2 3` are errors rather than guesses.

use super::ast::{BinOp, Constant, Expr, Func};
use super::error::{ExprError, ExprProblem, Found};
use super::lexer::{Tok, Token, lex};

/// Longest text accepted, in characters: both the text as typed and its canonical form
/// (what [`print`](super::print) writes, with `*`, spaces and shortest numbers), so that
/// printing a parsed function and parsing the print always gives back the same tree.
pub const MAX_LEN: usize = 1000;
/// Deepest nesting of parentheses and unary signs accepted.
pub const MAX_DEPTH: usize = 64;

/// Parses `text` as a function of the variables `vars` (e.g. `["x", "y"]`).
pub fn parse(text: &str, vars: &[&str]) -> Result<Expr, ExprError> {
    let len = text.chars().count();
    if len > MAX_LEN {
        return Err(ExprError::new(
            MAX_LEN + 1,
            ExprProblem::TooLong { max: MAX_LEN },
        ));
    }
    let tokens = lex(text)?;
    if tokens.len() == 1 {
        return Err(ExprError::new(
            1,
            ExprProblem::Empty {
                example: example(vars),
            },
        ));
    }
    let mut p = Parser {
        tokens,
        pos: 0,
        vars,
        depth: 0,
    };
    let e = p.sum()?;
    let t = p.peek();
    if t.tok != Tok::End {
        return Err(unexpected(t));
    }
    let canonical = super::printer::print(&e, vars).chars().count();
    if canonical > MAX_LEN {
        return Err(ExprError::new(
            1,
            ExprProblem::TooLongWritten {
                chars: canonical,
                max: MAX_LEN,
            },
        ));
    }
    Ok(e)
}

fn example(vars: &[&str]) -> String {
    match vars {
        [x] => format!("({x}-1)^2"),
        [x, y, ..] => format!("{x}^2 + 3{y}^2"),
        [] => "(x-1)^2".into(),
    }
}

fn unexpected(t: &Token) -> ExprError {
    let problem = match &t.tok {
        Tok::End => ExprProblem::UnexpectedEnd,
        Tok::Num(_, text) => ExprProblem::Unexpected(Found::Number(text.clone())),
        tok => ExprProblem::Unexpected(Found::Text(tok.text())),
    };
    ExprError::new(t.col, problem)
}

struct Parser<'a> {
    tokens: Vec<Token>,
    pos: usize,
    vars: &'a [&'a str],
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> &Token {
        &self.tokens[self.pos]
    }

    fn next(&mut self) -> Token {
        let t = self.tokens[self.pos].clone();
        if t.tok != Tok::End {
            self.pos += 1;
        }
        t
    }

    fn enter(&mut self, col: usize) -> Result<(), ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ExprError::new(col, ExprProblem::TooDeep { max: MAX_DEPTH }));
        }
        Ok(())
    }

    fn sum(&mut self) -> Result<Expr, ExprError> {
        let mut e = self.product()?;
        loop {
            let op = match self.peek().tok {
                Tok::Plus => BinOp::Add,
                Tok::Minus => BinOp::Sub,
                _ => return Ok(e),
            };
            self.next();
            e = Expr::bin(op, e, self.product()?);
        }
    }

    fn product(&mut self) -> Result<Expr, ExprError> {
        let mut e = self.unary()?;
        loop {
            e = match self.peek().tok {
                Tok::Star => {
                    self.next();
                    Expr::bin(BinOp::Mul, e, self.unary()?)
                }
                Tok::Slash => {
                    self.next();
                    Expr::bin(BinOp::Div, e, self.unary()?)
                }
                Tok::Name(_) | Tok::LParen => Expr::bin(BinOp::Mul, e, self.power()?),
                _ => return Ok(e),
            };
        }
    }

    fn unary(&mut self) -> Result<Expr, ExprError> {
        let t = self.peek().clone();
        match t.tok {
            Tok::Minus | Tok::Plus => {
                self.next();
                self.enter(t.col)?;
                let inner = self.unary()?;
                self.depth -= 1;
                Ok(if t.tok == Tok::Minus {
                    Expr::Neg(Box::new(inner))
                } else {
                    inner
                })
            }
            _ => self.power(),
        }
    }

    fn power(&mut self) -> Result<Expr, ExprError> {
        let base = self.atom()?;
        if self.peek().tok == Tok::Caret {
            let t = self.next();
            self.enter(t.col)?;
            let exponent = self.unary()?;
            self.depth -= 1;
            Ok(Expr::bin(BinOp::Pow, base, exponent))
        } else {
            Ok(base)
        }
    }

    fn atom(&mut self) -> Result<Expr, ExprError> {
        let t = self.next();
        match t.tok {
            Tok::Num(v, _) => Ok(Expr::Num(v)),
            Tok::LParen => {
                self.enter(t.col)?;
                let e = self.sum()?;
                self.close(t.col)?;
                self.depth -= 1;
                Ok(e)
            }
            Tok::Name(ref name) => self.name(name, t.col),
            _ => Err(unexpected(&t)),
        }
    }

    fn close(&mut self, open_col: usize) -> Result<(), ExprError> {
        let t = self.peek().clone();
        match t.tok {
            Tok::RParen => {
                self.next();
                Ok(())
            }
            Tok::End => Err(ExprError::new(
                t.col,
                ExprProblem::MissingParen { open: open_col },
            )),
            _ => Err(unexpected(&t)),
        }
    }

    fn name(&mut self, name: &str, col: usize) -> Result<Expr, ExprError> {
        if let Some(i) = self.vars.iter().position(|v| *v == name) {
            return Ok(Expr::Var(i));
        }
        match name {
            "pi" => return Ok(Expr::Const(Constant::Pi)),
            "e" => return Ok(Expr::Const(Constant::E)),
            _ => {}
        }
        let Some(f) = Func::from_name(name) else {
            let product_hint = (name.len() > 1
                && name.chars().all(|c| self.vars.contains(&&*c.to_string())))
            .then(|| name.chars().map(String::from).collect::<Vec<_>>().join("*"));
            let problem = ExprProblem::UnknownName {
                name: name.to_string(),
                vars: self.vars.iter().map(|v| v.to_string()).collect(),
                product_hint,
            };
            return Err(ExprError::new(col, problem));
        };
        let open = self.peek().clone();
        if open.tok != Tok::LParen {
            return Err(ExprError::new(
                open.col,
                ExprProblem::ExpectedParen {
                    func: f.name().to_string(),
                },
            ));
        }
        self.next();
        self.enter(open.col)?;
        let mut args = Vec::new();
        if self.peek().tok != Tok::RParen {
            args.push(self.sum()?);
            while self.peek().tok == Tok::Comma {
                self.next();
                args.push(self.sum()?);
            }
        }
        self.close(open.col)?;
        self.depth -= 1;
        if args.len() != f.arity() {
            let problem = ExprProblem::Arity {
                func: f.name().to_string(),
                arity: f.arity(),
            };
            return Err(ExprError::new(col, problem));
        }
        Ok(Expr::Call(f, args))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use BinOp::*;

    const XY: &[&str] = &["x", "y"];

    fn x() -> Expr {
        Expr::Var(0)
    }
    fn y() -> Expr {
        Expr::Var(1)
    }
    fn n(v: f64) -> Expr {
        Expr::Num(v)
    }
    fn err(s: &str) -> ExprError {
        parse(s, XY).unwrap_err()
    }

    /// The English message and the column of the error of `s`.
    fn said(s: &str) -> (String, usize) {
        let e = err(s);
        (e.to_string(), e.column)
    }

    fn at(column: usize, message: &str) -> (String, usize) {
        (message.to_string(), column)
    }

    #[test]
    fn notebook_texts_parse_as_written() {
        assert_eq!(
            parse("(x-1)**2", &["x"]).unwrap(),
            Expr::bin(Pow, Expr::bin(Sub, x(), n(1.0)), n(2.0))
        );
        let f2 = parse("x**4 + y**4 - 2*(x-y)**2", XY).unwrap();
        let expect = Expr::bin(
            Sub,
            Expr::bin(
                Add,
                Expr::bin(Pow, x(), n(4.0)),
                Expr::bin(Pow, y(), n(4.0)),
            ),
            Expr::bin(
                Mul,
                n(2.0),
                Expr::bin(Pow, Expr::bin(Sub, x(), y()), n(2.0)),
            ),
        );
        assert_eq!(f2, expect);
        // Implied multiplication and ^ give the same tree.
        assert_eq!(parse("x^4 + y^4 - 2(x-y)^2", XY).unwrap(), expect);
    }

    #[test]
    fn precedence_and_associativity() {
        assert_eq!(
            parse("-x^2", XY).unwrap(),
            Expr::Neg(Box::new(Expr::bin(Pow, x(), n(2.0))))
        );
        assert_eq!(
            parse("2^3^2", XY).unwrap(),
            Expr::bin(Pow, n(2.0), Expr::bin(Pow, n(3.0), n(2.0)))
        );
        assert_eq!(
            parse("x/2/y", XY).unwrap(),
            Expr::bin(Div, Expr::bin(Div, x(), n(2.0)), y())
        );
        assert_eq!(
            parse("2^-1", XY).unwrap(),
            Expr::bin(Pow, n(2.0), Expr::Neg(Box::new(n(1.0))))
        );
        assert_eq!(
            parse("2x^2", XY).unwrap(),
            Expr::bin(Mul, n(2.0), Expr::bin(Pow, x(), n(2.0)))
        );
        assert_eq!(
            parse("3(x-1)", XY).unwrap(),
            Expr::bin(Mul, n(3.0), Expr::bin(Sub, x(), n(1.0)))
        );
        assert_eq!(parse("x y", XY).unwrap(), Expr::bin(Mul, x(), y()));
    }

    #[test]
    fn functions_and_constants() {
        assert_eq!(
            parse("max(x, 2pi) + e", XY).unwrap(),
            Expr::bin(
                Add,
                Expr::Call(
                    Func::Max,
                    vec![x(), Expr::bin(Mul, n(2.0), Expr::Const(Constant::Pi))]
                ),
                Expr::Const(Constant::E)
            )
        );
        for f in Func::ALL {
            let text = if f.arity() == 1 {
                format!("{}(x)", f.name())
            } else {
                format!("{}(x, y)", f.name())
            };
            assert!(matches!(parse(&text, XY).unwrap(), Expr::Call(g, _) if g == f));
        }
    }

    #[test]
    fn errors_name_the_column_and_what_was_expected() {
        assert_eq!(said("(x-1)*)"), at(7, "unexpected ')' at column 7"));
        assert_eq!(said("x^^2"), at(3, "unexpected '^' at column 3"));
        assert_eq!(
            said("x + z"),
            at(5, "unknown name 'z': the variables are x and y")
        );
        assert_eq!(
            parse("x + y", &["x"]).unwrap_err().to_string(),
            "unknown name 'y': the variable is x"
        );
        assert_eq!(said("sqrt(x, y)"), at(1, "sqrt needs one argument"));
        assert_eq!(err("1 + sqrt()").to_string(), "sqrt needs one argument");
        assert_eq!(err("max(x)").to_string(), "max needs two arguments");
        assert_eq!(
            said("x +"),
            at(
                4,
                "unexpected end at column 4: expected a number, a variable or '('"
            )
        );
        assert_eq!(said("(x - 1"), at(7, "missing ')' for the '(' at column 1"));
        assert_eq!(said("sin x"), at(5, "expected '(' after sin at column 5"));
        assert_eq!(said("2 3"), at(3, "unexpected number '3' at column 3"));
        assert_eq!(err("  ").column, 1);
        assert!(err("xy").to_string().ends_with("(write x*y for a product)"));
        let deep = "(".repeat(100) + "x" + &")".repeat(100);
        assert!(err(&deep).to_string().starts_with("too deeply nested"));
        assert!(err(&"x+".repeat(600)).to_string().contains("longer than"));
        // 999 characters as typed, 1997 written out: the canonical form must parse too.
        let dense = "x+".repeat(499) + "x";
        assert_eq!(
            err(&dense).to_string(),
            "the function is too long: written out in full (with * and spaces) it has 1997 \
             characters, more than 1000"
        );
        let fits = "x+".repeat(249) + "x";
        assert!(parse(&fits, XY).is_ok());
    }
}
