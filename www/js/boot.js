// The page's first script: starts loading and compiling the wasm while the browser is still
// fetching the rest of the page's modules (main.js runs only once all of them are in).
// main.js awaits the same load and reports any failure.

import { loadWasm } from './embed/wasm.js';

loadWasm().catch(() => {});
