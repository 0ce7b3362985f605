"""Every text the training part shows exists in fi, sv and en; the overview lists vignettes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import systemsim.training
from systemsim.i18n import LANGUAGES, catalogue, has_text, t
from systemsim.training import GRRAACCEESS, overview_markdown
from systemsim.training.privacy import KINDS
from systemsim.ui.trainer_guide import SECTIONS
from systemsim.ui.vignette_player import SOS_COLUMNS

SRC = Path(systemsim.training.__file__).resolve().parents[1]
KEY = re.compile(r"""["'](training\.[a-z_.]+[a-z_])["']""")


def test_every_literal_key_in_the_code_has_a_text():
    used = set()
    for path in [*SRC.glob("training/*.py"), *SRC.glob("ui/*.py")]:
        used |= set(KEY.findall(path.read_text(encoding="utf-8")))
    assert len(used) > 50
    missing = sorted(k for k in used if not has_text(k))
    assert missing == []


@pytest.mark.parametrize(
    "key",
    [f"training.aspect.{a}" for a in GRRAACCEESS]
    + [f"training.privacy.{k}" for k in KINDS]
    + [f"training.ui.sos.{c}" for c in SOS_COLUMNS]
    + [f"training.guide.{s}.{part}" for s in SECTIONS for part in ("title", "body")],
)
def test_built_keys_have_texts(key):
    assert has_text(key)


def test_training_texts_have_all_languages_and_distinct_translations():
    texts = {k: v for k, v in catalogue().items() if k.startswith("training.")}
    assert len(texts) > 150
    for key, value in texts.items():
        for lang in LANGUAGES:
            assert value[lang].strip(), f"{key} has an empty {lang}"
    # fields are the same in every language, so formatting never fails in one of them
    for key, value in texts.items():
        fields = {lang: set(re.findall(r"{(\w+)}", value[lang])) for lang in LANGUAGES}
        assert fields["fi"] == fields["sv"] == fields["en"], key
    assert t("training.ui.waiit", "sv") == "Vem är jag i det här?"


def test_overview_lists_bundled_vignettes(monkeypatch):
    data = Path(__file__).parent / "data" / "vignettes"
    monkeypatch.setenv("SYSTEMSIM_VIGNETTES", str(data))
    text = overview_markdown("fi")
    assert "**Testilän perhe – kotikäynti** (`test_home_visit`, 30 min, 4 stages, 2 paths)" in text
    assert "  - Oman position tunnistaminen" in text
