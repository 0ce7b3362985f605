"""Every value a trainer can write has a label in Finnish, Swedish and English."""

from __future__ import annotations

import pytest

from systemsim.genogram.model import (
    CHILD_RELATIONS,
    CLOSENESS,
    FLOWS,
    PERSON_TYPES,
    RELATION_TYPES,
    SECTORS,
    SEXES,
    TIES,
    UNION_TYPES,
)
from systemsim.i18n import LANGUAGES, catalogue, t

VALUES = [("genogram.sex", SEXES), ("genogram.type", PERSON_TYPES),
          ("genogram.union", UNION_TYPES), ("genogram.child", CHILD_RELATIONS),
          ("genogram.relation", RELATION_TYPES), ("genogram.sector", SECTORS),
          ("genogram.closeness", CLOSENESS), ("genogram.tie", TIES), ("genogram.flow", FLOWS)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_value_has_a_label(lang):
    for prefix, values in VALUES:
        labels = [t(f"{prefix}.{v}", lang) for v in values]
        assert len(set(labels)) == len(labels), prefix  # no two values look the same


def test_catalogue_keys_are_prefixed():
    ours = [k for k in catalogue() if k.startswith("genogram.")]
    assert len(ours) > 80
    assert t("genogram.network_map", "fi") == "Verkostokartta"
    assert t("genogram.network_map", "sv") == "Nätverkskarta"
