//! The wasm build reads decimal text through the browser's `parseFloat`: it must accept,
//! reject and round exactly as Rust's own parser does, which this test binary still links.
#![cfg(target_arch = "wasm32")]

use descent::decimal::parse_f64;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn same(text: &str) {
    let want = text.parse::<f64>().ok().map(f64::to_bits);
    assert_eq!(parse_f64(text).map(f64::to_bits), want, "{text:?}");
}

#[wasm_bindgen_test]
fn browser_parse_agrees_with_rusts_parser() {
    for t in [
        "",
        "+",
        "-",
        ".",
        "1",
        "-0",
        "1.",
        ".5",
        "-.5",
        "+1e5",
        "1E-5",
        "1e",
        "1e+",
        " 1",
        "0x10",
        "inf",
        "-Infinity",
        "NaN",
        "1e400",
        "-1e400",
        "1e-400",
        "4.9e-324",
        "2.2250738585072011e-308",
        "9007199254740993",
        "0.1",
        "0.30000000000000004",
        "123456789012345678901234567890",
        "1.7976931348623157e308",
        "1.7976931348623159e308",
    ] {
        same(t);
    }
    // Pseudo-random mantissas and exponents across the whole range, hard cases included.
    let mut r = descent::rng::from_seed(7);
    for _ in 0..2000 {
        let m = descent::rng::uniform(&mut r, -1e6, 1e6);
        let e = descent::rng::uniform(&mut r, -330.0, 330.0) as i32;
        same(&format!("{m}e{e}"));
        same(&format!("{m:.3}"));
    }
}
