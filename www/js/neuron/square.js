// The unit-square view: the output as a heatmap (an RGBA buffer filled in Rust), the
// decision line or boundary curve, and the samples coloured by their target (a person's
// own points widen the window to hold them all).

import { colour } from '../a11y/palette.js';

/** The square's data window: the unit square with a margin, as TF Playground shows it. */
export const LO = -0.25;
export const HI = 1.25;
/** Room left around the outermost of a person's own points, in data units. */
const PAD = 0.15;

/** The square data window `[lo, hi]` that holds the unit square's and every input. */
export function windowOf(inputs) {
  let lo = LO;
  let hi = HI;
  for (const v of inputs) {
    if (v - PAD < lo) lo = v - PAD;
    if (v + PAD > hi) hi = v + PAD;
  }
  return [lo, hi];
}

/** Heatmap resolution (pixels per side); the canvas smooths it when scaling up. */
const CELLS = 100;

const offscreen = document.createElement('canvas');
offscreen.width = CELLS;
offscreen.height = CELLS;

/** Puts the heatmap of `handle` at view position `k` under the plot's data window. */
function heatmap(plot, handle, k, cmap, [lo, hi]) {
  const rgba = handle.heatmap(k, CELLS, CELLS, lo, hi, cmap);
  offscreen.getContext('2d').putImageData(new ImageData(rgba, CELLS, CELLS), 0, 0);
  const c = plot.ctx;
  c.save();
  c.imageSmoothingEnabled = true;
  c.drawImage(offscreen, plot.px(lo), plot.py(hi), plot.px(hi) - plot.px(lo), plot.py(lo) - plot.py(hi));
  c.restore();
}

/** Splits interleaved x, y pairs into two arrays (NaN pairs stay, as breaks). */
function unzip(pairs) {
  const n = pairs.length / 2;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) { xs[i] = pairs[2 * i]; ys[i] = pairs[2 * i + 1]; }
  return [xs, ys];
}

/** A line drawn twice (dark under light) so it reads on every colour of the heatmap. */
function haloLine(plot, xs, ys, dash = null) {
  plot.polyline(xs, ys, { color: colour('c-ink', plot.canvas), width: 4.5, alpha: 0.8 });
  plot.polyline(xs, ys, { color: colour('c-on-map', plot.canvas), width: 2, dash });
}

/**
 * Draws the square for `handle` at view position `k` (−1: live weights).
 * @param {import('../plot.js').Plot} plot
 * `points` (`[inputs, targets]`) draws other samples than the handle's over its output: a
 * drag's preview.
 * @param {{cmap: string, current: number, wasm: object, points?: [ArrayLike<number>, ArrayLike<number>]}} opts
 */
export function drawSquare(plot, handle, k, { cmap, current = -1, wasm, points = null }) {
  plot.resize();
  const inputs = handle.inputs();
  const [lo, hi] = windowOf(inputs);
  plot.setView(lo, hi, lo, hi);
  plot.clear();
  heatmap(plot, handle, k, cmap, [lo, hi]);
  plot.axes({ xlabel: 'x₁', ylabel: 'x₂' });
  plot.clip();
  let boundary = 'none';
  if (handle.hidden() === 0) {
    const seg = handle.decisionLine(k, lo, hi);
    if (seg.length === 4) {
      haloLine(plot, [seg[0], seg[2]], [seg[1], seg[3]]);
      boundary = 'line';
    }
  } else {
    const [xs, ys] = unzip(handle.boundary(k, 64, lo, hi));
    if (xs.length > 1) {
      haloLine(plot, xs, ys);
      boundary = 'curve';
    }
  }
  const [xy, targets] = points ?? [inputs, handle.targets()];
  // Many points are drawn smaller, so that they stay apart.
  const r = targets.length <= 16 ? 8 : 6;
  for (let i = 0; i < targets.length; i++) {
    const x = xy[2 * i];
    const y = xy[2 * i + 1];
    if (i === current) plot.dots([x], [y], { color: colour('c-current', plot.canvas), r: r + 7 });
    plot.dots([x], [y], { color: colour('c-ink', plot.canvas), r: r + 2 });
    plot.dots([x], [y], { color: wasm.colormapCss(cmap, targets[i]), r, stroke: colour('c-on-map', plot.canvas) });
  }
  plot.unclip();
  plot.canvas.dataset.boundary = boundary;
}
