// Trunk post-build step for release builds: gives the catalogue ids the page's scripts and
// markup name (`transport.play`, `l1.method.armijo`) short names (`0`, `1a`) in every built
// file that holds them, so the first load carries the words, not their long names.
//
// Usage: node scripts/shortids.mjs DIR   (after scripts/bundle.mjs; debug builds are left as
// they are). An id keeps its name when it cannot be renamed everywhere at once:
// - the core knows it: the id is in the wasm, or the core's sources build ids from a
//   prefix of it (`format!("status.{status}")`);
// - a script builds it: a template or a sum of strings holds a part of it
//   (`set.${key}`, `${id}.help`, `'l2.' + x`);
// - a test or a host page knows it by name: the prefixes of KEPT.
// Only whole string literals and `data-i18n*` attribute values are renamed, so a text that
// merely contains an id is left alone.
//
// The core's sentences (`core.…`) are renamed apart, to `~` and their number in base 36: their
// place among the Spanish catalogue's `core.` ids sorted, the number the core's build script
// gives them (crates/descent/build.rs), so the wasm holds numbers instead of ids.

import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { walk } from './site.mjs';

/** Id prefixes that keep their names: the console warnings and the docs page's texts, which the catalogue tests find by prefix (the core's sentences are numbered apart). */
export const KEPT = ['core.', 'warn.', 'docs.'];

/** The names of the core's sentences, from the ids of the Spanish catalogue `es`: `~` and each `core.` id's place among them sorted, in base 36. */
export function sentenceNames(es) {
  const ids = Object.keys(es).filter((id) => id.startsWith('core.')).sort();
  return new Map(ids.map((id, i) => [id, `~${i.toString(36)}`]));
}

const ID = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/i;

/** Each id's proper prefixes that end with a dot (`a.b.c` gives `a.` and `a.b.`). */
function prefixes(id) {
  const out = [];
  for (let i = id.indexOf('.'); i > 0 && i < id.length - 1; i = id.indexOf('.', i + 1)) out.push(id.slice(0, i + 1));
  return out;
}

/**
 * The parts of ids built at run time: in the scripts `js`, the text just before a template's
 * `${` or a `+` (`set.`, `l1.method.`), and just after a `}` or before a `+` when it starts
 * with a dot (`.help`); in the core's sources `rust`, the text before a `format!`'s first
 * `{` (`status.`).
 */
export function builtParts(js, rust = '') {
  const heads = new Set();
  const tails = new Set();
  for (const m of js.matchAll(/([a-z0-9_]+(?:\.[a-z0-9_]+)*\.)(?:\$\{|["'`]\s*\+)/gi)) heads.add(m[1]);
  for (const m of js.matchAll(/(?:\}|\+\s*["'`])(\.[a-z0-9_]+(?:\.[a-z0-9_]+)*)/gi)) tails.add(m[1]);
  for (const m of rust.matchAll(/format!\(\s*"([a-z0-9_]+(?:\.[a-z0-9_]+)*\.)\{/gi)) heads.add(m[1]);
  return { heads, tails };
}

/**
 * The short name of every id that can be renamed: `counts` how often the scripts and markup
 * name each id, `js` every script's text, `wasm` the core's bytes (as latin1 text), `rust`
 * the core's sources.
 * An id no script or markup names whole keeps its name. The most named ids get the shortest names; a name is base 36 and has no dot, so it never
 * equals a kept id.
 */
export function plan(counts, js, wasm, rust = '') {
  const { heads, tails } = builtParts(js, rust);
  const ids = [...counts.keys()];
  const kept = (id) =>
    !counts.get(id)
    || !ID.test(id)
    || KEPT.some((p) => id.startsWith(p))
    || wasm.includes(id)
    || prefixes(id).some((p) => heads.has(p))
    || [...tails].some((t) => id.endsWith(t) || counts.has(id + t));
  const renamed = ids.filter((id) => !kept(id)).sort((a, b) => counts.get(b) - counts.get(a) || (a < b ? -1 : 1));
  return new Map(renamed.map((id, i) => [id, i.toString(36)]));
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `js` with every whole string literal that is a renamed id replaced by its short name. */
export function renameInScript(js, names) {
  if (!names.size) return js;
  const alternatives = [...names.keys()].sort((a, b) => b.length - a.length).map(escape).join('|');
  const literal = new RegExp(`(["'\`])(${alternatives})\\1`, 'g');
  return js.replace(literal, (m, q, id) => `${q}${names.get(id)}${q}`);
}

/** `html` with the renamed ids of its `data-i18n` and `data-i18n-*` attributes replaced. */
export function renameInMarkup(html, names) {
  return html.replace(/(\sdata-i18n(?:-[a-z-]+)?=)(["'])([^"']*)\2/g, (m, attr, q, id) => `${attr}${q}${names.get(id) ?? id}${q}`);
}

/** A catalogue's text with its renamed ids' keys replaced. */
export function renameInCatalogue(text, names) {
  const texts = JSON.parse(text);
  return JSON.stringify(Object.fromEntries(Object.entries(texts).map(([id, s]) => [names.get(id) ?? id, s])));
}

/** How often each catalogue id is named as a whole literal in `js` or as an attribute value in `html`. */
export function countIds(ids, js, html) {
  const counts = new Map(ids.map((id) => [id, 0]));
  for (const m of js.matchAll(/["'`]([a-z][a-z0-9_.]*)["'`]/gi)) if (counts.has(m[1])) counts.set(m[1], counts.get(m[1]) + 1);
  for (const m of html.matchAll(/\sdata-i18n(?:-[a-z-]+)?=["']([^"']*)["']/g)) if (counts.has(m[1])) counts.set(m[1], counts.get(m[1]) + 1);
  return counts;
}

/** The text of every Rust source of the core's crates. */
async function rustSources() {
  const crates = path.join(path.dirname(fileURLToPath(import.meta.url)), '../crates');
  const sources = (await walk(crates)).filter((f) => f.endsWith('.rs'));
  return (await Promise.all(sources.map((f) => fs.readFile(f, 'utf8')))).join('\n');
}

/** Renames the ids of the built site in `root` and says how many. */
async function main(root) {
  const files = await walk(root);
  const of = (re) => files.filter((f) => re.test(f));
  const read = (f) => fs.readFile(f, 'utf8');
  const scripts = of(/\.js$/);
  const pages = of(/\.html$/);
  const catalogues = of(/[\\/]i18n[\\/][^\\/]+\.json$/);
  const js = (await Promise.all(scripts.map(read))).join('\n');
  const html = (await Promise.all(pages.map(read))).join('\n');
  const wasm = (await Promise.all(of(/\.wasm$/).map((f) => fs.readFile(f)))).map((b) => b.toString('latin1')).join('\n');
  const ids = new Set();
  for (const f of catalogues) for (const id of Object.keys(JSON.parse(await read(f)))) ids.add(id);
  const es = catalogues.find((f) => path.basename(f) === 'es.json');
  const sentences = es ? sentenceNames(JSON.parse(await read(es))) : new Map();
  const names = new Map([...plan(countIds([...ids], js, html), js, wasm, await rustSources()), ...sentences]);
  for (const [list, rename] of [[scripts, renameInScript], [pages, renameInMarkup], [catalogues, renameInCatalogue]]) {
    for (const f of list) {
      const before = await read(f);
      const after = rename(before, names);
      if (after !== before) await fs.writeFile(f, after);
    }
  }
  console.log(`shortids: ${names.size - sentences.size} of ${ids.size} catalogue ids renamed, and the core's ${sentences.size} sentences numbered`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if ((process.env.TRUNK_PROFILE ?? 'release') === 'release') await main(path.resolve(process.argv[2] ?? 'dist'));
}
