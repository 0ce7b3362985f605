"""network_strength: the close-network resource the model uses."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from systemsim.genogram import example_family, family_from_dict, network_strength

BASE = {"kind": "family", "id": "n", "index": "a",
        "people": [{"id": "a", "sex": "female", "born": 2010},
                   {"id": "g", "sex": "female", "born": 1950, "died": 2020}]}

members = st.fixed_dictionaries({
    "sector": st.sampled_from(["family", "friends", "professionals", "others"]),
    "closeness": st.sampled_from([1, 2, 3]),
    "tie": st.sampled_from(["strong", "tenuous", "stressful"]),
    "flow": st.sampled_from(["to", "from", "both", "none"]),
})


def fam(*net):
    data = copy.deepcopy(BASE)
    data["network"] = [{"id": f"m{i}", "name": f"M{i}", **m} for i, m in enumerate(net)]
    return family_from_dict(data)


def m(sector="family", closeness=1, tie="strong", flow="both"):
    return {"sector": sector, "closeness": closeness, "tie": tie, "flow": flow}


def test_empty_network_is_zero_and_values_are_bounded():
    assert network_strength(fam()) == 0.0
    assert 0 < network_strength(fam(m())) < 1
    assert network_strength(fam(*[m()] * 40)) <= 1.0


def test_more_closer_stronger_supportive_ties_raise_it():
    one = network_strength(fam(m()))
    assert network_strength(fam(m(), m("friends"))) > one
    assert network_strength(fam(m(closeness=1))) > network_strength(fam(m(closeness=2))) > \
        network_strength(fam(m(closeness=3)))
    assert network_strength(fam(m(tie="strong"))) > network_strength(fam(m(tie="tenuous")))
    assert network_strength(fam(m(flow="to"))) > network_strength(fam(m(flow="from")))


def test_stressful_ties_lower_it_and_professionals_do_not_count():
    base = network_strength(fam(m(), m("friends")))
    assert network_strength(fam(m(), m("friends"), m(tie="stressful"))) < base
    assert network_strength(fam(m(), m("friends"), m("professionals"))) == base
    assert network_strength(fam(m(tie="stressful"))) == 0.0


def test_a_deceased_person_gives_no_support():
    data = copy.deepcopy(BASE)
    data["network"] = [{"id": "mummo", "person": "g", **m()}]
    assert network_strength(family_from_dict(data)) == 0.0


@pytest.mark.slow
@settings(max_examples=80, deadline=None)
@given(st.lists(members, max_size=12), members)
def test_adding_a_member_moves_the_value_in_the_right_direction(net, extra):
    before = network_strength(fam(*net))
    after = network_strength(fam(*net, extra))
    assert 0.0 <= after <= 1.0
    supportive = extra["tie"] != "stressful" and extra["sector"] in ("family", "friends")
    if supportive:
        assert after >= before
        if before > 0:  # below zero the sum is clamped; above it every support counts
            assert after > before
    elif extra["tie"] == "stressful":
        assert after <= before
    else:
        assert after >= before


def test_examples_have_plausible_values():
    values = {n: network_strength(example_family(n)) for n in ("virtanen", "korhonen",
                                                                 "lindqvist")}
    assert all(0.3 < v < 0.95 for v in values.values()), values
    assert network_strength(example_family("korhonen")) == pytest.approx(values["korhonen"])
