//! How a typed function's error reads in the language in use: the sentence for each
//! [`ExprProblem`], with the column where it helps.

use descent_expr::{ExprError, ExprProblem, Found, var_list};

/// The sentence for `e` in the language in use; in English, exactly `e.to_string()`.
pub fn message(e: &ExprError) -> String {
    let column = e.column;
    match &e.problem {
        ExprProblem::UnexpectedChar(c) => crate::msg!(
            "core.expr.char",
            "unexpected character '{char}' at column {column}",
            char = c,
            column = column
        ),
        ExprProblem::NotANumber(s) => crate::msg!(
            "core.expr.nan",
            "'{text}' is not a number at column {column}",
            text = s,
            column = column
        ),
        ExprProblem::NumberTooLarge(s) => crate::msg!(
            "core.expr.huge",
            "number '{text}' at column {column} is too large",
            text = s,
            column = column
        ),
        ExprProblem::TooLong { max } => crate::msg!(
            "core.expr.long",
            "the function is longer than {max} characters",
            max = max
        ),
        ExprProblem::TooLongWritten { chars, max } => crate::msg!(
            "core.expr.longwritten",
            "the function is too long: written out in full (with * and spaces) it has {chars} characters, more than {max}",
            chars = chars,
            max = max
        ),
        ExprProblem::Empty { example } => crate::msg!(
            "core.expr.empty",
            "the function is empty: type one, such as {example}",
            example = example
        ),
        ExprProblem::UnexpectedEnd => crate::msg!(
            "core.expr.end",
            "unexpected end at column {column}: expected a number, a variable or '('",
            column = column
        ),
        ExprProblem::Unexpected(Found::Text(t)) => crate::msg!(
            "core.expr.unexpected",
            "unexpected '{text}' at column {column}",
            text = t,
            column = column
        ),
        ExprProblem::Unexpected(Found::Number(n)) => crate::msg!(
            "core.expr.unexpectednum",
            "unexpected number '{text}' at column {column}",
            text = n,
            column = column
        ),
        ExprProblem::TooDeep { max } => crate::msg!(
            "core.expr.deep",
            "too deeply nested at column {column} (at most {max} levels)",
            column = column,
            max = max
        ),
        ExprProblem::MissingParen { open } => crate::msg!(
            "core.expr.paren",
            "missing ')' for the '(' at column {open}",
            open = open
        ),
        ExprProblem::UnknownName {
            name,
            vars,
            product_hint,
        } => unknown_name(name, vars, product_hint.as_deref()),
        ExprProblem::ExpectedParen { func } => crate::msg!(
            "core.expr.after",
            "expected '(' after {func} at column {column}",
            func = func,
            column = column
        ),
        ExprProblem::Arity { func, arity: 1 } => {
            crate::msg!("core.expr.one", "{func} needs one argument", func = func)
        }
        ExprProblem::Arity { func, .. } => {
            crate::msg!("core.expr.two", "{func} needs two arguments", func = func)
        }
        ExprProblem::VarCount { max, got } => crate::msg!(
            "core.expr.varcount",
            "a function has 1 to {max} variables, not {got}",
            max = max,
            got = got
        ),
        ExprProblem::BadVarName(v) => crate::msg!(
            "core.expr.varname",
            "'{name}' cannot be a variable name",
            name = v
        ),
        ExprProblem::VarTwice(v) => crate::msg!(
            "core.expr.vartwice",
            "the variable '{name}' is listed twice",
            name = v
        ),
    }
}

/// "unknown name 'z': the variables are x and y", with the product to write when the name
/// is variables side by side.
fn unknown_name(name: &str, vars: &[String], product: Option<&str>) -> String {
    let list = var_list(vars, &and_before(vars.last().map_or("", String::as_str)));
    let mut text = if vars.len() == 1 {
        crate::msg!(
            "core.expr.unknown1",
            "unknown name '{name}': the variable is {vars}",
            name = name,
            vars = list
        )
    } else {
        crate::msg!(
            "core.expr.unknown",
            "unknown name '{name}': the variables are {vars}",
            name = name,
            vars = list
        )
    };
    if let Some(p) = product {
        text.push_str(&crate::msg!(
            "core.expr.product",
            " (write {product} for a product)",
            product = p
        ));
    }
    text
}

/// The word "and" before `word`: Spanish writes "e" rather than "y" before an i sound
/// (`x e y`, `a e hilo`, but `y hielo`), so that form has its own id.
fn and_before(word: &str) -> String {
    // ASCII folding is enough for names (and keeps Unicode's case tables out of the wasm).
    let w = word.to_ascii_lowercase();
    let vowel_after = |rest: &str| rest.starts_with(['a', 'e', 'o', 'u', 'á', 'é', 'ó', 'ú']);
    let i_sound = match w.strip_prefix('h').unwrap_or(&w) {
        "y" => true,
        rest => {
            let after_i = rest.strip_prefix(['i', 'í', 'Í']);
            after_i.is_some_and(|r| !(w.starts_with('h') && vowel_after(r)))
        }
    };
    if i_sound {
        crate::msg!("core.expr.and.i", "and")
    } else {
        crate::msg!("core.expr.and", "and")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{set_texts, spanish_texts};

    /// Texts that reach every problem, with the variables they are parsed with.
    const CASES: &[(&str, &[&str])] = &[
        ("x + $", &["x", "y"]),
        ("x . ", &["x"]),
        ("1e999", &["x"]),
        ("", &["x", "y"]),
        ("x +", &["x"]),
        ("(x-1)*)", &["x"]),
        ("2 3", &["x"]),
        ("(x - 1", &["x"]),
        ("x + z", &["x", "y"]),
        ("x + y", &["x"]),
        ("xy", &["x", "y"]),
        ("sin x", &["x"]),
        ("sqrt(x, x)", &["x"]),
        ("max(x)", &["x"]),
        ("x", &["x", "y", "z"]),
        ("x", &["sin"]),
        ("x", &["x", "x"]),
    ];

    fn error(text: &str, vars: &[&str]) -> ExprError {
        crate::expr::compile(text, vars).unwrap_err()
    }

    #[test]
    fn english_is_the_errors_own_text_word_for_word() {
        set_texts("");
        let deep = "(".repeat(100) + "x" + &")".repeat(100);
        let long = "x+".repeat(600);
        let written = "x+".repeat(499) + "x";
        let mut all: Vec<(&str, &[&str])> = CASES.to_vec();
        all.extend([
            (deep.as_str(), &["x"][..]),
            (long.as_str(), &["x"]),
            (written.as_str(), &["x", "y"]),
        ]);
        for (text, vars) in all {
            let e = error(text, vars);
            assert_eq!(message(&e), e.to_string(), "{text:?}");
        }
        assert_eq!(
            message(&error("x + z", &["x", "y"])),
            "unknown name 'z': the variables are x and y"
        );
    }

    #[test]
    fn spanish_has_its_own_words_and_the_same_column() {
        set_texts(&spanish_texts());
        let said = |text: &str, vars: &[&str]| {
            let e = error(text, vars);
            (message(&e), e.column)
        };
        assert_eq!(
            said("x + $", &["x"]),
            ("carácter inesperado '$' en la columna 5".into(), 5)
        );
        assert_eq!(
            said("(x - 1", &["x"]),
            ("falta ')' para el '(' de la columna 1".into(), 7)
        );
        assert_eq!(
            said("x + z", &["x", "y"]).0,
            "nombre desconocido 'z': las variables son x e y"
        );
        assert_eq!(
            said("x + y", &["x"]).0,
            "nombre desconocido 'y': la variable es x"
        );
        assert_eq!(
            said("xy", &["x", "y"]).0,
            "nombre desconocido 'xy': las variables son x e y (escriba x*y para un producto)"
        );
        assert_eq!(
            said("x^^2", &["x"]),
            ("'^' inesperado en la columna 3".into(), 3)
        );
        assert_eq!(said("max(x)", &["x"]).0, "max necesita dos argumentos");
        for (text, vars) in CASES {
            let (m, _) = said(text, vars);
            for english in [" at column ", "unexpected", "needs", "variable is", " and "] {
                assert!(!m.contains(english), "{text:?}: {m}");
            }
        }
        set_texts("");
    }

    #[test]
    fn spanish_and_is_e_before_an_i_sound() {
        set_texts(&spanish_texts());
        let list = |vars: &[&str]| {
            let vars: Vec<String> = vars.iter().map(|v| v.to_string()).collect();
            var_list(&vars, &and_before(vars.last().unwrap()))
        };
        assert_eq!(list(&["x", "y"]), "x e y");
        assert_eq!(list(&["a", "ib"]), "a e ib");
        assert_eq!(list(&["a", "hilo"]), "a e hilo");
        assert_eq!(list(&["a", "hielo"]), "a y hielo");
        assert_eq!(list(&["a", "yo"]), "a y yo");
        assert_eq!(list(&["u", "v"]), "u y v");
        set_texts("");
        assert_eq!(list(&["x", "y"]), "x and y");
    }
}
