//! The lessons' configs across the boundary, read and written field by field through
//! `Reflect` (one small generic reader and writer instead of serde code per type).

use std::collections::BTreeMap;

use descent::lesson1d::Starts1D;
use descent::lesson2d::{Config2D, RaceEntry};
use descent::lessons::Config1D;
use descent::neuron::NeuronConfig;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::convert::settings_error;

/// A plain JavaScript object sent by the page; an absent field takes its default, a field
/// of the wrong type throws `bad {what}: …`.
pub struct Fields {
    obj: Option<JsValue>,
    what: &'static str,
}

impl Fields {
    /// Wraps `value`: `undefined` and `null` read as all defaults; anything but an object
    /// throws.
    pub fn new(value: JsValue, what: &'static str) -> Result<Self, JsValue> {
        if value.is_undefined() || value.is_null() {
            Ok(Fields { obj: None, what })
        } else if value.is_object() {
            Ok(Fields {
                obj: Some(value),
                what,
            })
        } else {
            Err(settings_error(what, "expected an object"))
        }
    }

    fn get(&self, key: &str) -> Option<JsValue> {
        let v = Reflect::get(self.obj.as_ref()?, &key.into()).ok()?;
        (!v.is_undefined()).then_some(v)
    }

    fn wrong(&self, key: &str, expected: &str) -> JsValue {
        settings_error(self.what, format!("{key}: expected {expected}"))
    }

    /// The number at `key`.
    pub fn number(&self, key: &str, default: f64) -> Result<f64, JsValue> {
        match self.get(key) {
            None => Ok(default),
            Some(v) => v.as_f64().ok_or_else(|| self.wrong(key, "a number")),
        }
    }

    /// The string at `key`.
    pub fn text(&self, key: &str, default: String) -> Result<String, JsValue> {
        match self.get(key) {
            None => Ok(default),
            Some(v) => v.as_string().ok_or_else(|| self.wrong(key, "a string")),
        }
    }

    /// The array of numbers at `key`.
    pub fn numbers(&self, key: &str, default: Vec<f64>) -> Result<Vec<f64>, JsValue> {
        match self.get(key) {
            None => Ok(default),
            Some(v) => {
                let a: Array = v.dyn_into().map_err(|_| self.wrong(key, "an array"))?;
                a.iter()
                    .map(|x| x.as_f64().ok_or_else(|| self.wrong(key, "numbers")))
                    .collect()
            }
        }
    }

    /// The `{name: number}` object at `key`.
    pub fn number_map(
        &self,
        key: &str,
        default: BTreeMap<String, f64>,
    ) -> Result<BTreeMap<String, f64>, JsValue> {
        match self.get(key) {
            None => Ok(default),
            Some(v) => number_map(&v).map_err(|e| self.wrong(key, e)),
        }
    }
}

/// Reads a `{name: number}` object; the error says what was expected.
pub fn number_map(v: &JsValue) -> Result<BTreeMap<String, f64>, &'static str> {
    if !v.is_object() {
        return Err("an object");
    }
    Object::entries(v.unchecked_ref())
        .iter()
        .map(|e| {
            let e: Array = e.unchecked_into();
            let k = e.get(0).as_string().unwrap_or_default();
            let x = e.get(1).as_f64().ok_or("numbers")?;
            Ok((k, x))
        })
        .collect()
}

/// A plain JavaScript object built field by field.
pub struct Out(Object);

impl Out {
    /// An empty object.
    pub fn new() -> Self {
        Out(Object::new())
    }

    /// Sets `key` to `value`.
    pub fn set(self, key: &str, value: impl Into<JsValue>) -> Self {
        let _ = Reflect::set(&self.0, &key.into(), &value.into());
        self
    }

    /// Sets `key` to an array of numbers.
    pub fn numbers(self, key: &str, values: &[f64]) -> Self {
        let a: Array = values.iter().map(|&x| JsValue::from(x)).collect();
        self.set(key, a)
    }

    /// Sets `key` to a `{name: number}` object.
    pub fn number_map(self, key: &str, map: &BTreeMap<String, f64>) -> Self {
        let m = map.iter().fold(Out::new(), |o, (k, &v)| o.set(k, v)).done();
        self.set(key, m)
    }

    /// The object.
    pub fn done(self) -> JsValue {
        self.0.into()
    }
}

/// Reads a 1-D config `{x0, gamma, h, steps, mode, f}`.
pub fn config_1d(value: JsValue) -> Result<Config1D, JsValue> {
    let r = Fields::new(value, "settings")?;
    let d = Config1D::default();
    Ok(Config1D {
        x0: r.number("x0", d.x0)?,
        gamma: r.number("gamma", d.gamma)?,
        h: r.number("h", d.h)?,
        steps: r.number("steps", d.steps)?,
        mode: r.text("mode", d.mode)?,
        f: r.text("f", d.f)?,
        optimizer: r.text("optimizer", d.optimizer)?,
        params: r.number_map("params", d.params)?,
    })
}

/// Writes a 1-D config as [`config_1d`] reads it.
pub fn config_1d_js(c: &Config1D) -> JsValue {
    Out::new()
        .set("x0", c.x0)
        .set("gamma", c.gamma)
        .set("h", c.h)
        .set("steps", c.steps)
        .set("mode", c.mode.as_str())
        .set("f", c.f.as_str())
        .set("optimizer", c.optimizer.as_str())
        .number_map("params", &c.params)
        .done()
}

/// Reads the 1-D multi-start's `{n, lo, hi, seed}`.
pub fn starts_1d(value: JsValue) -> Result<Starts1D, JsValue> {
    let r = Fields::new(value, "multi-start settings")?;
    let d = Starts1D::default();
    Ok(Starts1D {
        n: r.number("n", d.n)?,
        lo: r.number("lo", d.lo)?,
        hi: r.number("hi", d.hi)?,
        seed: r.number("seed", d.seed)?,
    })
}

/// Writes the 1-D multi-start's settings as [`starts_1d`] reads them.
pub fn starts_1d_js(s: &Starts1D) -> JsValue {
    Out::new()
        .set("n", s.n)
        .set("lo", s.lo)
        .set("hi", s.hi)
        .set("seed", s.seed)
        .done()
}

/// Reads a 2-D config (the fields of [`Config2D`], camelCase).
pub fn config_2d(value: JsValue) -> Result<Config2D, JsValue> {
    let r = Fields::new(value, "settings")?;
    let d = Config2D::default();
    Ok(Config2D {
        optimizer: r.text("optimizer", d.optimizer)?,
        params: r.number_map("params", d.params)?,
        gamma: r.number("gamma", d.gamma)?,
        mode: r.text("mode", d.mode)?,
        h: r.number("h", d.h)?,
        order: r.text("order", d.order)?,
        steps: r.number("steps", d.steps)?,
        basin_steps: r.number("basinSteps", d.basin_steps)?,
        grad_tol: r.number("gradTol", d.grad_tol)?,
        n: r.number("n", d.n)?,
        lo: r.number("lo", d.lo)?,
        hi: r.number("hi", d.hi)?,
        seed: r.number("seed", d.seed)?,
    })
}

/// Writes a 2-D config as [`config_2d`] reads it.
pub fn config_2d_js(c: &Config2D) -> JsValue {
    Out::new()
        .set("optimizer", c.optimizer.as_str())
        .number_map("params", &c.params)
        .set("gamma", c.gamma)
        .set("mode", c.mode.as_str())
        .set("h", c.h)
        .set("order", c.order.as_str())
        .set("steps", c.steps)
        .set("basinSteps", c.basin_steps)
        .set("gradTol", c.grad_tol)
        .set("n", c.n)
        .set("lo", c.lo)
        .set("hi", c.hi)
        .set("seed", c.seed)
        .done()
}

/// Reads a race `[{optimizer, params}]`; `undefined` or `null` is no race.
pub fn race(value: JsValue) -> Result<Vec<RaceEntry>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    let list: Array = value
        .dyn_into()
        .map_err(|_| settings_error("race", "expected an array"))?;
    list.iter()
        .map(|e| {
            let r = Fields::new(e, "race")?;
            Ok(RaceEntry {
                optimizer: r.text("optimizer", String::new())?,
                params: r.number_map("params", BTreeMap::new())?,
            })
        })
        .collect()
}

/// Writes one racer as [`race`] reads it.
pub fn racer_js(optimizer: &str, params: &BTreeMap<String, f64>) -> JsValue {
    Out::new()
        .set("optimizer", optimizer)
        .number_map("params", params)
        .done()
}

/// Reads a neuron config (the fields of [`NeuronConfig`], camelCase).
pub fn neuron_config(value: JsValue) -> Result<NeuronConfig, JsValue> {
    let r = Fields::new(value, "settings")?;
    let d = NeuronConfig::default();
    Ok(NeuronConfig {
        gate: r.text("gate", d.gate)?,
        targets: r.text("targets", d.targets)?,
        data: r.text("data", d.data)?,
        hidden: r.number("hidden", d.hidden)?,
        activation: r.text("activation", d.activation)?,
        lr: r.number("lr", d.lr)?,
        order: r.text("order", d.order)?,
        seed: r.number("seed", d.seed)?,
        init: r.text("init", d.init)?,
        weights: r.numbers("weights", d.weights)?,
        target_cost: r.number("targetCost", d.target_cost)?,
        max_epochs: r.number("maxEpochs", d.max_epochs)?,
    })
}

/// Writes a neuron config as [`neuron_config`] reads it.
pub fn neuron_config_js(c: &NeuronConfig) -> JsValue {
    Out::new()
        .set("gate", c.gate.as_str())
        .set("targets", c.targets.as_str())
        .set("data", c.data.as_str())
        .set("hidden", c.hidden)
        .set("activation", c.activation.as_str())
        .set("lr", c.lr)
        .set("order", c.order.as_str())
        .set("seed", c.seed)
        .set("init", c.init.as_str())
        .numbers("weights", &c.weights)
        .set("targetCost", c.target_cost)
        .set("maxEpochs", c.max_epochs)
        .done()
}

/// Writes a quiz answer `{right, answer, choice, lines}`.
pub fn reveal_js(r: &descent::quiz::Reveal) -> JsValue {
    let lines: Array = r.lines.iter().map(|l| JsValue::from(l.as_str())).collect();
    Out::new()
        .set("right", r.right)
        .numbers("answer", &r.answer)
        .set("choice", r.choice.as_str())
        .set("lines", lines)
        .done()
}

/// Writes the neuron's progress `{status, done, epoch, maxEpochs, position, cost,
/// targetCost}` (`cost` undefined before the first epoch ends).
pub fn progress_js(p: &descent::neuron::Progress) -> JsValue {
    Out::new()
        .set("status", p.status)
        .set("done", p.done)
        .set("epoch", p.epoch as f64)
        .set("maxEpochs", p.max_epochs as f64)
        .set("position", p.position as f64)
        .set("cost", p.cost)
        .set("targetCost", p.target_cost)
        .done()
}

/// Writes the neuron's last sample step, field for field.
pub fn sample_js(s: &descent::neuron::SampleView) -> JsValue {
    Out::new()
        .set("epoch", s.epoch as f64)
        .set("sample", s.sample as f64)
        .numbers("x", &s.x)
        .set("y", s.y)
        .set("z", s.z)
        .set("a", s.a)
        .set("error", s.error)
        .set("dact", s.dact)
        .set("delta", s.delta)
        .set("cost", s.cost)
        .numbers("dw", &s.dw)
        .set("db", s.db)
        .done()
}
