//! The catalogue of classic test functions with exact gradients and known minima.
//!
//! Every entry has its formula in the expression language (typing it gives the same
//! numbers), a hand-written exact gradient, a view box, and its known minima (and the
//! saddles of the saddle surfaces), positions and values, which the plots mark.
//!
//! ```
//! use descent::catalogue;
//! let himmelblau = catalogue::find("himmelblau").unwrap();
//! assert_eq!(himmelblau.minima().count(), 4);
//! let f = himmelblau.default_objective();
//! assert_eq!(f.value(&[3.0, 2.0]), 0.0);
//! ```

use std::rc::Rc;

use crate::error::ConfigError;
use crate::objective::Objective;

/// What a marked point is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointKind {
    /// A global minimum.
    Global,
    /// A local, not global, minimum.
    Local,
    /// A saddle point (zero gradient, not a minimum).
    Saddle,
}

impl PointKind {
    /// `global`, `local` or `saddle`.
    pub fn as_str(self) -> &'static str {
        match self {
            PointKind::Global => "global",
            PointKind::Local => "local",
            PointKind::Saddle => "saddle",
        }
    }
}

/// A stationary point the plot marks: position, value and kind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Marker {
    /// Position, one coordinate per variable.
    pub at: &'static [f64],
    /// f at that position.
    pub value: f64,
    /// Minimum (global, local) or saddle.
    pub kind: PointKind,
}

/// A parameter of an entry (the quadratic bowl's condition number).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Param {
    /// Its name as shown, e.g. `"κ (condition number)"`.
    pub name: &'static str,
    /// Smallest value.
    pub min: f64,
    /// Largest value.
    pub max: f64,
    /// Default value.
    pub default: f64,
    /// The valid range in words, for the error message.
    pub range: &'static str,
}

type ValueFn = fn(&[f64], f64) -> f64;
type GradFn = fn(&[f64], &mut [f64], f64);

/// One function of the catalogue.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// Stable identifier used in links, e.g. `"rosenbrock"`.
    pub id: &'static str,
    /// Name as shown, e.g. `"Rosenbrock"`.
    pub name: &'static str,
    /// Number of variables (1 or 2).
    pub dim: usize,
    /// A one-line description of what it teaches.
    pub note: &'static str,
    /// `[xmin, xmax, ymin, ymax]`: for 2-D the plotted box; for 1-D the x range and a
    /// sensible range of f.
    pub view: [f64; 4],
    /// Known minima (and saddles), the plot marks them.
    pub points: &'static [Marker],
    /// A parameter, if the entry takes one.
    pub param: Option<Param>,
    formula: &'static str,
    value: ValueFn,
    gradient: GradFn,
}

impl Entry {
    /// The formula in the expression language with the parameter's value written in.
    pub fn formula(&self, param: f64) -> String {
        self.formula.replace("{k}", &format!("{param}"))
    }

    /// The parameter written in `text` if `text` is this entry's formula with some valid
    /// parameter (the default one for an entry without a parameter), e.g. 25 for the bowl's
    /// `(x^2 + 25*y^2)/2`.
    ///
    /// ```
    /// let bowl = descent::catalogue::find("bowl").unwrap();
    /// assert_eq!(bowl.param_in(" (x^2 + 25*y^2)/2 "), Some(25.0));
    /// assert_eq!(bowl.param_in("(x^2 + 0.5*y^2)/2"), None); // κ below its range
    /// assert_eq!(bowl.param_in("(x^2 + y^2)/2"), None);
    /// ```
    pub fn param_in(&self, text: &str) -> Option<f64> {
        let text = text.trim();
        if self.param.is_none() {
            return (text == self.default_formula()).then(|| self.default_param());
        }
        let (prefix, suffix) = self.formula.split_once("{k}")?;
        let middle = text.strip_prefix(prefix)?.strip_suffix(suffix)?;
        let p = crate::decimal::parse_f64(middle)?;
        // Only the canonical spelling of the number, so the text round-trips exactly.
        (self.formula(p) == text).then_some(())?;
        self.check_param(p).ok()
    }

    /// The formula with the default parameter.
    pub fn default_formula(&self) -> String {
        self.formula(self.default_param())
    }

    /// The parameter's default (0 when there is none).
    pub fn default_param(&self) -> f64 {
        self.param.map_or(0.0, |p| p.default)
    }

    /// Checks a parameter value against its range (any value is fine without a parameter).
    pub fn check_param(&self, param: f64) -> Result<f64, ConfigError> {
        match self.param {
            None => Ok(param),
            Some(p) => crate::error::within(p.name, p.range, param, p.min, p.max),
        }
    }

    /// f(x) with the given parameter; NaN when `x` has fewer than [`Entry::dim`]
    /// coordinates (extra ones are ignored).
    pub fn value(&self, x: &[f64], param: f64) -> f64 {
        if x.len() < self.dim {
            return f64::NAN;
        }
        (self.value)(x, param)
    }

    /// ∇f(x) into `g`, exactly; all NaN when `x` or `g` has fewer than [`Entry::dim`]
    /// coordinates.
    pub fn gradient(&self, x: &[f64], g: &mut [f64], param: f64) {
        if x.len() < self.dim || g.len() < self.dim {
            g.fill(f64::NAN);
            return;
        }
        (self.gradient)(x, g, param)
    }

    /// The settings this function is best explored with (see [`Recommended`]).
    pub fn recommended(&self) -> &'static Recommended {
        recommended::RECOMMENDED
            .iter()
            .find(|(id, _)| *id == self.id)
            .map(|(_, r)| r)
            .expect("every catalogue entry has recommended settings (tested)")
    }

    /// The minima among the marked points.
    pub fn minima(&self) -> impl Iterator<Item = &'static Marker> {
        self.points.iter().filter(|m| m.kind != PointKind::Saddle)
    }

    /// This function as an objective, with a checked parameter.
    pub fn objective(&'static self, param: f64) -> Result<Rc<dyn Objective>, ConfigError> {
        let param = self.check_param(param)?;
        Ok(Rc::new(CatalogueObjective { entry: self, param }))
    }

    /// This function as an objective with the default parameter.
    pub fn default_objective(&'static self) -> Rc<dyn Objective> {
        Rc::new(CatalogueObjective {
            entry: self,
            param: self.default_param(),
        })
    }
}

/// A catalogue entry with a fixed parameter, as an [`Objective`] with its exact gradient.
#[derive(Debug, Clone, Copy)]
pub struct CatalogueObjective {
    /// The entry.
    pub entry: &'static Entry,
    /// The parameter value.
    pub param: f64,
}

impl Objective for CatalogueObjective {
    fn dim(&self) -> usize {
        self.entry.dim
    }

    fn value(&self, x: &[f64]) -> f64 {
        self.entry.value(x, self.param)
    }

    fn gradient(&self, x: &[f64], g: &mut [f64]) {
        self.entry.gradient(x, g, self.param)
    }

    fn has_exact_gradient(&self) -> bool {
        true
    }

    fn partial(&self, x: &[f64], i: usize) -> f64 {
        let mut g = [0.0; 2];
        self.gradient(x, &mut g[..self.entry.dim]);
        g.get(i).copied().unwrap_or(f64::NAN)
    }

    /// Exact: the entry's formula differentiated twice by the expression language.
    fn hessian(&self, x: &[f64], h: &mut [f64]) {
        let n = self.entry.dim;
        let jet = formula_tree(self.entry, self.param, |e| crate::expr::hessian(e, x));
        for (k, out) in h.iter_mut().enumerate().take(n * n) {
            *out = jet.map_or(f64::NAN, |j| j.h[k / n][k % n]);
        }
    }

    fn has_exact_hessian(&self) -> bool {
        true
    }
}

/// Calls `with` on the syntax tree of `entry`'s formula with `param` (parsed once and kept
/// for the next call with the same entry and parameter); `None` if it does not parse.
fn formula_tree<T>(
    entry: &'static Entry,
    param: f64,
    with: impl FnOnce(&crate::expr::Expr) -> T,
) -> Option<T> {
    use std::cell::RefCell;
    type Cached = Option<(&'static str, u64, Option<crate::expr::Expr>)>;
    thread_local! {
        static TREE: RefCell<Cached> = const { RefCell::new(None) };
    }
    TREE.with(|cell| {
        let mut cached = cell.borrow_mut();
        let fresh =
            !matches!(&*cached, Some((id, bits, _)) if *id == entry.id && *bits == param.to_bits());
        if fresh {
            let vars: &[&str] = if entry.dim == 1 { &["x"] } else { &["x", "y"] };
            let tree = crate::expr::parse(&entry.formula(param), vars).ok();
            *cached = Some((entry.id, param.to_bits(), tree));
        }
        cached.as_ref().and_then(|(_, _, t)| t.as_ref()).map(with)
    })
}

/// Every entry: the 1-D ones first, then the 2-D ones.
pub fn all() -> &'static [Entry] {
    &ENTRIES
}

/// The entry with this id.
pub fn find(id: &str) -> Option<&'static Entry> {
    ENTRIES.iter().find(|e| e.id == id)
}

/// The entries of one dimension.
pub fn of_dim(dim: usize) -> impl Iterator<Item = &'static Entry> {
    ENTRIES.iter().filter(move |e| e.dim == dim)
}

#[path = "catalogue_entries.rs"]
mod entries;
use entries::ENTRIES;

#[path = "catalogue_recommended.rs"]
mod recommended;
pub use recommended::Recommended;

#[cfg(test)]
#[path = "catalogue_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "catalogue_recommended_tests.rs"]
mod recommended_tests;
