"""The analyses rules share: language identification, numbers, source fidelity, structure,
junk, punctuation and repetition. Each is computed from a segment (and its source) and knows nothing of
rules, configuration or the run."""
