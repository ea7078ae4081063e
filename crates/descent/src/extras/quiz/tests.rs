//! Tests of the quiz: the next-iterate tolerance, the four behaviours, the neuron's line.

use std::rc::Rc;

use super::*;
use crate::lessons::{Config1D, notebook_1d_run};
use crate::neuron::presets;
use crate::objective::notebook_1d;
use crate::optim::OptimSpec;

fn classify(gamma: f64, x0: f64) -> Reveal {
    let gd = OptimSpec::new("gd", &[("lr".to_string(), gamma)].into_iter().collect()).unwrap();
    let t = Config1D::default()
        .build(Rc::new(notebook_1d()))
        .unwrap()
        .config()
        .clone();
    behaviour(Rc::new(notebook_1d()), &gd, &t, &[x0], "converge").unwrap()
}

#[test]
fn the_parabola_settles_below_half_overshoots_below_one_swings_at_one_and_diverges_above() {
    // x − 1 is multiplied by 1 − 2γ each step.
    assert_eq!(classify(0.01, 3.0).choice, "converge");
    assert_eq!(classify(0.4, 3.0).choice, "converge");
    assert_eq!(classify(0.7, 3.0).choice, "overshoot");
    // γ = 0.75 turns back every step and converges: one outcome, overshoot, not two.
    let r = classify(0.75, 3.0);
    assert_eq!(r.choice, "overshoot");
    assert!(r.lines[0].contains("the steps shrank"), "{:?}", r.lines);
    assert_eq!(
        r.lines[1],
        "It settles, overshooting; you said it settles steadily: not this time."
    );
    assert_eq!(classify(1.0, 3.0).choice, "oscillate");
    assert!(classify(1.0, 3.0).lines[0].contains("did not shrink"));
    assert_eq!(classify(1.01, 3.0).choice, "diverge");
    assert_eq!(classify(1.5, 3.0).choice, "diverge");
    let r = classify(0.01, 3.0);
    assert!(r.right);
    assert!(r.lines[0].contains("kept their direction"), "{:?}", r.lines);
    assert!(!classify(1.5, 3.0).right);
    let still = classify(0.7, 1.0);
    assert_eq!(still.choice, "converge", "at the minimum nothing moves");
    assert_eq!(
        still.lines[0],
        "Run ahead from 1: it does not move, the gradient there is 0."
    );
    assert!(!still.lines[0].contains("out of 0"));
    for gamma in [0.01, 0.4, 0.5, 0.7, 1.0, 1.5] {
        for x0 in [1.0, 1.5, 3.0] {
            let r = classify(gamma, x0);
            assert!(
                !r.lines[0].contains("out of 0"),
                "{gamma} {x0}: {:?}",
                r.lines
            );
        }
    }
    assert!(Behaviour::parse("sideways").is_err());
}

#[test]
fn a_guess_of_the_next_iterate_is_judged_against_the_run() {
    let mut run = notebook_1d_run(3.0, 0.01, 1e-3, 5).unwrap();
    run.finish();
    let h = run.history();
    let lines = step_1d(h, 0, 0.01);
    assert_eq!(lines, ["x_1 = x_0 − γ·f′(x_0) = 3 − 0.01·4 = 2.96"]);
    let near = next_iterate(h, 0, &[2.97], 5.0, lines.clone()).unwrap();
    assert!(near.right);
    assert_eq!(near.answer, [h.point(1)[0]]);
    assert!(
        near.lines[1].starts_with("Your guess 2.97 is 0.01 away from x_1 = 2.96: right"),
        "{:?}",
        near.lines
    );
    let far = next_iterate(h, 0, &[1.0], 5.0, lines.clone()).unwrap();
    assert!(!far.right);
    assert!(
        far.lines[1].contains("not close enough (within 0.02 counts)"),
        "{:?}",
        far.lines
    );
    // "No step": a guess of x_0 is never right, nor is one as far on the other side.
    for (guess, right) in [(3.0, false), (2.92, false), (2.975, true), (2.945, true)] {
        let r = next_iterate(h, 0, &[guess], 5.0, lines.clone()).unwrap();
        assert_eq!(r.right, right, "guess {guess}: {:?}", r.lines);
    }
    // The tolerance scales with the step, below it, and a still run is judged on the span.
    assert_eq!(tolerance(0.04, 5.0), 0.02);
    assert_eq!(tolerance(4.0, 5.0), 1.0);
    assert_eq!(tolerance(0.0, 5.0), 0.15);
    for step in [1e-9, 1e-3, 0.1, 1.0, 10.0] {
        assert!(tolerance(step, 5.0) < step);
    }
    assert!(next_iterate(h, 5, &[1.0], 5.0, Vec::new()).is_none());
    assert!(next_iterate(h, 0, &[1.0, 2.0], 5.0, Vec::new()).is_none());
}

#[test]
fn the_neurons_first_sample_raises_its_output() {
    // The notebook's first sample is (1, 1) with target 1; a = σ(−0.488) < 1.
    let t = presets::notebook_trainer();
    let r = line_move(&t, "rises").unwrap();
    assert!(r.right);
    assert_eq!(r.choice, "rises");
    assert!(
        r.lines[0].starts_with("sample x = (1, 1), target y = 1: z = -0.488433"),
        "{:?}",
        r.lines
    );
    assert!(r.lines[3].ends_with("its output rises."), "{:?}", r.lines);
    assert!(!line_move(&t, "falls").unwrap().right);
    let mut t = presets::notebook_trainer();
    t.step_sample();
    // Then (1, 0) with target 0: the output must fall.
    assert_eq!(line_move(&t, "rises").unwrap().choice, "falls");
}
