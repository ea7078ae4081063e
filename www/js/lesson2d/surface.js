// The 3-D view: the shaded mesh Rust projects and sorts (painter's order), paths on the
// surface, rotated by dragging (elevation and azimuth).

import { SizeWatch } from '../size.js';
import { colour } from '../a11y/palette.js';

/** Paths drawn at full width; with more, all but the selected one are drawn one pixel wide. */
const THIN_AFTER = 12;
/** Path points the 3-D view lifts onto the surface at most, over all paths. */
const PATH_POINTS = 4000;
/** A pointer that moves less than this (CSS px) before it is lifted is a tap, not a drag. */
const TAP_PX = 4;
/** A tap places a start only on a visible surface point drawn within this many CSS px. */
const PICK_PX = 12;
/** Cells per side of the coarse grid a tap is matched against. */
const PICK_GRID = 48;

export class SurfaceView {
  /**
   * @param {HTMLCanvasElement} canvas
   * @param {object} wasm
   * @param {{onRotate: (elev: number, azim: number) => void}} hooks
   */
  constructor(canvas, wasm, { onRotate, onPick }) {
    this.canvas = canvas;
    this.wasm = wasm;
    this.ctx = canvas.getContext('2d');
    this.elev = 57;
    this.azim = 25;
    this.onRotate = onRotate;
    this.onPick = onPick;
    this.scene = null;
    this.surface = null;
    this.size = new SizeWatch(canvas, () => this.draw());
    addEventListener('descent:theme', () => this.draw());
    this.listen();
  }

  /** Shows function `key` over the box `view` = [x0, x1, y0, y1] (30 × 30 as the notebook). */
  setFunction(key, view) {
    this.setSurface(new this.wasm.Surface3D(key, view[0], view[1], view[2], view[3], 30), view);
  }

  /** Shows `surface` (a `Surface3D` handle, which this view then owns) over the box `view`. */
  setSurface(surface, view) {
    this.surface?.free();
    this.surface = surface;
    this.box = view;
    this.cacheAngles = null;
    this.setAngles(this.elev, this.azim);
  }

  setAngles(elev, azim) {
    this.elev = Math.max(-90, Math.min(90, elev));
    this.azim = ((azim + 540) % 360) - 180;
    this.surface.view(this.elev, this.azim);
    this.mesh = { corners: this.surface.corners(), colours: this.surface.colours() };
    this.canvas.dataset.elev = String(Math.round(this.elev));
    this.canvas.dataset.azim = String(Math.round(this.azim));
    this.draw();
  }

  setScene(scene) {
    this.scene = scene;
    this.draw();
  }

  draw() {
    if (!this.mesh) return;
    const c = this.ctx;
    const rect = this.size;
    // Drawn at the on-screen size: CSS px × devicePixelRatio × the scale of a slide.
    const dpr = (window.devicePixelRatio || 1) * rect.scale;
    const W = Math.max(1, Math.round(rect.width * dpr));
    const H = Math.max(1, Math.round(rect.height * dpr));
    if (this.canvas.width !== W || this.canvas.height !== H) { this.canvas.width = W; this.canvas.height = H; }
    c.setTransform(dpr, 0, 0, dpr, 0, 0);
    c.fillStyle = colour('plot-bg', this.canvas);
    c.fillRect(0, 0, rect.width, rect.height);
    const S = 0.5 * Math.min(rect.width, rect.height);
    const cx = rect.width / 2;
    const cy = rect.height / 2;
    const X = (sx) => cx + sx * S;
    const Y = (sy) => cy - sy * S;
    // The shaded mesh changes only with the camera, the function or the size: it is
    // painted once into an offscreen layer, and frames copy that layer.
    if (this.layerMesh !== this.mesh || this.layer?.width !== W || this.layer?.height !== H) {
      this.layer ??= document.createElement('canvas');
      this.layer.width = W;
      this.layer.height = H;
      const lc = this.layer.getContext('2d');
      lc.setTransform(dpr, 0, 0, dpr, 0, 0);
      this.paintMesh(lc, X, Y);
      this.layerMesh = this.mesh;
    }
    c.setTransform(1, 0, 0, 1, 0, 0);
    c.drawImage(this.layer, 0, 0);
    c.setTransform(dpr, 0, 0, dpr, 0, 0);
    const s = this.scene;
    if (!s) return;
    const angles = `${this.elev},${this.azim}`;
    if (this.cacheAngles !== angles) { this.cache = new WeakMap(); this.cacheAngles = angles; }
    const thin = s.runs.length > THIN_AFTER;
    s.runs.forEach((r, i) => this.drawPath(c, this.lift(r, s.runs.length), { colour: r.colour, k: s.k, selected: i === s.selected, thin, X, Y }));
  }

  /**
   * Run `r`'s path projected for the camera, its points seen or hidden by the surface, and
   * the stride of the points kept; computed once per camera (frames only slice it).
   */
  lift(r, paths) {
    let lifted = this.cache.get(r);
    if (lifted) return lifted;
    let keep = r.points.length;
    for (let j = 0; j < r.points.length; j += 2) {
      if (!(Math.abs(r.points[j]) < 1e3 && Math.abs(r.points[j + 1]) < 1e3)) { keep = Math.max(2, j); break; }
    }
    // Every stride-th point: the visibility test costs up to 120 evaluations a point, so
    // the 3-D view lifts at most PATH_POINTS points over all paths.
    const stride = Math.max(1, Math.ceil(keep / 2 / Math.max(8, Math.floor(PATH_POINTS / paths))));
    let pts = r.points.subarray(0, keep);
    if (stride > 1) {
      const m = Math.ceil(keep / 2 / stride);
      const thin = new Float64Array(2 * m);
      for (let j = 0; j < m; j++) { thin[2 * j] = pts[2 * j * stride]; thin[2 * j + 1] = pts[2 * j * stride + 1]; }
      pts = thin;
    }
    lifted = { scr: this.surface.project(pts), seen: this.surface.visible(pts), stride };
    this.cache.set(r, lifted);
    return lifted;
  }

  /** Draws a lifted path up to step `k` in `colour`, with its current point; screen position by `X`, `Y`. */
  drawPath(c, lifted, { colour: ink, k, selected, thin, X, Y }) {
    const n = Math.min(Math.floor(k / lifted.stride) + 1, lifted.seen.length);
    const scr = lifted.scr.subarray(0, 2 * n);
    const seen = lifted.seen;
    c.save();
    c.strokeStyle = ink;
    c.lineWidth = selected ? 2.5 : thin ? 1 : 1.5;
    // Segments the surface hides are drawn faint and dashed (painter's order for the mesh,
    // a visibility test from Rust for the path). Consecutive segments of one kind form
    // one path, and points within half a pixel of the last one drawn are skipped, so a
    // long trail costs the pixels it covers, not its steps.
    const m = scr.length / 2;
    let q = 1;
    while (q < m) {
      const hidden = !seen[q] || !seen[q - 1];
      c.globalAlpha = hidden ? 0.35 : 1;
      c.setLineDash(hidden ? [3, 3] : []);
      c.beginPath();
      let px = X(scr[2 * q - 2]);
      let py = Y(scr[2 * q - 1]);
      c.moveTo(px, py);
      for (; q < m && (!seen[q] || !seen[q - 1]) === hidden; q++) {
        const qx = X(scr[2 * q]);
        const qy = Y(scr[2 * q + 1]);
        if (Math.abs(qx - px) < 0.5 && Math.abs(qy - py) < 0.5 && q < m - 1) continue;
        c.lineTo(qx, qy);
        px = qx;
        py = qy;
      }
      // The run of one kind may end on a skipped point: close it at its last point.
      c.lineTo(X(scr[2 * q - 2]), Y(scr[2 * q - 1]));
      c.stroke();
    }
    c.setLineDash([]);
    const j = scr.length / 2 - 1;
    c.globalAlpha = seen[j] ? 1 : 0.45;
    c.fillStyle = ink;
    c.beginPath();
    c.arc(X(scr[2 * j]), Y(scr[2 * j + 1]), selected ? 6 : 4, 0, 2 * Math.PI);
    c.fill();
    c.strokeStyle = colour('c-on-map', this.canvas);
    c.stroke();
    c.restore();
  }

  /**
   * The (x, y) of the visible surface point drawn nearest to the canvas position (px, py)
   * in CSS pixels, or null if no visible point lies within PICK_PX: a coarse grid of the
   * box projected by the core, then a finer grid around the best cell.
   */
  pick(px, py) {
    if (!this.surface || !this.box) return null;
    const S = 0.5 * Math.min(this.size.width, this.size.height);
    const sx = (px - this.size.width / 2) / S;
    const sy = (this.size.height / 2 - py) / S;
    const [x0, x1, y0, y1] = this.box;
    let best = null;
    let cell = [(x1 - x0) / PICK_GRID, (y1 - y0) / PICK_GRID];
    let around = [x0 + cell[0] / 2, y0 + cell[1] / 2, PICK_GRID];
    for (let pass = 0; pass < 2; pass++) {
      const [ax, ay, n] = around;
      const pts = new Float64Array(2 * n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) { pts[2 * (i * n + j)] = ax + j * cell[0]; pts[2 * (i * n + j) + 1] = ay + i * cell[1]; }
      const scr = this.surface.project(pts);
      // Candidates by distance on screen; only the nearest few are checked for visibility.
      const near = [];
      for (let k = 0; k < n * n; k++) {
        const d = Math.hypot(scr[2 * k] - sx, scr[2 * k + 1] - sy) * S;
        if (d <= PICK_PX) near.push([d, k]);
      }
      near.sort((a, b) => a[0] - b[0]);
      const chosen = near.slice(0, 24);
      const seen = this.surface.visible(Float64Array.from(chosen.flatMap(([, k]) => [pts[2 * k], pts[2 * k + 1]])));
      const hit = chosen.findIndex((_, i) => seen[i]);
      if (hit < 0) return best;
      const k = chosen[hit][1];
      best = [pts[2 * k], pts[2 * k + 1]];
      // Refine: a finer grid over the neighbouring cells of the best point.
      around = [best[0] - cell[0], best[1] - cell[1], 17];
      cell = [cell[0] / 8, cell[1] / 8];
    }
    return best && best.every((v, i) => v >= this.box[2 * i] && v <= this.box[2 * i + 1]) ? best : null;
  }

  /** Paints the shaded mesh (quads in painter's order) with the screen maps X, Y. */
  paintMesh(c, X, Y) {
    const { corners, colours } = this.mesh;
    for (let q = 0; q < colours.length / 4; q++) {
      const o = 8 * q;
      const col = `rgb(${colours[4 * q]},${colours[4 * q + 1]},${colours[4 * q + 2]})`;
      c.fillStyle = col;
      c.strokeStyle = col;
      c.lineWidth = 0.6;
      c.beginPath();
      c.moveTo(X(corners[o]), Y(corners[o + 1]));
      for (let k = 1; k < 4; k++) c.lineTo(X(corners[o + 2 * k]), Y(corners[o + 2 * k + 1]));
      c.closePath();
      c.fill();
      c.stroke();
    }
  }

  listen() {
    const c = this.canvas;
    let drag = null;
    c.addEventListener('pointerdown', (ev) => {
      try { c.setPointerCapture(ev.pointerId); } catch { /* synthetic or already released pointer */ }
      drag = { x: ev.clientX, y: ev.clientY, elev: this.elev, azim: this.azim, moved: false };
    });
    c.addEventListener('pointermove', (ev) => {
      if (!drag) return;
      if (!drag.moved && Math.hypot(ev.clientX - drag.x, ev.clientY - drag.y) < TAP_PX) return;
      drag.moved = true;
      this.setAngles(drag.elev + (ev.clientY - drag.y) * 0.4, drag.azim - (ev.clientX - drag.x) * 0.4);
    });
    // A drag turns the surface; a tap or click (one finger, no movement) places a start
    // at the point of the surface under it.
    c.addEventListener('pointerup', (ev) => {
      if (drag?.moved) this.onRotate(this.elev, this.azim);
      else if (drag && ev.isPrimary) {
        const { x, y } = this.size.local(ev);
        const at = this.pick(x, y);
        if (at) this.onPick?.(at[0], at[1]);
      }
      drag = null;
    });
    c.addEventListener('pointercancel', () => { drag = null; });
  }
}
