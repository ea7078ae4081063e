// Keyboard start placement: on a plot focused from the keyboard, the arrow keys move a
// crosshair (Shift for larger moves) and Enter places the start there; and a small form to
// type a start's coordinates.

import { readNumber, showNumber, t } from '../i18n.js';

/** Arrow-key moves per view width (Shift: a fifth of that). */
const STEPS = 50;

/** The data window a Plot publishes in data-view. */
const viewOf = (canvas) => (canvas.dataset.view ? JSON.parse(canvas.dataset.view) : null);

/**
 * Adds a crosshair to `canvas` (inside a positioned container). `dims` is 1 (a vertical
 * line: x only) or 2; `place(x, y)` places the start; `say(text)` announces the position.
 * A plot focused by a pointer keeps its keys for the transport.
 */
export function crosshair(canvas, { dims, place, say, start }) {
  const box = document.createElement('div');
  box.className = `crosshair dims-${dims}`;
  box.hidden = true;
  box.setAttribute('aria-hidden', 'true');
  const tag = document.createElement('span');
  box.append(tag);
  canvas.after(box);
  let pointer = false;
  let active = false;
  let at = null;

  const show = () => {
    const v = viewOf(canvas);
    if (!v || !at) return;
    const px = v.l + ((at.x - v.x0) / (v.x1 - v.x0)) * (v.w - v.l - v.r);
    const py = v.h - v.b - ((at.y - v.y0) / (v.y1 - v.y0)) * (v.h - v.t - v.b);
    box.style.left = `${canvas.offsetLeft + canvas.clientLeft}px`;
    box.style.top = `${canvas.offsetTop + canvas.clientTop}px`;
    box.style.width = `${v.w}px`;
    box.style.height = `${v.h}px`;
    box.style.setProperty('--x', `${px}px`);
    box.style.setProperty('--y', `${py}px`);
    box.style.setProperty('--top', `${v.t}px`);
    box.style.setProperty('--bottom', `${v.h - v.b}px`);
    const text = dims === 1 ? `x = ${short(at.x)}` : `(${short(at.x)}, ${short(at.y)})`;
    tag.textContent = `${text} · Enter places the start`;
    box.hidden = false;
    // The tag beside the line, on the side with room, and never past the canvas's edges
    // (measured at the left edge, where it has the whole width to lay out in).
    tag.style.left = '0px';
    const tw = Math.min(tag.offsetWidth, v.w - 4);
    const right = px + 6 + tw <= v.w - 2 || px < v.w / 2;
    tag.style.left = `${Math.max(2, Math.min(v.w - tw - 2, right ? px + 6 : px - 6 - tw))}px`;
    canvas.dataset.crosshair = JSON.stringify(at);
  };

  canvas.addEventListener('pointerdown', () => { pointer = true; });
  canvas.addEventListener('focus', () => {
    active = !pointer;
    pointer = false;
    if (!active) return;
    const v = viewOf(canvas);
    if (!v) return;
    const s = start?.();
    const inside = s && s.x > v.x0 && s.x < v.x1 && (dims === 1 || (s.y > v.y0 && s.y < v.y1));
    at = inside ? { x: s.x, y: dims === 1 ? (v.y0 + v.y1) / 2 : s.y } : { x: (v.x0 + v.x1) / 2, y: (v.y0 + v.y1) / 2 };
    show();
    say(t('cross.at', { at: dims === 1 ? `x = ${short(at.x)}` : `x = ${short(at.x)}, y = ${short(at.y)}` }));
  });
  canvas.addEventListener('blur', () => { active = false; box.hidden = true; });
  canvas.addEventListener('keydown', (ev) => {
    if (!active || !at || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    const v = viewOf(canvas);
    const big = ev.shiftKey ? 5 : 1;
    const dx = ((v.x1 - v.x0) / STEPS) * big;
    const dy = ((v.y1 - v.y0) / STEPS) * big;
    const move = { ArrowLeft: [-dx, 0], ArrowRight: [dx, 0], ArrowUp: [0, dy], ArrowDown: [0, -dy] }[ev.key];
    if (move && (dims === 2 || move[0] !== 0)) {
      at = { x: clamp(at.x + move[0], v.x0, v.x1), y: clamp(at.y + move[1], v.y0, v.y1) };
      show();
      say(dims === 1 ? `x = ${short(at.x)}` : `x = ${short(at.x)}, y = ${short(at.y)}`);
    } else if (ev.key === 'Enter') {
      place(round(at.x), round(at.y));
      say(t('cross.placed', { at: dims === 1 ? `x = ${short(at.x)}` : `x = ${short(at.x)}, y = ${short(at.y)}` }));
    } else if (ev.key === 'Escape') {
      active = false;
      box.hidden = true;
    } else return;
    // The plot's own keys: the page-wide transport keys must not see them.
    ev.preventDefault();
    ev.stopPropagation();
  });
  return box;
}

/**
 * A form "start at x [ ] y [ ] add start" after `anchor`: checks that both are numbers and
 * calls `place(x, y)`; a bad entry is reported under the form.
 */
export function startForm(anchor, place) {
  const form = document.createElement('form');
  form.className = 'start-entry';
  form.setAttribute('aria-label', t('cross.form'));
  form.dataset.i18nAriaLabel = 'cross.form';
  const field = (name, text) => {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'text';
    input.name = name;
    input.inputMode = 'decimal';
    input.autocomplete = 'off';
    input.size = 8;
    label.append(`${text} `, input);
    form.append(label);
    return input;
  };
  const words = document.createElement('span');
  words.textContent = t('cross.startat');
  words.dataset.i18n = 'cross.startat';
  form.append(words);
  const xs = field('start-x', 'x');
  const ys = field('start-y', 'y');
  const button = document.createElement('button');
  button.type = 'submit';
  button.textContent = t('cross.add');
  button.dataset.i18n = 'cross.add';
  const error = document.createElement('small');
  error.className = 'error';
  error.setAttribute('role', 'alert');
  error.id = `${anchor.closest('section')?.id ?? 'lesson'}-start-error`;
  xs.setAttribute('aria-describedby', error.id);
  ys.setAttribute('aria-describedby', error.id);
  form.append(button, error);
  anchor.after(form);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const bad = [[xs, 'x'], [ys, 'y']].find(([input]) => !(input.value.trim() !== '' && Number.isFinite(Number(readNumber(input.value)))));
    for (const input of [xs, ys]) input.removeAttribute('aria-invalid');
    if (bad) {
      bad[0].setAttribute('aria-invalid', 'true');
      error.textContent = t('cross.bad', { name: bad[1], got: bad[0].value });
      bad[0].focus();
      return;
    }
    error.textContent = '';
    place(Number(readNumber(xs.value)), Number(readNumber(ys.value)));
  });
  return form;
}

const clamp = (v, a, b) => Math.min(b, Math.max(a, v));
/** Crosshair positions to six significant digits (as a click places them). */
const round = (v) => Number(v.toPrecision(6));
const short = (v) => showNumber(String(Number(v.toPrecision(4))));
