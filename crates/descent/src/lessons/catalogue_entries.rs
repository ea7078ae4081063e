//! The catalogue's table: every classic function with its formula, exact gradient, view box
//! and known minima.

use std::f64::consts::{E, PI};

use super::{Entry, Marker, Param, PointKind};

const fn min(at: &'static [f64], value: f64) -> Marker {
    Marker {
        at,
        value,
        kind: PointKind::Global,
    }
}

const fn local(at: &'static [f64], value: f64) -> Marker {
    Marker {
        at,
        value,
        kind: PointKind::Local,
    }
}

const fn saddle(at: &'static [f64], value: f64) -> Marker {
    Marker {
        at,
        value,
        kind: PointKind::Saddle,
    }
}

const SQRT2: f64 = std::f64::consts::SQRT_2;
/// The tilted double well's minima: roots of 4x³ − 4x + 0.5 (Newton, to the last bit).
const TILT_GLOBAL: f64 = -1.0574537707383778;
const TILT_LOCAL: f64 = 0.9304029265558517;

pub(super) static ENTRIES: [Entry; 17] = [
    Entry {
        id: "notebook-1d",
        name: "(x − 1)², the notebook's",
        dim: 1,
        note: "The notebook's parabola: one minimum, and γ > 1 diverges.",
        view: [-1.0, 4.0, -1.0, 9.0],
        points: &[min(&[1.0], 0.0)],
        param: None,
        formula: "(x-1)**2",
        value: |p, _| (p[0] - 1.0).powi(2),
        gradient: |p, g, _| g[0] = 2.0 * (p[0] - 1.0),
    },
    Entry {
        id: "double-well",
        name: "Tilted double well",
        dim: 1,
        note: "Two valleys: where you start decides which minimum you reach.",
        view: [-2.0, 2.0, -2.0, 3.0],
        points: &[
            min(&[TILT_GLOBAL], -1.5147536412757057),
            local(&[TILT_LOCAL], -0.5167485082852492),
        ],
        param: None,
        formula: "x^4 - 2*x^2 + 0.5*x",
        value: |p, _| {
            let x = p[0];
            x.powi(4) - 2.0 * x * x + 0.5 * x
        },
        gradient: |p, g, _| {
            let x = p[0];
            g[0] = 4.0 * x.powi(3) - 4.0 * x + 0.5;
        },
    },
    Entry {
        id: "plateau",
        name: "Well with a plateau",
        dim: 1,
        note: "Far from the well the slope all but vanishes: descent crawls on the plateau.",
        view: [-5.0, 7.0, -0.2, 1.2],
        points: &[min(&[1.0], 0.0)],
        param: None,
        formula: "1 - exp(-(x-1)^2)",
        value: |p, _| 1.0 - (-(p[0] - 1.0).powi(2)).exp(),
        gradient: |p, g, _| {
            let d = p[0] - 1.0;
            g[0] = 2.0 * d * (-(d * d)).exp();
        },
    },
    Entry {
        id: "bowl-1d",
        name: "Parabola x²/2 · a",
        dim: 1,
        note: "a·x²/2: γ·a decides between crawling (< 1), one step (= 1), oscillating and diverging (> 2).",
        view: [-3.0, 3.0, -1.0, 10.0],
        points: &[min(&[0.0], 0.0)],
        param: Some(Param {
            name: "a (curvature)",
            min: 0.01,
            max: 1000.0,
            default: 1.0,
            range: "a number from 0.01 to 1000",
        }),
        formula: "{k}*x^2/2",
        value: |p, a| a * (p[0] * p[0]) / 2.0,
        gradient: |p, g, a| g[0] = a * p[0],
    },
    Entry {
        id: "notebook-2d",
        name: "x⁴ + y⁴ − 2(x − y)², the notebook's",
        dim: 2,
        note: "The notebook's surface: two minima at ±(√2, −√2) and a saddle at the origin.",
        view: [-3.0, 3.0, -3.0, 3.0],
        points: &[
            min(&[SQRT2, -SQRT2], -8.0),
            min(&[-SQRT2, SQRT2], -8.0),
            saddle(&[0.0, 0.0], 0.0),
        ],
        param: None,
        formula: "x**4 + y**4 - 2*(x-y)**2",
        value: |p, _| {
            let (x, y) = (p[0], p[1]);
            x.powi(4) + y.powi(4) - 2.0 * (x - y).powi(2)
        },
        gradient: |p, g, _| {
            let (x, y) = (p[0], p[1]);
            g[0] = 4.0 * x.powi(3) - 4.0 * (x - y);
            g[1] = 4.0 * y.powi(3) + 4.0 * (x - y);
        },
    },
    Entry {
        id: "rosenbrock",
        name: "Rosenbrock",
        dim: 2,
        note: "A curved, flat-bottomed valley: easy to find, slow to follow to (1, 1).",
        view: [-2.0, 2.0, -1.0, 3.0],
        points: &[min(&[1.0, 1.0], 0.0)],
        param: None,
        formula: "(1 - x)^2 + 100*(y - x^2)^2",
        value: |p, _| {
            let (x, y) = (p[0], p[1]);
            (1.0 - x).powi(2) + 100.0 * (y - x * x).powi(2)
        },
        gradient: |p, g, _| {
            let (x, y) = (p[0], p[1]);
            g[0] = -2.0 * (1.0 - x) - 400.0 * x * (y - x * x);
            g[1] = 200.0 * (y - x * x);
        },
    },
    Entry {
        id: "himmelblau",
        name: "Himmelblau",
        dim: 2,
        note: "Four minima of equal depth: the start decides which one you reach.",
        view: [-5.0, 5.0, -5.0, 5.0],
        points: &[
            min(&[3.0, 2.0], 0.0),
            min(&[-2.805118086952745, 3.131312518250573], 0.0),
            min(&[-3.779310253377747, -3.283185991286169], 0.0),
            min(&[3.5844283403304917, -1.8481265269644034], 0.0),
        ],
        param: None,
        formula: "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
        value: |p, _| {
            let (x, y) = (p[0], p[1]);
            (x * x + y - 11.0).powi(2) + (x + y * y - 7.0).powi(2)
        },
        gradient: |p, g, _| {
            let (x, y) = (p[0], p[1]);
            let (a, b) = (x * x + y - 11.0, x + y * y - 7.0);
            g[0] = 4.0 * x * a + 2.0 * b;
            g[1] = 2.0 * a + 4.0 * y * b;
        },
    },
    Entry {
        id: "beale",
        name: "Beale",
        dim: 2,
        note: "Sharp ridges and flat corners: the step size matters a great deal.",
        view: [-4.5, 4.5, -4.5, 4.5],
        points: &[min(&[3.0, 0.5], 0.0)],
        param: None,
        formula: "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
        value: |p, _| {
            let (x, y) = (p[0], p[1]);
            (1.5 - x + x * y).powi(2)
                + (2.25 - x + x * y * y).powi(2)
                + (2.625 - x + x * y.powi(3)).powi(2)
        },
        gradient: |p, g, _| {
            let (x, y) = (p[0], p[1]);
            let a = 1.5 - x + x * y;
            let b = 2.25 - x + x * y * y;
            let c = 2.625 - x + x * y.powi(3);
            g[0] = 2.0 * a * (y - 1.0) + 2.0 * b * (y * y - 1.0) + 2.0 * c * (y.powi(3) - 1.0);
            g[1] = 2.0 * a * x + 4.0 * b * x * y + 6.0 * c * x * y * y;
        },
    },
    Entry {
        id: "booth",
        name: "Booth",
        dim: 2,
        note: "A tilted quadratic bowl: descent heads straight down.",
        view: [-10.0, 10.0, -10.0, 10.0],
        points: &[min(&[1.0, 3.0], 0.0)],
        param: None,
        formula: "(x + 2*y - 7)^2 + (2*x + y - 5)^2",
        value: |p, _| {
            let (x, y) = (p[0], p[1]);
            (x + 2.0 * y - 7.0).powi(2) + (2.0 * x + y - 5.0).powi(2)
        },
        gradient: |p, g, _| {
            let (x, y) = (p[0], p[1]);
            let (a, b) = (x + 2.0 * y - 7.0, 2.0 * x + y - 5.0);
            g[0] = 2.0 * a + 4.0 * b;
            g[1] = 4.0 * a + 2.0 * b;
        },
    },
    Entry {
        id: "matyas",
        name: "Matyas",
        dim: 2,
        note: "A shallow, elongated bowl: the gradient is small along the diagonal.",
        view: [-10.0, 10.0, -10.0, 10.0],
        points: &[min(&[0.0, 0.0], 0.0)],
        param: None,
        formula: "0.26*(x^2 + y^2) - 0.48*x*y",
        value: |p, _| {
            let (x, y) = (p[0], p[1]);
            0.26 * (x * x + y * y) - 0.48 * x * y
        },
        gradient: |p, g, _| {
            let (x, y) = (p[0], p[1]);
            g[0] = 0.52 * x - 0.48 * y;
            g[1] = 0.52 * y - 0.48 * x;
        },
    },
    Entry {
        id: "three-hump-camel",
        name: "Three-hump camel",
        dim: 2,
        note: "One global minimum between two local ones.",
        view: [-2.5, 2.5, -2.5, 2.5],
        points: &[
            min(&[0.0, 0.0], 0.0),
            local(
                &[1.747552345830289, -0.8737761729151445],
                0.29863844223686054,
            ),
            local(
                &[-1.747552345830289, 0.8737761729151445],
                0.29863844223686054,
            ),
        ],
        param: None,
        formula: "2*x^2 - 1.05*x^4 + x^6/6 + x*y + y^2",
        value: |p, _| {
            let (x, y) = (p[0], p[1]);
            2.0 * x * x - 1.05 * x.powi(4) + x.powi(6) / 6.0 + x * y + y * y
        },
        gradient: |p, g, _| {
            let (x, y) = (p[0], p[1]);
            g[0] = 4.0 * x - 4.2 * x.powi(3) + x.powi(5) + y;
            g[1] = x + 2.0 * y;
        },
    },
    Entry {
        id: "six-hump-camel",
        name: "Six-hump camel",
        dim: 2,
        note: "Two global minima and four local ones.",
        view: [-2.0, 2.0, -1.2, 1.2],
        points: &[
            min(
                &[0.08984201310031807, -0.7126564030207396],
                -1.0316284534898774,
            ),
            min(
                &[-0.08984201310031807, 0.7126564030207396],
                -1.0316284534898774,
            ),
            local(
                &[1.703606714969981, -0.7960835686726251],
                -0.2154638243837188,
            ),
            local(
                &[-1.703606714969981, 0.7960835686726251],
                -0.2154638243837188,
            ),
            local(
                &[-1.6071047529201974, -0.5686514548841313],
                2.1042503103112575,
            ),
            local(
                &[1.6071047529201974, 0.5686514548841313],
                2.1042503103112575,
            ),
        ],
        param: None,
        formula: "(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2",
        value: |p, _| {
            let (x, y) = (p[0], p[1]);
            (4.0 - 2.1 * x * x + x.powi(4) / 3.0) * x * x + x * y + (-4.0 + 4.0 * y * y) * y * y
        },
        gradient: |p, g, _| {
            let (x, y) = (p[0], p[1]);
            g[0] = 8.0 * x - 8.4 * x.powi(3) + 2.0 * x.powi(5) + y;
            g[1] = x - 8.0 * y + 16.0 * y.powi(3);
        },
    },
    Entry {
        id: "rastrigin",
        name: "Rastrigin",
        dim: 2,
        note: "A bowl covered in ripples: a local minimum near every integer point.",
        view: [-5.12, 5.12, -5.12, 5.12],
        points: &[min(&[0.0, 0.0], 0.0)],
        param: None,
        formula: "20 + x^2 - 10*cos(2*pi*x) + y^2 - 10*cos(2*pi*y)",
        value: |p, _| {
            let (x, y) = (p[0], p[1]);
            20.0 + x * x - 10.0 * (2.0 * PI * x).cos() + y * y - 10.0 * (2.0 * PI * y).cos()
        },
        gradient: |p, g, _| {
            for i in 0..2 {
                g[i] = 2.0 * p[i] + 20.0 * PI * (2.0 * PI * p[i]).sin();
            }
        },
    },
    Entry {
        id: "ackley",
        name: "Ackley",
        dim: 2,
        note: "A nearly flat, rippled plain around one deep funnel at the origin.",
        view: [-5.0, 5.0, -5.0, 5.0],
        points: &[min(&[0.0, 0.0], 0.0)],
        param: None,
        formula: "-20*exp(-0.2*sqrt(0.5*(x^2 + y^2))) - exp(0.5*(cos(2*pi*x) + cos(2*pi*y))) + e + 20",
        value: |p, _| {
            let (x, y) = (p[0], p[1]);
            let r = (0.5 * (x * x + y * y)).sqrt();
            let c = 0.5 * ((2.0 * PI * x).cos() + (2.0 * PI * y).cos());
            -20.0 * (-0.2 * r).exp() - c.exp() + E + 20.0
        },
        gradient: |p, g, _| {
            let (x, y) = (p[0], p[1]);
            let r = (0.5 * (x * x + y * y)).sqrt();
            let c = 0.5 * ((2.0 * PI * x).cos() + (2.0 * PI * y).cos());
            let a = (-0.2 * r).exp();
            let b = c.exp();
            for (i, &xi) in [x, y].iter().enumerate() {
                // d/dxᵢ of −20·exp(−0.2 r) is 2·exp(−0.2 r)·xᵢ / r; taken as 0 at r = 0.
                let first = if r > 0.0 { 2.0 * a * xi / r } else { 0.0 };
                g[i] = first + b * PI * (2.0 * PI * xi).sin();
            }
        },
    },
    Entry {
        id: "saddle",
        name: "Saddle x² − y²",
        dim: 2,
        note: "No minimum: a start on the x-axis stalls at the saddle, any other escapes.",
        view: [-2.0, 2.0, -2.0, 2.0],
        points: &[saddle(&[0.0, 0.0], 0.0)],
        param: None,
        formula: "x^2 - y^2",
        value: |p, _| p[0] * p[0] - p[1] * p[1],
        gradient: |p, g, _| {
            g[0] = 2.0 * p[0];
            g[1] = -2.0 * p[1];
        },
    },
    Entry {
        id: "monkey-saddle",
        name: "Monkey saddle",
        dim: 2,
        note: "A saddle with three valleys going down, where the gradient vanishes to second order.",
        view: [-2.0, 2.0, -2.0, 2.0],
        points: &[saddle(&[0.0, 0.0], 0.0)],
        param: None,
        formula: "x^3 - 3*x*y^2",
        value: |p, _| {
            let (x, y) = (p[0], p[1]);
            x.powi(3) - 3.0 * x * y * y
        },
        gradient: |p, g, _| {
            let (x, y) = (p[0], p[1]);
            g[0] = 3.0 * x * x - 3.0 * y * y;
            g[1] = -6.0 * x * y;
        },
    },
    Entry {
        id: "bowl",
        name: "Quadratic bowl",
        dim: 2,
        note: "(x² + κy²)/2: the larger the condition number κ, the more descent zig-zags.",
        view: [-3.0, 3.0, -3.0, 3.0],
        points: &[min(&[0.0, 0.0], 0.0)],
        param: Some(Param {
            name: "κ (condition number)",
            min: 1.0,
            max: 1000.0,
            default: 10.0,
            range: "a number from 1 to 1000",
        }),
        formula: "(x^2 + {k}*y^2)/2",
        value: |p, k| (p[0] * p[0] + k * (p[1] * p[1])) / 2.0,
        gradient: |p, g, k| {
            g[0] = p[0];
            g[1] = k * p[1];
        },
    },
];
