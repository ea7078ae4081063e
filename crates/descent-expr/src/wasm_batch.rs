//! The batch functions of a compiled tape's module: loops that evaluate many points per
//! call, so that a basin map's 256 lanes cost one call from the main module, not 256.
//!
//! Both take `(px, py, p1, p2, n)`, byte addresses of `f64` columns in the imported memory
//! and a point count, and call the module's scalar functions point by point, so that each
//! point's numbers are those of a scalar call, bit for bit:
//! - [`VALUE_MANY_EXPORT`] stores f(px[i], py[i]) at p1[i] (p2 unused);
//! - [`GRADIENT_MANY_EXPORT`] stores ∂f/∂x at p1[i] and, for two variables, ∂f/∂y at p2[i].
//!
//! A function of one variable ignores `py` (pass `px` again).

use super::wasm_emit::{op, uleb};

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
/// Alignment (log2 of 8 bytes) of every load and store.
const ALIGN: u8 = 3;

/// The body of a batch function calling the scalar function `scalar` (0: value, 1: value
/// and gradient, whose partials it stores at `out`); `lanes` partials are copied out (0
/// for the value function).
pub(super) fn batch_body(scalar: u32, lanes: usize, out: u32) -> Option<Vec<u8>> {
    let mut c = vec![0]; // no locals besides the parameters
    let get = |c: &mut Vec<u8>, l: u8| c.extend([op::LOCAL_GET, l]);
    c.extend([BLOCK, VOID]);
    get(&mut c, N);
    c.extend([I32_EQZ, BR_IF, 0]);
    c.extend([LOOP, VOID]);
    if lanes == 0 {
        get(&mut c, P1);
    }
    get(&mut c, PX);
    c.extend([F64_LOAD, ALIGN, 0]);
    get(&mut c, PY);
    c.extend([F64_LOAD, ALIGN, 0]);
    c.push(CALL);
    uleb(&mut c, scalar);
    if lanes == 0 {
        c.extend([op::F64_STORE, ALIGN, 0]);
    } else {
        c.push(DROP);
        for (l, column) in [P1, P2].into_iter().enumerate().take(lanes) {
            get(&mut c, column);
            c.extend([op::I32_CONST, 0, F64_LOAD, ALIGN]);
            uleb(&mut c, out.checked_add(8 * l as u32)?);
            c.extend([op::F64_STORE, ALIGN, 0]);
        }
    }
    for column in [PX, PY, P1, P2] {
        get(&mut c, column);
        c.extend([op::I32_CONST, 8, I32_ADD, op::LOCAL_SET, column]);
    }
    get(&mut c, N);
    c.extend([op::I32_CONST, 1, I32_SUB, LOCAL_TEE, N, BR_IF, 0]);
    c.extend([op::END, op::END, op::END]);
    Some(c)
}
