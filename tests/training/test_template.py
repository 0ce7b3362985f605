"""The template a trainer starts from is valid and never overwrites her work."""

from __future__ import annotations

import pytest

from systemsim.errors import InputError
from systemsim.training import all_paths, load_vignette
from systemsim.training.template import write_template
from systemsim.ui.vignette_author import example_problems, template_message, vignette_checker


def test_template_is_valid(tmp_path):
    path, written = write_template(tmp_path, "kotikaynti")
    assert written and path.name == "kotikaynti.yaml"
    vignette = load_vignette(path)
    assert vignette.id == "kotikaynti"
    assert all(vignette.stage(p[-1]).end for p in all_paths(vignette))


def test_template_never_overwrites(tmp_path):
    path, _ = write_template(tmp_path)
    path.write_text("my work", encoding="utf-8")
    again, written = write_template(tmp_path)
    assert not written and again.read_text(encoding="utf-8") == "my work"


def test_bad_name(tmp_path):
    with pytest.raises(InputError, match="small letters"):
        write_template(tmp_path, "My Vignette")


def test_checker_panels(tmp_path):
    assert "written" in template_message(tmp_path).value
    panel = vignette_checker(tmp_path / "my_vignette.yaml")
    assert "The file is fine: 4 stages, 2 different paths" in panel.children[1].value
    (tmp_path / "my_vignette.yaml").write_text("kind: vignette\n", encoding="utf-8")
    panel.children[0].children[1].click()
    assert "things to fix" in panel.children[1].value
    example = example_problems().value
    assert "no stage 'six_month'" in example and "line 107" in example
    assert "no 'sv' version" in example and "'money' is not a Social GRRAACCEESS" in example


def test_try_my_vignette(tmp_path, monkeypatch):
    from systemsim.ui.vignette_author import try_my_vignette
    from systemsim.ui.vignette_player import VignettePlayer

    monkeypatch.setenv("SYSTEMSIM_VIGNETTE_FOLDER", str(tmp_path))
    write_template(tmp_path)
    assert isinstance(try_my_vignette(), VignettePlayer)
    assert isinstance(try_my_vignette(tmp_path / "my_vignette.yaml"), VignettePlayer)
    assert "could not be opened" in try_my_vignette("missing").value


def test_checker_tells_a_missing_file_in_the_new_language(tmp_path):
    from systemsim.ui.language import language_switch

    panel = vignette_checker(tmp_path / "not_written_yet.yaml")
    result = panel.children[1]
    assert "file not found" in result.value
    language_switch().value = "sv"
    assert "filen finns inte" in result.value and "file not found" not in result.value
    assert panel.children[0].children[1].description == "Kontrollera filen"


def test_try_my_vignette_error_follows_the_language_switch(tmp_path):
    from systemsim.ui.language import language_switch
    from systemsim.ui.vignette_author import try_my_vignette

    box = try_my_vignette(tmp_path / "missing.yaml")
    assert "This could not be opened" in box.value and "file not found" in box.value
    language_switch().value = "fi"
    assert "Tätä ei voitu avata" in box.value and "tiedostoa ei löydy" in box.value
    assert "file not found" not in box.value
