//! Tests of the WebAssembly emitter: module structure, and a small stack machine that runs
//! the emitted code natively to compare it with the tape interpreter bit for bit.

use proptest::prelude::*;

use super::compile;
use super::wasm_emit::{
    GRADIENT_EXPORT, GRADIENT_MANY_EXPORT, VALUE_EXPORT, VALUE_MANY_EXPORT, emit,
};

/// Reads an unsigned LEB128 number at `*i`.
pub(super) fn uleb(b: &[u8], i: &mut usize) -> u32 {
    let (mut v, mut shift) = (0u32, 0);
    loop {
        let byte = b[*i];
        *i += 1;
        v |= u32::from(byte & 0x7F) << shift;
        if byte & 0x80 == 0 {
            return v;
        }
        shift += 7;
    }
}

/// The module's sections as (id, payload), checking the header and that the sizes add up.
fn sections(m: &[u8]) -> Vec<(u8, &[u8])> {
    assert_eq!(&m[..8], b"\0asm\x01\0\0\0", "magic and version");
    let mut i = 8;
    let mut out = Vec::new();
    while i < m.len() {
        let id = m[i];
        i += 1;
        let n = uleb(m, &mut i) as usize;
        out.push((id, &m[i..i + n]));
        i += n;
    }
    assert_eq!(i, m.len(), "sections end exactly at the end of the module");
    out
}

/// The function bodies of the code section, each ending with `end`.
pub(super) fn bodies(m: &[u8]) -> Vec<&[u8]> {
    let code = sections(m).into_iter().find(|s| s.0 == 10).unwrap().1;
    let mut i = 0;
    let n = uleb(code, &mut i);
    let mut out = Vec::new();
    for _ in 0..n {
        let len = uleb(code, &mut i) as usize;
        let body = &code[i..i + len];
        assert_eq!(body.last(), Some(&0x0B), "a body ends with `end`");
        out.push(body);
        i += len;
    }
    assert_eq!(i, code.len());
    out
}

#[derive(Clone, Copy)]
enum V {
    F(f64),
    I(bool),
}

/// Runs one emitted body on (x, y) with a scratch memory: the subset of WebAssembly the
/// emitter writes, executed exactly as the specification says.
pub(super) fn run(body: &[u8], x: f64, y: f64, mem: &mut [u8]) -> f64 {
    let mut i = 0;
    let mut locals = vec![x, y];
    for _ in 0..uleb(body, &mut i) {
        let n = uleb(body, &mut i);
        assert_eq!(body[i], 0x7C, "f64 locals");
        i += 1;
        locals.resize(locals.len() + n as usize, 0.0);
    }
    let mut stack: Vec<V> = Vec::new();
    let f = |v: Option<V>| match v {
        Some(V::F(v)) => v,
        _ => panic!("expected an f64 on the stack"),
    };
    loop {
        let opcode = body[i];
        i += 1;
        match opcode {
            0x20 => stack.push(V::F(locals[uleb(body, &mut i) as usize])),
            0x21 => {
                let k = uleb(body, &mut i) as usize;
                locals[k] = f(stack.pop());
            }
            0x44 => {
                stack.push(V::F(f64::from_le_bytes(body[i..i + 8].try_into().unwrap())));
                i += 8;
            }
            0x41 => {
                assert_eq!(uleb(body, &mut i), 0, "only address 0 is pushed");
                stack.push(V::I(false));
            }
            0x39 => {
                assert_eq!(uleb(body, &mut i), 3, "8-byte alignment");
                let at = uleb(body, &mut i) as usize;
                let v = f(stack.pop());
                assert!(matches!(stack.pop(), Some(V::I(false))));
                mem[at..at + 8].copy_from_slice(&v.to_le_bytes());
            }
            0x61 | 0x63 | 0x64 => {
                let (b, a) = (f(stack.pop()), f(stack.pop()));
                stack.push(V::I(match opcode {
                    0x61 => a == b,
                    0x63 => a < b,
                    _ => a > b,
                }));
            }
            0x99 | 0x9A | 0x9F => {
                let a = f(stack.pop());
                stack.push(V::F(match opcode {
                    0x99 => a.abs(),
                    0x9A => -a,
                    _ => a.sqrt(),
                }));
            }
            0xA0 | 0xA2 | 0xA3 => {
                let (b, a) = (f(stack.pop()), f(stack.pop()));
                stack.push(V::F(match opcode {
                    0xA0 => a + b,
                    0xA2 => a * b,
                    _ => a / b,
                }));
            }
            0x1B => {
                let Some(V::I(c)) = stack.pop() else {
                    panic!("select needs an i32 condition")
                };
                let (b, a) = (f(stack.pop()), f(stack.pop()));
                stack.push(V::F(if c { a } else { b }));
            }
            0x0B => {
                assert_eq!(stack.len(), 1, "one result left on the stack");
                assert_eq!(i, body.len(), "`end` is the last byte");
                return f(stack.pop());
            }
            other => panic!("unexpected opcode {other:#04x}"),
        }
    }
}

/// Same number, counting NaN as equal to NaN and −0 as equal to +0.
fn same(a: f64, b: f64) -> bool {
    a == b || (a.is_nan() && b.is_nan())
}

/// Checks the emitted module of `text` against the interpreter at (x, y).
fn check(text: &str, vars: &[&str], x: f64, y: f64) -> Result<(), TestCaseError> {
    let f = compile(text, vars).unwrap();
    let out = 16;
    let m = emit(f.tape(), out, true).unwrap_or_else(|| panic!("{text} compiles to wasm"));
    let b = bodies(&m);
    let mut mem = vec![0u8; 48];
    let p = [x, y];
    let mut g = [0.0; 2];
    let v = f.value_and_gradient(&p[..vars.len()], &mut g);
    let value_only = run(b[0], x, y, &mut mem);
    prop_assert!(same(value_only, v), "{text} value: {value_only} vs {v}");
    prop_assert_eq!(mem.iter().filter(|&&c| c != 0).count(), 0);
    let with_grad = run(b[1], x, y, &mut mem);
    prop_assert!(same(with_grad, v), "{text} value: {with_grad} vs {v}");
    for (l, &want) in g.iter().enumerate().take(vars.len()) {
        let at = out as usize + 8 * l;
        let got = f64::from_le_bytes(mem[at..at + 8].try_into().unwrap());
        prop_assert!(
            same(got, want),
            "{text} ∂{l} at ({x}, {y}): {got} vs {want}"
        );
    }
    Ok(())
}

#[test]
fn the_module_has_the_expected_sections_and_exports() {
    let f = compile("x^4 + y^4 - 2(x-y)^2", &["x", "y"]).unwrap();
    for (simd, limit) in [(false, 1000), (true, 2500)] {
        let m = emit(f.tape(), 1024, simd).unwrap();
        let ids: Vec<u8> = sections(&m).iter().map(|s| s.0).collect();
        assert_eq!(
            ids,
            [1, 2, 3, 7, 10],
            "type, import, function, export, code"
        );
        let exports = sections(&m).into_iter().find(|s| s.0 == 7).unwrap().1;
        let (mut i, mut names) = (1, Vec::new());
        for _ in 0..exports[0] {
            let n = uleb(exports, &mut i) as usize;
            names.push(std::str::from_utf8(&exports[i..i + n]).unwrap().to_string());
            i += n + 2;
        }
        assert_eq!(
            names,
            [
                VALUE_EXPORT,
                GRADIENT_EXPORT,
                VALUE_MANY_EXPORT,
                GRADIENT_MANY_EXPORT
            ]
        );
        assert_eq!(bodies(&m).len(), 4);
        // Small: a page can compile dozens of these without noticing.
        assert!(m.len() < limit, "{} bytes", m.len());
    }
}

#[test]
fn notebook_and_simple_functions_match_the_interpreter() {
    for (text, vars) in [
        ("(x-1)**2", &["x"][..]),
        ("x", &["x"]),
        ("3", &["x"]),
        ("x^4 + y^4 - 2(x-y)^2", &["x", "y"]),
        ("y", &["x", "y"]),
        ("(x^2 + 100*y^2)/2", &["x", "y"]),
        ("100(y - x^2)^2 + (1 - x)^2", &["x", "y"]),
        ("sqrt(x^2 + y^2) + abs(x - y)", &["x", "y"]),
        ("min(x, y) * max(x^3, 1/y)", &["x", "y"]),
        ("x^-3 + x^7 + x^0 + x^13 * y^-9", &["x", "y"]),
        ("(x*y - 1) / (x^2 + y^2 + 1)", &["x", "y"]),
    ] {
        for (x, y) in [(0.3, -1.7), (0.0, 0.0), (-2.5, 2.0), (1.0, 1.0)] {
            check(text, vars, x, y).unwrap();
        }
    }
}

#[test]
fn transcendental_tapes_keep_the_interpreter() {
    for text in [
        "sin(x)",
        "exp(x + y)",
        "ln(x) * y",
        "x^y",
        "x^1.5",
        "tanh(x) + y^2",
    ] {
        let f = compile(text, &["x", "y"]).unwrap();
        assert_eq!(emit(f.tape(), 0, true), None, "{text}");
    }
}

/// A random rational expression of x and y built from wasm-native operations.
fn arb_rational() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("x".to_string()),
        Just("y".to_string()),
        (-3i32..4).prop_map(|c| format!("{c}")),
        (-20i32..20).prop_map(|c| format!("{}", f64::from(c) / 8.0)),
    ];
    leaf.prop_recursive(4, 24, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} + {b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} - {b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} * {b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} / ({b} + 3.5))")),
            (inner.clone(), -3i32..6).prop_map(|(a, n)| format!("({a})^{n}")),
            inner.clone().prop_map(|a| format!("sqrt(abs({a}))")),
            (inner.clone(), inner).prop_map(|(a, b)| format!("min({a}, {b})")),
        ]
    })
}

proptest! {
    #[test]
    fn random_rational_functions_match_the_interpreter(
        text in arb_rational(), x in -2.0f64..2.0, y in -2.0f64..2.0,
    ) {
        check(&text, &["x", "y"], x, y)?;
    }
}
