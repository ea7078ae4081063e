// An element's size kept from ResizeObserver reports, so that drawing a frame never
// forces the browser to lay the page out again.

export class SizeWatch {
  /**
   * Measures `el` once now, then follows its border-box size.
   * @param {Element} el
   * @param {() => void} [onChange] called after the size changed
   */
  constructor(el, onChange) {
    const r = el.getBoundingClientRect();
    this.width = r.width;
    this.height = r.height;
    this.observer = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1].borderBoxSize?.[0];
      const { width, height } = box ? { width: box.inlineSize, height: box.blockSize } : el.getBoundingClientRect();
      if (width === this.width && height === this.height) return;
      this.width = width;
      this.height = height;
      onChange?.();
    });
    this.observer.observe(el);
  }
}
