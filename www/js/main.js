// The page's entry: waits for the wasm, keeps the URL state, switches lessons.

import * as lesson1d from './lesson1d.js';
import { loadWasmInto } from './embed/wasm.js';
import { startFrame } from './embed/frame.js';
import { mountShare } from './export/share.js';
import { setupA11y } from './a11y/index.js';
import { mountLecture } from './lecture.js';
import { keepOffline } from './offline.js';
import { chooseLang, loadPart, localized, t, useLang } from './i18n.js';
import { mountLanguage, startLanguage } from './language.js';

/**
 * The lessons' modules. Lessons 2 and 3 load when first shown (or in idle time after the
 * first frame), with the English of their own words, so that the first view waits only for
 * lesson 1's modules and words.
 */
const withTexts = (mod, part) => Promise.all([mod, loadPart(part).catch(() => {})]).then(([m]) => m);
const LESSONS = {
  '1d': async () => lesson1d,
  '2d': () => withTexts(import('./lesson2d.js'), 'l2'),
  neuron: () => withTexts(import('./neuron.js'), 'n'),
};
const loading = {};
const loadLesson = (name) => (loading[name] ??= LESSONS[name]());

/** The shared application state: URL values (text), seed, and the current lesson. */
class App {
  constructor(wasm) {
    this.wasm = wasm;
    this.values = {};
    this.listeners = new Set();
    this.writing = false;
    this.read();
  }

  /** Parses location.hash in Rust; shows rejected values. */
  read() {
    const { values, errors } = this.wasm.parseState(location.hash);
    this.values = values;
    const box = document.getElementById('state-errors');
    box.textContent = errors.length ? t('page.ignored', { list: errors.map((e) => e[1]).join('; ') }) : '';
    if (!this.values.seed) {
      this.values.seed = String(this.wasm.freshSeed());
      this.write();
    }
  }

  /** Merges `patch` into the state and writes the canonical hash. */
  set(patch) {
    Object.assign(this.values, patch);
    this.write();
  }

  write() {
    const hash = this.wasm.serializeState(this.values);
    const url = `${location.pathname}${location.search}#${hash}`;
    // Replacing the history entry costs a round trip to the browser: only when it changes.
    if (url === this.written && location.hash === `#${hash}`) return;
    this.written = url;
    history.replaceState(null, '', url);
    document.getElementById('share').href = url;
  }

  get seed() {
    return Number(this.values.seed);
  }

  /** Called with the new values when the user edits the hash or the seed. */
  onChange(fn) {
    this.listeners.add(fn);
  }

  changed() {
    for (const fn of this.listeners) fn(this.values);
  }
}

/** Labels the tabs and the seed from the page's settings table. */
function labelPage(wasm) {
  const page = new Map(wasm.settingsTable('page').map((r) => [r.key, r]));
  for (const c of page.get('lesson').choices) {
    const tab = document.querySelector(`[data-lesson="${CSS.escape(c.value)}"]`);
    if (tab) { tab.textContent = c.label; tab.dataset.i18n = `set.lesson.${c.value}`; }
  }
  const seedLabel = document.querySelector('[data-out="seed-label"]');
  seedLabel.textContent = page.get('seed').label;
  seedLabel.dataset.i18n = 'set.seed';
  const seedTitle = () => { document.getElementById('seed').title = t('form.valid', { help: wasm.settingsTable('page').find((r) => r.key === 'seed').help, range: wasm.settingsTable('page').find((r) => r.key === 'seed').range }); };
  seedTitle();
  document.addEventListener('descent-lang', seedTitle);
}

/** The seed's input: shows the link's seed; a valid typed one replaces it and reruns. Returns the input. */
function mountSeed(app) {
  const { wasm } = app;
  const seedInput = document.getElementById('seed');
  const seedError = document.getElementById('seed-error');
  seedInput.value = app.values.seed;
  seedInput.addEventListener('change', () => {
    // The state table in Rust checks the seed like any other field.
    const { values, errors } = wasm.parseState(`seed=${encodeURIComponent(seedInput.value)}`);
    seedError.textContent = errors.length ? errors[0][1] : '';
    if (errors.length) return;
    app.set({ seed: values.seed });
    app.changed();
  });
  return seedInput;
}

/** Keyboard transport (and lecture mode's keys) for the visible lesson, unless the user is typing. */
function listenKeys(app, lecture) {
  addEventListener('keydown', (ev) => {
    const t = ev.target;
    if (t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement) return;
    if (ev.target instanceof HTMLButtonElement && ev.key === ' ') return;
    if (lecture?.key(ev)) return;
    app.current?.key?.(ev);
  });
}

async function main() {
  // The language the link (or the browser) asks for is fetched while the wasm loads, and
  // used at once: a failed load is reported in it too.
  useLang(chooseLang(/(?:^#|&)lang=(\w+)/.exec(location.hash)?.[1])).catch(() => {});
  const wasm = localized(await loadWasmInto(document.getElementById('loading')));
  await startLanguage(wasm.parseState(location.hash).values);
  const app = new App(wasm);
  mountShare();
  // Settings apply as they change; a form is never sent anywhere.
  for (const form of document.querySelectorAll('form')) form.addEventListener('submit', (ev) => ev.preventDefault());
  labelPage(wasm);
  const mounted = {};
  let wanted = null;
  /** Shows lesson `name` at once and mounts it once its module is in; resolves then. */
  const show = async (name) => {
    if (!LESSONS[name]) name = '1d';
    wanted = name;
    for (const key of Object.keys(LESSONS)) {
      const active = key === name;
      document.getElementById(`lesson-${key}`).hidden = !active;
      document.querySelector(`[data-lesson="${key}"]`).setAttribute('aria-selected', String(active));
    }
    if (app.values.lesson !== name) app.set({ lesson: name });
    const mod = mounted[name] ? null : await loadLesson(name);
    if (!mounted[name]) {
      const section = document.getElementById(`lesson-${name}`);
      mounted[name] = mod.mount(section, app);
      frame?.adopt(name, section, mounted[name]);
    }
    // A later choice made while this lesson's module was loading wins.
    if (wanted !== name) return;
    app.current = mounted[name];
    frame?.show(name);
  };
  const showOrReport = (name) => show(name).catch((err) => console.error(err));
  for (const tab of document.querySelectorAll('[data-lesson]')) {
    tab.addEventListener('click', () => showOrReport(tab.dataset.lesson));
  }

  const seedInput = mountSeed(app);

  /** Re-reads the link's settings and shows them (after an edited hash or a host's message). */
  const reread = () => {
    app.read();
    seedInput.value = app.values.seed;
    showOrReport(app.values.lesson);
    app.changed();
  };
  addEventListener('hashchange', reread);

  const params = new URLSearchParams(location.search);
  const lecture = params.has('embed') ? null : mountLecture(document.querySelector('[data-role="view-tools"]'), app, reread);
  // The language switch follows the header's tools.
  if (lecture) mountLanguage(document.querySelector('[data-role="view-tools"]'), app);

  listenKeys(app, lecture);

  // In an iframe: no chrome, display flags, and messages with the host page.
  const frame = params.has('embed')
    ? startFrame(params, { wasm, app, applySettings: (patch) => { app.set(patch); reread(); } })
    : null;
  await show(app.values.lesson);
  // The lab has started: its first lesson is mounted.
  document.getElementById('loading').remove();
  setupA11y(app);
  frame?.refresh();
  app.write();
  // The other lessons' modules and the offline copy, fetched once the first view is drawn.
  const later = window.requestIdleCallback ?? ((fn) => setTimeout(fn, 200));
  later(() => {
    for (const name of Object.keys(LESSONS)) loadLesson(name).catch(() => {});
    keepOffline();
  });
}

main().catch((err) => {
  const p = document.getElementById('loading') ?? document.body.appendChild(document.createElement('p'));
  // A failed wasm load has already said what to check; anything else says what failed.
  if (!p.classList.contains('error')) {
    p.className = 'error';
    p.textContent = t('page.failed', { why: err?.message ?? err });
  }
  console.error(err);
});
