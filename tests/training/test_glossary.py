"""Words a social worker uses: every vignette, family file and text catalogue is checked
against the "Words we do not use" table in docs/glossary.md (Finland's and Sweden's Swedish
apart)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from systemsim.training import bundled_vignettes, load_vignette

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "docs" / "glossary.md"
CATALOGUES = sorted((ROOT / "src" / "systemsim" / "i18n").glob("*.yaml"))


def rules() -> list[tuple[str, str, str, str]]:
    """(language, where, not, but) rows of the glossary's table of words we do not use."""
    text = GLOSSARY.read_text(encoding="utf-8")
    table = text.split("## Words we do not use", 1)[1]
    rows = []
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0] in ("fi", "sv"):
            rows.append(tuple(cells))
    return rows


def texts(node, lang: str):
    """Every string in `lang` inside YAML data (a {fi, sv, en} mapping or a catalogue entry)."""
    if isinstance(node, dict):
        if lang in node and isinstance(node[lang], str):
            yield node[lang]
        for key, value in node.items():
            if key not in ("fi", "sv", "en"):
                yield from texts(value, lang)
    elif isinstance(node, list):
        for item in node:
            yield from texts(item, lang)


def vignette_files() -> dict[str, tuple[str, list[Path]]]:
    """Each bundled vignette: its country and its files (vignette and family files)."""
    out = {}
    for vid, path in bundled_vignettes().items():
        v = load_vignette(path)
        families = {v.resolve(v.family)} | {v.resolve(s.family_update) for s in v.stages
                                             if s.family_update}
        out[vid] = (v.country, [path, *sorted(families)])
    return out


def test_the_glossary_has_rules_for_both_languages_and_countries():
    found = rules()
    assert {(r[0], r[1]) for r in found} >= {("fi", "all"), ("sv", "FI"), ("sv", "SE")}


@pytest.mark.parametrize("vid", sorted(bundled_vignettes()))
def test_vignettes_use_their_countrys_words(vid):
    country, files = vignette_files()[vid]
    found = []
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for lang, where, word, instead in rules():
            if where not in ("all", country):
                continue
            for text in texts(data, lang):
                if re.search(re.escape(word), text, re.IGNORECASE):
                    found.append(f"{path.name}: '{word}' (use '{instead}'): {text[:80]}")
    assert found == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.stem)
def test_text_catalogues_use_the_glossarys_words(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    where = ("all", "FI") if path.stem == "training" else ("all",)
    found = [f"{key}: '{word}' (use '{instead}')"
             for lang, scope, word, instead in rules() if scope in where
             for key, entry in data.items()
             for text in texts({key: entry}, lang)
             if re.search(re.escape(word), text, re.IGNORECASE)]
    assert found == []


def test_one_finland_swedish_page_does_not_mix_the_two_titles():
    """The Mäntsälä model stage and the model stage's own texts both say socialarbetaren."""
    from systemsim.i18n import t

    for key in ("training.model.heading", "training.model.hours_axis", "training.model.summary"):
        assert "socialsekreterare" not in t(key, "sv", caseloads="40", caseload="x", path="",
                                            hours="1", ending="", decided="1",
                                            again="").lower()
