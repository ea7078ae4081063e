//! Typed functions compiled to WebAssembly at run time: the core emits a tiny module from
//! the tape, the browser instantiates it, and the objective calls its exports.
//!
//! The generated module imports this module's memory and its gradient function stores
//! ∂f/∂x, ∂f/∂y into a two-cell buffer owned by the [`JitObjective`], so one call returns
//! the value and the gradient with no boxing.
//!
//! How Rust calls it (`jit.js`): the exports sit in the table of a 67-byte trampoline
//! module whose `call(slot, x, y)` is imported here as a wasm function, so a call goes
//! wasm → wasm → wasm with no JavaScript in between. `benchExpr` also measures the
//! routes through JavaScript: a one-line function with typed `f64` arguments
//! (`jitJsNs`), and `js_sys::Function::call2`, which boxes every number (`jitCall2Ns`).
//!
//! The module's loops over many points (the basin map's and the lanes' one call per step)
//! evaluate two points at a time in 128-bit SIMD (`f64x2`) lanes, with the numbers of the
//! scalar functions bit for bit; an engine that refuses that module (one without wasm
//! SIMD) gets the same module with scalar loops instead.
//!
//! A tape the emitter does not cover (sin, exp, ln, real exponents, …) keeps the
//! interpreter; so does any failure to compile or instantiate, any non-wasm build, a
//! browser where the start-up probe in `jit.js` fails (a tiny module registered and called
//! once), and a function whose first, checked call traps or disagrees with the
//! interpreter. A fallback is silent: the lesson runs the same numbers, interpreted.

use std::cell::Cell;
use std::rc::Rc;

use descent::Objective;
use descent::expr::{ExprObjective, wasm_emit};
use js_sys::{Function, Object, Reflect, Uint8Array, WebAssembly};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/jit.js")]
extern "C" {
    /// `table[slot](x, y)` through the trampoline module, wasm to wasm.
    fn jit_call(slot: i32, x: f64, y: f64) -> f64;
    /// `table[slot](x, y)` through a JavaScript call that turns any trap into an `Err`:
    /// the check of a newly registered function.
    #[wasm_bindgen(catch)]
    fn jit_call_checked(slot: i32, x: f64, y: f64) -> Result<f64, JsValue>;
    /// Puts a generated export in a free slot of the trampoline's table; throws if the
    /// one-time start-up probe found that run-time compiled functions do not work here.
    #[wasm_bindgen(catch)]
    fn jit_register(f: &Function) -> Result<i32, JsValue>;
    /// `table[slot](px, py, p1, p2, n)` through the trampoline: a generated loop over n
    /// points whose columns sit at those byte addresses of this module's memory.
    fn jit_call_many(slot: i32, px: i32, py: i32, p1: i32, p2: i32, n: i32);
    /// [`jit_call_many`] through JavaScript, turning any trap into an `Err`.
    #[wasm_bindgen(catch)]
    fn jit_call_many_checked(
        slot: i32,
        px: i32,
        py: i32,
        p1: i32,
        p2: i32,
        n: i32,
    ) -> Result<(), JsValue>;
    /// Frees a slot.
    fn jit_release(slot: i32);
    /// `f(x, y)` through a JavaScript function, for comparison.
    fn jit_call_js(f: &Function, x: f64, y: f64) -> f64;
}

/// A typed function backed by its compiled WebAssembly module: same values and exact
/// gradient as the interpreter (bit for bit, up to the sign of a zero partial).
pub struct JitObjective {
    interpreted: ExprObjective,
    dim: usize,
    /// The table slots of the value and value-and-gradient exports.
    value: i32,
    gradient: i32,
    /// The table slots of their loops over many points.
    value_many: i32,
    gradient_many: i32,
    /// Whether the loops are the SIMD ones.
    simd: bool,
    /// The value-and-gradient export itself, for the JavaScript routes of the benchmark.
    gradient_fn: Function,
    /// Where the generated gradient function stores the partials. Boxed so that its
    /// address, compiled into the module, never changes; `Cell`s because the module writes
    /// them behind Rust's back during [`jit_call`].
    out: Box<[Cell<f64>; 2]>,
}

impl std::fmt::Debug for JitObjective {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JitObjective")
            .field("function", &self.interpreted.text())
            .finish_non_exhaustive()
    }
}

/// The export `name` of `exports` as a function.
fn export(exports: &Object, name: &str) -> Option<Function> {
    Reflect::get(exports, &name.into()).ok()?.dyn_into().ok()
}

impl JitObjective {
    /// Compiles and instantiates `f`'s module, with SIMD loops over many points or, if the
    /// browser refuses those (or they fail their first call), scalar ones; `None` if its
    /// tape has an operation that is not native wasm arithmetic, or if the browser refuses
    /// both modules.
    pub fn new(f: &ExprObjective) -> Option<JitObjective> {
        Self::with_loops(f, true).or_else(|| Self::with_loops(f, false))
    }

    /// [`JitObjective::new`] with the SIMD loops (`simd`) or the scalar ones only.
    pub fn with_loops(f: &ExprObjective, simd: bool) -> Option<JitObjective> {
        if !cfg!(target_arch = "wasm32") {
            return None;
        }
        let out = Box::new([Cell::new(0.0), Cell::new(0.0)]);
        let address = u32::try_from(out.as_ptr() as usize).ok()?;
        let bytes = wasm_emit::emit(f.tape(), address, simd)?;
        let module = WebAssembly::Module::new(&Uint8Array::from(bytes.as_slice())).ok()?;
        let env = Object::new();
        Reflect::set(
            &env,
            &wasm_emit::MEMORY_IMPORT.1.into(),
            &wasm_bindgen::memory(),
        )
        .ok()?;
        let imports = Object::new();
        Reflect::set(&imports, &wasm_emit::MEMORY_IMPORT.0.into(), &env).ok()?;
        let instance = WebAssembly::Instance::new(&module, &imports).ok()?;
        let exports = instance.exports();
        let gradient_fn = export(&exports, wasm_emit::GRADIENT_EXPORT)?;
        let mut slots = Vec::with_capacity(4);
        for name in [
            wasm_emit::VALUE_EXPORT,
            wasm_emit::GRADIENT_EXPORT,
            wasm_emit::VALUE_MANY_EXPORT,
            wasm_emit::GRADIENT_MANY_EXPORT,
        ] {
            match export(&exports, name).map(|e| jit_register(&e)) {
                Some(Ok(slot)) => slots.push(slot),
                _ => {
                    slots.into_iter().for_each(jit_release);
                    return None;
                }
            }
        }
        // From here, dropping `jit` releases the slots.
        let jit = JitObjective {
            interpreted: f.clone(),
            dim: f.dim(),
            value: slots[0],
            gradient: slots[1],
            value_many: slots[2],
            gradient_many: slots[3],
            simd,
            gradient_fn,
            out,
        };
        jit.first_call_agrees().then_some(jit)
    }

    /// Calls both exports once through the checked route and compares them with the
    /// interpreter: false if a call traps or the numbers differ.
    fn first_call_agrees(&self) -> bool {
        let point = [0.625, -1.375];
        let p = &point[..self.dim.min(2)];
        let (a, b) = coordinates(p);
        let mut want = [0.0; 2];
        let v = self.interpreted.value_and_gradient(p, &mut want);
        let (Ok(value), Ok(with_gradient)) = (
            jit_call_checked(self.value, a, b),
            jit_call_checked(self.gradient, a, b),
        ) else {
            return false;
        };
        let mut got = [0.0; 2];
        self.read_gradient(&mut got);
        let scalar_ok = agrees(value, v)
            && agrees(with_gradient, v)
            && (0..p.len()).all(|i| agrees(got[i], want[i]));
        // The loops, on a batch of three copies of the point (a pair for the SIMD loop,
        // one left for the scalar one). The addresses come from mutable borrows: the
        // arrays are written through them during the call.
        let (xs, ys) = ([a; 3], [b; 3]);
        let (mut values, mut gx, mut gy) = ([0.0; 3], [0.0; 3], [0.0; 3]);
        let pv = address_mut(&mut values);
        let many_ok = jit_call_many_checked(self.value_many, address(&xs), address(&ys), pv, pv, 3)
            .is_ok()
            && jit_call_many_checked(
                self.gradient_many,
                address(&xs),
                address(&ys),
                address_mut(&mut gx),
                address_mut(&mut gy),
                3,
            )
            .is_ok();
        scalar_ok
            && many_ok
            && values.iter().all(|&w| agrees(w, v))
            && gx.iter().all(|&w| agrees(w, want[0]))
            && (p.len() < 2 || gy.iter().all(|&w| agrees(w, want[1])))
    }

    /// Runs the loop in `slot` over `n` points: columns `xs` (one per variable), results
    /// into `p1` (and `p2`). `false`, doing nothing, when a column is shorter than `n`.
    fn call_many(&self, slot: i32, xs: &[&[f64]], p1: &mut [f64], p2: Option<&mut [f64]>) -> bool {
        let n = p1.len();
        if xs.len() < self.dim
            || xs.iter().take(self.dim).any(|c| c.len() < n)
            || p2.as_ref().is_some_and(|c| c.len() < n)
        {
            return false;
        }
        let Ok(count) = i32::try_from(n) else {
            return false;
        };
        let px = address(xs[0]);
        let py = if self.dim > 1 { address(xs[1]) } else { px };
        let a1 = address_mut(p1);
        let a2 = p2.map_or(a1, address_mut);
        jit_call_many(slot, px, py, a1, a2, count);
        true
    }

    /// The interpreted function this one compiles.
    pub fn interpreted(&self) -> &ExprObjective {
        &self.interpreted
    }

    /// Whether the loops over many points are the SIMD ones.
    pub fn simd(&self) -> bool {
        self.simd
    }

    /// f(x), writing ∇f(x) into `g` (as many partials as fit), in one call.
    #[inline]
    pub fn value_and_gradient(&self, x: &[f64], g: &mut [f64]) -> f64 {
        let (a, b) = coordinates(x);
        let v = jit_call(self.gradient, a, b);
        self.read_gradient(g);
        v
    }

    /// Copies the partials the module stored into `g`. Plain indexing, no iterator
    /// adapters: the wasm build is optimised for size and would not inline them.
    #[inline(always)]
    fn read_gradient(&self, g: &mut [f64]) {
        if !g.is_empty() {
            g[0] = self.out[0].get();
        }
        if self.dim > 1 && g.len() > 1 {
            g[1] = self.out[1].get();
        }
    }

    /// [`JitObjective::value_and_gradient`] through a JavaScript function with typed
    /// arguments: kept to measure the difference (`benchExpr`).
    pub fn value_and_gradient_js(&self, x: &[f64], g: &mut [f64]) -> f64 {
        let (a, b) = coordinates(x);
        let v = jit_call_js(&self.gradient_fn, a, b);
        self.read_gradient(g);
        v
    }

    /// [`JitObjective::value_and_gradient`] through `js_sys::Function::call2`, boxing
    /// every number: kept to measure the difference (`benchExpr`).
    pub fn value_and_gradient_boxed(&self, x: &[f64], g: &mut [f64]) -> f64 {
        let (a, b) = coordinates(x);
        let v = self
            .gradient_fn
            .call2(&JsValue::UNDEFINED, &a.into(), &b.into())
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(f64::NAN);
        self.read_gradient(g);
        v
    }
}

impl Drop for JitObjective {
    fn drop(&mut self) {
        for slot in [
            self.value,
            self.gradient,
            self.value_many,
            self.gradient_many,
        ] {
            jit_release(slot);
        }
    }
}

/// The byte address of `s` in this module's memory, as the generated code takes it.
fn address(s: &[f64]) -> i32 {
    s.as_ptr() as usize as i32
}

/// [`address`] of a slice the generated code writes.
fn address_mut(s: &mut [f64]) -> i32 {
    s.as_mut_ptr() as usize as i32
}

/// Whether a compiled result `a` matches the interpreter's `b` (NaN matches NaN).
fn agrees(a: f64, b: f64) -> bool {
    a == b || (a.is_nan() && b.is_nan()) || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

/// The first two coordinates of `x`; missing ones read as NaN, as in the interpreter.
#[inline(always)]
fn coordinates(x: &[f64]) -> (f64, f64) {
    match *x {
        [] => (f64::NAN, f64::NAN),
        [a] => (a, f64::NAN),
        [a, b, ..] => (a, b),
    }
}

impl Objective for JitObjective {
    fn dim(&self) -> usize {
        self.dim
    }

    fn value(&self, x: &[f64]) -> f64 {
        let (a, b) = coordinates(x);
        jit_call(self.value, a, b)
    }

    fn gradient(&self, x: &[f64], g: &mut [f64]) {
        self.value_and_gradient(x, g);
    }

    fn has_exact_gradient(&self) -> bool {
        true
    }

    fn partial(&self, x: &[f64], i: usize) -> f64 {
        let mut g = [0.0; 2];
        self.value_and_gradient(x, &mut g);
        g.get(i).copied().unwrap_or(f64::NAN)
    }

    /// Exact, from the expression's tree (second derivatives are not compiled).
    fn hessian(&self, x: &[f64], h: &mut [f64]) {
        self.interpreted.hessian(x, h);
    }

    fn has_exact_hessian(&self) -> bool {
        true
    }

    /// One call for all the points: the generated loop evaluates them two at a time in
    /// SIMD lanes (or calls the value function point by point), inside the generated
    /// module.
    fn value_many(&self, xs: &[&[f64]], out: &mut [f64]) {
        if !self.call_many(self.value_many, xs, out, None) {
            descent::objective::value_pointwise(|p| self.value(p), xs, out);
        }
    }

    /// One call for all the points, as [`JitObjective::value_many`].
    fn gradient_many(&self, xs: &[&[f64]], g: &mut [&mut [f64]]) {
        let done = match g {
            [gx] if self.dim == 1 => self.call_many(self.gradient_many, xs, gx, None),
            [gx, gy, ..] if self.dim == 2 => self.call_many(self.gradient_many, xs, gx, Some(gy)),
            _ => false,
        };
        if !done {
            descent::objective::gradient_pointwise(|p, q| self.gradient(p, q), xs, g);
        }
    }
}

/// `f` as an objective for a run: compiled to WebAssembly when its tape allows (see
/// [`JitObjective`]), else the interpreter.
pub fn typed_objective(f: ExprObjective) -> Rc<dyn Objective> {
    match JitObjective::new(&f) {
        Some(jit) => Rc::new(jit),
        None => Rc::new(f),
    }
}

/// How typed functions run in this browser: `"compiled"` when a probe function (the
/// notebook's f(x, y)) compiles to WebAssembly at run time and passes the check the
/// lessons rely on, else `"interpreted"`.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = typedBackend)]
pub fn typed_backend() -> String {
    let compiled = descent::expr::compile("x^4 + y^4 - 2(x-y)^2", &["x", "y"])
        .ok()
        .and_then(|f| JitObjective::new(&f))
        .is_some();
    if compiled { "compiled" } else { "interpreted" }.into()
}
