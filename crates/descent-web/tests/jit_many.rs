//! Tests of the compiled modules' loops over many points, in headless Chromium: one call
//! for a whole batch gives each point's scalar numbers, bit for bit, and the SIMD loops
//! give the scalar loops' bits, for the catalogue and generated functions.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use std::collections::BTreeMap;

use descent::Objective;
use descent::basin::{BasinMap, BasinSettings};
use descent::catalogue;
use descent::expr::random::{Shape, random_function, random_point};
use descent::expr::{ExprObjective, compile};
use descent::field::ViewBox;
use descent::optim::OptimSpec;
use descent::run::RunConfig;
use descent_web::{JitObjective, typed_objective};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Same bits, or both NaN.
fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

/// `n` points spread over [−4, 4]², with a few special values.
fn points(n: usize) -> (Vec<f64>, Vec<f64>) {
    let special = [0.0, -0.0, 1e300, -1e-300, f64::INFINITY, f64::NAN];
    (0..n)
        .map(|i| {
            let t = i as f64;
            let x = special
                .get(i % 97)
                .copied()
                .filter(|_| i < 97 * 6)
                .unwrap_or(4.0 * (t * 0.731).sin());
            (x, 4.0 * (t * 1.37).cos())
        })
        .unzip()
}

fn check(text: &str, vars: &[&str]) {
    let f = compile(text, vars).unwrap();
    let jit = JitObjective::new(&f).unwrap_or_else(|| panic!("{text} compiles"));
    for n in [0, 1, 2, 7, 256, 1000] {
        let (xs, ys) = points(n);
        let cols: Vec<&[f64]> = if vars.len() == 2 {
            vec![&xs, &ys]
        } else {
            vec![&xs]
        };
        let mut values = vec![0.5; n];
        jit.value_many(&cols, &mut values);
        let (mut gx, mut gy) = (vec![0.5; n], vec![0.5; n]);
        {
            let mut g: Vec<&mut [f64]> = if vars.len() == 2 {
                vec![&mut gx, &mut gy]
            } else {
                vec![&mut gx]
            };
            jit.gradient_many(&cols, &mut g);
        }
        for i in 0..n {
            let p: Vec<f64> = cols.iter().map(|c| c[i]).collect();
            let mut g = [0.0; 2];
            let v = jit.value_and_gradient(&p, &mut g);
            assert!(
                same(values[i], v),
                "{text} value at {p:?}: {} vs {v}",
                values[i]
            );
            assert!(
                same(gx[i], g[0]),
                "{text} ∂x at {p:?}: {} vs {}",
                gx[i],
                g[0]
            );
            if vars.len() == 2 {
                assert!(
                    same(gy[i], g[1]),
                    "{text} ∂y at {p:?}: {} vs {}",
                    gy[i],
                    g[1]
                );
            }
        }
    }
}

#[wasm_bindgen_test]
fn batches_equal_scalar_calls() {
    check("x^4 + y^4 - 2(x-y)^2", &["x", "y"]);
    check("(x-1)^2", &["x"]);
    check(
        "abs(x) + sqrt(x^2 + y^2 + 1) / (y^2 + 1) + min(x, y) * max(x, 2)",
        &["x", "y"],
    );
    check("100(y - x^2)^2 + (1 - x)^2", &["x", "y"]);
}

/// Value and gradient columns of `jit`'s loops over `cols`.
fn loops(jit: &JitObjective, cols: &[&[f64]]) -> [Vec<u64>; 3] {
    let n = cols[0].len();
    let mut values = vec![0.5; n];
    jit.value_many(cols, &mut values);
    let (mut gx, mut gy) = (vec![0.5; n], vec![0.5; n]);
    {
        let mut g: Vec<&mut [f64]> = if cols.len() == 2 {
            vec![&mut gx, &mut gy]
        } else {
            vec![&mut gx]
        };
        jit.gradient_many(cols, &mut g);
    }
    // Every NaN as one pattern: wasm leaves a NaN's sign and payload open.
    let bits = |v: Vec<f64>| {
        v.into_iter()
            .map(|w| if w.is_nan() { u64::MAX } else { w.to_bits() })
            .collect()
    };
    [bits(values), bits(gx), bits(gy)]
}

/// The SIMD loops of `f` give the scalar loops' bits on `n` points, for each `n`; false
/// if `f` does not compile.
fn simd_equals_scalar(f: &ExprObjective, extra: &[[f64; 2]]) -> bool {
    let Some(simd) = JitObjective::with_loops(f, true) else {
        return false;
    };
    let scalar = JitObjective::with_loops(f, false).expect("the scalar module too");
    assert!(simd.simd() && !scalar.simd(), "{}", f.text());
    for n in [1, 2, 3, 7, 256, 1001] {
        let (mut xs, mut ys) = points(n);
        for (k, p) in extra.iter().enumerate().take(n) {
            (xs[k], ys[k]) = (p[0], p[1]);
        }
        let cols: Vec<&[f64]> = [&xs[..], &ys[..]][..f.dim()].to_vec();
        assert_eq!(
            loops(&simd, &cols),
            loops(&scalar, &cols),
            "{} on {n} points",
            f.text()
        );
    }
    true
}

#[wasm_bindgen_test]
fn simd_loops_equal_scalar_loops_on_the_catalogue() {
    let mut compiled = 0;
    for entry in catalogue::all() {
        let vars: &[&str] = if entry.dim == 1 { &["x"] } else { &["x", "y"] };
        let f = compile(&entry.default_formula(), vars).unwrap();
        compiled += usize::from(simd_equals_scalar(&f, &[]));
    }
    // The polynomials and rational functions (the rest are transcendental).
    assert!(compiled >= 10, "{compiled} catalogue entries compiled");
}

#[wasm_bindgen_test]
fn simd_loops_equal_scalar_loops_on_generated_functions() {
    use rand::SeedableRng;
    let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(5);
    for i in 0..60 {
        let shape = Shape {
            native_only: true,
            vars: 1 + i % 2,
            ..Shape::default()
        };
        let vars = &["x", "y"][..shape.vars];
        let Ok(f) = compile(&random_function(&mut rng, &shape), vars) else {
            continue;
        };
        let extra: Vec<[f64; 2]> = (0..16)
            .map(|_| {
                let p = random_point(&mut rng, 2);
                [p[0], p[1]]
            })
            .collect();
        assert!(simd_equals_scalar(&f, &extra), "{}", f.text());
    }
}

#[wasm_bindgen_test]
fn short_columns_fall_back_to_point_by_point() {
    let f = compile("x*y + x", &["x", "y"]).unwrap();
    let jit = JitObjective::new(&f).unwrap();
    let xs = [1.0, 2.0, 3.0];
    let ys = [4.0, 5.0];
    let mut out = [0.0; 2];
    jit.value_many(&[&xs, &ys], &mut out);
    assert_eq!(out, [5.0, 12.0]);
}

/// A 48 × 48 basin map of `f` by gradient descent, 300 steps, over [−3, 3]².
fn basin(f: Rc<dyn Objective>) -> BasinMap {
    let lr = BTreeMap::from([("lr".to_string(), 0.01)]);
    let settings = BasinSettings {
        optimizer: OptimSpec::new("gd", &lr).unwrap(),
        template: RunConfig::new(vec![0.0, 0.0], 300),
        view: ViewBox::new(-3.0, 3.0, -3.0, 3.0).unwrap(),
        nx: 48,
        ny: 48,
        grad_tol: 1e-6,
        tol: 1e-2,
    };
    let mut map = BasinMap::new(f, settings).unwrap();
    map.finish();
    map
}

#[wasm_bindgen_test]
fn a_basin_map_of_the_compiled_function_equals_the_interpreters() {
    let text = "x^4 + y^4 - 2(x-y)^2";
    let interpreted = basin(Rc::new(compile(text, &["x", "y"]).unwrap()));
    let compiled = basin(typed_objective(compile(text, &["x", "y"]).unwrap()));
    assert_eq!(interpreted.labels(), compiled.labels());
    let bits = |m: &BasinMap| m.ends().iter().map(|v| v.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&interpreted), bits(&compiled));
    assert!(
        interpreted.labels().iter().any(|&l| l >= 0),
        "some cells converge"
    );
}
