"""Find bundled vignettes by id, so notebooks never hard-code a path.

Why: a notebook says `play_vignette("mantsala_early_support")` and must work from a fresh
clone, from the repo root or from `notebooks/training/`. We look in the repository's
`scenarios/vignettes/`, in `scenarios/vignettes/` under the working folder and its parents,
and in any folders listed in the environment variable `SYSTEMSIM_VIGNETTES`.
"""

from __future__ import annotations

import os
from pathlib import Path

from systemsim.errors import InputError

ENV_VAR = "SYSTEMSIM_VIGNETTES"


def vignette_dirs() -> list[Path]:
    """Folders that may hold vignette files, most specific first, without duplicates."""
    dirs: list[Path] = []
    for extra in os.environ.get(ENV_VAR, "").split(os.pathsep):
        if extra:
            dirs.append(Path(extra))
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        dirs.append(folder / "scenarios" / "vignettes")
    repo = Path(__file__).resolve().parents[3]  # src/systemsim/training/locate.py -> repo
    dirs.append(repo / "scenarios" / "vignettes")
    unique: list[Path] = []
    for d in dirs:
        d = d.resolve()
        if d.is_dir() and d not in unique:
            unique.append(d)
    return unique


def bundled_vignettes() -> dict[str, Path]:
    """Vignette id -> file, for every `*.yaml` found in `vignette_dirs()` (first one wins)."""
    found: dict[str, Path] = {}
    for d in vignette_dirs():
        for path in sorted(d.glob("*.yaml")):
            found.setdefault(path.stem, path)
    return found


def vignette_path(vignette_id: str | os.PathLike[str]) -> Path:
    """The file of a vignette given by id (or a path to a file, returned as it is)."""
    text = str(vignette_id)
    if text.endswith((".yaml", ".yml")) or os.sep in text or "/" in text:
        path = Path(text).expanduser()
        if not path.exists():
            raise InputError(key="training.error.file_not_found", file=path)
        return path
    found = bundled_vignettes()
    if text not in found:
        dirs = ", ".join(str(d) for d in vignette_dirs())
        if found:
            fields = {"id": text, "known": ", ".join(found), "dirs": dirs}
            raise InputError(key="training.error.no_vignette", fields=fields, where="vignette")
        fields = {"id": text, "dirs": dirs}
        raise InputError(key="training.error.no_vignettes_at_all", fields=fields, where="vignette")
    return found[text]
