// A person's own points on the neuron's input plane: the text a link carries
// (`x1,x2,label;…`), the lines the box shows, and the pointer editing of the plane
// (click to add a point of the chosen class, drag to move one, click one to remove it).

import { listSeparator, showNumber } from '../i18n.js';

/** Pixels within which a press picks up a point, and a press must move to be a drag. */
const PICK_PX = 12;
const DRAG_PX = 4;

/**
 * Least time between two applied edits while a point is dragged, in ms: each rewrites the
 * link, and Safari refuses more than 100 history updates in 30 s. In between, the drag is
 * previewed (the points redrawn over the output on screen).
 */
const DRAG_APPLY_MS = 400;

/** Digits a placed coordinate keeps (the link stays short). */
const DIGITS = 3;

/** The points of a trainer (`inputs` of width 2, `targets`) as `[x1, x2, label]` triples. */
export function pointsOf(inputs, targets) {
  return Array.from(targets, (y, i) => [inputs[2 * i], inputs[2 * i + 1], y]);
}

/** Triples as the link writes them: `x1,x2,label;…`. */
export function pointsText(points) {
  return points.map(([a, b, y]) => `${a},${b},${y}`).join(';');
}

/**
 * The link's text as the box shows it: one point per line, its numbers in the convention
 * of the language in use (`0,5; 1; 0` where the decimal separator is a comma).
 */
export function toLines(text) {
  const points = String(text).split(';').map((s) => s.trim()).filter(Boolean);
  if (listSeparator() === ', ') return points.join('\n');
  return points.map((p) => p.split(',').map((v) => showNumber(v.trim())).join(listSeparator())).join('\n');
}

const commas = (s) => (s.match(/,/g) ?? []).length;

/**
 * One line of the box as the link's points: points as the link writes them (`x1,x2,label`,
 * several joined by `;`), or one point's three numbers between `;` or spaces, with either
 * decimal separator (`0,5; 1; 0`, `0.5 1 0`). Anything else is passed on as typed, for the
 * core to name what is wrong.
 */
function lineToPoints(line) {
  const parts = line.split(';').map((s) => s.trim()).filter(Boolean);
  if (parts.every((p) => commas(p) === 2)) return parts;
  const fields = parts.length > 1 ? parts : line.trim().split(/\s+/);
  if (fields.length === 3 && fields.every((f) => commas(f) <= 1)) return [fields.map((f) => f.replace(',', '.')).join(',')];
  return parts;
}

/** The box's lines back as the link's text (`x1,x2,label;…`, decimal points). */
export const fromLines = (text) => String(text).split(/[\n\r]+/).flatMap(lineToPoints).join(';');

/** `v` inside `[lo, hi]`, rounded as the box writes a coordinate. */
const round = (v, [lo, hi]) => Number(Math.min(hi, Math.max(lo, v)).toFixed(DIGITS));

/**
 * Lets a pointer edit the points drawn on `plot`'s canvas while `o.active()` holds.
 * `o.points()` gives the triples on screen, `o.label()` the class of a new point,
 * `o.commit(points)` applies an edit (during a drag, every `DRAG_APPLY_MS`) and
 * `o.preview(points)` shows a drag's points between two commits (at most once a frame);
 * a coordinate is kept inside `o.range` (`[lo, hi]`, the core's).
 * @param {import('../plot.js').Plot} plot
 * @param {{range: number[], active: () => boolean, points: () => number[][], label: () => number, commit: (p: number[][]) => void, preview: (p: number[][]) => void}} o
 */
export function editPoints(plot, o) {
  const canvas = plot.canvas;
  let drag = null; // {i, x, y, moved, points}
  let frame = 0;
  const near = (ev, points) => {
    const { x: px, y: py } = plot.size.local(ev);
    let best = -1;
    let bestD = PICK_PX;
    points.forEach(([a, b], i) => {
      const d = Math.hypot(plot.px(a) - px, plot.py(b) - py);
      if (d <= bestD) { best = i; bestD = d; }
    });
    return best;
  };
  canvas.addEventListener('pointerdown', (ev) => {
    if (!o.active() || ev.button !== 0) return;
    const points = o.points().map((p) => p.slice());
    const i = near(ev, points);
    ev.preventDefault();
    if (i < 0) {
      const { x, y } = plot.toData(ev);
      o.commit([...points, [round(x, o.range), round(y, o.range), o.label()]]);
      return;
    }
    drag = { i, x: ev.clientX, y: ev.clientY, moved: false, points, applied: performance.now() };
    canvas.setPointerCapture?.(ev.pointerId);
  });
  canvas.addEventListener('pointermove', (ev) => {
    if (!drag) return;
    if (!drag.moved && Math.hypot(ev.clientX - drag.x, ev.clientY - drag.y) < DRAG_PX) return;
    drag.moved = true;
    const { x, y } = plot.toData(ev);
    drag.points[drag.i] = [round(x, o.range), round(y, o.range), drag.points[drag.i][2]];
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      if (!drag) return;
      const copy = drag.points.map((p) => p.slice());
      if (performance.now() - drag.applied < DRAG_APPLY_MS) { o.preview(copy); return; }
      drag.applied = performance.now();
      o.commit(copy);
    });
  });
  const end = () => {
    if (!drag) return;
    const { i, moved, points } = drag;
    drag = null;
    if (frame) { cancelAnimationFrame(frame); frame = 0; }
    o.commit(moved ? points : points.filter((_, j) => j !== i));
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', () => { drag = null; });
}
