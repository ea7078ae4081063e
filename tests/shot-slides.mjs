// Screenshots of the example deck (www/examples/slides.html), every slide, in reveal.js's white
// and black themes at 1280×720 and 1920×1080, served as the slides test serves it (another
// origin, reveal.js from node_modules): node tests/shot-slides.mjs OUT_DIR
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist, launchBrowser } from './e2e/harness.mjs';

const out = process.argv[2] ?? 'shots';
await fs.mkdir(out, { recursive: true });
const DIST = new URL('../dist/', import.meta.url);
// reveal.js as npm installs it for the tests (tests/package.json).
const REVEAL = fileURLToPath(new URL('node_modules/reveal.js', import.meta.url));
const CDN = 'https://cdn.jsdelivr.net/npm/reveal.js@6.0.2/dist/';
const site = await serveDist({ cors: true });
const pages = {};
const deck = await serveDist({ pages });
const origin = new URL(deck.url).origin;
pages['/deck/slides.html'] = (await fs.readFile(new URL('examples/slides.html', DIST), 'utf8'))
  .replaceAll(CDN, '/reveal/').replaceAll(' https://cdn.jsdelivr.net', '')
  .replaceAll("'self'", `'self' ${new URL(site.url).origin}`)
  .replaceAll('src="../descent-lab.js"', `src="${site.url}descent-lab.js"`)
  .replaceAll('src="../?embed&amp;', `src="${site.url}?embed&amp;origins=${encodeURIComponent(origin)}&amp;`);
for (const f of ['slides.js', 'slides.css']) pages[`/deck/${f}`] = await fs.readFile(new URL(`examples/${f}`, DIST));
for (const f of ['reveal.js', 'reveal.css', 'theme/white.css', 'theme/black.css']) pages[`/reveal/${f}`] = await fs.readFile(path.join(REVEAL, 'dist', f));

const browser = await launchBrowser();
for (const [w, h] of [[1280, 720], [1920, 1080]]) {
  for (const theme of ['white', 'black']) {
    const page = await browser.newPage({ viewport: { width: w, height: h } });
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.error(`${w}x${h} ${theme} console ${m.type()}:`, m.text()); });
    page.on('pageerror', (e) => console.error('pageerror:', e.message));
    await page.goto(`${deck.url}deck/slides.html?transition=none&theme=${theme}#/title`);
    await page.waitForFunction(() => window.Reveal?.isReady?.());
    await page.waitForTimeout(2500);
    const ids = await page.evaluate(() => [...document.querySelectorAll('.slides > section')].map((s) => s.id));
    for (const [i, id] of ids.entries()) {
      await page.evaluate((i) => Reveal.slide(i), i);
      await page.waitForTimeout(900);
      const file = path.join(out, `${w}x${h}-${theme}-${i}-${id}.png`);
      await page.screenshot({ path: file });
      console.log(file);
    }
    await page.close();
  }
}
await browser.close();
await site.close();
await deck.close();
