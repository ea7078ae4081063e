// Calls into typed functions compiled to WebAssembly at run time (see jit.rs).
//
// `jit_call` is not a JavaScript function: it is an export of a 110-byte wasm module whose
// `call(slot, x, y)` does `call_indirect` on `table[slot]`. Imported by the main module as
// a wasm function, V8 calls it directly, wasm to wasm, and it calls the generated function
// without passing through JavaScript. `jit_call_many` is its `many(slot, px, py, p1, p2, n)`,
// the same for the generated loops over n points. The module, in text form:
//   (module
//     (type $ff (func (param f64 f64) (result f64)))
//     (type $many (func (param i32 i32 i32 i32 i32)))
//     (table $t 0 funcref)
//     (func (export "call") (param i32 f64 f64) (result f64)
//       (call_indirect (type $ff) (local.get 1) (local.get 2) (local.get 0)))
//     (func (export "many") (param i32 i32 i32 i32 i32 i32)
//       (call_indirect (type $many) (local.get 1) (local.get 2) (local.get 3) (local.get 4)
//         (local.get 5) (local.get 0)))
//     (export "table" (table $t)))
const bytes = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x1f, 0x04, 0x60, 0x03, 0x7f, 0x7c,
  0x7c, 0x01, 0x7c, 0x60, 0x02, 0x7c, 0x7c, 0x01, 0x7c, 0x60, 0x06, 0x7f, 0x7f, 0x7f, 0x7f,
  0x7f, 0x7f, 0x00, 0x60, 0x05, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x00, 0x03, 0x03, 0x02, 0x00,
  0x02, 0x04, 0x04, 0x01, 0x70, 0x00, 0x00, 0x07, 0x17, 0x03, 0x04, 0x63, 0x61, 0x6c, 0x6c,
  0x00, 0x00, 0x04, 0x6d, 0x61, 0x6e, 0x79, 0x00, 0x01, 0x05, 0x74, 0x61, 0x62, 0x6c, 0x65,
  0x01, 0x00, 0x0a, 0x1f, 0x02, 0x0b, 0x00, 0x20, 0x01, 0x20, 0x02, 0x20, 0x00, 0x11, 0x01,
  0x00, 0x0b, 0x11, 0x00, 0x20, 0x01, 0x20, 0x02, 0x20, 0x03, 0x20, 0x04, 0x20, 0x05, 0x20,
  0x00, 0x11, 0x03, 0x00, 0x0b,
]);
let trampoline = null;
try {
  trampoline = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports;
} catch {
  // Compiling wasm refused (e.g. by a content security policy): jit_register throws, and
  // typed functions keep the interpreter.
}
const free = [];

// A module whose export `f(x, y)` returns x + 2y, the start-up probe's test function:
//   (module (func (export "f") (param f64 f64) (result f64)
//     (f64.add (local.get 0) (f64.add (local.get 1) (local.get 1)))))
const probeBytes = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x07, 0x01, 0x60, 0x02, 0x7c, 0x7c,
  0x01, 0x7c, 0x03, 0x02, 0x01, 0x00, 0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00, 0x0a, 0x0c,
  0x01, 0x0a, 0x00, 0x20, 0x00, 0x20, 0x01, 0x20, 0x01, 0xa0, 0xa0, 0x0b,
]);
let probed = null;

/** Puts `f` in a table slot: a freed one, else a new one (grown empty, then set). */
function place(f) {
  const table = trampoline.table;
  if (free.length > 0) {
    const slot = free.pop();
    table.set(slot, f);
    return slot;
  }
  // Not `table.grow(1, f)`: some WebKit releases store `f` so that `table.get` sees it but
  // `call_indirect` traps on a null entry. Growing empty and then setting works everywhere.
  const slot = table.grow(1);
  table.set(slot, f);
  return slot;
}

/**
 * Whether run-time compiled functions work in this browser, found once: compile a tiny
 * module, register its export, call it through the trampoline and check the answer.
 */
function probe() {
  if (probed === null) {
    probed = false;
    if (trampoline) {
      let slot = null;
      try {
        const f = new WebAssembly.Instance(new WebAssembly.Module(probeBytes), {}).exports.f;
        slot = place(f);
        probed = trampoline.call(slot, 1.5, 2.25) === 6;
      } catch {
        // Any failure (refused compile, a trap in call_indirect): keep the interpreter.
      }
      if (slot !== null) jit_release(slot);
    }
  }
  return probed;
}

/** `table[slot](x, y)`, wasm to wasm. */
export const jit_call = trampoline ? trampoline.call : () => NaN;

/** `table[slot](px, py, p1, p2, n)`, wasm to wasm: a generated loop over n points. */
export const jit_call_many = trampoline ? trampoline.many : () => {};

/** `table[slot](px, py, p1, p2, n)` from JavaScript, for the checked first call. */
export function jit_call_many_checked(slot, px, py, p1, p2, n) {
  trampoline.many(slot, px, py, p1, p2, n);
}

/**
 * `table[slot](x, y)` from JavaScript, catching any trap: the first call of a newly
 * registered function goes here, so a failure falls back instead of unwinding the lesson.
 */
export function jit_call_checked(slot, x, y) {
  return trampoline.call(slot, x, y);
}

/**
 * Puts the generated export `f` in a free table slot and returns the slot; throws if the
 * start-up probe found that compiled functions do not work here.
 */
export function jit_register(f) {
  if (!probe()) throw new Error('run-time compiled functions are unavailable');
  return place(f);
}

/** Empties `slot` (its function can be collected) for reuse. */
export function jit_release(slot) {
  trampoline.table.set(slot, null);
  free.push(slot);
}

/** `f(x, y)` from JavaScript, the slower route that `benchExpr` compares with. */
export function jit_call_js(f, x, y) {
  return f(x, y);
}
