//! The 1-D lesson's work: its multi-start (settings, checks, budget) and the sampled curves
//! of f and f′ the page draws.

use std::rc::Rc;

use crate::diff::GradientMode;
use crate::error::ConfigError;
use crate::lessons::Config1D;
use crate::multistart::MultiStart;
use crate::objective::Objective;
use crate::optim::OptimSpec;
use crate::optim::explain::{StepView, num};
use crate::run::RunConfig;
use crate::runset::RunSet;

/// The multi-start settings as the page sends them (numbers as typed, checked here).
/// The default is the notebook's In[6]: 50 starts uniform in [−10, 10].
#[derive(Debug, Clone, PartialEq)]
pub struct Starts1D {
    /// Number of starts.
    pub n: f64,
    /// Lower end of the start interval.
    pub lo: f64,
    /// Upper end.
    pub hi: f64,
    /// Seed of the starts.
    pub seed: f64,
}

impl Default for Starts1D {
    fn default() -> Self {
        Starts1D {
            n: 50.0,
            lo: -10.0,
            hi: 10.0,
            seed: 1.0,
        }
    }
}

impl Starts1D {
    /// The checked multi-start (against the 1-D settings table: `n`, `lo`, `hi`, `seed`).
    pub fn multistart(&self) -> Result<MultiStart, ConfigError> {
        crate::lessons::starts_1d(self.n, self.lo, self.hi, self.seed)
    }
}

/// The multi-start's runs on `objective` with the lesson's method, gradient mode and steps,
/// not yet computed; refused when starts × the method's step cost × steps is over
/// [`crate::budget::RUN_STEPS`].
pub fn multistart(
    config: &Config1D,
    starts: &Starts1D,
    objective: Rc<dyn Objective>,
) -> Result<RunSet, ConfigError> {
    let spec = config.optimizer_spec()?;
    let template = RunConfig::new(vec![0.0], config.step_budget()?).mode(config.gradient_mode()?);
    let starts = starts.multistart()?.starts();
    RunSet::new(
        objective,
        f64::NEG_INFINITY,
        vec![spec],
        template,
        starts,
        ["n", "steps"],
    )
}

/// "Show the arithmetic" of the step from x_k to x_{k+1} = `next` of the lesson's method,
/// where the step used the derivative `g`: the method's own explanation (its trials, its
/// line minimum or its f″) with the numbers substituted. Lesson 1's methods keep no memory,
/// so x_k and f′(x_k) are all a step reads.
///
/// ```
/// use descent::lessons::{Config1D, lesson1d::arithmetic};
/// let c = Config1D { optimizer: "newton".into(), ..Config1D::default() };
/// let f = descent::objective::notebook_1d();
/// let lines = arithmetic(&c.optimizer_spec().unwrap(), &f, 0, 3.0, 4.0, 1.0);
/// assert_eq!(lines[1], "x_0 = 3, f′(x_0) = 4");
/// assert!(lines.iter().any(|l| l.starts_with("H(x_0) = f″ = 2")), "{lines:?}");
/// assert_eq!(lines.last().unwrap(), "x_1 = x_0 − α·d = (3) − 1·(2) = (1)");
/// ```
pub fn arithmetic(
    spec: &OptimSpec,
    objective: &dyn Objective,
    k: usize,
    x: f64,
    g: f64,
    next: f64,
) -> Vec<String> {
    let none = |_: usize, _: &str| None;
    let (xs, gs, ns) = ([x], [g], [next]);
    let view = StepView {
        objective,
        k,
        x: &xs,
        g: &gs,
        next: &ns,
        lr: spec.lr(),
        state: &none,
    };
    let symbol = spec.rule().rate_symbol();
    let mut lines = vec![
        crate::msg!(
            "core.arith.step",
            "step {k} → {n} ({opt})",
            k = k,
            n = k + 1,
            opt = spec.name()
        ),
        format!("x_{k} = {}, f′(x_{k}) = {}", num(x), num(g)),
        format!("{symbol} = {}", num(spec.lr())),
    ];
    lines.extend(spec.explain(&view));
    lines
}

/// When lesson 1's method steps with a rate of its own (Newton's α) rather than γ, a note
/// that says so; `None` for plain descent and the line searches, which start from γ.
///
/// ```
/// use descent::lessons::{Config1D, lesson1d::rate_note};
/// let newton = Config1D { optimizer: "newton".into(), ..Config1D::default() };
/// assert_eq!(
///     rate_note(&newton).unwrap(),
///     "Newton's method has its own α (1): the γ of gradient descent (0.01) does not apply."
/// );
/// assert_eq!(rate_note(&Config1D::default()), None);
/// ```
pub fn rate_note(config: &Config1D) -> Option<String> {
    let spec = config.optimizer_spec().ok()?;
    let lr = spec
        .rule()
        .params
        .first()
        .filter(|_| !spec.rule().uses_gamma())?;
    let symbol = lr.symbol();
    let shown = |v: f64| crate::text::shown(&crate::settings::compact(v));
    Some(crate::msg!(
        "core.rate.own",
        "{opt} has its own {symbol} ({rate}): the γ of gradient descent ({gamma}) does not apply.",
        opt = crate::text::text(&format!("set.opt1.{}", spec.name()), spec.rule().label, &[]),
        symbol = symbol,
        rate = shown(spec.lr()),
        gamma = shown(config.gamma)
    ))
}

/// Largest number of samples of a curve.
pub const MAX_SAMPLES: usize = 100_000;

/// `n` samples (clamped to 2..=[`MAX_SAMPLES`]) of [lo, hi]: the x's, then f(x), then f′(x)
/// in gradient `mode`, one flat vector of 3n numbers.
pub fn sample(
    objective: &dyn Objective,
    mode: GradientMode,
    lo: f64,
    hi: f64,
    n: usize,
) -> Vec<f64> {
    let n = n.clamp(2, MAX_SAMPLES);
    let xs: Vec<f64> = (0..n)
        .map(|i| lo + (hi - lo) * i as f64 / (n - 1) as f64)
        .collect();
    let mut out = xs.clone();
    out.extend(xs.iter().map(|&x| objective.value(&[x])));
    out.extend(xs.iter().map(|&x| mode.partial(objective, &[x], 0)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objective::notebook_1d;

    #[test]
    fn the_notebook_multistart_ends_where_the_formula_says() {
        let c = Config1D::default();
        let mut set = multistart(&c, &Starts1D::default(), Rc::new(notebook_1d())).unwrap();
        set.finish();
        assert!(set.keeps_history());
        for s in set.summaries() {
            let expect = 1.0 + (s.start[0] - 1.0) * 0.98f64.powi(50);
            assert!((s.end[0] - expect).abs() < 1e-9);
            assert!((-10.0..10.0).contains(&s.start[0]));
        }
        let best = set.best().unwrap();
        let d = |s: &crate::runset::RunSummary| (s.end[0] - 1.0).abs();
        assert!(
            set.summaries()
                .iter()
                .all(|s| d(s) >= d(&set.summaries()[best]))
        );
    }

    #[test]
    fn bad_and_oversize_multistarts_name_the_setting() {
        let c = Config1D::default();
        let f = || -> Rc<dyn Objective> { Rc::new(notebook_1d()) };
        let bad = |s: Starts1D| multistart(&c, &s, f()).unwrap_err();
        assert_eq!(
            bad(Starts1D {
                n: 0.0,
                ..Default::default()
            })
            .field(),
            "n"
        );
        assert_eq!(
            bad(Starts1D {
                lo: 5.0,
                hi: 1.0,
                ..Default::default()
            })
            .to_string(),
            "start interval min must be less than start interval max"
        );
        assert_eq!(
            multistart(
                &Config1D::default(),
                &Starts1D {
                    n: 10_000.0,
                    ..Default::default()
                },
                f()
            )
            .map(|s| s.len())
            .unwrap(),
            10_000
        );
        let big = Config1D {
            steps: 100_000.0,
            ..Config1D::default()
        };
        let e = multistart(
            &big,
            &Starts1D {
                n: 10_000.0,
                ..Default::default()
            },
            f(),
        )
        .unwrap_err();
        assert_eq!(e.field(), "n");
        assert!(
            e.to_string()
                .contains("N (starts) × steps = 10000 × 100000"),
            "{e}"
        );
    }

    fn with(optimizer: &str, params: &[(&str, f64)]) -> Config1D {
        Config1D {
            optimizer: optimizer.into(),
            params: params.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
            mode: "exact".into(),
            ..Config1D::default()
        }
    }

    #[test]
    fn the_method_menu_is_the_registrys_memoryless_rules_and_gd_by_default() {
        let row = crate::settings::find("opt1").unwrap();
        assert_eq!(row.default, "gd");
        let crate::settings::Kind::Choice(choices) = row.kind else {
            panic!("opt1 is a menu")
        };
        for c in choices {
            assert_eq!(crate::optim::rule(c.value).unwrap().label, c.label);
        }
        let names: Vec<&str> = choices.iter().map(|c| c.value).collect();
        assert_eq!(names, ["gd", "armijo", "exactls", "newton"]);
        for key in ["armijo1.rho", "armijo1.c", "exactls1.tol", "newton1.lr"] {
            assert_eq!(crate::settings::table_of(key), "1d", "{key}");
        }
        assert_eq!(Config1D::default().optimizer_spec().unwrap().name(), "gd");
    }

    #[test]
    fn armijos_condition_holds_at_every_step_of_lesson_1() {
        for (rho, c) in [(0.5, 1e-4), (0.3, 0.4)] {
            let cfg = Config1D {
                f: "sin(3x) + x^2/4".into(),
                gamma: 2.0,
                x0: 2.0,
                ..with("armijo", &[("rho", rho), ("c", c)])
            };
            let f = cfg.objective().unwrap();
            let mut run = cfg.build(f.clone()).unwrap();
            run.finish();
            let h = run.history();
            assert!(h.len() > 2);
            for k in 0..h.len() - 1 {
                let (x, g, next) = (h.point(k)[0], h.gradient(k)[0], h.point(k + 1)[0]);
                // The step is x − γg with γ the first of 2, 2ρ, 2ρ², … that meets
                // f(x − γg) ≤ f(x) − cγg² (Nocedal & Wright, Alg. 3.1).
                let b = crate::optim::backtrack(f.as_ref(), &[x], &[g], 2.0, rho, c);
                assert!(b.accepted, "step {k}");
                assert_eq!(next, x - b.gamma * g, "step {k}");
                let gamma = b.gamma;
                let bound = f.value(&[x]) - c * gamma * g * g;
                assert!(f.value(&[next]) <= bound + 1e-15, "step {k}");
            }
            let lines = arithmetic(
                &cfg.optimizer_spec().unwrap(),
                f.as_ref(),
                0,
                2.0,
                h.gradient(0)[0],
                h.point(1)[0],
            );
            assert!(
                lines.iter().any(|l| l.starts_with("trial 1: γ = 2")),
                "{lines:?}"
            );
        }
    }

    #[test]
    fn exact_line_search_lands_on_the_line_minimum_in_one_step_on_the_notebook_f() {
        let cfg = with("exactls", &[("tol", 1e-12)]);
        for x0 in [-7.0, 3.0, 10.0] {
            let mut run = Config1D { x0, ..cfg.clone() }
                .build(Rc::new(notebook_1d()))
                .unwrap();
            run.step();
            assert!((run.history().point(1)[0] - 1.0).abs() < 1e-9, "from {x0}");
        }
        // On another f: φ′(γ*) = 0, f′ at the new point is (nearly) zero along the line.
        let other = Config1D {
            f: "x**4 - 2*x**2 + 0.5x".into(),
            x0: 2.0,
            ..cfg
        };
        let f = other.objective().unwrap();
        let mut run = other.build(f.clone()).unwrap();
        run.step();
        let mut g = [0.0];
        f.gradient(run.history().point(1), &mut g);
        assert!(g[0].abs() < 1e-6, "f′ at the line minimum: {}", g[0]);
    }

    #[test]
    fn newton_reaches_the_minimum_of_the_notebook_f_in_one_step() {
        let cfg = with("newton", &[]);
        for x0 in [-10.0, -3.5, 3.0, 9.0] {
            let mut run = Config1D { x0, ..cfg.clone() }
                .build(Rc::new(notebook_1d()))
                .unwrap();
            run.step();
            // d = f′/f″ through a Cholesky factor √2: exact to rounding.
            assert!((run.history().point(1)[0] - 1.0).abs() < 1e-14, "from {x0}");
        }
        // The typed f's f″ comes from the expression language: exact.
        let typed = cfg.objective().unwrap();
        assert!(typed.has_exact_hessian());
        let mut h = [0.0];
        typed.hessian(&[3.0], &mut h);
        assert_eq!(h[0], 2.0);
        let mut set = multistart(&cfg, &Starts1D::default(), typed).unwrap();
        set.finish();
        assert!(
            set.summaries()
                .iter()
                .all(|s| (s.end[0] - 1.0).abs() < 1e-12)
        );
        // α = 0.5 halves the distance each step.
        let half = with("newton", &[("lr", 0.5)]);
        let mut run = half.build(Rc::new(notebook_1d())).unwrap();
        run.step();
        assert!((run.history().point(1)[0] - 2.0).abs() < 1e-14);
    }

    #[test]
    fn a_methods_step_cost_weighs_in_the_multistart_budget() {
        let starts = Starts1D {
            n: 10_000.0,
            ..Default::default()
        };
        let steps = Config1D {
            steps: 2_000.0,
            ..Config1D::default()
        };
        let f = || -> Rc<dyn Objective> { Rc::new(notebook_1d()) };
        assert!(multistart(&steps, &starts, f()).is_ok());
        let e = multistart(
            &Config1D {
                optimizer: "exactls".into(),
                ..steps
            },
            &starts,
            f(),
        )
        .unwrap_err();
        assert_eq!(e.field(), "n");
        assert!(e.to_string().contains("× 30 ×"), "{e}");
    }

    #[test]
    fn bad_hyperparameters_are_named_by_their_lesson_1_key() {
        let err = |c: Config1D| c.optimizer_spec().unwrap_err().field().to_string();
        assert_eq!(err(with("armijo", &[("rho", 1.0)])), "armijo1.rho");
        assert_eq!(err(with("armijo", &[("c", 0.0)])), "armijo1.c");
        assert_eq!(err(with("exactls", &[("tol", 0.5)])), "exactls1.tol");
        assert_eq!(err(with("newton", &[("lr", -1.0)])), "newton1.lr");
        assert_eq!(err(with("adam", &[])), "opt1");
        let mut v = crate::settings::Values::notebook();
        assert_eq!(
            v.set("armijo1.rho", "2").unwrap_err().field(),
            "armijo1.rho"
        );
        v.set("opt1", "armijo").unwrap();
        v.set("armijo1.c", "0.25").unwrap();
        let c = Config1D::from_values(&v);
        assert_eq!(c.optimizer_spec().unwrap().values(), &[0.01, 0.5, 0.25]);
    }

    #[test]
    fn samples_are_x_then_f_then_the_derivative() {
        let s = sample(&notebook_1d(), GradientMode::Exact, -1.0, 3.0, 5);
        assert_eq!(&s[..5], &[-1.0, 0.0, 1.0, 2.0, 3.0]);
        assert_eq!(&s[5..10], &[4.0, 1.0, 0.0, 1.0, 4.0]);
        assert_eq!(&s[10..], &[-4.0, -2.0, 0.0, 2.0, 4.0]);
        let c = sample(
            &notebook_1d(),
            GradientMode::Central { h: 1e-3 },
            -1.0,
            3.0,
            5,
        );
        assert!((c[10] + 4.0).abs() < 1e-9);
        assert_eq!(
            sample(&notebook_1d(), GradientMode::Exact, 0.0, 1.0, 0).len(),
            6
        );
    }
}
