// Puts the language in use into a page's markup: the elements and attributes marked with
// catalogue ids get their texts. The markup is written in English, so an English page needs
// none of this until its language changes; the first time an id is seen, its markup is
// recorded as that id's English.

import { learn, t } from './i18n.js';

/**
 * Puts the texts of the language in use into `root`: `[data-i18n]` elements get their text
 * (a text's `{0}`, `{1}`… stand for the element's child elements, in order, which keep
 * their own markup and texts), and `[data-i18n-title]`, `[data-i18n-aria-label]`, `[data-i18n-data-name]`,
 * `[data-i18n-placeholder]` their attributes.
 */
export function applyTexts(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) {
    if (!kept.has(el)) learn(el.dataset.i18n, templateOf(el));
    fillElement(el, t(el.dataset.i18n));
  }
  for (const attr of ['title', 'aria-label', 'placeholder', 'data-name']) {
    const data = `data-i18n-${attr}`;
    for (const el of root.querySelectorAll(`[${data}]`)) {
      const id = el.getAttribute(data);
      if (el.hasAttribute(attr)) learn(id, el.getAttribute(attr));
      el.setAttribute(attr, t(id));
    }
  }
}

/** The element children a `[data-i18n]` element keeps across languages (found once). */
const kept = new WeakMap();

function fillElement(el, text) {
  if (!kept.has(el)) kept.set(el, [...el.children]);
  const children = kept.get(el);
  if (!children.length) { el.textContent = text; return; }
  const nodes = text.split(/\{(\d+)\}/).map((part, i) => (i % 2 ? children[Number(part)] ?? '' : part));
  el.replaceChildren(...nodes);
}

/** An element's text as a catalogue writes it: child elements as `{0}`, `{1}`…, spaces folded. */
export function templateOf(el) {
  let i = 0;
  const parts = [...el.childNodes].map((n) => (n.nodeType === 1 ? `{${i++}}` : n.nodeType === 3 ? n.textContent : ''));
  return parts.join('').replace(/\s+/g, ' ').trim();
}
