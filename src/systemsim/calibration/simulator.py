"""What pyabc calls: one parameter set in, the targets' model values out.

A class, not a closure, so local processes and Dask workers can receive it. Each evaluation
runs one replication with a seed drawn from numpy's global generator, which pyabc seeds per
process (and `systemsim calibrate --seed` seeds per generation), so a single-process run is
reproducible.
"""

from __future__ import annotations

import math
import os
import time
from pathlib import Path

import numpy as np

from systemsim.calibration.priors import Parameter, apply, as_values
from systemsim.calibration.targets import TargetFile, statistics
from systemsim.errors import InputError
from systemsim.experiment.runner import run_one
from systemsim.scenario import Scenario


class Simulator:
    """The model as pyabc sees it (picklable)."""

    def __init__(self, scenario: Scenario, params: list[Parameter], targets: TargetFile,
                 timing_dir: str | None = None):
        self.scenario = scenario
        self.params = params
        self.targets = targets
        self.years = targets.last_year
        self.children = float(scenario.population.children.value)
        self.timing_dir = timing_dir

    def run(self, values: dict[str, float], seed: int) -> dict[str, float]:
        """The targets' values for one replication of the scenario with `values` set."""
        try:
            scenario = apply(self.scenario, values)
        except InputError:
            return {t.name: math.nan for t in self.targets.targets}
        start = time.perf_counter()
        rep = run_one(scenario, self.years, seed)
        if self.timing_dir:  # benchmarks: how much of the wall time the model itself takes
            with open(Path(self.timing_dir) / f"{os.getpid()}.txt", "a") as fh:
                fh.write(f"{time.perf_counter() - start}\n")
        return statistics(rep.yearly, self.targets, self.children)

    def __call__(self, par) -> dict[str, float]:
        seed = int(np.random.randint(0, 2**31 - 1))
        return self.run(as_values(self.params, par), seed)


class ZDistance:
    """Root mean square of the targets' z-scores: (model - observed) / observation sd.

    Why this distance: every target counts in units of its own uncertainty, so a rate of 0.9 %
    and a caseload of 28 weigh alike, and epsilon 1 means "on average within one sd".
    """

    def __init__(self, sd: dict[str, float]):
        self.sd = dict(sd)

    def __call__(self, x: dict, x0: dict) -> float:
        z = [(float(x[k]) - float(x0[k])) / s for k, s in self.sd.items()]
        total = float(np.mean(np.square(z)))
        return math.sqrt(total) if math.isfinite(total) else math.inf
