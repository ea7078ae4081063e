//! The settings tables of the page, the 1-D lesson and the neuron, and the kinds the
//! 2-D lesson's table ([`super::lesson2d`]) shares with them. Defaults are the notebook's
//! runs; work-size limits here are the single truth for how much a setting may ask for.

use super::{Choice, Kind, Setting};

pub(super) const fn c(value: &'static str, label: &'static str) -> Choice {
    Choice { value, label }
}

pub(super) const fn row(
    key: &'static str,
    label: &'static str,
    kind: Kind,
    default: &'static str,
    unit: &'static str,
    help: &'static str,
) -> Setting {
    Setting {
        key,
        label,
        kind,
        default,
        unit,
        help,
    }
}

/// A learning rate γ (the optimizers' range for one).
pub(super) const GAMMA: Kind = crate::optim::rule::RATE;

/// A finite-difference step h.
pub(super) const STEP_H: Kind = Kind::Number {
    min: 0.0,
    max: 10.0,
    open_min: true,
    open_max: false,
};

/// A gradient mode.
pub(super) const GRADIENT_MODE: Kind = Kind::Choice(&[
    c("central", "central difference"),
    c("forward", "forward difference"),
    c("exact", "exact"),
]);

/// A coordinate of a 1-D start or start interval.
const COORD: Kind = Kind::Number {
    min: -1e9,
    max: 1e9,
    open_min: false,
    open_max: false,
};

/// A step budget (the run's own limit, [`crate::RunConfig::MAX_STEPS`]).
pub(super) const STEPS: Kind = Kind::Integer {
    min: 1,
    max: crate::run::RunConfig::MAX_STEPS as u64,
};

/// A number of multi-start runs ([`crate::MultiStart::MAX_N`]).
pub(super) const STARTS: Kind = Kind::Integer {
    min: 1,
    max: crate::multistart::MultiStart::MAX_N as u64,
};

/// Settings of the whole page.
pub const PAGE: &[Setting] = &[
    row(
        "lesson",
        "lesson",
        Kind::Choice(&[
            c("1d", "1 · f(x)"),
            c("2d", "2 · f(x, y)"),
            c("neuron", "3 · A neuron"),
        ]),
        "1d",
        "",
        "The lesson on screen.",
    ),
    row(
        "lang",
        "language",
        Kind::Choice(&[c("auto", "browser"), c("en", "English"), c("es", "Español")]),
        "auto",
        "",
        "The language of the page: English, Spanish, or the first of the browser's preferred languages that is one of them.",
    ),
    row(
        "seed",
        "seed",
        Kind::Integer {
            min: 0,
            max: u32::MAX as u64,
        },
        // No default: a page opened without a seed draws a fresh one and writes it back.
        "",
        "",
        "Seeds every random choice (starts, shuffles, initial weights), so a link repeats a run.",
    ),
    row(
        "quiz",
        "quiz mode",
        Kind::Flag,
        "0",
        "",
        "Predict each step before it is revealed: where the next iterate lands, or which way the line moves.",
    ),
    row(
        "reveal",
        "answers",
        Kind::Choice(&[
            c("now", "shown at once"),
            c("button", "hidden until revealed"),
        ]),
        "now",
        "",
        "When the quiz shows the answer: at once, or (for a class that guesses together) only when the reveal button is pressed.",
    ),
    row(
        "lecture",
        "lecture mode",
        Kind::Flag,
        "0",
        "",
        "The lesson's main view and its transport fill the screen (full screen where the browser allows it; the key f toggles it).",
    ),
    row(
        "text",
        "text size",
        Kind::Integer { min: 100, max: 200 },
        "100",
        "%",
        "The size of the page's text and of the plots' labels, for a room that reads from afar.",
    ),
    row(
        "workers",
        "workers",
        Kind::Choice(&[
            c("auto", "one per core"),
            c("0", "none: the page's own thread"),
            c("1", "1"),
            c("2", "2"),
            c("4", "4"),
            c("8", "8"),
        ]),
        "auto",
        "",
        "How many background threads (Web Workers) compute basin maps and large multi-starts and races; the page's own thread stays free for drawing. 0 computes on the page's thread, in slices.",
    ),
];

/// The 1-D lesson's own rows (notebook In[2]–In[8]); its method menu and the methods'
/// hyperparameter rows follow them, derived from the registry ([`super::lesson1d`]).
pub(super) const LESSON_1D_HEAD: [Setting; 11] = [
    row(
        "f",
        "f(x)",
        Kind::Text(200),
        "(x-1)**2",
        "",
        "The function to descend, e.g. (x-1)**2 or sin(3x) + x^2/4.",
    ),
    row(
        "gamma",
        "γ (learning rate)",
        GAMMA,
        "0.01",
        "",
        "Step size: x ← x − γ f′(x). On (x−1)², γ > 1 diverges.",
    ),
    row(
        "h",
        "h (difference step)",
        STEP_H,
        "0.001",
        "",
        "Step of the central or forward difference that estimates f′.",
    ),
    row(
        "mode",
        "gradient",
        GRADIENT_MODE,
        "central",
        "",
        "How f′ is computed: the notebook's central difference, forward difference, or exactly.",
    ),
    row(
        "steps",
        "steps",
        STEPS,
        "50",
        "steps",
        "Most steps a run takes before it stops.",
    ),
    row(
        "x0",
        "x₀ (start point)",
        COORD,
        "3",
        "",
        "Where the run starts (or click the plot).",
    ),
    row(
        "multi",
        "multi-start",
        Kind::Flag,
        "0",
        "",
        "Run N seeded starts at once and follow the best one.",
    ),
    row(
        "n",
        "N (starts)",
        STARTS,
        "50",
        "starts",
        "How many seeded starts the multi-start runs.",
    ),
    row(
        "lo",
        "start interval min",
        COORD,
        "-10",
        "",
        "Lower end of the interval the starts are drawn from.",
    ),
    row(
        "hi",
        "start interval max",
        COORD,
        "10",
        "",
        "Upper end of the interval the starts are drawn from.",
    ),
    row(
        "labh",
        "lab step h",
        Kind::Number {
            min: 1e-16,
            max: 1.0,
            open_min: false,
            open_max: false,
        },
        "0.001",
        "",
        "The derivative lab's step h (its log-scale slider).",
    ),
];

/// Most characters of the own-points setting: room for [`crate::neuron::MAX_POINTS`]
/// points of 40 characters, so a link with too many points is refused by their number.
const OWN_POINTS_CHARS: usize = 40 * crate::neuron::MAX_POINTS;

/// The neuron lesson (notebook In[22]–In[35]); the defaults are the notebook's run.
pub const NEURON: &[Setting] = &[
    row(
        "ngate",
        "gate",
        Kind::Choice(&[
            c("and", "AND"),
            c("or", "OR"),
            c("nand", "NAND"),
            c("nor", "NOR"),
            c("xor", "XOR"),
            c("custom", "custom table"),
            c("points", "your own points"),
        ]),
        "and",
        "",
        "The truth table the neuron learns, or your own points on the input plane.",
    ),
    row(
        "ntargets",
        "custom targets",
        Kind::List {
            item: &Kind::Number {
                min: 0.0,
                max: 1.0,
                open_min: false,
                open_max: false,
            },
            min_items: 4,
            max_items: 4,
        },
        "1,0,0,0",
        "",
        "The custom table's four targets, one per row, each in [0, 1].",
    ),
    row(
        "ndata",
        "your own points",
        Kind::Text(OWN_POINTS_CHARS),
        "0.2,0.3,0;0.1,0.8,0;0.5,0.1,0;0.9,0.6,1;0.6,1,1;1,0.9,1",
        "",
        "Your own points, x1,x2,label (label 0 or 1, coordinates in [−10, 10]), separated by ; or one per line, at most 200: click the input plane to add one of the chosen class, drag to move it, click it to remove it.",
    ),
    row(
        "nhidden",
        "hidden layer",
        Kind::Choice(&[
            c("0", "none (one neuron)"),
            c("2", "2 units"),
            c("3", "3 units"),
            c("4", "4 units"),
            c("5", "5 units"),
            c("6", "6 units"),
            c("7", "7 units"),
            c("8", "8 units"),
        ]),
        "0",
        "units",
        "A hidden layer of H units (a 2-H-1 network) or a single neuron.",
    ),
    row(
        "nact",
        "activation",
        Kind::Choice(&[
            c("sigmoid", "sigmoid"),
            c("tanh", "tanh"),
            c("relu", "ReLU"),
        ]),
        "sigmoid",
        "",
        "The activation function σ.",
    ),
    row(
        "nlr",
        "lr (learning rate)",
        Kind::Number {
            min: 0.0,
            max: 100.0,
            open_min: true,
            open_max: false,
        },
        "0.5",
        "",
        "Step size of each update.",
    ),
    row(
        "norder",
        "sample order",
        Kind::Choice(&[
            c("data", "data order (notebook)"),
            c("shuffle", "shuffled (seeded)"),
            c("batch", "full batch"),
        ]),
        "data",
        "",
        "The order samples are trained in within an epoch.",
    ),
    row(
        "ninit",
        "initial weights",
        Kind::Choice(&[
            c("notebook", "the notebook's (cell In[25])"),
            c("seeded", "seeded uniform [−1, 1)"),
            c("explicit", "typed below"),
        ]),
        "notebook",
        "",
        "Where training starts: the notebook's weights (the values its cell In[25] set) are for a single neuron; seeded draws them uniformly in [−1, 1) from the seed; typed uses the weights below.",
    ),
    row(
        "nweights",
        "weights b, w₁, w₂ (a network: W₁, b₁, w₂, b₂)",
        Kind::List {
            item: &Kind::Number {
                min: -1e6,
                max: 1e6,
                open_min: false,
                open_max: false,
            },
            min_items: 0,
            max_items: 33,
        },
        "",
        "",
        "Typed initial weights, comma-separated, in the model's layout.",
    ),
    row(
        "ncost",
        "target cost",
        Kind::Number {
            min: 0.0,
            max: 1.0,
            open_min: false,
            open_max: false,
        },
        "0.001",
        "",
        "Training stops when an epoch's mean cost falls below this.",
    ),
    row(
        "nepochs",
        "max epochs",
        Kind::Integer {
            min: 1,
            max: crate::neuron::TrainerConfig::MAX_EPOCHS as u64,
        },
        "20000",
        "epochs",
        "Training stops after this many epochs.",
    ),
];
