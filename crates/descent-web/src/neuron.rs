//! The neuron lesson's handles: trainer and network (issue 5).
