// The neuron's own cost surface: the mean cost over two chosen parameters as a heatmap with
// contour lines, the others held at the epoch on screen, with the training path projected
// onto the plane and the epoch's point. Both follow the transport.

import { Plot } from '../plot.js';
import { colour } from '../a11y/palette.js';
import { showNumber, t } from '../i18n.js';
import { SurfaceView } from '../lesson2d/surface.js';

/** Grid cells a side. */
const CELLS = 96;
/** Vertices a side of the 3-D view's mesh (as lesson 2's). */
const MESH = 30;

/** Four significant digits, as the page's language writes them. */
const short = (v) => showNumber(String(Number(v.toPrecision(4))));

export class LandscapeView {
  /**
   * @param {HTMLElement} root  holds `canvas[data-role="landscape"]`, the selects
   *   `[name="land-a"]` and `[name="land-b"]`, `[data-out="landscape"]` (the text), and the
   *   3-D view's `canvas[data-role="landscape-3d"]` with its switch `[name="land-3d"]`
   */
  constructor(root) {
    this.canvas = root.querySelector('[data-role="landscape"]');
    this.canvas3d = root.querySelector('[data-role="landscape-3d"]');
    this.canvas3d.tabIndex = 0;
    this.in3d = root.querySelector('[name="land-3d"]');
    this.in3d.addEventListener('change', () => this.switch3d());
    this.pick = [root.querySelector('[name="land-a"]'), root.querySelector('[name="land-b"]')];
    this.text = root.querySelector('[data-out="landscape"]');
    this.plot = new Plot(this.canvas, { margin: { l: 52, r: 10, t: 10, b: 30 }, onResize: () => this.draw() });
    this.canvas.tabIndex = 0;
    this.image = document.createElement('canvas');
    this.handle = null;
    this.names = [];
    for (const s of this.pick) s.addEventListener('change', () => this.refresh());
  }

  /** Uses trainer `handle` (its parameters' names fill the selects; a choice that still exists stays). */
  setHandle(handle) {
    this.handle = handle;
    const names = handle.paramNames();
    if (names.join() !== this.names.join()) {
      const kept = this.pick.map((s) => s.value);
      const dflt = handle.hidden() === 0 ? [1, 2] : [names.indexOf('w₂[1]'), names.indexOf('w₂[2]')];
      this.pick.forEach((s, i) => {
        s.replaceChildren(...names.map((n, j) => new Option(n, String(j))));
        s.value = kept[i] !== '' && Number(kept[i]) < names.length ? kept[i] : String(dflt[i]);
      });
      if (this.pick[0].value === this.pick[1].value) this.pick[1].value = String(dflt[0] === Number(this.pick[0].value) ? dflt[1] : dflt[0]);
      this.names = names;
    }
  }

  /** Shows the surface with the other parameters held after epoch `k` (−1: the last trained). */
  show(k) {
    this.k = k;
    this.refresh();
  }

  refresh() {
    if (!this.handle) return;
    const [a, b] = this.pick.map((s) => Number(s.value));
    if (a === b) {
      this.data = null;
      this.text.textContent = t('land.same');
      this.draw();
      return;
    }
    const r = this.handle.landscape(this.k ?? -1, a, b, CELLS);
    const d = { a, b };
    for (const key of ['n', 'view', 'rgba', 'isoPoints', 'isoStarts', 'path', 'at', 'cost']) d[key] = r[key];
    r.free();
    const img = this.image;
    img.width = d.n;
    img.height = d.n;
    img.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(d.rgba.buffer), d.n, d.n), 0, 0);
    this.data = d;
    this.describe();
    this.draw();
    if (this.in3d.checked) this.draw3d();
  }

  /** Shows the surface in 3-D instead of the heatmap, or back. */
  switch3d() {
    const on = this.in3d.checked;
    this.canvas3d.hidden = !on;
    this.canvas.hidden = on;
    if (on) this.draw3d();
  }

  /**
   * The 3-D view: the same slice of the cost as a shaded surface (drag to turn it), with
   * the training path lifted onto it up to the epoch shown.
   */
  draw3d() {
    const d = this.data;
    if (!d) return;
    this.surface ??= new SurfaceView(this.canvas3d, null, { onRotate: () => {} });
    const [x0, x1, y0, y1] = d.view;
    this.surface.setSurface(this.handle.surface(this.k ?? -1, d.a, d.b, x0, x1, y0, y1, MESH), d.view);
    const epochs = d.path.length / 2 - 1;
    const k = this.k >= 0 ? Math.min(this.k, epochs) : epochs;
    this.surface.setScene({ k, runs: [{ points: d.path, colour: colour('c-path', this.canvas3d), steps: epochs }], selected: 0 });
    this.canvas3d.dataset.landscape = this.canvas.dataset.landscape;
  }

  draw() {
    const p = this.plot;
    p.resize();
    p.clear();
    const d = this.data;
    if (!d) return;
    const [x0, x1, y0, y1] = d.view;
    p.setView(x0, x1, y0, y1);
    const m = p.margin;
    const c = p.ctx;
    c.save();
    c.imageSmoothingEnabled = true;
    c.drawImage(this.image, m.l, m.t, p.w - m.l - m.r, p.h - m.t - m.b);
    c.restore();
    p.axes({ xlabel: this.names[d.a], ylabel: this.names[d.b] });
    p.clip();
    const line = colour('c-on-map', this.canvas);
    for (let s = 0; s + 1 < d.isoStarts.length; s++) {
      const from = d.isoStarts[s];
      const to = d.isoStarts[s + 1];
      const xs = [];
      const ys = [];
      for (let i = from; i < to; i++) { xs.push(d.isoPoints[2 * i]); ys.push(d.isoPoints[2 * i + 1]); }
      p.polyline(xs, ys, { color: line, width: 0.8, alpha: 0.55 });
    }
    const n = d.path.length / 2;
    const px = Float64Array.from({ length: n }, (_, i) => d.path[2 * i]);
    const py = Float64Array.from({ length: n }, (_, i) => d.path[2 * i + 1]);
    p.polyline(px, py, { color: colour('c-path', this.canvas), width: 3.5, alpha: 0.5 });
    p.polyline(px, py, { color: line, width: 1.6 });
    p.dots([px[0]], [py[0]], { color: line, r: 3.5 });
    p.dots([d.at[0]], [d.at[1]], { color: colour('c-current', this.canvas), r: 6, stroke: line });
    p.unclip();
    this.canvas.dataset.landscape = JSON.stringify({ a: this.names[d.a], b: this.names[d.b], at: Array.from(d.at), cost: d.cost, epochs: n - 1, view: Array.from(d.view) });
  }

  /** What is held fixed, the point's cost, and (for the network) why the path leaves the valleys. */
  describe() {
    const d = this.data;
    const held = this.names.filter((_, i) => i !== d.a && i !== d.b);
    const parts = [t('land.held', {
      a: this.names[d.a],
      b: this.names[d.b],
      held: held.join(', '),
      at: `(${short(d.at[0])}, ${short(d.at[1])})`,
      cost: short(d.cost),
    })];
    parts.push(t(this.handle.hidden() > 0 ? 'land.network' : 'land.neuron'));
    this.text.textContent = parts.join(' ');
  }
}
