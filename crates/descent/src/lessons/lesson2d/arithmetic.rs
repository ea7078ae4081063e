//! "Show the arithmetic": the update from x_k to x_{k+1} with the numbers substituted.

use crate::optim::explain::{StepView, num, vec2};
use crate::trace::TracedRun;

/// The update from x_k to x_{k+1} of `run`, one line per formula with its numbers
/// substituted (x_k, ∇f(x_k), γ, the optimizer's memory, x_{k+1}). Past the last step,
/// only x_k and ∇f(x_k) with a note why the run stopped.
///
/// ```
/// use std::rc::Rc;
/// use descent::lesson2d::{arithmetic, Config2D};
/// let cfg = Config2D { mode: "exact".into(), order: "simultaneous".into(), ..Config2D::default() };
/// let run = cfg.simulate(Rc::new(descent::objective::notebook_2d()), [1.0, 0.5]).unwrap();
/// let lines = arithmetic(&run, 0);
/// assert_eq!(lines[1], "x_0 = (1, 0.5)");
/// assert_eq!(lines[2], "∇f(x_0) = (2, 2.5)");
/// assert_eq!(lines.last().unwrap(), "x_1 = x_0 − γ·∇f(x_0) = (1, 0.5) − 0.01·(2, 2.5) = (0.98, 0.475)");
/// ```
pub fn arithmetic(run: &TracedRun, k: usize) -> Vec<String> {
    let h = run.run().history();
    if k >= h.len() {
        return Vec::new();
    }
    let spec = run.spec();
    let x = h.point(k);
    let mut lines = vec![
        crate::msg!(
            "core.arith.step",
            "step {k} → {n} ({opt})",
            k = k,
            n = k + 1,
            opt = spec.name()
        ),
        format!("x_{k} = {}", vec2(x)),
        format!("∇f(x_{k}) = {}", vec2(h.gradient(k))),
    ];
    if k + 1 >= h.len() {
        let status = run.run().status().as_str();
        lines.push(crate::msg!(
            "core.arith.stopped",
            "stopped: {status} after {n} step(s)",
            status = crate::text::text(&format!("status.{status}"), status, &[]),
            n = run.run().steps()
        ));
        return lines;
    }
    let g = run
        .used_gradient(k)
        .unwrap_or_else(|| h.gradient(k).to_vec());
    if g.as_slice() != h.gradient(k) {
        lines.push(crate::msg!(
            "core.arith.sequential",
            "sequential order: y's partial is taken at the new x → g = {g}",
            g = vec2(&g)
        ));
    }
    let state = |k: usize, name: &str| run.state_vector(k, name);
    let view = StepView {
        objective: run.run().objective().as_ref(),
        k,
        x,
        g: &g,
        next: h.point(k + 1),
        lr: spec.lr(),
        state: &state,
    };
    let symbol = spec.rule().rate_symbol();
    lines.push(format!("{symbol} = {}", num(view.lr)));
    lines.extend(spec.explain(&view));
    lines
}
