// Trunk post-build step: adds preload links to every built HTML page, so the browser
// fetches the page's whole module graph and the wasm at once instead of discovering them
// one import level at a time (five levels deep for index.html).
//
// Usage: node scripts/preload.mjs DIR (Trunk passes its staging directory).
// For each *.html under DIR with <script type="module" src="…">, it follows the static
// imports (`import … from './x.js'`, `import './x.js'`, `export … from './x.js'`) and
// inserts <link rel="modulepreload"> for each module before </head>; the wasm-bindgen glue
// (NAME.js beside NAME_bg.wasm at DIR's top) gets one too, and the wasm a
// <link rel="preload" as="fetch" crossorigin>, which its fetch() then reuses. That link's
// data-bytes holds the wasm's size, from which the loading line shows the share received (a
// gzip-encoded response does not tell the size of its body).

import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? 'dist');
const MARK = '<!-- preload: added by scripts/preload.mjs -->';
const IMPORT = /(?:^|[;\s])(?:import|export)\s*(?:[\w*{}\s,$]+\s*from\s*)?['"](\.{1,2}\/[^'"]+\.m?js)['"]/g;

/** Every module reachable from `entry` by static relative imports, entry included. */
function graph(entry) {
  const seen = new Set();
  const todo = [entry];
  while (todo.length) {
    const file = todo.pop();
    if (seen.has(file) || !fs.existsSync(file)) continue;
    seen.add(file);
    for (const m of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
      todo.push(path.resolve(path.dirname(file), m[1]));
    }
  }
  return [...seen];
}

/** The wasm-bindgen outputs at the top of the site: [[glue.js, glue_bg.wasm], …]. */
const bindgen = fs.readdirSync(root)
  .filter((f) => f.endsWith('_bg.wasm') && fs.existsSync(path.join(root, f.replace(/_bg\.wasm$/, '.js'))))
  .map((f) => [path.join(root, f.replace(/_bg\.wasm$/, '.js')), path.join(root, f)]);

function htmlFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return htmlFiles(p);
    return e.name.endsWith('.html') ? [p] : [];
  });
}

for (const page of htmlFiles(root)) {
  let html = fs.readFileSync(page, 'utf8');
  if (html.includes(MARK) || !html.includes('</head>')) continue;
  const dir = path.dirname(page);
  const entries = [...html.matchAll(/<script\s+type="module"\s+src="([^"]+)"/g)]
    .map((m) => m[1])
    .filter((src) => !/^[a-z]+:|^\//i.test(src))
    .map((src) => path.resolve(dir, src));
  if (!entries.length) continue;
  const modules = new Set(entries.flatMap(graph));
  const href = (file) => path.relative(dir, file).split(path.sep).join('/');
  const links = [...modules].filter((m) => !entries.includes(m)).sort()
    .map((m) => `<link rel="modulepreload" href="${href(m)}">`);
  for (const [glue, wasm] of bindgen) {
    for (const m of graph(glue)) links.push(`<link rel="modulepreload" href="${href(m)}">`);
    links.push(`<link rel="preload" href="${href(wasm)}" as="fetch" type="application/wasm" crossorigin data-bytes="${fs.statSync(wasm).size}">`);
  }
  html = html.replace('</head>', `  ${MARK}\n  ${links.join('\n  ')}\n</head>`);
  fs.writeFileSync(page, html);
  console.log(`preload: ${href(page)}: ${links.length} links`);
}
