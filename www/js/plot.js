// A small canvas plot: data↔pixel mapping, crisp on high-DPI screens and in scaled slides,
// labels sized from the surrounding text, redrawn on resize.

import { SizeWatch } from './size.js';
import { colour } from './a11y/palette.js';
import { showNumber } from './i18n.js';

/** Pretty tick positions covering [a, b] with about `n` ticks. */
export function ticks(a, b, n = 6) {
  const span = b - a;
  if (!(span > 0) || !isFinite(span)) return [];
  const raw = span / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => span / s <= n) ?? 10 * mag;
  const out = [];
  for (let t = Math.ceil(a / step) * step; t <= b + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return out;
}

/** Short label for a tick value. */
export function fmtTick(v) {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return showNumber(a >= 1e4 || a < 1e-3 ? v.toExponential(0) : String(Number(v.toPrecision(4))));
}

/** Axis labels' size on a page whose text is 16 px (CSS px). */
const LABEL_PX = 11;

export class Plot {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {{margin?: {l:number,r:number,t:number,b:number}, onResize?: () => void}} opts
   */
  constructor(canvas, opts = {}) {
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.baseMargin = opts.margin ?? { l: 52, r: 14, t: 12, b: 30 };
    this.margin = { ...this.baseMargin };
    this.labelPx = LABEL_PX;
    this.view = { x0: -1, x1: 1, y0: -1, y1: 1 };
    this.onResize = opts.onResize ?? null;
    this.size = new SizeWatch(canvas, () => {
      if (this.resize()) this.onResize?.();
    });
    this.resize();
    addEventListener('descent:theme', () => this.onResize?.());
    // The page's text size changed: the labels follow it, even where the canvas did not move.
    addEventListener('descent:text', () => { this.fontFor = null; this.resize(); this.onResize?.(); });
  }

  /**
   * Matches the backing store to the on-screen size × devicePixelRatio (the CSS size times
   * the scale of any transform around the canvas), and the labels and margins to the text
   * size around it; true if the backing store changed.
   */
  resize() {
    const rect = this.size;
    const dpr = (window.devicePixelRatio || 1) * rect.scale;
    this.fitLabels();
    const w = Math.max(1, Math.round(rect.width * dpr));
    const h = Math.max(1, Math.round(rect.height * dpr));
    const changed = w !== this.canvas.width || h !== this.canvas.height;
    if (changed) {
      this.canvas.width = w;
      this.canvas.height = h;
    }
    this.w = rect.width;
    this.h = rect.height;
    this.dpr = dpr;
    this.ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    return changed;
  }

  /**
   * Labels at LABEL_PX on text of 16 px, in proportion to the canvas's font size otherwise
   * (never smaller); the margins that hold them grow with them. Read again when the
   * canvas's size changes (not on every frame).
   */
  fitLabels() {
    if (this.fontFor === this.size.width) return;
    this.fontFor = this.size.width;
    const text = parseFloat(getComputedStyle(this.canvas).fontSize) || 16;
    const px = Math.max(LABEL_PX, Math.round((LABEL_PX * text) / 16));
    if (px === this.labelPx) return;
    this.labelPx = px;
    const k = px / LABEL_PX;
    for (const side of ['l', 'r', 't', 'b']) this.margin[side] = Math.round(this.baseMargin[side] * k);
  }

  /** The CSS font of the axis labels (bold: a heavier weight). */
  font(bold = false, k = 1) {
    return `${bold ? 'bold ' : ''}${Math.round(this.labelPx * k)}px system-ui, sans-serif`;
  }

  /** Sets the data window and publishes it (data-view) for tests and embedders. */
  setView(x0, x1, y0, y1) {
    this.view = { x0, x1, y0, y1 };
    const m = this.margin;
    this.canvas.dataset.view = JSON.stringify({ ...this.view, ...m, w: this.w, h: this.h });
  }

  px(x) {
    const { x0, x1 } = this.view;
    const m = this.margin;
    return m.l + ((x - x0) / (x1 - x0)) * (this.w - m.l - m.r);
  }

  py(y) {
    const { y0, y1 } = this.view;
    const m = this.margin;
    return this.h - m.b - ((y - y0) / (y1 - y0)) * (this.h - m.t - m.b);
  }

  /**
   * Data coordinates of a pointer event (or `{clientX, clientY}`): its position mapped
   * through the canvas's real on-screen transform, so it is right in a scaled slide too.
   */
  toData(ev) {
    const { x, y } = this.size.local(ev);
    const m = this.margin;
    const { x0, x1, y0, y1 } = this.view;
    const fx = (x - m.l) / (this.w - m.l - m.r);
    const fy = (this.h - m.b - y) / (this.h - m.t - m.b);
    return { x: x0 + fx * (x1 - x0), y: y0 + fy * (y1 - y0) };
  }

  /** Fills the canvas with the theme's plot background. */
  clear() {
    this.ctx.save();
    this.ctx.fillStyle = colour('plot-bg', this.canvas);
    this.ctx.fillRect(0, 0, this.w, this.h);
    this.ctx.restore();
  }

  /** Frame, grid, ticks and labels (`xfmt`/`yfmt` format tick values, e.g. for log axes). */
  axes({ xlabel = '', ylabel = '', xfmt = fmtTick, yfmt = fmtTick } = {}) {
    const c = this.ctx;
    const m = this.margin;
    const { x0, x1, y0, y1 } = this.view;
    c.save();
    c.font = this.font();
    c.fillStyle = colour('plot-text', this.canvas);
    c.strokeStyle = colour('plot-grid', this.canvas);
    c.lineWidth = 1;
    c.textAlign = 'center';
    c.textBaseline = 'top';
    const k = this.labelPx / LABEL_PX;
    for (const t of ticks(x0, x1, Math.max(2, Math.floor(this.w / (80 * k))))) {
      const x = Math.round(this.px(t)) + 0.5;
      c.beginPath(); c.moveTo(x, m.t); c.lineTo(x, this.h - m.b); c.stroke();
      c.fillText(xfmt(t), x, this.h - m.b + 4);
    }
    c.textAlign = 'right';
    c.textBaseline = 'middle';
    for (const t of ticks(y0, y1, Math.max(2, Math.floor(this.h / (50 * k))))) {
      const y = Math.round(this.py(t)) + 0.5;
      c.beginPath(); c.moveTo(m.l, y); c.lineTo(this.w - m.r, y); c.stroke();
      c.fillText(yfmt(t), m.l - 4, y);
    }
    c.strokeStyle = colour('plot-axis', this.canvas);
    if (y0 < 0 && y1 > 0) { const y = Math.round(this.py(0)) + 0.5; c.beginPath(); c.moveTo(m.l, y); c.lineTo(this.w - m.r, y); c.stroke(); }
    if (x0 < 0 && x1 > 0) { const x = Math.round(this.px(0)) + 0.5; c.beginPath(); c.moveTo(x, m.t); c.lineTo(x, this.h - m.b); c.stroke(); }
    c.strokeRect(m.l + 0.5, m.t + 0.5, this.w - m.l - m.r, this.h - m.t - m.b);
    c.textAlign = 'right';
    c.textBaseline = 'bottom';
    if (xlabel) c.fillText(xlabel, this.w - m.r, this.h - 2);
    c.textAlign = 'left';
    c.textBaseline = 'top';
    if (ylabel) c.fillText(ylabel, 4, 2);
    c.restore();
  }

  /** Clips further drawing to the plot area until `unclip()`. */
  clip() {
    const m = this.margin;
    this.ctx.save();
    this.ctx.beginPath();
    this.ctx.rect(m.l, m.t, this.w - m.l - m.r, this.h - m.t - m.b);
    this.ctx.clip();
  }

  unclip() {
    this.ctx.restore();
  }

  /**
   * A polyline through (xs[i], ys[i]) for i < n; breaks at non-finite points. A point within
   * half a pixel of the last one drawn is skipped (the last point of a piece never is), so a
   * curve of 10⁵ steps costs the pixels it covers, not its steps.
   */
  polyline(xs, ys, { color = 'black', width = 1.5, alpha = 1, dash = null, n = xs.length } = {}) {
    const c = this.ctx;
    c.save();
    c.strokeStyle = color;
    c.globalAlpha = alpha;
    c.lineWidth = width;
    c.lineJoin = 'round';
    if (dash) c.setLineDash(dash);
    c.beginPath();
    let pen = false;
    let lastX = 0;
    let lastY = 0;
    let skipped = false;
    let skipX = 0;
    let skipY = 0;
    for (let i = 0; i < n; i++) {
      const X = this.px(xs[i]);
      const Y = this.py(ys[i]);
      if (!isFinite(X) || !isFinite(Y) || Math.abs(Y) > 1e6 || Math.abs(X) > 1e6) {
        if (skipped) c.lineTo(skipX, skipY);
        pen = false;
        skipped = false;
        continue;
      }
      if (pen && Math.abs(X - lastX) < 0.5 && Math.abs(Y - lastY) < 0.5) {
        skipX = X;
        skipY = Y;
        skipped = true;
        continue;
      }
      if (pen) c.lineTo(X, Y); else c.moveTo(X, Y);
      pen = true;
      skipped = false;
      lastX = X;
      lastY = Y;
    }
    if (skipped) c.lineTo(skipX, skipY);
    c.stroke();
    c.restore();
  }

  /**
   * When (x, y) lies outside the data window (±∞ included, NaN not), draws an arrow at the
   * plot's border pointing towards it and returns true; publishes the point in `data-edge`
   * ("" when it is inside), for tests and embedders.
   */
  edgeMarker(x, y, { color = colour('c-diverged', this.canvas) } = {}) {
    const { x0, x1, y0, y1 } = this.view;
    const dx = x < x0 ? -1 : x > x1 ? 1 : 0;
    const dy = y < y0 ? -1 : y > y1 ? 1 : 0;
    if (Number.isNaN(x) || Number.isNaN(y) || (dx === 0 && dy === 0)) {
      this.canvas.dataset.edge = '';
      return false;
    }
    const m = this.margin;
    const inset = 12;
    const X = Math.min(Math.max(this.px(Math.min(Math.max(x, x0), x1)), m.l + inset), this.w - m.r - inset);
    const Y = Math.min(Math.max(this.py(Math.min(Math.max(y, y0), y1)), m.t + inset), this.h - m.b - inset);
    const ang = Math.atan2(-dy, dx); // pixel y grows downwards
    const c = this.ctx;
    c.save();
    c.translate(X, Y);
    c.rotate(ang);
    c.fillStyle = color;
    c.strokeStyle = colour('c-on-map', this.canvas);
    c.lineWidth = 1.5;
    c.beginPath();
    c.moveTo(10, 0);
    c.lineTo(-8, -8);
    c.lineTo(-3, 0);
    c.lineTo(-8, 8);
    c.closePath();
    c.fill();
    c.stroke();
    c.restore();
    this.canvas.dataset.edge = JSON.stringify({ x: String(x), y: String(y), px: X, py: Y });
    return true;
  }

  /** Filled discs at (xs[i], ys[i]). */
  dots(xs, ys, { color = 'black', r = 2.5, alpha = 1, n = xs.length, stroke = null } = {}) {
    const c = this.ctx;
    c.save();
    c.fillStyle = color;
    c.globalAlpha = alpha;
    for (let i = 0; i < n; i++) {
      const X = this.px(xs[i]);
      const Y = this.py(ys[i]);
      if (!isFinite(X) || !isFinite(Y) || Math.abs(Y) > 1e6 || Math.abs(X) > 1e6) continue;
      c.beginPath();
      c.arc(X, Y, r, 0, 2 * Math.PI);
      c.fill();
      if (stroke) { c.strokeStyle = stroke; c.lineWidth = 1.5; c.stroke(); }
    }
    c.restore();
  }
}
