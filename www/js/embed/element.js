// The <descent-lab> element: one lesson in its own shadow root, its settings from the
// element's attributes (the settings tables' keys), the display flags of the iframe embed,
// events for every step, and methods (or messages of the same schema) to drive it.

import * as lesson1d from '../lesson1d.js';
import * as lesson2d from '../lesson2d.js';
import * as neuron from '../neuron.js';
import { SITE, loadWasm, loadWasmInto } from './wasm.js';
import { LabState, allKeys, allRows, parseSettings, settingsPatch, lessonValues } from './state.js';
import { LabController } from './controller.js';
import { VERSION, addressed, allowList, accepts } from './messages.js';
import { FLAGS, LIVE_FLAGS } from './flags.js';
import { apply as applyTheme } from '../a11y/theme.js';
import { lessonA11y } from '../a11y/index.js';
import { keepFitted, MIN_VIEW } from './fit.js';
import { chooseLang, lang, loadPart, localized, t, useLang } from '../i18n.js';
import { applyTexts } from '../i18n-dom.js';
import { warn } from './warnings.js';

const LESSONS = { '1d': lesson1d, '2d': lesson2d, neuron };

let pageDoc = null;
/** The site's index.html, parsed once: the lessons' markup is cloned from it. */
function lessonMarkup() {
  pageDoc ??= fetch(new URL('index.html', SITE)).then((r) => {
    if (!r.ok) throw new Error(t('page.failed.markup', { status: r.status }));
    return r.text();
  }).then((text) => new DOMParser().parseFromString(text, 'text/html'));
  return pageDoc;
}

/**
 * Whether a key press is meant for a text field, a select, or a button, link or summary
 * (Space and Enter) rather than the transport.
 */
function typing(target, key) {
  return target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement
    || ((key === ' ' || key === 'Enter') && Boolean(target?.closest?.('button, summary, a[href]')));
}

/** The least height (CSS px) a fitted element takes: a view and its transport. */
const MIN_FIT = MIN_VIEW + 60;

/** Below this width (CSS px) the fitted lesson has no side panel (js/embed/fit.js). */
const NARROW = 560;

/**
 * The height of an element given only its width: a landscape box where the settings go in
 * a side panel, a taller one on a narrow column (a phone), where they follow the views;
 * never taller than most of the window.
 */
function heightForWidth(width) {
  const h = width >= NARROW ? width * 0.6 : width * 1.5;
  return Math.max(MIN_FIT, Math.floor(Math.min(h, 0.9 * innerHeight)));
}

/**
 * The height the element should fit (CSS px), or 0 for its natural height: `fit="520"`
 * gives it; `fit="none"` turns it off; by default, in a reveal.js (or Quarto) slide, the
 * height the slide leaves it (the slide's height less everything else on the slide), and
 * elsewhere a height in proportion to the width its container gives it.
 */
function fitHeight(el) {
  const fit = (el.getAttribute('fit') ?? 'auto').trim();
  if (fit === 'none') return 0;
  if (/^\d+(\.\d+)?(px)?$/.test(fit)) return Math.max(MIN_FIT, parseFloat(fit));
  const slides = el.closest('.reveal .slides');
  const slide = el.closest('.reveal .slides section');
  if (!slides || !slide) return el.clientWidth > 0 ? heightForWidth(el.clientWidth) : 0;
  if (slide.offsetHeight === 0 || slides.offsetHeight === 0) return 0;
  const s = getComputedStyle(el);
  const own = el.offsetHeight + parseFloat(s.marginTop) + parseFloat(s.marginBottom);
  const rest = slide.offsetHeight - own;
  return Math.max(MIN_FIT, Math.floor(slides.offsetHeight - rest - 4));
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
    this.loading.textContent = t('page.loading');
    this.box.append(this.loading);
    root.append(this.box);
    // Keys typed in the lab stay in it: a slide deck listening on the document must not
    // turn the "n" of "sin" into the next slide, nor → on a focused button into two moves.
    this.box.addEventListener('keydown', (ev) => this.onKey(ev));
    for (const type of ['keypress', 'keyup']) {
      this.box.addEventListener(type, (ev) => { if (this.keeps(ev)) ev.stopPropagation(); });
    }
    this.boot().catch((err) => console.error(err));
  }

  /** Whether a key event belongs to the lab: typed into one of its controls, or one of its keys. */
  keeps(ev) {
    return ev.key === 'Escape' || typing(ev.composedPath()[0], ev.key) || this.handled === ev.key;
  }

  /**
   * Keys in the lab: Escape moves focus out of it (back to the page or slide deck); keys
   * typed into its controls and the transport's keys go no further than the element.
   */
  onKey(ev) {
    this.handled = null;
    if (ev.key === 'Escape') {
      this.shadowRoot.activeElement?.blur();
      ev.preventDefault();
      ev.stopPropagation();
      return;
    }
    if (typing(ev.composedPath()[0], ev.key)) { ev.stopPropagation(); return; }
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    if (this.controller?.lesson.key?.(ev)) {
      this.handled = ev.key;
      ev.stopPropagation();
    }
  }

  async boot() {
    this.wasm = localized(await loadWasmInto(this.loading));
    let doc;
    try {
      // Every lesson's words: the element can switch lessons by an attribute.
      await Promise.all([useLang(chooseLang(this.getAttribute('lang') ?? '')), loadPart('l2'), loadPart('n')]);
      this.box.lang = lang();
      doc = await lessonMarkup();
    } catch (err) {
      this.loading.classList.add('error');
      this.loading.textContent = t('page.failed', { why: err.message });
      throw err;
    }
    this.doc = doc;
    this.keys = allKeys(this.wasm);
    this.mountLesson(this.settingsFromAttributes());
    new MutationObserver((records) => this.attributesChanged(records)).observe(this, { attributes: true });
    addEventListener('message', (ev) => this.onMessage(ev));
    // A slide's other content can change the height left to the element.
    const slide = this.closest('.reveal .slides section');
    if (slide) new ResizeObserver(() => this.refit?.()).observe(slide);
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
      else this.ignored.push(t('embed.notsetting', { key: k, lesson }));
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
      notice.textContent = all.length ? t('embed.ignored', { list: all.join('; ') }) : '';
    });
    const name = this.app.values.lesson;
    const source = this.doc.getElementById(`lesson-${name}`);
    const section = document.importNode(source, true);
    section.hidden = false;
    applyTexts(section);
    for (const form of section.querySelectorAll('form')) form.addEventListener('submit', (ev) => ev.preventDefault());
    const hint = document.createElement('span');
    hint.className = 'esc-hint';
    hint.textContent = t('embed.esc');
    const parts = [notice, hint, section];
    if (this.getAttribute('link') === '1') parts.unshift(this.openLink());
    this.box.replaceChildren(...parts);
    applyTheme(); // the host's styles have loaded by now: theme="auto" reads them
    const lesson = LESSONS[name].mount(section, this.app);
    lessonA11y(section, () => lesson);
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
    // Fitted to the height a slide (or fit=) gives it: the box, and the lesson in it.
    this.refit = keepFitted(section, () => {
      const h = fitHeight(this);
      this.box.classList.toggle('fit', h > 0);
      this.box.style.setProperty('--fit-box', `${h}px`);
      return h > 0 ? Math.max(MIN_FIT, h - notice.offsetHeight) : 0;
    }, (h) => {
      // reveal.js centres a slide by its height when it lays the slide out: again now.
      if (h === this.fitted) return;
      this.fitted = h;
      try { if (window.Reveal?.isReady?.()) window.Reveal.layout(); } catch { /* not a reveal.js deck */ }
    });
  }

  /** The small "open in Descent" link: the full page with these settings, in a new tab. */
  openLink() {
    const a = document.createElement('a');
    a.className = 'open-full';
    a.target = '_blank';
    a.rel = 'noopener';
    a.textContent = t('embed.open');
    const full = () => `${new URL('index.html', SITE).href}#${this.wasm.serializeState(this.app.values)}`;
    a.href = new URL('index.html', SITE).href;
    a.addEventListener('pointerdown', () => { a.href = full(); });
    a.addEventListener('focus', () => { a.href = full(); });
    return a;
  }

  /** Settings changed by an attribute: the lesson follows (a new lesson or flag remounts). */
  attributesChanged(records) {
    const names = new Set(records.map((r) => r.attributeName));
    if (names.has('theme')) applyTheme();
    if (names.has('fit')) this.refit?.();
    const remount = names.has('lesson') || [...names].some((n) => (n in FLAGS && !LIVE_FLAGS.has(n)) || n === 'allow-origins');
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
    if (!this.hasAttribute('allow-origins') || ev.source === window || !addressed(ev.data)) return;
    if (!accepts(ev.origin, this.allowed)) { warn('warn.allow', { origin: ev.origin }); return; }
    const target = ev.data?.target;
    if (target !== undefined && target !== this.id) return;
    this.send(ev.data);
  }

  /** Carries out a message of the schema ({descent: 1, type, …}); false if it was ignored. */
  send(message) {
    if (!this.controller) { warn('warn.loading'); return false; }
    return this.controller.command(message);
  }

  step() { return this.send({ descent: VERSION, type: 'step' }); }

  back() { return this.send({ descent: VERSION, type: 'back' }); }

  play() { return this.send({ descent: VERSION, type: 'play' }); }

  pause() { return this.send({ descent: VERSION, type: 'pause' }); }

  reset() { return this.send({ descent: VERSION, type: 'reset' }); }

  seek(k) { return this.send({ descent: VERSION, type: 'seek', k }); }

  /** The neuron lesson: trains to the stop rule (a `trained` event follows). */
  train() { return this.send({ descent: VERSION, type: 'train' }); }

  /** The neuron lesson: stops training. */
  stop() { return this.send({ descent: VERSION, type: 'stop' }); }

  set(settings) { return this.send({ descent: VERSION, type: 'set', settings }); }

  setStart(at) { return this.send({ descent: VERSION, type: 'start', at }); }

  /** The settings on screen, as text by key. */
  get settings() { return { ...this.app?.values }; }
}

if (!customElements.get('descent-lab')) customElements.define('descent-lab', DescentLab);
// Started at once, so the wasm downloads while the page lays out.
loadWasm().catch(() => { /* each element shows the failure */ });
