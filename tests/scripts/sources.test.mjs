// Rules of the front end's sources that a reader checks by eye otherwise: colours come
// from the style sheet's custom properties (js/a11y/palette.js reads them), never from
// literals in the JavaScript; and no function is longer than a screen or so.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { functions } from './funclen.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;

/** Lines a function of the page's JavaScript may span, from its opening brace to its closing one. */
const MAX_FUNCTION_LINES = 80;

/** Every .js file under `dir`, recursively. */
function scripts(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return scripts(p);
    return e.name.endsWith('.js') ? [p] : [];
  });
}

test('no hex colour literal in the page\'s JavaScript: colours are the palette\'s tokens', () => {
  const found = [];
  for (const file of [...scripts(join(ROOT, 'www/js')), ...scripts(join(ROOT, 'www/examples'))]) {
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      const code = line.replace(/\/\/.*$/, '');
      for (const m of code.matchAll(/['"`]#[0-9a-fA-F]{3,8}\b/g)) found.push(`${file.slice(ROOT.length)}:${i + 1}: ${m[0]}`);
    });
  }
  assert.deepEqual(found, []);
});

test('every colour token the JavaScript asks for is declared in the palette', () => {
  const css = readFileSync(join(ROOT, 'www/style.css'), 'utf8');
  const declared = new Set([...css.matchAll(/--([a-z0-9-]+)\s*:/g)].map((m) => m[1]));
  const asked = new Set();
  for (const file of scripts(join(ROOT, 'www/js'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/colour\(\s*'([a-z0-9-]+)'/g)) asked.add(m[1]);
    for (const m of text.matchAll(/'(c-[a-z0-9-]+)'/g)) asked.add(m[1]);
  }
  // The race colours are asked for by number: --c-race-1 … --c-race-RACE_COLOURS.
  const races = Number(/const RACE_COLOURS = (\d+);/.exec(readFileSync(join(ROOT, 'www/js/lesson2d.js'), 'utf8'))?.[1]);
  assert.ok(races >= 1, 'lesson2d.js declares RACE_COLOURS');
  for (let i = 1; i <= races; i++) asked.add(`c-race-${i}`);
  const missing = [...asked].filter((name) => !declared.has(name));
  assert.deepEqual(missing, []);
  assert.ok(asked.size > 20, `found ${asked.size} tokens`);
});

test(`no function of the page's JavaScript is over ${MAX_FUNCTION_LINES} lines`, () => {
  const long = [];
  let seen = 0;
  for (const file of scripts(join(ROOT, 'www/js'))) {
    for (const fn of functions(readFileSync(file, 'utf8'))) {
      seen++;
      if (fn.lines > MAX_FUNCTION_LINES) long.push(`${file.slice(ROOT.length)}:${fn.line} ${fn.name}: ${fn.lines} lines`);
    }
  }
  assert.deepEqual(long, []);
  assert.ok(seen > 300, `found ${seen} functions`);
});

test('the function scanner measures what it should', () => {
  const src = [
    'const re = /[{]/g; // {',
    'function a(x) {',
    "  const s = '}{' + `${x}}`;",
    '  if (x) { return s; }',
    '  return () => {',
    '    return { b: 1 };',
    '  };',
    '}',
    'class C {',
    '  m(y) { return y; }',
    '}',
  ].join('\n');
  const found = functions(src).map((f) => `${f.name}@${f.line}:${f.lines}`).sort();
  assert.deepEqual(found, ['(arrow)@5:3', 'a@2:7', 'm@10:1']);
});
