// A Playwright-style page over W3C WebDriver: the subset of Playwright's Page, Locator,
// Keyboard and Mouse that the end-to-end tests use, so the same test files run in every
// engine. Locators auto-wait like Playwright's (attached, and visible for actions).

import fs from 'node:fs/promises';
import { FIND } from './wd-inpage.mjs';

const TIMEOUT = 30_000;
const ELEMENT = 'element-6066-11e4-a52e-4a4e-b41f-6d2d22cd8a74';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Whether a WebDriver error means the driver lost a script's answer, not that the script failed. */
const lostAnswer = (e) => e.code === 'unknown error' && /Could not parse script result/.test(e.message);

/** WebDriver's code points for Playwright's key names. */
const KEYS = {
  Backspace: '\uE003', Tab: '\uE004', Enter: '\uE007', Shift: '\uE008', Control: '\uE009', Alt: '\uE00A',
  Escape: '\uE00C', ' ': '\uE00D', Space: '\uE00D', PageUp: '\uE00E', PageDown: '\uE00F', End: '\uE010',
  Home: '\uE011', ArrowLeft: '\uE012', ArrowUp: '\uE013', ArrowRight: '\uE014', ArrowDown: '\uE015',
  Insert: '\uE016', Delete: '\uE017', Meta: '\uE03D', F1: '\uE031', F2: '\uE032', F5: '\uE035',
  ControlOrMeta: '\uE009',
};

/** Key actions for a Playwright key chord such as 'Control+A' or 'ArrowRight'. */
function chord(combo) {
  const parts = combo === '+' ? ['+'] : combo.endsWith('++') ? [...combo.slice(0, -2).split('+'), '+'] : combo.split('+');
  const values = parts.map((k) => KEYS[k] ?? (k.length === 1 || [...k].length === 1 ? k : (() => { throw new Error(`unknown key ${k}`); })()));
  const modifiers = values.slice(0, -1);
  const key = values[values.length - 1];
  return [
    ...modifiers.map((value) => ({ type: 'keyDown', value })),
    { type: 'keyDown', value: key }, { type: 'keyUp', value: key },
    ...modifiers.reverse().map((value) => ({ type: 'keyUp', value })),
  ];
}

/** A function (or expression) as source for a script that calls it with `args`. */
function callSource(fn) {
  return typeof fn === 'function' ? `(${fn.toString()})` : `(() => (${fn}))`;
}

/** Serializable form of a locator step (role names may be regular expressions). */
function roleStep(role, { name, exact = false, includeHidden = false, checked } = {}) {
  if (name instanceof RegExp) return { role, name: name.source, regex: { flags: name.flags }, includeHidden, checked };
  return { role, name, exact, includeHidden, checked };
}

/** A lazy selection of elements, resolved in the page at each use. */
export class Locator {
  constructor(page, steps) { this.page = page; this.steps = steps; }

  locator(css) { return new Locator(this.page, [...this.steps, { css }]); }
  getByRole(role, options) { return new Locator(this.page, [...this.steps, roleStep(role, options)]); }
  getByText(text, { exact = false } = {}) { return new Locator(this.page, [...this.steps, { getText: text, exact }]); }
  getByLabel(label, { exact = false } = {}) { return new Locator(this.page, [...this.steps, { label, exact }]); }
  nth(i) { return new Locator(this.page, [...this.steps, { nth: i }]); }
  first() { return this.nth(0); }
  last() { return this.nth(-1); }
  filter({ hasText } = {}) {
    return hasText === undefined ? this : new Locator(this.page, [...this.steps, { text: hasText, exact: false }]);
  }
  async all() { return Array.from({ length: await this.count() }, (_, i) => this.nth(i)); }

  /** Runs `body` (source using `el`, `arg`) on the first match; waits for one to exist (and be visible). */
  async run(body, arg, { visible = false, timeout = TIMEOUT, pure = false } = {}) {
    const script = `${FIND}
      const el = find(arguments[0])[0];
      if (!el || (arguments[2] && !visible(el))) return { missing: true };
      const arg = arguments[1];
      return { value: await (async () => { ${body} })() };`;
    const deadline = Date.now() + timeout;
    for (;;) {
      const r = await this.page.script(script, [this.steps, arg ?? null, visible], { pure });
      if (!r.missing) return r.value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${this.describe()}${visible ? ' to be visible' : ''}`);
      await sleep(50);
    }
  }

  describe() { return `locator ${JSON.stringify(this.steps)}`; }

  /** Runs `body` on all matches at once (no waiting). */
  all_(body) {
    return this.page.script(`${FIND} const els = find(arguments[0]); ${body}`, [this.steps], { pure: true });
  }

  /** `run` for a body that only reads the page. */
  read(body, arg, o) { return this.run(body, arg, { ...o, pure: true }); }

  count() { return this.all_('return els.length;'); }
  allTextContents() { return this.all_('return els.map((e) => e.textContent);'); }
  allInnerTexts() { return this.all_('return els.map((e) => e.innerText);'); }
  isVisible() { return this.all_('return els.length > 0 && visible(els[0]);'); }
  async isHidden() { return !(await this.isVisible()); }
  textContent(o) { return this.read('return el.textContent;', null, o); }
  innerText(o) { return this.read('return el.innerText;', null, o); }
  inputValue(o) { return this.read('return el.value;', null, o); }
  getAttribute(name, o) { return this.read('return el.getAttribute(arg);', name, o); }
  isChecked(o) { return this.read('return !!el.checked;', null, o); }
  isDisabled(o) { return this.read('return !!el.disabled;', null, o); }
  async isEnabled(o) { return !(await this.isDisabled(o)); }
  evaluate(fn, arg, o) { return this.run(`return await ${callSource(fn)}(el, arg);`, arg, o); }
  evaluateAll(fn, arg) { return this.page.script(`${FIND} return await ${callSource(fn)}(find(arguments[0]), arguments[1]);`, [this.steps, arg ?? null]); }
  boundingBox() {
    return this.read('const r = el.getBoundingClientRect(); return r.width || r.height ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;');
  }
  focus() { return this.run('el.focus();'); }
  blur() { return this.run('el.blur();'); }
  dispatchEvent(type, init = {}) { return this.run('el.dispatchEvent(new Event(arg.type, { bubbles: true, cancelable: true, ...arg.init }));', { type, init }); }
  scrollIntoViewIfNeeded() { return this.run("el.scrollIntoView({ block: 'center', inline: 'center' });"); }

  /** Waits for the state: 'visible' (default), 'attached', 'hidden' or 'detached'. */
  async waitFor({ state = 'visible', timeout = TIMEOUT } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const [n, seen] = await this.all_('return [els.length, els.length > 0 && visible(els[0])];');
      if ({ attached: n > 0, detached: n === 0, visible: seen, hidden: !seen }[state]) return;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${this.describe()} to be ${state}`);
      await sleep(50);
    }
  }

  /** The first visible match scrolled into view, as a WebDriver element and its viewport box. */
  async target(o) {
    return this.run(`el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const r = el.getBoundingClientRect();
      return { el, x: r.x + el.clientLeft, y: r.y + el.clientTop, w: r.width, h: r.height };`, null, { visible: true, ...o });
  }

  async click({ position, button = 'left', clickCount = 1, timeout } = {}) {
    const t = await this.target({ timeout });
    const x = position ? t.x + position.x : t.x + t.w / 2;
    const y = position ? t.y + position.y : t.y + t.h / 2;
    await this.page.mouse.click(x, y, { button, clickCount });
  }
  dblclick(o = {}) { return this.click({ ...o, clickCount: 2 }); }
  async hover({ position } = {}) {
    const t = await this.target();
    await this.page.mouse.move(position ? t.x + position.x : t.x + t.w / 2, position ? t.y + position.y : t.y + t.h / 2);
  }

  async press(key) {
    await this.focus();
    await this.page.keyboard.press(key);
  }

  async pressSequentially(text, { delay = 0 } = {}) {
    await this.focus();
    await this.page.keyboard.type(text, { delay });
  }
  type(text, o) { return this.pressSequentially(text, o); }

  /** Sets the value as typed text would (focus, replace, an `input` event), like Playwright. */
  async fill(value) {
    await this.run(`el.focus();
      el.select?.();
      // A user edit (so leaving the field fires change); a programmatic value where refused.
      if (!(arg ? document.execCommand('insertText', false, arg) : document.execCommand('delete')) || el.value !== arg) {
        if (el.isContentEditable) el.textContent = arg; else el.value = arg;
        el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: arg }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
      }`, String(value), { visible: true });
  }
  clear() { return this.fill(''); }

  /** Selects options by value or label; dispatches `input` and `change` like Playwright. */
  async selectOption(values) {
    const want = (Array.isArray(values) ? values : [values]).map((v) => (typeof v === 'string' ? { value: v, label: v } : v));
    return this.run(`const picked = [];
      for (const o of el.options) {
        const hit = arg.some((w) => (w.value !== undefined && o.value === w.value) || (w.label !== undefined && o.label === w.label) || (w.index !== undefined && o.index === w.index));
        o.selected = hit;
        if (hit) picked.push(o.value);
        if (hit && !el.multiple) { for (const p of el.options) p.selected = p === o; break; }
      }
      if (!picked.length) throw new Error('no option ' + JSON.stringify(arg));
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
      return picked;`, want, { visible: true });
  }

  async setChecked(checked) {
    if ((await this.isChecked()) !== checked) await this.click();
    if ((await this.isChecked()) !== checked) throw new Error(`${this.describe()} did not become ${checked ? 'checked' : 'unchecked'}`);
  }
  check() { return this.setChecked(true); }
  uncheck() { return this.setChecked(false); }

  async screenshot({ path } = {}) {
    const t = await this.target();
    const png = Buffer.from(await this.page.command('GET', `/element/${t.el[ELEMENT]}/screenshot`), 'base64');
    if (path) await fs.writeFile(path, png);
    return png;
  }
}

/** Playwright's page.keyboard over WebDriver key actions. */
class Keyboard {
  constructor(page) { this.page = page; }
  keys(actions) { return this.page.actions([{ type: 'key', id: 'keyboard', actions }]); }
  press(combo) { return this.keys(chord(combo)); }
  down(key) { return this.keys([{ type: 'keyDown', value: KEYS[key] ?? key }]); }
  up(key) { return this.keys([{ type: 'keyUp', value: KEYS[key] ?? key }]); }
  async type(text, { delay = 0 } = {}) {
    const actions = [];
    for (const c of text) actions.push({ type: 'keyDown', value: c }, { type: 'keyUp', value: c }, ...(delay ? [{ type: 'pause', duration: delay }] : []));
    if (actions.length) await this.keys(actions);
  }
  insertText(text) { return this.page.evaluate((t) => document.execCommand('insertText', false, t), text); }
}

/** Playwright's page.mouse over WebDriver pointer and wheel actions (viewport coordinates). */
class Mouse {
  constructor(page) { this.page = page; this.x = 0; this.y = 0; }
  pointer(actions) { return this.page.actions([{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions }]); }
  at(x, y, duration = 0) { return { type: 'pointerMove', origin: 'viewport', x: Math.round(x), y: Math.round(y), duration }; }
  async move(x, y, { steps = 1 } = {}) {
    const moves = [];
    for (let i = 1; i <= steps; i++) moves.push(this.at(this.x + ((x - this.x) * i) / steps, this.y + ((y - this.y) * i) / steps));
    this.x = x; this.y = y;
    await this.pointer(moves);
  }
  down({ button = 'left' } = {}) { return this.pointer([{ type: 'pointerDown', button: BUTTONS[button] }]); }
  up({ button = 'left' } = {}) { return this.pointer([{ type: 'pointerUp', button: BUTTONS[button] }]); }
  async click(x, y, { button = 'left', clickCount = 1 } = {}) {
    this.x = x; this.y = y;
    const press = [{ type: 'pointerDown', button: BUTTONS[button] }, { type: 'pointerUp', button: BUTTONS[button] }];
    await this.pointer([this.at(x, y), ...Array.from({ length: clickCount }, () => press).flat()]);
  }
  dblclick(x, y, o = {}) { return this.click(x, y, { ...o, clickCount: 2 }); }
  async wheel(deltaX, deltaY) {
    const scroll = { type: 'scroll', origin: 'viewport', x: Math.round(this.x), y: Math.round(this.y), deltaX: Math.round(deltaX), deltaY: Math.round(deltaY) };
    await this.page.actions([{ type: 'wheel', id: 'wheel', actions: [scroll] }]);
  }
}
const BUTTONS = { left: 0, middle: 1, right: 2 };

/** Playwright's page.click(selector, ...) and friends: the locator method on `selector`. */
const SHORTCUTS = ['click', 'dblclick', 'hover', 'fill', 'press', 'type', 'check', 'uncheck', 'focus', 'selectOption',
  'textContent', 'innerText', 'inputValue', 'getAttribute', 'isVisible', 'isHidden', 'isChecked', 'isDisabled', 'isEnabled',
  'dispatchEvent'];

/** One top-level window of a WebDriver session, with Playwright's Page methods. */
export class Page {
  constructor(session, handle) {
    this.session = session;
    this.handle = handle;
    this.problems = [];
    this.keyboard = new Keyboard(this);
    this.mouse = new Mouse(this);
  }

  /** A WebDriver command in this page's window; afterwards, drains the page's recorded errors. */
  async command(method, path, body) {
    const value = await this.raw(method, path, body);
    await this.drain();
    return value;
  }

  raw(method, path, body) {
    return this.session.inWindow(this.handle, () => this.session.command(method, path, body));
  }

  /** Moves errors the page recorded since the last look into `problems`. */
  async drain() {
    const got = await this.raw('POST', '/execute/sync', {
      script: 'return window.__e2eProblems ? window.__e2eProblems.splice(0) : [];', args: [],
    }).catch(() => []);
    this.problems.push(...got);
  }

  /**
   * Runs script source (an async function body that reads `arguments`) with `args`, and
   * collects the page's recorded errors in the same round trip; page errors surface as
   * thrown Errors. A `pure` script (one that only reads the page) is sent again when the
   * driver loses its answer: WebKitWebDriver, under load, sometimes replies "Could not
   * parse script result" to a script that ran fine, and a script cut off by a navigation
   * answers null.
   */
  async script(source, args = [], { pure = false } = {}) {
    const script = `const drain = () => (window.__e2eProblems ? window.__e2eProblems.splice(0) : []);
      const value = await (async () => { ${source} })();
      return [value, drain(), value === undefined];`;
    for (let attempt = 1; ; attempt++) {
      let value, problems, undef;
      try {
        const got = await this.raw('POST', '/execute/sync', { script: `return (async () => { ${script} })();`, args });
        // No answer at all: the page navigated away while the script ran.
        if (got === null && pure && attempt < 3) { await sleep(200); continue; }
        if (got === null) throw new Error('page script failed: the page navigated while it ran');
        [value, problems, undef] = got;
        if (undef) value = undefined;
      } catch (e) {
        await this.drain();
        if (e.code === 'javascript error') throw new Error(`page script failed: ${e.message}`);
        if (pure && attempt < 3 && lostAnswer(e)) { await sleep(200); continue; }
        throw e;
      }
      this.problems.push(...problems);
      return value;
    }
  }

  actions(sources) {
    return this.command('POST', '/actions', { actions: sources });
  }

  locator(css) { return new Locator(this, [{ css }]); }
  getByRole(role, options) { return new Locator(this, [roleStep(role, options)]); }
  getByText(text, options) { return new Locator(this, []).getByText(text, options); }
  getByLabel(label, options) { return new Locator(this, []).getByLabel(label, options); }
  waitForLoadState() { return this.waitForFunction(() => document.readyState === 'complete'); }
  bringToFront() { return this.raw('POST', '/window', { handle: this.handle }); }

  evaluate(fn, arg) {
    return this.script(`return await ${callSource(fn)}(arguments[0]);`, [arg ?? null]);
  }

  async waitForFunction(fn, arg, { timeout = TIMEOUT, polling = 50 } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const v = await this.script(`return await ${callSource(fn)}(arguments[0]);`, [arg ?? null], { pure: true });
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(fn).slice(0, 200)}`);
      await sleep(polling === 'raf' ? 16 : polling);
    }
  }

  waitForSelector(css, { state = 'visible', timeout } = {}) { return this.locator(css).waitFor({ state, timeout }); }
  waitForTimeout(ms) { return sleep(ms); }

  async goto(url) { await this.command('POST', '/url', { url }); }
  url() { return this.command('GET', '/url'); }
  title() { return this.command('GET', '/title'); }
  async reload() { await this.command('POST', '/refresh', {}); }
  content() { return this.evaluate(() => document.documentElement.outerHTML); }
  async setViewportSize({ width, height }) {
    for (let i = 0; i < 3; i++) {
      const [w, h] = await this.evaluate(() => [innerWidth, innerHeight]);
      if (w === width && h === height) return;
      const rect = await this.command('GET', '/window/rect');
      await this.command('POST', '/window/rect', { width: rect.width + width - w, height: rect.height + height - h });
    }
  }
  async screenshot({ path } = {}) {
    const png = Buffer.from(await this.command('GET', '/screenshot'), 'base64');
    if (path) await fs.writeFile(path, png);
    return png;
  }
  on(event) {
    throw new Error(`page.on('${event}') needs Playwright (Chromium only); page.problems has the errors in every engine`);
  }
}
for (const name of SHORTCUTS) Page.prototype[name] = function (selector, ...args) { return this.locator(selector)[name](...args); };
