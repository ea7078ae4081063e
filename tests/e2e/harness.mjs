// End-to-end harness: serves dist/ on 127.0.0.1 and drives a browser engine, chosen by
// E2E_ENGINE: `chromium` (default; Playwright on the system Chromium), `firefox` (Firefox
// ESR through geckodriver) or `webkit` (WebKitGTK's MiniBrowser through WebKitWebDriver).
// Firefox and WebKit go through W3C WebDriver (wd-page.mjs), with the same page API, so the
// test files run unchanged in every engine. E2E_WEBDRIVER=1 sends Chromium through
// WebDriver (ChromeDriver) too.

import http from 'node:http';
import zlib from 'node:zlib';
import fs from 'node:fs/promises';
import path from 'node:path';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CAPTURE } from './wd-inpage.mjs';
import { Session, WebDriverError } from './wd-session.mjs';
import { Page } from './wd-page.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The built site under test: dist/, or E2E_DIST (relative to the project) for another build. */
export const DIST = path.resolve(ROOT, process.env.E2E_DIST ?? 'dist');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json' };

/** The engine these tests run in: chromium, firefox or webkit. */
export const engine = process.env.E2E_ENGINE ?? 'chromium';
/** Whether pages are driven through W3C WebDriver (else Playwright). */
export const viaWebDriver = engine !== 'chromium' || process.env.E2E_WEBDRIVER === '1';

/**
 * Serves dist/ on an ephemeral loopback port; resolves to { url, close }. With `inject`,
 * `inject(n)` gives script source put first in <head> of the HTML served under /init/n/
 * (and `inject(null)` for the plain root): how WebDriver pages get error capture and init
 * scripts before the page's own scripts run. `pages` maps a path to HTML served in place of
 * a file (a host page of a test), or to null for a file that is missing; `dir` serves another
 * build than dist/. `cors` lets pages of
 * any origin load the files (module scripts, fetch), as a site that hosts the lab for
 * slide decks elsewhere must. `gzip` sends every file gzip-encoded (level 9) to a browser
 * that accepts it, as a web server would. `slow` maps a path to a rate in bytes per second:
 * that file is sent in pieces at that rate, without a length, as over a poor network.
 * `setOffline(true)` drops every later request.
 */
export async function serveDist({ inject, pages = {}, cors = false, dir = DIST, gzip = false, slow = {} } = {}) {
  let offline = false;
  await fs.access(path.join(DIST, 'index.html')).catch(() => {
    throw new Error(`${path.relative(ROOT, DIST)}/index.html is missing: run \`trunk build --release --offline\` first`);
  });
  const server = http.createServer(async (req, res) => {
    // The network is off: the connection drops without an answer, as a dead Wi-Fi does.
    if (offline) { req.socket.destroy(); return; }
    const url = new URL(req.url, 'http://x');
    let pathname = decodeURIComponent(url.pathname);
    let init = null;
    const prefixed = /^\/init\/(\d+)(\/.*)$/.exec(pathname);
    if (prefixed) { init = Number(prefixed[1]); pathname = prefixed[2]; }
    let file = path.normalize(path.join(dir, pathname));
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    if (pathname.endsWith('/')) file = path.join(file, 'index.html');
    try {
      if (pages[pathname] === null) throw new Error('missing');
      let body = pages[pathname] !== undefined ? Buffer.from(pages[pathname]) : await fs.readFile(file);
      if (inject && file.endsWith('.html')) {
        const script = `<script>${inject(init)}</script>`;
        body = body.toString('utf8').replace(/<head>/i, (h) => `${h}\n${script}`);
      }
      const zipped = gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
      if (zipped) body = zlib.gzipSync(body, { level: 9 });
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        ...(cors ? { 'access-control-allow-origin': '*' } : {}),
        ...(zipped ? { 'content-encoding': 'gzip' } : {}),
      });
      if (slow[pathname]) {
        await trickle(res, body, slow[pathname]);
        res.end();
      } else {
        res.end(body);
      }
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    /** Turns the network off (every request dropped) or back on. */
    setOffline(off) { offline = off; server.closeAllConnections?.(); },
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  };
}

/** Writes `body` to `res` in 20 pieces a second at `rate` bytes per second. */
async function trickle(res, body, rate) {
  const piece = Math.max(1, Math.round(rate / 20));
  for (let at = 0; at < body.length; at += piece) {
    if (res.destroyed) return;
    res.write(body.subarray(at, at + piece));
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts headless Chromium with the flags this machine needs (root, no network). */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** Source of a script that pretends the screen has `scale` device pixels per CSS pixel. */
const pixelRatio = (scale) => `Object.defineProperty(window, 'devicePixelRatio', { get: () => ${scale} });`;

/** Script source for an `init` option: a function (called with no argument) or source text. */
const initSource = (init) => (typeof init === 'function' ? `(${init.toString()})();` : init);

/**
 * One browser and server for a test file. `open(hash, options)` gives a fresh page at the
 * app with `hash`, waiting until the lab has started; every console error and page error is
 * kept in `page.problems` so a test can assert there were none. Options: `query` (e.g.
 * '?embed'), `scale` (device pixel ratio; emulated through `devicePixelRatio` under
 * WebDriver), `width`/`height` (viewport), `init` (a function or source run before the
 * page's own scripts), `url` (an absolute address to open instead of the app), `started`
 * (false: do not wait for the lab to start). `setup({pages})` serves host pages of a test
 * (path → HTML) beside dist/; `dir` serves another folder; `slow` sends some files slowly
 * (see {@link serveDist}). Pages have no service worker
 * (`navigator.serviceWorker` is undefined), so that no test depends on what an earlier
 * page cached, unless `serviceWorkers` is true.
 */
export async function setup({ pages, dir, serviceWorkers = false, slow } = {}) {
  const options = { pages, dir, serviceWorkers, slow };
  return viaWebDriver ? setupWebDriver(options) : setupPlaywright(options);
}

/** An init script (see `open`): a browser whose preferred languages are `langs`, e.g. ['es-ES', 'es']. */
export const prefers = (langs) => new Function(`Object.defineProperty(navigator, 'languages', { get: () => ${JSON.stringify(langs)} });`);

/** Script source that hides the service-worker API from a page. */
export const NO_SERVICE_WORKER = "Object.defineProperty(Navigator.prototype, 'serviceWorker', { get: () => undefined, configurable: true });";

async function setupPlaywright({ pages: hostPages, dir, serviceWorkers, slow }) {
  const server = await serveDist({ pages: hostPages, dir, slow });
  const browser = await launchBrowser();
  const pages = [];
  return {
    server,
    browser,
    engine,
    async open(hash = '', { query = '', scale = 1, width = 1100, height = 900, init, url, started = true } = {}) {
      const context = await browser.newContext({ deviceScaleFactor: scale, viewport: { width, height }, serviceWorkers: serviceWorkers ? 'allow' : 'block' });
      if (!serviceWorkers) await context.addInitScript(NO_SERVICE_WORKER);
      if (init) await context.addInitScript(initSource(init));
      const page = await context.newPage();
      page.problems = [];
      page.on('console', (msg) => { if (msg.type() === 'error') page.problems.push(`console: ${msg.text()}`); });
      page.on('pageerror', (err) => page.problems.push(`pageerror: ${err.message}`));
      await page.goto(url ?? `${server.url}${query}${hash ? `#${hash}` : ''}`);
      if (started) await page.waitForSelector('#loading', { state: 'detached' });
      pages.push(context);
      return page;
    },
    async close() {
      for (const c of pages) await c.close();
      await browser.close();
      await server.close();
    },
  };
}

/** How many windows a WebDriver session keeps open; older ones are closed. */
const OPEN_WINDOWS = 4;

/** Whether a WebDriver error says the browser itself went away (a crash), not the page. */
const crashed = (e) => e.code === 'invalid session id'
  || /Could not parse script result|page crash/.test(e.message);

async function setupWebDriver({ pages: hostPages, dir, serviceWorkers, slow }) {
  const inits = [];
  const head = serviceWorkers ? CAPTURE : `${CAPTURE}\n${NO_SERVICE_WORKER}`;
  const server = await serveDist({ inject: (n) => (n === null ? head : `${head}\n${inits[n]}`), pages: hostPages, dir, slow });
  let session = await Session.start(engine);
  let pages = [];
  // A window in a session the driver has ended: WebKitWebDriver has been seen to drop its
  // session after a failed script ("invalid session id" for every later command). The next
  // page then starts a new session, so one failure does not fail the file's later tests.
  const newHandle = async () => {
    if (pages.length === 0) return session.window;
    try {
      return await session.newWindow();
    } catch (e) {
      if (!(e instanceof WebDriverError) || e.code !== 'invalid session id') throw e;
      process.stderr.write(`# ${engine}: the WebDriver session ended (${e.message}); starting a new one\n`);
      await session.close().catch(() => {});
      session = await Session.start(engine);
      pages = [];
      return session.window;
    }
  };
  return {
    server,
    get browser() { return session; },
    engine,
    async open(hash = '', options = {}) {
      try {
        return await this.load(hash, options);
      } catch (e) {
        // MiniBrowser has been seen to crash while a page loads ("Could not parse script
        // result", then "invalid session id": the browser, not the page, failed). Once per
        // open, a new session loads the page again; an error the page itself shows fails.
        const err = e.cause ?? e;
        if (!(err instanceof WebDriverError) || !crashed(err)) throw e;
        process.stderr.write(`# ${engine}: the browser crashed loading a page (${err.message}); a new session loads it again\n`);
        await session.close().catch(() => {});
        session = await Session.start(engine);
        pages = [];
        return this.load(hash, options);
      }
    },
    async load(hash = '', { query = '', scale = 1, width = 1100, height = 900, init, url, started = true } = {}) {
      const handle = await newHandle();
      const page = new Page(session, handle);
      pages.push(page);
      if (pages.length > OPEN_WINDOWS) {
        // The least recently used page goes (a test may keep using its first page).
        const used = (p) => session.lastUsed.get(p.handle) ?? 0;
        const old = pages.slice(0, -1).reduce((a, b) => (used(a) <= used(b) ? a : b));
        pages.splice(pages.indexOf(old), 1);
        await session.closeWindow(old.handle, handle);
      }
      await page.setViewportSize({ width, height });
      const scripts = [scale !== 1 ? pixelRatio(scale) : '', init ? initSource(init) : ''].filter(Boolean);
      let prefix = '';
      if (scripts.length) { inits.push(scripts.join('\n')); prefix = `init/${inits.length - 1}/`; }
      // An absolute `url` (a host page of another server) keeps its own path.
      await page.goto(url ? url.replace(/^(https?:\/\/[^/]+\/)/, `$1${prefix}`) : `${server.url}${prefix}${query}${hash ? `#${hash}` : ''}`);
      if (!started) return page;
      await page.waitForSelector('#loading', { state: 'detached' }).catch(async (e) => {
        const status = await page.evaluate(() => [...document.querySelectorAll('.status, .error')]
          .map((el) => el.textContent.trim()).filter(Boolean).join(' | ')).catch(() => '');
        throw new Error(`the lab did not start (${e.message}); page text: ${status}; page errors: ${page.problems.join('; ')}`, { cause: e });
      });
      return page;
    },
    async close() {
      await session.close();
      await server.close();
    },
  };
}

/**
 * For a test that needs an engine-specific page API (say `performance.memory`): true if the
 * expression `api` is defined in `page`; otherwise marks the test skipped, saying which
 * engine lacks it, and returns false (the test should then return).
 */
export async function needs(t, page, api) {
  const has = await page.evaluate((e) => { try { return (0, eval)(e) !== undefined; } catch { return false; } }, api);
  if (!has) t.skip(`${api} does not exist in ${engine}`);
  return has;
}

/**
 * For a test that needs what only some engines offer (Playwright's CDP session in Chromium,
 * say): true if this run's engine is one of `engines`; otherwise marks the test skipped,
 * with `why`, and returns false.
 */
export function onlyIn(t, engines, why) {
  const ok = engines.includes(engine);
  if (!ok) t.skip(`${why}: only in ${engines.join(', ')}, not ${engine}`);
  return ok;
}

/** Asserts the page logged no console error and threw no uncaught error. */
export function assertClean(page) {
  assert.deepEqual(page.problems, [], `the page reported errors:\n${page.problems.join('\n')}`);
}

/** The plot mapping a canvas publishes in data-view. */
export async function viewOf(canvas) {
  return JSON.parse(await canvas.getAttribute('data-view'));
}

/** Pixel (CSS px, relative to the canvas) of data point (x, y) under `view`. */
export function toPixel(view, x, y) {
  const px = view.l + ((x - view.x0) / (view.x1 - view.x0)) * (view.w - view.l - view.r);
  const py = view.h - view.b - ((y - view.y0) / (view.y1 - view.y0)) * (view.h - view.t - view.b);
  return { px, py };
}

/**
 * Whether some pixel within `radius` CSS px of (px, py) on the canvas is within `tol` of
 * the colour `rgb` (per channel).
 */
export async function hasColorNear(canvas, px, py, rgb, { radius = 3, tol = 40 } = {}) {
  return canvas.evaluate((c, { px, py, rgb, radius, tol }) => {
    const s = c.width / c.getBoundingClientRect().width;
    const ctx = c.getContext('2d');
    const r = Math.ceil(radius * s);
    const x0 = Math.round(px * s) - r;
    const y0 = Math.round(py * s) - r;
    const d = ctx.getImageData(x0, y0, 2 * r + 1, 2 * r + 1).data;
    for (let i = 0; i < d.length; i += 4) {
      if (Math.abs(d[i] - rgb[0]) <= tol && Math.abs(d[i + 1] - rgb[1]) <= tol && Math.abs(d[i + 2] - rgb[2]) <= tol && d[i + 3] > 200) return true;
    }
    return false;
  }, { px, py, rgb, radius, tol });
}

/** Counts canvas pixels within `tol` of `rgb`. */
export async function countColor(canvas, rgb, tol = 30) {
  return canvas.evaluate((c, { rgb, tol }) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (Math.abs(d[i] - rgb[0]) <= tol && Math.abs(d[i + 1] - rgb[1]) <= tol && Math.abs(d[i + 2] - rgb[2]) <= tol && d[i + 3] > 200) n++;
    }
    return n;
  }, { rgb, tol });
}

/** Types `text` into an input as a person would (select all, type, Tab to commit). */
export async function typeInto(locator, text) {
  await locator.click();
  await locator.press('Control+A');
  await locator.pressSequentially(text);
  await locator.press('Tab');
}
