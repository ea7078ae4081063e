// The examples' language, as the lab's page chooses its own: `lang=` in the query or the hash
// (`?lang=es`, `#lang=es`), else the browser's preferred languages. The page's texts come from
// the lab's catalogues (its `data-i18n` ids), its `<descent-lab>` elements without a `lang`
// attribute get that language, and so do its embedded lessons.

import { chooseLang, lang, useLang } from '../js/i18n.js';
import { applyTexts } from '../js/i18n-dom.js';

/** The `lang` the example's address asks for, if any. */
const asked = () => new URLSearchParams(location.search).get('lang') ?? /(?:^#|&)lang=(\w+)/.exec(location.hash)?.[1];

/**
 * Gives the page's labs the chosen language at once (before they load their texts), then
 * shows the page's own texts in it. An iframe lesson follows the browser by itself; only a
 * language the address asks for is put into its hash (the iframe is loaded anew).
 */
export function followLanguage() {
  const chosen = chooseLang(asked());
  for (const el of document.querySelectorAll('descent-lab:not([lang])')) el.setAttribute('lang', chosen);
  if (asked() && chosen !== chooseLang('')) {
    for (const frame of document.querySelectorAll('iframe[src*="embed"]')) {
      const url = new URL(frame.getAttribute('src'), location.href);
      url.hash = `${url.hash.slice(1)}&lang=${chosen}`.replace(/^&/, '');
      const fresh = frame.cloneNode();
      fresh.src = url.href;
      frame.replaceWith(fresh);
    }
  }
  return useLang(chosen).then(() => {
    document.documentElement.lang = lang();
    applyTexts();
  });
}
