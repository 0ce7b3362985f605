"""Count crossing lines in the genograms of the bundled families (scenarios/families).

    PYTHONPATH=src python benchmarks/genogram_crossings.py

Family lines: couple and child lines crossing each other. Emotional lines: ties crossing
family lines or each other. Fewer crossings read more easily on a projector.
"""

from __future__ import annotations

from pathlib import Path

from systemsim.genogram import load_family
from systemsim.genogram.draw import crossings

FAMILIES = Path(__file__).resolve().parents[1] / "scenarios" / "families"


def main() -> None:
    total = {"family": 0, "emotional": 0}
    print(f"{'family file':<18} {'family lines':>12} {'emotional':>10}")
    for path in sorted(FAMILIES.glob("*.yaml")):
        counts = crossings(load_family(path))
        print(f"{path.stem:<18} {counts['family']:>12} {counts['emotional']:>10}")
        for key in total:
            total[key] += counts[key]
    print(f"{'all':<18} {total['family']:>12} {total['emotional']:>10}")


if __name__ == "__main__":
    main()
