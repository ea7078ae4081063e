// What the export tests share: an init script that records downloads and clipboard writes
// instead of performing them, reading a recorded download back, and the Python with numpy
// that runs the "copy as Python" cells.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Records downloads and clipboard writes instead of performing them: an `init` script of
 * `lab.open` (it runs in the page before the page's own scripts, so it uses nothing of
 * this module).
 */
export function capture() {
  window.__downloads = [];
  window.__clipboard = [];
  // The page's CSP lets nothing fetch a blob: URL, so the blobs are kept by URL.
  window.__blobs = new Map();
  const create = URL.createObjectURL;
  URL.createObjectURL = (blob) => { const url = create.call(URL, blob); window.__blobs.set(url, blob); return url; };
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (this.download) { window.__downloads.push({ name: this.download, href: this.href }); return undefined; }
    return click.call(this);
  };
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: async (text) => { window.__clipboard.push(text); } },
  });
}

/** The `n`th download (1-based) once it is made: its file name and its content as text (or, with `bytes`, its first 32 bytes). */
export async function nthDownload(page, n, { bytes = false } = {}) {
  await page.waitForFunction((count) => window.__downloads.length >= count, n);
  return page.evaluate(async ({ asBytes, at }) => {
    const d = window.__downloads[at - 1];
    const blob = window.__blobs.get(d.href);
    if (asBytes) return { name: d.name, bytes: Array.from(new Uint8Array(await blob.slice(0, 32).arrayBuffer())) };
    return { name: d.name, text: await blob.text() };
  }, { asBytes: bytes, at: n });
}

/** The Python with numpy the tests run cells in, or null (a failure under CI). */
export function python() {
  const candidates = [process.env.DESCENT_PYTHON, path.join(ROOT, 'target/bench-venv/bin/python'), 'python3'].filter(Boolean);
  for (const p of candidates) {
    try { execFileSync(p, ['-c', 'import numpy'], { stdio: 'ignore' }); return p; } catch { /* next */ }
  }
  assert.ok(!process.env.CI, `no python3 with numpy (tried ${candidates.join(', ')}): run scripts/test.sh or set DESCENT_PYTHON`);
  return null;
}
