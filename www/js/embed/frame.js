// The iframe embed (`?embed`): no page chrome, a compact layout, the display flags from the
// URL, an optional "open in Descent" link, and the postMessage protocol with the host.

import { LabController } from './controller.js';
import { VERSION, addressed, allowList, accepts } from './messages.js';
import { settingsPatch, lessonValues } from './state.js';
import { FLAGS, applyFlags } from './flags.js';
import { keepFitted } from './fit.js';
import { t } from '../i18n.js';
import { warn } from './warnings.js';

/** The "open in Descent" link at the top: the page outside the frame, with the settings on screen. */
function openFull() {
  const a = document.createElement('a');
  a.className = 'open-full';
  a.target = '_blank';
  a.rel = 'noopener';
  a.textContent = t('embed.open');
  const full = () => { const u = new URL(location.href); u.search = ''; return u.href; };
  a.href = full();
  // The link follows the settings on screen (they live in the hash).
  a.addEventListener('pointerdown', () => { a.href = full(); });
  a.addEventListener('focus', () => { a.href = full(); });
  document.body.prepend(a);
}

/**
 * Escape leaves the lab: focus goes back to the host window (a slide deck's keys work
 * again), and the host hears of it (`left`) in case its browser kept focus in the frame.
 */
function escapeLeaves(host, emit) {
  const hint = document.createElement('span');
  hint.className = 'esc-hint';
  hint.textContent = t('embed.esc');
  document.body.prepend(hint);
  addEventListener('keydown', (ev) => {
    if (ev.key !== 'Escape' || ev.defaultPrevented) return;
    ev.preventDefault();
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    try { host?.focus(); } catch { /* a browser that does not let a frame focus its parent */ }
    emit('left');
  });
}

/**
 * Starts the embed mode of the page. `applySettings(patch)` applies settings as an edited
 * link would (the page re-reads its state). Returns `{adopt(name, section, lesson), show(name)}`
 * for the page to call when it mounts or shows a lesson.
 */
export function startFrame(params, { wasm, app, applySettings }) {
  document.body.classList.add('embed', 'embed-root');
  const flags = Object.fromEntries(Object.keys(FLAGS).map((f) => [f, params.get(f) ?? undefined]));
  const allowed = allowList(params.get('origins'));
  const host = window.parent !== window ? window.parent : null;
  const emit = (type, data = {}) => host?.postMessage({ descent: VERSION, type, ...data }, '*');
  const controllers = new Map();
  let current = null;

  if (flags.link !== '0') openFull();
  escapeLeaves(host, emit);

  addEventListener('message', (ev) => {
    if (!addressed(ev.data)) return;
    if (!accepts(ev.origin, allowed)) {
      warn('warn.origin', { origin: ev.origin });
      return;
    }
    if (current) current.command(ev.data);
    else warn('warn.notready');
  });

  // The content height, measured a little after the page changed or the frame was resized.
  // Not a ResizeObserver on the body: the plots' observers redraw (and change the body's
  // size) in the same rendering step, which leaves a shallow observation undelivered.
  let lastHeight = 0;
  let queued = false;
  // Not before the first lesson is fitted to the window: its unfitted height is no height
  // the frame will have.
  let fitted = false;
  const measure = () => {
    queued = false;
    if (!fitted) return;
    const height = Math.ceil(document.documentElement.scrollHeight);
    if (height !== lastHeight) { lastHeight = height; emit('resized', { height }); }
  };
  const later = () => { if (!queued) { queued = true; setTimeout(measure, 100); } };
  new MutationObserver(later).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
  addEventListener('resize', later);
  later();

  const setSettings = (settings) => applySettings(settingsPatch(wasm, settings));
  return {
    adopt(name, section, lesson) {
      controllers.set(name, new LabController({ name, section, lesson, flags, emit, setSettings, values: () => lessonValues(wasm, app.values, name) }));
      // The lesson fills the window below whatever precedes it (a notice of ignored settings).
      keepFitted(section, () => Math.max(0, innerHeight - section.getBoundingClientRect().top - scrollY - 8), () => {
        fitted = true;
        later();
      });
    },
    /** Applies the flags again to the lessons' parts added since (the plots' tables of numbers). */
    refresh() {
      for (const c of controllers.values()) applyFlags(c.section, flags);
    },
    show(name) {
      current = controllers.get(name) ?? null;
    },
  };
}
