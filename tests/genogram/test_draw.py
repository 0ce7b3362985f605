"""The plotly drawings: symbols, layers, languages, export."""

from __future__ import annotations

import pytest

from systemsim.errors import InputError
from systemsim.genogram import (
    draw_genogram,
    draw_network_map,
    example_family,
    genogram_elements,
    layout_genogram,
    save_figure,
)
from systemsim.i18n import t


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_legend_in_the_chosen_language(lang):
    family = example_family("lindqvist")
    fig = draw_genogram(family, lang=lang)
    names = {tr.name for tr in fig.data if tr.showlegend is not False and tr.name}
    for key in ("genogram.relation.abuse", "genogram.relation.cutoff", "genogram.sex.male",
                "genogram.symbol.index"):
        assert t(key, lang) in names, key
    key_texts = {a.text for a in fig.layout.annotations}  # the key under the drawing
    for key in ("genogram.union.marriage", "genogram.child.foster",
                "genogram.child.identical_twins"):
        assert t(key, lang) in key_texts, key
    titles = {tr.legendgrouptitle.text for tr in fig.data if tr.legendgrouptitle.text}
    assert t("genogram.legend.emotional", lang) in titles
    assert t("genogram.title", lang) in fig.layout.title.text


def test_layers_can_be_left_out_and_are_legend_groups():
    family = example_family("virtanen")
    full = draw_genogram(family, lang="en")
    groups = {tr.legendgroup for tr in full.data}
    assert {"people", "family", "emotional", "households"} <= groups
    assert full.layout.legend.groupclick == "togglegroup"
    bare = draw_genogram(family, lang="en", layers=())
    assert {tr.legendgroup for tr in bare.data} == {"people", "family"}
    only = draw_genogram(family, lang="en", layers=["households"])
    assert "emotional" not in {tr.legendgroup for tr in only.data}
    with pytest.raises(InputError, match="unknown layer 'names'; allowed: emotional, households"):
        draw_genogram(family, layers=("names",))


def test_symbols_follow_mcgoldrick():
    family = example_family("korhonen")
    el = genogram_elements(family, layout_genogram(family))
    sym = el.symbols
    assert len(sym["aino"].outlines) == 2  # index person: double border
    assert len(sym["tiina"].outlines) == 1
    assert sym["kalevi"].extra_lines  # deceased: X
    assert not sym["elli"].extra_lines
    assert sym["keskenmeno"].filled and sym["keskenmeno"].half < sym["aino"].half
    assert sym["kuolleena"].extra_lines and sym["kuolleena"].half < sym["aino"].half
    square = sym["seppo"].outlines[0]
    assert len(square) == 5  # a closed square for a man
    assert len(sym["marjatta"].outlines[0]) > 10  # a circle for a woman
    styles = {s.style for s in el.strokes}
    assert {"union.marriage", "union.cohabitation", "union.separated", "child.kinship",
            "child.adopted", "relation.cutoff", "relation.caregiving"} <= styles


def test_divorce_has_two_slashes_and_separation_one():
    family = example_family("virtanen")
    el = genogram_elements(family, layout_genogram(family))
    slashes = {s.ref: len(s.paths) for s in el.strokes if s.kind == "status"}
    kinds = {i: u.status for i, u in enumerate(family.unions)}
    for ref, n in slashes.items():
        assert n == (2 if kinds[ref] == "divorced" else 1)
    assert sorted(slashes.values()) == [1, 2, 2]


def test_hover_text_and_ages():
    family = example_family("virtanen")
    fig = draw_genogram(family, lang="fi", year=2026)
    hover = next(tr for tr in fig.data if tr.hovertext is not None)
    text = " ".join(hover.hovertext)
    assert "Koulussa poissaoloja" in text and "indeksihenkilö" in text
    ages = next(tr for tr in fig.data if tr.mode == "text" and "11" in list(tr.text))
    assert "11" in ages.text  # Eeli, born 2015


def test_html_export_is_standalone(tmp_path):
    fig = draw_network_map(example_family("virtanen"), lang="sv")
    out = save_figure(fig, tmp_path / "map.html")
    html = out.read_text(encoding="utf-8")
    assert "plotly" in html and len(html) > 1_000_000  # plotly.js inside, works offline
    assert "Familjen Virtanen" in html


def test_static_export_degrades_with_a_clear_message(tmp_path):
    fig = draw_genogram(example_family("korhonen"), lang="en")
    try:
        import kaleido  # noqa: F401
    except ImportError:
        with pytest.raises(InputError, match="Save as HTML instead"):
            save_figure(fig, tmp_path / "g.png", lang="en")
    with pytest.raises(InputError, match="use one of .html, .png, .svg"):
        save_figure(fig, tmp_path / "g.pdf")


def test_network_map_sectors_rings_and_lines():
    from systemsim.genogram.network_map import RINGS, SECTOR_ANGLES, network_positions

    family = example_family("virtanen")
    pos = network_positions(family)
    import math

    for m in family.network:
        x, y = pos[m.id]
        assert math.hypot(x, y) == pytest.approx(RINGS[m.closeness])
        a0, a1 = SECTOR_ANGLES[m.sector]
        assert a0 < math.degrees(math.atan2(y, x)) % 360 < a1
    fig = draw_network_map(family, lang="fi")
    texts = [a.text for a in fig.layout.annotations]
    for sector in ("family", "friends", "professionals", "others"):
        assert any(t(f"genogram.sector.{sector}", "fi") in s for s in texts)
    names = {tr.name for tr in fig.data if tr.name}
    assert {t("genogram.tie.strong", "fi"), t("genogram.tie.tenuous", "fi"),
            t("genogram.tie.stressful", "fi")} <= names
    widths = {tr.name: tr.line.width for tr in fig.data if tr.name in names and tr.line}
    assert widths[t("genogram.tie.strong", "fi")] > widths[t("genogram.tie.tenuous", "fi")]


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="choose one of fi, sv, en"):
        draw_genogram(example_family("virtanen"), lang="de")


def test_no_tie_line_runs_through_another_member():
    import math

    from systemsim.genogram.network_map import network_positions
    from systemsim.genogram.synthetic import random_family

    for family in [example_family(n) for n in ("virtanen", "korhonen", "lindqvist")] + [
            random_family(s) for s in range(20)]:
        pos = network_positions(family)
        angles = sorted(math.degrees(math.atan2(y, x)) % 360 for x, y in pos.values())
        assert all(b - a > 3 for a, b in zip(angles, angles[1:], strict=False))


def test_unknown_person_shows_a_question_mark():
    fig = draw_genogram(example_family("lindqvist"), lang="sv")
    ages = next(tr for tr in fig.data if tr.mode == "text" and "?" in list(tr.text))
    assert list(ages.text).count("?") == 1
