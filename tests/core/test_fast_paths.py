"""The model's fast paths give what the slow, obvious code would give (see benchmarks/README.md)."""

from __future__ import annotations

import gc
import weakref

import mesa
import numpy as np
import pytest
from repo_paths import SCENARIOS

from systemsim.experiment import run_one
from systemsim.model import ChildProtectionModel
from systemsim.model.params import plain
from systemsim.model.traits import RISKS, TraitSampler
from systemsim.scenario import load_scenario, with_values


def test_batched_traits_have_the_documented_distributions(typical):
    """children 1 + geometric (mean from the scenario, at most 6), severity shares, risks by
    severity, age 0..17, network and engagement Beta as the scenario's `behaviour.families`
    (Beta(2, 2) and Beta(3, 2) in finland_typical)."""
    mix = plain(typical).behaviour.families
    sampler = TraitSampler(np.random.default_rng(5), children_mean=1.6,
                           severity_low_share=0.3, severity_high_share=0.2, mix=mix, batch=500)
    traits = [sampler.draw() for _ in range(40_000)]  # spans many batches
    children = np.array([t.children for t in traits])
    assert children.min() == 1 and children.max() <= 6
    assert abs(children.mean() - 1.6) < 0.02
    severity = np.array([t.severity for t in traits])
    assert abs((severity == 0).mean() - 0.3) < 0.01
    assert abs((severity == 2).mean() - 0.2) < 0.01
    for level, p in enumerate((mix.risk_by_severity.low, mix.risk_by_severity.moderate,
                               mix.risk_by_severity.high)):
        group = [t for t in traits if t.severity == level]
        for risk in RISKS:
            share = np.mean([risk in t.risks for t in group])
            assert abs(share - p) < 0.02, (level, risk, share)
    ages = np.array([t.oldest_age for t in traits])
    assert ages.min() == 0 and ages.max() == 17
    network = np.array([t.network for t in traits])
    engagement = np.array([t.engagement for t in traits])
    assert abs(network.mean() - 0.5) < 0.01 and abs(engagement.mean() - 0.6) < 0.01
    assert abs(network.var() - 0.05) < 0.003  # Beta(2, 2): 1/20


def test_the_same_seed_draws_the_same_families(typical):
    mix = plain(typical).behaviour.families

    def draw(seed):
        sampler = TraitSampler(np.random.default_rng(seed), 1.6, 0.3, 0.2, mix, batch=64)
        return [sampler.draw() for _ in range(200)]

    assert draw(3) == draw(3)
    assert draw(3) != draw(4)


def test_a_finished_model_can_be_freed(typical):
    """Mesa 3.3 keeps every model alive in `Agent._ids` (mesa#3179): `release` lets it go, so
    a long sweep in one process does not pile up models."""
    model = ChildProtectionModel(typical, seed=1)
    model.run_weeks(30)
    ref = weakref.ref(model)
    model.release()
    del model
    gc.collect()
    assert ref() is None
    before = len(getattr(mesa.Agent, "_ids", {}))
    for seed in range(3):
        run_one(typical, 1, seed)
    assert len(getattr(mesa.Agent, "_ids", {})) == before


def test_re_notification_follows_the_quality_of_the_work_done(typical):
    """A case closed after work with time for the family comes back less often: the quality
    at closure is read while the family still has its worker (it was once always 0.5)."""
    mean_quality = {}
    for workers in (5, 12):
        model = ChildProtectionModel(with_values(typical, {"workforce.social_workers": workers}), seed=4)
        model.run_weeks(104)
        held = [q for q in _closure_qualities(model) if q != 0.5]
        assert len(held) > 30, "cases closed by their worker carry that worker's quality"
        mean_quality[workers] = np.mean(held)
    assert mean_quality[12] > mean_quality[5] + 0.1


def _closure_qualities(model: ChildProtectionModel) -> list[float]:
    qualities = []
    original = model.leave_services

    def spy(family, reason):
        original(family, reason)
        qualities.append(family.history.quality_at_close)

    model.leave_services = spy
    model.run_weeks(52)
    return qualities


@pytest.mark.parametrize("name", ["molndal_before", "molndal_after", "pohjois_pohjanmaa_rollout",
                                  "mantsala_after", "hackney_unit"])
def test_the_weeks_direct_hours_are_current_whenever_quality_is_read(name):
    """`direct_now` is set at two points a week; every read of quality, and the weekly row,
    must see what `direct_hours` gives at that moment (sickness, leavers, hires, intake
    borrowing, roll-out)."""
    model = ChildProtectionModel(load_scenario(SCENARIOS / f"{name}.yaml"), seed=3)
    original, reads = model.quality_of, []

    def checked(family):
        worker = family.worker
        if worker is not None:
            assert worker.direct_now == model.direct_hours(worker)
            reads.append(worker)
        return original(family)

    def row():  # the weekly row's direct hours come from it too
        assert all(w.direct_now == model.direct_hours(w) for w in model.workers)
        reads.append(None)
        end_week()

    model.quality_of, end_week, model.recorder.end_week = checked, model.recorder.end_week, row
    model.run_weeks(80)
    assert len(reads) > 100 + 80
