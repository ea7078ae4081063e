//! Seeded, portable randomness: one seed gives the same numbers natively and in wasm.

use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;

/// The generator every random choice in Descent draws from. `Pcg64Mcg` is specified
/// bit-for-bit, unlike `SmallRng`, whose algorithm differs between native and wasm32.
pub type SeededRng = Pcg64Mcg;

/// A generator started from `seed`.
pub fn from_seed(seed: u64) -> SeededRng {
    Pcg64Mcg::seed_from_u64(seed)
}

/// A number drawn uniformly from [lo, hi), like `np.random.uniform(lo, hi)`.
pub fn uniform(rng: &mut SeededRng, lo: f64, hi: f64) -> f64 {
    lo + (hi - lo) * rng.random::<f64>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream() {
        let a: Vec<f64> = (0..5)
            .map({
                let mut r = from_seed(42);
                move |_| uniform(&mut r, -10.0, 10.0)
            })
            .collect();
        let mut r = from_seed(42);
        let b: Vec<f64> = (0..5).map(|_| uniform(&mut r, -10.0, 10.0)).collect();
        assert_eq!(a, b);
        assert!(a.iter().all(|v| (-10.0..10.0).contains(v)));
    }

    #[test]
    fn stream_is_pinned() {
        // The first draw of seed 1: a change of generator or of the mapping to [0, 1)
        // breaks every shared link, so it is pinned here (and checked again in wasm).
        let mut r = from_seed(1);
        let v = uniform(&mut r, 0.0, 1.0);
        assert_eq!(v.to_bits(), PINNED_SEED1_FIRST.to_bits());
    }

    /// Computed once natively; the wasm test asserts the same bits.
    pub(crate) const PINNED_SEED1_FIRST: f64 = f64::from_bits(4605891841464458724);
}
