//! Tests of typed functions compiled to WebAssembly at run time, in headless Chromium:
//! the compiled module agrees with the interpreter, and falls back where it must.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use descent::expr::{ExprObjective, compile};
use descent::lessons::gd_run;
use descent::{GradientMode, Objective};
use descent_web::{JitObjective, typed_backend, typed_objective};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Asserts `a` and `b` agree to 1e-12 relative (infinities and NaN with themselves).
fn close(a: f64, b: f64, what: &str) {
    let ok = a == b || (a.is_nan() && b.is_nan()) || (a - b).abs() <= 1e-12 * a.abs().max(b.abs());
    assert!(ok, "{what}: {a} vs {b}");
}

/// A small deterministic generator (xorshift64*), enough to vary points and formulas.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A random polynomial or rational expression of x and y (wasm-native operations only).
fn random_formula(r: &mut Rng, depth: u32) -> String {
    if depth == 0 || r.below(4) == 0 {
        return match r.below(4) {
            0 => "x".into(),
            1 => "y".into(),
            2 => format!("{}", r.below(7) as i64 - 3),
            _ => format!("{:.3}", r.uniform(-2.0, 2.0)),
        };
    }
    let a = random_formula(r, depth - 1);
    let b = random_formula(r, depth - 1);
    match r.below(8) {
        0 => format!("({a} + {b})"),
        1 => format!("({a} - {b})"),
        2 => format!("{a} * {b}"),
        3 => format!("{a} / ({b}^2 + 1)"),
        4 => format!("({a})^{}", r.below(9) as i64 - 3),
        5 => format!("sqrt({a}^2 + 1)"),
        6 => format!("max({a}, abs({b}))"),
        _ => format!("min({a}, {b})"),
    }
}

/// Checks the compiled `f` against the interpreter at many points.
fn check_against_interpreter(f: &ExprObjective, r: &mut Rng) {
    let jit = JitObjective::new(f).unwrap_or_else(|| panic!("{} compiles", f.text()));
    let dim = f.dim();
    for _ in 0..50 {
        let p = [r.uniform(-3.0, 3.0), r.uniform(-3.0, 3.0)];
        let p = &p[..dim];
        let (mut g, mut h) = ([0.0; 2], [0.0; 2]);
        let v = f.value_and_gradient(p, &mut g);
        close(jit.value(p), v, &format!("{} value at {p:?}", f.text()));
        close(jit.value_and_gradient(p, &mut h), v, "value with gradient");
        for i in 0..dim {
            close(h[i], g[i], &format!("{} ∂{i} at {p:?}", f.text()));
            close(jit.partial(p, i), g[i], "partial");
        }
        // Newton's Hessian is the tree's exact one.
        let (mut want, mut got) = ([0.0; 4], [0.0; 4]);
        f.hessian(p, &mut want[..dim * dim]);
        Objective::hessian(&jit, p, &mut got[..dim * dim]);
        assert_eq!(
            got.map(f64::to_bits),
            want.map(f64::to_bits),
            "{} Hessian at {p:?}",
            f.text()
        );
        assert!(jit.has_exact_hessian());
    }
}

#[wasm_bindgen_test]
fn notebook_functions_match_the_interpreter() {
    let mut r = Rng(7);
    for (text, vars) in [
        ("(x-1)**2", &["x"][..]),
        ("x**4 + y**4 - 2*(x-y)**2", &["x", "y"]),
        ("(x^2 + 100*y^2)/2", &["x", "y"]),
        ("100(y - x^2)^2 + (1 - x)^2", &["x", "y"]),
    ] {
        check_against_interpreter(&compile(text, vars).unwrap(), &mut r);
    }
}

#[wasm_bindgen_test]
fn random_rational_functions_match_the_interpreter() {
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..40 {
        let text = random_formula(&mut r, 4);
        let f = compile(&text, &["x", "y"]).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        check_against_interpreter(&f, &mut r);
    }
}

#[wasm_bindgen_test]
fn transcendental_functions_fall_back_to_the_interpreter() {
    for text in ["sin(x) + y^2", "exp(-x^2 - y^2)", "ln(1 + x^2) * y", "x^y"] {
        let f = compile(text, &["x", "y"]).unwrap();
        assert!(JitObjective::new(&f).is_none(), "{text}");
        let obj = typed_objective(f.clone());
        let mut g = [0.0; 2];
        obj.gradient(&[0.5, 1.5], &mut g);
        let mut want = [0.0; 2];
        f.value_and_gradient(&[0.5, 1.5], &mut want);
        assert_eq!((obj.value(&[0.5, 1.5]), g), (f.value(&[0.5, 1.5]), want));
    }
}

#[wasm_bindgen_test]
fn a_run_on_the_compiled_function_has_the_interpreters_history() {
    for (text, vars, start, mode) in [
        (
            "x**4 + y**4 - 2*(x-y)**2",
            &["x", "y"][..],
            vec![1.5, -0.5],
            GradientMode::Exact,
        ),
        (
            "x**4 + y**4 - 2*(x-y)**2",
            &["x", "y"],
            vec![-0.2, 0.9],
            GradientMode::Central { h: 1e-3 },
        ),
        (
            "(x-1)**2",
            &["x"],
            vec![3.0],
            GradientMode::Central { h: 1e-3 },
        ),
        (
            "abs(x)^3 / (1 + x^2) + min(x, 0)",
            &["x"],
            vec![2.0],
            GradientMode::Exact,
        ),
    ] {
        let f = compile(text, vars).unwrap();
        let jit: Rc<dyn Objective> = Rc::new(JitObjective::new(&f).unwrap());
        let interpreted: Rc<dyn Objective> = Rc::new(f);
        let mut a = gd_run(jit, start.clone(), 0.01, mode, 200).unwrap();
        let mut b = gd_run(interpreted, start, 0.01, mode, 200).unwrap();
        assert_eq!(a.finish(), b.finish(), "{text}");
        assert_eq!(a.history().points(), b.history().points(), "{text}");
        assert_eq!(a.history().values(), b.history().values(), "{text}");
        assert_eq!(a.history().gradients(), b.history().gradients(), "{text}");
    }
}

#[wasm_bindgen_test]
fn the_1d_lesson_runs_the_compiled_function_like_the_interpreter() {
    let text = "x^4 - 3x^2 + x";
    let config = js_sys::Object::new();
    for (k, v) in [
        ("x0", JsValue::from(2.0)),
        ("gamma", 0.01.into()),
        ("h", 1e-3.into()),
        ("steps", 100.0.into()),
        ("mode", "exact".into()),
        ("f", text.into()),
    ] {
        js_sys::Reflect::set(&config, &k.into(), &v).unwrap();
    }
    let mut handle = descent_web::Descent1D::new(config.into()).unwrap();
    handle.finish();
    let f: Rc<dyn Objective> = Rc::new(compile(text, &["x"]).unwrap());
    let mut core = gd_run(f, vec![2.0], 0.01, GradientMode::Exact, 100).unwrap();
    core.finish();
    assert_eq!(handle.xs().to_vec(), core.history().points());
    assert_eq!(handle.grads().to_vec(), core.history().gradients());
}

#[wasm_bindgen_test]
fn a_long_function_compiles_or_falls_back_and_agrees() {
    // Near the 1000-character limit: a module of several kilobytes.
    let text: Vec<String> = (1..=40)
        .map(|k| format!("(x-{}.5)^2*(y+{k})^3", k % 9))
        .collect();
    let f = compile(&text.join("+"), &["x", "y"]).unwrap();
    assert!(f.tape().len() > 100, "{} instructions", f.tape().len());
    let obj = typed_objective(f.clone());
    let (mut g, mut want) = ([0.0; 2], [0.0; 2]);
    for p in [[0.3, -0.2], [-1.5, 2.5]] {
        obj.gradient(&p, &mut g);
        let v = f.value_and_gradient(&p, &mut want);
        close(obj.value(&p), v, "value");
        close(g[0], want[0], "∂x");
        close(g[1], want[1], "∂y");
    }
}

/// Same value to the bit (every NaN equal), or same number (−0 equal to +0) for partials.
fn agree(got: f64, want: f64, bits: bool) -> bool {
    (got.is_nan() && want.is_nan())
        || if bits {
            got.to_bits() == want.to_bits()
        } else {
            got == want
        }
}

/// Checks the run-time compiled module of `f` against the tree's meaning at `p`: the value
/// to the bit, the partials as numbers.
fn check_against_tree(f: &ExprObjective, jit: &JitObjective, p: &[f64]) {
    let tree = descent::expr::evaluate::<2>(f.expr(), p);
    let text = f.text();
    let v = jit.value(p);
    assert!(
        agree(v, tree.v, true),
        "{text} at {p:?}: wasm {v:e}, tree {:e}",
        tree.v
    );
    let mut g = [0.0; 2];
    let v = jit.value_and_gradient(p, &mut g);
    assert!(
        agree(v, tree.v, true),
        "{text} at {p:?}: wasm {v:e} with gradient"
    );
    for (i, (&got, &want)) in g.iter().zip(&tree.d).enumerate().take(p.len()) {
        assert!(
            agree(got, want, false),
            "{text} at {p:?}: wasm ∂{i} {got:e}, tree {want:e}"
        );
    }
}

#[wasm_bindgen_test]
fn generated_functions_agree_with_the_tree_at_extreme_points() {
    use descent::expr::random::{EXTREME_POINTS, Shape, random_function, random_point};
    let mut rng = descent::rng::from_seed(11);
    let (mut functions, mut points) = (0, 0);
    for vars in [1, 2] {
        let shape = Shape {
            native_only: true,
            vars,
            ..Shape::default()
        };
        for _ in 0..150 {
            let text = random_function(&mut rng, &shape);
            let Ok(f) = compile(&text, &["x", "y"][..vars]) else {
                continue;
            };
            let jit = JitObjective::new(&f).unwrap_or_else(|| panic!("{text} compiles"));
            for _ in 0..12 {
                check_against_tree(&f, &jit, &random_point(&mut rng, vars));
                points += 1;
            }
            functions += 1;
        }
    }
    // Functions whose rewriting once changed a value at an extreme, on the extreme grid.
    for text in [
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
        "1e308 + x + 1e308 - y",
        "x^64 + y^-64 + x^0 + (x - y)^1",
    ] {
        let f = compile(text, &["x", "y"]).unwrap();
        let jit = JitObjective::new(&f).unwrap_or_else(|| panic!("{text} compiles"));
        for &x in &EXTREME_POINTS {
            for &y in &EXTREME_POINTS {
                check_against_tree(&f, &jit, &[x, y]);
                points += 1;
            }
        }
        functions += 1;
    }
    // How many cases were tried, in the browser console of the test page.
    web_sys::console::log_1(
        &format!("fuzz wasm JIT = tree: {functions} functions, {points} points").into(),
    );
    assert!(
        functions > 250 && points > 5000,
        "{functions} functions, {points} points"
    );
}

#[wasm_bindgen_test]
fn chromium_runs_typed_functions_compiled() {
    assert_eq!(typed_backend(), "compiled");
}
