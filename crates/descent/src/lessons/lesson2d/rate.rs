//! The 2-D lesson's optimizer settings: the hyperparameters its values hold, and the form's note
//! on an optimizer with a learning rate of its own: it says that the lesson's
//! γ does not apply, and suggests a rate at which its behaviour shows when it barely moves.

use std::collections::BTreeMap;

use crate::optim::rule;
use crate::settings::{Values, compact};

/// The largest number of the form 1, 2 or 5 × 10ⁿ not above `v` (a rate to suggest).
fn round_down_125(v: f64) -> f64 {
    let decade = 10f64.powf(v.log10().floor());
    let lead = v / decade;
    let digit = if lead >= 5.0 {
        5.0
    } else if lead >= 2.0 {
        2.0
    } else {
        1.0
    };
    // Through text, so that 0.05 is 0.05 and not 0.05000000000000001.
    crate::decimal::parse_f64(&compact(digit * decade)).unwrap_or(digit * decade)
}

/// The hyperparameters of optimizer `name` held by `values` (checked against the table):
/// `{keyword: value}`, a switch as 0 or 1 (empty for an unknown name).
pub fn params_from(name: &str, values: &Values) -> BTreeMap<String, f64> {
    rule(name)
        .map(|r| r.params)
        .unwrap_or(&[])
        .iter()
        .map(|p| {
            let v = if p.switch() {
                f64::from(u8::from(values.flag(p.key())))
            } else {
                values.number(p.key())
            };
            (p.name.to_string(), v)
        })
        .collect()
}

/// For the 2-D lesson's optimizer `name` with the settings `values`: when it uses a rate of
/// its own rather than the shared γ (RMSprop, Adam, …), a note that says so; and when that
/// rate times the steps stays below the start box b (the run can barely move), a rate that
/// shows the optimizer's behaviour. `None` for plain descent and the momentum methods.
///
/// ```
/// use descent::settings::Values;
/// let mut v = Values::notebook();
/// v.set("opt", "adam").unwrap();
/// let note = descent::lesson2d::rate_note("adam", &v).unwrap();
/// assert!(note.contains("try γ = 0.05"), "{note}");
/// assert_eq!(descent::lesson2d::rate_note("gd", &v), None);
/// ```
pub fn rate_note(name: &str, values: &Values) -> Option<String> {
    let rule = rule(name).ok()?;
    let lr = rule.params.first().filter(|_| !rule.uses_gamma())?;
    let (rate, gamma) = (values.number(lr.key()), values.number("gamma2"));
    let symbol = lr.symbol();
    let mut note = crate::msg!(
        "core.rate.own",
        "{opt} has its own {symbol} ({rate}): the γ of gradient descent ({gamma}) does not apply.",
        opt = crate::text::text(&format!("set.opt.{}", rule.name), rule.label, &[]),
        symbol = symbol,
        rate = crate::text::shown(&compact(rate)),
        gamma = crate::text::shown(&compact(gamma))
    );
    let (steps, reach) = (values.number("steps2"), values.number("box"));
    let travel = rate * steps;
    if travel < reach && steps > 0.0 {
        let suggest = round_down_125(2.0 * reach / steps).max(rate);
        note.push(' ');
        note.push_str(&crate::msg!(
            "core.rate.try",
            "In {steps} steps each coordinate moves at most about {travel}: try γ = {suggest} to see how it behaves.",
            steps = crate::text::shown(&compact(steps)),
            travel = crate::text::shown(&compact(round_down_125(travel))),
            suggest = crate::text::shown(&compact(suggest))
        ));
    }
    Some(note)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> Values {
        Values::strict(pairs.iter().copied()).unwrap()
    }

    #[test]
    fn adam_at_its_default_rate_gets_a_rate_that_moves() {
        let v = values(&[("opt", "adam")]);
        assert_eq!(
            rate_note("adam", &v).unwrap(),
            "Adam has its own γ (0.001): the γ of gradient descent (0.01) does not apply. \
             In 100 steps each coordinate moves at most about 0.1: try γ = 0.05 to see how it behaves."
        );
        let v = values(&[("opt", "adam"), ("adam.lr", "0.1")]);
        assert_eq!(
            rate_note("adam", &v).unwrap(),
            "Adam has its own γ (0.1): the γ of gradient descent (0.01) does not apply."
        );
        let v = values(&[("opt", "rmsprop"), ("steps2", "1000")]);
        let note = rate_note("rmsprop", &v).unwrap();
        assert!(note.starts_with("RMSprop has its own γ (0.01)"), "{note}");
        assert!(note.ends_with("does not apply."), "{note}");
    }

    #[test]
    fn the_methods_of_the_shared_rate_get_no_note() {
        let v = values(&[]);
        for name in ["gd", "momentum", "nesterov", "armijo", "exactls", "nope"] {
            assert_eq!(rate_note(name, &v), None, "{name}");
        }
        let newton = rate_note("newton", &values(&[("opt", "newton")])).unwrap();
        assert_eq!(
            newton,
            "Newton's method has its own α (1): the γ of gradient descent (0.01) does not apply."
        );
        for name in ["adagrad", "rmsprop", "adam", "adamw"] {
            assert!(rate_note(name, &v).is_some(), "{name}");
        }
    }

    #[test]
    fn suggested_rates_are_round() {
        assert_eq!(round_down_125(0.06), 0.05);
        assert_eq!(round_down_125(0.1), 0.1);
        assert_eq!(round_down_125(0.0399), 0.02);
        assert_eq!(round_down_125(7e-5), 5e-5);
    }
}
