"""Input files reach only what they should, stay small and shallow, and never leak content."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from systemsim.errors import InputError
from systemsim.genogram import load_family
from systemsim.scenario import load_scenario
from systemsim.training.vignette import check_file
from systemsim.yamlio import MAX_BYTES, MAX_DEPTH, folders_allowed, parse_yaml, read_yaml

from .conftest import ROOT, TYPICAL, cli

DATA = ROOT / "tests" / "training" / "data"


def write(folder: Path, name: str, text: str) -> Path:
    p = folder / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return p


def refused(path: Path, *needles: str) -> InputError:
    with pytest.raises(InputError) as info:
        load_scenario(path)
    for needle in needles:
        assert needle in str(info.value), str(info.value)
    return info.value


# ---------------------------------------------------------------- paths in files
@pytest.mark.parametrize("target", ["/etc/passwd", "../outside.yaml", "/dev/zero", "/dev/urandom"])
def test_extends_outside_the_tree_is_refused_without_reading_it(tmp_path, target):
    write(tmp_path, "outside.yaml", "secret: HASH$6$abcdef\n")
    p = write(tmp_path / "tree", "what_if.yaml", f"extends: {target}\n")
    err = refused(p, "what_if.yaml", "extends", "outside the folders", "--allow-dir")
    assert "HASH" not in str(err)


def test_extends_inside_the_tree_and_the_bundled_scenarios_still_work(tmp_path):
    write(tmp_path / "base", "base.yaml", TYPICAL.read_text(encoding="utf-8"))
    p = write(tmp_path, "child.yaml", "extends: base/base.yaml\nworkforce:\n  social_workers: 9\n")
    assert load_scenario(p).workforce.social_workers.value == 9
    q = write(tmp_path, "bundled.yaml", f"extends: {TYPICAL}\n")
    assert load_scenario(q).name == load_scenario(TYPICAL).name


@pytest.mark.slow
def test_a_folder_the_user_allows_may_be_included(tmp_path):
    own = tmp_path / "trainer"
    write(own, "base.yaml", TYPICAL.read_text(encoding="utf-8"))
    p = write(tmp_path / "course", "what_if.yaml", f"extends: {own / 'base.yaml'}\n")
    refused(p, "outside the folders")
    with folders_allowed([own]):
        assert load_scenario(p).population.children.value > 0
    out = cli("validate", str(p), "--allow-dir", str(own))
    assert out.returncode == 0, out.stderr
    env = cli("validate", str(p), SYSTEMSIM_ALLOW_DIRS=str(own))
    assert env.returncode == 0, env.stderr


def test_a_symlink_out_of_the_tree_is_refused(tmp_path):
    secret = write(tmp_path / "private", "notes.yaml", "password: x\n")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "base.yaml").symlink_to(secret)
    refused(write(tree, "what_if.yaml", "extends: base.yaml\n"), "outside the folders")


def test_vignette_family_and_scenario_outside_the_tree_are_problems(tmp_path):
    data = (DATA / "vignettes" / "test_home_visit.yaml").read_text(encoding="utf-8")
    data = data.replace("../../../../scenarios/finland_typical.yaml", str(TYPICAL))  # bundled: allowed
    write(tmp_path / "course" / "families", "testila.yaml",
          (DATA / "families" / "testila.yaml").read_text(encoding="utf-8"))
    ok = write(tmp_path / "course" / "vignettes", "test_home_visit.yaml", data)
    assert check_file(ok).ok
    write(tmp_path, "elsewhere.yaml", (DATA / "families" / "testila.yaml").read_text(encoding="utf-8"))
    write(tmp_path, "elsewhere_scenario.yaml", TYPICAL.read_text(encoding="utf-8"))
    bad = write(tmp_path / "course" / "vignettes", "test_home_visit.yaml",
                data.replace("../families/testila.yaml", "../../elsewhere.yaml")
                .replace(str(TYPICAL), "../../elsewhere_scenario.yaml"))
    report = check_file(bad)
    assert [p.where for p in report.problems] == [
        "family", "stages[2].family_update", "stages[2].model_run.scenario"]
    assert all("outside the folders" in p.describe("en") for p in report.problems)


# ---------------------------------------------------------------- what is read at all
def test_fifo_is_refused_at_once_not_waited_on(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result: list[BaseException] = []
    reader = threading.Thread(target=lambda: result.append(_raises(read_yaml, fifo)), daemon=True)
    reader.start()
    reader.join(10)
    assert not reader.is_alive(), "reading a FIFO hangs"
    assert "not a regular file" in str(result[0])
    p = write(tmp_path, "what_if.yaml", "extends: pipe.yaml\n")
    refused(p, "pipe.yaml", "not a regular file")


def _raises(fn, *args) -> BaseException:
    try:
        fn(*args)
    except InputError as exc:
        return exc
    raise AssertionError("no InputError")


def test_devices_and_oversize_files_are_refused(tmp_path):
    assert "not a regular file" in str(_raises(read_yaml, Path("/dev/zero")))
    big = write(tmp_path, "big.yaml", "name: x\n" + "# padding\n" * (MAX_BYTES // 10 + 1))
    assert f"at most {MAX_BYTES:,}" in str(_raises(read_yaml, big))
    assert "larger than" in str(_raises(parse_yaml, "a: 1\n" + " " * MAX_BYTES))


def test_an_unreadable_file_is_one_clear_line(tmp_path, monkeypatch):
    # checked through the error the OS gives, so it holds when the tests run as root too
    p = write(tmp_path, "locked.yaml", "name: x\n")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", denied)
    assert str(_raises(read_yaml, p)) == f"{p}: cannot be read (permission denied)"


def test_a_folder_is_not_a_file(tmp_path):
    assert "is a folder" in str(_raises(read_yaml, tmp_path))


# ---------------------------------------------------------------- sizes and depths
@pytest.mark.parametrize("text", [
    "a: " + "[" * 10_000 + "]" * 10_000 + "\n",
    "a: " + "{k: " * 3_000 + "1" + "}" * 3_000 + "\n",
])
def test_deep_nesting_is_refused_not_a_recursion_error(text):
    err = _raises(parse_yaml, text)
    assert f"nested more than {MAX_DEPTH} levels deep" in str(err)


def test_nesting_just_deeper_than_the_limit_names_its_line():
    text = "".join("  " * i + f"k{i}:\n" for i in range(MAX_DEPTH + 1)) + "  " * (MAX_DEPTH + 1) + "x: 1\n"
    err = _raises(parse_yaml, text)
    assert err.where == f"line {MAX_DEPTH + 1}" and f"more than {MAX_DEPTH} levels" in str(err)
    shallow = "".join("  " * i + f"k{i}:\n" for i in range(MAX_DEPTH - 1)) + "  " * (MAX_DEPTH - 1) + "x: 1\n"
    assert parse_yaml(shallow)


def test_a_long_extends_chain_is_refused(tmp_path):
    for i in range(30):
        write(tmp_path, f"c{i}.yaml", f"extends: c{i + 1}.yaml\n")
    write(tmp_path, "c30.yaml", TYPICAL.read_text(encoding="utf-8"))
    refused(tmp_path / "c0.yaml", "chain of extends: may have at most 16 files")
    assert load_scenario(tmp_path / "c20.yaml").name


# ---------------------------------------------------------------- merging and duplicates
def test_source_without_value_under_extends_names_file_line_and_key(tmp_path):
    p = write(tmp_path, "what_if.yaml", f"extends: {TYPICAL}\nname: x\nworkforce:\n"
              "  social_workers: {source: new plan}\n")
    err = refused(p)
    assert str(err).startswith(f"{p}: line 4: workforce.social_workers: has a source but no value")


def test_a_value_without_extends_is_named_as_missing_value(tmp_path):
    text = TYPICAL.read_text(encoding="utf-8")
    lines = [ln if not ln.startswith("  social_workers:") else "  social_workers: {source: x}"
             for ln in text.splitlines()]
    err = refused(write(tmp_path, "s.yaml", "\n".join(lines) + "\n"))
    assert "workforce.social_workers: has no value; write value:" in str(err)


@pytest.mark.parametrize("text", [
    "workforce:\n  social_workers: 7\nworkforce:\n  social_workers: 8\n",
    "workforce:\n  social_workers: 7\n  hours_per_week: 38\n  social_workers: 8\n",
    "workforce: {social_workers: 7, social_workers: 8}\n",
])
def test_duplicate_keys_are_refused_with_line_and_key(tmp_path, text):
    p = write(tmp_path, "dup.yaml", f"extends: {TYPICAL}\n{text}")
    err = refused(p, "is given twice in the same mapping")
    assert err.where.startswith("line ")


def test_families_refuse_duplicate_keys_too(tmp_path):
    text = (DATA / "families" / "testila.yaml").read_text(encoding="utf-8")
    p = write(tmp_path, "f.yaml", text + "id: another\n")
    with pytest.raises(InputError, match="'id' is given twice"):
        load_family(p)


# ---------------------------------------------------------------- never echo content
def test_an_error_quotes_at_most_a_short_key_name(tmp_path):
    key = "root:$6$" + "x" * 200
    p = write(tmp_path, "s.yaml", f"extends: {TYPICAL}\n'{key}': 1\n")
    err = str(refused(p, "unknown key"))
    assert "x" * 60 not in err


def test_a_key_that_is_not_a_name_is_not_quoted_at_all(tmp_path):
    """A shadow-format line named directly as a scenario: no user, salt or hash in the error,
    while an ordinary misspelt key is still named so the user can fix it."""
    shadow = write(tmp_path, "shadow.yaml", "trainer:$6$Zq9XfK2LmN4pR7sT$4bq8Yc1dE5f: 1\n")
    err = str(refused(shadow, "unknown key"))
    assert "Zq9X" not in err and "trainer" not in err and "$6$" not in err
    assert "not a name" in err
    typo = write(tmp_path, "typo.yaml", f"extends: {TYPICAL}\nworkforce:\n  socal_workers: 3\n")
    assert "socal_workers" in str(refused(typo, "unknown key"))


def test_cli_refuses_each_bad_file_with_one_line_and_exit_2(tmp_path):
    os.mkfifo(tmp_path / "fifo.yaml")
    files = {
        "outside": "extends: /etc/passwd\n",
        "includes_fifo": "extends: fifo.yaml\n",
        "dup": f"extends: {TYPICAL}\nname: a\nname: b\n",
    }
    paths = [str(write(tmp_path, f"{k}.yaml", v)) for k, v in files.items()]
    out = cli("validate", *paths, "/dev/zero", str(tmp_path / "fifo.yaml"), timeout=60)
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == len(paths) + 3 and "Traceback" not in out.stderr
    assert all(ln.startswith("FAIL ") for ln in lines[:-1])
