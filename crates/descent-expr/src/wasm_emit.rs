//! A tape compiled to a tiny WebAssembly module, for the browser to instantiate and run at
//! native speed instead of interpreting the tape.
//!
//! The module imports one memory, `env.memory` (the caller's), and exports two functions
//! of `(x: f64, y: f64) -> f64` (a function of one variable ignores `y`):
//! - [`VALUE_EXPORT`] returns f(x, y);
//! - [`GRADIENT_EXPORT`] returns f(x, y) and stores ∂f/∂x (and ∂f/∂y for two variables)
//!   as little-endian `f64`s at the byte offset `out` (and `out + 8`) of that memory;
//!
//! and their loops over many points, [`VALUE_MANY_EXPORT`] and [`GRADIENT_MANY_EXPORT`]
//! (see `wasm_batch`), which either call the scalar functions point by point or, in a
//! module emitted with `simd`, evaluate two points at a time in `f64x2` lanes (the same
//! numbers, bit for bit; an engine without SIMD rejects that module, and the caller then
//! takes the scalar one).
//!
//! Only tapes whose instructions are native WebAssembly `f64` arithmetic compile: affine
//! forms, `+ − × ÷`, integer powers (as multiplications), `sqrt`, `abs`, `min`, `max`.
//! A tape with `sin`, `exp`, `ln`, a real or variable exponent, … gives `None` and keeps
//! the interpreter.
//!
//! The code is straight-line, one local per intermediate, and repeats the interpreter's
//! arithmetic operation for operation (the same forward-mode rules, the same
//! square-and-multiply as `powi`, the same zero-tangent rule), so values and partials equal
//! [`Tape::eval`]'s, and so the tree's ([`super::evaluate`]), bit for bit, except possibly
//! the sign of a zero partial. Tangents
//! that are known at compile time (a variable's seed 1 or 0, a constant's 0) are folded
//! away, and so are products by 1 and operations on two constants.
//!
//! Why a hand-written encoder rather than the `wasm-encoder` crate: the module needs five
//! sections, unsigned LEB128 and about thirty opcodes; the encoding part here (`emit`,
//! `section`, `name`, `uleb`, `Body::push`/`set`) is about 1 KB of the release wasm, and
//! the crate, general-purpose, would replace only that part while adding to what every
//! page load downloads. The whole run-time compiler, bindings included, adds about 14 KB
//! raw, 6 KB gzipped, to the release wasm (measured with `tests/bench/page.mjs`; the SIMD
//! loops added 2.3 KB raw, 1.2 KB gzipped).

use super::ast::Func;
use super::tape::{Instr, Tape};
pub use super::wasm_batch::{GRADIENT_MANY_EXPORT, VALUE_MANY_EXPORT};
use super::wasm_batch::{batch_body, simd_batch_body};
use super::wasm_body::{Body, Val};

/// The exported name of the value function `(x, y) -> f`.
pub const VALUE_EXPORT: &str = "f";
/// The exported name of the value-and-gradient function `(x, y) -> f`, which stores the
/// partials at the `out` offset given to [`emit`].
pub const GRADIENT_EXPORT: &str = "fg";
/// The module and field names of the imported memory.
pub const MEMORY_IMPORT: (&str, &str) = ("env", "memory");

/// Compiles `tape` (of one or two variables) to a WebAssembly module's bytes; the
/// gradient function stores the partials at byte offset `out` (8-byte aligned) of the
/// imported memory; with `simd`, the loops over many points use 128-bit SIMD (`f64x2`).
/// `None` if the tape uses an operation that is not native wasm arithmetic (see the module
/// documentation).
pub fn emit(tape: &Tape, out: u32, simd: bool) -> Option<Vec<u8>> {
    if tape.n_vars == 0 || tape.n_vars > 2 {
        return None;
    }
    let value = body(tape, 0, out)?;
    let gradient = body(tape, tape.n_vars, out)?;
    let (value_many, gradient_many) = if simd {
        (
            simd_batch_body(tape, 0, out)?,
            simd_batch_body(tape, tape.n_vars, out)?,
        )
    } else {
        (batch_body(0, 0, out)?, batch_body(1, tape.n_vars, out)?)
    };
    let mut m = b"\0asm\x01\0\0\0".to_vec();
    // Type 0: (f64, f64) -> f64; type 1: (i32, i32, i32, i32, i32) -> ().
    section(
        &mut m,
        1,
        &[
            2, 0x60, 2, F64, F64, 1, F64, 0x60, 5, I32, I32, I32, I32, I32, 0,
        ],
    );
    let mut imports = vec![1];
    name(&mut imports, MEMORY_IMPORT.0);
    name(&mut imports, MEMORY_IMPORT.1);
    imports.extend([0x02, 0x00, 0x00]); // memory, limits: min 0, no max
    section(&mut m, 2, &imports);
    section(&mut m, 3, &[4, 0, 0, 1, 1]);
    let mut exports = vec![4];
    for (i, export) in [
        VALUE_EXPORT,
        GRADIENT_EXPORT,
        VALUE_MANY_EXPORT,
        GRADIENT_MANY_EXPORT,
    ]
    .into_iter()
    .enumerate()
    {
        name(&mut exports, export);
        exports.extend([0x00, i as u8]);
    }
    section(&mut m, 7, &exports);
    let mut code = vec![4];
    for b in [value, gradient, value_many, gradient_many] {
        uleb(&mut code, b.len() as u32);
        code.extend(b);
    }
    section(&mut m, 10, &code);
    Some(m)
}

pub(super) const F64: u8 = 0x7C;
pub(super) const V128: u8 = 0x7B;
const I32: u8 = 0x7F;

/// Opcodes used by the emitter.
pub(super) mod op {
    pub const SELECT: u8 = 0x1B;
    pub const LOCAL_GET: u8 = 0x20;
    pub const LOCAL_SET: u8 = 0x21;
    pub const F64_STORE: u8 = 0x39;
    pub const I32_CONST: u8 = 0x41;
    pub const F64_CONST: u8 = 0x44;
    pub const F64_EQ: u8 = 0x61;
    pub const F64_LT: u8 = 0x63;
    pub const F64_GT: u8 = 0x64;
    pub const F64_ABS: u8 = 0x99;
    pub const F64_NEG: u8 = 0x9A;
    pub const F64_SQRT: u8 = 0x9F;
    pub const F64_ADD: u8 = 0xA0;
    pub const F64_MUL: u8 = 0xA2;
    pub const F64_DIV: u8 = 0xA3;
    pub const END: u8 = 0x0B;
    /// The prefix of the SIMD opcodes, each followed by its number as unsigned LEB128
    /// (one byte for these three).
    pub const SIMD_PREFIX: u8 = 0xFD;
    pub const V128_LOAD: u8 = 0x00;
    pub const V128_STORE: u8 = 0x0B;
    pub const V128_CONST: u8 = 0x0C;
}

/// Appends `v` as unsigned LEB128.
pub(super) fn uleb(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let byte = (v & 0x7F) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn name(out: &mut Vec<u8>, s: &str) {
    uleb(out, s.len() as u32);
    out.extend(s.as_bytes());
}

fn section(out: &mut Vec<u8>, id: u8, payload: &[u8]) {
    out.push(id);
    uleb(out, payload.len() as u32);
    out.extend(payload);
}

/// The body of the value function (`lanes` 0) or of the value-and-gradient function
/// (`lanes` = number of variables, stored at `out`).
fn body(tape: &Tape, lanes: usize, out: u32) -> Option<Vec<u8>> {
    let mut b = Body {
        code: Vec::new(),
        locals: 2,
        simd: false,
    };
    let vars: Vec<Val> = (0..tape.n_vars).map(|i| Val::Local(i as u32)).collect();
    let (value, tangents) = straight(&mut b, tape, &vars, lanes)?;
    finish(b, value, &tangents, out)
}

/// Emits the tape's straight-line code into `b`, the variables being `vars`: returns the
/// result's value and its tangent in each of `lanes` lanes (the partials); `None` for a
/// tape with an instruction the emitter leaves to the interpreter.
pub(super) fn straight(
    b: &mut Body,
    tape: &Tape,
    vars: &[Val],
    lanes: usize,
) -> Option<(Val, Vec<Val>)> {
    // Slot values, and each lane's tangents (lane l of slot s: tan[l][s]).
    let mut val: Vec<Val> = vars.to_vec();
    val.extend(tape.consts.iter().map(|&c| Val::Const(c)));
    let mut tan: Vec<Vec<Val>> = (0..lanes)
        .map(|l| {
            let mut t: Vec<Val> = (0..tape.n_vars)
                .map(|i| Val::Const(if i == l { 1.0 } else { 0.0 }))
                .collect();
            t.resize(val.len(), Val::Const(0.0));
            t
        })
        .collect();
    for ins in &tape.instrs {
        match instruction(b, ins, &val, lanes)? {
            Emitted::Chain(v, slopes, outer) => {
                val.push(v);
                for lane in tan.iter_mut() {
                    let t = chain(b, lane, &slopes, outer);
                    lane.push(t);
                }
            }
            Emitted::Pick(a, bb, cmp) => {
                let (p, q) = (val[a as usize], val[bb as usize]);
                val.push(b.select(q, p, q, cmp, p));
                for lane in tan.iter_mut() {
                    let (ta, tb) = (lane[a as usize], lane[bb as usize]);
                    let t = if ta == tb {
                        ta
                    } else {
                        b.select(tb, ta, q, cmp, p)
                    };
                    lane.push(t);
                }
            }
        }
    }
    let r = tape.result as usize;
    Some((val[r], tan.iter().map(|lane| lane[r]).collect()))
}

/// What one instruction emitted: its value with each operand's local slope and the slope
/// of an outer power applied after them (the interpreter's order for a power of a linear
/// form); or, for min and max, the operands picked between and the comparison (the second
/// when it is strictly smaller, resp. larger, else the first, tangents included).
enum Emitted {
    Chain(Val, Vec<(u32, Val)>, Option<Val>),
    Pick(u32, u32, u8),
}

/// Emits the value of `ins` (and, with tangent lanes, its local slopes); `None` for an
/// instruction the emitter leaves to the interpreter.
fn instruction(b: &mut Body, ins: &Instr, val: &[Val], lanes: usize) -> Option<Emitted> {
    let x = |i: u32| val[i as usize];
    let c = Val::Const;
    let (v, slopes) = match *ins {
        Instr::Affine { .. }
        | Instr::Lin2 { .. }
        | Instr::Lin3 { .. }
        | Instr::PowAffine { .. }
        | Instr::PowLin2 { .. } => return Some(emit_linear(b, ins, val, lanes)),
        Instr::Mul(a, bb) => (b.mul(x(a), x(bb)), vec![(a, x(bb)), (bb, x(a))]),
        Instr::Div(a, bb) => {
            let (p, q) = (x(a), x(bb));
            let v = b.div(p, q);
            if lanes == 0 {
                (v, vec![])
            } else {
                let sa = b.div(c(1.0), q);
                let nv = b.unary(op::F64_NEG, v);
                (v, vec![(a, sa), (bb, b.div(nv, q))])
            }
        }
        Instr::Recip(a, k) => {
            let p = x(a);
            let v = b.div(c(k), p);
            if lanes == 0 {
                (v, vec![])
            } else {
                let nv = b.unary(op::F64_NEG, v);
                (v, vec![(a, b.div(nv, p))])
            }
        }
        Instr::Square(a) => power(b, x(a), a, 2, lanes),
        Instr::Cube(a) => power(b, x(a), a, 3, lanes),
        Instr::Pow4(a) => power(b, x(a), a, 4, lanes),
        Instr::Powi(a, n) => power(b, x(a), a, n, lanes),
        Instr::Call(Func::Sqrt, a) => {
            let v = b.unary(op::F64_SQRT, x(a));
            if lanes == 0 {
                (v, vec![])
            } else {
                (v, vec![(a, b.div(c(0.5), v))])
            }
        }
        Instr::Call(Func::Abs, a) => {
            let v = b.unary(op::F64_ABS, x(a));
            if lanes == 0 {
                (v, vec![])
            } else {
                // 1 for x > 0, −1 for x < 0, 0 at 0 (and for NaN).
                let zero = c(0.0);
                let neg = b.select(c(-1.0), zero, x(a), op::F64_LT, zero);
                (v, vec![(a, b.select(c(1.0), neg, x(a), op::F64_GT, zero))])
            }
        }
        Instr::Min(a, bb) => return Some(Emitted::Pick(a, bb, op::F64_LT)),
        Instr::Max(a, bb) => return Some(Emitted::Pick(a, bb, op::F64_GT)),
        Instr::Powf(..) | Instr::Pow(..) | Instr::Call(..) => return None,
    };
    Some(Emitted::Chain(v, slopes, None))
}

/// Emits a linear form of one to three terms, or an integer power of one or two.
fn emit_linear(b: &mut Body, ins: &Instr, val: &[Val], lanes: usize) -> Emitted {
    let x = |i: u32| val[i as usize];
    let c = Val::Const;
    let (k, terms, n): (f64, Vec<(u32, f64)>, Option<i32>) = match *ins {
        Instr::Affine { a, ca, k } => (k, vec![(a, ca)], None),
        Instr::Lin2 {
            a,
            ca,
            b: bb,
            cb,
            k,
        } => (k, vec![(a, ca), (bb, cb)], None),
        Instr::Lin3 {
            a,
            ca,
            b: bb,
            cb,
            c: cc_slot,
            cc,
            k,
        } => (k, vec![(a, ca), (bb, cb), (cc_slot, cc)], None),
        Instr::PowAffine { a, ca, k, n } => (k, vec![(a, ca)], Some(n)),
        Instr::PowLin2 {
            a,
            ca,
            b: bb,
            cb,
            k,
            n,
        } => (k, vec![(a, ca), (bb, cb)], Some(n)),
        _ => unreachable!("instruction passes linear forms only"),
    };
    let operands: Vec<(f64, Val)> = terms.iter().map(|&(s, w)| (w, x(s))).collect();
    let u = b.linear(k, &operands);
    let slopes = terms.iter().map(|&(s, w)| (s, c(w))).collect();
    match n {
        None => Emitted::Chain(u, slopes, None),
        Some(n) => {
            let (v, dv) = b.int_power(u, n, lanes > 0);
            Emitted::Chain(v, slopes, Some(dv))
        }
    }
}

/// One lane's tangent of an instruction: the sum of its operands' tangents times their
/// slopes, times the outer power's slope when there is one.
fn chain(b: &mut Body, lane: &[Val], slopes: &[(u32, Val)], outer: Option<Val>) -> Val {
    let mut sum: Option<Val> = None;
    for &(slot, slope) in slopes {
        if let Some(term) = b.carry(lane[slot as usize], slope) {
            sum = Some(match sum {
                None => term,
                Some(s) => b.add(s, term),
            });
        }
    }
    let t = match (sum, outer) {
        (Some(du), Some(dv)) => b.carry(du, dv),
        (sum, _) => sum,
    };
    t.unwrap_or(Val::Const(0.0))
}

/// Stores each lane's tangent of the result at `out` (8 bytes a lane), returns the value,
/// and prepends the locals' declaration: the function's body.
fn finish(mut b: Body, value: Val, tangents: &[Val], out: u32) -> Option<Vec<u8>> {
    for (l, &t) in tangents.iter().enumerate() {
        b.code.extend([op::I32_CONST, 0]);
        b.push(t);
        b.code.extend([op::F64_STORE, 3]);
        uleb(&mut b.code, out.checked_add(8 * l as u32)?);
    }
    b.push(value);
    b.code.push(op::END);
    let mut f = Vec::new();
    if b.locals > 2 {
        f.extend([1]);
        uleb(&mut f, b.locals - 2);
        f.push(F64);
    } else {
        f.push(0);
    }
    f.extend(b.code);
    Some(f)
}

/// Value and slope list of `x(a)ⁿ` (slopes only when there are tangent lanes).
fn power(b: &mut Body, u: Val, a: u32, n: i32, lanes: usize) -> (Val, Vec<(u32, Val)>) {
    let (v, dv) = b.int_power(u, n, lanes > 0);
    (v, if lanes == 0 { vec![] } else { vec![(a, dv)] })
}
