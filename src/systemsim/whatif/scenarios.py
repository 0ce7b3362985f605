"""The scenario files bundled with the repository (the `scenarios/` folder)."""

from __future__ import annotations

import os
from pathlib import Path

from systemsim.scenario import load_raw


def scenario_dir() -> Path:
    """The repository's `scenarios/` folder (or `$SYSTEMSIM_SCENARIOS`)."""
    env = os.environ.get("SYSTEMSIM_SCENARIOS")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "scenarios"
        if candidate.is_dir() and any(candidate.glob("*.yaml")):
            return candidate
    return Path.cwd() / "scenarios"


def bundled_scenarios(folder: str | Path | None = None) -> dict[str, Path]:
    """Scenario display name -> file, for every municipality scenario in the folder."""
    out: dict[str, Path] = {}
    for path in sorted(Path(folder or scenario_dir()).glob("*.yaml")):
        try:
            raw = load_raw(path)
        except Exception:  # a broken file is reported by `systemsim validate`, not here
            continue
        if raw.get("kind", "scenario") != "scenario":
            continue
        name = str(raw.get("name") or path.stem)
        out[f"{name} ({path.stem})" if name in out else name] = path
    return out


def find_scenario(stem: str, folder: str | Path | None = None) -> Path | None:
    """`scenarios/<stem>.yaml` if it exists."""
    path = Path(folder or scenario_dir()) / f"{stem}.yaml"
    return path if path.exists() else None
