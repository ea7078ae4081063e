//! Random typed functions and points over the whole grammar, extremes included: the
//! generator behind the property tests that hold the compiler, the printer and the
//! WebAssembly emitter to the tree's meaning ([`evaluate`](super::evaluate)).
//!
//! A function is written as a person might type it: `**` or `^`, implied multiplication
//! (`2x`, `3(x - 1)`), unary minus, long left-to-right sums such as `-y + y + y`, every
//! built-in function, constant and integer powers (0, 1, 64 and 65 among them), real and
//! variable exponents, and constants from 5e-324 to 1.7976931348623157e308 in plain and
//! scientific notation. Points mix ordinary coordinates with ±0, subnormals, ±1e308, ±∞
//! and NaN.

use rand::Rng;

use super::ast::{BinOp, Constant, Expr, Func};

/// Numbers at the edges of `f64`, as a literal may carry them (never negative: a minus is
/// an operator).
pub const EXTREME_CONSTANTS: [f64; 12] = [
    0.0,
    5e-324,
    1e-320,
    2.2250738585072014e-308,
    1e-300,
    1e-16,
    0.1,
    0.5,
    3.0,
    1e16,
    1e308,
    f64::MAX,
];

/// Coordinates at the edges of `f64`.
pub const EXTREME_POINTS: [f64; 16] = [
    0.0,
    -0.0,
    5e-324,
    -1e-320,
    2.2250738585072014e-308,
    1e-300,
    -1e-300,
    1.0,
    -1.0,
    1e300,
    1e308,
    -1e308,
    f64::MAX,
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::NAN,
];

/// What kind of function to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// Only operations that compile to native WebAssembly arithmetic (`+ − × ÷`, integer
    /// powers, `sqrt`, `abs`, `min`, `max`), so that the run-time emitter takes them all.
    pub native_only: bool,
    /// Number of variables, 1 (`x`) or 2 (`x`, `y`).
    pub vars: usize,
    /// Deepest nesting of operations.
    pub depth: u32,
}

impl Default for Shape {
    fn default() -> Self {
        Shape {
            native_only: false,
            vars: 2,
            depth: 5,
        }
    }
}

/// A random function of `shape`, as text. It always parses unless it happens to exceed
/// the parser's length limit (rare at depth 5, and then it is a fine test of the error).
pub fn random_function<R: Rng + ?Sized>(rng: &mut R, shape: &Shape) -> String {
    let mut g = Gen { rng, shape: *shape };
    g.expr(shape.depth)
}

/// A random point of `dim` coordinates: each ordinary (uniform in [−3, 3], or a small
/// integer) or, one time in three, an extreme from [`EXTREME_POINTS`].
pub fn random_point<R: Rng + ?Sized>(rng: &mut R, dim: usize) -> Vec<f64> {
    (0..dim)
        .map(|_| match rng.random_range(0..6) {
            0 | 1 => EXTREME_POINTS[rng.random_range(0..EXTREME_POINTS.len())],
            2 => f64::from(rng.random_range(-3i32..=3)),
            _ => rng.random_range(-3.0..3.0),
        })
        .collect()
}

struct Gen<'r, R: Rng + ?Sized> {
    rng: &'r mut R,
    shape: Shape,
}

/// The one-argument functions that are native WebAssembly arithmetic.
const NATIVE: [Func; 2] = [Func::Sqrt, Func::Abs];

impl<R: Rng + ?Sized> Gen<'_, R> {
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.rng.random_range(0..items.len())]
    }

    fn var(&mut self) -> String {
        let names = ["x", "y"];
        names[self.rng.random_range(0..self.shape.vars.clamp(1, 2))].to_string()
    }

    /// A non-negative literal in one of the ways it can be typed.
    fn number(&mut self) -> String {
        let v = match self.rng.random_range(0..4) {
            0 => self.pick(&EXTREME_CONSTANTS),
            1 => f64::from(self.rng.random_range(0..10)),
            2 => {
                let m: f64 = self.rng.random_range(1.0..10.0);
                m * 10f64.powi(self.rng.random_range(-320..=307))
            }
            _ => self.rng.random_range(0.0..4.0),
        };
        let sci = format!("{v:e}");
        match self.rng.random_range(0..3) {
            0 => sci,
            1 => sci.replace('e', "E"),
            _ => {
                let plain = format!("{v}");
                if plain.len() <= 24 { plain } else { sci }
            }
        }
    }

    fn leaf(&mut self) -> String {
        match self.rng.random_range(0..8) {
            0..=2 => self.var(),
            3..=5 => self.number(),
            6 => self.pick(&["pi", "e", "π"]).to_string(),
            _ => format!("{}{}", self.rng.random_range(1..10), self.var()),
        }
    }

    /// An exponent: small integers (0, 1, 64 and 65 included), a real, or an expression.
    fn exponent(&mut self, depth: u32) -> String {
        match self.rng.random_range(0..8) {
            0 if self.shape.native_only => self.pick(&["0", "1", "64", "-1", "-64"]).to_string(),
            0 => self.pick(&["0", "1", "64", "65", "-1", "-64"]).to_string(),
            1..=3 => format!("{}", self.rng.random_range(-5..8)),
            4 if !self.shape.native_only => self.pick(&["0.5", "1.5", "(1/3)", "-0.5"]).to_string(),
            5 if !self.shape.native_only => format!("({})", self.expr(depth)),
            _ => format!("{}", self.rng.random_range(2..5)),
        }
    }

    fn expr(&mut self, depth: u32) -> String {
        if depth == 0 || self.rng.random_range(0..5) == 0 {
            return self.leaf();
        }
        let d = depth - 1;
        match self.rng.random_range(0..10) {
            // A left-to-right sum of 2 to 4 terms, each maybe negated.
            0 | 1 => {
                let n = self.rng.random_range(2..=4);
                let mut s = String::new();
                for k in 0..n {
                    let t = self.operand(d);
                    let op = self.pick(&[" + ", " - ", "+", "-", " − "]);
                    if k > 0 {
                        s.push_str(op);
                    } else if self.rng.random_bool(0.3) {
                        s.push('-');
                    }
                    s.push_str(&t);
                }
                s
            }
            2 | 3 => {
                let (a, b) = (self.operand(d), self.operand(d));
                let op = self.pick(&["*", " * ", "/", " / ", "×", "·", "÷"]);
                format!("{a}{op}{b}")
            }
            4 => {
                let (a, b) = (self.leaf(), self.operand(d));
                if a.ends_with(|c: char| c.is_ascii_digit()) {
                    format!("{a}({b})")
                } else {
                    format!("{a}*{b}")
                }
            }
            5 => {
                let a = self.operand(d);
                let caret = self.pick(&["^", "**", " ^ "]);
                format!("{a}{caret}{}", self.exponent(d))
            }
            6 => format!("-{}", self.operand(d)),
            7 | 8 => {
                let f = if self.shape.native_only {
                    self.pick(&NATIVE)
                } else {
                    self.pick(&Func::ALL[..12])
                };
                format!("{}({})", f.name(), self.expr(d))
            }
            _ => {
                let f = self.pick(&["min", "max"]);
                format!("{f}({}, {})", self.expr(d), self.expr(d))
            }
        }
    }

    /// An expression wrapped in parentheses unless it is a leaf.
    fn operand(&mut self, depth: u32) -> String {
        let e = self.expr(depth);
        if e.chars().all(|c| c.is_alphanumeric() || c == '.') {
            e
        } else {
            format!("({e})")
        }
    }
}

/// A tree built by hand, not by the parser: calls with any number of arguments (fewer or
/// more than the arity), variables past the list, and negative, −0 and non-finite numbers.
pub fn hand_built(rng: &mut impl Rng, depth: usize) -> Expr {
    const NUMS: [f64; 8] = [
        0.0,
        -0.0,
        -1.5,
        2.0,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        1e308,
    ];
    let leaf = depth == 0 || rng.random_range(0..4) == 0;
    match rng.random_range(0..if leaf { 3 } else { 6 }) {
        0 => Expr::Num(NUMS[rng.random_range(0..NUMS.len())]),
        1 => Expr::Var(rng.random_range(0..4)),
        2 => Expr::Const(Constant::Pi),
        3 => Expr::Neg(Box::new(hand_built(rng, depth - 1))),
        4 => Expr::bin(
            [BinOp::Add, BinOp::Sub, BinOp::Mul, BinOp::Div, BinOp::Pow][rng.random_range(0..5)],
            hand_built(rng, depth - 1),
            hand_built(rng, depth - 1),
        ),
        _ => {
            let f = Func::ALL[rng.random_range(0..Func::ALL.len())];
            let args = (0..rng.random_range(0..4))
                .map(|_| hand_built(rng, depth - 1))
                .collect();
            Expr::Call(f, args)
        }
    }
}
