//! Tests of the compiler: fusion, constant folding, shared subexpressions.

use super::super::parser::parse;
use super::*;
use crate::tape::Instr;

const XY: &[&str] = &["x", "y"];

fn tape(s: &str) -> Tape {
    compile(&parse(s, XY).unwrap(), 2)
}

#[test]
fn notebook_2d_is_four_fused_instructions() {
    let t = tape("x**4 + y**4 - 2*(x-y)**2");
    assert_eq!(
        t.instructions(),
        &[
            Instr::Pow4(0),
            Instr::Pow4(1),
            Instr::PowLin2 {
                a: 0,
                ca: 1.0,
                b: 1,
                cb: -1.0,
                k: 0.0,
                n: 2
            },
            Instr::Lin3 {
                a: 2,
                ca: 1.0,
                b: 3,
                cb: 1.0,
                c: 4,
                cc: -2.0,
                k: 0.0
            },
        ]
    );
    assert!(t.consts.is_empty());
}

#[test]
fn constants_fold_and_subexpressions_are_shared() {
    let t = tape("2*pi*x + sin(x*y) + cos(y*x) + sqrt(4)");
    // x*y once, sin, cos and one fused sum.
    assert_eq!(t.len(), 4);
    let t = tape("2^3 + ln(e)");
    assert!(t.is_empty());
    let v = t.evaluate::<0>(&[0.0, 0.0]).v;
    assert_eq!(v, 9.0);
    assert_eq!(tape("x").result, 0);
}

#[test]
fn powers_become_multiplications() {
    assert_eq!(tape("x^2").instructions(), &[Instr::Square(0)]);
    assert_eq!(tape("x^3").instructions(), &[Instr::Cube(0)]);
    assert_eq!(tape("x^-2").instructions(), &[Instr::Powi(0, -2)]);
    assert_eq!(tape("x^0.5").instructions(), &[Instr::Powf(0, 0.5)]);
    assert_eq!(tape("x^y").instructions(), &[Instr::Pow(0, 1)]);
    assert_eq!(tape("x^1").instructions(), &[]);
    assert_eq!(tape("3/x").instructions(), &[Instr::Recip(0, 3.0)]);
}

#[test]
fn long_sums_are_split_into_three_term_combinations() {
    let text = "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)";
    let t = tape(text);
    let (x, y) = (-5.12f64, 0.3f64);
    let tau = 2.0 * std::f64::consts::PI;
    let expect = 20.0 + x * x - 10.0 * (tau * x).cos() + y * y - 10.0 * (tau * y).cos();
    assert!((t.evaluate::<0>(&[x, y]).v - expect).abs() < 1e-12);
    let long = (1..=9)
        .map(|i| format!("{i}*x^{i}"))
        .collect::<Vec<_>>()
        .join(" + ");
    let r = tape(&long).evaluate::<1>(&[1.0, 0.0]);
    assert_eq!((r.v, r.d[0]), (45.0, (1..=9).map(|i| (i * i) as f64).sum()));
}

#[test]
fn shared_linear_terms_are_not_inlined_twice() {
    // (x - y) is used twice: it stays one instruction.
    let t = tape("(x - y)^2 + 3*(x - y)");
    let r = t.evaluate::<2>(&[2.0, 0.5]);
    assert_eq!(r.v, 1.5 * 1.5 + 4.5);
    assert_eq!(r.d, [2.0 * 1.5 + 3.0, -(2.0 * 1.5 + 3.0)]);
}

/// The tape's value and gradient of `text` at `p`, checked against the tree's to the bit
/// (value) and as numbers (partials), then returned.
fn exact(text: &str, p: [f64; 2]) -> (f64, [f64; 2]) {
    let e = parse(text, XY).unwrap();
    let t = compile(&e, 2);
    let tree = crate::evaluate::<2>(&e, &p);
    let got = t.evaluate::<2>(&p);
    assert!(
        got.v.to_bits() == tree.v.to_bits() || (got.v.is_nan() && tree.v.is_nan()),
        "{text} at {p:?}: tape {} vs tree {}",
        got.v,
        tree.v
    );
    for i in 0..2 {
        let (a, b) = (got.d[i], tree.d[i]);
        assert!(
            a == b || (a.is_nan() && b.is_nan()),
            "{text} ∂{i}: {a} vs {b}"
        );
    }
    (got.v, got.d)
}

#[test]
fn rewrites_keep_every_value_at_the_extremes() {
    // Division by a constant is not multiplication by its reciprocal (1/1e-320 = ∞).
    assert_eq!(exact("x/1e-320", [0.0, 0.0]).0, 0.0);
    assert_eq!(exact("x/3", [5.0, 0.0]).0, 5.0 / 3.0);
    // …except by a power of two, where it is exact and fused.
    assert_eq!(tape("x/4 + y").len(), 1);
    assert_eq!(exact("x/4 + y", [1e-310, 1.0]).0, 1e-310 / 4.0 + 1.0);
    // Sums are summed left to right, as written.
    assert_eq!(exact("-y+y+y", [0.0, -1e308]).0, -1e308);
    assert_eq!(
        exact("(x + 1) + 2", [2f64.powi(53), 0.0]).0,
        2f64.powi(53) + 2.0
    );
    assert_eq!(
        exact("y + (x + 1e308) + 1e308", [1e308, -1e308]).0,
        f64::INFINITY
    );
    // Negation keeps the sign of zero: 1/(−0) = −∞.
    assert_eq!(exact("1/(-x)", [0.0, 0.0]).0, f64::NEG_INFINITY);
    assert_eq!(exact("1/(-(x - y))", [2.0, 2.0]).0, f64::NEG_INFINITY);
    assert_eq!(exact("1/(0 - x)", [0.0, 0.0]).0, f64::INFINITY);
    assert_eq!(exact("1/(-x + y)", [0.0, -0.0]).0, f64::NEG_INFINITY);
    // Scalings compose only when exact.
    assert_eq!(exact("3*(0.1*x)", [1.0, 0.0]).0, 3.0 * 0.1);
    assert_eq!(exact("1e-200*(1e200*x)", [1e300, 0.0]).0, f64::INFINITY);
    assert_eq!(exact("-(2*(-x))", [0.0, 0.0]).0.to_bits(), 0);
    assert_eq!(exact("-(2*x)", [0.0, 0.0]).0.to_bits(), (-0.0f64).to_bits());
    // Powers of a linear form: the tangent of the form first, as the tree does.
    let (v, d) = exact("(0.1*x - 0.3*y + 0.7)^3", [0.3, 0.7]);
    assert!(v.is_finite() && d[0].is_finite());
    // x^0 is 1, and its slope carries an infinite tangent as the tree does (NaN).
    assert!(exact("ln(x)^0", [0.0, 0.0]).1[0].is_nan());
    // min and max pass on the picked argument's tangent alone.
    assert_eq!(exact("min(x, ln(y))", [1.0, 0.0]).1, [0.0, f64::INFINITY]);
    assert_eq!(exact("max(x, ln(y))", [1.0, 0.0]).1, [1.0, 0.0]);
}
