import { setup } from './harness.mjs';
const lab = await setup();
const SET = '0.1,0.2,0;0.3,0.1,0;0.2,0.4,0;0.8,0.9,1;0.9,0.7,1;0.7,1,1;1.4,0.3,1;-0.3,1.1,0';
for (const [w, h, name] of [[1280, 800, 'desktop'], [360, 740, 'phone']]) {
  const page = await lab.open(`lesson=neuron&seed=1&ngate=points&ndata=${SET}`, { width: w, height: h });
  await page.locator('#lesson-neuron .train-bar [data-action="train"]').click();
  await page.waitForFunction(() => document.getElementById('lesson-neuron').dataset.training === 'done', null, { timeout: 30000 });
  await page.screenshot({ path: `/tmp/owndata/${name}.png`, fullPage: false });
  await page.locator('#lesson-neuron canvas[data-role="square"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `/tmp/owndata/${name}-square.png` });
}
await lab.close();
