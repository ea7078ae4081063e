// A small W3C WebDriver client: starts an engine's driver (ChromeDriver, geckodriver or
// WebKitWebDriver, with Xvfb for WebKit when there is no display), opens a session, and
// sends commands one at a time, switching to the window each command is for.

import { spawn } from 'node:child_process';
import net from 'node:net';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The engines the WebDriver route drives: driver command line and session capabilities. */
export const ENGINES = {
  chromium: {
    driver: (port) => [process.env.CHROMEDRIVER ?? '/usr/bin/chromedriver', [`--port=${port}`]],
    capabilities: () => ({
      browserName: 'chrome',
      'goog:chromeOptions': {
        binary: process.env.CHROMIUM ?? '/usr/bin/chromium',
        args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
          '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
      },
    }),
  },
  firefox: {
    driver: (port) => [process.env.GECKODRIVER ?? 'geckodriver', ['--port', String(port), '--log', 'error']],
    capabilities: () => ({
      browserName: 'firefox',
      'moz:firefoxOptions': {
        binary: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
        args: ['-headless'],
        prefs: { 'app.update.enabled': false, 'browser.shell.checkDefaultBrowser': false, 'datareporting.policy.dataSubmissionEnabled': false },
      },
    }),
  },
  webkit: {
    display: true,
    // Without a GPU, WebKitGTK's DMA-BUF renderer paints through software GL: about 20
    // frames a second here instead of 60, and work paced by animation frames crawls.
    env: { WEBKIT_DISABLE_DMABUF_RENDERER: '1' },
    driver: (port) => [process.env.WEBKITWEBDRIVER ?? 'WebKitWebDriver', [`--port=${port}`]],
    capabilities: () => ({
      'webkitgtk:browserOptions': {
        binary: process.env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
        args: ['--automation'],
      },
    }),
  },
};

/** A free loopback TCP port. */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/** Starts Xvfb on a free display; resolves to { display, stop }. */
function startXvfb() {
  return new Promise((resolve, reject) => {
    const child = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', '1400x1100x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.on('error', (e) => reject(new Error(`cannot start Xvfb (apt-get install xvfb): ${e.message}`)));
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve({ display: `:${out.trim()}`, stop: () => child.kill() });
      process.on('exit', () => child.kill());
    });
  });
}

/** A WebDriver error with the driver's error code. */
export class WebDriverError extends Error {
  constructor(code, message) { super(`${code}: ${message}`); this.code = code; }
}

/** One driver process and one session in it; `close()` ends both. */
export class Session {
  static async start(engine) {
    const spec = ENGINES[engine];
    if (!spec) throw new Error(`unknown E2E_ENGINE ${engine}: use chromium, firefox or webkit`);
    const env = { ...spec.env, ...process.env };
    let xvfb = null;
    if (spec.display && !env.DISPLAY) { xvfb = await startXvfb(); env.DISPLAY = xvfb.display; }
    const port = await freePort();
    const [cmd, args] = spec.driver(port);
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    process.on('exit', () => child.kill());
    let stderr = '';
    child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-2000); });
    const failed = new Promise((_, reject) => child.on('error', (e) => reject(new Error(`cannot start ${cmd}: ${e.message}`))));
    const base = `http://127.0.0.1:${port}`;
    const session = new Session(base, child, xvfb);
    const ready = (async () => {
      for (let i = 0; i < 200; i++) {
        try { if ((await fetch(`${base}/status`)).ok) return; } catch { /* not listening yet */ }
        await sleep(50);
      }
      throw new Error(`${cmd} did not start: ${stderr}`);
    })();
    await Promise.race([ready, failed]);
    const created = await session.send('POST', '/session', { capabilities: { alwaysMatch: spec.capabilities() } });
    session.id = created.sessionId;
    session.capabilities = created.capabilities;
    session.window = await session.command('GET', '/window');
    return session;
  }

  constructor(base, child, xvfb) {
    this.base = base;
    this.child = child;
    this.xvfb = xvfb;
    this.queue = Promise.resolve();
    this.lastUsed = new Map();
    this.clock = 0;
  }

  /** One HTTP request to the driver; throws a WebDriverError on a WebDriver error. */
  async send(method, path, body) {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json().catch(() => ({ value: { error: 'unknown error', message: `HTTP ${res.status}` } }));
    if (!res.ok || (json.value && json.value.error)) throw new WebDriverError(json.value?.error ?? `HTTP ${res.status}`, json.value?.message ?? '');
    return json.value;
  }

  /** A command on this session (path relative to /session/{id}). */
  command(method, path, body) {
    return this.send(method, `/session/${this.id}${path}`, body);
  }

  /** Runs `fn()` alone (no other command in between), with `handle` the current window. */
  inWindow(handle, fn) {
    this.lastUsed.set(handle, ++this.clock);
    const run = this.queue.then(async () => {
      if (this.window !== handle) {
        await this.command('POST', '/window', { handle });
        this.window = handle;
      }
      return fn();
    });
    this.queue = run.catch(() => {});
    return run;
  }

  /** Opens a new top-level window; resolves to its handle. */
  newWindow() {
    return this.inWindow(this.window, async () => (await this.command('POST', '/window/new', { type: 'window' })).handle);
  }

  /** Closes the window `handle` and makes `next` current. */
  closeWindow(handle, next) {
    return this.inWindow(handle, async () => {
      await this.command('DELETE', '/window');
      await this.command('POST', '/window', { handle: next });
      this.window = next;
    });
  }

  async close() {
    await this.queue;
    await this.command('DELETE', '').catch(() => {});
    this.child.kill();
    await new Promise((r) => (this.child.exitCode !== null ? r() : this.child.on('exit', r)));
    this.xvfb?.stop();
  }
}
