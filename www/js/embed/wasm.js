// Starts the wasm module once per page, for the page itself and for every <descent-lab>:
// imports the wasm-bindgen glue next to the site's index.html and instantiates the wasm.

import { t, textsReady } from '../i18n.js';

/** The built site's root (where index.html, descent-web.js and style.css live). */
export const SITE = new URL('../../', import.meta.url);

/** How long a load may take before the page says it is still waiting, in ms. */
export const SLOW_MS = 4000;

let started = null;
/** The compiled WebAssembly.Module, which the page's workers instantiate too. */
let compiled = null;

/**
 * Fetches and compiles the wasm, streaming where the server sends application/wasm (the
 * glue's own rule), from the bytes otherwise.
 */
async function compile(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
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
 * Shows the state of the load in `box` (the "Loading the lab…" line): after SLOW_MS a note
 * that the page is still waiting; on failure a clear message with what to check. Resolves
 * with the bindings or rejects (after showing the message).
 */
export async function loadWasmInto(box) {
  const slow = setTimeout(() => {
    if (box?.isConnected) box.textContent = t('page.slow');
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
  }
}
