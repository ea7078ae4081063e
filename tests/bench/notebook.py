"""The benchmark's workloads as the notebook writes them (Python floats and numpy).

Prints one JSON object per call: {name: {ms, units, reps, checksum}} for one round of
every workload the notebook's style covers. Run by tests/bench/run.mjs once per round,
interleaved with the native binary and the browser. Slow workloads run on a stated
subset of their starts (the `units` say how much of the full workload that was).
"""
import json
import sys
import time

import numpy as np

# In[9] and In[12]: the notebook's function and its central differences.
def f2(x,y):
    return x**4 + y**4 - 2*(x-y)**2

def Dfx(x,y,f,h):
    d=0
    if(h!=0):
        d = (f(x+h,y)-f(x-h,y))/(2*h)
    return d

def Dfy(x,y,f,h):
    d=0
    if(h!=0):
        d = (f(x,y+h)-f(x,y-h))/(2*h)
    return d

# The exact partials, in the same style.
def Dfx_exact(x,y):
    return 4*x**3 - 4*(x-y)

def Dfy_exact(x,y):
    return 4*y**3 + 4*(x-y)

SIDE = 32          # the 32 x 32 grid of starts over [-3, 3]^2 (row-major, top row first)
NB_STARTS = 64     # of its 1024 starts, the first 64
STEPS = 1000

def grid_start(k, side):
    i, j = k % side, k // side
    return -3 + (i + 0.5) * 6 / side, 3 - (j + 0.5) * 6 / side

def nb2d_central():
    gamma = 0.01
    h = 1e-3
    total = 0.0
    for e in range(NB_STARTS):
        x0, y0 = grid_start(e, SIDE)
        for j in range(STEPS):
            x0 += -gamma*Dfx(x0,y0,f2,h)
            y0 += -gamma*Dfy(x0,y0,f2,h)
        total += abs(x0) + abs(y0)
    return NB_STARTS * STEPS, total

def nb2d_exact():
    gamma = 0.01
    total = 0.0
    for e in range(NB_STARTS):
        x0, y0 = grid_start(e, SIDE)
        for j in range(STEPS):
            x0 += -gamma*Dfx_exact(x0,y0)
            y0 += -gamma*Dfy_exact(x0,y0)
        total += abs(x0) + abs(y0)
    return NB_STARTS * STEPS, total

TYPED_POINTS = 4096

def typed_closed():
    total = 0.0
    for k in range(TYPED_POINTS):
        t = k / TYPED_POINTS
        x, y = -3 + 6*t, 3 - 6*((t*61) % 1.0)
        total += f2(x,y) + Dfx_exact(x,y) + Dfy_exact(x,y)
    return TYPED_POINTS, total

BASIN_SIDE = 256
BASIN_STEPS = 300

def basin(adam, row_stride):
    """Every row_stride-th row of the 256 x 256 basin map, each start run to the map's
    stop rules (diverged, |grad| < 1e-6, 300 steps); units = the fraction of the map."""
    gamma = 0.05 if adam else 0.01
    b1, b2, eps = 0.9, 0.999, 1e-8
    tol2 = 1e-6**2
    total = 0.0
    rows = range(0, BASIN_SIDE, row_stride)
    for j in rows:
        y_start = 3 - (j + 0.5) * 6 / BASIN_SIDE
        for i in range(BASIN_SIDE):
            x0, y0 = -3 + (i + 0.5) * 6 / BASIN_SIDE, y_start
            mx = my = vx = vy = 0.0
            for step in range(BASIN_STEPS + 1):
                gx = Dfx_exact(x0,y0)
                gy = Dfy_exact(x0,y0)
                if abs(x0) > 1e6 or abs(y0) > 1e6:
                    break
                if gx*gx + gy*gy < tol2 or step == BASIN_STEPS:
                    break
                if adam:
                    t = step + 1
                    mx = b1*mx + (1-b1)*gx
                    my = b1*my + (1-b1)*gy
                    vx = b2*vx + (1-b2)*gx*gx
                    vy = b2*vy + (1-b2)*gy*gy
                    c1, c2 = 1 - b1**t, 1 - b2**t
                    x0 += -gamma*(mx/c1)/(np.sqrt(vx/c2) + eps)
                    y0 += -gamma*(my/c1)/(np.sqrt(vy/c2) + eps)
                else:
                    x0 += -gamma*gx
                    y0 += -gamma*gy
            total += abs(x0) + abs(y0)
    return len(rows) / BASIN_SIDE, total

# In[22]-In[32]: the neuron, its data and its training loop, from In[25]'s weights.
sigm = lambda x: 1/(1+np.exp(-x))
dsigm = lambda x: x*(1-x)

class Neuron():

    def __init__(self, NConnections, NNeurons, ActivationFunc, DActivation):
        self.ActivationFunc = ActivationFunc
        self.DActivationFunc = DActivation
        self.b = np.array([[-0.57089547]])
        self.W = np.array([[-0.43758178], [0.52004418]])

    def Predict(self, Input, train = False):
        output = []
        z = self.b + np.dot(Input,self.W)
        a = self.ActivationFunc(z)
        output.append((z,a))
        if train:
            return output
        else:
            return output[0]

    def Train(self, XTrain, YTrain, lr = 0.5):
        out = self.Predict(XTrain, train=True)
        z = out[0][0]
        a = out[0][1]
        delta = (a-YTrain)*self.DActivationFunc(a[0][0])
        self.b -= lr*delta[0]
        self.W[0] -= lr*delta[0]*XTrain[0]
        self.W[1] -= lr*delta[0]*XTrain[1]
        return 0.5*(a-YTrain)**2

def neuron_and():
    N0 = Neuron(2,1,sigm,dsigm)
    XTrain = np.array([[1,1],[1,0],[0,1],[0,0]])
    YTrain = np.array([[1.],[0.],[0.],[0]])
    Ndata = len(XTrain)
    Cost = []
    for e in range(20000):
        CostI = []
        for i in range(Ndata):
            out = N0.Train(XTrain[i],YTrain[i])
            CostI.append(out[0])
        Cost.append(np.average(CostI))
        if(Cost[-1] < 0.001):
            break
    return 1, float(len(Cost))

def field256():
    """Heatmap + 24 isolines at 256^2 cells as the notebook draws (meshgrid, f2 on the
    arrays, matplotlib's contour engine contourpy), colours by quantile levels."""
    import contourpy
    x = np.linspace(-3,3,257)
    y = np.linspace(-3,3,257)
    X, Y = np.meshgrid(x,y)
    Z = f2(X,Y)
    levels = np.quantile(Z, np.linspace(0, 1, 26)[1:-1])
    lut = (np.linspace(0, 255, 25)[:, None] * np.ones(4)).astype(np.uint8)
    rgba = lut[np.searchsorted(levels, Z)]
    gen = contourpy.contour_generator(X, Y, Z)
    segments = sum(len(lines) for lines in (gen.lines(l) for l in levels))
    return 1, float(rgba.size + segments)

WORKLOADS = {
    "nb2d_central": nb2d_central,
    "nb2d_exact": nb2d_exact,
    "typed_closed": typed_closed,
    "basin_gd": lambda: basin(False, 32),
    "basin_adam": lambda: basin(True, 128),
    "neuron_and": neuron_and,
    "field256": field256,
}

def main():
    names = [a for a in sys.argv[1:] if not a.startswith("-")] or list(WORKLOADS)
    out = {}
    for name in names:
        start = time.perf_counter()
        units, reps = 0.0, 0
        while reps == 0 or time.perf_counter() - start < 0.02:
            u, checksum = WORKLOADS[name]()
            units += u
            reps += 1
        ms = (time.perf_counter() - start) * 1e3
        out[name] = {"ms": ms, "units": units, "reps": reps, "checksum": checksum}
    print(json.dumps(out))

if __name__ == "__main__":
    main()
