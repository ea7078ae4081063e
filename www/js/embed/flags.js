// The embed's display flags applied to one lesson section: which view shows (`view`), which
// control groups show (`controls`) and which settings are read-only (`lock`).

/**
 * The control groups a host can show or hide, each with the selector of its parts in a
 * lesson section (besides these, every settings key names its own input).
 */
export const GROUPS = {
  transport: { select: '[data-role="transport"]', about: 'play, pause, step, step back, the scrubber and the speed' },
  function: { select: '[data-role="function"]', about: 'the typed function and the catalogue' },
  settings: { select: 'form.controls', about: 'every setting of the lesson (or name single settings by key)' },
  train: { select: '.train-bar', about: 'the neuron\'s training buttons' },
  readout: { select: ':scope > dl.readout, :scope > .fit-side > dl.readout', about: 'k, the iterate, its value and gradient (the neuron\'s weights)' },
  status: { select: ':scope > .status, :scope > .notice, :scope > .error, :scope > .fit-side > .status, :scope > .fit-side > .notice, :scope > .fit-side > .error', about: 'the run\'s outcome, notices and errors' },
  explain: { select: '.explain', about: 'the lesson\'s explanation' },
  tools: { select: '.toolbar, .legend, [data-role="legend"], .start-entry', about: 'legends, zoom and basin-map buttons, cost-plot options, the typed start point' },
  more: { select: '', about: 'everything else: the other views, tables, the arithmetic, the derivative lab' },
};

/** Flag names a host can set (as URL parameters of ?embed, or element attributes). */
export const FLAGS = {
  view: 'which plot shows first and alone: the data-role of a plot (plot, contour, surface, cost, stepsize, square, landscape), or "all"',
  controls: 'comma-separated groups or settings keys to show; all others are hidden (default: all)',
  hide: 'comma-separated groups or settings keys to hide',
  lock: 'comma-separated groups or settings keys shown read-only',
  link: '"0" hides the small "open in Descent" link of an iframe (an element shows it with link="1")',
  origins: 'comma-separated origins whose messages are accepted (besides this page\'s own); "*" for any. The element\'s attribute is allow-origins',
  theme: '"dark", "light" or "auto": the element\'s colours; auto (the default) is dark where the text around it is light, light where it is dark. An iframe takes ?theme=dark or light (default: the system\'s)',
  fit: 'the element\'s height: a number of CSS px, "none" (its natural height), or "auto" (the default: in a reveal.js or Quarto slide, the height the slide leaves it; elsewhere a height in proportion to its width, 0.6 × the width from 560 px wide, 1.5 × below, at most 90% of the window). An iframe always fits its window',
};

/** Flags that change how the element looks without remounting its lesson. */
export const LIVE_FLAGS = new Set(['theme', 'fit']);

const list = (text) => String(text ?? '').split(/[\s,]+/).filter(Boolean);

/** The plots of a section that a host can choose as the view, by their data-role. */
export function views(section) {
  return [...section.querySelectorAll('canvas.plot[data-role]')].filter((c) => !c.closest('details'));
}

/**
 * The section's own parts: its children, and those a fitted layout moved to its side panel
 * (js/embed/fit.js), which count as children of the section.
 */
function topParts(section) {
  return [...section.children].flatMap((k) => (k.classList.contains('fit-side') ? [...k.children] : [k]));
}

/** The parts of group or settings key `name` in `section` (`viewKids` hold the shown views). */
function parts(section, name, viewKids) {
  const g = GROUPS[name];
  if (!g) return [...section.querySelectorAll(`[data-setting="${CSS.escape(name)}"]`)];
  if (g.select) return [...section.querySelectorAll(g.select)];
  // "more": the section's parts that no group owns, besides the chosen view.
  const owned = new Set(Object.values(GROUPS).flatMap((o) => (o.select ? [...section.querySelectorAll(o.select)] : [])));
  return topParts(section).filter((k) => !owned.has(k) && !viewKids.has(k));
}

/**
 * Applies `flags` ({view, controls, hide, lock} as text) to `section`: marks the chosen plot and
 * its container, hides what is not shown (class `embed-off`) and disables locked inputs.
 * Returns a function that re-applies the locks (inputs a lesson rebuilds lose them).
 */
export function applyFlags(section, flags) {
  const plots = views(section);
  const wanted = flags.view ?? '';
  const chosen = wanted === 'all' ? null : plots.find((c) => c.dataset.role === wanted) ?? plots[0];
  const kids = topParts(section);
  const off = (el, yes) => el.classList.toggle('embed-off', yes);
  // The boxes of the plots not chosen stay hidden whatever group would show them.
  const others = new Set();
  for (const c of plots) {
    const box = c.closest('.stage, figure') ?? c;
    // A box that also holds the chosen plot (a view's other form, e.g. its 3-D) stays.
    const hide = Boolean(chosen) && c !== chosen && !box.contains(chosen);
    off(box, hide);
    if (hide) others.add(box);
    c.classList.toggle('embed-chosen', c === chosen);
  }
  const viewKid = chosen && kids.find((k) => k.contains(chosen));
  for (const k of kids) k.classList.toggle('embed-view', k === viewKid);
  // The section's parts holding a shown plot: the chosen one's, or every plot's with view=all.
  const viewKids = new Set(kids.filter((k) => plots.some((c) => k.contains(c) && (!chosen || c === chosen))));

  const shown = list(flags.controls);
  if (shown.length) {
    for (const name of Object.keys(GROUPS)) for (const el of parts(section, name, viewKids)) off(el, !shown.includes(name) || others.has(el));
    // Single settings by key: their form shows with only those inputs.
    const form = section.querySelector('form.controls');
    const keys = [...(form?.querySelectorAll('[data-setting]') ?? [])].filter((s) => shown.includes(s.dataset.setting));
    if (form && keys.length && !shown.includes('settings')) {
      off(form, false);
      for (const el of form.children) off(el, !el.matches('[data-role="function"]') || !shown.includes('function'));
      for (const s of keys) { off(s, false); for (let p = s.parentElement; p && p !== form; p = p.parentElement) off(p, false); }
    }
  }

  for (const name of list(flags.hide)) for (const el of parts(section, name, viewKids)) off(el, true);

  const locked = list(flags.lock);
  const lock = () => {
    for (const key of locked) {
      const inputs = GROUPS[key]
        ? parts(section, key, viewKids).flatMap((el) => [...el.querySelectorAll('input, select, button, textarea')])
        : [...section.querySelectorAll(`[name="${CSS.escape(key)}"]`)];
      for (const input of inputs) {
        if (input.disabled) continue;
        input.disabled = true;
        (input.closest('label') ?? input).classList.add('embed-locked');
        input.title = `${input.title ? `${input.title} ` : ''}(read-only here)`.trim();
      }
    }
  };
  lock();
  // Inputs a lesson rebuilds (an optimizer's parameters, the transport) are locked again.
  if (locked.length) new MutationObserver(lock).observe(section, { childList: true, subtree: true });
  return lock;
}
