// The release build's renaming of catalogue ids (scripts/shortids.mjs): which ids it may
// rename, and that scripts, markup and catalogues are renamed alike and nothing else.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { builtParts, countIds, plan, renameInCatalogue, renameInMarkup, renameInScript, sentenceNames } from '../../scripts/shortids.mjs';

const counts = (entries) => new Map(entries);

test('ids named whole in scripts or markup are renamed, the most named getting the shortest names', () => {
  const js = 'a("x.rare");b("x.often");c(\'x.often\');d(`x.often`)';
  const html = '<p data-i18n="x.often">';
  const named = countIds(['x.rare', 'x.often', 'x.unused'], js, html);
  assert.deepEqual([...named], [['x.rare', 1], ['x.often', 4], ['x.unused', 0]]);
  const names = plan(named, js, '');
  assert.equal(names.get('x.often'), '0');
  assert.equal(names.get('x.rare'), '1');
  assert.equal(names.has('x.unused'), false, 'an id named nowhere whole keeps its name');
});

test('ids a script builds, the core knows or a test finds by prefix keep their names', () => {
  const js = 'f(`set.${k}`);g(`${id}.help`);h("l2."+x);t("l1.method")';
  assert.deepEqual(builtParts(js), { heads: new Set(['set.', 'l2.']), tails: new Set(['.help']) });
  const ids = counts([
    ['set.gamma', 1], ['set.gamma.help', 0], ['l2.title', 2], ['fn.quad', 1], ['status.converged', 1],
    ['core.budget', 1], ['warn.k', 1], ['docs.title', 1], ['page.title', 1],
    ['l1.method', 1], ['l1.method.help', 0], ['transport.play', 3], ['Not an id', 1],
  ]);
  const wasm = '\0\0fn.quadthe status.core.budget\0';
  const rust = 'text(&format!("status.{status}"), status, &[])';
  assert.deepEqual(builtParts('', rust).heads, new Set(['status.']));
  const names = plan(ids, js, wasm, rust);
  assert.deepEqual([...names.keys()].sort(), ['page.title', 'transport.play']);
});

test('scripts rename only whole string literals; markup only data-i18n values; catalogues their keys', () => {
  const names = new Map([['a.b', '0'], ['a.bc', '1']]);
  assert.equal(
    renameInScript('t("a.b");t(\'a.bc\');x="a.b.c";y="see a.b";z=`a.b`', names),
    't("0");t(\'1\');x="a.b.c";y="see a.b";z=`0`',
  );
  assert.equal(
    renameInMarkup('<p data-i18n="a.b" title="a.b" data-i18n-aria-label=\'a.bc\' data-i18n-title="z.z">', names),
    '<p data-i18n="0" title="a.b" data-i18n-aria-label=\'1\' data-i18n-title="z.z">',
  );
  assert.deepEqual(JSON.parse(renameInCatalogue('{"a.b": "Play", "z.z": "Stop"}', names)), { 0: 'Play', 'z.z': 'Stop' });
});

test('the core\'s sentences are numbered as the core\'s build script numbers them: the Spanish catalogue\'s core ids, one per line, sorted', () => {
  const text = readFileSync(new URL('../../www/i18n/es.json', import.meta.url), 'utf8');
  const names = sentenceNames(JSON.parse(text));
  // crates/descent/build.rs reads the ids line by line: each pair must sit on its own line.
  const byLine = text.split('\n').map((l) => /^\s*"(core\.[^"]*)"/.exec(l)?.[1]).filter(Boolean).sort();
  assert.deepEqual([...names.keys()], byLine);
  assert.equal(names.get(byLine[0]), '~0');
  assert.equal(names.get(byLine[37]), '~11');
  assert.deepEqual(sentenceNames({ 'core.b': '', 'x.y': '', 'core.a': '' }), new Map([['core.a', '~0'], ['core.b', '~1']]));
});
