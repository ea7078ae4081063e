//! The 2-D lesson's settings table, the hyperparameters of every optimizer included: the
//! optimizer factory ([`crate::optim::params_of`]) takes their defaults and ranges from here.

use super::Kind;
use super::tables::{GAMMA, GRADIENT_MODE, OPTIMIZER, STARTS, STEP_H, STEPS, c, row};
use crate::settings::Setting;

/// A fraction in [0, 1) (a decay or a momentum).
const UNIT_OPEN: Kind = Kind::Number {
    min: 0.0,
    max: 1.0,
    open_min: false,
    open_max: true,
};

/// A fraction in [0, 1].
const UNIT: Kind = Kind::Number {
    min: 0.0,
    max: 1.0,
    open_min: false,
    open_max: false,
};

/// A number ≥ 0 (up to 1e6).
const NON_NEGATIVE: Kind = Kind::Number {
    min: 0.0,
    max: 1e6,
    open_min: false,
    open_max: false,
};

/// A small positive ε, at most 1.
const EPSILON: Kind = Kind::Number {
    min: 0.0,
    max: 1.0,
    open_min: true,
    open_max: false,
};

/// The 2-D lesson (notebook In[9]–In[21]).
pub const LESSON_2D: &[Setting] = &[
    row(
        "fn2",
        "f(x, y)",
        Kind::Text(200),
        "x**4 + y**4 - 2*(x-y)**2",
        "",
        "The function to descend, or a catalogue entry.",
    ),
    row("opt", "optimizer", OPTIMIZER, "gd", "", "The update rule."),
    row(
        "gamma2",
        "γ (learning rate)",
        GAMMA,
        "0.01",
        "",
        "Step size of gradient descent and the momentum methods.",
    ),
    // The hyperparameters of the other optimizers, one row per optimizer and parameter:
    // their defaults and ranges differ between optimizers, and a race carries each one's.
    row(
        "momentum.mu",
        "μ (momentum)",
        UNIT_OPEN,
        "0.9",
        "",
        "Momentum: the velocity keeps this fraction of itself each step.",
    ),
    row(
        "momentum.damp",
        "τ (dampening)",
        UNIT,
        "0",
        "",
        "Momentum: the new gradient enters the velocity scaled by 1 − τ.",
    ),
    row(
        "nesterov.mu",
        "μ (Nesterov momentum)",
        Kind::Number {
            min: 0.0,
            max: 1.0,
            open_min: true,
            open_max: true,
        },
        "0.9",
        "",
        "Nesterov: the velocity keeps this fraction of itself; the gradient is taken ahead.",
    ),
    row(
        "adagrad.lr",
        "γ (learning rate)",
        GAMMA,
        "0.01",
        "",
        "Adagrad's step size before its per-coordinate scaling.",
    ),
    row(
        "adagrad.decay",
        "η (lr decay)",
        NON_NEGATIVE,
        "0",
        "",
        "Adagrad: step t uses γ / (1 + (t − 1) η).",
    ),
    row(
        "adagrad.s0",
        "s₀ (initial accumulator)",
        NON_NEGATIVE,
        "0",
        "",
        "Adagrad: the sum of squared gradients starts here.",
    ),
    row(
        "adagrad.eps",
        "ε (epsilon)",
        EPSILON,
        "1e-10",
        "",
        "Adagrad: added to the root of the sum so the step stays finite.",
    ),
    row(
        "rmsprop.lr",
        "γ (learning rate)",
        GAMMA,
        "0.01",
        "",
        "RMSprop's step size before its per-coordinate scaling.",
    ),
    row(
        "rmsprop.rho",
        "ρ (smoothing)",
        UNIT_OPEN,
        "0.99",
        "",
        "RMSprop: the running mean of squared gradients keeps this fraction each step (PyTorch's alpha).",
    ),
    row(
        "rmsprop.eps",
        "ε (epsilon)",
        EPSILON,
        "1e-8",
        "",
        "RMSprop: added to the root of the mean so the step stays finite.",
    ),
    row(
        "rmsprop.mu",
        "μ (momentum)",
        UNIT_OPEN,
        "0",
        "",
        "RMSprop: momentum of the scaled step (0: none).",
    ),
    row(
        "rmsprop.centered",
        "centered",
        Kind::Flag,
        "0",
        "",
        "RMSprop: divide by the variance of the gradient rather than its mean square.",
    ),
    row(
        "adam.lr",
        "γ (learning rate)",
        GAMMA,
        "0.001",
        "",
        "Adam's step size: the first step moves every coordinate by about γ.",
    ),
    row(
        "adam.beta1",
        "β₁ (first-moment decay)",
        UNIT_OPEN,
        "0.9",
        "",
        "Adam: the running mean of the gradient keeps this fraction each step.",
    ),
    row(
        "adam.beta2",
        "β₂ (second-moment decay)",
        UNIT_OPEN,
        "0.999",
        "",
        "Adam: the running mean of the squared gradient keeps this fraction each step.",
    ),
    row(
        "adam.eps",
        "ε (epsilon)",
        EPSILON,
        "1e-8",
        "",
        "Adam: added to the root of the second moment so the step stays finite.",
    ),
    row(
        "adam.amsgrad",
        "amsgrad",
        Kind::Flag,
        "0",
        "",
        "Adam: divide by the largest second moment so far (the AMSGrad variant).",
    ),
    row(
        "h2",
        "h (difference step)",
        STEP_H,
        "0.001",
        "",
        "Step of the central or forward difference that estimates ∇f.",
    ),
    row(
        "mode2",
        "gradient",
        GRADIENT_MODE,
        "central",
        "",
        "How ∇f is computed: the notebook's central difference, forward difference, or exactly.",
    ),
    row(
        "order",
        "update order",
        Kind::Choice(&[
            c("simultaneous", "simultaneous (textbook)"),
            c("sequential", "sequential (notebook: x, then y)"),
        ]),
        "sequential",
        "",
        "Update x first and then y at the new x (the notebook's In[13] loop), or both together.",
    ),
    row(
        "steps2",
        "steps",
        STEPS,
        "100",
        "steps",
        "Most steps a run takes before it stops.",
    ),
    row(
        "bsteps",
        "basin-map steps",
        STEPS,
        // 750: the notebook function's map settles everywhere, and the largest grid (256²)
        // stays within the basin-map budget.
        "750",
        "steps",
        "Most steps each start of the basin map takes: enough for the starts to settle in a minimum.",
    ),
    row(
        "multi2",
        "seeded starts",
        Kind::Flag,
        "1",
        "",
        "Whether the N seeded starts are on the map.",
    ),
    row(
        "n2",
        "N (starts)",
        STARTS,
        "4",
        "starts",
        "How many seeded starts are drawn in [−b, b]².",
    ),
    row(
        "box",
        "b (start box)",
        Kind::Number {
            min: 0.0,
            max: 1e6,
            open_min: true,
            open_max: false,
        },
        "3",
        "",
        "Seeded starts are drawn uniformly in [−b, b]².",
    ),
    row(
        "levels",
        "levels",
        Kind::Choice(&[c("quantile", "quantile-spaced"), c("log", "log-spaced")]),
        "quantile",
        "",
        "How the contour levels are spaced.",
    ),
    row(
        "race",
        "race",
        Kind::List {
            item: &OPTIMIZER,
            min_items: 0,
            max_items: 6,
        },
        "",
        "",
        "Optimizers raced from the same starts (two or more), comma-separated.",
    ),
    row(
        "elev",
        "elevation",
        Kind::Number {
            min: -90.0,
            max: 90.0,
            open_min: false,
            open_max: false,
        },
        "57",
        "°",
        "Elevation of the 3-D view.",
    ),
    row(
        "azim",
        "azimuth",
        Kind::Number {
            min: -360.0,
            max: 360.0,
            open_min: false,
            open_max: false,
        },
        "25",
        "°",
        "Azimuth of the 3-D view.",
    ),
    row(
        "starts2",
        "clicked starts",
        Kind::List {
            item: &Kind::Number {
                min: -1e9,
                max: 1e9,
                open_min: false,
                open_max: false,
            },
            min_items: 0,
            max_items: 200,
        },
        "",
        "",
        "Starts added by clicking the map: x₁, y₁, x₂, y₂, … (a last unpaired number is ignored).",
    ),
];
