//! Fuzz-style property tests of the whole expression pipeline on generated functions
//! ([`super::random`]), at random and extreme points:
//! - the tape's value equals the tree's ([`evaluate`]) to the bit (NaN equal to NaN), and
//!   its partials equal the tree's as numbers (−0 equal to +0), with and without lanes;
//! - the emitted WebAssembly, run by the reference stack machine of the emitter's tests,
//!   gives the same numbers whenever the tape is native arithmetic;
//! - print → parse is the identity, and the canonical text is within the length limit;
//! - nothing panics.
//!
//! Each test prints how many functions and points it tried. `DESCENT_FUZZ_CASES=N` runs N
//! functions per test instead of the default (a few seconds in all on two shared cores).

use std::io::Write;

use rand::SeedableRng;
use rand_pcg::Pcg64Mcg;

use super::compile::compile as compile_tree;
use super::random::{Shape, hand_built, random_function, random_point};
use super::wasm_emit::emit;
use super::wasm_emit_tests::{bodies, run};
use super::*;

const XY: &[&str] = &["x", "y"];

/// Functions per test: `DESCENT_FUZZ_CASES`, or `default`.
fn cases(default: usize) -> usize {
    std::env::var("DESCENT_FUZZ_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// Prints a line past the test harness's output capture (straight to stderr, not through
/// `eprintln!`), so that it shows in the output of `cargo test`.
fn report(what: &str, cases: &str) {
    // One write, so that the line is not interleaved with the harness's own output.
    let line = format!("fuzz {what}: {cases}\n");
    let _ = std::io::stderr().write_all(line.as_bytes());
}

/// Same value to the bit, counting every NaN as equal.
fn same_bits(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

/// Same number, counting −0 equal to +0 and every NaN as equal.
fn same_number(a: f64, b: f64) -> bool {
    a == b || (a.is_nan() && b.is_nan())
}

/// Checks the tape of `text` against the tree at `p`; returns a description of the first
/// difference.
fn tape_against_tree(f: &ExprObjective, p: &[f64]) -> Result<(), String> {
    let tree = evaluate::<2>(f.expr(), p);
    let value_only = f.tape().evaluate::<0>(p).v;
    let mut g = [0.0; 2];
    let v = f.value_and_gradient(p, &mut g);
    let text = f.text();
    if !same_bits(value_only, tree.v) || !same_bits(v, tree.v) {
        return Err(format!(
            "{text} at {p:?}: tape {value_only:e} / {v:e}, tree {:e}",
            tree.v
        ));
    }
    for (i, (&got, &want)) in g.iter().zip(&tree.d).enumerate().take(p.len()) {
        if !same_number(got, want) {
            return Err(format!("{text} at {p:?}: ∂{i} tape {got:e}, tree {want:e}"));
        }
    }
    Ok(())
}

/// Checks the emitted module of `f` (when it has one) against the tree at `p`; returns
/// whether a module was emitted.
fn wasm_against_tree(f: &ExprObjective, p: &[f64]) -> Result<bool, String> {
    let out = 16;
    let Some(m) = emit(f.tape(), out, true) else {
        return Ok(false);
    };
    let b = bodies(&m);
    let tree = evaluate::<2>(f.expr(), p);
    let (x, y) = (p[0], p.get(1).copied().unwrap_or(0.0));
    let mut mem = vec![0u8; 48];
    let v0 = run(b[0], x, y, &mut mem);
    let v = run(b[1], x, y, &mut mem);
    let text = f.text();
    if !same_bits(v0, tree.v) || !same_bits(v, tree.v) {
        return Err(format!(
            "{text} at {p:?}: wasm {v0:e} / {v:e}, tree {:e}",
            tree.v
        ));
    }
    for i in 0..p.len() {
        let at = out as usize + 8 * i;
        let got = f64::from_le_bytes(mem[at..at + 8].try_into().unwrap_or([0; 8]));
        if !same_number(got, tree.d[i]) {
            return Err(format!(
                "{text} at {p:?}: wasm ∂{i} {got:e}, tree {:e}",
                tree.d[i]
            ));
        }
    }
    Ok(true)
}

/// Runs `check` on `n` generated functions of `shape` at `points` points each; returns
/// the number of points checked.
fn sweep(
    seed: u64,
    n: usize,
    shape: Shape,
    points: usize,
    mut check: impl FnMut(&ExprObjective, &[f64]) -> Result<(), String>,
) -> usize {
    let mut rng = Pcg64Mcg::seed_from_u64(seed);
    let vars = &XY[..shape.vars];
    let mut tried = 0;
    for _ in 0..n {
        let text = random_function(&mut rng, &shape);
        let f = match compile(&text, vars) {
            Ok(f) => f,
            Err(e) => {
                assert!(text.chars().count() > MAX_LEN, "{text}: {e}");
                continue;
            }
        };
        for _ in 0..points {
            let p = random_point(&mut rng, shape.vars);
            if let Err(msg) = check(&f, &p) {
                panic!("typed {text:?}: {msg}");
            }
            tried += 1;
        }
    }
    tried
}

#[test]
fn fuzz_tape_equals_tree_at_random_and_extreme_points() {
    let n = cases(1500);
    let mut points = 0;
    for (seed, vars) in [(1, 2), (2, 1)] {
        let shape = Shape {
            vars,
            ..Shape::default()
        };
        points += sweep(seed, n / 2, shape, 8, tape_against_tree);
    }
    report("tape = tree", &format!("{n} functions, {points} points"));
}

#[test]
fn fuzz_wasm_equals_tree_at_random_and_extreme_points() {
    let n = cases(1000);
    let shape = Shape {
        native_only: true,
        ..Shape::default()
    };
    let mut emitted = 0;
    let points = sweep(3, n, shape, 6, |f, p| {
        emitted += usize::from(wasm_against_tree(f, p)?);
        Ok(())
    });
    assert_eq!(
        emitted, points,
        "every native-only function compiles to wasm"
    );
    report("wasm = tree", &format!("{n} functions, {points} points"));
}

#[test]
fn fuzz_print_parse_is_the_identity() {
    let n = cases(3000);
    let mut rng = Pcg64Mcg::seed_from_u64(4);
    for _ in 0..n {
        let text = random_function(&mut rng, &Shape::default());
        let Ok(e) = parse(&text, XY) else {
            continue;
        };
        let printed = print(&e, XY);
        assert!(
            printed.chars().count() <= MAX_LEN,
            "{text} prints {printed}"
        );
        let back = parse(&printed, XY).unwrap_or_else(|err| panic!("{printed}: {err}"));
        assert_eq!(back, e, "{text} printed as {printed}");
    }
    report("print → parse", &format!("{n} functions"));
}

/// Functions whose rewriting once changed a value at an extreme, on the grid of extreme
/// points: tape and wasm equal the tree.
#[test]
fn known_hard_functions_agree_on_the_extreme_grid() {
    use super::random::EXTREME_POINTS;
    let texts = [
        "x/1e-320",
        "-y+y+y",
        "1/(-x)",
        "1/(-(x - y))",
        "x/3 - y/4",
        "(x + 1) + 2 + y",
        "3*(0.1*x) - 2*(-y)",
        "1e-200*(1e200*x)",
        "(0.1*x - 0.3*y + 0.7)^3 + (2x)^-3",
        "min(x, 1/y) + max(-x, y^2)",
        "sqrt(abs(x)) / (y - 1)^2",
        "1e308 + x + 1e308 - y",
        "x^64 + y^-64 + x^0 + (x - y)^1",
    ];
    let mut points = 0;
    for text in texts {
        let f = compile(text, XY).unwrap();
        for &x in &EXTREME_POINTS {
            for &y in &EXTREME_POINTS {
                tape_against_tree(&f, &[x, y]).unwrap();
                assert!(wasm_against_tree(&f, &[x, y]).unwrap(), "{text} emits wasm");
                points += 1;
            }
        }
    }
    report(
        "known hard functions",
        &format!("{} functions, {points} points", texts.len()),
    );
}

/// Generated functions with random edits (characters deleted, inserted, repeated, cut):
/// parsing never panics, an error points inside the text (or just past it), and whatever
/// parses also compiles, evaluates and prints back to itself.
#[test]
fn fuzz_mangled_text_never_panics() {
    use rand::Rng;
    const INSERTS: [&str; 16] = [
        "(", ")", "^", "**", "-", "+", "*", "/", ",", "e", "1e", ".", "x", "sin", "é", "\u{0}",
    ];
    let n = cases(3000);
    let mut rng = Pcg64Mcg::seed_from_u64(5);
    let (mut parsed, mut rejected) = (0, 0);
    for _ in 0..n {
        let mut chars: Vec<char> = random_function(&mut rng, &Shape::default())
            .chars()
            .collect();
        for _ in 0..rng.random_range(1..=4) {
            let at = rng.random_range(0..=chars.len());
            match rng.random_range(0..4) {
                0 if at < chars.len() => {
                    chars.remove(at);
                }
                1 => {
                    let s = INSERTS[rng.random_range(0..INSERTS.len())];
                    chars.splice(at..at, s.chars());
                }
                2 => {
                    let copy: Vec<char> = chars[at..].to_vec();
                    chars.extend(copy.iter().cycle().take(rng.random_range(0..1200)));
                }
                _ => chars.truncate(at),
            }
        }
        let text: String = chars.iter().collect();
        match compile(&text, XY) {
            Ok(f) => {
                let p = random_point(&mut rng, 2);
                tape_against_tree(&f, &p).unwrap_or_else(|m| panic!("{text:?}: {m}"));
                let back = parse(&f.text(), XY).unwrap_or_else(|e| panic!("{text:?}: {e}"));
                assert_eq!(&back, f.expr(), "{text:?}");
                parsed += 1;
            }
            Err(e) => {
                let len = chars.len();
                assert!(
                    e.column >= 1 && e.column <= len.max(MAX_LEN) + 1,
                    "{text:?}: {e:?}"
                );
                assert!(!e.to_string().is_empty());
                rejected += 1;
            }
        }
    }
    report(
        "mangled text",
        &format!("{n} texts ({parsed} parsed, {rejected} rejected with a column)"),
    );
}

#[test]
fn fuzz_hand_built_trees_never_panic_and_the_tape_agrees_with_the_tree() {
    let n = cases(3000);
    let mut rng = Pcg64Mcg::seed_from_u64(22);
    let points: [&[f64]; 4] = [
        &[0.5, -2.0],
        &[0.0, -0.0],
        &[f64::NAN, 1.0],
        &[1e300, -1e-300],
    ];
    let mut emitted = 0;
    for _ in 0..n {
        let e = hand_built(&mut rng, 5);
        let _ = (mathml(&e, XY), print(&e, XY));
        let tape = compile_tree(&e, 2);
        emitted += usize::from(emit(&tape, 16, true).is_some());
        for p in points {
            let tree = evaluate::<2>(&e, p);
            let _ = evaluate::<0>(&e, p);
            let taped = tape.evaluate::<2>(p);
            assert!(
                same_bits(taped.v, tree.v),
                "{e:?} at {p:?}: tape {:e}, tree {:e}",
                taped.v,
                tree.v
            );
        }
    }
    // A square root with no argument reads its argument as NaN.
    let bare = Expr::Call(Func::Sqrt, vec![]);
    assert!(evaluate::<1>(&bare, &[1.0]).v.is_nan());
    assert!(compile_tree(&bare, 1).evaluate::<1>(&[1.0]).v.is_nan());
    assert!(mathml(&bare, &["x"]).contains("<msqrt>"));
    report(
        "hand-built trees",
        &format!(
            "{n} trees at {} points ({emitted} emitted as wasm)",
            points.len()
        ),
    );
}
