"""How full basic services' places are at a steady state: the early-support and school-absence
stocks a run starts with.

Why: a run that starts with every place empty fills them in its first months, so year 1 shows
idle places and fewer notifications than every later year with nothing changed. Places are a
loss system: a concern that finds no free place (or is not routed) is notified instead, and a
family holds its place for an exponential time. The number of places in use is then the
Erlang loss distribution, a Poisson count cut at the number of places, whatever the shape of
the times (Erlang's insensitivity), so the stock can be drawn from it directly.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from systemsim.model.clock import WEEKS_PER_YEAR
from systemsim.model.traits import AGES

#: the oldest child's age from which the school-absence response can take a concern
SCHOOL_AGE = 7
#: `TraitSampler` draws the oldest child's age uniformly from 0 to AGES - 1
_SCHOOL_AGE_SHARE = (AGES - SCHOOL_AGE) / AGES


def takes_school_first(school_absence, traits) -> bool:
    """A new concern the school-absence response takes before early support (when it has
    room): light or moderate, school absence among the risks, a child of school age."""
    return (school_absence is not None and traits.severity < 2
            and "school_absence" in traits.risks and traits.oldest_age >= SCHOOL_AGE)


@dataclass(frozen=True)
class Load:
    """Offered load (families the places would hold with no limit) and the places."""

    offered: float
    places: int

    def blocked(self) -> float:
        """Erlang B: the share of arrivals that find every place taken."""
        b = 1.0
        for k in range(1, self.places + 1):
            b = self.offered * b / (k + self.offered * b)
        return b if self.places > 0 else 1.0

    def draw(self, rng: random.Random) -> int:
        """Places in use at a steady state: Poisson(offered) cut at `places`."""
        if self.places <= 0 or self.offered <= 0:
            return 0
        weights, w = [1.0], 1.0
        for k in range(1, self.places + 1):
            w *= self.offered / k
            weights.append(w)
        u, total = rng.random() * sum(weights), 0.0
        for k, weight in enumerate(weights):
            total += weight
            if u < total:
                return k
        return self.places


def _severity_shares(p) -> tuple[float, float, float]:
    d = p.demand
    return (d.severity_low_share, 1.0 - d.severity_low_share - d.severity_high_share,
            d.severity_high_share)


def school_eligible(p) -> tuple[float, float, float]:
    """By severity, the share of new concerns `takes_school_first` accepts."""
    if p.school_absence is None:
        return (0.0, 0.0, 0.0)
    r = p.behaviour.families.risk_by_severity
    return (r.low * _SCHOOL_AGE_SHARE, r.moderate * _SCHOOL_AGE_SHARE, 0.0)


def loads(p, route: tuple[float, float, float]) -> tuple[Load, Load]:
    """The school-absence response's and early support's loads, from the plain parameters."""
    families_week = (p.demand.concerns_per_1000_children_year * p.population.children / 1000.0
                     / p.population.children_per_family_mean / WEEKS_PER_YEAR)
    shares, eligible = _severity_shares(p), school_eligible(p)
    sa = p.school_absence
    school = Load(
        families_week * sum(s * e for s, e in zip(shares, eligible, strict=True))
        * (sa.response_weeks_mean if sa else 0.0),
        int(sa.response_places) if sa else 0)
    taken = 1.0 - school.blocked() if sa else 0.0
    b = p.basic_services
    routed = sum(s * r * (1.0 - e * taken) for s, r, e in zip(shares, route, eligible, strict=True))
    early = Load(families_week * routed * b.early_support_weeks_mean, int(b.early_support_places))
    return school, early
