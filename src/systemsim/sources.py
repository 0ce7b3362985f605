"""Readable citations for the source documents that scenarios and vignettes name by file.

Why: a vignette lists its sources as the seed files it draws on ("001_38c587f3a3ddc2a2.txt"),
which tells a workshop nothing. `scenarios/sources/seeds.yaml` gives each file its published
title, the kind of document, who issued it and when; `cite` turns a file name into that line in
the reader's language, and leaves anything it does not know (a book, a law) as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import yaml

from systemsim.i18n import get_language

REGISTRY = Path(__file__).resolve().parents[2] / "scenarios" / "sources" / "seeds.yaml"


@cache
def _registry(path: Path = REGISTRY) -> dict[str, dict]:
    if not path.is_file():  # an installed package without the repository's scenarios
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def cite(name: str, lang: str | None = None) -> str:
    """"Title – kind, issuer, date" for a known source file; `name` itself otherwise."""
    entry = _registry().get(name.strip())
    if not entry:
        return name
    lang = lang or get_language()
    kind = entry.get("kind", {})
    details = [kind.get(lang) or kind.get("en", ""), entry.get("by", ""), entry.get("date", "")]
    rest = ", ".join(d for d in details if d)
    return f"{entry['title']} – {rest}" if rest else entry["title"]


SEED_MENTION = re.compile(r"\bseeds? (\d{3})\b")


def cited_seeds(texts: Iterable[str], lang: str | None = None) -> list[tuple[str, str]]:
    """("seed 001", its citation) for every seed document the texts mention, in order.

    Scenario files cite their sources as "seed 001: …"; a board report lists what those are.
    """
    by_number = {name[:3]: name for name in _registry()}
    numbers = sorted({n for text in texts for n in SEED_MENTION.findall(text or "")})
    return [(f"seed {n}", cite(by_number[n], lang)) for n in numbers if n in by_number]
