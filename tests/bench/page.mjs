// Page figures of the release build: gzipped size of every shipped file, time to the
// first drawn frame, and frame intervals and script work per frame while playing lesson 2
// and a race.

import { sizes } from '../../scripts/sizes.mjs';

export { sizes };

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), p99: at(0.99), max: s[s.length - 1], min: s[0], frames: s.length };
};

/**
 * Wraps requestAnimationFrame so that the time spent in every callback of a frame is summed
 * while `window.frameWork` is a Map (frame timestamp → ms of script work in that frame).
 */
function recordFrameWork() {
  const raf = window.requestAnimationFrame.bind(window);
  window.frameWork = null;
  window.requestAnimationFrame = (cb) => raf((t) => {
    const t0 = performance.now();
    try {
      cb(t);
    } finally {
      const w = window.frameWork;
      if (w) w.set(t, (w.get(t) ?? 0) + performance.now() - t0);
    }
  });
}

/**
 * While lesson 2 plays for `seconds`: the frame intervals (requestAnimationFrame deltas,
 * which sit at the display's vsync while no frame is dropped), the script work per frame
 * (every animation-frame callback of that frame, summed), and the frames Chromium reports as
 * long animation frames (over 50 ms, rendering included).
 */
async function playback(browser, url, hash, speed, seconds) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(recordFrameWork);
  const page = await context.newPage();
  await page.goto(`${url}#${hash}`);
  await page.waitForSelector('#loading', { state: 'detached' });
  const section = page.locator('#lesson-2d');
  await section.locator('table.runs tbody tr').first().waitFor();
  await section.getByRole('combobox', { name: 'steps per second' }).selectOption(String(speed));
  await page.evaluate(() => {
    window.frameTimes = [];
    window.longFrames = 0;
    if (PerformanceObserver.supportedEntryTypes?.includes('long-animation-frame')) {
      new PerformanceObserver((list) => { window.longFrames += list.getEntries().length; })
        .observe({ type: 'long-animation-frame' });
    }
    let last = performance.now();
    const tick = (t) => { window.frameTimes.push(t - last); last = t; if (!window.stopFrames) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  await section.locator('[data-role="transport"] [data-action="play"]').click();
  await page.evaluate(() => { window.frameWork = new Map(); });
  await page.waitForTimeout(seconds * 1000);
  const got = await page.evaluate(() => {
    window.stopFrames = true;
    const work = [...window.frameWork.values()];
    window.frameWork = null;
    return { times: window.frameTimes.slice(2), work, longFrames: window.longFrames };
  });
  await context.close();
  const intervals = stats(got.times);
  const vsync = intervals.median;
  return {
    ...intervals,
    dropped: got.times.filter((t) => t > 1.5 * vsync).length,
    work: stats(got.work),
    longFrames: got.longFrames,
  };
}

/**
 * A basin map of the shipped page, 256² × 300 steps, with `workers` (the page setting):
 * the time from the click to the summary, and the page thread's longest task meanwhile
 * (Long Tasks API: tasks over 50 ms; 0 when there was none).
 */
async function basinOnPage(browser, url, link, workers) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${url}#lesson=2d&seed=1&bsteps=300&${link}&workers=${workers}`);
  await page.waitForSelector('#loading', { state: 'detached' });
  const section = page.locator('#lesson-2d');
  await section.locator('select[name="basin-n"]').selectOption('256');
  const once = () => page.evaluate(() => new Promise((resolve) => {
    let longest = 0;
    const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) longest = Math.max(longest, e.duration); });
    observer.observe({ type: 'longtask' });
    const note = document.querySelector('#lesson-2d [data-out="basin"]');
    delete note.dataset.minima;
    const t0 = performance.now();
    new MutationObserver((_, mo) => {
      if (note.dataset.minima === undefined) return;
      mo.disconnect();
      const ms = performance.now() - t0;
      setTimeout(() => { observer.disconnect(); resolve({ ms, longest }); }, 100);
    }).observe(note, { attributes: true });
    document.querySelector('#lesson-2d [data-action="basin"]').click();
  }));
  await once(); // the pool starts and compiles its first map
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await once());
  await context.close();
  return { ms: stats(runs.map((r) => r.ms)).median, longest: Math.max(...runs.map((r) => r.longest)) };
}

/**
 * The race of 6 optimizers × 1000 starts × 1000 steps from a link, with `workers`: the
 * median ms from a new seed in the link to the race's table, over 3 seeds (the first race,
 * which also starts the pool, is not timed).
 */
async function raceOnPage(browser, url, workers) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${url}#lesson=2d&seed=1&n2=1000&multi2=1&steps2=1000&race=gd,momentum,nesterov,adagrad,rmsprop,adam&workers=${workers}`);
  await page.waitForFunction(() => /Best:/.test(document.querySelector('#lesson-2d [data-out="status"]')?.textContent ?? '')
    && !document.querySelector('#lesson-2d').dataset.working, null, { timeout: 300_000 });
  const once = (seed) => page.evaluate((s) => new Promise((resolve) => {
    const section = document.querySelector('#lesson-2d');
    const status = section.querySelector('[data-out="status"]');
    const before = status.textContent;
    const t0 = performance.now();
    const check = () => {
      if (status.textContent !== before && /Best:/.test(status.textContent) && !section.dataset.working) resolve(performance.now() - t0);
      else setTimeout(check, 1);
    };
    location.hash = location.hash.replace(/seed=\d+/, `seed=${s}`);
    check();
  }), seed);
  const runs = [];
  for (const seed of [2, 3, 4]) runs.push(await once(seed));
  await context.close();
  return stats(runs).median;
}

/** Basin maps of GD and Adam on the page's thread, 1 worker and every core's worker. */
export async function basinWorkers(browser, url) {
  const cores = (await (async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const n = await page.evaluate(() => navigator.hardwareConcurrency);
    await context.close();
    return n;
  })());
  const out = { cores };
  for (const [name, link] of [['gd', 'opt=gd&gamma2=0.01&mode=exact'], ['adam', 'opt=adam&adam.lr=0.05']]) {
    out[name] = {};
    for (const workers of ['0', '1', 'auto']) out[name][workers] = await basinOnPage(browser, url, link, workers);
  }
  out.race = {};
  for (const workers of ['0', '1', 'auto']) out.race[workers] = await raceOnPage(browser, url, workers);
  return out;
}

/** Lighthouse's mobile profile: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, CPU 4× slower. */
const MOBILE = { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8, cpu: 4 };

/**
 * The first drawn frame of lesson 1 under the mobile profile (Chromium's network and CPU
 * emulation), over `loads` cold loads of a gzip-serving `url`: the median time, and the
 * bytes that crossed the wire before it, by file.
 */
export async function mobileFirstFrame(browser, url, loads = 3) {
  const times = [];
  let files = [];
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: MOBILE.latency, downloadThroughput: MOBILE.downloadThroughput, uploadThroughput: MOBILE.uploadThroughput });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: MOBILE.cpu });
    await page.goto(`${url}#seed=1`, { timeout: 120_000 });
    await page.waitForFunction(() => performance.getEntriesByName('descent:first-frame').length > 0, null, { timeout: 120_000 });
    const got = await page.evaluate(() => {
      const first = performance.getEntriesByName('descent:first-frame')[0].startTime;
      const nav = performance.getEntriesByType('navigation')[0];
      const before = performance.getEntriesByType('resource').filter((r) => r.responseEnd <= first)
        .map((r) => ({ file: new URL(r.name).pathname.replace(/^\//, ''), bytes: r.transferSize }));
      return { first, files: [{ file: 'index.html', bytes: nav.transferSize }, ...before] };
    });
    times.push(got.first);
    files = got.files;
    await context.close();
  }
  const s = stats(times);
  return { median: s.median, min: s.min, max: s.max, loads, bytes: files.reduce((a, f) => a + f.bytes, 0), files };
}

/** First drawn frame over 7 loads, and frame times while playing two scenarios. */
export async function pageFigures(browser, url, gzipUrl) {
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
    basinWorkers: await basinWorkers(browser, url),
    mobileFirstFrame: await mobileFirstFrame(browser, gzipUrl),
  };
}
