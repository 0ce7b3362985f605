"""The before/after table of docs/model.md §9.8: year 1 / 2 / 3 means, same seeds both sides.

Run: ``make before-after`` (20 replications, seed 1). Each row is a bundled pair of scenario
files, or a what-if of one file, run on common random numbers.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from systemsim.experiment.runner import run_replications
from systemsim.scenario.loader import load_scenario, with_values

SCENARIOS = Path("scenarios")
#: (label, before, after, KPIs); `after` is a file stem or (stem, what-if changes)
ROWS = [
    ("molndal_before → molndal_after_with_posts", "molndal_before", "molndal_after_with_posts",
     ["assessment_days_median", "assessments_on_time_share", "sick_leave_days_per_worker_year",
      "turnover_rate"]),
    ("molndal_before → molndal_after (same staff)", "molndal_before", "molndal_after",
     ["assessment_days_median", "sick_leave_days_per_worker_year", "children_in_care"]),
    ("ostrobothnia_2024 → ostrobothnia_family_centre", "ostrobothnia_2024",
     "ostrobothnia_family_centre",
     ["notifications", "caseload_mean", "time_limit_breaches", "assessments_on_time_share"]),
    ("finland_typical → hackney_unit", "finland_typical", "hackney_unit",
     ["sick_leave_days_per_worker_year", "kinship_share", "worker_changes_per_child"]),
    ("pohjois_pohjanmaa_rollout: 30 → 10 trainers", "pohjois_pohjanmaa_rollout",
     ("pohjois_pohjanmaa_rollout", {"rollout.trainers": 10}),
     ["teams_converted", "children_in_care", "sick_leave_days_per_worker_year"]),
]


def _scenario(spec):
    if isinstance(spec, tuple):
        return with_values(load_scenario(SCENARIOS / f"{spec[0]}.yaml"), spec[1])
    return load_scenario(SCENARIOS / f"{spec}.yaml")


def _means(spec, years: int, replications: int, seed: int) -> pd.DataFrame:
    reps = run_replications(_scenario(spec), years=years, replications=replications, seed=seed,
                            progress=False)
    return pd.concat([r.yearly for r in reps]).groupby("year").mean()


def _fmt(values) -> str:
    return " / ".join(f"{v:,.0f}" if abs(v) >= 100 else f"{v:.2f}" if abs(v) < 1.5 else f"{v:.1f}"
                      for v in values)


def main(years: int = 3, replications: int = 20, seed: int = 1) -> None:
    print(f"| comparison | KPI | before | after |  ({years} years, {replications} replications,"
          f" seed {seed}; year 1 / 2 / 3 means)")
    print("|---|---|---|---|")
    for label, before, after, kpis in ROWS:
        a, b = _means(before, years, replications, seed), _means(after, years, replications, seed)
        for i, kpi in enumerate(kpis):
            print(f"| {label if i == 0 else ''} | `{kpi}` | {_fmt(a[kpi])} | {_fmt(b[kpi])} |",
                  flush=True)


if __name__ == "__main__":
    main()
