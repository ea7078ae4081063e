// Page figures of the release build: gzipped size of every shipped file, time to the
// first drawn frame, and frame times while playing lesson 2 and a race.

import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';

/** {file, raw, gzip} for every file under `dir` (gzip at level 9). */
export async function sizes(dir, prefix = '') {
  const rows = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) { if (!entry.name.startsWith('.')) rows.push(...await sizes(p, `${prefix}${entry.name}/`)); continue; }
    const body = await fs.readFile(p);
    rows.push({ file: prefix + entry.name, raw: body.length, gzip: zlib.gzipSync(body, { level: 9 }).length });
  }
  return rows;
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p99: at(0.99), max: s[s.length - 1], min: s[0], frames: s.length };
};

/** Frame intervals (requestAnimationFrame deltas) for `seconds` while lesson 2 plays. */
async function playback(browser, url, hash, speed, seconds) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${url}#${hash}`);
  await page.waitForSelector('#loading', { state: 'detached' });
  const section = page.locator('#lesson-2d');
  await section.locator('table.runs tbody tr').first().waitFor();
  await section.getByRole('combobox', { name: 'steps per second' }).selectOption(String(speed));
  await page.evaluate(() => {
    window.frameTimes = [];
    let last = performance.now();
    const tick = (t) => { window.frameTimes.push(t - last); last = t; if (!window.stopFrames) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  await section.locator('[data-role="transport"] [data-action="play"]').click();
  await page.waitForTimeout(seconds * 1000);
  const times = await page.evaluate(() => { window.stopFrames = true; return window.frameTimes.slice(2); });
  await context.close();
  return stats(times);
}

/** First drawn frame over 7 loads, and frame times while playing two scenarios. */
export async function pageFigures(browser, url) {
  const firsts = [];
  for (let i = 0; i < 7; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${url}#seed=1`);
    await page.waitForFunction(() => performance.getEntriesByName('descent:first-frame').length > 0);
    firsts.push(await page.evaluate(() => performance.getEntriesByName('descent:first-frame')[0].startTime));
    await context.close();
  }
  const first = stats(firsts);
  return {
    firstFrame: { median: first.median, min: first.min, max: first.max, loads: firsts.length },
    playback: {
      lesson2: await playback(browser, url, 'lesson=2d&seed=1', 25, 4),
      race: await playback(browser, url, 'lesson=2d&seed=1&race=gd,momentum,adam&steps2=5000&n2=4&multi2=1', 100, 5),
    },
  };
}
