// Colours for canvas drawing, read from the page's CSS custom properties (style.css), so the
// page and the plots share one palette per theme.

import './theme.js';

let cache = new Map();
let probe = null;
addEventListener('descent:theme', () => { cache = new Map(); });

/**
 * The resolved colour of custom property `--name` (an `rgb(…)` string canvas accepts), or
 * `fallback` when it is not set.
 */
export function colour(name, fallback = '#000') {
  let c = cache.get(name);
  if (c !== undefined) return c;
  if (!probe) {
    probe = document.createElement('span');
    probe.hidden = true;
    document.documentElement.append(probe);
  }
  probe.style.color = fallback;
  probe.style.color = `var(--${name}, ${fallback})`;
  c = getComputedStyle(probe).color || fallback;
  cache.set(name, c);
  return c;
}

/**
 * An object whose properties read the palette at access time: `themed({ f: 'c-f' }).f` is
 * the current theme's `--c-f`.
 */
export function themed(names) {
  const out = {};
  for (const [key, name] of Object.entries(names)) Object.defineProperty(out, key, { get: () => colour(name), enumerable: true });
  return out;
}
