// Chunked work: runs a long job in slices of at most ~10 ms per animation frame, with one
// shared progress bar and Cancel button, so the page never blocks for long.

import { t } from './i18n.js';

/** Time one frame may spend on work, in ms (the rest is left for drawing and input). */
export const SLICE_MS = 10;

/**
 * Least time between two progress reports of a job, in ms: a bar and a percentage that move
 * ten times a second read as smooth, and the page is not laid out and painted on every frame
 * (a frame's paint takes CPU from the workers of a pooled job).
 */
const PROGRESS_MS = 100;

/**
 * The progress bar, its label and the Cancel button of one job slot. The markup is created
 * here and placed right after `anchor` (or existing `bar`, `cancel` and `label` elements are
 * used), so every long job shows the same control. One job runs per panel: starting one
 * cancels the previous.
 */
export class WorkPanel {
  /**
   * @param {HTMLElement} owner  gets `data-working` while a job runs
   * @param {{anchor?: HTMLElement, bar?: HTMLProgressElement, cancel?: HTMLButtonElement, label?: HTMLElement}} where
   */
  constructor(owner, { anchor, bar, cancel, label } = {}) {
    this.owner = owner;
    if (bar) {
      this.parts = [bar, cancel];
      this.bar = bar;
      this.cancelButton = cancel;
      this.label = label;
    } else {
      const box = document.createElement('div');
      box.className = 'work';
      box.dataset.role = 'work';
      box.setAttribute('role', 'status');
      this.label = document.createElement('span');
      this.label.dataset.out = 'work';
      this.bar = document.createElement('progress');
      this.bar.max = 1;
      this.cancelButton = document.createElement('button');
      this.cancelButton.type = 'button';
      this.cancelButton.dataset.action = 'work-cancel';
      this.cancelButton.textContent = t('work.cancelbutton');
      this.cancelButton.dataset.i18n = 'work.cancelbutton';
      box.append(this.label, ' ', this.bar, ' ', this.cancelButton);
      anchor.after(box);
      this.parts = [box];
    }
    for (const el of this.parts) el.hidden = true;
    this.job = null;
    this.cancelButton.addEventListener('click', () => this.job?.cancel());
  }

  /** Shows the panel at `fraction` with `text`. */
  show(text, fraction) {
    for (const el of this.parts) el.hidden = false;
    this.bar.value = fraction;
    if (this.label) this.label.textContent = `${text}: ${Math.round(fraction * 100)} %`;
    this.owner.dataset.working = 'true';
  }

  /** Hides the panel. */
  hide() {
    for (const el of this.parts) el.hidden = true;
    delete this.owner.dataset.working;
  }
}

/**
 * One job in progress. `step(units)` does about `units` units of work and returns true when
 * the job is done (null when it waits on other threads: the slice ends there); `progress()`
 * gives the fraction done. The number of units per call adapts
 * so that a call takes about a quarter of a slice; the first call is small.
 */
export class Job {
  /**
   * @param {object} o
   * @param {(units: number) => boolean} o.step
   * @param {() => number} o.progress
   * @param {string} o.label  what the progress bar says
   * @param {WorkPanel} [o.panel]
   * @param {number} [o.units]  units of the first call
   * @param {(fraction: number) => void} [o.onProgress]  after each frame's slice
   * @param {(state: 'done'|'cancelled'|'superseded'|'failed', error?: Error) => void} [o.onDone]  called
   *   once when the job ends: synchronously for a job done within `start` or stopped, in a
   *   task of its own for a job done after several frames (or always, with `defer`)
   * @param {boolean} [o.defer]  hand a finished result over in a task of its own
   */
  constructor({ step, progress, label, panel, units = 64, onProgress, onDone, defer = false }) {
    this.onDone = onDone;
    this.deferDone = defer;
    this.stepFn = step;
    this.progressFn = progress;
    this.label = label;
    this.panel = panel;
    this.units = units;
    this.onProgress = onProgress;
    this.state = 'running';
    this.promise = new Promise((resolve) => { this.resolve = resolve; });
    if (panel) { panel.job?.supersede(); panel.job = this; }
    this.frame = this.frame.bind(this);
    this.t0 = performance.now();
  }

  /** Starts the job; resolves to how it ended (see `onDone`). Small jobs end within this call. */
  start() {
    this.slice();
    if (this.state === 'running') requestAnimationFrame(this.frame);
    return this.promise;
  }

  slice() {
    this.waiting = false;
    const t0 = performance.now();
    let done = false;
    while (!done && performance.now() - t0 < SLICE_MS) {
      const a = performance.now();
      try {
        done = this.stepFn(Math.max(1, Math.floor(this.units)));
      } catch (err) {
        this.end('failed', err);
        return;
      }
      // Nothing to do until other threads answer: wait for the next frame, or a `poke`.
      if (done === null) { done = false; this.waiting = true; break; }
      const dt = performance.now() - a;
      // Aim at SLICE_MS / 4 per call; grow at most 4× at a time, shrink fast.
      const target = SLICE_MS / 4;
      const factor = dt > 0 ? target / dt : 4;
      this.units = Math.min(1e9, Math.max(1, this.units * Math.min(4, Math.max(0.1, factor))));
    }
    if (done) { this.end('done'); return; }
    const now = performance.now();
    if (this.reported !== undefined && now - this.reported < PROGRESS_MS) return;
    this.reported = now;
    const f = this.progressFn();
    this.panel?.show(this.label, f);
    this.onProgress?.(f);
  }

  frame() {
    if (this.state !== 'running') return;
    // A job that took several frames hands its result over in a task of its own, so the
    // last slice and the owner's redraw never add up to one long task.
    this.deferDone = true;
    this.slice();
    if (this.state === 'running') requestAnimationFrame(this.frame);
  }

  /**
   * Other threads answered: if the last slice waited for them, slices again now instead of
   * on the next frame, so that the last answer of a job is taken without a frame's delay.
   */
  poke() {
    if (this.state !== 'running' || !this.waiting) return;
    this.waiting = false;
    // Its owner's start has returned: the result is handed over in a task of its own.
    this.deferDone = true;
    this.slice();
  }

  /** Stops the job (the person's Cancel): its owner keeps what it had before. */
  cancel() {
    if (this.state === 'running') this.end('cancelled');
  }

  /** Stops the job because a newer one replaces it: its owner drops it quietly. */
  supersede() {
    if (this.state === 'running') this.end('superseded');
  }

  end(state, error) {
    this.state = state;
    if (this.panel?.job === this) { this.panel.job = null; this.panel.hide(); }
    if (state === 'done' && this.deferDone) {
      setTimeout(() => { this.onDone?.(state, error); this.resolve(state); });
      return;
    }
    this.onDone?.(state, error);
    this.resolve(state);
  }

  /** What the progress bar says. */
  get label() {
    return this.text;
  }

  /** A new label is shown at the next slice, whenever the last report was. */
  set label(text) {
    this.text = text;
    this.reported = undefined;
  }

  /** Whether the job is still running. */
  get running() {
    return this.state === 'running';
  }
}

/**
 * Starts `step`/`progress` as a job (see {@link Job}); returns it.
 * @returns {Job}
 */
export function runJob(options) {
  const job = new Job(options);
  job.start();
  return job;
}
