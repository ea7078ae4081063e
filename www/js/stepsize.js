// The step-size view: φ(γ) = f(x − γ∇f(x)) against γ at the iterate on screen, with the
// learning rate γ (drag it, or use the arrow keys, to set it), the Armijo line, the exact
// minimiser along the line and 2/L. Shared by lessons 1 and 2.

import { Plot } from './plot.js';
import { colour } from './a11y/palette.js';
import { showNumber, t } from './i18n.js';

/** Samples of φ per view. */
const SAMPLES = 240;
/** The Armijo constant c the line is drawn with when the lesson gives none (the line search's default). */
const ARMIJO_C = 1e-4;
/** How near (px) a press must be to the γ marker to drag it. */
const GRAB_PX = 12;

/** φ values beyond this many times the span of the visible part are cut from the axis. */
const CLIP = 1e12;

export class StepSizeView {
  /**
   * @param {HTMLElement} root  holds `canvas[data-role="stepsize"]`, `[name="stepsize-scale"]`
   *   and `[data-out="stepsize"]` (the explanation)
   * @param {{ask: (log: boolean, n: number) => object|null, onGamma: (gamma: number) => void, c?: () => number}} opts
   *   `ask(log, n)` computes the view's `StepSize` record at the iterate on screen (null: none);
   *   `onGamma(γ)` is called with a learning rate the person chose on the plot; `c()` is
   *   the Armijo constant of the run's line search (undefined: 10⁻⁴)
   */
  constructor(root, { ask, onGamma, c = () => undefined }) {
    this.c = () => c() ?? ARMIJO_C;
    this.canvas = root.querySelector('[data-role="stepsize"]');
    this.scale = root.querySelector('[name="stepsize-scale"]');
    this.text = root.querySelector('[data-out="stepsize"]');
    this.ask = ask;
    this.onGamma = onGamma;
    this.scale?.addEventListener('change', () => this.refresh());
    this.plot = new Plot(this.canvas, { onResize: () => this.draw() });
    this.data = null;
    this.dragging = null; // the γ being dragged, until release
    this.canvas.tabIndex = 0;
    this.canvas.addEventListener('pointerdown', (ev) => this.press(ev));
    this.canvas.addEventListener('pointermove', (ev) => this.move(ev));
    this.canvas.addEventListener('pointerup', (ev) => this.release(ev));
    this.canvas.addEventListener('pointercancel', () => { this.dragging = null; this.draw(); });
    this.canvas.addEventListener('keydown', (ev) => this.key(ev));
  }

  /** Whether φ is sampled on a log axis of γ. */
  get log() { return this.scale?.value === 'log'; }

  /** Computes the view at the iterate on screen and draws it. */
  refresh() {
    this.show(this.ask(this.log, SAMPLES));
  }

  /** Shows a `StepSize` record from the bindings (or null: nothing to show) and frees it. */
  show(record) {
    if (!record) { this.data = null; this.draw(); return; }
    const d = {};
    for (const k of ['gammas', 'phi', 'f0', 'g2', 'gamma', 'exactGamma', 'exactValue', 'curvature', 'critical', 'factor']) d[k] = record[k];
    record.free();
    this.data = d;
    this.draw();
  }

  draw() {
    const d = this.data;
    const p = this.plot;
    p.resize();
    p.clear();
    if (!d) { this.publish(null); this.text.textContent = ''; return; }
    const log = this.log;
    const xs = log ? d.gammas.map(Math.log10) : d.gammas;
    const { lo, hi } = this.range(d);
    p.setView(xs[0], xs[xs.length - 1], lo, hi);
    p.axes({ xlabel: log ? 'log₁₀ γ' : 'γ', ylabel: 'φ(γ)' });
    p.clip();
    const gx = (g) => (log ? Math.log10(g) : g);
    const vline = (g, color, dash) => { if (Number.isFinite(g) && g > 0) p.polyline([gx(g), gx(g)], [lo, hi], { color, width: 1.5, dash }); };
    vline(d.critical, colour('c-diverged', this.canvas), [6, 4]);
    const c = this.c();
    const armijo = d.gammas.map((g) => d.f0 - c * g * d.g2);
    p.polyline(xs, armijo, { color: colour('c-tangent', this.canvas), width: 1.5, dash: [4, 3] });
    p.polyline(xs, d.phi, { color: colour('c-f', this.canvas), width: 2 });
    if (Number.isFinite(d.exactGamma)) p.dots([gx(d.exactGamma)], [d.exactValue], { color: colour('c-minimum', this.canvas), r: 5 });
    const gamma = this.dragging ?? d.gamma;
    vline(gamma, colour('c-current', this.canvas), null);
    p.unclip();
    this.handle(gx(gamma), lo, hi);
    this.publish(gamma);
    this.explain(gamma);
  }

  /** The φ axis: the finite samples (those of a blow-up cut at CLIP) with a margin. */
  range(d) {
    let lo = Math.min(d.f0, Number.isFinite(d.exactValue) ? d.exactValue : d.f0);
    let hi = d.f0;
    for (const v of d.phi) if (Number.isFinite(v) && Math.abs(v) < CLIP) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    if (!(hi > lo)) { lo -= 1; hi += 1; }
    const pad = 0.06 * (hi - lo);
    return { lo: lo - pad, hi: hi + pad };
  }

  /** The draggable knob of the γ marker, at the top of the plot. */
  handle(x, lo, hi) {
    const p = this.plot;
    const X = p.px(x);
    if (!Number.isFinite(X)) return;
    const Y = p.py(hi) + 8;
    const c = p.ctx;
    c.save();
    c.fillStyle = colour('c-current', this.canvas);
    c.strokeStyle = colour('plot-bg', this.canvas);
    c.lineWidth = 2;
    c.beginPath();
    c.arc(X, Y, 7, 0, 2 * Math.PI);
    c.fill();
    c.stroke();
    c.restore();
    this.knob = { X, lo };
  }

  /** The marks in data attributes, for tests and embedders. */
  publish(gamma) {
    const d = this.data;
    const ds = this.canvas.dataset;
    if (!d) { delete ds.marks; return; }
    ds.marks = JSON.stringify({ gamma, c: this.c(), exact: d.exactGamma, critical: d.critical, curvature: d.curvature, samples: d.gammas.length, log: this.log });
  }

  /** Why γ above 2/L diverges on a quadratic, with this iterate's numbers. */
  explain(gamma) {
    const d = this.data;
    // Four significant digits: the marks are read off a plot.
    const fmt = (v) => showNumber(String(Number(v.toPrecision(4))));
    const parts = [];
    if (Number.isFinite(d.critical)) {
      const factor = Math.abs(1 - gamma * d.curvature);
      parts.push(t('ss.why', { L: fmt(d.curvature), crit: fmt(d.critical) }));
      parts.push(t(gamma > d.critical ? 'ss.grows' : 'ss.shrinks', { gamma: fmt(gamma), factor: fmt(factor) }));
    } else if (Number.isFinite(d.curvature)) {
      parts.push(t('ss.concave', { L: fmt(d.curvature) }));
    }
    parts.push(Number.isFinite(d.exactGamma) ? t('ss.exact', { g: fmt(d.exactGamma), v: fmt(d.exactValue) }) : t('ss.noexact'));
    this.text.textContent = parts.join(' ');
  }

  /** γ at a pointer position (positive, three significant digits), or null off the axis. */
  gammaAt(ev) {
    const x = this.plot.toData(ev).x;
    const g = this.log ? 10 ** x : x;
    return g > 0 && Number.isFinite(g) ? Number(g.toPrecision(3)) : null;
  }

  press(ev) {
    if (!this.data || !this.knob) return;
    const X = this.plot.size.local(ev).x;
    if (Math.abs(X - this.knob.X) > GRAB_PX) return;
    this.dragging = this.data.gamma;
    this.canvas.setPointerCapture?.(ev.pointerId);
    ev.preventDefault();
  }

  move(ev) {
    if (this.dragging === null) return;
    const g = this.gammaAt(ev);
    if (g !== null) { this.dragging = g; this.draw(); }
  }

  release(ev) {
    if (this.dragging === null) return;
    const g = this.gammaAt(ev) ?? this.dragging;
    this.dragging = null;
    this.choose(g);
  }

  /** ← and → scale γ by 0.9 and 1.1 (with Shift: 0.5 and 2). */
  key(ev) {
    if (!this.data || !['ArrowLeft', 'ArrowRight'].includes(ev.key)) return;
    ev.preventDefault();
    ev.stopPropagation();
    const up = ev.key === 'ArrowRight';
    const k = ev.shiftKey ? (up ? 2 : 0.5) : (up ? 1.1 : 0.9);
    this.choose(Number((this.data.gamma * k).toPrecision(3)));
  }

  choose(g) {
    if (!(g > 0) || g === this.data.gamma) { this.draw(); return; }
    this.data.gamma = g;
    this.draw();
    this.onGamma(g);
  }
}
