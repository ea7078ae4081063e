//! The neuron's own cost surface: the mean cost over the truth table as a function of two
//! chosen parameters, the others held at their values at one epoch, with the training path
//! projected onto that plane.
//!
//! Training moves every parameter at once, so the path is the projection of a descent in
//! the full parameter space: on the slice it need not run downhill, and for the hidden-layer
//! network, whose other weights change as it goes, it can cross the slice's valleys.

use std::cell::RefCell;
use std::rc::Rc;

use super::data::TruthTable;
use super::model::Model;
use super::trainer::Trainer;
use crate::error::ConfigError;
use crate::field::{ContourMap, Spacing, ViewBox};
use crate::objective::Objective;

/// Most cells a side of the surface's grid may have.
pub const MAX_CELLS: usize = 160;
/// Levels of its contour lines.
pub const LEVELS: usize = 12;
/// Most sample evaluations one surface may cost, per parameter: grid cells × table rows ×
/// parameters. A surface is computed in one go (about 10 ms a million natively and in the
/// browser), so a large table gets a coarser grid; the gates' four rows on the 8-unit
/// network (96² × 4 × 33) stay within it.
pub const MAX_WORK: usize = 2_000_000;

/// The grid side a surface of `trainer` gets when `n` cells are asked for: `n`, or fewer
/// (at least 8) when `n`² cells × rows × parameters would exceed [`MAX_WORK`].
pub fn cells(trainer: &Trainer, n: usize) -> usize {
    let per_cell = trainer.data().len() * trainer.history().n_params();
    let side = (MAX_WORK / per_cell.max(1)).isqrt();
    n.min(side.max(8))
}

/// The mean cost C(θ) = (1/N) Σ ½(a − y)² over the table, as a function of parameters `a`
/// and `b` of `model`, the others fixed.
struct Slice {
    model: RefCell<Box<dyn Model>>,
    data: TruthTable,
    a: usize,
    b: usize,
}

impl Objective for Slice {
    fn dim(&self) -> usize {
        2
    }

    fn value(&self, p: &[f64]) -> f64 {
        let mut m = self.model.borrow_mut();
        m.params_mut()[self.a] = p[0];
        m.params_mut()[self.b] = p[1];
        let n = self.data.len();
        let total: f64 = (0..n)
            .map(|i| m.cost(self.data.input(i), self.data.target(i)))
            .sum();
        total / n as f64
    }
}

/// The surface at one epoch: its contour map, the projected path and the point on screen.
#[derive(Debug, Clone)]
pub struct Landscape {
    /// The mean cost over the plane of the two parameters (heatmap and isolines).
    pub map: ContourMap,
    /// The two parameters' values after every epoch, flat pairs (epoch 0 first).
    pub path: Vec<f64>,
    /// The two parameters at the epoch shown.
    pub at: [f64; 2],
    /// Every parameter at the epoch shown (the held ones included).
    pub held: Vec<f64>,
    /// The mean cost there.
    pub cost: f64,
}

/// The name of parameter `i` of a model with `inputs` inputs and `hidden` hidden units, as
/// the page writes it: `b`, `w₁`, `w₂` for a neuron; `W₁[j,i]`, `b₁[j]`, `w₂[j]`, `b₂` for
/// the network (layout `[W₁, b₁, w₂, b₂]`, 1-based indices).
pub fn param_name(inputs: usize, hidden: usize, i: usize) -> String {
    let sub = |n: usize| -> String {
        n.to_string()
            .chars()
            .map(|c| char::from_u32(0x2080 + c.to_digit(10).unwrap_or(0)).unwrap_or(c))
            .collect()
    };
    if hidden == 0 {
        return if i == 0 {
            "b".into()
        } else {
            format!("w{}", sub(i))
        };
    }
    let w1 = hidden * inputs;
    match i {
        i if i < w1 => format!("W₁[{},{}]", i / inputs + 1, i % inputs + 1),
        i if i < w1 + hidden => format!("b₁[{}]", i - w1 + 1),
        i if i < w1 + 2 * hidden => format!("w₂[{}]", i - w1 - hidden + 1),
        _ => "b₂".into(),
    }
}

/// The mean cost as a function of parameters `a` and `b` (its two coordinates), the others
/// held at their values after epoch `k` (clamped to the epochs trained): the surface the
/// 3-D view draws. Refused for two equal or unknown parameters.
pub fn slice(
    trainer: &Trainer,
    k: usize,
    a: usize,
    b: usize,
) -> Result<Rc<dyn Objective>, ConfigError> {
    check_pair(trainer, a, b)?;
    let epochs = trainer.epoch().min(trainer.history().epochs());
    Ok(Rc::new(held_slice(
        trainer,
        trainer.history().weights(k.min(epochs)),
        a,
        b,
    )))
}

/// The slice through `held` (every parameter) along parameters `a` and `b`.
fn held_slice(trainer: &Trainer, held: &[f64], a: usize, b: usize) -> Slice {
    let mut model = trainer.model().clone_box();
    model.params_mut().copy_from_slice(held);
    Slice {
        model: RefCell::new(model),
        data: trainer.data().clone(),
        a,
        b,
    }
}

/// Refuses two equal parameters, or one the model does not have.
fn check_pair(trainer: &Trainer, a: usize, b: usize) -> Result<(), ConfigError> {
    let params = trainer.history().n_params();
    if a >= params || b >= params || a == b {
        return Err(ConfigError::Invalid {
            field: "landscape",
            message: crate::msg!(
                "core.land.pair",
                "two different parameters of 0 to {last} are needed (got {a} and {b})",
                last = params - 1,
                a = a,
                b = b
            ),
        });
    }
    Ok(())
}

/// The surface over parameters `a` and `b` with the others held at their values after
/// epoch `k` (clamped to the epochs trained), on an `n` × `n` grid (fewer cells for a large
/// table, see [`cells`]) over a box that holds
/// the whole path with a margin of a quarter of its extent (at least 0.5).
pub fn landscape(
    trainer: &Trainer,
    k: usize,
    a: usize,
    b: usize,
    n: usize,
) -> Result<Landscape, ConfigError> {
    check_pair(trainer, a, b)?;
    crate::error::count("landscape cells", "2 to 160", n, 2, MAX_CELLS)?;
    let n = cells(trainer, n);
    let history = trainer.history();
    let epochs = trainer.epoch().min(history.epochs());
    let path: Vec<f64> = (0..=epochs)
        .flat_map(|e| {
            let w = history.weights(e);
            [w[a], w[b]]
        })
        .collect();
    let held = history.weights(k.min(epochs)).to_vec();
    let view = frame(&path)?;
    let slice = held_slice(trainer, &held, a, b);
    let map = ContourMap::compute(&slice, view, n, n, LEVELS, Spacing::Quantile)?;
    let at = [held[a], held[b]];
    Ok(Landscape {
        map,
        path,
        cost: slice.value(&at),
        at,
        held,
    })
}

/// The box around the path, grown by a quarter of its larger side (at least 0.5).
fn frame(path: &[f64]) -> Result<ViewBox, ConfigError> {
    ViewBox::around(path, 0.0)
        .map(|tight| (0.25 * tight.width().max(tight.height())).max(0.5))
        .and_then(|margin| ViewBox::around(path, margin))
        .ok_or(ConfigError::Invalid {
            field: "landscape",
            message: crate::msg!("core.land.nofinite", "the path has no finite point"),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::neuron::NeuronConfig;

    fn trained() -> Trainer {
        let mut t = NeuronConfig::default().build().unwrap();
        t.train();
        t
    }

    #[test]
    fn the_surface_is_the_mean_cost_with_the_others_held() {
        let t = trained();
        let k = 100;
        let l = landscape(&t, k, 1, 2, 48).unwrap();
        let w = t.history().weights(k).to_vec();
        assert_eq!(l.held, w);
        assert_eq!(l.at, [w[1], w[2]]);
        // Every grid value is the mean of ½(σ(b + w·x) − y)² over the four AND rows.
        let grid = &l.map.grid;
        let data = t.data();
        for (i, j) in [(0, 0), (10, 30), (47, 47)] {
            let [w1, w2] = grid.centre(i, j);
            let mut want = 0.0;
            for r in 0..data.len() {
                let x = data.input(r);
                let a = 1.0 / (1.0 + (-(w[0] + w1 * x[0] + w2 * x[1])).exp());
                want += 0.5 * (a - data.target(r)).powi(2);
            }
            want /= data.len() as f64;
            let got = grid.values()[j * grid.nx() + i];
            assert!(
                (got - want).abs() < 1e-12,
                "C({w1}, {w2}) = {got}, want {want}"
            );
        }
    }

    #[test]
    fn the_slice_is_the_surface_the_map_samples() {
        let t = trained();
        let l = landscape(&t, 100, 1, 2, 16).unwrap();
        let f = slice(&t, 100, 1, 2).unwrap();
        assert_eq!(f.dim(), 2);
        assert_eq!(f.value(&l.at), l.cost);
        let grid = &l.map.grid;
        let [w1, w2] = grid.centre(5, 9);
        assert_eq!(f.value(&[w1, w2]), grid.values()[9 * grid.nx() + 5]);
        assert!(slice(&t, 0, 1, 1).is_err() && slice(&t, 0, 0, 3).is_err());
    }

    #[test]
    fn the_path_is_every_epochs_pair_and_the_box_holds_it() {
        let t = trained();
        let l = landscape(&t, 0, 1, 2, 16).unwrap();
        assert_eq!(l.path.len(), 2 * (t.epoch() + 1));
        assert_eq!(
            &l.path[..2],
            &[t.history().weights(0)[1], t.history().weights(0)[2]]
        );
        let v = l.map.grid.view();
        for p in l.path.chunks_exact(2) {
            assert!(p[0] > v.x_min && p[0] < v.x_max && p[1] > v.y_min && p[1] < v.y_max);
        }
        // Training lowers the cost along the path's end on the slice of the last epoch.
        let end = landscape(&t, t.epoch(), 1, 2, 16).unwrap();
        let slice_at = |l: &Landscape, p: [f64; 2]| {
            let mut m = t.model().clone_box();
            m.params_mut().copy_from_slice(&l.held);
            let s = Slice {
                model: RefCell::new(m),
                data: t.data().clone(),
                a: 1,
                b: 2,
            };
            s.value(&p)
        };
        let start = [l.path[0], l.path[1]];
        assert!(slice_at(&end, end.at) < slice_at(&end, start));
        assert!(slice_at(&end, end.at) < 0.001);
    }

    #[test]
    fn parameters_are_named_and_bad_choices_refused() {
        assert_eq!(param_name(2, 0, 0), "b");
        assert_eq!(param_name(2, 0, 2), "w₂");
        // 2-3-1: W₁ is 3 rows of 2, then b₁ (3), w₂ (3), b₂.
        let names: Vec<String> = (0..13).map(|i| param_name(2, 3, i)).collect();
        assert_eq!(names[0], "W₁[1,1]");
        assert_eq!(names[5], "W₁[3,2]");
        assert_eq!(names[6], "b₁[1]");
        assert_eq!(names[9], "w₂[1]");
        assert_eq!(names[12], "b₂");
        let t = trained();
        assert!(landscape(&t, 0, 1, 1, 16).is_err());
        assert!(landscape(&t, 0, 0, 3, 16).is_err());
        assert!(landscape(&t, 0, 0, 1, 1000).is_err());
    }

    #[test]
    fn a_large_table_gets_a_coarser_grid_within_the_work_bound() {
        let gate = trained();
        assert_eq!(cells(&gate, 96), 96);
        let points: Vec<String> = (0..200)
            .map(|i| format!("{},{},{}", f64::from(i % 20) / 2.0, i / 20, i % 2))
            .collect();
        let config = crate::neuron::NeuronConfig {
            gate: "points".into(),
            data: points.join(";"),
            hidden: 8.0,
            init: "seeded".into(),
            max_epochs: 10.0,
            ..Default::default()
        };
        let mut t = config.build().unwrap();
        t.train();
        let n = cells(&t, 96);
        assert!(n * n * 200 * 33 <= MAX_WORK && n >= 8, "{n}");
        let l = landscape(&t, 5, 0, 1, 96).unwrap();
        assert_eq!((l.map.grid.nx(), l.map.grid.ny()), (n, n));
    }
}
