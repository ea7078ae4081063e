//! The scalar loops of the compiled modules where the engine refuses wasm SIMD, in headless
//! Chromium: `WebAssembly.Module` is patched to reject every module with `v128` locals,
//! as an engine without SIMD rejects it, and typed functions still compile, with scalar
//! loops over many points that give the same numbers.
#![cfg(target_arch = "wasm32")]

use descent::Objective;
use descent::expr::compile;
use descent_web::JitObjective;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Script source: `new WebAssembly.Module(bytes)` throws a `CompileError` for a module
/// whose bytes hold a `v128` local declaration followed by `block` and `loop` (how the
/// generated SIMD loops begin), as an engine without SIMD would.
const REFUSE_SIMD: &str = "(() => {
  const Real = WebAssembly.Module;
  const refuse = (b) => b.some((v, i) => v === 0x7b && b[i + 1] === 0x02 && b[i + 2] === 0x40 && b[i + 3] === 0x03 && b[i + 4] === 0x40);
  function Module(bytes) {
    if (refuse(new Uint8Array(bytes.buffer ?? bytes, bytes.byteOffset ?? 0, bytes.byteLength))) throw new WebAssembly.CompileError('v128: SIMD unsupported (test)');
    return new Real(bytes);
  }
  Module.prototype = Real.prototype;
  WebAssembly.RealModule = Real;
  WebAssembly.Module = Module;
})()";

const RESTORE: &str = "WebAssembly.Module = WebAssembly.RealModule ?? WebAssembly.Module";

#[wasm_bindgen_test]
fn where_simd_is_refused_the_scalar_loops_give_the_same_numbers() {
    let f = compile("x^4 + y^4 - 2(x-y)^2 + min(x, y) / (1 + y^2)", &["x", "y"]).unwrap();
    let simd = JitObjective::new(&f).expect("compiles");
    assert!(simd.simd(), "SIMD loops where the engine has SIMD");
    js_sys::eval(REFUSE_SIMD).unwrap();
    let refused = JitObjective::with_loops(&f, true).is_none();
    let scalar = JitObjective::new(&f);
    js_sys::eval(RESTORE).unwrap();
    assert!(refused, "the patched engine refuses the SIMD module");
    let scalar = scalar.expect("the scalar module compiles");
    assert!(!scalar.simd());
    let xs: Vec<f64> = (0..101).map(|i| -3.0 + 0.06 * f64::from(i)).collect();
    let ys: Vec<f64> = xs.iter().map(|x| 1.5 - x * 0.7).collect();
    let cols = [&xs[..], &ys[..]];
    let (mut a, mut b) = (vec![0.0; 101], vec![0.0; 101]);
    simd.value_many(&cols, &mut a);
    scalar.value_many(&cols, &mut b);
    assert_eq!(a, b);
    let (mut ax, mut ay, mut bx, mut by) = (
        vec![0.0; 101],
        vec![0.0; 101],
        vec![0.0; 101],
        vec![0.0; 101],
    );
    simd.gradient_many(&cols, &mut [&mut ax[..], &mut ay[..]]);
    scalar.gradient_many(&cols, &mut [&mut bx[..], &mut by[..]]);
    assert_eq!((ax, ay), (bx, by));
}
