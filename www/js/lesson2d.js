// Lesson 2: f(x, y) — contours and heatmap, a rotatable 3-D surface, multi-start, optimizers
// raced side by side, arrows, the arithmetic of each update, and basins of attraction.

import { Transport } from './transport.js';
import { clearErrors, reportError, fmt, buildInputs, readForm, writeForm, pick, buildOrFallBack } from './forms.js';
import { ParamInputs } from './lesson2d/params.js';
import { ContourView } from './lesson2d/contour.js';
import { SurfaceView } from './lesson2d/surface.js';
import { CostPanel } from './lesson2d/cost.js';
import { BasinPanel } from './lesson2d/basin.js';
import { fillTable } from './lesson2d/table.js';
import { functionPicker } from './functions.js';

/** One colour per racer (or per start in single mode), visible on viridis and on white. */
export const COLOURS = ['#ff2a2a', '#ff9f1c', '#e040fb', '#000000', '#00b8d4', '#8d6e63'];

export function mount(section, app) {
  const { wasm } = app;
  const form = section.querySelector('form[data-role="settings"]');
  const el = form.elements;
  const out = (name) => section.querySelector(`[data-out="${name}"]`);
  const raceBox = section.querySelector('[data-role="race"]');
  const starts = { multi: true, clicked: [] };
  let handle = null;
  let runs = [];
  let best = -1;
  let selected = -1;

  const table = wasm.settingsTable('2d');
  const rows = buildInputs(form, table);
  const picker = functionPicker(section.querySelector('[data-role="function"]'), wasm, 2);
  let fn = null; // { spec, key, label, view, fMin }: the last function that compiled, in use
  // The race's check boxes: one per optimizer the table offers.
  for (const { value } of rows.get('opt').choices) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.name = 'race';
    box.value = value;
    label.append(box, ` ${value}`);
    raceBox.append(label);
  }

  const params = new ParamInputs(section.querySelector('[data-role="params"]'), form, wasm, table, () => rebuild());
  const contour = new ContourView(section.querySelector('[data-role="contour"]'), wasm, {
    onClick: (x, y) => {
      // Six significant digits, so that the link reproduces the run exactly.
      starts.clicked.push([Number(x.toPrecision(6)), Number(y.toPrecision(6))]);
      rebuild({ select: 'newest' });
    },
    onView: () => {},
  });
  const surface = new SurfaceView(section.querySelector('[data-role="surface"]'), wasm, {
    onRotate: (elev, azim) => {
      app.set({ elev: String(Math.round(elev)), azim: String(Math.round(azim)) });
      out('camera').textContent = `elevation ${Math.round(elev)}°, azimuth ${Math.round(azim)}° (drag to turn)`;
    },
  });
  const cost = new CostPanel(section.querySelector('[data-role="cost"]'));
  let shown = null; // the config of the runs on screen
  const basin = new BasinPanel(section, wasm, contour, () => ({ fn: fn.spec, config: shown }));
  const clearBasin = () => basin.clear();
  const transport = new Transport(section.querySelector('[data-role="transport"]'), { onSeek: () => drawAll() });

  function load(values) {
    el.f.value = values.fn2;
    picker.sync();
    if (values.fn2 !== fn?.spec) showFunction(values.fn2);
    starts.multi = values.multi2 === '1';
    // The core checked every number; pairs of them are the clicked starts.
    const flat = (values.starts2 ?? '').split(',').filter(Boolean).map(Number);
    starts.clicked = [];
    for (let i = 0; i + 1 < flat.length; i += 2) starts.clicked.push([flat[i], flat[i + 1]]);
    params.show(values.opt, values);
    writeForm(form, table, values);
    const race = (values.race ?? '').split(',').filter(Boolean);
    for (const box of raceBox.querySelectorAll('input')) box.checked = race.includes(box.value);
    surface.setAngles(Number(values.elev), Number(values.azim));
    out('camera').textContent = `elevation ${values.elev}°, azimuth ${values.azim}° (drag to turn)`;
  }

  function racing() {
    return [...raceBox.querySelectorAll('input:checked')].map((b) => b.value);
  }

  /** The inputs checked against the 2-D table by the core: `{values, config}`. */
  function checked() {
    const typed = {
      ...pick(app.values, table),
      ...readForm(form, table),
      seed: app.values.seed,
      fn2: fn.spec,
      race: racing().join(','),
      multi2: starts.multi ? '1' : '0',
      starts2: starts.clicked.flat().join(','),
    };
    return wasm.checkSettings('2d', typed);
  }

  /** Shows an error under its input (the optimizer's included), else under the form. */
  function report(err) {
    reportError(form, err, out('error'));
    if (err?.field === 'f') picker.pointAt(err.column);
  }

  /** Re-simulates every start with the current settings; keeps the last good runs on error. */
  function rebuild(opts) {
    clearErrors(form);
    out('error').textContent = '';
    out('notice').textContent = '';
    try {
      build(opts);
    } catch (err) {
      report(err);
    }
  }

  /** Settings from a link: what cannot be built goes back to its default, with a notice. */
  function fromLink(values, earlier = []) {
    load(values);
    clearErrors(form);
    let notices;
    try {
      notices = buildOrFallBack(form, table, () => build({ select: 'best' }));
    } catch (err) {
      notices = [err?.message ?? String(err)];
    }
    out('notice').textContent = [...earlier, ...notices].join(' ');
  }

  /** Builds from the inputs and swaps the new runs in; throws (naming the key) on bad input. */
  function build({ select = 'keep' } = {}) {
    const race = racing();
    const raceMode = race.length >= 2;
    // Every raced optimizer runs with its own hyperparameters from the table.
    const check = checked();
    let next;
    try {
      next = new wasm.Runs2D(fn.spec, check.config, raceMode ? check.racers : []);
      if (starts.multi) next.addMultistart();
      for (const [x, y] of starts.clicked) next.addStart(x, y);
    } catch (err) {
      next?.free();
      throw err;
    }
    handle?.free();
    handle = next;
    shown = check.config;
    const racers = handle.racers();
    runs = [];
    for (let i = 0; i < handle.count(); i++) {
      const racer = handle.racer(i);
      const startIndex = Math.floor(i / racers);
      runs.push({
        points: handle.points(i),
        values: handle.values(i),
        grads: handle.grads(i),
        steps: handle.steps(i),
        status: handle.status(i),
        optimizer: handle.optimizer(i),
        colour: raceMode ? COLOURS[racer % COLOURS.length] : COLOURS[startIndex % COLOURS.length],
      });
    }
    best = handle.best();
    if (select === 'newest' && runs.length) selected = runs.length - racers;
    else if (selected < 0 || selected >= runs.length || select === 'best') selected = best >= 0 ? best : 0;
    app.set(pick(check.values, table));
    const last = runs.reduce((m, r) => Math.max(m, r.steps), 0);
    transport.setLast(last, { cursor: select === 'keep' ? Math.min(transport.cursor, last) : 0 });
    legend(raceMode ? race : null);
    costCurves(last);
    describe();
    fillTable(section.querySelector('table.runs tbody'), runs, { best, selected, onSelect: (i) => { selected = i; rebuildViewsOnly(); } });
    clearBasin();
    drawAll();
  }

  function rebuildViewsOnly() {
    fillTable(section.querySelector('table.runs tbody'), runs, { best, selected, onSelect: (i) => { selected = i; rebuildViewsOnly(); } });
    costCurves(transport.last);
    describe();
    drawAll();
  }

  function legend(race) {
    const box = section.querySelector('[data-role="legend"]');
    box.replaceChildren();
    const entry = (text, colour, racer) => {
      const s = document.createElement('span');
      s.className = 'racer';
      s.style.setProperty('--c', colour);
      s.textContent = text;
      if (racer) s.dataset.racer = racer;
      box.append(s);
    };
    if (race) race.forEach((name, i) => entry(name, COLOURS[i % COLOURS.length], name));
    else entry(`paths (${el.opt.value}); one colour per start, ★ in the table marks the best`, COLOURS[0]);
    entry('−∇f at the current point', '#ffffff');
    entry('velocity (momentum-type methods)', '#00e5ff');
    if (picker.entry?.points.length) entry('known minima (rings) and saddles (+)', '#2ca02c');
  }

  function costCurves(last) {
    const relative = section.querySelector('[name="cost-kind"]').value === 'rel';
    const log = section.querySelector('[name="cost-scale"]').value === 'log';
    cost.set(runs.map((r, i) => ({
      ys: handle.costs(i, relative, log),
      colour: r.colour,
      diverged: r.status === 'diverged',
      selected: i === selected,
    })), { log, relative, last });
  }

  function describe() {
    const st = out('status');
    const r = runs[selected];
    const diverged = runs.filter((q) => q.status === 'diverged').length;
    if (!r) { st.textContent = ''; return; }
    const head = {
      'max-steps': `Run ${selected + 1} (${r.optimizer}) took all ${r.steps} steps and ends at f = ${fmt(r.values[r.steps])}.`,
      converged: `Run ${selected + 1} (${r.optimizer}) converged after ${r.steps} steps.`,
      diverged: `Run ${selected + 1} (${r.optimizer}) diverged at step ${r.steps}: the iterate or its value became non-finite or left |x| ≤ 10⁶.`,
    }[r.status] ?? '';
    const tail = diverged ? ` ${diverged} of ${runs.length} runs diverged (✕ in the views).` : '';
    const bestText = best >= 0 ? ` Best: run ${best + 1}, f = ${fmt(runs[best].values[runs[best].steps])}.` : ' Every run diverged: there is no best.';
    st.textContent = head + tail + bestText;
    st.dataset.status = diverged ? 'diverged' : r.status;
    const [a, b, c, d] = fn.view;
    const crit = handle.criticalStep(a, b, c, d);
    const lr = shown.gamma;
    out('critical').textContent = Number.isFinite(crit)
      ? `This function is a quadratic: its largest Hessian eigenvalue is L = ${fmt(2 / crit)}, so gradient descent diverges for γ above the critical step size 2/L = ${fmt(crit)}` +
        (el.opt.value === 'gd' ? ` (γ = ${fmt(lr)} is ${lr > crit ? 'above' : 'below'} it).` : ' (for plain gradient descent; momentum and adaptive methods have other limits).')
      : '';
  }

  function drawAll() {
    if (!runs.length) return;
    const k = transport.cursor;
    const r = runs[selected];
    const kk = Math.min(k, r.steps);
    const x = r.points[2 * kk];
    const y = r.points[2 * kk + 1];
    const v = handle.velocity(selected, kk);
    const arrows = Number.isFinite(x) && Number.isFinite(y)
      ? { x, y, grad: [-r.grads[2 * kk], -r.grads[2 * kk + 1]], velocity: v.length ? [v[0], v[1]] : null }
      : null;
    const scene = { k, runs, selected, arrows, markers: picker.entry?.points ?? [] };
    const t0 = performance.now();
    contour.setScene(scene);
    cost.draw(k);
    // Contour view + cost panel, for the frame budget (the field is cached between frames).
    section.dataset.frameMs = (performance.now() - t0).toFixed(2);
    surface.setScene(scene);
    out('run').textContent = `${selected + 1} (${r.optimizer})`;
    out('k').textContent = String(kk);
    out('x').textContent = fmt(x);
    out('y').textContent = fmt(y);
    out('f').textContent = fmt(r.values[kk]);
    out('grad').textContent = `(${fmt(r.grads[2 * kk])}, ${fmt(r.grads[2 * kk + 1])})`;
    out('arithmetic').textContent = handle.arithmetic(selected, kk).join('\n');
    if (!performance.getEntriesByName('descent:first-frame-2d').length) performance.mark('descent:first-frame-2d');
  }

  const on = (action, fn) => section.querySelector(`[data-action="${action}"]`).addEventListener('click', fn);
  on('multistart', () => { starts.multi = true; rebuild({ select: 'best' }); });
  on('clear', () => { starts.multi = false; starts.clicked = []; rebuild({ select: 'best' }); });
  on('zoom-path', () => {
    const b = handle?.pathBounds(selected, 1.0);
    if (b?.length === 4) contour.setView({ x0: b[0], x1: b[1], y0: b[2], y1: b[3] });
  });
  on('zoom-reset', () => contour.home());
  for (const name of ['cost-kind', 'cost-scale']) {
    section.querySelector(`[name="${name}"]`).addEventListener('change', () => { costCurves(transport.last); cost.draw(transport.cursor); });
  }
  el.opt.addEventListener('change', () => { params.show(el.opt.value, app.values); rebuild(); });
  /** Switches every view to the function `spec` if it compiles; else shows why, where typed. */
  function showFunction(spec) {
    let info;
    try {
      info = wasm.lesson2dFunction(spec);
    } catch (err) {
      report(err);
      return false;
    }
    fn = { spec, ...info, view: Array.from(info.view) };
    contour.setFunction(spec, fn.view);
    surface.setFunction(spec, fn.view);
    picker.accepted(spec);
    out('formula').textContent = `f(x, y) = ${info.label}`;
    return true;
  }
  el.f.addEventListener('change', () => {
    clearErrors(form);
    if (!showFunction(el.f.value)) return;
    starts.clicked = [];
    rebuild({ select: 'best' });
  });
  el.levels.addEventListener('change', () => { contour.setSpacing(el.levels.value); app.set({ levels: el.levels.value }); contour.request(); });
  for (const slot of form.querySelectorAll('[data-setting]')) {
    const input = el.namedItem(slot.dataset.setting);
    if (input !== el.opt && input !== el.levels) input.addEventListener('change', () => rebuild());
  }
  raceBox.addEventListener('change', () => rebuild());
  app.onChange((values) => fromLink(values));

  const earlier = [];
  if (!showFunction(app.values.fn2)) {
    earlier.push(`${out('error').textContent} The lesson uses the notebook's function instead.`);
    out('error').textContent = '';
    showFunction('notebook-2d');
    app.values.fn2 = fn.spec;
  }
  load(app.values);
  contour.setSpacing(el.levels.value);
  fromLink(app.values, earlier);
  return {
    key: (ev) => transport.key(ev),
  };
}
