//! "Copy as Python": a notebook cell in the notebook's own style (numpy, `Df`/`Dfx`/`Dfy`,
//! `x0 += -gamma*...`, the `Neuron` class) that repeats a lesson's run number for number.
//!
//! Each cell is written from the lesson's checked settings: the same function (printed by
//! [`super::pyexpr`]), h, γ, steps, starts, update order and gradient mode; the neuron's
//! cell is [`super::pyneuron`]'s. Its last line prints the final point (or weights) with every digit, so a test can
//! run it and compare. What the cell cannot repeat (shuffled epochs, hidden layers; races
//! are refused by the page's handle) is refused with a reason naming the setting. Its
//! comments and printed words are in the language in use; its code and numbers are not.

use std::fmt::Write as _;

use super::pyexpr::{literal, partial, python};
pub use super::pyneuron::neuron;
use crate::diff::GradientMode;
use crate::error::ConfigError;
use crate::expr::{Expr, parse};
use crate::lesson2d::{Config2D, entry_of, entry_with_param};
use crate::lessons::Config1D;
use crate::run::{RunConfig, UpdateOrder};

pub(super) fn unsupported(field: &'static str, message: &str) -> ConfigError {
    ConfigError::Invalid {
        field,
        message: message.into(),
    }
}

fn function(text: &str, vars: &[&str], field: &'static str) -> Result<Expr, ConfigError> {
    parse(text, vars).map_err(|e| ConfigError::Invalid {
        field,
        message: crate::expr::message(&e),
    })
}

/// The `# ...` line naming the derivative the cell uses.
fn mode_comment(mode: GradientMode) -> String {
    match mode {
        GradientMode::Exact => crate::msg!("core.py.exact", "exact derivative, written out"),
        GradientMode::Central { .. } => {
            crate::msg!("core.py.central", "central difference, the notebook's Df")
        }
        GradientMode::Forward { .. } => crate::msg!("core.py.forward", "forward difference"),
    }
}

/// The difference quotient of the notebook's `Df` (In[3]) for `mode`, shifting `arg`.
fn quotient(mode: GradientMode, call: impl Fn(&str) -> String) -> String {
    match mode {
        GradientMode::Forward { .. } => format!("({}-{})/h", call("+h"), call("")),
        _ => format!("({}-{})/(2*h)", call("+h"), call("-h")),
    }
}

/// `text` as Python comment lines: `# ` before each of its lines.
pub(super) fn comment(text: &str) -> String {
    text.lines().map(|l| format!("# {l}\n")).collect()
}

/// The cell's first lines: numpy, told not to warn where a run diverges.
pub(super) fn preamble() -> String {
    format!(
        "import numpy as np\n\n# {}\nnp.seterr(all='ignore')\n",
        crate::msg!(
            "core.py.seterr",
            "Descent's runs stop where they diverge; numpy need not warn on the way."
        )
    )
}

/// The 1-D lesson's run (In[2]–In[6]): f, its derivative by the lesson's mode, and
/// `x0 += -gamma*Df(x0,f,h)` from the start point for the step budget (another method:
/// its Python class, stepping a dummy y held at 0), stopping where the run diverges
/// (|x| > 10⁶ or a non-finite value), then `print(x0)`.
pub fn lesson1d(config: &Config1D) -> Result<String, ConfigError> {
    let spec = config.optimizer_spec()?;
    let optimizer = super::pyoptim::class_for(&spec);
    let mode = config.gradient_mode()?;
    let steps = config.step_budget()?;
    let e = function(&config.f, &["x"], "f")?;
    let mut s = preamble();
    let f = crate::expr::print(&e, &["x"]);
    let header = match &optimizer {
        None => crate::msg!(
            "core.py.lesson1",
            "Descent, lesson 1: f(x) = {f}, gamma = {gamma}, {steps} steps from x0 = {x0} ({mode}).",
            f = f,
            gamma = literal(config.gamma),
            steps = steps,
            x0 = literal(config.x0),
            mode = mode_comment(mode)
        ),
        Some((_, call)) => crate::msg!(
            "core.py.lesson1.rule",
            "Descent, lesson 1: f(x) = {f}, {method}, {steps} steps from x0 = {x0} ({mode}).",
            f = f,
            method = call.clone(),
            steps = steps,
            x0 = literal(config.x0),
            mode = mode_comment(mode)
        ),
    };
    let _ = write!(s, "\n{}", comment(&header));
    let _ = write!(s, "\ndef f(x):\n    return {}\n", python(&e, &["x"]));
    let update = match mode {
        GradientMode::Exact => {
            let _ = write!(s, "\ndef Df(x):\n    return {}\n", partial(&e, 0, &["x"]));
            "Df(x0)"
        }
        _ => {
            let q = quotient(mode, |d| format!("f(x{d})"));
            let _ = write!(
                s,
                "\ndef Df(x,f,h):\n    \n    d = 0.\n    if(h!=0):\n        d = {q}\n    return d\n"
            );
            "Df(x0,f,h)"
        }
    };
    if let GradientMode::Central { h } | GradientMode::Forward { h } = mode {
        let _ = write!(s, "\nh = {}", literal(h));
    }
    let step = match &optimizer {
        None => {
            let _ = write!(s, "\ngamma = {}", literal(config.gamma));
            format!("x0 += -gamma*{update}")
        }
        Some((class, call)) => {
            let _ = write!(
                s,
                "\n\n{}\ndef f2(x,y):\n    return f(x) + 0.5*y*y\n\ndef grad2(x,y):\n    return {}, y\n\n{class}\nopt = {call}",
                comment(&crate::msg!(
                    "core.py.dummy",
                    "The method's class steps (x, y): f2 is f with a y that stays at 0 (its own\nterm y²/2 has curvature 1, so it never moves and leaves x's step as in one variable).\ngrad2 is the exact derivative, for the line search's slope and Newton's f″."
                )),
                partial(&e, 0, &["x"]),
            );
            format!("x0, _ = opt.step(x0, 0.0, {update}, 0.0)")
        }
    };
    let _ = write!(
        s,
        "\nSteps = {steps}\n\nx0 = np.float64({})\nPoints = [x0]\n\n\
         for j in range(Steps):\n    \n    {step}\n    Points.append(x0)\n    \n    \
         if not np.isfinite(f(x0)) or abs(x0) > {}:\n        break\n\nprint(x0)\n",
        literal(config.x0),
        literal(RunConfig::DEFAULT_BOUND),
    );
    Ok(s)
}

/// The formula of a 2-D lesson function spec: a catalogue entry's formula (by id, or as
/// typed with its parameter), else the typed text itself.
pub fn formula_2d(spec: &str) -> String {
    if let Some(e) = entry_of(spec) {
        e.default_formula()
    } else if let Some((e, p)) = entry_with_param(spec) {
        e.formula(p)
    } else {
        spec.to_string()
    }
}

/// The 2-D lesson's runs (In[12]–In[18]): `f2`, `Dfx`/`Dfy` by the lesson's mode, every
/// start in `starts` stepped in the lesson's update order (plain gradient descent as the
/// notebook writes it, another optimizer through its class from [`super::pyoptim`]), then
/// each run's end printed as `x y`, one line per start.
pub fn lesson2d(spec: &str, config: &Config2D, starts: &[[f64; 2]]) -> Result<String, ConfigError> {
    let template = config.template()?;
    let spec_opt = config.optimizer_spec()?;
    let optimizer = super::pyoptim::class_for(&spec_opt);
    if template.grad_tol > 0.0 {
        return Err(unsupported(
            "gradient tolerance",
            &crate::msg!(
                "core.py.gradtol",
                "Copy as Python does not write a gradient-tolerance stop"
            ),
        ));
    }
    let vars = ["x", "y"];
    let e = function(&formula_2d(spec), &vars, "f")?;
    let mode = template.mode;
    let gamma = spec_opt.lr();
    // A rule that moves the whole iterate (line searches, Newton) takes the whole gradient.
    let whole = spec_opt.build()?.whole();
    let order_used = if whole {
        UpdateOrder::Simultaneous
    } else {
        template.order
    };
    let mut s = preamble();
    let method = match &optimizer {
        None => crate::msg!(
            "core.py.gd",
            "gradient descent with gamma = {gamma}",
            gamma = literal(gamma)
        ),
        Some((_, call)) => call.clone(),
    };
    let f = crate::expr::print(&e, &vars);
    s.push_str(&header_2d(
        &f,
        &method,
        template.max_steps,
        mode,
        order_used,
    ));
    let _ = write!(s, "\ndef f2(x,y):\n    return {}\n", python(&e, &vars));
    let (gx, gy) = gradient_2d(&mut s, &e, &vars, mode);
    if whole {
        let _ = write!(
            s,
            "\n# {}\n\ndef grad2(x,y):\n    return {}, {}\n",
            crate::msg!(
                "core.py.grad2",
                "The exact gradient, for the line search's slope and Newton's Hessian"
            ),
            partial(&e, 0, &vars),
            partial(&e, 1, &vars)
        );
    }
    if let Some((class, _)) = &optimizer {
        let _ = write!(s, "\n{class}");
    }
    let list: Vec<String> = starts
        .iter()
        .map(|p| format!("[{}, {}]", literal(p[0]), literal(p[1])))
        .collect();
    let _ = write!(
        s,
        "\n{}Steps = {}\n\nStarts = [{}]\nEpochs = len(Starts)\n\nVectorFinal = []\n\n\n\
         for i in range(Epochs):\n    \n    x0 = np.float64(Starts[i][0])\n    y0 = np.float64(Starts[i][1])\n    {}\n    \
         PointsX = [x0]\n    PointsY = [y0]\n    \n    for j in range(Steps):\n        \n",
        if optimizer.is_none() {
            format!("gamma = {}\n", literal(gamma))
        } else {
            String::new()
        },
        template.max_steps,
        list.join(", "),
        optimizer
            .as_ref()
            .map_or(String::new(), |(_, call)| format!("opt = {call}\n")),
    );
    if whole {
        let _ = write!(
            s,
            "        gx = {gx}\n        gy = {gy}\n        x0, y0 = opt.step(x0, y0, gx, gy)\n"
        );
    } else {
        s.push_str(&update_2d(template.order, optimizer.is_some(), gx, gy));
    }
    let _ = write!(
        s,
        "        \n        PointsX.append(x0)\n        PointsY.append(y0)\n        \n        \
         if not np.isfinite(f2(x0,y0)) or max(abs(x0),abs(y0)) > {}:\n            break\n        \n    \
         VectorFinal.append([PointsX,PointsY])\n\nfor i in range(Epochs):\n    \
         print(VectorFinal[i][0][-1],VectorFinal[i][1][-1])\n",
        literal(RunConfig::DEFAULT_BOUND)
    );
    Ok(s)
}

/// The 2-D cell's header comment: the function, the method, the steps, the derivative and
/// the update order.
fn header_2d(
    f: &str,
    method: &str,
    steps: usize,
    mode: GradientMode,
    order: UpdateOrder,
) -> String {
    let order = match order {
        UpdateOrder::Sequential => crate::msg!(
            "core.py.sequential",
            "sequential order, the notebook's: y's partial at the new x"
        ),
        UpdateOrder::Simultaneous => crate::msg!(
            "core.py.simultaneous",
            "simultaneous order: both partials at (x_k, y_k)"
        ),
    };
    format!(
        "\n{}",
        comment(&crate::msg!(
            "core.py.lesson2",
            "Descent, lesson 2: f(x, y) = {f}, {method}, {steps} steps,\n{mode}, {order}.",
            f = f,
            method = method,
            steps = steps,
            mode = mode_comment(mode),
            order = order
        ))
    )
}

/// Writes the 2-D gradient's Python definitions for `mode` into `s`; returns the calls of
/// its two partials at (x0, y0).
fn gradient_2d(
    s: &mut String,
    e: &crate::expr::Expr,
    vars: &[&str],
    mode: GradientMode,
) -> (&'static str, &'static str) {
    match mode {
        GradientMode::Exact => {
            let _ = write!(
                s,
                "\n# {}\n\ndef Dfx(x,y):\n    return {}\n\ndef Dfy(x,y):\n    return {}\n",
                crate::msg!("core.py.gradient", "The gradient, written out"),
                partial(e, 0, vars),
                partial(e, 1, vars)
            );
            ("Dfx(x0,y0)", "Dfy(x0,y0)")
        }
        _ => {
            let qx = quotient(mode, |d| format!("f(x{d},y)"));
            let qy = quotient(mode, |d| format!("f(x,y{d})"));
            let _ = write!(
                s,
                "\n# {}\n\ndef Dfx(x,y,f,h):\n    d=0\n    if(h!=0):\n        d = {qx}\n    return d\n\n\
                 def Dfy(x,y,f,h):\n    d=0\n    if(h!=0):\n        d = {qy}\n    return d\n",
                crate::msg!("core.py.define", "Let us define the gradient")
            );
            let _ = write!(s, "\nh = {}", literal(mode_h(mode)));
            ("Dfx(x0,y0,f2,h)", "Dfy(x0,y0,f2,h)")
        }
    }
}

/// The Python lines of one 2-D step in `order`, through the optimizer class when
/// `optimizer`, else plain gradient descent with `gamma`.
fn update_2d(order: UpdateOrder, optimizer: bool, gx: &str, gy: &str) -> String {
    let mut out = String::new();
    match (order, optimizer) {
        (UpdateOrder::Sequential, true) => {
            let _ = write!(
                out,
                "        opt.begin_step()\n        x0 = opt.update(0, x0, {gx})\n        y0 = opt.update(1, y0, {gy})\n"
            );
        }
        (UpdateOrder::Simultaneous, true) => {
            let _ = write!(
                out,
                "        gx = {gx}\n        gy = {gy}\n        opt.begin_step()\n        x0 = opt.update(0, x0, gx)\n        y0 = opt.update(1, y0, gy)\n"
            );
        }
        (UpdateOrder::Sequential, false) => {
            let _ = write!(
                out,
                "        x0 += -gamma*{gx}\n        y0 += -gamma*{gy}\n"
            );
        }
        (UpdateOrder::Simultaneous, false) => {
            let _ = write!(
                out,
                "        gx = {gx}\n        gy = {gy}\n        x0 += -gamma*gx\n        y0 += -gamma*gy\n"
            );
        }
    }
    out
}

fn mode_h(mode: GradientMode) -> f64 {
    match mode {
        GradientMode::Central { h } | GradientMode::Forward { h } => h,
        GradientMode::Exact => 0.0,
    }
}
