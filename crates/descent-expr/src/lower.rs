//! Lowering a graph to tape instructions: which nodes the root reaches, which of them the
//! instructions read once linear combinations are inlined, and the instruction of each.

use super::linear::{Linear, Lowering};
use super::{Graph, Node};
use crate::tape::Instr;

impl<'g> Lowering<'g> {
    /// The lowering of `g` for `root`: the uses of each node the root reaches (nodes are
    /// in topological order) and each reached node's scaling and linear form.
    pub(super) fn new(g: &'g Graph, root: u32) -> Self {
        let n = g.nodes.len();
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
            g,
            uses,
            scale: vec![None; n],
            linear: vec![None; n],
        };
        for (id, &r) in reach.iter().enumerate() {
            if r {
                low.scale[id] = low.scaling(id as u32);
                low.linear[id] = low.form(id as u32);
            }
        }
        low
    }

    /// An integer power of a single-use combination of one or two terms, which is one
    /// instruction: (x - 1)^2 and (x - y)^2 read x and y directly.
    fn power_of_linear(&self, id: usize) -> Option<(&Linear, i32)> {
        match self.g.nodes[id] {
            Node::Powi(a, n) if self.uses[a as usize] == 1 => self.linear[a as usize]
                .as_ref()
                .filter(|f| f.terms.len() <= 2)
                .map(|f| (f, n)),
            _ => None,
        }
    }

    /// The nodes node `id`'s instruction reads (inlined combinations are skipped).
    fn lowered_operands(&self, id: usize) -> Vec<u32> {
        if let Some((f, _)) = self.power_of_linear(id) {
            return f.terms.iter().map(|t| t.0).collect();
        }
        match &self.linear[id] {
            Some(f) => f.terms.iter().map(|t| t.0).collect(),
            None => self.g.nodes[id].operands(),
        }
    }

    /// Which nodes the final instructions read: a walk down from the root through the
    /// lowered operands.
    pub(super) fn needed(&self, root: u32) -> Vec<bool> {
        let mut needed = vec![false; self.g.nodes.len()];
        needed[root as usize] = true;
        for id in (0..needed.len()).rev() {
            if needed[id] {
                for o in self.lowered_operands(id) {
                    needed[o as usize] = true;
                }
            }
        }
        needed
    }

    /// The instruction computing node `id` from the slots of its operands (`None` for a
    /// variable or a constant, which have slots already).
    pub(super) fn instruction(&self, id: usize, slot: &[u32]) -> Option<Instr> {
        let s = |o: u32| slot[o as usize];
        if let Some((f, n)) = self.power_of_linear(id) {
            return match f.terms[..] {
                [(a, ca)] => Some(Instr::PowAffine {
                    a: s(a),
                    ca,
                    k: self.k(f),
                    n,
                }),
                [(a, ca), (b, cb)] => Some(Instr::PowLin2 {
                    a: s(a),
                    ca,
                    b: s(b),
                    cb,
                    k: self.k(f),
                    n,
                }),
                _ => None,
            };
        }
        match &self.linear[id] {
            Some(f) => self.combination(f, slot),
            None => node_instruction(self.g, self.g.nodes[id], slot),
        }
    }

    /// The instruction of a linear form of one to three terms (see `Lowering::form`).
    fn combination(&self, f: &Linear, slot: &[u32]) -> Option<Instr> {
        let s = |o: u32| slot[o as usize];
        let k = self.k(f);
        Some(match f.terms[..] {
            [(a, ca)] => Instr::Affine { a: s(a), ca, k },
            [(a, ca), (b, cb)] => Instr::Lin2 {
                a: s(a),
                ca,
                b: s(b),
                cb,
                k,
            },
            [(a, ca), (b, cb), (c, cc)] => Instr::Lin3 {
                a: s(a),
                ca,
                b: s(b),
                cb,
                c: s(c),
                cc,
                k,
            },
            _ => return None,
        })
    }
}

/// The instruction of a node that is not a linear form, from its operands' slots.
fn node_instruction(g: &Graph, node: Node, slot: &[u32]) -> Option<Instr> {
    let s = |o: u32| slot[o as usize];
    Some(match node {
        Node::Add(a, b) => Instr::Lin2 {
            a: s(a),
            ca: 1.0,
            b: s(b),
            cb: 1.0,
            k: -0.0,
        },
        Node::Sub(a, b) => Instr::Lin2 {
            a: s(a),
            ca: 1.0,
            b: s(b),
            cb: -1.0,
            k: -0.0,
        },
        Node::Neg(a) => Instr::Affine {
            a: s(a),
            ca: -1.0,
            k: -0.0,
        },
        Node::Mul(a, b) => Instr::Mul(s(a), s(b)),
        Node::Div(a, b) => match g.konst(a) {
            Some(c) => Instr::Recip(s(b), c),
            None => Instr::Div(s(a), s(b)),
        },
        Node::Powi(a, 2) => Instr::Square(s(a)),
        Node::Powi(a, 3) => Instr::Cube(s(a)),
        Node::Powi(a, 4) => Instr::Pow4(s(a)),
        Node::Powi(a, p) => Instr::Powi(s(a), p),
        Node::Powf(a, p) => Instr::Powf(s(a), f64::from_bits(p)),
        Node::Pow(a, b) => Instr::Pow(s(a), s(b)),
        Node::Call(f, a) => Instr::Call(f, s(a)),
        Node::Min(a, b) => Instr::Min(s(a), s(b)),
        Node::Max(a, b) => Instr::Max(s(a), s(b)),
        Node::Var(_) | Node::Const(_) => return None,
    })
}
