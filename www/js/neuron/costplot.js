// The cost curve: each epoch's mean cost (linear or log axis), the target and the cursor.

import { colour } from '../a11y/palette.js';
import { t } from '../i18n.js';

/**
 * Draws the cost curve of `handle` with the cursor at epoch `k`.
 * @param {import('../plot.js').Plot} plot
 */
export function drawCost(plot, handle, k, log) {
  const [COST, TARGET] = [colour('c-cost', plot.canvas), colour('c-target', plot.canvas)];
  const ys = handle.costCurve(log);
  const n = ys.length;
  const target = handle.targetHeight(log);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of ys) if (isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (isFinite(target)) { lo = Math.min(lo, target); hi = Math.max(hi, target); }
  if (!log) lo = 0;
  if (!(hi > lo)) { hi = lo + 1; }
  const pad = (hi - lo) * 0.05;
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = i + 1;
  plot.resize();
  plot.setView(0, Math.max(n, 10), log ? lo - pad : 0, hi + pad);
  plot.clear();
  plot.axes({ xlabel: t('n.w.epoch'), ylabel: log ? t('n.axis.logcost') : t('n.w.cost') });
  plot.clip();
  if (isFinite(target)) plot.polyline([0, Math.max(n, 10)], [target, target], { color: TARGET, width: 1.5, dash: [6, 4] });
  plot.polyline(xs, ys, { color: COST, width: 2 });
  if (k >= 1 && k <= n) {
    plot.polyline([k, k], [plot.view.y0, plot.view.y1], { color: colour('c-cursor', plot.canvas), width: 1 });
    plot.dots([k], [ys[k - 1]], { color: COST, r: 4.5, stroke: colour('c-on-map', plot.canvas) });
  }
  plot.unclip();
  plot.canvas.dataset.points = String(n);
}
