// The page's pool of Web Workers: one per core (or the `workers` page setting), each with
// the wasm module the page compiled, so long computations run beside the page's thread,
// which stays free for drawing. Where workers cannot start, callers compute on the page's
// thread in slices, and the page says so once.

import { SITE, wasmModule } from './embed/wasm.js';
import { t } from './i18n.js';

/** Most workers a page starts, whatever the setting or the core count. */
const MAX_WORKERS = 8;

/**
 * How many workers `setting` (the page's `workers` value) asks for: `auto` is one per
 * core as the browser reports them; 0 means the page's own thread.
 */
export function workerCount(setting) {
  if (setting === undefined || setting === '' || setting === 'auto') {
    return Math.max(1, Math.min(MAX_WORKERS, navigator.hardwareConcurrency || 1));
  }
  return Math.max(0, Math.min(MAX_WORKERS, Number(setting) || 0));
}

/** A worker of the site's worker.js; a page of another origin (a host of <descent-lab>) loads it through a blob. */
function spawn() {
  const url = new URL('js/worker.js', SITE);
  if (url.origin === location.origin) return new Worker(url, { type: 'module' });
  const boot = URL.createObjectURL(new Blob([`import ${JSON.stringify(url.href)};`], { type: 'text/javascript' }));
  return new Worker(boot, { type: 'module' });
}

/** Workers that answer numbered requests; `ready` resolves once every one has the wasm. */
class Pool {
  constructor(size) {
    this.size = size;
    this.pending = new Map();
    this.next = 0;
    this.workers = [];
    this.ready = Promise.all(Array.from({ length: size }, () => this.start()));
  }

  /** Starts one worker; resolves when its wasm is instantiated, rejects if it cannot start. */
  start() {
    return new Promise((resolve, reject) => {
      const worker = spawn();
      const failed = (why) => {
        worker.terminate();
        this.broken = why;
        reject(new Error(why));
        for (const p of this.pending.values()) p.reject(new Error(why));
        this.pending.clear();
      };
      worker.onerror = (ev) => { ev.preventDefault?.(); failed(ev.message || t('workers.nostart')); };
      worker.onmessage = (ev) => {
        const m = ev.data;
        if (m.type === 'ready') { this.workers.push(worker); resolve(); return; }
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (m.type === 'tile') p?.resolve(m.data);
        else if (m.type === 'error') (p ? p.reject(new Error(m.message)) : failed(m.message));
      };
      worker.postMessage({ type: 'init', module: wasmModule(), site: SITE.href });
    });
  }

  /** Sends `message` to worker `k`; resolves with its answer. */
  request(k, message) {
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      if (this.broken) { reject(new Error(this.broken)); return; }
      this.pending.set(id, { resolve, reject });
      this.workers[k].postMessage({ ...message, id });
    });
  }

  /** Tells every worker that job `job` is over. */
  drop(job) {
    for (const w of this.workers) w.postMessage({ type: 'drop', job });
  }
}

let pool = null;

/**
 * The pool of `size` workers, started on first use (a new size replaces it); resolves once
 * they are ready, or rejects with why they cannot run here.
 */
export async function workerPool(size) {
  if (pool?.size !== size) {
    for (const w of pool?.workers ?? []) w.terminate();
    try {
      pool = new Pool(size);
    } catch (err) {
      pool = null;
      throw err;
    }
  }
  const mine = pool;
  try {
    await mine.ready;
  } catch (err) {
    for (const w of mine.workers) w.terminate();
    if (pool === mine) pool = null;
    throw err;
  }
  return mine;
}
