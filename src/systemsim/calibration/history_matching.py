"""A first history-matching wave: rule out the parts of the prior the targets cannot come from.

A Latin hypercube over the priors, each point run a few times; a point is implausible when
its worst target (second worst with more than three) lies more than `cutoff` sd from the observation,
counting the observation's uncertainty and the model's own replication spread (Vernon et al.
2010; McCulloch et al. 2022). The priors are then narrowed to the box of the points left, so
ABC-SMC spends its simulations where the answer can be.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from systemsim.calibration.priors import Parameter
from systemsim.calibration.simulator import Simulator
from systemsim.scenario.schema import Prior


@dataclass
class Wave:
    points: int
    kept: int
    cutoff: float
    bounds: dict[str, tuple[float, float]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"points": self.points, "kept": self.kept, "cutoff": self.cutoff,
                "bounds": {k: list(v) for k, v in self.bounds.items()}}


def implausibility(sims: np.ndarray, obs: np.ndarray, sd: np.ndarray) -> np.ndarray:
    """Per point and target: |mean - observed| / sqrt(sd_obs^2 + var between replications)."""
    mean = np.nanmean(sims, axis=1)
    var = np.nanvar(sims, axis=1, ddof=1) if sims.shape[1] > 1 else np.zeros_like(mean)
    return np.abs(mean - obs) / np.sqrt(sd**2 + var)


def wave(sim: Simulator, params: list[Parameter], *, points: int, replications: int = 2,
         seed: int = 0, cutoff: float = 3.0, progress: bool | None = None) -> tuple[list[Parameter], Wave]:
    """Run one wave and return the narrowed parameters (or the same ones if nothing is left)."""
    from scipy.stats import qmc
    from tqdm.auto import tqdm

    u = qmc.LatinHypercube(d=len(params), seed=np.random.default_rng(seed)).random(points)
    X = np.column_stack([p.sample(u[:, j]) for j, p in enumerate(params)])
    names = [t.name for t in sim.targets.targets]
    obs = np.array([t.value for t in sim.targets.targets])
    sd = np.array([t.sd for t in sim.targets.targets])
    seeds = np.random.SeedSequence([seed, 1]).generate_state(points * replications)
    sims = np.full((points, replications, len(names)), np.nan)
    for i in tqdm(range(points), desc="history matching", unit="point", leave=False,
                  disable=None if progress is None else not progress):
        values = {p.path: float(round(x)) if p.integer else float(x)
                  for p, x in zip(params, X[i], strict=True)}
        for r in range(replications):
            out = sim.run(values, int(seeds[i * replications + r]))
            sims[i, r] = [out[n] for n in names]
    imp = np.transpose([implausibility(sims[:, :, k], obs[k], sd[k]) for k in range(len(names))])
    imp = np.where(np.isfinite(imp), imp, np.inf)
    # the worst target decides with few targets; with more, the second worst (one target may
    # be a poor fit of an otherwise good point: Vernon et al. 2010)
    worst = np.sort(imp, axis=1)[:, -2] if len(names) > 3 else imp.max(axis=1)
    keep = worst <= cutoff
    result = Wave(points, int(keep.sum()), cutoff)
    if keep.sum() < 2:
        return params, result
    narrowed = []
    for j, p in enumerate(params):
        pad = 0.05 * (p.prior.high - p.prior.low)
        low = max(p.prior.low, float(X[keep, j].min()) - pad)
        high = min(p.prior.high, float(X[keep, j].max()) + pad)
        mode = None if p.prior.mode is None else min(max(p.prior.mode, low), high)
        prior = Prior(low=low, high=high, shape=p.prior.shape, mode=mode)
        result.bounds[p.path] = (low, high)
        narrowed.append(Parameter(p.path, prior, p.value, p.source, p.integer))
    return narrowed, result
