"""Scenario files: what a trainer or analyst edits by hand must fail clearly, never silently."""

from pathlib import Path

import pytest
import repo_paths
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from systemsim.errors import InputError
from systemsim.scenario import load_raw, load_scenario, unsourced, with_values

ROOT = repo_paths.ROOT
BUNDLED = sorted((ROOT / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_bundled_scenarios_validate_and_every_number_has_a_source(path):
    scenario = load_scenario(path)
    assert unsourced(scenario) == []


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def extend(tmp_path, body: str) -> Path:
    base = ROOT / "scenarios" / "finland_typical.yaml"
    return write(tmp_path, "what_if.yaml", f"extends: {base}\n{body}")


def test_extends_overrides_only_what_changes(tmp_path):
    p = extend(tmp_path, "workforce:\n  social_workers: {value: 9, source: test}\n")
    child = load_scenario(p)
    base = load_scenario(ROOT / "scenarios" / "finland_typical.yaml")
    assert child.workforce.social_workers.value == 9
    assert child.workforce.hours_per_week == base.workforce.hours_per_week
    assert child.population == base.population


def test_extends_round_trip_through_dump(tmp_path):
    base = load_scenario(ROOT / "scenarios" / "mantsala_after.yaml")
    p = write(tmp_path, "dumped.yaml", yaml.safe_dump(base.model_dump(), allow_unicode=True))
    assert load_scenario(p) == base


def test_bare_number_override_drops_the_parent_source(tmp_path):
    p = extend(tmp_path, "workforce:\n  social_workers: 9\n")
    assert "workforce.social_workers" in unsourced(load_scenario(p))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("workforce:\n  social_wrkers: 3\n", "workforce.social_wrkers: unknown key; allowed here:"),
        ("workforce:\n  social_workers: many\n", "workforce.social_workers"),
        ("workforce:\n  direct_share: 1.5\n", "must be at most 1"),
        ("demand:\n  severity_low_share: -0.1\n", "must be at least 0"),
        ("practice:\n  way_of_working: heroic\n", "'individual' or 'systemic'"),
        ("legal:\n  caseload_cap: true\n", "legal.caseload_cap"),
    ],
)
def test_bad_values_name_the_key_and_what_is_allowed(tmp_path, body, expected):
    with pytest.raises(InputError) as err:
        load_scenario(extend(tmp_path, body))
    assert expected in str(err.value)
    assert "what_if.yaml" in str(err.value)


def test_missing_section_is_reported(tmp_path):
    p = write(tmp_path, "thin.yaml", "name: thin\n")
    with pytest.raises(InputError, match="population: required but missing"):
        load_scenario(p)


def test_missing_file_broken_yaml_and_python_tags(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        load_scenario(tmp_path / "nope.yaml")
    with pytest.raises(InputError, match="line 2.*broken YAML"):
        load_scenario(write(tmp_path, "broken.yaml", "name: [unclosed\n"))
    evil = "name: !!python/object/apply:os.system ['echo hacked']\n"
    with pytest.raises(InputError, match="tags that build objects are not allowed"):
        load_scenario(write(tmp_path, "evil.yaml", evil))


def test_missing_and_circular_extends(tmp_path):
    with pytest.raises(InputError, match="extended file 'ghost.yaml' not found"):
        load_scenario(write(tmp_path, "a.yaml", "extends: ghost.yaml\n"))
    write(tmp_path, "b.yaml", "extends: c.yaml\n")
    write(tmp_path, "c.yaml", "extends: b.yaml\n")
    with pytest.raises(InputError, match="circular extends: b.yaml -> c.yaml -> b.yaml"):
        load_raw(tmp_path / "b.yaml")


def test_what_if_changes_keep_a_source_and_refuse_unknown_paths(typical):
    changed = with_values(typical, {"workforce.social_workers": 12})
    assert changed.workforce.social_workers.value == 12
    assert "what-if" in changed.workforce.social_workers.source
    with pytest.raises(InputError, match="unknown parameter 'workforce.magic'"):
        with_values(typical, {"workforce.magic": 1})


_keys = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12)
_values = st.one_of(st.integers(-5, 5), st.floats(allow_nan=True), st.text(max_size=5),
                    st.booleans(), st.none(), st.lists(st.integers(), max_size=2))


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(section=st.sampled_from(["workforce", "demand", "legal", "pathway", "practice", "newsection"]),
       key=_keys, value=_values)
def test_any_generated_override_loads_or_fails_with_a_clear_message(tmp_path, section, key, value):
    body = yaml.safe_dump({section: {key: value}})
    p = extend(tmp_path, body)
    try:
        load_scenario(p)
    except InputError as exc:
        text = str(exc)
        assert "what_if.yaml" in text
        assert section in text
        assert "Traceback" not in text
