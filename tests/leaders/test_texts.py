"""Every text key the leaders' code and notebooks use exists in fi, sv and en."""

from __future__ import annotations

import json
import re

import pytest
import repo_paths

from systemsim.i18n import LANGUAGES, catalogue, has_text, t

ROOT = repo_paths.ROOT
SOURCES = sorted(path for d in ("viz", "ui", "whatif", "report", "cli")
                 for path in (ROOT / "src" / "systemsim" / d).glob("*.py"))
KEY = re.compile(r"""["'](leaders\.[a-z0-9_.]+[a-z0-9_])["']""")


def used_keys() -> set[str]:
    keys = set()
    for path in SOURCES:
        keys |= set(KEY.findall(path.read_text(encoding="utf-8")))
    for nb in (ROOT / "notebooks" / "simulations").glob("*.ipynb"):
        for cell in json.loads(nb.read_text(encoding="utf-8"))["cells"]:
            for name in re.findall(r'explain\("([a-z_.]+)"\)', "".join(cell["source"])):
                keys.add(f"leaders.nb.{name}")
    return keys


def test_every_used_key_exists():
    missing = sorted(k for k in used_keys() if not has_text(k))
    assert not missing
    assert len(used_keys()) > 40


@pytest.mark.parametrize("lang", LANGUAGES)
def test_leaders_texts_are_in_every_language(lang):
    texts = {k: v for k, v in catalogue().items() if k.startswith("leaders.")}
    assert len(texts) > 100
    assert all(v[lang].strip() for v in texts.values())


def test_placeholders_match_across_languages():
    for key, texts in catalogue().items():
        if key.startswith("leaders."):
            fields = {lang: set(re.findall(r"{(\w+)}", texts[lang])) for lang in LANGUAGES}
            assert fields["fi"] == fields["sv"] == fields["en"], key


def test_story_texts_cover_every_closure_reason():
    model = "".join(path.read_text(encoding="utf-8")
                    for path in sorted((ROOT / "src" / "systemsim" / "model").glob("*.py")))
    reasons = re.findall(r'self\.close\(family, "(\w+)"\)', model)
    assert len(set(reasons)) >= 5  # the pathway's closures were found, wherever they live
    for reason in reasons:
        assert t(f"leaders.story.closed.{reason}", "sv", week=1)


def test_every_text_has_exactly_the_three_languages():
    """An unquoted comma in a one-line YAML text splits it into stray keys; catch that here."""
    import yaml

    for path in sorted((ROOT / "src" / "systemsim" / "i18n").glob("*.yaml")):
        for key, value in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            assert set(value) == set(LANGUAGES), f"{path.name}: {key} has {sorted(value)} (quote the text)"
