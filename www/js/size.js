// An element's size kept from ResizeObserver reports, so that drawing a frame never
// forces the browser to lay the page out again; and the scale at which it shows on screen
// (a slide deck scales its slides with a CSS transform), for sharp canvases and pointer
// positions that land where they were pressed.

/** The on-screen scale is kept within these bounds (a canvas never gets a huge backing store). */
const MIN_SCALE = 0.1;
const MAX_SCALE = 4;

/** Every live watch, re-measured when something may have changed a transform around it. */
const watches = new Set();
let queued = false;
function remeasure() {
  queued = false;
  for (const w of watches) {
    if (w.el.isConnected) w.measureScale(); else watches.delete(w);
  }
}
const later = () => {
  if (queued) return;
  queued = true;
  requestAnimationFrame(remeasure);
};
// A host scales its content on a window resize, in full screen, or at the end of a
// transition (a slide deck's overview mode): none of these changes an element's own size.
addEventListener('resize', later);
document.addEventListener('fullscreenchange', later);
addEventListener('transitionend', later, true);

/** The ratio of on-screen size to layout size, rounded to 1 %, within the bounds above. */
const ratio = (onScreen, layout) => (layout > 0 && onScreen > 0
  ? Math.min(MAX_SCALE, Math.max(MIN_SCALE, Math.round((onScreen / layout) * 100) / 100)) : 1);

export class SizeWatch {
  /**
   * Measures `el` once now, then follows its border-box size (CSS px of its own layout,
   * before any transform) and its on-screen scale.
   * @param {Element} el
   * @param {() => void} [onChange] called after the size or the scale changed
   */
  constructor(el, onChange) {
    this.el = el;
    this.onChange = onChange;
    const w = el instanceof HTMLElement ? el.offsetWidth : 0;
    const h = el instanceof HTMLElement ? el.offsetHeight : 0;
    const r = el.getBoundingClientRect();
    this.width = w || r.width;
    this.height = h || r.height;
    /** On-screen CSS px per layout px (1 unless an ancestor is scaled by a transform). */
    this.scale = w ? ratio(r.width, w) : 1;
    this.observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1].borderBoxSize?.[0];
      const { width, height } = box ? { width: box.inlineSize, height: box.blockSize } : el.getBoundingClientRect();
      const scale = ratio(el.getBoundingClientRect().width, width);
      if (width === this.width && height === this.height && (scale === this.scale || width === 0)) return;
      this.width = width;
      this.height = height;
      if (width > 0) this.scale = scale;
      onChange?.();
    });
    this.observer.observe(el);
    watches.add(this);
  }

  /** Re-reads the on-screen scale; calls onChange when it changed. */
  measureScale() {
    if (!(this.width > 0)) return;
    const scale = ratio(this.el.getBoundingClientRect().width, this.width);
    if (scale === this.scale) return;
    this.scale = scale;
    this.onChange?.();
  }

  /**
   * The position of a pointer event (or any `{clientX, clientY}`) in the element's own
   * layout CSS px, from its top-left corner: the on-screen offset divided by the element's
   * real on-screen scale in each direction.
   */
  local(ev) {
    const r = this.el.getBoundingClientRect();
    const sx = this.width > 0 && r.width > 0 ? r.width / this.width : 1;
    const sy = this.height > 0 && r.height > 0 ? r.height / this.height : 1;
    return { x: (ev.clientX - r.left) / sx, y: (ev.clientY - r.top) / sy, sx, sy };
  }
}
