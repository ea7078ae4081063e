// The basin-map layer: Rust computes a few rows per animation frame; progress and cancel.

import { fmt } from '../forms.js';

/** Runs `handle.advance` within ~10 ms per frame until done or cancelled. */
export class BasinJob {
  /**
   * @param {object} handle  a wasm Basin2D
   * @param {{onProgress: (fraction: number) => void, onDone: (cancelled: boolean) => void}} hooks
   */
  constructor(handle, { onProgress, onDone }) {
    this.handle = handle;
    this.onProgress = onProgress;
    this.onDone = onDone;
    this.cancelled = false;
    this.frame = this.frame.bind(this);
    requestAnimationFrame(this.frame);
  }

  frame() {
    if (this.cancelled) return;
    const t0 = performance.now();
    let rows = 1;
    while (!this.handle.isDone() && performance.now() - t0 < 10) this.handle.advance(rows++ > 4 ? 4 : 1);
    this.onProgress(this.handle.progress());
    if (this.handle.isDone()) { this.onDone(false); return; }
    requestAnimationFrame(this.frame);
  }

  cancel() {
    if (this.cancelled) return;
    this.cancelled = true;
    this.handle.cancel();
    this.onDone(true);
  }
}

/** The basin controls of the contour view: start, progress bar, cancel, hide, summary. */
export class BasinPanel {
  /**
   * @param {HTMLElement} section  the lesson section
   * @param {object} wasm
   * @param {import('./contour.js').ContourView} contour
   * @param {() => {fn: string, config: object}} settings  the lesson's current settings
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
    q('[data-action="basin"]').addEventListener('click', () => this.start());
    this.cancelButton.addEventListener('click', () => this.current?.job.cancel());
    this.hideButton.addEventListener('click', () => this.clear());
  }

  /** Stops any map and removes the layer (settings or view changed). */
  clear() {
    this.current?.job?.cancel();
    this.current?.handle.free();
    this.current = null;
    this.contour.setBasin(null);
    this.bar.hidden = true;
    this.cancelButton.hidden = true;
    this.hideButton.hidden = true;
    this.note.textContent = '';
    delete this.note.dataset.minima;
  }

  /** Starts a map over the contour view's current box with the lesson's settings. */
  start() {
    this.clear();
    const v = this.contour.view;
    const n = Number(this.size.value);
    const { fn, config } = this.settings();
    let h;
    try {
      h = new this.wasm.Basin2D(fn, config, v.x0, v.x1, v.y0, v.y1, n, n);
    } catch (err) {
      this.note.textContent = err?.message ?? String(err);
      return;
    }
    this.bar.hidden = false;
    this.cancelButton.hidden = false;
    this.hideButton.hidden = false;
    const box = { ...v };
    const paint = () => this.contour.setBasin({ rgba: h.rgba(), nx: n, ny: n, box });
    const t0 = performance.now();
    this.current = { handle: h };
    this.current.job = new BasinJob(h, {
      onProgress: (f) => { this.bar.value = f; this.note.textContent = `basin map: ${Math.round(f * 100)} %`; paint(); },
      onDone: (cancelled) => {
        this.cancelButton.hidden = true;
        this.bar.hidden = true;
        if (cancelled) { this.note.textContent = `basin map cancelled at ${Math.round(h.progress() * 100)} %`; return; }
        paint();
        this.summarise(h, n, performance.now() - t0);
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
    for (let i = 0; i < m.length; i += 4) list.push(`(${fmt(m[i])}, ${fmt(m[i + 1])}) f = ${fmt(m[i + 2])}, ${m[i + 3]} starts`);
    this.note.dataset.minima = String(m.length / 4);
    this.note.textContent = `${m.length / 4} minima reached from ${n}² starts in ${Math.round(ms)} ms: ${list.join('; ')}. ` +
      `Unconverged (light grey): ${unconverged}; stopped at a saddle (dark grey): ${saddle}; diverged (black): ${diverged}.`;
  }
}
