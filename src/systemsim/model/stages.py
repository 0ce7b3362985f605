"""The stages of a family's pathway, and which of them count in a worker's caseload."""

from __future__ import annotations

from enum import IntEnum


class Stage(IntEnum):
    """Where a family is on the pathway (closed families leave the model)."""

    EARLY_SUPPORT = 0  # basic services: family centre, school welfare, clinic, ECEC
    INTAKE = 1  # notification received, waiting for the decision whether to assess
    ASSESSMENT = 2  # service-needs assessment (FI) / utredning (SE)
    OPEN_CARE = 3  # child-welfare client in open care (avohuolto / öppenvård)
    EMERGENCY = 4  # emergency placement (kiireellinen sijoitus / omedelbart omhändertagande)
    CARE = 5  # care order with substitute care (huostaanotto / placering)
    AFTERCARE = 6  # aftercare (jälkihuolto / eftervård), held by a separate service


#: stages whose children count in the responsible social worker's caseload
CASELOAD_STAGES = frozenset({Stage.ASSESSMENT, Stage.OPEN_CARE, Stage.EMERGENCY, Stage.CARE})
# (how much of a worker's time each takes is scenario data: `behaviour.time_weight`)

#: stages in which a child is placed outside the home
PLACED_STAGES = frozenset({Stage.EMERGENCY, Stage.CARE})
