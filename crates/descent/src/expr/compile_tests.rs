//! Tests of the compiler: fusion, constant folding, shared subexpressions.

use super::super::parser::parse;
use super::*;

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
