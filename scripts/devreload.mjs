// Trunk post-build step for `trunk serve`: moves Trunk's live-reload client out of the page
// into a file, so the page's strict Content-Security-Policy (script-src 'self', no inline
// script) allows it and `trunk serve` reloads the page after a rebuild without a console
// error. `trunk build` injects no reload client, so release builds are left as they are.
//
// Usage: node scripts/devreload.mjs DIR   (Trunk passes its staging directory)
//
// The client's address and base path are placeholders that `trunk serve` fills in HTML
// responses only; in the file they become the page's own host and the folder of the file
// (the site's root, where `trunk serve` answers on `.well-known/trunk/ws`).

import fs from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? 'dist');
const page = path.join(root, 'index.html');
const FILE = 'trunk-reload.js';
/** An inline script (Trunk's client holds markup in strings, so anything but its end tag). */
const INLINE = /<script(?:\s+nonce="[^"]*")?>((?:(?!<\/script>)[\s\S])*?\.well-known\/trunk\/ws(?:(?!<\/script>)[\s\S])*)<\/script>/;

const html = await fs.readFile(page, 'utf8');
const found = INLINE.exec(html);
if (found) {
  const client = found[1]
    .replace("'{{__TRUNK_ADDRESS__}}'", 'window.location.host')
    .replace("'{{__TRUNK_WS_BASE__}}'", `new URL('./', document.currentScript.src).pathname`);
  if (client.includes('{{__TRUNK_ADDRESS__}}') || client.includes('{{__TRUNK_WS_BASE__}}')) {
    throw new Error(`devreload: this Trunk's reload client has placeholders this step does not know`);
  }
  await fs.writeFile(path.join(root, FILE), client);
  await fs.writeFile(page, html.replace(found[0], `<script src="${FILE}"></script>`));
  console.log(`devreload: the live-reload client is ${FILE}, allowed by the page's CSP`);
}
