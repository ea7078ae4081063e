// Starts the wasm module once per page, for the page itself and for every <descent-lab>:
// imports the wasm-bindgen glue next to the site's index.html and instantiates the wasm.

import { has, t, textsReady } from '../i18n.js';

/** The built site's root (where index.html, descent-web.js and style.css live). */
export const SITE = new URL('../../', import.meta.url);

/** How long a load may take before the page says it is still waiting, in ms. */
export const SLOW_MS = 4000;

/** Least time between two updates of the loading line's percentage, in ms. */
const PROGRESS_MS = 100;

let started = null;
/** The compiled WebAssembly.Module, which the page's workers instantiate too. */
let compiled = null;

/** The wasm's bytes received so far and in all (0: not known) while it downloads. */
const download = { loaded: 0, total: 0 };
/** Called with `download` as bytes arrive. */
const watchers = new Set();

/**
 * The wasm's size in bytes: as the release build's preload link declares it (a compressed
 * response's length is not the size of its body), else an uncompressed response's length;
 * 0 when neither is known (a host page of <descent-lab> has no preload link).
 */
function expectedBytes(response) {
  const declared = Number(document.querySelector('link[rel="preload"][href$=".wasm"]')?.dataset.bytes);
  if (declared > 0) return declared;
  const length = Number(response.headers.get('content-length'));
  return length > 0 && !response.headers.get('content-encoding') ? length : 0;
}

/**
 * Counts the bytes of a copy of `response`'s body as they arrive, for the loading line. The
 * copy is taken at once (before the compiler reads the body); a failure here only loses the
 * percentage.
 */
async function count(response) {
  download.total = expectedBytes(response);
  if (!download.total || !response.body) return;
  const reader = response.clone().body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    download.loaded += value.byteLength;
    for (const watch of watchers) watch(download);
  }
}

/**
 * Fetches and compiles the wasm, streaming where the server sends application/wasm (the
 * glue's own rule), from the bytes otherwise.
 */
async function compile(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  count(response).catch(() => {});
  if (WebAssembly.compileStreaming && response.headers.get('content-type')?.startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

/**
 * An Error saying which part of the lab could not load (the catalogue text `id`, worded when
 * shown: the catalogue may still be on its way) and the browser's reason.
 */
function failure(id, err) {
  const why = err?.message ?? String(err);
  const error = new Error(t(id, { why }));
  error.textId = id;
  error.why = why;
  return error;
}

/**
 * Resolves with the wasm bindings (the glue's exports), loading them on the first call; every
 * later call shares the same instance. Rejects with an Error whose message says what failed
 * (the glue or the wasm file missing, a wrong MIME type, a Content-Security-Policy refusal).
 */
export function loadWasm() {
  started ??= (async () => {
    let glue;
    try {
      glue = await import(new URL('descent-web.js', SITE).href);
    } catch (err) {
      throw failure('page.failed.glue', err);
    }
    try {
      compiled = await compile(new URL('descent-web_bg.wasm', SITE));
      await glue.default({ module_or_path: compiled });
    } catch (err) {
      throw failure('page.failed.module', err);
    }
    // Tests and the benchmark reach the bindings here, as they did under Trunk's loader.
    window.wasmBindings = glue;
    return glue;
  })();
  return started;
}

/** The compiled wasm module, once {@link loadWasm} has resolved (else null). */
export function wasmModule() {
  return compiled;
}

/**
 * Shows the state of the load in `box` (the "Loading the lab…" line): the share of the wasm
 * received, where its size is known; after SLOW_MS a note that the page is still waiting; on
 * failure a clear message with what to check. Resolves with the bindings or rejects (after
 * showing the message).
 */
export async function loadWasmInto(box) {
  let waited = false;
  let shown = -Infinity;
  const show = () => {
    // Until the catalogue is in, the line keeps the words of the markup.
    if (!box?.isConnected || !download.total || !has('page.loadingpct')) return;
    const pct = Math.min(99, Math.floor((100 * download.loaded) / download.total));
    box.textContent = t(waited ? 'page.slowpct' : 'page.loadingpct', { pct });
  };
  const watch = () => {
    if (performance.now() - shown < PROGRESS_MS) return;
    shown = performance.now();
    show();
  };
  watchers.add(watch);
  const slow = setTimeout(() => {
    waited = true;
    if (box?.isConnected) box.textContent = t('page.slow');
    show();
  }, SLOW_MS);
  try {
    return await loadWasm();
  } catch (err) {
    if (box) {
      // The words of the message come from the catalogue, which may still be on its way.
      await textsReady();
      box.classList.add('error');
      box.setAttribute('role', 'alert');
      if (err.textId) err.message = t(err.textId, { why: err.why });
      box.textContent = t('page.failed.wasm', { why: err.message });
    }
    throw err;
  } finally {
    clearTimeout(slow);
    watchers.delete(watch);
  }
}
