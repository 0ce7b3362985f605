"""The teaching families in `scenarios/families/`, found from anywhere.

Notebooks run from `notebooks/training/`, tests from the repository root and the CLI from
wherever the trainer is; `example_family("virtanen")` finds the file in all those cases.
"""

from __future__ import annotations

from pathlib import Path

from systemsim.errors import InputError
from systemsim.genogram.model import GenogramFamily
from systemsim.genogram.read import load_family


def families_dir() -> Path:
    """The folder with the bundled family files (repository `scenarios/families/`)."""
    candidates = [Path(__file__).resolve().parents[3] / "scenarios" / "families"]
    here = Path.cwd().resolve()
    candidates += [p / "scenarios" / "families" for p in (here, *here.parents)]
    for c in candidates:
        if c.is_dir():
            return c
    raise InputError("cannot find the folder scenarios/families; run from inside the "
                     "systemsim repository")


def example_names() -> list[str]:
    """Names of the bundled teaching families (file names without .yaml)."""
    return sorted(p.stem for p in families_dir().glob("*.yaml"))


def example_path(name: str) -> Path:
    path = families_dir() / f"{name}.yaml"
    if not path.exists():
        raise InputError(f"no example family {name!r}; available: {', '.join(example_names())}")
    return path


def example_family(name: str) -> GenogramFamily:
    """Load a bundled teaching family by name, e.g. ``example_family("virtanen")``."""
    return load_family(example_path(name))
