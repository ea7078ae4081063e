// End-to-end tests of the settings: every value the form accepts survives a link to a fresh
// page, hostile links show a notice and a working lesson with nothing executed, and the
// neuron's hidden layer trains from the form and from a link. Each test prints its count.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertClean, typeInto } from './harness.mjs';

let lab;
before(async () => { lab = await setup(); });
after(async () => { await lab?.close(); });

const SECTION = { '1d': '#lesson-1d', '2d': '#lesson-2d', neuron: '#lesson-neuron' };
const PROBE = '<img src=x onerror="window.__pwned=1">';

/** The lesson's settings table as the page's bindings export it. */
const tableOf = (page, lesson) => page.evaluate((name) => window.wasmBindings.settingsTable(name), lesson);

/** Values to try for a row of kind number/integer: both bounds and points between. */
function samples(row) {
  const { min, max } = row;
  const lowest = row.kind === 'integer' ? min : row.openMin ? Number((min + Math.min(1e-9, (max - min) * 1e-9)).toPrecision(6)) : min;
  const mid = row.kind === 'integer' ? Math.round((min + max) / 2) : Number(((min + max) / 2 + (max - min) / 7).toPrecision(7));
  const highest = row.openMax ? Number((max - Math.min(1e-9, (max - min) * 1e-9)).toPrecision(12)) : max;
  return { lowest, highest, mid };
}

/** The text inputs (numbers and integers) a lesson's form builds from its table. */
async function numericRows(page, lesson) {
  const rows = (await tableOf(page, lesson)).filter((r) => r.kind === 'number' || r.kind === 'integer');
  const present = [];
  for (const r of rows) {
    if (await page.locator(`${SECTION[lesson]} form input[type="text"][name="${r.key}"]`).count()) present.push(r);
  }
  return present;
}

/** Types `values` ({key: text}) into the lesson's form; asserts the form accepted each. */
async function typeAll(page, lesson, values) {
  for (const [key, text] of Object.entries(values)) {
    await typeInto(page.locator(`${SECTION[lesson]} input[name="${key}"]`), text);
    const error = (await page.locator(`${SECTION[lesson]} .error[data-for="${key}"]`).textContent()).trim();
    assert.equal(error, '', `${lesson}: the form should accept ${key} = ${text}`);
  }
}

/** Opens the page's current link fresh; asserts every typed value came back, without a notice. */
async function survivesTheLink(page, lesson, values) {
  const hash = (await page.evaluate(() => location.hash)).slice(1);
  const fresh = await lab.open(hash);
  assert.equal((await fresh.locator('#state-errors').textContent()).trim(), '', `link ${hash}`);
  assert.equal((await fresh.locator(`${SECTION[lesson]} [data-out="notice"]`).textContent()).trim(), '', `link ${hash}`);
  for (const [key, text] of Object.entries(values)) {
    const back = await fresh.locator(`${SECTION[lesson]} input[name="${key}"]`).inputValue();
    assert.equal(Number(back), Number(text), `${lesson}: ${key} = ${text} came back as ${back} from ${hash}`);
  }
  assertClean(fresh);
}

/** Rounds of values for every numeric setting: the lowest, the highest, and between. */
function rounds(rows) {
  const pick = (which) => Object.fromEntries(rows.map((r) => [r.key, String(samples(r)[which])]));
  const low = pick('lowest');
  const high = pick('highest');
  // An interval's ends must stay ordered: its other end keeps a value that allows it.
  if ('lo' in low) { low.hi = String(samples(rows.find((r) => r.key === 'hi')).highest); high.lo = String(samples(rows.find((r) => r.key === 'lo')).lowest); }
  return [low, high, pick('mid')];
}

/** The values the page accepted before the settings table and whose links lost them. */
const ONCE_LOST = {
  '1d': [{ steps: '500000' }, { gamma: '5000' }, { h: '5' }, { x0: '12345678' }, { lo: '-10000000' }],
  // γ of the 2-D lesson is typed among the optimizer's inputs and carried as gamma2.
  '2d': [{ h2: '5' }, { steps2: '100001' }, { gamma2: '5000' }, { gamma2: '0.25' }],
  neuron: [],
};

for (const lesson of ['1d', '2d', 'neuron']) {
  test(`${lesson}: every value the form accepts survives link → fresh page`, async () => {
    // No starts in the 2-D lesson, so the largest budgets run no work while typing.
    const page = await lab.open(`lesson=${lesson}&seed=5${lesson === '2d' ? '&multi2=0' : ''}`);
    const rows = await numericRows(page, lesson);
    assert.ok(rows.length >= 3, `${lesson} has numeric settings`);
    let tried = 0;
    for (const values of [...rounds(rows), ...ONCE_LOST[lesson]]) {
      await typeAll(page, lesson, values);
      await survivesTheLink(page, lesson, values);
      tried += Object.keys(values).length;
    }
    assertClean(page);
    console.log(`settings e2e: ${lesson}: ${tried} typed values survived the link`);
  });
}

test('a link whose function does not compile falls back to the default, with a notice', async () => {
  let tried = 0;
  for (const f of ['%zz', '(', 'x+', PROBE, 'y*2']) {
    const page = await lab.open(`seed=2&f=${encodeURIComponent(f)}`.replace('%25zz', '%zz'));
    const l = page.locator('#lesson-1d');
    assert.match(await l.locator('[data-out="notice"]').textContent(), /default f\(x\)/, `f=${f}`);
    assert.equal(await l.locator('input[name="f"]').inputValue(), '(x-1)**2');
    await l.getByRole('button', { name: 'step', exact: true }).click();
    assert.equal((await l.locator('[data-out="k"]').textContent()).trim(), '1', 'the lesson steps');
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assertClean(page);
    tried++;
  }
  console.log(`settings e2e: ${tried} broken functions in links fell back`);
});

/** Asserts a lesson works after a hostile link: a notice, a lesson that steps, nothing run. */
async function worksAfter(page, lesson) {
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no injected script ran');
  assert.equal(await page.locator('img').count(), 0, 'no markup was inserted');
  const l = page.locator(SECTION[lesson]);
  assert.ok(await l.isVisible(), `${lesson} is shown`);
  if (lesson === 'neuron') {
    await l.locator('.train-bar [data-action="epoch"]').click();
    assert.match(await l.locator('[data-out="progress-text"]').textContent(), /^epoch 1 \//);
  } else {
    // The lesson drew its plot and its transport answers (a constant f may stop at once).
    assert.ok(await l.locator('canvas[data-view]').count() > 0, `${lesson} drew its plot`);
    await l.getByRole('button', { name: 'step', exact: true }).click();
    assert.match((await l.locator('[data-out="k"]').first().textContent()).trim(), /^[01]$/, `${lesson} steps`);
  }
  assertClean(page);
}

test('hostile links show a notice and a working lesson with nothing executed', async () => {
  const first = await lab.open('seed=1');
  const all = [];
  for (const name of ['1d', '2d', 'neuron']) all.push(...(await tableOf(first, name)).map((r) => r.key));
  const values = [PROBE, '%zz', '1e400', '-1e308', 'x'.repeat(5000), '<script>window.__pwned=1</script>'];
  let tried = 0;
  for (const lesson of ['1d', '2d', 'neuron']) {
    for (const v of values) {
      const value = v === '%zz' ? v : encodeURIComponent(v);
      const hash = [`lesson=${lesson}`, 'seed=3', ...all.map((k) => `${k}=${value}`)].join('&');
      const page = await lab.open(hash);
      const notices = `${await page.locator('#state-errors').textContent()} ${await page.locator(`${SECTION[lesson]} [data-out="notice"]`).textContent()}`;
      assert.ok(notices.trim().length > 0, `a notice for ${v.slice(0, 20)} in ${lesson}`);
      assert.ok(notices.length < 200 * all.length, 'messages echo cut values');
      await worksAfter(page, lesson);
      tried++;
    }
  }
  for (const hash of ['lesson=%zz', 'lesson=neuron&ngate=xor&nhidden=4', 'lesson=2d&fn2=%zz&starts2=1,2,3', 'lesson=2d&box=1e308', '#&&==&%&lesson=neuron&nweights=1,2']) {
    const page = await lab.open(hash);
    const lesson = (await page.evaluate(() => location.hash)).match(/lesson=(2d|neuron)/)?.[1] ?? '1d';
    await worksAfter(page, lesson);
    tried++;
  }
  console.log(`settings e2e: ${tried} hostile links left a working lesson`);
});

test('script-injection probes typed into every text input are shown as text', async () => {
  let tried = 0;
  for (const lesson of ['1d', '2d', 'neuron']) {
    const page = await lab.open(`lesson=${lesson}&seed=4`);
    const inputs = page.locator(`${SECTION[lesson]} form input[type="text"]`);
    const names = await inputs.evaluateAll((xs) => xs.filter((x) => x.offsetParent !== null).map((x) => x.name));
    for (const name of names) {
      await typeInto(page.locator(`${SECTION[lesson]} input[name="${name}"]`), PROBE);
      tried++;
    }
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator('img').count(), 0, 'no markup was inserted');
    assert.match(await page.locator(SECTION[lesson]).textContent(), /must be|column|expected|unknown|not/i);
    assertClean(page);
  }
  console.log(`settings e2e: ${tried} probes typed, none executed`);
});

test('messages cut long values and print numbers compactly', async () => {
  const page = await lab.open('seed=1');
  const gamma = page.locator('#lesson-1d input[name="gamma"]');
  await gamma.fill('7'.repeat(100_000));
  await gamma.press('Tab');
  const msg = (await page.locator('#lesson-1d .error[data-for="gamma"]').textContent()).trim();
  assert.ok(msg.length < 120, `message of ${msg.length} characters`);
  await typeInto(gamma, '1e300');
  assert.equal((await page.locator('#lesson-1d .error[data-for="gamma"]').textContent()).trim(),
    'γ (learning rate) must be a number in (0, 10000] (got 1e300)');
  await gamma.fill('a'.repeat(100_000));
  await gamma.press('Tab');
  assert.match(await page.locator('#lesson-1d .error[data-for="gamma"]').textContent(), /got "a{39}…"\)$/);
  assertClean(page);
});

test('the neuron: every hidden layer trains, from the form and from a link', async () => {
  let tried = 0;
  const page = await lab.open('lesson=neuron&seed=1&ngate=xor');
  const l = page.locator('#lesson-neuron');
  const choices = (await tableOf(page, 'neuron')).find((r) => r.key === 'nhidden').choices.map((c) => c.value).filter((v) => v !== '0');
  assert.deepEqual(choices, ['2', '3', '4', '5', '6', '7', '8']);
  for (const h of choices) {
    // From the single neuron with the notebook's weights, as the page opens.
    await l.locator('select[name="nhidden"]').selectOption('0');
    await l.locator('select[name="ninit"]').selectOption('notebook');
    assert.equal((await l.locator('[data-out="notice"]').textContent()).trim(), '');
    await l.locator('select[name="nhidden"]').selectOption(h);
    assert.equal(await l.getAttribute('data-hidden'), h, `the trainer has ${h} hidden units`);
    assert.equal(await l.locator('select[name="ninit"]').inputValue(), 'seeded');
    assert.match(await l.locator('[data-out="notice"]').textContent(), /seeded/);
    await l.locator('.train-bar [data-action="epoch"]').click();
    assert.match(await l.locator('[data-out="progress-text"]').textContent(), /^epoch 1 \//);
    tried++;
  }
  assertClean(page);
  for (const h of choices) {
    const linked = await lab.open(`lesson=neuron&seed=1&ngate=xor&nepochs=3000&nhidden=${h}`);
    const ll = linked.locator('#lesson-neuron');
    assert.equal(await ll.getAttribute('data-hidden'), h);
    assert.match(await ll.locator('[data-out="notice"]').textContent(), /seeded/);
    assert.match(await linked.evaluate(() => location.hash), /ninit=seeded/);
    await ll.locator('.train-bar [data-action="train"]').click();
    await linked.waitForFunction(() => document.querySelector('#lesson-neuron [data-out="progress"]').dataset.state === 'done', null, { timeout: 60_000 });
    assert.match(await ll.locator('[data-out="status"]').textContent(), /Training finished|Stopped at the maximum/);
    assertClean(linked);
    tried++;
  }
  console.log(`settings e2e: ${tried} hidden-layer trainers trained (form and link)`);
});

test('typing in the custom truth table and pressing Tab keeps focus and every digit', async () => {
  const page = await lab.open('lesson=neuron&seed=1');
  const l = page.locator('#lesson-neuron');
  await l.locator('select[name="ngate"]').selectOption('custom');
  await l.locator('input[name="t0"]').click();
  await page.keyboard.press('Control+A');
  for (const key of ['0', 'Tab', '1', 'Tab', '1', 'Tab', '0']) await page.keyboard.press(key);
  await page.keyboard.press('Tab');
  const values = await l.locator('tbody [data-out="y"] input').evaluateAll((xs) => xs.map((x) => x.value));
  assert.deepEqual(values, ['0', '1', '1', '0']);
  assert.match(await page.evaluate(() => location.hash), /ntargets=0%2C1%2C1%2C0/);
  assertClean(page);
});
