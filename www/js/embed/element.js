// The <descent-lab> element: one lesson in its own shadow root, its settings from the
// element's attributes (the settings tables' keys), the display flags of the iframe embed,
// events for every step, and methods (or messages of the same schema) to drive it.

import * as lesson1d from '../lesson1d.js';
import * as lesson2d from '../lesson2d.js';
import * as neuron from '../neuron.js';
import { SITE, loadWasm, loadWasmInto } from './wasm.js';
import { LabState, allKeys, allRows, parseSettings, settingsPatch, lessonValues } from './state.js';
import { LabController } from './controller.js';
import { VERSION, allowList, accepts } from './messages.js';
import { FLAGS } from './flags.js';
import { apply as applyTheme } from '../a11y/theme.js';

const LESSONS = { '1d': lesson1d, '2d': lesson2d, neuron };

let pageDoc = null;
/** The site's index.html, parsed once: the lessons' markup is cloned from it. */
function lessonMarkup() {
  pageDoc ??= fetch(new URL('index.html', SITE)).then((r) => {
    if (!r.ok) throw new Error(`index.html could not be loaded (HTTP ${r.status})`);
    return r.text();
  }).then((text) => new DOMParser().parseFromString(text, 'text/html'));
  return pageDoc;
}

/** Whether a key press is meant for a text field, a select or a button rather than the transport. */
function typing(target, key) {
  return target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement
    || (target instanceof HTMLButtonElement && key === ' ');
}

export class DescentLab extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    applyTheme(); // the page's dark or light theme, on this element too
    for (const css of ['style.css', 'embed.css']) {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = new URL(css, SITE).href;
      root.append(link);
    }
    this.box = document.createElement('div');
    this.box.className = 'embed-root lab-element';
    this.loading = document.createElement('p');
    this.loading.className = 'loading';
    this.loading.textContent = 'Loading the lab…';
    this.box.append(this.loading);
    root.append(this.box);
    this.boot().catch((err) => console.error(err));
  }

  async boot() {
    this.wasm = await loadWasmInto(this.loading);
    let doc;
    try {
      doc = await lessonMarkup();
    } catch (err) {
      this.loading.classList.add('error');
      this.loading.textContent = `The lab could not start: ${err.message}.`;
      throw err;
    }
    this.doc = doc;
    this.keys = allKeys(this.wasm);
    this.mountLesson(this.settingsFromAttributes());
    new MutationObserver((records) => this.attributesChanged(records)).observe(this, { attributes: true });
    addEventListener('message', (ev) => this.onMessage(ev));
  }

  /**
   * `{key: text}` of the attributes that name settings. A key of another lesson's table
   * stands for the row of this lesson with the same label (`gamma` for `gamma2` in lesson
   * 2d); one with no such row is reported in `this.ignored`.
   */
  settingsFromAttributes() {
    const named = Object.fromEntries([...this.attributes].filter((a) => this.keys.has(a.name)).map((a) => [a.name, a.value]));
    const lesson = parseSettings(this.wasm, { lesson: named.lesson ?? '' }).values.lesson;
    const own = new Set([...this.wasm.settingsTable('page'), ...this.wasm.settingsTable(lesson)].map((r) => r.key));
    // The first row with a label (γ of gradient descent before the optimizers' own).
    const byLabel = new Map(this.wasm.settingsTable(lesson).reverse().map((r) => [r.label, r.key]));
    const labels = new Map([...allRows(this.wasm)].map((r) => [r.key, r.label]));
    const out = {};
    this.ignored = [];
    for (const [k, v] of Object.entries(named)) {
      if (own.has(k)) { out[k] = v; continue; }
      const alias = byLabel.get(labels.get(k));
      if (alias && named[alias] === undefined) out[alias] = v;
      else this.ignored.push(`${k} is not a setting of lesson ${lesson}`);
    }
    return out;
  }

  /** Mounts the lesson the settings name (a fresh section, controller and state). */
  mountLesson(settings) {
    this.controller?.lesson.transport.pause();
    const notice = document.createElement('p');
    notice.className = 'notice';
    notice.setAttribute('role', 'status');
    this.app = new LabState(this.wasm, settings, (errors) => {
      const all = [...errors, ...(this.ignored ?? [])];
      notice.textContent = all.length ? `Settings ignored: ${all.join('; ')}.` : '';
    });
    const name = this.app.values.lesson;
    const source = this.doc.getElementById(`lesson-${name}`);
    const section = document.importNode(source, true);
    section.hidden = false;
    for (const form of section.querySelectorAll('form')) form.addEventListener('submit', (ev) => ev.preventDefault());
    const parts = [notice, section];
    if (this.getAttribute('link') === '1') parts.unshift(this.openLink());
    this.box.replaceChildren(...parts);
    const lesson = LESSONS[name].mount(section, this.app);
    const flags = Object.fromEntries(Object.keys(FLAGS).map((f) => [f, this.getAttribute(f) ?? undefined]));
    this.allowed = allowList(this.getAttribute('allow-origins'));
    this.controller = new LabController({
      name,
      section,
      lesson,
      flags,
      emit: (type, data) => this.dispatchEvent(new CustomEvent(type, { bubbles: true, detail: { descent: VERSION, type, ...data } })),
      setSettings: (patch) => this.applySettings(settingsPatch(this.wasm, patch)),
      values: () => lessonValues(this.wasm, this.app.values, name),
    });
    section.addEventListener('keydown', (ev) => { if (!typing(ev.composedPath()[0], ev.key)) lesson.key(ev); });
  }

  /** The small "open in Descent" link: the full page with these settings, in a new tab. */
  openLink() {
    const a = document.createElement('a');
    a.className = 'open-full';
    a.target = '_blank';
    a.rel = 'noopener';
    a.textContent = 'open in Descent ↗';
    const full = () => `${new URL('index.html', SITE).href}#${this.wasm.serializeState(this.app.values)}`;
    a.href = new URL('index.html', SITE).href;
    a.addEventListener('pointerdown', () => { a.href = full(); });
    a.addEventListener('focus', () => { a.href = full(); });
    return a;
  }

  /** Settings changed by an attribute: the lesson follows (a new lesson or flag remounts). */
  attributesChanged(records) {
    const names = new Set(records.map((r) => r.attributeName));
    const remount = names.has('lesson') || [...names].some((n) => n in FLAGS || n === 'allow-origins');
    if (remount) { this.mountLesson(this.settingsFromAttributes()); return; }
    if (![...names].some((n) => this.keys.has(n))) return;
    this.app.read(this.settingsFromAttributes());
    this.app.changed();
  }

  /** Settings from a `set` message or call, over the ones on screen. */
  applySettings(patch) {
    const values = { ...this.app.values, ...patch };
    if (patch.lesson && patch.lesson !== this.app.values.lesson) { this.mountLesson(values); return; }
    this.app.read(values);
    this.app.changed();
  }

  /** A message from another window: accepted from allowed origins, for this element (by id) or all. */
  onMessage(ev) {
    if (!this.hasAttribute('allow-origins') || ev.source === window) return;
    if (!accepts(ev.origin, this.allowed)) { console.warn(`Descent: message from ${ev.origin} ignored: not in allow-origins`); return; }
    const target = ev.data?.target;
    if (target !== undefined && target !== this.id) return;
    this.send(ev.data);
  }

  /** Carries out a message of the schema ({descent: 1, type, …}); false if it was ignored. */
  send(message) {
    if (!this.controller) { console.warn('Descent: message ignored: the lab is still loading'); return false; }
    return this.controller.command(message);
  }

  step() { return this.send({ descent: VERSION, type: 'step' }); }

  back() { return this.send({ descent: VERSION, type: 'back' }); }

  play() { return this.send({ descent: VERSION, type: 'play' }); }

  pause() { return this.send({ descent: VERSION, type: 'pause' }); }

  reset() { return this.send({ descent: VERSION, type: 'reset' }); }

  seek(k) { return this.send({ descent: VERSION, type: 'seek', k }); }

  set(settings) { return this.send({ descent: VERSION, type: 'set', settings }); }

  setStart(at) { return this.send({ descent: VERSION, type: 'start', at }); }

  /** The settings on screen, as text by key. */
  get settings() { return { ...this.app?.values }; }
}

if (!customElements.get('descent-lab')) customElements.define('descent-lab', DescentLab);
// Started at once, so the wasm downloads while the page lays out.
loadWasm().catch(() => { /* each element shows the failure */ });
