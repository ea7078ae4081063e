// Trunk post-build step for release builds: bundles the site's JavaScript modules with
// esbuild, so a page load fetches a few files instead of one per module (the browser's six
// connections to the host made ~30 module requests the first frame's critical path).
//
// Usage: node scripts/bundle.mjs DIR   (Trunk passes its staging directory; debug builds
// are left as they are, as is everything when esbuild is missing).
//
// Entry points keep their paths: every page's module scripts, the modules loaded with
// import(), and PUBLIC below. Code shared between entries goes into chunks in js/embed/,
// the folder of js/embed/wasm.js, which finds the site's root from its own URL
// (new URL('../../', import.meta.url)): the step checks that this holds for every output
// and otherwise leaves the site unbundled. The wasm-bindgen glue is not bundled (it is
// imported by URL). The modules bundled into the outputs are removed from the site.

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadEsbuild, walk } from './site.mjs';

/** Modules others load by path: the <descent-lab> element's script; the transport, which the tests import; the workers' script. */
const PUBLIC = ['descent-lab.js', 'js/transport.js', 'js/worker.js'];
const SITE_ROOT = /new URL\("\.\.\/\.\.\/",import\.meta\.url\)/;

const root = path.resolve(process.argv[2] ?? 'dist');
if ((process.env.TRUNK_PROFILE ?? 'release') !== 'release') process.exit(0);

const esbuild = loadEsbuild();
if (!esbuild) {
  console.warn('bundle: esbuild not found (run `npm ci` in tests/): the release build is NOT bundled');
  process.exit(0);
}

/** Removes the folders under `dir` that hold no file (the bundled modules' folders). */
async function removeEmpty(dir) {
  let empty = true;
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    if (e.isDirectory() && await removeEmpty(path.join(dir, e.name))) continue;
    empty = false;
  }
  if (empty && dir !== root) await fs.rmdir(dir);
  return empty;
}

const rel = (p) => path.relative(root, p).split(path.sep).join('/');
const all = await walk(root);
const entries = new Set(PUBLIC.filter((p) => all.includes(path.join(root, p))));
for (const page of all.filter((f) => f.endsWith('.html'))) {
  const html = await fs.readFile(page, 'utf8');
  for (const m of html.matchAll(/<script\s+type="module"\s+src="([^"]+)"/g)) {
    if (!/^[a-z]+:|^\//i.test(m[1])) entries.add(rel(path.resolve(path.dirname(page), m[1])));
  }
}

const out = await fs.mkdtemp(path.join(os.tmpdir(), 'descent-bundle-'));
try {
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [...entries],
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    outdir: out,
    outbase: '.',
    entryNames: '[dir]/[name]',
    chunkNames: 'js/embed/chunk-[hash]',
    metafile: true,
    logLevel: 'error',
  });
  const outputs = Object.keys(result.metafile.outputs).map((o) => path.resolve(root, o));
  for (const file of outputs) {
    const code = await fs.readFile(file, 'utf8');
    if (SITE_ROOT.test(code) && !path.relative(out, file).startsWith(`js${path.sep}embed${path.sep}`)) {
      console.warn(`bundle: ${path.relative(out, file)} finds the site's root from its own URL but is not in js/embed/: the release build is NOT bundled`);
      process.exit(0);
    }
  }
  const inputs = Object.keys(result.metafile.inputs);
  for (const input of inputs) await fs.rm(path.join(root, input), { force: true });
  for (const file of outputs) {
    const dest = path.join(root, path.relative(out, file));
    await fs.mkdir(path.dirname(dest), { recursive: true });
    await fs.copyFile(file, dest);
  }
  await removeEmpty(root);
  console.log(`bundle: ${inputs.length} modules -> ${outputs.length} files (${entries.size} entry points)`);
} finally {
  await fs.rm(out, { recursive: true, force: true });
}
