//! The compiler from syntax tree to tape: constant folding, common subexpressions,
//! integer powers as multiplications, and linear combinations fused into one instruction,
//! every one of them exact: the tape computes what [`evaluate`](super::evaluate) says, to
//! the bit, at every point.
//!
//! Stage 1 builds a hash-consed graph (each distinct operation once, `a + b` and `b + a`
//! shared, as IEEE addition and multiplication are commutative), folding every operation
//! whose operands are constants with the tree's own rules. Stage 2 lowers the graph:
//! sums, differences, negations and scalings form linear combinations Σ cᵢ·tᵢ + k of up to
//! three terms, summed left to right as the tree does, so that `x^4 + y^4 - 2*(x - y)^2`
//! becomes four instructions (x⁴, y⁴, (x − y)², and one three-term combination).
//!
//! Only rewrites that change no bit are made:
//! - c·t, t·c and −t are scalings of t, and so is t/c only when t/c = t·(1/c) exactly
//!   (c a power of two whose reciprocal is finite: `x/1e-320` stays a division, 0 at
//!   x = 0, where x·(1/1e-320) is NaN); a scaling of a scaling is merged only when one
//!   factor is ±1 (at x = 1e300, `1e-200*(1e200*x)` is +∞ while `(1e-200*1e200)*x` is
//!   1e300);
//! - a sum absorbs only its left operand's combination ((a + b) + c, never a + (b + c)),
//!   and −(a + b) is never distributed (it differs from −a − b in the sign of a zero);
//! - the constant term comes last, and is −0 when there is none (x + (−0) = x for every x,
//!   where 0 + x turns −0 into +0, and 1/(−x) at x = 0 became +∞);
//! - `u^1` is u, but `u^0` stays a power (its slope 0 times an infinite tangent is NaN,
//!   as in the tree).

use super::ast::{BinOp, Expr, Func, argument};
use super::derivative::{int_exponent, power, unary};
use super::eval::{binary, picks_second};
use super::tape::Tape;
use linear::Lowering;

#[path = "linear.rs"]
mod linear;
#[path = "lower.rs"]
mod lower;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Node {
    Var(u32),
    Const(u64),
    Add(u32, u32),
    Sub(u32, u32),
    Mul(u32, u32),
    Div(u32, u32),
    Neg(u32),
    Powi(u32, i32),
    Powf(u32, u64),
    Pow(u32, u32),
    Call(Func, u32),
    Min(u32, u32),
    Max(u32, u32),
}

impl Node {
    fn operands(self) -> Vec<u32> {
        match self {
            Node::Var(_) | Node::Const(_) => vec![],
            Node::Neg(a) | Node::Powi(a, _) | Node::Powf(a, _) | Node::Call(_, a) => vec![a],
            Node::Add(a, b)
            | Node::Sub(a, b)
            | Node::Mul(a, b)
            | Node::Div(a, b)
            | Node::Pow(a, b)
            | Node::Min(a, b)
            | Node::Max(a, b) => vec![a, b],
        }
    }
}

/// The graph: distinct nodes in topological order. Looking a node up is a linear scan,
/// which for the few hundred nodes a 1000-character text can make costs well under a
/// millisecond, and keeps hashing code out of the wasm.
#[derive(Default)]
struct Graph {
    nodes: Vec<Node>,
    /// Variables of the tape; a hand-built tree's variable past them reads as NaN.
    n_vars: usize,
}

impl Graph {
    fn konst(&self, id: u32) -> Option<f64> {
        match self.nodes[id as usize] {
            Node::Const(bits) => Some(f64::from_bits(bits)),
            _ => None,
        }
    }

    /// The value of `node` if all its operands are constants, by the tree's rules.
    fn fold(&self, node: Node) -> Option<f64> {
        let ops = node.operands();
        if ops.is_empty() {
            return None;
        }
        let c: Vec<f64> = ops.iter().map(|&o| self.konst(o)).collect::<Option<_>>()?;
        let (p, q) = (c[0], c.get(1).copied().unwrap_or(0.0));
        let bin = |op| binary(op, p, q, false).0;
        Some(match node {
            Node::Add(..) => bin(BinOp::Add),
            Node::Sub(..) => bin(BinOp::Sub),
            Node::Mul(..) => bin(BinOp::Mul),
            Node::Div(..) => bin(BinOp::Div),
            Node::Pow(..) => bin(BinOp::Pow),
            Node::Neg(_) => -p,
            Node::Powi(_, n) => power(p, f64::from(n), false).0,
            Node::Powf(_, e) => power(p, f64::from_bits(e), false).0,
            Node::Call(f, _) => unary(f, p, false).0,
            Node::Min(..) | Node::Max(..) => {
                if picks_second(matches!(node, Node::Max(..)), p, q) {
                    q
                } else {
                    p
                }
            }
            Node::Var(_) | Node::Const(_) => return None,
        })
    }

    fn add(&mut self, node: Node) -> u32 {
        let node = match self.fold(node) {
            Some(v) => Node::Const(v.to_bits()),
            None => node,
        };
        // Commutative operations are stored in one order so that x*y and y*x are shared.
        let node = match node {
            Node::Add(a, b) if b < a => Node::Add(b, a),
            Node::Mul(a, b) if b < a => Node::Mul(b, a),
            other => other,
        };
        if let Some(id) = self.nodes.iter().position(|n| *n == node) {
            return id as u32;
        }
        self.nodes.push(node);
        (self.nodes.len() - 1) as u32
    }

    fn build(&mut self, e: &Expr) -> u32 {
        match e {
            Expr::Num(v) => self.add(Node::Const(v.to_bits())),
            Expr::Const(c) => self.add(Node::Const(c.value().to_bits())),
            Expr::Var(i) if *i < self.n_vars => self.add(Node::Var(*i as u32)),
            Expr::Var(_) => self.add(Node::Const(f64::NAN.to_bits())),
            Expr::Neg(a) => {
                let a = self.build(a);
                self.add(Node::Neg(a))
            }
            Expr::Bin(op, l, r) => {
                let a = self.build(l);
                let b = self.build(r);
                match op {
                    BinOp::Add => self.add(Node::Add(a, b)),
                    BinOp::Sub => self.add(Node::Sub(a, b)),
                    BinOp::Mul => self.add(Node::Mul(a, b)),
                    BinOp::Div => self.add(Node::Div(a, b)),
                    BinOp::Pow => self.power(a, b),
                }
            }
            Expr::Call(f, args) => {
                let a = self.build(argument(args, 0));
                match (f, args.get(1)) {
                    (Func::Min, Some(r)) => {
                        let b = self.build(r);
                        self.add(Node::Min(a, b))
                    }
                    (Func::Max, Some(r)) => {
                        let b = self.build(r);
                        self.add(Node::Max(a, b))
                    }
                    _ => self.add(Node::Call(*f, a)),
                }
            }
        }
    }

    /// `a ^ b`: a constant exponent picks the instruction the tree's rule would use
    /// (`a^1` is `a` itself, exactly, with slope 1).
    fn power(&mut self, a: u32, b: u32) -> u32 {
        match self.konst(b) {
            Some(1.0) => a,
            Some(p) => match int_exponent(p) {
                Some(n) => self.add(Node::Powi(a, n)),
                None => self.add(Node::Powf(a, p.to_bits())),
            },
            None => self.add(Node::Pow(a, b)),
        }
    }
}

/// Compiles a syntax tree over `n_vars` variables to a tape.
pub fn compile(e: &Expr, n_vars: usize) -> Tape {
    let mut g = Graph {
        n_vars,
        ..Graph::default()
    };
    let root = g.build(e);
    let low = Lowering::new(&g, root);
    let needed = low.needed(root);
    // Slots: variables, then constants, then instructions.
    let (mut slot, consts) = slots(&g, &needed);
    let base = n_vars + consts.len();
    let mut instrs = Vec::new();
    for id in 0..g.nodes.len() {
        if !needed[id] {
            continue;
        }
        if let Some(ins) = low.instruction(id, &slot) {
            slot[id] = (base + instrs.len()) as u32;
            instrs.push(ins);
        }
    }
    Tape {
        n_vars,
        consts,
        instrs,
        result: slot[root as usize],
    }
}

/// The slots of the variables (their index) and of the needed constants (after the
/// variables, in node order), with those constants; other nodes' slots are unset.
fn slots(g: &Graph, needed: &[bool]) -> (Vec<u32>, Vec<f64>) {
    let mut slot = vec![u32::MAX; g.nodes.len()];
    let mut consts = Vec::new();
    for (id, node) in g.nodes.iter().enumerate() {
        match node {
            Node::Var(i) => slot[id] = *i,
            Node::Const(bits) if needed[id] => {
                slot[id] = (g.n_vars + consts.len()) as u32;
                consts.push(f64::from_bits(*bits));
            }
            _ => {}
        }
    }
    (slot, consts)
}

#[cfg(test)]
#[path = "compile_tests.rs"]
mod tests;
