//! Training data: the logic gates' truth tables, an editable custom table and a person's
//! own points on the input plane.

use crate::error::ConfigError;

/// The inputs of every two-input table, in the notebook's order (In[26]):
/// [1,1], [1,0], [0,1], [0,0].
pub const NOTEBOOK_INPUTS: [[f64; 2]; 4] = [[1.0, 1.0], [1.0, 0.0], [0.0, 1.0], [0.0, 0.0]];

/// The field names of the custom table's four targets, so that a message can be shown
/// next to the cell it is about.
pub const ROW_FIELDS: [&str; 4] = [
    "target (row 1)",
    "target (row 2)",
    "target (row 3)",
    "target (row 4)",
];

/// A named two-input logic gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// 1 only when both inputs are 1 (the notebook's gate).
    And,
    /// 1 when either input is 1.
    Or,
    /// NOT AND.
    Nand,
    /// NOT OR.
    Nor,
    /// 1 when exactly one input is 1: not linearly separable.
    Xor,
}

impl Gate {
    /// Every gate, in the order the page lists them.
    pub const ALL: [Gate; 5] = [Gate::And, Gate::Or, Gate::Nand, Gate::Nor, Gate::Xor];

    /// The gate's output for inputs `p`, `q` ∈ {0, 1}.
    pub fn output(self, p: bool, q: bool) -> bool {
        match self {
            Gate::And => p && q,
            Gate::Or => p || q,
            Gate::Nand => !(p && q),
            Gate::Nor => !(p || q),
            Gate::Xor => p != q,
        }
    }

    /// Parses `and`, `or`, `nand`, `nor` or `xor`.
    pub fn parse(s: &str) -> Result<Self, ConfigError> {
        Gate::ALL
            .into_iter()
            .find(|g| g.as_str() == s)
            .ok_or_else(|| {
                crate::error::expected(
                    "gate",
                    &["and", "or", "nand", "nor", "xor", "custom", "points"],
                    s,
                )
            })
    }

    /// The lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Gate::And => "and",
            Gate::Or => "or",
            Gate::Nand => "nand",
            Gate::Nor => "nor",
            Gate::Xor => "xor",
        }
    }
}

/// Rows of inputs with one target each.
#[derive(Debug, Clone, PartialEq)]
pub struct TruthTable {
    inputs: Vec<f64>,
    targets: Vec<f64>,
    width: usize,
}

impl TruthTable {
    /// Largest number of rows (a person's own points included).
    pub const MAX_ROWS: usize = MAX_POINTS;
    /// Largest number of inputs per row.
    pub const MAX_INPUTS: usize = 8;

    /// A table from rows of inputs and their targets. Every row must have the same number
    /// of inputs (1 to 8), there must be 1 to 200 rows, and every number must be finite.
    pub fn new(rows: &[Vec<f64>], targets: &[f64]) -> Result<Self, ConfigError> {
        if rows.is_empty() || rows.len() > Self::MAX_ROWS {
            return Err(ConfigError::OutOfRange {
                field: "rows",
                range: "from 1 to 200",
                got: rows.len().to_string(),
            });
        }
        if targets.len() != rows.len() {
            return Err(ConfigError::BadDimension {
                what: "targets",
                expected: rows.len(),
                got: targets.len(),
            });
        }
        let width = rows[0].len();
        crate::error::count("inputs per row", "from 1 to 8", width, 1, Self::MAX_INPUTS)?;
        let mut inputs = Vec::with_capacity(rows.len() * width);
        for row in rows {
            if row.len() != width {
                return Err(ConfigError::BadDimension {
                    what: "input row",
                    expected: width,
                    got: row.len(),
                });
            }
            for &x in row {
                inputs.push(crate::error::finite("input", x)?);
            }
        }
        for &y in targets {
            crate::error::finite("target", y)?;
        }
        Ok(TruthTable {
            inputs,
            targets: targets.to_vec(),
            width,
        })
    }

    /// A gate's truth table in the notebook's row order.
    pub fn gate(gate: Gate) -> Self {
        let targets: Vec<f64> = NOTEBOOK_INPUTS
            .iter()
            .map(|r| f64::from(u8::from(gate.output(r[0] == 1.0, r[1] == 1.0))))
            .collect();
        Self::with_notebook_inputs(&targets)
    }

    /// The notebook's four input rows with the given targets (four numbers).
    fn with_notebook_inputs(targets: &[f64]) -> Self {
        TruthTable {
            inputs: NOTEBOOK_INPUTS.iter().flatten().copied().collect(),
            targets: targets.to_vec(),
            width: 2,
        }
    }

    /// A custom table: the notebook's four input rows with targets typed as text, four
    /// numbers in [0, 1] separated by commas or spaces, e.g. `"0, 1, 1, 0"`.
    pub fn custom(text: &str) -> Result<Self, ConfigError> {
        let cells: Vec<&str> = text
            .split([',', ' ', ';', '\t', '\n'])
            .filter(|s| !s.is_empty())
            .collect();
        if cells.len() != 4 {
            return Err(ConfigError::Invalid {
                field: "targets",
                message: crate::msg!(
                    "core.err.targets",
                    "type 4 numbers in [0, 1], one per row, got {n}",
                    n = cells.len()
                ),
            });
        }
        let mut targets = Vec::with_capacity(4);
        for (i, cell) in cells.iter().enumerate() {
            match crate::decimal::parse_f64(cell) {
                Some(v) if (0.0..=1.0).contains(&v) => targets.push(v),
                _ => {
                    return Err(ConfigError::OutOfRange {
                        field: ROW_FIELDS[i],
                        range: "a number in [0, 1]",
                        got: format!("\"{cell}\""),
                    });
                }
            }
        }
        Ok(Self::with_notebook_inputs(&targets))
    }

    /// A person's own points on the input plane, as a link carries them: `x1,x2,label`
    /// triples separated by `;` or line breaks (e.g. `"0.2,0.3,0;0.8,0.9,1"`), 1 to
    /// [`MAX_POINTS`] of them, coordinates in [`POINT_RANGE`], labels 0 or 1. The error
    /// names the point and what is wrong with it.
    pub fn points(text: &str) -> Result<Self, ConfigError> {
        let points: Vec<&str> = text
            .split([';', '\n', '\r'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if points.is_empty() {
            return Err(points_error(crate::msg!(
                "core.points.none",
                "add at least one point: click the input plane, or type x1,x2,label lines"
            )));
        }
        if points.len() > MAX_POINTS {
            return Err(points_error(crate::msg!(
                "core.points.many",
                "at most {max} points, got {n}",
                max = MAX_POINTS,
                n = points.len()
            )));
        }
        let mut rows = Vec::with_capacity(points.len());
        let mut targets = Vec::with_capacity(points.len());
        for (i, point) in points.iter().enumerate() {
            let (x, label) = parse_point(point).map_err(|why| {
                points_error(crate::msg!(
                    "core.points.bad",
                    "point {i} ({got}): {why}",
                    i = i + 1,
                    got = format!("\"{}\"", crate::settings::echo(point)),
                    why = why
                ))
            })?;
            rows.push(x.to_vec());
            targets.push(label);
        }
        Self::new(&rows, &targets)
    }

    /// The table as a link writes a person's own points: `x1,x2,label;…` (inputs of width 2).
    pub fn points_text(&self) -> String {
        (0..self.len())
            .map(|i| {
                let x = self.input(i);
                let cells: Vec<String> = x.iter().map(|&v| crate::settings::compact(v)).collect();
                format!(
                    "{},{}",
                    cells.join(","),
                    crate::settings::compact(self.target(i))
                )
            })
            .collect::<Vec<_>>()
            .join(";")
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.targets.len()
    }

    /// Whether the table has no rows (never true for a constructed table).
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// Inputs per row.
    pub fn width(&self) -> usize {
        self.width
    }

    /// The inputs of row `i`.
    ///
    /// # Panics
    /// If `i` ≥ [`TruthTable::len`].
    pub fn input(&self, i: usize) -> &[f64] {
        self.check(i);
        &self.inputs[i * self.width..(i + 1) * self.width]
    }

    /// The target of row `i`.
    ///
    /// # Panics
    /// If `i` ≥ [`TruthTable::len`].
    pub fn target(&self, i: usize) -> f64 {
        self.check(i);
        self.targets[i]
    }

    fn check(&self, i: usize) {
        assert!(
            i < self.targets.len(),
            "row {i} of a table of {} rows",
            self.targets.len()
        );
    }

    /// All inputs, row after row.
    pub fn inputs(&self) -> &[f64] {
        &self.inputs
    }

    /// All targets.
    pub fn targets(&self) -> &[f64] {
        &self.targets
    }
}

/// Most points a person's own data set may have (the link's limit, and the table's).
pub const MAX_POINTS: usize = 200;

/// The smallest and largest coordinate of a person's own point.
pub const POINT_RANGE: (f64, f64) = (-10.0, 10.0);

/// An error about the own-points setting.
fn points_error(message: String) -> ConfigError {
    ConfigError::Invalid {
        field: "ndata",
        message,
    }
}

/// One point `x1,x2,label` (commas, spaces or tabs between them): its inputs and label, or
/// why not.
fn parse_point(point: &str) -> Result<([f64; 2], f64), String> {
    let cells: Vec<&str> = point
        .split([',', ' ', '\t'])
        .filter(|s| !s.is_empty())
        .collect();
    if cells.len() != 3 {
        return Err(crate::msg!(
            "core.points.three",
            "write x1,x2,label (3 numbers, got {n})",
            n = cells.len()
        ));
    }
    let (lo, hi) = POINT_RANGE;
    let mut x = [0.0; 2];
    for (j, cell) in cells[..2].iter().enumerate() {
        match crate::decimal::parse_f64(cell) {
            Some(v) if (lo..=hi).contains(&v) => x[j] = v,
            _ => {
                return Err(crate::msg!(
                    "core.points.coord",
                    "x{j} must be a number in [{lo}, {hi}] (got {got})",
                    j = j + 1,
                    lo = lo,
                    hi = hi,
                    got = format!("\"{}\"", crate::settings::echo(cell))
                ));
            }
        }
    }
    match cells[2] {
        "0" => Ok((x, 0.0)),
        "1" => Ok((x, 1.0)),
        other => Err(crate::msg!(
            "core.points.label",
            "the label must be 0 or 1 (got {got})",
            got = format!("\"{}\"", crate::settings::echo(other))
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gates_in_notebook_order() {
        let t = |g| TruthTable::gate(g).targets().to_vec();
        assert_eq!(t(Gate::And), [1.0, 0.0, 0.0, 0.0]);
        assert_eq!(t(Gate::Or), [1.0, 1.0, 1.0, 0.0]);
        assert_eq!(t(Gate::Nand), [0.0, 1.0, 1.0, 1.0]);
        assert_eq!(t(Gate::Nor), [0.0, 0.0, 0.0, 1.0]);
        assert_eq!(t(Gate::Xor), [0.0, 1.0, 1.0, 0.0]);
        assert_eq!(TruthTable::gate(Gate::And).input(1), [1.0, 0.0]);
        let past = std::panic::catch_unwind(|| TruthTable::gate(Gate::And).target(4));
        let msg = past.unwrap_err().downcast_ref::<String>().cloned();
        assert_eq!(msg.as_deref(), Some("row 4 of a table of 4 rows"));
        for g in Gate::ALL {
            assert_eq!(Gate::parse(g.as_str()), Ok(g));
        }
    }

    #[test]
    fn custom_targets_are_validated_with_the_row() {
        let t = TruthTable::custom("0, 1 1;0").unwrap();
        assert_eq!(t.targets(), [0.0, 1.0, 1.0, 0.0]);
        assert_eq!(
            TruthTable::custom("0, 1, 2, 0").unwrap_err().to_string(),
            "target (row 3) must be a number in [0, 1] (got \"2\")"
        );
        assert_eq!(
            TruthTable::custom("0, 1").unwrap_err().to_string(),
            "targets: type 4 numbers in [0, 1], one per row, got 2"
        );
        assert!(TruthTable::custom("a,b,c,d").is_err());
    }

    #[test]
    fn new_checks_shapes() {
        assert!(TruthTable::new(&[vec![0.0, 1.0], vec![1.0]], &[0.0, 1.0]).is_err());
        assert!(TruthTable::new(&[vec![0.0]], &[0.0, 1.0]).is_err());
        assert!(TruthTable::new(&[], &[]).is_err());
        assert!(TruthTable::new(&[vec![f64::NAN]], &[0.0]).is_err());
        let t = TruthTable::new(&[vec![0.0, 1.0, 2.0]], &[1.0]).unwrap();
        assert_eq!((t.len(), t.width()), (1, 3));
    }

    #[test]
    fn own_points_parse_and_name_what_is_wrong() {
        let t = TruthTable::points("0.2,0.3,0; 0.8,0.9,1\n-1,2.5,1\n").unwrap();
        assert_eq!((t.len(), t.width()), (3, 2));
        assert_eq!(t.input(2), [-1.0, 2.5]);
        assert_eq!(t.targets(), [0.0, 1.0, 1.0]);
        assert_eq!(t.points_text(), "0.2,0.3,0;0.8,0.9,1;-1,2.5,1");
        let err = |s: &str| TruthTable::points(s).unwrap_err();
        assert_eq!(err("0,0,2").field(), "ndata");
        assert_eq!(
            err("0,0,1;0,0,2").to_string(),
            "your own points: point 2 (\"0,0,2\"): the label must be 0 or 1 (got \"2\")"
        );
        assert_eq!(
            err("0,abc,1").to_string(),
            "your own points: point 1 (\"0,abc,1\"): x2 must be a number in [-10, 10] (got \"abc\")"
        );
        assert!(
            err("0,11,1")
                .to_string()
                .contains("x2 must be a number in [-10, 10]")
        );
        assert!(
            err("0,1")
                .to_string()
                .ends_with("write x1,x2,label (3 numbers, got 2)")
        );
        assert!(err(" ; \n").to_string().contains("add at least one point"));
        let many = vec!["0.5,0.5,1"; 201].join(";");
        assert_eq!(
            err(&many).to_string(),
            "your own points: at most 200 points, got 201"
        );
        assert_eq!(
            TruthTable::points(&many[..many.len() - 10]).unwrap().len(),
            200
        );
    }
}
