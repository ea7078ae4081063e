//! The neuron lesson's "copy as Python" cell: the notebook's `Neuron` class and training
//! loop from the trainer's initial weights, lr, its table in order and the stop rule (see
//! [`super::python`] for the cells of the other lessons and what they share).

use std::fmt::Write as _;

use super::pyexpr::literal;
use super::python::{comment, preamble, unsupported};
use crate::error::ConfigError;
use crate::neuron::{Activation, SampleOrder, Trainer};

/// The neuron lesson's training (In[22]–In[32]) from the trainer's initial weights: the
/// notebook's `Neuron` class, its table in order, lr, the stop rule (mean epoch cost below
/// the target, at most the epoch budget); per-sample updates in data order, or one update
/// per epoch with the mean gradient. Prints `b w1 w2`, then the number of epochs.
pub fn neuron(trainer: &Trainer) -> Result<String, ConfigError> {
    let model = trainer.model();
    if model.hidden() > 0 {
        return Err(unsupported(
            "nhidden",
            &crate::msg!(
                "core.py.hidden",
                "Copy as Python writes the single neuron only: set the hidden layer to 0 to export"
            ),
        ));
    }
    let config = trainer.config();
    if config.order == SampleOrder::Shuffle {
        return Err(unsupported(
            "norder",
            &crate::msg!(
                "core.py.shuffle",
                "Copy as Python cannot repeat Descent's seeded shuffles: pick data order or full batch to export"
            ),
        ));
    }
    let data = trainer.data();
    let w0 = trainer.history().weights(0);
    let (act, dact, act_name) = match model.activation() {
        Activation::Sigmoid => ("1/(1+np.exp(-x))", "x*(1-x)", "sigmoid"),
        Activation::Tanh => ("np.tanh(x)", "1-x*x", "tanh"),
        Activation::Relu => ("np.maximum(x,0.)", "1.*(x>0)", "ReLU"),
    };
    let rows: Vec<String> = (0..data.len())
        .map(|i| {
            let r: Vec<String> = data.input(i).iter().map(|&v| literal(v)).collect();
            format!("[{}]", r.join(","))
        })
        .collect();
    let targets: Vec<String> = (0..data.len())
        .map(|i| format!("[{}]", float_literal(data.target(i))))
        .collect();
    let weights: Vec<String> = w0[1..]
        .iter()
        .map(|&w| format!("[{}]", literal(w)))
        .collect();
    let batch = config.order == SampleOrder::FullBatch;
    let mut s = preamble();
    s.push_str(&header_neuron(act_name, batch, config));
    let _ = write!(
        s,
        "\nsigm = lambda x: {act}\ndsigm = lambda x: {dact}\n\n{}",
        neuron_class()
    );
    let _ = write!(
        s,
        "\nN0 = Neuron({}, [{}], sigm, dsigm)\n\nXTrain = np.array([{}])\nYTrain = np.array([{}])\n\n\
         Ndata = len(XTrain)\nlr = {}\n\nCost = []\n\nfor e in range({}):\n    \n    CostI = []\n",
        literal(w0[0]),
        weights.join(", "),
        rows.join(","),
        targets.join(","),
        literal(config.lr),
        config.max_epochs
    );
    if batch {
        let _ = write!(
            s,
            "    db = 0.\n    dW = np.zeros(len(N0.W))\n    \n    for i in range(Ndata):\n        \n        \
             delta, cost = N0.Gradient(XTrain[i],YTrain[i])\n        CostI.append(cost[0])\n        \
             db += delta[0][0]\n        for j in range(len(N0.W)):\n            dW[j] += delta[0][0]*XTrain[i][j]\n    \n    \
             N0.b -= lr*(db/Ndata)\n    for j in range(len(N0.W)):\n        N0.W[j] -= lr*(dW[j]/Ndata)\n    \n"
        );
    } else {
        let _ = write!(
            s,
            "    for i in range(Ndata):\n        \n        out = N0.Train(XTrain[i],YTrain[i],lr)\n        \
             CostI.append(out[0])\n        \n"
        );
    }
    let _ = write!(
        s,
        "    Cost.append(np.average(CostI))\n    \n    \
         if not np.isfinite(Cost[-1]) or not np.all(np.isfinite(N0.W)) or not np.isfinite(N0.b[0][0]):\n        break\n    \n    \
         if(Cost[-1] < {}):\n        print({})\n        break\n\n\
         print(N0.b[0][0], *N0.W[:,0])\nprint(len(Cost))\n",
        literal(config.target_cost),
        python_string(&crate::msg!("core.py.finished", "Training finished"))
    );
    Ok(s)
}

/// The neuron cell's header comment: the activation, lr, the updates and the stop rule.
fn header_neuron(act: &str, batch: bool, config: &crate::neuron::TrainerConfig) -> String {
    let updates = if batch {
        crate::msg!(
            "core.py.batch",
            "one update per epoch with the mean gradient"
        )
    } else {
        crate::msg!(
            "core.py.persample",
            "one update per sample in the table's order"
        )
    };
    format!(
        "\n{}",
        comment(&crate::msg!(
            "core.py.lesson3",
            "Descent, lesson 3: one {act} neuron, lr = {lr}, {updates}, stop when an epoch's mean\ncost is below {target} (at most {epochs} epochs), from the initial weights on the page.",
            act = act,
            lr = literal(config.lr),
            updates = updates,
            target = literal(config.target_cost),
            epochs = config.max_epochs
        ))
    )
}

/// A Python string literal of `text` (quotes and backslashes escaped, one line).
fn python_string(text: &str) -> String {
    let body: String = text
        .chars()
        .map(|c| match c {
            '\\' | '\'' => format!("\\{c}"),
            '\n' | '\r' => " ".into(),
            c => c.to_string(),
        })
        .collect();
    format!("'{body}'")
}

/// The notebook's `Neuron` class (its cell In[23]), which the neuron's cell writes
/// after its activation `sigm` and derivative `dsigm`, its comments in the language in use.
fn neuron_class() -> String {
    NEURON_CLASS
        .replace(
            "{weights}",
            &crate::msg!("core.py.weights", "The page's initial weights and bias"),
        )
        .replace(
            "{descent}",
            &crate::msg!("core.py.descent", "Gradient descent"),
        )
        .replace(
            "{cost}",
            &crate::msg!("core.py.cost", "The function to minimize"),
        )
}

/// [`neuron_class`]'s code, its comments as `{weights}`, `{descent}` and `{cost}`.
const NEURON_CLASS: &str = "class Neuron():\n    \n    def __init__(self, b, W, ActivationFunc, DActivation):\n        \n        \
         self.ActivationFunc = ActivationFunc\n        \n        self.DActivationFunc = DActivation\n        \n        \
         # {weights}\n        \n        self.b = np.array([[b]])\n        \
         self.W = np.array(W)\n        \n    def Predict(self, Input, train = False):\n        \n        \
         output = []\n        \n        z = self.b + np.dot(Input,self.W)\n        a = self.ActivationFunc(z)\n        \n        \
         output.append((z,a))\n        \n        if train:\n            return output\n        \n        else:\n            \
         return output[0]\n        \n    def Gradient(self, XTrain, YTrain):\n        \n        \
         out = self.Predict(XTrain, train=True)\n        \n        a = out[0][1]\n        \n        \
         delta = (a-YTrain)*self.DActivationFunc(a[0][0])\n        \n        \
         return delta, 0.5*(a-YTrain)**2\n        \n    def Train(self, XTrain, YTrain, lr = 0.5):\n        \n        \
         delta, cost = self.Gradient(XTrain, YTrain)\n        \n        # {descent}\n        \
         self.b -= lr*delta[0]\n        \n        for j in range(len(self.W)):\n            \
         self.W[j] -= lr*(delta[0]*XTrain[j])\n        \n        # {cost}\n        return cost\n";

/// A literal numpy reads as a float (`1.`, `0.25`), so the targets array is of floats.
fn float_literal(v: f64) -> String {
    let t = literal(v);
    if !v.is_finite() || t.contains(['.', 'e']) {
        t
    } else {
        format!("{t}.")
    }
}
