// A worker of the page's pool: instantiates the site's wasm from the module the page
// compiled and posted, then computes the tiles it is sent (rows of a basin map) with the
// one engine, and posts each tile's numbers back.

let glue = null;
/** The maps this worker holds, by the page's job id. */
const maps = new Map();

/** The map of job `m.job`, made on its first tile. */
function mapOf(m) {
  let map = maps.get(m.job);
  if (!map) {
    map = new glue.Basin2D(m.fn, m.config, m.box.x0, m.box.x1, m.box.y0, m.box.y1, m.nx, m.ny);
    maps.set(m.job, map);
  }
  return map;
}

async function handle(m) {
  if (m.type === 'init') {
    glue = await import(new URL('descent-web.js', m.site).href);
    await glue.default({ module_or_path: m.module });
    return { type: 'ready' };
  }
  if (m.type === 'drop') {
    maps.get(m.job)?.free();
    maps.delete(m.job);
    return null;
  }
  const data = mapOf(m).computeTile(m.first, m.stop);
  return { type: 'tile', id: m.id, data };
}

self.onmessage = async (ev) => {
  const m = ev.data;
  try {
    const answer = await handle(m);
    if (answer) self.postMessage(answer, answer.data ? [answer.data.buffer] : []);
  } catch (err) {
    self.postMessage({ type: 'error', id: m.id, message: String(err?.message ?? err) });
  }
};
