"""Global sensitivity analysis with SALib: which parameters move a KPI, and how sure we are.

Sobol (Saltelli sampling; first-order S1 and total ST indices) or Morris (elementary effects;
mu*, sigma). Each sample point is a scenario run R times on the same replication seeds
(common random numbers) and reduced to one number: the KPI in one simulated year, averaged
over the replications. Confidence intervals (95 %) come from SALib's bootstrap; with few
samples or replications they are wide, and the table says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from systemsim.errors import InputError
from systemsim.experiment.distributed import Backend, run_points
from systemsim.experiment.sweep import apply_values, check_path, format_value, parse_number
from systemsim.scenario import Scenario

ARG = "--params"
METHODS = ("sobol", "morris")
#: the indices each method reports, with a 95 % confidence half-width `<name>_conf` where
#: SALib gives one (all but Morris' sigma)
INDICES = {"sobol": ("S1", "ST"), "morris": ("mu_star", "sigma")}


@dataclass(frozen=True)
class Param:
    path: str
    low: float
    high: float
    integer: bool = False


def _is_integer_field(scenario: Scenario, path: str) -> bool:
    section, *rest = path.split(".")
    node: Any = getattr(scenario, section)
    for part in rest:
        node = getattr(node, part)
    try:
        apply_values(scenario, {path: float(node.value) + 0.5}, arg=ARG)
    except InputError as exc:
        return "whole number" in exc.message
    return False


def parse_param(text: str, scenario: Scenario) -> Param:
    """Parse `dotted.path=low:high`; raises `InputError` naming --params and what is allowed."""
    example = "e.g. --params workforce.social_workers=5:9"
    path, eq, rest = text.partition("=")
    path = path.strip()
    if not eq or not path or rest.count(":") != 1:
        raise InputError(f"{text!r} must look like path=low:high ({example})", where=ARG)
    check_path(scenario, path, ARG)
    low_text, high_text = rest.split(":")
    low = parse_number(low_text, arg=ARG, path=path)
    high = parse_number(high_text, arg=ARG, path=path)
    if not low < high:
        raise InputError(f"{path}: low {format_value(low)} must be below high {format_value(high)}",
                         where=ARG)
    for value in (low, high):
        apply_values(scenario, {path: value}, arg=ARG)  # the scenario must accept both ends
    return Param(path, low, high, _is_integer_field(scenario, path))


def parse_params(texts: list[str], scenario: Scenario) -> list[Param]:
    if not texts:
        raise InputError("give at least one --params path=low:high", where=ARG)
    params = [parse_param(t, scenario) for t in texts]
    paths = [p.path for p in params]
    for path in paths:
        if paths.count(path) > 1:
            raise InputError(f"{path} is given twice", where=ARG)
    return params


def problem(params: list[Param]) -> dict[str, Any]:
    return {"num_vars": len(params), "names": [p.path for p in params],
            "bounds": [[p.low, p.high] for p in params]}


def design(params: list[Param], method: str, samples: int, seed: int) -> np.ndarray:
    """The sample matrix (rows = points); whole-number parameters are rounded."""
    prob = problem(params)
    if method == "sobol":
        from SALib.sample import sobol

        X = sobol.sample(prob, samples, calc_second_order=False, seed=seed)
    elif method == "morris":
        from SALib.sample import morris

        X = morris.sample(prob, samples, num_levels=4, seed=seed)
    else:
        raise InputError(f"unknown method {method!r}; allowed: {', '.join(METHODS)}",
                         where="--method")
    for j, p in enumerate(params):
        if p.integer:
            X[:, j] = np.clip(np.round(X[:, j]), p.low, p.high)
    return X


def analyse(params: list[Param], method: str, X: np.ndarray, Y: np.ndarray, seed: int
            ) -> pd.DataFrame:
    """One row per parameter: each index and its 95 % confidence half-width."""
    prob = problem(params)
    if method == "sobol":
        from SALib.analyze import sobol

        res = sobol.analyze(prob, Y, calc_second_order=False, seed=seed)
    else:
        from SALib.analyze import morris

        res = morris.analyze(prob, X, Y, num_levels=4, seed=seed)
    rows = []
    for j, p in enumerate(params):
        row: dict[str, Any] = {"param": p.path}
        for name in INDICES[method]:
            row[name] = float(res[name][j])
            conf = f"{name}_conf"
            if conf in res:  # SALib gives no interval for Morris' sigma
                row[conf] = float(res[conf][j])
        rows.append(row)
    return pd.DataFrame(rows)


def run_sensitivity(
    scenario: Scenario,
    params: list[Param],
    *,
    method: str,
    samples: int,
    kpi: str,
    year: int,
    years: int,
    replications: int,
    seed: int,
    backend: Backend | None = None,
    progress: bool | None = None,
) -> tuple[pd.DataFrame, int]:
    """Sample, run every point, analyse; returns (indices table, number of points)."""
    X = design(params, method, samples, seed)
    scenarios = [
        apply_values(scenario, {p.path: float(x) for p, x in zip(params, row, strict=True)}, arg=ARG)
        for row in X
    ]
    long = run_points(scenarios, [str(i) for i in range(len(scenarios))], years=years,
                      replications=replications, seed=seed, backend=backend, progress=progress,
                      kpis=[kpi])
    at_year = long[long["year"] == year]
    if at_year.empty:
        raise InputError(f"no results for {kpi!r} in year {year}", where="--kpi")
    means = at_year.groupby("scenario", sort=False)["value"].mean()
    Y = np.array([means.get(str(i), np.nan) for i in range(len(scenarios))], dtype=float)
    missing = int(np.isnan(Y).sum())
    if missing:
        raise InputError(f"{kpi!r} is undefined in year {year} for {missing} of {len(Y)} sample "
                         "points (e.g. a share with nothing to divide); choose another KPI or year",
                         where="--kpi")
    return analyse(params, method, X, Y, seed), len(scenarios)


def _num(x: float) -> float | None:
    return None if x is None or not math.isfinite(x) else round(float(x), 6)


def to_json(table: pd.DataFrame, params: list[Param], **meta: Any) -> dict[str, Any]:
    doc: dict[str, Any] = dict(meta)
    doc["params"] = [{"path": p.path, "low": p.low, "high": p.high} for p in params]
    doc["indices"] = {
        row["param"]: {k: _num(v) for k, v in row.items() if k != "param"}
        for row in table.to_dict("records")
    }
    return doc
