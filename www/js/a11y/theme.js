// The page's colour theme and motion preference: the system settings, or ?theme= and ?motion=
// in the URL (for links, embeds and engines whose test drivers cannot emulate media queries).

const params = new URLSearchParams(location.search);
const darkQuery = matchMedia('(prefers-color-scheme: dark)');
const motionQuery = matchMedia('(prefers-reduced-motion: reduce)');

/** 'dark' or 'light': the ?theme= override if given, else the system's colour scheme. */
export function theme() {
  const forced = params.get('theme');
  if (forced === 'dark' || forced === 'light') return forced;
  return darkQuery.matches ? 'dark' : 'light';
}

/** True when motion should be reduced: ?motion=reduce, or the system's setting. */
export function reducedMotion() {
  const forced = params.get('motion');
  if (forced === 'reduce') return true;
  if (forced === 'full') return false;
  return motionQuery.matches;
}

/**
 * Writes data-theme and data-motion on <html> and data-theme on every <descent-lab> element
 * (the CSS keys on them, in the page and in the elements' shadow roots) and tells the plots.
 */
export function apply() {
  const root = document.documentElement;
  const before = root.dataset.theme;
  root.dataset.theme = theme();
  for (const el of document.querySelectorAll('descent-lab')) el.dataset.theme = root.dataset.theme;
  root.dataset.motion = reducedMotion() ? 'reduce' : 'full';
  if (before && before !== root.dataset.theme) dispatchEvent(new Event('descent:theme'));
}

apply();
darkQuery.addEventListener('change', apply);
motionQuery.addEventListener('change', apply);
