// End-to-end tests of the core's error messages in Spanish: a typed function that does not
// parse is explained in Spanish under the input, with the caret at its column, in lesson 1
// and lesson 2; a link's bad function falls back with its Spanish reason; a budget refusal
// names its factors in Spanish, with no English word left; the derivative lab's numbers
// take the page's decimal comma.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertClean, typeInto, prefers } from './harness.mjs';

let lab;
before(async () => { lab = await setup(); });
after(async () => { await lab?.close(); });

const section = (page, lesson) => page.locator(`#lesson-${lesson}`);
const ready = (page, lesson) => page.waitForFunction((l) => /\d+ \/ \d+/.test(document.querySelector(`#lesson-${l} [data-out="counter"]`)?.textContent ?? ''), lesson);

/** Types `text` as lesson `lesson`'s function; gives the message under it and the caret's column. */
async function typed(page, lesson, text) {
  const input = section(page, lesson).locator('input[name="f"]');
  await typeInto(input, text);
  const msg = section(page, lesson).locator('.error[data-for="f"]');
  await page.waitForFunction((l) => document.querySelector(`#lesson-${l} .error[data-for="f"]`).textContent.trim() !== '', lesson);
  return {
    message: (await msg.textContent()).trim(),
    column: (await input.evaluate((el) => el.selectionStart)) + 1,
    invalid: await input.getAttribute('aria-invalid'),
  };
}

/** Words of the English messages that a Spanish one has no use for. */
const ENGLISH = /\b(unexpected|column|missing|unknown|variables? (is|are)|needs|argument|number|write|product|expected|and|grid|basin|cells|levels|rows|parameters|steps|starts|exceeds|budget|lower|descent)\b/;

test('lesson 1 in Spanish: a bad function is explained in Spanish, with the caret at its column', async () => {
  const page = await lab.open('lang=es&seed=3');
  await ready(page, '1d');
  for (const [text, message, column] of [
    ['x^^2', "'^' inesperado en la columna 3", 3],
    ['x + $', "carácter inesperado '$' en la columna 5", 5],
    ['(x - 1', "falta ')' para el '(' de la columna 1", 7],
    ['x + z', "nombre desconocido 'z': la variable es x", 5],
    ['sqrt(x, x)', 'sqrt necesita un argumento', 1],
  ]) {
    const got = await typed(page, '1d', text);
    assert.deepEqual(got, { message, column, invalid: 'true' }, text);
    assert.doesNotMatch(got.message, ENGLISH, got.message);
  }
  assertClean(page);
});

test('lesson 2 in Spanish: the variables are "x e y", and a product is suggested in Spanish', async () => {
  const page = await lab.open('lesson=2d&lang=es&seed=3');
  await ready(page, '2d');
  for (const [text, message, column] of [
    ['x + z', "nombre desconocido 'z': las variables son x e y", 5],
    ['2 + xy', "nombre desconocido 'xy': las variables son x e y (escriba x*y para un producto)", 5],
    ['max(x)', 'max necesita dos argumentos', 1],
    ['x +', "final inesperado en la columna 4: se esperaba un número, una variable o '('", 4],
  ]) {
    const got = await typed(page, '2d', text);
    assert.deepEqual(got, { message, column, invalid: 'true' }, text);
    assert.doesNotMatch(got.message, ENGLISH, got.message);
  }
  assertClean(page);
});

test("a link's function that does not parse gives way to the notebook's, saying why in its language", async () => {
  for (const [lang, reason] of [['es', /^'\^' inesperado en la columna 3\. La lección usa en su lugar la función del cuaderno\.$/], ['en', /^unexpected '\^' at column 3\. The lesson uses the notebook's function instead\.$/]]) {
    const page = await lab.open(`lesson=2d&lang=${lang}&seed=3&fn2=x%5E%5E2`);
    await ready(page, '2d');
    const notice = (await section(page, '2d').locator('[data-out="notice"]').textContent()).trim();
    assert.match(notice, reason, notice);
    assert.equal((await section(page, '2d').locator('.error[data-for="f"]').textContent()).trim(), '', 'the notebook function runs, so no error under it');
    assert.equal(await section(page, '2d').locator('input[name="f"]').inputValue(), 'x**4 + y**4 - 2*(x-y)**2', 'the input shows the function that runs');
    await section(page, '2d').locator('[data-out="mathml"] math').waitFor();
    assertClean(page);
  }
});

test('a basin map over its budget names its factors in Spanish', async () => {
  const page = await lab.open('lesson=2d&lang=es&seed=3&bsteps=100000');
  await section(page, '2d').locator('table.runs tbody tr').first().waitFor();
  await section(page, '2d').locator('select[name="basin-n"]').selectOption('256');
  await section(page, '2d').getByRole('button', { name: 'mapa de cuencas', exact: true }).click();
  const out = section(page, '2d').locator('[data-out="basin"]');
  await page.waitForFunction(() => /supera el presupuesto/.test(document.querySelector('#lesson-2d [data-out="basin"]').textContent));
  const said = (await out.textContent()).trim();
  assert.match(said, /^rejilla de cuencas × pasos del mapa de cuencas = 256 × 100000 = \d+ pasos de descenso por fila supera el presupuesto de 400000 pasos de descenso por fila \(.*\): reduzca rejilla de cuencas o pasos del mapa de cuencas/, said);
  assert.doesNotMatch(said, ENGLISH, said);
  assertClean(page);
});

test("the derivative lab's numbers in Spanish have the page's decimal comma", async () => {
  const page = await lab.open('lang=es&seed=3&f=exp%28x%29&x0=1&mode=exact', { init: prefers(['es-ES', 'es']) });
  const panel = section(page, '1d').locator('[data-role="difflab"]');
  await page.waitForFunction(() => document.querySelector('#lesson-1d [data-role="difflab"] canvas').dataset.best);
  assert.equal((await panel.locator('[data-out="h"]').textContent()).trim(), '1,0e-3');
  const said = await panel.locator('[data-out="lab"]').textContent();
  assert.match(said, /Con h = 1,0e-3: error hacia adelante 1,4e-3, error central 4,5e-7/, said);
  assert.doesNotMatch(said, /\d\.\d/, said);
  assertClean(page);
});
