"""A starting vignette (and family) a trainer can copy and change.

Why a file and not a form: trainers share vignettes as files, edit them in any text editor
and check them with `systemsim validate` or the "write your own vignette" page. The template
is a complete, valid vignette with a note on every key.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from systemsim.errors import InputError
from systemsim.yamlio import write_text_atomic

TEMPLATE_DIR = Path(__file__).parent / "template"
ENV_VAR = "SYSTEMSIM_VIGNETTE_FOLDER"


def default_folder() -> Path:
    """Where a trainer's own vignettes go: `$SYSTEMSIM_VIGNETTE_FOLDER` or ~/systemsim_vignettes."""
    env = os.environ.get(ENV_VAR)
    return Path(env).expanduser() if env else Path.home() / "systemsim_vignettes"


def write_template(
    folder: str | Path | None = None, name: str = "my_vignette", *, overwrite: bool = False
) -> tuple[Path, bool]:
    """Write `<name>.yaml` and its family file into `folder`; returns (path, written).

    An existing file is never overwritten unless asked: it may hold a trainer's work.
    """
    if not re.fullmatch(r"[a-z0-9][a-z0-9_]*", name):
        raise InputError(
            "the name may only have small letters a-z, digits and _ (e.g. my_vignette)",
            where="name",
        )
    target = Path(folder).expanduser() if folder else default_folder()
    path = target / f"{name}.yaml"
    family = target / "my_family.yaml"
    if not family.exists():
        write_text_atomic(family, (TEMPLATE_DIR / "my_family.yaml").read_text(encoding="utf-8"))
    if path.exists() and not overwrite:
        return path, False
    text = (TEMPLATE_DIR / "my_vignette.yaml").read_text(encoding="utf-8")
    text = text.replace("id: my_vignette ", f"id: {name} ", 1).replace(
        "(my_vignette.yaml)", f"({name}.yaml)", 1
    )
    write_text_atomic(path, text)
    return path, True
