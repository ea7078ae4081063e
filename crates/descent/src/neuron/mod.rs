//! The neuron lesson: a sigmoid neuron and a 2-H-1 network trained step by step (issue 5).
