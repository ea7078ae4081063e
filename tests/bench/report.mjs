// The benchmark's table: which workloads, how each figure reads (a rate or a time per
// unit), medians and spreads over rounds, ratios, targets, and the text/Markdown output.

export const IMPLS = ['native', 'wasm', 'js', 'python'];

/** kind 'rate': M units per second (higher is better); 'time': ms per unit (lower is better). */
export const WORKLOADS = [
  { key: 'nb2d_central', wasm: 'nb2d_central', title: 'notebook 2-D loop, central diff. h=1e-3, sequential, γ=0.01 (1024 starts × 1000 steps; Python: 64 starts)', unit: 'M steps/s', kind: 'rate' },
  { key: 'nb2d_exact', wasm: 'nb2d_exact', title: 'the same with exact gradients', unit: 'M steps/s', kind: 'rate' },
  { key: 'typed_closed', wasm: 'typed_closed', title: 'closed-form value + gradient of the notebook f (4096 points)', unit: 'M evals/s', kind: 'rate' },
  { key: 'typed_interp', wasm: 'typed_interp', title: 'typed x^4 + y^4 - 2(x-y)^2, value + gradient, tape interpreter', unit: 'M evals/s', kind: 'rate' },
  { key: 'typed_jit', wasm: 'typed_jit', title: 'the typed function compiled to wasm at run time (browser only)', unit: 'M evals/s', kind: 'rate' },
  { key: 'basin_gd', wasm: 'basin_gd', title: 'basin map 256² × 300, GD γ=0.01, exact gradient (Python: 8 of 256 rows, scaled)', unit: 'ms/map', kind: 'time' },
  { key: 'basin_typed', wasm: 'basin_typed', title: 'the same map, typed function (interpreter)', unit: 'ms/map', kind: 'time' },
  { key: 'basin_typed_jit', wasm: 'basin_typed_jit', title: 'the same map, typed function compiled to wasm (browser only)', unit: 'ms/map', kind: 'time' },
  { key: 'basin_adam', wasm: 'basin_adam', title: 'basin map 256² × 300, Adam γ=0.05 (Python: 2 of 256 rows, scaled)', unit: 'ms/map', kind: 'time' },
  { key: 'neuron_and', wasm: 'neuron_and', title: 'neuron AND from the notebook preset to its stop rule', unit: 'ms/run', kind: 'time' },
  { key: 'field256', wasm: 'field256', title: 'heatmap + 24 isolines at 256² (Python: numpy + contourpy)', unit: 'ms/frame', kind: 'time' },
];

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };

/** Per workload and implementation: the shown figure's median, min, max and spread (%). */
export function summarise(samples) {
  const out = {};
  for (const w of WORKLOADS) {
    const row = {};
    for (const impl of IMPLS) {
      const rates = samples[impl].map((round) => round?.[w.key]).filter((r) => r && r.ms > 0).map((r) => r.units / r.ms);
      if (!rates.length) continue;
      const shown = rates.map((r) => (w.kind === 'rate' ? r / 1e3 : 1 / r));
      const checks = samples[impl].map((round) => round?.[w.key]?.checksum).filter((c) => c !== undefined);
      const m = median(shown);
      row[impl] = {
        median: m, min: Math.min(...shown), max: Math.max(...shown),
        spreadPct: (100 * (Math.max(...shown) - Math.min(...shown))) / m, rounds: shown.length,
        rate: median(rates), checksum: checks[0],
      };
    }
    const ratio = (other) => (row.wasm && row[other] ? row.wasm.rate / row[other].rate : null);
    out[w.key] = { ...w, impls: row, ratios: { python: ratio('python'), js: ratio('js'), native: ratio('native') } };
  }
  return out;
}

/** A 60 Hz display's frame, and how far a requestAnimationFrame interval strays from it. */
const VSYNC_MS = 1000 / 60;
const JITTER_MS = 0.5;

/** Every speed and size target: [label, value, unit, met]. */
export function targets(r) {
  const w = r.workloads;
  const get = (k, impl) => w[k]?.impls?.[impl]?.median;
  const shipped = r.sizes.filter((s) => !/\.(br|gz)$/.test(s.file)).reduce((a, s) => a + s.gzip, 0) / 1024;
  const typedRatio = get('basin_typed_jit', 'wasm') / get('basin_gd', 'wasm');
  const rows = [
    ['notebook 2-D wasm ÷ Python', w.nb2d_central.ratios.python, '×', (v) => v >= 200, '≥ 200×'],
    ['notebook 2-D wasm ÷ hand JS', w.nb2d_central.ratios.js, '×', (v) => v >= 8, '≥ 8×'],
    ['notebook 2-D wasm ÷ native', w.nb2d_central.ratios.native, '×', (v) => v >= 0.8, '≥ 0.8×'],
    ['basin 256²×300 GD exact, browser', get('basin_gd', 'wasm'), 'ms', (v) => v <= 40, '≤ 40 ms'],
    ['basin 256²×300 Adam, browser', get('basin_adam', 'wasm'), 'ms', (v) => v <= 200, '≤ 200 ms'],
    ['neuron AND to the stop rule, browser', get('neuron_and', 'wasm'), 'ms', (v) => v <= 0.3, '≤ 0.3 ms'],
    ['typed ÷ closed form in a basin map (jit)', typedRatio, '×', (v) => v <= 1.5, '≤ 1.5×'],
    ['everything shipped, gzip', shipped, 'KB', (v) => v <= 150, '≤ 150 KB'],
    ['first drawn frame (median)', r.page.firstFrame?.median, 'ms', (v) => v <= 300, '≤ 300 ms'],
    ['first drawn frame on a phone (median)', r.page.mobileFirstFrame?.median, 'ms', (v) => v <= 1200, '≤ 1.2 s'],
    ['bytes on the wire before the phone\'s first frame', r.page.mobileFirstFrame ? r.page.mobileFirstFrame.bytes / 1024 : null, 'KB', (v) => v <= 150, '≤ 150 KB'],
    ...['gd', 'adam'].flatMap((name) => {
      const b = r.page.basinWorkers?.[name];
      return [
        [`basin ${name} on the page: 1 worker ÷ all workers`, b ? b['1'].ms / b.auto.ms : null, '×', (v) => v >= 1.8, '≥ 1.8×'],
        [`basin ${name} on the page: longest page task`, b ? b.auto.longest : null, 'ms', (v) => v <= 50, '≤ 50 ms'],
      ];
    }),
    ...['lesson2', 'race'].flatMap((k) => {
      const p = r.page.playback?.[k];
      const name = k === 'race' ? 'race 3 × 4 × 5000' : 'default lesson 2';
      return [
        [`frame interval p99, ${name} playing`, p?.p99, 'ms', (v) => v <= VSYNC_MS + JITTER_MS, `≤ 16.7 ms + ${JITTER_MS} ms timer jitter (one 60 Hz vsync)`],
        [`script work per frame p99, ${name} playing`, p?.work?.p99, 'ms', (v) => v <= VSYNC_MS, '≤ 16.7 ms'],
      ];
    }),
  ];
  return rows.map(([label, v, unit, ok, goal]) => ({ label, value: v, unit, goal, met: Number.isFinite(v) ? ok(v) : null }));
}

const fmt = (v) => (v == null || !Number.isFinite(v) ? '—' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toPrecision(2));
const cell = (f) => (f ? `${fmt(f.median)} ±${f.spreadPct.toFixed(0)}%` : '—');
const ratioCell = (v) => (v == null ? '—' : `${fmt(v)}×`);

function rowsOf(r) {
  return Object.values(r.workloads).map((w) => [
    w.key, w.unit, ...IMPLS.map((i) => cell(w.impls[i])), ratioCell(w.ratios.python), ratioCell(w.ratios.js), ratioCell(w.ratios.native),
  ]);
}
const HEAD = ['workload', 'unit', 'native', 'wasm', 'hand JS', 'Python', 'wasm÷Py', 'wasm÷JS', 'wasm÷nat'];

function sizeLines(r) {
  const kb = (n) => (n / 1024).toFixed(1);
  const shipped = r.sizes.filter((s) => !/\.(br|gz)$/.test(s.file));
  return [
    ...shipped.map((s) => [s.file, `${kb(s.raw)} KB`, `${kb(s.gzip)} KB`]),
    ['total', `${kb(shipped.reduce((a, s) => a + s.raw, 0))} KB`, `${kb(shipped.reduce((a, s) => a + s.gzip, 0))} KB`],
  ];
}

/** The page's basin maps on its own thread, 1 worker and one worker per core. */
function workerLines(b) {
  if (!b) return [];
  const one = (x) => `${fmt(x.ms)} ms (longest page task ${x.longest ? `${fmt(x.longest)} ms` : 'none over 50 ms'})`;
  return ['gd', 'adam'].map((name) => `basin map 256² × 300 on the page, ${name === 'gd' ? 'GD' : 'Adam'}: page thread ${one(b[name]['0'])}; `
    + `1 worker ${one(b[name]['1'])}; ${b.cores} workers ${one(b[name].auto)}; speed-up ${fmt(b[name]['1'].ms / b[name].auto.ms)}×`)
    .concat(b.race ? [`race 6 optimizers × 1000 starts × 1000 steps, a new seed in the link to the table: page thread ${fmt(b.race['0'])} ms; `
      + `1 worker ${fmt(b.race['1'])} ms; ${b.cores} workers ${fmt(b.race.auto)} ms; speed-up ${fmt(b.race['1'] / b.race.auto)}×`] : []);
}

/** The first frame under the mobile profile, and what crossed the wire before it. */
function mobileLines(m) {
  if (!m) return [];
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  return [`first drawn frame on a phone (150 ms RTT, 1.6 Mbit/s, CPU 4× slower; gzip; ${m.loads} cold loads): median ${fmt(m.median)} ms `
    + `(min ${fmt(m.min)}, max ${fmt(m.max)}); ${kb(m.bytes)} on the wire before it: ${m.files.map((f) => `${f.file} ${kb(f.bytes)}`).join(', ')}`];
}

function pageLines(r) {
  const p = r.page;
  const f = (x) => (x
    ? `intervals median ${fmt(x.median)} ms, p99 ${fmt(x.p99)} ms, max ${fmt(x.max)} ms over ${x.frames} frames (${x.dropped} over 1.5 vsync); `
      + `script work per frame median ${fmt(x.work?.median)} ms, p99 ${fmt(x.work?.p99)} ms, max ${fmt(x.work?.max)} ms; long animation frames (> 50 ms): ${x.longFrames ?? '—'}`
    : '—');
  return [
    `first drawn frame: median ${fmt(p.firstFrame.median)} ms (min ${fmt(p.firstFrame.min)}, max ${fmt(p.firstFrame.max)}, ${p.firstFrame.loads} loads)`,
    `playing the default lesson 2 (speed 25/s, 1280×800): ${f(p.playback.lesson2)}`,
    `playing the race 3 optimizers × 4 starts × 5000 steps (speed 100/s, 1280×800): ${f(p.playback.race)}`,
    ...workerLines(p.basinWorkers),
    ...mobileLines(p.mobileFirstFrame),
  ];
}

function pad(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)));
  return rows.map((r) => r.map((v, c) => String(v).padEnd(widths[c])).join('  ')).join('\n');
}

/** The plain-text report printed by the runner. */
export function table(r) {
  const lines = [
    `Descent benchmark ${r.when}: ${r.machine.cpus} × ${r.machine.model}, load ${r.machine.load.map((l) => l.toFixed(1)).join(' ')}; ${r.rounds} interleaved rounds (median ± spread = (max−min)/median)`,
    '', pad([HEAD, ...rowsOf(r)]), '',
    ...Object.values(r.workloads).map((w) => `  ${w.key}: ${w.title}`), '',
    'sizes (gzip -9):', pad(sizeLines(r).map((l) => ['  ' + l[0], l[1], l[2]])), '',
    `release wasm: ${r.simdInstructions ?? '?'} SIMD (v128) instructions`, '',
    ...pageLines(r), '', 'targets:',
    ...targets(r).map((t) => `  ${t.met === null ? '?' : t.met ? 'met ' : 'MISS'}  ${t.label}: ${fmt(t.value)} ${t.unit} (goal ${t.goal})`),
  ];
  if (r.pageErrors.length) lines.push('', `page errors: ${r.pageErrors.join('; ')}`);
  return lines.join('\n');
}

/** The same report as Markdown. */
export function markdown(r) {
  const md = (rows) => [rows[0], rows[0].map(() => '---'), ...rows.slice(1)].map((row) => `| ${row.join(' | ')} |`).join('\n');
  return [
    `# Descent benchmark, ${r.when}`, '',
    `${r.machine.cpus} × ${r.machine.model}, load average ${r.machine.load.map((l) => l.toFixed(1)).join(' ')}; ${r.rounds} interleaved rounds; figures are medians ± spread ((max − min) / median).`, '',
    md([HEAD, ...rowsOf(r)]), '',
    ...Object.values(r.workloads).map((w) => `- \`${w.key}\`: ${w.title}`), '',
    '## Sizes (gzip -9)', '', md([['file', 'raw', 'gzip'], ...sizeLines(r)]), '',
    `Release wasm: ${r.simdInstructions ?? '?'} SIMD (v128) instructions.`, '',
    '## Page', '', ...pageLines(r).map((l) => `- ${l}`), '',
    '## Targets', '', md([['target', 'value', 'goal', 'met'], ...targets(r).map((t) => [t.label, `${fmt(t.value)} ${t.unit}`, t.goal, t.met === null ? '?' : t.met ? 'yes' : 'no'])]), '',
  ].join('\n');
}
