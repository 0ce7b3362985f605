"""How many new concerns basic services meet, given their early-support places.

Why a curve: the route shares (`basic_services.route_low_share`, `route_moderate_share`) were
set for one number of places per child
(`basic_services.reach_reference_places_per_1000_children`). A family centre with
more places reaches further (lower thresholds, more staff to consult, shorter waits), but not
without limit: some concerns belong in child protection whatever basic services offer. So the
share follows the places with an elasticity and saturates at a ceiling, all three scenario
assumptions (`behaviour.early_support_reach_elasticity`, `early_support_route_low_max`,
`early_support_route_moderate_max`).
"""

from __future__ import annotations

import math
from typing import Any


def reached_share(share: float, ceiling: float, factor: float) -> float:
    """`share` scaled by `factor`, at most the ceiling; the ceiling never lowers the share the
    scenario states at its reference places (a reform may state one above it)."""
    return min(max(ceiling, share), share * factor)


def route_shares(p: Any) -> tuple[float, float, float]:
    """The chance a light, moderate and serious new concern is met in basic services (when a
    place is free), from the plain parameters `p` of one run."""
    b, h = p.basic_services, p.behaviour
    per_1000 = b.early_support_places / max(p.population.children, 1.0) * 1000
    reference = b.reach_reference_places_per_1000_children or per_1000
    # a file's own places per child, written to 7 digits, is the reference itself
    same = math.isclose(per_1000, reference, rel_tol=1e-6) or reference <= 0
    factor = 1.0 if same else (per_1000 / reference) ** h.early_support_reach_elasticity
    return (reached_share(b.route_low_share, h.early_support_route_low_max, factor),
            reached_share(b.route_moderate_share, h.early_support_route_moderate_max, factor),
            0.0)
