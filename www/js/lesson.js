// What the three lessons share: their settings form and link, the transport, and the handle
// on screen. A lesson extends `Lesson` with what is its own: `load` (the link's values into
// its inputs), `build` (check, create, compute and `adopt` a handle) and `draw`.

import { Transport } from './transport.js';
import { clearErrors, reportError, buildInputs, pick, buildOrFallBack } from './forms.js';
import { WorkPanel, runJob } from './work.js';
import { pooled } from './tiles.js';
import { mountExport } from './export/panel.js';
import { t } from './i18n.js';

/**
 * One lesson on its section: its settings table (`wasm.settingsTable(name)`) built into
 * `form`, a transport whose seek redraws, and, with `work`, a work panel for its jobs.
 * Holds the handle on screen (`handle`) and the link values it was built from (`shownPatch`).
 */
export class Lesson {
  /**
   * @param {HTMLElement} section
   * @param {object} app  the page's state (main.js)
   * @param {object} o
   * @param {string} o.name  the settings table: '1d', '2d' or 'neuron'
   * @param {HTMLFormElement} o.form  the settings form
   * @param {HTMLFormElement[]} [o.forms]  every form whose errors a rebuild clears
   * @param {object} [o.transport]  options of the transport besides `onSeek`
   * @param {boolean} [o.work]  whether the lesson computes in jobs on a work panel
   */
  constructor(section, app, { name, form, forms = [form], transport = {}, work = false }) {
    this.section = section;
    this.app = app;
    this.wasm = app.wasm;
    this.name = name;
    this.form = form;
    this.forms = forms;
    this.table = this.wasm.settingsTable(name);
    this.rows = buildInputs(form, this.table);
    this.handle = null;
    this.shownPatch = null;
    this.transport = new Transport(section.querySelector('[data-role="transport"]'), { onSeek: () => this.draw(), ...transport });
    this.work = work ? new WorkPanel(section, { anchor: form }) : null;
  }

  /** The lesson's output element `data-out="name"` (null if it has none). */
  out(name) {
    return this.section.querySelector(`[data-out="${name}"]`);
  }

  /** The settings as typed (text by key), checked by the core against the lesson's table. */
  check(typed) {
    return this.wasm.checkSettings(this.name, typed);
  }

  /** Clears the error slots of the forms and the error and notice lines. */
  clear() {
    for (const form of this.forms) clearErrors(form);
    for (const name of ['error', 'notice']) { const o = this.out(name); if (o) o.textContent = ''; }
  }

  /**
   * Shows an error under the input its key names, else in the error (or status) line; a
   * function that does not compile is pointed at in the lesson's `picker`.
   */
  report(err) {
    reportError(this.form, err, this.out('error') ?? this.out('status'));
    if (err?.field === 'f') this.picker?.pointAt(err.column);
  }

  /** Stops what the lesson is doing before its settings change (nothing by default). */
  halt() {}

  /** Rebuilds from the inputs (a setting changed); keeps what is on screen on error. */
  rebuild(opts) {
    this.halt();
    this.clear();
    try {
      this.build(opts);
    } catch (err) {
      this.report(err);
    }
  }

  /**
   * Settings from a link: what cannot be built goes back to its default, with a notice;
   * `earlier` notices come first. Builds with `buildLinked`.
   */
  fromLink(values, earlier = []) {
    this.halt();
    this.load(values);
    this.clear();
    const extra = [];
    let notices;
    try {
      notices = buildOrFallBack(this.form, this.table, () => this.buildLinked(extra));
    } catch (err) {
      notices = [err?.message ?? String(err)];
    }
    const note = this.out('notice');
    note.textContent = [note.textContent, ...earlier, ...notices, ...extra].filter(Boolean).join(' ');
  }

  /** Builds for a link's settings; a lesson may add notices of its own to `extra`. */
  buildLinked() {
    this.build();
  }

  /**
   * Runs a job on the work panel: `step(units, advance)` until it returns true, where
   * `advance(units)` advances `h` (on the worker pool first when `tiles` describes its
   * work, see tiles.js); `then(state, error)` at the end.
   */
  compute(h, { label, units, step = (n, advance) => advance(n), progress = () => h.progress(), tiles = null, defer = false }, then) {
    let job = null;
    const here = (n) => h.advance(n);
    const pool = tiles && pooled(h, tiles, {
      workers: this.app.values.workers,
      here,
      say: (notice) => this.say(notice),
      isRunning: () => job?.running,
      onPool: (n) => { job.label = t('workers.threads', { label, n }); },
      wake: () => job?.poke(),
    });
    const advance = pool ? pool.step : here;
    const onDone = (state, err) => { if (state !== 'done') pool?.stop(); then(state, err); };
    job = runJob({ panel: this.work, label, units, step: (n) => step(n, advance), progress, onDone, defer });
    return job;
  }

  /** Adds `notice` (if any) to the notice line. */
  say(notice) {
    if (notice) this.out('notice').textContent = `${this.out('notice').textContent} ${notice}`.trim();
  }

  /**
   * Frees handles computed for nothing and says why in `where` (`cancelled` or `failed`, ids
   * of messages); a superseded job says nothing. The link goes back to what is on screen.
   */
  discard(handles, state, err, { where, cancelled, failed }) {
    for (const h of handles) { try { h?.free(); } catch { /* a handle left borrowed by a failure is dropped with the page */ } }
    if (state === 'superseded') return;
    this.out(where).textContent = state === 'cancelled' ? t(cancelled) : t(failed, { why: err?.message ?? err });
    if (this.shownPatch) { this.app.set(this.shownPatch); this.load(this.app.values); }
  }

  /** Swaps in `next`, built from the checked settings `check`: frees the old handle, writes the link. */
  adopt(next, check) {
    if (this.handle !== next) this.handle?.free();
    this.handle = next;
    this.shownPatch = pick(check.values, this.table);
    this.app.set(this.shownPatch);
  }

  /**
   * Starts the lesson: shows the link's settings (after `earlier` notices), follows the
   * link's changes, and mounts the export panel on `exported()` (the handle on screen).
   */
  start(earlier = [], exported = () => this.handle) {
    this.app.onChange((values) => this.fromLink(values));
    this.fromLink(this.app.values, earlier);
    mountExport(this.section, { handle: exported });
  }
}
