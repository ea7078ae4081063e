//! The syntax tree of a typed function: numbers, constants, variables, operators, calls.

/// A built-in function of the expression language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Func {
    /// sin
    Sin,
    /// cos
    Cos,
    /// tan
    Tan,
    /// exp
    Exp,
    /// Natural logarithm `ln`.
    Ln,
    /// `log`, also the natural logarithm (as in Python's `np.log`).
    Log,
    /// Square root.
    Sqrt,
    /// Absolute value.
    Abs,
    /// tanh
    Tanh,
    /// sinh
    Sinh,
    /// cosh
    Cosh,
    /// atan
    Atan,
    /// The smaller of two arguments.
    Min,
    /// The larger of two arguments.
    Max,
}

impl Func {
    /// Every function, in the order the documentation lists them.
    pub const ALL: [Func; 14] = [
        Func::Sin,
        Func::Cos,
        Func::Tan,
        Func::Exp,
        Func::Ln,
        Func::Log,
        Func::Sqrt,
        Func::Abs,
        Func::Tanh,
        Func::Sinh,
        Func::Cosh,
        Func::Atan,
        Func::Min,
        Func::Max,
    ];

    /// The name as typed.
    pub fn name(self) -> &'static str {
        match self {
            Func::Sin => "sin",
            Func::Cos => "cos",
            Func::Tan => "tan",
            Func::Exp => "exp",
            Func::Ln => "ln",
            Func::Log => "log",
            Func::Sqrt => "sqrt",
            Func::Abs => "abs",
            Func::Tanh => "tanh",
            Func::Sinh => "sinh",
            Func::Cosh => "cosh",
            Func::Atan => "atan",
            Func::Min => "min",
            Func::Max => "max",
        }
    }

    /// The function called `name`, if any.
    pub fn from_name(name: &str) -> Option<Func> {
        Func::ALL.into_iter().find(|f| f.name() == name)
    }

    /// How many arguments it takes (1, or 2 for min and max).
    pub fn arity(self) -> usize {
        match self {
            Func::Min | Func::Max => 2,
            _ => 1,
        }
    }
}

/// A named constant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Constant {
    /// π
    Pi,
    /// Euler's number e.
    E,
}

impl Constant {
    /// The constant's value.
    pub fn value(self) -> f64 {
        match self {
            Constant::Pi => std::f64::consts::PI,
            Constant::E => std::f64::consts::E,
        }
    }

    /// The name as typed (`pi`, `e`).
    pub fn name(self) -> &'static str {
        match self {
            Constant::Pi => "pi",
            Constant::E => "e",
        }
    }
}

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinOp {
    /// a + b
    Add,
    /// a − b
    Sub,
    /// a · b (written `*` or implied, as in `2x`)
    Mul,
    /// a / b
    Div,
    /// a ^ b (also written `**`)
    Pow,
}

/// What a missing argument of a hand-built call reads as (the parser always gives a call
/// as many arguments as its arity).
static MISSING: Expr = Expr::Num(f64::NAN);

/// Argument `k` of a call's `args`, or NaN as [`Expr::Num`] when a hand-built call has fewer
/// arguments than [`Func::arity`]: every walk of the tree reads arguments through this, so
/// that such a tree gives NaN instead of a panic.
pub fn argument(args: &[Expr], k: usize) -> &Expr {
    args.get(k).unwrap_or(&MISSING)
}

/// A parsed expression. Numbers are never negative: a leading minus is [`Expr::Neg`].
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A finite, non-negative number literal.
    Num(f64),
    /// `pi` or `e`.
    Const(Constant),
    /// The variable with this index in the variable list.
    Var(usize),
    /// Unary minus.
    Neg(Box<Expr>),
    /// A binary operation.
    Bin(BinOp, Box<Expr>, Box<Expr>),
    /// A function call with as many arguments as [`Func::arity`].
    Call(Func, Vec<Expr>),
}

impl Expr {
    /// `l op r`.
    pub fn bin(op: BinOp, l: Expr, r: Expr) -> Expr {
        Expr::Bin(op, Box::new(l), Box::new(r))
    }
}
