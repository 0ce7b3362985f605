"""One seed per run, split per replication: the same seed gives the same numbers anywhere.

Replication r of a run with seed S always gets the r-th child of `SeedSequence(S)`, whatever
process or machine runs it and in whatever order, and every scenario compared in one run gets
the same child (common random numbers).
"""

from __future__ import annotations

import numpy as np


def replication_seeds(seed: int, replications: int) -> list[np.random.SeedSequence]:
    """The per-replication seed sequences of a run."""
    if replications < 1:
        raise ValueError("replications must be at least 1")
    return np.random.SeedSequence(seed).spawn(replications)
