//! The optimizer of the "copy as Python" cell: the rule's own Python class (declared in its
//! module of [`crate::optim`]) and the call that constructs it with the run's values.

use super::pyexpr::literal;
use crate::optim::OptimSpec;

/// The class definition under its comment and the constructor call (`Adam(lr=0.001, ...)`)
/// for `spec`, or `None` for plain gradient descent, which the cell writes as the notebook does.
pub fn class_for(spec: &OptimSpec) -> Option<(String, String)> {
    let form = spec.rule().python?;
    let args: Vec<String> = spec
        .params()
        .map(|(p, v)| format!("{}={}", p.name, literal(v)))
        .chain(form.extra.iter().map(|e| e.to_string()))
        .collect();
    let comment: String = (form.comment)()
        .lines()
        .map(|l| format!("# {l}\n"))
        .collect();
    Some((
        comment + form.class,
        format!("{}({})", form.constructor, args.join(", ")),
    ))
}
