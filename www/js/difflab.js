// The numerical-derivative lab: |finite difference − exact derivative| against h on
// log–log axes, for forward and central differences, at the run's current point.
// Rust measures (DiffLab); this module draws log10 of what it is given.

import { Plot } from './plot.js';
import { fmt, nonFinite } from './forms.js';
import { themed } from './a11y/palette.js';
import { showNumber, t } from './i18n.js';

const COLOURS = { forward: 'c-forward', central: 'c-central', slider: 'c-slider', notebook: 'c-notebook', onMap: 'c-on-map' };
const NOTEBOOK_H = 1e-3;
const N = 161; // ten points per decade from 1e-16 to 1

const sci = (v) => (isFinite(v) ? showNumber(v.toExponential(1)) : nonFinite(v));
const pow10 = (t) => (t === 0 ? '1' : `1e${t}`);

export class DiffLabPanel {
  /**
   * @param {HTMLElement} panel  the lab's container: canvas.plot, input[name=labh], [data-out=…]
   * @param {object} wasm        the bindings
   * @param {(h: number) => void} onH  called when the slider moves (to store it in the URL)
   */
  constructor(panel, wasm, onH) {
    this.wasm = wasm;
    this.panel = panel;
    this.slider = panel.querySelector('input[name="labh"]');
    this.canvas = panel.querySelector('canvas');
    this.out = (name) => panel.querySelector(`[data-out="${name}"]`);
    this.plot = new Plot(this.canvas, { onResize: () => this.draw() });
    this.colours = themed(COLOURS, this.canvas);
    this.lab = null; // { key, handle, h, forward, central, best… }
    this.text = null;
    this.x = NaN;
    this.slider.addEventListener('input', () => {
      onH(this.h);
      this.draw();
    });
  }

  /** The slider's h (its value is log10 h). */
  get h() {
    return 10 ** Number(this.slider.value);
  }

  set h(v) {
    if (v > 0 && isFinite(v)) this.slider.value = String(Math.log10(v));
  }

  /** Measures f = `text` at `x` (reusing the last measurement when both are unchanged). */
  update(text, x) {
    this.text = text;
    this.x = x;
    this.draw();
  }

  measure() {
    const key = `${this.text}|${this.x}`;
    if (this.lab?.key === key) return this.lab;
    this.lab?.handle.free();
    this.lab = null;
    if (this.text === null || !isFinite(this.x)) return null;
    let handle;
    try {
      handle = new this.wasm.DiffLab(this.text, this.x, N);
    } catch (err) {
      this.out('lab').textContent = err?.message ?? String(err);
      return null;
    }
    const log = (a) => Float64Array.from(a, (v) => Math.log10(v));
    this.lab = {
      key,
      handle,
      lh: log(handle.h()),
      lf: log(handle.forward()),
      lc: log(handle.central()),
      exact: handle.exact(),
      bestF: handle.bestForward(),
      bestC: handle.bestCentral(),
      rules: handle.rules(),
    };
    return this.lab;
  }

  draw() {
    const lab = this.measure();
    if (!lab || this.panel.closest('details')?.open === false) return;
    let lo = Infinity;
    let hi = -Infinity;
    for (const a of [lab.lf, lab.lc]) for (const v of a) if (isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    lo = Math.max(Math.floor(lo) - 0.5, -21);
    hi = Math.ceil(hi) + 0.5;
    const p = this.plot;
    p.resize();
    p.setView(-16, 0, lo, hi);
    p.clear();
    p.axes({ xlabel: 'h', ylabel: t('lab.axis'), xfmt: pow10, yfmt: pow10 });
    p.clip();
    const vline = (h, color, dash) => p.polyline([Math.log10(h), Math.log10(h)], [lo, hi], { color, width: 1.5, dash });
    const colours = this.colours;
    vline(NOTEBOOK_H, colours.notebook, [3, 3]);
    vline(this.h, colours.slider, [6, 4]);
    p.polyline(lab.lh, lab.lf, { color: colours.forward, width: 2 });
    p.polyline(lab.lh, lab.lc, { color: colours.central, width: 2 });
    const [ef, ec] = lab.handle.errorsAt(this.h);
    p.dots([Math.log10(this.h), Math.log10(this.h)], [Math.log10(ef), Math.log10(ec)], { color: colours.slider, r: 4 });
    p.dots([Math.log10(lab.bestF[0])], [Math.log10(lab.bestF[1])], { color: colours.forward, r: 6, stroke: colours.onMap });
    p.dots([Math.log10(lab.bestC[0])], [Math.log10(lab.bestC[1])], { color: colours.central, r: 6, stroke: colours.onMap });
    p.unclip();
    this.canvas.dataset.best = JSON.stringify({ forward: Array.from(lab.bestF), central: Array.from(lab.bestC) });
    // An error at the core's floor is an exact 0 (the floor only lets the log scale draw it).
    const floor = lab.handle.floor();
    const err = (v) => (v <= floor ? '0' : sci(v));
    this.out('h').textContent = sci(this.h);
    this.out('lab').textContent =
      t('lab.readout', {
        x: fmt(this.x), exact: fmt(lab.exact), h: sci(this.h), ef: err(ef), ec: err(ec),
        hf: sci(lab.bestF[0]), bf: err(lab.bestF[1]), hc: sci(lab.bestC[0]), bc: err(lab.bestC[1]),
        r2: sci(lab.rules[0]), r3: sci(lab.rules[1]),
      });
  }
}
