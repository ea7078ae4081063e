// Trunk post-build step for release builds: minifies every JavaScript module and style
// sheet of the built site in place with esbuild (each file on its own, so module paths,
// imports and exports stay as they are), then prints the gzipped size of the site by kind
// against the 150 KB budget. The language catalogues (i18n/*.json) lose their indentation.
//
// Usage: node scripts/minify.mjs DIR   (Trunk passes its staging directory; TRUNK_PROFILE
// says which build it is: debug builds are left readable and only the sizes are printed).
// Trunk's subresource-integrity hashes of the minified style sheets are recomputed.
// esbuild comes from tests/node_modules (scripts/lib.sh installs it); without it the
// release build is left unminified, with a warning.

import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sizes, totals } from './sizes.mjs';
import { loadEsbuild, walk } from './site.mjs';

const BUDGET_KB = 150;
const root = path.resolve(process.argv[2] ?? 'dist');
const release = (process.env.TRUNK_PROFILE ?? 'release') === 'release';

/** The files under `dir` whose names match `pattern`. */
async function files(dir, pattern) {
  return (await walk(dir)).filter((p) => pattern.test(path.basename(p)));
}

/** Rewrites every `integrity="sha384-…"` of a <link> or <script> in the built pages to the file's hash now. */
async function updateIntegrity() {
  for (const page of await files(root, /\.html$/)) {
    const html = await fs.readFile(page, 'utf8');
    const tags = [...html.matchAll(/<(?:link|script)\b[^>]*\bintegrity="sha384-[^"]*"[^>]*>/g)];
    let out = html;
    for (const [tag] of tags) {
      const href = tag.match(/\b(?:href|src)="([^"]+)"/)?.[1];
      if (!href || /^[a-z]+:|^\//i.test(href)) continue;
      const body = await fs.readFile(path.resolve(path.dirname(page), href));
      const hash = crypto.createHash('sha384').update(body).digest('base64');
      out = out.replace(tag, tag.replace(/integrity="sha384-[^"]*"/, `integrity="sha384-${hash}"`));
    }
    if (out !== html) await fs.writeFile(page, out);
  }
}

if (release) {
  const esbuild = loadEsbuild();
  if (!esbuild) {
    console.warn('minify: esbuild not found (run `npm ci` in tests/): the release build is NOT minified');
  } else {
    let before = 0;
    let after = 0;
    for (const file of await files(root, /\.(m?js|css)$/)) {
      const code = await fs.readFile(file, 'utf8');
      const css = file.endsWith('.css');
      const out = await esbuild.transform(code, {
        loader: css ? 'css' : 'js',
        format: css ? undefined : 'esm',
        target: css ? undefined : 'es2022',
        minify: true,
        legalComments: 'none',
      });
      await fs.writeFile(file, out.code);
      before += Buffer.byteLength(code);
      after += Buffer.byteLength(out.code);
    }
    // The language catalogues ship without their indentation.
    for (const file of await files(path.join(root, 'i18n'), /\.json$/).catch(() => [])) {
      await fs.writeFile(file, JSON.stringify(JSON.parse(await fs.readFile(file, 'utf8'))));
    }
    await updateIntegrity();
    console.log(`minify: JS and CSS ${(before / 1024).toFixed(1)} KB -> ${(after / 1024).toFixed(1)} KB`);
  }
}

const t = totals(await sizes(root));
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const parts = ['wasm', 'js', 'css', 'html', 'other'].filter((k) => t[k]).map((k) => `${k} ${kb(t[k].gzip)}`);
const verdict = t.total.gzip <= BUDGET_KB * 1024 ? 'within' : 'OVER';
console.log(`size (gzip -9): ${parts.join(', ')}; total ${kb(t.total.gzip)} (${kb(t.total.raw)} raw, ${t.total.files} files), ${verdict} the ${BUDGET_KB} KB budget`);
