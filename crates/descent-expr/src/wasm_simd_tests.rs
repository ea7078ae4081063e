//! Tests of the emitter's SIMD loops: the modules validate (by `wasmparser`, the Bytecode
//! Alliance's validator), their loops hold `f64x2` code, and a small machine that runs the
//! loops natively (blocks, branches, calls, `i32`, `f64` and `v128` operations, exactly as
//! the specification says) gives every point the bits of a scalar call, odd counts
//! included, for hand-picked and generated functions.

use proptest::prelude::*;
use rand::SeedableRng;
use rand_pcg::Pcg64Mcg;

use super::compile;
use super::random::{EXTREME_POINTS, Shape, random_function, random_point};
use super::wasm_emit::emit;
use super::wasm_emit_tests::{bodies, run, uleb};

/// A value on the machine's stack: an `i32`, an `f64`, or a `v128` as two 64-bit lanes.
#[derive(Clone, Copy, Debug)]
enum W {
    I(i32),
    F(f64),
    V([u64; 2]),
}

impl W {
    fn i(self) -> i32 {
        match self {
            W::I(v) => v,
            other => panic!("expected an i32, found {other:?}"),
        }
    }
    fn f(self) -> f64 {
        match self {
            W::F(v) => v,
            other => panic!("expected an f64, found {other:?}"),
        }
    }
    fn v(self) -> [u64; 2] {
        match self {
            W::V(v) => v,
            other => panic!("expected a v128, found {other:?}"),
        }
    }
}

/// Reads a signed LEB128 number (of an `i32.const`) at `*i`.
fn sleb(b: &[u8], i: &mut usize) -> i32 {
    let (mut v, mut shift) = (0i64, 0);
    loop {
        let byte = b[*i];
        *i += 1;
        v |= i64::from(byte & 0x7F) << shift;
        shift += 7;
        if byte & 0x80 == 0 {
            if byte & 0x40 != 0 {
                v -= 1 << shift;
            }
            return v as i32;
        }
    }
}

/// The position after the instruction at `i` (opcode and immediates), and its opcode
/// (`0xFD00 + n` for the SIMD opcode n).
fn step(b: &[u8], mut i: usize) -> (usize, u32) {
    let opcode = b[i];
    i += 1;
    let code = match opcode {
        0x02 | 0x03 => {
            i += 1; // block type
            u32::from(opcode)
        }
        0x0C | 0x0D | 0x10 | 0x20 | 0x21 | 0x22 | 0x41 => {
            uleb(b, &mut i);
            u32::from(opcode)
        }
        0x44 => {
            i += 8;
            u32::from(opcode)
        }
        0x2B | 0x39 => {
            uleb(b, &mut i);
            uleb(b, &mut i);
            u32::from(opcode)
        }
        0xFD => {
            let sub = uleb(b, &mut i);
            match sub {
                0x00 | 0x0B => {
                    uleb(b, &mut i);
                    uleb(b, &mut i);
                }
                0x0C => i += 16,
                _ => {}
            }
            0xFD00 + sub
        }
        _ => u32::from(opcode),
    };
    (i, code)
}

/// Every opcode of a body, in order, after its locals' declaration.
fn opcodes(body: &[u8]) -> Vec<u32> {
    let mut i = 0;
    for _ in 0..uleb(body, &mut i) {
        uleb(body, &mut i);
        i += 1;
    }
    let mut out = Vec::new();
    while i < body.len() {
        let (next, code) = step(body, i);
        out.push(code);
        i = next;
    }
    out
}

/// The position after the `end` that closes the block or loop whose body starts at `i`.
fn end_of(b: &[u8], mut i: usize) -> usize {
    let mut depth = 1;
    loop {
        let (next, code) = step(b, i);
        match code {
            0x02 | 0x03 => depth += 1,
            0x0B => depth -= 1,
            _ => {}
        }
        i = next;
        if depth == 0 {
            return i;
        }
    }
}

fn load<const N: usize>(mem: &[u8], at: usize) -> [u8; N] {
    mem[at..at + N].try_into().unwrap()
}

/// An `f64x2` lane-wise operation on the bits of two lanes.
fn lanes(a: [u64; 2], b: [u64; 2], op: impl Fn(f64, f64) -> f64) -> W {
    let l = |k: usize| op(f64::from_bits(a[k]), f64::from_bits(b[k])).to_bits();
    W::V([l(0), l(1)])
}

/// An `f64x2` comparison: all ones in each lane where it holds.
fn mask(a: [u64; 2], b: [u64; 2], cmp: impl Fn(f64, f64) -> bool) -> W {
    let l = |k: usize| {
        if cmp(f64::from_bits(a[k]), f64::from_bits(b[k])) {
            u64::MAX
        } else {
            0
        }
    };
    W::V([l(0), l(1)])
}

/// Runs body `k` of a module (a batch function) on its five `i32` parameters; `call`
/// runs the scalar bodies with the scalar machine of the emitter's tests.
fn run_batch(all: &[&[u8]], k: usize, params: [i32; 5], mem: &mut [u8]) {
    let body = all[k];
    let mut i = 0;
    let mut locals: Vec<W> = params.iter().map(|&p| W::I(p)).collect();
    for _ in 0..uleb(body, &mut i) {
        let n = uleb(body, &mut i) as usize;
        let zero = match body[i] {
            0x7B => W::V([0, 0]),
            0x7C => W::F(0.0),
            other => panic!("unexpected local type {other:#04x}"),
        };
        i += 1;
        locals.resize(locals.len() + n, zero);
    }
    // Open blocks and loops: (is a loop, where its body starts).
    let mut control: Vec<(bool, usize)> = Vec::new();
    let mut stack: Vec<W> = Vec::new();
    let pop = |stack: &mut Vec<W>| stack.pop().expect("an operand on the stack");
    loop {
        let at = i;
        let (next, code) = step(body, i);
        i = next;
        let mut imm = at + 1; // the immediates, for the instructions that read them
        match code {
            0x02 | 0x03 => control.push((code == 0x03, i)),
            0x0B => {
                if control.pop().is_none() {
                    assert!(stack.is_empty(), "nothing left on the stack");
                    assert_eq!(i, body.len(), "`end` is the last byte");
                    return;
                }
            }
            0x0C | 0x0D => {
                let depth = uleb(body, &mut imm) as usize;
                if code == 0x0C || pop(&mut stack).i() != 0 {
                    assert!(stack.is_empty(), "branches leave no operands");
                    let (is_loop, start) = control[control.len() - 1 - depth];
                    if is_loop {
                        control.truncate(control.len() - depth);
                        i = start;
                    } else {
                        control.truncate(control.len() - 1 - depth);
                        i = end_of(body, start);
                    }
                }
            }
            0x10 => {
                let callee = uleb(body, &mut imm) as usize;
                let (y, x) = (pop(&mut stack).f(), pop(&mut stack).f());
                stack.push(W::F(run(all[callee], x, y, mem)));
            }
            0x1A => {
                pop(&mut stack);
            }
            0x20 => stack.push(locals[uleb(body, &mut imm) as usize]),
            0x21 | 0x22 => {
                let l = uleb(body, &mut imm) as usize;
                let v = pop(&mut stack);
                locals[l] = v;
                if code == 0x22 {
                    stack.push(v);
                }
            }
            0x41 => stack.push(W::I(sleb(body, &mut imm))),
            0x44 => stack.push(W::F(f64::from_le_bytes(load(body, imm)))),
            0x2B | 0xFD00 => {
                if code == 0xFD00 {
                    uleb(body, &mut imm); // the SIMD opcode
                }
                uleb(body, &mut imm);
                let offset = uleb(body, &mut imm) as usize;
                let at = pop(&mut stack).i() as usize + offset;
                stack.push(if code == 0x2B {
                    W::F(f64::from_le_bytes(load(mem, at)))
                } else {
                    let l = |k: usize| u64::from_le_bytes(load(mem, at + 8 * k));
                    W::V([l(0), l(1)])
                });
            }
            0x39 | 0xFD0B => {
                if code == 0xFD0B {
                    uleb(body, &mut imm); // the SIMD opcode
                }
                uleb(body, &mut imm);
                let offset = uleb(body, &mut imm) as usize;
                let v = pop(&mut stack);
                let at = pop(&mut stack).i() as usize + offset;
                match v {
                    W::F(f) => mem[at..at + 8].copy_from_slice(&f.to_le_bytes()),
                    W::V([a, b]) => {
                        mem[at..at + 8].copy_from_slice(&a.to_le_bytes());
                        mem[at + 8..at + 16].copy_from_slice(&b.to_le_bytes());
                    }
                    W::I(_) => panic!("no i32 is stored"),
                }
            }
            0x45 => {
                let a = pop(&mut stack).i();
                stack.push(W::I(i32::from(a == 0)));
            }
            0x48 | 0x6A | 0x6B => {
                let (b, a) = (pop(&mut stack).i(), pop(&mut stack).i());
                stack.push(W::I(match code {
                    0x48 => i32::from(a < b),
                    0x6A => a.wrapping_add(b),
                    _ => a.wrapping_sub(b),
                }));
            }
            0xFD0C => {
                let l = |k: usize| u64::from_le_bytes(load(body, i - 16 + 8 * k));
                stack.push(W::V([l(0), l(1)]));
            }
            0xFDEC | 0xFDED | 0xFDEF => {
                let a = pop(&mut stack).v();
                stack.push(lanes(a, a, |p, _| match code {
                    0xFDEC => p.abs(),
                    0xFDED => -p,
                    _ => p.sqrt(),
                }));
            }
            0xFDF0 | 0xFDF2 | 0xFDF3 | 0xFD47 | 0xFD49 | 0xFD4A => {
                let (b, a) = (pop(&mut stack).v(), pop(&mut stack).v());
                stack.push(match code {
                    0xFDF0 => lanes(a, b, |p, q| p + q),
                    0xFDF2 => lanes(a, b, |p, q| p * q),
                    0xFDF3 => lanes(a, b, |p, q| p / q),
                    0xFD47 => mask(a, b, |p, q| p == q),
                    0xFD49 => mask(a, b, |p, q| p < q),
                    _ => mask(a, b, |p, q| p > q),
                });
            }
            0xFD52 => {
                let c = pop(&mut stack).v();
                let (b, a) = (pop(&mut stack).v(), pop(&mut stack).v());
                let l = |k: usize| (a[k] & c[k]) | (b[k] & !c[k]);
                stack.push(W::V([l(0), l(1)]));
            }
            other => panic!("unexpected opcode {other:#06x}"),
        }
    }
}

/// Same bits, or both NaN (wasm leaves a NaN's sign and payload open).
fn same_bits(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

/// Where the scalar gradient function stores the partials in the test memory.
const OUT: u32 = 16;

/// The value and partials of every point through the SIMD loops of `text`'s module,
/// compared to the bits of a scalar call at each point; the scalar loops of the module
/// without SIMD give the same bits too.
fn check_points(text: &str, vars: &[&str], points: &[[f64; 2]]) -> Result<(), TestCaseError> {
    let f = compile(text, vars).unwrap();
    let n = points.len();
    let (px, py, p1, p2) = (64, 64 + 8 * n, 64 + 16 * n, 64 + 24 * n);
    let py = if vars.len() == 1 { px } else { py };
    for simd in [true, false] {
        let m = emit(f.tape(), OUT, simd).unwrap_or_else(|| panic!("{text} compiles"));
        let b = bodies(&m);
        let mut mem = vec![0u8; 64 + 32 * n];
        for (i, p) in points.iter().enumerate() {
            mem[px + 8 * i..px + 8 * i + 8].copy_from_slice(&p[0].to_le_bytes());
            if vars.len() == 2 {
                mem[py + 8 * i..py + 8 * i + 8].copy_from_slice(&p[1].to_le_bytes());
            }
        }
        let params = |a: usize, b: usize| [px, py, a, b, n].map(|v| v as i32);
        run_batch(&b, 2, params(p1, p1), &mut mem);
        let values: Vec<f64> = (0..n)
            .map(|i| f64::from_le_bytes(load(&mem, p1 + 8 * i)))
            .collect();
        run_batch(&b, 3, params(p1, p2), &mut mem);
        let column = |c: usize, i: usize| f64::from_le_bytes(load(&mem, c + 8 * i));
        let got: Vec<[f64; 3]> = (0..n)
            .map(|i| [values[i], column(p1, i), column(p2, i)])
            .collect();
        for (i, p) in points.iter().enumerate() {
            let (x, y) = (p[0], if vars.len() == 1 { p[0] } else { p[1] });
            let mut scratch = vec![0u8; 64];
            let value = run(b[0], x, y, &mut scratch);
            run(b[1], x, y, &mut scratch);
            let partial = |l: usize| f64::from_le_bytes(load(&scratch, OUT as usize + 8 * l));
            let want = [value, partial(0), partial(1)];
            for (k, what) in ["value", "∂x", "∂y"]
                .into_iter()
                .enumerate()
                .take(1 + vars.len())
            {
                prop_assert!(
                    same_bits(got[i][k], want[k]),
                    "{text} (simd {simd}, {n} points) {what} at {i}: {p:?}: {} vs {}",
                    got[i][k],
                    want[k]
                );
            }
        }
    }
    Ok(())
}

/// `n` points: the extremes of the fuzz tests paired up, then an ordinary scatter.
fn points(n: usize) -> Vec<[f64; 2]> {
    let e = EXTREME_POINTS;
    (0..n)
        .map(|i| {
            let t = i as f64;
            if i < e.len() * e.len() {
                [e[i % e.len()], e[(i / e.len() + i) % e.len()]]
            } else {
                [3.0 * (t * 0.731).sin(), 3.0 * (t * 1.37).cos()]
            }
        })
        .collect()
}

/// Functions of every emitted kind: linear forms, powers, quotients, `sqrt`, `abs`,
/// `min`, `max`, constants.
const FUNCTIONS: [(&str, &[&str]); 12] = [
    ("(x-1)**2", &["x"]),
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
    (
        "abs(x) / sqrt(abs(y)) + max(-x, 0) * min(y, 2)",
        &["x", "y"],
    ),
];

#[test]
fn every_module_validates_and_its_loops_hold_f64x2_code() {
    let features = wasmparser::WasmFeatures::default();
    for (text, vars) in FUNCTIONS {
        let f = compile(text, vars).unwrap();
        for simd in [false, true] {
            let m = emit(f.tape(), OUT, simd).unwrap();
            let mut validator = wasmparser::Validator::new_with_features(features);
            validator
                .validate_all(&m)
                .unwrap_or_else(|e| panic!("{text} (simd {simd}): {e}"));
            let b = bodies(&m);
            for k in [2, 3] {
                let codes = opcodes(b[k]);
                let count = |c: u32| codes.iter().filter(|&&o| o == c).count();
                // v128.load of each variable and v128.store of each result, or none.
                let loads = if simd { vars.len() } else { 0 };
                assert_eq!(count(0xFD00), loads, "{text} body {k}");
                assert_eq!(count(0xFD0B) > 0, simd, "{text} body {k}");
                assert!(
                    codes.iter().all(|&c| c < 0xFD00 || simd),
                    "{text}: no SIMD without simd"
                );
            }
        }
    }
    // The notebook's function: its loops compute in f64x2 multiplications and additions.
    let f = compile("x^4 + y^4 - 2(x-y)^2", &["x", "y"]).unwrap();
    let m = emit(f.tape(), OUT, true).unwrap();
    let codes = opcodes(bodies(&m)[3]);
    for op in [0xFDF0, 0xFDF2] {
        assert!(
            codes.contains(&op),
            "f64x2 op {op:#06x} in the gradient loop"
        );
    }
}

#[test]
fn simd_loops_give_each_point_the_bits_of_a_scalar_call() {
    for (text, vars) in FUNCTIONS {
        for n in [0, 1, 2, 3, 4, 5, 8, 17, 300] {
            check_points(text, vars, &points(n)).unwrap();
        }
    }
}

#[test]
fn generated_functions_match_in_simd_loops_at_odd_and_even_counts() {
    let n = std::env::var("DESCENT_FUZZ_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(400usize);
    let mut rng = Pcg64Mcg::seed_from_u64(19);
    let mut tried = 0;
    for (i, vars) in [["x"].as_slice(), &["x", "y"]]
        .into_iter()
        .cycle()
        .take(n)
        .enumerate()
    {
        let shape = Shape {
            native_only: true,
            vars: vars.len(),
            ..Shape::default()
        };
        let text = random_function(&mut rng, &shape);
        if compile(&text, vars).is_err() {
            continue; // over the length limit
        }
        let count = 5 + 2 * (i % 4) + i % 2;
        let pts: Vec<[f64; 2]> = (0..count)
            .map(|_| {
                let p = random_point(&mut rng, 2);
                [p[0], p[1]]
            })
            .collect();
        check_points(&text, vars, &pts).unwrap();
        tried += 1;
    }
    let line = format!("fuzz simd loops = scalar calls: {tried} functions\n");
    let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
}
