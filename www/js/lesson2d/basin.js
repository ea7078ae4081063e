// The basin-map job: Rust computes a few rows per animation frame; progress and cancel.

/** Runs `handle.advance` within ~10 ms per frame until done or cancelled. */
export class BasinJob {
  /**
   * @param {object} handle  a wasm Basin2D
   * @param {{onProgress: (fraction: number) => void, onDone: (cancelled: boolean) => void}} hooks
   */
  constructor(handle, { onProgress, onDone }) {
    this.handle = handle;
    this.onProgress = onProgress;
    this.onDone = onDone;
    this.cancelled = false;
    this.frame = this.frame.bind(this);
    requestAnimationFrame(this.frame);
  }

  frame() {
    if (this.cancelled) return;
    const t0 = performance.now();
    let rows = 1;
    while (!this.handle.isDone() && performance.now() - t0 < 10) this.handle.advance(rows++ > 4 ? 4 : 1);
    this.onProgress(this.handle.progress());
    if (this.handle.isDone()) { this.onDone(false); return; }
    requestAnimationFrame(this.frame);
  }

  cancel() {
    if (this.cancelled) return;
    this.cancelled = true;
    this.handle.cancel();
    this.onDone(true);
  }
}
