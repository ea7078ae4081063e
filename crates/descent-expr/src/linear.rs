//! The compiler's linear forms: which nodes of the graph compute exactly c·t or a
//! left-to-right sum Σ cᵢ·tᵢ + k, so that one instruction can replace several without
//! changing a bit (the rules are in the parent module's documentation).

use super::{Graph, Node};

/// 1/c when t/c = t·(1/c) for every t: c a power of two (normal or subnormal) whose
/// reciprocal is finite, so both sides round the same real number.
fn exact_reciprocal(c: f64) -> Option<f64> {
    let r = 1.0 / c;
    let bits = c.to_bits();
    let mantissa = bits & ((1u64 << 52) - 1);
    let exponent = (bits >> 52) & 0x7FF;
    let power_of_two = match exponent {
        0 => mantissa.is_power_of_two(),
        0x7FF => false,
        _ => mantissa == 0,
    };
    (power_of_two && r.is_finite()).then_some(r)
}

/// A linear combination Σ cᵢ·(node tᵢ), summed left to right, then + k: at most three
/// terms (a term may be a constant node), and k, when there is one, the node of a constant
/// with its sign (k = −0 otherwise).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Linear {
    pub(super) terms: Vec<(u32, f64)>,
    pub(super) k: Option<(u32, f64)>,
}

pub(super) const MAX_TERMS: usize = 3;

pub(super) struct Lowering<'g> {
    pub(super) g: &'g Graph,
    pub(super) uses: Vec<usize>,
    /// `Some((t, c))` if the node computes exactly c·(node t).
    pub(super) scale: Vec<Option<(u32, f64)>>,
    pub(super) linear: Vec<Option<Linear>>,
}

impl Lowering<'_> {
    /// Node `id` as one term c·t: a single-use scaling is absorbed.
    fn term(&self, id: u32) -> (u32, f64) {
        match self.scale[id as usize] {
            Some(s) if self.uses[id as usize] == 1 => s,
            _ => (id, 1.0),
        }
    }

    /// c·(node x) as one term, absorbing x's own scaling c′·t when c·(c′·t) = (c·c′)·t
    /// exactly, that is when c or c′ is ±1.
    fn times(&self, c: f64, x: u32) -> (u32, f64) {
        let (t, c2) = self.term(x);
        if c.abs() == 1.0 || c2.abs() == 1.0 {
            (t, c * c2)
        } else {
            (x, c)
        }
    }

    /// `Some((t, c))` if node `id` is exactly c·t: −t, c·t, t·c or t/c with an exact 1/c.
    pub(super) fn scaling(&self, id: u32) -> Option<(u32, f64)> {
        let g = self.g;
        match g.nodes[id as usize] {
            Node::Neg(a) => {
                let (t, c) = self.term(a);
                Some((t, -c))
            }
            Node::Mul(a, b) => match (g.konst(a), g.konst(b)) {
                (Some(c), None) => Some(self.times(c, b)),
                (None, Some(c)) => Some(self.times(c, a)),
                _ => None,
            },
            Node::Div(a, b) if g.konst(a).is_none() => {
                Some(self.times(exact_reciprocal(g.konst(b)?)?, a))
            }
            _ => None,
        }
    }

    /// Whether node `id`'s combination can be absorbed by the one that uses it.
    fn absorbable(&self, id: u32) -> bool {
        self.uses[id as usize] == 1 && self.linear[id as usize].is_some()
    }

    /// `f ± (node b)`: a constant becomes k (an earlier k moves into the terms, as the
    /// sum is left to right); anything else one term.
    fn append(&self, mut f: Linear, b: u32, sign: f64) -> Linear {
        if self.g.konst(b).is_some() {
            if let Some(k) = f.k.replace((b, sign)) {
                f.terms.push(k);
            }
        } else {
            if let Some(k) = f.k.take() {
                f.terms.push(k);
            }
            let (t, c) = self.term(b);
            f.terms.push((t, sign * c));
        }
        f
    }

    /// The form of `a ± b` with a first (a not a constant): a's own combination absorbed
    /// when it is single-use and the terms fit.
    fn sum(&self, a: u32, b: u32, sign: f64) -> Linear {
        let alone = Linear {
            terms: vec![self.term(a)],
            k: None,
        };
        if self.absorbable(a) {
            let inner = self.linear[a as usize].clone().unwrap_or(alone.clone());
            let f = self.append(inner, b, sign);
            if f.terms.len() <= MAX_TERMS {
                return f;
            }
        }
        self.append(alone, b, sign)
    }

    /// The linear combination node `id` computes exactly, if it is one and fits in
    /// [`MAX_TERMS`] terms.
    pub(super) fn form(&self, id: u32) -> Option<Linear> {
        let g = self.g;
        let f = match g.nodes[id as usize] {
            // a + b = b + a exactly: the constant, or the operand that cannot be
            // absorbed, goes second.
            Node::Add(a, b) => {
                if g.konst(a).is_some() || (self.absorbable(b) && !self.absorbable(a)) {
                    self.sum(b, a, 1.0)
                } else {
                    self.sum(a, b, 1.0)
                }
            }
            // c − c′·t = (−c′)·t + c exactly (for one term: −(a + b) is not −a − b).
            Node::Sub(a, b) if g.konst(a).is_some() => {
                let (t, c) = self.term(b);
                Linear {
                    terms: vec![(t, -c)],
                    k: Some((a, 1.0)),
                }
            }
            Node::Sub(a, b) => self.sum(a, b, -1.0),
            _ => Linear {
                terms: vec![self.scale[id as usize]?],
                k: None,
            },
        };
        (1..=MAX_TERMS).contains(&f.terms.len()).then_some(f)
    }

    /// The constant term of `f` as a number (−0 when there is none).
    pub(super) fn k(&self, f: &Linear) -> f64 {
        match f.k {
            Some((node, sign)) => sign * self.g.konst(node).unwrap_or(f64::NAN),
            None => -0.0,
        }
    }
}
