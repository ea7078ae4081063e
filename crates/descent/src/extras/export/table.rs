//! The numbers of a lesson's runs as one table (named columns, one row per recorded step)
//! written as CSV or JSON, and the file names the page saves them under.
//!
//! One table feeds both formats, so their columns cannot disagree. JSON is written by hand:
//! the table holds only numbers and short names, and a JSON crate would add to the wasm
//! for nothing.

use std::fmt::Write as _;

use crate::neuron::{Trainer, TruthTable};
use crate::run::History;

/// One cell: a number (non-finite numbers are written empty in CSV and `null` in JSON),
/// a word, or nothing (the cost of epoch 0, which has none).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// A number, written with its shortest round-trip digits.
    Num(f64),
    /// A word such as an optimizer name or a status.
    Text(String),
    /// No value.
    Empty,
}

/// Named columns and rows of cells.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Column names, e.g. `k, x, f, df/dx`.
    pub columns: Vec<String>,
    /// One row per recorded step, as many cells as columns.
    pub rows: Vec<Vec<Cell>>,
}

/// Coordinate names of an iterate of `dim` coordinates.
fn coordinate_names(dim: usize) -> Vec<String> {
    match dim {
        1 => vec!["x".into()],
        2 => vec!["x".into(), "y".into()],
        _ => (1..=dim).map(|i| format!("x{i}")).collect(),
    }
}

/// The table of descent runs: `run, optimizer, status` (only with several runs), then
/// `k`, the iterate's coordinates, `f` and the partials of the gradient the step from
/// x_k used (in the sequential order a later partial is taken at the coordinates already
/// moved; the last row, with no step after it, gives ∇f there), one row per recorded
/// step k = 0..=steps of each run.
pub fn runs(runs: &[(usize, &str, &str, &History)]) -> Table {
    let dim = runs.first().map_or(1, |r| r.3.dim());
    let several = runs.len() > 1 || dim > 1;
    let mut columns: Vec<String> = Vec::new();
    if several {
        columns.extend(["run", "optimizer", "status"].map(String::from));
    }
    columns.push("k".into());
    let names = coordinate_names(dim);
    columns.extend(names.iter().cloned());
    columns.push("f".into());
    columns.extend(names.iter().map(|n| format!("df/d{n}")));
    let mut rows = Vec::new();
    for &(index, optimizer, status, h) in runs {
        for k in 0..h.len() {
            let mut row = Vec::with_capacity(columns.len());
            if several {
                row.push(Cell::Num((index + 1) as f64));
                row.push(Cell::Text(optimizer.into()));
                row.push(Cell::Text(status.into()));
            }
            row.push(Cell::Num(k as f64));
            row.extend(h.point(k).iter().map(|&v| Cell::Num(v)));
            row.push(Cell::Num(h.value(k)));
            row.extend(h.used_gradient(k).iter().map(|&v| Cell::Num(v)));
            rows.push(row);
        }
    }
    Table { columns, rows }
}

/// The table of a neuron's training: `epoch`, `cost` (the epoch's mean cost, empty for
/// epoch 0), then the parameters after that epoch (`b, w1, w2` for one neuron, `p1…` for
/// a network), one row per epoch 0..=epochs.
pub fn training(trainer: &Trainer) -> Table {
    let h = trainer.history();
    let n = h.n_params();
    let mut columns = vec!["epoch".to_string(), "cost".to_string()];
    if trainer.model().hidden() == 0 {
        columns.push("b".into());
        columns.extend((1..n).map(|i| format!("w{i}")));
    } else {
        columns.extend((1..=n).map(|i| format!("p{i}")));
    }
    let rows = (0..=h.epochs())
        .map(|k| {
            let mut row = vec![
                Cell::Num(k as f64),
                k.checked_sub(1)
                    .map_or(Cell::Empty, |i| Cell::Num(h.costs()[i])),
            ];
            row.extend(h.weights(k).iter().map(|&w| Cell::Num(w)));
            row
        })
        .collect();
    Table { columns, rows }
}

/// `table` (a neuron's [`training`]) with the points it was trained on beside it: columns
/// `x1, x2, label` (one per input, then the target), point i on row i, and rows with empty
/// epoch cells added when there are more points than epochs. For a person's own points,
/// so that the file holds the data set as well as its training.
pub fn with_points(mut table: Table, data: &TruthTable) -> Table {
    let before = table.columns.len();
    table
        .columns
        .extend((1..=data.width()).map(|i| format!("x{i}")));
    table.columns.push("label".into());
    let added = data.width() + 1;
    while table.rows.len() < data.len() {
        table.rows.push(vec![Cell::Empty; before]);
    }
    for (i, row) in table.rows.iter_mut().enumerate() {
        if i < data.len() {
            row.extend(data.input(i).iter().map(|&v| Cell::Num(v)));
            row.push(Cell::Num(data.target(i)));
        } else {
            row.extend(std::iter::repeat_n(Cell::Empty, added));
        }
    }
    table
}

fn number(v: f64) -> Option<String> {
    v.is_finite().then(|| format!("{v}"))
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A JSON string literal.
fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl Table {
    /// The table as CSV: a header line, then one line per row (`\n` line ends).
    ///
    /// ```
    /// use descent::export::table::{Cell, Table};
    /// let t = Table { columns: vec!["k".into(), "x".into()], rows: vec![vec![Cell::Num(0.0), Cell::Num(0.5)]] };
    /// assert_eq!(t.csv(), "k,x\n0,0.5\n");
    /// ```
    pub fn csv(&self) -> String {
        let mut out = self
            .columns
            .iter()
            .map(|c| csv_field(c))
            .collect::<Vec<_>>()
            .join(",");
        out.push('\n');
        for row in &self.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|c| match c {
                    Cell::Num(v) => number(*v).unwrap_or_default(),
                    Cell::Text(t) => csv_field(t),
                    Cell::Empty => String::new(),
                })
                .collect();
            out.push_str(&cells.join(","));
            out.push('\n');
        }
        out
    }

    /// The table as JSON: `{"lesson": …, "columns": […], "rows": [[…], …]}`, numbers
    /// with their shortest round-trip digits, non-finite and missing values `null`.
    pub fn json(&self, lesson: &str) -> String {
        let columns: Vec<String> = self.columns.iter().map(|c| json_string(c)).collect();
        let mut out = format!(
            "{{\"lesson\":{},\"columns\":[{}],\"rows\":[",
            json_string(lesson),
            columns.join(",")
        );
        for (i, row) in self.rows.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let cells: Vec<String> = row
                .iter()
                .map(|c| match c {
                    Cell::Num(v) => number(*v).unwrap_or_else(|| "null".into()),
                    Cell::Text(t) => json_string(t),
                    Cell::Empty => "null".into(),
                })
                .collect();
            let _ = write!(out, "\n[{}]", cells.join(","));
        }
        out.push_str("\n]}\n");
        out
    }
}

/// A file name stem from `parts` (e.g. `["descent", "2d", "gd", "gamma0.01", "seed123"]`):
/// joined by `-`, every character other than letters, digits, `.` and `_` replaced by `_`.
///
/// ```
/// assert_eq!(descent::export::table::file_stem(&["descent", "1d", "gamma0.01", "x0=-3"]),
///            "descent-1d-gamma0.01-x0_-3");
/// ```
pub fn file_stem(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| {
            p.chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '.' || c == '_' || c == '-' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lessons::notebook_1d_run;
    use crate::neuron::presets;

    #[test]
    fn a_run_has_a_row_per_recorded_step_with_its_numbers() {
        let mut run = notebook_1d_run(3.0, 0.01, 1e-3, 50).unwrap();
        run.finish();
        let t = runs(&[(0, "gd", "max-steps", run.history())]);
        assert_eq!(t.columns, ["k", "x", "f", "df/dx"]);
        let csv = t.csv();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 52);
        assert_eq!(lines[1].split(',').next(), Some("0"));
        let last: Vec<f64> = lines[51].split(',').map(|v| v.parse().unwrap()).collect();
        assert_eq!(last[0], 50.0);
        assert_eq!(last[1], run.history().last_point()[0]);
        assert_eq!(last[2], run.history().last_value());
        let json = t.json("1d");
        assert!(json.starts_with("{\"lesson\":\"1d\",\"columns\":[\"k\",\"x\",\"f\",\"df/dx\"]"));
        assert_eq!(json.matches('\n').count(), 53);
    }

    #[test]
    fn sequential_rows_give_the_gradient_each_step_used() {
        // The notebook's In[13]: x moves first, then y's partial is taken at the new x.
        let f: std::rc::Rc<dyn crate::Objective> =
            std::rc::Rc::new(crate::objective::notebook_2d());
        let config = crate::RunConfig::new(vec![1.5, -0.7], 30)
            .mode(crate::GradientMode::Central { h: 1e-3 })
            .order(crate::UpdateOrder::Sequential);
        let gd = Box::new(crate::GradientDescent::new(0.01).unwrap());
        let mut run = crate::Run::new(f.clone(), gd, config).unwrap();
        run.finish();
        let h = run.history();
        let t = runs(&[(0, "gd", "max-steps", h)]);
        let num = |k: usize, c: usize| match t.rows[k][c] {
            Cell::Num(v) => v,
            _ => panic!("a number"),
        };
        assert_eq!(&t.columns[3..], ["k", "x", "y", "f", "df/dx", "df/dy"]);
        for k in 0..30 {
            let (x, y) = (h.point(k), h.point(k + 1));
            let (gx, gy) = (num(k, 7), num(k, 8));
            // Each row's partials are exactly what moved the iterate to the next row.
            assert_eq!(y[0], x[0] - 0.01 * gx, "x at step {k}");
            assert_eq!(y[1], x[1] - 0.01 * gy, "y at step {k}");
            let moved = [y[0], x[1]];
            let want = crate::GradientMode::Central { h: 1e-3 }.partial(f.as_ref(), &moved, 1);
            assert_eq!(gy, want, "y's partial at the new x, step {k}");
            assert_ne!(gy, h.gradient(k)[1], "not ∇f(x_k), step {k}");
        }
        // The last row has no step after it: ∇f there.
        assert_eq!(num(30, 8), h.gradient(30)[1]);
    }

    #[test]
    fn training_rows_start_at_epoch_zero_without_a_cost() {
        let mut t = presets::notebook_trainer();
        t.step_epochs(3);
        let table = training(&t);
        assert_eq!(table.columns, ["epoch", "cost", "b", "w1", "w2"]);
        assert_eq!(table.rows.len(), 4);
        assert_eq!(table.rows[0][1], Cell::Empty);
        assert_eq!(table.rows[3][1], Cell::Num(t.history().costs()[2]));
        let csv = table.csv();
        assert!(csv.lines().nth(1).unwrap().starts_with("0,,-0.57089547,"));
        assert!(table.json("neuron").contains("[0,null,-0.57089547,"));
    }

    #[test]
    fn non_finite_numbers_and_odd_text_stay_valid() {
        let t = Table {
            columns: vec!["a,b".into(), "q\"".into()],
            rows: vec![vec![Cell::Num(f64::NAN), Cell::Text("x\ny".into())]],
        };
        assert_eq!(t.csv(), "\"a,b\",\"q\"\"\"\n,\"x\ny\"\n");
        assert_eq!(
            t.json("2d"),
            "{\"lesson\":\"2d\",\"columns\":[\"a,b\",\"q\\\"\"],\"rows\":[\n[null,\"x\\u000ay\"]\n]}\n"
        );
    }

    #[test]
    fn own_points_sit_beside_the_training() {
        let config = crate::neuron::NeuronConfig {
            gate: "points".into(),
            data: "0.25,0.5,1;-1,2,0;3,0.125,1".into(),
            max_epochs: 1.0,
            ..Default::default()
        };
        let mut t = config.build().unwrap();
        t.train();
        let table = with_points(training(&t), t.data());
        let csv = table.csv();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], "epoch,cost,b,w1,w2,x1,x2,label");
        assert!(
            lines[1].starts_with("0,,") && lines[1].ends_with(",0.25,0.5,1"),
            "{csv}"
        );
        assert!(
            lines[2].starts_with("1,") && lines[2].ends_with(",-1,2,0"),
            "{csv}"
        );
        assert_eq!(lines[3], ",,,,,3,0.125,1");
        assert_eq!(lines.len(), 4);
        let json = table.json("neuron");
        assert!(json.contains("\"x1\",\"x2\",\"label\""), "{json}");
        assert!(
            json.contains("\n[null,null,null,null,null,3,0.125,1]"),
            "{json}"
        );
        // More epochs than points: the later rows' point cells are empty.
        let mut t = crate::neuron::NeuronConfig {
            max_epochs: 5.0,
            ..config
        }
        .build()
        .unwrap();
        t.train();
        let csv = with_points(training(&t), t.data()).csv();
        assert!(csv.lines().nth(5).unwrap().ends_with(",,,"), "{csv}");
    }
}
