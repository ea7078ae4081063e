//! Breaks run-time registration of wasm functions the way some WebKit releases do: a
//! function stored into a funcref table (by `set`, or as `grow`'s initial value) is dropped,
//! so `call_indirect` through that slot traps on a null entry. Other tables (wasm-bindgen's
//! externref table) are left alone.

/// Breaks (or, with `false`, repairs) every funcref table's `set` and `grow` in this page.
pub fn break_funcref_tables(broken: bool) {
    js_sys::eval(if broken { BREAK } else { REPAIR }).expect("patching WebAssembly.Table");
}

/// Script source: patches `WebAssembly.Table.prototype` once, keeping the originals.
const BREAK: &str = "(() => {
  const t = WebAssembly.Table.prototype;
  if (t.realSet) return;
  const set = t.set, grow = t.grow;
  t.realSet = set; t.realGrow = grow;
  const funcref = (table) => { try { grow.call(table, 0, {}); return false; } catch { return true; } };
  t.set = function (i, v) { if (v != null && funcref(this)) return; return set.apply(this, arguments); };
  t.grow = function (n, v) { return v != null && funcref(this) ? grow.call(this, n) : grow.apply(this, arguments); };
})()";

/// Script source: restores the original `set` and `grow`.
const REPAIR: &str = "(() => {
  const t = WebAssembly.Table.prototype;
  if (!t.realSet) return;
  t.set = t.realSet; t.grow = t.realGrow;
  delete t.realSet; delete t.realGrow;
})()";
