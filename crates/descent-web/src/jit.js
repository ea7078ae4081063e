// Calls into typed functions compiled to WebAssembly at run time (see jit.rs).
//
// `jit_call` is not a JavaScript function: it is the export of a 67-byte wasm module whose
// `call(slot, x, y)` does `call_indirect` on `table[slot]`. Imported by the main module as
// a wasm function, V8 calls it directly, wasm to wasm, and it calls the generated function
// without passing through JavaScript. The module, in text form:
//   (module
//     (type $ff (func (param f64 f64) (result f64)))
//     (table $t 0 funcref)
//     (func (export "call") (param i32 f64 f64) (result f64)
//       (call_indirect (type $ff) (local.get 1) (local.get 2) (local.get 0)))
//     (export "table" (table $t)))
const bytes = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0e, 0x02, 0x60, 0x02, 0x7c, 0x7c,
  0x01, 0x7c, 0x60, 0x03, 0x7f, 0x7c, 0x7c, 0x01, 0x7c, 0x03, 0x02, 0x01, 0x01, 0x04, 0x04,
  0x01, 0x70, 0x00, 0x00, 0x07, 0x10, 0x02, 0x04, 0x63, 0x61, 0x6c, 0x6c, 0x00, 0x00, 0x05,
  0x74, 0x61, 0x62, 0x6c, 0x65, 0x01, 0x00, 0x0a, 0x0d, 0x01, 0x0b, 0x00, 0x20, 0x01, 0x20,
  0x02, 0x20, 0x00, 0x11, 0x00, 0x00, 0x0b,
]);
let trampoline = null;
try {
  trampoline = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports;
} catch {
  // Compiling wasm refused (e.g. by a content security policy): jit_register throws, and
  // typed functions keep the interpreter.
}
const free = [];

/** `table[slot](x, y)`, wasm to wasm. */
export const jit_call = trampoline ? trampoline.call : () => NaN;

/** Puts the generated export `f` in a free table slot and returns the slot. */
export function jit_register(f) {
  if (!trampoline) throw new Error('no wasm trampoline');
  const table = trampoline.table;
  if (free.length > 0) {
    const slot = free.pop();
    table.set(slot, f);
    return slot;
  }
  return table.grow(1, f);
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
