//! Optimizer state per lane: plain descent, momentum and Adam as structure-of-arrays loops, every
//! other rule as one boxed scalar optimizer per lane. Each equals the scalar optimizer
//! of `crate::optim` bit for bit (tested in `lanes::tests`).

use crate::error::ConfigError;
use crate::optim::{OptimSpec, Optimizer};

/// Steps whose Adam bias corrections are tabulated (later steps compute them).
const CORRECTION_TABLE: usize = 4096;

/// Adam's hyperparameters and its per-lane memory, per coordinate.
#[derive(Debug, Clone)]
pub(super) struct AdamLanes {
    lr: f64,
    beta1: f64,
    beta2: f64,
    eps: f64,
    amsgrad: bool,
    /// 1 − β₁ᵗ and 1 − β₂ᵗ for t = 1, 2, … (index t − 1), as the scalar Adam computes them.
    corr: Vec<(f64, f64)>,
    t: Vec<i32>,
    /// This step's 1 − β₁ᵗ and 1 − β₂ᵗ per lane (set by `begin_step`).
    c1: Vec<f64>,
    c2: Vec<f64>,
    m: Vec<Vec<f64>>,
    v: Vec<Vec<f64>>,
    v_hat: Vec<Vec<f64>>,
}

/// Momentum (heavy ball or Nesterov) and its per-lane memory, per coordinate.
#[derive(Debug, Clone)]
pub(super) struct MomentumLanes {
    lr: f64,
    mu: f64,
    /// 1 − τ (dampening).
    keep: f64,
    nesterov: bool,
    t: Vec<u64>,
    buf: Vec<Vec<f64>>,
}

/// The optimizer of every lane.
pub(super) enum LaneOptim {
    /// x ← x − γ g.
    Gd { lr: f64 },
    /// Momentum or Nesterov, as `crate::optim::MomentumSgd`.
    Momentum(Box<MomentumLanes>),
    /// Adam, as `crate::optim::Adam`.
    Adam(Box<AdamLanes>),
    /// Any other rule: one scalar optimizer per lane.
    Each {
        spec: OptimSpec,
        lanes: Vec<Box<dyn Optimizer>>,
    },
}

impl LaneOptim {
    /// The optimizer `spec` for lanes of `dim` coordinates running at most `max_steps`.
    pub(super) fn new(spec: &OptimSpec, dim: usize, max_steps: usize) -> Result<Self, ConfigError> {
        spec.build()?; // validates the hyperparameters with the scalar rule's messages
        let g = |k| spec.get(k);
        Ok(match spec.name() {
            "gd" => LaneOptim::Gd { lr: g("lr") },
            name @ ("momentum" | "nesterov") => {
                let nesterov = name == "nesterov";
                LaneOptim::Momentum(Box::new(MomentumLanes {
                    lr: g("lr"),
                    mu: g("momentum"),
                    keep: 1.0 - if nesterov { 0.0 } else { g("dampening") },
                    nesterov,
                    t: Vec::new(),
                    buf: vec![Vec::new(); dim],
                }))
            }
            "adam" => {
                let (b1, b2) = (g("beta1"), g("beta2"));
                let corr = (1..=max_steps.min(CORRECTION_TABLE) as i32)
                    .map(|t| (1.0 - b1.powi(t), 1.0 - b2.powi(t)))
                    .collect();
                LaneOptim::Adam(Box::new(AdamLanes {
                    lr: g("lr"),
                    beta1: b1,
                    beta2: b2,
                    eps: g("eps"),
                    amsgrad: g("amsgrad") == 1.0,
                    corr,
                    t: Vec::new(),
                    c1: Vec::new(),
                    c2: Vec::new(),
                    m: vec![Vec::new(); dim],
                    v: vec![Vec::new(); dim],
                    v_hat: vec![Vec::new(); dim],
                }))
            }
            _ => LaneOptim::Each {
                spec: spec.clone(),
                lanes: Vec::new(),
            },
        })
    }

    /// Adds a lane with fresh memory.
    pub(super) fn push(&mut self, dim: usize) {
        match self {
            LaneOptim::Gd { .. } => {}
            LaneOptim::Momentum(m) => {
                m.t.push(0);
                m.buf.iter_mut().for_each(|b| b.push(0.0));
            }
            LaneOptim::Adam(a) => {
                a.t.push(0);
                for c in 0..dim {
                    a.m[c].push(0.0);
                    a.v[c].push(0.0);
                    a.v_hat[c].push(0.0);
                }
            }
            LaneOptim::Each { spec, lanes } => {
                let mut o = spec
                    .build()
                    .unwrap_or_else(|_| unreachable!("validated in LaneOptim::new"));
                o.reset(dim);
                lanes.push(o);
            }
        }
    }

    /// Forgets the memory of lane `l` of `dim` coordinates (a new start runs in it).
    pub(super) fn reset_lane(&mut self, l: usize, dim: usize) {
        match self {
            LaneOptim::Gd { .. } => {}
            LaneOptim::Momentum(m) => {
                m.t[l] = 0;
                m.buf.iter_mut().for_each(|b| b[l] = 0.0);
            }
            LaneOptim::Adam(a) => {
                a.t[l] = 0;
                for c in 0..a.m.len() {
                    a.m[c][l] = 0.0;
                    a.v[c][l] = 0.0;
                    a.v_hat[c][l] = 0.0;
                }
            }
            LaneOptim::Each { lanes, .. } => lanes[l].reset(dim),
        }
    }

    /// Keeps the lanes whose `keep` is true, in order.
    pub(super) fn retain(&mut self, keep: &[bool]) {
        fn retain_vec<T>(v: &mut Vec<T>, keep: &[bool]) {
            let mut k = keep.iter();
            v.retain(|_| *k.next().unwrap_or(&true));
        }
        match self {
            LaneOptim::Gd { .. } => {}
            LaneOptim::Momentum(m) => {
                retain_vec(&mut m.t, keep);
                m.buf.iter_mut().for_each(|b| retain_vec(b, keep));
            }
            LaneOptim::Adam(a) => {
                retain_vec(&mut a.t, keep);
                for c in 0..a.m.len() {
                    retain_vec(&mut a.m[c], keep);
                    retain_vec(&mut a.v[c], keep);
                    retain_vec(&mut a.v_hat[c], keep);
                }
            }
            LaneOptim::Each { lanes, .. } => retain_vec(lanes, keep),
        }
    }

    /// Starts a step in every lane (the scalar rule's `begin_step`).
    pub(super) fn begin_step(&mut self) {
        match self {
            LaneOptim::Gd { .. } => {}
            LaneOptim::Momentum(m) => m.t.iter_mut().for_each(|t| *t += 1),
            LaneOptim::Adam(a) => {
                let (b1, b2) = (a.beta1, a.beta2);
                a.c1.resize(a.t.len(), 1.0);
                a.c2.resize(a.t.len(), 1.0);
                for ((t, c1), c2) in a.t.iter_mut().zip(&mut a.c1).zip(&mut a.c2) {
                    *t = t.saturating_add(1);
                    (*c1, *c2) = match a.corr.get(*t as usize - 1) {
                        Some(&c) => c,
                        None => (1.0 - b1.powi(*t), 1.0 - b2.powi(*t)),
                    };
                }
            }
            LaneOptim::Each { lanes, .. } => lanes.iter_mut().for_each(|o| o.begin_step()),
        }
    }

    /// Moves coordinate `c` of every lane: `x[l]` ← the rule's update with gradient `g[l]`.
    pub(super) fn update(&mut self, c: usize, x: &mut [f64], g: &[f64]) {
        match self {
            LaneOptim::Gd { lr } => {
                let lr = *lr;
                for (x, g) in x.iter_mut().zip(g) {
                    *x -= lr * g;
                }
            }
            LaneOptim::Momentum(m) => {
                let (lr, mu, keep) = (m.lr, m.mu, m.keep);
                if mu == 0.0 {
                    for (x, g) in x.iter_mut().zip(g) {
                        *x -= lr * g;
                    }
                    return;
                }
                let lanes = x.iter_mut().zip(g).zip(m.buf[c].iter_mut().zip(&m.t));
                for ((x, &g), (buf, &t)) in lanes {
                    // The first step of a run starts the velocity at g.
                    let b = if t <= 1 { g } else { mu * *buf + keep * g };
                    *buf = b;
                    *x -= lr * if m.nesterov { g + mu * b } else { b };
                }
            }
            LaneOptim::Adam(a) => {
                let (b1, b2, lr, eps) = (a.beta1, a.beta2, a.lr, a.eps);
                let (m, v) = (&mut a.m[c], &mut a.v[c]);
                let lanes = x.iter_mut().zip(g).zip(a.c1.iter().zip(&a.c2));
                if a.amsgrad {
                    let vh = &mut a.v_hat[c];
                    for ((((x, &g), (c1, c2)), (m, v)), vh) in
                        lanes.zip(m.iter_mut().zip(v.iter_mut())).zip(vh.iter_mut())
                    {
                        *m = b1 * *m + (1.0 - b1) * g;
                        *v = b2 * *v + (1.0 - b2) * g * g;
                        *vh = vh.max(*v / c2);
                        *x -= lr * (*m / c1) / (vh.sqrt() + eps);
                    }
                } else {
                    // No branch and no lookup inside: this loop vectorises.
                    for (((x, &g), (c1, c2)), (m, v)) in lanes.zip(m.iter_mut().zip(v.iter_mut())) {
                        *m = b1 * *m + (1.0 - b1) * g;
                        *v = b2 * *v + (1.0 - b2) * g * g;
                        *x -= lr * (*m / c1) / ((*v / c2).sqrt() + eps);
                    }
                }
            }
            LaneOptim::Each { lanes, .. } => {
                for ((o, x), g) in lanes.iter_mut().zip(x.iter_mut()).zip(g) {
                    *x = o.update(c, *x, *g);
                }
            }
        }
    }
}
