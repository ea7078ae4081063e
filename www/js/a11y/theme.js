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
 * The theme of a <descent-lab> element: its theme="dark" or "light", or with "auto" (the
 * default) the one that reads on the page around it: dark where the host's text is light
 * (a slide deck's black theme), light where it is dark, else the page's own theme.
 */
export function elementTheme(el, page = theme()) {
  const forced = el.getAttribute('theme');
  if (forced === 'dark' || forced === 'light') return forced;
  const host = el.parentElement ?? el.getRootNode()?.host;
  const rgb = host && /rgba?\(([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/.exec(getComputedStyle(host).color);
  if (!rgb) return page;
  const [r, g, b] = rgb.slice(1, 4).map(Number);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 140 ? 'dark' : 'light';
}

/**
 * Writes data-theme and data-motion on <html> and data-theme on every <descent-lab> element
 * (the CSS keys on them, in the page and in the elements' shadow roots) and tells the plots.
 */
export function apply() {
  const root = document.documentElement;
  const before = root.dataset.theme;
  root.dataset.theme = theme();
  let changed = Boolean(before) && before !== root.dataset.theme;
  for (const el of document.querySelectorAll('descent-lab')) {
    const t = elementTheme(el, root.dataset.theme);
    if (el.dataset.theme && el.dataset.theme !== t) changed = true;
    el.dataset.theme = t;
  }
  root.dataset.motion = reducedMotion() ? 'reduce' : 'full';
  if (changed) dispatchEvent(new Event('descent:theme'));
}

apply();
darkQuery.addEventListener('change', apply);
motionQuery.addEventListener('change', apply);
