//! The lexer: splits typed text into tokens, each with its 1-based character column.

use super::error::{ExprError, ExprProblem};

/// A token kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// A number literal (finite, non-negative) and its text.
    Num(f64, String),
    /// A name: a variable, constant or function.
    Name(String),
    /// `+`
    Plus,
    /// `-` or `−`
    Minus,
    /// `*`, `×` or `·`
    Star,
    /// `/` or `÷`
    Slash,
    /// `^` or `**`
    Caret,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `,`
    Comma,
    /// The end of the text.
    End,
}

impl Tok {
    /// The token's text as a message quotes it: `)`, `3`, `sin`; empty for the end.
    pub fn text(&self) -> String {
        match self {
            Tok::Num(_, text) => text.clone(),
            Tok::Name(n) => n.clone(),
            Tok::Plus => "+".into(),
            Tok::Minus => "-".into(),
            Tok::Star => "*".into(),
            Tok::Slash => "/".into(),
            Tok::Caret => "^".into(),
            Tok::LParen => "(".into(),
            Tok::RParen => ")".into(),
            Tok::Comma => ",".into(),
            Tok::End => String::new(),
        }
    }
}

/// A token and the 1-based column of its first character.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// The kind.
    pub tok: Tok,
    /// Its 1-based column.
    pub col: usize,
}

/// Splits `text` into tokens, ending with [`Tok::End`] at the column after the last character.
pub fn lex(text: &str) -> Result<Vec<Token>, ExprError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let col = i + 1;
        let single = match c {
            '+' => Some(Tok::Plus),
            '-' | '−' => Some(Tok::Minus),
            '×' | '·' => Some(Tok::Star),
            '/' | '÷' => Some(Tok::Slash),
            '^' => Some(Tok::Caret),
            '(' => Some(Tok::LParen),
            ')' => Some(Tok::RParen),
            ',' => Some(Tok::Comma),
            _ => None,
        };
        if let Some(tok) = single {
            out.push(Token { tok, col });
            i += 1;
        } else if c == '*' {
            if chars.get(i + 1) == Some(&'*') {
                out.push(Token {
                    tok: Tok::Caret,
                    col,
                });
                i += 2;
            } else {
                out.push(Token {
                    tok: Tok::Star,
                    col,
                });
                i += 1;
            }
        } else if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() || c == '.' {
            let end = number_end(&chars, i);
            let s: String = chars[i..end].iter().collect();
            let v = crate::decimal::parse_f64(&s)
                .ok_or_else(|| ExprError::new(col, ExprProblem::NotANumber(s.clone())))?;
            if !v.is_finite() {
                return Err(ExprError::new(col, ExprProblem::NumberTooLarge(s)));
            }
            out.push(Token {
                tok: Tok::Num(v, s),
                col,
            });
            i = end;
        } else if c.is_alphabetic() || c == '_' {
            let mut end = i + 1;
            while end < chars.len() && (chars[end].is_alphanumeric() || chars[end] == '_') {
                end += 1;
            }
            let name: String = chars[i..end].iter().collect();
            let name = if name == "π" { "pi".to_string() } else { name };
            out.push(Token {
                tok: Tok::Name(name),
                col,
            });
            i = end;
        } else {
            return Err(ExprError::new(col, ExprProblem::UnexpectedChar(c)));
        }
    }
    out.push(Token {
        tok: Tok::End,
        col: chars.len() + 1,
    });
    Ok(out)
}

/// The end of the number starting at `i`: digits, an optional fraction, and an exponent
/// only when digits follow it (so `2e` is 2·e, while `1e-3` is a thousandth).
fn number_end(chars: &[char], i: usize) -> usize {
    let digits = |mut j: usize| {
        while j < chars.len() && chars[j].is_ascii_digit() {
            j += 1;
        }
        j
    };
    let mut j = digits(i);
    if j < chars.len() && chars[j] == '.' {
        j = digits(j + 1);
    }
    if j < chars.len() && (chars[j] == 'e' || chars[j] == 'E') {
        let mut k = j + 1;
        if k < chars.len() && (chars[k] == '+' || chars[k] == '-') {
            k += 1;
        }
        if k < chars.len() && chars[k].is_ascii_digit() {
            j = digits(k);
        }
    }
    j
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<Tok> {
        lex(s).unwrap().into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn numbers_with_exponents_and_columns() {
        let t = lex("1e-3 + 2.5E2").unwrap();
        assert_eq!(t[0].tok, Tok::Num(1e-3, "1e-3".into()));
        assert_eq!((t[1].tok.clone(), t[1].col), (Tok::Plus, 6));
        assert_eq!(t[2].tok, Tok::Num(250.0, "2.5E2".into()));
        assert_eq!(
            t[3],
            Token {
                tok: Tok::End,
                col: 13
            }
        );
    }

    #[test]
    fn e_without_digits_is_the_constant() {
        assert_eq!(
            kinds("2e"),
            vec![Tok::Num(2.0, "2".into()), Tok::Name("e".into()), Tok::End]
        );
        assert_eq!(
            kinds("2e-x"),
            vec![
                Tok::Num(2.0, "2".into()),
                Tok::Name("e".into()),
                Tok::Minus,
                Tok::Name("x".into()),
                Tok::End
            ]
        );
    }

    #[test]
    fn double_star_is_power_and_unicode_operators_work() {
        assert_eq!(
            kinds("x**2−y×π"),
            vec![
                Tok::Name("x".into()),
                Tok::Caret,
                Tok::Num(2.0, "2".into()),
                Tok::Minus,
                Tok::Name("y".into()),
                Tok::Star,
                Tok::Name("pi".into()),
                Tok::End
            ]
        );
    }

    #[test]
    fn bad_characters_and_huge_numbers_name_their_column() {
        let e = lex("x + $").unwrap_err();
        assert_eq!(e, ExprError::new(5, ExprProblem::UnexpectedChar('$')));
        assert_eq!(e.to_string(), "unexpected character '$' at column 5");
        assert_eq!(lex("1e999").unwrap_err().column, 1);
        assert_eq!(
            lex("x . ").unwrap_err().to_string(),
            "'.' is not a number at column 3"
        );
    }
}
