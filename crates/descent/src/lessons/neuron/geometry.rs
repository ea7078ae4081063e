//! What the unit-square view draws: the output over a grid, the decision line of a single
//! neuron and the boundary curve (output = ½) of any model.

use contour::ContourBuilder;

use super::model::Model;

/// The model's output at the centres of an `nx` × `ny` grid of pixels over the square
/// [lo, hi]², row-major with row 0 at the top (y = hi), as an image is laid out. `None`
/// when nx·ny overflows or its memory cannot be had.
pub fn output_grid(model: &dyn Model, nx: usize, ny: usize, lo: f64, hi: f64) -> Option<Vec<f64>> {
    let (sx, sy) = ((hi - lo) / nx as f64, (hi - lo) / ny as f64);
    let mut out = Vec::new();
    out.try_reserve_exact(nx.checked_mul(ny)?).ok()?;
    for j in 0..ny {
        let y = hi - (j as f64 + 0.5) * sy;
        for i in 0..nx {
            out.push(model.predict(&[lo + (i as f64 + 0.5) * sx, y]));
        }
    }
    Some(out)
}

/// The segment of the line w₀x + w₁y + b = z½ (where the output is ½) inside [lo, hi]², as
/// `[x₁, y₁, x₂, y₂]`; None for a model with a hidden layer, without two inputs, or whose
/// line misses the square.
pub fn decision_line(model: &dyn Model, lo: f64, hi: f64) -> Option<[f64; 4]> {
    if model.hidden() != 0 || model.inputs() != 2 {
        return None;
    }
    let p = model.params();
    let (b, w0, w1) = (p[0], p[1], p[2]);
    let c = model.activation().z_at_half() - b;
    let mut pts: Vec<[f64; 2]> = Vec::with_capacity(4);
    let inside = |v: f64| v >= lo - 1e-12 && v <= hi + 1e-12;
    for edge in [lo, hi] {
        if w1 != 0.0 {
            let y = (c - w0 * edge) / w1;
            if inside(y) {
                pts.push([edge, y]);
            }
        }
        if w0 != 0.0 {
            let x = (c - w1 * edge) / w0;
            if inside(x) {
                pts.push([x, edge]);
            }
        }
    }
    let mut best: Option<([f64; 2], [f64; 2], f64)> = None;
    for (i, a) in pts.iter().enumerate() {
        for b in &pts[i + 1..] {
            let d = (a[0] - b[0]).hypot(a[1] - b[1]);
            if d > best.map_or(1e-12, |t| t.2) && d.is_finite() {
                best = Some((*a, *b, d));
            }
        }
    }
    best.map(|(a, b, _)| [a[0], a[1], b[0], b[1]])
}

/// The curves where the output equals ½ over [lo, hi]², traced on an n × n grid of
/// samples with marching squares (`contour`), each as `[x, y]` points. The output's
/// sublevel set is traced as a superlevel set of −output, and the segments the tracer adds
/// along the grid's frame are dropped, so only the boundary itself remains.
pub fn boundary(model: &dyn Model, n: usize, lo: f64, hi: f64) -> Vec<Vec<[f64; 2]>> {
    let n = n.clamp(4, 512);
    let step = (hi - lo) / (n - 1) as f64;
    let mut values = Vec::with_capacity(n * n);
    for j in 0..n {
        let y = lo + j as f64 * step;
        for i in 0..n {
            values.push(-model.predict(&[lo + i as f64 * step, y]));
        }
    }
    let Ok(lines) = ContourBuilder::new(n, n, true).lines(&values, &[-0.5]) else {
        return Vec::new();
    };
    // The tracer puts sample i at coordinate i + ½ and runs its frame along 0 and n:
    // keep the runs of points off the frame, without repeated points.
    let m = n as f64;
    let on_frame = |x: f64, y: f64| x <= 0.0 || y <= 0.0 || x >= m || y >= m;
    let mut out = Vec::new();
    for line in lines {
        for ls in line.geometry().0.iter() {
            let mut cur: Vec<[f64; 2]> = Vec::new();
            for c in &ls.0 {
                if on_frame(c.x, c.y) {
                    if cur.len() > 1 {
                        out.push(std::mem::take(&mut cur));
                    }
                    cur.clear();
                    continue;
                }
                let p = [lo + (c.x - 0.5) * step, lo + (c.y - 0.5) * step];
                if cur.last() != Some(&p) {
                    cur.push(p);
                }
            }
            if cur.len() > 1 {
                out.push(cur);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::neuron::{Activation, Neuron};

    #[test]
    fn line_of_and_gate_crosses_the_square() {
        // x + y − 1.5 = 0 meets the unit square at (0.5, 1) and (1, 0.5).
        let n = Neuron::new(-1.5, &[1.0, 1.0], Activation::Sigmoid).unwrap();
        let s = decision_line(&n, 0.0, 1.0).unwrap();
        let mut ends = [[s[0], s[1]], [s[2], s[3]]];
        ends.sort_by(|a, b| a[0].total_cmp(&b[0]));
        assert!((ends[0][0] - 0.5).abs() < 1e-12 && (ends[0][1] - 1.0).abs() < 1e-12);
        assert!((ends[1][0] - 1.0).abs() < 1e-12 && (ends[1][1] - 0.5).abs() < 1e-12);
        let far = Neuron::new(-10.0, &[1.0, 1.0], Activation::Sigmoid).unwrap();
        assert_eq!(decision_line(&far, 0.0, 1.0), None);
    }

    #[test]
    fn grid_is_top_row_first() {
        // a = σ(10(y − 0.5)): top rows near 1, bottom rows near 0.
        let n = Neuron::new(-5.0, &[0.0, 10.0], Activation::Sigmoid).unwrap();
        let g = output_grid(&n, 4, 4, 0.0, 1.0).unwrap();
        assert_eq!(
            output_grid(&n, usize::MAX, 2, 0.0, 1.0),
            None,
            "nx·ny overflows"
        );
        assert_eq!(
            output_grid(&n, 1 << 40, 1 << 20, 0.0, 1.0),
            None,
            "no such memory"
        );
        assert_eq!(g.len(), 16);
        assert!(g[0] > 0.9 && g[15] < 0.1);
    }

    #[test]
    fn boundary_follows_the_line_without_the_frame() {
        let n = Neuron::new(-1.5, &[1.0, 1.0], Activation::Sigmoid).unwrap();
        let curves = boundary(&n, 41, 0.0, 1.0);
        assert!(!curves.is_empty());
        let pts: Vec<[f64; 2]> = curves.into_iter().flatten().collect();
        assert!(pts.len() >= 2);
        for p in pts {
            assert!((p[0] + p[1] - 1.5).abs() < 1e-3, "{p:?} is off the line");
        }
    }
}
