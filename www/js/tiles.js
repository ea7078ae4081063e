// Work in tiles on the worker pool: a handle's rows or starts go out in tiles, two in
// flight per worker; each worker builds its own copy of the handle from the same arguments
// and computes the tiles it is sent; the tiles that come back are taken in order on the
// page's thread, so the result equals one computed on the page's thread, bit for bit.

import { workerCount, workerPool } from './pool.js';
import { t } from './i18n.js';

/** Tiles each worker holds at once (one computing, one waiting). */
const IN_FLIGHT = 2;

let jobs = 0;

/**
 * Sends the `count` units (rows or starts) of handle `h` to `pool`'s workers, `per` a tile;
 * each worker makes the handle with `make` ('basin', 'runs2d' or 'multi1d', see worker.js)
 * from `args`. Returns `{ step, stop }`: `step()` takes the next tile if it has come back
 * (`h.ingestTile`) and returns true when every unit is in, null while it waits (throws if a
 * worker failed); `stop()` drops the job in every worker.
 */
export function tiled(h, { make, args, count, per }, pool, onTile) {
  const job = ++jobs;
  const ready = new Map();
  let sent = 0;
  let taken = 0;
  let failure = null;
  let stopped = false;
  // A worker makes its copy of the handle from its first tile of the job: only that one
  // carries the arguments (a copy of each on every tile cost the page thread ~0.1 ms a tile).
  const told = new Set();
  const send = (k) => {
    if (stopped || failure || sent >= count) return;
    const first = sent;
    sent = Math.min(count, sent + per);
    const message = { type: 'tile', make, job, first, stop: sent };
    if (!told.has(k)) { told.add(k); message.args = args; }
    pool.request(k, message).then((data) => {
      ready.set(first, data);
      send(k);
      onTile?.();
    }, (err) => { failure = err; });
  };
  for (let i = 0; i < IN_FLIGHT; i++) for (let k = 0; k < pool.workers.length; k++) send(k);
  return {
    step() {
      if (failure) throw failure;
      // One tile a call: the job's slice checks its time between tiles (labelling a row
      // of a function with thousands of minima takes milliseconds).
      const data = ready.get(taken);
      if (!data) return null;
      ready.delete(taken);
      taken = h.ingestTile(taken, data);
      return taken >= count;
    },
    stop() {
      stopped = true;
      pool.drop(job);
    },
  };
}

/** Why workers could not run, once the page has said so (it says so once a page). */
let told = null;

/** The sentence the page shows once when workers cannot run (null if they can, or it was said). */
export function unavailable(err) {
  if (told) return null;
  told = err?.message || String(err);
  return t('workers.unavailable', { why: told });
}

/**
 * A job's step function that computes on the pool when the page's `workers` setting asks for
 * workers (and they can run here), on the page's thread with `here(units)` otherwise, or from
 * where the tiles stopped if a worker fails. `tiles` describes the work (see {@link tiled});
 * `say(text)` shows the once-a-page notice; `onPool(n)` is told when `n` workers take the
 * job; `wake()` each time a tile comes back. The function returns null while the pool starts,
 * so the job (and its Cancel) starts at once. `stop()` drops the job in the workers.
 */
export function pooled(h, tiles, { workers, here, say, isRunning, onPool, wake }) {
  const count = told ? 0 : workerCount(workers);
  const source = { waiting: count > 0, tiles: null };
  if (count > 0) {
    workerPool(count).then((pool) => {
      if (!isRunning()) return;
      source.tiles = tiled(h, tiles, pool, wake);
      onPool?.(pool.workers.length);
    }, (err) => say(unavailable(err))).finally(() => { source.waiting = false; });
  }
  const step = (units) => {
    if (source.waiting) return null;
    if (!source.tiles) return here(units);
    try {
      const done = source.tiles.step();
      // Every tile is in: what is left (a selected run's history) is the page's.
      if (done === true) { source.tiles = null; return here(units); }
      return done;
    } catch (err) {
      source.tiles.stop();
      source.tiles = null;
      say(unavailable(err));
      return null;
    }
  };
  return { step, stop: () => source.tiles?.stop() };
}
