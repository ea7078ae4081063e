//! The 1-D lesson's settings table: its own rows, then its method menu and each method's
//! hyperparameter rows, derived at compile time from the rules' declarations in the
//! registry ([`crate::optim::RULES`]) under lesson 1's URL keys.
//!
//! Lesson 1 offers the rules whose step reads only x_k and f′(x_k) (and f or f″ there):
//! plain descent, the two line searches and Newton's method. They are the lesson's
//! question, how far to step, answered four ways. The rules with a memory (momentum,
//! Adagrad, RMSprop, Adam) are lesson 2's: in one variable Adam's step is about
//! ±γ whatever f′ is, and their velocity and race views live there.

use super::tables::{LESSON_1D_HEAD, c, row};
use super::{Choice, Kind, Setting};
use crate::optim::{RULES, Rule};
use crate::text::same;

/// Lesson 1's methods by registry name, in menu order, with the URL key in lesson 1 of
/// each registry hyperparameter key they have (γ is lesson 1's own `gamma`).
pub const RULES_1D: [&str; 4] = ["gd", "armijo", "exactls", "newton"];

/// Lesson 1's URL key of each registry hyperparameter key of its methods.
const KEYS_1D: [(&str, &str); 5] = [
    ("gamma2", "gamma"),
    ("armijo.rho", "armijo1.rho"),
    ("armijo.c", "armijo1.c"),
    ("exactls.tol", "exactls1.tol"),
    ("newton.lr", "newton1.lr"),
];

/// The rule named `name` (a compile-time error if the registry has none).
const fn rule_named(name: &str) -> &'static Rule {
    let mut i = 0;
    while i < RULES.len() {
        if same(RULES[i].name, name) {
            return &RULES[i];
        }
        i += 1;
    }
    panic!("lesson 1 names a rule the registry does not have");
}

/// Lesson 1's URL key of the registry hyperparameter key `key`, if a lesson-1 method has it.
///
/// ```
/// use descent::settings::key_1d;
/// assert_eq!(key_1d("armijo.rho"), Some("armijo1.rho"));
/// assert_eq!((key_1d("gamma2"), key_1d("adam.beta1")), (Some("gamma"), None));
/// ```
pub const fn key_1d(key: &str) -> Option<&'static str> {
    let mut i = 0;
    while i < KEYS_1D.len() {
        if same(KEYS_1D[i].0, key) {
            return Some(KEYS_1D[i].1);
        }
        i += 1;
    }
    None
}

/// [`key_1d`] in the table's constants: a compile-time error for a key without one, so a
/// new hyperparameter of a lesson-1 method must be given its lesson-1 key above.
const fn key_of(key: &str) -> &'static str {
    match key_1d(key) {
        Some(k) => k,
        None => panic!("a hyperparameter of a lesson-1 rule has no lesson-1 key"),
    }
}

/// The method menu: each lesson-1 rule's name and label, from the registry.
const METHOD_CHOICES: [Choice; RULES_1D.len()] = {
    let mut out = [c("", ""); RULES_1D.len()];
    let mut i = 0;
    while i < RULES_1D.len() {
        let r = rule_named(RULES_1D[i]);
        out[i] = c(r.name, r.label);
        i += 1;
    }
    out
};

/// Whether hyperparameter `j` of lesson-1 rule `i` gets no row of its own: its lesson-1
/// key is `gamma` or was already given by an earlier rule.
const fn repeated(i: usize, j: usize) -> bool {
    let key = key_of(rule_named(RULES_1D[i]).params[j].row.key);
    if same(key, "gamma") {
        return true;
    }
    let mut a = 0;
    while a <= i {
        let params = rule_named(RULES_1D[a]).params;
        let mut b = 0;
        while b < params.len() && (a < i || b < j) {
            if same(key_of(params[b].row.key), key) {
                return true;
            }
            b += 1;
        }
        a += 1;
    }
    false
}

/// How many hyperparameter rows lesson 1's methods add.
const PARAM_ROWS: usize = {
    let mut n = 0;
    let mut i = 0;
    while i < RULES_1D.len() {
        let mut j = 0;
        while j < rule_named(RULES_1D[i]).params.len() {
            if !repeated(i, j) {
                n += 1;
            }
            j += 1;
        }
        i += 1;
    }
    n
};

/// The method menu's row.
const METHOD: Setting = row(
    "opt1",
    "method",
    Kind::Choice(&METHOD_CHOICES),
    "gd",
    "",
    "The update rule: the notebook's gradient descent with a fixed γ, γ found by a backtracking (Armijo) or an exact line search along −f′, or Newton's step −f′/f″.",
);

const HEAD_ROWS: usize = LESSON_1D_HEAD.len();

/// Every row: lesson 1's own, the method menu, then the methods' hyperparameters.
const ROWS: [Setting; HEAD_ROWS + 1 + PARAM_ROWS] = {
    let mut out = [METHOD; HEAD_ROWS + 1 + PARAM_ROWS];
    let mut n = 0;
    while n < HEAD_ROWS {
        out[n] = LESSON_1D_HEAD[n];
        n += 1;
    }
    n += 1; // the method menu
    let mut i = 0;
    while i < RULES_1D.len() {
        let params = rule_named(RULES_1D[i]).params;
        let mut j = 0;
        while j < params.len() {
            if !repeated(i, j) {
                out[n] = params[j].with_key(key_of(params[j].row.key)).row;
                n += 1;
            }
            j += 1;
        }
        i += 1;
    }
    out
};

/// The 1-D lesson (notebook In[2]–In[8]).
pub const LESSON_1D: &[Setting] = &ROWS;
