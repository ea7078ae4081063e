// The basin-map layer: rows computed on the worker pool (or on the page's thread in slices
// of the shared work helper), labelled by Rust in row order; progress and cancel.

import { fmt } from '../forms.js';
import { WorkPanel, runJob } from '../work.js';
import { pooled } from '../tiles.js';

import { t } from '../i18n.js';

/**
 * Starts per tile: enough that a worker's two tiles in flight outlast the page thread's
 * busy spells (a progress paint, a frame), so the worker never waits for its next tile.
 */
const STARTS_PER_TILE = 1024;

/**
 * Least time between two progress paints of the map, in ms: each copies and draws the
 * whole map, about 8 ms of the page thread on a desktop (and, on two cores, of a worker's
 * core); four a second still show the map filling in.
 */
const PAINT_EVERY_MS = 250;

/** The basin controls of the contour view: start, progress bar, cancel, hide, summary. */
export class BasinPanel {
  /**
   * @param {HTMLElement} section  the lesson section
   * @param {object} wasm
   * @param {import('./contour.js').ContourView} contour
   * @param {() => {fn: string, config: object, workers: string}} settings  the lesson's
   *   current settings and the page's `workers` value
   */
  constructor(section, wasm, contour, settings) {
    this.section = section;
    this.wasm = wasm;
    this.contour = contour;
    this.settings = settings;
    this.current = null;
    const q = (sel) => section.querySelector(sel);
    this.bar = q('[data-role="basin-progress"]');
    this.cancelButton = q('[data-action="basin-cancel"]');
    this.hideButton = q('[data-action="basin-hide"]');
    this.note = q('[data-out="basin"]');
    this.size = q('[name="basin-n"]');
    this.work = new WorkPanel(section.querySelector('[data-role="basin-progress"]').parentElement, {
      bar: this.bar,
      cancel: this.cancelButton,
    });
    q('[data-action="basin"]').addEventListener('click', () => this.start());
    this.hideButton.addEventListener('click', () => this.clear());
  }

  /** Stops any map and removes the layer (settings or view changed). */
  clear() {
    const current = this.current;
    this.current = null;
    current?.job?.cancel();
    current?.stopTiles?.();
    current?.handle.free();
    this.contour.setBasin(null);
    this.work.hide();
    this.hideButton.hidden = true;
    this.note.textContent = '';
    delete this.note.dataset.minima;
  }

  /** Starts a map over the contour view's current box with the lesson's settings. */
  start() {
    this.clear();
    const v = this.contour.view;
    const n = Number(this.size.value);
    const { fn, config, workers } = this.settings();
    let h;
    try {
      h = new this.wasm.Basin2D(fn, config, v.x0, v.x1, v.y0, v.y1, n, n);
    } catch (err) {
      this.note.textContent = err?.message ?? String(err);
      return;
    }
    this.hideButton.hidden = false;
    const current = { handle: h, steps: config.basinSteps, box: { ...v }, n, t0: performance.now() };
    this.current = current;
    this.run(current, { fn, config, workers });
  }

  /** Runs the job of `current`: on the worker pool, or on the page's thread in slices. */
  run(current, { fn, config, workers }) {
    const h = current.handle;
    const n = current.n;
    const paint = () => this.contour.setBasin({ rgba: h.rgba(), nx: n, ny: n, box: current.box });
    // A progress frame copies the map's colours only when whole rows were added since the
    // last copy (n² × 4 bytes each time), not on every slice of a row.
    let rows = 0;
    let painted = 0;
    const paintRows = (f) => {
      const done = Math.floor(f * n);
      if (done <= rows || performance.now() - painted < PAINT_EVERY_MS) return;
      rows = done;
      painted = performance.now();
      paint();
    };
    const say = (text) => { this.note.textContent = this.notice ? `${this.notice} ${text}` : text; };
    const { step, stop } = pooled(h, {
      make: 'basin', args: { fn, config, box: current.box, nx: n, ny: n }, count: n, per: Math.max(1, Math.ceil(STARTS_PER_TILE / n)),
    }, {
      workers,
      here: (iterations) => { h.advanceSteps(iterations); return h.isDone(); },
      say: (notice) => { if (notice) { this.notice = notice; this.note.dataset.workers = 'unavailable'; } },
      isRunning: () => current.job?.running,
      wake: () => current.job?.poke(),
    });
    current.stopTiles = stop;
    // A unit of work is one descent step of every start of a row: a slice stays short
    // however costly the function is.
    current.job = runJob({
      panel: this.work,
      label: t('l2.basin'),
      units: 8,
      step,
      progress: () => h.progress(),
      onProgress: (f) => { say(t('l2.basin.progress', { pct: Math.round(f * 100) })); paintRows(f); },
      onDone: (state, err) => {
        if (state !== 'done') stop();
        if (this.current !== current) return;
        if (state === 'cancelled') { say(t('l2.basin.cancelled', { pct: Math.round(h.progress() * 100) })); return; }
        if (state === 'failed') { say(t('l2.basin.failed', { why: err?.message ?? err })); return; }
        paint();
        // The whole map is drawn now, not on the next frame: the summary and the picture
        // arrive together (progress paints are spaced out, so the last one may be partial).
        this.contour.draw();
        this.summarise(h, n, performance.now() - current.t0);
        if (this.notice) this.note.textContent = `${this.notice} ${this.note.textContent}`;
        this.notice = null;
      },
    });
  }

  summarise(h, n, ms) {
    const m = h.minima();
    let unconverged = 0;
    let diverged = 0;
    let saddle = 0;
    for (const l of h.labels()) { if (l === -2) unconverged++; else if (l === -1) diverged++; else if (l === -4) saddle++; }
    const list = [];
    for (let i = 0; i < m.length; i += 4) list.push(t('l2.basin.min', { x: fmt(m[i]), y: fmt(m[i + 1]), f: fmt(m[i + 2]), n: m[i + 3] }));
    this.note.dataset.minima = String(m.length / 4);
    const steps = this.current?.steps;
    this.note.textContent = t('l2.basin.summary', { minima: m.length / 4, n, steps, ms: Math.round(ms), list: list.join('; '), unconverged, saddle, diverged });
  }
}
