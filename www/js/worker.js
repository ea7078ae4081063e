// A worker of the page's pool: instantiates the site's wasm from the module the page
// compiled and posted, then computes the tiles it is sent (rows of a basin map, starts of a
// run set) with the one engine, on its own copy of the page's handle, and posts each
// tile's numbers back.

let glue = null;
/** The handles this worker holds, by the page's job id. */
const handles = new Map();

/** How each kind of handle is made from the arguments the page sends. */
const MAKE = {
  basin: (a) => new glue.Basin2D(a.fn, a.config, a.box.x0, a.box.x1, a.box.y0, a.box.y1, a.nx, a.ny),
  runs2d: (a) => new glue.Runs2D(a.fn, a.config, a.race, new Float64Array(a.clicked), a.multi),
  multi1d: (a) => new glue.MultiStart1D(a.config, a.starts),
};

/** The handle of job `m.job`, made from the arguments its first tile to this worker carries. */
function handleOf(m) {
  let h = handles.get(m.job);
  if (!h) {
    h = MAKE[m.make](m.args);
    handles.set(m.job, h);
  }
  return h;
}

async function answer(m) {
  if (m.type === 'init') {
    glue = await import(new URL('descent-web.js', m.site).href);
    await glue.default({ module_or_path: m.module });
    return { type: 'ready' };
  }
  if (m.type === 'drop') {
    handles.get(m.job)?.free();
    handles.delete(m.job);
    return null;
  }
  const data = handleOf(m).computeTile(m.first, m.stop);
  return { type: 'tile', id: m.id, data };
}

self.onmessage = async (ev) => {
  const m = ev.data;
  try {
    const reply = await answer(m);
    if (reply) self.postMessage(reply, reply.data ? [reply.data.buffer] : []);
  } catch (err) {
    self.postMessage({ type: 'error', id: m.id, message: String(err?.message ?? err) });
  }
};
