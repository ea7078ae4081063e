// Trunk post-build step for release builds: writes the service worker (www/sw.js with the
// build's file list and version filled in) at the site's top, and marks each page of the
// lab with the worker's address (<html data-offline="…">), which js/offline.js registers.
//
// Usage: node scripts/offline.mjs DIR   (Trunk passes its staging directory; debug builds
// and `trunk serve`, whose live reload a cached site would defeat, get no worker).
// Run it again on a changed DIR to make a new version of the worker.

import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { walk } from './site.mjs';

const root = path.resolve(process.argv[2] ?? 'dist');
const WORKER = 'sw.js';
const TEMPLATE = path.join(path.dirname(fileURLToPath(import.meta.url)), '../www/sw.js');
/** The lab's own pages, which register the worker (a host page of the element does not). */
const PAGES = ['index.html', 'docs.html'];

const serving = await fs.access(path.join(root, 'trunk-reload.js')).then(() => true, () => false);
if ((process.env.TRUNK_PROFILE ?? 'release') !== 'release' || serving) process.exit(0);

for (const page of PAGES) {
  const file = path.join(root, page);
  const html = await fs.readFile(file, 'utf8');
  const marked = html.replace(/<html( data-offline="[^"]*")?/, `<html data-offline="${path.posix.relative(path.posix.dirname(page), WORKER)}"`);
  await fs.writeFile(file, marked);
}

const files = (await walk(root)).map((f) => path.relative(root, f).split(path.sep).join('/'))
  .filter((f) => f !== WORKER).sort();
const hash = crypto.createHash('sha256');
for (const f of files) hash.update(`${f}\0`).update(await fs.readFile(path.join(root, f)));
const version = hash.digest('hex').slice(0, 16);
const source = (await fs.readFile(TEMPLATE, 'utf8'))
  .replace("'__VERSION__'", JSON.stringify(version))
  .replace('__FILES__', JSON.stringify(files));
await fs.writeFile(path.join(root, WORKER), source);
console.log(`offline: ${WORKER} caches ${files.length} files, version ${version}`);
