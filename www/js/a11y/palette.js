// Colours for canvas drawing, read from the page's CSS custom properties (style.css), so the
// page and the plots share one palette per theme.

import './theme.js';

/** Resolved colours per document or shadow root, then per name; cleared when the theme changes. */
let cache = new WeakMap();
addEventListener('descent:theme', () => { cache = new WeakMap(); });

/**
 * The colour in custom property `--name` as seen from element `at` (its document or shadow
 * root carries the palette), or black before the style sheet applies. The palette's values
 * are literal colours, so the property's text is a colour canvas accepts.
 */
export function colour(name, at = document.documentElement) {
  const fallback = 'black';
  const root = at.getRootNode?.() ?? document;
  let names = cache.get(root);
  if (!names) cache.set(root, (names = new Map()));
  let c = names.get(name);
  if (c === undefined) {
    c = getComputedStyle(at).getPropertyValue(`--${name}`).trim() || fallback;
    // An element not yet in a styled tree has no palette: ask again next time.
    if (c !== fallback) names.set(name, c);
  }
  return c;
}

/**
 * An object whose properties read the palette at access time, as seen from `at`:
 * `themed({ f: 'c-f' }, canvas).f` is the current theme's `--c-f`.
 */
export function themed(names, at) {
  const out = {};
  for (const [key, name] of Object.entries(names)) Object.defineProperty(out, key, { get: () => colour(name, at), enumerable: true });
  return out;
}
