//! The batch functions of a compiled tape's module: loops that evaluate many points per
//! call, so that a basin map's 256 lanes cost one call from the main module, not 256.
//!
//! Both take `(px, py, p1, p2, n)`, byte addresses of `f64` columns in the imported memory
//! and a point count, and give each point the numbers of a scalar call, bit for bit:
//! - [`VALUE_MANY_EXPORT`] stores f(px[i], py[i]) at p1[i] (p2 unused);
//! - [`GRADIENT_MANY_EXPORT`] stores ∂f/∂x at p1[i] and, for two variables, ∂f/∂y at p2[i].
//!
//! A function of one variable ignores `py` (pass `px` again).
//!
//! The scalar loops ([`batch_body`]) call the module's scalar functions point by point.
//! The SIMD loops ([`simd_batch_body`]) hold the tape's straight-line code in `f64x2`
//! form (see `wasm_body`): each iteration loads two points with `v128.load`, evaluates
//! both in the two lanes and stores both results with `v128.store`, with no call; the
//! last point of an odd count goes through the scalar loop.

use super::tape::Tape;
use super::wasm_body::{Body, Val};
use super::wasm_emit::{V128, op, straight, uleb};

/// The exported name of the batch value function.
pub const VALUE_MANY_EXPORT: &str = "fn";
/// The exported name of the batch gradient function.
pub const GRADIENT_MANY_EXPORT: &str = "fgn";

/// The parameters of a batch function, as locals.
const PX: u8 = 0;
const PY: u8 = 1;
const P1: u8 = 2;
const P2: u8 = 3;
const N: u8 = 4;

/// Extra opcodes of the loops.
const BLOCK: u8 = 0x02;
const LOOP: u8 = 0x03;
const VOID: u8 = 0x40;
const BR_IF: u8 = 0x0D;
const CALL: u8 = 0x10;
const DROP: u8 = 0x1A;
const LOCAL_TEE: u8 = 0x22;
const F64_LOAD: u8 = 0x2B;
const I32_EQZ: u8 = 0x45;
const I32_ADD: u8 = 0x6A;
const I32_SUB: u8 = 0x6B;
const I32_LT_S: u8 = 0x48;
const BR: u8 = 0x0C;
/// Alignment (log2 of 8 bytes) of every load and store.
const ALIGN: u8 = 3;

/// The body of a batch function calling the scalar function `scalar` (0: value, 1: value
/// and gradient, whose partials it stores at `out`); `lanes` partials are copied out (0
/// for the value function).
pub(super) fn batch_body(scalar: u32, lanes: usize, out: u32) -> Option<Vec<u8>> {
    let mut c = vec![0]; // no locals besides the parameters
    scalar_loop(&mut c, scalar, lanes, out)?;
    c.push(op::END);
    Some(c)
}

/// Appends the loop over the `n` points left, calling `scalar` for each (few `extend`
/// calls: each is inlined, and this code ships in every page load).
fn scalar_loop(c: &mut Vec<u8>, scalar: u32, lanes: usize, out: u32) -> Option<()> {
    c.extend([BLOCK, VOID, op::LOCAL_GET, N, I32_EQZ, BR_IF, 0, LOOP, VOID]);
    if lanes == 0 {
        c.extend([op::LOCAL_GET, P1]);
    }
    c.extend([op::LOCAL_GET, PX, F64_LOAD, ALIGN, 0]);
    c.extend([op::LOCAL_GET, PY, F64_LOAD, ALIGN, 0, CALL]);
    uleb(c, scalar);
    if lanes == 0 {
        c.extend([op::F64_STORE, ALIGN, 0]);
    } else {
        c.push(DROP);
        for (l, column) in [P1, P2].into_iter().enumerate().take(lanes) {
            c.extend([op::LOCAL_GET, column, op::I32_CONST, 0, F64_LOAD, ALIGN]);
            uleb(c, out.checked_add(8 * l as u32)?);
            c.extend([op::F64_STORE, ALIGN, 0]);
        }
    }
    advance(c, 8);
    c.extend([
        op::LOCAL_GET,
        N,
        op::I32_CONST,
        1,
        I32_SUB,
        LOCAL_TEE,
        N,
        BR_IF,
        0,
    ]);
    c.extend([op::END, op::END]);
    Some(())
}

/// Appends the step of the four column addresses to the next point (`bytes` 8) or pair
/// of points (16).
fn advance(c: &mut Vec<u8>, bytes: u8) {
    for column in [PX, PY, P1, P2] {
        c.extend([
            op::LOCAL_GET,
            column,
            op::I32_CONST,
            bytes,
            I32_ADD,
            op::LOCAL_SET,
            column,
        ]);
    }
}

/// The first local after the five parameters: the two-lane x, then y, then the
/// intermediates.
const FIRST_LOCAL: u8 = 5;

/// The body of a SIMD batch function: the tape's value (`lanes` 0, stored at p1) or its
/// `lanes` partials (stored at p1 and p2), two points per iteration, then the scalar loop
/// (calling scalar function `scalar`, as [`batch_body`]) for an odd last point.
pub(super) fn simd_batch_body(tape: &Tape, lanes: usize, out: u32) -> Option<Vec<u8>> {
    // Fewer than two points left: on to the scalar loop.
    let mut c = vec![BLOCK, VOID, LOOP, VOID, op::LOCAL_GET, N];
    c.extend([op::I32_CONST, 2, I32_LT_S, BR_IF, 1]);
    let n_vars = tape.n_vars as u8; // 1 or 2
    let mut vars = Vec::new();
    for v in 0..n_vars {
        // Two points' x (from px) or y (from py) into one local.
        let (column, local) = (PX + v, FIRST_LOCAL + v);
        c.extend([
            op::LOCAL_GET,
            column,
            op::SIMD_PREFIX,
            op::V128_LOAD,
            ALIGN,
            0,
        ]);
        c.extend([op::LOCAL_SET, local]);
        vars.push(Val::Local(u32::from(local)));
    }
    let mut b = Body {
        code: c,
        locals: u32::from(FIRST_LOCAL + n_vars),
        simd: true,
    };
    let (value, tangents) = straight(&mut b, tape, &vars, lanes)?;
    let results = if lanes == 0 { vec![value] } else { tangents };
    for (column, r) in [P1, P2].into_iter().zip(results) {
        b.code.extend([op::LOCAL_GET, column]);
        b.push(r);
        b.code.extend([op::SIMD_PREFIX, op::V128_STORE, ALIGN, 0]);
    }
    let locals = b.locals - u32::from(FIRST_LOCAL);
    let mut c = b.code;
    advance(&mut c, 16);
    c.extend([
        op::LOCAL_GET,
        N,
        op::I32_CONST,
        2,
        I32_SUB,
        op::LOCAL_SET,
        N,
    ]);
    c.extend([BR, 0, op::END, op::END]);
    scalar_loop(&mut c, u32::from(lanes > 0), lanes, out)?;
    c.push(op::END);
    let mut f = vec![1];
    uleb(&mut f, locals);
    f.push(V128);
    f.extend(c);
    Some(f)
}
