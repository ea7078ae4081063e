//! Test helpers: backpropagation checked against central differences of the cost.

use proptest::test_runner::TestCaseError;

use super::model::Model;

/// Checks every ∂C/∂θ from [`Model::backprop`] against (C(θ+h) − C(θ−h)) / 2h.
pub fn assert_gradient_matches<M: Model + Clone>(
    model: &M,
    x: &[f64],
    y: f64,
    tol: f64,
) -> Result<(), TestCaseError> {
    let mut grad = vec![0.0; model.params().len()];
    model.backprop(x, y, &mut grad);
    let h = 1e-5;
    for (i, &g) in grad.iter().enumerate() {
        let mut plus = model.clone();
        plus.params_mut()[i] += h;
        let mut minus = model.clone();
        minus.params_mut()[i] -= h;
        let numeric = (plus.cost(x, y) - minus.cost(x, y)) / (2.0 * h);
        if (numeric - g).abs() > tol {
            return Err(TestCaseError::fail(format!(
                "parameter {i}: backprop {g} vs central {numeric}"
            )));
        }
    }
    Ok(())
}
