"""How much help a family's close network can give: one number for the simulation model.

The model needs a family's "network resources" (DESIGN.md §3: kin and close network who can
help) as a number in [0, 1]. It comes from the network map, because that is where a worker
and a family record who is there for them.
"""

from __future__ import annotations

import math

from systemsim.genogram.model import GenogramFamily

SECTOR_WEIGHT = {"family": 1.0, "friends": 1.0, "others": 0.25, "professionals": 0.0}
CLOSENESS_WEIGHT = {1: 1.0, 2: 0.6, 3: 0.3}
TIE_WEIGHT = {"strong": 1.0, "tenuous": 0.4, "stressful": -0.7}
FLOW_WEIGHT = {"to": 1.0, "both": 1.0, "none": 0.8, "from": 0.5}
SCALE = 3.0


def network_contribution(family: GenogramFamily, member_index: int) -> float:
    """One member's signed contribution s·c·t·f (see `network_strength`)."""
    m = family.network[member_index]
    if m.person and family.people[m.person].deceased:
        return 0.0
    weight = SECTOR_WEIGHT[m.sector] * CLOSENESS_WEIGHT[m.closeness] * TIE_WEIGHT[m.tie]
    # The flow direction changes how much a supportive tie helps; a stressful tie costs the
    # family whatever the arrows say.
    return weight * (FLOW_WEIGHT[m.flow] if weight > 0 else 1.0)


def network_strength(family: GenogramFamily) -> float:
    """The family's close-network resource in [0, 1].

    Formula: every network member contributes ``s · c · t · f`` where

    - ``s`` sector: family 1, friends 1, others 0.25, professionals 0 (professionals are
      services, which the model counts separately, not the family's own network);
    - ``c`` closeness ring: 1 → 1.0, 2 → 0.6, 3 → 0.3;
    - ``t`` tie: strong 1.0, tenuous 0.4, stressful −0.7;
    - ``f`` flow of energy, for supportive ties only: to the family or both ways 1.0,
      none 0.8, only from the family 0.5 (a stressful tie counts fully whatever its flow);

    and a member linked to a person who has died contributes 0. With ``S`` the sum,

        network_strength = 1 − exp(−max(S, 0) / 3)

    so no network gives 0, three strong close supportive ties give about 0.63, and each
    further supportive tie adds less (saturation). More, closer or stronger supportive ties
    in the family and friends sectors always raise the value; a stressful tie lowers it
    (until it is 0).
    """
    total = sum(network_contribution(family, i) for i in range(len(family.network)))
    return 1.0 - math.exp(-max(total, 0.0) / SCALE)
