//! The names, in the language in use, of what an error names that is no setting: the
//! factors of a budget's product (`grid cells`, `table rows`) and the inputs a dimension
//! error is about (`start point`, `the 2-D lesson's function`).

/// The name of `what` in the language in use; `what` itself for a name not listed here.
pub fn named(what: &str) -> String {
    match what {
        "basin grid" => crate::msg!("core.name.basingrid", "basin grid"),
        "contour levels" => crate::msg!("core.name.levels", "contour levels"),
        "grid cells" => crate::msg!("core.name.cells", "grid cells"),
        "table rows" => crate::msg!("core.name.rows", "table rows"),
        "parameters" => crate::msg!("core.name.params", "parameters"),
        "mesh quads" => crate::msg!("core.name.quads", "mesh quads"),
        "N (starts)" => crate::msg!("core.name.starts", "N (starts)"),
        "steps" => crate::msg!("core.name.steps", "steps"),
        "step cost" => crate::msg!("core.name.stepcost", "step cost"),
        "start point" => crate::msg!("core.name.start", "start point"),
        "network weights" => crate::msg!("core.name.weights", "network weights"),
        "targets" => crate::msg!("core.name.targets", "targets"),
        "input row" => crate::msg!("core.name.inputrow", "input row"),
        "the derivative lab's function" => {
            crate::msg!("core.name.labf", "the derivative lab's function")
        }
        "the 2-D lesson's function" => crate::msg!("core.name.f2", "the 2-D lesson's function"),
        "the basin map's function" => crate::msg!("core.name.basinf", "the basin map's function"),
        "landscape" => crate::msg!("core.name.landscape", "landscape"),
        "landscape cells" => crate::msg!("core.name.landcells", "landscape cells"),
        _ => what.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::budget;
    use crate::text::{set_texts, spanish_texts};

    /// Words of the English factor names that must not be left in a Spanish message.
    const ENGLISH: &[&str] = &[
        "grid",
        "cells",
        "levels",
        "rows",
        "parameters",
        "quads",
        "step cost",
        "steps",
        "starts",
        "exceeds",
        "lower",
        "budget",
    ];

    #[test]
    fn over_budget_messages_have_no_english_factor_name_in_spanish() {
        set_texts("");
        let english = [
            budget::contours(1 << 20, 24).unwrap_err().to_string(),
            budget::neuron("nepochs", 10_000_000, 4, 9)
                .unwrap_err()
                .to_string(),
            budget::mesh(1000).unwrap_err().to_string(),
            budget::basin("basin grid", 64, 1024, 5000, 1)
                .unwrap_err()
                .to_string(),
        ];
        assert!(
            english[0].starts_with("contour levels × grid cells = 24 × 1048576"),
            "{}",
            english[0]
        );
        assert!(
            english[1].contains("× table rows × parameters = "),
            "{}",
            english[1]
        );
        set_texts(&spanish_texts());
        let spanish = [
            budget::contours(1 << 20, 24).unwrap_err().to_string(),
            budget::neuron("nepochs", 10_000_000, 4, 9)
                .unwrap_err()
                .to_string(),
            budget::mesh(1000).unwrap_err().to_string(),
            budget::basin("basin grid", 64, 1024, 5000, 1)
                .unwrap_err()
                .to_string(),
            budget::runs("n2", 10_000, 3, "steps2", 100_000)
                .unwrap_err()
                .to_string(),
            budget::histories("N (starts)", 10_000, "steps", 100_000)
                .unwrap_err()
                .to_string(),
            budget::costing("n2", 1000, 2, 31, "steps2", 2000)
                .unwrap_err()
                .to_string(),
            budget::basin("basin grid", 1024, 2, 390, 30)
                .unwrap_err()
                .to_string(),
        ];
        set_texts("");
        assert!(
            spanish[0].starts_with("curvas de nivel × celdas de la rejilla = 24 × 1048576"),
            "{}",
            spanish[0]
        );
        for m in &spanish {
            for word in ENGLISH {
                assert!(!m.contains(word), "{word:?} in {m}");
            }
        }
    }
}
