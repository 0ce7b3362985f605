"""A plain-text list of the bundled vignettes and what each teaches.

Why: the trainer's start page shows it, and the release note / issue closing note can be
produced from the files themselves instead of being written (and going stale) by hand.
"""

from __future__ import annotations

from systemsim.errors import InputError
from systemsim.training.locate import bundled_vignettes
from systemsim.training.paths import all_paths
from systemsim.training.vignette import load_vignette


def overview_markdown(lang: str = "en") -> str:
    """Each bundled vignette: title, id, setting, length, stages, paths, learning goals."""
    lines: list[str] = []
    for vid, path in bundled_vignettes().items():
        try:
            v = load_vignette(path, lang=lang)
        except InputError as exc:
            lines += [f"- `{vid}`: **does not validate**: {exc}", ""]
            continue
        lines.append(
            f"- **{v.title.get(lang)}** (`{vid}`, {v.duration_minutes} min, "
            f"{len(v.stages)} stages, {len(all_paths(v))} paths) – {v.setting.get(lang)}"
        )
        lines += [f"  - {goal.get(lang)}" for goal in v.teaches]
    return "\n".join(lines) + "\n" if lines else ""
