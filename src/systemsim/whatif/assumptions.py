"""Which assumptions a difference rests on: the numbers that differ between two scenarios
and whose source is an assumption, not a statistic or a seed document.

Why: "+3 workers and systemic units: placements -62 %" must travel with what it rests on.
Until calibration gives parameter uncertainty, a leader sees at least which assumed numbers
make the two options differ.
"""

from __future__ import annotations

from dataclasses import dataclass

from systemsim.scenario import Scenario
from systemsim.scenario.schema import iter_sourced


@dataclass(frozen=True)
class Differing:
    """One number that differs between two scenarios, with its source in each."""

    path: str
    before: float | None
    after: float | None
    source_before: str | None
    source_after: str | None

    @property
    def assumed(self) -> bool:
        """Whether a side's number is an assumption (or has no source at all)."""
        return any(
            (source is None and value is not None)
            or (source or "").strip().lower().startswith("assumption")
            for value, source in ((self.before, self.source_before),
                                  (self.after, self.source_after)))


#: switches that bring numbers into play: (switch path, value) -> numbers that then act
SWITCHED_ON: dict[tuple[str, str], tuple[str, ...]] = {
    ("practice.way_of_working", "systemic"): ("practice.systemic_meeting_hours_week",
                                               "practice.systemic_network_boost"),
    ("organisation.structure", "systemic_unit"): ("organisation.unit.",),
    ("organisation.structure", "intake_rotation"): ("organisation.rotation.",),
}


def _switch(scenario: Scenario, path: str) -> str | None:
    node: object = scenario
    for part in path.split("."):
        node = getattr(node, part, None)
        if node is None:
            return None
    return str(node)


def differing_numbers(before: Scenario, after: Scenario) -> list[Differing]:
    """Every number that differs between the two scenarios (or is in only one), and the
    numbers a switched way of working brings into play (they act in one option only)."""
    a, b = dict(iter_sourced(before)), dict(iter_sourced(after))
    out = []
    for (switch, value), prefixes in SWITCHED_ON.items():
        on_before, on_after = _switch(before, switch) == value, _switch(after, switch) == value
        if on_before == on_after:
            continue
        side = b if on_after else a
        for path, number in side.items():
            if path.startswith(prefixes) and (a.get(path) == b.get(path) or path not in a or
                                              path not in b):
                out.append(Differing(path, number.value if on_before else None,
                                     number.value if on_after else None,
                                     number.source if on_before else None,
                                     number.source if on_after else None))
    for path in [*a, *(p for p in b if p not in a)]:
        x, y = a.get(path), b.get(path)
        if x is not None and y is not None and x.value == y.value:
            continue
        out.append(Differing(path, x.value if x else None, y.value if y else None,
                             x.source if x else None, y.source if y else None))
    return out


def assumptions_that_differ(before: Scenario, after: Scenario) -> list[Differing]:
    """The differing numbers that rest on an assumption."""
    return [d for d in differing_numbers(before, after) if d.assumed]
