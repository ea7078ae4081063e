// The contour view: heatmap and isolines computed in Rust, paths, arrows, marks, basin layer;
// pan by drag, zoom by wheel or pinch, click to place a start.

import { Plot } from '../plot.js';
import { colour } from '../a11y/palette.js';

const HOME = { x0: -3, x1: 3, y0: -3, y1: 3 };
/** Trails drawn at full width with an outline; with more, all but the selected one are drawn thin. */
const THIN_AFTER = 12;

/**
 * Adds the pixel (X, Y) to a trail's path as `Plot.polyline` does: a point off the canvas's
 * reach (not finite, or beyond ±10⁶ px) lifts the pen. Returns whether the pen is down.
 */
function extend(path, X, Y, pen) {
  if (!isFinite(X) || !isFinite(Y) || Math.abs(Y) > 1e6 || Math.abs(X) > 1e6) return false;
  if (pen) path.lineTo(X, Y); else path.moveTo(X, Y);
  return true;
}

export class ContourView {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {object} wasm
   * @param {{onClick: (x: number, y: number) => void, onView: () => void}} hooks
   */
  constructor(canvas, wasm, { onClick, onView }) {
    this.wasm = wasm;
    this.plot = new Plot(canvas, { onResize: () => this.draw() });
    this.canvas = canvas;
    this.view = { ...HOME };
    this.onClick = onClick;
    this.onView = onView;
    this.field = null;
    this.fieldKey = '';
    this.image = document.createElement('canvas');
    this.basinImage = null;
    this.scene = null;
    this.pending = false;
    // Says when the contour segment budget leaves some levels undrawn.
    this.note = document.createElement('p');
    this.note.className = 'note';
    this.note.dataset.out = 'contour-note';
    this.note.hidden = true;
    canvas.after(this.note);
    this.listen();
  }

  /** Shows function `key`; `view` is the box [x0, x1, y0, y1] it opens on. */
  setFunction(key, view) {
    this.field?.free();
    this.field = new this.wasm.Field2D(key);
    this.fieldKey = '';
    this.homeView = { x0: view[0], x1: view[1], y0: view[2], y1: view[3] };
    this.view = { ...this.homeView };
  }

  setSpacing(spacing) {
    this.spacing = spacing;
    this.fieldKey = '';
  }

  setView(v) {
    if (!(v.x1 > v.x0 && v.y1 > v.y0) || ![v.x0, v.x1, v.y0, v.y1].every(Number.isFinite)) return;
    this.view = { ...v };
    this.onView?.();
    this.request();
  }

  home() {
    this.setView(this.homeView ?? HOME);
  }

  /** Redraws on the next animation frame (coalesced). */
  request() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => { this.pending = false; this.draw(); });
  }

  /** Recomputes the field in Rust when the view, function or spacing changed. */
  ensureField() {
    const { x0, x1, y0, y1 } = this.view;
    const key = `${x0},${x1},${y0},${y1},${this.spacing}`;
    if (key === this.fieldKey) return;
    this.fieldKey = key;
    const t0 = performance.now();
    this.field.compute(x0, x1, y0, y1, 256, 256, 24, this.spacing ?? 'quantile');
    this.fieldMs = performance.now() - t0;
    const n = this.field.nx();
    this.image.width = n;
    this.image.height = this.field.ny();
    const data = new ImageData(new Uint8ClampedArray(this.field.rgba().buffer), n, this.field.ny());
    this.image.getContext('2d').putImageData(data, 0, 0);
    this.iso = { pts: this.field.isoPoints(), starts: this.field.isoStarts() };
    const note = this.field.levelsNote();
    this.note.textContent = note;
    this.note.hidden = !note;
  }

  /** Shows a basin layer (RGBA labels for the box it was computed over), or none. */
  setBasin(layer) {
    if (!layer) {
      if (this.basinImage) this.basinVersion = (this.basinVersion ?? 0) + 1;
      this.basinImage = null;
      this.request();
      return;
    }
    const c = (this.basinImage ??= { canvas: document.createElement('canvas') }).canvas;
    c.width = layer.nx;
    c.height = layer.ny;
    c.getContext('2d').putImageData(new ImageData(new Uint8ClampedArray(layer.rgba.buffer), layer.nx, layer.ny), 0, 0);
    this.basinImage.box = layer.box;
    this.basinVersion = (this.basinVersion ?? 0) + 1;
    this.request();
  }

  /** What to draw over the field: see lesson2d.js `scene()`. */
  setScene(scene) {
    this.scene = scene;
    this.draw();
  }

  draw() {
    if (!this.field) return;
    const t0 = performance.now();
    const p = this.plot;
    p.resize();
    p.setView(this.view.x0, this.view.x1, this.view.y0, this.view.y1);
    this.ensureField();
    this.ensureBackground();
    const c = p.ctx;
    c.save();
    c.setTransform(1, 0, 0, 1, 0, 0);
    c.clearRect(0, 0, this.canvas.width, this.canvas.height);
    c.drawImage(this.bg, 0, 0);
    c.restore();
    p.clip();
    if (this.scene) this.drawScene(this.scene);
    p.unclip();
    this.frameMs = performance.now() - t0;
    this.canvas.dataset.frameMs = this.frameMs.toFixed(2);
  }

  /**
   * The heatmap, basin layer, isolines and axes change only with the view, the field, the
   * basin layer or the canvas size: they are drawn once into an offscreen canvas at device
   * resolution, and each frame copies it 1:1 before drawing the paths.
   */
  ensureBackground() {
    const key = `${this.fieldKey}|${this.basinVersion ?? 0}|${this.canvas.width}x${this.canvas.height}|${colour('plot-bg', this.canvas)}`;
    if (key === this.bgKey) return;
    this.bgKey = key;
    this.bg ??= document.createElement('canvas');
    this.bg.width = this.canvas.width;
    this.bg.height = this.canvas.height;
    const p = this.plot;
    const main = p.ctx;
    const c = this.bg.getContext('2d');
    c.setTransform(p.dpr, 0, 0, p.dpr, 0, 0);
    p.ctx = c;
    try {
      const m = p.margin;
      p.clear();
      c.imageSmoothingEnabled = true;
      c.drawImage(this.image, m.l, m.t, p.w - m.l - m.r, p.h - m.t - m.b);
      if (this.basinImage) {
        const b = this.basinImage.box;
        p.clip();
        c.imageSmoothingEnabled = false;
        const X0 = p.px(b.x0), X1 = p.px(b.x1), Y0 = p.py(b.y1), Y1 = p.py(b.y0);
        c.drawImage(this.basinImage.canvas, X0, Y0, X1 - X0, Y1 - Y0);
        p.unclip();
      }
      this.drawIsolines();
      p.axes({ xlabel: 'x', ylabel: 'y' });
    } finally {
      p.ctx = main;
    }
  }

  drawIsolines() {
    const { pts, starts } = this.iso;
    const p = this.plot;
    const c = p.ctx;
    c.save();
    p.clip();
    c.strokeStyle = 'rgba(255,255,255,0.55)';
    c.lineWidth = 0.8;
    c.beginPath();
    for (let k = 0; k + 1 < starts.length; k++) {
      for (let i = starts[k]; i < starts[k + 1]; i++) {
        const X = p.px(pts[2 * i]);
        const Y = p.py(pts[2 * i + 1]);
        if (i === starts[k]) c.moveTo(X, Y); else c.lineTo(X, Y);
      }
    }
    c.stroke();
    p.unclip();
    c.restore();
  }

  drawScene(s) {
    const p = this.plot;
    const c = p.ctx;
    const marks = [];
    // The catalogue's known minima (green rings) and saddles (grey crosses).
    for (const m of s.markers ?? []) {
      const X = p.px(m.at[0]);
      const Y = p.py(m.at[1]);
      c.save();
      c.lineWidth = 2;
      c.strokeStyle = colour(m.kind === 'saddle' ? 'c-saddle' : 'c-known-min', this.canvas);
      c.beginPath();
      if (m.kind === 'saddle') { c.moveTo(X - 5, Y); c.lineTo(X + 5, Y); c.moveTo(X, Y - 5); c.lineTo(X, Y + 5); } else c.arc(X, Y, 7, 0, 2 * Math.PI);
      c.stroke();
      c.restore();
    }
    this.canvas.dataset.markers = String((s.markers ?? []).length);
    s.runs.forEach((r, i) => {
      const n = Math.min(s.k, r.steps) + 1;
      const { xs, ys, path } = this.trail(r.points, n);
      const selected = i === s.selected;
      // Beyond a few trails the others are drawn one pixel wide with no outline, as the cost
      // panel draws its curves: a thin line rasterises several times faster, and a hundred
      // trails of thousands of steps stay within a frame.
      const thin = !selected && s.runs.length > THIN_AFTER;
      const wide = selected ? 3 : thin ? 1 : 1.8;
      if (!thin) this.stroke(path, colour('c-outline', this.canvas), wide + 2, 0.35);
      this.stroke(path, r.colour, wide, 1);
      p.dots([xs[0]], [ys[0]], { color: r.colour, r: 3 });
      let last = xs.length - 1;
      while (last > 0 && !(Math.abs(xs[last]) < 1e6 && Math.abs(ys[last]) < 1e6)) last--;
      if (r.status === 'diverged' && s.k >= r.steps) {
        const v = this.view;
        const x = Math.min(Math.max(xs[last], v.x0), v.x1);
        const y = Math.min(Math.max(ys[last], v.y0), v.y1);
        this.cross(p.px(x), p.py(y));
        marks.push({ run: i, x, y });
      } else {
        p.dots([xs[last]], [ys[last]], { color: r.colour, r: i === s.selected ? 6 : 4, stroke: colour('c-on-map', this.canvas) });
      }
      xs.pop();
      ys.pop();
    });
    this.canvas.dataset.diverged = JSON.stringify(marks);
    // The current point of the selected run, when it is outside the window: an edge marker.
    const cur = s.current;
    if (cur) p.edgeMarker(cur[0], cur[1]); else this.canvas.dataset.edge = '';
    const a = s.arrows;
    if (a) {
      const len = 0.1 * (this.view.x1 - this.view.x0);
      this.arrow(a.x, a.y, a.grad, len, colour('c-arrow', this.canvas), '−∇f');
      if (a.velocity) this.arrow(a.x, a.y, a.velocity, len, colour('c-velocity', this.canvas), 'velocity');
    }
  }

  /**
   * The first `n` points of a trail (x, y interleaved in `points`), decimated to the pixels
   * they cover: a point within half a pixel of the last one kept is skipped; the first and
   * the last (current) point always stay. The kept points before the last are remembered
   * per trail and view with their path in pixels, so a frame of a playing trail only looks
   * at the new steps. Returns the points (arrays ending with the current point, which the
   * caller pops once it has drawn them) and the path through them.
   */
  trail(points, n) {
    const p = this.plot;
    const { x0, x1, y0, y1 } = p.view;
    const key = `${x0},${x1},${y0},${y1},${p.w},${p.h},${points.length}`;
    this.trails ??= new WeakMap();
    let t = this.trails.get(points);
    if (!t || t.key !== key || t.done > n - 1) {
      t = { key, done: 0, xs: [], ys: [], lx: NaN, ly: NaN, path: new Path2D(), pen: false };
      this.trails.set(points, t);
    }
    for (let j = t.done; j < n - 1; j++) {
      const x = points[2 * j];
      const y = points[2 * j + 1];
      const X = p.px(x);
      const Y = p.py(y);
      if (j > 0 && Math.abs(X - t.lx) < 0.5 && Math.abs(Y - t.ly) < 0.5) continue;
      t.xs.push(x); t.ys.push(y); t.lx = X; t.ly = Y;
      t.pen = extend(t.path, X, Y, t.pen);
    }
    t.done = Math.max(t.done, n - 1);
    const x = points[2 * (n - 1)];
    const y = points[2 * (n - 1) + 1];
    t.xs.push(x);
    t.ys.push(y);
    const path = new Path2D(t.path);
    extend(path, p.px(x), p.py(y), t.pen);
    return { xs: t.xs, ys: t.ys, path };
  }

  /** Strokes a trail's path as `Plot.polyline` draws a line. */
  stroke(path, color, width, alpha) {
    const c = this.plot.ctx;
    c.save();
    c.strokeStyle = color;
    c.globalAlpha = alpha;
    c.lineWidth = width;
    c.lineJoin = 'round';
    c.stroke(path);
    c.restore();
  }

  /** The diverged mark: a bold ✕. */
  cross(X, Y) {
    const c = this.plot.ctx;
    c.save();
    c.strokeStyle = colour('c-diverged', this.canvas);
    c.lineWidth = 4;
    c.beginPath();
    c.moveTo(X - 9, Y - 9); c.lineTo(X + 9, Y + 9);
    c.moveTo(X + 9, Y - 9); c.lineTo(X - 9, Y + 9);
    c.stroke();
    c.fillStyle = colour('c-diverged', this.canvas);
    c.font = this.plot.font(true, 12 / 11);
    c.fillText('diverged', X + 11, Y - 6);
    c.restore();
  }

  /** An arrow from (x, y) along `d` drawn `len` data units long (direction only). */
  arrow(x, y, d, len, colour, label) {
    const norm = Math.hypot(d[0], d[1]);
    if (!(norm > 0) || !Number.isFinite(norm)) return;
    const p = this.plot;
    const X0 = p.px(x), Y0 = p.py(y);
    const X1 = p.px(x + (d[0] / norm) * len), Y1 = p.py(y + (d[1] / norm) * len);
    const c = p.ctx;
    const ang = Math.atan2(Y1 - Y0, X1 - X0);
    c.save();
    c.strokeStyle = colour;
    c.fillStyle = colour;
    c.lineWidth = 2.5;
    c.beginPath(); c.moveTo(X0, Y0); c.lineTo(X1, Y1); c.stroke();
    c.beginPath();
    c.moveTo(X1, Y1);
    c.lineTo(X1 - 10 * Math.cos(ang - 0.4), Y1 - 10 * Math.sin(ang - 0.4));
    c.lineTo(X1 - 10 * Math.cos(ang + 0.4), Y1 - 10 * Math.sin(ang + 0.4));
    c.fill();
    c.font = this.plot.font(false, 12 / 11);
    c.fillText(label, X1 + 4, Y1 - 4);
    c.restore();
  }

  /**
   * Mouse and pen: click places a start, drag pans, wheel zooms. Touch: a one-finger tap
   * places a start (a one-finger drag leaves the view alone), two fingers pan and pinch-zoom.
   */
  listen() {
    const c = this.canvas;
    const pointers = new Map();
    let drag = null;
    c.addEventListener('pointerdown', (ev) => {
      try { c.setPointerCapture(ev.pointerId); } catch { /* synthetic or already released pointer */ }
      pointers.set(ev.pointerId, { x: ev.clientX, y: ev.clientY });
      const pinch = pointers.size === 2 ? this.pinchStart(pointers) : null;
      drag = { x: ev.clientX, y: ev.clientY, view: { ...this.view }, moved: Boolean(drag?.moved), pinch, touch: ev.pointerType === 'touch', many: pointers.size > 1 || Boolean(drag?.many) };
    });
    c.addEventListener('pointermove', (ev) => {
      if (!pointers.has(ev.pointerId) || !drag) return;
      pointers.set(ev.pointerId, { x: ev.clientX, y: ev.clientY });
      if (drag.pinch && pointers.size === 2) { this.pinchMove(pointers, drag); return; }
      const dx = ev.clientX - drag.x;
      const dy = ev.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 4) return;
      drag.moved = true;
      if (drag.touch) return; // one finger on a touch screen never pans
      // The drag in the canvas's own CSS px (divided by the on-screen scale of a slide).
      const p = this.plot;
      const { sx: kx, sy: ky } = p.size.local(ev);
      const m = p.margin;
      const sx = (drag.view.x1 - drag.view.x0) / ((p.w - m.l - m.r) * kx);
      const sy = (drag.view.y1 - drag.view.y0) / ((p.h - m.t - m.b) * ky);
      const v = drag.view;
      this.setView({ x0: v.x0 - dx * sx, x1: v.x1 - dx * sx, y0: v.y0 + dy * sy, y1: v.y1 + dy * sy });
    });
    const end = (ev) => {
      if (!pointers.has(ev.pointerId)) return;
      pointers.delete(ev.pointerId);
      if (drag && !drag.moved && !drag.many && ev.type === 'pointerup') {
        const { x, y } = this.plot.toData(ev);
        this.onClick(x, y);
      }
      if (pointers.size === 0) drag = null;
      else if (drag) drag.pinch = null;
    };
    c.addEventListener('pointerup', end);
    c.addEventListener('pointercancel', end);
    c.addEventListener('wheel', (ev) => {
      ev.preventDefault();
      const { x, y } = this.plot.toData(ev);
      this.zoomAt(x, y, Math.exp(ev.deltaY * 0.0015));
    }, { passive: false });
  }

  zoomAt(x, y, f) {
    const v = this.view;
    this.setView({ x0: x + (v.x0 - x) * f, x1: x + (v.x1 - x) * f, y0: y + (v.y0 - y) * f, y1: y + (v.y1 - y) * f });
  }

  pinchStart(pointers) {
    const [a, b] = [...pointers.values()];
    const mid = this.plot.toData({ clientX: (a.x + b.x) / 2, clientY: (a.y + b.y) / 2 });
    return { dist: Math.hypot(a.x - b.x, a.y - b.y), view: { ...this.view }, mid };
  }

  /** Two fingers: the data point first under their midpoint stays under it, scaled by the spread. */
  pinchMove(pointers, drag) {
    const [a, b] = [...pointers.values()];
    const d = Math.hypot(a.x - b.x, a.y - b.y);
    if (!(d > 0)) return;
    drag.moved = true;
    const start = drag.pinch;
    const f = start.dist / d;
    const v = start.view;
    // Zoom about the starting midpoint, then shift so that it sits under the current one.
    const z = { x0: start.mid.x + (v.x0 - start.mid.x) * f, x1: start.mid.x + (v.x1 - start.mid.x) * f, y0: start.mid.y + (v.y0 - start.mid.y) * f, y1: start.mid.y + (v.y1 - start.mid.y) * f };
    const p = this.plot;
    const { x, y } = p.size.local({ clientX: (a.x + b.x) / 2, clientY: (a.y + b.y) / 2 });
    const m = p.margin;
    const fx = (x - m.l) / (p.w - m.l - m.r);
    const fy = (p.h - m.b - y) / (p.h - m.t - m.b);
    const nowX = z.x0 + fx * (z.x1 - z.x0);
    const nowY = z.y0 + fy * (z.y1 - z.y0);
    const sx = start.mid.x - nowX;
    const sy = start.mid.y - nowY;
    this.setView({ x0: z.x0 + sx, x1: z.x1 + sx, y0: z.y0 + sy, y1: z.y1 + sy });
  }
}
