//! The optimizers other than plain gradient descent as small Python classes for the
//! "copy as Python" cell: the same per-coordinate rules as [`crate::optim`] (PyTorch's
//! `torch.optim` formulas), in the same order of operations, with `begin_step()` before
//! each step and `update(i, x, g)` per coordinate, as a [`crate::Run`] applies them.

use super::pyexpr::literal;
use crate::optim::{OptimSpec, OptimizerKind};

const MOMENTUM: &str = "\
# SGD with momentum (PyTorch's torch.optim.SGD rule), one coordinate at a time\n\
class Momentum():\n    \n    \
def __init__(self, lr, momentum, dampening=0., nesterov=False):\n        \
self.lr = lr\n        self.momentum = momentum\n        self.dampening = dampening\n        \
self.nesterov = nesterov\n        self.t = 0\n        self.buf = [0., 0.]\n    \n    \
def begin_step(self):\n        self.t += 1\n    \n    \
def update(self, i, x, g):\n        mu = self.momentum\n        if mu == 0:\n            d = g\n        \
else:\n            b = g if self.t <= 1 else mu*self.buf[i] + (1 - self.dampening)*g\n            \
self.buf[i] = b\n            d = g + mu*b if self.nesterov else b\n        \
return x - self.lr*d\n";

const ADAGRAD: &str = "\
# Adagrad (PyTorch's torch.optim.Adagrad rule), one coordinate at a time\n\
class Adagrad():\n    \n    \
def __init__(self, lr, lr_decay, initial_accumulator_value, eps):\n        \
self.lr = lr\n        self.lr_decay = lr_decay\n        self.eps = eps\n        \
self.t = 0\n        self.sum = [initial_accumulator_value, initial_accumulator_value]\n    \n    \
def begin_step(self):\n        self.t += 1\n    \n    \
def update(self, i, x, g):\n        lr = self.lr/(1 + max(self.t - 1, 0)*self.lr_decay)\n        \
self.sum[i] += g*g\n        return x - lr*g/(np.sqrt(self.sum[i]) + self.eps)\n";

const RMSPROP: &str = "\
# RMSprop (PyTorch's torch.optim.RMSprop rule), one coordinate at a time\n\
class RMSprop():\n    \n    \
def __init__(self, lr, alpha, eps, momentum, centered):\n        \
self.lr = lr\n        self.alpha = alpha\n        self.eps = eps\n        \
self.momentum = momentum\n        self.centered = centered == 1\n        \
self.v = [0., 0.]\n        self.g_avg = [0., 0.]\n        self.buf = [0., 0.]\n    \n    \
def begin_step(self):\n        pass\n    \n    \
def update(self, i, x, g):\n        a = self.alpha\n        \
self.v[i] = a*self.v[i] + (1 - a)*g*g\n        vt = self.v[i]\n        \
if self.centered:\n            self.g_avg[i] = a*self.g_avg[i] + (1 - a)*g\n            \
vt -= self.g_avg[i]*self.g_avg[i]\n        \
scaled = g/(np.sqrt(max(vt, 0.)) + self.eps)\n        \
if self.momentum > 0:\n            self.buf[i] = self.momentum*self.buf[i] + scaled\n            \
return x - self.lr*self.buf[i]\n        return x - self.lr*scaled\n";

const ADAM: &str = "\
# Adam (PyTorch's torch.optim.Adam rule, AMSGrad optional), one coordinate at a time\n\
class Adam():\n    \n    \
def __init__(self, lr, beta1, beta2, eps, amsgrad):\n        \
self.lr = lr\n        self.beta1 = beta1\n        self.beta2 = beta2\n        self.eps = eps\n        \
self.amsgrad = amsgrad == 1\n        self.t = 0\n        \
self.m = [0., 0.]\n        self.v = [0., 0.]\n        self.v_hat = [0., 0.]\n    \n    \
def begin_step(self):\n        self.t += 1\n        \
self.corr1 = 1 - self.beta1**self.t\n        self.corr2 = 1 - self.beta2**self.t\n    \n    \
def update(self, i, x, g):\n        b1, b2 = self.beta1, self.beta2\n        \
self.m[i] = b1*self.m[i] + (1 - b1)*g\n        self.v[i] = b2*self.v[i] + (1 - b2)*g*g\n        \
m_hat = self.m[i]/self.corr1\n        v_hat = self.v[i]/self.corr2\n        \
self.v_hat[i] = max(self.v_hat[i], v_hat) if self.amsgrad else v_hat\n        \
return x - self.lr*m_hat/(np.sqrt(self.v_hat[i]) + self.eps)\n";

/// The class definition and the constructor call (`Adam(lr=0.001, ...)`) for `spec`, or
/// `None` for plain gradient descent, which the cell writes as the notebook does.
pub fn class_for(spec: &OptimSpec) -> Option<(&'static str, String)> {
    let (class, name) = match spec.kind() {
        OptimizerKind::Gd => return None,
        OptimizerKind::Momentum | OptimizerKind::Nesterov => (MOMENTUM, "Momentum"),
        OptimizerKind::Adagrad => (ADAGRAD, "Adagrad"),
        OptimizerKind::Rmsprop => (RMSPROP, "RMSprop"),
        OptimizerKind::Adam => (ADAM, "Adam"),
    };
    let mut args: Vec<String> = spec
        .params()
        .map(|(k, v)| format!("{k}={}", literal(v)))
        .collect();
    if spec.kind() == OptimizerKind::Nesterov {
        args.push("nesterov=True".into());
    }
    Some((class, format!("{name}({})", args.join(", "))))
}
