"""Year 1 and year N of every bundled scenario: children in care, caseload, on-time shares.

The table the closing notes and docs quote (`make scenario-table`): the mean of 20
replications on seed 1, so anyone can check a figure with the command it came from.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from systemsim.experiment.runner import run_replications
from systemsim.scenario.loader import load_scenario

KPIS = ("children_in_care", "caseload_mean", "decisions_on_time_share", "assessments_on_time_share")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--replications", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"| scenario | in care y1 → y{args.years} | caseload y1 → y{args.years} |"
          f" decisions on time y1 → y{args.years} | assessments on time y1 → y{args.years} |")
    print("|---|---|---|---|---|")
    for path in sorted(Path("scenarios").glob("*.yaml")):
        scenario = load_scenario(path)
        reps = run_replications(scenario, years=args.years, replications=args.replications,
                                seed=args.seed, progress=False)
        table = pd.concat([r.yearly for r in reps]).groupby("year")[list(KPIS)].mean()
        first, last = table.iloc[0], table.iloc[-1]
        cells = [f"{first[k]:.0f} → {last[k]:.0f}" for k in KPIS[:2]]
        cells += [f"{first[k]:.0%} → {last[k]:.0%}" for k in KPIS[2:]]
        print(f"| {path.stem} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
