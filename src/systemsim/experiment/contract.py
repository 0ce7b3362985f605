"""The CLI's JSON contract: the shape other tools and checks read.

``{"years": N, "replications": R, "seed": S, "scenarios": {"<stem>": {"kpis": {"<kpi>":
[{"year": 1, "mean": x, "low": x, "high": x}, ...]}, "warnings": ["..."]}}}`` with low/high the
5th/95th percentiles across replications and `warnings` what `experiment.plausibility` found
implausible (an empty list when nothing). A `null` number has one meaning: the share has no
case to count in that year (for example no assessment was due), never an error. Numbers are
rounded to 6 decimals and keys are sorted, so the
same seed gives byte-identical JSON.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pandas as pd

from systemsim.experiment.plausibility import run_warnings


def _num(x: float) -> float | None:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return None
    return round(float(x), 6)


def scenario_block(summary: pd.DataFrame) -> dict[str, Any]:
    """The `{"kpis": ...}` block for one scenario's summary rows."""
    kpis: dict[str, list[dict[str, Any]]] = {}
    for kpi, rows in summary.groupby("kpi", sort=True):
        kpis[str(kpi)] = [
            {"year": int(r.year), "mean": _num(r.mean), "low": _num(r.low), "high": _num(r.high)}
            for r in rows.sort_values("year").itertuples()
        ]
    return {"kpis": kpis}


def contract(
    summary: pd.DataFrame, *, years: int, replications: int, seed: int, **extra: Any
) -> dict[str, Any]:
    """The whole JSON document for a run or comparison."""
    doc: dict[str, Any] = {"years": years, "replications": replications, "seed": seed}
    doc.update(extra)
    doc["scenarios"] = {
        str(name): scenario_block(rows) for name, rows in summary.groupby("scenario", sort=False)
    }
    for name, found in run_warnings(summary).items():
        doc["scenarios"][name]["warnings"] = found
    return doc


def dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, sort_keys=True, indent=1, ensure_ascii=False, allow_nan=False)
