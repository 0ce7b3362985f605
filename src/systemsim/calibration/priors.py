"""The calibrated parameters: every scenario number that carries a `prior`, addressed by key path.

Why key paths: a parameter is `practice.relationship_half_hours` wherever it appears, so a
coefficient the model gains later (as scenario data with a prior) is calibrated without any
code change, and a posterior draw is applied as an ordinary scenario override.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from systemsim.errors import InputError
from systemsim.scenario import Scenario, iter_sourced, with_values
from systemsim.scenario.schema import Prior


@dataclass(frozen=True)
class Parameter:
    """One calibrated number: its key path, its prior and its value in the scenario file."""

    path: str
    prior: Prior
    value: float
    source: str
    integer: bool = False

    @property
    def key(self) -> str:
        """The name pyabc stores (its database keeps plain identifiers)."""
        return self.path.replace(".", "__")

    def rv(self):
        """The prior as a pyabc random variable."""
        from pyabc import RV

        p = self.prior
        if p.shape == "uniform":
            return RV("uniform", p.low, p.high - p.low)
        if p.shape == "loguniform":
            return RV("loguniform", p.low, p.high)
        c = (float(p.mode) - p.low) / (p.high - p.low)
        return RV("triang", c, loc=p.low, scale=p.high - p.low)

    def sample(self, u: np.ndarray) -> np.ndarray:
        """Values at prior quantiles `u` in [0, 1] (for designs such as history matching)."""
        p = self.prior
        if p.shape == "uniform":
            return p.low + u * (p.high - p.low)
        if p.shape == "loguniform":
            return np.exp(np.log(p.low) + u * (np.log(p.high) - np.log(p.low)))
        from scipy.stats import triang

        c = (float(p.mode) - p.low) / (p.high - p.low)
        return triang.ppf(u, c, loc=p.low, scale=p.high - p.low)


def calibrated_parameters(scenario: Scenario, only: list[str] | None = None, *,
                          file: str | None = None) -> list[Parameter]:
    """The scenario's parameters with a prior (or the listed paths, which must all have one)."""
    found = {path: p for path, p in iter_sourced(scenario)}
    with_prior = [path for path, p in found.items() if p.prior is not None]
    chosen = only or with_prior
    params = []
    for path in chosen:
        if path not in found:
            raise InputError(f"unknown parameter {path!r}", file=file, where="--params")
        sourced = found[path]
        if sourced.prior is None:
            raise InputError(f"{path} has no prior; add `prior: {{low: .., high: ..}}` to it "
                             "in the scenario file to calibrate it", file=file, where=path)
        params.append(Parameter(path, sourced.prior, sourced.value, sourced.source or "",
                                _is_integer(scenario, path, sourced.value)))
    if not params:
        raise InputError("no parameter has a prior; add `prior: {low: .., high: ..}` to the "
                         "numbers to calibrate", file=file, where="prior")
    for p in params:  # both ends of every prior must be values the scenario accepts
        for end in (p.prior.low, p.prior.high):
            try:
                with_values(scenario, {p.path: end})
            except InputError as exc:
                raise InputError(f"prior {p.prior.low:g}..{p.prior.high:g} is outside what the "
                                 f"scenario allows ({exc.message})", file=file, where=p.path) from None
    return params


def _is_integer(scenario: Scenario, path: str, value: float) -> bool:
    try:
        with_values(scenario, {path: value + 0.5})
    except InputError as exc:
        return "whole number" in exc.message
    return False


def prior_lines(scenario: Scenario) -> list[str]:
    """One line per prior, for `systemsim validate`: what calibration will estimate."""
    lines = []
    for path, p in iter_sourced(scenario):
        if p.prior is None:
            continue
        pr = p.prior
        shape = pr.shape + (f", mode {pr.mode:g}" if pr.mode is not None else "")
        lines.append(f"{path}: prior {pr.low:g}..{pr.high:g} ({shape}), value {p.value:g}")
    return lines


def prior_lines_for_file(path: str) -> list[str]:
    """`prior_lines` of a scenario file (nothing for families, vignettes and target files)."""
    from systemsim.scenario import load_scenario
    from systemsim.yamlio import read_yaml

    if read_yaml(path).get("kind", "scenario") != "scenario":
        return []
    return prior_lines(load_scenario(path))


def as_values(params: list[Parameter], draw: dict[str, Any]) -> dict[str, float]:
    """A pyabc parameter (keys without dots) as scenario overrides by key path."""
    out = {}
    for p in params:
        v = float(draw[p.key])
        out[p.path] = float(round(v)) if p.integer else v
    return out


def apply(scenario: Scenario, values: dict[str, float]) -> Scenario:
    """The scenario with calibrated values set (their source says they come from a posterior)."""
    return with_values(scenario, values)
