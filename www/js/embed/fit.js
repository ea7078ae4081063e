// Fits an embedded lesson into the height it is given (an iframe's window, a slide, an
// element's fit= height): the shown views shrink so that they, the transport, the readouts
// and the status fill the box exactly; the other shown parts (settings, explanation, tools)
// go to a side panel that scrolls, or below the views in a narrow box, where the lesson
// scrolls inside the box. Nothing overflows the box.

/**
 * The parts under the views, in this order; the `top` ones go to the top of the side panel
 * when there is one (the views keep the height), the others stay under the views.
 */
const BAR = [
  ['.work', 1, false],
  ['.train-bar', 2, false],
  ['[data-role="transport"]', 3, false],
  ['dl.readout', 4, true],
  ['.status', 5, true],
  ['.notice', 6, true],
  ['.error', 6, true],
  ['[data-role="live"]', 7, false],
];
/** A view is never shorter than this (CSS px); a smaller box scrolls instead. */
export const MIN_VIEW = 120;
/** Below this width there is no side panel: the other parts follow the views. */
const SIDE_MIN_WIDTH = 560;

/** The outer height of `el` (margins included), in layout px. */
function outer(el) {
  if (!(el instanceof HTMLElement) || el.getClientRects().length === 0) return 0;
  const s = getComputedStyle(el);
  return el.offsetHeight + parseFloat(s.marginTop) + parseFloat(s.marginBottom);
}

/** The shown plots of a lesson section (the flags' chosen view, or every plot with view=all). */
function shownPlots(section) {
  return [...section.querySelectorAll('canvas.plot[data-role]')]
    .filter((c) => !c.closest('details, .embed-off, .fit-side'));
}

/**
 * Arranges `section` to fit `height` CSS px (0: no bound, the ordinary layout). Call again
 * whenever the height or the width may have changed; it measures once and writes once.
 */
export function fitSection(section, height) {
  section.classList.toggle('fit', height > 0);
  if (!(height > 0)) {
    section.style.removeProperty('--fit-h');
    section.style.removeProperty('--fit-view');
    return;
  }
  let side = section.querySelector(':scope > .fit-side');
  if (!side) {
    side = document.createElement('div');
    side.className = 'fit-side';
    side.dataset.role = 'fit-side';
    section.append(side);
  }
  // Every part of the lesson is either under the views (in BAR's order) or in the side panel.
  const plots = shownPlots(section);
  const viewKids = new Set([...section.children].filter((k) => plots.some((c) => k.contains(c))));
  // The section's own parts (a fitted section's side panel holds some of them).
  const own = [...section.children, ...side.children];
  const bar = new Map();
  const top = new Set();
  for (const [sel, order, first] of BAR) {
    for (const el of own.filter((k) => k.matches(sel))) { bar.set(el, order); if (first) top.add(el); }
    for (const el of section.querySelectorAll('.train-bar, .work')) if (el.matches(sel) && !el.closest('.fit-side')) bar.set(el, order);
  }
  for (const kid of [...section.children]) {
    if (kid === side || viewKids.has(kid) || bar.has(kid)) continue;
    side.append(kid);
  }
  const shows = (k) => getComputedStyle(k).display !== 'none' && k.childElementCount + k.textContent.trim().length > 0;
  const sideShown = [...side.children].some((k) => !top.has(k) && shows(k));
  const wide = section.clientWidth >= SIDE_MIN_WIDTH;
  // With a side panel, the readouts and the status head it; in a narrow box, where the
  // other parts follow the views, they head those (the views keep the height).
  const withSide = sideShown && wide;
  const lift = sideShown;
  for (const el of [...top].sort((a, b) => bar.get(a) - bar.get(b))) {
    if (lift && el.parentElement !== side) side.prepend(el);
    if (!lift && el.parentElement === side) section.insertBefore(el, side);
  }
  if (lift) for (const el of [...top].sort((a, b) => bar.get(b) - bar.get(a))) side.prepend(el);
  for (const kid of section.children) kid.style.order = viewKids.has(kid) ? '0' : String(bar.get(kid) ?? 8);
  for (const c of section.querySelectorAll('canvas.plot')) c.classList.toggle('fit-shown', plots.includes(c));
  section.classList.toggle('fit-with-side', withSide);
  section.classList.toggle('fit-below', sideShown && !wide);
  section.style.setProperty('--fit-h', `${Math.floor(height)}px`);

  // The views take what the other main parts leave: the section's height, less their heights
  // and the views' own non-plot parts (toolbars, legends, captions).
  let others = 0;
  for (const kid of section.children) {
    if (kid === side || viewKids.has(kid)) continue;
    if (!(sideShown && !wide) || bar.has(kid)) others += outer(kid);
  }
  const byKid = new Map();
  for (const c of plots) {
    const kid = [...viewKids].find((k) => k.contains(c));
    byKid.set(kid, Math.max(byKid.get(kid) ?? 0, c.offsetHeight));
  }
  let chrome = 0;
  for (const [kid, tallest] of byKid) chrome += outer(kid) - tallest;
  const pad = parseFloat(getComputedStyle(section).paddingTop) + parseFloat(getComputedStyle(section).paddingBottom);
  const rows = Math.max(1, byKid.size);
  const view = Math.max(MIN_VIEW, Math.floor((height - pad - others - chrome - 2) / rows));
  section.style.setProperty('--fit-view', `${view}px`);
}

/**
 * Keeps `section` fitted to `height()` (0 for no bound): again after the box or the section
 * changed size, and after the lesson rebuilt parts of it; `onFit(height)` hears of each new
 * fit. Returns a function that refits soon.
 */
export function keepFitted(section, height, onFit = null) {
  let queued = false;
  let last = '';
  const run = () => {
    queued = false;
    const h = height();
    const key = `${h}|${section.clientWidth}|${[...section.querySelectorAll(':scope > *, .fit-side > *')].map((k) => k.offsetHeight).join(',')}`;
    if (key === last) return;
    last = key;
    fitSection(section, h);
    onFit?.(h);
  };
  const later = () => { if (!queued) { queued = true; requestAnimationFrame(run); } };
  new ResizeObserver(later).observe(section);
  // Parts added to the section, or shown and hidden in it (not the text a playing run changes).
  new MutationObserver(later).observe(section, { childList: true });
  new MutationObserver(later).observe(section, { attributes: true, attributeFilter: ['class', 'hidden'], subtree: true });
  addEventListener('resize', later);
  later();
  return later;
}
