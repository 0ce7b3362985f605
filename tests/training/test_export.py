"""Exports keep a trainee's text as text."""

from __future__ import annotations

import pytest

from systemsim.errors import InputError
from systemsim.training import Journal, export_journal, to_html, to_markdown

EVIL = '<script>alert("x")</script> & <b>bold</b>'


def _journal(tmp_path) -> Journal:
    j = Journal(tmp_path / "j.sqlite")
    e = j.save(EVIL, vignette_id="v", stage_id="s", prompt_key="k", language="en",
               prompt="Who am I <in> this?", author="<me>")
    j.edit(e.id, EVIL + "\nsecond line")
    j.save("Toinen pohdinta", vignette_id="v", stage_id="t", prompt_key="k", language="fi")
    return j


def test_html_escapes_text(tmp_path):
    with _journal(tmp_path) as j:
        page = to_html(j.entries())
    assert "<script>" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;" in page
    assert "Who am I &lt;in&gt; this?" in page and "&lt;me&gt;" in page
    assert "Toinen pohdinta" in page


def test_markdown_escapes_text(tmp_path):
    with _journal(tmp_path) as j:
        md = to_markdown(j.entries(all_versions=True), lang="fi")
    assert "<script>" not in md
    assert "> &lt;script&gt;" in md
    assert "> second line" in md
    assert md.startswith("# Oppimispäiväkirja")
    assert "versio 2" in md


@pytest.mark.parametrize("name", ["out.md", "out.html"])
def test_export_file(tmp_path, name):
    with _journal(tmp_path) as j:
        path = export_journal(j, tmp_path / "exports" / name)
    text = path.read_text(encoding="utf-8")
    assert "&lt;script&gt;" in text and "<script>" not in text


def test_export_unknown_format(tmp_path):
    with _journal(tmp_path) as j, pytest.raises(InputError, match="md, html"):
        export_journal(j, tmp_path / "out.pdf")


def test_export_names_bundled_vignettes_and_stages(tmp_path, monkeypatch):
    from pathlib import Path

    monkeypatch.setenv("SYSTEMSIM_VIGNETTES", str(Path(__file__).parent / "data" / "vignettes"))
    with Journal(tmp_path / "j.sqlite") as j:
        j.save("x", vignette_id="test_home_visit", stage_id="referral", prompt_key="k",
               language="fi")
        md = to_markdown(j.entries(), lang="fi")
        page = to_html(j.entries(), lang="sv")
    assert "## Testilän perhe – kotikäynti · Huoli saapuu" in md
    assert "<h2>Familjen Testilä – hembesök · Oron kommer in</h2>" in page


def test_one_heading_per_stage_even_when_written_out_of_order(tmp_path):
    with Journal(tmp_path / "j.sqlite") as j:
        for stage, key in [("a", "1"), ("b", "1"), ("a", "2")]:
            j.save(f"{stage}{key}", vignette_id="v", stage_id=stage, prompt_key=key,
                   language="en")
        md = to_markdown(j.entries(), lang="en")
    assert md.count("## v · a") == 1 and md.count("## v · b") == 1
    assert md.index("> a2") < md.index("## v · b")
