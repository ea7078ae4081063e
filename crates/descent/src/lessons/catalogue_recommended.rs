//! Recommended settings of every catalogue function, found by running them: the step sizes,
//! step budget, start box and basin-map steps with which descent behaves well on it (or,
//! for a function built to defeat descent, the caveat saying how it does).

use super::Entry;
use crate::settings::compact;

/// The settings a catalogue function is best explored with.
#[derive(Debug, Clone, Copy)]
pub struct Recommended {
    /// γ of plain gradient descent (the lesson's γ, also used by momentum and Nesterov).
    pub gamma: f64,
    /// Learning rates of Adagrad, RMSprop and Adam, in that order.
    pub adaptive: [f64; 3],
    /// Step budget of a run.
    pub steps: u32,
    /// 2-D: seeded starts are drawn in [−b, b]²; 1-D: in [−b, b], and the single run starts
    /// at `start`.
    pub start_box: f64,
    /// 1-D: the single run's start x₀ (unused in 2-D).
    pub start: f64,
    /// Steps of every start of a basin map (2-D).
    pub basin_steps: u32,
    /// Why descent cannot do better here, when the function is built to defeat it (in the
    /// language in use).
    pub caveat: Option<fn() -> String>,
}

impl Recommended {
    /// The settings-table keys and values this recommendation sets in the lesson of
    /// dimension `dim` (canonical text, as a link would carry them).
    ///
    /// ```
    /// let r = descent::catalogue::find("rosenbrock").unwrap().recommended();
    /// let s = r.settings(2);
    /// assert!(s.contains(&("gamma2", "0.001".to_string())));
    /// assert!(s.contains(&("bsteps", "3000".to_string())));
    /// ```
    pub fn settings(&self, dim: usize) -> Vec<(&'static str, String)> {
        if dim == 1 {
            return vec![
                ("gamma", compact(self.gamma)),
                ("steps", self.steps.to_string()),
                ("x0", compact(self.start)),
                ("lo", compact(-self.start_box)),
                ("hi", compact(self.start_box)),
            ];
        }
        vec![
            ("gamma2", compact(self.gamma)),
            ("adagrad.lr", compact(self.adaptive[0])),
            ("rmsprop.lr", compact(self.adaptive[1])),
            ("adam.lr", compact(self.adaptive[2])),
            ("steps2", self.steps.to_string()),
            ("box", compact(self.start_box)),
            ("bsteps", self.basin_steps.to_string()),
        ]
    }

    /// The note the page shows when the function is picked, e.g. "Rosenbrock: γ = 0.001,
    /// 20000 steps, box 2 — recommended for this function."
    pub fn note(&self, entry: &Entry) -> String {
        let what = if entry.dim == 1 {
            crate::msg!(
                "core.rec.1d",
                "γ = {gamma}, {steps} steps, x₀ = {x0}, starts in [{lo}, {hi}]",
                gamma = crate::text::shown(&compact(self.gamma)),
                steps = self.steps,
                x0 = crate::text::shown(&compact(self.start)),
                lo = crate::text::shown(&compact(-self.start_box)),
                hi = crate::text::shown(&compact(self.start_box))
            )
        } else {
            crate::msg!(
                "core.rec.2d",
                "γ = {gamma}, {steps} steps, box {size}, basin map {basin} steps",
                gamma = crate::text::shown(&compact(self.gamma)),
                steps = self.steps,
                size = crate::text::shown(&compact(self.start_box)),
                basin = self.basin_steps
            )
        };
        let mut note = crate::msg!(
            "core.rec.note",
            "{name}: {what} — recommended for this function.",
            name = crate::text::text(&format!("fn.{}", entry.id), entry.name, &[]),
            what = what
        );
        if let Some(c) = self.caveat {
            note.push(' ');
            note.push_str(&c());
        }
        note
    }
}

/// One row: plain γ, adaptive rates, steps, box, 1-D start, basin steps, caveat.
const fn rec(
    gamma: f64,
    adaptive: [f64; 3],
    steps: u32,
    start_box: f64,
    start: f64,
    basin_steps: u32,
    caveat: Option<fn() -> String>,
) -> Recommended {
    Recommended {
        gamma,
        adaptive,
        steps,
        start_box,
        start,
        basin_steps,
        caveat,
    }
}

/// The table, by catalogue id. Every value was tried by the tests in
/// `catalogue_recommended_tests.rs` (no run diverges, the runs reach a known minimum, the
/// basin map settles), except where the caveat says why the function defeats descent.
pub(super) static RECOMMENDED: [(&str, Recommended); 17] = [
    (
        "notebook-1d",
        rec(0.1, [0.5, 0.05, 0.1], 100, 10.0, 3.0, 0, None),
    ),
    (
        "double-well",
        rec(0.05, [0.5, 0.02, 0.05], 200, 2.0, 2.0, 0, None),
    ),
    (
        "plateau",
        rec(
            0.5,
            [0.5, 0.05, 0.1],
            500,
            5.0,
            2.5,
            0,
            Some(|| {
                crate::msg!(
                    "core.caveat.plateau",
                    "Starts far out on the plateau barely move: the slope there is almost zero."
                )
            }),
        ),
    ),
    (
        "bowl-1d",
        rec(0.5, [0.5, 0.05, 0.1], 100, 3.0, 3.0, 0, None),
    ),
    (
        "notebook-2d",
        rec(
            0.01,
            [0.5, 0.01, 0.05],
            100,
            3.0,
            0.0,
            750,
            Some(|| {
                crate::msg!(
                    "core.caveat.notebook-2d",
                    "The notebook's own 100 steps: a start near the saddle line y = x may still be on its way."
                )
            }),
        ),
    ),
    (
        "rosenbrock",
        rec(
            0.001,
            [0.5, 0.01, 0.01],
            20000,
            2.0,
            0.0,
            3000,
            Some(|| {
                crate::msg!(
                    "core.caveat.rosenbrock",
                    "Plain descent crawls along the flat valley: the runs need thousands of steps, and a basin map stays grey (unconverged) within its budget."
                )
            }),
        ),
    ),
    (
        "himmelblau",
        rec(0.01, [0.5, 0.01, 0.05], 200, 5.0, 0.0, 750, None),
    ),
    (
        "beale",
        rec(
            0.005,
            [0.5, 0.01, 0.01],
            5000,
            1.0,
            0.0,
            3000,
            Some(|| {
                crate::msg!(
                    "core.caveat.beale",
                    "No single γ suits both the steep ridges and the flat floor: starts in the far corners still diverge (black on the basin map)."
                )
            }),
        ),
    ),
    (
        "booth",
        rec(0.05, [2.0, 0.05, 0.2], 200, 10.0, 0.0, 750, None),
    ),
    (
        "matyas",
        rec(1.0, [2.0, 0.05, 0.2], 300, 10.0, 0.0, 750, None),
    ),
    (
        "three-hump-camel",
        rec(0.05, [0.5, 0.01, 0.05], 300, 2.0, 0.0, 750, None),
    ),
    (
        "six-hump-camel",
        rec(0.02, [0.5, 0.01, 0.05], 300, 1.5, 0.0, 750, None),
    ),
    (
        "rastrigin",
        rec(
            0.002,
            [0.5, 0.01, 0.01],
            200,
            5.12,
            0.0,
            750,
            Some(|| {
                crate::msg!(
                    "core.caveat.rastrigin",
                    "Built to defeat descent: every run stops in the ripple it starts in, a local minimum near an integer point."
                )
            }),
        ),
    ),
    (
        "ackley",
        rec(
            0.01,
            [0.5, 0.01, 0.01],
            500,
            5.0,
            0.0,
            750,
            Some(|| {
                crate::msg!(
                    "core.caveat.ackley",
                    "Built to defeat descent: only starts near the funnel reach the origin; the others stop in a ripple."
                )
            }),
        ),
    ),
    (
        "saddle",
        rec(
            0.01,
            [0.5, 0.01, 0.01],
            200,
            2.0,
            0.0,
            750,
            Some(|| {
                crate::msg!(
                    "core.caveat.saddle",
                    "There is no minimum: every run off the x-axis slides away, and the basin map is black (diverged)."
                )
            }),
        ),
    ),
    (
        "monkey-saddle",
        rec(
            0.01,
            [0.5, 0.01, 0.01],
            200,
            2.0,
            0.0,
            750,
            Some(|| {
                crate::msg!(
                    "core.caveat.monkey-saddle",
                    "There is no minimum: the runs slide down a valley and diverge."
                )
            }),
        ),
    ),
    (
        "bowl",
        rec(0.15, [0.5, 0.05, 0.1], 200, 3.0, 0.0, 750, None),
    ),
];
