"""The trainer's working copy of the course notebooks, made and refreshed by `make lab`.

Why: a notebook opened and run in JupyterLab is saved with its outputs. Run from the
repository, that changes tracked files, and a trainer's own edits would then conflict with the
next update. `make lab` therefore opens a per-user copy (default `~/systemsim-course`) and
keeps the repository's notebooks pristine.

Refreshing keeps the trainer's work: a notebook whose cells the trainer has not changed
(outputs do not count) is replaced by the new version; one the trainer has edited is kept,
and the new version is put beside it as `<name>.new.ipynb`. Test plumbing (`conftest.py`,
caches, checkpoints) is never copied.

    python -m systemsim.training.workcopy [--source notebooks] [--target DIR] [--lang fi]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from systemsim.errors import InputError
from systemsim.yamlio import write_text_atomic

#: the record of what was copied: relative path -> content hash of the version copied
MANIFEST = ".systemsim-copy.json"
DEFAULT_TARGET = Path.home() / "systemsim-course"
TARGET_ENV = "SYSTEMSIM_COURSE_DIR"
#: JupyterLab's own language (its menus): the language packs that exist on PyPI
LAB_LOCALES = {"fi": "fi_FI", "en": "en"}
SETTINGS_DIR = ".jupyterlab-settings"
_TRANSLATION = Path("@jupyterlab") / "translation-extension" / "plugin.jupyterlab-settings"


@dataclass
class CopyReport:
    """What a refresh did, file by file (paths relative to the working copy)."""

    target: Path
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    new_beside: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"Working copy: {self.target}"]
        for label, names in (("added", self.added), ("updated", self.updated),
                             ("yours kept, new version beside it", self.new_beside)):
            if names:
                out.append(f"  {label}: {', '.join(names)}")
        if not (self.added or self.updated or self.new_beside):
            out.append("  up to date")
        return out


def content_hash(path: Path) -> str:
    """A notebook's cells (kind and source) as a hash: running it or saving outputs does
    not change it, editing a cell does. Other files: their bytes."""
    data = path.read_bytes()
    if path.suffix == ".ipynb":
        try:
            nb = json.loads(data)
            cells = [(c.get("cell_type"), "".join(c.get("source", ""))) for c in nb["cells"]]
            data = json.dumps(cells, ensure_ascii=False).encode("utf-8")
        except (ValueError, KeyError, TypeError):
            pass  # not a readable notebook: compare its bytes
    return hashlib.sha256(data).hexdigest()


def course_files(source: Path) -> list[Path]:
    """The notebooks a trainer opens, relative to `source`; no test plumbing."""
    return sorted(
        p.relative_to(source)
        for p in source.rglob("*.ipynb")
        if ".ipynb_checkpoints" not in p.parts and "__pycache__" not in p.parts
    )


def _read_manifest(target: Path) -> dict[str, str]:
    path = target / MANIFEST
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def prepare_working_copy(source: str | Path, target: str | Path | None = None) -> CopyReport:
    """Create or refresh the working copy of the notebooks under `source` in `target`."""
    src = Path(source)
    if not src.is_dir():
        raise InputError(f"the course notebooks folder {src} does not exist", where="source")
    dest = Path(target or os.environ.get(TARGET_ENV) or DEFAULT_TARGET).expanduser()
    if dest.resolve() == src.resolve() or src.resolve() in dest.resolve().parents:
        raise InputError(
            f"the working copy {dest} must be outside the repository's notebooks ({src})",
            where="target",
        )
    dest.mkdir(parents=True, exist_ok=True)
    copied = _read_manifest(dest)
    report = CopyReport(dest)
    for rel in course_files(src):
        key = rel.as_posix()
        new_hash = content_hash(src / rel)
        here = dest / rel
        if not here.exists():
            _copy(src / rel, here)
            report.added.append(key)
        elif content_hash(here) == new_hash:
            report.unchanged.append(key)
        elif content_hash(here) == copied.get(key):  # the trainer did not edit it
            _copy(src / rel, here)
            report.updated.append(key)
        else:
            beside = here.with_name(f"{here.stem}.new{here.suffix}")
            _copy(src / rel, beside)
            report.new_beside.append(key)
            report.kept.append(key)
            new_hash = copied.get(key, "")  # still the trainer's own: compare again next time
        copied[key] = new_hash
    write_text_atomic(dest / MANIFEST, json.dumps(copied, indent=1, sort_keys=True) + "\n")
    return report


def _copy(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)


def lab_settings(target: str | Path, lang: str) -> Path:
    """JupyterLab's user settings for this working copy, with its menus in `lang`.

    Finnish has a language pack (`jupyterlab-language-pack-fi-FI`); there is no Swedish
    pack, so Swedish keeps JupyterLab's own menus in English (systemsim's pages are Swedish).
    Returns the settings folder for `JUPYTERLAB_SETTINGS_DIR`.
    """
    if lang not in ("fi", "sv", "en"):
        raise InputError(f"language {lang!r} is not available; choose one of fi, sv, en",
                         where="lang")
    folder = Path(target).expanduser() / SETTINGS_DIR
    path = folder / _TRANSLATION
    path.parent.mkdir(parents=True, exist_ok=True)
    locale = LAB_LOCALES.get(lang, "en")
    write_text_atomic(path, json.dumps({"locale": locale}, indent=1) + "\n")
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default="notebooks")
    parser.add_argument("--target", default=None)
    parser.add_argument("--lang", default="en", help="JupyterLab's menus: fi, sv or en")
    args = parser.parse_args(argv)
    try:
        report = prepare_working_copy(args.source, args.target)
        settings = lab_settings(report.target, args.lang)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for line in report.lines():
        print(line, file=sys.stderr)
    if args.lang == "sv":
        print("  JupyterLab has no Swedish language pack: its menus stay in English.",
              file=sys.stderr)
    print(f"{report.target}\n{settings}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
