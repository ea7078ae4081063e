// End-to-end tests of the 2-D lesson's optimizer hyperparameters: their inputs come from the
// settings table (only the chosen optimizer's), typed values reach the run and survive a link
// to a fresh page, each raced optimizer runs with its own values, and bad values are refused
// under the input typed into.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertClean, typeInto } from './harness.mjs';

let lab;
before(async () => { lab = await setup(); });
after(async () => { await lab?.close(); });

const lesson = (page) => page.locator('#lesson-2d');
const input = (page, key) => lesson(page).locator(`input[name="${key}"]`);
const errorOf = async (page, key) => (await lesson(page).locator(`.error[data-for="${key}"]`).textContent()).trim();
/** The best run and its end value as the status line reports them. */
const best = async (page) => (await lesson(page).locator('[data-out="status"]').textContent()).split('Best:')[1]?.trim();
/** Every run's row of the table: optimizer, start, end, f(end), steps, status. */
const table = async (page) => (await lesson(page).locator('table.runs tbody').textContent()).trim();
const ADAM = ['adam.lr', 'adam.beta1', 'adam.beta2', 'adam.eps', 'adam.amsgrad'];

async function open(hash = '') {
  const page = await lab.open(`lesson=2d&seed=3${hash ? `&${hash}` : ''}`);
  await lesson(page).locator('table.runs tbody tr').first().waitFor();
  return page;
}

/** The names of the hyperparameter inputs on screen. */
async function shownParams(page) {
  return lesson(page).locator('[data-role="params"] input').evaluateAll((els) => els.map((e) => e.name));
}

/** Opens the page's link fresh: the same inputs, the same runs and end points, no notice. */
async function sameInFreshPage(page, values) {
  const hash = (await page.evaluate(() => location.hash)).slice(1);
  const fresh = await lab.open(hash);
  await lesson(fresh).locator('table.runs tbody tr').first().waitFor();
  assert.equal((await fresh.locator('#state-errors').textContent()).trim(), '', hash);
  assert.equal((await lesson(fresh).locator('[data-out="notice"]').textContent()).trim(), '', hash);
  for (const [key, text] of Object.entries(values)) {
    assert.equal(Number(await input(fresh, key).inputValue()), Number(text), `${key} from ${hash}`);
  }
  assert.equal(await table(fresh), await table(page), `the same runs from ${hash}`);
  assert.ok(await best(page), 'the status reports the best run');
  assert.equal(await best(fresh), await best(page), `the same best end point from ${hash}`);
  assertClean(fresh);
  return hash;
}

test("Adam's β₁ and ε typed into the form (range bounds included) survive the link", async () => {
  const page = await open();
  assert.deepEqual(await shownParams(page), ['gamma2'], 'gradient descent shows only γ');
  await lesson(page).locator('select[name="opt"]').selectOption('adam');
  assert.deepEqual(await shownParams(page), ADAM, "only Adam's inputs are shown");
  assert.equal(await input(page, 'adam.beta1').inputValue(), '0.9', 'the default from the table');
  assert.equal(await input(page, 'adam.eps').inputValue(), '1e-8');
  let tried = 0;
  let before = await table(page);
  // β₁ = 0 and ε = 1 are the ends of their ranges that are allowed.
  for (const values of [
    { 'adam.lr': '0.05', 'adam.beta1': '0', 'adam.eps': '1' },
    { 'adam.beta1': '0.999999', 'adam.eps': '1e-12' },
    { 'adam.beta1': '0.5', 'adam.eps': '0.001', 'adam.beta2': '0' },
  ]) {
    for (const [key, text] of Object.entries(values)) {
      await typeInto(input(page, key), text);
      assert.equal(await errorOf(page, key), '', `${key} = ${text} is accepted`);
    }
    const now = await table(page);
    assert.notEqual(now, before, `the runs follow ${JSON.stringify(values)}`);
    before = now;
    const hash = await sameInFreshPage(page, values);
    for (const [key, text] of Object.entries(values)) {
      assert.match(hash, new RegExp(`${key.replace('.', '\\.')}=${text.replace('.', '\\.')}(&|$)`), hash);
    }
    tried += Object.keys(values).length;
  }
  // Another optimizer shows its own inputs; coming back keeps what was typed for Adam.
  await lesson(page).locator('select[name="opt"]').selectOption('momentum');
  assert.deepEqual(await shownParams(page), ['gamma2', 'momentum.mu', 'momentum.damp']);
  await lesson(page).locator('select[name="opt"]').selectOption('adam');
  assert.equal(await input(page, 'adam.beta1').inputValue(), '0.5');
  assertClean(page);
  console.log(`optparams e2e: ${tried} typed hyperparameters survived the link`);
});

test('bad hyperparameters show their message under the input and keep the last runs', async () => {
  const page = await open('opt=adam');
  const runs = await table(page);
  const hash = await page.evaluate(() => location.hash);
  const cases = [
    ['adam.beta1', '1', 'β₁ (first-moment decay) must be a number in [0, 1) (got 1)'],
    ['adam.beta1', '-0.1', 'β₁ (first-moment decay) must be a number in [0, 1) (got -0.1)'],
    ['adam.eps', '0', 'ε (epsilon) must be a number in (0, 1] (got 0)'],
    ['adam.eps', 'abc', 'ε (epsilon) must be a number in (0, 1] (got "abc")'],
    ['adam.beta2', '<img src=x onerror="window.__pwned=1">', 'β₂ (second-moment decay) must be a number in [0, 1) (got "<img src=x onerror="window.__pwned=1">")'],
  ];
  for (const [key, text, message] of cases) {
    await typeInto(input(page, key), text);
    assert.equal(await errorOf(page, key), message, `${key} = ${text}`);
    assert.equal(await input(page, key).getAttribute('aria-invalid'), 'true');
    assert.equal(await table(page), runs, 'the last good runs stay');
    assert.equal(await page.evaluate(() => location.hash), hash, 'the link keeps the last good value');
    await typeInto(input(page, key), key === 'adam.eps' ? '1e-8' : '0.9');
    assert.equal(await errorOf(page, key), '');
  }
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assertClean(page);
});

test('a bad hyperparameter in a link falls back to its default with a notice', async () => {
  const page = await open('opt=adam&adam.beta1=1&adam.eps=0.01');
  assert.match((await page.locator('#state-errors').textContent()).trim(), /β₁ \(first-moment decay\) must be a number in \[0, 1\)/);
  assert.equal(await input(page, 'adam.beta1').inputValue(), '0.9');
  assert.equal(await input(page, 'adam.eps').inputValue(), '0.01', 'the valid value is kept');
  assert.ok((await lesson(page).locator('table.runs tbody tr').count()) >= 1, 'the lesson runs');
  assertClean(page);
});

test('in a race each optimizer runs with its own hyperparameters from the link', async () => {
  const race = 'race=gd,momentum,adam&multi2=1';
  const plain = await open(race);
  const tuned = await open(`${race}&adam.beta1=0.5&momentum.mu=0.5`);
  const rows = async (page, name) => lesson(page).locator('table.runs tbody tr').evaluateAll(
    // The optimizer, start, end, f(end), steps and status (the best mark may move).
    (trs, n) => trs.filter((tr) => tr.children[1].textContent.includes(n))
      .map((tr) => [...tr.children].slice(1).map((td) => td.textContent).join(' | ')), name);
  assert.deepEqual(await rows(tuned, 'gd'), await rows(plain, 'gd'), 'gradient descent is unchanged');
  assert.notDeepEqual(await rows(tuned, 'adam'), await rows(plain, 'adam'), 'Adam runs with β₁ = 0.5');
  assert.notDeepEqual(await rows(tuned, 'momentum'), await rows(plain, 'momentum'), 'momentum runs with μ = 0.5');
  await sameInFreshPage(tuned, {});
  assertClean(plain);
  assertClean(tuned);
});

test('AdamW, a rule added by one module, reaches the form, the link, the race, the arithmetic and the docs', async () => {
  const page = await open();
  await lesson(page).locator('select[name="opt"]').selectOption('adamw');
  assert.deepEqual(await shownParams(page),
    ['adamw.lr', 'adamw.beta1', 'adamw.beta2', 'adamw.eps', 'adamw.wd', 'adamw.amsgrad'], "AdamW's inputs");
  assert.equal(await input(page, 'adamw.wd').inputValue(), '0.01', "PyTorch's default weight decay");
  const before = await table(page);
  await typeInto(input(page, 'adamw.lr'), '0.05');
  await typeInto(input(page, 'adamw.wd'), '0.5');
  assert.equal(await errorOf(page, 'adamw.wd'), '');
  assert.notEqual(await table(page), before, 'the runs follow λ');
  const hash = await sameInFreshPage(page, { 'adamw.lr': '0.05', 'adamw.wd': '0.5' });
  assert.match(hash, /(^|&)opt=adamw(&|$)/);
  assert.match(hash, /(^|&)adamw\.wd=0\.5(&|$)/);
  await typeInto(input(page, 'adamw.wd'), '-1');
  assert.equal(await errorOf(page, 'adamw.wd'), 'λ (weight decay) must be a number in [0, 1e6] (got -1)');
  await typeInto(input(page, 'adamw.wd'), '0.5');

  // In a race beside Adam, with the decay line first in its arithmetic.
  const race = await open('race=adam,adamw&multi2=0&starts2=1,-2&adamw.wd=0.5&adamw.lr=0.05');
  assert.deepEqual(
    await lesson(race).locator('table.runs tbody td:nth-child(2)').allTextContents(), ['adam', 'adamw']);
  assert.equal(await lesson(race).locator('input[name="race"][value="adamw"]').isChecked(), true);
  await lesson(race).locator('table.runs tbody tr').nth(1).click();
  await lesson(race).getByRole('button', { name: 'step', exact: true }).click();
  const arith = (await lesson(race).locator('[data-out="arithmetic"]').textContent()).trim();
  assert.match(arith, /^step 1 → 2 \(adamw\)/, arith);
  assert.match(arith, /x̃ = x_1·\(1 − γ·λ\) = \(.*\)·0\.975 = /, arith);
  assert.match(arith, /x_2 = x̃ − γ·m̂_2 \/ \(√v̂_2 \+ ε\) = /, arith);

  // The docs page's settings table lists its rows, from the same registry.
  const docs = await lab.open('', { query: 'docs.html', started: false });
  await docs.getByRole('cell', { name: 'adamw.wd', exact: true }).waitFor();
  assert.equal(await docs.getByRole('cell', { name: 'λ (weight decay)', exact: true }).count(), 1);
  assertClean(page);
  assertClean(race);
  assertClean(docs);
});
