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
  readout: { select: ':scope > dl.readout', about: 'k, the iterate, its value and gradient (the neuron\'s weights)' },
  status: { select: ':scope > .status, :scope > .notice, :scope > .error', about: 'the run\'s outcome, notices and errors' },
  explain: { select: '.explain', about: 'the lesson\'s explanation' },
  tools: { select: '.toolbar, .legend, [data-role="legend"]', about: 'legends, zoom and basin-map buttons, cost-plot options' },
  more: { select: '', about: 'everything else: the other views, tables, the arithmetic, the derivative lab' },
};

/** Flag names a host can set (as URL parameters of ?embed, or element attributes). */
export const FLAGS = {
  view: 'which plot shows first and alone: the data-role of a plot (plot, contour, surface, cost, square), or "all"',
  controls: 'comma-separated groups or settings keys to show; all others are hidden (default: all)',
  lock: 'comma-separated settings keys shown read-only',
  link: '"0" hides the small "open in Descent" link of an iframe (an element shows it with link="1")',
  origins: 'comma-separated origins whose messages are accepted (besides this page\'s own); "*" for any. The element\'s attribute is allow-origins',
};

const list = (text) => String(text ?? '').split(/[\s,]+/).filter(Boolean);

/** The plots of a section that a host can choose as the view, by their data-role. */
export function views(section) {
  return [...section.querySelectorAll('canvas.plot[data-role]')].filter((c) => !c.closest('details'));
}

/**
 * Applies `flags` ({view, controls, lock} as text) to `section`: marks the chosen plot and
 * its container, hides what is not shown (class `embed-off`) and disables locked inputs.
 * Returns a function that re-applies the locks (inputs a lesson rebuilds lose them).
 */
export function applyFlags(section, flags) {
  const plots = views(section);
  const wanted = flags.view ?? '';
  const chosen = wanted === 'all' ? null : plots.find((c) => c.dataset.role === wanted) ?? plots[0];
  const kids = [...section.children];
  const off = (el, yes) => el.classList.toggle('embed-off', yes);
  for (const c of plots) {
    const box = c.closest('.stage, figure') ?? c;
    off(box, Boolean(chosen) && c !== chosen);
    c.classList.toggle('embed-chosen', c === chosen);
  }
  const viewKid = chosen && kids.find((k) => k.contains(chosen));
  for (const k of kids) k.classList.toggle('embed-view', k === viewKid);

  const shown = list(flags.controls);
  if (shown.length) {
    const owned = new Set();
    for (const [name, g] of Object.entries(GROUPS)) {
      if (!g.select) continue;
      for (const el of section.querySelectorAll(g.select)) {
        owned.add(el);
        off(el, !shown.includes(name));
      }
    }
    // Single settings by key: their form shows with only those inputs.
    const form = section.querySelector('form.controls');
    const keys = [...(form?.querySelectorAll('[data-setting]') ?? [])].filter((s) => shown.includes(s.dataset.setting));
    if (form && keys.length && !shown.includes('settings')) {
      off(form, false);
      for (const el of form.children) off(el, !el.matches('[data-role="function"]') || !shown.includes('function'));
      for (const s of keys) { off(s, false); for (let p = s.parentElement; p && p !== form; p = p.parentElement) off(p, false); }
    }
    // Whatever no group owns, besides the chosen view, is "more".
    for (const k of kids) {
      if (owned.has(k) || k === viewKid) continue;
      off(k, !shown.includes('more'));
    }
  }

  const locked = list(flags.lock);
  const lock = () => {
    for (const key of locked) {
      for (const input of section.querySelectorAll(`[name="${CSS.escape(key)}"]`)) {
        if (input.disabled) continue;
        input.disabled = true;
        input.closest('label')?.classList.add('embed-locked');
        input.title = `${input.title ? `${input.title} ` : ''}(read-only here)`.trim();
      }
    }
  };
  lock();
  if (locked.length) {
    const form = section.querySelector('form');
    if (form) new MutationObserver(lock).observe(form, { childList: true, subtree: true });
  }
  return lock;
}
