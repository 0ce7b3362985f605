"""A slider whose readout writes numbers the reader's way: '7,0' in Finnish and Swedish.

Why: ipywidgets' FloatSlider formats its readout with d3-format in the browser, always with a
decimal point, so the dashboard said "7.0" above a table that says "23,0". A selection slider
over the same numbers, each labelled by `systemsim.viz.fmt_number`, reads as the tables do and
is relabelled on a language switch.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from systemsim.viz.labels import fmt_number


class NumberSlider(w.SelectionSlider):
    """Numbers from `low` to `high` in steps of `step`, shown with `decimals` decimals."""

    def __init__(self, low: float, high: float, step: float, decimals: int, lang: str,
                 **kwargs: Any):
        self._low, self._high, self._step, self._decimals = low, high, step, decimals
        self._lang = lang
        self._extra: set[float] = set()
        super().__init__(options=self._options(), **kwargs)

    def _numbers(self) -> list[float]:
        n = round((self._high - self._low) / self._step)
        grid = {round(self._low + i * self._step, 6) for i in range(n + 1)}
        return sorted(grid | self._extra)

    def _options(self) -> list[tuple[str, float]]:
        return [(fmt_number(x, self._lang, self._decimals), x) for x in self._numbers()]

    @property
    def maximum(self) -> float:
        return self._high

    def _rebuild(self, keep: float | None = None) -> None:
        current = self.value if keep is None else keep
        self.options = self._options()  # resets the value to the first stop: set it back
        self.value = min(self._numbers(), key=lambda x: abs(x - current))

    def set_maximum(self, high: float) -> None:
        """Let the slider reach `high` (the value stays)."""
        if high != self._high:
            self._high = high
            self._rebuild()

    def set_number(self, value: float) -> None:
        """Move to `value`, adding it as a stop when it is off the step grid (from code)."""
        value = round(float(value), 6)
        if value > self._high:
            self.set_maximum(value)
        if value not in self._numbers():
            self._extra.add(value)
            self._rebuild(value)
        self.value = value

    def relabel(self, lang: str) -> None:
        """The readout in `lang`; the value stays."""
        if lang != self._lang:
            self._lang = lang
            self._rebuild()
