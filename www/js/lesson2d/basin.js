// The basin-map layer: Rust computes rows in chunks (the shared work helper); progress and cancel.

import { fmt } from '../forms.js';
import { WorkPanel, runJob } from '../work.js';
import { t } from '../i18n.js';

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
    const { fn, config } = this.settings();
    let h;
    try {
      h = new this.wasm.Basin2D(fn, config, v.x0, v.x1, v.y0, v.y1, n, n);
    } catch (err) {
      this.note.textContent = err?.message ?? String(err);
      return;
    }
    this.hideButton.hidden = false;
    const box = { ...v };
    const paint = () => this.contour.setBasin({ rgba: h.rgba(), nx: n, ny: n, box });
    const t0 = performance.now();
    const current = { handle: h, steps: config.basinSteps };
    this.current = current;
    // A unit of work is one descent step of every start of a row: a slice stays short
    // however costly the function is.
    current.job = runJob({
      panel: this.work,
      label: t('l2.basin'),
      units: 8,
      step: (iterations) => { h.advanceSteps(iterations); return h.isDone(); },
      progress: () => h.progress(),
      onProgress: (f) => { this.note.textContent = t('l2.basin.progress', { pct: Math.round(f * 100) }); paint(); },
      onDone: (state, err) => {
        if (this.current !== current) return;
        if (state === 'cancelled') { this.note.textContent = t('l2.basin.cancelled', { pct: Math.round(h.progress() * 100) }); return; }
        if (state === 'failed') { this.note.textContent = t('l2.basin.failed', { why: err?.message ?? err }); return; }
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
    for (let i = 0; i < m.length; i += 4) list.push(t('l2.basin.min', { x: fmt(m[i]), y: fmt(m[i + 1]), f: fmt(m[i + 2]), n: m[i + 3] }));
    this.note.dataset.minima = String(m.length / 4);
    const steps = this.current?.steps;
    this.note.textContent = t('l2.basin.summary', { minima: m.length / 4, n, steps, ms: Math.round(ms), list: list.join('; '), unconverged, saddle, diverged });
  }
}
