// The page side of the WebDriver adapter: functions sent as script source that find a
// locator's elements (CSS steps, ARIA roles with accessible names, nth) and record errors.

/**
 * Installed before the page's own scripts (the test server puts it first in <head>): keeps
 * console errors, uncaught errors, unhandled rejections and failed resource loads in
 * `window.__e2eProblems`, which the adapter drains after every command.
 */
export const CAPTURE = `(() => {
  const problems = [];
  Object.defineProperty(window, '__e2eProblems', { value: problems });
  const text = (a) => {
    if (a instanceof Error) return a.message || String(a);
    if (typeof a === 'string') return a;
    try { return JSON.stringify(a) ?? String(a); } catch { return String(a); }
  };
  const error = console.error.bind(console);
  console.error = (...args) => { problems.push('console: ' + args.map(text).join(' ')); error(...args); };
  addEventListener('error', (e) => {
    if (e instanceof ErrorEvent) problems.push('pageerror: ' + (e.error ? text(e.error) : e.message));
    else if (e.target && e.target !== window) problems.push('console: failed to load ' + (e.target.src || e.target.href || e.target.tagName));
  }, true);
  addEventListener('unhandledrejection', (e) => problems.push('pageerror: ' + text(e.reason)));
})();`;

/**
 * Script prelude defining `find(steps)` (the elements a locator's steps select, in document
 * order) and `visible(el)` (Playwright's notion: a non-empty box, not visibility: hidden).
 */
export const FIND = String.raw`
const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
const visible = (el) => {
  if (!el || !el.isConnected) return false;
  const r = el.getBoundingClientRect();
  if (r.width <= 0 || r.height <= 0) return false;
  if (el.checkVisibility && !el.checkVisibility({ visibilityProperty: true })) return false;
  return getComputedStyle(el).visibility === 'visible';
};
const hiddenForAria = (el) => {
  for (let e = el; e; e = e.parentElement) if (e.getAttribute('aria-hidden') === 'true') return true;
  if (el.checkVisibility) return !el.checkVisibility({ visibilityProperty: true });
  for (let e = el; e; e = e.parentElement) if (getComputedStyle(e).display === 'none') return true;
  return getComputedStyle(el).visibility !== 'visible';
};
const INPUT_ROLES = { button: 'button', submit: 'button', reset: 'button', image: 'button', checkbox: 'checkbox',
  radio: 'radio', range: 'slider', number: 'spinbutton', search: 'searchbox', text: 'textbox', email: 'textbox',
  tel: 'textbox', url: 'textbox', password: 'textbox' };
const TAG_ROLES = { BUTTON: 'button', TEXTAREA: 'textbox', PROGRESS: 'progressbar', NAV: 'navigation', TABLE: 'table',
  TR: 'row', TD: 'cell', TH: 'columnheader', UL: 'list', OL: 'list', LI: 'listitem', FORM: 'form', MAIN: 'main',
  H1: 'heading', H2: 'heading', H3: 'heading', H4: 'heading', H5: 'heading', H6: 'heading', DIALOG: 'dialog',
  FIELDSET: 'group', DETAILS: 'group', OPTION: 'option', IMG: 'img', ARTICLE: 'article', HR: 'separator' };
const roleOf = (el) => {
  const explicit = (el.getAttribute('role') || '').trim().split(/\s+/)[0];
  if (explicit) return explicit;
  if (el.tagName === 'INPUT') return el.list ? 'combobox' : INPUT_ROLES[(el.type || 'text').toLowerCase()] || 'textbox';
  if (el.tagName === 'SELECT') return el.multiple || el.size > 1 ? 'listbox' : 'combobox';
  if (el.tagName === 'A') return el.hasAttribute('href') ? 'link' : null;
  return TAG_ROLES[el.tagName] || null;
};
const textOf = (node, skip) => {
  let s = '';
  for (const c of node.childNodes) {
    if (c.nodeType === 3) s += c.data;
    else if (c.nodeType === 1 && c !== skip && !['INPUT', 'SELECT', 'TEXTAREA', 'SCRIPT', 'STYLE'].includes(c.tagName)) s += ' ' + textOf(c, skip) + ' ';
  }
  return s;
};
const nameOf = (el) => {
  const by = el.getAttribute('aria-labelledby');
  if (by) return norm(by.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
  const label = norm(el.getAttribute('aria-label'));
  if (label) return label;
  if (el.labels && el.labels.length) return norm([...el.labels].map((l) => textOf(l, el)).join(' '));
  if (el.tagName === 'INPUT' && ['button', 'submit', 'reset'].includes(el.type)) return norm(el.value);
  if (el.tagName === 'IMG') return norm(el.alt);
  const role = roleOf(el);
  if (['button', 'link', 'tab', 'heading', 'cell', 'columnheader', 'option', 'menuitem', 'row', 'checkbox', 'radio',
    'switch', 'treeitem', 'listitem'].includes(role) || el.tagName === 'SUMMARY') {
    const t = norm(textOf(el));
    if (t) return t;
  }
  return norm(el.getAttribute('title'));
};
const nameMatches = (el, s) => {
  if (s.name === undefined) return true;
  const name = nameOf(el);
  if (s.regex) return new RegExp(s.name, s.regex.flags).test(name);
  return s.exact ? name === norm(s.name) : name.toLowerCase().includes(norm(s.name).toLowerCase());
};
const checkedOf = (el) => el.checked ?? el.getAttribute('aria-checked') === 'true';
const find = (steps) => {
  let nodes = [document];
  for (const s of steps) {
    if (s.css !== undefined) {
      const seen = new Set();
      for (const n of nodes) for (const e of n.querySelectorAll(s.css)) seen.add(e);
      nodes = [...seen];
    } else if (s.role !== undefined) {
      const seen = new Set();
      for (const n of nodes) {
        for (const e of n.querySelectorAll('*')) {
          if (roleOf(e) !== s.role || (!s.includeHidden && hiddenForAria(e)) || !nameMatches(e, s)) continue;
          if (s.checked !== undefined && checkedOf(e) !== s.checked) continue;
          seen.add(e);
        }
      }
      nodes = [...seen];
    } else if (s.getText !== undefined) {
      const want = norm(s.getText).toLowerCase();
      const has = (e) => (s.exact ? norm(e.textContent) === norm(s.getText) : norm(e.textContent).toLowerCase().includes(want));
      const seen = new Set();
      for (const n of nodes) {
        for (const e of n.querySelectorAll('*')) {
          if (['SCRIPT', 'STYLE', 'HEAD', 'TITLE'].includes(e.tagName) || !has(e)) continue;
          if (![...e.children].some(has)) seen.add(e);
        }
      }
      nodes = [...seen];
    } else if (s.label !== undefined) {
      const want = norm(s.label);
      const seen = new Set();
      for (const n of nodes) {
        for (const e of n.querySelectorAll('input, select, textarea, button, [aria-label], [aria-labelledby]')) {
          const name = nameOf(e);
          if (s.exact ? name === want : name.toLowerCase().includes(want.toLowerCase())) seen.add(e);
        }
      }
      nodes = [...seen];
    } else if (s.text !== undefined) {
      const want = norm(s.text);
      nodes = nodes.filter((e) => (s.exact ? norm(e.textContent) === want : norm(e.textContent).toLowerCase().includes(want.toLowerCase())));
    } else if (s.nth !== undefined) {
      const i = s.nth < 0 ? nodes.length + s.nth : s.nth;
      nodes = i >= 0 && i < nodes.length ? [nodes[i]] : [];
    }
    nodes.sort((a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & 4 ? -1 : 1));
  }
  return nodes.filter((n) => n !== document);
};
`;
