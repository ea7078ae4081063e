//! The compiler from syntax tree to tape: constant folding, common subexpressions,
//! integer powers as multiplications, and linear combinations fused into one instruction.
//!
//! Stage 1 builds a hash-consed graph (each distinct operation once), folding every
//! operation whose operands are constants with the very rules the tape runs. Stage 2
//! lowers the graph: sums, differences, negations and scalings form linear combinations
//! k + Σ cᵢ·tᵢ of up to three terms, absorbing single-use linear operands, so that
//! `x^4 + y^4 - 2*(x - y)^2` becomes four instructions (x⁴, y⁴, (x − y)², and one
//! three-term combination).

use super::ast::{BinOp, Expr, Func};
use super::derivative::value_of;
use super::tape::{Instr, Tape};

/// Largest integer exponent turned into [`Instr::Powi`] rather than [`Instr::Powf`].
const MAX_INT_POWER: f64 = 64.0;

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
}

impl Graph {
    fn konst(&self, id: u32) -> Option<f64> {
        match self.nodes[id as usize] {
            Node::Const(bits) => Some(f64::from_bits(bits)),
            _ => None,
        }
    }

    /// The value of `node` if all its operands are constants, by the tape's own rules.
    fn fold(&self, node: Node) -> Option<f64> {
        let ops = node.operands();
        if ops.is_empty() {
            return None;
        }
        let c: Vec<f64> = ops.iter().map(|&o| self.konst(o)).collect::<Option<_>>()?;
        let c = [c[0], c.get(1).copied().unwrap_or(0.0), 0.0];
        // The same rule the tape runs, on operands in slots 0 and 1.
        let ins = match node {
            Node::Add(..) => Instr::Lin2 {
                a: 0,
                ca: 1.0,
                b: 1,
                cb: 1.0,
                k: 0.0,
            },
            Node::Sub(..) => Instr::Lin2 {
                a: 0,
                ca: 1.0,
                b: 1,
                cb: -1.0,
                k: 0.0,
            },
            Node::Mul(..) => Instr::Mul(0, 1),
            Node::Div(..) => Instr::Div(0, 1),
            Node::Neg(_) => Instr::Affine {
                a: 0,
                ca: -1.0,
                k: 0.0,
            },
            Node::Powi(_, n) => Instr::Powi(0, n),
            Node::Powf(_, p) => Instr::Powf(0, f64::from_bits(p)),
            Node::Pow(..) => Instr::Pow(0, 1),
            Node::Call(f, _) => Instr::Call(f, 0),
            Node::Min(..) => Instr::Min(0, 1),
            Node::Max(..) => Instr::Max(0, 1),
            Node::Var(_) | Node::Const(_) => return None,
        };
        let v = value_of(&ins, c);
        Some(v)
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
            Expr::Var(i) => self.add(Node::Var(*i as u32)),
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
                let a = self.build(&args[0]);
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

    fn power(&mut self, a: u32, b: u32) -> u32 {
        match self.konst(b) {
            Some(1.0) => a,
            // u⁰ = 1 everywhere (as powi says, even for u = 0 or NaN), slope 0.
            Some(0.0) => self.add(Node::Const(1f64.to_bits())),
            Some(p) if p.fract() == 0.0 && p.abs() <= MAX_INT_POWER => {
                self.add(Node::Powi(a, p as i32))
            }
            Some(p) => self.add(Node::Powf(a, p.to_bits())),
            None => self.add(Node::Pow(a, b)),
        }
    }
}

/// A linear combination k + Σ cᵢ·(node tᵢ) of at most three terms.
#[derive(Debug, Clone, PartialEq)]
struct Linear {
    terms: Vec<(u32, f64)>,
    k: f64,
}

const MAX_TERMS: usize = 3;

struct Lowering<'g> {
    g: &'g Graph,
    uses: Vec<usize>,
    linear: Vec<Option<Linear>>,
}

impl Lowering<'_> {
    /// Adds coef·(node t) to `form`, inlining t's own combination when t is used only
    /// here and the terms still fit with `reserve` more terms to come.
    fn push_term(&self, form: &mut Linear, t: u32, coef: f64, reserve: usize) {
        if let Some(c) = self.g.konst(t) {
            form.k += coef * c;
            return;
        }
        if self.uses[t as usize] == 1
            && let Some(inner) = &self.linear[t as usize]
            && form.terms.len() + inner.terms.len() + reserve <= MAX_TERMS
        {
            form.k += coef * inner.k;
            form.terms
                .extend(inner.terms.iter().map(|&(s, c)| (s, coef * c)));
            return;
        }
        form.terms.push((t, coef));
    }

    /// The linear combination node `id` computes, if it is linear and fits in
    /// [`MAX_TERMS`] terms.
    fn form(&self, id: u32) -> Option<Linear> {
        let g = self.g;
        let mut f = Linear {
            terms: vec![],
            k: 0.0,
        };
        match g.nodes[id as usize] {
            Node::Add(a, b) | Node::Sub(a, b) => {
                let sign = if matches!(g.nodes[id as usize], Node::Sub(..)) {
                    -1.0
                } else {
                    1.0
                };
                self.push_term(&mut f, a, 1.0, 1);
                self.push_term(&mut f, b, sign, 0);
            }
            Node::Neg(a) => self.push_term(&mut f, a, -1.0, 0),
            Node::Mul(a, b) => match (g.konst(a), g.konst(b)) {
                (Some(c), None) => self.push_term(&mut f, b, c, 0),
                (None, Some(c)) => self.push_term(&mut f, a, c, 0),
                _ => return None,
            },
            Node::Div(a, b) => {
                let c = g.konst(b)?;
                self.push_term(&mut f, a, 1.0 / c, 0);
            }
            _ => return None,
        }
        (1..=MAX_TERMS).contains(&f.terms.len()).then_some(f)
    }
}

/// Compiles a syntax tree over `n_vars` variables to a tape.
pub fn compile(e: &Expr, n_vars: usize) -> Tape {
    let mut g = Graph::default();
    let root = g.build(e);
    let n = g.nodes.len();

    // Uses of each node reachable from the root (nodes are in topological order).
    let mut uses = vec![0usize; n];
    let mut reach = vec![false; n];
    reach[root as usize] = true;
    for id in (0..n).rev() {
        if reach[id] {
            for o in g.nodes[id].operands() {
                uses[o as usize] += 1;
                reach[o as usize] = true;
            }
        }
    }
    let mut low = Lowering {
        g: &g,
        uses,
        linear: vec![None; n],
    };
    for (id, &r) in reach.iter().enumerate() {
        if r {
            low.linear[id] = low.form(id as u32);
        }
    }

    // Which nodes the final instructions read: walk down from the root through the
    // lowered operands (inlined combinations are skipped).
    // An integer power of a single-use combination of one or two terms is one
    // instruction: (x - 1)^2 and (x - y)^2 read x and y directly.
    let power_of_linear = |id: usize| -> Option<(&Linear, i32)> {
        match g.nodes[id] {
            Node::Powi(a, n) if low.uses[a as usize] == 1 => low.linear[a as usize]
                .as_ref()
                .filter(|f| f.terms.len() <= 2)
                .map(|f| (f, n)),
            _ => None,
        }
    };
    let lowered_operands = |id: usize| -> Vec<u32> {
        if let Some((f, _)) = power_of_linear(id) {
            return f.terms.iter().map(|t| t.0).collect();
        }
        match &low.linear[id] {
            Some(f) => f.terms.iter().map(|t| t.0).collect(),
            None => g.nodes[id].operands(),
        }
    };
    let mut needed = vec![false; n];
    needed[root as usize] = true;
    for id in (0..n).rev() {
        if needed[id] {
            for o in lowered_operands(id) {
                needed[o as usize] = true;
            }
        }
    }

    // Slots: variables, then constants, then instructions.
    let mut slot = vec![u32::MAX; n];
    for (id, node) in g.nodes.iter().enumerate() {
        if let Node::Var(i) = node {
            slot[id] = *i;
        }
    }
    let mut consts = Vec::new();
    for (id, node) in g.nodes.iter().enumerate() {
        if let (Node::Const(bits), true) = (node, needed[id]) {
            slot[id] = (n_vars + consts.len()) as u32;
            consts.push(f64::from_bits(*bits));
        }
    }
    let mut instrs = Vec::new();
    let base = n_vars + consts.len();
    for id in 0..n {
        if !needed[id] || matches!(g.nodes[id], Node::Var(_) | Node::Const(_)) {
            continue;
        }
        let s = |o: u32| slot[o as usize];
        if let Some((f, n)) = power_of_linear(id) {
            let ins = match f.terms[..] {
                [(a, ca)] => Instr::PowAffine {
                    a: s(a),
                    ca,
                    k: f.k,
                    n,
                },
                [(a, ca), (b, cb)] => Instr::PowLin2 {
                    a: s(a),
                    ca,
                    b: s(b),
                    cb,
                    k: f.k,
                    n,
                },
                _ => continue,
            };
            slot[id] = (base + instrs.len()) as u32;
            instrs.push(ins);
            continue;
        }
        let ins = match (&low.linear[id], g.nodes[id]) {
            (Some(f), _) => match f.terms[..] {
                [(a, ca)] => Instr::Affine {
                    a: s(a),
                    ca,
                    k: f.k,
                },
                [(a, ca), (b, cb)] => Instr::Lin2 {
                    a: s(a),
                    ca,
                    b: s(b),
                    cb,
                    k: f.k,
                },
                [(a, ca), (b, cb), (c, cc)] => Instr::Lin3 {
                    a: s(a),
                    ca,
                    b: s(b),
                    cb,
                    c: s(c),
                    cc,
                    k: f.k,
                },
                // A form always has one to three terms (see `Lowering::form`).
                _ => continue,
            },
            (None, Node::Add(a, b)) => Instr::Lin2 {
                a: s(a),
                ca: 1.0,
                b: s(b),
                cb: 1.0,
                k: 0.0,
            },
            (None, Node::Sub(a, b)) => Instr::Lin2 {
                a: s(a),
                ca: 1.0,
                b: s(b),
                cb: -1.0,
                k: 0.0,
            },
            (None, Node::Neg(a)) => Instr::Affine {
                a: s(a),
                ca: -1.0,
                k: 0.0,
            },
            (None, Node::Mul(a, b)) => Instr::Mul(s(a), s(b)),
            (None, Node::Div(a, b)) => match g.konst(a) {
                Some(c) => Instr::Recip(s(b), c),
                None => Instr::Div(s(a), s(b)),
            },
            (None, Node::Powi(a, 2)) => Instr::Square(s(a)),
            (None, Node::Powi(a, 3)) => Instr::Cube(s(a)),
            (None, Node::Powi(a, 4)) => Instr::Pow4(s(a)),
            (None, Node::Powi(a, p)) => Instr::Powi(s(a), p),
            (None, Node::Powf(a, p)) => Instr::Powf(s(a), f64::from_bits(p)),
            (None, Node::Pow(a, b)) => Instr::Pow(s(a), s(b)),
            (None, Node::Call(f, a)) => Instr::Call(f, s(a)),
            (None, Node::Min(a, b)) => Instr::Min(s(a), s(b)),
            (None, Node::Max(a, b)) => Instr::Max(s(a), s(b)),
            // Variables and constants have slots already.
            (None, Node::Var(_) | Node::Const(_)) => continue,
        };
        slot[id] = (base + instrs.len()) as u32;
        instrs.push(ins);
    }
    Tape {
        n_vars,
        consts,
        instrs,
        result: slot[root as usize],
    }
}

#[cfg(test)]
#[path = "compile_tests.rs"]
mod tests;
