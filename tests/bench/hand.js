// The benchmark's workloads as a student would write them in plain JavaScript, run in
// the same page as the wasm (a classic script: tests/bench/run.mjs adds it to the page).
// window.handBench.run(name, minMs) repeats a workload until minMs have passed and
// returns {ms, units, reps, checksum} like the wasm's benchWorkload.
(() => {
  // Powers as products (V8 turns `x ** 4` into a slower Math.pow call): the fast way
  // to write it, so that the comparison favours JavaScript rather than wasm.
  const f2 = (x, y) => { const d = x - y; return x * x * x * x + y * y * y * y - 2 * d * d; };
  const dfx = (x, y) => 4 * x * x * x - 4 * (x - y);
  const dfy = (x, y) => 4 * y * y * y + 4 * (x - y);
  const box = (k, side) => [-3 + ((k % side) + 0.5) * 6 / side, 3 - (Math.floor(k / side) + 0.5) * 6 / side];

  // The notebook's In[13] loop: 1024 starts (32 x 32 grid), 1000 sequential steps.
  function nb2d(exact) {
    const gamma = 0.01, h = 1e-3;
    let total = 0;
    for (let e = 0; e < 1024; e++) {
      let [x, y] = box(e, 32);
      for (let j = 0; j < 1000; j++) {
        x -= gamma * (exact ? dfx(x, y) : (f2(x + h, y) - f2(x - h, y)) / (2 * h));
        y -= gamma * (exact ? dfy(x, y) : (f2(x, y + h) - f2(x, y - h)) / (2 * h));
      }
      total += Math.abs(x) + Math.abs(y);
    }
    return [1024 * 1000, total];
  }

  function typedClosed() {
    let total = 0;
    for (let k = 0; k < 4096; k++) {
      const t = k / 4096;
      const x = -3 + 6 * t, y = 3 - 6 * ((t * 61) % 1);
      const d = x - y;
      total += x * x * x * x + y * y * y * y - 2 * d * d + (4 * x * x * x - 4 * d) + (4 * y * y * y + 4 * d);
    }
    return [4096, total];
  }

  // The basin map: 256 x 256 starts, <= 300 steps, stop at |grad| < 1e-6 or |x| > 1e6.
  function basin(adam) {
    const gamma = adam ? 0.05 : 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8, tol2 = 1e-12;
    let total = 0;
    for (let j = 0; j < 256; j++) {
      for (let i = 0; i < 256; i++) {
        let x = -3 + (i + 0.5) * 6 / 256, y = 3 - (j + 0.5) * 6 / 256;
        let mx = 0, my = 0, vx = 0, vy = 0;
        for (let step = 0; step <= 300; step++) {
          const d = x - y;
          const gx = 4 * x * x * x - 4 * d, gy = 4 * y * y * y + 4 * d;
          if (!(Math.abs(x) <= 1e6 && Math.abs(y) <= 1e6)) break;
          if (gx * gx + gy * gy < tol2 || step === 300) break;
          if (adam) {
            const t = step + 1, c1 = 1 - b1 ** t, c2 = 1 - b2 ** t;
            mx = b1 * mx + (1 - b1) * gx; my = b1 * my + (1 - b1) * gy;
            vx = b2 * vx + (1 - b2) * gx * gx; vy = b2 * vy + (1 - b2) * gy * gy;
            x -= gamma * (mx / c1) / (Math.sqrt(vx / c2) + eps);
            y -= gamma * (my / c1) / (Math.sqrt(vy / c2) + eps);
          } else {
            x -= gamma * gx;
            y -= gamma * gy;
          }
        }
        if (Number.isFinite(x + y)) total += Math.abs(x) + Math.abs(y);
      }
    }
    return [1, total];
  }

  // The notebook's AND neuron from In[25]'s weights, per-sample updates, lr 0.5, to
  // the epoch whose mean cost is below 0.001.
  function neuron() {
    const X = [[1, 1], [1, 0], [0, 1], [0, 0]], Y = [1, 0, 0, 0];
    let b = -0.57089547, w0 = -0.43758178, w1 = 0.52004418, epochs = 0;
    for (let e = 0; e < 20000; e++) {
      let cost = 0;
      for (let i = 0; i < 4; i++) {
        const a = 1 / (1 + Math.exp(-(b + w0 * X[i][0] + w1 * X[i][1])));
        const delta = (a - Y[i]) * a * (1 - a);
        b -= 0.5 * delta; w0 -= 0.5 * delta * X[i][0]; w1 -= 0.5 * delta * X[i][1];
        cost += 0.5 * (a - Y[i]) ** 2;
      }
      epochs = e + 1;
      if (cost / 4 < 0.001) break;
    }
    return [1, epochs];
  }

  // Heatmap + 24 quantile isolines at 256^2 cells: sample, sort for the levels, paint,
  // and marching squares (segments only).
  function field() {
    const n = 257, z = new Float64Array(n * n);
    for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) z[j * n + i] = f2(-3 + 6 * i / 256, -3 + 6 * j / 256);
    const sorted = Float64Array.from(z).sort();
    const levels = Array.from({ length: 24 }, (_, k) => sorted[Math.floor((k + 1) * (sorted.length - 1) / 25)]);
    const rgba = new Uint8ClampedArray(256 * 256 * 4);
    for (let c = 0; c < 256 * 256; c++) {
      const v = z[Math.floor(c / 256) * n + (c % 256)];
      let k = 0;
      while (k < 24 && v > levels[k]) k++;
      rgba[4 * c] = rgba[4 * c + 1] = rgba[4 * c + 2] = k * 10; rgba[4 * c + 3] = 255;
    }
    const segs = [];
    for (const l of levels) {
      for (let j = 0; j < 256; j++) for (let i = 0; i < 256; i++) {
        const a = z[j * n + i] - l, b = z[j * n + i + 1] - l, c = z[(j + 1) * n + i + 1] - l, d = z[(j + 1) * n + i] - l;
        const cross = [];
        if ((a < 0) !== (b < 0)) cross.push(i + a / (a - b), j);
        if ((b < 0) !== (c < 0)) cross.push(i + 1, j + b / (b - c));
        if ((c < 0) !== (d < 0)) cross.push(i + 1 - c / (c - d), j + 1);
        if ((d < 0) !== (a < 0)) cross.push(i, j + 1 - d / (d - a));
        for (const v of cross) segs.push(v);
      }
    }
    return [1, rgba.length + segs.length];
  }

  const WORKLOADS = {
    nb2d_central: () => nb2d(false),
    nb2d_exact: () => nb2d(true),
    typed_closed: typedClosed,
    basin_gd: () => basin(false),
    basin_adam: () => basin(true),
    neuron_and: neuron,
    field256: field,
  };

  window.handBench = {
    names: Object.keys(WORKLOADS),
    run(name, minMs) {
      const work = WORKLOADS[name];
      if (!work) return null;
      const t0 = performance.now();
      let units = 0, reps = 0, checksum = 0;
      while (reps === 0 || performance.now() - t0 < minMs) {
        const [u, c] = work();
        units += u; checksum = c; reps++;
      }
      return { ms: performance.now() - t0, units, reps, checksum };
    },
  };
})();
