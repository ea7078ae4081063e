// Takes a screenshot of the built page: node tests/shot.mjs '<hash>' out.png [width] [height]
import { serveDist, launchBrowser } from './e2e/harness.mjs';

const [hash = '', out = 'shot.png', width = '1100', height = '1000'] = process.argv.slice(2);
const server = await serveDist();
const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
page.on('console', (m) => { if (m.type() === 'error') console.error('console:', m.text()); });
page.on('pageerror', (e) => console.error('pageerror:', e.message));
await page.goto(`${server.url}#${hash}`);
await page.waitForSelector('#loading', { state: 'detached' });
await page.waitForTimeout(300);
await page.screenshot({ path: out, fullPage: true });
await browser.close();
await server.close();
