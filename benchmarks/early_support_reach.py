"""`finland_typical` at other numbers of early-support places: the table of docs/model.md §10.

Run: ``make reach-table`` (3 years, 10 replications, seed 1; the last year's mean ± standard
error across replications). It is `systemsim sweep --vary basic_services.early_support_places`
(the same `expand` and `run_points`, so every point runs on the same replication seeds), done
twice: with the file's reach assumption ("now") and with
`behaviour.early_support_reach_elasticity` 0, the model without it ("before": route shares
that ignore the places, as before commit e3f4d86). Printed as the markdown table the document
shows, so each figure there can be rerun.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from systemsim.experiment.distributed import Local, run_points
from systemsim.experiment.sweep import Vary, expand
from systemsim.scenario.loader import load_scenario, with_values

PATH = "basic_services.early_support_places"
ELASTICITY = "behaviour.early_support_reach_elasticity"
PLACES = (10, 20, 30, 45, 60, 100, 200)


def _count(v: float) -> str:
    return f"{v:,.0f}"


def _share(v: float) -> str:
    return f"{v * 100:.0f} %"


#: heading, KPI, format, scale, with ± standard error, followed by a "before" column
COLUMNS: tuple[tuple[str, str, Callable[[float], str], float, bool, bool], ...] = (
    ("notifications", "notifications", _count, 1.0, True, True),
    ("children notified", "children_notified", _count, 1.0, True, False),
    ("started early support", "early_support_started", _count, 1.0, False, False),
    ("children in care", "children_in_care", "{:.1f}".format, 1.0, True, False),
    ("places in use", "early_support_places_used_share", _share, 1.0, False, True),
    ("total cost (M€)", "cost_total_eur", "{:.2f}".format, 1e-6, True, False),
)


def _cell(values: pd.Series, fmt: Callable[[float], str], se: bool) -> str:
    """Mean across replications, with the standard error of that mean when asked."""
    text = fmt(values.mean())
    if se:
        text += " ± " + fmt(values.std(ddof=1) / len(values) ** 0.5)
    return text


def _header() -> list[str]:
    names = ["places"]
    for heading, _, _, _, _, before in COLUMNS:
        names += [heading, "before"] if before else [heading]
    return ["| " + " | ".join(names) + " |", "|" + "---:|" * len(names)]


def table(scenario: Path, places: tuple[float, ...], years: int, replications: int, seed: int,
          processes: int) -> list[str]:
    """The markdown lines: one row per number of places, the last simulated year."""
    now = load_scenario(scenario)
    before = with_values(now, {ELASTICITY: 0.0})
    vary = [Vary(PATH, tuple(float(p) for p in places))]
    points = {"now": expand(now, vary, arg=PATH), "before": expand(before, vary, arg=PATH)}
    runs = [(side, p) for side, pts in points.items() for p in pts]
    long = run_points([p.scenario for _, p in runs], [f"{side}:{p.key}" for side, p in runs],
                      years=years, replications=replications, seed=seed,
                      backend=Local(processes), progress=False,
                      kpis=[c[1] for c in COLUMNS])
    last = long[long["year"] == years]
    lines = _header()
    for point in points["now"]:
        cells = [f"{point.values[PATH]:g}"]
        for _, kpi, fmt, scale, se, with_before in COLUMNS:
            for side in ("now", "before") if with_before else ("now",):
                rows = last[(last["scenario"] == f"{side}:{point.key}") & (last["kpi"] == kpi)]
                cells.append(_cell(rows["value"] * scale, fmt, se and side == "now"))
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenario", type=Path, default=Path("scenarios/finland_typical.yaml"))
    parser.add_argument("--places", type=lambda s: tuple(float(v) for v in s.split(",")),
                        default=PLACES, help="comma-separated numbers of places")
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--replications", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--processes", type=int, default=1,
                        help="local processes (the table is the same for any number)")
    args = parser.parse_args()
    print(f"# {args.scenario.stem}, {PATH} varied; {args.years} years, {args.replications} "
          f"replications, seed {args.seed}; year {args.years}, mean ± standard error; "
          f"before = {ELASTICITY} 0")
    for line in table(args.scenario, args.places, args.years, args.replications, args.seed,
                      args.processes):
        print(line)


if __name__ == "__main__":
    main()
