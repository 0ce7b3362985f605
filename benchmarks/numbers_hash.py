"""One SHA-256 over the numbers every bundled scenario gives, so a refactor can prove it changed none.

For each scenario in scenarios/*.yaml (fixed seed, a short horizon) it hashes the weekly rows and
the yearly KPIs of every replication, rounded to 9 significant digits so that a sum taken in a
different order does not count as a change. It prints one line per scenario and the total:

    numbers <scenario> sha256=<16 hex>
    numbers total sha256=<64 hex> years=3 replications=3 seed=2024

Run before and after a change: `make numbers-hash` (or
`PYTHONPATH=src python benchmarks/numbers_hash.py`). The hash changes only when a number does.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from systemsim.experiment.runner import run_replications, tidy, tidy_weekly  # noqa: E402
from systemsim.scenario import load_scenario  # noqa: E402


def table_bytes(frame: pd.DataFrame) -> bytes:
    """A table as text with columns in name order and floats at 9 significant digits."""
    frame = frame.reindex(sorted(frame.columns), axis=1)
    cells = frame.map(lambda v: f"{v:.9g}" if isinstance(v, float | np.floating) else str(v))
    return cells.to_csv(index=False).encode()


def scenario_digest(path: Path, *, years: int, replications: int, seed: int) -> str:
    """SHA-256 over one scenario's weekly rows and yearly KPIs."""
    scenario = load_scenario(path)
    reps = run_replications(scenario, years=years, replications=replications, seed=seed,
                            processes=1, keep_weekly=True, progress=False)
    digest = hashlib.sha256()
    digest.update(table_bytes(tidy_weekly(reps, path.stem)))
    digest.update(table_bytes(tidy(reps, path.stem)))
    return digest.hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--replications", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    total = hashlib.sha256()
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        digest = scenario_digest(path, years=args.years, replications=args.replications,
                                 seed=args.seed)
        total.update(f"{path.stem}:{digest}\n".encode())
        print(f"numbers {path.stem} sha256={digest[:16]}")
    print(f"numbers total sha256={total.hexdigest()} years={args.years} "
          f"replications={args.replications} seed={args.seed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
