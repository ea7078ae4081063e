// The lesson tabs as an ARIA tab list: tabs control their panels, one tab stop (roving
// tabindex), arrow keys and Home/End move between lessons without touching the transport.

/**
 * Wires the `[role=tablist]` of the page: each `[data-lesson]` tab controls the section
 * `#lesson-<name>`, which becomes its tab panel. Activation stays the tabs' click handler.
 */
export function setupTabs(list = document.querySelector('[role="tablist"]')) {
  if (!list) return;
  const tabs = [...list.querySelectorAll('[role="tab"]')];
  for (const tab of tabs) {
    const panel = document.getElementById(`lesson-${tab.dataset.lesson}`);
    tab.id ||= `tab-${tab.dataset.lesson}`;
    if (!panel) continue;
    tab.setAttribute('aria-controls', panel.id);
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', tab.id);
  }
  const rove = () => {
    const selected = tabs.find((t) => t.getAttribute('aria-selected') === 'true') ?? tabs[0];
    for (const t of tabs) t.tabIndex = t === selected ? 0 : -1;
  };
  rove();
  new MutationObserver(rove).observe(list, { subtree: true, attributeFilter: ['aria-selected'] });
  list.addEventListener('keydown', (ev) => {
    const i = tabs.indexOf(ev.target);
    if (i < 0 || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    const n = tabs.length;
    const to = { ArrowRight: (i + 1) % n, ArrowLeft: (i + n - 1) % n, Home: 0, End: n - 1 }[ev.key];
    if (to === undefined) return;
    // The keys are the tab list's: the page-wide transport keys must not see them.
    ev.preventDefault();
    ev.stopPropagation();
    tabs[to].focus();
    tabs[to].click();
  });
}

/**
 * Keeps the page-wide transport keys away from controls with keys of their own: Space and
 * Enter on a <summary> open it, on a link follow it.
 */
export function guardKeys(root = document) {
  root.addEventListener('keydown', (ev) => {
    const t = ev.target;
    if (!(t instanceof Element)) return;
    if ((ev.key === ' ' || ev.key === 'Enter') && t.closest('summary, a[href]')) ev.stopPropagation();
  });
}
