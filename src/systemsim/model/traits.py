"""New families' traits, drawn in numpy batches from the model's traits stream.

Why batches: a county run creates about 45,000 families, and drawing each one's seven traits
one by one in Python (two beta variates through `random.gammavariate`) was the largest single
cost of the weekly loop (about a sixth of it; see benchmarks/README.md). numpy draws a batch
of 1,024 families at once; each family then only takes its row. The distributions are the
ones documented in docs/model.md:

* children: 1 + a geometric number of siblings with the scenario's mean, at most 6 in all;
* severity: low, moderate or high with the scenario's shares;
* risks: each of the four independently, likelier with severity (the scenario's
  `behaviour.families.risk_by_severity`);
* age of the oldest child uniform in 0..17; close network and engagement Beta distributions
  with the scenario's parameters (`behaviour.families`).

The batches come from one generator in order, so the same seed gives the same families.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from systemsim.model.agents import FamilyTraits

RISKS = ("school_absence", "substance_use", "mental_health", "violence")
MAX_CHILDREN = 6
#: the oldest child's age is drawn uniformly from 0 to AGES - 1
AGES = 18
BATCH = 1024

#: the 16 possible risk sets, indexed by a 4-bit mask (bit i = RISKS[i])
_RISK_SETS = tuple(
    frozenset(name for bit, name in enumerate(RISKS) if mask >> bit & 1) for mask in range(16)
)


class TraitSampler:
    """Hands out one new family's traits at a time from pre-drawn numpy batches."""

    def __init__(self, rng: np.random.Generator, children_mean: float,
                 severity_low_share: float, severity_high_share: float, mix: Any,
                 batch: int = BATCH):
        mean_extra = max(children_mean - 1.0, 0.0)
        self._p_stop = 1.0 / (1.0 + mean_extra)  # geometric siblings with this mean
        self._low, self._high = severity_low_share, severity_high_share
        self._rng = rng
        r = mix.risk_by_severity
        self._risk_by_severity = np.asarray((r.low, r.moderate, r.high))
        self._network = (mix.network_beta_a, mix.network_beta_b)
        self._engagement = (mix.engagement_beta_a, mix.engagement_beta_b)
        self._batch = batch
        self._rows: list[tuple] = []
        self._next = 0

    def _refill(self) -> None:
        rng, n = self._rng, self._batch
        children = 1 + np.minimum(rng.geometric(self._p_stop, n) - 1, MAX_CHILDREN - 1)
        u = rng.random(n)
        severity = np.where(u < self._low, 0, np.where(u > 1.0 - self._high, 2, 1))
        p_risk = self._risk_by_severity[severity]
        risk_mask = (rng.random((n, len(RISKS))) < p_risk[:, None]) @ (1 << np.arange(len(RISKS)))
        oldest = rng.integers(0, AGES, n)
        network = rng.beta(*self._network, n)
        engagement = rng.beta(*self._engagement, n)
        self._rows = list(zip(children.tolist(), oldest.tolist(), severity.tolist(),
                              network.tolist(), engagement.tolist(), risk_mask.tolist(),
                              strict=True))
        self._next = 0

    def draw(self) -> FamilyTraits:
        """The next new family's traits."""
        if self._next == len(self._rows):
            self._refill()
        children, oldest, severity, network, engagement, mask = self._rows[self._next]
        self._next += 1
        return FamilyTraits(children, oldest, severity, network, engagement, _RISK_SETS[mask])
