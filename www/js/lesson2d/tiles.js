// A basin map computed on the worker pool: its rows go out in tiles, two in flight per
// worker; the tiles that come back are labelled in row order on the page's thread, so the
// map equals one computed on the page's thread, bit for bit.

/** Starts per tile: enough that a message's cost is small beside the tile's work. */
const STARTS_PER_TILE = 128;
/** Tiles each worker holds at once (one computing, one waiting). */
const IN_FLIGHT = 2;

let jobs = 0;

/**
 * Sends the rows of map `h` (made from `spec`: fn, config, box, nx, ny) to `pool`'s workers.
 * Returns `{ step, stop }`: `step()` labels the next tile if it has come back and returns
 * true when the map is done, null while it waits (throws if a worker failed);
 * `stop()` drops the job in every worker.
 */
export function tiledBasin(h, spec, pool) {
  const job = ++jobs;
  const rows = Math.max(1, Math.ceil(STARTS_PER_TILE / spec.nx));
  const ready = new Map();
  let sent = 0;
  let labelled = 0;
  let failure = null;
  let stopped = false;
  const send = (k) => {
    if (stopped || failure || sent >= spec.ny) return;
    const first = sent;
    sent = Math.min(spec.ny, sent + rows);
    pool.request(k, { type: 'basin', job, ...spec, first, stop: sent }).then((data) => {
      ready.set(first, data);
      send(k);
    }, (err) => { failure = err; });
  };
  for (let i = 0; i < IN_FLIGHT; i++) for (let k = 0; k < pool.workers.length; k++) send(k);
  return {
    step() {
      if (failure) throw failure;
      // One tile a call: the job's slice checks its time between tiles (labelling a row
      // of a function with thousands of minima takes milliseconds).
      const data = ready.get(labelled);
      if (!data) return null;
      ready.delete(labelled);
      labelled = h.ingestTile(labelled, data);
      return h.isDone();
    },
    /** The rows labelled so far (the page's thread goes on from there if the workers fail). */
    get labelled() { return labelled; },
    stop() {
      stopped = true;
      pool.drop(job);
    },
  };
}
