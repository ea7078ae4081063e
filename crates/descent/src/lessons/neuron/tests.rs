//! Native checks of the neuron lesson: the notebook's numbers, the gates, XOR.

use proptest::prelude::*;

use super::presets::{self, NOTEBOOK_PREDICTIONS};
use super::*;
use crate::run::Status;

fn rounded(t: &Trainer) -> Vec<f64> {
    t.predictions().iter().map(|a| a.round()).collect()
}

fn seeded(gate: &str, hidden: f64, seed: f64) -> Trainer {
    NeuronConfig {
        gate: gate.into(),
        hidden,
        seed,
        init: "seeded".into(),
        ..NeuronConfig::default()
    }
    .build()
    .unwrap()
}

#[test]
fn first_sample_update_equals_the_hand_computed_value() {
    // By hand from In[25]: z = b + w₀ + w₁ = −0.48843307 (In[26]), a = 1/(1 + e^0.48843307)
    // = 0.380262765728808, δ = (a − 1)·a(1 − a) = −0.146049132573470, and with lr = 0.5:
    // b = −0.57089547 + 0.5·0.146049132573470, wⱼ += 0.5·0.146049132573470.
    let mut t = presets::notebook_trainer();
    assert_eq!(t.next_sample(), Some(0));
    t.step_sample();
    let s = t.last_step().unwrap();
    assert_eq!((s.epoch, s.sample), (0, 0));
    assert!((s.output.z + 0.48843307).abs() < 1e-12);
    assert!((s.output.a - 0.380262765728808).abs() < 1e-12);
    assert!((s.output.dact - 0.380262765728808 * 0.619737234271192).abs() < 1e-12);
    assert!((s.error + 0.619737234271192).abs() < 1e-12);
    assert!((s.output.delta + 0.146049132573470).abs() < 1e-12);
    assert!((s.cost - 0.192037119771053).abs() < 1e-12);
    assert!((s.db - 0.073024566286735).abs() < 1e-12);
    assert!(s.dw.iter().all(|d| (d - 0.073024566286735).abs() < 1e-12));
    let p = t.model().params();
    assert!((p[0] + 0.497870903713265).abs() < 1e-12);
    assert!((p[1] + 0.364557213713265).abs() < 1e-12);
    assert!((p[2] - 0.593068746286735).abs() < 1e-12);
    assert_eq!((t.position(), t.epoch(), t.next_sample()), (1, 0, Some(1)));
}

#[test]
fn notebook_preset_reproduces_in34_and_in35() {
    let mut t = presets::notebook_trainer();
    assert_eq!(t.train(), Status::Converged);
    for (a, want) in t.predictions().iter().zip(NOTEBOOK_PREDICTIONS) {
        assert!((a - want).abs() < 1e-6, "{a} vs {want}");
        // The notebook printed 9 significant digits: all of them agree.
        assert!((a - want).abs() / want < 1e-8, "{a} vs {want}");
    }
    let one_decimal: Vec<f64> = t
        .predictions()
        .iter()
        .map(|a| (a * 10.0).round() / 10.0)
        .collect();
    assert_eq!(one_decimal, [0.9, 0.0, 0.0, 0.0]);
    // From In[25]'s weights the rule fires after 2561 epochs: the last mean cost is the
    // first below 0.001.
    assert_eq!(t.epoch(), 2561);
    let costs = t.history().costs();
    assert!(costs[2560] < 0.001 && costs[2559] >= 0.001);
    assert_eq!(t.history().weights(2561), t.model().params());
    let h = t.history();
    let past = std::panic::catch_unwind(|| h.weights(2562).to_vec()).unwrap_err();
    assert_eq!(
        past.downcast_ref::<String>().map(String::as_str),
        Some("weights after epoch 2562 of a history of 2561 epochs")
    );
}

#[test]
fn and_or_nand_nor_reach_the_stop_rule_from_several_seeds() {
    for gate in ["and", "or", "nand", "nor"] {
        for seed in [1.0, 2.0, 7.0, 42.0, 2024.0] {
            let mut t = seeded(gate, 0.0, seed);
            assert_eq!(t.train(), Status::Converged, "{gate} seed {seed}");
            assert!(t.epoch() < 20_000);
            assert!(t.history().costs().last().unwrap() < &0.001);
            assert_eq!(rounded(&t), t.data().targets(), "{gate} seed {seed}");
        }
    }
}

#[test]
fn a_single_neuron_cannot_learn_xor() {
    for seed in [1.0, 2.0, 3.0] {
        let mut t = seeded("xor", 0.0, seed);
        assert_eq!(t.train(), Status::MaxSteps, "seed {seed}");
        assert_eq!(t.epoch(), 20_000);
        // A line cannot separate the classes: some row stays on the wrong side.
        assert_ne!(rounded(&t), t.data().targets());
        assert!(t.history().costs().last().unwrap() > &0.05);
    }
}

#[test]
fn a_hidden_layer_learns_xor_from_a_fixed_seed() {
    let mut t = seeded("xor", 3.0, 1.0);
    assert_eq!(t.train(), Status::Converged);
    assert_eq!(rounded(&t), [0.0, 1.0, 1.0, 0.0]);
    let mut again = seeded("xor", 3.0, 1.0);
    again.train();
    assert_eq!(
        again.model().params(),
        t.model().params(),
        "same seed, same numbers"
    );
}

#[test]
fn rewind_repeats_shuffled_epochs_exactly() {
    let mut cfg = NeuronConfig {
        order: "shuffle".into(),
        init: "seeded".into(),
        seed: 9.0,
        ..NeuronConfig::default()
    };
    let mut straight = cfg.build().unwrap();
    straight.step_epochs(100);
    let mut t = cfg.build().unwrap();
    t.step_epochs(70);
    t.step_sample();
    t.rewind(40);
    assert_eq!(
        (t.epoch(), t.position(), t.history().costs().len()),
        (40, 0, 40)
    );
    assert!(t.last_step().is_none());
    t.step_epochs(60);
    assert_eq!(t.history(), straight.history());
    // A different order gives different weights.
    cfg.order = "data".into();
    let mut data_order = cfg.build().unwrap();
    data_order.step_epochs(100);
    assert_ne!(data_order.model().params(), straight.model().params());
}

#[test]
fn past_epochs_can_be_viewed_without_rewinding() {
    let mut t = presets::notebook_trainer();
    t.step_epochs(10);
    let before = presets::notebook_trainer().predictions();
    assert_eq!(t.predictions_at(0), before);
    assert_eq!(t.predictions_at(10), t.predictions());
    assert_eq!(
        t.predictions_at(99),
        t.predictions(),
        "clamped to the epochs done"
    );
    assert_eq!(t.model_at(3).params(), t.history().weights(3));
    assert_eq!(t.epoch(), 10, "viewing does not move the trainer");
}

#[test]
fn full_batch_takes_one_step_with_the_mean_gradient() {
    let cfg = NeuronConfig {
        order: "batch".into(),
        ..NeuronConfig::default()
    };
    let mut t = cfg.build().unwrap();
    let start = t.model().params().to_vec();
    for _ in 0..3 {
        t.step_sample();
        assert_eq!(t.model().params(), start, "no update before the epoch ends");
    }
    let share = t.last_step().unwrap();
    t.step_sample();
    assert_eq!(t.epoch(), 1);
    // The mean gradient by hand.
    let n = presets::notebook_neuron();
    let mut g = [0.0; 3];
    let mut mean = [0.0; 3];
    for (x, y) in NOTEBOOK_INPUTS.iter().zip([1.0, 0.0, 0.0, 0.0]) {
        n.backprop(x, y, &mut g);
        for k in 0..3 {
            mean[k] += g[k] / 4.0;
        }
    }
    for k in 0..3 {
        assert!((t.model().params()[k] - (start[k] - 0.5 * mean[k])).abs() < 1e-15);
    }
    assert!((share.db - (-0.5 * share.output.delta / 4.0)).abs() < 1e-15);
}

/// A model whose gradient pushes its one parameter to infinity.
#[derive(Clone)]
struct Runaway([f64; 1]);

impl Model for Runaway {
    fn inputs(&self) -> usize {
        2
    }
    fn hidden(&self) -> usize {
        0
    }
    fn activation(&self) -> Activation {
        Activation::Relu
    }
    fn params(&self) -> &[f64] {
        &self.0
    }
    fn params_mut(&mut self) -> &mut [f64] {
        &mut self.0
    }
    fn clone_box(&self) -> Box<dyn Model> {
        Box::new(self.clone())
    }
    fn output_weights(&self) -> std::ops::Range<usize> {
        0..0
    }
    fn output_bias(&self) -> usize {
        0
    }
    fn predict(&self, _x: &[f64]) -> f64 {
        self.0[0]
    }
    fn backprop(&self, _x: &[f64], _y: f64, grad: &mut [f64]) -> Output {
        grad[0] = -1e308;
        Output {
            z: self.0[0],
            a: self.0[0],
            dact: 1.0,
            delta: grad[0],
        }
    }
}

#[test]
fn a_non_finite_epoch_diverges_instead_of_crashing() {
    let data = TruthTable::gate(Gate::And);
    let mut t = Trainer::new(Box::new(Runaway([0.0])), data, TrainerConfig::notebook()).unwrap();
    assert_eq!(t.train(), Status::Diverged);
    assert_eq!(t.epoch(), 1, "stops at the epoch whose cost is not finite");
    assert_eq!(
        t.step_sample(),
        Status::Diverged,
        "a stopped trainer stays stopped"
    );
    assert_eq!(t.next_sample(), None);
    t.rewind(0);
    assert_eq!(t.status(), Status::Running);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn chunks_add_up(seed in 0u32..10_000, a in 0usize..50, b in 0usize..50, hidden in prop::sample::select(vec![0.0, 2.0, 5.0])) {
        let mut chunked = seeded("xor", hidden, f64::from(seed));
        chunked.step_epochs(a);
        chunked.step_epochs(b);
        let mut whole = seeded("xor", hidden, f64::from(seed));
        whole.step_epochs(a + b);
        prop_assert_eq!(chunked.history(), whole.history());
        prop_assert_eq!(chunked.history().costs().len(), a + b);
        prop_assert_eq!(chunked.history().all_weights().len(), (a + b + 1) * chunked.history().n_params());
    }
}

#[test]
fn url_keys_are_unique_and_checked() {
    use crate::state::{fields, parse, serialize};
    let mut keys: Vec<&str> = fields().map(|f| f.key).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), fields().count());
    let s = parse("#lesson=neuron&ngate=xor&nhidden=3&nlr=2&nhidden=1");
    assert_eq!(s.get("ngate"), Some("xor"));
    assert_eq!(s.get("nhidden"), Some("3"));
    assert_eq!(s.get("nlr"), Some("2"));
    assert_eq!(s.errors.len(), 1, "H = 1 is rejected");
    assert_eq!(
        serialize([("lesson", "neuron"), ("ngate", "and"), ("nepochs", "500")]),
        "lesson=neuron&nepochs=500"
    );
    // The URL defaults are the notebook's run.
    let d = NeuronConfig::default();
    assert_eq!(s.get("ncost"), Some("0.001"));
    assert_eq!(d.target_cost, 0.001);
    assert_eq!(parse("").get("nepochs"), Some("20000"));
    assert_eq!(parse("").get("nlr"), Some(d.lr.to_string().as_str()));
}

fn configured(gate: &str, hidden: f64, act: &str, order: &str, lr: f64, seed: u32) -> Trainer {
    NeuronConfig {
        gate: gate.into(),
        hidden,
        activation: act.into(),
        order: order.into(),
        lr,
        seed: f64::from(seed),
        init: "seeded".into(),
        max_epochs: 300.0,
        ..NeuronConfig::default()
    }
    .build()
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Whole epochs in one call give the same history, status and last-sample arithmetic
    /// as training sample by sample, bit for bit.
    #[test]
    fn whole_epochs_equal_sample_steps(
        seed in 0u32..10_000,
        gate in prop::sample::select(vec!["and", "or", "nand", "xor"]),
        hidden in prop::sample::select(vec![0.0, 2.0, 3.0]),
        act in prop::sample::select(vec!["sigmoid", "tanh", "relu"]),
        order in prop::sample::select(vec!["data", "shuffle"]),
        lr in prop::sample::select(vec![0.05, 0.5, 3.0, 60.0]),
    ) {
        let mut fast = configured(gate, hidden, act, order, lr, seed);
        let mut slow = configured(gate, hidden, act, order, lr, seed);
        let status = fast.train();
        while !slow.step_sample().is_done() {}
        prop_assert_eq!(status, slow.status());
        prop_assert_eq!(fast.history(), slow.history());
        prop_assert_eq!(fast.last_step(), slow.last_step());
        prop_assert_eq!(fast.model().params(), slow.model().params());
    }
}

#[test]
fn notebook_run_by_epochs_equals_the_run_by_samples() {
    let mut fast = presets::notebook_trainer();
    let mut slow = presets::notebook_trainer();
    assert_eq!(fast.train(), Status::Converged);
    while !slow.step_sample().is_done() {}
    assert_eq!(fast.epoch(), slow.epoch());
    assert_eq!(fast.history(), slow.history());
    assert_eq!(fast.last_step(), slow.last_step());
}

/// The notebook's loop with the platform's `f64::exp` in the sigmoid: epochs run and the
/// final parameters, from `params` on `data`.
fn std_exp_run(params: &[f64], data: &TruthTable, lr: f64, max_epochs: usize) -> (usize, Vec<f64>) {
    let mut p = params.to_vec();
    for epoch in 1..=max_epochs {
        let mut cost = 0.0;
        for i in 0..data.len() {
            let (x, y) = (data.input(i), data.target(i));
            let z = p[0] + x.iter().zip(&p[1..]).fold(0.0, |s, (x, w)| s + x * w);
            let a = 1.0 / (1.0 + (-z).exp());
            let delta = (a - y) * (a * (1.0 - a));
            cost += 0.5 * ((a - y) * (a - y));
            p[0] -= lr * delta;
            for (w, x) in p[1..].iter_mut().zip(x) {
                *w -= lr * (delta * x);
            }
        }
        if cost / (data.len() as f64) < 0.001 {
            return (epoch, p);
        }
    }
    (max_epochs, p)
}

/// The sigmoid's exponential is the crate's table-driven one (within 1 ulp of `f64::exp`):
/// the notebook's run and generated single-neuron runs stop at the same epoch with the
/// same predictions as with the platform's `f64::exp`.
#[test]
fn runs_match_the_platform_exp() {
    let mut cases = vec![presets::notebook_trainer()];
    for gate in ["and", "or", "nand", "nor", "xor"] {
        for seed in [1, 2, 7, 42, 2024] {
            for lr in [0.05, 0.5, 3.0] {
                cases.push(configured(gate, 0.0, "sigmoid", "data", lr, seed));
            }
        }
    }
    for mut t in cases {
        let start = t.history().weights(0).to_vec();
        let (lr, max) = (t.config().lr, t.config().max_epochs);
        t.train();
        let (epochs, params) = std_exp_run(&start, t.data(), lr, max);
        assert_eq!(t.epoch(), epochs, "{start:?} lr {lr}");
        let reference = Neuron::new(params[0], &params[1..], Activation::Sigmoid).unwrap();
        for (i, a) in t.predictions().iter().enumerate() {
            let want = reference.predict(t.data().input(i));
            assert!((a - want).abs() <= 1e-9 * want.abs(), "{a} vs {want}");
            assert_eq!(a.round(), want.round());
        }
    }
    assert_eq!(presets::notebook_trainer().train(), Status::Converged);
}

#[test]
fn a_past_epochs_last_sample_is_replayed_exactly() {
    for order in ["data", "shuffle", "batch"] {
        for hidden in [0.0, 3.0] {
            let mut t = NeuronConfig {
                hidden,
                seed: 7.0,
                init: "seeded".into(),
                order: order.into(),
                ..NeuronConfig::default()
            }
            .build()
            .unwrap();
            assert_eq!(t.step_at(0), None);
            assert_eq!(t.step_at(1), None, "no epoch done yet");
            let mut heads = Vec::new();
            for _ in 0..6 {
                t.step_epoch();
                heads.push(t.last_step().unwrap());
            }
            for (k, head) in heads.iter().enumerate() {
                let at = t.step_at(k + 1).unwrap();
                assert_eq!(&at, head, "{order}, H = {hidden}: epoch {}", k + 1);
            }
            assert_eq!(t.step_at(7), None);
        }
    }
}
