"""`systemsim genogram` and `systemsim validate` on family files."""

from __future__ import annotations

import pytest

import systemsim.cli as cli
from systemsim.genogram import example_path


@pytest.fixture
def run(monkeypatch, capsys):
    # Other subcommands are built on other branches; test ours on their own.
    monkeypatch.setattr(cli, "COMMANDS", [c for c in cli.COMMANDS
                                          if c in ("validate", "genogram")])

    def _run(*argv):
        code = cli.main([str(a) for a in argv])
        out = capsys.readouterr()
        return code, out.out, out.err
    return _run


def test_genogram_html(run, tmp_path):
    out = tmp_path / "g.html"
    code, stdout, _ = run("genogram", example_path("virtanen"), "--html", out, "--lang", "sv")
    assert code == 0 and out.exists()
    assert "wrote genogram of virtanen (15 people)" in stdout
    assert "Genogram: Familjen Virtanen" in out.read_text(encoding="utf-8")


def test_network_map_html(run, tmp_path):
    out = tmp_path / "n.html"
    code, _, _ = run("genogram", example_path("korhonen"), "--html", out, "--network-map")
    assert code == 0
    assert "Korhosen perhe" in out.read_text(encoding="utf-8")


def test_bad_family_exits_2_with_a_clear_line(run, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: family\nid: x\npeople:\n  - {id: a, sex: man}\n", encoding="utf-8")
    code, _, err = run("genogram", bad, "--html", tmp_path / "x.html")
    assert code == 2
    assert err.strip() == (f"systemsim: error: {bad}: people[0] (a): unknown sex 'man'; "
                           "allowed: male, female, other, unknown")
    assert "Traceback" not in err
    assert not (tmp_path / "x.html").exists()


def test_validate_dispatches_family_files(run, tmp_path):
    code, stdout, _ = run("validate", example_path("lindqvist"))
    assert code == 0 and "ok" in stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: family\nid: x\npeople:\n  - {id: a}\n  - {id: a}\n", encoding="utf-8")
    code, _, err = run("validate", bad)
    assert code == 2 and "duplicate id 'a'" in err


def test_static_image_without_engine_is_a_message_not_a_traceback(run, tmp_path):
    try:
        import kaleido  # noqa: F401
    except ImportError:
        code, _, err = run("genogram", example_path("virtanen"), "--html", tmp_path / "g.png",
                           "--lang", "en")
        assert code == 2 and "Save as HTML instead" in err


def test_a_png_without_engine_is_told_in_english_whatever_the_drawings_language(run, tmp_path):
    try:
        import kaleido  # noqa: F401
    except ImportError:
        for lang in ((), ("--lang", "fi"), ("--lang", "sv")):
            code, _, err = run("genogram", example_path("virtanen"), "--html", tmp_path / "x.png",
                               *lang)
            assert code == 2 and "(kaleido is not installed). Save as HTML instead" in err
            assert "kaleido-pakettia" not in err and "kaleido är" not in err
    else:
        pytest.skip("kaleido is installed here: nothing to refuse")
