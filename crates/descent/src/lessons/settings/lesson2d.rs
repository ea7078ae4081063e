//! The 2-D lesson's settings table. The optimizer menu and every optimizer's
//! hyperparameter rows are not written here: they are derived, at compile time, from the
//! rules' own declarations in the registry ([`crate::optim::RULES`]).

use super::tables::{GRADIENT_MODE, STARTS, STEP_H, STEPS, c, row};
use super::{Choice, Kind};
use crate::optim::RULES;
use crate::settings::Setting;
use crate::text::same;

/// The optimizer menu: every rule's name and label, in registry order.
const OPTIMIZER_CHOICES: [Choice; RULES.len()] = {
    let mut out = [c("", ""); RULES.len()];
    let mut i = 0;
    while i < RULES.len() {
        out[i] = c(RULES[i].name, RULES[i].label);
        i += 1;
    }
    out
};

/// An optimizer, in registry order.
pub(super) const OPTIMIZER: Kind = Kind::Choice(&OPTIMIZER_CHOICES);

/// Whether hyperparameter `j` of rule `i` has a key an earlier rule or row already has
/// (γ is shared by plain descent and the momentum methods: one row).
const fn repeated(i: usize, j: usize) -> bool {
    let key = RULES[i].params[j].row.key;
    let mut a = 0;
    while a <= i {
        let mut b = 0;
        while b < RULES[a].params.len() && (a < i || b < j) {
            if same(RULES[a].params[b].row.key, key) {
                return true;
            }
            b += 1;
        }
        a += 1;
    }
    false
}

/// How many hyperparameter rows the rules declare, each key once.
const PARAM_ROWS: usize = {
    let mut n = 0;
    let mut i = 0;
    while i < RULES.len() {
        let mut j = 0;
        while j < RULES[i].params.len() {
            if !repeated(i, j) {
                n += 1;
            }
            j += 1;
        }
        i += 1;
    }
    n
};

/// The rows before the optimizers' (the function and the optimizer menu).
const HEAD: [Setting; 2] = [
    row(
        "fn2",
        "f(x, y)",
        Kind::Text(200),
        "x**4 + y**4 - 2*(x-y)**2",
        "",
        "The function to descend, or a catalogue entry.",
    ),
    row("opt", "optimizer", OPTIMIZER, "gd", "", "The update rule."),
];

/// The rows after the optimizers' (differences, order, steps, starts, views).
const TAIL: [Setting; TAIL_ROWS] = [
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
        "Sequential: x moves first and y's partial is taken at the new x, as the notebook's descent loop (its cell In[13]) does; simultaneous: both from the same point, as textbooks write it.",
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
        "The basin map colours every start of a grid by the minimum its run reaches (its basin of attraction); this is the most steps each of those runs takes, enough for it to settle.",
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
        "b (start box half-width)",
        Kind::Number {
            min: 0.0,
            max: 1e6,
            open_min: true,
            open_max: false,
        },
        "3",
        "",
        "The seeded starts are drawn uniformly in the square [−b, b]²: b is half its width.",
    ),
    row(
        "levels",
        "levels",
        Kind::Choice(&[c("quantile", "quantile-spaced"), c("log", "log-spaced")]),
        "quantile",
        "",
        "How the contour levels are spaced. Quantile-spaced: each band between two levels covers the same share of the map, so flat basins and steep walls both get lines. Log-spaced: dense near the minimum, sparse on the walls.",
    ),
    row(
        "race",
        "race",
        Kind::List {
            item: &OPTIMIZER,
            min_items: 0,
            max_items: RULES.len(),
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

const TAIL_ROWS: usize = 13;

/// Every row: the head, each rule's hyperparameters in registry order, then the rest.
const ROWS: [Setting; 2 + PARAM_ROWS + TAIL_ROWS] = {
    let mut out = [HEAD[0]; 2 + PARAM_ROWS + TAIL_ROWS];
    out[1] = HEAD[1];
    let mut n = 2;
    let mut i = 0;
    while i < RULES.len() {
        let mut j = 0;
        while j < RULES[i].params.len() {
            if !repeated(i, j) {
                out[n] = RULES[i].params[j].row;
                n += 1;
            }
            j += 1;
        }
        i += 1;
    }
    let mut t = 0;
    while t < TAIL_ROWS {
        out[n + t] = TAIL[t];
        t += 1;
    }
    out
};

/// The 2-D lesson (notebook In[9]–In[21]).
pub const LESSON_2D: &[Setting] = &ROWS;
