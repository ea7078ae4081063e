//! Decimal text to `f64`: exactly what `str::parse::<f64>` accepts and returns, without
//! linking Rust's float parser into the wasm build.
//!
//! Rust's parser carries a 10 KB table of powers of five, which does not compress; in the
//! browser the host's `parseFloat`, also correctly rounded, gives the same value. The
//! grammar is checked here, so both builds accept and reject the same text:
//!
//! ```text
//! Float  ::= Sign? ( "inf" | "infinity" | "nan" | Number )   (any letter case)
//! Number ::= ( Digit+ "."? Digit* | "." Digit+ ) Exp?
//! Exp    ::= ("e" | "E") Sign? Digit+
//! Sign   ::= "+" | "-"
//! ```
//!
//! ```
//! use descent_expr::decimal::parse_f64;
//! assert_eq!(parse_f64("1e-3"), Some(1e-3));
//! assert_eq!(parse_f64("-.5"), Some(-0.5));
//! assert_eq!(parse_f64("1e"), None);
//! assert_eq!(parse_f64("0x10"), None);
//! ```

/// Reads `text` as `str::parse::<f64>` does: `None` where it errs, the same value where
/// it succeeds (correctly rounded; overflow to ±∞, underflow to ±0).
pub fn parse_f64(text: &str) -> Option<f64> {
    let (negative, body) = match text.as_bytes().first()? {
        b'+' => (false, &text[1..]),
        b'-' => (true, &text[1..]),
        _ => (false, text),
    };
    let special = if body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity") {
        Some(f64::INFINITY)
    } else if body.eq_ignore_ascii_case("nan") {
        Some(f64::NAN)
    } else {
        None
    };
    if let Some(v) = special {
        return Some(if negative { -v } else { v });
    }
    if !is_number(body.as_bytes()) {
        return None;
    }
    Some(value(text))
}

/// Whether `b` is a `Number` of the grammar above.
fn is_number(b: &[u8]) -> bool {
    let digits = |from: usize| from + b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let int_end = digits(0);
    let mut i = int_end;
    let mut mantissa_digits = int_end;
    if b.get(i) == Some(&b'.') {
        let frac_end = digits(i + 1);
        mantissa_digits += frac_end - (i + 1);
        i = frac_end;
    }
    if mantissa_digits == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp_end = digits(i);
        if exp_end == i {
            return false;
        }
        i = exp_end;
    }
    i == b.len()
}

/// The value of text that matches the grammar's decimal form.
#[cfg(not(target_arch = "wasm32"))]
fn value(text: &str) -> f64 {
    text.parse().unwrap_or(f64::NAN)
}

/// The value of text that matches the grammar's decimal form: the browser's `parseFloat`
/// rounds correctly (ECMAScript's StringToNumber), as Rust's parser does.
#[cfg(target_arch = "wasm32")]
fn value(text: &str) -> f64 {
    js_sys::parse_float(text)
}

#[cfg(test)]
mod tests {
    use super::parse_f64;
    use proptest::prelude::*;

    fn same(text: &str) {
        let want = text.parse::<f64>().ok();
        let got = parse_f64(text);
        assert_eq!(
            got.map(f64::to_bits),
            want.map(f64::to_bits),
            "{text:?}: got {got:?}, Rust's parser {want:?}"
        );
    }

    #[test]
    fn agrees_with_rusts_parser_on_edge_cases() {
        for t in [
            "",
            "+",
            "-",
            ".",
            "e",
            "1",
            "-0",
            "+0.0",
            "1.",
            ".5",
            "-.5",
            "1e5",
            "1E+5",
            "1e-5",
            "1e",
            "1e+",
            "e5",
            ".e5",
            "1.e5",
            ".5e-3",
            "1..2",
            "1e5.0",
            " 1",
            "1 ",
            "0x10",
            "inf",
            "-INF",
            "+Infinity",
            "infinit",
            "NaN",
            "-nan",
            "nan1",
            "1_000",
            "١",
            "1e400",
            "-1e400",
            "1e-400",
            "4.9e-324",
            "2.2250738585072011e-308",
            "9007199254740993",
            "0.1",
            "123456789012345678901234567890",
        ] {
            same(t);
        }
    }

    proptest! {
        #[test]
        fn agrees_with_rusts_parser_on_any_text(text in "[-+0-9.eEinfaINFA ]{0,12}") {
            same(&text);
        }

        #[test]
        fn agrees_with_rusts_parser_on_numbers(
            m in -1e12f64..1e12,
            e in -330i32..330,
        ) {
            same(&format!("{m}e{e}"));
        }
    }
}
