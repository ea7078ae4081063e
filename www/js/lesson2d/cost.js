// The cost panel: f − f_min (or f) against step, one curve per run, linear or log scale.

import { Plot } from '../plot.js';
import { colour } from '../a11y/palette.js';
import { t } from '../i18n.js';

/** Curves drawn at full width; with more, all but the selected one are drawn thin. */
const THIN_AFTER = 12;

/** A curve's colour on this theme: the path ink for the black racer, which vanishes on a dark plot. */
const ink = (c, at) => (c === colour('c-race-4', at) ? colour('c-path', at) : c);

export class CostPanel {
  constructor(canvas) {
    this.canvas = canvas;
    this.plot = new Plot(canvas, { onResize: () => this.draw() });
    this.curves = null;
  }

  /** `curves`: [{ys: Float64Array (already log₁₀ when log), colour, diverged, steps}]. */
  set(curves, { log, relative, last }) {
    this.curves = curves;
    this.opts = { log, relative, last };
    this.layerCurves = null;
  }

  /** No curves until the next `set`: an empty panel rather than the last runs' curves. */
  clear() {
    this.curves = null;
    this.layerCurves = null;
    this.plot.ctx.setTransform(1, 0, 0, 1, 0, 0);
    this.plot.ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
  }

  draw(k = this.k ?? 0) {
    this.k = k;
    if (!this.curves) return;
    const p = this.plot;
    p.resize();
    // The curves change only with the runs or the size: they are drawn once into an
    // offscreen layer, and a frame copies it and adds the cursor line.
    const size = `${this.canvas.width}x${this.canvas.height}|${colour('plot-bg', this.canvas)}`;
    if (this.layerCurves !== this.curves || this.layerSize !== size) {
      this.drawCurves();
      this.layer ??= document.createElement('canvas');
      this.layer.width = this.canvas.width;
      this.layer.height = this.canvas.height;
      this.layer.getContext('2d').drawImage(this.canvas, 0, 0);
      this.layerCurves = this.curves;
      this.layerSize = size;
    } else {
      p.ctx.setTransform(1, 0, 0, 1, 0, 0);
      p.ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
      p.ctx.drawImage(this.layer, 0, 0);
      p.resize();
    }
    const { lo, hi, pad } = this.range;
    p.clip();
    p.polyline([k, k], [lo - pad, hi + pad], { color: colour('plot-text', this.canvas), width: 1, dash: [4, 4] });
    p.unclip();
  }

  /** Axes and every curve (no cursor), with the view their range needs. */
  drawCurves() {
    const p = this.plot;
    const { log, relative, last } = this.opts;
    let lo = Infinity;
    let hi = -Infinity;
    for (const c of this.curves) for (const v of c.ys) if (Number.isFinite(v) && Math.abs(v) < 1e12) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    if (!(hi > lo)) { lo = Number.isFinite(lo) ? lo - 1 : 0; hi = lo + 2; }
    const pad = 0.05 * (hi - lo);
    p.setView(0, Math.max(1, last), lo - pad, hi + pad);
    p.clear();
    const what = relative ? 'f − f_min' : 'f';
    p.axes({ xlabel: t('l2.axis.step'), ylabel: log ? `log₁₀(${what})` : what });
    p.clip();
    const marks = [];
    // Beyond a few curves the others are drawn one pixel wide: a thin line is rasterised
    // several times faster, and a hundred curves of thousands of steps stay within a frame.
    const width = this.curves.length > THIN_AFTER ? 1 : 1.6;
    let xs = new Float64Array(0);
    this.curves.forEach((c, i) => {
      if (xs.length < c.ys.length) xs = Float64Array.from({ length: c.ys.length }, (_, j) => j);
      p.polyline(xs, c.ys, { color: ink(c.colour, this.canvas), width: c.selected ? 2.5 : width, n: c.ys.length });
      if (c.diverged) {
        let j = c.ys.length - 1;
        while (j > 0 && !(Number.isFinite(c.ys[j]) && Math.abs(c.ys[j]) < 1e12)) j--;
        const X = p.px(j);
        const Y = p.py(Math.min(c.ys[j], hi));
        const ctx = p.ctx;
        ctx.save();
        ctx.strokeStyle = colour('c-diverged', this.canvas);
        ctx.lineWidth = 3;
        ctx.beginPath();
        ctx.moveTo(X - 6, Y - 6); ctx.lineTo(X + 6, Y + 6); ctx.moveTo(X + 6, Y - 6); ctx.lineTo(X - 6, Y + 6);
        ctx.stroke();
        ctx.restore();
        marks.push(i);
      }
    });
    p.unclip();
    this.range = { lo, hi, pad };
    this.canvas.dataset.curves = String(this.curves.length);
    this.canvas.dataset.diverged = JSON.stringify(marks);
  }
}
