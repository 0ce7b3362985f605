"""Calibration with uncertainty: targets and priors as data, ABC-SMC, posterior-driven runs.

See docs/validation.md. The pieces: `targets` (what the model should reproduce), `priors`
(what calibration estimates, by scenario key path), `abc` (pyabc's ABC-SMC, resumable),
`posterior` (the file and its draws), `uncertainty` (runs whose intervals include parameter
uncertainty, variance split, which unknown moves a difference) and `validation` (the seed
stories predicted from the national calibration).
"""
