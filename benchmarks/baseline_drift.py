"""How far each bundled baseline moves with nothing changed (issue "Trustworthy numbers").

Prints, per scenario, the mean over replications of the steady-state KPIs in year 1, in the
last year, and the largest relative departure from year 1 over the run. A steady baseline
stays within ±10 % of its year-1 level. Run: ``make baseline-drift`` (or with --years 30).
"""

from __future__ import annotations

import argparse

import pandas as pd

from systemsim.experiment.runner import run_replications
from systemsim.scenario.loader import load_scenario

BASELINES = (
    "finland_typical", "mantsala_before", "molndal_before", "ostrobothnia_2024",
    "pohjois_pohjanmaa_no_trainers",
)
STEADY_KPIS = (
    "children_in_care", "open_care_clients", "children_in_assessment", "caseload_mean",
    "decisions_on_time_share", "assessments_on_time_share",
)


def drift_table(name: str, years: int, replications: int, seed: int) -> pd.DataFrame:
    """Mean yearly KPIs of one scenario over replications (year x KPI)."""
    scenario = load_scenario(f"scenarios/{name}.yaml")
    reps = run_replications(scenario, years=years, replications=replications, seed=seed,
                            progress=False)
    frame = pd.concat([r.yearly for r in reps])
    return frame.groupby("year")[list(STEADY_KPIS)].mean()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--replications", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("scenarios", nargs="*", default=list(BASELINES))
    args = parser.parse_args()
    for name in args.scenarios:
        table = drift_table(name, args.years, args.replications, args.seed)
        first, last = table.iloc[0], table.iloc[-1]
        worst = ((table - first) / first.where(first.abs() > 1e-9)).abs().max()
        print(f"\n{name} ({args.years} years, {args.replications} replications, seed {args.seed})")
        out = pd.DataFrame({"year 1": first, f"year {args.years}": last, "max drift": worst})
        print(out.to_string(float_format=lambda v: f"{v:.3g}"))


if __name__ == "__main__":
    main()
